//! Issue 9, data side: a hostile or careless overrides folder ends in an error naming what is
//! wrong (or is loaded), never in a hang; sloppy RON is an error with a suggestion.

use crate::common::{Overrides, load};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;
use yibao_checklist::catalog::{Catalog, CatalogError, DataProblem, Lang, Limit};

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Runs `f` on its own thread and fails the test if it has not returned within `secs`.
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("did not finish within {secs} s"))
}

const REGION: &str = r#"(
    options: [(question: "region", option: (id: "testland", label: (zh: "测试市", en: "Testland")))],
    regions: [(id: "testland", name: (zh: "测试市", en: "Testland"), hotlines: ["0000-12393"], sources: ["000"])],
    notices: [
        (id: "testland_window", kind: tip, title: (zh: "测试市窗口周六开放", en: "Testland windows open on Saturdays"),
         when: Is("region", "testland"),
         versions: [(text: (zh: "本地说明", en: "Local note"), sources: ["000"])]),
    ],
)"#;

fn notice(id: &str, zh: &str, replaces: &str) -> String {
    format!(
        r#"(notices: [(id: "{id}", kind: tip, title: (zh: "{zh}", en: "Note"), when: Always,
            versions: [(text: (zh: "说明", en: "Text"), sources: ["000"])]{replaces})])"#
    )
}

fn problem_of(errors: &[CatalogError]) -> Vec<&DataProblem> {
    errors.iter().filter_map(|e| e.problem.as_deref()).collect()
}

#[cfg(unix)]
#[test]
fn symlinks_to_the_folder_itself_do_not_hang_loading() {
    let dir = Overrides::new();
    write(dir.path(), "testland.ron", REGION);
    std::os::unix::fs::symlink(".", dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("b")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("up")).unwrap();
    let path = dir.path().to_path_buf();
    let (c, errors) = within(30, move || load(&path));
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(c.override_files.len(), 1, "the file is read once");
    assert!(c.region("testland").is_some());
}

#[cfg(target_os = "linux")]
#[test]
fn validating_proc_self_terminates() {
    // Before: the walk followed /proc/self/root, /proc/self/cwd … and never ended.
    let _ = within(60, || {
        Catalog::from_dir(Path::new("/proc/self")).map(|_| ())
    });
}

#[test]
fn deep_folders_hit_the_depth_limit_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = dir.path().to_path_buf();
    for i in 0..12 {
        p = p.join(format!("d{i}"));
    }
    std::fs::create_dir_all(&p).unwrap();
    write(&p, "x.ron", "()");
    let errors = Catalog::from_dir(dir.path()).err().unwrap();
    assert!(
        problem_of(&errors).iter().any(|p| matches!(
            p,
            DataProblem::LimitReached {
                limit: Limit::Depth,
                ..
            }
        )),
        "{errors:#?}"
    );
    assert!(errors[0].to_string().contains("deeper than"), "{errors:#?}");
}

#[test]
fn too_many_files_and_too_large_files_are_refused_naming_the_limit() {
    let dir = Overrides::new();
    for i in 0..=yibao_checklist::catalog::problem::MAX_FILES {
        write(dir.path(), &format!("f{i:04}.ron"), "()");
    }
    let (_c, errors) = load(dir.path());
    assert!(
        matches!(
            errors[0].problem.as_deref(),
            Some(DataProblem::LimitReached {
                limit: Limit::Files,
                ..
            })
        ),
        "{errors:#?}"
    );

    let dir = Overrides::new();
    let big = format!("({})", " ".repeat(3 * 1024 * 1024));
    let file = write(dir.path(), "big.ron", &big);
    let (_c, errors) = load(dir.path());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].origin.file, file.display().to_string());
    assert!(errors[0].to_string().contains("larger than"), "{errors:#?}");
}

#[test]
fn a_holiday_range_ending_far_in_the_future_is_an_error_at_once() {
    for end in ["+262142-01-01", "+200000-12-31", "2026-01-03"] {
        let dir = Overrides::new();
        write(
            dir.path(),
            "h.ron",
            &format!(
                r#"(holidays: [(year: 2027, source: "test", days_off: [("2027-01-01", "{end}")], working_weekend_days: [])])"#
            ),
        );
        let path = dir.path().to_path_buf();
        let (_c, errors) = within(10, move || load(&path));
        assert!(
            problem_of(&errors)
                .iter()
                .any(|p| matches!(p, DataProblem::HolidayRangeOutsideYear { year: 2027, .. })),
            "{end}: {errors:#?}"
        );
    }
}

#[test]
fn holiday_years_out_of_range_reversed_and_repeated_days_are_errors() {
    let cases = [
        (
            r#"(year: 1850, source: "s", days_off: [], working_weekend_days: [])"#,
            "outside",
        ),
        (
            r#"(year: 2027, source: "s", days_off: [("2027-02-05", "2027-02-01")], working_weekend_days: [])"#,
            "ends before",
        ),
        (
            r#"(year: 2027, source: "s", days_off: [("2027-02-01", "2027-02-05"), ("2027-02-04", "2027-02-06")], working_weekend_days: [])"#,
            "2027-02-04 is listed more than once",
        ),
        (
            r#"(year: 2027, source: "s", days_off: [("2027-02-01", "2027-02-05")], working_weekend_days: ["2027-02-06", "2027-02-06"])"#,
            "2027-02-06 is listed more than once",
        ),
    ];
    for (year, needle) in cases {
        let dir = Overrides::new();
        write(dir.path(), "h.ron", &format!("(holidays: [{year}])"));
        let (_c, errors) = load(dir.path());
        assert!(
            errors.iter().any(|e| e.message.contains(needle)),
            "{needle}: {errors:#?}"
        );
    }
}

#[test]
fn a_misspelled_section_is_an_error_with_a_suggestion() {
    let dir = Overrides::new();
    let file = write(dir.path(), "x.ron", "(\n    materails: [],\n)");
    let (_c, errors) = load(dir.path());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!(
        e.to_string(),
        format!(
            "{}:2:5: unknown field `materails`; did you mean `materials`?",
            file.display()
        )
    );
    assert!(
        yibao_checklist::view::strings::catalog_error(Lang::Zh, e).contains("是否应为 `materials`")
    );
}

#[test]
fn a_misspelled_field_is_an_error_with_a_suggestion() {
    let dir = Overrides::new();
    let text = REGION.replace("when: Is(", "wehn: Is(");
    write(dir.path(), "x.ron", &text);
    let (c, errors) = load(dir.path());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0]
            .message
            .contains("unknown field `wehn`; did you mean `when`?"),
        "{errors:#?}"
    );
    assert_eq!(errors[0].origin.line, 6);
    assert!(c.region("testland").is_none());
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = Overrides::new();
    write(dir.path(), "bom.ron", &format!("\u{feff}{REGION}"));
    let (c, errors) = load(dir.path());
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(c.region("testland").is_some());
}

#[test]
fn ron_internals_are_not_shown() {
    let deep = format!(
        r#"(notices: [(id: "n", kind: tip, title: (zh: "a", en: "b"), when: {}Always{}, versions: [])])"#,
        "Not(".repeat(300),
        ")".repeat(300)
    );
    let inputs = [
        r#"(materials: [(id: "x", name: (zh: "a", en: "b"), group: 42)])"#.to_string(),
        r#"(materials: [(42: "x")])"#.to_string(),
        deep,
    ];
    for text in inputs {
        let dir = Overrides::new();
        write(dir.path(), "x.ron", &text);
        let path = dir.path().to_path_buf();
        let (_c, errors) = within(30, move || load(&path));
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let shown = errors[0].to_string();
        for internal in ["std identifier", "r#", "serde_stacker", "raw identifier"] {
            assert!(!shown.contains(internal), "{shown}");
        }
        assert!(shown.contains("x.ron:1:"), "{shown}");
    }
}

#[test]
fn the_same_id_twice_in_one_override_file_is_an_error_naming_both_places() {
    let dir = Overrides::new();
    let entry = |zh: &str| {
        format!(
            r#"(id: "dup_note", kind: tip, title: (zh: "{zh}", en: "Note"), when: Always, versions: [(text: (zh: "说明", en: "Text"), sources: ["000"])])"#
        )
    };
    let text = format!("(notices: [\n{},\n{},\n])", entry("一"), entry("二"));
    let file = write(dir.path(), "dup.ron", &text);
    let (c, errors) = load(dir.path());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    let f = file.display();
    assert_eq!(e.origin.line, 3, "{e}");
    assert!(
        e.to_string().contains(&format!("first defined at {f}:2:")),
        "{e}"
    );
    assert!(c.notices.iter().all(|n| n.id != "dup_note"));
}

#[test]
fn the_same_id_in_two_override_files_is_an_error_unless_the_later_says_replaces() {
    let dir = Overrides::new();
    let a = write(dir.path(), "a.ron", &notice("dup_note", "一", ""));
    write(dir.path(), "b.ron", &notice("dup_note", "二", ""));
    let (_c, errors) = load(dir.path());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].origin.file.ends_with("b.ron"));
    assert!(
        errors[0]
            .to_string()
            .contains(&format!("first defined at {}:1:", a.display())),
        "{errors:#?}"
    );
    assert!(errors[0].message.contains("replaces"), "says how to fix it");

    write(
        dir.path(),
        "b.ron",
        &notice("dup_note", "二", r#", replaces: ["dup_note"]"#),
    );
    let (c, errors) = load(dir.path());
    assert!(errors.is_empty(), "{errors:#?}");
    let n: Vec<_> = c.notices.iter().filter(|n| n.id == "dup_note").collect();
    assert_eq!(n.len(), 1);
    assert_eq!(&*n[0].title.zh, "二");
    assert!(
        n[0].replaces.is_empty(),
        "the own id is not kept as a replacement"
    );
}

#[test]
fn duplicates_within_the_bundled_set_are_errors_naming_both_places() {
    let a = notice("dup_note", "一", "");
    let errors = Catalog::from_sources(
        yibao_checklist::catalog::BUNDLED
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .chain([("a.ron".to_string(), a.clone()), ("b.ron".to_string(), a)]),
        [],
    )
    .err()
    .unwrap();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].to_string().starts_with("b.ron:1:"));
    assert!(errors[0].to_string().contains("first defined at a.ron:1:"));
}

#[test]
fn replacing_its_own_id_with_nothing_earlier_is_still_an_error() {
    let dir = Overrides::new();
    write(
        dir.path(),
        "a.ron",
        &notice("lonely_note", "一", r#", replaces: ["lonely_note"]"#),
    );
    let (_c, errors) = load(dir.path());
    assert!(
        errors.iter().any(|e| e.message.contains("replaces itself")),
        "{errors:#?}"
    );
}
