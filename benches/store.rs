//! A year of cases (issue 19): the app's start-up work and memory with 0, 1,000 and 10,000 saved
//! cases, opening a case from the list, and `cases --json` over 10,000. Start-up here is
//! `App::with_context` plus the first frame on a bare egui context (what happens before the
//! window shows); the window itself is measured by `scripts/measure-store.sh`. Memory is the
//! process's resident growth while the app with N cases is alive (Linux: /proc/self/statm).
//! Opening a case is the list's click (the command) and the frames that show the case, each time
//! another case, none read before.
//!
//! `cargo bench --bench store` (YIBAO_STORE_SIZES=0,1000 to choose the sizes).

#[path = "../tests/it/common/generate.rs"]
mod generate;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};
use yibao_checklist::gui::command::Command;
use yibao_checklist::gui::{App, AppConfig};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |pages| pages * 4096.0 / 1_048_576.0)
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1100.0, 760.0),
        )),
        ..Default::default()
    }
}

/// One frame of the app, drawn as far as the GPU's input.
fn frame(ctx: &egui::Context, app: &mut App) {
    let out = ctx.run_ui(input(), |ui| app.show(ui));
    black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
}

/// Starts the app on `data` and draws its first frame; returns the app (alive, for memory).
fn start(data: &Path) -> (egui::Context, App) {
    let ctx = egui::Context::default();
    let mut app = App::with_context(&ctx, None, AppConfig::headless(data, today()));
    frame(&ctx, &mut app);
    (ctx, app)
}

fn store_with(n: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    generate::write_cases(&tmp.path().join("cases"), n);
    // One start builds the index (and the recheck notes), as the first run after an upgrade;
    // the measured starts are the ones after. Frames until the loading thread's result is taken
    // in (the cases it checked are marked so in the index, as in the app).
    let (ctx, mut app) = start(tmp.path());
    while app.state.loading() {
        frame(&ctx, &mut app);
        std::thread::sleep(Duration::from_millis(5));
    }
    app.state.write_index();
    tmp
}

/// Where a start's time goes: reading the index alone, the app made (fonts, catalog, store,
/// index), its first frame.
fn phases(data: &Path) -> (Duration, Duration, Duration) {
    use yibao_checklist::cases::index;
    let catalog = yibao_checklist::catalog::Catalog::bundled().unwrap();
    let fp = yibao_checklist::view::caselist::fingerprint(&catalog);
    let t = Instant::now();
    black_box(index::read_index(&data.join("cases"), &fp, today()));
    let read = t.elapsed();
    let ctx = egui::Context::default();
    let t = Instant::now();
    let mut app = App::with_context(&ctx, None, AppConfig::headless(data, today()));
    let made = t.elapsed();
    let t = Instant::now();
    frame(&ctx, &mut app);
    (read, made, t.elapsed())
}

fn bench(c: &mut Criterion) {
    let sizes: Vec<usize> = std::env::var("YIBAO_STORE_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![0, 1_000, 10_000]);
    let mut group = c.benchmark_group("store");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    let mut table = Vec::new();
    for &n in &sizes {
        let tmp = store_with(n);
        group.bench_function(format!("startup_first_frame_{n}_cases"), |b| {
            b.iter(|| black_box(start(tmp.path())))
        });
        // Memory: the growth while one app with its cases is alive (loading done).
        let before = rss_mb();
        let t = Instant::now();
        let (ctx, mut app) = start(tmp.path());
        let first_frame = t.elapsed();
        app.state.finish_loading();
        let loaded = t.elapsed();
        let grown = rss_mb() - before;

        // Opening a case from the list: the click's command (the case read and derived), the
        // frame that applies it and the one that shows the checklist.
        // (The list as it is after loading drawn first, as the window shows it meanwhile.)
        frame(&ctx, &mut app);
        let ids: Vec<String> = app.state.index.iter().map(|e| e.id.clone()).collect();
        if !ids.is_empty() {
            let mut next = 0;
            let mut open = |app: &mut App| {
                app.push(Command::OpenCase(ids[next % ids.len()].clone()));
                next += 1;
                frame(&ctx, app);
                frame(&ctx, app);
            };
            let t = Instant::now();
            open(&mut app);
            eprintln!(
                "open a case among {n}, first: {:.1} ms",
                t.elapsed().as_secs_f64() * 1e3
            );
            group.bench_function(format!("open_case_{n}_cases"), |b| {
                b.iter(|| open(&mut app))
            });
        }
        drop((ctx, app));
        table.push((n, first_frame, loaded, grown, phases(tmp.path())));
    }
    group.finish();
    eprintln!(
        "\n| saved cases | start-up to first frame | of which: index read, app made, first frame \
         | list checked (thread, from launch) | memory growth |"
    );
    eprintln!("|---|---|---|---|---|");
    let ms = |d: &Duration| d.as_secs_f64() * 1e3;
    for (n, f, l, m, (read, made, first)) in &table {
        eprintln!(
            "| {n} | {:.1} ms | {:.1}, {:.1}, {:.1} ms | {:.1} ms | {m:+.1} MB |",
            ms(f),
            ms(read),
            ms(made),
            ms(first),
            ms(l)
        );
    }

    // `cases --json` over 10,000 (the release binary the bench builds beside it).
    if sizes.contains(&10_000) {
        let tmp = tempfile::tempdir().unwrap();
        generate::write_cases(&tmp.path().join("cases"), 10_000);
        let exe = env!("CARGO_BIN_EXE_yibao-checklist");
        let run = || {
            let out = std::process::Command::new(exe)
                .args(["cases", "--json", "--state", "all", "--today", "2026-12-06"])
                .env("YIBAO_CHECKLIST_DATA_DIR", tmp.path())
                .output()
                .unwrap();
            assert!(out.status.success());
            out.stdout.len()
        };
        let t = Instant::now();
        run();
        eprintln!(
            "cases --json, 10,000 cases, no index yet: {:.0} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
        let mut group = c.benchmark_group("cli");
        group.sample_size(10);
        group.bench_function("cases_json_10000", |b| b.iter(|| black_box(run())));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
