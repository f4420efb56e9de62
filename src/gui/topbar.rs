//! The top bar: the list toggle, language, text size and theme (all remembered).

use super::App;
use super::state::{MAX_ZOOM, MIN_ZOOM};
use super::strings::s;
use crate::catalog::Lang;

/// A group of widgets kept on one line: it starts a new row when it no longer fits (its width is
/// remembered from the frame before).
fn group(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    let id = ui.next_auto_id().with("group_width");
    let last: Option<f32> = ui.data(|d| d.get_temp(id));
    if let Some(w) = last
        && ui.available_size_before_wrap().x < w
        && ui.cursor().min.x > ui.max_rect().min.x + 1.0
    {
        ui.end_row();
    }
    let r = ui.horizontal(add).response;
    ui.data_mut(|d| d.insert_temp(id, r.rect.width()));
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let t = s(app.lang());
    ui.add_space(4.0);
    // Each group stays on one line; the groups wrap as wholes when the window is narrow.
    ui.horizontal_wrapped(|ui| {
        let settings = &mut app.state.settings;
        let list = if settings.show_list {
            t.hide_list
        } else {
            t.show_list
        };
        if ui.button(list).clicked() {
            settings.show_list = !settings.show_list;
        }
        ui.separator();

        group(ui, |ui| {
            let lang_label = ui.label(t.language);
            ui.label_inputs_by(lang_label.id, |ui| {
                ui.selectable_value(&mut settings.lang, Lang::Zh, "中文");
                ui.selectable_value(&mut settings.lang, Lang::En, "English");
            });
        });
        ui.separator();

        group(ui, |ui| {
            ui.label(t.text_size);
            let zoom = settings.clamped_zoom();
            let smaller = ui
                .add_enabled(zoom > MIN_ZOOM, egui::Button::new("A-"))
                .on_hover_text(t.smaller_text)
                .accessible_name(t.smaller_text);
            if smaller.clicked() {
                settings.zoom_out();
            }
            ui.label(format!("{:.0}%", zoom * 100.0));
            let larger = ui
                .add_enabled(zoom < MAX_ZOOM, egui::Button::new("A+"))
                .on_hover_text(t.larger_text)
                .accessible_name(t.larger_text);
            if larger.clicked() {
                settings.zoom_in();
            }
        });
        ui.separator();

        group(ui, |ui| {
            let theme_label = ui.label(t.theme);
            ui.label_inputs_by(theme_label.id, |ui| {
                ui.selectable_value(&mut settings.dark, false, t.light);
                ui.selectable_value(&mut settings.dark, true, t.dark);
            });
        });
    });
    ui.add_space(2.0);
}
