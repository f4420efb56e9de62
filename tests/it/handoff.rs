//! The hand-off code end to end: every regression answer set round-trips, the code is on the
//! sheet, in the terminal text and in `derive --json`, and `--code` restores the same answers.

use assert_cmd::Command;
use predicates::prelude::*;
use yibao_checklist::catalog::{Catalog, Lang};
use yibao_checklist::engine::{Answers, derive};
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
        let code = handoff::encode(&crate::common::code_tables(), answers)
            .unwrap_or_else(|e| panic!("{answers:?}: {e}"));
        let bare = code.replace('-', "");
        longest = longest.max(bare.len());
        assert!(bare.len() <= handoff::MAX_LEN, "{code}");
        let back = handoff::decode(&crate::common::code_tables(), &code).expect("decodes");
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
        let situation = handoff::decode(
            &crate::common::code_tables(),
            blank.code.as_deref().expect("code"),
        )
        .unwrap();
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
        let code = handoff::encode(&crate::common::code_tables(), answers).unwrap();
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
                assert_eq!(
                    handoff::decode(&crate::common::code_tables(), &typo),
                    Err(CodeError::Checksum),
                    "{typo}"
                );
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
    let code = handoff::encode(&crate::common::code_tables(), &answers).unwrap();
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

/// Codes printed before the tables moved into `checklists/handoff.ron` keep opening to the same
/// answers. Each was also worked out by hand from the format in the README (an independent
/// encoder written for the check), so the list does not merely repeat this build's encoder.
#[test]
fn codes_printed_before_keep_opening() {
    let printed: [(&str, &[(&str, &str)]); 4] = [
        (
            "9B3M-GPEE-949P",
            &[
                ("scenario", "cross_region"),
                ("region", "shanghai"),
                ("treatment_region", "guangdong"),
                ("insurance", "employee"),
                ("visit", "inpatient"),
                ("emergency", "no"),
                ("filed", "no"),
                ("settlement", "manual"),
                ("channel", "online"),
                ("proxy", "yes"),
                ("third_party", "no"),
                ("special_drugs", "yes"),
                ("admission_date", "2026-01-02"),
                ("discharge_date", "2026-01-30"),
                ("invoice_date", "2026-01-30"),
            ],
        ),
        (
            "23EG-EQ24-5S3D",
            &[
                ("scenario", "local"),
                ("region", "heilongjiang"),
                ("insurance", "employee"),
                ("visit", "outpatient"),
                ("emergency", "no"),
                ("settlement", "manual"),
                ("channel", "window"),
                ("proxy", "no"),
                ("third_party", "no"),
                ("special_drugs", "no"),
                ("visit_date", "2025-10-08"),
                ("invoice_date", "2025-10-08"),
            ],
        ),
        (
            "22C5-WVD6-TMJ3",
            &[
                ("scenario", "cross_region"),
                ("region", "guangdong"),
                ("insurance", "employee"),
                ("visit", "outpatient"),
                ("emergency", "yes"),
                ("filed", "no"),
                ("settlement", "manual"),
                ("channel", "mail"),
                ("proxy", "no"),
                ("third_party", "yes"),
                ("special_drugs", "no"),
                ("visit_date", "2026-11-20"),
            ],
        ),
        (
            "2236-4JTJ-A5S5",
            &[
                ("scenario", "filing"),
                ("region", "zhejiang"),
                ("insurance", "resident"),
                ("filing_type", "retiree"),
                ("channel", "online"),
                ("proxy", "yes"),
                ("filing_date", "2026-03-15"),
            ],
        ),
    ];
    let tables = crate::common::code_tables();
    for (code, pairs) in printed {
        let want = Answers::from_pairs(pairs.iter().copied());
        assert_eq!(handoff::decode(&tables, code).as_ref(), Ok(&want), "{code}");
        assert_eq!(handoff::encode(&tables, &want).as_deref(), Ok(code));
    }
}

/// A region added by an override is not in the code's table: `validate` names it, the
/// checklist says why it has no code, and no code is written that would open as other answers.
#[test]
fn an_answer_the_table_cannot_carry_gets_no_code_and_a_reason() {
    use yibao_checklist::catalog::BUNDLED;
    let extra = r#"(
    options: [(question: "region", option: (id: "testland", label: (zh: "测试市", en: "Testland")))],
    regions: [(id: "testland", name: (zh: "测试市", en: "Testland"), hotlines: ["0000-12393"], sources: ["000"])],
)"#;
    let bundled = || BUNDLED.iter().map(|(n, s)| (n.to_string(), s.to_string()));
    assert!(Catalog::bundled().unwrap().code_warnings().is_empty());
    let catalog =
        Catalog::from_sources(bundled(), [("testland.ron".to_string(), extra.to_string())])
            .expect("the override loads");
    let warnings = catalog.code_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].message.contains("region=testland"),
        "{}",
        warnings[0].message
    );

    let mut a = common::emergency_claim();
    a.set("region", "testland");
    let today = "2026-02-01".parse().unwrap();
    let d = yibao_checklist::engine::derive(&catalog, &a, today).expect("derives");
    let v = view::build(
        &catalog,
        &d,
        &ViewInput {
            lang: Lang::Zh,
            ..Default::default()
        },
    );
    assert_eq!(v.code, None);
    let why = v.no_code.expect("a reason");
    assert!(why.contains("参保地：测试市"), "{why}");
    assert_eq!(
        handoff::encode(&catalog.handoff, &a),
        Err(handoff::EncodeError::UnknownOption(
            "region".into(),
            "testland".into()
        ))
    );
}

/// Tables are append-only: a version that changes the one before, or a second table with the
/// same version, is refused by `validate` with the version named.
#[test]
fn a_changed_code_table_is_refused() {
    use yibao_checklist::catalog::BUNDLED;
    let bundled = || BUNDLED.iter().map(|(n, s)| (n.to_string(), s.to_string()));
    let v2_reordered =
        r#"(handoff: [(version: 2, choices: [("region", ["national"])], dates: [])])"#;
    let errors = Catalog::from_sources(bundled(), [("v2.ron".into(), v2_reordered.into())])
        .expect_err("refused");
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("does not extend version 1")),
        "{errors:?}"
    );
    let v1_again = r#"(handoff: [(version: 1, choices: [], dates: [])])"#;
    let errors = Catalog::from_sources(bundled(), [("v1.ron".into(), v1_again.into())])
        .expect_err("refused");
    assert!(
        errors.iter().any(|e| e.id.as_deref() == Some("1")),
        "{errors:?}"
    );
    // A version that extends the last one is accepted, and new codes are written with it.
    let mut v2 = crate::common::code_tables()[0].clone();
    v2.version = 2;
    v2.choices[1].1.push("testland".into());
    let text = format!("(handoff: [{}])", ron::to_string(&v2).unwrap());
    let catalog = Catalog::from_sources(bundled(), [("v2.ron".into(), text)]).expect("accepted");
    assert_eq!(catalog.handoff.len(), 2);
    let code = handoff::encode(
        &catalog.handoff,
        &Answers::from_pairs([("region", "testland")]),
    )
    .expect("v2 carries testland");
    assert_eq!(
        handoff::decode(&catalog.handoff, &code)
            .unwrap()
            .get("region"),
        Some("testland")
    );
}
