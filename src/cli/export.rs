//! The `export` and `export-pack` commands (PDF printing from the command line).

use super::{AnswerArgs, CliError, Command, load_catalog};
use crate::cases::{Case, Store};
use crate::catalog::{Catalog, Lang, QuickSheet};
use crate::outpath::{OutFolder, OutKind, Output};
use crate::sheets;
use crate::view::strings;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

fn input_err(message: impl Into<String>) -> CliError {
    CliError {
        message: message.into(),
        code: 2,
    }
}

fn other_err(message: impl Into<String>) -> CliError {
    CliError {
        message: message.into(),
        code: 1,
    }
}

pub(crate) fn execute(command: Command) -> Result<String, CliError> {
    match command {
        Command::Export {
            input,
            case,
            quick,
            name,
            out,
            large,
            blank,
            full,
            force,
        } => {
            let out = Output::check(&out, OutKind::Pdf, force)
                .map_err(|e| other_err(strings::out_path_error(input.lang, &e)))?;
            export(
                &SheetRequest {
                    input: &input,
                    case: case.as_deref(),
                    quick: quick.as_deref(),
                    name: name.as_deref(),
                    large,
                    blank,
                    full,
                },
                &out,
            )
        }
        Command::Print {
            input,
            case,
            quick,
            name,
            printer,
            large,
            full,
        } => print(
            &SheetRequest {
                input: &input,
                case: case.as_deref(),
                quick: quick.as_deref(),
                name: name.as_deref(),
                large,
                blank: false,
                full,
            },
            printer.as_deref(),
        ),
        Command::ExportPack {
            out,
            lang,
            large,
            full,
            force,
        } => {
            let catalog = load_catalog(lang);
            let today = chrono::Local::now().date_naive();
            let options = PackOptions { large, full, force };
            let written = export_pack_with(&catalog, &out, lang, &options, today)?;
            Ok(written
                .iter()
                .map(|p| format!("{}\n", p.display()))
                .collect())
        }
        _ => Err(other_err("not an export command")),
    }
}

/// What a sheet is made from: answers, a saved case or a quick sheet.
pub(crate) struct SheetRequest<'a> {
    pub input: &'a AnswerArgs,
    pub case: Option<&'a str>,
    pub quick: Option<&'a str>,
    /// The patient's name on a quick sheet.
    pub name: Option<&'a str>,
    pub large: bool,
    pub blank: bool,
    pub full: bool,
}

/// The sheet a command asks for (see [`sheets`]).
fn sheet(req: &SheetRequest) -> Result<sheets::Sheet, CliError> {
    let input = req.input;
    let lang = input.lang;
    let catalog = load_catalog(lang);
    let today = input.today()?;
    let given = !input.answers.is_empty() || !input.dates.is_empty() || input.code.is_some();
    let sources = [req.case.is_some(), req.quick.is_some(), given];
    if sources.iter().filter(|x| **x).count() > 1 {
        return Err(input_err(strings::one_source(lang)));
    }
    let (case, answers);
    let source = if let Some(label) = req.case {
        case = find_case(label, lang)?;
        sheets::Source::Case(&case)
    } else if let Some(id) = req.quick {
        sheets::Source::Quick { id, name: req.name }
    } else {
        answers = input.answers(&catalog)?;
        sheets::Source::Answers(&answers)
    };
    let request = sheets::Request {
        source,
        lang,
        today,
        full: req.full,
        blank: req.blank,
        large: req.large,
    };
    let sheet = checked_sheet(&catalog, &request)?;
    if !sheet.missing_glyphs.is_empty() {
        eprintln!(
            "{}",
            strings::missing_glyphs_warning(&sheet.missing_glyphs, lang)
        );
    }
    Ok(sheet)
}

/// The sheet of a request, its answers checked as every command checks them (all questions
/// answered, a quick sheet's open ones aside) and the errors worded for the command line.
fn checked_sheet(catalog: &Catalog, req: &sheets::Request) -> Result<sheets::Sheet, CliError> {
    let lang = req.lang;
    let derived = match req.source.derive(catalog, req.today) {
        Ok(d) => Ok(d),
        Err(sheets::SheetError::Answers(e)) => Err(e),
        Err(e) => return Err(sheet_error(lang, e)),
    };
    let d = super::checked(catalog, derived, lang)?;
    sheets::draw(catalog, &d, req).map_err(|e| sheet_error(lang, e))
}

fn sheet_error(lang: Lang, e: sheets::SheetError) -> CliError {
    match e {
        sheets::SheetError::UnknownQuick { id, known } => {
            input_err(strings::unknown_quick(lang, &id, &known.join(", ")))
        }
        e => other_err(e.to_string()),
    }
}

fn export(req: &SheetRequest, out: &Output) -> Result<String, CliError> {
    write_checked(out, &sheet(req)?.bytes, req.input.lang)?;
    Ok(format!("{}\n", out.path().display()))
}

fn print(req: &SheetRequest, printer: Option<&str>) -> Result<String, CliError> {
    let lang = req.input.lang;
    match sheets::print(&sheet(req)?, printer) {
        Ok(job) => Ok(format!("{}\n", strings::print_accepted(lang, &job))),
        Err(e) => Err(other_err(strings::print_error(lang, &e))),
    }
}

/// The saved case with this label: exact match first, then ignoring case. The store is opened
/// read-only: what it finds (a corrupt file, a newer one) is reported, never changed.
pub(super) fn find_case(label: &str, lang: Lang) -> Result<Case, CliError> {
    let dir = Store::default_dir()
        .ok_or_else(|| other_err(strings::cases_unavailable(lang, None, "")))?;
    let report = Store::open_read_only(&dir).map_err(|e| {
        let shown = dir.display().to_string();
        other_err(strings::cases_unavailable(
            lang,
            Some(&shown),
            &strings::store_error(lang, &e),
        ))
    })?;
    for f in report.findings() {
        eprintln!(
            "{}{}{}",
            strings::s(lang).notice,
            strings::colon(lang),
            strings::finding(lang, &f)
        );
    }
    pick_case(report.cases, label, lang)
}

fn pick_case(cases: Vec<Case>, label: &str, lang: Lang) -> Result<Case, CliError> {
    let label = label.trim();
    if let Some(i) = cases.iter().position(|c| c.label.trim() == label) {
        return Ok(cases.into_iter().nth(i).expect("found"));
    }
    let wanted = label.to_lowercase();
    let matching: Vec<usize> = cases
        .iter()
        .enumerate()
        .filter(|(_, c)| c.label.trim().to_lowercase() == wanted)
        .map(|(i, _)| i)
        .collect();
    if let [i] = matching[..] {
        return Ok(cases.into_iter().nth(i).expect("found"));
    }
    let several = matching.len() > 1;
    let mut labels: Vec<&str> = if several {
        matching.iter().map(|&i| cases[i].label.as_str()).collect()
    } else {
        cases.iter().map(|c| c.label.as_str()).collect()
    };
    labels.sort();
    Err(input_err(strings::case_not_found(
        lang, label, &labels, several,
    )))
}

/// Checks `out` by the output rule (see [`crate::outpath`]) for a file of `kind`, worded in
/// `lang`: every command that writes a file gets its [`Output`] here, before doing the work.
pub(crate) fn checked_output(
    out: &Path,
    kind: OutKind,
    force: bool,
    lang: Lang,
) -> Result<Output, CliError> {
    Output::check(out, kind, force).map_err(|e| other_err(strings::out_path_error(lang, &e)))
}

/// Writes a checked output (temporary file renamed into place), the error worded in `lang`.
pub(crate) fn write_checked(out: &Output, bytes: &[u8], lang: Lang) -> Result<(), CliError> {
    out.write(bytes)
        .map_err(|e| other_err(strings::out_path_error(lang, &e)))
}

/// The file name of a quick sheet: `01-异地就医备案-临时外出就医.pdf` or `01-filing-temporary-trip.pdf`.
pub fn pack_file_name(i: usize, sheet: &QuickSheet, lang: Lang) -> String {
    let name = match lang {
        Lang::Zh => sheet.name.zh.to_string(),
        Lang::En => sheet.id.clone(),
    };
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    format!("{:02}-{safe}.pdf", i + 1)
}

/// How `export-pack` prints and whether it may replace files of another kind.
#[derive(Debug, Clone, Copy, Default)]
pub struct PackOptions {
    pub large: bool,
    pub full: bool,
    pub force: bool,
}

/// Writes one blank sheet per common scenario into `dir` (created if missing), by the output
/// rule: not into the data folder's `cases/` or `checklists/`, over nothing that exists in the
/// data folder, over no file that is not a PDF (unless `force`).
pub fn export_pack(
    catalog: &Catalog,
    dir: &Path,
    lang: Lang,
    large: bool,
    full: bool,
    today: NaiveDate,
) -> Result<Vec<PathBuf>, CliError> {
    let options = PackOptions {
        large,
        full,
        force: false,
    };
    export_pack_with(catalog, dir, lang, &options, today)
}

fn export_pack_with(
    catalog: &Catalog,
    dir: &Path,
    lang: Lang,
    pack: &PackOptions,
    today: NaiveDate,
) -> Result<Vec<PathBuf>, CliError> {
    let err = |e: crate::outpath::OutPathError| other_err(strings::out_path_error(lang, &e));
    // Checked before the folder is made: a refused target leaves no folder behind.
    let folder = OutFolder::check(dir).map_err(err)?;
    folder.create().map_err(|e| match e {
        crate::outpath::OutPathError::Io { source, .. } => other_err(
            strings::cannot_create_folder(lang, &dir.display().to_string(), &source),
        ),
        e => err(e),
    })?;
    // Every file is checked before any is written.
    let outputs: Vec<Output> = catalog
        .quick_sheets
        .iter()
        .enumerate()
        .map(|(i, s)| folder.file(&pack_file_name(i, s, lang), OutKind::Pdf, pack.force))
        .collect::<Result<_, _>>()
        .map_err(err)?;
    // Render on two threads (the sheets are independent); write in order.
    let jobs: Vec<(usize, &QuickSheet)> = catalog.quick_sheets.iter().enumerate().collect();
    let render_one = |&(i, s): &(usize, &QuickSheet)| -> Result<Vec<u8>, CliError> {
        let req = sheets::Request {
            source: sheets::Source::Quick {
                id: &s.id,
                name: None,
            },
            lang,
            today,
            full: pack.full,
            blank: true,
            large: pack.large,
        };
        checked_sheet(catalog, &req).map(|s| s.bytes).map_err(|e| {
            other_err(strings::file_error(
                lang,
                &pack_file_name(i, s, lang),
                &e.message,
            ))
        })
    };
    let (first, second) = jobs.split_at(jobs.len() / 2);
    let (a, b) = std::thread::scope(|scope| {
        let h = scope.spawn(|| second.iter().map(render_one).collect::<Vec<_>>());
        let a: Vec<_> = first.iter().map(render_one).collect();
        (a, h.join().expect("render thread"))
    });
    let mut written = Vec::new();
    for (out, r) in outputs.iter().zip(a.into_iter().chain(b)) {
        write_checked(out, &r?, lang)?;
        written.push(out.path().to_path_buf());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(label: &str) -> Case {
        Case {
            schema: crate::cases::SCHEMA_VERSION,
            id: label.to_lowercase(),
            label: label.into(),
            created: String::new(),
            updated: String::new(),
            answers: crate::engine::Answers::new(),
            items: Default::default(),
            status: Default::default(),
        }
    }

    #[test]
    fn cases_match_exactly_then_ignoring_case() {
        let en = Lang::En;
        let cases = vec![case("Mum"), case("mum"), case("Dad")];
        assert_eq!(pick_case(cases.clone(), "mum", en).unwrap().id, "mum");
        assert_eq!(pick_case(cases.clone(), "DAD", en).unwrap().label, "Dad");
        let err = pick_case(cases.clone(), "MUM", en).unwrap_err();
        assert!(err.message.contains("more than one"), "{}", err.message);
        let err = pick_case(cases, "Gran", en).unwrap_err();
        assert_eq!(err.code, 2);
        assert!(
            err.message.contains("\"Dad\"") && err.message.contains("\"Mum\""),
            "{}",
            err.message
        );
    }

    #[test]
    fn pack_names_are_unique_and_numbered() {
        let catalog = Catalog::bundled().unwrap();
        let sheets = &catalog.quick_sheets;
        assert!(sheets.len() >= 10, "{}", sheets.len());
        for lang in [Lang::Zh, Lang::En] {
            let mut names: Vec<String> = sheets
                .iter()
                .enumerate()
                .map(|(i, s)| pack_file_name(i, s, lang))
                .collect();
            assert!(names[0].starts_with("01-"));
            names.sort();
            names.dedup();
            assert_eq!(names.len(), sheets.len());
        }
    }
}
