//! Status categories and the thresholds that turn a ratio into one.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a KPI stands. Numeric KPIs take the first seven; qualitative
/// milestones take `achieved`, `pending` or `overdue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Achieved,
    OnTrack,
    NeedsAcceleration,
    LimitedProgress,
    Deterioration,
    InsufficientData,
    NoData,
    Pending,
    Overdue,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Achieved,
        Status::OnTrack,
        Status::NeedsAcceleration,
        Status::LimitedProgress,
        Status::Deterioration,
        Status::InsufficientData,
        Status::NoData,
        Status::Pending,
        Status::Overdue,
    ];

    /// The name used in JSON, CSV and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::NeedsAcceleration => "needs_acceleration",
            Status::LimitedProgress => "limited_progress",
            Status::Deterioration => "deterioration",
            Status::InsufficientData => "insufficient_data",
            Status::NoData => "no_data",
            Status::Pending => "pending",
            Status::Overdue => "overdue",
        }
    }

    /// Words for people, as in the table.
    pub fn label(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on track",
            Status::NeedsAcceleration => "needs acceleration",
            Status::LimitedProgress => "limited progress",
            Status::Deterioration => "deterioration",
            Status::InsufficientData => "insufficient data",
            Status::NoData => "no data",
            Status::Pending => "pending",
            Status::Overdue => "overdue",
        }
    }

    /// How bad the status is for `check`: 0 best to 4 worst, `None` when the
    /// data cannot tell. A pending milestone is as good as on track, an
    /// overdue one as bad as deterioration.
    pub fn severity(self) -> Option<u8> {
        match self {
            Status::Achieved => Some(0),
            Status::OnTrack | Status::Pending => Some(1),
            Status::NeedsAcceleration => Some(2),
            Status::LimitedProgress => Some(3),
            Status::Deterioration | Status::Overdue => Some(4),
            Status::InsufficientData | Status::NoData => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Status, String> {
        Status::ALL
            .into_iter()
            .find(|st| st.id() == s || st.label() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Status::ALL.iter().map(|s| s.id()).collect();
                format!("`{s}` is not a status; one of: {}", names.join(", "))
            })
    }
}

/// The cut-offs between categories of a ratio (growth ratio, linear pace).
///
/// Defaults are Eurostat's and open-sdg's: 0.95 / 0.60 / 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// At or above: on track.
    pub high: f64,
    /// At or above (and below `high`): needs acceleration.
    pub medium: f64,
    /// At or above (and below `medium`): limited progress; below: deterioration.
    pub low: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            high: 0.95,
            medium: 0.60,
            low: 0.0,
        }
    }
}

/// Decimal places a ratio is rounded to before it meets a threshold, so that
/// floating-point noise (0.9499999999999 for a hand-computed 0.95) can never
/// flip a category that a person checking by hand would not flip.
const CLASSIFY_DECIMALS: i32 = 9;

impl Thresholds {
    /// The category of a ratio.
    pub fn classify(&self, ratio: f64) -> Status {
        let scale = 10f64.powi(CLASSIFY_DECIMALS);
        let r = (ratio * scale).round() / scale;
        if r >= self.high {
            Status::OnTrack
        } else if r >= self.medium {
            Status::NeedsAcceleration
        } else if r >= self.low {
            Status::LimitedProgress
        } else {
            Status::Deterioration
        }
    }
}
