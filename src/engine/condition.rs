//! Evaluating conditions, and finding the answers that made one true (the "why").

use super::Answers;
use crate::catalog::Condition;

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

    /// Every question this condition names.
    pub fn questions(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.walk(&mut |c| match c {
            Condition::Is(q, _) | Condition::In(q, _) | Condition::Answered(q)
                if !out.contains(&q.as_str()) =>
            {
                out.push(q.as_str())
            }
            _ => {}
        });
        out
    }

    /// Every `(question, option)` pair this condition names.
    pub fn options(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        self.walk(&mut |c| match c {
            Condition::Is(q, o) => out.push((q.as_str(), o.as_str())),
            Condition::In(q, os) => out.extend(os.iter().map(|o| (q.as_str(), o.as_str()))),
            _ => {}
        });
        out
    }

    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Condition)) {
        f(self);
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.walk(f)),
            Condition::Not(c) => c.walk(f),
            _ => {}
        }
    }
}
