//! One way for the UI to change the app, as in the rerun viewer: while drawing, screens read the
//! state and push [`Command`]s; after the frame [`apply`] runs them in order. A frame therefore
//! draws one consistent state, and every change a click can make is listed here. A file chosen
//! in the desktop's dialog or in the app's own picker arrives here too, as the same command
//! ([`Command::picked`]).
//!
//! The screens' own scratch in [`super::UiState`] (text being typed in a search or rename field,
//! the highlighted row, whether the list covers the page) is theirs to change directly; it is not
//! part of a case or of the remembered settings. `tests/it/architecture.rs` checks that no screen
//! writes to the state itself.

use super::App;
use super::files::{self, Job, Picked};
use super::picker::FilePicker;
use super::state::Screen;
use crate::cases::Case;
use crate::catalog::Lang;
use crate::view::strings::{Msg, s};
use std::path::{Path, PathBuf};

/// A change the UI asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    // ---- cases ----
    /// A fresh case, opened in the wizard.
    NewCase,
    OpenCase(String),
    RenameCase {
        id: String,
        label: String,
    },
    DuplicateCase(String),
    /// Into the store's trash, with an undo message.
    DeleteCase(String),
    UndoDelete,
    /// Closes the undo message (the case stays in the trash).
    ForgetDeleted,
    /// A new case from a 清单码 typed on the start screen.
    OpenCode(String),
    /// 进行中 / 已提交 / 已到账·已办结 / 已放弃 (one click on the case).
    SetStatus {
        id: String,
        status: crate::cases::CaseStatus,
    },

    // ---- pages and the wizard ----
    Show(Screen),
    /// The start page (常用情形, 输入清单码, 新建) with no case open, the keyboard on 新建.
    Home,
    /// The wizard at the first unanswered question.
    ContinueWizard,
    /// One question; `from_review`: "next" returns to the review once nothing new is asked.
    Goto {
        question: String,
        from_review: bool,
    },
    Choose {
        question: String,
        option: String,
    },
    /// The answer a refused one points to (`not_same_as.instead`): the refused answer is
    /// dropped, this one set, and the wizard goes on at the first question still open.
    ChooseInstead {
        question: String,
        option: String,
    },
    /// What the date field holds now (checked when the user goes on).
    TypeDate {
        question: String,
        text: String,
    },
    Next,
    Back,
    Skip,
    SkipOptionalDates,

    // ---- the checklist ----
    SetDone {
        item: String,
        done: bool,
    },
    SetNote {
        item: String,
        note: String,
    },
    /// Attach a photo or scan (a file already chosen) to a material of the open case.
    Attach {
        material: String,
        path: PathBuf,
    },
    RemoveAttachment {
        material: String,
        file: String,
    },
    /// The case's checklist was shown: remember what it showed (for the next start's check).
    NoteShown(String),
    /// The "what changed" panel was read.
    AcknowledgeChanges,
    /// The checklist as chat text, to the clipboard.
    CopyText(String),

    // ---- settings (remembered) ----
    SetLang(Lang),
    SetDark(bool),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ShowList(bool),
    /// The window's size at 100 % text, kept across restarts.
    RememberWindow([f32; 2]),
    /// Whether the window is maximized, kept across restarts.
    RememberMaximized(bool),
    SetPrinter(String),
    /// The "due soon" summary, until tomorrow.
    DismissDue,

    // ---- messages ----
    DismissBanner(u64),
    RetrySaves,
    /// Open a file or folder a message names, with the desktop's program.
    OpenPath(PathBuf),

    // ---- data updates (数据更新, `data.rs`) ----
    OpenData,
    CloseData,
    /// Read and preview a chosen pack (nothing is written).
    PreviewPack(PathBuf),
    /// Install the previewed pack, then take its data.
    InstallPack,
    CancelPack,
    RemovePack(String),

    // ---- files, printing and dialogs (`files.rs`) ----
    /// Save a case where the user chooses (with photos, a .zip).
    ExportCase(String),
    /// Choose a case file to import ([`Command::ImportFile`] follows).
    Import,
    /// Import this case file (.ron, or .zip with photos).
    ImportFile(PathBuf),
    /// Save the open case's sheet as a PDF.
    Pdf {
        blank: bool,
        full: bool,
    },
    /// Print the open case's sheet.
    Print {
        blank: bool,
        full: bool,
    },
    /// Print a front-desk quick sheet.
    PrintQuick {
        id: String,
    },
    /// Save a front-desk quick sheet as a PDF.
    QuickPdf {
        id: String,
    },
    /// Choose a photo or scan for a material of the open case ([`Command::Attach`] follows).
    ChoosePhoto {
        material: String,
    },
    /// Save the submission package (cover and one page per photo).
    Submission,
    /// The deadlines as an .ics file (the 日历 button).
    Calendar,
    /// Choose a data pack to preview (数据更新; [`Command::PreviewPack`] follows).
    ChoosePack,
    /// No file dialog could be shown: the app's own picker, for the same job.
    OpenPicker(Job),
    /// Write what a save job holds to the file the dialog named, or (`None`) to the default
    /// folder.
    Save {
        job: Job,
        path: Option<PathBuf>,
    },
    /// A save dialog was cancelled: the default folder is offered instead.
    OfferFallback(Job),
    /// The default folder offered was taken.
    SaveToDefault,
}

impl Command {
    /// Whether it changes which page or question is shown. Enter or Esc that a widget turned
    /// into such a command (a focused button, the date or code field) does nothing more.
    /// Choosing an option does not count: Enter on a focused option picks it and goes on.
    pub(crate) fn moves_page(&self) -> bool {
        matches!(
            self,
            Command::NewCase
                | Command::OpenCase(_)
                | Command::DeleteCase(_)
                | Command::UndoDelete
                | Command::OpenCode(_)
                | Command::Show(_)
                | Command::Home
                | Command::ContinueWizard
                | Command::ChooseInstead { .. }
                | Command::Goto { .. }
                | Command::Next
                | Command::Back
                | Command::Skip
                | Command::SkipOptionalDates
        )
    }
}

impl Command {
    /// What a file dialog or the app's own picker gave, as the command it stands for: a file
    /// chosen either way does the same.
    pub(crate) fn picked(job: Job, picked: Picked) -> Option<Command> {
        match (job, picked) {
            (Job::ImportCase, Picked::Path(p)) => Some(Command::ImportFile(p)),
            (Job::AttachPhoto { material }, Picked::Path(path)) => {
                Some(Command::Attach { material, path })
            }
            (Job::ChoosePack, Picked::Path(p)) => Some(Command::PreviewPack(p)),
            (job, Picked::Path(p)) => Some(Command::Save { job, path: Some(p) }),
            (job, Picked::Unavailable) if job.picks() => Some(Command::OpenPicker(job)),
            (job, Picked::Unavailable) => Some(Command::Save { job, path: None }),
            (job, Picked::Cancelled) if job.picks() => None,
            (job, Picked::Cancelled) => Some(Command::OfferFallback(job)),
        }
    }
}

/// Runs one command. Called after the frame, in the order the commands were pushed.
pub fn apply(app: &mut App, ctx: &egui::Context, cmd: Command) {
    // Going anywhere leaves the 数据更新 page.
    if cmd.moves_page() {
        app.ui.data = None;
    }
    let state = &mut app.state;
    match cmd {
        Command::NewCase => {
            if state.read_only {
                return;
            }
            app.ui.renaming = None;
            app.ui.list_open = false;
            state.new_case();
        }
        Command::OpenCase(id) => {
            app.ui.renaming = None;
            app.ui.list_open = false;
            state.select(&id);
        }
        Command::RenameCase { id, label } => {
            app.ui.renaming = None;
            state.rename(&id, &label);
        }
        Command::DuplicateCase(id) => {
            state.duplicate(&id);
        }
        Command::DeleteCase(id) => {
            app.ui.renaming = None;
            state.delete(&id);
        }
        Command::UndoDelete => state.undo_delete(),
        Command::ForgetDeleted => state.deleted = None,
        Command::OpenCode(code) => open_code(app, &code),
        Command::SetStatus { id, status } => state.set_status(&id, status),

        Command::Show(screen) => {
            if screen == Screen::Quick {
                state.current = None;
            }
            state.screen = screen;
        }
        Command::Home => {
            app.ui.renaming = None;
            app.ui.list_open = false;
            app.ui.focus_start = true;
            state.current = None;
            state.settings.last_case = None;
            state.screen = Screen::Welcome;
        }
        Command::OpenData
        | Command::CloseData
        | Command::PreviewPack(_)
        | Command::InstallPack
        | Command::CancelPack
        | Command::RemovePack(_) => data_command(app, cmd),
        Command::ContinueWizard => state.start_wizard(),
        Command::Goto {
            question,
            from_review,
        } => state.goto_question(&question, from_review),
        Command::Choose { question, option } => state.set_choice(&question, &option),
        Command::ChooseInstead { question, option } => state.choose_instead(&question, &option),
        Command::TypeDate { question, text } => state.type_date(&question, text),
        Command::Next => {
            state.wizard_next();
        }
        Command::Back => state.wizard_back(),
        Command::Skip => state.wizard_skip(),
        Command::SkipOptionalDates => state.wizard_skip_optional_dates(),

        Command::SetDone { item, done } => state.set_done(&item, done),
        Command::SetNote { item, note } => state.set_note(&item, &note),
        Command::Attach { material, path } => attach(app, &material, &path),
        Command::RemoveAttachment { material, file } => remove(app, &material, &file),
        Command::NoteShown(id) => note_shown(app, &id),
        Command::AcknowledgeChanges => acknowledge(app),
        Command::CopyText(text) => {
            ctx.copy_text(text);
            state.push_banner(Msg::Copied, false);
        }

        Command::SetLang(lang) => state.settings.lang = lang,
        Command::SetDark(dark) => state.settings.dark = dark,
        Command::ZoomIn => state.settings.zoom_in(),
        Command::ZoomOut => state.settings.zoom_out(),
        Command::ZoomReset => state.settings.zoom = 1.0,
        Command::ShowList(show) => state.settings.show_list = show,
        Command::RememberWindow(size) => state.settings.window = Some(size),
        Command::RememberMaximized(m) => state.settings.maximized = m,
        Command::SetPrinter(p) => state.settings.printer = Some(p),
        Command::DismissDue => state.settings.due_dismissed = Some(state.today),

        Command::DismissBanner(id) => state.dismiss_banner(id),
        Command::RetrySaves => state.retry_saves(),
        Command::OpenPath(p) => {
            if opener::open(&p).is_err() {
                state.push_banner(
                    Msg::OpenFailed {
                        path: p.display().to_string(),
                    },
                    true,
                );
            }
        }

        Command::ExportCase(id) => files::export_case(app, ctx, id),
        Command::Import => files::choose(app, ctx, Job::ImportCase),
        Command::ChoosePhoto { material } => {
            files::choose(app, ctx, Job::AttachPhoto { material });
        }
        Command::ChoosePack => files::choose(app, ctx, Job::ChoosePack),
        Command::ImportFile(path) => {
            // The picker stays open until a file is taken.
            if files::import(app, &path) {
                app.ui.picker = None;
            }
        }
        Command::Pdf { blank, full } => {
            if let Some(sheet) = files::case_sheet(app, blank, full) {
                files::save_pdf(app, ctx, sheet);
            }
        }
        Command::Print { blank, full } => {
            if let Some(sheet) = files::case_sheet(app, blank, full) {
                files::print_or_save(app, sheet);
            }
        }
        Command::PrintQuick { id } => {
            if let Some(sheet) = files::quick_sheet(app, &id) {
                files::print_or_save(app, sheet);
            }
        }
        Command::QuickPdf { id } => {
            if let Some(sheet) = files::quick_sheet(app, &id) {
                files::save_pdf(app, ctx, sheet);
            }
        }
        Command::Submission => {
            if let Some(sheet) = files::submission_sheet(app) {
                files::save_pdf(app, ctx, sheet);
            }
        }
        Command::Calendar => files::calendar(app, ctx),
        Command::OpenPicker(job) => {
            let start = files::default_dir(app.config.export_dir.as_deref());
            let lang = app.lang();
            app.ui.picker = Some(FilePicker::new(Some(&start), job, lang));
        }
        Command::Save { job, path } => files::save(app, job, path),
        Command::OfferFallback(job) => app.ui.offer_fallback = Some(job),
        Command::SaveToDefault => {
            if let Some(job) = app.ui.offer_fallback.take() {
                files::save(app, job, None);
            }
        }
    }
}

/// Attaches `src` to `material` of the open case and saves it; says what happened.
fn attach(app: &mut App, material: &str, src: &Path) {
    change_files(app, |store, case| {
        store.attach(case, material, src)?;
        let name = src
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().to_string());
        Ok(Msg::Attached { name })
    });
}

/// Removes an attachment from the open case (its file too) and saves it.
fn remove(app: &mut App, material: &str, file: &str) {
    if let (Some(id), Some(store)) = (&app.state.current, &app.state.store) {
        // Its check and thumbnail go with it (a file of that name later is checked anew).
        app.ui.photos.forget(&store.attachments_dir(id).join(file));
    }
    change_files(app, |store, case| {
        let a = store.remove_attachment(case, material, file)?;
        let name = if a.original_name.is_empty() {
            a.file
        } else {
            a.original_name
        };
        Ok(Msg::AttachmentRemoved { name })
    });
}

/// Changes the open case's attached files through the store, keeps the case the store returns
/// and says what happened.
fn change_files(
    app: &mut App,
    f: impl FnOnce(&crate::cases::Store, &mut Case) -> Result<Msg, crate::cases::AttachError>,
) {
    let lang = app.lang();
    let Some(id) = app.state.current.clone() else {
        return;
    };
    let (Some(store), Some(mut case)) = (&app.state.store, app.state.case(&id).cloned()) else {
        return;
    };
    match f(store, &mut case) {
        Ok(msg) => {
            app.state.replace_case(case);
            app.state.push_banner(msg, false);
        }
        Err(e) => app.state.push_banner(
            Msg::AttachFailed {
                err: crate::view::strings::attach_error(lang, &e),
            },
            true,
        ),
    }
}

/// Opens a new case from a code: the checklist when it is complete, else the wizard.
fn open_code(app: &mut App, code: &str) {
    match crate::handoff::decode(&app.state.catalog.handoff, code) {
        Ok(answers) => {
            let t = s(app.lang());
            let mut case = Case::new(format!("{} {}", t.code_label, code.to_uppercase()));
            case.answers = answers;
            app.ui.code_input.clear();
            app.ui.code_error = None;
            app.state.add_imported(case);
        }
        Err(e) => app.ui.code_error = Some(e),
    }
}

/// 知道了 on the changes panel: what each case now shows is recorded as seen.
fn acknowledge(app: &mut App) {
    let changes = std::mem::take(&mut app.ui.changes);
    if let Some(store) = app.state.store.as_ref().filter(|s| !s.is_read_only()) {
        for ch in changes {
            if ch.record(store.dir()).is_ok()
                && let Some(now) = ch.now
            {
                app.ui.seen.insert(ch.id, now);
            }
        }
    }
}

/// The checklist of a case is on screen: remember what it shows (so a later data change, not
/// the user's own edits, is what the next check reports). Skipped while a change of this case
/// waits to be acknowledged; written only when something differs.
fn note_shown(app: &mut App, id: &str) {
    if app.ui.changes.iter().any(|c| c.id == id) {
        return;
    }
    let Some(derived) = app.state.derived(id) else {
        return;
    };
    let Ok(d) = &*derived else { return };
    let Some(store) = app.state.store.as_ref().filter(|s| !s.is_read_only()) else {
        return;
    };
    let now = crate::recheck::Seen::of(d);
    if app.ui.seen.get(id) == Some(&now) {
        return;
    }
    let path = crate::recheck::seen_path(store.dir(), id);
    if crate::recheck::save_seen(&path, &now).is_ok() {
        app.ui.seen.insert(id.to_string(), now);
    }
}

/// The 数据更新 page's commands. Installing and removing take the new data at once (the
/// derivations are worked out again) and report, once per saved case, what changed.
fn data_command(app: &mut App, cmd: Command) {
    use super::data_page::DataPage;
    let lang = app.lang();
    let data_dir = app.data_dir();
    let today = app.state.today;
    match cmd {
        Command::OpenData => app.ui.data = Some(DataPage::open(data_dir.as_deref(), lang)),
        Command::CloseData => app.ui.data = None,
        Command::PreviewPack(path) => {
            let page = app
                .ui
                .data
                .get_or_insert_with(|| DataPage::open(data_dir.as_deref(), lang));
            page.choose(&path, data_dir.as_deref(), today, lang);
        }
        Command::CancelPack => {
            if let Some(page) = &mut app.ui.data {
                page.chosen = None;
                page.error = None;
            }
        }
        Command::InstallPack | Command::RemovePack(_) => {
            let (Some(dir), Some(page)) = (data_dir, &mut app.ui.data) else {
                return;
            };
            let result = match &cmd {
                Command::InstallPack => {
                    let Some(c) = page.chosen.take() else {
                        return;
                    };
                    crate::datapack::install(&c.pack, &dir)
                        .map(|_| crate::view::strings::pack_installed(lang, &c.pack.manifest))
                }
                Command::RemovePack(name) => crate::datapack::find(&dir, name).and_then(|p| {
                    crate::datapack::remove(&dir, name)
                        .map(|()| crate::view::strings::pack_removed(lang, &p.manifest))
                }),
                _ => return,
            };
            match result {
                Ok(done) => {
                    page.done = Some(done);
                    page.error = None;
                }
                Err(e) => page.error = Some(crate::view::strings::pack_error(lang, &e)),
            }
            page.refresh(Some(&dir), lang);
            reload_data(app);
        }
        _ => {}
    }
}

/// Loads the data again (bundled, packs, overrides) and checks every saved case against what
/// it last showed, as at start-up.
pub(crate) fn reload_data(app: &mut App) {
    let (catalog, errors) = crate::catalog::Catalog::load_user_data(app.data_dir().as_deref());
    app.state.replace_catalog(catalog, errors);
    app.ui.checklist = None;
    app.ui.changes.clear();
    // What is installed now is the new baseline for `notice_packs`.
    app.ui.packs_seen = None;
    startup_changes(app);
}

/// At start-up: every saved case is checked against what it last showed. A case seen for the
/// first time gets its baseline; cases whose checklist changed (new data, new overrides) are
/// kept for the "what changed" panel (`handoff.rs`) until acknowledged. Nothing is written to a read-only store.
pub(crate) fn startup_changes(app: &mut App) {
    // A large store is checked by the loading thread (`State::start_loading`).
    if app.state.loading() {
        return;
    }
    let Some(store) = &app.state.store else {
        return;
    };
    let writable = !store.is_read_only();
    let dir = store.dir().to_path_buf();
    let lang = app.lang();
    let mut checks = Vec::new();
    // Cases the index found unchanged since they were last checked (same file, same data)
    // have nothing new: they are not derived again.
    let unchecked: std::collections::HashSet<&str> = app
        .state
        .index
        .iter()
        .filter(|e| !e.checked)
        .map(|e| e.id.as_str())
        .collect();
    for case in app
        .state
        .cases
        .iter()
        .filter(|c| unchecked.contains(c.id.as_str()))
    {
        let c = crate::recheck::check_case(&app.state.catalog, case, &dir, app.state.today, lang);
        if !c.has_news() && writable && c.record(&dir).is_err() {
            continue;
        }
        checks.push(c);
    }
    take_checks(app, checks);
}

/// Packs installed or removed by another program while the app runs (`data install` at the
/// command line): the packs folder is listed every few seconds of use, and the data taken again
/// when it changed.
pub(crate) fn notice_packs(app: &mut App) {
    const EVERY: f64 = 3.0;
    let now = app.state.now;
    if let Some((at, _)) = &app.ui.packs_seen
        && now - at < EVERY
        && now >= *at
    {
        return;
    }
    let Some(dir) = app.data_dir() else {
        return;
    };
    let seen = crate::catalog::pack::fingerprint(&crate::catalog::pack::packs_dir(&dir));
    let changed = app
        .ui
        .packs_seen
        .as_ref()
        .is_some_and(|(_, before)| *before != seen);
    app.ui.packs_seen = Some((now, seen));
    if changed {
        let lang = app.lang();
        if let Some(page) = &mut app.ui.data {
            page.refresh(Some(&dir), lang);
        }
        reload_data(app);
    }
}

/// Takes in start-up checks: changes are kept for the "what changed" panel until acknowledged, cases
/// without news are marked checked in the index.
pub(crate) fn take_checks(app: &mut App, checks: Vec<crate::recheck::CaseCheck>) {
    let mut ok = std::collections::HashSet::new();
    for c in checks {
        if c.has_news() {
            if let Some(before) = &c.before {
                app.ui.seen.insert(c.id.clone(), before.clone());
            }
            app.ui.changes.push(c);
        } else {
            if let Some(now) = &c.now {
                app.ui.seen.insert(c.id.clone(), now.clone());
            }
            ok.insert(c.id);
        }
    }
    app.state.mark_checked(&ok);
}

/// Work that arrives between frames: the loading thread's result (a large store).
pub(super) fn background(app: &mut App) {
    if let Some(checks) = app.state.poll_loader(false) {
        take_checks(app, checks);
        app.state.write_index();
    }
}

/// Reads a large store on a thread (the list shows the index meanwhile); `ctx` is woken when done.
pub(super) fn start_loading(app: &mut App, ctx: &egui::Context) {
    app.state.start_loading(Some(ctx.clone()));
}

/// On exit: every edit saved, the index written.
pub(super) fn exit(app: &mut App) {
    app.state.flush();
    app.state.write_index();
}
