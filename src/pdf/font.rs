//! The bundled CJK font, parsed once: glyph ids and advances for measuring and for placing
//! glyphs ourselves, so what is measured is exactly what is drawn.

use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::sync::OnceLock;

pub(crate) struct Metrics {
    face: ttf_parser::Face<'static>,
    pub font: Font,
    upem: f32,
    /// Advances (in em) of printable ASCII, looked up without the cmap.
    ascii: [(u16, f32); 95],
}

static METRICS: OnceLock<Result<Metrics, String>> = OnceLock::new();

/// The font, parsed on first use.
pub(crate) fn metrics() -> Result<&'static Metrics, String> {
    METRICS.get_or_init(load).as_ref().map_err(Clone::clone)
}

fn load() -> Result<Metrics, String> {
    let data: &'static [u8] = crate::assets::FONT_CJK;
    let face = ttf_parser::Face::parse(data, 0)
        .map_err(|e| format!("the bundled font cannot be read: {e}"))?;
    let font = Font::new(data.into(), 0).ok_or("the bundled font cannot be read by krilla")?;
    let upem = face.units_per_em() as f32;
    let mut m = Metrics {
        face,
        font,
        upem,
        ascii: [(0, 0.0); 95],
    };
    for (i, c) in (' '..='~').enumerate() {
        m.ascii[i] = m.lookup(c);
    }
    Ok(m)
}

impl Metrics {
    fn lookup(&self, c: char) -> (u16, f32) {
        // Control characters (from a case label, say) take no room and are not drawn.
        if c.is_control() {
            return (0, 0.0);
        }
        let gid = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        let adv = self.face.glyph_hor_advance(gid).unwrap_or(0) as f32 / self.upem;
        (gid.0, adv)
    }

    /// Glyph id and advance in em.
    #[inline]
    pub fn glyph(&self, c: char) -> (u16, f32) {
        match c {
            ' '..='~' => self.ascii[c as usize - 0x20],
            _ => self.lookup(c),
        }
    }

    /// Advance of a character in em.
    #[inline]
    pub fn advance(&self, c: char) -> f32 {
        self.glyph(c).1
    }

    /// Width of a text in points at `size`.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// Whether the font can show this character.
    pub(crate) fn covers(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// Positioned glyphs for one line, each mapped to its character (for copy and search).
    pub fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .filter(|(_, c)| !c.is_control())
            .map(|(i, c)| {
                let (gid, adv) = self.glyph(c);
                KrillaGlyph::new(
                    GlyphId::new(gid as u32),
                    adv,
                    0.0,
                    0.0,
                    0.0,
                    i..i + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}
