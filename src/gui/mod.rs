//! The desktop app (eframe/egui, glow renderer): a thin layer over the engine and the case store.
//!
//! One file per screen: [`topbar`], [`sidebar`] (saved cases), [`wizard`] (questions and the
//! review page), [`checklist`]; plus [`state`] (no drawing), [`files`] (dialogs, PDF, import and
//! export), [`fonts`] and [`theme`] (sizes and colours). Every string comes from `crate::view::strings`.

pub mod checklist;
pub mod files;
pub mod fonts;
pub mod sidebar;
pub mod state;
pub mod theme;
pub mod topbar;
pub(crate) use crate::view::strings;
pub mod window;
pub mod wizard;

use crate::catalog::{Catalog, Lang};
use chrono::NaiveDate;
use egui::{Color32, RichText};
pub use state::{Screen, Settings, State};
use std::path::PathBuf;
use std::time::Duration;
use strings::s;

/// The window title.
pub const WINDOW_TITLE: &str = "医保报销材料清单助手";
/// Below this width in points the list of cases and the page take turns instead of sharing.
pub const NARROW_BELOW: f32 = 700.0;
/// Key of the UI settings in eframe's storage.
pub const SETTINGS_KEY: &str = "yibao-checklist-settings";

/// How the app is set up. `AppConfig::default()` is what the desktop app uses.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The data folder (`cases/` and `checklists/` below it). `None`: [`crate::paths::data_dir`].
    pub data_dir: Option<PathBuf>,
    /// The day deadlines are counted against. `None`: the local date, refreshed as it changes.
    pub today: Option<NaiveDate>,
    /// Use the desktop's file dialogs (rfd). `false`: always save to `export_dir` (tests).
    pub native_dialogs: bool,
    /// Where files go when no file dialog is available. `None`: the Documents folder, else the
    /// data folder.
    pub export_dir: Option<PathBuf>,
    /// Open saved PDFs with the desktop's viewer (for printing).
    pub open_exported: bool,
    /// UI settings to start with, instead of the remembered ones.
    pub settings: Option<Settings>,
    /// A catalog to use instead of loading the bundled data and overrides (benchmarks).
    pub catalog: Option<Catalog>,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            data_dir: None,
            today: None,
            native_dialogs: true,
            export_dir: None,
            open_exported: true,
            settings: None,
            catalog: None,
        }
    }
}

impl AppConfig {
    /// For tests: this data folder and day, no desktop dialogs, no viewer; exports go to
    /// `<data_dir>/exports`.
    pub fn headless(data_dir: impl Into<PathBuf>, today: NaiveDate) -> AppConfig {
        let data_dir = data_dir.into();
        AppConfig {
            export_dir: Some(data_dir.join("exports")),
            data_dir: Some(data_dir),
            today: Some(today),
            native_dialogs: false,
            open_exported: false,
            settings: None,
            catalog: None,
        }
    }
}

/// Transient UI state that is not part of any case.
#[derive(Debug, Default)]
pub struct UiState {
    pub search: String,
    /// The rename field, while renaming the open case.
    pub renaming: Option<String>,
    /// Shown when no file dialog could be opened for an import.
    pub import_path: Option<String>,
    /// A save the user cancelled in the dialog, offered again to the default folder.
    pub offer_fallback: Option<files::Job>,
    /// The user dismissed the banner about broken override files (shown again next start).
    pub catalog_errors_seen: bool,
    /// In a narrow window: the list of cases is shown instead of the page.
    pub list_open: bool,
}

/// What a screen asks the app to do after drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    ExportCase(String),
    Import,
    ImportPath(String),
    Pdf { blank: bool, full: bool },
    SaveToDefault,
}

/// The app.
pub struct App {
    pub state: State,
    pub ui: UiState,
    config: AppConfig,
    dialogs: files::Dialogs,
    actions: Vec<Action>,
    /// Settings last applied to the context (zoom, theme), to apply only changes.
    applied: Option<(f32, bool)>,
    /// The remembered window size has been applied (needs the monitor's size, known after the
    /// first frame).
    window_restored: bool,
}

impl App {
    /// The app as eframe creates it: fonts, style, remembered settings.
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> App {
        let remembered = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY));
        App::with_context(&cc.egui_ctx, remembered, config)
    }

    /// The app on a bare context (benchmarks): installs the fonts and style.
    pub fn with_context(
        ctx: &egui::Context,
        remembered: Option<Settings>,
        mut config: AppConfig,
    ) -> App {
        fonts::install(ctx);
        fonts::apply_style(ctx);
        // Text size is the app's own setting (Ctrl +/-, 100 %–200 %), not egui's free zoom.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let settings = config.settings.take().or(remembered).unwrap_or_default();
        let data_dir = config.data_dir.clone().or_else(crate::paths::data_dir);
        let state = State::load(data_dir, config.catalog.take(), config.today, settings);
        let mut app = App {
            state,
            ui: UiState::default(),
            dialogs: files::Dialogs::new(config.native_dialogs),
            config,
            actions: Vec::new(),
            applied: None,
            window_restored: false,
        };
        app.apply_settings(ctx);
        app
    }

    fn apply_settings(&mut self, ctx: &egui::Context) {
        let now = (self.state.settings.clamped_zoom(), self.state.settings.dark);
        if self.applied != Some(now) {
            ctx.set_zoom_factor(now.0);
            ctx.set_theme(if now.1 {
                egui::ThemePreference::Dark
            } else {
                egui::ThemePreference::Light
            });
            self.applied = Some(now);
        }
    }

    pub fn lang(&self) -> Lang {
        self.state.settings.lang
    }

    /// Draws one frame (everything `eframe::App::ui` does).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.state.now = ctx.input(|i| i.time);
        self.state.refresh_today();
        self.keyboard(&ctx);
        self.apply_settings(&ctx);
        self.window_size(&ctx);
        let before = (
            self.state.screen.clone(),
            self.state.wizard.question.clone(),
            self.state.current.clone(),
        );
        let popup = egui::Popup::is_any_open(&ctx);
        for (job, picked) in self.dialogs.poll() {
            files::finish(self, job, picked);
        }

        egui::Panel::top("top_bar")
            .resizable(false)
            .show(ui, |ui| topbar::show(self, ui));
        if self.narrow(&ctx) {
            // Too narrow for the list beside the page (a small screen at a large text size): the
            // list, when asked for, takes the window instead of the page.
            if self.ui.list_open {
                egui::CentralPanel::default().show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("cases_narrow")
                        .show(ui, |ui| sidebar::show(self, ui));
                });
                self.after_frame(&ctx);
                return;
            }
        } else if self.state.settings.show_list {
            // A share of the window, so the page keeps room at 200 % text size.
            let width = (ui.ctx().content_rect().width() * 0.28).clamp(170.0, 300.0);
            egui::Panel::left("cases")
                .resizable(false)
                .exact_size(width)
                .show(ui, |ui| sidebar::show(self, ui));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            // Messages first, above the page (not in a panel of their own: a panel keeps the
            // height of its first frame for a scroll area inside it, and would hide buttons).
            if self.has_banners() {
                self.banners(ui);
                ui.add_space(4.0);
            }
            if self.state.screen == Screen::Wizard && self.state.current_case().is_some() {
                egui::Panel::bottom("wizard_nav")
                    .resizable(false)
                    .show(ui, |ui| wizard::nav(self, ui));
            }
            // One scroll area for the whole page, header included, so that at 200 % text size
            // the content is not squeezed below fixed headers. Each page keeps its own offset.
            let page = (
                self.state.screen.clone(),
                self.state.current.clone(),
                self.state.wizard.question.clone(),
            );
            egui::ScrollArea::vertical()
                .id_salt(("page", format!("{page:?}")))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.set_max_width(ui.available_width().min(1000.0));
                    if self.state.current_case().is_some() {
                        sidebar::case_header(self, ui);
                        ui.separator();
                    }
                    match self.state.screen {
                        Screen::Welcome => self.welcome(ui),
                        Screen::Wizard => wizard::show(self, ui),
                        Screen::Review => wizard::review(self, ui),
                        Screen::Checklist => checklist::show(self, ui),
                    }
                });
        });

        if !popup {
            self.keys_after(&ctx, &before);
        }
        self.after_frame(&ctx);
    }

    /// Actions queued while drawing, settings, autosave.
    fn after_frame(&mut self, ctx: &egui::Context) {
        for action in std::mem::take(&mut self.actions) {
            files::act(self, ctx, action);
        }
        self.apply_settings(ctx);
        if let Some(wait) = self.state.autosave(self.state.now) {
            ctx.request_repaint_after(Duration::from_secs_f64(wait));
        }
    }

    /// Restores the remembered window size once (clamped to the screen), then remembers it.
    fn window_size(&mut self, ctx: &egui::Context) {
        let (vp, ppp) = ctx.input(|i| (i.viewport().clone(), i.pixels_per_point()));
        let native = vp.native_pixels_per_point.unwrap_or(1.0);
        if !self.window_restored {
            let (Some(monitor), Some(rect)) = (vp.monitor_size, vp.inner_rect) else {
                return;
            };
            self.window_restored = true;
            let want = self
                .state
                .settings
                .window
                .map(|[w, h]| window::restored_size(egui::vec2(w, h), native, ppp))
                .unwrap_or(rect.size());
            let size = window::fit_to_screen(want, monitor);
            if (size - rect.size()).length() > 1.0 {
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
            }
            return;
        }
        if let Some(rect) = vp.inner_rect {
            let s = window::saved_size(rect.size(), native, ppp);
            self.state.settings.window = Some([s.x.round(), s.y.round()]);
        }
    }

    /// The window is too narrow (in points, after the text size) for the list beside the page.
    pub fn narrow(&self, ctx: &egui::Context) -> bool {
        ctx.content_rect().width() < NARROW_BELOW
    }

    pub(crate) fn push_action(&mut self, a: Action) {
        self.actions.push(a);
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        use egui::gui_zoom::kb_shortcuts::{ZOOM_IN, ZOOM_IN_SECONDARY, ZOOM_OUT, ZOOM_RESET};
        let (zin, zout, reset) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&ZOOM_IN) || i.consume_shortcut(&ZOOM_IN_SECONDARY),
                i.consume_shortcut(&ZOOM_OUT),
                i.consume_shortcut(&ZOOM_RESET),
            )
        });
        if zin {
            self.state.settings.zoom_in();
        }
        if zout {
            self.state.settings.zoom_out();
        }
        if reset {
            self.state.settings.zoom = 1.0;
        }
        use egui::{Key, KeyboardShortcut, Modifiers};
        let (new, print, export) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::N)),
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::P)),
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::E)),
            )
        });
        if new && !self.state.read_only {
            self.ui.list_open = false;
            self.state.new_case();
        }
        if (print || export) && self.state.screen == Screen::Checklist {
            self.push_action(Action::Pdf {
                blank: false,
                full: false,
            });
        }
    }

    /// Enter and Esc, when no widget took them this frame: Enter goes on (next question, the
    /// checklist from the review, a new case from the start page), Esc goes back.
    fn keys_after(&mut self, ctx: &egui::Context, before: &(Screen, String, Option<String>)) {
        let (enter, esc) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::Enter) && i.modifiers.is_none(),
                i.key_pressed(egui::Key::Escape) && i.modifiers.is_none(),
            )
        });
        let now = (
            self.state.screen.clone(),
            self.state.wizard.question.clone(),
            self.state.current.clone(),
        );
        if (!enter && !esc) || &now != before || self.ui.renaming.is_some() {
            return;
        }
        match (&self.state.screen, enter) {
            (Screen::Wizard, true) => {
                self.state.wizard_next();
            }
            (Screen::Wizard, false) => self.state.wizard_back(),
            (Screen::Review, true) => {
                let complete = self
                    .state
                    .current
                    .clone()
                    .and_then(|id| self.state.derived(&id));
                if complete.is_some_and(|d| matches!(&*d, Ok(d) if d.is_complete())) {
                    self.state.screen = Screen::Checklist;
                }
            }
            (Screen::Review, false) => {
                if let Some(last) = self.state.asked().last().map(|q| q.id.clone()) {
                    self.state.goto_question(&last, false);
                }
            }
            (Screen::Welcome, true) if !self.state.read_only => {
                self.state.new_case();
            }
            _ => {}
        }
    }

    fn has_banners(&self) -> bool {
        !self.state.banners.is_empty()
            || (!self.state.catalog_errors.is_empty() && !self.ui.catalog_errors_seen)
            || self.state.read_only
            || !self.state.save_errors.is_empty()
            || self.state.deleted.is_some()
            || self.ui.offer_fallback.is_some()
            || self.ui.import_path.is_some()
            || self.dialogs.busy()
    }

    /// Messages above the page: errors in words, each with what the user can do.
    fn banners(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        let t = s(lang);
        let error_fill = if ui.visuals().dark_mode {
            Color32::from_rgb(90, 30, 30)
        } else {
            Color32::from_rgb(253, 226, 226)
        };
        let info_fill = if ui.visuals().dark_mode {
            Color32::from_rgb(40, 55, 80)
        } else {
            Color32::from_rgb(226, 238, 253)
        };
        let frame = |fill: Color32| {
            egui::Frame::new()
                .fill(fill)
                .inner_margin(8.0)
                .corner_radius(4.0)
        };
        egui::ScrollArea::vertical()
            .max_height(ui.ctx().content_rect().height() * 0.35)
            .id_salt("banners")
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                if self.state.read_only && self.state.store.is_some() {
                    frame(error_fill).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(RichText::new(t.read_only).strong());
                    });
                }
                if !self.state.catalog_errors.is_empty() && !self.ui.catalog_errors_seen {
                    frame(error_fill).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(RichText::new(t.catalog_errors).strong());
                        for e in &self.state.catalog_errors {
                            ui.label(format!("• {e}"));
                        }
                        if ui.button(t.dismiss).clicked() {
                            self.ui.catalog_errors_seen = true;
                        }
                    });
                }
                if !self.state.save_errors.is_empty() {
                    let mut retry = false;
                    frame(error_fill).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        for (label, e) in self.state.save_errors.values() {
                            let err = strings::store_error(lang, e);
                            ui.label(
                                RichText::new(
                                    strings::Msg::SaveFailed {
                                        label: label.clone(),
                                        err,
                                    }
                                    .text(lang),
                                )
                                .strong(),
                            );
                        }
                        retry = ui.button(t.retry).clicked();
                    });
                    if retry {
                        self.state.retry_saves();
                    }
                }
                let mut dismiss = None;
                for b in &self.state.banners {
                    frame(if b.error { error_fill } else { info_fill }).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal_wrapped(|ui| {
                            ui.label(b.msg.text(lang));
                            if ui.button(t.dismiss).clicked() {
                                dismiss = Some(b.id);
                            }
                        });
                    });
                }
                if let Some(id) = dismiss {
                    self.state.dismiss_banner(id);
                }
                if let Some(d) = &self.state.deleted {
                    let mut undo = false;
                    let mut close = false;
                    frame(info_fill).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal_wrapped(|ui| {
                            ui.label(strings::deleted(lang, &d.case.label));
                            undo = ui.button(RichText::new(t.undo).strong()).clicked();
                            close = ui.button(t.dismiss).clicked();
                        });
                    });
                    if undo {
                        self.state.undo_delete();
                    } else if close {
                        self.state.deleted = None;
                    }
                }
                if self.ui.offer_fallback.is_some() {
                    frame(info_fill).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal_wrapped(|ui| {
                            ui.label(t.cancelled);
                            if ui.button(t.save_to_default).clicked() {
                                self.actions.push(Action::SaveToDefault);
                            }
                            if ui.button(t.dismiss).clicked() {
                                self.ui.offer_fallback = None;
                            }
                        });
                    });
                }
                if let Some(path) = &mut self.ui.import_path {
                    let mut go = false;
                    let mut close = false;
                    frame(info_fill).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(t.import_path_prompt);
                        ui.horizontal_wrapped(|ui| {
                            let l = ui.label(t.import_path);
                            let r = ui
                                .add(egui::TextEdit::singleline(path).desired_width(420.0))
                                .labelled_by(l.id);
                            go = ui.button(t.import_now).clicked()
                                || (r.lost_focus()
                                    && ui.input(|i| i.key_pressed(egui::Key::Enter)));
                            close = ui.button(t.cancel).clicked();
                        });
                    });
                    if go {
                        let p = path.clone();
                        self.actions.push(Action::ImportPath(p));
                    } else if close {
                        self.ui.import_path = None;
                    }
                }
                if self.dialogs.busy() {
                    frame(info_fill).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(t.choosing_file);
                    });
                }
            });
    }

    fn welcome(&mut self, ui: &mut egui::Ui) {
        let t = s(self.lang());
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.set_max_width(ui.available_width().min(640.0));
            ui.heading(RichText::new(t.welcome_title).size(28.0));
            ui.add_space(12.0);
            ui.label(RichText::new(t.welcome_text).size(19.0));
            ui.add_space(20.0);
            let b = egui::Button::new(RichText::new(t.welcome_start).size(22.0).strong())
                .min_size(egui::vec2(280.0, 56.0));
            if ui.add(b).clicked() {
                self.state.new_case();
            }
            ui.add_space(12.0);
            if !self.state.cases.is_empty() {
                ui.label(t.welcome_or_pick);
            }
        });
    }

    /// Writes every pending edit now.
    pub fn flush(&mut self) {
        self.state.flush();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // Last chance for edits still waiting for the autosave delay (window closed, test ended).
        self.state.flush();
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
        self.state.flush();
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.state.flush();
    }

    /// Only the app's own settings are remembered, not egui's memory.
    fn persist_egui_memory(&self) -> bool {
        false
    }
}

/// Starts the desktop app; returns when the window closes.
pub fn run() -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(WINDOW_TITLE)
            .with_app_id("yibao-checklist")
            .with_inner_size([1100.0, 760.0])
            .with_min_inner_size([640.0, 480.0]),
        // The app keeps the window size itself, in pixels: eframe's keeps it in points, which
        // shrank the window at every restart above 100 % text.
        persist_window: false,
        // A file beside the cases, so YIBAO_CHECKLIST_DATA_DIR isolates the settings too.
        persistence_path: crate::paths::data_dir().map(|d| d.join("ui-settings.ron")),
        ..Default::default()
    };
    eframe::run_native(
        WINDOW_TITLE,
        options,
        Box::new(|cc| Ok(Box::new(App::new(cc, AppConfig::default())))),
    )
}
