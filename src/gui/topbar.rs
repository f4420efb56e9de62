//! The top bar: the list toggle, language, text size and theme (all remembered), kept to one
//! row where it can be: at 200 % text every row costs the page a tenth of a small screen.

use super::App;
use super::command::Command;
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
        let narrow = app.narrow(ui.ctx());
        // What the bar shows, read once (the clicks go back as commands).
        let s = &app.state.settings;
        let (show_list, lang, dark, zoom) = (s.show_list, s.lang, s.dark, s.clamped_zoom());
        let mut cmds = Vec::new();
        // The way back to the start page (常用情形, 输入清单码, 新建) from every screen.
        if ui.button(t.home).on_hover_text(t.home_hint).clicked() {
            cmds.push(Command::Home);
        }
        // 数据更新 on the start page: installing data is not done in the middle of a case. A
        // small screen has it on the page itself (the bar keeps to one row).
        if !narrow
            && app.state.screen == super::state::Screen::Welcome
            && app.state.current.is_none()
            && app.ui.data.is_none()
        {
            let w = crate::view::strings::data_words(app.lang());
            if ui.button(w.button).on_hover_text(w.button_hint).clicked() {
                cmds.push(Command::OpenData);
            }
        }
        let shown = if narrow { app.ui.list_open } else { show_list };
        let list = if shown { t.hide_list } else { t.show_list };
        // A small screen keeps the bar to one row: a short toggle that shows its state.
        let toggle = if narrow {
            ui.selectable_label(shown, t.list_short).on_hover_text(list)
        } else {
            ui.button(list)
        };
        if toggle.clicked() {
            if narrow {
                app.ui.list_open = !app.ui.list_open;
            } else {
                cmds.push(Command::ShowList(!show_list));
            }
        }
        ui.separator();

        // One button that switches to the other language, named in that language, so that
        // someone who cannot read the current one still finds it.
        let (other, name) = match lang {
            Lang::Zh => (Lang::En, "English"),
            Lang::En => (Lang::Zh, "中文"),
        };
        if ui.button(name).on_hover_text(t.language).clicked() {
            cmds.push(Command::SetLang(other));
        }
        ui.separator();

        group(ui, |ui| {
            if !narrow {
                ui.label(t.text_size);
            }
            let smaller = ui
                .add_enabled(zoom > MIN_ZOOM, egui::Button::new("A-"))
                .on_hover_text(t.smaller_text)
                .accessible_name(t.smaller_text);
            if smaller.clicked() {
                cmds.push(Command::ZoomOut);
            }
            ui.label(format!("{:.0}%", zoom * 100.0));
            let larger = ui
                .add_enabled(zoom < MAX_ZOOM, egui::Button::new("A+"))
                .on_hover_text(t.larger_text)
                .accessible_name(t.larger_text);
            if larger.clicked() {
                cmds.push(Command::ZoomIn);
            }
        });
        ui.separator();

        let theme = if dark { t.light } else { t.dark };
        if ui.button(theme).on_hover_text(t.theme).clicked() {
            cmds.push(Command::SetDark(!dark));
        }
        app.push_all(cmds);
    });
    ui.add_space(2.0);
}
