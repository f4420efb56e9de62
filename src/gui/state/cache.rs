//! The derivation cache and the case list's summaries: recomputed only when answers or the day change.

use super::*;

impl State {
    // ---- derivation ----

    /// The checklist of a case, derived once per answer set (and day).
    pub fn derived(&mut self, id: &str) -> Option<Derived> {
        let case = self.cases.iter().find(|c| c.id == id)?;
        if let Some(e) = self.cache.get(id)
            && e.answers == case.answers
            && e.today == self.today
        {
            return Some(e.result.clone());
        }
        // Answers to questions the data no longer has are kept in the file but not used.
        let known = Answers(
            case.answers
                .0
                .iter()
                .filter(|(q, _)| self.catalog.question(q).is_some())
                .map(|(q, v)| (q.clone(), v.clone()))
                .collect(),
        );
        let result = Rc::new(engine::derive(&self.catalog, &known, self.today));
        self.cache.insert(
            id.to_string(),
            CacheEntry {
                answers: case.answers.clone(),
                today: self.today,
                result: result.clone(),
            },
        );
        Some(result)
    }

    /// A case's line in the side panel (cached until the next edit).
    pub fn summary(&mut self, id: &str) -> CaseSummary {
        let key = (self.edits, self.lang(), self.today);
        if let Some((e, l, t, s)) = self.summaries.get(id)
            && (*e, *l, *t) == key
        {
            return s.clone();
        }
        let s = self.make_summary(id);
        self.summaries
            .insert(id.to_string(), (key.0, key.1, key.2, s.clone()));
        s
    }

    pub(super) fn make_summary(&mut self, id: &str) -> CaseSummary {
        let lang = self.lang();
        let Some(derived) = self.derived(id) else {
            return CaseSummary::default();
        };
        let case = self.case(id).expect("derived implies the case exists");
        let mut s = CaseSummary {
            answered: !case.answers.0.is_empty(),
            ..Default::default()
        };
        if let Ok(d) = &*derived {
            s.scenario = d
                .answers
                .iter()
                .filter(|a| {
                    self.catalog
                        .question(&a.question)
                        .is_some_and(|q| q.kind == QuestionKind::Choice)
                })
                .take(3)
                .map(|a| a.value_label.get(lang).to_string())
                .collect::<Vec<_>>()
                .join(" · ");
            s.complete = d.is_complete();
            if s.complete {
                // Materials ready, as the checklist's summary counts them.
                let done = d.materials.iter().filter(|m| case.is_done(&m.id)).count();
                s.progress = Some((done, d.materials.len()));
            }
            s.next_deadline = d
                .next_deadline()
                .and_then(|(_, v)| Some((v.date?, v.days_left?)));
        }
        s
    }
}

impl State {
    /// Takes new data (a data pack installed or removed): every derivation and summary is
    /// worked out again from it.
    pub fn replace_catalog(
        &mut self,
        catalog: crate::catalog::Catalog,
        errors: Vec<crate::catalog::CatalogError>,
    ) {
        self.catalog = catalog;
        self.catalog_errors = errors;
        self.cache.clear();
        self.summaries.clear();
        self.refresh_index();
    }
}
