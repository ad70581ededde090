//! The magnitude guard over a store about to be written: each new figure
//! against its neighbours in the same series (the period before, the same
//! period a year earlier, stored or fed in the same run; for a series' first
//! figure, the plan's baseline or target), refused when it is a unit slip
//! away from them (`core::rules::magnitude`).

use super::Row;
use crate::core::observation::Basis;
use crate::core::period::Period;
use crate::core::plan::{Kind, Kpi, Plan};
use crate::core::rules::magnitude;
use crate::core::units::{self, Dimension};
use crate::problem::Problem;

/// A new figure the guard stops: it, the neighbour it is compared with, and
/// the power of ten between them.
pub struct Jump<'r> {
    pub row: &'r Row,
    pub neighbour: Neighbour<'r>,
    /// log10 of the figure over what its neighbour leads one to expect.
    pub log_ratio: f64,
    /// The figure's published 同比, when it is that growth, applied to the
    /// year-earlier neighbour, that the figure is far from.
    pub yoy: Option<f64>,
}

/// How far a figure may be from what its published 同比 and the figure a
/// year earlier make of it: 10^0.5, about 3.2 times, halfway (on a log
/// scale) between 1 and 10. A 同比 computed on a revised or comparable base
/// differs from the stored figures' growth by points, not by times; a
/// dropped decimal point (8237 for 823.7) is ten times.
pub const YOY_GUARD_LOG10: f64 = 0.5;

/// What a new figure is compared with.
#[derive(Debug, Clone, Copy)]
pub enum Neighbour<'r> {
    /// A figure of the same series, stored or fed in the same run.
    Figure(&'r Row),
    /// For a series' first figure: the plan's baseline or target (`what`),
    /// a year-to-date total for a flow.
    Plan {
        what: &'static str,
        value: f64,
        period: Period,
        ytd: bool,
    },
}

impl Neighbour<'_> {
    fn period(&self) -> Period {
        match self {
            Neighbour::Figure(r) => r.period,
            Neighbour::Plan { period, .. } => *period,
        }
    }

    fn ytd(&self) -> bool {
        match self {
            Neighbour::Figure(r) => r.basis == Basis::Ytd,
            Neighbour::Plan { ytd, .. } => *ytd,
        }
    }

    fn value(&self) -> String {
        match self {
            Neighbour::Figure(r) => r.value.clone(),
            Neighbour::Plan { value, .. } => value.to_string(),
        }
    }
}

/// The plan's own figure for a KPI's first one to be compared with: its
/// baseline, else its target's level.
fn plan_figure(kpi: &Kpi, plan: &Plan) -> Option<Neighbour<'static>> {
    let ytd = kpi.kind == Kind::Flow;
    if let Some(b) = &kpi.baseline {
        return Some(Neighbour::Plan {
            what: "the plan's baseline",
            value: b.value,
            period: b.period.unwrap_or(plan.baseline_period),
            ytd,
        });
    }
    kpi.target.value.map(|value| Neighbour::Plan {
        what: "the plan's target",
        value,
        period: kpi.target.period.unwrap_or(plan.target_period),
        ytd,
    })
}

/// Whether a KPI's figures are guarded: those whose unit has slips (money,
/// percent, area). Counts are not: 1 firm then 50 is real.
fn guarded(kpi: &Kpi) -> bool {
    kpi.kind != Kind::Milestone
        && kpi.kind != Kind::Count
        && matches!(
            units::dimension(&kpi.unit),
            Some(Dimension::Money | Dimension::Percent | Dimension::Area)
        )
}

/// The jumps among `rows` (a whole store, in key order) of the rows `new`
/// marks (those this ingest adds or revises), except those `confirmed`.
///
/// Built for a million new rows: each KPI's rows are split by scope and
/// basis into lists already in period order (the store's order is KPI,
/// period, scope), so a neighbour is the next entry, not a search; the
/// KPIs are shared out over the cores.
pub fn jumps<'r>(
    plan: &Plan,
    rows: &'r [Row],
    new: &[bool],
    confirmed: &(dyn Fn(&Row) -> bool + Sync),
) -> Vec<Jump<'r>> {
    let mut kpis = Vec::new();
    let mut start = 0;
    for kpi_rows in rows.chunk_by(|a, b| a.kpi == b.kpi) {
        let range = start..start + kpi_rows.len();
        start = range.end;
        let Some(kpi) = plan.kpi(&kpi_rows[0].kpi).filter(|k| guarded(k)) else {
            continue;
        };
        if new[range.clone()].contains(&true) {
            kpis.push((kpi, range));
        }
    }
    let mut out: Vec<Jump> = crate::intake::parallel::map(&kpis, |(kpi, range)| {
        // (By the scope's address: a million scopes' bytes were hashed.)
        let mut series: foldhash::HashMap<(usize, Basis), Vec<usize>> = Default::default();
        for i in range.clone() {
            series
                .entry((rows[i].scope.address(), rows[i].basis))
                .or_default()
                .push(i);
        }
        let percent = units::is_percent(&kpi.unit);
        let mut out = Vec::new();
        for s in series.values() {
            out.extend(series_jumps(plan, kpi, rows, s, new, confirmed, percent));
        }
        out
    })
    .into_iter()
    .flatten()
    .collect();
    out.sort_by(|a, b| a.row.key_ref().cmp(&b.row.key_ref()));
    out
}

/// The jumps of one series `s` (indexes into `rows`, in period order).
///
/// Each pair of neighbours (the period before, the same period a year
/// earlier) a unit slip apart is a disagreement. A figure fed in this run
/// is blamed when it disagrees with more of its neighbours than any other
/// (stored and confirmed figures are trusted), then its disagreements are
/// settled, and so on: fed Q1 100, Q2 10000 (a slip) and Q3 300 at once,
/// only Q2 is named, never its good neighbours.
fn series_jumps<'r>(
    plan: &Plan,
    kpi: &Kpi,
    rows: &'r [Row],
    s: &[usize],
    new: &[bool],
    confirmed: &dyn Fn(&Row) -> bool,
    percent: bool,
) -> Vec<Jump<'r>> {
    // Each figure read once, when first compared: two stored figures never are.
    let values: Vec<std::cell::OnceCell<Option<f64>>> = vec![Default::default(); s.len()];
    let value = |n: usize| *values[n].get_or_init(|| rows[s[n]].value.parse::<f64>().ok());
    let suspect = |n: usize| new[s[n]] && !confirmed(&rows[s[n]]);
    let periods: Vec<Period> = s.iter().map(|&i| rows[i].period).collect();
    let year_ago = |n: usize| {
        let p = periods[n];
        let q = Period::new(p.year() - 1, p.quarter())?;
        // Four entries back in a quarterly series with no gap; else a search.
        match n.checked_sub(4) {
            Some(k) if periods[k] == q => Some(k),
            _ => periods[..n].binary_search(&q).ok(),
        }
    };
    // Disagreements: (later, earlier, log ratio of the later's figure over
    // what the earlier leads one to expect).
    let mut edges: Vec<(usize, usize, f64)> = Vec::new();
    // Whether a figure has any neighbour at all (else the plan's is used).
    let mut linked = vec![false; s.len()];
    for n in 0..s.len() {
        let row = &rows[s[n]];
        // A year-to-date total starts again each January: its period before
        // is in the same year, or it has none.
        let before = n
            .checked_sub(1)
            .filter(|&k| row.basis != Basis::Ytd || rows[s[k]].period.year() == row.period.year());
        for k in [before, year_ago(n)].into_iter().flatten() {
            // Two stored figures are not compared (nor read): a quarter's
            // feed into a long store touches only its own neighbours.
            if !(suspect(n) || suspect(k)) {
                continue;
            }
            let (Some(v), Some(nv)) = (value(n), value(k)) else {
                continue;
            };
            (linked[n], linked[k]) = (true, true);
            let neighbour = Neighbour::Figure(&rows[s[k]]);
            if let Some(r) = magnitude::log_ratio(v, nv * expected_growth(row, &neighbour)) {
                edges.push((n, k, r));
            }
        }
    }
    // Against the plan's own figure (its baseline or target): a series'
    // first figure, and the tie-break between two fed figures that only
    // disagree with each other.
    let off_plan = |n: usize| -> Option<(Neighbour<'static>, f64)> {
        let p = plan_figure(kpi, plan)?;
        let Neighbour::Plan { value: pv, .. } = p else {
            return None;
        };
        let r = magnitude::log_ratio(value(n)?, pv * expected_growth(&rows[s[n]], &p))?;
        Some((p, r))
    };
    let mut out = Vec::new();
    let mut blamed = vec![false; s.len()];
    while !edges.is_empty() {
        let live = |e: &&(usize, usize, f64)| !blamed[e.0] && !blamed[e.1];
        let mut degree = vec![0usize; s.len()];
        for e in edges.iter().filter(live) {
            degree[e.0] += 1;
            degree[e.1] += 1;
        }
        // The most disagreeing fed figure; on a tie the later one (a slip
        // is most often the newest figure).
        let Some(n) = (0..s.len())
            .filter(|&n| suspect(n) && degree[n] > 0)
            .max_by_key(|&n| (degree[n], off_plan(n).is_some(), n))
        else {
            break;
        };
        let (k, r) = edges
            .iter()
            .filter(live)
            .find_map(|e| match (e.0 == n, e.1 == n) {
                (true, _) => Some((e.1, e.2)),
                (_, true) => Some((e.0, -e.2)),
                _ => None,
            })
            .expect("a figure with a disagreement has one");
        blamed[n] = true;
        out.push(Jump {
            row: &rows[s[n]],
            neighbour: Neighbour::Figure(&rows[s[k]]),
            log_ratio: r,
            yoy: None,
        });
    }
    for n in 0..s.len() {
        if !suspect(n) || blamed[n] {
            continue;
        }
        let row = &rows[s[n]];
        let Some(v) = value(n) else { continue };
        // A series' first figure: the plan's own (an area of 38 against a
        // target of 45 km²; 0.045 against an R&D ratio of 4.4 %).
        if !linked[n]
            && let Some((p, r)) = off_plan(n)
        {
            out.push(Jump {
                row,
                neighbour: p,
                log_ratio: r,
                yoy: None,
            });
            continue;
        }
        // Its published 同比 against the figure a year earlier: 8237 fed for
        // 823.7 beside +10.4 % on last year's 746.
        let (Some(k), Ok(yoy)) = (year_ago(n).filter(|&k| !blamed[k]), row.yoy.parse::<f64>())
        else {
            continue;
        };
        let Some(before) = value(k) else { continue };
        let expected = if percent {
            before + yoy
        } else {
            before * (1.0 + yoy / 100.0)
        };
        if expected <= 0.0 || v <= 0.0 {
            continue;
        }
        let r = (v / expected).log10();
        if r.is_finite() && r.abs() >= YOY_GUARD_LOG10 {
            out.push(Jump {
                row,
                neighbour: Neighbour::Figure(&rows[s[k]]),
                log_ratio: r,
                yoy: Some(yoy),
            });
        }
    }
    out
}

/// How many times `neighbour` a figure is expected to be, before any
/// growth: for two year-to-date totals, the ratio of their quarters (Q3's
/// total is about three halves of Q2's); for a quarter's own figure against
/// a year-to-date total, one over the total's quarters; else one.
pub fn expected_growth(row: &Row, neighbour: &Neighbour) -> f64 {
    let (p, q) = (row.period.quarter(), neighbour.period().quarter());
    match (row.basis, neighbour.ytd()) {
        (Basis::Ytd, true) => f64::from(p) / f64::from(q),
        (Basis::Quarter, true) => 1.0 / f64::from(q),
        _ => 1.0,
    }
}

/// What a jump most likely is, in words: `万元 under a 亿元 header`, from
/// the unit the figure was given in (`given`, the KPI's own when empty).
pub fn likely_slip(kpi: &Kpi, given: &str, log_ratio: f64) -> String {
    let unit = if given.is_empty() {
        kpi.unit.as_str()
    } else {
        given
    };
    let named = units::shifted(unit, 0).unwrap_or(unit);
    if units::is_percent(unit) && (log_ratio + 2.0).abs() <= 1.0 {
        return "a fraction typed for a percent (0.039 for 3.9 %), or a cell formatted as a percent read as a plain number".to_string();
    }
    match units::slipped_from(unit, log_ratio) {
        Some(other) => format!("{other} under a {named} header"),
        None => format!(
            "a figure about 10^{} times too {}",
            log_ratio.abs().round(),
            if log_ratio > 0.0 { "large" } else { "small" }
        ),
    }
}

/// The neighbour's figure as the comparison uses it: `the 22.4`, or for a
/// year-to-date total `2/1 of the year-to-date 22.4`.
fn expected_of(row: &Row, neighbour: &Neighbour) -> String {
    let (p, q) = (row.period.quarter(), neighbour.period().quarter());
    let value = neighbour.value();
    match (row.basis, neighbour.ytd()) {
        (Basis::Ytd, true) if p != q => format!("{p}/{q} of the year-to-date {value}"),
        (Basis::Quarter, true) => format!("1/{q} of the year-to-date {value}"),
        _ => format!("the {value}"),
    }
}

/// The problem a jump makes, pointing at the new figure's cell (`at` makes
/// a problem there with a message), the neighbour's place said by `origin`.
pub fn problem(
    plan: &Plan,
    j: &Jump,
    given: &str,
    at: &dyn Fn(String) -> Problem,
    origin: &dyn Fn(&Row) -> String,
) -> Problem {
    let kpi = plan.kpi(&j.row.kpi);
    let slip = kpi.map_or(String::new(), |k| likely_slip(k, given, j.log_ratio));
    let factor = format!("10^{}", j.log_ratio.abs().round());
    if let (Some(yoy), Neighbour::Figure(before)) = (j.yoy, j.neighbour) {
        // Ten times off, give or take: a decimal point in the wrong place.
        let slip = if (j.log_ratio.abs() - 1.0).abs() < 0.5 {
            format!(
                "a misplaced decimal point (about 10 times too {})",
                if j.log_ratio > 0.0 { "large" } else { "small" }
            )
        } else {
            slip
        };
        let points = kpi.is_some_and(|k| units::is_percent(&k.unit));
        let sign = if yoy > 0.0 { "+" } else { "" };
        let (growth, implied) = match before.value.parse::<f64>() {
            Ok(b) if points => (
                format!("{sign}{yoy} points"),
                format!(
                    "{:+.1} points",
                    j.row.value.parse::<f64>().unwrap_or(0.0) - b
                ),
            ),
            Ok(b) => (
                format!("{sign}{yoy} %"),
                format!(
                    "{:+.1} %",
                    (j.row.value.parse::<f64>().unwrap_or(0.0) / b - 1.0) * 100.0
                ),
            ),
            Err(_) => (format!("{sign}{yoy}"), String::new()),
        };
        return at(format!(
            "{} {}: {} is {implied} on the {} of {} ({}), but its published 同比 is {growth}; looks like {slip}",
            j.row.kpi,
            j.row.period,
            j.row.value,
            before.value,
            before.period,
            origin(before),
        ))
        .expected(format!(
            "a figure within 10^{YOY_GUARD_LOG10} (about 3.2 times) of what its 同比 makes of the year-earlier figure, in `{}`",
            kpi.map_or("", |k| k.unit.as_str())
        ))
        .hint(format!(
            "check the decimal point and the unit; if the figure is right (the year-earlier one was revised), confirm it with --accept-jump {}:{} (logged)",
            j.row.kpi, j.row.period
        ));
    }
    at(format!(
        "{} {}: {} is about {factor} times {}{} in {} ({}); looks like {slip}",
        j.row.kpi,
        j.row.period,
        j.row.value,
        if j.log_ratio > 0.0 { "" } else { "less than " },
        expected_of(j.row, &j.neighbour),
        j.neighbour.period(),
        match j.neighbour {
            Neighbour::Figure(r) => origin(r),
            Neighbour::Plan { what, .. } => what.to_string(),
        },
    ))
    .expected(format!(
        "a figure within 10^{} (about 31.6 times) of the same series' neighbours, in `{}`",
        magnitude::GUARD_LOG10,
        kpi.map_or("", |k| k.unit.as_str())
    ))
    .hint(format!(
        "check the unit of the column or cell; if the figure is right, confirm it with --accept-jump {}:{} (logged)",
        j.row.kpi, j.row.period
    ))
}
