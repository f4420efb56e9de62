//! The `recheck` command: what changed in each saved case since it was last shown.

use super::{CliError, load_catalog};
use crate::cases::Store;
use crate::cases::index;
use crate::cases::readonly::LockProbe;
use crate::catalog::Lang;
use crate::engine;
use crate::recheck::{CaseCheck, Changes, check_case, seen_path};
use crate::view::strings::{self, colon, s};
use std::fmt::Write as _;

pub(crate) fn execute(json: bool, today: Option<&str>, lang: Lang) -> Result<String, CliError> {
    let t = s(lang);
    let today = match today {
        None => chrono::Local::now().date_naive(),
        Some(x) => {
            engine::parse_date(x).map_err(|_| CliError::input(strings::bad_today(lang, x)))?
        }
    };
    let catalog = load_catalog(lang);
    let dir = Store::default_dir().ok_or_else(|| CliError::other(t.no_data_dir))?;
    // The index lists the cases; a case whose file and data are unchanged since it was last
    // checked has nothing new and is not derived again.
    let fingerprint = crate::view::caselist::fingerprint(&catalog);
    // The cases read again (changed, or no index) are checked as they are read, not read twice.
    let mut checked_on_reading = std::collections::HashMap::new();
    let mut r = index::refresh(&dir, &fingerprint, today, &mut |c| {
        checked_on_reading.insert(c.id.clone(), check_case(&catalog, c, &dir, today, lang));
        crate::view::caselist::facts(&catalog, c, today)
    });
    // A store with problems (corrupt, newer or backup-only files) is read the full, slow way,
    // read-only, to name them: corrupt or newer files are named and left as they are (`repair`
    // moves them).
    let troubled = !r.unreadable.is_empty() || r.entries.iter().any(|e| e.from_backup || e.newer);
    let findings: Vec<String> = if troubled {
        let report = Store::open_read_only(&dir).map_err(|e| {
            let shown = dir.display().to_string();
            CliError::other(strings::cases_unavailable(
                lang,
                Some(&shown),
                &strings::store_error(lang, &e),
            ))
        })?;
        report
            .findings()
            .iter()
            .map(|f| strings::finding(lang, f))
            .collect()
    } else {
        Vec::new()
    };
    for f in &findings {
        eprintln!("{}{}{}", t.notice, colon(lang), f);
    }
    // Most recently changed first, as the store lists them.
    r.entries.sort_by(|a, b| {
        b.updated
            .cmp(&a.updated)
            .then_with(|| a.label.cmp(&b.label))
            .then_with(|| a.id.cmp(&b.id))
    });
    // What each case last showed is recheck's own note beside it (`<id>.ron.seen`), written
    // only while no running copy of the app holds the store (held here while writing).
    let lock = Store::probe_lock(&dir);
    let record = matches!(lock, LockProbe::Free(_));
    let mut reports = Vec::new();
    let mut warnings = Vec::new();
    let mut marked = false;
    for e in &mut r.entries {
        if e.checked && !e.newer {
            reports.push(CaseCheck {
                id: e.id.clone(),
                label: e.label.clone(),
                first_time: false,
                changes: Some(Changes {
                    data_from: catalog.data_version.clone(),
                    data_to: catalog.data_version.clone(),
                    ..Default::default()
                }),
                error: None,
                now: None,
                before: None,
            });
            continue;
        }
        // The index keeps no answers: a case not read above is read now.
        let c = match checked_on_reading.remove(&e.id) {
            Some(c) => c,
            None => match index::read_case(&dir, &e.id) {
                Some(case) => check_case(&catalog, &case, &dir, today, lang),
                None => continue,
            },
        };
        if record {
            match c.record(&dir) {
                Err(err) => {
                    let path = seen_path(&dir, &e.id);
                    warnings.push(format!(
                        "{}: {}",
                        path.display(),
                        strings::io_reason(lang, &err)
                    ));
                }
                Ok(()) if !c.has_news() && !e.from_backup && !e.newer => {
                    e.checked = true;
                    marked = true;
                }
                Ok(()) => {}
            }
        }
        reports.push(c);
    }
    if record && (marked || r.changed()) {
        let _ = index::write(&dir, &fingerprint, today, &r.entries);
    }
    drop(lock);
    for w in &warnings {
        eprintln!("{w}");
    }
    if json {
        let value = serde_json::json!({
            "recorded": record && warnings.is_empty(),
            "cases": reports,
            "findings": findings,
        });
        return Ok(serde_json::to_string_pretty(&value).expect("serializable") + "\n");
    }
    Ok(text(&reports, record, lang))
}

fn date_text(d: Option<chrono::NaiveDate>, lang: Lang) -> String {
    d.map_or_else(|| strings::no_date(lang).to_string(), |d| d.to_string())
}

fn text(reports: &[CaseCheck], record: bool, lang: Lang) -> String {
    let t = s(lang);
    let c = colon(lang);
    let mut o = String::new();
    let changed: Vec<&CaseCheck> = reports.iter().filter(|r| r.has_news()).collect();
    if changed.is_empty() {
        let _ = writeln!(o, "{}", t.recheck_none);
    } else {
        let _ = writeln!(o, "{}", t.recheck_title);
    }
    for r in &changed {
        let (from, to) = r
            .changes
            .as_ref()
            .map_or(("", ""), |x| (x.data_from.as_str(), x.data_to.as_str()));
        let _ = writeln!(o, "\n{}", strings::recheck_case(lang, &r.label, from, to));
        if let Some(e) = &r.error {
            let _ = writeln!(o, "  ! {e}");
        }
        if let Some(x) = &r.changes {
            for it in &x.new {
                let _ = writeln!(o, "  + {}{c}{}", t.recheck_new, it.name);
            }
            for it in &x.gone {
                let _ = writeln!(o, "  - {}{c}{}", t.recheck_gone, it.name);
            }
            for m in &x.moved {
                let line = strings::moved(
                    lang,
                    &m.name,
                    &date_text(m.from, lang),
                    &date_text(m.to, lang),
                );
                let _ = writeln!(o, "  → {}{c}{line}", t.recheck_moved);
            }
        }
    }
    let first: Vec<&str> = reports
        .iter()
        .filter(|r| r.first_time)
        .map(|r| r.label.as_str())
        .collect();
    if !first.is_empty() {
        let _ = writeln!(
            o,
            "\n{}{c}{}",
            t.recheck_first,
            first.join(strings::list_sep(lang))
        );
    }
    if !record {
        let _ = writeln!(o, "\n{}", t.recheck_not_recorded);
    }
    o
}
