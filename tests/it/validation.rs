//! Every catalog validation error, on small catalogs written for the purpose: each names the
//! file, the RON line:column and the offending id.

use yibao_checklist::catalog::{Catalog, CatalogError};
use yibao_checklist::engine::check_reachability;

const BASE: &str = r#"(
    sources: [(id: "000", title: "来源", file: "000.txt", snippets: ["片段"])],
    questions: [
        (id: "scenario", kind: Choice, prompt: (zh: "办什么", en: "What"),
         options: [(id: "a", label: (zh: "甲", en: "A")), (id: "b", label: (zh: "乙", en: "B"))]),
        (id: "extra", kind: Choice, prompt: (zh: "另一个", en: "Another"), ask_when: Is("scenario", "a"),
         options: [(id: "yes", label: (zh: "是", en: "Yes"))]),
        (id: "d1", kind: Date, prompt: (zh: "日期", en: "Date"), required: false),
    ],
    channels: [(id: "app", name: (zh: "应用", en: "App"), sources: ["000"])],
    materials: [
        (id: "m1", name: (zh: "身份证", en: "ID card"), group: identity, when: Always,
         why: (zh: "核实身份", en: "Proves who you are"), sources: ["000"]),
    ],
    steps: [
        (id: "s1", order: 10, title: (zh: "提交", en: "Submit"), channels: ["app"], when: Always, sources: ["000#片段"]),
    ],
    deadlines: [
        (id: "dl", kind: claim_deadline, label: (zh: "期限", en: "Deadline"), when: Is("scenario", "a"),
         versions: [(span: Months(6), from: ["d1"], text: (zh: "6个月内", en: "within 6 months"), sources: ["000"])]),
    ],
    notices: [
        (id: "n1", kind: warning, title: (zh: "注意", en: "Note"), when: Always,
         versions: [(text: (zh: "说明", en: "Text"), sources: ["000"])]),
    ],
)"#;

fn load(src: &str) -> Result<Catalog, Vec<CatalogError>> {
    Catalog::from_sources([("test.ron".to_string(), src.to_string())], [])
}

/// The single error for `src`, which must contain `needle` and name `id` at `line`.
fn one_error(src: &str, needle: &str, id: Option<&str>, line: usize) -> CatalogError {
    let errors = load(src).expect_err("catalog must be rejected");
    let e = errors
        .iter()
        .find(|e| e.message.contains(needle))
        .unwrap_or_else(|| panic!("no error containing {needle:?} in {errors:#?}"))
        .clone();
    assert_eq!(e.id.as_deref(), id, "{e}");
    assert_eq!(e.origin.file, "test.ron");
    assert_eq!(e.origin.line, line, "{e}");
    e
}

fn line_of(src: &str, needle: &str) -> usize {
    src[..src.find(needle).expect(needle)].matches('\n').count() + 1
}

#[test]
fn base_catalog_is_valid() {
    let c = load(BASE).expect("valid");
    assert!(check_reachability(&c).errors().is_empty());
}

#[test]
fn ron_syntax_error_reports_line_and_column() {
    let src = BASE.replace(r#"(id: "m1", name:"#, r#"(id: "m1" name:"#);
    let errors = load(&src).unwrap_err();
    assert_eq!(errors.len(), 1);
    let e = &errors[0];
    assert_eq!(e.origin.line, line_of(&src, r#"(id: "m1" name"#));
    assert!(e.origin.col > 1);
    assert!(
        e.to_string()
            .starts_with(&format!("test.ron:{}:", e.origin.line)),
        "{e}"
    );
}

#[test]
fn duplicate_id_points_at_the_second_definition() {
    let dup = r#"(id: "m1", name: (zh: "身份证", en: "ID"), group: identity, when: Always, why: (zh: "再", en: "again"), sources: ["000"]),"#;
    let src = BASE.replace(
        "sources: [\"000\"]),\n    ],\n    steps",
        &format!("sources: [\"000\"]),\n        {dup}\n    ],\n    steps"),
    );
    let e = one_error(&src, "duplicate id \"m1\"", Some("m1"), line_of(&src, dup));
    assert!(e.message.contains("first defined at test.ron:"), "{e}");
}

#[test]
fn condition_naming_unknown_question() {
    let src = BASE.replace(
        r#"when: Is("scenario", "a"),
         versions"#,
        r#"when: Is("sceanrio", "a"),
         versions"#,
    );
    one_error(
        &src,
        "unknown question \"sceanrio\"",
        Some("dl"),
        line_of(&src, r#"(id: "dl""#),
    );
}

#[test]
fn condition_naming_unknown_option_lists_the_valid_ones() {
    let src = BASE.replace(
        r#"ask_when: Is("scenario", "a")"#,
        r#"ask_when: Is("scenario", "c")"#,
    );
    let e = one_error(
        &src,
        "unknown option \"c\"",
        Some("extra"),
        line_of(&src, r#"(id: "extra""#),
    );
    assert!(e.message.contains("a, b"), "{e}");
}

#[test]
fn ask_condition_may_only_name_earlier_questions() {
    let src = BASE.replace(
        r#"(id: "scenario", kind: Choice, prompt: (zh: "办什么", en: "What"),"#,
        r#"(id: "scenario", kind: Choice, prompt: (zh: "办什么", en: "What"), ask_when: Answered("extra"),"#,
    );
    one_error(
        &src,
        "not asked before it",
        Some("scenario"),
        line_of(&src, r#"(id: "scenario""#),
    );
}

#[test]
fn entry_without_source() {
    let src = BASE.replace(
        r#"why: (zh: "核实身份", en: "Proves who you are"), sources: ["000"]"#,
        r#"why: (zh: "核实身份", en: "Proves who you are"), sources: []"#,
    );
    one_error(
        &src,
        "cites no source",
        Some("m1"),
        line_of(&src, r#"(id: "m1""#),
    );
}

#[test]
fn unknown_source_and_unknown_snippet() {
    let src = BASE.replace(r#"sources: ["000#片段"]"#, r#"sources: ["009"]"#);
    one_error(
        &src,
        "unknown source \"009\"",
        Some("s1"),
        line_of(&src, r#"(id: "s1""#),
    );
    let src = BASE.replace(r#"sources: ["000#片段"]"#, r#"sources: ["000#没有这个"]"#);
    one_error(
        &src,
        "snippet \"没有这个\"",
        Some("s1"),
        line_of(&src, r#"(id: "s1""#),
    );
}

#[test]
fn text_missing_a_language() {
    let src = BASE.replace(
        r#"title: (zh: "提交", en: "Submit")"#,
        r#"title: (zh: "提交", en: "")"#,
    );
    one_error(
        &src,
        "no English (en) text",
        Some("s1"),
        line_of(&src, r#"(id: "s1""#),
    );
    let src = BASE.replace(
        r#"name: (zh: "身份证", en: "ID card")"#,
        r#"name: (zh: " ", en: "ID card")"#,
    );
    one_error(
        &src,
        "no Chinese (zh) text",
        Some("m1"),
        line_of(&src, r#"(id: "m1""#),
    );
}

#[test]
fn unknown_channel_and_non_date_start() {
    let src = BASE.replace(r#"channels: ["app"]"#, r#"channels: ["fax"]"#);
    one_error(
        &src,
        "unknown channel \"fax\"",
        Some("s1"),
        line_of(&src, r#"(id: "s1""#),
    );
    let src = BASE.replace(r#"from: ["d1"]"#, r#"from: ["scenario"]"#);
    one_error(
        &src,
        "\"scenario\" is not a date question",
        Some("dl"),
        line_of(&src, r#"(id: "dl""#),
    );
}

#[test]
fn unknown_replaced_entry() {
    let src = BASE.replace(
        r#"group: identity, when: Always,"#,
        r#"group: identity, when: Always, replaces: ["m9"],"#,
    );
    one_error(
        &src,
        "replaces unknown entry \"m9\"",
        Some("m1"),
        line_of(&src, r#"(id: "m1""#),
    );
}

#[test]
fn question_that_can_never_be_asked() {
    let src = BASE.replace(
        r#"ask_when: Is("scenario", "a")"#,
        r#"ask_when: All([Is("scenario", "a"), Is("scenario", "b")])"#,
    );
    let c = load(&src).expect("structurally valid");
    let errors = check_reachability(&c).errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].id.as_deref(), Some("extra"));
    assert!(errors[0].message.contains("can never be asked"));
    assert_eq!(errors[0].origin.line, line_of(&src, r#"(id: "extra""#));
}

#[test]
fn answer_set_with_empty_checklist() {
    let src = BASE.replace(
        r#"group: identity, when: Always"#,
        r#"group: identity, when: Is("scenario", "a")"#,
    );
    let c = load(&src).expect("structurally valid");
    let errors = check_reachability(&c).errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].message.contains("empty checklist"));
    assert!(errors[0].message.contains("scenario=b"), "{}", errors[0]);
}

#[test]
fn validate_command_reports_errors_in_a_folder_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let src = BASE.replace(r#"channels: ["app"]"#, r#"channels: ["fax"]"#);
    std::fs::write(dir.path().join("test.ron"), &src).unwrap();
    let out = assert_cmd::Command::cargo_bin("yibao-checklist")
        .unwrap()
        .args(["validate", "--lang", "en", dir.path().to_str().unwrap()])
        .assert()
        .failure();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let line = line_of(&src, r#"(id: "s1""#);
    assert!(stderr.contains(&format!("test.ron:{line}:")), "{stderr}");
    assert!(stderr.contains("unknown channel \"fax\""), "{stderr}");
}

#[test]
fn a_floor_only_on_a_limit_with_a_length() {
    let src = BASE.replace(
        r#"(span: Months(6), from: ["d1"]"#,
        r#"(span: Indefinite, minimum: true, from: ["d1"]"#,
    );
    one_error(
        &src,
        "`minimum` needs a limit",
        Some("dl"),
        line_of(&src, r#"(id: "dl""#),
    );
    let src = BASE
        .replace("kind: claim_deadline", "kind: processing_time")
        .replace(
            r#"(span: Months(6), from: ["d1"]"#,
            r#"(span: Months(6), minimum: true, from: ["d1"]"#,
        );
    one_error(
        &src,
        "`minimum` needs a limit",
        Some("dl"),
        line_of(&src, r#"(id: "dl""#),
    );
    let ok = BASE.replace(
        r#"(span: Months(6), from: ["d1"]"#,
        r#"(span: Months(6), minimum: true, from: ["d1"]"#,
    );
    load(&ok).expect("a floor on a claim deadline with a length is fine");
}

#[test]
fn a_notice_version_condition_is_checked() {
    let src = BASE.replace(
        r#"versions: [(text: (zh: "说明", en: "Text"), sources: ["000"])]"#,
        r#"versions: [(text: (zh: "说明", en: "Text"), when: Is("scenario", "z"), sources: ["000"])]"#,
    );
    one_error(
        &src,
        "a version's when names unknown option \"z\"",
        Some("n1"),
        line_of(&src, r#"(id: "n1""#),
    );
}

#[test]
fn a_region_must_be_offered_by_the_insured_region_question() {
    // Offered by a question that is not the insured region (a place of treatment, say): rejected.
    let src = BASE.replace(
        r#"    channels: ["#,
        r#"    regions: [(id: "a", name: (zh: "甲地", en: "A"), sources: ["000"])],
    channels: ["#,
    );
    // (Its position is that of the first `id: "a"`, the option: region and option share the id.)
    let errors = load(&src).expect_err("rejected");
    assert!(
        errors.iter().any(|e| e.id.as_deref() == Some("a")
            && e.message
                .contains("region \"a\" is not an option of an insured_region question")),
        "{errors:#?}"
    );
    let ok = src.replace(
        r#"options: [(id: "a", label: (zh: "甲", en: "A")), (id: "b", label: (zh: "乙", en: "B"))]),"#,
        r#"options: [(id: "a", label: (zh: "甲", en: "A")), (id: "b", label: (zh: "乙", en: "B"))], insured_region: true),"#,
    );
    load(&ok).expect("offered by the insured-region question");
}

#[test]
fn a_quick_sheet_with_an_unknown_question_or_option_is_rejected() {
    for (answers, needle) in [
        (r#"{"scenario": "zzz"}"#, "has no option \"zzz\""),
        (r#"{"scenaro": "a"}"#, "unknown question \"scenaro\""),
    ] {
        let src = BASE.replacen(
            "    notices: [",
            &format!(
                "    quick_sheets: [(id: \"q1\", name: (zh: \"常用\", en: \"Common\"), answers: {answers})],\n    notices: ["
            ),
            1,
        );
        let line = line_of(&src, "id: \"q1\"");
        one_error(&src, needle, Some("q1"), line);
    }
    let ok = BASE.replacen(
        "    notices: [",
        "    quick_sheets: [(id: \"q1\", name: (zh: \"常用\", en: \"Common\"), answers: {\"scenario\": \"a\"})],\n    notices: [",
        1,
    );
    assert_eq!(load(&ok).expect("valid").quick_sheets.len(), 1);
}
