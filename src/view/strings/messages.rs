//! The app's messages: the banners (`Msg`) and the one-line reports of what a command did.

use super::{load_warning, not_moved, s, unreadable};
use crate::catalog::Lang;

pub fn deleted(lang: Lang, label: &str) -> String {
    match lang {
        Lang::Zh => format!("已删除“{label}”。"),
        Lang::En => format!("Deleted “{label}”."),
    }
}

/// A print job the print service accepted.
pub(crate) fn print_accepted(lang: Lang, job: &str) -> String {
    match lang {
        Lang::Zh => format!("已发送到打印机（任务 {job}）"),
        Lang::En => format!("Sent to the printer (job {job})"),
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
