use clap::Parser;
use std::process::ExitCode;
use yibao_checklist::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
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
