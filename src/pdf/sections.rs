//! The sections of the view on paper, each as measured blocks of rows: the essentials sheet
//! draws each card's headline, the full sheet every detail, version and source.

use super::layout::{Block, Op, Style};
use super::sheet::{GRAY_RULE, GRAY_TEXT, Sheet};
use crate::view::strings::colon;
use crate::view::{Body, Section, StepCard};

impl Sheet<'_> {
    /// The blocks of one section of the view, or none when the sheet leaves it out.
    pub(crate) fn section_blocks(&self, sec: &Section) -> Vec<Block> {
        if !self.full && !sec.id.essential() {
            return Vec::new();
        }
        let mut blocks = vec![self.section_heading(&sec.title)];
        let repeat = || self.continued(&sec.title, self.section(), (1.2, 0));
        if let Some(intro) = &sec.intro {
            blocks.push(Block {
                rows: self.text_rows(self.x0, self.width, intro, self.note()),
                space_before: 2.0 * self.k,
                keep_with_next: true,
                repeat: Vec::new(),
            });
        }
        match &sec.body {
            Body::Summary(sm) => {
                let mut rows = Vec::new();
                if let Some(x) = &sm.incomplete {
                    rows.extend(self.text_rows(self.x0, self.width, x, self.strong()));
                }
                let head = Style {
                    size: 12.0 * self.k,
                    bold: true,
                    gray: 0,
                };
                rows.extend(self.text_rows(self.x0, self.width, &sm.headline, head));
                for line in sm.consequence.iter().chain(&sm.what_now).chain(&sm.also) {
                    rows.extend(self.text_rows(self.x0, self.width, line, self.body()));
                }
                rows.push(Self::space(2.0 * self.k));
                for line in std::iter::once(&sm.progress)
                    .chain(&sm.next_step)
                    .chain(&sm.helpline)
                {
                    rows.extend(self.text_rows(self.x0, self.width, line, self.body()));
                }
                blocks.push(self.block(rows, 4.0, Vec::new()));
            }
            Body::Notices(list) => {
                let warning = sec.id == crate::view::SectionId::Warnings;
                let bar = 3.0 * self.k;
                let pad = if warning { bar + 7.0 * self.k } else { 0.0 };
                let (x, w) = (self.x0 + pad, self.width - pad);
                let (ts, bs) = if warning {
                    (self.strong(), self.detail())
                } else {
                    (
                        Style {
                            bold: true,
                            ..self.detail()
                        },
                        self.note(),
                    )
                };
                for n in list {
                    let mut rows = self.text_rows(x, w, &n.title, ts);
                    if let Some(when) = &n.when {
                        rows.extend(self.text_rows(x, w, when, self.compact_strong()));
                    }
                    if let Some(text) = &n.text {
                        rows.extend(self.text_rows(x, w, &self.cited(text), bs));
                    }
                    if let Some(cf) = &n.conflict {
                        rows.extend(self.text_rows(x, w, cf, self.note()));
                        let bw = self.text_width("• ", bs);
                        for ver in &n.versions {
                            rows.extend(self.labelled(x, w, bw, "•", bs, &self.cited(ver), bs));
                        }
                    }
                    if warning {
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
                    }
                    blocks.push(self.block(rows, if warning { 6.0 } else { 4.0 }, repeat()));
                }
            }
            Body::Materials(groups) => {
                let indent = self.tick_indent();
                let tx = self.x0 + indent;
                let tw = self.width - indent;
                let form_w = (self.width * 0.27).round();
                let gap = 8.0 * self.k;
                // The label column fits the labels this sheet draws.
                let labels: Vec<&str> = groups
                    .iter()
                    .flat_map(|g| &g.items)
                    .flat_map(|m| &m.details)
                    .map(|d| d.label.as_str())
                    .filter(|_| self.full)
                    .chain([self.t.requirements, self.t.note])
                    .collect();
                let lw = self.label_width(&labels, self.detail_label());
                for g in groups {
                    let gs = self.group();
                    let mut rows = self.text_rows(self.x0, self.width, &g.title, gs);
                    rows.push(self.rule(4.0 * self.k, 0.5, GRAY_RULE));
                    blocks.push(Block {
                        rows,
                        space_before: 9.0 * self.k,
                        keep_with_next: true,
                        repeat: Vec::new(),
                    });
                    for m in &g.items {
                        let badges = m.badges.join(" · ");
                        // The badges first, so that the name's lines extract as one text.
                        let name = self.text_rows(tx, tw - form_w - gap, &m.name, self.strong());
                        let mut rows = Self::zip(
                            // Smaller type on the same baseline as the name.
                            Self::shifted(
                                self.text_rows(
                                    self.x0 + self.width - form_w,
                                    form_w,
                                    &badges,
                                    self.detail(),
                                ),
                                Self::baseline(self.strong()) - Self::baseline(self.detail()),
                            ),
                            name,
                        );
                        self.tick_box(&mut rows[0], m.done);
                        if let Some(when) = &m.when {
                            rows.extend(self.text_rows(tx, tw, when, self.compact_strong()));
                        }
                        for line in &m.forms_when {
                            rows.extend(self.text_rows(tx, tw, line, self.compact()));
                        }
                        let (ds, ls) = if self.full {
                            (self.detail(), self.detail_label())
                        } else {
                            (
                                self.compact(),
                                Style {
                                    gray: GRAY_TEXT,
                                    ..self.compact()
                                },
                            )
                        };
                        if self.full {
                            for d in &m.details {
                                let text = self.with_cites(&d.text, &d.cites);
                                rows.extend(self.labelled(tx, tw, lw, &d.label, ls, &text, ds));
                            }
                        } else if let Some(rule) = &m.key_rule {
                            let text = self.cited(rule);
                            let label = self.t.requirements;
                            rows.extend(self.labelled(tx, tw, lw, label, ls, &text, ds));
                        }
                        if !m.note.is_empty() {
                            rows.extend(self.labelled(tx, tw, lw, self.t.note, ls, &m.note, ds));
                        }
                        blocks.push(self.block(
                            rows,
                            if self.full { 6.0 } else { 4.0 },
                            self.continued(&g.title, gs, (0.5, GRAY_RULE)),
                        ));
                    }
                }
            }
            Body::Steps(steps) => {
                let indent = self.tick_indent();
                let tx = self.x0 + indent;
                let tw = self.width - indent;
                let widest = steps.last().map(StepCard::number_label).unwrap_or_default();
                let num_w = self.text_width(&widest, self.strong()) + 0.5 * self.body().size;
                let lw = self.label_width(
                    &[self.t.channels, self.t.note, self.t.sources],
                    self.detail_label(),
                );
                for st in steps {
                    let mut rows = self.labelled(
                        tx,
                        tw,
                        num_w,
                        &st.number_label(),
                        self.strong(),
                        &st.title,
                        self.strong(),
                    );
                    self.tick_box(&mut rows[0], st.done);
                    let x = tx + num_w;
                    let w = tw - num_w;
                    if let Some(when) = &st.when {
                        rows.extend(self.text_rows(x, w, when, self.compact_strong()));
                    }
                    let (ds, ls) = if self.full {
                        (self.detail(), self.detail_label())
                    } else {
                        (
                            self.compact(),
                            Style {
                                gray: GRAY_TEXT,
                                ..self.compact()
                            },
                        )
                    };
                    if let (Some(detail), true) = (&st.detail, self.full) {
                        rows.extend(self.text_rows(x, w, detail, ds));
                    }
                    if let Some(ch) = &st.channels {
                        let text = if self.full {
                            self.with_cites(ch, &st.cites)
                        } else {
                            ch.clone()
                        };
                        rows.extend(self.labelled(x, w, lw, self.t.channels, ls, &text, ds));
                    } else if self.full && !st.cites.is_empty() {
                        rows.extend(self.text_rows(x, w, &st.cites, self.note()));
                    }
                    if !st.note.is_empty() {
                        rows.extend(self.labelled(x, w, lw, self.t.note, ls, &st.note, ds));
                    }
                    blocks.push(self.block(rows, if self.full { 6.0 } else { 4.0 }, repeat()));
                }
            }
            Body::Deadlines(list) => {
                let ds = self.detail();
                let bullet_w = self.text_width("• ", ds);
                let x = self.x0 + bullet_w;
                let w = self.width - bullet_w;
                for dl in list {
                    let mut rows = self.text_rows(self.x0, self.width, &dl.title, self.strong());
                    if let Some(when) = &dl.when {
                        rows.extend(self.text_rows(x, w, when, self.compact_strong()));
                    }
                    rows.extend(self.text_rows(x, w, &dl.headline, self.strong()));
                    for line in &dl.rules_when {
                        rows.extend(self.text_rows(x, w, line, self.body()));
                    }
                    for line in dl.consequence.iter().chain(&dl.conflict) {
                        rows.extend(self.text_rows(x, w, line, ds));
                    }
                    if let Some(wi) = &dl.write_in {
                        rows.push(Self::space(4.0 * self.k));
                        rows.extend(self.text_rows(x, w, wi, self.body()));
                    }
                    if self.full {
                        for ver in &dl.versions {
                            let mut rule = format!("{} — {}", ver.span, ver.text);
                            if let Some(mark) = &ver.safest {
                                rule.push_str(&format!("  ← {mark}"));
                            }
                            let text = self.with_cites(&rule, &ver.cites);
                            rows.extend(self.labelled(x, w, bullet_w, "•", ds, &text, ds));
                            let x2 = x + bullet_w;
                            let w2 = w - bullet_w;
                            for line in ver.when.iter().chain(&ver.counted_from) {
                                rows.extend(self.text_rows(x2, w2, line, ds));
                            }
                            for line in ver.assumption.iter().chain(&ver.consequence) {
                                rows.extend(self.text_rows(x2, w2, line, self.note()));
                            }
                        }
                    }
                    blocks.push(self.block(rows, 7.0, repeat()));
                }
            }
            Body::Stale(list) => {
                let indent = self.tick_indent();
                for it in list {
                    let mut rows = self.text_rows(
                        self.x0 + indent,
                        self.width - indent,
                        &it.name,
                        self.body(),
                    );
                    self.tick_box(&mut rows[0], it.done);
                    if !it.note.is_empty() {
                        let text = format!("{}{}{}", self.t.note, colon(self.lang), it.note);
                        rows.extend(self.text_rows(
                            self.x0 + indent,
                            self.width - indent,
                            &text,
                            self.detail(),
                        ));
                    }
                    blocks.push(self.block(rows, 4.0, repeat()));
                }
            }
            Body::Sources(list) => {
                let ds = self.detail();
                let nw = self.text_width(&format!("[{}] ", list.len()), ds) + 2.0;
                for src in list {
                    let label = format!("[{}]", src.number);
                    let text = src.text.trim_start_matches(&label).trim_start();
                    let mut rows = self.labelled(self.x0, self.width, nw, &label, ds, text, ds);
                    if let Some(sn) = &src.snippets {
                        rows.extend(self.text_rows(self.x0 + nw, self.width - nw, sn, self.note()));
                    }
                    blocks.push(self.block(rows, 2.0, repeat()));
                }
            }
        }
        blocks
    }
}
