//! The catalog compiled for the engine, once at load. Conditions name questions and options by
//! index, so answers become a short vector of option indices and a condition is a few integer
//! comparisons; `replaces` and citations are resolved to indices; and the parts of a derivation
//! that are the same for every answer set (a note with its sources, a step's channels, the
//! reason an option gives) are built here once and shared, not rebuilt per derivation.

use super::Catalog;
use super::model::*;
use super::shared::{Shared, SharedStr};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// A question with no answer, in a vector of option indices.
pub(crate) const UNANSWERED: u16 = u16::MAX;
/// A question answered with something other than one of its options (a date).
pub(crate) const NOT_AN_OPTION: u16 = u16::MAX - 1;

/// The citations of an entry as the data lists them, with the sources they cite: their places
/// among the catalog's sources sorted by id, in order, each once. A view numbers them by those
/// places instead of reading the citations' text. Reads as the list (`&[Cite]`) and serializes
/// as it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cites(Arc<CitesInner>);

#[derive(Debug, Default, PartialEq, Eq)]
struct CitesInner {
    list: Box<[Cite]>,
    seeds: Box<[u16]>,
}

impl Cites {
    /// The sources cited, by their place among the catalog's sources sorted by id.
    pub fn seeds(&self) -> &[u16] {
        &self.0.seeds
    }
}

impl std::ops::Deref for Cites {
    type Target = [Cite];
    fn deref(&self) -> &[Cite] {
        &self.0.list
    }
}

impl<'a> IntoIterator for &'a Cites {
    type Item = &'a Cite;
    type IntoIter = std::slice::Iter<'a, Cite>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.list.iter()
    }
}

impl Serialize for Cites {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.list.serialize(s)
    }
}

/// A text with the sources that say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sourced {
    pub text: Text,
    pub sources: Cites,
    /// The one place its source speaks of (`Note::scope`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    /// On a sheet with open questions: the open answers it applies under (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<Qualifier>,
}

/// The open answers an entry of a sheet with open questions applies under: any of the
/// alternatives, each all of its tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Qualifier(pub Vec<Vec<OpenTest>>);

/// One open question's answer in a `Qualifier`: one of `options`, or (`negated`) none of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenTest {
    pub question: SharedStr,
    pub question_label: Text,
    /// Option ids and labels, in the question's order.
    pub options: Vec<SharedStr>,
    pub option_labels: Vec<Text>,
    pub negated: bool,
}

/// A channel as a step names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelRef {
    pub id: String,
    pub name: Text,
    pub contact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
}

/// An answer that made an entry apply: `visit = inpatient` with both labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub question: SharedStr,
    pub value: SharedStr,
    pub question_label: Text,
    pub value_label: Text,
}

/// A `Condition` with questions and options as indices.
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    Always,
    /// Names a question or option the catalog does not have, so no valid answer makes it hold.
    Never,
    Is(u16, u16),
    In(u16, Box<[u16]>),
    Answered(u16),
    All(Box<[Cond]>),
    Any(Box<[Cond]>),
    /// With the known questions the inner condition names, in first-mention order: the
    /// answers that make a `Not` hold.
    Not(Box<Cond>, Box<[u16]>),
    /// `All` of simple tests, nested `All`s spliced in order: the common shape, checked in one
    /// loop rather than one call per test.
    Leaves(Box<[Leaf]>),
}

/// A test of one answer.
#[derive(Debug, Clone)]
pub(crate) enum Leaf {
    Is(u16, u16),
    In(u16, Box<[u16]>),
    Answered(u16),
}

#[derive(Debug)]
pub(crate) struct CQuestion {
    pub ask_when: Cond,
    pub id: SharedStr,
    /// `Question::label`.
    pub label: Text,
    /// The reason each option gives, by option index.
    pub reasons: Box<[Reason]>,
}

/// Notes (format rules, where to obtain, alternatives) with their conditions.
#[derive(Debug)]
pub(crate) struct CNotes {
    pub when: Box<[Cond]>,
    /// Every note, handed out whole when all of them apply (the usual case).
    pub all: Shared<Sourced>,
    pub cites: Box<[Box<[u16]>]>,
}

#[derive(Debug)]
pub(crate) struct CMaterial {
    pub id: SharedStr,
    pub when: Cond,
    /// The reason list of `when` when it is the same whatever the answers (a `Compiled::reason_lists` index).
    pub why: Option<u32>,
    pub replaces: Box<[u32]>,
    pub forms: Box<[Cond]>,
    pub form_cites: Box<[Box<[u16]>]>,
    pub format: CNotes,
    pub obtain: CNotes,
    pub alternatives: CNotes,
    pub sources: Cites,
    pub cites: Box<[u16]>,
}

#[derive(Debug)]
pub(crate) struct CStep {
    pub id: SharedStr,
    pub when: Cond,
    /// The reason list of `when` when it is the same whatever the answers (a `Compiled::reason_lists` index).
    pub why: Option<u32>,
    pub replaces: Box<[u32]>,
    /// The channels that exist, in the step's order.
    pub channels: Shared<ChannelRef>,
    pub sources: Cites,
    /// The step's citations and its channels'.
    pub cites: Box<[u16]>,
}

#[derive(Debug)]
pub(crate) struct CVersion {
    pub when: Cond,
    /// The known questions of `from`, in order.
    pub from: Box<[u16]>,
    pub sources: Cites,
    pub cites: Box<[u16]>,
}

#[derive(Debug)]
pub(crate) struct CDeadline {
    pub id: SharedStr,
    pub when: Cond,
    /// The reason list of `when` when it is the same whatever the answers (a `Compiled::reason_lists` index).
    pub why: Option<u32>,
    pub replaces: Box<[u32]>,
    pub versions: Box<[CVersion]>,
}

#[derive(Debug)]
pub(crate) struct CNotice {
    pub id: SharedStr,
    pub when: Cond,
    /// The reason list of `when` when it is the same whatever the answers (a `Compiled::reason_lists` index).
    pub why: Option<u32>,
    pub replaces: Box<[u32]>,
    /// The versions, each under its own condition, like notes.
    pub versions: CNotes,
}

#[derive(Debug)]
pub(crate) struct CRegion {
    /// The `(question, option)` pairs whose answer names this region as the insured one.
    pub offered_as: Box<[(u16, u16)]>,
    pub hotlines: Shared<String>,
    pub cites: Box<[u16]>,
}

/// One source with the citations of it, for listing the sources a derivation cites.
#[derive(Debug)]
pub(crate) struct CSource {
    pub id: SharedStr,
    /// Its place among the catalog's sources sorted by id (`Cites::seeds`).
    pub seed: u16,
    pub title: SharedStr,
    pub file: SharedStr,
    pub date: Option<SharedStr>,
    /// The citation of the article itself, if anything cites it so.
    pub main: Option<u16>,
    /// Citations of its snippets, sorted by snippet title: `(citation, title)`.
    pub snippets: Box<[(u16, SharedStr)]>,
}

/// The compiled catalog. Built by `Catalog::compile`; `Catalog::compiled` checks it still fits.
#[derive(Debug, Default)]
pub(crate) struct Compiled {
    pub questions: Box<[CQuestion]>,
    pub materials: Box<[CMaterial]>,
    pub steps: Box<[CStep]>,
    pub deadlines: Box<[CDeadline]>,
    pub notices: Box<[CNotice]>,
    pub regions: Box<[CRegion]>,
    /// Sources sorted by id, each with the citations of it.
    pub sources: Box<[CSource]>,
    /// How many distinct citations the catalog has (citation indices lie below this).
    pub cite_count: usize,
    /// Shared by every empty list a derivation hands out.
    pub no_notes: Shared<Sourced>,
    /// Question ids, sorted, with their index: answers (sorted too) find their questions in
    /// one merged pass.
    pub by_id: Box<[(String, u16)]>,
    /// Reason lists (question indices) fixed at load: a condition without `Any` or `Not` is
    /// held by every question it names.
    pub reason_lists: Box<[Box<[u16]>]>,
    shape: Shape,
}

impl Compiled {
    /// Each answer with the index of its question (`None`: no such question), in the answers'
    /// order. The first of a repeated question id wins, as in `Catalog::question`.
    pub(crate) fn indexed<'a, V>(
        &'a self,
        answers: impl IntoIterator<Item = (&'a String, V)> + 'a,
    ) -> impl Iterator<Item = (&'a String, V, Option<usize>)> + 'a {
        let mut at = 0;
        answers.into_iter().map(move |(q, v)| {
            while at < self.by_id.len() && self.by_id[at].0 < *q {
                at += 1;
            }
            let i = self
                .by_id
                .get(at)
                .filter(|(id, _)| id == q)
                .map(|&(_, i)| usize::from(i));
            (q, v, i)
        })
    }
}

/// What the compiled form was built from, to notice a catalog edited after loading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Shape([usize; 9]);

impl Shape {
    fn of(c: &Catalog) -> Shape {
        Shape([
            c.questions.len(),
            c.questions.iter().map(|q| q.options.len()).sum(),
            c.materials.len(),
            c.steps.len(),
            c.deadlines.len(),
            c.notices.len(),
            c.regions.len(),
            c.channels.len(),
            c.sources.len(),
        ])
    }
}

struct Ctx<'a> {
    catalog: &'a Catalog,
    questions: HashMap<&'a str, u16>,
    cites: HashMap<Arc<str>, u16>,
    lists: Vec<Box<[u16]>>,
    /// The catalog's source ids, sorted.
    seeds: Vec<&'a str>,
}

impl Ctx<'_> {
    /// A list of citations with the sources it cites (unknown ones are left out: validation
    /// names them).
    fn list(&self, list: &[Cite]) -> Cites {
        let mut seeds: Vec<u16> = list.iter().filter_map(|c| self.seed(c)).collect();
        seeds.sort_unstable();
        seeds.dedup();
        Cites(Arc::new(CitesInner {
            list: list.into(),
            seeds: seeds.into(),
        }))
    }

    /// The place of the source a citation ("002" or "002#snippet") names.
    fn seed(&self, cite: &str) -> Option<u16> {
        let seed = cite.split_once('#').map_or(cite, |(seed, _)| seed);
        self.seeds.binary_search(&seed).ok().map(|i| i as u16)
    }

    fn question(&self, q: &str) -> Option<u16> {
        self.questions.get(q).copied()
    }

    fn option(&self, q: u16, o: &str) -> Option<u16> {
        self.catalog.questions[usize::from(q)]
            .options
            .iter()
            .position(|x| x.id == o)
            .map(|i| i as u16)
    }

    fn cond(&self, c: &Condition) -> Cond {
        match c {
            Condition::Always => Cond::Always,
            Condition::Is(q, o) => match self.question(q) {
                Some(qi) => match self.option(qi, o) {
                    Some(oi) => Cond::Is(qi, oi),
                    None => Cond::Never,
                },
                None => Cond::Never,
            },
            Condition::In(q, os) => match self.question(q) {
                Some(qi) => Cond::In(qi, os.iter().filter_map(|o| self.option(qi, o)).collect()),
                None => Cond::Never,
            },
            Condition::Answered(q) => self.question(q).map_or(Cond::Never, Cond::Answered),
            Condition::All(cs) => {
                let cs: Vec<Cond> = cs.iter().map(|c| self.cond(c)).collect();
                let mut leaves = Vec::new();
                for c in &cs {
                    match c {
                        Cond::Always => {}
                        Cond::Is(q, o) => leaves.push(Leaf::Is(*q, *o)),
                        Cond::In(q, os) => leaves.push(Leaf::In(*q, os.clone())),
                        Cond::Answered(q) => leaves.push(Leaf::Answered(*q)),
                        Cond::Leaves(ls) => leaves.extend(ls.iter().cloned()),
                        _ => return Cond::All(cs.into_boxed_slice()),
                    }
                }
                Cond::Leaves(leaves.into_boxed_slice())
            }
            Condition::Any(cs) => Cond::Any(cs.iter().map(|c| self.cond(c)).collect()),
            Condition::Not(c) => Cond::Not(
                Box::new(self.cond(c)),
                c.questions()
                    .into_iter()
                    .filter_map(|q| self.question(q))
                    .collect(),
            ),
        }
    }

    /// The fixed reason list of a condition, if it has one (see `Compiled::reason_lists`).
    fn why(&mut self, c: &Condition) -> Option<u32> {
        let mut fixed = true;
        c.walk(&mut |c| fixed &= !matches!(c, Condition::Any(_) | Condition::Not(_)));
        if !fixed {
            return None;
        }
        let list: Box<[u16]> = c
            .questions()
            .into_iter()
            .filter_map(|q| self.question(q))
            .collect();
        let at = match self.lists.iter().position(|l| *l == list) {
            Some(i) => i,
            None => {
                self.lists.push(list);
                self.lists.len() - 1
            }
        };
        Some(at as u32)
    }

    fn cites(&mut self, list: &[Cite]) -> Box<[u16]> {
        let mut out: Vec<u16> = Vec::with_capacity(list.len());
        for c in list {
            let next = self.cites.len() as u16;
            let i = *self.cites.entry(c.clone()).or_insert(next);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out.into_boxed_slice()
    }

    fn notes(&mut self, list: &[Note]) -> CNotes {
        CNotes {
            when: list.iter().map(|n| self.cond(&n.when)).collect(),
            all: list
                .iter()
                .map(|n| Sourced {
                    text: n.text.clone(),
                    sources: self.list(&n.sources),
                    scope: n.scope.clone(),
                    when: None,
                })
                .collect(),
            cites: list.iter().map(|n| self.cites(&n.sources)).collect(),
        }
    }
}

/// Indices of the entries named in `replaces` (unknown ids are left out; validation names them).
fn replaced<T>(items: &[T], id: impl Fn(&T) -> &str, replaces: &[String]) -> Box<[u32]> {
    replaces
        .iter()
        .filter_map(|r| items.iter().position(|x| id(x) == r))
        .map(|i| i as u32)
        .collect()
}

impl Catalog {
    /// Compiles the catalog for the engine (done at load; see `compiled`).
    pub(crate) fn compile(&self) -> Compiled {
        let mut cx = Ctx {
            catalog: self,
            questions: self
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| (q.id.as_str(), i as u16))
                .rev() // the first of a repeated id wins, as in `Catalog::question`
                .collect(),
            cites: HashMap::new(),
            lists: Vec::new(),
            seeds: {
                let mut ids: Vec<&str> = self.sources.iter().map(|s| s.id.as_str()).collect();
                ids.sort_unstable();
                ids
            },
        };
        let questions = self
            .questions
            .iter()
            .map(|q| {
                let id: SharedStr = q.id.as_str().into();
                let label = q.label().clone();
                CQuestion {
                    ask_when: cx.cond(&q.ask_when),
                    reasons: q
                        .options
                        .iter()
                        .map(|o| Reason {
                            question: id.clone(),
                            value: o.id.as_str().into(),
                            question_label: label.clone(),
                            value_label: o.label.clone(),
                        })
                        .collect(),
                    id,
                    label,
                }
            })
            .collect();
        let materials: Box<[CMaterial]> = self
            .materials
            .iter()
            .map(|m| CMaterial {
                id: m.id.as_str().into(),
                when: cx.cond(&m.when),
                why: cx.why(&m.when),
                replaces: replaced(&self.materials, |x| &x.id, &m.replaces),
                forms: m.forms.iter().map(|f| cx.cond(&f.when)).collect(),
                form_cites: m.forms.iter().map(|f| cx.cites(&f.sources)).collect(),
                format: cx.notes(&m.format),
                obtain: cx.notes(&m.obtain),
                alternatives: cx.notes(&m.alternatives),
                sources: cx.list(&m.sources),
                cites: cx.cites(&m.sources),
            })
            .collect();
        let steps: Box<[CStep]> = self
            .steps
            .iter()
            .map(|s| {
                let channels: Vec<&Channel> =
                    s.channels.iter().filter_map(|c| self.channel(c)).collect();
                let mut cites: Vec<Cite> = s.sources.clone();
                for c in &channels {
                    cites.extend(c.sources.iter().cloned());
                }
                CStep {
                    id: s.id.as_str().into(),
                    when: cx.cond(&s.when),
                    why: cx.why(&s.when),
                    replaces: replaced(&self.steps, |x| &x.id, &s.replaces),
                    channels: channels
                        .iter()
                        .map(|c| ChannelRef {
                            id: c.id.clone(),
                            name: c.name.clone(),
                            contact: c.contact.clone(),
                            scope: c.scope.clone(),
                        })
                        .collect(),
                    sources: cx.list(&s.sources),
                    cites: cx.cites(&cites),
                }
            })
            .collect();
        let deadlines: Box<[CDeadline]> = self
            .deadlines
            .iter()
            .map(|d| CDeadline {
                id: d.id.as_str().into(),
                when: cx.cond(&d.when),
                why: cx.why(&d.when),
                replaces: replaced(&self.deadlines, |x| &x.id, &d.replaces),
                versions: d
                    .versions
                    .iter()
                    .map(|v| CVersion {
                        when: cx.cond(&v.when),
                        from: v.from.iter().filter_map(|q| cx.question(q)).collect(),
                        sources: cx.list(&v.sources),
                        cites: cx.cites(&v.sources),
                    })
                    .collect(),
            })
            .collect();
        let notices: Box<[CNotice]> = self
            .notices
            .iter()
            .map(|n| CNotice {
                id: n.id.as_str().into(),
                when: cx.cond(&n.when),
                why: cx.why(&n.when),
                replaces: replaced(&self.notices, |x| &x.id, &n.replaces),
                versions: CNotes {
                    when: n.versions.iter().map(|v| cx.cond(&v.when)).collect(),
                    all: n
                        .versions
                        .iter()
                        .map(|v| Sourced {
                            text: v.text.clone(),
                            sources: cx.list(&v.sources),
                            scope: v.scope.clone(),
                            when: None,
                        })
                        .collect(),
                    cites: n.versions.iter().map(|v| cx.cites(&v.sources)).collect(),
                },
            })
            .collect();
        let regions = self
            .regions
            .iter()
            .map(|r| CRegion {
                offered_as: self
                    .questions
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| q.insured_region)
                    .filter_map(|(qi, q)| {
                        let oi = q.options.iter().position(|o| o.id == r.id)?;
                        Some((qi as u16, oi as u16))
                    })
                    .collect(),
                hotlines: r.hotlines.as_slice().into(),
                cites: cx.cites(&r.sources),
            })
            .collect();

        // A citation is "seed" or "seed#snippet": group them by seed, in id order, as the
        // derivation lists its sources.
        // Per seed: the citation of the article itself, and those of its snippets.
        type BySeed<'a> = HashMap<&'a str, (Option<u16>, Vec<(u16, SharedStr)>)>;
        let mut by_seed: BySeed = HashMap::new();
        for (cite, &i) in &cx.cites {
            match cite.split_once('#') {
                Some((seed, snippet)) => {
                    by_seed.entry(seed).or_default().1.push((i, snippet.into()))
                }
                None => by_seed.entry(cite).or_default().0 = Some(i),
            }
        }
        let mut sources: Vec<CSource> = by_seed
            .into_iter()
            .filter_map(|(seed, (main, mut snippets))| {
                let s = self.sources.iter().find(|s| s.id == seed)?;
                snippets.sort_by(|a, b| a.1.cmp(&b.1));
                Some(CSource {
                    id: s.id.as_str().into(),
                    seed: cx.seed(seed)?,
                    title: s.title.as_str().into(),
                    file: s.file.as_str().into(),
                    date: s.date.as_deref().map(SharedStr::from),
                    main,
                    snippets: snippets.into_boxed_slice(),
                })
            })
            .collect();
        sources.sort_by(|a, b| a.id.cmp(&b.id));

        Compiled {
            questions,
            materials,
            steps,
            deadlines,
            notices,
            regions,
            sources: sources.into_boxed_slice(),
            cite_count: cx.cites.len(),
            reason_lists: std::mem::take(&mut cx.lists).into_boxed_slice(),
            no_notes: Shared::default(),
            by_id: {
                let mut ids: Vec<(String, u16)> = self
                    .questions
                    .iter()
                    .enumerate()
                    .map(|(i, q)| (q.id.clone(), i as u16))
                    .collect();
                ids.sort_by(|a, b| a.0.cmp(&b.0)); // stable: the first of a repeated id first
                ids.into_boxed_slice()
            },
            shape: Shape::of(self),
        }
    }

    /// The compiled form. Built at load; rebuilt here (slowly, every call) when entries were
    /// added or removed since, as benchmarks do. Call `recompile` after editing entries in place.
    pub(crate) fn compiled(&self) -> Arc<Compiled> {
        if self.compiled.shape == Shape::of(self) {
            self.compiled.clone()
        } else {
            Arc::new(self.compile())
        }
    }

    /// Rebuilds the compiled form after the catalog's entries were edited in code.
    pub(crate) fn recompile(&mut self) {
        self.compiled = Arc::new(self.compile());
    }
}
