//! `yibao-checklist --version` names the app version and the data version, run as a user would.

use assert_cmd::Command;
use yibao_checklist::catalog::Catalog;

fn cli(data_dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("yibao-checklist").unwrap();
    c.env("YIBAO_CHECKLIST_DATA_DIR", data_dir);
    c
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn version_prints_the_app_and_data_versions() {
    let dir = tempfile::tempdir().unwrap();
    let data = Catalog::bundled().unwrap().data_version;
    let expected = format!(
        "yibao-checklist {} (data {data})\n",
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(stdout(cli(dir.path()).arg("--version")), expected);
    assert_eq!(stdout(cli(dir.path()).arg("-V")), expected);
}

#[test]
fn version_matches_the_data_version_derivations_carry() {
    let dir = tempfile::tempdir().unwrap();
    let mut derive = cli(dir.path());
    derive.args(["derive", "--json", "--today", "2025-04-01"]);
    for a in [
        "scenario=cross_region",
        "region=national",
        "insurance=employee",
        "visit=inpatient",
        "emergency=yes",
        "filed=no",
        "settlement=manual",
        "channel=window",
        "proxy=no",
        "third_party=no",
    ] {
        derive.args(["-a", a]);
    }
    derive.args([
        "-d",
        "admission_date=2025-03-01",
        "-d",
        "discharge_date=2025-03-10",
    ]);
    let json = stdout(&mut derive);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let data = v["data_version"].as_str().unwrap().to_string();
    assert!(!data.is_empty() && data != "unversioned", "{data}");
    let text = stdout(cli(dir.path()).arg("--version"));
    assert!(text.contains(&format!("(data {data})")), "{text}");
}

#[test]
fn version_names_a_data_version_set_by_the_users_overrides() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("checklists")).unwrap();
    std::fs::write(
        dir.path().join("checklists/local.ron"),
        "(data_version: \"clinic-2026-12\")\n",
    )
    .unwrap();
    let data = Catalog::bundled().unwrap().data_version;
    let text = stdout(cli(dir.path()).arg("--version"));
    assert_eq!(
        text,
        format!(
            "yibao-checklist {} (data {data}; with your overrides clinic-2026-12)\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn version_after_a_double_dash_is_not_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    // `--` ends the options: clap rejects the stray argument instead of printing the version.
    let out = cli(dir.path()).args(["--", "--version"]).output().unwrap();
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("(data "));
}
