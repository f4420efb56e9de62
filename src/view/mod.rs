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

use crate::catalog::{Catalog, Lang};
use crate::engine::Derivation;

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

/// `derive --json`'s extra parts: the section list and the summary, both languages.
pub(crate) fn json_parts(catalog: &Catalog, d: &Derivation) -> serde_json::Value {
    let zh = build(catalog, d, &ViewInput::default());
    let en = build(
        catalog,
        d,
        &ViewInput {
            lang: Lang::En,
            ..Default::default()
        },
    );
    let sections: Vec<serde_json::Value> = zh
        .sections
        .iter()
        .zip(&en.sections)
        .map(|(a, b)| serde_json::json!({"id": a.id.id(), "title": {"zh": a.title, "en": b.title}}))
        .collect();
    let (sz, se) = (
        zh.summary().expect("summary"),
        en.summary().expect("summary"),
    );
    let next_deadline = sz.deadline_id.as_ref().map(|id| {
        let dl = d.deadlines.iter().find(|x| x.id == id).expect("derived");
        serde_json::json!({
            "id": id,
            "label": dl.label,
            "date": sz.deadline_date,
            "days_left": sz.days_left,
            "urgency": sz.urgency,
            "headline": {"zh": sz.headline, "en": se.headline},
        })
    });
    let next_step = sz.next_step_id.as_ref().map(|id| {
        let st = d.steps.iter().find(|x| x.id == id).expect("derived");
        serde_json::json!({"id": id, "number": st.number, "title": st.title})
    });
    serde_json::json!({
        "sections": sections,
        "summary": {
            "urgency": sz.urgency,
            "headline": {"zh": sz.headline, "en": se.headline},
            "next_deadline": next_deadline,
            "materials": {"ready": sz.materials_ready, "total": sz.materials_total},
            "next_step": next_step,
        }
    })
}
