//! The checklist as a person reads it: built once from a `Derivation` (plus the case's ticks and
//! notes and the language), then drawn by the app, printed on the sheet and written to the
//! terminal. Every decision about content lives here: which sections, in which order, in which
//! words, how urgent each date is, which version is the safe one and how sources are numbered.
//! The renderers (`gui`, `pdf`, `cli`) only lay it out.

pub mod caselist;
pub mod plain;
pub mod strings;
pub mod text;
pub mod wording;

use crate::cases::ItemState;
use crate::catalog::{Catalog, Cite, Form, Lang, MaterialGroup, NoticeKind, Shared, Span};
use crate::engine::{DateStatus, DatedVersion, Derivation, DerivedDeadline, Reason};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;
use strings::{colon, enum_sep, list_sep, s};
use text::Numbers;
pub use text::{Badges, List, Sources, Str};

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
    fn of(v: &DatedVersion) -> Urgency {
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
    pub text: Str,
    pub cites: Str,
}

impl Cited {
    /// The text followed by its citation, as every output prints it.
    pub(crate) fn joined(&self, lang: Lang) -> String {
        strings::with_cites(lang, &self.text, &self.cites)
    }
}

/// A fact's text, with the place its source speaks of in front when it speaks of one
/// (`strings::scoped`).
fn scoped(t: &crate::catalog::Text, scope: Option<&crate::catalog::Text>, lang: Lang) -> Str {
    match scope {
        None => Str::Shared(t.shared(lang).clone()),
        Some(p) => Str::Owned(strings::scoped(lang, p.get(lang), t.get(lang))),
    }
}

/// A fact with its place in front and, on a sheet with open questions, the open answers it
/// applies under: "若办理途径为窗口：【上海】…".
fn placed(
    t: &crate::catalog::Text,
    scope: Option<&crate::catalog::Text>,
    when: Option<&crate::catalog::Qualifier>,
    lang: Lang,
) -> Str {
    match when {
        None => scoped(t, scope, lang),
        Some(q) => Str::Owned(strings::qualified(lang, Some(q), &scoped(t, scope, lang))),
    }
}

/// A labelled line in a card's details: "要求：…[2]".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detail {
    pub label: Str,
    pub text: Str,
    pub cites: Str,
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
    pub id: Str,
    pub kind: NoticeKind,
    pub title: Str,
    /// The text itself when the sources agree; `None` when they differ (see `versions`).
    pub text: Option<Cited>,
    /// "来源说法不一（2种），均列出" when the sources disagree.
    pub conflict: Option<Str>,
    /// Every version, each with its sources.
    pub versions: List<Cited>,
    pub sources: Sources,
    /// On a blank sheet: the open answers it is needed under ("若委托代办为“是，他人代办”").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaterialCard {
    pub id: Str,
    pub name: Str,
    /// "原件", "2份": short marks beside the name.
    pub badges: Badges,
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
    pub title: Str,
    pub items: Vec<MaterialCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepCard {
    pub id: Str,
    pub number: usize,
    pub title: Str,
    pub done: bool,
    pub note: String,
    /// "办理渠道：国家医保服务平台APP；12393医保服务热线（12393）".
    pub channels: Option<String>,
    pub detail: Option<Str>,
    pub cites: Str,
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
        let mut s = String::new();
        self.write_heading(&mut s);
        s
    }
    fn write_heading(&self, out: &mut String) {
        let _ = write!(out, "{}. {}", self.number, self.title);
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionView {
    /// "6个月", "3–6 months".
    pub span: String,
    pub text: Str,
    /// "2026-06-10  还剩190天", or what to enter to see it; `None` on a blank sheet.
    pub when: Option<String>,
    pub urgency: Urgency,
    /// "最稳妥（最早）" on the version to plan by, where the sources disagree.
    pub safest: Option<Str>,
    pub counted_from: Option<String>,
    pub assumption: Option<String>,
    pub consequence: Option<String>,
    pub cites: Str,
    pub sources: Sources,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineCard {
    pub id: Str,
    pub title: Str,
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
    pub versions: List<VersionView>,
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
    pub title: Str,
    /// A line under the title ("这些项目您之前勾选过…", "方括号里的数字…").
    pub intro: Option<Str>,
    pub body: Body,
}

/// One answer as it reads in the header: "住院" or "出院日期：2025-03-10".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub question: Str,
    pub label: Str,
    pub value: Str,
    /// The answer alone says little ("否", a date): show it with its question.
    pub needs_label: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    pub lang: Lang,
    pub title: Str,
    pub label: Option<String>,
    pub blank: bool,
    pub situation: Vec<Fact>,
    /// The questions a blank sheet leaves open, each with its options to tick.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub open: Vec<OpenChoice>,
    /// What the open questions and the "若……" marks mean; with `open`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_intro: Option<Str>,
    /// "未使用的回答：visit=outpatient".
    pub unused: Vec<String>,
    pub pending_required: Vec<String>,
    pub sections: Vec<Section>,
    /// Region note (scope of regional facts), under the header.
    pub region_note: Option<Str>,
    pub disclaimer: Str,
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
    pub label: Str,
    pub options: Vec<Str>,
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

/// Source numbers: the n-th source of the derivation is `[n]`, everywhere. A short citation
/// ("[1,3]") is written once per set of numbers and shared by every text that cites that set;
/// the long one is written when shown (`Sources`).
struct Numbering {
    cc: Arc<crate::catalog::compiled::Compiled>,
    by_catalog: Option<[u8; 64]>,
    lang: Lang,
    nos: Arc<Numbers>,
    /// Short citations beyond the eighth source written so far, by the set of source numbers
    /// (bit n-1 for `[n]`).
    short: std::cell::RefCell<Vec<(u64, Str)>>,
    /// A notice's "the sources disagree (n versions)" line by n, written once per n.
    disagree: std::cell::RefCell<Vec<(usize, Str)>>,
}

impl Numbering {
    fn new(catalog: &Catalog, d: &Derivation, lang: Lang) -> Numbering {
        let cc = catalog.compiled();
        // The number each of the catalog's sources has here (0: not cited), when the catalog
        // knows its lists' sources (`Compiled::list_sources`).
        let by_catalog = (cc.sources.len() <= 64).then(|| {
            let mut no = [0u8; 64];
            for (n, s) in no.iter_mut().zip(cc.sources.iter()) {
                *n = d
                    .sources
                    .iter()
                    .position(|x| x.id == s.id)
                    .map_or(0, |i| i as u8 + 1);
            }
            no
        });
        Numbering {
            cc,
            by_catalog,
            lang,
            nos: Arc::new(Numbers::new(
                lang,
                d.sources
                    .iter()
                    .map(|s| (s.id.clone(), s.title.clone()))
                    .collect(),
            )),
            short: std::cell::RefCell::new(Vec::new()),
            disagree: std::cell::RefCell::new(Vec::new()),
        }
    }
    /// "[1,3]".
    fn short(&self, cites: &[Cite]) -> Str {
        if self.nos.sources.len() > 64 {
            return Str::Owned(self.short_uncached(cites));
        }
        let mut set = 0u64;
        match (self.by_catalog, self.cc.list_sources(cites)) {
            // One of the catalog's lists (always, for a derivation from this catalog): its
            // sources are known, only their numbers here are looked up.
            (Some(no), Some(mut bits)) => {
                while bits != 0 {
                    let n = no[bits.trailing_zeros() as usize];
                    if n > 0 {
                        set |= 1 << (n - 1);
                    }
                    bits &= bits - 1;
                }
            }
            _ => {
                for c in cites {
                    if let Some(n) = self.nos.no(c) {
                        set |= 1 << (n - 1);
                    }
                }
            }
        }
        if set < 256 {
            // Within the first eight sources (nearly always): a static text, shared for free.
            static SMALL: std::sync::OnceLock<Box<[Box<str>]>> = std::sync::OnceLock::new();
            let small = SMALL.get_or_init(|| (0..256).map(|set| short_text(set).into()).collect());
            return Str::Static(&small[set as usize]);
        }
        let mut short = self.short.borrow_mut();
        if let Some((_, s)) = short.iter().find(|(k, _)| *k == set) {
            return s.clone();
        }
        let s = Str::Shared(short_text(set).into());
        short.push((set, s.clone()));
        s
    }
    fn short_uncached(&self, cites: &[Cite]) -> String {
        let mut nos: Vec<usize> = cites.iter().filter_map(|c| self.nos.no(c)).collect();
        nos.sort();
        nos.dedup();
        if nos.is_empty() {
            return String::new();
        }
        let list: Vec<String> = nos.iter().map(usize::to_string).collect();
        format!("[{}]", list.join(","))
    }
    /// "[1] 标题 · 相关推荐：片段；[3] 标题", written when shown.
    fn long(&self, own: &Shared<Cite>) -> Sources {
        Sources::new(&self.nos, Some(own), [None, None, None], false)
    }
}

/// The parts as one string, allocated once at its size (`format!("{}{}{}", …)` guesses the size
/// from the literal text between the arguments, here none, and grows the string part by part).
fn concat(parts: &[&str]) -> String {
    // Room for a number or a date written after.
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + 16);
    for p in parts {
        out.push_str(p);
    }
    out
}

/// "[1,3]" for the set of source numbers with bits 0 and 2; "" for none.
fn short_text(set: u64) -> String {
    let mut text = String::with_capacity(16);
    let mut rest = set;
    while rest != 0 {
        let n = rest.trailing_zeros() + 1;
        text.push(if text.is_empty() { '[' } else { ',' });
        let _ = write!(text, "{n}");
        rest &= rest - 1;
    }
    if !text.is_empty() {
        text.push(']');
    }
    text
}

/// "就医类型：住院；…": the answers that made an entry apply. Entries share reason lists, so the
/// text is written once per list.
/// `text` is a scratch string, reused: the line is copied once, into the shared text.
fn reasons_text(
    memo: &mut Vec<(*const Reason, Str)>,
    text: &mut String,
    reasons: &Shared<Reason>,
    lang: Lang,
) -> Str {
    let key = reasons.as_ptr();
    if let Some((_, s)) = memo.iter().find(|(k, _)| *k == key) {
        return s.clone();
    }
    text.clear();
    text.reserve(
        reasons
            .iter()
            .map(|r| r.question_label.get(lang).len() + r.value_label.get(lang).len() + 6)
            .sum(),
    );
    for (i, r) in reasons.iter().enumerate() {
        if i > 0 {
            text.push_str(list_sep(lang));
        }
        text.push_str(r.question_label.get(lang));
        text.push_str(colon(lang));
        text.push_str(r.value_label.get(lang));
    }
    let text: Arc<str> = Arc::from(text.as_str());
    memo.push((key, Str::Shared(text.clone())));
    Str::Shared(text)
}
/// Roughly how many days a span lasts, to pick the safest version when no date is known.
fn approx_days(span: Span, n_max: Option<u32>, latest: bool) -> Option<u64> {
    let pick = |n: u32| -> u64 {
        if latest {
            n_max.unwrap_or(n).max(n) as u64
        } else {
            n as u64
        }
    };
    match span {
        Span::Days(n) => Some(pick(n)),
        Span::WorkingDays(n) => Some(pick(n) * 7 / 5),
        Span::Months(n) => Some(pick(n) * 30),
        Span::Years(n) => Some(pick(n) * 365),
        Span::Immediate | Span::Indefinite => None,
    }
}

/// The version to plan by: the engine's choice when dates are known, else the shortest limit
/// or the longest estimate by its span.
fn plan_by(dl: &DerivedDeadline) -> Option<usize> {
    if dl.safest.is_some() {
        return dl.safest;
    }
    plan_by_span(dl, |_| true)
}

/// The version to plan by among those `among` keeps, by its span.
fn plan_by_span(dl: &DerivedDeadline, among: impl Fn(&DatedVersion) -> bool) -> Option<usize> {
    let limit = dl.kind.is_limit();
    let spans = dl
        .versions
        .iter()
        .enumerate()
        .filter(|(_, v)| among(v))
        .filter_map(|(i, v)| approx_days(v.span, v.span_max, !limit).map(|d| (i, d)));
    if limit {
        spans.min_by_key(|&(_, d)| d).map(|(i, _)| i)
    } else {
        spans.max_by_key(|&(_, d)| d).map(|(i, _)| i)
    }
}

fn enter_date(d: &Derivation, v: &DatedVersion, lang: Lang) -> Option<EnterDate> {
    // Link only to a date this case asks for: the engine lists only asked dates unless none is,
    // and an asked, unanswered question is pending.
    let (q, label) = v.needs.iter().zip(&v.needs_labels).next()?;
    d.pending.iter().any(|p| p == q).then(|| EnterDate {
        question: q.clone(),
        action: strings::enter_named(lang, label.get(lang)),
    })
}

fn version_view(
    dl: &DerivedDeadline,
    i: usize,
    v: &DatedVersion,
    safest: Option<usize>,
    nos: &Numbering,
    blank: bool,
) -> VersionView {
    let lang = nos.lang;
    let t = s(lang);
    let mark = (dl.conflict && safest == Some(i)).then(|| {
        if dl.kind.is_limit() {
            Str::Static(t.safest_limit)
        } else {
            Str::Static(t.safest_estimate)
        }
    });
    VersionView {
        span: wording::span_text(v.span, v.span_max, lang),
        text: placed(&v.text, v.scope.as_ref(), v.when.as_ref(), lang),
        when: (!blank).then(|| wording::version_date_text(v, lang)),
        urgency: Urgency::of(v),
        safest: mark,
        counted_from: match (&v.from_label, v.start, blank) {
            (Some(from), Some(start), false) => {
                let mut line = concat(&[t.counted_from, colon(lang), from.get(lang), " "]);
                wording::write_date(&mut line, start);
                Some(line)
            }
            _ => None,
        },
        assumption: v.assumption.as_ref().map(|a| a.get(lang).to_string()),
        consequence: v
            .consequence
            .as_ref()
            .map(|c| concat(&[t.if_missed, colon(lang), c.get(lang)])),
        cites: nos.short(&v.sources),
        sources: nos.long(&v.sources),
    }
}

fn deadline_card(
    catalog: &Catalog,
    d: &Derivation,
    dl: &DerivedDeadline,
    nos: &Numbering,
    blank: bool,
) -> DeadlineCard {
    let lang = nos.lang;
    // On a blank sheet, versions that apply under some open answers only are listed with them;
    // the headline plans by the others (by all of them when none is unconditional).
    let plain = dl.versions.iter().any(|v| v.when.is_none());
    let split = blank && plain && dl.versions.iter().any(|v| v.when.is_some());
    let safest = if split {
        plan_by_span(dl, |v| v.when.is_none())
    } else {
        plan_by(dl)
    };
    let rules_when = if split {
        dl.versions
            .iter()
            .filter(|v| v.when.is_some())
            .map(|v| strings::qualified(lang, v.when.as_ref(), &wording::rule_text(v, lang)))
            .collect()
    } else {
        Vec::new()
    };
    let versions = List::collect(
        dl.versions
            .iter()
            .enumerate()
            .map(|(i, v)| version_view(dl, i, v, safest, nos, blank)),
    );
    let lead_at = safest.or((!dl.versions.is_empty()).then_some(0));
    let lead = lead_at.map(|i| &dl.versions[i]);
    // The lead version's lines as its view has them, instead of writing them again.
    let lead_view = lead_at.map(|i| &versions[i]);
    let urgency = if blank {
        Urgency::NoDate
    } else {
        lead.map_or(Urgency::NoDate, Urgency::of)
    };
    let headline = match (blank, lead, lead_view) {
        (true, Some(v), _) => {
            strings::qualified(lang, v.when.as_ref(), &wording::rule_text(v, lang))
        }
        (false, _, Some(view)) => view.when.clone().unwrap_or_default(),
        _ => String::new(),
    };
    let conflict = dl.conflict.then(|| {
        strings::versions_note(
            lang,
            dl.versions.len(),
            dl.kind.is_limit(),
            safest.is_some(),
        )
    });
    let write_in = (blank && dl.kind.is_limit())
        .then(|| {
            lead.and_then(|v| {
                let from = v.from.as_deref().or(v.needs.first().map(String::as_str))?;
                let label = catalog.question(from)?.label().get(lang).to_string();
                Some(strings::write_in(lang, &label))
            })
        })
        .flatten();
    DeadlineCard {
        id: (&dl.id).into(),
        // The place of the version planned by goes with the title: the headline's date is its.
        title: scoped(&dl.label, lead.and_then(|v| v.scope.as_ref()), lang),
        urgency,
        headline,
        consequence: lead_view.and_then(|view| view.consequence.clone()),
        conflict,
        enter_date: if blank {
            None
        } else {
            lead.filter(|v| v.status == DateStatus::NeedsDate)
                .and_then(|v| enter_date(d, v, lang))
        },
        write_in,
        versions,
        when: dl.when.as_ref().map(|q| strings::qualifier(lang, q)),
        rules_when,
    }
}

fn notice_card(n: &crate::engine::DerivedNotice, nos: &Numbering) -> NoticeCard {
    let lang = nos.lang;
    let versions = List::collect(n.versions.iter().map(|v| Cited {
        text: placed(&v.text, v.scope.as_ref(), v.when.as_ref(), lang),
        cites: nos.short(&v.sources),
    }));
    NoticeCard {
        id: (&n.id).into(),
        kind: n.kind,
        // One place for every version: the title says it too (a card shown by its title alone).
        title: {
            let first = n.versions.first().and_then(|v| v.scope.as_ref());
            let same = n.versions.iter().all(|v| v.scope.as_ref() == first);
            scoped(&n.title, first.filter(|_| same), lang)
        },
        text: (!n.conflict).then(|| versions.first().cloned()).flatten(),
        conflict: n.conflict.then(|| {
            let count = n.versions.len();
            // Up to 16 versions (always, in the data): a static text per count and language,
            // written once.
            static NOTES: std::sync::OnceLock<[Box<[Box<str>]>; 2]> = std::sync::OnceLock::new();
            let notes = NOTES.get_or_init(|| {
                [Lang::Zh, Lang::En].map(|lang| {
                    (0..16)
                        .map(|n| strings::versions_note(lang, n, false, false).into())
                        .collect()
                })
            });
            let by_lang = &notes[usize::from(lang == Lang::En)];
            match by_lang.get(count) {
                Some(note) => Str::Static(note),
                None => {
                    let mut memo = nos.disagree.borrow_mut();
                    if let Some((_, s)) = memo.iter().find(|(k, _)| *k == count) {
                        return s.clone();
                    }
                    let s = Str::Shared(strings::versions_note(lang, count, false, false).into());
                    memo.push((count, s.clone()));
                    s
                }
            }
        }),
        versions,
        // Every version's sources, as listed.
        sources: Sources::new(&nos.nos, None, [Some(&n.versions), None, None], false),
        when: n.when.as_ref().map(|q| strings::qualifier(lang, q)),
    }
}

/// Builds the view of a derivation. Texts are shared with the catalog or the string table where
/// they are used as they are (see `text`): a view is built for every change of the answers.
pub fn build(catalog: &Catalog, d: &Derivation, input: &ViewInput) -> View {
    let lang = input.lang;
    let t = s(lang);
    let nos = Numbering::new(catalog, d, lang);
    let blank = input.blank;
    let empty = BTreeMap::new();
    let items = if blank {
        &empty
    } else {
        input.items.unwrap_or(&empty)
    };
    let state = |id: &str| items.get(id).cloned().unwrap_or_default();
    let shared = |x: &crate::catalog::Text| Str::Shared(x.shared(lang).clone());

    // The header: the answers, without dates on a blank sheet.
    let situation: Vec<Fact> = d
        .answers
        .iter()
        .filter(|a| {
            !(blank
                && catalog
                    .question(&a.question)
                    .is_some_and(|q| q.kind == crate::catalog::QuestionKind::Date))
        })
        .map(|a| {
            let value = shared(&a.value_label);
            Fact {
                question: (&a.question).into(),
                label: shared(&a.question_label),
                // A date has 10 characters: other answers skip `parse_date`, whose error
                // message is a fresh string.
                needs_label: value.chars().count() <= 2
                    || (a.value.len() == 10 && crate::engine::parse_date(&a.value).is_ok()),
                value,
            }
        })
        .collect();

    // Materials by group.
    let mut groups = Vec::with_capacity(MaterialGroup::ALL.len());
    let mut because = Vec::with_capacity(8);
    let mut scratch = String::new();
    for g in MaterialGroup::ALL {
        // Sized once: a filtered `collect` grows the vector step by step.
        let mut list = Vec::with_capacity(d.materials_in(g).count());
        list.extend(d.materials_in(g).map(|m| {
            let st = state(&m.id);
            let mut badges = Badges::default();
            // A form that depends on open answers is written with them (`forms_when`).
            let one_form = m.forms_when.is_empty();
            if m.form != Form::Unspecified && one_form {
                badges.push(Str::Static(strings::form_label(lang, m.form)));
            }
            if let Some(n) = m.count.filter(|_| one_form) {
                badges.push(match strings::count_badge_static(lang, n) {
                    Some(b) => Str::Static(b),
                    None => Str::Owned(strings::count_badge(lang, n)),
                });
            }
            let notes = [&m.format, &m.obtain, &m.alternatives];
            let mut details = Vec::with_capacity(4 + notes.iter().map(|n| n.len()).sum::<usize>());
            let mut add = |label: &'static str, text: Str, cites: Str| {
                details.push(Detail {
                    label: Str::Static(label),
                    text,
                    cites,
                })
            };
            if let Some(desc) = &m.description {
                add(t.what_it_is, shared(desc), Str::default());
            }
            let unspecified = m.form == Form::Unspecified && one_form;
            if unspecified {
                let form = strings::form_label(lang, Form::Unspecified);
                add(t.form, Str::Static(form), Str::default());
            }
            for (label, notes) in [t.requirements, t.where_to_get, t.alternatives]
                .into_iter()
                .zip(notes)
            {
                for n in notes {
                    add(
                        label,
                        placed(&n.text, n.scope.as_ref(), n.when.as_ref(), lang),
                        nos.short(&n.sources),
                    );
                }
            }
            add(t.why_needed, shared(&m.why), nos.short(&m.sources));
            if !m.reasons.is_empty() {
                let why = reasons_text(&mut because, &mut scratch, &m.reasons, lang);
                add(t.because, why, Str::default());
            }
            MaterialCard {
                id: (&m.id).into(),
                name: scoped(&m.name, m.scope.as_ref(), lang),
                badges,
                // The first format rule, as its detail line has it.
                key_rule: details
                    .get(usize::from(m.description.is_some()) + usize::from(unspecified))
                    .filter(|_| !m.format.is_empty())
                    .map(|x| Cited {
                        text: x.text.clone(),
                        cites: x.cites.clone(),
                    }),
                done: st.done,
                note: st.note,
                details,
                // Its own sources, then its notes', each once (`DerivedMaterial::all_sources`).
                sources: Sources::new(&nos.nos, Some(&m.sources), notes.map(Some), true),
                when: m.when.as_ref().map(|q| strings::qualifier(lang, q)),
                forms_when: m
                    .forms_when
                    .iter()
                    .map(|f| {
                        let mut text = strings::form_label(lang, f.form).to_string();
                        if let Some(n) = f.count {
                            text.push_str(" · ");
                            text.push_str(&strings::count_badge(lang, n));
                        }
                        strings::qualified(lang, Some(&f.when), &text)
                    })
                    .collect(),
            }
        }));
        if !list.is_empty() {
            groups.push(MaterialGroupView {
                title: Str::Static(strings::group_label(lang, g)),
                items: list,
            });
        }
    }

    let steps: Vec<StepCard> = d
        .steps
        .iter()
        .map(|st| {
            let state = state(&st.id);
            // "name（contact）；name": written straight into one string.
            let channels = (!st.channels.is_empty()).then(|| {
                let mut out = String::with_capacity(
                    st.channels
                        .iter()
                        .map(|c| c.name.get(lang).len() + 24)
                        .sum(),
                );
                for (i, c) in st.channels.iter().enumerate() {
                    if i > 0 {
                        out.push_str(list_sep(lang));
                    }
                    let name = scoped(&c.name, c.scope.as_ref(), lang);
                    strings::write_channel(&mut out, lang, &name, c.contact.as_deref());
                }
                out
            });
            StepCard {
                id: (&st.id).into(),
                number: st.number,
                title: scoped(&st.title, st.scope.as_ref(), lang),
                done: state.done,
                note: state.note,
                channels,
                detail: st.detail.as_ref().map(shared),
                cites: nos.short(&st.sources),
                sources: nos.long(&st.sources),
                when: st.when.as_ref().map(|q| strings::qualifier(lang, q)),
            }
        })
        .collect();

    let deadlines: Vec<DeadlineCard> = d
        .deadlines
        .iter()
        .map(|dl| deadline_card(catalog, d, dl, &nos, blank))
        .collect();

    let mut warnings = Vec::with_capacity(d.warnings().count());
    warnings.extend(d.warnings().map(|n| notice_card(n, &nos)));
    let mut rules = Vec::with_capacity(d.notices.len() - warnings.len());
    rules.extend(
        d.notices
            .iter()
            .filter(|n| n.kind != NoticeKind::Warning)
            .map(|n| notice_card(n, &nos)),
    );

    // Ticks and notes on items the answers no longer call for: kept, listed.
    let required =
        |k: &str| d.materials.iter().any(|m| m.id == *k) || d.steps.iter().any(|s| s.id == *k);
    let stale: Vec<StaleItem> = items
        .iter()
        .filter(|(k, v)| !v.is_blank() && !required(k))
        .map(|(k, v)| StaleItem {
            id: k.clone(),
            name: item_name(catalog, k, lang),
            done: v.done,
            note: v.note.clone(),
        })
        .collect();

    let summary = summary(d, &groups, &steps, &deadlines, blank, lang);

    let mut sections = Vec::with_capacity(8);
    sections.push(Section {
        id: SectionId::Summary,
        title: Str::Static(SectionId::Summary.title(lang)),
        intro: None,
        body: Body::Summary(Box::new(summary)),
    });
    let mut push = |id: SectionId, intro: Option<&'static str>, body: Body| {
        sections.push(Section {
            id,
            title: Str::Static(id.title(lang)),
            intro: intro.map(Str::Static),
            body,
        })
    };
    if !warnings.is_empty() {
        push(SectionId::Warnings, None, Body::Notices(warnings));
    }
    let no_materials = groups.is_empty().then_some(t.no_materials);
    push(SectionId::Materials, no_materials, Body::Materials(groups));
    if !steps.is_empty() {
        push(SectionId::Steps, None, Body::Steps(steps));
    }
    if !deadlines.is_empty() {
        push(SectionId::Deadlines, None, Body::Deadlines(deadlines));
    }
    if !rules.is_empty() {
        push(SectionId::Rules, None, Body::Notices(rules));
    }
    if !stale.is_empty() {
        push(
            SectionId::NoLongerNeeded,
            Some(t.no_longer_intro),
            Body::Stale(stale),
        );
    }
    if !d.sources.is_empty() {
        let lines = d
            .sources
            .iter()
            .enumerate()
            .map(|(i, src)| {
                let mut text = String::with_capacity(
                    16 + src.title.len() + src.date.as_ref().map_or(0, |d| d.len()),
                );
                text.push('[');
                strings::write_number(&mut text, i as u64 + 1);
                text.push_str("] ");
                text.push_str(&src.title);
                if let Some(date) = &src.date {
                    strings::write_paren(&mut text, lang, date);
                }
                SourceLine {
                    number: i + 1,
                    text,
                    snippets: (!src.snippets.is_empty()).then(|| {
                        let sep = list_sep(lang);
                        let mut out = String::with_capacity(
                            32 + src
                                .snippets
                                .iter()
                                .map(|x| x.len() + sep.len())
                                .sum::<usize>(),
                        );
                        out.push_str(t.related);
                        out.push_str(colon(lang));
                        for (i, x) in src.snippets.iter().enumerate() {
                            if i > 0 {
                                out.push_str(sep);
                            }
                            out.push_str(x);
                        }
                        out
                    }),
                }
            })
            .collect();
        push(
            SectionId::Sources,
            Some(t.sources_intro),
            Body::Sources(lines),
        );
    }

    let code = code_result(catalog, d, blank);
    View {
        lang,
        title: Str::Static(t.sheet_title),
        // The caller decides: a front-desk sheet may carry the name the clerk typed.
        label: input.label.map(str::to_string),
        blank,
        situation,
        open: d
            .open
            .iter()
            .map(|q| OpenChoice {
                question: q.id.to_string(),
                label: shared(&q.label),
                options: q.options.iter().map(shared).collect(),
            })
            .collect(),
        open_intro: (!d.open.is_empty()).then_some(Str::Static(t.open_intro)),
        unused: d.unused.iter().map(|(q, v)| format!("{q}={v}")).collect(),
        pending_required: d.pending_required.clone(),
        sections,
        region_note: d.region.as_ref().and_then(|r| r.note.as_ref()).map(shared),
        disclaimer: shared(&d.disclaimer),
        // Installed data packs are named beside the version: their facts are not the bundled
        // data's (`+ “XX市 2027 节假日”（… 制作）`).
        data_line: strings::data_version_line(
            lang,
            &format!(
                "{}{}",
                d.data_version,
                strings::pack_footer(lang, &catalog.packs)
            ),
            d.today,
        ),
        data_version: format!(
            "{}{}",
            d.data_version,
            strings::pack_footer(lang, &catalog.packs)
        ),
        today: d.today,
        no_code: code.as_ref().err().and_then(|e| no_code(catalog, e, lang)),
        code: code.ok(),
    }
}

/// A front-desk quick sheet as printed: its answers, the questions it leaves open as choices,
/// the patient's name if typed. The app and the command line print the same.
pub fn quick(
    catalog: &Catalog,
    sheet: &crate::catalog::QuickSheet,
    lang: Lang,
    name: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<View, crate::engine::DeriveError> {
    let d = crate::engine::derive_open(catalog, &crate::engine::quick_given(sheet), today)?;
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    Ok(build(
        catalog,
        &d,
        &ViewInput {
            lang,
            label: name,
            items: None,
            blank: true,
        },
    ))
}

/// Every answer a derivation was made from, unused ones included (what a hand-off code carries).
pub(crate) fn all_answers(d: &Derivation) -> crate::engine::Answers {
    let mut a = crate::engine::Answers::new();
    for l in &d.answers {
        a.set(l.question.to_string(), l.value.to_string());
    }
    for (q, v) in &d.unused {
        a.set(q.clone(), v.clone());
    }
    a
}

/// The hand-off code of a derivation's answers; without the dates on a blank sheet.
pub fn code_of(catalog: &Catalog, d: &Derivation, blank: bool) -> Option<String> {
    code_result(catalog, d, blank).ok()
}

fn code_result(
    catalog: &Catalog,
    d: &Derivation,
    blank: bool,
) -> Result<String, crate::handoff::EncodeError> {
    let mut a = all_answers(d);
    if blank {
        a.0.retain(|q, _| {
            catalog
                .question(q)
                .is_none_or(|q| q.kind != crate::catalog::QuestionKind::Date)
        });
    }
    crate::handoff::code_for(catalog, &a)
}

/// Why there is no code, when an answer is one the code's table cannot carry (a region added
/// by an override): said once in the summary rather than leaving the code out unexplained.
fn no_code(catalog: &Catalog, e: &crate::handoff::EncodeError, lang: Lang) -> Option<String> {
    use crate::handoff::EncodeError as E;
    let label = |q: &str| {
        catalog
            .question(q)
            .map_or(q.to_string(), |x| x.label().get(lang).to_string())
    };
    match e {
        E::UnknownOption(q, o) => {
            let value = catalog
                .option_label(q, o)
                .map_or(o.clone(), |t| t.get(lang).to_string());
            Some(strings::no_code(
                lang,
                &format!("{}{}{value}", label(q), strings::colon(lang)),
            ))
        }
        E::UnknownQuestion(q) => Some(strings::no_code(lang, &label(q))),
        _ => None,
    }
}

/// The name of a material or step by id (for items no longer derived), else the id.
fn item_name(catalog: &Catalog, id: &str, lang: Lang) -> String {
    catalog
        .materials
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.get(lang).to_string())
        .or_else(|| {
            catalog
                .steps
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.title.get(lang).to_string())
        })
        .unwrap_or_else(|| id.to_string())
}

fn summary(
    d: &Derivation,
    groups: &[MaterialGroupView],
    steps: &[StepCard],
    deadlines: &[DeadlineCard],
    blank: bool,
    lang: Lang,
) -> Summary {
    let t = s(lang);
    let total: usize = groups.iter().map(|g| g.items.len()).sum();
    let ready: usize = groups
        .iter()
        .flat_map(|g| &g.items)
        .filter(|m| m.done)
        .count();
    let next = steps.iter().find(|st| !st.done);
    let helpline = d
        .region
        .as_ref()
        .filter(|r| !r.hotlines.is_empty())
        .map(|r| {
            let name = r.name.get(lang);
            let mut out = String::with_capacity(
                t.hotlines.len()
                    + name.len()
                    + 16
                    + r.hotlines.iter().map(|h| h.len() + 3).sum::<usize>(),
            );
            out.push_str(t.hotlines);
            out.push_str(colon(lang));
            for (i, h) in r.hotlines.iter().enumerate() {
                if i > 0 {
                    out.push_str(enum_sep(lang));
                }
                out.push_str(h);
            }
            strings::write_paren(&mut out, lang, name);
            out
        });
    let mut out = Summary {
        urgency: Urgency::NoDate,
        headline: String::new(),
        consequence: None,
        what_now: None,
        also: Vec::new(),
        enter_date: None,
        deadline_id: None,
        deadline_date: None,
        days_left: None,
        materials_ready: ready,
        materials_total: total,
        progress: strings::materials_progress(lang, ready, total, blank),
        next_step_id: next.map(|st| st.id.to_string()),
        next_step: next.map(|st| {
            let mut line = String::with_capacity(t.next_step.len() + st.title.len() + 16);
            line.push_str(t.next_step);
            line.push_str(colon(lang));
            st.write_heading(&mut line);
            line
        }),
        helpline,
        incomplete: (!d.is_complete()).then(|| t.partial_checklist.to_string()),
    };

    // The limits (claim deadlines, filing validity) at their plan-by version.
    let limits: Vec<(&DerivedDeadline, &DatedVersion)> = d
        .deadlines
        .iter()
        .filter(|dl| dl.kind.is_limit())
        .filter_map(|dl| plan_by(dl).map(|i| (dl, &dl.versions[i])))
        .collect();
    // A headline about one version names that version's place ("【佛山等地】手工报销的申请期限").
    let label_of = |dl: &DerivedDeadline, v: &DatedVersion| {
        scoped(&dl.label, v.scope.as_ref(), lang).to_string()
    };
    if blank {
        // A hand-out: the rule to plan by, with a line to write the date on; one that holds
        // whatever the open answers first, else with the answers it needs.
        let limit = |c: &&DeadlineCard| {
            d.deadlines
                .iter()
                .any(|dl| dl.id == c.id && dl.kind.is_limit())
        };
        let card = deadlines
            .iter()
            .filter(limit)
            .find(|c| c.when.is_none())
            .or_else(|| deadlines.iter().find(limit));
        if let Some(card) = card {
            out.headline = concat(&[&card.title, colon(lang), &card.headline]);
            if let Some(when) = &card.when {
                out.headline = concat(&[when, colon(lang), &out.headline]);
            }
            out.deadline_id = Some(card.id.to_string());
        } else {
            out.headline = t.no_deadline.to_string();
        }
        return out;
    }
    let dated = || limits.iter().filter(|(_, v)| v.date.is_some());
    let open = dated()
        .filter(|(_, v)| v.days_left.is_some_and(|n| n >= 0))
        .min_by_key(|(_, v)| v.date);
    let overdue: Vec<_> = dated()
        .filter(|(_, v)| v.days_left.is_some_and(|n| n < 0))
        .collect();
    if let Some((dl, v)) = open {
        let days = v.days_left.unwrap_or(0);
        out.urgency = Urgency::of(v);
        out.headline =
            strings::next_deadline_headline(lang, &label_of(dl, v), v.date.expect("dated"), days);
        out.deadline_id = Some(dl.id.to_string());
        out.deadline_date = v.date;
        out.days_left = Some(days);
        for (o, ov) in &overdue {
            out.also.push(strings::overdue_since(
                lang,
                &label_of(o, ov),
                &ov.date.expect("dated").to_string(),
                -ov.days_left.unwrap_or(0),
            ));
        }
    } else if let Some((dl, v)) = overdue.iter().min_by_key(|(_, v)| v.date) {
        out.urgency = Urgency::Overdue;
        out.headline = strings::overdue_since(
            lang,
            &label_of(dl, v),
            &v.date.expect("dated").to_string(),
            -v.days_left.unwrap_or(0),
        );
        out.deadline_id = Some(dl.id.to_string());
        out.deadline_date = v.date;
        out.days_left = v.days_left;
        out.consequence = v
            .consequence
            .as_ref()
            .map(|c| concat(&[t.sources_say, colon(lang), c.get(lang)]));
        let hotline = d
            .region
            .as_ref()
            .and_then(|r| r.hotlines.first().cloned())
            .unwrap_or_else(|| "12393".to_string());
        out.what_now = Some(strings::what_now_overdue(lang, &hotline));
        if let Some(later) = latest_open(dl, d.today, lang) {
            out.also.push(later);
        }
        for (o, ov) in overdue.iter().filter(|(o, _)| o.id != dl.id) {
            out.also.push(strings::overdue_since(
                lang,
                &label_of(o, ov),
                &ov.date.expect("dated").to_string(),
                -ov.days_left.unwrap_or(0),
            ));
        }
    } else if let Some((dl, v)) = limits
        .iter()
        .find(|(_, v)| v.status == DateStatus::NeedsDate)
    {
        out.urgency = Urgency::NeedsDate;
        out.headline = format!(
            "{}{}{}",
            label_of(dl, v),
            colon(lang),
            wording::version_date_text(v, lang)
        );
        out.deadline_id = Some(dl.id.to_string());
        out.enter_date = enter_date(d, v, lang);
    } else {
        out.headline = t.no_deadline.to_string();
    }
    out
}

/// When the version planned by has passed but another source gives a later date that is still
/// open, say so: the sources disagree and the claim may not be lost.
fn latest_open(dl: &DerivedDeadline, today: chrono::NaiveDate, lang: Lang) -> Option<String> {
    let date = dl
        .versions
        .iter()
        .filter_map(|v| v.date_max.or(v.date))
        .filter(|d| *d >= today)
        .max()?;
    Some(strings::later_version_open(
        lang,
        &date.to_string(),
        (date - today).num_days(),
    ))
}

/// `derive --json`'s extra parts: the section list and the summary, both languages.
pub(crate) fn json_parts(catalog: &Catalog, d: &Derivation) -> serde_json::Value {
    let zh = build(catalog, d, &ViewInput::default());
    let en = build(
        catalog,
        d,
        &ViewInput {
            lang: Lang::En,
            ..Default::default()
        },
    );
    let sections: Vec<serde_json::Value> = zh
        .sections
        .iter()
        .zip(&en.sections)
        .map(|(a, b)| serde_json::json!({"id": a.id.id(), "title": {"zh": a.title, "en": b.title}}))
        .collect();
    let (sz, se) = (
        zh.summary().expect("summary"),
        en.summary().expect("summary"),
    );
    let next_deadline = sz.deadline_id.as_ref().map(|id| {
        let dl = d.deadlines.iter().find(|x| &x.id == id).expect("derived");
        serde_json::json!({
            "id": id,
            "label": dl.label,
            "date": sz.deadline_date,
            "days_left": sz.days_left,
            "urgency": sz.urgency,
            "headline": {"zh": sz.headline, "en": se.headline},
        })
    });
    let next_step = sz.next_step_id.as_ref().map(|id| {
        let st = d.steps.iter().find(|x| &x.id == id).expect("derived");
        serde_json::json!({"id": id, "number": st.number, "title": st.title})
    });
    serde_json::json!({
        "sections": sections,
        "summary": {
            "urgency": sz.urgency,
            "headline": {"zh": sz.headline, "en": se.headline},
            "next_deadline": next_deadline,
            "materials": {"ready": sz.materials_ready, "total": sz.materials_total},
            "next_step": next_step,
        }
    })
}
