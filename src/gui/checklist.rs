//! The checklist screen: a renderer of the checklist view (`crate::view`). The plan comes first
//! (where you stand, what is left, the next step); sources, "why", every version and every rule
//! are one click away in collapsed details. This file decides layout, never content.

use super::command::Command;
use super::state::Screen;
use super::strings::{self, colon, labelled, s, with_cites};
use super::theme::{Palette, size};
use super::wizard::short_label;
use super::{App, a11y};
use crate::view::{
    self, Body, DeadlineCard, Detail, MaterialCard, NoticeCard, Section, StepCard, Summary,
    Urgency, VersionView, View, ViewInput,
};
use egui::{Color32, RichText};
use std::rc::Rc;

/// The checklist's view as last built, with what it was built from.
#[derive(Debug)]
pub struct Cached {
    key: (String, u64, crate::catalog::Lang, chrono::NaiveDate),
    view: Rc<View>,
    items: Rc<std::collections::BTreeMap<String, crate::cases::ItemState>>,
}

/// What a material card needs for its photos.
struct PhotoCtx<'a> {
    photos: &'a mut super::photos::Photos,
    dir: Option<&'a std::path::Path>,
    items: &'a std::collections::BTreeMap<String, crate::cases::ItemState>,
    /// Where each material's card is, for files dropped on it.
    cards: &'a mut Vec<(String, egui::Rect)>,
}

/// A short mark beside a title; never wraps inside itself.
fn badge(ui: &mut egui::Ui, text: &str, fill: Color32, color: Color32) {
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

fn card<R>(ui: &mut egui::Ui, fill: Color32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
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

/// A section's title: a heading of level 2 (the case's name is the page's, level 1).
fn heading(ui: &mut egui::Ui, title: &str) -> egui::Response {
    ui.add_space(6.0);
    let r = a11y::heading(ui, RichText::new(title).size(size::SECTION).strong(), 2);
    ui.add_space(4.0);
    r
}

/// Where the table of contents asked to go (a section's index), until its heading is drawn.
fn jump_key() -> egui::Id {
    egui::Id::unique("checklist_toc_jump")
}

/// 当前情况 · 材料 · 步骤 · 期限: one row of links to the sections a long checklist has.
fn contents(ui: &mut egui::Ui, v: &View) {
    let t = s(v.lang);
    let short = |id: view::SectionId| match id {
        view::SectionId::Summary => Some(t.toc_summary),
        view::SectionId::Materials => Some(t.toc_materials),
        view::SectionId::Steps => Some(t.toc_steps),
        view::SectionId::Deadlines => Some(t.toc_deadlines),
        _ => None,
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(t.toc_label).size(size::DETAIL).weak());
        for (i, sec) in v.sections.iter().enumerate() {
            let Some(name) = short(sec.id) else { continue };
            let link = ui
                .link(RichText::new(name).size(size::BODY))
                .accessible_name(labelled(v.lang, t.toc_label, &sec.title));
            if link.clicked() {
                ui.data_mut(|d| d.insert_temp(jump_key(), i));
            }
        }
    });
}

/// Wrapped text (labels wrap at the available width, so nothing runs off the window).
fn text(ui: &mut egui::Ui, t: impl Into<RichText>) -> egui::Response {
    ui.add(egui::Label::new(t.into()).wrap())
}

fn details_lines(ui: &mut egui::Ui, lang: crate::catalog::Lang, details: &[Detail]) {
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

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let lang = app.lang();
    let t = s(lang);
    let Some(id) = app.state.current.clone() else {
        return;
    };
    let Some(derived) = app.state.derived(&id) else {
        return;
    };

    ui.add_space(4.0);

    let d = match &*derived {
        Ok(d) => d,
        Err(e) => {
            let mut goto = None;
            card(ui, Palette::of(ui).urgent_fill, |ui| {
                ui.label(RichText::new(t.fix_answers).strong());
                for err in &e.0 {
                    ui.horizontal_wrapped(|ui| {
                        let msg = strings::answer_error(lang, err, &|q: &str| short_label(app, q));
                        text(ui, RichText::new(msg).color(Palette::of(ui).error));
                        if app.state.catalog.question(&err.question).is_some() {
                            let name =
                                strings::change_named(lang, &short_label(app, &err.question));
                            if ui.button(t.change).accessible_name(name).clicked() {
                                goto = Some(err.question.clone());
                            }
                        }
                    });
                }
            });
            if let Some(question) = goto {
                app.push(Command::Goto {
                    question,
                    from_review: true,
                });
            }
            return;
        }
    };

    let key = (id.clone(), app.state.revision(), lang, app.state.today);
    if app.ui.checklist.as_ref().is_none_or(|c| c.key != key) {
        // Shown anew: remember what it shows (written only when that differs).
        app.push(Command::NoteShown(id.clone()));
        let case = app.state.case(&id).expect("open case exists");
        // A default name ("未命名 3") in the language shown.
        let label = strings::display_label(lang, &case.label);
        let v = view::build(
            &app.state.catalog,
            d,
            &ViewInput {
                lang,
                label: Some(&label),
                items: Some(&case.items),
                blank: false,
            },
        );
        app.ui.checklist = Some(Cached {
            key,
            view: Rc::new(v),
            items: Rc::new(case.items.clone()),
        });
    }
    let cached = app.ui.checklist.as_ref().expect("just built");
    let (v, items) = (Rc::clone(&cached.view), Rc::clone(&cached.items));
    let photo_dir = app.state.store.as_ref().map(|s| s.attachments_dir(&id));
    let mut cards = Vec::new();
    let mut edits = Vec::new();
    // A read-only window (another one holds the data) shows the ticks but cannot change them.
    let editable = !app.state.read_only;

    // The page scrolls as a whole (see `App::show`). The summary first, then what can be done
    // with the checklist, then the rest.
    ui.scope(|ui| {
        let p = Palette::of(ui);
        contents(ui, &v);
        let jump: Option<usize> = ui.data_mut(|d| d.remove_temp(jump_key()));
        for (i, sec) in v.sections.iter().enumerate() {
            let mut photo = PhotoCtx {
                photos: &mut app.ui.photos,
                dir: photo_dir.as_deref(),
                items: &items,
                cards: &mut cards,
            };
            section(
                ui,
                &v,
                sec,
                &p,
                &mut edits,
                editable,
                &mut photo,
                jump == Some(i),
            );
            if i == 0 {
                toolbar(app, ui, &v);
            }
        }
        ui.add_space(12.0);
        text(ui, RichText::new(&v.disclaimer).size(size::DETAIL).weak());
        text(ui, RichText::new(&v.data_line).size(size::TINY).weak());
        ui.add_space(24.0);
    });

    // Files dropped on a material's card are attached to it.
    let (dropped, at) = ui.input(|i| {
        (
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect::<Vec<_>>(),
            i.pointer.latest_pos(),
        )
    });
    if editable
        && !dropped.is_empty()
        && let Some((material, _)) = at.and_then(|pos| cards.iter().find(|(_, r)| r.contains(pos)))
    {
        for path in dropped {
            edits.push(Command::Attach {
                material: material.clone(),
                path,
            });
        }
    }
    app.push_all(edits);
}

/// Print, print everything, blank sheet, edit the answers.
fn toolbar(app: &mut App, ui: &mut egui::Ui, v: &View) {
    let t = s(app.lang());
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(RichText::new(t.print).size(size::BUTTON).strong())
            .on_hover_text("Ctrl+P")
            .clicked()
        {
            app.push(Command::Print {
                blank: false,
                full: false,
            });
        }
        for (label, blank, full) in [
            (t.save_pdf, false, false),
            (t.print_full, false, true),
            (t.blank_sheet, true, false),
        ] {
            if ui.button(RichText::new(label).size(size::BUTTON)).clicked() {
                app.push(Command::Pdf { blank, full });
            }
        }
        super::handoff::toolbar_buttons(app, ui, v);
        if ui
            .button(RichText::new(t.submission).size(size::BUTTON))
            .clicked()
        {
            app.push(Command::Submission);
        }
        if ui
            .button(RichText::new(t.edit_answers).size(size::BUTTON))
            .clicked()
        {
            app.push(Command::Show(Screen::Review));
        }
    });
    super::quick::printer_choice(app, ui);
}

#[allow(clippy::too_many_arguments)]
fn section(
    ui: &mut egui::Ui,
    v: &View,
    sec: &Section,
    p: &Palette,
    edits: &mut Vec<Command>,
    editable: bool,
    photo: &mut PhotoCtx,
    jump_here: bool,
) {
    // Background rules and the list of sources are reference: shut until asked for.
    let shut = matches!(sec.id, view::SectionId::Rules | view::SectionId::Sources);
    let head = if shut {
        let (key, open) = open_state(ui, "section", &sec.title);
        ui.add_space(6.0);
        let t = s(v.lang);
        let head = ui
            .horizontal_wrapped(|ui| {
                let head = ui.label(RichText::new(&sec.title).size(size::SECTION).strong());
                a11y::as_heading(ui.ctx(), &head, &sec.title, 2);
                let label = if open { t.less } else { t.show_section };
                let b = ui
                    .button(RichText::new(label).size(size::BODY))
                    .accessible_name(labelled(v.lang, label, &sec.title));
                disclosure(&b, v.lang, open);
                if b.clicked() {
                    ui.data_mut(|d| d.insert_temp(key, !open));
                }
                head
            })
            .inner;
        ui.add_space(4.0);
        if !open {
            return;
        }
        head
    } else {
        heading(ui, &sec.title)
    };
    if jump_here {
        head.scroll_to_me(Some(egui::Align::Min));
    }
    if let Some(intro) = &sec.intro {
        text(ui, RichText::new(intro).weak());
    }
    match &sec.body {
        Body::Summary(sm) => summary(ui, v, sm, p, edits),
        Body::Notices(list) => {
            let warning = sec.id == view::SectionId::Warnings;
            for n in list {
                notice(ui, v, n, warning, p);
            }
        }
        Body::Materials(groups) => {
            // One list of (group, item) read down the columns; a group's title where it starts.
            let list: Vec<(usize, usize)> = groups
                .iter()
                .enumerate()
                .flat_map(|(gi, g)| (0..g.items.len()).map(move |ii| (gi, ii)))
                .collect();
            in_columns(ui, list.len(), None, |ui, k| {
                let (gi, ii) = list[k];
                let g = &groups[gi];
                if ii == 0 {
                    ui.add_space(2.0);
                    a11y::heading(
                        ui,
                        RichText::new(&g.title)
                            .size(size::GROUP)
                            .strong()
                            .color(p.accent),
                        3,
                    );
                }
                material(ui, v, &g.items[ii], p, edits, editable, photo);
            });
        }
        Body::Steps(steps) => {
            in_columns(ui, steps.len(), None, |ui, i| {
                step(ui, v, &steps[i], p, edits, editable)
            });
        }
        Body::Deadlines(list) => {
            for dl in list {
                deadline(ui, v, dl, p, edits);
            }
        }
        Body::Stale(list) => {
            let t = s(v.lang);
            for it in list {
                card(ui, p.card, |ui| {
                    tick(
                        ui,
                        editable,
                        &it.id,
                        it.done,
                        RichText::new(&it.name).size(size::CARD_TITLE),
                        edits,
                    );
                    if !it.note.is_empty() {
                        text(ui, labelled(v.lang, t.note, &it.note));
                    }
                });
            }
        }
        Body::Sources(list) => {
            for src in list {
                text(ui, RichText::new(&src.text).size(size::DETAIL));
                if let Some(sn) = &src.snippets {
                    text(ui, RichText::new(sn).size(size::SMALL).weak());
                }
            }
        }
    }
}

fn summary(ui: &mut egui::Ui, v: &View, sm: &Summary, p: &Palette, edits: &mut Vec<Command>) {
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

fn notice(ui: &mut egui::Ui, v: &View, n: &NoticeCard, warning: bool, p: &Palette) {
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
                    egui::Label::new(RichText::new(&n.title).size(size::BODY).strong())
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
            text(ui, RichText::new(&n.title).size(size::CARD_TITLE).strong());
            if more_button(ui, v, t.details, open, &n.title) {
                ui.data_mut(|d| d.insert_temp(key, !open));
            }
        });
        if let Some(x) = &n.text {
            text(ui, RichText::new(&x.text).size(size::BODY));
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

fn notice_body(ui: &mut egui::Ui, v: &View, n: &NoticeCard, p: &Palette) {
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

/// An item's tick box: disabled in a read-only window; a change becomes an edit.
fn tick(
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

fn note_field(
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
fn open_state(ui: &egui::Ui, kind: &str, item: &str) -> (egui::Id, bool) {
    let id = egui::Id::unique(("item_details", kind, item));
    (id, ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false))
}

/// An item's first row: its tick box (the title wraps in what is left) and, at the right of it,
/// the button that opens its details. Returns the tick box and whether the button was clicked.
fn title_row(
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
fn more_button(ui: &mut egui::Ui, v: &View, label: &str, open: bool, whose: &str) -> bool {
    let t = s(v.lang);
    let text = if open { t.less } else { label };
    let b = ui
        .button(RichText::new(text).size(size::DETAIL))
        .accessible_name(labelled(v.lang, text, whose));
    disclosure(&b, v.lang, open);
    b.clicked()
}

/// A button that opens or closes details: open or not, for a screen reader.
fn disclosure(b: &egui::Response, lang: crate::catalog::Lang, open: bool) {
    let t = s(lang);
    a11y::disclosure(b, open, if open { t.expanded } else { t.collapsed });
}

/// A material: its tick box, name and badges on one row, the key rule under it; the note field,
/// the photos and every detail one click away (a note or photos already given stay in view).
fn material(
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
        let name = RichText::new(&m.name).size(size::CARD_TITLE).strong();
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
            super::photos::pane(
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

/// A list of `n` items, in two columns when each gets a readable width (a laptop at 100 % text):
/// the first `left` (else half) down the left, the rest down the right, so the order reads down
/// each column.
fn in_columns(
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
fn item_card<R>(ui: &mut egui::Ui, p: &Palette, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
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

/// A step: its tick box and title with the details button on one row, the channels under it.
fn step(
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
                text(ui, RichText::new(d).size(size::DETAIL));
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

fn urgency_badge(ui: &mut egui::Ui, v: &View, u: Urgency, p: &Palette) {
    let t = s(v.lang);
    match u {
        Urgency::Overdue => badge(ui, t.overdue, p.overdue, p.on_strong),
        Urgency::DueToday | Urgency::DueSoon => badge(ui, t.due_soon, p.due_soon, p.on_strong),
        _ => {}
    }
}

fn deadline(ui: &mut egui::Ui, v: &View, dl: &DeadlineCard, p: &Palette, edits: &mut Vec<Command>) {
    let t = s(v.lang);
    card(ui, p.urgency_fill(dl.urgency), |ui| {
        ui.spacing_mut().item_spacing.y = 4.0;
        let (key, open) = open_state(ui, "deadline", &dl.id);
        ui.horizontal_wrapped(|ui| {
            a11y::heading(ui, RichText::new(&dl.title).size(size::GROUP).strong(), 3);
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

fn version(ui: &mut egui::Ui, v: &View, ver: &VersionView, p: &Palette) {
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
    text(ui, RichText::new(&ver.text).size(size::BODY));
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

/// Versions next to each other when there is room, else one under the other.
fn side_by_side(
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
