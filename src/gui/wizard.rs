//! The wizard: one question at a time, and the review page ("核对您的回答").

use super::command::Command;
use super::state::{Screen, WizardError, normalize_date};
use super::strings::{self, s};
use super::theme::size;
use super::{App, a11y};
use crate::catalog::{Lang, QuestionKind};
use crate::engine;
use egui::accesskit::{Live, Role};
use egui::{Color32, RichText};

pub(crate) fn error_color(ui: &egui::Ui) -> Color32 {
    super::theme::Palette::of(ui).error
}

/// The short label of a question (for sentences and the review page).
pub(crate) fn short_label(app: &App, qid: &str) -> String {
    let lang = app.lang();
    app.state
        .catalog
        .question(qid)
        .map(|q| q.label().get(lang).to_string())
        .unwrap_or_else(|| qid.to_string())
}

pub(crate) fn error_text(app: &App, e: &WizardError) -> Vec<String> {
    let lang = app.lang();
    let t = s(lang);
    match e {
        WizardError::ChooseOne => vec![t.choose_one.to_string()],
        WizardError::DateRequired => vec![t.date_required.to_string()],
        WizardError::SkipDate => vec![
            strings::skip_date_confirm(lang, &short_label(app, &app.state.wizard.question)),
            t.skip_again.to_string(),
        ],
        WizardError::Answer(errors) => errors
            .iter()
            .map(|e| strings::answer_error(lang, e, &|q: &str| short_label(app, q)))
            .collect(),
    }
}

/// The wizard's message: next to what it is about, and scrolled into view the frame it appears
/// (not every frame, so the page can still be scrolled away from it). Announced at once (an
/// assertive live region). Returns the first line's id and the whole text.
fn error_lines(app: &mut App, ui: &mut egui::Ui) -> Option<(egui::Id, String)> {
    let err = app.state.wizard.error.clone()?;
    ui.add_space(4.0);
    let key = egui::Id::unique("wizard_error_shown");
    let what = format!("{}{err:?}", app.state.wizard.question);
    let new = ui.data(|d| d.get_temp::<String>(key)).as_deref() != Some(what.as_str());
    let lines = error_text(app, &err);
    let mut first = None;
    for line in &lines {
        let r = a11y::message(
            ui,
            RichText::new(line)
                .color(error_color(ui))
                .size(size::FIELD_MESSAGE)
                .strong(),
            Live::Assertive,
        );
        first.get_or_insert(r.id);
        if new {
            r.scroll_to_me(None);
        }
    }
    instead_button(app, ui, &err);
    ui.data_mut(|d| d.insert_temp(key, what));
    first.map(|id| (id, lines.join(" ")))
}

/// Under an answer the data refuses, the answer it offers instead, one click away (the place
/// of treatment equal to the insured region: 改选“在参保地本地就医”).
fn instead_button(app: &mut App, ui: &mut egui::Ui, err: &WizardError) {
    let WizardError::Answer(errors) = err else {
        return;
    };
    let refused = errors
        .iter()
        .any(|e| matches!(e.kind, engine::AnswerErrorKind::SameAs { .. }));
    let catalog = &app.state.catalog;
    let offer = catalog
        .question(&app.state.wizard.question)
        .and_then(|q| q.not_same_as.as_ref())
        .and_then(|ns| ns.instead.clone());
    let (true, Some((qid, oid))) = (refused, offer) else {
        return;
    };
    let Some(label) = catalog
        .question(&qid)
        .and_then(|q| q.options.iter().find(|o| o.id == oid))
        .map(|o| o.label.get(app.lang()).to_string())
    else {
        return;
    };
    let text = strings::choose_instead(app.lang(), &label);
    if ui.add(egui::Button::new(text).wrap()).clicked() {
        app.push(Command::ChooseInstead {
            question: qid,
            option: oid,
        });
    }
}

/// ↓ and ↑ move the focus from option to option, in their order, and keep it in view (egui's
/// own search by direction could land on a button when the next option was scrolled away).
fn arrows_between(ui: &egui::Ui, radios: &[egui::Response]) {
    let Some(at) = radios.iter().position(egui::Response::has_focus) else {
        return;
    };
    let (down, up) = ui.input(|i| {
        let plain = i.modifiers.is_none();
        (
            plain && i.key_pressed(egui::Key::ArrowDown),
            plain && i.key_pressed(egui::Key::ArrowUp),
        )
    });
    let to = if down {
        (at + 1).min(radios.len() - 1)
    } else if up {
        at.saturating_sub(1)
    } else {
        return;
    };
    ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    radios[to].request_focus();
    radios[to].scroll_to_me(None);
}

fn focus_key() -> egui::Id {
    egui::Id::unique("wizard_focused_question")
}

/// Away from the wizard: the question shown on coming back is focused afresh (a new case starts
/// on the same first question).
pub(crate) fn forget_focus(ctx: &egui::Context) {
    ctx.data_mut(|d| d.remove::<String>(focus_key()));
}

/// Focuses `r` the first time question `qid` is drawn (not again, so Tab still moves on).
fn focus_once(ui: &egui::Ui, qid: &str, r: &egui::Response) {
    let key = focus_key();
    let done = ui.data(|d| d.get_temp::<String>(key)).as_deref() == Some(qid);
    if !done {
        r.request_focus();
        ui.data_mut(|d| d.insert_temp(key, qid.to_string()));
    }
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let lang = app.lang();
    let t = s(lang);
    let qid = app.state.wizard.question.clone();
    let Some(q) = app.state.catalog.question(&qid).cloned() else {
        app.push(Command::Show(Screen::Review));
        return;
    };
    let asked: Vec<String> = app.state.asked().iter().map(|q| q.id.clone()).collect();
    let pos = asked.iter().position(|a| *a == qid).unwrap_or(0);
    let current = app
        .state
        .current_case()
        .and_then(|c| c.answers.get(&qid))
        .map(str::to_string);

    // Short windows (a small screen at large text) are set tighter, so that the options show
    // together with the question.
    let short = app.short(ui.ctx());
    let gap = if short { 0.4 } else { 1.0 };
    // The page scrolls as a whole (see `App::show`).
    ui.scope(|ui| {
        ui.set_max_width(ui.available_width().min(820.0));
        if short {
            ui.spacing_mut().item_spacing.y = 4.0;
        }
        ui.add_space(6.0 * gap);
        // The question's number, not "n of m": what is asked grows with the answers.
        let n = strings::question_n(lang, pos + 1);
        // The questions that apply can grow as answers come in: the bar keeps its furthest point.
        let now = (pos + 1) as f32 / asked.len().max(1) as f32;
        let shown = now.max(app.state.wizard.progress);
        ui.horizontal(|ui| {
            ui.label(RichText::new(&n).size(size::BODY).weak());
            ui.add(egui::ProgressBar::new(shown).desired_height(8.0));
        });
        ui.add_space(10.0 * gap);
        let mut prompt = q.prompt.get(lang).to_string();
        if !q.required {
            prompt.push_str(t.optional);
        }
        // The question is the page's heading, and names the group of its options (a screen
        // reader entering the options reads it, and the help as the group's description).
        let heading = a11y::heading(
            ui,
            RichText::new(&prompt)
                .size(if short {
                    size::PROMPT_SHORT
                } else {
                    size::PROMPT
                })
                .strong(),
            2,
        );
        let help = q.help.as_ref().map(|h| h.get(lang).to_string());
        if let Some(help) = &help {
            ui.add_space(2.0 * gap);
            ui.label(RichText::new(help).size(if short { size::SMALL } else { size::BODY }));
        }
        ui.add_space(12.0 * gap);
        // The wizard puts the focus on the options itself.
        a11y::keep_focus(ui.ctx());
        let role = match q.kind {
            QuestionKind::Choice => Role::RadioGroup,
            QuestionKind::Date => Role::Group,
        };
        let mut enter = false;
        a11y::group(ui, role, &prompt, help.as_deref(), Some(heading.id), |ui| {
            match q.kind {
                QuestionKind::Choice => {
                    let mut chosen = None;
                    let mut radios = Vec::new();
                    ui.label_inputs_by(heading.id, |ui| {
                        for o in &q.options {
                            let selected = current.as_deref() == Some(o.id.as_str());
                            let fill = if selected {
                                ui.visuals().selection.bg_fill.gamma_multiply(0.3)
                            } else {
                                ui.visuals().faint_bg_color
                            };
                            let stroke = if selected {
                                egui::Stroke::new(2.0, ui.visuals().selection.stroke.color)
                            } else {
                                egui::Stroke::NONE
                            };
                            let card = egui::Frame::new()
                                .fill(fill)
                                .stroke(stroke)
                                .inner_margin(egui::Margin::symmetric(
                                    12,
                                    if short { 4 } else { 10 },
                                ))
                                .corner_radius(6.0)
                                .show(ui, |ui| {
                                    ui.set_width(ui.available_width());
                                    // A focused option keeps the empty circle of an unchosen one (egui
                                    // fills it grey, which read as "chosen"); the focus ring and the
                                    // card's outline say where the keyboard is.
                                    let w = &mut ui.visuals_mut().widgets;
                                    w.active.bg_fill = w.inactive.bg_fill;
                                    w.hovered.bg_fill = w.inactive.bg_fill;
                                    let r = ui.add(egui::RadioButton::new(
                                        selected,
                                        RichText::new(o.label.get(lang)).size(if short {
                                            size::OPTION_SHORT
                                        } else {
                                            size::OPTION
                                        }),
                                    ));
                                    if r.clicked() {
                                        chosen = Some(o.id.clone());
                                    }
                                    radios.push(r.clone());
                                    // Keyboard: a new question puts the focus on its chosen (else
                                    // first) option, so arrows pick and Enter goes on.
                                    let first = q.options.first().map(|f| &f.id) == Some(&o.id);
                                    if selected || (current.is_none() && first) {
                                        focus_once(ui, &qid, &r);
                                    }
                                    if let Some(h) = &o.help {
                                        ui.label(
                                            RichText::new(h.get(lang))
                                                .size(if short { size::TINY } else { size::DETAIL })
                                                .weak(),
                                        );
                                    }
                                });
                            // The whole card picks the option (a big target); the radio button
                            // inside stays the one named, focusable control.
                            let whole = ui.interact(
                                card.response.rect,
                                ui.make_persistent_id(("option_card", &o.id)),
                                egui::Sense::CLICK,
                            );
                            if whole.clicked() {
                                chosen = Some(o.id.clone());
                            }
                            whole.on_hover_cursor(egui::CursorIcon::PointingHand);
                            ui.add_space(4.0 * gap);
                        }
                    });
                    arrows_between(ui, &radios);
                    if let Some(option) = chosen {
                        app.push(Command::Choose {
                            question: qid.clone(),
                            option,
                        });
                    }
                }
                QuestionKind::Date => {
                    let today = app.state.today.to_string();
                    // The field shows the state's text; a change goes back as a command.
                    let mut text = app
                        .state
                        .wizard
                        .date_text
                        .get(&qid)
                        .cloned()
                        .or_else(|| current.clone())
                        .unwrap_or_default();
                    let buf = &mut text;
                    let mut edited = false;
                    let field = ui
                        .horizontal_wrapped(|ui| {
                            let r = ui
                                .add(
                                    egui::TextEdit::singleline(buf)
                                        .hint_text(t.date_hint)
                                        .font(egui::FontId::proportional(size::DATE_FIELD))
                                        .desired_width(200.0)
                                        .char_limit(20),
                                )
                                .labelled_by(heading.id);
                            edited |= r.changed();
                            // Typed digits go to the field at once, and again after a message.
                            focus_once(ui, &qid, &r);
                            if app.state.wizard.error.is_some() && a11y::nothing_focused(ui.ctx()) {
                                r.request_focus();
                            }
                            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                                enter = true;
                            }
                            if ui
                                .add(egui::Button::new(RichText::new(t.today).size(size::BUTTON)))
                                .clicked()
                            {
                                *buf = today.clone();
                                edited = true;
                            }
                            r
                        })
                        .inner;
                    // What is wrong with the date, right under the field, which it marks invalid.
                    let mut wrong = error_lines(app, ui);
                    // Say what is wrong while typing, once the text is long enough to be a date.
                    let typed = normalize_date(&text);
                    if edited {
                        app.push(Command::TypeDate {
                            question: qid.clone(),
                            text: text.clone(),
                        });
                    }
                    if app.state.wizard.error.is_none() && typed.len() >= 10 {
                        let errs = app.state.date_errors(&qid, &typed);
                        for e in errs {
                            let msg =
                                strings::answer_error(lang, &e, &|q: &str| short_label(app, q));
                            let r = a11y::message(
                                ui,
                                RichText::new(&msg)
                                    .color(error_color(ui))
                                    .size(size::FIELD_MESSAGE),
                                Live::Assertive,
                            );
                            wrong.get_or_insert((r.id, msg));
                        }
                    }
                    if let Some((id, msg)) = &wrong {
                        a11y::mark_invalid(&field, msg, Some(*id));
                    }
                    ui.label(RichText::new(t.date_format).size(size::DETAIL).weak());
                }
            }

            if q.kind == QuestionKind::Choice {
                error_lines(app, ui);
            }
        });

        if enter {
            app.push(Command::Next);
        }
        ui.add_space(16.0);
    });
}

/// Back / next / skip, in a bar under the page so they stay in view on long option lists.
pub(crate) fn nav(app: &mut App, ui: &mut egui::Ui) {
    let t = s(app.lang());
    let qid = app.state.wizard.question.clone();
    let Some(required) = app.state.catalog.question(&qid).map(|q| q.required) else {
        return;
    };
    let first = app.state.asked().first().is_none_or(|q| q.id == qid);
    let date = app
        .state
        .catalog
        .question(&qid)
        .is_some_and(|q| q.kind == QuestionKind::Date);
    let short = app.short(ui.ctx());
    ui.add_space(if short { 2.0 } else { 6.0 });
    ui.horizontal_wrapped(|ui| {
        let h = if short { 30.0 } else { 40.0 };
        let big = |text: &str| {
            egui::Button::new(RichText::new(text).size(size::NAV_BUTTON))
                .min_size(egui::vec2(120.0, h))
        };
        if !first && ui.add(big(t.back)).clicked() {
            app.push(Command::Back);
        }
        if ui
            .add(big(t.next).fill(ui.visuals().selection.bg_fill))
            .clicked()
        {
            app.push(Command::Next);
        }
        if !required && ui.add(big(t.skip)).clicked() {
            app.push(Command::Skip);
        }
        if date && !required && ui.add(big(t.skip_dates)).clicked() {
            app.push(Command::SkipOptionalDates);
        }
    });
    ui.add_space(2.0);
}

/// The review page's footer: its main button stays in view however long the page is.
pub(crate) fn review_nav(app: &mut App, ui: &mut egui::Ui) {
    let t = s(app.lang());
    let Some(id) = app.state.current.clone() else {
        return;
    };
    let pending: Vec<String> = match app.state.derived(&id).as_deref() {
        Some(Ok(d)) => d.pending_required.clone(),
        _ => Vec::new(),
    };
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        if pending.is_empty() {
            let b = egui::Button::new(RichText::new(t.show_checklist).size(size::OPTION).strong())
                .fill(ui.visuals().selection.bg_fill)
                .min_size(egui::vec2(220.0, 44.0));
            if ui.add(b).clicked() {
                app.push(Command::Show(Screen::Checklist));
            }
        } else if ui
            .add(
                egui::Button::new(RichText::new(t.answer_now).size(size::NAV_BUTTON))
                    .min_size(egui::vec2(160.0, 40.0)),
            )
            .clicked()
        {
            app.push(Command::Goto {
                question: pending[0].clone(),
                from_review: true,
            });
        }
    });
    ui.add_space(2.0);
}

/// "核对您的回答": every asked question with its answer and a change link.
pub fn review(app: &mut App, ui: &mut egui::Ui) {
    let lang = app.lang();
    let t = s(lang);
    let Some(case) = app.state.current_case() else {
        return;
    };
    let answers = case.answers.clone();
    let questions: Vec<(String, String, Option<String>, bool)> =
        engine::asked_questions(&app.state.catalog, &answers)
            .iter()
            .map(|q| {
                let label = q.label().get(lang).to_string();
                let value = answers.get(&q.id).map(|v| value_label(app, &q.id, v, lang));
                (q.id.clone(), label, value, q.required)
            })
            .collect();
    let id = case.id.clone();
    let derived = app.state.derived(&id);
    let pending_required: Vec<String> = match derived.as_deref() {
        Some(Ok(d)) => d.pending_required.clone(),
        _ => Vec::new(),
    };

    let mut goto = None;
    // The page scrolls as a whole (see `App::show`).
    ui.scope(|ui| {
        ui.set_max_width(ui.available_width().min(820.0));
        ui.add_space(6.0);
        a11y::page_title(
            ui,
            RichText::new(t.review_title).size(size::PROMPT).heading(),
            2,
        );
        ui.label(t.review_intro);
        ui.add_space(10.0);
        for (qid, label, value, required) in &questions {
            egui::Frame::new()
                .fill(ui.visuals().faint_bg_color)
                .inner_margin(10.0)
                .corner_radius(6.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(format!("{label}{}", strings::colon(lang))).strong(),
                        );
                        match value {
                            Some(v) => ui.label(RichText::new(v).size(size::CARD_TITLE)),
                            None if *required => {
                                ui.label(RichText::new(t.not_answered).color(error_color(ui)))
                            }
                            None => ui.label(RichText::new(t.not_answered).weak()),
                        };
                        ui.add_space(8.0);
                        let r = ui
                            .button(t.change)
                            .accessible_name(strings::change_named(lang, label));
                        if r.clicked() {
                            goto = Some(qid.clone());
                        }
                    });
                });
            ui.add_space(4.0);
        }
        ui.add_space(12.0);
        if !pending_required.is_empty() {
            ui.label(
                RichText::new(t.required_missing)
                    .color(error_color(ui))
                    .strong(),
            );
            for q in &pending_required {
                ui.horizontal(|ui| {
                    ui.label(format!("• {}", short_label(app, q)));
                });
            }
        }
    });
    if let Some(question) = goto {
        app.push(Command::Goto {
            question,
            from_review: true,
        });
    }
}

/// The label of an answer: the option's label, or the date itself.
pub(crate) fn value_label(app: &App, qid: &str, value: &str, lang: Lang) -> String {
    app.state
        .catalog
        .option_label(qid, value)
        .map(|l| l.get(lang).to_string())
        .unwrap_or_else(|| value.to_string())
}
