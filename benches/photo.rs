//! Checking one 12-megapixel photo (4000×3000 JPEG, decode + EXIF + all four checks).
//! The budget: under 300 ms in release (`cargo bench --bench photo`).
//!
//! The photo is a real one (`tests/photos/real/good-jscanify-course-table.jpg`, a printed sheet
//! on a table) brought up to a phone's 12 megapixels.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use yibao_checklist::photo;

fn bench(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/photos/real/good-jscanify-course-table.jpg");
    let real = photo::decode(&std::fs::read(path).expect("the real set")).expect("decodes");
    let img = real
        .resize_exact(4000, 3000, image::imageops::FilterType::Triangle)
        .into_rgb8();
    assert_eq!(img.width() * img.height(), 12_000_000);
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 88)
        .encode_image(&img)
        .expect("encodes");
    let mut g = c.benchmark_group("photo");
    g.sample_size(10);
    g.bench_function("check_12mp_jpeg", |b| {
        b.iter(|| photo::check_bytes(black_box(&bytes)).expect("checks"))
    });
    let decoded = photo::decode(&bytes).expect("decodes");
    g.bench_function("measure_12mp_decoded", |b| {
        b.iter(|| photo::check_image(black_box(&decoded)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
