//! The checklist as text for a chat message (the 复制文字 button and `derive --message`).

use std::collections::BTreeMap;
use yibao_checklist::cases::ItemState;
use yibao_checklist::catalog::{Catalog, Lang};
use yibao_checklist::engine::derive;
use yibao_checklist::view::{self, ViewInput, plain::message_text};

use crate::common;

#[test]
fn the_message_has_the_summary_ticks_deadline_and_code_and_no_source_talk() {
    let catalog = Catalog::bundled().unwrap();
    for answers in common::artefact_sets(&catalog).iter().step_by(5) {
        let d = derive(&catalog, answers, "2026-02-01".parse().unwrap()).unwrap();
        let first = d.materials[0].id.to_string();
        let mut items = BTreeMap::new();
        items.insert(
            first.clone(),
            ItemState {
                done: true,
                note: "已复印2份".into(),
                ..Default::default()
            },
        );
        for lang in [Lang::Zh, Lang::En] {
            let v = view::build(
                &catalog,
                &d,
                &ViewInput {
                    lang,
                    label: Some("妈妈住院"),
                    items: Some(&items),
                    blank: false,
                },
            );
            let text = message_text(&v);
            let sm = v.summary().unwrap();
            assert!(text.starts_with(&format!("{} · 妈妈住院\n", v.title)));
            assert!(text.contains(&sm.headline), "{text}");
            assert!(text.contains(&sm.progress));
            let name = &d.materials[0].name.get(lang).to_string();
            assert!(
                text.lines()
                    .any(|l| l.starts_with("☑ ") && l.contains(name.as_str())),
                "{text}"
            );
            assert_eq!(
                text.lines().filter(|l| l.starts_with("☐ ")).count(),
                sm.materials_total - 1
            );
            if let Some(date) = sm.deadline_date {
                let label = match lang {
                    Lang::Zh => "下一个截止日期：",
                    Lang::En => "Next deadline: ",
                };
                assert!(text.contains(&format!("{label}{date}")), "{text}");
            }
            let code = v.code.as_deref().unwrap();
            assert!(text.trim_end().ends_with(code));
            // No source talk: no citations, no source titles, no notes, no rules.
            assert!(!text.contains("[1"), "{text}");
            assert!(!text.contains("来源") && !text.contains("source"), "{text}");
            assert!(!text.contains("已复印2份"));
            for src in &d.sources {
                assert!(!text.contains(&*src.title));
            }
            // Short lines, no empty line at the end, plain newlines.
            assert!(!text.contains('\r'));
            for l in text.lines() {
                assert!(l.chars().count() <= 120, "long line: {l}");
            }
        }
    }
}

#[test]
fn the_command_prints_the_message() {
    let out = assert_cmd::Command::cargo_bin("yibao-checklist")
        .unwrap()
        .env(
            "YIBAO_CHECKLIST_DATA_DIR",
            std::env::temp_dir().join("yibao-plain-tests-empty"),
        )
        .args([
            "derive",
            "--message",
            "-a",
            "scenario=local",
            "-a",
            "region=national",
            "-a",
            "insurance=resident",
            "-a",
            "visit=outpatient",
            "-a",
            "emergency=no",
            "-a",
            "settlement=direct",
            "-a",
            "third_party=no",
            "--today",
            "2026-02-01",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("医保报销材料清单\n"), "{text}");
    assert!(text.contains("【需要准备的材料】"));
    assert!(text.contains("清单码："));
}
