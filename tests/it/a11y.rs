//! What a screen reader gets, on the app's AccessKit tree (the same tree the AT-SPI adapter
//! serves; `scripts/atspi-check.sh` reads it on the real bus): the window's name, headings with
//! levels, each question a group named by it, the focus after each screen change, live messages,
//! invalid fields, disclosure states, the front desk's list, and no unnamed focus stops.

use chrono::NaiveDate;
use egui::accesskit::{Action, Invalid, Live, Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;
use yibao_checklist::catalog::QuestionKind;
use yibao_checklist::gui::{App, AppConfig, Screen};

fn app_on(dir: &Path) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let today = NaiveDate::from_ymd_opt(2025, 4, 20).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .build_eframe(move |cc| App::new(cc, AppConfig::headless(dir, today)));
    h.run();
    h
}

/// One node of the tree, as a screen reader sees it.
#[derive(Debug, Clone)]
struct Seen {
    role: Role,
    name: String,
    level: Option<usize>,
    focusable: bool,
    focused: bool,
    expanded: Option<bool>,
    selected: Option<bool>,
    live: Live,
    invalid: Option<Invalid>,
    description: Option<String>,
    toggled: Option<Toggled>,
    /// Names of the groups (radio groups, groups, list boxes) it is inside.
    groups: Vec<String>,
}

/// Every node in reading (tree) order.
fn tree(h: &Harness<'_, App>) -> Vec<Seen> {
    let mut out = Vec::new();
    for n in std::iter::once(h.root()).chain(h.root().children_recursive()) {
        let a = n.accesskit_node();
        let name = if a.label_comes_from_value() {
            a.value()
        } else {
            a.label()
        }
        .unwrap_or_default();
        let mut groups = Vec::new();
        let mut p = a.parent();
        while let Some(x) = p {
            if matches!(x.role(), Role::RadioGroup | Role::Group | Role::ListBox) {
                groups.push(x.label().unwrap_or_default());
            }
            p = x.parent();
        }
        out.push(Seen {
            role: a.role(),
            name,
            level: a.level(),
            focusable: a.data().supports_action(Action::Focus),
            focused: a.is_focused(),
            expanded: a.data().is_expanded(),
            selected: a.is_selected(),
            live: a.live(),
            invalid: a.data().invalid(),
            description: a.description(),
            toggled: a.toggled(),
            groups,
        });
    }
    out
}

fn focused(h: &Harness<'_, App>) -> Seen {
    tree(h)
        .into_iter()
        .find(|n| n.focused)
        .expect("a node has the focus")
}

fn headings(h: &Harness<'_, App>) -> Vec<(usize, String)> {
    tree(h)
        .into_iter()
        .filter(|n| n.role == Role::Heading)
        .map(|n| (n.level.unwrap_or(0), n.name))
        .collect()
}

/// Focus stops without a name: none on any screen.
fn assert_all_named(h: &Harness<'_, App>, screen: &str) {
    let unnamed: Vec<Seen> = tree(h)
        .into_iter()
        .filter(|n| n.focusable && n.name.trim().is_empty())
        .collect();
    assert!(
        unnamed.is_empty(),
        "{screen}: unnamed focus stops {unnamed:#?}"
    );
}

fn click(h: &mut Harness<'_, App>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).click_accesskit();
    h.run();
}

#[test]
fn the_start_page_names_the_window_and_has_its_heading() {
    let tmp = tempfile::tempdir().unwrap();
    let h = app_on(tmp.path());
    let root = &tree(&h)[0];
    assert_eq!(root.role, Role::Window);
    assert_eq!(root.name, "医保报销材料清单助手");
    assert!(
        headings(&h).contains(&(1, "欢迎使用医保报销材料清单助手".to_string())),
        "{:?}",
        headings(&h)
    );
    // The keyboard starts on the first button.
    assert_eq!(focused(&h).name, "新建清单并开始回答");
    assert_all_named(&h, "start page");
}

#[test]
fn a_wrong_checklist_code_is_announced_and_marks_its_field() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    h.get_by_role_and_label(Role::TextInput, "输入清单码")
        .focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "输入清单码")
        .type_text("K7Q4-M2XP-9HT4");
    h.run();
    click(&mut h, Role::Button, "打开");
    let nodes = tree(&h);
    let msg = nodes
        .iter()
        .find(|n| n.role == Role::Label && n.live == Live::Assertive)
        .unwrap_or_else(|| panic!("no assertive message"));
    assert!(msg.name.contains("清单码"), "{msg:?}");
    let field = nodes
        .iter()
        .find(|n| n.role == Role::TextInput && n.name == "输入清单码")
        .unwrap();
    assert_eq!(field.invalid, Some(Invalid::True));
    assert_eq!(field.description.as_deref(), Some(msg.name.as_str()));
}

#[test]
fn the_quick_list_is_a_list_box_whose_arrows_move_selection_and_focus() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    click(&mut h, Role::Button, "常用情形（前台快速打印）");
    assert_eq!(h.state().state.screen, Screen::Quick);
    let f = focused(&h);
    assert_eq!((f.role, f.level), (Role::Heading, Some(1)), "{f:?}");
    let options: Vec<Seen> = tree(&h)
        .into_iter()
        .filter(|n| n.role == Role::ListBoxOption)
        .collect();
    assert!(options.len() >= 2, "{options:?}");
    assert!(
        tree(&h)
            .iter()
            .any(|n| n.role == Role::ListBox && !n.name.is_empty())
    );
    assert_eq!(options[0].selected, Some(true));
    assert_eq!(options[1].selected, Some(false));
    assert!(options.iter().all(|o| !o.name.is_empty() && o.focusable));
    h.key_press(egui::Key::ArrowDown);
    h.run();
    let f = focused(&h);
    assert_eq!(f.role, Role::ListBoxOption);
    assert_eq!(f.name, options[1].name);
    assert_eq!(f.selected, Some(true));
    assert_all_named(&h, "quick list");
}

/// Walks the wizard by keyboard-free clicks, checking each question's group, heading and focus;
/// on the first date question an invalid date is typed and must be announced and marked.
#[test]
fn each_question_is_a_named_group_and_the_checklist_has_headings() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = app_on(tmp.path());
    click(&mut h, Role::Button, "新建清单并开始回答");
    assert_eq!(h.state().state.screen, Screen::Wizard);
    let mut dates_checked = false;
    for _ in 0..60 {
        if h.state().state.screen != Screen::Wizard {
            break;
        }
        let qid = h.state().state.wizard.question.clone();
        let q = h.state().state.catalog.question(&qid).unwrap().clone();
        let mut prompt = q.prompt.zh.to_string();
        if !q.required {
            prompt.push_str("（可以不填）");
        }
        let nodes = tree(&h);
        // The question is a heading and names the group its options are in.
        assert!(
            nodes
                .iter()
                .any(|n| n.role == Role::Heading && n.name == prompt && n.level == Some(2)),
            "{qid}: no heading {prompt}"
        );
        let role = match q.kind {
            QuestionKind::Choice => Role::RadioGroup,
            QuestionKind::Date => Role::Group,
        };
        let group = nodes
            .iter()
            .position(|n| n.role == role && n.name == prompt)
            .unwrap_or_else(|| panic!("{qid}: no group named {prompt}"));
        assert_eq!(
            nodes[group].description.as_deref(),
            q.help.as_ref().map(|x| &*x.zh),
            "{qid}: the group is described by the help"
        );
        // The focus is inside the group (the chosen or first option, or the date field).
        let f = focused(&h);
        assert!(f.groups.contains(&prompt), "{qid}: focus {f:?}");
        // The footer comes after the question.
        let next = nodes
            .iter()
            .position(|n| n.role == Role::Button && n.name == "下一题")
            .expect("下一题");
        assert!(next > group, "{qid}: 下一题 before the question");
        assert_all_named(&h, &qid);
        match q.kind {
            QuestionKind::Choice => {
                let label = q.options[0].label.zh.to_string();
                click(&mut h, Role::RadioButton, &label);
                let picked = tree(&h)
                    .into_iter()
                    .find(|n| n.role == Role::RadioButton && n.name == label)
                    .unwrap();
                assert_eq!(picked.toggled, Some(Toggled::True));
                click(&mut h, Role::Button, "下一题");
            }
            QuestionKind::Date if !dates_checked => {
                dates_checked = true;
                h.get_by_role_and_label(Role::TextInput, &prompt).focus();
                h.run();
                h.get_by_role_and_label(Role::TextInput, &prompt)
                    .type_text("2025-13-40");
                h.run();
                click(&mut h, Role::Button, "下一题");
                h.run();
                let nodes = tree(&h);
                let msg = nodes
                    .iter()
                    .find(|n| n.name.contains("日历上没有 2025-13-40 这一天"))
                    .unwrap_or_else(|| panic!("no message for the invalid date"));
                assert_eq!(msg.live, Live::Assertive, "{msg:?}");
                let field = nodes
                    .iter()
                    .find(|n| n.role == Role::TextInput && n.name == prompt)
                    .unwrap();
                assert_eq!(field.invalid, Some(Invalid::True), "{field:?}");
                assert!(
                    field
                        .description
                        .as_deref()
                        .is_some_and(|d| d.contains("日历上没有")),
                    "{field:?}"
                );
                click(&mut h, Role::Button, "跳过");
                if h.state().state.screen == Screen::Wizard
                    && h.state().state.wizard.question == qid
                {
                    // A required date: a real one.
                    h.get_by_role_and_label(Role::TextInput, &prompt).focus();
                    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
                    h.get_by_role_and_label(Role::TextInput, &prompt)
                        .type_text("2025-04-01");
                    h.run();
                    click(&mut h, Role::Button, "下一题");
                }
            }
            QuestionKind::Date => click(&mut h, Role::Button, "跳过"),
        }
        assert!(
            h.state().state.screen != Screen::Wizard || h.state().state.wizard.question != qid,
            "the wizard did not move on from {qid}"
        );
    }
    assert!(dates_checked, "the path asked a date");

    // The review: its title has the focus.
    assert_eq!(h.state().state.screen, Screen::Review);
    let f = focused(&h);
    assert_eq!((f.role, f.name.as_str()), (Role::Heading, "核对您的回答"));
    assert_all_named(&h, "review");

    click(&mut h, Role::Button, "查看材料清单");
    assert_eq!(h.state().state.screen, Screen::Checklist);
    // The case's name is the page's heading and has the focus.
    let f = focused(&h);
    assert_eq!((f.role, f.level), (Role::Heading, Some(1)), "{f:?}");
    let hs = headings(&h);
    for want in ["需要准备的材料", "办理步骤"] {
        assert!(
            hs.iter().any(|(l, n)| *l == 2 && n.contains(want)),
            "no level-2 heading {want}: {hs:?}"
        );
    }
    assert!(hs.iter().any(|(l, _)| *l == 3), "material groups: {hs:?}");
    assert_all_named(&h, "checklist");

    // A details toggle says whether it is open.
    let more = tree(&h)
        .into_iter()
        .find(|n| n.role == Role::Button && n.name.starts_with("详情"))
        .expect("a 详情… button");
    assert_eq!(more.expanded, Some(false));
    click(&mut h, Role::Button, &more.name);
    let whose = more.name.split_once('：').unwrap().1.to_string();
    let open = tree(&h)
        .into_iter()
        .find(|n| n.role == Role::Button && n.expanded.is_some() && n.name.ends_with(&whose))
        .unwrap();
    assert_eq!(open.expanded, Some(true), "{open:?}");

    // The rules: one named focus stop each, saying whether it is open.
    let rules_toggle = tree(&h)
        .into_iter()
        .find(|n| n.role == Role::Button && n.name.contains("规则与提示"))
        .expect("规则与提示's toggle");
    assert_eq!(rules_toggle.expanded, Some(false));
    click(&mut h, Role::Button, &rules_toggle.name);
    let rules: Vec<Seen> = tree(&h)
        .into_iter()
        .filter(|n| n.role == Role::Button && n.expanded == Some(false) && n.focusable)
        .collect();
    assert!(!rules.is_empty());
    assert_all_named(&h, "checklist with rules open");

    // Deleting says so politely, with its undo.
    click(&mut h, Role::Button, "删除");
    let said = tree(&h)
        .into_iter()
        .find(|n| n.name.starts_with("已删除"))
        .expect("a message after the delete");
    assert_eq!(said.live, Live::Polite);
    assert!(h.query_by_role_and_label(Role::Button, "撤销").is_some());
}
