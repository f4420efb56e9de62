//! The layout holds on small screens and at large text: at 100 %, 150 % and 200 % text on
//! 1024×600 and 1366×768 screens, no widget on any screen runs off the window to the side, and
//! the wizard shows the question together with its options.

use crate::common;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
use yibao_checklist::cases::{Case, SCHEMA_VERSION};
use yibao_checklist::catalog::Lang;
use yibao_checklist::gui::{App, AppConfig, Screen, Settings};

const SCREENS: [(f32, f32); 2] = [(1024.0, 600.0), (1366.0, 768.0)];
const ZOOMS: [f32; 3] = [1.0, 1.5, 2.0];

fn harness(
    dir: &std::path::Path,
    lang: Lang,
    pixels: (f32, f32),
    zoom: f32,
) -> Harness<'static, App> {
    let mut config = AppConfig::headless(
        dir.to_path_buf(),
        NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
    );
    config.settings = Some(Settings {
        lang,
        zoom,
        ..Settings::default()
    });
    let mut h = Harness::builder()
        .with_size(egui::vec2(pixels.0, pixels.1) / zoom)
        .build_eframe(move |cc| App::new(cc, config));
    h.run();
    h
}

/// Every node that sticks out of the window to the left or right, with its label.
fn off_window(h: &Harness<'_, App>) -> Vec<String> {
    let screen = h.ctx.content_rect();
    let ppp = h.ctx.pixels_per_point() as f64;
    h.query_all(by().predicate(|_| true))
        .filter_map(|n| {
            let b = n.accesskit_node().bounding_box()?;
            let r = egui::Rect::from_min_max(
                egui::pos2((b.x0 / ppp) as f32, (b.y0 / ppp) as f32),
                egui::pos2((b.x1 / ppp) as f32, (b.y1 / ppp) as f32),
            );
            if r.width() <= 0.0 {
                return None;
            }
            (r.left() < screen.left() - 1.0 || r.right() > screen.right() + 1.0).then(|| {
                format!(
                    "{:?} \"{}\" {:?}",
                    n.accesskit_node().role(),
                    n.accesskit_node().label().unwrap_or_default(),
                    r
                )
            })
        })
        .collect()
}

#[test]
fn no_widget_leaves_the_window_sideways_on_any_screen() {
    for lang in [Lang::Zh, Lang::En] {
        for pixels in SCREENS {
            for zoom in ZOOMS {
                let dir = tempfile::tempdir().unwrap();
                let mut h = harness(dir.path(), lang, pixels, zoom);
                let check = |h: &mut Harness<'_, App>, what: &str| {
                    h.run();
                    let bad = off_window(h);
                    assert!(
                        bad.is_empty(),
                        "{lang:?} {pixels:?} at {zoom}, {what}: {bad:#?}"
                    );
                };
                check(&mut h, "start");
                h.state_mut().state.screen = Screen::Quick;
                check(&mut h, "quick sheets");
                h.state_mut().state.screen = Screen::Welcome;
                h.state_mut().state.add_imported(Case {
                    schema: SCHEMA_VERSION,
                    id: "c1".into(),
                    label: "妈妈住院报销（急诊，外省）".into(),
                    created: String::new(),
                    updated: String::new(),
                    answers: common::typical_claim("2026-01-02", "2026-01-10"),
                    items: Default::default(),
                    status: Default::default(),
                });
                check(&mut h, "checklist");
                // Open every collapsed detail: the longest texts are in there.
                let headers: Vec<String> = h
                    .query_all(by().role(Role::Button))
                    .filter_map(|n| n.accesskit_node().label())
                    .filter(|l| {
                        l.contains("详情")
                            || l.contains("Details")
                            || l.contains("各个说法")
                            || l.contains("Every version")
                    })
                    .collect();
                for l in headers.iter().take(6) {
                    if let Some(n) = h.query_all_by_label(l).next() {
                        n.click_accesskit();
                    }
                    h.run();
                }
                check(&mut h, "checklist with details open");
                h.state_mut().state.screen = Screen::Review;
                check(&mut h, "review");
                h.state_mut().state.start_wizard();
                h.state_mut().state.goto_question("scenario", false);
                check(&mut h, "wizard");
            }
        }
    }
}

#[test]
fn the_wizard_shows_the_question_with_its_options() {
    for pixels in SCREENS {
        for zoom in ZOOMS {
            let dir = tempfile::tempdir().unwrap();
            let mut h = harness(dir.path(), Lang::Zh, pixels, zoom);
            h.state_mut().state.new_case();
            h.run();
            let screen = h.ctx.content_rect();
            let radios: Vec<egui::Rect> = h
                .query_all(by().role(Role::RadioButton))
                .map(|n| n.rect())
                .collect();
            assert!(radios.len() >= 2);
            for r in &radios {
                assert!(
                    r.top() >= screen.top() && r.bottom() <= screen.bottom(),
                    "{pixels:?} at {zoom}: an option at {r:?} is off the screen {screen:?}"
                );
            }
        }
    }
}
