//! The desktop app driven like a person would: the real `App` in an egui_kittest harness, with
//! the bundled font installed as in the app (so a character the font lacks panics), widgets found
//! by their AccessKit labels.

use chrono::NaiveDate;
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;
use yibao_checklist::cases::{Case, Store};
use yibao_checklist::catalog::QuestionKind;
use yibao_checklist::engine;
use yibao_checklist::gui::{App, AppConfig, Screen};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 20).unwrap()
}

fn app_on(dir: &Path) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .build_eframe(move |cc| App::new(cc, AppConfig::headless(dir, today())));
    h.run();
    h
}

/// Clicks the one widget with this role and label: with the pointer when it is on screen, else
/// through AccessKit (what a screen reader does), e.g. for items further down a long list.
fn click_role(h: &mut Harness<'_, App>, role: Role, label: &str) {
    {
        let node = h.get_by_role_and_label(role, label);
        let r = node.rect();
        let screen = h.ctx.content_rect();
        if screen.contains_rect(r) && r.width() > 0.0 {
            node.click();
        } else {
            node.click_accesskit();
        }
    }
    h.run();
}

fn click_button(h: &mut Harness<'_, App>, label: &str) {
    click_role(h, Role::Button, label);
}

fn screen(h: &Harness<'_, App>) -> Screen {
    h.state().state.screen.clone()
}

fn question(h: &Harness<'_, App>) -> String {
    h.state().state.wizard.question.clone()
}

/// The accessible name of the date field on screen: the question's prompt, which labels it.
fn date_field(h: &Harness<'_, App>) -> String {
    let qid = question(h);
    let q = h.state().state.catalog.question(&qid).unwrap().clone();
    let mut prompt = q.prompt.zh.to_string();
    if !q.required {
        prompt.push_str("（可以不填）");
    }
    prompt
}

/// Types into the date field of the question on screen (found by the question's prompt).
fn type_date(h: &mut Harness<'_, App>, text: &str) {
    let prompt = date_field(h);
    h.get_by_role_and_label(Role::TextInput, &prompt).focus();
    h.run();
    // Select what is there (a saved date) and type over it.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, &prompt)
        .type_text(text);
    h.run();
}

/// Answers the wizard from "question id = option id / date" pairs, clicking the option labels
/// and "下一题". Unlisted questions get their first option; unlisted dates are skipped.
fn answer_all(h: &mut Harness<'_, App>, answers: &[(&str, &str)]) {
    for _ in 0..60 {
        if screen(h) != Screen::Wizard {
            return;
        }
        let qid = question(h);
        let q = h
            .state()
            .state
            .catalog
            .question(&qid)
            .expect("question on screen exists")
            .clone();
        let want = answers
            .iter()
            .find(|(k, _)| *k == qid)
            .map(|(_, v)| v.to_string());
        match q.kind {
            QuestionKind::Choice => {
                let opt = want.unwrap_or_else(|| q.options[0].id.clone());
                let label = q
                    .options
                    .iter()
                    .find(|o| o.id == opt)
                    .unwrap_or_else(|| panic!("{qid} has no option {opt}"))
                    .label
                    .zh
                    .clone();
                click_role(h, Role::RadioButton, &label);
                click_button(h, "下一题");
            }
            QuestionKind::Date => match want {
                Some(date) => {
                    type_date(h, &date);
                    click_button(h, "下一题");
                }
                None => click_button(h, "跳过"),
            },
        }
        assert!(
            screen(h) != Screen::Wizard || question(h) != qid,
            "the wizard did not move on from {qid}"
        );
    }
    panic!("the wizard never ended");
}

fn new_case(h: &mut Harness<'_, App>) {
    click_button(h, "新建");
    assert_eq!(screen(h), Screen::Wizard);
}

fn to_checklist(h: &mut Harness<'_, App>) {
    assert_eq!(
        screen(h),
        Screen::Review,
        "the review page follows the last question"
    );
    assert!(h.query_by_label("核对您的回答").is_some());
    click_button(h, "查看材料清单");
    assert_eq!(screen(h), Screen::Checklist);
}

/// Labels of the tick boxes on screen.
fn ticks(h: &Harness<'_, App>) -> Vec<(String, bool)> {
    h.get_all_by_role(Role::CheckBox)
        .map(|n| {
            (
                n.accesskit_node().label().unwrap_or_default(),
                n.accesskit_node().toggled() == Some(Toggled::True),
            )
        })
        .collect()
}

fn tick_containing(h: &Harness<'_, App>, part: &str) -> Option<(String, bool)> {
    ticks(h).into_iter().find(|(l, _)| l.contains(part))
}

const CROSS_REGION_EMERGENCY: &[(&str, &str)] = &[
    ("scenario", "cross_region"),
    ("region", "national"),
    ("insurance", "employee"),
    ("visit", "inpatient"),
    ("emergency", "yes"),
    ("filed", "no"),
    ("settlement", "manual"),
    ("channel", "window"),
    ("proxy", "no"),
    ("third_party", "no"),
    ("admission_date", "2025-03-28"),
    ("discharge_date", "2025-04-08"),
    ("invoice_date", "2025-04-08"),
];

#[test]
fn cross_region_emergency_inpatient_manual_claim() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    assert!(h.query_by_label("欢迎使用医保报销材料清单助手").is_some());
    new_case(&mut h);
    assert!(h.query_by_label("第 1 题").is_some(), "progress indicator");
    answer_all(&mut h, CROSS_REGION_EMERGENCY);
    to_checklist(&mut h);

    // Emergency materials are listed.
    let emergency =
        tick_containing(&h, "急诊").expect("an emergency (急诊) material on the checklist");
    assert!(!emergency.1, "nothing ticked yet");

    // The deadline is shown as a date, as the engine computes it.
    let case = h.state().state.current_case().unwrap().clone();
    let d = engine::derive(&h.state().state.catalog, &case.answers, today()).unwrap();
    let (_, v) = d
        .next_deadline()
        .expect("the claim has a deadline with a date");
    let date = v.date.unwrap().to_string();
    assert!(
        h.query_all_by_label_contains(&date).next().is_some(),
        "deadline date {date} shown"
    );
    assert!(
        h.query_by_label_contains("已准备 0 / ").is_some(),
        "overall progress"
    );
}

#[test]
fn retiree_filing_lists_household_register() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    new_case(&mut h);
    answer_all(
        &mut h,
        &[
            ("scenario", "filing"),
            ("region", "national"),
            ("insurance", "employee"),
            ("filing_type", "retiree"),
            ("channel", "window"),
            ("proxy", "no"),
        ],
    );
    to_checklist(&mut h);
    assert!(
        tick_containing(&h, "户口簿").is_some(),
        "户口簿 material for a retiree: {:?}",
        ticks(&h)
    );
    assert!(tick_containing(&h, "急诊").is_none());
}

#[test]
fn local_outpatient_online_claim() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    new_case(&mut h);
    answer_all(
        &mut h,
        &[
            ("scenario", "local"),
            ("region", "national"),
            ("insurance", "resident"),
            ("visit", "outpatient"),
            ("emergency", "no"),
            ("settlement", "manual"),
            ("channel", "online"),
            ("proxy", "no"),
            ("third_party", "no"),
            ("special_drugs", "no"),
            ("visit_date", "2025-04-15"),
        ],
    );
    to_checklist(&mut h);
    let all = ticks(&h);
    assert!(all.len() >= 3, "materials and steps to tick: {all:?}");
    assert!(
        tick_containing(&h, "急诊证明").is_none(),
        "no emergency certificate: {all:?}"
    );
    assert!(tick_containing(&h, "户口簿").is_none());
    // Online: photos are uploaded.
    assert!(
        h.query_all_by_label("拍照/扫描上传").next().is_some(),
        "online claims upload photos"
    );
}

#[test]
fn changing_an_answer_keeps_ticks_and_survives_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let label;
    {
        let mut h = app_on(tmp.path());
        new_case(&mut h);
        answer_all(&mut h, CROSS_REGION_EMERGENCY);
        to_checklist(&mut h);
        let (id_card, _) = tick_containing(&h, "身份证").expect("an ID card material");
        let (emergency, _) = tick_containing(&h, "急诊").expect("an emergency material");
        click_role(&mut h, Role::CheckBox, &id_card);
        click_role(&mut h, Role::CheckBox, &emergency);
        assert_eq!(tick_containing(&h, &id_card), Some((id_card.clone(), true)));
        assert!(h.query_by_label_contains("已准备 2 / ").is_some());

        // Back to the review page, change "emergency" to no.
        click_button(&mut h, "修改回答");
        assert_eq!(screen(&h), Screen::Review);
        click_button(&mut h, "修改：急诊");
        assert_eq!(question(&h), "emergency");
        click_role(&mut h, Role::RadioButton, "否，普通就医");
        click_button(&mut h, "下一题");
        assert_eq!(
            screen(&h),
            Screen::Review,
            "nothing new to ask: back to the review"
        );
        click_button(&mut h, "查看材料清单");

        // The ID card is still ticked; the emergency item is kept under "no longer needed".
        assert_eq!(tick_containing(&h, &id_card), Some((id_card.clone(), true)));
        assert!(
            h.query_by_label("不再需要的项目").is_some(),
            "stale ticks are listed"
        );
        let case = h.state().state.current_case().unwrap();
        assert_eq!(
            case.answers.get("admission_date"),
            Some("2025-03-28"),
            "other answers kept"
        );
        assert_eq!(
            case.items.values().filter(|s| s.done).count(),
            2,
            "no tick was dropped"
        );
        label = case.label.clone();
    } // The harness and the app are dropped: the window is closed.

    let mut h = app_on(tmp.path());
    click_role(&mut h, Role::Button, &label);
    assert_eq!(screen(&h), Screen::Checklist);
    let ticked: Vec<String> = ticks(&h)
        .into_iter()
        .filter(|(_, d)| *d)
        .map(|(l, _)| l)
        .collect();
    assert_eq!(
        ticked.len(),
        2,
        "both ticks came back after the restart: {ticked:?}"
    );
    assert!(ticked.iter().any(|l| l.contains("身份证")));
}

#[test]
fn an_invalid_date_is_explained_and_does_not_advance() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    new_case(&mut h);
    // Answer up to the admission date.
    let upto: Vec<(&str, &str)> = CROSS_REGION_EMERGENCY
        .iter()
        .copied()
        .filter(|(q, _)| !q.ends_with("_date"))
        .collect();
    for _ in 0..30 {
        if question(&h) == "admission_date" {
            break;
        }
        let qid = question(&h);
        // An optional question the script does not answer (the place of treatment) is skipped.
        let Some(opt) = upto.iter().find(|(q, _)| *q == qid).map(|(_, o)| *o) else {
            click_button(&mut h, "跳过");
            assert_ne!(question(&h), qid, "skipping {qid} moves on");
            continue;
        };
        let label = h
            .state()
            .state
            .catalog
            .option_label(&qid, opt)
            .unwrap()
            .zh
            .clone();
        click_role(&mut h, Role::RadioButton, &label);
        click_button(&mut h, "下一题");
    }
    assert_eq!(question(&h), "admission_date");

    type_date(&mut h, "2025-02-30");
    click_button(&mut h, "下一题");
    assert_eq!(question(&h), "admission_date", "did not advance");
    assert!(
        h.query_all_by_label_contains("日历上没有 2025-02-30 这一天")
            .next()
            .is_some(),
        "the error is a sentence"
    );

    type_date(&mut h, "昨天");
    click_button(&mut h, "下一题");
    assert_eq!(question(&h), "admission_date");
    assert!(h.query_all_by_label_contains("不是日期").next().is_some());

    type_date(&mut h, "2031-01-01");
    click_button(&mut h, "下一题");
    assert_eq!(question(&h), "admission_date");
    assert!(h.query_all_by_label_contains("请检查年份").next().is_some());
    assert!(
        h.state()
            .state
            .current_case()
            .unwrap()
            .answers
            .get("admission_date")
            .is_none(),
        "nothing clamped or saved"
    );

    // A discharge before the admission is refused in words too.
    type_date(&mut h, "2025/4/2");
    // Enter moves on, like the button (keyboard use).
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(question(&h), "discharge_date");
    assert_eq!(
        h.state()
            .state
            .current_case()
            .unwrap()
            .answers
            .get("admission_date"),
        Some("2025-04-02"),
        "tidied to ISO"
    );
    type_date(&mut h, "2025-04-01");
    click_button(&mut h, "下一题");
    assert_eq!(question(&h), "discharge_date");
    assert!(h.query_all_by_label_contains("不能早于").next().is_some());

    // Keyboard only: Tab from the date field to "今天", Enter fills in today's date.
    let field = date_field(&h);
    h.get_by_role_and_label(Role::TextInput, &field).focus();
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(
        h.get_by_role_and_label(Role::Button, "今天").is_focused(),
        "Tab reaches the Today button"
    );
    h.key_press(egui::Key::Enter);
    h.run();
    click_button(&mut h, "下一题");
    assert_ne!(question(&h), "discharge_date");
    assert_eq!(
        h.state()
            .state
            .current_case()
            .unwrap()
            .answers
            .get("discharge_date"),
        Some("2025-04-20")
    );
}

#[test]
fn a_corrupt_case_file_is_reported_and_the_others_load() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = tmp.path().join("cases");
    {
        let (store, _) = Store::open(&cases).unwrap();
        let mut good = Case::new("王阿姨 住院");
        good.answers.set("scenario", "local");
        store.save(&good).unwrap();
    }
    std::fs::write(
        cases.join("20250101-000000-deadbeef00.ron"),
        "(schema: 1, id: \"x\", label: 这不是RON",
    )
    .unwrap();

    let h = app_on(tmp.path());
    let banner = h
        .query_all_by_label_contains("20250101-000000-deadbeef00.ron")
        .next()
        .expect("a banner naming the corrupt file");
    assert!(
        banner
            .accesskit_node()
            .value()
            .unwrap_or_default()
            .contains("已损坏"),
        "said in words"
    );
    assert!(
        h.query_by_role_and_label(Role::Button, "王阿姨 住院")
            .is_some(),
        "the other case loaded"
    );
}

#[test]
fn front_desk_new_rename_duplicate_delete_undo_and_search() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    new_case(&mut h);
    click_button(&mut h, "重命名");
    {
        let field = h.get_by_role_and_label(Role::TextInput, "新名称");
        field.focus();
    }
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "新名称")
        .type_text("李大爷");
    h.run();
    click_button(&mut h, "确定");
    assert!(h.query_by_role_and_label(Role::Button, "李大爷").is_some());

    click_button(&mut h, "复制");
    assert!(
        h.query_by_role_and_label(Role::Button, "李大爷（副本）")
            .is_some()
    );
    assert_eq!(h.state().state.cases.len(), 2);

    // Delete the copy, then undo.
    click_button(&mut h, "删除");
    assert_eq!(h.state().state.cases.len(), 1);
    assert!(
        h.query_all_by_label_contains("已删除“李大爷（副本）”")
            .next()
            .is_some()
    );
    click_button(&mut h, "撤销");
    assert_eq!(h.state().state.cases.len(), 2);
    assert!(
        h.query_by_role_and_label(Role::Button, "李大爷（副本）")
            .is_some()
    );

    // Search filters the list by label.
    h.get_by_role_and_label(Role::TextInput, "搜索").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "搜索")
        .type_text("副本");
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Button, "李大爷（副本）")
            .is_some()
    );
    assert!(h.query_by_role_and_label(Role::Button, "李大爷").is_none());
}

#[test]
fn export_without_a_file_dialog_saves_to_the_default_folder_and_says_where() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    new_case(&mut h);
    click_button(&mut h, "导出…");
    h.run();
    let exports = tmp.path().join("exports");
    let files: Vec<_> = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let shown = files[0].display().to_string();
    assert!(
        h.query_all_by_label_contains(&shown).next().is_some(),
        "the path is shown"
    );
    // Import it back: with no file dialog the app's own picker lists the folder's files.
    let label = h.state().state.cases[0].label.clone();
    click_button(&mut h, "导入…");
    h.run();
    assert!(h.query_by_label_contains("选择要导入的清单文件").is_some());
    let file_name = files[0].file_name().unwrap().to_string_lossy().to_string();
    click_button(&mut h, &file_name);
    assert_eq!(h.state().state.cases.len(), 2, "imported as a new case");
    assert!(
        h.query_all_by_label_contains(&format!("已导入“{label}”"))
            .next()
            .is_some()
    );
    let ids: Vec<&str> = h
        .state()
        .state
        .cases
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_ne!(ids[0], ids[1], "the import has its own id");
}

#[test]
fn english_and_large_text_switches() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    click_button(&mut h, "English");
    click_button(&mut h, "New");
    assert!(h.query_by_label("Question 1").is_some());
    for _ in 0..6 {
        if h.query_by_role_and_label(Role::Button, "Larger text")
            .is_some_and(|b| !b.accesskit_node().is_disabled())
        {
            click_button(&mut h, "Larger text");
        }
    }
    assert_eq!(
        h.state().state.settings.zoom,
        2.0,
        "text size stops at 200%"
    );
    assert!(h.query_by_label("200%").is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Minus);
    h.run();
    assert_eq!(
        h.state().state.settings.zoom,
        1.75,
        "Ctrl - makes text smaller"
    );
    click_button(&mut h, "Dark");
    assert!(h.state().state.settings.dark);
}

#[test]
fn edits_are_saved_half_a_second_after_the_last_one() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    new_case(&mut h);
    let id = h.state().state.current.clone().unwrap();
    let file = tmp.path().join("cases").join(format!("{id}.ron"));
    let on_disk = || std::fs::read_to_string(&file).unwrap_or_default();
    // One frame (0.25 s of egui's clock in the harness) with the click in it.
    h.get_by_role_and_label(Role::RadioButton, "在参保地本地就医，要结算或报销")
        .click_accesskit();
    h.step();
    assert_eq!(
        h.state()
            .state
            .current_case()
            .unwrap()
            .answers
            .get("scenario"),
        Some("local")
    );
    assert!(!on_disk().contains("\"local\""), "not written at once");
    assert!(h.state().state.has_unsaved());
    // The ui settles (no busy loop); while the save is pending, egui is asked to wake up
    // when it is due rather than every frame.
    h.run();
    if h.state().state.has_unsaved() {
        let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
        assert!(
            delay > std::time::Duration::ZERO && delay <= std::time::Duration::from_millis(500),
            "{delay:?}"
        );
    }
    for _ in 0..3 {
        if !h.state().state.has_unsaved() {
            break;
        }
        h.step();
    }
    assert!(!h.state().state.has_unsaved());
    assert!(
        on_disk().contains("\"local\""),
        "saved after the delay: {}",
        on_disk()
    );
}

#[test]
fn a_second_window_is_read_only_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let (_first, report) = Store::open(&tmp.path().join("cases")).unwrap();
    assert!(!report.read_only);
    let mut h = app_on(tmp.path());
    assert!(
        h.query_all_by_label_contains("本窗口只能查看")
            .next()
            .is_some(),
        "a banner says changes are not saved"
    );
    // Nothing can be created or changed: the button is disabled, and the shortcut does nothing.
    let new = h.get_by_role_and_label(Role::Button, "新建");
    assert!(new.accesskit_node().is_disabled(), "新建 is disabled");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    assert_eq!(h.state().state.cases.len(), 0);
    // And it writes nothing when it closes: no case, no settings.
    drop(h);
    let written: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n != "cases")
        .collect();
    assert!(written.is_empty(), "{written:?}");
    let cases: Vec<_> = std::fs::read_dir(tmp.path().join("cases"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    assert!(cases.is_empty(), "{cases:?}");
}

#[test]
fn a_broken_override_file_is_shown_with_its_position_and_the_bundled_data_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    let overrides = tmp.path().join("checklists");
    std::fs::create_dir_all(&overrides).unwrap();
    std::fs::write(
        overrides.join("my-region.ron"),
        "(\n  materials: [ (id: \"x\", \n",
    )
    .unwrap();
    let mut h = app_on(tmp.path());
    let banner = h
        .query_all_by_label_contains("my-region.ron:")
        .next()
        .expect("the error names the file and line");
    let text = banner.accesskit_node().value().unwrap_or_default();
    assert!(text.contains("my-region.ron:"), "{text}");
    assert!(h.query_by_label_contains("已改用内置数据").is_some());
    new_case(&mut h);
    answer_all(&mut h, &[("scenario", "local")]);
    to_checklist(&mut h);
    assert!(
        !ticks(&h).is_empty(),
        "the bundled data still gives a checklist"
    );
}

#[test]
fn print_and_blank_sheet_save_pdfs_and_show_where() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    new_case(&mut h);
    answer_all(&mut h, CROSS_REGION_EMERGENCY);
    to_checklist(&mut h);
    click_button(&mut h, "保存PDF");
    h.run();
    click_button(&mut h, "空白清单");
    h.run();
    let exports = tmp.path().join("exports");
    let mut pdfs: Vec<_> = std::fs::read_dir(&exports)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    pdfs.sort();
    let failure = h
        .query_all_by_label_contains("无法生成PDF")
        .next()
        .map(|n| n.accesskit_node().value().unwrap_or_default());
    assert_eq!(
        pdfs.len(),
        2,
        "two PDFs in {exports:?}; error shown: {failure:?}"
    );
    for p in &pdfs {
        let bytes = std::fs::read(p).unwrap();
        assert!(bytes.starts_with(b"%PDF"), "{p:?} is a PDF");
        let shown = p.display().to_string();
        assert!(
            h.query_all_by_label_contains(&shown).next().is_some(),
            "path {shown} shown"
        );
    }
    assert!(pdfs.iter().any(|p| {
        p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("空白清单")
    }));
}

#[test]
fn a_failed_save_is_shown_in_words_keeps_the_case_and_can_be_retried() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    new_case(&mut h);
    h.state_mut().flush();
    // The folder disappears under the app (a removed USB stick, a network share gone).
    let cases = tmp.path().join("cases");
    let moved = tmp.path().join("cases-away");
    std::fs::rename(&cases, &moved).unwrap();
    std::fs::write(&cases, "not a folder").unwrap();
    click_role(&mut h, Role::RadioButton, "在参保地本地就医，要结算或报销");
    h.state_mut().flush();
    h.run();
    let banner = h
        .query_all_by_label_contains("无法保存")
        .next()
        .expect("a banner says the save failed");
    let text = banner.accesskit_node().value().unwrap_or_default();
    assert!(text.contains("修改仍保留在本窗口中"), "{text}");
    assert_eq!(
        h.state()
            .state
            .current_case()
            .unwrap()
            .answers
            .get("scenario"),
        Some("local"),
        "the edit is kept in memory"
    );
    // The folder comes back: retry writes the case.
    std::fs::remove_file(&cases).unwrap();
    std::fs::rename(&moved, &cases).unwrap();
    click_button(&mut h, "重试");
    let still: Vec<String> = h
        .query_all_by_label_contains("无法保存")
        .map(|n| n.accesskit_node().value().unwrap_or_default())
        .collect();
    assert!(still.is_empty(), "{still:?}");
    let id = h.state().state.current.clone().unwrap();
    let text = std::fs::read_to_string(cases.join(format!("{id}.ron"))).unwrap();
    assert!(text.contains("\"local\""), "{text}");
}

/// eframe's storage, in memory.
#[derive(Default)]
struct MemStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn language_text_size_theme_and_the_open_case_are_remembered() {
    let tmp = tempfile::tempdir().unwrap();
    let mut storage = MemStorage::default();
    let id;
    {
        let mut h = app_on(tmp.path());
        new_case(&mut h);
        id = h.state().state.current.clone().unwrap();
        click_button(&mut h, "English");
        click_button(&mut h, "Larger text");
        click_button(&mut h, "Dark");
        eframe::App::save(h.state_mut(), &mut storage);
    }
    // Cases are not in eframe's storage, only the settings.
    assert_eq!(storage.0.len(), 1, "{:?}", storage.0.keys());
    let storage: &'static MemStorage = Box::leak(Box::new(storage));
    let dir = tmp.path().to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .build_eframe(move |cc| {
            cc.storage = Some(storage);
            App::new(cc, AppConfig::headless(dir, today()))
        });
    h.run();
    let s = &h.state().state.settings;
    assert_eq!(s.lang, yibao_checklist::catalog::Lang::En);
    assert_eq!(s.zoom, 1.25);
    assert!(s.dark);
    assert_eq!(
        h.state().state.current.as_deref(),
        Some(id.as_str()),
        "the last case is open again"
    );
    assert!(h.ctx.zoom_factor() == 1.25 && h.ctx.theme() == egui::Theme::Dark);
    assert!(h.query_by_label("Question 1").is_some());
}
