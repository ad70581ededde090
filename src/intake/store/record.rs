//! What a merge into the store takes: one figure read from an input, with
//! where its value cell is. Ingest makes records; the store takes them, so
//! the dependency runs one way, ingest → store.

use rust_decimal::Decimal;

use crate::core::observation::Basis;
use crate::core::period::Period;
use crate::core::shared::Shared;

/// Where a cell is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum At {
    /// Byte span in the CSV text.
    Text { start: usize, len: usize },
    /// Zero-based row and column in the sheet.
    Sheet { row: u32, col: u32 },
}

/// One value read, converted into its KPI's unit, with the cell it came from.
/// Its texts are shared with every other record that gives the same text.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub kpi: Shared,
    pub period: Period,
    pub value: Decimal,
    pub basis: Basis,
    pub scope: Shared,
    pub source: Shared,
    pub note: Shared,
    pub yoy: Option<Decimal>,
    /// The unit the figure was given in (the cell's, row's, column's or
    /// sheet's), before conversion; empty for the KPI's own. Says what a
    /// unit slip most likely was.
    pub unit: Shared,
    /// The value's cell.
    pub at: At,
}
