//! The hand-off code end to end: every regression answer set round-trips, the code is on the
//! sheet, in the terminal text and in `derive --json`, and `--code` restores the same answers.

use assert_cmd::Command;
use predicates::prelude::*;
use yibao_checklist::catalog::{Catalog, Lang};
use yibao_checklist::engine::derive;
use yibao_checklist::handoff::{self, CodeError};
use yibao_checklist::pdf::{SheetOptions, render_view};
use yibao_checklist::view::{self, ViewInput, strings};

use crate::common;

fn cli() -> Command {
    common::cli(&std::env::temp_dir().join("yibao-handoff-tests-empty"))
}

#[test]
fn every_regression_answer_set_round_trips() {
    let catalog = Catalog::bundled().expect("bundled");
    let today = "2026-02-01".parse().unwrap();
    let sets = common::artefact_sets(&catalog);
    assert!(sets.len() >= 200, "{}", sets.len());
    let mut longest = 0;
    for answers in &sets {
        let code = handoff::encode(answers).unwrap_or_else(|e| panic!("{answers:?}: {e}"));
        let bare = code.replace('-', "");
        longest = longest.max(bare.len());
        assert!(bare.len() <= handoff::MAX_LEN, "{code}");
        let back = handoff::decode(&code).expect("decodes");
        assert_eq!(&back, answers, "{code}");
        // The same checklist, and the view carries the same code.
        let a = derive(&catalog, answers, today).unwrap();
        let b = derive(&catalog, &back, today).unwrap();
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&b).unwrap()
        );
        let v = view::build(&catalog, &a, &ViewInput::default());
        assert_eq!(v.code.as_deref(), Some(code.as_str()));
        // A blank sheet's code carries the situation without the dates.
        let blank = view::build(
            &catalog,
            &a,
            &ViewInput {
                blank: true,
                ..Default::default()
            },
        );
        let situation = handoff::decode(blank.code.as_deref().expect("code")).unwrap();
        assert!(situation.0.keys().all(|q| !q.ends_with("_date")));
        assert!(situation.0.iter().all(|(q, v)| answers.get(q) == Some(v)));
    }
    assert!(longest <= 16);
}

#[test]
fn a_mistyped_code_is_caught_and_explained() {
    let catalog = Catalog::bundled().expect("bundled");
    let sets = common::artefact_sets(&catalog);
    // Every single-character change of every 7th set's code is refused.
    for answers in sets.iter().step_by(7) {
        let code = handoff::encode(answers).unwrap();
        let chars: Vec<char> = code.chars().collect();
        for i in (0..chars.len()).filter(|&i| chars[i] != '-') {
            for &b in handoff::ALPHABET {
                let c = b as char;
                if c == chars[i] {
                    continue;
                }
                let mut typo = chars.clone();
                typo[i] = c;
                let typo: String = typo.into_iter().collect();
                assert_eq!(handoff::decode(&typo), Err(CodeError::Checksum), "{typo}");
            }
        }
    }
    for lang in [Lang::Zh, Lang::En] {
        let msg = strings::code_error(lang, &CodeError::Checksum);
        assert!(!msg.is_empty());
    }
    assert!(strings::code_error(Lang::Zh, &CodeError::Checksum).contains("输错"));
}

/// `derive` of the Shanghai-insured claim, worked out on 2026-02-01.
fn claim() -> Vec<String> {
    let mut args = vec!["derive".to_string()];
    args.extend(common::answer_args(&common::shanghai_claim()));
    args.extend(["--today".to_string(), "2026-02-01".to_string()]);
    args
}

#[test]
fn derive_json_has_the_code_and_code_restores_it() {
    let out = cli()
        .args(claim())
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let code = json["code"].as_str().expect("code").to_string();
    let again = cli()
        .args([
            "derive",
            "--code",
            &code.to_lowercase(),
            "--today",
            "2026-02-01",
            "--json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(out, again, "the same answers, the same output");
    // The terminal text ends with the code.
    cli()
        .args(["derive", "--code", &code, "--today", "2026-02-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("清单码：{code}")));
}

#[test]
fn a_bad_code_is_an_input_error_in_either_language() {
    cli()
        .args(["derive", "--code", "K7Q4-M2XP-9HT3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("清单码"));
    cli()
        .args(["derive", "--code", "K7Q4-M2XP-9HT0", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("character 12, \"0\""));
    // --code and --answer together are refused by the argument parser.
    cli()
        .args(["derive", "--code", "2222-2222", "-a", "visit=inpatient"])
        .assert()
        .code(2);
}

#[test]
fn the_code_is_printed_on_the_sheet() {
    let catalog = Catalog::bundled().expect("bundled");
    let answers = common::artefact_sets(&catalog).remove(0);
    let d = derive(&catalog, &answers, "2026-02-01".parse().unwrap()).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let v = view::build(
            &catalog,
            &d,
            &ViewInput {
                lang,
                ..Default::default()
            },
        );
        let code = v.code.clone().expect("code");
        // Large print and the printing date (the view's day) make the footer's meta line long:
        // the code moves to the footer text then, but stays on every page.
        for large in [false, true] {
            let options = SheetOptions {
                large,
                ..Default::default()
            };
            let pdf = render_view(&v, &options).expect("renders");
            let doc = lopdf::Document::load_mem(&pdf).expect("parses");
            for p in 1..=doc.get_pages().len() as u32 {
                let text = doc.extract_text(&[p]).expect("text");
                assert!(
                    text.contains(&code),
                    "page {p}, {lang:?}, large {large}: no {code}"
                );
            }
        }
    }
}

#[test]
fn export_with_a_code_prints_the_same_sheet_with_the_code() {
    let catalog = Catalog::bundled().expect("bundled");
    let answers = common::artefact_sets(&catalog).remove(3);
    let code = handoff::encode(&answers).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.pdf");
    cli()
        .args(["export", "--code", &code, "--today", "2026-02-01", "--out"])
        .arg(&out)
        .assert()
        .success();
    let doc = lopdf::Document::load(&out).expect("a PDF");
    let text = doc.extract_text(&[1]).unwrap();
    assert!(text.contains(&code), "{code}");
}
