//! The side panel of saved cases, and the header of the open case (rename, duplicate, delete,
//! export).

use super::App;
use super::command::Command;
use super::strings::{self, s};
use super::theme::size;
use crate::catalog::Lang;
use crate::view::caselist::{self, DUE_SOON_DAYS, Needle, SortBy, StateFilter};
use chrono::NaiveDate;
use egui::{Color32, RichText};

/// The list's order, filter and the rows last worked out (10,000 cases are filtered and sorted
/// again only when the search, the order, the filter, a case or the day changes).
#[derive(Debug, Default)]
pub struct ListView {
    pub sort: SortBy,
    pub filter: StateFilter,
    key: Option<ListKey>,
    rows: Vec<usize>,
    /// Open cases the filter hides (closed, submitted), to say so.
    hidden: usize,
}

type ListKey = (String, SortBy, StateFilter, u64, usize, Lang, NaiveDate);

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    // The whole panel scrolls (at 200 % text size the list would otherwise get no room); only
    // the rows in view are drawn.
    egui::ScrollArea::vertical()
        .id_salt("case_panel")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| panel(app, ui, viewport));
}

fn panel(app: &mut App, ui: &mut egui::Ui, viewport: egui::Rect) {
    let top = ui.min_rect().top();
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
        app.push(Command::Import);
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
    ui.horizontal_wrapped(|ui| {
        let view = &mut app.ui.list;
        let l = ui.label(lang.pick("排序", "Order"));
        egui::ComboBox::from_id_salt("case_sort")
            .selected_text(strings::sort_name(lang, view.sort))
            .show_ui(ui, |ui| {
                for by in SortBy::ALL {
                    ui.selectable_value(&mut view.sort, by, strings::sort_name(lang, by));
                }
            })
            .response
            .labelled_by(l.id);
        let l = ui.label(lang.pick("显示", "Show"));
        egui::ComboBox::from_id_salt("case_filter")
            .selected_text(strings::filter_name(lang, view.filter))
            .show_ui(ui, |ui| {
                for f in [
                    StateFilter::Open,
                    StateFilter::Submitted,
                    StateFilter::Closed,
                    StateFilter::All,
                ] {
                    ui.selectable_value(&mut view.filter, f, strings::filter_name(lang, f));
                }
            })
            .response
            .labelled_by(l.id);
    });
    ui.separator();

    if app.state.index.is_empty() {
        // A large store without a usable index is listed once the loading thread has read it.
        let text = if app.state.loading() {
            lang.pick("正在读取保存的案例……", "Reading the saved cases…")
        } else {
            t.no_cases
        };
        ui.label(RichText::new(text).weak());
        return;
    }
    let rows = rows(app);
    if rows.is_empty() {
        ui.label(RichText::new(t.no_match).weak());
        hidden_note(app, ui);
        return;
    }
    let mut open = None;
    // The list is one tab stop (the open case's row, else the first); arrows move within it.
    let index = &app.state.index;
    let stop = app
        .state
        .current
        .clone()
        .filter(|c| rows.iter().any(|&i| index[i].id == *c))
        .unwrap_or_else(|| index[rows[0]].id.clone());
    let focus_key = egui::Id::unique("case_list_focus");
    let refocus: bool = ui.data_mut(|d| d.remove_temp(focus_key)).unwrap_or(false);
    let mut step: Option<isize> = None;
    // Every row has the same height, so only the rows in view are laid out.
    let small = ui.text_style_height(&egui::TextStyle::Small);
    let title = ui
        .ctx()
        .fonts_mut(|f| f.row_height(&egui::FontId::proportional(size::CARD_TITLE)));
    let row_h = title + 8.0 + 2.0 * (small + ui.spacing().item_spacing.y) + 12.0 + 2.0;
    let list_top = ui.cursor().top() - top;
    let first = (((viewport.min.y - list_top) / row_h).floor().max(0.0) as usize).min(rows.len());
    let last =
        ((((viewport.max.y - list_top) / row_h).ceil().max(0.0)) as usize + 1).min(rows.len());
    let width = ui.available_width();
    let today = app.state.today;
    ui.scope(|ui| {
        ui.spacing_mut().item_spacing.y = 0.0;
        ui.allocate_space(egui::vec2(width, first as f32 * row_h));
        for &i in &rows[first..last.max(first)] {
            let e = &app.state.index[i];
            let id = &e.id;
            let selected = app.state.current.as_deref() == Some(id.as_str());
            let fill = if selected {
                ui.visuals().selection.bg_fill.gamma_multiply(0.35)
            } else {
                Color32::TRANSPARENT
            };
            let (rect, _) = ui.allocate_exact_size(egui::vec2(width, row_h), egui::Sense::hover());
            let mut row = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(rect)
                    .layout(egui::Layout::top_down(egui::Align::Min)),
            );
            row.set_clip_rect(rect.intersect(row.clip_rect()));
            egui::Frame::new()
                .fill(fill)
                .inner_margin(6.0)
                .corner_radius(4.0)
                .show(&mut row, |ui| {
                    ui.set_width(ui.available_width());
                    ui.spacing_mut().item_spacing.y = 2.0;
                    let shown = strings::display_label(lang, &e.label);
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
                    let situation = caselist::situation(&app.state.catalog, &e.facts, lang);
                    let line = if !e.answered {
                        t.not_started.to_string()
                    } else if situation.is_empty() {
                        t.answering.to_string()
                    } else {
                        situation
                    };
                    ui.add(egui::Label::new(RichText::new(line).small()).truncate());
                    ui.horizontal(|ui| {
                        if !e.status.is_open() {
                            ui.label(
                                RichText::new(strings::state_text(lang, &e.status))
                                    .small()
                                    .strong(),
                            );
                            return;
                        }
                        match e.facts.progress {
                            Some((done, total)) => {
                                let text = strings::progress_short(lang, done, total);
                                let rt = RichText::new(text).small();
                                ui.label(if done == total && total > 0 {
                                    rt.color(ok_color(ui))
                                } else {
                                    rt
                                });
                            }
                            None if e.answered && !e.facts.complete => {
                                ui.label(RichText::new(t.answering).small().weak());
                            }
                            None => {}
                        }
                        if let (Some(date), Some(days)) =
                            (e.facts.next_deadline, caselist::days_left(e, today))
                        {
                            let text = strings::next_deadline(lang, &date.to_string(), days);
                            let rt = RichText::new(text).small();
                            ui.add(
                                egui::Label::new(if days <= DUE_SOON_DAYS {
                                    rt.color(ui.visuals().warn_fg_color).strong()
                                } else {
                                    rt
                                })
                                .truncate(),
                            );
                        }
                    });
                });
        }
        ui.allocate_space(egui::vec2(
            width,
            (rows.len() - last.max(first)) as f32 * row_h,
        ));
    });
    hidden_note(app, ui);
    if let Some(d) = step {
        let id_at = |k: usize| &app.state.index[rows[k]].id;
        let at = (0..rows.len()).position(|k| *id_at(k) == stop).unwrap_or(0) as isize;
        let next = (at + d).clamp(0, rows.len() as isize - 1) as usize;
        if *id_at(next) != stop {
            let id = id_at(next).clone();
            app.ui.renaming = None;
            app.push(Command::OpenCase(id));
            ui.data_mut(|d| d.insert_temp(focus_key, true));
            // The next row may be outside the drawn ones: bring it into view.
            let y = top + list_top + next as f32 * row_h;
            ui.scroll_to_rect(
                egui::Rect::from_min_size(
                    egui::pos2(ui.min_rect().left(), y),
                    egui::vec2(width, row_h),
                ),
                None,
            );
        }
    }
    if let Some(id) = open {
        app.push(Command::OpenCase(id));
    }
}

/// Says how many cases the state filter hides (closed cases are found by search).
fn hidden_note(app: &App, ui: &mut egui::Ui) {
    let n = app.ui.list.hidden;
    if n > 0 && app.ui.search.trim().is_empty() && app.ui.list.filter == StateFilter::Open {
        ui.add_space(4.0);
        ui.label(
            RichText::new(strings::hidden_closed(app.lang(), n))
                .small()
                .weak(),
        );
    }
}

/// The rows (positions in the index), worked out again only when something they depend on
/// changed.
fn rows(app: &mut App) -> Vec<usize> {
    let st = &app.state;
    let key: ListKey = (
        app.ui.search.trim().to_string(),
        app.ui.list.sort,
        app.ui.list.filter,
        st.revision(),
        st.index.len(),
        st.lang(),
        st.today,
    );
    let view = &mut app.ui.list;
    if view.key.as_ref() != Some(&key) {
        let needle = Needle::new(&key.0);
        let (catalog, lang) = (&st.catalog, st.lang());
        view.rows = caselist::list(&st.index, view.filter, &needle, view.sort, st.today, |e| {
            if needle.is_empty() {
                String::new()
            } else {
                caselist::situation(catalog, &e.facts, lang)
            }
        });
        view.hidden = st
            .index
            .iter()
            .filter(|e| !view.filter.admits(e.status.kind()))
            .count();
        view.key = Some(key);
    }
    view.rows.clone()
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
    status_line(app, ui, &id);
    match act {
        Some(0) => app.ui.renaming = Some(label.clone()),
        Some(1) => app.push(Command::DuplicateCase(id)),
        Some(2) => app.push(Command::DeleteCase(id)),
        Some(3) => app.push(Command::ExportCase(id)),
        _ => {}
    }
}

/// The case's state and the one click that changes it: 标为已提交 (today), 标为已到账/已办结,
/// 标为已放弃, or 重新打开. The amount paid can be added once it is closed.
fn status_line(app: &mut App, ui: &mut egui::Ui, id: &str) {
    use crate::cases::{Amount, CaseStatus, StatusKind};
    let lang = app.lang();
    let Some(case) = app.state.case(id) else {
        return;
    };
    let status = case.status.clone();
    let today = app.state.today;
    let editable = !app.state.read_only && !case.is_from_newer_version();
    let mut set = None;
    ui.horizontal_wrapped(|ui| {
        let c = strings::colon(lang);
        ui.label(
            RichText::new(format!(
                "{}{c}{}",
                lang.pick("状态", "State"),
                strings::state_text(lang, &status)
            ))
            .strong(),
        );
        let offered: &[StatusKind] = match status.kind() {
            StatusKind::Open => &[
                StatusKind::Submitted,
                StatusKind::Closed,
                StatusKind::Abandoned,
            ],
            StatusKind::Submitted => &[StatusKind::Closed, StatusKind::Open],
            StatusKind::Closed | StatusKind::Abandoned => &[StatusKind::Open],
        };
        for &k in offered {
            if ui
                .add_enabled(
                    editable,
                    egui::Button::new(strings::set_state_button(lang, k)),
                )
                .clicked()
            {
                set = Some(match k {
                    StatusKind::Open => CaseStatus::Open,
                    StatusKind::Submitted => CaseStatus::Submitted { date: today },
                    StatusKind::Closed => CaseStatus::Closed {
                        amount: None,
                        date: Some(today),
                    },
                    StatusKind::Abandoned => CaseStatus::Abandoned,
                });
            }
        }
        if let CaseStatus::Closed { amount, date } = &status
            && editable
        {
            let key = egui::Id::unique(("case_amount", id));
            let mut text: String = ui
                .data(|d| d.get_temp(key))
                .unwrap_or_else(|| amount.map(|a| a.to_string()).unwrap_or_default());
            let l = ui.label(lang.pick("到账金额（元）", "Amount paid (yuan)"));
            let r = ui
                .add(egui::TextEdit::singleline(&mut text).desired_width(90.0))
                .labelled_by(l.id);
            if r.changed() {
                ui.data_mut(|d| d.insert_temp(key, text.clone()));
            }
            if r.lost_focus() {
                ui.data_mut(|d| d.remove_temp::<String>(key));
                let parsed = if text.trim().is_empty() {
                    Some(None)
                } else {
                    Amount::parse(&text).ok().map(Some)
                };
                if let Some(a) = parsed
                    && a != *amount
                {
                    set = Some(CaseStatus::Closed {
                        amount: a,
                        date: *date,
                    });
                }
            }
        }
    });
    ui.label(
        RichText::new(strings::state_hint(lang, status.kind()))
            .small()
            .weak(),
    );
    if let Some(status) = set {
        app.push(Command::SetStatus {
            id: id.to_string(),
            status,
        });
    }
}
