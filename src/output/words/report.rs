//! Phrases of the report: its title, method line, headline, data sources
//! and revisions, in every format it is rendered in; English and Chinese
//! side by side.

use crate::core::assess::{Method, PlanAssessment};
use crate::core::plan::Nature;
use crate::core::status::Status;
use crate::lang::Lang;
use crate::output::report::{PlanReport, Revision, Revisions};
use crate::output::status_table::Row;

/// The headline counts of a plan's KPIs: achieved, on track, behind, without
/// enough data, milestones pending.
pub fn headline(a: &PlanAssessment, lang: Lang) -> String {
    let count = |f: &dyn Fn(Status) -> bool| a.kpis.iter().filter(|k| f(k.status)).count();
    let mut line = if lang.is_zh() {
        // The status names the table and the charts use, each with its count.
        let counts: Vec<String> = Status::ALL
            .iter()
            .map(|&st| (st, count(&|s| s == st)))
            .filter(|(_, n)| *n > 0)
            .map(|(st, n)| format!("{}{n}项", lang.status(st)))
            .collect();
        format!("共{}项指标：{}。", a.kpis.len(), counts.join("，"))
    } else {
        let achieved = count(&|s| s == Status::Achieved);
        let on_track = count(&|s| s == Status::OnTrack);
        let behind = count(&|s| {
            matches!(
                s,
                Status::NeedsAcceleration
                    | Status::LimitedProgress
                    | Status::Deterioration
                    | Status::Overdue
            )
        });
        let no_data = count(&|s| matches!(s, Status::InsufficientData | Status::NoData));
        let pending = count(&|s| s == Status::Pending);
        format!(
            "{} KPIs: {achieved} achieved, {on_track} on track, {behind} behind (needs acceleration, limited progress, deterioration or overdue), {no_data} without enough data to judge, {pending} milestone(s) pending.",
            a.kpis.len()
        )
    };
    for nature in [Nature::Binding, Nature::Indicative] {
        let of: Vec<_> = a.kpis.iter().filter(|k| k.nature == Some(nature)).collect();
        if of.is_empty() {
            continue;
        }
        let good = of
            .iter()
            .filter(|k| matches!(k.status, Status::Achieved | Status::OnTrack))
            .count();
        let n = of.len();
        line.push_str(&match (lang, nature) {
            (Lang::Zh, Nature::Binding) => {
                format!("约束性指标{n}项中{good}项已完成或进度正常。")
            }
            (Lang::Zh, Nature::Indicative) => {
                format!("预期性指标{n}项中{good}项已完成或进度正常。")
            }
            (Lang::En, Nature::Binding) => {
                format!(" Binding indicators: {good} of {n} achieved or on track.")
            }
            (Lang::En, Nature::Indicative) => {
                format!(" Indicative indicators: {good} of {n} achieved or on track.")
            }
        });
    }
    line
}

/// A day as this language writes a date: `2026-12-02`, `2026年12月2日`.
pub fn date(lang: Lang, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match lang {
        Lang::En => day.format("%Y-%m-%d").to_string(),
        Lang::Zh => format!("{}年{}月{}日", day.year(), day.month(), day.day()),
    }
}

/// The revisions table's columns.
pub const REVISION_HEADINGS: [&str; 6] = ["KPI", "period", "old", "new", "logged", "file"];

/// The same in Chinese.
pub const REVISION_HEADINGS_ZH: [&str; 6] =
    ["指标", "期间", "原值", "新值", "记录日期", "来源文件"];

/// The status table's columns, in twentieths of a point, adding up to the
/// text's width: wide enough at 8 points for the longest figure (and, in
/// English, the longest status word) on one line. Chinese breaks between
/// characters, so its names and statuses take less.
const STATUS_COLUMNS_EN: [usize; 9] = [1100, 1050, 1000, 1150, 1050, 1250, 850, 938, 1250];
const STATUS_COLUMNS_ZH: [usize; 9] = [1200, 1250, 900, 1250, 1150, 1300, 750, 950, 888];

/// Words of the report in its language, for every format it is rendered in.
pub struct Text {
    lang: Lang,
}

impl Text {
    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn new(lang: Lang) -> Text {
        Text { lang }
    }

    pub fn w<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        self.lang.pick(en, zh)
    }

    pub fn title(&self, a: &PlanAssessment) -> String {
        let name = self.lang.name(&a.plan_name, a.plan_name_zh.as_deref());
        if self.lang.is_zh() {
            let as_of = self
                .lang
                .period(a.as_of, crate::output::words::PeriodAs::Level);
            format!("{name}：截至{as_of}的进展报告")
        } else {
            format!("{name}: progress report as of {}", a.as_of)
        }
    }

    /// The method in words, for readers without the tool's documentation.
    pub fn method(&self, m: Method) -> String {
        let words = self.lang.method_words(m);
        if self.lang.is_zh() {
            let (name, how) = words.split_once('：').unwrap_or((words, ""));
            format!("评估方法：{name}，即{how}。每个数字均按公开的公式算得，可逐步复算。")
        } else {
            let (name, how) = words.split_once(": ").unwrap_or((words, ""));
            format!(
                "Method: {name}, that is {how}. Every figure follows a published formula and can be redone by hand."
            )
        }
    }

    /// The status table's headings, with the growth on a year earlier (同比)
    /// after the latest figure.
    pub fn headings(&self, m: Method) -> Vec<String> {
        super::table::headings(self.lang, m, true)
    }

    /// A KPI's table cells in the report's language, with its growth on a
    /// year earlier after the latest figure (marked when computed rather
    /// than published).
    pub fn cells(&self, r: &Row) -> Vec<String> {
        super::table::cells(self.lang, r, true)
    }

    /// The Word status table's column widths, in twentieths of a point:
    /// each column as wide as its words need in this language.
    pub fn status_columns(&self) -> [usize; 9] {
        match self.lang {
            Lang::En => STATUS_COLUMNS_EN,
            Lang::Zh => STATUS_COLUMNS_ZH,
        }
    }

    /// The revisions table's headings in the report's language.
    pub fn revision_headings(&self) -> [&'static str; 6] {
        if self.lang.is_zh() {
            REVISION_HEADINGS_ZH
        } else {
            REVISION_HEADINGS
        }
    }

    pub fn kpi_name<'a>(&self, a: &'a PlanAssessment, i: usize) -> &'a str {
        let k = &a.kpis[i];
        self.lang.name(&k.name, k.name_zh.as_deref())
    }

    /// The data sources: the plan's, then each source of figures with how
    /// many it gave.
    pub fn sources(&self, p: &PlanReport) -> Vec<String> {
        let colon = self.w(": ", "：");
        let mut items = vec![format!(
            "{}{colon}{}",
            self.w("Targets", "目标"),
            p.plan_source
        )];
        for (source, n) in &p.sources {
            items.push(match self.lang {
                Lang::En => format!("{n} figure(s): {source}"),
                Lang::Zh => format!("{n}项数据：{source}"),
            });
        }
        items
    }

    /// The end of a quarter as this language dates it: 2024年末, 2025年一季度末.
    fn end_of(&self, p: crate::core::period::Period) -> String {
        self.lang.period(p, crate::output::words::PeriodAs::Level)
    }

    pub fn revisions<'r>(&self, r: &'r Revisions) -> (String, &'r [Revision]) {
        match r {
            Revisions::NoLog => (
                self.w(
                    "No revision log: these figures were entered without one.",
                    "无修订记录：这些数据录入时未留修订记录。",
                )
                .to_string(),
                &[],
            ),
            Revisions::Since(p, list, _) if list.is_empty() => (
                if self.lang.is_zh() {
                    format!("{}以来没有修订已报告的数据。", self.end_of(*p))
                } else {
                    format!("No reported figure has been revised since the end of {p}.")
                },
                &[],
            ),
            Revisions::Since(p, list, 0) => (
                if self.lang.is_zh() {
                    format!("{}以来修订的数据：", self.end_of(*p))
                } else {
                    format!("Figures revised since the end of {p}:")
                },
                list,
            ),
            Revisions::Since(p, list, more) => (
                if self.lang.is_zh() {
                    format!(
                        "{}以来修订的数据共{}项，下列最近{}项（其余见修订记录）：",
                        self.end_of(*p),
                        list.len() + more,
                        list.len()
                    )
                } else {
                    format!(
                        "Figures revised since the end of {p}: {} in all, the latest {} listed (the others are in the revision log):",
                        list.len() + more,
                        list.len()
                    )
                },
                list,
            ),
        }
    }
}

/// A fixed word or heading of the report, in every format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Say {
    Headline,
    HeadlineSpaced,
    StatusSection,
    EachKpi,
    Caveat,
    CaveatSpaced,
    Progress,
    ProgressAlt,
    Sources,
    Revisions,
    SourcesAndRevisions,
    Method,
    StatusColours,
    TargetLine,
    Period,
    Actual,
    /// A flow's annual equivalent, an estimate.
    AnnualEquivalent,
    /// The planned path of a flow: a year's total.
    PlanYear,
    Plan,
    Target,
    AsPublished,
    GrowthRatio,
    ProjectionRatio,
    PaceGap,
    LatestValue,
    PublishedYtd,
    TargetValue,
    Gap,
    GapPct,
    Completion,
    TimeGone,
    Projected,
    Yoy,
    Kpi,
    Unit,
    TargetAsStated,
    StatusWord,
    ValueAsPublished,
    Basis,
    Scope,
    YoyPct,
    YoyPp,
    Source,
}

impl Text {
    /// A fixed word or heading in the report's language.
    pub fn say(&self, s: Say) -> &'static str {
        say(self.lang, s)
    }
}

/// A fixed word or heading of the report in `lang`.
pub fn say(lang: Lang, s: Say) -> &'static str {
    {
        let (en, zh) = match s {
            Say::Headline => ("Headline.", "概况。"),
            Say::HeadlineSpaced => ("Headline. ", "概况。"),
            Say::StatusSection => ("Status", "指标状态"),
            Say::EachKpi => ("Each KPI", "分项指标"),
            Say::Caveat => ("Caveat:", "注意："),
            Say::CaveatSpaced => ("Caveat: ", "注意："),
            Say::Progress => ("Completion against time", "完成规划进度与序时进度"),
            Say::ProgressAlt => ("completion against time", "完成规划进度与序时进度"),
            Say::Sources => ("Data sources", "数据来源"),
            Say::Revisions => ("Revisions", "数据修订"),
            Say::SourcesAndRevisions => ("Sources and revisions", "数据来源与修订"),
            Say::Method => ("Method: ", "评估方法："),
            Say::StatusColours => ("Status colours", "状态颜色"),
            Say::TargetLine => ("Target: ", "目标："),
            Say::Period => ("Period", "期间"),
            Say::Actual => ("Actual", "实际"),
            Say::AnnualEquivalent => ("Annual equivalent (estimate)", "折合全年（估算）"),
            Say::PlanYear => ("Plan (year's total)", "规划（全年）"),
            Say::Plan => ("Plan", "规划路径"),
            Say::Target => ("Target", "目标"),
            Say::AsPublished => ("As published", "公布数据"),
            Say::GrowthRatio => ("Growth ratio", "增速比"),
            Say::ProjectionRatio => ("Projection ratio", "预测完成比"),
            Say::PaceGap => ("Pace gap (pp)", "进度差（百分点）"),
            Say::LatestValue => ("Latest value", "最新值"),
            Say::PublishedYtd => ("Published (year to date)", "公布值（年内累计）"),
            Say::TargetValue => ("Target", "目标值"),
            Say::Gap => ("Gap", "差距"),
            Say::GapPct => ("Gap %", "差距率"),
            Say::Completion => ("Completion", "完成进度"),
            Say::TimeGone => ("Time gone", "时间进度"),
            Say::Projected => ("Projected", "预测值"),
            Say::Yoy => ("Growth on a year earlier", "同比"),
            Say::Kpi => ("KPI", "指标"),
            Say::Unit => ("Unit", "单位"),
            Say::TargetAsStated => ("Target as stated", "目标表述"),
            Say::StatusWord => ("Status", "状态"),
            Say::ValueAsPublished => ("Value as published", "公布值"),
            Say::Basis => ("Basis", "口径类型"),
            Say::Scope => ("Scope", "统计口径"),
            Say::YoyPct => ("Growth on a year earlier (%)", "同比（%）"),
            Say::YoyPp => ("Change on a year earlier (pp)", "同比增减（百分点）"),
            Say::Source => ("Source", "来源"),
        };
        lang.pick(en, zh)
    }
}
