//! Parsing and merging catalog files: the bundled data first, then the user's overrides.

use super::model::*;
use super::problem::{self, DataProblem, Limit};
use super::{Catalog, CatalogError, Origin, Section};
use crate::dates::Calendar;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// The files compiled into the binary: `(path relative to the repo, contents)`.
pub use bundled::BUNDLED;

/// The user's override folder: `<data dir>/checklists/` (on Linux `~/.local/share/yibao-checklist/checklists/`).
pub fn user_checklists_dir() -> Option<PathBuf> {
    crate::paths::data_dir().map(|d| d.join("checklists"))
}

fn ron_options() -> ron::Options {
    // Lets data say `help: (zh: …, en: …)` rather than `help: Some((…))`.
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Where each `id: "<id>"` stands in one file, found in a single pass (loading locates every
/// entry, so searching the text per entry would cost more than parsing it).
pub(crate) struct IdIndex {
    /// Byte offsets of the quoted id, per id, in file order.
    ids: HashMap<String, Vec<usize>>,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
}

impl IdIndex {
    pub(crate) fn new(src: &str) -> Self {
        let bytes = src.as_bytes();
        let mut ids: HashMap<String, Vec<usize>> = HashMap::new();
        let mut from = 0;
        while let Some(rel) = src[from..].find("id") {
            let at = from + rel;
            from = at + 2;
            // A whole identifier `id`, not the end of `valid` or the start of `ids`.
            let before_ok =
                at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
            if !before_ok {
                continue;
            }
            let rest = src[at + 2..].trim_start();
            let Some(rest) = rest.strip_prefix(':') else {
                continue;
            };
            let rest = rest.trim_start();
            let Some(value) = rest.strip_prefix('"') else {
                continue;
            };
            let Some(close) = value.find('"') else {
                continue;
            };
            let quote_at = src.len() - rest.len();
            ids.entry(value[..close].to_string())
                .or_default()
                .push(quote_at);
        }
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        IdIndex { ids, line_starts }
    }

    /// Byte offset of the `nth` (0-based) `id: "<id>"`, or of the first one.
    fn find(&self, id: &str, nth: usize) -> Option<usize> {
        let all = self.ids.get(id)?;
        all.get(nth).or_else(|| all.first()).copied()
    }

    /// Line and column (1-based, columns in characters) of a byte offset.
    fn position(&self, src: &str, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = src[start..offset.min(src.len())].chars().count() + 1;
        (line, col)
    }
}

/// One parsed file, with the text kept to locate ids in it.
pub(crate) struct ParsedFile {
    pub name: String,
    pub src: String,
    pub data: CatalogFile,
    pub index: IdIndex,
}

pub(crate) fn parse_file(name: &str, src: &str) -> Result<ParsedFile, CatalogError> {
    // Editors on Windows save a byte-order mark; case files accept one too. Replaced by a space
    // (not removed) so columns in messages still match what an editor shows.
    let src = match src.strip_prefix('\u{feff}') {
        Some(rest) => format!(" {rest}"),
        None => src.to_string(),
    };
    // Someone else's file (a link to `/proc/self/environ`, a photo renamed `.ron`): say so
    // without quoting it; the parser's messages quote what they found.
    if !starts_like_data(&src) {
        return Err(CatalogError::from_problem(
            Origin {
                file: name.to_string(),
                line: 1,
                col: 1,
            },
            None,
            DataProblem::NotADataFile,
        ));
    }
    match ron_options().from_str::<CatalogFile>(&src) {
        Ok(data) => Ok(ParsedFile {
            name: name.to_string(),
            index: IdIndex::new(&src),
            src,
            data,
        }),
        Err(e) => Err(CatalogError::from_problem(
            Origin {
                file: name.to_string(),
                line: e.span.start.line,
                col: e.span.start.col,
            },
            None,
            problem::from_ron(&e.code),
        )),
    }
}

/// Whether the text, after blanks and comments, opens with `(` (or a `#![enable(…)]`
/// attribute), as every catalog file does.
fn starts_like_data(src: &str) -> bool {
    let mut rest = src;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            // An unclosed comment is the parser's to explain ("a comment is not closed").
            match r.split_once("*/") {
                Some((_, after)) => rest = after,
                None => return true,
            }
        } else {
            return rest.starts_with('(') || rest.starts_with("#!");
        }
    }
}

/// Collects the merged data and where each id was defined.
#[derive(Default)]
pub(crate) struct Builder {
    pub file: CatalogFile,
    pub origins: HashMap<(Section, String), Origin>,
    pub errors: Vec<CatalogError>,
    pub override_files: Vec<String>,
    /// Occurrences seen so far per file and id, to locate duplicates.
    seen: HashMap<(String, String), usize>,
    /// Entries whose current definition comes from an override file.
    from_override: std::collections::HashSet<(Section, String)>,
}

impl Builder {
    fn locate(&mut self, pf: &ParsedFile, id: &str) -> Origin {
        let key = (pf.name.clone(), id.to_string());
        let nth = *self.seen.get(&key).unwrap_or(&0);
        self.seen.insert(key, nth + 1);
        let (line, col) = pf
            .index
            .find(id, nth)
            .map_or((1, 1), |off| pf.index.position(&pf.src, off));
        Origin {
            file: pf.name.clone(),
            line,
            col,
        }
    }

    /// Merges one file. Within the bundled set, and within the overrides set, an id may appear
    /// once (an error names both places); an override entry whose `replaces` lists its own id
    /// knowingly replaces an earlier override. An override with the id of a bundled entry
    /// replaces that entry (the documented way to change bundled data).
    pub(crate) fn merge(&mut self, mut pf: ParsedFile, is_override: bool) {
        if is_override {
            self.override_files.push(pf.name.clone());
        }
        let data = std::mem::take(&mut pf.data);
        if let Some(v) = data.data_version {
            self.file.data_version = Some(v);
        }
        if let Some(d) = data.disclaimer {
            self.file.disclaimer = Some(d);
        }
        self.check_holidays(&pf, &data.holidays);
        macro_rules! merge_section {
            ($field:ident, $section:expr, $id:expr, $self_replace:expr) => {
                for mut item in data.$field {
                    let id: String = $id(&item);
                    let origin = self.locate(&pf, &id);
                    let key = ($section, id.clone());
                    let says_replaces = $self_replace.is_some_and(|f| f(&mut item, &id, false));
                    let existing = self.file.$field.iter().position(|x| $id(x) == id);
                    let earlier_is_override = self.from_override.contains(&key);
                    match existing {
                        Some(i) if is_override && (!earlier_is_override || says_replaces) => {
                            // The own id leaves `replaces`: here it means "replace the earlier
                            // one", not "hide me" (the engine reads `replaces` as entries to
                            // hide). Elsewhere validation reports it as replacing itself.
                            if let Some(f) = $self_replace {
                                f(&mut item, &id, true);
                            }
                            self.file.$field[i] = item;
                            self.origins.insert(key.clone(), origin);
                            self.from_override.insert(key);
                        }
                        Some(_) => {
                            let first = self
                                .origins
                                .get(&key)
                                .map(ToString::to_string)
                                .unwrap_or_else(|| "?".into());
                            self.errors.push(CatalogError::from_problem(
                                origin,
                                Some(id.clone()),
                                DataProblem::DuplicateId {
                                    id: id.clone(),
                                    first,
                                    replaceable: is_override && $self_replace.is_some(),
                                },
                            ));
                        }
                        None => {
                            self.file.$field.push(item);
                            self.origins.insert(key.clone(), origin);
                            if is_override {
                                self.from_override.insert(key);
                            }
                        }
                    }
                }
            };
        }
        /// Whether `replaces` names `id`; with `remove`, takes it out.
        fn strip(replaces: &mut Vec<String>, id: &str, remove: bool) -> bool {
            let found = replaces.iter().any(|r| r == id);
            if remove {
                replaces.retain(|r| r != id);
            }
            found
        }
        merge_section!(
            sources,
            Section::Source,
            |x: &Source| x.id.clone(),
            None::<fn(&mut Source, &str, bool) -> bool>
        );
        merge_section!(
            questions,
            Section::Question,
            |x: &Question| x.id.clone(),
            None::<fn(&mut Question, &str, bool) -> bool>
        );
        merge_section!(
            regions,
            Section::Region,
            |x: &Region| x.id.clone(),
            None::<fn(&mut Region, &str, bool) -> bool>
        );
        merge_section!(
            channels,
            Section::Channel,
            |x: &Channel| x.id.clone(),
            None::<fn(&mut Channel, &str, bool) -> bool>
        );
        merge_section!(
            materials,
            Section::Material,
            |x: &Material| x.id.clone(),
            Some(|x: &mut Material, id: &str, remove: bool| strip(&mut x.replaces, id, remove))
        );
        merge_section!(
            steps,
            Section::Step,
            |x: &Step| x.id.clone(),
            Some(|x: &mut Step, id: &str, remove: bool| strip(&mut x.replaces, id, remove))
        );
        merge_section!(
            deadlines,
            Section::Deadline,
            |x: &Deadline| x.id.clone(),
            Some(|x: &mut Deadline, id: &str, remove: bool| strip(&mut x.replaces, id, remove))
        );
        merge_section!(
            notices,
            Section::Notice,
            |x: &Notice| x.id.clone(),
            Some(|x: &mut Notice, id: &str, remove: bool| strip(&mut x.replaces, id, remove))
        );
        merge_section!(
            quick_sheets,
            Section::QuickSheet,
            |x: &QuickSheet| x.id.clone(),
            None::<fn(&mut QuickSheet, &str, bool) -> bool>
        );
        merge_section!(
            holidays,
            Section::Holiday,
            |x: &HolidayYear| x.year.to_string(),
            None::<fn(&mut HolidayYear, &str, bool) -> bool>
        );
        // Code tables are appended, never replaced, by an override too: printed codes depend on
        // every version as it was.
        for table in data.handoff {
            let id = table.version.to_string();
            let origin = self.locate(&pf, "version");
            let key = (Section::Handoff, id.clone());
            if let Some(first) = self.origins.get(&key) {
                let first = first.to_string();
                self.errors.push(CatalogError::from_problem(
                    origin,
                    Some(id.clone()),
                    DataProblem::DuplicateId {
                        id,
                        first,
                        replaceable: false,
                    },
                ));
            } else {
                self.origins.insert(key, origin);
                self.file.handoff.push(table);
            }
        }
        // Option extensions are applied after all questions are known (see `finish`).
        for ext in data.options {
            let origin = self.locate(&pf, &ext.option.id);
            self.origins.insert(
                (
                    Section::Question,
                    format!("{}/{}", ext.question, ext.option.id),
                ),
                origin,
            );
            self.file.options.push(ext);
        }
    }

    /// Each holiday year: a year in range, each range inside its own year and in order, each
    /// day listed once. (`Calendar::new` is bounded on its own; this says what is wrong.)
    fn check_holidays(&mut self, pf: &ParsedFile, years: &[HolidayYear]) {
        use chrono::Datelike;
        for y in years {
            let at = pf
                .src
                .find(&format!("year: {}", y.year))
                .or_else(|| pf.src.find("holidays"))
                .unwrap_or(0);
            let (line, col) = pf.index.position(&pf.src, at);
            let origin = Origin {
                file: pf.name.clone(),
                line,
                col,
            };
            let id = Some(y.year.to_string());
            let mut push = |p: DataProblem| {
                self.errors
                    .push(CatalogError::from_problem(origin.clone(), id.clone(), p))
            };
            if !problem::HOLIDAY_YEARS.contains(&y.year) {
                push(DataProblem::HolidayYearOutOfRange { year: y.year });
                continue;
            }
            let mut seen = std::collections::HashSet::new();
            for &(start, end) in &y.days_off {
                if start.year() != y.year || end.year() != y.year {
                    push(DataProblem::HolidayRangeOutsideYear {
                        year: y.year,
                        start: start.to_string(),
                        end: end.to_string(),
                    });
                    continue;
                }
                if end < start {
                    push(DataProblem::HolidayRangeReversed {
                        start: start.to_string(),
                        end: end.to_string(),
                    });
                    continue;
                }
                // Both ends lie in one year: at most 366 days.
                for d in start.iter_days().take_while(|d| *d <= end) {
                    if !seen.insert(d) {
                        push(DataProblem::HolidayDayRepeated {
                            year: y.year,
                            day: d.to_string(),
                        });
                    }
                }
            }
            let mut seen_work = std::collections::HashSet::new();
            for &d in &y.working_weekend_days {
                if d.year() != y.year {
                    push(DataProblem::HolidayRangeOutsideYear {
                        year: y.year,
                        start: d.to_string(),
                        end: d.to_string(),
                    });
                } else if !seen_work.insert(d) || seen.contains(&d) {
                    push(DataProblem::HolidayDayRepeated {
                        year: y.year,
                        day: d.to_string(),
                    });
                }
            }
        }
    }

    pub fn finish(mut self) -> (Catalog, Vec<CatalogError>) {
        for ext in std::mem::take(&mut self.file.options) {
            let key = (
                Section::Question,
                format!("{}/{}", ext.question, ext.option.id),
            );
            let origin = self.origins.get(&key).cloned().unwrap_or(Origin {
                file: "?".into(),
                line: 1,
                col: 1,
            });
            match self
                .file
                .questions
                .iter_mut()
                .find(|q| q.id == ext.question)
            {
                Some(q) => match q.options.iter_mut().find(|o| o.id == ext.option.id) {
                    // The same option from an override replaces the bundled one.
                    Some(o) => *o = ext.option,
                    None => q.options.push(ext.option),
                },
                None => self.errors.push(CatalogError::from_problem(
                    origin,
                    Some(ext.option.id.clone()),
                    problem::Rule::ExtendsUnknownQuestion {
                        option: ext.option.id.clone(),
                        question: ext.question.clone(),
                    }
                    .into(),
                )),
            }
        }
        let f = self.file;
        let calendar = Calendar::new(&f.holidays);
        let mut catalog = Catalog {
            data_version: f.data_version.unwrap_or_else(|| "unversioned".into()),
            disclaimer: f.disclaimer.unwrap_or_default(),
            sources: f.sources,
            questions: f.questions,
            regions: f.regions,
            channels: f.channels,
            materials: f.materials,
            steps: f.steps,
            deadlines: f.deadlines,
            notices: f.notices,
            quick_sheets: f.quick_sheets,
            handoff: {
                let mut t = f.handoff;
                t.sort_by_key(|t| t.version);
                t
            },
            calendar,
            override_files: self.override_files,
            packs: Vec::new(),
            origins: self.origins,
            compiled: Default::default(),
        };
        catalog.recompile();
        (catalog, self.errors)
    }
}

/// Reads every `.ron` file below `dir`, sorted by path, as `(display name, contents)`.
///
/// Bounded: symbolic links to folders are not followed (two links to `.` would otherwise loop
/// for ever), folders deeper than [`problem::MAX_DEPTH`] are an error, and so are more than
/// [`problem::MAX_FILES`] files, [`problem::MAX_ENTRIES`] folder entries or a file over
/// [`problem::MAX_FILE_BYTES`]. The error names the limit and where it was hit.
pub fn read_override_files(dir: &Path) -> Result<Vec<(String, String)>, CatalogError> {
    struct Walk {
        files: Vec<PathBuf>,
        entries: usize,
    }
    let limit_err = |path: &Path, limit: Limit, max: usize| {
        CatalogError::from_problem(
            Origin {
                file: path.display().to_string(),
                line: 0,
                col: 0,
            },
            None,
            DataProblem::LimitReached {
                limit,
                max: max as u64,
            },
        )
    };
    let io_err = |path: &Path, e: std::io::Error| {
        CatalogError::from_problem(
            Origin {
                file: path.display().to_string(),
                line: 0,
                col: 0,
            },
            None,
            DataProblem::CannotRead { kind: e.kind() },
        )
    };
    fn walk(
        dir: &Path,
        depth: usize,
        w: &mut Walk,
        limit_err: &dyn Fn(&Path, Limit, usize) -> CatalogError,
        io_err: &dyn Fn(&Path, std::io::Error) -> CatalogError,
    ) -> Result<(), CatalogError> {
        if depth > problem::MAX_DEPTH {
            return Err(limit_err(dir, Limit::Depth, problem::MAX_DEPTH));
        }
        let mut entries = Vec::new();
        for e in std::fs::read_dir(dir).map_err(|e| io_err(dir, e))? {
            w.entries += 1;
            if w.entries > problem::MAX_ENTRIES {
                return Err(limit_err(dir, Limit::Entries, problem::MAX_ENTRIES));
            }
            let Ok(e) = e else { continue };
            // The entry's own type: a symlink is reported as a symlink, not as its target.
            let Ok(t) = e.file_type() else { continue };
            entries.push((e.path(), t));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (p, t) in entries {
            if t.is_dir() {
                walk(&p, depth + 1, w, limit_err, io_err)?;
            } else if p.extension().is_some_and(|e| e == "ron") {
                // Regular files only, directly or through a symlink: a symlink to a folder is
                // not followed, and a FIFO or device would block or never end.
                let regular = t.is_file()
                    || (t.is_symlink() && std::fs::metadata(&p).is_ok_and(|m| m.is_file()));
                if !regular {
                    continue;
                }
                w.files.push(p);
                if w.files.len() > problem::MAX_FILES {
                    return Err(limit_err(dir, Limit::Files, problem::MAX_FILES));
                }
            }
        }
        Ok(())
    }
    let mut w = Walk {
        files: Vec::new(),
        entries: 0,
    };
    walk(dir, 0, &mut w, &limit_err, &io_err)?;
    w.files
        .into_iter()
        .map(|p| {
            let bytes = read_bounded(&p).map_err(|e| io_err(&p, e))?;
            let Some(bytes) = bytes else {
                return Err(limit_err(
                    &p,
                    Limit::FileSize,
                    problem::MAX_FILE_BYTES as usize,
                ));
            };
            let text = String::from_utf8(bytes).map_err(|_| {
                CatalogError::from_problem(
                    Origin {
                        file: p.display().to_string(),
                        line: 1,
                        col: 1,
                    },
                    None,
                    DataProblem::NotUtf8,
                )
            })?;
            Ok((p.display().to_string(), text))
        })
        .collect()
}

/// The file's bytes, or `None` when it is over the size limit. Only a regular file is read,
/// without blocking (see [`crate::fsread`]): a FIFO, a device or a file of `/proc` is refused
/// before anything is parsed. At most one byte past the limit is read.
fn read_bounded(p: &Path) -> std::io::Result<Option<Vec<u8>>> {
    match crate::fsread::read_regular(p, problem::MAX_FILE_BYTES) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e)
            if crate::fsread::Refused::of(&e)
                .is_some_and(|r| matches!(r, crate::fsread::Refused::TooLarge { .. })) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

impl Catalog {
    /// The data compiled into the binary. Errors here are bugs caught by the test suite.
    pub fn bundled() -> Result<Catalog, Vec<CatalogError>> {
        Self::from_sources(
            BUNDLED.iter().map(|(n, s)| (n.to_string(), s.to_string())),
            [],
        )
    }

    /// Bundled files plus override files (in order). All errors, or the validated catalog.
    pub fn from_sources(
        base: impl IntoIterator<Item = (String, String)>,
        overrides: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Catalog, Vec<CatalogError>> {
        let mut b = Builder::default();
        let mut errors = Vec::new();
        for (name, src) in base {
            match parse_file(&name, &src) {
                Ok(pf) => b.merge(pf, false),
                Err(e) => errors.push(e),
            }
        }
        for (name, src) in overrides {
            match parse_file(&name, &src) {
                Ok(pf) => b.merge(pf, true),
                Err(e) => errors.push(e),
            }
        }
        let (catalog, merge_errors) = b.finish();
        errors.extend(merge_errors);
        errors.extend(catalog.validate());
        if errors.is_empty() {
            Ok(catalog)
        } else {
            Err(errors)
        }
    }

    /// A folder laid out like `checklists/`, on its own (for `validate DIR`).
    pub fn from_dir(dir: &Path) -> Result<Catalog, Vec<CatalogError>> {
        let files = read_override_files(dir).map_err(|e| vec![e])?;
        Self::from_sources(files, [])
    }
}
