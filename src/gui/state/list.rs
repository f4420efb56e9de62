//! The case list from the index (`cases::index`): start-up reads one file, not every case.
//!
//! A small store (up to [`EAGER_MAX`] cases) is still read whole at start, as before. A larger
//! one is listed from its index as read, without looking at any case file, so start-up does not
//! grow with the store; after the first frame a thread checks the index against every file
//! (re-reading only those that changed, moving a damaged one aside), checks what changed since
//! last shown for the cases whose file or data changed, and the list takes its result. Its cases
//! are read one by one, when opened.

use super::*;
use crate::cases::LoadReport;
use crate::cases::index::{self, Entry, Indexed, Refreshed};
use crate::recheck::CaseCheck;
use crate::view::caselist;
use std::sync::mpsc::{Receiver, TryRecvError};

/// Stores with up to this many cases are read whole at start (a few milliseconds).
pub const EAGER_MAX: usize = 300;

/// What the loading thread found.
pub struct Loaded {
    /// Every case, checked against its file.
    pub refreshed: Refreshed,
    /// The store's full reading, made only when a case file was damaged (moved aside, its backup
    /// restored): for its messages. Its cases are not kept.
    pub report: Option<Result<LoadReport, StoreError>>,
    /// Cases checked against what they last showed (only those not checked before).
    pub checks: Vec<CaseCheck>,
    /// Leftovers of interrupted saves that could not be removed.
    pub warnings: Vec<crate::cases::LoadWarning>,
    /// The data's fingerprint the list was made with.
    pub fingerprint: String,
}

/// The loading thread, from the store's opening until its result is taken in.
pub(crate) struct Loader {
    /// Its result; `None` until it starts.
    rx: Option<Receiver<Loaded>>,
    /// The window to wake when it is done.
    ctx: Option<egui::Context>,
    /// When it was prepared, before anything was saved: older temporary files are leftovers.
    since: std::time::SystemTime,
    /// Deleted while it ran: not brought back by its result.
    pub(super) removed: BTreeSet<String>,
}

impl State {
    /// Lists the store at `dir` from its index; reads the cases now if there are few.
    pub(super) fn open_store(&mut self, dir: &std::path::Path) -> Result<(), StoreError> {
        let (store, mut warnings) = Store::open_unswept(dir)?;
        self.read_only = store.is_read_only();
        self.fingerprint = caselist::fingerprint(&self.catalog);
        let indexed = index::read_index(dir, &self.fingerprint, self.today);
        let large = match &indexed {
            Some(ix) => ix.entries.len() > EAGER_MAX,
            None => index::count_cases(dir) > EAGER_MAX,
        };
        if !large && !self.read_only {
            // Nothing saved yet: every leftover is an interrupted save's.
            warnings.append(&mut Store::sweep_leftovers(
                dir,
                std::time::SystemTime::now(),
            ));
        }
        for w in warnings {
            self.push_banner(Msg::StoreWarning(w), false);
        }
        if large {
            // Shown as the index says (nothing yet without one) until the thread has checked it;
            // the thread also removes the leftovers of interrupted saves.
            self.index = indexed.map(|ix| ix.entries).unwrap_or_default();
            self.store = Some(store);
            self.pending_load = true;
            return Ok(());
        }
        let (catalog, today) = (&self.catalog, self.today);
        let r = index::refresh_from(dir, indexed, &mut |c| caselist::facts(catalog, c, today));
        self.index_dirty = r.changed();
        self.index = r.entries;
        let report = store.reload();
        self.store = Some(store);
        self.take_report(report?);
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
        self.edits += 1;
    }

    /// Prepares the loading thread (large stores). With a window (`ctx`), it starts once the
    /// first frame is shown, so as not to slow that frame, and wakes the window when done;
    /// without one (tests, benchmarks), at once.
    pub(crate) fn start_loading(&mut self, ctx: Option<egui::Context>) {
        if !std::mem::take(&mut self.pending_load) || self.store.is_none() {
            return;
        }
        let at_once = ctx.is_none();
        self.loader = Some(Loader {
            rx: None,
            ctx,
            since: std::time::SystemTime::now(),
            removed: BTreeSet::new(),
        });
        if at_once {
            self.spawn_loader();
        }
    }

    /// Starts the loading thread.
    fn spawn_loader(&mut self) {
        let (Some(store), Some(loader)) = (&self.store, &self.loader) else {
            return;
        };
        let dir = store.dir().to_path_buf();
        let read_only = self.read_only;
        let catalog = self.catalog.clone();
        let fingerprint = self.fingerprint.clone();
        let (today, lang) = (self.today, self.lang());
        let (ctx, since) = (loader.ctx.clone(), loader.since);
        let (tx, rx) = std::sync::mpsc::channel();
        let on_thread = tx.clone();
        let spawned = std::thread::Builder::new()
            .name("load-cases".into())
            .spawn(move || {
                let mut loaded = load(&dir, &catalog, &fingerprint, today, lang, read_only);
                if !read_only {
                    loaded.warnings = Store::sweep_leftovers(&dir, since);
                }
                let _ = on_thread.send(loaded);
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        if spawned.is_err() {
            // No thread: done here.
            let mut loaded = load(
                store.dir(),
                &self.catalog,
                &self.fingerprint,
                self.today,
                self.lang(),
                self.read_only,
            );
            if !self.read_only {
                loaded.warnings = Store::sweep_leftovers(store.dir(), since);
            }
            let _ = tx.send(loaded);
        }
        if let Some(l) = &mut self.loader {
            l.rx = Some(rx);
        }
    }

    /// Whether the cases are still being read (the list shows the index meanwhile).
    pub fn loading(&self) -> bool {
        self.loader.is_some() || self.pending_load
    }

    /// The loading thread's result, once it is there (taken in by [`State::take_loaded`]);
    /// `wait`: until it is. Starts the thread if the first frame has been shown.
    pub(crate) fn poll_loader(&mut self, wait: bool) -> Option<Vec<CaseCheck>> {
        let loader = self.loader.as_ref()?;
        if loader.rx.is_none() {
            let shown = loader
                .ctx
                .as_ref()
                .is_none_or(|c| c.cumulative_frame_nr() > 0);
            if !wait && !shown {
                // The next frame starts it.
                if let Some(ctx) = &loader.ctx {
                    ctx.request_repaint();
                }
                return None;
            }
            self.spawn_loader();
        }
        let rx = self.loader.as_ref()?.rx.as_ref()?;
        let got = if wait {
            rx.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            rx.try_recv()
        };
        let loaded = match got {
            Ok(l) => l,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => {
                self.loader = None;
                return None;
            }
        };
        let loader = self.loader.take()?;
        Some(self.take_loaded(loaded, loader))
    }

    /// Takes in what the loading thread found: its messages, and its checked list in place of
    /// the index as read, except for the cases changed or deleted here meanwhile.
    fn take_loaded(&mut self, loaded: Loaded, loader: Loader) -> Vec<CaseCheck> {
        let Loaded {
            refreshed,
            report,
            checks,
            warnings,
            fingerprint,
        } = loaded;
        for w in warnings {
            self.push_banner(Msg::StoreWarning(w), false);
        }
        match &report {
            Some(Ok(report)) => self.report_messages(report),
            Some(Err(e)) => {
                let dir = self
                    .store
                    .as_ref()
                    .map(|s| s.dir().display().to_string())
                    .unwrap_or_default();
                let err = crate::view::strings::store_error(self.lang(), e);
                self.push_banner(Msg::StoreOpenFailed { dir, err }, true);
            }
            // The full reading says which files a newer version wrote; without it, the index.
            None => {
                for e in refreshed.entries.iter().filter(|e| e.newer) {
                    let file = format!("{}.ron", e.id);
                    self.push_banner(Msg::NewerSchema { file }, false);
                }
            }
        }
        let (removed, touched) = (loader.removed, std::mem::take(&mut self.touched));
        if fingerprint != self.fingerprint {
            // The data changed meanwhile: the list was made again with it already.
            return Vec::new();
        }
        self.index_dirty |= refreshed.changed() || !touched.is_empty();
        let mine: Vec<Entry> = std::mem::take(&mut self.index)
            .into_iter()
            .filter(|e| touched.contains(&e.id))
            .collect();
        self.index = refreshed.entries;
        self.index
            .retain(|e| !removed.contains(&e.id) && !touched.contains(&e.id));
        self.index.extend(mine);
        self.edits += 1;
        checks
            .into_iter()
            .filter(|c| !removed.contains(&c.id))
            .collect()
    }

    /// The messages of a full reading of the store: files moved aside, restored from their
    /// backup, written by a newer version, and what else it noticed.
    fn report_messages(&mut self, report: &LoadReport) {
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
    }

    /// Takes in a full reading of the store (a small one): its messages, the cases (those
    /// already open here are kept as they are), and the index set right.
    pub(super) fn take_report(&mut self, report: LoadReport) {
        self.report_messages(&report);
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

    /// Reads a case not in memory yet (a large store's cases are read when opened).
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
        if self.loading() {
            self.touched.insert(id.to_string());
        }
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

/// The loading thread's work on a large store: the index checked against every file (only the
/// files that changed are read); when a file is damaged, the store's full reading (it moves the
/// file aside and restores its backup) and the list made again; then the cases not checked
/// since their file or the data changed are checked against what they last showed.
fn load(
    dir: &std::path::Path,
    catalog: &Catalog,
    fingerprint: &str,
    today: NaiveDate,
    lang: Lang,
    read_only: bool,
) -> Loaded {
    let facts = &mut |c: &Case| caselist::facts(catalog, c, today);
    let mut refreshed = index::refresh(dir, fingerprint, today, facts);
    let mut report = None;
    if !refreshed.unreadable.is_empty() || refreshed.entries.iter().any(|e| e.from_backup) {
        report = Some(Store::load_dir(dir, read_only).map(|mut r| {
            // Only its messages are wanted (the cases are read when opened).
            r.cases.retain(|c| r.recovered_from_backup.contains(&c.id));
            r
        }));
        let first = std::mem::take(&mut refreshed);
        let indexed = Indexed {
            entries: first.entries,
            same_day: true,
        };
        refreshed = index::refresh_from(dir, Some(indexed), facts);
        refreshed.rebuilt |= first.rebuilt;
        refreshed.reread += first.reread;
        refreshed.dropped += first.dropped;
    }
    let mut checks = Vec::new();
    for e in refreshed.entries.iter().filter(|e| !e.checked) {
        let Some(case) = index::read_case(dir, &e.id) else {
            continue;
        };
        let c = crate::recheck::check_case(catalog, &case, dir, today, lang);
        if !c.has_news() && !read_only && c.record(dir).is_err() {
            continue;
        }
        checks.push(c);
    }
    Loaded {
        refreshed,
        report,
        checks,
        warnings: Vec::new(),
        fingerprint: fingerprint.to_string(),
    }
}
