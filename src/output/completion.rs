//! The 主要指标完成情况表 as data: a row per KPI as a mid-term evaluation
//! lays it out (序号, 指标, 单位, 属性, 基期值, 目标值, the year's target,
//! the latest figure as published, 同比, 完成年度目标 and 完成规划进度 each
//! against 序时进度, 年均增长, 评价); `words::completion` says each cell.

use crate::core::assess::{KpiAssessment, PlanAssessment};
use crate::core::period::Period;
use crate::core::plan::{Comparator, Direction, Kind, Nature};
use crate::core::rating::Rating;
use crate::core::targets::Stated;
use crate::core::year::{SinceBase, YearTarget};
use crate::lang::Lang;
use crate::output::words::PeriodAs;

/// One plan's completion table in one language.
pub struct CompletionTable<'a> {
    pub plan: &'a PlanAssessment,
    /// The base period every row shares (said once, in the heading), if any.
    pub base: Option<Period>,
    /// The target period every row shares, if any.
    pub due: Option<Period>,
    pub rows: Vec<Line<'a>>,
}

/// One KPI's row. Figures are kept in the plan's unit; `scale` turns them
/// into the reader's (`unit`).
pub struct Line<'a> {
    pub number: usize,
    pub kpi: &'a KpiAssessment,
    pub name: &'a str,
    /// The unit as the reader counts in it; empty for none.
    pub unit: String,
    pub scale: f64,
    pub nature: Option<Nature>,
    /// The base as published, and its period.
    pub base: Option<(Period, f64)>,
    /// The plan's own base, where the statistics revised it since.
    pub base_in_plan: Option<f64>,
    /// The target's level (with its comparator where it is not the KPI's
    /// natural one) and the plan's own words for a growth form.
    pub target: Option<f64>,
    pub comparator: Option<Comparator>,
    pub stated: Option<Stated>,
    pub due: Period,
    /// The as-of year's target, as a level where one is known.
    pub year: Option<&'a YearTarget>,
    pub latest: Published,
    /// 同比: a growth in percent, or for a KPI in percent the change in points.
    pub yoy: Option<Change>,
    /// The year's total so far against the year's target, and the share of
    /// the year gone (a flow's).
    pub year_done: Option<Done>,
    /// The share of the planned change made and of the plan's time gone.
    pub plan_done: Option<Done>,
    pub since_base: Option<&'a SinceBase>,
    pub rating: Rating,
}

/// The latest figure as published: a flow's year-to-date total, never an
/// annual equivalent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Published {
    None,
    Milestone {
        done: bool,
        period: Period,
    },
    Figure {
        value: f64,
        period: Period,
        dated: PeriodAs,
        /// Of a scope other than the target's.
        other_scope: bool,
    },
}

/// A change on a year earlier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    Pct {
        pct: f64,
        published: bool,
    },
    /// `like`: the figure it is a change of, whose decimals it takes.
    Points {
        pp: f64,
        like: Option<f64>,
    },
}

/// A share done against the share of time gone (序时进度), and when.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Done {
    pub share: f64,
    pub time: f64,
    pub at: Period,
}

impl<'a> CompletionTable<'a> {
    /// The completion table of `a` in `lang`.
    pub fn of(a: &'a PlanAssessment, lang: Lang) -> CompletionTable<'a> {
        let rows: Vec<Line> = a
            .kpis
            .iter()
            .enumerate()
            .map(|(i, k)| Line::of(i + 1, k, lang))
            .collect();
        let shared = |f: &dyn Fn(&Line) -> Option<Period>| {
            let mut periods = rows.iter().filter_map(f);
            let first = periods.next()?;
            periods.all(|p| p == first).then_some(first)
        };
        CompletionTable {
            plan: a,
            base: shared(&|l| l.base.map(|b| b.0)),
            // A milestone's due date is said in its own cell.
            due: shared(&|l| l.target.map(|_| l.due)),
            rows,
        }
    }

    /// Whether any row's 同比 was computed (not published), for the legend.
    pub fn yoy_computed(&self) -> bool {
        self.rows.iter().any(|r| {
            matches!(
                r.yoy,
                Some(Change::Pct {
                    published: false,
                    ..
                })
            )
        })
    }

    /// Whether any row's latest figure is of another scope, for the legend.
    pub fn other_scope(&self) -> bool {
        self.rows.iter().any(|r| {
            matches!(
                r.latest,
                Published::Figure {
                    other_scope: true,
                    ..
                }
            )
        })
    }
}

impl<'a> Line<'a> {
    fn of(number: usize, k: &'a KpiAssessment, lang: Lang) -> Line<'a> {
        let (scale, unit) = lang.money(&k.unit, k.unit_zh.as_deref());
        let latest = match &k.latest {
            None => Published::None,
            Some(l) if k.kind == Kind::Milestone => Published::Milestone {
                done: l.value == 1.0,
                period: l.period,
            },
            Some(l) => Published::Figure {
                value: l.reported,
                period: l.period,
                dated: PeriodAs::of(k.kind),
                other_scope: l.scope != k.scope,
            },
        };
        let like = k.latest.as_ref().map(|l| l.reported);
        let yoy = k.yoy.as_ref().and_then(|y| match (y.pp, y.pct) {
            (Some(pp), _) => Some(Change::Points { pp, like }),
            (None, Some(pct)) => Some(Change::Pct {
                pct,
                published: y.published,
            }),
            _ => None,
        });
        let natural = match k.direction.unwrap_or(Direction::Increase) {
            Direction::Increase => Comparator::AtLeast,
            Direction::Decrease => Comparator::AtMost,
        };
        let year = k.year_target.as_ref();
        let year_done = k.year_pace.as_ref().and_then(|p| {
            let same_year = year.is_some_and(|y| y.year == p.year);
            let at = k.latest.as_ref()?.period;
            same_year.then_some(Done {
                share: p.completion,
                time: p.time_elapsed,
                at,
            })
        });
        let since_base = k.since_base.as_ref();
        let plan_done = since_base.and_then(|s| {
            Some(Done {
                share: s.completion?,
                time: s.time_elapsed.filter(|t| *t > 0.0)?,
                at: s.to,
            })
        });
        Line {
            number,
            kpi: k,
            name: lang.name(&k.name, k.name_zh.as_deref()),
            unit,
            scale,
            nature: k.nature,
            base: k.baseline.as_ref().map(|b| (b.period, b.reported)),
            base_in_plan: k.baseline.as_ref().and_then(|b| b.plan_value),
            target: k.target.value,
            comparator: k.target.comparator.filter(|c| *c != natural),
            stated: k.target.stated.filter(|s| s.is_derived()),
            due: k.target.period,
            year,
            latest,
            yoy,
            year_done,
            plan_done,
            since_base,
            rating: k.rating,
        }
    }
}
