//! The hand-off code's tables (`checklists/handoff.ron`) against the rest of the data: each
//! version extends the one before without changing it (printed codes depend on every version),
//! and the newest one should carry every question and option the wizard asks.

use super::model::*;
use super::problem::{DataProblem, Rule};
use super::{Catalog, CatalogError, Origin, Section};

/// The version field of a code holds 1 to 3 (0 is reserved for a longer version number).
pub const MAX_CODE_VERSION: u32 = 3;

impl Catalog {
    fn code_error(&self, version: u32, rule: Rule) -> CatalogError {
        let origin = self
            .origin(Section::Handoff, &version.to_string())
            .cloned()
            .unwrap_or(Origin {
                file: "handoff.ron".into(),
                line: 0,
                col: 0,
            });
        CatalogError::from_problem(
            origin,
            Some(version.to_string()),
            DataProblem::Rule { rule },
        )
    }

    /// Errors: a version out of range, or one that changes the version before it.
    pub(super) fn code_table_errors(&self) -> Vec<CatalogError> {
        let mut out = Vec::new();
        for t in &self.handoff {
            if !(1..=MAX_CODE_VERSION).contains(&t.version) {
                let rule = Rule::CodeVersionOutOfRange { version: t.version };
                out.push(self.code_error(t.version, rule));
            }
        }
        for pair in self.handoff.windows(2) {
            if let Some(what) = changed(&pair[0], &pair[1]) {
                let rule = Rule::CodeTableChanged {
                    version: pair[1].version,
                    previous: pair[0].version,
                    what,
                };
                out.push(self.code_error(pair[1].version, rule));
            }
        }
        out
    }

    /// Warnings: questions and options the newest table cannot carry. A case with such an
    /// answer (a region added by an override, say) gets no code; nothing is mis-encoded.
    pub fn code_warnings(&self) -> Vec<CatalogError> {
        let Some(t) = self.handoff.last() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut warn = |question: &str, option: Option<&str>| {
            let rule = Rule::NotInCode {
                version: t.version,
                question: question.into(),
                option: option.map(str::to_string),
            };
            out.push(self.code_error(t.version, rule));
        };
        for q in &self.questions {
            match q.kind {
                QuestionKind::Date if !t.dates.contains(&q.id) => warn(&q.id, None),
                QuestionKind::Date => {}
                QuestionKind::Choice => match t.choices.iter().find(|(c, _)| *c == q.id) {
                    None => warn(&q.id, None),
                    Some((_, options)) => {
                        for o in &q.options {
                            if !options.contains(&o.id) {
                                warn(&q.id, Some(&o.id));
                            }
                        }
                    }
                },
            }
        }
        out
    }
}

/// What `new` changes of `old`, if anything: every question keeps its place and every option
/// its number; new questions and options only go after the old ones.
fn changed(old: &CodeTable, new: &CodeTable) -> Option<String> {
    if new.choices.len() < old.choices.len() || new.dates.len() < old.dates.len() {
        return Some("fewer questions".into());
    }
    for ((q0, o0), (q1, o1)) in old.choices.iter().zip(&new.choices) {
        if q0 != q1 {
            return Some(format!("{q0} → {q1}"));
        }
        if o1.len() < o0.len() || o0.iter().zip(o1).any(|(a, b)| a != b) {
            return Some(format!("{q0}: {} → {}", o0.join(","), o1.join(",")));
        }
    }
    for (d0, d1) in old.dates.iter().zip(&new.dates) {
        if d0 != d1 {
            return Some(format!("{d0} → {d1}"));
        }
    }
    None
}
