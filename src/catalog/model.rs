//! The RON data model. Everything the engine knows about scenarios, materials, steps,
//! deadlines, regions and holidays is an instance of these types, loaded from `checklists/`.

use super::SharedStr;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A text in both languages. Chinese is primary; English is a translation. Shared, not copied:
/// a derivation hands out hundreds of these, and cloning one is a reference-count bump.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: SharedStr,
    pub en: SharedStr,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
    /// The text in one language, shared rather than copied.
    pub fn shared(&self, lang: Lang) -> &SharedStr {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl Lang {
    /// The text for this language out of a pair written side by side.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "cn" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// When an entry applies (or a question is asked). Pure data; evaluated by the engine.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    #[default]
    Always,
    /// `Is("question", "option")`
    Is(String, String),
    /// `In("question", ["a", "b"])`: the answer is one of the options.
    In(String, Vec<String>),
    /// The question has an answer (any option, or a date).
    Answered(String),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

// The structure of a condition: what validation and compilation need. Evaluation is the engine's.
impl Condition {
    /// Every question this condition names.
    pub fn questions(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.walk(&mut |c| match c {
            Condition::Is(q, _) | Condition::In(q, _) | Condition::Answered(q)
                if !out.contains(&q.as_str()) =>
            {
                out.push(q.as_str())
            }
            _ => {}
        });
        out
    }

    /// Every `(question, option)` pair this condition names.
    pub fn options(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        self.walk(&mut |c| match c {
            Condition::Is(q, o) => out.push((q.as_str(), o.as_str())),
            Condition::In(q, os) => out.extend(os.iter().map(|o| (q.as_str(), o.as_str()))),
            _ => {}
        });
        out
    }

    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Condition)) {
        f(self);
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.walk(f)),
            Condition::Not(c) => c.walk(f),
            _ => {}
        }
    }
}

/// A citation: `"002"` (a seed's main article) or `"002#上海可以刷异地医保吗"` (a snippet in it).
pub type Cite = Arc<str>;

/// One of the source documents in `../shared/seeds/`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub file: String,
    #[serde(default)]
    pub date: Option<String>,
    /// Titles of the 相关推荐 snippets cited from this file.
    #[serde(default)]
    pub snippets: Vec<String>,
    /// The parts that speak of one place only, by snippet title ("" for the main article), with
    /// that place: an entry citing nothing else must say its `scope` (`Catalog::scope_warnings`).
    #[serde(default)]
    pub places: std::collections::BTreeMap<String, Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    Choice,
    Date,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionOption {
    pub id: String,
    pub label: Text,
    #[serde(default)]
    pub help: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub prompt: Text,
    #[serde(default)]
    pub help: Option<Text>,
    #[serde(default)]
    pub options: Vec<QuestionOption>,
    /// Asked only when this holds; may only name questions that come earlier.
    #[serde(default)]
    pub ask_when: Condition,
    /// A checklist can be derived without it (dates: the deadline then says which date to enter).
    #[serde(default = "yes")]
    pub required: bool,
    /// Dates: must not be earlier than these dates (when answered).
    #[serde(default)]
    pub not_before: Vec<String>,
    /// Dates: how far after `today` the date may lie.
    #[serde(default)]
    pub max_future_days: Option<u32>,
    /// Short label for summaries and the review page.
    #[serde(default)]
    pub short: Option<Text>,
    /// The answer names the insured region (参保地): the `regions` entry with that id (hotlines,
    /// note) is shown with the checklist. Other questions may offer the same ids (a place of
    /// treatment, say) without that region being taken for the insured one.
    #[serde(default)]
    pub insured_region: bool,
    /// The sources of the facts its help text states.
    #[serde(default)]
    pub sources: Vec<Cite>,
    /// Choice: an answer equal to another question's answer cannot be (the place of treatment
    /// is not the insured region), and is refused with this explanation.
    #[serde(default)]
    pub not_same_as: Option<NotSame>,
}

/// Another question whose answer this one must differ from, and why, in the user's words.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotSame {
    pub question: String,
    pub explain: Text,
    /// The answer to offer instead, as one button under the explanation (`("scenario",
    /// "local")`: care in the insured region is local care).
    #[serde(default)]
    pub instead: Option<(String, String)>,
}

impl Question {
    /// The short label for summaries and reasons ("出院日期"), else the prompt.
    pub fn label(&self) -> &Text {
        self.short.as_ref().unwrap_or(&self.prompt)
    }
}

fn yes() -> bool {
    true
}

/// Extra options for a question declared in another file (regions add themselves this way).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionExtension {
    pub question: String,
    pub option: QuestionOption,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialGroup {
    Identity,
    MedicalRecords,
    Bills,
    Forms,
    Proof,
}

impl MaterialGroup {
    pub const ALL: [MaterialGroup; 5] = [
        MaterialGroup::Identity,
        MaterialGroup::MedicalRecords,
        MaterialGroup::Bills,
        MaterialGroup::Forms,
        MaterialGroup::Proof,
    ];
}

/// Whether the original, a copy, or both are handed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    Original,
    Copy,
    OriginalAndCopy,
    /// A scan or photo uploaded online.
    Photo,
    /// Shown, signed or ticked on screen; nothing to hand in.
    OnScreen,
    /// The sources do not say.
    Unspecified,
}

/// A text that applies under a condition, with its sources (format rules, where to get it, …).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub text: Text,
    #[serde(default)]
    pub when: Condition,
    #[serde(default)]
    pub sources: Vec<Cite>,
    /// The place its source speaks of ("佛山等地"), when the source speaks of one place only:
    /// printed next to the fact wherever it appears.
    #[serde(default)]
    pub scope: Option<Text>,
}

/// The form a material takes under a condition (the first matching one wins).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormRule {
    pub form: Form,
    #[serde(default)]
    pub count: Option<u32>,
    #[serde(default)]
    pub when: Condition,
    #[serde(default)]
    pub sources: Vec<Cite>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub id: String,
    pub name: Text,
    /// What it is, in a sentence.
    #[serde(default)]
    pub description: Option<Text>,
    pub group: MaterialGroup,
    pub when: Condition,
    /// Why it is needed (shown with the answers that made it required).
    pub why: Text,
    #[serde(default)]
    pub forms: Vec<FormRule>,
    #[serde(default)]
    pub format: Vec<Note>,
    #[serde(default)]
    pub obtain: Vec<Note>,
    #[serde(default)]
    pub alternatives: Vec<Note>,
    pub sources: Vec<Cite>,
    /// Entries this one stands in for while it applies (regional overrides).
    #[serde(default)]
    pub replaces: Vec<String>,
    /// The place its source speaks of ("佛山等地"), when the source speaks of one place only:
    /// printed next to the fact wherever it appears.
    #[serde(default)]
    pub scope: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: String,
    pub name: Text,
    /// A phone number, mini-program name, website … as printed in the sources.
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub description: Option<Text>,
    pub sources: Vec<Cite>,
    /// The place its source speaks of ("佛山等地"), when the source speaks of one place only:
    /// printed next to the fact wherever it appears.
    #[serde(default)]
    pub scope: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    /// Position in the sequence; steps are shown by order, then file order.
    pub order: u32,
    pub title: Text,
    #[serde(default)]
    pub detail: Option<Text>,
    #[serde(default)]
    pub channels: Vec<String>,
    pub when: Condition,
    pub sources: Vec<Cite>,
    /// The place its source speaks of ("佛山等地"), when the source speaks of one place only:
    /// printed next to the fact wherever it appears.
    #[serde(default)]
    pub scope: Option<Text>,
    #[serde(default)]
    pub replaces: Vec<String>,
}

/// Declared in the order a checklist lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Last day to hand in a claim (a limit: the earliest version is the safest).
    ClaimDeadline,
    /// How long a 备案 stays valid (a limit).
    FilingValidity,
    /// How long a review or a filing takes (an estimate: the latest version is the cautious one).
    ProcessingTime,
    /// When the money arrives (an estimate).
    PayoutTime,
}

impl DeadlineKind {
    /// Limits run out; estimates are waited for.
    pub fn is_limit(self) -> bool {
        matches!(
            self,
            DeadlineKind::ClaimDeadline | DeadlineKind::FilingValidity
        )
    }
}

/// A length of time as the sources state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    Days(u32),
    WorkingDays(u32),
    Months(u32),
    Years(u32),
    /// `即时生效`
    Immediate,
    /// `长期有效`
    Indefinite,
}

/// One source's version of a deadline or duration.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineVersion {
    pub span: Span,
    /// Upper end of a range such as `3-6个月`, in the span's unit.
    #[serde(default)]
    pub span_max: Option<u32>,
    /// Date questions it runs from; the first one answered is used. Empty: no start point.
    #[serde(default)]
    pub from: Vec<String>,
    /// The source's own words, or a faithful summary.
    pub text: Text,
    /// Said when the source names no start point and the data assumes one.
    #[serde(default)]
    pub assumption: Option<Text>,
    /// What the source says happens when it is missed.
    #[serde(default)]
    pub consequence: Option<Text>,
    /// The source gives a floor (`至少6个月`, `≥6个月`), not an end: the period lasts at least this
    /// long. Shown as "valid at least until" with no countdown; never read as an expiry.
    #[serde(default)]
    pub minimum: bool,
    #[serde(default)]
    pub when: Condition,
    pub sources: Vec<Cite>,
    /// The place its source speaks of ("佛山等地"), when the source speaks of one place only:
    /// printed next to the fact wherever it appears.
    #[serde(default)]
    pub scope: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub id: String,
    pub kind: DeadlineKind,
    pub label: Text,
    pub when: Condition,
    /// Every version in the sources; more than one applying is a conflict and is shown as such.
    pub versions: Vec<DeadlineVersion>,
    #[serde(default)]
    pub replaces: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// Something that can cost the user money or a rejected claim.
    Warning,
    /// A rule or principle that applies.
    Rule,
    /// Practical advice.
    Tip,
}

/// One source's statement in a notice. Several versions make a conflict shown side by side.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeVersion {
    pub text: Text,
    /// Shown only when this holds too (a statement about one place, say).
    #[serde(default)]
    pub when: Condition,
    pub sources: Vec<Cite>,
    /// The place its source speaks of ("佛山等地"), when the source speaks of one place only:
    /// printed next to the fact wherever it appears.
    #[serde(default)]
    pub scope: Option<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub id: String,
    pub kind: NoticeKind,
    pub title: Text,
    pub when: Condition,
    pub versions: Vec<NoticeVersion>,
    #[serde(default)]
    pub replaces: Vec<String>,
}

/// A region whose policy can apply (参保地). Its entries carry `Is("region", id)` conditions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub hotlines: Vec<String>,
    #[serde(default)]
    pub note: Option<Text>,
    pub sources: Vec<Cite>,
}

/// The holiday calendar's data type lives with the date arithmetic that reads it.
pub use crate::dates::HolidayYear;

/// The shape of every RON file in `checklists/`: each section is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct CatalogFile {
    /// Version of the data, shown in the footer of printed sheets.
    pub data_version: Option<String>,
    pub disclaimer: Option<Text>,
    pub sources: Vec<Source>,
    pub questions: Vec<Question>,
    pub options: Vec<OptionExtension>,
    pub regions: Vec<Region>,
    pub channels: Vec<Channel>,
    pub materials: Vec<Material>,
    pub steps: Vec<Step>,
    pub deadlines: Vec<Deadline>,
    pub notices: Vec<Notice>,
    pub holidays: Vec<HolidayYear>,
    /// Common situations printed at the front desk in a click or two (常用情形).
    pub quick_sheets: Vec<QuickSheet>,
    /// The hand-off code's tables, one per version (`checklists/handoff.ron`).
    pub handoff: Vec<CodeTable>,
}

/// One version of the hand-off code's table: which questions a code carries, in which order,
/// and their options by number. Printed codes depend on it: a version is never changed; a new
/// question or option goes into a new version that extends the one before (`validate` checks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeTable {
    pub version: u32,
    /// Choice questions and their options, in code order.
    pub choices: Vec<(String, Vec<String>)>,
    /// Date questions, in code order (a date may be written as a step from the one before).
    pub dates: Vec<String>,
}

/// A common situation the front desk prints often: a name and the answers that define it.
/// Questions it leaves open are answered "no" (yes/no questions) or with their first option.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuickSheet {
    pub id: String,
    pub name: Text,
    /// Question id → option id.
    pub answers: std::collections::BTreeMap<String, String>,
    /// The sources of any fact its name states.
    #[serde(default)]
    pub sources: Vec<Cite>,
}
