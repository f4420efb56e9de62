//! The checklist: warnings, progress, deadlines, materials by group (tick, note, badges, format,
//! where to get it, why, sources), steps, rules and tips, items no longer needed, sources.

use super::state::Screen;
use super::strings::{self, s};
use super::wizard::{error_color, short_label};
use super::{Action, App};
use crate::catalog::{Cite, Form, Lang, MaterialGroup, NoticeKind};
use crate::engine::{
    DateStatus, DatedVersion, Derivation, DerivedDeadline, DerivedMaterial, DerivedNotice,
    DerivedStep, Reason,
};
use crate::wording::{span_text, version_date_text};
use egui::{Color32, RichText};
use std::collections::{BTreeMap, HashSet};

/// An edit made while drawing, applied after the frame's layout.
enum Edit {
    Done(String, bool),
    Note(String, String),
}

struct Palette {
    warn_fill: Color32,
    soon_fill: Color32,
    card: Color32,
    badge: Color32,
    badge_text: Color32,
    accent: Color32,
}

impl Palette {
    fn of(ui: &egui::Ui) -> Palette {
        if ui.visuals().dark_mode {
            Palette {
                warn_fill: Color32::from_rgb(84, 58, 20),
                soon_fill: Color32::from_rgb(95, 35, 35),
                card: ui.visuals().faint_bg_color,
                badge: Color32::from_rgb(40, 70, 110),
                badge_text: Color32::from_rgb(225, 235, 250),
                accent: Color32::from_rgb(255, 200, 120),
            }
        } else {
            Palette {
                warn_fill: Color32::from_rgb(255, 243, 205),
                soon_fill: Color32::from_rgb(253, 226, 226),
                card: ui.visuals().faint_bg_color,
                badge: Color32::from_rgb(220, 232, 250),
                badge_text: Color32::from_rgb(20, 50, 100),
                accent: Color32::from_rgb(150, 60, 0),
            }
        }
    }
}

fn badge(ui: &mut egui::Ui, text: &str, fill: Color32, color: Color32) {
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.label(RichText::new(text).size(15.0).color(color));
        });
}

fn card<R>(ui: &mut egui::Ui, fill: Color32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let r = egui::Frame::new()
        .fill(fill)
        .inner_margin(10.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        });
    ui.add_space(6.0);
    r.inner
}

fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(10.0);
    ui.label(RichText::new(title).size(22.0).strong());
    ui.add_space(4.0);
}

/// `[002] 标题 · 相关：片段` for each cited source.
fn sources_text(app: &App, cites: &[Cite]) -> String {
    let parts: Vec<String> = cites
        .iter()
        .map(|c| {
            let (seed, snippet) = match c.split_once('#') {
                Some((a, b)) => (a, Some(b)),
                None => (c.as_ref(), None),
            };
            let title = app
                .state
                .catalog
                .source(seed)
                .map_or("", |s| s.title.as_str());
            match (title.is_empty(), snippet) {
                (false, Some(sn)) => format!("[{seed}] {title} · {sn}"),
                (false, None) => format!("[{seed}] {title}"),
                (true, Some(sn)) => format!("[{seed}] {sn}"),
                (true, None) => format!("[{seed}]"),
            }
        })
        .collect();
    parts.join(strings::list_sep(app.lang()))
}

fn sources_line(app: &App, ui: &mut egui::Ui, cites: &[Cite]) {
    if cites.is_empty() {
        return;
    }
    let t = s(app.lang());
    ui.label(
        RichText::new(format!(
            "{}{}{}",
            t.sources,
            strings::colon(app.lang()),
            sources_text(app, cites)
        ))
        .size(14.0)
        .weak(),
    );
}

fn reasons_text(reasons: &[Reason], lang: Lang) -> String {
    reasons
        .iter()
        .map(|r| {
            format!(
                "{}{}{}",
                r.question_label.get(lang),
                strings::colon(lang),
                r.value_label.get(lang)
            )
        })
        .collect::<Vec<_>>()
        .join(strings::list_sep(lang))
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

    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(t.checklist_title).size(22.0).strong());
        ui.add_space(10.0);
        let ok = derived.is_ok();
        if ui
            .add_enabled(ok, egui::Button::new(RichText::new(t.print_pdf).size(18.0)))
            .clicked()
        {
            app.push_action(Action::Pdf { blank: false });
        }
        if ui
            .add_enabled(
                ok,
                egui::Button::new(RichText::new(t.blank_sheet).size(18.0)),
            )
            .clicked()
        {
            app.push_action(Action::Pdf { blank: true });
        }
        if ui
            .add(egui::Button::new(RichText::new(t.edit_answers).size(18.0)))
            .clicked()
        {
            app.state.screen = Screen::Review;
        }
    });
    ui.add_space(4.0);

    let d = match &*derived {
        Ok(d) => d,
        Err(e) => {
            let mut goto = None;
            card(ui, Palette::of(ui).soon_fill, |ui| {
                ui.label(RichText::new(t.fix_answers).strong());
                for err in &e.0 {
                    ui.horizontal_wrapped(|ui| {
                        let msg = strings::answer_error(lang, err, &|q: &str| short_label(app, q));
                        ui.label(RichText::new(msg).color(error_color(ui)));
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
            if let Some(q) = goto {
                app.state.goto_question(&q, true);
            }
            return;
        }
    };

    let case = app.state.case(&id).expect("open case exists");
    let items = case.items.clone();
    let mut edits = Vec::new();
    let mut continue_wizard = false;
    let mut goto = None;

    // The page scrolls as a whole (see `App::show`).
    ui.scope(|ui| {
        ui.set_max_width(ui.available_width().min(1000.0));
        let p = Palette::of(ui);

        // What the checklist is for.
        let summary: Vec<String> = d
            .answers
            .iter()
            .map(|a| {
                // "否" or a bare date says nothing on its own: name the question.
                let value = a.value_label.get(lang);
                if value.chars().count() <= 2 || crate::engine::parse_date(&a.value).is_ok() {
                    let sep = if lang == Lang::Zh { "：" } else { ": " };
                    format!("{}{sep}{value}", a.question_label.get(lang))
                } else {
                    value.to_string()
                }
            })
            .collect();
        if !summary.is_empty() {
            ui.label(RichText::new(summary.join(" · ")).size(15.0).weak());
        }
        if !d.is_complete() {
            card(ui, p.warn_fill, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(t.partial_checklist).strong());
                    continue_wizard = ui.button(t.continue_answering).clicked();
                });
            });
        }

        // Warnings first.
        let warnings: Vec<&DerivedNotice> = d.warnings().collect();
        if !warnings.is_empty() {
            section(ui, t.warnings);
            for n in warnings {
                notice(app, ui, n, p.warn_fill, &p);
            }
        }

        // Progress.
        let ids = d.tickable_ids();
        let done = ids
            .iter()
            .filter(|i| items.get(*i).is_some_and(|s| s.done))
            .count();
        ui.add_space(8.0);
        ui.label(
            RichText::new(strings::progress(lang, done, ids.len()))
                .size(19.0)
                .strong(),
        );
        ui.add(
            egui::ProgressBar::new(if ids.is_empty() {
                0.0
            } else {
                done as f32 / ids.len() as f32
            })
            .desired_height(10.0),
        );

        // Deadlines.
        if !d.deadlines.is_empty() {
            section(ui, t.deadlines);
            for dl in &d.deadlines {
                deadline(app, ui, dl, &p, &mut goto);
            }
        }

        // Materials by group.
        section(ui, t.materials);
        if d.materials.is_empty() {
            ui.label(t.no_materials);
        }
        for group in MaterialGroup::ALL {
            let list: Vec<&DerivedMaterial> = d.materials_in(group).collect();
            if list.is_empty() {
                continue;
            }
            ui.add_space(4.0);
            ui.label(
                RichText::new(group.label().get(lang))
                    .size(19.0)
                    .strong()
                    .color(p.accent),
            );
            for m in list {
                material(app, ui, m, &items, &mut edits, &p);
            }
        }

        // Steps in order.
        if !d.steps.is_empty() {
            section(ui, t.steps);
            for st in &d.steps {
                step(app, ui, st, &items, &mut edits, &p);
            }
        }

        // Rules and tips.
        let others: Vec<&DerivedNotice> = d
            .notices
            .iter()
            .filter(|n| n.kind != NoticeKind::Warning)
            .collect();
        if !others.is_empty() {
            section(ui, t.rules_tips);
            for n in others {
                notice(app, ui, n, p.card, &p);
            }
        }

        // Ticks and notes on items the answers no longer call for: kept, listed.
        let required: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let stale: Vec<(&String, &crate::cases::ItemState)> = items
            .iter()
            .filter(|(k, v)| !required.contains(k.as_str()) && !v.is_blank())
            .collect();
        if !stale.is_empty() {
            section(ui, t.no_longer_needed);
            ui.label(RichText::new(t.no_longer_intro).weak());
            for (item, state) in stale {
                let name = item_name(app, item, lang);
                card(ui, p.card, |ui| {
                    let mut done = state.done;
                    if ui
                        .checkbox(&mut done, RichText::new(&name).size(18.0))
                        .changed()
                    {
                        edits.push(Edit::Done(item.clone(), done));
                    }
                    if !state.note.is_empty() {
                        ui.label(format!("{}{}{}", t.note, strings::colon(lang), state.note));
                    }
                });
            }
        }

        // Region, sources, disclaimer.
        if let Some(r) = &d.region {
            section(ui, t.insured_region);
            card(ui, p.card, |ui| {
                ui.label(RichText::new(r.name.get(lang)).size(18.0).strong());
                if !r.hotlines.is_empty() {
                    ui.label(format!(
                        "{}{}{}",
                        t.hotlines,
                        strings::colon(lang),
                        r.hotlines.join(strings::enum_sep(lang))
                    ));
                }
                if let Some(n) = &r.note {
                    ui.label(n.get(lang));
                }
            });
        }
        if !d.sources.is_empty() {
            section(ui, t.all_sources);
            for src in &d.sources {
                let mut line = format!("[{}] {}", src.id, src.title);
                if let Some(date) = &src.date {
                    line.push_str(&format!(" ({date})"));
                }
                ui.label(RichText::new(line).size(15.0));
                if !src.snippets.is_empty() {
                    ui.label(
                        RichText::new(format!(
                            "    {}",
                            src.snippets.join(strings::list_sep(lang))
                        ))
                        .size(14.0)
                        .weak(),
                    );
                }
            }
        }
        ui.add_space(12.0);
        ui.label(RichText::new(d.disclaimer.get(lang)).size(15.0).weak());
        ui.label(
            RichText::new(strings::data_version_line(
                lang,
                &d.data_version,
                &d.today.to_string(),
            ))
            .size(13.0)
            .weak(),
        );
        ui.add_space(24.0);
    });

    if continue_wizard {
        app.state.start_wizard();
    }
    if let Some(q) = goto {
        app.state.goto_question(&q, true);
    }
    for e in edits {
        match e {
            Edit::Done(item, done) => app.state.set_done(&item, done),
            Edit::Note(item, note) => app.state.set_note(&item, &note),
        }
    }
}

/// The name of a material or step by id (for items no longer derived), else the id.
fn item_name(app: &App, id: &str, lang: Lang) -> String {
    let c = &app.state.catalog;
    c.materials
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.get(lang).to_string())
        .or_else(|| {
            c.steps
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.title.get(lang).to_string())
        })
        .unwrap_or_else(|| id.to_string())
}

fn note_field(
    app: &App,
    ui: &mut egui::Ui,
    item: &str,
    owner: egui::Id,
    items: &BTreeMap<String, crate::cases::ItemState>,
    edits: &mut Vec<Edit>,
) {
    let t = s(app.lang());
    let mut note = items.get(item).map(|s| s.note.clone()).unwrap_or_default();
    ui.horizontal(|ui| {
        let l = ui.label(RichText::new(t.note).size(15.0));
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut note)
                    .id_salt(("note", item))
                    .hint_text(t.note_hint)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id)
            .labelled_by(owner);
        if r.changed() {
            edits.push(Edit::Note(item.to_string(), note.clone()));
        }
    });
}

fn material(
    app: &App,
    ui: &mut egui::Ui,
    m: &DerivedMaterial,
    items: &BTreeMap<String, crate::cases::ItemState>,
    edits: &mut Vec<Edit>,
    p: &Palette,
) {
    let lang = app.lang();
    let t = s(lang);
    card(ui, p.card, |ui| {
        let mut done = items.get(&m.id).is_some_and(|s| s.done);
        let mut tick_id = egui::Id::NULL;
        ui.horizontal_wrapped(|ui| {
            let r = ui.checkbox(
                &mut done,
                RichText::new(m.name.get(lang)).size(19.0).strong(),
            );
            tick_id = r.id;
            if r.changed() {
                edits.push(Edit::Done(m.id.clone(), done));
            }
            if m.form != Form::Unspecified {
                badge(ui, m.form.label().get(lang), p.badge, p.badge_text);
            }
            if let Some(n) = m.count {
                badge(ui, &strings::count_badge(lang, n), p.badge, p.badge_text);
            }
        });
        if m.form == Form::Unspecified {
            ui.label(
                RichText::new(Form::Unspecified.label().get(lang))
                    .size(14.0)
                    .weak(),
            );
        }
        if let Some(desc) = &m.description {
            ui.label(RichText::new(desc.get(lang)).size(16.0));
        }
        for (title, notes) in [
            (t.requirements, &m.format),
            (t.where_to_get, &m.obtain),
            (t.alternatives, &m.alternatives),
        ] {
            for n in notes {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!("{title}{}", strings::colon(lang)))
                            .strong()
                            .size(16.0),
                    );
                    ui.label(RichText::new(n.text.get(lang)).size(16.0));
                });
            }
        }
        note_field(app, ui, &m.id, tick_id, items, edits);
        egui::CollapsingHeader::new(RichText::new(t.why_needed).size(16.0))
            .id_salt(("why", &m.id))
            .show(ui, |ui| {
                ui.label(m.why.get(lang));
                if !m.reasons.is_empty() {
                    ui.label(
                        RichText::new(format!(
                            "{}{}{}",
                            t.because,
                            strings::colon(lang),
                            reasons_text(&m.reasons, lang)
                        ))
                        .size(15.0),
                    );
                }
                sources_line(app, ui, &m.all_sources());
            });
    });
}

fn step(
    app: &App,
    ui: &mut egui::Ui,
    st: &DerivedStep,
    items: &BTreeMap<String, crate::cases::ItemState>,
    edits: &mut Vec<Edit>,
    p: &Palette,
) {
    let lang = app.lang();
    let t = s(lang);
    card(ui, p.card, |ui| {
        let mut done = items.get(&st.id).is_some_and(|s| s.done);
        let r = ui.checkbox(
            &mut done,
            RichText::new(format!("{}. {}", st.number, st.title.get(lang)))
                .size(18.0)
                .strong(),
        );
        if r.changed() {
            edits.push(Edit::Done(st.id.clone(), done));
        }
        if let Some(detail) = &st.detail {
            ui.label(RichText::new(detail.get(lang)).size(16.0));
        }
        if !st.channels.is_empty() {
            let list: Vec<String> = st
                .channels
                .iter()
                .map(|c| match &c.contact {
                    Some(x) if lang == Lang::Zh => format!("{}（{x}）", c.name.get(lang)),
                    Some(x) => format!("{} ({x})", c.name.get(lang)),
                    None => c.name.get(lang).to_string(),
                })
                .collect();
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("{}{}", t.channels, strings::colon(lang)))
                        .strong()
                        .size(16.0),
                );
                ui.label(RichText::new(list.join(strings::enum_sep(lang))).size(16.0));
            });
        }
        note_field(app, ui, &st.id, r.id, items, edits);
        sources_line(app, ui, &st.sources);
    });
}

fn version_ui(
    app: &App,
    ui: &mut egui::Ui,
    dl: &DerivedDeadline,
    i: usize,
    v: &DatedVersion,
    p: &Palette,
    goto: &mut Option<String>,
) {
    let lang = app.lang();
    let t = s(lang);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(span_text(v.span, v.span_max, lang))
                .strong()
                .size(17.0),
        );
        match v.status {
            DateStatus::Overdue => badge(
                ui,
                t.overdue,
                Color32::from_rgb(180, 20, 20),
                Color32::WHITE,
            ),
            DateStatus::DueSoon => badge(
                ui,
                t.due_soon,
                Color32::from_rgb(200, 90, 0),
                Color32::WHITE,
            ),
            _ => {}
        }
        if dl.conflict && dl.safest == Some(i) {
            let text = if dl.kind.is_limit() {
                t.safest_limit
            } else {
                t.safest_estimate
            };
            badge(ui, text, Color32::from_rgb(0, 110, 40), Color32::WHITE);
        }
    });
    let rt = RichText::new(version_date_text(v, lang)).size(18.0);
    let rt = match v.status {
        DateStatus::Overdue | DateStatus::DueSoon => rt.strong().color(error_color(ui)),
        DateStatus::Open | DateStatus::Expected | DateStatus::ValidAtLeast => rt.strong(),
        _ => rt,
    };
    if v.status == DateStatus::NeedsDate {
        // The date to enter, named in words, with a link to that question when this case asks
        // it (the engine lists only asked dates unless none is).
        let asked = app.state.asked();
        let first = v.needs.first().zip(v.needs_labels.first());
        ui.horizontal_wrapped(|ui| {
            ui.label(rt);
            if let Some((q, label)) = first.filter(|(q, _)| asked.iter().any(|a| &a.id == *q)) {
                let name = strings::enter_named(lang, label.get(lang));
                if ui.button(t.enter_date).accessible_name(name).clicked() {
                    *goto = Some(q.clone());
                }
            }
        });
    } else {
        ui.label(rt);
    }
    if let (Some(from), Some(start)) = (&v.from_label, v.start) {
        ui.label(
            RichText::new(format!(
                "{}{}{} {start}",
                t.counted_from,
                strings::colon(lang),
                from.get(lang)
            ))
            .size(15.0),
        );
    }
    ui.label(RichText::new(v.text.get(lang)).size(16.0));
    if let Some(a) = &v.assumption {
        ui.label(RichText::new(a.get(lang)).size(15.0).weak());
    }
    if let Some(c) = &v.consequence {
        ui.label(
            RichText::new(format!(
                "{}{}{}",
                t.if_missed,
                strings::colon(lang),
                c.get(lang)
            ))
            .size(15.0)
            .color(p.accent),
        );
    }
    sources_line(app, ui, &v.sources);
}

fn deadline(
    app: &App,
    ui: &mut egui::Ui,
    dl: &DerivedDeadline,
    p: &Palette,
    goto: &mut Option<String>,
) {
    let lang = app.lang();
    let t = s(lang);
    let urgent = dl
        .safest_version()
        .is_some_and(|v| matches!(v.status, DateStatus::Overdue | DateStatus::DueSoon))
        || (dl.safest.is_none()
            && dl
                .versions
                .iter()
                .any(|v| matches!(v.status, DateStatus::Overdue | DateStatus::DueSoon)));
    card(ui, if urgent { p.soon_fill } else { p.card }, |ui| {
        ui.label(RichText::new(dl.label.get(lang)).size(19.0).strong());
        if dl.conflict {
            ui.label(RichText::new(t.sources_disagree).color(p.accent));
            side_by_side(ui, dl.versions.len(), |ui, i| {
                version_ui(app, ui, dl, i, &dl.versions[i], p, goto)
            });
        } else if let Some(v) = dl.versions.first() {
            version_ui(app, ui, dl, 0, v, p, goto);
        }
    });
}

fn notice(app: &App, ui: &mut egui::Ui, n: &DerivedNotice, fill: Color32, p: &Palette) {
    let lang = app.lang();
    let t = s(lang);
    card(ui, fill, |ui| {
        ui.label(RichText::new(n.title.get(lang)).size(18.0).strong());
        if n.conflict {
            ui.label(RichText::new(t.sources_disagree).color(p.accent));
            side_by_side(ui, n.versions.len(), |ui, i| {
                ui.label(n.versions[i].text.get(lang));
                sources_line(app, ui, &n.versions[i].sources);
            });
        } else {
            for v in &n.versions {
                ui.label(v.text.get(lang));
                sources_line(app, ui, &v.sources);
            }
        }
    });
}

/// Versions next to each other when there is room, else one under the other.
fn side_by_side(ui: &mut egui::Ui, n: usize, mut add: impl FnMut(&mut egui::Ui, usize)) {
    let boxed = |ui: &mut egui::Ui, add: &mut dyn FnMut(&mut egui::Ui)| {
        // An amber edge, not a grey one: grey outlines are text fields.
        let edge = if ui.visuals().dark_mode {
            egui::Color32::from_rgb(200, 160, 90)
        } else {
            egui::Color32::from_rgb(200, 140, 50)
        };
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
    let wide = ui.available_width() >= 260.0 * n as f32;
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

/// For the benchmark and tests: how many items the checklist of a derivation has.
pub fn item_count(d: &Derivation) -> usize {
    d.tickable_ids().len()
}
