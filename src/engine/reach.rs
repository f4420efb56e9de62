//! Checks that need the engine: every question can be asked, and no answer set gives an empty
//! checklist. They live here, not in `catalog`, so that the catalog never depends on the engine.

use super::{Answers, enumerate_answer_sets};
use crate::catalog::problem::Rule;
use crate::catalog::{BUNDLED, Catalog, CatalogError, Origin, Section, read_override_files};
use std::collections::HashSet;
use std::path::Path;

/// What `check_reachability` found.
#[derive(Debug, Clone)]
pub struct ReachabilityReport {
    pub answer_sets: usize,
    pub never_asked: Vec<CatalogError>,
    /// Answer sets (up to 20) that give no material or no step.
    pub empty_checklists: Vec<Answers>,
}

impl ReachabilityReport {
    pub fn errors(&self) -> Vec<CatalogError> {
        let mut out = self.never_asked.clone();
        for a in &self.empty_checklists {
            let answers = a.0.iter().map(|(q, v)| format!("{q}={v}")).collect();
            out.push(CatalogError::from_problem(
                Origin {
                    file: "checklists".into(),
                    line: 0,
                    col: 0,
                },
                None,
                Rule::EmptyChecklist { answers }.into(),
            ));
        }
        out
    }
}

/// A question that can never be asked, and an answer set whose checklist would be empty (no
/// material or no step). Exhaustive over choice questions.
pub fn check_reachability(catalog: &Catalog) -> ReachabilityReport {
    let sets = enumerate_answer_sets(catalog, None);
    let mut asked: HashSet<&str> = HashSet::new();
    let mut empty = Vec::new();
    for a in &sets {
        for q in &catalog.questions {
            if q.ask_when.eval(a) {
                asked.insert(q.id.as_str());
            }
        }
        let has_material = catalog.materials.iter().any(|m| m.when.eval(a));
        let has_step = catalog.steps.iter().any(|s| s.when.eval(a));
        if !(has_material && has_step) && empty.len() < 20 {
            empty.push(a.clone());
        }
    }
    let never_asked = catalog
        .questions
        .iter()
        .filter(|q| !asked.contains(q.id.as_str()))
        .map(|q| {
            CatalogError::from_problem(
                catalog
                    .origin(Section::Question, &q.id)
                    .cloned()
                    .unwrap_or(Origin {
                        file: "?".into(),
                        line: 0,
                        col: 0,
                    }),
                Some(q.id.clone()),
                Rule::NeverAsked { id: q.id.clone() }.into(),
            )
        })
        .collect();
    ReachabilityReport {
        answer_sets: sets.len(),
        never_asked,
        empty_checklists: empty,
    }
}

// Defined here rather than in `catalog/load.rs` because they run the reachability check: the
// call sites keep the `Catalog::` path while the catalog module stays free of the engine.
impl Catalog {
    /// Bundled data, then the source sets in order, validated and checked for reachability.
    pub fn checked_from(
        layers: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Catalog, Vec<CatalogError>> {
        let base = BUNDLED.iter().map(|(n, s)| (n.to_string(), s.to_string()));
        let c = Catalog::from_sources(base, layers)?;
        match check_reachability(&c).errors() {
            errs if errs.is_empty() => Ok(c),
            errs => Err(errs),
        }
    }

    /// What the app and the command line derive from: the bundled data, the installed data
    /// packs (`<data_dir>/packs`) and the user's overrides (`<data_dir>/checklists`). Never
    /// fails: broken overrides leave the packs in place (a broken `checklists/` must not hide a
    /// calendar a clerk installed), broken packs leave the bundled data; the errors come along.
    pub fn load_user_data(data_dir: Option<&Path>) -> (Catalog, Vec<CatalogError>) {
        use crate::catalog::pack;
        let bundled = || Catalog::bundled().expect("bundled data is valid (tested)");
        let Some(data_dir) = data_dir else {
            return (bundled(), Vec::new());
        };
        let mut errors = Vec::new();
        let (pack_files, labels) = match pack::installed(&pack::packs_dir(data_dir))
            .and_then(|p| pack::installed_files(&p))
        {
            Ok(x) => x,
            Err(e) => {
                errors.push(e);
                (Vec::new(), Vec::new())
            }
        };
        let dir = data_dir.join("checklists");
        let overrides = if dir.is_dir() {
            read_override_files(&dir).unwrap_or_else(|e| {
                errors.push(e);
                Vec::new()
            })
        } else {
            Vec::new()
        };
        if pack_files.is_empty() && overrides.is_empty() {
            return (bundled(), errors);
        }
        let had_overrides = !overrides.is_empty();
        match Catalog::checked_from(pack_files.iter().cloned().chain(overrides)) {
            Ok(mut c) => {
                c.packs = labels;
                return (c, errors);
            }
            Err(errs) => errors.extend(errs),
        }
        if had_overrides
            && !pack_files.is_empty()
            && let Ok(mut c) = Catalog::checked_from(pack_files)
        {
            c.packs = labels;
            return (c, errors);
        }
        (bundled(), errors)
    }
}
