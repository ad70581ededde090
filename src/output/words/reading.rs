//! A plain-language reading of one KPI's assessment, in English or Chinese,
//! for reports: every figure in it is one `status` prints, written the same way.

use crate::core::assess::KpiAssessment;
use crate::core::methods::DecidedBy;
use crate::core::plan::{Direction, Kind};
use crate::lang::Lang;
use crate::output::format::{self, percent, signed, value, with_unit};
use crate::output::words::PeriodAs;

/// The paragraph for one KPI: the figures of the completion table in
/// sentences, published figures first (docs/report.md, "How the readings
/// are written"), then 评价 with the status it rests on, the forecast and
/// the year's growth target.
pub fn paragraph(k: &KpiAssessment, lang: Lang) -> String {
    let zh = lang.is_zh();
    let mut s = full_reading(k, lang);
    if k.kind != Kind::Milestone && k.latest.is_some() {
        s.push_str(&rating_sentence(k, lang));
    }
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

/// 评价, and the status it rests on with the method that decided it: `评价：
/// 快于序时进度（按增速比法评估为正常推进，增速比1.188）。`
fn rating_sentence(k: &KpiAssessment, lang: Lang) -> String {
    let rating = super::completion::rating(lang, k.rating);
    let status = lang.status(k.status);
    // The trend's own growth is said in the text already.
    let decisive = k
        .deciding_figure()
        .filter(|(by, _)| *by != DecidedBy::Trend)
        .and_then(|(by, v)| lang.deciding_figure(by, v));
    match (lang, decisive) {
        (Lang::En, Some(f)) => format!(" Rating: {rating} (status: {status}, {f})."),
        (Lang::En, None) => format!(" Rating: {rating} (status: {status})."),
        (Lang::Zh, Some(f)) => format!(
            "评价：{rating}（评估状态为{status}，{}）。",
            f.replace(' ', "")
        ),
        (Lang::Zh, None) => format!("评价：{rating}（评估状态为{status}）。"),
    }
}

/// A share done against the share of time gone: `2.4 points behind the
/// time gone`, `慢于序时进度2.4个百分点`; level within 0.05 points.
pub fn against_time(lang: Lang, share: f64, time: f64) -> String {
    let g = (share - time) * 100.0;
    let n = format!("{:.1}", g.abs());
    match (lang, g) {
        (Lang::En, g) if g.abs() < 0.05 => "level with the time gone".to_string(),
        (Lang::En, g) if g > 0.0 => format!("{n} points ahead of the time gone"),
        (Lang::En, _) => format!("{n} points behind the time gone"),
        (Lang::Zh, g) if g.abs() < 0.05 => "与序时进度持平".to_string(),
        (Lang::Zh, g) if g > 0.0 => format!("快于序时进度{n}个百分点"),
        (Lang::Zh, _) => format!("慢于序时进度{n}个百分点"),
    }
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
/// side by side, so the two cannot drift apart. Each figure is named by
/// what it is: 增量完成进度 (the share of the planned change made) is not
/// 完成率 (the figure as a share of the target).
fn full_reading(k: &KpiAssessment, lang: Lang) -> String {
    let (Some(l), false) = (&k.latest, k.kind == Kind::Milestone) else {
        return short_reading(k, lang);
    };
    let name = lang.name(&k.name, k.name_zh.as_deref());
    // In Chinese, money in 亿元 and 万元 (89.6 billion yuan is 896亿元).
    let (scale, zh_unit) = lang.money(&k.unit, k.unit_zh.as_deref());
    let count = k.kind == Kind::Count;
    let unit = |x: f64| {
        let x = if count { x.round() } else { x };
        match lang {
            Lang::En => with_unit(x, &k.unit),
            Lang::Zh => zh_with_unit(x * scale, &zh_unit),
        }
    };
    let percent_kpi = crate::core::units::is_percent(&k.unit);
    // A difference of two percentages is in points, not percent.
    let diff = |x: f64| match (lang, percent_kpi) {
        (Lang::En, true) => format!("{} pp", value(x)),
        (Lang::Zh, true) => format!("{}个百分点", value(x)),
        _ => unit(x),
    };
    let say = |s: &mut String, en: String, zh: String| s.push_str(lang.pick(&en, &zh));
    let dated = PeriodAs::of(k.kind);
    let due = lang.period(k.target.period, PeriodAs::Due);
    let (reported, period) = (unit(l.reported), lang.period(l.period, dated));
    let mut s = String::new();
    let flow = k.kind == Kind::Flow && l.period.quarter() != 4;
    say(
        &mut s,
        format!(
            "{name}: {reported} in {period}{}",
            if flow { " (year to date)" } else { "" }
        ),
        format!(
            "{name}{period}{}{reported}",
            if flow { "累计完成" } else { "为" }
        ),
    );
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
    // for: published, or computed from the two figures; for a KPI in
    // percent, the change in points.
    if let Some(y) = &k.yoy {
        let how = if y.published {
            ""
        } else {
            lang.pick(" (computed)", "（推算）")
        };
        match (y.pp, y.pct) {
            (Some(pp), _) => {
                let like = k.latest.as_ref().map(|l| l.reported);
                let said = super::bound::points(lang, pp, like);
                say(
                    &mut s,
                    format!(", {said} on a year earlier{how}"),
                    format!("，比上年同期{said}{how}"),
                );
            }
            (None, Some(pct)) => {
                let up = if pct >= 0.0 { "增长" } else { "下降" };
                say(
                    &mut s,
                    format!(", {} on a year earlier{how}", signed(pct, "%")),
                    format!("，同比{up}{:.1}%{how}", pct.abs()),
                );
            }
            (None, None) => {}
        }
    }
    s.push_str(lang.pick(".", "。"));
    // The year: its total so far against the year's target and the time gone.
    if let (Some(p), Some(y)) = (&k.year_pace, &k.year_target)
        && p.year == y.year
    {
        let target = unit(p.annual_target);
        let how = p
            .growth_pct
            .map(|g| {
                let n = value(g.abs());
                match (lang, g >= 0.0) {
                    (Lang::En, true) => format!(", +{n} % on {}", y.year - 1),
                    (Lang::En, false) => format!(", -{n} % on {}", y.year - 1),
                    (Lang::Zh, true) => format!("，比上年增长{n}%"),
                    (Lang::Zh, false) => format!("，比上年下降{n}%"),
                }
            })
            .unwrap_or_default();
        let (c, e) = (percent(p.completion), percent(p.time_elapsed));
        let pace = against_time(lang, p.completion, p.time_elapsed);
        say(
            &mut s,
            format!(
                " That is {c} of the {} target ({target}{how}) with {e} of the year gone, {pace}.",
                p.year
            ),
            format!(
                "完成{}年年度目标（{target}{how}）的{c}，序时进度{e}，{pace}。",
                p.year
            ),
        );
    }
    // The plan: the way since the base, from published figures.
    match (k.target.value, k.since_base.as_ref()) {
        _ if k.bound.is_some() => s.push_str(&unnumbered_target(k, lang)),
        (Some(t), Some(b)) if b.completion.is_some() => {
            let (c, e) = (
                b.completion.unwrap_or_default(),
                b.time_elapsed.unwrap_or_default(),
            );
            let base = lang.period(b.from, dated);
            let when = if b.to != l.period {
                let figure = b.figure.map(unit).unwrap_or_default();
                let at = lang.period(b.to, dated);
                lang.pick(
                    &format!(" In {at} it was {figure}:"),
                    &format!("{at}为{figure}，"),
                )
                .to_string()
            } else {
                lang.pick(" It has made", "").to_string()
            };
            let (tt, cc, ee) = (unit(t), percent(c), percent(e));
            let pace = against_time(lang, c, e);
            let fall = k.direction == Some(Direction::Decrease);
            let (change_en, change_zh) = if fall {
                ("reduction", "降幅")
            } else {
                ("increase", "增量")
            };
            say(
                &mut s,
                format!(
                    "{when} {cc} of the {change_en} planned from {base} to the {due} target of {tt} (progress on the {change_en}), with {ee} of the plan's time gone, {pace}"
                ),
                format!(
                    "{when}完成{base}至{due}规划{change_zh}的{cc}（{change_zh}完成进度），序时进度{ee}，{pace}"
                ),
            );
            // 完成率: the figure as a share of the target, named as such
            // (for a KPI to raise; a figure in percent is said in points).
            if let Some(x) = b.figure.filter(|_| t != 0.0 && !percent_kpi && !fall) {
                let r = percent(x / t);
                say(
                    &mut s,
                    format!("; the figure is {r} of the target (completion rate)"),
                    format!("；相当于目标值的{r}（完成率）"),
                );
            }
            if let Some(a) = b.actual {
                let since = lang.period(b.from, PeriodAs::Due);
                let stated = matches!(
                    k.target.stated,
                    Some(crate::core::targets::Stated::AverageGrowthPct(_))
                );
                let en = |x: f64, exact: bool| average_en(x, b.points, exact);
                let zh = |x: f64, exact: bool| average_zh(x, b.points, exact);
                let (planned_en, planned_zh) = b.planned.map_or_else(Default::default, |p| {
                    (
                        format!(" against the plan's {} a year", en(p, stated)),
                        format!("，规划年均{}", zh(p, stated)),
                    )
                });
                say(
                    &mut s,
                    format!("; since {since}, {} a year{planned_en}.", en(a, false)),
                    format!("；{since}以来年均{}{planned_zh}。", zh(a, false)),
                );
            } else {
                s.push_str(lang.pick(".", "。"));
            }
        }
        (Some(t), _) => {
            let t = unit(t);
            say(
                &mut s,
                format!(" The {due} target is {t}."),
                format!("{due}目标为{t}。"),
            );
        }
        (None, _) if k.bound.is_some() || k.target.text.is_some() || k.index.is_some() => {
            s.push_str(&unnumbered_target(k, lang));
        }
        (None, _) => say(
            &mut s,
            format!(" The plan sets no value for {due}, so the KPI is judged by its own trend."),
            "规划未设定目标值，按自身趋势评估。".to_string(),
        ),
    }
    // With no forecast, where the growth since the base leads (an
    // estimate, said as one); a shortfall smaller than the last digit
    // shown is none.
    if k.forecast.is_none()
        && let (Some(b), Some(r), Some(p), Some(t)) =
            (&k.baseline, k.actual_cagr, k.projected, k.target.value)
    {
        let since = lang.period(b.period, dated);
        let reach = unit(p);
        // The shortfall from the projection as shown (2.75, not 2.753): a
        // reader redoes 3 - 2.75 = 0.25.
        let shown = format::value(p * scale)
            .replace(',', "")
            .parse::<f64>()
            .map_or(p, |x| x / scale);
        let shown_gap = format::significant((t - shown).abs());
        let rounds_away = unit(p) == unit(t) || value(shown_gap) == "0";
        let verdict = if good_side(k, p, t) || rounds_away {
            lang.pick(", meeting the target", "，可达到目标")
                .to_string()
        } else {
            let short = diff(if count { shown_gap.round() } else { shown_gap });
            match lang {
                Lang::En => format!(", short of the target {} by about {short}", unit(t)),
                Lang::Zh => format!("，距目标{}尚差约{short}", unit(t)),
            }
        };
        let r = percent(r);
        say(
            &mut s,
            format!(
                " At the growth since {since} ({r} a year), about {reach} by {due} (an estimate){verdict}."
            ),
            format!("按{since}以来年均{r}的速度推算，{due}约{reach}{verdict}。"),
        );
    }
    // What it takes; with a forecast, the forecast says it beside the
    // years seen.
    if let (Some(req), Some(t), None) = (k.required_rate, k.target.value, &k.forecast)
        && !good_side(k, l.value, t)
        && l.scope == k.scope
        && !percent_kpi
    {
        let (t, req) = (unit(t), req * 100.0);
        let n = format!("{:.1}", req.abs());
        let (en, zh) = if req >= 0.0 {
            ("+", "增长")
        } else {
            ("-", "下降")
        };
        say(
            &mut s,
            format!(" Reaching {t} on time takes {en}{n} % a year from here."),
            format!("如期完成需年均{zh}{n}%。"),
        );
    }
    if k.bound.is_some() || k.status == crate::core::status::Status::NoNumericTarget {
        // Said with the target above.
    } else if k.completion.is_none() && !k.why.is_empty() {
        let reasons: Vec<String> = k.why.iter().map(|w| lang.why_in(w, &k.scopes_zh)).collect();
        say(
            &mut s,
            format!(" Why no figure: {}.", reasons.join("; ")),
            format!("未能计算的原因：{}。", reasons.join("；")),
        );
    }
    s
}

/// A target with no level of its own, in a sentence: a bound kept year
/// by year (and how it was kept), another KPI kept up with, words only, or
/// a growth at comparable prices (and where its index stands).
fn unnumbered_target(k: &KpiAssessment, lang: Lang) -> String {
    if let Some(c) = &k.bound {
        let target = super::bound::target(lang, c);
        let how = super::bound::said(lang, c);
        return match lang {
            Lang::En => format!(" The target: {target}; {how}."),
            Lang::Zh => format!("目标为{target}；{how}。"),
        };
    }
    if let Some(ix) = &k.index {
        let base = lang.period(ix.base, PeriodAs::Due);
        let mut s = match lang {
            Lang::En => format!(
                " Its growth is counted at comparable prices: the published growth chained into an index ({base} = 100)"
            ),
            Lang::Zh => format!("增长按可比价格计算：将公布的同比增速逐年连乘为指数（{base}=100）"),
        };
        if let (Some(l), Some(t), None) = (ix.latest(), ix.target, ix.missing) {
            let at = lang.period(l.period, PeriodAs::Due);
            let due = lang.period(k.target.period, PeriodAs::Due);
            let (i, t) = (format!("{:.2}", l.index), format!("{t:.2}"));
            s.push_str(&match lang {
                Lang::En => format!(", {i} in {at} against {t} for the {due} target"),
                Lang::Zh => format!("，{at}为{i}，{due}目标为{t}"),
            });
            if let (Some(c), Some(e), Some(r), Some(p)) =
                (k.completion, k.time_elapsed, k.actual_cagr, k.required_cagr)
            {
                let (c, e, r, p) = (percent(c), percent(e), percent(r), percent(p));
                s.push_str(&match lang {
                    Lang::En => format!(
                        ": {c} of the planned growth made against {e} of the time gone; {r} a year since the base, against the plan's {p}"
                    ),
                    Lang::Zh => format!("，完成规划增长的{c}，序时进度{e}；年均增长{r}，规划年均增长{p}"),
                });
            }
        }
        if let Some(year) = ix.missing {
            s.push_str(&match lang {
                Lang::En => format!("; no growth at comparable prices is published for {year}, so the index stops there and nothing is judged"),
                Lang::Zh => format!("；{year}年未公布按可比价格计算的增速，指数链在此中断，不作评价"),
            });
        }
        s.push_str(lang.pick(".", "。"));
        return s;
    }
    match (lang, super::bound::words(lang, &k.target)) {
        (Lang::En, Some(w)) => {
            format!(" The plan's target is in words, “{w}”: the figures are tracked, not judged.")
        }
        (Lang::Zh, Some(w)) => format!("规划目标为“{w}”，跟踪监测数据，不作评价。"),
        (_, None) => String::new(),
    }
}

/// An average change a year in English: `+8.1 %`, `+0.13 pp`; `exact`
/// for a rate the plan states (`+7 %`, never `+7.0 %`).
fn average_en(x: f64, points: bool, exact: bool) -> String {
    let sign = if x < 0.0 { "-" } else { "+" };
    match (points, exact) {
        (true, _) => format!("{sign}{} pp", format::points(x.abs())),
        (false, true) => format!("{sign}{} %", value(x.abs())),
        (false, false) => format!("{sign}{:.1} %", x.abs()),
    }
}

/// An average change a year in Chinese: `增长8.1%`, `下降5.4%`, `提高0.13个
/// 百分点`.
fn average_zh(x: f64, points: bool, exact: bool) -> String {
    match (points, x < 0.0) {
        (true, false) => format!("提高{}个百分点", format::points(x)),
        (true, true) => format!("降低{}个百分点", format::points(-x)),
        (false, fall) => {
            let n = if exact {
                value(x.abs())
            } else {
                format!("{:.1}", x.abs())
            };
            format!("{}{n}%", if fall { "下降" } else { "增长" })
        }
    }
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
