//! "What changed for you": each saved case remembers what its checklist last showed (data
//! version, ids of materials, steps and notices, deadline dates) in a sidecar file next to the
//! case, `<cases>/<id>.ron.seen`. When the bundled data or the user's overrides change, the
//! difference is what is new, what is no longer required and which deadline moved.
//!
//! The case file itself is never touched (ticks and notes stay where they are), and the sidecar
//! name does not end in `.ron`, so the store never reads it as a case.

use crate::catalog::{Catalog, Lang};
use crate::engine::Derivation;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SEEN_SCHEMA: u32 = 1;

/// What a case's checklist showed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub schema: u32,
    pub data_version: String,
    pub materials: Vec<String>,
    pub steps: Vec<String>,
    pub notices: Vec<String>,
    /// Deadline id → the date to plan by (`None`: no date yet).
    pub deadlines: BTreeMap<String, Option<NaiveDate>>,
}

/// The date a deadline is planned by: the safest version's date (a limit's early end, an
/// estimate's late end), as in the calendar export.
pub fn plan_date(dl: &crate::engine::DerivedDeadline) -> Option<NaiveDate> {
    let v = dl.safest_version()?;
    if dl.kind.is_limit() {
        v.date
    } else {
        v.date_max.or(v.date)
    }
}

impl Seen {
    pub fn of(d: &Derivation) -> Seen {
        Seen {
            schema: SEEN_SCHEMA,
            data_version: d.data_version.clone(),
            materials: d.materials.iter().map(|m| m.id.to_string()).collect(),
            steps: d.steps.iter().map(|s| s.id.to_string()).collect(),
            notices: d.notices.iter().map(|n| n.id.to_string()).collect(),
            deadlines: d
                .deadlines
                .iter()
                .map(|dl| (dl.id.to_string(), plan_date(dl)))
                .collect(),
        }
    }
}

/// `<store dir>/<id>.ron.seen`.
pub fn seen_path(store_dir: &Path, id: &str) -> PathBuf {
    store_dir.join(format!("{id}.ron.seen"))
}

/// The remembered state; `None` when there is none yet or it cannot be read (then the current
/// state becomes the new baseline: nothing is lost, a change may go unreported once).
pub(crate) fn load_seen(path: &Path) -> Option<Seen> {
    let text = std::fs::read_to_string(path).ok()?;
    ron::from_str::<Seen>(&text).ok()
}

/// Writes the sidecar atomically (temp file, rename), without fsync: a note lost in a power
/// cut only makes the next check a first one (no change reported once), and fsync per file made
/// a first `recheck` of 10,000 cases take 20 s.
pub(crate) fn save_seen(path: &Path, seen: &Seen) -> std::io::Result<()> {
    let text = ron::ser::to_string_pretty(seen, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    crate::cases::fsio::write_replace(path, text.as_bytes())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Material,
    Step,
    Notice,
    Deadline,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub kind: ItemKind,
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    pub id: String,
    pub name: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// What changed in one case since it was last shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub data_from: String,
    pub data_to: String,
    pub new: Vec<Item>,
    pub gone: Vec<Item>,
    pub moved: Vec<Moved>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.gone.is_empty() && self.moved.is_empty()
    }
}

/// An item's name in the catalog, else its id (names in the derivation are the catalog's; the
/// app looks them up again when the language changes).
pub(crate) fn catalog_name(catalog: &Catalog, kind: ItemKind, id: &str, lang: Lang) -> String {
    let found = match kind {
        ItemKind::Material => catalog
            .materials
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.get(lang).to_string()),
        ItemKind::Step => catalog
            .steps
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.title.get(lang).to_string()),
        ItemKind::Notice => catalog
            .notices
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.title.get(lang).to_string()),
        ItemKind::Deadline => catalog
            .deadlines
            .iter()
            .find(|x| x.id == id)
            .map(|x| x.label.get(lang).to_string()),
    };
    found.unwrap_or_else(|| id.to_string())
}

/// The difference between what was shown (`old`) and what the derivation shows now.
pub fn diff(catalog: &Catalog, old: &Seen, d: &Derivation, lang: Lang) -> Changes {
    let now = Seen::of(d);
    let mut out = Changes {
        data_from: old.data_version.clone(),
        data_to: now.data_version.clone(),
        ..Default::default()
    };
    let old_deadlines: Vec<String> = old.deadlines.keys().cloned().collect();
    let now_deadlines: Vec<String> = now.deadlines.keys().cloned().collect();
    for (kind, was, is) in [
        (ItemKind::Material, &old.materials, &now.materials),
        (ItemKind::Step, &old.steps, &now.steps),
        (ItemKind::Notice, &old.notices, &now.notices),
        (ItemKind::Deadline, &old_deadlines, &now_deadlines),
    ] {
        for id in is.iter().filter(|id| !was.contains(id)) {
            out.new.push(Item {
                kind,
                id: id.clone(),
                name: catalog_name(catalog, kind, id, lang),
            });
        }
        for id in was.iter().filter(|id| !is.contains(id)) {
            out.gone.push(Item {
                kind,
                id: id.clone(),
                name: catalog_name(catalog, kind, id, lang),
            });
        }
    }
    for (id, to) in &now.deadlines {
        if let Some(from) = old.deadlines.get(id)
            && from != to
        {
            out.moved.push(Moved {
                id: id.clone(),
                name: catalog_name(catalog, ItemKind::Deadline, id, lang),
                from: *from,
                to: *to,
            });
        }
    }
    out
}

/// One case checked against what it last showed.
#[derive(Debug, Clone, Serialize)]
pub struct CaseCheck {
    pub id: String,
    pub label: String,
    /// Nothing was remembered yet: recording makes the current state the baseline.
    pub first_time: bool,
    pub changes: Option<Changes>,
    /// The answers do not fit the current data (e.g. an option an override removed).
    pub error: Option<String>,
    /// What the case shows now (to record once shown); `None` when it cannot be derived.
    #[serde(skip)]
    pub now: Option<Seen>,
    /// What was remembered, to record only when it differs.
    #[serde(skip)]
    pub before: Option<Seen>,
}

impl CaseCheck {
    /// Something to tell the user: a change or an error.
    pub(crate) fn has_news(&self) -> bool {
        self.error.is_some() || self.changes.as_ref().is_some_and(|c| !c.is_empty())
    }
    /// Records the current state as shown (no write when nothing differs).
    pub fn record(&self, store_dir: &Path) -> std::io::Result<()> {
        match &self.now {
            Some(now) if self.before.as_ref() != Some(now) => {
                save_seen(&seen_path(store_dir, &self.id), now)
            }
            _ => Ok(()),
        }
    }
}

/// Checks one saved case: derives it with the current data and compares with its sidecar.
pub(crate) fn check_case(
    catalog: &Catalog,
    case: &crate::cases::Case,
    store_dir: &Path,
    today: NaiveDate,
    lang: Lang,
) -> CaseCheck {
    let mut r = CaseCheck {
        id: case.id.clone(),
        label: case.label.clone(),
        first_time: false,
        changes: None,
        error: None,
        now: None,
        before: None,
    };
    let d = match crate::engine::derive(catalog, &case.answers, today) {
        Ok(d) => d,
        Err(e) => {
            let lines: Vec<String> =
                e.0.iter()
                    .map(|x| crate::view::strings::cli_answer_error(lang, x))
                    .collect();
            r.error = Some(lines.join("; "));
            return r;
        }
    };
    r.before = load_seen(&seen_path(store_dir, &case.id));
    match &r.before {
        None => r.first_time = true,
        Some(o) => r.changes = Some(diff(catalog, o, &d, lang)),
    }
    r.now = Some(Seen::of(&d));
    r
}
