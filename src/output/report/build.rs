//! The report's figures taken from a plan's data: each KPI's published,
//! assessed and planned series, and the sources the figures came from.

use std::collections::BTreeMap;

use super::{KpiData, Published};
use crate::core::assess::{PlanAssessment, kpi_points};
use crate::core::observation::Observation;
use crate::core::plan::Plan;
use crate::core::trajectory::Trajectory;

/// Each KPI's figures up to the as-of quarter: as published, as assessed in
/// its own scope, and its planned path.
pub fn kpi_data(plan: &Plan, observations: &[Observation], a: &PlanAssessment) -> Vec<KpiData> {
    a.kpis
        .iter()
        .filter_map(|k| {
            let kpi = plan.kpi(&k.id)?;
            let own: Vec<&Observation> = observations
                .iter()
                .filter(|o| *o.kpi == *kpi.id && o.period <= a.as_of)
                .collect();
            let published = own
                .iter()
                .map(|o| Published {
                    period: o.period,
                    value: o.value,
                    basis: o.basis,
                    scope: o.scope.to_string(),
                    yoy_pct: o.yoy_pct,
                    source: o.source.to_string(),
                })
                .collect();
            let actual = kpi_points(plan, kpi, &own)
                .iter()
                .filter(|p| *p.scope == *k.scope)
                .map(|p| (p.period, p.value, p.reported))
                .collect();
            let planned = match (&k.baseline, k.target.value) {
                (Some(b), Some(t)) => {
                    Trajectory::for_kpi(kpi, (b.period, b.value), (k.target.period, t)).quarterly()
                }
                _ => Vec::new(),
            };
            Some(KpiData {
                id: k.id.clone(),
                published,
                actual,
                plan: planned,
            })
        })
        .collect()
}

/// The data sources of the figures the report uses, with how many each gave.
pub fn sources(observations: &[Observation], a: &PlanAssessment) -> Vec<(String, usize)> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for o in observations
        .iter()
        .filter(|o| o.period <= a.as_of && a.kpis.iter().any(|k| *k.id == *o.kpi))
    {
        *count.entry(&o.source).or_default() += 1;
    }
    count.into_iter().map(|(s, n)| (s.to_string(), n)).collect()
}
