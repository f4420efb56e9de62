//! The keyboard map: the app's shortcuts (before the frame is drawn), Enter and Esc when no
//! widget took them (after it), and the reading keys that scroll the page.

use super::command::Command;
use super::state::Screen;
use super::{App, a11y, theme};

impl App {
    /// The app's shortcuts: text size (Ctrl +, -, 0), 新建 (Ctrl+N), 打印 (Ctrl+P), PDF (Ctrl+E),
    /// 首页 (Ctrl+H).
    pub(super) fn keyboard(&mut self, ctx: &egui::Context) {
        use egui::gui_zoom::kb_shortcuts::{ZOOM_IN, ZOOM_IN_SECONDARY, ZOOM_OUT, ZOOM_RESET};
        let (zin, zout, reset) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&ZOOM_IN) || i.consume_shortcut(&ZOOM_IN_SECONDARY),
                i.consume_shortcut(&ZOOM_OUT),
                i.consume_shortcut(&ZOOM_RESET),
            )
        });
        if zin {
            self.push(Command::ZoomIn);
        }
        if zout {
            self.push(Command::ZoomOut);
        }
        if reset {
            self.push(Command::ZoomReset);
        }
        use egui::{Key, KeyboardShortcut, Modifiers};
        let (new, print, export, home) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::N)),
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::P)),
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)),
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::H)),
            )
        });
        if home {
            self.push(Command::Home);
        }
        if new && !self.state.read_only {
            self.push(Command::NewCase);
        }
        if print && self.state.screen == Screen::Checklist {
            self.push(Command::Print {
                blank: false,
                full: false,
            });
        }
        if export && self.state.screen == Screen::Checklist {
            self.push(Command::Pdf {
                blank: false,
                full: false,
            });
        }
    }

    /// Enter and Esc, when no widget took them this frame: Enter goes on (next question, the
    /// checklist from the review, a new case from the start page), Esc goes back.
    pub(super) fn keys_after(&mut self, ctx: &egui::Context) {
        let (enter, esc) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::Enter) && i.modifiers.is_none(),
                i.key_pressed(egui::Key::Escape) && i.modifiers.is_none(),
            )
        });
        // A widget that took the key (a focused button, the date field) has asked for its
        // change already: the key does not act twice.
        let taken = self.commands.iter().any(Command::moves_page);
        if (!enter && !esc) || taken || self.ui.renaming.is_some() {
            return;
        }
        match (&self.state.screen, enter) {
            (Screen::Wizard, true) => self.push(Command::Next),
            (Screen::Wizard, false) => {
                // Esc on the first question leaves the wizard for the start page.
                let first = self.state.asked().first().map(|q| q.id.clone());
                if first.is_none_or(|q| q == self.state.wizard.question) {
                    self.push(Command::Home);
                } else {
                    self.push(Command::Back);
                }
            }
            (Screen::Review, true) => {
                let complete = self
                    .state
                    .current
                    .clone()
                    .and_then(|id| self.state.derived(&id));
                if complete.is_some_and(|d| matches!(&*d, Ok(d) if d.is_complete())) {
                    self.push(Command::Show(Screen::Checklist));
                }
            }
            (Screen::Quick, false) => self.push(Command::Show(Screen::Welcome)),
            (Screen::Review, false) => {
                if let Some(question) = self.state.asked().last().map(|q| q.id.clone()) {
                    self.push(Command::Goto {
                        question,
                        from_review: false,
                    });
                }
            }
            (Screen::Welcome, true) if !self.state.read_only => self.push(Command::NewCase),
            _ => {}
        }
    }
}

/// The reading keys scroll the page: PageUp/PageDown and Space (Shift+Space back) a screen,
/// Home/End (also with Ctrl) to either end, the arrows a line. Not while a text field has the
/// keyboard, nor Space and the arrows while a control has the focus (Space presses it, arrows
/// move within it), nor the arrows where a list takes them (`arrows` false).
pub(super) fn page_keys(ui: &mut egui::Ui, arrows: bool) {
    use egui::Key;
    let ctx = ui.ctx().clone();
    if !a11y::nothing_focused(&ctx) || egui::Popup::is_any_open(&ctx) {
        return;
    }
    let free = a11y::nothing_focused(&ctx);
    let arrows = arrows && free;
    let screen = (ui.clip_rect().height() - 3.0 * theme::size::BODY).max(theme::size::BODY);
    let line = 3.0 * theme::size::BODY;
    // Scrolled back by a positive delta, on by a negative one.
    let delta = ui.input(|i| {
        let pressed = |k| i.key_pressed(k);
        if pressed(Key::Home) {
            f32::MAX / 4.0
        } else if pressed(Key::End) {
            -f32::MAX / 4.0
        } else if pressed(Key::PageUp) || (free && pressed(Key::Space) && i.modifiers.shift) {
            screen
        } else if pressed(Key::PageDown) || (free && pressed(Key::Space)) {
            -screen
        } else if arrows && pressed(Key::ArrowUp) {
            line
        } else if arrows && pressed(Key::ArrowDown) {
            -line
        } else {
            0.0
        }
    });
    if delta != 0.0 {
        ui.scroll_with_delta_animation(
            egui::vec2(0.0, delta),
            egui::style::ScrollAnimation::none(),
        );
        // The arrows read on from the page's title: they scroll, and do not also move the
        // focus to the control above or below it.
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
}
