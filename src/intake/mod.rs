//! Files in: plans and the store are read by `load`, bureau sheets are read by
//! `ingest`, and `store` writes actuals and their revision log in one
//! transaction. The only direction is ingest → store → load.

pub mod ingest;
pub mod load;
pub mod parallel;
pub mod store;
pub mod workspace;

/// The shipped Bishan plan, for the intake's unit tests.
#[cfg(test)]
pub(crate) fn bishan_plan() -> crate::core::plan::Plan {
    serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/targets/bishan-2022.json"
    )))
    .expect("the shipped plan parses")
}
