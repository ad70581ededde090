//! A plain-language reading of one KPI's assessment, in English or Chinese,
//! for reports: every figure in it is one `status` prints, written the same way.

use crate::core::assess::KpiAssessment;
use crate::core::methods::DecidedBy;
use crate::core::plan::{Direction, Kind};
use crate::lang::Lang;
use crate::output::format::{percent, signed, value, with_unit};
use crate::output::words::PeriodAs;

/// The paragraph for one KPI.
pub fn paragraph(k: &KpiAssessment, lang: Lang) -> String {
    let zh = lang.is_zh();
    let mut s = full_reading(k, lang);
    let status = lang.status(k.status);
    // The trend's own growth is said in the text already.
    let decisive = k
        .deciding_figure()
        .filter(|(by, _)| *by != DecidedBy::Trend)
        .and_then(|(by, v)| lang.deciding_figure(by, v));
    s.push_str(&match (zh, decisive) {
        (false, Some(figure)) => format!(" Status: {status} ({figure})."),
        (false, None) => format!(" Status: {status}."),
        (true, Some(figure)) => format!("状态：{status}（{figure}）。"),
        (true, None) => format!("状态：{status}。"),
    });
    if let Some(f) = super::forecast::sentence(k, lang) {
        s.push_str(&f);
    }
    if let Some(g) = &k.annual_growth {
        let line = lang.annual_growth(g, PeriodAs::of(k.kind));
        s.push_str(&if zh {
            format!("{line}。")
        } else {
            format!(" {line}.")
        });
    }
    // Chinese writes a percentage close to its number: 25.0%.
    lang.tight(s)
}

/// `above` or `short of`, by the direction: whether `x` is on the good side of `target`.
fn good_side(k: &KpiAssessment, x: f64, target: f64) -> bool {
    match k.direction {
        Some(Direction::Decrease) => x <= target,
        _ => x >= target,
    }
}

/// The whole reading of a KPI with no figure yet, or of a milestone.
fn short_reading(k: &KpiAssessment, lang: Lang) -> String {
    let name = lang.name(&k.name, k.name_zh.as_deref());
    let due = lang.period(k.target.period, PeriodAs::Due);
    let zh = lang.is_zh();
    let at = |p| lang.period(p, PeriodAs::Due);
    match (&k.latest, k.kind) {
        (None, Kind::Milestone) if zh => format!("{name}：尚未报告完成，期限为{due}。"),
        (None, Kind::Milestone) => format!("{name}: not yet reported achieved; due by {due}."),
        (None, _) if zh => format!("{name}：尚无数据。"),
        (None, _) => format!("{name}: no figure has been reported yet."),
        (Some(l), _) if l.value == 1.0 && zh => format!("{name}：已于{}报告完成。", at(l.period)),
        (Some(l), _) if l.value == 1.0 => format!("{name}: reported achieved in {}.", l.period),
        (Some(l), _) if zh => format!("{name}：{}报告尚未完成，期限为{due}。", at(l.period)),
        (Some(l), _) => format!(
            "{name}: reported not yet achieved in {}; due by {due}.",
            l.period
        ),
    }
}

/// The reading of a KPI with a figure: each sentence in both languages,
/// side by side, so the two cannot drift apart.
fn full_reading(k: &KpiAssessment, lang: Lang) -> String {
    let (Some(l), false) = (&k.latest, k.kind == Kind::Milestone) else {
        return short_reading(k, lang);
    };
    let name = lang.name(&k.name, k.name_zh.as_deref());
    // In Chinese, money in 亿元 and 万元 (89.6 billion yuan is 896亿元).
    let (scale, zh_unit) = lang.money(&k.unit, k.unit_zh.as_deref());
    let unit = |x: f64| match lang {
        Lang::En => with_unit(x, &k.unit),
        Lang::Zh => zh_with_unit(x * scale, &zh_unit),
    };
    let say = |s: &mut String, en: String, zh: String| s.push_str(lang.pick(&en, &zh));
    let dated = PeriodAs::of(k.kind);
    let due = lang.period(k.target.period, PeriodAs::Due);
    let (reported, period) = (unit(l.reported), lang.period(l.period, dated));
    let mut s = String::new();
    say(
        &mut s,
        format!("{name} reached {reported} in {period}"),
        format!("{name}{period}达到{reported}"),
    );
    if l.reported != l.value {
        let v = unit(l.value);
        say(
            &mut s,
            format!(" (year to date; {v} as an annual equivalent, an estimate)"),
            format!("（年内累计；折合全年约{v}，为估算）"),
        );
    }
    if l.scope != k.scope {
        let (seen, planned) = (
            lang.scope(&l.scope, &k.scopes_zh),
            lang.scope(&k.scope, &k.scopes_zh),
        );
        say(
            &mut s,
            format!(", a figure for `{seen}` where the target covers `{planned}`"),
            format!("（统计口径为“{seen}”，目标口径为“{planned}”）"),
        );
    }
    // The growth on a year earlier, the first figure a bureau's reader looks
    // for: published, or computed from the two figures.
    if let Some(y) = &k.yoy {
        let (how_en, how_zh) = if y.published {
            ("published", "公布数")
        } else {
            ("computed", "推算")
        };
        let up = if y.pct >= 0.0 { "增长" } else { "下降" };
        say(
            &mut s,
            format!(", {} on a year earlier ({how_en})", signed(y.pct, "%")),
            format!("，同比{up}{:.1}%（{how_zh}）", y.pct.abs()),
        );
    }
    match (k.target.value, k.completion, k.time_elapsed) {
        (Some(t), Some(c), Some(e)) => {
            let (t, c, e) = (unit(t), percent(c), percent(e));
            let base = k
                .baseline
                .as_ref()
                .map_or(String::new(), |b| lang.period(b.period, dated));
            say(
                &mut s,
                format!(
                    ": {c} of the way from the {base} baseline to the {due} target of {t}, with {e} of the time gone."
                ),
                format!("，完成{due}目标{t}的{c}（自{base}基期起算），时间进度{e}。"),
            );
        }
        (Some(t), _, _) => {
            let t = unit(t);
            say(
                &mut s,
                format!("; the {due} target is {t}."),
                format!("，{due}目标为{t}。"),
            );
        }
        (None, _, _) => say(
            &mut s,
            format!("; the plan sets no value for {due}, so the KPI is judged by its own trend."),
            "，规划未设定目标值，按自身趋势评估。".to_string(),
        ),
    }
    if let (Some(b), Some(r), Some(p)) = (&k.baseline, k.actual_cagr, k.projected) {
        let (since, r, reach) = (lang.period(b.period, dated), percent(r), unit(p));
        say(
            &mut s,
            format!(
                " At the growth rate since {since} ({r} a year) it would reach {reach} by {due}"
            ),
            format!("按{since}以来年均{r}的速度，到{due}将达到{reach}"),
        );
        match k.target.value {
            Some(t) if good_side(k, p, t) => {
                say(
                    &mut s,
                    ", meeting the target.".into(),
                    "，可完成目标。".into(),
                );
            }
            Some(t) => {
                // Two percentages differ by points, not by percent.
                let short = match (lang, k.unit.trim()) {
                    (Lang::En, "%") => format!("{} pp", value((p - t).abs())),
                    (Lang::Zh, "%") => format!("{}个百分点", value((p - t).abs())),
                    _ => unit((p - t).abs()),
                };
                say(
                    &mut s,
                    format!(", missing it by {short}."),
                    format!("，差{short}。"),
                );
            }
            None => say(&mut s, ".".into(), "。".into()),
        }
    }
    if let (Some(req), Some(t)) = (k.required_rate, k.target.value)
        && !good_side(k, l.value, t)
        && l.scope == k.scope
    {
        let (t, req) = (unit(t), signed(req * 100.0, "%"));
        say(
            &mut s,
            format!(" Reaching {t} on time takes {req} a year from here."),
            format!("如期完成需年均变化{req}。"),
        );
    }
    if k.completion.is_none() && !k.why.is_empty() {
        let reasons: Vec<String> = k.why.iter().map(|w| lang.why_in(w, &k.scopes_zh)).collect();
        say(
            &mut s,
            format!(" Why no figure: {}.", reasons.join("; ")),
            format!("未能计算的原因：{}。", reasons.join("；")),
        );
    }
    s
}

/// A value in a Chinese unit: `32.34亿元`, `4.4%`, `21 km²` (a unit in
/// Latin letters keeps its space).
fn zh_with_unit(x: f64, unit: &str) -> String {
    match unit {
        "" => value(x),
        "%" => format!("{}%", value(x)),
        u if u.starts_with(|c: char| c.is_ascii()) => format!("{} {u}", value(x)),
        u => format!("{}{u}", value(x)),
    }
}
