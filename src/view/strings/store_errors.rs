//! Error texts for files and the saved cases: why a file is refused or unreadable, what an I/O
//! error means, why the store cannot save, load warnings, what `repair` found, bundles and
//! attachments.

use super::{enum_sep, file_error, parse_problem, photo_error};
use crate::catalog::Lang;
use std::io;

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
}
