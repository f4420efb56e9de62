//! Where the app keeps its files.

use std::path::PathBuf;

/// Overrides the data folder (tests, portable installs, front-desk machines with a shared drive).
pub(crate) const DATA_DIR_ENV: &str = "YIBAO_CHECKLIST_DATA_DIR";

/// The user's data folder: `$YIBAO_CHECKLIST_DATA_DIR`, else the platform's data dir
/// (on Linux `~/.local/share/yibao-checklist/`).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "yibao-checklist").map(|d| d.data_dir().to_path_buf())
}
