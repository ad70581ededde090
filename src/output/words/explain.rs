//! An explanation as text: inputs, then numbered steps, then the status, in
//! English or Chinese (the formulas' notation is the same in both).

use crate::core::assess::BaselineFrom;
use crate::core::explain::{Explanation, Figure, Formula, Working, num};
use crate::core::period::Period;
use crate::core::plan::Shape;
use crate::core::series::Annualisation;
use crate::core::status::Status;
use crate::lang::Lang;
use crate::output::words::PeriodAs;

/// The explanation of `kpi`'s assessment as text in `lang`: money as the
/// reader counts it (billion yuan in 亿元 in Chinese), every step redone in it.
pub fn of_kpi(
    plan: &crate::core::plan::Plan,
    kpi: &crate::core::plan::Kpi,
    observations: &[crate::core::observation::Observation],
    as_of: Period,
    method: crate::core::methods::Method,
    lang: Lang,
) -> String {
    let scale = lang.money(&kpi.unit, kpi.unit_zh.as_deref()).0;
    let ex = crate::core::explain::of_kpi(plan, kpi, observations, as_of, method, scale);
    text(&ex, lang)
}

pub fn text(ex: &Explanation, lang: Lang) -> String {
    let (_, unit) = lang.money(&ex.unit, ex.unit_zh.as_deref());
    let at = |p| lang.period(p, PeriodAs::of(ex.kind));
    let mut out = match lang {
        Lang::En => format!(
            "{}/{}: {} ({}), method {}, as of {}\n\nObservations (as published -> as assessed):\n",
            ex.plan,
            ex.kpi,
            ex.name,
            if unit.is_empty() { "no unit" } else { &unit },
            ex.method.id(),
            ex.as_of
        ),
        Lang::Zh => format!(
            "{}/{}：{}（{}），评估方法：{}，截至{}\n\n数据（公布值 -> 评估值）：\n",
            ex.plan,
            ex.kpi,
            lang.name(&ex.name, ex.name_zh.as_deref()),
            if unit.is_empty() { "无单位" } else { &unit },
            // The method's name, as `method_words` begins: 增速比法.
            lang.method_words(ex.method)
                .split_once('：')
                .map_or("", |(name, _)| name),
            lang.period(ex.as_of, PeriodAs::Due)
        ),
    };
    if ex.observations.is_empty() {
        out.push_str(lang.pick("  none\n", "  无\n"));
    }
    for o in &ex.observations {
        let how = o.annualised_by.map(|a| match lang {
            Lang::En => format!(" ({})", a.id()),
            Lang::Zh => format!("（{}）", annualised_zh(a)),
        });
        let scope = match lang {
            Lang::En => format!("scope `{}`", o.scope),
            Lang::Zh => format!("口径“{}”", lang.scope(&o.scope, &ex.scopes_zh)),
        };
        // The 同比 published with it, beside it.
        let yoy = o.published_yoy_pct.map_or(String::new(), |y| {
            let y = crate::output::format::signed(y, "%");
            match lang {
                Lang::En => format!("  YoY {y} (published)"),
                Lang::Zh => format!("  同比{}（公布数）", lang.tight(y.clone())),
            }
        });
        out.push_str(&format!(
            "  {}  {} -> {}{}  {scope}{yoy}\n",
            at(o.period),
            num(o.reported),
            num(o.value),
            how.unwrap_or_default()
        ));
    }
    out.push_str(lang.pick("\nSteps:\n", "\n计算步骤：\n"));
    if ex.steps.is_empty() {
        out.push_str(lang.pick("  none\n", "  无\n"));
    }
    for (i, s) in ex.steps.iter().enumerate() {
        let (figure, formula, working) = match lang {
            Lang::En => (s.figure.en(), s.formula.en(), s.working.en()),
            Lang::Zh => (
                figure_zh(&s.figure, ex),
                formula_zh(&s.formula, ex),
                working_zh(&s.working),
            ),
        };
        // The three spans of years, one to a line, so the working fits a
        // terminal.
        let working = match s.working {
            Working::Years { .. } => working.replace("; ", "\n     ").replace("；", "\n     "),
            _ => working,
        };
        out.push_str(&format!("{:>3}. {figure}\n     {formula}\n", i + 1));
        match s.result {
            Some(r) if working == num(r) => out.push_str(&format!("     = {}\n", num(r))),
            Some(r) => out.push_str(&format!("     = {working}\n     = {}\n", num(r))),
            None => out.push_str(&format!("     {working}\n")),
        }
    }
    match lang {
        Lang::En => {
            out.push_str(&format!("\nStatus: {}", ex.status.label()));
            if let Some(by) = ex.decided_by {
                out.push_str(&format!(" (decided by {by})"));
            }
            out.push('\n');
            if let Some(r) = &ex.reason {
                out.push_str(&format!("Reason: {r}\n"));
            }
        }
        Lang::Zh => {
            out.push_str(&format!("\n状态：{}", lang.status(ex.status)));
            if let Some(by) = ex.decided_by {
                out.push_str(&format!("（依据：{}）", lang.decided_by(by)));
            }
            out.push('\n');
            let reasons: Vec<String> = ex
                .why
                .iter()
                .map(|w| lang.why_in(w, &ex.scopes_zh))
                .collect();
            if !reasons.is_empty() {
                out.push_str(&format!("原因：{}\n", reasons.join("；")));
            }
        }
    }
    out
}

fn annualised_zh(a: Annualisation) -> &'static str {
    match a {
        Annualisation::FullYear => "全年",
        Annualisation::TrailingFourQuarters => "最近四个季度",
        Annualisation::SeasonalShare => "按往年季节占比折年",
        Annualisation::Proportional => "按时间比例折年",
    }
}

/// A quarter as Chinese writes it, the fourth too (2022年四季度): the
/// working counts quarters.
fn quarter(p: Period) -> String {
    let q = ["一", "二", "三", "四"][usize::from(p.quarter().clamp(1, 4)) - 1];
    format!("{}年{q}季度", p.year())
}

fn figure_zh(f: &Figure, ex: &Explanation) -> String {
    let at = |p| Lang::Zh.period(p, PeriodAs::of(ex.kind));
    match f {
        Figure::Baseline { period, from } => format!(
            "基期值 x0（{}，{}）",
            at(*period),
            match from {
                BaselineFrom::Plan => "来自规划",
                BaselineFrom::Data => "来自数据",
                BaselineFrom::CountStart => "计数从零起",
                BaselineFrom::Revised => "统计修订后的数值",
            }
        ),
        Figure::Latest { period, scope } => {
            let scope = Lang::Zh.scope(scope, &ex.scopes_zh);
            format!("最新值 xt（{}，口径“{scope}”）", at(*period))
        }
        Figure::OwnGrowth => "自身增速（趋势）".into(),
        Figure::Target {
            comparator,
            value,
            period,
        } => format!(
            "目标值 X（{}{}，{}）",
            comparator.map_or("", |c| Lang::Zh.comparator(c)),
            num(*value),
            Lang::Zh.period(*period, PeriodAs::Due)
        ),
        Figure::Gap => "差距".into(),
        Figure::GapPct => "差距率（%）".into(),
        Figure::Years => "年数 t - t0、T - t0、T - t".into(),
        Figure::Expected => "应达值（目标路径）".into(),
        Figure::GapToTrajectory => "与目标路径的差距".into(),
        Figure::Completion => "完成进度 c".into(),
        Figure::TimeElapsed => "时间进度 e".into(),
        Figure::PaceGap => "进度差（百分点）".into(),
        Figure::ActualCagr => "实际年均增速".into(),
        Figure::RequiredCagr => "所需年均增速".into(),
        Figure::GrowthRatio => "增速比 R".into(),
        Figure::LinearRateRatio => "线性进度比 R".into(),
        Figure::Projected { linear: true } => "目标期预测值（线性）".into(),
        Figure::Projected { linear: false } => "目标期预测值".into(),
        Figure::ProjectionRatio => "预测完成比 P".into(),
        Figure::RequiredRate => "此后所需年均增速".into(),
        Figure::Status => "状态".into(),
        Figure::GrowthTarget { year } => format!("{year}年增长目标 g*"),
        Figure::YearOnYear { period } => format!("同比增长 g（{}）", at(*period)),
        Figure::YoyRatio { toward: true } => "增长完成比 g / g*".into(),
        Figure::YoyRatio { toward: false } => "增长完成比 g* / g".into(),
        Figure::GrowthStatus { year } => format!("{year}年增长目标完成情况"),
        Figure::Forecast => "预测".into(),
        Figure::YearEnds => "年末数据 x_i".into(),
        Figure::IndexLink { period, estimated } => format!(
            "可比价物量指数 I（{}）{}",
            at(*period),
            if *estimated {
                "，按年内累计增速推算（估算）"
            } else {
                ""
            }
        ),
        Figure::IndexTarget => "目标折算的指数 I*".into(),
        Figure::BoundYear { year } => format!("{year}年数值对照"),
        Figure::BoundAverage { other: false } => "规划各年平均".into(),
        Figure::BoundAverage { other: true } => "对照指标各年平均".into(),
        Figure::AnnualSteps { log: true } => "各年对数增长 r_i".into(),
        Figure::AnnualSteps { log: false } => "各年变化 r_i".into(),
        Figure::StepMean { log: true } => "年均对数增长 g".into(),
        Figure::StepMean { log: false } => "年均变化 g".into(),
        Figure::StepSd { log: true } => "对数增长的标准差 s".into(),
        Figure::StepSd { log: false } => "变化的标准差 s".into(),
        Figure::Horizon { from, to } => format!(
            "预测期 h（{}至{}，年）",
            Lang::Zh.period(*from, PeriodAs::Level),
            Lang::Zh.period(*to, PeriodAs::Due)
        ),
        Figure::ForecastCentre => "预测中值 m".into(),
        Figure::ForecastSe { log: true } => "预测标准误 se（对数）".into(),
        Figure::ForecastSe { log: false } => "预测标准误 se".into(),
        Figure::TQuantile => "t分位数".into(),
        Figure::Range { low: true } => "80%区间下限".into(),
        Figure::Range { low: false } => "80%区间上限".into(),
        Figure::Chance => "达标可能性 p".into(),
    }
}

fn formula_zh(f: &Formula, ex: &Explanation) -> String {
    let months = |q: u8| format!("1-{}月", u32::from(q) * 3);
    match f {
        Formula::Math(m) => m.to_string(),
        Formula::AsStated => "规划所列".into(),
        Formula::Newest => "截至评估期的最新可比值".into(),
        Formula::FromPlan => "来自规划".into(),
        Formula::FromPlanAbout => "来自规划；“左右”：在容差内即为完成".into(),
        Formula::QuartersOver4 => "两期之间的季度数 / 4".into(),
        Formula::GapToTrajectory => "xt - 应达值".into(),
        Formula::GrowthRatio => "d * 实际年均增速 / |所需年均增速|".into(),
        Formula::ProjectedCompound => "xt * (1 + 实际年均增速)^(T - t)".into(),
        Formula::ProjectionRatio => "d * (预测值 - x0) / |X - x0|".into(),
        Formula::AverageGrowth => {
            "年均增长 r%：x0 * (1 + r / 100)^(T - t0)，以规划基期值为起点".into()
        }
        Formula::ChangePct => "累计提高/下降 c%：x0 * (1 + c / 100)，以规划基期值为起点".into(),
        Formula::ChangePp => "提高 d 个百分点：x0 + d，以规划基期值为起点".into(),
        Formula::FullYear => "四季度的年内累计值即全年值".into(),
        Formula::TrailingFourQuarters { year, quarter } => format!(
            "年内累计 + ({year}年全年 - {year}年{}累计)：最近四个季度",
            months(*quarter)
        ),
        Formula::SeasonalShare { quarter, shares } => format!(
            "年内累计 / 往年{}累计占全年比重的平均值（{}）",
            months(*quarter),
            shares
                .iter()
                .map(|(y, s)| format!("{y}年：{}", num(*s)))
                .collect::<Vec<_>>()
                .join("，")
        ),
        Formula::Proportional => "年内累计 * 4 / 季度数（无往年数据可据以判断季节性）".into(),
        Formula::TargetOn => "目标期起即为目标值".into(),
        Formula::Trajectory {
            shape,
            from: (a, xa),
            to: (b, xb),
        } => {
            let span = format!(
                "从（{}，{}）到（{}，{}）",
                quarter(*a),
                num(*xa),
                quarter(*b),
                num(*xb)
            );
            match shape {
                Shape::Linear => format!("{span}线性推进：xa + (xb - xa) * s"),
                Shape::Compound => format!("{span}按复合增长：xa * (xb / xa)^s"),
            }
        }
        Formula::Thresholds {
            figure,
            high,
            medium,
            low,
        } => {
            let s = |st| Lang::Zh.status(st);
            format!(
                "{}：≥{}为{}，≥{}为{}，{}低于此为{}",
                figure_zh(figure, ex),
                num(*high),
                s(Status::OnTrack),
                num(*medium),
                s(Status::NeedsAcceleration),
                low.map_or(String::new(), |l| format!(
                    "≥{}为{}，",
                    num(l),
                    s(Status::LimitedProgress)
                )),
                s(Status::Deterioration)
            )
        }
        Formula::MovedAway => "完成进度低于0：数值朝背离目标的方向变化".into(),
        Formula::TargetMet => "最新值已达到目标".into(),
        Formula::YoyNeeds => "需要当年数据及其同比增速".into(),
        Formula::YoyComputed => {
            "(x(t) / x(t - 4个季度) - 1) * 100，按所报数值（流量指标为年内累计）".into()
        }
        Formula::YoyPublished => "随数据公布".into(),
        Formula::YoyToward => "g / g*（目标在有利方向上偏离0）".into(),
        Formula::YoyBound => "g* / g（不利方向的界限）".into(),
        Formula::GrowthRule => "达到目标（“左右”在容差内即可）：四季度数据为已达成，之前为正常推进；否则按增速比的阈值判断".into(),
        Formula::ForecastNeeds => format!(
            "至少需要{}个年末数据的年度变化，且各年变化不完全相同",
            crate::core::forecast::MIN_STEPS
        ),
        Formula::YearEnds => "该指标本口径各年末（四季度）数据（流量指标为全年累计），取相邻年份，最后一个为 x_y".into(),
        Formula::TQuantile { df } => {
            format!("t分布0.90分位数，自由度 n - 1 = {df}（80%区间，两侧各10%）")
        }
        Formula::Chance { log, increase } => format!(
            "P(T_(n-1) {} ({} - {}) / se)：t分布{}尾概率",
            if *increase { "≥" } else { "≤" },
            if *log { "ln X" } else { "X" },
            if *log { "ln m" } else { "m" },
            if *increase { "上" } else { "下" }
        ),
    }
}

fn working_zh(w: &Working) -> String {
    let zh = Lang::Zh;
    match w {
        Working::Math(m) => m.clone(),
        Working::Years { t0, t, due } => format!(
            "t - t0 = {} - {} = {}个季度 = {}年；T - t0 = {} - {} = {}个季度 = {}年；T - t = {} - {} = {}个季度 = {}年",
            quarter(*t),
            quarter(*t0),
            t0.quarters_until(*t),
            num(t0.years_until(*t)),
            quarter(*due),
            quarter(*t0),
            t0.quarters_until(*due),
            num(t0.years_until(*due)),
            quarter(*due),
            quarter(*t),
            t.quarters_until(*due),
            num(t.years_until(*due))
        ),
        Working::Decided { value, status } => format!("{value} -> {}", zh.status(*status)),
        Working::Growth { why, status } => format!(
            "{}{}",
            why.as_ref()
                .map_or(String::new(), |w| format!("{} -> ", zh.why(w))),
            zh.status(*status)
        ),
        Working::Missing(why) => why.as_ref().map_or(String::new(), |w| zh.why(w)),
        Working::NoForecast(why) => super::forecast::why(zh, why),
        Working::YearEnds(points) => points
            .iter()
            .map(|(p, v)| format!("{} {}", zh.period(*p, PeriodAs::Level), num(*v)))
            .collect::<Vec<_>>()
            .join("；"),
        Working::GrowthTarget {
            comparator,
            target_pct,
            tolerance_pp,
        } => format!(
            "{}{}%{}",
            zh.comparator(*comparator),
            num(*target_pct),
            tolerance_pp.map_or(String::new(), |t| format!("，容差{}个百分点", num(t)))
        ),
    }
}
