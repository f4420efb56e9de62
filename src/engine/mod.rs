//! The rules engine: pure functions from a catalog and answers to the questions still to ask
//! and the derived checklist. It names no scenario, material or region: all of that is data.

mod answers;
mod condition;
mod derivation;
mod derive;
mod enumerate;
mod open;
mod reach;

pub use answers::{
    AnswerError, AnswerErrorKind, Answers, DEFAULT_MAX_FUTURE_DAYS, EARLIEST_YEAR, check_answers,
    parse_date,
};
pub use derivation::*;
pub(crate) use derive::DUE_SOON_DAYS;
pub use derive::derive;
pub use enumerate::{enumerate_answer_sets, first_option_defaults, quick_given};
pub use open::derive_open;
pub use reach::{ReachabilityReport, check_reachability};

use crate::catalog::{Catalog, Question};

/// The questions asked for these answers, in order (answered or not).
pub(crate) fn asked_questions<'c>(catalog: &'c Catalog, answers: &Answers) -> Vec<&'c Question> {
    catalog
        .questions
        .iter()
        .filter(|q| q.ask_when.eval(answers))
        .collect()
}

/// The questions still to answer, in order: asked and unanswered.
pub fn next_questions<'c>(catalog: &'c Catalog, answers: &Answers) -> Vec<&'c Question> {
    asked_questions(catalog, answers)
        .into_iter()
        .filter(|q| !answers.is_answered(&q.id))
        .collect()
}

/// Answers to questions that these answers do not ask (kept, but listed as unused).
pub(crate) fn unused_answers(catalog: &Catalog, answers: &Answers) -> Vec<(String, String)> {
    answers
        .0
        .iter()
        .filter(|(q, _)| {
            catalog
                .question(q)
                .is_none_or(|q| !q.ask_when.eval(answers))
        })
        .map(|(q, v)| (q.clone(), v.clone()))
        .collect()
}

/// The answers that still apply: unused ones dropped (what the wizard keeps after a change).
pub(crate) fn prune_answers(catalog: &Catalog, answers: &Answers) -> Answers {
    let mut kept = Answers::new();
    for q in &catalog.questions {
        // Ask conditions name earlier questions only, so one pass in order suffices.
        if q.ask_when.eval(&kept)
            && let Some(v) = answers.get(&q.id)
        {
            kept.set(q.id.clone(), v);
        }
    }
    kept
}
