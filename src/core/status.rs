//! Status categories and the thresholds that turn a ratio into one.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a KPI stands. Numeric KPIs take the first seven; qualitative
/// milestones take `achieved`, `pending` or `overdue`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
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
    /// A target in words only (保持在合理区间): tracked, not judged.
    NoNumericTarget,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Achieved,
        Status::OnTrack,
        Status::NeedsAcceleration,
        Status::LimitedProgress,
        Status::Deterioration,
        Status::InsufficientData,
        Status::NoData,
        Status::Pending,
        Status::Overdue,
        Status::NoNumericTarget,
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
            Status::NoNumericTarget => "no_numeric_target",
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
            Status::NoNumericTarget => "no numeric target",
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
            Status::InsufficientData | Status::NoData | Status::NoNumericTarget => None,
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

/// The cut-offs between the categories of one yardstick: at or above `high`
/// on track, at or above `medium` needs acceleration, at or above `low`
/// limited progress, below `low` deterioration.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub high: f64,
    pub medium: f64,
    pub low: f64,
}

impl Thresholds {
    /// Growth-rate ratio: Eurostat's and open-sdg's 0.95 / 0.60 / 0.
    pub const GROWTH_RATIO: Thresholds = Thresholds {
        high: 0.95,
        medium: 0.60,
        low: 0.0,
    };
    /// Projection ratio: EUSTAT's reading of the UN progress chart, 0.95 / 0.10 / 0.
    pub const PROJECTION: Thresholds = Thresholds {
        high: 0.95,
        medium: 0.10,
        low: 0.0,
    };
    /// Own growth of a KPI without a numeric target: Statistics Canada's
    /// 1.5 % / 0.5 % / 0 a year.
    pub const TREND: Thresholds = Thresholds {
        high: 0.015,
        medium: 0.005,
        low: 0.0,
    };
    /// Pace, in percentage points of completion minus time elapsed: within 5
    /// points (about one quarter of a five-year plan) on track, within 15
    /// needs acceleration. Ours: no source sets these (docs/methods.md).
    pub const PACE: Thresholds = Thresholds {
        high: -5.0,
        medium: -15.0,
        low: f64::NEG_INFINITY,
    };
}

/// Per-yardstick overrides, as a plan or a KPI states them; any left out keep
/// their defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThresholdSet {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_ratio: Option<Thresholds>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projection: Option<Thresholds>,
    /// `high` and `medium` in percentage points; `low` is not used (pace
    /// calls a value that moved away from the target deterioration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pace: Option<PaceThresholds>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<Thresholds>,
}

/// Pace cut-offs in percentage points (completion minus time elapsed).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaceThresholds {
    pub high: f64,
    pub medium: f64,
}

impl ThresholdSet {
    /// `self` where it says something, else `fallback`.
    pub fn or(self, fallback: ThresholdSet) -> ThresholdSet {
        ThresholdSet {
            growth_ratio: self.growth_ratio.or(fallback.growth_ratio),
            projection: self.projection.or(fallback.projection),
            pace: self.pace.or(fallback.pace),
            trend: self.trend.or(fallback.trend),
        }
    }

    pub fn growth_ratio(&self) -> Thresholds {
        self.growth_ratio.unwrap_or(Thresholds::GROWTH_RATIO)
    }

    pub fn projection(&self) -> Thresholds {
        self.projection.unwrap_or(Thresholds::PROJECTION)
    }

    pub fn pace(&self) -> Thresholds {
        self.pace.map_or(Thresholds::PACE, |p| Thresholds {
            high: p.high,
            medium: p.medium,
            low: f64::NEG_INFINITY,
        })
    }

    pub fn trend(&self) -> Thresholds {
        self.trend.unwrap_or(Thresholds::TREND)
    }
}

/// Decimal places a figure is rounded to before it meets a threshold, so that
/// floating-point noise (0.9499999999999 for a hand-computed 0.95) can never
/// flip a category that a person checking by hand would not flip.
const CLASSIFY_DECIMALS: i32 = 9;

impl Thresholds {
    /// The category of a figure.
    pub fn classify(&self, figure: f64) -> Status {
        let scale = 10f64.powi(CLASSIFY_DECIMALS);
        let r = (figure * scale).round() / scale;
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

    /// Whether the cut-offs are in order (high >= medium >= low) and finite
    /// where they must be.
    pub fn is_ordered(&self) -> bool {
        self.high.is_finite()
            && self.medium.is_finite()
            && self.high >= self.medium
            && self.medium >= self.low
    }
}
