//! What the view holds: sections of cards, each text in the words and order a person reads.

pub use super::citations::Sources;
use super::strings::{self, colon, s};
use crate::cases::ItemState;
use crate::catalog::{Lang, NoticeKind, SharedStr, Text};
use crate::engine::{DateStatus, DatedVersion, Derivation};
use serde::Serialize;
use std::collections::BTreeMap;

/// What a section is, as a stable id (`derive --json`, tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionId {
    Summary,
    Warnings,
    Materials,
    Steps,
    Deadlines,
    Rules,
    NoLongerNeeded,
    Sources,
}

impl SectionId {
    pub fn title(self, lang: Lang) -> &'static str {
        let t = s(lang);
        match self {
            SectionId::Summary => t.summary,
            SectionId::Warnings => t.warnings,
            SectionId::Materials => t.materials,
            SectionId::Steps => t.steps,
            SectionId::Deadlines => t.deadlines,
            SectionId::Rules => t.rules_tips,
            SectionId::NoLongerNeeded => t.no_longer_needed,
            SectionId::Sources => t.all_sources,
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            SectionId::Summary => "summary",
            SectionId::Warnings => "warnings",
            SectionId::Materials => "materials",
            SectionId::Steps => "steps",
            SectionId::Deadlines => "deadlines",
            SectionId::Rules => "rules",
            SectionId::NoLongerNeeded => "no_longer_needed",
            SectionId::Sources => "sources",
        }
    }
    /// On the essentials sheet (the default print): the plan, without the background.
    pub(crate) fn essential(self) -> bool {
        !matches!(
            self,
            SectionId::Rules | SectionId::Sources | SectionId::NoLongerNeeded
        )
    }
}

/// How pressing a date is. Decided once, here; renderers map it to colours and marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Overdue,
    DueToday,
    DueSoon,
    Open,
    /// An estimate (processing, payout) with a date.
    Estimate,
    /// A date must be entered before the deadline can be worked out.
    NeedsDate,
    /// No date applies (no start point given, no end, immediate).
    NoDate,
    /// A minimum the sources give ("at least 6 months"): valid at least until then, not an expiry.
    AtLeast,
}

impl Urgency {
    pub(super) fn of(v: &DatedVersion) -> Urgency {
        match v.status {
            DateStatus::Overdue => Urgency::Overdue,
            DateStatus::DueSoon if v.days_left == Some(0) => Urgency::DueToday,
            DateStatus::DueSoon => Urgency::DueSoon,
            DateStatus::Open => Urgency::Open,
            DateStatus::Expected => Urgency::Estimate,
            DateStatus::NeedsDate => Urgency::NeedsDate,
            DateStatus::NoStart | DateStatus::Indefinite | DateStatus::Immediate => Urgency::NoDate,
            DateStatus::ValidAtLeast => Urgency::AtLeast,
        }
    }
    /// Overdue, today or soon: shown in the warning colour.
    pub(crate) fn is_pressing(self) -> bool {
        matches!(
            self,
            Urgency::Overdue | Urgency::DueToday | Urgency::DueSoon
        )
    }
}

/// A date question to fill in, for "enter the discharge date" links.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnterDate {
    pub question: String,
    /// Accessible name of the link: "填写日期：出院日期".
    pub action: String,
}

/// A text with its short citation, "[1,3]".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cited {
    pub text: SharedStr,
    pub cites: SharedStr,
}

impl Cited {
    /// The text followed by its citation, as every output prints it.
    pub(crate) fn joined(&self, lang: Lang) -> String {
        strings::with_cites(lang, &self.text, &self.cites)
    }
}

/// A labelled line in a card's details: "要求：…[2]".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detail {
    pub label: SharedStr,
    pub text: SharedStr,
    pub cites: SharedStr,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub urgency: Urgency,
    /// Where you stand, in one line: the next deadline, or since when it is overdue.
    pub headline: String,
    /// What the sources say happens when it is missed (overdue only).
    pub consequence: Option<String>,
    /// What to do now (overdue only); the app's own advice, labelled as such.
    pub what_now: Option<String>,
    /// Other deadlines worth a line: further overdue or soon ones.
    pub also: Vec<String>,
    pub enter_date: Option<EnterDate>,
    /// The id of the deadline the headline is about.
    pub deadline_id: Option<String>,
    pub deadline_date: Option<chrono::NaiveDate>,
    pub days_left: Option<i64>,
    pub materials_ready: usize,
    pub materials_total: usize,
    /// "已准备 3 / 12 项材料".
    pub progress: String,
    pub next_step_id: Option<String>,
    /// "下一步：2. 到窗口提交".
    pub next_step: Option<String>,
    /// "咨询电话：12393（上海）".
    pub helpline: Option<String>,
    /// Set while required questions are unanswered: the checklist is partial.
    pub incomplete: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoticeCard {
    pub id: SharedStr,
    pub kind: NoticeKind,
    pub title: SharedStr,
    /// The text itself when the sources agree; `None` when they differ (see `versions`).
    pub text: Option<Cited>,
    /// "来源说法不一（2种），均列出" when the sources disagree.
    pub conflict: Option<String>,
    /// Every version, each with its sources.
    pub versions: Vec<Cited>,
    pub sources: Sources,
    /// On a blank sheet: the open answers it is needed under ("若委托代办为“是，他人代办”").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaterialCard {
    pub id: SharedStr,
    pub name: SharedStr,
    /// "原件", "2份": short marks beside the name.
    pub badges: Vec<SharedStr>,
    /// The one format rule that matters most (the first the data gives).
    pub key_rule: Option<Cited>,
    pub done: bool,
    pub note: String,
    /// Description, every format rule, where to get it, alternatives, why.
    pub details: Vec<Detail>,
    /// Every source behind it, by title ("[1] …；[3] … · 片段").
    pub sources: Sources,
    /// On a blank sheet: the open answers it is needed under ("若委托代办为“是，他人代办”").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// On a blank sheet, when the form depends on open answers: each form under its answers
    /// ("若办理途径为“线上…”：拍照/扫描上传"); the badges then leave the form out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forms_when: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaterialGroupView {
    pub title: SharedStr,
    pub items: Vec<MaterialCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepCard {
    pub id: SharedStr,
    pub number: usize,
    pub title: SharedStr,
    pub done: bool,
    pub note: String,
    /// "办理渠道：国家医保服务平台APP；12393医保服务热线（12393）".
    pub channels: Option<String>,
    pub detail: Option<SharedStr>,
    pub cites: SharedStr,
    pub sources: Sources,
    /// On a blank sheet: the open answers it is needed under ("若委托代办为“是，他人代办”").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

impl StepCard {
    /// The number before the title: "3.".
    pub(crate) fn number_label(&self) -> String {
        format!("{}.", self.number)
    }
    /// "3. 提交材料": the step's heading on screen, paper and terminal alike (and in the
    /// summary's next step).
    pub fn heading(&self) -> String {
        format!("{}. {}", self.number, self.title)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionView {
    /// "6个月", "3–6 months".
    pub span: String,
    pub text: SharedStr,
    /// "2026-06-10  还剩190天", or what to enter to see it; `None` on a blank sheet.
    pub when: Option<String>,
    pub urgency: Urgency,
    /// "最稳妥（最早）" on the version to plan by, where the sources disagree.
    pub safest: Option<SharedStr>,
    pub counted_from: Option<String>,
    pub assumption: Option<String>,
    pub consequence: Option<String>,
    pub cites: SharedStr,
    pub sources: Sources,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineCard {
    pub id: SharedStr,
    pub title: SharedStr,
    pub urgency: Urgency,
    /// The date to plan by and where it stands: "2026-06-10 · 还剩190天". On a blank sheet,
    /// the rule of the safest version ("出院后3个月内").
    pub headline: String,
    /// What the sources say happens when it is missed (the plan-by version).
    pub consequence: Option<String>,
    /// "来源说法不一（3种），已按最早的算" where the sources disagree.
    pub conflict: Option<String>,
    pub enter_date: Option<EnterDate>,
    /// A line to write a date on (blank sheets): "出院日期：________  截止：________".
    pub write_in: Option<String>,
    pub versions: Vec<VersionView>,
    /// On a blank sheet: the open answers it is needed under ("若委托代办为“是，他人代办”").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// On a blank sheet, the rules of the versions that apply under some open answers only,
    /// each with them (the headline is the rule to plan by among the others).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules_when: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaleItem {
    pub id: String,
    pub name: String,
    pub done: bool,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceLine {
    pub number: usize,
    /// "[1] 上海医保卡异地费用如何报销流程（2024-05-01）".
    pub text: String,
    /// The 相关推荐 snippets cited from it.
    pub snippets: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "items", rename_all = "snake_case")]
pub enum Body {
    Summary(Box<Summary>),
    Notices(Vec<NoticeCard>),
    Materials(Vec<MaterialGroupView>),
    Steps(Vec<StepCard>),
    Deadlines(Vec<DeadlineCard>),
    Stale(Vec<StaleItem>),
    Sources(Vec<SourceLine>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub id: SectionId,
    pub title: SharedStr,
    /// A line under the title ("这些项目您之前勾选过…", "方括号里的数字…").
    pub intro: Option<SharedStr>,
    pub body: Body,
}

/// One answer as it reads in the header: "住院" or "出院日期：2025-03-10".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub question: SharedStr,
    pub label: SharedStr,
    pub value: SharedStr,
    /// The answer alone says little ("否", a date): show it with its question.
    pub needs_label: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    pub lang: Lang,
    pub title: SharedStr,
    pub label: Option<String>,
    pub blank: bool,
    pub situation: Vec<Fact>,
    /// The questions a blank sheet leaves open, each with its options to tick.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub open: Vec<OpenChoice>,
    /// What the open questions and the "若……" marks mean; with `open`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_intro: Option<SharedStr>,
    /// "未使用的回答：visit=outpatient".
    pub unused: Vec<String>,
    pub pending_required: Vec<String>,
    pub sections: Vec<Section>,
    /// Region note (scope of regional facts), under the header.
    pub region_note: Option<SharedStr>,
    pub disclaimer: SharedStr,
    /// "数据版本 …，按 … 计算".
    pub data_line: String,
    pub data_version: String,
    pub today: chrono::NaiveDate,
    /// The hand-off code of the answers (`crate::handoff`), printed on every sheet; `None` when
    /// the answers do not fit in one. A blank sheet carries the answers without the dates.
    /// Not in the JSON artefacts: the code has its own round-trip and frozen-table tests.
    #[serde(skip)]
    pub code: Option<String>,
    /// Why there is no code, when an answer is one the code cannot carry.
    #[serde(skip)]
    pub no_code: Option<String>,
}

/// A question left open on a blank sheet: "办理途径" with its options, to tick.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenChoice {
    pub question: String,
    pub label: SharedStr,
    pub options: Vec<SharedStr>,
}

/// What the view is built for.
#[derive(Debug, Clone, Default)]
pub struct ViewInput<'a> {
    pub lang: Lang,
    /// The case's name (or the patient's), printed in the header, also on a blank sheet.
    pub label: Option<&'a str>,
    /// The case's ticks and notes by item id.
    pub items: Option<&'a BTreeMap<String, ItemState>>,
    /// A blank front-desk sheet: no personal data, no dates, no ticks.
    pub blank: bool,
}

impl View {
    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
    pub fn summary(&self) -> Option<&Summary> {
        self.sections.iter().find_map(|s| match &s.body {
            Body::Summary(x) => Some(&**x),
            _ => None,
        })
    }
    /// The sheet's name with the case's: "医保报销材料清单 · 王小明" (running head, PDF title,
    /// print job).
    pub(crate) fn document_title(&self) -> String {
        match &self.label {
            Some(l) => format!("{} · {l}", self.title),
            None => self.title.to_string(),
        }
    }

    /// The section titles in reading order.
    pub fn titles(&self) -> Vec<&str> {
        self.sections.iter().map(|s| s.title.as_str()).collect()
    }
    /// The situation as one line: "异地就医 · 住院 · 出院日期：2025-03-10".
    pub(crate) fn situation_line(&self) -> String {
        let c = colon(self.lang);
        self.situation
            .iter()
            .map(|f| {
                if f.needs_label {
                    format!("{}{c}{}", f.label, f.value)
                } else {
                    f.value.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// A text of the catalog in one language, shared rather than copied.
pub(super) fn shared(t: &Text, lang: Lang) -> SharedStr {
    t.shared(lang).clone()
}

/// A fact's text, with the place its source speaks of in front when it speaks of one
/// (`strings::scoped`).
pub(super) fn scoped(t: &Text, scope: Option<&Text>, lang: Lang) -> SharedStr {
    match scope {
        None => shared(t, lang),
        Some(p) => strings::scoped(lang, p.get(lang), t.get(lang)).into(),
    }
}

pub(super) fn enter_date(d: &Derivation, v: &DatedVersion, lang: Lang) -> Option<EnterDate> {
    // Link only to a date this case asks for: the engine lists only asked dates unless none is,
    // and an asked, unanswered question is pending.
    let (q, label) = v.needs.iter().zip(&v.needs_labels).next()?;
    d.pending.iter().any(|p| p == q).then(|| EnterDate {
        question: q.clone(),
        action: strings::enter_named(lang, label.get(lang)),
    })
}
