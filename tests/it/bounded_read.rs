//! Every read of a file someone chose is bounded: a FIFO (which blocked `open` until something
//! wrote to it) is refused at once with its reason, pictures are refused from their header
//! when they would decode to too many pixels, and case files are capped in items.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use yibao_checklist::cases::{Case, Refusal, Store, StoreError, Unreadable};
use yibao_checklist::catalog::Lang;
use yibao_checklist::photo::{self, PhotoError};
use yibao_checklist::view::strings;

/// A named pipe at `dir/name`.
#[cfg(unix)]
fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    path
}

/// Runs `f` on a thread; fails the test if it has not returned within a second (before, each of
/// these blocked for ever). A writer is opened to release a blocked reader before failing.
#[cfg(unix)]
fn within_a_second<T: Send + 'static>(
    what: &str,
    pipe: &Path,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(1)) {
        Ok(v) => v,
        Err(_) => {
            let _ = fs::OpenOptions::new().write(true).open(pipe);
            panic!("{what}: still blocked after a second");
        }
    }
}

#[cfg(unix)]
fn is_pipe_refusal(e: &std::io::Error) -> bool {
    yibao_checklist::fsread::Refused::of(e)
        == Some(yibao_checklist::fsread::Refused::NotAFile(
            yibao_checklist::fsread::Special::Pipe,
        ))
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_photo_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let pipe = fifo(tmp.path(), "invoice.jpg");
    let p = pipe.clone();
    let err = within_a_second("photo::check_file", &pipe, move || {
        photo::check_file(&p).unwrap_err()
    });
    let PhotoError::Io(io) = &err else {
        panic!("{err:?}")
    };
    assert!(is_pipe_refusal(io), "{io:?}");
    assert!(
        strings::photo_error(Lang::Zh, &err).contains("管道"),
        "{}",
        strings::photo_error(Lang::Zh, &err)
    );

    // Attaching it (what the app's photo picker does with the chosen file).
    let dir = tmp.path().join("cases");
    let p = pipe.clone();
    let err = within_a_second("Store::attach", &pipe, move || {
        let (store, _) = Store::open(&dir).unwrap();
        let mut case = Case::new("妈妈");
        store
            .attach(&mut case, "invoice", &p)
            .unwrap_err()
            .to_string()
    });
    assert!(err.contains("invoice.jpg"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_case_file_or_bundle_to_import_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let pipe = fifo(tmp.path(), "交接.zip");
    let dir = tmp.path().join("cases");
    let p = pipe.clone();
    let d = dir.clone();
    let err = within_a_second("Store::import_any", &pipe, move || {
        let (store, _) = Store::open(&d).unwrap();
        store.import_any(&p).unwrap_err()
    });
    let StoreError::Read { source, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(is_pipe_refusal(source), "{source:?}");
    let p = pipe.clone();
    let err = within_a_second("Store::import_from", &pipe, move || {
        Store::import_from(&p).unwrap_err()
    });
    assert!(matches!(&err, StoreError::Read { source, .. } if is_pipe_refusal(source)));
    // A FIFO in the store folder under a case's name is passed over, not waited on.
    fifo(&dir, "20250101-000000-0000000000.ron");
    let d = dir.clone();
    let report = within_a_second("Store::open", &pipe, move || Store::open(&d).unwrap().1);
    assert!(report.cases.is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_override_file_does_not_hang_loading() {
    let tmp = tempfile::tempdir().unwrap();
    let pipe = fifo(tmp.path(), "target.ron");
    let overrides = tmp.path().join("checklists");
    fs::create_dir(&overrides).unwrap();
    fifo(&overrides, "direct.ron");
    std::os::unix::fs::symlink(&pipe, overrides.join("linked.ron")).unwrap();
    let data = tmp.path().to_path_buf();
    let (_, errors) = within_a_second("load_user_data", &pipe, move || {
        yibao_checklist::catalog::Catalog::load_user_data(Some(&data))
    });
    assert!(errors.is_empty(), "{errors:#?}");
}

#[cfg(unix)]
#[test]
fn photo_check_and_submission_refuse_a_fifo_on_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let pipe = fifo(tmp.path(), "f.jpg");
    let start = Instant::now();
    crate::common::cli(tmp.path())
        .args(["photo-check"])
        .arg(&pipe)
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("管道"));
    let mut args =
        crate::common::answer_args(&crate::common::typical_claim("2026-03-01", "2026-03-10"));
    args.extend(["--today".into(), "2026-04-01".into()]);
    crate::common::cli(tmp.path())
        .arg("submission")
        .args(&args)
        .arg("--attach")
        .arg(format!("invoice={}", pipe.display()))
        .arg("--out")
        .arg(tmp.path().join("s.pdf"))
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("管道"));
    assert!(!tmp.path().join("s.pdf").exists());
    eprintln!("both commands: {:.1} s", start.elapsed().as_secs_f32());
}

/// A PNG of `width`×`height` zeros, `sixteen` bits a sample (grey), encoded by the image crate.
fn png(width: u32, height: u32, sixteen: bool) -> Vec<u8> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let (color, bytes) = if sixteen {
        (image::ExtendedColorType::L16, 2)
    } else {
        (image::ExtendedColorType::L8, 1)
    };
    let pixels = vec![0u8; width as usize * height as usize * bytes];
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::NoFilter)
        .write_image(&pixels, width, height, color)
        .unwrap();
    out
}

#[test]
fn pictures_with_too_many_pixels_are_refused_from_their_header() {
    for (what, bytes, w, h) in [
        ("80,000,000×1", png(80_000_000, 1, false), 80_000_000, 1),
        ("16-bit 8000×10000", png(8000, 10_000, true), 8000, 10_000),
    ] {
        let start = Instant::now();
        let err = photo::check_bytes(&bytes).unwrap_err();
        let took = start.elapsed();
        assert!(
            matches!(err, PhotoError::TooManyPixels { width, height } if width == w && height == h),
            "{what}: {err:?}"
        );
        // Before: 5.2 s and 1.57 GB for the first, 873 MB for the second.
        assert!(took < Duration::from_millis(500), "{what}: {took:?}");
        let zh = strings::photo_error(Lang::Zh, &err);
        assert!(zh.contains("像素太多"), "{zh}");
        assert!(
            strings::photo_error(Lang::En, &err).contains("too many pixels"),
            "{what}"
        );
    }
    // A picture within the limits still decodes.
    let ok = png(2000, 1500, false);
    assert_eq!(photo::decode(&ok).unwrap().width(), 2000);
}

#[test]
fn a_submission_with_a_picture_of_too_many_pixels_is_made_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let wide = tmp.path().join("wide.png");
    fs::write(&wide, png(80_000_000, 1, false)).unwrap();
    let mut args =
        crate::common::answer_args(&crate::common::typical_claim("2026-03-01", "2026-03-10"));
    args.extend(["--today".into(), "2026-04-01".into()]);
    let start = Instant::now();
    crate::common::cli(tmp.path())
        .arg("submission")
        .args(&args)
        .arg("--attach")
        .arg(format!("invoice={}", wide.display()))
        .arg("--out")
        .arg(tmp.path().join("s.pdf"))
        .timeout(Duration::from_secs(30))
        .assert()
        .success();
    assert!(tmp.path().join("s.pdf").is_file());
    eprintln!("submission: {:.1} s", start.elapsed().as_secs_f32());
}

fn case_with_items(n: usize) -> String {
    let mut s = String::from(
        "(schema: 2, id: \"x\", label: \"多\", created: \"\", updated: \"\", answers: {}, items: {",
    );
    for i in 0..n {
        s.push_str(&format!("\"i{i}\": (done: true, note: \"\"),"));
    }
    s.push_str("})");
    s
}

#[test]
fn a_case_file_with_too_many_items_is_refused_and_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cases");
    fs::create_dir(&dir).unwrap();
    let id = "20250101-000000-0000000001";
    fs::write(dir.join(format!("{id}.ron")), case_with_items(150_000)).unwrap();
    let (_, report) = Store::open(&dir).unwrap();
    assert!(report.cases.is_empty());
    assert_eq!(report.quarantined.len(), 1);
    let reason = &report.quarantined[0].reason;
    assert!(
        matches!(reason, Unreadable::TooMany { max, .. } if *max == yibao_checklist::cases::MAX_ITEMS),
        "{reason:?}"
    );
    assert!(strings::unreadable(Lang::Zh, reason).contains("太多"));
    // Up to the cap it loads.
    fs::write(
        dir.join("20250101-000000-0000000002.ron"),
        case_with_items(yibao_checklist::cases::MAX_ITEMS),
    )
    .unwrap();
    let (store, report) = Store::open(&dir).unwrap();
    assert_eq!(report.cases.len(), 1);
    // And saving one over the cap is refused, leaving the file as it was.
    let mut case = report.cases[0].clone();
    let before = fs::read(store.case_path(&case.id)).unwrap();
    case.set_done("one_more", true);
    match store.save(&case) {
        Err(StoreError::Write { source, .. }) => assert!(
            matches!(
                source.get_ref().and_then(|e| e.downcast_ref::<Refusal>()),
                Some(Refusal::Case(Unreadable::TooMany { .. }))
            ),
            "{source:?}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(fs::read(store.case_path(&case.id)).unwrap(), before);
}
