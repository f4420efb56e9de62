//! A committed regression artefact for every reachable combination of the main questions
//! (tests/snapshots/): the checklist view as JSON, so any content change shows up in review while
//! a cosmetic change to a renderer does not. Accept intended changes with
//! `INSTA_UPDATE=always cargo test --test regression` and review the diff.
//!
//! For the same answer sets, the screen's renderers must agree: the section titles of the view
//! appear, in the same order, in the terminal text and on the full printed sheet.

use yibao_checklist::catalog::{Catalog, Lang};
use yibao_checklist::cli::text::view_text;
use yibao_checklist::engine::{derive, enumerate_answer_sets};
use yibao_checklist::pdf::{SheetOptions, render_view};
use yibao_checklist::view::{self, ViewInput};

use crate::common;
use common::{AXES, with_dates};

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
            let v = view::build(&catalog, &d, &ViewInput::default());
            insta::assert_json_snapshot!(name.clone(), v);
            names.insert(format!("{name}.snap"));
        }
    });
    // An artefact for a combination that is no longer reachable is stale: review and delete it.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots");
    let stale: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/it/snapshots")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".snap") && !names.contains(f))
        .collect();
    assert!(
        stale.is_empty(),
        "stale artefacts in {}: {stale:?}",
        dir.display()
    );
}

/// The text between "== " and " ==" on each heading line of the terminal text.
fn terminal_titles(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            l.strip_prefix("== ")?
                .strip_suffix(" ==")
                .map(str::to_string)
        })
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks that `titles` occur in `text` in this order.
fn in_order(text: &str, titles: &[&str]) -> Result<(), String> {
    let mut from = 0;
    for t in titles {
        let t = squeeze(t);
        match text[from..].find(&t) {
            Some(i) => from += i + t.len(),
            None => return Err(format!("\"{t}\" missing or out of order")),
        }
    }
    Ok(())
}

#[test]
fn screen_terminal_and_full_sheet_show_the_same_sections_in_the_same_order() {
    let catalog = Catalog::bundled().expect("bundled data is valid");
    let today = "2026-02-01".parse().unwrap();
    for answers in enumerate_answer_sets(&catalog, Some(AXES)) {
        let answers = with_dates(&catalog, &answers);
        let d = derive(&catalog, &answers, today).expect("derives");
        for lang in [Lang::Zh, Lang::En] {
            let v = view::build(
                &catalog,
                &d,
                &ViewInput {
                    lang,
                    ..Default::default()
                },
            );
            let titles = v.titles();
            assert_eq!(titles[0], v.sections[0].title);
            assert_eq!(
                terminal_titles(&view_text(&v)),
                titles,
                "terminal, {lang:?}, {answers:?}"
            );
            let pdf = render_view(
                &v,
                &SheetOptions {
                    full: true,
                    ..Default::default()
                },
            )
            .expect("renders");
            let doc = lopdf::Document::load_mem(&pdf).expect("parses");
            let pages: Vec<u32> = (1..=doc.get_pages().len() as u32).collect();
            let text = squeeze(&doc.extract_text(&pages).expect("text"));
            if let Err(e) = in_order(&text, &titles) {
                panic!("full sheet, {lang:?}, {answers:?}: {e}");
            }
        }
    }
}
