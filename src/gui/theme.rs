//! Design tokens: text sizes, spacing and colours, in one place for every screen.

use crate::view::Urgency;
use egui::Color32;

/// Text sizes in points (before the user's zoom).
pub mod size {
    pub(crate) const PAGE_TITLE: f32 = 22.0;
    pub(crate) const SECTION: f32 = 22.0;
    pub(crate) const HEADLINE: f32 = 20.0;
    pub(crate) const GROUP: f32 = 19.0;
    pub(crate) const CARD_TITLE: f32 = 18.0;
    pub(crate) const BUTTON: f32 = 18.0;
    pub(crate) const BODY: f32 = 16.0;
    pub(crate) const DETAIL: f32 = 15.0;
    pub(crate) const SMALL: f32 = 14.0;
    pub(crate) const TINY: f32 = 13.0;
    pub(crate) const WELCOME_TITLE: f32 = 28.0;
    pub(crate) const BIG_BUTTON: f32 = 22.0;
    pub(crate) const PROMPT: f32 = 25.0;
    pub(crate) const PROMPT_SHORT: f32 = 21.0;
    pub(crate) const OPTION: f32 = 20.0;
    pub(crate) const OPTION_SHORT: f32 = 18.0;
    pub(crate) const NAV_BUTTON: f32 = 19.0;
    pub(crate) const FIELD_MESSAGE: f32 = 17.0;
    /// The date typed in the wizard: large, it is read back digit by digit.
    pub(crate) const DATE_FIELD: f32 = 22.0;
}

/// Colours of one theme (light or dark).
pub(crate) struct Palette {
    pub warn_fill: Color32,
    pub urgent_fill: Color32,
    pub card: Color32,
    pub badge: Color32,
    pub badge_text: Color32,
    /// Text on a strong badge (overdue, due soon, the safest version).
    pub on_strong: Color32,
    pub accent: Color32,
    pub error: Color32,
    pub overdue: Color32,
    pub due_soon: Color32,
    pub safest: Color32,
    pub conflict_edge: Color32,
    /// The keyboard focus ring: high contrast in both themes.
    pub focus: Color32,
    /// Done, complete.
    pub ok: Color32,
    /// Message backgrounds.
    pub error_fill: Color32,
    pub info_fill: Color32,
}

impl Palette {
    pub fn of(ui: &egui::Ui) -> Palette {
        Self::for_dark(ui.visuals().dark_mode, ui.visuals().faint_bg_color)
    }

    pub(crate) fn for_dark(dark: bool, card: Color32) -> Palette {
        if dark {
            Palette {
                warn_fill: Color32::from_rgb(84, 58, 20),
                urgent_fill: Color32::from_rgb(95, 35, 35),
                card,
                badge: Color32::from_rgb(40, 70, 110),
                badge_text: Color32::from_rgb(225, 235, 250),
                on_strong: Color32::WHITE,
                accent: Color32::from_rgb(255, 200, 120),
                error: Color32::from_rgb(255, 140, 140),
                overdue: Color32::from_rgb(180, 20, 20),
                due_soon: Color32::from_rgb(200, 90, 0),
                safest: Color32::from_rgb(0, 110, 40),
                conflict_edge: Color32::from_rgb(200, 160, 90),
                focus: Color32::from_rgb(255, 214, 0),
                ok: Color32::from_rgb(120, 200, 120),
                error_fill: Color32::from_rgb(90, 30, 30),
                info_fill: Color32::from_rgb(40, 55, 80),
            }
        } else {
            Palette {
                warn_fill: Color32::from_rgb(255, 243, 205),
                urgent_fill: Color32::from_rgb(253, 226, 226),
                card,
                badge: Color32::from_rgb(220, 232, 250),
                badge_text: Color32::from_rgb(20, 50, 100),
                on_strong: Color32::WHITE,
                accent: Color32::from_rgb(150, 60, 0),
                error: Color32::from_rgb(180, 20, 20),
                overdue: Color32::from_rgb(180, 20, 20),
                due_soon: Color32::from_rgb(200, 90, 0),
                safest: Color32::from_rgb(0, 110, 40),
                conflict_edge: Color32::from_rgb(200, 140, 50),
                focus: Color32::from_rgb(0, 84, 200),
                ok: Color32::from_rgb(0, 110, 40),
                error_fill: Color32::from_rgb(253, 226, 226),
                info_fill: Color32::from_rgb(226, 238, 253),
            }
        }
    }

    /// The fill of a card about a date of this urgency.
    pub(crate) fn urgency_fill(&self, u: Urgency) -> Color32 {
        if u.is_pressing() {
            self.urgent_fill
        } else {
            self.card
        }
    }
}

/// Bigger text and roomier widgets than egui's defaults, for older readers. Applied to both the
/// light and the dark style; the text-size setting scales it further (zoom factor).
pub(crate) fn apply_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        use egui::FontFamily::{Monospace, Proportional};
        style.text_styles = [
            (
                egui::TextStyle::Small,
                egui::FontId::new(14.0, Proportional),
            ),
            (egui::TextStyle::Body, egui::FontId::new(17.0, Proportional)),
            (
                egui::TextStyle::Button,
                egui::FontId::new(17.0, Proportional),
            ),
            (
                egui::TextStyle::Heading,
                egui::FontId::new(24.0, Proportional),
            ),
            (
                egui::TextStyle::Monospace,
                egui::FontId::new(16.0, Monospace),
            ),
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
            let focus = Palette::for_dark(dark, egui::Color32::TRANSPARENT).focus;
            let ring = egui::Stroke::new(3.0, focus);
            style.visuals.widgets.active.bg_stroke = ring;
            style.visuals.selection.stroke = ring;
        });
    }
}
