//! Writes a synthetic portfolio for speed tests (see `plantrack::synthetic`):
//! N plans x K KPIs x Q quarters, the same for the same seed; every plan and
//! every row says it is SYNTHETIC. Run:
//! `cargo run --release --example portfolio -- OUT_DIR [PLANS] [KPIS] [QUARTERS] [SEED] [SCOPES]`
//! (defaults 1000 25 40 1 1), then `plantrack status --plan OUT_DIR/targets --data OUT_DIR/data`.
//! SCOPES above 1 adds rows for parks (`park 0001`, ...) beside the zone's
//! own: one plan with many rows, e.g. a million-row file for `ingest`.

use std::path::Path;

use plantrack::synthetic::{Shape, portfolio};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = Path::new(args.first().map(String::as_str).unwrap_or("portfolio"));
    let num = |i: usize, d: u64| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let shape = Shape {
        plans: num(1, 1000),
        kpis: num(2, 25),
        quarters: num(3, 40) as i32,
        seed: num(4, 1),
        scopes: num(5, 1),
    };
    std::fs::create_dir_all(out.join("targets"))?;
    let mut rows = 0;
    let mut failed = Ok(());
    portfolio(shape, |p| {
        let dir = out.join("data").join(&p.id);
        rows += p.rows;
        if failed.is_ok() {
            failed = std::fs::write(
                out.join("targets").join(format!("{}.json", p.id)),
                &p.plan_json,
            )
            .and_then(|()| std::fs::create_dir_all(&dir))
            .and_then(|()| std::fs::write(dir.join("actuals.csv"), &p.actuals_csv));
        }
    });
    failed?;
    println!(
        "wrote {} synthetic plans, {rows} observations, under {}",
        shape.plans,
        out.display()
    );
    Ok(())
}
