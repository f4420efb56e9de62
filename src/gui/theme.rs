//! Design tokens: text sizes, spacing and colours, in one place for every screen.

use crate::view::Urgency;
use egui::Color32;

/// Text sizes in points (before the user's zoom).
pub mod size {
    pub const PAGE_TITLE: f32 = 22.0;
    pub const SECTION: f32 = 22.0;
    pub const HEADLINE: f32 = 20.0;
    pub const GROUP: f32 = 19.0;
    pub const CARD_TITLE: f32 = 18.0;
    pub const BUTTON: f32 = 18.0;
    pub const BODY: f32 = 16.0;
    pub const DETAIL: f32 = 15.0;
    pub const SMALL: f32 = 14.0;
    pub const TINY: f32 = 13.0;
}

/// Colours of one theme (light or dark).
pub struct Palette {
    pub warn_fill: Color32,
    pub urgent_fill: Color32,
    pub card: Color32,
    pub badge: Color32,
    pub badge_text: Color32,
    pub accent: Color32,
    pub error: Color32,
    pub overdue: Color32,
    pub due_soon: Color32,
    pub safest: Color32,
    pub conflict_edge: Color32,
    /// The keyboard focus ring: high contrast in both themes.
    pub focus: Color32,
}

impl Palette {
    pub fn of(ui: &egui::Ui) -> Palette {
        Self::for_dark(ui.visuals().dark_mode, ui.visuals().faint_bg_color)
    }

    pub fn for_dark(dark: bool, card: Color32) -> Palette {
        if dark {
            Palette {
                warn_fill: Color32::from_rgb(84, 58, 20),
                urgent_fill: Color32::from_rgb(95, 35, 35),
                card,
                badge: Color32::from_rgb(40, 70, 110),
                badge_text: Color32::from_rgb(225, 235, 250),
                accent: Color32::from_rgb(255, 200, 120),
                error: Color32::from_rgb(255, 140, 140),
                overdue: Color32::from_rgb(180, 20, 20),
                due_soon: Color32::from_rgb(200, 90, 0),
                safest: Color32::from_rgb(0, 110, 40),
                conflict_edge: Color32::from_rgb(200, 160, 90),
                focus: Color32::from_rgb(255, 214, 0),
            }
        } else {
            Palette {
                warn_fill: Color32::from_rgb(255, 243, 205),
                urgent_fill: Color32::from_rgb(253, 226, 226),
                card,
                badge: Color32::from_rgb(220, 232, 250),
                badge_text: Color32::from_rgb(20, 50, 100),
                accent: Color32::from_rgb(150, 60, 0),
                error: Color32::from_rgb(180, 20, 20),
                overdue: Color32::from_rgb(180, 20, 20),
                due_soon: Color32::from_rgb(200, 90, 0),
                safest: Color32::from_rgb(0, 110, 40),
                conflict_edge: Color32::from_rgb(200, 140, 50),
                focus: Color32::from_rgb(0, 84, 200),
            }
        }
    }

    /// The fill of a card about a date of this urgency.
    pub fn urgency_fill(&self, u: Urgency) -> Color32 {
        if u.is_pressing() {
            self.urgent_fill
        } else {
            self.card
        }
    }
}
