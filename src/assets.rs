//! Files compiled into the binary.

/// The bundled CJK font (Noto Sans SC subset, OFL): used by the GUI and embedded in PDFs.
pub static FONT_CJK: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-subset.otf");
