//! Error texts for the rest: printing, checklist codes, output paths, the bundled data, the
//! command line's input and the answers.

use super::{colon, io_reason, parse_problem, rule};
use crate::catalog::Lang;
use crate::engine::{AnswerError, AnswerErrorKind};
use std::io;

/// A command-line answer that is not `question=value`.
pub(crate) fn not_a_pair(lang: Lang, raw: &str) -> String {
    match lang {
        Lang::Zh => format!("“{raw}”不是“问题=选项”的形式，例如 visit=inpatient"),
        Lang::En => format!("\"{raw}\" is not in the form question=value, e.g. visit=inpatient"),
    }
}

/// `--case`, `--quick` and `--answer` name different checklists.
pub(crate) fn one_source(lang: Lang) -> String {
    lang.pick(
        "--case、--quick、--code 和 --answer/--date 只能用一种：它们各自给出一份清单的回答",
        "--case, --quick, --code and --answer/--date cannot be combined: each gives a checklist's answers",
    )
    .to_string()
}

/// An unknown quick-sheet id.
pub(crate) fn unknown_quick(lang: Lang, id: &str, ids: &str) -> String {
    match lang {
        Lang::Zh => format!("没有“{id}”这个常用情形。可选：{ids}"),
        Lang::En => format!("no common situation \"{id}\"; choose one of: {ids}"),
    }
}

/// Why printing did not happen.
pub(crate) fn print_error(lang: Lang, e: &crate::print::PrintError) -> String {
    use crate::print::PrintError as E;
    match (e, lang) {
        (E::NoService, Lang::Zh) => "这台电脑没有可用的打印服务".to_string(),
        (E::NoService, Lang::En) => "there is no print service on this computer".to_string(),
        (E::NoPrinter, Lang::Zh) => "还没有设置打印机".to_string(),
        (E::NoPrinter, Lang::En) => "no printer is set up".to_string(),
        (E::UnknownPrinter(p), Lang::Zh) => format!("打印服务里没有名为“{p}”的打印机"),
        (E::UnknownPrinter(p), Lang::En) => {
            format!("the print service has no printer called \"{p}\"")
        }
        (E::NotAccepting(p), Lang::Zh) => format!("打印机“{p}”现在不接受打印任务"),
        (E::NotAccepting(p), Lang::En) => format!("the printer \"{p}\" is not accepting jobs now"),
        (E::Rejected { said }, Lang::Zh) if said.is_empty() => "打印服务拒绝了这个任务".into(),
        (E::Rejected { said }, Lang::En) if said.is_empty() => {
            "the print service refused the job".into()
        }
        // Its own words are English (run with LC_ALL=C): quoted, so they read as its words.
        (E::Rejected { said }, Lang::Zh) => {
            format!("打印服务拒绝了这个任务。打印服务报告：“{said}”")
        }
        (E::Rejected { said }, Lang::En) => {
            format!("the print service refused the job. The print service said: \"{said}\"")
        }
        (E::Io(err), lang) => io_reason(lang, err),
    }
}

/// A hand-off code that cannot be opened, with what to do.
pub fn code_error(lang: Lang, e: &crate::handoff::CodeError) -> String {
    use crate::handoff::CodeError as E;
    match (e, lang) {
        (E::Empty, Lang::Zh) => "请输入清单码，例如 K7Q4-M2XP-9HT3。".into(),
        (E::Empty, Lang::En) => "Type a checklist code, e.g. K7Q4-M2XP-9HT3.".into(),
        (E::BadChar { ch, position }, Lang::Zh) => format!(
            "第{position}个字符“{ch}”不会出现在清单码中（清单码没有 0、O、1、I、L、U、Z），请核对。"
        ),
        (E::BadChar { ch, position }, Lang::En) => format!(
            "character {position}, \"{ch}\", is never used in codes (they have no 0, O, 1, I, L, U or Z); please check it."
        ),
        (E::Length { len }, Lang::Zh) => {
            format!("清单码有8、12或16个字符（不算短横线），这里有{len}个，请核对。")
        }
        (E::Length { len }, Lang::En) => format!(
            "a code has 8, 12 or 16 characters (not counting dashes); this one has {len}. Please check it."
        ),
        (E::Checksum, Lang::Zh) => "清单码对不上，可能有字符输错或前后颠倒，请逐个核对。".into(),
        (E::Checksum, Lang::En) => {
            "the code does not check out: a character is mistyped or two are swapped. Please check each one.".into()
        }
        (E::UnknownVersion(v), Lang::Zh) => {
            format!("这个清单码来自更新版本的程序（格式{v}），请先更新本程序。")
        }
        (E::UnknownVersion(v), Lang::En) => format!(
            "this code comes from a newer version of the app (format {v}); update the app to open it."
        ),
        (E::Malformed, Lang::Zh) => "这不是本程序生成的清单码，请核对。".into(),
        (E::Malformed, Lang::En) => "this is not a code made by this app; please check it.".into(),
    }
}

/// `--attach` that is not `MATERIAL_ID=FILE`.
pub(crate) fn not_an_attachment(lang: Lang, raw: &str) -> String {
    match lang {
        Lang::Zh => format!("“{raw}”不是“材料=文件”的形式，例如 id_card=身份证.jpg"),
        Lang::En => format!("\"{raw}\" is not in the form MATERIAL_ID=FILE"),
    }
}

/// `--attach` naming a material the checklist does not have.
pub(crate) fn not_a_material(lang: Lang, material: &str, ids: &str) -> String {
    match lang {
        Lang::Zh => format!("这份清单没有“{material}”这项材料。可选：{ids}"),
        Lang::En => {
            format!("\"{material}\" is not a material of this checklist; use one of: {ids}")
        }
    }
}

/// Why a sheet (or calendar) cannot be written where asked.
pub(crate) fn out_path_error(lang: Lang, e: &crate::outpath::OutPathError) -> String {
    use crate::outpath::{OutKind as K, OutPathError as E};
    match (e, lang) {
        (E::NoFileName { path }, Lang::Zh) => format!(
            "无法写入 {}：请给出文件名，例如 checklist.pdf",
            path.display()
        ),
        (E::NoFileName { path }, Lang::En) => format!(
            "cannot write {}: give a file name such as checklist.pdf",
            path.display()
        ),
        (E::IsFolder { path, suggestion }, Lang::Zh) => format!(
            "无法写入 {}：这是一个文件夹；请给出文件名，例如 {}",
            path.display(),
            suggestion.display()
        ),
        (E::IsFolder { path, suggestion }, Lang::En) => format!(
            "cannot write {}: it is a folder; give a file name such as {}",
            path.display(),
            suggestion.display()
        ),
        (E::NoFolder { path, folder }, Lang::Zh) => format!(
            "无法写入 {}：文件夹 {} 不存在",
            path.display(),
            folder.display()
        ),
        (E::NoFolder { path, folder }, Lang::En) => format!(
            "cannot write {}: the folder {} does not exist",
            path.display(),
            folder.display()
        ),
        (E::InsideDataDir { path, data_dir }, Lang::Zh) => format!(
            "拒绝写入 {}：它位于保存清单的数据文件夹 {} 内；请换一个位置",
            path.display(),
            data_dir.display()
        ),
        (E::InsideDataDir { path, data_dir }, Lang::En) => format!(
            "refusing to write {}: it is inside the data folder {}, which holds your saved cases and data; choose another place",
            path.display(),
            data_dir.display()
        ),
        (E::NotRegular { path }, Lang::Zh) => format!(
            "拒绝写入 {}：它不是普通文件（而是管道、设备或套接字）；请换一个文件名",
            path.display()
        ),
        (E::NotRegular { path }, Lang::En) => format!(
            "refusing to write {}: it is not a regular file (a pipe, device or socket); choose another name",
            path.display()
        ),
        (E::OtherKind { path, kind }, Lang::Zh) => format!(
            "拒绝覆盖 {}：该文件已存在且不是{}；请换一个文件名，或加 --force 覆盖",
            path.display(),
            match kind {
                K::Pdf => " PDF",
                K::Calendar => "日历文件（.ics）",
                K::Case => "清单文件或清单包",
                K::DataPack => "数据更新包（.yibao-data）",
            }
        ),
        (E::OtherKind { path, kind }, Lang::En) => format!(
            "refusing to overwrite {}: it exists and is not {}; choose another name, or pass --force to replace it",
            path.display(),
            match kind {
                K::Pdf => "a PDF",
                K::Calendar => "a calendar file (.ics)",
                K::Case => "a case file or bundle",
                K::DataPack => "a data pack (.yibao-data)",
            }
        ),
        (E::NotAFolder { path }, _) => not_a_folder(lang, &path.display().to_string()),
        (E::Io { path, source }, Lang::Zh) => {
            format!("无法写入 {}：{}", path.display(), io_reason(lang, source))
        }
        (E::Io { path, source }, Lang::En) => format!(
            "cannot write {}: {}",
            path.display(),
            io_reason(lang, source)
        ),
    }
}

/// `export-pack` into something that is not a folder.
pub(crate) fn not_a_folder(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::Zh => format!("无法写入 {dir}：它已存在，但不是文件夹"),
        Lang::En => format!("cannot write into {dir}: it exists and is not a folder"),
    }
}

/// A folder that cannot be made.
pub(crate) fn cannot_create_folder(lang: Lang, dir: &str, e: &io::Error) -> String {
    match lang {
        Lang::Zh => format!("无法创建文件夹 {dir}：{}", io_reason(lang, e)),
        Lang::En => format!("cannot create the folder {dir}: {}", io_reason(lang, e)),
    }
}

/// A file and what is wrong with it: "发票.jpg：…".
pub(crate) fn file_error(lang: Lang, file: &str, why: &str) -> String {
    format!("{file}{}{why}", colon(lang))
}

/// A problem in the data (one of the user's own checklist files) in words.
pub(crate) fn data_problem(lang: Lang, p: &crate::catalog::DataProblem) -> String {
    use crate::catalog::problem::HOLIDAY_YEARS;
    use crate::catalog::{DataProblem as P, Limit};
    if lang == Lang::En {
        return p.to_string();
    }
    let sugg = |s: &Option<String>| {
        s.as_ref()
            .map(|s| format!("；是否应为 `{s}`？"))
            .unwrap_or_default()
    };
    match p {
        P::LimitReached { limit, max } => match limit {
            Limit::Depth => format!("文件夹嵌套超过 {max} 层，未读取"),
            Limit::Files => format!("清单文件超过 {max} 个，未读取该文件夹"),
            Limit::Entries => format!("文件夹内条目超过 {max} 个，未读取"),
            Limit::FileSize => format!("文件大于 {max} 字节，未读取"),
        },
        P::UnknownField {
            found, suggestion, ..
        } => format!("未知字段 `{found}`{}", sugg(suggestion)),
        P::UnknownVariant {
            found, suggestion, ..
        } => format!("未知取值 `{found}`{}", sugg(suggestion)),
        P::Parse { problem } => format!("无法读取这个清单文件：{}", parse_problem(lang, problem)),
        P::DuplicateId { id, first, .. } => {
            format!("重复的编号“{id}”（首次定义于 {first}）")
        }
        P::HolidayYearOutOfRange { year } => format!(
            "节假日年份 {year} 不在 {}–{} 之间",
            HOLIDAY_YEARS.start(),
            HOLIDAY_YEARS.end()
        ),
        P::HolidayRangeOutsideYear { year, start, end } => {
            format!("假期 {start} – {end} 不在 {year} 年之内")
        }
        P::HolidayRangeReversed { start, end } => {
            format!("假期 {start} – {end} 的结束日早于开始日")
        }
        P::HolidayDayRepeated { year, day } => {
            format!("{year} 年的节假日中 {day} 出现了不止一次")
        }
        P::NotUtf8 => "文件内容不是可读的文字（应为 UTF-8 编码）".into(),
        P::NotADataFile => "这不是本软件的数据文件（去掉注释后应以 `(` 开头）".into(),
        P::Rule { rule: r } => rule(lang, r),
        P::CannotRead { kind } => format!("无法读取：{}", io_reason(lang, &io::Error::from(*kind))),
    }
}

/// A data error with its place ("x.ron:2:5：…"), worded in the language (an error built by hand
/// without a typed problem stays in English).
pub fn catalog_error(lang: Lang, e: &crate::catalog::CatalogError) -> String {
    match &e.problem {
        Some(p) => format!("{}{}{}", e.origin, colon(lang), data_problem(lang, p)),
        None => e.to_string(),
    }
}

/// Characters the sheet's font has no glyph for (they would be missing on paper).
pub(crate) fn missing_glyphs_warning(missing: &[char], lang: Lang) -> String {
    let list: String = missing.iter().collect();
    match lang {
        Lang::Zh => format!("警告：字体中没有这些字符，打印时会缺失：{list}"),
        Lang::En => format!(
            "warning: the font has no glyph for these characters; they will be missing on the sheet: {list}"
        ),
    }
}

/// A bad `--today`.
pub(crate) fn bad_today(lang: Lang, raw: &str) -> String {
    match lang {
        Lang::Zh => format!("--today：“{raw}”不是日期，请按 年-月-日 填写，例如 2025-03-10"),
        Lang::En => format!("--today: \"{raw}\" is not a date; write YYYY-MM-DD, e.g. 2025-03-10"),
    }
}

/// An answer error on the command line, where questions and options are named by their ids.
pub(crate) fn cli_answer_error(lang: Lang, e: &AnswerError) -> String {
    let q = &e.question;
    match (&e.kind, lang) {
        (AnswerErrorKind::UnknownQuestion { valid }, Lang::Zh) => {
            format!("没有“{q}”这个问题。问题有：{}", valid.join(", "))
        }
        (AnswerErrorKind::UnknownQuestion { valid }, Lang::En) => {
            format!(
                "unknown question \"{q}\"; the questions are: {}",
                valid.join(", ")
            )
        }
        (AnswerErrorKind::UnknownOption { value, valid }, Lang::Zh) => {
            format!("{q}：没有“{value}”这个选项。可选：{}", valid.join(", "))
        }
        (AnswerErrorKind::UnknownOption { value, valid }, Lang::En) => format!(
            "{q}: unknown option \"{value}\"; choose one of: {}",
            valid.join(", ")
        ),
        (AnswerErrorKind::Conflicting { first, second }, Lang::Zh) => {
            format!("{q}：给出了两个不同的回答 \"{first}\" 和 \"{second}\"，请只留一个")
        }
        (AnswerErrorKind::Conflicting { first, second }, Lang::En) => {
            format!("two different answers to \"{q}\": \"{first}\" and \"{second}\"; give one")
        }
        _ => answer_error(lang, e, &|id: &str| id.to_string()),
    }
}

/// Whether `value` has the `YYYY-MM-DD` shape (so a parse failure means "no such day").
fn iso_shaped(value: &str) -> bool {
    value.len() == 10
        && value.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// An answer error as a sentence. `label` names a question by id (its short label).
pub(crate) fn answer_error(lang: Lang, e: &AnswerError, label: &dyn Fn(&str) -> String) -> String {
    let q = label(&e.question);
    match (&e.kind, lang) {
        (AnswerErrorKind::InvalidDate { value }, Lang::Zh) if iso_shaped(value) => {
            format!("{q}：日历上没有 {value} 这一天，请检查月份和日期。")
        }
        (AnswerErrorKind::InvalidDate { value }, Lang::En) if iso_shaped(value) => {
            format!("{q}: there is no such day as {value}; check the month and the day.")
        }
        (AnswerErrorKind::InvalidDate { value }, Lang::Zh) => {
            format!("{q}：“{value}”不是日期。请按“年-月-日”填写，例如 2025-03-10。")
        }
        (AnswerErrorKind::InvalidDate { value }, Lang::En) => {
            format!("{q}: “{value}” is not a date. Write year-month-day, for example 2025-03-10.")
        }
        (
            AnswerErrorKind::DateOrder {
                value,
                other,
                other_value,
            },
            Lang::Zh,
        ) => {
            format!(
                "{q}（{value}）不能早于{}（{other_value}），请检查这两个日期。",
                label(other)
            )
        }
        (
            AnswerErrorKind::DateOrder {
                value,
                other,
                other_value,
            },
            Lang::En,
        ) => {
            format!(
                "{q} ({value}) cannot be before {} ({other_value}); check both dates.",
                label(other)
            )
        }
        (AnswerErrorKind::DateTooFarInFuture { value, max_days }, Lang::Zh) => {
            format!("{q}：{value} 比今天晚了超过 {max_days} 天，请检查年份是否写错。")
        }
        (AnswerErrorKind::DateTooFarInFuture { value, max_days }, Lang::En) => {
            format!("{q}: {value} is more than {max_days} days from today; check the year.")
        }
        (AnswerErrorKind::DateTooOld { value }, Lang::Zh) => {
            format!(
                "{q}：{value} 早于{}年，请检查年份是否写错。",
                crate::engine::EARLIEST_YEAR
            )
        }
        (AnswerErrorKind::DateTooOld { value }, Lang::En) => {
            format!(
                "{q}: {value} is before {}; check the year.",
                crate::engine::EARLIEST_YEAR
            )
        }
        (AnswerErrorKind::UnknownOption { value, .. }, Lang::Zh) => {
            format!("{q}：保存的回答“{value}”已不在选项中，请重新选择。")
        }
        (AnswerErrorKind::UnknownOption { value, .. }, Lang::En) => {
            format!("{q}: the saved answer “{value}” is no longer an option; choose again.")
        }
        (AnswerErrorKind::Conflicting { first, second }, Lang::Zh) => {
            format!("{q}：给出了两个不同的回答“{first}”和“{second}”，请只留一个。")
        }
        (AnswerErrorKind::Conflicting { first, second }, Lang::En) => {
            format!("{q}: two different answers, “{first}” and “{second}”; keep one.")
        }
        (AnswerErrorKind::SameAs { explain, .. }, lang) => explain.get(lang).to_string(),
        (AnswerErrorKind::UnknownQuestion { .. }, Lang::Zh) => {
            format!("保存的回答中有已不再使用的问题“{}”。", e.question)
        }
        (AnswerErrorKind::UnknownQuestion { .. }, Lang::En) => {
            format!(
                "The saved answers name a question that no longer exists: “{}”.",
                e.question
            )
        }
    }
}
