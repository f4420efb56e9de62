//! Caps on what one case file may hold, checked while it is parsed: a hostile 6 MB file of
//! 150,000 items is refused after the first [`MAX_ITEMS`], before it has cost any more memory.
//!
//! The bundled data has about 240 entries in all; a case records at most one item per material or
//! step, one answer per question, and a few photos per material.

use super::{ItemState, Unreadable};
use crate::engine::Answers;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;

/// Items (ticks and notes) in one case.
pub const MAX_ITEMS: usize = 2_000;
/// Answers in one case.
pub const MAX_ANSWERS: usize = 500;
/// Attachments in one case, over all its items.
pub const MAX_ATTACHMENTS: usize = 400;

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Items,
    Answers,
    Attachments,
}

impl Counted {
    fn max(self) -> usize {
        match self {
            Counted::Items => MAX_ITEMS,
            Counted::Answers => MAX_ANSWERS,
            Counted::Attachments => MAX_ATTACHMENTS,
        }
    }
    fn tag(self) -> &'static str {
        match self {
            Counted::Items => "items",
            Counted::Answers => "answers",
            Counted::Attachments => "attachments",
        }
    }
    pub(crate) fn refusal(self) -> Unreadable {
        Unreadable::TooMany {
            what: self,
            max: self.max(),
        }
    }
}

/// The parser carries a custom error as text: this marker says which cap was hit.
const MARKER: &str = "\u{0}yibao-too-many:";

fn too_many<E: de::Error>(what: Counted) -> E {
    E::custom(format!("{MARKER}{}", what.tag()))
}

/// The cap a parser error message reports, if it is one of ours.
pub(crate) fn from_message(message: &str) -> Option<Counted> {
    let tag = message.strip_prefix(MARKER)?;
    [Counted::Items, Counted::Answers, Counted::Attachments]
        .into_iter()
        .find(|c| c.tag() == tag)
}

/// A map read entry by entry, refused at the first entry over the cap.
struct BoundedMap<V>(Counted, std::marker::PhantomData<V>);

impl<'de, V: de::Deserialize<'de>> Visitor<'de> for BoundedMap<V> {
    type Value = BTreeMap<String, V>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some((k, v)) = map.next_entry::<String, V>()? {
            out.insert(k, v);
            if out.len() > self.0.max() {
                return Err(too_many(self.0));
            }
        }
        Ok(out)
    }
}

pub(super) fn items<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, ItemState>, D::Error> {
    d.deserialize_map(BoundedMap(Counted::Items, std::marker::PhantomData))
}

pub(super) fn answers<'de, D: Deserializer<'de>>(d: D) -> Result<Answers, D::Error> {
    d.deserialize_map(BoundedMap(Counted::Answers, std::marker::PhantomData))
        .map(Answers)
}

/// A list read element by element, refused at the first element over the cap.
struct BoundedSeq<T>(Counted, std::marker::PhantomData<T>);

impl<'de, T: de::Deserialize<'de>> Visitor<'de> for BoundedSeq<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(x) = seq.next_element::<T>()? {
            out.push(x);
            if out.len() > self.0.max() {
                return Err(too_many(self.0));
            }
        }
        Ok(out)
    }
}

pub(super) fn attachments<'de, D: Deserializer<'de>, T: de::Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    d.deserialize_seq(BoundedSeq(Counted::Attachments, std::marker::PhantomData))
}

/// Ticked ids of a schema-0 file.
pub(super) fn ticked<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_seq(BoundedSeq(Counted::Items, std::marker::PhantomData))
}

/// Notes of a schema-0 file.
pub(super) fn notes<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    d.deserialize_map(BoundedMap(Counted::Items, std::marker::PhantomData))
}

/// The first cap a whole case goes over (attachments are capped per item while parsing and in
/// total here).
pub(crate) fn check(case: &super::Case) -> Result<(), Unreadable> {
    if case.items.len() > MAX_ITEMS {
        return Err(Counted::Items.refusal());
    }
    if case.answers.0.len() > MAX_ANSWERS {
        return Err(Counted::Answers.refusal());
    }
    let attachments: usize = case.items.values().map(|s| s.attachments.len()).sum();
    if attachments > MAX_ATTACHMENTS {
        return Err(Counted::Attachments.refusal());
    }
    Ok(())
}
