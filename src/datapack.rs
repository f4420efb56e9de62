//! Installing and removing data packs (see `catalog::pack` for the file itself): the preview of
//! what a pack would change in each saved case, and the all-or-nothing install.
//!
//! Nothing here writes until [`install`] or [`remove`]: a preview reads the data folder only.

use crate::catalog::pack::{
    self, Contents, FILES_PREFIX, Installed, MANIFEST, Manifest, Pack, PackError,
};
use crate::catalog::{Catalog, CatalogError, Lang};
use crate::recheck::{Changes, Seen, diff};
use chrono::NaiveDate;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What installing a pack would do.
#[derive(Debug, Clone)]
pub struct Preview {
    pub manifest: Manifest,
    pub adds: Contents,
    pub replaces: Contents,
    /// The version of an installed pack of the same name, which it would replace.
    pub replaces_installed: Option<String>,
    /// Why it cannot be installed (file:line:col); empty when it can.
    pub problems: Vec<CatalogError>,
    /// The manifest says it adds or replaces other things than its files do.
    pub mismatch: bool,
    /// The user's own `checklists/` do not load: the preview is without them.
    pub overrides_broken: bool,
    /// Saved cases whose checklist would change.
    pub cases: Vec<CaseChange>,
}

impl Preview {
    pub fn installable(&self) -> bool {
        self.problems.is_empty() && !self.mismatch
    }
}

/// How one saved case's checklist would change.
#[derive(Debug, Clone)]
pub struct CaseChange {
    pub label: String,
    pub changes: Changes,
}

/// The pack's files as the catalog names them in messages: `<pack name>/<path in the pack>`.
fn named_files(pack: &Pack) -> Vec<(String, String)> {
    pack.files
        .iter()
        .map(|(n, t)| {
            let rel = n.strip_prefix(FILES_PREFIX).unwrap_or(n);
            (format!("{}/{rel}", pack.manifest.name), t.clone())
        })
        .collect()
}

/// Installed packs other than `except`, and their files.
fn other_packs(
    data_dir: &Path,
    except: &str,
) -> Result<(Vec<Installed>, pack::Files), CatalogError> {
    let all = pack::installed(&pack::packs_dir(data_dir))?;
    let others: Vec<Installed> = all
        .into_iter()
        .filter(|p| p.manifest.name != except)
        .collect();
    let (files, _) = pack::installed_files(&others)?;
    Ok((others, files))
}

/// Validates the pack with the bundled data and the other installed packs: the catalog it
/// makes (without the user's overrides), or the problems.
fn validate(pack: &Pack, data_dir: &Path) -> Result<Catalog, Vec<CatalogError>> {
    let (_, others) = other_packs(data_dir, &pack.manifest.name).map_err(|e| vec![e])?;
    Catalog::checked_from(others.into_iter().chain(named_files(pack)))
}

/// What installing `pack` into `data_dir` would change, for each saved case as of `today`.
/// Reads only.
pub fn preview(pack: &Pack, data_dir: &Path, today: NaiveDate, lang: Lang) -> Preview {
    let (adds, replaces) = pack::contents(&pack.files);
    let m = &pack.manifest;
    let mismatch = m.adds != adds || m.replaces != replaces;
    let replaces_installed = pack::installed(&pack::packs_dir(data_dir))
        .ok()
        .and_then(|all| all.into_iter().find(|p| p.manifest.name == m.name))
        .map(|p| p.manifest.version);
    let mut out = Preview {
        manifest: m.clone(),
        adds,
        replaces,
        replaces_installed,
        problems: Vec::new(),
        mismatch,
        overrides_broken: false,
        cases: Vec::new(),
    };
    let without_overrides = match validate(pack, data_dir) {
        Ok(c) => c,
        Err(problems) => {
            out.problems = problems;
            return out;
        }
    };
    let (before, _) = Catalog::load_user_data(Some(data_dir));
    // After: the same layers as loading, with this pack in place of any of its name.
    let overrides_dir = data_dir.join("checklists");
    let overrides = if overrides_dir.is_dir() {
        crate::catalog::read_override_files(&overrides_dir).ok()
    } else {
        Some(Vec::new())
    };
    let after = match (overrides, other_packs(data_dir, &m.name)) {
        (Some(o), Ok((_, others))) if !o.is_empty() => {
            let mut files = others;
            files.extend(named_files(pack));
            files.extend(o);
            Catalog::checked_from(files).ok()
        }
        (Some(_), _) => Some(without_overrides.clone()),
        (None, _) => None,
    };
    let after = after.unwrap_or_else(|| {
        out.overrides_broken = true;
        without_overrides
    });
    let Ok(report) = crate::cases::Store::open_read_only(&data_dir.join("cases")) else {
        return out;
    };
    for case in &report.cases {
        let (Ok(b), Ok(a)) = (
            crate::engine::derive(&before, &case.answers, today),
            crate::engine::derive(&after, &case.answers, today),
        ) else {
            continue;
        };
        let mut changes = diff(&after, &Seen::of(&b), &a, lang);
        // The data version is the bundled one either way; what changed is listed.
        changes.data_from.clear();
        changes.data_to.clear();
        if !changes.is_empty() {
            out.cases.push(CaseChange {
                label: case.label.clone(),
                changes,
            });
        }
    }
    out
}

fn write_err(path: &Path, e: io::Error) -> PackError {
    PackError::CannotWrite {
        path: path.to_path_buf(),
        kind: e.kind(),
    }
}

/// Installs `pack` into `data_dir/packs/<name>/`, replacing an installed pack of that name.
/// All or nothing: it is validated again, written to a hidden folder beside, synced, and
/// renamed into place; a pack that does not validate changes nothing.
pub fn install(pack: &Pack, data_dir: &Path) -> Result<PathBuf, PackError> {
    let (adds, replaces) = pack::contents(&pack.files);
    if pack.manifest.adds != adds || pack.manifest.replaces != replaces {
        return Err(PackError::ManifestMismatch);
    }
    validate(pack, data_dir).map_err(PackError::Data)?;
    let packs = pack::packs_dir(data_dir);
    fs::create_dir_all(&packs).map_err(|e| write_err(&packs, e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".install-")
        .tempdir_in(&packs)
        .map_err(|e| write_err(&packs, e))?;
    let write = |rel: &str, text: &str| -> Result<(), PackError> {
        let target = tmp.path().join(rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| write_err(parent, e))?;
        }
        crate::cases::fsio::write_atomic(&target, text.as_bytes())
            .map_err(|e| write_err(&target, e))
    };
    write(MANIFEST, &pack::manifest_text(&pack.manifest))?;
    for (name, text) in &pack.files {
        write(name, text)?;
    }
    let target = packs.join(&pack.manifest.name);
    let mut old = None;
    if target.exists() {
        let aside = packs.join(format!(
            ".old-{}-{}",
            pack.manifest.name,
            std::process::id()
        ));
        fs::rename(&target, &aside).map_err(|e| write_err(&target, e))?;
        old = Some(aside);
    }
    let tmp_path = tmp.keep();
    if let Err(e) = fs::rename(&tmp_path, &target) {
        // Put the earlier one back: nothing changed.
        if let Some(aside) = &old {
            let _ = fs::rename(aside, &target);
        }
        let _ = fs::remove_dir_all(&tmp_path);
        return Err(write_err(&target, e));
    }
    let _ = crate::cases::fsio::sync_dir(&packs);
    if let Some(aside) = old {
        let _ = fs::remove_dir_all(aside);
    }
    Ok(target)
}

/// The installed packs, in merge order.
pub fn list(data_dir: &Path) -> Result<Vec<Installed>, PackError> {
    pack::installed(&pack::packs_dir(data_dir)).map_err(|e| PackError::Data(vec![e]))
}

/// The installed pack `name`, if any.
pub fn find(data_dir: &Path, name: &str) -> Result<Installed, PackError> {
    list(data_dir)?
        .into_iter()
        .find(|p| p.manifest.name == name)
        .ok_or_else(|| PackError::NotInstalled {
            name: name.chars().take(80).collect(),
        })
}

/// Removes the installed pack `name`: the data is as before it was installed. Renamed aside
/// first, so a failure halfway never leaves half a pack merged.
pub fn remove(data_dir: &Path, name: &str) -> Result<(), PackError> {
    let p = find(data_dir, name)?;
    let packs = pack::packs_dir(data_dir);
    let aside = packs.join(format!(".removing-{}-{}", name, std::process::id()));
    fs::rename(&p.dir, &aside).map_err(|e| write_err(&p.dir, e))?;
    let _ = fs::remove_dir_all(&aside);
    let _ = crate::cases::fsio::sync_dir(&packs);
    Ok(())
}

/// A pack made from a folder of override files (`data pack`): the manifest is filled in from
/// what the files hold. The folder must validate with the bundled data on its own.
pub fn make(
    dir: &Path,
    name: &str,
    title: &str,
    version: &str,
    made_by: &str,
    made: NaiveDate,
) -> Result<Pack, PackError> {
    let files = pack::folder_files(dir).map_err(|e| PackError::Data(vec![e]))?;
    if files.is_empty() {
        return Err(PackError::NoDataFiles);
    }
    if !pack::is_valid_name(name) {
        return Err(PackError::BadName {
            name: name.chars().take(80).collect(),
        });
    }
    let (adds, replaces) = pack::contents(&files);
    let manifest = Manifest {
        name: name.to_string(),
        title: title.to_string(),
        version: version.to_string(),
        made: made.to_string(),
        made_by: made_by.to_string(),
        adds,
        replaces,
        sources: pack::sources_of(&files),
    };
    let pack = Pack { manifest, files };
    if pack.files.len() + 1 > pack::MAX_PACK_ENTRIES {
        return Err(PackError::TooManyEntries {
            max: pack::MAX_PACK_ENTRIES,
        });
    }
    Catalog::checked_from(named_files(&pack)).map_err(PackError::Data)?;
    Ok(pack)
}

/// One saved case's changes in words: its heading and one line per change.
pub fn case_lines(lang: Lang, p: &Preview, c: &CaseChange) -> (String, Vec<String>) {
    use crate::recheck::ItemKind;
    use crate::view::strings::{self, MovedBecause};
    let kind = |k: ItemKind| match k {
        ItemKind::Material => "material",
        ItemKind::Step => "step",
        ItemKind::Notice => "notice",
        ItemKind::Deadline => "deadline",
    };
    let mut lines = Vec::new();
    for m in &c.changes.moved {
        let entry = format!("deadline/{}", m.id);
        let years: Vec<i32> = p
            .adds
            .holiday_years
            .iter()
            .chain(&p.replaces.holiday_years)
            .copied()
            .collect();
        let because = if p.adds.entries.contains(&entry) || p.replaces.entries.contains(&entry) {
            MovedBecause::Entry
        } else if !years.is_empty() {
            MovedBecause::Calendar(years)
        } else {
            MovedBecause::Unknown
        };
        lines.push(strings::pack_moved_line(
            lang, &m.name, m.from, m.to, &because,
        ));
    }
    for i in &c.changes.new {
        lines.push(strings::pack_item_line(lang, kind(i.kind), &i.name, true));
    }
    for i in &c.changes.gone {
        lines.push(strings::pack_item_line(lang, kind(i.kind), &i.name, false));
    }
    (strings::pack_case_heading(&c.label), lines)
}

/// The whole preview as text (the command line prints it; the app lays out the same parts).
pub fn preview_text(lang: Lang, p: &Preview) -> String {
    use crate::view::strings::{self, colon};
    let mut s = String::new();
    let mut line = |t: &str| {
        s.push_str(t);
        s.push('\n');
    };
    line(&format!(
        "{}{}{}",
        strings::pack_data_pack(lang),
        colon(lang),
        strings::pack_title(lang, &p.manifest)
    ));
    line(&format!("  {}", strings::pack_made_by(lang, &p.manifest)));
    if let Some(src) = strings::pack_sources(lang, &p.manifest) {
        line(&format!("  {src}"));
    }
    if let Some(v) = &p.replaces_installed {
        line(&format!("  {}", strings::pack_replaces_installed(lang, v)));
    }
    for c in strings::pack_contents(lang, &p.adds, &p.replaces) {
        line(&format!("  {c}"));
    }
    if p.mismatch {
        line(strings::pack_mismatch(lang));
    }
    if !p.problems.is_empty() {
        line(strings::pack_problems_heading(lang));
        for e in &p.problems {
            line(&format!("  {}", strings::catalog_error(lang, e)));
        }
        return s;
    }
    if p.overrides_broken {
        line(strings::pack_overrides_broken(lang));
    }
    line(&strings::pack_cases_heading(lang, p.cases.len()));
    for c in &p.cases {
        let (head, lines) = case_lines(lang, p, c);
        line(&format!("  {head}"));
        for l in lines {
            line(&format!("    {l}"));
        }
    }
    s
}
