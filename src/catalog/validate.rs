//! Whole-catalog checks. Every error names the file, line:column and the offending id.

use super::model::*;
use super::{Catalog, CatalogError, Origin, Section};
use std::collections::HashSet;

struct Ctx<'a> {
    catalog: &'a Catalog,
    errors: Vec<CatalogError>,
}

impl Ctx<'_> {
    fn err(&mut self, section: Section, id: &str, message: String) {
        let origin = self.catalog.origin(section, id).cloned().unwrap_or(Origin {
            file: "?".into(),
            line: 0,
            col: 0,
        });
        self.errors.push(CatalogError {
            problem: None,
            origin,
            id: Some(id.to_string()),
            message,
        });
    }

    fn text(&mut self, section: Section, id: &str, what: &str, t: &Text) {
        if t.zh.trim().is_empty() {
            self.err(
                section,
                id,
                format!("\"{id}\": {what} has no Chinese (zh) text"),
            );
        }
        if t.en.trim().is_empty() {
            self.err(
                section,
                id,
                format!("\"{id}\": {what} has no English (en) text"),
            );
        }
    }

    fn cites(&mut self, section: Section, id: &str, what: &str, cites: &[Cite]) {
        if cites.is_empty() {
            self.err(section, id, format!("\"{id}\": {what} cites no source"));
        }
        for c in cites {
            let (seed, snippet) = match c.split_once('#') {
                Some((s, n)) => (s, Some(n)),
                None => (c.as_ref(), None),
            };
            match self.catalog.source(seed) {
                None => self.err(
                    section,
                    id,
                    format!("\"{id}\": {what} cites unknown source \"{seed}\""),
                ),
                Some(s) => {
                    if let Some(n) = snippet
                        && !s.snippets.iter().any(|x| x == n)
                    {
                        self.err(
                            section,
                            id,
                            format!("\"{id}\": {what} cites snippet \"{n}\", which source \"{seed}\" does not list"),
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
        what: &str,
        cond: &Condition,
        before: Option<&HashSet<&str>>,
    ) {
        let c = self.catalog;
        for q in cond.questions() {
            match c.question(q) {
                None => self.err(
                    section,
                    id,
                    format!("\"{id}\": {what} names unknown question \"{q}\""),
                ),
                Some(_) if before.is_some_and(|b| !b.contains(q)) => self.err(
                    section,
                    id,
                    format!(
                        "\"{id}\": {what} names question \"{q}\", which is not asked before it"
                    ),
                ),
                Some(_) => {}
            }
        }
        for (q, o) in cond.options() {
            let Some(question) = c.question(q) else {
                continue;
            };
            if question.kind != QuestionKind::Choice {
                self.err(
                    section,
                    id,
                    format!("\"{id}\": {what} compares date question \"{q}\" with an option"),
                );
            } else if !question.options.iter().any(|x| x.id == o) {
                let valid: Vec<&str> = question.options.iter().map(|x| x.id.as_str()).collect();
                self.err(
                    section,
                    id,
                    format!("\"{id}\": {what} names unknown option \"{o}\" of question \"{q}\" (options: {})", valid.join(", ")),
                );
            }
        }
    }

    fn date_question(&mut self, section: Section, id: &str, what: &str, q: &str) {
        match self.catalog.question(q) {
            Some(x) if x.kind == QuestionKind::Date => {}
            Some(_) => self.err(
                section,
                id,
                format!("\"{id}\": {what} \"{q}\" is not a date question"),
            ),
            None => self.err(
                section,
                id,
                format!("\"{id}\": {what} names unknown question \"{q}\""),
            ),
        }
    }

    fn notes(&mut self, section: Section, id: &str, what: &str, notes: &[Note]) {
        for n in notes {
            self.text(section, id, what, &n.text);
            self.condition(section, id, what, &n.when, None);
            self.cites(section, id, what, &n.sources);
        }
    }

    fn replaces(&mut self, section: Section, id: &str, replaces: &[String], known: &HashSet<&str>) {
        for r in replaces {
            if !known.contains(r.as_str()) {
                self.err(
                    section,
                    id,
                    format!("\"{id}\": replaces unknown entry \"{r}\""),
                );
            } else if r == id {
                self.err(section, id, format!("\"{id}\": replaces itself"));
            }
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
                cx.err(
                    Section::Source,
                    &s.id,
                    format!("source \"{}\" has no title", s.id),
                );
            }
        }
        let mut before: HashSet<&str> = HashSet::new();
        for q in &self.questions {
            cx.text(Section::Question, &q.id, "the prompt", &q.prompt);
            if let Some(h) = &q.help {
                cx.text(Section::Question, &q.id, "the help text", h);
            }
            if let Some(s) = &q.short {
                cx.text(Section::Question, &q.id, "the short label", s);
            }
            cx.condition(
                Section::Question,
                &q.id,
                "ask_when",
                &q.ask_when,
                Some(&before),
            );
            match q.kind {
                QuestionKind::Choice if q.options.is_empty() => cx.err(
                    Section::Question,
                    &q.id,
                    format!("choice question \"{}\" has no options", q.id),
                ),
                QuestionKind::Date if !q.options.is_empty() => cx.err(
                    Section::Question,
                    &q.id,
                    format!("date question \"{}\" has options", q.id),
                ),
                _ => {}
            }
            let mut seen = HashSet::new();
            for o in &q.options {
                if !seen.insert(o.id.as_str()) {
                    cx.err(
                        Section::Question,
                        &q.id,
                        format!("question \"{}\" repeats option \"{}\"", q.id, o.id),
                    );
                }
                cx.text(
                    Section::Question,
                    &q.id,
                    &format!("option \"{}\"", o.id),
                    &o.label,
                );
            }
            for other in &q.not_before {
                cx.date_question(Section::Question, &q.id, "not_before", other);
            }
            if !q.sources.is_empty() {
                cx.cites(Section::Question, &q.id, "the help text", &q.sources);
            }
            if let Some(ns) = &q.not_same_as {
                cx.text(Section::Question, &q.id, "not_same_as", &ns.explain);
                if !before.contains(ns.question.as_str()) {
                    cx.err(
                        Section::Question,
                        &q.id,
                        format!(
                            "\"{}\": not_same_as names \"{}\", which is not asked before it",
                            q.id, ns.question
                        ),
                    );
                }
            }
            before.insert(q.id.as_str());
        }
        for r in &self.regions {
            cx.text(Section::Region, &r.id, "the name", &r.name);
            cx.cites(Section::Region, &r.id, "the region", &r.sources);
            let offered = self
                .questions
                .iter()
                .any(|q| q.insured_region && q.options.iter().any(|o| o.id == r.id));
            if !offered {
                cx.err(
                    Section::Region,
                    &r.id,
                    format!(
                        "region \"{}\" is not an option of an insured_region question",
                        r.id
                    ),
                );
            }
        }
        for c in &self.channels {
            cx.text(Section::Channel, &c.id, "the name", &c.name);
            cx.cites(Section::Channel, &c.id, "the channel", &c.sources);
        }
        let ids: HashSet<&str> = self.materials.iter().map(|m| m.id.as_str()).collect();
        for m in &self.materials {
            let s = Section::Material;
            cx.text(s, &m.id, "the name", &m.name);
            cx.text(s, &m.id, "why", &m.why);
            if let Some(d) = &m.description {
                cx.text(s, &m.id, "the description", d);
            }
            cx.condition(s, &m.id, "when", &m.when, None);
            cx.cites(s, &m.id, "the material", &m.sources);
            for f in &m.forms {
                cx.condition(s, &m.id, "a form rule", &f.when, None);
                cx.cites(s, &m.id, "a form rule", &f.sources);
            }
            cx.notes(s, &m.id, "a format rule", &m.format);
            cx.notes(s, &m.id, "where to obtain it", &m.obtain);
            cx.notes(s, &m.id, "an alternative", &m.alternatives);
            cx.replaces(s, &m.id, &m.replaces, &ids);
        }
        let ids: HashSet<&str> = self.steps.iter().map(|x| x.id.as_str()).collect();
        for st in &self.steps {
            let s = Section::Step;
            cx.text(s, &st.id, "the title", &st.title);
            if let Some(d) = &st.detail {
                cx.text(s, &st.id, "the detail", d);
            }
            cx.condition(s, &st.id, "when", &st.when, None);
            cx.cites(s, &st.id, "the step", &st.sources);
            for ch in &st.channels {
                if self.channel(ch).is_none() {
                    cx.err(
                        s,
                        &st.id,
                        format!("\"{}\": names unknown channel \"{ch}\"", st.id),
                    );
                }
            }
            cx.replaces(s, &st.id, &st.replaces, &ids);
        }
        let ids: HashSet<&str> = self.deadlines.iter().map(|x| x.id.as_str()).collect();
        for d in &self.deadlines {
            let s = Section::Deadline;
            cx.text(s, &d.id, "the label", &d.label);
            cx.condition(s, &d.id, "when", &d.when, None);
            if d.versions.is_empty() {
                cx.err(s, &d.id, format!("deadline \"{}\" has no versions", d.id));
            }
            for v in &d.versions {
                cx.text(s, &d.id, "a version", &v.text);
                cx.condition(s, &d.id, "a version's when", &v.when, None);
                cx.cites(s, &d.id, "a version", &v.sources);
                for f in &v.from {
                    cx.date_question(s, &d.id, "from", f);
                }
                if let Some(m) = v.span_max {
                    let min = match v.span {
                        Span::Days(n) | Span::WorkingDays(n) | Span::Months(n) | Span::Years(n) => {
                            n
                        }
                        Span::Immediate | Span::Indefinite => {
                            cx.err(
                                s,
                                &d.id,
                                format!(
                                    "deadline \"{}\": span_max with a span that has no length",
                                    d.id
                                ),
                            );
                            0
                        }
                    };
                    if m < min {
                        cx.err(
                            s,
                            &d.id,
                            format!(
                                "deadline \"{}\": span_max {m} is below the span {min}",
                                d.id
                            ),
                        );
                    }
                }
                for t in v.assumption.iter().chain(&v.consequence) {
                    cx.text(s, &d.id, "a version's note", t);
                }
                if v.minimum
                    && (!d.kind.is_limit() || matches!(v.span, Span::Immediate | Span::Indefinite))
                {
                    cx.err(
                        s,
                        &d.id,
                        format!(
                            "deadline \"{}\": `minimum` needs a limit (claim deadline or validity) with a length",
                            d.id
                        ),
                    );
                }
            }
            cx.replaces(s, &d.id, &d.replaces, &ids);
        }
        let ids: HashSet<&str> = self.notices.iter().map(|x| x.id.as_str()).collect();
        for n in &self.notices {
            let s = Section::Notice;
            cx.text(s, &n.id, "the title", &n.title);
            cx.condition(s, &n.id, "when", &n.when, None);
            if n.versions.is_empty() {
                cx.err(s, &n.id, format!("notice \"{}\" has no text", n.id));
            }
            for v in &n.versions {
                cx.text(s, &n.id, "a version", &v.text);
                cx.condition(s, &n.id, "a version's when", &v.when, None);
                cx.cites(s, &n.id, "a version", &v.sources);
            }
            cx.replaces(s, &n.id, &n.replaces, &ids);
        }
        for sheet in &self.quick_sheets {
            let s = Section::QuickSheet;
            cx.text(s, &sheet.id, "the name", &sheet.name);
            if !sheet.sources.is_empty() {
                cx.cites(s, &sheet.id, "the quick sheet", &sheet.sources);
            }
            if sheet.answers.is_empty() {
                cx.err(
                    s,
                    &sheet.id,
                    format!("quick sheet \"{}\" has no answers", sheet.id),
                );
            }
            for (q, v) in &sheet.answers {
                match self.question(q) {
                    None => cx.err(
                        s,
                        &sheet.id,
                        format!("quick sheet \"{}\": unknown question \"{q}\"", sheet.id),
                    ),
                    Some(question) if !question.options.iter().any(|o| &o.id == v) => cx.err(
                        s,
                        &sheet.id,
                        format!(
                            "quick sheet \"{}\": \"{q}\" has no option \"{v}\"",
                            sheet.id
                        ),
                    ),
                    Some(_) => {}
                }
            }
        }
        cx.errors
    }
}
