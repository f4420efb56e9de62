//! The checklist as a person reads it: built once from a `Derivation` (plus the case's ticks and
//! notes and the language), then drawn by the app, printed on the sheet and written to the
//! terminal. Every decision about content lives here: which sections, in which order, in which
//! words, how urgent each date is, which version is the safe one and how sources are numbered.
//! The renderers (`gui`, `pdf`, `cli`) only lay it out.
//!
//! `model` holds the view's types, `build` makes them from a derivation, `citations` numbers
//! the sources and `summary` writes the top of the sheet.

mod build;
pub mod caselist;
mod citations;
mod model;
pub mod plain;
pub mod strings;
mod summary;
pub mod wording;

pub use build::build;
pub use model::*;
pub(crate) use summary::json_parts;

use crate::catalog::{Catalog, Lang};
use crate::engine::Derivation;

/// A front-desk quick sheet as printed: its answers, the questions it leaves open as choices,
/// the patient's name if typed. The app and the command line print the same.
pub fn quick(
    catalog: &Catalog,
    sheet: &crate::catalog::QuickSheet,
    lang: Lang,
    name: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<View, crate::engine::DeriveError> {
    let d = crate::engine::derive_open(catalog, &crate::engine::quick_given(sheet), today)?;
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    Ok(build(
        catalog,
        &d,
        &ViewInput {
            lang,
            label: name,
            items: None,
            blank: true,
        },
    ))
}

/// Every answer a derivation was made from, unused ones included (what a hand-off code carries).
pub(crate) fn all_answers(d: &Derivation) -> crate::engine::Answers {
    let mut a = crate::engine::Answers::new();
    for l in &d.answers {
        a.set(l.question.to_string(), l.value.to_string());
    }
    for (q, v) in &d.unused {
        a.set(q.clone(), v.clone());
    }
    a
}

/// The hand-off code of a derivation's answers; without the dates on a blank sheet.
pub fn code_of(catalog: &Catalog, d: &Derivation, blank: bool) -> Option<String> {
    code_result(catalog, d, blank).ok()
}

pub(super) fn code_result(
    catalog: &Catalog,
    d: &Derivation,
    blank: bool,
) -> Result<String, crate::handoff::EncodeError> {
    let mut a = all_answers(d);
    if blank {
        a.0.retain(|q, _| {
            catalog
                .question(q)
                .is_none_or(|q| q.kind != crate::catalog::QuestionKind::Date)
        });
    }
    crate::handoff::code_for(catalog, &a)
}

/// Why there is no code, when an answer is one the code's table cannot carry (a region added
/// by an override): said once in the summary rather than leaving the code out unexplained.
pub(super) fn no_code(
    catalog: &Catalog,
    e: &crate::handoff::EncodeError,
    lang: Lang,
) -> Option<String> {
    use crate::handoff::EncodeError as E;
    let label = |q: &str| {
        catalog
            .question(q)
            .map_or(q.to_string(), |x| x.label().get(lang).to_string())
    };
    match e {
        E::UnknownOption(q, o) => {
            let value = catalog
                .option_label(q, o)
                .map_or(o.clone(), |t| t.get(lang).to_string());
            Some(strings::no_code(
                lang,
                &format!("{}{}{value}", label(q), strings::colon(lang)),
            ))
        }
        E::UnknownQuestion(q) => Some(strings::no_code(lang, &label(q))),
        _ => None,
    }
}
