//! The plain strings: every label, button and fixed sentence, in both languages.
//!
//! Each entry of the `strings!` table must give both languages, so a missing translation does
//! not compile.

use crate::catalog::Lang;

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
    edit_answers => "修改回答", "Edit answers";
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_has_both_languages() {
        for (name, zh, en) in all_pairs() {
            assert!(!zh.trim().is_empty(), "{name}: Chinese is empty");
            assert!(!en.trim().is_empty(), "{name}: English is empty");
        }
    }
}
