//! One frame of the checklist screen (about 30 items) on a bare egui context: layout of the real
//! app plus tessellation, as a desktop frame does before the GPU. Target: under 2 ms.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use yibao_checklist::catalog::{
    Catalog, Condition, Form, FormRule, Material, MaterialGroup, Note, Text,
};
use yibao_checklist::engine::{Answers, derive};
use yibao_checklist::gui::{App, AppConfig, Screen};

const ANSWERS: &[(&str, &str)] = &[
    ("scenario", "cross_region"),
    ("region", "national"),
    ("insurance", "employee"),
    ("visit", "inpatient"),
    ("emergency", "yes"),
    ("filed", "no"),
    ("settlement", "manual"),
    ("channel", "window"),
    ("proxy", "yes"),
    ("third_party", "yes"),
    ("admission_date", "2025-03-01"),
    ("discharge_date", "2025-03-10"),
    ("invoice_date", "2025-03-10"),
];

fn text(zh: &str, en: &str) -> Text {
    Text {
        zh: zh.into(),
        en: en.into(),
    }
}

/// The bundled data, padded with ordinary materials until the checklist has `target` items.
fn catalog_with_items(answers: &Answers, today: NaiveDate, target: usize) -> Catalog {
    let mut catalog = Catalog::bundled().expect("bundled data is valid");
    let have = derive(&catalog, answers, today)
        .map(|d| d.materials.len() + d.steps.len())
        .unwrap_or(0);
    let groups = MaterialGroup::ALL;
    for i in have..target {
        catalog.materials.push(Material {
            id: format!("bench_{i}"),
            name: text(&format!("补充证明材料 {i}"), &format!("Extra proof {i}")),
            description: Some(text(
                "按经办机构要求提供的其他证明材料。",
                "Other proof the office asks for.",
            )),
            group: groups[i % groups.len()],
            when: Condition::Always,
            why: text(
                "部分地区要求提供，以核实费用。",
                "Some regions ask for it to check the costs.",
            ),
            forms: vec![FormRule {
                form: Form::OriginalAndCopy,
                count: Some(2),
                when: Condition::Always,
                sources: vec![],
            }],
            format: vec![Note {
                text: text(
                    "复印件须清晰、完整，A4纸。",
                    "Copies clear and complete, on A4.",
                ),
                when: Condition::Always,
                sources: vec![],
                scope: None,
            }],
            obtain: vec![Note {
                text: text(
                    "向就诊医院的病案室申请。",
                    "Ask the hospital's records office.",
                ),
                when: Condition::Always,
                sources: vec![],
                scope: None,
            }],
            alternatives: vec![],
            sources: vec![],
            replaces: vec![],
            scope: None,
        });
    }
    catalog
}

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    let answers = Answers::from_pairs(ANSWERS.iter().copied());
    let catalog = catalog_with_items(&answers, today, 30);
    let items = derive(&catalog, &answers, today)
        .map(|d| d.materials.len() + d.steps.len())
        .unwrap_or(0);

    let tmp = tempfile::tempdir().unwrap();
    let ctx = egui::Context::default();
    let config = AppConfig {
        catalog: Some(catalog),
        ..AppConfig::headless(tmp.path(), today)
    };
    let mut app = App::with_context(&ctx, None, config);
    let id = app.state.new_case();
    app.state.edit(&id, |c| {
        c.answers = answers.clone();
        c.set_done("id_card", true);
        c.set_note("invoice", "原件在抽屉里");
    });
    app.state.screen = Screen::Checklist;
    println!("checklist frame bench: {items} items");

    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1100.0, 760.0),
        )),
        ..Default::default()
    };
    // Warm up: fonts loaded, glyphs rasterised, galleys cached, as on a running desktop.
    for _ in 0..5 {
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        ctx.tessellate(out.shapes, out.pixels_per_point);
    }
    c.bench_function("checklist_frame_30_items", |b| {
        b.iter(|| {
            let out = ctx.run_ui(input(), |ui| app.show(ui));
            black_box(ctx.tessellate(out.shapes, out.pixels_per_point))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
