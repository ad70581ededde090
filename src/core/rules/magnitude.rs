//! The magnitude guard: a figure about 10², 10³, 10⁴ or 10⁸ times its
//! neighbour in the same series is more likely a unit slip (万元 under a 亿元
//! header, 0.039 typed for 3.9 %) than real growth.

/// How far apart two figures may be before the guard stops them: 10^1.5,
/// about 31.6 times, halfway (on a log scale) between 10 and 100. Real
/// quarterly figures of one series rarely differ by more; every slip a unit
/// makes (10² and up) does.
pub const GUARD_LOG10: f64 = 1.5;

/// A ratio just inside 10^GUARD_LOG10 (31.62...): one below it, and above
/// its inverse, is no jump.
const PLAINLY_NEAR: f64 = 31.6;

/// The power of ten `figure` is of `neighbour` (positive: larger), when the
/// two are at least 10^1.5 apart; `None` when they are closer, or have no
/// ratio (a zero, or opposite signs).
pub fn jump(figure: f64, neighbour: f64) -> Option<i32> {
    log_ratio(figure, neighbour).map(|r| r.round() as i32)
}

/// log10 of `figure / neighbour` when the two are at least 10^1.5 apart.
pub fn log_ratio(figure: f64, neighbour: f64) -> Option<f64> {
    if figure == 0.0 || neighbour == 0.0 || (figure < 0.0) != (neighbour < 0.0) {
        return None;
    }
    let q = figure / neighbour;
    // Nearly every pair of neighbours is plainly near: no logarithm is
    // taken for those (two million of them in a long file's feed).
    if q > 1.0 / PLAINLY_NEAR && q < PLAINLY_NEAR {
        return None;
    }
    let r = q.log10();
    (r.is_finite() && r.abs() >= GUARD_LOG10).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plainly_near_is_inside_the_threshold() {
        assert!(PLAINLY_NEAR.log10() < GUARD_LOG10);
        assert!((1.0 / PLAINLY_NEAR).log10() > -GUARD_LOG10);
        // Just past it, the logarithm is taken and the jump found.
        assert_eq!(jump(31.61, 1.0), None);
        assert_eq!(jump(1.0, 31.61), None);
    }

    #[test]
    fn both_sides_of_the_threshold() {
        // 10^1.5 = 31.6227766...
        assert_eq!(jump(31.62, 1.0), None);
        assert_eq!(jump(31.63, 1.0), Some(2));
        assert_eq!(jump(1.0, 31.62), None);
        assert_eq!(jump(1.0, 31.63), Some(-2));
        // 万元 under a 亿元 header; a fraction typed for a percent.
        assert_eq!(jump(5_326_000.0, 250.1), Some(4));
        assert_eq!(jump(0.039, 3.9), Some(-2));
        assert_eq!(jump(2.5e10, 250.0), Some(8));
        assert_eq!(jump(0.0, 3.0), None);
        assert_eq!(jump(-5.0, 300.0), None);
        assert_eq!(jump(-500.0, -3.0), Some(2));
    }
}
