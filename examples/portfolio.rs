//! Writes a synthetic portfolio for speed tests: N plans x K KPIs x Q
//! quarters, the same for the same seed. Every plan and every row says it is
//! SYNTHETIC. Run:
//! `cargo run --release --example portfolio -- OUT_DIR [PLANS] [KPIS] [QUARTERS] [SEED] [SCOPES]`
//! (defaults 1000 25 40 1 1), then `plantrack status --plan OUT_DIR/targets --data OUT_DIR/data`.
//! SCOPES above 1 adds rows for parks (`park 0001`, ...) beside the zone's
//! own: one plan with many rows, e.g. a million-row file for `ingest`.

use std::fmt::Write as _;
use std::path::Path;

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

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = Path::new(args.first().map(String::as_str).unwrap_or("portfolio"));
    let num = |i: usize, d: u64| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let (plans, kpis, quarters, seed) = (num(1, 1000), num(2, 25), num(3, 40) as i32, num(4, 1));
    let scopes = num(5, 1);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    std::fs::create_dir_all(out.join("targets"))?;
    let start_year = 2015;
    let target_year = start_year + quarters / 4 + 1;
    let mut rows = 0u64;
    for p in 0..plans {
        let id = format!("synthetic-{p:04}");
        let mut json = String::new();
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
                    let _ = writeln!(
                        csv,
                        "{kid},{year}Q{quarter},{value:.2},{unit},{basis},{scope},SYNTHETIC,,"
                    );
                    rows += 1;
                }
            }
        }
        let _ = write!(
            json,
            "{{\n  \"id\": \"{id}\",\n  \"name\": \"Synthetic plan {p} (SYNTHETIC data for speed tests)\",\n  \"source\": \"SYNTHETIC: examples/portfolio.rs, seed {seed}\",\n  \"scope\": \"zone\",\n  \"baseline_period\": \"{start_year}Q1\",\n  \"target_period\": \"{target_year}Q4\",\n  \"kpis\": [\n{}\n  ]\n}}\n",
            kpi_json.join(",\n")
        );
        std::fs::write(out.join("targets").join(format!("{id}.json")), json)?;
        let dir = out.join("data").join(&id);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("actuals.csv"), csv)?;
    }
    println!(
        "wrote {plans} synthetic plans, {rows} observations, under {}",
        out.display()
    );
    Ok(())
}
