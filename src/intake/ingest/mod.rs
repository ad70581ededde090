//! Feeding actuals: reading CSV and spreadsheet files in any of their usual
//! layouts, encodings and units into records for the store.
//!
//! Everything here is pure: files are read by the `ingest` command, and the
//! store is written by `crate::intake::store`.

pub mod cell;
pub mod decode;
pub mod fence;
pub mod grid;
pub mod label;
pub mod layout;
pub mod table;
pub mod workbook;
pub use crate::core::units;
