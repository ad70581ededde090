//! The status table as data, built once per assessment and language: a row
//! of typed cells per KPI (figure, unit, marks, period, the raw number),
//! which the terminal table, Markdown, the report in every format, the
//! workbook and `check` all read; `words::table` says each cell.

use crate::core::assess::{KpiAssessment, Method, PlanAssessment};
use crate::core::period::Period;
use crate::core::plan::{Comparator, Kind};
use crate::core::status::Status;
use crate::core::targets::Stated;
use crate::lang::Lang;
use crate::output::words::PeriodAs;

/// One plan's status table in one language: a row per KPI.
pub struct StatusTable<'a> {
    pub rows: Vec<Row<'a>>,
}

/// One KPI's row. Figures are kept as assessed (in the plan's unit);
/// `scale` turns them into the unit the reader counts in (`unit`: 亿元 for
/// billion yuan in Chinese).
pub struct Row<'a> {
    pub kpi: &'a KpiAssessment,
    /// The KPI's name in the table's language.
    pub name: &'a str,
    /// The unit as the reader counts in it; empty for none.
    pub unit: String,
    pub scale: f64,
    pub latest: Latest,
    pub yoy: Option<Yoy>,
    pub target: Target,
    pub gap: Option<Gap>,
    pub pace: Option<Pace>,
    /// The yardstick, and the figure it decides by: a ratio, or a pace in points.
    pub method: Method,
    pub decisive: Option<f64>,
    pub projected: Option<Projected>,
    /// The chance of meeting the target, from the forecast.
    pub chance: Option<Chance>,
    pub status: Status,
}

/// The chance of meeting the target (0 to 1), and whether few years make
/// it a rough guide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chance {
    pub p: f64,
    pub rough: bool,
}

/// The latest figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Latest {
    /// No figure up to the as-of period.
    None,
    /// A milestone's latest report: done or not, and when.
    Milestone { done: bool, period: Period },
    /// A number.
    Figure(Figure),
}

/// A latest number: the value assessed, with what the reader must know of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub value: f64,
    /// The year-to-date total as published, where the value is its annual
    /// equivalent (a flow's part year).
    pub published_ytd: Option<f64>,
    /// An annual equivalent of a year-to-date total: an estimate (`*`).
    pub estimated: bool,
    /// Of a scope other than the target's (`†`).
    pub other_scope: bool,
    pub period: Period,
    pub dated: PeriodAs,
    /// From before the as-of period.
    pub older: bool,
}

/// The growth on the same period a year earlier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Yoy {
    /// Growth in percent, or with `points` the change in points.
    pub pct: f64,
    /// Published beside the figure (else computed from two figures).
    pub published: bool,
    /// A KPI in percent: its change in points.
    pub points: bool,
    /// The figure it is a change of, whose decimals a change in points takes.
    pub like: Option<f64>,
}

/// The target: its level where it has one, its period, and the plan's own
/// words where it states a growth or a change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub level: Option<(Comparator, f64)>,
    pub period: Period,
    pub stated: Option<Stated>,
}

/// The gap to the target, and as a share of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    pub value: f64,
    pub pct: Option<f64>,
}

/// The share of the way covered against the share of time gone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    pub completion: f64,
    pub elapsed: f64,
    pub gap_pp: f64,
}

/// The value projected for the target period; a count is said whole.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projected {
    pub value: f64,
    pub count: bool,
}

impl<'a> StatusTable<'a> {
    /// The table of `a` in `lang`.
    pub fn of(a: &'a PlanAssessment, lang: Lang) -> StatusTable<'a> {
        StatusTable {
            rows: a.kpis.iter().map(|k| Row::of(k, a, lang)).collect(),
        }
    }

    /// Which marks and words the rows use, for a legend of only those.
    pub fn used(&self) -> Used {
        let mut u = Used::default();
        for r in &self.rows {
            if let Latest::Figure(f) = r.latest {
                u.estimated |= f.estimated;
                u.other_scope |= f.other_scope;
                u.older |= f.older;
                u.ytd |= f.published_ytd.is_some();
            }
            if let Some(y) = r.yoy {
                u.yoy_published |= y.published;
                u.yoy_computed |= !y.published;
            }
            u.completion |= r.pace.is_some();
            u.chance |= r.chance.is_some();
            u.rough |= r.chance.is_some_and(|c| c.rough);
            u.ratio |= r.decisive.is_some();
        }
        u
    }
}

/// The marks and words a table shows, for its legend.
#[derive(Debug, Default, Clone, Copy)]
pub struct Used {
    pub estimated: bool,
    pub other_scope: bool,
    pub ytd: bool,
    pub older: bool,
    pub completion: bool,
    pub ratio: bool,
    pub yoy_published: bool,
    pub yoy_computed: bool,
    pub chance: bool,
    pub rough: bool,
}

impl<'a> Row<'a> {
    fn of(k: &'a KpiAssessment, a: &PlanAssessment, lang: Lang) -> Row<'a> {
        let (scale, unit) = lang.money(&k.unit, k.unit_zh.as_deref());
        let latest = match &k.latest {
            None => Latest::None,
            Some(l) if k.kind == Kind::Milestone => Latest::Milestone {
                done: l.value == 1.0,
                period: l.period,
            },
            Some(l) => Latest::Figure(Figure {
                value: l.value,
                published_ytd: (l.reported != l.value && k.kind == Kind::Flow)
                    .then_some(l.reported),
                estimated: l.estimated,
                other_scope: l.scope != k.scope,
                period: l.period,
                dated: PeriodAs::of(k.kind),
                older: l.period < a.as_of,
            }),
        };
        let gap = k.gap.map(|value| Gap {
            value,
            pct: k.gap_pct,
        });
        // No way travelled yet (only the baseline known): no completion.
        let pace = match (k.completion, k.time_elapsed, k.pace_gap_pp) {
            (Some(completion), Some(elapsed), Some(gap_pp)) if elapsed > 0.0 => Some(Pace {
                completion,
                elapsed,
                gap_pp,
            }),
            _ => None,
        };
        Row {
            kpi: k,
            name: lang.name(&k.name, k.name_zh.as_deref()),
            unit,
            scale,
            latest,
            yoy: k.yoy.as_ref().and_then(|y| {
                Some(Yoy {
                    pct: y.pct.or(y.pp)?,
                    published: y.published,
                    points: y.pp.is_some(),
                    like: k.latest.as_ref().map(|l| l.reported),
                })
            }),
            target: Target {
                level: k.target.comparator.zip(k.target.value),
                period: k.target.period,
                stated: k.target.stated,
            },
            gap,
            pace,
            method: a.method,
            decisive: match a.method {
                Method::GrowthRatio => k.growth_ratio,
                Method::Projection => k.projection_ratio,
                Method::Pace => k.pace_gap_pp,
            },
            projected: k.projected.map(|value| Projected {
                value,
                count: k.kind == Kind::Count,
            }),
            chance: k
                .forecast
                .as_ref()
                .and_then(|f| f.p_meet.map(|p| Chance { p, rough: f.rough })),
            status: k.status,
        }
    }
}

impl Used {
    /// What either of two tables used.
    pub fn and(self, o: Used) -> Used {
        Used {
            estimated: self.estimated || o.estimated,
            other_scope: self.other_scope || o.other_scope,
            ytd: self.ytd || o.ytd,
            older: self.older || o.older,
            completion: self.completion || o.completion,
            ratio: self.ratio || o.ratio,
            yoy_published: self.yoy_published || o.yoy_published,
            yoy_computed: self.yoy_computed || o.yoy_computed,
            chance: self.chance || o.chance,
            rough: self.rough || o.rough,
        }
    }
}
