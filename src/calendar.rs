//! The deadlines as an iCalendar file (RFC 5545), for any calendar app.
//!
//! Each deadline with a date becomes an all-day event on the date to plan by (the view's
//! safest version: the earliest limit, the latest estimate). Limits are CONFIRMED, estimates
//! (processing, payout) TENTATIVE. Every event has two display alarms, 7 days and 1 day before.
//! UIDs are `<key>-<deadline id>@yibao-checklist`, where the key is the saved case's id (or the
//! hand-off code): importing the file again updates the events instead of adding copies.
//!
//! Writing (escaping, folding at 75 octets, CRLF) is done by the `icalendar` crate.

use crate::catalog::{Catalog, Lang};
use crate::engine::Derivation;
use crate::view::strings::{colon, s};
use crate::view::{self, Body, ViewInput};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Alarm, Component, EventLike, EventStatus};

/// What the calendar is made for.
pub struct CalendarInput<'a> {
    pub lang: Lang,
    /// The case's name, put in front of each event's summary.
    pub label: Option<&'a str>,
    /// Makes UIDs stable: the case id, or the hand-off code.
    pub key: &'a str,
    /// DTSTAMP and LAST-MODIFIED of every event (when the file is made).
    pub stamp: DateTime<Utc>,
}

/// One event, before it is written (also what tests and the app can list).
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineEvent {
    pub deadline_id: String,
    pub uid: String,
    pub date: NaiveDate,
    pub tentative: bool,
    pub summary: String,
    pub description: String,
}

/// A UID part from any text: letters, digits, `-` and `_` kept, anything else `_`.
fn uid_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The events of a derivation: one per deadline with a date to plan by, in the view's order.
pub fn events(catalog: &Catalog, d: &Derivation, input: &CalendarInput) -> Vec<DeadlineEvent> {
    let lang = input.lang;
    let t = s(lang);
    let c = colon(lang);
    let v = view::build(
        catalog,
        d,
        &ViewInput {
            lang,
            label: input.label,
            ..Default::default()
        },
    );
    let next_step = v.summary().and_then(|sm| sm.next_step.clone());
    let Some(cards) = v.sections.iter().find_map(|sec| match &sec.body {
        Body::Deadlines(list) => Some(list),
        _ => None,
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for card in cards {
        let Some(dl) = d.deadlines.iter().find(|x| x.id == card.id) else {
            continue;
        };
        let Some(i) = dl.safest else { continue };
        let ver = &dl.versions[i];
        let limit = dl.kind.is_limit();
        // Limits: the early end of a range is the safe one; estimates: plan on the late end.
        let date = if limit {
            ver.date
        } else {
            ver.date_max.or(ver.date)
        };
        let Some(date) = date else { continue };
        let vv = &card.versions[i];

        let mut summary = String::new();
        if let Some(label) = input.label {
            summary.push_str(label);
            summary.push_str(" · ");
        }
        summary.push_str(&card.title);
        if !limit {
            summary.push_str(t.estimate_mark);
        }

        let mut lines = vec![format!("{}{c}{date}", card.title)];
        let mut what = format!("{} · {}", vv.span, vv.text);
        if !vv.cites.is_empty() {
            what.push_str(&vv.cites);
        }
        lines.push(format!("{}{c}{what}", t.what_to_do));
        lines.extend(vv.counted_from.iter().cloned());
        lines.extend(vv.assumption.iter().cloned());
        lines.extend(vv.consequence.iter().cloned());
        lines.extend(card.conflict.iter().cloned());
        if limit {
            lines.extend(next_step.iter().cloned());
        }
        if !vv.sources.is_empty() {
            lines.push(format!("{}{c}{}", t.sources, vv.sources));
        }
        if let Some(code) = &v.code {
            lines.push(format!("{}{c}{code}", t.code_label));
        }
        lines.push(v.disclaimer.to_string());

        out.push(DeadlineEvent {
            deadline_id: dl.id.to_string(),
            uid: format!(
                "{}-{}@yibao-checklist",
                uid_part(input.key),
                uid_part(&dl.id)
            ),
            date,
            tentative: !limit,
            summary,
            description: lines.join("\n"),
        });
    }
    out
}

/// The calendar file (UTF-8, CRLF line ends, folded lines).
pub fn ics(catalog: &Catalog, d: &Derivation, input: &CalendarInput) -> String {
    let t = s(input.lang);
    let mut cal = icalendar::Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//yibao-checklist//yibao-checklist//ZH"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    let name = match input.label {
        Some(l) => format!("{} · {l}", t.sheet_title),
        None => t.sheet_title.to_string(),
    };
    cal.name(&name);
    for e in events(catalog, d, input) {
        // The crate would give alarms a random UID and the current time: keep the file stable.
        let before = |days: i64| {
            let mut a = Alarm::display(&e.summary, -Duration::days(days));
            let uid = e.uid.replacen('@', &format!("-{days}d@"), 1);
            a.add_property("UID", uid).timestamp(input.stamp);
            a.done()
        };
        let mut ev = icalendar::Event::new();
        ev.uid(&e.uid)
            .timestamp(input.stamp)
            .last_modified(input.stamp)
            .summary(&e.summary)
            .description(&e.description)
            .starts(e.date)
            .ends(e.date + Duration::days(1))
            .status(if e.tentative {
                EventStatus::Tentative
            } else {
                EventStatus::Confirmed
            })
            .add_property("TRANSP", "TRANSPARENT")
            .alarm(before(7))
            .alarm(before(1));
        cal.push(ev.done());
    }
    cal.done().to_string()
}
