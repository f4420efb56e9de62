//! A committed regression artefact for every reachable combination of the main questions
//! (tests/snapshots/), so any data change shows up in review. Accept intended changes with
//! `INSTA_UPDATE=always cargo test --test regression` and review the diff.

use yibao_checklist::catalog::{Catalog, Lang};
use yibao_checklist::cli::derivation_text;
use yibao_checklist::engine::{Answers, derive, enumerate_answer_sets};

const AXES: &[&str] = &[
    "scenario",
    "visit",
    "emergency",
    "filed",
    "settlement",
    "channel",
    "filing_type",
];

/// Fixed dates so every artefact shows real deadline dates.
const DATES: &[(&str, &str)] = &[
    ("filing_date", "2026-01-05"),
    ("admission_date", "2026-01-02"),
    ("discharge_date", "2026-01-10"),
    ("visit_date", "2026-01-10"),
    ("invoice_date", "2026-01-10"),
    ("submitted_date", "2026-01-12"),
];

fn with_dates(catalog: &Catalog, answers: &Answers) -> Answers {
    let mut a = answers.clone();
    for (q, d) in DATES {
        if catalog.question(q).is_some_and(|q| q.ask_when.eval(&a)) {
            a.set(*q, *d);
        }
    }
    a
}

#[test]
fn every_reachable_combination_matches_its_artefact() {
    let catalog = Catalog::bundled().expect("bundled data is valid");
    let today = "2026-02-01".parse().unwrap();
    let sets = enumerate_answer_sets(&catalog, Some(AXES));
    assert!(sets.len() >= 60, "only {} combinations", sets.len());
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let mut names = std::collections::BTreeSet::new();
    settings.bind(|| {
        for answers in &sets {
            let answers = with_dates(&catalog, answers);
            let d = derive(&catalog, &answers, today).expect("derives");
            assert!(d.is_complete(), "{answers:?}");
            assert!(
                !d.materials.is_empty() && !d.steps.is_empty(),
                "empty checklist for {answers:?}"
            );
            let name: Vec<String> = AXES
                .iter()
                .filter_map(|q| answers.get(q).map(|v| format!("{q}={v}")))
                .collect();
            let name = name.join(",").replace('=', "-").replace(',', "__");
            insta::assert_snapshot!(name.clone(), derivation_text(&d, Lang::Zh));
            names.insert(format!("{name}.snap"));
        }
    });
    // An artefact for a combination that is no longer reachable is stale: review and delete it.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let stale: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/snapshots")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".snap") && !names.contains(f))
        .collect();
    assert!(
        stale.is_empty(),
        "stale artefacts in {}: {stale:?}",
        dir.display()
    );
}
