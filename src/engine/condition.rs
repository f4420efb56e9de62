//! Evaluating conditions, and finding the answers that made one true (the "why").

use super::Answers;
use crate::catalog::{Cond, Condition, UNANSWERED};

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
    /// first-mention order (borrowed: derivations call this for every entry they list).
    pub(crate) fn reasons_of_held<'c>(&'c self, answers: &Answers) -> Vec<&'c str> {
        let mut out = Vec::new();
        self.collect(answers, &mut out);
        out
    }

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
        }
    }
}
