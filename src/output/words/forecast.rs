//! Phrases of the forecast: the chance in words (the IPCC's scale), the
//! sentence a report gives each KPI, and why there is no forecast; English
//! and Chinese side by side.

use crate::core::assess::KpiAssessment;
use crate::core::forecast::{Forecast, Likelihood, NoForecast, StepsIn};
use crate::lang::Lang;
use crate::output::format;
use crate::output::words::PeriodAs;

/// A chance in words: `very unlikely`, `很不可能`.
pub fn likelihood(lang: Lang, l: Likelihood) -> &'static str {
    let (en, zh) = match l {
        Likelihood::VeryLikely => ("very likely", "很可能"),
        Likelihood::Likely => ("likely", "较可能"),
        Likelihood::AboutAsLikelyAsNot => ("about as likely as not", "可能性约一半"),
        Likelihood::Unlikely => ("unlikely", "不太可能"),
        Likelihood::VeryUnlikely => ("very unlikely", "很不可能"),
    };
    lang.pick(en, zh)
}

/// A chance as a whole percentage: `6 %`, `about 6 %` is the sentence's.
fn percent(lang: Lang, p: f64) -> String {
    let pct = p * 100.0;
    let text = if pct < 1.0 {
        lang.pick("under 1 %", "不足1%").to_string()
    } else if pct > 99.0 {
        lang.pick("over 99 %", "超过99%").to_string()
    } else {
        format!("{pct:.0} %")
    };
    lang.tight(text)
}

/// Why there is no forecast (or no range and chance in it).
pub fn why(lang: Lang, w: &NoForecast) -> String {
    match lang {
        Lang::En => w.en(),
        Lang::Zh => match w {
            NoForecast::NoTarget => "无数值目标，不作预测".to_string(),
            NoForecast::TargetYearIn => "目标期数据已出，无需预测".to_string(),
            NoForecast::TooFewSteps { steps: 0 } => format!(
                "尚无年末数据的年度变化（至少需要{}个才能判断波动）",
                crate::core::forecast::MIN_STEPS
            ),
            NoForecast::TooFewSteps { steps } => format!(
                "年末数据仅有{steps}个年度变化，不足以判断波动（至少需要{}个）",
                crate::core::forecast::MIN_STEPS
            ),
            NoForecast::NotPositive => {
                "有年末数值为零或负数，复合增长型指标无法计算增速".to_string()
            }
            NoForecast::TooRegular => {
                "各年变化完全相同，无法判断波动，故不给出区间和可能性".to_string()
            }
            NoForecast::Bound => "逐年对照的约束值，无需达到的水平可供预测".to_string(),
            NoForecast::Comparable => {
                "按可比价格计算增长，按已公布增速的指数评估，不预测现价水平".to_string()
            }
        },
    }
}

/// The report's sentence on a KPI's forecast, money in the reader's unit:
/// `At the growth seen since 2016, 2025Q4 is expected at 165.72 billion yuan
/// (80 % range 155.19 to 176.96); the chance of reaching the target of 180
/// billion yuan is about 6 %
/// (very unlikely). It needs 11.5 % a year; the best year so far was 10.9 %.`
/// None where there is nothing to say (no target, the target year in).
pub fn sentence(k: &KpiAssessment, lang: Lang) -> Option<String> {
    // With no figure at all, the reading says so already.
    k.latest.as_ref()?;
    let Some(f) = &k.forecast else {
        return match &k.forecast_why {
            Some(w @ (NoForecast::TooFewSteps { .. } | NoForecast::NotPositive)) => {
                Some(match lang {
                    Lang::En => format!(" No forecast: {}.", why(lang, w)),
                    Lang::Zh => format!("未作预测：{}。", why(lang, w)),
                })
            }
            _ => None,
        };
    };
    let target = k.target.value?;
    let (scale, unit) = lang.money(&k.unit, k.unit_zh.as_deref());
    let v = shown(k, lang);
    let with_unit = |x: f64| match (lang, unit.as_str()) {
        (_, "") => v(x),
        (Lang::En, "%") => format!("{} %", v(x)),
        (Lang::En, u) => format!("{} {u}", v(x)),
        (Lang::Zh, u) => format!("{}{u}", v(x)),
    };
    let since = f
        .year_ends
        .first()
        .map_or(f.jump_off.period.year(), |p| p.0.year());
    let due = lang.period(k.target.period, PeriodAs::Due);
    let mut s = match (lang, f.interval) {
        (Lang::En, Some(i)) => format!(
            "At the growth seen since {since}, {due} is expected at {} (80 % range {} to {})",
            with_unit(f.centre),
            v(i.low),
            v(i.high)
        ),
        (Lang::En, None) => format!(
            "At the growth seen since {since}, {due} is expected at {}",
            with_unit(f.centre)
        ),
        (Lang::Zh, Some(i)) => format!(
            "按{since}年以来的增长，{due}预计达到{}（80%区间{}至{}）",
            with_unit(f.centre),
            v(i.low),
            v(i.high)
        ),
        (Lang::Zh, None) => format!(
            "按{since}年以来的增长，{due}预计达到{}",
            with_unit(f.centre)
        ),
    };
    s.push_str(&match (lang, f.p_meet, f.words) {
        (Lang::En, Some(p), Some(w)) => format!(
            "; the chance of reaching the plan's target of {} is about {} ({})",
            with_unit(target),
            percent(lang, p),
            likelihood(lang, w)
        ),
        (Lang::Zh, Some(p), Some(w)) => format!(
            "，达到规划目标{}的可能性约{}（{}）",
            with_unit(target),
            percent(lang, p),
            likelihood(lang, w)
        ),
        (Lang::En, ..) => format!(
            "; no chance is given: {}",
            why(lang, &NoForecast::TooRegular)
        ),
        (Lang::Zh, ..) => format!("；{}", why(lang, &NoForecast::TooRegular)),
    });
    s.push_str(lang.pick(".", "。"));
    let fall = k.direction == Some(crate::core::plan::Direction::Decrease);
    if let Some(needs) = needs(f, lang, scale, &unit, fall) {
        s.push_str(&needs);
    }
    if f.rough && f.p_meet.is_some() {
        s.push_str(lang.pick(
            " A rough guide: few years of data.",
            "数据年份少，仅供参考。",
        ));
    }
    Some(match lang {
        Lang::En => format!(" {s}"),
        Lang::Zh => s,
    })
}

/// What it takes, beside the best and the mean year seen: `It needs 11.5 %
/// a year; the best year so far was 10.9 %, the mean 8.4 %.`
fn needs(f: &Forecast, lang: Lang, scale: f64, unit: &str, fall: bool) -> Option<String> {
    let required = f.required?;
    // Where no growth at all is needed, a negative "need" would mislead.
    if (!fall && required <= 0.0) || (fall && required >= 0.0) {
        return Some(
            lang.pick(
                " Holding the present level would meet it.",
                "保持现有水平即可达到目标。",
            )
            .to_string(),
        );
    }
    let change = |x: f64| change(lang, x * scale, unit);
    Some(match (f.steps_in, lang) {
        (StepsIn::Log, Lang::En) => format!(
            " It needs {} a year; the best year so far was {}, the mean {}.",
            pct(required),
            pct(f.best_growth_pct?),
            pct(f.growth_mean_pct?)
        ),
        // Chinese says a fall as 下降 and a rise as 增长, never a sign.
        (StepsIn::Log, Lang::Zh) if fall => format!(
            "需年均下降{}，以往降幅最大为{}，平均下降{}。",
            lang.percent(-required / 100.0),
            lang.percent(-f.best_growth_pct? / 100.0),
            lang.percent(-f.growth_mean_pct? / 100.0)
        ),
        (StepsIn::Log, Lang::Zh) => format!(
            "需年均增长{}，以往最高为{}，平均为{}。",
            lang.percent(required / 100.0),
            lang.percent(f.best_growth_pct? / 100.0),
            lang.percent(f.growth_mean_pct? / 100.0)
        ),
        (StepsIn::Level, Lang::En) => format!(
            " It needs {} a year; the best year so far was {}, the mean {}.",
            change(required),
            change(f.best_change?),
            change(f.change_mean?)
        ),
        (StepsIn::Level, Lang::Zh) => format!(
            "需每年{}，以往最多一年{}，平均每年{}。",
            zh_change(required * scale, unit),
            zh_change(f.best_change? * scale, unit),
            zh_change(f.change_mean? * scale, unit)
        ),
    })
}

/// A growth in percent with one decimal and its sign: `+11.5 %`.
fn pct(x: f64) -> String {
    format::signed(x, "%")
}

/// A change as Chinese says it: 提高0.3个百分点 (a percentage), 增加12家.
fn zh_change(x: f64, unit: &str) -> String {
    let v = format::value(x.abs());
    match (unit, x < 0.0) {
        ("%", false) => format!("提高{v}个百分点"),
        ("%", true) => format!("降低{v}个百分点"),
        (u, false) => format!("增加{v}{u}"),
        (u, true) => format!("减少{v}{u}"),
    }
}

/// A signed change in the KPI's unit: `+0.27 pp` (+0.27个百分点) for a
/// percentage, `+12` for others.
fn change(lang: Lang, x: f64, unit: &str) -> String {
    let sign = if x < 0.0 { "-" } else { "+" };
    let v = format::value(x.abs());
    match (unit, lang) {
        ("%", Lang::En) => format!("{sign}{v} pp"),
        ("%", Lang::Zh) => format!("{sign}{v}个百分点"),
        (_, _) => format!("{sign}{v}"),
    }
}

/// The lines `status` gives under its table: each KPI's forecast in one
/// line, or why it has none (where it has a figure at all).
pub fn notes(a: &crate::core::assess::PlanAssessment, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = a.kpis.iter().filter_map(|k| note(k, lang)).collect();
    // The KPIs with too few years, in one line: each with how many annual
    // changes it has so far.
    let few: Vec<String> = a
        .kpis
        .iter()
        .filter(|k| k.latest.is_some())
        .filter_map(|k| match k.forecast_why {
            Some(NoForecast::TooFewSteps { steps }) => {
                let name = lang.name(&k.name, k.name_zh.as_deref());
                Some(match lang {
                    Lang::En => format!("{name} ({steps})"),
                    Lang::Zh => format!("{name}（{steps}个）"),
                })
            }
            _ => None,
        })
        .collect();
    if !few.is_empty() {
        let min = crate::core::forecast::MIN_STEPS;
        out.push(match lang {
            Lang::En => format!(
                "No forecast yet, {min} annual changes of year-end figures being the fewest that can judge the spread (each KPI's so far): {}",
                few.join(", ")
            ),
            Lang::Zh => format!(
                "尚未预测（至少需要{min}个年末数据的年度变化才能判断波动，括号内为现有个数）：{}",
                few.join("、")
            ),
        });
    }
    out
}

/// `Industrial output: by 2025Q4 the growth seen gives 165.72 (80 % range
/// 155.19 to 176.96); chance of meeting the target about 6 % (very
/// unlikely)`, `工业总产值：按以往增长，2025年预计1,657.18（80%区间1,551.91至1,769.59），达标可能性约6%（很不可能）`.
fn note(k: &KpiAssessment, lang: Lang) -> Option<String> {
    k.latest.as_ref()?;
    let name = lang.name(&k.name, k.name_zh.as_deref());
    let Some(f) = &k.forecast else {
        return match &k.forecast_why {
            // (Too few years: one line for them all, in `notes`.)
            Some(w @ NoForecast::NotPositive) => Some(match lang {
                Lang::En => format!("{name}: no forecast: {}", why(lang, w)),
                Lang::Zh => format!("{name}：未作预测：{}", why(lang, w)),
            }),
            _ => None,
        };
    };
    let v = shown(k, lang);
    let due = lang.period(k.target.period, PeriodAs::Due);
    let range = f.interval.map_or(String::new(), |i| match lang {
        Lang::En => format!(" (80 % range {} to {})", v(i.low), v(i.high)),
        Lang::Zh => format!("（80%区间{}至{}）", v(i.low), v(i.high)),
    });
    let chance = match (f.p_meet, f.words, lang) {
        (Some(p), Some(w), Lang::En) => format!(
            "; chance of meeting the target about {} ({}){}",
            percent(lang, p),
            likelihood(lang, w),
            if f.rough {
                ", a rough guide: few years of data"
            } else {
                ""
            }
        ),
        (Some(p), Some(w), Lang::Zh) => format!(
            "，达标可能性约{}（{}）{}",
            percent(lang, p),
            likelihood(lang, w),
            if f.rough {
                "，数据年份少，仅供参考"
            } else {
                ""
            }
        ),
        (_, _, Lang::En) => format!("; {}", why(lang, &NoForecast::TooRegular)),
        (_, _, Lang::Zh) => format!("；{}", why(lang, &NoForecast::TooRegular)),
    };
    Some(match lang {
        Lang::En => format!(
            "{name}: by {due} the growth seen gives {}{range}{chance}",
            v(f.centre)
        ),
        Lang::Zh => format!(
            "{name}：按以往增长，{due}预计{}{range}{chance}",
            v(f.centre)
        ),
    })
}

/// A figure of `k` in the reader's unit (亿元 for billion yuan in Chinese);
/// a count whole (about 375 firms, never 375.28).
fn shown(k: &KpiAssessment, lang: Lang) -> impl Fn(f64) -> String {
    let (scale, _) = lang.money(&k.unit, k.unit_zh.as_deref());
    let count = k.kind == crate::core::plan::Kind::Count;
    move |x| {
        let x = x * scale;
        format::value(if count { x.round() } else { x })
    }
}
