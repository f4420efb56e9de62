//! The photo checks on real scans and phone photos (`tests/photos/real/`, sources and licences in
//! its MANIFEST.md), and on faulty copies of the good ones made here: a glare patch over the
//! print, a blur that makes invoice print unreadable, a crop through the document, a copy too
//! small to read.
//!
//! The targets: no warning on at least 95 % of the good images, at least 90 % of each
//! fault caught, and no second, wrong warning on a faulty image.
//! `cargo test --test it -- photo_real --nocapture` prints the table recorded in the README.

use crate::common::synth;
use image::{DynamicImage, Rgb, RgbImage};
use std::path::{Path, PathBuf};
use yibao_checklist::photo::{self, PhotoReport, ProblemKind};

fn real_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/photos/real")
}

/// The real images: (file name, the fault it really has, or none).
fn real_set() -> Vec<(String, Option<ProblemKind>)> {
    let mut out: Vec<(String, Option<ProblemKind>)> = std::fs::read_dir(real_dir())
        .expect("tests/photos/real")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".jpg") || n.ends_with(".png"))
        .map(|n| {
            let kind = if n.starts_with("good-") {
                None
            } else if n.starts_with("bad-blur-") {
                Some(ProblemKind::Blur)
            } else if n.starts_with("bad-glare-") {
                Some(ProblemKind::Glare)
            } else if n.starts_with("bad-cropped-") {
                Some(ProblemKind::Cropped)
            } else if n.starts_with("bad-lowres-") {
                Some(ProblemKind::LowResolution)
            } else {
                panic!("{n}: name it good-… or bad-<fault>-…")
            };
            (n, kind)
        })
        .collect();
    out.sort();
    out
}

pub(crate) fn load(name: &str) -> RgbImage {
    let bytes = std::fs::read(real_dir().join(name)).unwrap();
    photo::decode(&bytes).unwrap().into_rgb8()
}

/// The sheet's size in the photo (side of a square of its area), which the faults scale with.
pub(crate) fn doc_px(img: &RgbImage) -> f32 {
    check(img).measures.expect("measured").document_px
}

/// Checks a picture as the app does: through a JPEG, as a phone would send it.
fn check(img: &RgbImage) -> PhotoReport {
    photo::check_bytes(&synth::jpeg(img, 88)).expect("a JPEG decodes")
}

fn luma(p: &Rgb<u8>) -> f32 {
    0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2])
}

/// Where the print is: pixels clearly darker than the brightest around them, on a copy at most
/// 400 pixels long, in the picture's own pixels.
fn print_pixels(img: &RgbImage) -> Vec<(f32, f32)> {
    let f = (400.0 / img.width().max(img.height()) as f32).min(1.0);
    let small = image::imageops::thumbnail(
        img,
        ((img.width() as f32 * f) as u32).max(1),
        ((img.height() as f32 * f) as u32).max(1),
    );
    let (w, h) = small.dimensions();
    let mut out = Vec::new();
    for y in 2..h.saturating_sub(2) {
        for x in 2..w.saturating_sub(2) {
            let l = luma(small.get_pixel(x, y));
            let mut hi = 0f32;
            for yy in y - 2..=y + 2 {
                for xx in x - 2..=x + 2 {
                    hi = hi.max(luma(small.get_pixel(xx, yy)));
                }
            }
            if hi - l >= 60.0 && hi >= 120.0 {
                out.push((x as f32 / f, y as f32 / f));
            }
        }
    }
    out
}

/// A small deterministic generator (the same photo gets the same faults every run).
fn pick(seed: u64, n: usize) -> usize {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    x ^= x >> 33;
    (x % n.max(1) as u64) as usize
}

fn percentile(mut v: Vec<f32>, q: f32) -> f32 {
    v.sort_by(f32::total_cmp);
    v[((v.len() - 1) as f32 * q) as usize]
}

/// A glare patch (light added, saturating at its core) on the print.
pub(crate) fn with_glare(img: &RgbImage, doc_px: f32, seed: u64) -> RgbImage {
    let ink = print_pixels(img);
    let xs: Vec<f32> = ink.iter().map(|p| p.0).collect();
    let ys: Vec<f32> = ink.iter().map(|p| p.1).collect();
    let (x0, x1) = (percentile(xs.clone(), 0.2), percentile(xs, 0.8));
    let (y0, y1) = (percentile(ys.clone(), 0.2), percentile(ys, 0.8));
    let inner: Vec<&(f32, f32)> = ink
        .iter()
        .filter(|p| p.0 >= x0 && p.0 <= x1 && p.1 >= y0 && p.1 <= y1)
        .collect();
    let (cx, cy) = *inner[pick(seed, inner.len())];
    let s = doc_px * 0.06;
    let mut out = img.clone();
    for (x, y, p) in out.enumerate_pixels_mut() {
        let d2 = (x as f32 - cx).powi(2) + (y as f32 - cy).powi(2);
        let g = (1.6 * (-d2 / (2.0 * s * s)).exp()).min(1.0);
        for c in p.0.iter_mut() {
            *c = (f32::from(*c) + (255.0 - f32::from(*c)) * g) as u8;
        }
    }
    out
}

/// Blurred so that invoice print (a few pixels high with the sheet 800 pixels across) runs
/// together.
pub(crate) fn with_blur(img: &RgbImage, doc_px: f32) -> RgbImage {
    image::imageops::fast_blur(img, doc_px / 250.0)
}

/// Cropped through the document, on one side (by seed), along a line that crosses print.
pub(crate) fn with_crop(img: &RgbImage, seed: u64) -> RgbImage {
    let ink = print_pixels(img);
    let (w, h) = img.dimensions();
    let xs: Vec<f32> = ink.iter().map(|p| p.0).collect();
    let ys: Vec<f32> = ink.iter().map(|p| p.1).collect();
    // The print's extent, past a stray dark speck on the table.
    let (x0, x1) = (percentile(xs.clone(), 0.01), percentile(xs.clone(), 0.99));
    let (y0, y1) = (percentile(ys.clone(), 0.01), percentile(ys.clone(), 0.99));
    // The line is moved to where most print is within a small step of it.
    let snap = |vals: &[f32], at: f32, step: f32| -> f32 {
        let mut best = (0usize, at);
        let mut t = at - step;
        while t <= at + step {
            let n = vals
                .iter()
                .filter(|v| (**v - t).abs() < step / 10.0)
                .count();
            if n > best.0 {
                best = (n, t);
            }
            t += step / 10.0;
        }
        best.1
    };
    let side = seed % 4;
    let (cut_x, cut_y) = ((x1 - x0) * 0.12, (y1 - y0) * 0.12);
    match side {
        0 => {
            let x = snap(&xs, x0 + cut_x, cut_x / 3.0).max(1.0) as u32;
            image::imageops::crop_imm(img, x, 0, w - x, h).to_image()
        }
        1 => {
            let x = snap(&xs, x1 - cut_x, cut_x / 3.0).min(w as f32 - 1.0) as u32;
            image::imageops::crop_imm(img, 0, 0, x, h).to_image()
        }
        2 => {
            let y = snap(&ys, y0 + cut_y, cut_y / 3.0).max(1.0) as u32;
            image::imageops::crop_imm(img, 0, y, w, h - y).to_image()
        }
        _ => {
            let y = snap(&ys, y1 - cut_y, cut_y / 3.0).min(h as f32 - 1.0) as u32;
            image::imageops::crop_imm(img, 0, 0, w, y).to_image()
        }
    }
}

/// Scaled down so the sheet is about 420 pixels square: too few for invoice print.
fn with_fewer_pixels(img: &RgbImage, doc_px: f32) -> RgbImage {
    let f = 420.0 / doc_px;
    image::imageops::resize(
        img,
        ((img.width() as f32 * f) as u32).max(1),
        ((img.height() as f32 * f) as u32).max(1),
        image::imageops::FilterType::Triangle,
    )
}

const FAULTS: [ProblemKind; 4] = [
    ProblemKind::Blur,
    ProblemKind::Glare,
    ProblemKind::Cropped,
    ProblemKind::LowResolution,
];

/// One good image and its four faulty copies: (the fault made, what was reported).
type Checked = Vec<(Option<ProblemKind>, Vec<ProblemKind>)>;

fn check_one(name: &str) -> Checked {
    let img = load(name);
    let clean = check(&img);
    let doc_px = clean.measures.expect("measured").document_px;
    let seed = name.bytes().map(u64::from).sum::<u64>();
    if std::env::var_os("PHOTO_REAL_MEASURES").is_some() {
        eprintln!("{name}: {:?}", clean.measures);
    }
    let mut out = vec![(None, kinds(&clean))];
    for fault in FAULTS {
        let bad = match fault {
            ProblemKind::Blur => with_blur(&img, doc_px),
            ProblemKind::Glare => with_glare(&img, doc_px, seed),
            ProblemKind::Cropped => with_crop(&img, seed),
            ProblemKind::LowResolution => with_fewer_pixels(&img, doc_px),
        };
        let r = check(&bad);
        if r.problems.iter().any(|p| p.kind != fault) || !r.has(fault) {
            eprintln!("{name} with {}: {:?}", fault.id(), r.measures);
        }
        out.push((Some(fault), kinds(&r)));
    }
    out
}

fn kinds(r: &PhotoReport) -> Vec<ProblemKind> {
    r.problems.iter().map(|p| p.kind).collect()
}

#[test]
fn photo_real_set_meets_the_targets() {
    let set = real_set();
    let good: Vec<String> = set
        .iter()
        .filter(|(_, k)| k.is_none())
        .map(|(n, _)| n.clone())
        .collect();
    assert!(set.len() >= 20, "at least 20 real images: {}", set.len());
    // Two threads: the machine's cores.
    let results: Vec<(String, Checked)> = std::thread::scope(|s| {
        let halves: Vec<_> = [0usize, 1]
            .iter()
            .map(|half| {
                let good = &good;
                s.spawn(move || {
                    good.iter()
                        .enumerate()
                        .filter(|(i, _)| i % 2 == *half)
                        .map(|(_, n)| (n.clone(), check_one(n)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<_> = halves.into_iter().flat_map(|h| h.join().unwrap()).collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    });

    let mut failures = Vec::new();
    let mut table = String::from(
        "| images | how many | result | second, wrong warnings |\n|---|---|---|---|\n",
    );
    let clean = results
        .iter()
        .filter(|(n, r)| {
            let ok = r[0].1.is_empty();
            if !ok {
                eprintln!("good image flagged: {n}: {:?}", r[0].1);
            }
            ok
        })
        .count();
    let n = results.len();
    table.push_str(&format!(
        "| good (real scans and photos) | {n} | {clean} without a warning ({:.0} %) | — |\n",
        100.0 * clean as f64 / n as f64
    ));
    if clean * 100 < n * 95 {
        failures.push(format!("good: only {clean}/{n} without a warning"));
    }
    let mut seconds = 0;
    for (i, fault) in FAULTS.iter().enumerate() {
        let (mut caught, mut second) = (0, 0);
        for (name, r) in &results {
            let found = &r[i + 1].1;
            if found.contains(fault) {
                caught += 1;
            } else {
                eprintln!("{} missed on {name}: {found:?}", fault.id());
            }
            let wrong: Vec<_> = found.iter().filter(|k| *k != fault).collect();
            if !wrong.is_empty() {
                second += 1;
                eprintln!("{} on {name}: also {wrong:?}", fault.id());
            }
        }
        table.push_str(&format!(
            "| {} made from each good one | {n} | {caught} caught ({:.0} %) | {second} |\n",
            fault.id(),
            100.0 * caught as f64 / n as f64
        ));
        if caught * 100 < n * 90 {
            failures.push(format!("{}: only {caught}/{n} caught", fault.id()));
        }
        seconds += second;
    }
    // The issue asks for none.
    if seconds > 0 {
        failures.push(format!("{seconds} second, wrong warnings"));
    }
    // The real faulty images: each must be caught (other findings are listed, not judged: a
    // real close-up of text is often both blurred and small).
    let (mut real_bad, mut real_caught) = (0, 0);
    for (name, kind) in set.iter().filter(|(_, k)| k.is_some()) {
        let kind = kind.unwrap();
        real_bad += 1;
        let found = kinds(&check(&load(name)));
        if found.contains(&kind) {
            real_caught += 1;
        } else {
            failures.push(format!("real {name}: {} not caught ({found:?})", kind.id()));
        }
        eprintln!("real {name}: {found:?}");
    }
    table.push_str(&format!(
        "| real faulty (blurred, small) | {real_bad} | {real_caught} caught | — |\n"
    ));
    eprintln!("{table}");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A black or flat picture has nothing to read: it is never "no problem found".
#[test]
fn photo_real_unreadable_pictures_are_not_passed() {
    for (w, h, v) in [(2000, 2500, 0u8), (1600, 1200, 255), (1200, 1600, 128)] {
        let img = RgbImage::from_pixel(w, h, Rgb([v, v, v]));
        let r = photo::check_image(&DynamicImage::ImageRgb8(img));
        assert_eq!(kinds(&r), vec![ProblemKind::Blur], "{w}×{h} at {v}: {r:?}");
    }
}

/// Every faulty copy marks where its problem is: the glare's box, the cut edges, the blurred
/// print to magnify.
#[test]
fn photo_real_problems_say_where_they_are() {
    use yibao_checklist::photo::Region;
    let img = load("good-jscanify-page-angled.jpg");
    let doc_px = check(&img).measures.unwrap().document_px;
    let glare = check(&with_glare(&img, doc_px, 3));
    let p = glare
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::Glare)
        .expect("glare found");
    let Some(Region::Area(a)) = p.region else {
        panic!("{p:?}")
    };
    assert!(a.x1 > a.x0 && a.y1 > a.y0 && a.x1 - a.x0 < 0.5, "{a:?}");
    let cut = check(&with_crop(&img, 2));
    let p = cut
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::Cropped)
        .expect("cut found");
    assert!(
        matches!(p.region, Some(Region::Edges(e)) if e.top && !e.bottom),
        "{p:?}"
    );
    let blur = check(&with_blur(&img, doc_px));
    let p = blur
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::Blur)
        .expect("blur found");
    assert!(matches!(p.region, Some(Region::Area(_))), "{p:?}");
}

/// A scan cut through its print (the grey map, cut across "BAIONA" and the legend) is cut off:
/// print that runs into the frame's edge is not left off the sheet. At 620 px it is not also
/// called too small, which would tell the user to move closer to a sheet that is only cut.
#[test]
fn photo_real_a_scan_cut_through_its_print_is_cut_not_small() {
    let img = load("good-ocrmypdf-baiona-map-gray.png");
    let r = check(&with_crop(&img, 3));
    assert_eq!(kinds(&r), vec![ProblemKind::Cropped], "{:?}", r.measures);
    let Some(yibao_checklist::photo::Region::Edges(e)) = r.problems[0].region else {
        panic!("{r:?}")
    };
    assert!(e.bottom && !e.top && !e.left && !e.right, "{e:?}");
}

/// A photo cut through its print (the banknote on a table, cut on its right through the dark
/// ornaments) is cut off along that edge, and measured with its cut print, so not also small.
#[test]
fn photo_real_a_photo_cut_through_its_print_is_cut_not_small() {
    let img = load("good-jscanify-banknote.jpg");
    let r = check(&with_crop(&img, 1));
    assert_eq!(kinds(&r), vec![ProblemKind::Cropped], "{:?}", r.measures);
    let Some(yibao_checklist::photo::Region::Edges(e)) = r.problems[0].region else {
        panic!("{r:?}")
    };
    assert!(e.right && !e.top && !e.left && !e.bottom, "{e:?}");
}
