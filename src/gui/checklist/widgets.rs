//! The pieces the checklist's cards are made of: badges, frames, tick boxes, note fields, the
//! buttons that open details, columns.

use crate::gui::a11y;
use crate::gui::command::Command;
use crate::gui::strings::{colon, labelled, s, with_cites};
use crate::gui::theme::{Palette, size};
use crate::view::{Detail, Urgency, View};
use egui::{Color32, RichText};

/// A short mark beside a title; never wraps inside itself.
pub(super) fn badge(ui: &mut egui::Ui, text: &str, fill: Color32, color: Color32) {
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.add(
                egui::Label::new(RichText::new(text).size(size::DETAIL).color(color))
                    .wrap_mode(egui::TextWrapMode::Extend),
            );
        });
}

pub(super) fn card<R>(ui: &mut egui::Ui, fill: Color32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let r = egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        });
    ui.add_space(6.0);
    r.inner
}

/// Wrapped text (labels wrap at the available width, so nothing runs off the window).
pub(super) fn text(ui: &mut egui::Ui, t: impl Into<RichText>) -> egui::Response {
    ui.add(egui::Label::new(t.into()).wrap())
}

pub(super) fn details_lines(ui: &mut egui::Ui, lang: crate::catalog::Lang, details: &[Detail]) {
    for d in details {
        text(
            ui,
            RichText::new(format!(
                "{}{}{}",
                d.label,
                colon(lang),
                with_cites(lang, &d.text, &d.cites)
            ))
            .size(size::DETAIL),
        );
    }
}

/// An item's tick box: disabled in a read-only window; a change becomes an edit.
pub(super) fn tick(
    ui: &mut egui::Ui,
    editable: bool,
    item: &str,
    done: bool,
    label: RichText,
    edits: &mut Vec<Command>,
) -> egui::Response {
    let mut done = done;
    let r = ui.add_enabled(editable, egui::Checkbox::new(&mut done, label));
    if r.changed() {
        edits.push(Command::SetDone {
            item: item.to_string(),
            done,
        });
    }
    r
}

pub(super) fn note_field(
    ui: &mut egui::Ui,
    v: &View,
    item: &str,
    current: &str,
    owner: egui::Id,
    edits: &mut Vec<Command>,
) {
    let t = s(v.lang);
    let mut note = current.to_string();
    ui.horizontal(|ui| {
        let l = ui.label(RichText::new(t.note).size(size::DETAIL));
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut note)
                    .id_salt(("note", item))
                    .hint_text(t.note_hint)
                    .desired_width(ui.available_width()),
            )
            .labelled_by(l.id)
            .labelled_by(owner);
        if r.changed() {
            edits.push(Command::SetNote {
                item: item.to_string(),
                note: note.clone(),
            });
        }
    });
}

/// Whether an item's details are open (one click away; kept while the app runs).
pub(super) fn open_state(ui: &egui::Ui, kind: &str, item: &str) -> (egui::Id, bool) {
    let id = egui::Id::unique(("item_details", kind, item));
    (id, ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false))
}

/// An item's first row: its tick box (the title wraps in what is left) and, at the right of it,
/// the button that opens its details. Returns the tick box and whether the button was clicked.
pub(super) fn title_row(
    ui: &mut egui::Ui,
    v: &View,
    more: (&str, bool),
    tick_box: impl FnOnce(&mut egui::Ui) -> egui::Response,
    whose: &str,
) -> (egui::Response, bool) {
    let t = s(v.lang);
    let (label, open) = more;
    let shown = if open { t.less } else { label };
    let reserve = egui::WidgetText::from(RichText::new(shown).size(size::DETAIL))
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Button,
        )
        .size()
        .x
        + 2.0 * ui.spacing().button_padding.x
        + 2.0 * ui.spacing().item_spacing.x;
    ui.horizontal_top(|ui| {
        let width = (ui.available_width() - reserve).max(8.0 * size::BODY);
        let r = ui
            .vertical(|ui| {
                ui.set_max_width(width);
                tick_box(ui)
            })
            .inner;
        let clicked = more_button(ui, v, label, open, whose);
        (r, clicked)
    })
    .inner
}

/// The button that opens or closes an item's details; its name says whose.
pub(super) fn more_button(
    ui: &mut egui::Ui,
    v: &View,
    label: &str,
    open: bool,
    whose: &str,
) -> bool {
    let t = s(v.lang);
    let text = if open { t.less } else { label };
    let b = ui
        .button(RichText::new(text).size(size::DETAIL))
        .accessible_name(labelled(v.lang, text, whose));
    disclosure(&b, v.lang, open);
    b.clicked()
}

/// A button that opens or closes details: open or not, for a screen reader.
pub(super) fn disclosure(b: &egui::Response, lang: crate::catalog::Lang, open: bool) {
    let t = s(lang);
    a11y::disclosure(b, open, if open { t.expanded } else { t.collapsed });
}

/// A list of `n` items, in two columns when each gets a readable width (a laptop at 100 % text):
/// the first `left` (else half) down the left, the rest down the right, so the order reads down
/// each column.
pub(super) fn in_columns(
    ui: &mut egui::Ui,
    n: usize,
    left: Option<usize>,
    mut add: impl FnMut(&mut egui::Ui, usize),
) {
    ui.scope(|ui| {
        ui.spacing_mut().item_spacing.y = 2.0;
        let wide = ui.available_width() >= 2.0 * 28.0 * size::BODY;
        if !wide || n < 2 {
            for i in 0..n {
                add(ui, i);
            }
            return;
        }
        let left = left.unwrap_or(n.div_ceil(2));
        ui.columns(2, |cols| {
            for i in 0..n {
                let col = if i < left { 0 } else { 1 };
                add(&mut cols[col], i);
            }
        });
    });
}

/// A material's or a step's frame: tighter than a card, the list is long.
pub(super) fn item_card<R>(
    ui: &mut egui::Ui,
    p: &Palette,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let r = egui::Frame::new()
        .fill(p.card)
        .inner_margin(egui::Margin::symmetric(8, 4))
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.spacing_mut().item_spacing.y = 4.0;
            add(ui)
        });
    ui.add_space(2.0);
    r.inner
}

pub(super) fn urgency_badge(ui: &mut egui::Ui, v: &View, u: Urgency, p: &Palette) {
    let t = s(v.lang);
    match u {
        Urgency::Overdue => badge(ui, t.overdue, p.overdue, p.on_strong),
        Urgency::DueToday | Urgency::DueSoon => badge(ui, t.due_soon, p.due_soon, p.on_strong),
        _ => {}
    }
}

/// Versions next to each other when there is room, else one under the other.
pub(super) fn side_by_side(
    ui: &mut egui::Ui,
    p: &Palette,
    n: usize,
    mut add: impl FnMut(&mut egui::Ui, usize),
) {
    let edge = p.conflict_edge;
    let boxed = |ui: &mut egui::Ui, add: &mut dyn FnMut(&mut egui::Ui)| {
        // An amber edge, not a grey one: grey outlines are text fields.
        egui::Frame::new()
            .stroke(egui::Stroke::new(1.5, edge))
            .inner_margin(8.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                // Not justified: justified CJK lines get gaps between the characters.
                ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                    ui.set_width(ui.available_width());
                    add(ui);
                });
            });
    };
    // Columns only when each gets a readable width at the current text size.
    let wide = ui.available_width() >= 16.0 * size::BODY * n as f32;
    if wide && n > 1 {
        ui.columns(n, |cols| {
            for (i, col) in cols.iter_mut().enumerate() {
                boxed(col, &mut |ui| add(ui, i));
            }
        });
    } else {
        for i in 0..n {
            boxed(ui, &mut |ui| add(ui, i));
            ui.add_space(4.0);
        }
    }
}
