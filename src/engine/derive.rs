//! Deriving the checklist: materials with reasons, ordered steps, deadlines as dates,
//! notices (warnings, rules, conflicts) and the sources behind all of them.

use super::{Answers, check_answers, next_questions, unused_answers};
use crate::catalog::*;
use crate::dates::{add_days, add_months};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// A deadline this many days away or fewer is "due soon".
pub const DUE_SOON_DAYS: i64 = 14;

/// An answer that made an entry apply: `visit = inpatient` with both labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub question: String,
    pub value: String,
    pub question_label: Text,
    pub value_label: Text,
}

/// A text with the sources that say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sourced {
    pub text: Text,
    pub sources: Vec<Cite>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedMaterial {
    pub id: String,
    pub name: Text,
    pub description: Option<Text>,
    pub group: MaterialGroup,
    pub form: Form,
    pub count: Option<u32>,
    pub why: Text,
    pub reasons: Vec<Reason>,
    pub format: Vec<Sourced>,
    pub obtain: Vec<Sourced>,
    pub alternatives: Vec<Sourced>,
    pub sources: Vec<Cite>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelRef {
    pub id: String,
    pub name: Text,
    pub contact: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedStep {
    pub id: String,
    /// 1-based position in the derived sequence.
    pub number: usize,
    pub title: Text,
    pub detail: Option<Text>,
    pub channels: Vec<ChannelRef>,
    pub reasons: Vec<Reason>,
    pub sources: Vec<Cite>,
}

impl DerivedMaterial {
    /// Every citation behind this material: its own, then those of its notes, each once.
    pub fn all_sources(&self) -> Vec<Cite> {
        let mut out: Vec<Cite> = self.sources.clone();
        for n in self
            .format
            .iter()
            .chain(&self.obtain)
            .chain(&self.alternatives)
        {
            for c in &n.sources {
                if !out.contains(c) {
                    out.push(c.clone());
                }
            }
        }
        out
    }
}

/// Where a dated version stands against `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateStatus {
    /// A limit that has passed.
    Overdue,
    /// A limit within `DUE_SOON_DAYS`.
    DueSoon,
    /// A limit further away.
    Open,
    /// A floor (`至少6个月`): valid at least until the date, perhaps longer. No countdown.
    ValidAtLeast,
    /// An estimate (processing, payout) with a date.
    Expected,
    /// The start date has not been given.
    NeedsDate,
    /// The source gives no start point.
    NoStart,
    /// `长期有效`.
    Indefinite,
    /// `即时生效`.
    Immediate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatedVersion {
    pub text: Text,
    pub span: Span,
    pub span_max: Option<u32>,
    /// The date question it was counted from.
    pub from: Option<String>,
    pub from_label: Option<Text>,
    /// The date questions it could run from, when none is answered yet (those this case asks
    /// for, else all), and their short labels for "enter the discharge date" hints.
    pub needs: Vec<String>,
    pub needs_labels: Vec<Text>,
    pub start: Option<NaiveDate>,
    /// The date (for a range, its early end).
    pub date: Option<NaiveDate>,
    /// The late end of a range such as 3–6 months.
    pub date_max: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub status: DateStatus,
    /// Working days were counted in a year without holiday data: weekends only.
    pub weekends_only: bool,
    pub assumption: Option<Text>,
    pub consequence: Option<Text>,
    pub sources: Vec<Cite>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedDeadline {
    pub id: String,
    pub kind: DeadlineKind,
    pub label: Text,
    pub versions: Vec<DatedVersion>,
    /// Index of the version to plan by: the earliest limit, or the latest estimate.
    pub safest: Option<usize>,
    /// More than one version applies: the sources disagree.
    pub conflict: bool,
    pub reasons: Vec<Reason>,
}

impl DerivedDeadline {
    pub fn safest_version(&self) -> Option<&DatedVersion> {
        self.safest.map(|i| &self.versions[i])
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedNotice {
    pub id: String,
    pub kind: NoticeKind,
    pub title: Text,
    pub versions: Vec<Sourced>,
    /// More than one version: the sources disagree, shown side by side.
    pub conflict: bool,
    pub reasons: Vec<Reason>,
}

/// An answer as given, with labels, for summaries and the review page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerLine {
    pub question: String,
    pub question_label: Text,
    pub value: String,
    /// The option's label, or the date itself.
    pub value_label: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub id: String,
    pub title: String,
    pub file: String,
    pub date: Option<String>,
    /// Snippet titles cited from this source.
    pub snippets: Vec<String>,
}

/// The derived checklist for one answer set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Derivation {
    pub today: NaiveDate,
    pub data_version: String,
    pub answers: Vec<AnswerLine>,
    /// Answers the situation does not ask about (accepted, listed, not used).
    pub unused: Vec<(String, String)>,
    /// Questions still to answer, in order.
    pub pending: Vec<String>,
    /// Required questions still to answer: until this is empty the checklist is partial.
    pub pending_required: Vec<String>,
    pub region: Option<RegionRef>,
    pub materials: Vec<DerivedMaterial>,
    pub steps: Vec<DerivedStep>,
    pub deadlines: Vec<DerivedDeadline>,
    pub notices: Vec<DerivedNotice>,
    pub sources: Vec<SourceRef>,
    pub disclaimer: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionRef {
    pub id: String,
    pub name: Text,
    pub hotlines: Vec<String>,
    pub note: Option<Text>,
}

impl Derivation {
    pub fn is_complete(&self) -> bool {
        self.pending_required.is_empty()
    }
    /// Materials in one group, in data order.
    pub fn materials_in(&self, group: MaterialGroup) -> impl Iterator<Item = &DerivedMaterial> {
        self.materials.iter().filter(move |m| m.group == group)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &DerivedNotice> {
        self.notices
            .iter()
            .filter(|n| n.kind == NoticeKind::Warning)
    }
    /// The nearest limit still open (or the most overdue), for case summaries.
    pub fn next_deadline(&self) -> Option<(&DerivedDeadline, &DatedVersion)> {
        self.deadlines
            .iter()
            .filter(|d| d.kind.is_limit())
            .filter_map(|d| d.safest_version().map(|v| (d, v)))
            // A floor is not a deadline: nothing runs out on its date.
            .filter(|(_, v)| v.date.is_some() && v.status != DateStatus::ValidAtLeast)
            .min_by_key(|(_, v)| v.date)
    }
    /// Every item id a user can tick: materials and steps.
    pub fn tickable_ids(&self) -> Vec<String> {
        self.materials
            .iter()
            .map(|m| m.id.clone())
            .chain(self.steps.iter().map(|s| s.id.clone()))
            .collect()
    }
}

/// Why a derivation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("\n"))]
pub struct DeriveError(pub Vec<super::AnswerError>);

/// Each answer as a reason, labelled once per derivation (entries share them).
struct ReasonBook(BTreeMap<String, Reason>);

impl ReasonBook {
    fn new(catalog: &Catalog, answers: &Answers) -> Self {
        ReasonBook(
            answers
                .0
                .iter()
                .map(|(q, v)| (q.clone(), answer_reason(catalog, q, v)))
                .collect(),
        )
    }

    /// The answers that made `cond` hold; only called for entries whose condition holds.
    fn of(&self, cond: &Condition, answers: &Answers) -> Vec<Reason> {
        debug_assert!(cond.eval(answers));
        cond.reasons_of_held(answers)
            .into_iter()
            .filter_map(|q| self.0.get(q).cloned())
            .collect()
    }
}

fn answer_reason(catalog: &Catalog, q: &str, v: &str) -> Reason {
    let question = catalog.question(q);
    let question_label = question.map(|q| q.label().clone()).unwrap_or_else(|| Text {
        zh: q.into(),
        en: q.into(),
    });
    let value_label = catalog.option_label(q, v).cloned().unwrap_or_else(|| Text {
        zh: v.into(),
        en: v.into(),
    });
    Reason {
        question: q.into(),
        value: v.into(),
        question_label,
        value_label,
    }
}

fn notes(list: &[Note], answers: &Answers) -> Vec<Sourced> {
    list.iter()
        .filter(|n| n.when.eval(answers))
        .map(|n| Sourced {
            text: n.text.clone(),
            sources: n.sources.clone(),
        })
        .collect()
}

/// The entries whose condition holds, minus those that an applying entry (a regional one, say)
/// `replaces`; data order. Each condition is evaluated once.
fn applicable<'a, T>(
    items: &'a [T],
    answers: &Answers,
    when: impl Fn(&T) -> &Condition,
    id: impl Fn(&T) -> &str,
    replaces: impl Fn(&'a T) -> &'a [String],
) -> Vec<&'a T> {
    let holds: Vec<&'a T> = items.iter().filter(|i| when(i).eval(answers)).collect();
    let gone: HashSet<&str> = holds
        .iter()
        .flat_map(|i| replaces(i).iter().map(String::as_str))
        .collect();
    if gone.is_empty() {
        return holds;
    }
    holds
        .into_iter()
        .filter(|i| !gone.contains(id(i)))
        .collect()
}

fn date_version(
    catalog: &Catalog,
    kind: DeadlineKind,
    v: &DeadlineVersion,
    answers: &Answers,
    today: NaiveDate,
) -> DatedVersion {
    let from = v.from.iter().find(|q| answers.date(q).is_some()).cloned();
    let start = from.as_deref().and_then(|q| answers.date(q));
    let mut weekends_only = false;
    let mut add = |start: NaiveDate, n: u32| -> NaiveDate {
        match v.span {
            Span::Days(_) => add_days(start, n),
            Span::Months(_) => add_months(start, n),
            Span::Years(_) => add_months(start, n.saturating_mul(12)),
            Span::WorkingDays(_) => {
                let r = catalog.calendar.add_working_days(start, n);
                weekends_only |= r.weekends_only;
                r.date
            }
            Span::Immediate | Span::Indefinite => start,
        }
    };
    let amount = match v.span {
        Span::Days(n) | Span::WorkingDays(n) | Span::Months(n) | Span::Years(n) => Some(n),
        Span::Immediate | Span::Indefinite => None,
    };
    let (date, date_max) = match (start, amount) {
        (Some(s), Some(n)) => (Some(add(s, n)), v.span_max.map(|m| add(s, m))),
        _ => (None, None),
    };
    // A floor counts nothing down: the period may well run on after its date.
    let floor = v.minimum && kind.is_limit();
    let days_left = date.filter(|_| !floor).map(|d| (d - today).num_days());
    let needs: Vec<String> = if start.is_some() {
        Vec::new()
    } else {
        let asked: Vec<String> = v
            .from
            .iter()
            .filter(|q| {
                catalog
                    .question(q)
                    .is_some_and(|q| q.ask_when.eval(answers))
            })
            .cloned()
            .collect();
        if asked.is_empty() {
            v.from.clone()
        } else {
            asked
        }
    };
    let status = match (v.span, date) {
        (Span::Indefinite, _) => DateStatus::Indefinite,
        (Span::Immediate, _) => DateStatus::Immediate,
        (_, Some(_)) if !kind.is_limit() => DateStatus::Expected,
        (_, Some(_)) if floor => DateStatus::ValidAtLeast,
        (_, Some(_)) => match days_left.unwrap_or(0) {
            n if n < 0 => DateStatus::Overdue,
            n if n <= DUE_SOON_DAYS => DateStatus::DueSoon,
            _ => DateStatus::Open,
        },
        (_, None) if v.from.is_empty() => DateStatus::NoStart,
        (_, None) => DateStatus::NeedsDate,
    };
    DatedVersion {
        text: v.text.clone(),
        span: v.span,
        span_max: v.span_max,
        from_label: from
            .as_deref()
            .and_then(|q| catalog.question(q))
            .map(|q| q.label().clone()),
        from,
        needs_labels: needs
            .iter()
            .filter_map(|q| catalog.question(q))
            .map(|q| q.label().clone())
            .collect(),
        needs,
        start,
        date,
        date_max,
        days_left,
        status,
        weekends_only,
        assumption: v.assumption.clone(),
        consequence: v.consequence.clone(),
        sources: v.sources.clone(),
    }
}

fn safest(kind: DeadlineKind, versions: &[DatedVersion]) -> Option<usize> {
    let dated = versions
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.date.map(|d| (i, d)));
    if kind.is_limit() {
        // On the same date, a version that ends then is named before one that only lasts that long.
        dated
            .min_by_key(|&(i, d)| (d, versions[i].status == DateStatus::ValidAtLeast))
            .map(|(i, _)| i)
    } else {
        // For an estimate, plan on the latest date any source gives (the range's late end).
        versions
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.date_max.or(v.date).map(|d| (i, d)))
            .max_by_key(|&(_, d)| d)
            .map(|(i, _)| i)
    }
}

/// Derives the checklist. Unknown questions, unknown options and bad dates are errors; answers the
/// situation does not ask about are accepted and listed in `unused`. A partial answer set gives a
/// partial checklist with `pending` naming what to ask next.
pub fn derive(
    catalog: &Catalog,
    answers: &Answers,
    today: NaiveDate,
) -> Result<Derivation, DeriveError> {
    let errors = check_answers(catalog, answers, today);
    if !errors.is_empty() {
        return Err(DeriveError(errors));
    }
    let unused = unused_answers(catalog, answers);
    // Conditions see only the answers that apply, so a stale answer cannot switch an entry on.
    let answers = &super::prune_answers(catalog, answers);
    let pending_qs = next_questions(catalog, answers);
    let book = ReasonBook::new(catalog, answers);

    let answer_lines = super::asked_questions(catalog, answers)
        .into_iter()
        .filter_map(|q| {
            let v = answers.get(&q.id)?;
            let r = answer_reason(catalog, &q.id, v);
            Some(AnswerLine {
                question: r.question,
                question_label: r.question_label,
                value: r.value,
                value_label: r.value_label,
            })
        })
        .collect();

    // A set: hundreds of citations are checked against it per derivation.
    let mut cited: std::collections::BTreeSet<Cite> = std::collections::BTreeSet::new();
    let mut cite = |list: &[Cite]| {
        for c in list {
            if !cited.contains(c) {
                cited.insert(c.clone());
            }
        }
    };

    let mut materials = Vec::new();
    for m in applicable(
        &catalog.materials,
        answers,
        |m| &m.when,
        |m| &m.id,
        |m| &m.replaces,
    ) {
        let form_rule = m.forms.iter().find(|f| f.when.eval(answers));
        let format = notes(&m.format, answers);
        let obtain = notes(&m.obtain, answers);
        let alternatives = notes(&m.alternatives, answers);
        cite(&m.sources);
        for s in format.iter().chain(&obtain).chain(&alternatives) {
            cite(&s.sources);
        }
        if let Some(f) = form_rule {
            cite(&f.sources);
        }
        materials.push(DerivedMaterial {
            id: m.id.clone(),
            name: m.name.clone(),
            description: m.description.clone(),
            group: m.group,
            form: form_rule.map_or(Form::Unspecified, |f| f.form),
            count: form_rule.and_then(|f| f.count),
            why: m.why.clone(),
            reasons: book.of(&m.when, answers),
            format,
            obtain,
            alternatives,
            sources: m.sources.clone(),
        });
    }
    // Grouped as the app and the sheet show them; data order within a group.
    materials.sort_by_key(|m| m.group);

    let mut steps: Vec<&Step> = applicable(
        &catalog.steps,
        answers,
        |s| &s.when,
        |s| &s.id,
        |s| &s.replaces,
    )
    .into_iter()
    .collect();
    steps.sort_by_key(|s| s.order);
    let steps = steps
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            cite(&s.sources);
            DerivedStep {
                id: s.id.clone(),
                number: i + 1,
                title: s.title.clone(),
                detail: s.detail.clone(),
                channels: s
                    .channels
                    .iter()
                    .filter_map(|c| catalog.channel(c))
                    .map(|c| {
                        cite(&c.sources);
                        ChannelRef {
                            id: c.id.clone(),
                            name: c.name.clone(),
                            contact: c.contact.clone(),
                        }
                    })
                    .collect(),
                reasons: book.of(&s.when, answers),
                sources: s.sources.clone(),
            }
        })
        .collect();

    let mut deadlines = Vec::new();
    for d in applicable(
        &catalog.deadlines,
        answers,
        |d| &d.when,
        |d| &d.id,
        |d| &d.replaces,
    ) {
        let versions: Vec<DatedVersion> = d
            .versions
            .iter()
            .filter(|v| v.when.eval(answers))
            .map(|v| {
                cite(&v.sources);
                date_version(catalog, d.kind, v, answers, today)
            })
            .collect();
        if versions.is_empty() {
            continue;
        }
        deadlines.push(DerivedDeadline {
            id: d.id.clone(),
            kind: d.kind,
            label: d.label.clone(),
            safest: safest(d.kind, &versions),
            conflict: versions.len() > 1,
            versions,
            reasons: book.of(&d.when, answers),
        });
    }
    // What can be missed first, then what is waited for; data order within each kind, so the
    // order of files in checklists/ does not matter.
    deadlines.sort_by_key(|d| d.kind);

    let mut notices: Vec<DerivedNotice> = applicable(
        &catalog.notices,
        answers,
        |n| &n.when,
        |n| &n.id,
        |n| &n.replaces,
    )
    .into_iter()
    .filter_map(|n| {
        let versions: Vec<Sourced> = n
            .versions
            .iter()
            .filter(|v| v.when.eval(answers))
            .map(|v| {
                cite(&v.sources);
                Sourced {
                    text: v.text.clone(),
                    sources: v.sources.clone(),
                }
            })
            .collect();
        if versions.is_empty() {
            return None;
        }
        Some(DerivedNotice {
            id: n.id.clone(),
            kind: n.kind,
            title: n.title.clone(),
            conflict: versions.len() > 1,
            versions,
            reasons: book.of(&n.when, answers),
        })
    })
    .collect();
    notices.sort_by_key(|n| n.kind);

    let region = catalog
        .regions
        .iter()
        .find(|r| r_answered(catalog, answers, &r.id))
        .map(|r| {
            cite(&r.sources);
            RegionRef {
                id: r.id.clone(),
                name: r.name.clone(),
                hotlines: r.hotlines.clone(),
                note: r.note.clone(),
            }
        });

    let mut seeds: Vec<&str> = cited
        .iter()
        .map(|c| c.split('#').next().unwrap_or(c))
        .collect();
    seeds.sort();
    seeds.dedup();
    let sources = seeds
        .into_iter()
        .filter_map(|id| catalog.source(id))
        .map(|s| {
            let mut snippets: Vec<String> = cited
                .iter()
                .filter_map(|c| c.split_once('#'))
                .filter(|(seed, _)| *seed == s.id)
                .map(|(_, snip)| snip.to_string())
                .collect();
            snippets.sort();
            snippets.dedup();
            SourceRef {
                id: s.id.clone(),
                title: s.title.clone(),
                file: s.file.clone(),
                date: s.date.clone(),
                snippets,
            }
        })
        .collect();

    Ok(Derivation {
        today,
        data_version: catalog.data_version.clone(),
        answers: answer_lines,
        unused,
        pending_required: pending_qs
            .iter()
            .filter(|q| q.required)
            .map(|q| q.id.clone())
            .collect(),
        pending: pending_qs.iter().map(|q| q.id.clone()).collect(),
        region,
        materials,
        steps,
        deadlines,
        notices,
        sources,
        disclaimer: catalog.disclaimer.clone(),
    })
}

/// A region applies when the insured-region question has it as its answer and offers it.
fn r_answered(catalog: &Catalog, answers: &Answers, region: &str) -> bool {
    catalog.questions.iter().any(|q| {
        q.insured_region
            && answers.get(&q.id) == Some(region)
            && q.options.iter().any(|o| o.id == region)
    })
}
