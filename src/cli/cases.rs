//! `cases` (the saved cases, in the list's order, read-only) and `case set-state`.

use super::{CliError, load_catalog};
use crate::cases::index::{self, Entry, Refreshed};
use crate::cases::readonly::LockProbe;
use crate::cases::{Amount, CaseStatus, StatusKind, Store};
use crate::catalog::{Catalog, Lang};
use crate::engine;
use crate::view::caselist::{self, Needle, SortBy, StateFilter};
use crate::view::strings::{self, s};
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::path::Path;

fn today_of(today: Option<&str>, lang: Lang) -> Result<NaiveDate, CliError> {
    match today {
        None => Ok(chrono::Local::now().date_naive()),
        Some(x) => engine::parse_date(x).map_err(|_| CliError::input(strings::bad_today(lang, x))),
    }
}

fn store_dir(lang: Lang) -> Result<std::path::PathBuf, CliError> {
    Store::default_dir().ok_or_else(|| CliError::other(strings::cases_unavailable(lang, None, "")))
}

/// The index of the store at `dir`, brought up to date (only changed files are read). It is
/// written back when it changed and no running copy of the app holds the store (the lock is
/// held while writing), as `recheck` does with its notes.
pub(crate) fn indexed(dir: &Path, catalog: &Catalog, today: NaiveDate) -> Refreshed {
    let fingerprint = caselist::fingerprint(catalog);
    let r = index::refresh(dir, &fingerprint, today, &mut |c| {
        caselist::facts(catalog, c, today)
    });
    if r.changed()
        && dir.is_dir()
        && let LockProbe::Free(lock) = Store::probe_lock(dir)
    {
        // A cache: if it cannot be written, the next run reads the files again.
        let _ = index::write(dir, &fingerprint, today, &r.entries);
        drop(lock);
    }
    r
}

/// `cases [--json] [--state …] [--due-within DAYS]`.
pub(crate) fn list(
    json: bool,
    state: Option<&str>,
    due_within: Option<&str>,
    today: Option<&str>,
    lang: Lang,
) -> Result<String, CliError> {
    let filter = match state {
        None => StateFilter::Open,
        Some(raw) => StateFilter::parse(raw)
            .ok_or_else(|| CliError::input(strings::bad_state_filter(lang, raw)))?,
    };
    let within = match due_within {
        None => None,
        Some(raw) => Some(
            raw.trim()
                .parse::<i64>()
                .ok()
                .filter(|d| (0..=3650).contains(d))
                .ok_or_else(|| CliError::input(strings::bad_days(lang, raw)))?,
        ),
    };
    let today = today_of(today, lang)?;
    let catalog = load_catalog(lang);
    let dir = store_dir(lang)?;
    let r = indexed(&dir, &catalog, today);
    for (path, why) in &r.unreadable {
        eprintln!(
            "{}{}{}: {}",
            s(lang).notice,
            strings::colon(lang),
            path.display(),
            strings::unreadable(lang, why)
        );
    }
    let entries = &r.entries;
    let mut order = caselist::list(
        entries,
        filter,
        &Needle::default(),
        SortBy::Attention,
        today,
        |_| String::new(),
    );
    if let Some(n) = within {
        // Overdue cases are within any window.
        order.retain(|&i| caselist::days_left(&entries[i], today).is_some_and(|d| d <= n));
    }
    if json {
        let rows: Vec<serde_json::Value> = order
            .iter()
            .map(|&i| row_json(&catalog, &entries[i], today, lang))
            .collect();
        return Ok(serde_json::to_string_pretty(&rows).expect("serializable") + "\n");
    }
    if order.is_empty() {
        return Ok(format!("{}\n", strings::no_cases_listed(lang)));
    }
    let mut out = String::new();
    for &i in &order {
        let e = &entries[i];
        let _ = write!(
            out,
            "{}\t{}",
            strings::display_label(lang, &e.label),
            strings::state_text(lang, &e.status)
        );
        if let (Some(d), Some(days)) = (e.facts.next_deadline, caselist::days_left(e, today)) {
            let _ = write!(
                out,
                "\t{}",
                strings::next_deadline(lang, &d.to_string(), days)
            );
        }
        let sit = caselist::situation(&catalog, &e.facts, lang);
        if !sit.is_empty() {
            let _ = write!(out, "\t{sit}");
        }
        out.push('\n');
    }
    Ok(out)
}

fn row_json(catalog: &Catalog, e: &Entry, today: NaiveDate, lang: Lang) -> serde_json::Value {
    let (amount, date) = match &e.status {
        CaseStatus::Closed { amount, date } => (amount.map(|a| a.to_string()), *date),
        other => (None, other.date()),
    };
    serde_json::json!({
        "id": e.id,
        "label": e.label,
        "state": e.status.kind().key(),
        "state_text": strings::state_text(lang, &e.status),
        "state_date": date,
        "amount": amount,
        "next_deadline": e.facts.next_deadline,
        "days_left": caselist::days_left(e, today),
        "situation": caselist::situation(catalog, &e.facts, lang),
        "progress": e.facts.progress,
        "updated": e.updated,
        "read_only": e.newer,
    })
}

/// `case set-state LABEL|ID STATE [--date …] [--amount …]`.
pub(crate) fn set_state(
    who: &str,
    state: &str,
    date: Option<&str>,
    amount: Option<&str>,
    lang: Lang,
) -> Result<String, CliError> {
    let kind =
        StatusKind::parse(state).ok_or_else(|| CliError::input(strings::bad_state(lang, state)))?;
    let date = match date {
        None => None,
        Some(raw) => Some(
            engine::parse_date(raw.trim())
                .map_err(|_| CliError::input(strings::bad_date(lang, raw)))?,
        ),
    };
    let amount = match amount {
        None => None,
        Some(raw) => {
            Some(Amount::parse(raw).map_err(|_| CliError::input(strings::bad_amount(lang, raw)))?)
        }
    };
    if amount.is_some() && kind != StatusKind::Closed {
        return Err(CliError::input(strings::amount_not_allowed(lang)));
    }
    if date.is_some() && !matches!(kind, StatusKind::Submitted | StatusKind::Closed) {
        return Err(CliError::input(strings::date_not_allowed(lang)));
    }
    let status = match kind {
        StatusKind::Open => CaseStatus::Open,
        StatusKind::Submitted => CaseStatus::Submitted {
            date: date.unwrap_or_else(|| chrono::Local::now().date_naive()),
        },
        StatusKind::Closed => CaseStatus::Closed { amount, date },
        StatusKind::Abandoned => CaseStatus::Abandoned,
    };
    let today = chrono::Local::now().date_naive();
    let catalog = load_catalog(lang);
    let dir = store_dir(lang)?;
    let unavailable = |e: &crate::cases::StoreError| {
        let shown = dir.display().to_string();
        CliError::other(strings::cases_unavailable(
            lang,
            Some(&shown),
            &strings::store_error(lang, e),
        ))
    };
    let (store, _) = Store::open_unloaded(&dir).map_err(|e| unavailable(&e))?;
    let r = index::refresh(&dir, &caselist::fingerprint(&catalog), today, &mut |c| {
        caselist::facts(&catalog, c, today)
    });
    let id = pick(&r.entries, who, lang)?;
    let mut case = store
        .load_one(&id)
        .map_err(|e| CliError::other(strings::store_error(lang, &e)))?;
    case.set_status(status);
    store
        .save(&case)
        .map_err(|e| CliError::other(strings::store_error(lang, &e)))?;
    // The index follows (a cache: the next reader re-reads the changed file anyway).
    let mut entries = r.entries;
    let facts = caselist::facts(&catalog, &case, today);
    let entry = Entry::of(&case, facts, index::stamp(&dir, &case.id));
    match entries.iter_mut().find(|e| e.id == case.id) {
        Some(e) => *e = entry,
        None => entries.push(entry),
    }
    let _ = index::write(&dir, &caselist::fingerprint(&catalog), today, &entries);
    Ok(format!(
        "{}\n",
        strings::state_set(
            lang,
            &strings::display_label(lang, &case.label),
            &strings::state_text(lang, &case.status)
        )
    ))
}

/// The case named `who`: exact label, else id, else the only label equal ignoring case.
fn pick(entries: &[Entry], who: &str, lang: Lang) -> Result<String, CliError> {
    let who = who.trim();
    if let Some(e) = entries
        .iter()
        .find(|e| e.label.trim() == who)
        .or_else(|| entries.iter().find(|e| e.id == who))
    {
        return Ok(e.id.clone());
    }
    let lower = who.to_lowercase();
    let same: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.label.trim().to_lowercase() == lower)
        .collect();
    if let [e] = same[..] {
        return Ok(e.id.clone());
    }
    let several = same.len() > 1;
    // At most a screenful of names: a store of 10,000 cases is not listed in an error.
    let mut labels: Vec<&str> = if several {
        same.iter().map(|e| e.label.as_str()).collect()
    } else {
        let needle = Needle::new(who);
        let near: Vec<&str> = entries
            .iter()
            .filter(|e| needle.finds(e, ""))
            .map(|e| e.label.as_str())
            .collect();
        if near.is_empty() {
            entries.iter().map(|e| e.label.as_str()).collect()
        } else {
            near
        }
    };
    labels.sort_by(|a, b| caselist::natural_cmp(a, b));
    labels.truncate(20);
    Err(CliError::input(strings::case_not_found(
        lang, who, &labels, several,
    )))
}
