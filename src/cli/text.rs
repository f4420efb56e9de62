//! The checklist as terminal text: a renderer of the view, with everything in it (every version,
//! rule and source), in the view's order and words.

use crate::view::strings::{colon, labelled, s, with_cites};
use crate::view::{Body, View};
use std::fmt::Write as _;

fn tick(done: bool) -> &'static str {
    if done { "[x]" } else { "[ ]" }
}

/// The readable text form of a checklist.
pub fn view_text(v: &View) -> String {
    let t = s(v.lang);
    let c = colon(v.lang);
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(o, "{}", v.title);
    if let Some(label) = &v.label {
        let _ = writeln!(o, "  {}{c}{label}", t.case_label);
    }
    for f in &v.situation {
        let _ = writeln!(o, "  {}{c}{}", f.label, f.value);
    }
    for u in &v.unused {
        let _ = writeln!(o, "  ({}{c}{u})", t.unused_answer);
    }
    if let Some(n) = &v.region_note {
        let _ = writeln!(o, "  {n}");
    }
    for sec in &v.sections {
        let _ = writeln!(o, "\n== {} ==", sec.title);
        if let Some(intro) = &sec.intro {
            let _ = writeln!(o, "{intro}");
        }
        match &sec.body {
            Body::Summary(sm) => {
                if let Some(x) = &sm.incomplete {
                    let _ = writeln!(o, "! {x}");
                }
                let mark = if sm.urgency.is_pressing() { "! " } else { "" };
                let _ = writeln!(o, "{mark}{}", sm.headline);
                for line in sm
                    .consequence
                    .iter()
                    .chain(&sm.what_now)
                    .chain(&sm.also)
                    .chain(std::iter::once(&sm.progress))
                    .chain(&sm.next_step)
                    .chain(&sm.helpline)
                {
                    let _ = writeln!(o, "  {line}");
                }
            }
            Body::Notices(list) => {
                for n in list {
                    let _ = writeln!(o, "! {}", n.title);
                    if let Some(x) = &n.text {
                        let _ = writeln!(o, "  {}", with_cites(v.lang, &x.text, &x.cites));
                    }
                    if let Some(cf) = &n.conflict {
                        let _ = writeln!(o, "  ({cf})");
                        for x in &n.versions {
                            let _ = writeln!(o, "  - {}", with_cites(v.lang, &x.text, &x.cites));
                        }
                    }
                }
            }
            Body::Materials(groups) => {
                for g in groups {
                    let _ = writeln!(o, "-- {} --", g.title);
                    for m in &g.items {
                        let badges = if m.badges.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", m.badges.join(" · "))
                        };
                        let _ = writeln!(o, "{} {}{badges}", tick(m.done), m.name);
                        if !m.note.is_empty() {
                            let _ = writeln!(o, "      {}{c}{}", t.note, m.note);
                        }
                        for d in &m.details {
                            let _ = writeln!(
                                o,
                                "      {}{c}{}",
                                d.label,
                                with_cites(v.lang, &d.text, &d.cites)
                            );
                        }
                        let _ = writeln!(o, "      {}", labelled(v.lang, t.sources, &m.sources));
                    }
                }
            }
            Body::Steps(steps) => {
                for st in steps {
                    let _ = writeln!(o, "{} {}", tick(st.done), st.heading());
                    if let Some(d) = &st.detail {
                        let _ = writeln!(o, "      {d}");
                    }
                    if let Some(ch) = &st.channels {
                        let _ = writeln!(o, "      {}{c}{ch}", t.channels);
                    }
                    if !st.note.is_empty() {
                        let _ = writeln!(o, "      {}{c}{}", t.note, st.note);
                    }
                    if !st.sources.is_empty() {
                        let _ = writeln!(o, "      {}", labelled(v.lang, t.sources, &st.sources));
                    }
                }
            }
            Body::Deadlines(list) => {
                for dl in list {
                    let mark = if dl.urgency.is_pressing() { "! " } else { "* " };
                    let _ = writeln!(o, "{mark}{}{c}{}", dl.title, dl.headline);
                    for line in dl.consequence.iter().chain(&dl.write_in) {
                        let _ = writeln!(o, "  {line}");
                    }
                    if let Some(cf) = &dl.conflict {
                        let _ = writeln!(o, "  ({cf})");
                    }
                    for ver in &dl.versions {
                        let safest = ver
                            .safest
                            .as_ref()
                            .map(|x| format!("  ← {x}"))
                            .unwrap_or_default();
                        let _ = writeln!(
                            o,
                            "  - {} · {}{safest}",
                            ver.span,
                            with_cites(v.lang, &ver.text, &ver.cites)
                        );
                        for line in ver
                            .when
                            .iter()
                            .chain(&ver.counted_from)
                            .chain(&ver.assumption)
                            .chain(&ver.consequence)
                        {
                            let _ = writeln!(o, "      {line}");
                        }
                    }
                }
            }
            Body::Stale(list) => {
                for it in list {
                    let _ = writeln!(o, "{} {}", tick(it.done), it.name);
                    if !it.note.is_empty() {
                        let _ = writeln!(o, "      {}{c}{}", t.note, it.note);
                    }
                }
            }
            Body::Sources(list) => {
                for src in list {
                    let _ = writeln!(o, "{}", src.text);
                    if let Some(sn) = &src.snippets {
                        let _ = writeln!(o, "    {sn}");
                    }
                }
            }
        }
    }
    let _ = writeln!(o, "\n{}", v.disclaimer);
    let _ = writeln!(o, "{}", v.data_line);
    if let Some(code) = &v.code {
        let _ = writeln!(o, "{}{c}{code}", t.code_label);
    } else if let Some(why) = &v.no_code {
        let _ = writeln!(o, "{why}");
    }
    out
}
