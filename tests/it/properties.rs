//! Property tests: any answers and any dates never panic, derivation is deterministic, and any
//! path through the wizard ends in a complete, non-empty checklist.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use std::sync::OnceLock;
use yibao_checklist::catalog::{Catalog, QuestionKind};
use yibao_checklist::dates::add_months;
use yibao_checklist::engine::{Answers, derive, next_questions};

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::bundled().expect("bundled data is valid"))
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2035, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(y, m, 28).unwrap())
    })
}

fn recent_date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2035, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

/// A value for a question: usually a real option or date, sometimes junk.
fn any_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<prop::sample::Index>().prop_map(|i| {
            let opts: Vec<String> = catalog().questions.iter().flat_map(|q| q.options.iter().map(|o| o.id.clone())).collect();
            opts[i.index(opts.len())].clone()
        }),
        3 => any_date().prop_map(|d| d.to_string()),
        1 => "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        1 => ".{0,12}",
    ]
}

fn any_answers() -> impl Strategy<Value = Answers> {
    let ids: Vec<String> = catalog()
        .questions
        .iter()
        .map(|q| q.id.clone())
        .chain(["bogus".to_string()])
        .collect();
    prop::collection::btree_map(prop::sample::select(ids), any_value(), 0..16).prop_map(Answers)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_answers_never_panic_and_derive_deterministically(answers in any_answers(), today in any_date()) {
        let a = derive(catalog(), &answers, today);
        let b = derive(catalog(), &answers, today);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn every_wizard_path_ends_in_a_nonempty_checklist(choices in prop::collection::vec(any::<prop::sample::Index>(), 24), today in recent_date(), start in recent_date()) {
        let c = catalog();
        let mut answers = Answers::new();
        for pick in &choices {
            let Some(q) = next_questions(c, &answers).into_iter().next() else { break };
            match q.kind {
                // The options the wizard accepts: not the insured region as the place of treatment.
                QuestionKind::Choice => {
                    let ok: Vec<_> = q.options.iter().filter(|o| q.not_same_as.as_ref().is_none_or(|ns| answers.get(&ns.question) != Some(o.id.as_str()))).collect();
                    answers.set(q.id.clone(), ok[pick.index(ok.len())].id.clone());
                }
                // Dates in order, never after today: the wizard's dates are past or near.
                QuestionKind::Date => {
                    let d = start.min(today);
                    answers.set(q.id.clone(), d.to_string());
                }
            }
        }
        prop_assert!(next_questions(c, &answers).is_empty(), "wizard did not finish: {:?}", answers);
        let d = derive(c, &answers, today).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(d.is_complete());
        prop_assert!(!d.materials.is_empty(), "no materials for {:?}", answers);
        prop_assert!(!d.steps.is_empty(), "no steps for {:?}", answers);
        prop_assert!(d.unused.is_empty());
        // Steps are numbered 1..n in order.
        for (i, s) in d.steps.iter().enumerate() { prop_assert_eq!(s.number, i + 1); }
    }

    #[test]
    fn adding_months_clamps_and_never_panics(date in any_date(), n in 0u32..60) {
        let r = add_months(date, n);
        prop_assert!(r >= date);
        prop_assert!(r.day() <= date.day());
        let months = (r.year() - date.year()) * 12 + r.month() as i32 - date.month() as i32;
        prop_assert_eq!(months, n as i32);
    }

    #[test]
    fn working_days_land_on_working_days_and_grow(date in any_date(), n in 1u32..80) {
        let cal = &catalog().calendar;
        let r = cal.add_working_days(date, n);
        prop_assert!(r.date > date);
        prop_assert!(cal.is_working_day(r.date).0);
        prop_assert!(cal.add_working_days(date, n + 1).date > r.date);
    }
}
