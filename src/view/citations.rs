//! Source numbers: the n-th source of the derivation is `[n]` everywhere. A text carries the short
//! citation of its sources ("[1,3]"); a card lists them by title ("[1] 标题 · 片段；[3] 标题").

use super::strings::list_sep;
use crate::catalog::{Cite, Cites, Lang, SharedStr};
use crate::engine::Derivation;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// The derivation's sources with their numbers and titles written once, for every card to use.
pub(super) struct Numbering {
    pub lang: Lang,
    /// The id of the n-th source (`[n+1]`).
    ids: Vec<SharedStr>,
    /// Its place among the catalog's sources (`Cites::seeds`), ascending as the ids are.
    seeds: Vec<u16>,
    /// "1", "2", …: written once for every short citation.
    numbers: Vec<String>,
    /// The title of the n-th source.
    titles: Vec<SharedStr>,
}

impl Numbering {
    pub fn new(d: &Derivation, lang: Lang) -> Numbering {
        Numbering {
            lang,
            ids: d.sources.iter().map(|s| s.id.clone()).collect(),
            seeds: d.sources.iter().map(|s| s.seed).collect(),
            numbers: (1..=d.sources.len()).map(|n| n.to_string()).collect(),
            titles: d.sources.iter().map(|s| s.title.clone()).collect(),
        }
    }

    /// The number of the source a citation ("002" or "002#snippet") cites.
    fn no(&self, seed: &str) -> Option<usize> {
        self.ids
            .iter()
            .position(|id| id.as_str() == seed)
            .map(|i| i + 1)
    }

    /// "[1,3]": the numbers of the sources cited, in order, each once; "" for none. Found by
    /// the sources' places, and short enough to be kept inline: no text compared, no allocation.
    pub fn short(&self, cites: &Cites) -> SharedStr {
        let mut out = smol_str::SmolStrBuilder::new();
        for seed in cites.seeds() {
            if let Some(i) = self.seeds.iter().position(|s| s == seed) {
                out.push(if out.is_empty() { '[' } else { ',' });
                out.push_str(&self.numbers[i]);
            }
        }
        if !out.is_empty() {
            out.push(']');
        }
        out.finish()
    }

    /// The sources behind a card: every citation of the lists, as listed, or (`once`) each once.
    /// The lists are the catalog's, shared rather than copied.
    pub fn long<'a>(
        self: &Arc<Self>,
        lists: impl IntoIterator<Item = &'a Cites>,
        once: bool,
    ) -> Sources {
        let mut lists = lists.into_iter().filter(|l| !l.is_empty()).cloned();
        Sources {
            nos: self.clone(),
            first: lists.next().unwrap_or_default(),
            more: lists.collect(),
            once,
        }
    }

    /// "[1] 标题 · 片段；[3] 标题".
    fn write_long<'a>(&self, cites: impl Iterator<Item = &'a Cite>, once: bool) -> String {
        let mut seen: Vec<&Cite> = Vec::new();
        let mut parts: Vec<&str> = Vec::new();
        for c in cites {
            if once && seen.contains(&c) {
                continue;
            }
            if !seen.is_empty() {
                parts.push(list_sep(self.lang));
            }
            seen.push(c);
            match self.no(seed(c)) {
                Some(n) => parts.extend(["[", &self.numbers[n - 1], "] ", &self.titles[n - 1]]),
                None => parts.push(seed(c)),
            }
            if let Some((_, snippet)) = c.split_once('#') {
                parts.push(" · ");
                parts.push(snippet);
            }
        }
        parts.concat()
    }
}

/// The source a citation names: "002" of "002#snippet".
fn seed(cite: &str) -> &str {
    cite.split_once('#').map_or(cite, |(seed, _)| seed)
}

/// Every source behind a card by title, "[1] 标题 · 片段；[3] 标题". Written out when shown: it is
/// long, and the app shows it only when a card is opened. Reads like a string through `Display`,
/// `to_string()` and serialization.
#[derive(Clone)]
pub struct Sources {
    nos: Arc<Numbering>,
    /// The citations: the first list, then any others (most cards cite one list).
    first: Cites,
    more: Vec<Cites>,
    /// Each citation once (materials), or every one as listed (notices).
    once: bool,
}

impl Sources {
    /// No source at all.
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }
}

impl fmt::Display for Sources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cites = self.first.iter().chain(self.more.iter().flatten());
        f.write_str(&self.nos.write_long(cites, self.once))
    }
}

impl fmt::Debug for Sources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl Serialize for Sources {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl PartialEq for Sources {
    fn eq(&self, other: &Sources) -> bool {
        self.to_string() == other.to_string()
    }
}
