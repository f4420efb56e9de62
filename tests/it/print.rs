//! Printing through a real CUPS queue: `.ci/run` starts cupsd and adds a virtual PDF printer
//! (cups-pdf) called `PDF`, then sets YIBAO_TEST_CUPS=1. The printed job lands as a PDF in
//! `~/PDF`; the test finds it by the job's title and checks its pages.
//!
//! Without YIBAO_TEST_CUPS the CUPS test says so and does nothing (a developer machine without a
//! print queue); CI always sets it.

use crate::common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::cli;

fn pages(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes)
        .expect("a PDF")
        .get_pages()
        .len()
}

#[test]
fn a_quick_sheet_is_printed_by_a_real_cups_queue() {
    if std::env::var_os("YIBAO_TEST_CUPS").is_none() {
        eprintln!("skipped: set YIBAO_TEST_CUPS=1 with a CUPS queue called PDF (see .ci/run)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    // A name cups-pdf keeps as it is in the file name (it escapes other characters).
    let marker = format!(
        "T{}x{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis()
    );
    let out = cli(tmp.path())
        .args([
            "print",
            "--printer",
            "PDF",
            "--quick",
            "local-manual-window",
        ])
        .args(["--name", &marker, "--lang", "en"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Sent to the printer (job PDF-"), "{stdout}");

    // The same sheet, exported.
    let expected = tmp.path().join("expected.pdf");
    cli(tmp.path())
        .args(["export", "--quick", "local-manual-window"])
        .args(["--name", &marker, "--lang", "en", "--out"])
        .arg(&expected)
        .assert()
        .success();
    let want_pages = pages(&std::fs::read(&expected).unwrap());

    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap();
    let spool = [
        home.join("PDF"),
        PathBuf::from("/var/spool/cups-pdf/ANONYMOUS"),
    ];
    let start = Instant::now();
    let printed = loop {
        let found = spool
            .iter()
            .filter_map(|d| std::fs::read_dir(d).ok())
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.to_string_lossy().contains(&marker));
        if let Some(p) = found {
            // cups-pdf writes the file, then closes it: wait until it parses.
            if let Ok(bytes) = std::fs::read(&p)
                && lopdf::Document::load_mem(&bytes).is_ok()
            {
                break bytes;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(90),
            "no printed job titled {marker} in {spool:?}"
        );
        std::thread::sleep(Duration::from_millis(300));
    };
    assert_eq!(
        pages(&printed),
        want_pages,
        "the printed job has the sheet's pages"
    );
}

#[test]
fn printing_to_a_queue_that_does_not_exist_fails_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let out = cli(tmp.path())
        .args([
            "print",
            "--printer",
            "NoSuchQueue",
            "--quick",
            "local-manual-window",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    // Without CUPS: no print service; with CUPS: the queue is refused. Either way, in Chinese.
    assert!(err.contains("打印服务") || err.contains("打印机"), "{err}");
}
