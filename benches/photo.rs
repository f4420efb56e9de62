//! Checking one 12-megapixel photo (4000×3000 JPEG, decode + EXIF + all four checks).
//! The budget: under 300 ms in release (`cargo bench --bench photo`).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use yibao_checklist::photo;

// The generator is the tests' support code, not the product's.
#[path = "../tests/it/common/synth.rs"]
mod synth;

fn bench(c: &mut Criterion) {
    let img = synth::render_scaled(7, synth::Defect::None, 3.125);
    assert_eq!(img.width() * img.height(), 12_000_000);
    let bytes = synth::jpeg(&img, 88);
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
