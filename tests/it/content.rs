//! The content check the next editor runs with `cargo test`: for every entry in every file of
//! `checklists/` (all regions, all places of treatment),
//!
//! - every cited snippet title (`"002#…"`) is a 相关推荐 snippet of that seed file, and
//! - every number in a Chinese text (days, months, percentages, phone numbers, amounts) and every
//!   length of a deadline appears in the text the entry cites: the main article for `"002"`, the
//!   snippet (title and body) for `"002#title"`.
//!
//! The seeds are read from `../shared/seeds/` beside the checkout (where CI puts them), using the
//! file names in `checklists/sources.ron`. English texts are translations (1,000 for 1000, 1.36
//! billion for 13.6亿) and are not compared.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use yibao_checklist::catalog::{BUNDLED, CatalogFile, Cite, Span, Text};

/// Numbers the sources do not print, each the app's own advice and labelled as such in the text
/// (`本应用建议`): (entry id, number). Keep this list short; a source-backed number never goes here.
const APP_ADVICE: &[(&str, &str)] = &[
    // The sources give no way to ask before an unfiled non-emergency claim; calling 12393 is ours.
    ("xr_nofile_ask_first", "12393"),
    // The sources give no mailing address; asking 12393 for it is ours.
    ("claim_mail_check", "12393"),
];

/// The label a text must carry for its numbers to be taken from `APP_ADVICE`.
const APP_ADVICE_LABEL: &str = "本应用建议";

/// The variable under which a missing `../shared/seeds/` fails the check instead of skipping it
/// (`.ci/run` sets it, so CI keeps checking every citation).
const REQUIRE: &str = "YIBAO_REQUIRE_SOURCES";

/// The line printed when the sources are absent (a fresh clone of the repository).
const SKIP_LINE: &str =
    "skipped: the source articles are not beside the checkout; CI runs this check";

/// The seed folder, or `None` (after printing the skip line) where a clone has no `../shared/`.
/// With `YIBAO_REQUIRE_SOURCES=1` a missing folder fails with the same line.
fn seeds_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if dir.is_dir() {
        return Some(dir);
    }
    let required = std::env::var_os(REQUIRE).is_some_and(|v| !v.is_empty() && v != "0");
    assert!(
        !required,
        "{SKIP_LINE} ({REQUIRE} is set, and {} is missing)",
        dir.display()
    );
    // Written to the stream itself: the test harness captures println!, and this line is for the
    // person running `cargo test`.
    let _ = writeln!(
        std::io::stderr(),
        "content: {SKIP_LINE} ({} is missing)",
        dir.display()
    );
    None
}

/// One seed file cut into its main article and its 相关推荐 snippets (title → title and body).
struct Seed {
    main: String,
    snippets: BTreeMap<String, String>,
}

fn read_seed(path: &Path) -> Seed {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let (main, tail) = match text.split_once("\n相关推荐\n") {
        Some((m, t)) => (m.to_string(), t),
        None => (text.clone(), ""),
    };
    // Each snippet is a title line, its body, then a "健康新闻 <date>" line.
    let mut snippets = BTreeMap::new();
    let mut block: Vec<&str> = Vec::new();
    for line in tail.lines() {
        let line = line.trim();
        if line.starts_with("健康新闻") {
            if let Some((title, body)) = block.split_first() {
                snippets.insert(title.to_string(), format!("{title}\n{}", body.join("\n")));
            }
            block.clear();
        } else if !line.is_empty() {
            block.push(line);
        }
    }
    Seed { main, snippets }
}

/// Numbers as written, with what follows each: runs of ASCII digits with at most one decimal
/// point inside (`13.6`, `0.8`, `0557`, `12393`).
fn scan(text: &str) -> Vec<(String, Option<char>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut dot = false;
        while i < chars.len() {
            let decimal =
                chars[i] == '.' && !dot && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
            if !(chars[i].is_ascii_digit() || decimal) {
                break;
            }
            dot |= decimal;
            i += 1;
        }
        out.push((chars[start..i].iter().collect(), chars.get(i).copied()));
    }
    out
}

fn numbers(text: &str) -> BTreeSet<String> {
    scan(text).into_iter().map(|(n, _)| n).collect()
}

/// The numbers a passage states: without list markers (`1.`, `2、` before text), so that a small
/// number in the data is not "found" in a source's numbering.
fn stated_numbers(text: &str) -> BTreeSet<String> {
    scan(text)
        .into_iter()
        .filter(|(_, after)| !matches!(after, Some('.' | '．' | '、')))
        .map(|(n, _)| n)
        .collect()
}

/// Small numbers the sources write in Chinese (`六个月`, `一年`), for deadline lengths.
fn chinese_numeral(n: u32) -> Option<&'static str> {
    const NUMERALS: [&str; 11] = [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    NUMERALS.get(n as usize).copied()
}

struct Checker {
    seeds: BTreeMap<String, Seed>,
    /// A set: a broken citation is met once per text that uses it.
    problems: BTreeSet<String>,
    /// Snippets cited at least once, per seed (to catch a stale `snippets` list).
    cited: BTreeSet<String>,
}

impl Checker {
    /// The cited passages' text; reports citations that do not resolve.
    fn passage(&mut self, file: &str, id: &str, cites: &[Cite]) -> String {
        let mut out = String::new();
        for c in cites {
            let (seed, snippet) = match c.split_once('#') {
                Some((s, n)) => (s, Some(n)),
                None => (c.as_ref(), None),
            };
            let Some(s) = self.seeds.get(seed) else {
                self.problems
                    .insert(format!("{file}: \"{id}\" cites unknown seed \"{seed}\""));
                continue;
            };
            match snippet {
                None => out.push_str(&s.main),
                Some(n) => match s.snippets.get(n) {
                    Some(body) => {
                        out.push_str(body);
                        self.cited.insert(c.to_string());
                    }
                    None => {
                        self.problems.insert(format!(
                            "{file}: \"{id}\" cites snippet \"{n}\", which is not a 相关推荐 title in seed {seed}"
                        ));
                    }
                },
            }
            out.push('\n');
        }
        out
    }

    /// Every number in the Chinese text appears in the cited passages.
    fn text(&mut self, file: &str, id: &str, what: &str, zh: &str, cites: &[Cite]) {
        // Resolved even without numbers: every citation must point at real text.
        let passage = self.passage(file, id, cites);
        let wanted = numbers(zh);
        let found = stated_numbers(&passage);
        for n in wanted.difference(&found) {
            let advice = APP_ADVICE.iter().any(|(e, x)| *e == id && x == n);
            if advice && zh.contains(APP_ADVICE_LABEL) {
                continue;
            }
            let hint = if advice {
                format!(
                    " (allowed as the app's own advice only when the text says {APP_ADVICE_LABEL})"
                )
            } else {
                String::new()
            };
            self.problems.insert(format!(
                "{file}: \"{id}\" {what}: {n} is in no cited text ({}){hint}: {zh}",
                cites
                    .iter()
                    .map(|c| c.as_ref())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }

    fn texts(&mut self, file: &str, id: &str, what: &str, t: &[&Text], cites: &[Cite]) {
        for x in t {
            self.text(file, id, what, &x.zh, cites);
        }
    }

    /// A deadline's length (and the far end of a range) appears in its cited text.
    fn span(&mut self, file: &str, id: &str, span: Span, max: Option<u32>, cites: &[Cite]) {
        let n = match span {
            Span::Days(n) | Span::WorkingDays(n) | Span::Months(n) | Span::Years(n) => n,
            Span::Immediate | Span::Indefinite => return,
        };
        let passage = self.passage(file, id, cites);
        let found = stated_numbers(&passage);
        for k in std::iter::once(n).chain(max) {
            let in_words = chinese_numeral(k).is_some_and(|w| passage.contains(w));
            if !found.contains(&k.to_string()) && !in_words {
                self.problems.insert(format!(
                    "{file}: \"{id}\": a version's length {k} is in no cited text"
                ));
            }
        }
    }
}

fn union(lists: &[&[Cite]]) -> Vec<Cite> {
    let mut out: Vec<Cite> = Vec::new();
    for l in lists {
        for c in *l {
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
    }
    out
}

fn parse(name: &str, src: &str) -> CatalogFile {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(src)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_citation_and_number_is_in_the_sources() {
    let Some(dir) = seeds_dir() else { return };
    let files: Vec<(&str, CatalogFile)> = BUNDLED.iter().map(|(n, s)| (*n, parse(n, s))).collect();
    let sources: Vec<_> = files.iter().flat_map(|(_, f)| &f.sources).collect();
    assert_eq!(sources.len(), 5, "five seeds in sources.ron");
    let mut cx = Checker {
        seeds: BTreeMap::new(),
        problems: BTreeSet::new(),
        cited: BTreeSet::new(),
    };
    for s in &sources {
        let seed = read_seed(&dir.join(&s.file));
        assert!(
            seed.main.contains(&s.title),
            "seed {} ({}) does not carry the title \"{}\"",
            s.id,
            s.file,
            s.title
        );
        for n in &s.snippets {
            if !seed.snippets.contains_key(n) {
                cx.problems.insert(format!(
                    "sources.ron: seed {} lists snippet \"{n}\", which is not a 相关推荐 title in {}",
                    s.id, s.file
                ));
            }
        }
        cx.seeds.insert(s.id.clone(), seed);
    }

    let mut entries = 0;
    for (file, f) in &files {
        for m in &f.materials {
            entries += 1;
            let notes: Vec<&[Cite]> = m
                .format
                .iter()
                .chain(&m.obtain)
                .chain(&m.alternatives)
                .map(|n| n.sources.as_slice())
                .chain(m.forms.iter().map(|r| r.sources.as_slice()))
                .collect();
            let all = union(&[&[m.sources.as_slice()], notes.as_slice()].concat());
            let mut own = vec![&m.name, &m.why];
            own.extend(&m.description);
            cx.texts(file, &m.id, "the material", &own, &all);
            for n in m.format.iter().chain(&m.obtain).chain(&m.alternatives) {
                cx.text(file, &m.id, "a note", &n.text.zh, &n.sources);
            }
            for r in &m.forms {
                cx.passage(file, &m.id, &r.sources);
            }
        }
        for c in &f.channels {
            entries += 1;
            let mut own = vec![&c.name];
            own.extend(&c.description);
            cx.texts(file, &c.id, "the channel", &own, &c.sources);
            if let Some(contact) = &c.contact {
                cx.text(file, &c.id, "the contact", contact, &c.sources);
            }
        }
        for s in &f.steps {
            entries += 1;
            let mut own = vec![&s.title];
            own.extend(&s.detail);
            cx.texts(file, &s.id, "the step", &own, &s.sources);
        }
        for d in &f.deadlines {
            entries += 1;
            let all = union(
                &d.versions
                    .iter()
                    .map(|v| v.sources.as_slice())
                    .collect::<Vec<_>>(),
            );
            cx.text(file, &d.id, "the label", &d.label.zh, &all);
            for v in &d.versions {
                let mut own = vec![&v.text];
                own.extend(&v.assumption);
                own.extend(&v.consequence);
                cx.texts(file, &d.id, "a version", &own, &v.sources);
                cx.span(file, &d.id, v.span, v.span_max, &v.sources);
            }
        }
        for n in &f.notices {
            entries += 1;
            let all = union(
                &n.versions
                    .iter()
                    .map(|v| v.sources.as_slice())
                    .collect::<Vec<_>>(),
            );
            cx.text(file, &n.id, "the title", &n.title.zh, &all);
            for v in &n.versions {
                cx.text(file, &n.id, "a version", &v.text.zh, &v.sources);
            }
        }
        // A quick sheet's citations, when it has any, are real passages.
        for q in &f.quick_sheets {
            if !q.sources.is_empty() {
                cx.text(file, &q.id, "the name", &q.name.zh, &q.sources);
            }
        }
        // Help texts that state facts cite them (issue 21).
        for q in &f.questions {
            if let Some(h) = &q.help
                && !q.sources.is_empty()
            {
                cx.text(file, &q.id, "the help text", &h.zh, &q.sources);
            }
        }
        for r in &f.regions {
            entries += 1;
            let mut own = vec![&r.name];
            own.extend(&r.note);
            cx.texts(file, &r.id, "the region", &own, &r.sources);
            for h in &r.hotlines {
                cx.text(file, &r.id, "a hotline", h, &r.sources);
            }
        }
    }
    assert!(entries > 150, "only {entries} entries read");

    // A snippet listed in sources.ron but cited nowhere is a stale list.
    for s in &sources {
        for n in &s.snippets {
            let cite = format!("{}#{n}", s.id);
            if !cx.cited.contains(&cite) {
                cx.problems.insert(format!(
                    "sources.ron: seed {} lists snippet \"{n}\", which no entry cites",
                    s.id
                ));
            }
        }
    }
    assert!(
        cx.problems.is_empty(),
        "{} problem(s) in checklists/ against ../shared/seeds:\n{}",
        cx.problems.len(),
        cx.problems.iter().cloned().collect::<Vec<_>>().join("\n")
    );
}

/// The allowlist stays honest: each entry exists and its text says it is the app's advice.
#[test]
fn app_advice_allowlist_names_labelled_entries() {
    for (id, number) in APP_ADVICE {
        let texts: Vec<String> = BUNDLED
            .iter()
            .flat_map(|(n, s)| {
                let f = parse(n, s);
                f.steps
                    .iter()
                    .filter(|s| s.id == *id)
                    .flat_map(|s| [Some(&s.title), s.detail.as_ref()])
                    .flatten()
                    .map(|t| t.zh.to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(
            !texts.is_empty(),
            "allowlisted step \"{id}\" does not exist"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.contains(number) && t.contains(APP_ADVICE_LABEL)),
            "\"{id}\" must say {number} as {APP_ADVICE_LABEL}: {texts:?}"
        );
    }
}

#[test]
fn list_markers_are_not_numbers() {
    let n = stated_numbers("1.暂住证 2、材料 3.5万 有效期6个月。 10. 第二条");
    let want: BTreeSet<String> = ["3.5", "6"].iter().map(|s| s.to_string()).collect();
    assert_eq!(n, want);
}

#[test]
fn numbers_are_read_whole() {
    let n = numbers("0557-3060050，13.6亿，70%-90%，第3.条");
    let want: BTreeSet<String> = ["0557", "3060050", "13.6", "70", "90", "3"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(n, want);
}
