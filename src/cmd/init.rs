//! `plantrack init PLAN-ID`: a commented skeleton plan, the plan schema beside
//! it, and an empty data store; checks everything first and never overwrites.

use std::path::PathBuf;

use chrono::Datelike;

use super::{Exit, Outcome, emit, parse_period};
use crate::core::period::Period;
use crate::intake::workspace::StoreFiles;
use crate::lang::Lang;
use crate::output::words::files::{next, wrote};
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

    let skeleton = match lang {
        Lang::En => {
            let name = args
                .name
                .clone()
                .unwrap_or_else(|| format!("EDIT: the name of plan {id} as published"));
            skeleton(id, &name, baseline, target)
        }
        Lang::Zh => {
            let name = args
                .name
                .clone()
                .unwrap_or_else(|| format!("编辑：规划{id}的正式名称"));
            skeleton_zh(id, &name, baseline, target)
        }
    };
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

/// The skeleton for a Chinese office: `"lang": "zh"`, Chinese names and
/// units (亿元), the scope's Chinese name, and every `$comment` in Chinese.
fn skeleton_zh(id: &str, name: &str, baseline: Period, target: Period) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("a string is JSON");
    format!(
        r#"{{
  "$schema": "plan.schema.json",
  "$comment": "由 plantrack init 生成的规划骨架。请把每处“编辑”换成规划公布的目标，删去规划没有的指标，source 写明规划的出处。`plantrack validate` 可检查本文件；各字段的说明见 docs/plan-format.md。",
  "id": {id},
  "lang": "zh",
  "name_zh": {name},
  "source": "编辑：规划的出处（发布机关、文件名称、日期、网址）",
  "scope": "zone",
  "scopes_zh": {{ "zone": "园区" }},
  "baseline_period": "{baseline}",
  "target_period": "{target}",
  "kpis": [
    {{
      "$comment": "流量指标在年内累计、按年内累计公布（产值、投资）。编辑：按规划的表述填写目标：水平值 \"target\": {{ \"value\": 5000 }}；年均增长8%，{{ \"average_growth_pct\": 8 }}；累计下降13.5%，{{ \"change_pct\": -13.5 }}；提高1.2个百分点（百分比指标），{{ \"change_pp\": 1.2 }}。增长型目标需要规划中的基期值，如 \"baseline\": {{ \"period\": \"2020Q4\", \"value\": 1000 }}。某一年自己的目标，如2023年增长10%左右：\"annual\": [{{ \"year\": 2023, \"growth_pct\": 10, \"about\": true }}]。约束性、预期性用 \"nature\": \"约束性\" 或 \"预期性\" 标注。没有目标的指标按自身趋势评估。",
      "id": "industrial_output",
      "name_zh": "工业总产值",
      "unit": "亿元",
      "kind": "flow",
      "direction": "increase",
      "target": {{}}
    }},
    {{
      "$comment": "比率指标为期末百分比。编辑：目标值。aliases 是统计局报表里该指标的名称（ingest 把这样命名的列或行读作本指标），请按本地报表填写。",
      "id": "rd_ratio",
      "name_zh": "研发投入强度",
      "aliases": ["R&D经费投入强度", "研发经费投入强度"],
      "unit": "%",
      "kind": "ratio",
      "direction": "increase",
      "target": {{}}
    }},
    {{
      "$comment": "计数指标是规划开始以来的累计数（孵化企业、落地项目），没有基期值时从0起算。编辑：目标值。",
      "id": "firms_incubated",
      "name_zh": "孵化企业数",
      "unit": "家",
      "kind": "count",
      "direction": "increase",
      "target": {{}}
    }},
    {{
      "$comment": "里程碑是定性目标：报告已完成（1）或未完成（0），期限为目标期。",
      "id": "platform_opened",
      "name_zh": "创新平台建成",
      "kind": "milestone"
    }}
  ]
}}
"#,
        id = q(id),
        name = q(name),
    )
}

/// The skeleton: one KPI of each common kind, with no target value (a guess
/// would be an invented goal); each `$comment` says what to fill in.
fn skeleton(id: &str, name: &str, baseline: Period, target: Period) -> String {
    // A string always serialises to JSON.
    let q = |s: &str| serde_json::to_string(s).expect("a string is JSON");
    format!(
        r#"{{
  "$schema": "plan.schema.json",
  "$comment": "Skeleton written by `plantrack init`. Replace every EDIT with the plan's published goals, delete the KPIs it does not have, and keep `source` pointing at the publication. `plantrack validate` checks the file; docs/plan-format.md describes every field.",
  "id": {id},
  "name": {name},
  "source": "EDIT: where the goals were published (issuing body, title, date, link)",
  "scope": "zone",
  "baseline_period": "{baseline}",
  "target_period": "{target}",
  "kpis": [
    {{
      "$comment": "A flow adds up within a year and is published year-to-date (output, investment). EDIT: give the target as the plan states it: a level, \"target\": {{ \"value\": 500 }}; 年均增长8%, {{ \"average_growth_pct\": 8 }}; 累计下降13.5%, {{ \"change_pct\": -13.5 }}; 提高1.2个百分点 (a % KPI), {{ \"change_pp\": 1.2 }}. A growth form needs the baseline in the plan, e.g. \"baseline\": {{ \"period\": \"2020Q4\", \"value\": 1000 }}. A year's own target, 2023年增长10%左右: \"annual\": [{{ \"year\": 2023, \"growth_pct\": 10, \"about\": true }}]. Mark 约束性/预期性 with \"nature\": \"binding\" or \"indicative\" (or the Chinese word). Without a target the KPI is judged by its own trend.",
      "id": "industrial_output",
      "name": "Industrial output value",
      "name_zh": "工业总产值",
      "unit": "billion yuan",
      "kind": "flow",
      "direction": "increase",
      "target": {{}}
    }},
    {{
      "$comment": "A ratio is a percentage at the period's end. EDIT the target value. \"aliases\" are the names a statistics bureau's sheet gives the KPI (ingest reads a column or row so named as this KPI); EDIT them to your bureau's.",
      "id": "rd_ratio",
      "name": "R&D investment ratio",
      "name_zh": "研发投入强度",
      "aliases": ["R&D经费投入强度", "研发经费投入强度"],
      "unit": "%",
      "kind": "ratio",
      "direction": "increase",
      "target": {{}}
    }},
    {{
      "$comment": "A count is a running total since the plan began (firms incubated, projects landed); it starts from 0 unless a baseline is given. EDIT the target value.",
      "id": "firms_incubated",
      "name": "Firms incubated",
      "name_zh": "孵化企业数",
      "unit": "firms",
      "kind": "count",
      "direction": "increase",
      "target": {{}}
    }},
    {{
      "$comment": "A milestone is qualitative: reported achieved (1) or not yet (0), due by the target period.",
      "id": "platform_opened",
      "name": "Innovation platform opened",
      "kind": "milestone"
    }}
  ]
}}
"#,
        id = q(id),
        name = q(name),
    )
}
