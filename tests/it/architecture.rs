//! The shape of the code, checked from its whole sources (test items left out): layers point
//! down only, top-level modules form no cycle, the files inside each folder form no loop, and the
//! app's screens change the state only through its command queue.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The whole source of a file as the compiler reads it for the product: comments removed,
/// string and character literals emptied (braces and paths inside them do not count), and every
/// `#[cfg(test)]` item cut out by matching its braces, wherever it stands in the file.
fn code(path: &Path) -> String {
    without_tests(&strip(&fs::read_to_string(path).unwrap()))
}

/// `src` without comments, with the contents of string and char literals dropped.
fn strip(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let ident = |k: usize| k > 0 && (c[k - 1].is_alphanumeric() || c[k - 1] == '_');
    while i < c.len() {
        let at = |s: &str| s.chars().enumerate().all(|(k, x)| c.get(i + k) == Some(&x));
        if at("//") {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if at("/*") {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if (c[i] == 'r' || (c[i] == 'b' && c.get(i + 1) == Some(&'r'))) && !ident(i) && {
            let mut k = i + if c[i] == 'b' { 2 } else { 1 };
            while c.get(k) == Some(&'#') {
                k += 1;
            }
            c.get(k) == Some(&'"')
        } {
            // A raw string: r"…", r#"…"#, br"…".
            i += if c[i] == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while c[i] == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1;
            loop {
                if c[i] == '"' && (1..=hashes).all(|k| c.get(i + k) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            out.push_str("\"\"");
        } else if c[i] == '"' {
            i += 1;
            while c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' && c.get(i + 1) == Some(&'\\') {
            // '\n', '\'', '\u{..}'
            i += 2;
            while c[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else if c[i] == '\'' && c.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push_str("' '");
        } else {
            // Lifetimes and labels ('a) fall through here as they are.
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// `code` without the items marked `#[cfg(test)]` (a `mod tests { … }`, a `use`, a function).
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(start) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..start]);
        let item = &rest[start..];
        let mut depth = 0;
        let mut end = item.len();
        for (k, ch) in item.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Top-level module of a file under src/ (`src/gui/state/mod.rs` → `gui`).
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(src()).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Which top-level modules each top-level module names as `crate::x`, from non-test code.
fn uses() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let m = module_of(&f);
        if matches!(m.as_str(), "main" | "lib") {
            continue;
        }
        // Unit tests may reach anywhere: `code` leaves them out.
        let text = code(&f);
        let deps = out.entry(m.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != m {
                deps.insert(name);
            }
        }
    }
    out
}

#[test]
fn the_core_knows_nothing_of_the_front_ends() {
    let uses = uses();
    let front = ["view", "gui", "pdf", "cli", "print"];
    for core in ["catalog", "dates", "engine", "cases"] {
        let bad: Vec<_> = uses[core]
            .iter()
            .filter(|d| front.contains(&d.as_str()))
            .collect();
        assert!(bad.is_empty(), "{core} uses {bad:?}");
    }
    // The view decides content; the renderers draw it. It names none of them.
    let bad: Vec<_> = uses["view"]
        .iter()
        .filter(|d| ["gui", "pdf", "cli"].contains(&d.as_str()))
        .collect();
    assert!(bad.is_empty(), "view uses {bad:?}");
    // No renderer reaches into another.
    for (a, b) in [
        ("pdf", "gui"),
        ("pdf", "cli"),
        ("cli", "gui"),
        ("gui", "cli"),
    ] {
        assert!(!uses[a].contains(b), "{a} uses {b}");
    }
}

#[test]
fn top_level_modules_form_no_cycle() {
    let uses = uses();
    // Depth-first search for a path back to the start.
    fn reaches(
        uses: &BTreeMap<String, BTreeSet<String>>,
        from: &str,
        to: &str,
        seen: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> bool {
        for d in uses.get(from).into_iter().flatten() {
            if d == to {
                return true;
            }
            if seen.insert(d.clone()) {
                path.push(d.clone());
                if reaches(uses, d, to, seen, path) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    for m in uses.keys() {
        let mut path = vec![m.clone()];
        let found = reaches(&uses, m, m, &mut BTreeSet::new(), &mut path);
        assert!(!found, "cycle: {} -> {m}", path.join(" -> "));
    }
}

/// Screens (every file of src/gui but the command queue, the file jobs it runs and the state
/// itself) read the state and push commands; they do not change it.
#[test]
fn screens_change_the_state_only_through_commands() {
    let gui = src().join("gui");
    // The state's methods that change it, read from its sources.
    let mut state_files = Vec::new();
    rust_files(&gui.join("state"), &mut state_files);
    let mut mutating = BTreeSet::new();
    for f in &state_files {
        let text = code(f);
        for (i, _) in text.match_indices("fn ") {
            let rest = &text[i + 3..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let sig = &rest[..rest.find('{').unwrap_or(rest.len())];
            if sig.contains("&mut self") {
                mutating.insert(name);
            }
        }
    }
    // Caches that answer questions (worked out once), and the frame's own clock and autosave.
    for allowed in [
        "derived",
        "summary",
        "begin_frame",
        "autosave",
        "flush",
        "expire_banners",
    ] {
        mutating.remove(allowed);
    }
    assert!(mutating.contains("set_done") && mutating.contains("new_case"));

    let mut screens = Vec::new();
    rust_files(&gui, &mut screens);
    screens.retain(|p| {
        !p.starts_with(gui.join("state")) && !p.ends_with("command.rs") && !p.ends_with("files.rs")
    });
    assert!(screens.len() >= 10, "{screens:?}");
    let mut bad = Vec::new();
    for f in &screens {
        let text = code(f);
        for (n, line) in text.lines().enumerate() {
            let at = |what: &str| format!("{}:{}: {what}: {}", f.display(), n + 1, line.trim());
            for m in &mutating {
                if line.contains(&format!("state.{m}("))
                    || line.contains(&format!("state.settings.{m}("))
                {
                    bad.push(at("calls"));
                }
            }
            // `state.x = …`, `state.x.y = …`, `state.x.push(…)`, `&mut app.state…`
            if let Some(i) = line.find("state.") {
                let rest = &line[i..];
                let assigns = rest
                    .find(" = ")
                    .is_some_and(|j| !rest[..j].contains(['(', ' ', '=', '!', '<', '>']));
                let head: String = rest
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != ';')
                    .collect();
                let mutates = [
                    ".push(", ".insert(", ".remove(", ".retain(", ".clear()", ".take()",
                ]
                .iter()
                .any(|m| head.contains(m));
                if assigns
                    || mutates
                    || line.contains("&mut app.state")
                    || line.contains("&mut self.state")
                {
                    bad.push(at("writes"));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "screens changing the state directly:\n{}",
        bad.join("\n")
    );
}

/// A file's module path: `src/gui/state/list.rs` → `[gui, state, list]`, `src/gui/mod.rs` →
/// `[gui]`, `src/lib.rs` → `[]`.
fn module_path(path: &Path) -> Vec<String> {
    let rel = path.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Every module path the code names through `crate::`, `super::` or `self::`, with `use` groups
/// (`super::{a, b::{c, d}}`) spelled out, as absolute paths.
fn named_paths(code: &str, me: &[String], is_folder: bool) -> Vec<Vec<String>> {
    fn ident(s: &str) -> (&str, &str) {
        let n = s
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len());
        (&s[..n], &s[n..])
    }
    /// Reads `a::b::{c, d::e}` from the start of `s` into paths under `base`.
    fn read(s: &str, base: Vec<String>, out: &mut Vec<Vec<String>>) {
        let s = s.trim_start();
        if let Some(group) = s.strip_prefix('{') {
            let mut depth = 0;
            let mut start = 0;
            for (k, ch) in group.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        read(&group[start..k], base.clone(), out);
                        return;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        read(&group[start..k], base.clone(), out);
                        start = k + 1;
                    }
                    _ => {}
                }
            }
            return;
        }
        let (name, rest) = ident(s);
        if name.is_empty() || name == "self" {
            out.push(base);
            return;
        }
        let mut path = base;
        path.push(name.to_string());
        match rest.strip_prefix("::") {
            Some(rest) => read(rest, path, out),
            None => out.push(path),
        }
    }
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let before_ok = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let rest = &code[i..];
        if before_ok
            && (rest.starts_with("crate::")
                || rest.starts_with("super::")
                || rest.starts_with("self::"))
        {
            // The folder this path starts from: a file's parent for `super`, the file for `self`.
            let mut base: Vec<String> = if is_folder {
                me.to_vec()
            } else {
                me[..me.len().saturating_sub(1)].to_vec()
            };
            let mut r = rest;
            if let Some(x) = r.strip_prefix("crate::") {
                base.clear();
                r = x;
            } else if let Some(x) = r.strip_prefix("self::") {
                base = me.to_vec();
                r = x;
            } else {
                // `super::` once per level: from a file, the first one names its folder.
                let mut first = true;
                while let Some(x) = r.strip_prefix("super::") {
                    if !first || is_folder {
                        base.pop();
                    }
                    first = false;
                    r = x;
                }
            }
            read(r, base, &mut out);
            i += rest.len() - r.len();
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// Inside each folder of src/, which file or sub-folder names which other one (a file of a
/// sub-folder counts for the sub-folder). The folder's own mod.rs is its parent, not a sibling.
fn sibling_uses() -> BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut modules: BTreeSet<Vec<String>> = BTreeSet::new();
    for f in &files {
        let m = module_path(f);
        for k in 1..=m.len() {
            modules.insert(m[..k].to_vec());
        }
    }
    let mut out: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for f in &files {
        let me = module_path(f);
        let is_folder = f
            .file_name()
            .is_some_and(|n| n == "mod.rs" || n == "lib.rs" || n == "main.rs");
        for p in named_paths(&code(f), &me, is_folder) {
            // The longest prefix of the path that is a module of src/.
            let Some(target) = (1..=p.len())
                .rev()
                .map(|k| p[..k].to_vec())
                .find(|t| modules.contains(t))
            else {
                continue;
            };
            // Where the two part: the folder both are in, and which child of it each is in.
            let common = me.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common >= me.len() || common >= target.len() {
                continue; // a module naming itself, its parent or its own children
            }
            out.entry(me[..common].to_vec())
                .or_default()
                .entry(me[common].clone())
                .or_default()
                .insert(target[common].clone());
        }
    }
    out
}

/// A loop between files is a loop in what a reader must hold in mind: `a` needs `b` needs `a`.
/// Inside each folder the files and sub-folders name each other one way only (the folder's
/// mod.rs, which declares them, is not one of them).
#[test]
fn no_folder_has_a_loop_between_its_files() {
    let folders = sibling_uses();
    assert!(
        folders
            .get(&vec!["gui".to_string()])
            .is_some_and(|g| g.get("checklist").is_some_and(|d| d.contains("theme"))),
        "the scan finds no use of gui/theme.rs from gui/checklist.rs: {folders:#?}"
    );
    let mut loops = Vec::new();
    for (folder, uses) in &folders {
        // Depth-first search for a way back to the start, with the way taken.
        fn back(
            uses: &BTreeMap<String, BTreeSet<String>>,
            path: &mut Vec<String>,
            seen: &mut BTreeSet<String>,
        ) -> bool {
            let last = path.last().unwrap().clone();
            for d in uses.get(&last).into_iter().flatten() {
                if *d == path[0] {
                    path.push(d.clone());
                    return true;
                }
                if seen.insert(d.clone()) {
                    path.push(d.clone());
                    if back(uses, path, seen) {
                        return true;
                    }
                    path.pop();
                }
            }
            false
        }
        let mut reported: BTreeSet<BTreeSet<String>> = BTreeSet::new();
        for m in uses.keys() {
            let mut path = vec![m.clone()];
            if back(uses, &mut path, &mut BTreeSet::new())
                && reported.insert(path.iter().cloned().collect())
            {
                let at = if folder.is_empty() {
                    "src".to_string()
                } else {
                    format!("src/{}", folder.join("/"))
                };
                loops.push(format!("{at}: {}", path.join(" → ")));
            }
        }
    }
    assert!(
        loops.is_empty(),
        "loops between files:\n{}",
        loops.join("\n")
    );
}

/// The scan reads a file to its end: a `#[cfg(test)]` (or a brace, or a path) inside a string or
/// a comment does not stop it or count, and only the test item itself is left out.
#[test]
fn the_scan_reads_whole_files() {
    let src = r##"
        const A: &str = "#[cfg(test)] { crate::gui";
        const B: &str = r#"}} "crate::pdf" "#;
        // crate::cli in a comment
        /* crate::cli /* nested */ */
        const C: char = '{';
        fn f<'a>(x: &'a str) -> &'a str { crate::catalog::id(x) }
        #[cfg(test)]
        mod tests {
            fn g() { let _ = "}"; crate::gui::x(); }
        }
        #[cfg(test)]
        use crate::print;
        fn h() { use super::{strings::{self, s}, App}; crate::engine::derive(); }
    "##;
    let code = without_tests(&strip(src));
    for kept in [
        "crate::catalog::id",
        "crate::engine::derive",
        "fn h()",
        "fn f<'a>",
    ] {
        assert!(code.contains(kept), "{kept} lost:\n{code}");
    }
    for gone in [
        "crate::gui",
        "crate::pdf",
        "crate::cli",
        "crate::print",
        "mod tests",
    ] {
        assert!(!code.contains(gone), "{gone} kept:\n{code}");
    }
    let me = ["gui".to_string(), "files".to_string()];
    let paths = named_paths(&code, &me, false);
    let names: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    for p in [
        "catalog::id",
        "gui::strings",
        "gui::strings::s",
        "gui::App",
        "engine::derive",
    ] {
        assert!(names.iter().any(|n| n == p), "{p} not in {names:?}");
    }
}
