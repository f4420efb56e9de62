//! The calendar export: parsed back with the icalendar crate's parser, and checked line by line
//! against the rules of RFC 5545 (CRLF, folding at 75 octets on character boundaries, escaping).

use assert_cmd::Command;
use icalendar::{Component, EventStatus};
use yibao_checklist::calendar::{CalendarInput, events, ics};
use yibao_checklist::catalog::{Catalog, Lang};
use yibao_checklist::engine::{Answers, Derivation, derive};
use yibao_checklist::recheck::plan_date;

use crate::common;

fn claim() -> Answers {
    let mut a = common::shanghai_claim();
    a.set("invoice_date", "2026-01-10");
    a.set("submitted_date", "2026-01-20");
    a
}

fn derived(answers: &Answers) -> (Catalog, Derivation) {
    let catalog = Catalog::bundled().unwrap();
    let d = derive(&catalog, answers, "2026-02-01".parse().unwrap()).unwrap();
    (catalog, d)
}

fn input<'a>(lang: Lang, label: Option<&'a str>, key: &'a str) -> CalendarInput<'a> {
    CalendarInput {
        lang,
        label,
        key,
        stamp: "2026-02-01T08:00:00Z".parse().unwrap(),
    }
}

/// A label with every character TEXT values must escape, and long enough to fold.
const LABEL: &str = "张三, 李四; 住院\\复查 — 上海第六人民医院（本院）出院后的医保报销";

/// RFC 5545 §3.1: content lines end in CRLF and are at most 75 octets; a fold never splits a
/// UTF-8 character (every physical line is valid UTF-8 on its own).
fn check_lines(text: &str) {
    let bytes = text.as_bytes();
    assert!(text.ends_with("\r\n"));
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at byte {i}");
        }
        if *b == b'\r' {
            assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at byte {i}");
        }
    }
    let mut folded = 0;
    for line in bytes.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(
            line.len() <= 75,
            "{} octets: {:?}",
            line.len(),
            String::from_utf8_lossy(line)
        );
        assert!(
            std::str::from_utf8(line).is_ok(),
            "split character: {line:?}"
        );
        if line.first() == Some(&b' ') {
            folded += 1;
        }
    }
    assert!(folded > 0, "long descriptions are folded");
}

/// Unfolds (RFC 5545 §3.1) and returns the content lines.
fn unfold(text: &str) -> Vec<String> {
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_file_parses_back_with_one_event_per_dated_deadline() {
    let (catalog, d) = derived(&claim());
    let dated: Vec<_> = d
        .deadlines
        .iter()
        .filter(|dl| plan_date(dl).is_some())
        .collect();
    assert!(dated.len() >= 2, "a limit and an estimate");
    for lang in [Lang::Zh, Lang::En] {
        let text = ics(
            &catalog,
            &d,
            &input(lang, Some(LABEL), "20260101-120000-abc"),
        );
        check_lines(&text);
        let cal: icalendar::Calendar = text.parse().expect("parses");
        let evs: Vec<&icalendar::Event> = cal.events().collect();
        assert_eq!(evs.len(), dated.len());
        for (ev, dl) in evs.iter().zip(&dated) {
            let uid = format!("20260101-120000-abc-{}@yibao-checklist", dl.id);
            assert_eq!(ev.get_uid(), Some(uid.as_str()));
            let start = ev.get_start().expect("DTSTART").date_naive();
            assert_eq!(Some(start), plan_date(dl), "{}", dl.id);
            let end = ev.get_end().expect("DTEND").date_naive();
            assert_eq!((end - start).num_days(), 1, "an all-day event");
            let summary = ev.get_summary().expect("summary");
            assert!(summary.starts_with(LABEL), "unescaped back: {summary}");
            assert!(summary.contains(dl.label.get(lang)));
            let status = ev.get_status().expect("status");
            if dl.kind.is_limit() {
                assert_eq!(status, EventStatus::Confirmed);
            } else {
                assert_eq!(status, EventStatus::Tentative);
                assert!(summary.contains(if lang == Lang::Zh {
                    "预计"
                } else {
                    "estimate"
                }));
            }
            let desc = ev.get_description().expect("description");
            assert!(desc.contains(&start.to_string()));
            assert!(
                desc.contains(if lang == Lang::Zh {
                    "来源"
                } else {
                    "Sources"
                }),
                "{desc}"
            );
            let alarms: Vec<_> = ev
                .components()
                .iter()
                .filter(|c| c.component_kind() == "VALARM")
                .collect();
            assert_eq!(alarms.len(), 2);
            let triggers: Vec<&str> = alarms
                .iter()
                .map(|a| a.property_value("TRIGGER").unwrap())
                .collect();
            assert_eq!(
                triggers,
                ["-PT604800S", "-PT86400S"],
                "7 days, 1 day before"
            );
            assert!(
                alarms
                    .iter()
                    .all(|a| a.property_value("ACTION") == Some("DISPLAY"))
            );
        }
        // The escapes themselves, on the unfolded SUMMARY lines.
        let lines = unfold(&text);
        let summary = lines.iter().find(|l| l.starts_with("SUMMARY:")).unwrap();
        assert!(summary.contains(r"张三\, 李四\; 住院\\复查"), "{summary}");
        assert!(lines.iter().any(|l| l == "BEGIN:VCALENDAR"));
        assert!(lines.iter().any(|l| l == "VERSION:2.0"));
        assert_eq!(lines.iter().filter(|l| l.starts_with("PRODID:")).count(), 1);
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    }
}

#[test]
fn uids_are_stable_and_the_file_is_reproducible() {
    let (catalog, d) = derived(&claim());
    let a = ics(&catalog, &d, &input(Lang::Zh, None, "case-1"));
    let b = ics(&catalog, &d, &input(Lang::Zh, None, "case-1"));
    assert_eq!(a, b, "no random UIDs or timestamps");
    // A later date for the same case: same UIDs, so a calendar updates the events.
    let mut later = claim();
    later.set("discharge_date", "2026-01-20");
    let (_, d2) = derived(&later);
    let uids = |d: &Derivation| -> Vec<String> {
        events(&catalog, d, &input(Lang::Zh, None, "case-1"))
            .into_iter()
            .map(|e| e.uid)
            .collect()
    };
    assert_eq!(uids(&d), uids(&d2));
    let moved = events(&catalog, &d2, &input(Lang::Zh, None, "case-1"));
    let before = events(&catalog, &d, &input(Lang::Zh, None, "case-1"));
    assert_ne!(moved[0].date, before[0].date);
    // Another case: other UIDs.
    assert!(
        events(&catalog, &d, &input(Lang::Zh, None, "case/2"))
            .iter()
            .all(|e| e.uid.starts_with("case_2-"))
    );
}

#[test]
fn no_dates_no_events() {
    let mut a = claim();
    for q in [
        "admission_date",
        "discharge_date",
        "invoice_date",
        "submitted_date",
    ] {
        a.remove(q);
    }
    let (catalog, d) = derived(&a);
    let text = ics(&catalog, &d, &input(Lang::En, None, "k"));
    let cal: icalendar::Calendar = text.parse().unwrap();
    assert_eq!(cal.events().count(), 0);
}

#[test]
fn every_artefact_set_gives_a_valid_file() {
    let catalog = Catalog::bundled().unwrap();
    for answers in common::artefact_sets(&catalog) {
        let d = derive(&catalog, &answers, "2026-02-01".parse().unwrap()).unwrap();
        let text = ics(&catalog, &d, &input(Lang::Zh, None, "k"));
        let n = d
            .deadlines
            .iter()
            .filter(|dl| plan_date(dl).is_some())
            .count();
        assert_eq!(text.matches("BEGIN:VEVENT").count(), n);
        assert_eq!(text.matches("BEGIN:VALARM").count(), 2 * n);
        let cal: icalendar::Calendar = text.parse().expect("parses");
        assert_eq!(cal.events().count(), n);
    }
}

#[test]
fn the_command_writes_the_file_from_a_code() {
    let (catalog, d) = derived(&claim());
    let code = yibao_checklist::view::code_of(&catalog, &d, false).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deadlines.ics");
    Command::cargo_bin("yibao-checklist")
        .unwrap()
        .env("YIBAO_CHECKLIST_DATA_DIR", dir.path().join("data"))
        .args([
            "calendar",
            "--code",
            &code,
            "--today",
            "2026-02-01",
            "--lang",
            "en",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("events, each with reminders"));
    let text = std::fs::read_to_string(&out).unwrap();
    let cal: icalendar::Calendar = text.parse().unwrap();
    let n = d
        .deadlines
        .iter()
        .filter(|dl| plan_date(dl).is_some())
        .count();
    assert_eq!(cal.events().count(), n);
    let key = code.replace('-', "");
    assert!(cal.events().all(|e| e.get_uid().unwrap().starts_with(&key)));
}

#[test]
fn the_command_takes_a_saved_case_and_names_events_after_it() {
    use yibao_checklist::cases::{Case, Store};
    let dir = tempfile::tempdir().unwrap();
    let mut case = Case::new("妈妈, 住院");
    case.answers = claim();
    {
        let (store, _) = Store::open(&dir.path().join("cases")).unwrap();
        store.save(&case).unwrap();
    }
    let out = dir.path().join("mum.ics");
    let run = |args: &[&str]| {
        let mut c = Command::cargo_bin("yibao-checklist").unwrap();
        c.env("YIBAO_CHECKLIST_DATA_DIR", dir.path())
            .arg("calendar")
            .args(args)
            .arg("--out")
            .arg(&out);
        c
    };
    run(&["--case", "妈妈, 住院", "--today", "2026-02-01"])
        .assert()
        .success()
        .stdout(predicates::str::contains("个事件"));
    let cal: icalendar::Calendar = std::fs::read_to_string(&out).unwrap().parse().unwrap();
    assert!(cal.events().count() >= 2);
    for e in cal.events() {
        assert!(e.get_uid().unwrap().starts_with(&format!("{}-", case.id)));
        assert!(e.get_summary().unwrap().starts_with("妈妈, 住院 · "));
    }
    // A case and a code together: refused, nothing overwritten.
    let before = std::fs::read(&out).unwrap();
    run(&["--case", "妈妈, 住院", "--code", "2222-2222"])
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&out).unwrap(), before);
}
