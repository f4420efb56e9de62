//! 医保报销材料清单助手 (yibao-checklist): from a few answers about a medical-insurance claim or
//! filing, derive the materials, steps, deadlines and warnings, from data in `checklists/`.
//!
//! `catalog`, `engine` and `dates` are pure and know nothing of egui; `gui`, `cli` and `pdf`
//! build on them, never the other way round.

pub mod assets;
pub mod cases;
pub mod catalog;
pub mod cli;
pub mod cli_export;
pub mod cli_photo;
pub mod dates;
pub mod engine;
pub mod gui;
pub mod paths;
pub mod pdf;
pub mod photo;
pub mod wording;
