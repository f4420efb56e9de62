//! Answer sets shared by the regression artefacts and the screen's section test.
#![allow(dead_code)]

pub mod synth;

use yibao_checklist::catalog::Catalog;
use yibao_checklist::engine::{Answers, enumerate_answer_sets};

pub const AXES: &[&str] = &[
    "scenario",
    "visit",
    "emergency",
    "filed",
    "settlement",
    "channel",
    "filing_type",
    "treatment_region",
];

/// Fixed dates so every artefact shows real deadline dates.
pub const DATES: &[(&str, &str)] = &[
    ("filing_date", "2026-01-05"),
    ("admission_date", "2026-01-02"),
    ("discharge_date", "2026-01-10"),
    ("visit_date", "2026-01-10"),
    ("invoice_date", "2026-01-10"),
    ("submitted_date", "2026-01-12"),
];

pub fn with_dates(catalog: &Catalog, answers: &Answers) -> Answers {
    let mut a = answers.clone();
    for (q, d) in DATES {
        if catalog.question(q).is_some_and(|q| q.ask_when.eval(&a)) {
            a.set(*q, *d);
        }
    }
    a
}

/// Every reachable combination of the main questions, with the fixed dates.
pub fn artefact_sets(catalog: &Catalog) -> Vec<Answers> {
    enumerate_answer_sets(catalog, Some(AXES))
        .iter()
        .map(|a| with_dates(catalog, a))
        .collect()
}

/// The claim the issues name: cross-region, emergency, inpatient, not filed, manual at a window,
/// by a proxy, admitted and discharged on these days.
pub fn typical_claim(admission: &str, discharge: &str) -> Answers {
    let mut a = Answers::new();
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
        ("admission_date", admission),
        ("discharge_date", discharge),
    ] {
        a.set(q, v);
    }
    a
}

/// A manual claim of someone insured in Shanghai, treated elsewhere, discharged 2026-01-10.
pub fn shanghai_claim() -> Answers {
    Answers::from_pairs([
        ("scenario", "cross_region"),
        ("region", "shanghai"),
        ("treatment_region", "other"),
        ("insurance", "employee"),
        ("visit", "inpatient"),
        ("emergency", "no"),
        ("filed", "no"),
        ("settlement", "manual"),
        ("channel", "window"),
        ("proxy", "no"),
        ("third_party", "no"),
        ("admission_date", "2026-01-02"),
        ("discharge_date", "2026-01-10"),
    ])
}

/// The typical claim's questions without its dates, the patient going in person (no proxy):
/// command-line tests add the dates they need.
pub fn emergency_claim() -> Answers {
    let mut a = typical_claim("", "");
    a.remove("admission_date");
    a.remove("discharge_date");
    a.set("proxy", "no");
    a
}

/// Answers as command-line arguments: `-d q=v` for a date, `-a q=v` for the rest.
pub fn answer_args(answers: &Answers) -> Vec<String> {
    answers
        .0
        .iter()
        .flat_map(|(q, v)| {
            let flag = if q.ends_with("_date") { "-d" } else { "-a" };
            [flag.to_string(), format!("{q}={v}")]
        })
        .collect()
}

/// The command line with its own data folder (never the developer's cases or overrides).
pub fn cli(data: &std::path::Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("yibao-checklist").unwrap();
    c.env("YIBAO_CHECKLIST_DATA_DIR", data);
    c
}

/// The bundled hand-off code tables (`checklists/handoff.ron`).
pub fn code_tables() -> Vec<yibao_checklist::catalog::CodeTable> {
    yibao_checklist::catalog::Catalog::bundled()
        .expect("bundled data is valid")
        .handoff
}
pub mod generate;

/// An overrides folder where the app looks for one: `checklists/` in a data folder of its own.
pub struct Overrides(tempfile::TempDir, std::path::PathBuf);

impl Overrides {
    pub fn new() -> Overrides {
        let data = tempfile::tempdir().unwrap();
        let dir = data.path().join("checklists");
        std::fs::create_dir(&dir).unwrap();
        Overrides(data, dir)
    }
    pub fn path(&self) -> &std::path::Path {
        &self.1
    }
}

/// What the app and the command line load with the overrides in `dir` (a data folder's
/// `checklists/`): `Catalog::load_user_data`.
pub fn load(
    dir: &std::path::Path,
) -> (
    yibao_checklist::catalog::Catalog,
    Vec<yibao_checklist::catalog::CatalogError>,
) {
    yibao_checklist::catalog::Catalog::load_user_data(Some(dir.parent().unwrap()))
}
