//! `plantrack init PLAN-ID`: a commented skeleton plan, the plan schema beside
//! it, and an empty data store; checks everything first and never overwrites.

use std::path::PathBuf;

use chrono::Datelike;

use super::{Exit, Outcome, emit, parse_period};
use crate::core::period::Period;
use crate::intake::workspace::StoreFiles;
use crate::lang::Lang;
use crate::output::words::files::{next, wrote};
use crate::output::words::init::Skeleton;
use crate::problem::Problem;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The new plan's id, `[a-z0-9_-]+`, e.g. tongliang-2027; also its data folder's name.
    #[arg(value_name = "PLAN-ID")]
    pub id: String,
    /// The plan's name as published.
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// The quarter progress is measured from; default Q4 of last year.
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    pub baseline: Option<Period>,
    /// The quarter the goals are due; default five years after the baseline.
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    pub target: Option<Period>,
    /// The folder of plan files to write into.
    #[arg(long, value_name = "DIR", default_value = "targets")]
    pub plan: PathBuf,
    /// The data folder; the plan's store goes in <DIR>/<plan-id>/.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
}

pub fn run(args: &Args, lang: Option<Lang>) -> Outcome {
    let lang = Lang::of_run(lang, std::iter::empty());
    let id = &args.id;
    let id_ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if !id_ok {
        return Err(vec![
            Problem::error(format!("`{id}` cannot be a plan id"))
                .expected("lower-case letters, digits, `-` and `_`, e.g. tongliang-2027")
                .hint("the id names the plan's data folder, so it must be safe as a file name"),
        ]
        .into());
    }
    let last_year = chrono::Local::now().year() - 1;
    let baseline = match args.baseline {
        Some(p) => p,
        None => Period::new(last_year, 4).ok_or_else(|| out_of_range(last_year))?,
    };
    let target = match args.target {
        Some(p) => p,
        None => {
            Period::new(baseline.year() + 5, 4).ok_or_else(|| out_of_range(baseline.year() + 5))?
        }
    };
    if target <= baseline {
        return Err(vec![
            Problem::error(format!(
                "the target period {target} is not after the baseline {baseline}"
            ))
            .hint("pass --baseline and --target, e.g. --baseline 2024Q4 --target 2027Q4"),
        ]
        .into());
    }

    let plan_file = args.plan.join(format!("{id}.json"));
    let schema_file = args.plan.join("plan.schema.json");
    let store_file = StoreFiles::new(&args.data, id).actuals;
    // Everything is checked before anything is written.
    for existing in [&plan_file, &store_file] {
        if existing.exists() {
            return Err(vec![
                Problem::error(format!("{} already exists", existing.display()))
                    .hint("init never overwrites; choose another id or remove the file yourself"),
            ]
            .into());
        }
    }

    let words = crate::output::words::init::skeleton(lang);
    let name = args.name.clone().unwrap_or_else(|| (words.name)(id));
    let skeleton = skeleton(&words, id, &name, baseline, target);
    let mut files: Vec<(PathBuf, String)> = vec![(plan_file, skeleton)];
    // A schema already there (perhaps another version's) is left alone.
    if !schema_file.exists() {
        files.push((schema_file, super::schema::plan_schema()));
    }
    files.push((
        store_file,
        crate::intake::load::actuals::COLUMNS.join(",") + "\n",
    ));

    let mut said = Vec::new();
    for (path, text) in &files {
        crate::files::write(path, text.as_bytes())?;
        said.push(wrote(lang, path, text.len()));
    }
    said.push(String::new());
    said.push(next(lang, &files[0].0));
    emit(&(said.join("\n") + "\n"))?;
    Ok(Exit::Done)
}

fn out_of_range(year: i32) -> Vec<Problem> {
    vec![
        Problem::error(format!("the year {year} is out of range"))
            .hint("pass --baseline and --target"),
    ]
}

/// The skeleton: one KPI of each common kind, with no target value (a guess
/// would be an invented goal); each `$comment` says what to fill in, in the
/// skeleton's language (a Chinese one says `"lang": "zh"`, names the KPIs
/// and its scope in Chinese and counts money in 亿元).
fn skeleton(w: &Skeleton, id: &str, name: &str, baseline: Period, target: Period) -> String {
    // A string always serialises to JSON.
    let q = |s: &str| serde_json::to_string(s).expect("a string is JSON");
    let mut out = String::from("{\n  \"$schema\": \"plan.schema.json\",\n");
    out.push_str(&format!(
        "  \"$comment\": {},\n  \"id\": {},\n",
        q(w.about),
        q(id)
    ));
    if let Some(lang) = w.lang {
        out.push_str(&format!("  \"lang\": {},\n", q(lang)));
    }
    out.push_str(&format!("  \"{}\": {},\n", w.name_key, q(name)));
    out.push_str(&format!(
        "  \"source\": {},\n  \"scope\": \"zone\",\n",
        q(w.source)
    ));
    if let Some(zone) = w.scope_zh {
        out.push_str(&format!("  \"scopes_zh\": {{ \"zone\": {} }},\n", q(zone)));
    }
    out.push_str(&format!(
        "  \"baseline_period\": \"{baseline}\",\n  \"target_period\": \"{target}\",\n  \"kpis\": [\n"
    ));
    // (id, Chinese name, aliases, kind) of the four samples.
    let samples = [
        ("industrial_output", "工业总产值", "", "flow"),
        (
            "rd_ratio",
            "研发投入强度",
            "\"R&D经费投入强度\", \"研发经费投入强度\"",
            "ratio",
        ),
        ("firms_incubated", "孵化企业数", "", "count"),
        ("platform_opened", "创新平台建成", "", "milestone"),
    ];
    let blocks: Vec<String> = samples
        .iter()
        .zip(&w.kpis)
        .map(|(&(kpi_id, name_zh, aliases, kind), words)| {
            let mut b = format!(
                "    {{\n      \"$comment\": {},\n      \"id\": \"{kpi_id}\",\n",
                q(words.comment)
            );
            if let Some(name) = words.name {
                b.push_str(&format!("      \"name\": {},\n", q(name)));
            }
            // The milestone's Chinese name only where the skeleton is Chinese.
            if kind != "milestone" || words.name.is_none() {
                b.push_str(&format!("      \"name_zh\": \"{name_zh}\",\n"));
            }
            if !aliases.is_empty() {
                b.push_str(&format!("      \"aliases\": [{aliases}],\n"));
            }
            if kind == "milestone" {
                b.push_str(&format!("      \"kind\": \"{kind}\"\n    }}"));
            } else {
                b.push_str(&format!(
                    "      \"unit\": {},\n      \"kind\": \"{kind}\",\n      \"direction\": \"increase\",\n      \"target\": {{}}\n    }}",
                    q(words.unit)
                ));
            }
            b
        })
        .collect();
    out.push_str(&blocks.join(",\n"));
    out.push_str("\n  ]\n}\n");
    out
}
