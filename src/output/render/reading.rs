//! A plain-language reading of one KPI's assessment, in English or Chinese,
//! for reports: every figure in it is one `status` prints, written the same way.

use crate::core::assess::KpiAssessment;
use crate::core::methods::DecidedBy;
use crate::core::plan::{Direction, Kind};
use crate::output::format::{percent, signed, value, with_unit};
use crate::output::words::Lang;

/// The paragraph for one KPI.
pub fn paragraph(k: &KpiAssessment, lang: Lang) -> String {
    let zh = lang.is_zh();
    let mut s = if zh { zh_text(k) } else { en_text(k) };
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
    s
}

/// `above` or `short of`, by the direction: whether `x` is on the good side of `target`.
fn good_side(k: &KpiAssessment, x: f64, target: f64) -> bool {
    match k.direction {
        Some(Direction::Decrease) => x <= target,
        _ => x >= target,
    }
}

fn en_text(k: &KpiAssessment) -> String {
    let unit = |x: f64| with_unit(x, &k.unit);
    let Some(l) = &k.latest else {
        return match k.kind {
            Kind::Milestone => format!(
                "{}: not yet reported achieved; due by {}.",
                k.name, k.target.period
            ),
            _ => format!("{}: no figure has been reported yet.", k.name),
        };
    };
    if k.kind == Kind::Milestone {
        return if l.value == 1.0 {
            format!("{}: reported achieved in {}.", k.name, l.period)
        } else {
            format!(
                "{}: reported not yet achieved in {}; due by {}.",
                k.name, l.period, k.target.period
            )
        };
    }
    let mut s = format!("{} reached {} in {}", k.name, unit(l.reported), l.period);
    if l.reported != l.value {
        s.push_str(&format!(
            " (year to date; {} as an annual equivalent, an estimate)",
            unit(l.value)
        ));
    }
    if l.scope != k.scope {
        s.push_str(&format!(
            ", a figure for `{}` where the target covers `{}`",
            l.scope, k.scope
        ));
    }
    match (k.target.value, k.completion, k.time_elapsed) {
        (Some(t), Some(c), Some(e)) => s.push_str(&format!(
            ": {} of the way from the {} baseline to the {} target of {}, with {} of the time gone.",
            percent(c),
            k.baseline.as_ref().map_or(String::new(), |b| b.period.to_string()),
            k.target.period,
            unit(t),
            percent(e),
        )),
        (Some(t), _, _) => s.push_str(&format!(
            "; the {} target is {}.",
            k.target.period,
            unit(t)
        )),
        (None, _, _) => s.push_str(&format!(
            "; the plan sets no value for {}, so the KPI is judged by its own trend.",
            k.target.period
        )),
    }
    if let (Some(b), Some(r), Some(p)) = (&k.baseline, k.actual_cagr, k.projected) {
        s.push_str(&format!(
            " At the growth rate since {} ({} a year) it would reach {} by {}",
            b.period,
            percent(r),
            unit(p),
            k.target.period
        ));
        match k.target.value {
            Some(t) if good_side(k, p, t) => s.push_str(", meeting the target."),
            Some(t) => s.push_str(&format!(", missing it by {}.", unit((p - t).abs()))),
            None => s.push('.'),
        }
    }
    if let (Some(req), Some(t)) = (k.required_rate, k.target.value)
        && !good_side(k, l.value, t)
        && l.scope == k.scope
    {
        s.push_str(&format!(
            " Reaching {} on time takes {} a year from here.",
            unit(t),
            signed(req * 100.0, "%")
        ));
    }
    if k.completion.is_none()
        && let Some(reason) = &k.reason
    {
        s.push_str(&format!(" Why no figure: {reason}."));
    }
    s
}

fn zh_text(k: &KpiAssessment) -> String {
    let name = k.name_zh.as_deref().unwrap_or(&k.name);
    let zh_unit = Lang::Zh.unit(&k.unit);
    let unit = |x: f64| match zh_unit.as_str() {
        "" => value(x),
        "%" => format!("{}%", value(x)),
        u if u.starts_with(|c: char| c.is_ascii()) => format!("{} {u}", value(x)),
        u => format!("{}{u}", value(x)),
    };
    let Some(l) = &k.latest else {
        return match k.kind {
            Kind::Milestone => format!("{name}：尚未报告完成，期限为{}。", k.target.period),
            _ => format!("{name}：尚无数据。"),
        };
    };
    if k.kind == Kind::Milestone {
        return if l.value == 1.0 {
            format!("{name}：已于{}报告完成。", l.period)
        } else {
            format!(
                "{name}：{}报告尚未完成，期限为{}。",
                l.period, k.target.period
            )
        };
    }
    let mut s = format!("{name}{}达到{}", l.period, unit(l.reported));
    if l.reported != l.value {
        s.push_str(&format!(
            "（年内累计；折合全年约{}，为估算）",
            unit(l.value)
        ));
    }
    if l.scope != k.scope {
        s.push_str(&format!(
            "（统计口径为“{}”，目标口径为“{}”）",
            l.scope, k.scope
        ));
    }
    match (k.target.value, k.completion, k.time_elapsed) {
        (Some(t), Some(c), Some(e)) => s.push_str(&format!(
            "，完成{}目标{}的{}（自{}基期起算），时间进度{}。",
            k.target.period,
            unit(t),
            percent(c),
            k.baseline
                .as_ref()
                .map_or(String::new(), |b| b.period.to_string()),
            percent(e),
        )),
        (Some(t), _, _) => s.push_str(&format!("，{}目标为{}。", k.target.period, unit(t))),
        (None, _, _) => s.push_str("，规划未设定目标值，按自身趋势评估。"),
    }
    if let (Some(b), Some(r), Some(p)) = (&k.baseline, k.actual_cagr, k.projected) {
        s.push_str(&format!(
            "按{}以来年均{}的速度，到{}将达到{}",
            b.period,
            percent(r),
            k.target.period,
            unit(p)
        ));
        match k.target.value {
            Some(t) if good_side(k, p, t) => s.push_str("，可完成目标。"),
            Some(t) => s.push_str(&format!("，差{}。", unit((p - t).abs()))),
            None => s.push('。'),
        }
    }
    if let (Some(req), Some(t)) = (k.required_rate, k.target.value)
        && !good_side(k, l.value, t)
        && l.scope == k.scope
    {
        s.push_str(&format!("如期完成需年均变化{}。", signed(req * 100.0, "%")));
    }
    s
}
