//! Reading case files of every schema version, and migrating older ones to [`SCHEMA_VERSION`].
//!
//! ## Schema 0 (pre-release builds)
//!
//! Files written before the store had a schema number look like this (the `schema` field is
//! absent or `0`):
//!
//! ```ron
//! (
//!     id: "20240101-101500-0a1b2c3d4e",   // optional: the file name is the id
//!     name: "妈妈 住院 2024",               // became `label`
//!     created: "2024-01-01T10:15:00+08:00", // optional
//!     updated: "2024-01-02T09:00:00+08:00", // optional: defaults to `created`
//!     answers: { "scheme": "urban_employee" },
//!     ticked: ["invoice", "discharge_summary"], // became `items[..].done = true`
//!     notes: { "invoice": "原件在抽屉里" },     // optional: became `items[..].note`
//! )
//! ```
//!
//! ## Schema 1
//!
//! `schema`, `id`, `label`, `created`, `updated`, `answers`,
//! `items: { item_id: (done: bool, note: String) }`.
//!
//! ## Schema 2
//!
//! Schema 1 plus, per item, `attachments: [(file: "invoice-….jpg",
//! original_name: "IMG_0012.jpg", added: "2025-03-01T14:22:33+08:00", bytes: 2345678)]` (left out
//! when empty). The files live in `<id>.files/` next to the case file. Schema-1 files read as
//! schema 2 with no attachments; a schema-1 build treats a schema-2 file as newer and leaves it
//! alone, so it can never drop the attachments.
//!
//! ## Schema 3 (current)
//!
//! The serde shape of [`Case`]: schema 2 plus `status` (see [`super::status`]), left out while the
//! case is open: `status: Submitted(date: "2026-03-02")`, `status: Closed(amount: 123450, date:
//! "2026-04-01")` (fen), `status: Abandoned`. Schema-1 and -2 files read as open cases; a schema-2
//! build treats a schema-3 file as newer and leaves it alone, so it never drops the state.
//!
//! A file with a schema number above [`SCHEMA_VERSION`] was written by a newer build: it is
//! never rewritten or quarantined by this one (see [`Parsed::Newer`]).

use super::{Case, ItemState, SCHEMA_VERSION, Unreadable};
use crate::engine::Answers;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The result of reading one case file's text.
#[derive(Debug, Clone)]
pub(crate) enum Parsed {
    /// A case of the current schema (possibly migrated from `from_schema`).
    Current { case: Case, from_schema: u32 },
    /// A newer schema than this build knows. `case` is a best-effort read of the fields this
    /// build knows (unknown fields ignored), `None` if even that failed.
    Newer { schema: u32, case: Option<Case> },
}

/// Only the schema number; every other field is ignored.
#[derive(Deserialize)]
struct Probe {
    /// Absent in schema-0 files.
    #[serde(default)]
    schema: u32,
}

#[derive(Deserialize)]
struct CaseV0 {
    #[serde(default)]
    id: String,
    name: String,
    #[serde(default)]
    created: String,
    #[serde(default)]
    updated: Option<String>,
    #[serde(default)]
    answers: Answers,
    #[serde(default, deserialize_with = "super::limits::ticked")]
    ticked: Vec<String>,
    #[serde(default, deserialize_with = "super::limits::notes")]
    notes: BTreeMap<String, String>,
}

fn migrate_v0(v0: CaseV0) -> Case {
    let created = if v0.created.trim().is_empty() {
        super::now_rfc3339()
    } else {
        v0.created
    };
    let updated = v0
        .updated
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| created.clone());
    let mut items: BTreeMap<String, ItemState> = BTreeMap::new();
    for id in v0.ticked {
        items.entry(id).or_default().done = true;
    }
    for (id, note) in v0.notes {
        if !note.is_empty() {
            items.entry(id).or_default().note = note;
        }
    }
    Case {
        schema: SCHEMA_VERSION,
        id: v0.id,
        label: v0.name,
        created,
        updated,
        answers: v0.answers,
        items,
        status: Default::default(),
    }
}

/// Reads a case file's text. `Err` says why it is unusable (for the quarantine report).
pub(crate) fn parse(text: &str) -> Result<Parsed, Unreadable> {
    let parsed = parse_fields(text)?;
    // Attachment names stay inside the case's own folder, whatever the file says.
    let case = match &parsed {
        Parsed::Current { case, .. }
        | Parsed::Newer {
            case: Some(case), ..
        } => case,
        Parsed::Newer { case: None, .. } => return Ok(parsed),
    };
    if let Some(name) = super::attach::uncontained_attachment(case) {
        return Err(Unreadable::UncontainedAttachment {
            name: name.to_string(),
        });
    }
    Ok(parsed)
}

fn parse_fields(text: &str) -> Result<Parsed, Unreadable> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Unreadable::Empty);
    }
    let probe: Probe = ron::from_str(text).map_err(|e| invalid(&e))?;
    match probe.schema {
        0 => {
            let v0: CaseV0 = ron::from_str(text).map_err(|e| invalid(&e))?;
            let case = migrate_v0(v0);
            super::limits::check(&case)?;
            Ok(Parsed::Current {
                case,
                from_schema: 0,
            })
        }
        from_schema @ (1 | 2 | SCHEMA_VERSION) => {
            // Schema 1 is schema 2 without attachments, schema 2 is schema 3 without a state
            // (open): the same reader, then the new number.
            let mut case: Case = ron::from_str(text).map_err(|e| invalid(&e))?;
            super::limits::check(&case)?;
            case.schema = SCHEMA_VERSION;
            Ok(Parsed::Current { case, from_schema })
        }
        schema => Ok(Parsed::Newer {
            schema,
            case: ron::from_str::<Case>(text)
                .ok()
                .filter(|c| super::limits::check(c).is_ok()),
        }),
    }
}

/// Where the reader gave up and why, in the project's terms, or which cap the file went over
/// (the parser's English is not kept).
fn invalid(e: &ron::error::SpannedError) -> Unreadable {
    if let ron::Error::Message(m) = &e.code
        && let Some(what) = super::limits::from_message(m)
    {
        return what.refusal();
    }
    Unreadable::Invalid {
        line: e.span.start.line,
        col: e.span.start.col,
        problem: crate::catalog::ParseProblem::from_ron(&e.code),
    }
}

/// The text written for a case (schema [`SCHEMA_VERSION`], pretty-printed, trailing newline).
pub(crate) fn to_text(case: &Case) -> Result<String, String> {
    let mut case = case.clone();
    case.schema = SCHEMA_VERSION;
    let config = ron::ser::PrettyConfig::new().struct_names(false);
    let mut text = ron::ser::to_string_pretty(&case, config).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}
