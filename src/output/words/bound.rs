//! Bounds kept and targets relative to another KPI, in words: 2021年以来逐年
//! 保持在6.5亿吨以上, 2022年5.6%，超过5.5%, 高于GDP增长：平均6.45%，GDP增长
//! 5.55%（高0.90个百分点）; and a change in points, 提高0.50个百分点.

use crate::core::bound::{self, BoundCheck};
use crate::core::plan::{Comparator, Hold};
use crate::lang::Lang;
use crate::output::format;

/// The check in `lang`: English as the JSON's reason says it.
pub fn said(lang: Lang, c: &BoundCheck) -> String {
    if lang == Lang::En {
        return bound::said_with(c, super::typographic);
    }
    let f = |x: f64| figure_zh(x, &c.unit);
    let Some(kept) = c.kept else {
        return format!("尚无规划期内（{}年起）的全年数据", c.from);
    };
    if let (Some(other), Some(avg), Some(oavg), Some(m)) =
        (&c.relative_to, c.average, c.other_average, c.margin())
    {
        let name = lang.name(&other.name, other.name_zh.as_deref());
        let years = bound::year_span(c);
        let n = format!("{:.2}", m.abs());
        let relation = match c.comparator {
            None => format!("与{name}基本同步"),
            cmp => format!("{}{name}", relation_zh(cmp)),
        };
        let apart = match c.tolerance_pp {
            Some(t) => format!("相差{n}个百分点，允许{t}个百分点"),
            None if m >= 0.0 => format!("高{n}个百分点"),
            None => format!("低{n}个百分点"),
        };
        return format!(
            "{relation}：{years}年平均{}，{name}{}（{apart}），{}",
            mean(avg, &c.unit),
            mean(oavg, &c.unit),
            if kept {
                "达到要求"
            } else {
                "未达到要求"
            }
        );
    }
    let b = c.bound.map(f).unwrap_or_default();
    let (keep, breaks) = bound_zh(c.comparator);
    match (c.rule, kept) {
        (Hold::EveryYear, true) => {
            let each: Vec<String> = c
                .years
                .iter()
                .map(|y| format!("{}年{}", y.year, f(y.value)))
                .collect();
            format!(
                "{}年以来逐年{}（{}）",
                c.from,
                keep.replace("{}", &b),
                each.join("，")
            )
        }
        (Hold::EveryYear, false) => {
            let broke: Vec<String> = c
                .broken()
                .map(|y| format!("{}年{}，{breaks}{b}", y.year, f(y.value)))
                .collect();
            broke.join("；")
        }
        (Hold::Average, _) => format!(
            "{}年平均{}，{}",
            bound::year_span(c),
            c.average.map(|x| mean(x, &c.unit)).unwrap_or_default(),
            if kept {
                keep.replace("{}", &b)
            } else {
                format!("{breaks}{b}")
            }
        ),
    }
}

/// An average as Chinese writes it, to two decimals: `5.43%`.
fn mean(x: f64, unit: &str) -> String {
    format!("{x:.2}{unit}")
}

/// A figure as Chinese writes it: `5.6%`, `6.83亿吨`.
fn figure_zh(x: f64, unit: &str) -> String {
    bound::figure(x, unit).replace(' ', "")
}

/// How a bound is kept and how it is broken: 保持在{}以上 / 低于.
fn bound_zh(c: Option<Comparator>) -> (&'static str, &'static str) {
    match c {
        Some(Comparator::AtLeast) => ("保持在{}以上", "低于"),
        Some(Comparator::Above) => ("保持在{}之上", "未超过"),
        Some(Comparator::AtMost) => ("控制在{}以内", "超过"),
        Some(Comparator::Below) => ("控制在{}之下", "未低于"),
        None => ("保持在{}左右", "偏离"),
    }
}

/// A relative target's relation: 高于, 不低于, 与…基本同步.
fn relation_zh(c: Option<Comparator>) -> &'static str {
    match c {
        Some(Comparator::Above) => "高于",
        Some(Comparator::AtLeast) => "不低于",
        Some(Comparator::Below) => "低于",
        Some(Comparator::AtMost) => "不高于",
        None => "基本同步于",
    }
}

/// A target in words, in `lang` where the plan gives it (else the other
/// language's words).
pub fn words(lang: Lang, t: &crate::core::assess::TargetValue) -> Option<&str> {
    match lang {
        Lang::Zh => t.text_zh.as_deref().or(t.text.as_deref()),
        Lang::En => t.text.as_deref().or(t.text_zh.as_deref()),
    }
}

/// A target with no level of its own, as a cell says it: a bound, another
/// KPI kept up with, a growth at comparable prices, or words; none for a
/// target with a level.
pub fn unlevelled(lang: Lang, k: &crate::core::assess::KpiAssessment) -> Option<String> {
    if let Some(c) = &k.bound {
        return Some(target(lang, c));
    }
    if k.target.value.is_some() {
        return None;
    }
    if k.index.is_some()
        && let Some(s) = k.target.stated.and_then(|s| lang.stated(s))
    {
        return Some(format!(
            "{s}{}",
            lang.pick(", comparable prices", "（按可比价格）")
        ));
    }
    words(lang, &k.target).map(str::to_string)
}

/// The target cell of a bound or relative target: `≤ 5.5 % every year`,
/// `控制在5.5%以内（逐年）`, `> GDP growth`, `高于GDP增长`.
pub fn target(lang: Lang, c: &BoundCheck) -> String {
    if let Some(other) = &c.relative_to {
        let name = lang.name(&other.name, other.name_zh.as_deref());
        return match (lang, c.comparator) {
            (Lang::En, Some(cmp)) => format!("{} {name}", super::typographic(cmp)),
            (Lang::En, None) => format!("about {name} (±{} pp)", c.tolerance_pp.unwrap_or(0.0)),
            (Lang::Zh, None) => format!("与{name}基本同步"),
            (Lang::Zh, cmp) => format!("{}{name}", relation_zh(cmp)),
        };
    }
    let b = c.bound.unwrap_or(f64::NAN);
    match lang {
        Lang::En => format!(
            "{} {} {}",
            c.comparator.map_or("about", super::typographic),
            bound::figure(b, &c.unit),
            match c.rule {
                Hold::EveryYear => "every year",
                Hold::Average => "on average",
            }
        ),
        Lang::Zh => format!(
            "{}（{}）",
            bound_zh(c.comparator)
                .0
                .replace("{}", &figure_zh(b, &c.unit)),
            match c.rule {
                Hold::EveryYear => "逐年",
                Hold::Average => "年均",
            }
        ),
    }
}

/// A change in points, with as many decimals as the figure it is of
/// (64.72 → 65.22 is 0.50): `+0.50 pp`, `提高0.50个百分点`, `下降0.3个百分点`,
/// `持平`.
pub fn points(lang: Lang, pp: f64, like: Option<f64>) -> String {
    let n = format::points_like(pp.abs(), like);
    match (lang, pp) {
        (_, p) if n.trim_start_matches(['0', '.']).is_empty() && p.abs() < 0.005 => {
            lang.pick("0 pp", "持平").to_string()
        }
        (Lang::En, p) if p > 0.0 => format!("+{n} pp"),
        (Lang::En, _) => format!("-{n} pp"),
        (Lang::Zh, p) if p > 0.0 => format!("提高{n}个百分点"),
        (Lang::Zh, _) => format!("下降{n}个百分点"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_take_the_figures_decimals() {
        // 城镇化率 64.72 → 65.22 (NBS): 提高0.50个百分点.
        assert_eq!(
            points(Lang::Zh, 65.22 - 64.72, Some(65.22)),
            "提高0.50个百分点"
        );
        assert_eq!(points(Lang::En, 65.22 - 64.72, Some(65.22)), "+0.50 pp");
        assert_eq!(points(Lang::Zh, 5.1 - 5.4, Some(5.1)), "下降0.3个百分点");
        assert_eq!(points(Lang::Zh, 0.0, Some(5.1)), "持平");
        assert_eq!(points(Lang::En, 0.15, None), "+0.15 pp");
    }
}
