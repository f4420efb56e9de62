//! Deriving the checklist: materials with reasons, ordered steps, deadlines as dates,
//! notices (warnings, rules, conflicts) and the sources behind all of them.

use super::derivation::*;
use super::{Answers, check_answers};
use crate::catalog::*;
use crate::dates::{add_days, add_months};
use chrono::NaiveDate;

/// A deadline this many days away or fewer is "due soon".
pub(crate) const DUE_SOON_DAYS: i64 = 14;

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
    /// The lists made so far, by the questions they name.
    memo: Vec<(Vec<u16>, Shared<Reason>)>,
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
                let v: SharedStr = (*v).filter(|_| o == NOT_AN_OPTION)?.into();
                Some(Reason {
                    question: q.id.clone(),
                    value: v.clone(),
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
            memo: Vec::new(),
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
            // answered.
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
        let mut questions = Vec::new();
        cond.reasons_of_held(a, &mut questions);
        if let Some((_, r)) = self.memo.iter().find(|(q, _)| *q == questions) {
            return r.clone();
        }
        let r: Shared<Reason> = questions
            .iter()
            .filter_map(|&q| self.reason(a, q))
            .collect();
        self.memo.push((questions, r.clone()));
        r
    }
}

/// The citations a derivation makes: whether each of the catalog's is made, by index.
struct Cited(Vec<bool>);

impl Cited {
    fn add(&mut self, list: &[u16]) {
        for &c in list {
            self.0[usize::from(c)] = true;
        }
    }
    fn has(&self, c: u16) -> bool {
        self.0[usize::from(c)]
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
    let mut cited = Cited(vec![false; cc.cite_count]);

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
    let mut deadlines = Vec::new();
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
    let notices: Vec<DerivedNotice> = notice_ids
        .into_iter()
        .filter_map(|i| {
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
        })
        .collect();

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

    let sources: Vec<SourceRef> = cc
        .sources
        .iter()
        .filter_map(|cs| {
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
                seed: cs.seed,
                title: cs.title.clone(),
                file: cs.file.clone(),
                date: cs.date.clone(),
                snippets,
            })
        })
        .collect();

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
