//! After the visit, in the app: the 输入清单码 field on the start screen, and the 复制文字 and
//! 日历 buttons of the checklist. Self-contained; the screens call these.

use super::App;
use super::command::Command;
use crate::view::View;
use crate::view::strings::{code_error, s};
use egui::RichText;

/// The code field and its 打开 button; an error says what is wrong with the code, in the
/// current language, until the code is changed.
pub(crate) fn code_entry(app: &mut App, ui: &mut egui::Ui) {
    let lang = app.lang();
    let t = s(lang);
    ui.add_space(20.0);
    let label = ui.label(RichText::new(t.enter_code).size(super::theme::size::NAV_BUTTON));
    let mut open = false;
    let field = ui.horizontal(|ui| {
        let before = app.ui.code_input.clone();
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut app.ui.code_input)
                    .hint_text("K7Q4-M2XP-9HT3")
                    .desired_width(240.0)
                    .font(egui::TextStyle::Monospace),
            )
            .labelled_by(label.id);
        if app.ui.code_input != before {
            app.ui.code_error = None;
        }
        open |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        open |= ui
            .button(RichText::new(t.open_code).size(super::theme::size::NAV_BUTTON))
            .clicked();
        r
    });
    if let Some(e) = &app.ui.code_error {
        // Announced at once, and the field marked wrong and described by it.
        let msg = code_error(lang, e);
        let m = super::a11y::message(
            ui,
            RichText::new(&msg).color(ui.visuals().error_fg_color),
            egui::accesskit::Live::Assertive,
        );
        super::a11y::mark_invalid(&field.inner, &msg, Some(m.id));
    }
    if open {
        app.push(Command::OpenCode(app.ui.code_input.trim().to_string()));
    }
}

/// 复制文字 and 日历, beside the print buttons.
pub(crate) fn toolbar_buttons(app: &mut App, ui: &mut egui::Ui, v: &View) {
    let t = s(app.lang());
    if ui
        .button(RichText::new(t.copy_text).size(super::theme::size::BUTTON))
        .clicked()
    {
        app.push(Command::CopyText(crate::view::plain::message_text(v)));
    }
    if ui
        .button(RichText::new(t.calendar).size(super::theme::size::BUTTON))
        .clicked()
    {
        app.push(Command::Calendar);
    }
}

/// The calm "what changed" panel: per case, what is new, what is no longer required and which
/// deadline moved. 知道了 records it as shown. Never blocks: the rest of the app works meanwhile.
pub(crate) fn changes_panel(app: &mut App, ui: &mut egui::Ui, fill: egui::Color32) {
    if app.ui.changes.is_empty() {
        return;
    }
    let lang = app.lang();
    let t = s(lang);
    let c = crate::view::strings::colon(lang);
    let mut ack = false;
    egui::Frame::new()
        .fill(fill)
        .inner_margin(8.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(t.recheck_title).strong());
            for ch in &app.ui.changes {
                let (from, to) = ch
                    .changes
                    .as_ref()
                    .map_or(("", ""), |x| (x.data_from.as_str(), x.data_to.as_str()));
                ui.label(
                    RichText::new(crate::view::strings::recheck_case(
                        lang, &ch.label, from, to,
                    ))
                    .strong(),
                );
                if let Some(e) = &ch.error {
                    ui.label(format!("! {e}"));
                }
                if let Some(x) = &ch.changes {
                    // Names looked up now: the language may have changed since start-up.
                    let name = |it: &crate::recheck::Item| {
                        crate::recheck::catalog_name(&app.state.catalog, it.kind, &it.id, lang)
                    };
                    for it in &x.new {
                        ui.label(format!("+ {}{c}{}", t.recheck_new, name(it)));
                    }
                    for it in &x.gone {
                        ui.label(format!("- {}{c}{}", t.recheck_gone, name(it)));
                    }
                    for m in &x.moved {
                        let date = |d: Option<chrono::NaiveDate>| {
                            d.map_or_else(
                                || crate::view::strings::no_date(lang).to_string(),
                                |d| d.to_string(),
                            )
                        };
                        let label = crate::recheck::catalog_name(
                            &app.state.catalog,
                            crate::recheck::ItemKind::Deadline,
                            &m.id,
                            lang,
                        );
                        let line =
                            crate::view::strings::moved(lang, &label, &date(m.from), &date(m.to));
                        ui.label(format!("→ {}{c}{line}", t.recheck_moved));
                    }
                }
            }
            ack = ui.button(t.dismiss).clicked();
        });
    if ack {
        app.push(Command::AcknowledgeChanges);
    }
}
