//! Saved cases: one RON file per case in the user's data folder, written atomically, with a
//! `.bak` of the previous version, quarantine for corrupt files, schema migration and a lock
//! so a second running instance cannot overwrite the first one's saves.
//!
//! SKELETON: the API below is the contract the GUI and the CLI use; the bodies are filled in by
//! the store work.

use crate::engine::Answers;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The schema version written by this build. Older versions load through `migrate`.
pub const SCHEMA_VERSION: u32 = 1;

/// A user's tick and note on one item (material or step id).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemState {
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub note: String,
}

/// One saved case: the answers and the ticks. Derived data is never saved; it is recomputed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub schema: u32,
    /// Stable file id (also the file name stem).
    pub id: String,
    pub label: String,
    /// RFC 3339 timestamps.
    pub created: String,
    pub updated: String,
    pub answers: Answers,
    /// By item id. Items the current data no longer requires are kept (shown as "no longer required").
    #[serde(default)]
    pub items: BTreeMap<String, ItemState>,
}

impl Case {
    /// A new empty case with a fresh id and the given label.
    pub fn new(label: impl Into<String>) -> Case {
        todo!("store work: {}", label.into())
    }
}

/// A file that could not be read and was moved aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quarantined {
    pub original: PathBuf,
    pub moved_to: PathBuf,
    pub reason: String,
}

/// What opening the store found.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    pub cases: Vec<Case>,
    pub quarantined: Vec<Quarantined>,
    /// Cases restored from their `.bak` because the main file was corrupt.
    pub recovered_from_backup: Vec<String>,
    /// Another instance holds the lock: this one must not write.
    pub read_only: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("another copy of the app is running and holds {0}; this one is read-only")]
    ReadOnly(PathBuf),
    #[error("no case named \"{0}\"")]
    NotFound(String),
}

/// The folder of saved cases.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The default folder: `<data dir>/cases`.
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "yibao-checklist").map(|d| d.data_dir().join("cases"))
    }
    /// Opens (creating) the folder, takes the lock if free, loads every case.
    pub fn open(dir: &Path) -> Result<(Store, LoadReport), StoreError> {
        todo!("store work: {}", dir.display())
    }
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn is_read_only(&self) -> bool {
        todo!()
    }
    /// Atomic save: temp file in the same folder, fsync, previous version to `.bak`, rename.
    pub fn save(&self, case: &Case) -> Result<(), StoreError> {
        todo!("store work: {}", case.id)
    }
    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        todo!("store work: {id}")
    }
    /// Case file contents for export (a hand-over file for a relative or colleague).
    pub fn export_to(&self, case: &Case, path: &Path) -> Result<(), StoreError> {
        todo!("store work: {} {}", case.id, path.display())
    }
    /// Reads an exported case file; the imported case gets a fresh id.
    pub fn import_from(path: &Path) -> Result<Case, StoreError> {
        todo!("store work: {}", path.display())
    }
}
