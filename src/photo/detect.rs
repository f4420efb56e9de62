//! The measures behind the four checks, computed on small copies of the photo so a 12-MP
//! picture takes a few tens of milliseconds.
//!
//! 1. **Where is the paper?** On a copy at most [`SEG_SIDE`] pixels long: "paperness" is the
//!    brightness minus the colourfulness (paper is bright and grey, a table is darker or
//!    coloured); Otsu's threshold splits it, the largest bright region is the sheet and its holes
//!    (the printed text) are filled.
//! 2. **Cropped**: the longest stretch of the picture's edge that the sheet covers.
//! 3. **Glare**: the largest patch inside the sheet that is blown out (all channels near 255)
//!    and clearly brighter than the paper around it.
//! 4. **Low resolution**: the side of a square with the sheet's area, in the photo's pixels.
//! 5. **Blur**: the variance of the Laplacian over the variance of the brightness, inside the
//!    sheet, after scaling the photo so that this square is at most [`NORM_SIDE`] pixels. The
//!    ratio does not depend on how much text there is or on the contrast, and the normalised size
//!    makes a 12-MP photo and a 1-MP one comparable.

use image::{DynamicImage, GrayImage, RgbImage};
use serde::Serialize;

/// Longest side of the copy the sheet is looked for in.
pub(crate) const SEG_SIDE: u32 = 400;
/// The sheet is scaled down to this (square root of its area, in pixels) before the sharpness
/// measure; smaller sheets are measured as they are.
pub(crate) const NORM_SIDE: f32 = 500.0;

/// What was measured on one photo. Shares are 0–1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measures {
    /// Whether a sheet was told apart from its background (if not, the whole picture counts).
    pub document_found: bool,
    /// Share of the picture covered by the sheet.
    pub document_share: f32,
    /// Side of a square with the sheet's area, in the photo's pixels.
    pub document_px: f32,
    /// Variance of the Laplacian / variance of the brightness inside the sheet, at the
    /// normalised size. `None` when the sheet is blank (nothing to judge sharpness by).
    pub sharpness: Option<f32>,
    /// Largest blown-out patch inside the sheet, as a share of the sheet.
    pub glare_share: f32,
    /// Longest stretch of one edge of the picture covered by the sheet, as a share of that edge.
    pub border_touch: f32,
}

/// Limits for the four checks (calibrated on the generated corpus: see the README).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Blurred below this sharpness.
    pub min_sharpness: f32,
    /// Glare above this share of the sheet.
    pub max_glare_share: f32,
    /// Cropped when the sheet covers more than this share of one edge.
    pub max_border_touch: f32,
    /// Too small below this many pixels (side of a square with the sheet's area).
    pub min_document_px: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_sharpness: 0.35,
            max_glare_share: 0.01,
            max_border_touch: 0.04,
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

/// Measures a decoded photo.
pub fn measure(img: &DynamicImage) -> Measures {
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
    let mut min_ch = vec![0u8; n];
    for (i, p) in small.pixels().enumerate() {
        let [r, g, b] = p.0;
        let y = (299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b)) / 1000;
        let hi = r.max(g).max(b);
        let lo = r.min(g).min(b);
        luma[i] = y as u8;
        min_ch[i] = lo;
        paper[i] = (y as f32 - 1.5 * f32::from(hi - lo)).clamp(0.0, 255.0) as u8;
    }

    let (doc, bright, found) = segment(&paper, sw, sh);
    let doc_count = doc.iter().filter(|d| **d).count().max(1);
    let document_share = doc_count as f32 / n as f32;
    let scale = w as f32 / sw as f32;
    let document_px = (doc_count as f32).sqrt() * scale;

    let border_touch = if found {
        border_touch(&doc, sw, sh)
    } else {
        0.0
    };
    let glare_share = glare(&doc, &bright, &luma, &min_ch, sw, sh, doc_count);
    // The normalised size, from the averaged copy when it is at least that big.
    let f = (NORM_SIDE / document_px.max(1.0)).min(1.0);
    let source: &RgbImage = if f * k as f32 <= 1.0 { &inter } else { &full };
    let sharpness = sharpness(source, f * w as f32 / source.width() as f32, &doc, sw, sh);
    Measures {
        document_found: found,
        document_share,
        document_px,
        sharpness,
        glare_share,
        border_touch,
    }
}

/// Otsu's threshold of a histogram, with the two class means.
fn otsu(values: &[u8]) -> (u8, f32, f32) {
    let mut hist = [0u64; 256];
    for v in values {
        hist[*v as usize] += 1;
    }
    let total = values.len() as f64;
    let sum: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, c)| i as f64 * *c as f64)
        .sum();
    let (mut w0, mut sum0) = (0.0f64, 0.0f64);
    let (mut best, mut best_t) = (-1.0f64, 0usize);
    for (t, c) in hist.iter().enumerate() {
        w0 += *c as f64;
        sum0 += t as f64 * *c as f64;
        let w1 = total - w0;
        if w0 == 0.0 || w1 == 0.0 {
            continue;
        }
        let m0 = sum0 / w0;
        let m1 = (sum - sum0) / w1;
        let between = w0 * w1 * (m0 - m1) * (m0 - m1);
        if between > best {
            best = between;
            best_t = t;
        }
    }
    let (mut a, mut na, mut b, mut nb) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for (i, c) in hist.iter().enumerate() {
        if i <= best_t {
            a += i as f64 * *c as f64;
            na += *c as f64;
        } else {
            b += i as f64 * *c as f64;
            nb += *c as f64;
        }
    }
    (
        best_t as u8,
        (a / na.max(1.0)) as f32,
        (b / nb.max(1.0)) as f32,
    )
}

/// Labels 4-connected regions of `mask`; returns the largest region.
fn largest_region(mask: &[bool], w: usize, h: usize) -> Vec<bool> {
    let mut label = vec![0u32; mask.len()];
    let mut stack = Vec::new();
    let (mut best, mut best_size, mut next) = (0u32, 0usize, 0u32);
    for start in 0..mask.len() {
        if !mask[start] || label[start] != 0 {
            continue;
        }
        next += 1;
        let mut size = 0usize;
        label[start] = next;
        stack.push(start);
        while let Some(i) = stack.pop() {
            size += 1;
            let (x, y) = (i % w, i / w);
            let mut visit = |j: usize| {
                if mask[j] && label[j] == 0 {
                    label[j] = next;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        if size > best_size {
            best_size = size;
            best = next;
        }
    }
    label.iter().map(|l| *l == best && best != 0).collect()
}

/// Fills the holes of `region`: everything not reachable from the picture's edge through
/// pixels outside the region belongs to it.
fn fill_holes(region: &[bool], w: usize, h: usize) -> Vec<bool> {
    let mut outside = vec![false; region.len()];
    let mut stack = Vec::new();
    let seed = |i: usize, outside: &mut Vec<bool>, stack: &mut Vec<usize>| {
        if !region[i] && !outside[i] {
            outside[i] = true;
            stack.push(i);
        }
    };
    for x in 0..w {
        seed(x, &mut outside, &mut stack);
        seed((h - 1) * w + x, &mut outside, &mut stack);
    }
    for y in 0..h {
        seed(y * w, &mut outside, &mut stack);
        seed(y * w + w - 1, &mut outside, &mut stack);
    }
    while let Some(i) = stack.pop() {
        let (x, y) = (i % w, i / w);
        let mut visit = |j: usize| {
            if !region[j] && !outside[j] {
                outside[j] = true;
                stack.push(j);
            }
        };
        if x > 0 {
            visit(i - 1);
        }
        if x + 1 < w {
            visit(i + 1);
        }
        if y > 0 {
            visit(i - w);
        }
        if y + 1 < h {
            visit(i + w);
        }
    }
    outside.iter().map(|o| !o).collect()
}

/// The sheet (holes filled), the bright paper pixels, and whether a sheet was found.
fn segment(paper: &[u8], w: usize, h: usize) -> (Vec<bool>, Vec<bool>, bool) {
    let (t, m0, m1) = otsu(paper);
    let bright: Vec<bool> = paper.iter().map(|p| *p > t).collect();
    if m1 - m0 < 30.0 {
        // No clear bright sheet: judge the whole picture.
        return (vec![true; paper.len()], bright, false);
    }
    let sheet = fill_holes(&largest_region(&bright, w, h), w, h);
    let count = sheet.iter().filter(|s| **s).count();
    if count * 20 < paper.len() {
        return (vec![true; paper.len()], bright, false);
    }
    (sheet, bright, true)
}

/// Longest run of sheet pixels along one edge (one pixel in, past resampling artefacts), as a
/// share of that edge; the largest of the four.
fn border_touch(doc: &[bool], w: usize, h: usize) -> f32 {
    if w < 4 || h < 4 {
        return 0.0;
    }
    let run = |cells: &mut dyn Iterator<Item = bool>, len: usize| {
        let (mut best, mut cur) = (0usize, 0usize);
        for c in cells {
            cur = if c { cur + 1 } else { 0 };
            best = best.max(cur);
        }
        best as f32 / len as f32
    };
    let top = run(&mut (0..w).map(|x| doc[w + x]), w);
    let bottom = run(&mut (0..w).map(|x| doc[(h - 2) * w + x]), w);
    let left = run(&mut (0..h).map(|y| doc[y * w + 1]), h);
    let right = run(&mut (0..h).map(|y| doc[y * w + w - 2]), h);
    top.max(bottom).max(left).max(right)
}

/// Largest blown-out patch inside the sheet, as a share of the sheet.
fn glare(
    doc: &[bool],
    bright: &[bool],
    luma: &[u8],
    min_ch: &[u8],
    w: usize,
    h: usize,
    doc_count: usize,
) -> f32 {
    // The paper's own level: the median brightness of the sheet's bright pixels.
    let mut hist = [0usize; 256];
    let mut count = 0usize;
    for ((d, b), l) in doc.iter().zip(bright).zip(luma) {
        if *d && *b {
            hist[*l as usize] += 1;
            count += 1;
        }
    }
    if count == 0 {
        return 0.0;
    }
    let (mut acc, mut median) = (0usize, 255u32);
    for (v, c) in hist.iter().enumerate() {
        acc += c;
        if acc * 2 >= count {
            median = v as u32;
            break;
        }
    }
    // A scan or an over-exposed photo has paper at 255 everywhere: that is not a patch of glare.
    let level = (median + 10).min(255) as u8;
    let blown: Vec<bool> = (0..doc.len())
        .map(|i| doc[i] && min_ch[i] >= 246 && luma[i] >= level)
        .collect();
    let patch = largest_region(&blown, w, h);
    patch.iter().filter(|p| **p).count() as f32 / doc_count as f32
}

/// Variance of the Laplacian over the variance of the brightness inside the sheet (away from
/// its edge), at the normalised size.
fn sharpness(img: &RgbImage, f: f32, doc: &[bool], sw: usize, sh: usize) -> Option<f32> {
    let luma: Vec<u8> = img
        .as_raw()
        .chunks_exact(3)
        .map(|p| {
            ((299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) / 1000) as u8
        })
        .collect();
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
    // The sheet shrunk by two cells of the small copy: the paper's edge is not text.
    let inner = erode(doc, sw, sh, 2);
    let px = g.as_raw();
    let (mut s, mut s2, mut l, mut l2, mut n) = (0f64, 0f64, 0f64, 0f64, 0f64);
    for y in 1..gh.saturating_sub(1) {
        let cy = (y * sh / gh).min(sh - 1);
        for x in 1..gw - 1 {
            let cx = (x * sw / gw).min(sw - 1);
            if !inner[cy * sw + cx] {
                continue;
            }
            let i = y * gw + x;
            let c = f64::from(px[i]);
            let lap = 4.0 * c
                - f64::from(px[i - 1])
                - f64::from(px[i + 1])
                - f64::from(px[i - gw])
                - f64::from(px[i + gw]);
            s += c;
            s2 += c * c;
            l += lap;
            l2 += lap * lap;
            n += 1.0;
        }
    }
    if n < 100.0 {
        return None;
    }
    let var_i = s2 / n - (s / n).powi(2);
    let var_l = l2 / n - (l / n).powi(2);
    // A blank sheet has nothing to judge sharpness by.
    (var_i >= 20.0).then(|| (var_l / var_i) as f32)
}

/// `mask` shrunk by `r` pixels (a pixel stays when its whole (2r+1)² neighbourhood is set).
fn erode(mask: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    let mut cur = mask.to_vec();
    for _ in 0..r {
        let prev = cur.clone();
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                if !prev[i] {
                    continue;
                }
                let keep = x > 0
                    && x + 1 < w
                    && y > 0
                    && y + 1 < h
                    && prev[i - 1]
                    && prev[i + 1]
                    && prev[i - w]
                    && prev[i + w];
                cur[i] = keep;
            }
        }
    }
    cur
}
