//! Photos in the app: attach a photo to a material (through the in-app picker, as on a desktop
//! without a file dialog), see the check's warning on the card with the problem marked on the
//! thumbnail, remove it. The photos are real ones (`tests/photos/real/`), made faulty as in
//! `photo_real`.

use crate::common::synth::jpeg;
use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use yibao_checklist::cases::{Case, SCHEMA_VERSION};
use yibao_checklist::catalog::Catalog;
use yibao_checklist::engine::Answers;
use yibao_checklist::gui::{App, AppConfig, Screen};

#[test]
fn attach_a_blurred_photo_see_the_warning_and_remove_it() {
    let dir = tempfile::tempdir().unwrap();
    // The photo waits in the folder the picker opens on.
    let exports = dir.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let photo = exports.join("发票照片.jpg");
    let real = crate::photo_real::load("good-jscanify-page-angled.jpg");
    let doc_px = crate::photo_real::doc_px(&real);
    std::fs::write(
        &photo,
        jpeg(&crate::photo_real::with_blur(&real, doc_px), 90),
    )
    .unwrap();

    let config = AppConfig::headless(dir.path(), NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .build_eframe(move |cc| App::new(cc, config));
    h.run();
    let catalog = Catalog::bundled().unwrap();
    let mut answers = Answers::new();
    for (q, v) in [
        ("scenario", "local"),
        ("region", "national"),
        ("insurance", "employee"),
        ("visit", "inpatient"),
        ("emergency", "no"),
        ("settlement", "manual"),
        ("channel", "online"),
        ("proxy", "no"),
        ("third_party", "no"),
        ("special_drugs", "no"),
    ] {
        answers.set(q, v);
    }
    let d = yibao_checklist::engine::derive(
        &catalog,
        &answers,
        NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
    )
    .unwrap();
    let first = d
        .materials_in(yibao_checklist::catalog::MaterialGroup::ALL[0])
        .next()
        .unwrap()
        .id
        .clone();
    h.state_mut().state.add_imported(Case {
        schema: SCHEMA_VERSION,
        id: "c1".into(),
        label: "网上报销".into(),
        created: String::new(),
        updated: String::new(),
        answers,
        items: Default::default(),
        status: Default::default(),
    });
    h.run();
    assert_eq!(h.state().state.screen, Screen::Checklist);

    // The first card's details (where its note and photos are), its "add" button, then the
    // photo in the picker.
    h.query_all_by_label_contains("详情、备注、照片")
        .next()
        .expect("a details button on every material")
        .click_accesskit();
    h.run();
    h.query_all_by_label("添加照片或扫描件…")
        .next()
        .expect("an add button on every material")
        .click_accesskit();
    h.run();
    h.run();
    assert!(h.query_by_label_contains("选择照片或扫描件").is_some());
    h.get_by_label("发票照片.jpg").click_accesskit();
    h.run();
    let case = h.state().state.current_case().unwrap().clone();
    let attached = case.attachments(&first).to_vec();
    assert_eq!(attached.len(), 1, "{:?}", case.items);
    let stored = dir
        .path()
        .join("cases")
        .join("c1.files")
        .join(&attached[0].file);
    assert!(
        stored.is_file(),
        "copied into the case's folder: {stored:?}"
    );

    // The check runs on a worker thread; its warning appears on the card.
    h.state_mut()
        .ui
        .photos
        .wait_all(std::time::Duration::from_secs(20));
    h.run();
    assert!(
        h.query_all_by_label_contains("照片模糊").next().is_some(),
        "the blur warning is shown"
    );
    // The blurred print magnified beside sharp print, and no number on the card.
    assert!(
        h.query_all_by_label("放大的照片局部：模糊")
            .next()
            .is_some()
    );
    assert!(h.query_all_by_label_contains("清晰的样子").next().is_some());
    assert!(h.query_all_by_label_contains("清晰度").next().is_none());

    // Export it (one .zip with the photo) and import it back: the copy has its photo too.
    h.get_by_label("导出…").click_accesskit();
    h.run();
    let zip = std::fs::read_dir(&exports)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "zip"))
        .expect("a .zip bundle in the default folder");
    h.get_by_label("导入…").click_accesskit();
    h.run();
    h.get_by_label(zip.file_name().unwrap().to_str().unwrap())
        .click_accesskit();
    h.run();
    let imported = h.state().state.current_case().unwrap().clone();
    assert_ne!(imported.id, "c1", "the import is a new case");
    let copy = imported.attachments(&first).to_vec();
    assert_eq!(copy.len(), 1);
    assert!(
        dir.path()
            .join("cases")
            .join(format!("{}.files", imported.id))
            .join(&copy[0].file)
            .is_file()
    );
    h.state_mut().state.select("c1");
    h.run();

    // Remove it: gone from the case and from the folder.
    h.get_by_label("删除这张").click_accesskit();
    h.run();
    let case = h.state().state.current_case().unwrap().clone();
    assert!(case.attachments(&first).is_empty());
    assert!(!stored.exists());
}

/// Opens the checklist of an online claim with `file` (bytes) waiting in the picker's folder,
/// attaches it to the first material and waits for its check.
fn attach(name: &str, bytes: &[u8]) -> (Harness<'static, App>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let exports = dir.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    std::fs::write(exports.join(name), bytes).unwrap();
    let config = AppConfig::headless(dir.path(), NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .build_eframe(move |cc| App::new(cc, config));
    h.run();
    let mut answers = Answers::new();
    for (q, v) in [
        ("scenario", "local"),
        ("region", "national"),
        ("insurance", "employee"),
        ("visit", "inpatient"),
        ("emergency", "no"),
        ("settlement", "manual"),
        ("channel", "online"),
        ("proxy", "no"),
        ("third_party", "no"),
        ("special_drugs", "no"),
    ] {
        answers.set(q, v);
    }
    h.state_mut().state.add_imported(Case {
        schema: SCHEMA_VERSION,
        id: "c1".into(),
        label: "网上报销".into(),
        created: String::new(),
        updated: String::new(),
        answers,
        items: Default::default(),
        status: Default::default(),
    });
    h.run();
    h.query_all_by_label_contains("详情、备注、照片")
        .next()
        .expect("a details button on every material")
        .click_accesskit();
    h.run();
    h.query_all_by_label("添加照片或扫描件…")
        .next()
        .expect("an add button on every material")
        .click_accesskit();
    h.run();
    h.run();
    h.get_by_label(name).click_accesskit();
    h.run();
    h.state_mut()
        .ui
        .photos
        .wait_all(std::time::Duration::from_secs(60));
    h.run();
    h.run();
    (h, dir)
}

#[test]
fn a_glare_patch_on_a_real_photo_is_boxed_on_the_thumbnail() {
    let real = crate::photo_real::load("good-jscanify-page-angled.jpg");
    let doc_px = crate::photo_real::doc_px(&real);
    let bytes = jpeg(&crate::photo_real::with_glare(&real, doc_px, 3), 90);
    let (h, _dir) = attach("反光照片.jpg", &bytes);
    assert!(
        h.query_all_by_label_contains("反光（红框处）")
            .next()
            .is_some(),
        "the glare warning, in one line"
    );
    assert!(
        h.query_all_by_label_contains("反光处已用红框标出")
            .next()
            .is_some(),
        "the thumbnail says the patch is boxed"
    );
    assert!(
        h.query_all_by_label_contains("没有发现问题")
            .next()
            .is_none()
    );
    for other in ["照片模糊：", "四角不全（红边处）", "单据太小：", "看不清："]
    {
        assert!(
            h.query_all_by_label_contains(other).next().is_none(),
            "no second warning: {other}"
        );
    }
}

#[test]
fn a_cut_off_real_photo_has_its_cut_edge_marked() {
    let real = crate::photo_real::load("good-jscanify-page-angled.jpg");
    let bytes = jpeg(&crate::photo_real::with_crop(&real, 2), 90);
    let (h, _dir) = attach("切边照片.jpg", &bytes);
    assert!(
        h.query_all_by_label_contains("四角不全（红边处）")
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("被切掉的边已标红")
            .next()
            .is_some()
    );
}

#[test]
fn a_clean_real_scan_gets_no_warning() {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/photos/real/good-ocrmypdf-linn-scan.png"),
    )
    .unwrap();
    let (h, _dir) = attach("扫描件.png", &bytes);
    assert!(
        h.query_all_by_label_contains("照片检查：没有发现问题")
            .next()
            .is_some(),
        "the clean scan passes"
    );
    assert!(
        h.query_all_by_label("照片缩略图").next().is_some(),
        "nothing marked"
    );
    for warning in [
        "照片模糊：",
        "反光（红框处）",
        "四角不全（红边处）",
        "单据太小：",
        "看不清：",
    ] {
        assert!(
            h.query_all_by_label_contains(warning).next().is_none(),
            "no {warning} on a clean scan"
        );
    }
}
