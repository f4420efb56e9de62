//! The desktop app (eframe/egui, glow renderer): a thin layer over the engine and the case store.
//!
//! One file per screen: [`topbar`], [`sidebar`] (saved cases), [`welcome`] (the start page),
//! [`wizard`] (questions and the review page), [`checklist`], [`quick`], [`data`]; the messages
//! above the page in [`banners`] and the keyboard map in [`keys`]; plus [`state`] (no drawing),
//! [`command`] (the one queue through which the screens change the state, applied after each
//! frame; file dialogs and the in-app picker answer through it too), [`files`] (dialogs, PDF,
//! import and export), [`fonts`] and [`theme`] (sizes and colours). Every string comes from
//! `crate::view::strings`.

pub mod a11y;
mod banners;
pub mod checklist;
pub mod command;
pub mod data;
mod data_page;
mod duelist;
pub mod files;
pub mod fonts;
pub mod handoff;
mod keys;
pub mod photos;
pub mod picker;
pub mod quick;
pub mod sidebar;
pub mod state;
pub mod theme;
pub(crate) mod topbar;
pub(crate) use crate::view::strings;
mod welcome;
pub mod window;
pub mod wizard;

use crate::catalog::{Catalog, Lang};
use chrono::NaiveDate;
use command::Command;
pub use state::{Screen, Settings, State};
use std::path::PathBuf;
use std::time::Duration;
use strings::s;

/// The window title.
pub const WINDOW_TITLE: &str = "医保报销材料清单助手";
/// The window icon: the 128 px rendering of `assets/icons/yibao-checklist.svg`
/// (`scripts/make-icons.sh`), the same picture the .deb installs for menus.
pub(crate) const ICON_PNG: &[u8] =
    include_bytes!("../../assets/icons/hicolor/128x128/apps/yibao-checklist.png");

/// The decoded window icon.
pub fn window_icon() -> Result<egui::IconData, String> {
    eframe::icon_data::from_png_bytes(ICON_PNG).map_err(|e| e.to_string())
}

/// Below this width in points the list of cases and the page take turns instead of sharing.
pub(crate) const NARROW_BELOW: f32 = 700.0;
/// Below this height in points the wizard is set tighter so its options show with the question.
pub(crate) const SHORT_BELOW: f32 = 460.0;
/// Key of the UI settings in eframe's storage.
pub(crate) const SETTINGS_KEY: &str = "yibao-checklist-settings";

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
    /// Print through the system's print service (`false`: as if there were none; tests).
    pub system_print: bool,
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
            system_print: true,
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
            system_print: false,
            settings: None,
            catalog: None,
        }
    }
}

/// Transient UI state that is not part of any case.
#[derive(Debug, Default)]
pub struct UiState {
    pub search: String,
    /// The case list's order, state filter and cached rows (see `sidebar`).
    pub list: sidebar::ListView,
    /// Due-summary groups shown in full (显示全部).
    pub due_expanded: std::collections::BTreeSet<crate::view::caselist::Urgency>,
    /// The due summary last worked out (see `duelist`).
    pub due: duelist::DueCache,
    /// The rename field, while renaming the open case.
    pub renaming: Option<String>,
    /// Shown when no file dialog could be opened for an import.
    pub picker: Option<picker::FilePicker>,
    /// The 数据更新 page, while open.
    pub data: Option<data_page::DataPage>,
    /// When the installed packs were last looked at, and what they were (see
    /// `command::notice_packs`).
    pub packs_seen: Option<(f64, crate::catalog::pack::Fingerprint)>,
    /// A save the user cancelled in the dialog, offered again to the default folder.
    pub offer_fallback: Option<files::Job>,
    /// The user dismissed the banner about broken override files (shown again next start).
    pub catalog_errors_seen: bool,
    /// In a narrow window: the list of cases is shown instead of the page.
    pub list_open: bool,
    /// The patient's name typed on the quick-sheet screen.
    pub quick_name: String,
    /// The highlighted quick sheet (arrow keys).
    pub quick_selected: usize,
    /// The highlight moved by a key: its row is scrolled into view.
    pub quick_moved: bool,
    /// The start page was asked for (首页, Ctrl+H): the keyboard goes to its first button.
    pub focus_start: bool,
    /// The open checklist's view and its items, kept while nothing it depends on changes (the
    /// view is not rebuilt every frame).
    pub checklist: Option<checklist::Cached>,
    /// Photo checks and thumbnails.
    pub photos: photos::Photos,
    /// Every message is shown, not only the newest.
    pub all_messages: bool,
    /// The print queues, looked up once when first needed.
    pub printers: Option<Vec<crate::print::Printer>>,
    /// The 输入清单码 field on the start screen, and why the last code did not open.
    pub code_input: String,
    pub code_error: Option<crate::handoff::CodeError>,
    /// Cases whose checklist changed since last shown, until acknowledged (`handoff`).
    pub changes: Vec<crate::recheck::CaseCheck>,
    /// What each case's checklist last showed, as recorded in its sidecar.
    pub seen: std::collections::HashMap<String, crate::recheck::Seen>,
}

/// The app.
pub struct App {
    pub state: State,
    pub ui: UiState,
    config: AppConfig,
    dialogs: files::Dialogs,
    /// What the screens asked for while drawing this frame, applied after it.
    commands: Vec<Command>,
    /// Settings last applied to the context (zoom, theme), to apply only changes.
    applied: Option<(f32, bool, Lang)>,
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
        theme::apply_style(ctx);
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
            commands: Vec::new(),
            applied: None,
            window_restored: false,
        };
        app.apply_settings(ctx);
        command::startup_changes(&mut app);
        command::start_loading(&mut app, ctx);
        app
    }

    fn apply_settings(&mut self, ctx: &egui::Context) {
        let now = (
            self.state.settings.clamped_zoom(),
            self.state.settings.dark,
            self.state.settings.lang,
        );
        if self.applied.map(|a| a.2) != Some(now.2) {
            // The window's title follows the language (the desktop's task bar shows it).
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(s(now.2).app_name.to_string()));
        }
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

    /// The data folder (`cases/`, `checklists/`, `packs/`), if there is one.
    pub(crate) fn data_dir(&self) -> Option<PathBuf> {
        self.config.data_dir.clone().or_else(crate::paths::data_dir)
    }

    pub fn lang(&self) -> Lang {
        self.state.settings.lang
    }

    /// Draws one frame (everything `eframe::App::ui` does).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.state.begin_frame(ctx.input(|i| i.time));
        command::notice_packs(self);
        self.keyboard(&ctx);
        self.apply_settings(&ctx);
        self.window_size(&ctx);
        // The window's name on the accessibility bus, and the focus to a new page's title.
        a11y::name_window(&ctx, s(self.lang()).app_name);
        // The screen, not the case: moving through the list of cases with the arrows keeps the
        // focus in the list.
        a11y::page_shown(&ctx, &format!("{:?}", self.state.screen));
        let popup = egui::Popup::is_any_open(&ctx);
        // What a file dialog gave is a command like any other, applied after this frame and
        // drawn by the next.
        let picked = self.dialogs.poll();
        if !picked.is_empty() {
            ctx.request_repaint();
        }
        let picked = picked
            .into_iter()
            .filter_map(|(job, p)| Command::picked(job, p));
        self.push_all(picked);
        command::background(self);

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
            // The wizard and the review keep the window for the question and its buttons: their
            // messages scroll with the page instead.
            let in_wizard = matches!(self.state.screen, Screen::Wizard | Screen::Review);
            if !in_wizard && self.has_banners() {
                self.banners(ui);
                ui.add_space(4.0);
            }
            // The wizard's and the review's buttons stay in view under the page, and come after
            // it in reading and Tab order: the page's scroll area leaves them the height they
            // took last frame.
            let footer = matches!(self.state.screen, Screen::Wizard | Screen::Review)
                && self.state.current_case().is_some();
            let footer_key = egui::Id::unique("page_footer_height");
            let footer_h = if footer {
                ctx.data(|d| d.get_temp::<f32>(footer_key)).unwrap_or(56.0)
            } else {
                0.0
            };
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
                .max_height((ui.available_height() - footer_h).max(0.0))
                .show(ui, |ui| {
                    ui.set_max_width(ui.available_width().min(1000.0));
                    // The front desk's list takes the arrows for its highlight.
                    keys::page_keys(ui, self.state.screen != Screen::Quick);
                    if in_wizard && self.has_banners() {
                        self.banners(ui);
                        ui.add_space(4.0);
                    }
                    // On a short window the wizard gives the case's name row to the options.
                    let skip_header = self.short(&ctx) && self.state.screen == Screen::Wizard;
                    if self.state.current_case().is_some() && !skip_header {
                        sidebar::case_header(self, ui);
                        ui.separator();
                    }
                    match self.state.screen {
                        _ if self.ui.data.is_some() => data::show(self, ui),
                        Screen::Welcome => self.welcome(ui),
                        Screen::Quick => quick::show(self, ui),
                        Screen::Wizard => {
                            let editable = !self.state.read_only;
                            ui.add_enabled_ui(editable, |ui| wizard::show(self, ui));
                        }
                        Screen::Review => {
                            let editable = !self.state.read_only;
                            ui.add_enabled_ui(editable, |ui| wizard::review(self, ui));
                        }
                        Screen::Checklist => checklist::show(self, ui),
                    }
                });
            if footer {
                let top = ui.cursor().top();
                ui.separator();
                let editable = !self.state.read_only;
                ui.add_enabled_ui(editable, |ui| {
                    if self.state.screen == Screen::Wizard {
                        wizard::nav(self, ui);
                    } else {
                        wizard::review_nav(self, ui);
                    }
                });
                let h = ui.cursor().top() - top;
                ctx.data_mut(|d| d.insert_temp(footer_key, h));
            }
        });

        if !popup {
            self.keys_after(&ctx);
        }
        if self.state.screen != Screen::Wizard {
            wizard::forget_focus(&ctx);
        }
        self.after_frame(&ctx);
    }

    /// The commands pushed while drawing, in order; then settings and autosave.
    fn after_frame(&mut self, ctx: &egui::Context) {
        for cmd in std::mem::take(&mut self.commands) {
            command::apply(self, ctx, cmd);
        }
        self.state.expire_banners(banners::banner_life);
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
            if self.state.settings.maximized {
                // Maximized again, over the remembered normal size (which un-maximizing gives).
                ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
            }
            return;
        }
        if let Some(max) = vp.maximized
            && max != self.state.settings.maximized
        {
            self.push(Command::RememberMaximized(max));
        }
        // A maximized window's size is the screen's: the normal size stays the one remembered.
        if let Some(rect) = vp.inner_rect.filter(|_| vp.maximized != Some(true)) {
            let s = window::saved_size(rect.size(), native, ppp);
            let size = [s.x.round(), s.y.round()];
            if self.state.settings.window != Some(size) {
                self.push(Command::RememberWindow(size));
            }
        }
    }

    fn in_wizard(&self) -> bool {
        matches!(self.state.screen, Screen::Wizard | Screen::Review)
    }

    /// The print queues (looked up once).
    pub(crate) fn printers(&mut self) -> &[crate::print::Printer] {
        if self.ui.printers.is_none() {
            let found = if self.config.system_print {
                crate::print::printers().unwrap_or_default()
            } else {
                Vec::new()
            };
            self.ui.printers = Some(found);
        }
        self.ui.printers.as_deref().unwrap_or_default()
    }

    /// The printer chosen (remembered), if it still exists; else the system's default.
    pub(crate) fn chosen_printer(&mut self) -> Option<String> {
        let wanted = self.state.settings.printer.clone();
        let list = self.printers();
        wanted
            .filter(|p| list.iter().any(|x| &x.name == p))
            .or_else(|| list.first().map(|p| p.name.clone()))
    }

    /// The window is short (in points, after the text size): a small screen at a large text size.
    pub fn short(&self, ctx: &egui::Context) -> bool {
        ctx.content_rect().height() < SHORT_BELOW
    }

    /// The window is too narrow (in points, after the text size) for the list beside the page.
    pub(crate) fn narrow(&self, ctx: &egui::Context) -> bool {
        ctx.content_rect().width() < NARROW_BELOW
    }

    /// Asks for a change, made after this frame (see [`command`]).
    pub fn push(&mut self, cmd: Command) {
        self.commands.push(cmd);
    }

    pub(crate) fn push_all(&mut self, cmds: impl IntoIterator<Item = Command>) {
        self.commands.extend(cmds);
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
        // A read-only window writes nothing, not even its settings: the other window owns them.
        if self.state.read_only {
            return;
        }
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
        self.state.flush();
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        command::exit(self);
    }

    /// Only the app's own settings are remembered, not egui's memory.
    fn persist_egui_memory(&self) -> bool {
        false
    }
}

/// Starts the desktop app; returns when the window closes.
pub fn run() -> eframe::Result<()> {
    let mut options = eframe::NativeOptions {
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
    // A broken icon (a bug tests/it/packaging.rs catches) must not keep the window from opening.
    if let Ok(icon) = window_icon() {
        options.viewport = options.viewport.with_icon(icon);
    }
    eframe::run_native(
        WINDOW_TITLE,
        options,
        Box::new(|cc| Ok(Box::new(App::new(cc, AppConfig::default())))),
    )
}
