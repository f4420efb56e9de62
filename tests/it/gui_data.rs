//! 数据更新 in the app: choose a pack (through the in-app picker, as on a desktop without a file
//! dialog), see the saved case's date change in the preview, install, see it named, remove.

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use yibao_checklist::cases::{Case, Store};
use yibao_checklist::catalog::pack;
use yibao_checklist::gui::{App, AppConfig};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 30).unwrap()
}

#[test]
fn install_and_remove_a_data_pack_through_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let exports = dir.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pack-2027");
    let p = yibao_checklist::datapack::make(
        &fixture,
        "test-2027",
        "测试 2027 节假日",
        "1",
        "测试医院 医保办",
        today(),
    )
    .unwrap();
    std::fs::write(
        exports.join("test-2027.yibao-data"),
        pack::pack_bytes(&p).unwrap(),
    )
    .unwrap();
    let mut case = Case::new("妈妈住院");
    let mut a = crate::common::emergency_claim();
    for (q, v) in [
        ("admission_date", "2026-12-20"),
        ("discharge_date", "2026-12-28"),
        ("invoice_date", "2026-12-28"),
        ("submitted_date", "2026-12-30"),
    ] {
        a.set(q, v);
    }
    case.answers = a;
    {
        let (store, _) = Store::open(&dir.path().join("cases")).unwrap();
        store.save(&case).unwrap();
    }

    let config = AppConfig::headless(dir.path(), today());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .build_eframe(move |cc| App::new(cc, config));
    h.run();
    h.get_by_label("数据更新").click_accesskit();
    h.run();
    h.get_by_label("选择数据更新包…").click_accesskit();
    h.run();
    h.run();
    assert!(
        h.query_by_label_contains("选择要安装的数据更新包")
            .is_some()
    );
    h.get_by_label("test-2027.yibao-data").click_accesskit();
    h.run();
    h.run();
    // The preview: who made it, and the saved case's date change. Nothing installed yet.
    assert!(
        h.query_by_label_contains("由 测试医院 医保办 制作")
            .is_some()
    );
    assert!(
        h.query_by_label_contains(
            "报销款到账时间 2027-02-10 → 2027-02-17（2027年节假日安排已更新）"
        )
        .is_some()
    );
    assert!(!dir.path().join("packs/test-2027").exists());

    h.get_by_label("安装").click_accesskit();
    h.run();
    h.run();
    assert!(dir.path().join("packs/test-2027/manifest.ron").exists());
    assert_eq!(h.state().state.catalog.packs.len(), 1);
    assert!(h.query_by_label_contains("已安装数据更新").is_some());
    // The saved case's change is reported once (the "what changed" panel).
    assert_eq!(h.state().ui.changes.len(), 1);

    h.get_by_label("移除").click_accesskit();
    h.run();
    h.run();
    assert!(!dir.path().join("packs/test-2027").exists());
    assert!(h.state().state.catalog.packs.is_empty());
    assert!(h.query_by_label_contains("已移除数据更新").is_some());
}
