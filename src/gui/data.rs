//! 数据更新: choose a data pack, see what it would change, then 安装 or 取消; the installed packs,
//! each with who made it and 移除. Installing and removing are commands (`command.rs`); this page
//! only reads (what it shows is in `data_page.rs`).

use super::App;
use super::command::Command;
use super::data_page::Chosen;
use super::theme::size;
use crate::catalog::Lang;
use crate::datapack;
use crate::view::strings::{self, data_words};
use egui::RichText;

fn wrapped(ui: &mut egui::Ui, text: RichText) {
    ui.add(egui::Label::new(text).wrap());
}

pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let lang = app.lang();
    let w = data_words(lang);
    let data_dir = app.data_dir();
    let today = app.state.today;
    // The preview's words follow the language (the names come from the catalog again).
    if let Some(page) = &mut app.ui.data
        && let Some(c) = &page.chosen
        && c.lang != lang
    {
        let path = c.path.clone();
        page.choose(&path, data_dir.as_deref(), today, lang);
    }
    let mut cmds = Vec::new();
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(w.title).size(size::PAGE_TITLE).strong());
        if ui.button(w.close).clicked() {
            cmds.push(Command::CloseData);
        }
    });
    wrapped(ui, RichText::new(w.intro).size(size::BODY));
    ui.add_space(6.0);
    let Some(page) = &app.ui.data else {
        return;
    };
    if ui
        .button(RichText::new(w.choose).size(size::BUTTON))
        .clicked()
    {
        cmds.push(Command::ChoosePack);
    }
    if let Some(done) = &page.done {
        wrapped(ui, RichText::new(done).size(size::BODY).strong());
    }
    if let Some(e) = &page.error {
        wrapped(
            ui,
            RichText::new(e)
                .size(size::BODY)
                .color(ui.visuals().error_fg_color),
        );
    }
    if let Some(c) = &page.chosen {
        ui.add_space(8.0);
        ui.separator();
        preview(ui, lang, c, &mut cmds);
    }
    ui.add_space(8.0);
    ui.separator();
    ui.label(
        RichText::new(w.installed_heading)
            .size(size::GROUP)
            .strong(),
    );
    if let Some(e) = &page.list_error {
        wrapped(ui, RichText::new(e).color(ui.visuals().error_fg_color));
    }
    if page.installed.is_empty() && page.list_error.is_none() {
        wrapped(ui, RichText::new(strings::pack_none_installed(lang)).weak());
    }
    for p in &page.installed {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(strings::pack_title(lang, &p.manifest))
                    .size(size::BODY)
                    .strong(),
            );
            let b = ui.button(w.remove);
            if b.clicked() {
                cmds.push(Command::RemovePack(p.manifest.name.clone()));
            }
        });
        wrapped(
            ui,
            RichText::new(strings::pack_made_by(lang, &p.manifest)).size(size::SMALL),
        );
    }
    app.push_all(cmds);
}

fn preview(ui: &mut egui::Ui, lang: Lang, c: &Chosen, cmds: &mut Vec<Command>) {
    let w = data_words(lang);
    let p = &c.preview;
    ui.label(RichText::new(w.preview_heading).size(size::GROUP).strong());
    wrapped(
        ui,
        RichText::new(strings::pack_title(lang, &p.manifest))
            .size(size::CARD_TITLE)
            .strong(),
    );
    // Who made it, always next to its facts: they are not the bundled data's.
    wrapped(
        ui,
        RichText::new(strings::pack_made_by(lang, &p.manifest)).size(size::BODY),
    );
    if let Some(s) = strings::pack_sources(lang, &p.manifest) {
        wrapped(ui, RichText::new(s).size(size::SMALL).weak());
    }
    if let Some(v) = &p.replaces_installed {
        wrapped(ui, RichText::new(strings::pack_replaces_installed(lang, v)));
    }
    for line in strings::pack_contents(lang, &p.adds, &p.replaces) {
        wrapped(ui, RichText::new(line).size(size::BODY));
    }
    let err = ui.visuals().error_fg_color;
    if p.mismatch {
        wrapped(ui, RichText::new(strings::pack_mismatch(lang)).color(err));
    }
    if !p.problems.is_empty() {
        wrapped(
            ui,
            RichText::new(strings::pack_problems_heading(lang))
                .color(err)
                .strong(),
        );
        for e in &p.problems {
            wrapped(
                ui,
                RichText::new(strings::catalog_error(lang, e))
                    .size(size::SMALL)
                    .color(err),
            );
        }
    } else {
        if p.overrides_broken {
            wrapped(
                ui,
                RichText::new(strings::pack_overrides_broken(lang)).weak(),
            );
        }
        ui.add_space(4.0);
        wrapped(
            ui,
            RichText::new(strings::pack_cases_heading(lang, p.cases.len()))
                .size(size::BODY)
                .strong(),
        );
        for case in &p.cases {
            let (head, lines) = datapack::case_lines(lang, p, case);
            wrapped(ui, RichText::new(head).size(size::BODY).strong());
            for l in lines {
                wrapped(ui, RichText::new(format!("  {l}")).size(size::BODY));
            }
        }
    }
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let install = ui.add_enabled(
            p.installable(),
            egui::Button::new(RichText::new(w.install).size(size::BUTTON).strong()),
        );
        if install.clicked() {
            cmds.push(Command::InstallPack);
        }
        if ui
            .button(RichText::new(w.cancel).size(size::BUTTON))
            .clicked()
        {
            cmds.push(Command::CancelPack);
        }
    });
}
