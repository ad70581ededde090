//! Growth-rate arithmetic shared by the assessment methods.

/// Compound annual growth rate from `from` to `to` over `years`:
/// `(to / from)^(1 / years) - 1`. `None` when it does not exist: a start that
/// is not positive, an end below zero, or no time between them.
pub fn cagr(from: f64, to: f64, years: f64) -> Option<f64> {
    if from <= 0.0 || to < 0.0 || years <= 0.0 {
        return None;
    }
    finite((to / from).powf(1.0 / years) - 1.0)
}

/// `Some(x)` for a finite number; NaN and infinities never reach output.
pub fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}
