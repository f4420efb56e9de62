//! The list of saved cases, as the side panel, the start page's due summary and the `cases`
//! command show it: which cases, in which order, what a search finds. Works on index entries
//! ([`crate::cases::index::Entry`]), so a list of 10,000 cases is sorted and searched without
//! reading or deriving any case.

use crate::cases::index::{Entry, Facts};
use crate::cases::{Case, StatusKind};
use crate::catalog::{Catalog, Lang, QuestionKind};
use crate::engine::{self, Answers};
use chrono::NaiveDate;
use std::cmp::Ordering;

/// Deadlines this close (days) or passed are "due soon" (as on the checklist).
pub const DUE_SOON_DAYS: i64 = engine::DUE_SOON_DAYS;
/// The due summary shows this many cases per urgency before "显示全部".
pub const DUE_FIRST: usize = 5;

/// What a case's checklist shows in the list (derived once, then cached in the index).
pub fn facts(catalog: &Catalog, case: &Case, today: NaiveDate) -> Facts {
    // Answers to questions the data no longer has are kept in the file but not used.
    let known = Answers(
        case.answers
            .0
            .iter()
            .filter(|(q, _)| catalog.question(q).is_some())
            .map(|(q, v)| (q.clone(), v.clone()))
            .collect(),
    );
    facts_of(
        catalog,
        case,
        engine::derive(catalog, &known, today).as_ref().ok(),
    )
}

/// [`facts`] from a derivation already made (`None`: it failed).
pub fn facts_of(catalog: &Catalog, case: &Case, derived: Option<&engine::Derivation>) -> Facts {
    let code = crate::handoff::encode(&catalog.handoff, &case.answers).ok();
    let situation = situation_of(catalog, &case.answers);
    match derived {
        Some(d) => {
            let complete = d.is_complete();
            let progress = complete.then(|| {
                let done = d.materials.iter().filter(|m| case.is_done(&m.id)).count();
                (done, d.materials.len())
            });
            Facts {
                next_deadline: d.next_deadline().and_then(|(_, v)| v.date),
                progress,
                complete,
                code,
                situation,
                failed: false,
            }
        }
        None => Facts {
            code,
            situation,
            failed: true,
            ..Facts::default()
        },
    }
}

/// What the facts depend on besides the case: the data version and the rules that make dates
/// (a user's override changes them without changing the version).
pub fn fingerprint(catalog: &Catalog) -> String {
    use std::hash::{Hash, Hasher};
    // Stable across runs: serialized rules (no hash-ordered collections) and the calendar asked
    // day by day (it keeps its days in hash sets, whose `Debug` order changes per process).
    // `DefaultHasher::new()` has fixed keys; the app's version is in the key too.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(&(
        &catalog.questions,
        &catalog.deadlines,
        &catalog.materials,
        &catalog.handoff,
        &catalog.override_files,
    ))
    .unwrap_or_default()
    .hash(&mut h);
    for y in catalog.calendar.years() {
        y.hash(&mut h);
        let Some(mut d) = NaiveDate::from_ymd_opt(y, 1, 1) else {
            continue;
        };
        while chrono::Datelike::year(&d) == y {
            catalog.calendar.is_working_day(d).hash(&mut h);
            let Some(next) = d.succ_opt() else { break };
            d = next;
        }
    }
    format!(
        "{}/{}/{:016x}",
        catalog.data_version,
        env!("CARGO_PKG_VERSION"),
        h.finish()
    )
}

/// The situation of some answers: the first three choice answers, as (question, option)
/// positions in the catalog (kept in the index; [`situation`] words them).
fn situation_of(catalog: &Catalog, answers: &Answers) -> Vec<(u16, u16)> {
    let mut picks = Vec::new();
    for (qi, q) in catalog.questions.iter().enumerate() {
        if picks.len() == 3 {
            break;
        }
        if q.kind != QuestionKind::Choice {
            continue;
        }
        let Some(v) = answers.0.get(&q.id) else {
            continue;
        };
        if let Some(oi) = q.options.iter().position(|o| &o.id == v)
            && let (Ok(qi), Ok(oi)) = (u16::try_from(qi), u16::try_from(oi))
        {
            picks.push((qi, oi));
        }
    }
    picks
}

/// The situation in a few words: the labels of the first three choice answers ("异地就医 · 住院 ·
/// 直接结算"), as the case list shows it.
pub fn situation(catalog: &Catalog, facts: &Facts, lang: Lang) -> String {
    let labels = facts.situation.iter().filter_map(|&(q, o)| {
        let q = catalog.questions.get(usize::from(q))?;
        Some(q.options.get(usize::from(o))?.label.get(lang))
    });
    labels.collect::<Vec<&str>>().join(" · ")
}

/// Compares names as people read them: runs of digits by their value, so 患者2 comes before
/// 患者10; otherwise by character (case-insensitively first, then exactly, for a total order).
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    // The leading run of ASCII digits of `s` (one byte each).
    fn digits(s: &str) -> &str {
        &s[..s
            .bytes()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(s.len())]
    }
    let (mut x, mut y) = (a, b);
    loop {
        let (c, d) = match (x.chars().next(), y.chars().next()) {
            (None, None) => break,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) => (c, d),
        };
        if c.is_ascii_digit() && d.is_ascii_digit() {
            let (m, n) = (digits(x), digits(y));
            let (mt, nt) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
            let o = mt
                .len()
                .cmp(&nt.len())
                .then_with(|| mt.cmp(nt))
                .then_with(|| m.len().cmp(&n.len()));
            if o != Ordering::Equal {
                return o;
            }
            (x, y) = (&x[m.len()..], &y[n.len()..]);
        } else {
            let o = c.to_lowercase().cmp(d.to_lowercase());
            if o != Ordering::Equal {
                return o;
            }
            (x, y) = (&x[c.len_utf8()..], &y[d.len_utf8()..]);
        }
    }
    a.cmp(b)
}

/// A name ordered by [`natural_cmp`], for sort keys.
#[derive(PartialEq, Eq)]
struct Natural<'a>(&'a str);

impl Ord for Natural<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        natural_cmp(self.0, other.0)
    }
}

impl PartialOrd for Natural<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Overdue first, then due soon (nearest first), then the most recently changed.
    #[default]
    Attention,
    /// By name, numbers by value.
    Name,
    /// Most recently changed first.
    Updated,
}

impl SortBy {
    pub const ALL: [SortBy; 3] = [SortBy::Attention, SortBy::Name, SortBy::Updated];
}

/// Which states the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StateFilter {
    /// 进行中 only: the default list.
    #[default]
    Open,
    Submitted,
    /// 已到账/已办结 and 已放弃.
    Closed,
    All,
}

impl StateFilter {
    pub fn parse(raw: &str) -> Option<StateFilter> {
        Some(match raw.trim().to_lowercase().as_str() {
            "open" | "进行中" => StateFilter::Open,
            "submitted" | "已提交" => StateFilter::Submitted,
            "closed" | "已办结" | "已到账" | "已放弃" => StateFilter::Closed,
            "all" | "全部" => StateFilter::All,
            _ => return None,
        })
    }
    pub fn admits(self, kind: StatusKind) -> bool {
        match self {
            StateFilter::Open => kind == StatusKind::Open,
            StateFilter::Submitted => kind == StatusKind::Submitted,
            StateFilter::Closed => matches!(kind, StatusKind::Closed | StatusKind::Abandoned),
            StateFilter::All => true,
        }
    }
}

/// Days from `today` to the entry's next deadline, for an open case only (a submitted or
/// closed case has nothing left to meet).
pub fn days_left(e: &Entry, today: NaiveDate) -> Option<i64> {
    if !e.status.needs_attention() {
        return None;
    }
    e.facts.next_deadline.map(|d| (d - today).num_days())
}

/// The attention rank: 0 overdue, 1 due soon, 2 the rest (open), 3 not open.
fn rank(e: &Entry, today: NaiveDate) -> u8 {
    if !e.status.needs_attention() {
        return 3;
    }
    match days_left(e, today) {
        Some(d) if d < 0 => 0,
        Some(d) if d <= DUE_SOON_DAYS => 1,
        _ => 2,
    }
}

/// Sorts entries (indices into them, so the list keeps its entries in place). Each entry's
/// sort key is worked out once and the keys sorted side by side: comparing 10,000 entries
/// scattered in memory again and again is what made this slow.
pub fn sort(entries: &[Entry], order: &mut [usize], by: SortBy, today: NaiveDate) {
    let key = |&i: &usize| {
        let e = &entries[i];
        // Attention: overdue, then due soon by date, then the rest; within each, the most
        // recently changed first. By date of change, or by name only.
        let (rank, deadline) = match by {
            SortBy::Attention => {
                let r = rank(e, today);
                (r, if r <= 1 { e.facts.next_deadline } else { None })
            }
            SortBy::Name | SortBy::Updated => (0, None),
        };
        let updated = if by == SortBy::Name { "" } else { &e.updated };
        (
            rank,
            deadline,
            std::cmp::Reverse(updated),
            Natural(&e.label),
            &e.id,
        )
    };
    order.sort_by_cached_key(key);
}

/// A search text, prepared once: lower case for words, letters and digits only for codes.
#[derive(Debug, Clone, Default)]
pub struct Needle {
    lower: String,
    code: String,
}

impl Needle {
    pub fn new(text: &str) -> Needle {
        let lower = text.trim().to_lowercase();
        let code = text
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect::<String>();
        Needle { lower, code }
    }
    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }
    /// Whether the case is found by its name, a note, its hand-off code or its situation
    /// (`situation`: the entry's situation in the language shown).
    pub fn finds(&self, e: &Entry, situation: &str) -> bool {
        if self.is_empty() {
            return true;
        }
        let has = |hay: &str| hay.to_lowercase().contains(&self.lower);
        has(&e.label)
            || has(&e.notes)
            || has(situation)
            || (self.code.len() >= 4
                && e.facts.code.as_deref().is_some_and(|c| {
                    c.chars()
                        .filter(char::is_ascii_alphanumeric)
                        .collect::<String>()
                        .contains(&self.code)
                }))
    }
}

/// How pressing a deadline is, for the due summary's groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    Overdue,
    Today,
    /// 1–7 days.
    ThisWeek,
    /// 8–14 days.
    Soon,
}

impl Urgency {
    pub fn of(days: i64) -> Option<Urgency> {
        Some(match days {
            d if d < 0 => Urgency::Overdue,
            0 => Urgency::Today,
            1..=7 => Urgency::ThisWeek,
            d if d <= DUE_SOON_DAYS => Urgency::Soon,
            _ => return None,
        })
    }
}

/// One group of the due summary: how many open cases, and the first few (indices into the
/// entries, nearest deadline first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueGroup {
    pub urgency: Urgency,
    pub count: usize,
    pub first: Vec<usize>,
    /// All of them, for "显示全部".
    pub all: Vec<usize>,
}

/// Open cases with a deadline passed or within [`DUE_SOON_DAYS`], grouped by urgency; each
/// group keeps its first `first` cases for the summary. Submitted and closed cases are left out.
pub fn due_summary(entries: &[Entry], today: NaiveDate, first: usize) -> Vec<DueGroup> {
    let mut due: Vec<(Urgency, NaiveDate, usize)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let d = days_left(e, today)?;
            Some((Urgency::of(d)?, e.facts.next_deadline?, i))
        })
        .collect();
    due.sort_by_cached_key(|&(u, date, i)| (u, date, Natural(&entries[i].label)));
    let mut groups: Vec<DueGroup> = Vec::new();
    for (u, _, i) in due {
        match groups.last_mut() {
            Some(g) if g.urgency == u => {
                g.count += 1;
                g.all.push(i);
            }
            _ => groups.push(DueGroup {
                urgency: u,
                count: 1,
                first: Vec::new(),
                all: vec![i],
            }),
        }
    }
    for g in &mut groups {
        g.first = g.all.iter().copied().take(first).collect();
    }
    groups
}

/// The list as shown: the entries the filter and the search admit, in order.
pub fn list(
    entries: &[Entry],
    filter: StateFilter,
    needle: &Needle,
    by: SortBy,
    today: NaiveDate,
    situation: impl Fn(&Entry) -> String,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entries.len())
        .filter(|&i| {
            let e = &entries[i];
            // A search finds closed cases too (so they can be reopened).
            (filter.admits(e.status.kind()) || !needle.is_empty())
                && (needle.is_empty() || needle.finds(e, &situation(e)))
        })
        .collect();
    sort(entries, &mut order, by, today);
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_names_compare_by_value() {
        let mut v = vec![
            "患者10",
            "患者2",
            "患者1",
            "患者100",
            "患者02",
            "张三",
            "Ab",
            "ab",
        ];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            v,
            [
                "Ab",
                "ab",
                "张三",
                "患者1",
                "患者2",
                "患者02",
                "患者10",
                "患者100"
            ]
        );
    }

    #[test]
    fn the_fingerprint_is_the_same_for_the_same_data() {
        let a = crate::catalog::Catalog::bundled().unwrap();
        let b = crate::catalog::Catalog::bundled().unwrap();
        assert_eq!(fingerprint(&a), fingerprint(&b));
    }

    #[test]
    fn urgency_groups() {
        assert_eq!(Urgency::of(-3), Some(Urgency::Overdue));
        assert_eq!(Urgency::of(0), Some(Urgency::Today));
        assert_eq!(Urgency::of(7), Some(Urgency::ThisWeek));
        assert_eq!(Urgency::of(14), Some(Urgency::Soon));
        assert_eq!(Urgency::of(15), None);
    }
}
