//! Phrases of `init`: what a new plan's skeleton says, in English or in
//! Chinese (its names, units, and every `$comment`).

use crate::lang::Lang;

/// A skeleton's words in one language.
pub struct Skeleton {
    /// The `$comment` at the top.
    pub about: &'static str,
    /// The plan's name when `--name` gives none (the plan's id put in).
    pub name: fn(&str) -> String,
    /// The key the name goes under: `name`, or `name_zh` for a Chinese plan.
    pub name_key: &'static str,
    /// The plan's `"lang"`, if it says one.
    pub lang: Option<&'static str>,
    pub source: &'static str,
    /// The Chinese name of the plan's scope, for a Chinese plan.
    pub scope_zh: Option<&'static str>,
    /// Each sample KPI's comment, English name (if any) and unit: a flow, a
    /// ratio, a count, a milestone.
    pub kpis: [Kpi; 4],
}

/// A sample KPI's words.
pub struct Kpi {
    pub comment: &'static str,
    pub name: Option<&'static str>,
    pub unit: &'static str,
}

/// The skeleton's words in `lang`.
pub fn skeleton(lang: Lang) -> Skeleton {
    match lang {
        Lang::En => Skeleton {
            about: "Skeleton written by `plantrack init`. Replace every EDIT with the plan's published goals, delete the KPIs it does not have, and keep `source` pointing at the publication. `plantrack validate` checks the file; docs/plan-format.md describes every field.",
            name: |id| format!("EDIT: the name of plan {id} as published"),
            name_key: "name",
            lang: None,
            source: "EDIT: where the goals were published (issuing body, title, date, link)",
            scope_zh: None,
            kpis: [
                Kpi {
                    comment: "A flow adds up within a year and is published year-to-date (output, investment). EDIT: give the target as the plan states it: a level, \"target\": { \"value\": 500 }; 年均增长8%, { \"average_growth_pct\": 8 }; 累计下降13.5%, { \"change_pct\": -13.5 }; 提高1.2个百分点 (a % KPI), { \"change_pp\": 1.2 }. A growth form needs the baseline in the plan, e.g. \"baseline\": { \"period\": \"2020Q4\", \"value\": 1000 }. A year's own target, 2023年增长10%左右: \"annual\": [{ \"year\": 2023, \"growth_pct\": 10, \"about\": true }]. Mark 约束性/预期性 with \"nature\": \"binding\" or \"indicative\" (or the Chinese word). Growth at comparable prices (按可比价格, from the published 同比): \"prices\": \"comparable\" with an average_growth_pct target. Without a target the KPI is judged by its own trend.",
                    name: Some("Industrial output value"),
                    unit: "billion yuan",
                },
                Kpi {
                    comment: "A ratio is a percentage at the period's end. EDIT the target value. \"aliases\" are the names a statistics bureau's sheet gives the KPI (ingest reads a column or row so named as this KPI); EDIT them to your bureau's. A bound to keep (控制在5.5%以内): { \"value\": 5.5, \"hold\": \"every_year\" } or \"average\"; a target relative to another KPI (高于GDP增长): { \"relative_to\": \"gdp_growth\", \"comparator\": \">\" }, or \"about\": true for 基本同步; a target in words: { \"text_zh\": \"保持在合理区间\" }.",
                    name: Some("R&D investment ratio"),
                    unit: "%",
                },
                Kpi {
                    comment: "A count is a running total since the plan began (firms incubated, projects landed); it starts from 0 unless a baseline is given. EDIT the target value.",
                    name: Some("Firms incubated"),
                    unit: "firms",
                },
                Kpi {
                    comment: "A milestone is qualitative: reported achieved (1) or not yet (0), due by the target period.",
                    name: Some("Innovation platform opened"),
                    unit: "",
                },
            ],
        },
        Lang::Zh => Skeleton {
            about: "由 plantrack init 生成的规划骨架。请把每处“编辑”换成规划公布的目标，删去规划没有的指标，source 写明规划的出处。`plantrack validate` 可检查本文件；各字段的说明见 docs/plan-format.md。",
            name: |id| format!("编辑：规划{id}的正式名称"),
            name_key: "name_zh",
            lang: Some("zh"),
            source: "编辑：规划的出处（发布机关、文件名称、日期、网址）",
            scope_zh: Some("园区"),
            kpis: [
                Kpi {
                    comment: "流量指标在年内累计、按年内累计公布（产值、投资）。编辑：按规划的表述填写目标：水平值 \"target\": { \"value\": 5000 }；年均增长8%，{ \"average_growth_pct\": 8 }；累计下降13.5%，{ \"change_pct\": -13.5 }；提高1.2个百分点（百分比指标），{ \"change_pp\": 1.2 }。增长型目标需要规划中的基期值，如 \"baseline\": { \"period\": \"2020Q4\", \"value\": 1000 }。某一年自己的目标，如2023年增长10%左右：\"annual\": [{ \"year\": 2023, \"growth_pct\": 10, \"about\": true }]。约束性、预期性用 \"nature\": \"约束性\" 或 \"预期性\" 标注。按可比价格计算的增长（取公布的同比）：\"prices\": \"comparable\"，目标用 average_growth_pct。没有目标的指标按自身趋势评估。",
                    name: None,
                    unit: "亿元",
                },
                Kpi {
                    comment: "比率指标为期末百分比。编辑：目标值。aliases 是统计局报表里该指标的名称（ingest 把这样命名的列或行读作本指标），请按本地报表填写。须保持的约束值（控制在5.5%以内）：{ \"value\": 5.5, \"hold\": \"every_year\" } 或 \"average\"；相对于另一指标的目标（高于GDP增长）：{ \"relative_to\": \"gdp_growth\", \"comparator\": \">\" }，基本同步用 \"about\": true；文字表述的目标：{ \"text_zh\": \"保持在合理区间\" }。",
                    name: None,
                    unit: "%",
                },
                Kpi {
                    comment: "计数指标是规划开始以来的累计数（孵化企业、落地项目），没有基期值时从0起算。编辑：目标值。",
                    name: None,
                    unit: "家",
                },
                Kpi {
                    comment: "里程碑是定性目标：报告已完成（1）或未完成（0），期限为目标期。",
                    name: None,
                    unit: "",
                },
            ],
        },
    }
}
