//! The start page, with no case open.

use super::command::Command;
use super::state::Screen;
use super::strings::s;
use super::{App, a11y, duelist, handoff, theme};
use egui::RichText;

impl App {
    /// The start page: 新建, the front desk's 常用情形, 输入清单码 and what falls due soon.
    pub(super) fn welcome(&mut self, ui: &mut egui::Ui) {
        let t = s(self.lang());
        let short = self.short(ui.ctx());
        ui.add_space(if short { 8.0 } else { 24.0 });
        ui.vertical_centered(|ui| {
            ui.set_max_width(ui.available_width().min(640.0));
            // On a short window both buttons come first: the words are for a larger screen.
            if !short {
                a11y::heading(
                    ui,
                    RichText::new(t.welcome_title)
                        .size(theme::size::WELCOME_TITLE)
                        .heading(),
                    1,
                );
                ui.add_space(12.0);
                ui.label(RichText::new(t.welcome_text).size(theme::size::NAV_BUTTON));
                ui.add_space(20.0);
            }
            let b = egui::Button::new(
                RichText::new(t.welcome_start)
                    .size(theme::size::BIG_BUTTON)
                    .strong(),
            )
            .min_size(egui::vec2(280.0, 56.0));
            let start = ui.add(b);
            // The keyboard starts here: Enter starts a case, Tab then Enter the front desk's list.
            a11y::keep_focus(ui.ctx());
            if std::mem::take(&mut self.ui.focus_start) || a11y::nothing_focused(ui.ctx()) {
                start.request_focus();
            }
            if start.clicked() {
                self.push(Command::NewCase);
            }
            ui.add_space(10.0);
            // The front desk's path: a common situation printed in two clicks.
            let q = egui::Button::new(RichText::new(t.quick_button).size(theme::size::NAV_BUTTON))
                .min_size(egui::vec2(280.0, 44.0));
            if ui.add(q).clicked() {
                self.push(Command::Show(Screen::Quick));
            }
            ui.add_space(12.0);
            if !self.state.index.is_empty() {
                let narrow = self.narrow(ui.ctx());
                ui.label(if narrow {
                    t.welcome_or_pick_narrow
                } else {
                    t.welcome_or_pick
                });
            }
            handoff::code_entry(self, ui);
            // On a small screen the top bar keeps to one row: 数据更新 is here instead.
            if self.narrow(ui.ctx()) {
                ui.add_space(8.0);
                let w = crate::view::strings::data_words(self.lang());
                if ui.button(w.button).on_hover_text(w.button_hint).clicked() {
                    self.push(Command::OpenData);
                }
            }
            // Below the start page's own tools, which stay where the keyboard and the clerk
            // expect them.
            ui.add_space(12.0);
            let fill = theme::Palette::of(ui).info_fill;
            duelist::due_panel(self, ui, fill);
        });
    }
}
