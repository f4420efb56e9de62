//! The submission package (cover + one page per photo), parsed back with lopdf, and the
//! `photo-check` / `submission` commands.

use crate::common;

use crate::common::synth::{self, Defect};
use lopdf::{Document, Object};
use std::path::{Path, PathBuf};
use yibao_checklist::catalog::{Catalog, Lang, MaterialGroup};
use yibao_checklist::engine::{self, Answers, Derivation};
use yibao_checklist::pdf::submission::{self, Placement, SubmissionFile, SubmissionOptions};

const ANSWERS: &[(&str, &str)] = &[
    ("scenario", "cross_region"),
    ("region", "national"),
    ("insurance", "employee"),
    ("visit", "inpatient"),
    ("emergency", "no"),
    ("filed", "yes"),
    ("settlement", "manual"),
    ("channel", "online"),
    ("proxy", "no"),
    ("third_party", "no"),
    ("special_drugs", "no"),
    ("discharge_date", "2026-10-10"),
];

fn derivation() -> Derivation {
    let catalog = Catalog::bundled().expect("bundled data loads");
    let d = engine::derive(
        &catalog,
        &Answers::from_pairs(ANSWERS.iter().copied()),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    )
    .unwrap();
    assert!(d.is_complete(), "{:?}", d.pending_required);
    d
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pages_text(bytes: &[u8]) -> (Document, Vec<String>) {
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    let n = doc.get_pages().len() as u32;
    let pages = (1..=n)
        .map(|p| squeeze(&doc.extract_text(&[p]).expect("text extracts")))
        .collect();
    (doc, pages)
}

/// Widths of the embedded images.
fn image_widths(doc: &Document) -> Vec<i64> {
    doc.objects
        .values()
        .filter_map(|o| match o {
            Object::Stream(s)
                if s.dict.get(b"Subtype").ok().and_then(|v| v.as_name().ok()) == Some(b"Image") =>
            {
                s.dict.get(b"Width").ok().and_then(|w| w.as_i64().ok())
            }
            _ => None,
        })
        .collect()
}

fn jpeg(seed: u64, defect: Defect, scale: f32) -> Vec<u8> {
    synth::jpeg(&synth::render_scaled(seed, defect, scale), 85)
}

/// Every word the package adds around the data is in the package's language: in Chinese no
/// ASCII word is left once the file names and format names are set aside; in English no Chinese
/// beyond the case's label, the file names and the source terms the data quotes in brackets.
#[test]
fn the_package_speaks_one_language() {
    let d = derivation();
    let files = vec![
        SubmissionFile {
            material: "diagnosis_cert".into(),
            name: "诊断证明.jpg".into(),
            bytes: jpeg(3, Defect::Blur, 1.0),
        },
        SubmissionFile {
            material: "itemized_bill".into(),
            name: "清单.pdf".into(),
            bytes: b"%PDF-1.4\n%%EOF\n".to_vec(),
        },
        SubmissionFile {
            material: "invoice".into(),
            name: "发票.jpg".into(),
            bytes: b"\xFF\xD8\xFFnot really a jpeg".to_vec(),
        },
        SubmissionFile {
            material: "not_on_the_list".into(),
            name: "其他.jpg".into(),
            bytes: jpeg(5, Defect::None, 1.0),
        },
    ];
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for lang in [Lang::Zh, Lang::En] {
        let options = SubmissionOptions {
            lang,
            label: Some("妈妈住院".into()),
            printed_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 1),
        };
        let out = submission::render(&d, &files, &options).expect("renders");
        assert!(matches!(out.placements[2], Placement::Unreadable(_)));
        let doc = Document::load_mem(&out.pdf).unwrap();
        let n = doc.get_pages().len() as u32;
        let text = doc.extract_text(&(1..=n).collect::<Vec<_>>()).unwrap();
        match lang {
            Lang::Zh => {
                let rest = ["jpg", "pdf", "PDF", "JPEG", "PNG"]
                    .iter()
                    .fold(text.clone(), |t, w| t.replace(w, ""));
                assert!(!rest.chars().any(|c| c.is_ascii_alphabetic()), "{text}");
                assert!(
                    text.contains("建议重拍") && text.contains("另行上传"),
                    "{text}"
                );
            }
            Lang::En => {
                let rest = ["妈妈住院", "诊断证明", "清单", "发票", "其他"]
                    .iter()
                    .fold(text.clone(), |t, w| t.replace(w, ""));
                // Quoted source terms stand in brackets: "Itemised bill (费用明细清单)".
                let outside: String = rest
                    .split('(')
                    .map(|part| part.rsplit(')').next().unwrap_or(""))
                    .collect();
                assert!(!outside.chars().any(han), "{text}");
                assert!(text.contains("consider retaking"), "{text}");
            }
        }
    }
}

#[test]
fn the_cover_lists_attached_and_missing_materials_and_each_photo_has_a_page() {
    let d = derivation();
    let files = vec![
        SubmissionFile {
            material: "invoice".into(),
            name: "发票正面.jpg".into(),
            bytes: jpeg(2, Defect::None, 1.6),
        },
        SubmissionFile {
            material: "diagnosis_cert".into(),
            name: "诊断证明.jpg".into(),
            bytes: jpeg(3, Defect::Blur, 1.0),
        },
        SubmissionFile {
            material: "invoice".into(),
            name: "发票背面.jpg".into(),
            bytes: jpeg(4, Defect::None, 1.0),
        },
        SubmissionFile {
            material: "itemized_bill".into(),
            name: "清单.pdf".into(),
            bytes: b"%PDF-1.4\n%%EOF\n".to_vec(),
        },
    ];
    let options = SubmissionOptions {
        lang: Lang::Zh,
        label: Some("妈妈住院2026".into()),
        printed_on: None,
    };
    let out = submission::render(&d, &files, &options).expect("renders");
    let (doc, pages) = pages_text(&out.pdf);
    assert_eq!(pages.len(), out.pages);
    let photos = 3;
    let cover = pages.len() - photos;
    assert!(cover >= 1);
    let cover_text: String = pages[..cover].concat();

    // Every required material, in checklist order; attached ones with their pages.
    let mut last = 0;
    let order: Vec<_> = MaterialGroup::ALL
        .iter()
        .flat_map(|g| d.materials_in(*g))
        .collect();
    for m in &order {
        let name = squeeze(m.name.get(Lang::Zh));
        let at = cover_text[last..]
            .find(&name)
            .unwrap_or_else(|| panic!("{name} missing or out of order on the cover"));
        last += at + name.len();
    }
    let missing = order.len() - 3;
    assert_eq!(
        cover_text.matches("缺").count(),
        missing + 1,
        "{cover_text}"
    ); // + the summary line
    assert!(
        cover_text.contains(&format!("已附3项，缺{missing}项")),
        "{cover_text}"
    );
    // The invoice comes before the diagnosis certificate in the checklist? Then its pages are first.
    let page_of = |p: &Placement| match p {
        Placement::Page(n) => *n,
        other => panic!("{other:?}"),
    };
    let (inv1, cert, inv2) = (
        page_of(&out.placements[0]),
        page_of(&out.placements[1]),
        page_of(&out.placements[2]),
    );
    assert_eq!(inv2, inv1 + 1, "a material's photos are together");
    assert!(
        cover_text.contains(&format!("已附·第{inv1}、{inv2}页")),
        "{cover_text}"
    );
    assert!(
        cover_text.contains(&format!("已附·第{cert}页")),
        "{cover_text}"
    );
    assert_eq!(out.placements[3], Placement::SeparatePdf);
    assert!(cover_text.contains("清单.pdf是PDF文件"), "{cover_text}");
    // The blurred photo is flagged on the cover.
    assert!(
        cover_text.contains(&format!("注意第{cert}页（诊断证明.jpg）：模糊")),
        "{cover_text}"
    );

    // One page per photo with the material's and the case's name.
    let invoice = squeeze(
        order
            .iter()
            .find(|m| m.id == "invoice")
            .unwrap()
            .name
            .get(Lang::Zh),
    );
    for n in [inv1, inv2] {
        assert!(pages[n - 1].contains(&invoice), "{}", pages[n - 1]);
        assert!(pages[n - 1].contains("妈妈住院2026"));
    }
    assert!(pages[inv1 - 1].contains("第1/2张"));
    // Downsampled to about 200 dpi: a 2048-px photo becomes at most ~1400 px wide.
    let widths = image_widths(&doc);
    assert_eq!(widths.len(), photos, "{widths:?}");
    assert!(widths.iter().all(|w| *w <= 1400), "{widths:?}");
    assert!(out.pdf.len() < 3 * 700_000, "{} bytes", out.pdf.len());
}

use common::cli;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn submission_command() {
    let tmp = tempfile::tempdir().unwrap();
    let good = write(tmp.path(), "good.jpg", &jpeg(6, Defect::None, 1.0));
    let out = tmp.path().join("提交.pdf");
    let mut cmd = cli(tmp.path());
    cmd.arg("submission");
    for (q, v) in ANSWERS {
        cmd.args(["-a", &format!("{q}={v}")]);
    }
    cmd.args(["--today", "2026-11-01", "--attach"])
        .arg(format!("invoice={}", good.display()))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let (_, pages) = pages_text(&std::fs::read(&out).unwrap());
    assert!(pages[0].contains("提交材料包") && pages[0].contains("已附·第2页"));
    assert_eq!(pages.len(), 2);

    // A material that is not on this checklist, and a file that is not a photo: exit 2.
    let mut cmd = cli(tmp.path());
    cmd.arg("submission");
    for (q, v) in ANSWERS {
        cmd.args(["-a", &format!("{q}={v}")]);
    }
    cmd.arg("--attach")
        .arg(format!("no_such_thing={}", good.display()))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invoice"));
    let txt = write(tmp.path(), "notes.txt", b"hello");
    let mut cmd = cli(tmp.path());
    cmd.arg("submission");
    for (q, v) in ANSWERS {
        cmd.args(["-a", &format!("{q}={v}")]);
    }
    cmd.arg("--attach")
        .arg(format!("invoice={}", txt.display()))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("notes.txt"));
}

#[test]
fn submission_of_a_saved_case_includes_its_attachments() {
    use yibao_checklist::cases::{Case, Store};
    let tmp = tempfile::tempdir().unwrap();
    let photo = write(tmp.path(), "IMG_1.jpg", &jpeg(8, Defect::None, 1.0));
    {
        let (store, _) = Store::open(&tmp.path().join("cases")).unwrap();
        let mut case = Case::new("爸爸住院");
        case.answers = Answers::from_pairs(ANSWERS.iter().copied());
        store.attach(&mut case, "invoice", &photo).unwrap();
        store.save(&case).unwrap();
    }
    let out = tmp.path().join("p.pdf");
    cli(tmp.path())
        .args(["submission", "--case", "爸爸住院", "--lang", "en", "--out"])
        .arg(&out)
        .assert()
        .success();
    let (_, pages) = pages_text(&std::fs::read(&out).unwrap());
    assert_eq!(pages.len(), 2);
    assert!(pages[0].contains("attached·page2"), "{}", pages[0]);
    assert!(pages[1].contains("爸爸住院") && pages[1].contains("IMG_1.jpg"));
}

#[test]
fn photo_check_command() {
    let tmp = tempfile::tempdir().unwrap();
    // A real scan (tests/photos/real/MANIFEST.md): the generator's photos are drawn soft.
    let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/photos/real/good-ocrmypdf-huckfinn-scan.jpg");
    let good = write(tmp.path(), "good.jpg", &std::fs::read(&real).unwrap());
    let (w, h) = image::image_dimensions(&real).unwrap();
    let blur = write(tmp.path(), "blur.jpg", &jpeg(11, Defect::Blur, 1.0));
    let pdf = write(tmp.path(), "scan.pdf", b"%PDF-1.4\n%%EOF\n");
    let assert = cli(tmp.path())
        .arg("photo-check")
        .arg("--json")
        .args([&good, &blur, &pdf])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["width"], w);
    assert_eq!(list[0]["height"], h);
    assert_eq!(list[0]["problems"].as_array().unwrap().len(), 0);
    let problems = list[1]["problems"].as_array().unwrap();
    assert_eq!(problems[0]["kind"], "blur");
    let msg = problems[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("清晰四角拍摄，无反光") && msg.contains("004"),
        "{msg}"
    );
    assert_eq!(list[2]["checked"], false);
    assert!(list[2]["width"].is_null());

    // English, plain text.
    cli(tmp.path())
        .args(["photo-check", "--lang", "en"])
        .arg(&blur)
        .assert()
        .success()
        .stdout(predicates::str::contains("[blur]").and(predicates::str::contains("Retake")));

    // An unreadable file: exit 2, named; the others are still reported.
    let txt = write(tmp.path(), "notes.txt", b"not a photo");
    cli(tmp.path())
        .arg("photo-check")
        .args([&good, &txt])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("notes.txt"))
        .stdout(predicates::str::contains("good.jpg"));
}

use predicates::prelude::PredicateBooleanExt;
