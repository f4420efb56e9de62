//! The files the .deb installs (icons, menu entry, AppStream metainfo) are complete and agree
//! with the app. `.ci/run` also builds the package, validates it, installs and starts it.

use std::collections::HashMap;
use std::path::Path;

const SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn alpha(icon: &egui::IconData, x: u32, y: u32) -> u8 {
    icon.rgba[((y * icon.width + x) * 4 + 3) as usize]
}

#[test]
fn the_window_icon_decodes_as_a_square_picture() {
    let icon = yibao_checklist::gui::window_icon().unwrap();
    assert_eq!((icon.width, icon.height), (128, 128));
    assert_eq!(icon.rgba.len(), 128 * 128 * 4);
    // A rounded square: the corner is transparent, the middle is solid.
    assert_eq!(alpha(&icon, 0, 0), 0);
    assert_eq!(alpha(&icon, 64, 64), 255);
}

#[test]
fn every_hicolor_size_is_a_png_of_that_size() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons/hicolor");
    for size in SIZES {
        let path = root.join(format!("{size}x{size}/apps/yibao-checklist.png"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let icon = eframe::icon_data::from_png_bytes(&bytes).unwrap();
        assert_eq!(
            (icon.width, icon.height),
            (size, size),
            "{}",
            path.display()
        );
        let centre = alpha(&icon, size / 2, size / 2);
        assert_eq!(
            centre,
            255,
            "{} is see-through in the middle",
            path.display()
        );
    }
    assert!(root.join("scalable/apps/yibao-checklist.svg").is_file());
}

/// `key=value` lines of the `[Desktop Entry]` group.
fn desktop_entry() -> HashMap<String, String> {
    let text = read("packaging/yibao-checklist.desktop");
    assert!(text.starts_with("[Desktop Entry]\n"), "{text}");
    text.lines()
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (k, v) = l
                .split_once('=')
                .unwrap_or_else(|| panic!("no '=' in {l:?}"));
            (k.to_string(), v.to_string())
        })
        .collect()
}

#[test]
fn the_menu_entry_has_both_languages_and_starts_the_installed_binary() {
    let e = desktop_entry();
    for key in [
        "Name",
        "Name[zh_CN]",
        "Comment",
        "Comment[zh_CN]",
        "Keywords",
        "Keywords[zh_CN]",
        "Categories",
    ] {
        assert!(e.get(key).is_some_and(|v| !v.is_empty()), "missing {key}");
    }
    assert_eq!(e["Name[zh_CN]"], yibao_checklist::gui::WINDOW_TITLE);
    assert_eq!(e["Exec"], "yibao-checklist");
    assert_eq!(e["Icon"], "yibao-checklist");
    assert_eq!(e["Terminal"], "false");
    // Window managers match the window to the entry by WM_CLASS / Wayland app id.
    assert_eq!(e["StartupWMClass"], "yibao-checklist");
    assert!(e["Keywords[zh_CN]"].contains("医保"));
}

#[test]
fn the_metainfo_names_this_version_and_the_menu_entry() {
    let xml = read("packaging/yibao-checklist.metainfo.xml");
    let release = format!("<release version=\"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(
        xml.contains(&release),
        "bump the metainfo <releases> to {release}"
    );
    assert!(xml.contains("<launchable type=\"desktop-id\">yibao-checklist.desktop</launchable>"));
    assert!(xml.contains("<binary>yibao-checklist</binary>"));
    assert!(xml.contains("<project_license>MIT OR Apache-2.0</project_license>"));
    assert!(xml.contains(&format!(
        "<name xml:lang=\"zh-CN\">{}</name>",
        yibao_checklist::gui::WINDOW_TITLE
    )));
}

#[test]
fn every_packaged_file_exists() {
    let manifest = read("Cargo.toml");
    let deb = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("Cargo.toml has [package.metadata.deb]");
    let assets = deb
        .split("assets = [")
        .nth(1)
        .unwrap()
        .split("\n]")
        .next()
        .unwrap();
    let mut sources = 0;
    for line in assets
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("[\""))
    {
        let source = line[2..].split('"').next().unwrap();
        sources += 1;
        if source.starts_with("target/") {
            continue; // built by cargo
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        if let Some((dir, rest)) = source.split_once("/*/") {
            // The icon glob: one file per size folder.
            for size in SIZES {
                let file = root
                    .join(dir)
                    .join(format!("{size}x{size}"))
                    .join(rest.replace(".*", ".png"));
                assert!(file.is_file(), "{}", file.display());
            }
        } else {
            assert!(
                root.join(source).is_file(),
                "{source} is packaged but missing"
            );
        }
    }
    assert!(sources >= 5, "found only {sources} assets in {assets}");
}
