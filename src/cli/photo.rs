//! The `photo-check` and `submission` commands.

use crate::cases::{Case, Store};
use crate::catalog::Lang;
use crate::cli::{AnswerArgs, CliError, derive_checked, load_catalog};
use crate::pdf::submission::{self, Placement, SubmissionFile, SubmissionOptions};
use crate::photo::{self, PhotoReport};
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
        note: r.note().map(|n| n.get(lang).to_string()),
        problems: r
            .problems
            .iter()
            .map(|p| JsonProblem {
                kind: p.kind.id(),
                message: p.message(lang),
                sources: &p.sources,
            })
            .collect(),
    }
}

/// `photo-check [--json] [--lang zh|en] FILE…`: a report for every readable file; exit 2 naming
/// the files that are not readable images (the report of the others is still printed).
pub fn photo_check(files: &[PathBuf], json: bool, lang: Lang) -> Result<String, CliError> {
    if files.is_empty() {
        return Err(input_err("name at least one photo"));
    }
    let mut reports = Vec::new();
    let mut unreadable = Vec::new();
    for f in files {
        match photo::check_file(f) {
            Ok(r) => reports.push((f.clone(), r)),
            Err(e) => unreadable.push(format!("{}: {}", f.display(), e.text().get(lang))),
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
            if let Some(note) = r.note() {
                let _ = writeln!(s, "  {}", note.get(lang));
            } else if r.problems.is_empty() {
                let _ = writeln!(
                    s,
                    "  {}",
                    lang.pick(
                        "未发现问题：清晰、四角完整、无反光。",
                        "No problems found: sharp, all four corners, no glare."
                    )
                );
            }
            for p in &r.problems {
                let _ = writeln!(s, "  ! [{}] {}", p.kind.id(), p.message(lang));
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
        lang.pick("以下文件不是可读取的图片：", "not readable images:"),
        unreadable.join("\n  ")
    )))
}

/// `submission (--answer …|--case LABEL) [--attach MATERIAL_ID=FILE]… --out FILE.pdf`.
pub fn submission(
    input: &AnswerArgs,
    case: Option<&str>,
    attach: &[String],
    out: &Path,
) -> Result<String, CliError> {
    let catalog = load_catalog(input.lang);
    let today = input.today()?;
    let lang = input.lang;
    let mut files: Vec<SubmissionFile> = Vec::new();
    let mut label = None;
    let answers = match case {
        Some(name) => {
            if !input.answers.is_empty() || !input.dates.is_empty() {
                return Err(input_err(
                    "--case cannot be combined with --answer or --date: the saved case has its own answers",
                ));
            }
            let (store, case) = open_case(name)?;
            for (material, a) in case.all_attachments() {
                let path = store.attachment_path(&case.id, a);
                let bytes = photo::read_file(&path).map_err(|e| {
                    other_err(format!("{}: {}", path.display(), e.text().get(lang)))
                })?;
                files.push(SubmissionFile {
                    material: material.to_string(),
                    name: if a.original_name.is_empty() {
                        a.file.clone()
                    } else {
                        a.original_name.clone()
                    },
                    bytes,
                });
            }
            label = Some(case.label.clone());
            case.answers
        }
        None => input.answers()?,
    };
    let d = derive_checked(&catalog, &answers, today, lang)?;
    for raw in attach {
        let (material, file) = raw
            .split_once('=')
            .ok_or_else(|| input_err(format!("\"{raw}\" is not in the form MATERIAL_ID=FILE")))?;
        let material = material.trim();
        if !d.materials.iter().any(|m| m.id == material) {
            let ids: Vec<&str> = d.materials.iter().map(|m| m.id.as_str()).collect();
            return Err(input_err(format!(
                "\"{material}\" is not a material of this checklist; use one of: {}",
                ids.join(", ")
            )));
        }
        let path = Path::new(file);
        let bytes = photo::read_file(path)
            .map_err(|e| input_err(format!("{file}: {}", e.text().get(lang))))?;
        if let Err(e) = photo::FileKind::sniff(&bytes) {
            return Err(input_err(format!("{file}: {}", e.text().get(lang))));
        }
        files.push(SubmissionFile {
            material: material.to_string(),
            name: path
                .file_name()
                .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned()),
            bytes,
        });
    }
    let options = SubmissionOptions {
        lang,
        label,
        printed_on: Some(today),
    };
    let result = submission::render(&d, &files, &options).map_err(|e| other_err(e.to_string()))?;
    write_atomically(out, &result.pdf)?;
    let mut s = format!("{}\n", out.display());
    for (f, p) in files.iter().zip(&result.placements) {
        if let Placement::Unreadable(why) = p {
            let _ = writeln!(s, "  {} ({}): {why}", f.name, f.material);
        }
    }
    Ok(s)
}

fn open_case(label: &str) -> Result<(Store, Case), CliError> {
    let dir = Store::default_dir().ok_or_else(|| {
        other_err("cannot find the data folder for saved cases (set YIBAO_CHECKLIST_DATA_DIR)")
    })?;
    let (store, report) = Store::open(&dir).map_err(|e| {
        other_err(format!(
            "cannot open the saved cases in {}: {e}",
            dir.display()
        ))
    })?;
    let case = store.find_by_label(&report.cases, label).cloned();
    match case {
        Some(c) => Ok((store, c)),
        None => {
            let labels: Vec<&str> = report.cases.iter().map(|c| c.label.as_str()).collect();
            Err(input_err(format!(
                "no saved case \"{label}\"; saved cases: {}",
                if labels.is_empty() {
                    "(none)".to_string()
                } else {
                    labels.join(", ")
                }
            )))
        }
    }
}

fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail = |e: std::io::Error| other_err(format!("cannot write {}: {e}", out.display()));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(out).map_err(|e| fail(e.error))?;
    Ok(())
}
