//! User overrides: RON files in the data folder's `checklists/` are merged over the bundled data
//! without recompiling; a broken one is reported with file:line:col and the bundled data is used.

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
    let (c, errors) = Catalog::load_with_overrides(Some(&dir.path().join("missing")));
    assert!(errors.is_empty());
    assert!(c.override_files.is_empty());
    assert_eq!(
        c.questions.len(),
        Catalog::bundled().unwrap().questions.len()
    );
}

#[test]
fn an_override_adds_a_region_and_its_entries() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "testland.ron", NEW_REGION);
    let (c, errors) = Catalog::load_with_overrides(Some(dir.path()));
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
    let dir = tempfile::tempdir().unwrap();
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
    let (c, errors) = Catalog::load_with_overrides(Some(dir.path()));
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
    let dir = tempfile::tempdir().unwrap();
    let broken = NEW_REGION.replace(
        r#"hotlines: ["0000-12393"],"#,
        r#"hotlines: ["0000-12393"]"#,
    );
    let file = write(dir.path(), "testland.ron", &broken);
    let (c, errors) = Catalog::load_with_overrides(Some(dir.path()));
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
    let dir = tempfile::tempdir().unwrap();
    let bad = NEW_REGION.replace(
        r#"when: Is("region", "testland")"#,
        r#"when: Is("regoin", "testland")"#,
    );
    let file = write(dir.path(), "testland.ron", &bad);
    let (c, errors) = Catalog::load_with_overrides(Some(dir.path()));
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
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.ron"), [0xff, 0xfe, 0x00]).unwrap();
    let (_c, errors) = Catalog::load_with_overrides(Some(dir.path()));
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("not UTF-8"));
}
