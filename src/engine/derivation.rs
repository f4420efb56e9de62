//! What a derivation hands out: the checklist's entries with their reasons, dates and sources.

use crate::catalog::*;
use chrono::NaiveDate;
use serde::Serialize;

pub use crate::catalog::{ChannelRef, Reason, Sourced};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedMaterial {
    pub id: SharedStr,
    pub name: Text,
    pub description: Option<Text>,
    pub group: MaterialGroup,
    pub form: Form,
    pub count: Option<u32>,
    pub why: Text,
    pub reasons: Shared<Reason>,
    pub format: Shared<Sourced>,
    pub obtain: Shared<Sourced>,
    pub alternatives: Shared<Sourced>,
    pub sources: Cites,
    /// The one place its source speaks of, printed next to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    /// On a sheet with open questions: the open answers it applies under (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Qualifier>,
    /// On a sheet with open questions, when the form depends on them: each form with the open
    /// answers it is asked for under (`form` and `count` are then those of the first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forms_when: Vec<FormWhen>,
}

/// A material's form under some open answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormWhen {
    pub form: Form,
    pub count: Option<u32>,
    pub when: Qualifier,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedStep {
    pub id: SharedStr,
    /// 1-based position in the derived sequence.
    pub number: usize,
    pub title: Text,
    pub detail: Option<Text>,
    pub channels: Shared<ChannelRef>,
    pub reasons: Shared<Reason>,
    pub sources: Cites,
    /// The one place its source speaks of, printed next to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    /// On a sheet with open questions: the open answers it applies under (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Qualifier>,
}

impl DerivedMaterial {
    /// Every citation behind this material: its own, then those of its notes, each once.
    pub fn all_sources(&self) -> Vec<Cite> {
        let mut out: Vec<Cite> = self.sources.to_vec();
        for n in self
            .format
            .iter()
            .chain(self.obtain.iter())
            .chain(self.alternatives.iter())
        {
            for c in &n.sources {
                if !out.contains(c) {
                    out.push(c.clone());
                }
            }
        }
        out
    }
}

/// Where a dated version stands against `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateStatus {
    /// A limit that has passed.
    Overdue,
    /// A limit within `DUE_SOON_DAYS` (14 days).
    DueSoon,
    /// A limit further away.
    Open,
    /// A floor (`至少6个月`): valid at least until the date, perhaps longer. No countdown.
    ValidAtLeast,
    /// An estimate (processing, payout) with a date.
    Expected,
    /// The start date has not been given.
    NeedsDate,
    /// The source gives no start point.
    NoStart,
    /// `长期有效`.
    Indefinite,
    /// `即时生效`.
    Immediate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatedVersion {
    pub text: Text,
    pub span: Span,
    pub span_max: Option<u32>,
    /// The date question it was counted from.
    pub from: Option<String>,
    pub from_label: Option<Text>,
    /// The date questions it could run from, when none is answered yet (those this case asks
    /// for, else all), and their short labels for "enter the discharge date" hints.
    pub needs: Vec<String>,
    pub needs_labels: Vec<Text>,
    pub start: Option<NaiveDate>,
    /// The date (for a range, its early end).
    pub date: Option<NaiveDate>,
    /// The late end of a range such as 3–6 months.
    pub date_max: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub status: DateStatus,
    /// Working days were counted in a year without holiday data: weekends only.
    pub weekends_only: bool,
    pub assumption: Option<Text>,
    pub consequence: Option<Text>,
    pub sources: Cites,
    /// The one place its source speaks of, printed next to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    /// On a sheet with open questions: the open answers it applies under (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Qualifier>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedDeadline {
    pub id: SharedStr,
    pub kind: DeadlineKind,
    pub label: Text,
    pub versions: Vec<DatedVersion>,
    /// Index of the version to plan by: the earliest limit, or the latest estimate.
    pub safest: Option<usize>,
    /// More than one version applies: the sources disagree.
    pub conflict: bool,
    pub reasons: Shared<Reason>,
    /// On a sheet with open questions: the open answers it applies under (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Qualifier>,
}

impl DerivedDeadline {
    pub fn safest_version(&self) -> Option<&DatedVersion> {
        self.safest.map(|i| &self.versions[i])
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DerivedNotice {
    pub id: SharedStr,
    pub kind: NoticeKind,
    pub title: Text,
    pub versions: Shared<Sourced>,
    /// More than one version: the sources disagree, shown side by side.
    pub conflict: bool,
    pub reasons: Shared<Reason>,
    /// On a sheet with open questions: the open answers it applies under (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Qualifier>,
}

/// An answer as given, with labels, for summaries and the review page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerLine {
    pub question: SharedStr,
    pub question_label: Text,
    pub value: SharedStr,
    /// The option's label, or the date itself.
    pub value_label: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub id: SharedStr,
    /// Its place among the catalog's sources sorted by id (`Cites::seeds`).
    #[serde(skip)]
    pub seed: u16,
    pub title: SharedStr,
    pub file: SharedStr,
    pub date: Option<SharedStr>,
    /// Snippet titles cited from this source.
    pub snippets: Vec<SharedStr>,
}

/// The derived checklist for one answer set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Derivation {
    pub today: NaiveDate,
    pub data_version: String,
    pub answers: Vec<AnswerLine>,
    /// Answers the situation does not ask about (accepted, listed, not used).
    pub unused: Vec<(String, String)>,
    /// Questions still to answer, in order.
    pub pending: Vec<String>,
    /// Required questions still to answer: until this is empty the checklist is partial.
    pub pending_required: Vec<String>,
    pub region: Option<RegionRef>,
    pub materials: Vec<DerivedMaterial>,
    pub steps: Vec<DerivedStep>,
    pub deadlines: Vec<DerivedDeadline>,
    pub notices: Vec<DerivedNotice>,
    pub sources: Vec<SourceRef>,
    pub disclaimer: Text,
    /// The choice questions left open (a blank sheet's, `derive_open`): printed as choices.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub open: Vec<OpenQuestion>,
}

/// A choice question a sheet leaves open, with its options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenQuestion {
    pub id: SharedStr,
    pub label: Text,
    pub options: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionRef {
    pub id: String,
    pub name: Text,
    pub hotlines: Shared<String>,
    pub note: Option<Text>,
}

impl Derivation {
    pub fn is_complete(&self) -> bool {
        self.pending_required.is_empty()
    }
    /// Materials in one group, in data order.
    pub fn materials_in(&self, group: MaterialGroup) -> impl Iterator<Item = &DerivedMaterial> {
        self.materials.iter().filter(move |m| m.group == group)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &DerivedNotice> {
        self.notices
            .iter()
            .filter(|n| n.kind == NoticeKind::Warning)
    }
    /// The nearest limit still open (or the most overdue), for case summaries.
    pub fn next_deadline(&self) -> Option<(&DerivedDeadline, &DatedVersion)> {
        self.deadlines
            .iter()
            .filter(|d| d.kind.is_limit())
            .filter_map(|d| d.safest_version().map(|v| (d, v)))
            // A floor is not a deadline: nothing runs out on its date.
            .filter(|(_, v)| v.date.is_some() && v.status != DateStatus::ValidAtLeast)
            .min_by_key(|(_, v)| v.date)
    }
}

/// Why a derivation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct DeriveError(pub Vec<super::AnswerError>);
