//! Opening files a person chose, for reading: regular files only, checked without blocking, read
//! up to a limit.
//!
//! A FIFO named `invoice.jpg` would block `open` until something writes to it, `/dev/zero` never
//! ends, and `/proc/self/environ` is a "regular" file of size 0 full of secrets. Every reader of a
//! user-chosen file (photos, attachments, case files, bundles, catalog overrides) opens through
//! [`open_regular`], so each of them is refused with its reason ([`Refused`]) instead.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// What a refused file is instead of an ordinary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Folder,
    /// A named pipe (FIFO).
    Pipe,
    /// A character or block device (`/dev/…`).
    Device,
    Socket,
    /// A file of the system's own information (`/proc`, `/sys`), not saved data.
    SystemInfo,
    Other,
}

/// Why a file is not read. Carried inside an [`io::Error`] (`InvalidInput` or `FileTooLarge`) so
/// it travels through every error type; `view::strings::io_reason` words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("not an ordinary file ({0:?})")]
    NotAFile(Special),
    #[error("the file is larger than {max} bytes")]
    TooLarge { max: u64 },
}

impl Refused {
    fn into_io(self) -> io::Error {
        let kind = match self {
            Refused::NotAFile(Special::Folder) => io::ErrorKind::IsADirectory,
            Refused::NotAFile(_) => io::ErrorKind::InvalidInput,
            Refused::TooLarge { .. } => io::ErrorKind::FileTooLarge,
        };
        io::Error::new(kind, self)
    }
    /// The refusal inside an I/O error, if that is what it is.
    pub fn of(e: &io::Error) -> Option<Refused> {
        e.get_ref()?.downcast_ref::<Refused>().copied()
    }
}

/// Opens `path` for reading if it is a regular file (directly or through a link). Never blocks:
/// on Unix the file is opened with `O_NONBLOCK`, so a FIFO opens at once and is then refused.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    // The opened handle's own type: no window between a check and the open.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Refused::NotAFile(special_kind(&meta.file_type())).into_io());
    }
    if is_system_info(&file) {
        return Err(Refused::NotAFile(Special::SystemInfo).into_io());
    }
    Ok(file)
}

/// Reads a whole regular file of at most `max` bytes. The declared size is not trusted: at most
/// one byte past `max` is read.
pub fn read_regular(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > max {
        return Err(Refused::TooLarge { max }.into_io());
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(Refused::TooLarge { max }.into_io());
    }
    Ok(bytes)
}

fn special_kind(t: &std::fs::FileType) -> Special {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Special::Pipe;
        }
        if t.is_char_device() || t.is_block_device() {
            return Special::Device;
        }
        if t.is_socket() {
            return Special::Socket;
        }
    }
    if t.is_dir() {
        Special::Folder
    } else {
        Special::Other
    }
}

/// Whether the file lives on `/proc` or `/sys`, whose files claim to be regular.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn is_system_info(file: &File) -> bool {
    use std::os::fd::AsRawFd;
    let mut st = std::mem::MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: the descriptor is open for the duration of the call and `st` is a buffer of the
    // right type, written by the kernel on success.
    let rc = unsafe { libc::fstatfs(file.as_raw_fd(), st.as_mut_ptr()) };
    if rc != 0 {
        return false;
    }
    // SAFETY: fstatfs returned 0, so it filled the buffer.
    let st = unsafe { st.assume_init() };
    // The field's and the constants' integer types differ between C libraries.
    #[allow(clippy::unnecessary_cast)]
    let t = st.f_type as i64;
    #[allow(clippy::unnecessary_cast)]
    let special = [libc::PROC_SUPER_MAGIC as i64, libc::SYSFS_MAGIC as i64];
    special.contains(&t)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn is_system_info(_file: &File) -> bool {
    false
}
