//! The `import` and `export-case` commands: moving cases between computers in batches, and
//! running the app's own checks on a bundle from a script.

use super::CliError;
use super::export::{checked_output, find_case, write_checked};
use crate::cases::Store;
use crate::catalog::Lang;
use crate::outpath::OutKind;
use crate::view::strings;
use std::path::Path;

/// `import FILE`: a case file (.ron) or a bundle (.zip) into the saved cases, through the app's
/// own import (the same checks, the same refusals). Prints the imported case's label.
pub(crate) fn import(file: &Path, lang: Lang) -> Result<String, CliError> {
    let dir = Store::default_dir()
        .ok_or_else(|| CliError::other(strings::cases_unavailable(lang, None, "")))?;
    let (store, report) = Store::open(&dir).map_err(|e| {
        let shown = dir.display().to_string();
        CliError::other(strings::cases_unavailable(
            lang,
            Some(&shown),
            &strings::store_error(lang, &e),
        ))
    })?;
    // Opening for writing repairs what it finds, as the app does: say what it did.
    if !report.quarantined.is_empty()
        || !report.recovered_from_backup.is_empty()
        || !report.warnings.is_empty()
    {
        eprint!("{}", strings::repair_report(lang, &report));
    }
    let case = store
        .import_any(file)
        .map_err(|e| CliError::other(strings::import_error(lang, file, &e)))?;
    let photos = case.all_attachments().count();
    Ok(format!(
        "{}\n",
        strings::imported(lang, &case.label, photos)
    ))
}

/// `export-case LABEL --out FILE`: a saved case, read without changing the store, written by
/// the output rule. A case with photos becomes a bundle (.zip) holding them, as does any case
/// written to a `.zip`; otherwise a case file (.ron).
pub(crate) fn export_case(
    label: &str,
    out: &Path,
    force: bool,
    lang: Lang,
) -> Result<String, CliError> {
    let out = checked_output(out, OutKind::Case, force, lang)?;
    let case = find_case(label, lang)?;
    let dir = Store::default_dir()
        .ok_or_else(|| CliError::other(strings::cases_unavailable(lang, None, "")))?;
    let photos = case.all_attachments().count();
    let zip = out
        .path()
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("zip"));
    let bytes = Store::export_bytes(&dir, &case, photos > 0 || zip, out.path())
        .map_err(|e| CliError::other(strings::store_error(lang, &e)))?;
    write_checked(&out, &bytes, lang)?;
    Ok(format!(
        "{}\n{}\n",
        out.path().display(),
        strings::case_exported(lang, &case.label, photos)
    ))
}
