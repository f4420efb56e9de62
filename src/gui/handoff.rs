//! After the visit, in the app: the 输入清单码 field on the start screen, and the 复制文字 and
//! 日历 buttons of the checklist. Self-contained; the screens call these.

use super::{Action, App};
use crate::cases::Case;
use crate::view::View;
use crate::view::strings::{Msg, code_error, s};
use egui::RichText;

/// The code field and its 打开 button; an error says what is wrong with the code, in the
/// current language, until the code is changed.
pub fn code_entry(app: &mut App, ui: &mut egui::Ui) {
    let lang = app.lang();
    let t = s(lang);
    ui.add_space(20.0);
    let label = ui.label(RichText::new(t.enter_code).size(19.0));
    let mut open = false;
    ui.horizontal(|ui| {
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
        open |= ui.button(RichText::new(t.open_code).size(19.0)).clicked();
    });
    if let Some(e) = &app.ui.code_error {
        ui.colored_label(ui.visuals().error_fg_color, code_error(lang, e));
    }
    if open {
        open_code(app);
    }
}

/// Opens a new case from the code typed: the checklist when it is complete, else the wizard.
pub fn open_code(app: &mut App) {
    let code = app.ui.code_input.trim().to_string();
    match crate::handoff::decode(&code) {
        Ok(answers) => {
            let t = s(app.lang());
            let mut case = Case::new(format!("{} {}", t.code_label, code.to_uppercase()));
            case.answers = answers;
            app.ui.code_input.clear();
            app.ui.code_error = None;
            app.state.add_imported(case);
        }
        Err(e) => app.ui.code_error = Some(e),
    }
}

/// 复制文字 and 日历, beside the print buttons.
pub fn toolbar_buttons(app: &mut App, ui: &mut egui::Ui, v: &View) {
    let t = s(app.lang());
    if ui
        .button(RichText::new(t.copy_text).size(super::theme::size::BUTTON))
        .clicked()
    {
        ui.ctx().copy_text(crate::view::plain::message_text(v));
        app.state.push_banner(Msg::Copied, false);
    }
    if ui
        .button(RichText::new(t.calendar).size(super::theme::size::BUTTON))
        .clicked()
    {
        app.push_action(Action::Calendar);
    }
}
