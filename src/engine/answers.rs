//! Answers: question id → option id (choice) or ISO date (date questions), and their checks.

use crate::catalog::{Catalog, QuestionKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A set of answers. Values are option ids, or `YYYY-MM-DD` for date questions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, String>);

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn get(&self, question: &str) -> Option<&str> {
        self.0.get(question).map(String::as_str)
    }
    pub fn set(&mut self, question: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.0.insert(question.into(), value.into());
        self
    }
    pub fn remove(&mut self, question: &str) -> Option<String> {
        self.0.remove(question)
    }
    pub(crate) fn is_answered(&self, question: &str) -> bool {
        self.0.contains_key(question)
    }
    /// A date answer, if it parses.
    pub fn date(&self, question: &str) -> Option<NaiveDate> {
        self.get(question).and_then(|v| parse_date(v).ok())
    }
    /// Sets an answer given once: a second, different value for the same question is an error
    /// naming both (`-a scenario=cross_region -a scenario=local`); the same value twice is fine.
    pub(crate) fn set_once(
        &mut self,
        question: &str,
        value: &str,
    ) -> Result<&mut Self, AnswerError> {
        match self.get(question) {
            Some(first) if first != value => Err(AnswerError {
                question: question.to_string(),
                kind: AnswerErrorKind::Conflicting {
                    first: first.to_string(),
                    second: value.to_string(),
                },
            }),
            _ => Ok(self.set(question, value)),
        }
    }
    /// Builds answers from `question=value` pairs (the CLI's `--answer` form).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut a = Answers::new();
        for (q, v) in pairs {
            a.set(q, v);
        }
        a
    }
}

/// A strict ISO date: `2025-02-30` and `2025-2-3` are rejected.
pub fn parse_date(value: &str) -> Result<NaiveDate, String> {
    let ok_shape = value.len() == 10
        && value.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !ok_shape {
        return Err(format!("\"{value}\" is not a date in the form YYYY-MM-DD"));
    }
    // The shape is checked: read the digits directly (chrono's format parser costs more than
    // the rest of a derivation's date handling).
    let b = value.as_bytes();
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
        .ok_or_else(|| format!("\"{value}\" is not a real calendar date"))
}

/// What is wrong with one answer. `question` names the field. Data only: people read it through
/// `view::strings::answer_error` / `cli_answer_error`; `Display` is a terse line for developers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerError {
    pub question: String,
    pub kind: AnswerErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum AnswerErrorKind {
    UnknownQuestion {
        valid: Vec<String>,
    },
    UnknownOption {
        value: String,
        valid: Vec<String>,
    },
    InvalidDate {
        value: String,
    },
    /// The date lies before another date it must follow (discharge before admission).
    DateOrder {
        value: String,
        other: String,
        other_value: String,
    },
    DateTooFarInFuture {
        value: String,
        max_days: u32,
    },
    DateTooOld {
        value: String,
    },
    /// Two different answers were given to one question.
    Conflicting {
        first: String,
        second: String,
    },
    /// The same answer as another question's, which cannot be (`Question::not_same_as`).
    SameAs {
        value: String,
        other: String,
        explain: crate::catalog::Text,
    },
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let q = &self.question;
        match &self.kind {
            AnswerErrorKind::UnknownQuestion { .. } => write!(f, "{q}: unknown question"),
            AnswerErrorKind::UnknownOption { value, .. } => {
                write!(f, "{q}: unknown option {value}")
            }
            AnswerErrorKind::InvalidDate { value } => write!(f, "{q}: invalid date {value}"),
            AnswerErrorKind::DateOrder {
                value,
                other,
                other_value,
            } => write!(f, "{q}: {value} before {other} ({other_value})"),
            AnswerErrorKind::DateTooFarInFuture { value, max_days } => {
                write!(f, "{q}: {value} more than {max_days} days ahead")
            }
            AnswerErrorKind::DateTooOld { value } => {
                write!(f, "{q}: {value} before {EARLIEST_YEAR}")
            }
            AnswerErrorKind::Conflicting { first, second } => {
                write!(f, "{q}: conflicting answers {first} and {second}")
            }
            AnswerErrorKind::SameAs { value, other, .. } => {
                write!(f, "{q}: {value} is also the answer to {other}")
            }
        }
    }
}

/// Days after `today` a date may lie when the question sets no limit.
pub const DEFAULT_MAX_FUTURE_DAYS: u32 = 366;
/// Dates before this are typos, not medical visits that can still be claimed.
pub const EARLIEST_YEAR: i32 = 2000;

/// Checks every answer against the catalog: unknown questions and options, bad dates.
pub fn check_answers(catalog: &Catalog, answers: &Answers, today: NaiveDate) -> Vec<AnswerError> {
    let mut errors = Vec::new();
    let cc = catalog.compiled();
    for (qid, value, q) in cc.indexed(&answers.0) {
        let Some(q) = q.map(|i| &catalog.questions[i]) else {
            errors.push(AnswerError {
                question: qid.clone(),
                kind: AnswerErrorKind::UnknownQuestion {
                    valid: catalog.questions.iter().map(|q| q.id.clone()).collect(),
                },
            });
            continue;
        };
        match q.kind {
            QuestionKind::Choice => {
                if !q.options.iter().any(|o| &o.id == value) {
                    let valid: Vec<String> = q.options.iter().map(|o| o.id.clone()).collect();
                    errors.push(AnswerError {
                        question: qid.clone(),
                        kind: AnswerErrorKind::UnknownOption {
                            value: value.clone(),
                            valid,
                        },
                    });
                } else if let Some(ns) = &q.not_same_as
                    && answers.get(&ns.question) == Some(value.as_str())
                {
                    errors.push(AnswerError {
                        question: qid.clone(),
                        kind: AnswerErrorKind::SameAs {
                            value: value.clone(),
                            other: ns.question.clone(),
                            explain: ns.explain.clone(),
                        },
                    });
                }
            }
            QuestionKind::Date => match parse_date(value) {
                Err(_) => errors.push(AnswerError {
                    question: qid.clone(),
                    kind: AnswerErrorKind::InvalidDate {
                        value: value.clone(),
                    },
                }),
                Ok(date) => {
                    let max_days = q.max_future_days.unwrap_or(DEFAULT_MAX_FUTURE_DAYS);
                    if date.year_ce().1 < EARLIEST_YEAR as u32 {
                        errors.push(AnswerError {
                            question: qid.clone(),
                            kind: AnswerErrorKind::DateTooOld {
                                value: value.clone(),
                            },
                        });
                    } else if (date - today).num_days() > i64::from(max_days) {
                        errors.push(AnswerError {
                            question: qid.clone(),
                            kind: AnswerErrorKind::DateTooFarInFuture {
                                value: value.clone(),
                                max_days,
                            },
                        });
                    }
                    for other in &q.not_before {
                        if let Some(other_date) = answers.date(other)
                            && date < other_date
                        {
                            errors.push(AnswerError {
                                question: qid.clone(),
                                kind: AnswerErrorKind::DateOrder {
                                    value: value.clone(),
                                    other: other.clone(),
                                    other_value: other_date.to_string(),
                                },
                            });
                        }
                    }
                }
            },
        }
    }
    errors
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct digit reading accepts and rejects exactly what chrono's `%Y-%m-%d` does.
    #[test]
    fn parse_date_agrees_with_chrono() {
        let mut inputs: Vec<String> = Vec::new();
        for y in ["0000", "1999", "2024", "2025", "9999"] {
            for m in 0..=13 {
                for d in 0..=32 {
                    inputs.push(format!("{y}-{m:02}-{d:02}"));
                }
            }
        }
        for bad in [
            "2025-2-3",
            "2025/02/03",
            "２０２５-02-03",
            "2025-02-3 ",
            "20250-2-03",
        ] {
            inputs.push(bad.to_string());
        }
        for s in &inputs {
            let ours = parse_date(s).ok();
            let shape_ok = s.len() == 10 && s.as_bytes()[4] == b'-';
            let chrono = NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .filter(|_| shape_ok);
            assert_eq!(ours, chrono, "{s}");
        }
        assert!(
            parse_date("2025-02-30")
                .unwrap_err()
                .contains("not a real calendar date")
        );
        assert!(parse_date("2025-2-3").unwrap_err().contains("YYYY-MM-DD"));
    }
}
