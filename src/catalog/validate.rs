//! Whole-catalog checks. Every error names the file, line:column and the offending id.

use super::model::*;
use super::problem::{Part, Rule};
use super::{Catalog, CatalogError, Origin, Section};
use std::collections::HashSet;

struct Ctx<'a> {
    catalog: &'a Catalog,
    errors: Vec<CatalogError>,
}

impl Ctx<'_> {
    fn origin(&self, section: Section, id: &str) -> Origin {
        self.catalog.origin(section, id).cloned().unwrap_or(Origin {
            file: "?".into(),
            line: 0,
            col: 0,
        })
    }

    /// A broken rule, worded in the user's language by `view::strings`.
    fn rule(&mut self, section: Section, id: &str, rule: Rule) {
        let origin = self.origin(section, id);
        self.errors.push(CatalogError::from_problem(
            origin,
            Some(id.to_string()),
            rule.into(),
        ));
    }

    fn text(&mut self, section: Section, id: &str, what: Part, t: &Text) {
        for (missing, empty) in [
            (Lang::Zh, t.zh.trim().is_empty()),
            (Lang::En, t.en.trim().is_empty()),
        ] {
            if empty {
                let rule = Rule::MissingText {
                    id: id.into(),
                    part: what.clone(),
                    missing,
                };
                self.rule(section, id, rule);
            }
        }
    }

    fn cites(&mut self, section: Section, id: &str, what: Part, cites: &[Cite]) {
        if cites.is_empty() {
            let rule = Rule::NoSource {
                id: id.into(),
                part: what.clone(),
            };
            self.rule(section, id, rule);
        }
        for c in cites {
            let (seed, snippet) = match c.split_once('#') {
                Some((s, n)) => (s, Some(n)),
                None => (c.as_ref(), None),
            };
            match self.catalog.source(seed) {
                None => self.rule(
                    section,
                    id,
                    Rule::UnknownSource {
                        id: id.into(),
                        part: what.clone(),
                        source_id: seed.into(),
                    },
                ),
                Some(s) => {
                    if let Some(n) = snippet
                        && !s.snippets.iter().any(|x| x == n)
                    {
                        self.rule(
                            section,
                            id,
                            Rule::UnknownSnippet {
                                id: id.into(),
                                part: what.clone(),
                                snippet: n.into(),
                                source_id: seed.into(),
                            },
                        );
                    }
                }
            }
        }
    }

    /// `before`: the questions a question's ask condition may name (those earlier in order).
    fn condition(
        &mut self,
        section: Section,
        id: &str,
        what: Part,
        cond: &Condition,
        before: Option<&HashSet<&str>>,
    ) {
        let c = self.catalog;
        for q in cond.questions() {
            match c.question(q) {
                None => self.rule(
                    section,
                    id,
                    Rule::UnknownQuestion {
                        id: id.into(),
                        part: what.clone(),
                        question: q.into(),
                    },
                ),
                Some(_) if before.is_some_and(|b| !b.contains(q)) => self.rule(
                    section,
                    id,
                    Rule::AskedLater {
                        id: id.into(),
                        part: what.clone(),
                        question: q.into(),
                    },
                ),
                Some(_) => {}
            }
        }
        for (q, o) in cond.options() {
            let Some(question) = c.question(q) else {
                continue;
            };
            if question.kind != QuestionKind::Choice {
                self.rule(
                    section,
                    id,
                    Rule::DateAsChoice {
                        id: id.into(),
                        part: what.clone(),
                        question: q.into(),
                    },
                );
            } else if !question.options.iter().any(|x| x.id == o) {
                let options = question.options.iter().map(|x| x.id.clone()).collect();
                self.rule(
                    section,
                    id,
                    Rule::UnknownOption {
                        id: id.into(),
                        part: what.clone(),
                        question: q.into(),
                        option: o.into(),
                        options,
                    },
                );
            }
        }
    }

    fn date_question(&mut self, section: Section, id: &str, what: Part, q: &str) {
        let (id_, question) = (id.to_string(), q.to_string());
        match self.catalog.question(q) {
            Some(x) if x.kind == QuestionKind::Date => {}
            Some(_) => self.rule(
                section,
                id,
                Rule::NotADate {
                    id: id_,
                    part: what,
                    question,
                },
            ),
            None => self.rule(
                section,
                id,
                Rule::UnknownQuestion {
                    id: id_,
                    part: what,
                    question,
                },
            ),
        }
    }

    fn notes(&mut self, section: Section, id: &str, what: Part, notes: &[Note]) {
        for n in notes {
            self.text(section, id, what.clone(), &n.text);
            self.condition(section, id, what.clone(), &n.when, None);
            self.cites(section, id, what.clone(), &n.sources);
        }
    }

    fn replaces(&mut self, section: Section, id: &str, replaces: &[String], known: &HashSet<&str>) {
        for r in replaces {
            if !known.contains(r.as_str()) {
                let rule = Rule::ReplacesUnknown {
                    id: id.into(),
                    target: r.clone(),
                };
                self.rule(section, id, rule);
            } else if r == id {
                self.rule(section, id, Rule::ReplacesItself { id: id.into() });
            }
        }
    }

    /// `replaces` between entries of one section that hide more than they stand in for: two
    /// entries replacing each other (where both apply, neither is shown), and an entry replacing
    /// one that itself stands in for a third (where both apply, the third is gone with nothing
    /// in its place). Each error names both entries' places.
    fn replace_chains<'a>(&mut self, section: Section, entries: &[(&'a str, &'a [String])]) {
        let by_id: std::collections::HashMap<&str, &[String]> = entries.iter().copied().collect();
        let place = |id: &str| {
            self.catalog
                .origin(section, id)
                .map_or_else(|| "?".to_string(), ToString::to_string)
        };
        let mut found = Vec::new();
        for &(id, replaces) in entries {
            for r in replaces.iter().filter(|r| *r != id) {
                let Some(theirs) = by_id.get(r.as_str()) else {
                    continue;
                };
                if theirs.iter().any(|x| x == id) {
                    // Reported once, at the first of the two in id order.
                    if id < r.as_str() {
                        found.push((
                            id,
                            Rule::ReplaceEachOther {
                                id: id.into(),
                                other: r.clone(),
                                other_place: place(r),
                            },
                        ));
                    }
                    continue;
                }
                let lost: Vec<&str> = theirs
                    .iter()
                    .filter(|z| *z != r && *z != id && !replaces.contains(z))
                    .map(String::as_str)
                    .collect();
                if !lost.is_empty() {
                    found.push((
                        id,
                        Rule::ReplaceLosesThird {
                            id: id.into(),
                            target: r.clone(),
                            target_place: place(r),
                            lost: lost.iter().map(|z| z.to_string()).collect(),
                        },
                    ));
                }
            }
        }
        for (id, rule) in found {
            self.rule(section, id, rule);
        }
    }
}

impl Catalog {
    /// Structural checks: ids, references, sources, both languages, calendars.
    pub fn validate(&self) -> Vec<CatalogError> {
        let mut cx = Ctx {
            catalog: self,
            errors: Vec::new(),
        };
        for s in &self.sources {
            if s.title.trim().is_empty() {
                cx.rule(
                    Section::Source,
                    &s.id,
                    Rule::SourceWithoutTitle { id: s.id.clone() },
                );
            }
        }
        let mut before: HashSet<&str> = HashSet::new();
        for q in &self.questions {
            cx.text(Section::Question, &q.id, Part::Prompt, &q.prompt);
            if let Some(h) = &q.help {
                cx.text(Section::Question, &q.id, Part::HelpText, h);
            }
            if let Some(s) = &q.short {
                cx.text(Section::Question, &q.id, Part::ShortLabel, s);
            }
            cx.condition(
                Section::Question,
                &q.id,
                Part::AskWhen,
                &q.ask_when,
                Some(&before),
            );
            match q.kind {
                QuestionKind::Choice if q.options.is_empty() => cx.rule(
                    Section::Question,
                    &q.id,
                    Rule::ChoiceWithoutOptions { id: q.id.clone() },
                ),
                QuestionKind::Date if !q.options.is_empty() => cx.rule(
                    Section::Question,
                    &q.id,
                    Rule::DateWithOptions { id: q.id.clone() },
                ),
                _ => {}
            }
            let mut seen = HashSet::new();
            for o in &q.options {
                if !seen.insert(o.id.as_str()) {
                    cx.rule(
                        Section::Question,
                        &q.id,
                        Rule::RepeatedOption {
                            id: q.id.clone(),
                            option: o.id.clone(),
                        },
                    );
                }
                cx.text(
                    Section::Question,
                    &q.id,
                    Part::Option(o.id.clone()),
                    &o.label,
                );
            }
            for other in &q.not_before {
                cx.date_question(Section::Question, &q.id, Part::NotBefore, other);
            }
            if !q.sources.is_empty() {
                cx.cites(Section::Question, &q.id, Part::HelpText, &q.sources);
            }
            if let Some(ns) = &q.not_same_as {
                cx.text(Section::Question, &q.id, Part::NotSameAs, &ns.explain);
                if !before.contains(ns.question.as_str()) {
                    let rule = Rule::AskedLater {
                        id: q.id.clone(),
                        part: Part::NotSameAs,
                        question: ns.question.clone(),
                    };
                    cx.rule(Section::Question, &q.id, rule);
                }
                if let Some((iq, io)) = &ns.instead {
                    let offer = Condition::Is(iq.clone(), io.clone());
                    cx.condition(
                        Section::Question,
                        &q.id,
                        Part::NotSameAs,
                        &offer,
                        Some(&before),
                    );
                }
            }
            before.insert(q.id.as_str());
        }
        for r in &self.regions {
            cx.text(Section::Region, &r.id, Part::Name, &r.name);
            cx.cites(Section::Region, &r.id, Part::Region, &r.sources);
            let offered = self
                .questions
                .iter()
                .any(|q| q.insured_region && q.options.iter().any(|o| o.id == r.id));
            if !offered {
                cx.rule(
                    Section::Region,
                    &r.id,
                    Rule::RegionNotOffered { id: r.id.clone() },
                );
            }
        }
        for c in &self.channels {
            cx.text(Section::Channel, &c.id, Part::Name, &c.name);
            cx.cites(Section::Channel, &c.id, Part::Channel, &c.sources);
        }
        let ids: HashSet<&str> = self.materials.iter().map(|m| m.id.as_str()).collect();
        for m in &self.materials {
            let s = Section::Material;
            cx.text(s, &m.id, Part::Name, &m.name);
            cx.text(s, &m.id, Part::Why, &m.why);
            if let Some(d) = &m.description {
                cx.text(s, &m.id, Part::Description, d);
            }
            cx.condition(s, &m.id, Part::When, &m.when, None);
            cx.cites(s, &m.id, Part::Material, &m.sources);
            for f in &m.forms {
                cx.condition(s, &m.id, Part::FormRule, &f.when, None);
                cx.cites(s, &m.id, Part::FormRule, &f.sources);
            }
            cx.notes(s, &m.id, Part::FormatRule, &m.format);
            cx.notes(s, &m.id, Part::Obtain, &m.obtain);
            cx.notes(s, &m.id, Part::Alternative, &m.alternatives);
            cx.replaces(s, &m.id, &m.replaces, &ids);
        }
        let pairs: Vec<(&str, &[String])> = self
            .materials
            .iter()
            .map(|x| (x.id.as_str(), x.replaces.as_slice()))
            .collect();
        cx.replace_chains(Section::Material, &pairs);
        let ids: HashSet<&str> = self.steps.iter().map(|x| x.id.as_str()).collect();
        for st in &self.steps {
            let s = Section::Step;
            cx.text(s, &st.id, Part::Title, &st.title);
            if let Some(d) = &st.detail {
                cx.text(s, &st.id, Part::Detail, d);
            }
            cx.condition(s, &st.id, Part::When, &st.when, None);
            cx.cites(s, &st.id, Part::Step, &st.sources);
            for ch in &st.channels {
                if self.channel(ch).is_none() {
                    cx.rule(
                        s,
                        &st.id,
                        Rule::UnknownChannel {
                            id: st.id.clone(),
                            channel: ch.clone(),
                        },
                    );
                }
            }
            cx.replaces(s, &st.id, &st.replaces, &ids);
        }
        let pairs: Vec<(&str, &[String])> = self
            .steps
            .iter()
            .map(|x| (x.id.as_str(), x.replaces.as_slice()))
            .collect();
        cx.replace_chains(Section::Step, &pairs);
        let ids: HashSet<&str> = self.deadlines.iter().map(|x| x.id.as_str()).collect();
        for d in &self.deadlines {
            let s = Section::Deadline;
            cx.text(s, &d.id, Part::Label, &d.label);
            cx.condition(s, &d.id, Part::When, &d.when, None);
            if d.versions.is_empty() {
                let rule = Rule::DeadlineWithoutVersions { id: d.id.clone() };
                cx.rule(s, &d.id, rule);
            }
            for v in &d.versions {
                cx.text(s, &d.id, Part::Version, &v.text);
                cx.condition(s, &d.id, Part::VersionWhen, &v.when, None);
                cx.cites(s, &d.id, Part::Version, &v.sources);
                for f in &v.from {
                    cx.date_question(s, &d.id, Part::From, f);
                }
                if let Some(m) = v.span_max {
                    let min = match v.span {
                        Span::Days(n) | Span::WorkingDays(n) | Span::Months(n) | Span::Years(n) => {
                            n
                        }
                        Span::Immediate | Span::Indefinite => {
                            cx.rule(s, &d.id, Rule::SpanMaxWithoutLength { id: d.id.clone() });
                            0
                        }
                    };
                    if m < min {
                        cx.rule(
                            s,
                            &d.id,
                            Rule::SpanMaxBelowSpan {
                                id: d.id.clone(),
                                max: m,
                                min,
                            },
                        );
                    }
                }
                for t in v.assumption.iter().chain(&v.consequence) {
                    cx.text(s, &d.id, Part::VersionNote, t);
                }
                if v.minimum
                    && (!d.kind.is_limit() || matches!(v.span, Span::Immediate | Span::Indefinite))
                {
                    cx.rule(s, &d.id, Rule::MinimumWithoutLimit { id: d.id.clone() });
                }
            }
            cx.replaces(s, &d.id, &d.replaces, &ids);
        }
        let pairs: Vec<(&str, &[String])> = self
            .deadlines
            .iter()
            .map(|x| (x.id.as_str(), x.replaces.as_slice()))
            .collect();
        cx.replace_chains(Section::Deadline, &pairs);
        let ids: HashSet<&str> = self.notices.iter().map(|x| x.id.as_str()).collect();
        for n in &self.notices {
            let s = Section::Notice;
            cx.text(s, &n.id, Part::Title, &n.title);
            cx.condition(s, &n.id, Part::When, &n.when, None);
            if n.versions.is_empty() {
                let rule = Rule::NoticeWithoutText { id: n.id.clone() };
                cx.rule(s, &n.id, rule);
            }
            for v in &n.versions {
                cx.text(s, &n.id, Part::Version, &v.text);
                cx.condition(s, &n.id, Part::VersionWhen, &v.when, None);
                cx.cites(s, &n.id, Part::Version, &v.sources);
            }
            cx.replaces(s, &n.id, &n.replaces, &ids);
        }
        let pairs: Vec<(&str, &[String])> = self
            .notices
            .iter()
            .map(|x| (x.id.as_str(), x.replaces.as_slice()))
            .collect();
        cx.replace_chains(Section::Notice, &pairs);
        for sheet in &self.quick_sheets {
            let s = Section::QuickSheet;
            cx.text(s, &sheet.id, Part::Name, &sheet.name);
            if !sheet.sources.is_empty() {
                cx.cites(s, &sheet.id, Part::QuickSheet, &sheet.sources);
            }
            if sheet.answers.is_empty() {
                let rule = Rule::QuickSheetWithoutAnswers {
                    id: sheet.id.clone(),
                };
                cx.rule(s, &sheet.id, rule);
            }
            for (q, v) in &sheet.answers {
                match self.question(q) {
                    None => cx.rule(
                        s,
                        &sheet.id,
                        Rule::QuickSheetUnknownQuestion {
                            id: sheet.id.clone(),
                            question: q.clone(),
                        },
                    ),
                    Some(question) if !question.options.iter().any(|o| &o.id == v) => cx.rule(
                        s,
                        &sheet.id,
                        Rule::QuickSheetUnknownOption {
                            id: sheet.id.clone(),
                            question: q.clone(),
                            option: v.clone(),
                        },
                    ),
                    Some(_) => {}
                }
            }
        }
        cx.errors.extend(self.code_table_errors());
        cx.errors
    }
}
