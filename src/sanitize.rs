//! Text from case files and override data can come from other people. Control characters in
//! it (terminal escape sequences, bidirectional overrides) must not reach a terminal raw, and
//! have no place on a printed sheet.

use std::borrow::Cow;

/// Characters that change how following text is shown without being visible themselves:
/// C0/C1 controls (ESC starts terminal sequences) and the Unicode bidirectional controls.
fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// For printing to a terminal: each control character except newline and tab becomes a
/// visible escape (`ESC` → `\u{1b}`), so a label cannot move the cursor, recolour the screen
/// or retitle the window.
pub(crate) fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// For a printed sheet: control characters (newlines included, a label is one line) dropped.
pub(crate) fn for_print(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_hidden_control(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&c| !(c.is_control() || is_hidden_control(c)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_made_visible_for_terminals() {
        assert_eq!(
            for_terminal("妈妈\u{1b}]0;pwned\u{7}\u{1b}[2J住院"),
            "妈妈\\u{1b}]0;pwned\\u{7}\\u{1b}[2J住院"
        );
        assert_eq!(for_terminal("a\nb\tc"), "a\nb\tc");
        assert_eq!(for_terminal("x\u{202e}y\u{9b}z"), "x\\u{202e}y\\u{9b}z");
        assert!(matches!(for_terminal("普通的标签"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_are_dropped_for_print() {
        assert_eq!(for_print("妈妈\u{1b}[31m住院\r\n"), "妈妈[31m住院");
        assert_eq!(for_print("plain"), "plain");
    }
}
