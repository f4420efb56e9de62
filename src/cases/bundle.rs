//! A case with its attachments in one file: a zip holding `case.ron` and `files/<name>`.
//!
//! Importing treats the zip as hostile: only those two kinds of names (no folders, no `..`, no
//! absolute paths, no links), no encryption, at most [`MAX_ENTRIES`] entries, each read with a
//! hard limit whatever its header says, every attachment checked to be a JPEG, PNG or PDF, and
//! nothing written until the whole bundle has been read and checked.

use super::attach::is_valid_file_name;
use super::schema::{self, Parsed};
use super::{Case, Store, StoreError, fsio, invalid, new_id, newer_refusal, read_err, write_err};
use crate::photo::{self, FileKind};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Cursor, Read, Write};
use std::path::Path;

/// The case file's name inside a bundle.
pub(crate) const CASE_ENTRY: &str = "case.ron";
/// Attachments are stored under this folder inside a bundle.
pub(crate) const FILES_PREFIX: &str = "files/";
/// At most this many entries (a case with 200 photos is already absurd).
pub(crate) const MAX_ENTRIES: usize = 500;
/// At most this much in total, uncompressed.
pub(crate) const MAX_TOTAL_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Whether a file starts like a zip (a bundle) rather than a RON case file.
pub fn is_bundle(path: &Path) -> bool {
    let mut head = [0u8; 4];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == *b"PK\x03\x04"
}

/// The bundle of `case` (saved in the store folder `store_dir`): `case.ron` and its attachments,
/// each read only from inside the case's own folder. `path` names the destination in errors.
pub(crate) fn bundle_bytes(
    store_dir: &Path,
    case: &Case,
    path: &Path,
) -> Result<Vec<u8>, StoreError> {
    if case.is_from_newer_version() {
        return Err(write_err(path, newer_refusal(case.schema)));
    }
    let text = schema::to_text(case).map_err(|e| write_err(path, invalid(e)))?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let zerr = |e: zip::result::ZipError| write_err(path, io::Error::other(e));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    // Photos are already compressed: storing them is faster and no bigger.
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    zip.start_file(CASE_ENTRY, deflated).map_err(zerr)?;
    zip.write_all(text.as_bytes())
        .map_err(|e| write_err(path, e))?;
    for (_, a) in case.all_attachments() {
        let src = super::attach::attachment_file(store_dir, &case.id, a)
            .map_err(|e| read_err(path, invalid(e.to_string())))?;
        if !is_valid_file_name(&a.file) {
            return Err(read_err(&src, invalid("not a valid attachment name")));
        }
        let bytes = photo::read_file(&src).map_err(|e| read_err(&src, io::Error::other(e)))?;
        zip.start_file(format!("{FILES_PREFIX}{}", a.file), stored)
            .map_err(zerr)?;
        zip.write_all(&bytes).map_err(|e| write_err(path, e))?;
    }
    Ok(zip.finish().map_err(zerr)?.into_inner())
}

impl Store {
    /// Writes the case and its attachments to one zip file, atomically. Works in a read-only
    /// store. A missing attachment file fails the export (it names the file).
    pub fn export_bundle(&self, case: &Case, path: &Path) -> Result<(), StoreError> {
        let bytes = bundle_bytes(&self.dir, case, path)?;
        fsio::write_atomic(path, &bytes).map_err(|e| write_err(path, e))
    }

    /// Reads a bundle written by [`Store::export_bundle`], copies its attachments into the store
    /// under a fresh case id and saves the case, which it returns. Nothing is written if the
    /// bundle is damaged or hostile (a `Read` error with kind `InvalidData` says why).
    pub fn import_bundle(&self, path: &Path) -> Result<Case, StoreError> {
        self.check_writable()?;
        let bad = |msg: String| read_err(path, invalid(msg));
        let file = fs::File::open(path).map_err(|e| read_err(path, e))?;
        let mut archive =
            zip::ZipArchive::new(file).map_err(|e| bad(format!("not a case bundle: {e}")))?;
        if archive.len() > MAX_ENTRIES {
            return Err(bad(format!(
                "too many entries ({}; at most {MAX_ENTRIES})",
                archive.len()
            )));
        }
        let mut case_text: Option<String> = None;
        let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let mut total = 0u64;
        for i in 0..archive.len() {
            let mut entry = archive
                .by_index(i)
                .map_err(|e| bad(format!("damaged entry {i}: {e}")))?;
            let name = entry
                .name()
                .map_err(|e| bad(format!("damaged entry name: {e}")))?
                .into_owned();
            if entry.encrypted() {
                return Err(bad(format!("\"{name}\" is encrypted")));
            }
            if entry.is_symlink() {
                return Err(bad(format!("\"{name}\" is a link")));
            }
            if entry.is_dir() {
                if name == FILES_PREFIX {
                    continue;
                }
                return Err(bad(format!("unexpected folder \"{name}\"")));
            }
            let limit = if name == CASE_ENTRY {
                fsio::MAX_FILE_BYTES
            } else if let Some(file) = name.strip_prefix(FILES_PREFIX)
                && is_valid_file_name(file)
            {
                photo::MAX_PHOTO_BYTES
            } else {
                return Err(bad(format!("unexpected entry \"{name}\"")));
            };
            if entry.size() > limit {
                return Err(bad(format!("\"{name}\" is too large")));
            }
            // The header's size may lie: read at most one byte past the limit.
            let mut bytes = Vec::new();
            (&mut entry)
                .take(limit + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| bad(format!("cannot read \"{name}\": {e}")))?;
            if bytes.len() as u64 > limit {
                return Err(bad(format!("\"{name}\" is too large")));
            }
            total += bytes.len() as u64;
            if total > MAX_TOTAL_BYTES {
                return Err(bad("the bundle is too large".to_string()));
            }
            if name == CASE_ENTRY {
                if case_text.is_some() {
                    return Err(bad(format!("two \"{CASE_ENTRY}\" entries")));
                }
                case_text = Some(
                    String::from_utf8(bytes)
                        .map_err(|_| bad(format!("\"{CASE_ENTRY}\" is not UTF-8 text")))?,
                );
            } else {
                let file = name[FILES_PREFIX.len()..].to_string();
                FileKind::sniff(&bytes)
                    .map_err(|e| bad(format!("\"{name}\" is not a JPEG, PNG or PDF: {e}")))?;
                if files.insert(file, bytes).is_some() {
                    return Err(bad(format!("\"{name}\" appears twice")));
                }
            }
        }
        let text = case_text.ok_or_else(|| bad(format!("no \"{CASE_ENTRY}\" in the bundle")))?;
        let mut case = match schema::parse(&text).map_err(|e| bad(e.to_string()))? {
            Parsed::Current { case, .. } => case,
            Parsed::Newer { schema, .. } => return Err(read_err(path, newer_refusal(schema))),
        };
        for (_, a) in case.all_attachments() {
            if !is_valid_file_name(&a.file) || !files.contains_key(&a.file) {
                return Err(bad(format!(
                    "the attachment \"{}\" is missing from the bundle",
                    a.file
                )));
            }
        }
        let named: std::collections::BTreeSet<&str> = case
            .all_attachments()
            .map(|(_, a)| a.file.as_str())
            .collect();
        if let Some(extra) = files.keys().find(|f| !named.contains(f.as_str())) {
            return Err(bad(format!(
                "\"{FILES_PREFIX}{extra}\" is not an attachment of the case"
            )));
        }

        case.id = new_id();
        while self.case_path(&case.id).exists() || self.attachments_dir(&case.id).exists() {
            case.id = new_id();
        }
        let dir = self.attachments_dir(&case.id);
        if let Err(e) = self.write_imported(&case, &dir, &files) {
            let _ = fs::remove_dir_all(&dir);
            return Err(e);
        }
        Ok(case)
    }

    fn write_imported(
        &self,
        case: &Case,
        dir: &Path,
        files: &BTreeMap<String, Vec<u8>>,
    ) -> Result<(), StoreError> {
        if !files.is_empty() {
            fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
        }
        for (name, bytes) in files {
            let target = dir.join(name);
            fsio::write_atomic(&target, bytes).map_err(|e| write_err(&target, e))?;
        }
        self.save(case)
    }

    /// Imports a bundle (zip) or a plain case file (RON), and saves it under a fresh id.
    pub fn import_any(&self, path: &Path) -> Result<Case, StoreError> {
        if is_bundle(path) {
            return self.import_bundle(path);
        }
        let mut case = Store::import_from(path)?;
        // A plain case file carries no files: drop records that would point at nothing.
        for state in case.items.values_mut() {
            state.attachments.clear();
        }
        case.items.retain(|_, s| !s.is_blank());
        self.save(&case)?;
        Ok(case)
    }
}
