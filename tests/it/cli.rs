//! The command line, run as a user would (assert_cmd).

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;

/// Never reads the developer's own overrides or cases.
fn cli() -> Command {
    common::cli(&std::env::temp_dir().join("yibao-cli-tests-empty"))
}

/// The emergency claim's answers as arguments.
fn emergency_claim() -> Vec<String> {
    common::answer_args(&common::emergency_claim())
}

#[test]
fn questions_lists_ids_and_options() {
    cli()
        .arg("questions")
        .assert()
        .success()
        .stdout(predicate::str::contains("scenario: 您要办理什么事？"))
        .stdout(predicate::str::contains("cross_region = "))
        .stdout(predicate::str::contains("discharge_date (YYYY-MM-DD)"));
}

#[test]
fn questions_json_is_machine_readable() {
    let out = cli().args(["questions", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    for id in [
        "scenario",
        "visit",
        "emergency",
        "settlement",
        "channel",
        "filing_type",
        "filed",
        "insurance",
        "third_party",
        "proxy",
        "special_drugs",
        "region",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
}

/// The place of treatment is offered, optional, with `other` first (what a skip means).
#[test]
fn questions_json_offers_the_optional_place_of_treatment() {
    let out = cli().args(["questions", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let qs = v.as_array().unwrap();
    let pos = |id: &str| qs.iter().position(|q| q["id"] == id).unwrap();
    let q = &qs[pos("treatment_region")];
    assert_eq!(q["required"], false);
    assert!(pos("region") < pos("treatment_region"));
    let options: Vec<&str> = q["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(options.first(), Some(&"other"), "{options:?}");
    assert!(options.contains(&"shanghai"), "{options:?}");
}

/// A filing validity that the source gives as a floor is `valid_at_least`, with no countdown.
#[test]
fn derive_json_marks_a_floor_as_valid_at_least() {
    let out = cli()
        .args([
            "derive",
            "--json",
            "--today",
            "2026-03-01",
            "-a",
            "scenario=filing",
            "-a",
            "region=national",
            "-a",
            "insurance=employee",
            "-a",
            "filing_type=temporary",
            "-a",
            "channel=online",
            "-a",
            "proxy=no",
            "-d",
            "filing_date=2026-03-02",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let validity = v["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "filing_validity")
        .unwrap();
    let floor = validity["versions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["text"]["zh"].as_str().unwrap().contains("至少6个月"))
        .unwrap();
    assert_eq!(floor["status"], "valid_at_least");
    assert_eq!(floor["date"], "2026-09-02");
    assert!(floor["days_left"].is_null());
}

#[test]
fn unknown_option_exits_2_naming_the_valid_ones_in_chinese_by_default() {
    cli()
        .args(["derive", "-a", "scenario=nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "错误：scenario：没有“nope”这个选项",
        ))
        .stderr(predicate::str::contains("filing, cross_region, local"))
        .stderr(predicate::str::contains("unknown").not());
}

#[test]
fn unknown_option_in_english_with_lang_en() {
    cli()
        .args(["derive", "-a", "scenario=abroad", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: scenario: unknown option \"abroad\"",
        ))
        .stderr(predicate::str::contains("filing, cross_region, local"));
}

#[test]
fn unknown_question_exits_2_naming_the_questions() {
    cli()
        .args(["derive", "-a", "scenaro=local"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("没有“scenaro”这个问题"))
        .stderr(predicate::str::contains("scenario, region"));
    cli()
        .args(["derive", "-a", "scenaro=local", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown question \"scenaro\""));
}

#[test]
fn missing_answers_name_the_questions_still_to_answer() {
    cli()
        .args(["derive", "-a", "scenario=cross_region", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Still to answer"))
        .stderr(predicate::str::contains("region: Where are you insured?"))
        .stderr(predicate::str::contains("visit: Outpatient or inpatient?"))
        .stderr(predicate::str::contains("outpatient (Outpatient"));
}

#[test]
fn malformed_answer_is_an_input_error() {
    cli()
        .args(["derive", "-a", "scenario"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("“scenario”不是“问题=选项”的形式"));
}

#[test]
fn impossible_date_names_the_field() {
    cli()
        .arg("derive")
        .args(emergency_claim())
        .args(["-d", "discharge_date=2025-02-30", "--today", "2025-04-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "discharge_date：日历上没有 2025-02-30 这一天",
        ));
}

#[test]
fn discharge_before_admission_names_the_field() {
    cli()
        .arg("derive")
        .args(emergency_claim())
        .args([
            "-d",
            "admission_date=2025-03-10",
            "-d",
            "discharge_date=2025-03-01",
            "--today",
            "2025-04-01",
            "--lang",
            "en",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "discharge_date (2025-03-01) cannot be before admission_date (2025-03-10)",
        ));
}

#[test]
fn date_far_in_the_future_names_the_field() {
    cli()
        .arg("derive")
        .args(emergency_claim())
        .args(["-d", "discharge_date=2052-03-01", "--today", "2025-04-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "discharge_date：2052-03-01 比今天晚了超过",
        ));
}

#[test]
fn bad_today_is_an_input_error() {
    cli()
        .arg("derive")
        .args(emergency_claim())
        .args(["--today", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--today"));
}

#[test]
fn derive_prints_a_readable_checklist_with_dates() {
    cli()
        .arg("derive")
        .args(emergency_claim())
        .args([
            "-d",
            "admission_date=2025-03-01",
            "-d",
            "discharge_date=2025-03-10",
            "--today",
            "2025-04-01",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("== 当前情况 =="))
        .stdout(predicate::str::contains("== 需要准备的材料 =="))
        .stdout(predicate::str::contains("急诊"))
        .stdout(predicate::str::contains("2025-09-10"))
        .stdout(predicate::str::contains("以当地医保部门为准"));
}

#[test]
fn derive_json_has_the_documented_shape_and_lists_unused_answers() {
    let out = cli()
        .arg("derive")
        .args(emergency_claim())
        .args([
            "-a",
            "filing_type=retiree",
            "-d",
            "discharge_date=2025-03-10",
            "--today",
            "2025-04-01",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "today",
        "answers",
        "unused",
        "pending",
        "materials",
        "steps",
        "deadlines",
        "notices",
        "sources",
        "disclaimer",
        "data_version",
    ] {
        assert!(v.get(key).is_some(), "{key} missing");
    }
    assert_eq!(v["unused"], serde_json::json!([["filing_type", "retiree"]]));
    let m = &v["materials"][0];
    assert!(m["name"]["zh"].is_string() && m["name"]["en"].is_string());
    assert!(m["sources"].as_array().is_some_and(|s| !s.is_empty()));
    let dl = v["deadlines"].as_array().unwrap();
    assert!(dl.iter().any(|d| d["kind"] == "claim_deadline"));
    // The view: the sections in reading order with both titles, and the summary.
    let sections = v["sections"].as_array().expect("sections");
    assert_eq!(sections[0]["id"], "summary");
    assert_eq!(sections[0]["title"]["zh"], "当前情况");
    assert_eq!(sections[0]["title"]["en"], "Where you stand");
    let ids: Vec<&str> = sections.iter().map(|s| s["id"].as_str().unwrap()).collect();
    let at = |id: &str| ids.iter().position(|x| *x == id).unwrap_or(usize::MAX);
    assert!(at("warnings") < at("materials") && at("materials") < at("steps"));
    assert!(at("steps") < at("deadlines"), "{ids:?}");
    let summary = &v["summary"];
    assert!(summary["materials"]["total"].as_u64().unwrap() > 0);
    assert_eq!(summary["materials"]["ready"], 0);
    assert_eq!(summary["next_deadline"]["id"], "claim_deadline");
    assert!(summary["next_deadline"]["date"].is_string());
    assert!(summary["next_step"]["title"]["zh"].is_string());
}

#[test]
fn english_output() {
    cli()
        .arg("derive")
        .args(emergency_claim())
        .args(["--lang", "en", "--today", "2025-04-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("== Where you stand =="))
        .stdout(predicate::str::contains("== Materials to prepare =="))
        .stdout(predicate::str::contains("== Steps =="))
        // Headings and the words the app adds are English (data may quote Chinese names).
        .stdout(predicate::function(|out: &str| {
            out.lines()
                .filter(|l| l.starts_with("== ") || l.starts_with("-- "))
                .all(|l| !l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        }));
}

#[test]
fn validate_passes_on_the_bundled_data() {
    cli()
        .args(["validate", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok: "));
}

#[test]
fn validate_on_a_missing_folder_fails_clearly() {
    cli()
        .args(["validate", "/nonexistent/folder"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("无法读取"));
}
