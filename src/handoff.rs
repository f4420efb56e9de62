//! The hand-off code (清单码): a case's answers and dates in at most 16 characters, to be read
//! over the phone or typed from a printed sheet, e.g. `K7Q4-M2XP-9HT3`.
//!
//! Format (see README, "Hand-off code"):
//! - Alphabet: the 29 characters `23456789ABCDEFGHJKMNPQRSTVWXY` (Crockford base32 without
//!   0/O, 1/I/L, U and Z, which is read as 2). Input is case-insensitive; dashes and spaces
//!   are ignored.
//! - The characters before the last are one number in base 29, most significant first. The
//!   number is a mixed-radix record, least significant first: the version (radix 4), then each
//!   choice question of that version's frozen table (0 = unanswered, k = the k-th option), then
//!   each date question: present or not, and if present either days since 2020-01-01 (range
//!   2020-01-01 to 2042-06-05), or a short step from the date before it.
//! - The last character is a check character: Σ position × value ≡ 0 (mod 29) over the whole
//!   code, positions counted from 1. As 29 is prime and every position is below 29, any one
//!   wrong character and any swap of two neighbouring different characters is caught.
//!
//! The tables (which questions, which options, in which order) are data:
//! `checklists/handoff.ron`, one frozen table per version, loaded with the catalog. Pure: no
//! file system.

use crate::catalog::CodeTable;
use crate::engine::Answers;
use chrono::NaiveDate;

/// The code's characters; a character's value is its index.
pub const ALPHABET: &[u8; 29] = b"23456789ABCDEFGHJKMNPQRSTVWXY";
const BASE: u128 = 29;
/// Characters in a code, the check character included (dashes not counted).
pub const MAX_LEN: usize = 16;
const MIN_LEN: usize = 8;
/// Radix of the version field. Version 0 is reserved for "a longer version number follows".
const VERSION_RADIX: u128 = 4;

/// Day 0 of absolute dates.
pub(crate) fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid")
}
/// Absolute dates cover `epoch()` to `epoch() + ABS_DAYS - 1` (2042-06-05).
pub(crate) const ABS_DAYS: i64 = 8192;
/// A date 0..NEAR days after the date before it (a stay, an invoice on the day of discharge).
const NEAR: i64 = 48;
/// A date NEAR..NEAR+MEDIUM days after the date before it (a claim handed in months later).
const MEDIUM: i64 = 731;

/// The table new codes are written with: the newest version.
fn latest(tables: &[CodeTable]) -> Result<&CodeTable, EncodeError> {
    tables.last().ok_or(EncodeError::NoTable)
}

/// Why a typed code cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("no code given")]
    Empty,
    #[error("\"{ch}\" (character {position}) is not used in codes")]
    BadChar { ch: char, position: usize },
    #[error("a code has 8, 12 or 16 characters; this one has {len}")]
    Length { len: usize },
    /// The check character does not match: a typo.
    #[error("the code does not check out: a character is mistyped")]
    Checksum,
    #[error("the code is from version {0}, which this app does not know; update the app")]
    UnknownVersion(u32),
    /// Passes the check but does not decode: not a code from this app.
    #[error("this is not a checklist code")]
    Malformed,
}

/// Why answers cannot be written as a code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    #[error("question \"{0}\" has no place in the code")]
    UnknownQuestion(String),
    #[error("answer {0}={1} has no place in the code")]
    UnknownOption(String, String),
    #[error("date {0}={1} is outside the range codes can carry")]
    DateOutOfRange(String, String),
    #[error("the answers do not fit in 16 characters")]
    TooLong,
    #[error("the data has no hand-off code table")]
    NoTable,
}

/// A mixed-radix number being written, least significant field first.
#[derive(Default)]
struct Writer {
    fields: Vec<(u128, u128)>,
}

impl Writer {
    fn put(&mut self, digit: u128, radix: u128) {
        debug_assert!(digit < radix);
        self.fields.push((digit, radix));
    }
    fn value(&self) -> Option<u128> {
        self.fields
            .iter()
            .rev()
            .try_fold(0u128, |v, &(d, r)| v.checked_mul(r)?.checked_add(d))
    }
}

struct Reader(u128);

impl Reader {
    fn take(&mut self, radix: u128) -> u128 {
        let d = self.0 % radix;
        self.0 /= radix;
        d
    }
}

fn day_no(d: NaiveDate) -> i64 {
    (d - epoch()).num_days()
}

/// Writes answers as a code of the latest version, grouped by four: `K7Q4-M2XP-9HT3`.
pub fn encode(tables: &[CodeTable], answers: &Answers) -> Result<String, EncodeError> {
    let t = latest(tables)?;
    for q in answers.0.keys() {
        let known = t.choices.iter().any(|(c, _)| c == q) || t.dates.contains(q);
        if !known {
            return Err(EncodeError::UnknownQuestion(q.clone()));
        }
    }
    write_code(t, |q| answers.get(q))
}

/// The code of the answers `get` gives for the table's questions.
fn write_code<'a>(
    t: &CodeTable,
    get: impl Fn(&str) -> Option<&'a str>,
) -> Result<String, EncodeError> {
    let mut w = Writer {
        fields: Vec::with_capacity(1 + t.choices.len() + 3 * t.dates.len()),
    };
    w.put(t.version as u128, VERSION_RADIX);
    for (q, options) in &t.choices {
        let digit = match get(q) {
            None => 0,
            Some(v) => {
                let i = options
                    .iter()
                    .position(|o| *o == v)
                    .ok_or_else(|| EncodeError::UnknownOption(q.to_string(), v.to_string()))?;
                i as u128 + 1
            }
        };
        w.put(digit, options.len() as u128 + 1);
    }
    let mut prev: Option<i64> = None;
    for q in &t.dates {
        let Some(v) = get(q) else {
            w.put(0, 2);
            continue;
        };
        let out_of_range = || EncodeError::DateOutOfRange(q.to_string(), v.to_string());
        let date = crate::engine::parse_date(v).map_err(|_| out_of_range())?;
        let day = day_no(date);
        if !(0..ABS_DAYS).contains(&day) {
            return Err(out_of_range());
        }
        w.put(1, 2);
        match prev.map(|p| day - p) {
            None => w.put(day as u128, ABS_DAYS as u128),
            Some(delta) if (0..NEAR).contains(&delta) => {
                w.put(0, 3);
                w.put(delta as u128, NEAR as u128);
            }
            Some(delta) if (NEAR..NEAR + MEDIUM).contains(&delta) => {
                w.put(1, 3);
                w.put((delta - NEAR) as u128, MEDIUM as u128);
            }
            Some(_) => {
                w.put(2, 3);
                w.put(day as u128, ABS_DAYS as u128);
            }
        }
        prev = Some(day);
    }
    let value = w.value().ok_or(EncodeError::TooLong)?;
    let mut digits = Vec::with_capacity(MAX_LEN);
    let mut v = value;
    while v > 0 {
        digits.push((v % BASE) as u8);
        v /= BASE;
    }
    // Pad so that the code with its check character is 8, 12 or 16 characters: groups of four.
    let total = (digits.len() + 1).max(MIN_LEN).div_ceil(4) * 4;
    if total > MAX_LEN {
        return Err(EncodeError::TooLong);
    }
    digits.resize(total - 1, 0);
    digits.reverse();
    digits.push(check_value(&digits));
    Ok(group(&digits))
}

/// The check value that makes Σ position × value ≡ 0 (mod 29) once appended.
fn check_value(data: &[u8]) -> u8 {
    let n = data.len() as u64 + 1;
    let s: u64 = data
        .iter()
        .enumerate()
        .map(|(i, &v)| (i as u64 + 1) * v as u64)
        .sum();
    // c = -s / n (mod 29); the inverse of n is n^27 by Fermat.
    let inv = (0..27).fold(1u64, |acc, _| acc * n % 29);
    ((29 - s % 29) % 29 * inv % 29) as u8
}

fn group(values: &[u8]) -> String {
    let mut out = String::with_capacity(values.len() + values.len() / 4);
    for (i, &v) in values.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(ALPHABET[v as usize] as char);
    }
    out
}

/// A typed code as values: case-insensitive, dashes and spaces ignored.
fn values_of(code: &str) -> Result<Vec<u8>, CodeError> {
    let mut out = Vec::new();
    for ch in code
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{3000}' | '—' | '－'))
    {
        let up = ch.to_ascii_uppercase();
        match ALPHABET.iter().position(|&a| a as char == up) {
            Some(i) => out.push(i as u8),
            None => {
                return Err(CodeError::BadChar {
                    ch,
                    position: out.len() + 1,
                });
            }
        }
    }
    Ok(out)
}

/// Whether the check character matches.
pub(crate) fn checks_out(values: &[u8]) -> bool {
    let s: u64 = values
        .iter()
        .enumerate()
        .map(|(i, &v)| (i as u64 + 1) * v as u64)
        .sum();
    s.is_multiple_of(29)
}

/// Reads a code back into the answers it was made from.
pub fn decode(tables: &[CodeTable], code: &str) -> Result<Answers, CodeError> {
    let values = values_of(code)?;
    if values.is_empty() {
        return Err(CodeError::Empty);
    }
    // Codes are always written in whole groups of four: a dropped or doubled character is
    // reported as such rather than as a typo.
    if !matches!(values.len(), 8 | 12 | 16) {
        return Err(CodeError::Length { len: values.len() });
    }
    if !checks_out(&values) {
        return Err(CodeError::Checksum);
    }
    let data = &values[..values.len() - 1];
    let value = data.iter().fold(0u128, |v, &d| v * BASE + d as u128);
    let mut r = Reader(value);
    let version = r.take(VERSION_RADIX) as u32;
    let t = tables
        .iter()
        .find(|t| t.version == version)
        .ok_or(CodeError::UnknownVersion(version))?;
    let mut answers = Answers::new();
    for (q, options) in &t.choices {
        let d = r.take(options.len() as u128 + 1) as usize;
        if d > 0 {
            answers.set(q, &options[d - 1]);
        }
    }
    let mut prev: Option<i64> = None;
    for q in &t.dates {
        if r.take(2) == 0 {
            continue;
        }
        let day = match prev {
            None => r.take(ABS_DAYS as u128) as i64,
            Some(p) => match r.take(3) {
                0 => p + r.take(NEAR as u128) as i64,
                1 => p + NEAR + r.take(MEDIUM as u128) as i64,
                _ => r.take(ABS_DAYS as u128) as i64,
            },
        };
        let date = epoch()
            .checked_add_signed(chrono::Duration::days(day))
            .ok_or(CodeError::Malformed)?;
        answers.set(q, date.format("%Y-%m-%d").to_string());
        prev = Some(day);
    }
    // Anything left over was not written by `encode`.
    if r.0 != 0 {
        return Err(CodeError::Malformed);
    }
    Ok(answers)
}

/// The code for a case's answers: all of them, or, when answers no longer asked do not fit,
/// the answers the checklist is made from (the same checklist either way). An error when even
/// those cannot be written (a date outside the range, an option added by the user's overrides):
/// never a code that would open as other answers.
pub(crate) fn code_for(
    catalog: &crate::catalog::Catalog,
    answers: &Answers,
) -> Result<String, EncodeError> {
    let t = &catalog.handoff;
    encode(t, answers).or_else(|_| encode(t, &crate::engine::prune_answers(catalog, answers)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Vec<CodeTable> {
        crate::catalog::Catalog::bundled()
            .expect("bundled data")
            .handoff
    }

    fn sample() -> Answers {
        Answers::from_pairs([
            ("scenario", "cross_region"),
            ("region", "shanghai"),
            ("treatment_region", "guangdong"),
            ("insurance", "employee"),
            ("visit", "inpatient"),
            ("emergency", "no"),
            ("filed", "no"),
            ("settlement", "manual"),
            ("channel", "online"),
            ("proxy", "yes"),
            ("third_party", "no"),
            ("special_drugs", "yes"),
            ("admission_date", "2026-01-02"),
            ("discharge_date", "2026-01-30"),
            ("invoice_date", "2026-01-30"),
            ("submitted_date", "2026-05-12"),
        ])
    }

    #[test]
    fn round_trip_and_shape() {
        for a in [Answers::new(), sample()] {
            let code = encode(&tables(), &a).unwrap();
            let bare: String = code.chars().filter(|c| *c != '-').collect();
            assert!(
                bare.len() <= MAX_LEN && bare.len().is_multiple_of(4),
                "{code}"
            );
            assert!(bare.bytes().all(|b| ALPHABET.contains(&b)));
            assert!(!bare.contains(['0', 'O', '1', 'I', 'L']));
            assert_eq!(decode(&tables(), &code).unwrap(), a, "{code}");
            assert_eq!(
                decode(&tables(), &code.to_lowercase().replace('-', " ")).unwrap(),
                a
            );
        }
    }

    #[test]
    fn far_dates_and_range_edges() {
        let last = epoch() + chrono::Duration::days(ABS_DAYS - 1);
        let a = Answers::from_pairs([
            ("filing_date", "2020-01-01"),
            ("admission_date", &last.to_string()),
            ("discharge_date", "2021-01-01"),
        ]);
        assert_eq!(
            decode(&tables(), &encode(&tables(), &a).unwrap()).unwrap(),
            a
        );
        let late = last + chrono::Duration::days(1);
        let b = Answers::from_pairs([("visit_date", late.to_string().as_str())]);
        assert!(matches!(
            encode(&tables(), &b),
            Err(EncodeError::DateOutOfRange(..))
        ));
        let old = Answers::from_pairs([("visit_date", "2019-12-31")]);
        assert!(matches!(
            encode(&tables(), &old),
            Err(EncodeError::DateOutOfRange(..))
        ));
    }

    /// Everything answered with a long stay and a claim handed in a year later does not fit:
    /// no code (the caller shows none) rather than a longer one.
    #[test]
    fn too_much_gives_no_code() {
        let mut a = sample();
        a.set("discharge_date", "2026-03-10");
        a.set("invoice_date", "2026-03-10");
        a.set("submitted_date", "2027-05-12");
        assert_eq!(encode(&tables(), &a), Err(EncodeError::TooLong));
    }

    #[test]
    fn unknown_answers_are_refused() {
        let a = Answers::from_pairs([("colour", "red")]);
        assert_eq!(
            encode(&tables(), &a),
            Err(EncodeError::UnknownQuestion("colour".into()))
        );
        let a = Answers::from_pairs([("region", "tibet")]);
        assert!(matches!(
            encode(&tables(), &a),
            Err(EncodeError::UnknownOption(..))
        ));
    }

    /// Every single-character substitution and every swap of two neighbours, at every position
    /// of a sample of codes, is caught.
    #[test]
    fn every_typo_and_adjacent_swap_is_caught() {
        let codes = [
            encode(&tables(), &sample()).unwrap(),
            encode(&tables(), &Answers::new()).unwrap(),
        ];
        let mut tried = 0;
        for code in &codes {
            let v = values_of(code).unwrap();
            assert!(checks_out(&v));
            for i in 0..v.len() {
                for x in 0..29u8 {
                    if x == v[i] {
                        continue;
                    }
                    let mut w = v.clone();
                    w[i] = x;
                    assert!(!checks_out(&w), "{code}: {i} -> {x}");
                    tried += 1;
                }
                if i + 1 < v.len() && v[i] != v[i + 1] {
                    let mut w = v.clone();
                    w.swap(i, i + 1);
                    assert!(!checks_out(&w), "{code}: swap {i}");
                    let typed = group(&w);
                    assert_eq!(decode(&tables(), &typed), Err(CodeError::Checksum));
                    tried += 1;
                }
            }
        }
        assert!(tried > 600, "{tried}");
    }

    #[test]
    fn typed_errors() {
        assert_eq!(decode(&tables(), " - "), Err(CodeError::Empty));
        assert_eq!(
            decode(&tables(), "K7Q4-M2XP-9HT0"),
            Err(CodeError::BadChar {
                ch: '0',
                position: 12
            })
        );
        assert_eq!(decode(&tables(), "K7Q4"), Err(CodeError::Length { len: 4 }));
        let code = encode(&tables(), &sample()).unwrap();
        let dropped: String = code.chars().skip(1).collect();
        assert!(matches!(
            decode(&tables(), &dropped),
            Err(CodeError::Length { .. })
        ));
        assert_eq!(
            decode(&tables(), &"2".repeat(17)),
            Err(CodeError::Length { len: 17 })
        );
        // An all-zero number has version 0: reserved, not known.
        assert_eq!(
            decode(&tables(), "2222-2222"),
            Err(CodeError::UnknownVersion(0))
        );
        // A number too large to be any version-1 record, with a valid check character.
        let mut big = vec![28u8; 15];
        big[14] = 25; // ≡ 1 (mod 4): version 1
        big.push(check_value(&big));
        assert_eq!(decode(&tables(), &group(&big)), Err(CodeError::Malformed));
    }

    /// The frozen tables: printed codes must keep opening. If this fails, an existing entry
    /// of `checklists/handoff.ron` changed; restore it and put the change in a new version.
    #[test]
    fn version_1_table_is_frozen() {
        let tables = tables();
        let v1 = &tables[0];
        assert_eq!(v1.version, 1);
        let mut text = String::new();
        for (q, opts) in &v1.choices {
            text.push_str(&format!("{q}:{};", opts.join(",")));
        }
        text.push_str(&v1.dates.join(","));
        let hash = text.bytes().fold(0xcbf29ce484222325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100000001b3)
        });
        assert_eq!(hash, 524666427454705194, "{text}");
    }
}
