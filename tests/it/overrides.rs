//! User overrides: RON files in the data folder's `checklists/` are merged over the bundled data
//! without recompiling; a broken one is reported with file:line:col and the bundled data is used.

use crate::common::{Overrides, load};
use yibao_checklist::catalog::Catalog;
use yibao_checklist::engine::{Answers, derive, first_option_defaults};

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const NEW_REGION: &str = r#"(
    options: [(question: "region", option: (id: "testland", label: (zh: "测试市", en: "Testland")))],
    regions: [(id: "testland", name: (zh: "测试市", en: "Testland"), hotlines: ["0000-12393"], sources: ["000"])],
    notices: [
        (id: "testland_window", kind: tip, title: (zh: "测试市窗口周六开放", en: "Testland windows open on Saturdays"),
         when: Is("region", "testland"),
         versions: [(text: (zh: "本地说明", en: "Local note"), sources: ["000"])]),
    ],
)"#;

#[test]
fn no_override_folder_gives_the_bundled_data() {
    let dir = tempfile::tempdir().unwrap();
    let (c, errors) = Catalog::load_user_data(Some(dir.path()));
    assert!(errors.is_empty());
    assert!(c.override_files.is_empty());
    assert_eq!(
        c.questions.len(),
        Catalog::bundled().unwrap().questions.len()
    );
}

#[test]
fn an_override_adds_a_region_and_its_entries() {
    let dir = Overrides::new();
    let file = write(dir.path(), "testland.ron", NEW_REGION);
    let (c, errors) = load(dir.path());
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(c.override_files, vec![file.display().to_string()]);
    let mut a = Answers::new();
    a.set("scenario", "local").set("region", "testland");
    let a = first_option_defaults(&c, &a);
    let d = derive(&c, &a, "2026-01-01".parse().unwrap()).unwrap();
    assert_eq!(
        d.region.as_ref().map(|r| r.name.zh.as_ref()),
        Some("测试市")
    );
    assert!(d.notices.iter().any(|n| n.id == "testland_window"));
    // The bundled data alone does not know it.
    assert!(Catalog::bundled().unwrap().region("testland").is_none());
}

#[test]
fn an_override_replaces_a_bundled_entry_with_the_same_id() {
    let dir = Overrides::new();
    let bundled = Catalog::bundled().unwrap();
    let mut q = bundled.question("scenario").unwrap().clone();
    q.prompt.zh = "本院自定义的问题".into();
    let text = ron::ser::to_string_pretty(
        &yibao_checklist::catalog::CatalogFile {
            questions: vec![q],
            ..Default::default()
        },
        ron::ser::PrettyConfig::default(),
    )
    .unwrap();
    write(dir.path(), "scenario.ron", &text);
    let (c, errors) = load(dir.path());
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        &*c.question("scenario").unwrap().prompt.zh,
        "本院自定义的问题"
    );
    assert_eq!(c.questions.len(), bundled.questions.len());
    assert_eq!(c.questions[0].id, "scenario", "order is kept");
}

#[test]
fn broken_ron_is_reported_with_position_and_bundled_data_is_used() {
    let dir = Overrides::new();
    let broken = NEW_REGION.replace(
        r#"hotlines: ["0000-12393"],"#,
        r#"hotlines: ["0000-12393"]"#,
    );
    let file = write(dir.path(), "testland.ron", &broken);
    let (c, errors) = load(dir.path());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!(e.origin.file, file.display().to_string());
    assert_eq!(e.origin.line, 3);
    assert!(
        e.to_string().starts_with(&format!("{}:3:", file.display())),
        "{e}"
    );
    assert!(c.region("testland").is_none());
    assert!(c.override_files.is_empty());
}

#[test]
fn an_override_with_a_bad_reference_is_rejected_whole() {
    let dir = Overrides::new();
    let bad = NEW_REGION.replace(
        r#"when: Is("region", "testland")"#,
        r#"when: Is("regoin", "testland")"#,
    );
    let file = write(dir.path(), "testland.ron", &bad);
    let (c, errors) = load(dir.path());
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("unknown question \"regoin\"")
                && e.origin.file == file.display().to_string()
                && e.origin.line == 5
                && e.id.as_deref() == Some("testland_window")),
        "{errors:#?}"
    );
    assert!(c.region("testland").is_none(), "bundled data only");
}

#[test]
fn not_utf8_override_is_reported() {
    let dir = Overrides::new();
    std::fs::write(dir.path().join("x.ron"), [0xff, 0xfe, 0x00]).unwrap();
    let (_c, errors) = load(dir.path());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("not UTF-8"));
}

/// A material entry for override files: `replaces` as given.
fn material(id: &str, zh: &str, replaces: &str) -> String {
    format!(
        r#"(id: "{id}", name: (zh: "{zh}", en: "{id}"), group: identity, when: Always,
         why: (zh: "核实", en: "Check"), sources: ["000"], replaces: [{replaces}]),"#
    )
}

/// The errors of loading the bundled data with `text` as the only override file, as
/// `file:line:col message` lines.
fn override_errors(text: &str) -> (String, Vec<String>) {
    let dir = Overrides::new();
    let file = write(dir.path(), "mine.ron", text);
    let (_, errors) = load(dir.path());
    (
        file.display().to_string(),
        errors
            .iter()
            .map(|e| format!("{} {}", e.origin, e.message))
            .collect(),
    )
}

#[test]
fn two_override_materials_replacing_each_other_are_an_error_naming_both() {
    let text = format!(
        "(materials: [\n{}\n{}\n])",
        material("copy_a", "甲", r#""copy_b""#),
        material("copy_b", "乙", r#""copy_a""#)
    );
    let (file, errors) = override_errors(&text);
    let cycle: Vec<&String> = errors
        .iter()
        .filter(|e| e.contains("replace each other"))
        .collect();
    assert_eq!(cycle.len(), 1, "{errors:#?}");
    // Both places: copy_a at line 2 (where the error stands) and copy_b at line 4.
    assert!(cycle[0].starts_with(&format!("{file}:2:")), "{cycle:?}");
    assert!(cycle[0].contains("\"copy_a\""), "{cycle:?}");
    assert!(
        cycle[0].contains(&format!("\"copy_b\" ({file}:4:")),
        "{cycle:?}"
    );
}

#[test]
fn an_id_card_override_and_a_new_entry_replacing_each_other_are_caught() {
    // The bundled id_card, overridden to replace hukou_book, which replaces id_card: before,
    // `validate` said ok and the ID card vanished from every checklist.
    let text = format!(
        "(materials: [\n{}\n{}\n])",
        material("id_card", "身份证", r#""hukou_book""#),
        material("hukou_book", "户口簿", r#""id_card""#)
    );
    let (file, errors) = override_errors(&text);
    let hit: Vec<&String> = errors
        .iter()
        .filter(|e| e.contains("replace each other"))
        .collect();
    assert_eq!(hit.len(), 1, "{errors:#?}");
    assert!(
        hit[0].contains("\"hukou_book\" and \"id_card\"")
            && hit[0].starts_with(&format!("{file}:4:"))
            && hit[0].contains(&format!("({file}:2:")),
        "{hit:?}"
    );
}

#[test]
fn replacing_an_entry_that_stands_in_for_another_names_both_places() {
    // sh_inpatient_records_copy (bundled, Shanghai) stands in for inpatient_records; replacing
    // it alone would leave Shanghai's inpatient claims with neither.
    let text = format!(
        "(materials: [\n{}\n])",
        material("my_records", "病历", r#""sh_inpatient_records_copy""#)
    );
    let (file, errors) = override_errors(&text);
    let hit: Vec<&String> = errors
        .iter()
        .filter(|e| e.contains("stands in for"))
        .collect();
    assert_eq!(hit.len(), 1, "{errors:#?}");
    assert!(hit[0].starts_with(&format!("{file}:2:")), "{hit:?}");
    assert!(
        hit[0].contains("\"sh_inpatient_records_copy\" (checklists/regions/shanghai.ron:")
            && hit[0].contains("\"inpatient_records\""),
        "{hit:?}"
    );
    // Replacing both is what was meant, and is fine.
    let text = format!(
        "(materials: [\n{}\n])",
        material(
            "my_records",
            "病历",
            r#""sh_inpatient_records_copy", "inpatient_records""#
        )
    );
    let (_, errors) = override_errors(&text);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[cfg(unix)]
#[test]
fn an_override_linked_to_proc_self_environ_is_refused_without_echoing_it() {
    let dir = Overrides::new();
    std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("env.ron")).unwrap();
    let (_, errors) = load(dir.path());
    assert!(!errors.is_empty(), "the link must be refused");
    // No name of this process's environment (CARGO_PKG_NAME, PATH …) appears in any error.
    let names: Vec<String> = std::env::vars_os()
        .filter_map(|(k, _)| k.into_string().ok())
        .filter(|k| k.len() >= 4)
        .collect();
    assert!(names.iter().any(|n| n.starts_with("CARGO")), "{names:?}");
    for e in &errors {
        let text = format!("{e} {:?}", e.problem);
        for n in &names {
            assert!(!text.contains(n.as_str()), "{n} echoed: {text}");
        }
    }
}

#[test]
fn a_file_that_is_not_catalog_data_is_refused_without_quoting_it() {
    let dir = Overrides::new();
    write(dir.path(), "x.ron", "SECRET_TOKEN=abc123\nHOME=/root\n");
    let (_, errors) = load(dir.path());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let text = format!("{} {:?}", errors[0], errors[0].problem);
    assert!(!text.contains("SECRET_TOKEN"), "{text}");
    assert!(text.contains("not a data file"), "{text}");
}
