//! Front-desk quick sheets leave questions open: the sheet prints them as choices to tick, marks
//! what depends on them ("若办理途径为“线上…”：拍照/扫描上传") and never prints a default answer
//! as the family's. Checked on the PDF the command line writes, on the PDF the app writes, and
//! against the ordinary derivation of every way of answering the open questions.

use crate::common::cli;

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::collections::BTreeSet;
use yibao_checklist::catalog::{Catalog, Lang, OpenTest, Qualifier, QuestionKind, QuickSheet};
use yibao_checklist::engine::{self, Answers, Derivation, derive, derive_open};
use yibao_checklist::gui::{App, AppConfig, Screen, Settings};
use yibao_checklist::sheets;

const EMERGENCY: &str = "cross-region-emergency-not-filed";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
}

fn sheet<'c>(catalog: &'c Catalog, id: &str) -> &'c QuickSheet {
    catalog
        .quick_sheets
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no quick sheet {id}"))
}

/// The PDF's text, page after page, without whitespace (lines wrap anywhere).
fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the PDF");
    let n = doc.get_pages().len() as u32;
    (1..=n)
        .map(|p| doc.extract_text(&[p]).expect("text extracts"))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A text as the sheet in `lang` prints it, without whitespace.
fn squeeze(lang: Lang, s: &str) -> String {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    match lang {
        Lang::Zh => s,
        // The English sheet prints straight quotes (the CJK font's curly ones read as gaps).
        Lang::En => s.replace(['“', '”'], "\""),
    }
}

/// `export --quick ID --name NAME` in a language, read back.
fn export(id: &str, name: &str, lang: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sheet.pdf");
    cli(tmp.path())
        .args([
            "export", "--quick", id, "--name", name, "--lang", lang, "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    pdf_text(&std::fs::read(&out).unwrap())
}

/// What the emergency sheet must say, in its language: the channel and who hands it in as
/// choices, the photo form marked as the online one, the name on the name line.
fn check_emergency_sheet(text: &str, lang: Lang) {
    let catalog = Catalog::bundled().unwrap();
    let q = |id: &str| catalog.question(id).unwrap();
    for id in ["channel", "proxy", "insurance"] {
        let question = q(id);
        assert!(
            text.contains(&squeeze(lang, question.label().get(lang))),
            "{id} is printed as a choice: {text}"
        );
        for o in &question.options {
            assert!(
                text.contains(&squeeze(lang, o.label.get(lang))),
                "{id}: the option {} is printed to tick",
                o.id
            );
        }
    }
    let online = q("channel")
        .options
        .iter()
        .find(|o| o.id == "online")
        .unwrap()
        .label
        .get(lang);
    let (marked, name_line, not) = match lang {
        Lang::Zh => (
            format!("若办理途径为“{online}”：拍照/扫描上传"),
            "姓名：张三",
            "案例张三",
        ),
        Lang::En => (
            format!("If Channel is “{online}”: Photo or scan upload"),
            "Name:张三",
            "Case张三",
        ),
    };
    assert!(text.contains(&squeeze(lang, &marked)), "{marked} in {text}");
    assert!(
        text.contains(name_line),
        "the name is on the name line: {text}"
    );
    assert!(!text.contains(not), "no case line for a hand-out: {text}");
}

#[test]
fn export_of_the_emergency_sheet_prints_the_channel_and_proxy_as_choices_and_the_name() {
    let catalog = Catalog::bundled().unwrap();
    // The id the issue names is a real quick sheet.
    sheet(&catalog, EMERGENCY);
    check_emergency_sheet(&export(EMERGENCY, "张三", "zh"), Lang::Zh);
    check_emergency_sheet(&export(EMERGENCY, "张三", "en"), Lang::En);
}

/// For every quick sheet, in both languages: the header answers only what the sheet answers,
/// every question it leaves open is there with all its options, and no "because" line names an
/// open question.
#[test]
fn no_quick_sheet_asserts_an_answer_it_does_not_give() {
    let catalog = Catalog::bundled().unwrap();
    assert!(catalog.quick_sheets.len() >= 10);
    for s in &catalog.quick_sheets {
        for lang in [Lang::Zh, Lang::En] {
            // The view the printed quick sheet is drawn from (the app's and the CLI's service).
            let req = sheets::Request {
                source: sheets::Source::Quick {
                    id: &s.id,
                    name: None,
                },
                lang,
                today: today(),
                full: true,
                blank: true,
                large: false,
            };
            let d = req.source.derive(&catalog, today()).unwrap();
            let (v, _) = sheets::view(&catalog, &d, &req).unwrap();
            for f in &v.situation {
                assert!(
                    s.answers.contains_key(f.question.as_str()),
                    "{}: the header asserts {} = {}",
                    s.id,
                    f.question,
                    f.value
                );
            }
            // Every choice question the filled-in sheet would ask, and the sheet does not
            // answer, is open: asked under some answers to the open ones.
            for a in completions(&catalog, s) {
                for q in &catalog.questions {
                    if q.kind == QuestionKind::Choice
                        && a.get(&q.id).is_some()
                        && !s.answers.contains_key(&q.id)
                    {
                        let open = v.open.iter().find(|c| c.question == q.id);
                        let open = open.unwrap_or_else(|| panic!("{}: {} not open", s.id, q.id));
                        assert_eq!(open.options.len(), q.options.len());
                    }
                }
            }
            let open_labels: Vec<String> = d
                .open
                .iter()
                .map(|q| q.label.get(lang).to_string())
                .collect();
            let reasons = d
                .materials
                .iter()
                .flat_map(|m| m.reasons.iter())
                .chain(d.steps.iter().flat_map(|x| x.reasons.iter()))
                .chain(d.deadlines.iter().flat_map(|x| x.reasons.iter()))
                .chain(d.notices.iter().flat_map(|x| x.reasons.iter()));
            for r in reasons {
                assert!(
                    !open_labels.contains(&r.question_label.get(lang).to_string()),
                    "{}: a reason names the open {}",
                    s.id,
                    r.question
                );
            }
            let bytes = yibao_checklist::pdf::render_view(&v, &Default::default()).unwrap();
            let text = pdf_text(&bytes);
            for c in &v.open {
                for o in &c.options {
                    assert!(text.contains(&squeeze(lang, o)), "{}: {o} to tick", s.id);
                }
            }
        }
    }
}

/// Every way of answering a quick sheet's open choice questions (dates stay unanswered).
fn completions(catalog: &Catalog, s: &QuickSheet) -> Vec<Answers> {
    fn walk(catalog: &Catalog, i: usize, a: Answers, out: &mut Vec<Answers>) {
        let Some(q) = catalog.questions.get(i) else {
            out.push(a);
            return;
        };
        if q.kind != QuestionKind::Choice || a.get(&q.id).is_some() || !q.ask_when.eval(&a) {
            return walk(catalog, i + 1, a, out);
        }
        // The wizard refuses an option equal to the one `not_same_as` names.
        let refused = |o: &&yibao_checklist::catalog::QuestionOption| {
            q.not_same_as
                .as_ref()
                .is_some_and(|ns| a.get(&ns.question) == Some(o.id.as_str()))
        };
        for o in q.options.iter().filter(|o| !refused(o)) {
            let mut next = a.clone();
            next.set(q.id.clone(), o.id.clone());
            walk(catalog, i + 1, next, out);
        }
    }
    let mut out = Vec::new();
    walk(catalog, 0, engine::quick_given(s), &mut out);
    out
}

/// Whether a qualifier holds for complete answers: one alternative whose every test does.
fn holds(q: &Option<Qualifier>, a: &Answers) -> bool {
    let test = |t: &OpenTest| {
        let is = a
            .get(&t.question)
            .is_some_and(|v| t.options.iter().any(|o| o == v));
        is != t.negated
    };
    q.as_ref()
        .is_none_or(|q| q.0.iter().any(|alt| alt.iter().all(test)))
}

/// The sheet with open questions is exactly every answered sheet at once: for each way of
/// answering the open questions, the entries whose marks hold are the entries the ordinary
/// derivation gives (materials with their form and notes, steps, deadlines with their
/// versions, notices).
#[test]
fn the_marks_select_exactly_what_each_answer_would_give() {
    let catalog = Catalog::bundled().unwrap();
    let mut checked = 0;
    for s in &catalog.quick_sheets {
        let open = derive_open(&catalog, &engine::quick_given(s), today()).unwrap();
        for a in completions(&catalog, s) {
            let d: Derivation = derive(&catalog, &a, today()).unwrap();
            let ids = |it: &mut dyn Iterator<Item = String>| it.collect::<BTreeSet<_>>();
            let at = format!("{} with {a:?}", s.id);
            assert_eq!(
                ids(&mut open
                    .materials
                    .iter()
                    .filter(|m| holds(&m.when, &a))
                    .map(|m| m.id.to_string())),
                ids(&mut d.materials.iter().map(|m| m.id.to_string())),
                "materials of {at}"
            );
            for m in &d.materials {
                let o = open.materials.iter().find(|x| x.id == m.id).unwrap();
                let form = o
                    .forms_when
                    .iter()
                    .find(|f| holds(&Some(f.when.clone()), &a))
                    .map_or((o.form, o.count), |f| (f.form, f.count));
                assert_eq!(form, (m.form, m.count), "form of {} in {at}", m.id);
                let texts = |l: &[yibao_checklist::catalog::Sourced], open: bool| {
                    l.iter()
                        .filter(|n| !open || holds(&n.when, &a))
                        .map(|n| n.text.zh.to_string())
                        .collect::<Vec<_>>()
                };
                assert_eq!(texts(&o.format, true), texts(&m.format, false), "{at}");
                assert_eq!(texts(&o.obtain, true), texts(&m.obtain, false), "{at}");
            }
            assert_eq!(
                ids(&mut open
                    .steps
                    .iter()
                    .filter(|x| holds(&x.when, &a))
                    .map(|x| x.id.to_string())),
                ids(&mut d.steps.iter().map(|x| x.id.to_string())),
                "steps of {at}"
            );
            let versions = |dl: &[engine::DerivedDeadline], open: bool| {
                dl.iter()
                    .filter(|x| !open || holds(&x.when, &a))
                    .flat_map(|x| {
                        x.versions
                            .iter()
                            .filter(|v| !open || holds(&v.when, &a))
                            .map(|v| format!("{}: {}", x.id, v.text.zh))
                    })
                    .collect::<BTreeSet<_>>()
            };
            assert_eq!(
                versions(&open.deadlines, true),
                versions(&d.deadlines, false),
                "deadlines of {at}"
            );
            assert_eq!(
                ids(&mut open
                    .notices
                    .iter()
                    .filter(|x| holds(&x.when, &a))
                    .map(|x| x.id.to_string())),
                ids(&mut d.notices.iter().map(|x| x.id.to_string())),
                "notices of {at}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} answer sets");
}

fn harness(dir: &std::path::Path, lang: Lang) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let mut config = AppConfig::headless(dir, today());
    config.settings = Some(Settings {
        lang,
        ..Settings::default()
    });
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .build_eframe(move |cc| App::new(cc, config));
    h.run();
    h
}

/// The app writes the same sheet as `export --quick`: through the quick list, with the name
/// typed, and the name box is empty afterwards for the next patient.
#[test]
fn the_app_prints_the_same_sheet_and_clears_the_name() {
    let catalog = Catalog::bundled().unwrap();
    let title = sheet(&catalog, EMERGENCY).name.zh.to_string();
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Lang::Zh);
    h.state_mut().state.screen = Screen::Quick;
    h.run();
    let field = || egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(field(), "患者姓名").focus();
    h.run();
    h.get_by_role_and_label(field(), "患者姓名")
        .type_text("张三");
    h.run();
    h.get_by_label(&format!("打印：{title}")).click();
    h.run();
    let exports: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(exports.len(), 1, "{exports:?}");
    let text = pdf_text(&std::fs::read(&exports[0]).unwrap());
    check_emergency_sheet(&text, Lang::Zh);
    assert_eq!(
        text,
        export(EMERGENCY, "张三", "zh"),
        "the app and the CLI agree"
    );
    assert_eq!(h.state().ui.quick_name, "", "the name box is cleared");
}
