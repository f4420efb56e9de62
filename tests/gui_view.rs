//! The checklist screen renders the view: for every artefact answer set, the section headings on
//! screen are the view's titles, in the view's order (the terminal text and the full sheet are
//! checked against the same titles in tests/regression.rs).

mod common;

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use yibao_checklist::cases::{Case, SCHEMA_VERSION};
use yibao_checklist::catalog::{Catalog, Lang};
use yibao_checklist::engine::{Answers, derive};
use yibao_checklist::gui::{App, AppConfig, Screen, Settings};
use yibao_checklist::view::{self, ViewInput};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
}

fn harness(
    dir: &std::path::Path,
    lang: Lang,
    size: egui::Vec2,
    zoom: f32,
) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let mut config = AppConfig::headless(dir, today());
    config.settings = Some(Settings {
        lang,
        zoom,
        ..Settings::default()
    });
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| App::new(cc, config));
    h.run();
    h
}

fn open(h: &mut Harness<'_, App>, n: usize, answers: &Answers) {
    let case = Case {
        schema: SCHEMA_VERSION,
        id: format!("case-{n}"),
        label: format!("案例 {n}"),
        created: String::new(),
        updated: String::new(),
        answers: answers.clone(),
        items: Default::default(),
    };
    h.state_mut().state.add_imported(case);
    h.run();
    assert_eq!(h.state().state.screen, Screen::Checklist, "{answers:?}");
}

/// The top edge of the first label with exactly this text.
fn label_top(h: &Harness<'_, App>, text: &str) -> Option<f32> {
    h.query_all_by_label(text)
        .map(|n| n.rect().top())
        .reduce(f32::min)
}

#[test]
fn every_artefact_set_shows_the_views_sections_in_order() {
    let catalog = Catalog::bundled().expect("bundled data");
    let sets = common::artefact_sets(&catalog);
    for lang in [Lang::Zh, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(dir.path(), lang, egui::vec2(1100.0, 900.0), 1.0);
        for (n, answers) in sets.iter().enumerate() {
            open(&mut h, n, answers);
            let d = derive(&catalog, answers, today()).expect("derives");
            let v = view::build(
                &catalog,
                &d,
                &ViewInput {
                    lang,
                    ..Default::default()
                },
            );
            let mut last = f32::MIN;
            for title in v.titles() {
                let top = label_top(&h, title)
                    .unwrap_or_else(|| panic!("{lang:?}: heading {title} missing for {answers:?}"));
                assert!(top > last, "{lang:?}: {title} out of order for {answers:?}");
                last = top;
            }
        }
    }
}

/// At 1366×768 the summary's headline is on screen without scrolling, at 100 % and at 200 %.
#[test]
fn the_summary_is_visible_without_scrolling_at_100_and_200_percent() {
    let catalog = Catalog::bundled().expect("bundled data");
    let mut answers = Answers::new();
    for (q, v) in [
        ("scenario", "cross_region"),
        ("region", "national"),
        ("insurance", "employee"),
        ("visit", "inpatient"),
        ("emergency", "yes"),
        ("filed", "no"),
        ("settlement", "manual"),
        ("channel", "window"),
        ("proxy", "yes"),
        ("third_party", "no"),
        ("admission_date", "2026-01-02"),
        ("discharge_date", "2026-01-10"),
    ] {
        answers.set(q, v);
    }
    let d = derive(&catalog, &answers, today()).unwrap();
    for zoom in [1.0, 2.0] {
        for lang in [Lang::Zh, Lang::En] {
            let dir = tempfile::tempdir().unwrap();
            // The window in points: 1366×768 pixels at this text size.
            let size = egui::vec2(1366.0, 768.0) / zoom;
            let mut h = harness(dir.path(), lang, size, zoom);
            open(&mut h, 0, &answers);
            let v = view::build(
                &catalog,
                &d,
                &ViewInput {
                    lang,
                    ..Default::default()
                },
            );
            let summary = v.summary().unwrap();
            let screen = h.ctx.content_rect();
            for text in [v.sections[0].title.as_str(), summary.headline.as_str()] {
                let top = label_top(&h, text).unwrap_or_else(|| panic!("{text} missing"));
                assert!(
                    top >= screen.top() && top + 10.0 < screen.bottom(),
                    "{lang:?} at {zoom}: \"{text}\" at y={top}, screen {screen:?}"
                );
            }
        }
    }
}

fn press(h: &mut Harness<'_, App>, modifiers: egui::Modifiers, key: egui::Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// Keyboard only: Ctrl+N opens a new case on its first question with the first option focused;
/// arrows pick, Enter goes on, Esc goes back; Enter on the review opens the checklist; Ctrl+P
/// prints it.
#[test]
fn keyboard_only_from_a_new_case_to_a_printed_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Lang::Zh, egui::vec2(1100.0, 900.0), 1.0);
    let none = egui::Modifiers::NONE;
    press(&mut h, egui::Modifiers::COMMAND, egui::Key::N);
    assert_eq!(h.state().state.screen, Screen::Wizard);
    let first = h.state().state.wizard.question.clone();
    assert_eq!(first, "scenario");
    // Enter takes the focused first option and goes on.
    press(&mut h, none, egui::Key::Enter);
    let second = h.state().state.wizard.question.clone();
    assert_ne!(second, first, "Enter went on");
    let case = h.state().state.current_case().unwrap().clone();
    assert_eq!(case.answers.get("scenario"), Some("filing"));
    // Esc goes back, with the answer kept.
    press(&mut h, none, egui::Key::Escape);
    assert_eq!(h.state().state.wizard.question, first);
    // Down arrow moves to the next option; Enter takes it.
    press(&mut h, none, egui::Key::ArrowDown);
    press(&mut h, none, egui::Key::Enter);
    let case = h.state().state.current_case().unwrap().clone();
    assert_eq!(
        case.answers.get("scenario"),
        Some("cross_region"),
        "{case:?}"
    );
    // Enter through the rest: first options, dates skipped where optional.
    let mut keys = 4;
    while h.state().state.screen == Screen::Wizard && keys < 60 {
        press(&mut h, none, egui::Key::Enter);
        keys += 1;
    }
    assert_eq!(h.state().state.screen, Screen::Review, "after {keys} keys");
    press(&mut h, none, egui::Key::Enter);
    assert_eq!(h.state().state.screen, Screen::Checklist);
    press(&mut h, egui::Modifiers::COMMAND, egui::Key::P);
    let pdfs: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
        .map(|d| d.filter_map(|e| e.ok()).collect())
        .unwrap_or_default();
    assert_eq!(pdfs.len(), 1, "Ctrl+P wrote the sheet");
}
