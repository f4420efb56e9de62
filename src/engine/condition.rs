//! Evaluating conditions, and finding the answers that made one true (the "why").

use super::Answers;
use crate::catalog::{Cond, Condition, Leaf, UNANSWERED};

impl Condition {
    pub fn eval(&self, answers: &Answers) -> bool {
        match self {
            Condition::Always => true,
            Condition::Is(q, o) => answers.get(q) == Some(o.as_str()),
            Condition::In(q, os) => answers.get(q).is_some_and(|v| os.iter().any(|o| o == v)),
            Condition::Answered(q) => answers.is_answered(q),
            Condition::All(cs) => cs.iter().all(|c| c.eval(answers)),
            Condition::Any(cs) => cs.iter().any(|c| c.eval(answers)),
            Condition::Not(c) => !c.eval(answers),
        }
    }

    /// The answered questions that make a condition already known to hold true, in
    /// first-mention order. Derivations use the compiled form (`Cond::reasons_of_held`); this
    /// one is the reference it is tested against.
    #[cfg(test)]
    pub(crate) fn reasons_of_held<'c>(&'c self, answers: &Answers) -> Vec<&'c str> {
        let mut out = Vec::new();
        self.collect(answers, &mut out);
        out
    }

    #[cfg(test)]
    fn collect<'c>(&'c self, answers: &Answers, out: &mut Vec<&'c str>) {
        let mut push = |q: &'c str| {
            if !out.contains(&q) && answers.is_answered(q) {
                out.push(q);
            }
        };
        match self {
            Condition::Always => {}
            Condition::Is(q, _) | Condition::In(q, _) | Condition::Answered(q) => push(q),
            Condition::All(cs) => cs.iter().for_each(|c| c.collect(answers, out)),
            // The first branch that holds is the reason.
            Condition::Any(cs) => {
                if let Some(c) = cs.iter().find(|c| c.eval(answers)) {
                    c.collect(answers, out);
                }
            }
            // `Not(x)` holds because of the answers x looks at (an unanswered one says nothing).
            Condition::Not(c) => c.questions().into_iter().for_each(push),
        }
    }
}

impl Cond {
    /// Whether the condition holds for answers given as option indices, one per question.
    pub(crate) fn holds(&self, a: &[u16]) -> bool {
        match self {
            Cond::Always => true,
            Cond::Never => false,
            Cond::Is(q, o) => a[usize::from(*q)] == *o,
            Cond::In(q, os) => os.contains(&a[usize::from(*q)]),
            Cond::Answered(q) => a[usize::from(*q)] != UNANSWERED,
            Cond::All(cs) => cs.iter().all(|c| c.holds(a)),
            Cond::Any(cs) => cs.iter().any(|c| c.holds(a)),
            Cond::Not(c, _) => !c.holds(a),
            Cond::Leaves(ls) => ls.iter().all(|l| match l {
                Leaf::Is(q, o) => a[usize::from(*q)] == *o,
                Leaf::In(q, os) => os.contains(&a[usize::from(*q)]),
                Leaf::Answered(q) => a[usize::from(*q)] != UNANSWERED,
            }),
        }
    }

    /// `Condition::reasons_of_held` on indices: the answered questions that make a condition
    /// that holds true, in first-mention order, appended to `out`.
    pub(crate) fn reasons_of_held(&self, a: &[u16], out: &mut Vec<u16>) {
        let push = |q: u16, out: &mut Vec<u16>| {
            if a[usize::from(q)] != UNANSWERED && !out.contains(&q) {
                out.push(q);
            }
        };
        match self {
            Cond::Always | Cond::Never => {}
            Cond::Is(q, _) | Cond::In(q, _) | Cond::Answered(q) => push(*q, out),
            Cond::All(cs) => cs.iter().for_each(|c| c.reasons_of_held(a, out)),
            // The first branch that holds is the reason.
            Cond::Any(cs) => {
                if let Some(c) = cs.iter().find(|c| c.holds(a)) {
                    c.reasons_of_held(a, out);
                }
            }
            Cond::Not(_, qs) => qs.iter().for_each(|&q| push(q, out)),
            Cond::Leaves(ls) => ls.iter().for_each(|l| match l {
                Leaf::Is(q, _) | Leaf::In(q, _) | Leaf::Answered(q) => push(*q, out),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, NOT_AN_OPTION};
    use crate::engine::enumerate_answer_sets;

    /// Answers as the compiled conditions see them.
    fn dense(catalog: &Catalog, answers: &Answers) -> Vec<u16> {
        catalog
            .questions
            .iter()
            .map(|q| match answers.get(&q.id) {
                None => UNANSWERED,
                Some(v) => q
                    .options
                    .iter()
                    .position(|o| o.id == v)
                    .map_or(NOT_AN_OPTION, |i| i as u16),
            })
            .collect()
    }

    /// Every condition in the bundled data, compiled, agrees with the string form on every
    /// reachable answer set (and with a date answered): whether it holds, and its reasons.
    #[test]
    fn compiled_conditions_agree_with_the_data() {
        let catalog = Catalog::bundled().unwrap();
        let cc = catalog.compiled();
        let mut pairs: Vec<(&Condition, &Cond)> = Vec::new();
        for (q, c) in catalog.questions.iter().zip(cc.questions.iter()) {
            pairs.push((&q.ask_when, &c.ask_when));
        }
        for (m, c) in catalog.materials.iter().zip(cc.materials.iter()) {
            pairs.push((&m.when, &c.when));
            pairs.extend(m.forms.iter().map(|f| &f.when).zip(c.forms.iter()));
            for (notes, cn) in [
                (&m.format, &c.format),
                (&m.obtain, &c.obtain),
                (&m.alternatives, &c.alternatives),
            ] {
                pairs.extend(notes.iter().map(|n| &n.when).zip(cn.when.iter()));
            }
        }
        for (s, c) in catalog.steps.iter().zip(cc.steps.iter()) {
            pairs.push((&s.when, &c.when));
        }
        for (d, c) in catalog.deadlines.iter().zip(cc.deadlines.iter()) {
            pairs.push((&d.when, &c.when));
            pairs.extend(
                d.versions
                    .iter()
                    .map(|v| &v.when)
                    .zip(c.versions.iter().map(|v| &v.when)),
            );
        }
        for (n, c) in catalog.notices.iter().zip(cc.notices.iter()) {
            pairs.push((&n.when, &c.when));
            pairs.extend(
                n.versions
                    .iter()
                    .map(|v| &v.when)
                    .zip(c.versions.when.iter()),
            );
        }
        // Entry conditions with a reason list fixed at load.
        let mut fixed: Vec<(&Condition, u32)> = Vec::new();
        fixed.extend(
            catalog
                .materials
                .iter()
                .zip(cc.materials.iter())
                .filter_map(|(m, c)| Some((&m.when, c.why?))),
        );
        fixed.extend(
            catalog
                .steps
                .iter()
                .zip(cc.steps.iter())
                .filter_map(|(m, c)| Some((&m.when, c.why?))),
        );
        fixed.extend(
            catalog
                .deadlines
                .iter()
                .zip(cc.deadlines.iter())
                .filter_map(|(m, c)| Some((&m.when, c.why?))),
        );
        fixed.extend(
            catalog
                .notices
                .iter()
                .zip(cc.notices.iter())
                .filter_map(|(m, c)| Some((&m.when, c.why?))),
        );
        assert!(fixed.len() > 50, "most entries have fixed reasons");
        let mut sets = enumerate_answer_sets(&catalog, None);
        for a in sets.clone() {
            let mut dated = a;
            dated.set("discharge_date", "2025-03-10");
            sets.push(dated);
        }
        let mut held = 0;
        for a in &sets {
            let d = dense(&catalog, a);
            for (cond, i) in &fixed {
                if cond.eval(a) {
                    let names: Vec<&str> = cc.reason_lists[*i as usize]
                        .iter()
                        .map(|&q| catalog.questions[usize::from(q)].id.as_str())
                        .collect();
                    assert_eq!(names, cond.reasons_of_held(a), "{cond:?} on {a:?}");
                }
            }
            for (cond, c) in &pairs {
                let holds = cond.eval(a);
                assert_eq!(c.holds(&d), holds, "{cond:?} on {a:?}");
                if holds {
                    held += 1;
                    let mut qs = Vec::new();
                    c.reasons_of_held(&d, &mut qs);
                    let names: Vec<&str> = qs
                        .iter()
                        .map(|&q| catalog.questions[usize::from(q)].id.as_str())
                        .collect();
                    assert_eq!(names, cond.reasons_of_held(a), "{cond:?} on {a:?}");
                }
            }
        }
        assert!(held > 10_000, "the sets exercise the conditions ({held})");
    }
}
