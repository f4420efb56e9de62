//! The submission package (提交材料包): one PDF with a cover sheet listing every required material
//! in checklist order, each marked attached (with its page numbers) or missing, then one A4 page
//! per photo with the material's and the case's name.
//!
//! Photos are scaled to fit the page and downsampled to about [`PHOTO_DPI`] dpi, then embedded as
//! JPEG, so a package of a dozen phone photos stays a few megabytes. PDF attachments cannot be
//! embedded (krilla would need its PDF-embedding feature): the cover lists them as "send
//! separately". Every photo is checked too and its warnings are printed on the cover.

use super::PdfError;
use super::font::{self, Metrics};
use super::layout::{
    Block, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, Op, PAGE_H, PAGE_W, Painter, Row, Style, paginate,
};
use super::wrap::wrap;
use crate::catalog::{Lang, MaterialGroup};
use crate::engine::Derivation;
use crate::photo::{self, FileKind, ProblemKind};
use crate::view::strings::{self, s};
use image::DynamicImage;
use krilla::Document;
use krilla::geom::{Size, Transform};
use krilla::metadata::Metadata;

/// Photos are downsampled to this resolution at their printed size.
pub(crate) const PHOTO_DPI: f32 = 200.0;
/// JPEG quality of the embedded photos.
pub(crate) const JPEG_QUALITY: u8 = 80;

/// One attached file to put in the package.
#[derive(Debug, Clone)]
pub struct SubmissionFile {
    /// The material id it belongs to.
    pub material: String,
    /// Shown on the page and the cover (the original file name).
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct SubmissionOptions {
    pub lang: Lang,
    /// The case's name, on every page.
    pub label: Option<String>,
    pub printed_on: Option<chrono::NaiveDate>,
}

/// What became of one file: its page, or why it has none.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// On this page (1-based).
    Page(usize),
    /// A PDF: to be sent separately.
    SeparatePdf,
    /// Not readable as an image (the reason, in the package's language).
    Unreadable(String),
}

/// The rendered package and where each input file went (same order as the input).
#[derive(Debug, Clone)]
pub struct Submission {
    pub pdf: Vec<u8>,
    pub placements: Vec<Placement>,
    pub pages: usize,
}

const GRAY: u8 = 70;

fn style(size: f32, bold: bool, gray: u8) -> Style {
    Style { size, bold, gray }
}
fn line_height(s: Style) -> f32 {
    s.size * 1.42
}
fn baseline(s: Style) -> f32 {
    (line_height(s) - s.size) / 2.0 + 0.88 * s.size
}

/// Wrapped text rows at `x`, `width` wide.
fn text_rows(m: &Metrics, x: f32, width: f32, text: &str, s: Style) -> Vec<Row> {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    wrap(&clean, width, |c| m.advance(c) * s.size)
        .into_iter()
        .map(|line| Row {
            height: line_height(s),
            ops: vec![Op::Text {
                x,
                y: baseline(s),
                text: line.to_string(),
                style: s,
            }],
        })
        .collect()
}

struct Prepared {
    material: usize,
    name: String,
    image: Option<DynamicImage>,
    problems: Vec<ProblemKind>,
    placement: Placement,
}

/// Decodes, checks and orders the files: by the checklist's material order (files of materials
/// not in the checklist last), each material's files in the order given.
fn prepare(order: &[&str], files: &[SubmissionFile], lang: Lang) -> (Vec<Prepared>, Vec<usize>) {
    let mut idx: Vec<usize> = (0..files.len()).collect();
    let rank = |f: &SubmissionFile| {
        order
            .iter()
            .position(|m| *m == f.material)
            .unwrap_or(usize::MAX)
    };
    idx.sort_by_key(|i| (rank(&files[*i]), *i));
    let prepared = idx
        .iter()
        .map(|&i| {
            let f = &files[i];
            let (image, problems, placement) = match FileKind::sniff(&f.bytes) {
                Ok(FileKind::Pdf) => (None, Vec::new(), Placement::SeparatePdf),
                _ => match photo::decode(&f.bytes) {
                    Ok(img) => {
                        let kinds = photo::check_image(&img)
                            .problems
                            .iter()
                            .map(|p| p.kind)
                            .collect();
                        (Some(page_sized(img)), kinds, Placement::Page(0))
                    }
                    Err(e) => (
                        None,
                        Vec::new(),
                        Placement::Unreadable(strings::photo_error(lang, &e)),
                    ),
                },
            };
            Prepared {
                material: rank(f),
                name: f.name.clone(),
                image,
                problems,
                placement,
            }
        })
        .collect();
    (prepared, idx)
}

/// Renders the package for the checklist `d` with these files.
pub fn render(
    d: &Derivation,
    files: &[SubmissionFile],
    options: &SubmissionOptions,
) -> Result<Submission, PdfError> {
    let m = font::metrics().map_err(PdfError::Render)?;
    let lang = options.lang;
    // Checklist order: by group, then data order (as on the printed checklist).
    let materials: Vec<&crate::engine::DerivedMaterial> = MaterialGroup::ALL
        .iter()
        .flat_map(|g| d.materials_in(*g))
        .collect();
    let order: Vec<&str> = materials.iter().map(|m| m.id.as_str()).collect();
    let (mut prepared, input_order) = prepare(&order, files, lang);

    // The cover's length depends on nothing but the texts, so two passes settle the numbers.
    let mut cover_pages = 1;
    let mut cover;
    loop {
        let mut page = cover_pages;
        for p in prepared.iter_mut() {
            if p.image.is_some() {
                page += 1;
                p.placement = Placement::Page(page);
            }
        }
        cover = cover_blocks(m, lang, options, &materials, &prepared);
        let n = paginate(
            cover.clone(),
            MARGIN_TOP,
            MARGIN_TOP,
            PAGE_H - MARGIN_BOTTOM - 20.0,
        )
        .len();
        if n == cover_pages {
            break;
        }
        cover_pages = n;
    }
    let cover_pages_laid = paginate(cover, MARGIN_TOP, MARGIN_TOP, PAGE_H - MARGIN_BOTTOM - 20.0);

    let mut doc = Document::new();
    let title = format!(
        "{}{}",
        s(lang).submission,
        options
            .label
            .as_deref()
            .map(|l| format!(" · {l}"))
            .unwrap_or_default()
    );
    doc.set_metadata(
        Metadata::new()
            .title(title)
            .language(match lang {
                Lang::Zh => "zh-CN".into(),
                Lang::En => "en".into(),
            })
            .creator(format!("yibao-checklist {}", env!("CARGO_PKG_VERSION"))),
    );
    let painter = Painter {
        metrics: m,
        missing: Default::default(),
    };
    let photo_count = prepared.iter().filter(|p| p.image.is_some()).count();
    let total = cover_pages_laid.len() + photo_count;
    let foot = style(7.5, false, 40);
    let footer = |n: usize| {
        let text = strings::page_n_of(lang, n, total);
        let w = m.width(&text, foot.size);
        Row {
            height: line_height(foot),
            ops: vec![Op::Text {
                x: PAGE_W - MARGIN_X - w,
                y: baseline(foot),
                text,
                style: foot,
            }],
        }
    };
    for (i, placed) in cover_pages_laid.iter().enumerate() {
        let mut page = Painter::start_page(&mut doc);
        let mut surface = page.surface();
        for p in placed {
            painter.draw_row(&mut surface, p.y, &p.row);
        }
        painter.draw_row(&mut surface, PAGE_H - MARGIN_BOTTOM - 10.0, &footer(i + 1));
        surface.finish();
        page.finish();
    }

    let mut seen: Vec<usize> = Vec::new();
    for p in &prepared {
        let Some(img) = &p.image else { continue };
        let Placement::Page(n) = p.placement else {
            continue;
        };
        let name = material_name(&materials, p.material, lang);
        let nth = seen.iter().filter(|m| **m == p.material).count() + 1;
        seen.push(p.material);
        let of = prepared
            .iter()
            .filter(|q| q.material == p.material && q.image.is_some())
            .count();
        let mut rows: Vec<Row> = Vec::new();
        rows.extend(text_rows(
            m,
            MARGIN_X,
            PAGE_W - 2.0 * MARGIN_X,
            &name,
            style(14.0, true, 0),
        ));
        let mut sub = String::new();
        if let Some(l) = &options.label {
            sub.push_str(l);
            sub.push_str(" · ");
        }
        sub.push_str(&strings::photo_n_of(lang, nth, of, &p.name));
        rows.extend(text_rows(
            m,
            MARGIN_X,
            PAGE_W - 2.0 * MARGIN_X,
            &sub,
            style(9.5, false, GRAY),
        ));
        let mut page = Painter::start_page(&mut doc);
        let mut surface = page.surface();
        let mut y = MARGIN_TOP;
        for r in &rows {
            painter.draw_row(&mut surface, y, r);
            y += r.height;
        }
        let top = y + 8.0;
        let bottom = PAGE_H - MARGIN_BOTTOM - 16.0;
        let (aw, ah) = (PAGE_W - 2.0 * MARGIN_X, bottom - top);
        let (iw, ih) = (img.width() as f32, img.height() as f32);
        let k = (aw / iw).min(ah / ih);
        let (dw, dh) = (iw * k, ih * k);
        let jpeg = downsampled_jpeg(img, dw, dh)?;
        let image = krilla::image::Image::from_jpeg(jpeg.into(), true)
            .map_err(|e| PdfError::Render(format!("cannot embed a photo: {e}")))?;
        let size = Size::from_wh(dw, dh).ok_or_else(|| PdfError::Render("empty photo".into()))?;
        surface.push_transform(&Transform::from_translate(MARGIN_X + (aw - dw) / 2.0, top));
        surface.draw_image(image, size);
        surface.pop();
        painter.draw_row(&mut surface, PAGE_H - MARGIN_BOTTOM - 10.0, &footer(n));
        surface.finish();
        page.finish();
    }
    let pdf = doc
        .finish()
        .map_err(|e| PdfError::Render(format!("{e:?}")))?;

    // Placements back in the caller's order.
    let mut placements = vec![Placement::SeparatePdf; files.len()];
    for (p, i) in prepared.into_iter().zip(input_order) {
        placements[i] = p.placement;
    }
    Ok(Submission {
        pdf,
        placements,
        pages: total,
    })
}

fn material_name(materials: &[&crate::engine::DerivedMaterial], i: usize, lang: Lang) -> String {
    materials.get(i).map_or_else(
        || s(lang).other_attachment.to_string(),
        |m| m.name.get(lang).to_string(),
    )
}

/// A copy no larger than the whole page at [`PHOTO_DPI`] (every photo box fits in the page), so
/// the package holds about 12 MB a photo until its page is drawn, not the full decoded photo.
fn page_sized(img: DynamicImage) -> DynamicImage {
    let w = (PAGE_W / 72.0 * PHOTO_DPI).round() as u32;
    let h = (PAGE_H / 72.0 * PHOTO_DPI).round() as u32;
    if img.width() <= w && img.height() <= h {
        img
    } else {
        img.thumbnail(w, h)
    }
}

/// The photo at `PHOTO_DPI` for a `w`×`h` pt box (never enlarged), as JPEG.
fn downsampled_jpeg(img: &DynamicImage, w: f32, h: f32) -> Result<Vec<u8>, PdfError> {
    let tw = ((w / 72.0 * PHOTO_DPI).round() as u32).max(1);
    let th = ((h / 72.0 * PHOTO_DPI).round() as u32).max(1);
    let rgb = if img.width() > tw || img.height() > th {
        image::imageops::resize(
            &img.to_rgb8(),
            tw,
            th,
            image::imageops::FilterType::Triangle,
        )
    } else {
        img.to_rgb8()
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|e| PdfError::Render(format!("cannot encode a photo: {e}")))?;
    Ok(out)
}

fn cover_blocks(
    m: &Metrics,
    lang: Lang,
    options: &SubmissionOptions,
    materials: &[&crate::engine::DerivedMaterial],
    prepared: &[Prepared],
) -> Vec<Block> {
    let width = PAGE_W - 2.0 * MARGIN_X;
    let body = style(10.5, false, 0);
    let small = style(9.0, false, GRAY);
    let mut blocks = Vec::new();
    let mut head = text_rows(m, MARGIN_X, width, s(lang).submission, style(20.0, true, 0));
    let mut sub = Vec::new();
    if let Some(l) = &options.label {
        sub.push(l.clone());
    }
    if let Some(dt) = options.printed_on {
        sub.push(dt.format("%Y-%m-%d").to_string());
    }
    let attached = materials
        .iter()
        .enumerate()
        .filter(|(i, _)| prepared.iter().any(|p| p.material == *i))
        .count();
    sub.push(strings::attached_count(lang, materials.len(), attached));
    head.extend(text_rows(m, MARGIN_X, width, &sub.join(" · "), small));
    blocks.push(Block {
        rows: head,
        ..Default::default()
    });

    let status_x = MARGIN_X + width * 0.62;
    let name_w = status_x - MARGIN_X - 22.0;
    let line = |name: &str, ticked: bool, status: String, notes: Vec<String>| {
        let mut rows = text_rows(m, MARGIN_X + 18.0, name_w, name, body);
        let status_rows = text_rows(m, status_x, width * 0.38, &status, body);
        if let Some(first) = rows.first_mut() {
            first.ops.push(Op::Box {
                x: MARGIN_X,
                y: (line_height(body) - 10.0) / 2.0,
                size: 10.0,
                ticked,
            });
        }
        for (i, r) in status_rows.into_iter().enumerate() {
            match rows.get_mut(i) {
                Some(row) => row.ops.extend(r.ops),
                None => rows.push(r),
            }
        }
        for n in notes {
            rows.extend(text_rows(m, MARGIN_X + 18.0, width - 18.0, &n, small));
        }
        Block {
            rows,
            space_before: 5.0,
            ..Default::default()
        }
    };
    let describe = |p: &Prepared| -> (String, Option<String>) {
        match &p.placement {
            Placement::Page(n) => {
                let warn = (!p.problems.is_empty()).then(|| {
                    let kinds: Vec<&str> = p
                        .problems
                        .iter()
                        .map(|k: &ProblemKind| strings::photo_label(lang, *k))
                        .collect();
                    strings::retake_page(lang, *n, &p.name, &kinds)
                });
                (n.to_string(), warn)
            }
            Placement::SeparatePdf => (String::new(), Some(strings::separate_pdf(lang, &p.name))),
            Placement::Unreadable(why) => {
                (String::new(), Some(strings::left_out(lang, &p.name, why)))
            }
        }
    };
    let add = |name: &str, mine: Vec<&Prepared>, blocks: &mut Vec<Block>| {
        let mut pages = Vec::new();
        let mut notes = Vec::new();
        for p in &mine {
            let (page, note) = describe(p);
            if !page.is_empty() {
                pages.push(page);
            }
            notes.extend(note);
        }
        let status = if mine.is_empty() {
            s(lang).attachment_missing.to_string()
        } else if pages.is_empty() {
            s(lang).attached_below.to_string()
        } else {
            strings::attached_on_pages(lang, &pages)
        };
        blocks.push(line(name, !mine.is_empty(), status, notes));
    };
    for (i, mat) in materials.iter().enumerate() {
        let mine: Vec<&Prepared> = prepared.iter().filter(|p| p.material == i).collect();
        add(mat.name.get(lang), mine, &mut blocks);
    }
    let others: Vec<&Prepared> = prepared
        .iter()
        .filter(|p| p.material == usize::MAX)
        .collect();
    if !others.is_empty() {
        add(s(lang).other_attachments, others, &mut blocks);
    }
    blocks
}
