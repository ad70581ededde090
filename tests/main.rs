//! The one integration-test binary (one link step, not thirteen): each module
//! tests one part of the tool, through the library or the real binary.

mod support;

mod bad_input;
mod browser;
mod bureau;
mod charts;
mod chinese;
mod cli;
mod completion;
mod everyday;
mod explain;
mod fenced;
mod forecast;
mod hints;
mod hostile;
mod ingest;
mod intake_second;
mod json_by_hand;
mod layers;
mod methods;
mod office;
mod periods;
mod properties;
mod readme;
mod real_plans;
mod report;
mod targets;
mod tenfold;
mod yardsticks;
