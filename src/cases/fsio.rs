//! File-system helpers: atomic durable writes, bounded reads, moving files aside.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Temp files written by [`write_atomic`] are named `.save-XXXXXX.tmp` in the target's folder;
/// leftovers from a crash are removed when the store is opened with the lock held.
pub(crate) const TEMP_PREFIX: &str = ".save-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// Case files are a few kilobytes; refuse to read anything absurdly large into memory.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

pub(crate) fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `target` atomically: a temp file in the same folder, fsync, rename over
/// `target`, fsync the folder (Unix). On any error `target` is untouched and the temp file is
/// removed.
pub(crate) fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_of(target);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Like [`write_atomic`] (a temp file renamed over `target`: readers see the old file or the
/// whole new one, and a kill leaves no half file) but without fsync, for notes that are
/// recomputed when lost (`recheck`'s `.seen` files): fsync per file made a first `recheck` of
/// 10,000 cases take 20 s.
pub(crate) fn write_replace(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_of(target);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// Makes renames in `dir` durable. A no-op where folders cannot be fsynced.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        match fs::File::open(dir).and_then(|d| d.sync_all()) {
            Ok(()) => Ok(()),
            // Some file systems (and some network mounts) refuse fsync on a directory.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
                ) =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Reads a whole regular file, refusing other kinds of file (without blocking on a FIFO) and
/// files over [`MAX_FILE_BYTES`].
pub(crate) fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    crate::fsread::read_regular(path, MAX_FILE_BYTES)
}

/// `<file name>.corrupt-<timestamp>` next to `path`, made unique with `-2`, `-3`… if needed.
pub(crate) fn quarantine_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let dir = parent_of(path);
    let base = format!("{name}.corrupt-{stamp}");
    let mut candidate = dir.join(&base);
    let mut n = 2;
    while fs::symlink_metadata(&candidate).is_ok() {
        candidate = dir.join(format!("{base}-{n}"));
        n += 1;
    }
    candidate
}

/// Moves `path` aside to its quarantine name; returns where it went.
pub(crate) fn quarantine(path: &Path) -> io::Result<PathBuf> {
    let to = quarantine_name(path);
    fs::rename(path, &to)?;
    sync_dir(parent_of(path))?;
    Ok(to)
}
