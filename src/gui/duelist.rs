//! The start page's due summary: open cases with a deadline passed or within 14 days, grouped by
//! urgency with a count each and the first few, then 显示全部. Submitted and closed cases are not
//! in it. Worked out from the index, so 10,000 saved cases cost no derivation here.

use super::App;
use super::command::Command;
use super::state::Screen;
use super::strings::{self, s};
use crate::view::caselist::{self, DUE_FIRST, DueGroup};
use chrono::NaiveDate;
use egui::{Color32, RichText};

/// The summary and what it was worked out from: the cases' revision, their number and the day.
/// 10,000 cases take about 5 ms to sum up, so not on every frame the start page is drawn.
pub type DueCache = Option<((u64, usize, NaiveDate), Vec<DueGroup>)>;

fn groups(app: &mut App) -> Vec<DueGroup> {
    let st = &app.state;
    let key = (st.revision(), st.index.len(), st.today);
    match &app.ui.due {
        Some((k, groups)) if *k == key => groups.clone(),
        _ => {
            let groups = caselist::due_summary(&st.index, st.today, DUE_FIRST);
            app.ui.due = Some((key, groups.clone()));
            groups
        }
    }
}

pub(super) fn due_panel(app: &mut App, ui: &mut egui::Ui, fill: Color32) {
    // On the start page only (the case list marks each case's own date): not in the wizard,
    // where it covered the question, nor over the front desk's list or a checklist.
    if app.state.settings.due_dismissed == Some(app.state.today)
        || app.state.screen != Screen::Welcome
    {
        return;
    }
    let today = app.state.today;
    let groups = groups(app);
    if groups.is_empty() {
        return;
    }
    let lang = app.lang();
    let t = s(lang);
    let mut open = None;
    let mut dismiss = false;
    let mut toggle = None;
    egui::Frame::new()
        .fill(fill)
        .inner_margin(8.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(t.due_title).strong());
            for g in &groups {
                ui.add_space(4.0);
                ui.label(RichText::new(strings::urgency_count(lang, g.urgency, g.count)).strong());
                let expanded = app.ui.due_expanded.contains(&g.urgency);
                let shown = if expanded { &g.all } else { &g.first };
                for &i in shown {
                    let e = &app.state.index[i];
                    let label = strings::display_label(lang, &e.label);
                    let (Some(date), Some(days)) =
                        (e.facts.next_deadline, caselist::days_left(e, today))
                    else {
                        continue;
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.add(
                            egui::Label::new(format!(
                                "{label}{}{}",
                                strings::colon(lang),
                                strings::next_deadline(lang, &date.to_string(), days)
                            ))
                            .wrap(),
                        );
                        if ui
                            .button(t.open_case)
                            .accessible_name(strings::open_named(lang, &label))
                            .clicked()
                        {
                            open = Some(e.id.clone());
                        }
                    });
                }
                if g.count > g.first.len() {
                    let text = if expanded {
                        strings::show_fewer(lang).to_string()
                    } else {
                        strings::show_all(lang, g.count)
                    };
                    if ui.link(text).clicked() {
                        toggle = Some(g.urgency);
                    }
                }
            }
            ui.add_space(4.0);
            dismiss = ui.button(t.due_dismiss).clicked();
        });
    if let Some(u) = toggle
        && !app.ui.due_expanded.remove(&u)
    {
        app.ui.due_expanded.insert(u);
    }
    if let Some(id) = open {
        app.push(Command::OpenCase(id));
    }
    if dismiss {
        app.push(Command::DismissDue);
    }
}
