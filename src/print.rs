//! Sending a PDF to the system's print service: CUPS (`lp`, `lpstat`) on Linux and macOS, the
//! shell's print verb on Windows. Nothing here knows what is printed.

use std::io;
use std::path::Path;
use std::process::Command;

/// A print queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printer {
    pub name: String,
    /// The system's default queue.
    pub default: bool,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum PrintError {
    /// No print service on this computer (CUPS is not installed or not running).
    #[error("no print service is available")]
    NoService,
    /// The print service knows no printer.
    #[error("no printer is set up")]
    NoPrinter,
    /// The print service has no queue of this name.
    #[error("there is no printer \"{0}\"")]
    UnknownPrinter(String),
    /// The queue exists but does not take jobs now.
    #[error("the printer \"{0}\" is not accepting jobs")]
    NotAccepting(String),
    /// The print service refused the job. `said` is its own message (in English: the commands
    /// run with `LC_ALL=C`), shown to the user quoted as what the print service said.
    #[error("the print service refused the job: {said}")]
    Rejected { said: String },
    #[error("cannot run the print command: {0}")]
    Io(#[from] io::Error),
}

/// A command of the print service, with messages in a fixed language for parsing.
#[cfg(unix)]
fn cups(program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("LC_ALL", "C").env("LANG", "C");
    c
}

/// The printers the system knows, the default one first.
#[cfg(unix)]
pub(crate) fn printers() -> Result<Vec<Printer>, PrintError> {
    let out = match cups("lpstat").arg("-e").output() {
        Ok(o) => o,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(PrintError::NoService),
        Err(e) => return Err(e.into()),
    };
    if !out.status.success() {
        // lpstat fails when the scheduler is not running.
        return Err(PrintError::NoService);
    }
    let default = cups("lpstat")
        .arg("-d")
        .output()
        .ok()
        .and_then(|o| parse_default(&String::from_utf8_lossy(&o.stdout)));
    let mut list: Vec<Printer> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|name| Printer {
            name: name.to_string(),
            default: default.as_deref() == Some(name),
        })
        .collect();
    list.sort_by_key(|p| !p.default);
    Ok(list)
}

/// "system default destination: PDF" → "PDF".
fn parse_default(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix("system default destination:"))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// "request id is PDF-3 (1 file(s))" → "PDF-3".
fn parse_job(text: &str) -> Option<String> {
    let rest = text.split("request id is ").nth(1)?;
    rest.split_whitespace().next().map(str::to_string)
}

/// Sends a PDF to `printer` (or the default one) and returns the job's id once the print service
/// has accepted it. `lp` copies the file into the spool, so it may be removed afterwards.
#[cfg(unix)]
pub(crate) fn print_pdf(
    path: &Path,
    printer: Option<&str>,
    title: &str,
) -> Result<String, PrintError> {
    let printer = match printer {
        Some(p) => p.to_string(),
        None => printers()?
            .into_iter()
            .next()
            .map(|p| p.name)
            .ok_or(PrintError::NoPrinter)?,
    };
    let out = match cups("lp")
        .arg("-d")
        .arg(&printer)
        .arg("-t")
        .arg(title)
        .arg("--")
        .arg(path)
        .output()
    {
        Ok(o) => o,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(PrintError::NoService),
        Err(e) => return Err(e.into()),
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    match (out.status.success(), parse_job(&stdout)) {
        (true, Some(job)) => Ok(job),
        _ => Err(lp_refusal(&printer, &String::from_utf8_lossy(&out.stderr))),
    }
}

/// Longest part of the print service's own message that is passed on.
const MAX_SAID: usize = 300;

/// `lp`'s complaint as a [`PrintError`]: the common ones by meaning (so they can be worded in
/// the user's language), anything else quoted.
fn lp_refusal(printer: &str, stderr: &str) -> PrintError {
    let said = stderr.trim();
    let lower = said.to_ascii_lowercase();
    if lower.contains("printer or class does not exist") {
        PrintError::UnknownPrinter(printer.to_string())
    } else if lower.contains("not accepting jobs") {
        PrintError::NotAccepting(printer.to_string())
    } else if lower.contains("no default destination") {
        PrintError::NoPrinter
    } else if lower.contains("unable to connect to server")
        || lower.contains("scheduler not responding")
    {
        PrintError::NoService
    } else {
        let said = said.strip_prefix("lp:").unwrap_or(said).trim_start();
        let said = said
            .strip_prefix("Error - ")
            .or_else(|| said.strip_prefix("error - "))
            .unwrap_or(said);
        PrintError::Rejected {
            said: said
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(MAX_SAID)
                .collect(),
        }
    }
}

/// Windows lists no queues here: the shell's print verb prints on the default printer.
#[cfg(windows)]
pub(crate) fn printers() -> Result<Vec<Printer>, PrintError> {
    Ok(Vec::new())
}

/// The shell's "print" verb on the file (the PDF viewer prints it on the default printer).
#[cfg(windows)]
pub(crate) fn print_pdf(
    path: &Path,
    _printer: Option<&str>,
    _title: &str,
) -> Result<String, PrintError> {
    let status = Command::new("powershell")
        .args(["-NoProfile", "-NonInteractive", "-Command"])
        .arg(format!(
            "Start-Process -FilePath '{}' -Verb Print",
            path.display().to_string().replace('\'', "''")
        ))
        .status()?;
    if status.success() {
        Ok("shell".to_string())
    } else {
        Err(PrintError::Rejected {
            said: String::new(),
        })
    }
}

#[cfg(not(any(unix, windows)))]
pub(crate) fn printers() -> Result<Vec<Printer>, PrintError> {
    Err(PrintError::NoService)
}

#[cfg(not(any(unix, windows)))]
pub(crate) fn print_pdf(_: &Path, _: Option<&str>, _: &str) -> Result<String, PrintError> {
    Err(PrintError::NoService)
}

/// A print job's title on one line: line breaks and tabs become spaces, other control
/// characters are dropped (a label is typed by a person; the queue shows the title as is).
fn job_title(title: &str) -> String {
    let one_line: String = title
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' | '\u{85}' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    one_line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes `bytes` to a private temporary file and prints it.
pub(crate) fn print_bytes(
    bytes: &[u8],
    printer: Option<&str>,
    title: &str,
) -> Result<String, PrintError> {
    let title = &job_title(title);
    use std::io::Write as _;
    let mut tmp = tempfile::Builder::new()
        .prefix("yibao-print-")
        .suffix(".pdf")
        .tempfile()?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    print_pdf(tmp.path(), printer, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lp_and_lpstat_answers_are_read() {
        assert_eq!(
            parse_job("request id is PDF-3 (1 file(s))\n").as_deref(),
            Some("PDF-3")
        );
        assert_eq!(parse_job("lp: error"), None);
        assert_eq!(
            parse_default("system default destination: Front_Desk\n").as_deref(),
            Some("Front_Desk")
        );
        assert_eq!(parse_default("no system default destination\n"), None);
    }

    #[test]
    fn job_titles_are_one_line_without_control_characters() {
        assert_eq!(
            job_title("妈妈\n住院\r\n2026\u{1b}[2J\u{7}\t清单"),
            "妈妈 住院 2026[2J 清单"
        );
        assert_eq!(job_title("a\u{2028}b\u{85}c"), "a b c");
    }

    #[test]
    fn lp_complaints_are_recognised_or_passed_on_in_one_line() {
        assert!(matches!(
            lp_refusal("Q", "lp: Error - The printer or class does not exist.\n"),
            PrintError::UnknownPrinter(p) if p == "Q"
        ));
        assert!(matches!(
            lp_refusal("Q", "lp: Destination \"Q\" is not accepting jobs.\n"),
            PrintError::NotAccepting(_)
        ));
        match lp_refusal("Q", "lp: Error - Something\n  odd happened.\n") {
            PrintError::Rejected { said } => assert_eq!(said, "Something odd happened."),
            other => panic!("{other:?}"),
        }
    }
}
