//! Attachments: photos and scans of a case's materials, copied into `<store>/<case id>.files/`.
//!
//! Files are copied, never linked (the original may be deleted from a phone's download folder),
//! atomically like the case file (temp file, fsync, rename). The case records them per material
//! ([`ItemState::attachments`](super::ItemState)); the caller saves the case afterwards as for
//! any other change. A file the case no longer names is removed; a file the case names but that
//! has gone missing is listed by [`Store::missing_attachments`].

use super::{Case, Store, StoreError, fsio, new_id, write_err};
use crate::photo::{self, FileKind, PhotoError};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The attachments folder of case `<id>` is `<id>.files`.
pub const ATTACHMENTS_SUFFIX: &str = ".files";

/// One attached file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The file's name in the case's attachments folder (`invoice-1a2b3c4d5e.jpg`); unique in
    /// the case, one safe path component.
    pub file: String,
    /// The name of the file the user picked (shown in the app).
    #[serde(default)]
    pub original_name: String,
    /// RFC 3339.
    #[serde(default)]
    pub added: String,
    #[serde(default)]
    pub bytes: u64,
}

impl Attachment {
    /// JPEG, PNG or PDF, from the stored name.
    pub fn kind(&self) -> Option<FileKind> {
        FileKind::from_extension(&self.file)
    }
}

/// Whether `name` can be an attachment's file name: one component, not hidden, short, and only
/// letters, digits, `-`, `_` and `.` (so a hostile case file or bundle cannot point elsewhere).
pub(crate) fn is_valid_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 120
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && FileKind::from_extension(name).is_some()
}

/// Whether a recorded attachment name stays inside the case's own folder: one plain name, no
/// absolute path, no `..`, no path separator (`/`, `\\`, a drive's `:`), no control character.
/// Checked whenever a case is read; the app only ever writes names of [`is_valid_file_name`]'s
/// stricter form.
pub(crate) fn is_contained_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && !name.contains("..")
        && !name
            .chars()
            .any(|c| matches!(c, '/' | '\\' | ':') || c.is_control())
        && !Path::new(name).is_absolute()
}

/// The first attachment name of `case` that would point outside its folder, if any.
pub(crate) fn uncontained_attachment(case: &Case) -> Option<&str> {
    case.all_attachments()
        .map(|(_, a)| a.file.as_str())
        .find(|name| !is_contained_name(name))
}

/// Why an attachment of a saved case cannot be read from the case's folder. Worded by
/// `view::strings::attachment_path_error`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentPathError {
    /// The recorded name points elsewhere (absolute, `..`, a separator).
    #[error("the attachment name {name:?} points outside the case's folder")]
    Uncontained { name: String },
    /// The case's folder or the file in it is a link, a folder or a special file: attachments
    /// are copied in as regular files, so it was put there by hand.
    #[error("{path} is not a regular file of the case's folder")]
    NotRegular { path: PathBuf },
}

/// The path of an attachment of case `case_id` in the store folder `store_dir`, checked to be a
/// regular file directly inside `<case id>.files/` (no link anywhere on the way out of it), so a
/// hand-edited or hostile case never reaches a file elsewhere. Looked at with `lstat`: a FIFO
/// is refused without being opened.
pub fn attachment_file(
    store_dir: &Path,
    case_id: &str,
    a: &Attachment,
) -> Result<PathBuf, AttachmentPathError> {
    if !is_contained_name(&a.file) || !super::is_valid_id(case_id) {
        return Err(AttachmentPathError::Uncontained {
            name: a.file.clone(),
        });
    }
    let dir = store_dir.join(format!("{case_id}{ATTACHMENTS_SUFFIX}"));
    let path = dir.join(&a.file);
    // A missing folder or file is left to the reader, which says it is missing.
    if let Ok(m) = fs::symlink_metadata(&dir)
        && !m.file_type().is_dir()
    {
        return Err(AttachmentPathError::NotRegular { path: dir });
    }
    if let Ok(m) = fs::symlink_metadata(&path)
        && !m.file_type().is_file()
    {
        return Err(AttachmentPathError::NotRegular { path });
    }
    Ok(path)
}

/// Why attaching failed. Worded by `view::strings::attach_error`.
#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    #[error("{path}: {source}")]
    File { path: PathBuf, source: PhotoError },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no attachment \"{file}\" on \"{material}\"")]
    NotFound { material: String, file: String },
}

impl Case {
    /// The files attached to one material, in the order added.
    pub fn attachments(&self, material: &str) -> &[Attachment] {
        self.items
            .get(material)
            .map_or(&[], |s| s.attachments.as_slice())
    }
    /// Every attachment with its material id, materials in id order.
    pub fn all_attachments(&self) -> impl Iterator<Item = (&str, &Attachment)> {
        self.items
            .iter()
            .flat_map(|(id, s)| s.attachments.iter().map(move |a| (id.as_str(), a)))
    }
}

/// A file name for a new attachment of `material`: the id made safe, a random part, the type.
fn new_file_name(material: &str, kind: FileKind) -> String {
    let stem: String = material
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(40)
        .collect();
    let stem = if stem.is_empty() { "file".into() } else { stem };
    let random = new_id();
    let random = random.rsplit('-').next().unwrap_or("x");
    format!("{stem}-{random}.{}", kind.extension())
}

impl Store {
    /// `<dir>/<case id>.files` (whether or not it exists).
    pub fn attachments_dir(&self, case_id: &str) -> PathBuf {
        self.dir.join(format!("{case_id}{ATTACHMENTS_SUFFIX}"))
    }

    /// Where an attachment's file is.
    pub fn attachment_path(&self, case_id: &str, a: &Attachment) -> PathBuf {
        self.attachments_dir(case_id).join(&a.file)
    }

    /// Copies `src` (JPEG, PNG or PDF, recognised by content) into the case's folder and records
    /// it on `material`. Save the case afterwards. The photo is not checked here: run
    /// [`photo::check_file`] on [`Store::attachment_path`] (on a worker thread in the app).
    pub fn attach(
        &self,
        case: &mut Case,
        material: &str,
        src: &Path,
    ) -> Result<Attachment, AttachError> {
        let a = self.copy_in(case, material, src)?;
        case.items
            .entry(material.to_string())
            .or_default()
            .attachments
            .push(a.clone());
        case.touch();
        Ok(a)
    }

    fn copy_in(&self, case: &Case, material: &str, src: &Path) -> Result<Attachment, AttachError> {
        self.check_writable()?;
        self.check_id(&case.id)?;
        let file_err = |source| AttachError::File {
            path: src.to_path_buf(),
            source,
        };
        let bytes = photo::read_file(src).map_err(file_err)?;
        let kind = FileKind::sniff(&bytes).map_err(file_err)?;
        let dir = self.attachments_dir(&case.id);
        fs::create_dir_all(&dir).map_err(|e| write_err(&dir, e))?;
        let mut name = new_file_name(material, kind);
        while dir.join(&name).exists() {
            name = new_file_name(material, kind);
        }
        let target = dir.join(&name);
        fsio::write_atomic(&target, &bytes).map_err(|e| write_err(&target, e))?;
        Ok(Attachment {
            file: name,
            original_name: src
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            added: super::now_rfc3339(),
            bytes: bytes.len() as u64,
        })
    }

    /// Removes an attachment from the case and deletes its copy. Save the case afterwards.
    pub fn remove_attachment(
        &self,
        case: &mut Case,
        material: &str,
        file: &str,
    ) -> Result<Attachment, AttachError> {
        self.check_writable()?;
        let not_found = || AttachError::NotFound {
            material: material.to_string(),
            file: file.to_string(),
        };
        let state = case.items.get_mut(material).ok_or_else(not_found)?;
        let i = state
            .attachments
            .iter()
            .position(|a| a.file == file)
            .ok_or_else(not_found)?;
        let a = state.attachments.remove(i);
        if state.is_blank() {
            case.items.remove(material);
        }
        case.touch();
        self.delete_file(&case.id, &a)?;
        Ok(a)
    }

    fn delete_file(&self, case_id: &str, a: &Attachment) -> Result<(), StoreError> {
        if !is_valid_file_name(&a.file) {
            return Ok(());
        }
        let path = self.attachment_path(case_id, a);
        match fs::remove_file(&path) {
            Ok(()) => {
                let _ = fsio::sync_dir(&self.attachments_dir(case_id));
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(write_err(&path, e)),
        }
    }

    /// Attachments the case records whose file is missing or has an unsafe name, as
    /// `(material, attachment)`.
    pub fn missing_attachments<'a>(&self, case: &'a Case) -> Vec<(&'a str, &'a Attachment)> {
        case.all_attachments()
            .filter(|(_, a)| {
                !is_valid_file_name(&a.file) || !self.attachment_path(&case.id, a).is_file()
            })
            .collect()
    }
}
