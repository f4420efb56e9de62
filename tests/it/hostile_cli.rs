//! Issue 9, command-line side: reading commands never change saved cases, `--out` never
//! overwrites a case or a non-PDF, exports follow the umask and clean up after killed runs,
//! labels cannot drive the terminal, one question gets one answer.

use crate::common;

use predicates::prelude::*;
use std::path::Path;
use yibao_checklist::cases::{Case, SCHEMA_VERSION, Store};
use yibao_checklist::engine::Answers;

use common::cli;

fn answers() -> Answers {
    Answers::from_pairs([
        ("scenario", "cross_region"),
        ("region", "national"),
        ("insurance", "employee"),
        ("visit", "inpatient"),
        ("emergency", "no"),
        ("filed", "yes"),
        ("settlement", "manual"),
        ("channel", "window"),
        ("proxy", "no"),
        ("third_party", "no"),
        ("special_drugs", "no"),
        ("admission_date", "2026-10-01"),
        ("discharge_date", "2026-10-10"),
    ])
}

fn case(id: &str, label: &str) -> Case {
    Case {
        schema: SCHEMA_VERSION,
        id: id.into(),
        label: label.into(),
        created: "2026-11-01T10:00:00+08:00".into(),
        updated: "2026-11-01T10:00:00+08:00".into(),
        answers: answers(),
        items: Default::default(),
        status: Default::default(),
    }
}

/// A data folder with saved cases (`c1` saved twice, so it has a `.bak`).
fn data_with(cases: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&tmp.path().join("cases")).unwrap();
    for (id, label) in cases {
        let mut c = case(id, label);
        store.save(&c).unwrap();
        c.label.push(' ');
        store.save(&c).unwrap();
    }
    tmp
}

/// Every file name in a folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn export_of_a_case_leaves_a_corrupt_store_as_it_is_and_says_what_it_found() {
    let tmp = data_with(&[("c1", "妈妈住院"), ("c2", "爸爸门诊")]);
    let cases = tmp.path().join("cases");
    std::fs::write(cases.join("c1.ron"), "(schema: 1, id: \"c1\", label: ").unwrap();
    std::fs::write(
        cases.join("c3.ron"),
        "(schema: 99, id: \"c3\", label: \"新\")",
    )
    .unwrap();
    let before = snapshot(&cases);
    let out = tmp.path().join("x.pdf");
    cli(tmp.path())
        .args([
            "export",
            "--case",
            "爸爸门诊",
            "--today",
            "2026-11-22",
            "--lang",
            "en",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success()
        .stderr(
            predicate::str::contains(cases.join("c1.ron").display().to_string())
                .and(predicate::str::contains("repair"))
                .and(predicate::str::contains(
                    cases.join("c3.ron").display().to_string(),
                ))
                .and(predicate::str::contains("newer version")),
        );
    assert_eq!(snapshot(&cases), before, "nothing in the store changed");

    // `repair` does what reading commands do not: moves the file aside, restores the backup.
    cli(tmp.path())
        .args(["repair", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("moved aside").and(predicate::str::contains("restored")));
    let report = Store::open_read_only(&cases).unwrap();
    assert!(report.findings().iter().all(|f| matches!(
        f,
        yibao_checklist::cases::readonly::Finding::NewerSchema { .. }
    )));
    assert!(report.cases.iter().any(|c| c.id == "c1"));
    assert!(
        std::fs::read_dir(&cases)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().contains(".corrupt-")),
        "the corrupt file is kept aside"
    );
}

/// Chinese output of the store's findings and of `repair`: paths, file names and the command
/// aside, no English word (the reasons were English parser messages once).
#[test]
fn store_findings_and_repair_speak_chinese() {
    let tmp = data_with(&[("c1", "妈妈住院"), ("c2", "爸爸门诊")]);
    let cases = tmp.path().join("cases");
    std::fs::write(cases.join("c1.ron"), "(schema: 1, id: \"c1\", label: ").unwrap();
    std::fs::write(cases.join("c4.ron"), "").unwrap();
    std::fs::write(
        cases.join("c3.ron"),
        "(schema: 99, id: \"c3\", label: \"新\")",
    )
    .unwrap();
    let words = |text: &str| -> Vec<String> {
        let rest = text
            .replace(&cases.display().to_string(), "")
            .replace("yibao-checklist repair", "");
        rest.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            // File names: c1.ron, c1.ron.corrupt-…, the ids.
            .filter(|w| !["c", "ron", "bak", "corrupt"].contains(w))
            .map(str::to_string)
            .collect()
    };
    let out = tmp.path().join("x.pdf");
    let read = cli(tmp.path())
        .args([
            "export",
            "--case",
            "爸爸门诊",
            "--today",
            "2026-11-22",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8(read.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("第 1 行"), "{stderr}");
    assert!(stderr.contains("文件是空的"), "{stderr}");
    assert!(words(&stderr).is_empty(), "{stderr}");

    let repaired = cli(tmp.path()).args(["repair"]).assert().success();
    let stdout = String::from_utf8(repaired.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("已移到一旁") && stdout.contains("已从备份恢复"),
        "{stdout}"
    );
    assert!(words(&stdout).is_empty(), "{stdout}");
}

#[test]
fn out_may_not_overwrite_a_saved_case_or_anything_in_the_data_folder() {
    let tmp = data_with(&[("c1", "妈妈住院")]);
    let target = tmp.path().join("cases").join("c1.ron");
    let before = std::fs::read(&target).unwrap();
    for force in [false, true] {
        let mut cmd = cli(tmp.path());
        cmd.args(["export", "--case", "妈妈住院", "--lang", "en", "--out"])
            .arg(&target);
        if force {
            cmd.arg("--force");
        }
        cmd.assert()
            .failure()
            .stderr(predicate::str::contains("inside the data folder"));
    }
    // Through `..` too; said in Chinese by default.
    let sneaky = tmp.path().join("cases/../cases/new.pdf");
    cli(tmp.path())
        .args(["export", "--case", "妈妈住院", "--out"])
        .arg(&sneaky)
        .assert()
        .failure()
        .stderr(predicate::str::contains("拒绝写入").and(predicate::str::contains("请换一个位置")));
    assert_eq!(std::fs::read(&target).unwrap(), before);
    assert!(!tmp.path().join("cases/new.pdf").exists());
}

#[test]
fn out_refuses_an_existing_non_pdf_unless_forced_and_replaces_a_pdf() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let notes = work.path().join("notes.txt");
    std::fs::write(&notes, "my notes").unwrap();
    let args = [
        "export",
        "--lang",
        "en",
        "-a",
        "scenario=filing",
        "-a",
        "filing_type=temporary",
        "-a",
        "region=national",
        "-a",
        "insurance=employee",
        "-a",
        "channel=online",
        "-a",
        "proxy=no",
        "--blank",
        "--out",
    ];
    cli(data.path())
        .args(args)
        .arg(&notes)
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a PDF").and(predicate::str::contains("--force")));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
    cli(data.path())
        .args(args)
        .arg(&notes)
        .arg("--force")
        .assert()
        .success();
    assert!(std::fs::read(&notes).unwrap().starts_with(b"%PDF-"));
    // An existing PDF is replaced without --force (printing again is normal).
    cli(data.path()).args(args).arg(&notes).assert().success();
}

#[cfg(unix)]
#[test]
fn exports_follow_the_umask_and_clean_up_after_killed_runs() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    // A leftover of a killed export, an hour old and locked by nobody.
    let stale = work.path().join(".yibao-export-AbC123.tmp");
    std::fs::write(&stale, b"%PDF-half").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
    let out = work.path().join("sheet.pdf");
    let bin = assert_cmd::cargo::cargo_bin("yibao-checklist");
    for (umask, mode) in [("077", 0o600), ("022", 0o644)] {
        let _ = std::fs::remove_file(&out);
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" export -a scenario=filing -a filing_type=temporary -a region=national -a insurance=employee -a channel=online -a proxy=no --blank --out \"$1\""
            ))
            .arg(&bin)
            .arg(&out)
            .env("YIBAO_CHECKLIST_DATA_DIR", data.path())
            .status()
            .unwrap();
        assert!(status.success());
        let got = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode, "umask {umask}");
    }
    assert!(
        !stale.exists(),
        "the killed export's temporary file is gone"
    );
}

#[test]
fn labels_with_escape_sequences_are_shown_escaped() {
    let tmp = data_with(&[("c1", "妈妈\u{1b}]0;owned\u{7}\u{1b}[2J住院")]);
    let out = cli(tmp.path())
        .args(["export", "--case", "nobody", "--out"])
        .arg(tmp.path().join("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(stderr.contains("妈妈\\u{1b}]0;owned"), "{stderr}");
}

#[test]
fn two_different_answers_to_one_question_exit_2_naming_both() {
    let data = tempfile::tempdir().unwrap();
    cli(data.path())
        .args([
            "derive",
            "-a",
            "scenario=cross_region",
            "-a",
            "scenario=local",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("\"cross_region\"")
                .and(predicate::str::contains("\"local\""))
                .and(predicate::str::contains("scenario")),
        );
    // The same answer twice is not a conflict.
    cli(data.path())
        .args([
            "derive",
            "-a",
            "scenario=filing",
            "-a",
            "scenario=filing",
            "-a",
            "filing_type=temporary",
            "-a",
            "region=national",
            "-a",
            "insurance=employee",
            "-a",
            "channel=online",
            "-a",
            "proxy=no",
        ])
        .assert()
        .success();
}

#[test]
fn characters_the_font_lacks_are_reported_on_export() {
    // U+A000 (Yi) is in no font we bundle.
    let label = "张\u{a000}";
    let tmp = data_with(&[("c1", label)]);
    let out = tmp.path().join("x.pdf");
    cli(tmp.path())
        .args([
            "export",
            "--case",
            label,
            "--today",
            "2026-11-22",
            "--lang",
            "en",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("no glyph").and(predicate::str::contains("\u{a000}")));
}

#[test]
fn a_case_too_large_to_load_is_not_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(tmp.path()).unwrap();
    let mut c = case("big", "大");
    store.save(&c).unwrap();
    c.set_note("t_id_card", "备".repeat(6 * 1024 * 1024));
    let err = store.save(&c).unwrap_err();
    assert!(
        matches!(err, yibao_checklist::cases::StoreError::TooLarge { .. }),
        "{err}"
    );
    // What is on disk is the last good save, and it loads.
    let (_s, report) = Store::open(tmp.path()).unwrap();
    assert!(report.quarantined.is_empty());
    assert_eq!(report.cases[0].note("t_id_card"), "");
}

#[test]
fn control_characters_in_a_label_are_left_out_of_the_sheet() {
    let tmp = data_with(&[("c1", "妈妈\u{1b}[31m住院\u{7}")]);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("x.pdf");
    cli(tmp.path())
        .args([
            "export",
            "--case",
            "妈妈\u{1b}[31m住院\u{7}",
            "--today",
            "2026-11-22",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let doc = lopdf::Document::load_mem(&std::fs::read(&out).unwrap()).unwrap();
    let text = doc.extract_text(&[1]).unwrap();
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(squeezed.contains("妈妈[31m住院"), "{squeezed}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
}

/// Every file under `dir` (recursively) with its bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                todo.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    out
}

/// Issue 24: `recheck` moved corrupt case files aside and restored their backups without a
/// word. It now reads the store as it is, names what it found, and leaves it for `repair`.
#[test]
fn recheck_leaves_corrupt_cases_and_backups_as_they_are_and_names_them() {
    let tmp = data_with(&[("c1", "妈妈住院"), ("c2", "爸爸门诊"), ("c3", "奶奶")]);
    let cases = tmp.path().join("cases");
    std::fs::write(cases.join("c1.ron"), "(schema: 1, id: \"c1\", label: ").unwrap();
    std::fs::write(cases.join("c3.ron"), [0xff, 0xfe, 0x00]).unwrap();
    std::fs::write(
        cases.join("c9.ron.bak"),
        std::fs::read(cases.join("c2.ron")).unwrap(),
    )
    .unwrap();
    std::fs::write(
        cases.join("c4.ron"),
        "(schema: 99, id: \"c4\", label: \"新\")",
    )
    .unwrap();
    let before = tree(&cases);
    let out = cli(tmp.path())
        .args(["recheck", "--today", "2026-11-22"])
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for name in ["c1.ron", "c3.ron", "c4.ron", "c9.ron.bak"] {
        assert!(stderr.contains(name), "{name} not named: {stderr}");
    }
    assert!(
        stderr.contains("repair") && stderr.contains("未作改动"),
        "{stderr}"
    );
    let after = tree(&cases);
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{} changed", path.display());
    }
    // Only recheck's own notes of what each readable case showed are new, and the list's
    // index (a cache).
    let new: Vec<_> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    assert!(
        new.iter().all(|p| {
            let p = p.to_string_lossy();
            p.ends_with(".ron.seen") || p.ends_with(".index.json")
        }),
        "{new:?}"
    );
    // `repair` afterwards still finds them and does the moving.
    let repaired = cli(tmp.path()).args(["repair"]).assert().success();
    let stdout = String::from_utf8(repaired.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("已移到一旁") && stdout.contains("c1.ron") && stdout.contains("c3.ron"),
        "{stdout}"
    );
    assert!(stdout.contains("已从备份恢复"), "{stdout}");
    assert!(cases.join("c9.ron").is_file(), "the lone backup restored");
}

/// A real PNG, made here.
fn png(path: &Path) {
    image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, 128])
    })
    .save(path)
    .unwrap();
}

fn case_with_attachment(id: &str, label: &str, file: &str) -> String {
    format!(
        r#"(schema: 2, id: "{id}", label: "{label}", created: "2026-11-01T10:00:00+08:00",
  updated: "2026-11-01T10:00:00+08:00",
  answers: {{ "scenario": "cross_region", "region": "national", "insurance": "employee",
    "visit": "inpatient", "emergency": "no", "filed": "yes", "settlement": "manual",
    "channel": "window", "proxy": "no", "third_party": "no", "special_drugs": "no",
    "admission_date": "2026-10-01", "discharge_date": "2026-10-10" }},
  items: {{ "id_card": (done: true, note: "", attachments: [(file: {file:?}, original_name: "a.png", added: "", bytes: 1)]) }},
)"#
    )
}

/// Issue 24: `submission --case` followed attachment names that were absolute paths or climbed
/// out with `../`, and embedded those files. Such a case is now refused when read, naming it.
#[test]
fn attachment_names_outside_the_cases_folder_are_refused_naming_the_case() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = tmp.path().join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    let secret = tmp.path().join("secret.png");
    png(&secret);
    let names = [
        secret.display().to_string(),
        "../secret.png".to_string(),
        "../../secret.png".to_string(),
        "sub/x.png".to_string(),
        "sub\\x.png".to_string(),
        "..".to_string(),
    ];
    for (i, name) in names.iter().enumerate() {
        let id = format!("evil{i}");
        std::fs::write(
            cases.join(format!("{id}.ron")),
            case_with_attachment(&id, &format!("坏{i}"), name),
        )
        .unwrap();
        std::fs::create_dir_all(cases.join(format!("{id}.files/sub"))).unwrap();
        png(&cases.join(format!("{id}.files/sub/x.png")));
    }
    let before = tree(&cases);
    let report = Store::open_read_only(&cases).unwrap();
    assert!(report.cases.is_empty(), "{:?}", report.cases);
    assert_eq!(report.findings().len(), names.len());
    for (i, _) in names.iter().enumerate() {
        let out_pdf = tmp.path().join(format!("x{i}.pdf"));
        let out = cli(tmp.path())
            .args(["submission", "--case", &format!("坏{i}"), "--out"])
            .arg(&out_pdf)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "case {i}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains(&format!("evil{i}.ron")) && stderr.contains("指向清单自己的文件夹之外"),
            "{stderr}"
        );
        assert!(!out_pdf.exists());
    }
    // English too.
    let out = cli(tmp.path())
        .args(["submission", "--case", "坏1", "--lang", "en", "--out"])
        .arg(tmp.path().join("x.pdf"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("outside the case's own folder"), "{stderr}");
    assert_eq!(tree(&cases), before, "reading changed nothing");
}

/// A safe name whose file in the case's folder is a link to a file elsewhere, or whose folder
/// is a link: attachments are copied in as regular files, so these were put there by hand.
#[cfg(unix)]
#[test]
fn submission_embeds_no_linked_attachment() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = tmp.path().join("cases");
    std::fs::create_dir_all(cases.join("a.files")).unwrap();
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    png(&outside.join("x.png"));
    std::os::unix::fs::symlink(outside.join("x.png"), cases.join("a.files/x.png")).unwrap();
    std::fs::write(
        cases.join("a.ron"),
        case_with_attachment("a", "链接", "x.png"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, cases.join("b.files")).unwrap();
    std::fs::write(
        cases.join("b.ron"),
        case_with_attachment("b", "文件夹链接", "x.png"),
    )
    .unwrap();
    for label in ["链接", "文件夹链接"] {
        let pdf = tmp.path().join("x.pdf");
        let out = cli(tmp.path())
            .args(["submission", "--case", label, "--out"])
            .arg(&pdf)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{label}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains(label) && stderr.contains("不是该清单文件夹里的普通文件"),
            "{stderr}"
        );
        assert!(!pdf.exists());
    }
    // The same case with a real copy in its folder is embedded.
    std::fs::remove_file(cases.join("a.files/x.png")).unwrap();
    png(&cases.join("a.files/x.png"));
    cli(tmp.path())
        .args(["submission", "--case", "链接", "--out"])
        .arg(tmp.path().join("ok.pdf"))
        .assert()
        .success();
}

/// Issue 24: `import FILE` and `export-case LABEL --out FILE` move cases between computers from
/// a script, through the app's own bundle code and checks.
#[test]
fn export_case_and_import_move_a_case_with_its_photos() {
    let from = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&from.path().join("cases")).unwrap();
    let mut c = case("c1", "妈妈住院");
    let photo = from.path().join("invoice.png");
    png(&photo);
    store.attach(&mut c, "invoice", &photo).unwrap();
    store.save(&c).unwrap();
    store.save(&case("c2", "爸爸门诊")).unwrap();
    drop(store);
    let work = tempfile::tempdir().unwrap();
    let bundle = work.path().join("mum.zip");
    let plain = work.path().join("dad.ron");
    cli(from.path())
        .args(["export-case", "妈妈住院", "--out"])
        .arg(&bundle)
        .assert()
        .success()
        .stdout(predicate::str::contains("已导出“妈妈住院”及其 1 个附件"));
    assert!(std::fs::read(&bundle).unwrap().starts_with(b"PK\x03\x04"));
    cli(from.path())
        .args(["export-case", "爸爸门诊", "--lang", "en", "--out"])
        .arg(&plain)
        .assert()
        .success()
        .stdout(predicate::str::contains("exported \"爸爸门诊\""));
    assert!(
        std::fs::read_to_string(&plain)
            .unwrap()
            .contains("爸爸门诊")
    );

    let to = tempfile::tempdir().unwrap();
    cli(to.path())
        .arg("import")
        .arg(&bundle)
        .assert()
        .success()
        .stdout(predicate::str::contains("已导入“妈妈住院”（含 1 个附件）"));
    cli(to.path())
        .args(["import", "--lang", "en"])
        .arg(&plain)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported \"爸爸门诊\""));
    let report = Store::open_read_only(&to.path().join("cases")).unwrap();
    let mum = report.cases.iter().find(|c| c.label == "妈妈住院").unwrap();
    let a = &mum.attachments("invoice")[0];
    let copied = to
        .path()
        .join("cases")
        .join(format!("{}.files", mum.id))
        .join(&a.file);
    assert_eq!(
        std::fs::read(copied).unwrap(),
        std::fs::read(&photo).unwrap()
    );
    assert!(report.cases.iter().any(|c| c.label == "爸爸门诊"));
}

#[test]
fn import_refuses_what_the_app_refuses_with_the_reason() {
    use std::io::Write as _;
    let work = tempfile::tempdir().unwrap();
    // A bundle entry climbing out of the case's folder.
    let evil = work.path().join("evil.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&evil).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("case.ron", opts).unwrap();
    zip.write_all(case_with_attachment("x", "坏", "a.png").as_bytes())
        .unwrap();
    zip.start_file("files/../../a.png", opts).unwrap();
    zip.write_all(b"\x89PNG\r\n\x1a\n").unwrap();
    zip.finish().unwrap();
    // A case file whose attachment name is an absolute path, and one from a newer version.
    let abs = work.path().join("abs.ron");
    std::fs::write(&abs, case_with_attachment("x", "坏", "/etc/passwd")).unwrap();
    let newer = work.path().join("newer.ron");
    std::fs::write(&newer, "(schema: 99, id: \"x\", label: \"新\")").unwrap();
    let data = tempfile::tempdir().unwrap();
    for file in [&evil, &abs, &newer] {
        let out = cli(data.path()).arg("import").arg(file).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains("未导入") && stderr.contains(&file.display().to_string()),
            "{stderr}"
        );
    }
    let left: Vec<_> = std::fs::read_dir(data.path().join("cases"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n != ".lock")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
