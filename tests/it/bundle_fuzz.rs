//! Hostile case bundles (zip), built here byte by byte, and hostile case files, imported through
//! `Store::import_any` (what the app's Import calls) in a child process (this test binary run
//! again, filtered to `child_import`), so each import's peak memory is measured on its own
//! (`VmHWM`). Every one must be refused with its reason named, peak under 300 MB, and leave
//! nothing in the store.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};
use yibao_checklist::cases::{Refusal, Store, StoreError};

const CHILD_BUNDLE: &str = "YIBAO_TEST_CHILD_BUNDLE";
const CHILD_STORE: &str = "YIBAO_TEST_CHILD_STORE";
/// The promise: importing any hostile bundle peaks under this.
const PEAK_LIMIT_KB: i64 = 300 * 1024;

/// One entry of a hand-made zip: exactly what the headers say, whatever the data is.
struct Raw {
    name: Vec<u8>,
    /// 0 stored, 8 deflated.
    method: u16,
    data: Vec<u8>,
    crc: u32,
    /// The uncompressed size the headers declare (may lie).
    declared: u32,
    /// Unix mode in the upper 16 bits (a link: 0o120777).
    unix_mode: u32,
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn stored(name: &str, data: &[u8]) -> Raw {
    Raw {
        name: name.as_bytes().to_vec(),
        method: 0,
        data: data.to_vec(),
        crc: crc32(data),
        declared: data.len() as u32,
        unix_mode: 0o100644,
    }
}

/// A zip with these entries, in this order, duplicates and all.
fn raw_zip(entries: &[Raw]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let mut local = Vec::new();
        local.extend(0x0403_4b50u32.to_le_bytes());
        local.extend(20u16.to_le_bytes());
        local.extend(0u16.to_le_bytes());
        local.extend(e.method.to_le_bytes());
        local.extend([0u8; 4]);
        local.extend(e.crc.to_le_bytes());
        local.extend((e.data.len() as u32).to_le_bytes());
        local.extend(e.declared.to_le_bytes());
        local.extend((e.name.len() as u16).to_le_bytes());
        local.extend(0u16.to_le_bytes());
        local.extend(&e.name);
        out.extend(local);
        out.extend(&e.data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(((3u16 << 8) | 20).to_le_bytes());
        central.extend(20u16.to_le_bytes());
        central.extend(0u16.to_le_bytes());
        central.extend(e.method.to_le_bytes());
        central.extend([0u8; 4]);
        central.extend(e.crc.to_le_bytes());
        central.extend((e.data.len() as u32).to_le_bytes());
        central.extend(e.declared.to_le_bytes());
        central.extend((e.name.len() as u16).to_le_bytes());
        central.extend([0u8; 8]);
        central.extend((e.unix_mode << 16).to_le_bytes());
        central.extend(offset.to_le_bytes());
        central.extend(&e.name);
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// `data` deflated by the zip crate, as (compressed bytes, crc).
fn deflate(data: &[u8]) -> (Vec<u8>, u32) {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(data.len() > u32::MAX as usize);
    z.start_file("x", opts).unwrap();
    z.write_all(data).unwrap();
    let bytes = z.finish().unwrap().into_inner();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut raw = archive.by_index_raw(0).unwrap();
    let crc = raw.crc32();
    let mut out = Vec::new();
    raw.read_to_end(&mut out).unwrap();
    (out, crc)
}

fn case_ron(schema: u32, files: &[&str]) -> Vec<u8> {
    let attachments: Vec<String> = files.iter().map(|f| format!("(file: \"{f}\")")).collect();
    format!(
        "(schema: {schema}, id: \"x\", label: \"导入\", created: \"\", updated: \"\", answers: {{}}, \
         items: {{ \"invoice\": (done: false, note: \"\", attachments: [{}]) }})",
        attachments.join(", ")
    )
    .into_bytes()
}

fn jpeg() -> Vec<u8> {
    crate::common::synth::jpeg(&image::RgbImage::new(8, 8), 80)
}

/// What the child printed for a refusal starts with one of these (`Refusal`'s variant names).
type Expected = &'static [&'static str];

/// Every hostile bundle, by name, with the refusals it may get.
fn hostile() -> Vec<(&'static str, Vec<u8>, Expected)> {
    let jpeg = jpeg();
    let one = case_ron(2, &["a.jpg"]);
    let mut v: Vec<(&'static str, Vec<u8>, Expected)> = Vec::new();

    // 31 entries of 64 MB (a JPEG's first bytes, then zeros), deflated: 2 GB unpacked from 2 MB.
    let mut zeros = jpeg.clone();
    zeros.resize(64 * 1024 * 1024, 0);
    let (packed, crc) = deflate(&zeros);
    drop(zeros);
    let files: Vec<String> = (0..31).map(|i| format!("z{i}.jpg")).collect();
    let names: Vec<String> = files.iter().map(|f| format!("files/{f}")).collect();
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let bomb_case = case_ron(2, &refs);
    let bomb = |declared: u32| -> Vec<u8> {
        let mut entries = vec![stored("case.ron", &bomb_case)];
        entries.extend(names.iter().map(|n| Raw {
            name: n.as_bytes().to_vec(),
            method: 8,
            data: packed.clone(),
            crc,
            declared,
            unix_mode: 0o100644,
        }));
        raw_zip(&entries)
    };
    v.push((
        "zip bomb: 31 × 64 MB, sizes declared",
        bomb(64 * 1024 * 1024),
        &["BundleTooLarge"],
    ));
    // The same, each header claiming 1 KB: caught while inflating.
    v.push((
        "zip bomb: 31 × 64 MB, each declared as 1 KB",
        bomb(1024),
        &["SizeMismatch"],
    ));
    // One entry over the per-entry limit, declared as it is.
    let mut big = jpeg.clone();
    big.resize(100 * 1024 * 1024, 0);
    let (packed, crc) = deflate(&big);
    drop(big);
    v.push((
        "one 100 MB entry",
        raw_zip(&[
            stored("case.ron", &one),
            Raw {
                name: b"files/a.jpg".to_vec(),
                method: 8,
                data: packed,
                crc,
                declared: 100 * 1024 * 1024,
                unix_mode: 0o100644,
            },
        ]),
        &["EntryTooLarge"],
    ));
    // One JPEG-headed entry that inflates past what its header says.
    let mut lying = jpeg.clone();
    lying.extend(vec![0u8; 40 * 1024 * 1024]);
    let (packed, crc) = deflate(&lying);
    drop(lying);
    v.push((
        "one entry larger than its header",
        raw_zip(&[
            stored("case.ron", &one),
            Raw {
                name: b"files/a.jpg".to_vec(),
                method: 8,
                data: packed,
                crc,
                declared: jpeg.len() as u32,
                unix_mode: 0o100644,
            },
        ]),
        &["SizeMismatch"],
    ));
    v.push((
        "two case.ron",
        raw_zip(&[
            stored("case.ron", &case_ron(2, &[])),
            stored("case.ron", &one),
            stored("files/a.jpg", &jpeg),
        ]),
        &["Duplicate"],
    ));
    v.push((
        "two files/a.jpg",
        raw_zip(&[
            stored("case.ron", &one),
            stored("files/a.jpg", &jpeg),
            stored("files/a.jpg", b"%PDF-1.4 other"),
        ]),
        &["Duplicate"],
    ));
    for (what, name) in [
        ("../ traversal", "../a.jpg"),
        ("traversal inside files/", "files/../../a.jpg"),
        ("absolute name", "/tmp/a.jpg"),
        ("Windows absolute name", "C:\\a.jpg"),
        ("backslash traversal", "files\\..\\..\\a.jpg"),
    ] {
        v.push((
            what,
            raw_zip(&[stored("case.ron", &one), stored(name, &jpeg)]),
            &["UnsafePath"],
        ));
    }
    v.push((
        "symlink entry",
        raw_zip(&[
            stored("case.ron", &one),
            Raw {
                unix_mode: 0o120777,
                ..stored("files/a.jpg", b"/etc/passwd")
            },
        ]),
        &["Link"],
    ));
    let mut many = vec![stored("case.ron", &case_ron(2, &[]))];
    many.extend((0..10_000).map(|i| stored(&format!("files/f{i}.jpg"), &jpeg)));
    v.push(("10,000 entries", raw_zip(&many), &["TooManyEntries"]));
    v.push((
        "newer schema",
        raw_zip(&[
            stored("case.ron", &case_ron(99, &["a.jpg"])),
            stored("files/a.jpg", &jpeg),
        ]),
        &["Newer { schema: 99 }"],
    ));
    v.push((
        "files the case does not name",
        raw_zip(&[
            stored("case.ron", &one),
            stored("files/a.jpg", &jpeg),
            stored("files/b.jpg", &jpeg),
        ]),
        &["ExtraFile"],
    ));
    v.push((
        "a file the case names is missing",
        raw_zip(&[stored("case.ron", &one)]),
        &["MissingFile"],
    ));
    v.push((
        "no case.ron",
        raw_zip(&[stored("files/a.jpg", &jpeg)]),
        &["NoCase"],
    ));
    v.push((
        "a script among the photos",
        raw_zip(&[stored("case.ron", &one), stored("run.sh", b"rm -rf ~")]),
        &["Unexpected"],
    ));
    v.push((
        "not a photo",
        raw_zip(&[
            stored("case.ron", &one),
            stored("files/a.jpg", b"#!/bin/sh\n"),
        ]),
        &["NotAPhoto"],
    ));
    // 150,000 items in a 6 MB case.ron.
    let mut items = String::from(
        "(schema: 2, id: \"x\", label: \"l\", created: \"\", updated: \"\", answers: {}, items: {",
    );
    for i in 0..150_000 {
        items.push_str(&format!("\"i{i}\": (done: true, note: \"\"),"));
    }
    items.push_str("})");
    v.push((
        "150,000 items",
        raw_zip(&[stored("case.ron", items.as_bytes())]),
        &["Case(TooMany { what: Items"],
    ));
    // The same as a plain case file, and a 15 MB case file of one note (which imports).
    v.push((
        "case file: 150,000 items (6.6 MB)",
        items.clone().into_bytes(),
        &["Case(TooMany { what: Items"],
    ));
    let note = format!(
        "(schema: 2, id: \"x\", label: \"l\", created: \"\", updated: \"\", answers: {{}}, \
         items: {{ \"invoice\": (done: true, note: \"{}\") }})",
        "备".repeat(5 * 1024 * 1024)
    );
    v.push((
        "case file: one 15 MB note",
        note.into_bytes(),
        &["imported"],
    ));
    let mut garbage = b"PK\x03\x04".to_vec();
    garbage.extend((0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    v.push(("not a zip", garbage, &["NotABundle"]));
    v
}

/// The child: imports (as the app's Import does) `$YIBAO_TEST_CHILD_BUNDLE` into the store
/// `$YIBAO_TEST_CHILD_STORE`, then prints the outcome and its own peak memory on lines of their
/// own. Run only by `hostile_bundles_are_refused_with_bounded_memory`.
#[test]
#[ignore = "run as a child process by hostile_bundles_are_refused_with_bounded_memory"]
fn child_import() {
    let bundle = std::env::var_os(CHILD_BUNDLE).expect("run by the parent test");
    let dir = std::env::var_os(CHILD_STORE).expect("run by the parent test");
    let (store, _) = Store::open(Path::new(&dir)).unwrap();
    let outcome = match store.import_any(Path::new(&bundle)) {
        Ok(case) => format!("imported {}", case.id),
        Err(StoreError::Read { source, .. }) => {
            match source.get_ref().and_then(|e| e.downcast_ref::<Refusal>()) {
                Some(r) => format!("refused {r:?}"),
                None => format!("read error without a reason: {source}"),
            }
        }
        Err(e) => format!("other error: {e}"),
    };
    println!("\nRESULT {outcome}\nPEAK_KB {}", own_peak_kb());
}

/// This process's peak resident memory since it started (`VmHWM`), in KB. Not `getrusage`:
/// Linux carries the parent's peak into a spawned child's `ru_maxrss` at `exec`, while
/// `VmHWM` belongs to the new program's memory alone.
fn own_peak_kb() -> i64 {
    let status = fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

/// Runs `child_import` on `bundle`; returns its outcome line, its peak memory in KB and the time.
fn import_in_child(bundle: &Path, store: &Path) -> (String, i64, Duration) {
    let start = Instant::now();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "bundle_fuzz::child_import",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_BUNDLE, bundle)
        .env(CHILD_STORE, store)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let field = |key: &str| {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .map(str::to_string)
    };
    let line = field("RESULT ").unwrap_or_else(|| {
        format!(
            "(no result: the child failed: {})",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let peak = field("PEAK_KB ").and_then(|p| p.parse().ok()).unwrap_or(-1);
    (line, peak, start.elapsed())
}

#[test]
fn hostile_bundles_are_refused_with_bounded_memory() {
    let tmp = tempfile::tempdir().unwrap();
    for (n, (what, bytes, expected)) in hostile().into_iter().enumerate() {
        let bundle = tmp.path().join("in.zip");
        fs::write(&bundle, &bytes).unwrap();
        drop(bytes);
        let store = tmp.path().join(format!("store-{n}"));
        let (line, peak_kb, took) = import_in_child(&bundle, &store);
        eprintln!(
            "{what}: {line} — peak {} MB, {:.1} s",
            peak_kb / 1024,
            took.as_secs_f32()
        );
        assert!(
            peak_kb < PEAK_LIMIT_KB,
            "{what}: peak {} MB (limit 300 MB)",
            peak_kb / 1024
        );
        if expected == ["imported"] {
            assert!(line.starts_with("imported "), "{what}: {line}");
            continue;
        }
        let refusal = line
            .strip_prefix("refused ")
            .unwrap_or_else(|| panic!("{what}: not refused with a reason: {line}"));
        assert!(
            expected.iter().any(|e| refusal.starts_with(e)),
            "{what}: refused as {refusal}, expected {expected:?}"
        );
        // Nothing left in the store but its lock.
        let left: Vec<String> = fs::read_dir(&store)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".lock")
            .collect();
        assert!(left.is_empty(), "{what}: left {left:?}");
    }
}
