//! Reading the command line. clap parses it; its errors are worded through the string table in
//! the user's language, found in the raw arguments (clap has not succeeded, so there is no
//! parsed `--lang` yet). `--help` and `--version` print clap's text as before.

use super::Cli;
use crate::catalog::Lang;
use crate::view::strings::{self, ArgProblem};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::process::ExitCode;

/// The parsed command line, or — after printing the help, the version or an error — the exit
/// code to end with (0 for help and version, 2 for a bad command line, as clap's own).
pub fn parse(args: Vec<OsString>) -> Result<Cli, ExitCode> {
    let mut cmd = Cli::command();
    if crate::version::asks_for_version(args.iter().cloned()) {
        // The data version is in the catalog: load it only when asked. clap wants a 'static
        // version string; this runs once, just before printing and exiting.
        let text: &'static str = Box::leak(crate::version::version_text().into_boxed_str());
        cmd = cmd.version(text);
    }
    let result = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match result {
        Ok(cli) => Ok(cli),
        Err(e) if !e.use_stderr() => {
            // --help, --version: clap's own text on stdout.
            let _ = e.print();
            Err(ExitCode::SUCCESS)
        }
        Err(e) => {
            let lang = lang_of(&args);
            eprintln!(
                "{}",
                crate::sanitize::for_terminal(&message(&e, &cmd, &args, lang))
            );
            Err(ExitCode::from(2))
        }
    }
}

/// The language asked for with `--lang en` / `--lang=en` anywhere before `--`; Chinese otherwise.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut words = args.iter().skip(1).take_while(|a| *a != "--");
    let mut found = None;
    while let Some(a) = words.next() {
        let value = if a == "--lang" {
            words.next().and_then(|v| v.to_str())
        } else {
            a.to_str().and_then(|a| a.strip_prefix("--lang="))
        };
        if let Some(lang) = value.and_then(Lang::parse) {
            found = Some(lang);
        }
    }
    found.unwrap_or(Lang::Zh)
}

/// The error, worded: "错误：…", the valid choices, and the `--help` to run.
pub(crate) fn message(
    e: &clap::Error,
    cmd: &clap::Command,
    args: &[OsString],
    lang: Lang,
) -> String {
    // A subcommand is only ever the first word (the program has no options of its own but
    // --help and --version).
    let sub = args
        .get(1)
        .and_then(|a| a.to_str())
        .and_then(|name| cmd.find_subcommand(name));
    let problem = problem_of(e, cmd, sub);
    format!(
        "{}{}{}",
        strings::s(lang).error_prefix,
        strings::colon(lang),
        strings::arg_error(lang, &problem, cmd.get_name(), sub.map(|s| s.get_name()))
    )
}

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Strings(v) => v.first().cloned(),
        ContextValue::StyledStrs(v) => v.first().map(ToString::to_string),
        _ => None,
    }
}

fn texts(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

/// `--lang <LANG>` → `--lang`: the option as typed. Positionals (`<FILE>...`) stay as they are.
fn flag(arg: &str) -> String {
    if arg.starts_with('-') {
        arg.split([' ', '=']).next().unwrap_or(arg).to_string()
    } else {
        arg.to_string()
    }
}

/// The options a command takes, as typed (`--answer`, `-a` is left out), and its positionals.
fn options_of(cmd: &clap::Command) -> Vec<String> {
    let mut v: Vec<String> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set())
        .map(|a| match a.get_long() {
            Some(long) => format!("--{long}"),
            None => a
                .get_value_names()
                .and_then(|n| n.first())
                .map_or_else(|| a.get_id().to_string(), |n| format!("<{n}>")),
        })
        .collect();
    for built_in in ["--help", "--version"] {
        let long = &built_in[2..];
        if !v.iter().any(|o| o == built_in)
            && (long == "help" || cmd.get_version().is_some())
            && cmd.get_arguments().all(|a| a.get_long() != Some(long))
        {
            v.push(built_in.to_string());
        }
    }
    v
}

fn value_list(e: &clap::Error, cmd: Option<&clap::Command>, arg: &str) -> Vec<String> {
    let from_error = texts(e, ContextKind::ValidValue);
    if !from_error.is_empty() {
        return from_error;
    }
    // A value parser without a list in its error: the argument's own possible values, if any.
    let long = arg.trim_start_matches('-');
    cmd.and_then(|c| c.get_arguments().find(|a| a.get_long() == Some(long)))
        .map(|a| {
            a.get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// clap's error kind and context as an [`ArgProblem`].
pub(crate) fn problem_of(
    e: &clap::Error,
    cmd: &clap::Command,
    sub: Option<&clap::Command>,
) -> ArgProblem {
    let arg = || text(e, ContextKind::InvalidArg).map(|a| flag(&a));
    let suggestion = |kind| text(e, kind).map(|s| flag(&s));
    let problem = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            text(e, ContextKind::InvalidSubcommand).map(|found| ArgProblem::UnknownCommand {
                found,
                suggestion: suggestion(ContextKind::SuggestedSubcommand),
                commands: cmd
                    .get_subcommands()
                    .filter(|s| !s.is_hide_set())
                    .map(|s| s.get_name().to_string())
                    .collect(),
            })
        }
        ErrorKind::UnknownArgument => arg().map(|found| ArgProblem::UnknownArgument {
            found,
            suggestion: suggestion(ContextKind::SuggestedArg)
                .or_else(|| suggestion(ContextKind::SuggestedSubcommand)),
            valid: options_of(sub.unwrap_or(cmd)),
        }),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => arg().map(|arg| {
            let found = text(e, ContextKind::InvalidValue).unwrap_or_default();
            let valid = value_list(e, sub, &arg);
            if found.is_empty() {
                ArgProblem::MissingValue { arg, valid }
            } else {
                ArgProblem::InvalidValue {
                    arg,
                    found,
                    valid,
                    suggestion: text(e, ContextKind::SuggestedValue),
                }
            }
        }),
        ErrorKind::MissingRequiredArgument => {
            let args: Vec<String> = texts(e, ContextKind::InvalidArg)
                .iter()
                .map(|a| flag(a))
                .collect();
            (!args.is_empty()).then_some(ArgProblem::Missing { args })
        }
        ErrorKind::ArgumentConflict => arg()
            .or_else(|| text(e, ContextKind::InvalidSubcommand))
            .map(|arg| {
                let with: Vec<String> = texts(e, ContextKind::PriorArg)
                    .iter()
                    .map(|a| flag(a))
                    .filter(|a| *a != arg)
                    .collect();
                ArgProblem::Conflict { arg, with }
            }),
        ErrorKind::TooManyValues => arg().map(|arg| ArgProblem::ExtraValue {
            arg,
            found: text(e, ContextKind::InvalidValue).unwrap_or_default(),
        }),
        ErrorKind::NoEquals => arg().map(|arg| ArgProblem::NoEquals { arg }),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            arg().map(|arg| ArgProblem::WrongCount { arg })
        }
        ErrorKind::InvalidUtf8 => Some(ArgProblem::NotUtf8),
        _ => None,
    };
    problem.unwrap_or(ArgProblem::Other)
}
