//! 常用情形: the front desk's common situations (data in `checklists/quick.ron` and the user's
//! overrides). Pick one, optionally type the patient's name, print: two clicks from the start
//! screen. Arrow keys move the highlight and Enter prints it, so the keyboard path is short too.

use super::command::Command;
use super::strings::s;
use super::theme::size;
use super::{App, a11y};
use egui::RichText;

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let t = s(app.lang());
    let lang = app.lang();
    let sheets: Vec<(String, String)> = app
        .state
        .catalog
        .quick_sheets
        .iter()
        .map(|q| (q.id.clone(), q.name.get(lang).to_string()))
        .collect();
    ui.add_space(6.0);
    a11y::page_title(
        ui,
        RichText::new(t.quick_title).size(size::PAGE_TITLE).strong(),
        1,
    );
    ui.add(egui::Label::new(RichText::new(t.quick_intro).size(size::BODY)).wrap());
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(RichText::new(t.patient_name).size(size::BODY));
        ui.add(
            egui::TextEdit::singleline(&mut app.ui.quick_name)
                .hint_text(t.patient_name_hint)
                .desired_width(240.0),
        )
        .labelled_by(l.id);
    });
    printer_choice(app, ui);
    ui.add_space(6.0);
    if sheets.is_empty() {
        ui.label(t.quick_none);
        return;
    }
    // Arrow keys move the highlight unless another control has the keyboard (a field, a
    // button): nothing, the page's title or a row of the list.
    // The rows' ids as last drawn: a focused row is the list's, not a button (Enter prints it).
    let rows_key = egui::Id::unique("quick_rows");
    let rows: Vec<egui::Id> = ui.data(|d| d.get_temp(rows_key)).unwrap_or_default();
    let focused = ui.ctx().memory(|m| m.focused());
    let on_row = focused.is_some_and(|f| rows.contains(&f));
    let typing = !a11y::nothing_focused(ui.ctx()) && !on_row;
    let n = sheets.len();
    let (up, down, enter) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::Enter) && i.modifiers.is_none(),
        )
    });
    if !typing && (down || up) {
        if down {
            app.ui.quick_selected = (app.ui.quick_selected + 1).min(n - 1);
        }
        if up {
            app.ui.quick_selected = app.ui.quick_selected.saturating_sub(1);
        }
        app.ui.quick_moved = true;
    }
    let selected = app.ui.quick_selected.min(n - 1);
    if enter && !typing {
        app.push(Command::PrintQuick {
            id: sheets[selected].0.clone(),
        });
    }
    // A row focused by Tab is the one highlighted.
    if let Some(i) = focused.and_then(|f| rows.iter().position(|r| *r == f))
        && i != selected
        && !(down || up)
    {
        app.ui.quick_selected = i;
    }
    let mut ids = Vec::with_capacity(n);
    a11y::list_box(ui, t.quick_title, |ui| {
        for (i, (id, name)) in sheets.iter().enumerate() {
            let fill = if i == selected {
                ui.visuals().selection.bg_fill.gamma_multiply(0.35)
            } else {
                ui.visuals().faint_bg_color
            };
            let (row_id, row) =
                a11y::list_option(ui, ("quick_row", id), name, i == selected, |ui| {
                    egui::Frame::new()
                        .fill(fill)
                        .inner_margin(egui::Margin::symmetric(10, 6))
                        .corner_radius(6.0)
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.horizontal_wrapped(|ui| {
                                let print = ui
                                    .button(RichText::new(t.print).size(size::BUTTON).strong())
                                    .on_hover_text(name.as_str());
                                let print =
                                    print.accessible_name(super::strings::print_named(lang, name));
                                if print.clicked() {
                                    app.ui.quick_selected = i;
                                    app.push(Command::PrintQuick { id: id.clone() });
                                }
                                let pdf = ui
                                    .button(RichText::new(t.save_pdf).size(size::BODY))
                                    .accessible_name(super::strings::pdf_named(lang, name));
                                if pdf.clicked() {
                                    app.ui.quick_selected = i;
                                    app.push(Command::QuickPdf { id: id.clone() });
                                }
                                ui.add(
                                    egui::Label::new(RichText::new(name).size(size::CARD_TITLE))
                                        .wrap(),
                                );
                            });
                        })
                });
            ids.push(row_id);
            // The highlighted row stays in view: the clerk prints what he sees. An arrow key moves
            // the keyboard focus with it, so a screen reader reads the row and its selection.
            if i == selected && std::mem::take(&mut app.ui.quick_moved) {
                row.response.scroll_to_me(None);
                ui.memory_mut(|m| {
                    m.move_focus(egui::FocusDirection::None);
                    m.request_focus(row_id);
                });
            }
            ui.add_space(2.0);
        }
    });
    ui.data_mut(|d| d.insert_temp(rows_key, ids));
}

/// A choice of printer when there is more than one; remembered.
pub(crate) fn printer_choice(app: &mut App, ui: &mut egui::Ui) {
    let t = s(app.lang());
    let printers = app.printers().to_vec();
    if printers.len() < 2 {
        return;
    }
    let current = app
        .state
        .settings
        .printer
        .clone()
        .filter(|p| printers.iter().any(|x| &x.name == p))
        .unwrap_or_else(|| printers[0].name.clone());
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(RichText::new(t.printer).size(size::BODY));
        let mut chosen = current.clone();
        egui::ComboBox::from_id_salt("printer")
            .selected_text(&chosen)
            .show_ui(ui, |ui| {
                for p in &printers {
                    ui.selectable_value(&mut chosen, p.name.clone(), &p.name);
                }
            })
            .response
            .labelled_by(l.id);
        if chosen != current || app.state.settings.printer.is_none() {
            app.push(Command::SetPrinter(chosen));
        }
    });
}
