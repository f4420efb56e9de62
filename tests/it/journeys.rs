//! Whole paths as the app's two users take them (issue 17), replayed on a 1024×600 screen and a
//! 1366×768 laptop, at 100 % and 200 % text, in Chinese and in English:
//!
//! - the clerk, with a case already open: home, then a quick sheet printed, by keyboard (at most
//!   4 keys) and by mouse (at most 3 clicks);
//! - the family, keyboard only: a new case, every question answered by typing and Enter, and the
//!   saved case file on disk holding the typed discharge date; once more with another case due
//!   soon, so that the due-soon summary is pending while the wizard runs.
//!
//! On every screen of these paths no two controls overlap and each one is inside the window.

use crate::common;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use yibao_checklist::cases::{Case, Store};
use yibao_checklist::catalog::{Lang, QuestionKind};
use yibao_checklist::gui::{App, AppConfig, Screen, Settings};

const SCREENS: [(f32, f32); 2] = [(1024.0, 600.0), (1366.0, 768.0)];
const ZOOMS: [f32; 2] = [1.0, 2.0];
const LANGS: [Lang; 2] = [Lang::Zh, Lang::En];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
}

/// The family's answers: a cross-region emergency stay, claimed by hand at a window by a
/// relative; discharged 2026-01-12, so the 30-day claim deadline is 10 days after "today".
const FAMILY: &[(&str, &str)] = &[
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
    ("admission_date", "2026-01-05"),
    ("discharge_date", "2026-01-12"),
];

/// The app on a screen of `pixels` at `zoom` text (egui points are pixels / zoom), remembering
/// `last_case` as the case open at the last run.
fn harness(
    dir: &Path,
    lang: Lang,
    pixels: (f32, f32),
    zoom: f32,
    last_case: Option<String>,
) -> Harness<'static, App> {
    let mut config = AppConfig::headless(dir.to_path_buf(), today());
    config.settings = Some(Settings {
        lang,
        zoom,
        last_case,
        ..Settings::default()
    });
    let mut h = Harness::builder()
        .with_size(egui::vec2(pixels.0, pixels.1) / zoom)
        .build_eframe(move |cc| App::new(cc, config));
    h.run();
    h
}

fn press(h: &mut Harness<'_, App>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn screen(h: &Harness<'_, App>) -> Screen {
    h.state().state.screen.clone()
}

fn exported_pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir.join("exports"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "pdf"));
    v.sort();
    v
}

/// Controls a person can click, type into or tab to.
fn interactive(role: Role) -> bool {
    matches!(
        role,
        Role::Button
            | Role::CheckBox
            | Role::RadioButton
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::Link
            | Role::ComboBox
            | Role::Slider
            | Role::SpinButton
            | Role::Tab
            | Role::MenuItem
    )
}

/// What is wrong with the layout on screen: controls that overlap each other, that stick out of
/// the window, or that the window's edge cuts (as opposed to a scroll area's, which is normal for
/// what is scrolled away). Clipped rectangles are egui's own (`interact_rect`), so a control
/// scrolled under a fixed bar counts as hidden, not as overlapping it.
fn layout_problems(h: &Harness<'_, App>) -> Vec<String> {
    let window = h.ctx.content_rect();
    let rects: HashMap<u64, (egui::Rect, egui::Rect)> = h.ctx.viewport(|v| {
        v.prev_pass
            .widgets
            .layers()
            .flat_map(|(_, ws)| ws.iter())
            .map(|w| (w.id.accesskit_id().0, (w.rect, w.interact_rect)))
            .collect()
    });
    let mut shown = Vec::new();
    let mut problems = Vec::new();
    for n in h.query_all(by().predicate(|_| true)) {
        let node = n.accesskit_node();
        if !interactive(node.role()) {
            continue;
        }
        // The tree's own id of the node: egui's id of the widget.
        let local = (u128::from(node.id()) >> 64) as u64;
        let Some(&(full, visible)) = rects.get(&local) else {
            continue;
        };
        let name = format!(
            "{:?} \"{}\"",
            node.role(),
            node.label().or_else(|| node.value()).unwrap_or_default()
        );
        if full.left() < window.left() - 1.0 || full.right() > window.right() + 1.0 {
            problems.push(format!(
                "{name} {full:?} sticks out of the window {window:?}"
            ));
        }
        if visible.width() <= 0.5 || visible.height() <= 0.5 {
            continue; // scrolled away
        }
        if !window.expand(1.0).contains_rect(visible) {
            problems.push(format!(
                "{name} {visible:?} is outside the window {window:?}"
            ));
        }
        let cut_at_edge = (full.bottom() > visible.bottom() + 1.0
            && visible.bottom() >= window.bottom() - 1.0)
            || (full.top() < visible.top() - 1.0 && visible.top() <= window.top() + 1.0);
        if cut_at_edge {
            problems.push(format!("{name} {full:?} is cut by the window's edge"));
        }
        shown.push((name, visible.shrink(1.0)));
    }
    for (i, (a, ra)) in shown.iter().enumerate() {
        for (b, rb) in &shown[i + 1..] {
            if ra.intersects(*rb) {
                problems.push(format!("{a} {ra:?} overlaps {b} {rb:?}"));
            }
        }
    }
    problems
}

fn check(h: &mut Harness<'_, App>, what: &str) {
    let bad = layout_problems(h);
    assert!(bad.is_empty(), "{what}: {bad:#?}");
}

/// A complete case saved before the app starts (the clerk's earlier work, or a case due soon).
fn saved_case(dir: &Path, label: &str, answers: yibao_checklist::engine::Answers) -> String {
    let (store, _) = Store::open(&dir.join("cases")).unwrap();
    let mut case = Case::new(label);
    case.answers = answers;
    store.save(&case).unwrap();
    case.id
}

fn every_setting() -> Vec<(Lang, (f32, f32), f32)> {
    let mut v = Vec::new();
    for lang in LANGS {
        for pixels in SCREENS {
            for zoom in ZOOMS {
                v.push((lang, pixels, zoom));
            }
        }
    }
    v
}

/// The clerk: the app reopens on the last case; Ctrl+H, Tab, Enter, Enter prints the first
/// common situation.
#[test]
fn the_clerk_goes_home_and_prints_a_quick_sheet_in_four_keys() {
    for (lang, pixels, zoom) in every_setting() {
        let what = format!("{lang:?} {pixels:?} at {zoom}");
        let dir = tempfile::tempdir().unwrap();
        let id = saved_case(
            dir.path(),
            "王阿姨住院",
            common::typical_claim("2026-01-02", "2026-01-10"),
        );
        let mut h = harness(dir.path(), lang, pixels, zoom, Some(id));
        assert_eq!(
            screen(&h),
            Screen::Checklist,
            "{what}: reopened on the case"
        );
        check(&mut h, &format!("{what}, checklist"));
        let first = h.state().state.catalog.quick_sheets[0].clone();
        let keys = [
            (Modifiers::COMMAND, Key::H),
            (Modifiers::NONE, Key::Tab),
            (Modifiers::NONE, Key::Enter),
            (Modifiers::NONE, Key::Enter),
        ];
        for (n, (m, k)) in keys.into_iter().enumerate() {
            press(&mut h, m, k);
            match n {
                0 => assert_eq!(screen(&h), Screen::Welcome, "{what}: Ctrl+H goes home"),
                2 => assert_eq!(screen(&h), Screen::Quick, "{what}: Tab, Enter"),
                _ => {}
            }
            check(&mut h, &format!("{what}, after key {}", n + 1));
        }
        assert!(h.state().state.current.is_none(), "{what}: no case open");
        let pdfs = exported_pdfs(dir.path());
        assert_eq!(pdfs.len(), 1, "{what}: printed after 4 keys: {pdfs:?}");
        let name = pdfs[0].file_name().unwrap().to_string_lossy().to_string();
        // File names keep to what every system allows (":" becomes "_").
        let safe: String = first
            .name
            .get(lang)
            .chars()
            .map(|c| if r#"\/:*?"<>|"#.contains(c) { '_' } else { c })
            .collect();
        assert!(
            name.starts_with(&safe),
            "{what}: the first situation ({}) was printed: {name}",
            first.name.get(lang)
        );
    }
}

/// The clerk with the mouse: 首页, 常用情形, 打印 beside the first situation.
#[test]
fn the_clerk_goes_home_and_prints_a_quick_sheet_in_three_clicks() {
    for (lang, pixels, zoom) in every_setting() {
        let what = format!("{lang:?} {pixels:?} at {zoom}");
        let dir = tempfile::tempdir().unwrap();
        let id = saved_case(
            dir.path(),
            "王阿姨住院",
            common::typical_claim("2026-01-02", "2026-01-10"),
        );
        let mut h = harness(dir.path(), lang, pixels, zoom, Some(id));
        let first = h.state().state.catalog.quick_sheets[0].clone();
        let (home, quick, print) = match lang {
            Lang::Zh => ("首页", "常用情形（前台快速打印）", "打印："),
            Lang::En => ("Home", "Common situations (front desk)", "Print: "),
        };
        let print = format!("{print}{}", first.name.get(lang));
        for (n, label) in [home, quick, print.as_str()].into_iter().enumerate() {
            {
                let node = h.get_by_role_and_label(Role::Button, label);
                let r = node.rect();
                assert!(
                    h.ctx.content_rect().contains_rect(r),
                    "{what}: click {} ({label}) is on screen at {r:?}",
                    n + 1
                );
                node.click();
            }
            h.run();
            check(&mut h, &format!("{what}, after click {}", n + 1));
        }
        let pdfs = exported_pdfs(dir.path());
        assert_eq!(pdfs.len(), 1, "{what}: printed after 3 clicks: {pdfs:?}");
    }
}

/// Answers every question on screen from the keyboard: arrows to the wanted option and Enter,
/// the wanted date typed straight away (the cursor is in the field) and Enter; Enter on a date
/// not wanted (twice where a deadline needs it: the app asks once). Returns the keys pressed.
fn answer_by_keyboard(h: &mut Harness<'_, App>, what: &str, due_pending: bool) -> usize {
    let mut keys = 0;
    for _ in 0..80 {
        if screen(h) != Screen::Wizard {
            return keys;
        }
        check(
            h,
            &format!("{what}, question {}", h.state().state.wizard.question),
        );
        if due_pending {
            let t = h.query_by_label_contains("近期要办的期限").is_some()
                || h.query_by_label_contains("Deadlines coming up").is_some();
            assert!(!t, "{what}: the due-soon summary is not in the wizard");
        }
        let qid = h.state().state.wizard.question.clone();
        let q = h.state().state.catalog.question(&qid).unwrap().clone();
        let want = FAMILY.iter().find(|(k, _)| *k == qid).map(|(_, v)| *v);
        match q.kind {
            QuestionKind::Choice => {
                let opt = want.unwrap_or(q.options[0].id.as_str());
                let at = q.options.iter().position(|o| o.id == opt).unwrap();
                for _ in 0..at {
                    press(h, Modifiers::NONE, Key::ArrowDown);
                    keys += 1;
                }
                press(h, Modifiers::NONE, Key::Enter);
                keys += 1;
            }
            QuestionKind::Date => {
                if let Some(date) = want {
                    // No click, no Tab: the digits go to the field.
                    h.event(egui::Event::Text(date.to_string()));
                    h.run();
                    keys += date.len();
                }
                press(h, Modifiers::NONE, Key::Enter);
                keys += 1;
                if want.is_none()
                    && screen(h) == Screen::Wizard
                    && h.state().state.wizard.question == qid
                {
                    // A date a deadline needs: asked once, Enter again skips.
                    check(h, &format!("{what}, asked about skipping {qid}"));
                    press(h, Modifiers::NONE, Key::Enter);
                    keys += 1;
                }
            }
        }
        assert!(
            screen(h) != Screen::Wizard || h.state().state.wizard.question != qid,
            "{what}: the wizard did not move on from {qid}: {:?}",
            h.state().state.wizard.error
        );
    }
    panic!("{what}: the wizard never ended");
}

/// The family's path, keyboard only, and what is on disk at its end.
fn family_journey(due_pending: bool) {
    for (lang, pixels, zoom) in every_setting() {
        let what = format!("{lang:?} {pixels:?} at {zoom}, due pending {due_pending}");
        let dir = tempfile::tempdir().unwrap();
        if due_pending {
            // Another case, discharged 20 days ago: its deadline is due within 14 days.
            let mut a = common::typical_claim("2026-01-05", "2026-01-12");
            a.set("invoice_date", "2026-01-12");
            saved_case(dir.path(), "张阿姨住院", a);
        }
        let mut h = harness(dir.path(), lang, pixels, zoom, None);
        assert_eq!(screen(&h), Screen::Welcome);
        if due_pending {
            assert!(
                h.query_all_by_label_contains("张阿姨住院：")
                    .next()
                    .is_some()
                    || h.query_all_by_label_contains("张阿姨住院:")
                        .next()
                        .is_some(),
                "{what}: the start page names the case due soon"
            );
        }
        check(&mut h, &format!("{what}, start"));
        press(&mut h, Modifiers::COMMAND, Key::N);
        assert_eq!(screen(&h), Screen::Wizard, "{what}: Ctrl+N");
        if !due_pending {
            // Esc on the first question is the way back home; Enter there starts again.
            press(&mut h, Modifiers::NONE, Key::Escape);
            assert_eq!(
                screen(&h),
                Screen::Welcome,
                "{what}: Esc on the first question"
            );
            press(&mut h, Modifiers::NONE, Key::Enter);
            assert_eq!(
                screen(&h),
                Screen::Wizard,
                "{what}: Enter on the start page"
            );
        }
        answer_by_keyboard(&mut h, &what, due_pending);
        assert_eq!(screen(&h), Screen::Review, "{what}");
        check(&mut h, &format!("{what}, review"));
        press(&mut h, Modifiers::NONE, Key::Enter);
        assert_eq!(screen(&h), Screen::Checklist, "{what}");
        check(&mut h, &format!("{what}, checklist"));
        let id = h.state().state.current.clone().unwrap();
        h.state_mut().flush();
        drop(h);
        let file = dir.path().join("cases").join(format!("{id}.ron"));
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{what}: {file:?}: {e}"));
        let (_, report) = Store::open(&dir.path().join("cases")).unwrap();
        let case = report.cases.iter().find(|c| c.id == id).unwrap();
        assert_eq!(
            case.answers.get("discharge_date"),
            Some("2026-01-12"),
            "{what}: the saved case holds the typed discharge date:\n{text}"
        );
        assert_eq!(case.answers.get("admission_date"), Some("2026-01-05"));
    }
}

#[test]
fn the_family_answers_by_keyboard_and_the_saved_case_holds_the_discharge_date() {
    family_journey(false);
}

#[test]
fn the_family_answers_by_keyboard_with_another_case_due_soon() {
    family_journey(true);
}

/// How many window-heights of page the open screen has: from under the top bar to the bottom of
/// the lowest thing on it (every node, scrolled away or not), over the height the page is shown in.
fn screens_of_page(h: &Harness<'_, App>) -> f32 {
    let window = h.ctx.content_rect();
    let home = h.get_by_role_and_label(Role::Button, "首页").rect();
    let ppp = h.ctx.pixels_per_point() as f64;
    let bottom = h
        .query_all(by().predicate(|_| true))
        .filter_map(|n| n.accesskit_node().bounding_box())
        .map(|b| (b.y1 / ppp) as f32)
        .fold(0.0, f32::max);
    // The page starts under the bar's row of buttons.
    let top = home.bottom();
    (bottom - top) / (window.bottom() - top)
}

/// The typical inpatient claim (cross-region, emergency, not filed, at a window, by a proxy),
/// details collapsed, on a 1366×768 laptop: at most 8 screens at 200 % text, 3 at 100 %.
#[test]
fn the_typical_claim_is_at_most_8_screens_at_200_and_3_at_100() {
    for (zoom, limit) in [(2.0, 8.0), (1.0, 3.0)] {
        let dir = tempfile::tempdir().unwrap();
        let id = saved_case(
            dir.path(),
            "王阿姨住院",
            common::typical_claim("2026-01-02", "2026-01-10"),
        );
        let mut h = harness(dir.path(), Lang::Zh, (1366.0, 768.0), zoom, Some(id));
        assert_eq!(screen(&h), Screen::Checklist);
        h.run();
        let screens = screens_of_page(&h);
        println!("typical claim at {zoom}: {screens:.2} screens (limit {limit})");
        assert!(
            screens <= limit,
            "at {zoom}: {screens:.2} screens, more than {limit}"
        );
        // The last of it is reached by the keyboard: End scrolls the page to its foot.
        press(&mut h, Modifiers::NONE, Key::End);
        let data_line = h
            .query_all_by_label_contains("数据版本")
            .map(|n| n.rect())
            .next()
            .expect("the data line at the foot of the checklist");
        assert!(
            h.ctx.content_rect().contains_rect(data_line),
            "at {zoom}: End showed the foot of the page ({data_line:?})"
        );
    }
}

/// The top edge of the first node whose label is exactly `text` and whose role is `role`.
fn top_of(h: &Harness<'_, App>, role: Role, text: &str) -> f32 {
    h.query_all(by().role(role).label(text))
        .map(|n| n.rect().top())
        .next()
        .unwrap_or_else(|| panic!("no {role:?} \"{text}\""))
}

/// PageDown, Space, the arrows, Home and End scroll the checklist; the table of contents jumps
/// to a section. 1024×600 at 200 %: the smallest page there is.
#[test]
fn the_checklist_is_read_by_keyboard_and_its_contents_jump_to_each_section() {
    let dir = tempfile::tempdir().unwrap();
    let id = saved_case(
        dir.path(),
        "王阿姨住院",
        common::typical_claim("2026-01-02", "2026-01-10"),
    );
    let mut h = harness(dir.path(), Lang::Zh, (1024.0, 600.0), 2.0, Some(id));
    assert_eq!(screen(&h), Screen::Checklist);
    // The focus is on the page's title (a screen reader reads it); the page keys still scroll.
    let focused = h
        .query_all(by().role(Role::Heading))
        .find(|n| n.accesskit_node().is_focused())
        .map(|n| n.accesskit_node().label());
    assert_eq!(focused, Some(Some("王阿姨住院".to_string())));
    let title = "当前情况";
    let start = top_of(&h, Role::Heading, title);
    let window = h.ctx.content_rect();
    press(&mut h, Modifiers::NONE, Key::PageDown);
    let after_page = top_of(&h, Role::Heading, title);
    assert!(
        start - after_page > window.height() * 0.4,
        "PageDown scrolled a screen: {start} → {after_page}"
    );
    press(&mut h, Modifiers::NONE, Key::Space);
    let after_space = top_of(&h, Role::Heading, title);
    assert!(
        after_page - after_space > window.height() * 0.4,
        "Space too"
    );
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    let after_arrow = top_of(&h, Role::Heading, title);
    assert!(after_space > after_arrow, "↓ scrolled a line");
    assert!(after_space - after_arrow < window.height() * 0.5);
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    assert_eq!(top_of(&h, Role::Heading, title), after_space, "↑ back");
    press(&mut h, Modifiers::SHIFT, Key::Space);
    assert_eq!(
        top_of(&h, Role::Heading, title),
        after_page,
        "Shift+Space back"
    );
    press(&mut h, Modifiers::NONE, Key::PageUp);
    press(&mut h, Modifiers::NONE, Key::End);
    assert!(top_of(&h, Role::Heading, title) < after_space, "End");
    press(&mut h, Modifiers::NONE, Key::Home);
    assert_eq!(top_of(&h, Role::Heading, title), start, "Home");

    // The contents: 当前情况 · 材料 · 步骤 · 期限, each a link to its section's heading.
    let links: Vec<String> = h
        .query_all(by().role(Role::Link))
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    for want in ["需要准备的材料", "办理步骤", "期限与时间"] {
        let link = format!("跳到：{want}");
        assert!(links.contains(&link), "{link} in {links:?}");
        h.get_by_role_and_label(Role::Link, &link).click();
        h.run();
        let top = top_of(&h, Role::Heading, want);
        assert!(
            top >= window.top() && top < window.top() + window.height() * 0.4,
            "{want}: its heading is at the top of the page ({top} in {window:?})"
        );
        press(&mut h, Modifiers::NONE, Key::Home);
    }
}

/// The hand-off code is in the summary, above the materials, not at the foot of the page.
#[test]
fn the_hand_off_code_is_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let id = saved_case(
        dir.path(),
        "王阿姨住院",
        common::typical_claim("2026-01-02", "2026-01-10"),
    );
    let h = harness(dir.path(), Lang::Zh, (1366.0, 768.0), 1.0, Some(id));
    let code = h
        .query_all(by().role(Role::Label).label_contains("清单码 "))
        .map(|n| n.rect().top())
        .next()
        .expect("the code line");
    assert!(code < top_of(&h, Role::Heading, "需要准备的材料"));
}

/// A date question: typed digits go to the field at once; Enter on the empty discharge date asks
/// once (in view) before skipping it; an impossible date is explained next to the field, in view.
#[test]
fn no_date_is_lost() {
    for lang in LANGS {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(dir.path(), lang, (1024.0, 600.0), 2.0, None);
        press(&mut h, Modifiers::COMMAND, Key::N);
        let mut answers = yibao_checklist::engine::Answers::new();
        for (q, v) in &FAMILY[..10] {
            answers.set(*q, *v);
        }
        let id = h.state().state.current.clone().unwrap();
        let catalog = h.state().state.catalog.clone();
        // The choices as if answered; the wizard at the discharge date.
        h.state_mut().state.cases[0].answers = answers;
        assert_eq!(h.state().state.cases[0].id, id);
        h.state_mut().state.goto_question("discharge_date", false);
        h.run();
        assert!(catalog.question("discharge_date").is_some());
        let window = h.ctx.content_rect();
        let (ask, impossible) = match lang {
            Lang::Zh => ("不填出院日期就无法算出截止日期，仍要跳过吗？", "2026-02-30"),
            Lang::En => ("Skip it anyway?", "2026-02-30"),
        };
        press(&mut h, Modifiers::NONE, Key::Enter);
        assert_eq!(
            h.state().state.wizard.question,
            "discharge_date",
            "{lang:?}: not skipped"
        );
        let msg = h.get_by_label_contains(ask).rect();
        assert!(
            window.contains_rect(msg),
            "{lang:?}: the question is in view: {msg:?}"
        );
        check(&mut h, &format!("{lang:?} asked"));
        // An impossible date, typed straight away: explained next to the field, in view.
        h.event(egui::Event::Text(impossible.into()));
        h.run();
        press(&mut h, Modifiers::NONE, Key::Enter);
        assert_eq!(h.state().state.wizard.question, "discharge_date");
        let err = h.state().state.wizard.error.clone();
        assert!(err.is_some(), "{lang:?}");
        let field = h
            .query_all(by().role(Role::TextInput))
            .map(|n| n.rect())
            .next()
            .unwrap();
        let lines: Vec<egui::Rect> = h
            .query_all(by().role(Role::Label).label_contains("2026-02-30"))
            .map(|n| n.rect())
            .collect();
        assert!(
            !lines.is_empty(),
            "{lang:?}: the date is named in the message"
        );
        for r in &lines {
            assert!(window.contains_rect(*r), "{lang:?}: message in view {r:?}");
            assert!(
                r.top() - field.bottom() < window.height() * 0.5,
                "next to the field"
            );
        }
        check(&mut h, &format!("{lang:?} impossible date"));
        // Corrected (the field still has the cursor): Enter goes on, the date is kept.
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.run();
        h.event(egui::Event::Text("2026-01-12".into()));
        h.run();
        press(&mut h, Modifiers::NONE, Key::Enter);
        assert_ne!(h.state().state.wizard.question, "discharge_date");
        let case = h.state().state.current_case().unwrap().clone();
        assert_eq!(case.answers.get("discharge_date"), Some("2026-01-12"));
    }
}

/// On the front desk's list the highlighted row stays in view as ↓ moves it (1024×600, 200 %).
#[test]
fn the_highlighted_quick_sheet_stays_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Lang::Zh, (1024.0, 600.0), 2.0, None);
    press(&mut h, Modifiers::NONE, Key::Tab);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(screen(&h), Screen::Quick);
    let sheets = h.state().state.catalog.quick_sheets.clone();
    let window = h.ctx.content_rect();
    for (i, q) in sheets.iter().enumerate().skip(1) {
        press(&mut h, Modifiers::NONE, Key::ArrowDown);
        assert_eq!(h.state().ui.quick_selected, i);
        let label = format!("打印：{}", q.name.zh);
        let r = h.get_by_role_and_label(Role::Button, &label).rect();
        assert!(window.contains_rect(r), "{label} in view: {r:?} {window:?}");
    }
}

/// Every viewport command of the root window in the frames run by `f`.
fn commands_during(
    h: &mut Harness<'_, App>,
    f: impl FnOnce(&mut Harness<'_, App>),
) -> Vec<egui::ViewportCommand> {
    let mut all = Vec::new();
    f(h);
    for _ in 0..3 {
        h.step();
        if let Some(out) = h.output().viewport_output.get(&egui::ViewportId::ROOT) {
            all.extend(out.commands.iter().cloned());
        }
    }
    all
}

/// A window maximized at the last run comes back maximized (over its remembered normal size);
/// whether it is maximized is remembered; the title follows the language.
#[test]
fn a_maximized_window_comes_back_maximized_and_the_title_follows_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = AppConfig::headless(dir.path().to_path_buf(), today());
    config.settings = Some(Settings {
        lang: Lang::En,
        maximized: true,
        window: Some([1000.0, 700.0]),
        ..Settings::default()
    });
    let mut h = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_eframe(move |cc| App::new(cc, config));
    let first = commands_during(&mut h, |h| {
        // What the desktop reports from the first frame on.
        let vp = h
            .input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default();
        vp.monitor_size = Some(egui::vec2(1366.0, 768.0));
        vp.inner_rect = Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1000.0, 700.0),
        ));
        vp.native_pixels_per_point = Some(1.0);
    });
    assert!(
        first.contains(&egui::ViewportCommand::Maximized(true)),
        "{first:?}"
    );
    // Un-maximized by the user: remembered, and the normal size is kept.
    let set = |h: &mut Harness<'_, App>, max: bool| {
        h.input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .maximized = Some(max);
    };
    commands_during(&mut h, |h| set(h, false));
    assert!(!h.state().state.settings.maximized);
    commands_during(&mut h, |h| set(h, true));
    assert!(h.state().state.settings.maximized);
    assert_eq!(h.state().state.settings.window, Some([1000.0, 700.0]));

    // The title: English here, Chinese once the language changes.
    let zh = commands_during(&mut h, |h| {
        h.get_by_role_and_label(Role::Button, "中文").click();
    });
    assert!(
        zh.contains(&egui::ViewportCommand::Title("医保报销材料清单助手".into())),
        "{zh:?}"
    );
    let en = commands_during(&mut h, |h| {
        h.get_by_role_and_label(Role::Button, "English").click();
    });
    assert!(
        en.iter()
            .any(|c| matches!(c, egui::ViewportCommand::Title(t) if t.is_ascii())),
        "{en:?}"
    );
}

/// The review page gives its answers the window's height: at 1024×600 and 200 % text, with
/// another case due soon, its answers run down to the footer's button.
#[test]
fn the_review_page_uses_the_windows_height() {
    let dir = tempfile::tempdir().unwrap();
    let mut soon = common::typical_claim("2026-01-05", "2026-01-12");
    soon.set("invoice_date", "2026-01-12");
    saved_case(dir.path(), "张阿姨住院", soon);
    let id = saved_case(
        dir.path(),
        "王阿姨住院",
        common::typical_claim("2026-01-02", "2026-01-10"),
    );
    let mut h = harness(dir.path(), Lang::Zh, (1024.0, 600.0), 2.0, Some(id));
    h.state_mut().state.screen = Screen::Review;
    h.run();
    check(&mut h, "review");
    let window = h.ctx.content_rect();
    let footer = h.get_by_role_and_label(Role::Button, "查看材料清单").rect();
    // The lowest answer shown (clipped by the page, not hidden) ends just above the footer.
    let lowest = h.ctx.viewport(|v| {
        v.prev_pass
            .widgets
            .layers()
            .flat_map(|(_, ws)| ws.iter())
            .filter(|w| w.sense.interactive() && w.interact_rect.height() > 0.5)
            .filter(|w| w.interact_rect.bottom() < footer.top())
            .map(|w| w.interact_rect.bottom())
            .fold(0.0, f32::max)
    });
    assert!(
        footer.top() - lowest < window.height() * 0.2,
        "the answers end at {lowest}, the footer starts at {}",
        footer.top()
    );
    let changes = h
        .query_all(by().role(Role::Button).label_contains("修改："))
        .count();
    assert!(
        changes >= 10,
        "every answer has its change button: {changes}"
    );
}

/// In English nothing on the family's and the clerk's screens is Chinese but the data's own words
/// (an English sentence naming a Chinese term, "a designated (定点) hospital") and the sources'
/// titles (shut away on the checklist): no text starts in Chinese or is Chinese only. Cases the
/// app named in Chinese (未命名 2, 清单码 …) are shown with English names.
#[test]
fn english_screens_have_no_chinese_left() {
    let is_cjk =
        |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    let chinese = |s: &str| {
        s.chars().next().is_some_and(is_cjk)
            || (s.chars().any(is_cjk) && !s.chars().any(|c| c.is_ascii_alphabetic()))
    };
    let dir = tempfile::tempdir().unwrap();
    let id = saved_case(
        dir.path(),
        "Grandma Wang",
        common::typical_claim("2026-01-02", "2026-01-10"),
    );
    saved_case(dir.path(), "未命名 2", Default::default());
    saved_case(dir.path(), "清单码 2G2H-JMVW-Y3CM", Default::default());
    let mut h = harness(dir.path(), Lang::En, (1366.0, 768.0), 1.0, Some(id));
    // A case opened from a code and a new one, named by the app.
    let code = h.state().state.current_case().map(|c| {
        yibao_checklist::handoff::encode(&crate::common::code_tables(), &c.answers)
            .unwrap_or_default()
    });
    let mut found = Vec::new();
    let mut look = |h: &Harness<'_, App>, what: &str| {
        for n in h.query_all(by().predicate(|_| true)) {
            let node = n.accesskit_node();
            for text in [node.label(), node.value()].into_iter().flatten() {
                if chinese(&text) && text != "中文" {
                    found.push(format!("{what}: {:?} {text}", node.role()));
                }
            }
        }
    };
    look(&h, "checklist");
    press(&mut h, Modifiers::COMMAND, Key::H);
    look(&h, "start");
    if let Some(code) = code.filter(|c| !c.is_empty()) {
        h.state_mut().ui.code_input = code;
        h.get_by_role_and_label(Role::Button, "Open").click();
        h.run();
        look(&h, "opened from a code");
    }
    press(&mut h, Modifiers::COMMAND, Key::N);
    look(&h, "new case, first question");
    h.state_mut().state.screen = Screen::Review;
    h.run();
    look(&h, "review");
    press(&mut h, Modifiers::COMMAND, Key::H);
    press(&mut h, Modifiers::NONE, Key::Tab);
    press(&mut h, Modifiers::NONE, Key::Enter);
    look(&h, "common situations");
    assert!(found.is_empty(), "{found:#?}");
}
