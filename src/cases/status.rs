//! Where a family's case stands: still being worked on, submitted, paid out or finished, or given
//! up. Part of the case file since schema 3 (older files read as [`CaseStatus::Open`]).
//!
//! Data only: `view::strings::case_state` words it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The state of a case. Changing it is one click on the case or `case set-state`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseStatus {
    /// 进行中: materials are being gathered; the case is in the due summary and the default list.
    #[default]
    Open,
    /// 已提交: handed in on `date`; waiting for the insurer.
    Submitted { date: NaiveDate },
    /// 已到账/已办结: the money arrived or the matter is settled. Both are optional: a front desk
    /// does not always learn them.
    Closed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Amount>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        date: Option<NaiveDate>,
    },
    /// 已放弃: the family gave up the claim.
    Abandoned,
}

/// The kind of state, without its details: what the `--state` filters and the GUI's buttons name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusKind {
    Open,
    Submitted,
    Closed,
    Abandoned,
}

impl StatusKind {
    pub const ALL: [StatusKind; 4] = [
        StatusKind::Open,
        StatusKind::Submitted,
        StatusKind::Closed,
        StatusKind::Abandoned,
    ];
    /// The name used on the command line and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            StatusKind::Open => "open",
            StatusKind::Submitted => "submitted",
            StatusKind::Closed => "closed",
            StatusKind::Abandoned => "abandoned",
        }
    }
    /// Reads a command-line state: the English key or the Chinese word.
    pub fn parse(raw: &str) -> Option<StatusKind> {
        let raw = raw.trim();
        let lower = raw.to_lowercase();
        Some(match (lower.as_str(), raw) {
            ("open", _) | (_, "进行中") => StatusKind::Open,
            ("submitted", _) | (_, "已提交") => StatusKind::Submitted,
            ("closed" | "paid" | "done", _) | (_, "已到账" | "已办结" | "已到账/已办结") => {
                StatusKind::Closed
            }
            ("abandoned", _) | (_, "已放弃") => StatusKind::Abandoned,
            _ => return None,
        })
    }
}

impl CaseStatus {
    pub fn kind(&self) -> StatusKind {
        match self {
            CaseStatus::Open => StatusKind::Open,
            CaseStatus::Submitted { .. } => StatusKind::Submitted,
            CaseStatus::Closed { .. } => StatusKind::Closed,
            CaseStatus::Abandoned => StatusKind::Abandoned,
        }
    }
    pub fn is_open(&self) -> bool {
        matches!(self, CaseStatus::Open)
    }
    /// Whether the case still has deadlines to meet: only an open case is in the due summary.
    pub fn needs_attention(&self) -> bool {
        self.is_open()
    }
    /// The date the state names (submitted on, paid on), if any.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            CaseStatus::Submitted { date } => Some(*date),
            CaseStatus::Closed { date, .. } => *date,
            _ => None,
        }
    }
}

/// An amount of money in fen (1/100 yuan), so sums and comparisons are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Amount(pub u64);

/// Why an amount is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadAmount;

impl Amount {
    /// Reads `1234`, `1234.5`, `1,234.50`, `¥1234.50` or `1234.50元`: yuan, at most two decimals.
    pub fn parse(raw: &str) -> Result<Amount, BadAmount> {
        let s = raw.trim();
        let s = s
            .strip_prefix('¥')
            .or_else(|| s.strip_prefix('￥'))
            .unwrap_or(s);
        let s = s.strip_suffix('元').unwrap_or(s).trim();
        let s: String = s.chars().filter(|c| *c != ',' && *c != '，').collect();
        let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
        if whole.is_empty()
            || whole.len() > 12
            || frac.len() > 2
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(BadAmount);
        }
        let yuan: u64 = whole.parse().map_err(|_| BadAmount)?;
        let fen: u64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<u64>().map_err(|_| BadAmount)? * 10,
            _ => frac.parse().map_err(|_| BadAmount)?,
        };
        Ok(Amount(yuan * 100 + fen))
    }
}

impl std::fmt::Display for Amount {
    /// `1234.50`: yuan with two decimals (the words around it are the caller's).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_people_write_them() {
        assert_eq!(Amount::parse("1234"), Ok(Amount(123_400)));
        assert_eq!(Amount::parse("1,234.5"), Ok(Amount(123_450)));
        assert_eq!(Amount::parse("¥12.05"), Ok(Amount(1_205)));
        assert_eq!(Amount::parse("88元"), Ok(Amount(8_800)));
        assert_eq!(Amount(123_450).to_string(), "1234.50");
        for bad in ["", "-3", "1.234", "abc", "1.2.3", ".5"] {
            assert_eq!(Amount::parse(bad), Err(BadAmount), "{bad}");
        }
    }

    #[test]
    fn states_read_in_either_language() {
        assert_eq!(StatusKind::parse("已提交"), Some(StatusKind::Submitted));
        assert_eq!(StatusKind::parse("Closed"), Some(StatusKind::Closed));
        assert_eq!(StatusKind::parse("已办结"), Some(StatusKind::Closed));
        assert_eq!(StatusKind::parse("done?"), None);
        for k in StatusKind::ALL {
            assert_eq!(StatusKind::parse(k.key()), Some(k));
        }
    }
}
