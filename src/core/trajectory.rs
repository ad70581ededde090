//! The planned path: where a KPI should be at any quarter, from its baseline
//! through interim milestones to its target.

use crate::core::period::Period;
use crate::core::plan::Shape;

/// Known points of the plan, in time order, and how to run between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    points: Vec<(Period, f64)>,
    shape: Shape,
}

impl Trajectory {
    /// From the baseline through `milestones` (any order) to the target.
    /// Milestones outside (baseline, target) are ignored: `crate::core::rules`
    /// reports them as plan errors.
    pub fn new(
        baseline: (Period, f64),
        milestones: &[(Period, f64)],
        target: (Period, f64),
        shape: Shape,
    ) -> Trajectory {
        let mut points = vec![baseline];
        let mut inner: Vec<_> = milestones
            .iter()
            .copied()
            .filter(|(p, _)| *p > baseline.0 && *p < target.0)
            .collect();
        inner.sort_by_key(|(p, _)| *p);
        points.extend(inner);
        points.push(target);
        Trajectory { points, shape }
    }

    /// A KPI's planned path: from `baseline` through its interim milestones
    /// to `target`, in the KPI's shape.
    pub fn for_kpi(
        kpi: &crate::core::plan::Kpi,
        baseline: (Period, f64),
        target: (Period, f64),
    ) -> Trajectory {
        let milestones: Vec<(Period, f64)> =
            kpi.milestones.iter().map(|m| (m.period, m.value)).collect();
        Trajectory::new(baseline, &milestones, target, kpi.trajectory)
    }

    /// The planned value quarter by quarter, from the baseline to the target
    /// (quarters without a value left out).
    pub fn quarterly(&self) -> Vec<(Period, f64)> {
        let (Some(first), Some(last)) = (self.points.first(), self.points.last()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut p = first.0;
        while p <= last.0 {
            if let Some(v) = self.expected(p) {
                out.push((p, v));
            }
            p = p.next();
        }
        out
    }

    /// The planned value at `period`: `None` before the baseline, or where a
    /// compound segment meets a value that is not positive; the target value
    /// from the target period on.
    pub fn expected(&self, period: Period) -> Option<f64> {
        let first = self.points.first()?;
        let last = self.points.last()?;
        if period < first.0 {
            return None;
        }
        if period >= last.0 {
            return Some(last.1);
        }
        let segment = self.points.windows(2).find(|w| period < w[1].0)?;
        let ((a, xa), (b, xb)) = (segment[0], segment[1]);
        let share = a.years_until(period) / a.years_until(b);
        match self.shape {
            Shape::Linear => Some(xa + (xb - xa) * share),
            Shape::Compound if xa > 0.0 && xb > 0.0 => Some(xa * (xb / xa).powf(share)),
            Shape::Compound => None,
        }
    }

    /// The known points: baseline, milestones in time order, target.
    pub fn points(&self) -> &[(Period, f64)] {
        &self.points
    }
}

impl Trajectory {
    /// Years after the baseline at which the trajectory first reaches `value`;
    /// beyond its ends the first or last segment is extended at its own rate.
    /// `None` when no segment moves towards `value`.
    pub fn years_to_reach(&self, value: f64) -> Option<f64> {
        let t0 = self.points.first()?.0;
        let at = |p: Period| t0.years_until(p);
        let solve = |(a, xa): (Period, f64), (b, xb): (Period, f64)| -> Option<f64> {
            let share = match self.shape {
                _ if xa == xb => return (value == xa).then(|| at(a)),
                Shape::Compound if xa > 0.0 && xb > 0.0 && value > 0.0 => {
                    (value / xa).ln() / (xb / xa).ln()
                }
                Shape::Compound => return None,
                Shape::Linear => (value - xa) / (xb - xa),
            };
            Some(at(a) + share * (at(b) - at(a)))
        };
        for w in self.points.windows(2) {
            let (lo, hi) = (w[0].1.min(w[1].1), w[0].1.max(w[1].1));
            if (lo..=hi).contains(&value) {
                return solve(w[0], w[1]);
            }
        }
        // Outside every segment: before the start when the first segment
        // moves away from `value`, else after the end.
        let first = self.points.windows(2).next()?;
        let rising = first[1].1 >= first[0].1;
        let before_start = (value < first[0].1) == rising;
        if before_start {
            solve(first[0], first[1])
        } else {
            let last = self.points.windows(2).last()?;
            solve(last[0], last[1])
        }
    }
}
