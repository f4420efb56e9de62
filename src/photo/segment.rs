//! Where the paper is: the sheet told apart from its background on the small copy (step 1 of
//! `detect`'s notes), and the paper's own brightness.

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

/// Labels the 4-connected regions of `mask`: a label per cell (0 outside) and each region's size
/// (index = label).
pub(super) fn regions(mask: &[bool], w: usize, h: usize) -> (Vec<u32>, Vec<usize>) {
    let mut label = vec![0u32; mask.len()];
    let mut sizes = vec![0usize];
    let mut stack = Vec::new();
    for start in 0..mask.len() {
        if !mask[start] || label[start] != 0 {
            continue;
        }
        let next = sizes.len() as u32;
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
        sizes.push(size);
    }
    (label, sizes)
}

/// The largest 4-connected region of `mask`.
fn largest_region(mask: &[bool], w: usize, h: usize) -> Vec<bool> {
    let (label, sizes) = regions(mask, w, h);
    let best = (1..sizes.len()).max_by_key(|l| sizes[*l]).unwrap_or(0) as u32;
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

/// Where the sheet runs off the picture, the frame is its edge: along each edge, the stretch
/// between the first and the last of its pixels (in the outer two rows) is closed, so the print
/// the frame cuts through is enclosed by the sheet, not open to the table outside it.
fn close_along_frame(region: &mut [bool], w: usize, h: usize) {
    if w < 2 || h < 2 {
        return;
    }
    // Per edge: the outermost row and the one inside it, as pixel indices.
    let lines: [(Vec<usize>, Vec<usize>); 4] = [
        ((0..w).collect(), (0..w).map(|x| w + x).collect()),
        (
            (0..w).map(|x| (h - 1) * w + x).collect(),
            (0..w).map(|x| (h - 2) * w + x).collect(),
        ),
        (
            (0..h).map(|y| y * w).collect(),
            (0..h).map(|y| y * w + 1).collect(),
        ),
        (
            (0..h).map(|y| y * w + w - 1).collect(),
            (0..h).map(|y| y * w + w - 2).collect(),
        ),
    ];
    for (outer, inner) in &lines {
        let on = |k: usize| region[outer[k]] || region[inner[k]];
        let first = (0..outer.len()).find(|k| on(*k));
        let last = (0..outer.len()).rev().find(|k| on(*k));
        if let (Some(a), Some(b)) = (first, last) {
            for &i in &outer[a..=b] {
                region[i] = true;
            }
        }
    }
}

/// The sheet (holes filled), the bright paper pixels, and whether a sheet was found.
pub(super) fn segment(paper: &[u8], w: usize, h: usize) -> (Vec<bool>, Vec<bool>, bool) {
    // Blown-out pixels (glare, or a scan's white) are bright whatever the split: left out of it,
    // a glare patch cannot pull the threshold up into the paper.
    let unblown: Vec<u8> = paper.iter().copied().filter(|p| *p < 245).collect();
    let (t, m0, m1) = if unblown.len() * 10 >= paper.len() {
        otsu(&unblown)
    } else {
        otsu(paper)
    };
    let bright: Vec<bool> = paper.iter().map(|p| *p > t).collect();
    if m1 - m0 < 30.0 {
        // No clear bright sheet: judge the whole picture.
        return (vec![true; paper.len()], bright, false);
    }
    let mut sheet = largest_region(&bright, w, h);
    close_along_frame(&mut sheet, w, h);
    let sheet = fill_holes(&sheet, w, h);
    let count = sheet.iter().filter(|s| **s).count();
    if count * 20 < paper.len() {
        return (vec![true; paper.len()], bright, false);
    }
    (sheet, bright, true)
}

/// The paper's own brightness: the median of the sheet's bright pixels (255 when none).
pub(super) fn paper_level(doc: &[bool], bright: &[bool], luma: &[u8]) -> u8 {
    let mut hist = [0usize; 256];
    let mut count = 0usize;
    for ((d, b), l) in doc.iter().zip(bright).zip(luma) {
        if *d && *b {
            hist[*l as usize] += 1;
            count += 1;
        }
    }
    let mut acc = 0usize;
    for (v, c) in hist.iter().enumerate() {
        acc += c;
        if count > 0 && acc * 2 >= count {
            return v as u8;
        }
    }
    255
}
