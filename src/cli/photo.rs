//! The `photo-check` and `submission` commands.

use crate::cases::Store;
use crate::catalog::Lang;
use crate::cli::{AnswerArgs, CliError, derive_checked, load_catalog};
use crate::outpath::OutKind;
use crate::pdf::submission::{Placement, SubmissionFile};
use crate::photo::{self, PhotoReport};
use crate::view::strings;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write as _;
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

#[derive(Serialize)]
struct JsonProblem<'a> {
    kind: &'a str,
    message: String,
    sources: &'a [String],
}

#[derive(Serialize)]
struct JsonFile<'a> {
    file: String,
    width: Option<u32>,
    height: Option<u32>,
    /// False for a PDF (accepted, not pixel-checked).
    checked: bool,
    note: Option<String>,
    problems: Vec<JsonProblem<'a>>,
}

fn json_file<'a>(path: &Path, r: &'a PhotoReport, lang: Lang) -> JsonFile<'a> {
    JsonFile {
        file: path.display().to_string(),
        width: r.width,
        height: r.height,
        checked: r.checked,
        note: strings::photo_note(lang, r).map(str::to_string),
        problems: r
            .problems
            .iter()
            .map(|p| JsonProblem {
                kind: p.kind.id(),
                message: strings::photo_message(lang, p),
                sources: &p.sources,
            })
            .collect(),
    }
}

/// `photo-check [--json] [--lang zh|en] FILE…`: a report for every readable file; exit 2 naming
/// the files that are not readable images (the report of the others is still printed).
pub(crate) fn photo_check(files: &[PathBuf], json: bool, lang: Lang) -> Result<String, CliError> {
    if files.is_empty() {
        return Err(input_err(strings::s(lang).photo_none_named));
    }
    let mut reports = Vec::new();
    let mut unreadable = Vec::new();
    for f in files {
        match photo::check_file(f) {
            Ok(r) => reports.push((f.clone(), r)),
            Err(e) => unreadable.push(format!(
                "{}{}{}",
                f.display(),
                strings::colon(lang),
                strings::photo_error(lang, &e)
            )),
        }
    }
    let out = if json {
        let list: Vec<JsonFile> = reports.iter().map(|(f, r)| json_file(f, r, lang)).collect();
        serde_json::to_string_pretty(&list).expect("serializable") + "\n"
    } else {
        let mut s = String::new();
        for (f, r) in &reports {
            match (r.width, r.height) {
                (Some(w), Some(h)) => {
                    let _ = writeln!(s, "{} ({w}×{h})", f.display());
                }
                _ => {
                    let _ = writeln!(s, "{}", f.display());
                }
            }
            if let Some(note) = strings::photo_note(lang, r) {
                let _ = writeln!(s, "  {note}");
            } else if r.problems.is_empty() {
                let _ = writeln!(s, "  {}", strings::s(lang).photo_no_problem);
            }
            for p in &r.problems {
                let _ = writeln!(
                    s,
                    "  ! [{}] {}",
                    p.kind.id(),
                    strings::photo_message(lang, p)
                );
            }
        }
        s
    };
    if unreadable.is_empty() {
        return Ok(out);
    }
    // The readable files' report still goes to stdout; the error names the others.
    print!("{out}");
    let _ = std::io::stdout().flush();
    Err(input_err(format!(
        "{}\n  {}",
        strings::s(lang).photo_unreadable_files,
        unreadable.join("\n  ")
    )))
}

/// `submission (--answer …|--case LABEL) [--attach MATERIAL_ID=FILE]… --out FILE.pdf`.
pub fn submission(
    input: &AnswerArgs,
    case: Option<&str>,
    attach: &[String],
    out: &Path,
    force: bool,
) -> Result<String, CliError> {
    let catalog = load_catalog(input.lang);
    let today = input.today()?;
    let lang = input.lang;
    let mut files: Vec<SubmissionFile> = Vec::new();
    let mut label = None;
    let answers = match case {
        Some(name) => {
            if !input.answers.is_empty() || !input.dates.is_empty() {
                return Err(input_err(strings::one_source(lang)));
            }
            // Read-only, like every reading command: nothing in the store is changed.
            let case = super::export::find_case(name, lang)?;
            let store_dir = Store::default_dir()
                .ok_or_else(|| other_err(strings::cases_unavailable(lang, None, "")))?;
            for file in crate::sheets::attachments(&store_dir, &case, lang) {
                files.push(file.map_err(other_err)?);
            }
            label = Some(case.label.clone());
            case.answers
        }
        None => input.answers(&catalog)?,
    };
    let d = derive_checked(&catalog, &answers, today, lang)?;
    for raw in attach {
        let (material, file) = raw
            .split_once('=')
            .ok_or_else(|| input_err(strings::not_an_attachment(lang, raw)))?;
        let material = material.trim();
        if !d.materials.iter().any(|m| m.id == material) {
            let ids: Vec<&str> = d.materials.iter().map(|m| m.id.as_str()).collect();
            return Err(input_err(strings::not_a_material(
                lang,
                material,
                &ids.join(", "),
            )));
        }
        let path = Path::new(file);
        let bytes = photo::read_file(path).map_err(|e| {
            input_err(strings::file_error(
                lang,
                file,
                &strings::photo_error(lang, &e),
            ))
        })?;
        if let Err(e) = photo::FileKind::sniff(&bytes) {
            return Err(input_err(strings::file_error(
                lang,
                file,
                &strings::photo_error(lang, &e),
            )));
        }
        files.push(SubmissionFile {
            material: material.to_string(),
            name: path
                .file_name()
                .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned()),
            bytes,
        });
    }
    // Bad answers and attachments are reported first (exit 2); then the output rule.
    let out = super::export::checked_output(out, OutKind::Pdf, force, lang)?;
    let (sheet, placements) = crate::sheets::submission(&d, &files, label, lang, today)
        .map_err(|e| other_err(e.to_string()))?;
    super::export::write_checked(&out, &sheet.bytes, lang)?;
    let mut s = format!("{}\n", out.path().display());
    for (f, p) in files.iter().zip(&placements) {
        if let Placement::Unreadable(why) = p {
            let _ = writeln!(s, "  {} ({}): {why}", f.name, f.material);
        }
    }
    Ok(s)
}
