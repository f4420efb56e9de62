//! The words of a case's state, the case list's sorting and groups, and the `cases` and
//! `case set-state` commands.

use crate::cases::{CaseStatus, StatusKind};
use crate::catalog::Lang;
use crate::view::caselist::{SortBy, Urgency};

/// "进行中", "已提交", "已到账/已办结", "已放弃".
pub fn state_name(lang: Lang, k: StatusKind) -> &'static str {
    match k {
        StatusKind::Open => lang.pick("进行中", "In progress"),
        StatusKind::Submitted => lang.pick("已提交", "Submitted"),
        StatusKind::Closed => lang.pick("已到账/已办结", "Paid / settled"),
        StatusKind::Abandoned => lang.pick("已放弃", "Given up"),
    }
}

/// The state with its details: "已提交（2026-03-02）", "已到账 1234.50 元（2026-04-01）".
pub fn state_text(lang: Lang, s: &CaseStatus) -> String {
    match s {
        CaseStatus::Open | CaseStatus::Abandoned => state_name(lang, s.kind()).to_string(),
        CaseStatus::Submitted { date } => match lang {
            Lang::Zh => format!("已提交（{date}）"),
            Lang::En => format!("Submitted ({date})"),
        },
        CaseStatus::Closed { amount, date } => {
            let mut out = match (lang, amount) {
                (Lang::Zh, Some(a)) => format!("已到账 {a} 元"),
                (Lang::En, Some(a)) => format!("Paid ¥{a}"),
                (_, None) => state_name(lang, StatusKind::Closed).to_string(),
            };
            if let Some(d) = date {
                out.push_str(&match lang {
                    Lang::Zh => format!("（{d}）"),
                    Lang::En => format!(" ({d})"),
                });
            }
            out
        }
    }
}

/// The button that puts a case in this state.
pub fn set_state_button(lang: Lang, k: StatusKind) -> &'static str {
    match k {
        StatusKind::Open => lang.pick("重新打开", "Reopen"),
        StatusKind::Submitted => lang.pick("标为已提交", "Mark submitted"),
        StatusKind::Closed => lang.pick("标为已到账/已办结", "Mark paid / settled"),
        StatusKind::Abandoned => lang.pick("标为已放弃", "Mark given up"),
    }
}

/// What the state line of a case says it means.
pub fn state_hint(lang: Lang, k: StatusKind) -> &'static str {
    match k {
        StatusKind::Open => lang.pick(
            "进行中的清单出现在首页的期限提醒和默认列表里。",
            "Cases in progress are in the start page's deadlines and the default list.",
        ),
        _ => lang.pick(
            "此清单已不在期限提醒和默认列表里；搜索仍能找到它，可随时重新打开。",
            "This case has left the deadline summary and the default list; search still finds it, and it can be reopened.",
        ),
    }
}

pub fn sort_name(lang: Lang, by: SortBy) -> &'static str {
    match by {
        SortBy::Attention => lang.pick("按紧急程度", "By urgency"),
        SortBy::Name => lang.pick("按名称", "By name"),
        SortBy::Updated => lang.pick("按最近修改", "By last change"),
    }
}

pub fn urgency_name(lang: Lang, u: Urgency) -> &'static str {
    match u {
        Urgency::Overdue => lang.pick("已逾期", "Overdue"),
        Urgency::Today => lang.pick("今天截止", "Due today"),
        Urgency::ThisWeek => lang.pick("7天内", "Within 7 days"),
        Urgency::Soon => lang.pick("14天内", "Within 14 days"),
    }
}

/// "已逾期（12）".
pub fn urgency_count(lang: Lang, u: Urgency, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{}（{n}）", urgency_name(lang, u)),
        Lang::En => format!("{} ({n})", urgency_name(lang, u)),
    }
}

/// "显示全部 312 个" / "Show all 312".
pub fn show_all(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("显示全部 {n} 个"),
        Lang::En => format!("Show all {n}"),
    }
}

pub fn show_fewer(lang: Lang) -> &'static str {
    lang.pick("收起", "Show fewer")
}

/// "另有 8 个已提交或已办结的清单（搜索或切换“全部”可见）".
pub fn hidden_closed(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("另有 {n} 个已提交、已办结或已放弃的清单，搜索或选“全部”可见。"),
        Lang::En => {
            format!("{n} more submitted, settled or given-up cases: search, or choose All.")
        }
    }
}

/// The list's state filter.
pub fn filter_name(lang: Lang, f: crate::view::caselist::StateFilter) -> &'static str {
    use crate::view::caselist::StateFilter as F;
    match f {
        F::Open => lang.pick("进行中", "In progress"),
        F::Submitted => lang.pick("已提交", "Submitted"),
        F::Closed => lang.pick("已办结/已放弃", "Settled / given up"),
        F::All => lang.pick("全部", "All"),
    }
}

/// `case set-state` with a state it does not know.
pub fn bad_state(lang: Lang, raw: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "不认识的状态“{raw}”。可用：open（进行中）、submitted（已提交）、closed（已到账/已办结）、abandoned（已放弃）。"
        ),
        Lang::En => format!(
            "Unknown state “{raw}”. Use open, submitted, closed (paid / settled) or abandoned."
        ),
    }
}

/// `cases --state` with a filter it does not know.
pub fn bad_state_filter(lang: Lang, raw: &str) -> String {
    match lang {
        Lang::Zh => format!("不认识的状态“{raw}”。可用：open、submitted、closed、all。"),
        Lang::En => format!("Unknown state “{raw}”. Use open, submitted, closed or all."),
    }
}

pub fn bad_amount(lang: Lang, raw: &str) -> String {
    match lang {
        Lang::Zh => format!("金额“{raw}”无法识别：请写元，最多两位小数，例如 1234.50。"),
        Lang::En => format!(
            "Cannot read the amount “{raw}”: give yuan with at most two decimals, e.g. 1234.50."
        ),
    }
}

pub fn bad_date(lang: Lang, raw: &str) -> String {
    match lang {
        Lang::Zh => format!("日期“{raw}”无法识别：请写成 2026-03-01。"),
        Lang::En => format!("Cannot read the date “{raw}”: write it as 2026-03-01."),
    }
}

/// `--amount` given with a state that has none.
pub fn amount_not_allowed(lang: Lang) -> &'static str {
    lang.pick(
        "只有“已到账/已办结”（closed）可以填写金额。",
        "Only closed (paid / settled) takes an amount.",
    )
}

/// `--date` given with a state that has none.
pub fn date_not_allowed(lang: Lang) -> &'static str {
    lang.pick(
        "只有“已提交”和“已到账/已办结”可以填写日期。",
        "Only submitted and closed take a date.",
    )
}

/// `case set-state` done.
pub fn state_set(lang: Lang, label: &str, state: &str) -> String {
    match lang {
        Lang::Zh => format!("“{label}”现在是：{state}。"),
        Lang::En => format!("“{label}” is now: {state}."),
    }
}

/// `--due-within` that is not a number of days.
pub fn bad_days(lang: Lang, raw: &str) -> String {
    match lang {
        Lang::Zh => format!("“{raw}”不是天数：请写 0 到 3650 之间的整数。"),
        Lang::En => format!("“{raw}” is not a number of days: give a whole number from 0 to 3650."),
    }
}

pub fn no_cases_listed(lang: Lang) -> &'static str {
    lang.pick("没有符合条件的清单。", "No saved case matches.")
}
