//! Phrases of the charts: titles, axes, legends and marks; English and
//! Chinese side by side.

use crate::core::period::Period;
use crate::lang::Lang;
use crate::output::words::PeriodAs;

/// The titles of a plan's dashboard and of its progress chart.
pub fn titles(lang: Lang, name: &str, as_of: Period) -> (String, String) {
    match lang {
        Lang::En => (
            format!("{name}: dashboard, as of {as_of}"),
            format!("{name}: completion against time, as of {as_of}"),
        ),
        Lang::Zh => {
            let as_of = lang.period(as_of, PeriodAs::Level);
            (
                format!("{name}：指标概览（截至{as_of}）"),
                format!("{name}：完成规划进度与序时进度（截至{as_of}）"),
            )
        }
    }
}

/// A chart's fixed words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    AsOf,
    Due,
    Target,
    Actual,
    AnnualEquivalent,
    OtherScope,
    Plan,
    /// A bound kept through the plan, drawn where the path would be.
    Bound,
    Projection,
    Fan,
    Figure,
    Caveat,
    OffZero,
}

/// A chart's fixed word in `lang`.
pub fn label(lang: Lang, l: Label) -> &'static str {
    let (en, zh) = match l {
        Label::AsOf => ("as of", "截至"),
        Label::Due => ("due", "期限"),
        Label::Target => ("target", "目标"),
        Label::Actual => ("actual", "实际"),
        Label::AnnualEquivalent => ("annual equivalent (estimate)", "年化估计值"),
        Label::OtherScope => ("other scope: ", "其他口径："),
        Label::Plan => ("plan", "规划路径"),
        Label::Bound => ("bound to keep", "约束值"),
        Label::Projection => ("projection at actual rate", "按实际增速预测"),
        Label::Fan => ("80 % range (forecast)", "80%预测区间"),
        Label::Figure => ("figure", "数据"),
        Label::OffZero => ("axis does not start at 0", "纵轴不从0开始"),
        Label::Caveat => (
            "Caveat: the plan itself casts doubt on this target; see the notes on it.",
            "注意：规划本身对该目标存疑，详见有关说明。",
        ),
    };
    lang.pick(en, zh)
}

/// The last scope line's label when more scopes were left out of a chart:
/// `park 7 (and 29,992 more scopes, not drawn)`.
pub fn more_scopes(lang: Lang, label: &str, n: usize) -> String {
    match lang {
        Lang::En => format!("{label} (and {n} more scopes, not drawn)"),
        Lang::Zh => format!("{label}（另有{n}个统计口径未画出）"),
    }
}

/// The legend's actual line, with its scope where one is named.
pub fn actual(lang: Lang, scope: Option<&str>) -> String {
    match (scope.filter(|s| !s.is_empty()), lang) {
        (Some(s), Lang::En) => format!("actual ({s})"),
        (Some(s), Lang::Zh) => format!("实际（{s}）"),
        (None, _) => label(lang, Label::Actual).to_string(),
    }
}

/// The progress chart's axis ticks.
pub fn ticks(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::En => ["0 %", "50 %", "100 %"],
        Lang::Zh => ["0%", "50%", "100%"],
    }
}

/// A progress bar's figures, as the table says them: `46.2 % / 55.0 %
/// time`, `完成46.2%，序时55.0%`.
pub fn done_and_time(lang: Lang, done: f64, elapsed: Option<f64>) -> String {
    let pct = |f: f64| lang.percent(f);
    match (elapsed, lang) {
        (Some(e), Lang::En) => format!("{} / {} time", pct(done), pct(e)),
        (Some(e), Lang::Zh) => format!("完成{}，序时{}", pct(done), pct(e)),
        (None, Lang::En) => pct(done),
        (None, Lang::Zh) => format!("完成{}", pct(done)),
    }
}

/// What the progress chart's bar and marks mean; the grey mark only where
/// one is drawn (`older`).
pub fn progress_note(lang: Lang, older: bool) -> &'static str {
    match (lang, older) {
        (Lang::En, true) => {
            "bar: share of the planned change done by the latest figure; black mark: share of the plan's time gone at the as-of period; grey mark: at an older figure's own period (the figures on the right compare with it)"
        }
        (Lang::En, false) => {
            "bar: share of the planned change done by the latest figure; black mark: share of the plan's time gone at the as-of period"
        }
        (Lang::Zh, true) => {
            "条形：截至最新数据已完成的规划变化比例；黑色标记：截至报告期规划时间已过比例；灰色标记：数据较旧时该数据所属期的时间比例（右侧数字与之对比）"
        }
        (Lang::Zh, false) => {
            "条形：截至最新数据已完成的规划变化比例；黑色标记：截至报告期规划时间已过比例"
        }
    }
}

/// The fan's label at the target period, figures in the reader's unit
/// (`scale` times the plan's): `80 % range 155.19 to 176.96 · chance 6 %`,
/// `80%区间1,551.91至1,769.59 · 达标可能性6%`.
pub fn fan_label(
    lang: Lang,
    f: &crate::core::forecast::Forecast,
    due: Period,
    scale: f64,
    count: bool,
) -> Option<String> {
    let i = f.interval?;
    // A count's range is in whole things (364 to 386 firms).
    let v = |x: f64| {
        let x = x * scale;
        crate::output::format::value(if count { x.round() } else { x })
    };
    let chance = f.p_meet.map(|p| {
        let pct = lang.tight(format!("{:.0} %", (p * 100.0).clamp(1.0, 99.0)));
        match (lang, f.rough) {
            (Lang::En, false) => format!("  ·  chance {pct}"),
            (Lang::En, true) => format!("  ·  chance about {pct} (few years of data)"),
            (Lang::Zh, false) => format!("  ·  达标可能性{pct}"),
            (Lang::Zh, true) => format!("  ·  达标可能性约{pct}（数据年份少，仅供参考）"),
        }
    });
    let chance = chance.unwrap_or_default();
    Some(match lang {
        Lang::En => format!(
            "{}: 80 % range {} to {}{chance}",
            lang.period(due, PeriodAs::Due),
            v(i.low),
            v(i.high)
        ),
        Lang::Zh => format!(
            "{}80%区间{}至{}{chance}",
            lang.period(due, PeriodAs::Due),
            v(i.low),
            v(i.high)
        ),
    })
}

/// A target's label: `500 (2022Q4, +8 % a year)`, `5,000（2022年，年均增长8%）`.
pub fn target(lang: Lang, value: f64, due: Period, words: Option<String>) -> String {
    let value = crate::output::format::value(value);
    let due = lang.period(due, PeriodAs::Due);
    match (lang, words) {
        (Lang::En, Some(w)) => format!("{value} ({due}, {w})"),
        (Lang::En, None) => format!("{value} ({due})"),
        (Lang::Zh, Some(w)) => format!("{value}（{due}，{w}）"),
        (Lang::Zh, None) => format!("{value}（{due}）"),
    }
}

/// The 柱线图's words.
#[derive(Debug, Clone, Copy)]
pub enum BarLabel {
    /// The bars: the year-to-date totals as published.
    Ytd,
    /// The line: growth on a year earlier, on the right-hand axis.
    Yoy,
    /// The same, some of its points computed (drawn hollow).
    YoyComputed,
    /// The dashed step: the year's planned total.
    Planned,
    /// A year under its bars.
    Year(i32),
}

/// A 柱线图 word in `lang`.
pub fn bar_label(lang: Lang, l: BarLabel) -> String {
    match (l, lang) {
        (BarLabel::Ytd, _) => lang
            .pick("year to date, as published", "年内累计（公布数）")
            .to_string(),
        (BarLabel::Yoy, _) => lang
            .pick("growth on a year earlier (right axis)", "同比增长（右轴）")
            .to_string(),
        (BarLabel::YoyComputed, _) => lang
            .pick(
                "growth on a year earlier (right axis; hollow: computed)",
                "同比增长（右轴；空心为推算）",
            )
            .to_string(),
        (BarLabel::Planned, _) => lang
            .pick("the year's planned total", "全年规划目标")
            .to_string(),
        (BarLabel::Year(y), Lang::En) => y.to_string(),
        (BarLabel::Year(y), Lang::Zh) => format!("{y}年"),
    }
}

/// A bar's months as a bureau writes them under it: `1-6月`, `Q2`.
pub fn bar_period(lang: Lang, p: crate::core::period::Period) -> String {
    match lang {
        Lang::En => format!("Q{}", p.quarter()),
        Lang::Zh => format!("1-{}月", u32::from(p.quarter()) * 3),
    }
}

/// The 柱线图's title.
pub fn bars_title(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("{name}: year to date and growth on a year earlier"),
        Lang::Zh => format!("{name}：年内累计与同比增长"),
    }
}
