//! Files in: plans and the store are read by `load`, bureau sheets are read by
//! `ingest`, and `store` writes actuals and their revision log in one
//! transaction. The only direction is ingest → store → load.

pub mod ingest;
pub mod load;
pub mod parallel;
pub mod store;
pub mod workspace;
