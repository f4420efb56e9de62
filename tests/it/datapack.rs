//! Data packs (数据更新): a pack made from a folder holding a (made-up, labelled) 2027 calendar;
//! its preview shows the date a saved case's deadline moves to before anything changes; once
//! installed the checklist, the sheet and `recheck` show it (recheck once); removing it restores
//! the earlier date. Hostile packs are refused with their reason and change nothing.

use crate::common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use yibao_checklist::cases::{Case, Store};

const TODAY: &str = "2026-12-30";
const LABEL: &str = "妈妈住院";
/// 30 working days from 2026-12-30, weekends only (no 2027 calendar bundled).
const BEFORE: &str = "2027-02-10";
/// The same with the made-up 2027 calendar of `tests/fixtures/pack-2027` (元旦 and 春节 off,
/// one make-up Saturday).
const AFTER: &str = "2027-02-17";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pack-2027")
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A data folder with one saved case whose payout estimate runs into 2027.
fn data_with_case() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let mut case = Case::new(LABEL);
    let mut a = common::emergency_claim();
    for (q, v) in [
        ("admission_date", "2026-12-20"),
        ("discharge_date", "2026-12-28"),
        ("invoice_date", "2026-12-28"),
        ("submitted_date", TODAY),
    ] {
        a.set(q, v);
    }
    case.answers = a;
    let (store, _) = Store::open(&data.path().join("cases")).unwrap();
    store.save(&case).unwrap();
    data
}

/// `data pack` of the fixture into `out`.
fn make_pack(data: &Path, out: &Path) {
    let o = common::cli(data)
        .args(["data", "pack"])
        .arg(fixture())
        .arg("--out")
        .arg(out)
        .args([
            "--made-by",
            "测试医院 医保办",
            "--title",
            "测试 2027 节假日",
            "--name",
            "test-2027",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("已生成数据更新包"), "{}", stdout(&o));
}

/// The case's sheet, printed beside the data folder, as text.
fn derive_text(data: &Path) -> String {
    let out = data.parent().unwrap().join("sheet.pdf");
    let o = common::cli(data)
        .args(["export", "--case", LABEL, "--today", TODAY])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    pdf_text(&std::fs::read(&out).unwrap())
}

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the PDF");
    let n = doc.get_pages().len() as u32;
    (1..=n)
        .map(|p| doc.extract_text(&[p]).expect("text extracts"))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn checklist(data: &Path) -> String {
    let mut args = vec!["derive".to_string(), "--today".into(), TODAY.into()];
    let case = Store::open_read_only(&data.join("cases")).unwrap().cases[0].clone();
    args.extend(common::answer_args(&case.answers));
    let o = common::cli(data).args(&args).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

fn recheck(data: &Path) -> String {
    let o = common::cli(data)
        .args(["recheck", "--today", TODAY])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

/// Every file below `dir`, with its bytes (to see that nothing changed).
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_2027_calendar_pack_is_previewed_installed_shown_once_and_removed() {
    let work = tempfile::tempdir().unwrap();
    let data_dir = work.path().join("data");
    std::fs::create_dir(&data_dir).unwrap();
    let data = data_dir.as_path();
    {
        let d = data_with_case();
        // Move the case folder into the work folder, beside the sheets the test prints.
        std::fs::rename(d.path().join("cases"), data.join("cases")).unwrap();
    }
    let file = work.path().join("test-2027.yibao-data");
    make_pack(data, &file);

    // The checklist before: weekends only; recheck records it as the baseline.
    assert!(checklist(data).contains(BEFORE));
    recheck(data);
    let sheet_before = derive_text(data);
    assert!(sheet_before.contains(BEFORE), "{sheet_before}");

    // The preview: what it adds, who made it, and the saved case's date change. Nothing written.
    let before = snapshot(data);
    let started = std::time::Instant::now();
    let o = common::cli(data)
        .args(["data", "install", "--today", TODAY])
        .arg(&file)
        .output()
        .unwrap();
    eprintln!("preview took {:?}", started.elapsed());
    assert!(o.status.success(), "{}", stderr(&o));
    let preview = stdout(&o);
    assert!(preview.contains("新增：2027年节假日安排"), "{preview}");
    assert!(preview.contains("由 测试医院 医保办 制作"), "{preview}");
    assert!(
        preview.contains(&format!(
            "报销款到账时间 {BEFORE} → {AFTER}（2027年节假日安排已更新）"
        )),
        "{preview}"
    );
    assert!(preview.contains(LABEL), "{preview}");
    assert!(preview.contains("未做任何更改"), "{preview}");
    assert_eq!(snapshot(data), before, "a preview writes nothing");

    // Installed: the checklist, the sheet (with the pack named in its footer), recheck once.
    let o = common::cli(data)
        .args(["data", "install", "--yes", "--today", TODAY])
        .arg(&file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("已安装数据更新"), "{}", stdout(&o));
    let list = common::cli(data)
        .args(["data", "list", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(json[0]["name"], "test-2027");
    assert_eq!(json[0]["made_by"], "测试医院 医保办");
    assert_eq!(json[0]["adds"]["holiday_years"][0], 2027);

    let text = checklist(data);
    assert!(text.contains(AFTER) && !text.contains(BEFORE), "{text}");
    assert!(
        text.contains("测试 2027 节假日"),
        "the checklist names the pack: {text}"
    );
    let sheet = derive_text(data);
    assert!(sheet.contains(AFTER) && !sheet.contains(BEFORE), "{sheet}");
    assert!(
        sheet.contains("+“测试2027节假日”（测试医院医保办制作）"),
        "the footer names the pack: {sheet}"
    );
    let first = recheck(data);
    assert!(first.contains(BEFORE) && first.contains(AFTER), "{first}");
    let second = recheck(data);
    assert!(!second.contains(AFTER), "reported once: {second}");
    let version = common::cli(data).arg("--version").output().unwrap();
    assert!(
        stdout(&version).contains("测试 2027 节假日"),
        "{}",
        stdout(&version)
    );

    // Removing: read-only without --yes, then the earlier date is back.
    let o = common::cli(data)
        .args(["data", "remove", "test-2027"])
        .output()
        .unwrap();
    assert!(stdout(&o).contains("确认移除请加 --yes"), "{}", stdout(&o));
    assert!(checklist(data).contains(AFTER));
    let o = common::cli(data)
        .args(["data", "remove", "test-2027", "--yes"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(checklist(data).contains(BEFORE));
    let list = common::cli(data).args(["data", "list"]).output().unwrap();
    assert!(stdout(&list).contains("没有安装任何数据更新"));
    let back = recheck(data);
    assert!(back.contains(AFTER) && back.contains(BEFORE), "{back}");
}

/// A zip with these entries (name, bytes).
fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        z.start_file(*name, opts).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn manifest(name: &str, adds_years: &str, adds_entries: &str) -> Vec<u8> {
    format!(
        r#"(name: "{name}", title: "t", version: "1", made: "2026-12-01", made_by: "测试",
            adds: (holiday_years: [{adds_years}], entries: [{adds_entries}]), sources: [])"#
    )
    .into_bytes()
}

fn holidays() -> Vec<u8> {
    std::fs::read(fixture().join("holidays-2027.ron")).unwrap()
}

/// Installing `bytes` as a pack fails with a message holding `expect`, and changes nothing.
fn refused(bytes: &[u8], expect: &str) {
    let data = data_with_case();
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("hostile.yibao-data");
    std::fs::write(&file, bytes).unwrap();
    let before = snapshot(data.path());
    let o = common::cli(data.path())
        .args(["data", "install", "--yes"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains(expect), "expected {expect:?} in: {err}");
    assert!(err.starts_with("错误："), "{err}");
    assert_eq!(snapshot(data.path()), before, "nothing changed");
    assert!(!data.path().join("packs").join("bad").exists());
}

#[test]
fn hostile_packs_are_refused_with_their_reason_and_change_nothing() {
    // A bad entry: the problem with its file:line:col inside the pack.
    refused(
        &zip_of(&[
            ("manifest.ron", manifest("bad", "", "")),
            (
                "files/broken.ron",
                b"(\n  notices: [ (id: \"x\", kind: nonsense) ],\n)".to_vec(),
            ),
        ]),
        "bad/broken.ron:2:",
    );
    // A path out of its folder.
    refused(
        &zip_of(&[
            ("manifest.ron", manifest("bad", "2027", "")),
            ("files/../x.ron", holidays()),
        ]),
        "指向包以外的位置",
    );
    refused(
        &zip_of(&[
            ("manifest.ron", manifest("bad", "2027", "")),
            ("../x", holidays()),
        ]),
        "指向包以外的位置",
    );
    // Too big (the file itself), and too many files.
    let mut big = zip_of(&[("manifest.ron", manifest("bad", "2027", ""))]);
    big.resize(5 * 1024 * 1024, 0);
    refused(&big, "数据更新包太大");
    let many: Vec<(String, Vec<u8>)> = (0..70)
        .map(|i| (format!("files/f{i}.ron"), b"()".to_vec()))
        .collect();
    let mut entries: Vec<(&str, Vec<u8>)> =
        many.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    entries.push(("manifest.ron", manifest("bad", "", "")));
    refused(&zip_of(&entries), "文件太多");
    // One id twice, without `replaces`.
    let notice = br#"(notices: [(id: "pack_test_notice", kind: tip, title: (zh: "t", en: "t"),
        when: Always, versions: [(text: (zh: "t", en: "t"), sources: ["001"])])])"#
        .to_vec();
    refused(
        &zip_of(&[
            (
                "manifest.ron",
                manifest("bad", "", r#""notice/pack_test_notice""#),
            ),
            ("files/a.ron", notice.clone()),
            ("files/b.ron", notice),
        ]),
        "重复的编号“pack_test_notice”",
    );
    // Not a zip at all.
    refused(b"hello", "这不是数据更新包");
    // A manifest that says other than its files.
    refused(
        &zip_of(&[
            ("manifest.ron", manifest("bad", "", "")),
            ("files/h.ron", holidays()),
        ]),
        "与其内容不符",
    );
}

/// `--out` follows the output rule: never into the data folder's `packs/`.
#[test]
fn a_pack_is_never_written_into_the_data_folder() {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir(data.path().join("packs")).unwrap();
    let o = common::cli(data.path())
        .args(["data", "pack"])
        .arg(fixture())
        .arg("--out")
        .arg(data.path().join("packs/x.yibao-data"))
        .args(["--made-by", "t"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(!data.path().join("packs/x.yibao-data").exists());
}

/// A broken `checklists/` of the user's does not block a pack, nor hide one installed.
#[test]
fn broken_overrides_do_not_block_a_pack() {
    let work = tempfile::tempdir().unwrap();
    let data = data_with_case();
    let file = work.path().join("p.yibao-data");
    make_pack(data.path(), &file);
    std::fs::create_dir(data.path().join("checklists")).unwrap();
    std::fs::write(data.path().join("checklists/broken.ron"), "(notices: [").unwrap();
    let o = common::cli(data.path())
        .args(["data", "install", "--yes", "--today", TODAY])
        .arg(&file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("预览未包括它们"), "{}", stdout(&o));
    let text = checklist(data.path());
    assert!(text.contains(AFTER), "{text}");
}
