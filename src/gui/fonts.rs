//! Fonts and text style: the bundled CJK font as the last fallback, and large, clear text.

use egui::{FontData, FontDefinitions, FontFamily, FontId, TextStyle};
use std::sync::Arc;

/// Name of the bundled CJK font in [`FontDefinitions::font_data`].
pub const CJK_FONT: &str = "NotoSansSC-subset";

/// Adds the bundled CJK font at the LOWEST priority: pushed at the end of both the Proportional
/// and the Monospace family, after egui's own fonts. eframe's system-font provider (the
/// `system_fonts` feature) stays the fallback for rare characters a user types.
pub fn add_cjk_font(fonts: &mut FontDefinitions) {
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
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    add_cjk_font(&mut fonts);
    fonts
}

/// Installs the fonts on a context (what the app does at start-up; tests do the same).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// Bigger text and roomier widgets than egui's defaults, for older readers. Applied to both the
/// light and the dark style; the text-size setting scales it further (zoom factor).
pub fn apply_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        use FontFamily::{Monospace, Proportional};
        style.text_styles = [
            (TextStyle::Small, FontId::new(14.0, Proportional)),
            (TextStyle::Body, FontId::new(17.0, Proportional)),
            (TextStyle::Button, FontId::new(17.0, Proportional)),
            (TextStyle::Heading, FontId::new(24.0, Proportional)),
            (TextStyle::Monospace, FontId::new(16.0, Monospace)),
        ]
        .into();
        let sp = &mut style.spacing;
        sp.item_spacing = egui::vec2(10.0, 8.0);
        sp.button_padding = egui::vec2(10.0, 5.0);
        sp.interact_size.y = 28.0;
        sp.icon_width = 20.0;
        sp.icon_width_inner = 11.0;
        sp.icon_spacing = 8.0;
        sp.text_edit_width = 260.0;
    });
    // Light theme: outline tick boxes, radio buttons and text fields so they stand out on white,
    // and use darker "weak" text (egui's default grey is too faint for older eyes).
    ctx.style_mut_of(egui::Theme::Light, |style| {
        let v = &mut style.visuals;
        v.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, egui::Color32::from_gray(120));
        v.weak_text_color = Some(egui::Color32::from_gray(95));
    });
    // A focus ring that cannot be missed in either theme: egui draws a focused widget with the
    // "active" look, so that look gets a thick ring in the theme's focus colour.
    for (theme, dark) in [(egui::Theme::Light, false), (egui::Theme::Dark, true)] {
        ctx.style_mut_of(theme, |style| {
            let focus = super::theme::Palette::for_dark(dark, egui::Color32::TRANSPARENT).focus;
            let ring = egui::Stroke::new(3.0, focus);
            style.visuals.widgets.active.bg_stroke = ring;
            style.visuals.selection.stroke = ring;
        });
    }
}
