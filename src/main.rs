use std::process::ExitCode;
use yibao_checklist::cli;

fn main() -> ExitCode {
    let cli = match cli::parse_args(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if cli.command.is_none() {
        // No command: the desktop app.
        #[cfg(windows)]
        hide_own_console();
        return match yibao_checklist::gui::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let t = yibao_checklist::view::strings::s(yibao_checklist::catalog::Lang::Zh);
                eprintln!("{}：{e}", t.window_error);
                ExitCode::FAILURE
            }
        };
    }
    cli::run(cli)
}

/// Started from Explorer or the Start menu, Windows gives this console program a console window
/// of its own, which would sit behind the app: let it go. Started from a terminal, the console is
/// shared with the shell (more than one process on it) and stays. The binary stays a console
/// program so that scripts get the command line's output and exit codes.
#[cfg(windows)]
fn hide_own_console() {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
        fn FreeConsole() -> i32;
    }
    let mut pids = [0u32; 2];
    // SAFETY: the buffer holds `count` entries; both calls only read or detach this process's
    // console.
    unsafe {
        if GetConsoleProcessList(pids.as_mut_ptr(), pids.len() as u32) == 1 {
            FreeConsole();
        }
    }
}
