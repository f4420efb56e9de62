//! 医保报销材料清单助手 (yibao-checklist): from a few answers about a medical-insurance claim or
//! filing, derive the materials, steps, deadlines and warnings, from data in `checklists/`.
//!
//! Layers, arrows pointing down only: `catalog`, `dates` (and the case store `cases`) →
//! `engine` (pure) → `view` (what a person reads, in what order, in which words) → `pdf` →
//! `sheets` (one way to a printed sheet) → `gui`, `cli` (renderers that decide nothing about
//! content).

pub mod assets;
pub mod calendar;
pub mod cases;
pub mod catalog;
pub mod cli;
pub mod datapack;
pub mod dates;
pub mod engine;
pub mod fsread;
pub mod gui;
pub mod handoff;
pub(crate) mod outpath;
pub mod paths;
pub mod pdf;
pub mod photo;
pub mod print;
pub mod recheck;
pub(crate) mod sanitize;
pub mod sheets;
pub mod version;
pub mod view;
