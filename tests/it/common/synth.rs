#![allow(dead_code)]
//! Generated "photos" of documents on a table, for calibrating and testing the checks and for
//! the benchmark. Deterministic: the same seed gives the same picture.
//!
//! A scene is a sheet (an invoice in landscape or an A4 certificate in portrait: lines of
//! stroke "characters", a ruled table, a red seal) drawn in perspective on a wooden, grey or
//! coloured table, unevenly lit, slightly soft, with sensor noise. A [`Defect`] then blurs it,
//! puts a blown-out glare patch on the sheet, pushes the sheet past the frame, or shrinks the
//! whole picture.

use image::{Rgb, RgbImage};

/// What is wrong with a generated photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Defect {
    None,
    Blur,
    Glare,
    Cropped,
    Shrunk,
}

impl Defect {
    pub const ALL: [Defect; 5] = [
        Defect::None,
        Defect::Blur,
        Defect::Glare,
        Defect::Cropped,
        Defect::Shrunk,
    ];
}

/// SplitMix64: small, fast and good enough for test pictures.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `[lo, hi)`.
    pub fn range(&mut self, lo: f32, hi: f32) -> f32 {
        let u = (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32;
        lo + (hi - lo) * u
    }
}

fn hash(a: u64, b: u64) -> u64 {
    let mut r = Rng::new(a.wrapping_mul(0x1000_0000_01B3) ^ b);
    r.next_u64()
}

/// A 3×3 projective map from the unit square onto a quadrilateral (Heckbert's construction).
#[derive(Debug, Clone, Copy)]
struct Homography([f32; 9]);

impl Homography {
    /// Maps (0,0), (1,0), (1,1), (0,1) to `q[0..4]`.
    fn square_to_quad(q: [(f32, f32); 4]) -> Homography {
        let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = q;
        let sx = x0 - x1 + x2 - x3;
        let sy = y0 - y1 + y2 - y3;
        let (dx1, dx2, dy1, dy2) = (x1 - x2, x3 - x2, y1 - y2, y3 - y2);
        let den = dx1 * dy2 - dx2 * dy1;
        let g = (sx * dy2 - dx2 * sy) / den;
        let h = (dx1 * sy - sx * dy1) / den;
        Homography([
            x1 - x0 + g * x1,
            x3 - x0 + h * x3,
            x0,
            y1 - y0 + g * y1,
            y3 - y0 + h * y3,
            y0,
            g,
            h,
            1.0,
        ])
    }
    fn inverse(&self) -> Homography {
        let [a, b, c, d, e, f, g, h, i] = self.0;
        let co = [
            e * i - f * h,
            c * h - b * i,
            b * f - c * e,
            f * g - d * i,
            a * i - c * g,
            c * d - a * f,
            d * h - e * g,
            b * g - a * h,
            a * e - b * d,
        ];
        let det = a * co[0] + b * co[3] + c * co[6];
        Homography(co.map(|v| v / det))
    }
    fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let m = &self.0;
        let w = m[6] * x + m[7] * y + m[8];
        (
            (m[0] * x + m[1] * y + m[2]) / w,
            (m[3] * x + m[4] * y + m[5]) / w,
        )
    }
}

/// The printed sheet, in millimetres.
struct Sheet {
    w: f32,
    h: f32,
    invoice: bool,
    paper: [f32; 3],
    seed: u64,
}

const INK: [f32; 3] = [28.0, 30.0, 36.0];
const RED: [f32; 3] = [196.0, 48.0, 44.0];
const RULE: [f32; 3] = [150.0, 78.0, 60.0];

impl Sheet {
    /// The colour at (`x`, `y`) mm from the top-left corner.
    fn color(&self, x: f32, y: f32) -> [f32; 3] {
        // The red seal (a ring) near the bottom right.
        let (cx, cy) = (self.w - 45.0, self.h - 35.0);
        let r = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
        if (r - 16.0).abs() < 0.9 {
            return RED;
        }
        if self.invoice {
            // A ruled table in the middle band of an invoice.
            let (t0, t1) = (38.0, self.h - 25.0);
            if x > 10.0 && x < self.w - 10.0 && y > t0 && y < t1 {
                let on_h = ((y - t0) % 9.0) < 0.35;
                let on_v = [10.0, 60.0, 120.0, 170.0, self.w - 10.0]
                    .iter()
                    .any(|v| (x - v).abs() < 0.2);
                if on_h || on_v || (y - t1).abs() < 0.4 {
                    return RULE;
                }
            }
        }
        // A title line of bigger characters, then body lines.
        if y > 10.0 && y < 18.0 {
            return self.text(x - self.w * 0.3, y - 10.0, 8.0, 0, self.w * 0.4);
        }
        let pitch = if self.invoice { 9.0 } else { 7.0 };
        if y > 24.0 && y < self.h * if self.invoice { 0.8 } else { 0.72 } {
            let line = ((y - 24.0) / pitch) as u64;
            let ly = (y - 24.0) % pitch - 1.5;
            if (0.0..3.6).contains(&ly) {
                let len = 40.0 + (hash(self.seed, line) % 1000) as f32 / 1000.0 * (self.w - 70.0);
                return self.text(x - 12.0, ly, 3.6, line + 1, len);
            }
        }
        self.paper
    }

    /// Stroke "characters" of height `size` along a line `len` mm long starting at x = 0.
    fn text(&self, x: f32, y: f32, size: f32, line: u64, len: f32) -> [f32; 3] {
        if x < 0.0 || x > len || !(0.0..size).contains(&y) {
            return self.paper;
        }
        let cell = size * 1.15;
        let col = (x / cell) as u64;
        let (cxp, cyp) = ((x % cell) / size, y / size);
        if cxp > 1.0 {
            return self.paper;
        }
        let bits = hash(self.seed ^ line.wrapping_mul(7919), col);
        let stroke = 0.13;
        for k in 0..3 {
            let pos = 0.1 + 0.4 * k as f32;
            if (bits >> k) & 1 == 1 && (cyp - pos).abs() < stroke / 2.0 {
                return INK;
            }
            if (bits >> (k + 3)) & 1 == 1 && (cxp - pos).abs() < stroke / 2.0 {
                return INK;
            }
        }
        self.paper
    }
}

/// A generated photo of about 1280×960 (landscape invoice) or 960×1280 (portrait A4).
pub fn render(seed: u64, defect: Defect) -> RgbImage {
    render_scaled(seed, defect, 1.0)
}

/// The same scene at `scale` times the size (the benchmark uses 3.125: 4000×3000, 12 MP).
///
/// The scene is drawn at half the size and enlarged (a phone's own processing is about as
/// soft), which keeps generating the test corpus fast in debug builds.
pub fn render_scaled(seed: u64, defect: Defect, scale: f32) -> RgbImage {
    let mild = false;
    finish(
        &draw(seed, defect == Defect::Cropped, scale, mild),
        seed,
        defect,
        mild,
    )
}

/// Every class for one seed: good, blurred, glare and shrunk share one drawing (the cropped one
/// is drawn on its own), which keeps the test corpus quick to make. `mild` makes each defect
/// about half as strong (blur σ 1.3–2.6 px, glare
/// σ 3.5–7 %, 1–5 % past the edge, shrunk to 55–80 %): borderline photos, for measuring how
/// far the checks reach rather than for asserting rates.
pub fn render_all_with(seed: u64, mild: bool) -> Vec<(Defect, RgbImage)> {
    let base = draw(seed, false, 1.0, mild);
    let cropped = draw(seed, true, 1.0, mild);
    Defect::ALL
        .iter()
        .map(|d| {
            let b = if *d == Defect::Cropped {
                &cropped
            } else {
                &base
            };
            (*d, finish(b, seed, *d, mild))
        })
        .collect()
}

/// A drawn scene at half size, before defects, noise and enlarging.
struct Drawn {
    img: RgbImage,
    corners: [(f32, f32); 4],
    share: f32,
    scale: f32,
    full: (u32, u32),
}

fn draw(seed: u64, cropped: bool, scale: f32, mild: bool) -> Drawn {
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(u64::from(cropped)));
    let invoice = seed.is_multiple_of(2);
    let (bw, bh) = if invoice {
        (1280.0, 960.0)
    } else {
        (960.0, 1280.0)
    };
    let (full_w, full_h) = ((bw * scale) as u32, (bh * scale) as u32);
    let scale = scale * 0.5;
    let (w, h) = ((bw * scale) as u32, (bh * scale) as u32);
    let (wf, hf) = (w as f32, h as f32);
    let p = rng.range(212.0, 236.0);
    let sheet = Sheet {
        w: if invoice { 240.0 } else { 210.0 },
        h: if invoice { 140.0 } else { 297.0 },
        invoice,
        paper: [p, p - rng.range(0.0, 4.0), p - rng.range(2.0, 9.0)],
        seed,
    };
    let aspect = sheet.w / sheet.h;

    // Placement: size, rotation, keystone, offset; shrunk until all corners are well inside.
    let mut share = if cropped {
        rng.range(0.55, 0.75)
    } else {
        rng.range(0.52, 0.68)
    };
    let angle = rng.range(-12.0, 12.0).to_radians();
    let keystone = rng.range(0.0, 0.12);
    let (ox, oy) = (rng.range(-0.05, 0.05) * wf, rng.range(-0.05, 0.05) * hf);
    let margin = 0.04 * wf.min(hf);
    let corners = loop {
        let dh = (share * wf * hf / aspect).sqrt();
        let dw = dh * aspect;
        let rect = [
            (-dw / 2.0 * (1.0 - keystone), -dh / 2.0),
            (dw / 2.0 * (1.0 - keystone), -dh / 2.0),
            (dw / 2.0, dh / 2.0),
            (-dw / 2.0, dh / 2.0),
        ];
        let (s, c) = angle.sin_cos();
        let q = rect.map(|(x, y)| (wf / 2.0 + ox + x * c - y * s, hf / 2.0 + oy + x * s + y * c));
        let inside = q
            .iter()
            .all(|(x, y)| *x > margin && *x < wf - margin && *y > margin && *y < hf - margin);
        if inside || cropped || share < 0.2 {
            break q;
        }
        share *= 0.97;
    };
    let corners = if cropped {
        // Push the sheet past one edge by 4–15 % of its short side.
        let short = (share * wf * hf / aspect).sqrt() * aspect.min(1.0);
        let d = if mild {
            rng.range(0.01, 0.05)
        } else {
            rng.range(0.04, 0.15)
        } * short;
        let side = rng.next_u64() % 4;
        let (mut dx, mut dy) = (0.0, 0.0);
        let xs = corners.map(|c| c.0);
        let ys = corners.map(|c| c.1);
        let min = |v: [f32; 4]| v.iter().copied().fold(f32::MAX, f32::min);
        let max = |v: [f32; 4]| v.iter().copied().fold(f32::MIN, f32::max);
        match side {
            0 => dx = -(min(xs) + d),
            1 => dx = wf + d - max(xs),
            2 => dy = -(min(ys) + d),
            _ => dy = hf + d - max(ys),
        }
        corners.map(|(x, y)| (x + dx, y + dy))
    } else {
        corners
    };
    let to_sheet = Homography::square_to_quad(corners).inverse();

    // Lighting: brighter towards one side; the table's colour and grain.
    let light_dir = rng.range(0.0, std::f32::consts::TAU);
    let (lx, ly) = (light_dir.cos(), light_dir.sin());
    let light_amp = rng.range(0.0, 0.1);
    const TABLES: [[f32; 3]; 6] = [
        [150.0, 102.0, 62.0],
        [92.0, 62.0, 42.0],
        [105.0, 106.0, 112.0],
        [52.0, 98.0, 72.0],
        [62.0, 80.0, 122.0],
        [182.0, 146.0, 104.0],
    ];
    let table = TABLES[(rng.next_u64() % TABLES.len() as u64) as usize];
    let grain_f = rng.range(0.02, 0.08) / scale;

    let mut img = RgbImage::new(w, h);
    for (x, y, px) in img.enumerate_pixels_mut() {
        let (xf, yf) = (x as f32, y as f32);
        let (u, v) = to_sheet.apply(xf, yf);
        let base = if (0.0..=1.0).contains(&u) && (0.0..=1.0).contains(&v) {
            sheet.color(u * sheet.w, v * sheet.h)
        } else {
            let g = ((yf * grain_f + (xf * 0.004 / scale).sin() * 3.0).sin()) * 10.0;
            [table[0] + g, table[1] + g * 0.8, table[2] + g * 0.6]
        };
        let light = 1.0 - light_amp * (0.5 + 0.5 * ((xf / wf - 0.5) * lx + (yf / hf - 0.5) * ly));
        *px = Rgb(base.map(|c| (c * light).clamp(0.0, 255.0) as u8));
    }
    // A camera is never perfectly sharp: this also smooths the drawn edges.
    Drawn {
        img: image::imageops::blur(&img, 0.5),
        corners,
        share,
        scale,
        full: (full_w, full_h),
    }
}

/// Applies a defect, adds sensor noise and enlarges to the full size.
fn finish(d: &Drawn, seed: u64, defect: Defect, mild: bool) -> RgbImage {
    let k = if mild { 0.5 } else { 1.0 };
    let mut rng = Rng::new(seed.wrapping_mul(131).wrapping_add(defect as u64));
    let mut img = d.img.clone();
    let (wf, hf) = (img.width() as f32, img.height() as f32);
    let (scale, share, corners) = (d.scale, d.share, d.corners);
    let (full_w, full_h) = d.full;
    match defect {
        Defect::Blur => {
            img = image::imageops::fast_blur(&img, rng.range(2.6, 4.5) * k * scale);
        }
        Defect::Glare => {
            let (gu, gv) = (rng.range(0.25, 0.75), rng.range(0.25, 0.75));
            let (gx, gy) = Homography::square_to_quad(corners).apply(gu, gv);
            let sigma = rng.range(0.07, 0.12) * k * (share * wf * hf).sqrt();
            for (x, y, px) in img.enumerate_pixels_mut() {
                let d2 = (x as f32 - gx).powi(2) + (y as f32 - gy).powi(2);
                let wgt = (1.6 * (-d2 / (2.0 * sigma * sigma)).exp()).min(1.0);
                if wgt > 0.01 {
                    px.0 =
                        px.0.map(|c| (f32::from(c) + (255.0 - f32::from(c)) * wgt) as u8);
                }
            }
        }
        Defect::None | Defect::Cropped | Defect::Shrunk => {}
    }

    // Sensor noise.
    let amp = rng.range(2.0, 5.0);
    let mut noise = Rng::new(seed ^ 0xABCD);
    for px in img.pixels_mut() {
        let r = noise.next_u64();
        let n = ((r & 0xff) as f32 + ((r >> 8) & 0xff) as f32 - 255.0) / 128.0 * amp;
        px.0 = px.0.map(|c| (f32::from(c) + n).clamp(0.0, 255.0) as u8);
    }
    let (tw, th) = if defect == Defect::Shrunk {
        let f = if mild {
            rng.range(0.55, 0.8)
        } else {
            rng.range(0.3, 0.55)
        };
        ((full_w as f32 * f) as u32, (full_h as f32 * f) as u32)
    } else {
        (full_w, full_h)
    };
    image::imageops::resize(&img, tw, th, image::imageops::FilterType::Triangle)
}

/// JPEG bytes of a picture (as a phone would save it).
pub fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(img)
        .expect("encoding to memory cannot fail");
    out
}
