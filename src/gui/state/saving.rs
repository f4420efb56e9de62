//! Saving: debounced autosave, flush on exit, retry after a failed write.

use super::*;

impl State {
    // ---- saving ----

    /// Writes edits `AUTOSAVE_DELAY` after the last one. Returns the seconds until the next
    /// write is due, for `request_repaint_after`.
    pub fn autosave(&mut self, now: f64) -> Option<f64> {
        self.now = now;
        if self.dirty.is_empty() {
            return None;
        }
        let due = self.last_edit + AUTOSAVE_DELAY;
        if now >= due {
            self.flush();
            None
        } else {
            Some(due - now)
        }
    }

    pub fn has_unsaved(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// Writes every edited case now (exit, delete, tests).
    pub fn flush(&mut self) {
        for id in std::mem::take(&mut self.dirty) {
            self.save_one(&id);
        }
    }

    pub(super) fn save_one(&mut self, id: &str) {
        self.dirty.remove(id);
        let (Some(store), Some(case)) = (&self.store, self.cases.iter().find(|c| c.id == id))
        else {
            return;
        };
        if self.read_only {
            return;
        }
        match store.save(case) {
            Ok(()) => {
                self.save_errors.remove(id);
            }
            Err(e) => {
                self.save_errors
                    .insert(id.to_string(), (case.label.clone(), e));
            }
        }
    }

    /// Tries the failed saves again.
    pub(crate) fn retry_saves(&mut self) {
        let ids: Vec<String> = self.save_errors.keys().cloned().collect();
        for id in ids {
            self.save_one(&id);
        }
    }
}

/// A path's file name, for messages.
pub(super) fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
