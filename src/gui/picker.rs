//! An in-app file picker for when the desktop offers no file dialog (no portal, no zenity): the
//! user's usual folders, the folders and matching files of the current one, clicked, never a
//! path to type. (egui-file-dialog targets egui 0.36, not this app's 0.37.)

use super::files::{Job, Picked};
use super::strings::s;
use crate::catalog::Lang;
use egui::RichText;
use std::path::{Path, PathBuf};

/// How many entries a folder shows: a folder of thousands of files stays usable.
const MAX_ENTRIES: usize = 300;

#[derive(Debug, Clone, PartialEq)]
pub struct FilePicker {
    pub dir: PathBuf,
    /// What the file is for; files shown end with one of its extensions.
    pub job: Job,
    folders: Vec<PathBuf>,
    files: Vec<PathBuf>,
    /// The folder could not be read (the reason, in words).
    error: Option<String>,
    truncated: bool,
}

impl FilePicker {
    /// Opens on `start`, or the first usual folder that exists.
    pub fn new(start: Option<&Path>, job: Job, lang: Lang) -> FilePicker {
        let dir = start
            .filter(|d| d.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| {
                places(lang)
                    .into_iter()
                    .map(|(_, p)| p)
                    .find(|p| p.is_dir())
            })
            .unwrap_or_else(|| PathBuf::from("."));
        let mut p = FilePicker {
            dir,
            job,
            folders: Vec::new(),
            files: Vec::new(),
            error: None,
            truncated: false,
        };
        p.read(lang);
        p
    }

    fn read(&mut self, lang: Lang) {
        self.folders.clear();
        self.files.clear();
        self.error = None;
        self.truncated = false;
        match std::fs::read_dir(&self.dir) {
            Ok(entries) => {
                for e in entries.filter_map(|e| e.ok()) {
                    let path = e.path();
                    let name = e.file_name().to_string_lossy().to_string();
                    if name.starts_with('.') {
                        continue;
                    }
                    if self.folders.len() + self.files.len() >= MAX_ENTRIES {
                        self.truncated = true;
                        break;
                    }
                    if path.is_dir() {
                        self.folders.push(path);
                    } else if path.extension().is_some_and(|x| {
                        let x = x.to_string_lossy().to_lowercase();
                        self.job.extensions().contains(&x.as_str())
                    }) {
                        self.files.push(path);
                    }
                }
                self.folders.sort();
                self.files.sort();
            }
            Err(e) => self.error = Some(super::strings::io_reason(lang, &e)),
        }
    }

    fn go(&mut self, dir: PathBuf, lang: Lang) {
        self.dir = dir;
        self.read(lang);
    }

    /// Draws the picker; returns what the user chose (as a file dialog would).
    pub fn show(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<Picked> {
        let t = s(lang);
        let mut out = None;
        let mut go = None;
        // Announced when it opens, like a dialog's title.
        super::a11y::message(
            ui,
            RichText::new(match self.job {
                Job::AttachPhoto { .. } => t.pick_photo,
                Job::ChoosePack => crate::view::strings::data_words(lang).pick_title,
                _ => t.pick_file,
            })
            .strong(),
            egui::accesskit::Live::Polite,
        );
        ui.horizontal_wrapped(|ui| {
            if let Some(parent) = self.dir.parent()
                && ui.button(t.up_folder).clicked()
            {
                go = Some(parent.to_path_buf());
            }
            for (name, path) in places(lang) {
                if path.is_dir() && ui.button(name).clicked() {
                    go = Some(path);
                }
            }
            if ui.button(t.cancel).clicked() {
                out = Some(Picked::Cancelled);
            }
        });
        ui.add(egui::Label::new(RichText::new(self.dir.display().to_string()).weak()).wrap());
        if let Some(e) = &self.error {
            super::a11y::message(
                ui,
                RichText::new(e).color(ui.visuals().error_fg_color),
                egui::accesskit::Live::Assertive,
            );
        }
        egui::ScrollArea::vertical()
            .id_salt("picker")
            .max_height(ui.ctx().content_rect().height() * 0.4)
            .show(ui, |ui| {
                for f in &self.folders {
                    let name = f
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().to_string());
                    // A trailing slash marks a folder (the bundled font has no folder icon).
                    if ui.button(format!("{name}/")).clicked() {
                        go = Some(f.clone());
                    }
                }
                for f in &self.files {
                    let name = f
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().to_string());
                    if ui.button(RichText::new(&name).strong()).clicked() {
                        out = Some(Picked::Path(f.clone()));
                    }
                }
                if self.folders.is_empty() && self.files.is_empty() && self.error.is_none() {
                    let empty = match self.job {
                        Job::ChoosePack => crate::view::strings::data_words(lang).no_files_here,
                        _ => t.no_files_here,
                    };
                    ui.label(RichText::new(empty).weak());
                }
                if self.truncated {
                    ui.label(RichText::new(t.too_many_files).weak());
                }
            });
        if let Some(d) = go {
            self.go(d, lang);
        }
        out
    }
}

/// The user's usual folders, by name.
fn places(lang: Lang) -> Vec<(&'static str, PathBuf)> {
    let t = s(lang);
    let Some(u) = directories::UserDirs::new() else {
        return Vec::new();
    };
    let mut v = Vec::new();
    if let Some(d) = u.download_dir() {
        v.push((t.folder_downloads, d.to_path_buf()));
    }
    if let Some(d) = u.document_dir() {
        v.push((t.folder_documents, d.to_path_buf()));
    }
    if let Some(d) = u.desktop_dir() {
        v.push((t.folder_desktop, d.to_path_buf()));
    }
    v.push((t.folder_home, u.home_dir().to_path_buf()));
    v
}
