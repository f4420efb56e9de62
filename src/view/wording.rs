//! How dates and durations read, in both languages: shared by the command line, the printed
//! sheet and the app, so all three say the same thing.

use crate::catalog::{Lang, Span};
use crate::engine::{DateStatus, DatedVersion};
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;
use std::fmt::Write as _;

/// How a span reads: "6个月", "30 working days", "3–6 months".
pub(crate) fn span_text(span: Span, max: Option<u32>, lang: Lang) -> String {
    let range = |out: &mut String, n: u32| {
        let _ = write!(out, "{n}");
        if let Some(m) = max.filter(|&m| m != n) {
            out.push('–');
            let _ = write!(out, "{m}");
        }
    };
    let (n, zh, one, many) = match span {
        Span::Days(n) => (n, "天", "1 day", " days"),
        Span::WorkingDays(n) => (n, "个工作日", "1 working day", " working days"),
        Span::Months(n) => (n, "个月", "1 month", " months"),
        Span::Years(n) => (n, "年", "1 year", " years"),
        Span::Immediate => return lang.pick("即时生效", "immediate").into(),
        Span::Indefinite => return lang.pick("长期有效", "no end date").into(),
    };
    let mut out = String::with_capacity(24);
    match lang {
        Lang::Zh => {
            range(&mut out, n);
            out.push_str(zh);
        }
        // "1–1 months" is written as one month: a range of one is no range.
        Lang::En if n == 1 && max.is_none_or(|m| m == 1) => out.push_str(one),
        Lang::En => {
            range(&mut out, n);
            out.push_str(many);
        }
    }
    out
}

/// The dates still to enter, by their labels ("出院日期或就诊日期").
fn needs_text(v: &DatedVersion, lang: Lang, sep: &str) -> String {
    let labels: Vec<&str> = v.needs_labels.iter().map(|t| t.get(lang)).collect();
    labels.join(sep)
}

/// A date as chrono writes it ("2026-06-10"), digit by digit for the years it writes with four:
/// the formatting machinery costs more than the rest of a version's line.
pub(crate) fn write_date(out: &mut String, d: NaiveDate) {
    let y = d.year();
    if !(0..=9999).contains(&y) {
        let _ = write!(out, "{d}");
        return;
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let y = y as u32;
    for n in [y / 1000, y / 100, y / 10, y] {
        out.push(digit(n));
    }
    for n in [d.month(), d.day()] {
        out.push('-');
        out.push(digit(n / 10));
        out.push(digit(n));
    }
}

/// One dated version as a line: the date, days left, and the status.
pub(crate) fn version_date_text(v: &DatedVersion, lang: Lang) -> String {
    // One string for the whole line, written into (a view writes one per version).
    let mut s = String::with_capacity(64);
    let _ = match (v.date, v.date_max) {
        // A floor: the date is the least it lasts, not when it ends.
        (Some(a), _) if v.status == DateStatus::ValidAtLeast => match lang {
            Lang::Zh => write!(s, "至少有效到 {a}"),
            Lang::En => write!(s, "valid at least until {a}"),
        },
        (Some(a), Some(b)) if a != b => {
            write_date(&mut s, a);
            s.push_str(" – ");
            write_date(&mut s, b);
            Ok(())
        }
        (Some(a), _) => {
            write_date(&mut s, a);
            Ok(())
        }
        _ => Ok(()),
    };
    if !s.is_empty() {
        s.push_str("  ");
    }
    let status: Cow<str> = match v.status {
        DateStatus::Overdue | DateStatus::DueSoon | DateStatus::Open => {
            // Written in place, as are the words of the other states below.
            write_days_left(&mut s, lang, v.days_left.unwrap_or(0));
            Cow::Borrowed("")
        }
        DateStatus::Expected => lang.pick("预计", "expected").into(),
        DateStatus::NeedsDate => match lang {
            Lang::Zh => format!("填写{}后可算出日期", needs_text(v, lang, "或")),
            Lang::En => format!(
                "enter the {} to see the date",
                needs_text(v, lang, " or ").to_lowercase()
            ),
        }
        .into(),
        DateStatus::NoStart => lang
            .pick("来源未说明起算日", "the source gives no start date")
            .into(),
        DateStatus::Indefinite => lang.pick("长期有效", "no end date").into(),
        DateStatus::Immediate => lang.pick("即时生效", "takes effect at once").into(),
        DateStatus::ValidAtLeast => lang
            .pick(
                "来源只说至少这么久，不是到期日",
                "a minimum, not an expiry date",
            )
            .into(),
    };
    s.push_str(&status);
    if v.weekends_only {
        s.push_str(lang.pick(
            "（该年无节假日数据，仅跳过周末）",
            " (no holiday data for that year: weekends only)",
        ));
    }
    s
}

/// A version as a rule, without dates (blank sheets): "出院日期后30天内", "within 30 days of the
/// discharge date".
pub(crate) fn rule_text(v: &DatedVersion, lang: Lang) -> String {
    let span = span_text(v.span, v.span_max, lang);
    if matches!(v.span, Span::Immediate | Span::Indefinite) {
        return span;
    }
    let from = v.from_label.as_ref().or(v.needs_labels.first());
    match (from, lang) {
        (Some(f), Lang::Zh) => format!("{}后{span}内", f.get(lang)),
        (Some(f), Lang::En) => format!("within {span} of the {}", f.get(lang).to_lowercase()),
        (None, Lang::Zh) => format!("{span}内"),
        (None, Lang::En) => format!("within {span}"),
    }
}

/// "3 days", "1 day": English counts agree with their number.
pub fn days(lang: Lang, n: i64) -> String {
    let mut out = String::with_capacity(12);
    write_days(&mut out, lang, n);
    out
}

/// `days`, written into the caller's string.
pub(crate) fn write_days(out: &mut String, lang: Lang, n: i64) {
    let n = n.unsigned_abs();
    let _ = write!(out, "{n}");
    out.push_str(match (lang, n) {
        (Lang::Zh, _) => "天",
        (Lang::En, 1) => " day",
        (Lang::En, _) => " days",
    });
}

/// Where a date stands, the same words everywhere: "已逾期5天", "今天截止", "还剩3天".
pub(crate) fn days_left_text(lang: Lang, d: i64) -> String {
    let mut out = String::with_capacity(24);
    write_days_left(&mut out, lang, d);
    out
}

/// `days_left_text`, written into the caller's string.
pub(crate) fn write_days_left(out: &mut String, lang: Lang, d: i64) {
    match (lang, d) {
        (Lang::Zh, d) if d < 0 => {
            out.push_str("已逾期");
            write_days(out, lang, d);
        }
        (_, 0) => out.push_str(lang.pick("今天截止", "due today")),
        (Lang::Zh, d) => {
            out.push_str("还剩");
            write_days(out, lang, d);
        }
        (Lang::En, d) if d < 0 => {
            out.push_str("overdue by ");
            write_days(out, lang, d);
        }
        (Lang::En, d) => {
            write_days(out, lang, d);
            out.push_str(" left");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_before() {
        let cases = [
            (Span::Days(1), None, Lang::En, "1 day"),
            (Span::Days(1), Some(1), Lang::En, "1 day"),
            (Span::Days(30), None, Lang::Zh, "30天"),
            (Span::WorkingDays(3), Some(5), Lang::En, "3–5 working days"),
            (Span::Months(3), Some(6), Lang::Zh, "3–6个月"),
            (Span::Months(6), Some(6), Lang::Zh, "6个月"),
            (Span::Years(1), None, Lang::En, "1 year"),
            (Span::Years(2), None, Lang::Zh, "2年"),
            (Span::Immediate, None, Lang::En, "immediate"),
            (Span::Indefinite, None, Lang::Zh, "长期有效"),
        ];
        for (span, max, lang, text) in cases {
            assert_eq!(span_text(span, max, lang), text);
        }
    }

    #[test]
    fn dates_read_as_chrono_writes_them() {
        for (y, m, d) in [
            (2026, 6, 10),
            (2025, 12, 31),
            (1, 1, 1),
            (999, 9, 9),
            (9999, 12, 31),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut s = String::new();
            write_date(&mut s, date);
            assert_eq!(s, date.to_string());
        }
        for y in [-1, 10000, -40000] {
            let date = NaiveDate::from_ymd_opt(y, 3, 4).unwrap();
            let mut s = String::new();
            write_date(&mut s, date);
            assert_eq!(s, date.to_string());
        }
    }

    #[test]
    fn english_counts_agree_with_their_number() {
        assert_eq!(days_left_text(Lang::En, 1), "1 day left");
        assert_eq!(days_left_text(Lang::En, 2), "2 days left");
        assert_eq!(days_left_text(Lang::En, -1), "overdue by 1 day");
        assert_eq!(days_left_text(Lang::En, 0), "due today");
        assert_eq!(days_left_text(Lang::Zh, -5), "已逾期5天");
        assert_eq!(days_left_text(Lang::Zh, 0), "今天截止");
    }
}
