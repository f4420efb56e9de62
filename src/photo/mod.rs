//! Photos and scans of the originals, checked locally before a claim is sent.
//!
//! The online-claim article (seed 004) asks for the invoice to be photographed "清晰四角拍摄，无反光"
//! (sharp, all four corners, no glare). [`check_bytes`] and [`check_file`] decode a JPEG or PNG
//! (EXIF rotation applied), find the paper in the picture and look for four problems:
//! [`ProblemKind::Blur`], [`ProblemKind::Glare`], [`ProblemKind::Cropped`] and
//! [`ProblemKind::LowResolution`]. A photo is never refused: every finding is a warning that names
//! the rule, its source and what to do ([`rules`] decides which rule; `view::strings::photo_message`
//! words it).
//!
//! - PDF files are accepted as attachments but not pixel-checked ([`PhotoReport::checked`] is false).
//! - HEIC (iPhone photos) is not supported: there is no maintained pure-Rust HEVC decoder, and the
//!   C library (libheif) would be a system dependency. [`PhotoError::Heic`] tells the user how to
//!   get a JPEG instead.
//!
//! Everything here is plain data and functions (`Send`): the app runs checks on a worker thread.

mod detect;
pub mod rules;
mod segment;

pub use detect::{Area, Edges, Findings, Measures, Thresholds, analyse, measure};

use image::{DynamicImage, ImageDecoder, ImageReader};
use serde::Serialize;
use std::io::Cursor;
use std::path::Path;

/// Largest file read as a photo (phones write 3–12 MB; 64 MB leaves room for big PNG scans).
pub(crate) const MAX_PHOTO_BYTES: u64 = 64 * 1024 * 1024;
/// Largest decoded image (pixels): a 12-MP photo is 12 M, a 600-dpi A4 scan 35 M, a 50-MP
/// phone's full-size mode 50 M.
pub(crate) const MAX_PIXELS: u64 = 50_000_000;
/// Longest side decoded: a strip of 80,000,000×1 pixels is no photo.
pub(crate) const MAX_SIDE: u32 = 16_384;
/// Most memory one decoded image may take (a 16-bit or alpha picture takes 2–8 bytes a pixel).
pub(crate) const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;

/// What a problem is about; the JSON `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    Blur,
    Glare,
    Cropped,
    LowResolution,
}

impl ProblemKind {
    pub const ALL: [ProblemKind; 4] = [
        ProblemKind::Blur,
        ProblemKind::Glare,
        ProblemKind::Cropped,
        ProblemKind::LowResolution,
    ];
    /// The JSON id (`blur`, `glare`, `cropped`, `low_resolution`).
    pub fn id(self) -> &'static str {
        match self {
            ProblemKind::Blur => "blur",
            ProblemKind::Glare => "glare",
            ProblemKind::Cropped => "cropped",
            ProblemKind::LowResolution => "low_resolution",
        }
    }
}

/// One warning about a photo: what kind, and the measure. Worded (finding, the rule quoted from
/// its source, what to do) by `view::strings::photo_message`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    /// Citations of the rule (`"004"`: a seed article, as in the catalog).
    pub sources: Vec<String>,
    /// The measured value and the limit it crossed (for the curious and for calibration).
    pub value: f32,
    pub limit: f32,
    /// Where it is, for marking the thumbnail (not in the JSON, whose shape stays as it was).
    #[serde(skip)]
    pub region: Option<Region>,
}

/// Where a problem shows on the picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Region {
    /// A patch (the glare), or for blur a patch of print to look at closely.
    Area(Area),
    /// The edges of the picture that cut the document.
    Edges(Edges),
}

/// The file types an attachment can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Jpeg,
    Png,
    Pdf,
}

impl FileKind {
    /// Recognises a file by its first bytes (not its name: phones name HEIC files `.jpg` too).
    pub(crate) fn sniff(bytes: &[u8]) -> Result<FileKind, PhotoError> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Ok(FileKind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Ok(FileKind::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Ok(FileKind::Pdf)
        } else if is_heic(bytes) {
            Err(PhotoError::Heic)
        } else {
            Err(PhotoError::NotAnImage(
                "not a JPEG, PNG or PDF file".to_string(),
            ))
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::Pdf => "pdf",
        }
    }
    /// From a stored file name's extension.
    pub(crate) fn from_extension(name: &str) -> Option<FileKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(FileKind::Jpeg),
            "png" => Some(FileKind::Png),
            "pdf" => Some(FileKind::Pdf),
            _ => None,
        }
    }
}

/// An ISO-BMFF `ftyp` box naming a HEIF brand.
fn is_heic(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && matches!(
            &bytes[8..12],
            b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" | b"avif"
        )
}

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a readable image: {0}")]
    NotAnImage(String),
    #[error("HEIC/HEIF photos cannot be read; save or share the photo as JPEG")]
    Heic,
    #[error("the file is too large ({0} bytes; at most {MAX_PHOTO_BYTES})")]
    TooLarge(u64),
    /// More pixels (or more memory once decoded) than this app decodes; refused before decoding.
    #[error("{width}×{height} pixels is more than this app reads")]
    TooManyPixels { width: u32, height: u32 },
}

/// The result of checking one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoReport {
    pub kind: FileKind,
    /// Pixel size after the EXIF rotation; `None` for a PDF.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Whether the pixels were checked (false for a PDF).
    pub checked: bool,
    pub problems: Vec<Problem>,
    /// The raw measures (`None` for a PDF).
    pub measures: Option<Measures>,
}

impl PhotoReport {
    pub fn has(&self, kind: ProblemKind) -> bool {
        self.problems.iter().any(|p| p.kind == kind)
    }
}

/// Reads a regular file of at most [`MAX_PHOTO_BYTES`] (a FIFO, device or folder is refused
/// without waiting: see [`crate::fsread`]).
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, PhotoError> {
    crate::fsread::read_regular(path, MAX_PHOTO_BYTES).map_err(
        |e| match crate::fsread::Refused::of(&e) {
            Some(crate::fsread::Refused::TooLarge { .. }) => PhotoError::TooLarge(
                std::fs::metadata(path).map_or(0, |m| m.len().max(MAX_PHOTO_BYTES + 1)),
            ),
            _ => PhotoError::Io(e),
        },
    )
}

/// Decodes a JPEG or PNG with its EXIF rotation applied.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, PhotoError> {
    match FileKind::sniff(bytes)? {
        FileKind::Pdf => {
            return Err(PhotoError::NotAnImage(
                "a PDF file has no single picture to decode".to_string(),
            ));
        }
        FileKind::Jpeg | FileKind::Png => {}
    }
    let bad = |e: image::ImageError| PhotoError::NotAnImage(e.to_string());
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(PhotoError::Io)?;
    // Reading the header already allocates (PNG text and colour-profile chunks): bounded too.
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits.clone());
    let mut decoder = reader.into_decoder().map_err(bad)?;
    // The header's size decides, before a single pixel is decoded.
    let (width, height) = decoder.dimensions();
    if width > MAX_SIDE
        || height > MAX_SIDE
        || u64::from(width) * u64::from(height) > MAX_PIXELS
        || decoder.total_bytes() > MAX_DECODED_BYTES
    {
        return Err(PhotoError::TooManyPixels { width, height });
    }
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    decoder.set_limits(limits).map_err(bad)?;
    // A broken EXIF block must not make a good photo unreadable: fall back to no rotation.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let img = DynamicImage::from_decoder(decoder).map_err(bad)?;
    // 8-bit RGB is all the checks and the PDF use: a 16-bit or alpha picture shrinks to it before
    // anything else copies it (rotation, measuring).
    let mut img = match img {
        DynamicImage::ImageRgb8(_) => img,
        other => DynamicImage::ImageRgb8(other.into_rgb8()),
    };
    img.apply_orientation(orientation);
    Ok(img)
}

/// Checks an already decoded (and rotated) image.
pub fn check_image(img: &DynamicImage) -> PhotoReport {
    let found = analyse(img);
    let problems = rules::judge(&found, &Thresholds::default());
    PhotoReport {
        kind: FileKind::Jpeg,
        width: Some(img.width()),
        height: Some(img.height()),
        checked: true,
        problems,
        measures: Some(found.measures),
    }
}

/// Checks a file's bytes: a JPEG or PNG is decoded and checked, a PDF is accepted unchecked.
pub fn check_bytes(bytes: &[u8]) -> Result<PhotoReport, PhotoError> {
    let kind = FileKind::sniff(bytes)?;
    if kind == FileKind::Pdf {
        return Ok(PhotoReport {
            kind,
            width: None,
            height: None,
            checked: false,
            problems: Vec::new(),
            measures: None,
        });
    }
    let img = decode(bytes)?;
    let mut report = check_image(&img);
    report.kind = kind;
    Ok(report)
}

/// Like [`check_bytes`], also handing back the decoded picture (none for a PDF), so a caller that
/// shows it does not decode it twice.
pub fn check_bytes_keep(bytes: &[u8]) -> Result<(PhotoReport, Option<DynamicImage>), PhotoError> {
    let kind = FileKind::sniff(bytes)?;
    if kind == FileKind::Pdf {
        return Ok((check_bytes(bytes)?, None));
    }
    let img = decode(bytes)?;
    let mut report = check_image(&img);
    report.kind = kind;
    Ok((report, Some(img)))
}

/// Reads and checks a file (see [`check_bytes`]).
pub fn check_file(path: &Path) -> Result<PhotoReport, PhotoError> {
    check_bytes(&read_file(path)?)
}
