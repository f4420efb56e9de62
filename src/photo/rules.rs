//! The verdicts: which rule of the sources a finding breaks, and what to do, in Chinese and English.
//!
//! The rules are quoted from seed 004 (《如何申请网上报销医保》, the table of materials for online
//! claims): the invoice "发票原件(需拍照上传)" must be "清晰四角拍摄,无反光", and the diagnosis
//! certificate "需包含医师签名和公章" (see FACTS.md, P9, and `checklists/materials.ron`).

use super::detect::{Measures, Thresholds};
use super::{Problem, ProblemKind};
use crate::catalog::{Lang, Text};

/// The source of every photo rule: seed 004.
pub const SOURCE: &str = "004";
/// Its title, for messages.
pub const SOURCE_TITLE: &str = "如何申请网上报销医保";

fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text {
        zh: zh.into().into(),
        en: en.into().into(),
    }
}

/// A short label for badges.
pub fn label(kind: ProblemKind) -> Text {
    match kind {
        ProblemKind::Blur => t("模糊", "blurred"),
        ProblemKind::Glare => t("反光", "glare"),
        ProblemKind::Cropped => t("四角不全", "corners cut off"),
        ProblemKind::LowResolution => t("分辨率太低", "too few pixels"),
    }
}

/// The rule a kind of problem breaks, quoted from the source.
pub fn rule(kind: ProblemKind) -> Text {
    match kind {
        ProblemKind::Blur | ProblemKind::Glare | ProblemKind::Cropped => t(
            "网上报销：发票需拍照上传，“清晰四角拍摄，无反光”",
            "Online claims: the invoice is photographed for upload, \"sharp, all four corners, no glare\" (清晰四角拍摄，无反光)",
        ),
        ProblemKind::LowResolution => t(
            "网上报销：发票需“清晰四角拍摄”，诊断证明“需包含医师签名和公章”——小字、签名和印章都要看得清",
            "Online claims: the invoice must be \"sharp\" (清晰) and the diagnosis certificate \"must carry the doctor's signature and the official seal\" (需包含医师签名和公章): small print, signature and seal must be legible",
        ),
    }
}

fn advice(kind: ProblemKind) -> Text {
    match kind {
        ProblemKind::Blur => t(
            "请在光线充足的地方重拍：手机拿稳，点一下屏幕上的单据对焦，等画面清楚再按快门。",
            "Retake it in good light: hold the phone steady, tap the document on the screen to focus, and wait until it is sharp.",
        ),
        ProblemKind::Glare => t(
            "请离开窗户和顶灯重拍：关掉闪光灯，把单据平放，换个角度，直到白色亮斑消失。",
            "Retake it away from the window and ceiling lights: flash off, the document flat, at a slight angle until the bright patch is gone.",
        ),
        ProblemKind::Cropped => t(
            "请退后一点重拍，让单据的四个角都完整地留在画面里，四周留出一点桌面。",
            "Step back and retake it with all four corners inside the frame and a little of the table around the document.",
        ),
        ProblemKind::LowResolution => t(
            "请靠近一些重拍，让单据占满大部分画面；通过微信等发送时请选“原图”。",
            "Move closer so the document fills most of the frame; when sending it through a chat app, send the original image.",
        ),
    }
}

fn finding(kind: ProblemKind, value: f32, limit: f32) -> Text {
    match kind {
        ProblemKind::Blur => t(
            format!("照片模糊，小字可能看不清（清晰度 {value:.2}，应不低于 {limit:.2}）。"),
            format!(
                "The photo is blurred; small print may be unreadable (sharpness {value:.2}, at least {limit:.2} expected)."
            ),
        ),
        ProblemKind::Glare => t(
            format!(
                "单据上有一块反光，约占单据的 {:.0}%，那里的字被冲掉了。",
                value * 100.0
            ),
            format!(
                "There is glare on the document, about {:.0}% of it, washing out the print there.",
                value * 100.0
            ),
        ),
        ProblemKind::Cropped => t(
            format!(
                "单据被照片边缘切掉了（单据压住照片一边的 {:.0}%），四个角没有全部拍进去。",
                value * 100.0
            ),
            format!(
                "The document runs off the edge of the photo ({:.0}% of one edge), so not all four corners are in it.",
                value * 100.0
            ),
        ),
        ProblemKind::LowResolution => t(
            format!(
                "单据在照片里太小：只有约 {value:.0} 像素见方（应不少于 {limit:.0}），小字、签名和印章可能看不清。"
            ),
            format!(
                "The document is too small in the photo: about {value:.0} pixels square (at least {limit:.0} expected); small print, signature and seal may be unreadable."
            ),
        ),
    }
}

fn problem(kind: ProblemKind, value: f32, limit: f32) -> Problem {
    Problem {
        kind,
        finding: finding(kind, value, limit),
        rule: rule(kind),
        sources: vec![SOURCE.to_string()],
        advice: advice(kind),
        value,
        limit,
    }
}

/// The problems the measures show, in the order blur, glare, cropped, low resolution.
pub fn judge(m: &Measures, th: &Thresholds) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(s) = m.sharpness
        && s < th.min_sharpness
    {
        out.push(problem(ProblemKind::Blur, s, th.min_sharpness));
    }
    if m.glare_share > th.max_glare_share {
        out.push(problem(
            ProblemKind::Glare,
            m.glare_share,
            th.max_glare_share,
        ));
    }
    if m.border_touch > th.max_border_touch {
        out.push(problem(
            ProblemKind::Cropped,
            m.border_touch,
            th.max_border_touch,
        ));
    }
    if m.document_px < th.min_document_px {
        out.push(problem(
            ProblemKind::LowResolution,
            m.document_px,
            th.min_document_px,
        ));
    }
    out
}

/// Finding, rule with its source, advice: one message.
pub fn message(p: &Problem, lang: Lang) -> String {
    let sources = p.sources.join(", ");
    match lang {
        Lang::Zh => format!(
            "{} 依据：{}（来源 {sources}《{SOURCE_TITLE}》）。{}",
            p.finding.zh, p.rule.zh, p.advice.zh
        ),
        Lang::En => format!(
            "{} Rule: {} (source {sources}, 《{SOURCE_TITLE}》). {}",
            p.finding.en, p.rule.en, p.advice.en
        ),
    }
}

/// Said about a PDF attachment, which is not pixel-checked.
pub fn pdf_not_checked() -> Text {
    t(
        "PDF 文件已收下，但不做图像检查：请自己确认清晰、四角完整、无反光（来源 004）。",
        "PDF files are accepted but not checked: make sure yourself that they are sharp, show all four corners and have no glare (source 004).",
    )
}
