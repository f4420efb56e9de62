//! The checklist screen: a renderer of the checklist view (`crate::view`). The plan comes first
//! (where you stand, what is left, the next step); sources, "why", every version and every rule
//! are one click away in collapsed details. This folder decides layout, never content: the page
//! and its sections here, each kind of card in `cards.rs`, the pieces they are made of in
//! `widgets.rs`.

mod cards;
mod widgets;

use super::command::Command;
use super::state::Screen;
use super::strings::{self, labelled, s};
use super::theme::{Palette, size};
use super::wizard::short_label;
use super::{App, a11y};
use crate::view::{self, Body, Section, View, ViewInput};
use cards::{deadline, material, notice, step, summary};
use egui::RichText;
use std::rc::Rc;
use widgets::{card, disclosure, in_columns, open_state, text, tick};

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
        text(
            ui,
            RichText::new(v.disclaimer.as_str())
                .size(size::DETAIL)
                .weak(),
        );
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
                let head = ui.label(
                    RichText::new(sec.title.as_str())
                        .size(size::SECTION)
                        .strong(),
                );
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
        text(ui, RichText::new(intro.as_str()).weak());
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
                        RichText::new(g.title.as_str())
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
