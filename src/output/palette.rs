//! The colours of the statuses, shared by the charts, the workbook's and the
//! document's status cells: Okabe and Ito's colour-blind-safe palette.

use crate::core::status::Status;

/// A status's colour as (red, green, blue).
pub fn status_rgb(s: Status) -> (u8, u8, u8) {
    match s {
        Status::Achieved => (0x00, 0x9E, 0x73),
        Status::OnTrack => (0x00, 0x72, 0xB2),
        Status::NeedsAcceleration => (0xE6, 0x9F, 0x00),
        Status::LimitedProgress | Status::Overdue => (0xD5, 0x5E, 0x00),
        Status::Deterioration => (0xCC, 0x79, 0xA7),
        Status::Pending => (0x56, 0xB4, 0xE9),
        Status::InsufficientData | Status::NoData | Status::NoNumericTarget => (0x99, 0x99, 0x99),
    }
}

/// A status's colour lightened for a cell's background (a quarter of the
/// colour on white), so black text on it stays readable in print.
pub fn status_tint(s: Status) -> (u8, u8, u8) {
    let (r, g, b) = status_rgb(s);
    let tint = |c: u8| (u16::from(c) + 3 * 255).div_ceil(4) as u8;
    (tint(r), tint(g), tint(b))
}

/// `RRGGBB`, as office files write a colour.
pub fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("{r:02X}{g:02X}{b:02X}")
}
