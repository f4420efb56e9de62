//! The checklist as plain text for a chat message (WeChat): the summary, the materials with
//! empty or ticked boxes, the next deadline and the hand-off code. Short lines, no source numbers, no background:
//! the sheet and the app have those.

use super::strings::{colon, s};

// The boxes and the warning sign are written as escapes: this text goes to the clipboard and is
// drawn by the phone's fonts, never by the app's bundled font subset (tests/it/fonts.rs reads the
// sources for characters the app may draw).
const BOX: &str = "\u{2610}";
const TICKED: &str = "\u{2611}";
const WARNING: &str = "\u{26a0} ";
use super::{Body, View};
use crate::catalog::Lang;

fn heading(lang: Lang, title: &str) -> String {
    match lang {
        Lang::Zh => format!("【{title}】"),
        Lang::En => format!("{title}:"),
    }
}

/// The message text, lines separated by `\n`.
pub fn message_text(v: &View) -> String {
    let t = s(v.lang);
    let c = colon(v.lang);
    let mut lines: Vec<String> = Vec::new();
    lines.push(match &v.label {
        Some(l) => format!("{} · {l}", v.title),
        None => v.title.to_string(),
    });
    if let Some(sm) = v.summary() {
        if let Some(x) = &sm.incomplete {
            lines.push(x.clone());
        }
        let mark = if sm.urgency.is_pressing() {
            WARNING
        } else {
            ""
        };
        lines.push(format!("{mark}{}", sm.headline));
        lines.push(sm.progress.clone());
        lines.extend(sm.next_step.iter().cloned());
    }
    for sec in &v.sections {
        if let Body::Materials(groups) = &sec.body {
            if groups.is_empty() {
                continue;
            }
            lines.push(String::new());
            lines.push(heading(v.lang, &sec.title));
            for m in groups.iter().flat_map(|g| &g.items) {
                let tick = if m.done { TICKED } else { BOX };
                let badges = if m.badges.is_empty() {
                    String::new()
                } else {
                    super::strings::paren(v.lang, &m.badges.join(" · "))
                };
                lines.push(format!("{tick} {}{badges}", m.name));
            }
        }
    }
    if let Some(sm) = v.summary()
        && let (Some(id), Some(date)) = (&sm.deadline_id, sm.deadline_date)
    {
        let title = v
            .section(super::SectionId::Deadlines)
            .and_then(|sec| match &sec.body {
                Body::Deadlines(list) => list.iter().find(|d| d.id == id),
                _ => None,
            })
            .map_or(String::new(), |d| d.title.to_string());
        lines.push(String::new());
        lines.push(format!("{}{c}{date}", t.next_deadline_plain));
        if !title.is_empty() {
            lines.push(title);
        }
    }
    if let Some(code) = &v.code {
        lines.push(String::new());
        lines.push(format!("{}{c}{code}", t.code_label));
    }
    lines.join("\n") + "\n"
}
