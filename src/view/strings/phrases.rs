//! Wording helpers: the punctuation of each language, and the short phrases with values in them
//! that the checklist, the case list and the sheets share (progress, deadlines, qualifiers,
//! materials, case names).

use super::labels::{EN, ZH};
use super::s;
use crate::catalog::Lang;
use crate::view::wording::{days, days_left_text, write_date, write_days_left};

/// A text with its short citation: "文字[1,3]" / "text [1,3]" (none when there is none).
pub(crate) fn with_cites(lang: Lang, text: &str, cites: &str) -> String {
    match (cites.is_empty(), lang) {
        (true, _) => text.to_string(),
        (false, Lang::Zh) => format!("{text}{cites}"),
        (false, Lang::En) => format!("{text} {cites}"),
    }
}

/// A fact with the one place its source speaks of in front: "【佛山等地】…" / "[Foshan and
/// some other cities] …". Every sheet, screen and message prints the fact this way, so the place
/// never comes off it.
pub(crate) fn scoped(lang: Lang, place: &str, text: &str) -> String {
    match lang {
        Lang::Zh => format!("【{place}】{text}"),
        Lang::En => format!("[{place}] {text}"),
    }
}

/// A label and what follows it: `来源：…` / `Sources: …`.
/// "来源：[1] …", "Sources: [1] …": a label and its value, as every front end writes them.
pub(crate) fn labelled(lang: Lang, label: &str, value: impl std::fmt::Display) -> String {
    format!("{label}{}{value}", colon(lang))
}

pub(crate) fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// Between the items of a list of phrases: `；` / `; `.
pub(crate) fn list_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    }
}

/// Between names in an enumeration: `、` / `, `.
pub(crate) fn enum_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

/// `第 3 题`: the question's number only (the count of what is asked grows with the answers).
pub(crate) fn question_n(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {n} 题"),
        Lang::En => format!("Question {n}"),
    }
}

/// No hand-off code for these answers: one of them is not in the code's table.
pub(crate) fn no_code(lang: Lang, answer: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "本清单没有清单码：回答“{answer}”来自本机添加的数据，清单码表中没有它（在其他电脑上需要重新填写）。"
        ),
        Lang::En => format!(
            "This checklist has no code: the answer “{answer}” comes from data added on this computer and is not in the code's table (on another computer, answer the questions again)."
        ),
    }
}

/// The button under a refused answer that sets the answer its question offers instead.
pub(crate) fn choose_instead(lang: Lang, option: &str) -> String {
    match lang {
        Lang::Zh => format!("改选：{option}"),
        Lang::En => format!("Choose instead: {option}"),
    }
}

/// Asked once when Enter would skip a date a deadline is counted from.
pub(crate) fn skip_date_confirm(lang: Lang, date: &str) -> String {
    match lang {
        Lang::Zh => format!("不填{date}就无法算出截止日期，仍要跳过吗？"),
        Lang::En => {
            format!("Without the {date} the deadline cannot be worked out. Skip it anyway?")
        }
    }
}

/// Progress of the checklist: `已准备 7 / 12 项`.
pub fn progress(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("已准备 {done} / {total} 项"),
        Lang::En => format!("{done} of {total} ready"),
    }
}

/// Short progress for the case list: `7/12`.
pub(crate) fn progress_short(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("材料 {done}/{total}"),
        Lang::En => format!("materials {done}/{total}"),
    }
}

/// Next deadline in the case list.
pub fn next_deadline(lang: Lang, date: &str, days_left: i64) -> String {
    match lang {
        Lang::Zh => format!("截止 {date}（{}）", days_left_text(lang, days_left)),
        Lang::En => format!("due {date} ({})", days_left_text(lang, days_left)),
    }
}

/// The summary's headline when a deadline is still open: "报销申请期限：2026-06-10（还剩190天）".
pub(crate) fn next_deadline_headline(
    lang: Lang,
    label: &str,
    date: chrono::NaiveDate,
    days_left: i64,
) -> String {
    let mut out = String::with_capacity(label.len() + 40);
    out.push_str(label);
    out.push_str(colon(lang));
    write_date(&mut out, date);
    out.push_str(lang.pick("（", " ("));
    write_days_left(&mut out, lang, days_left);
    out.push_str(lang.pick("）", ")"));
    out
}

/// "报销申请期限已于 2026-01-10 截止（已逾期5天）".
pub(crate) fn overdue_since(lang: Lang, label: &str, date: &str, days_over: i64) -> String {
    match lang {
        Lang::Zh => format!("{label}已于 {date} 截止（已逾期{}）", days(lang, days_over)),
        Lang::En => format!(
            "{label}: overdue since {date} ({} late)",
            days(lang, days_over)
        ),
    }
}

/// What to do once a deadline has passed. The sources give none, so it is labelled as the
/// app's own advice.
pub(crate) fn what_now_overdue(lang: Lang, hotline: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "现在怎么办（本应用的建议）：尽快联系参保地医保经办机构或拨打 {hotline}，说明晚了的原因，问清还能否受理；材料照常准备齐全。"
        ),
        Lang::En => format!(
            "What to do now (the app's advice): contact the insurance office of your insured region or call {hotline} soon, explain why it is late and ask whether the claim can still be accepted; keep preparing the materials."
        ),
    }
}

/// A later date other sources give, still open, when the safest one has passed.
pub(crate) fn later_version_open(lang: Lang, date: &str, days_left: i64) -> String {
    match lang {
        Lang::Zh => format!(
            "其他来源给出的期限最晚到 {date}（{}），能否受理以参保地医保部门的答复为准。",
            days_left_text(lang, days_left)
        ),
        Lang::En => format!(
            "Other sources give until {date} ({}); whether it is still accepted is for the insurance office to say.",
            days_left_text(lang, days_left)
        ),
    }
}

/// "来源说法不一（共3种说法），按最早的算".
pub(crate) fn versions_note(lang: Lang, n: usize, limit: bool, planned: bool) -> String {
    match (lang, planned, limit) {
        (Lang::Zh, true, true) => format!("来源说法不一（共{n}种说法），按最早的算"),
        (Lang::Zh, true, false) => format!("来源说法不一（共{n}种说法），按最晚的估计"),
        (Lang::Zh, false, _) => format!("来源说法不一（共{n}种说法），均列出"),
        (Lang::En, true, true) => {
            format!("The sources disagree ({n} versions): planned on the earliest")
        }
        (Lang::En, true, false) => {
            format!("The sources disagree ({n} versions): planned on the latest")
        }
        (Lang::En, false, _) => format!("The sources disagree ({n} versions): all are listed"),
    }
}

/// A line to write a date on, on a blank sheet.
pub(crate) fn write_in(lang: Lang, date_label: &str) -> String {
    match lang {
        Lang::Zh => format!("{date_label}：____________    截止日期：____________"),
        Lang::En => format!("{date_label}: ____________    Deadline: ____________"),
    }
}

/// The open answers an entry of a blank sheet applies under: "若办理途径为“线上（APP、小程序、网站）”".
pub(crate) fn qualifier(lang: Lang, q: &crate::catalog::Qualifier) -> String {
    let test = |t: &crate::catalog::OpenTest| {
        let options: Vec<String> = t
            .option_labels
            .iter()
            .map(|o| format!("“{}”", o.get(lang)))
            .collect();
        let label = t.question_label.get(lang);
        match (lang, t.negated) {
            (Lang::Zh, false) => format!("{label}为{}", options.join("或")),
            (Lang::Zh, true) => format!("{label}不是{}", options.join("或")),
            (Lang::En, false) => format!("{label} is {}", options.join(" or ")),
            (Lang::En, true) => format!("{label} is not {}", options.join(" or ")),
        }
    };
    let alternatives: Vec<String> =
        q.0.iter()
            .map(|alt| {
                let tests: Vec<String> = alt.iter().map(test).collect();
                tests.join(lang.pick("且", " and "))
            })
            .collect();
    match lang {
        Lang::Zh => format!("若{}", alternatives.join("，或")),
        Lang::En => format!("If {}", alternatives.join(", or if ")),
    }
}

/// A text that applies under open answers only: "若办理途径为“线上…”：拍照/扫描上传".
pub(crate) fn qualified(lang: Lang, q: Option<&crate::catalog::Qualifier>, text: &str) -> String {
    match q {
        Some(q) => format!("{}{}{text}", qualifier(lang, q), colon(lang)),
        None => text.to_string(),
    }
}

/// Materials ready: "已准备 3 / 12 项材料"; on a blank sheet just the count.
pub(crate) fn materials_progress(lang: Lang, ready: usize, total: usize, blank: bool) -> String {
    match (lang, blank) {
        (Lang::Zh, false) => format!("已准备 {ready} / {total} 项材料"),
        (Lang::En, false) if total == 1 => format!("{ready} of 1 material ready"),
        (Lang::En, false) => format!("{ready} of {total} materials ready"),
        (Lang::Zh, true) => format!("共 {total} 项材料"),
        (Lang::En, true) if total == 1 => "1 material".to_string(),
        (Lang::En, true) => format!("{total} materials"),
    }
}

/// A channel with its contact, unless the name already says it: "国家医保服务平台APP", "窗口（021-12393）".
/// Written into the caller's string.
pub(crate) fn write_channel(out: &mut String, lang: Lang, name: &str, contact: Option<&str>) {
    out.push_str(name);
    match contact {
        Some(c) if !name.contains(c) => write_paren(out, lang, c),
        _ => {}
    }
}

/// "（x）" / " (x)".
pub(crate) fn paren(lang: Lang, x: &str) -> String {
    let mut out = String::with_capacity(x.len() + 6);
    write_paren(&mut out, lang, x);
    out
}

/// `paren`, written into the caller's string.
pub(crate) fn write_paren(out: &mut String, lang: Lang, x: &str) {
    out.push_str(lang.pick("（", " ("));
    out.push_str(x);
    out.push_str(lang.pick("）", ")"));
}

/// How a material is handed in.
pub(crate) fn form_label(lang: Lang, form: crate::catalog::Form) -> &'static str {
    use crate::catalog::Form as F;
    let (zh, en) = match form {
        F::Original => ("原件", "Original"),
        F::Copy => ("复印件", "Copy"),
        F::OriginalAndCopy => ("原件及复印件", "Original and copy"),
        F::Photo => ("拍照/扫描上传", "Photo or scan upload"),
        F::OnScreen => ("线上填写/勾选", "Filled in online"),
        F::Unspecified => (
            "来源未说明要原件还是复印件",
            "The sources do not say whether the original or a copy",
        ),
    };
    lang.pick(zh, en)
}

/// A group of materials.
pub fn group_label(lang: Lang, group: crate::catalog::MaterialGroup) -> &'static str {
    use crate::catalog::MaterialGroup as G;
    let (zh, en) = match group {
        G::Identity => ("身份与医保凭证", "Identity and insurance"),
        G::MedicalRecords => ("病历与证明", "Medical records"),
        G::Bills => ("票据与清单", "Bills and invoices"),
        G::Forms => ("表格与承诺书", "Forms and pledges"),
        G::Proof => ("其他证明材料", "Other proof"),
    };
    lang.pick(zh, en)
}

/// Label of a new case: `未命名 3`.
pub(crate) fn untitled(lang: Lang, n: usize) -> String {
    format!("{} {n}", s(lang).untitled)
}

/// Count badge: `2份`.
pub(crate) fn count_badge(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("{n}份"),
        Lang::En => format!("×{n}"),
    }
}

/// Accessible name of a "change" button on the review page.
pub(crate) fn change_named(lang: Lang, question: &str) -> String {
    match lang {
        Lang::Zh => format!("修改：{question}"),
        Lang::En => format!("Change: {question}"),
    }
}

/// The footer of a checklist: which data and which day it was worked out with.
pub(crate) fn data_version_line(lang: Lang, version: &str, today: chrono::NaiveDate) -> String {
    let mut out = String::with_capacity(version.len() + 40);
    out.push_str(lang.pick("数据版本 ", "Data version "));
    out.push_str(version);
    out.push_str(lang.pick("，按 ", ", worked out on "));
    write_date(&mut out, today);
    out.push_str(lang.pick(" 计算", ""));
    out
}

/// Accessible name of the button that opens a date question from the checklist.
pub(crate) fn enter_named(lang: Lang, question: &str) -> String {
    match lang {
        Lang::Zh => format!("填写日期：{question}"),
        Lang::En => format!("Enter the date: {question}"),
    }
}

/// Accessible name of a quick sheet's print button.
pub(crate) fn print_named(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("打印：{name}"),
        Lang::En => format!("Print: {name}"),
    }
}

/// Accessible name of a button that opens a case.
pub(crate) fn open_named(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Zh => format!("打开：{label}"),
        Lang::En => format!("Open: {label}"),
    }
}

/// Accessible name of a quick sheet's PDF button.
pub(crate) fn pdf_named(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("保存PDF：{name}"),
        Lang::En => format!("Save PDF: {name}"),
    }
}

/// A case's label as shown: a default name ("未命名 3" / "Untitled 3") follows the current
/// language; a name someone typed is shown as typed.
pub(crate) fn display_label(lang: Lang, label: &str) -> String {
    let n = label
        .strip_prefix(ZH.untitled)
        .or_else(|| label.strip_prefix(EN.untitled))
        .map(str::trim)
        .and_then(|n| n.parse::<usize>().ok());
    if let Some(n) = n {
        return untitled(lang, n);
    }
    // A case opened from a code is named after it ("清单码 2643-TNQN-AP55-8EDD"): the word
    // follows the language, the code stays.
    let code = [ZH.code_label, EN.code_label].iter().find_map(|w| {
        label
            .strip_prefix(w)
            .and_then(|r| r.strip_prefix(' '))
            .filter(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    });
    match code {
        Some(code) => format!("{} {code}", s(lang).code_label),
        None => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_case_names_follow_the_language() {
        assert_eq!(display_label(Lang::Zh, "Untitled 5"), "未命名 5");
        assert_eq!(display_label(Lang::En, "未命名 5"), "Untitled 5");
        assert_eq!(display_label(Lang::En, "妈妈住院"), "妈妈住院");
        assert_eq!(display_label(Lang::Zh, "Untitled notes"), "Untitled notes");
    }

    #[test]
    fn english_material_counts_agree_with_their_number() {
        assert_eq!(
            materials_progress(Lang::En, 0, 1, false),
            "0 of 1 material ready"
        );
    }
}
