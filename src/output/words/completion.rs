//! The completion table's words (主要指标完成情况表): its title, headings,
//! each cell, 评价 and the legend, in English and Chinese.

use crate::core::period::Period;
use crate::core::plan::{Kind, Nature};
use crate::core::rating::{AHEAD_PP, Rating};
use crate::lang::Lang;
use crate::output::completion::{Change, CompletionTable, Done, Line, Published};
use crate::output::format::{self, NONE};
use crate::output::words::PeriodAs;

/// The table's title: `示例区规划主要指标完成情况表（截至2025年二季度末）`.
pub fn title(lang: Lang, t: &CompletionTable) -> String {
    let a = t.plan;
    let name = lang.name(&a.plan_name, a.plan_name_zh.as_deref());
    match lang {
        Lang::En => format!("{name}: main indicators, completion as of {}", a.as_of),
        Lang::Zh => {
            let as_of = lang.period(a.as_of, PeriodAs::Level);
            // A name that already says 主要指标 is not told it twice.
            let table = if name.contains("主要指标") {
                "完成情况表"
            } else {
                "主要指标完成情况表"
            };
            format!("{name}{table}（截至{as_of}）")
        }
    }
}

/// The headings, one per cell of `cells`; the base and target periods
/// stand in the heading when every row shares them.
pub fn headings(lang: Lang, t: &CompletionTable) -> Vec<String> {
    let year = |p: Option<Period>, en: &str, zh: &str| match (lang, p) {
        (Lang::En, Some(p)) => format!("{en} ({})", year_of(lang, p)),
        (Lang::Zh, Some(p)) => format!("{zh}（{}）", year_of(lang, p)),
        _ => lang.pick(en, zh).to_string(),
    };
    let as_of_year = t.plan.as_of.year();
    vec![
        lang.pick("No.", "序号").to_string(),
        lang.pick("Indicator", "指标").to_string(),
        lang.pick("Unit", "单位").to_string(),
        lang.pick("Nature", "属性").to_string(),
        year(t.base, "Base", "基期值"),
        year(t.due, "Target", "目标值"),
        match lang {
            Lang::En => format!("{as_of_year} target"),
            Lang::Zh => format!("{as_of_year}年目标"),
        },
        lang.pick("Latest (period)", "最新完成（期间）").to_string(),
        lang.pick("YoY", "同比").to_string(),
        lang.pick("Of year's target (time)", "完成年度目标（序时进度）")
            .to_string(),
        lang.pick("Of plan (time)", "完成规划进度（序时进度）")
            .to_string(),
        lang.pick("A year since base (plan)", "年均增长（规划）")
            .to_string(),
        lang.pick("Rating", "评价").to_string(),
    ]
}

/// A row's cells, as `headings` names them.
pub fn cells(lang: Lang, r: &Line, t: &CompletionTable) -> Vec<String> {
    vec![
        r.number.to_string(),
        r.name.to_string(),
        if r.unit.is_empty() {
            NONE.to_string()
        } else {
            r.unit.clone()
        },
        nature(lang, r.nature).to_string(),
        base(lang, r, t),
        target(lang, r, t),
        year_target(lang, r),
        latest(lang, r),
        yoy(lang, r),
        done(lang, r.year_done, None),
        done(lang, r.plan_done, Some(r.kpi.kind)),
        average(lang, r),
        rating(lang, r.rating).to_string(),
    ]
}

/// 约束性 / 预期性.
pub fn nature(lang: Lang, n: Option<Nature>) -> &'static str {
    match n {
        Some(Nature::Binding) => lang.pick("binding", "约束性"),
        Some(Nature::Indicative) => lang.pick("indicative", "预期性"),
        None => NONE,
    }
}

/// 评价 in the words mid-term evaluations use.
pub fn rating(lang: Lang, r: Rating) -> &'static str {
    match r {
        Rating::Achieved => lang.pick("achieved", "已完成"),
        Rating::AchievedEarly => lang.pick("achieved early", "提前完成"),
        Rating::Ahead => lang.pick("ahead of schedule", "快于序时进度"),
        Rating::OnSchedule => lang.pick("broadly on schedule", "基本符合序时进度"),
        Rating::Behind => lang.pick("behind schedule", "滞后于序时进度"),
        Rating::NotAchieved => lang.pick("not achieved", "未完成"),
        Rating::InProgress => lang.pick("in progress", "推进中"),
        Rating::InsufficientData => lang.pick("insufficient data", "数据不足"),
        Rating::NoData => lang.pick("no data", "无数据"),
        Rating::Kept => lang.pick("kept so far", "保持在目标范围内"),
        Rating::NotKept => lang.pick("not kept", "未保持在目标范围内"),
        Rating::NoNumericTarget => {
            lang.pick("tracked (no numeric target)", "跟踪监测（无数值目标）")
        }
    }
}

/// A year as a heading says it: `2020`, `2020年`; a period within a year
/// as this language writes periods.
fn year_of(lang: Lang, p: Period) -> String {
    match lang {
        Lang::En if p.quarter() == 4 => p.year().to_string(),
        _ => lang.period(p, PeriodAs::Due),
    }
}

/// A figure in the reader's unit: a count whole, else as published.
fn figure(r: &Line, x: f64) -> String {
    let x = x * r.scale;
    if r.kpi.kind == Kind::Count {
        format::count(x, false)
    } else {
        format::value(x)
    }
}

fn base(lang: Lang, r: &Line, t: &CompletionTable) -> String {
    let said = match r.base {
        None => return NONE.to_string(),
        Some((p, x)) if t.base == Some(p) => figure(r, x),
        Some((p, x)) => bracket(
            lang,
            figure(r, x),
            &lang.period(p, PeriodAs::of(r.kpi.kind)),
        ),
    };
    match revised(lang, r) {
        Some(note) => bracket(lang, said, &note),
        None => said,
    }
}

/// A revised base's note: the plan's own figure beside the one progress
/// is measured from (`修订后；规划60.6`).
fn revised(lang: Lang, r: &Line) -> Option<String> {
    let plan = figure(r, r.base_in_plan?);
    Some(match lang {
        Lang::En => format!("revised; plan: {plan}"),
        Lang::Zh => format!("修订后；规划{plan}"),
    })
}

/// The target as the plan states it, with its level: `年均增长7%（1,612.93）`.
fn target(lang: Lang, r: &Line, t: &CompletionTable) -> String {
    let k = r.kpi;
    let due = |said: String| {
        if t.due == Some(r.due) {
            said
        } else {
            bracket(lang, said, &year_of(lang, r.due))
        }
    };
    if let Some(words) = super::bound::unlevelled(lang, k) {
        return due(words);
    }
    let Some(x) = r.target else {
        return match r.kpi.kind {
            Kind::Milestone if t.due == Some(r.due) => lang.pick("done", "建成").to_string(),
            Kind::Milestone => bracket(
                lang,
                lang.pick("done", "建成").to_string(),
                &year_of(lang, r.due),
            ),
            _ => NONE.to_string(),
        };
    };
    let mut level = figure(r, x);
    if let Some(c) = r.comparator {
        level = format!("{}{level}", crate::output::words::typographic(c));
    }
    let said = match r.stated.and_then(|s| lang.stated(s)) {
        Some(words) => bracket(lang, words, &level),
        None => level,
    };
    if t.due == Some(r.due) {
        said
    } else {
        bracket(lang, said, &year_of(lang, r.due))
    }
}

/// The as-of year's target: `增长10%（1,729.09）`, a level, or none.
fn year_target(lang: Lang, r: &Line) -> String {
    let Some(y) = r.year else {
        return NONE.to_string();
    };
    let level = y.level.map(|x| figure(r, x));
    match (y.growth_pct, level) {
        (Some(g), Some(level)) => bracket(lang, growth_words(lang, g), &level),
        (Some(g), None) => growth_words(lang, g),
        (None, Some(level)) => level,
        (None, None) => NONE.to_string(),
    }
}

fn growth_words(lang: Lang, g: f64) -> String {
    let n = format::value(g.abs());
    match (lang, g >= 0.0) {
        (Lang::En, true) => format!("+{n} %"),
        (Lang::En, false) => format!("-{n} %"),
        (Lang::Zh, true) => format!("增长{n}%"),
        (Lang::Zh, false) => format!("下降{n}%"),
    }
}

/// The latest figure as published, with its period: `823.7（2025年1-6月）`.
fn latest(lang: Lang, r: &Line) -> String {
    match r.latest {
        Published::None => NONE.to_string(),
        Published::Milestone { done, period } => bracket(
            lang,
            if done {
                lang.pick("done", "已建成")
            } else {
                lang.pick("not yet", "未建成")
            }
            .to_string(),
            &lang.period(period, PeriodAs::Due),
        ),
        Published::Figure {
            value,
            period,
            dated,
            other_scope,
        } => {
            let mark = if other_scope {
                crate::output::words::table::OTHER_SCOPE
            } else {
                ""
            };
            bracket(
                lang,
                format!("{}{mark}", figure(r, value)),
                &lang.period(period, dated),
            )
        }
    }
}

/// 同比: `+9.1%`, `+6.1%（推算）`, `提高0.15个百分点`.
fn yoy(lang: Lang, r: &Line) -> String {
    match r.yoy {
        None => NONE.to_string(),
        Some(Change::Pct { pct, published }) => {
            let s = lang.signed_pct(pct);
            if published {
                s
            } else {
                bracket(lang, s, lang.pick("computed", "推算"))
            }
        }
        Some(Change::Points { pp, like }) => super::bound::points(lang, pp, like),
    }
}

/// A share done and the share of time gone: `47.6%（50.0%）`; a flow's
/// progress on the plan says the year it is of.
fn done(lang: Lang, d: Option<Done>, kind: Option<Kind>) -> String {
    let Some(d) = d else {
        return NONE.to_string();
    };
    let time = lang.percent(d.time);
    let time = match kind {
        Some(Kind::Flow) => match lang {
            Lang::En => format!("{time}, {}", d.at.year()),
            Lang::Zh => format!("{time}，{}年", d.at.year()),
        },
        _ => time,
    };
    bracket(lang, lang.percent(d.share), &time)
}

/// The average change a year since the base and the plan's: `8.1%（7%）`,
/// `0.13个百分点（0.18）`.
fn average(lang: Lang, r: &Line) -> String {
    let Some(s) = r.since_base else {
        return NONE.to_string();
    };
    let say = |x: f64, exact: bool| a_year(lang, x, s.points, exact);
    let stated = matches!(
        r.kpi.target.stated,
        Some(crate::core::targets::Stated::AverageGrowthPct(_))
    );
    let actual = s.actual.map_or(NONE.to_string(), |x| say(x, false));
    match s.planned {
        Some(p) => bracket(lang, actual, &say(p, stated)),
        None => actual,
    }
}

/// A change a year as a cell says it: `8.1%`, `0.13个百分点`; `exact` for a
/// rate the plan states (`7%`, never `7.0%`).
fn a_year(lang: Lang, x: f64, points: bool, exact: bool) -> String {
    match (points, exact) {
        (true, _) => format!("{}{}", format::points(x), lang.pick(" pp", "个百分点")),
        (false, true) => lang.tight(format!("{} %", format::value(x))),
        (false, false) => lang.tight(format!("{x:.1} %")),
    }
}

/// `text（inner）` in Chinese, `text (inner)` in English.
fn bracket(lang: Lang, text: String, inner: &str) -> String {
    match lang {
        Lang::En => format!("{text} ({inner})"),
        Lang::Zh => format!("{text}（{inner}）"),
    }
}

/// The legend under the table: what each figure is and how 评价 is read.
pub fn legend(lang: Lang, t: &CompletionTable) -> Vec<String> {
    let ahead = format::value(AHEAD_PP);
    let mut out = vec![match lang {
        Lang::En => "Latest: the figure as published (a flow's total for the year so far); Target: as the plan states it, with its level in brackets".to_string(),
        Lang::Zh => "最新完成：公布数（流量指标为年内累计数）；目标值：按规划原文，括号内为折算的目标水平".to_string(),
    }];
    if t.rows.iter().any(|r| r.year_done.is_some()) {
        out.push(match lang {
            Lang::En => "Of year's target: the year's total so far as a share of the year's target (a growth target turned into a level on last year's figure); in brackets the share of the year gone".to_string(),
            Lang::Zh => "完成年度目标：年内累计数占全年目标的比例，增长目标按上年数折算为总量；括号内为序时进度，即全年时间已过的比例".to_string(),
        });
    }
    if t.rows.iter().any(|r| r.plan_done.is_some()) {
        out.push(match lang {
            Lang::En => "Of plan: the change since the base as a share of the change the target asks (a flow's to its latest full year); in brackets the share of the plan's time gone".to_string(),
            Lang::Zh => "完成规划进度：基期以来的增量占规划增量的比例（流量指标计至最近完整年度）；括号内为序时进度，即规划期已过时间的比例".to_string(),
        });
    }
    if t.rows.iter().any(|r| r.since_base.is_some()) {
        out.push(match lang {
            Lang::En => "A year since base: the average growth a year (for a figure in percent, the average change in points), in brackets the plan's".to_string(),
            Lang::Zh => "年均增长：基期以来的年均增长（百分比指标为年均提高的百分点），括号内为规划目标要求的年均增长".to_string(),
        });
    }
    if t.yoy_computed() {
        out.push(
            lang.pick(
                "YoY marked computed: from two published figures; the rest as published",
                "同比标“推算”者由两期数据算得，其余为公布数",
            )
            .to_string(),
        );
    }
    if t.other_scope() {
        out.push(
            lang.pick(
                "† of a scope other than the target's (see the notes)",
                "† 统计口径与目标口径不同（见说明）",
            )
            .to_string(),
        );
    }
    out.push(match lang {
        Lang::En => format!("Rating: achieved once the target is met (achieved early, before its year); otherwise by the progress on the plan less the time gone: +{ahead} points or more is ahead of schedule, down to -5 points (or the plan's own pace threshold) broadly on schedule, lower behind schedule"),
        Lang::Zh => format!("评价：达到目标为已完成（目标年份之前达到为提前完成）；其余按完成规划进度与序时进度之差，快{ahead}个百分点及以上为快于序时进度，慢不超过5个百分点（规划另有规定的从其规定）为基本符合序时进度，再慢为滞后于序时进度"),
    });
    out
}

/// The workbook's completion sheet's headings: each figure in a column of
/// its own, so that Excel can sum and chart it (`SHEET_COLUMNS` of them).
pub fn sheet_headings(lang: Lang, t: &CompletionTable) -> Vec<String> {
    let year = t.plan.as_of.year();
    let pairs: [(&str, &str); SHEET_COLUMNS] = [
        ("No.", "序号"),
        ("Indicator", "指标"),
        ("Unit", "单位"),
        ("Nature", "属性"),
        ("Base", "基期值"),
        ("Base period", "基期"),
        ("Target as stated", "目标值（按规划原文）"),
        ("Target level", "目标水平"),
        ("Target year", "目标年份"),
        ("Year's growth target", "年度增长目标"),
        ("", ""),
        ("Latest (as published)", "最新完成（公布数）"),
        ("Period", "期间"),
        ("YoY", "同比"),
        ("Of year's target", "完成年度目标"),
        ("Year gone", "序时进度（全年）"),
        ("Of plan", "完成规划进度"),
        ("Plan time gone", "序时进度（规划期）"),
        ("A year since base", "年均增长"),
        ("A year, planned", "规划年均增长"),
        ("Rating", "评价"),
    ];
    let mut out: Vec<String> = pairs
        .iter()
        .map(|(en, zh)| lang.pick(en, zh).to_string())
        .collect();
    out[10] = match lang {
        Lang::En => format!("{year} target"),
        Lang::Zh => format!("{year}年目标"),
    };
    out
}

/// The completion sheet's columns.
pub const SHEET_COLUMNS: usize = 21;

/// Texts of a row for the workbook's sheet, where a cell is words.
pub struct SheetWords {
    pub nature: &'static str,
    pub base_period: String,
    pub target: String,
    pub target_period: String,
    pub year_target: String,
    pub period: String,
    pub yoy: String,
    pub average: String,
    pub planned: String,
    pub rating: &'static str,
}

/// The words of a row's sheet cells.
pub fn sheet_words(lang: Lang, r: &Line) -> SheetWords {
    let average = r
        .since_base
        .map_or((NONE.to_string(), NONE.to_string()), |s| {
            let say =
                |x: Option<f64>| x.map_or(NONE.to_string(), |x| a_year(lang, x, s.points, false));
            (say(s.actual), say(s.planned))
        });
    SheetWords {
        nature: nature(lang, r.nature),
        // A revised base says the plan's own figure beside its period.
        base_period: r.base.map_or(String::new(), |(p, _)| {
            let at = lang.period(p, PeriodAs::of(r.kpi.kind));
            match revised(lang, r) {
                Some(note) => bracket(lang, at, &note),
                None => at,
            }
        }),
        target: match (
            super::bound::unlevelled(lang, r.kpi),
            r.stated.and_then(|s| lang.stated(s)),
        ) {
            (Some(words), _) | (None, Some(words)) => words,
            (None, None) => r.target.map_or(NONE.to_string(), |x| figure(r, x)),
        },
        target_period: year_of(lang, r.due),
        year_target: r
            .year
            .and_then(|y| y.growth_pct)
            .map_or(String::new(), |g| growth_words(lang, g)),
        period: match r.latest {
            Published::Figure { period, dated, .. } => lang.period(period, dated),
            Published::Milestone { period, .. } => lang.period(period, PeriodAs::Due),
            Published::None => String::new(),
        },
        yoy: yoy(lang, r),
        average: average.0,
        planned: average.1,
        rating: rating(lang, r.rating),
    }
}
