//! The integration tests, one binary: each file of this folder is a module named as the file was
//! when it was a test binary of its own (`cargo test --test it gui_layout::` runs one of them).
//! One binary links eframe once instead of thirty times. Tests that need a process of their own
//! stay outside (`tests/allocations.rs`: a counting global allocator).

mod common;

mod a11y;
mod architecture;
mod attachments;
mod bounded_read;
// Peak memory is read from /proc.
#[cfg(target_os = "linux")]
mod bundle_fuzz;
mod calendar;
mod case_list;
mod cases;
mod cli;
mod content;
mod datapack;
mod dates;
mod fonts;
mod fuzz;
mod gui;
mod gui_data;
mod gui_handoff;
mod gui_layout;
mod gui_photos;
mod gui_view;
mod handoff;
mod hostile_cli;
mod hostile_data;
mod journeys;
mod kill;
mod messages;
mod outputs;
mod overrides;
mod packaging;
mod pdf;
mod photo;
mod photo_real;
mod plain;
mod print;
mod properties;
mod quick_sheets;
mod recheck;
mod regression;
mod scope;
mod store;
mod submission;
mod validation;
mod version;
