//! plantrack: track a development plan's numeric targets against quarterly actuals.
//!
//! The crate is four layers; each arrow points the only way a layer may import
//! (docs/architecture.md draws them):
//!
//! ```text
//!   cmd (the face: one file per subcommand, cli.rs, and src/main.rs)
//!    │             │
//!    ▼             ▼
//!  intake        output
//!  (load,        (words: the phrase book; status_table; render: table,
//!   ingest,       JSON, CSV, Markdown; report: md, html, xlsx, docx;
//!   store)        chart: PNG, SVG)
//!    │             │
//!    ▼             ▼
//!   core (pure: period, plan, observation, series, trajectory, growth,
//!         methods, projection, targets, assess, explain, status, rules;
//!         no I/O)
//! ```
//!
//! - [`core`]: the domain and every formula. No file, no environment, no
//!   clock, no printing.
//! - [`intake`]: reading plans and the store ([`intake::load`]), reading
//!   bureau sheets ([`intake::ingest`]), and the store's one write
//!   transaction ([`intake::store`]).
//! - [`output`]: turning an assessment into text ([`output::render`]), the
//!   report in every format ([`output::report`]) and pictures
//!   ([`output::chart`]), all reading one status table
//!   ([`output::status_table`]) and taking every phrase of both languages
//!   from the phrase book ([`output::words`]).
//! - [`lang`]: the language a run speaks, for every layer but the core's
//!   formulas.
//! - [`cmd`]: the command line ([`cmd::cli`]) and one module per subcommand;
//!   `src/main.rs` only parses, runs and maps the outcome to an exit code.
//! - [`files`]: every file the tool writes, written atomically.
//! - [`problem`]: bad input described for people (file, line, column, hint),
//!   used by every layer but the core. [`synthetic`]: invented portfolios for
//!   speed tests, labelled as such. [`text`]: CSV and JSON made in memory.

// Problems are returned on cold paths (bad input) and collected into lists;
// their size does not matter there, and boxing would only add noise.
#![allow(clippy::result_large_err)]

pub mod cmd;
pub mod core;
pub mod files;
pub mod intake;
pub mod lang;
pub mod output;
pub mod problem;
pub mod synthetic;
pub mod text;
