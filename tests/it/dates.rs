//! Working days against the bundled 2025/2026 holiday calendars (../shared/HOLIDAYS.md).

use chrono::NaiveDate;
use yibao_checklist::catalog::Catalog;
use yibao_checklist::dates::Calendar;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn calendar() -> Calendar {
    Catalog::bundled().unwrap().calendar
}

#[test]
fn calendars_for_2025_and_2026_are_bundled() {
    let c = calendar();
    assert_eq!(c.years().collect::<Vec<_>>(), vec![2025, 2026]);
}

#[test]
fn statutory_holidays_are_days_off() {
    let c = calendar();
    for day in [
        "2025-01-01",
        "2025-01-28",
        "2025-02-04",
        "2025-04-04",
        "2025-05-05",
        "2025-05-31",
        "2025-10-08",
        "2026-01-02",
        "2026-02-16",
        "2026-02-23",
        "2026-05-05",
        "2026-06-19",
        "2026-09-25",
        "2026-10-07",
    ] {
        assert_eq!(c.is_working_day(d(day)), (false, true), "{day}");
    }
}

#[test]
fn make_up_weekend_days_are_working_days() {
    let c = calendar();
    for day in [
        "2025-01-26",
        "2025-02-08",
        "2025-04-27",
        "2025-09-28",
        "2025-10-11",
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ] {
        assert_eq!(c.is_working_day(d(day)), (true, true), "{day}");
    }
    // An ordinary weekend and an ordinary weekday.
    assert_eq!(c.is_working_day(d("2025-03-08")), (false, true));
    assert_eq!(c.is_working_day(d("2025-03-10")), (true, true));
}

#[test]
fn counting_across_national_day_2025() {
    // Fri 26 Sep; Sun 28 Sep is a make-up day; 1–8 Oct off; Sat 11 Oct a make-up day.
    let c = calendar();
    let r = c.add_working_days(d("2025-09-26"), 5);
    assert_eq!(r.date, d("2025-10-10"));
    assert!(!r.weekends_only);
    assert_eq!(c.add_working_days(d("2025-09-26"), 1).date, d("2025-09-28"));
    assert_eq!(c.add_working_days(d("2025-09-30"), 1).date, d("2025-10-09"));
    assert_eq!(c.add_working_days(d("2025-10-10"), 1).date, d("2025-10-11"));
}

#[test]
fn counting_across_spring_festival_2026() {
    let c = calendar();
    // Fri 13 Feb → Sat 14 Feb is a make-up working day.
    assert_eq!(c.add_working_days(d("2026-02-13"), 1).date, d("2026-02-14"));
    // Then 15–23 Feb off: the next is Tue 24 Feb.
    assert_eq!(c.add_working_days(d("2026-02-14"), 1).date, d("2026-02-24"));
}

#[test]
fn thirty_working_days_payout_example() {
    // 30 working days from Mon 2025-04-21 cross 劳动节 (1–5 May off, Sun 27 Apr worked) and 端午 (2 Jun off).
    let c = calendar();
    let r = c.add_working_days(d("2025-04-21"), 30);
    assert_eq!(r.date, d("2025-06-05"));
}

#[test]
fn a_year_without_data_counts_weekends_only_and_says_so() {
    let c = calendar();
    let r = c.add_working_days(d("2026-12-30"), 3);
    // Thu 31 Dec 2026, then Fri 1 Jan 2027 (no 2027 calendar: counted as a working day), Mon 4 Jan.
    assert_eq!(r.date, d("2027-01-04"));
    assert!(r.weekends_only);
    assert!(!c.add_working_days(d("2026-12-01"), 3).weekends_only);
}
