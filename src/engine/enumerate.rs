//! Enumerating answer sets: for regression artefacts, benchmarks and catalog checks.

use super::Answers;
use crate::catalog::{Catalog, QuestionKind};

/// Every answer set reachable by answering the asked choice questions in order. Questions in
/// `branch_on` (all choice questions when `None`) take each of their options; the others take
/// their first option. Date questions stay unanswered.
pub fn enumerate_answer_sets(catalog: &Catalog, branch_on: Option<&[&str]>) -> Vec<Answers> {
    let mut out = Vec::new();
    walk(catalog, branch_on, 0, Answers::new(), &mut out);
    out
}

fn walk(
    catalog: &Catalog,
    branch_on: Option<&[&str]>,
    i: usize,
    answers: Answers,
    out: &mut Vec<Answers>,
) {
    let Some(q) = catalog.questions.get(i) else {
        out.push(answers);
        return;
    };
    if q.kind != QuestionKind::Choice || q.options.is_empty() || !q.ask_when.eval(&answers) {
        return walk(catalog, branch_on, i + 1, answers, out);
    }
    let branch = branch_on.is_none_or(|b| b.contains(&q.id.as_str()));
    let options = if branch {
        &q.options[..]
    } else {
        &q.options[..1]
    };
    for o in options {
        // An answer the checks refuse is no answer set.
        if q.not_same_as
            .as_ref()
            .is_some_and(|ns| answers.get(&ns.question) == Some(o.id.as_str()))
        {
            continue;
        }
        let mut next = answers.clone();
        next.set(q.id.clone(), o.id.clone());
        walk(catalog, branch_on, i + 1, next, out);
    }
}

/// The first option of every asked choice question, filled in after `given` (front-desk
/// defaults for a blank sheet: the given answers are kept).
pub fn first_option_defaults(catalog: &Catalog, given: &Answers) -> Answers {
    let mut answers = given.clone();
    for q in &catalog.questions {
        if q.kind == QuestionKind::Choice
            && !answers.is_answered(&q.id)
            && q.ask_when.eval(&answers)
            && let Some(o) = q.options.first()
        {
            answers.set(q.id.clone(), o.id.clone());
        }
    }
    answers
}

/// The answers a quick sheet gives. The rest stay open: `derive_open` prints them as choices.
pub fn quick_given(sheet: &crate::catalog::QuickSheet) -> Answers {
    Answers::from_pairs(sheet.answers.iter().map(|(q, v)| (q.as_str(), v.as_str())))
}
