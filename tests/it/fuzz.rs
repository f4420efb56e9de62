//! Fuzzing with proptest, bounded so `cargo test` stays quick: the RON catalog loader and the
//! case reader get arbitrary bytes and mutated real files. Nothing may panic or take long; bad
//! input is an error with a position (catalog) or a reported, quarantined file (cases).
//!
//! Case counts: 300 arbitrary catalog files, 300 mutated bundled files merged as overrides,
//! 300 arbitrary case files, 300 mutated real case files (through import and through the store).

use proptest::prelude::*;
use proptest::test_runner::Config;
use std::time::{Duration, Instant};
use yibao_checklist::cases::{Case, SCHEMA_VERSION, Store};
use yibao_checklist::catalog::{BUNDLED, Catalog};
use yibao_checklist::engine::Answers;

/// Longest any single input may take (debug build, shared 2-core machine).
const SLOW: Duration = Duration::from_secs(5);

/// One edit of a byte string: flip, delete, insert, duplicate a slice, or truncate.
#[derive(Debug, Clone)]
enum Edit {
    Set(prop::sample::Index, u8),
    Delete(prop::sample::Index, usize),
    Insert(prop::sample::Index, Vec<u8>),
    Repeat(prop::sample::Index, usize),
    Truncate(prop::sample::Index),
}

/// Bytes RON cares about, so edits hit the grammar rather than only the strings.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => prop::sample::select(b"()[]{},:\"#/*\\rR-+.0123456789_ \n\xef\xbb\xbf".to_vec()),
        1 => any::<u8>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<prop::sample::Index>(), interesting_byte()).prop_map(|(i, b)| Edit::Set(i, b)),
        2 => (any::<prop::sample::Index>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        2 => (any::<prop::sample::Index>(), prop::collection::vec(interesting_byte(), 1..12))
            .prop_map(|(i, b)| Edit::Insert(i, b)),
        1 => (any::<prop::sample::Index>(), 1usize..200).prop_map(|(i, n)| Edit::Repeat(i, n)),
        1 => any::<prop::sample::Index>().prop_map(Edit::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        if bytes.is_empty() {
            break;
        }
        let len = bytes.len();
        match e {
            Edit::Set(i, b) => bytes[i.index(len)] = *b,
            Edit::Delete(i, n) => {
                let at = i.index(len);
                bytes.drain(at..(at + n).min(len));
            }
            Edit::Insert(i, b) => {
                let at = i.index(len);
                bytes.splice(at..at, b.iter().copied());
            }
            Edit::Repeat(i, n) => {
                let at = i.index(len);
                let slice: Vec<u8> = bytes[at..(at + n).min(len)].to_vec();
                bytes.splice(at..at, slice);
            }
            Edit::Truncate(i) => bytes.truncate(i.index(len)),
        }
    }
    bytes
}

fn bundled() -> impl Iterator<Item = (String, String)> {
    BUNDLED.iter().map(|(n, s)| (n.to_string(), s.to_string()))
}

fn real_case() -> Case {
    let mut c = Case {
        schema: SCHEMA_VERSION,
        id: "20261101-100000-0a1b2c3d4e".into(),
        label: "妈妈 住院 2026".into(),
        created: "2026-11-01T10:00:00+08:00".into(),
        updated: "2026-11-02T09:00:00+08:00".into(),
        answers: Answers::from_pairs([
            ("scenario", "cross_region"),
            ("visit", "inpatient"),
            ("discharge_date", "2026-10-10"),
        ]),
        items: Default::default(),
        status: Default::default(),
    };
    c.set_done("t_id_card", true);
    c.set_note("invoice", "原件在抽屉里");
    c
}

/// The text of a real case file, as the store writes it.
fn real_case_text() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let path = dir.path().join("x.ron");
    let case = real_case();
    store.save(&case).unwrap();
    std::fs::copy(store.case_path(&case.id), &path).unwrap();
    std::fs::read(path).unwrap()
}

fn check_catalog(name: &str, text: &str, with_bundled: bool) {
    let started = Instant::now();
    let result = if with_bundled {
        Catalog::from_sources(bundled(), [(name.to_string(), text.to_string())])
    } else {
        Catalog::from_sources([(name.to_string(), text.to_string())], [])
    };
    if let Err(errors) = result {
        assert!(!errors.is_empty());
        for e in errors {
            // Every error says where; none leaks ron's internals.
            let shown = e.to_string();
            assert!(!shown.contains("serde_stacker"), "{shown}");
            assert!(!shown.contains("std identifier"), "{shown}");
        }
    }
    assert!(started.elapsed() < SLOW, "took {:?}", started.elapsed());
}

fn check_case_bytes(bytes: &[u8]) {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c1.ron");
    std::fs::write(&path, bytes).unwrap();
    // Import: a case or an error, never a panic.
    let _ = Store::import_from(&path);
    // Read-only opening changes nothing.
    let report = Store::open_read_only(dir.path()).unwrap();
    assert!(path.exists());
    assert_eq!(report.cases.len() + report.quarantined.len(), 1);
    // Opening for writing: a corrupt file is moved aside, never deleted.
    let (_store, report) = Store::open(dir.path()).unwrap();
    if let Some(q) = report.quarantined.first() {
        assert_eq!(std::fs::read(&q.moved_to).unwrap(), bytes);
    } else {
        assert_eq!(report.cases.len(), 1);
    }
    assert!(started.elapsed() < SLOW, "took {:?}", started.elapsed());
}

proptest! {
    #![proptest_config(Config { cases: 300, failure_persistence: None, ..Config::default() })]

    #[test]
    fn arbitrary_bytes_as_a_catalog_file(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_catalog("fuzz.ron", &String::from_utf8_lossy(&bytes), false);
    }

    #[test]
    fn arbitrary_ron_like_text_as_a_catalog_file(
        text in r#"[(){}\[\],:" a-z0-9_#\n]{0,300}"#
    ) {
        check_catalog("fuzz.ron", &text, false);
    }

    #[test]
    fn mutated_bundled_files_as_overrides(
        file in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let (name, src) = BUNDLED[file.index(BUNDLED.len())];
        let mutated = apply(src.as_bytes().to_vec(), &edits);
        check_catalog(name, &String::from_utf8_lossy(&mutated), true);
    }

    #[test]
    fn arbitrary_bytes_as_a_case_file(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_case_bytes(&bytes);
    }

    #[test]
    fn mutated_real_case_files(edits in prop::collection::vec(edit(), 1..6)) {
        check_case_bytes(&apply(real_case_text(), &edits));
    }
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    let deep_catalog = format!(
        "(notices: [(id: \"n\", kind: tip, title: (zh: \"a\", en: \"b\"), when: {}Always{}, versions: [])])",
        "Not(".repeat(5000),
        ")".repeat(5000)
    );
    check_catalog("deep.ron", &deep_catalog, false);
    let deep_case = format!(
        "(schema: 1, answers: {}{})",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    check_case_bytes(deep_case.as_bytes());
}
