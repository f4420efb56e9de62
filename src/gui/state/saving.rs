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
        // The index of a large store is megabytes: written at most every half minute while
        // editing, and on exit (`write_index`). It is a cache: a stale one costs only reading.
        if self.index.len() <= EAGER_MAX || self.now - self.last_index_write >= 30.0 {
            self.last_index_write = self.now;
            self.write_index();
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
                let stamp = crate::cases::index::stamp(store.dir(), id);
                self.save_errors.remove(id);
                self.update_entry(id, Some(stamp));
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
