//! Page geometry, measured rows and blocks, pagination and drawing with krilla.
//!
//! A sheet is a list of blocks; a block is a list of rows measured before anything is drawn.
//! A block that does not fit in what is left of a page moves to the next page whole (a row is
//! never cut); only a block taller than a whole page is split, between rows.

use super::font::Metrics;
use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;

/// A4 portrait in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub(crate) const MARGIN_X: f32 = 46.0;
pub(crate) const MARGIN_TOP: f32 = 40.0;
pub(crate) const MARGIN_BOTTOM: f32 = 30.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub size: f32,
    pub bold: bool,
    /// 0 = black … 255 = white.
    pub gray: u8,
}

/// One drawing operation; `y` is relative to the top of its row (text: the baseline).
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Text {
        x: f32,
        y: f32,
        text: String,
        style: Style,
    },
    /// An empty square (tick box), ticked when `ticked`.
    Box {
        x: f32,
        y: f32,
        size: f32,
        ticked: bool,
    },
    /// A filled rectangle (rules, bars).
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: u8,
    },
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    pub height: f32,
    pub ops: Vec<Op>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Block {
    pub rows: Vec<Row>,
    /// Space above the block (dropped at the top of a page).
    pub space_before: f32,
    /// Keep on the same page as the start of the next block (headings).
    pub keep_with_next: bool,
    /// Rows put above the block when it opens a page ("材料清单（续）").
    pub repeat: Vec<Row>,
}

impl Block {
    pub fn height(&self) -> f32 {
        self.rows.iter().map(|r| r.height).sum()
    }
}

/// A row placed on a page at `y` (absolute, from the page top).
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub y: f32,
    pub row: Row,
}

/// Lays blocks out on pages between `top` (first page), `top_next` (later pages) and `bottom`.
pub(crate) fn paginate(
    blocks: Vec<Block>,
    top: f32,
    top_next: f32,
    bottom: f32,
) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = top;
    let mut page_top = top;
    let heights: Vec<f32> = blocks.iter().map(Block::height).collect();
    let keep: Vec<bool> = blocks.iter().map(|b| b.keep_with_next).collect();
    let spaces: Vec<f32> = blocks.iter().map(|b| b.space_before).collect();
    let first_row: Vec<f32> = blocks
        .iter()
        .map(|b| b.rows.first().map_or(0.0, |r| r.height))
        .collect();
    let full = bottom - top_next;
    for (i, block) in blocks.into_iter().enumerate() {
        let at_top = y <= page_top + 0.01;
        let space = if at_top { 0.0 } else { block.space_before };
        // What must fit with this block: for headings, the following headings and the start
        // of the first block after them ("材料清单" + "身份与医保凭证" + the first material).
        let mut needed = heights[i];
        let mut j = i;
        while keep[j] && j + 1 < heights.len() {
            j += 1;
            needed += spaces[j]
                + if heights[j] <= full * 0.5 {
                    heights[j]
                } else {
                    first_row[j]
                };
        }
        let repeat_h: f32 = block.repeat.iter().map(|r| r.height).sum();
        if !at_top && y + space + needed > bottom {
            pages.push(Vec::new());
            y = top_next;
            page_top = top_next;
        } else {
            y += space;
        }
        if y <= page_top + 0.01 && pages.len() > 1 && y + repeat_h + heights[i] <= bottom {
            for row in block.repeat {
                let h = row.height;
                pages.last_mut().expect("a page").push(Placed { y, row });
                y += h;
            }
        }
        let whole = heights[i] <= bottom - y + 0.01;
        for row in block.rows {
            // Only a block taller than a page gets here with rows that do not fit.
            if !whole && y + row.height > bottom && y > page_top + 0.01 {
                pages.push(Vec::new());
                y = top_next;
                page_top = top_next;
            }
            let h = row.height;
            pages.last_mut().expect("a page").push(Placed { y, row });
            y += h;
        }
    }
    pages
}

/// Draws rows and page furniture with krilla.
pub(crate) struct Painter<'a> {
    pub metrics: &'a Metrics,
    /// Characters drawn that the font has no glyph for (reported, never dropped silently).
    pub missing: std::cell::RefCell<std::collections::BTreeSet<char>>,
}

impl Painter<'_> {
    pub(crate) fn start_page(doc: &mut Document) -> krilla::page::Page<'_> {
        doc.start_page_with(PageSettings::from_wh(PAGE_W, PAGE_H).expect("A4 is a valid size"))
    }

    pub(crate) fn draw_row(&self, surface: &mut Surface, y0: f32, row: &Row) {
        for op in &row.ops {
            self.draw_op(surface, y0, op);
        }
    }

    fn fill(gray: u8) -> Fill {
        Fill {
            paint: luma::Color::new(gray).into(),
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        }
    }

    fn stroke(gray: u8, width: f32) -> Stroke {
        Stroke {
            paint: luma::Color::new(gray).into(),
            width,
            line_cap: LineCap::Round,
            line_join: LineJoin::Round,
            ..Default::default()
        }
    }

    pub(crate) fn draw_op(&self, surface: &mut Surface, y0: f32, op: &Op) {
        match op {
            Op::Text { x, y, text, style } => {
                if text.is_empty() {
                    return;
                }
                surface.set_fill(Some(Self::fill(style.gray)));
                // One weight is bundled: bold is the same glyphs filled and thinly stroked, still
                // real text (render mode 2), so it stays searchable.
                surface.set_stroke(
                    style
                        .bold
                        .then(|| Self::stroke(style.gray, style.size * 0.045)),
                );
                self.missing.borrow_mut().extend(
                    text.chars()
                        .filter(|c| !c.is_control() && !c.is_whitespace())
                        .filter(|c| !self.metrics.covers(*c)),
                );
                let glyphs = self.metrics.glyphs(text);
                surface.draw_glyphs(
                    Point::from_xy(*x, y0 + y),
                    &glyphs,
                    self.metrics.font.clone(),
                    text,
                    style.size,
                    false,
                );
                surface.set_stroke(None);
            }
            Op::Box { x, y, size, ticked } => {
                let Some(rect) = Rect::from_xywh(*x, y0 + y, *size, *size) else {
                    return;
                };
                let mut pb = PathBuilder::new();
                pb.push_rect(rect);
                surface.set_fill(None);
                surface.set_stroke(Some(Self::stroke(0, (size * 0.08).max(0.7))));
                if let Some(p) = pb.finish() {
                    surface.draw_path(&p);
                }
                if *ticked {
                    let (bx, by, s) = (*x, y0 + y, *size);
                    let mut pb = PathBuilder::new();
                    pb.move_to(bx + s * 0.18, by + s * 0.52);
                    pb.line_to(bx + s * 0.42, by + s * 0.78);
                    pb.line_to(bx + s * 0.86, by + s * 0.2);
                    surface.set_stroke(Some(Self::stroke(0, (size * 0.16).max(1.2))));
                    if let Some(p) = pb.finish() {
                        surface.draw_path(&p);
                    }
                }
                surface.set_stroke(None);
            }
            Op::Fill { x, y, w, h, gray } => {
                let Some(rect) = Rect::from_xywh(*x, y0 + y, *w, *h) else {
                    return;
                };
                let mut pb = PathBuilder::new();
                pb.push_rect(rect);
                surface.set_stroke(None);
                surface.set_fill(Some(Self::fill(*gray)));
                if let Some(p) = pb.finish() {
                    surface.draw_path(&p);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(rows: &[f32], keep: bool) -> Block {
        Block {
            rows: rows
                .iter()
                .map(|h| Row {
                    height: *h,
                    ops: vec![],
                })
                .collect(),
            space_before: 2.0,
            keep_with_next: keep,
            repeat: vec![Row {
                height: 5.0,
                ops: vec![],
            }],
        }
    }

    #[test]
    fn a_block_that_does_not_fit_moves_whole() {
        let pages = paginate(
            vec![block(&[40.0], false), block(&[30.0, 30.0], false)],
            0.0,
            0.0,
            100.0,
        );
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 1);
        assert_eq!(pages[1].len(), 3, "the repeated heading, then the block");
        assert_eq!(
            pages[1][0].y, 0.0,
            "no space above the first block of a page"
        );
        assert_eq!(pages[1][1].y, 5.0);
    }

    #[test]
    fn a_heading_stays_with_the_next_block() {
        let pages = paginate(
            vec![
                block(&[70.0], false),
                block(&[10.0], true),
                block(&[20.0], false),
            ],
            0.0,
            0.0,
            100.0,
        );
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 1);
        assert_eq!(pages[1].len(), 3);
    }

    #[test]
    fn headings_in_a_row_stay_with_the_first_block_after_them() {
        let pages = paginate(
            vec![
                block(&[60.0], false),
                block(&[10.0], true),
                block(&[10.0], true),
                block(&[20.0], false),
            ],
            0.0,
            0.0,
            100.0,
        );
        assert_eq!(pages.len(), 2);
        assert_eq!(
            pages[0].len(),
            1,
            "neither heading is left alone at the page end"
        );
    }

    #[test]
    fn the_space_before_the_next_block_counts() {
        // 60 + 2 + 10 + 2 + 27 = 101: the heading must move although 60 + 2 + 10 + 27 fits.
        let pages = paginate(
            vec![
                block(&[60.0], false),
                block(&[10.0], true),
                block(&[27.0], false),
            ],
            0.0,
            0.0,
            100.0,
        );
        assert_eq!(pages[0].len(), 1);
    }

    #[test]
    fn a_block_taller_than_a_page_is_split_between_rows() {
        let pages = paginate(
            vec![block(&[10.0], false), block(&[30.0; 8], false)],
            0.0,
            0.0,
            100.0,
        );
        for p in &pages {
            for r in p {
                assert!(
                    r.y + r.row.height <= 100.0 + 0.01,
                    "row cut at the page end"
                );
            }
        }
        assert_eq!(
            pages.iter().map(Vec::len).sum::<usize>(),
            9,
            "no heading repeated above a block that cannot fit"
        );
    }
}
