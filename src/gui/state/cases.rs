//! The cases in memory: open, create, duplicate, rename, delete and undo, ticks and notes.

use super::*;

impl State {
    // ---- cases ----

    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub fn current_case(&self) -> Option<&Case> {
        self.current.as_deref().and_then(|id| self.case(id))
    }

    /// Edits a case, marks it for saving and drops nothing else. A read-only window (another one
    /// holds the data) changes nothing: its editing controls are disabled and say why.
    pub fn edit(&mut self, id: &str, f: impl FnOnce(&mut Case)) {
        if self.read_only {
            return;
        }
        let Some(case) = self.cases.iter_mut().find(|c| c.id == id) else {
            return;
        };
        let before = case.clone();
        f(case);
        if *case != before {
            case.touch();
            self.mark_dirty(id);
        }
    }

    pub(super) fn mark_dirty(&mut self, id: &str) {
        self.edits += 1;
        if self.read_only {
            return;
        }
        self.dirty.insert(id.to_string());
        self.last_edit = self.now;
        self.update_entry(id, None);
    }

    /// Puts back a case changed outside `edit` (attachments: the store changed the files) and
    /// saves it.
    pub(crate) fn replace_case(&mut self, case: Case) {
        if self.read_only {
            return;
        }
        let id = case.id.clone();
        if let Some(c) = self.cases.iter_mut().find(|c| c.id == id) {
            *c = case;
            self.mark_dirty(&id);
        }
    }

    /// A fresh case, opened in the wizard at the first question.
    pub fn new_case(&mut self) -> String {
        if self.read_only {
            return String::new();
        }
        let n = self.index.len().max(self.cases.len()) + 1;
        let mut label = crate::view::strings::untitled(self.lang(), n);
        let mut k = n;
        while self.index.iter().any(|e| e.label == label)
            || self.cases.iter().any(|c| c.label == label)
        {
            k += 1;
            label = crate::view::strings::untitled(self.lang(), k);
        }
        let case = Case::new(label);
        let id = case.id.clone();
        self.cases.insert(0, case);
        self.mark_dirty(&id);
        self.select(&id);
        id
    }

    pub fn duplicate(&mut self, id: &str) -> Option<String> {
        if self.read_only {
            return None;
        }
        let src = self.case(id)?.clone();
        let mut copy = Case::new(format!(
            "{}{}",
            src.label,
            crate::view::strings::s(self.lang()).copy_suffix
        ));
        copy.answers = src.answers.clone();
        copy.items = src.items.clone();
        let new_id = copy.id.clone();
        let at = self.cases.iter().position(|c| c.id == id).unwrap_or(0);
        self.cases.insert(at, copy);
        self.mark_dirty(&new_id);
        self.select(&new_id);
        Some(new_id)
    }

    /// Adds a case read from a file (it has a fresh id already) and opens it.
    pub fn add_imported(&mut self, case: Case) {
        if self.read_only {
            return;
        }
        let id = case.id.clone();
        self.cases.insert(0, case);
        self.mark_dirty(&id);
        self.select(&id);
    }

    pub fn rename(&mut self, id: &str, label: &str) {
        let label = label.trim();
        if label.is_empty() {
            return;
        }
        self.edit(id, |c| c.label = label.to_string());
    }

    /// Deletes a case (into the store's trash) and keeps it for undo.
    pub fn delete(&mut self, id: &str) {
        if self.read_only {
            return;
        }
        let Some(index) = self.cases.iter().position(|c| c.id == id) else {
            return;
        };
        // Write pending edits first, so undo brings back the latest version.
        if self.dirty.contains(id) {
            self.save_one(id);
        }
        let label = self.cases[index].label.clone();
        let in_store = match &self.store {
            Some(store) if !self.read_only => match store.delete(id) {
                Ok(()) => true,
                Err(StoreError::NotFound(_)) => false,
                Err(e) => {
                    let err = crate::view::strings::store_error(self.lang(), &e);
                    self.push_banner(Msg::DeleteFailed { label, err }, true);
                    return;
                }
            },
            _ => false,
        };
        let case = self.cases.remove(index);
        self.index.retain(|e| e.id != id);
        self.index_dirty = true;
        if let Some(l) = &mut self.loader {
            l.removed.insert(id.to_string());
        }
        self.dirty.remove(id);
        self.save_errors.remove(id);
        self.cache.remove(id);
        if self.current.as_deref() == Some(id) {
            self.current = None;
            self.screen = Screen::Welcome;
            self.settings.last_case = None;
        }
        self.deleted = Some(Deleted {
            case,
            index,
            in_store,
        });
    }

    pub(crate) fn undo_delete(&mut self) {
        let Some(d) = self.deleted.take() else { return };
        let mut case = d.case;
        let mut need_save = true;
        if d.in_store
            && let Some(store) = &self.store
            && let Ok(restored) = store.undelete(&case.id)
        {
            case = restored;
            need_save = false;
        }
        let id = case.id.clone();
        self.cases.insert(d.index.min(self.cases.len()), case);
        if need_save {
            self.mark_dirty(&id);
        } else {
            let stamp = self
                .store
                .as_ref()
                .map(|s| crate::cases::index::stamp(s.dir(), &id));
            self.update_entry(&id, stamp);
        }
        if let Some(l) = &mut self.loader {
            l.removed.remove(&id);
        }
        self.select(&id);
    }

    /// Opens a case: the checklist when it can be made, else the wizard.
    pub fn select(&mut self, id: &str) {
        self.ensure_loaded(id);
        if self.case(id).is_none() {
            return;
        }
        self.current = Some(id.to_string());
        self.settings.last_case = Some(id.to_string());
        self.wizard = Wizard::default();
        let answered = self.case(id).is_some_and(|c| !c.answers.0.is_empty());
        let complete = self
            .derived(id)
            .is_some_and(|d| matches!(&*d, Ok(d) if d.is_complete()));
        if answered && complete {
            self.screen = Screen::Checklist;
        } else {
            self.start_wizard();
        }
    }

    // ---- ticks and notes ----

    pub fn set_done(&mut self, item: &str, done: bool) {
        if let Some(id) = self.current.clone() {
            self.edit(&id, |c| c.set_done(item, done));
        }
    }

    pub fn set_note(&mut self, item: &str, note: &str) {
        if let Some(id) = self.current.clone() {
            self.edit(&id, |c| c.set_note(item, note));
        }
    }
}
