//! Issue 24, "English under the Chinese default": argument errors, parser errors, the print
//! service's complaints and `validate` speak the user's language (Chinese unless `--lang en`).

use crate::common;

use clap::CommandFactory;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use predicates::prelude::*;
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::path::Path;
use yibao_checklist::cli::Cli;

/// clap's own English, which must never reach a Chinese user.
const CLAP_ENGLISH: &[&str] = &[
    "error:",
    "unexpected argument",
    "invalid value",
    "Usage:",
    "For more information",
    "tip:",
    "possible values",
    "unrecognized subcommand",
    "required arguments were not provided",
    "cannot be used with",
];

/// The parser's own English (ron's `Display`), which must never reach any user.
const RON_ENGLISH: &[&str] = &[
    "Expected",
    "Unexpected",
    "Integer is out of bounds",
    "Non-whitespace trailing",
    "RON",
];

/// A data folder, a working folder and a PATH with nothing on it: no printing, no window.
struct Sandbox {
    data: tempfile::TempDir,
    work: tempfile::TempDir,
    bin: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        Sandbox {
            data: tempfile::tempdir().unwrap(),
            work: tempfile::tempdir().unwrap(),
            bin: tempfile::tempdir().unwrap(),
        }
    }
    fn cli(&self) -> assert_cmd::Command {
        let mut c = common::cli(self.data.path());
        c.current_dir(self.work.path())
            .env("PATH", self.bin.path())
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .timeout(std::time::Duration::from_secs(60));
        c
    }
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn assert_no_clap_english(text: &str) {
    for phrase in CLAP_ENGLISH {
        assert!(!text.contains(phrase), "{phrase:?} in:\n{text}");
    }
}

// ---- argument errors ----------------------------------------------------------------------

#[test]
fn an_unknown_argument_is_named_in_chinese_with_the_valid_ones() {
    let sb = Sandbox::new();
    let out = sb.cli().args(["derive", "--jsn"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_no_clap_english(&err);
    assert!(err.starts_with("错误：不认识的参数 `--jsn`"), "{err}");
    assert!(err.contains("是否应为 `--json`"), "{err}");
    assert!(
        err.contains("可用的参数：--answer, --date, --code"),
        "{err}"
    );
    assert!(err.contains("yibao-checklist derive --help"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_bad_language_names_the_languages_there_are() {
    let sb = Sandbox::new();
    let out = sb
        .cli()
        .args(["questions", "--lang", "fr"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_no_clap_english(&err);
    assert!(err.contains("`--lang` 不接受 `fr` 这个值"), "{err}");
    assert!(err.contains("可用的值：zh, en"), "{err}");
    // The aliases the app always took still work.
    sb.cli()
        .args(["questions", "--lang", "zh-CN"])
        .assert()
        .success();
}

#[test]
fn an_unknown_command_suggests_the_near_one_and_lists_them_all() {
    let sb = Sandbox::new();
    let out = sb.cli().arg("derivee").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_no_clap_english(&err);
    assert!(err.contains("没有 `derivee` 这个命令"), "{err}");
    assert!(err.contains("是否应为 `derive`"), "{err}");
    for cmd in ["questions", "export", "photo-check", "validate"] {
        assert!(err.contains(cmd), "{cmd} in {err}");
    }
}

#[test]
fn missing_and_conflicting_arguments_are_worded_too() {
    let sb = Sandbox::new();
    let out = sb
        .cli()
        .args(["export", "--quick", "local-manual-window"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_no_clap_english(&err);
    assert!(err.contains("缺少必需的参数：`--out`"), "{err}");

    let out = sb
        .cli()
        .args(["derive", "--json", "--message"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_no_clap_english(&err);
    assert!(
        err.contains("`--message` 不能和 `--json` 一起使用")
            || err.contains("`--json` 不能和 `--message` 一起使用"),
        "{err}"
    );

    let out = sb.cli().args(["derive", "--lang"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_no_clap_english(&err);
    assert!(err.contains("`--lang` 后面需要一个值"), "{err}");
    assert!(err.contains("zh, en"), "{err}");
}

#[test]
fn argument_errors_are_english_with_lang_en_anywhere_on_the_line() {
    let sb = Sandbox::new();
    for args in [
        &["derive", "--lang", "en", "--jsn"][..],
        &["derive", "--jsn", "--lang=en"][..],
    ] {
        let out = sb.cli().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = stderr_of(&out);
        assert!(
            err.starts_with("error: unknown argument `--jsn`. Did you mean `--json`?"),
            "{err}"
        );
        assert!(err.contains("Arguments: --answer"), "{err}");
        assert!(!has_han(&err), "{err}");
    }
}

#[test]
fn help_and_version_still_print_normally() {
    let sb = Sandbox::new();
    let out = sb.cli().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Usage:"));
    let out = sb.cli().args(["derive", "-h"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("--answer"));
    let out = sb.cli().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("yibao-checklist "));
}

/// Words a fuzzed command line is made of: every command and option of the real definition
/// (so most lines get past the first word), near misses, and values good and bad.
fn words() -> Vec<String> {
    let cmd = Cli::command();
    let mut w: Vec<String> = Vec::new();
    for sub in cmd.get_subcommands() {
        w.push(sub.get_name().to_string());
        for a in sub.get_arguments() {
            if let Some(l) = a.get_long() {
                w.push(format!("--{l}"));
                w.push(format!("--{l}x"));
            }
            if let Some(s) = a.get_short() {
                w.push(format!("-{s}"));
            }
        }
    }
    for v in [
        "zh",
        "en",
        "fr",
        "--lang=fr",
        "--lang=",
        "",
        "-",
        "-Z",
        "--",
        "scenario=local",
        "visit=inpatient",
        "scenario",
        "discharge_date=2025-03-10",
        "2025-13-45",
        "x.pdf",
        "out.ics",
        "本地",
        "--答案",
        "a b",
        "\u{7}",
        "--out=",
        "--json=yes",
        "local-manual-window",
        "derivee",
        "expor",
        "K7Q4-M2XP-9HT3",
        "-aa",
        "-a=x",
        "--today=tomorrow",
    ] {
        w.push(v.to_string());
    }
    w.sort();
    w.dedup();
    w
}

/// The pieces of clap's own view of an error that the message must name.
fn must_name(e: &clap::Error) -> Vec<String> {
    let flag = |s: &str| {
        if s.starts_with('-') {
            s.split([' ', '=']).next().unwrap().to_string()
        } else {
            s.to_string()
        }
    };
    let one = |k| match e.get(k) {
        Some(ContextValue::String(s)) => Some(flag(s)),
        _ => None,
    };
    let mut v = Vec::new();
    match e.kind() {
        ErrorKind::UnknownArgument => v.extend(one(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => v.extend(one(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            v.extend(one(ContextKind::InvalidArg));
            if let Some(ContextValue::String(s)) = e.get(ContextKind::InvalidValue) {
                v.push(s.clone());
            }
            if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue) {
                v.extend(valid.iter().cloned());
            }
        }
        ErrorKind::MissingRequiredArgument => {
            if let Some(ContextValue::Strings(args)) = e.get(ContextKind::InvalidArg) {
                v.extend(args.iter().map(|a| flag(a)));
            }
        }
        ErrorKind::ArgumentConflict => v.extend(one(ContextKind::InvalidArg)),
        _ => {}
    }
    v.retain(|s| !s.is_empty() && !s.chars().any(char::is_control));
    v
}

proptest! {
    // Each case runs the binary, so the default is small; PROPTEST_CASES=10000 runs the
    // probe's size.
    #![proptest_config(Config {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(150),
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn fuzzed_command_lines_never_get_clap_english(
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..6)
    ) {
        let words = words();
        let mut args: Vec<String> = picks.iter().map(|i| i.get(&words).clone()).collect();
        // No command at all opens the window: always start with a word that is not `--`.
        if args[0] == "--" || args[0].is_empty() {
            args[0] = "derive".into();
        }
        let helpish = args.iter().take_while(|a| *a != "--").any(|a| {
            ["-h", "--help", "-V", "--version", "help"].contains(&a.as_str())
        });
        let english = yibao_checklist::cli::lang_of(
            &std::iter::once("yibao-checklist".into())
                .chain(args.iter().map(Into::into))
                .collect::<Vec<_>>(),
        ) == yibao_checklist::catalog::Lang::En;
        let sb = Sandbox::new();
        let out = sb.cli().args(&args).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = stderr_of(&out);
        let clap = Cli::command().try_get_matches_from(
            std::iter::once("yibao-checklist".to_string()).chain(args.iter().cloned()),
        );
        if let Err(e) = &clap
            && e.use_stderr()
        {
            prop_assert_eq!(out.status.code(), Some(2), "{:?}: {}", args, stderr);
            for name in must_name(e) {
                prop_assert!(stderr.contains(&name), "{:?}: {:?} not named in {}", args, name, stderr);
            }
        }
        if !helpish && !english {
            for phrase in CLAP_ENGLISH {
                prop_assert!(!stderr.contains(phrase), "{:?}: {:?} in {}", args, phrase, stderr);
                prop_assert!(!stdout.contains(phrase), "{:?}: {:?} in {}", args, phrase, stdout);
            }
        }
    }
}

// ---- parser errors ------------------------------------------------------------------------

fn override_dir(sb: &Sandbox) -> std::path::PathBuf {
    let d = sb.data.path().join("checklists");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A broken override file: every command that loads the data names the place, in Chinese.
#[test]
fn parser_errors_in_overrides_are_in_the_users_words_with_the_place() {
    // (file contents, position, the words that say what is wrong)
    let cases: &[(&str, &str, &str)] = &[
        (
            "(materials: [(id: \"x\" name: (zh: \"a\", en: \"b\"))])",
            "x.ron:1:",
            "这里应为 `,`",
        ),
        ("(materials: [(id: \"x\", 12: 3)])", "x.ron:1:", "名称"),
        (
            "(holidays: [(year: 99999999999999999999, off: [], work: [])])",
            "x.ron:1:",
            "数字超出允许的范围",
        ),
        (
            "(materials: [(id: \"x\")])",
            "x.ron:1:22",
            "缺少必填字段 `name:`",
        ),
        ("/* a comment", "x.ron:1:", "注释没有结束"),
        ("(materials: []) trailing", "x.ron:1:", "多余的内容"),
        (
            "(materails: [])",
            "x.ron:1:",
            "未知字段 `materails`；是否应为 `materials`",
        ),
    ];
    for (text, place, words) in cases {
        let sb = Sandbox::new();
        std::fs::write(override_dir(&sb).join("x.ron"), text).unwrap();
        let out = sb.cli().arg("quick").output().unwrap();
        let err = stderr_of(&out);
        assert!(err.contains(place), "{text}: {err}");
        assert!(err.contains(words), "{text}: {err}");
        for phrase in RON_ENGLISH {
            assert!(!err.contains(phrase), "{text}: {phrase:?} in {err}");
        }
        // English, in the project's words rather than the parser's.
        let out = sb.cli().args(["quick", "--lang", "en"]).output().unwrap();
        let err = stderr_of(&out);
        assert!(err.contains(place), "{text}: {err}");
        assert!(!has_han(&err), "{text}: {err}");
        for phrase in RON_ENGLISH {
            assert!(!err.contains(phrase), "{text}: {phrase:?} in {err}");
        }
    }
}

/// A case file the reader gives up on: the reason is said in words, with line and column.
#[test]
fn parser_errors_in_case_files_say_what_is_wrong_where() {
    let sb = Sandbox::new();
    let cases = sb.data.path().join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    std::fs::write(
        cases.join("c1.ron"),
        "(\n  schema: 99999999999999999999,\n)\n",
    )
    .unwrap();
    let out = sb.cli().arg("repair").output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        stderr_of(&out)
    );
    assert!(text.contains("第 2 行"), "{text}");
    assert!(text.contains("数字超出允许的范围"), "{text}");
    for phrase in RON_ENGLISH {
        assert!(!text.contains(phrase), "{phrase:?} in {text}");
    }
}

// ---- the print service --------------------------------------------------------------------

/// A stand-in `lp` that says what a real one might and fails.
fn fake_lp(bin: &Path, says: &str) {
    use std::os::unix::fs::PermissionsExt;
    let lp = bin.join("lp");
    std::fs::write(
        &lp,
        format!("#!/bin/sh\nprintf '%s\\n' '{says}' >&2\nexit 1\n"),
    )
    .unwrap();
    std::fs::set_permissions(&lp, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_print_services_complaints_are_wrapped_or_worded() {
    let sb = Sandbox::new();
    fake_lp(sb.bin.path(), "lp: Error - Gremlins in the spool.");
    let print = |lang: &str| {
        let out = sb
            .cli()
            .args([
                "print",
                "--printer",
                "Front_Desk",
                "--quick",
                "local-manual-window",
            ])
            .args(["--lang", lang])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        stderr_of(&out)
    };
    let err = print("zh");
    assert!(
        err.contains("打印服务拒绝了这个任务。打印服务报告：“Gremlins in the spool.”"),
        "{err}"
    );
    assert!(!err.contains("lp:"), "{err}");
    let err = print("en");
    assert!(
        err.contains("The print service said: \"Gremlins in the spool.\""),
        "{err}"
    );

    fake_lp(
        sb.bin.path(),
        "lp: Error - The printer or class does not exist.",
    );
    let err = print("zh");
    assert!(
        err.contains("打印服务里没有名为“Front_Desk”的打印机"),
        "{err}"
    );
    assert!(!err.contains("printer or class"), "{err}");
}

/// The real CUPS client, where there is one: its answer for a queue that does not exist.
#[test]
fn a_real_lp_naming_a_missing_queue_is_worded() {
    let Some(lp) = ["/usr/bin/lp", "/usr/local/bin/lp"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.exists())
    else {
        eprintln!("skipped: no lp on this machine");
        return;
    };
    let sb = Sandbox::new();
    std::os::unix::fs::symlink(lp, sb.bin.path().join("lp")).unwrap();
    let out = sb
        .cli()
        .args([
            "print",
            "--printer",
            "No_Such_Queue_24",
            "--quick",
            "local-manual-window",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(has_han(&err), "{err}");
    assert!(!err.contains("lp:"), "{err}");
    // Either the queue is named as missing, or the service is not there at all.
    assert!(
        err.contains("“No_Such_Queue_24”") || err.contains("打印服务"),
        "{err}"
    );
}

// ---- validate -----------------------------------------------------------------------------

#[test]
fn validate_speaks_chinese_by_default_and_english_when_asked() {
    let sb = Sandbox::new();
    sb.cli()
        .arg("validate")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "通过：内置数据和您的自定义清单文件：",
        ))
        .stdout(predicate::str::contains("个问题"));
    sb.cli()
        .args(["validate", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "ok: bundled data and overrides: ",
        ));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.ron"), "(materials: [(id: \"x\" ").unwrap();
    let out = sb.cli().arg("validate").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("中有 1 处错误"), "{err}");
    assert!(err.contains("bad.ron:1:"), "{err}");
    assert!(has_han(&err), "{err}");
    for phrase in RON_ENGLISH.iter().chain(&["error(s)"]) {
        assert!(!err.contains(phrase), "{phrase:?} in {err}");
    }
}

/// `validate`'s own checks (not the parser's) are worded in Chinese too: the bundled data with
/// one step naming a channel that does not exist.
#[test]
fn validate_words_its_checks_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists");
    copy_dir(&src, dir.path());
    let steps = dir.path().join("steps.ron");
    let text = std::fs::read_to_string(&steps).unwrap();
    assert!(text.contains("\"bank_branch\""));
    std::fs::write(&steps, text.replacen("\"bank_branch\"", "\"fax\"", 1)).unwrap();
    let sb = Sandbox::new();
    let out = sb.cli().arg("validate").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("中有 1 处错误"), "{err}");
    assert!(err.contains("steps.ron:"), "{err}");
    assert!(err.contains("提到了不存在的渠道“fax”"), "{err}");
    assert!(!err.contains("unknown channel"), "{err}");
    let out = sb
        .cli()
        .args(["validate", "--lang", "en"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(err.contains("names unknown channel \"fax\""), "{err}");
    assert!(
        !has_han(&err.replace(&dir.path().display().to_string(), "")),
        "{err}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}
