//! The `export` and `export-pack` commands (PDF printing from the command line).

use super::{AnswerArgs, CliError, Command, derive_checked, load_catalog};
use crate::cases::{Case, Store};
use crate::catalog::{Catalog, Lang, QuestionKind};
use crate::engine::Answers;
use crate::pdf::{self, SheetOptions};
use chrono::NaiveDate;
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn input_err(message: impl Into<String>) -> CliError {
    CliError {
        message: message.into(),
        code: 2,
    }
}

fn other_err(message: impl Into<String>) -> CliError {
    CliError {
        message: message.into(),
        code: 1,
    }
}

pub fn execute(command: Command) -> Result<String, CliError> {
    match command {
        Command::Export {
            input,
            case,
            out,
            large,
            blank,
            full,
        } => export(&input, case.as_deref(), &out, large, blank, full),
        Command::ExportPack {
            out,
            lang,
            large,
            full,
        } => {
            let catalog = load_catalog(lang);
            let today = chrono::Local::now().date_naive();
            let written = export_pack(&catalog, &out, lang, large, full, today)?;
            Ok(written
                .iter()
                .map(|p| format!("{}\n", p.display()))
                .collect())
        }
        _ => Err(other_err("not an export command")),
    }
}

fn export(
    input: &AnswerArgs,
    case: Option<&str>,
    out: &Path,
    large: bool,
    blank: bool,
    full: bool,
) -> Result<String, CliError> {
    let catalog = load_catalog(input.lang);
    let today = input.today()?;
    let mut options = SheetOptions {
        lang: input.lang,
        large,
        blank,
        full,
        printed_on: Some(today),
        ..Default::default()
    };
    let answers = match case {
        Some(label) => {
            if !input.answers.is_empty() || !input.dates.is_empty() {
                return Err(input_err(
                    "--case cannot be combined with --answer or --date: the saved case has its own answers",
                ));
            }
            let case = find_case(label)?;
            if !blank {
                options.label = Some(case.label.clone());
                options.ticks = case
                    .items
                    .iter()
                    .map(|(id, s)| (id.clone(), s.done))
                    .collect();
            }
            case.answers
        }
        None => input.answers()?,
    };
    let derivation = derive_checked(&catalog, &answers, today, input.lang)?;
    let bytes =
        pdf::render(&catalog, &derivation, &options).map_err(|e| other_err(e.to_string()))?;
    write_atomically(out, &bytes)?;
    Ok(format!("{}\n", out.display()))
}

/// The saved case with this label: exact match first, then ignoring case.
fn find_case(label: &str) -> Result<Case, CliError> {
    let dir = Store::default_dir().ok_or_else(|| {
        other_err("cannot find the data folder for saved cases (set YIBAO_CHECKLIST_DATA_DIR)")
    })?;
    let (_store, report) = Store::open(&dir).map_err(|e| {
        other_err(format!(
            "cannot open the saved cases in {}: {e}",
            dir.display()
        ))
    })?;
    pick_case(report.cases, label, &dir)
}

fn pick_case(cases: Vec<Case>, label: &str, dir: &Path) -> Result<Case, CliError> {
    let label = label.trim();
    if let Some(i) = cases.iter().position(|c| c.label.trim() == label) {
        return Ok(cases.into_iter().nth(i).expect("found"));
    }
    let wanted = label.to_lowercase();
    let matching: Vec<usize> = cases
        .iter()
        .enumerate()
        .filter(|(_, c)| c.label.trim().to_lowercase() == wanted)
        .map(|(i, _)| i)
        .collect();
    if let [i] = matching[..] {
        return Ok(cases.into_iter().nth(i).expect("found"));
    }
    let mut labels: Vec<&str> = cases.iter().map(|c| c.label.as_str()).collect();
    labels.sort();
    let message = if matching.len() > 1 {
        let names: Vec<String> = matching
            .iter()
            .map(|&i| format!("\"{}\"", cases[i].label))
            .collect();
        format!(
            "more than one saved case is called \"{label}\" (ignoring case): {}; give the exact label",
            names.join(", ")
        )
    } else if labels.is_empty() {
        format!(
            "no saved case is called \"{label}\": there are no saved cases in {}",
            dir.display()
        )
    } else {
        let names: Vec<String> = labels.iter().map(|l| format!("\"{l}\"")).collect();
        format!(
            "no saved case is called \"{label}\". Saved cases: {}",
            names.join(", ")
        )
    };
    Err(input_err(message))
}

/// Writes through a temporary file in the target folder, then renames it into place: a failed
/// export never leaves half a file behind.
pub fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let shown = out.display();
    if out.file_name().is_none() {
        return Err(other_err(format!(
            "cannot write {shown}: give a file name such as checklist.pdf"
        )));
    }
    if out.is_dir() {
        return Err(other_err(format!(
            "cannot write {shown}: it is a folder; give a file name such as {}",
            out.join("checklist.pdf").display()
        )));
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(other_err(format!(
            "cannot write {shown}: the folder {} does not exist",
            parent.display()
        )));
    }
    let fail = |e: std::io::Error| other_err(format!("cannot write {shown}: {e}"));
    let mut tmp = tempfile::Builder::new()
        .prefix(".yibao-export-")
        .suffix(".tmp")
        .tempfile_in(&parent)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    #[cfg(unix)]
    {
        // Temporary files are private (0600); a printed sheet is an ordinary document.
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(out).map_err(|e| fail(e.error))?;
    Ok(())
}

/// One common situation on the front-desk pack.
pub struct PackScenario {
    pub zh: &'static str,
    pub en: &'static str,
    pub answers: &'static [(&'static str, &'static str)],
}

/// The front-desk hand-outs: filing by type, cross-region care by visit and settlement, an
/// emergency without filing, and local care by settlement and channel.
pub const PACK: &[PackScenario] = &[
    PackScenario {
        zh: "异地就医备案-临时外出就医",
        en: "filing-temporary-trip",
        answers: &[("scenario", "filing"), ("filing_type", "temporary")],
    },
    PackScenario {
        zh: "异地就医备案-异地长期居住",
        en: "filing-long-term-resident",
        answers: &[
            ("scenario", "filing"),
            ("filing_type", "long_term_resident"),
        ],
    },
    PackScenario {
        zh: "异地就医备案-常驻异地工作",
        en: "filing-posted-worker",
        answers: &[("scenario", "filing"), ("filing_type", "resident_worker")],
    },
    PackScenario {
        zh: "异地就医备案-异地安置退休人员",
        en: "filing-retiree",
        answers: &[("scenario", "filing"), ("filing_type", "retiree")],
    },
    PackScenario {
        zh: "异地就医备案-转诊就医",
        en: "filing-referral",
        answers: &[("scenario", "filing"), ("filing_type", "referral")],
    },
    PackScenario {
        zh: "异地住院-直接结算",
        en: "cross-region-inpatient-direct",
        answers: &[
            ("scenario", "cross_region"),
            ("visit", "inpatient"),
            ("filed", "yes"),
            ("settlement", "direct"),
        ],
    },
    PackScenario {
        zh: "异地住院-手工报销",
        en: "cross-region-inpatient-manual",
        answers: &[
            ("scenario", "cross_region"),
            ("visit", "inpatient"),
            ("filed", "yes"),
            ("settlement", "manual"),
        ],
    },
    PackScenario {
        zh: "异地门诊-直接结算",
        en: "cross-region-outpatient-direct",
        answers: &[
            ("scenario", "cross_region"),
            ("visit", "outpatient"),
            ("filed", "yes"),
            ("settlement", "direct"),
        ],
    },
    PackScenario {
        zh: "异地门诊-手工报销",
        en: "cross-region-outpatient-manual",
        answers: &[
            ("scenario", "cross_region"),
            ("visit", "outpatient"),
            ("filed", "yes"),
            ("settlement", "manual"),
        ],
    },
    PackScenario {
        zh: "异地急诊-未备案-手工报销",
        en: "cross-region-emergency-not-filed",
        answers: &[
            ("scenario", "cross_region"),
            ("visit", "inpatient"),
            ("emergency", "yes"),
            ("filed", "no"),
            ("settlement", "manual"),
        ],
    },
    PackScenario {
        zh: "本地住院-直接结算",
        en: "local-inpatient-direct",
        answers: &[
            ("scenario", "local"),
            ("visit", "inpatient"),
            ("settlement", "direct"),
        ],
    },
    PackScenario {
        zh: "本地门诊-直接结算",
        en: "local-outpatient-direct",
        answers: &[
            ("scenario", "local"),
            ("visit", "outpatient"),
            ("settlement", "direct"),
        ],
    },
    PackScenario {
        zh: "本地手工报销-线上办理",
        en: "local-manual-online",
        answers: &[
            ("scenario", "local"),
            ("visit", "inpatient"),
            ("settlement", "manual"),
            ("channel", "online"),
        ],
    },
    PackScenario {
        zh: "本地手工报销-窗口办理",
        en: "local-manual-window",
        answers: &[
            ("scenario", "local"),
            ("visit", "inpatient"),
            ("settlement", "manual"),
            ("channel", "window"),
        ],
    },
    PackScenario {
        zh: "本地手工报销-邮寄材料",
        en: "local-manual-mail",
        answers: &[
            ("scenario", "local"),
            ("visit", "inpatient"),
            ("settlement", "manual"),
            ("channel", "mail"),
        ],
    },
    PackScenario {
        zh: "本地手工报销-单位代办",
        en: "local-manual-employer",
        answers: &[
            ("scenario", "local"),
            ("visit", "inpatient"),
            ("settlement", "manual"),
            ("channel", "employer"),
        ],
    },
];

/// Yes/no questions whose common answer is "yes" (everything else defaults to "no").
const COMMONLY_YES: &[&str] = &["filed"];

/// The scenario's answers, with every other asked choice question filled in: "no" for yes/no
/// questions (the common case), else the first option.
pub fn pack_answers(catalog: &Catalog, scenario: &PackScenario) -> Answers {
    let mut answers = Answers::from_pairs(scenario.answers.iter().copied());
    for q in &catalog.questions {
        if q.kind != QuestionKind::Choice
            || answers.is_answered(&q.id)
            || !q.ask_when.eval(&answers)
        {
            continue;
        }
        let ids: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
        let yes_no = ids.len() == 2 && ids.contains(&"yes") && ids.contains(&"no");
        let pick = if yes_no {
            Some(if COMMONLY_YES.contains(&q.id.as_str()) {
                "yes"
            } else {
                "no"
            })
        } else {
            ids.first().copied()
        };
        if let Some(v) = pick {
            answers.set(q.id.clone(), v);
        }
    }
    answers
}

/// The file name of a pack sheet: `01-异地就医备案-临时外出就医.pdf` or `01-filing-temporary-trip.pdf`.
pub fn pack_file_name(i: usize, scenario: &PackScenario, lang: Lang) -> String {
    let name = match lang {
        Lang::Zh => scenario.zh,
        Lang::En => scenario.en,
    };
    format!("{:02}-{name}.pdf", i + 1)
}

/// Writes one blank sheet per common scenario into `dir` (created if missing).
pub fn export_pack(
    catalog: &Catalog,
    dir: &Path,
    lang: Lang,
    large: bool,
    full: bool,
    today: NaiveDate,
) -> Result<Vec<PathBuf>, CliError> {
    if dir.exists() && !dir.is_dir() {
        return Err(other_err(format!(
            "cannot write into {}: it is a file, not a folder",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| other_err(format!("cannot create the folder {}: {e}", dir.display())))?;
    let options = SheetOptions {
        lang,
        large,
        full,
        blank: true,
        printed_on: None,
        ..Default::default()
    };
    // Render on two threads (the sheets are independent); write in order.
    let jobs: Vec<(usize, &PackScenario)> = PACK.iter().enumerate().collect();
    let render_one = |&(i, s): &(usize, &PackScenario)| -> Result<(PathBuf, Vec<u8>), CliError> {
        let answers = pack_answers(catalog, s);
        let d = derive_checked(catalog, &answers, today, lang).map_err(|e| {
            other_err(format!(
                "sheet \"{}\": {}",
                pack_file_name(i, s, lang),
                e.message
            ))
        })?;
        let bytes = pdf::render(catalog, &d, &options).map_err(|e| other_err(e.to_string()))?;
        Ok((dir.join(pack_file_name(i, s, lang)), bytes))
    };
    let (first, second) = jobs.split_at(jobs.len() / 2);
    let (a, b) = std::thread::scope(|scope| {
        let h = scope.spawn(|| second.iter().map(render_one).collect::<Vec<_>>());
        let a: Vec<_> = first.iter().map(render_one).collect();
        (a, h.join().expect("render thread"))
    });
    let mut written = Vec::new();
    for r in a.into_iter().chain(b) {
        let (path, bytes) = r?;
        write_atomically(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(label: &str) -> Case {
        Case {
            schema: crate::cases::SCHEMA_VERSION,
            id: label.to_lowercase(),
            label: label.into(),
            created: String::new(),
            updated: String::new(),
            answers: Answers::new(),
            items: Default::default(),
        }
    }

    #[test]
    fn cases_match_exactly_then_ignoring_case() {
        let dir = Path::new("/tmp");
        let cases = vec![case("Mum"), case("mum"), case("Dad")];
        assert_eq!(pick_case(cases.clone(), "mum", dir).unwrap().id, "mum");
        assert_eq!(pick_case(cases.clone(), "DAD", dir).unwrap().label, "Dad");
        let err = pick_case(cases.clone(), "MUM", dir).unwrap_err();
        assert!(err.message.contains("more than one"), "{}", err.message);
        let err = pick_case(cases, "Gran", dir).unwrap_err();
        assert_eq!(err.code, 2);
        assert!(
            err.message.contains("\"Dad\"") && err.message.contains("\"Mum\""),
            "{}",
            err.message
        );
    }

    #[test]
    fn pack_names_are_unique_and_numbered() {
        for lang in [Lang::Zh, Lang::En] {
            let mut names: Vec<String> = PACK
                .iter()
                .enumerate()
                .map(|(i, s)| pack_file_name(i, s, lang))
                .collect();
            assert!(names[0].starts_with("01-"));
            names.sort();
            names.dedup();
            assert_eq!(names.len(), PACK.len());
        }
    }
}
