//! The desktop wizard (eframe/egui): a thin layer over the engine and the case store.
//!
//! SKELETON: filled in by the GUI work.

/// Starts the desktop app; returns when the window closes.
pub fn run() -> eframe::Result<()> {
    Ok(())
}
