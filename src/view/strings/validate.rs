//! `validate`'s own lines around the data problems it lists.

use super::colon;
use crate::catalog::Lang;

/// What a catalog holds, for `validate`'s summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CatalogCounts {
    pub questions: usize,
    pub materials: usize,
    pub steps: usize,
    pub deadlines: usize,
    pub notices: usize,
    pub regions: usize,
    /// Answer sets walked by the reachability check.
    pub answer_sets: usize,
}

/// What `validate` checks when no folder is named.
pub fn validate_bundled(lang: Lang) -> &'static str {
    lang.pick("内置数据和您的自定义清单文件", "bundled data and overrides")
}

/// The heading over the list of problems.
pub fn validate_errors(lang: Lang, n: usize, what: &str) -> String {
    match lang {
        Lang::Zh => format!("{what} 中有 {n} 处错误{}", colon(lang).trim_end()),
        Lang::En => format!("{n} error(s) in {what}:"),
    }
}

/// In front of a warning (the data loads, but something should be said).
pub fn validate_warning(lang: Lang) -> &'static str {
    lang.pick("提醒：", "warning: ")
}

/// The line when everything is in order.
pub fn validate_ok(lang: Lang, what: &str, c: &CatalogCounts) -> String {
    match lang {
        Lang::Zh => format!(
            "通过：{what}：{} 个问题，{} 项材料，{} 个步骤，{} 个期限，{} 条提示，{} 个地区；已检查 {} 种回答组合",
            c.questions, c.materials, c.steps, c.deadlines, c.notices, c.regions, c.answer_sets
        ),
        Lang::En => format!(
            "ok: {what}: {} questions, {} materials, {} steps, {} deadlines, {} notices, {} regions; {} answer sets checked",
            c.questions, c.materials, c.steps, c.deadlines, c.notices, c.regions, c.answer_sets
        ),
    }
}
