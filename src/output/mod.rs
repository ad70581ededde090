//! Text and pictures out: `render` writes tables, JSON, CSV, Markdown and the
//! report; `chart` draws PNG and SVG. Both take their words from the same
//! places and compute no figure of their own.

pub mod chart;
pub mod format;
pub mod office;
pub mod palette;
pub mod render;
pub mod words;
