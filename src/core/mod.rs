//! The pure domain: the plan, its periods, the published figures, the planned
//! path and the assessment. Nothing here reads a file, the environment or the
//! clock, and nothing here imports `intake`, `output` or `cmd`: every figure
//! the tool prints is computed here, and only rendered elsewhere.

pub mod assess;
pub mod bound;
pub mod explain;
pub mod forecast;
pub mod growth;
pub mod index;
pub mod methods;
pub mod observation;
pub mod period;
pub mod plan;
pub mod projection;
pub mod rating;
pub mod revision;
pub mod rules;
pub mod series;
pub mod shared;
pub mod status;
pub mod targets;
pub mod trajectory;
pub mod units;
pub mod why;
pub mod year;
