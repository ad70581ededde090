//! plantrack: track a development plan's numeric targets against quarterly actuals.
//!
//! The core is pure, with no I/O: [`period`] (quarters), [`plan`] (the plan as
//! data), [`observation`] (published figures), [`series`] (figures made
//! comparable), [`trajectory`] (the planned path), [`growth`] and [`assess`]
//! (figures and status per KPI) and [`status`] (categories and thresholds).
//! [`rules`] checks a plan beyond its shape. At the edges: [`load`] reads files,
//! [`render`] writes text, [`problem`] describes bad input for people, and
//! [`cmd`] holds one module per subcommand of the `plantrack` binary.
//! [`synthetic`] makes portfolios of invented figures for speed tests.

// Problems are returned on cold paths (bad input) and collected into lists;
// their size does not matter there, and boxing would only add noise.
#![allow(clippy::result_large_err)]

pub mod assess;
pub mod chart;
pub mod cli;
pub mod cmd;
pub mod explain;
pub mod growth;
pub mod ingest;
pub mod load;
pub mod methods;
pub mod observation;
pub mod parallel;
pub mod period;
pub mod plan;
pub mod problem;
pub mod render;
pub mod rules;
pub mod series;
pub mod status;
pub mod store;
pub mod synthetic;
pub mod trajectory;
