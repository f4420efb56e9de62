//! Attachments in the case store: copy in, remove, replace, delete/undelete, schema-1 files,
//! and case bundles (zip) including hostile ones.

use crate::common::synth::{self, Defect};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use yibao_checklist::cases::{AttachError, Case, SCHEMA_VERSION, Store, StoreError, is_bundle};

fn photo(dir: &Path, name: &str, seed: u64) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, synth::jpeg(&synth::render(seed, Defect::None), 80)).unwrap();
    path
}

#[test]
fn attach_remove_replace_and_reopen() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    let src = photo(tmp.path(), "IMG_0001.jpg", 1);
    let png = tmp.path().join("scan.png");
    image::RgbImage::from_pixel(40, 30, image::Rgb([250, 250, 250]))
        .save(&png)
        .unwrap();
    let pdf = tmp.path().join("证明.pdf");
    fs::write(&pdf, b"%PDF-1.4\n%%EOF\n").unwrap();

    let (store, _) = Store::open(&dir).unwrap();
    let mut case = Case::new("妈妈 住院");
    let a = store.attach(&mut case, "invoice", &src).unwrap();
    let b = store.attach(&mut case, "invoice", &png).unwrap();
    let c = store.attach(&mut case, "diagnosis_cert", &pdf).unwrap();
    store.save(&case).unwrap();

    // Copied, not linked: the original can go.
    fs::remove_file(&src).unwrap();
    let copy = store.attachment_path(&case.id, &a);
    assert!(copy.is_file() && !fs::symlink_metadata(&copy).unwrap().is_symlink());
    assert!(copy.starts_with(store.attachments_dir(&case.id)));
    assert_eq!(a.original_name, "IMG_0001.jpg");
    assert!(a.file.starts_with("invoice-") && a.file.ends_with(".jpg"));
    assert!(b.file.ends_with(".png") && c.file.ends_with(".pdf"));
    assert_eq!(fs::metadata(&copy).unwrap().len(), a.bytes);
    // The photo in the store checks like the original (made again: the original is gone).
    let kinds = |p: &Path| {
        yibao_checklist::photo::check_file(p)
            .unwrap()
            .problems
            .iter()
            .map(|x| format!("{:?}", x.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&copy), kinds(&photo(tmp.path(), "again.jpg", 1)));

    drop(store);
    let (store, report) = Store::open(&dir).unwrap();
    let mut case = report.cases.into_iter().find(|x| x.id == case.id).unwrap();
    assert_eq!(case.attachments("invoice"), [a.clone(), b.clone()]);
    assert_eq!(case.attachments("diagnosis_cert"), std::slice::from_ref(&c));
    assert_eq!(case.all_attachments().count(), 3);
    assert!(store.missing_attachments(&case).is_empty());
    let text = fs::read_to_string(store.case_path(&case.id)).unwrap();
    assert!(
        text.contains("schema: 3") && text.contains("IMG_0001.jpg"),
        "{text}"
    );

    // Remove: the record and the copy go; a material with nothing left is dropped.
    store
        .remove_attachment(&mut case, "diagnosis_cert", &c.file)
        .unwrap();
    assert!(case.attachments("diagnosis_cert").is_empty());
    assert!(!case.items.contains_key("diagnosis_cert"));
    assert!(!store.attachment_path(&case.id, &c).exists());
    assert!(matches!(
        store.remove_attachment(&mut case, "diagnosis_cert", &c.file),
        Err(AttachError::NotFound { .. })
    ));
    // A ticked material with no photo is fine.
    case.set_done("bank_account", true);
    store.save(&case).unwrap();

    // A file that is not a photo is refused with a message in both languages.
    let txt = tmp.path().join("notes.txt");
    fs::write(&txt, "hello").unwrap();
    let err = store.attach(&mut case, "invoice", &txt).unwrap_err();
    assert!(
        yibao_checklist::view::strings::attach_error(yibao_checklist::catalog::Lang::Zh, &err)
            .contains("notes.txt")
    );
    assert!(
        yibao_checklist::view::strings::attach_error(yibao_checklist::catalog::Lang::En, &err)
            .contains("JPEG")
    );
    assert_eq!(case.attachments("invoice").len(), 2);

    // A missing file is reported, not fatal.
    fs::remove_file(store.attachment_path(&case.id, &b)).unwrap();
    assert_eq!(store.missing_attachments(&case).len(), 1);
}

#[test]
fn delete_and_undelete_carry_the_attachments() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&tmp.path().join("cases")).unwrap();
    let mut case = Case::new("x");
    let a = store
        .attach(&mut case, "invoice", &photo(tmp.path(), "a.jpg", 3))
        .unwrap();
    store.save(&case).unwrap();
    store.delete(&case.id).unwrap();
    assert!(!store.attachments_dir(&case.id).exists());
    let back = store.undelete(&case.id).unwrap();
    assert!(store.attachment_path(&back.id, &a).is_file());
}

#[test]
fn schema_1_files_load_and_upgrade() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    fs::create_dir_all(&dir).unwrap();
    let v1 = r#"(
    schema: 1,
    id: "v1",
    label: "旧版本",
    created: "2025-01-01T00:00:00+08:00",
    updated: "2025-01-01T00:00:00+08:00",
    answers: {},
    items: { "invoice": (done: true, note: "n") },
)
"#;
    fs::write(dir.join("v1.ron"), v1).unwrap();
    let (store, report) = Store::open(&dir).unwrap();
    assert_eq!(report.migrated, ["v1"]);
    let case = &report.cases[0];
    assert_eq!(case.schema, SCHEMA_VERSION);
    assert!(case.is_done("invoice") && case.attachments("invoice").is_empty());
    store.save(case).unwrap();
    assert!(
        fs::read_to_string(dir.join("v1.ron"))
            .unwrap()
            .contains("schema: 3")
    );
    assert_eq!(fs::read_to_string(store.backup_path("v1")).unwrap(), v1);
}

#[test]
fn bundle_round_trip_carries_the_photos() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&tmp.path().join("cases")).unwrap();
    let mut case = Case::new("交接给姐姐");
    case.answers.set("scenario", "cross_region");
    case.set_note("invoice", "两张");
    let a = store
        .attach(&mut case, "invoice", &photo(tmp.path(), "发票1.jpg", 4))
        .unwrap();
    let b = store
        .attach(&mut case, "invoice", &photo(tmp.path(), "发票2.jpg", 5))
        .unwrap();
    store.save(&case).unwrap();
    let bundle = tmp.path().join("交接.zip");
    store.export_bundle(&case, &bundle).unwrap();
    assert!(is_bundle(&bundle));

    // Into another store (another computer).
    let (other, _) = Store::open(&tmp.path().join("elsewhere")).unwrap();
    let imported = other.import_any(&bundle).unwrap();
    assert_ne!(imported.id, case.id);
    assert_eq!(imported.label, case.label);
    assert_eq!(imported.answers, case.answers);
    assert_eq!(imported.items, case.items);
    for x in [&a, &b] {
        assert_eq!(
            fs::read(other.attachment_path(&imported.id, x)).unwrap(),
            fs::read(store.attachment_path(&case.id, x)).unwrap()
        );
    }
    let (_, report) = Store::open(&tmp.path().join("elsewhere")).unwrap();
    assert_eq!(report.cases.len(), 1);
    assert!(other.missing_attachments(&report.cases[0]).is_empty());

    // A plain case file still imports (without attachments).
    let ron = tmp.path().join("case.ron");
    store.save(&case).unwrap();
    fs::copy(store.case_path(&case.id), &ron).unwrap();
    assert!(!is_bundle(&ron));
    let plain = other.import_any(&ron).unwrap();
    assert_eq!(plain.note("invoice"), "两张");
    assert_eq!(plain.all_attachments().count(), 0);
}

type Entry<'a> = (&'a str, &'a [u8]);

fn zip_with(path: &Path, entries: &[Entry]) {
    let mut z = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in entries {
        z.start_file(*name, opts).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

const CASE_WITH_ONE: &str = r#"(schema: 2, id: "x", label: "l", created: "", updated: "",
    answers: {}, items: { "invoice": (done: false, note: "", attachments: [(file: "invoice-1.jpg")]) })"#;

#[test]
fn hostile_bundles_are_rejected_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    let (store, _) = Store::open(&dir).unwrap();
    let jpeg = synth::jpeg(&image::RgbImage::new(8, 8), 80);
    let ok_case = CASE_WITH_ONE.as_bytes();
    let bomb = vec![0u8; 70 * 1024 * 1024];
    let many: Vec<(String, Vec<u8>)> = (0..600)
        .map(|i| (format!("files/f{i}.jpg"), jpeg.clone()))
        .collect();
    let many_refs: Vec<Entry> = many
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let cases: Vec<(&str, Vec<Entry>)> = vec![
        (
            "traversal",
            vec![("case.ron", ok_case), ("../evil.jpg", &jpeg)],
        ),
        (
            "traversal in files",
            vec![("case.ron", ok_case), ("files/../../evil.jpg", &jpeg)],
        ),
        (
            "absolute",
            vec![("case.ron", ok_case), ("/tmp/evil.jpg", &jpeg)],
        ),
        (
            "unexpected",
            vec![
                ("case.ron", ok_case),
                ("files/invoice-1.jpg", &jpeg),
                ("run.sh", b"rm"),
            ],
        ),
        (
            "not an image",
            vec![("case.ron", ok_case), ("files/invoice-1.jpg", b"#!/bin/sh")],
        ),
        ("missing photo", vec![("case.ron", ok_case)]),
        (
            "extra photo",
            vec![
                ("case.ron", ok_case),
                ("files/invoice-1.jpg", &jpeg),
                ("files/other.jpg", &jpeg),
            ],
        ),
        (
            "huge",
            vec![("case.ron", ok_case), ("files/invoice-1.jpg", &bomb)],
        ),
        ("too many", many_refs),
        ("no case", vec![("files/invoice-1.jpg", &jpeg)]),
        (
            "bad case",
            vec![("case.ron", b"(not a case"), ("files/invoice-1.jpg", &jpeg)],
        ),
    ];
    for (what, entries) in cases {
        let path = tmp.path().join(format!("{what}.zip"));
        zip_with(&path, &entries);
        match store.import_bundle(&path) {
            Err(StoreError::Read { source, .. }) => {
                assert_eq!(
                    source.kind(),
                    std::io::ErrorKind::InvalidData,
                    "{what}: {source}"
                )
            }
            other => panic!("{what}: expected a Read error, got {other:?}"),
        }
    }
    // A link entry.
    let path = tmp.path().join("link.zip");
    {
        let mut z = zip::ZipWriter::new(fs::File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("case.ron", opts).unwrap();
        z.write_all(ok_case).unwrap();
        z.add_symlink("files/invoice-1.jpg", "/etc/passwd", opts)
            .unwrap();
        z.finish().unwrap();
    }
    assert!(store.import_bundle(&path).is_err());
    // Nothing landed in the store, and nothing outside it.
    let left: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".lock")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(!tmp.path().join("evil.jpg").exists());

    // The same bundle, well formed, imports.
    let path = tmp.path().join("good.zip");
    zip_with(
        &path,
        &[("case.ron", ok_case), ("files/invoice-1.jpg", &jpeg)],
    );
    let case = store.import_bundle(&path).unwrap();
    assert_eq!(case.attachments("invoice").len(), 1);
}

#[test]
fn leftover_temp_files_in_attachment_folders_are_removed_on_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    let id;
    {
        let (store, _) = Store::open(&dir).unwrap();
        let mut case = Case::new("x");
        store
            .attach(&mut case, "invoice", &photo(tmp.path(), "a.jpg", 9))
            .unwrap();
        store.save(&case).unwrap();
        id = case.id.clone();
        // An interrupted copy.
        fs::write(store.attachments_dir(&id).join(".save-abc123.tmp"), b"half").unwrap();
    }
    let (store, _) = Store::open(&dir).unwrap();
    let names: Vec<String> = fs::read_dir(store.attachments_dir(&id))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("invoice-"));
}
