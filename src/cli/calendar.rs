//! The `calendar` command: the deadlines as an .ics file.

use super::export::{checked_output, find_case, write_checked};
use super::{AnswerArgs, CliError, derive_checked, load_catalog};
use crate::calendar::{CalendarInput, ics};
use crate::outpath::OutKind;
use crate::view::strings;
use std::path::Path;

pub(crate) fn execute(
    input: &AnswerArgs,
    case: Option<&str>,
    out: &Path,
    force: bool,
) -> Result<String, CliError> {
    let catalog = load_catalog(input.lang);
    let today = input.today()?;
    let (answers, label, id) = match case {
        Some(label) => {
            if !input.answers.is_empty() || !input.dates.is_empty() || input.code.is_some() {
                return Err(CliError::input(crate::view::strings::one_source(
                    input.lang,
                )));
            }
            let case = find_case(label, input.lang)?;
            (case.answers, Some(case.label), Some(case.id))
        }
        None => (input.answers(&catalog)?, None, None),
    };
    let d = derive_checked(&catalog, &answers, today, input.lang)?;
    // Bad answers are reported first (exit 2); then the output rule, before anything is written.
    let out = checked_output(out, OutKind::Calendar, force, input.lang)?;
    // Without a saved case, the answers themselves name the events (their code, else a hash).
    let key = id.unwrap_or_else(|| {
        crate::view::code_of(&catalog, &d, false)
            .map(|c| c.replace('-', ""))
            .unwrap_or_else(|| format!("answers-{:016x}", fnv(&format!("{:?}", answers.0))))
    });
    let text = ics(
        &catalog,
        &d,
        &CalendarInput {
            lang: input.lang,
            label: label.as_deref(),
            key: &key,
            stamp: chrono::Utc::now(),
        },
    );
    write_checked(&out, text.as_bytes(), input.lang)?;
    let n = text.matches("BEGIN:VEVENT").count();
    Ok(format!(
        "{}\n{}\n",
        out.path().display(),
        strings::events_written(input.lang, n)
    ))
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}
