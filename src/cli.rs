//! The command line: the same engine as the app, for scripts and batch printing.

use crate::catalog::{
    Catalog, CatalogError, Lang, MaterialGroup, QuestionKind, user_checklists_dir,
};
use crate::engine::{self, Answers, Derivation};
use crate::wording::{span_text, version_date_text};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "yibao-checklist",
    version,
    about = "医保报销材料清单助手: materials, steps and deadlines for medical-insurance claims and 异地就医备案",
    long_about = "With no command, opens the desktop app. Policies differ by region; your local \
                  medical-insurance office (12393) has the final word."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the questions, their options and ids.
    Questions {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value = "zh", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Derive the checklist for a set of answers.
    Derive {
        #[command(flatten)]
        input: AnswerArgs,
        #[arg(long)]
        json: bool,
    },
    /// Validate the bundled data with the user's overrides, or a folder laid out like checklists/.
    Validate { dir: Option<PathBuf> },
    /// Print a checklist to an A4 PDF.
    Export {
        #[command(flatten)]
        input: AnswerArgs,
        /// A saved case, by label (instead of --answer).
        #[arg(long)]
        case: Option<String>,
        #[arg(long)]
        out: PathBuf,
        /// Bigger type for older readers.
        #[arg(long)]
        large: bool,
        /// A blank sheet: no dates, no personal data, empty boxes.
        #[arg(long)]
        blank: bool,
    },
    /// Write one blank sheet per common scenario into a folder (front-desk hand-outs).
    ExportPack {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "zh", value_parser = parse_lang)]
        lang: Lang,
        #[arg(long)]
        large: bool,
    },
}

#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// An answer, `question=option` (repeatable). See `questions` for the ids.
    #[arg(long = "answer", short = 'a', value_name = "QUESTION=OPTION")]
    pub answers: Vec<String>,
    /// A date answer, `question=YYYY-MM-DD` (repeatable).
    #[arg(long = "date", short = 'd', value_name = "QUESTION=YYYY-MM-DD")]
    pub dates: Vec<String>,
    /// The day deadlines are counted against (default: today).
    #[arg(long)]
    pub today: Option<String>,
    #[arg(long, default_value = "zh", value_parser = parse_lang)]
    pub lang: Lang,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language \"{s}\"; use zh or en"))
}

/// An error for the user, and the exit code it maps to.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    /// 2: bad input (unknown question/option, bad date, missing answers); 1: everything else.
    pub code: u8,
}

impl CliError {
    fn input(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 2,
        }
    }
    fn other(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 1,
        }
    }
}

/// Loads the catalog with the user's overrides; broken overrides are reported on stderr.
pub fn load_catalog() -> Catalog {
    let (catalog, errors) = Catalog::load_with_overrides(user_checklists_dir().as_deref());
    if !errors.is_empty() {
        eprintln!("Your override files have errors; the bundled data is used instead:");
        for e in &errors {
            eprintln!("  {e}");
        }
    }
    catalog
}

impl AnswerArgs {
    /// The answers, checked for shape (`q=v`); content is checked by the engine.
    pub fn answers(&self) -> Result<Answers, CliError> {
        let mut answers = Answers::new();
        for raw in self.answers.iter().chain(&self.dates) {
            let (q, v) = raw.split_once('=').ok_or_else(|| {
                CliError::input(format!("\"{raw}\" is not in the form question=value"))
            })?;
            answers.set(q.trim(), v.trim());
        }
        Ok(answers)
    }
    pub fn today(&self) -> Result<NaiveDate, CliError> {
        match &self.today {
            None => Ok(chrono::Local::now().date_naive()),
            Some(s) => engine::parse_date(s).map_err(|e| CliError::input(format!("--today: {e}"))),
        }
    }
}

/// Derives, turning engine errors and missing answers into messages that say what to do.
pub fn derive_checked(
    catalog: &Catalog,
    answers: &Answers,
    today: NaiveDate,
    lang: Lang,
) -> Result<Derivation, CliError> {
    let d = engine::derive(catalog, answers, today).map_err(|e| CliError::input(e.to_string()))?;
    if !d.is_complete() {
        let mut msg = String::from("Still to answer (pass --answer QUESTION=OPTION):\n");
        for id in &d.pending_required {
            if let Some(q) = catalog.question(id) {
                let opts: Vec<String> = q
                    .options
                    .iter()
                    .map(|o| format!("{} ({})", o.id, o.label.get(lang)))
                    .collect();
                let _ = writeln!(
                    msg,
                    "  {}: {}\n    options: {}",
                    q.id,
                    q.prompt.get(lang),
                    opts.join(", ")
                );
            }
        }
        return Err(CliError::input(msg.trim_end()));
    }
    Ok(d)
}

pub fn run(cli: Cli) -> ExitCode {
    let Some(command) = cli.command else {
        return ExitCode::SUCCESS;
    };
    match execute(command) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}", e.message);
            ExitCode::from(e.code)
        }
    }
}

/// Runs one command and returns what it prints.
pub fn execute(command: Command) -> Result<String, CliError> {
    match command {
        Command::Questions { json, lang } => {
            let catalog = load_catalog();
            if json {
                Ok(serde_json::to_string_pretty(&catalog.questions).expect("serializable") + "\n")
            } else {
                Ok(questions_text(&catalog, lang))
            }
        }
        Command::Derive { input, json } => {
            let catalog = load_catalog();
            let answers = input.answers()?;
            let d = derive_checked(&catalog, &answers, input.today()?, input.lang)?;
            if json {
                Ok(serde_json::to_string_pretty(&d).expect("serializable") + "\n")
            } else {
                Ok(derivation_text(&d, input.lang))
            }
        }
        Command::Validate { dir } => validate(dir),
        Command::Export { .. } | Command::ExportPack { .. } => crate::cli_export::execute(command),
    }
}

fn validate(dir: Option<PathBuf>) -> Result<String, CliError> {
    let (what, result) = match &dir {
        Some(d) => (d.display().to_string(), Catalog::from_dir(d)),
        None => {
            let overrides = user_checklists_dir()
                .filter(|d| d.is_dir())
                .map(|d| crate::catalog::read_override_files(&d))
                .transpose()
                .map_err(|e| CliError::other(e.to_string()))?
                .unwrap_or_default();
            let base = crate::catalog::BUNDLED
                .iter()
                .map(|(n, s)| (n.to_string(), s.to_string()));
            (
                "bundled data and overrides".to_string(),
                Catalog::from_sources(base, overrides),
            )
        }
    };
    let report = |errors: Vec<CatalogError>| {
        let mut s = format!("{} error(s) in {what}:\n", errors.len());
        for e in errors {
            let _ = writeln!(s, "  {e}");
        }
        CliError::other(s.trim_end())
    };
    let catalog = result.map_err(report)?;
    let reach = crate::engine::check_reachability(&catalog);
    let errors = reach.errors();
    if !errors.is_empty() {
        return Err(report(errors));
    }
    Ok(format!(
        "ok: {what}: {} questions, {} materials, {} steps, {} deadlines, {} notices, {} regions; {} answer sets checked\n",
        catalog.questions.len(),
        catalog.materials.len(),
        catalog.steps.len(),
        catalog.deadlines.len(),
        catalog.notices.len(),
        catalog.regions.len(),
        reach.answer_sets
    ))
}

pub fn questions_text(catalog: &Catalog, lang: Lang) -> String {
    let mut s = String::new();
    for q in &catalog.questions {
        let kind = match q.kind {
            QuestionKind::Choice => "",
            QuestionKind::Date => " (YYYY-MM-DD)",
        };
        let _ = writeln!(s, "{}{kind}: {}", q.id, q.prompt.get(lang));
        for o in &q.options {
            let _ = writeln!(s, "    {} = {}", o.id, o.label.get(lang));
        }
    }
    s
}

fn cites(list: &[crate::catalog::Cite]) -> String {
    format!("[{}]", list.join("; "))
}

/// The readable text form of a checklist.
pub fn derivation_text(d: &Derivation, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        lang.pick("医保报销材料清单", "Medical-insurance checklist")
    );
    for a in &d.answers {
        let _ = writeln!(
            s,
            "  {}: {}",
            a.question_label.get(lang),
            a.value_label.get(lang)
        );
    }
    for (q, v) in &d.unused {
        let _ = writeln!(
            s,
            "  ({} {q}={v})",
            lang.pick("未使用的回答:", "unused answer:")
        );
    }
    let warnings: Vec<_> = d.warnings().collect();
    if !warnings.is_empty() {
        let _ = writeln!(s, "\n== {} ==", lang.pick("注意", "Warnings"));
        for n in warnings {
            notice_text(&mut s, n, lang);
        }
    }
    let _ = writeln!(s, "\n== {} ==", lang.pick("材料", "Materials"));
    for g in MaterialGroup::ALL {
        let items: Vec<_> = d.materials_in(g).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(s, "-- {} --", g.label().get(lang));
        for m in items {
            let count = m.count.map(|c| format!(" ×{c}")).unwrap_or_default();
            let _ = writeln!(
                s,
                "[ ] {} ({}{count})",
                m.name.get(lang),
                m.form.label().get(lang)
            );
            for f in &m.format {
                let _ = writeln!(
                    s,
                    "      {}: {}",
                    lang.pick("要求", "format"),
                    f.text.get(lang)
                );
            }
            for f in &m.obtain {
                let _ = writeln!(
                    s,
                    "      {}: {}",
                    lang.pick("获取", "where"),
                    f.text.get(lang)
                );
            }
            for f in &m.alternatives {
                let _ = writeln!(
                    s,
                    "      {}: {}",
                    lang.pick("替代", "instead"),
                    f.text.get(lang)
                );
            }
            let why: Vec<String> = m
                .reasons
                .iter()
                .map(|r| format!("{}={}", r.question_label.get(lang), r.value_label.get(lang)))
                .collect();
            let _ = writeln!(
                s,
                "      {}: {}{}",
                lang.pick("原因", "why"),
                m.why.get(lang),
                if why.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", why.join(", "))
                }
            );
            let _ = writeln!(s, "      {}", cites(&m.sources));
        }
    }
    let _ = writeln!(s, "\n== {} ==", lang.pick("步骤", "Steps"));
    for st in &d.steps {
        let _ = writeln!(s, "{}. {}", st.number, st.title.get(lang));
        if let Some(detail) = &st.detail {
            let _ = writeln!(s, "   {}", detail.get(lang));
        }
        if !st.channels.is_empty() {
            let ch: Vec<String> = st
                .channels
                .iter()
                .map(|c| match &c.contact {
                    Some(x) => format!("{} {x}", c.name.get(lang)),
                    None => c.name.get(lang).to_string(),
                })
                .collect();
            let _ = writeln!(s, "   {}: {}", lang.pick("渠道", "channels"), ch.join("、"));
        }
        let _ = writeln!(s, "   {}", cites(&st.sources));
    }
    if !d.deadlines.is_empty() {
        let _ = writeln!(
            s,
            "\n== {} ==",
            lang.pick("期限与时间", "Deadlines and times")
        );
        for dl in &d.deadlines {
            let conflict = if dl.conflict {
                lang.pick("（来源说法不一）", " (sources disagree)")
            } else {
                ""
            };
            let _ = writeln!(s, "* {}{conflict}", dl.label.get(lang));
            for (i, v) in dl.versions.iter().enumerate() {
                let mark = if dl.safest == Some(i) && dl.conflict {
                    if dl.kind.is_limit() {
                        lang.pick(" ← 最稳妥（最早）", " ← safest (earliest)")
                    } else {
                        lang.pick(" ← 按最晚估计", " ← plan on the latest")
                    }
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "  - {} · {}: {}{mark}",
                    span_text(v.span, v.span_max, lang),
                    v.text.get(lang),
                    version_date_text(v, lang)
                );
                if let Some(a) = &v.assumption {
                    let _ = writeln!(s, "    {}", a.get(lang));
                }
                if let Some(c) = &v.consequence {
                    let _ = writeln!(s, "    {}: {}", lang.pick("逾期", "if missed"), c.get(lang));
                }
                let _ = writeln!(s, "    {}", cites(&v.sources));
            }
        }
    }
    let others: Vec<_> = d
        .notices
        .iter()
        .filter(|n| n.kind != crate::catalog::NoticeKind::Warning)
        .collect();
    if !others.is_empty() {
        let _ = writeln!(s, "\n== {} ==", lang.pick("规则与提示", "Rules and tips"));
        for n in others {
            notice_text(&mut s, n, lang);
        }
    }
    if let Some(r) = &d.region {
        let _ = writeln!(
            s,
            "\n{}: {} {}",
            lang.pick("参保地", "Insured region"),
            r.name.get(lang),
            r.hotlines.join(" ")
        );
    }
    let _ = writeln!(s, "\n== {} ==", lang.pick("来源", "Sources"));
    for src in &d.sources {
        let _ = writeln!(s, "[{}] {}", src.id, src.title);
    }
    let _ = writeln!(s, "\n{}", d.disclaimer.get(lang));
    s
}

fn notice_text(s: &mut String, n: &engine::DerivedNotice, lang: Lang) {
    let conflict = if n.conflict {
        lang.pick("（来源说法不一）", " (sources disagree)")
    } else {
        ""
    };
    let _ = writeln!(s, "! {}{conflict}", n.title.get(lang));
    for v in &n.versions {
        let _ = writeln!(s, "  - {} {}", v.text.get(lang), cites(&v.sources));
    }
}
