//! Text, pictures and office files out: `render` writes tables, JSON, CSV,
//! Markdown and the report; `chart` draws PNG and SVG; `office` writes the
//! report as an Excel workbook and a Word document; `status_table` is the
//! status table as data, which every format reads. All take their words
//! from `words` and colours from `palette`, and compute no figure of their
//! own.

pub mod chart;
pub mod completion;
pub mod format;
pub mod palette;
pub mod render;
pub mod report;
pub mod status_table;
pub mod words;
