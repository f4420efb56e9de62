//! Where commands may write their output files, and how. One rule for every command that writes
//! (`export`, `export-pack`, `calendar`, `submission`, `export-case`, the app's PDFs): never over
//! anything in the data folder nor into its `cases/`, `checklists/` or `packs/`, never over a FIFO, device
//! or folder, never over an existing file of another kind (a PDF for a sheet, an .ics for a
//! calendar, a case file or bundle for a case) unless the user says `--force`; always through a
//! temporary file renamed into place, with the user's umask; leftovers of killed writes are
//! cleaned up by the next write to the same folder.
//!
//! The rule holds by construction: the only way to write is [`Output::write`], and the only way
//! to get an [`Output`] is [`Output::check`] (or [`OutFolder::file`] of a checked folder). Both
//! look up the data folder themselves, so no caller can forget it.

use std::fs;
use std::io::{self, Read as _, Write as _};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Temporary files of an export in progress: `.yibao-export-XXXXXX.tmp` beside the target.
pub(crate) const EXPORT_TEMP_PREFIX: &str = ".yibao-export-";
pub(crate) const EXPORT_TEMP_SUFFIX: &str = ".tmp";
/// Folders of the data folder whose files are read back as data.
pub(crate) const DATA_SUBFOLDERS: &[&str] = &["cases", "checklists", "packs"];
/// A temporary file this old whose writer no longer holds its lock is a leftover.
pub(crate) const STALE_AFTER: Duration = Duration::from_secs(60);

/// What a command writes: an existing file is replaced without `--force` only if it is of the
/// same kind (printing again over last week's sheet is normal; over a spreadsheet it is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutKind {
    /// A sheet or submission package.
    Pdf,
    /// An iCalendar file.
    Calendar,
    /// A case file (RON) or a case bundle (zip).
    Case,
    /// A data pack (`.yibao-data`, a zip).
    DataPack,
}

impl OutKind {
    /// Whether the regular file at `path` is of this kind (read from its content, bounded).
    fn matches(self, path: &Path) -> bool {
        match self {
            OutKind::Pdf => starts_with(path, b"%PDF-"),
            OutKind::Calendar => starts_with(path, b"BEGIN:VCALENDAR"),
            OutKind::DataPack => {
                path.extension().is_some_and(|e| e == "yibao-data")
                    && starts_with(path, b"PK\x03\x04")
            }
            OutKind::Case => {
                crate::cases::is_bundle(path)
                    || crate::cases::fsio::read_limited(path)
                        .ok()
                        .and_then(|b| String::from_utf8(b).ok())
                        .is_some_and(|t| crate::cases::schema::parse(&t).is_ok())
            }
        }
    }
}

/// Why an output cannot be written to a path. Worded by `view::strings::out_path_error`.
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
    #[error("refusing to write {path}: it is not a regular file (a pipe, device or socket)")]
    NotRegular { path: PathBuf },
    #[error(
        "refusing to overwrite {path}: it exists and is not a {kind:?} file; choose another name, or pass --force to replace it"
    )]
    OtherKind { path: PathBuf, kind: OutKind },
    #[error("refusing to write into {path}: it exists and is not a folder")]
    NotAFolder { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// A file path that passed the output rule: the only way to write a command's output file.
#[derive(Debug)]
pub(crate) struct Output {
    path: PathBuf,
}

/// A folder that passed the output rule (`export-pack`): files in it are checked one by one.
#[derive(Debug)]
pub(crate) struct OutFolder {
    path: PathBuf,
    data_dir: Option<PathBuf>,
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Where `path` lands: its longest existing ancestor resolved (symlinks, `..`), the rest
/// appended with `.` and `..` applied by name. Works for paths that do not exist yet (a new
/// folder, a data folder not created yet), which `fs::canonicalize` refuses.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut real = PathBuf::new();
    // One part at a time, as the system walks it: what exists is resolved (links included)
    // before a `..` is applied to it.
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if let Ok(r) = fs::canonicalize(&real) {
                    real = r;
                }
                real.pop();
            }
            Component::Normal(name) => {
                real.push(name);
                if let Ok(r) = fs::canonicalize(&real) {
                    real = r;
                }
            }
            other => real.push(other),
        }
    }
    real
}

/// Why writing at `target` (already resolved) breaks the data-folder rule: anything that exists
/// in it, and anything new in `cases/` or `checklists/`, which are read back as data.
fn inside_data_dir(
    out: &Path,
    target: &Path,
    exists: bool,
    data_dir: &Path,
) -> Option<OutPathError> {
    let data = resolved(data_dir);
    let forbidden = target.starts_with(&data)
        && (exists
            || DATA_SUBFOLDERS
                .iter()
                .any(|sub| target.starts_with(data.join(sub))));
    forbidden.then(|| OutPathError::InsideDataDir {
        path: out.to_path_buf(),
        data_dir: data_dir.to_path_buf(),
    })
}

impl Output {
    /// Checks that `out` may be written: a file name in an existing folder, outside the data
    /// folder's files and data subfolders (whatever `force` says), not a folder, FIFO, device or
    /// socket (looked at without opening it, so a FIFO cannot block), and not an existing file
    /// of another kind than `kind` unless `force`. Nothing is created or opened for writing.
    pub(crate) fn check(out: &Path, kind: OutKind, force: bool) -> Result<Output, OutPathError> {
        check_file(out, kind, force, crate::paths::data_dir().as_deref())
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` through a temporary file in the same folder, renamed into place: a killed
    /// write never leaves half a file, and a rename replaces a link or a special file that
    /// appeared meanwhile instead of writing through it. The file gets the permissions the
    /// user's umask gives new files (sheets hold names and dates). Leftover temporary files of
    /// killed writes in that folder are removed first (see [`remove_stale_exports`]).
    pub(crate) fn write(&self, bytes: &[u8]) -> Result<(), OutPathError> {
        write_export(&self.path, bytes)
    }
}

fn check_file(
    out: &Path,
    kind: OutKind,
    force: bool,
    data_dir: Option<&Path>,
) -> Result<Output, OutPathError> {
    let path = out.to_path_buf();
    if out.file_name().is_none() {
        return Err(OutPathError::NoFileName { path });
    }
    // lstat: never follows the name into a FIFO's open(), never blocks.
    let meta = fs::symlink_metadata(out).ok();
    let exists = meta.is_some();
    // What a link points at: stat, which does not open it either.
    let target_meta = match &meta {
        Some(m) if m.file_type().is_symlink() => fs::metadata(out).ok(),
        other => other.clone(),
    };
    if target_meta.as_ref().is_some_and(fs::Metadata::is_dir) {
        return Err(OutPathError::IsFolder {
            suggestion: out.join(match kind {
                OutKind::Pdf => "checklist.pdf",
                OutKind::Calendar => "deadlines.ics",
                OutKind::Case => "case.zip",
                OutKind::DataPack => "update.yibao-data",
            }),
            path,
        });
    }
    let folder = parent_of(out);
    if !folder.is_dir() {
        return Err(OutPathError::NoFolder { path, folder });
    }
    if let Some(data_dir) = data_dir
        && let Some(e) = inside_data_dir(out, &resolved(out), exists, data_dir)
    {
        return Err(e);
    }
    if let Some(m) = &target_meta
        && !m.is_file()
    {
        return Err(OutPathError::NotRegular { path });
    }
    // A dangling link, or a regular file of another kind: only with --force.
    if exists && !force && !(target_meta.is_some() && kind.matches(out)) {
        return Err(OutPathError::OtherKind { path, kind });
    }
    Ok(Output { path })
}

impl OutFolder {
    /// Checks that `dir` may receive output files: not an existing non-folder, not a folder
    /// that exists in the data folder, nothing new in its `cases/` or `checklists/`. Nothing is
    /// created: [`OutFolder::create`] does that after the check, and [`OutFolder::file`]
    /// checks each file.
    pub(crate) fn check(dir: &Path) -> Result<OutFolder, OutPathError> {
        check_folder(dir, crate::paths::data_dir())
    }

    /// Creates the folder (and its parents) once it has passed the check.
    pub(crate) fn create(&self) -> Result<(), OutPathError> {
        fs::create_dir_all(&self.path).map_err(|source| OutPathError::Io {
            path: self.path.clone(),
            source,
        })
    }

    /// A file in the folder, checked by the same rule as any output file.
    pub(crate) fn file(
        &self,
        name: &str,
        kind: OutKind,
        force: bool,
    ) -> Result<Output, OutPathError> {
        check_file(&self.path.join(name), kind, force, self.data_dir.as_deref())
    }
}

fn check_folder(dir: &Path, data_dir: Option<PathBuf>) -> Result<OutFolder, OutPathError> {
    let path = dir.to_path_buf();
    match fs::metadata(dir) {
        Ok(m) if !m.is_dir() => return Err(OutPathError::NotAFolder { path }),
        _ => {}
    }
    // The file rule for a folder: nothing that exists in the data folder (itself, `cases/`, a
    // case's files…) receives files, nor anything new in `cases/` or `checklists/`. Each file
    // is then checked by the file rule too.
    if let Some(data) = &data_dir
        && let Some(e) =
            inside_data_dir(dir, &resolved(dir), fs::symlink_metadata(dir).is_ok(), data)
    {
        return Err(e);
    }
    Ok(OutFolder { path, data_dir })
}

/// Whether a regular file starts with `magic`. Only called on a file already seen (by lstat and
/// stat) to be regular; the handle is checked again after opening.
fn starts_with(path: &Path, magic: &[u8]) -> bool {
    let mut head = vec![0u8; magic.len()];
    fs::File::open(path)
        .and_then(|f| {
            if !f.metadata()?.is_file() {
                return Err(io::ErrorKind::InvalidInput.into());
            }
            f.take(magic.len() as u64).read_exact(&mut head)
        })
        .is_ok()
        && head == magic
}

fn write_export(out: &Path, bytes: &[u8]) -> Result<(), OutPathError> {
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
    fn paths_that_do_not_exist_yet_resolve_through_links_and_dots() {
        let dir = tempfile::tempdir().unwrap();
        let real = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(real.join("data")).unwrap();
        assert_eq!(
            resolved(&real.join("data/new/../cases/./p/q")),
            real.join("data/cases/p/q")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(real.join("data"), real.join("link")).unwrap();
            assert_eq!(
                resolved(&real.join("link/checklists/p")),
                real.join("data/checklists/p")
            );
            // Through the link, a new folder in checklists/ is refused before it is made.
            let data = Some(real.join("data"));
            assert!(matches!(
                check_folder(&real.join("link/checklists/p"), data.clone()),
                Err(OutPathError::InsideDataDir { .. })
            ));
            assert!(!real.join("data/checklists").exists());
            assert!(check_folder(&real.join("link/pack"), data).is_ok());
        }
    }

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
