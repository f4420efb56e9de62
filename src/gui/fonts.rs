//! Fonts and text style: the bundled CJK font as the last fallback, and large, clear text.

use egui::{FontData, FontDefinitions, FontFamily, FontId};
use std::sync::Arc;

/// Name of the bundled CJK font in [`FontDefinitions::font_data`].
pub(crate) const CJK_FONT: &str = "NotoSansSC-subset";

/// Adds the bundled CJK font at the LOWEST priority: pushed at the end of both the Proportional
/// and the Monospace family, after egui's own fonts. eframe's system-font provider (the
/// `system_fonts` feature) stays the fallback for rare characters a user types.
pub(crate) fn add_cjk_font(fonts: &mut FontDefinitions) {
    fonts.font_data.insert(
        CJK_FONT.to_owned(),
        Arc::new(FontData::from_static(crate::assets::FONT_CJK)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        if !list.iter().any(|f| f == CJK_FONT) {
            list.push(CJK_FONT.to_owned());
        }
    }
}

/// egui's default fonts plus the bundled CJK font.
pub(crate) fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    add_cjk_font(&mut fonts);
    fonts
}

/// Installs the fonts on a context (what the app does at start-up; tests do the same).
pub(crate) fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// Characters of `text` that no installed font can show (bundled, egui's, or a system font
/// eframe found). Such a character would render as a box: the app says so rather than
/// dropping it silently. Sorted, each once.
pub(crate) fn missing_glyphs(ctx: &egui::Context, text: &str) -> Vec<char> {
    let font = FontId::new(14.0, FontFamily::Proportional);
    let mut out: Vec<char> = ctx.fonts_mut(|f| {
        text.chars()
            .filter(|c| !c.is_control() && !c.is_whitespace())
            .filter(|c| !f.has_glyph(&font, *c))
            .collect()
    });
    out.sort();
    out.dedup();
    out
}

/// A note under a text the user typed when some of its characters cannot be shown.
pub(crate) fn note_missing_glyphs(ui: &mut egui::Ui, text: &str, lang: crate::catalog::Lang) {
    let missing = missing_glyphs(ui.ctx(), text);
    if missing.is_empty() {
        return;
    }
    let list: String = missing.iter().collect();
    let note = match lang {
        crate::catalog::Lang::Zh => {
            format!("字体中没有这些字符，屏幕和打印中可能显示为方框或缺失：{list}")
        }
        crate::catalog::Lang::En => {
            format!(
                "No font has these characters; they may show as boxes or be missing on print: {list}"
            )
        }
    };
    ui.label(egui::RichText::new(note).small().weak());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_no_font_has_are_found() {
        let ctx = egui::Context::default();
        install(&ctx);
        let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
        out.textures_delta.clear();
        assert_eq!(missing_glyphs(&ctx, "张堃喆珺昇 Li"), Vec::<char>::new());
        assert_eq!(
            missing_glyphs(&ctx, "张\u{a000}堃\u{a000}"),
            vec!['\u{a000}']
        );
    }
}
