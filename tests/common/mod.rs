//! Shared by the test binaries: one-KPI plans built from JSON, observations,
//! and a work folder that runs the real binary.
#![allow(dead_code)]

use plantrack::core::observation::{Basis, Observation};
use plantrack::core::period::Period;
use plantrack::core::plan::Plan;

pub fn period(text: &str) -> Period {
    text.parse().expect("test period")
}

/// A plan from its JSON text (the same path a plan file takes, minus the disk).
pub fn plan(json: &str) -> Plan {
    serde_json::from_str(json).expect("test plan")
}

/// A plan of one KPI: `kpi` is the KPI object's JSON.
pub fn one_kpi_plan(baseline_period: &str, target_period: &str, kpi: &str) -> Plan {
    plan(&format!(
        r#"{{"id": "t", "name": "Test plan", "source": "test fixture", "scope": "zone",
            "baseline_period": "{baseline_period}", "target_period": "{target_period}",
            "kpis": [{kpi}]}}"#
    ))
}

pub fn obs(kpi: &str, period_text: &str, value: f64, basis: Basis) -> Observation {
    Observation {
        kpi: kpi.into(),
        period: period(period_text),
        value,
        basis,
        scope: "zone".into(),
        source: "test fixture".into(),
        note: None,
        yoy_pct: None,
    }
}
