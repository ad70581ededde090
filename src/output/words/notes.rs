//! Phrases under a table and in a report: what the marks mean, each KPI's
//! reason, a year's pace and growth target, the next milestone, the plan's
//! caveats; English and Chinese side by side.

use crate::core::assess::{KpiAssessment, PlanAssessment};
use crate::core::series::Annualisation;
use crate::lang::Lang;
use crate::output::format;
use crate::output::words::PeriodAs;
use crate::output::words::table::{ESTIMATED, OTHER_SCOPE};

/// The plan's caveat for a KPI in `lang`: its Chinese twin (`caveat_zh`)
/// in Chinese when the plan gives one.
pub fn caveat(k: &KpiAssessment, lang: Lang) -> Option<&str> {
    match lang {
        Lang::Zh => k.caveat_zh.as_deref().or(k.caveat.as_deref()),
        Lang::En => k.caveat.as_deref(),
    }
}

/// The lines under a table: what the marks mean, each KPI's reason, and the
/// plan's caveats; a year's growth target in `lang` (the rest is English for
/// now).
pub fn notes(a: &PlanAssessment, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let any = |f: &dyn Fn(&KpiAssessment) -> bool| a.kpis.iter().any(f);
    let mut ways: Vec<&str> = Vec::new();
    for by in a
        .kpis
        .iter()
        .filter_map(|k| k.latest.as_ref().filter(|l| l.estimated)?.annualised_by)
    {
        let way = match by {
            Annualisation::TrailingFourQuarters => "the trailing four quarters",
            Annualisation::SeasonalShare => "the seasonal share of earlier years",
            Annualisation::Proportional => "x 4/q",
            Annualisation::FullYear => continue,
        };
        if !ways.contains(&way) {
            ways.push(way);
        }
    }
    let zh = lang.is_zh();
    if !ways.is_empty() {
        out.push(if zh {
            format!("{ESTIMATED} 年内累计值折合的全年数，为估算")
        } else {
            format!(
                "{ESTIMATED} annual equivalent of a year-to-date total, an estimate ({})",
                ways.join(", ")
            )
        });
    }
    if any(&|k| k.latest.as_ref().is_some_and(|l| l.scope != k.scope)) {
        out.push(if zh {
            format!("{OTHER_SCOPE} 统计口径与目标口径不同，见该指标的说明")
        } else {
            format!("{OTHER_SCOPE} a different scope from the target's: see the KPI's note")
        });
    }
    for k in &a.kpis {
        // In Chinese, money in 亿元 and 万元, as the table gives it.
        let (scale, unit) = lang.money(&k.unit, k.unit_zh.as_deref());
        let money = |x: f64| format!("{}{unit}", format::value(x * scale));
        // A reader's document names a KPI as the table does, never by its id.
        let name = lang.name(&k.name, k.name_zh.as_deref());
        if let Some(c) = caveat(k, lang) {
            out.push(if zh {
                format!("存疑（{name}）：{c}")
            } else {
                format!("Caveat ({name}): {c}")
            });
        }
        if k.reason.is_some() {
            // Each reason said from its data (in English as JSON says it,
            // but for comparators written as people read them: ≥, ≤).
            let r = k
                .why
                .iter()
                .map(|w| lang.why_in(w, &k.scopes_zh))
                .collect::<Vec<_>>()
                .join(lang.pick("; ", "；"));
            out.push(format!("{name}{}{r}", lang.pick(": ", "：")));
        }
        if let Some(y) = &k.year_pace {
            out.push(if zh {
                format!(
                    "{name}：{}年累计完成全年目标{}的{}，全年时间已过{}（{}个百分点）",
                    y.year,
                    money(y.annual_target),
                    lang.percent(y.completion),
                    lang.percent(y.time_elapsed),
                    format::signed(y.pace_gap_pp, "").trim_end()
                )
            } else {
                format!(
                    "{name}: {} so far is {} of the {} target of {} with {} of the year gone ({})",
                    y.year,
                    format::percent(y.completion),
                    y.year,
                    format::with_unit(y.annual_target, &k.unit),
                    format::percent(y.time_elapsed),
                    format::signed(y.pace_gap_pp, "pp")
                )
            });
        }
        if let Some(g) = &k.annual_growth {
            out.push(format!(
                "{name}{}{}",
                lang.pick(": ", "："),
                lang.annual_growth(g, PeriodAs::of(k.kind))
            ));
        }
        if let Some(m) = &k.next_milestone {
            out.push(if zh {
                format!(
                    "{name}：下一个阶段目标为{}前达到{}，{}",
                    lang.period(m.period, PeriodAs::Due),
                    money(m.value),
                    lang.status(m.status)
                )
            } else {
                format!(
                    "{name}: next milestone {} by {}: {}",
                    format::with_unit(m.value, &k.unit),
                    m.period,
                    m.status.label()
                )
            });
        }
    }
    out
}
