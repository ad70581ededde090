//! The address book: where each plan's store lives under the data folder.
//! Every command that reads or writes a store asks here, so the layout
//! `<data>/<plan-id>/actuals.csv` and `revisions.csv` is spelled once.

use std::path::{Path, PathBuf};

/// A plan's store: its folder, the actuals and the revision log.
#[derive(Debug, Clone)]
pub struct StoreFiles {
    pub dir: PathBuf,
    pub actuals: PathBuf,
    pub revisions: PathBuf,
}

impl StoreFiles {
    /// The store of plan `plan_id` under the data folder `data_dir`.
    pub fn new(data_dir: &Path, plan_id: &str) -> StoreFiles {
        let dir = data_dir.join(plan_id);
        StoreFiles {
            actuals: dir.join("actuals.csv"),
            revisions: dir.join("revisions.csv"),
            dir,
        }
    }
}
