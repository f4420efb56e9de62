//! Source numbers: the n-th source of the derivation is `[n]` everywhere. A text carries the short
//! citation of its sources ("[1,3]"); a card lists them by title ("[1] 标题 · 片段；[3] 标题").

use super::strings::list_sep;
use crate::catalog::{Cite, Lang, SharedStr};
use crate::engine::Derivation;
use std::fmt::Write as _;

pub(super) struct Numbering {
    pub lang: Lang,
    /// Id and title of the n-th source (`[n+1]`).
    sources: Vec<(SharedStr, SharedStr)>,
}

impl Numbering {
    pub fn new(d: &Derivation, lang: Lang) -> Numbering {
        Numbering {
            lang,
            sources: d
                .sources
                .iter()
                .map(|s| (s.id.clone(), s.title.clone()))
                .collect(),
        }
    }

    /// The number of the source a citation ("002" or "002#snippet") cites.
    fn no(&self, seed: &str) -> Option<usize> {
        self.sources
            .iter()
            .position(|(id, _)| id == seed)
            .map(|i| i + 1)
    }

    /// "[1,3]": the numbers of the sources cited, in order, each once; "" for none.
    pub fn short(&self, cites: &[Cite]) -> SharedStr {
        let mut nos: Vec<usize> = cites.iter().filter_map(|c| self.no(seed(c))).collect();
        nos.sort();
        nos.dedup();
        if nos.is_empty() {
            return SharedStr::default();
        }
        let nos: Vec<String> = nos.iter().map(usize::to_string).collect();
        format!("[{}]", nos.join(",")).into()
    }

    /// "[1] 标题 · 片段；[3] 标题": every citation as listed, or (`once`) each once.
    pub fn long<'a>(&self, cites: impl Iterator<Item = &'a Cite>, once: bool) -> String {
        let mut seen: Vec<&Cite> = Vec::new();
        let mut out = String::new();
        for c in cites {
            if once && seen.contains(&c) {
                continue;
            }
            if !seen.is_empty() {
                out.push_str(list_sep(self.lang));
            }
            seen.push(c);
            match self.no(seed(c)) {
                Some(n) => {
                    let _ = write!(out, "[{n}] {}", self.sources[n - 1].1);
                }
                None => out.push_str(seed(c)),
            }
            if let Some((_, snippet)) = c.split_once('#') {
                let _ = write!(out, " · {snippet}");
            }
        }
        out
    }
}

/// The source a citation names: "002" of "002#snippet".
fn seed(cite: &str) -> &str {
    cite.split_once('#').map_or(cite, |(seed, _)| seed)
}
