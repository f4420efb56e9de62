//! Photos: what the photo check found and what to do about it, why a photo cannot be checked,
//! and how attached photos are listed in the submission package.

use super::{enum_sep, io_reason};
use crate::catalog::Lang;

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
