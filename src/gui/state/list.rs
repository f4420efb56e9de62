//! The case list from the index (`cases::index`): start-up reads one file, not every case.
//!
//! A small store (up to [`EAGER_MAX`] cases) is still read whole at start, as before. A larger
//! one is listed from the index at once and read on a thread after the first frame (corrupt
//! files moved aside, what changed since last shown checked for the cases whose file or data
//! changed); a case opened before that is read on its own.

use super::*;
use crate::cases::LoadReport;
use crate::cases::index::{self, Entry};
use crate::recheck::CaseCheck;
use crate::view::caselist;
use std::sync::mpsc::{Receiver, TryRecvError};

/// Stores with up to this many cases are read whole at start (a few milliseconds).
pub const EAGER_MAX: usize = 300;

/// What the loading thread found.
pub struct Loaded {
    pub report: Result<LoadReport, StoreError>,
    /// Cases checked against what they last showed (only those not checked before).
    pub checks: Vec<CaseCheck>,
}

/// The loading thread, while it runs.
pub(crate) struct Loader {
    rx: Receiver<Loaded>,
    /// Deleted while it ran: not brought back by its result.
    pub(super) removed: BTreeSet<String>,
}

impl State {
    /// Lists the store at `dir` from its index; reads the cases now if there are few.
    pub(super) fn open_store(&mut self, dir: &std::path::Path) -> Result<(), StoreError> {
        let (store, warnings) = Store::open_unloaded(dir)?;
        self.read_only = store.is_read_only();
        for w in warnings {
            self.push_banner(Msg::StoreWarning(w), false);
        }
        self.fingerprint = caselist::fingerprint(&self.catalog);
        let (catalog, today) = (&self.catalog, self.today);
        let r = index::refresh(dir, &self.fingerprint, today, &mut |c| {
            caselist::facts(catalog, c, today)
        });
        self.index_dirty = r.changed();
        self.index = r.entries;
        let eager = self.index.len() <= EAGER_MAX;
        let report = if eager { Some(store.reload()) } else { None };
        self.store = Some(store);
        match report {
            Some(Ok(report)) => self.take_report(report),
            Some(Err(e)) => return Err(e),
            None => self.pending_load = true,
        }
        Ok(())
    }

    /// After the data changed (a data pack installed or removed): every entry is made again with
    /// the new data and counts as not checked, so the "what changed" check sees every case. On
    /// the UI thread: a data update is rare, and the clerk is waiting for its result.
    pub(super) fn refresh_index(&mut self) {
        let Some(dir) = self.store.as_ref().map(|s| s.dir().to_path_buf()) else {
            return;
        };
        self.flush();
        self.fingerprint = caselist::fingerprint(&self.catalog);
        let (catalog, today) = (&self.catalog, self.today);
        let r = index::refresh(&dir, &self.fingerprint, today, &mut |c| {
            caselist::facts(catalog, c, today)
        });
        self.index = r.entries;
        for e in &mut self.index {
            e.checked = false;
        }
        self.index_dirty = true;
    }

    /// Starts the loading thread (large stores; `ctx` is woken when it is done).
    pub(crate) fn start_loading(&mut self, ctx: Option<egui::Context>) {
        if !std::mem::take(&mut self.pending_load) {
            return;
        }
        let Some(store) = &self.store else { return };
        let dir = store.dir().to_path_buf();
        let read_only = self.read_only;
        let catalog = self.catalog.clone();
        let today = self.today;
        let lang = self.lang();
        let unchecked: BTreeSet<String> = self
            .index
            .iter()
            .filter(|e| !e.checked)
            .map(|e| e.id.clone())
            .collect();
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("load-cases".into())
            .spawn(move || {
                let report = Store::load_dir(&dir, read_only);
                let mut checks = Vec::new();
                if let Ok(r) = &report {
                    for case in r.cases.iter().filter(|c| unchecked.contains(&c.id)) {
                        let c = crate::recheck::check_case(&catalog, case, &dir, today, lang);
                        if !c.has_news() && !read_only && c.record(&dir).is_err() {
                            continue;
                        }
                        checks.push(c);
                    }
                }
                let _ = tx.send(Loaded { report, checks });
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => {
                self.loader = Some(Loader {
                    rx,
                    removed: BTreeSet::new(),
                })
            }
            // No thread: read them here.
            Err(_) => {
                if let Ok(report) = Store::load_dir(store.dir(), read_only) {
                    self.take_report(report);
                }
            }
        }
    }

    /// Whether the cases are still being read (the list shows the index meanwhile).
    pub fn loading(&self) -> bool {
        self.loader.is_some() || self.pending_load
    }

    /// The loading thread's result, once it is there (taken in by [`State::take_report`]).
    pub(crate) fn poll_loader(&mut self, wait: bool) -> Option<Vec<CaseCheck>> {
        let loader = self.loader.as_ref()?;
        let got = if wait {
            loader.rx.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            loader.rx.try_recv()
        };
        let loaded = match got {
            Ok(l) => l,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => {
                self.loader = None;
                return None;
            }
        };
        let removed = self.loader.take().map(|l| l.removed).unwrap_or_default();
        match loaded.report {
            Ok(mut report) => {
                report.cases.retain(|c| !removed.contains(&c.id));
                self.take_report(report);
            }
            Err(e) => {
                let dir = self
                    .store
                    .as_ref()
                    .map(|s| s.dir().display().to_string())
                    .unwrap_or_default();
                let err = crate::view::strings::store_error(self.lang(), &e);
                self.push_banner(Msg::StoreOpenFailed { dir, err }, true);
            }
        }
        Some(loaded.checks)
    }

    /// Takes in a full reading of the store: banners for what it found, the cases (those
    /// already open here are kept as they are), and the index set right.
    pub(super) fn take_report(&mut self, report: LoadReport) {
        self.read_only = self.read_only || report.read_only;
        for q in &report.quarantined {
            self.push_banner(
                Msg::Quarantined {
                    file: file_name(&q.original),
                    moved_to: q.moved_to.display().to_string(),
                    reason: q.reason.clone(),
                    not_moved: q.not_moved.clone(),
                },
                true,
            );
        }
        for id in &report.recovered_from_backup {
            let label = report
                .cases
                .iter()
                .find(|c| &c.id == id)
                .map_or(id.clone(), |c| c.label.clone());
            self.push_banner(Msg::Recovered { label }, false);
        }
        for n in &report.newer_schema {
            self.push_banner(
                Msg::NewerSchema {
                    file: file_name(&n.path),
                },
                false,
            );
        }
        for w in &report.warnings {
            self.push_banner(Msg::StoreWarning(w.clone()), false);
        }
        let loaded: BTreeSet<String> = self.cases.iter().map(|c| c.id.clone()).collect();
        let mut fresh: Vec<Case> = report
            .cases
            .into_iter()
            .filter(|c| !loaded.contains(&c.id))
            .collect();
        // The list is the store's: an entry whose case did not load goes, a case the index
        // missed comes in.
        let all: BTreeSet<&str> = self
            .cases
            .iter()
            .chain(&fresh)
            .map(|c| c.id.as_str())
            .collect();
        let before = self.index.len();
        self.index.retain(|e| all.contains(e.id.as_str()));
        if self.index.len() != before {
            self.index_dirty = true;
        }
        let listed: BTreeSet<String> = self.index.iter().map(|e| e.id.clone()).collect();
        let dir = self.store.as_ref().map(|s| s.dir().to_path_buf());
        for c in fresh.iter().filter(|c| !listed.contains(&c.id)) {
            let facts = caselist::facts(&self.catalog, c, self.today);
            let stamp = dir.as_deref().map_or((0, 0), |d| index::stamp(d, &c.id));
            self.index.push(Entry::of(c, facts, stamp));
            self.index_dirty = true;
        }
        self.cases.append(&mut fresh);
        self.edits += 1;
    }

    /// Reads a case the loading thread has not delivered yet.
    pub(super) fn ensure_loaded(&mut self, id: &str) {
        if self.cases.iter().any(|c| c.id == id) {
            return;
        }
        let Some(store) = &self.store else { return };
        if let Ok(case) = store.load_one(id) {
            self.cases.push(case);
        }
    }

    /// The index entry of a case, made again from the case in memory (after an edit; `stamp`:
    /// the file's, after a save, else the entry counts as stale until then).
    pub(super) fn update_entry(&mut self, id: &str, stamp: Option<(u64, u64)>) {
        let Some(case) = self.cases.iter().find(|c| c.id == id) else {
            self.index.retain(|e| e.id != id);
            self.index_dirty = true;
            return;
        };
        let case = case.clone();
        let derived = self.derived(id);
        let facts = caselist::facts_of(
            &self.catalog,
            &case,
            derived.as_deref().and_then(|d| d.as_ref().ok()),
        );
        let at = self.index.iter().position(|e| e.id == id);
        let stamp = stamp.unwrap_or((0, 0));
        let entry = Entry::of(&case, facts, stamp);
        match at {
            Some(i) => {
                let checked = self.index[i].checked && stamp != (0, 0);
                self.index[i] = entry;
                self.index[i].checked = checked;
            }
            None => self.index.push(entry),
        }
        self.index_dirty = true;
    }

    /// Writes the index if it changed (one atomic write; a cache, so a failure only costs the
    /// next start some reading).
    pub fn write_index(&mut self) {
        if !self.index_dirty || self.read_only || self.loading() {
            return;
        }
        let Some(store) = &self.store else { return };
        if index::write(store.dir(), &self.fingerprint, self.today, &self.index).is_ok() {
            self.index_dirty = false;
        }
    }

    /// The entry of a case in the list.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.index.iter().find(|e| e.id == id)
    }

    /// Waits for the loading thread (tests, and before anything that needs every case).
    pub fn finish_loading(&mut self) -> Option<Vec<CaseCheck>> {
        if self.pending_load {
            self.start_loading(None);
        }
        self.poll_loader(true)
    }

    /// Marks cases checked against what they last showed (found unchanged).
    pub(crate) fn mark_checked(&mut self, ids: &std::collections::HashSet<String>) {
        for e in self.index.iter_mut().filter(|e| ids.contains(&e.id)) {
            if !e.checked {
                e.checked = true;
                self.index_dirty = true;
            }
        }
    }

    /// Changes the state of a case (one click on the case).
    pub fn set_status(&mut self, id: &str, status: crate::cases::CaseStatus) {
        self.ensure_loaded(id);
        self.edit(id, |c| c.set_status(status));
    }
}
