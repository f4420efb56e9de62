//! The command line: the same engine and the same view as the app, for scripts and batch
//! printing. Messages follow `--lang` (Chinese by default).

mod args;
mod calendar;
mod cases;
mod data;
mod export;
mod photo;
mod recheck;
pub mod text;
mod transfer;

pub use args::{lang_of, parse as parse_args};
pub use export::{PackOptions, export_pack, pack_file_name};

use crate::catalog::{Catalog, CatalogError, Lang, QuestionKind, user_checklists_dir};
use crate::engine::{self, Answers, Derivation};
use crate::view::{self, strings};
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
        #[arg(long, default_value = "zh", value_parser = lang_parser())]
        lang: Lang,
    },
    /// Derive the checklist for a set of answers.
    Derive {
        #[command(flatten)]
        input: AnswerArgs,
        #[arg(long)]
        json: bool,
        /// Short plain text for a chat message: summary, materials, next deadline, code.
        #[arg(long, conflicts_with = "json")]
        message: bool,
    },
    /// Validate the bundled data with the user's overrides, or a folder laid out like checklists/.
    Validate {
        dir: Option<PathBuf>,
        #[arg(long, default_value = "zh", value_parser = lang_parser())]
        lang: Lang,
    },
    /// Print a checklist to an A4 PDF.
    Export {
        #[command(flatten)]
        input: AnswerArgs,
        /// A saved case, by label (instead of --answer).
        #[arg(long)]
        case: Option<String>,
        /// A common situation by id (see `quick`): a blank front-desk sheet.
        #[arg(long)]
        quick: Option<String>,
        /// The patient's name on a quick sheet.
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        out: PathBuf,
        /// Bigger type for older readers.
        #[arg(long)]
        large: bool,
        /// A blank sheet: no dates, no personal data, empty boxes.
        #[arg(long)]
        blank: bool,
        /// Everything: every version, rule, tip and source (default: the essentials).
        #[arg(long)]
        full: bool,
        /// Replace an existing file at --out even if it is not a PDF.
        #[arg(long)]
        force: bool,
    },
    /// Move corrupt saved cases aside and restore their backups (reading commands never do).
    Repair {
        #[arg(long, default_value = "zh", value_parser = lang_parser())]
        lang: Lang,
    },
    /// Print a checklist on a printer: CUPS (`lp`) on Linux and macOS, the shell's print verb
    /// on Windows. Exits 0 once the print service has accepted the job.
    Print {
        #[command(flatten)]
        input: AnswerArgs,
        /// A saved case, by label (instead of --answer).
        #[arg(long)]
        case: Option<String>,
        /// A common situation by id (see `quick`): a blank front-desk sheet.
        #[arg(long)]
        quick: Option<String>,
        /// The patient's name on a quick sheet.
        #[arg(long)]
        name: Option<String>,
        /// The print queue (default: the system's default printer).
        #[arg(long)]
        printer: Option<String>,
        #[arg(long)]
        large: bool,
        #[arg(long)]
        full: bool,
    },
    /// List the common situations (front-desk quick sheets) and their ids.
    Quick {
        #[arg(long, default_value = "zh", value_parser = lang_parser())]
        lang: Lang,
    },
    /// Write the deadlines as an iCalendar file (.ics): all-day events with reminders.
    Calendar {
        #[command(flatten)]
        input: AnswerArgs,
        /// A saved case, by label (instead of --answer).
        #[arg(long)]
        case: Option<String>,
        #[arg(long)]
        out: PathBuf,
        /// Replace an existing file at --out even if it is not a calendar (.ics).
        #[arg(long)]
        force: bool,
    },
    /// What changed in each saved case since it was last shown (new data or overrides).
    Recheck {
        #[arg(long)]
        json: bool,
        /// The day deadlines are counted against (default: today).
        #[arg(long)]
        today: Option<String>,
        #[arg(long, default_value = "zh", value_parser = lang_parser())]
        lang: Lang,
    },
    /// Write one blank sheet per common scenario into a folder (front-desk hand-outs).
    ExportPack {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "zh", value_parser = lang_parser())]
        lang: Lang,
        #[arg(long)]
        large: bool,
        /// Everything on each sheet (default: the essentials).
        #[arg(long)]
        full: bool,
        /// Replace existing files in the folder even if they are not PDFs.
        #[arg(long)]
        force: bool,
    },
    /// Check photos of documents: blurred, glare, cut off, too small (JPEG, PNG; PDF unchecked).
    PhotoCheck {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value = "zh", value_parser = lang_parser())]
        lang: Lang,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// One PDF to submit: a cover listing every material (attached or missing), one page per photo.
    Submission {
        #[command(flatten)]
        input: AnswerArgs,
        /// A saved case, by label (instead of --answer); its attachments are included.
        #[arg(long)]
        case: Option<String>,
        /// A photo or scan of a material (repeatable).
        #[arg(long = "attach", value_name = "MATERIAL_ID=FILE")]
        attach: Vec<String>,
        #[arg(long)]
        out: PathBuf,
        /// Replace an existing file at --out even if it is not a PDF.
        #[arg(long)]
        force: bool,
    },
    /// Import a case file (.ron) or a case bundle (.zip) into the saved cases, with the app's
    /// checks; prints the imported case's label.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, default_value = "zh", value_parser = lang_parser())]
        lang: Lang,
    },
    /// Data updates (数据更新): make, install, list and remove data packs (.yibao-data).
    Data {
        #[command(subcommand)]
        action: data::DataCommand,
    },
    /// Write a saved case to a file: a bundle (.zip) with its photos, else a case file (.ron).
    ExportCase {
        /// The case's label.
        #[arg(value_name = "LABEL")]
        label: String,
        #[arg(long)]
        out: PathBuf,
        /// Replace an existing file at --out even if it is not a case file or bundle.
        #[arg(long)]
        force: bool,
        #[arg(long, default_value = "zh", value_parser = lang_parser())]
        lang: Lang,
    },

    /// The saved cases with their state and next deadline, in the list's order (read-only).
    Cases {
        #[arg(long)]
        json: bool,
        /// open (default), submitted, closed or all.
        #[arg(long, value_name = "STATE")]
        state: Option<String>,
        /// Only open cases whose next deadline is passed or within DAYS days.
        #[arg(long, value_name = "DAYS")]
        due_within: Option<String>,
        /// The day deadlines are counted against (default: today).
        #[arg(long)]
        today: Option<String>,
        #[arg(long, default_value = "zh", value_parser = lang_parser())]
        lang: Lang,
    },
    /// Change a saved case: `case set-state LABEL|ID STATE`.
    Case {
        #[command(subcommand)]
        action: CaseAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaseAction {
    /// Set the state: open (进行中), submitted (已提交), closed (已到账/已办结), abandoned (已放弃).
    SetState {
        /// The case's label or id.
        #[arg(value_name = "LABEL|ID")]
        case: String,
        #[arg(value_name = "STATE")]
        state: String,
        /// Submitted on / paid on (YYYY-MM-DD; submitted defaults to today).
        #[arg(long)]
        date: Option<String>,
        /// The amount paid out, in yuan (closed only).
        #[arg(long)]
        amount: Option<String>,
        #[arg(long, default_value = "zh", value_parser = lang_parser())]
        lang: Lang,
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
    /// A hand-off code (清单码) from a printed sheet, instead of --answer/--date.
    #[arg(long, value_name = "CODE", conflicts_with_all = ["answers", "dates"])]
    pub code: Option<String>,
    /// The day deadlines are counted against (default: today).
    #[arg(long)]
    pub today: Option<String>,
    #[arg(long, default_value = "zh", value_parser = lang_parser())]
    pub lang: Lang,
}

/// `--lang`: `zh` or `en` (also `zh-CN`, `cn`). A list of values, so that an error names them.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};
    PossibleValuesParser::new([
        PossibleValue::new("zh").aliases(["zh-CN", "cn"]),
        PossibleValue::new("en"),
    ])
    .map(|s| Lang::parse(&s).unwrap_or(Lang::Zh))
}

/// An error for the user, and the exit code it maps to.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    /// 2: bad input (unknown question/option, bad date, missing answers); 1: everything else.
    pub code: u8,
}

impl CliError {
    pub(crate) fn input(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 2,
        }
    }
    pub(crate) fn other(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 1,
        }
    }
}

/// Loads the catalog with the user's overrides; broken overrides are reported on stderr.
pub(crate) fn load_catalog(lang: Lang) -> Catalog {
    let (catalog, errors) = Catalog::load_user_data(crate::paths::data_dir().as_deref());
    if !errors.is_empty() {
        eprintln!("{}", strings::s(lang).catalog_errors);
        for e in &errors {
            eprintln!("  {}", strings::catalog_error(lang, e));
        }
    }
    catalog
}

impl AnswerArgs {
    /// The answers, checked for shape (`q=v`); content is checked by the engine.
    pub fn answers(&self, catalog: &Catalog) -> Result<Answers, CliError> {
        if let Some(code) = &self.code {
            return crate::handoff::decode(&catalog.handoff, code)
                .map_err(|e| CliError::input(strings::code_error(self.lang, &e)));
        }
        let mut answers = Answers::new();
        for raw in self.answers.iter().chain(&self.dates) {
            let (q, v) = raw
                .split_once('=')
                .ok_or_else(|| CliError::input(strings::not_a_pair(self.lang, raw)))?;
            answers
                .set_once(q.trim(), v.trim())
                .map_err(|e| CliError::input(strings::cli_answer_error(self.lang, &e)))?;
        }
        Ok(answers)
    }
    pub fn today(&self) -> Result<NaiveDate, CliError> {
        match &self.today {
            None => Ok(chrono::Local::now().date_naive()),
            Some(s) => {
                engine::parse_date(s).map_err(|_| CliError::input(strings::bad_today(self.lang, s)))
            }
        }
    }
}

/// Derives, turning engine errors and missing answers into messages that say what to do.
pub(crate) fn derive_checked(
    catalog: &Catalog,
    answers: &Answers,
    today: NaiveDate,
    lang: Lang,
) -> Result<Derivation, CliError> {
    checked(catalog, engine::derive(catalog, answers, today), lang)
}

/// Checks a derivation as every command does: answers that fit, every question answered.
fn checked(
    catalog: &Catalog,
    derived: Result<Derivation, engine::DeriveError>,
    lang: Lang,
) -> Result<Derivation, CliError> {
    let d = derived.map_err(|e| {
        let lines: Vec<String> =
            e.0.iter()
                .map(|err| strings::cli_answer_error(lang, err))
                .collect();
        CliError::input(lines.join("\n"))
    })?;
    if !d.is_complete() {
        let t = strings::s(lang);
        let mut msg = format!("{}\n", t.still_to_answer);
        for id in &d.pending_required {
            if let Some(q) = catalog.question(id) {
                let opts: Vec<String> = q
                    .options
                    .iter()
                    .map(|o| format!("{} ({})", o.id, o.label.get(lang)))
                    .collect();
                let _ = writeln!(
                    msg,
                    "  {}{}{}\n    {}{}{}",
                    q.id,
                    strings::colon(lang),
                    q.prompt.get(lang),
                    t.options,
                    strings::colon(lang),
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
    let lang = command.lang();
    match execute(command) {
        Ok(out) => {
            print!("{}", crate::sanitize::for_terminal(&out));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "{}{}{}",
                strings::s(lang).error_prefix,
                strings::colon(lang),
                crate::sanitize::for_terminal(&e.message)
            );
            ExitCode::from(e.code)
        }
    }
}

impl Command {
    /// The language the command's messages are in.
    pub fn lang(&self) -> Lang {
        match self {
            Command::Questions { lang, .. }
            | Command::ExportPack { lang, .. }
            | Command::Quick { lang }
            | Command::Recheck { lang, .. } => *lang,
            Command::Derive { input, .. }
            | Command::Export { input, .. }
            | Command::Print { input, .. }
            | Command::Calendar { input, .. }
            | Command::Submission { input, .. } => input.lang,
            Command::PhotoCheck { lang, .. }
            | Command::Import { lang, .. }
            | Command::ExportCase { lang, .. }
            | Command::Validate { lang, .. } => *lang,
            Command::Repair { lang } => *lang,
            Command::Data { action } => action.lang(),
            Command::Cases { lang, .. }
            | Command::Case {
                action: CaseAction::SetState { lang, .. },
            } => *lang,
        }
    }
}

/// Runs one command and returns what it prints.
pub(crate) fn execute(command: Command) -> Result<String, CliError> {
    match command {
        Command::Questions { json, lang } => {
            let catalog = load_catalog(lang);
            if json {
                Ok(serde_json::to_string_pretty(&catalog.questions).expect("serializable") + "\n")
            } else {
                Ok(questions_text(&catalog, lang))
            }
        }
        Command::Derive {
            input,
            json,
            message,
        } => {
            let catalog = load_catalog(input.lang);
            let answers = input.answers(&catalog)?;
            let d = derive_checked(&catalog, &answers, input.today()?, input.lang)?;
            if json {
                Ok(derivation_json(&catalog, &d))
            } else {
                let v = view::build(
                    &catalog,
                    &d,
                    &view::ViewInput {
                        lang: input.lang,
                        ..Default::default()
                    },
                );
                if message {
                    Ok(view::plain::message_text(&v))
                } else {
                    Ok(text::view_text(&v))
                }
            }
        }
        Command::Validate { dir, lang } => validate(dir, lang),
        Command::Quick { lang } => {
            let catalog = load_catalog(lang);
            Ok(catalog
                .quick_sheets
                .iter()
                .map(|q| format!("{}  {}\n", q.id, q.name.get(lang)))
                .collect())
        }
        Command::Repair { lang } => repair(lang),
        Command::Export { .. } | Command::ExportPack { .. } | Command::Print { .. } => {
            export::execute(command)
        }
        Command::PhotoCheck { json, lang, files } => photo::photo_check(&files, json, lang),
        Command::Submission {
            input,
            case,
            attach,
            out,
            force,
        } => photo::submission(&input, case.as_deref(), &attach, &out, force),
        Command::Calendar {
            input,
            case,
            out,
            force,
        } => calendar::execute(&input, case.as_deref(), &out, force),
        Command::Import { file, lang } => transfer::import(&file, lang),
        Command::ExportCase {
            label,
            out,
            force,
            lang,
        } => transfer::export_case(&label, &out, force, lang),
        Command::Recheck { json, today, lang } => recheck::execute(json, today.as_deref(), lang),
        Command::Data { action } => data::execute(action),
        Command::Cases {
            json,
            state,
            due_within,
            today,
            lang,
        } => cases::list(
            json,
            state.as_deref(),
            due_within.as_deref(),
            today.as_deref(),
            lang,
        ),
        Command::Case {
            action:
                CaseAction::SetState {
                    case,
                    state,
                    date,
                    amount,
                    lang,
                },
        } => cases::set_state(&case, &state, date.as_deref(), amount.as_deref(), lang),
    }
}

/// `repair` on the default store folder: what it moved, restored and left alone.
fn repair(lang: Lang) -> Result<String, CliError> {
    use crate::cases::Store;
    let dir = Store::default_dir()
        .ok_or_else(|| CliError::other(strings::cases_unavailable(lang, None, "")))?;
    let report =
        Store::repair(&dir).map_err(|e| CliError::other(strings::repair_error(lang, &e)))?;
    Ok(strings::repair_report(lang, &report))
}

fn validate(dir: Option<PathBuf>, lang: Lang) -> Result<String, CliError> {
    let (what, result) = match &dir {
        Some(d) => (d.display().to_string(), Catalog::from_dir(d)),
        None => {
            let overrides = user_checklists_dir()
                .filter(|d| d.is_dir())
                .map(|d| crate::catalog::read_override_files(&d))
                .transpose()
                .map_err(|e| CliError::other(strings::catalog_error(lang, &e)))?
                .unwrap_or_default();
            let base = crate::catalog::BUNDLED
                .iter()
                .map(|(n, s)| (n.to_string(), s.to_string()));
            (
                strings::validate_bundled(lang).to_string(),
                Catalog::from_sources(base, overrides),
            )
        }
    };
    let report = |errors: Vec<CatalogError>| {
        let mut s = format!("{}\n", strings::validate_errors(lang, errors.len(), &what));
        for e in errors {
            let _ = writeln!(s, "  {}", strings::catalog_error(lang, &e));
        }
        CliError::other(s.trim_end())
    };
    let catalog = result.map_err(report)?;
    let reach = crate::engine::check_reachability(&catalog);
    let errors = reach.errors();
    if !errors.is_empty() {
        return Err(report(errors));
    }
    // Facts that cite only sources about one place and do not say so (`scope`).
    let mut warnings = String::new();
    for w in catalog
        .scope_warnings()
        .into_iter()
        .chain(catalog.code_warnings())
    {
        let _ = writeln!(
            warnings,
            "{}{}",
            strings::validate_warning(lang),
            strings::catalog_error(lang, &w)
        );
    }
    let counts = strings::CatalogCounts {
        questions: catalog.questions.len(),
        materials: catalog.materials.len(),
        steps: catalog.steps.len(),
        deadlines: catalog.deadlines.len(),
        notices: catalog.notices.len(),
        regions: catalog.regions.len(),
        answer_sets: reach.answer_sets,
    };
    Ok(format!(
        "{warnings}{}\n",
        strings::validate_ok(lang, &what, &counts)
    ))
}

pub(crate) fn questions_text(catalog: &Catalog, lang: Lang) -> String {
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

/// `derive --json`: the derivation, with the view's section list and summary.
pub(crate) fn derivation_json(catalog: &Catalog, d: &Derivation) -> String {
    let mut value = serde_json::to_value(d).expect("serializable");
    if let (serde_json::Value::Object(map), serde_json::Value::Object(extra)) =
        (&mut value, view::json_parts(catalog, d))
    {
        map.extend(extra);
        map.insert(
            "code".into(),
            view::code_of(catalog, d, false).map_or(serde_json::Value::Null, Into::into),
        );
    }
    serde_json::to_string_pretty(&value).expect("serializable") + "\n"
}
