use clap::{CommandFactory, FromArgMatches, Parser};
use std::process::ExitCode;
use yibao_checklist::cli::{self, Cli};
use yibao_checklist::version;

fn main() -> ExitCode {
    let cli = if version::asks_for_version(std::env::args_os()) {
        // The data version is in the catalog: load it only when asked. clap wants a 'static
        // version string; this runs once, just before printing and exiting.
        let text: &'static str = Box::leak(version::version_text().into_boxed_str());
        let matches = Cli::command().version(text).get_matches();
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    } else {
        Cli::parse()
    };
    if cli.command.is_none() {
        // No command: the desktop app.
        return match yibao_checklist::gui::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot open the window: {e}");
                ExitCode::FAILURE
            }
        };
    }
    cli::run(cli)
}
