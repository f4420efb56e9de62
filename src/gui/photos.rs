//! Photos and scans on a material's card: add (file dialog, the in-app picker, or dropped on the
//! card), a thumbnail, the checks' warnings (run on a worker thread, so the window never waits),
//! remove. The files live in the case's own folder (`Store::attach`); a photo is never refused.

use super::strings::{self, s};
use super::theme::{Palette, size};
use crate::cases::Attachment;
use crate::catalog::Lang;
use crate::photo::{PhotoError, PhotoReport};
use egui::RichText;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// The longest side of a thumbnail, in pixels.
const THUMB: u32 = 96;

/// The result of checking one stored file.
pub(crate) enum Check {
    Pending,
    Done(Result<PhotoReport, PhotoError>),
}

/// Checks and thumbnails by stored file path; a channel brings results from the worker threads.
pub struct Photos {
    checks: HashMap<PathBuf, Check>,
    thumbs: HashMap<PathBuf, Option<egui::TextureHandle>>,
    tx: mpsc::Sender<(
        PathBuf,
        Result<PhotoReport, PhotoError>,
        Option<egui::ColorImage>,
    )>,
    rx: mpsc::Receiver<(
        PathBuf,
        Result<PhotoReport, PhotoError>,
        Option<egui::ColorImage>,
    )>,
}

impl Default for Photos {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Photos {
            checks: HashMap::new(),
            thumbs: HashMap::new(),
            tx,
            rx,
        }
    }
}

impl std::fmt::Debug for Photos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Photos({} checked)", self.checks.len())
    }
}

impl Photos {
    /// Takes finished checks; starts a check (and a thumbnail) for a file not seen yet.
    fn poll(&mut self, ctx: &egui::Context, path: &Path) {
        for (p, report, image) in self.rx.try_iter() {
            let tex = image.map(|img| {
                ctx.load_texture(
                    format!("thumb:{}", p.display()),
                    img,
                    egui::TextureOptions::LINEAR,
                )
            });
            self.thumbs.insert(p.clone(), tex);
            self.checks.insert(p, Check::Done(report));
        }
        if self.checks.contains_key(path) {
            return;
        }
        self.checks.insert(path.to_path_buf(), Check::Pending);
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let path = path.to_path_buf();
        std::thread::spawn(move || {
            let report = crate::photo::check_file(&path);
            // Bounded, and a FIFO is refused instead of blocking this thread for ever.
            let image = crate::photo::read_file(&path)
                .ok()
                .and_then(|b| crate::photo::thumbnail(&b, THUMB).ok())
                .map(|t| {
                    egui::ColorImage::from_rgba_unmultiplied(
                        [t.width() as usize, t.height() as usize],
                        t.as_raw(),
                    )
                });
            let _ = tx.send((path, report, image));
            ctx.request_repaint();
        });
    }

    /// Waits for every check started so far (tests).
    pub fn wait_all(&mut self, timeout: std::time::Duration) {
        let start = std::time::Instant::now();
        while self.checks.values().any(|c| matches!(c, Check::Pending)) && start.elapsed() < timeout
        {
            if let Ok((p, report, _)) = self.rx.recv_timeout(std::time::Duration::from_millis(50)) {
                self.checks.insert(p, Check::Done(report));
            }
        }
    }

    /// Forgets a file (removed or replaced).
    pub(crate) fn forget(&mut self, path: &Path) {
        self.checks.remove(path);
        self.thumbs.remove(path);
    }
}

/// The photos of one material on its card.
#[allow(clippy::too_many_arguments)]
pub(crate) fn pane(
    ui: &mut egui::Ui,
    lang: Lang,
    photos: &mut Photos,
    dir: Option<&Path>,
    material: &str,
    attachments: &[Attachment],
    editable: bool,
    edits: &mut Vec<super::command::Command>,
) {
    let t = s(lang);
    let p = Palette::of(ui);
    for a in attachments {
        let Some(dir) = dir else { continue };
        let path = dir.join(&a.file);
        photos.poll(ui.ctx(), &path);
        ui.horizontal_wrapped(|ui| {
            if let Some(Some(tex)) = photos.thumbs.get(&path) {
                ui.add(egui::Image::new(tex).max_size(egui::vec2(THUMB as f32, THUMB as f32)));
            }
            ui.vertical(|ui| {
                let name = if a.original_name.is_empty() {
                    &a.file
                } else {
                    &a.original_name
                };
                ui.add(egui::Label::new(RichText::new(name).size(size::DETAIL).strong()).wrap());
                match photos.checks.get(&path) {
                    Some(Check::Done(Ok(report))) => {
                        if report.problems.is_empty() {
                            let ok = if report.checked {
                                t.photo_ok
                            } else {
                                t.photo_not_checked
                            };
                            ui.label(RichText::new(ok).size(size::SMALL).color(p.ok));
                        }
                        for problem in &report.problems {
                            ui.add(
                                egui::Label::new(
                                    RichText::new(strings::photo_message(lang, problem))
                                        .size(size::SMALL)
                                        .color(p.error),
                                )
                                .wrap(),
                            );
                        }
                    }
                    Some(Check::Done(Err(e))) => {
                        ui.add(
                            egui::Label::new(
                                RichText::new(strings::photo_error(lang, e))
                                    .size(size::SMALL)
                                    .color(p.error),
                            )
                            .wrap(),
                        );
                    }
                    _ => {
                        ui.label(RichText::new(t.photo_checking).size(size::SMALL).weak());
                    }
                }
                if ui
                    .add_enabled(editable, egui::Button::new(t.photo_remove))
                    .on_hover_text(name.as_str())
                    .clicked()
                {
                    edits.push(super::command::Command::RemoveAttachment {
                        material: material.to_string(),
                        file: a.file.clone(),
                    });
                }
            });
        });
    }
    if ui
        .add_enabled(
            editable,
            egui::Button::new(RichText::new(t.photo_add).size(size::DETAIL)),
        )
        .clicked()
    {
        edits.push(
            super::Action::AttachPhoto {
                material: material.to_string(),
            }
            .into(),
        );
    }
}

/// The picker's extensions for photos and scans.
pub(crate) const EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "pdf"];

/// The label of the file filter in dialogs.
pub(crate) fn filter_name(lang: Lang) -> &'static str {
    strings::s(lang).photo_filter
}
