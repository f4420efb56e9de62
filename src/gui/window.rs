//! The window's size across restarts and text sizes. egui measures in points, which grow with the
//! text size; the size is remembered in points at 100 % text (physical pixels divided by the
//! screen's own scale), so a restart at any text size opens the same window.

use egui::Vec2;

/// The smallest window the app opens (points at the current scale are at most the screen).
const MIN: Vec2 = Vec2::new(320.0, 240.0);
/// Room left for a taskbar and the window's frame.
const SCREEN_SHARE: f32 = 0.95;

/// The size to remember for a window of `points` (egui points at `ppp` pixels per point, on a
/// screen whose own scale is `native`).
pub(crate) fn saved_size(points: Vec2, native: f32, ppp: f32) -> Vec2 {
    points * ppp / native
}

/// The size in egui points (at `ppp`) of a remembered size.
pub(crate) fn restored_size(saved: Vec2, native: f32, ppp: f32) -> Vec2 {
    saved * native / ppp
}

/// A size that fits on a screen of `monitor` points (same units), never below a usable minimum.
pub(crate) fn fit_to_screen(size: Vec2, monitor: Vec2) -> Vec2 {
    let max = monitor * SCREEN_SHARE;
    size.min(max).max(MIN.min(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_survives_restarts_at_any_text_size() {
        // 1100×760 pixels on a screen of scale 1, text at 175 %: egui sees 628.6×434.3 points.
        let pixels = Vec2::new(1100.0, 760.0);
        for zoom in [1.0, 1.25, 1.5, 1.75, 2.0] {
            for native in [1.0, 1.5, 2.0] {
                let ppp = native * zoom;
                let mut points = pixels / ppp;
                for _restart in 0..5 {
                    let saved = saved_size(points, native, ppp);
                    points = restored_size(saved, native, ppp);
                }
                let back = points * ppp;
                assert!((back - pixels).length() < 0.01, "{zoom} {native}: {back:?}");
            }
        }
    }

    #[test]
    fn a_window_larger_than_the_screen_is_fitted_to_it() {
        let fitted = fit_to_screen(Vec2::new(1100.0, 760.0), Vec2::new(1024.0, 600.0));
        assert!(fitted.x <= 1024.0 && fitted.y <= 600.0, "{fitted:?}");
        // At 200 % text the screen is 512×300 points: still fitted, never negative.
        let fitted = fit_to_screen(Vec2::new(550.0, 380.0), Vec2::new(512.0, 300.0));
        assert!(fitted.x <= 512.0 && fitted.y <= 300.0, "{fitted:?}");
        assert!(fitted.x >= 240.0, "{fitted:?}");
    }
}
