//! The rules input must keep beyond its shape, checked without I/O: a plan's
//! (`plan`) and one published figure's (`observation`). Each broken rule says
//! what is wrong, what was expected and a hint, in one wording that every
//! reader of that input reports.

pub mod magnitude;
pub mod observation;
mod plan;
mod target;

pub use plan::{Violation, check, doubts};

/// A figure that breaks a rule, in words a person can act on; the reader that
/// found it says where.
#[derive(Debug, Clone, PartialEq)]
pub struct Breach {
    pub message: String,
    pub expected: String,
    pub hint: Option<String>,
}
