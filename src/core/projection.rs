//! Where the latest figure leads if its pace holds: carried to the target
//! period at the rate seen since the baseline (the range around it is the
//! forecast's, core::forecast). Rates are
//! compound, or linear from a zero baseline (no compound rate grows from
//! zero), the same rule the growth ratio follows.

use crate::core::period::Period;

/// Whether rates from a baseline of `x0` are linear: no compound rate grows from zero.
pub fn is_linear(x0: f64) -> bool {
    x0 == 0.0
}

/// A rate a year, compound (0.05 = 5 % a year) or linear (units a year).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    pub rate: f64,
    pub linear: bool,
}

impl Pace {
    /// The value `years` after a value of `from`, at this pace.
    pub fn carry(self, from: f64, years: f64) -> f64 {
        if self.linear {
            from + self.rate * years
        } else {
            from * (1.0 + self.rate).powf(years)
        }
    }

    /// Quarter by quarter from `start` to `to`, at this pace: (period, value),
    /// where the value is finite.
    pub fn path(self, (from, value): (Period, f64), to: Period) -> Vec<(Period, f64)> {
        let mut out = Vec::new();
        let mut q = from;
        while q <= to {
            let v = self.carry(value, from.years_until(q));
            if v.is_finite() {
                out.push((q, v));
            }
            q = q.next();
        }
        out
    }
}

/// The pace from the baseline to the latest figure: linear from a zero
/// baseline, else the compound `actual_cagr` the assessment found.
pub fn since_baseline(
    base: (Period, f64),
    latest: (Period, f64),
    actual_cagr: Option<f64>,
) -> Option<Pace> {
    if is_linear(base.1) {
        let rate = (latest.1 - base.1) / base.0.years_until(latest.0);
        return rate.is_finite().then_some(Pace { rate, linear: true });
    }
    actual_cagr.map(|rate| Pace {
        rate,
        linear: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Period {
        text.parse().expect("period")
    }

    #[test]
    fn compound_and_linear_paces_carry_a_value() {
        // 100 at 10 % a year for two years is 121; 0 at 5 a year for two years is 10.
        let compound = Pace {
            rate: 0.1,
            linear: false,
        };
        assert!((compound.carry(100.0, 2.0) - 121.0).abs() < 1e-9);
        let linear = Pace {
            rate: 5.0,
            linear: true,
        };
        assert_eq!(linear.carry(0.0, 2.0), 10.0);
        // A year in quarters: 2020Q4, 2021Q1..Q4.
        let path = linear.path((q("2020Q4"), 0.0), q("2021Q4"));
        assert_eq!(path.len(), 5);
        assert_eq!(path[4], (q("2021Q4"), 5.0));
    }

    #[test]
    fn a_zero_baseline_gives_a_linear_pace() {
        let p = since_baseline((q("2020Q4"), 0.0), (q("2022Q4"), 40.0), None);
        assert_eq!(
            p,
            Some(Pace {
                rate: 20.0,
                linear: true
            })
        );
        let p = since_baseline((q("2020Q4"), 100.0), (q("2022Q4"), 121.0), Some(0.1));
        assert_eq!(
            p,
            Some(Pace {
                rate: 0.1,
                linear: false
            })
        );
    }
}
