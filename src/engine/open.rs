//! A checklist for answers that leave choice questions open (a blank front-desk sheet). Nothing
//! is assumed for an open question: every completion of the open questions is derived, an entry
//! found in all of them is kept as it is, and one found in some carries the open answers it
//! depends on (a `Qualifier`), found from the completions themselves. So `replaces`, form rules
//! and versions follow the engine's own rules, with no second reading of the conditions.

use super::{Answers, Derivation, DeriveError, check_answers, derive};
use crate::catalog::*;
use crate::engine::{DatedVersion, DerivedDeadline, DerivedMaterial, DerivedNotice, DerivedStep};
use crate::engine::{FormWhen, OpenQuestion, SourceRef};
use chrono::NaiveDate;
use std::collections::HashMap;

/// At most this many completions are derived (about 10 µs each); the bundled quick sheets need
/// at most a few thousand. Past it, the later open questions stay unanswered.
const MAX_COMPLETIONS: usize = 100_000;

/// The option index each open question has in one completion (`UNANSWERED`: not asked there).
type Row = Vec<u16>;

/// Derives the checklist for `given`, with every asked choice question it leaves unanswered
/// open (`Derivation::open`). Date questions stay unanswered, as in `derive`.
pub fn derive_open(
    catalog: &Catalog,
    given: &Answers,
    today: NaiveDate,
) -> Result<Derivation, DeriveError> {
    let errors = check_answers(catalog, given, today);
    if !errors.is_empty() {
        return Err(DeriveError(errors));
    }
    let mut combos = Vec::new();
    let mut branched = vec![false; catalog.questions.len()];
    complete(catalog, 0, given.clone(), &mut branched, &mut combos);
    // A completion the checks refuse (`not_same_as`: the place of treatment equal to the insured
    // region) is not one: the wizard would not accept it.
    let first_refused = combos.first().map(|a| check_answers(catalog, a, today));
    combos.retain(|a| check_answers(catalog, a, today).is_empty());
    if combos.is_empty() {
        return Err(DeriveError(first_refused.unwrap_or_default()));
    }
    let open: Vec<usize> = (0..catalog.questions.len())
        .filter(|&i| branched[i])
        .collect();
    let ds = combos
        .iter()
        .map(|a| derive(catalog, a, today))
        .collect::<Result<Vec<_>, _>>()?;
    let rows: Vec<Row> = combos
        .iter()
        .map(|a| {
            open.iter()
                .map(|&q| {
                    let q = &catalog.questions[q];
                    a.get(&q.id)
                        .and_then(|v| q.options.iter().position(|o| o.id == v))
                        .map_or(UNANSWERED, |o| o as u16)
                })
                .collect()
        })
        .collect();
    Ok(Merge {
        catalog,
        open: &open,
        rows: &rows,
        ds: &ds,
        given,
    }
    .merge())
}

/// Every completion of the open choice questions, in question order: a question asked under the
/// answers so far and not given takes each of its options.
fn complete(
    catalog: &Catalog,
    i: usize,
    answers: Answers,
    branched: &mut [bool],
    out: &mut Vec<Answers>,
) {
    let Some(q) = catalog.questions.get(i) else {
        out.push(answers);
        return;
    };
    let open = q.kind == QuestionKind::Choice
        && !q.options.is_empty()
        && !answers.is_answered(&q.id)
        && q.ask_when.eval(&answers);
    // The number of completions so far times this question's options, bounded.
    if !open || out.len().saturating_mul(q.options.len()) >= MAX_COMPLETIONS {
        return complete(catalog, i + 1, answers, branched, out);
    }
    branched[i] = true;
    for o in &q.options {
        let mut next = answers.clone();
        next.set(q.id.clone(), o.id.clone());
        complete(catalog, i + 1, next, branched, out);
    }
}

struct Merge<'a> {
    catalog: &'a Catalog,
    /// Question indices of the open questions.
    open: &'a [usize],
    /// Per completion, its open answers.
    rows: &'a [Row],
    ds: &'a [Derivation],
    given: &'a Answers,
}

impl Merge<'_> {
    fn merge(&self) -> Derivation {
        let (catalog, ds) = (self.catalog, self.ds);
        let first = &ds[0];
        let given = |q: &str| self.given.is_answered(q);
        // The header: only the answers the sheet gives.
        let answers = first
            .answers
            .iter()
            .filter(|l| given(&l.question))
            .cloned()
            .collect();
        let open_ids: Vec<&str> = self
            .open
            .iter()
            .map(|&q| catalog.questions[q].id.as_str())
            .collect();
        let pending = |f: fn(&Derivation) -> &Vec<String>| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for q in &catalog.questions {
                if !open_ids.contains(&q.id.as_str())
                    && !out.contains(&q.id)
                    && ds.iter().any(|d| f(d).contains(&q.id))
                {
                    out.push(q.id.clone());
                }
            }
            out
        };
        let region = first.region.clone().filter(|r| {
            ds.iter()
                .all(|d| d.region.as_ref().map(|x| &x.id) == Some(&r.id))
        });
        Derivation {
            today: first.today,
            data_version: first.data_version.clone(),
            answers,
            unused: first.unused.clone(),
            pending: pending(|d| &d.pending),
            pending_required: pending(|d| &d.pending_required),
            region,
            materials: self.materials(),
            steps: self.steps(),
            deadlines: self.deadlines(),
            notices: self.notices(),
            sources: self.sources(),
            disclaimer: first.disclaimer.clone(),
            open: self
                .open
                .iter()
                .map(|&q| {
                    let q = &catalog.questions[q];
                    OpenQuestion {
                        id: q.id.as_str().into(),
                        label: q.label().clone(),
                        options: q.options.iter().map(|o| o.label.clone()).collect(),
                    }
                })
                .collect(),
        }
    }

    /// The reasons that name given answers only: an open question has no answer to give.
    fn reasons(&self, r: &Shared<Reason>) -> Shared<Reason> {
        if r.iter().all(|x| self.given.is_answered(&x.question)) {
            return r.clone();
        }
        r.iter()
            .filter(|x| self.given.is_answered(&x.question))
            .cloned()
            .collect()
    }

    /// Per completion, the entry found by `find`, for the entries of one kind in `order`.
    fn each<'d, T: 'd>(
        &self,
        order: impl Iterator<Item = &'d str>,
        find: impl Fn(&'d Derivation, &str) -> Option<&'d T>,
    ) -> Vec<Vec<Option<&'d T>>>
    where
        Self: 'd,
    {
        let ds: &'d [Derivation] = self.ds;
        order
            .map(|id| ds.iter().map(|d| find(d, id)).collect::<Vec<_>>())
            .filter(|found| found.iter().any(Option::is_some))
            .collect()
    }

    /// The qualifier of an entry found in the completions marked `Some(true)` and not in those
    /// marked `Some(false)` (`None`: not considered, e.g. where its card is absent).
    fn when(&self, found: impl Iterator<Item = Option<bool>>) -> Option<Qualifier> {
        let table: Vec<(&[u16], bool)> = self
            .rows
            .iter()
            .zip(found)
            .filter_map(|(r, f)| Some((r.as_slice(), f?)))
            .collect();
        if table.iter().all(|(_, f)| *f) {
            return None;
        }
        Some(qualifier(self.catalog, self.open, &table))
    }

    fn materials(&self) -> Vec<DerivedMaterial> {
        let catalog = self.catalog;
        let cc = catalog.compiled();
        let mut order: Vec<usize> = (0..catalog.materials.len()).collect();
        order.sort_by_key(|&i| catalog.materials[i].group);
        let found = self.each(
            order.iter().map(|&i| catalog.materials[i].id.as_str()),
            |d, id| d.materials.iter().find(|m| m.id == id),
        );
        found
            .into_iter()
            .map(|per| {
                let m = per.iter().flatten().next().expect("found in one");
                let present = || per.iter().map(|x| Some(x.is_some()));
                // The forms it is asked for in, each under its open answers.
                let mut forms: Vec<(Form, Option<u32>)> = Vec::new();
                for x in per.iter().flatten() {
                    if !forms.contains(&(x.form, x.count)) {
                        forms.push((x.form, x.count));
                    }
                }
                let forms_when = if forms.len() > 1 {
                    forms
                        .iter()
                        .map(|&(form, count)| FormWhen {
                            form,
                            count,
                            when: self
                                .when(
                                    per.iter()
                                        .map(|x| x.map(|x| (x.form, x.count) == (form, count))),
                                )
                                .expect("not in every completion"),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let c = cc
                    .materials
                    .iter()
                    .find(|c| c.id == m.id)
                    .expect("compiled");
                let notes = |f: fn(&DerivedMaterial) -> &Shared<Sourced>, all: &[Sourced]| {
                    self.notes(per.iter().map(|x| x.map(f)), all)
                };
                DerivedMaterial {
                    reasons: self.reasons(&m.reasons),
                    format: notes(|m| &m.format, &c.format.all),
                    obtain: notes(|m| &m.obtain, &c.obtain.all),
                    alternatives: notes(|m| &m.alternatives, &c.alternatives.all),
                    when: self.when(present()),
                    forms_when,
                    ..(*m).clone()
                }
            })
            .collect()
    }

    /// Notes (or versions) of one entry: every text found in some completion where the entry
    /// is, in the order of `all` (the data's), with the open answers it is there under.
    fn notes<'d>(
        &self,
        per: impl Iterator<Item = Option<&'d Shared<Sourced>>>,
        all: &[Sourced],
    ) -> Shared<Sourced> {
        let per: Vec<Option<&Shared<Sourced>>> = per.collect();
        let mut texts: Vec<&Sourced> = Vec::new();
        for n in per.iter().flatten().flat_map(|l| l.iter()) {
            if !texts.iter().any(|t| t.text == n.text) {
                texts.push(n);
            }
        }
        texts.sort_by_key(|t| all.iter().position(|a| a.text == t.text));
        if texts.is_empty() {
            return per
                .iter()
                .flatten()
                .next()
                .map(|l| (*l).clone())
                .unwrap_or_default();
        }
        texts
            .into_iter()
            .map(|n| Sourced {
                when: self.when(
                    per.iter()
                        .map(|l| l.map(|l| l.iter().any(|x| x.text == n.text))),
                ),
                ..n.clone()
            })
            .collect()
    }

    fn steps(&self) -> Vec<DerivedStep> {
        let catalog = self.catalog;
        let mut order: Vec<usize> = (0..catalog.steps.len()).collect();
        order.sort_by_key(|&i| catalog.steps[i].order);
        self.each(
            order.iter().map(|&i| catalog.steps[i].id.as_str()),
            |d, id| d.steps.iter().find(|s| s.id == id),
        )
        .into_iter()
        .enumerate()
        .map(|(n, per)| {
            let s = per.iter().flatten().next().expect("found in one");
            DerivedStep {
                number: n + 1,
                reasons: self.reasons(&s.reasons),
                when: self.when(per.iter().map(|x| Some(x.is_some()))),
                ..(*s).clone()
            }
        })
        .collect()
    }

    fn deadlines(&self) -> Vec<DerivedDeadline> {
        let catalog = self.catalog;
        let mut order: Vec<usize> = (0..catalog.deadlines.len()).collect();
        order.sort_by_key(|&i| catalog.deadlines[i].kind);
        self.each(
            order.iter().map(|&i| catalog.deadlines[i].id.as_str()),
            |d, id| d.deadlines.iter().find(|x| x.id == id),
        )
        .into_iter()
        .map(|per| {
            let dl = per.iter().flatten().next().expect("found in one");
            let mut versions: Vec<DatedVersion> = Vec::new();
            for v in per.iter().flatten().flat_map(|d| &d.versions) {
                if !versions.iter().any(|x| x.text == v.text) {
                    versions.push(v.clone());
                }
            }
            let data = &catalog
                .deadlines
                .iter()
                .find(|x| x.id == dl.id)
                .expect("in the catalog")
                .versions;
            versions.sort_by_key(|v| data.iter().position(|x| x.text == v.text));
            for v in &mut versions {
                v.when = self.when(
                    per.iter()
                        .map(|d| d.map(|d| d.versions.iter().any(|x| x.text == v.text))),
                );
            }
            DerivedDeadline {
                safest: super::derive::safest(dl.kind, &versions),
                // The sources disagree where one completion has more than one version.
                conflict: per.iter().flatten().any(|d| d.conflict),
                versions,
                reasons: self.reasons(&dl.reasons),
                when: self.when(per.iter().map(|x| Some(x.is_some()))),
                ..(*dl).clone()
            }
        })
        .collect()
    }

    fn notices(&self) -> Vec<DerivedNotice> {
        let catalog = self.catalog;
        let mut order: Vec<usize> = (0..catalog.notices.len()).collect();
        order.sort_by_key(|&i| catalog.notices[i].kind);
        let cc = catalog.compiled();
        self.each(
            order.iter().map(|&i| catalog.notices[i].id.as_str()),
            |d, id| d.notices.iter().find(|x| x.id == id),
        )
        .into_iter()
        .map(|per| {
            let n = per.iter().flatten().next().expect("found in one");
            let c = cc.notices.iter().find(|c| c.id == n.id).expect("compiled");
            DerivedNotice {
                versions: self.notes(per.iter().map(|x| x.map(|x| &x.versions)), &c.versions.all),
                conflict: per.iter().flatten().any(|x| x.conflict),
                reasons: self.reasons(&n.reasons),
                when: self.when(per.iter().map(|x| Some(x.is_some()))),
                ..(*n).clone()
            }
        })
        .collect()
    }

    /// Every source some completion cites, in the catalog's order, with the snippets cited.
    fn sources(&self) -> Vec<SourceRef> {
        let cc = self.catalog.compiled();
        cc.sources
            .iter()
            .filter_map(|cs| {
                let found: Vec<&SourceRef> = self
                    .ds
                    .iter()
                    .filter_map(|d| d.sources.iter().find(|s| s.id == cs.id))
                    .collect();
                let first = *found.first()?;
                let snippets = cs
                    .snippets
                    .iter()
                    .map(|(_, t)| t)
                    .filter(|t| found.iter().any(|s| s.snippets.contains(t)))
                    .cloned()
                    .collect();
                Some(SourceRef {
                    snippets,
                    ..first.clone()
                })
            })
            .collect()
    }
}

/// The open answers under which `table` says true, as few tests as the table allows: questions
/// that do not change the outcome are left out, and a question the entry needs unasked reads as
/// "not one of" the options it is asked with.
fn qualifier(catalog: &Catalog, open: &[usize], table: &[(&[u16], bool)]) -> Qualifier {
    // Drop each question whose answer the outcome does not depend on, given the others kept.
    // Later questions first: one asked only under an earlier answer ("special drugs", asked
    // for online claims) would otherwise stand in for that answer ("online").
    let mut keep: Vec<usize> = (0..open.len()).collect();
    for j in (0..open.len()).rev() {
        let fewer: Vec<usize> = keep.iter().copied().filter(|&k| k != j).collect();
        if decided(table, &fewer) {
            keep = fewer;
        }
    }
    let mut rows: Vec<(Vec<u16>, bool)> = table
        .iter()
        .map(|(r, f)| (keep.iter().map(|&k| r[k]).collect(), *f))
        .collect();
    rows.sort();
    rows.dedup();
    let questions: Vec<usize> = keep.iter().map(|&k| open[k]).collect();
    Qualifier(express(catalog, &questions, &rows))
}

/// Whether the outcome is the same for every two rows that agree on the columns `cols`.
fn decided(table: &[(&[u16], bool)], cols: &[usize]) -> bool {
    let mut seen: HashMap<Vec<u16>, bool> = HashMap::new();
    table.iter().all(|(r, f)| {
        let key: Vec<u16> = cols.iter().map(|&c| r[c]).collect();
        *seen.entry(key).or_insert(*f) == *f
    })
}

/// A decided truth table over `questions` as alternatives of tests: one alternative when the
/// true rows are exactly those whose every answer is in a set (the usual case), else split on
/// the first question.
fn express(
    catalog: &Catalog,
    questions: &[usize],
    rows: &[(Vec<u16>, bool)],
) -> Vec<Vec<OpenTest>> {
    if rows.iter().all(|(_, f)| *f) {
        return vec![Vec::new()];
    }
    if !rows.iter().any(|(_, f)| *f) {
        return Vec::new();
    }
    let values = |c: usize, only_true: bool| -> Vec<u16> {
        let mut v: Vec<u16> = rows
            .iter()
            .filter(|(_, f)| *f || !only_true)
            .map(|(r, _)| r[c])
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let sets: Vec<Vec<u16>> = (0..questions.len()).map(|c| values(c, true)).collect();
    let product = rows
        .iter()
        .all(|(r, f)| *f == r.iter().zip(&sets).all(|(v, s)| s.contains(v)));
    if product {
        let tests = (0..questions.len())
            .filter_map(|c| test(catalog, questions[c], &sets[c], &values(c, false)))
            .collect();
        return vec![tests];
    }
    // Split on the first question: its values with the same rest go together.
    let mut groups: Vec<(Vec<Vec<OpenTest>>, Vec<u16>)> = Vec::new();
    for v in values(0, false) {
        let sub: Vec<(Vec<u16>, bool)> = rows
            .iter()
            .filter(|(r, _)| r[0] == v)
            .map(|(r, f)| (r[1..].to_vec(), *f))
            .collect();
        let rest = express(catalog, &questions[1..], &sub);
        match groups.iter_mut().find(|(r, _)| *r == rest) {
            Some((_, vs)) => vs.push(v),
            None => groups.push((rest, vec![v])),
        }
    }
    let all = values(0, false);
    let mut out = Vec::new();
    for (rest, vs) in groups {
        let first = test(catalog, questions[0], &vs, &all);
        for alt in rest {
            out.push(first.iter().cloned().chain(alt).collect());
        }
    }
    out
}

/// The test "the answer is one of `set`" over the answers `all` seen; `None` when it excludes
/// nothing. With "not asked" (`UNANSWERED`) in the set, or when the others are fewer, it reads
/// "none of" the other options.
fn test(catalog: &Catalog, q: usize, set: &[u16], all: &[u16]) -> Option<OpenTest> {
    if all.iter().all(|v| set.contains(v)) {
        return None;
    }
    let others: Vec<u16> = all.iter().copied().filter(|v| !set.contains(v)).collect();
    // "Not online" reads better than three options, where the question is always asked.
    let negated =
        set.contains(&UNANSWERED) || (!all.contains(&UNANSWERED) && others.len() < set.len());
    let options = if negated { others } else { set.to_vec() };
    let q = &catalog.questions[q];
    let opts: Vec<&QuestionOption> = options
        .iter()
        .filter_map(|&o| q.options.get(usize::from(o)))
        .collect();
    Some(OpenTest {
        question: q.id.as_str().into(),
        question_label: q.label().clone(),
        options: opts.iter().map(|o| o.id.as_str().into()).collect(),
        option_labels: opts.iter().map(|o| o.label.clone()).collect(),
        negated,
    })
}
