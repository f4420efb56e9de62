//! Source numbers: the n-th source of the derivation is `[n]` everywhere. A text carries the short
//! citation of its sources ("[1,3]"); a card lists them by title ("[1] 标题 · 片段；[3] 标题").

use super::strings::list_sep;
use crate::catalog::{Cite, Lang, SharedStr};
use crate::engine::Derivation;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// The derivation's sources with their numbers and titles written once, for every card to use.
pub(super) struct Numbering {
    pub lang: Lang,
    /// The id of the n-th source (`[n+1]`).
    ids: Vec<SharedStr>,
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
            numbers: (1..=d.sources.len()).map(|n| n.to_string()).collect(),
            titles: d.sources.iter().map(|s| s.title.clone()).collect(),
        }
    }

    /// The number of the source a citation ("002" or "002#snippet") cites.
    fn no(&self, seed: &str) -> Option<usize> {
        self.ids.iter().position(|id| id == seed).map(|i| i + 1)
    }

    /// "[1,3]": the numbers of the sources cited, in order, each once; "" for none.
    pub fn short(&self, cites: &[Cite]) -> String {
        let mut nos = Vec::with_capacity(cites.len());
        nos.extend(cites.iter().filter_map(|c| self.no(seed(c))));
        nos.sort();
        nos.dedup();
        if nos.is_empty() {
            return String::new();
        }
        let mut out = String::with_capacity(4 * nos.len());
        for n in nos {
            out.push(if out.is_empty() { '[' } else { ',' });
            out.push_str(&self.numbers[n - 1]);
        }
        out.push(']');
        out
    }

    /// The sources behind a card: every citation as listed, or (`once`) each once.
    pub fn long<'a>(
        self: &Arc<Self>,
        cites: impl Iterator<Item = &'a Cite>,
        once: bool,
    ) -> Sources {
        Sources {
            nos: self.clone(),
            cites: cites.cloned().collect(),
            once,
        }
    }

    /// "[1] 标题 · 片段；[3] 标题".
    fn write_long(&self, cites: &[Cite], once: bool) -> String {
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
    cites: Vec<Cite>,
    /// Each citation once (materials), or every one as listed (notices).
    once: bool,
}

impl Sources {
    /// No source at all.
    pub fn is_empty(&self) -> bool {
        self.cites.is_empty()
    }
}

impl fmt::Display for Sources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.nos.write_long(&self.cites, self.once))
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
