//! Typed data problems found while reading and merging catalog files, so front ends can word
//! them in either language (`view::strings::data_problem`). The `Display` text is the English
//! one data editors read in `validate` and in a `CatalogError`'s `message`.

use serde::Serialize;

/// Limits on the overrides folder: a hostile or careless folder (symlink loops, `/proc`, a
/// huge file) ends in an error naming the limit, never in a hang.
pub(crate) const MAX_DEPTH: usize = 8;
/// `.ron` files read from one folder tree.
pub const MAX_FILES: usize = 500;
/// Directory entries looked at while walking (bounds the walk itself, `.ron` or not).
pub(crate) const MAX_ENTRIES: usize = 20_000;
/// One catalog file (the largest bundled file is about 60 KB).
pub(crate) const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// Holiday calendars are accepted for these years only.
pub(crate) const HOLIDAY_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Which bound of the overrides folder was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    Depth,
    Files,
    Entries,
    FileSize,
}

/// A problem in the data that has its own wording.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum DataProblem {
    #[error("{}", limit_en(*.limit, *.max))]
    LimitReached { limit: Limit, max: u64 },
    #[error("unknown field `{found}`{}", suggestion_en(.suggestion))]
    UnknownField {
        found: String,
        suggestion: Option<String>,
        expected: Vec<String>,
    },
    #[error("unknown value `{found}`{}", suggestion_en(.suggestion))]
    UnknownVariant {
        found: String,
        suggestion: Option<String>,
        expected: Vec<String>,
    },
    /// ron's own wording made plain (type mismatches, bad syntax …).
    #[error("cannot read this RON file: {0}")]
    Syntax(String),
    #[error("duplicate id \"{id}\" (first defined at {first}){}", if *.replaceable { "; to replace it on purpose, add `replaces: [\"<id>\"]` to the later entry" } else { "" })]
    DuplicateId {
        id: String,
        first: String,
        replaceable: bool,
    },
    #[error("holiday year {year} is outside {}–{}", HOLIDAY_YEARS.start(), HOLIDAY_YEARS.end())]
    HolidayYearOutOfRange { year: i32 },
    #[error("holiday range {start} – {end} of year {year} does not lie inside that year")]
    HolidayRangeOutsideYear {
        year: i32,
        start: String,
        end: String,
    },
    #[error("holiday range {start} – {end} ends before it starts")]
    HolidayRangeReversed { start: String, end: String },
    #[error("{day} is listed more than once in the holidays of {year}")]
    HolidayDayRepeated { year: i32, day: String },
    #[error("the file is not UTF-8 text")]
    NotUtf8,
}

fn limit_en(limit: Limit, max: u64) -> String {
    match limit {
        Limit::Depth => format!("folders nested deeper than {max} levels are not read"),
        Limit::Files => format!("more than {max} .ron files: the folder is not read"),
        Limit::Entries => format!("more than {max} entries in the folder tree: it is not read"),
        Limit::FileSize => format!("the file is larger than {max} bytes and is not read"),
    }
}

fn suggestion_en(s: &Option<String>) -> String {
    s.as_ref()
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

/// Levenshtein distance, for "did you mean" suggestions.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest of `candidates` to `found`, if it is close enough to be a typo.
pub(crate) fn suggest<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let limit = (found.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(found, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_by_edit_distance() {
        assert_eq!(edit_distance("materails", "materials"), 2);
        assert_eq!(
            suggest("materails", ["sources", "materials", "steps"]).as_deref(),
            Some("materials")
        );
        assert_eq!(suggest("wehn", ["when", "why"]).as_deref(), Some("when"));
        assert_eq!(suggest("zzzzzzzz", ["when", "why"]), None);
    }
}
