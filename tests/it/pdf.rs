//! The printed sheet: parsed back with lopdf (text through the fonts' ToUnicode maps), and the
//! `export` / `export-pack` commands.

use crate::common;

use chrono::NaiveDate;
use lopdf::{Document, Object};
use std::collections::BTreeMap;
use yibao_checklist::cases::ItemState;
use yibao_checklist::catalog::{Catalog, Lang};
use yibao_checklist::engine::{self, Answers, Derivation};
use yibao_checklist::pdf::{self, PdfError};

// ------------------------------------------------------------------ fixtures

const QUESTIONS: &str = include_str!("../../checklists/questions.ron");

/// A small but complete catalog (sources, channels, every material group, steps, conflicting
/// deadlines, notices), independent of the data being written in checklists/.
const FIXTURE: &str = r#"(
    sources: [
        (id: "t1", title: "出院职工医保报销手续办理流程", file: "t1.txt", date: "2025-04-18"),
        (id: "t2", title: "跨市异地就医备案网上办理流程", file: "t2.txt", date: "2025-03-31"),
        (id: "t3", title: "如何申请网上报销医保", file: "t3.txt"),
    ],
    channels: [
        (id: "t_window", name: (zh: "参保地医保经办窗口", en: "Insurance office window"), sources: ["t1"]),
        (id: "t_hotline", name: (zh: "医保服务热线", en: "Insurance hotline"), contact: "12393", sources: ["t1"]),
        (id: "t_app", name: (zh: "国家医保服务平台APP", en: "National insurance app"), sources: ["t2"]),
    ],
    materials: [
        (
            id: "t_id_card", group: identity, when: Always,
            name: (zh: "参保人有效身份证件", en: "Insured person's ID card"),
            why: (zh: "核实参保人身份。", en: "Proves who the insured person is."),
            forms: [(form: original_and_copy, count: 1, sources: ["t1"])],
            format: [(text: (zh: "复印件需正反面复印在同一张A4纸上。", en: "Copy both sides on one A4 sheet."), sources: ["t1"])],
            obtain: [(text: (zh: "本人身份证；未成年人可用户口簿。", en: "Your ID card; children may use the household register."), sources: ["t1"])],
            sources: ["t1"],
        ),
        (
            id: "t_card", group: identity, when: Always,
            name: (zh: "医保卡（社保卡）", en: "Insurance card"),
            why: (zh: "用于核对参保信息和结算。", en: "Used to check the insurance record."),
            forms: [(form: original, sources: ["t1"])],
            sources: ["t1"],
        ),
        (
            id: "t_proxy_id", group: identity, when: Is("proxy", "yes"),
            name: (zh: "代办人身份证", en: "Proxy's ID card"),
            why: (zh: "委托他人代办时需要。", en: "Needed when someone acts for you."),
            forms: [(form: original_and_copy, sources: ["t1"])],
            sources: ["t1"],
        ),
        (
            id: "t_discharge", group: medical_records, when: Is("visit", "inpatient"),
            name: (zh: "出院小结（出院记录）", en: "Discharge summary"),
            why: (zh: "证明住院经过和诊断。", en: "Shows the stay and the diagnosis."),
            forms: [(form: copy, count: 1, sources: ["t1"])],
            obtain: [(text: (zh: "出院时向主管医生索取，或到医院病案室复印并加盖医院公章。", en: "Ask the doctor at discharge, or copy it at the records office with the hospital's stamp."), sources: ["t1"])],
            sources: ["t1"],
        ),
        (
            id: "t_diagnosis", group: medical_records, when: Not(Is("scenario", "filing")),
            name: (zh: "诊断证明书", en: "Diagnosis certificate"),
            why: (zh: "证明所患疾病。", en: "States the illness."),
            forms: [(form: original, sources: ["t1"])],
            sources: ["t1"],
        ),
        (
            id: "t_emergency", group: medical_records, when: Is("emergency", "yes"),
            name: (zh: "急诊证明或急诊病历", en: "Emergency certificate or record"),
            why: (zh: "急诊未备案时证明属于急诊。", en: "Proves the emergency when you had not filed."),
            sources: ["t2"],
        ),
        (
            id: "t_invoice", group: bills, when: Is("settlement", "manual"),
            name: (zh: "医疗费用发票（收据）", en: "Medical invoices (receipts)"),
            why: (zh: "报销金额以发票为准。", en: "The claim is paid on the invoices."),
            forms: [(form: original, sources: ["t1"])],
            format: [(text: (zh: "须加盖医院财务专用章，不得涂改。", en: "Must carry the hospital's finance stamp, unaltered."), sources: ["t1"])],
            alternatives: [(text: (zh: "发票遗失的，可凭医院出具的发票复印件并加盖公章。", en: "If lost: a stamped copy from the hospital."), sources: ["t3"])],
            sources: ["t1"],
        ),
        (
            id: "t_itemized", group: bills, when: Is("settlement", "manual"),
            name: (zh: "费用明细清单", en: "Itemised bill"),
            why: (zh: "列明每项费用，审核时使用。", en: "Lists every charge for the review."),
            sources: ["t1"],
        ),
        (
            id: "t_claim_form", group: forms, when: Always,
            name: (zh: "医疗费用报销申请表", en: "Claim form"),
            why: (zh: "申请报销的正式表格。", en: "The formal application."),
            forms: [(form: original, count: 1, sources: ["t3"])],
            obtain: [(text: (zh: "到经办窗口领取，或在网上下载打印。", en: "At the window, or print it from the website."), sources: ["t3"])],
            sources: ["t3"],
        ),
        (
            id: "t_bank", group: proof, when: Is("settlement", "manual"),
            name: (zh: "本人银行卡（存折）复印件", en: "Copy of your bank card"),
            why: (zh: "报销款打入此账户。", en: "The money is paid into this account."),
            forms: [(form: copy, sources: ["t1"])],
            sources: ["t1"],
        ),
        (
            id: "t_accident", group: proof, when: Is("third_party", "yes"),
            name: (zh: "交通事故责任认定书", en: "Traffic accident liability report"),
            why: (zh: "涉及第三方责任时需要。", en: "Needed when a third party is liable."),
            sources: ["t1"],
        ),
    ],
    steps: [
        (id: "t_prepare", order: 1, when: Always, title: (zh: "按清单备齐材料", en: "Gather the materials"),
         detail: (zh: "复印件一律使用A4纸。", en: "Copies on A4 paper."), sources: ["t1"]),
        (id: "t_submit", order: 2, when: Always, title: (zh: "提交申请", en: "Hand in the claim"),
         channels: ["t_window", "t_app"], sources: ["t1", "t2"]),
        (id: "t_wait", order: 3, when: Always, title: (zh: "等待审核，留意短信通知", en: "Wait for the review"),
         channels: ["t_hotline"], sources: ["t3"]),
    ],
    deadlines: [
        (
            id: "t_claim", kind: claim_deadline, when: Not(Is("scenario", "filing")),
            label: (zh: "报销申请期限", en: "Claim deadline"),
            versions: [
                (span: Months(3), from: ["discharge_date", "visit_date"], text: (zh: "出院后3个月内提交", en: "within 3 months of discharge"),
                 consequence: (zh: "逾期可能不予受理。", en: "Late claims may be refused."), sources: ["t1"]),
                (span: Months(6), from: ["discharge_date", "visit_date"], text: (zh: "部分地区为6个月内", en: "6 months in some regions"), sources: ["t3"]),
            ],
        ),
        (
            id: "t_review", kind: processing_time, when: Not(Is("scenario", "filing")),
            label: (zh: "审核时间", en: "Review time"),
            versions: [
                (span: WorkingDays(20), from: ["discharge_date"], text: (zh: "一般20个工作日", en: "usually 20 working days"), sources: ["t1"]),
            ],
        ),
    ],
    notices: [
        (id: "t_warn_invoice", kind: warning, when: Always, title: (zh: "发票原件务必保存好", en: "Keep the original invoices"),
         versions: [(text: (zh: "发票原件遗失将无法报销，请勿交给他人保管。", en: "Without the original invoices there is no claim."), sources: ["t1"])]),
        (id: "t_rule_ratio", kind: rule, when: Always, title: (zh: "报销比例按参保地政策执行", en: "The insured region's ratios apply"),
         versions: [(text: (zh: "异地就医执行就医地目录、参保地待遇。", en: "Care-region catalogue, insured-region benefits."), sources: ["t2"])]),
        (id: "t_tip_copies", kind: tip, when: Always, title: (zh: "多备一份复印件", en: "Bring a spare copy"),
         versions: [(text: (zh: "窗口常要求留存复印件。", en: "Windows often keep a copy."), sources: ["t3"])]),
    ],
)"#;

fn fixture_catalog(extra: Option<String>) -> Catalog {
    let mut files = vec![
        // The questions without their help texts' citations: the fixture has its own sources.
        (
            "questions.ron".to_string(),
            QUESTIONS
                .lines()
                .filter(|l| !l.trim_start().starts_with("sources:"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ("fixture.ron".to_string(), FIXTURE.to_string()),
    ];
    if let Some(e) = extra {
        files.push(("extra.ron".to_string(), e));
    }
    Catalog::from_sources(files, []).unwrap_or_else(|e| panic!("fixture catalog: {e:#?}"))
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn inpatient_manual() -> Answers {
    Answers::from_pairs([
        ("scenario", "cross_region"),
        ("region", "national"),
        ("insurance", "employee"),
        ("visit", "inpatient"),
        ("emergency", "no"),
        ("filed", "yes"),
        ("settlement", "manual"),
        ("channel", "window"),
        ("proxy", "no"),
        ("third_party", "no"),
        ("admission_date", "2026-10-01"),
        ("discharge_date", "2026-10-10"),
    ])
}

fn derive(catalog: &Catalog, answers: &Answers) -> Derivation {
    let d = engine::derive(catalog, answers, today()).expect("derives");
    assert!(d.is_complete(), "pending: {:?}", d.pending_required);
    d
}

/// What a test sheet shows (the view's inputs) and how it is printed.
#[derive(Clone, Default)]
struct SheetOptions {
    lang: Lang,
    large: bool,
    label: Option<String>,
    blank: bool,
    ticks: BTreeMap<String, bool>,
    full: bool,
}

/// Builds the view, as the app and the command line do, and renders it. A blank sheet drops the
/// label (no personal data), as `export --blank` does.
fn render(catalog: &Catalog, d: &Derivation, o: &SheetOptions) -> Result<Vec<u8>, PdfError> {
    let items: BTreeMap<String, ItemState> = o
        .ticks
        .iter()
        .map(|(id, done)| {
            let state = ItemState {
                done: *done,
                ..Default::default()
            };
            (id.clone(), state)
        })
        .collect();
    let v = yibao_checklist::view::build(
        catalog,
        d,
        &yibao_checklist::view::ViewInput {
            lang: o.lang,
            label: o.label.as_deref().filter(|_| !o.blank),
            items: Some(&items),
            blank: o.blank,
        },
    );
    let options = pdf::SheetOptions {
        large: o.large,
        full: o.full,
    };
    pdf::render_view(&v, &options)
}

/// The full sheet: every detail, version, rule and source.
fn options() -> SheetOptions {
    SheetOptions {
        lang: Lang::Zh,
        full: true,
        ..Default::default()
    }
}

/// A catalog with `n` extra materials that always apply, named 第NN号测试材料….
fn many_materials(n: usize) -> (String, Vec<String>) {
    let groups = ["identity", "medical_records", "bills", "forms", "proof"];
    let tails = [
        "住院费用明细",
        "诊断证明书复印件",
        "银行卡",
        "检查报告单及化验单",
        "转诊证明和相关病历资料原件",
        "申请表",
    ];
    let mut names = Vec::new();
    let mut ron = String::from("(materials: [\n");
    for i in 0..n {
        let name = format!("第{:02}号测试材料{}", i + 1, tails[i % tails.len()]);
        ron.push_str(&format!(
            "(id: \"many_{i}\", group: {}, when: Always, name: (zh: \"{name}\", en: \"Test material {:02}\"), \
             why: (zh: \"用于测试分页，这一句说明为什么需要这份材料。\", en: \"For the page-flow test: why this is needed.\"), \
             format: [(text: (zh: \"复印件使用A4纸，字迹清楚。\", en: \"Copies on A4, legible.\"), sources: [\"t1\"])], \
             sources: [\"t1\"]),\n",
            groups[i % groups.len()],
            i + 1
        ));
        names.push(name);
    }
    ron.push_str("])");
    (ron, names)
}

// ------------------------------------------------------------------ reading the PDF back

struct Parsed {
    doc: Document,
    /// Text per page, through the ToUnicode maps, without any whitespace (lines may wrap
    /// inside a name).
    pages: Vec<String>,
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// With `PDF_TEST_DUMP=DIR`, the test sheets are also written there for a look.
fn dump(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("PDF_TEST_DUMP") {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(std::path::Path::new(&dir).join(name), bytes);
    }
}

fn parse(bytes: &[u8]) -> Parsed {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    let n = doc.get_pages().len() as u32;
    let pages = (1..=n)
        .map(|p| squeeze(&doc.extract_text(&[p]).expect("text extracts")))
        .collect();
    Parsed { doc, pages }
}

impl Parsed {
    fn all(&self) -> String {
        self.pages.concat()
    }
    fn contains(&self, s: &str) -> bool {
        self.all().contains(&squeeze(s))
    }
}

fn media_box(doc: &Document, page: lopdf::ObjectId) -> Vec<f32> {
    let mut id = page;
    loop {
        let dict = doc.get_dictionary(id).unwrap();
        if let Ok(mb) = dict.get(b"MediaBox") {
            let arr = match mb {
                Object::Reference(r) => doc.get_object(*r).unwrap().as_array().unwrap().clone(),
                o => o.as_array().unwrap().clone(),
            };
            return arr.iter().map(|o| o.as_float().unwrap()).collect();
        }
        id = dict
            .get(b"Parent")
            .and_then(Object::as_reference)
            .expect("MediaBox on the page or a parent");
    }
}

fn has_embedded_font(doc: &Document) -> bool {
    doc.objects.values().any(|o| {
        let dict = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => return false,
        };
        dict.get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"FontDescriptor")
            && (dict.has(b"FontFile3") || dict.has(b"FontFile2") || dict.has(b"FontFile"))
    })
}

// ------------------------------------------------------------------ the sheet

#[test]
fn the_sheet_is_a4_with_the_font_embedded() {
    let catalog = fixture_catalog(None);
    let bytes = render(&catalog, &derive(&catalog, &inpatient_manual()), &options()).unwrap();
    let p = parse(&bytes);
    assert!(!p.pages.is_empty());
    for (_, id) in p.doc.get_pages() {
        let mb = media_box(&p.doc, id);
        let (w, h) = (mb[2] - mb[0], mb[3] - mb[1]);
        assert!(
            (w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5,
            "page is {w}×{h} pt, not A4"
        );
    }
    assert!(has_embedded_font(&p.doc), "no embedded font file");
    assert!(bytes.len() < 300_000, "{} bytes", bytes.len());
}

#[test]
fn materials_steps_deadline_dates_and_warnings_are_searchable_text() {
    let catalog = fixture_catalog(None);
    let d = derive(&catalog, &inpatient_manual());
    let bytes = render(&catalog, &d, &options()).unwrap();
    dump("fixture.pdf", &bytes);
    let p = parse(&bytes);
    assert!(p.contains("医保报销材料清单"), "title: {}", p.all());
    assert!(d.materials.len() >= 8, "fixture derives its materials");
    for m in &d.materials {
        assert!(
            p.contains(&m.name.zh),
            "material {} missing from: {}",
            m.name.zh,
            p.all()
        );
    }
    for g in yibao_checklist::catalog::MaterialGroup::ALL {
        if d.materials_in(g).next().is_some() {
            let label = yibao_checklist::view::strings::group_label(Lang::Zh, g);
            assert!(p.contains(label), "group {label}");
        }
    }
    let mut dates = 0;
    for dl in &d.deadlines {
        assert!(p.contains(&dl.label.zh));
        for v in &dl.versions {
            if let Some(date) = v.date {
                assert!(
                    p.contains(&date.to_string()),
                    "deadline date {date} missing"
                );
                dates += 1;
            }
        }
    }
    assert_eq!(
        dates, 3,
        "both claim versions and the review date are dated"
    );
    // Both conflicting versions, the safest marked, days left.
    assert!(
        p.contains("2027-01-10") && p.contains("2027-04-10"),
        "{}",
        p.all()
    );
    assert!(p.contains("最稳妥"));
    assert!(p.contains("还剩49天"), "days left: {}", p.all());
    for s in &d.steps {
        assert!(p.contains(&s.title.zh), "step {}", s.title.zh);
    }
    assert!(
        p.contains("医保服务热线（12393）"),
        "channel with its number"
    );
    assert!(p.contains("发票原件务必保存好"), "warning");
    assert!(p.contains("办理事项"), "answers printed");
    assert!(
        p.contains("已在参保地以外就医，要结算或报销"),
        "answer label"
    );
    assert!(p.contains("2026-11-22"), "printed date");
    assert!(p.contains(&d.disclaimer.zh), "disclaimer");
    assert!(p.contains("出院职工医保报销手续办理流程"), "sources listed");
    assert!(p.contains("数据版本"));
}

#[test]
fn the_bundled_data_prints_every_required_material_and_deadline_date() {
    let catalog = Catalog::bundled().expect("bundled data");
    let mut answers = inpatient_manual();
    answers.set("proxy", "yes");
    let d = derive(&catalog, &answers);
    assert!(
        !d.materials.is_empty() && !d.deadlines.is_empty(),
        "the typical case has materials and deadlines"
    );
    let bytes = render(&catalog, &d, &options()).unwrap();
    dump("bundled.pdf", &bytes);
    let p = parse(&bytes);
    for m in &d.materials {
        assert!(p.contains(&m.name.zh), "material {} missing", m.name.zh);
    }
    for s in &d.steps {
        assert!(p.contains(&s.title.zh), "step {} missing", s.title.zh);
    }
    let mut dated = 0;
    for dl in &d.deadlines {
        for v in &dl.versions {
            for date in v.date.iter().chain(&v.date_max) {
                assert!(
                    p.contains(&date.to_string()),
                    "{}: date {date} missing",
                    dl.label.zh
                );
                dated += 1;
            }
        }
    }
    assert!(dated > 0, "the discharge date gives dated deadlines");
    for w in d.warnings() {
        assert!(p.contains(&w.title.zh), "warning {}", w.title.zh);
    }
    assert!(p.contains(&d.data_version));
    assert!(bytes.len() < 300_000, "{} bytes", bytes.len());
}

#[test]
fn the_disclaimer_and_page_numbers_are_on_every_page() {
    let (extra, _) = many_materials(60);
    let catalog = fixture_catalog(Some(extra));
    let d = derive(&catalog, &inpatient_manual());
    let p = parse(&render(&catalog, &d, &options()).unwrap());
    let n = p.pages.len();
    for (i, page) in p.pages.iter().enumerate() {
        assert!(
            page.contains(&squeeze("政策因地区而异，以当地医保部门为准")),
            "page {} has no disclaimer",
            i + 1
        );
        assert!(
            page.contains(&squeeze(&format!("第 {} / {n} 页", i + 1))),
            "page {} of {n}: {page}",
            i + 1
        );
    }
}

#[test]
fn sixty_materials_flow_over_several_pages_without_losing_any() {
    let (extra, names) = many_materials(60);
    let catalog = fixture_catalog(Some(extra));
    let d = derive(&catalog, &inpatient_manual());
    assert!(d.materials.len() >= 60);
    let bytes = render(&catalog, &d, &options()).unwrap();
    dump("sixty.pdf", &bytes);
    let p = parse(&bytes);
    assert!(
        p.pages.len() >= 3,
        "60 materials on {} page(s)",
        p.pages.len()
    );
    for name in &names {
        // Each name whole on exactly one page: a row is never cut at a page end.
        let on: Vec<usize> = (0..p.pages.len())
            .filter(|&i| p.pages[i].contains(name.as_str()))
            .collect();
        assert_eq!(on.len(), 1, "{name} found on pages {on:?}");
    }
    for m in &d.materials {
        assert!(p.contains(&m.name.zh), "{}", m.name.zh);
    }
    let bytes = render(
        &catalog,
        &d,
        &SheetOptions {
            lang: Lang::En,
            ..options()
        },
    )
    .unwrap();
    dump("sixty-en.pdf", &bytes);
    let en = parse(&bytes);
    let n = en.pages.len();
    assert!(en.pages[n - 1].contains(&squeeze(&format!("Page {n} of {n}"))));
    assert!(en.contains("Test material 60"));
}

#[test]
fn the_large_variant_needs_more_pages() {
    let (extra, _) = many_materials(30);
    let catalog = fixture_catalog(Some(extra));
    let d = derive(&catalog, &inpatient_manual());
    let normal = parse(&render(&catalog, &d, &options()).unwrap());
    let bytes = render(
        &catalog,
        &d,
        &SheetOptions {
            large: true,
            ..options()
        },
    )
    .unwrap();
    dump("thirty-large.pdf", &bytes);
    let large = parse(&bytes);
    assert!(
        large.pages.len() > normal.pages.len(),
        "large {} vs normal {}",
        large.pages.len(),
        normal.pages.len()
    );
    for m in &d.materials {
        assert!(large.contains(&m.name.zh));
    }
}

#[test]
fn a_blank_sheet_has_no_dates_from_the_answers() {
    let catalog = fixture_catalog(None);
    let d = derive(&catalog, &inpatient_manual());
    let mut dates: Vec<String> = vec![
        "2026-10-01".into(),
        "2026-10-10".into(),
        "2026-11-22".into(),
    ];
    for dl in &d.deadlines {
        for v in &dl.versions {
            dates.extend(v.date.iter().chain(&v.date_max).map(|x| x.to_string()));
        }
    }
    let filled = parse(&render(&catalog, &d, &options()).unwrap());
    assert!(
        filled.contains("2026-10-10"),
        "the filled sheet shows the discharge date"
    );
    let opts = SheetOptions {
        blank: true,
        label: Some("张三".into()),
        ..options()
    };
    let bytes = render(&catalog, &d, &opts).unwrap();
    dump("fixture-blank.pdf", &bytes);
    let blank = parse(&bytes);
    for x in &dates {
        assert!(!blank.contains(x), "blank sheet shows {x}");
    }
    assert!(!blank.contains("还剩"), "no days left");
    assert!(!blank.contains("张三"), "no personal data");
    // The rule itself is still there.
    assert!(blank.contains("3个月—出院后3个月内提交"), "{}", blank.all());
    for m in &d.materials {
        assert!(blank.contains(&m.name.zh));
    }
}

#[test]
fn ticks_and_labels_are_printed() {
    let catalog = fixture_catalog(None);
    let d = derive(&catalog, &inpatient_manual());
    let ticks: BTreeMap<String, bool> = [("t_id_card".to_string(), true)].into();
    let plain = render(&catalog, &d, &options()).unwrap();
    let ticked = render(
        &catalog,
        &d,
        &SheetOptions {
            ticks,
            label: Some("妈妈住院报销".into()),
            ..options()
        },
    )
    .unwrap();
    assert_ne!(plain, ticked);
    assert!(parse(&ticked).contains("妈妈住院报销"));
}

#[test]
fn rendering_is_fast_and_small() {
    let catalog = fixture_catalog(None);
    let d = derive(&catalog, &inpatient_manual());
    let _ = render(&catalog, &d, &options()).unwrap(); // font parsed once
    let t = std::time::Instant::now();
    let bytes = render(&catalog, &d, &options()).unwrap();
    let ms = t.elapsed().as_millis();
    // Generous for unoptimised test builds; the bench measures the release build.
    assert!(ms < 2_000, "{ms} ms");
    assert!(bytes.len() < 300_000, "{} bytes", bytes.len());
}

// ------------------------------------------------------------------ the command line

use common::cli;

const CLI_ANSWERS: &[&str] = &[
    "-a",
    "scenario=cross_region",
    "-a",
    "region=national",
    "-a",
    "insurance=employee",
    "-a",
    "visit=inpatient",
    "-a",
    "emergency=no",
    "-a",
    "filed=yes",
    "-a",
    "settlement=manual",
    "-a",
    "channel=window",
    "-a",
    "proxy=no",
    "-a",
    "third_party=no",
    "-d",
    "discharge_date=2026-10-10",
    "--today",
    "2026-11-22",
];

#[test]
fn export_writes_a_pdf_and_prints_its_path() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("清单.pdf");
    let assert = cli(tmp.path())
        .arg("export")
        .args(CLI_ANSWERS)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains(&out.display().to_string()), "{stdout}");
    let p = parse(&std::fs::read(&out).unwrap());
    assert!(p.contains("医保报销材料清单"));
    assert!(p.contains("已在参保地以外就医，要结算或报销"));
    // Nothing else left in the folder (the temporary file was renamed into place).
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn export_in_english_large_and_blank() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sheet.pdf");
    cli(tmp.path())
        .arg("export")
        .args(CLI_ANSWERS)
        .args(["--lang", "en", "--large", "--blank"])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let p = parse(&std::fs::read(&out).unwrap());
    assert!(p.contains("Medical-insurance checklist"));
    assert!(!p.contains("2026-10-10"));
    assert!(!p.contains("2026-11-22"));
}

#[test]
fn export_to_a_missing_folder_fails_clearly_and_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("no-such-folder").join("x.pdf");
    cli(tmp.path())
        .arg("export")
        .args(CLI_ANSWERS)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("无法写入").and(predicates::str::contains("不存在")));
    assert!(!out.exists());
    // Under a regular file: not a folder either.
    let file = tmp.path().join("plain.txt");
    std::fs::write(&file, "x").unwrap();
    cli(tmp.path())
        .arg("export")
        .args(CLI_ANSWERS)
        .arg("--out")
        .arg(file.join("x.pdf"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("无法写入"));
    // A folder as the target.
    cli(tmp.path())
        .arg("export")
        .args(CLI_ANSWERS)
        .arg("--out")
        .arg(tmp.path())
        .args(["--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("is a folder"));
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn export_with_missing_answers_names_the_questions() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("x.pdf");
    cli(tmp.path())
        .args(["export", "-a", "scenario=cross_region", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("region").and(predicates::str::contains("visit")));
    assert!(!out.exists());
}

#[test]
fn export_pack_writes_one_sheet_per_scenario() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pack").join("zh");
    let assert = cli(tmp.path())
        .arg("export-pack")
        .arg("--out")
        .arg(&dir)
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let catalog = Catalog::bundled().unwrap();
    assert_eq!(files.len(), catalog.quick_sheets.len());
    assert_eq!(stdout.lines().count(), files.len(), "{stdout}");
    assert!(
        files[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("01-本地手工报销-窗口办理"),
        "{files:?}"
    );
    for f in &files {
        assert!(stdout.contains(&f.display().to_string()));
        let p = parse(&std::fs::read(f).unwrap());
        assert!(p.contains("医保报销材料清单"));
        assert!(p.contains("姓名"), "blank sheets have a name line");
    }
    let en = tmp.path().join("en");
    cli(tmp.path())
        .args(["export-pack", "--lang", "en", "--large", "--out"])
        .arg(&en)
        .assert()
        .success();
    assert!(en.join("01-local-manual-window.pdf").is_file());
}

/// A quick sheet answers only what defines it (the rest stays open, see quick_sheets.rs) and
/// still gives a complete checklist: no required question is left to ask.
#[test]
fn quick_sheets_leave_the_rest_open_and_derive_complete_checklists() {
    let catalog = Catalog::bundled().unwrap();
    for (i, s) in catalog.quick_sheets.iter().enumerate() {
        let a = engine::quick_given(s);
        assert_eq!(a.0.len(), s.answers.len(), "nothing added to {}", s.id);
        let d = engine::derive_open(&catalog, &a, today()).unwrap();
        assert!(
            d.is_complete(),
            "scenario {i} leaves {:?}",
            d.pending_required
        );
    }
}

#[test]
fn export_of_an_unknown_case_names_the_saved_ones() {
    use yibao_checklist::cases::{Case, SCHEMA_VERSION, Store};
    let tmp = tempfile::tempdir().unwrap();
    {
        let (store, _) = Store::open(&tmp.path().join("cases")).expect("store opens");
        for (id, label) in [("c1", "妈妈住院"), ("c2", "Dad outpatient")] {
            let case = Case {
                schema: SCHEMA_VERSION,
                id: id.into(),
                label: label.into(),
                created: "2026-11-01T10:00:00+08:00".into(),
                updated: "2026-11-01T10:00:00+08:00".into(),
                answers: inpatient_manual(),
                items: [("t_id_card".to_string(), Default::default())].into(),
                status: Default::default(),
            };
            store.save(&case).expect("case saved");
        }
    }
    let out = tmp.path().join("x.pdf");
    cli(tmp.path())
        .args(["export", "--case", "爸爸", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(
            predicates::str::contains("妈妈住院").and(predicates::str::contains("Dad outpatient")),
        );
    assert!(!out.exists());
    // Case-insensitive match, then the case's own answers and label.
    cli(tmp.path())
        .args([
            "export",
            "--case",
            "dad OUTPATIENT",
            "--today",
            "2026-11-22",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let p = parse(&std::fs::read(&out).unwrap());
    assert!(p.contains("Dad outpatient"));
    assert!(p.contains("2026-10-10"), "the case's discharge date");
}

#[test]
fn the_essentials_sheet_of_a_typical_claim_fits_on_two_pages() {
    let catalog = Catalog::bundled().expect("bundled data");
    let d = derive(&catalog, &common::typical_claim("2026-10-01", "2026-10-10"));
    for lang in [Lang::Zh, Lang::En] {
        let essentials = SheetOptions {
            lang,
            ..Default::default()
        };
        let bytes = render(&catalog, &d, &essentials).unwrap();
        dump(&format!("typical-essentials-{lang:?}.pdf"), &bytes);
        let p = parse(&bytes);
        assert!(p.pages.len() <= 2, "{lang:?}: {} pages", p.pages.len());
        let v = yibao_checklist::view::build(
            &catalog,
            &d,
            &yibao_checklist::view::ViewInput {
                lang,
                ..Default::default()
            },
        );
        let summary = v.summary().unwrap();
        // The summary opens page 1, with the next deadline.
        assert!(p.pages[0].contains(&squeeze(&v.sections[0].title)));
        assert!(
            p.pages[0].contains(&squeeze(&summary.headline)),
            "{}",
            p.pages[0]
        );
        // Every material, by name.
        for m in &d.materials {
            assert!(
                p.contains(m.name.get(lang)),
                "{lang:?}: {}",
                m.name.get(lang)
            );
        }
        let full = parse(
            &render(
                &catalog,
                &d,
                &SheetOptions {
                    full: true,
                    ..essentials.clone()
                },
            )
            .unwrap(),
        );
        assert!(full.pages.len() > p.pages.len());
    }
}

#[test]
fn the_full_sheet_prints_every_version_of_every_notice_and_deadline() {
    let catalog = Catalog::bundled().expect("bundled data");
    let d = derive(&catalog, &common::typical_claim("2026-10-01", "2026-10-10"));
    let bytes = render(&catalog, &d, &options()).unwrap();
    dump("typical-full.pdf", &bytes);
    let p = parse(&bytes);
    for n in &d.notices {
        for v in &n.versions {
            assert!(p.contains(&v.text.zh), "{}: {}", n.id, v.text.zh);
        }
    }
    for dl in &d.deadlines {
        for v in &dl.versions {
            assert!(p.contains(&v.text.zh), "{}: {}", dl.id, v.text.zh);
        }
    }
    for s in &d.sources {
        assert!(p.contains(&s.title), "source {}", s.title);
    }
}
