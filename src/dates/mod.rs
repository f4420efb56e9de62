//! Date arithmetic for deadlines: months that clamp to the month's end, and working days that
//! skip weekends and statutory holidays while counting 调休 make-up days as working days.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// `date` plus `n` months; a day that does not exist in the target month becomes its last day
/// (2025-08-31 + 6 months = 2026-02-28).
pub fn add_months(date: NaiveDate, n: u32) -> NaiveDate {
    // chrono's checked_add_months clamps to the month's end already; it fails only past year 262143.
    date.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

pub(crate) fn add_days(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(n)))
        .unwrap_or(NaiveDate::MAX)
}

/// One year's statutory holidays and make-up working days (调休).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayYear {
    pub year: i32,
    pub source: String,
    /// Inclusive ranges of days off: `("2025-01-28", "2025-02-04")`.
    pub days_off: Vec<(NaiveDate, NaiveDate)>,
    /// Weekend days that are working days.
    pub working_weekend_days: Vec<NaiveDate>,
}

#[derive(Debug, Clone, Default)]
struct YearDays {
    off: HashSet<NaiveDate>,
    working_weekend: HashSet<NaiveDate>,
}

/// Statutory holidays and make-up working days, by year, from `checklists/holidays.ron`.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    years: BTreeMap<i32, YearDays>,
}

/// The result of counting working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingDayResult {
    pub date: NaiveDate,
    /// Some day on the way lies in a year with no holiday data: only weekends were skipped there.
    pub weekends_only: bool,
}

impl Calendar {
    pub fn new(years: &[HolidayYear]) -> Calendar {
        let mut map = BTreeMap::new();
        for y in years {
            let mut days = YearDays::default();
            // Only days inside the entry's own year count, so a range ending in year +262142
            // costs at most a year of steps (validation reports such a range as an error).
            for &(start, end) in &y.days_off {
                let first = start.max(NaiveDate::from_yo_opt(y.year, 1).unwrap_or(start));
                for d in first.iter_days().take(366) {
                    if d > end || d.year() != y.year {
                        break;
                    }
                    days.off.insert(d);
                }
            }
            days.working_weekend.extend(
                y.working_weekend_days
                    .iter()
                    .copied()
                    .filter(|d| d.year() == y.year),
            );
            map.insert(y.year, days);
        }
        Calendar { years: map }
    }

    /// Years with holiday data.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    /// Whether offices are open that day; the flag says whether the year's calendar is known.
    pub fn is_working_day(&self, date: NaiveDate) -> (bool, bool) {
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        match self.years.get(&date.year()) {
            Some(y) if y.working_weekend.contains(&date) => (true, true),
            Some(y) if y.off.contains(&date) => (false, true),
            Some(_) => (!weekend, true),
            None => (!weekend, false),
        }
    }

    /// The `n`th working day after `start` (start itself not counted). `n = 0` gives `start`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> WorkingDayResult {
        let mut date = start;
        let mut left = n;
        let mut weekends_only = false;
        while left > 0 {
            // Where no calendar year lies ahead (or none before the next known year), only
            // weekends count: a week is exactly 5 working days, so whole weeks are skipped at
            // once. Keeps a count of billions of working days from stepping day by day.
            if left > 5 {
                let next_known = self.years.range(date.year()..).next().map(|(y, _)| *y);
                let room_days = match next_known {
                    None => u64::MAX,
                    Some(y) if y > date.year() => NaiveDate::from_yo_opt(y, 1)
                        .map_or(0, |jan1| (jan1 - date).num_days().max(0) as u64),
                    Some(_) => 0,
                };
                let weeks = (u64::from(left - 1) / 5).min(room_days.saturating_sub(1) / 7);
                if weeks > 0 {
                    date = date
                        .checked_add_days(Days::new(weeks * 7))
                        .unwrap_or(NaiveDate::MAX);
                    left -= (weeks * 5) as u32;
                    weekends_only = true;
                    if date == NaiveDate::MAX {
                        break;
                    }
                    continue;
                }
            }
            date = add_days(date, 1);
            if date == NaiveDate::MAX {
                break;
            }
            let (working, known) = self.is_working_day(date);
            weekends_only |= !known;
            if working {
                left -= 1;
            }
        }
        WorkingDayResult {
            date,
            weekends_only,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_clamp_to_month_end() {
        assert_eq!(add_months(d("2025-08-31"), 6), d("2026-02-28"));
        assert_eq!(add_months(d("2023-08-31"), 6), d("2024-02-29"));
        assert_eq!(add_months(d("2025-01-31"), 1), d("2025-02-28"));
        assert_eq!(add_months(d("2025-03-10"), 12), d("2026-03-10"));
    }

    #[test]
    fn calendar_with_a_range_ending_far_in_the_future_is_built_at_once() {
        let started = std::time::Instant::now();
        let y = HolidayYear {
            year: 2025,
            source: String::new(),
            days_off: vec![(d("2025-12-30"), NaiveDate::MAX)],
            working_weekend_days: vec![NaiveDate::MAX],
        };
        let cal = Calendar::new(&[y]);
        assert!(started.elapsed().as_secs() < 2);
        assert_eq!(cal.is_working_day(d("2025-12-31")), (false, true));
        assert_eq!(cal.is_working_day(d("2026-01-05")), (true, false));
    }

    #[test]
    fn huge_working_day_counts_finish_and_match_day_by_day_counting() {
        let cal = Calendar::new(&[HolidayYear {
            year: 2026,
            source: String::new(),
            days_off: vec![(d("2026-10-01"), d("2026-10-08"))],
            working_weekend_days: vec![d("2026-10-10")],
        }]);
        let started = std::time::Instant::now();
        let r = cal.add_working_days(d("2025-01-01"), u32::MAX);
        assert_eq!(r.date, NaiveDate::MAX);
        assert!(started.elapsed().as_secs() < 2);
        // The week skipping gives the same dates as a plain day-by-day count.
        for start in ["2025-03-05", "2025-12-27", "2026-09-20", "2026-12-31"] {
            for n in [0, 1, 6, 7, 11, 40, 300, 700] {
                let mut date = d(start);
                let mut left = n;
                while left > 0 {
                    date = add_days(date, 1);
                    if cal.is_working_day(date).0 {
                        left -= 1;
                    }
                }
                assert_eq!(
                    cal.add_working_days(d(start), n).date,
                    date,
                    "{start} + {n}"
                );
            }
        }
    }

    #[test]
    fn working_days_without_calendar_skip_weekends_and_say_so() {
        let cal = Calendar::default();
        // Friday 2027-01-08 + 1 working day = Monday 2027-01-11.
        let r = cal.add_working_days(d("2027-01-08"), 1);
        assert_eq!(r.date, d("2027-01-11"));
        assert!(r.weekends_only);
    }
}
