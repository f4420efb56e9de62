//! Opening the store without changing it (for commands that only read), what such an opening
//! found, and the explicit repair that does change it (`yibao-checklist repair`).

use super::{Case, LOCK_FILE, LoadReport, NotMoved, Store, StoreError, Unreadable, load};
use std::fs::File;
use std::path::{Path, PathBuf};

/// Something about the store a reading command must tell the user, since it changes nothing.
/// Data only: `view::strings::finding` words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Left as it is; `repair` moves it aside (and restores its backup, used meanwhile, if
    /// `backup_used`).
    Corrupt {
        path: PathBuf,
        reason: Unreadable,
        backup_used: bool,
    },
    /// Written by a newer version of the app; left as it is.
    NewerSchema { path: PathBuf, schema: u32 },
    /// Only the backup is left; `repair` restores it.
    OnlyBackup { id: String, path: PathBuf },
}

/// Whether another copy of the app holds the store ([`Store::probe_lock`]).
#[derive(Debug)]
pub enum LockProbe {
    /// Nobody does; the lock file, locked by this process, when there is one (hold it while
    /// writing, it is released when dropped).
    Free(Option<File>),
    /// Another copy does: write nothing beside its cases.
    HeldByAnother,
}

impl LoadReport {
    /// What a read-only opening found that the user should hear about, naming each file.
    pub fn findings(&self) -> Vec<Finding> {
        let mut out: Vec<Finding> = self
            .quarantined
            .iter()
            .map(|q| {
                let id = load::case_id_of(&q.original);
                Finding::Corrupt {
                    path: q.original.clone(),
                    reason: q.reason.clone(),
                    backup_used: id.is_some_and(|id| self.recovered_from_backup.contains(&id)),
                }
            })
            .collect();
        for id in &self.recovered_from_backup {
            let corrupt = self
                .quarantined
                .iter()
                .any(|q| load::case_id_of(&q.original).as_deref() == Some(id));
            if !corrupt {
                out.push(Finding::OnlyBackup {
                    id: id.clone(),
                    path: PathBuf::from(format!("{id}.ron.bak")),
                });
            }
        }
        out.extend(self.newer_schema.iter().map(|n| Finding::NewerSchema {
            path: n.path.clone(),
            schema: n.schema,
        }));
        out
    }
}

impl Store {
    /// Reads every case without changing anything in `dir`: no folder or lock file is created,
    /// no corrupt file is moved aside, no backup restored, no leftover removed. Problems are
    /// reported ([`LoadReport::findings`]); a missing folder is an empty store.
    pub fn open_read_only(dir: &Path) -> Result<LoadReport, StoreError> {
        if !dir.is_dir() {
            return Ok(LoadReport {
                read_only: true,
                ..LoadReport::default()
            });
        }
        let mut report = load::load_all_as(dir, true, NotMoved::ReadOnlyOpening)?;
        report.read_only = true;
        Ok(report)
    }

    /// For a reading command that keeps its own notes beside the cases (`recheck`'s `.seen`
    /// files): takes the store's lock if it is free, to be held while writing. Creates no lock
    /// file: without one, nobody holds the store.
    pub fn probe_lock(dir: &Path) -> LockProbe {
        let Ok(file) = File::open(dir.join(LOCK_FILE)) else {
            return LockProbe::Free(None);
        };
        match file.try_lock() {
            Ok(()) => LockProbe::Free(Some(file)),
            Err(std::fs::TryLockError::WouldBlock) => LockProbe::HeldByAnother,
            // Locks unsupported here: nobody can hold it either.
            Err(std::fs::TryLockError::Error(_)) => LockProbe::Free(None),
        }
    }

    /// What `export-case` writes for `case`, read from the store folder `dir` without changing
    /// it: a bundle (zip) with its attachments when `bundle`, else the case file. `path` names
    /// the destination in errors.
    pub(crate) fn export_bytes(
        dir: &Path,
        case: &Case,
        bundle: bool,
        path: &Path,
    ) -> Result<Vec<u8>, StoreError> {
        if bundle {
            super::bundle::bundle_bytes(dir, case, path)
        } else {
            super::case_file_bytes(case, path)
        }
    }

    /// `yibao-checklist repair`: opens the store for writing (taking the lock), which moves
    /// corrupt files aside, restores backups and removes leftovers, and returns what it did.
    /// Fails with [`StoreError::ReadOnly`] while the app holds the store.
    pub fn repair(dir: &Path) -> Result<LoadReport, StoreError> {
        let (store, report) = Store::open(dir)?;
        if store.is_read_only() {
            return Err(StoreError::ReadOnly(store.lock_path()));
        }
        Ok(report)
    }
}
