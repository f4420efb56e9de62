//! Line breaking for Chinese and English text: a pure function, measured by the caller.
//!
//! Rules: a line may break between any two CJK characters and where CJK meets Latin; Latin
//! words stay whole (a break only after a space), unless a word is wider than the line; no line
//! starts with closing punctuation (，。、；：？！）」』】》”’%… and their ASCII cousins) and no
//! line ends with opening punctuation (（「『【《“‘); a paragraph's last line is never a lone
//! character (one more character moves down with it). `\n` is a hard break.

/// Punctuation that must not start a line (行首禁则).
pub(crate) fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '］'
            | '｝'
            | '”'
            | '’'
            | '%'
            | '％'
            | '…'
            | '‥'
            | '·'
            | '・'
            | '—'
            | '～'
            | '〜'
            | 'ー'
            | '々'
            | '℃'
            | '°'
            | '‰'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '．'
            | '＂'
    )
}

/// Punctuation that must not end a line (行尾禁则).
pub(crate) fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '【'
            | '《'
            | '〈'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '［'
            | '｛'
            | '“'
            | '‘'
            | '('
            | '['
            | '{'
            | '¥'
            | '￥'
            | '$'
            | '£'
            | '№'
    )
}

/// Characters set solid, where a line may break on either side (ideographs, kana, hangul, CJK
/// and full-width punctuation).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Whether a line may break between `prev` and `next`.
fn can_break(prev: char, next: char) -> bool {
    if next.is_whitespace() || no_line_end(prev) || no_line_start(next) {
        return false;
    }
    prev.is_whitespace() || is_cjk(prev) || is_cjk(next)
}

/// An unbreakable run: from one break opportunity to the next.
#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    /// Width with trailing spaces.
    width: f32,
    /// Width without trailing spaces (what counts at the end of a line).
    trimmed: f32,
}

fn units(text: &str, base: usize, max_width: f32, advance: &impl Fn(char) -> f32) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut cur: Option<Unit> = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let w = advance(c);
        if let (Some(p), Some(u)) = (prev, cur)
            && can_break(p, c)
        {
            out.push(u);
            cur = None;
        }
        let u = cur.get_or_insert(Unit {
            start: base + i,
            end: base + i,
            width: 0.0,
            trimmed: 0.0,
        });
        u.end = base + i + c.len_utf8();
        u.width += w;
        if !c.is_whitespace() {
            u.trimmed = u.width;
        }
        prev = Some(c);
    }
    out.extend(cur);
    // A word wider than the line is cut where it must be (URLs, long numbers).
    let mut split = Vec::with_capacity(out.len());
    for u in out {
        if u.trimmed <= max_width {
            split.push(u);
            continue;
        }
        let s = &text[u.start - base..u.end - base];
        let mut piece: Option<Unit> = None;
        for (i, c) in s.char_indices() {
            let w = advance(c);
            let at = u.start + i;
            if let Some(p) = piece
                && p.width + w > max_width
                && !c.is_whitespace()
            {
                split.push(p);
                piece = None;
            }
            let p = piece.get_or_insert(Unit {
                start: at,
                end: at,
                width: 0.0,
                trimmed: 0.0,
            });
            p.end = at + c.len_utf8();
            p.width += w;
            if !c.is_whitespace() {
                p.trimmed = p.width;
            }
        }
        split.extend(piece);
    }
    split
}

const EPS: f32 = 0.01;

/// Breaks `text` into lines no wider than `max_width`, as slices of `text` without trailing
/// spaces. `advance` gives a character's width in the same unit as `max_width`.
pub fn wrap(text: &str, max_width: f32, advance: impl Fn(char) -> f32) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut base = 0;
    for para in text.split('\n') {
        wrap_paragraph(text, para, base, max_width, &advance, &mut lines);
        base += para.len() + 1;
    }
    lines
}

fn wrap_paragraph<'a>(
    text: &'a str,
    para: &str,
    base: usize,
    max_width: f32,
    advance: &impl Fn(char) -> f32,
    lines: &mut Vec<&'a str>,
) {
    let units = units(para, base, max_width, advance);
    if units.is_empty() {
        lines.push("");
        return;
    }
    // Greedy fill: (first unit, end unit) per line.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut first = 0;
    let mut width = 0.0;
    for (k, u) in units.iter().enumerate() {
        if k > first && width + u.trimmed > max_width + EPS {
            spans.push((first, k));
            first = k;
            width = 0.0;
        }
        width += u.width;
    }
    spans.push((first, units.len()));

    // No lone character on the last line: take one more unit down from the line above.
    if spans.len() >= 2 {
        let (a, b) = spans[spans.len() - 1];
        let last = &text[units[a].start..units[b - 1].end];
        let (pa, pb) = spans[spans.len() - 2];
        if is_lone(last) && pb - pa >= 2 {
            let moved = &units[pb - 1];
            let new_width = moved.width
                + units[a..b - 1].iter().map(|u| u.width).sum::<f32>()
                + units[b - 1].trimmed;
            if new_width <= max_width + EPS {
                let n = spans.len();
                spans[n - 2].1 = pb - 1;
                spans[n - 1].0 = pb - 1;
            }
        }
    }
    for (a, b) in spans {
        lines.push(text[units[a].start..units[b - 1].end].trim_end());
    }
}

/// A line holding one character (with any closing punctuation after it).
fn is_lone(line: &str) -> bool {
    let mut body = line.trim().chars().filter(|c| !no_line_start(*c));
    matches!((body.next(), body.next()), (Some(c), None) if is_cjk(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CJK characters are 1 wide, everything else 0.5 (a fair model of the real font).
    fn adv(c: char) -> f32 {
        if is_cjk(c) { 1.0 } else { 0.5 }
    }

    fn check_rules(lines: &[&str]) {
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                let first = l.chars().next().unwrap();
                assert!(
                    !no_line_start(first),
                    "line {i} starts with {first:?}: {lines:?}"
                );
            }
            if i + 1 < lines.len() {
                let last = l.chars().last().unwrap();
                assert!(!no_line_end(last), "line {i} ends with {last:?}: {lines:?}");
            }
        }
    }

    fn width(s: &str) -> f32 {
        s.chars().map(adv).sum()
    }

    #[test]
    fn short_text_is_one_line() {
        assert_eq!(wrap("身份证原件", 10.0, adv), vec!["身份证原件"]);
        assert_eq!(wrap("", 10.0, adv), vec![""]);
    }

    #[test]
    fn breaks_between_any_cjk_characters() {
        let lines = wrap("医保报销材料清单助手医保报销", 5.0, adv);
        assert_eq!(lines, vec!["医保报销材", "料清单助手", "医保报销"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // "证，" fills line 1 exactly; with the comma it does not fit, so both move down.
        let lines = wrap("带上身份证，去窗口办理手续", 5.0, adv);
        check_rules(&lines);
        assert_eq!(lines[0], "带上身份");
        assert_eq!(lines[1], "证，去窗口");
        for l in &lines {
            assert!(width(l) <= 5.0, "{l} too wide");
        }
    }

    #[test]
    fn every_forbidden_start_mark_is_kept_off_line_starts() {
        for mark in "，。、；：？！）」』】》”’%…".chars() {
            let text = format!("一二三四{mark}五六七八九十");
            let lines = wrap(&text, 4.0, adv);
            check_rules(&lines);
            assert_eq!(lines.concat(), text);
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        for mark in "（「『【《“‘".chars() {
            let text = format!("一二三{mark}四五六七八九十");
            let lines = wrap(&text, 4.0, adv);
            check_rules(&lines);
            assert_eq!(lines.concat(), text, "{mark}");
            assert_eq!(
                lines[0], "一二三",
                "{mark} moved down with the next character"
            );
        }
    }

    #[test]
    fn latin_words_stay_whole() {
        let lines = wrap("Bring the original invoice and a copy", 8.0, adv);
        assert_eq!(lines, vec!["Bring the", "original invoice", "and a copy"]);
        for l in &lines {
            assert!(width(l) <= 8.0);
        }
    }

    #[test]
    fn numbers_inside_chinese_stay_whole() {
        let lines = wrap("拨打医保服务热线12393咨询", 9.0, adv);
        check_rules(&lines);
        assert!(lines.iter().any(|l| l.contains("12393")), "{lines:?}");
        let lines = wrap("出院后3–6个月内申请", 5.0, adv);
        assert!(lines.iter().any(|l| l.contains("3–6")), "{lines:?}");
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let lines = wrap("see https://fuwu.nhsa.gov.cn/nationalHallSt/", 6.0, adv);
        for l in &lines {
            assert!(width(l) <= 6.0, "{l:?} too wide");
        }
        assert_eq!(
            lines.concat().replace(' ', ""),
            "seehttps://fuwu.nhsa.gov.cn/nationalHallSt/"
        );
    }

    #[test]
    fn no_lone_character_on_the_last_line() {
        // Greedy: "一二三四五" / "六": one more character moves down.
        let lines = wrap("一二三四五六", 5.0, adv);
        assert_eq!(lines, vec!["一二三四", "五六"]);
        // A lone character with its full stop counts as lone too.
        let lines = wrap("一二三四五六。", 5.0, adv);
        assert_eq!(lines, vec!["一二三四", "五六。"]);
        // Two characters on the last line are fine.
        assert_eq!(wrap("一二三四五六七", 5.0, adv), vec!["一二三四五", "六七"]);
    }

    #[test]
    fn hard_breaks_are_kept() {
        assert_eq!(wrap("第一行\n第二行", 10.0, adv), vec!["第一行", "第二行"]);
        assert_eq!(wrap("a\n\nb", 10.0, adv), vec!["a", "", "b"]);
    }

    #[test]
    fn mixed_text_respects_width_and_rules() {
        let text = "异地就医备案可通过“国家医保服务平台”APP办理（需实名认证），一般3-10个工作日完成；急诊（含急诊抢救）可事后补办。Bring ID card.";
        for w in [3.0_f32, 4.0, 5.5, 7.0, 9.0, 12.0, 20.0] {
            let lines = wrap(text, w, adv);
            check_rules(&lines);
            for l in &lines {
                assert!(width(l) <= w + EPS, "{l:?} wider than {w}");
            }
            let joined: String = lines.concat();
            assert_eq!(
                joined.replace(' ', ""),
                text.replace(' ', ""),
                "nothing lost at width {w}"
            );
        }
    }
}
