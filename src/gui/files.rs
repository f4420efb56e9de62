//! Files: the PDF sheet, case export and import, through the desktop's file dialogs (rfd) when
//! there is one, else into a default folder whose path is shown. Nothing fails silently.

use super::strings::{self, Msg};
use super::{Action, App};
use crate::cases::Store;
use crate::pdf::{self, SheetOptions};
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

/// A file name from a case label: no path separators or characters Windows forbids.
pub(crate) fn safe_file_name(label: &str) -> String {
    let cleaned: String = label
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches('.').to_string();
    if cleaned.is_empty() {
        "checklist".to_string()
    } else {
        cleaned.chars().take(80).collect()
    }
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

/// Runs an action a screen asked for.
pub(crate) fn act(app: &mut App, ctx: &egui::Context, action: Action) {
    let lang = app.lang();
    let t = strings::s(lang);
    match action {
        Action::ExportCase(id) => {
            let Some(case) = app.state.case(&id) else {
                return;
            };
            // With photos, one .zip carries the case and its files; without, the case file.
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
        Action::Import => {
            app.ui.picker = None;
            app.dialogs.start(
                ctx,
                Job::ImportCase,
                t.import.trim_end_matches('…').to_string(),
                (t.case_file_filter.to_string(), &["ron", "zip"]),
            );
        }
        Action::ChoosePack => {
            app.ui.picker = None;
            let w = crate::view::strings::data_words(lang);
            app.dialogs.start(
                ctx,
                Job::ChoosePack,
                w.choose.trim_end_matches('…').to_string(),
                (
                    w.file_filter.to_string(),
                    &[crate::catalog::pack::PACK_EXTENSION],
                ),
            );
        }
        Action::ImportPath(path) => {
            let path = PathBuf::from(path.trim());
            if import(app, &path) {
                app.ui.picker = None;
            }
        }
        Action::Pdf { blank, full } => {
            if let Some(sheet) = case_sheet(app, blank, full) {
                save_pdf(app, ctx, sheet);
            }
        }
        Action::Print { blank, full } => {
            if let Some(sheet) = case_sheet(app, blank, full) {
                print_or_save(app, sheet);
            }
        }
        Action::PrintQuick { id } => {
            if let Some(sheet) = quick_sheet(app, &id) {
                print_or_save(app, sheet);
            }
        }
        Action::AttachPhoto { material } => {
            app.dialogs.start(
                ctx,
                Job::AttachPhoto { material },
                t.photo_add.to_string(),
                (
                    super::photos::filter_name(lang).to_string(),
                    super::photos::EXTENSIONS,
                ),
            );
        }
        Action::Submission => {
            if let Some(sheet) = submission_sheet(app) {
                save_pdf(app, ctx, sheet);
            }
        }
        Action::QuickPdf { id } => {
            if let Some(sheet) = quick_sheet(app, &id) {
                save_pdf(app, ctx, sheet);
            }
        }
        Action::Calendar => {
            let Some(id) = app.state.current.clone() else {
                return;
            };
            let Some(derived) = app.state.derived(&id) else {
                return;
            };
            let Ok(d) = &*derived else { return };
            let case = app.state.case(&id).expect("current case exists");
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
            // Saved like a sheet (same dialog, same fallback folder), as an .ics file.
            app.dialogs.start(
                ctx,
                Job::SavePdf {
                    bytes: text.into_bytes(),
                    file_name: format!("{}-{}.ics", safe_file_name(&case.label), app.state.today),
                },
                t.calendar.to_string(),
                (t.calendar_filter.to_string(), &["ics"]),
            );
        }
        Action::SaveToDefault => {
            if let Some(job) = app.ui.offer_fallback.take() {
                finish(app, job, Picked::Unavailable);
            }
        }
    }
}

/// A rendered sheet: the PDF, a title for the print job and a file name.
pub(crate) struct Sheet {
    bytes: Vec<u8>,
    title: String,
    file_name: String,
}

/// Renders a view; a character the font lacks is reported.
fn render(app: &mut App, v: &crate::view::View, full: bool, file_stem: String) -> Option<Sheet> {
    let options = SheetOptions {
        large: app.state.settings.clamped_zoom() >= 1.5,
        full,
    };
    match pdf::render_view_report(v, &options) {
        Ok(pdf::Rendered {
            bytes,
            missing_glyphs,
        }) => {
            if !missing_glyphs.is_empty() {
                let chars: String = missing_glyphs.iter().collect();
                app.state.push_banner(Msg::MissingGlyphs { chars }, false);
            }
            let title = v.document_title();
            Some(Sheet {
                bytes,
                title,
                file_name: format!("{file_stem}.pdf"),
            })
        }
        Err(e) => {
            app.state
                .push_banner(Msg::PdfFailed { err: e.to_string() }, true);
            None
        }
    }
}

/// The open case's sheet: the same view as the screen, notes included.
fn case_sheet(app: &mut App, blank: bool, full: bool) -> Option<Sheet> {
    let lang = app.lang();
    let t = strings::s(lang);
    let id = app.state.current.clone()?;
    let derived = app.state.derived(&id)?;
    let Ok(d) = &*derived else { return None };
    let case = app.state.case(&id)?.clone();
    let label = strings::display_label(lang, &case.label);
    let v = crate::view::build(
        &app.state.catalog,
        d,
        &crate::view::ViewInput {
            lang,
            label: (!blank).then_some(label.as_str()),
            items: Some(&case.items),
            blank,
        },
    );
    let stem = if blank {
        format!("{}-{}", t.blank_sheet, app.state.today)
    } else {
        format!("{}-{}", safe_file_name(&label), app.state.today)
    };
    render(app, &v, full, stem)
}

/// A front-desk quick sheet, with the name typed on the quick screen.
fn quick_sheet(app: &mut App, id: &str) -> Option<Sheet> {
    let lang = app.lang();
    let catalog = &app.state.catalog;
    let q = catalog.quick_sheets.iter().find(|q| q.id == id)?;
    let name = app.ui.quick_name.trim().to_string();
    let v = match crate::view::quick(catalog, q, lang, Some(&name), app.state.today) {
        Ok(v) => v,
        Err(e) => {
            let err =
                e.0.iter()
                    .map(|x| strings::cli_answer_error(lang, x))
                    .collect::<Vec<_>>()
                    .join("; ");
            app.state.push_banner(Msg::PdfFailed { err }, true);
            return None;
        }
    };
    let mut stem = safe_file_name(q.name.get(lang));
    if !name.is_empty() {
        stem = format!("{}-{stem}", safe_file_name(&name));
    }
    let stem = format!("{stem}-{}", app.state.today);
    let sheet = render(app, &v, false, stem);
    // The name is this patient's: the next sheet is for someone else.
    if sheet.is_some() {
        app.ui.quick_name.clear();
    }
    sheet
}

/// The submission package of the open case: a cover listing every material as attached or
/// missing, then one page per photo.
fn submission_sheet(app: &mut App) -> Option<Sheet> {
    let lang = app.lang();
    let id = app.state.current.clone()?;
    let derived = app.state.derived(&id)?;
    let Ok(d) = &*derived else { return None };
    let case = app.state.case(&id)?.clone();
    let dir = app.state.store.as_ref()?.attachments_dir(&case.id);
    let mut files = Vec::new();
    for (material, a) in case.all_attachments() {
        let path = dir.join(&a.file);
        match crate::photo::read_file(&path) {
            Ok(bytes) => files.push(crate::pdf::submission::SubmissionFile {
                material: material.to_string(),
                name: if a.original_name.is_empty() {
                    a.file.clone()
                } else {
                    a.original_name.clone()
                },
                bytes,
            }),
            Err(e) => app.state.push_banner(
                Msg::AttachFailed {
                    err: format!(
                        "{}: {}",
                        path.display(),
                        crate::view::strings::photo_error(lang, &e)
                    ),
                },
                true,
            ),
        }
    }
    let label = strings::display_label(lang, &case.label);
    let options = crate::pdf::submission::SubmissionOptions {
        lang,
        label: Some(label.clone()),
        printed_on: Some(app.state.today),
    };
    match crate::pdf::submission::render(d, &files, &options) {
        Ok(result) => Some(Sheet {
            bytes: result.pdf,
            title: label.clone(),
            file_name: format!(
                "{}-{}-{}.pdf",
                safe_file_name(&label),
                strings::s(lang).submission_file,
                app.state.today
            ),
        }),
        Err(e) => {
            app.state
                .push_banner(Msg::PdfFailed { err: e.to_string() }, true);
            None
        }
    }
}

/// Saves a sheet where the user chooses (or the default folder).
fn save_pdf(app: &mut App, ctx: &egui::Context, sheet: Sheet) {
    let t = strings::s(app.lang());
    app.dialogs.start(
        ctx,
        Job::SavePdf {
            bytes: sheet.bytes,
            file_name: sheet.file_name,
        },
        t.save_pdf.to_string(),
        ("PDF".to_string(), &["pdf"]),
    );
}

/// Sends a sheet to the printer; without a print service or a printer, saves it to the default
/// folder, opens it for printing from the viewer, and says so.
fn print_or_save(app: &mut App, sheet: Sheet) {
    let lang = app.lang();
    let printer = app.chosen_printer();
    let result = if app.config.system_print {
        crate::print::print_bytes(&sheet.bytes, printer.as_deref(), &sheet.title)
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
            let path = unique_path(&dir, &sheet.file_name);
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
                    if app.config.open_exported && opener::open(&path).is_err() {
                        app.state.push_banner(
                            Msg::OpenFailed {
                                path: path.display().to_string(),
                            },
                            true,
                        );
                    }
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

/// Acts on what a dialog gave.
pub fn finish(app: &mut App, job: Job, picked: Picked) {
    let lang = app.lang();
    let fallback_dir = default_dir(app.config.export_dir.as_deref());
    let (path, fallback) = match (&job, picked) {
        (_, Picked::Path(p)) => (p, false),
        (Job::ImportCase, Picked::Unavailable) => {
            let start = default_dir(app.config.export_dir.as_deref());
            app.ui.picker = Some(super::picker::FilePicker::new(
                Some(&start),
                &["ron", "zip"],
                super::picker::PickFor::Import,
                lang,
            ));
            return;
        }
        (Job::ImportCase, Picked::Cancelled) => return,
        (Job::AttachPhoto { material }, Picked::Unavailable) => {
            let start = default_dir(app.config.export_dir.as_deref());
            app.ui.picker = Some(super::picker::FilePicker::new(
                Some(&start),
                super::photos::EXTENSIONS,
                super::picker::PickFor::Attach(material.clone()),
                lang,
            ));
            return;
        }
        (Job::AttachPhoto { .. }, Picked::Cancelled) => return,
        (Job::ChoosePack, Picked::Unavailable) => {
            let start = default_dir(app.config.export_dir.as_deref());
            app.ui.picker = Some(super::picker::FilePicker::new(
                Some(&start),
                &[crate::catalog::pack::PACK_EXTENSION],
                super::picker::PickFor::DataPack,
                lang,
            ));
            return;
        }
        (Job::ChoosePack, Picked::Cancelled) => return,
        (_, Picked::Cancelled) => {
            app.ui.offer_fallback = Some(job);
            return;
        }
        (
            Job::ExportCase { file_name, .. } | Job::SavePdf { file_name, .. },
            Picked::Unavailable,
        ) => {
            if let Err(e) = std::fs::create_dir_all(&fallback_dir) {
                let err = strings::io_reason(lang, &e);
                app.state.push_banner(
                    Msg::WriteFailed {
                        path: fallback_dir.display().to_string(),
                        err,
                    },
                    true,
                );
                return;
            }
            (unique_path(&fallback_dir, file_name), true)
        }
    };
    let shown = path.display().to_string();
    match job {
        Job::ImportCase => {
            import(app, &path);
        }
        Job::AttachPhoto { material } => super::command::attach(app, &material, &path),
        Job::ChoosePack => app.push(super::command::Command::PreviewPack(path)),
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
                    app.state.push_file_banner(
                        if fallback {
                            Msg::SavedFallback {
                                path: shown.clone(),
                            }
                        } else {
                            Msg::Saved {
                                path: shown.clone(),
                            }
                        },
                        false,
                        path.clone(),
                    );
                    if app.config.open_exported && opener::open(&path).is_err() {
                        app.state.push_banner(Msg::OpenFailed { path: shown }, true);
                    }
                }
                Err(e) => {
                    let err = out_error(lang, &e);
                    app.state
                        .push_banner(Msg::WriteFailed { path: shown, err }, true);
                }
            }
        }
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

fn import(app: &mut App, path: &Path) -> bool {
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
    fn file_names_are_safe() {
        assert_eq!(safe_file_name("张三/李四: 住院?"), "张三_李四_ 住院_");
        assert_eq!(safe_file_name("  "), "checklist");
        assert_eq!(safe_file_name("..."), "checklist");
    }

    #[test]
    fn existing_files_are_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let a = unique_path(dir.path(), "x.pdf");
        std::fs::write(&a, b"1").unwrap();
        let b = unique_path(dir.path(), "x.pdf");
        assert_eq!(b.file_name().unwrap(), "x (2).pdf");
    }
}
