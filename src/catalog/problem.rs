//! Typed data problems found while reading and merging catalog files, so front ends can word
//! them in either language (`view::strings::data_problem`): parser errors ([`ParseProblem`]),
//! the whole-catalog checks ([`Rule`]), limits and holidays. The `Display` text is the English
//! one (`validate --lang en`, a `CatalogError`'s `message`).

use serde::Serialize;

/// Limits on the overrides folder: a hostile or careless folder (symlink loops, `/proc`, a
/// huge file) ends in an error naming the limit, never in a hang.
pub(crate) const MAX_DEPTH: usize = 8;
/// `.ron` files read from one folder tree.
pub const MAX_FILES: usize = 500;
/// Directory entries looked at while walking (bounds the walk itself, `.ron` or not).
pub(crate) const MAX_ENTRIES: usize = 20_000;
/// One catalog file (the largest bundled file is about 60 KB).
pub(crate) const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// Holiday calendars are accepted for these years only.
pub(crate) const HOLIDAY_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Which bound of the overrides folder was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    Depth,
    Files,
    Entries,
    FileSize,
}

/// A problem in the data that has its own wording.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum DataProblem {
    #[error("{}", limit_en(*.limit, *.max))]
    LimitReached { limit: Limit, max: u64 },
    #[error("unknown field `{found}`{}", suggestion_en(.suggestion))]
    UnknownField {
        found: String,
        suggestion: Option<String>,
        expected: Vec<String>,
    },
    #[error("unknown value `{found}`{}", suggestion_en(.suggestion))]
    UnknownVariant {
        found: String,
        suggestion: Option<String>,
        expected: Vec<String>,
    },
    /// The parser gave up here (bad syntax, a wrong type, a missing field …).
    #[error("cannot read this file: {problem}")]
    Parse { problem: ParseProblem },
    #[error("duplicate id \"{id}\" (first defined at {first}){}", if *.replaceable { "; to replace it on purpose, add `replaces: [\"<id>\"]` to the later entry" } else { "" })]
    DuplicateId {
        id: String,
        first: String,
        replaceable: bool,
    },
    #[error("holiday year {year} is outside {}–{}", HOLIDAY_YEARS.start(), HOLIDAY_YEARS.end())]
    HolidayYearOutOfRange { year: i32 },
    #[error("holiday range {start} – {end} of year {year} does not lie inside that year")]
    HolidayRangeOutsideYear {
        year: i32,
        start: String,
        end: String,
    },
    #[error("holiday range {start} – {end} ends before it starts")]
    HolidayRangeReversed { start: String, end: String },
    #[error("{day} is listed more than once in the holidays of {year}")]
    HolidayDayRepeated { year: i32, day: String },
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    /// Someone else's file (a link to `/proc/self/environ`, a photo renamed `.ron`): not quoted.
    #[error("this is not a data file of this app (after comments it must start with `(`)")]
    NotADataFile,
    /// A check of the whole catalog that failed (`validate`).
    #[error("{rule}")]
    Rule { rule: Rule },
    /// A file or folder that cannot be read at all.
    #[error("cannot read: {kind}")]
    CannotRead {
        #[serde(skip)]
        kind: std::io::ErrorKind,
    },
}

/// Why the RON parser gave up, in the project's own terms: the parser's English never reaches
/// users (`view::strings::parse_problem` words these). Shared by catalog and case files.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ParseProblem {
    #[error("the file ends too early")]
    UnexpectedEnd,
    #[error("expected {expected}")]
    Expected { expected: Token },
    #[error("the number is too large or too small here")]
    NumberOutOfRange,
    #[error("`{digit}` is not a digit here")]
    BadDigit { digit: char },
    #[error("unexpected character `{found}`")]
    UnexpectedChar { found: char },
    #[error("more text after the end of the data")]
    TrailingText,
    #[error("a comment is not closed")]
    UnclosedComment,
    #[error("a backslash escape in a string is not valid")]
    BadEscape,
    #[error("this value has the wrong type")]
    WrongType,
    #[error("wrong number of elements ({found})")]
    WrongLength { found: usize },
    #[error("expected a name here, found `{found}`")]
    BadName { found: String },
    #[error("the data is nested too deeply")]
    TooDeep,
    #[error("{}", match .within { Some(o) => format!("`{o}` has no `{field}:` field, which it needs"), None => format!("the `{field}:` field is missing") })]
    MissingField {
        field: String,
        within: Option<String>,
    },
    #[error("the field `{field}:` is given twice")]
    DuplicateField { field: String },
    #[error("unknown field `{found}`")]
    UnknownField {
        found: String,
        expected: Vec<String>,
    },
    #[error("unknown value `{found}`")]
    UnknownValue {
        found: String,
        expected: Vec<String>,
    },
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    /// Rare parser errors without a wording of their own: the position still says where.
    #[error("the format is wrong")]
    Other,
}

/// What the parser expected to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Token {
    Comma,
    Colon,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    OpenBrace,
    CloseBrace,
    Name,
    Text,
    TextEnd,
    Integer,
    Number,
    Boolean,
    Char,
    Unit,
    Option,
}

impl Token {
    /// The character itself, for the tokens that are one.
    pub fn symbol(self) -> Option<&'static str> {
        Some(match self {
            Token::Comma => ",",
            Token::Colon => ":",
            Token::OpenParen => "(",
            Token::CloseParen => ")",
            Token::OpenBracket => "[",
            Token::CloseBracket => "]",
            Token::OpenBrace => "{",
            Token::CloseBrace => "}",
            _ => return None,
        })
    }
}

impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(s) = self.symbol() {
            return write!(f, "`{s}`");
        }
        f.write_str(match self {
            Token::Name => "a name",
            Token::Text => "a quoted text",
            Token::TextEnd => "the closing `\"` of a text",
            Token::Integer => "a whole number",
            Token::Number => "a number",
            Token::Boolean => "true or false",
            Token::Char => "a character",
            Token::Unit => "`()`",
            _ => "a value",
        })
    }
}

impl ParseProblem {
    /// ron's error as one of ours. Every variant maps; those without a wording of their own
    /// become [`ParseProblem::Other`].
    pub fn from_ron(code: &ron::Error) -> Self {
        use ParseProblem as P;
        use ron::Error as E;
        let expected = |t| P::Expected { expected: t };
        let names = |e: &[&str]| e.iter().map(|s| s.to_string()).collect();
        match code {
            E::Eof => P::UnexpectedEnd,
            E::ExpectedComma => expected(Token::Comma),
            E::ExpectedMapColon => expected(Token::Colon),
            E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => expected(Token::OpenParen),
            E::ExpectedOptionEnd | E::ExpectedStructLikeEnd => expected(Token::CloseParen),
            E::ExpectedArray => expected(Token::OpenBracket),
            E::ExpectedArrayEnd => expected(Token::CloseBracket),
            E::ExpectedMap => expected(Token::OpenBrace),
            E::ExpectedMapEnd => expected(Token::CloseBrace),
            E::ExpectedIdentifier | E::ExpectedStructName(_) => expected(Token::Name),
            E::ExpectedString | E::ExpectedByteString => expected(Token::Text),
            E::ExpectedStringEnd => expected(Token::TextEnd),
            E::ExpectedInteger => expected(Token::Integer),
            E::ExpectedFloat => expected(Token::Number),
            E::ExpectedBoolean => expected(Token::Boolean),
            E::ExpectedChar | E::ExpectedByteLiteral => expected(Token::Char),
            E::ExpectedUnit => expected(Token::Unit),
            E::ExpectedOption => expected(Token::Option),
            E::IntegerOutOfBounds => P::NumberOutOfRange,
            E::InvalidIntegerDigit { digit, .. } => P::BadDigit { digit: *digit },
            E::UnexpectedChar(c) => P::UnexpectedChar { found: *c },
            E::TrailingCharacters => P::TrailingText,
            E::UnclosedBlockComment | E::UnclosedLineComment => P::UnclosedComment,
            E::InvalidEscape(_) => P::BadEscape,
            E::InvalidValueForType { .. } | E::ExpectedDifferentStructName { .. } => P::WrongType,
            E::ExpectedDifferentLength { found, .. } => P::WrongLength { found: *found },
            E::SuggestRawIdentifier(s) | E::InvalidIdentifier(s) => P::BadName {
                found: s.chars().take(40).collect(),
            },
            E::ExceededRecursionLimit => P::TooDeep,
            E::MissingStructField { field, outer } => P::MissingField {
                field: field.to_string(),
                within: outer.clone(),
            },
            E::DuplicateStructField { field, .. } => P::DuplicateField {
                field: field.to_string(),
            },
            E::NoSuchStructField {
                expected, found, ..
            } => P::UnknownField {
                found: found.clone(),
                expected: names(expected),
            },
            E::NoSuchEnumVariant {
                expected, found, ..
            } => P::UnknownValue {
                found: found.clone(),
                expected: names(expected),
            },
            E::Utf8Error(_) => P::NotUtf8,
            _ => P::Other,
        }
    }
}

/// ron's error as a data problem: unknown names get a "did you mean" suggestion; everything
/// else is a [`ParseProblem`].
pub(crate) fn from_ron(code: &ron::Error) -> DataProblem {
    match ParseProblem::from_ron(code) {
        ParseProblem::UnknownField { found, expected } => DataProblem::UnknownField {
            suggestion: suggest(&found, expected.iter().map(String::as_str)),
            found,
            expected,
        },
        ParseProblem::UnknownValue { found, expected } => DataProblem::UnknownVariant {
            suggestion: suggest(&found, expected.iter().map(String::as_str)),
            found,
            expected,
        },
        ParseProblem::NotUtf8 => DataProblem::NotUtf8,
        problem => DataProblem::Parse { problem },
    }
}

/// Which part of an entry a [`Rule`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Prompt,
    HelpText,
    ShortLabel,
    AskWhen,
    Option(String),
    NotBefore,
    Name,
    Region,
    Channel,
    Why,
    Description,
    When,
    Material,
    FormRule,
    FormatRule,
    Obtain,
    Alternative,
    Title,
    Detail,
    Step,
    Label,
    Version,
    VersionWhen,
    From,
    VersionNote,
    Note,
    QuickSheet,
    NotSameAs,
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Part::Option(id) => return write!(f, "option \"{id}\""),
            Part::Prompt => "the prompt",
            Part::HelpText => "the help text",
            Part::ShortLabel => "the short label",
            Part::AskWhen => "ask_when",
            Part::NotBefore => "not_before",
            Part::Name => "the name",
            Part::Region => "the region",
            Part::Channel => "the channel",
            Part::Why => "why",
            Part::Description => "the description",
            Part::When => "when",
            Part::Material => "the material",
            Part::FormRule => "a form rule",
            Part::FormatRule => "a format rule",
            Part::Obtain => "where to obtain it",
            Part::Alternative => "an alternative",
            Part::Title => "the title",
            Part::Detail => "the detail",
            Part::Step => "the step",
            Part::Label => "the label",
            Part::Version => "a version",
            Part::VersionWhen => "a version's when",
            Part::From => "from",
            Part::VersionNote => "a version's note",
            Part::Note => "a note",
            Part::QuickSheet => "the quick sheet",
            Part::NotSameAs => "not_same_as",
        })
    }
}

/// A rule of the whole catalog that an entry breaks, as data (`view::strings::rule` words it;
/// the `Display` text is the data editors' English).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum Rule {
    #[error("\"{id}\": {part} has no {} text", match .missing { super::Lang::Zh => "Chinese (zh)", super::Lang::En => "English (en)" })]
    MissingText {
        id: String,
        part: Part,
        missing: super::Lang,
    },
    #[error("\"{id}\": {part} cites no source")]
    NoSource { id: String, part: Part },
    #[error("\"{id}\": {part} cites unknown source \"{source_id}\"")]
    UnknownSource {
        id: String,
        part: Part,
        source_id: String,
    },
    #[error(
        "\"{id}\": {part} cites snippet \"{snippet}\", which source \"{source_id}\" does not list"
    )]
    UnknownSnippet {
        id: String,
        part: Part,
        snippet: String,
        source_id: String,
    },
    #[error("\"{id}\": {part} names unknown question \"{question}\"")]
    UnknownQuestion {
        id: String,
        part: Part,
        question: String,
    },
    #[error("\"{id}\": {part} names question \"{question}\", which is not asked before it")]
    AskedLater {
        id: String,
        part: Part,
        question: String,
    },
    #[error("\"{id}\": {part} compares date question \"{question}\" with an option")]
    DateAsChoice {
        id: String,
        part: Part,
        question: String,
    },
    #[error("\"{id}\": {part} names unknown option \"{option}\" of question \"{question}\" (options: {})", .options.join(", "))]
    UnknownOption {
        id: String,
        part: Part,
        question: String,
        option: String,
        options: Vec<String>,
    },
    #[error("\"{id}\": {part} \"{question}\" is not a date question")]
    NotADate {
        id: String,
        part: Part,
        question: String,
    },
    #[error("\"{id}\": replaces unknown entry \"{target}\"")]
    ReplacesUnknown { id: String, target: String },
    #[error("\"{id}\": {part} cites only sources about one place ({}) but has no scope", .places.join(", "))]
    NoScope {
        id: String,
        part: Part,
        places: Vec<String>,
    },
    #[error("hand-off code table version {version}: a version is 1, 2 or 3")]
    CodeVersionOutOfRange { version: u32 },
    #[error("hand-off code table version {version} does not extend version {previous}: {what}")]
    CodeTableChanged {
        version: u32,
        previous: u32,
        what: String,
    },
    #[error("the hand-off code (table version {version}) cannot carry {}", match .option { Some(o) => format!("answer {question}={o}"), None => format!("question \"{question}\"") })]
    NotInCode {
        version: u32,
        question: String,
        option: Option<String>,
    },
    #[error("\"{id}\": replaces itself")]
    ReplacesItself { id: String },
    #[error(
        "\"{id}\" and \"{other}\" ({other_place}) replace each other: where both apply, neither is shown"
    )]
    ReplaceEachOther {
        id: String,
        other: String,
        other_place: String,
    },
    #[error("\"{id}\": replaces \"{target}\" ({target_place}), which stands in for \"{}\": where both apply, \"{}\" is not shown and nothing stands in for it (replace it too, or not \"{target}\")", .lost.join("\", \""), .lost.join("\", \""))]
    ReplaceLosesThird {
        id: String,
        target: String,
        target_place: String,
        lost: Vec<String>,
    },
    #[error("source \"{id}\" has no title")]
    SourceWithoutTitle { id: String },
    #[error("choice question \"{id}\" has no options")]
    ChoiceWithoutOptions { id: String },
    #[error("date question \"{id}\" has options")]
    DateWithOptions { id: String },
    #[error("question \"{id}\" repeats option \"{option}\"")]
    RepeatedOption { id: String, option: String },
    #[error("region \"{id}\" is not an option of an insured_region question")]
    RegionNotOffered { id: String },
    #[error("\"{id}\": names unknown channel \"{channel}\"")]
    UnknownChannel { id: String, channel: String },
    #[error("deadline \"{id}\" has no versions")]
    DeadlineWithoutVersions { id: String },
    #[error("deadline \"{id}\": span_max with a span that has no length")]
    SpanMaxWithoutLength { id: String },
    #[error("deadline \"{id}\": span_max {max} is below the span {min}")]
    SpanMaxBelowSpan { id: String, max: u32, min: u32 },
    #[error(
        "deadline \"{id}\": `minimum` needs a limit (claim deadline or validity) with a length"
    )]
    MinimumWithoutLimit { id: String },
    #[error("notice \"{id}\" has no text")]
    NoticeWithoutText { id: String },
    #[error("quick sheet \"{id}\" has no answers")]
    QuickSheetWithoutAnswers { id: String },
    #[error("quick sheet \"{id}\": unknown question \"{question}\"")]
    QuickSheetUnknownQuestion { id: String, question: String },
    #[error("quick sheet \"{id}\": \"{question}\" has no option \"{option}\"")]
    QuickSheetUnknownOption {
        id: String,
        question: String,
        option: String,
    },
    #[error("option \"{option}\" extends unknown question \"{question}\"")]
    ExtendsUnknownQuestion { option: String, question: String },
    #[error("question \"{id}\" can never be asked: no answers make its ask_when hold")]
    NeverAsked { id: String },
    #[error("these answers give an empty checklist (no material or no step): {}", .answers.join(" "))]
    EmptyChecklist { answers: Vec<String> },
}

impl From<Rule> for DataProblem {
    fn from(rule: Rule) -> Self {
        DataProblem::Rule { rule }
    }
}

fn limit_en(limit: Limit, max: u64) -> String {
    match limit {
        Limit::Depth => format!("folders nested deeper than {max} levels are not read"),
        Limit::Files => format!("more than {max} .ron files: the folder is not read"),
        Limit::Entries => format!("more than {max} entries in the folder tree: it is not read"),
        Limit::FileSize => format!("the file is larger than {max} bytes and is not read"),
    }
}

fn suggestion_en(s: &Option<String>) -> String {
    s.as_ref()
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

/// Levenshtein distance, for "did you mean" suggestions.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest of `candidates` to `found`, if it is close enough to be a typo.
pub(crate) fn suggest<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let limit = (found.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(found, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_by_edit_distance() {
        assert_eq!(edit_distance("materails", "materials"), 2);
        assert_eq!(
            suggest("materails", ["sources", "materials", "steps"]).as_deref(),
            Some("materials")
        );
        assert_eq!(suggest("wehn", ["when", "why"]).as_deref(), Some("when"));
        assert_eq!(suggest("zzzzzzzz", ["when", "why"]), None);
    }
}
