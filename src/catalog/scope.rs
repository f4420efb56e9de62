//! A fact keeps its place: an entry that cites only parts of the sources about one place (a
//! snippet on Shanghai, say) must say that place in its `scope`, which every output prints next
//! to it. Warnings, not errors: a user's override may cite a regional snippet on purpose.

use super::model::*;
use super::problem::{DataProblem, Part, Rule};
use super::{Catalog, CatalogError, Origin, Section};

impl Catalog {
    /// The place a citation's part speaks of, when the sources data names one.
    pub fn cite_place(&self, cite: &str) -> Option<&Text> {
        let (seed, part) = cite.split_once('#').unwrap_or((cite, ""));
        self.source(seed)?.places.get(part)
    }

    /// Every citation is of a part about one place: the fact it backs holds there only.
    pub fn cites_only_places(&self, cites: &[Cite]) -> bool {
        !cites.is_empty() && cites.iter().all(|c| self.cite_place(c).is_some())
    }

    /// Entries (and notes, versions) whose every source speaks of one place, without a `scope`.
    pub fn scope_warnings(&self) -> Vec<CatalogError> {
        let mut out = Vec::new();
        let mut check =
            |section: Section, id: &str, part: Part, scope: &Option<Text>, cites: &[Cite]| {
                if scope.is_none() && self.cites_only_places(cites) {
                    let places = cites
                        .iter()
                        .filter_map(|c| self.cite_place(c))
                        .map(|t| t.zh.to_string())
                        .collect();
                    let origin = self.origin(section, id).cloned().unwrap_or(Origin {
                        file: "?".into(),
                        line: 0,
                        col: 0,
                    });
                    let rule = Rule::NoScope {
                        id: id.into(),
                        part,
                        places,
                    };
                    out.push(CatalogError::from_problem(
                        origin,
                        Some(id.to_string()),
                        DataProblem::Rule { rule },
                    ));
                }
            };
        for c in &self.channels {
            check(Section::Channel, &c.id, Part::Channel, &c.scope, &c.sources);
        }
        for m in &self.materials {
            check(
                Section::Material,
                &m.id,
                Part::Material,
                &m.scope,
                &m.sources,
            );
            // A note of a placed material shares its place.
            if m.scope.is_none() {
                for n in m.format.iter().chain(&m.obtain).chain(&m.alternatives) {
                    check(Section::Material, &m.id, Part::Note, &n.scope, &n.sources);
                }
            }
        }
        for s in &self.steps {
            check(Section::Step, &s.id, Part::Step, &s.scope, &s.sources);
        }
        for d in &self.deadlines {
            for v in &d.versions {
                check(
                    Section::Deadline,
                    &d.id,
                    Part::Version,
                    &v.scope,
                    &v.sources,
                );
            }
        }
        for n in &self.notices {
            for v in &n.versions {
                check(Section::Notice, &n.id, Part::Version, &v.scope, &v.sources);
            }
        }
        out
    }
}
