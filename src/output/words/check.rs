//! Phrases of `check`: each KPI's verdict line and the summary under them;
//! English and Chinese side by side.

use crate::core::assess::PlanAssessment;
use crate::core::plan::Kind;
use crate::core::status::Status;
use crate::lang::Lang;
use crate::output::format;
use crate::output::status_table::Row;
use crate::output::words::PeriodAs;
use crate::output::words::table::{self, Shape};

/// What `check` says of a KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    /// Below the bar, but an indicative (预期性) KPI: not failed.
    Warn,
    /// Not enough data to judge.
    Skip,
}

impl Verdict {
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Pass => lang.pick("PASS", "通过"),
            Verdict::Fail => lang.pick("FAIL", "不达标"),
            Verdict::Warn => lang.pick("WARN", "警示"),
            Verdict::Skip => lang.pick("SKIP", "跳过"),
        }
    }
}

/// One KPI's line: the verdict, the KPI, its status and deciding figure, the
/// period, the latest figure and its 同比, a target the plan states as a
/// growth (with its level), and a year's growth target.
pub fn line(lang: Lang, v: Verdict, a: &PlanAssessment, r: &Row) -> String {
    let k = r.kpi;
    let zh = lang == Lang::Zh;
    let figure = k
        .deciding_figure()
        .and_then(|(by, v)| lang.deciding_figure(by, v))
        .map_or(String::new(), |f| match lang {
            Lang::En => format!(" ({f})"),
            Lang::Zh => format!("（{f}）"),
        });
    // The latest figure with its period, and its growth on a year earlier.
    // (The table's marks, * and †, are explained under the table only.)
    // A part year's total as published first, its annual equivalent after
    // it, named an estimate.
    let shown = match r.latest {
        crate::output::status_table::Latest::Figure(f) if f.published_ytd.is_some() => {
            let v = |x: f64| {
                crate::output::format::value(crate::output::format::significant(x * r.scale))
            };
            let ytd = v(f.published_ytd.unwrap_or_default());
            let period = lang.period(f.period, f.dated);
            match lang {
                Lang::En => format!(
                    "{ytd} ytd ({period}; {} as an annual equivalent, an estimate)",
                    v(f.value)
                ),
                Lang::Zh => format!("{period}累计{ytd}（折合全年约{}，估算）", v(f.value)),
            }
        }
        _ => table::latest(lang, r, Shape::PLAIN).replace(['*', '†'], ""),
    };
    let latest = match (k.latest.is_some() && k.kind != Kind::Milestone, lang) {
        (false, _) => String::new(),
        (true, Lang::En) => format!(", latest {shown}"),
        (true, Lang::Zh) => format!("，最新值{shown}"),
    };
    let yoy = table::yoy_text(lang, r).map_or(String::new(), |y| match lang {
        Lang::En => format!(", {y} on a year earlier"),
        Lang::Zh => format!("，同比{y}"),
    });
    let derived = k.target.stated.is_some_and(|s| s.is_derived());
    let target = match (derived, lang) {
        (false, _) => String::new(),
        (true, Lang::En) => format!(", target {}", table::target(lang, r, Shape::PLAIN)),
        (true, Lang::Zh) => format!("，目标{}", table::target(lang, r, Shape::PLAIN)),
    };
    let chance = r.chance.map_or(String::new(), |_| match lang {
        Lang::En => format!(", chance {}", table::chance(lang, r)),
        Lang::Zh => format!("，达标可能性{}", table::chance(lang, r)),
    });
    let year = k.annual_growth.as_ref().map_or(String::new(), |g| {
        format!(
            "{}{}",
            lang.pick("; ", "；"),
            lang.annual_growth(g, PeriodAs::of(k.kind))
        )
    });
    // The unit the figures are in, after the KPI (in Chinese, money in 亿元).
    let unit = match r.unit.as_str() {
        u if u.is_empty() || k.kind == Kind::Milestone => String::new(),
        u if zh => format!("（{u}）"),
        u => format!(" ({u})"),
    };
    match lang {
        Lang::Zh => format!(
            "{} {}/{} {}{unit}：{}{figure}，截至{}{latest}{yoy}{target}{chance}{year}\n",
            v.word(lang),
            a.plan,
            k.id,
            r.name,
            lang.status(k.status),
            lang.period(a.as_of, PeriodAs::Level),
        ),
        Lang::En => format!(
            "{} {}/{}{unit}: {}{figure}, as of {}{latest}{yoy}{target}{chance}{year}\n",
            v.word(lang),
            a.plan,
            k.id,
            k.status.label(),
            a.as_of
        ),
    }
}

/// How many KPIs fell below the bar, were warned of or skipped.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub total: usize,
    pub failed: usize,
    pub warned: usize,
    pub skipped: usize,
    /// Targets in words: tracked, never judged.
    pub unnumbered: usize,
}

/// The last line: how many of how many are below the bar, and what was
/// warned of or skipped, with the option that would fail them.
pub fn summary(
    lang: Lang,
    t: Tally,
    fail_on: Status,
    fail_on_missing: bool,
    min_chance: Option<f64>,
) -> String {
    let Tally {
        total,
        failed,
        warned,
        skipped,
        unnumbered,
    } = t;
    let chance = min_chance.map(|p| lang.tight(format!("{} %", format::value(p * 100.0))));
    let missing = match (fail_on_missing, lang) {
        (false, _) => "",
        (true, Lang::En) => ", or missing data",
        (true, Lang::Zh) => "，或缺少数据",
    };
    let mut out = match lang {
        Lang::En => format!(
            "{failed} of {total} KPIs below the bar ({} or worse{}{missing})",
            fail_on.id(),
            chance.map_or(String::new(), |c| format!(", or a chance under {c}")),
        ),
        Lang::Zh => format!(
            "{total}项指标中{failed}项低于标准（{}或更差{}{missing}）",
            lang.status(fail_on),
            chance.map_or(String::new(), |c| format!("，或达标可能性低于{c}")),
        ),
    };
    if warned > 0 {
        out.push_str(&match lang {
            Lang::En => format!(
                "; {warned} indicative below it, not failed (--fail-on-indicative fails them)"
            ),
            Lang::Zh => format!(
                "；{warned}项预期性指标低于标准，未判为不达标（--fail-on-indicative 可判为不达标）"
            ),
        });
    }
    if skipped > 0 {
        out.push_str(&match lang {
            Lang::En => {
                format!("; {skipped} skipped for lack of data (--fail-on-missing fails them)")
            }
            Lang::Zh => format!("；{skipped}项因数据不足跳过（--fail-on-missing 可判为不达标）"),
        });
    }
    if unnumbered > 0 {
        out.push_str(&match lang {
            Lang::En => format!("; {unnumbered} with no numeric target, tracked only"),
            Lang::Zh => format!("；{unnumbered}项无数值目标，仅跟踪监测"),
        });
    }
    out.push('\n');
    out
}
