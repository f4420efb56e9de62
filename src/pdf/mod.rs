//! A4 PDF checklists, rendered with krilla from a `Derivation`.
//!
//! SKELETON: the API below is the contract the GUI and the CLI use; the PDF work fills it in.

use crate::catalog::{Catalog, Lang};
use crate::engine::Derivation;
use std::collections::BTreeMap;

/// How the sheet is printed.
#[derive(Debug, Clone, Default)]
pub struct SheetOptions {
    pub lang: Lang,
    /// Bigger type for older readers.
    pub large: bool,
    /// Case label (or patient name) for the header; `None` on a blank sheet.
    pub label: Option<String>,
    /// A blank sheet: no personal data, no dates, empty tick boxes (front-desk hand-outs).
    pub blank: bool,
    /// Ticks to print (item id → done). Empty: every box empty.
    pub ticks: BTreeMap<String, bool>,
    /// The date printed on the sheet.
    pub printed_on: Option<chrono::NaiveDate>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("PDF rendering failed: {0}")]
    Render(String),
}

/// Renders the checklist as a PDF document (A4 portrait).
pub fn render(catalog: &Catalog, derivation: &Derivation, options: &SheetOptions) -> Result<Vec<u8>, PdfError> {
    let _ = (catalog, derivation, options);
    Err(PdfError::Render("not built yet".into()))
}
