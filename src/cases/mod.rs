//! Saved cases: one RON file per case in the user's data folder, written atomically, with a
//! `.bak` of the previous version, quarantine for corrupt files, schema migration and a lock
//! so a second running instance cannot overwrite the first one's saves.
//!
//! Layout of the store folder:
//!
//! | name                          | what                                                       |
//! |-------------------------------|------------------------------------------------------------|
//! | `<id>.ron`                    | a case, pretty-printed RON, `schema: 3`                    |
//! | `.index.ron`                  | a cache of the list (label, state, next deadline), see [`index`] |
//! | `<id>.ron.bak`                | the version before the last save                           |
//! | `<id>.ron.corrupt-<time>`     | a file that could not be read, moved aside (never deleted) |
//! | `.trash/<id>.ron[.bak]`       | deleted cases, for [`Store::undelete`]                     |
//! | `.save-XXXXXX.tmp`            | a save in progress (leftovers are removed on open)         |
//! | `.lock`                       | held (exclusive file lock) by the instance that may write   |
//! | `<id>.files/`                 | the case's attachments (photos, scans), copied in           |
//!
//! See [`schema`](self::schema) for the file format of every schema version.

mod attach;
mod bundle;
pub(crate) mod fsio;
pub mod index;
mod limits;
mod load;
pub mod readonly;
pub mod schema;
pub mod status;

pub use attach::{
    ATTACHMENTS_SUFFIX, AttachError, Attachment, AttachmentPathError, attachment_file,
};
pub use bundle::is_bundle;
pub use limits::{Counted, MAX_ANSWERS, MAX_ATTACHMENTS, MAX_ITEMS};
pub use status::{Amount, CaseStatus, StatusKind};

use crate::engine::Answers;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// The schema version written by this build. Older versions load through a migration
/// (see [`schema`](self::schema)).
pub const SCHEMA_VERSION: u32 = 3;

/// Name of the lock file inside the store folder.
pub(crate) const LOCK_FILE: &str = ".lock";
/// Name of the folder (inside the store folder) that holds deleted cases.
pub(crate) const TRASH_DIR: &str = ".trash";

/// A user's tick, note and attached photos on one item (material or step id).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemState {
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub note: String,
    /// Photos and scans of the material, in the order added (schema 2).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "limits::attachments"
    )]
    pub attachments: Vec<Attachment>,
}

impl ItemState {
    /// Not ticked, no note, no attachment: carries no information.
    pub(crate) fn is_blank(&self) -> bool {
        !self.done && self.note.is_empty() && self.attachments.is_empty()
    }
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
    #[serde(deserialize_with = "limits::answers")]
    pub answers: Answers,
    /// By item id. Items the current data no longer requires are kept (shown as "no longer required").
    #[serde(default, deserialize_with = "limits::items")]
    pub items: BTreeMap<String, ItemState>,
    /// Where the case stands (schema 3; left out of the file while open).
    #[serde(default, skip_serializing_if = "CaseStatus::is_open")]
    pub status: CaseStatus,
}

/// Now, local time, RFC 3339 with seconds (`2025-03-01T14:22:33+08:00`).
pub(crate) fn now_rfc3339() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// A fresh, filesystem-safe, practically unique id: `YYYYMMDD-HHMMSS-<10 hex digits>`.
pub(crate) fn new_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = chrono::Local::now();
    // RandomState is seeded randomly per process; mix in time, pid and a counter so two ids made
    // in the same instant (in one process or two) still differ.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_i64(now.timestamp_nanos_opt().unwrap_or_default());
    h.write_u32(std::process::id());
    let random = h.finish() & 0xff_ffff_ffff;
    format!("{}-{random:010x}", now.format("%Y%m%d-%H%M%S"))
}

/// Whether `id` can name a case file: non-empty, one path component, not hidden, no control
/// characters. (Ids made by [`new_id`] are always valid; ids of hand-named files may be looser.)
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && !id.starts_with('.')
        && !id.chars().any(|c| c == '/' || c == '\\' || c.is_control())
}

impl Case {
    /// A new empty case with a fresh id and the given label.
    pub fn new(label: impl Into<String>) -> Case {
        let now = now_rfc3339();
        Case {
            schema: SCHEMA_VERSION,
            id: new_id(),
            label: label.into(),
            created: now.clone(),
            updated: now,
            answers: Answers::default(),
            items: BTreeMap::new(),
            status: CaseStatus::Open,
        }
    }
    /// Changes the state (reopening is setting [`CaseStatus::Open`]).
    pub fn set_status(&mut self, status: CaseStatus) {
        if self.status != status {
            self.status = status;
            self.touch();
        }
    }
    /// Sets `updated` to now. The setters below call it; call it yourself after editing fields
    /// directly (e.g. `answers`). [`Store::save`] writes the case exactly as given.
    pub fn touch(&mut self) {
        self.updated = now_rfc3339();
    }
    pub fn rename(&mut self, label: impl Into<String>) {
        self.label = label.into();
        self.touch();
    }
    pub fn is_done(&self, item: &str) -> bool {
        self.items.get(item).is_some_and(|s| s.done)
    }
    pub fn note(&self, item: &str) -> &str {
        self.items.get(item).map_or("", |s| s.note.as_str())
    }
    /// Ticks or unticks an item. An entry that ends up unticked with no note is removed.
    pub fn set_done(&mut self, item: &str, done: bool) {
        self.items.entry(item.to_string()).or_default().done = done;
        self.drop_if_blank(item);
        self.touch();
    }
    /// Sets an item's note. An entry that ends up unticked with no note is removed.
    pub fn set_note(&mut self, item: &str, note: impl Into<String>) {
        self.items.entry(item.to_string()).or_default().note = note.into();
        self.drop_if_blank(item);
        self.touch();
    }
    fn drop_if_blank(&mut self, item: &str) {
        if self.items.get(item).is_some_and(ItemState::is_blank) {
            self.items.remove(item);
        }
    }
    /// Written by a newer version of the app (`schema > SCHEMA_VERSION`): show it, but
    /// [`Store::save`] refuses to overwrite it.
    pub fn is_from_newer_version(&self) -> bool {
        self.schema > SCHEMA_VERSION
    }
}

/// A file that could not be read and was moved aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quarantined {
    pub original: PathBuf,
    /// Where the file is now. Equal to `original` when it could not be moved; `not_moved` then
    /// says why.
    pub moved_to: PathBuf,
    pub reason: Unreadable,
    pub not_moved: Option<NotMoved>,
}

/// Why a case file is unusable. Data only: the words are in `view::strings` (the `Display`
/// text is a terse English one for logs and tests).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("cannot read the file ({0:?})")]
    Io(io::ErrorKind),
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    #[error("the file is empty")]
    Empty,
    /// Not a case file: where the reader gave up (1-based) and why.
    #[error("not a valid case file (line {line}, column {col}: {problem})")]
    Invalid {
        line: usize,
        col: usize,
        problem: crate::catalog::ParseProblem,
    },
    /// An attachment name that points outside the case's own folder (absolute, `..`, a
    /// separator): a hand-edited or hostile file.
    #[error("the attachment name {name:?} points outside the case's folder")]
    UncontainedAttachment { name: String },
    /// Not an ordinary file, or too large (see [`crate::fsread`]).
    #[error("{0}")]
    Refused(crate::fsread::Refused),
    /// More items, answers or attachments than any real case has (the file is not loaded, so
    /// memory stays a small multiple of its size).
    #[error("more than {max} {what:?} in the case file")]
    TooMany { what: limits::Counted, max: usize },
}

/// Why a bundle or a case file to import is refused, or a case from a newer app version is not
/// changed. Data only: `view::strings::refusal` words it. It travels inside the `InvalidData`
/// [`io::Error`] of a [`StoreError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("not a case bundle (the zip cannot be read)")]
    NotABundle,
    #[error("more than {max} entries in the bundle")]
    TooManyEntries { max: usize },
    #[error("\"{name}\" is larger than {max} bytes once unpacked")]
    EntryTooLarge { name: String, max: u64 },
    #[error("\"{name}\" unpacks to more bytes than its header says")]
    SizeMismatch { name: String },
    #[error("the bundle unpacks to more than {max} bytes")]
    BundleTooLarge { max: u64 },
    #[error("two entries of the bundle have the same name")]
    Duplicate,
    #[error("\"{name}\" points outside the bundle (an absolute path or `..`)")]
    UnsafePath { name: String },
    #[error("\"{name}\" is a link")]
    Link { name: String },
    #[error("\"{name}\" is encrypted")]
    Encrypted { name: String },
    #[error("unexpected entry \"{name}\"")]
    Unexpected { name: String },
    #[error("entry {index} of the bundle is damaged")]
    Damaged { index: usize },
    #[error("\"{name}\" is not a JPEG, PNG or PDF file")]
    NotAPhoto { name: String },
    #[error("the bundle has no {}", bundle::CASE_ENTRY)]
    NoCase,
    #[error("the attachment \"{file}\" is missing from the bundle")]
    MissingFile { file: String },
    #[error("\"{name}\" is not an attachment of the case")]
    ExtraFile { name: String },
    /// The case file inside the bundle, or the case file imported, is unusable.
    #[error("{0}")]
    Case(Unreadable),
    #[error(
        "written by a newer version of the app (schema {schema}, this version knows {SCHEMA_VERSION}); update the app to open or change it"
    )]
    Newer { schema: u32 },
}

impl Refusal {
    fn into_io(self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, self)
    }
}

/// Why a corrupt file was left where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotMoved {
    /// Another copy of the app holds the store.
    StoreHeld,
    /// A reading command opened the store read-only (it changes nothing).
    ReadOnlyOpening,
    /// Moving it failed.
    MoveFailed(io::ErrorKind),
}

/// Something else about the store worth telling the user. Data only, worded in `view::strings`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadWarning {
    /// The lock could not be taken (nor created), so another copy could overwrite saves.
    NoLock { path: PathBuf, error: io::ErrorKind },
    /// A leftover of an interrupted save could not be removed.
    LeftoverKept { path: PathBuf, error: io::ErrorKind },
    /// A case was restored from its backup in memory but the case file could not be written.
    RestoreNotWritten {
        id: String,
        path: PathBuf,
        error: io::ErrorKind,
    },
    /// The backup of a corrupt case is unusable too.
    BackupUnusable { path: PathBuf, reason: Unreadable },
}

/// A case file written by a newer version of the app. It is left untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewerSchema {
    pub path: PathBuf,
    pub id: String,
    /// The schema number found in the file.
    pub schema: u32,
    /// Whether a best-effort read succeeded; if so the case is in [`LoadReport::cases`]
    /// (read-only: [`Case::is_from_newer_version`]).
    pub loaded: bool,
}

/// What opening the store found.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Every case that loaded, most recently updated first.
    pub cases: Vec<Case>,
    pub quarantined: Vec<Quarantined>,
    /// Cases restored from their `.bak` because the main file was corrupt (or missing).
    pub recovered_from_backup: Vec<String>,
    /// Another instance holds the lock: this one must not write.
    pub read_only: bool,
    /// Files from a newer app version: not quarantined, not rewritten.
    pub newer_schema: Vec<NewerSchema>,
    /// Ids of cases read from an older schema (migrated in memory; the file is upgraded on the
    /// next save, with the old version kept in `.bak`).
    pub migrated: Vec<String>,
    /// Anything else worth telling the user (lock not supported, cleanup failed…).
    pub warnings: Vec<LoadWarning>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("another copy of the app is running and holds {0}; this one is read-only")]
    ReadOnly(PathBuf),
    #[error("no case named \"{0}\"")]
    NotFound(String),
    /// Saving it would make a file that loading refuses (one limit for both).
    #[error(
        "cannot save {path}: the case is {size} bytes, more than the {max} bytes a case file may hold; shorten its notes"
    )]
    TooLarge { path: PathBuf, size: u64, max: u64 },
}

fn write_err(path: &Path, source: io::Error) -> StoreError {
    StoreError::Write {
        path: path.to_path_buf(),
        source,
    }
}
fn read_err(path: &Path, source: io::Error) -> StoreError {
    StoreError::Read {
        path: path.to_path_buf(),
        source,
    }
}
fn invalid(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

/// The folder of saved cases.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// The open, exclusively locked `.lock` file; `None` when another instance holds it.
    lock: Option<File>,
    read_only: bool,
}

impl Drop for Store {
    fn drop(&mut self) {
        if let Some(f) = &self.lock {
            let _ = f.unlock();
        }
    }
}

impl Store {
    /// The default folder: `<data dir>/cases`.
    pub(crate) fn default_dir() -> Option<PathBuf> {
        crate::paths::data_dir().map(|d| d.join("cases"))
    }
    /// Opens (creating) the folder, takes the lock if free, loads every case.
    ///
    /// With the lock: leftover temp files are removed, corrupt files are moved aside and cases
    /// are restored from `.bak` on disk. Without it (another instance runs): the store is
    /// read-only and nothing in the folder is changed; problems are only reported.
    pub fn open(dir: &Path) -> Result<(Store, LoadReport), StoreError> {
        fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
        let mut warnings = Vec::new();
        let (lock, read_only) = take_lock(&dir.join(LOCK_FILE), &mut warnings);
        let store = Store {
            dir: dir.to_path_buf(),
            lock,
            read_only,
        };
        if !read_only {
            load::remove_temp_files(&store.dir, None, &mut warnings);
        }
        let mut report = store.reload()?;
        warnings.append(&mut report.warnings);
        report.warnings = warnings;
        Ok((store, report))
    }
    /// Opens (creating) the folder and takes the lock if free, like [`Store::open`], but loads
    /// no case: the caller lists the cases from the [`index`] and loads one with
    /// [`Store::load_one`] when it is opened (or all with [`Store::reload`], off the UI thread).
    pub fn open_unloaded(dir: &Path) -> Result<(Store, Vec<LoadWarning>), StoreError> {
        let (store, mut warnings) = Store::open_unswept(dir)?;
        if !store.read_only {
            load::remove_temp_files(&store.dir, None, &mut warnings);
        }
        Ok((store, warnings))
    }
    /// [`Store::open_unloaded`] without looking through the folder for leftovers of interrupted
    /// saves (10,000 cases take a while): [`Store::sweep_leftovers`] does, off the UI thread.
    pub fn open_unswept(dir: &Path) -> Result<(Store, Vec<LoadWarning>), StoreError> {
        fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
        let mut warnings = Vec::new();
        let (lock, read_only) = take_lock(&dir.join(LOCK_FILE), &mut warnings);
        let store = Store {
            dir: dir.to_path_buf(),
            lock,
            read_only,
        };
        Ok((store, warnings))
    }
    /// Removes the leftovers of saves interrupted before `before` (a time before this process
    /// saved anything, so that none of its own saves under way is taken for one). For a thread
    /// of the process that holds the store's lock.
    pub fn sweep_leftovers(dir: &Path, before: std::time::SystemTime) -> Vec<LoadWarning> {
        let mut warnings = Vec::new();
        load::remove_temp_files(dir, Some(before), &mut warnings);
        warnings
    }
    /// Reads one case by id: its file, else its `.bak` (as loading the whole store would
    /// restore it). Nothing is moved or written.
    pub fn load_one(&self, id: &str) -> Result<Case, StoreError> {
        if !is_valid_id(id) {
            return Err(StoreError::NotFound(id.to_string()));
        }
        let main = self.case_path(id);
        let mut case = match read_case(&main) {
            Ok(c) => c,
            Err(e) => match read_case(&self.backup_path(id)) {
                Ok(c) => c,
                Err(_) if !main.exists() => return Err(StoreError::NotFound(id.to_string())),
                Err(_) => return Err(e),
            },
        };
        case.id = id.to_string();
        Ok(case)
    }
    /// [`Store::reload`] for a thread of the same process that holds the store: reads every case
    /// of `dir` (moving corrupt files aside unless `read_only`).
    pub fn load_dir(dir: &Path, read_only: bool) -> Result<LoadReport, StoreError> {
        load::load_all(dir, read_only)
    }
    /// Scans the folder again (same handling as [`Store::open`], without re-locking).
    pub fn reload(&self) -> Result<LoadReport, StoreError> {
        load::load_all(&self.dir, self.read_only)
    }
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
    /// `<dir>/.lock`.
    pub(crate) fn lock_path(&self) -> PathBuf {
        self.dir.join(LOCK_FILE)
    }
    /// `<dir>/<id>.ron` (whether or not it exists).
    pub fn case_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.ron"))
    }
    /// `<dir>/<id>.ron.bak` (whether or not it exists).
    pub fn backup_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.ron.bak"))
    }
    fn trash_dir(&self) -> PathBuf {
        self.dir.join(TRASH_DIR)
    }
    fn check_writable(&self) -> Result<(), StoreError> {
        if self.read_only {
            Err(StoreError::ReadOnly(self.lock_path()))
        } else {
            Ok(())
        }
    }
    fn check_id(&self, id: &str) -> Result<(), StoreError> {
        if is_valid_id(id) {
            Ok(())
        } else {
            Err(write_err(
                &self.dir,
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("invalid case id {id:?}"),
                ),
            ))
        }
    }

    /// Atomic save: temp file in the same folder, fsync, previous version to `.bak`, rename.
    ///
    /// Writes the case exactly as given (call [`Case::touch`] to bump `updated`). On error the
    /// file on disk is unchanged and the caller still has the case.
    pub fn save(&self, case: &Case) -> Result<(), StoreError> {
        self.check_writable()?;
        self.check_id(&case.id)?;
        let target = self.case_path(&case.id);
        if case.is_from_newer_version() {
            return Err(write_err(&target, newer_refusal(case.schema)));
        }
        // Never write a file that loading would refuse.
        limits::check(case).map_err(|r| write_err(&target, Refusal::Case(r).into_io()))?;
        let text = schema::to_text(case).map_err(|e| write_err(&target, invalid(e)))?;
        if text.len() as u64 > fsio::MAX_FILE_BYTES {
            return Err(StoreError::TooLarge {
                path: target,
                size: text.len() as u64,
                max: fsio::MAX_FILE_BYTES,
            });
        }
        match fsio::read_limited(&target) {
            Ok(old) => {
                if old == text.as_bytes() {
                    return Ok(());
                }
                let old_parsed = std::str::from_utf8(&old).ok().map(schema::parse);
                match old_parsed {
                    Some(Ok(schema::Parsed::Newer { schema, .. })) => {
                        return Err(write_err(&target, newer_refusal(schema)));
                    }
                    Some(Ok(schema::Parsed::Current { .. })) => {
                        let bak = self.backup_path(&case.id);
                        fsio::write_atomic(&bak, &old).map_err(|e| write_err(&bak, e))?;
                    }
                    // The file went bad since it was loaded: keep it aside, keep the old `.bak`.
                    _ => {
                        fsio::quarantine(&target).map_err(|e| write_err(&target, e))?;
                    }
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(read_err(&target, e)),
        }
        fsio::write_atomic(&target, text.as_bytes()).map_err(|e| write_err(&target, e))
    }

    /// Moves `<id>.ron` (and its `.bak`) into the `.trash` folder; [`Store::undelete`] brings
    /// it back.
    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        self.check_writable()?;
        if !is_valid_id(id) {
            return Err(StoreError::NotFound(id.to_string()));
        }
        let main = self.case_path(id);
        if !main.is_file() {
            return Err(StoreError::NotFound(id.to_string()));
        }
        let trash = self.trash_dir();
        fs::create_dir_all(&trash).map_err(|e| write_err(&trash, e))?;
        let bak = self.backup_path(id);
        // `.bak` first: a crash in between leaves the case in place, not an orphan `.bak`.
        if bak.is_file() {
            let to = trash.join(format!("{id}.ron.bak"));
            fs::rename(&bak, &to).map_err(|e| write_err(&bak, e))?;
        }
        let to = trash.join(format!("{id}.ron"));
        fs::rename(&main, &to).map_err(|e| write_err(&main, e))?;
        // The attachments follow the case (after it: a crash in between leaves them in place,
        // where an undelete finds them).
        let files = self.attachments_dir(id);
        if files.is_dir() {
            let to = trash.join(format!("{id}{ATTACHMENTS_SUFFIX}"));
            let _ = fs::remove_dir_all(&to);
            fs::rename(&files, &to).map_err(|e| write_err(&files, e))?;
        }
        let _ = fsio::sync_dir(&trash);
        fsio::sync_dir(&self.dir).map_err(|e| write_err(&self.dir, e))
    }

    /// Brings back a case removed by [`Store::delete`] and returns it. Fails with `NotFound` if
    /// there is no deleted case with this id, and with `Write` (`AlreadyExists`) if a case with
    /// this id has been saved since.
    pub fn undelete(&self, id: &str) -> Result<Case, StoreError> {
        self.check_writable()?;
        if !is_valid_id(id) {
            return Err(StoreError::NotFound(id.to_string()));
        }
        let trash = self.trash_dir();
        let from = trash.join(format!("{id}.ron"));
        if !from.is_file() {
            return Err(StoreError::NotFound(id.to_string()));
        }
        let main = self.case_path(id);
        if fs::symlink_metadata(&main).is_ok() {
            return Err(write_err(
                &main,
                io::Error::new(io::ErrorKind::AlreadyExists, "a case with this id exists"),
            ));
        }
        let mut case = read_case(&from)?;
        case.id = id.to_string();
        fs::rename(&from, &main).map_err(|e| write_err(&main, e))?;
        let bak_from = trash.join(format!("{id}.ron.bak"));
        if bak_from.is_file() {
            let bak = self.backup_path(id);
            if fs::symlink_metadata(&bak).is_err() {
                let _ = fs::rename(&bak_from, &bak);
            }
        }
        let files_from = trash.join(format!("{id}{ATTACHMENTS_SUFFIX}"));
        let files = self.attachments_dir(id);
        if files_from.is_dir() && fs::symlink_metadata(&files).is_err() {
            fs::rename(&files_from, &files).map_err(|e| write_err(&files, e))?;
        }
        let _ = fsio::sync_dir(&trash);
        fsio::sync_dir(&self.dir).map_err(|e| write_err(&self.dir, e))?;
        Ok(case)
    }

    /// Reads an exported case file; the imported case gets a fresh id.
    ///
    /// Any supported schema is accepted (older ones are migrated). A corrupt file, or one from
    /// a newer version of the app, is a `Read` error with kind `InvalidData`.
    pub fn import_from(path: &Path) -> Result<Case, StoreError> {
        let mut case = read_case(path)?;
        if case.is_from_newer_version() {
            return Err(read_err(path, newer_refusal(case.schema)));
        }
        case.id = new_id();
        Ok(case)
    }
}

/// The text of a case file for export (`path` names the destination in errors): refused for a
/// case of a newer schema, or one too large to load again.
pub(crate) fn case_file_bytes(case: &Case, path: &Path) -> Result<Vec<u8>, StoreError> {
    if case.is_from_newer_version() {
        return Err(write_err(path, newer_refusal(case.schema)));
    }
    let text = schema::to_text(case).map_err(|e| write_err(path, invalid(e)))?;
    if text.len() as u64 > fsio::MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: text.len() as u64,
            max: fsio::MAX_FILE_BYTES,
        });
    }
    Ok(text.into_bytes())
}

/// Opens `lock_path` and tries to lock it exclusively. Returns the locked file and whether the
/// store must be read-only (another process or `Store` holds the lock). A lock that cannot be
/// taken for another reason (no lock file in a read-only folder, a file system without locks)
/// does not make the store read-only: writes then fail or succeed on their own; a warning says so.
fn take_lock(lock_path: &Path, warnings: &mut Vec<LoadWarning>) -> (Option<File>, bool) {
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path)
        .or_else(|_| File::open(lock_path));
    match file {
        Ok(f) => match f.try_lock() {
            Ok(()) => (Some(f), false),
            Err(fs::TryLockError::WouldBlock) => (None, true),
            Err(fs::TryLockError::Error(e)) => {
                warnings.push(LoadWarning::NoLock {
                    path: lock_path.to_path_buf(),
                    error: e.kind(),
                });
                (None, false)
            }
        },
        Err(e) => {
            warnings.push(LoadWarning::NoLock {
                path: lock_path.to_path_buf(),
                error: e.kind(),
            });
            (None, false)
        }
    }
}

fn newer_refusal(schema: u32) -> io::Error {
    Refusal::Newer { schema }.into_io()
}

/// Reads and parses one case file (current or migrated schema; a newer schema only if its known
/// fields read, with `schema` left as found).
fn read_case(path: &Path) -> Result<Case, StoreError> {
    let bytes = fsio::read_limited(path).map_err(|e| read_err(path, e))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| read_err(path, Refusal::Case(Unreadable::NotUtf8).into_io()))?;
    match schema::parse(&text) {
        Ok(schema::Parsed::Current { case, .. }) => Ok(case),
        Ok(schema::Parsed::Newer {
            case: Some(case), ..
        }) => Ok(case),
        Ok(schema::Parsed::Newer { schema, case: None }) => {
            Err(read_err(path, newer_refusal(schema)))
        }
        Err(reason) => Err(read_err(path, Refusal::Case(reason).into_io())),
    }
}
