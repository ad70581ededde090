//! 评价: the word a mid-term evaluation writes in its 完成情况表, read from
//! the pace the table shows (share of the way covered against share of
//! time gone, 序时进度) and, where no pace is known, the status; the rule
//! is in docs/methods.md.

use serde::Serialize;

use crate::core::status::Status;

/// Ahead of 序时进度 by this many points or more is 快于序时进度.
pub const AHEAD_PP: f64 = 5.0;

/// The evaluation of one KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// 已完成: the target is met at or after its period.
    Achieved,
    /// 提前完成: met before its period.
    AchievedEarly,
    /// 快于序时进度: AHEAD_PP or more ahead of time.
    Ahead,
    /// 基本符合序时进度: within the pace yardstick's on-track band.
    OnSchedule,
    /// 滞后于序时进度: below it (or, with no pace known, a status below
    /// on track).
    Behind,
    /// 未完成: the target's period has passed unmet.
    NotAchieved,
    /// 推进中: a milestone not yet due.
    InProgress,
    /// 保持在目标范围内: a bound kept so far (or a relative target).
    Kept,
    /// 未保持: a bound broken.
    NotKept,
    /// 不设数值目标: a target in words; the figures are tracked.
    NoNumericTarget,
    /// 数据不足 / 无数据: nothing to judge by.
    InsufficientData,
    NoData,
}

impl Rating {
    /// The rating of a KPI with `status` and its pace gap in points (share
    /// of the way covered minus share of time gone, ×100) where known;
    /// `on_pace` is the pace yardstick's on-track cut-off (-5 unless the
    /// plan sets one) and `early` whether the target was met before its
    /// period. A met, missed or unjudged KPI is rated by its status; a KPI
    /// under way by its pace, which is what the table shows beside it (the
    /// status may be decided by another yardstick: docs/methods.md).
    pub fn of(status: Status, pace_gap_pp: Option<f64>, on_pace: f64, early: bool) -> Rating {
        // The same rounding as every threshold, so 4.9999999999 is 5.
        let pace = pace_gap_pp.map(|g| (g * 1e9).round() / 1e9);
        match (status, pace) {
            (Status::Achieved, _) if early => Rating::AchievedEarly,
            (Status::Achieved, _) => Rating::Achieved,
            (Status::Overdue, _) => Rating::NotAchieved,
            (Status::Pending, _) => Rating::InProgress,
            (Status::InsufficientData, _) => Rating::InsufficientData,
            (Status::NoData, _) => Rating::NoData,
            (Status::NoNumericTarget, _) => Rating::NoNumericTarget,
            (_, Some(g)) if g >= AHEAD_PP => Rating::Ahead,
            (_, Some(g)) if g >= on_pace => Rating::OnSchedule,
            (_, Some(_)) => Rating::Behind,
            (Status::OnTrack, None) => Rating::OnSchedule,
            (Status::NeedsAcceleration | Status::LimitedProgress | Status::Deterioration, None) => {
                Rating::Behind
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_at_its_edges() {
        let rate = |s, g| Rating::of(s, g, -5.0, false);
        let on = Status::OnTrack;
        assert_eq!(rate(on, Some(5.0)), Rating::Ahead);
        assert_eq!(rate(on, Some(4.999_999_999_9)), Rating::Ahead);
        assert_eq!(rate(on, Some(4.99)), Rating::OnSchedule);
        assert_eq!(rate(on, Some(-5.0)), Rating::OnSchedule);
        assert_eq!(rate(on, Some(-5.000_000_000_01)), Rating::OnSchedule);
        assert_eq!(rate(on, Some(-5.01)), Rating::Behind);
        assert_eq!(rate(on, None), Rating::OnSchedule);
        // The pace decides under way, whatever yardstick set the status.
        assert_eq!(rate(Status::NeedsAcceleration, Some(6.0)), Rating::Ahead);
        assert_eq!(Rating::of(on, Some(-8.0), -10.0, false), Rating::OnSchedule);
        for s in [
            Status::NeedsAcceleration,
            Status::LimitedProgress,
            Status::Deterioration,
        ] {
            assert_eq!(rate(s, None), Rating::Behind);
        }
        assert_eq!(
            Rating::of(Status::Achieved, None, -5.0, true),
            Rating::AchievedEarly
        );
        assert_eq!(rate(Status::Achieved, Some(-30.0)), Rating::Achieved);
        assert_eq!(rate(Status::Overdue, Some(9.0)), Rating::NotAchieved);
        assert_eq!(rate(Status::Pending, None), Rating::InProgress);
        assert_eq!(
            rate(Status::InsufficientData, Some(1.0)),
            Rating::InsufficientData
        );
    }
}
