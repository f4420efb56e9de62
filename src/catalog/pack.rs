//! Data packs (`.yibao-data`): override files a clerk can install, with a manifest saying what
//! they are and who made them.
//!
//! A pack is a zip holding `manifest.ron` and `files/…/*.ron`. It is plain data: nothing in it
//! runs. Reading one treats it as hostile, as case bundles are (`cases/bundle.rs`): the file is
//! read bounded, the entry count is taken from the end record before the zip reader indexes
//! anything, every name is checked (no `..`, no absolute path, no link, nothing but the manifest
//! and `.ron` files under `files/`), and every entry is inflated through a hard limit. Its data
//! files then go through the same parsing, merging and validation as the overrides folder.
//!
//! Installed packs live in `<data folder>/packs/<name>/` (the manifest and `files/`), merged over
//! the bundled data in name order, before the user's own `checklists/`.

use super::load::{parse_file, read_override_files};
use super::model::{CatalogFile, HolidayYear};
use super::problem::{self, DataProblem};
use super::{BUNDLED, CatalogError, Origin};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};

/// The file extension of a data pack.
pub const PACK_EXTENSION: &str = "yibao-data";
/// The manifest's name inside a pack and in an installed pack's folder.
pub const MANIFEST: &str = "manifest.ron";
/// Data files are stored under this folder inside a pack.
pub const FILES_PREFIX: &str = "files/";
/// At most this many entries in a pack (folders included). A year's calendar is one file; a
/// province with its treatment rules a handful.
pub const MAX_PACK_ENTRIES: usize = 64;
/// At most this large, the pack file itself.
pub const MAX_PACK_BYTES: u64 = 4 * 1024 * 1024;
/// At most this much in all, unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 8 * 1024 * 1024;
/// One file inside a pack, unpacked: as for one override file.
pub const MAX_ENTRY_BYTES: u64 = problem::MAX_FILE_BYTES;

/// What a pack adds or replaces (computed from its files against the bundled data).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Contents {
    pub holiday_years: Vec<i32>,
    pub regions: Vec<String>,
    /// Other entries as `section/id` (`deadline/discharge_claim`, `material/id_card`).
    pub entries: Vec<String>,
}

impl Contents {
    pub fn is_empty(&self) -> bool {
        self.holiday_years.is_empty() && self.regions.is_empty() && self.entries.is_empty()
    }
}

/// A pack's manifest (`manifest.ron`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The installed folder's name: lower-case letters, digits, `-`, `_`, `.`.
    pub name: String,
    /// What sheets and the app call it ("XX市 2027 节假日").
    pub title: String,
    pub version: String,
    /// The day it was made, `YYYY-MM-DD`.
    pub made: String,
    /// Who made it, free text ("XX市人民医院 医保办"). Shown wherever its facts are.
    pub made_by: String,
    #[serde(default)]
    pub adds: Contents,
    #[serde(default)]
    pub replaces: Contents,
    /// Where its facts come from (notices, documents), as the maker gave them.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// An installed pack's label, carried by the catalog it is merged into (for footers and about).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackLabel {
    pub name: String,
    pub title: String,
    pub version: String,
    pub made_by: String,
}

impl From<&Manifest> for PackLabel {
    fn from(m: &Manifest) -> Self {
        PackLabel {
            name: m.name.clone(),
            title: m.title.clone(),
            version: m.version.clone(),
            made_by: m.made_by.clone(),
        }
    }
}

/// Why a pack is refused. Worded by `view::strings::pack_error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    /// Not a zip (or not a regular file).
    NotAPack,
    CannotRead {
        kind: io::ErrorKind,
    },
    TooLarge {
        max: u64,
    },
    TooManyEntries {
        max: usize,
    },
    /// A name that climbs out (`..`), is absolute, or is a link.
    UnsafePath {
        name: String,
    },
    /// Anything but the manifest and `.ron` files under `files/`.
    Unexpected {
        name: String,
    },
    EntryTooLarge {
        name: String,
        max: u64,
    },
    /// Two entries with one name, or a damaged or encrypted entry.
    Damaged,
    NoManifest,
    NoDataFiles,
    NotUtf8 {
        name: String,
    },
    /// The name is not usable as a folder name.
    BadName {
        name: String,
    },
    /// The manifest says it adds or replaces other things than its files do.
    ManifestMismatch,
    /// Its data does not load or validate (with the bundled data and the installed packs).
    Data(Vec<CatalogError>),
    /// `data remove` of a name that is not installed.
    NotInstalled {
        name: String,
    },
    /// Writing to the data folder failed.
    CannotWrite {
        path: PathBuf,
        kind: io::ErrorKind,
    },
    NoDataDir,
}

/// A pack read into memory: its manifest and its data files (`files/…` → text).
#[derive(Debug, Clone)]
pub struct Pack {
    pub manifest: Manifest,
    pub files: Vec<(String, String)>,
}

/// A name shown in a message: control characters escaped, at most 80 characters.
fn shown(name: &str) -> String {
    let mut out: String = name.chars().take(80).flat_map(char::escape_debug).collect();
    if name.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// Absolute, or climbing out with `..`, on any system's reading of separators.
fn escapes(name: &str) -> bool {
    name.starts_with('/')
        || name.starts_with('\\')
        || name.contains('\\')
        || name.as_bytes().get(1) == Some(&b':')
        || name.split('/').any(|c| c == ".." || c == ".")
        || name.contains('\0')
}

/// Whether `name` is a usable pack name (it becomes a folder name).
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses a manifest; an error is a data problem at `file:line:col`.
pub fn parse_manifest(file: &str, text: &str) -> Result<Manifest, PackError> {
    let m: Manifest = ron_options().from_str(text).map_err(|e| {
        PackError::Data(vec![CatalogError::from_problem(
            Origin {
                file: file.to_string(),
                line: e.span.start.line,
                col: e.span.start.col,
            },
            None,
            problem::from_ron(&e.code),
        )])
    })?;
    if !is_valid_name(&m.name) {
        return Err(PackError::BadName {
            name: shown(&m.name),
        });
    }
    Ok(m)
}

pub fn manifest_text(m: &Manifest) -> String {
    ron::ser::to_string_pretty(m, ron::ser::PrettyConfig::default()).expect("serializable")
}

/// Reads a pack file, bounded and checked; its data is not validated yet (see
/// `datapack::preview`), but its manifest and every name are.
pub fn read_pack(path: &Path) -> Result<Pack, PackError> {
    let bytes = crate::fsread::read_regular(path, MAX_PACK_BYTES).map_err(|e| {
        match crate::fsread::Refused::of(&e) {
            Some(crate::fsread::Refused::TooLarge { .. }) => PackError::TooLarge {
                max: MAX_PACK_BYTES,
            },
            Some(_) => PackError::NotAPack,
            None => PackError::CannotRead { kind: e.kind() },
        }
    })?;
    read_pack_bytes(&bytes)
}

/// Reads a pack from its bytes (see [`read_pack`]).
pub fn read_pack_bytes(bytes: &[u8]) -> Result<Pack, PackError> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(PackError::NotAPack);
    }
    // The count the end record declares, before the zip reader indexes every entry.
    let count = zip::unstable::read::ZipIterable::try_new(Cursor::new(bytes), Default::default())
        .map_err(|_| PackError::NotAPack)?
        .len();
    if count > MAX_PACK_ENTRIES {
        return Err(PackError::TooManyEntries {
            max: MAX_PACK_ENTRIES,
        });
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| PackError::NotAPack)?;
    if archive.len() > MAX_PACK_ENTRIES {
        return Err(PackError::TooManyEntries {
            max: MAX_PACK_ENTRIES,
        });
    }
    if archive.has_duplicate_names() {
        return Err(PackError::Damaged);
    }
    // Every header first, nothing inflated yet.
    let mut wanted = Vec::new();
    let mut declared = 0u64;
    for i in 0..archive.len() {
        let e = archive.by_index_raw(i).map_err(|_| PackError::Damaged)?;
        let name = e.name().map_err(|_| PackError::Damaged)?.to_string();
        if e.encrypted() {
            return Err(PackError::Damaged);
        }
        if e.is_symlink() || escapes(&name) {
            return Err(PackError::UnsafePath { name: shown(&name) });
        }
        if e.is_dir() {
            if name == FILES_PREFIX || name.starts_with(FILES_PREFIX) {
                continue;
            }
            return Err(PackError::Unexpected { name: shown(&name) });
        }
        let ok = name == MANIFEST
            || (name.starts_with(FILES_PREFIX) && name.ends_with(".ron") && name.len() > 10);
        if !ok {
            return Err(PackError::Unexpected { name: shown(&name) });
        }
        if e.size() > MAX_ENTRY_BYTES {
            return Err(PackError::EntryTooLarge {
                name: shown(&name),
                max: MAX_ENTRY_BYTES,
            });
        }
        declared = declared.saturating_add(e.size());
        if declared > MAX_UNPACKED_BYTES {
            return Err(PackError::TooLarge {
                max: MAX_UNPACKED_BYTES,
            });
        }
        wanted.push((i, name));
    }
    let mut manifest = None;
    let mut files = Vec::new();
    let mut total = 0u64;
    for (i, name) in wanted {
        let mut e = archive.by_index(i).map_err(|_| PackError::Damaged)?;
        let cap = e.size().min(MAX_ENTRY_BYTES);
        let mut buf = Vec::new();
        // The zip reader stops at the declared size and checks the CRC; one byte more than the
        // cap says the header lied.
        (&mut e)
            .take(cap + 1)
            .read_to_end(&mut buf)
            .map_err(|_| PackError::Damaged)?;
        if buf.len() as u64 > cap {
            return Err(PackError::EntryTooLarge {
                name: shown(&name),
                max: MAX_ENTRY_BYTES,
            });
        }
        total += buf.len() as u64;
        if total > MAX_UNPACKED_BYTES {
            return Err(PackError::TooLarge {
                max: MAX_UNPACKED_BYTES,
            });
        }
        let text = String::from_utf8(buf).map_err(|_| PackError::NotUtf8 { name: shown(&name) })?;
        if name == MANIFEST {
            manifest = Some(text);
        } else {
            files.push((name, text));
        }
    }
    let manifest = parse_manifest(MANIFEST, &manifest.ok_or(PackError::NoManifest)?)?;
    if files.is_empty() {
        return Err(PackError::NoDataFiles);
    }
    files.sort();
    Ok(Pack { manifest, files })
}

/// The pack's bytes: the manifest and the files, deflated.
pub fn pack_bytes(pack: &Pack) -> io::Result<Vec<u8>> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(MANIFEST, opts).map_err(io::Error::other)?;
    zip.write_all(manifest_text(&pack.manifest).as_bytes())?;
    for (name, text) in &pack.files {
        zip.start_file(name.as_str(), opts)
            .map_err(io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}

/// A folder of override files as a pack's files (`files/<path below dir>`), bounded as the
/// overrides folder is.
pub fn folder_files(dir: &Path) -> Result<Vec<(String, String)>, CatalogError> {
    let files = read_override_files(dir)?;
    Ok(files
        .into_iter()
        .map(|(full, text)| {
            let rel = Path::new(&full)
                .strip_prefix(dir)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or(full);
            (format!("{FILES_PREFIX}{rel}"), text)
        })
        .collect())
}

/// What the files add and replace, against the bundled data. Files that do not parse are left
/// out (their errors come from validation).
pub fn contents(files: &[(String, String)]) -> (Contents, Contents) {
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut years: BTreeSet<i32> = BTreeSet::new();
    let mut regions: BTreeSet<String> = BTreeSet::new();
    for (name, src) in BUNDLED {
        if let Ok(pf) = parse_file(name, src) {
            collect(&pf.data, &mut ids, &mut years, &mut regions);
        }
    }
    let mut adds = Contents::default();
    let mut replaces = Contents::default();
    for (name, src) in files {
        let Ok(pf) = parse_file(name, src) else {
            continue;
        };
        let (mut i, mut y, mut r) = Default::default();
        collect(&pf.data, &mut i, &mut y, &mut r);
        for year in y {
            let to = if years.contains(&year) {
                &mut replaces
            } else {
                &mut adds
            };
            to.holiday_years.push(year);
        }
        for region in r {
            let to = if regions.contains(&region) {
                &mut replaces
            } else {
                &mut adds
            };
            to.regions.push(region);
        }
        for id in i {
            let to = if ids.contains(&id) {
                &mut replaces
            } else {
                &mut adds
            };
            to.entries.push(id);
        }
    }
    for c in [&mut adds, &mut replaces] {
        c.holiday_years.sort();
        c.holiday_years.dedup();
        c.regions.sort();
        c.regions.dedup();
        c.entries.sort();
        c.entries.dedup();
    }
    (adds, replaces)
}

fn collect(
    f: &CatalogFile,
    ids: &mut BTreeSet<String>,
    years: &mut BTreeSet<i32>,
    regions: &mut BTreeSet<String>,
) {
    years.extend(f.holidays.iter().map(|h: &HolidayYear| h.year));
    regions.extend(f.regions.iter().map(|r| r.id.clone()));
    let mut add = |section: &str, id: &str| {
        ids.insert(format!("{section}/{id}"));
    };
    f.sources.iter().for_each(|x| add("source", &x.id));
    f.questions.iter().for_each(|x| add("question", &x.id));
    f.options
        .iter()
        .for_each(|x| add("option", &format!("{}/{}", x.question, x.option.id)));
    f.channels.iter().for_each(|x| add("channel", &x.id));
    f.materials.iter().for_each(|x| add("material", &x.id));
    f.steps.iter().for_each(|x| add("step", &x.id));
    f.deadlines.iter().for_each(|x| add("deadline", &x.id));
    f.notices.iter().for_each(|x| add("notice", &x.id));
    f.quick_sheets.iter().for_each(|x| add("quick", &x.id));
}

/// The sources a pack's files name: each holiday year's notice and each source's title.
pub fn sources_of(files: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (name, src) in files {
        if let Ok(pf) = parse_file(name, src) {
            out.extend(pf.data.holidays.iter().map(|h| h.source.clone()));
            out.extend(pf.data.sources.iter().map(|s| s.title.clone()));
        }
    }
    out.retain(|s| !s.is_empty());
    out.dedup();
    out
}

/// `<data folder>/packs`.
pub fn packs_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("packs")
}

/// An installed pack.
#[derive(Debug, Clone)]
pub struct Installed {
    pub manifest: Manifest,
    pub dir: PathBuf,
}

/// The installed packs, in name order (the order they are merged in). Folders whose name
/// starts with `.` are installs or removals in progress and are skipped; a folder without a
/// readable manifest is an error.
pub fn installed(packs_dir: &Path) -> Result<Vec<Installed>, CatalogError> {
    let Ok(rd) = std::fs::read_dir(packs_dir) else {
        return Ok(Vec::new());
    };
    let mut dirs: Vec<PathBuf> = rd
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .take(problem::MAX_FILES + 1)
        .collect();
    if dirs.len() > problem::MAX_FILES {
        return Err(CatalogError::from_problem(
            origin0(packs_dir),
            None,
            DataProblem::LimitReached {
                limit: problem::Limit::Files,
                max: problem::MAX_FILES as u64,
            },
        ));
    }
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let path = dir.join(MANIFEST);
            let bytes = crate::fsread::read_regular(&path, MAX_ENTRY_BYTES).map_err(|e| {
                CatalogError::from_problem(
                    origin0(&path),
                    None,
                    DataProblem::CannotRead { kind: e.kind() },
                )
            })?;
            let text = String::from_utf8(bytes).map_err(|_| {
                CatalogError::from_problem(origin0(&path), None, DataProblem::NotUtf8)
            })?;
            let manifest = match parse_manifest(&path.display().to_string(), &text) {
                Ok(m) => m,
                Err(PackError::Data(mut e)) if !e.is_empty() => return Err(e.remove(0)),
                Err(_) => {
                    return Err(CatalogError::from_problem(
                        origin0(&path),
                        None,
                        DataProblem::NotADataFile,
                    ));
                }
            };
            Ok(Installed { manifest, dir })
        })
        .collect()
}

fn origin0(path: &Path) -> Origin {
    Origin {
        file: path.display().to_string(),
        line: 0,
        col: 0,
    }
}

/// Data files as `(name shown in messages, text)`.
pub type Files = Vec<(String, String)>;
/// What is installed, cheaply: pack folder names and their manifests' times.
pub type Fingerprint = Vec<(String, Option<std::time::SystemTime>)>;

/// The data files of installed packs, in merge order, and their labels.
pub fn installed_files(packs: &[Installed]) -> Result<(Files, Vec<PackLabel>), CatalogError> {
    let mut files = Vec::new();
    let mut labels = Vec::new();
    for p in packs {
        let dir = p.dir.join(FILES_PREFIX.trim_end_matches('/'));
        if dir.is_dir() {
            files.extend(read_override_files(&dir)?);
        }
        labels.push(PackLabel::from(&p.manifest));
    }
    Ok((files, labels))
}

/// What is installed, cheaply (names and manifest times): to notice packs installed or removed
/// by another program (`data install` while the app runs).
pub fn fingerprint(packs_dir: &Path) -> Fingerprint {
    let Ok(rd) = std::fs::read_dir(packs_dir) else {
        return Vec::new();
    };
    let mut v: Vec<_> = rd
        .filter_map(Result::ok)
        .take(problem::MAX_FILES + 1)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .map(|n| {
            let t = std::fs::metadata(packs_dir.join(&n).join(MANIFEST))
                .and_then(|m| m.modified())
                .ok();
            (n, t)
        })
        .collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_climb_out_are_caught() {
        for bad in [
            "../x",
            "files/../../x",
            "/etc/x",
            "C:x",
            "files\\..\\x",
            "files/./x",
        ] {
            assert!(escapes(bad), "{bad}");
        }
        assert!(!escapes("files/holidays-2027.ron"));
        assert!(is_valid_name("xx-2027.holidays_1"));
        assert!(!is_valid_name("../x") && !is_valid_name(".x") && !is_valid_name("X"));
    }
}
