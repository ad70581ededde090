//! Synthetic portfolios for speed tests and benchmarks: N plans x K KPIs x Q
//! quarters (x S scopes), the same for the same seed, with a mix of kinds,
//! directions and paces. Every plan and every row says it is SYNTHETIC: none
//! of these figures is a published one. Pure: it returns texts; the
//! `portfolio` example writes them to disk.

use std::fmt::Write as _;

/// The size and seed of a portfolio.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub plans: u64,
    pub kpis: u64,
    pub quarters: i32,
    pub seed: u64,
    /// 1: the zone's own rows only; more adds parks (`park 0001`, ...).
    pub scopes: u64,
}

/// One synthetic plan: its id, plan file and store, as text.
#[derive(Debug, Clone)]
pub struct SyntheticPlan {
    pub id: String,
    pub plan_json: String,
    pub actuals_csv: String,
    pub rows: u64,
}

/// A small deterministic generator (xorshift64*), so no dependency decides the data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// Calls `each` with every plan of the portfolio, in order.
pub fn portfolio(shape: Shape, mut each: impl FnMut(SyntheticPlan)) {
    let Shape {
        plans,
        kpis,
        quarters,
        seed,
        scopes,
    } = shape;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let start_year = 2015;
    let target_year = start_year + quarters / 4 + 1;
    for p in 0..plans {
        let id = format!("synthetic-{p:04}");
        let mut json = String::new();
        let mut rows = 0u64;
        let mut csv = String::from("kpi,period,value,unit,basis,scope,source,note,yoy\n");
        let mut kpi_json = Vec::new();
        for k in 0..kpis {
            let kind = rng.pick(&["flow", "flow", "level", "ratio", "count"]);
            let increase = rng.unit() < 0.8;
            let unit = match kind {
                "flow" => "billion yuan",
                "ratio" => "%",
                "count" => "firms",
                _ => "km²",
            };
            let base = match kind {
                "ratio" => 2.0 + rng.unit() * 3.0,
                "count" => 0.0,
                _ => 10.0 + rng.unit() * 90.0,
            };
            // Growth a year: some ahead of plan, some behind, some falling.
            let planned = 0.03 + rng.unit() * 0.12;
            let actual = planned * (rng.unit() * 1.6 - 0.3);
            let years = f64::from(target_year - start_year) - 0.75;
            let sign = if increase { 1.0 } else { -1.0 };
            let target = match kind {
                "count" => 100.0 + (rng.unit() * 900.0).round(),
                _ => (base * (1.0 + sign * planned).powf(years) * 100.0).round() / 100.0,
            };
            let direction = if increase { "increase" } else { "decrease" };
            let kid = format!("kpi_{k:02}");
            kpi_json.push(format!(
                r#"    {{"id": "{kid}", "name": "Synthetic indicator {k}", "unit": "{unit}", "kind": "{kind}", "direction": "{direction}", "target": {{"value": {target}}}}}"#
            ));
            for s in 0..scopes {
                let scope = if s == 0 {
                    "zone".to_string()
                } else {
                    format!("park {s:04}")
                };
                // A park is a smaller copy of the zone, its own size.
                let share = if s == 0 {
                    1.0
                } else {
                    0.01 + rng.unit() * 0.05
                };
                for q in 0..quarters {
                    let year = start_year + q / 4;
                    let quarter = q % 4 + 1;
                    let t = f64::from(q) / 4.0;
                    let level = match kind {
                        "count" => (target / years * t * (1.0 + actual) * share)
                            .max(0.0)
                            .round(),
                        "ratio" => {
                            base * (1.0 + sign * actual).powf(t) * (1.0 + (rng.unit() - 0.5) * 0.02)
                        }
                        _ => {
                            share
                                * base
                                * (1.0 + sign * actual).powf(t)
                                * (1.0 + (rng.unit() - 0.5) * 0.02)
                        }
                    };
                    let value = if kind == "flow" {
                        level * f64::from(quarter) / 4.0
                    } else {
                        level
                    };
                    let basis = if kind == "flow" { "ytd" } else { "level" };
                    // Writing to a String cannot fail.
                    let _ = writeln!(
                        csv,
                        "{kid},{year}Q{quarter},{value:.2},{unit},{basis},{scope},SYNTHETIC,,"
                    );
                    rows += 1;
                }
            }
        }
        // Writing to a String cannot fail.
        let _ = write!(
            json,
            "{{\n  \"id\": \"{id}\",\n  \"name\": \"Synthetic plan {p} (SYNTHETIC data for speed tests)\",\n  \"source\": \"SYNTHETIC: examples/portfolio.rs, seed {seed}\",\n  \"scope\": \"zone\",\n  \"baseline_period\": \"{start_year}Q1\",\n  \"target_period\": \"{target_year}Q4\",\n  \"kpis\": [\n{}\n  ]\n}}\n",
            kpi_json.join(",\n")
        );
        each(SyntheticPlan {
            id,
            plan_json: json,
            actuals_csv: csv,
            rows,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::assess::{Method, assess, default_as_of};
    use crate::intake::load::{actuals, plan_file};
    use crate::problem::SourceFile;

    fn shape(seed: u64) -> Shape {
        Shape {
            plans: 8,
            kpis: 25,
            quarters: 40,
            seed,
            scopes: 1,
        }
    }

    fn all(shape: Shape) -> Vec<SyntheticPlan> {
        let mut v = Vec::new();
        portfolio(shape, |p| v.push(p));
        v
    }

    #[test]
    fn the_same_seed_gives_the_same_portfolio_and_another_seed_another() {
        let (a, b, c) = (all(shape(1)), all(shape(1)), all(shape(2)));
        let texts = |v: &[SyntheticPlan]| -> Vec<String> {
            v.iter()
                .map(|p| format!("{}{}", p.plan_json, p.actuals_csv))
                .collect()
        };
        assert_eq!(texts(&a), texts(&b));
        assert_ne!(texts(&a), texts(&c));
    }

    #[test]
    fn every_plan_and_row_says_synthetic_and_loads_cleanly_with_a_mix_of_statuses() {
        let mut statuses = std::collections::BTreeSet::new();
        let mut kinds = std::collections::BTreeSet::new();
        for p in all(shape(1)) {
            let plan = plan_file::parse(&SourceFile::new("p.json", p.plan_json.clone()))
                .expect("a valid plan");
            assert!(plan.name.contains("SYNTHETIC") && plan.source.contains("SYNTHETIC"));
            let lines: Vec<&str> = p.actuals_csv.lines().skip(1).collect();
            assert_eq!(lines.len() as u64, p.rows);
            assert_eq!(p.rows, 25 * 40);
            assert!(lines.iter().all(|l| l.contains(",SYNTHETIC,")));
            let (obs, problems) =
                actuals::parse(&SourceFile::new("a.csv", p.actuals_csv.clone()), &plan);
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(obs.len() as u64, p.rows);
            let a = assess(&plan, &obs, default_as_of(&plan, &obs), Method::GrowthRatio);
            statuses.extend(a.kpis.iter().map(|k| format!("{:?}", k.status)));
            kinds.extend(plan.kpis.iter().map(|k| k.kind.id()));
        }
        assert!(kinds.len() >= 4, "{kinds:?}");
        // Ahead, on track and behind, not one status everywhere.
        for s in ["Achieved", "OnTrack", "NeedsAcceleration"] {
            assert!(statuses.contains(s), "{s} missing from {statuses:?}");
        }
    }
}
