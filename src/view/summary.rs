//! The summary at the top of a checklist: where the case stands, the next deadline and step;
//! and the version of a deadline to plan by.

use super::model::*;
use super::strings::{self, colon, enum_sep, s};
use super::wording;
use crate::catalog::{Lang, Span};
use crate::engine::{DateStatus, DatedVersion, Derivation, DerivedDeadline};

/// Roughly how many days a span lasts, to pick the safest version when no date is known.
fn approx_days(span: Span, n_max: Option<u32>, latest: bool) -> Option<u64> {
    let pick = |n: u32| -> u64 {
        if latest {
            n_max.unwrap_or(n).max(n) as u64
        } else {
            n as u64
        }
    };
    match span {
        Span::Days(n) => Some(pick(n)),
        Span::WorkingDays(n) => Some(pick(n) * 7 / 5),
        Span::Months(n) => Some(pick(n) * 30),
        Span::Years(n) => Some(pick(n) * 365),
        Span::Immediate | Span::Indefinite => None,
    }
}

/// The version to plan by: the engine's choice when dates are known, else the shortest limit
/// or the longest estimate by its span.
pub(super) fn plan_by(dl: &DerivedDeadline) -> Option<usize> {
    if dl.safest.is_some() {
        return dl.safest;
    }
    plan_by_span(dl, |_| true)
}

/// The version to plan by among those `among` keeps, by its span.
pub(super) fn plan_by_span(
    dl: &DerivedDeadline,
    among: impl Fn(&DatedVersion) -> bool,
) -> Option<usize> {
    let limit = dl.kind.is_limit();
    let spans = dl
        .versions
        .iter()
        .enumerate()
        .filter(|(_, v)| among(v))
        .filter_map(|(i, v)| approx_days(v.span, v.span_max, !limit).map(|d| (i, d)));
    if limit {
        spans.min_by_key(|&(_, d)| d).map(|(i, _)| i)
    } else {
        spans.max_by_key(|&(_, d)| d).map(|(i, _)| i)
    }
}

pub(super) fn summary(
    d: &Derivation,
    groups: &[MaterialGroupView],
    steps: &[StepCard],
    deadlines: &[DeadlineCard],
    blank: bool,
    lang: Lang,
) -> Summary {
    let t = s(lang);
    let total: usize = groups.iter().map(|g| g.items.len()).sum();
    let ready: usize = groups
        .iter()
        .flat_map(|g| &g.items)
        .filter(|m| m.done)
        .count();
    let next = steps.iter().find(|st| !st.done);
    let helpline = d
        .region
        .as_ref()
        .filter(|r| !r.hotlines.is_empty())
        .map(|r| {
            let hotlines: Vec<&str> = r.hotlines.iter().map(String::as_str).collect();
            format!(
                "{}{}{}{}",
                t.hotlines,
                colon(lang),
                hotlines.join(enum_sep(lang)),
                strings::paren(lang, r.name.get(lang))
            )
        });
    let mut out = Summary {
        urgency: Urgency::NoDate,
        headline: String::new(),
        consequence: None,
        what_now: None,
        also: Vec::new(),
        enter_date: None,
        deadline_id: None,
        deadline_date: None,
        days_left: None,
        materials_ready: ready,
        materials_total: total,
        progress: strings::materials_progress(lang, ready, total, blank),
        next_step_id: next.map(|st| st.id.to_string()),
        next_step: next.map(|st| format!("{}{}{}", t.next_step, colon(lang), st.heading())),
        helpline,
        incomplete: (!d.is_complete()).then(|| t.partial_checklist.to_string()),
    };

    // The limits (claim deadlines, filing validity) at their plan-by version.
    let limits: Vec<(&DerivedDeadline, &DatedVersion)> = d
        .deadlines
        .iter()
        .filter(|dl| dl.kind.is_limit())
        .filter_map(|dl| plan_by(dl).map(|i| (dl, &dl.versions[i])))
        .collect();
    // A headline about one version names that version's place ("【佛山等地】手工报销的申请期限").
    let label_of = |dl: &DerivedDeadline, v: &DatedVersion| {
        scoped(&dl.label, v.scope.as_ref(), lang).to_string()
    };
    if blank {
        // A hand-out: the rule to plan by, with a line to write the date on; one that holds
        // whatever the open answers first, else with the answers it needs.
        let limit = |c: &&DeadlineCard| {
            d.deadlines
                .iter()
                .any(|dl| dl.id == c.id && dl.kind.is_limit())
        };
        let card = deadlines
            .iter()
            .filter(limit)
            .find(|c| c.when.is_none())
            .or_else(|| deadlines.iter().find(limit));
        if let Some(card) = card {
            out.headline = format!("{}{}{}", card.title, colon(lang), card.headline);
            if let Some(when) = &card.when {
                out.headline = format!("{when}{}{}", colon(lang), out.headline);
            }
            out.deadline_id = Some(card.id.to_string());
        } else {
            out.headline = t.no_deadline.to_string();
        }
        return out;
    }
    let dated = || limits.iter().filter(|(_, v)| v.date.is_some());
    let open = dated()
        .filter(|(_, v)| v.days_left.is_some_and(|n| n >= 0))
        .min_by_key(|(_, v)| v.date);
    let overdue: Vec<_> = dated()
        .filter(|(_, v)| v.days_left.is_some_and(|n| n < 0))
        .collect();
    if let Some((dl, v)) = open {
        let days = v.days_left.unwrap_or(0);
        out.urgency = Urgency::of(v);
        out.headline =
            strings::next_deadline_headline(lang, &label_of(dl, v), v.date.expect("dated"), days);
        out.deadline_id = Some(dl.id.to_string());
        out.deadline_date = v.date;
        out.days_left = Some(days);
        for (o, ov) in &overdue {
            out.also.push(strings::overdue_since(
                lang,
                &label_of(o, ov),
                &ov.date.expect("dated").to_string(),
                -ov.days_left.unwrap_or(0),
            ));
        }
    } else if let Some((dl, v)) = overdue.iter().min_by_key(|(_, v)| v.date) {
        out.urgency = Urgency::Overdue;
        out.headline = strings::overdue_since(
            lang,
            &label_of(dl, v),
            &v.date.expect("dated").to_string(),
            -v.days_left.unwrap_or(0),
        );
        out.deadline_id = Some(dl.id.to_string());
        out.deadline_date = v.date;
        out.days_left = v.days_left;
        out.consequence = v
            .consequence
            .as_ref()
            .map(|c| format!("{}{}{}", t.sources_say, colon(lang), c.get(lang)));
        let hotline = d
            .region
            .as_ref()
            .and_then(|r| r.hotlines.first().cloned())
            .unwrap_or_else(|| "12393".to_string());
        out.what_now = Some(strings::what_now_overdue(lang, &hotline));
        if let Some(later) = latest_open(dl, d.today, lang) {
            out.also.push(later);
        }
        for (o, ov) in overdue.iter().filter(|(o, _)| o.id != dl.id) {
            out.also.push(strings::overdue_since(
                lang,
                &label_of(o, ov),
                &ov.date.expect("dated").to_string(),
                -ov.days_left.unwrap_or(0),
            ));
        }
    } else if let Some((dl, v)) = limits
        .iter()
        .find(|(_, v)| v.status == DateStatus::NeedsDate)
    {
        out.urgency = Urgency::NeedsDate;
        out.headline = format!(
            "{}{}{}",
            label_of(dl, v),
            colon(lang),
            wording::version_date_text(v, lang)
        );
        out.deadline_id = Some(dl.id.to_string());
        out.enter_date = enter_date(d, v, lang);
    } else {
        out.headline = t.no_deadline.to_string();
    }
    out
}

/// When the version planned by has passed but another source gives a later date that is still
/// open, say so: the sources disagree and the claim may not be lost.
fn latest_open(dl: &DerivedDeadline, today: chrono::NaiveDate, lang: Lang) -> Option<String> {
    let date = dl
        .versions
        .iter()
        .filter_map(|v| v.date_max.or(v.date))
        .filter(|d| *d >= today)
        .max()?;
    Some(strings::later_version_open(
        lang,
        &date.to_string(),
        (date - today).num_days(),
    ))
}
