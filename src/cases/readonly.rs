//! Opening the store without changing it (for commands that only read), what such an opening
//! found, and the explicit repair that does change it (`yibao-checklist repair`).

use super::{LoadReport, Store, StoreError, load};
use std::path::{Path, PathBuf};

/// Something about the store a reading command must tell the user, since it changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Finding {
    #[error(
        "{path} cannot be read ({reason}); left as it is: run `yibao-checklist repair` to move it aside{}",
        if *.backup_used { " and restore its backup (.bak); its backup is used meanwhile" } else { "" }
    )]
    Corrupt {
        path: PathBuf,
        reason: String,
        backup_used: bool,
    },
    #[error(
        "{path} was written by a newer version of the app (schema {schema}); it is left as it is"
    )]
    NewerSchema { path: PathBuf, schema: u32 },
    #[error("\"{id}\" has only its backup {path}; run `yibao-checklist repair` to restore it")]
    OnlyBackup { id: String, path: PathBuf },
}

impl Finding {
    /// The Chinese wording.
    pub fn zh(&self) -> String {
        match self {
            Finding::Corrupt {
                path,
                reason,
                backup_used,
            } => format!(
                "{} 无法读取（{reason}）；未作改动：运行 `yibao-checklist repair` 把它移到一旁{}",
                path.display(),
                if *backup_used {
                    "并恢复备份（.bak）；目前先使用其备份"
                } else {
                    ""
                }
            ),
            Finding::NewerSchema { path, schema } => format!(
                "{} 由更新版本的程序写入（schema {schema}）；未作改动",
                path.display()
            ),
            Finding::OnlyBackup { id, path } => format!(
                "“{id}”只剩备份 {}；运行 `yibao-checklist repair` 恢复",
                path.display()
            ),
        }
    }
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
        let mut report = load::load_all_as(dir, true, "")?;
        report.read_only = true;
        Ok(report)
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

/// The text `repair` prints: what was moved, restored and left alone.
pub fn repair_text(report: &LoadReport, lang: crate::catalog::Lang) -> String {
    use crate::catalog::Lang;
    let mut s = String::new();
    for q in &report.quarantined {
        s.push_str(&match lang {
            Lang::Zh => format!(
                "已移到一旁：{} → {}（{}）\n",
                q.original.display(),
                q.moved_to.display(),
                q.reason
            ),
            Lang::En => format!(
                "moved aside: {} → {} ({})\n",
                q.original.display(),
                q.moved_to.display(),
                q.reason
            ),
        });
    }
    for id in &report.recovered_from_backup {
        s.push_str(&match lang {
            Lang::Zh => format!("已从备份恢复：{id}\n"),
            Lang::En => format!("restored from its backup: {id}\n"),
        });
    }
    for n in &report.newer_schema {
        s.push_str(&match lang {
            Lang::Zh => format!("未改动（更新版本写入）：{}\n", n.path.display()),
            Lang::En => format!("left alone (newer version): {}\n", n.path.display()),
        });
    }
    for w in &report.warnings {
        s.push_str(&format!("{w}\n"));
    }
    if s.is_empty() {
        s = lang
            .pick(
                "案例文件均完好，无需修复。\n",
                "all case files are fine; nothing to repair\n",
            )
            .to_string();
    }
    s
}

/// `yibao-checklist repair` on the default store folder: the text to print, or the error.
pub fn repair_cli(lang: crate::catalog::Lang) -> Result<String, String> {
    let dir = Store::default_dir().ok_or_else(|| {
        lang.pick(
            "找不到保存案例的数据文件夹（可设置 YIBAO_CHECKLIST_DATA_DIR）",
            "cannot find the data folder for saved cases (set YIBAO_CHECKLIST_DATA_DIR)",
        )
        .to_string()
    })?;
    let report = Store::repair(&dir).map_err(|e| e.to_string())?;
    Ok(repair_text(&report, lang))
}
