//! Photos and scans on a material's card: add (file dialog, the in-app picker, or dropped on the
//! card), a thumbnail, the checks' warnings (run on a worker thread, so the window never waits),
//! remove. The files live in the case's own folder (`Store::attach`); a photo is never refused.

use super::command::Command;
use super::strings::{self, s};
use super::theme::{Palette, size};
use crate::cases::Attachment;
use crate::catalog::Lang;
use crate::photo::{PhotoError, PhotoReport, Region};
use egui::RichText;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// The longest side of a thumbnail, in pixels.
const THUMB: u32 = 160;
/// Side of the magnified patch of print shown beside a blurred photo.
const ZOOM: u32 = 96;

/// The result of checking one stored file.
pub(crate) enum Check {
    Pending,
    Done(Result<PhotoReport, PhotoError>),
}

/// What a worker thread sends back: the check, a thumbnail, and for a blurred photo a magnified
/// patch of its print.
struct Done {
    path: PathBuf,
    report: Result<PhotoReport, PhotoError>,
    thumb: Option<egui::ColorImage>,
    zoom: Option<egui::ColorImage>,
}

/// Checks and thumbnails by stored file path; a channel brings results from the worker threads.
pub struct Photos {
    checks: HashMap<PathBuf, Check>,
    thumbs: HashMap<PathBuf, Option<egui::TextureHandle>>,
    zooms: HashMap<PathBuf, egui::TextureHandle>,
    /// Thumbnails and magnified patches not yet loaded as textures.
    pictures: Vec<(PathBuf, Option<egui::ColorImage>, Option<egui::ColorImage>)>,
    tx: mpsc::Sender<Done>,
    rx: mpsc::Receiver<Done>,
}

impl Default for Photos {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Photos {
            checks: HashMap::new(),
            thumbs: HashMap::new(),
            zooms: HashMap::new(),
            pictures: Vec::new(),
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

fn color_image(img: &image::RgbaImage) -> egui::ColorImage {
    egui::ColorImage::from_rgba_unmultiplied(
        [img.width() as usize, img.height() as usize],
        img.as_raw(),
    )
}

/// Checks one stored file, with its thumbnail and (blurred) the magnified patch of print.
fn work(path: PathBuf) -> Done {
    // Bounded, and a FIFO is refused instead of blocking this thread for ever.
    let bytes = match crate::photo::read_file(&path) {
        Ok(b) => b,
        Err(e) => {
            return Done {
                path,
                report: Err(e),
                thumb: None,
                zoom: None,
            };
        }
    };
    let (report, image) = match crate::photo::check_bytes_keep(&bytes) {
        Ok((r, img)) => (Ok(r), img),
        Err(e) => (Err(e), None),
    };
    let thumb = image
        .as_ref()
        .map(|img| color_image(&img.thumbnail(THUMB, THUMB).to_rgba8()));
    let zoom = match (&report, &image) {
        (Ok(r), Some(img)) => r.problems.iter().find_map(|p| match (p.kind, p.region) {
            (crate::photo::ProblemKind::Blur, Some(Region::Area(a))) => {
                let (w, h) = (img.width() as f32, img.height() as f32);
                let (x0, y0) = ((a.x0 * w) as u32, (a.y0 * h) as u32);
                let side = (((a.x1 - a.x0) * w).min((a.y1 - a.y0) * h) as u32).max(8);
                let crop = img.crop_imm(x0, y0, side, side);
                Some(color_image(
                    &crop
                        .resize_exact(ZOOM, ZOOM, image::imageops::FilterType::Triangle)
                        .to_rgba8(),
                ))
            }
            _ => None,
        }),
        _ => None,
    };
    Done {
        path,
        report,
        thumb,
        zoom,
    }
}

impl Photos {
    /// Keeps a finished check; its pictures wait for a frame to become textures.
    fn keep(&mut self, d: Done) {
        self.checks.insert(d.path.clone(), Check::Done(d.report));
        self.pictures.push((d.path, d.thumb, d.zoom));
    }

    /// Takes finished checks; starts a check (and a thumbnail) for a file not seen yet.
    fn poll(&mut self, ctx: &egui::Context, path: &Path) {
        let done: Vec<Done> = self.rx.try_iter().collect();
        for d in done {
            self.keep(d);
        }
        for (p, thumb, zoom) in std::mem::take(&mut self.pictures) {
            let tex = thumb.map(|img| {
                ctx.load_texture(
                    format!("thumb:{}", p.display()),
                    img,
                    egui::TextureOptions::LINEAR,
                )
            });
            if let Some(z) = zoom {
                // Nearest: the blur shown is the photo's, not the magnifier's.
                let t = ctx.load_texture(
                    format!("zoom:{}", p.display()),
                    z,
                    egui::TextureOptions::NEAREST,
                );
                self.zooms.insert(p.clone(), t);
            }
            self.thumbs.insert(p, tex);
        }
        if self.checks.contains_key(path) {
            return;
        }
        self.checks.insert(path.to_path_buf(), Check::Pending);
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        let path = path.to_path_buf();
        std::thread::spawn(move || {
            let _ = tx.send(work(path));
            ctx.request_repaint();
        });
    }

    /// Waits for every check started so far (tests).
    pub fn wait_all(&mut self, timeout: std::time::Duration) {
        let start = std::time::Instant::now();
        while self.checks.values().any(|c| matches!(c, Check::Pending)) && start.elapsed() < timeout
        {
            if let Ok(d) = self.rx.recv_timeout(std::time::Duration::from_millis(50)) {
                self.keep(d);
            }
        }
    }

    /// Forgets a file (removed or replaced).
    pub(crate) fn forget(&mut self, path: &Path) {
        self.checks.remove(path);
        self.thumbs.remove(path);
        self.zooms.remove(path);
    }
}

/// The thumbnail with each problem marked: the glare patch boxed, the edges that cut the
/// document drawn thick. Its accessible name says what is marked.
fn marked_thumbnail(
    ui: &mut egui::Ui,
    lang: Lang,
    tex: &egui::TextureHandle,
    report: Option<&PhotoReport>,
) {
    let p = Palette::of(ui);
    let resp = ui.add(egui::Image::new(tex).max_size(egui::vec2(THUMB as f32, THUMB as f32)));
    let r = resp.rect;
    let painter = ui.painter_at(r.expand(2.0));
    let stroke = egui::Stroke::new(3.0, p.error);
    let mut marks = Vec::new();
    for problem in report.map(|r| r.problems.as_slice()).unwrap_or(&[]) {
        match (problem.kind, problem.region) {
            (crate::photo::ProblemKind::Glare, Some(Region::Area(a))) => {
                let rect = egui::Rect::from_min_max(
                    egui::pos2(r.left() + a.x0 * r.width(), r.top() + a.y0 * r.height()),
                    egui::pos2(r.left() + a.x1 * r.width(), r.top() + a.y1 * r.height()),
                );
                painter.rect_stroke(rect.expand(2.0), 2.0, stroke, egui::StrokeKind::Outside);
                marks.push(
                    lang.pick("反光处已用红框标出", "the glare is boxed in red")
                        .to_string(),
                );
            }
            (crate::photo::ProblemKind::Cropped, Some(Region::Edges(e))) => {
                let sides = [
                    (e.top, r.left_top(), r.right_top(), lang.pick("上边", "top")),
                    (
                        e.bottom,
                        r.left_bottom(),
                        r.right_bottom(),
                        lang.pick("下边", "bottom"),
                    ),
                    (
                        e.left,
                        r.left_top(),
                        r.left_bottom(),
                        lang.pick("左边", "left"),
                    ),
                    (
                        e.right,
                        r.right_top(),
                        r.right_bottom(),
                        lang.pick("右边", "right"),
                    ),
                ];
                let cut: Vec<&str> = sides
                    .iter()
                    .filter(|s| s.0)
                    .map(|(_, a, b, name)| {
                        painter.line_segment([*a, *b], egui::Stroke::new(5.0, p.error));
                        *name
                    })
                    .collect();
                if !cut.is_empty() {
                    marks.push(format!(
                        "{}{}",
                        lang.pick("被切掉的边已标红：", "the cut edges are marked red: "),
                        cut.join(lang.pick("、", ", "))
                    ));
                }
            }
            _ => {}
        }
    }
    let name = if marks.is_empty() {
        lang.pick("照片缩略图", "Photo thumbnail").to_string()
    } else {
        format!(
            "{}{}",
            lang.pick("照片缩略图：", "Photo thumbnail: "),
            marks.join(lang.pick("；", "; "))
        )
    };
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
}

/// A blurred photo's print magnified beside the same size of sharp print.
fn blur_comparison(ui: &mut egui::Ui, lang: Lang, zoom: &egui::TextureHandle) {
    let p = Palette::of(ui);
    ui.horizontal(|ui| {
        let side = ZOOM as f32;
        ui.vertical(|ui| {
            let resp = ui.add(egui::Image::new(zoom).fit_to_exact_size(egui::vec2(side, side)));
            let name = lang.pick("放大的照片局部：模糊", "The photo, magnified: blurred");
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, name));
            ui.label(
                RichText::new(lang.pick("你的照片（放大）", "Your photo (magnified)"))
                    .size(size::SMALL),
            );
        });
        ui.vertical(|ui| {
            egui::Frame::new()
                .fill(egui::Color32::WHITE)
                .stroke(egui::Stroke::new(1.0, p.ok))
                .inner_margin(6.0)
                .show(ui, |ui| {
                    ui.set_min_size(egui::vec2(side - 12.0, side - 12.0));
                    ui.label(
                        RichText::new(
                            lang.pick("发票号码\n金额 ¥128.50", "Invoice no.\nTotal ¥128.50"),
                        )
                        .size(size::DETAIL)
                        .color(egui::Color32::BLACK),
                    );
                });
            ui.label(
                RichText::new(lang.pick("清晰的样子", "Sharp, for comparison")).size(size::SMALL),
            );
        });
    });
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
    edits: &mut Vec<Command>,
) {
    let t = s(lang);
    let p = Palette::of(ui);
    for a in attachments {
        let Some(dir) = dir else { continue };
        let path = dir.join(&a.file);
        photos.poll(ui.ctx(), &path);
        let report = match photos.checks.get(&path) {
            Some(Check::Done(Ok(r))) => Some(r),
            _ => None,
        };
        ui.horizontal_wrapped(|ui| {
            if let Some(Some(tex)) = photos.thumbs.get(&path) {
                marked_thumbnail(ui, lang, tex, report);
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
                            // One line each; the rule and its source on hover.
                            ui.add(
                                egui::Label::new(
                                    RichText::new(strings::photo_line(lang, problem))
                                        .size(size::SMALL)
                                        .color(p.error),
                                )
                                .wrap(),
                            )
                            .on_hover_text(strings::photo_message(lang, problem));
                        }
                        if let Some(zoom) = photos.zooms.get(&path) {
                            blur_comparison(ui, lang, zoom);
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
                    edits.push(Command::RemoveAttachment {
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
        edits.push(Command::ChoosePhoto {
            material: material.to_string(),
        });
    }
}
