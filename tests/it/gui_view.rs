//! The checklist screen renders the view: for every artefact answer set, the section headings on
//! screen are the view's titles, in the view's order (the terminal text and the full sheet are
//! checked against the same titles in tests/regression.rs).

use crate::common;

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yibao_checklist::cases::{Case, SCHEMA_VERSION};
use yibao_checklist::catalog::{Catalog, Lang};
use yibao_checklist::engine::{Answers, derive};
use yibao_checklist::gui::{App, AppConfig, Screen, Settings};
use yibao_checklist::view::caselist::Urgency;
use yibao_checklist::view::strings::urgency_count;
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
        status: Default::default(),
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
    let answers = common::typical_claim("2026-01-02", "2026-01-10");
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

fn exported_pdfs(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir.join("exports"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// The front desk: from the start screen, 常用情形 then 打印 on a situation: two clicks to a
/// sheet with the typed name (here no print service, so it is saved and the message says so).
#[test]
fn front_desk_prints_a_quick_sheet_in_two_clicks() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Lang::Zh, egui::vec2(1100.0, 900.0), 1.0);
    h.get_by_label("常用情形（前台快速打印）").click();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Quick);
    let field = || egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(field(), "患者姓名").focus();
    h.run();
    h.get_by_role_and_label(field(), "患者姓名")
        .type_text("王小明");
    h.run();
    h.get_by_label("打印：本地手工报销-窗口办理").click();
    h.run();
    let pdfs = exported_pdfs(dir.path());
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    let name = pdfs[0].file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("王小明-本地手工报销-窗口办理"), "{name}");
    assert!(
        h.query_all_by_label_contains("没有打印出来")
            .next()
            .is_some(),
        "the message says it was not printed and where the PDF is"
    );
}

/// Keyboard only, from launch to a printed quick sheet: at most 15 keys.
#[test]
fn keyboard_path_to_a_quick_sheet_takes_at_most_15_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Lang::Zh, egui::vec2(1100.0, 900.0), 1.0);
    let none = egui::Modifiers::NONE;
    let mut keys = 0;
    // Tab from the focused "start a case" button to 常用情形, Enter.
    for key in [egui::Key::Tab, egui::Key::Enter] {
        press(&mut h, none, key);
        keys += 1;
    }
    assert_eq!(h.state().state.screen, Screen::Quick, "after {keys} keys");
    // The second situation (本地手工报销-线上办理): Down, Enter.
    for key in [egui::Key::ArrowDown, egui::Key::Enter] {
        press(&mut h, none, key);
        keys += 1;
    }
    let pdfs = exported_pdfs(dir.path());
    assert_eq!(pdfs.len(), 1, "printed after {keys} keys: {pdfs:?}");
    let name = pdfs[0].file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("本地手工报销-线上办理"), "{name}");
    assert!(keys <= 15);
}

/// One click skips every optional date that follows (each cost a click before).
#[test]
fn one_click_skips_the_optional_dates() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Lang::Zh, egui::vec2(1100.0, 900.0), 1.0);
    let mut answers = Answers::new();
    for (q, v) in [
        ("scenario", "local"),
        ("region", "national"),
        ("insurance", "employee"),
        ("visit", "inpatient"),
        ("emergency", "no"),
        ("settlement", "manual"),
        ("channel", "window"),
        ("proxy", "no"),
        ("third_party", "no"),
        ("special_drugs", "no"),
    ] {
        answers.set(q, v);
    }
    open(&mut h, 0, &answers);
    let catalog = h.state().state.catalog.clone();
    let dates: Vec<String> = h
        .state()
        .state
        .asked()
        .iter()
        .filter(|q| q.kind == yibao_checklist::catalog::QuestionKind::Date)
        .map(|q| q.id.clone())
        .collect();
    assert!(dates.len() >= 2, "{dates:?}");
    assert!(dates.iter().all(|d| !catalog.question(d).unwrap().required));
    h.state_mut().state.goto_question(&dates[0], false);
    h.run();
    assert_eq!(h.state().state.screen, Screen::Wizard);
    h.get_by_label("跳过所有可选日期").click();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Review);
    let case = h.state().state.current_case().unwrap().clone();
    assert!(dates.iter().all(|d| case.answers.get(d).is_none()));
}

/// The case list is one tab stop; Down and Up move the open case within it.
#[test]
fn the_case_list_is_one_tab_stop_moved_with_arrows() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Lang::Zh, egui::vec2(1100.0, 900.0), 1.0);
    let catalog = Catalog::bundled().unwrap();
    let a = common::artefact_sets(&catalog).remove(0);
    for n in 0..3 {
        open(&mut h, n, &a);
    }
    // In name order the list reads 案例 0, 案例 1, 案例 2 (the default order puts the same
    // deadlines by last change, which may fall in one second).
    h.state_mut().ui.list.sort = yibao_checklist::view::caselist::SortBy::Name;
    let open_label = |h: &Harness<'_, App>| h.state().state.current_case().unwrap().label.clone();
    h.state_mut().state.select("case-0");
    h.run();
    assert_eq!(open_label(&h), "案例 0");
    let button = egui::accesskit::Role::Button;
    h.get_by_role_and_label(button, "案例 0").focus();
    h.run();
    press(&mut h, egui::Modifiers::NONE, egui::Key::ArrowDown);
    assert_eq!(open_label(&h), "案例 1");
    press(&mut h, egui::Modifiers::NONE, egui::Key::ArrowDown);
    assert_eq!(open_label(&h), "案例 2");
    press(&mut h, egui::Modifiers::NONE, egui::Key::ArrowUp);
    assert_eq!(open_label(&h), "案例 1");
    // Only the open case's row takes the keyboard: Tab from it leaves the list.
    press(&mut h, egui::Modifiers::NONE, egui::Key::Tab);
    assert!(h.ctx.memory(|m| m.focused()).is_some());
    for other in ["案例 0", "案例 2"] {
        assert!(
            !h.get_by_role_and_label(button, other)
                .accesskit_node()
                .is_focused(),
            "Tab went to {other}"
        );
    }
}

/// A manual inpatient claim discharged 20 days before "today": its 30-day deadline is 10 days
/// away.
fn due_in_ten_days(catalog: &Catalog, name: &str) -> Case {
    let mut a = common::artefact_sets(catalog)
        .into_iter()
        .find(|a| a.get("visit") == Some("inpatient") && a.get("settlement") == Some("manual"))
        .unwrap();
    a.set("discharge_date", "2026-01-12");
    a.set("admission_date", "2026-01-05");
    a.set("invoice_date", "2026-01-12");
    let mut case = Case::new(name);
    case.answers = a;
    case
}

/// On start-up, one calm summary lists the cases with a deadline overdue, today or within 14
/// days; it opens a case, and it can be dismissed for the day.
#[test]
fn deadlines_due_across_cases_are_summed_up_and_can_be_dismissed_for_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = Catalog::bundled().unwrap();
    let store_dir = dir.path().join("cases");
    let (store, _) = yibao_checklist::cases::Store::open(&store_dir).unwrap();
    store
        .save(&due_in_ten_days(&catalog, "张阿姨住院"))
        .unwrap();
    let mut far = Case::new("李叔叔门诊");
    far.answers = common::artefact_sets(&catalog).remove(0);
    far.answers.0.retain(|q, _| !q.ends_with("_date"));
    store.save(&far).unwrap();
    drop(store);
    let mut h = harness(dir.path(), Lang::Zh, egui::vec2(1100.0, 900.0), 1.0);
    assert!(h.query_by_label_contains("近期要办的期限").is_some());
    assert!(h.query_by_label_contains("张阿姨住院：截止").is_some());
    assert!(h.query_by_label_contains("李叔叔门诊：截止").is_none());
    h.get_by_label("打开：张阿姨住院").click();
    h.run();
    assert_eq!(h.state().state.current_case().unwrap().label, "张阿姨住院");
    // Its own checklist says it now: the panel leaves it out (and has nothing else to say).
    assert!(h.query_by_label_contains("近期要办的期限").is_none());
    h.state_mut().state.current = None;
    h.state_mut().state.screen = Screen::Welcome;
    h.run();
    h.get_by_label("今天不再提醒").click();
    h.run();
    assert!(h.query_by_label_contains("近期要办的期限").is_none());
    assert_eq!(h.state().state.settings.due_dismissed, Some(today()));
}

/// The summary is worked out once and kept while nothing changes: a case marked submitted from
/// its checklist has left it when the family comes back to the start page.
#[test]
fn a_case_marked_submitted_leaves_the_due_summary() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = Catalog::bundled().unwrap();
    let (store, _) = yibao_checklist::cases::Store::open(&dir.path().join("cases")).unwrap();
    for name in ["张阿姨住院", "王伯伯住院"] {
        store.save(&due_in_ten_days(&catalog, name)).unwrap();
    }
    drop(store);
    let mut h = harness(dir.path(), Lang::Zh, egui::vec2(1100.0, 900.0), 1.0);
    // Both ten days away: "8–14 天内（2）".
    let soon = |n| urgency_count(Lang::Zh, Urgency::Soon, n);
    assert!(h.query_by_label(&soon(2)).is_some());
    assert!(h.query_by_label_contains("张阿姨住院：截止").is_some());
    assert!(h.query_by_label_contains("王伯伯住院：截止").is_some());
    h.get_by_label("打开：张阿姨住院").click();
    h.run();
    h.get_by_label("标为已提交").click();
    h.run();
    h.get_by_label("首页").click();
    h.run();
    assert!(h.query_by_label(&soon(1)).is_some());
    assert!(h.query_by_label_contains("张阿姨住院：截止").is_none());
    assert!(h.query_by_label_contains("王伯伯住院：截止").is_some());
}
