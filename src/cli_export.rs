//! The `export` and `export-pack` commands (PDF printing from the command line).
//!
//! SKELETON: filled in by the PDF work.

use crate::cli::{CliError, Command};

pub fn execute(command: Command) -> Result<String, CliError> {
    let _ = command;
    Err(CliError { message: "PDF export is not built yet".into(), code: 1 })
}
