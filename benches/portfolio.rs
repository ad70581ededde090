//! Portfolio speed targets (docs/performance.md), held by benchmarks on
//! synthetic portfolios of 10 k, 100 k and 1 M observations (10, 100 and
//! 1,000 plans x 25 KPIs x 40 quarters, written to a temporary folder):
//! - what `status --format json` does: load, assess and render every plan;
//! - loading the stores alone, in bytes a second (at least 100 MB/s);
//! - assessing one plan of 25 KPIs x 40 quarters;
//! - what `ingest` does in memory with a long CSV of 100 k and 1 M rows (one
//!   plan, 100 and 1,000 scopes): read its records, merge them into an empty
//!   store, render the new store. (The whole command, with its files, the
//!   check and the log, is timed by `benches/whole-process.sh`.)
//!
//! `cargo bench --bench portfolio` measures; CI runs it once in quick mode
//! (`cargo bench --bench portfolio -- --test`) so it cannot rot.

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use plantrack::cmd::{Cut, Filter, Selection, Sources, assess_each};
use plantrack::core::assess::{Method, assess, default_as_of};
use plantrack::intake::ingest::{grid, layout};
use plantrack::intake::load::{self, plan_file};
use plantrack::intake::store;
use plantrack::output::render::json;
use plantrack::problem::SourceFile;
use plantrack::synthetic::{Shape, portfolio};

// The allocator of the `plantrack` binary, so these figures are its figures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Writes a portfolio of `plans` plans under `dir`; returns its CSV bytes.
fn write(dir: &Path, plans: u64) -> u64 {
    let shape = Shape {
        plans,
        kpis: 25,
        quarters: 40,
        seed: 1,
        scopes: 1,
    };
    std::fs::create_dir_all(dir.join("targets")).expect("targets folder");
    let mut bytes = 0;
    portfolio(shape, |p| {
        let data = dir.join("data").join(&p.id);
        std::fs::create_dir_all(&data).expect("data folder");
        std::fs::write(
            dir.join("targets").join(format!("{}.json", p.id)),
            &p.plan_json,
        )
        .expect("plan file");
        std::fs::write(data.join("actuals.csv"), &p.actuals_csv).expect("store");
        bytes += p.actuals_csv.len() as u64;
    });
    bytes
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("portfolio");
    group.sample_size(10);
    for plans in [10u64, 100, 1000] {
        let dir = tempfile::tempdir().expect("temporary folder");
        let bytes = write(dir.path(), plans);
        let observations = plans * 25 * 40;
        let sources = Sources {
            plan: dir.path().join("targets"),
            data: dir.path().join("data"),
        };
        let cut = Cut {
            as_of: None,
            method: Method::GrowthRatio,
        };
        let selection = Selection {
            sources: sources.clone(),
            cut,
            filter: Filter { kpis: Vec::new() },
        };
        group.throughput(Throughput::Elements(observations));
        group.bench_function(BenchmarkId::new("status json", observations), |b| {
            b.iter(|| {
                let (plans, _) =
                    assess_each(&selection, None, |a| json::element(&a)).expect("loads");
                json::write(&mut std::io::sink(), &plans).expect("written");
            })
        });
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(BenchmarkId::new("load", observations), |b| {
            b.iter(|| {
                let (counts, problems) =
                    load::load_each(&sources.plan, &sources.data, |lp| lp.observations.len());
                assert!(problems.is_empty());
                assert_eq!(counts.iter().sum::<usize>() as u64, observations);
            })
        });
    }
    group.finish();

    let dir = tempfile::tempdir().expect("temporary folder");
    write(dir.path(), 1);
    let loaded = load::load(&dir.path().join("targets"), &dir.path().join("data"));
    let lp = &loaded.plans[0];
    let as_of = default_as_of(&lp.plan, &lp.observations);
    c.bench_function("assess one plan of 25 KPIs x 40 quarters", |b| {
        b.iter(|| {
            assess(
                black_box(&lp.plan),
                black_box(&lp.observations),
                as_of,
                Method::GrowthRatio,
            )
        })
    });
}

fn ingest(c: &mut Criterion) {
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    for scopes in [100u64, 1000] {
        let shape = Shape {
            plans: 1,
            kpis: 25,
            quarters: 40,
            seed: 1,
            scopes,
        };
        let mut made = None;
        portfolio(shape, |p| {
            made = Some((p.plan_json.clone(), p.actuals_csv.clone()))
        });
        let (plan_json, csv) = made.expect("one plan");
        let plan = plan_file::parse(&SourceFile::new("plan.json", plan_json)).expect("plan");
        let rows = scopes * 25 * 40;
        let input = grid::from_csv(SourceFile::new("long.csv", csv));
        let options = layout::Options::default();
        group.throughput(Throughput::Elements(rows));
        group.bench_function(BenchmarkId::new("records, merge, render", rows), |b| {
            b.iter(|| {
                let (records, problems) = layout::records(&input, &plan, &options);
                assert!(problems.is_empty());
                let at = |a| input.problem_at(a, "");
                let origin = |_: &store::Row| String::new();
                let feed = store::Feed {
                    plan: &plan,
                    records: &records,
                    replace: false,
                    origin: &origin,
                    problem_at: &at,
                };
                let m = store::merge(&[], &feed);
                assert_eq!(m.rows.len() as u64, rows);
                black_box(store::render(&m.rows))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench, ingest);
criterion_main!(benches);
