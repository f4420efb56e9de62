//! Engine speed: loading and validating the bundled data, one derivation and its view, and every
//! reachable combination of the main questions. Budgets: < 5 ms, < 50 µs (a derivation plus its
//! view), < 50 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use yibao_checklist::catalog::Catalog;
use yibao_checklist::engine::{Answers, check_reachability, derive, enumerate_answer_sets};

/// The questions whose every combination is a regression artefact (tests/it/regression.rs).
const AXES: &[&str] = &[
    "scenario",
    "visit",
    "emergency",
    "filed",
    "settlement",
    "channel",
    "filing_type",
];

fn bench(c: &mut Criterion) {
    c.bench_function("load_and_validate_bundled", |b| {
        b.iter(|| black_box(Catalog::bundled().unwrap()))
    });
    let catalog = Catalog::bundled().unwrap();
    let today = "2025-04-01".parse().unwrap();
    let mut answers = Answers::new();
    for (q, v) in [
        ("scenario", "cross_region"),
        ("region", "national"),
        ("insurance", "employee"),
        ("visit", "inpatient"),
        ("emergency", "yes"),
        ("filed", "no"),
        ("settlement", "manual"),
        ("channel", "window"),
        ("proxy", "yes"),
        ("third_party", "no"),
        ("admission_date", "2025-03-01"),
        ("discharge_date", "2025-03-10"),
        ("invoice_date", "2025-03-10"),
    ] {
        answers.set(q, v);
    }
    // `ENGINE_BENCH_LOOP=N`: derive N times and stop, for instruction counts under
    // `valgrind --tool=callgrind` (two runs, N and M: the difference over M - N is one
    // derivation). Unlike times, counts do not depend on what else the machine runs. With
    // `ENGINE_BENCH_VIEW=1`, build the view of one derivation N times instead.
    if let Ok(n) = std::env::var("ENGINE_BENCH_LOOP") {
        let n = n.parse::<usize>().expect("ENGINE_BENCH_LOOP is a number");
        if std::env::var_os("ENGINE_BENCH_VIEW").is_some() {
            let d = derive(&catalog, &answers, today).unwrap();
            let input = yibao_checklist::view::ViewInput::default();
            for _ in 0..n {
                black_box(yibao_checklist::view::build(
                    &catalog,
                    black_box(&d),
                    &input,
                ));
            }
        } else {
            for _ in 0..n {
                black_box(derive(&catalog, black_box(&answers), today).unwrap());
            }
        }
        std::process::exit(0);
    }
    c.bench_function("derive_one", |b| {
        b.iter(|| black_box(derive(&catalog, black_box(&answers), today).unwrap()))
    });
    // The checklist view of that derivation, as the app, the sheet and the terminal build it.
    let d = derive(&catalog, &answers, today).unwrap();
    c.bench_function("view_build_one", |b| {
        b.iter(|| {
            black_box(yibao_checklist::view::build(
                &catalog,
                black_box(&d),
                &yibao_checklist::view::ViewInput::default(),
            ))
        })
    });
    // What a change of the answers costs the app: the derivation and the view built from it.
    c.bench_function("derive_and_view_one", |b| {
        b.iter(|| {
            let d = derive(&catalog, black_box(&answers), today).unwrap();
            black_box(yibao_checklist::view::build(
                &catalog,
                &d,
                &yibao_checklist::view::ViewInput::default(),
            ))
        })
    });
    let sets = enumerate_answer_sets(&catalog, Some(AXES));
    c.bench_function(&format!("derive_all_{}_reachable_sets", sets.len()), |b| {
        b.iter(|| {
            for a in &sets {
                black_box(derive(&catalog, a, today).unwrap());
            }
        })
    });
    c.bench_function("check_reachability_exhaustive", |b| {
        b.iter(|| black_box(check_reachability(&catalog)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
