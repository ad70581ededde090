//! One published figure: a KPI's value for a period, with how it was counted and where it came from.

use serde::{Deserialize, Serialize};

use crate::core::period::Period;
use crate::core::plan::Kind;
use crate::core::shared::Shared;

/// A value as published, before any annualisation or summing, in its KPI's
/// unit. Texts that repeat from row to row (KPI id, scope, source, note) are
/// interned (`Shared`): each distinct text is kept once for the whole run and
/// an observation holds a pointer to it, so a million observations mean
/// neither millions of small strings nor a reference count kept per row.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub kpi: Shared,
    pub period: Period,
    pub value: f64,
    pub basis: Basis,
    /// What the figure covers, e.g. `zone` or `zone, above designated size`.
    pub scope: Shared,
    pub source: Shared,
    /// A note published with the figure; shared, as notes repeat from row to row.
    pub note: Option<Shared>,
    /// Growth on a year earlier as published with the figure, in percent
    /// (13.7 for +13.7 %); kept as published, never recomputed.
    pub yoy_pct: Option<f64>,
}

/// How a value was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Cumulative from January to the period's end (1-3月, 1-6月, ...): flows.
    Ytd,
    /// The period's quarter alone: flows.
    Quarter,
    /// The value at the period's end: levels, ratios, counts as running totals, milestones.
    Level,
    /// Added during the period's quarter: counts.
    Increment,
}

impl Basis {
    pub const ALL: [Basis; 4] = [Basis::Ytd, Basis::Quarter, Basis::Level, Basis::Increment];

    pub fn id(self) -> &'static str {
        match self {
            Basis::Ytd => "ytd",
            Basis::Quarter => "quarter",
            Basis::Level => "level",
            Basis::Increment => "increment",
        }
    }

    pub fn parse(text: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.id() == text)
    }

    /// The basis a value has when the data does not say.
    pub fn default_for(kind: Kind) -> Basis {
        match kind {
            Kind::Flow => Basis::Ytd,
            _ => Basis::Level,
        }
    }

    /// The bases a KPI of `kind` may be fed in.
    pub fn allowed_for(kind: Kind) -> &'static [Basis] {
        match kind {
            Kind::Flow => &[Basis::Ytd, Basis::Quarter],
            Kind::Count => &[Basis::Level, Basis::Increment],
            Kind::Level | Kind::Ratio | Kind::Milestone => &[Basis::Level],
        }
    }
}
