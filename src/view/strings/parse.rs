//! Why a data or case file could not be read, in words: the parser's own (English) wording is
//! replaced by these, so a Chinese user reads Chinese. The position is added by the caller.

use crate::catalog::Lang;
use crate::catalog::problem::{ParseProblem, Token};

/// What a parser problem means, without its position.
pub fn parse_problem(lang: Lang, p: &ParseProblem) -> String {
    use ParseProblem as P;
    if lang == Lang::En {
        return p.to_string();
    }
    match p {
        P::UnexpectedEnd => "文件提前结束（可能缺少右括号或引号）".into(),
        P::Expected { expected } => format!("这里应为{}", token_zh(*expected)),
        P::NumberOutOfRange => "数字超出允许的范围".into(),
        P::BadDigit { digit } => format!("`{digit}` 在这里不是有效的数字"),
        P::UnexpectedChar { found } => format!("这里不应出现字符 `{found}`"),
        P::TrailingText => "数据结束后还有多余的内容".into(),
        P::UnclosedComment => "注释没有结束".into(),
        P::BadEscape => "文字中的反斜杠转义无效".into(),
        P::WrongType => "这里的值类型不对（例如应为文字却写了数字）".into(),
        P::WrongLength { found } => format!("元素个数不对（这里有 {found} 个）"),
        P::BadName { found } => format!("这里应为名称，却是 `{found}`"),
        P::TooDeep => "数据嵌套层数太多".into(),
        P::MissingField {
            field,
            within: Some(o),
        } => format!("`{o}` 缺少必填字段 `{field}:`"),
        P::MissingField {
            field,
            within: None,
        } => format!("缺少必填字段 `{field}:`"),
        P::DuplicateField { field } => format!("字段 `{field}:` 写了两次"),
        P::UnknownField { found, expected } => {
            format!("未知字段 `{found}`{}", one_of(expected))
        }
        P::UnknownValue { found, expected } => {
            format!("未知取值 `{found}`{}", one_of(expected))
        }
        P::NotUtf8 => "文件内容不是可读的文字（应为 UTF-8 编码）".into(),
        P::Other => "格式错误".into(),
    }
}

fn one_of(expected: &[String]) -> String {
    if expected.is_empty() {
        String::new()
    } else {
        format!("（可用：{}）", expected.join("、"))
    }
}

fn token_zh(t: Token) -> String {
    if let Some(s) = t.symbol() {
        return format!(" `{s}`");
    }
    match t {
        Token::Name => "一个名称",
        Token::Text => "用引号括起的文字",
        Token::TextEnd => "文字结尾的引号 `\"`",
        Token::Integer => "整数",
        Token::Number => "数字",
        Token::Boolean => " true 或 false",
        Token::Char => "一个字符",
        Token::Unit => " `()`",
        _ => "一个值",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rare parser errors still give their place (added by the caller) and a Chinese
    /// "格式错误"; none of ron's wording survives.
    #[test]
    fn every_ron_error_has_chinese_words() {
        use ron::Error as E;
        let errors = [
            E::Eof,
            E::ExpectedComma,
            E::ExpectedIdentifier,
            E::IntegerOutOfBounds,
            E::TrailingCharacters,
            E::ExpectedRawValue,
            E::ExpectedRangeSyntax,
            E::Message("invalid type: a custom message".into()),
            E::Io("disk on fire".into()),
            E::InvalidValueForType {
                expected: "a string".into(),
                found: "the integer `5`".into(),
            },
        ];
        for e in &errors {
            let p = ParseProblem::from_ron(e);
            let zh = parse_problem(Lang::Zh, &p);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{e:?}: {zh}"
            );
            let ron_words = e.to_string();
            assert!(!zh.contains(&ron_words), "{e:?}: {zh}");
            assert!(!parse_problem(Lang::En, &p).contains(&ron_words), "{e:?}");
        }
        assert_eq!(
            ParseProblem::from_ron(&E::ExpectedRawValue),
            ParseProblem::Other
        );
        assert_eq!(parse_problem(Lang::Zh, &ParseProblem::Other), "格式错误");
    }
}
