//! PDF export: a typical checklist (derive + view + render), its large variant, and the front-desk pack.
//! Targets: a typical sheet under 100 ms and 300 KB; the whole pack under 2 s.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use yibao_checklist::catalog::{Catalog, Lang};
use yibao_checklist::engine::Derivation;
use yibao_checklist::engine::{self, Answers};
use yibao_checklist::pdf::{SheetOptions, render_view};
use yibao_checklist::view::{self, ViewInput};

fn typical_answers() -> Answers {
    Answers::from_pairs([
        ("scenario", "cross_region"),
        ("region", "national"),
        ("insurance", "employee"),
        ("visit", "inpatient"),
        ("emergency", "no"),
        ("filed", "yes"),
        ("settlement", "manual"),
        ("channel", "window"),
        ("proxy", "yes"),
        ("third_party", "no"),
        ("admission_date", "2026-10-01"),
        ("discharge_date", "2026-10-10"),
    ])
}

fn bench(c: &mut Criterion) {
    let catalog = Catalog::bundled().expect("bundled data is valid");
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let answers = typical_answers();
    let options = SheetOptions::default();
    // The sheet of a case: the view is built from the derivation, then rendered.
    let render = |d: &Derivation, options: &SheetOptions| {
        let v = view::build(
            &catalog,
            d,
            &ViewInput {
                lang: Lang::Zh,
                label: Some("妈妈住院报销"),
                ..Default::default()
            },
        );
        render_view(&v, options)
    };
    // Report what a typical sheet is like, once.
    let d = engine::derive(&catalog, &answers, today).unwrap();
    let bytes = render(&d, &options).unwrap();
    let pages = lopdf::Document::load_mem(&bytes)
        .map(|d| d.get_pages().len())
        .unwrap_or(0);
    eprintln!(
        "typical sheet: {} materials, {} steps, {} deadlines, {} bytes, {pages} page(s)",
        d.materials.len(),
        d.steps.len(),
        d.deadlines.len(),
        bytes.len(),
    );
    let large = SheetOptions {
        large: true,
        ..options
    };
    eprintln!(
        "typical sheet, large: {} bytes",
        render(&d, &large).unwrap().len()
    );

    c.bench_function("export typical checklist (derive + render)", |b| {
        b.iter(|| {
            let d = engine::derive(&catalog, black_box(&answers), today).unwrap();
            black_box(render(&d, &options).unwrap())
        })
    });
    c.bench_function("export typical checklist, large type", |b| {
        b.iter(|| {
            let d = engine::derive(&catalog, black_box(&answers), today).unwrap();
            black_box(render(&d, &large).unwrap())
        })
    });

    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("export-pack");
    group.sample_size(10);
    group.bench_function("export-pack (all blank sheets, written)", |b| {
        b.iter(|| {
            black_box(
                yibao_checklist::cli::export_pack(
                    &catalog,
                    dir.path(),
                    Lang::Zh,
                    false,
                    false,
                    today,
                )
                .unwrap(),
            )
        })
    });
    group.finish();
    let total: u64 = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    eprintln!(
        "export-pack: {} files, {total} bytes",
        catalog.quick_sheets.len()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
