//! The measures behind the four checks, each defined by what the source's rule means (seed 004:
//! "清晰四角拍摄，无反光") and calibrated on real scans and phone photos (`tests/photos/real/`).
//!
//! 1. **Where is the paper?** On a copy at most [`SEG_SIDE`] pixels long: "paperness" is the
//!    brightness minus the colourfulness (paper is bright and grey, a table darker or coloured);
//!    Otsu's threshold splits it, the largest bright region is the sheet, its holes (the print)
//!    filled; where it runs off the picture the frame closes it, so print cut by the frame is
//!    part of it. A scan is a sheet that fills the whole frame.
//! 2. **Cut off** (四角完整): in a photo, the sheet runs along an edge of the picture (a document
//!    edge or corner leaves the frame). In a scan (the sheet fills the frame), white margins are
//!    whole; it is cut off only where print runs into the frame's outermost rows.
//! 3. **Glare** (无反光): a compact blown-out patch *on* the sheet, surrounded by print, that hides
//!    what was printed there. White paper is not glare: in a photo the patch must be clearly
//!    brighter than the paper; on white paper (a scan) the print around it must be washed out,
//!    fading towards the patch on most sides, as glare does and a blank box of a form does not.
//! 4. **Blur** (清晰): how steep the edges of the print are (brightness step over edge width) with
//!    the sheet scaled to [`NORM_SIDE`] pixels, the size at which invoice print is a few pixels
//!    high. A picture with no print-like contrast at all (black, flat) cannot be read either.
//! 5. **Low resolution**: the side of a square with the sheet's area, in the photo's pixels.

use super::segment::{paper_level, regions, segment};
use image::{DynamicImage, GrayImage, RgbImage};
use serde::Serialize;

/// Longest side of the copy the sheet is looked for in.
pub(crate) const SEG_SIDE: u32 = 400;
/// The sheet is scaled to this (square root of its area, in pixels) before the sharpness measure;
/// smaller sheets are measured as they are.
pub(crate) const NORM_SIDE: f32 = 800.0;
/// Cells across the sheet for the glare search (a cell holds a line or two of print).
const CELLS_ACROSS: f32 = 48.0;

/// What was measured on one photo. Shares are 0–1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measures {
    /// Whether a sheet was told apart from its background (if not, the whole picture counts).
    pub document_found: bool,
    /// Share of the picture covered by the sheet.
    pub document_share: f32,
    /// Side of a square with the sheet's area, in the photo's pixels.
    pub document_px: f32,
    /// Median steepness of the print's strongest edges (step per pixel over the step, 0–0.5) at
    /// the normalised size. `None` when nothing in the picture looks like print.
    pub sharpness: Option<f32>,
    /// The glare patch (print washed out around it) as a share of the sheet; 0 when none.
    pub glare_share: f32,
    /// How far the document runs off the frame: in a photo the longest stretch of one edge the
    /// sheet covers, in a scan the share of one edge that print runs into; the largest of four.
    pub border_touch: f32,
}

/// Where a problem is, for drawing on the thumbnail: fractions (0–1) of the picture's width and
/// height, so any copy of it can be marked.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Area {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// The edges of the picture a document runs off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Edges {
    pub top: bool,
    pub bottom: bool,
    pub left: bool,
    pub right: bool,
}

/// The measures and where each finding is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Findings {
    pub measures: Measures,
    /// Around the glare patch found (if any).
    pub glare: Option<Area>,
    /// The edges that cut the document.
    pub cut: Edges,
    /// A patch of print (where the sharpness was judged), for a magnified look.
    pub text: Option<Area>,
    /// Side of a square with the whole picture's area, in pixels.
    pub picture_px: f32,
}

/// Limits for the four checks (calibrated on the real set: see the README).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Blurred below this sharpness.
    pub min_sharpness: f32,
    /// Glare above this share of the sheet.
    pub max_glare_share: f32,
    /// Cut off when the sheet in a photo runs along more than this share of one edge.
    pub max_border_touch: f32,
    /// Cut off when print in a scan runs into more than this share of one edge.
    pub max_print_touch: f32,
    /// Too small below this many pixels (side of a square with the sheet's area).
    pub min_document_px: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_sharpness: 0.36,
            max_glare_share: 0.003,
            max_border_touch: 0.04,
            max_print_touch: 0.015,
            min_document_px: 640.0,
        }
    }
}

/// `img` averaged over `k`×`k` blocks (one pass; what an area-averaging resize does, faster).
fn box_down(img: &RgbImage, k: u32) -> RgbImage {
    let (w, h) = (img.width() / k, img.height() / k);
    let src = img.as_raw();
    let stride = img.width() as usize * 3;
    let mut out = vec![0u8; w as usize * h as usize * 3];
    let mut acc = vec![0u32; w as usize * 3];
    let n = k * k;
    for oy in 0..h as usize {
        acc.iter_mut().for_each(|a| *a = 0);
        for dy in 0..k as usize {
            let row = &src[(oy * k as usize + dy) * stride..][..w as usize * k as usize * 3];
            for (ox, block) in row.chunks_exact(k as usize * 3).enumerate() {
                let a = &mut acc[ox * 3..ox * 3 + 3];
                for px in block.chunks_exact(3) {
                    a[0] += u32::from(px[0]);
                    a[1] += u32::from(px[1]);
                    a[2] += u32::from(px[2]);
                }
            }
        }
        let dst = &mut out[oy * w as usize * 3..][..w as usize * 3];
        for (d, a) in dst.iter_mut().zip(&acc) {
            *d = (a / n) as u8;
        }
    }
    RgbImage::from_raw(w, h, out).expect("sized above")
}

fn luma_of(p: &[u8]) -> u8 {
    ((299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) / 1000) as u8
}

/// A boolean grid with its width.
struct Grid<'a> {
    cells: &'a [bool],
    w: usize,
    h: usize,
}

/// Measures a decoded photo.
pub fn measure(img: &DynamicImage) -> Measures {
    analyse(img).measures
}

/// Measures a decoded photo and finds where each problem is.
pub fn analyse(img: &DynamicImage) -> Findings {
    let (w, h) = (img.width().max(1), img.height().max(1));
    let full: std::borrow::Cow<RgbImage> = match img {
        DynamicImage::ImageRgb8(b) => std::borrow::Cow::Borrowed(b),
        other => std::borrow::Cow::Owned(other.to_rgb8()),
    };
    // A 12-MP photo is first averaged down to about 1000 px on its short side in one pass.
    let k = (w.min(h) / 1000).max(1);
    let inter: std::borrow::Cow<RgbImage> = if k > 1 {
        std::borrow::Cow::Owned(box_down(&full, k))
    } else {
        std::borrow::Cow::Borrowed(&*full)
    };
    let small: RgbImage = if inter.width().max(inter.height()) > SEG_SIDE {
        let (iw, ih) = (inter.width() as f32, inter.height() as f32);
        let f = SEG_SIDE as f32 / iw.max(ih);
        image::imageops::thumbnail(
            &*inter,
            ((iw * f).round() as u32).max(1),
            ((ih * f).round() as u32).max(1),
        )
    } else {
        inter.clone().into_owned()
    };
    let (sw, sh) = (small.width() as usize, small.height() as usize);
    let n = sw * sh;
    let mut luma = vec![0u8; n];
    let mut paper = vec![0u8; n];
    for (i, p) in small.pixels().enumerate() {
        let [r, g, b] = p.0;
        let y = luma_of(&p.0);
        let hi = r.max(g).max(b);
        let lo = r.min(g).min(b);
        luma[i] = y;
        // Brightness counts up to that of well-lit paper: a glare patch is paper, not a class of
        // its own that would split the sheet in two.
        paper[i] = (f32::from(y.min(210)) - 1.5 * f32::from(hi - lo)).clamp(0.0, 255.0) as u8;
    }

    let (doc, bright, found) = segment(&paper, sw, sh);
    let doc_count = doc.iter().filter(|d| **d).count().max(1);
    let document_share = doc_count as f32 / n as f32;
    let scale = w as f32 / sw as f32;
    let document_px = (doc_count as f32).sqrt() * scale;
    let level = paper_level(&doc, &bright, &luma);

    // Sharpness first: a picture with nothing print-like in it is only "unreadable".
    let f = (NORM_SIDE / document_px.max(1.0)).min(1.0);
    let source: &RgbImage = if f * k as f32 <= 1.0 { &inter } else { &full };
    let (sharpness, text) = sharpness(source, f * w as f32 / source.width() as f32, &doc, sw, sh);
    let to_area = |x0: usize, y0: usize, x1: usize, y1: usize| Area {
        x0: x0 as f32 / sw as f32,
        y0: y0 as f32 / sh as f32,
        x1: (x1 as f32 / sw as f32).min(1.0),
        y1: (y1 as f32 / sh as f32).min(1.0),
    };
    let (border_touch, cut, glare_share, glare) = if sharpness.is_none() {
        (0.0, Edges::default(), 0.0, None)
    } else {
        let (touch, cut) = cut_off(&doc, &luma, level, sw, sh);
        let (share, patch) = glare(&doc, &luma, level, sw, sh);
        (
            touch,
            cut,
            share,
            patch.map(|(a, b, c, d)| to_area(a, b, c, d)),
        )
    };
    Findings {
        measures: Measures {
            document_found: found,
            document_share,
            document_px,
            sharpness,
            glare_share,
            border_touch,
        },
        glare,
        cut,
        text,
        picture_px: (w as f32 * h as f32).sqrt(),
    }
}

/// How far the document runs off the frame, and which edges cut it (see the module's notes).
fn cut_off(doc: &[bool], luma: &[u8], level: u8, w: usize, h: usize) -> (f32, Edges) {
    if w < 6 || h < 6 {
        return (0.0, Edges::default());
    }
    // Per edge: the cells along it (one in, past resampling artefacts) and whether print reaches
    // the outermost two rows there.
    let ink_at = |x: usize, y: usize| i32::from(luma[y * w + x]) < i32::from(level) - 40;
    let edges: [Vec<(bool, bool)>; 4] = [
        (0..w)
            .map(|x| (doc[w + x], ink_at(x, 0) || ink_at(x, 1)))
            .collect(),
        (0..w)
            .map(|x| (doc[(h - 2) * w + x], ink_at(x, h - 1) || ink_at(x, h - 2)))
            .collect(),
        (0..h)
            .map(|y| (doc[y * w + 1], ink_at(0, y) || ink_at(1, y)))
            .collect(),
        (0..h)
            .map(|y| (doc[y * w + w - 2], ink_at(w - 1, y) || ink_at(w - 2, y)))
            .collect(),
    ];
    let cover = |e: &Vec<(bool, bool)>| e.iter().filter(|c| c.0).count() as f32 / e.len() as f32;
    // A scan (or a photo filled by the page): the sheet lines all four edges, or fills nearly
    // all of the picture (a flattened page with a little table left in its corners).
    let share = doc.iter().filter(|d| **d).count() as f32 / doc.len() as f32;
    let full = share >= 0.9 || edges.iter().all(|e| cover(e) > 0.95);
    let touch: Vec<f32> = edges
        .iter()
        .map(|e| {
            if full {
                // Print is cut in short dark runs with paper on both sides; a long dark run, or
                // one beside the table, is the table or the scanner's lid, not print. The run
                // itself need not be on the sheet: print that reaches the frame's edge is open
                // to it, so the sheet (the paper with its enclosed holes) leaves it out.
                let longest = (e.len() / 50).max(3);
                let (mut count, mut run, mut paper_before) = (0usize, 0usize, false);
                for &(d, ink) in e.iter().chain(std::iter::once(&(false, false))) {
                    if ink {
                        run += 1;
                        continue;
                    }
                    let paper = d && !ink;
                    if run > 0 && run <= longest && paper_before && paper {
                        count += run;
                    }
                    run = 0;
                    paper_before = paper;
                }
                count as f32 / e.len() as f32
            } else {
                let (mut best, mut cur) = (0usize, 0usize);
                for c in e {
                    cur = if c.0 { cur + 1 } else { 0 };
                    best = best.max(cur);
                }
                best as f32 / e.len() as f32
            }
        })
        .collect();
    let th = Thresholds::default();
    let limit = if full {
        th.max_print_touch
    } else {
        th.max_border_touch
    };
    let edges = Edges {
        top: touch[0] > limit,
        bottom: touch[1] > limit,
        left: touch[2] > limit,
        right: touch[3] > limit,
    };
    (touch.iter().copied().fold(0.0, f32::max), edges)
}

/// `m` grown by one cell in all eight directions.
fn dilate(m: &Grid) -> Vec<bool> {
    let (w, h) = (m.w, m.h);
    let mut out = m.cells.to_vec();
    for y in 0..h {
        for x in 0..w {
            if !m.cells[y * w + x] {
                continue;
            }
            for yy in y.saturating_sub(1)..(y + 2).min(h) {
                for xx in x.saturating_sub(1)..(x + 2).min(w) {
                    out[yy * w + xx] = true;
                }
            }
        }
    }
    out
}

/// `m` shrunk by one cell (a cell stays when its four neighbours are set; the border goes).
fn erode(m: &Grid) -> Vec<bool> {
    let (w, h) = (m.w, m.h);
    let mut out = vec![false; m.cells.len()];
    for y in 1..h.saturating_sub(1) {
        for x in 1..w - 1 {
            let i = y * w + x;
            out[i] =
                m.cells[i] && m.cells[i - 1] && m.cells[i + 1] && m.cells[i - w] && m.cells[i + w];
        }
    }
    out
}

fn median(v: &mut [f32]) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    let mid = v.len() / 2;
    v.select_nth_unstable_by(mid, f32::total_cmp);
    Some(v[mid])
}

/// The largest glare patch as a share of the sheet, with its box in `luma`'s pixels.
fn glare(
    doc: &[bool],
    luma: &[u8],
    level: u8,
    w: usize,
    h: usize,
) -> (f32, Option<(usize, usize, usize, usize)>) {
    let doc_count = doc.iter().filter(|d| **d).count();
    let c = (((doc_count as f32).sqrt() / CELLS_ACROSS).round() as usize).max(3);
    let (gw, gh) = (w / c, h / c);
    if gw < 8 || gh < 8 {
        return (0.0, None);
    }
    // Print stands out against its neighbourhood: how much darker a pixel is than the brightest
    // within two pixels (the glare's own slope stays small over five pixels).
    let mut rowmax = vec![0u8; w * h];
    for y in 0..h {
        for x in 0..w {
            let row = &luma[y * w + x.saturating_sub(2)..y * w + (x + 3).min(w)];
            rowmax[y * w + x] = *row.iter().max().expect("not empty");
        }
    }
    let (mut dmin, mut sum, mut ink, mut indoc) = (
        vec![255u8; gw * gh],
        vec![0u32; gw * gh],
        vec![0u8; gw * gh],
        vec![true; gw * gh],
    );
    for y in 0..gh * c {
        for x in 0..gw * c {
            let i = y * w + x;
            let g = (y / c) * gw + x / c;
            let l = luma[i];
            dmin[g] = dmin[g].min(l);
            sum[g] += u32::from(l);
            indoc[g] &= doc[i];
            let mut m = 0u8;
            for yy in y.saturating_sub(2)..(y + 3).min(h) {
                m = m.max(rowmax[yy * w + x]);
            }
            ink[g] = ink[g].max(m - l);
        }
    }
    let paper_white = level >= 225;
    let text_min = if paper_white { 30 } else { 20 };
    let text: Vec<bool> = (0..gw * gh)
        .map(|g| indoc[g] && ink[g] >= text_min)
        .collect();
    if text.iter().filter(|t| **t).count() < 10 {
        return (0.0, None);
    }
    // Blown out: no print in the cell and as bright as a camera records; in a photo also clearly
    // brighter than the paper.
    let blown_level = if level >= 235 {
        235
    } else {
        (u32::from(level) + 20).max(235)
    };
    let blown: Vec<bool> = (0..gw * gh)
        .map(|g| {
            indoc[g]
                && u32::from(dmin[g]) + 10 >= blown_level
                && sum[g] / (c * c) as u32 >= blown_level
        })
        .collect();
    // Opening: the gaps between lines, columns and words are thin; a patch is round.
    let mut core = blown.clone();
    let rounds = if paper_white { 2 } else { 1 };
    for _ in 0..rounds {
        core = erode(&Grid {
            cells: &core,
            w: gw,
            h: gh,
        });
    }
    for _ in 0..rounds {
        core = dilate(&Grid {
            cells: &core,
            w: gw,
            h: gh,
        });
    }
    let core: Vec<bool> = core.iter().zip(&blown).map(|(a, b)| *a && *b).collect();
    let (label, sizes) = regions(&core, gw, gh);
    let indoc_count = indoc.iter().filter(|d| **d).count().max(1);
    let mut best = (0.0f32, None);
    for (l, &size) in sizes.iter().enumerate().skip(1) {
        let share = size as f32 / indoc_count as f32;
        if share < 0.003 || share <= best.0 {
            continue;
        }
        let comp: Vec<bool> = label.iter().map(|x| *x == l as u32).collect();
        let (mut x0, mut y0, mut x1, mut y1) = (gw, gh, 0, 0);
        let (mut cx, mut cy) = (0f32, 0f32);
        for (g, _) in comp.iter().enumerate().filter(|(_, c)| **c) {
            let (x, y) = (g % gw, g / gw);
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x + 1);
            y1 = y1.max(y + 1);
            cx += x as f32;
            cy += y as f32;
        }
        cx /= size as f32;
        cy /= size as f32;
        if (size as f32) < 0.3 * ((x1 - x0) * (y1 - y0)) as f32 {
            continue; // a strip, not a patch
        }
        // The rings around it: next to it (1–2 cells) and further out (4–6 cells).
        let mut d = comp.clone();
        let mut rings = Vec::new();
        for _ in 0..6 {
            d = dilate(&Grid {
                cells: &d,
                w: gw,
                h: gh,
            });
            rings.push(d.clone());
        }
        let inner: Vec<bool> = (0..gw * gh).map(|g| rings[1][g] && !comp[g]).collect();
        let outer: Vec<bool> = (0..gw * gh).map(|g| rings[5][g] && !rings[2][g]).collect();
        let inner_n = inner.iter().filter(|x| **x).count().max(1) as f32;
        let off_sheet = inner
            .iter()
            .zip(&indoc)
            .filter(|(i, d)| **i && !**d)
            .count() as f32
            / inner_n;
        let printed = inner.iter().zip(&text).filter(|(i, t)| **i && **t).count() as f32 / inner_n;
        let (min_printed, max_off) = if paper_white {
            (0.3, 0.2)
        } else {
            (0.15, 0.35)
        };
        if printed < min_printed || off_sheet > max_off {
            continue;
        }
        if paper_white {
            // Washed out around it, on at least three sides (quadrants).
            let mut washed_sides = 0;
            for q in 0..4 {
                let side = |g: usize| {
                    let (x, y) = ((g % gw) as f32, (g / gw) as f32);
                    (usize::from(y > cy) * 2 + usize::from(x > cx)) == q
                };
                let mut near: Vec<f32> = (0..gw * gh)
                    .filter(|g| inner[*g] && text[*g] && side(*g))
                    .map(|g| f32::from(ink[g]))
                    .collect();
                let mut far: Vec<f32> = (0..gw * gh)
                    .filter(|g| outer[*g] && text[*g] && side(*g))
                    .map(|g| f32::from(ink[g]))
                    .collect();
                if near.len() >= 2
                    && far.len() >= 2
                    && let (Some(a), Some(b)) = (median(&mut near), median(&mut far))
                    && a <= 0.75 * b
                {
                    washed_sides += 1;
                }
            }
            if washed_sides < 3 {
                continue;
            }
        }
        best = (share, Some((x0 * c, y0 * c, x1 * c, y1 * c)));
    }
    best
}

/// Median steepness of the print's strongest edges inside the sheet, at the normalised size,
/// and the patch of print that has most of them.
fn sharpness(
    img: &RgbImage,
    f: f32,
    doc: &[bool],
    sw: usize,
    sh: usize,
) -> (Option<f32>, Option<Area>) {
    let luma: Vec<u8> = img.as_raw().chunks_exact(3).map(luma_of).collect();
    let luma_full = GrayImage::from_raw(img.width(), img.height(), luma).expect("same size");
    let f = f.min(1.0);
    let g: GrayImage = if f < 0.999 {
        let nw = ((img.width() as f32 * f).round() as u32).max(8);
        let nh = ((img.height() as f32 * f).round() as u32).max(8);
        image::imageops::thumbnail(&luma_full, nw, nh)
    } else {
        luma_full
    };
    let (gw, gh) = (g.width() as usize, g.height() as usize);
    let px = g.as_raw();
    // Local contrast: max - min over 7×7 (separable).
    let r = 3usize;
    let mut hmax = vec![0u8; gw * gh];
    let mut hmin = vec![0u8; gw * gh];
    for y in 0..gh {
        for x in 0..gw {
            let row = &px[y * gw + x.saturating_sub(r)..y * gw + (x + r + 1).min(gw)];
            hmax[y * gw + x] = *row.iter().max().expect("not empty");
            hmin[y * gw + x] = *row.iter().min().expect("not empty");
        }
    }
    let in_doc = |x: usize, y: usize| {
        let cx = (x * sw / gw).min(sw - 1);
        let cy = (y * sh / gh).min(sh - 1);
        doc[cy * sw + cx]
    };
    // (gradient, contrast, x, y) of every pixel on print.
    let mut edges: Vec<(f32, f32, u32, u32)> = Vec::new();
    for y in 1..gh.saturating_sub(1) {
        for x in 1..gw - 1 {
            let (mut mx, mut mn) = (0u8, 255u8);
            for yy in y.saturating_sub(r)..(y + r + 1).min(gh) {
                mx = mx.max(hmax[yy * gw + x]);
                mn = mn.min(hmin[yy * gw + x]);
            }
            let contrast = f32::from(mx - mn);
            if contrast < 40.0 || !in_doc(x, y) {
                continue;
            }
            let i = y * gw + x;
            let gx = (f32::from(px[i + 1]) - f32::from(px[i - 1])) / 2.0;
            let gy = (f32::from(px[i + gw]) - f32::from(px[i - gw])) / 2.0;
            edges.push((gx.hypot(gy), contrast, x as u32, y as u32));
        }
    }
    if edges.len() < 200 {
        return (None, None);
    }
    // The strongest tenth of the edges: the print's own outlines.
    let cut = edges.len() * 9 / 10;
    edges.select_nth_unstable_by(cut, |a, b| a.0.total_cmp(&b.0));
    let strong = &edges[cut..];
    let mut ratios: Vec<f32> = strong.iter().map(|e| e.0 / e.1).collect();
    let value = median(&mut ratios);
    // The patch (an eighth of the sheet's side) with the most strong edges.
    let side = (gw.max(gh) / 8).max(16);
    let (cw, ch) = (gw.div_ceil(side), gh.div_ceil(side));
    let mut counts = vec![0usize; cw * ch];
    for e in strong {
        counts[(e.3 as usize / side) * cw + e.2 as usize / side] += 1;
    }
    let best = (0..counts.len()).max_by_key(|i| counts[*i]).unwrap_or(0);
    let (bx, by) = ((best % cw) * side, (best / cw) * side);
    let area = Area {
        x0: bx as f32 / gw as f32,
        y0: by as f32 / gh as f32,
        x1: ((bx + side) as f32 / gw as f32).min(1.0),
        y1: ((by + side) as f32 / gh as f32).min(1.0),
    };
    (value, Some(area))
}
