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

pub fn add_days(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(n)))
        .unwrap_or(NaiveDate::MAX)
}

/// One year's statutory holidays and make-up working days (调休).
#[derive(Debug, Clone, Serialize, Deserialize)]
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
            for &(start, end) in &y.days_off {
                let mut d = start;
                while d <= end {
                    days.off.insert(d);
                    d = add_days(d, 1);
                }
            }
            days.working_weekend
                .extend(y.working_weekend_days.iter().copied());
            map.insert(y.year, days);
        }
        Calendar { years: map }
    }

    /// Years with holiday data.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    pub fn knows_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
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
    fn working_days_without_calendar_skip_weekends_and_say_so() {
        let cal = Calendar::default();
        // Friday 2027-01-08 + 1 working day = Monday 2027-01-11.
        let r = cal.add_working_days(d("2027-01-08"), 1);
        assert_eq!(r.date, d("2027-01-11"));
        assert!(r.weekends_only);
    }
}
