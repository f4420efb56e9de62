//! The verdicts: which rule of the sources a measure breaks, as data. The words (finding, rule,
//! advice) are in `view::strings` (`photo_message` and its parts).
//!
//! The rules are quoted from seed 004 (《如何申请网上报销医保》, the table of materials for online
//! claims): the invoice "发票原件(需拍照上传)" must be "清晰四角拍摄,无反光", and the diagnosis
//! certificate "需包含医师签名和公章" (see FACTS.md, P9, and `checklists/materials.ron`).

use super::detect::{Findings, Thresholds};
use super::{Problem, ProblemKind, Region};

/// The source of every photo rule: seed 004.
pub(crate) const SOURCE: &str = "004";
/// Its title, for messages.
pub(crate) const SOURCE_TITLE: &str = "如何申请网上报销医保";

fn problem(kind: ProblemKind, value: f32, limit: f32, region: Option<Region>) -> Problem {
    Problem {
        kind,
        sources: vec![SOURCE.to_string()],
        value,
        limit,
        region,
    }
}

/// The problems the measures show, in the order blur, glare, cropped, low resolution. A picture
/// with nothing print-like in it (black, flat) is unreadable: that is its one finding.
pub(crate) fn judge(f: &Findings, th: &Thresholds) -> Vec<Problem> {
    let m = &f.measures;
    let text = f.text.map(Region::Area);
    let mut out = Vec::new();
    let blurred = match m.sharpness {
        None => {
            out.push(problem(ProblemKind::Blur, 0.0, th.min_sharpness, None));
            return out;
        }
        Some(s) if s < th.min_sharpness => {
            out.push(problem(ProblemKind::Blur, s, th.min_sharpness, text));
            true
        }
        Some(_) => false,
    };
    // Glare is told by the print around it, which a blurred photo does not show.
    if !blurred && m.glare_share > th.max_glare_share {
        out.push(problem(
            ProblemKind::Glare,
            m.glare_share,
            th.max_glare_share,
            f.glare.map(Region::Area),
        ));
    }
    let cropped = f.cut.top || f.cut.bottom || f.cut.left || f.cut.right;
    if cropped {
        out.push(problem(
            ProblemKind::Cropped,
            m.border_touch,
            th.max_border_touch,
            Some(Region::Edges(f.cut)),
        ));
    }
    // A cut or blurred sheet shows less of itself than it has: then only a far too small sheet,
    // or a picture too small as a whole, is called small ("move closer" would contradict "step
    // back" for a sheet that is only cut).
    let small = if blurred || cropped {
        m.document_px < th.min_document_px * 0.6 || f.picture_px < th.min_document_px * 0.9
    } else {
        m.document_px < th.min_document_px
    };
    if small {
        out.push(problem(
            ProblemKind::LowResolution,
            m.document_px,
            th.min_document_px,
            None,
        ));
    }
    out
}
