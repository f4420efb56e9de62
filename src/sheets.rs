//! One way to a printed sheet, for the app and the command line alike: from answers, a saved
//! case or a front-desk quick sheet to the essentials or the full sheet, as PDF bytes with a
//! title and a file name, then saved or sent to the print service. The submission package's
//! files are gathered here too. What goes wrong is returned; the callers say it their own way.

use crate::cases::Case;
use crate::catalog::{Catalog, Lang};
use crate::engine::{Answers, Derivation, DeriveError};
use crate::pdf::submission::{Placement, SubmissionFile, SubmissionOptions};
use crate::pdf::{PdfError, SheetOptions};
use crate::view::strings;
use chrono::NaiveDate;
use std::path::Path;

/// What a sheet is made from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// Answers given (at the command line, or from a code).
    Answers(&'a Answers),
    /// A saved case: its name, ticks and notes are on the sheet unless it is blank.
    Case(&'a Case),
    /// A front-desk quick sheet (always blank), with the patient's name if one was typed.
    Quick { id: &'a str, name: Option<&'a str> },
}

/// A sheet to make.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub source: Source<'a>,
    pub lang: Lang,
    /// The day deadlines are counted from and the sheet is dated.
    pub today: NaiveDate,
    /// Every detail, version, rule and source; otherwise the essentials.
    pub full: bool,
    /// No name, ticks or notes: a sheet to fill in by hand.
    pub blank: bool,
    /// Bigger type for older readers.
    pub large: bool,
}

/// A rendered sheet.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub bytes: Vec<u8>,
    /// The document's title, also the print job's name.
    pub title: String,
    /// A file name without `.pdf`: `张三-2026-03-01`, `空白清单-2026-03-01`.
    pub stem: String,
    /// Characters the font cannot show (they print as blanks): the user is told.
    pub missing_glyphs: Vec<char>,
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("there is no quick sheet {id}")]
    UnknownQuick { id: String, known: Vec<String> },
    #[error("the answers do not fit the questions")]
    Answers(DeriveError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
}

impl Source<'_> {
    /// What the sheet is worked out from: a quick sheet's open questions stay open.
    pub fn derive(&self, catalog: &Catalog, today: NaiveDate) -> Result<Derivation, SheetError> {
        let derived = match self {
            Source::Answers(a) => crate::engine::derive(catalog, a, today),
            Source::Case(c) => crate::engine::derive(catalog, &c.answers, today),
            Source::Quick { id, .. } => {
                let q = quick_sheet(catalog, id)?;
                crate::engine::derive_open(catalog, &crate::engine::quick_given(q), today)
            }
        };
        derived.map_err(SheetError::Answers)
    }
}

fn quick_sheet<'c>(
    catalog: &'c Catalog,
    id: &str,
) -> Result<&'c crate::catalog::QuickSheet, SheetError> {
    catalog
        .quick_sheets
        .iter()
        .find(|q| q.id == id)
        .ok_or_else(|| SheetError::UnknownQuick {
            id: id.to_string(),
            known: catalog.quick_sheets.iter().map(|q| q.id.clone()).collect(),
        })
}

/// The sheet a request asks for: worked out, then drawn.
pub fn make(catalog: &Catalog, req: &Request) -> Result<Sheet, SheetError> {
    let d = req.source.derive(catalog, req.today)?;
    draw(catalog, &d, req)
}

/// The view a sheet prints, and its file name without `.pdf`: what `draw` lays out.
pub fn view(
    catalog: &Catalog,
    d: &Derivation,
    req: &Request,
) -> Result<(crate::view::View, String), SheetError> {
    let lang = req.lang;
    let t = strings::s(lang);
    let today = req.today;
    let (label, items, stem) = match req.source {
        Source::Answers(_) => (None, None, format!("{}-{today}", t.blank_sheet)),
        Source::Case(c) => {
            let label = strings::display_label(lang, &c.label);
            let stem = if req.blank {
                format!("{}-{today}", t.blank_sheet)
            } else {
                format!("{}-{today}", safe_file_name(&label))
            };
            ((!req.blank).then_some(label), Some(&c.items), stem)
        }
        Source::Quick { id, name } => {
            let q = quick_sheet(catalog, id)?;
            let name = name.map(str::trim).filter(|n| !n.is_empty());
            let mut stem = safe_file_name(q.name.get(lang));
            if let Some(n) = name {
                stem = format!("{}-{stem}", safe_file_name(n));
            }
            (name.map(str::to_string), None, format!("{stem}-{today}"))
        }
    };
    // A front-desk hand-out is blank (no dates, no ticks): only the name, if typed.
    let blank = req.blank || matches!(req.source, Source::Quick { .. });
    let v = crate::view::build(
        catalog,
        d,
        &crate::view::ViewInput {
            lang,
            label: label.as_deref(),
            items,
            blank,
        },
    );
    Ok((v, stem))
}

/// Draws the sheet of `req` from `d`, what `req.source.derive` gave (the app keeps it; the
/// command line checks it first).
pub fn draw(catalog: &Catalog, d: &Derivation, req: &Request) -> Result<Sheet, SheetError> {
    let (v, stem) = view(catalog, d, req)?;
    let options = SheetOptions {
        large: req.large,
        full: req.full,
    };
    let rendered = crate::pdf::render_view_report(&v, &options)?;
    Ok(Sheet {
        bytes: rendered.bytes,
        title: v.document_title(),
        stem,
        missing_glyphs: rendered.missing_glyphs,
    })
}

/// The submission package of `d`: a cover listing every material as attached or missing, then
/// one page per photo, named after the case (`label`, as displayed) and the day. With where each
/// file went: one that cannot be read is left out, and the caller says so.
pub fn submission(
    d: &Derivation,
    files: &[SubmissionFile],
    label: Option<String>,
    lang: Lang,
    today: NaiveDate,
) -> Result<(Sheet, Vec<Placement>), SheetError> {
    let options = SubmissionOptions {
        lang,
        label: label.clone(),
        printed_on: Some(today),
    };
    let result = crate::pdf::submission::render(d, files, &options)?;
    let title = label.unwrap_or_else(|| strings::s(lang).submission_file.to_string());
    let stem = format!(
        "{}-{}-{today}",
        safe_file_name(&title),
        strings::s(lang).submission_file
    );
    let sheet = Sheet {
        bytes: result.pdf,
        title,
        stem,
        missing_glyphs: Vec::new(),
    };
    Ok((sheet, result.placements))
}

/// Sends a sheet to `printer` (else the default one); the print job's id once it is accepted.
pub(crate) fn print(
    sheet: &Sheet,
    printer: Option<&str>,
) -> Result<String, crate::print::PrintError> {
    crate::print::print_bytes(&sheet.bytes, printer, &sheet.title)
}

/// The files attached to a saved case, for its submission package, in the case's order: each
/// read from the case's own folder in `store_dir` (a regular file, nothing outside it), or why
/// it cannot be, in `lang`.
pub fn attachments(
    store_dir: &Path,
    case: &Case,
    lang: Lang,
) -> Vec<Result<SubmissionFile, String>> {
    case.all_attachments()
        .map(|(material, a)| {
            let path = crate::cases::attachment_file(store_dir, &case.id, a)
                .map_err(|e| strings::attachment_path_error(lang, &case.label, &e))?;
            let bytes = crate::photo::read_file(&path).map_err(|e| {
                format!(
                    "{}{}{}",
                    path.display(),
                    strings::colon(lang),
                    strings::photo_error(lang, &e)
                )
            })?;
            let name = if a.original_name.is_empty() {
                a.file.clone()
            } else {
                a.original_name.clone()
            };
            Ok(SubmissionFile {
                material: material.to_string(),
                name,
                bytes,
            })
        })
        .collect()
}

/// A file name from a case's name: no path separators or characters Windows forbids.
pub(crate) fn safe_file_name(label: &str) -> String {
    let cleaned: String = label
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches('.').to_string();
    if cleaned.is_empty() {
        "checklist".to_string()
    } else {
        cleaned.chars().take(80).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe_file_name("张三/李四: 住院?"), "张三_李四_ 住院_");
        assert_eq!(safe_file_name("  "), "checklist");
        assert_eq!(safe_file_name("..."), "checklist");
    }
}
