//! A case with its attachments in one file: a zip holding `case.ron` and `files/<name>`.
//!
//! Importing treats the zip as hostile. Before anything is inflated: at most [`MAX_ENTRIES`]
//! entries (counted from the end record, before the zip reader indexes them), no two with one
//! name, only those two kinds of names (no folders, no `..`, no absolute paths, no links), no
//! encryption, and declared sizes within [`MAX_ENTRY_BYTES`] per entry and [`MAX_TOTAL_BYTES`] in
//! all. Then every entry is inflated through a hard limit, counted as it comes (a header that
//! lies is caught), and attachments are streamed to disk rather than held in memory. If anything
//! is refused, what was written is removed; the refusal names its reason ([`Refusal`]).

use super::attach::is_valid_file_name;
use super::schema::{self, Parsed};
use super::{
    Case, Refusal, Store, StoreError, fsio, invalid, new_id, newer_refusal, read_err, write_err,
};
use crate::photo::{self, FileKind};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Cursor, Read, Write};
use std::path::Path;

/// The case file's name inside a bundle.
pub(crate) const CASE_ENTRY: &str = "case.ron";
/// Attachments are stored under this folder inside a bundle.
pub(crate) const FILES_PREFIX: &str = "files/";
/// At most this many entries: the case, its folder and [`super::MAX_ATTACHMENTS`] files fit.
pub(crate) const MAX_ENTRIES: usize = super::MAX_ATTACHMENTS + 2;
/// At most this much in one attachment, unpacked (the largest photo the app attaches).
pub(crate) const MAX_ENTRY_BYTES: u64 = photo::MAX_PHOTO_BYTES;
/// At most this much in total, unpacked (40 phone photos of 5 MB are 200 MB). Export refuses a
/// case over it too, so every bundle made here imports.
pub(crate) const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// Whether a file starts like a zip (a bundle) rather than a RON case file. A FIFO or device is
/// not opened for it (it is then refused as a case file, with its reason).
pub fn is_bundle(path: &Path) -> bool {
    let mut head = [0u8; 4];
    crate::fsread::open_regular(path)
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
    // Never make a bundle that importing refuses.
    let mut total = text.len() as u64;
    for (_, a) in case.all_attachments() {
        if let Ok(src) = super::attach::attachment_file(store_dir, &case.id, a) {
            total += fs::metadata(&src).map_or(0, |m| m.len());
        }
    }
    if total > MAX_TOTAL_BYTES {
        return Err(write_err(
            path,
            Refusal::BundleTooLarge {
                max: MAX_TOTAL_BYTES,
            }
            .into_io(),
        ));
    }
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

/// A bundle entry's name as shown in a message: control characters escaped, at most 80
/// characters (the name is the sender's, not ours).
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
        || name.as_bytes().get(1) == Some(&b':')
        || name.split(['/', '\\']).any(|c| c == "..")
}

/// What one entry of the bundle is.
enum Entry {
    Case,
    File(String),
    Skip,
}

/// Checks one entry's header; `Err` is the refusal.
fn classify<R: Read>(index: usize, e: &zip::read::ZipFile<'_, R>) -> Result<Entry, Refusal> {
    let name = e.name().map_err(|_| Refusal::Damaged { index })?;
    let named = || shown(&name);
    if e.encrypted() {
        return Err(Refusal::Encrypted { name: named() });
    }
    if e.is_symlink() {
        return Err(Refusal::Link { name: named() });
    }
    if escapes(&name) || name.contains('\0') {
        return Err(Refusal::UnsafePath { name: named() });
    }
    if e.is_dir() {
        return if name == FILES_PREFIX {
            Ok(Entry::Skip)
        } else {
            Err(Refusal::Unexpected { name: named() })
        };
    }
    let (entry, limit) = if name == CASE_ENTRY {
        (Entry::Case, fsio::MAX_FILE_BYTES)
    } else if let Some(file) = name.strip_prefix(FILES_PREFIX)
        && is_valid_file_name(file)
    {
        (Entry::File(file.to_string()), MAX_ENTRY_BYTES)
    } else {
        return Err(Refusal::Unexpected { name: named() });
    };
    if e.size() > limit {
        return Err(Refusal::EntryTooLarge {
            name: named(),
            max: limit,
        });
    }
    Ok(entry)
}

/// Copies one entry to `out`, at most its declared size and at most `limit`, counting what it
/// really holds. Returns the number of bytes.
fn inflate<R: Read>(
    e: &mut zip::read::ZipFile<'_, R>,
    index: usize,
    name: &str,
    limit: u64,
    out: &mut impl Write,
) -> Result<u64, Refusal> {
    let declared = e.size();
    let cap = declared.min(limit);
    let n = io::copy(&mut e.take(cap + 1), out).map_err(|err| {
        // The zip reader stops an entry at its declared size on its own; its message is the
        // only sign of which check it was (tests/it/bundle_fuzz.rs notices if it changes).
        if err.to_string().contains("larger than its declared") {
            Refusal::SizeMismatch { name: shown(name) }
        } else {
            Refusal::Damaged { index }
        }
    })?;
    if n > cap {
        return Err(if declared >= limit {
            Refusal::EntryTooLarge {
                name: shown(name),
                max: limit,
            }
        } else {
            Refusal::SizeMismatch { name: shown(name) }
        });
    }
    Ok(n)
}

impl Store {
    /// Writes the case and its attachments to one zip file, atomically. Works in a read-only
    /// store. A missing attachment file fails the export (it names the file).
    pub fn export_bundle(&self, case: &Case, path: &Path) -> Result<(), StoreError> {
        let bytes = bundle_bytes(&self.dir, case, path)?;
        fsio::write_atomic(path, &bytes).map_err(|e| write_err(path, e))
    }

    /// Reads a bundle written by [`Store::export_bundle`], copies its attachments into the store
    /// under a fresh case id and saves the case, which it returns. A damaged or hostile bundle
    /// is a `Read` error of kind `InvalidData` carrying the [`Refusal`]; nothing it held is left
    /// in the store.
    pub fn import_bundle(&self, path: &Path) -> Result<Case, StoreError> {
        self.check_writable()?;
        let refuse = |r: Refusal| read_err(path, r.into_io());
        let file = crate::fsread::open_regular(path).map_err(|e| read_err(path, e))?;
        // The count the end record declares, read before the zip reader builds its index of
        // every entry (a million tiny entries would cost memory before any other check).
        let count = zip::unstable::read::ZipIterable::try_new(&file, Default::default())
            .map_err(|_| refuse(Refusal::NotABundle))?
            .len();
        if count > MAX_ENTRIES {
            return Err(refuse(Refusal::TooManyEntries { max: MAX_ENTRIES }));
        }
        let mut archive = zip::ZipArchive::new(&file).map_err(|_| refuse(Refusal::NotABundle))?;
        if archive.len() > MAX_ENTRIES {
            return Err(refuse(Refusal::TooManyEntries { max: MAX_ENTRIES }));
        }
        if archive.has_duplicate_names() {
            return Err(refuse(Refusal::Duplicate));
        }

        // Every header first: names, kinds and declared sizes, nothing inflated yet.
        let mut case_index = None;
        let mut files: BTreeMap<String, usize> = BTreeMap::new();
        let mut declared = 0u64;
        for i in 0..archive.len() {
            let e = archive
                .by_index_raw(i)
                .map_err(|_| refuse(Refusal::Damaged { index: i }))?;
            let kind = classify(i, &e).map_err(refuse)?;
            declared = declared.saturating_add(e.size());
            if declared > MAX_TOTAL_BYTES {
                return Err(refuse(Refusal::BundleTooLarge {
                    max: MAX_TOTAL_BYTES,
                }));
            }
            match kind {
                Entry::Case => case_index = Some(i),
                Entry::File(name) => {
                    files.insert(name, i);
                }
                Entry::Skip => {}
            }
        }

        // The case, and that it names exactly the files the bundle holds.
        let case_index = case_index.ok_or_else(|| refuse(Refusal::NoCase))?;
        let mut text = Vec::new();
        {
            let mut e = archive
                .by_index(case_index)
                .map_err(|_| refuse(Refusal::Damaged { index: case_index }))?;
            inflate(
                &mut e,
                case_index,
                CASE_ENTRY,
                fsio::MAX_FILE_BYTES,
                &mut text,
            )
            .map_err(refuse)?;
        }
        let text = String::from_utf8(text)
            .map_err(|_| refuse(Refusal::Case(super::Unreadable::NotUtf8)))?;
        let mut case = match schema::parse(&text) {
            Ok(Parsed::Current { case, .. }) => case,
            Ok(Parsed::Newer { schema, .. }) => return Err(read_err(path, newer_refusal(schema))),
            Err(reason) => return Err(refuse(Refusal::Case(reason))),
        };
        drop(text);
        let named: BTreeSet<&str> = case
            .all_attachments()
            .map(|(_, a)| a.file.as_str())
            .collect();
        if let Some(missing) = named
            .iter()
            .find(|f| !is_valid_file_name(f) || !files.contains_key(**f))
        {
            return Err(refuse(Refusal::MissingFile {
                file: shown(missing),
            }));
        }
        if let Some(extra) = files.keys().find(|f| !named.contains(f.as_str())) {
            return Err(refuse(Refusal::ExtraFile {
                name: shown(&format!("{FILES_PREFIX}{extra}")),
            }));
        }

        case.id = new_id();
        while self.case_path(&case.id).exists() || self.attachments_dir(&case.id).exists() {
            case.id = new_id();
        }
        let dir = self.attachments_dir(&case.id);
        let result = self
            .unpack(&mut archive, &files, &dir, path)
            .and_then(|()| self.save(&case));
        if let Err(e) = result {
            let _ = fs::remove_dir_all(&dir);
            return Err(e);
        }
        Ok(case)
    }

    /// Streams each attachment into `dir` (a temp file renamed into place), counting the bytes
    /// as they are inflated against the per-entry and the total limit.
    fn unpack<R: Read + io::Seek>(
        &self,
        archive: &mut zip::ZipArchive<R>,
        files: &BTreeMap<String, usize>,
        dir: &Path,
        path: &Path,
    ) -> Result<(), StoreError> {
        let refuse = |r: Refusal| read_err(path, r.into_io());
        if !files.is_empty() {
            fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
        }
        let mut total = 0u64;
        for (name, &index) in files {
            let entry_name = format!("{FILES_PREFIX}{name}");
            let mut e = archive
                .by_index(index)
                .map_err(|_| refuse(Refusal::Damaged { index }))?;
            // The first bytes say what it is before the rest is written anywhere.
            let mut head = Vec::with_capacity(16);
            (&mut e)
                .take(16)
                .read_to_end(&mut head)
                .map_err(|_| refuse(Refusal::Damaged { index }))?;
            if FileKind::sniff(&head).is_err() {
                return Err(refuse(Refusal::NotAPhoto {
                    name: shown(&entry_name),
                }));
            }
            let target = dir.join(name);
            let mut tmp = tempfile::Builder::new()
                .prefix(fsio::TEMP_PREFIX)
                .suffix(fsio::TEMP_SUFFIX)
                .tempfile_in(dir)
                .map_err(|e| write_err(dir, e))?;
            tmp.write_all(&head).map_err(|e| write_err(&target, e))?;
            let rest_limit = MAX_ENTRY_BYTES.saturating_sub(head.len() as u64);
            let n = {
                let mut out = io::BufWriter::new(tmp.as_file_mut());
                let n = inflate(&mut e, index, &entry_name, rest_limit, &mut out).map_err(|r| {
                    refuse(match r {
                        Refusal::EntryTooLarge { name, .. } => Refusal::EntryTooLarge {
                            name,
                            max: MAX_ENTRY_BYTES,
                        },
                        other => other,
                    })
                })?;
                out.flush().map_err(|e| write_err(&target, e))?;
                n
            };
            total += n + head.len() as u64;
            if total > MAX_TOTAL_BYTES {
                return Err(refuse(Refusal::BundleTooLarge {
                    max: MAX_TOTAL_BYTES,
                }));
            }
            tmp.as_file()
                .sync_all()
                .map_err(|e| write_err(&target, e))?;
            tmp.persist_noclobber(&target)
                .map_err(|e| write_err(&target, e.error))?;
        }
        if !files.is_empty() {
            fsio::sync_dir(dir).map_err(|e| write_err(dir, e))?;
        }
        Ok(())
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
