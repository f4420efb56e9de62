//! UI settings remembered between runs: language, text size, theme, window size, printer.

use crate::catalog::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// UI settings remembered between runs (eframe storage). Cases are never stored here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    /// Text size, 1.0 – 2.0 (applied with `Context::set_zoom_factor`).
    pub zoom: f32,
    pub dark: bool,
    /// The case open when the app was closed.
    pub last_case: Option<String>,
    /// Whether the list of saved checklists is shown.
    pub show_list: bool,
    /// The day the "due soon across cases" summary was dismissed: it stays away that day only.
    pub due_dismissed: Option<NaiveDate>,
    /// The printer last chosen (when there is more than one).
    pub printer: Option<String>,
    /// The window's inner size in points at 100 % text (physical pixels / the screen's scale),
    /// so that the text size never changes the window's size across restarts.
    pub window: Option<[f32; 2]>,
    /// The window was maximized when last seen (its `window` size is the one it restores to).
    pub maximized: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Zh,
            zoom: 1.0,
            dark: false,
            last_case: None,
            show_list: true,
            printer: None,
            due_dismissed: None,
            window: None,
            maximized: false,
        }
    }
}

pub(crate) const MIN_ZOOM: f32 = 1.0;
pub(crate) const MAX_ZOOM: f32 = 2.0;
pub(crate) const ZOOM_STEP: f32 = 0.25;
/// Seconds after the last edit before it is written.
pub(crate) const AUTOSAVE_DELAY: f64 = 0.5;

impl Settings {
    /// The zoom clamped to the allowed range (a hand-edited settings file cannot break the UI).
    pub(crate) fn clamped_zoom(&self) -> f32 {
        if self.zoom.is_finite() {
            self.zoom.clamp(MIN_ZOOM, MAX_ZOOM)
        } else {
            1.0
        }
    }
    pub(crate) fn zoom_in(&mut self) {
        self.zoom = ((self.clamped_zoom() + ZOOM_STEP) / ZOOM_STEP).round() * ZOOM_STEP;
        self.zoom = self.zoom.clamp(MIN_ZOOM, MAX_ZOOM);
    }
    pub(crate) fn zoom_out(&mut self) {
        self.zoom = ((self.clamped_zoom() - ZOOM_STEP) / ZOOM_STEP).round() * ZOOM_STEP;
        self.zoom = self.zoom.clamp(MIN_ZOOM, MAX_ZOOM);
    }
}
