//! The lists and strings the catalog shares with every derivation and view built from it: a
//! clone is a reference-count bump, not a copy.

use serde::Serialize;
use std::sync::Arc;

/// A list shared between the catalog and every derivation that hands it out. It reads like a
/// `Vec` (`for x in &list`, `list.iter()`, `list[0]`, `&list` as a slice) and serializes as one;
/// a clone is a reference-count bump.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Shared<T>(Arc<[T]>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> Default for Shared<T> {
    fn default() -> Self {
        Shared(Arc::from([]))
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'a, T> IntoIterator for &'a Shared<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Owned iteration copies the items out (the list itself stays shared).
impl<T: Clone> IntoIterator for Shared<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    // `iter().cloned()` would borrow the list this call consumes.
    #[allow(clippy::unnecessary_to_owned)]
    fn into_iter(self) -> Self::IntoIter {
        self.0.to_vec().into_iter()
    }
}

impl<T> FromIterator<T> for Shared<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Shared(iter.into_iter().collect())
    }
}

impl<T> From<Vec<T>> for Shared<T> {
    fn from(v: Vec<T>) -> Self {
        Shared(v.into())
    }
}

impl<T: Clone> From<&[T]> for Shared<T> {
    fn from(v: &[T]) -> Self {
        Shared(v.into())
    }
}

/// A text shared with the catalog (an id, a title, a label), or one the view wrote. It reads and
/// compares like a `String`; a clone is a reference-count bump, and a short text (up to 23 bytes:
/// a label, a citation "[1,3]") is kept inline without an allocation of its own.
pub type SharedStr = smol_str::SmolStr;
