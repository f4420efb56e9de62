//! The hand-off code and the message text in the app (kittest): 输入清单码 on the start screen
//! opens a new case, the code shows under the checklist, 复制文字 puts the message on the
//! clipboard.

use crate::common;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use yibao_checklist::catalog::Catalog;
use yibao_checklist::engine::Answers;
use yibao_checklist::gui::{App, AppConfig, Screen};

fn app_on(dir: &Path) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let today = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .build_eframe(move |cc| App::new(cc, AppConfig::headless(dir, today)));
    h.run();
    h
}

fn claim() -> Answers {
    common::shanghai_claim()
}

fn type_code(h: &mut Harness<'_, App>, code: &str) {
    h.get_by_role_and_label(Role::TextInput, "输入清单码")
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "输入清单码")
        .type_text(code);
    h.run();
    h.get_by_role_and_label(Role::Button, "打开").click();
    h.run();
}

#[test]
fn a_code_typed_on_the_start_screen_opens_the_same_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_on(dir.path());
    assert_eq!(h.state().state.screen, Screen::Welcome);
    let code = yibao_checklist::handoff::encode(&crate::common::code_tables(), &claim()).unwrap();

    // A typo: explained, nothing opened.
    let mut typo: Vec<char> = code.chars().collect();
    typo[1] = if typo[1] == 'A' { 'B' } else { 'A' };
    let typo: String = typo.into_iter().collect();
    type_code(&mut h, &typo);
    assert_eq!(h.state().state.screen, Screen::Welcome);
    assert!(h.state().state.cases.is_empty());
    h.get_by_label_contains("清单码对不上");
    // Enter in the field tries the code; it does not also start a new case (Enter's meaning
    // on the start screen when nothing has the keyboard).
    h.get_by_role_and_label(Role::TextInput, "输入清单码")
        .focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().state.screen, Screen::Welcome);
    assert!(h.state().state.cases.is_empty());
    h.get_by_label_contains("清单码对不上");

    // The right code, in lower case: a new case with exactly these answers, on its checklist.
    type_code(&mut h, &code.to_lowercase());
    assert_eq!(h.state().state.screen, Screen::Checklist);
    let cases = &h.state().state.cases;
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].answers, claim());
    assert!(h.state().ui.code_error.is_none());
    // The checklist shows the code it was opened with (the new case is named after it too).
    let shown = format!("清单码 {code}");
    assert_eq!(cases[0].label, shown);
    assert!(
        h.query_all_by_label(&shown).count() >= 2,
        "the case's name and the code line"
    );
    h.get_by_label("在本程序中输入清单码，可在其他电脑上继续。");

    // 复制文字: the message text goes to the clipboard.
    h.get_by_role_and_label(Role::Button, "复制文字").click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied.len(), 1, "one copy");
    let text = &copied[0];
    assert!(text.contains("【需要准备的材料】"), "{text}");
    assert!(text.contains("☐ "));
    assert!(
        text.trim_end().ends_with(&format!("清单码：{code}")),
        "{text}"
    );
    let catalog = Catalog::bundled().unwrap();
    assert!(
        !catalog
            .sources
            .iter()
            .any(|s| text.contains(s.title.as_str()))
    );
    h.run();
    h.get_by_label_contains("已复制");
}

#[test]
fn the_calendar_button_saves_an_ics_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_on(dir.path());
    let code = yibao_checklist::handoff::encode(&crate::common::code_tables(), &claim()).unwrap();
    type_code(&mut h, &code);
    assert_eq!(h.state().state.screen, Screen::Checklist);
    h.get_by_role_and_label(Role::Button, "日历").click();
    h.run();
    h.run();
    // No file dialog in tests: the file goes to the export folder, and the app says where.
    let exports = dir.path().join("exports");
    let files: Vec<_> = std::fs::read_dir(&exports)
        .expect("export folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ics"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let cal: icalendar::Calendar = text.parse().unwrap();
    assert!(cal.events().count() >= 1);
    let id = h.state().state.cases[0].id.clone();
    assert!(text.contains(&format!("UID:{id}-")));
}

/// An override with a new notice under a saved case: the app shows it once, until 知道了, and
/// `recheck` then has nothing new either (the app recorded it as shown).
#[test]
fn a_data_change_under_a_saved_case_is_shown_once() {
    use yibao_checklist::cases::{Case, Store};
    use yibao_checklist::catalog::CatalogFile;
    let dir = tempfile::tempdir().unwrap();
    let mut case = Case::new("妈妈住院");
    case.answers = claim();
    case.set_done("id_card", true);
    {
        let (store, _) = Store::open(&dir.path().join("cases")).unwrap();
        store.save(&case).unwrap();
    }
    // First start: the baseline is recorded, nothing to show.
    {
        let h = app_on(dir.path());
        assert!(h.state().ui.changes.is_empty());
        assert!(h.query_by_label("数据更新后，您的清单有变化").is_none());
    }
    assert!(yibao_checklist::recheck::seen_path(&dir.path().join("cases"), &case.id).is_file());

    // The user's overrides add a warning that applies to this case.
    let bundled = Catalog::bundled().unwrap();
    let d =
        yibao_checklist::engine::derive(&bundled, &claim(), "2026-02-01".parse().unwrap()).unwrap();
    let mut n = bundled
        .notices
        .iter()
        .find(|n| n.id == d.notices[0].id)
        .unwrap()
        .clone();
    n.id = "gui_recheck_new".into();
    n.title.zh = "测试：本院新增的提醒".into();
    let text = ron::ser::to_string_pretty(
        &CatalogFile {
            notices: vec![n],
            ..Default::default()
        },
        ron::ser::PrettyConfig::default(),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("checklists")).unwrap();
    std::fs::write(dir.path().join("checklists/local.ron"), text).unwrap();

    {
        let mut h = app_on(dir.path());
        h.get_by_label("数据更新后，您的清单有变化");
        h.get_by_label("+ 新增：测试：本院新增的提醒");
        // The app works meanwhile; opening the case's checklist does not swallow the news.
        let id = case.id.clone();
        h.state_mut().state.select(&id);
        h.run();
        assert_eq!(h.state().state.screen, Screen::Checklist);
        h.get_by_label("数据更新后，您的清单有变化");
        h.get_by_role_and_label(Role::Button, "知道了").click();
        h.run();
        assert!(h.query_by_label("数据更新后，您的清单有变化").is_none());
        // Ticks are kept.
        assert!(h.state().state.cases[0].is_done("id_card"));
    }
    // Shown once: not on the next start, and not by `recheck`.
    {
        let h = app_on(dir.path());
        assert!(h.query_by_label("数据更新后，您的清单有变化").is_none());
    }
    let out = assert_cmd::Command::cargo_bin("yibao-checklist")
        .unwrap()
        .env("YIBAO_CHECKLIST_DATA_DIR", dir.path())
        .args(["recheck", "--today", "2026-02-01"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("没有变化"), "{out}");
}
