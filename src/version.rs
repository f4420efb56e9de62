//! `yibao-checklist --version`: the app's version and the version of the data it derives from.

use crate::catalog::Catalog;

/// The app's version (from Cargo.toml).
pub(crate) const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What `--version` prints after the program name, e.g. `0.1.0 (data 2026.11-1)`. When the
/// user's override files load and change the data version, both are named, since derivations
/// then carry the overridden one (as `derive --json` shows in `data_version`).
pub fn version_text() -> String {
    let bundled = Catalog::bundled().expect("bundled data is valid (tested)");
    let (effective, errors) = Catalog::load_user_data(crate::paths::data_dir().as_deref());
    let mut text = describe(&bundled, (errors.is_empty()).then_some(&effective));
    text.push_str(&packs_text(&effective));
    text
}

/// The installed data packs, each with who made it: their facts are not the bundled data's.
pub fn packs_text(catalog: &Catalog) -> String {
    catalog
        .packs
        .iter()
        .map(|p| {
            format!(
                "\n  + data pack \"{}\" {} ({}, made by {})",
                p.title, p.version, p.name, p.made_by
            )
        })
        .collect()
}

fn describe(bundled: &Catalog, overridden: Option<&Catalog>) -> String {
    let mut text = format!("{APP_VERSION} (data {})", bundled.data_version);
    if let Some(c) = overridden.filter(|c| c.data_version != bundled.data_version) {
        text = format!(
            "{APP_VERSION} (data {}; with your overrides {})",
            bundled.data_version, c.data_version
        );
    }
    text
}

/// Whether the command line asks for the version (`--version` or `-V` before any `--`). Lets
/// `main` load the catalog for [`version_text`] only then.
pub fn asks_for_version(args: impl IntoIterator<Item = std::ffi::OsString>) -> bool {
    args.into_iter()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--version" || a == "-V")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<std::ffi::OsString> {
        list.iter().map(Into::into).collect()
    }

    #[test]
    fn version_flags_are_found_before_a_double_dash_only() {
        assert!(asks_for_version(args(&["yibao-checklist", "--version"])));
        assert!(asks_for_version(args(&["yibao-checklist", "-V"])));
        assert!(!asks_for_version(args(&["yibao-checklist"])));
        assert!(
            !asks_for_version(args(&["--version"])),
            "argv[0] is the program"
        );
        assert!(!asks_for_version(args(&[
            "yibao-checklist",
            "--",
            "--version"
        ])));
        assert!(!asks_for_version(args(&[
            "yibao-checklist",
            "validate",
            "-v"
        ])));
    }

    #[test]
    fn an_override_that_changes_the_data_version_is_named() {
        let bundled = Catalog::bundled().unwrap();
        let plain = describe(&bundled, Some(&bundled));
        assert_eq!(
            plain,
            format!("{APP_VERSION} (data {})", bundled.data_version)
        );
        let mut changed = bundled.clone();
        changed.data_version = "local-7".into();
        let text = describe(&bundled, Some(&changed));
        assert!(text.ends_with("with your overrides local-7)"), "{text}");
        assert_eq!(describe(&bundled, None), plain);
    }
}
