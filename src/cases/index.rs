//! A cache of the case list, `<store>/.index.json`: per case only what the list shows and
//! searches (label, state, notes, what its checklist showed: situation, next deadline, progress)
//! and the case file's modification time and size. With it the list of 10,000 cases is read from
//! one file instead of 10,000.
//!
//! It is never trusted for more than a first look: every entry is checked against its file's
//! modification time and size (a file that changed, appeared or vanished is read again), a
//! different catalog fingerprint or format makes every entry stale, and an unreadable index is
//! simply rebuilt. Deleting it loses nothing. It is written in one atomic write (temp file,
//! rename), never entry by entry.

use super::schema::{self, Parsed};
use super::{Case, CaseStatus, Unreadable, fsio, load};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Name of the index file inside the store folder (hidden: never read as a case).
pub const INDEX_FILE: &str = ".index.json";
/// Bumped when [`Entry`] changes shape; an index of another format is rebuilt.
const FORMAT: u32 = 2;
/// The index of a very large store is larger than a case file may be.
const MAX_INDEX_BYTES: u64 = 512 * 1024 * 1024;

/// What a case's checklist shows in the list, worked out by the caller (the engine is not this
/// layer's business). Only valid for the catalog fingerprint it was made with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The nearest limit's date (the most overdue one when passed).
    pub next_deadline: Option<NaiveDate>,
    /// Materials ready / materials, once the checklist can be made.
    pub progress: Option<(usize, usize)>,
    /// All questions answered.
    pub complete: bool,
    /// The hand-off code of the answers, for search.
    pub code: Option<String>,
    /// The situation: the first three choice answers, as (question, option) positions in the
    /// catalog the fingerprint names (the list shows their labels in the language chosen).
    pub situation: Vec<(u16, u16)>,
    /// The derivation failed (a date too far in the future depends on the day): redone on
    /// another day.
    pub failed: bool,
}

/// One case in the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Row", into = "Row")]
pub struct Entry {
    pub id: String,
    pub label: String,
    pub updated: String,
    pub status: CaseStatus,
    /// Some question is answered.
    pub answered: bool,
    /// The item notes, joined by newlines, for search.
    pub notes: String,
    pub facts: Facts,
    /// Written by a newer version of the app (shown, not changed).
    pub newer: bool,
    /// Read from `<id>.ron.bak` because the case file is unusable: checked again every time.
    pub from_backup: bool,
    /// Checked against what its checklist last showed (`recheck`'s note) with these facts and
    /// found unchanged: not derived again at start until the file or the data changes.
    pub checked: bool,
    /// The case file's modification time (ns since 1970) and size when it was read; `0`
    /// when unknown (the entry is then always read again).
    pub mtime_ns: u64,
    pub size: u64,
}

impl Entry {
    /// The entry for a case as it is now (`stamp`: the file's modification time and size, taken
    /// before it was read).
    pub fn of(case: &Case, facts: Facts, stamp: (u64, u64)) -> Entry {
        let notes: Vec<&str> = case
            .items
            .values()
            .map(|s| s.note.as_str())
            .filter(|n| !n.is_empty())
            .collect();
        Entry {
            id: case.id.clone(),
            label: case.label.clone(),
            updated: case.updated.clone(),
            status: case.status.clone(),
            answered: !case.answers.0.is_empty(),
            notes: notes.join("\n"),
            facts,
            newer: case.is_from_newer_version(),
            from_backup: false,
            checked: false,
            mtime_ns: stamp.0,
            size: stamp.1,
        }
    }
}

/// An entry as the index file keeps it: an array, not an object with field names (10,000
/// cases: 2.1 MB instead of 3.8, read in 60 % of the time, before the first frame).
type Row = (
    String,
    String,
    String,
    CaseStatus,
    bool,
    String,
    FactsRow,
    bool,
    bool,
    bool,
    u64,
    u64,
);
type FactsRow = (
    Option<NaiveDate>,
    Option<(usize, usize)>,
    bool,
    Option<String>,
    Vec<(u16, u16)>,
    bool,
);

impl From<Row> for Entry {
    fn from(r: Row) -> Entry {
        let (
            id,
            label,
            updated,
            status,
            answered,
            notes,
            f,
            newer,
            from_backup,
            checked,
            mtime_ns,
            size,
        ) = r;
        Entry {
            id,
            label,
            updated,
            status,
            answered,
            notes,
            facts: Facts {
                next_deadline: f.0,
                progress: f.1,
                complete: f.2,
                code: f.3,
                situation: f.4,
                failed: f.5,
            },
            newer,
            from_backup,
            checked,
            mtime_ns,
            size,
        }
    }
}

impl From<Entry> for Row {
    fn from(e: Entry) -> Row {
        let f = e.facts;
        (
            e.id,
            e.label,
            e.updated,
            e.status,
            e.answered,
            e.notes,
            (
                f.next_deadline,
                f.progress,
                f.complete,
                f.code,
                f.situation,
                f.failed,
            ),
            e.newer,
            e.from_backup,
            e.checked,
            e.mtime_ns,
            e.size,
        )
    }
}

#[derive(Serialize, Deserialize)]
struct IndexFile {
    format: u32,
    /// What the facts were worked out with (data version and the deadline rules).
    fingerprint: String,
    /// The day they were worked out on.
    day: NaiveDate,
    entries: Vec<Entry>,
}

/// The result of [`refresh`].
#[derive(Debug, Default)]
pub struct Refreshed {
    /// Every case, in no particular order (the view sorts).
    pub entries: Vec<Entry>,
    /// Entries read again from their files (new, changed, or the index was missing or stale).
    pub reread: usize,
    /// Entries whose file is gone.
    pub dropped: usize,
    /// Whether the index file was missing, unreadable or of another format or fingerprint.
    pub rebuilt: bool,
    /// Case files that could not be read (nor their backup): not listed; the store's loading
    /// reports and moves them aside.
    pub unreadable: Vec<(PathBuf, Unreadable)>,
}

impl Refreshed {
    /// Whether the index file should be written again.
    pub fn changed(&self) -> bool {
        self.rebuilt || self.reread > 0 || self.dropped > 0
    }
}

/// A file's modification time (ns) and size, `(0, 0)` if unknown.
pub fn stamp_of(meta: &fs::Metadata) -> (u64, u64) {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    (mtime, meta.len())
}

/// The stamp of `<dir>/<id>.ron` now.
pub fn stamp(dir: &Path, id: &str) -> (u64, u64) {
    fs::metadata(dir.join(format!("{id}.ron"))).map_or((0, 0), |m| stamp_of(&m))
}

/// How many case files `dir` holds, by their names (no file is opened or examined).
pub fn count_cases(dir: &Path) -> usize {
    fs::read_dir(dir).map_or(0, |rd| {
        rd.flatten()
            .filter(|d| load::case_id_of(&d.path()).is_some())
            .count()
    })
}

/// An index as read, before it is checked against the files.
#[derive(Debug)]
pub struct Indexed {
    pub entries: Vec<Entry>,
    /// Made today (a derivation that failed is tried again on another day).
    pub same_day: bool,
}

/// Reads the index of `dir` if there is one of this format and fingerprint. Nothing in it is
/// checked: good for a first look at the list, to be followed by [`refresh_from`].
pub fn read_index(dir: &Path, fingerprint: &str, today: NaiveDate) -> Option<Indexed> {
    read(dir)
        .filter(|f| f.format == FORMAT && f.fingerprint == fingerprint)
        .map(|f| Indexed {
            same_day: f.day == today,
            entries: f.entries,
        })
}

/// Reads the index of `dir` (if any) and brings it up to date with the case files, reading only
/// the files that changed. `facts` works out a case's checklist facts. Nothing is written.
pub fn refresh(
    dir: &Path,
    fingerprint: &str,
    today: NaiveDate,
    facts: &mut dyn FnMut(&Case) -> Facts,
) -> Refreshed {
    refresh_from(dir, read_index(dir, fingerprint, today), facts)
}

/// [`refresh`] from an index already read (`None`: none usable, every file is read).
pub fn refresh_from(
    dir: &Path,
    indexed: Option<Indexed>,
    facts: &mut dyn FnMut(&Case) -> Facts,
) -> Refreshed {
    let mut out = Refreshed::default();
    let (mut old, same_day) = match indexed {
        Some(ix) => (
            ix.entries
                .into_iter()
                .map(|e| (e.id.clone(), e))
                .collect::<HashMap<_, _>>(),
            ix.same_day,
        ),
        None => {
            out.rebuilt = true;
            (HashMap::new(), true)
        }
    };
    let Ok(read_dir) = fs::read_dir(dir) else {
        out.dropped = old.len();
        return out;
    };
    let mut baks: Vec<String> = Vec::new();
    let mut mains: Vec<String> = Vec::new();
    for dirent in read_dir.flatten() {
        let path = dirent.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some(id) = load::case_id_of(&path) {
            let Ok(meta) = dirent.metadata() else {
                continue;
            };
            if !meta.is_file() {
                continue;
            }
            let stamp = stamp_of(&meta);
            match old.remove(&id) {
                Some(e)
                    if stamp.0 != 0
                        && (e.mtime_ns, e.size) == stamp
                        && !e.from_backup
                        && (same_day || !e.facts.failed) =>
                {
                    out.entries.push(e);
                }
                _ => {
                    out.reread += 1;
                    match read_one(&path) {
                        Ok(case) => {
                            let mut case = case;
                            case.id = id.clone();
                            let f = facts(&case);
                            out.entries.push(Entry::of(&case, f, stamp));
                        }
                        Err(reason) => {
                            out.unreadable.push((path.clone(), reason));
                            baks.push(id.clone());
                        }
                    }
                }
            }
            mains.push(id);
        } else if let Some(id) = name
            .strip_suffix(".ron.bak")
            .filter(|id| super::is_valid_id(id))
        {
            baks.push(id.to_string());
        }
    }
    // A case whose file is unusable or missing but whose backup reads: listed from the backup
    // (as the store's loading restores it), checked again next time.
    baks.sort();
    baks.dedup();
    let listed: std::collections::HashSet<&str> =
        out.entries.iter().map(|e| e.id.as_str()).collect();
    let mut from_baks = Vec::new();
    for id in baks {
        if listed.contains(id.as_str()) {
            continue;
        }
        let bak = dir.join(format!("{id}.ron.bak"));
        if let Ok(mut case) = read_one(&bak) {
            old.remove(&id);
            case.id = id.clone();
            let f = facts(&case);
            let mut e = Entry::of(&case, f, (0, 0));
            e.from_backup = true;
            from_baks.push(e);
            if !mains.contains(&id) {
                out.reread += 1;
            }
        }
    }
    out.entries.extend(from_baks);
    out.dropped = old.len();
    out
}

fn read(dir: &Path) -> Option<IndexFile> {
    let bytes = crate::fsread::read_regular(&dir.join(INDEX_FILE), MAX_INDEX_BYTES).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Reads the case `id` of `dir` (from its backup when the case file is unusable), for work
/// outside the store's lock (checks, listing); `None` if neither reads.
pub fn read_case(dir: &Path, id: &str) -> Option<Case> {
    let mut case = [format!("{id}.ron"), format!("{id}.ron.bak")]
        .iter()
        .find_map(|name| read_one(&dir.join(name)).ok())?;
    case.id = id.to_string();
    Some(case)
}

/// Reads one case file (any schema this build reads; a newer one if its known fields read).
pub(crate) fn read_one(path: &Path) -> Result<Case, Unreadable> {
    let bytes = fsio::read_limited(path).map_err(|e| match crate::fsread::Refused::of(&e) {
        Some(r) => Unreadable::Refused(r),
        None => Unreadable::Io(e.kind()),
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| Unreadable::NotUtf8)?;
    match schema::parse(text)? {
        Parsed::Current { case, .. } => Ok(case),
        Parsed::Newer {
            case: Some(case), ..
        } => Ok(case),
        Parsed::Newer { case: None, .. } => Err(Unreadable::Empty),
    }
}

/// Writes the index in one atomic write (temp file, fsync, rename): a crash leaves the old index
/// or the new one, and either is checked against the files on the next start.
pub fn write(
    dir: &Path,
    fingerprint: &str,
    today: NaiveDate,
    entries: &[Entry],
) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Out<'a> {
        format: u32,
        fingerprint: &'a str,
        day: NaiveDate,
        entries: &'a [Entry],
    }
    let bytes = serde_json::to_vec(&Out {
        format: FORMAT,
        fingerprint,
        day: today,
        entries,
    })
    .map_err(std::io::Error::other)?;
    fsio::write_atomic(&dir.join(INDEX_FILE), &bytes)
}
