//! The view's texts without copying them: most of a checklist is the catalog's own words and the
//! string table's labels, so a view text shares the catalog's `Arc<str>` or points at the static
//! label, and only what the view composes is a fresh `String`. The long source lists of cards are
//! written out only when shown (`Sources`). Both read, print, compare and serialize like strings.

use crate::catalog::{Cite, Lang, Shared, SharedStr, Sourced};
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// A text of the view: a label of the string table, a text shared with the catalog, or one the
/// view wrote. Reads like a `&str` (`&x`, `x.as_str()`, `{x}`), compares and hashes like one.
#[derive(Clone)]
pub enum Str {
    Static(&'static str),
    Shared(Arc<str>),
    Owned(String),
}

impl Str {
    pub fn as_str(&self) -> &str {
        match self {
            Str::Static(s) => s,
            Str::Shared(s) => s,
            Str::Owned(s) => s,
        }
    }
}

impl Default for Str {
    fn default() -> Self {
        Str::Static("")
    }
}

impl std::ops::Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

// As `str` hashes: ids built from a view text are the same as from the `String` it replaced.
impl std::hash::Hash for Str {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedStr> for Str {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Str> for SharedStr {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl From<&'static str> for Str {
    fn from(s: &'static str) -> Self {
        Str::Static(s)
    }
}

impl From<String> for Str {
    fn from(s: String) -> Self {
        Str::Owned(s)
    }
}

impl From<Arc<str>> for Str {
    fn from(s: Arc<str>) -> Self {
        Str::Shared(s)
    }
}

impl From<&SharedStr> for Str {
    fn from(s: &SharedStr) -> Self {
        Str::Shared(s.arc().clone())
    }
}

impl From<Str> for String {
    fn from(s: Str) -> Self {
        match s {
            Str::Owned(s) => s,
            s => s.as_str().to_string(),
        }
    }
}

// `RichText::new(&card.name)` and the like take `impl Into<String>`.
impl From<&Str> for String {
    fn from(s: &Str) -> Self {
        s.as_str().to_string()
    }
}

/// The numbered sources of one derivation, shared by every card's `Sources`.
#[derive(Debug)]
pub(crate) struct Numbers {
    pub lang: Lang,
    /// Id and title of the n-th source (`[n+1]`).
    pub sources: Box<[(SharedStr, SharedStr)]>,
}

impl Numbers {
    pub fn new(lang: Lang, sources: Box<[(SharedStr, SharedStr)]>) -> Numbers {
        Numbers { lang, sources }
    }

    /// The number of the source a citation ("002" or "002#snippet") cites.
    #[inline]
    pub fn no(&self, cite: &str) -> Option<usize> {
        let c = cite.as_bytes();
        self.sources
            .iter()
            .position(|(id, _)| {
                let id = id.as_bytes();
                let n = id.len();
                // The seed is what comes before '#': compared in place, without splitting; the
                // end first, where ids like "001" and "002" differ.
                c.len() >= n
                    && (c.len() == n || c[n] == b'#')
                    && (n == 0 || c[n - 1] == id[n - 1])
                    && c[..n].iter().zip(id).all(|(a, b)| a == b)
            })
            .map(|i| i + 1)
    }
}

/// Every source behind a card by title, "[1] 标题 · 片段；[3] 标题": the card's own citations, then
/// those of its notes. Written out when shown (it is long, and the app shows it only when a card
/// is opened); reads like a string through `Display`, `to_string()` and serialization.
#[derive(Clone)]
pub struct Sources {
    nos: Arc<Numbers>,
    own: Option<Shared<Cite>>,
    notes: [Option<Shared<Sourced>>; 3],
    /// Each citation once (materials), or every one as listed (notices).
    once: bool,
}

impl Sources {
    pub(crate) fn new(
        nos: &Arc<Numbers>,
        own: Option<&Shared<Cite>>,
        notes: [Option<&Shared<Sourced>>; 3],
        once: bool,
    ) -> Sources {
        Sources {
            nos: nos.clone(),
            own: own.filter(|l| !l.is_empty()).cloned(),
            notes: notes.map(|n| n.filter(|l| !l.is_empty()).cloned()),
            once,
        }
    }

    fn cites(&self) -> impl Iterator<Item = &Cite> {
        self.own.iter().flat_map(|l| l.iter()).chain(
            self.notes
                .iter()
                .flatten()
                .flat_map(|l| l.iter())
                .flat_map(|n| n.sources.iter()),
        )
    }

    /// No source at all.
    pub fn is_empty(&self) -> bool {
        self.cites().next().is_none()
    }
}

impl fmt::Display for Sources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sep = super::strings::list_sep(self.nos.lang);
        for (i, c) in self.cites().enumerate() {
            if self.once && self.cites().take(i).any(|x| x == c) {
                continue;
            }
            if i > 0 {
                f.write_str(sep)?;
            }
            let (seed, snippet) = match c.split_once('#') {
                Some((a, b)) => (a, Some(b)),
                None => (c.as_ref(), None),
            };
            match self.nos.no(seed) {
                Some(n) => {
                    let title = &self.nos.sources[n - 1].1;
                    write!(f, "[{n}] {title}")?;
                }
                None => f.write_str(seed)?,
            }
            if let Some(sn) = snippet {
                write!(f, " · {sn}")?;
            }
        }
        Ok(())
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

/// The short marks beside a material's name ("原件", "2份"): at most two, held in place rather
/// than in a vector of their own. Reads like a slice (`is_empty()`, `join(" · ")`, `for b in
/// &badges`) and serializes as a list.
#[derive(Clone, Default)]
pub struct Badges {
    items: [Str; 2],
    len: u8,
}

impl Badges {
    pub(crate) fn push(&mut self, badge: Str) {
        self.items[usize::from(self.len)] = badge;
        self.len += 1;
    }
}

impl std::ops::Deref for Badges {
    type Target = [Str];
    fn deref(&self) -> &[Str] {
        &self.items[..usize::from(self.len)]
    }
}

impl<'a> IntoIterator for &'a Badges {
    type Item = &'a Str;
    type IntoIter = std::slice::Iter<'a, Str>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq for Badges {
    fn eq(&self, other: &Badges) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Badges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl Serialize for Badges {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

/// A card's list (a notice's versions, a deadline's): most hold one item, kept in place
/// instead of in an allocation of its own. Reads like a slice (`len`, `[i]`, `iter`, `for x in
/// &list`) and serializes like a `Vec`.
#[derive(Clone)]
pub enum List<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> List<T> {
    /// The items of an iterator whose length is known: one is kept in place.
    pub(crate) fn collect(items: impl ExactSizeIterator<Item = T>) -> List<T> {
        let mut items = items;
        if items.len() == 1
            && let Some(x) = items.next()
        {
            return List::One(x);
        }
        List::Many(items.collect())
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List::Many(Vec::new())
    }
}

impl<T> std::ops::Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            List::One(x) => std::slice::from_ref(x),
            List::Many(v) => v,
        }
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: fmt::Debug> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: PartialEq> PartialEq for List<T> {
    fn eq(&self, other: &List<T>) -> bool {
        **self == **other
    }
}

impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}
