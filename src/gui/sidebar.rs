//! The side panel of saved cases, and the header of the open case (rename, duplicate, delete,
//! export).

use super::command::Command;
use super::strings::{self, s};
use super::theme::size;
use super::{Action, App};
use crate::engine::DUE_SOON_DAYS;
use egui::{Color32, RichText};

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    // The whole panel scrolls (at 200 % text size the list would otherwise get no room).
    egui::ScrollArea::vertical()
        .id_salt("case_panel")
        .auto_shrink([false, false])
        .show(ui, |ui| panel(app, ui));
}

fn panel(app: &mut App, ui: &mut egui::Ui) {
    let lang = app.lang();
    let t = s(lang);
    ui.add_space(6.0);
    ui.heading(t.saved_cases);
    ui.add_space(4.0);
    let new = egui::Button::new(RichText::new(t.new_case).size(size::OPTION).strong())
        .fill(ui.visuals().selection.bg_fill)
        .min_size(egui::vec2(ui.available_width(), 44.0));
    let editable = !app.state.read_only;
    if ui.add_enabled(editable, new).clicked() {
        app.push(Command::NewCase);
    }
    if ui
        .add_enabled(
            editable,
            egui::Button::new(t.import).min_size(egui::vec2(ui.available_width(), 0.0)),
        )
        .clicked()
    {
        app.push(Action::Import);
    }
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let l = ui.label(t.search);
        ui.add(
            egui::TextEdit::singleline(&mut app.ui.search)
                .hint_text(t.search_hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    });
    ui.separator();

    if app.state.cases.is_empty() {
        ui.label(RichText::new(t.no_cases).weak());
        return;
    }
    let needle = app.ui.search.trim().to_lowercase();
    let ids: Vec<String> = app
        .state
        .cases
        .iter()
        .filter(|c| {
            needle.is_empty()
                || strings::display_label(app.lang(), &c.label)
                    .to_lowercase()
                    .contains(&needle)
        })
        .map(|c| c.id.clone())
        .collect();
    if ids.is_empty() {
        ui.label(RichText::new(t.no_match).weak());
        return;
    }
    let mut open = None;
    // The list is one tab stop (the open case's row, else the first); arrows move within it.
    let stop = app
        .state
        .current
        .clone()
        .filter(|c| ids.contains(c))
        .unwrap_or_else(|| ids[0].clone());
    let focus_key = egui::Id::unique("case_list_focus");
    let refocus: bool = ui.data_mut(|d| d.remove_temp(focus_key)).unwrap_or(false);
    let mut step: Option<isize> = None;
    ui.scope(|ui| {
        for id in &ids {
            let summary = app.state.summary(id);
            let Some(case) = app.state.case(id) else {
                continue;
            };
            let selected = app.state.current.as_deref() == Some(id.as_str());
            let fill = if selected {
                ui.visuals().selection.bg_fill.gamma_multiply(0.35)
            } else {
                Color32::TRANSPARENT
            };
            egui::Frame::new()
                .fill(fill)
                .inner_margin(6.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let shown = strings::display_label(app.lang(), &case.label);
                    let r = row_button(ui, selected, &shown, *id == stop);
                    if r.clicked() {
                        open = Some(id.clone());
                    }
                    if *id == stop {
                        if refocus {
                            r.request_focus();
                        }
                        if r.has_focus() {
                            let (down, up) = ui.input(|i| {
                                (
                                    i.key_pressed(egui::Key::ArrowDown),
                                    i.key_pressed(egui::Key::ArrowUp),
                                )
                            });
                            step = if down {
                                Some(1)
                            } else if up {
                                Some(-1)
                            } else {
                                None
                            };
                        }
                    }
                    let line = if !summary.answered {
                        t.not_started.to_string()
                    } else if summary.scenario.is_empty() {
                        t.answering.to_string()
                    } else {
                        summary.scenario.clone()
                    };
                    ui.add(egui::Label::new(RichText::new(line).small()).truncate());
                    ui.horizontal_wrapped(|ui| {
                        match summary.progress {
                            Some((done, total)) => {
                                let text = strings::progress_short(lang, done, total);
                                let rt = RichText::new(text).small();
                                ui.label(if done == total && total > 0 {
                                    rt.color(ok_color(ui))
                                } else {
                                    rt
                                });
                            }
                            None if summary.answered && !summary.complete => {
                                ui.label(RichText::new(t.answering).small().weak());
                            }
                            None => {}
                        }
                        if let Some((date, days)) = summary.next_deadline {
                            let text = strings::next_deadline(lang, &date.to_string(), days);
                            let rt = RichText::new(text).small();
                            ui.label(if days <= DUE_SOON_DAYS {
                                rt.color(ui.visuals().warn_fg_color).strong()
                            } else {
                                rt
                            });
                        }
                    });
                });
        }
    });
    if let Some(d) = step {
        let at = ids.iter().position(|i| *i == stop).unwrap_or(0) as isize;
        let next = (at + d).clamp(0, ids.len() as isize - 1) as usize;
        if ids[next] != stop {
            app.ui.renaming = None;
            app.push(Command::OpenCase(ids[next].clone()));
            ui.data_mut(|d| d.insert_temp(focus_key, true));
        }
    }
    if let Some(id) = open {
        app.push(Command::OpenCase(id));
    }
}

/// A full-width, left-aligned button with the case label (truncated to one line), announced
/// as a toggle button named by the label.
fn row_button(ui: &mut egui::Ui, selected: bool, label: &str, tab_stop: bool) -> egui::Response {
    let pad = egui::vec2(8.0, 4.0);
    let width = ui.available_width();
    let galley = egui::WidgetText::from(RichText::new(label).strong().size(size::CARD_TITLE))
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            width - 2.0 * pad.x,
            egui::TextStyle::Button,
        );
    let sense = if tab_stop {
        egui::Sense::click()
    } else {
        // Clickable, but not a stop for Tab: the list is one stop.
        egui::Sense::CLICK
    };
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, galley.size().y + 2.0 * pad.y), sense);
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() || response.has_focus() {
            ui.painter().rect(
                rect,
                4.0,
                visuals.weak_bg_fill,
                visuals.bg_stroke,
                egui::StrokeKind::Inside,
            );
        }
        ui.painter()
            .galley(rect.min + pad, galley, visuals.text_color());
    }
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::accesskit::Role::Button,
            ui.is_enabled(),
            selected,
            label,
        )
    });
    response
}

fn ok_color(ui: &egui::Ui) -> Color32 {
    super::theme::Palette::of(ui).ok
}

/// The open case's name and what can be done with it.
pub(crate) fn case_header(app: &mut App, ui: &mut egui::Ui) {
    let t = s(app.lang());
    let Some(case) = app.state.current_case() else {
        return;
    };
    let id = case.id.clone();
    let label = strings::display_label(app.lang(), &case.label);
    if let Some(buf) = &mut app.ui.renaming {
        let mut done = None;
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.rename_to);
            let r = ui
                .add(egui::TextEdit::singleline(buf).desired_width(300.0))
                .labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(t.ok).clicked() || enter {
                done = Some(true);
            }
            if ui.button(t.cancel).clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                done = Some(false);
            }
        });
        super::fonts::note_missing_glyphs(ui, buf, app.state.lang());
        match done {
            Some(true) => {
                let label = buf.clone();
                app.push(Command::RenameCase { id, label });
            }
            Some(false) => app.ui.renaming = None,
            None => {}
        }
        return;
    }
    let narrow = app.narrow(ui.ctx());
    let mut act = None;
    ui.horizontal_wrapped(|ui| {
        // The case's name is the page's heading; the checklist's title, which a new checklist
        // puts the focus on.
        let title = RichText::new(&label).heading().strong();
        if app.state.screen == super::Screen::Checklist {
            super::a11y::page_title(ui, title, 1);
        } else {
            super::a11y::heading(ui, title, 1);
        }
        ui.add_space(12.0);
        let editable = !app.state.read_only;
        let buttons = |ui: &mut egui::Ui, act: &mut Option<u8>| {
            for (i, name) in [t.rename, t.duplicate, t.delete, t.export]
                .into_iter()
                .enumerate()
            {
                // Exporting reads; the others change the saved cases.
                let enabled = editable || i == 3;
                if ui.add_enabled(enabled, egui::Button::new(name)).clicked() {
                    *act = Some(i as u8);
                }
            }
        };
        if narrow {
            // One button instead of four rows of them on a small screen.
            ui.menu_button(t.case_menu, |ui| buttons(ui, &mut act));
        } else {
            buttons(ui, &mut act);
        }
    });
    super::fonts::note_missing_glyphs(ui, &label, app.lang());
    match act {
        Some(0) => app.ui.renaming = Some(label.clone()),
        Some(1) => app.push(Command::DuplicateCase(id)),
        Some(2) => app.push(Command::DeleteCase(id)),
        Some(3) => app.push(Action::ExportCase(id)),
        _ => {}
    }
}
