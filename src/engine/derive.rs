//! Deriving the checklist: materials with reasons, ordered steps, deadlines as dates,
//! notices (warnings, rules, conflicts) and the sources behind all of them.

use super::{Answers, check_answers};
use crate::catalog::*;
use crate::dates::{add_days, add_months};
use chrono::NaiveDate;
use serde::Serialize;
use std::sync::Arc;

/// A deadline this many days away or fewer is "due soon".
pub(crate) const DUE_SOON_DAYS: i64 = 14;

pub use crate::catalog::{ChannelRef, Reason, Sourced};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedMaterial {
    pub id: SharedStr,
    pub name: Text,
    pub description: Option<Text>,
    pub group: MaterialGroup,
    pub form: Form,
    pub count: Option<u32>,
    pub why: Text,
    pub reasons: Shared<Reason>,
    pub format: Shared<Sourced>,
    pub obtain: Shared<Sourced>,
    pub alternatives: Shared<Sourced>,
    pub sources: Shared<Cite>,
    /// The one place its source speaks of, printed next to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    /// On a sheet with open questions: the open answers it applies under (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Qualifier>,
    /// On a sheet with open questions, when the form depends on them: each form with the open
    /// answers it is asked for under (`form` and `count` are then those of the first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forms_when: Vec<FormWhen>,
}

/// A material's form under some open answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormWhen {
    pub form: Form,
    pub count: Option<u32>,
    pub when: Qualifier,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedStep {
    pub id: SharedStr,
    /// 1-based position in the derived sequence.
    pub number: usize,
    pub title: Text,
    pub detail: Option<Text>,
    pub channels: Shared<ChannelRef>,
    pub reasons: Shared<Reason>,
    pub sources: Shared<Cite>,
    /// The one place its source speaks of, printed next to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    /// On a sheet with open questions: the open answers it applies under (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Qualifier>,
}

impl DerivedMaterial {
    /// Every citation behind this material: its own, then those of its notes, each once.
    pub fn all_sources(&self) -> Vec<Cite> {
        let mut out: Vec<Cite> = self.sources.to_vec();
        for n in self
            .format
            .iter()
            .chain(self.obtain.iter())
            .chain(self.alternatives.iter())
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
    pub sources: Shared<Cite>,
    /// The one place its source speaks of, printed next to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    /// On a sheet with open questions: the open answers it applies under (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Qualifier>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedDeadline {
    pub id: SharedStr,
    pub kind: DeadlineKind,
    pub label: Text,
    pub versions: Vec<DatedVersion>,
    /// Index of the version to plan by: the earliest limit, or the latest estimate.
    pub safest: Option<usize>,
    /// More than one version applies: the sources disagree.
    pub conflict: bool,
    pub reasons: Shared<Reason>,
    /// On a sheet with open questions: the open answers it applies under (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Qualifier>,
}

impl DerivedDeadline {
    pub fn safest_version(&self) -> Option<&DatedVersion> {
        self.safest.map(|i| &self.versions[i])
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedNotice {
    pub id: SharedStr,
    pub kind: NoticeKind,
    pub title: Text,
    pub versions: Shared<Sourced>,
    /// More than one version: the sources disagree, shown side by side.
    pub conflict: bool,
    pub reasons: Shared<Reason>,
    /// On a sheet with open questions: the open answers it applies under (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Qualifier>,
}

/// An answer as given, with labels, for summaries and the review page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerLine {
    pub question: SharedStr,
    pub question_label: Text,
    pub value: SharedStr,
    /// The option's label, or the date itself.
    pub value_label: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub id: SharedStr,
    pub title: SharedStr,
    pub file: SharedStr,
    pub date: Option<SharedStr>,
    /// Snippet titles cited from this source.
    pub snippets: Vec<SharedStr>,
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
    /// The choice questions left open (a blank sheet's, `derive_open`): printed as choices.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub open: Vec<OpenQuestion>,
}

/// A choice question a sheet leaves open, with its options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenQuestion {
    pub id: SharedStr,
    pub label: Text,
    pub options: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionRef {
    pub id: String,
    pub name: Text,
    pub hotlines: Shared<String>,
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
            .map(|m| m.id.to_string())
            .chain(self.steps.iter().map(|s| s.id.to_string()))
            .collect()
    }
}

/// Why a derivation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct DeriveError(pub Vec<super::AnswerError>);

/// The answers of one derivation by question index, after the unused ones are dropped.
struct Given<'a> {
    /// Option index per question, or `UNANSWERED` / `NOT_AN_OPTION` (a date).
    a: Vec<u16>,
    /// The answer as given, per question.
    text: Vec<Option<&'a str>>,
    dates: Vec<Option<NaiveDate>>,
    asked: Vec<bool>,
}

impl<'a> Given<'a> {
    fn new(catalog: &'a Catalog, cc: &'a Compiled, answers: &'a Answers) -> (Given<'a>, bool) {
        let n = catalog.questions.len();
        let mut raw = vec![UNANSWERED; n];
        let mut raw_text = vec![None; n];
        for (_, v, i) in cc.indexed(&answers.0) {
            // Unknown questions were rejected before.
            let Some(i) = i else { continue };
            raw_text[i] = Some(v.as_str());
            raw[i] = catalog.questions[i]
                .options
                .iter()
                .position(|o| o.id == *v)
                .map_or(NOT_AN_OPTION, |o| o as u16);
        }
        let qs = &cc.questions;
        let some_unused = (0..n).any(|i| raw[i] != UNANSWERED && !qs[i].ask_when.holds(&raw));
        // Conditions see only the answers that apply, so a stale answer cannot switch an entry
        // on. Ask conditions name earlier questions only, so one pass in order suffices.
        let mut a = vec![UNANSWERED; n];
        for i in 0..n {
            if qs[i].ask_when.holds(&a) {
                a[i] = raw[i];
            }
        }
        let text: Vec<Option<&str>> = (0..n)
            .map(|i| raw_text[i].filter(|_| a[i] != UNANSWERED))
            .collect();
        let dates = (0..n)
            .map(|i| {
                text[i]
                    .filter(|_| a[i] == NOT_AN_OPTION)
                    .and_then(|v| super::parse_date(v).ok())
            })
            .collect();
        let asked = qs.iter().map(|q| q.ask_when.holds(&a)).collect();
        let given = Given {
            a,
            text,
            dates,
            asked,
        };
        (given, some_unused)
    }
}

/// Each answer as a reason, and the reason lists entries share: entries whose conditions name
/// the same answered questions get the same list.
struct ReasonBook<'c> {
    questions: &'c [CQuestion],
    /// Reasons of date answers, which the catalog cannot label in advance.
    dated: Vec<Option<Reason>>,
    memo: Vec<(u128, Shared<Reason>)>,
    buf: Vec<u16>,
    /// The lists of `Compiled::reason_lists`, built when first needed.
    fixed: Vec<Option<Shared<Reason>>>,
    lists: &'c [Box<[u16]>],
}

impl<'c> ReasonBook<'c> {
    fn new(cc: &'c Compiled, given: &Given) -> Self {
        let dated = cc
            .questions
            .iter()
            .zip(&given.text)
            .zip(&given.a)
            .map(|((q, v), &o)| {
                let v: Arc<str> = (*v).filter(|_| o == NOT_AN_OPTION)?.into();
                Some(Reason {
                    question: q.id.clone(),
                    value: v.clone().into(),
                    question_label: q.label.clone(),
                    value_label: Text {
                        zh: v.clone(),
                        en: v,
                    },
                })
            })
            .collect();
        ReasonBook {
            questions: &cc.questions,
            dated,
            memo: Vec::with_capacity(32),
            buf: Vec::with_capacity(16),
            fixed: vec![None; cc.reason_lists.len()],
            lists: &cc.reason_lists,
        }
    }

    /// The reason an answered question gives.
    fn reason(&self, a: &[u16], q: u16) -> Option<Reason> {
        let q = usize::from(q);
        match a[q] {
            UNANSWERED => None,
            NOT_AN_OPTION => self.dated[q].clone(),
            o => self.questions[q].reasons.get(usize::from(o)).cloned(),
        }
    }

    /// The answers that made `cond` hold; only called for entries whose condition holds.
    fn of(&mut self, cond: &Cond, why: Option<u32>, a: &[u16]) -> Shared<Reason> {
        debug_assert!(cond.holds(a));
        if let Some(i) = why.map(|i| i as usize) {
            if let Some(r) = &self.fixed[i] {
                return r.clone();
            }
            // A condition without `Any` or `Not` holds only when every question it names is
            // answered; mapping (not filtering) lets the list be allocated once, at its size.
            let r: Shared<Reason> = self.lists[i]
                .iter()
                .map(|&q| {
                    self.reason(a, q)
                        .expect("a condition that holds names answered questions")
                })
                .collect();
            self.fixed[i] = Some(r.clone());
            return r;
        }
        self.buf.clear();
        cond.reasons_of_held(a, &mut self.buf);
        // Up to eight question indices (+1, so that none is zero) in one key.
        let key = (self.buf.len() <= 8).then(|| {
            self.buf
                .iter()
                .fold(0u128, |k, &q| (k << 16) | (u128::from(q) + 1))
        });
        if let Some(k) = key
            && let Some((_, r)) = self.memo.iter().find(|(m, _)| *m == k)
        {
            return r.clone();
        }
        let r: Shared<Reason> = self.buf.iter().filter_map(|&q| self.reason(a, q)).collect();
        if let Some(k) = key {
            self.memo.push((k, r.clone()));
        }
        r
    }
}

/// The citations a derivation makes, as a set of citation indices.
struct Cited(Vec<u64>);

impl Cited {
    fn add(&mut self, list: &[u16]) {
        for &c in list {
            self.0[usize::from(c / 64)] |= 1 << (c % 64);
        }
    }
    fn has(&self, c: u16) -> bool {
        self.0[usize::from(c / 64)] & (1 << (c % 64)) != 0
    }
}

/// The notes whose condition holds, citing them; the catalog's shared list when all do.
fn notes(n: &CNotes, a: &[u16], cited: &mut Cited, none: &Shared<Sourced>) -> Shared<Sourced> {
    let mut all = true;
    for (w, cites) in n.when.iter().zip(&n.cites) {
        if w.holds(a) {
            cited.add(cites);
        } else {
            all = false;
        }
    }
    if all {
        return n.all.clone();
    }
    let some: Vec<Sourced> = n
        .all
        .iter()
        .zip(&n.when)
        .filter(|(_, w)| w.holds(a))
        .map(|(s, _)| s.clone())
        .collect();
    if some.is_empty() {
        none.clone()
    } else {
        some.into()
    }
}

/// The entries whose condition holds, minus those that an applying entry (a regional one, say)
/// `replaces`; indices in data order. Each condition is evaluated once.
fn applicable<T>(
    items: &[T],
    a: &[u16],
    when: impl Fn(&T) -> &Cond,
    replaces: impl Fn(&T) -> &[u32],
) -> Vec<usize> {
    let holds: Vec<usize> = (0..items.len())
        .filter(|&i| when(&items[i]).holds(a))
        .collect();
    let mut gone: Option<Vec<bool>> = None;
    for &i in &holds {
        for &r in replaces(&items[i]) {
            gone.get_or_insert_with(|| vec![false; items.len()])[r as usize] = true;
        }
    }
    match gone {
        None => holds,
        Some(gone) => holds.into_iter().filter(|&i| !gone[i]).collect(),
    }
}

fn date_version(
    catalog: &Catalog,
    cc: &Compiled,
    kind: DeadlineKind,
    (v, cv): (&DeadlineVersion, &CVersion),
    given: &Given,
    today: NaiveDate,
) -> DatedVersion {
    let from = cv
        .from
        .iter()
        .map(|&q| usize::from(q))
        .find(|&q| given.dates[q].is_some());
    let start = from.and_then(|q| given.dates[q]);
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
    // The date questions it could run from: those this case asks for, else all.
    let (needs, needs_labels) = if start.is_some() {
        (Vec::new(), Vec::new())
    } else {
        let asked: Vec<usize> = cv
            .from
            .iter()
            .map(|&q| usize::from(q))
            .filter(|&q| given.asked[q])
            .collect();
        let labels = |qs: &mut dyn Iterator<Item = usize>| -> Vec<Text> {
            qs.map(|q| cc.questions[q].label.clone()).collect()
        };
        if asked.is_empty() {
            (
                v.from.clone(),
                labels(&mut cv.from.iter().map(|&q| usize::from(q))),
            )
        } else {
            (
                asked
                    .iter()
                    .map(|&q| catalog.questions[q].id.clone())
                    .collect(),
                labels(&mut asked.iter().copied()),
            )
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
        from: from.map(|q| catalog.questions[q].id.clone()),
        from_label: from.map(|q| cc.questions[q].label.clone()),
        needs,
        needs_labels,
        start,
        date,
        date_max,
        days_left,
        status,
        weekends_only,
        assumption: v.assumption.clone(),
        consequence: v.consequence.clone(),
        sources: cv.sources.clone(),
        scope: v.scope.clone(),
        when: None,
    }
}

pub(super) fn safest(kind: DeadlineKind, versions: &[DatedVersion]) -> Option<usize> {
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
    let cc = catalog.compiled();
    let cc = &*cc;
    let (given, some_unused) = Given::new(catalog, cc, answers);
    let unused = if some_unused {
        super::unused_answers(catalog, answers)
    } else {
        Vec::new()
    };
    let a = &given.a[..];
    let mut book = ReasonBook::new(cc, &given);
    let mut cited = Cited(vec![0; cc.cite_count.div_ceil(64)]);

    let answer_lines = (0..catalog.questions.len())
        .filter(|&q| given.asked[q])
        .filter_map(|q| {
            let r = match a[q] {
                UNANSWERED => return None,
                NOT_AN_OPTION => book.dated[q].as_ref()?,
                o => cc.questions[q].reasons.get(usize::from(o))?,
            };
            let (value, value_label) = (r.value.clone(), r.value_label.clone());
            Some(AnswerLine {
                question: cc.questions[q].id.clone(),
                question_label: cc.questions[q].label.clone(),
                value,
                value_label,
            })
        })
        .collect();

    // Indices are sorted, not the entries built from them (moving those costs more). Materials
    // are grouped as the app and the sheet show them; data order within a group.
    let mut material_ids = applicable(&cc.materials, a, |m| &m.when, |m| &m.replaces);
    material_ids.sort_by_key(|&i| catalog.materials[i].group);
    let materials: Vec<DerivedMaterial> = material_ids
        .into_iter()
        .map(|i| {
            let (m, c) = (&catalog.materials[i], &cc.materials[i]);
            let form_rule = c.forms.iter().position(|f| f.holds(a));
            cited.add(&c.cites);
            if let Some(f) = form_rule {
                cited.add(&c.form_cites[f]);
            }
            let form_rule = form_rule.map(|f| &m.forms[f]);
            DerivedMaterial {
                id: c.id.clone(),
                name: m.name.clone(),
                description: m.description.clone(),
                group: m.group,
                form: form_rule.map_or(Form::Unspecified, |f| f.form),
                count: form_rule.and_then(|f| f.count),
                why: m.why.clone(),
                reasons: book.of(&c.when, c.why, a),
                format: notes(&c.format, a, &mut cited, &cc.no_notes),
                obtain: notes(&c.obtain, a, &mut cited, &cc.no_notes),
                alternatives: notes(&c.alternatives, a, &mut cited, &cc.no_notes),
                sources: c.sources.clone(),
                scope: m.scope.clone(),
                when: None,
                forms_when: Vec::new(),
            }
        })
        .collect();

    let mut step_ids = applicable(&cc.steps, a, |s| &s.when, |s| &s.replaces);
    step_ids.sort_by_key(|&i| catalog.steps[i].order);
    let steps = step_ids
        .into_iter()
        .enumerate()
        .map(|(n, i)| {
            let (s, c) = (&catalog.steps[i], &cc.steps[i]);
            cited.add(&c.cites);
            DerivedStep {
                id: c.id.clone(),
                number: n + 1,
                title: s.title.clone(),
                detail: s.detail.clone(),
                channels: c.channels.clone(),
                reasons: book.of(&c.when, c.why, a),
                sources: c.sources.clone(),
                scope: s.scope.clone(),
                when: None,
            }
        })
        .collect();

    // What can be missed first, then what is waited for; data order within each kind, so the
    // order of files in checklists/ does not matter.
    let mut deadline_ids = applicable(&cc.deadlines, a, |d| &d.when, |d| &d.replaces);
    deadline_ids.sort_by_key(|&i| catalog.deadlines[i].kind);
    let mut deadlines = Vec::with_capacity(deadline_ids.len());
    for i in deadline_ids {
        let (d, c) = (&catalog.deadlines[i], &cc.deadlines[i]);
        let versions: Vec<DatedVersion> = d
            .versions
            .iter()
            .zip(c.versions.iter())
            .filter(|(_, cv)| cv.when.holds(a))
            .map(|(v, cv)| {
                cited.add(&cv.cites);
                date_version(catalog, cc, d.kind, (v, cv), &given, today)
            })
            .collect();
        if versions.is_empty() {
            continue;
        }
        deadlines.push(DerivedDeadline {
            id: c.id.clone(),
            kind: d.kind,
            label: d.label.clone(),
            safest: safest(d.kind, &versions),
            conflict: versions.len() > 1,
            versions,
            reasons: book.of(&c.when, c.why, a),
            when: None,
        });
    }
    let mut notice_ids = applicable(&cc.notices, a, |n| &n.when, |n| &n.replaces);
    notice_ids.sort_by_key(|&i| catalog.notices[i].kind);
    let mut notices: Vec<DerivedNotice> = Vec::with_capacity(notice_ids.len());
    notices.extend(notice_ids.into_iter().filter_map(|i| {
        let (n, c) = (&catalog.notices[i], &cc.notices[i]);
        let versions = notes(&c.versions, a, &mut cited, &cc.no_notes);
        if versions.is_empty() {
            return None;
        }
        Some(DerivedNotice {
            id: c.id.clone(),
            kind: n.kind,
            title: n.title.clone(),
            conflict: versions.len() > 1,
            versions,
            reasons: book.of(&c.when, c.why, a),
            when: None,
        })
    }));

    // A region applies when the insured-region question offers it and has it as its answer.
    let region = catalog
        .regions
        .iter()
        .zip(cc.regions.iter())
        .find(|(_, c)| c.offered_as.iter().any(|&(q, o)| a[usize::from(q)] == o))
        .map(|(r, c)| {
            cited.add(&c.cites);
            RegionRef {
                id: r.id.clone(),
                name: r.name.clone(),
                hotlines: c.hotlines.clone(),
                note: r.note.clone(),
            }
        });

    let mut sources = Vec::with_capacity(cc.sources.len());
    sources.extend(cc.sources.iter().filter_map(|cs| {
        let snippets: Vec<SharedStr> = cs
            .snippets
            .iter()
            .filter(|(c, _)| cited.has(*c))
            .map(|(_, title)| title.clone())
            .collect();
        if snippets.is_empty() && !cs.main.is_some_and(|c| cited.has(c)) {
            return None;
        }
        Some(SourceRef {
            id: cs.id.clone(),
            title: cs.title.clone(),
            file: cs.file.clone(),
            date: cs.date.clone(),
            snippets,
        })
    }));

    let pending = |required_only: bool| -> Vec<String> {
        catalog
            .questions
            .iter()
            .enumerate()
            .filter(|&(i, q)| {
                given.asked[i] && a[i] == UNANSWERED && (q.required || !required_only)
            })
            .map(|(_, q)| q.id.clone())
            .collect()
    };
    Ok(Derivation {
        today,
        data_version: catalog.data_version.clone(),
        answers: answer_lines,
        unused,
        pending_required: pending(true),
        pending: pending(false),
        region,
        materials,
        steps,
        deadlines,
        notices,
        sources,
        disclaimer: catalog.disclaimer.clone(),
        open: Vec::new(),
    })
}
