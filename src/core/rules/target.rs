//! The rules of a target stated as a plan states it (年均增长, 累计提高/下降,
//! 提高…个百分点) and of a year's own targets: each derived form has what it
//! needs to become a level, and each year's target is one thing, once.

use crate::core::period::Period;
use crate::core::plan::{Kind, Kpi, Plan, Prices};
use crate::core::targets::Stated;

/// The rules of comparable prices, bounds to keep, relative targets and a
/// revised baseline: each form with what it needs, and none mixed with a
/// form it contradicts.
fn new_forms(plan: &Plan, kpi: &Kpi, rule: &mut super::plan::Rule) {
    let id = &kpi.id;
    let t = &kpi.target;
    if kpi.prices == Prices::Comparable {
        let level = [
            ("value", t.value.is_some()),
            ("change_pct", t.change_pct.is_some()),
            ("change_pp", t.change_pp.is_some()),
        ]
        .into_iter()
        .find(|(_, on)| *on);
        if let Some((key, _)) = level {
            rule(
                key,
                Some("target"),
                format!(
                    "KPI `{id}` is at comparable prices, but its target is stated as {key}: a level at current prices cannot be compared with growth at comparable prices"
                ),
                "\"average_growth_pct\" (年均增长, at comparable prices), or \"prices\": \"current\"",
                Some(
                    "growth at comparable prices comes from the published 同比; a level target is met by levels, at current prices"
                        .to_string(),
                ),
            );
        }
        if kpi.kind == Kind::Milestone || t.hold.is_some() || t.relative_to.is_some() {
            rule(
                "prices",
                None,
                format!(
                    "KPI `{id}`: comparable prices are for a growth target, not a milestone, a bound or a relative target"
                ),
                "\"prices\" only with an \"average_growth_pct\" target",
                None,
            );
        }
    }
    if t.hold.is_some() && (t.value.is_none() || kpi.kind == Kind::Milestone) {
        rule(
            "hold",
            Some("target"),
            format!("KPI `{id}`: a bound to keep needs its level as \"value\""),
            "\"value\" beside \"hold\" (保持在6.5以上: \"value\": 6.5)",
            None,
        );
    }
    if t.about && t.relative_to.is_none() {
        rule(
            "about",
            Some("target"),
            format!("KPI `{id}`: \"about\" in a target is for a target relative to another KPI"),
            "\"about\" beside \"relative_to\" (基本同步)",
            Some("for a year's growth target 左右, use \"about\" in \"annual\"".to_string()),
        );
    }
    if let Some(other) = &t.relative_to {
        let stated = Stated::of(t).is_some() || t.hold.is_some();
        let problem = if stated {
            Some(format!(
                "KPI `{id}`: a target relative to another KPI has no value or growth of its own"
            ))
        } else if *other == kpi.id {
            Some(format!("KPI `{id}`: a target relative to itself"))
        } else if plan.kpi(other).is_some() {
            // Follow the chain of relative targets: back to this KPI is a cycle.
            let mut at = other.as_str();
            let mut cycle = false;
            for _ in 0..plan.kpis.len() {
                match plan.kpi(at).and_then(|k| k.target.relative_to.as_deref()) {
                    Some(next) if next == id => {
                        cycle = true;
                        break;
                    }
                    Some(next) => at = next,
                    None => break,
                }
            }
            cycle.then(|| format!("KPI `{id}`: its target is relative to `{other}`, which leads back to it: a cycle"))
        } else {
            Some(format!(
                "KPI `{id}`: its target is relative to `{other}`, which is no KPI of the plan"
            ))
        };
        if let Some(message) = problem {
            rule(
                "relative_to",
                Some("target"),
                message,
                "the id of another KPI of the plan, whose target is not relative to this one",
                None,
            );
        }
    }
}

/// Every rule the stated targets of `kpi` break, told to `rule` (field,
/// the object it sits in, message, expected, hint).
pub fn check(plan: &Plan, kpi: &Kpi, rule: &mut super::plan::Rule) {
    let id = &kpi.id;
    let t = &kpi.target;
    let given: Vec<&str> = [
        ("value", t.value.is_some()),
        ("average_growth_pct", t.average_growth_pct.is_some()),
        ("change_pct", t.change_pct.is_some()),
        ("change_pp", t.change_pp.is_some()),
    ]
    .iter()
    .filter(|(_, on)| *on)
    .map(|(k, _)| *k)
    .collect();
    if given.len() > 1 {
        rule(
            given[1],
            Some("target"),
            format!(
                "KPI `{id}`: the target is stated {} ways: {}",
                given.len(),
                given.join(", ")
            ),
            "one of value, average_growth_pct, change_pct or change_pp",
            Some("state the target as the plan does; plantrack derives the level".to_string()),
        );
    }
    new_forms(plan, kpi, rule);
    let stated = Stated::of(t).filter(|s| s.is_derived());
    if let Some(s) = stated {
        let key = s.key();
        if kpi.kind == Kind::Milestone {
            rule(
                key,
                Some("target"),
                format!(
                    "KPI `{id}` is a milestone, which is achieved or not, but its target is a growth"
                ),
                "a target with a period only",
                None,
            );
        } else if kpi.baseline.is_none() {
            rule(
                key,
                Some("target"),
                format!("KPI `{id}`: a target stated as {key} needs the baseline it starts from"),
                "\"baseline\": {\"value\": ...} in the KPI, the figure the plan counts from",
                Some(
                    "the level is derived from the plan's baseline, so it is known before any data"
                        .to_string(),
                ),
            );
        }
        if matches!(s, Stated::AverageGrowthPct(_))
            && kpi.baseline.as_ref().is_some_and(|b| b.value <= 0.0)
        {
            rule(
                key,
                Some("target"),
                format!(
                    "KPI `{id}`: an average growth rate grows from a positive baseline, but the baseline is not positive"
                ),
                "a positive baseline, or change_pct or value",
                None,
            );
        }
        let n = s.number();
        if matches!(s, Stated::AverageGrowthPct(_) | Stated::ChangePct(_)) && n <= -100.0 {
            rule(
                key,
                Some("target"),
                format!("KPI `{id}`: a fall of {} % or more leaves nothing", -n),
                "a percentage above -100",
                None,
            );
        }
        // The level a growth or change comes to must itself be a figure:
        // `average_growth_pct: 1e300` made a target of inf that `check`
        // then passed over.
        if s.is_derived()
            && n > -100.0
            && let Some(base) = &kpi.baseline
        {
            let years = plan
                .baseline_period_of(kpi)
                .years_until(plan.target_period_of(kpi));
            let level = s.level(base.value, years);
            if super::observation::in_range(level, &level).is_err() {
                let shown = |x: f64| {
                    if x.is_finite() && x.abs() < 1e15 {
                        x.to_string()
                    } else {
                        format!("{x:e}")
                    }
                };
                rule(
                    key,
                    Some("target"),
                    format!(
                        "KPI `{id}`: {key} {} from the baseline {} gives a target of {}, past the range a figure may take",
                        shown(n),
                        base.value,
                        shown(level)
                    ),
                    "a growth or change whose target is 0 or between 1e-9 and 1e15 in magnitude",
                    Some("check the number: a growth is in percent a year (8 for 8 %)".to_string()),
                );
            }
        }
        if matches!(s, Stated::ChangePp(_)) && kpi.unit.trim() != "%" {
            rule(
                key,
                Some("target"),
                format!(
                    "KPI `{id}`: a change in percentage points is for a `%` KPI, but its unit is `{}`",
                    kpi.unit
                ),
                "\"unit\": \"%\", or change_pct for a change in percent",
                None,
            );
        }
        if kpi.kind == Kind::Flow && plan.baseline_period_of(kpi).quarter() != 4 {
            rule(
                key,
                Some("target"),
                format!(
                    "KPI `{id}` is a flow, so a target stated as {key} grows from a whole year, but its baseline is for {}",
                    plan.baseline_period_of(kpi)
                ),
                "a baseline period at a year's end (Q4, 1-12月) with the year's total",
                Some(
                    "a year-to-date baseline is a part of a year: growth from it would not be growth on a year"
                    .to_string(),
                ),
            );
        }
    }
    let (from, to) = (plan.baseline_period_of(kpi), plan.target_period_of(kpi));
    let mut years = Vec::new();
    for a in &kpi.annual {
        let year = a.year;
        // A year's growth is a percentage above -100 (a fall of all) and
        // short of a thousandfold; 1e300 made a year's target of inf.
        if let Some(g) = a
            .growth_pct
            .filter(|g| !(g.is_finite() && *g > -100.0 && *g < 1e5))
        {
            rule(
                "annual",
                None,
                format!(
                    "KPI `{id}`: the {year} growth target {g:e} % is not a growth a year can have"
                ),
                "a percentage above -100 and below 100000",
                None,
            );
        }
        let one = match (a.growth_pct, a.value) {
            (Some(_), Some(_)) => Some(format!(
                "KPI `{id}`: the {year} target gives both a growth and a value"
            )),
            (None, None) => Some(format!(
                "KPI `{id}`: the {year} target gives neither a growth nor a value"
            )),
            _ => None,
        };
        if let Some(message) = one {
            rule(
                "annual",
                None,
                message,
                "\"growth_pct\" (growth on the year before) or \"value\" (the level by the year's end)",
                None,
            );
        }
        if kpi.kind == Kind::Milestone {
            rule(
                "annual",
                None,
                format!("KPI `{id}` is a milestone, so it has no yearly targets"),
                "no \"annual\" for a milestone",
                None,
            );
        }
        if years.contains(&year) {
            rule(
                "annual",
                None,
                format!("KPI `{id}` has two targets for {year}"),
                "one target a year",
                None,
            );
        }
        years.push(year);
        if year < from.year() || year > to.year() {
            rule(
                "annual",
                None,
                format!(
                    "KPI `{id}`: the {year} target is outside the plan, which runs from {from} to {to}"
                ),
                &format!("a year from {} to {}", from.year(), to.year()),
                None,
            );
        }
        if a.value.is_some() {
            let end = Period::new(year, 4);
            let between = end.is_some_and(|q| q > from && q < to);
            if !between {
                rule(
                    "annual",
                    None,
                    format!(
                        "KPI `{id}`: a level for {year} is a milestone at {year}Q4, which must fall between the baseline ({from}) and the target ({to})"
                    ),
                    "a year whose end is after the baseline and before the target",
                    Some("the level at the target period is the target itself".to_string()),
                );
            }
            if let Some(q) = end
                && kpi.milestones.iter().any(|m| m.period == q)
            {
                rule(
                    "annual",
                    None,
                    format!("KPI `{id}` has a milestone for {q} and a level for {year}"),
                    "one of the two",
                    None,
                );
            }
        }
        if a.about && a.growth_pct.is_none() {
            rule(
                "annual",
                None,
                format!(
                    "KPI `{id}`: \"about\" (左右) is for a growth target, but the {year} target has none"
                ),
                "\"about\" beside \"growth_pct\"",
                None,
            );
        }
    }
    for (field, tol) in [("tolerance_pp", kpi.tolerance_pp)] {
        if tol.is_some_and(|t| !(t >= 0.0 && t.is_finite())) {
            rule(
                field,
                None,
                format!("KPI `{id}`: tolerance_pp must be a number of points, 0 or more"),
                "e.g. \"tolerance_pp\": 0.5",
                None,
            );
        }
    }
}
