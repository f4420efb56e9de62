//! A fact keeps its place (issue 21): an entry whose sources speak of one place carries that
//! place (`scope`), and the place is printed in front of the fact wherever the fact is printed:
//! the terminal text of `derive`, the essentials sheet and the full sheet, for every artefact
//! answer set (and, in the terminal, for every insured region too).

use crate::common::{self, AXES};
use lopdf::Document;
use std::collections::{BTreeMap, BTreeSet};
use yibao_checklist::catalog::{Catalog, Lang, Text};
use yibao_checklist::cli::text::view_text;
use yibao_checklist::engine::{Answers, Derivation, derive, enumerate_answer_sets};
use yibao_checklist::pdf::{self, SheetOptions};
use yibao_checklist::view::{self, ViewInput};

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A placed fact of a derivation: what it is (for messages), the place, the fact's start, and
/// whether the essentials sheet shows it (materials, steps, warnings, the deadlines' titles).
struct Placed {
    what: String,
    place: String,
    text: String,
    essential: bool,
}

fn tag(place: &str, text: &str) -> String {
    // The fact's first characters: a sheet wraps long lines.
    let start: String = text.chars().take(8).collect();
    squeeze(&format!("【{place}】{start}"))
}

fn placed(d: &Derivation) -> Vec<Placed> {
    let mut out = Vec::new();
    let mut add = |what: String, scope: &Option<Text>, text: &Text, essential: bool| {
        if let Some(p) = scope {
            out.push(Placed {
                what,
                place: p.zh.to_string(),
                text: text.zh.to_string(),
                essential,
            });
        }
    };
    for m in &d.materials {
        add(format!("material {}", m.id), &m.scope, &m.name, true);
        for n in m
            .format
            .iter()
            .chain(m.obtain.iter())
            .chain(m.alternatives.iter())
        {
            add(format!("a note of {}", m.id), &n.scope, &n.text, false);
        }
    }
    for s in &d.steps {
        add(format!("step {}", s.id), &s.scope, &s.title, true);
    }
    for dl in &d.deadlines {
        for v in &dl.versions {
            add(format!("a version of {}", dl.id), &v.scope, &v.text, false);
        }
    }
    for n in &d.notices {
        for v in n.versions.iter() {
            add(
                format!("a version of {}", n.id),
                &v.scope,
                &v.text,
                n.kind == yibao_checklist::catalog::NoticeKind::Warning,
            );
        }
    }
    out
}

fn view_of(catalog: &Catalog, d: &Derivation, lang: Lang) -> view::View {
    view::build(
        catalog,
        d,
        &ViewInput {
            lang,
            ..Default::default()
        },
    )
}

fn sheet_text(v: &view::View, full: bool) -> String {
    let bytes = pdf::render_view(v, &SheetOptions { large: false, full }).expect("renders");
    let doc = Document::load_mem(&bytes).expect("lopdf reads the PDF");
    let n = doc.get_pages().len() as u32;
    (1..=n)
        .map(|p| squeeze(&doc.extract_text(&[p]).expect("text extracts")))
        .collect()
}

/// No entry cites only one-place sources without saying the place, and the entries whose
/// place the sources data cannot see (a snippet that mixes places) carry theirs by hand.
#[test]
fn every_one_place_entry_has_a_scope() {
    let catalog = Catalog::bundled().expect("bundled data is valid");
    let warnings = catalog.scope_warnings();
    assert!(
        warnings.is_empty(),
        "{} entries without a scope:\n{}",
        warnings.len(),
        warnings
            .iter()
            .map(|w| w.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Both kinds of the check can fail: an entry citing a placed snippet with no scope warns.
    let mut bare = catalog.clone();
    let m = bare
        .materials
        .iter_mut()
        .find(|m| m.id == "discharge_summary")
        .expect("discharge_summary");
    m.scope = None;
    assert!(
        bare.scope_warnings()
            .iter()
            .any(|w| w.id.as_deref() == Some("discharge_summary")),
        "a Shanghai-only material without scope is not flagged"
    );
    // Mixed snippets: the places are set by hand.
    let foshan = catalog
        .deadlines
        .iter()
        .find(|d| d.id == "gd_claim_deadline")
        .and_then(|d| d.versions.iter().find(|v| v.text.zh.contains("佛山")))
        .expect("佛山's version");
    assert_eq!(foshan.scope.as_ref().map(|s| &*s.zh), Some("佛山等地"));
    let shenzhen = catalog
        .notices
        .iter()
        .find(|n| n.id == "gd_shenzhen_residence")
        .expect("gd_shenzhen_residence");
    assert_eq!(
        shenzhen.versions[0].scope.as_ref().map(|s| &*s.zh),
        Some("深圳等地")
    );
}

/// The place is printed in front of the fact in `derive`'s text, on the full sheet and (for
/// what it shows) on the essentials sheet, for every artefact answer set.
#[test]
fn the_place_is_printed_next_to_the_fact() {
    let catalog = Catalog::bundled().expect("bundled data is valid");
    let today = "2026-02-01".parse().unwrap();
    let sets = common::artefact_sets(&catalog);
    assert!(sets.len() >= 60, "only {} answer sets", sets.len());
    let mut seen = BTreeSet::new();
    let mut sheets_done: BTreeMap<Vec<String>, ()> = BTreeMap::new();
    let mut problems = Vec::new();
    for answers in &sets {
        let d = derive(&catalog, answers, today).expect("derives");
        let facts = placed(&d);
        let v = view_of(&catalog, &d, Lang::Zh);
        let text = squeeze(&view_text(&v));
        for f in &facts {
            seen.insert(f.what.clone());
            if !text.contains(&tag(&f.place, &f.text)) {
                problems.push(format!(
                    "derive text, {answers:?}: {} without 【{}】",
                    f.what, f.place
                ));
            }
        }
        // The sheets once per set of placed facts: rendering every set twice takes minutes.
        let key: Vec<String> = facts
            .iter()
            .map(|f| format!("{}{}", f.what, f.text))
            .collect();
        if facts.is_empty() || sheets_done.insert(key, ()).is_some() {
            continue;
        }
        let full = sheet_text(&v, true);
        let essentials = sheet_text(&v, false);
        for f in &facts {
            let t = tag(&f.place, &f.text);
            if !full.contains(&t) {
                problems.push(format!(
                    "full sheet, {answers:?}: {} without 【{}】",
                    f.what, f.place
                ));
            }
            if f.essential && !essentials.contains(&t) {
                problems.push(format!(
                    "essentials sheet, {answers:?}: {} without 【{}】",
                    f.what, f.place
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The artefact sets do meet placed facts (Shanghai and Guangdong as places of treatment,
    // the Shanghai article's street service point, …).
    assert!(
        seen.len() >= 5,
        "only {} placed facts met: {seen:?}",
        seen.len()
    );

    // Every insured region, in the terminal (cheap): each region's own placed facts too.
    let regions: Vec<String> = catalog
        .question("region")
        .expect("region question")
        .options
        .iter()
        .map(|o| o.id.clone())
        .collect();
    let mut axes = AXES.to_vec();
    axes.push("region");
    let all = enumerate_answer_sets(&catalog, Some(&axes));
    assert!(regions.len() > 5 && all.len() > sets.len());
    for answers in all.iter().map(|a| common::with_dates(&catalog, a)) {
        let d = derive(&catalog, &answers, today).expect("derives");
        let text = squeeze(&view_text(&view_of(&catalog, &d, Lang::Zh)));
        for f in placed(&d) {
            seen.insert(f.what.clone());
            if !text.contains(&tag(&f.place, &f.text)) {
                problems.push(format!(
                    "derive text, {answers:?}: {} without 【{}】",
                    f.what, f.place
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The answer offered instead of a refused one must exist and be asked before: `validate`
/// names a wrong one.
#[test]
fn the_offered_answer_is_checked() {
    let catalog = Catalog::bundled().expect("bundled data is valid");
    assert!(catalog.validate().is_empty());
    let mut bad = catalog.clone();
    let q = bad
        .questions
        .iter_mut()
        .find(|q| q.id == "treatment_region")
        .expect("treatment_region");
    q.not_same_as.as_mut().expect("not_same_as").instead =
        Some(("scenario".into(), "nowhere".into()));
    let errors = bad.validate();
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("nowhere") && e.id.as_deref() == Some("treatment_region")),
        "{errors:?}"
    );
}

/// The chat message (materials) and the calendar events (the version each event plans by) keep
/// the place too, for every artefact answer set.
#[test]
fn the_place_is_in_the_message_and_the_calendar() {
    use yibao_checklist::calendar::{CalendarInput, events};
    use yibao_checklist::view::plain::message_text;
    let catalog = Catalog::bundled().expect("bundled data is valid");
    let today = "2026-02-01".parse().unwrap();
    let stamp = "2026-02-01T08:00:00Z".parse().unwrap();
    let mut problems = Vec::new();
    let (mut materials, mut versions) = (0, 0);
    for answers in &common::artefact_sets(&catalog) {
        let d = derive(&catalog, answers, today).expect("derives");
        let message = squeeze(&message_text(&view_of(&catalog, &d, Lang::Zh)));
        for m in &d.materials {
            if let Some(p) = &m.scope {
                materials += 1;
                if !message.contains(&tag(&p.zh, &m.name.zh)) {
                    problems.push(format!(
                        "message, {answers:?}: material {} without 【{}】",
                        m.id, p.zh
                    ));
                }
            }
        }
        let input = CalendarInput {
            lang: Lang::Zh,
            label: None,
            key: "k",
            stamp,
        };
        for e in events(&catalog, &d, &input) {
            let dl = d
                .deadlines
                .iter()
                .find(|x| x.id == e.deadline_id)
                .expect("its deadline");
            let v = &dl.versions[dl.safest.expect("an event plans by the safest version")];
            if let Some(p) = &v.scope {
                versions += 1;
                if !squeeze(&e.description).contains(&tag(&p.zh, &v.text.zh)) {
                    problems.push(format!(
                        "calendar, {answers:?}: {} without 【{}】",
                        dl.id, p.zh
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The sets do meet placed materials and placed deadline versions (佛山's 180 days, …).
    assert!(
        materials > 0 && versions > 0,
        "materials {materials}, versions {versions}"
    );
}

fn claim(pairs: &[(&str, &str)]) -> Answers {
    Answers::from_pairs(pairs.iter().copied())
}

fn derived(answers: &Answers) -> (Catalog, Derivation) {
    let catalog = Catalog::bundled().expect("bundled data is valid");
    let d = derive(&catalog, answers, "2025-03-20".parse().unwrap()).expect("derives");
    (catalog, d)
}

const GD_OUTPATIENT: &[(&str, &str)] = &[
    ("scenario", "cross_region"),
    ("region", "guangdong"),
    ("insurance", "employee"),
    ("visit", "outpatient"),
    ("emergency", "no"),
    ("filed", "yes"),
    ("settlement", "manual"),
    ("channel", "window"),
    ("proxy", "no"),
    ("third_party", "no"),
    ("visit_date", "2025-03-10"),
];

/// The Guangdong outpatient claim's summary names 佛山 (its 180 days are the first deadline),
/// in both languages, and so does the essentials sheet.
#[test]
fn guangdong_outpatient_summary_names_foshan() {
    let (catalog, d) = derived(&claim(GD_OUTPATIENT));
    let zh = view_of(&catalog, &d, Lang::Zh);
    let s = zh.summary().expect("summary");
    assert_eq!(s.deadline_date, Some("2025-09-06".parse().unwrap()));
    assert!(
        s.headline.starts_with("【佛山等地】手工报销的申请期限"),
        "{}",
        s.headline
    );
    let en = view_of(&catalog, &d, Lang::En);
    let s = en.summary().expect("summary");
    assert!(s.headline.contains("Foshan"), "{}", s.headline);
    assert!(sheet_text(&zh, false).contains(&squeeze("【佛山等地】手工报销的申请期限")));
}

/// The entries the audit named, each as the sheet now says it.
#[test]
fn audited_entries_are_fixed() {
    // A window claim has no bank-account material; an online one has.
    let mut a = claim(GD_OUTPATIENT);
    let (_, d) = derived(&a);
    assert!(!d.materials.iter().any(|m| &*m.id == "bank_account"));
    a.set("channel", "online");
    let (_, d) = derived(&a);
    assert!(d.materials.iter().any(|m| &*m.id == "bank_account"));

    // Harbin's site is for care at home, not for finding hospitals elsewhere.
    let mut hlj = claim(&[
        ("scenario", "cross_region"),
        ("region", "heilongjiang"),
        ("insurance", "employee"),
        ("visit", "outpatient"),
        ("emergency", "no"),
        ("filed", "yes"),
        ("settlement", "direct"),
        ("third_party", "no"),
    ]);
    let (_, d) = derived(&hlj);
    assert!(!d.steps.iter().any(|s| &*s.id == "hlj_find_hospital"));
    hlj.set("scenario", "local");
    hlj.remove("filed");
    let (catalog, d) = derived(&hlj);
    let text = view_text(&view_of(&catalog, &d, Lang::Zh));
    assert!(text.contains("【哈尔滨】哈尔滨12393医保官网"), "{text}");

    // The emergency claim: 临时备案 and the street service point carry their place; the
    // admission-registration warning says its article and the emergency doubt; no source gives
    // a deadline for filing afterwards, and the sheet says so.
    let (catalog, d) = derived(&common::emergency_claim());
    let v = view_of(&catalog, &d, Lang::Zh);
    let text = view_text(&v);
    for needle in [
        "【上海】急诊属于可以备案的情形：“临时备案（如转诊、急诊）”",
        "一篇讲做手术怎么报销的文章",
        "没有说急诊入院前的急诊费用怎么算",
        "来源未给出补办备案的期限，请尽快联系参保地医保部门",
    ] {
        assert!(text.contains(needle), "missing {needle}:\n{text}");
    }
    let en = view_text(&view_of(&catalog, &d, Lang::En));
    assert!(en.contains("Emergency rescue (急诊抢救)"), "{en}");
    assert!(!en.contains("Emergency treatment elsewhere counts as filed"));

    // A proxy's claim: the street service point is Shanghai's.
    let mut proxy = common::emergency_claim();
    proxy.set("proxy", "yes");
    let (catalog, d) = derived(&proxy);
    let text = view_text(&view_of(&catalog, &d, Lang::Zh));
    assert!(text.contains("【上海参保】街道医保服务点"), "{text}");
    let en = view_text(&view_of(&catalog, &d, Lang::En));
    assert!(!en.contains("collect the payment"), "{en}");

    // An inpatient manual claim: 出院小结 and the 明细清单 note are Shanghai's.
    let (catalog, d) = derived(&common::typical_claim("2025-03-01", "2025-03-10"));
    let v = view_of(&catalog, &d, Lang::Zh);
    let text = view_text(&v);
    assert!(text.contains("【上海】出院小结"), "{text}");
    assert!(
        text.contains("【上海】住院需提供住院医疗费明细清单"),
        "{text}"
    );
    assert!(sheet_text(&v, false).contains(&squeeze("【上海】出院小结")));

    // Who may file: the second version is about care in Shanghai.
    let filing = claim(&[
        ("scenario", "filing"),
        ("region", "national"),
        ("insurance", "employee"),
        ("filing_type", "long_term_resident"),
        ("channel", "online"),
        ("proxy", "no"),
    ]);
    let (catalog, d) = derived(&filing);
    let n = d
        .notices
        .iter()
        .find(|n| &*n.id == "r_who_may_file")
        .expect("r_who_may_file");
    assert!(n.versions.iter().filter(|v| v.scope.is_some()).count() >= 2);
    let text = view_text(&view_of(&catalog, &d, Lang::Zh));
    assert!(text.contains("【在上海就医】"), "{text}");

    // Shenzhen's 6 months: shown whichever side Guangdong is on, with the doubt said.
    for (q, other) in [
        ("region", "treatment_region"),
        ("treatment_region", "region"),
    ] {
        let mut a = filing.clone();
        a.set(q, "guangdong");
        a.set(
            other,
            if other == "region" {
                "national"
            } else {
                "other"
            },
        );
        let (catalog, d) = derived(&a);
        let text = view_text(&view_of(&catalog, &d, Lang::Zh));
        assert!(
            text.contains("【深圳等地】") && text.contains("没有说清深圳是参保地还是就医地"),
            "{q}=guangdong:\n{text}"
        );
    }
}

/// Help texts that state facts cite them; the content test checks the citations.
#[test]
fn fact_help_texts_cite_sources() {
    let catalog = Catalog::bundled().expect("bundled data is valid");
    // The app's own explanations: what a date is used for, and which scheme is which.
    let own = ["filing_date", "submitted_date", "insurance"];
    for q in &catalog.questions {
        if q.help.is_some() && !own.contains(&q.id.as_str()) {
            assert!(
                !q.sources.is_empty(),
                "question {} states facts without sources",
                q.id
            );
        }
    }
    for q in ["invoice_date", "treatment_region"] {
        assert!(!catalog.question(q).unwrap().sources.is_empty(), "{q}");
    }
}

/// The English says what the Chinese says: 零星报销 is an ad-hoc manual claim, not a small one.
#[test]
fn english_terms() {
    for (name, src) in yibao_checklist::catalog::BUNDLED {
        for bad in [
            "small claim",
            "collect the payment",
            "Emergency treatment elsewhere counts",
        ] {
            assert!(!src.contains(bad), "{name} says \"{bad}\"");
        }
    }
}

/// The same region for insurance and treatment cannot be: `derive` exits 2 and says why, in
/// Chinese and under `--lang en` in English, and points to local care.
#[test]
fn same_region_for_insurance_and_treatment_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let args = [
        "-a",
        "scenario=cross_region",
        "-a",
        "region=shanghai",
        "-a",
        "treatment_region=shanghai",
    ];
    let out = common::cli(tmp.path())
        .arg("derive")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("就医地不能和参保地相同") && err.contains("在参保地本地就医"),
        "{err}"
    );
    let out = common::cli(tmp.path())
        .args(["derive", "--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot be your insured region"), "{err}");
    // Another place of treatment is fine.
    let mut other = common::shanghai_claim();
    other.set("treatment_region", "guangdong");
    let out = common::cli(tmp.path())
        .arg("derive")
        .args(common::answer_args(&other))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The wizard refuses the insured region as the place of treatment with the same explanation,
/// under the question, does not move on, and offers 本地就医 instead.
#[test]
fn the_wizard_refuses_the_insured_region_as_the_place_of_treatment() {
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use yibao_checklist::gui::{App, AppConfig};

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .build_eframe(move |cc| {
            App::new(cc, AppConfig::headless(dir, "2025-04-20".parse().unwrap()))
        });
    h.run();
    let click = |h: &mut Harness<'_, App>, role: Role, label: &str| {
        h.get_by_role_and_label(role, label).click_accesskit();
        h.run();
    };
    click(&mut h, Role::Button, "新建");
    for (q, label) in [
        ("scenario", "已在参保地以外就医，要结算或报销"),
        ("region", "上海"),
        ("treatment_region", "上海"),
    ] {
        assert_eq!(h.state().state.wizard.question, q);
        click(&mut h, Role::RadioButton, label);
        click(&mut h, Role::Button, "下一题");
    }
    assert_eq!(
        h.state().state.wizard.question,
        "treatment_region",
        "did not advance"
    );
    assert!(
        h.query_all_by_label_contains("就医地不能和参保地相同")
            .next()
            .is_some(),
        "the explanation is not shown"
    );

    // The offered way out: one click makes it local care, drops the refused answer, keeps the
    // insured region, and goes on at the next open question.
    click(&mut h, Role::Button, "改选：在参保地本地就医，要结算或报销");
    let app = h.state();
    let answers = &app.state.current_case().unwrap().answers;
    assert_eq!(answers.get("scenario"), Some("local"));
    assert_eq!(answers.get("region"), Some("shanghai"));
    assert_eq!(answers.get("treatment_region"), None);
    assert_eq!(app.state.wizard.question, "insurance");
    assert!(app.state.wizard.error.is_none());
}
