//! The bundled font must cover every character the app shows: UI strings in src/ and all
//! text in checklists/. A missing glyph would render as a box for an elderly reader.

use std::path::Path;

fn collect(dir: &Path, exts: &[&str], out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, exts, out);
        } else if path
            .extension()
            .is_some_and(|e| exts.iter().any(|x| e == *x))
        {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn bundled_font_covers_every_character_in_ui_and_data() {
    let face = ttf_parser::Face::parse(yibao_checklist::assets::FONT_CJK, 0).expect("font parses");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = String::new();
    collect(&root.join("checklists"), &["ron"], &mut text);
    collect(&root.join("src"), &["rs"], &mut text);
    let mut missing: Vec<char> = text
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .filter(|&c| face.glyph_index(c).is_none())
        .collect();
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "the bundled font has no glyph for {missing:?}: re-run assets/fonts/make-font.py"
    );
}

#[test]
fn bundled_font_is_a_subset_not_a_full_cjk_font() {
    // Start-up parses this font: a full 15–20 MB CJK font would slow every launch.
    let size = yibao_checklist::assets::FONT_CJK.len();
    assert!(size < 6_000_000, "font is {size} bytes");
    let face = ttf_parser::Face::parse(yibao_checklist::assets::FONT_CJK, 0).unwrap();
    for c in "医保报销材料清单助手异地就医备案，。（）【】“”".chars() {
        assert!(face.glyph_index(c).is_some(), "no glyph for {c}");
    }
}
