//! Command-line argument errors in words. The command line turns clap's error kinds into an
//! [`ArgProblem`]; clap's own English ("error: unexpected argument …", "Usage: …") is never
//! shown.

use super::colon;
use crate::catalog::Lang;

/// What is wrong with the command line, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgProblem {
    /// Not a command this program has.
    UnknownCommand {
        found: String,
        suggestion: Option<String>,
        commands: Vec<String>,
    },
    /// An option the command does not take.
    UnknownArgument {
        found: String,
        suggestion: Option<String>,
        valid: Vec<String>,
    },
    /// A value the option does not take (`valid` may be empty: any text of the right form).
    InvalidValue {
        arg: String,
        found: String,
        valid: Vec<String>,
        suggestion: Option<String>,
    },
    /// The option needs a value and got none.
    MissingValue { arg: String, valid: Vec<String> },
    /// Required options that were not given.
    Missing { args: Vec<String> },
    /// Two options that cannot go together (or one given twice when `with` is empty).
    Conflict { arg: String, with: Vec<String> },
    /// More values than the option takes.
    ExtraValue { arg: String, found: String },
    /// The option needs `--option=value`.
    NoEquals { arg: String },
    /// The option got the wrong number of values.
    WrongCount { arg: String },
    /// An argument is not valid text (UTF-8).
    NotUtf8,
    /// A kind of error without a wording of its own.
    Other,
}

fn quoted(list: &[String]) -> String {
    list.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn did_you_mean(lang: Lang, s: &Option<String>) -> String {
    match (s, lang) {
        (None, _) => String::new(),
        (Some(s), Lang::Zh) => format!("是否应为 `{s}`？"),
        (Some(s), Lang::En) => format!(" Did you mean `{s}`?"),
    }
}

/// The lines for an argument error, without the "错误：" prefix: what is wrong, the valid
/// choices, and where the full help is (`program` and `command` name the `--help` to run).
pub fn arg_error(lang: Lang, p: &ArgProblem, program: &str, command: Option<&str>) -> String {
    use ArgProblem as P;
    let zh = lang == Lang::Zh;
    let c = colon(lang);
    let (first, choices): (String, Option<(&str, &[String])>) = match p {
        P::UnknownCommand {
            found,
            suggestion,
            commands,
        } => (
            if zh {
                format!(
                    "没有 `{found}` 这个命令。{}",
                    did_you_mean(lang, suggestion)
                )
            } else {
                format!(
                    "there is no command `{found}`.{}",
                    did_you_mean(lang, suggestion)
                )
            },
            Some((lang.pick("可用的命令", "Commands"), commands)),
        ),
        P::UnknownArgument {
            found,
            suggestion,
            valid,
        } => (
            if zh {
                format!("不认识的参数 `{found}`。{}", did_you_mean(lang, suggestion))
            } else {
                format!(
                    "unknown argument `{found}`.{}",
                    did_you_mean(lang, suggestion)
                )
            },
            Some((lang.pick("可用的参数", "Arguments"), valid)),
        ),
        P::InvalidValue {
            arg,
            found,
            valid,
            suggestion,
        } => (
            if zh {
                format!(
                    "`{arg}` 不接受 `{found}` 这个值。{}",
                    did_you_mean(lang, suggestion)
                )
            } else {
                format!(
                    "`{arg}` does not take the value `{found}`.{}",
                    did_you_mean(lang, suggestion)
                )
            },
            Some((lang.pick("可用的值", "Values"), valid)),
        ),
        P::MissingValue { arg, valid } => (
            if zh {
                format!("`{arg}` 后面需要一个值。")
            } else {
                format!("`{arg}` needs a value.")
            },
            Some((lang.pick("可用的值", "Values"), valid)),
        ),
        P::Missing { args } => (
            if zh {
                format!("缺少必需的参数{c}{}", quoted(args))
            } else {
                format!("required arguments missing{c}{}", quoted(args))
            },
            None,
        ),
        P::Conflict { arg, with } if with.is_empty() => (
            if zh {
                format!("`{arg}` 只能给一次。")
            } else {
                format!("`{arg}` can be given only once.")
            },
            None,
        ),
        P::Conflict { arg, with } => (
            if zh {
                format!("`{arg}` 不能和 {} 一起使用。", quoted(with))
            } else {
                format!("`{arg}` cannot be used together with {}.", quoted(with))
            },
            None,
        ),
        P::ExtraValue { arg, found } => (
            if zh {
                format!("`{arg}` 只接受一个值，多出了 `{found}`。")
            } else {
                format!("`{arg}` takes one value; `{found}` is one too many.")
            },
            None,
        ),
        P::NoEquals { arg } => (
            if zh {
                format!("`{arg}` 的值要用等号连写：`{arg}=值`。")
            } else {
                format!("`{arg}` needs its value after an equals sign: `{arg}=VALUE`.")
            },
            None,
        ),
        P::WrongCount { arg } => (
            if zh {
                format!("`{arg}` 的值的个数不对。")
            } else {
                format!("`{arg}` got the wrong number of values.")
            },
            None,
        ),
        P::NotUtf8 => (
            lang.pick(
                "有参数不是有效的文字（UTF-8）。",
                "an argument is not valid text (UTF-8).",
            )
            .to_string(),
            None,
        ),
        P::Other => (
            lang.pick("命令行有误。", "the command line is not valid.")
                .to_string(),
            None,
        ),
    };
    let mut out = first.trim_end().to_string();
    if let Some((label, list)) = choices
        && !list.is_empty()
    {
        out.push_str(&format!("\n  {label}{c}{}", list.join(", ")));
    }
    let help = match command {
        Some(cmd) => format!("{program} {cmd} --help"),
        None => format!("{program} --help"),
    };
    out.push_str(&match lang {
        Lang::Zh => format!("\n  查看用法：{help}"),
        Lang::En => format!("\n  For more, run: {help}"),
    });
    out
}
