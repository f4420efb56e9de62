//! The shape of the code, checked from its sources: layers point down only, top-level modules
//! form no cycle, and the app's screens change the state only through its command queue.

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

/// The source without `//` comments (doc comments name other modules freely).
fn code(path: &Path) -> String {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
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
        let text = code(&f);
        // Unit tests at the end of a file may reach anywhere.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
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
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
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
