//! Kill tests: saves and exports killed (SIGKILL) at random moments lose nothing. A saved case
//! is always the last completed save (or the one in progress), never a half file; an export's
//! target is the old sheet or the whole new one, and leftovers are cleaned up later.
//!
//! `cargo test` runs 10 kills of each; `scripts/kill-test.sh` runs 50 (`YIBAO_KILL_RUNS`).

#![cfg(unix)]

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use yibao_checklist::cases::{Case, SCHEMA_VERSION, Store};

const CHILD_ENV: &str = "YIBAO_KILL_TEST_CHILD";

fn runs() -> usize {
    std::env::var("YIBAO_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
}

/// A small, dependency-free random number (xorshift seeded from the clock).
fn random_below(n: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(Instant::now().elapsed().as_nanos());
    h.finish() % n.max(1)
}

fn case(id: &str, n: u64) -> Case {
    let mut c = Case {
        schema: SCHEMA_VERSION,
        id: id.into(),
        label: format!("案例 {id}"),
        created: "2026-11-01T10:00:00+08:00".into(),
        updated: "2026-11-01T10:00:00+08:00".into(),
        answers: Default::default(),
        items: Default::default(),
        status: Default::default(),
    };
    // A note of varying size, so writes cross block boundaries at different points.
    c.set_note(
        "invoice",
        format!("{n}:{}", "备注".repeat((n % 50) as usize * 40)),
    );
    c
}

fn version_of(c: &Case) -> u64 {
    c.note("invoice")
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Run in a child process by `saves_killed_at_random_moments_lose_nothing`: saves three cases
/// in turn for ever, printing each version after its save returned.
#[test]
fn child_process_saver() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return; // Only does something as the child.
    };
    let (store, _) = Store::open(std::path::Path::new(&dir)).unwrap();
    let start: u64 = std::env::var("YIBAO_KILL_START").unwrap().parse().unwrap();
    for n in start.. {
        let id = ["a", "b", "c"][(n % 3) as usize];
        store.save(&case(id, n)).unwrap();
        println!("saved {id} {n}");
    }
}

#[test]
fn saves_killed_at_random_moments_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut last_saved: std::collections::HashMap<String, u64> = Default::default();
    let mut next = 0u64;
    let mut completed = 0usize;
    for run in 0..runs() {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                // The test's full name in the one integration binary (tests/it/main.rs).
                "kill::child_process_saver",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .env("YIBAO_KILL_START", next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<_>>()
        });
        std::thread::sleep(Duration::from_millis(30 + random_below(400)));
        child.kill().unwrap();
        child.wait().unwrap();
        for line in reader.join().unwrap() {
            if let Some(rest) = line.strip_prefix("saved ") {
                let (id, n) = rest.split_once(' ').unwrap();
                let n: u64 = n.parse().unwrap();
                last_saved.insert(id.to_string(), n);
                completed += 1;
                next = next.max(n + 1);
            }
        }
        next += 3; // a save may have completed without being reported
        let report = Store::open_read_only(dir.path()).unwrap();
        assert!(
            report.quarantined.is_empty(),
            "run {run}: {:?}",
            report.quarantined
        );
        for (id, &n) in &last_saved {
            let c = report
                .cases
                .iter()
                .find(|c| &c.id == id)
                .unwrap_or_else(|| panic!("run {run}: case {id} lost"));
            assert!(
                version_of(c) >= n,
                "run {run}: case {id} went back from {n} to {}",
                version_of(c)
            );
        }
    }
    assert!(!last_saved.is_empty(), "the child saved something");
    eprintln!(
        "{} kills during saves; {completed} saves completed and reported, none lost",
        runs()
    );
}

fn export(out: &std::path::Path, data: &std::path::Path, large: bool) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("yibao-checklist"));
    let mut answers = common::emergency_claim();
    answers.set("special_drugs", "no");
    answers.set("discharge_date", "2026-10-10");
    c.arg("export")
        .args(common::answer_args(&answers))
        .args(["--today", "2026-11-01", "--out"])
        .arg(out)
        .env("YIBAO_CHECKLIST_DATA_DIR", data)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if large {
        c.arg("--large");
    }
    c
}

fn is_whole_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF")
}

fn leftovers(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".yibao-export-")
        })
        .collect()
}

#[test]
fn exports_killed_at_random_moments_leave_the_old_or_the_whole_new_sheet() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("sheet.pdf");
    assert!(export(&out, data.path(), false).status().unwrap().success());
    assert!(is_whole_pdf(&std::fs::read(&out).unwrap()));
    // The time a whole export takes, to kill anywhere inside it.
    let t = Instant::now();
    assert!(export(&out, data.path(), true).status().unwrap().success());
    let full = t.elapsed().as_millis() as u64;
    for run in 0..runs() {
        let mut child = export(&out, data.path(), run % 2 == 0).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(random_below(full + 20)));
        let _ = child.kill();
        child.wait().unwrap();
        let now = std::fs::read(&out).unwrap();
        assert!(is_whole_pdf(&now), "run {run}: a partial sheet");
    }
    // Leftovers of killed exports are hidden, and the next export after they are stale removes
    // them.
    let left = leftovers(work.path());
    let past = std::time::SystemTime::now() - Duration::from_secs(3600);
    for p in &left {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(past)
            .unwrap();
    }
    assert!(export(&out, data.path(), false).status().unwrap().success());
    assert!(leftovers(work.path()).is_empty(), "{left:?}");
}

#[test]
fn parallel_exports_to_one_folder_all_succeed() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..8)
        .map(|i| {
            // Half to one shared name, half to their own.
            let name = if i % 2 == 0 {
                "shared.pdf".to_string()
            } else {
                format!("own-{i}.pdf")
            };
            export(&work.path().join(name), data.path(), i % 3 == 0)
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    for e in std::fs::read_dir(work.path()).unwrap().flatten() {
        assert!(is_whole_pdf(&std::fs::read(e.path()).unwrap()));
    }
    assert!(leftovers(work.path()).is_empty());
}
