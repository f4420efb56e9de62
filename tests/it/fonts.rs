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

/// Every character of the 通用规范汉字表 (8,105, the list in assets/fonts/, from Unihan's kTGH
/// field) prints: names use rare ones (堃, 喆, 珺, 昇 …) and a missing glyph would vanish.
#[test]
fn bundled_font_covers_the_8105_characters_of_the_general_standard_table() {
    let face = ttf_parser::Face::parse(yibao_checklist::assets::FONT_CJK, 0).unwrap();
    let list = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts/tongyong-guifan-8105.txt"),
    )
    .unwrap();
    let chars: Vec<char> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut it = l.chars();
            let c = it.next().unwrap();
            assert!(it.next().is_none(), "one character per line: {l:?}");
            c
        })
        .collect();
    assert_eq!(chars.len(), 8105);
    let unique: std::collections::HashSet<char> = chars.iter().copied().collect();
    assert_eq!(unique.len(), 8105);
    for c in "堃喆珺昇一乙".chars() {
        assert!(unique.contains(&c), "{c} is in the table");
    }
    let missing: String = chars
        .iter()
        .filter(|&&c| face.glyph_index(c).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "{} of 8,105 characters have no glyph: {missing}",
        missing.chars().count()
    );
}
