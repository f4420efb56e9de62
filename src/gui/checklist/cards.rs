//! The checklist's cards, one function per kind: the summary, a notice, a material, a step, a
//! deadline, a version.

use super::PhotoCtx;
use super::widgets::{
    badge, card, details_lines, disclosure, item_card, more_button, note_field, open_state,
    side_by_side, text, tick, title_row, urgency_badge,
};
use crate::gui::a11y;
use crate::gui::command::Command;
use crate::gui::strings::{labelled, s, with_cites};
use crate::gui::theme::{Palette, size};
use crate::view::{DeadlineCard, MaterialCard, NoticeCard, StepCard, Summary, VersionView, View};
use egui::RichText;

pub(super) fn summary(
    ui: &mut egui::Ui,
    v: &View,
    sm: &Summary,
    p: &Palette,
    edits: &mut Vec<Command>,
) {
    let t = s(v.lang);
    if let Some(x) = &sm.incomplete {
        card(ui, p.warn_fill, |ui| {
            ui.horizontal_wrapped(|ui| {
                text(ui, RichText::new(x).strong());
                if ui.button(t.continue_answering).clicked() {
                    edits.push(Command::ContinueWizard);
                }
            });
        });
    }
    card(ui, p.urgency_fill(sm.urgency), |ui| {
        let head = RichText::new(&sm.headline).size(size::HEADLINE).strong();
        text(
            ui,
            if sm.urgency.is_pressing() {
                head.color(p.error)
            } else {
                head
            },
        );
        // Full-strength text: the card is tinted, and weak text on a tint is hard to read.
        let strong = ui.visuals().strong_text_color();
        for line in sm.consequence.iter().chain(&sm.what_now).chain(&sm.also) {
            text(ui, RichText::new(line).size(size::BODY).color(strong));
        }
        if let Some(e) = &sm.enter_date
            && ui
                .button(RichText::new(t.enter_date).size(size::BODY))
                .on_hover_text(&e.action)
                .clicked()
        {
            edits.push(Command::Goto {
                question: e.question.clone(),
                from_review: true,
            });
        }
        ui.add_space(4.0);
        text(ui, RichText::new(&sm.progress).size(size::BODY).strong());
        ui.add(
            egui::ProgressBar::new(if sm.materials_total == 0 {
                0.0
            } else {
                sm.materials_ready as f32 / sm.materials_total as f32
            })
            .desired_height(10.0),
        );
        for line in sm.next_step.iter().chain(&sm.helpline) {
            text(ui, RichText::new(line).size(size::BODY).color(strong));
        }
    });
    let situation = v.situation_line();
    if !situation.is_empty() {
        text(ui, RichText::new(situation).size(size::DETAIL).weak());
    }
    // The hand-off code with the plan, not at the foot of a long page: it is what the front desk
    // reads out or writes down.
    if let Some(code) = &v.code {
        ui.horizontal_wrapped(|ui| {
            text(
                ui,
                RichText::new(format!("{} {code}", t.code_label))
                    .size(size::BODY)
                    .strong(),
            );
            text(ui, RichText::new(t.code_hint).size(size::TINY).weak());
        });
    } else if let Some(why) = &v.no_code {
        text(ui, RichText::new(why).size(size::DETAIL).weak());
    }
}

pub(super) fn notice(ui: &mut egui::Ui, v: &View, n: &NoticeCard, warning: bool, p: &Palette) {
    let t = s(v.lang);
    let lang = v.lang;
    if !warning {
        // Background rules and tips: the title, the text one click away.
        // The title wraps (a collapsing header's does not, and long titles ran off small screens);
        // clicking it or the arrow opens the text.
        // One focus stop per rule: its title is the button (named by it, saying whether it is
        // open); the arrow beside it is drawn, not a second, unnamed control.
        let (key, open) = open_state(ui, "rule", &n.id);
        let r = ui
            .horizontal_top(|ui| {
                let side = ui.spacing().icon_width;
                let (_, icon) =
                    ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
                egui::collapsing_header::paint_default_icon(
                    ui,
                    if open { 1.0 } else { 0.0 },
                    &icon,
                );
                ui.add(
                    egui::Label::new(RichText::new(n.title.as_str()).size(size::BODY).strong())
                        .wrap()
                        .sense(egui::Sense::click()),
                )
            })
            .inner;
        r.ctx.accesskit_node_builder(r.id, |node| {
            node.set_role(egui::accesskit::Role::Button);
            node.clear_value();
            node.set_label(n.title.as_str());
        });
        disclosure(&r, lang, open);
        if r.has_focus() {
            ui.painter().rect_stroke(
                r.rect.expand(2.0),
                2.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Outside,
            );
        }
        if r.clicked() {
            ui.data_mut(|d| d.insert_temp(key, !open));
        }
        if open {
            ui.indent(("rule_body", &n.id), |ui| notice_body(ui, v, n, p));
        }
        return;
    }
    card(ui, p.warn_fill, |ui| {
        ui.spacing_mut().item_spacing.y = 4.0;
        let (key, open) = open_state(ui, "notice", &n.id);
        ui.horizontal_wrapped(|ui| {
            text(
                ui,
                RichText::new(n.title.as_str())
                    .size(size::CARD_TITLE)
                    .strong(),
            );
            if more_button(ui, v, t.details, open, &n.title) {
                ui.data_mut(|d| d.insert_temp(key, !open));
            }
        });
        if let Some(x) = &n.text {
            text(ui, RichText::new(x.text.as_str()).size(size::BODY));
        }
        if let Some(cf) = &n.conflict {
            text(ui, RichText::new(cf).color(p.accent));
        }
        if open {
            if n.conflict.is_some() {
                side_by_side(ui, p, n.versions.len(), |ui, i| {
                    let x = &n.versions[i];
                    text(ui, with_cites(lang, &x.text, &x.cites));
                });
            }
            text(
                ui,
                RichText::new(labelled(lang, t.sources, &n.sources))
                    .size(size::SMALL)
                    .weak(),
            );
        }
    });
}

pub(super) fn notice_body(ui: &mut egui::Ui, v: &View, n: &NoticeCard, p: &Palette) {
    let t = s(v.lang);
    let lang = v.lang;
    if let Some(cf) = &n.conflict {
        text(ui, RichText::new(cf).color(p.accent));
        side_by_side(ui, p, n.versions.len(), |ui, i| {
            let x = &n.versions[i];
            text(ui, with_cites(lang, &x.text, &x.cites));
        });
    } else if let Some(x) = &n.text {
        text(ui, with_cites(lang, &x.text, &x.cites));
    }
    text(
        ui,
        RichText::new(labelled(lang, t.sources, &n.sources))
            .size(size::SMALL)
            .weak(),
    );
}

/// A material: its tick box, name and badges on one row, the key rule under it; the note field,
/// the photos and every detail one click away (a note or photos already given stay in view).
pub(super) fn material(
    ui: &mut egui::Ui,
    v: &View,
    m: &MaterialCard,
    p: &Palette,
    edits: &mut Vec<Command>,
    editable: bool,
    photo: &mut PhotoCtx,
) {
    let t = s(v.lang);
    let lang = v.lang;
    let top = ui.cursor().top();
    let (key, open) = open_state(ui, "material", &m.id);
    let attachments = photo
        .items
        .get(m.id.as_str())
        .map(|s| s.attachments.clone())
        .unwrap_or_default();
    let mut toggle = false;
    item_card(ui, p, |ui| {
        let name = RichText::new(m.name.as_str())
            .size(size::CARD_TITLE)
            .strong();
        let (r, clicked) = title_row(
            ui,
            v,
            (t.more_item, open),
            |ui| tick(ui, editable, &m.id, m.done, name, edits),
            &m.name,
        );
        toggle = clicked;
        if !m.badges.is_empty() || m.key_rule.is_some() {
            ui.horizontal_wrapped(|ui| {
                for b in &m.badges {
                    badge(ui, b, p.badge, p.badge_text);
                }
                if let Some(rule) = &m.key_rule {
                    text(
                        ui,
                        RichText::new(labelled(lang, t.requirements, &rule.text))
                            .size(size::DETAIL),
                    );
                }
            });
        }
        if open {
            ui.add_enabled_ui(editable, |ui| {
                note_field(ui, v, &m.id, &m.note, r.id, edits)
            });
        } else if !m.note.is_empty() {
            text(
                ui,
                RichText::new(labelled(lang, t.note, &m.note)).size(size::DETAIL),
            );
        }
        if open || !attachments.is_empty() {
            crate::gui::photos::pane(
                ui,
                lang,
                photo.photos,
                photo.dir,
                &m.id,
                &attachments,
                editable,
                edits,
            );
        }
        if open {
            details_lines(ui, lang, &m.details);
            text(
                ui,
                RichText::new(labelled(lang, t.sources, &m.sources))
                    .size(size::SMALL)
                    .weak(),
            );
        }
    });
    if toggle {
        ui.data_mut(|d| d.insert_temp(key, !open));
    }
    let rect = egui::Rect::from_min_max(
        egui::pos2(ui.max_rect().left(), top),
        egui::pos2(ui.max_rect().right(), ui.cursor().top()),
    );
    photo.cards.push((m.id.to_string(), rect));
}

/// A step: its tick box and title with the details button on one row, the channels under it.
pub(super) fn step(
    ui: &mut egui::Ui,
    v: &View,
    st: &StepCard,
    p: &Palette,
    edits: &mut Vec<Command>,
    editable: bool,
) {
    let t = s(v.lang);
    let lang = v.lang;
    let (key, open) = open_state(ui, "step", &st.id);
    let mut toggle = false;
    item_card(ui, p, |ui| {
        let title = RichText::new(st.heading()).size(size::CARD_TITLE).strong();
        let (r, clicked) = title_row(
            ui,
            v,
            (t.more_step, open),
            |ui| tick(ui, editable, &st.id, st.done, title, edits),
            &st.heading(),
        );
        toggle = clicked;
        if let Some(ch) = &st.channels {
            text(
                ui,
                RichText::new(labelled(lang, t.channels, ch)).size(size::DETAIL),
            );
        }
        if open {
            ui.add_enabled_ui(editable, |ui| {
                note_field(ui, v, &st.id, &st.note, r.id, edits)
            });
            if let Some(d) = &st.detail {
                text(ui, RichText::new(d.as_str()).size(size::DETAIL));
            }
            text(
                ui,
                RichText::new(labelled(lang, t.sources, &st.sources))
                    .size(size::SMALL)
                    .weak(),
            );
        } else if !st.note.is_empty() {
            text(
                ui,
                RichText::new(labelled(lang, t.note, &st.note)).size(size::DETAIL),
            );
        }
    });
    if toggle {
        ui.data_mut(|d| d.insert_temp(key, !open));
    }
}

pub(super) fn deadline(
    ui: &mut egui::Ui,
    v: &View,
    dl: &DeadlineCard,
    p: &Palette,
    edits: &mut Vec<Command>,
) {
    let t = s(v.lang);
    card(ui, p.urgency_fill(dl.urgency), |ui| {
        ui.spacing_mut().item_spacing.y = 4.0;
        let (key, open) = open_state(ui, "deadline", &dl.id);
        ui.horizontal_wrapped(|ui| {
            a11y::heading(
                ui,
                RichText::new(dl.title.as_str()).size(size::GROUP).strong(),
                3,
            );
            urgency_badge(ui, v, dl.urgency, p);
            if more_button(ui, v, t.all_versions, open, &dl.title) {
                ui.data_mut(|d| d.insert_temp(key, !open));
            }
        });
        let head = RichText::new(&dl.headline).size(size::CARD_TITLE).strong();
        text(
            ui,
            if dl.urgency.is_pressing() {
                head.color(p.error)
            } else {
                head
            },
        );
        if let Some(e) = &dl.enter_date
            && ui.button(t.enter_date).on_hover_text(&e.action).clicked()
        {
            edits.push(Command::Goto {
                question: e.question.clone(),
                from_review: true,
            });
        }
        for line in dl.consequence.iter().chain(&dl.write_in) {
            text(ui, RichText::new(line).size(size::BODY));
        }
        if let Some(cf) = &dl.conflict {
            text(ui, RichText::new(cf).color(p.accent));
        }
        if open {
            side_by_side(ui, p, dl.versions.len(), |ui, i| {
                version(ui, v, &dl.versions[i], p)
            });
        }
    });
}

pub(super) fn version(ui: &mut egui::Ui, v: &View, ver: &VersionView, p: &Palette) {
    let t = s(v.lang);
    ui.horizontal_wrapped(|ui| {
        text(ui, RichText::new(&ver.span).strong().size(size::BODY));
        urgency_badge(ui, v, ver.urgency, p);
        if let Some(mark) = &ver.safest {
            badge(ui, mark, p.safest, p.on_strong);
        }
    });
    if let Some(w) = &ver.when {
        let rt = RichText::new(w).size(size::BODY);
        text(
            ui,
            if ver.urgency.is_pressing() {
                rt.strong().color(p.error)
            } else {
                rt
            },
        );
    }
    for line in ver.counted_from.iter() {
        text(ui, RichText::new(line).size(size::DETAIL));
    }
    text(ui, RichText::new(ver.text.as_str()).size(size::BODY));
    for line in ver.assumption.iter() {
        text(ui, RichText::new(line).size(size::DETAIL).weak());
    }
    for line in ver.consequence.iter() {
        text(ui, RichText::new(line).size(size::DETAIL).color(p.accent));
    }
    text(
        ui,
        RichText::new(labelled(v.lang, t.sources, &ver.sources))
            .size(size::SMALL)
            .weak(),
    );
}
