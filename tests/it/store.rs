//! The saved-case store, on real files in temp folders.

use std::fs;
use std::path::Path;
use yibao_checklist::cases::{Case, ItemState, SCHEMA_VERSION, Store, StoreError, is_valid_id};

/// Names in `dir` (not recursive), sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn sample(label: &str) -> Case {
    let mut case = Case::new(label);
    case.answers.set("scheme", "urban_employee");
    case.answers.set("admission_date", "2025-02-03");
    case.set_done("invoice", true);
    case.set_note("invoice", "原件在抽屉里\n第二行 \"引号\" \\ 反斜杠");
    case.set_done("discharge_summary", true);
    // An item the current data no longer requires: must survive.
    case.items.insert(
        "retired_item".into(),
        ItemState {
            done: true,
            note: "旧表格".into(),
            ..Default::default()
        },
    );
    case
}

fn open(dir: &Path) -> (Store, yibao_checklist::cases::LoadReport) {
    Store::open(dir).expect("open store")
}

#[test]
fn save_and_reopen_round_trips_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    let a = sample("妈妈 住院 2025 🏥");
    let b = Case::new("爸爸 门诊慢特病");
    {
        let (store, report) = open(&dir);
        assert!(report.cases.is_empty());
        assert!(!report.read_only && !store.is_read_only());
        store.save(&a).unwrap();
        store.save(&b).unwrap();
    }
    let (_store, report) = open(&dir);
    assert!(report.quarantined.is_empty(), "{:?}", report.quarantined);
    assert_eq!(report.cases.len(), 2);
    let got = report.cases.iter().find(|c| c.id == a.id).expect("case a");
    assert_eq!(got, &a);
    assert_eq!(
        got.items["retired_item"],
        ItemState {
            done: true,
            note: "旧表格".into(),
            ..Default::default()
        }
    );
    assert!(report.cases.iter().any(|c| c == &b));

    // One pretty-printed RON file per case, named by id, with the schema number.
    let text = fs::read_to_string(dir.join(format!("{}.ron", a.id))).unwrap();
    assert!(text.contains("schema: 3"), "{text}");
    assert!(
        text.contains("妈妈 住院 2025 🏥"),
        "unicode written as is: {text}"
    );
    assert!(text.lines().count() > 5, "pretty-printed: {text}");
}

#[test]
fn ids_are_unique_and_filesystem_safe() {
    let mut seen = std::collections::HashSet::new();
    for _ in 0..2000 {
        let c = Case::new("x");
        assert!(is_valid_id(&c.id), "{}", c.id);
        assert!(
            c.id.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-'),
            "{}",
            c.id
        );
        assert!(seen.insert(c.id.clone()), "duplicate id {}", c.id);
        assert_eq!(c.schema, SCHEMA_VERSION);
        assert!(
            chrono::DateTime::parse_from_rfc3339(&c.created).is_ok(),
            "{}",
            c.created
        );
    }
}

#[test]
fn second_save_keeps_previous_version_in_bak() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = open(tmp.path());
    let mut case = sample("第一版");
    store.save(&case).unwrap();
    assert!(
        !store.backup_path(&case.id).exists(),
        "no .bak before there is a previous version"
    );
    let v1 = fs::read_to_string(store.case_path(&case.id)).unwrap();

    case.rename("第二版");
    case.set_done("invoice", false);
    store.save(&case).unwrap();

    let bak = fs::read_to_string(store.backup_path(&case.id)).unwrap();
    assert_eq!(bak, v1);
    let main = fs::read_to_string(store.case_path(&case.id)).unwrap();
    assert!(main.contains("第二版") && !main.contains("第一版"));
    // Nothing but the case, its backup and the lock.
    assert_eq!(
        names(tmp.path()),
        vec![
            ".lock".to_string(),
            format!("{}.ron", case.id),
            format!("{}.ron.bak", case.id)
        ]
    );
}

#[test]
fn crash_before_rename_leaves_old_file_intact_and_temp_is_cleaned_up() {
    let tmp = tempfile::tempdir().unwrap();
    let case = sample("崩溃测试");
    {
        let (store, _) = open(tmp.path());
        store.save(&case).unwrap();
    }
    // The crash: a temp file with a half-written new version (and one with garbage) that was
    // never renamed over the case file.
    let new_text = fs::read_to_string(tmp.path().join(format!("{}.ron", case.id)))
        .unwrap()
        .replace("崩溃测试", "新版本");
    let half = &new_text.as_bytes()[..new_text.len() / 2];
    let t1 = tempfile::Builder::new()
        .prefix(".save-")
        .suffix(".tmp")
        .tempfile_in(tmp.path())
        .unwrap();
    fs::write(t1.path(), half).unwrap();
    let (_f, t1) = t1.keep().unwrap();
    let t2 = tmp.path().join(".save-zz9xQ1.tmp");
    fs::write(&t2, b"\0\x01garbage(((").unwrap();

    let (_store, report) = open(tmp.path());
    assert!(report.quarantined.is_empty(), "{:?}", report.quarantined);
    assert_eq!(report.cases, vec![case.clone()]);
    assert!(
        !t1.exists() && !t2.exists(),
        "leftover temp files are removed on open"
    );
}

#[test]
fn corrupt_files_are_quarantined_and_the_rest_load() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let good = sample("好的");
    let victim = sample("会被截断");
    {
        let (store, _) = open(dir);
        store.save(&good).unwrap();
        store.save(&victim).unwrap();
    }
    let victim_text = fs::read(dir.join(format!("{}.ron", victim.id))).unwrap();
    let truncated = dir.join(format!("{}.ron", victim.id));
    fs::write(&truncated, &victim_text[..victim_text.len() / 2]).unwrap();
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("empty.ron", vec![]),
        ("blank.ron", b"  \n\n".to_vec()),
        ("garbage.ron", b"\x00\xff\xfe not ron at all {{{".to_vec()),
        ("wrongshape.ron", b"(schema: 1, id: 5)".to_vec()),
        ("notaStruct.ron", b"[1, 2, 3]".to_vec()),
    ];
    for (name, bytes) in &bad {
        fs::write(dir.join(name), bytes).unwrap();
    }

    let (_store, report) = open(dir);
    assert_eq!(report.cases, vec![good.clone()]);
    assert_eq!(
        report.quarantined.len(),
        bad.len() + 1,
        "{:#?}",
        report.quarantined
    );
    for q in &report.quarantined {
        assert!(!q.original.exists(), "moved away: {}", q.original.display());
        assert!(q.moved_to.exists(), "kept: {}", q.moved_to.display());
        let moved_name = q
            .moved_to
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let orig_name = q
            .original
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            moved_name.starts_with(&format!("{orig_name}.corrupt-")),
            "{moved_name}"
        );
        assert!(q.not_moved.is_none(), "{q:?}");
    }
    // Content preserved byte for byte.
    let q = report
        .quarantined
        .iter()
        .find(|q| q.original == truncated)
        .unwrap();
    assert_eq!(
        fs::read(&q.moved_to).unwrap(),
        &victim_text[..victim_text.len() / 2]
    );
    let q = report
        .quarantined
        .iter()
        .find(|q| q.original.ends_with("empty.ron"))
        .unwrap();
    assert_eq!(q.reason, yibao_checklist::cases::Unreadable::Empty);

    // Quarantined files are not picked up again.
    drop(_store);
    let (_store, again) = open(dir);
    assert_eq!(again.cases, vec![good]);
    assert!(again.quarantined.is_empty());
    assert_eq!(
        names(dir)
            .iter()
            .filter(|n| n.contains(".corrupt-"))
            .count(),
        bad.len() + 1
    );
}

#[test]
fn corrupt_case_is_restored_from_bak() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut case = sample("第一版");
    let v1 = case.clone();
    {
        let (store, _) = open(dir);
        store.save(&case).unwrap();
        case.rename("第二版");
        store.save(&case).unwrap();
    }
    let main = dir.join(format!("{}.ron", case.id));
    let full = fs::read(&main).unwrap();
    fs::write(&main, &full[..full.len() / 3]).unwrap();

    let (store, report) = open(dir);
    assert_eq!(report.recovered_from_backup, vec![case.id.clone()]);
    assert_eq!(report.cases, vec![v1.clone()]);
    assert_eq!(report.quarantined.len(), 1);
    let q = &report.quarantined[0];
    assert_eq!(q.original, main);
    assert_eq!(
        fs::read(&q.moved_to).unwrap(),
        &full[..full.len() / 3],
        "corrupt file kept"
    );
    // The case file is back on disk and loads normally next time.
    drop(store);
    let (_store, again) = open(dir);
    assert_eq!(again.cases, vec![v1]);
    assert!(again.recovered_from_backup.is_empty() && again.quarantined.is_empty());
}

#[test]
fn corrupt_case_with_corrupt_bak_is_quarantined_but_bak_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("abc.ron"), "(schema: 1, id: \"abc\", label: \"x").unwrap();
    fs::write(dir.join("abc.ron.bak"), "((((").unwrap();
    let (_store, report) = open(dir);
    assert!(report.cases.is_empty());
    assert!(report.recovered_from_backup.is_empty());
    assert_eq!(report.quarantined.len(), 1);
    assert!(dir.join("abc.ron.bak").exists());
    assert!(!report.warnings.is_empty());
}

const SCHEMA_0: &str = r#"// written by a pre-release build
(
    id: "old-one",
    name: "外婆 2023 异地就医",
    created: "2023-11-02T08:30:00+08:00",
    answers: {
        "scheme": "urban_rural_resident",
        "discharge_date": "2023-11-20",
    },
    ticked: ["invoice", "id_card_copy", "no_longer_in_catalog"],
    notes: { "invoice": "复印两份", "bank_card": "用工行卡" },
)
"#;

#[test]
fn schema_0_files_are_migrated() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let path = dir.join("old-one.ron");
    fs::write(&path, SCHEMA_0).unwrap();

    let (store, report) = open(dir);
    assert!(report.quarantined.is_empty(), "{:?}", report.quarantined);
    assert_eq!(report.migrated, vec!["old-one".to_string()]);
    assert_eq!(report.cases.len(), 1);
    let case = &report.cases[0];
    assert_eq!(case.schema, SCHEMA_VERSION);
    assert_eq!(case.id, "old-one");
    assert_eq!(case.label, "外婆 2023 异地就医");
    assert_eq!(case.created, "2023-11-02T08:30:00+08:00");
    assert_eq!(case.updated, case.created);
    assert_eq!(case.answers.get("discharge_date"), Some("2023-11-20"));
    assert_eq!(
        case.items["invoice"],
        ItemState {
            done: true,
            note: "复印两份".into(),
            ..Default::default()
        }
    );
    assert!(case.is_done("id_card_copy"));
    assert!(case.is_done("no_longer_in_catalog"));
    assert_eq!(
        case.items["bank_card"],
        ItemState {
            done: false,
            note: "用工行卡".into(),
            ..Default::default()
        }
    );
    assert_eq!(case.items.len(), 4);
    // Loading does not rewrite the file; the next save upgrades it and keeps the old one.
    assert_eq!(fs::read_to_string(&path).unwrap(), SCHEMA_0);
    store.save(case).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("schema: 3"));
    assert_eq!(
        fs::read_to_string(store.backup_path("old-one")).unwrap(),
        SCHEMA_0
    );
    drop(store);
    let (_s, again) = open(dir);
    assert_eq!(again.cases, report.cases);
    assert!(again.migrated.is_empty());
}

#[test]
fn schema_0_without_schema_or_id_field_and_explicit_schema_0() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(
        dir.join("a.ron"),
        r#"(name: "甲", answers: {}, ticked: ["x"])"#,
    )
    .unwrap();
    fs::write(
        dir.join("b.ron"),
        r#"(schema: 0, id: "b", name: "乙", created: "2024-01-01T00:00:00Z")"#,
    )
    .unwrap();
    let (_s, report) = open(dir);
    assert!(report.quarantined.is_empty(), "{:?}", report.quarantined);
    let mut labels: Vec<(&str, &str)> = report
        .cases
        .iter()
        .map(|c| (c.id.as_str(), c.label.as_str()))
        .collect();
    labels.sort();
    assert_eq!(labels, vec![("a", "甲"), ("b", "乙")]);
    assert!(
        report
            .cases
            .iter()
            .find(|c| c.id == "a")
            .unwrap()
            .is_done("x")
    );
}

#[test]
fn newer_schema_is_reported_not_quarantined_and_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let future = r#"(
    schema: 4,
    id: "future",
    label: "新版本写的",
    created: "2030-01-01T00:00:00+08:00",
    updated: "2030-01-02T00:00:00+08:00",
    answers: { "scheme": "x" },
    items: {},
    pages: ["scan1.pdf"],
)
"#;
    let alien = "(schema: 9, totally: Different(shape))\n";
    fs::write(dir.join("future.ron"), future).unwrap();
    fs::write(dir.join("alien.ron"), alien).unwrap();

    let (store, report) = open(dir);
    assert!(report.quarantined.is_empty(), "{:?}", report.quarantined);
    assert_eq!(report.newer_schema.len(), 2);
    let f = report
        .newer_schema
        .iter()
        .find(|n| n.id == "future")
        .unwrap();
    assert_eq!((f.schema, f.loaded), (4, true));
    let a = report
        .newer_schema
        .iter()
        .find(|n| n.id == "alien")
        .unwrap();
    assert_eq!((a.schema, a.loaded), (9, false));
    assert_eq!(report.cases.len(), 1);
    let mut case = report.cases[0].clone();
    assert!(case.is_from_newer_version());
    assert_eq!(case.label, "新版本写的");

    case.rename("试图覆盖");
    match store.save(&case) {
        Err(StoreError::Write { path, .. }) => assert_eq!(path, dir.join("future.ron")),
        other => panic!("expected a Write error, got {other:?}"),
    }
    // Even a case claiming the current schema must not overwrite a newer file.
    case.schema = SCHEMA_VERSION;
    assert!(matches!(store.save(&case), Err(StoreError::Write { .. })));
    assert_eq!(fs::read_to_string(dir.join("future.ron")).unwrap(), future);
    assert_eq!(fs::read_to_string(dir.join("alien.ron")).unwrap(), alien);
    assert!(!dir.join("future.ron.bak").exists());
    assert!(!names(dir).iter().any(|n| n.contains("corrupt")));
}

#[test]
fn second_store_on_same_folder_is_read_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut case = sample("两个窗口");
    let (first, r1) = open(dir);
    assert!(!r1.read_only);
    first.save(&case).unwrap();

    let (second, r2) = open(dir);
    assert!(r2.read_only && second.is_read_only());
    assert_eq!(
        r2.cases,
        vec![case.clone()],
        "read-only store still loads cases"
    );
    let before = fs::read(first.case_path(&case.id)).unwrap();
    let mut other = case.clone();
    other.rename("第二个窗口改的");
    assert!(matches!(second.save(&other), Err(StoreError::ReadOnly(p)) if p == dir.join(".lock")));
    assert!(matches!(
        second.delete(&case.id),
        Err(StoreError::ReadOnly(_))
    ));
    assert!(matches!(
        second.save(&Case::new("new")),
        Err(StoreError::ReadOnly(_))
    ));
    assert_eq!(fs::read(first.case_path(&case.id)).unwrap(), before);

    // The first one still writes.
    case.rename("第一个窗口改的");
    first.save(&case).unwrap();
    assert!(
        fs::read_to_string(first.case_path(&case.id))
            .unwrap()
            .contains("第一个窗口改的")
    );

    // The lock goes with the store: once both are closed, the next one writes.
    drop(first);
    drop(second);
    let (writer, _) = open(dir);
    writer.save(&other).unwrap();
    drop(writer);
    let (third, r3) = open(dir);
    assert!(!r3.read_only && !third.is_read_only());
    assert_eq!(r3.cases, vec![other.clone()]);
    third.save(&case).unwrap();
}

#[test]
fn read_only_store_does_not_touch_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (_first, _) = open(dir);
    fs::write(dir.join("broken.ron"), "(((").unwrap();
    let leftover = dir.join(".save-abcdef.tmp");
    fs::write(&leftover, "half").unwrap();
    let before = names(dir);

    let (_second, report) = open(dir);
    assert!(report.read_only);
    assert_eq!(report.quarantined.len(), 1);
    assert_eq!(
        report.quarantined[0].moved_to,
        report.quarantined[0].original
    );
    assert_eq!(names(dir), before, "nothing moved, nothing removed");
}

#[cfg(unix)]
#[test]
fn read_only_folder_gives_write_error_and_keeps_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    let (store, _) = open(&dir);
    let mut case = sample("只读文件夹");
    store.save(&case).unwrap();
    let before = fs::read(store.case_path(&case.id)).unwrap();

    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.join("probe");
    if fs::write(&probe, b"x").is_ok() {
        // Running as root: permissions are not enforced, nothing to test here.
        let _ = fs::remove_file(&probe);
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: the read-only folder is writable (running as root?)");
        return;
    }
    case.rename("改了");
    let result = store.save(&case);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    match result {
        Err(StoreError::Write { path, .. }) => {
            assert!(path.starts_with(&dir), "{}", path.display())
        }
        other => panic!("expected a Write error, got {other:?}"),
    }
    assert_eq!(fs::read(store.case_path(&case.id)).unwrap(), before);
    assert_eq!(case.label, "改了", "the caller keeps the edit");
    // The edit can be saved once the folder is writable again.
    store.save(&case).unwrap();
}

/// A write failure that also happens as root: the `.bak` cannot be replaced because a folder
/// is in its way.
#[test]
fn failed_write_keeps_old_file_and_leaves_no_temp() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (store, _) = open(dir);
    let mut case = sample("写失败");
    store.save(&case).unwrap();
    let before = fs::read(store.case_path(&case.id)).unwrap();
    fs::create_dir(store.backup_path(&case.id)).unwrap();
    fs::write(store.backup_path(&case.id).join("occupant"), "x").unwrap();

    case.rename("新名字");
    match store.save(&case) {
        Err(e @ StoreError::Write { .. }) => assert!(e.to_string().contains(&case.id), "{e}"),
        other => panic!("expected a Write error, got {other:?}"),
    }
    assert_eq!(fs::read(store.case_path(&case.id)).unwrap(), before);
    assert!(
        !names(dir).iter().any(|n| n.ends_with(".tmp")),
        "{:?}",
        names(dir)
    );
}

#[test]
fn invalid_ids_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let inner = tmp.path().join("cases");
    let (store, _) = open(&inner);
    let mut case = Case::new("x");
    for bad in ["../escape", "", ".hidden", "a/b", "a\\b"] {
        case.id = bad.to_string();
        assert!(
            matches!(store.save(&case), Err(StoreError::Write { .. })),
            "{bad:?}"
        );
    }
    assert!(!tmp.path().join("escape.ron").exists());
    assert_eq!(names(&inner), vec![".lock".to_string()]);
}

#[test]
fn export_import_round_trip_gives_fresh_id() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = open(&tmp.path().join("cases"));
    let case = sample("交接给姐姐");
    let out = tmp.path().join("交接 文件.ron");
    // A case file as another machine's store wrote it.
    let (theirs, _) = open(&tmp.path().join("theirs"));
    theirs.save(&case).unwrap();
    fs::copy(theirs.case_path(&case.id), &out).unwrap();
    assert!(fs::read_to_string(&out).unwrap().contains("schema: 3"));

    let imported = Store::import_from(&out).unwrap();
    assert_ne!(imported.id, case.id);
    assert!(is_valid_id(&imported.id));
    assert_eq!(
        Case {
            id: case.id.clone(),
            ..imported.clone()
        },
        case
    );
    // Importing twice gives two different ids.
    assert_ne!(Store::import_from(&out).unwrap().id, imported.id);
    // It saves as a separate case.
    store.save(&imported).unwrap();
    let report = store.reload().unwrap();
    assert_eq!(report.cases.len(), 1);
    assert_eq!(report.cases[0].id, imported.id);

    // Old schema imports too.
    let old = tmp.path().join("old.ron");
    fs::write(&old, SCHEMA_0).unwrap();
    let migrated = Store::import_from(&old).unwrap();
    assert_eq!(migrated.label, "外婆 2023 异地就医");
    assert_ne!(migrated.id, "old-one");
}

#[test]
fn import_of_bad_files_is_an_error_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, &[u8])> = vec![
        ("empty.ron", b""),
        ("garbage.ron", b"\xff\xfe\x00 nonsense"),
        ("half.ron", b"(schema: 1, id: \"x\", label: \"ha"),
        ("future.ron", b"(schema: 99, whatever: 1)"),
    ];
    for (name, bytes) in cases {
        let p = tmp.path().join(name);
        fs::write(&p, bytes).unwrap();
        match Store::import_from(&p) {
            Err(StoreError::Read { path, source }) => {
                assert_eq!(path, p);
                assert_eq!(
                    source.kind(),
                    std::io::ErrorKind::InvalidData,
                    "{name}: {source}"
                );
            }
            other => panic!("{name}: expected a Read error, got {other:?}"),
        }
    }
    assert!(matches!(
        Store::import_from(&tmp.path().join("missing.ron")),
        Err(StoreError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound
    ));
}

#[test]
fn delete_moves_aside_and_undelete_restores() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut keep = sample("留着");
    let mut gone = sample("删掉");
    {
        let (store, _) = open(dir);
        store.save(&keep).unwrap();
        store.save(&gone).unwrap();
        gone.rename("删掉 v2");
        store.save(&gone).unwrap(); // so there is a .bak too
        keep.touch();
        store.save(&keep).unwrap();

        store.delete(&gone.id).unwrap();
        assert!(!store.case_path(&gone.id).exists());
        assert!(
            !store.backup_path(&gone.id).exists(),
            "the .bak goes too (or it would come back)"
        );
        assert!(matches!(
            store.delete(&gone.id),
            Err(StoreError::NotFound(_))
        ));
        assert!(matches!(
            store.delete("no-such-case"),
            Err(StoreError::NotFound(_))
        ));
        assert!(dir.join(".trash").join(format!("{}.ron", gone.id)).exists());
    }
    {
        let (store, report) = open(dir);
        assert_eq!(
            report.cases,
            vec![keep.clone()],
            "deleted case does not load"
        );
        assert!(report.recovered_from_backup.is_empty());
        let back = store.undelete(&gone.id).unwrap();
        assert_eq!(back, gone);
        assert!(store.case_path(&gone.id).exists());
        assert!(store.backup_path(&gone.id).exists());
        assert!(matches!(
            store.undelete(&gone.id),
            Err(StoreError::NotFound(_))
        ));
        assert!(!dir.join(".trash").join(format!("{}.ron", gone.id)).exists());
    }
    let (_store, report) = open(dir);
    assert_eq!(report.cases.len(), 2);
    assert!(report.cases.contains(&gone) && report.cases.contains(&keep));
}

#[test]
fn undelete_does_not_clobber_a_newer_save() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = open(tmp.path());
    let mut case = sample("x");
    store.save(&case).unwrap();
    store.delete(&case.id).unwrap();
    case.rename("saved again after delete");
    store.save(&case).unwrap();
    assert!(matches!(
        store.undelete(&case.id),
        Err(StoreError::Write { .. })
    ));
    assert!(
        fs::read_to_string(store.case_path(&case.id))
            .unwrap()
            .contains("saved again after delete")
    );
}

#[test]
fn orphan_bak_is_recovered() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let case = sample("只剩备份");
    {
        let (store, _) = open(dir);
        store.save(&case).unwrap();
        fs::rename(store.case_path(&case.id), store.backup_path(&case.id)).unwrap();
    }
    let (store, report) = open(dir);
    assert_eq!(report.cases, vec![case.clone()]);
    assert_eq!(report.recovered_from_backup, vec![case.id.clone()]);
    assert!(store.case_path(&case.id).exists());
}

#[test]
fn case_helpers() {
    let mut case = Case::new("helpers");
    case.set_done("a", true);
    case.set_note("b", "note");
    assert!(case.is_done("a") && !case.is_done("b"));
    assert_eq!(case.note("b"), "note");
    case.set_done("a", false);
    assert!(!case.items.contains_key("a"), "blank entries are dropped");
}
