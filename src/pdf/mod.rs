//! A4 PDF checklists, rendered with krilla from the checklist view (`crate::view`).
//!
//! The text is real text in the bundled CJK font (embedded as a subset with a ToUnicode map, so
//! it can be searched and copied). Lines are wrapped by `wrap` with the font's own advances and
//! drawn glyph by glyph with the same advances; blocks are measured before they are placed, so
//! a row is never cut at a page end.

mod font;
mod layout;
mod sections;
mod sheet;
pub mod submission;
pub mod wrap;

use crate::catalog::Lang;
use crate::view::View;
use krilla::Document;
use krilla::metadata::Metadata;
use layout::{Block, MARGIN_BOTTOM, MARGIN_TOP, PAGE_H, PAGE_W, Painter, Row, paginate};
use sheet::Sheet;

pub use layout::{PAGE_H as A4_HEIGHT_PT, PAGE_W as A4_WIDTH_PT};

/// How a view is put on paper. What the sheet says (language, label, ticks, blank or not, the
/// date) is in the view: build it with `crate::view::build`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SheetOptions {
    /// Bigger type for older readers.
    pub large: bool,
    /// Every detail, version, rule and source; otherwise the essentials sheet.
    pub full: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("PDF rendering failed: {0}")]
    Render(String),
}

/// A rendered sheet and the characters in it that no bundled glyph shows.
#[derive(Debug, Clone)]
pub(crate) struct Rendered {
    pub bytes: Vec<u8>,
    /// Sorted, each once. Non-empty: tell the user (they print as blanks or boxes).
    pub missing_glyphs: Vec<char>,
}

/// Renders a view as a PDF document (A4 portrait). A sheet that is not blank is dated with the
/// view's day.
pub fn render_view(v: &View, options: &SheetOptions) -> Result<Vec<u8>, PdfError> {
    render_view_report(v, options).map(|r| r.bytes)
}

/// Like [`render_view`], and says which characters the font could not show. Control
/// characters (from a label in someone else's case file, say) are left out of the text.
pub(crate) fn render_view_report(v: &View, options: &SheetOptions) -> Result<Rendered, PdfError> {
    let m = font::metrics().map_err(PdfError::Render)?;
    let sheet = Sheet::new(m, v, options);

    let mut blocks: Vec<Block> = Vec::new();
    blocks.extend(sheet.header(v));
    for sec in &v.sections {
        blocks.extend(sheet.section_blocks(sec));
    }

    let (footer_rows, footer_meta) = sheet.footer(v);
    let fs = sheet.footer_style();
    let meta_h = Sheet::line_height(fs);
    let footer_h: f32 = footer_rows.iter().map(|r| r.height).sum::<f32>() + meta_h;
    let footer_top = PAGE_H - MARGIN_BOTTOM - footer_h;
    let head_rows = sheet.running_head(v);
    let head_h: f32 = head_rows.iter().map(|r| r.height).sum();
    let content_bottom = footer_top - 6.0;
    let pages = paginate(
        blocks,
        MARGIN_TOP,
        MARGIN_TOP + head_h + 4.0,
        content_bottom,
    );
    let total = pages.len();

    let mut doc = Document::new();
    let title = crate::sanitize::for_print(&v.document_title()).into_owned();
    doc.set_metadata(
        Metadata::new()
            .title(title)
            .language(match v.lang {
                Lang::Zh => "zh-CN".into(),
                Lang::En => "en".into(),
            })
            .creator(format!("yibao-checklist {}", env!("CARGO_PKG_VERSION"))),
    );
    let painter = Painter {
        metrics: m,
        missing: Default::default(),
    };
    for (i, placed) in pages.iter().enumerate() {
        let mut page = Painter::start_page(&mut doc);
        let mut surface = page.surface();
        if i > 0 {
            let mut y = MARGIN_TOP;
            for r in &head_rows {
                painter.draw_row(&mut surface, y, r);
                y += r.height;
            }
        }
        for p in placed {
            painter.draw_row(&mut surface, p.y, &p.row);
        }
        let mut y = footer_top;
        for r in &footer_rows {
            painter.draw_row(&mut surface, y, r);
            y += r.height;
        }
        let label = sheet.page_label(i + 1, total);
        let lw = sheet.text_width(&label, fs);
        let base = Sheet::baseline(fs);
        let meta_row = Row {
            height: meta_h,
            ops: vec![
                layout::Op::Text {
                    x: sheet.x0,
                    y: base,
                    text: footer_meta.clone(),
                    style: fs,
                },
                layout::Op::Text {
                    x: PAGE_W - layout::MARGIN_X - lw,
                    y: base,
                    text: label,
                    style: fs,
                },
            ],
        };
        painter.draw_row(&mut surface, y, &meta_row);
        surface.finish();
        page.finish();
    }
    let bytes = doc
        .finish()
        .map_err(|e| PdfError::Render(format!("{e:?}")))?;
    Ok(Rendered {
        bytes,
        missing_glyphs: painter.missing.into_inner().into_iter().collect(),
    })
}
