//! Messages above the page: errors in words, each with what the user can do; information that
//! fades; the undo of a deletion; the default folder offered after a cancelled save; the app's
//! own file picker when the desktop has no dialog.

use super::command::Command;
use super::files::{Job, Picked};
use super::strings::{self, s};
use super::{App, a11y, handoff, state, theme};
use egui::{Color32, RichText};
use std::time::Duration;

/// Information messages shown at once; older ones wait behind a button.
const MAX_BANNERS: usize = 4;

/// Seconds an information message stays (one about a saved file longer, for its buttons).
pub(super) fn banner_life(b: &state::Banner) -> f64 {
    if b.path.is_some() { 30.0 } else { 12.0 }
}

impl App {
    /// Whether anything waits above the page.
    pub(super) fn has_banners(&self) -> bool {
        !self.state.banners.is_empty()
            || (!self.state.catalog_errors.is_empty() && !self.ui.catalog_errors_seen)
            || self.state.read_only
            || !self.state.save_errors.is_empty()
            || self.state.deleted.is_some()
            || self.ui.offer_fallback.is_some()
            || self.ui.picker.is_some()
            || self.dialogs.busy()
            || (!self.ui.changes.is_empty() && !self.in_wizard())
    }

    /// Messages above the page: errors in words, each with what the user can do.
    pub(super) fn banners(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        let t = s(lang);
        let palette = theme::Palette::of(ui);
        let (error_fill, info_fill) = (palette.error_fill, palette.info_fill);
        let frame = |fill: Color32| {
            egui::Frame::new()
                .fill(fill)
                .inner_margin(8.0)
                .corner_radius(4.0)
        };
        // One place, newest first, nothing hidden in a scroll area. Information fades after a
        // while; errors and the undo stay until used or dismissed.
        let now = self.state.now;
        if let Some(next) = self
            .state
            .banners
            .iter()
            .filter(|b| !b.error)
            .map(|b| b.created + banner_life(b) - now)
            .reduce(f64::min)
        {
            ui.ctx()
                .request_repaint_after(Duration::from_secs_f64(next.max(0.05)));
        }
        ui.scope(|ui| {
            ui.set_width(ui.available_width());
            if self.state.read_only && self.state.store.is_some() {
                frame(error_fill).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(t.read_only).strong());
                });
            }
            // The summaries wait outside the wizard: they are not about the question asked.
            if !self.in_wizard() {
                handoff::changes_panel(self, ui, info_fill);
            }
            if !self.state.catalog_errors.is_empty() && !self.ui.catalog_errors_seen {
                frame(error_fill).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(t.catalog_errors).strong());
                    for e in &self.state.catalog_errors {
                        ui.label(format!("• {}", strings::catalog_error(lang, e)));
                    }
                    if ui.button(t.dismiss).clicked() {
                        self.ui.catalog_errors_seen = true;
                    }
                });
            }
            if !self.state.save_errors.is_empty() {
                let mut retry = false;
                frame(error_fill).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    for (label, e) in self.state.save_errors.values() {
                        let err = strings::store_error(lang, e);
                        ui.label(
                            RichText::new(
                                strings::Msg::SaveFailed {
                                    label: label.clone(),
                                    err,
                                }
                                .text(lang),
                            )
                            .strong(),
                        );
                    }
                    retry = ui.button(t.retry).clicked();
                });
                if retry {
                    self.push(Command::RetrySaves);
                }
            }
            if let Some(d) = &self.state.deleted {
                let mut undo = false;
                let mut close = false;
                frame(info_fill).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        // Announced (politely) with its undo offer: the focus stays where it was.
                        a11y::message(
                            ui,
                            RichText::new(strings::deleted(lang, &d.case.label)),
                            egui::accesskit::Live::Polite,
                        );
                        undo = ui.button(RichText::new(t.undo).strong()).clicked();
                        close = ui.button(t.dismiss).clicked();
                    });
                });
                if undo {
                    self.push(Command::UndoDelete);
                } else if close {
                    self.push(Command::ForgetDeleted);
                }
            }
            let mut dismiss = None;
            let mut open = None;
            // Newest first; the oldest beyond a handful wait behind one line.
            let shown = if self.ui.all_messages {
                usize::MAX
            } else {
                MAX_BANNERS
            };
            let count = self.state.banners.len();
            for b in self.state.banners.iter().rev().take(shown) {
                frame(if b.error { error_fill } else { info_fill }).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        let live = if b.error {
                            egui::accesskit::Live::Assertive
                        } else {
                            egui::accesskit::Live::Polite
                        };
                        a11y::message(ui, RichText::new(b.msg.text(lang)), live);
                        if let Some(p) = &b.path {
                            if ui.button(t.open_file).clicked() {
                                open = Some(p.clone());
                            }
                            if let Some(dir) = p.parent()
                                && ui.button(t.open_folder).clicked()
                            {
                                open = Some(dir.to_path_buf());
                            }
                        }
                        if ui.button(t.dismiss).clicked() {
                            dismiss = Some(b.id);
                        }
                    });
                });
            }
            if count > shown
                && ui
                    .button(format!("{} {}", count - shown, t.more_messages))
                    .clicked()
            {
                self.ui.all_messages = true;
            }
            if let Some(id) = dismiss {
                self.push(Command::DismissBanner(id));
            }
            if let Some(p) = open {
                self.push(Command::OpenPath(p));
            }
            if self.ui.offer_fallback.is_some() {
                frame(info_fill).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.label(t.cancelled);
                        if ui.button(t.save_to_default).clicked() {
                            self.push(Command::SaveToDefault);
                        }
                        if ui.button(t.dismiss).clicked() {
                            self.ui.offer_fallback = None;
                        }
                    });
                });
            }
            if let Some(picker) = &mut self.ui.picker {
                let mut picked = None;
                frame(info_fill).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    picked = picker.show(ui, lang);
                });
                match picked {
                    Some(Picked::Cancelled) => self.ui.picker = None,
                    Some(picked) => {
                        // The command the desktop's dialog gives for the same file. An import
                        // keeps the picker until the file is taken.
                        let job = picker.job.clone();
                        if job != Job::ImportCase {
                            self.ui.picker = None;
                        }
                        self.push_all(Command::picked(job, picked));
                    }
                    None => {}
                }
            }
            if self.dialogs.busy() {
                frame(info_fill).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(t.choosing_file);
                });
            }
        });
    }
}
