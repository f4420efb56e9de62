//! What goes on the sheet: header, warnings, materials, steps, deadlines, notices, sources and
//! the footer, as measured blocks of rows.

use super::SheetOptions;
use super::font::Metrics;
use super::layout::{Block, MARGIN_X, Op, PAGE_W, Row, Style};
use super::wrap::wrap;
use crate::catalog::Catalog;
use crate::catalog::{Cite, Form, Lang, MaterialGroup, NoticeKind, QuestionKind};
use crate::engine::{DateStatus, Derivation, DerivedNotice};
use crate::wording::{span_text, version_date_text};

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
    /// Source id → short number on the sheet.
    source_no: Vec<(String, usize)>,
}

const GRAY_TEXT: u8 = 70;
const GRAY_RULE: u8 = 150;

impl<'a> Sheet<'a> {
    pub fn new(m: &'a Metrics, d: &Derivation, options: &SheetOptions) -> Self {
        Sheet {
            m,
            lang: options.lang,
            k: if options.large { 1.4 } else { 1.0 },
            x0: MARGIN_X,
            width: PAGE_W - 2.0 * MARGIN_X,
            source_no: d
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i + 1))
                .collect(),
        }
    }

    fn t(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
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
    pub fn detail_label(&self) -> Style {
        Style {
            gray: GRAY_TEXT,
            ..self.detail()
        }
    }
    pub fn note(&self) -> Style {
        Style {
            size: 8.5 * self.k,
            bold: false,
            gray: GRAY_TEXT,
        }
    }
    pub fn footer_style(&self) -> Style {
        Style {
            size: 7.5 * self.k.min(1.25),
            bold: false,
            gray: 40,
        }
    }

    pub fn line_height(style: Style) -> f32 {
        style.size * 1.42
    }

    /// Baseline within a line box: the CJK em box (ascent 0.88 em) centred in the line.
    pub fn baseline(style: Style) -> f32 {
        let lh = Self::line_height(style);
        (lh - style.size) / 2.0 + 0.88 * style.size
    }

    pub fn text_width(&self, text: &str, style: Style) -> f32 {
        self.m.width(text, style.size)
    }

    /// Wrapped text as rows, one per line.
    pub fn text_rows(&self, x: f32, width: f32, text: &str, style: Style) -> Vec<Row> {
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
    fn shifted(mut rows: Vec<Row>, dy: f32) -> Vec<Row> {
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
    fn zip(a: Vec<Row>, b: Vec<Row>) -> Vec<Row> {
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
    fn labelled(
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
        Self::zip(
            self.text_rows(x + label_w, width - label_w, text, style),
            labels,
        )
    }

    fn space(h: f32) -> Row {
        Row {
            height: h,
            ops: Vec::new(),
        }
    }

    fn rule(&self, h: f32, thickness: f32, gray: u8) -> Row {
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

    /// Short source numbers for a list of cites: "[1,3]".
    fn cites(&self, cites: &[Cite]) -> String {
        let mut nos: Vec<usize> = cites
            .iter()
            .filter_map(|c| {
                let seed = c.split('#').next().unwrap_or(c);
                self.source_no
                    .iter()
                    .find(|(id, _)| id == seed)
                    .map(|(_, n)| *n)
            })
            .collect();
        nos.sort();
        nos.dedup();
        if nos.is_empty() {
            return String::new();
        }
        let list: Vec<String> = nos.iter().map(|n| n.to_string()).collect();
        format!("[{}]", list.join(","))
    }

    fn with_cites(&self, text: &str, cites: &[Cite]) -> String {
        let c = self.cites(cites);
        match (c.is_empty(), self.lang) {
            (true, _) => text.to_string(),
            (false, Lang::Zh) => format!("{text}{c}"),
            (false, Lang::En) => format!("{text} {c}"),
        }
    }

    /// A heading repeated at the top of a page where its list continues: "材料清单（续）".
    fn continued(&self, text: &str, style: Style, rule: (f32, u8)) -> Vec<Row> {
        let text = format!("{text}{}", self.t("（续）", " (continued)"));
        let mut rows = self.text_rows(self.x0, self.width, &text, style);
        rows.push(self.rule(4.0 * self.k, rule.0, rule.1));
        rows.push(Self::space(3.0 * self.k));
        rows
    }

    fn section_heading(&self, text: &str) -> Block {
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
            space_before: 14.0 * self.k,
            keep_with_next: true,
            repeat: Vec::new(),
        }
    }

    // ---------------------------------------------------------------- header

    pub fn header(&self, catalog: &Catalog, d: &Derivation, options: &SheetOptions) -> Vec<Block> {
        let mut rows = self.text_rows(
            self.x0,
            self.width,
            self.t("医保报销材料清单", "Medical-insurance checklist"),
            self.title(),
        );
        rows.push(Self::space(3.0 * self.k));
        if let (Some(label), false) = (&options.label, options.blank) {
            rows.extend(self.labelled(
                self.x0,
                self.width,
                self.label_width(&[self.t("案例", "Case")], self.group()),
                self.t("案例", "Case"),
                self.group(),
                label,
                self.group(),
            ));
            rows.push(Self::space(2.0 * self.k));
        }
        // The answers, one per line. A blank sheet shows the situation, never a date.
        let answers: Vec<(&str, &str)> = d
            .answers
            .iter()
            .filter(|a| {
                !(options.blank
                    && catalog
                        .question(&a.question)
                        .is_some_and(|q| q.kind == QuestionKind::Date))
            })
            .map(|a| {
                (
                    a.question_label.get(self.lang),
                    a.value_label.get(self.lang),
                )
            })
            .collect();
        let mut labels: Vec<&str> = answers.iter().map(|(q, _)| *q).collect();
        let printed = options.printed_on.filter(|_| !options.blank);
        let printed_label = self.t("打印日期", "Printed on");
        let region_label = self.t("咨询电话", "Helpline");
        if printed.is_some() {
            labels.push(printed_label);
        }
        if d.region.as_ref().is_some_and(|r| !r.hotlines.is_empty()) {
            labels.push(region_label);
        }
        let lw = self.label_width(&labels, self.body());
        let lstyle = Style {
            gray: GRAY_TEXT,
            ..self.body()
        };
        for (q, v) in &answers {
            rows.extend(self.labelled(self.x0, self.width, lw, q, lstyle, v, self.strong()));
        }
        if let Some(r) = &d.region {
            if !r.hotlines.is_empty() {
                let text = format!(
                    "{}（{}）",
                    r.hotlines.join(self.t("、", ", ")),
                    r.name.get(self.lang)
                );
                rows.extend(self.labelled(
                    self.x0,
                    self.width,
                    lw,
                    region_label,
                    lstyle,
                    &text,
                    self.body(),
                ));
            }
            if let Some(note) = &r.note {
                rows.extend(self.text_rows(
                    self.x0 + lw,
                    self.width - lw,
                    note.get(self.lang),
                    self.note(),
                ));
            }
        }
        if let Some(date) = printed {
            rows.extend(self.labelled(
                self.x0,
                self.width,
                lw,
                printed_label,
                lstyle,
                &date.to_string(),
                self.body(),
            ));
        }
        if options.blank {
            rows.push(Self::space(6.0 * self.k));
            rows.push(self.fill_in_row());
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

    /// "姓名 ______  日期 ______" for a front-desk hand-out.
    fn fill_in_row(&self) -> Row {
        let s = self.body();
        let lh = Self::line_height(s) * 1.3;
        let base = lh - 0.3 * s.size;
        let mut ops = Vec::new();
        let half = self.width / 2.0;
        for (i, label) in [self.t("姓名：", "Name:"), self.t("日期：", "Date:")]
            .into_iter()
            .enumerate()
        {
            let x = self.x0 + i as f32 * (half + 10.0);
            let lw = self.text_width(label, s) + 4.0;
            ops.push(Op::Text {
                x,
                y: base,
                text: label.to_string(),
                style: s,
            });
            ops.push(Op::Fill {
                x: x + lw,
                y: base + 2.0,
                w: half - 10.0 - lw,
                h: 0.6,
                gray: 0,
            });
        }
        Row { height: lh, ops }
    }

    fn label_width(&self, labels: &[&str], style: Style) -> f32 {
        let widest = labels
            .iter()
            .map(|l| self.text_width(&format!("{l}："), style))
            .fold(0.0, f32::max);
        (widest + 0.6 * style.size).min(self.width * 0.4)
    }

    // ---------------------------------------------------------------- notices

    fn notice_rows(
        &self,
        n: &DerivedNotice,
        x: f32,
        width: f32,
        title_style: Style,
        style: Style,
    ) -> Vec<Row> {
        let mut title = n.title.get(self.lang).to_string();
        if n.conflict {
            title.push_str(self.t("（来源说法不一）", " (sources disagree)"));
        }
        let mut rows = self.text_rows(x, width, &title, title_style);
        let bullet = n.versions.len() > 1;
        for v in &n.versions {
            let text = self.with_cites(v.text.get(self.lang), &v.sources);
            if bullet {
                let bw = self.text_width("• ", style);
                rows.extend(self.labelled(x, width, bw, "•", style, &text, style));
            } else {
                rows.extend(self.text_rows(x, width, &text, style));
            }
        }
        rows
    }

    pub fn warnings(&self, d: &Derivation) -> Vec<Block> {
        let warnings: Vec<&DerivedNotice> = d.warnings().collect();
        if warnings.is_empty() {
            return Vec::new();
        }
        let mut blocks = vec![self.section_heading(self.t("请先注意", "Read this first"))];
        let bar = 3.0 * self.k;
        let pad = bar + 7.0 * self.k;
        for n in warnings {
            let mut rows = self.notice_rows(
                n,
                self.x0 + pad,
                self.width - pad,
                self.strong(),
                self.detail(),
            );
            // A black bar beside each warning, drawn per row so a split block stays right.
            for r in &mut rows {
                r.ops.push(Op::Fill {
                    x: self.x0,
                    y: 0.0,
                    w: bar,
                    h: r.height + 0.3,
                    gray: 0,
                });
            }
            blocks.push(Block {
                rows,
                space_before: 6.0 * self.k,
                keep_with_next: false,
                repeat: self.continued(
                    self.t("请先注意", "Read this first"),
                    self.section(),
                    (1.2, 0),
                ),
            });
        }
        blocks
    }

    pub fn other_notices(&self, d: &Derivation) -> Vec<Block> {
        let notices: Vec<&DerivedNotice> = d
            .notices
            .iter()
            .filter(|n| n.kind != NoticeKind::Warning)
            .collect();
        if notices.is_empty() {
            return Vec::new();
        }
        let mut blocks = vec![self.section_heading(self.t("规则与提示", "Rules and tips"))];
        for n in notices {
            // Background rules and tips: compact, after the checklist itself.
            let small = Style {
                size: 8.5 * self.k,
                bold: false,
                gray: 0,
            };
            let rows = self.notice_rows(
                n,
                self.x0,
                self.width,
                Style {
                    bold: true,
                    ..self.detail()
                },
                small,
            );
            blocks.push(Block {
                rows,
                space_before: 4.0 * self.k,
                keep_with_next: false,
                repeat: self.continued(
                    self.t("规则与提示", "Rules and tips"),
                    self.section(),
                    (1.2, 0),
                ),
            });
        }
        blocks
    }

    // ---------------------------------------------------------------- materials

    pub fn materials(&self, d: &Derivation, options: &SheetOptions) -> Vec<Block> {
        if d.materials.is_empty() {
            return Vec::new();
        }
        let mut blocks = vec![self.section_heading(self.t("材料清单", "Materials"))];
        let body = self.body();
        let box_size = body.size * 0.95;
        let indent = box_size + 0.7 * body.size;
        let tx = self.x0 + indent;
        let tw = self.width - indent;
        let form_w = (self.width * 0.27).round();
        let gap = 8.0 * self.k;
        let detail_labels = [
            self.t("要求", "Format"),
            self.t("获取", "Where"),
            self.t("替代", "Instead"),
            self.t("原因", "Why"),
        ];
        let lw = self.label_width(&detail_labels, self.detail_label());
        for g in MaterialGroup::ALL {
            let items: Vec<_> = d.materials_in(g).collect();
            if items.is_empty() {
                continue;
            }
            let gs = self.group();
            let mut rows = self.text_rows(self.x0, self.width, g.label().get(self.lang), gs);
            rows.push(self.rule(4.0 * self.k, 0.5, GRAY_RULE));
            blocks.push(Block {
                rows,
                space_before: 9.0 * self.k,
                keep_with_next: true,
                repeat: Vec::new(),
            });
            for m in items {
                let ticked = !options.blank && options.ticks.get(&m.id).copied().unwrap_or(false);
                let mut form = m.form.label().get(self.lang).to_string();
                if let Some(c) = m.count {
                    form.push_str(&match self.lang {
                        Lang::Zh => format!(" {c}份"),
                        Lang::En => format!(" ×{c}"),
                    });
                }
                let mut rows = Self::zip(
                    self.text_rows(tx, tw - form_w - gap, m.name.get(self.lang), self.strong()),
                    {
                        // Smaller type on the same baseline as the name.
                        let fs = if m.form == Form::Unspecified {
                            self.note()
                        } else {
                            self.detail()
                        };
                        Self::shifted(
                            self.text_rows(self.x0 + self.width - form_w, form_w, &form, fs),
                            Self::baseline(self.strong()) - Self::baseline(fs),
                        )
                    },
                );
                let base = Self::baseline(body);
                rows[0].ops.push(Op::Box {
                    x: self.x0,
                    y: base - 0.4 * body.size - box_size / 2.0,
                    size: box_size,
                    ticked,
                });
                let ds = self.detail();
                let ls = self.detail_label();
                for (label, notes) in [
                    (detail_labels[0], &m.format),
                    (detail_labels[1], &m.obtain),
                    (detail_labels[2], &m.alternatives),
                ] {
                    for (i, n) in notes.iter().enumerate() {
                        let l = if i == 0 { label } else { "" };
                        rows.extend(self.labelled(
                            tx,
                            tw,
                            lw,
                            l,
                            ls,
                            &self.with_cites(n.text.get(self.lang), &n.sources),
                            ds,
                        ));
                    }
                }
                let why = self.with_cites(m.why.get(self.lang), &m.sources);
                rows.extend(self.labelled(tx, tw, lw, detail_labels[3], ls, &why, ds));
                blocks.push(Block {
                    rows,
                    space_before: 6.0 * self.k,
                    keep_with_next: false,
                    repeat: self.continued(g.label().get(self.lang), gs, (0.5, GRAY_RULE)),
                });
            }
        }
        blocks
    }

    // ---------------------------------------------------------------- steps

    pub fn steps(&self, d: &Derivation, options: &SheetOptions) -> Vec<Block> {
        if d.steps.is_empty() {
            return Vec::new();
        }
        let mut blocks = vec![self.section_heading(self.t("办理步骤", "Steps"))];
        let body = self.body();
        let box_size = body.size * 0.95;
        let indent = box_size + 0.7 * body.size;
        let num_w =
            self.text_width(&format!("{}.", d.steps.len()), self.strong()) + 0.5 * body.size;
        let tx = self.x0 + indent;
        let tw = self.width - indent;
        let channel_label = self.t("渠道", "Where");
        let lw = self.label_width(&[channel_label], self.detail_label());
        for st in &d.steps {
            let ticked = !options.blank && options.ticks.get(&st.id).copied().unwrap_or(false);
            let mut rows = self.labelled(
                tx,
                tw,
                num_w,
                &format!("{}.", st.number),
                self.strong(),
                st.title.get(self.lang),
                self.strong(),
            );
            rows[0].ops.push(Op::Box {
                x: self.x0,
                y: Self::baseline(body) - 0.4 * body.size - box_size / 2.0,
                size: box_size,
                ticked,
            });
            let x = tx + num_w;
            let w = tw - num_w;
            // The step's sources go after its last line of text.
            let channels: Vec<String> = st
                .channels
                .iter()
                .map(|c| match &c.contact {
                    Some(contact) => format!("{} {contact}", c.name.get(self.lang)),
                    None => c.name.get(self.lang).to_string(),
                })
                .collect();
            if let Some(detail) = &st.detail {
                let text = if channels.is_empty() {
                    self.with_cites(detail.get(self.lang), &st.sources)
                } else {
                    detail.get(self.lang).to_string()
                };
                rows.extend(self.text_rows(x, w, &text, self.detail()));
            }
            if !channels.is_empty() {
                let text = self.with_cites(&channels.join(self.t("；", "; ")), &st.sources);
                rows.extend(self.labelled(
                    x,
                    w,
                    lw,
                    channel_label,
                    self.detail_label(),
                    &text,
                    self.detail(),
                ));
            }
            if st.detail.is_none() && channels.is_empty() {
                let c = self.cites(&st.sources);
                if !c.is_empty() {
                    rows.extend(self.text_rows(x, w, &c, self.note()));
                }
            }
            blocks.push(Block {
                rows,
                space_before: 6.0 * self.k,
                keep_with_next: false,
                repeat: self.continued(self.t("办理步骤", "Steps"), self.section(), (1.2, 0)),
            });
        }
        blocks
    }

    // ---------------------------------------------------------------- deadlines

    pub fn deadlines(&self, d: &Derivation, options: &SheetOptions) -> Vec<Block> {
        if d.deadlines.is_empty() {
            return Vec::new();
        }
        let mut blocks = vec![self.section_heading(self.t("期限与时间", "Deadlines and times"))];
        let ds = self.detail();
        let bullet_w = self.text_width("• ", ds);
        let x = self.x0 + bullet_w;
        let w = self.width - bullet_w;
        for dl in &d.deadlines {
            let mut title = dl.label.get(self.lang).to_string();
            if dl.conflict {
                title.push_str(self.t(
                    "（来源说法不一，均列出）",
                    " (sources disagree: all versions listed)",
                ));
            }
            let mut rows = self.text_rows(self.x0, self.width, &title, self.strong());
            for (i, v) in dl.versions.iter().enumerate() {
                let rule = format!(
                    "{} — {}",
                    span_text(v.span, v.span_max, self.lang),
                    v.text.get(self.lang)
                );
                rows.extend(self.labelled(
                    self.x0,
                    self.width,
                    bullet_w,
                    "•",
                    ds,
                    &self.with_cites(&rule, &v.sources),
                    ds,
                ));
                if !options.blank {
                    let has_date = v.date.is_some()
                        || matches!(v.status, DateStatus::NeedsDate | DateStatus::NoStart);
                    if has_date {
                        let mut when = version_date_text(v, self.lang);
                        let safest = dl.safest == Some(i) && dl.conflict;
                        if safest {
                            when.push_str(if dl.kind.is_limit() {
                                self.t("  ← 最稳妥（按最早的办）", "  ← safest (the earliest)")
                            } else {
                                self.t("  ← 按最晚的估计", "  ← plan on the latest")
                            });
                        }
                        let style = if v.date.is_some() {
                            self.strong()
                        } else {
                            self.detail()
                        };
                        rows.extend(self.text_rows(x, w, &when, style));
                    }
                }
                if let Some(a) = &v.assumption {
                    rows.extend(self.text_rows(x, w, a.get(self.lang), self.note()));
                }
                if let Some(c) = &v.consequence {
                    rows.extend(self.text_rows(
                        x,
                        w,
                        &format!("{}{}", self.t("逾期：", "If missed: "), c.get(self.lang)),
                        ds,
                    ));
                }
            }
            blocks.push(Block {
                rows,
                space_before: 7.0 * self.k,
                keep_with_next: false,
                repeat: self.continued(
                    self.t("期限与时间", "Deadlines and times"),
                    self.section(),
                    (1.2, 0),
                ),
            });
        }
        blocks
    }

    // ---------------------------------------------------------------- sources

    pub fn sources(&self, d: &Derivation) -> Vec<Block> {
        if d.sources.is_empty() {
            return Vec::new();
        }
        let mut blocks = vec![self.section_heading(self.t("来源", "Sources"))];
        blocks.push(Block {
            rows: self.text_rows(
                self.x0,
                self.width,
                self.t(
                    "条目后方括号内的数字是下列来源的编号。",
                    "Numbers in brackets after an item refer to these sources.",
                ),
                self.note(),
            ),
            space_before: 2.0 * self.k,
            keep_with_next: true,
            repeat: Vec::new(),
        });
        let ds = self.detail();
        let nw = self.text_width(&format!("[{}] ", d.sources.len()), ds) + 2.0;
        for (i, s) in d.sources.iter().enumerate() {
            let mut text = s.title.clone();
            if let Some(date) = &s.date {
                text.push_str(&format!("（{date}）"));
            }
            let rows = self.labelled(
                self.x0,
                self.width,
                nw,
                &format!("[{}]", i + 1),
                ds,
                &text,
                ds,
            );
            blocks.push(Block {
                rows,
                space_before: 2.0 * self.k,
                keep_with_next: false,
                repeat: self.continued(self.t("来源", "Sources"), self.section(), (1.2, 0)),
            });
        }
        blocks
    }

    // ---------------------------------------------------------------- page furniture

    /// The footer without the page number: rule, disclaimer, data version line (baseline y).
    pub fn footer(&self, d: &Derivation, options: &SheetOptions) -> (Vec<Row>, String) {
        let s = self.footer_style();
        let mut rows = vec![self.rule(6.0, 0.5, GRAY_RULE)];
        rows.extend(self.text_rows(self.x0, self.width, d.disclaimer.get(self.lang), s));
        let mut meta = format!("{} {}", self.t("数据版本", "Data version"), d.data_version);
        if let Some(date) = options.printed_on.filter(|_| !options.blank) {
            meta.push_str(&format!("  ·  {} {date}", self.t("打印日期", "printed on")));
        }
        (rows, meta)
    }

    pub fn page_label(&self, n: usize, total: usize) -> String {
        match self.lang {
            Lang::Zh => format!("第 {n} / {total} 页"),
            Lang::En => format!("Page {n} of {total}"),
        }
    }

    /// The small title line on pages after the first.
    pub fn running_head(&self, options: &SheetOptions) -> Vec<Row> {
        let mut text = self
            .t("医保报销材料清单", "Medical-insurance checklist")
            .to_string();
        if let (Some(label), false) = (&options.label, options.blank) {
            text.push_str(" · ");
            text.push_str(label);
        }
        let mut rows = self.text_rows(self.x0, self.width, &text, self.note());
        rows.truncate(1);
        rows.push(self.rule(6.0, 0.5, GRAY_RULE));
        rows
    }
}
