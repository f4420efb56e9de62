//! Where printed sheets may be written, and how: never over a saved case or anything else in
//! the data folder, never over a file that is not a PDF unless the user says `--force`, always
//! through a temporary file renamed into place, with the user's umask, and leftovers of killed
//! exports cleaned up by the next export to the same folder.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Temporary files of an export in progress: `.yibao-export-XXXXXX.tmp` beside the target.
pub(crate) const EXPORT_TEMP_PREFIX: &str = ".yibao-export-";
pub(crate) const EXPORT_TEMP_SUFFIX: &str = ".tmp";
/// Folders of the data folder whose files are read back as data.
pub(crate) const DATA_SUBFOLDERS: &[&str] = &["cases", "checklists"];
/// A temporary file this old whose writer no longer holds its lock is a leftover.
pub(crate) const STALE_AFTER: Duration = Duration::from_secs(60);

/// Why a sheet cannot be written to a path. Worded by `view::strings::out_path_error`.
#[derive(Debug, thiserror::Error)]
pub(crate) enum OutPathError {
    #[error("cannot write {path}: give a file name such as checklist.pdf")]
    NoFileName { path: PathBuf },
    #[error("cannot write {path}: it is a folder; give a file name such as {suggestion}")]
    IsFolder { path: PathBuf, suggestion: PathBuf },
    #[error("cannot write {path}: the folder {folder} does not exist")]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error(
        "refusing to write {path}: it is inside the data folder {data_dir}, which holds your saved cases and data; choose another place"
    )]
    InsideDataDir { path: PathBuf, data_dir: PathBuf },
    #[error(
        "refusing to overwrite {path}: it exists and is not a PDF; choose another name, or pass --force to replace it"
    )]
    NotAPdf { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` with its folder resolved (symlinks, `..`), the file name kept: where a write lands.
fn resolved(path: &Path) -> Option<PathBuf> {
    let parent = fs::canonicalize(parent_of(path)).ok()?;
    Some(parent.join(path.file_name()?))
}

/// Checks that a sheet may be written to `out`: a file name in an existing folder, outside
/// `data_dir` (saved cases and overrides live there), and not over an existing file that is
/// not a PDF unless `force`.
pub(crate) fn check_output_path(
    out: &Path,
    data_dir: Option<&Path>,
    force: bool,
) -> Result<(), OutPathError> {
    let path = out.to_path_buf();
    if out.file_name().is_none() {
        return Err(OutPathError::NoFileName { path });
    }
    if out.is_dir() {
        return Err(OutPathError::IsFolder {
            suggestion: out.join("checklist.pdf"),
            path,
        });
    }
    let folder = parent_of(out);
    if !folder.is_dir() {
        return Err(OutPathError::NoFolder { path, folder });
    }
    // Inside the data folder: nothing that exists is replaced (a case, its backup, an
    // override), even with --force, and nothing new goes into `cases/` or `checklists/`
    // (both are read back as data). A new sheet elsewhere in it is harmless.
    if let (Some(data_dir), Some(target)) = (data_dir, resolved(out))
        && let Ok(data_dir) = fs::canonicalize(data_dir)
        && target.starts_with(&data_dir)
        && (fs::symlink_metadata(out).is_ok()
            || DATA_SUBFOLDERS
                .iter()
                .any(|sub| target.starts_with(data_dir.join(sub))))
    {
        return Err(OutPathError::InsideDataDir { path, data_dir });
    }
    // A symlink's target is what would be replaced; fs::metadata follows it.
    if !force && fs::symlink_metadata(out).is_ok() && !is_pdf(out) {
        return Err(OutPathError::NotAPdf { path });
    }
    Ok(())
}

/// Whether the file starts like a PDF (`%PDF-`).
fn is_pdf(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 5];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"%PDF-"
}

/// Writes `bytes` to `out` through a temporary file in the same folder, then renames it into
/// place: a killed export never leaves half a file. The file gets the permissions the user's
/// umask gives new files (no forced mode: sheets hold names and dates). Leftover temporary files
/// of killed exports in that folder are removed first (see [`remove_stale_exports`]).
pub(crate) fn write_export(out: &Path, bytes: &[u8]) -> Result<(), OutPathError> {
    let folder = parent_of(out);
    remove_stale_exports(&folder);
    let fail = |source: io::Error| OutPathError::Io {
        path: out.to_path_buf(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(EXPORT_TEMP_PREFIX)
        .suffix(EXPORT_TEMP_SUFFIX);
    #[cfg(unix)]
    {
        // Passed to open(2), which applies the umask: 0666 & !umask, as for any new file.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&folder).map_err(fail)?;
    // Held while writing: another export's clean-up leaves a locked temporary file alone.
    let _ = tmp.as_file().try_lock();
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(out).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Removes `.yibao-export-*.tmp` files in `folder` left by killed exports: older than
/// [`STALE_AFTER`] and not locked by a running export. Returns how many were removed.
pub(crate) fn remove_stale_exports(folder: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(EXPORT_TEMP_PREFIX) && name.ends_with(EXPORT_TEMP_SUFFIX)) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if !meta.is_file() || !old {
            continue;
        }
        let path = entry.path();
        let unlocked = fs::File::open(&path).is_ok_and(|f| f.try_lock().is_ok());
        if unlocked && fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_or_locked_temp_file_is_kept_and_an_old_unlocked_one_removed() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join(".yibao-export-fresh.tmp");
        let old = dir.path().join(".yibao-export-old.tmp");
        let locked = dir.path().join(".yibao-export-locked.tmp");
        for p in [&fresh, &old, &locked] {
            fs::write(p, b"%PDF-half").unwrap();
        }
        let past = SystemTime::now() - Duration::from_secs(3600);
        for p in [&old, &locked] {
            fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(past)
                .unwrap();
        }
        let holder = fs::File::open(&locked).unwrap();
        holder.lock().unwrap();
        assert_eq!(remove_stale_exports(dir.path()), 1);
        assert!(fresh.exists() && locked.exists() && !old.exists());
    }
}
