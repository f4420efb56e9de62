//! Every string the app, the printed sheets and the command line show, in Chinese and English.
//!
//! Plain strings are declared with the `strings!` macro: each entry must give both languages, so
//! a missing translation does not compile. Strings with values in them are functions that
//! `match` on the language, so a missing arm does not compile either.

use crate::catalog::Lang;
use crate::engine::{AnswerError, AnswerErrorKind};
use std::io;

mod args;
mod case_state;
mod data;
mod parse;
mod rules;
mod validate;
pub use args::{ArgProblem, arg_error};
pub use case_state::*;
pub use data::*;
pub use parse::parse_problem;
pub use rules::rule;
pub use validate::{
    CatalogCounts, validate_bundled, validate_errors, validate_ok, validate_warning,
};

macro_rules! strings {
    ($($name:ident => $zh:expr, $en:expr;)*) => {
        /// The plain UI strings of one language.
        pub struct Strings {
            $(pub $name: &'static str,)*
        }
        pub(crate) static ZH: Strings = Strings { $($name: $zh,)* };
        pub(crate) static EN: Strings = Strings { $($name: $en,)* };
        /// `(name, zh, en)` of every plain string, for the completeness test.
        #[cfg(test)]
        fn all_pairs() -> Vec<(&'static str, &'static str, &'static str)> {
            vec![$((stringify!($name), $zh, $en),)*]
        }
    };
}

strings! {
    // Top bar
    app_name => "医保报销材料清单助手", "Medical-insurance claim checklist";
    language => "语言", "Language";
    text_size => "文字大小", "Text size";
    smaller_text => "缩小文字", "Smaller text";
    larger_text => "放大文字", "Larger text";
    theme => "外观", "Theme";
    light => "浅色", "Light";
    dark => "深色", "Dark";
    show_list => "显示清单列表", "Show the list";
    hide_list => "隐藏清单列表", "Hide the list";
    home => "首页", "Home";
    list_short => "列表", "List";
    home_hint => "回到首页：常用情形、输入清单码、新建（Ctrl+H）", "Back to the start page: common situations, checklist code, new (Ctrl+H)";

    // Side panel
    saved_cases => "已保存的清单", "Saved checklists";
    new_case => "新建", "New";
    search => "搜索", "Search";
    search_hint => "按名称查找", "Find by name";
    rename => "重命名", "Rename";
    case_menu => "清单操作…", "Checklist…";
    rename_to => "新名称", "New name";
    ok => "确定", "OK";
    cancel => "取消", "Cancel";
    duplicate => "复制", "Duplicate";
    delete => "删除", "Delete";
    import => "导入…", "Import…";
    export => "导出…", "Export…";
    undo => "撤销", "Undo";
    no_cases => "还没有保存的清单。点击“新建”开始。", "No saved checklists yet. Click “New” to start.";
    no_match => "没有名称匹配的清单。", "No checklist has that name.";
    not_started => "还没有回答问题", "No answers yet";
    answering => "问题还没答完", "Questions not finished";
    copy_suffix => "（副本）", " (copy)";
    untitled => "未命名", "Untitled";
    selected_case => "当前清单", "Current checklist";
    case_file_filter => "清单文件", "Checklist file";
    pick_file => "选择要导入的清单文件：", "Choose the checklist file to import:";
    up_folder => "上一级", "Up";
    folder_downloads => "下载", "Downloads";
    folder_documents => "文档", "Documents";
    folder_desktop => "桌面", "Desktop";
    folder_home => "主文件夹", "Home";
    no_files_here => "这个文件夹里没有清单文件。", "No checklist files in this folder.";
    too_many_files => "文件太多，只显示了一部分。", "Too many files: only some are shown.";

    // Front desk
    quick_button => "常用情形（前台快速打印）", "Common situations (front desk)";
    quick_title => "常用情形", "Common situations";
    quick_intro => "选一种情形直接打印空白清单，可先填上患者姓名。↑↓ 选择，回车打印。", "Pick a situation to print its blank sheet, with the patient's name if you type it. Up/Down to choose, Enter to print.";
    quick_none => "还没有常用情形。可以在自定义清单文件夹里添加。", "No common situations yet. Add them in your own checklist folder.";
    patient_name => "患者姓名", "Patient's name";
    patient_name_hint => "可不填", "optional";
    print => "打印", "Print";
    save_pdf => "保存PDF", "Save PDF";
    printer => "打印机", "Printer";
    open_file => "打开文件", "Open the file";
    photo_add => "添加照片或扫描件…", "Add a photo or scan…";
    photo_remove => "删除这张", "Remove";
    photo_checking => "正在检查照片…", "Checking the photo…";
    photo_ok => "照片检查：没有发现问题", "Photo check: no problem found";
    photo_not_checked => "PDF文件：无法检查清晰度，请自己确认", "PDF: not checked; look at it yourself";
    photo_no_problem => "未发现问题：清晰、四角完整、无反光。", "No problems found: sharp, all four corners, no glare.";
    other_attachment => "其他附件", "Other attachment";
    other_attachments => "其他附件（不在清单中）", "Other attachments (not on the checklist)";
    attachment_missing => "缺", "missing";
    attached_below => "已附（见下）", "attached (see below)";
    photo_none_named => "请至少给出一张照片", "name at least one photo";
    photo_unreadable_files => "以下文件不是可读取的图片：", "not readable images:";
    photo_filter => "照片或扫描件", "Photos or scans";
    pick_photo => "选择照片或扫描件（JPEG、PNG、PDF）：", "Choose a photo or scan (JPEG, PNG, PDF):";
    submission => "提交材料包", "Submission package";
    submission_file => "提交材料包", "submission";
    photos_heading => "照片或扫描件", "Photos or scans";
    due_title => "近期要办的期限（14天内或已逾期）", "Deadlines coming up (within 14 days, or passed)";
    due_dismiss => "今天不再提醒", "Not again today";
    open_case => "打开", "Open";
    open_folder => "打开所在文件夹", "Open the folder";
    more_messages => "条较早的消息", "earlier messages";

    // Welcome
    welcome_title => "欢迎使用医保报销材料清单助手", "Welcome";
    welcome_text => "回答几个简单的问题，就能得到需要准备的材料、办理步骤和截止日期。每一步都会自动保存。", "Answer a few short questions to get the materials to prepare, the steps and the deadlines. Everything is saved as you go.";
    welcome_start => "新建清单并开始回答", "Start a new checklist";
    welcome_or_pick => "也可以在左边的列表中打开已保存的清单。", "Or open a saved checklist from the list on the left.";
    welcome_or_pick_narrow => "也可以点上方的“列表”打开已保存的清单。", "Or open a saved checklist with “List” above.";

    // Wizard
    back => "上一题", "Back";
    next => "下一题", "Next";
    skip => "跳过", "Skip";
    skip_dates => "跳过所有可选日期", "Skip the optional dates";
    today => "今天", "Today";
    date_hint => "例如 2025-03-10", "e.g. 2025-03-10";
    date_format => "请按“年-月-日”填写，例如 2025-03-10。", "Write year-month-day, for example 2025-03-10.";
    optional => "（可以不填）", " (optional)";
    choose_one => "请先选择一项，再点“下一题”。", "Choose one option, then click “Next”.";
    date_required => "请填写日期。", "Please enter a date.";
    skip_again => "再按一次回车（或点“跳过”）就跳过。", "Press Enter again (or click “Skip”) to skip it.";
    help => "说明", "Help";

    // Review
    review_title => "核对您的回答", "Review your answers";
    review_intro => "请核对下面的回答。点“修改”可以更改，已勾选的材料会保留。", "Check your answers below. “Change” lets you edit one; your ticks are kept.";
    change => "修改", "Change";
    not_answered => "未填写", "Not answered";
    show_checklist => "查看材料清单", "Show the checklist";
    required_missing => "还有必答的问题没有回答：", "Some required questions are not answered yet:";
    answer_now => "去回答", "Answer now";

    // Checklist
    checklist_title => "材料清单", "Checklist";
    edit_answers => "修改回答", "Edit answers";
    print_pdf => "打印 / 导出PDF", "Print / export PDF";
    blank_sheet => "空白清单", "Blank sheet";
    print_full => "完整版PDF", "Full PDF";
    warnings => "重要提醒", "Important";
    materials => "需要准备的材料", "Materials to prepare";
    no_materials => "根据您的回答，暂时没有需要准备的材料。", "Your answers call for no materials.";
    requirements => "要求", "Requirements";
    where_to_get => "在哪里办理/获取", "Where to get it";
    alternatives => "可以替代", "Alternatives";
    why_needed => "为什么需要", "Why it is needed";
    because => "因为您的回答", "Because you answered";
    sources => "来源", "Sources";
    note => "备注", "Note";
    note_hint => "例如：已复印2份", "e.g. two copies made";
    steps => "办理步骤", "Steps";
    channels => "办理渠道", "Where";
    deadlines => "期限与时间", "Deadlines and times";
    due_soon => "即将到期", "Due soon";
    overdue => "已逾期", "Overdue";
    sources_disagree => "来源说法不一，以下并列显示各个说法：", "The sources disagree; every version is shown:";
    safest_limit => "最稳妥（最早）", "Safest (earliest)";
    safest_estimate => "按最晚估计", "Plan on the latest";
    if_missed => "逾期后果", "If missed";
    counted_from => "起算", "Counted from";
    rules_tips => "规则与提示", "Rules and tips";
    no_longer_needed => "不再需要的项目", "No longer needed";
    no_longer_intro => "这些项目您之前勾选或写了备注，但按现在的回答已不再需要。记录仍然保留。", "You ticked these or wrote a note, but your answers no longer call for them. Your ticks are kept.";
    insured_region => "参保地", "Insured region";
    hotlines => "咨询电话", "Hotlines";
    all_sources => "资料来源", "Sources";
    partial_checklist => "还有必答的问题没有回答，下面的清单还不完整。", "Some required questions are not answered yet, so this checklist is incomplete.";
    continue_answering => "继续回答", "Continue answering";
    fix_answers => "有回答需要修正，修正后才能生成清单：", "Some answers need fixing before the checklist can be made:";
    original => "原件", "Original";
    copy => "复印件", "Copy";
    saving_pdf => "正在等待选择保存位置…", "Waiting for you to choose where to save…";
    choosing_file => "正在等待选择文件…", "Waiting for you to choose a file…";
    save_to_default => "保存到默认文件夹", "Save to the default folder";

    enter_date => "填写日期", "Enter the date";

    // The checklist view (screen, sheet and terminal alike)
    sheet_title => "医保报销材料清单", "Medical-insurance checklist";
    summary => "当前情况", "Where you stand";
    next_step => "下一步", "Next step";
    no_deadline => "根据您的回答，没有必须赶在某天之前办的事。", "Your answers call for no deadline to meet.";
    sources_say => "来源的说法", "What the sources say";
    what_it_is => "说明", "What it is";
    form => "原件还是复印件", "Original or copy";
    related => "相关推荐", "Related";
    sources_intro => "条目后方括号里的数字是下列来源的编号。", "Numbers in brackets refer to these sources.";
    details => "详情与来源", "Details and sources";
    all_versions => "各个说法与来源", "Every version and its sources";
    more_item => "详情、备注、照片", "Details, note, photos";
    more_step => "详情、备注", "Details, note";
    less => "收起", "Less";
    show_section => "展开", "Show";
    unused_answer => "未使用的回答", "Unused answer";
    case_label => "案例", "Case";
    printed_on => "打印日期", "Printed on";
    name_field => "姓名", "Name";
    date_field => "日期", "Date";
    open_intro => "以下情况还没有确定，请勾选；标有“若……”的项目只在那种情况下需要。", "Not decided yet: tick one of each. Items marked “If …” are needed only in that case.";
    continued => "（续）", " (continued)";
    data_version => "数据版本", "Data version";
    still_to_answer => "还需要回答的问题（用 --answer 问题=选项 填写）：", "Still to answer (pass --answer QUESTION=OPTION):";
    options => "选项", "options";
    error_prefix => "错误", "error";
    // Started without a command, before any language is known: the English words stay beside
    // the Chinese, as the README quotes them for Windows users.
    window_error => "错误：无法打开窗口（cannot open the window）", "error: cannot open the window";
    notice => "注意", "warning";
    essentials_note => "本页为精简版：各个说法、规则与提示和来源见完整版。", "This is the essentials sheet: every version, rule, tip and source is on the full sheet.";
    // Banners
    dismiss => "知道了", "Dismiss";
    retry => "重试", "Retry";
    read_only => "另一个窗口正在使用同一份数据，本窗口只能查看：您在这里的修改不会被保存。请关闭另一个窗口，再重新打开本程序。", "Another window of this app is using the same data, so this one can only show it: changes made here are not saved. Close the other window and open the app again.";
    catalog_errors => "您的自定义清单文件有错误，已改用内置数据。请修正以下位置：", "Your own checklist files have errors; the built-in data is used instead. Fix these places:";
    no_data_dir => "找不到保存数据的文件夹，本次的修改不会被保存。", "No folder to keep data in was found; changes will not be saved.";
    cancelled => "没有选择保存位置，文件未保存。", "No place was chosen; nothing was saved.";
    import_cancelled => "没有选择文件，未导入。", "No file was chosen; nothing was imported.";

    // After the visit (issue 10): hand-off code, calendar, text for a message, recheck
    code_label => "清单码", "Checklist code";
    toc_label => "跳到", "Go to";
    toc_summary => "当前情况", "Where you stand";
    toc_materials => "材料", "Materials";
    toc_steps => "步骤", "Steps";
    toc_deadlines => "期限", "Deadlines";
    code_hint => "在本程序中输入清单码，可在其他电脑上继续。", "Type this code into the app to continue on another computer.";
    enter_code => "输入清单码", "Enter a checklist code";
    open_code => "打开", "Open";
    copy_text => "复制文字", "Copy as text";
    copied => "已复制，可以粘贴到微信等聊天软件。", "Copied: paste it into a message.";
    calendar => "日历", "Calendar";
    calendar_filter => "日历文件", "Calendar file";
    next_deadline_plain => "下一个截止日期", "Next deadline";
    estimate_mark => "（预计）", " (estimate)";
    what_to_do => "要做的事", "What to do";
    recheck_title => "数据更新后，您的清单有变化", "Your checklist changed with the new data";
    recheck_none => "各清单自上次查看以来没有变化。", "No checklist changed since it was last shown.";
    recheck_new => "新增", "New";
    recheck_gone => "不再需要", "No longer required";
    recheck_moved => "期限变动", "Deadline moved";
    recheck_not_recorded => "另一个窗口正在使用这些清单，本次没有记录已查看，下次会再次显示。", "Another window is using these checklists, so this was not recorded as shown; it will show again.";
    recheck_first => "首次记录（以后有变化会在这里显示）", "Recorded for the first time (changes will show here from now on)";

    // For screen readers (issue 25): a disclosure button's state in words
    expanded => "已展开", "expanded";
    collapsed => "已收起", "collapsed";
}

/// The plain strings of a language.
pub fn s(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

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

/// "3 days", "1 day": English counts agree with their number.
pub fn days(lang: Lang, n: i64) -> String {
    let mut out = String::with_capacity(12);
    write_days(&mut out, lang, n);
    out
}

/// `days`, written into the caller's string.
pub(crate) fn write_days(out: &mut String, lang: Lang, n: i64) {
    let n = n.unsigned_abs();
    write_number(out, n);
    out.push_str(match (lang, n) {
        (Lang::Zh, _) => "天",
        (Lang::En, 1) => " day",
        (Lang::En, _) => " days",
    });
}

/// A number in decimal, without the formatting machinery.
pub(crate) fn write_number(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut rest = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
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
    super::wording::write_date(&mut out, date);
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
    super::wording::write_date(&mut out, today);
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

pub fn deleted(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Zh => format!("已删除“{label}”。"),
        Lang::En => format!("Deleted “{label}”."),
    }
}

/// Where a date stands, the same words everywhere: "已逾期5天", "今天截止", "还剩3天".
pub(crate) fn days_left_text(lang: Lang, d: i64) -> String {
    let mut out = String::with_capacity(24);
    write_days_left(&mut out, lang, d);
    out
}

/// `days_left_text`, written into the caller's string.
pub(crate) fn write_days_left(out: &mut String, lang: Lang, d: i64) {
    match (lang, d) {
        (Lang::Zh, d) if d < 0 => {
            out.push_str("已逾期");
            write_days(out, lang, d);
        }
        (_, 0) => out.push_str(lang.pick("今天截止", "due today")),
        (Lang::Zh, d) => {
            out.push_str("还剩");
            write_days(out, lang, d);
        }
        (Lang::En, d) if d < 0 => {
            out.push_str("overdue by ");
            write_days(out, lang, d);
        }
        (Lang::En, d) => {
            write_days(out, lang, d);
            out.push_str(" left");
        }
    }
}

/// Why a chosen file is not read at all (not an ordinary file, or too large).
pub(crate) fn refused(lang: Lang, r: crate::fsread::Refused) -> String {
    use crate::fsread::{Refused as R, Special as S};
    match (r, lang) {
        (R::NotAFile(S::Folder), _) => lang
            .pick("这是一个文件夹，不是文件", "it is a folder, not a file")
            .to_string(),
        (R::NotAFile(S::Pipe), _) => lang
            .pick(
                "这是一个管道（FIFO），不是普通文件，不读取",
                "it is a pipe (FIFO), not an ordinary file; it is not read",
            )
            .to_string(),
        (R::NotAFile(S::Device), _) => lang
            .pick(
                "这是一个设备，不是普通文件，不读取",
                "it is a device, not an ordinary file; it is not read",
            )
            .to_string(),
        (R::NotAFile(S::Socket), _) => lang
            .pick(
                "这是一个套接字，不是普通文件，不读取",
                "it is a socket, not an ordinary file; it is not read",
            )
            .to_string(),
        (R::NotAFile(S::SystemInfo), _) => lang
            .pick(
                "这是系统信息文件（/proc、/sys），不是保存的数据，不读取",
                "it is a file of system information (/proc, /sys), not saved data; it is not read",
            )
            .to_string(),
        (R::NotAFile(S::Other), _) => lang
            .pick(
                "这不是普通文件，不读取",
                "it is not an ordinary file; it is not read",
            )
            .to_string(),
        (R::TooLarge { max }, Lang::Zh) => format!("文件太大（超过 {max} 字节），不读取"),
        (R::TooLarge { max }, Lang::En) => {
            format!("the file is too large (over {max} bytes); it is not read")
        }
    }
}

/// Why a bundle or case file is refused, or a newer case is left unchanged.
pub(crate) fn refusal(lang: Lang, r: &crate::cases::Refusal) -> String {
    use crate::cases::Refusal as R;
    match (r, lang) {
        (R::NotABundle, Lang::Zh) => "不是清单包（zip 文件无法读取或已损坏）".into(),
        (R::NotABundle, Lang::En) => "not a checklist bundle (the zip cannot be read)".into(),
        (R::TooManyEntries { max }, Lang::Zh) => format!("清单包中的文件太多（最多 {max} 个）"),
        (R::TooManyEntries { max }, Lang::En) => {
            format!("the bundle holds too many files (at most {max})")
        }
        (R::EntryTooLarge { name, max }, Lang::Zh) => {
            format!("清单包中的“{name}”解压后太大（最多 {max} 字节）")
        }
        (R::EntryTooLarge { name, max }, Lang::En) => {
            format!("\"{name}\" in the bundle is too large unpacked (at most {max} bytes)")
        }
        (R::SizeMismatch { name }, Lang::Zh) => {
            format!("清单包中的“{name}”解压后比它声明的大小更大，包已损坏或被篡改")
        }
        (R::SizeMismatch { name }, Lang::En) => format!(
            "\"{name}\" in the bundle unpacks to more than its stated size: the bundle is damaged or tampered with"
        ),
        (R::BundleTooLarge { max }, Lang::Zh) => {
            format!("清单包解压后太大（总共最多 {max} 字节）")
        }
        (R::BundleTooLarge { max }, Lang::En) => {
            format!("the bundle is too large unpacked (at most {max} bytes in all)")
        }
        (R::Duplicate, Lang::Zh) => "清单包中有两个同名的文件，无法确定用哪一个".into(),
        (R::Duplicate, Lang::En) => {
            "two files in the bundle have the same name; it is unclear which one counts".into()
        }
        (R::UnsafePath { name }, Lang::Zh) => {
            format!("清单包中的“{name}”指向包外（绝对路径或“..”），不导入")
        }
        (R::UnsafePath { name }, Lang::En) => format!(
            "\"{name}\" in the bundle points outside it (an absolute path or \"..\"); not imported"
        ),
        (R::Link { name }, Lang::Zh) => format!("清单包中的“{name}”是链接，不导入"),
        (R::Link { name }, Lang::En) => format!("\"{name}\" in the bundle is a link; not imported"),
        (R::Encrypted { name }, Lang::Zh) => format!("清单包中的“{name}”已加密，无法读取"),
        (R::Encrypted { name }, Lang::En) => {
            format!("\"{name}\" in the bundle is encrypted and cannot be read")
        }
        (R::Unexpected { name }, Lang::Zh) => {
            format!("清单包中有不该有的“{name}”（只应有 case.ron 和 files/ 中的照片）")
        }
        (R::Unexpected { name }, Lang::En) => format!(
            "the bundle holds an unexpected \"{name}\" (only case.ron and photos in files/ belong there)"
        ),
        (R::Damaged { index }, Lang::Zh) => format!("清单包第 {} 项已损坏", index + 1),
        (R::Damaged { index }, Lang::En) => format!("entry {} of the bundle is damaged", index + 1),
        (R::NotAPhoto { name }, Lang::Zh) => {
            format!("清单包中的“{name}”不是 JPEG、PNG 或 PDF 文件")
        }
        (R::NotAPhoto { name }, Lang::En) => {
            format!("\"{name}\" in the bundle is not a JPEG, PNG or PDF file")
        }
        (R::NoCase, Lang::Zh) => "清单包中没有 case.ron（清单本身）".into(),
        (R::NoCase, Lang::En) => "the bundle has no case.ron (the checklist itself)".into(),
        (R::MissingFile { file }, Lang::Zh) => format!("清单提到的附件“{file}”不在清单包中"),
        (R::MissingFile { file }, Lang::En) => {
            format!("the attachment \"{file}\" the checklist names is not in the bundle")
        }
        (R::ExtraFile { name }, Lang::Zh) => format!("清单包中的“{name}”不是这份清单的附件"),
        (R::ExtraFile { name }, Lang::En) => {
            format!("\"{name}\" in the bundle is not an attachment of the checklist")
        }
        (R::Case(u), lang) => unreadable(lang, u),
        (R::Newer { schema }, Lang::Zh) => format!(
            "这份清单由更新版本的程序保存（格式 {schema}，本程序只认识到 {}），请先更新本程序",
            crate::cases::SCHEMA_VERSION
        ),
        (R::Newer { schema }, Lang::En) => format!(
            "this checklist was saved by a newer version of the app (format {schema}; this one knows up to {}): update the app first",
            crate::cases::SCHEMA_VERSION
        ),
    }
}

/// An I/O failure in words.
pub(crate) fn io_reason(lang: Lang, e: &io::Error) -> String {
    use io::ErrorKind as K;
    if let Some(r) = crate::fsread::Refused::of(e) {
        return refused(lang, r);
    }
    if let Some(r) = e
        .get_ref()
        .and_then(|x| x.downcast_ref::<crate::cases::Refusal>())
    {
        return refusal(lang, r);
    }
    let zh = match e.kind() {
        K::StorageFull => Some(("磁盘已满", "the disk is full")),
        K::PermissionDenied => Some((
            "没有写入这个文件夹的权限",
            "there is no permission to write to this folder",
        )),
        K::ReadOnlyFilesystem => Some(("这个文件夹是只读的", "the folder is read-only")),
        K::NotFound => Some((
            "找不到这个文件或文件夹",
            "the file or folder does not exist",
        )),
        K::AlreadyExists => Some(("同名文件已存在", "a file with that name already exists")),
        K::InvalidData => Some((
            "文件内容无法读取（不是文字，或已损坏）",
            "the file's content cannot be read (not text, or damaged)",
        )),
        K::IsADirectory => Some(("这是一个文件夹，不是文件", "it is a folder, not a file")),
        K::FileTooLarge => Some(("文件太大", "the file is too large")),
        K::Interrupted | K::TimedOut | K::WouldBlock => Some((
            "操作被中断，请重试",
            "the operation was interrupted; try again",
        )),
        _ => None,
    };
    match (zh, lang) {
        (Some((z, _)), Lang::Zh) => z.to_string(),
        (Some((_, en)), Lang::En) => en.to_string(),
        // The system's own words are English: in Chinese, say what happened and give the code.
        (None, Lang::Zh) => match e.raw_os_error() {
            Some(code) => format!("读写文件时出错（系统错误代码 {code}）"),
            None => "读写文件时出错".to_string(),
        },
        (None, Lang::En) => e.to_string(),
    }
}

/// A store error in words.
pub(crate) fn store_error(lang: Lang, e: &crate::cases::StoreError) -> String {
    use crate::cases::StoreError as E;
    match (e, lang) {
        (E::Write { path, source }, Lang::Zh) => {
            format!("无法写入 {}：{}", path.display(), io_reason(lang, source))
        }
        (E::Write { path, source }, Lang::En) => format!(
            "cannot write {}: {}",
            path.display(),
            io_reason(lang, source)
        ),
        (E::Read { path, source }, Lang::Zh) => {
            format!("无法读取 {}：{}", path.display(), io_reason(lang, source))
        }
        (E::Read { path, source }, Lang::En) => format!(
            "cannot read {}: {}",
            path.display(),
            io_reason(lang, source)
        ),
        (E::ReadOnly(_), Lang::Zh) => "另一个窗口正在使用同一份数据，本窗口不能保存".to_string(),
        (E::ReadOnly(_), Lang::En) => {
            "another window of the app is using the same data; this one cannot save".to_string()
        }
        (E::NotFound(id), Lang::Zh) => format!("找不到清单 {id}"),
        (E::NotFound(id), Lang::En) => format!("no checklist {id}"),
        (E::TooLarge { size, max, .. }, Lang::Zh) => {
            format!("无法保存：清单有 {size} 字节，超过上限 {max} 字节；请缩短备注")
        }
        (E::TooLarge { size, max, .. }, Lang::En) => format!(
            "cannot save: the checklist is {size} bytes, more than the {max} bytes allowed; shorten its notes"
        ),
    }
}

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

/// A print job the print service accepted.
pub(crate) fn print_accepted(lang: Lang, job: &str) -> String {
    match lang {
        Lang::Zh => format!("已发送到打印机（任务 {job}）"),
        Lang::En => format!("Sent to the printer (job {job})"),
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

/// After `calendar`: how many events the file holds.
pub(crate) fn events_written(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Zh, 0) => "没有带日期的期限，日历文件中没有事件。填写日期后再导出。".into(),
        (Lang::Zh, n) => format!("{n}个事件，每个提前7天和1天提醒。"),
        (Lang::En, 0) => {
            "No deadline has a date, so the file has no events. Enter the dates, then export again."
                .into()
        }
        (Lang::En, 1) => "1 event, with reminders 7 days and 1 day before.".into(),
        (Lang::En, n) => format!("{n} events, each with reminders 7 days and 1 day before."),
    }
}

/// A deadline that moved since the checklist was last shown.
pub fn moved(lang: Lang, label: &str, from: &str, to: &str) -> String {
    match lang {
        Lang::Zh => format!("{label}：{from} → {to}"),
        Lang::En => format!("{label}: {from} → {to}"),
    }
}

/// A date no longer worked out (or newly worked out), for "what changed".
pub(crate) fn no_date(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "无日期",
        Lang::En => "no date",
    }
}

/// The line above the changes of one case: "“妈妈住院”（数据版本 A → B）".
pub(crate) fn recheck_case(lang: Lang, label: &str, from: &str, to: &str) -> String {
    match (lang, from == to) {
        (Lang::Zh, true) => format!("“{label}”"),
        (Lang::Zh, false) => format!("“{label}”（数据版本 {from} → {to}）"),
        (Lang::En, true) => format!("“{label}”"),
        (Lang::En, false) => format!("“{label}” (data version {from} → {to})"),
    }
}

/// `--case LABEL` names no saved case, or more than one ignoring case.
pub(crate) fn case_not_found(lang: Lang, label: &str, saved: &[&str], several: bool) -> String {
    let names: Vec<String> = saved
        .iter()
        .map(|l| match lang {
            Lang::Zh => format!("“{l}”"),
            Lang::En => format!("\"{l}\""),
        })
        .collect();
    let names = names.join(enum_sep(lang));
    match (lang, several, saved.is_empty()) {
        (Lang::Zh, true, _) => {
            format!("有不止一份清单叫“{label}”（不分大小写）：{names}；请写出完整的名称")
        }
        (Lang::En, true, _) => format!(
            "more than one saved case is called \"{label}\" (ignoring case): {names}; give the exact label"
        ),
        (Lang::Zh, false, true) => format!("没有叫“{label}”的清单：还没有保存任何清单"),
        (Lang::En, false, true) => {
            format!("no saved case is called \"{label}\": there are no saved cases")
        }
        (Lang::Zh, false, false) => format!("没有叫“{label}”的清单。已保存的清单：{names}"),
        (Lang::En, false, false) => {
            format!("no saved case is called \"{label}\". Saved cases: {names}")
        }
    }
}

/// The saved cases cannot be reached.
pub(crate) fn cases_unavailable(lang: Lang, dir: Option<&str>, why: &str) -> String {
    match (lang, dir) {
        (Lang::Zh, None) => "找不到保存清单的文件夹（可设置 YIBAO_CHECKLIST_DATA_DIR）".to_string(),
        (Lang::En, None) => {
            "cannot find the data folder for saved cases (set YIBAO_CHECKLIST_DATA_DIR)".to_string()
        }
        (Lang::Zh, Some(d)) => format!("无法打开 {d} 中保存的清单：{why}"),
        (Lang::En, Some(d)) => format!("cannot open the saved cases in {d}: {why}"),
    }
}

/// Why a case file is unusable.
pub fn unreadable(lang: Lang, r: &crate::cases::Unreadable) -> String {
    use crate::cases::Unreadable as U;
    match (r, lang) {
        (U::Io(kind), Lang::Zh) => {
            format!("无法读取文件：{}", io_reason(lang, &io::Error::from(*kind)))
        }
        (U::Io(kind), Lang::En) => format!(
            "cannot read the file: {}",
            io_reason(lang, &io::Error::from(*kind))
        ),
        (U::NotUtf8, Lang::Zh) => "文件内容不是可读的文字，可能已损坏".to_string(),
        (U::NotUtf8, Lang::En) => "the file is not readable text (damaged?)".to_string(),
        (U::Empty, Lang::Zh) => "文件是空的".to_string(),
        (U::Empty, Lang::En) => "the file is empty".to_string(),
        (U::Invalid { line, col, problem }, Lang::Zh) => format!(
            "不是有效的清单文件，第 {line} 行第 {col} 列有误：{}",
            parse_problem(lang, problem)
        ),
        (U::Invalid { line, col, problem }, Lang::En) => format!(
            "not a valid case file: wrong at line {line}, column {col}: {}",
            parse_problem(lang, problem)
        ),
        (U::UncontainedAttachment { name }, Lang::Zh) => {
            format!("附件名“{name}”指向清单自己的文件夹之外（绝对路径、“..”或路径分隔符），已拒绝")
        }
        (U::UncontainedAttachment { name }, Lang::En) => format!(
            "the attachment name \"{name}\" points outside the case's own folder (an absolute path, \"..\" or a path separator); refused"
        ),
        (U::Refused(r), lang) => refused(lang, *r),
        (U::TooMany { what, max }, Lang::Zh) => {
            let what = match what {
                crate::cases::Counted::Items => "勾选和备注",
                crate::cases::Counted::Answers => "回答",
                crate::cases::Counted::Attachments => "附件",
            };
            format!("清单中的{what}太多（最多 {max} 项）")
        }
        (U::TooMany { what, max }, Lang::En) => {
            let what = match what {
                crate::cases::Counted::Items => "ticks and notes",
                crate::cases::Counted::Answers => "answers",
                crate::cases::Counted::Attachments => "attachments",
            };
            format!("the checklist has too many {what} (at most {max})")
        }
    }
}

/// Why a corrupt file was left in place, as a remark after its reason ("" when the command
/// only reads, which the finding already says).
pub fn not_moved(lang: Lang, n: Option<&crate::cases::NotMoved>) -> String {
    use crate::cases::NotMoved as N;
    match (n, lang) {
        (None | Some(N::ReadOnlyOpening), _) => String::new(),
        (Some(N::StoreHeld), Lang::Zh) => "（未移走：另一个窗口正在使用这些清单）".to_string(),
        (Some(N::StoreHeld), Lang::En) => {
            " (not moved aside: another copy of the app holds the store)".to_string()
        }
        (Some(N::MoveFailed(kind)), Lang::Zh) => format!(
            "（无法移到一旁：{}）",
            io_reason(lang, &io::Error::from(*kind))
        ),
        (Some(N::MoveFailed(kind)), Lang::En) => format!(
            " (cannot move it aside: {})",
            io_reason(lang, &io::Error::from(*kind))
        ),
    }
}

/// Something else opening the store ran into.
pub(crate) fn load_warning(lang: Lang, w: &crate::cases::LoadWarning) -> String {
    use crate::cases::LoadWarning as W;
    let io = |k: &io::ErrorKind| io_reason(lang, &io::Error::from(*k));
    match (w, lang) {
        (W::NoLock { path, error }, Lang::Zh) => format!(
            "无法锁定 {}：{}；另一个窗口可能覆盖这里保存的内容",
            path.display(),
            io(error)
        ),
        (W::NoLock { path, error }, Lang::En) => format!(
            "cannot lock {}: {}; another copy of the app could overwrite saves",
            path.display(),
            io(error)
        ),
        (W::LeftoverKept { path, error }, Lang::Zh) => format!(
            "无法删除中断的保存留下的临时文件 {}：{}",
            path.display(),
            io(error)
        ),
        (W::LeftoverKept { path, error }, Lang::En) => format!(
            "cannot remove the leftover {} of an interrupted save: {}",
            path.display(),
            io(error)
        ),
        (W::RestoreNotWritten { id, path, error }, Lang::Zh) => format!(
            "已从备份恢复“{id}”（只在本次打开中），但无法写入 {}：{}",
            path.display(),
            io(error)
        ),
        (W::RestoreNotWritten { id, path, error }, Lang::En) => format!(
            "restored \"{id}\" from its backup for now, but cannot write {}: {}",
            path.display(),
            io(error)
        ),
        (W::BackupUnusable { path, reason }, Lang::Zh) => format!(
            "备份 {} 也无法使用：{}",
            path.display(),
            unreadable(lang, reason)
        ),
        (W::BackupUnusable { path, reason }, Lang::En) => format!(
            "the backup {} is unusable too: {}",
            path.display(),
            unreadable(lang, reason)
        ),
    }
}

/// What a reading command found in the store and left alone, with what to do.
pub(crate) fn finding(lang: Lang, f: &crate::cases::readonly::Finding) -> String {
    use crate::cases::readonly::Finding as F;
    match (f, lang) {
        (
            F::Corrupt {
                path,
                reason,
                backup_used,
            },
            Lang::Zh,
        ) => format!(
            "{} 无法读取（{}）；未作改动：运行 `yibao-checklist repair` 把它移到一旁{}",
            path.display(),
            unreadable(lang, reason),
            if *backup_used {
                "并从备份恢复；在此之前先使用备份"
            } else {
                ""
            }
        ),
        (
            F::Corrupt {
                path,
                reason,
                backup_used,
            },
            Lang::En,
        ) => format!(
            "{} cannot be read ({}); left as it is: run `yibao-checklist repair` to move it aside{}",
            path.display(),
            unreadable(lang, reason),
            if *backup_used {
                " and restore its backup; the backup is used meanwhile"
            } else {
                ""
            }
        ),
        (F::NewerSchema { path, schema }, Lang::Zh) => format!(
            "{} 由更新版本的程序写入（格式版本 {schema}）；未作改动",
            path.display()
        ),
        (F::NewerSchema { path, schema }, Lang::En) => format!(
            "{} was written by a newer version of the app (schema {schema}); it is left as it is",
            path.display()
        ),
        (F::OnlyBackup { id, path }, Lang::Zh) => format!(
            "“{id}”只剩备份 {}；运行 `yibao-checklist repair` 恢复",
            path.display()
        ),
        (F::OnlyBackup { id, path }, Lang::En) => format!(
            "\"{id}\" has only its backup {}; run `yibao-checklist repair` to restore it",
            path.display()
        ),
    }
}

/// What `repair` did: moved, restored and left alone, one line each.
pub(crate) fn repair_report(lang: Lang, report: &crate::cases::LoadReport) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for q in &report.quarantined {
        let (from, to) = (q.original.display(), q.moved_to.display());
        let why = unreadable(lang, &q.reason);
        let kept = not_moved(lang, q.not_moved.as_ref());
        let _ = match lang {
            Lang::Zh => writeln!(out, "已移到一旁：{from} → {to}（{why}）{kept}"),
            Lang::En => writeln!(out, "moved aside: {from} → {to} ({why}){kept}"),
        };
    }
    for id in &report.recovered_from_backup {
        let _ = match lang {
            Lang::Zh => writeln!(out, "已从备份恢复：{id}"),
            Lang::En => writeln!(out, "restored from its backup: {id}"),
        };
    }
    for n in &report.newer_schema {
        let path = n.path.display();
        let _ = match lang {
            Lang::Zh => writeln!(out, "未改动（更新版本的程序写入）：{path}"),
            Lang::En => writeln!(out, "left alone (newer version): {path}"),
        };
    }
    for w in &report.warnings {
        let _ = writeln!(out, "{}", load_warning(lang, w));
    }
    if out.is_empty() {
        out = lang
            .pick(
                "保存的清单文件均完好，无需修复。\n",
                "all case files are fine; nothing to repair\n",
            )
            .to_string();
    }
    out
}

/// Why `repair` could not run.
pub(crate) fn repair_error(lang: Lang, e: &crate::cases::StoreError) -> String {
    match (e, lang) {
        (crate::cases::StoreError::ReadOnly(_), Lang::Zh) => {
            "本程序的窗口正在使用保存的清单，请先关闭它，再运行修复".to_string()
        }
        (crate::cases::StoreError::ReadOnly(_), Lang::En) => {
            "the app is open and holds the saved cases; close it, then run repair again".to_string()
        }
        _ => store_error(lang, e),
    }
}

/// Page numbers at the foot of a sheet or package: "第 2 / 5 页".
pub(crate) fn page_n_of(lang: Lang, n: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {n} / {total} 页"),
        Lang::En => format!("Page {n} of {total}"),
    }
}

/// Under a photo's page title: "第 1/2 张 · 发票.jpg".
pub(crate) fn photo_n_of(lang: Lang, n: usize, of: usize, name: &str) -> String {
    match lang {
        Lang::Zh => format!("第 {n}/{of} 张 · {name}"),
        Lang::En => format!("photo {n} of {of} · {name}"),
    }
}

/// The package cover's count: "共 12 项材料：已附 3 项，缺 9 项".
pub(crate) fn attached_count(lang: Lang, total: usize, attached: usize) -> String {
    let missing = total - attached;
    match lang {
        Lang::Zh => format!("共 {total} 项材料：已附 {attached} 项，缺 {missing} 项"),
        Lang::En if total == 1 => format!("1 material: {attached} attached, {missing} missing"),
        Lang::En => format!("{total} materials: {attached} attached, {missing} missing"),
    }
}

/// A material's photos on the package's pages: "已附 · 第 2、3 页".
pub(crate) fn attached_on_pages(lang: Lang, pages: &[String]) -> String {
    match lang {
        Lang::Zh => format!("已附 · 第 {} 页", pages.join("、")),
        Lang::En if pages.len() == 1 => format!("attached · page {}", pages[0]),
        Lang::En => format!("attached · pages {}", pages.join(", ")),
    }
}

/// A photo in the package the check found problems in.
pub(crate) fn retake_page(lang: Lang, page: usize, name: &str, problems: &[&str]) -> String {
    match lang {
        Lang::Zh => format!(
            "注意 第 {page} 页（{name}）：{}，建议重拍",
            problems.join("、")
        ),
        Lang::En => format!(
            "Check page {page} ({name}): {}; consider retaking it",
            problems.join(", ")
        ),
    }
}

/// A PDF attachment, which the package cannot hold.
pub(crate) fn separate_pdf(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("{name} 是 PDF 文件，未放入本文件，请另行上传"),
        Lang::En => format!("{name} is a PDF file, not included here: upload it separately"),
    }
}

/// An attachment that could not be read, left out of the package.
pub(crate) fn left_out(lang: Lang, name: &str, why: &str) -> String {
    match lang {
        Lang::Zh => format!("{name} 无法读取，未放入：{why}"),
        Lang::En => format!("{name} cannot be read and is left out: {why}"),
    }
}

/// `import`: what was imported.
pub(crate) fn imported(lang: Lang, label: &str, photos: usize) -> String {
    match (lang, photos) {
        (Lang::Zh, 0) => format!("已导入“{label}”"),
        (Lang::Zh, n) => format!("已导入“{label}”（含 {n} 个附件）"),
        (Lang::En, 0) => format!("imported \"{label}\""),
        (Lang::En, 1) => format!("imported \"{label}\" with 1 attachment"),
        (Lang::En, n) => format!("imported \"{label}\" with {n} attachments"),
    }
}

/// `import`: why the file was refused (the app's own reason), naming it.
pub(crate) fn import_error(
    lang: Lang,
    file: &std::path::Path,
    e: &crate::cases::StoreError,
) -> String {
    let why = store_error(lang, e);
    match lang {
        Lang::Zh => format!("未导入 {}：{why}", file.display()),
        Lang::En => format!("not imported {}: {why}", file.display()),
    }
}

/// `export-case`: what was written.
pub(crate) fn case_exported(lang: Lang, label: &str, photos: usize) -> String {
    match (lang, photos) {
        (Lang::Zh, 0) => format!("已导出“{label}”"),
        (Lang::Zh, n) => format!("已导出“{label}”及其 {n} 个附件"),
        (Lang::En, 0) => format!("exported \"{label}\""),
        (Lang::En, 1) => format!("exported \"{label}\" with 1 attachment"),
        (Lang::En, n) => format!("exported \"{label}\" with {n} attachments"),
    }
}

/// An attachment of a saved case that `submission --case` does not read, naming the case.
pub(crate) fn attachment_path_error(
    lang: Lang,
    case: &str,
    e: &crate::cases::AttachmentPathError,
) -> String {
    use crate::cases::AttachmentPathError as E;
    match (e, lang) {
        (E::Uncontained { name }, Lang::Zh) => format!(
            "清单“{case}”的附件名“{name}”指向清单自己的文件夹之外（绝对路径、“..”或路径分隔符），已拒绝"
        ),
        (E::Uncontained { name }, Lang::En) => format!(
            "the case \"{case}\" names an attachment \"{name}\" outside its own folder (an absolute path, \"..\" or a path separator); refused"
        ),
        (E::NotRegular { path }, Lang::Zh) => format!(
            "清单“{case}”的附件 {} 不是该清单文件夹里的普通文件（链接、文件夹或特殊文件），已拒绝",
            path.display()
        ),
        (E::NotRegular { path }, Lang::En) => format!(
            "the case \"{case}\"'s attachment {} is not a regular file in its folder (a link, folder or special file); refused",
            path.display()
        ),
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

/// Why a file could not be attached to a case (or removed from it).
pub fn attach_error(lang: Lang, e: &crate::cases::AttachError) -> String {
    use crate::cases::AttachError as E;
    match (e, lang) {
        (E::File { path, source }, _) => file_error(
            lang,
            &path.display().to_string(),
            &photo_error(lang, source),
        ),
        (E::Store(e), _) => store_error(lang, e),
        (E::NotFound { file, .. }, Lang::Zh) => format!("找不到附件“{file}”。"),
        (E::NotFound { file, .. }, Lang::En) => format!("There is no attachment \"{file}\"."),
    }
}

/// A short label of a photo problem, for badges and the submission cover.
pub fn photo_label(lang: Lang, kind: crate::photo::ProblemKind) -> &'static str {
    use crate::photo::ProblemKind as K;
    let (zh, en) = match kind {
        K::Blur => ("模糊", "blurred"),
        K::Glare => ("反光", "glare"),
        K::Cropped => ("四角不全", "corners cut off"),
        K::LowResolution => ("分辨率太低", "too few pixels"),
    };
    lang.pick(zh, en)
}

/// The rule a photo problem breaks, quoted from seed 004 (《如何申请网上报销医保》); in English
/// the quoted Chinese stays beside its translation.
pub(crate) fn photo_rule(lang: Lang, kind: crate::photo::ProblemKind) -> &'static str {
    use crate::photo::ProblemKind as K;
    let (zh, en) = match kind {
        K::Blur | K::Glare | K::Cropped => (
            "网上报销：发票需拍照上传，“清晰四角拍摄，无反光”",
            "Online claims: the invoice is photographed for upload, \"sharp, all four corners, no glare\" (清晰四角拍摄，无反光)",
        ),
        K::LowResolution => (
            "网上报销：发票需“清晰四角拍摄”，诊断证明“需包含医师签名和公章”——小字、签名和印章都要看得清",
            "Online claims: the invoice must be \"sharp\" (清晰) and the diagnosis certificate \"must carry the doctor's signature and the official seal\" (需包含医师签名和公章): small print, signature and seal must be legible",
        ),
    };
    lang.pick(zh, en)
}

/// What to do about a photo problem.
pub fn photo_advice(lang: Lang, kind: crate::photo::ProblemKind) -> &'static str {
    use crate::photo::ProblemKind as K;
    let (zh, en) = match kind {
        K::Blur => (
            "请在光线充足的地方重拍：手机拿稳，点一下屏幕上的单据对焦，等画面清楚再按快门。",
            "Retake it in good light: hold the phone steady, tap the document on the screen to focus, and wait until it is sharp.",
        ),
        K::Glare => (
            "请离开窗户和顶灯重拍：关掉闪光灯，把单据平放，换个角度，直到白色亮斑消失。",
            "Retake it away from the window and ceiling lights: flash off, the document flat, at a slight angle until the bright patch is gone.",
        ),
        K::Cropped => (
            "请退后一点重拍，让单据的四个角都完整地留在画面里，四周留出一点桌面。",
            "Step back and retake it with all four corners inside the frame and a little of the table around the document.",
        ),
        K::LowResolution => (
            "请靠近一些重拍，让单据占满大部分画面；通过微信等发送时请选“原图”。",
            "Move closer so the document fills most of the frame; when sending it through a chat app, send the original image.",
        ),
    };
    lang.pick(zh, en)
}

/// What was found, in words (the measures stay in `photo-check --json`).
pub fn photo_finding(lang: Lang, p: &crate::photo::Problem) -> String {
    use crate::photo::ProblemKind as K;
    let unreadable = p.kind == K::Blur && p.value == 0.0 && p.region.is_none();
    let (zh, en) = match p.kind {
        K::Blur if unreadable => (
            "照片上认不出任何字（全黑、全白或没有对比），看不清。",
            "Nothing in the photo can be read (black, white or without contrast).",
        ),
        K::Blur => (
            "照片模糊，发票上的小字看不清。",
            "The photo is blurred: the small print of an invoice cannot be read.",
        ),
        K::Glare => (
            "单据上有一块反光，盖住了那里印的字。",
            "A patch of glare on the document washes out the print under it.",
        ),
        K::Cropped => (
            "单据的边或角超出了照片，没有四角完整。",
            "An edge or corner of the document is outside the photo.",
        ),
        K::LowResolution => (
            "单据在照片里太小，小字、签名和印章可能看不清。",
            "The document is too small in the photo: small print, signature and seal may be unreadable.",
        ),
    };
    lang.pick(zh, en).to_string()
}

/// One line for a warning on the card: what is wrong and what to do, no numbers.
pub fn photo_line(lang: Lang, p: &crate::photo::Problem) -> String {
    use crate::photo::ProblemKind as K;
    let unreadable = p.kind == K::Blur && p.value == 0.0 && p.region.is_none();
    let (zh, en) = match p.kind {
        K::Blur if unreadable => (
            "看不清：照片上认不出字，请对着单据重拍。",
            "Unreadable: no print can be made out; retake it with the document in view.",
        ),
        K::Blur => (
            "照片模糊：拿稳手机，点屏幕对焦后重拍。",
            "Blurred: hold the phone steady, tap to focus, retake.",
        ),
        K::Glare => (
            "反光（红框处）：关闪光灯、换个角度重拍。",
            "Glare (red box): flash off, change the angle, retake.",
        ),
        K::Cropped => (
            "四角不全（红边处）：退后一点，让四个角都在画面里。",
            "Corners cut off (red edge): step back so all four corners are in.",
        ),
        K::LowResolution => (
            "单据太小：靠近一些重拍，发送时选“原图”。",
            "Too small: move closer; send the original image.",
        ),
    };
    lang.pick(zh, en).to_string()
}

/// Finding, rule with its source, advice: one message.
pub fn photo_message(lang: Lang, p: &crate::photo::Problem) -> String {
    let title = crate::photo::rules::SOURCE_TITLE;
    let sources = p.sources.join(enum_sep(lang));
    let (finding, rule, advice) = (
        photo_finding(lang, p),
        photo_rule(lang, p.kind),
        photo_advice(lang, p.kind),
    );
    match lang {
        Lang::Zh => format!("{finding} 依据：{rule}（来源 {sources}《{title}》）。{advice}"),
        Lang::En => format!("{finding} Rule: {rule} (source {sources}, 《{title}》). {advice}"),
    }
}

/// Said about a PDF attachment, which is not pixel-checked (`None` for a checked photo).
pub fn photo_note(lang: Lang, r: &crate::photo::PhotoReport) -> Option<&'static str> {
    (!r.checked).then(|| {
        lang.pick(
            "PDF 文件已收下，但不做图像检查：请自己确认清晰、四角完整、无反光（来源 004）。",
            "PDF files are accepted but not checked: make sure yourself that they are sharp, show all four corners and have no glare (source 004).",
        )
    })
}

/// A file that cannot be checked as a photo, and what to do. In Chinese the decoder's own
/// (English) detail is left out.
pub fn photo_error(lang: Lang, e: &crate::photo::PhotoError) -> String {
    use crate::photo::{MAX_PHOTO_BYTES, PhotoError as E};
    match (e, lang) {
        (E::Io(err), Lang::Zh) => format!("无法读取文件：{}", io_reason(lang, err)),
        (E::Io(err), Lang::En) => format!("Cannot read the file: {}", io_reason(lang, err)),
        (E::NotAnImage(_), Lang::Zh) => "不是可读取的图片（支持 JPEG、PNG 和 PDF）。".to_string(),
        (E::NotAnImage(why), Lang::En) => {
            format!("Not a readable image (JPEG, PNG and PDF are supported): {why}")
        }
        (E::Heic, Lang::Zh) => "无法读取 HEIC 格式的照片。请在手机上把照片存为 JPEG（苹果手机：设置 › 相机 › 格式 › 兼容性最佳），或用微信发送后保存再添加。".to_string(),
        (E::Heic, Lang::En) => "HEIC photos cannot be read. Save the photo as JPEG on the phone (iPhone: Settings › Camera › Formats › Most Compatible), or send it through a chat app and save it again.".to_string(),
        (E::TooLarge(n), Lang::Zh) => {
            format!("文件太大（{n} 字节，最多 {MAX_PHOTO_BYTES} 字节），不像一张照片。")
        }
        (E::TooLarge(n), Lang::En) => format!(
            "The file is too large ({n} bytes, at most {MAX_PHOTO_BYTES}) to be a photo."
        ),
        (E::TooManyPixels { width, height }, Lang::Zh) => format!(
            "图片像素太多（{width}×{height}），本程序不读取：请用手机或扫描仪的普通尺寸重新拍摄或导出。"
        ),
        (E::TooManyPixels { width, height }, Lang::En) => format!(
            "The picture has too many pixels ({width}×{height}) for this app to read: take or export it again at the phone's or scanner's usual size."
        ),
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

/// Messages shown in banners; rendered in the current language when shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Quarantined {
        file: String,
        moved_to: String,
        reason: crate::cases::Unreadable,
        not_moved: Option<crate::cases::NotMoved>,
    },
    Recovered {
        label: String,
    },
    NewerSchema {
        file: String,
    },
    StoreWarning(crate::cases::LoadWarning),
    NoDataDir,
    StoreOpenFailed {
        dir: String,
        err: String,
    },
    SaveFailed {
        label: String,
        err: String,
    },
    DeleteFailed {
        label: String,
        err: String,
    },
    Saved {
        path: String,
    },
    SavedFallback {
        path: String,
    },
    OpenFailed {
        path: String,
    },
    PdfFailed {
        err: String,
    },
    /// Characters of the sheet no bundled glyph shows (they print as blanks).
    MissingGlyphs {
        chars: String,
    },
    WriteFailed {
        path: String,
        err: String,
    },
    Imported {
        label: String,
    },
    ImportFailed {
        path: String,
        err: String,
    },
    Exported {
        path: String,
    },
    Printed {
        printer: String,
        job: String,
    },
    Attached {
        name: String,
    },
    AttachmentRemoved {
        name: String,
    },
    AttachFailed {
        err: String,
    },
    NoPrinterSaved {
        path: String,
        why: String,
    },
    PrintFailed {
        err: String,
    },
    /// The checklist text is on the clipboard.
    Copied,
}

impl Msg {
    pub fn text(&self, lang: Lang) -> String {
        use Msg::*;
        match (self, lang) {
            (
                Quarantined {
                    file,
                    moved_to,
                    reason,
                    not_moved: kept,
                },
                Lang::Zh,
            ) => format!(
                "清单文件“{file}”已损坏，无法读取，已移到“{moved_to}”保存起来。其他清单已正常载入。（原因：{}）{}",
                unreadable(lang, reason),
                not_moved(lang, kept.as_ref())
            ),
            (
                Quarantined {
                    file,
                    moved_to,
                    reason,
                    not_moved: kept,
                },
                Lang::En,
            ) => format!(
                "The checklist file “{file}” is damaged and could not be read; it was moved to “{moved_to}”. The other checklists loaded normally. (Reason: {}){}",
                unreadable(lang, reason),
                not_moved(lang, kept.as_ref())
            ),
            (Recovered { label }, Lang::Zh) => {
                format!("“{label}”的文件已损坏，已从备份恢复；最近的一次修改可能没有保存下来。")
            }
            (Recovered { label }, Lang::En) => format!(
                "The file of “{label}” was damaged and has been restored from its backup; the last change may be missing."
            ),
            (NewerSchema { file }, Lang::Zh) => {
                format!("“{file}”是新版本程序保存的，本程序只能查看，不会修改它。")
            }
            (NewerSchema { file }, Lang::En) => format!(
                "“{file}” was saved by a newer version of the app; it is shown but not changed."
            ),
            (StoreWarning(w), Lang::Zh) => format!("保存文件夹的提示：{}", load_warning(lang, w)),
            (StoreWarning(w), Lang::En) => {
                format!("Note about the save folder: {}", load_warning(lang, w))
            }
            (StoreOpenFailed { dir, err }, Lang::Zh) => {
                format!("无法打开保存清单的文件夹 {dir}（{err}）。本次的修改不会被保存。")
            }
            (StoreOpenFailed { dir, err }, Lang::En) => format!(
                "The folder for saved checklists, {dir}, cannot be opened ({err}). Changes will not be saved."
            ),
            (SaveFailed { label, err }, Lang::Zh) => format!(
                "无法保存“{label}”：{err}。修改仍保留在本窗口中，请检查磁盘空间和文件夹权限后点“重试”。"
            ),
            (SaveFailed { label, err }, Lang::En) => format!(
                "“{label}” could not be saved: {err}. Your changes are kept in this window; check the disk space and folder permissions, then click “Retry”."
            ),
            (DeleteFailed { label, err }, Lang::Zh) => format!("无法删除“{label}”：{err}。"),
            (DeleteFailed { label, err }, Lang::En) => {
                format!("“{label}” could not be deleted: {err}.")
            }
            (Saved { path }, Lang::Zh) => format!("已保存到 {path}"),
            (Saved { path }, Lang::En) => format!("Saved to {path}"),
            (SavedFallback { path }, Lang::Zh) => {
                format!("没有可用的文件选择窗口，文件已保存到：{path}")
            }
            (SavedFallback { path }, Lang::En) => {
                format!("No file dialog is available, so the file was saved to: {path}")
            }
            (OpenFailed { path }, Lang::Zh) => {
                format!("无法自动打开文件，请手动打开并打印：{path}")
            }
            (OpenFailed { path }, Lang::En) => format!(
                "The file could not be opened automatically; open and print it yourself: {path}"
            ),
            (Copied, lang) => s(lang).copied.to_string(),
            (PdfFailed { err }, Lang::Zh) => format!("无法生成PDF：{err}"),
            (PdfFailed { err }, Lang::En) => format!("The PDF could not be made: {err}"),
            (MissingGlyphs { chars }, Lang::Zh) => {
                format!("字体中没有这些字符，PDF 中会缺失：{chars}")
            }
            (MissingGlyphs { chars }, Lang::En) => {
                format!(
                    "The font has no glyph for these characters; they are missing from the PDF: {chars}"
                )
            }
            (WriteFailed { path, err }, Lang::Zh) => format!("无法写入文件 {path}：{err}"),
            (WriteFailed { path, err }, Lang::En) => {
                format!("The file {path} could not be written: {err}")
            }
            (Imported { label }, Lang::Zh) => format!("已导入“{label}”。"),
            (Imported { label }, Lang::En) => format!("Imported “{label}”."),
            (ImportFailed { path, err }, Lang::Zh) => format!("无法导入 {path}：{err}"),
            (ImportFailed { path, err }, Lang::En) => {
                format!("{path} could not be imported: {err}")
            }
            (Printed { printer, job }, Lang::Zh) if printer.is_empty() => {
                format!("已发送到打印机（任务 {job}）。")
            }
            (Printed { printer, job }, Lang::Zh) => {
                format!("已发送到打印机 {printer}（任务 {job}）。")
            }
            (Printed { printer, job }, Lang::En) if printer.is_empty() => {
                format!("Sent to the printer (job {job}).")
            }
            (Printed { printer, job }, Lang::En) => {
                format!("Sent to the printer {printer} (job {job}).")
            }
            (NoPrinterSaved { path, why }, Lang::Zh) => {
                format!("没有打印出来：{why}。清单已保存为PDF并打开，请从PDF阅读器打印：{path}")
            }
            (NoPrinterSaved { path, why }, Lang::En) => format!(
                "Not printed: {why}. The sheet was saved as a PDF and opened; print it from the viewer: {path}"
            ),
            (Attached { name }, Lang::Zh) => format!("已添加“{name}”，正在检查。"),
            (Attached { name }, Lang::En) => format!("Added “{name}”; checking it."),
            (AttachmentRemoved { name }, Lang::Zh) => format!("已删除“{name}”。"),
            (AttachmentRemoved { name }, Lang::En) => format!("Removed “{name}”."),
            (AttachFailed { err }, Lang::Zh) => format!("无法添加：{err}"),
            (AttachFailed { err }, Lang::En) => format!("Could not add it: {err}"),
            (PrintFailed { err }, Lang::Zh) => format!("打印失败：{err}"),
            (PrintFailed { err }, Lang::En) => format!("Printing failed: {err}"),
            (Exported { path }, Lang::Zh) => format!("已导出到 {path}"),
            (Exported { path }, Lang::En) => format!("Exported to {path}"),
            (NoDataDir, lang) => s(lang).no_data_dir.to_string(),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_reasons_in_chinese_have_no_english() {
        use std::io::{Error, ErrorKind as K};
        for e in [
            Error::new(K::InvalidData, "stream did not contain valid UTF-8"),
            Error::from_raw_os_error(5),
            Error::other("something odd"),
            Error::new(K::StorageFull, "No space left on device"),
        ] {
            let zh = io_reason(Lang::Zh, &e);
            assert!(
                !zh.chars().any(|c| c.is_ascii_alphabetic()),
                "{zh} (from {e})"
            );
        }
    }

    #[test]
    fn every_bundle_and_case_refusal_names_its_reason_in_both_languages() {
        use crate::cases::{Counted, Refusal as R, StoreError, Unreadable as U};
        use crate::fsread::{Refused, Special};
        let name = || "files/a.jpg".to_string();
        let all = [
            R::NotABundle,
            R::TooManyEntries { max: 402 },
            R::EntryTooLarge {
                name: name(),
                max: 1,
            },
            R::SizeMismatch { name: name() },
            R::BundleTooLarge { max: 1 },
            R::Duplicate,
            R::UnsafePath { name: name() },
            R::Link { name: name() },
            R::Encrypted { name: name() },
            R::Unexpected { name: name() },
            R::Damaged { index: 3 },
            R::NotAPhoto { name: name() },
            R::NoCase,
            R::MissingFile { file: name() },
            R::ExtraFile { name: name() },
            R::Case(U::TooMany {
                what: Counted::Items,
                max: 2000,
            }),
            R::Case(U::Refused(Refused::NotAFile(Special::Pipe))),
            R::Case(U::Invalid {
                line: 1,
                col: 2,
                problem: crate::catalog::ParseProblem::TrailingText,
            }),
            R::Newer { schema: 9 },
        ];
        let mut seen = std::collections::HashSet::new();
        for r in all {
            let e = StoreError::Read {
                path: "b.zip".into(),
                source: io::Error::new(io::ErrorKind::InvalidData, r.clone()),
            };
            let zh = store_error(Lang::Zh, &e);
            let en = store_error(Lang::En, &e);
            // Chinese: no English beyond the names quoted from the bundle.
            let bare = zh
                .replace("files/a.jpg", "")
                .replace("case.ron", "")
                .replace("files/", "")
                .replace("b.zip", "")
                .replace("JPEG、PNG", "")
                .replace("PDF", "")
                .replace("zip", "")
                .replace("FIFO", "");
            assert!(!bare.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
            assert!(!zh.contains("文件内容无法读取"), "{r:?}: {zh}");
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{en}"
            );
            assert!(seen.insert(zh.clone()), "two refusals read the same: {zh}");
        }
        let newer = R::Newer { schema: 9 }.to_string();
        assert!(newer.contains("update the app"));
        let e = io::Error::new(io::ErrorKind::InvalidData, R::Newer { schema: 9 });
        assert!(io_reason(Lang::Zh, &e).contains("请先更新本程序"));
    }

    #[test]
    fn default_case_names_follow_the_language() {
        assert_eq!(display_label(Lang::Zh, "Untitled 5"), "未命名 5");
        assert_eq!(display_label(Lang::En, "未命名 5"), "Untitled 5");
        assert_eq!(display_label(Lang::En, "妈妈住院"), "妈妈住院");
        assert_eq!(display_label(Lang::Zh, "Untitled notes"), "Untitled notes");
    }

    #[test]
    fn english_counts_agree_with_their_number() {
        assert_eq!(days_left_text(Lang::En, 1), "1 day left");
        assert_eq!(days_left_text(Lang::En, 2), "2 days left");
        assert_eq!(days_left_text(Lang::En, -1), "overdue by 1 day");
        assert_eq!(days_left_text(Lang::En, 0), "due today");
        assert_eq!(days_left_text(Lang::Zh, -5), "已逾期5天");
        assert_eq!(days_left_text(Lang::Zh, 0), "今天截止");
        assert_eq!(
            materials_progress(Lang::En, 0, 1, false),
            "0 of 1 material ready"
        );
    }

    #[test]
    fn every_string_has_both_languages() {
        for (name, zh, en) in all_pairs() {
            assert!(!zh.trim().is_empty(), "{name}: Chinese is empty");
            assert!(!en.trim().is_empty(), "{name}: English is empty");
        }
    }
}
