//! Scanning the store folder: loading, quarantine, recovery from `.bak`.

use super::schema::{self, Parsed};
use super::{
    Case, LoadReport, LoadWarning, NewerSchema, NotMoved, Quarantined, SCHEMA_VERSION, Unreadable,
    fsio, read_err,
};
use std::fs;
use std::path::{Path, PathBuf};

/// The case id of a `<id>.ron` file name (not hidden, UTF-8 stem), else `None`.
pub(super) fn case_id_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let id = name.strip_suffix(".ron")?;
    super::is_valid_id(id).then(|| id.to_string())
}

/// Most recently updated first, then by label and id for a stable order.
pub(super) fn sort_cases(cases: &mut [Case]) {
    cases.sort_by(|a, b| {
        b.updated
            .cmp(&a.updated)
            .then_with(|| a.label.cmp(&b.label))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Removes `.save-*.tmp` leftovers of interrupted saves, in the store folder and in the
/// cases' attachment folders; with `before`, only those last written before then. Only call
/// with the lock held.
pub(super) fn remove_temp_files(
    dir: &Path,
    before: Option<std::time::SystemTime>,
    warnings: &mut Vec<LoadWarning>,
) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.ends_with(super::ATTACHMENTS_SUFFIX)
            && !name.starts_with('.')
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            remove_temp_files(&entry.path(), before, warnings);
            continue;
        }
        let old_enough = || {
            before.is_none_or(|t| {
                entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|m| m < t)
            })
        };
        if fsio::is_temp_name(name)
            && entry.file_type().is_ok_and(|t| t.is_file())
            && old_enough()
            && let Err(e) = fs::remove_file(entry.path())
        {
            warnings.push(LoadWarning::LeftoverKept {
                path: entry.path(),
                error: e.kind(),
            });
        }
    }
}

/// Reads and parses a file; `Err` is the reason it is unusable.
fn read_parsed(path: &Path) -> Result<(Parsed, Vec<u8>), Unreadable> {
    let bytes = fsio::read_limited(path).map_err(|e| match crate::fsread::Refused::of(&e) {
        Some(r) => Unreadable::Refused(r),
        None => Unreadable::Io(e.kind()),
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| Unreadable::NotUtf8)?;
    let parsed = schema::parse(text)?;
    Ok((parsed, bytes))
}

fn accept(parsed: Parsed, id: &str, path: &Path, report: &mut LoadReport) {
    match parsed {
        Parsed::Current {
            mut case,
            from_schema,
        } => {
            // The file name is the id (a copied or hand-renamed file keeps working).
            case.id = id.to_string();
            if from_schema < SCHEMA_VERSION {
                report.migrated.push(id.to_string());
            }
            report.cases.push(case);
        }
        Parsed::Newer { schema, case } => {
            report.newer_schema.push(NewerSchema {
                path: path.to_path_buf(),
                id: id.to_string(),
                schema,
                loaded: case.is_some(),
            });
            if let Some(mut case) = case {
                case.id = id.to_string();
                report.cases.push(case);
            }
        }
    }
}

/// Restores `<id>.ron` from `<id>.ron.bak` (if it reads) and accepts it. Returns whether it did.
fn recover(dir: &Path, id: &str, main: &Path, read_only: bool, report: &mut LoadReport) -> bool {
    let bak = dir.join(format!("{id}.ron.bak"));
    if !bak.is_file() {
        return false;
    }
    match read_parsed(&bak) {
        Ok((parsed, bytes)) => {
            if !read_only
                && fs::symlink_metadata(main).is_err()
                && let Err(e) = fsio::write_atomic(main, &bytes)
            {
                report.warnings.push(LoadWarning::RestoreNotWritten {
                    id: id.to_string(),
                    path: main.to_path_buf(),
                    error: e.kind(),
                });
            }
            report.recovered_from_backup.push(id.to_string());
            accept(parsed, id, main, report);
            true
        }
        Err(reason) => {
            report
                .warnings
                .push(LoadWarning::BackupUnusable { path: bak, reason });
            false
        }
    }
}

pub(super) fn load_all(dir: &Path, read_only: bool) -> Result<LoadReport, super::StoreError> {
    load_all_as(dir, read_only, NotMoved::StoreHeld)
}

/// `why_kept`: why a corrupt file is left in place when `read_only`.
pub(super) fn load_all_as(
    dir: &Path,
    read_only: bool,
    why_kept: NotMoved,
) -> Result<LoadReport, super::StoreError> {
    let entries = fs::read_dir(dir).map_err(|e| read_err(dir, e))?;
    let mut mains: Vec<(String, PathBuf)> = Vec::new();
    let mut baks: Vec<String> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| read_err(dir, e))?;
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        if let Some(id) = case_id_of(&path) {
            mains.push((id, path));
        } else if let Some(id) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".ron.bak"))
            .filter(|id| super::is_valid_id(id))
        {
            baks.push(id.to_string());
        }
    }
    mains.sort();
    baks.sort();

    let mut report = LoadReport {
        read_only,
        ..LoadReport::default()
    };
    for (id, path) in &mains {
        match read_parsed(path) {
            Ok((parsed, _)) => accept(parsed, id, path, &mut report),
            Err(reason) => {
                let (moved_to, not_moved) = if read_only {
                    (path.clone(), Some(why_kept.clone()))
                } else {
                    match fsio::quarantine(path) {
                        Ok(to) => (to, None),
                        Err(e) => (path.clone(), Some(NotMoved::MoveFailed(e.kind()))),
                    }
                };
                report.quarantined.push(Quarantined {
                    original: path.clone(),
                    moved_to,
                    reason,
                    not_moved,
                });
                recover(dir, id, path, read_only, &mut report);
            }
        }
    }
    // A `.bak` without its case file: a crash between moving a corrupt file aside and
    // restoring the backup, or the case file was removed by hand. Never lose it.
    for id in &baks {
        if mains.iter().any(|(m, _)| m == id) {
            continue;
        }
        let main = dir.join(format!("{id}.ron"));
        recover(dir, id, &main, read_only, &mut report);
    }
    sort_cases(&mut report.cases);
    Ok(report)
}
