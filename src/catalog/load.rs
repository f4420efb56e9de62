//! Parsing and merging catalog files: the bundled data first, then the user's overrides.

use super::model::*;
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
    match ron_options().from_str::<CatalogFile>(src) {
        Ok(data) => Ok(ParsedFile {
            name: name.to_string(),
            src: src.to_string(),
            data,
            index: IdIndex::new(src),
        }),
        Err(e) => Err(CatalogError {
            origin: Origin {
                file: name.to_string(),
                line: e.span.start.line,
                col: e.span.start.col,
            },
            id: None,
            message: format!("cannot read this RON file: {}", e.code),
        }),
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

    /// Merges one file. Bundled files may not repeat an id; an override replaces the entry it names.
    pub fn merge(&mut self, mut pf: ParsedFile, is_override: bool) {
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
        macro_rules! merge_section {
            ($field:ident, $section:expr, $id:expr) => {
                for item in data.$field {
                    let id: String = $id(&item);
                    let origin = self.locate(&pf, &id);
                    let key = ($section, id.clone());
                    let existing = self.file.$field.iter().position(|x| $id(x) == id);
                    match existing {
                        Some(i) if is_override => {
                            self.file.$field[i] = item;
                            self.origins.insert(key, origin);
                        }
                        Some(_) => {
                            let first = self.origins.get(&key).cloned();
                            self.errors.push(CatalogError {
                                origin,
                                id: Some(id.clone()),
                                message: format!(
                                    "duplicate id \"{id}\"{}",
                                    first
                                        .map(|o| format!(" (first defined at {o})"))
                                        .unwrap_or_default()
                                ),
                            });
                        }
                        None => {
                            self.file.$field.push(item);
                            self.origins.insert(key, origin);
                        }
                    }
                }
            };
        }
        merge_section!(sources, Section::Source, |x: &Source| x.id.clone());
        merge_section!(questions, Section::Question, |x: &Question| x.id.clone());
        merge_section!(regions, Section::Region, |x: &Region| x.id.clone());
        merge_section!(channels, Section::Channel, |x: &Channel| x.id.clone());
        merge_section!(materials, Section::Material, |x: &Material| x.id.clone());
        merge_section!(steps, Section::Step, |x: &Step| x.id.clone());
        merge_section!(deadlines, Section::Deadline, |x: &Deadline| x.id.clone());
        merge_section!(notices, Section::Notice, |x: &Notice| x.id.clone());
        merge_section!(holidays, Section::Holiday, |x: &HolidayYear| x
            .year
            .to_string());
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
                None => self.errors.push(CatalogError {
                    origin,
                    id: Some(ext.option.id.clone()),
                    message: format!(
                        "option \"{}\" extends unknown question \"{}\"",
                        ext.option.id, ext.question
                    ),
                }),
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
            calendar,
            override_files: self.override_files,
            origins: self.origins,
            compiled: Default::default(),
        };
        catalog.recompile();
        (catalog, self.errors)
    }
}

/// Reads every `.ron` file below `dir`, sorted by path, as `(display name, contents)`.
pub fn read_override_files(dir: &Path) -> Result<Vec<(String, String)>, CatalogError> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out)?;
            } else if p.extension().is_some_and(|e| e == "ron") {
                out.push(p);
            }
        }
        Ok(())
    }
    let io_err = |path: &Path, e: std::io::Error| CatalogError {
        origin: Origin {
            file: path.display().to_string(),
            line: 0,
            col: 0,
        },
        id: None,
        message: format!("cannot read: {e}"),
    };
    let mut paths = Vec::new();
    walk(dir, &mut paths).map_err(|e| io_err(dir, e))?;
    paths
        .into_iter()
        .map(|p| match std::fs::read(&p) {
            Ok(bytes) => Ok((
                p.display().to_string(),
                String::from_utf8(bytes).map_err(|_| CatalogError {
                    origin: Origin {
                        file: p.display().to_string(),
                        line: 1,
                        col: 1,
                    },
                    id: None,
                    message: "the file is not UTF-8 text".into(),
                })?,
            )),
            Err(e) => Err(io_err(&p, e)),
        })
        .collect()
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
