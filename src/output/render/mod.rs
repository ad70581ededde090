//! Turning assessments into text: table, JSON, CSV and Markdown.
//!
//! Renderers never compute a figure; they only write what `assess` returned.
//! The table, Markdown and the report read one status table
//! (`output::status_table`), so all say the same.

pub mod completion;
pub mod csv;
pub mod json;
mod json_plan;
mod json_word;
pub mod markdown;
pub mod packed;
mod spool;
pub mod table;
