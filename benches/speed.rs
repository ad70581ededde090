//! Speed targets, held by benchmarks rather than timed tests:
//! - every chart of the shipped plan (each KPI, dashboard, progress; PNG and
//!   SVG) rendered in well under 150 ms;
//! - the shipped plan assessed in microseconds.
//!
//! `cargo bench --bench speed` measures; CI runs it once in quick mode
//! (`cargo bench --bench speed -- --test`) so it cannot rot.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use plantrack::core::assess::{Method, assess, default_as_of, kpi_points};
use plantrack::intake::load;
use plantrack::lang::Lang;
use plantrack::output::chart::data::kpi_chart;
use plantrack::output::chart::{Picture, fonts, render_all};

fn shipped() -> load::LoadedPlan {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = load::load(&root.join("targets"), &root.join("data"));
    assert!(!loaded.has_errors(), "{:?}", loaded.problems);
    loaded.plans.into_iter().next().expect("the shipped plan")
}

fn pictures(lp: &load::LoadedPlan) -> Vec<Picture> {
    let plan = &lp.plan;
    let as_of = default_as_of(plan, &lp.observations);
    let a = assess(plan, &lp.observations, as_of, Method::GrowthRatio);
    let charts: Vec<_> = plan
        .kpis
        .iter()
        .zip(&a.kpis)
        .map(|(kpi, ka)| {
            let obs: Vec<_> = lp
                .observations
                .iter()
                .filter(|o| *o.kpi == *kpi.id)
                .collect();
            kpi_chart(plan, kpi, ka, &kpi_points(plan, kpi, &obs), as_of, Lang::En)
        })
        .collect();
    let mut p: Vec<Picture> = charts
        .iter()
        .cloned()
        .map(|c| Picture::Kpi(Box::new(c)))
        .collect();
    p.push(Picture::Dashboard {
        title: "dashboard".into(),
        charts: charts.clone(),
    });
    p.push(Picture::Progress {
        title: "progress".into(),
        charts,
    });
    p
}

fn bench(c: &mut Criterion) {
    fonts::register(None).expect("built-in font");
    let lp = shipped();
    let as_of = default_as_of(&lp.plan, &lp.observations);
    c.bench_function("assess the shipped plan", |b| {
        b.iter(|| {
            assess(
                black_box(&lp.plan),
                black_box(&lp.observations),
                as_of,
                Method::GrowthRatio,
            )
        })
    });
    let pics = pictures(&lp);
    let mut group = c.benchmark_group("charts");
    group.sample_size(20);
    group.bench_function("every chart of the shipped plan, PNG and SVG", |b| {
        b.iter(|| render_all(black_box(&pics), (1000, 600), Lang::En, true, true).expect("charts"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
