//! "What changed for you": a saved case, then an override that changes the data under it.
//! `recheck` shows the change once, records it, and the case file (ticks, notes) is untouched.

use crate::common;

use assert_cmd::Command;
use yibao_checklist::cases::{Case, Store};
use yibao_checklist::catalog::{Catalog, CatalogFile, Condition, Span};
use yibao_checklist::engine::{Answers, derive};
use yibao_checklist::recheck::{Seen, diff, seen_path};

fn claim() -> Answers {
    let mut a = common::shanghai_claim();
    a.set("invoice_date", "2026-01-10");
    a.set("submitted_date", "2026-01-20");
    a
}

fn recheck(data: &std::path::Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("yibao-checklist")
        .unwrap()
        .env("YIBAO_CHECKLIST_DATA_DIR", data)
        .arg("recheck")
        .args(["--today", "2026-02-01"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// An override with a new notice, a notice no longer applying and a later payout estimate.
fn changed_data(bundled: &Catalog, today: chrono::NaiveDate) -> (String, String, String, String) {
    let d = derive(bundled, &claim(), today).unwrap();
    let kept = d.notices[0].id.clone();
    let gone = d.notices[1].id.clone();
    let mut new_notice = bundled
        .notices
        .iter()
        .find(|n| n.id == kept)
        .unwrap()
        .clone();
    new_notice.id = "recheck_test_new".into();
    new_notice.title.zh = "测试：新增的提醒".into();
    let mut dropped = bundled
        .notices
        .iter()
        .find(|n| n.id == gone)
        .unwrap()
        .clone();
    dropped.when = Condition::Is("scenario".into(), "filing".into());
    let estimate = d
        .deadlines
        .iter()
        .find(|dl| !dl.kind.is_limit() && dl.safest_version().and_then(|v| v.date).is_some())
        .expect("a dated estimate");
    let mut later = bundled
        .deadlines
        .iter()
        .find(|x| x.id == estimate.id)
        .unwrap()
        .clone();
    for v in &mut later.versions {
        v.span = Span::Days(100);
        v.span_max = None;
    }
    let text = ron::ser::to_string_pretty(
        &CatalogFile {
            notices: vec![new_notice, dropped],
            deadlines: vec![later],
            ..Default::default()
        },
        ron::ser::PrettyConfig::default(),
    )
    .unwrap();
    (
        text,
        gone.to_string(),
        estimate.id.to_string(),
        estimate.label.zh.to_string(),
    )
}

#[test]
fn an_override_under_a_saved_case_is_shown_once() {
    let data = tempfile::tempdir().unwrap();
    let cases = data.path().join("cases");
    let mut case = Case::new("妈妈住院");
    case.answers = claim();
    case.set_done("id_card", true);
    case.set_note("id_card", "已复印2份");
    {
        let (store, _) = Store::open(&cases).unwrap();
        store.save(&case).unwrap();
    }
    let case_file = std::fs::read(cases.join(format!("{}.ron", case.id))).unwrap();

    // First run: the baseline is recorded next to the case.
    let first = recheck(data.path(), &[]);
    assert!(first.contains("首次记录"), "{first}");
    assert!(first.contains("妈妈住院"));
    let sidecar = seen_path(&cases, &case.id);
    assert!(sidecar.is_file());
    let second = recheck(data.path(), &[]);
    assert!(second.contains("没有变化"), "{second}");
    assert!(!second.contains("首次记录"));

    // The user's overrides change the data under the case.
    let bundled = Catalog::bundled().unwrap();
    let today = "2026-02-01".parse().unwrap();
    let (text, gone, moved_id, moved_label) = changed_data(&bundled, today);
    let overrides = data.path().join("checklists");
    std::fs::create_dir_all(&overrides).unwrap();
    std::fs::write(overrides.join("local.ron"), text).unwrap();

    let json: serde_json::Value = serde_json::from_str(&recheck(data.path(), &["--json"])).unwrap();
    assert_eq!(json["recorded"], true);
    let c = &json["cases"][0];
    assert_eq!(c["label"], "妈妈住院");
    assert_eq!(c["first_time"], false);
    let ch = &c["changes"];
    let ids = |key: &str| -> Vec<String> {
        ch[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("new"), ["recheck_test_new"]);
    assert_eq!(ch["new"][0]["name"], "测试：新增的提醒");
    assert_eq!(ch["new"][0]["kind"], "notice");
    assert_eq!(ids("gone"), [gone]);
    let moved = ch["moved"].as_array().unwrap();
    assert_eq!(moved.len(), 1, "{ch}");
    assert_eq!(moved[0]["id"], moved_id.as_str());
    assert_eq!(
        moved[0]["to"], "2026-04-30",
        "100 days after the submission"
    );
    assert_ne!(moved[0]["from"], moved[0]["to"]);

    // Shown once: the next run has nothing new, in text and in JSON.
    let after = recheck(data.path(), &[]);
    assert!(after.contains("没有变化"), "{after}");
    assert!(!after.contains(&moved_label));
    let json: serde_json::Value = serde_json::from_str(&recheck(data.path(), &["--json"])).unwrap();
    let ch = &json["cases"][0]["changes"];
    assert!(ch["new"].as_array().unwrap().is_empty());
    assert!(ch["moved"].as_array().unwrap().is_empty());

    // The case file was never rewritten: ticks and notes are where they were.
    assert_eq!(
        std::fs::read(cases.join(format!("{}.ron", case.id))).unwrap(),
        case_file
    );
    // And the store does not mistake the sidecar for a case.
    let (_store, report) = Store::open(&cases).unwrap();
    assert_eq!(report.cases.len(), 1);
    assert!(report.quarantined.is_empty());
}

#[test]
fn the_text_names_what_changed() {
    let data = tempfile::tempdir().unwrap();
    let cases = data.path().join("cases");
    let mut case = Case::new("爸爸门诊");
    case.answers = claim();
    {
        let (store, _) = Store::open(&cases).unwrap();
        store.save(&case).unwrap();
    }
    recheck(data.path(), &[]);
    let bundled = Catalog::bundled().unwrap();
    let (text, _, _, moved_label) = changed_data(&bundled, "2026-02-01".parse().unwrap());
    std::fs::create_dir_all(data.path().join("checklists")).unwrap();
    std::fs::write(data.path().join("checklists/local.ron"), text).unwrap();
    let out = recheck(data.path(), &[]);
    assert!(out.contains("数据更新后，您的清单有变化"), "{out}");
    assert!(out.contains("“爸爸门诊”"));
    assert!(out.contains("+ 新增：测试：新增的提醒"), "{out}");
    assert!(out.contains("- 不再需要："));
    assert!(
        out.contains(&format!("→ 期限变动：{moved_label}：")),
        "{out}"
    );
    assert!(out.contains("→ 2026-04-30"), "{out}");
}

#[test]
fn diff_of_the_same_derivation_is_empty_and_a_lost_date_reads_as_moved() {
    let catalog = Catalog::bundled().unwrap();
    let today = "2026-02-01".parse().unwrap();
    let d = derive(&catalog, &claim(), today).unwrap();
    let seen = Seen::of(&d);
    assert!(diff(&catalog, &seen, &d, yibao_checklist::catalog::Lang::Zh).is_empty());
    let mut a = claim();
    a.remove("submitted_date");
    let d2 = derive(&catalog, &a, today).unwrap();
    let ch = diff(&catalog, &seen, &d2, yibao_checklist::catalog::Lang::En);
    assert!(
        ch.moved.iter().any(|m| m.from.is_some() && m.to.is_none()),
        "{ch:?}"
    );
}
