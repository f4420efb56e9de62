//! Every string the app, the printed sheets and the command line show, in Chinese and English.
//!
//! Plain strings are declared with the `strings!` macro (`labels`): each entry must give both
//! languages, so a missing translation does not compile. Strings with values in them are
//! functions that `match` on the language, so a missing arm does not compile either. They live
//! by what they are about: wording helpers (`phrases`), error texts (`store_errors`, `errors`,
//! `photos`, and the data, parse and rule files), the app's messages (`messages`). How numbers
//! and dates read is `view::wording`'s, which these files use and which uses none of them.

mod args;
mod case_state;
mod data;
mod errors;
mod labels;
mod messages;
mod parse;
mod photos;
mod phrases;
mod rules;
mod store_errors;
mod validate;
pub use args::{ArgProblem, arg_error};
pub use case_state::*;
pub use data::*;
pub use errors::*;
pub use labels::*;
pub use messages::*;
pub use parse::parse_problem;
pub use photos::*;
pub use phrases::*;
pub use rules::rule;
pub use store_errors::*;
pub use validate::{
    CatalogCounts, validate_bundled, validate_errors, validate_ok, validate_warning,
};
// The number and date writers, where the call sites have always found them.
pub use super::wording::days;
