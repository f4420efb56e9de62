//! Issue 24, the output rule: every command that writes a file, listed from the CLI's own clap
//! definition, is run against every hostile target and leaves the data folder byte for byte as
//! it was, writes nothing new there, never hangs on a FIFO, and says why in Chinese.
//! A new subcommand fails `every_subcommand_is_classified` until it is added to the table.

use crate::common::cli;
use clap::CommandFactory;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;
use yibao_checklist::cases::{Case, SCHEMA_VERSION, Store};
use yibao_checklist::engine::Answers;

/// How a subcommand writes files of the user's choosing.
#[derive(Clone, Copy)]
enum Writes {
    /// No output argument (it prints, or changes the store by design: `repair`, `import`).
    Nothing,
    /// A file at `--out`: the arguments that write to the given target.
    File(fn(&Path) -> Vec<OsString>),
    /// Files in the folder at `--out`.
    Folder(fn(&Path) -> Vec<OsString>),
}

const LABEL: &str = "妈妈住院";

fn args(parts: &[&str], out: &Path) -> Vec<OsString> {
    let mut v: Vec<OsString> = parts.iter().map(OsString::from).collect();
    v.push("--out".into());
    v.push(out.into());
    v
}

/// Every subcommand, by its name on the command line. Writing commands carry arguments that
/// succeed on a harmless target (checked by `each_writing_command_works_on_a_harmless_target`),
/// so a refusal below is the output rule and not a bad argument.
fn table() -> BTreeMap<&'static str, Writes> {
    BTreeMap::from([
        ("questions", Writes::Nothing),
        ("derive", Writes::Nothing),
        ("validate", Writes::Nothing),
        ("repair", Writes::Nothing),
        ("print", Writes::Nothing),
        ("quick", Writes::Nothing),
        ("recheck", Writes::Nothing),
        ("cases", Writes::Nothing),
        ("case set-state", Writes::Nothing),
        ("photo-check", Writes::Nothing),
        ("import", Writes::Nothing),
        (
            "export",
            Writes::File(|out| args(&["export", "--case", LABEL], out)),
        ),
        (
            "calendar",
            Writes::File(|out| args(&["calendar", "--case", LABEL], out)),
        ),
        (
            "submission",
            Writes::File(|out| args(&["submission", "--case", LABEL], out)),
        ),
        (
            "export-case",
            Writes::File(|out| args(&["export-case", LABEL], out)),
        ),
        (
            "export-pack",
            Writes::Folder(|out| args(&["export-pack"], out)),
        ),
        ("data install", Writes::Nothing),
        ("data list", Writes::Nothing),
        ("data remove", Writes::Nothing),
        (
            "data pack",
            Writes::File(|out| {
                args(
                    &[
                        "data",
                        "pack",
                        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pack-2027"),
                        "--made-by",
                        "t",
                    ],
                    out,
                )
            }),
        ),
    ])
}

/// Every subcommand with its name as typed; a group's (`data`) each on its own (`data pack`).
fn subcommands() -> Vec<(String, clap::Command)> {
    yibao_checklist::cli::Cli::command()
        .get_subcommands()
        .flat_map(|c| {
            if c.has_subcommands() {
                c.get_subcommands()
                    .map(|s| (format!("{} {}", c.get_name(), s.get_name()), s.clone()))
                    .collect()
            } else {
                vec![(c.get_name().to_string(), c.clone())]
            }
        })
        .collect()
}

#[test]
fn every_subcommand_is_classified() {
    let table = table();
    let names: Vec<String> = subcommands().into_iter().map(|(n, _)| n).collect();
    for name in &names {
        assert!(
            table.contains_key(name.as_str()),
            "subcommand `{name}` is not in the output table of tests/it/outputs.rs: say whether it writes"
        );
    }
    assert_eq!(
        names.len(),
        table.len(),
        "the table names {:?}",
        table.keys()
    );
    // Whatever takes --out must be classified as writing.
    for (name, c) in subcommands() {
        let takes_out = c.get_arguments().any(|a| a.get_id() == "out");
        let writes = !matches!(table[name.as_str()], Writes::Nothing);
        assert_eq!(takes_out, writes, "`{name}` and its --out");
    }
}

fn case_answers() -> Answers {
    Answers::from_pairs([
        ("scenario", "cross_region"),
        ("region", "national"),
        ("insurance", "employee"),
        ("visit", "inpatient"),
        ("emergency", "no"),
        ("filed", "yes"),
        ("settlement", "manual"),
        ("channel", "window"),
        ("proxy", "no"),
        ("third_party", "no"),
        ("special_drugs", "no"),
        ("admission_date", "2026-10-01"),
        ("discharge_date", "2026-10-10"),
    ])
}

const OVERRIDE: &str = r#"(
    options: [(question: "region", option: (id: "testland", label: (zh: "测试市", en: "Testland")))],
    regions: [(id: "testland", name: (zh: "测试市", en: "Testland"), hotlines: ["0000-12393"], sources: ["000"])],
)"#;

/// A data folder as a user has it: a case saved twice (so with a `.bak`), an override, the
/// app's settings.
struct Data {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    work: PathBuf,
}

fn data() -> Data {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let work = tmp.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let (store, _) = Store::open(&data.join("cases")).unwrap();
    let mut c = Case {
        schema: SCHEMA_VERSION,
        id: "c1".into(),
        label: LABEL.into(),
        created: "2026-11-01T10:00:00+08:00".into(),
        updated: "2026-11-01T10:00:00+08:00".into(),
        answers: case_answers(),
        items: Default::default(),
        status: Default::default(),
    };
    store.save(&c).unwrap();
    c.set_note("t_id_card", "在抽屉里");
    store.save(&c).unwrap();
    drop(store);
    std::fs::create_dir_all(data.join("checklists")).unwrap();
    std::fs::write(data.join("checklists/testland.ron"), OVERRIDE).unwrap();
    std::fs::write(data.join("ui-settings.ron"), "(zoom: 1.5)\n").unwrap();
    std::fs::write(data.join("settings.ron"), "(lang: \"zh\")\n").unwrap();
    Data {
        _tmp: tmp,
        data,
        work,
    }
}

/// Every entry under `dir`: its kind, and a file's bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let t = e.file_type().unwrap();
            if t.is_dir() {
                todo.push(p.clone());
                out.insert(p, None);
            } else {
                let bytes = if t.is_file() {
                    std::fs::read(&p).unwrap()
                } else {
                    b"(special)".to_vec()
                };
                out.insert(p, Some(bytes));
            }
        }
    }
    out
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Runs one command that must be refused; checks the exit code, the language, and that it
/// ended by itself (a FIFO opened for reading or writing would block it).
fn refused(d: &Data, argv: &[OsString], what: &str) {
    let out = cli(&d.data)
        .args(argv)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    assert!(
        matches!(code, Some(1 | 2)),
        "{what}: {argv:?} exited {code:?} (killed by the timeout if None)\n{stderr}"
    );
    assert!(
        has_chinese(&stderr) && stderr.contains("错误"),
        "{what}: {argv:?} not in Chinese: {stderr}"
    );
}

#[test]
fn each_writing_command_works_on_a_harmless_target() {
    let d = data();
    for (name, w) in table() {
        match w {
            Writes::Nothing => {}
            Writes::File(argv) => {
                let target = d.work.join(format!("{name}.out"));
                cli(&d.data).args(argv(&target)).assert().success();
                assert!(target.is_file(), "{name} wrote {}", target.display());
            }
            Writes::Folder(argv) => {
                let target = d.work.join(name);
                cli(&d.data).args(argv(&target)).assert().success();
                assert!(std::fs::read_dir(&target).unwrap().count() > 5, "{name}");
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn no_writing_command_touches_the_data_folder_or_a_foreign_file() {
    let d = data();
    let data = &d.data;
    std::fs::create_dir_all(data.join("packs")).unwrap();
    let cases = data.join("cases");
    let checklists = data.join("checklists");
    // Outside the data folder: a file of another kind, a FIFO, a link to the case file.
    let notes = d.work.join("notes.txt");
    std::fs::write(&notes, "my notes").unwrap();
    let fifo = d.work.join("pipe.pdf");
    mkfifo(&fifo);
    let link = d.work.join("link.pdf");
    std::os::unix::fs::symlink(cases.join("c1.ron"), &link).unwrap();
    let file_targets: Vec<(PathBuf, &str)> = vec![
        (cases.join("c1.ron"), "a case file"),
        (cases.join("c1.ron.bak"), "its backup"),
        (checklists.join("testland.ron"), "an override"),
        (data.join("settings.ron"), "settings.ron"),
        (data.join("ui-settings.ron"), "the app's settings"),
        (notes.clone(), "an existing file of another kind"),
        (fifo.clone(), "a FIFO"),
        (link.clone(), "a link to a case file"),
        (cases.clone(), "the cases folder"),
        (checklists.clone(), "the overrides folder"),
        (cases.join("new.pdf"), "a new file in cases/"),
        (checklists.join("new.pdf"), "a new file in checklists/"),
        (checklists.join("../cases/x.pdf"), "cases/ through .."),
        (
            data.join("packs/new.pdf"),
            "a new file in packs/ (installed data packs)",
        ),
    ];
    let folder_targets: Vec<(PathBuf, &str)> = vec![
        (data.clone(), "the data folder"),
        (cases.clone(), "the cases folder"),
        (checklists.join("p"), "a new folder in checklists/"),
        (cases.join("p/q"), "a new folder in cases/"),
        (cases.join("c1.ron"), "a case file"),
        (fifo.clone(), "a FIFO"),
    ];
    let before = snapshot(data);
    let mut runs = 0;
    for (name, w) in table() {
        let (targets, argv) = match w {
            Writes::Nothing => continue,
            Writes::File(argv) => (&file_targets, argv),
            Writes::Folder(argv) => (&folder_targets, argv),
        };
        for (target, what) in targets {
            refused(&d, &argv(target), &format!("{name} → {what}"));
            runs += 1;
            assert_eq!(
                snapshot(data),
                before,
                "{name} → {what}: the data folder changed"
            );
            assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
            assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
            use std::os::unix::fs::FileTypeExt;
            assert!(
                std::fs::symlink_metadata(&fifo)
                    .unwrap()
                    .file_type()
                    .is_fifo()
            );
        }
    }
    assert!(runs >= 4 * 13 + 6, "{runs} runs");
    // --force replaces a file of another kind, never anything in the data folder.
    for (name, w) in table() {
        if let Writes::File(argv) = w {
            for target in [cases.join("c1.ron"), data.join("settings.ron")] {
                let mut a = argv(&target);
                a.push("--force".into());
                refused(&d, &a, &format!("{name} --force → {}", target.display()));
            }
        }
    }
    assert_eq!(snapshot(data), before);
}

/// Each kind replaces its own kind without --force (printing again is normal) and refuses the
/// others'.
#[test]
fn an_existing_file_is_replaced_only_by_its_own_kind() {
    let d = data();
    let table = table();
    let run = |name: &str, target: &Path| {
        let Writes::File(argv) = table[name] else {
            unreachable!()
        };
        cli(&d.data).args(argv(target)).output().unwrap()
    };
    let pdf = d.work.join("a.pdf");
    let ics = d.work.join("a.ics");
    let case = d.work.join("a.ron");
    assert!(run("export", &pdf).status.success());
    assert!(run("calendar", &ics).status.success());
    assert!(run("export-case", &case).status.success());
    for (name, own, others) in [
        ("export", &pdf, [&ics, &case]),
        ("submission", &pdf, [&ics, &case]),
        ("calendar", &ics, [&pdf, &case]),
        ("export-case", &case, [&pdf, &ics]),
    ] {
        assert!(run(name, own).status.success(), "{name} over its own kind");
        for other in others {
            let was = std::fs::read(other).unwrap();
            let out = run(name, other);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{name} over {}",
                other.display()
            );
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("--force"), "{stderr}");
            assert_eq!(std::fs::read(other).unwrap(), was);
        }
    }
}
