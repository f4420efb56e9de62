//! How the view goes on paper, in the view's order and words: the type styles, text wrapped into
//! rows, the header and the footer (the sections are in `sections.rs`). Nothing here decides
//! content.

use super::SheetOptions;
use super::font::Metrics;
use super::layout::{Block, MARGIN_X, Op, PAGE_W, Row, Style};
use super::wrap::wrap;
use crate::catalog::Lang;
use crate::view::strings::{Strings, colon, s};
use crate::view::{Cited, View};

/// Tabs and stray control characters would show as boxes.
fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

pub(crate) struct Sheet<'a> {
    pub m: &'a Metrics,
    pub lang: Lang,
    /// Type scale: 1.0, or 1.4 for the large variant.
    pub k: f32,
    pub x0: f32,
    pub width: f32,
    pub t: &'static Strings,
    /// Every detail, version and source (the full sheet), or the headlines (essentials).
    pub full: bool,
}

pub(super) const GRAY_TEXT: u8 = 70;
pub(super) const GRAY_RULE: u8 = 150;

impl<'a> Sheet<'a> {
    pub fn new(m: &'a Metrics, v: &View, options: &SheetOptions) -> Self {
        Sheet {
            m,
            lang: v.lang,
            k: if options.large { 1.4 } else { 1.0 },
            x0: MARGIN_X,
            width: PAGE_W - 2.0 * MARGIN_X,
            t: s(v.lang),
            full: options.full,
        }
    }

    pub fn title(&self) -> Style {
        Style {
            size: 20.0 * self.k,
            bold: true,
            gray: 0,
        }
    }
    pub fn section(&self) -> Style {
        Style {
            size: 14.0 * self.k,
            bold: true,
            gray: 0,
        }
    }
    pub fn group(&self) -> Style {
        Style {
            size: 11.5 * self.k,
            bold: true,
            gray: 0,
        }
    }
    pub fn body(&self) -> Style {
        Style {
            size: 10.5 * self.k,
            bold: false,
            gray: 0,
        }
    }
    pub fn strong(&self) -> Style {
        Style {
            bold: true,
            ..self.body()
        }
    }
    pub fn detail(&self) -> Style {
        Style {
            size: 9.5 * self.k,
            bold: false,
            gray: 0,
        }
    }
    pub(crate) fn detail_label(&self) -> Style {
        Style {
            gray: GRAY_TEXT,
            ..self.detail()
        }
    }
    /// Second lines on the essentials sheet.
    pub(crate) fn compact(&self) -> Style {
        Style {
            size: 9.0 * self.k,
            bold: false,
            gray: 0,
        }
    }
    /// The "若……" line of an entry that applies under open answers only.
    pub(crate) fn compact_strong(&self) -> Style {
        Style {
            bold: true,
            ..self.compact()
        }
    }
    pub fn note(&self) -> Style {
        Style {
            size: 8.5 * self.k,
            bold: false,
            gray: GRAY_TEXT,
        }
    }
    pub(crate) fn footer_style(&self) -> Style {
        Style {
            size: 7.5 * self.k.min(1.25),
            bold: false,
            gray: 40,
        }
    }

    pub(crate) fn line_height(style: Style) -> f32 {
        style.size * 1.42
    }

    /// Baseline within a line box: the CJK em box (ascent 0.88 em) centred in the line.
    pub fn baseline(style: Style) -> f32 {
        let lh = Self::line_height(style);
        (lh - style.size) / 2.0 + 0.88 * style.size
    }

    pub(crate) fn text_width(&self, text: &str, style: Style) -> f32 {
        self.m.width(text, style.size)
    }

    /// Wrapped text as rows, one per line.
    pub(crate) fn text_rows(&self, x: f32, width: f32, text: &str, style: Style) -> Vec<Row> {
        let mut text = clean(text);
        if self.lang == Lang::En {
            // The CJK font's curly quotes are full-width: in English they read as gaps.
            text = text.replace(['“', '”'], "\"").replace(['‘', '’'], "'");
        }
        let size = style.size;
        wrap(&text, width, |c| self.m.advance(c) * size)
            .into_iter()
            .map(|line| Row {
                height: Self::line_height(style),
                ops: vec![Op::Text {
                    x,
                    y: Self::baseline(style),
                    text: line.to_string(),
                    style,
                }],
            })
            .collect()
    }

    /// Rows with every operation moved down by `dy`.
    pub(super) fn shifted(mut rows: Vec<Row>, dy: f32) -> Vec<Row> {
        for r in &mut rows {
            for op in &mut r.ops {
                match op {
                    Op::Text { y, .. } | Op::Box { y, .. } | Op::Fill { y, .. } => *y += dy,
                }
            }
        }
        rows
    }

    /// Two columns side by side, row by row.
    pub(super) fn zip(a: Vec<Row>, b: Vec<Row>) -> Vec<Row> {
        let n = a.len().max(b.len());
        let mut a = a.into_iter();
        let mut b = b.into_iter();
        (0..n)
            .map(|_| {
                let mut r = a.next().unwrap_or_default();
                if let Some(s) = b.next() {
                    r.height = r.height.max(s.height);
                    r.ops.extend(s.ops);
                }
                r
            })
            .collect()
    }

    /// A label in its own column, the text wrapped beside it (hanging indent).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn labelled(
        &self,
        x: f32,
        width: f32,
        label_w: f32,
        label: &str,
        label_style: Style,
        text: &str,
        style: Style,
    ) -> Vec<Row> {
        let labels = if label.is_empty() {
            Vec::new()
        } else {
            self.text_rows(x, label_w, label, label_style)
        };
        // The label first, so text extracted from the PDF reads "label text".
        Self::zip(
            labels,
            self.text_rows(x + label_w, width - label_w, text, style),
        )
    }

    pub(super) fn space(h: f32) -> Row {
        Row {
            height: h,
            ops: Vec::new(),
        }
    }

    pub(super) fn rule(&self, h: f32, thickness: f32, gray: u8) -> Row {
        Row {
            height: h,
            ops: vec![Op::Fill {
                x: self.x0,
                y: (h - thickness) / 2.0,
                w: self.width,
                h: thickness,
                gray,
            }],
        }
    }

    pub(super) fn with_cites(&self, text: &str, cites: &str) -> String {
        crate::view::strings::with_cites(self.lang, text, cites)
    }

    pub(super) fn cited(&self, c: &Cited) -> String {
        c.joined(self.lang)
    }

    /// A heading repeated at the top of a page where its list continues: "材料清单（续）".
    pub(super) fn continued(&self, text: &str, style: Style, rule: (f32, u8)) -> Vec<Row> {
        let text = format!("{text}{}", self.t.continued);
        let mut rows = self.text_rows(self.x0, self.width, &text, style);
        rows.push(self.rule(4.0 * self.k, rule.0, rule.1));
        rows.push(Self::space(3.0 * self.k));
        rows
    }

    pub(super) fn section_heading(&self, text: &str) -> Block {
        let s = self.section();
        let mut rows = self.text_rows(self.x0, self.width, text, s);
        rows.push(Row {
            height: 5.0 * self.k,
            ops: vec![Op::Fill {
                x: self.x0,
                y: 1.0,
                w: self.width,
                h: 1.2,
                gray: 0,
            }],
        });
        Block {
            rows,
            space_before: if self.full { 14.0 } else { 10.0 } * self.k,
            keep_with_next: true,
            repeat: Vec::new(),
        }
    }

    // ---------------------------------------------------------------- header

    pub fn header(&self, v: &View) -> Vec<Block> {
        let t = self.t;
        let mut rows = self.text_rows(self.x0, self.width, &v.title, self.title());
        rows.push(Self::space(3.0 * self.k));
        // On a blank sheet the name goes on the 姓名 line below.
        if let Some(label) = v.label.as_ref().filter(|_| !v.blank) {
            rows.extend(self.labelled(
                self.x0,
                self.width,
                self.label_width(&[t.case_label], self.group()),
                t.case_label,
                self.group(),
                label,
                self.group(),
            ));
            rows.push(Self::space(2.0 * self.k));
        }
        if self.full {
            // The answers, one per line.
            let labels: Vec<&str> = v.situation.iter().map(|f| f.label.as_str()).collect();
            let lw = self.label_width(&labels, self.body());
            let lstyle = Style {
                gray: GRAY_TEXT,
                ..self.body()
            };
            for f in &v.situation {
                rows.extend(self.labelled(
                    self.x0,
                    self.width,
                    lw,
                    &f.label,
                    lstyle,
                    &f.value,
                    self.strong(),
                ));
            }
        } else {
            // The situation in one or two lines: the plan matters more on the essentials sheet.
            rows.extend(self.text_rows(self.x0, self.width, &v.situation_line(), self.detail()));
        }
        if let Some(note) = &v.region_note {
            rows.extend(self.text_rows(self.x0, self.width, note, self.note()));
        }
        if let Some(intro) = &v.open_intro {
            rows.push(Self::space(4.0 * self.k));
            rows.extend(self.text_rows(self.x0, self.width, intro, self.note()));
        }
        if !v.open.is_empty() {
            let labels: Vec<&str> = v.open.iter().map(|c| c.label.as_str()).collect();
            let lw = self.label_width(&labels, self.detail());
            for c in &v.open {
                rows.extend(self.choice_rows(lw, c));
            }
        }
        if v.blank {
            rows.push(Self::space(6.0 * self.k));
            rows.push(self.fill_in_row(v.label.as_deref()));
        }
        rows.push(Self::space(4.0 * self.k));
        rows.push(self.rule(4.0 * self.k, 1.5, 0));
        vec![Block {
            rows,
            space_before: 0.0,
            keep_with_next: false,
            repeat: Vec::new(),
        }]
    }

    /// An open question with a box to tick before each option, the options flowing on as many
    /// lines as they need: "办理途径：□ 线上 □ 窗口 …".
    fn choice_rows(&self, label_w: f32, c: &crate::view::OpenChoice) -> Vec<Row> {
        let s = self.detail();
        let lh = Self::line_height(s) * 1.15;
        let base = Self::baseline(s) + (lh - Self::line_height(s)) / 2.0;
        let size = s.size * 0.95;
        let gap = 0.45 * s.size;
        let x_start = self.x0 + label_w;
        let x_end = self.x0 + self.width;
        let mut rows = vec![Row {
            height: lh,
            ops: vec![Op::Text {
                x: self.x0,
                y: base,
                text: format!("{}{}", c.label, colon(self.lang)),
                style: Style {
                    gray: GRAY_TEXT,
                    ..s
                },
            }],
        }];
        let mut x = x_start;
        for o in &c.options {
            let text = clean(o);
            let w = size + gap + self.text_width(&text, s);
            if x > x_start && x + w > x_end {
                rows.push(Row {
                    height: lh,
                    ops: Vec::new(),
                });
                x = x_start;
            }
            let row = rows.last_mut().expect("one row");
            row.ops.push(Op::Box {
                x,
                y: base - 0.4 * s.size - size / 2.0,
                size,
                ticked: false,
            });
            row.ops.push(Op::Text {
                x: x + size + gap,
                y: base,
                text,
                style: s,
            });
            x += w + 1.6 * s.size;
        }
        rows
    }

    /// "姓名 ______  日期 ______" for a front-desk hand-out, with the name if one was typed.
    fn fill_in_row(&self, name: Option<&str>) -> Row {
        let s = self.body();
        let lh = Self::line_height(s) * 1.3;
        let base = lh - 0.3 * s.size;
        let mut ops = Vec::new();
        let half = self.width / 2.0;
        for (i, label) in [self.t.name_field, self.t.date_field]
            .into_iter()
            .enumerate()
        {
            let label = format!("{label}{}", colon(self.lang));
            let x = self.x0 + i as f32 * (half + 10.0);
            let lw = self.text_width(&label, s) + 4.0;
            ops.push(Op::Text {
                x,
                y: base,
                text: label,
                style: s,
            });
            ops.push(Op::Fill {
                x: x + lw,
                y: base + 2.0,
                w: half - 10.0 - lw,
                h: 0.6,
                gray: 0,
            });
            if let (0, Some(name)) = (i, name) {
                // Written on the line, as by hand; a long name keeps to its half of the row.
                let line = self
                    .text_rows(x + lw + 4.0, half - 14.0 - lw, name, s)
                    .into_iter()
                    .next();
                if let Some(Op::Text { text, .. }) = line.and_then(|r| r.ops.into_iter().next()) {
                    ops.push(Op::Text {
                        x: x + lw + 4.0,
                        y: base,
                        text,
                        style: s,
                    });
                }
            }
        }
        Row { height: lh, ops }
    }

    pub(super) fn label_width(&self, labels: &[&str], style: Style) -> f32 {
        let widest = labels
            .iter()
            .map(|l| self.text_width(&format!("{l}："), style))
            .fold(0.0, f32::max);
        (widest + 0.6 * style.size).min(self.width * 0.4)
    }

    pub(super) fn block(&self, rows: Vec<Row>, space: f32, repeat: Vec<Row>) -> Block {
        // The essentials sheet is set tighter: it is meant to fit on two pages.
        let space = if self.full { space } else { space * 0.6 };
        Block {
            rows,
            space_before: space * self.k,
            keep_with_next: false,
            repeat,
        }
    }

    pub(super) fn tick_box(&self, row: &mut Row, ticked: bool) {
        let body = self.body();
        let size = body.size * 0.95;
        row.ops.push(Op::Box {
            x: self.x0,
            y: Self::baseline(body) - 0.4 * body.size - size / 2.0,
            size,
            ticked,
        });
    }

    pub(super) fn tick_indent(&self) -> f32 {
        let body = self.body();
        body.size * 0.95 + 0.7 * body.size
    }

    // ---------------------------------------------------------------- page furniture

    /// The footer without the page number: rule, disclaimer, data version line (baseline y).
    pub fn footer(&self, v: &View) -> (Vec<Row>, String) {
        let s = self.footer_style();
        let mut rows = vec![self.rule(6.0, 0.5, GRAY_RULE)];
        let mut text = v.disclaimer.to_string();
        if !self.full {
            text.push(' ');
            text.push_str(self.t.essentials_note);
        }
        let mut meta = format!("{} {}", self.t.data_version, v.data_version);
        if !v.blank {
            meta.push_str(&format!("  ·  {} {}", self.t.printed_on, v.today));
        }
        if let Some(code) = &v.code {
            // The hand-off code on every page: on the meta line when it fits beside the page
            // number (large print, English), else at the end of the footer text.
            let with_code = format!("{meta}  ·  {} {code}", self.t.code_label);
            let page = self.text_width(&self.page_label(99, 99), s);
            if self.text_width(&with_code, s) + page + 12.0 <= self.width {
                meta = with_code;
            } else {
                text.push_str(&format!("  {} {code}", self.t.code_label));
            }
        }
        rows.extend(self.text_rows(self.x0, self.width, &text, s));
        (rows, meta)
    }

    pub(crate) fn page_label(&self, n: usize, total: usize) -> String {
        crate::view::strings::page_n_of(self.lang, n, total)
    }

    /// The small title line on pages after the first.
    pub(crate) fn running_head(&self, v: &View) -> Vec<Row> {
        let mut rows = self.text_rows(self.x0, self.width, &v.document_title(), self.note());
        rows.truncate(1);
        rows.push(self.rule(6.0, 0.5, GRAY_RULE));
        rows
    }
}
