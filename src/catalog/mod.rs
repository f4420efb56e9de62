//! The catalog: every question, material, step, deadline, notice, region and holiday calendar,
//! merged from the bundled `checklists/` data and the user's override folder, and validated.

mod codes;
pub(crate) mod compiled;
mod load;
pub(crate) mod model;
pub mod pack;
pub mod problem;
mod scope;
mod shared;
mod validate;

pub(crate) use compiled::*;
pub use compiled::{ChannelRef, Cites, OpenTest, Qualifier, Reason, Sourced};
pub use load::{BUNDLED, read_override_files, user_checklists_dir};
pub use model::*;
pub use problem::{DataProblem, Limit, ParseProblem};
pub use shared::{Shared, SharedStr};

use crate::dates::Calendar;
use std::collections::HashMap;

/// Where an entry came from, for error messages (`file:line:col`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Origin {
    pub file: String,
    pub line: usize,
    pub col: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// A problem in the data, with its position and the offending id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("{origin}: {message}")]
pub struct CatalogError {
    pub origin: Origin,
    pub id: Option<String>,
    /// English sentence (what `Display` shows after the position).
    pub message: String,
    /// The typed problem, worded in the user's language by `view::strings::catalog_error`.
    /// Every error made here has one; `None` only in errors built by hand (shown in English).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Box<DataProblem>>,
}

impl CatalogError {
    /// An error whose message is the problem's English wording.
    pub(crate) fn from_problem(origin: Origin, id: Option<String>, problem: DataProblem) -> Self {
        CatalogError {
            origin,
            id,
            message: problem.to_string(),
            problem: Some(Box::new(problem)),
        }
    }
}

/// The merged, validated data the engine works on.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub data_version: String,
    pub disclaimer: Text,
    pub sources: Vec<Source>,
    pub questions: Vec<Question>,
    pub regions: Vec<Region>,
    pub channels: Vec<Channel>,
    pub materials: Vec<Material>,
    pub steps: Vec<Step>,
    pub deadlines: Vec<Deadline>,
    pub notices: Vec<Notice>,
    pub quick_sheets: Vec<QuickSheet>,
    /// The hand-off code's tables, oldest version first.
    pub handoff: Vec<CodeTable>,
    pub calendar: Calendar,
    /// Files merged over the bundled data (user overrides), in load order.
    pub override_files: Vec<String>,
    /// Installed data packs merged into this catalog, in merge order (empty: bundled data and
    /// the user's own overrides only). Sheets and the about text name them.
    pub packs: Vec<pack::PackLabel>,
    origins: HashMap<(Section, String), Origin>,
    /// Conditions as indices and the shared parts of a derivation (see `compiled.rs`).
    compiled: std::sync::Arc<Compiled>,
}

/// The sections of a catalog file, for looking up where an id was defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Source,
    Question,
    Region,
    Channel,
    Material,
    Step,
    Deadline,
    Notice,
    Holiday,
    QuickSheet,
    Handoff,
}

impl Catalog {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
    pub fn channel(&self, id: &str) -> Option<&Channel> {
        self.channels.iter().find(|c| c.id == id)
    }
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
    pub fn origin(&self, section: Section, id: &str) -> Option<&Origin> {
        self.origins.get(&(section, id.to_string()))
    }
    /// Label of an option of a choice question, if both exist.
    pub fn option_label(&self, question: &str, option: &str) -> Option<&Text> {
        self.question(question)?
            .options
            .iter()
            .find(|o| o.id == option)
            .map(|o| &o.label)
    }
}
