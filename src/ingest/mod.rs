//! Feeding actuals: reading CSV and spreadsheet files in any of their usual
//! layouts, encodings and units into records for the store.
//!
//! Everything here is pure but `read_file`, which opens the file.

pub mod cell;
pub mod decode;
pub mod grid;
pub mod layout;
pub mod units;
