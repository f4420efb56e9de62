//! A year of cases (issue 19): the list's index is a cache that never loses a case, a case's
//! state takes it out of the due summary and back, names sort as people read them, and the app
//! lists, searches, sorts and opens among 10,000 saved cases.

use crate::common::{self, generate};
use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;
use yibao_checklist::cases::index::{self, INDEX_FILE};
use yibao_checklist::cases::{CaseStatus, Store};
use yibao_checklist::catalog::Catalog;
use yibao_checklist::gui::state::EAGER_MAX;
use yibao_checklist::gui::{App, AppConfig, Screen, Settings, State};
use yibao_checklist::view::caselist::{self, Needle, SortBy, StateFilter};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

fn refresh(dir: &Path, catalog: &Catalog) -> index::Refreshed {
    let fp = caselist::fingerprint(catalog);
    index::refresh(dir, &fp, today(), &mut |c| {
        caselist::facts(catalog, c, today())
    })
}

fn write(dir: &Path, catalog: &Catalog, r: &index::Refreshed) {
    index::write(dir, &caselist::fingerprint(catalog), today(), &r.entries).unwrap();
}

fn ids(r: &index::Refreshed) -> Vec<String> {
    let mut v: Vec<String> = r.entries.iter().map(|e| e.id.clone()).collect();
    v.sort();
    v
}

fn cases_json(data: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = common::cli(data)
        .args(["cases", "--json", "--today", "2026-12-06"])
        .args(args)
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

#[test]
fn a_stale_or_corrupt_index_is_rebuilt_and_never_loses_a_case() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    let mut all = generate::write_cases(&dir, 60);
    all.sort();
    let catalog = Catalog::bundled().unwrap();

    // No index: every file is read.
    let r = refresh(&dir, &catalog);
    assert!(r.rebuilt && r.reread == 60, "{r:?}");
    assert_eq!(ids(&r), all);
    write(&dir, &catalog, &r);

    // A good index: nothing is read again, and the facts are the same.
    let again = refresh(&dir, &catalog);
    assert!(!again.changed(), "{} re-read", again.reread);
    assert_eq!(ids(&again), all);

    // Corrupt, truncated, empty or of another shape: rebuilt, every case still there.
    let good = std::fs::read(dir.join(INDEX_FILE)).unwrap();
    for bad in [
        b"{not json".to_vec(),
        good[..good.len() / 2].to_vec(),
        Vec::new(),
        br#"{"format":99,"entries":[]}"#.to_vec(),
    ] {
        std::fs::write(dir.join(INDEX_FILE), &bad).unwrap();
        let r = refresh(&dir, &catalog);
        assert!(r.rebuilt, "not rebuilt");
        assert_eq!(ids(&r), all);
    }

    // Stale: a case changed behind its back (same size or not), one removed, one added.
    std::fs::write(dir.join(INDEX_FILE), &good).unwrap();
    let changed = dir.join(format!("{}.ron", all[3]));
    let text = std::fs::read_to_string(&changed).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&changed, text.replace("label: \"", "label: \"改名")).unwrap();
    std::fs::remove_file(dir.join(format!("{}.ron", all[5]))).unwrap();
    let mut extra = generate::case(1000);
    extra.id = "added-by-hand".into();
    std::fs::write(
        dir.join("added-by-hand.ron"),
        ron::ser::to_string_pretty(&extra, ron::ser::PrettyConfig::new().struct_names(false))
            .unwrap(),
    )
    .unwrap();
    let r = refresh(&dir, &catalog);
    assert_eq!((r.reread, r.dropped), (2, 1), "{r:?}");
    let e = r.entries.iter().find(|e| e.id == all[3]).unwrap();
    assert!(e.label.starts_with("改名"), "{}", e.label);
    assert!(r.entries.iter().any(|e| e.id == "added-by-hand"));
    assert!(!r.entries.iter().any(|e| e.id == all[5]));

    // An index that names a file it never saw, with a wrong deadline, is not believed.
    let mut lying = refresh(&dir, &catalog);
    for e in &mut lying.entries {
        e.facts.next_deadline = NaiveDate::from_ymd_opt(2000, 1, 1);
        e.mtime_ns = 1;
    }
    write(&dir, &catalog, &lying);
    let r = refresh(&dir, &catalog);
    assert!(
        r.entries
            .iter()
            .all(|e| e.facts.next_deadline != NaiveDate::from_ymd_opt(2000, 1, 1))
    );

    // A corrupt case file with a backup: listed from the backup, not lost.
    let victim = dir.join(format!("{}.ron", all[7]));
    std::fs::copy(&victim, dir.join(format!("{}.ron.bak", all[7]))).unwrap();
    std::fs::write(&victim, "(schema: 3, id: ").unwrap();
    let r = refresh(&dir, &catalog);
    assert!(
        r.entries.iter().any(|e| e.id == all[7] && e.from_backup),
        "{:?}",
        r.unreadable
    );

    // Deleting the index loses nothing: the command line lists the same cases.
    std::fs::remove_file(dir.join(INDEX_FILE)).unwrap();
    let listed = cases_json(tmp.path(), &["--state", "all"]);
    assert_eq!(listed.len(), 60, "59 generated + 1 added by hand");
}

#[test]
fn a_closed_case_leaves_the_due_summary_and_comes_back_when_reopened() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    generate::write_cases(&dir, 40);
    let catalog = Catalog::bundled().unwrap();
    let r = refresh(&dir, &catalog);
    let due = caselist::due_summary(&r.entries, today(), 5);
    let overdue: usize = due.iter().map(|g| g.count).sum();
    assert!(overdue > 0, "the generated year has overdue cases");
    let first = &r.entries[due[0].first[0]];
    let (id, label) = (first.id.clone(), first.label.clone());

    // Closed on the command line: out of the due list and the default list, still searchable.
    common::cli(tmp.path())
        .args([
            "case",
            "set-state",
            &label,
            "closed",
            "--amount",
            "1,234.5",
            "--date",
            "2026-12-01",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("已到账 1234.50 元（2026-12-01）"));
    let store_case = {
        let (store, _) = Store::open(&dir).unwrap();
        store.load_one(&id).unwrap()
    };
    assert!(matches!(
        store_case.status,
        CaseStatus::Closed {
            amount: Some(_),
            ..
        }
    ));
    assert!(
        std::fs::read_to_string(dir.join(format!("{id}.ron")))
            .unwrap()
            .contains("schema: 3")
    );
    let due_now = cases_json(tmp.path(), &["--due-within", "14"]);
    assert!(!due_now.iter().any(|c| c["id"] == id.as_str()));
    assert!(
        !cases_json(tmp.path(), &[])
            .iter()
            .any(|c| c["id"] == id.as_str())
    );
    let closed = cases_json(tmp.path(), &["--state", "closed"]);
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0]["amount"], "1234.50");
    let r = refresh(&dir, &catalog);
    let due = caselist::due_summary(&r.entries, today(), 5);
    assert_eq!(due.iter().map(|g| g.count).sum::<usize>(), overdue - 1);
    let found = caselist::list(
        &r.entries,
        StateFilter::Open,
        &Needle::new(&label),
        SortBy::Attention,
        today(),
        |_| String::new(),
    );
    assert!(
        found.iter().any(|&i| r.entries[i].id == id),
        "search finds it"
    );

    // Reopened (by id): back in the due summary.
    common::cli(tmp.path())
        .args(["case", "set-state", &id, "open"])
        .assert()
        .success();
    assert!(
        cases_json(tmp.path(), &["--due-within", "14"])
            .iter()
            .any(|c| c["id"] == id.as_str())
    );

    // Wrong words are refused in the user's language, nothing changed.
    common::cli(tmp.path())
        .args(["case", "set-state", &id, "finished"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("不认识的状态"));
    common::cli(tmp.path())
        .args(["case", "set-state", &id, "submitted", "--amount", "5"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("只有“已到账/已办结”"));
    common::cli(tmp.path())
        .args(["case", "set-state", "nobody", "open", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no saved case is called"));
}

#[test]
fn names_sort_as_people_read_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    generate::write_cases(&dir, 120);
    let catalog = Catalog::bundled().unwrap();
    let r = refresh(&dir, &catalog);
    let order = caselist::list(
        &r.entries,
        StateFilter::All,
        &Needle::default(),
        SortBy::Name,
        today(),
        |_| String::new(),
    );
    let names: Vec<&str> = order.iter().map(|&i| r.entries[i].label.as_str()).collect();
    let pos = |n: &str| names.iter().position(|x| *x == n).unwrap();
    assert!(pos("患者2") < pos("患者10") && pos("患者10") < pos("患者100"));
    // Attention: every overdue open case before every later one.
    let order = caselist::list(
        &r.entries,
        StateFilter::Open,
        &Needle::default(),
        SortBy::Attention,
        today(),
        |_| String::new(),
    );
    let days: Vec<Option<i64>> = order
        .iter()
        .map(|&i| caselist::days_left(&r.entries[i], today()))
        .collect();
    let last_overdue = days.iter().rposition(|d| d.is_some_and(|d| d < 0));
    let first_other = days.iter().position(|d| !d.is_some_and(|d| d < 0));
    if let (Some(a), Some(b)) = (last_overdue, first_other) {
        assert!(a < b, "{days:?}");
    }
    // The command line lists in the same order.
    let listed = cases_json(tmp.path(), &[]);
    let cli_ids: Vec<&str> = listed.iter().map(|c| c["id"].as_str().unwrap()).collect();
    let view_ids: Vec<&str> = order.iter().map(|&i| r.entries[i].id.as_str()).collect();
    assert_eq!(cli_ids, view_ids);
}

/// The app on a store of 10,000 cases: the list comes from the index, search finds by name,
/// note and situation, the order switches, and a case opens.
#[test]
fn the_app_lists_searches_sorts_and_opens_among_ten_thousand_cases() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    generate::write_cases(&dir, 10_000);
    // The index made once, as a previous run of the app leaves it.
    let catalog = Catalog::bundled().unwrap();
    let r = refresh(&dir, &catalog);
    write(&dir, &catalog, &r);

    let data = tmp.path().to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .build_eframe(move |cc| App::new(cc, AppConfig::headless(data, today())));
    h.run();
    assert_eq!(h.state().state.index.len(), 10_000);
    // The due summary is grouped and capped: counts, the first few, 显示全部.
    let due_rows = h.query_all_by_label_contains("已逾期").count();
    assert!(due_rows < 40, "{due_rows} rows mention 已逾期");
    assert!(h.query_all_by_label_contains("显示全部").count() >= 1);

    // Search by name.
    h.get_by_role_and_label(Role::TextInput, "搜索").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "搜索")
        .type_text("患者1234");
    h.run();
    assert!(h.query_by_label("患者1234").is_some());
    assert!(h.query_by_label("患者1235").is_none());

    // Open it.
    h.get_by_label("患者1234").click();
    h.run();
    h.run();
    let st = &h.state().state;
    assert_eq!(
        st.current_case().map(|c| c.label.as_str()),
        Some("患者1234")
    );
    assert!(matches!(st.screen, Screen::Checklist | Screen::Wizard));

    // Search by a note, then by name order: 患者2 before 患者10.
    h.state_mut().ui.search = "发票缺一张".into();
    h.run();
    assert!(h.query_all_by_label_contains("患者").count() > 0);
    h.state_mut().ui.search.clear();
    h.state_mut().ui.list.sort = SortBy::Name;
    h.run();
    h.state_mut().ui.search = "患者".into();
    h.run();
    let order: Vec<String> = h
        .get_all_by_role(Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.starts_with("患者"))
        .collect();
    // Sorted as text it would start 患者0, 患者1, 患者10, 患者100.
    assert_eq!(order[..3], ["患者0", "患者1", "患者2"], "{order:?}");
}

/// A large store is listed from its index as read, before any case file is looked at; the
/// loading thread then checks the index against the files: a case changed behind its back shows
/// its file's name and deadline, a removed one goes, one added by hand comes, and a case changed
/// in the window meanwhile keeps the window's version. No case is lost, with or without an index.
/// The leftovers of interrupted saves are removed by the thread too, never a save under way.
#[test]
fn a_stale_index_is_shown_first_and_corrected_once_the_files_are_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    let n = EAGER_MAX + 50;
    let mut all = generate::write_cases(&dir, n);
    all.sort();
    let catalog = Catalog::bundled().unwrap();
    let stale = refresh(&dir, &catalog);
    write(&dir, &catalog, &stale);

    // Behind the index's back: one case renamed with other dates, one removed, one added.
    let [changed, removed, edited] = [4, 5, 8].map(|k| generate::case(k).id);
    let (changed, removed, edited) = (&changed, &removed, &edited);
    let old = stale.entries.iter().find(|e| &e.id == changed).unwrap();
    let added = {
        let (store, _) = Store::open_unloaded(&dir).unwrap();
        let mut c = store.load_one(changed).unwrap();
        c.label = "改名的病例".into();
        c.answers.set("admission_date", "2026-11-20");
        c.answers.set("discharge_date", "2026-11-28");
        store.save(&c).unwrap();
        let deadline = caselist::facts(&catalog, &c, today()).next_deadline;
        assert_ne!(
            deadline, old.facts.next_deadline,
            "the change must move the deadline"
        );
        std::fs::remove_file(store.case_path(removed)).unwrap();
        let mut extra = generate::case(n + 7);
        extra.id = "added-by-hand".into();
        store.save(&extra).unwrap();
        (extra.id, deadline)
    };

    // A leftover of a save interrupted long ago, and a temporary file as a save under way
    // leaves it (written after the start): the thread removes the first only.
    let stamped = |name: &str, at: std::time::SystemTime| {
        let path = dir.join(name);
        std::fs::write(&path, "(").unwrap();
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(at).unwrap();
        path
    };
    let hour = std::time::Duration::from_secs(3600);
    let leftover = stamped(".save-left.tmp", std::time::SystemTime::now() - hour);
    let under_way = stamped(".save-busy.tmp", std::time::SystemTime::now() + hour);

    let data = tmp.path().to_path_buf();
    let open = || State::load(Some(data.clone()), None, Some(today()), Settings::default());
    let mut state = open();
    // The first look is the index as it was: no file was examined.
    assert!(state.loading());
    assert_eq!(state.index.len(), n);
    assert_eq!(state.entry(changed).unwrap().label, old.label);
    assert!(state.entry(removed).is_some());
    // A change made here before the files are checked.
    state.set_status(edited, CaseStatus::Abandoned);

    assert!(leftover.exists(), "not looked for before the first frame");
    state.finish_loading();
    assert!(!state.loading());
    assert!(!leftover.exists() && under_way.exists());
    let mut listed: Vec<String> = state.index.iter().map(|e| e.id.clone()).collect();
    listed.sort();
    let mut expected: Vec<String> = all.iter().filter(|id| *id != removed).cloned().collect();
    expected.push(added.0.clone());
    expected.sort();
    assert_eq!(listed, expected);
    let e = state.entry(changed).unwrap();
    assert_eq!(e.label, "改名的病例");
    assert_eq!(e.facts.next_deadline, added.1);
    assert_eq!(state.entry(edited).unwrap().status, CaseStatus::Abandoned);

    // The index written now is right: nothing to read again next time.
    state.flush();
    state.write_index();
    drop(state);
    let again = refresh(&dir, &catalog);
    assert!(!again.changed(), "{again:?}");
    assert_eq!(ids(&again), expected);

    // Without an index, a large store is listed once the thread has read it: nothing lost.
    std::fs::remove_file(dir.join(INDEX_FILE)).unwrap();
    let mut state = open();
    assert!(state.loading() && state.index.is_empty());
    state.finish_loading();
    let mut listed: Vec<String> = state.index.iter().map(|e| e.id.clone()).collect();
    listed.sort();
    assert_eq!(listed, expected);
    assert_eq!(state.entry(edited).unwrap().status, CaseStatus::Abandoned);
}

const KILL_CHILD_ENV: &str = "YIBAO_INDEX_KILL_CHILD";

/// Run in a child process by `index_updates_killed_at_random_moments_lose_nothing`: changes a
/// case's dates and state, saves it and rewrites the index, for ever.
#[cfg(unix)]
#[test]
fn child_process_index_writer() {
    let Ok(dir) = std::env::var(KILL_CHILD_ENV) else {
        return; // Only does something as the child.
    };
    let dir = Path::new(&dir);
    let catalog = Catalog::bundled().unwrap();
    let (store, _) = Store::open_unloaded(dir).unwrap();
    let ids: Vec<String> = {
        let r = refresh(dir, &catalog);
        let mut v: Vec<String> = r.entries.iter().map(|e| e.id.clone()).collect();
        v.sort();
        v
    };
    for n in 0usize.. {
        let id = &ids[n % ids.len()];
        let mut c = store.load_one(id).unwrap();
        let day = 1 + (n % 27) as u32;
        let date = format!("2026-11-{day:02}");
        c.answers.set("discharge_date", &date);
        c.answers.set("admission_date", "2026-10-30");
        c.set_status(if n.is_multiple_of(5) {
            CaseStatus::Abandoned
        } else {
            CaseStatus::Open
        });
        store.save(&c).unwrap();
        let r = refresh(dir, &catalog);
        write(dir, &catalog, &r);
    }
}

/// kill -9 while cases are saved and the index rewritten: after the restart every case is
/// listed, with the deadline its file gives (never the index's older one).
#[cfg(unix)]
#[test]
fn index_updates_killed_at_random_moments_lose_nothing() {
    use std::process::{Command, Stdio};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    let mut all = generate::write_cases(&dir, 30);
    all.sort();
    let catalog = Catalog::bundled().unwrap();
    write(&dir, &catalog, &refresh(&dir, &catalog));
    let exe = std::env::current_exe().unwrap();
    let runs: u64 = std::env::var("YIBAO_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    for run in 0..runs {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "case_list::child_process_index_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(KILL_CHILD_ENV, &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos() as u64;
        let wait = 150 + (nanos + run * 131) % 600;
        std::thread::sleep(std::time::Duration::from_millis(wait));
        child.kill().unwrap();
        child.wait().unwrap();

        // The restart: the index as found (possibly old, possibly mid-way replaced)...
        let listed = refresh(&dir, &catalog);
        // ...against the truth, every file read afresh.
        let truth = {
            let (store, _) = Store::open_unloaded(&dir).unwrap();
            all.iter()
                .map(|id| {
                    let c = store
                        .load_one(id)
                        .unwrap_or_else(|e| panic!("run {run}: {id} lost: {e}"));
                    (
                        id.clone(),
                        caselist::facts(&catalog, &c, today()).next_deadline,
                        c.status,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(&listed),
            all,
            "run {run}: a case is missing from the list"
        );
        for (id, deadline, status) in truth {
            let e = listed.entries.iter().find(|e| e.id == id).unwrap();
            assert_eq!(
                e.facts.next_deadline, deadline,
                "run {run}: {id}'s deadline"
            );
            assert_eq!(e.status, status, "run {run}: {id}'s state");
        }
        // No leftover is taken for a case or an index.
        assert!(std::fs::read_dir(&dir).unwrap().flatten().all(|f| {
            let n = f.file_name().to_string_lossy().into_owned();
            n.ends_with(".ron") || n.ends_with(".bak") || n.starts_with('.')
        }));
    }
}

/// Not a test: writes a generated store for `scripts/measure-store.sh`
/// (`YIBAO_GENERATE_DIR`, `YIBAO_GENERATE_N`).
#[test]
#[ignore = "a tool for scripts/measure-store.sh"]
fn write_generated_store() {
    let dir = std::env::var("YIBAO_GENERATE_DIR").expect("YIBAO_GENERATE_DIR");
    let n: usize = std::env::var("YIBAO_GENERATE_N")
        .expect("YIBAO_GENERATE_N")
        .parse()
        .unwrap();
    generate::write_cases(Path::new(&dir), n);
}
