//! Files: the PDF sheet, case export and import, through the desktop's file dialogs (rfd) when
//! there is one, else into a default folder whose path is shown. Nothing fails silently.
//!
//! `command::apply` calls these. What a dialog gives comes back as a command
//! (`Command::picked`), the same one the in-app picker gives.

use super::App;
use super::strings::{self, Msg};
use crate::cases::Store;
use crate::sheets::{self, Sheet, SheetError, Source, safe_file_name};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A dialog returning `None` faster than this never showed (no portal, no zenity): the file goes
/// to the default folder. Slower, the user closed it: that is a cancel.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(1500);

/// What a file dialog is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    ExportCase {
        case_id: String,
        file_name: String,
    },
    ImportCase,
    SavePdf {
        bytes: Vec<u8>,
        file_name: String,
    },
    /// A photo or scan for a material of the open case.
    AttachPhoto {
        material: String,
    },
    /// A data pack to preview (数据更新).
    ChoosePack,
}

/// The files a photo or scan may be (lower case, no dot).
pub(crate) const PHOTO_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "pdf"];

impl Job {
    /// Whether it picks a file to read (else it names one to write).
    pub(crate) fn picks(&self) -> bool {
        matches!(
            self,
            Job::ImportCase | Job::AttachPhoto { .. } | Job::ChoosePack
        )
    }

    /// The files a pick job takes (lower case, no dot).
    pub(crate) fn extensions(&self) -> &'static [&'static str] {
        match self {
            Job::ImportCase => &["ron", "zip"],
            Job::AttachPhoto { .. } => PHOTO_EXTENSIONS,
            Job::ChoosePack => &[crate::catalog::pack::PACK_EXTENSION],
            Job::ExportCase { .. } | Job::SavePdf { .. } => &[],
        }
    }
}

/// What the dialog gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No dialog could be shown.
    Unavailable,
}

/// File dialogs run on a thread so the window keeps drawing; results come back here.
pub(crate) struct Dialogs {
    native: bool,
    tx: mpsc::Sender<(Job, Picked)>,
    rx: mpsc::Receiver<(Job, Picked)>,
    open: usize,
}

impl Dialogs {
    pub fn new(native: bool) -> Dialogs {
        let (tx, rx) = mpsc::channel();
        Dialogs {
            native,
            tx,
            rx,
            open: 0,
        }
    }

    /// A dialog is open.
    pub fn busy(&self) -> bool {
        self.open > 0
    }

    pub(crate) fn poll(&mut self) -> Vec<(Job, Picked)> {
        let got: Vec<_> = self.rx.try_iter().collect();
        self.open = self.open.saturating_sub(got.len());
        got
    }

    fn start(
        &mut self,
        ctx: &egui::Context,
        job: Job,
        title: String,
        filter: (String, &'static [&'static str]),
    ) {
        if !self.native {
            let _ = self.tx.send((job, Picked::Unavailable));
            ctx.request_repaint();
            self.open += 1;
            return;
        }
        self.open += 1;
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let dialog = rfd::FileDialog::new()
                .set_title(title)
                .add_filter(filter.0, filter.1);
            let got = match &job {
                Job::ImportCase | Job::AttachPhoto { .. } | Job::ChoosePack => dialog.pick_file(),
                Job::ExportCase { file_name, .. } | Job::SavePdf { file_name, .. } => dialog
                    .set_directory(default_dir(None))
                    .set_file_name(file_name)
                    .save_file(),
            };
            let picked = match got {
                Some(p) => Picked::Path(p),
                None if started.elapsed() < NO_DIALOG_WITHIN => Picked::Unavailable,
                None => Picked::Cancelled,
            };
            let _ = tx.send((job, picked));
            ctx.request_repaint();
        });
    }
}

/// The default folder for saved files: the configured one, else Documents, else the data folder.
/// Where files go without a dialog: a folder the user can see (Documents, else the Desktop, else
/// home), never the hidden data folder.
pub(crate) fn default_dir(configured: Option<&Path>) -> PathBuf {
    let user = directories::UserDirs::new();
    configured
        .map(Path::to_path_buf)
        .or_else(|| {
            user.as_ref()
                .and_then(|u| u.document_dir().map(Path::to_path_buf))
        })
        .or_else(|| {
            user.as_ref()
                .and_then(|u| u.desktop_dir().map(Path::to_path_buf))
        })
        .or_else(|| user.as_ref().map(|u| u.home_dir().to_path_buf()))
        .unwrap_or_else(std::env::temp_dir)
}

/// `dir/name`, or `dir/name (2).ext` … when it exists.
fn unique_path(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    (2..1000)
        .map(|n| dir.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// Asks where to save a case: with photos one .zip carries the case and its files; without,
/// the case file.
pub(super) fn export_case(app: &mut App, ctx: &egui::Context, id: String) {
    let t = strings::s(app.lang());
    let Some(case) = app.state.case(&id) else {
        return;
    };
    let bundle = case.all_attachments().next().is_some();
    let ext: &'static [&'static str] = if bundle { &["zip"] } else { &["ron"] };
    let file_name = format!("{}.{}", safe_file_name(&case.label), ext[0]);
    app.dialogs.start(
        ctx,
        Job::ExportCase {
            case_id: id,
            file_name,
        },
        t.export.trim_end_matches('…').to_string(),
        (t.case_file_filter.to_string(), ext),
    );
}

/// Asks for a file to read: a case to import, a photo, a data pack.
pub(super) fn choose(app: &mut App, ctx: &egui::Context, job: Job) {
    let lang = app.lang();
    let t = strings::s(lang);
    let w = crate::view::strings::data_words(lang);
    let (title, filter) = match &job {
        Job::AttachPhoto { .. } => (t.photo_add, t.photo_filter),
        Job::ChoosePack => (w.choose, w.file_filter),
        _ => (t.import, t.case_file_filter),
    };
    // A new question replaces a picker left open.
    app.ui.picker = None;
    let extensions = job.extensions();
    app.dialogs.start(
        ctx,
        job,
        title.trim_end_matches('…').to_string(),
        (filter.to_string(), extensions),
    );
}

/// Asks where to save the open case's deadlines, as an .ics file (saved like a sheet: same
/// dialog, same fallback folder).
pub(super) fn calendar(app: &mut App, ctx: &egui::Context) {
    let lang = app.lang();
    let t = strings::s(lang);
    let Some(id) = app.state.current.clone() else {
        return;
    };
    let Some(derived) = app.state.derived(&id) else {
        return;
    };
    let Ok(d) = &*derived else { return };
    let Some(case) = app.state.case(&id) else {
        return;
    };
    let text = crate::calendar::ics(
        &app.state.catalog,
        d,
        &crate::calendar::CalendarInput {
            lang,
            label: Some(&case.label),
            key: &case.id,
            stamp: chrono::Utc::now(),
        },
    );
    let file_name = format!("{}-{}.ics", safe_file_name(&case.label), app.state.today);
    app.dialogs.start(
        ctx,
        Job::SavePdf {
            bytes: text.into_bytes(),
            file_name,
        },
        t.calendar.to_string(),
        (t.calendar_filter.to_string(), &["ics"]),
    );
}

/// A sheet made by the sheet service, or a message saying why not; a character the font lacks
/// is reported.
fn reported(app: &mut App, made: Result<Sheet, SheetError>) -> Option<Sheet> {
    let lang = app.lang();
    match made {
        Ok(sheet) => {
            if !sheet.missing_glyphs.is_empty() {
                let chars: String = sheet.missing_glyphs.iter().collect();
                app.state.push_banner(Msg::MissingGlyphs { chars }, false);
            }
            Some(sheet)
        }
        Err(e) => {
            let err = match e {
                SheetError::Answers(e) => {
                    e.0.iter()
                        .map(|x| strings::cli_answer_error(lang, x))
                        .collect::<Vec<_>>()
                        .join("; ")
                }
                SheetError::UnknownQuick { id, known } => {
                    strings::unknown_quick(lang, &id, &known.join(", "))
                }
                e => e.to_string(),
            };
            app.state.push_banner(Msg::PdfFailed { err }, true);
            None
        }
    }
}

/// Large print when the app's text is large.
fn large(app: &App) -> bool {
    app.state.settings.clamped_zoom() >= 1.5
}

/// The open case's sheet: the same view as the screen, notes included.
pub(super) fn case_sheet(app: &mut App, blank: bool, full: bool) -> Option<Sheet> {
    let id = app.state.current.clone()?;
    let derived = app.state.derived(&id)?;
    let Ok(d) = &*derived else { return None };
    let case = app.state.case(&id)?;
    let req = sheets::Request {
        source: Source::Case(case),
        lang: app.lang(),
        today: app.state.today,
        full,
        blank,
        large: large(app),
    };
    let made = sheets::draw(&app.state.catalog, d, &req);
    reported(app, made)
}

/// A front-desk quick sheet, with the name typed on the quick screen.
pub(super) fn quick_sheet(app: &mut App, id: &str) -> Option<Sheet> {
    let req = sheets::Request {
        source: Source::Quick {
            id,
            name: Some(&app.ui.quick_name),
        },
        lang: app.lang(),
        today: app.state.today,
        full: false,
        blank: true,
        large: large(app),
    };
    let made = sheets::make(&app.state.catalog, &req);
    let sheet = reported(app, made);
    // The name is this patient's: the next sheet is for someone else.
    if sheet.is_some() {
        app.ui.quick_name.clear();
    }
    sheet
}

/// The submission package of the open case: a cover listing every material as attached or
/// missing, then one page per photo. A file that cannot be read is left out, and said.
pub(super) fn submission_sheet(app: &mut App) -> Option<Sheet> {
    let lang = app.lang();
    let id = app.state.current.clone()?;
    let derived = app.state.derived(&id)?;
    let Ok(d) = &*derived else { return None };
    let case = app.state.case(&id)?.clone();
    let store_dir = app.state.store.as_ref()?.dir().to_path_buf();
    let mut files = Vec::new();
    for file in sheets::attachments(&store_dir, &case, lang) {
        match file {
            Ok(f) => files.push(f),
            Err(err) => app.state.push_banner(Msg::AttachFailed { err }, true),
        }
    }
    let label = strings::display_label(lang, &case.label);
    match sheets::submission(d, &files, Some(label), lang, app.state.today) {
        Ok((sheet, _)) => Some(sheet),
        Err(e) => {
            app.state
                .push_banner(Msg::PdfFailed { err: e.to_string() }, true);
            None
        }
    }
}

/// Saves a sheet where the user chooses (or the default folder).
pub(super) fn save_pdf(app: &mut App, ctx: &egui::Context, sheet: Sheet) {
    let t = strings::s(app.lang());
    app.dialogs.start(
        ctx,
        Job::SavePdf {
            bytes: sheet.bytes,
            file_name: format!("{}.pdf", sheet.stem),
        },
        t.save_pdf.to_string(),
        ("PDF".to_string(), &["pdf"]),
    );
}

/// Sends a sheet to the printer; without a print service or a printer, saves it to the default
/// folder, opens it for printing from the viewer, and says so.
pub(super) fn print_or_save(app: &mut App, sheet: Sheet) {
    let lang = app.lang();
    let printer = app.chosen_printer();
    let result = if app.config.system_print {
        sheets::print(&sheet, printer.as_deref())
    } else {
        Err(crate::print::PrintError::NoService)
    };
    match result {
        Ok(job) => app.state.push_banner(
            Msg::Printed {
                printer: printer.unwrap_or_default(),
                job,
            },
            false,
        ),
        Err(e @ (crate::print::PrintError::NoService | crate::print::PrintError::NoPrinter)) => {
            let why = strings::print_error(lang, &e);
            let dir = default_dir(app.config.export_dir.as_deref());
            let path = unique_path(&dir, &format!("{}.pdf", sheet.stem));
            let written = std::fs::create_dir_all(&dir).and_then(|()| {
                crate::outpath::Output::check(&path, crate::outpath::OutKind::Pdf, false)
                    .and_then(|out| out.write(&sheet.bytes))
                    .map_err(std::io::Error::other)
            });
            match written {
                Ok(()) => {
                    app.state.push_file_banner(
                        Msg::NoPrinterSaved {
                            path: path.display().to_string(),
                            why,
                        },
                        false,
                        path.clone(),
                    );
                    open_saved(app, &path);
                }
                Err(e) => app.state.push_banner(
                    Msg::WriteFailed {
                        path: path.display().to_string(),
                        err: strings::io_reason(lang, &e),
                    },
                    true,
                ),
            }
        }
        Err(e) => app.state.push_banner(
            Msg::PrintFailed {
                err: strings::print_error(lang, &e),
            },
            true,
        ),
    }
}

/// Opens a saved file with the desktop's viewer, when the app is set up to.
fn open_saved(app: &mut App, path: &Path) {
    if app.config.open_exported && opener::open(path).is_err() {
        app.state.push_banner(
            Msg::OpenFailed {
                path: path.display().to_string(),
            },
            true,
        );
    }
}

/// Writes what a save job holds to `path` (the one the dialog gave), or with `None` to the
/// default folder (no dialog, or the user took the folder offered after cancelling).
pub(super) fn save(app: &mut App, job: Job, path: Option<PathBuf>) {
    let lang = app.lang();
    let fallback = path.is_none();
    let path = match (path, &job) {
        (Some(p), _) => p,
        (None, Job::ExportCase { file_name, .. } | Job::SavePdf { file_name, .. }) => {
            let dir = default_dir(app.config.export_dir.as_deref());
            if let Err(e) = std::fs::create_dir_all(&dir) {
                let err = strings::io_reason(lang, &e);
                app.state.push_banner(
                    Msg::WriteFailed {
                        path: dir.display().to_string(),
                        err,
                    },
                    true,
                );
                return;
            }
            unique_path(&dir, file_name)
        }
        (None, _) => return,
    };
    let shown = path.display().to_string();
    match job {
        Job::ExportCase { case_id, .. } => {
            let Some(case) = app.state.case(&case_id).cloned() else {
                return;
            };
            // A bundle (.zip) when it has photos, else the case file; written by the output
            // rule like every other file (the dialog has already asked about replacing).
            let bundle = case.all_attachments().next().is_some();
            let result = match &app.state.store {
                Some(store) => Store::export_bytes(store.dir(), &case, bundle, &path)
                    .map_err(|e| strings::store_error(lang, &e)),
                None => Err(strings::store_error(
                    lang,
                    &crate::cases::StoreError::NotFound(case.label.clone()),
                )),
            }
            .and_then(|bytes| {
                crate::outpath::Output::check(&path, crate::outpath::OutKind::Case, true)
                    .and_then(|out| out.write(&bytes))
                    .map_err(|e| out_error(lang, &e))
            });
            match result {
                Ok(()) if fallback => app
                    .state
                    .push_banner(Msg::SavedFallback { path: shown }, false),
                Ok(()) => app.state.push_banner(Msg::Exported { path: shown }, false),
                Err(err) => {
                    app.state
                        .push_banner(Msg::WriteFailed { path: shown, err }, true);
                }
            }
        }
        // The output rule of every command: never over a case or anything else in the data
        // folder, never into a FIFO (the dialog has already asked about replacing a file).
        Job::SavePdf { bytes, .. } => {
            match crate::outpath::Output::check(&path, crate::outpath::OutKind::Pdf, true)
                .and_then(|out| out.write(&bytes))
            {
                Ok(()) => {
                    let msg = if fallback {
                        Msg::SavedFallback { path: shown }
                    } else {
                        Msg::Saved { path: shown }
                    };
                    app.state.push_file_banner(msg, false, path.clone());
                    open_saved(app, &path);
                }
                Err(e) => {
                    let err = out_error(lang, &e);
                    app.state
                        .push_banner(Msg::WriteFailed { path: shown, err }, true);
                }
            }
        }
        Job::ImportCase | Job::AttachPhoto { .. } | Job::ChoosePack => {}
    }
}

/// Why a file could not be written, after "无法写入文件 <path>：" (an I/O error by its reason
/// alone; a refusal of the output rule in full).
fn out_error(lang: crate::catalog::Lang, e: &crate::outpath::OutPathError) -> String {
    match e {
        crate::outpath::OutPathError::Io { source, .. } => strings::io_reason(lang, source),
        e => strings::out_path_error(lang, e),
    }
}

/// Imports a case file (a .zip brings its photos); says what happened. True when it was taken.
pub(super) fn import(app: &mut App, path: &Path) -> bool {
    let lang = app.lang();
    // A bundle (.zip) brings its photos into the case's folder; a case file only the case.
    let result = match &app.state.store {
        Some(store) => store.import_any(path),
        None => Store::import_from(path),
    };
    match result {
        Ok(case) => {
            let label = case.label.clone();
            app.state.add_imported(case);
            app.state.push_banner(Msg::Imported { label }, false);
            true
        }
        Err(e) => {
            let err = strings::store_error(lang, &e);
            app.state.push_banner(
                Msg::ImportFailed {
                    path: path.display().to_string(),
                    err,
                },
                true,
            );
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn existing_files_are_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let a = unique_path(dir.path(), "x.pdf");
        std::fs::write(&a, b"1").unwrap();
        let b = unique_path(dir.path(), "x.pdf");
        assert_eq!(b.file_name().unwrap(), "x (2).pdf");
    }
}
