//! The phrase book: every phrase any output shows, English and Chinese side
//! by side, one file per subject (this file: statuses, units, money in 亿元,
//! periods as a bureau writes them, numbers, each reason). No renderer or
//! command forks by language; each asks here.
//!
//! Glossary, one Chinese word per concept everywhere: scope 统计口径; basis
//! 口径类型 (ytd 年内累计, quarter 当季, level 期末值, increment 当季新增);
//! growth on a year earlier 同比 (computed: 推算); target 目标 (its level
//! 目标值); gap 差距 (as a share 差距率); completion against time
//! 完成进度对时间进度 (in the completion table: 完成规划进度 against 序时进度,
//! the share of time gone; 增量完成进度 the share of the planned change,
//! 完成率 the figure against the target); growth ratio 增速比 (the method 增速比法); linear pace
//! ratio 线性进度比; percentage points 个百分点; an annual equivalent
//! 年内累计值折合的全年数, an estimate 估算; chance of meeting the target
//! 达标可能性; the 80 % range 80%区间.

pub mod bound;
pub mod chart;
pub mod check;
pub mod completion;
pub mod explain;
pub mod files;
pub mod forecast;
pub mod history;
pub mod ingest;
pub mod init;
pub mod notes;
pub mod reading;
pub mod report;
pub mod table;

use std::collections::BTreeMap;

use crate::core::methods::DecidedBy;
use crate::core::status::Status;
use crate::core::targets::{AnnualGrowth, Stated};
use crate::output::format;

/// What a period is the period of, which decides how Chinese writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodAs {
    /// A flow's total from January (1-9月).
    YearToDate,
    /// A level at the period's end (三季度末).
    Level,
    /// When something is due, or a quarter (三季度).
    Due,
}

impl PeriodAs {
    /// How a KPI of `kind`'s figures are dated.
    pub fn of(kind: crate::core::plan::Kind) -> PeriodAs {
        match kind {
            crate::core::plan::Kind::Flow => PeriodAs::YearToDate,
            crate::core::plan::Kind::Milestone => PeriodAs::Due,
            _ => PeriodAs::Level,
        }
    }
}

use crate::lang::Lang;

impl Lang {
    /// A share as a percentage, as this language writes it: `48.0 %`, `48.0%`.
    pub fn percent(self, fraction: f64) -> String {
        self.tight(format::percent(fraction))
    }

    /// A signed percentage: `+9.8 %`, `+9.8%`.
    pub fn signed_pct(self, x: f64) -> String {
        self.tight(format::signed(x, "%"))
    }

    /// A number and its `%` as this language writes them: apart in English
    /// (`9.8 %`, as the SI writes), together in Chinese (`9.8%`).
    pub fn tight(self, text: String) -> String {
        match self {
            Lang::En => text,
            Lang::Zh => text.replace(" %", "%"),
        }
    }

    /// A status's name.
    pub fn status(self, s: Status) -> &'static str {
        match self {
            Lang::En => s.label(),
            Lang::Zh => match s {
                Status::Achieved => "已达成",
                Status::OnTrack => "正常推进",
                Status::NeedsAcceleration => "需加快",
                Status::LimitedProgress => "进展有限",
                Status::Deterioration => "倒退",
                Status::InsufficientData => "数据不足",
                Status::NoData => "无数据",
                Status::Pending => "待完成",
                Status::Overdue => "逾期",
                Status::NoNumericTarget => "无数值目标",
            },
        }
    }

    /// A unit as this language writes it: the plan's English unit names that
    /// have a Chinese form get it; any other unit is shown as the plan gives it.
    pub fn unit(self, unit: &str) -> String {
        if self == Lang::En {
            return unit.to_string();
        }
        match unit {
            "billion yuan" => "十亿元",
            "million yuan" => "百万元",
            "yuan" => "元",
            "km²" | "km2" => "平方公里",
            "tce per 10k yuan" | "tce/10k yuan" => "吨标准煤/万元",
            "projects" => "个",
            "enterprises" | "firms" => "家",
            other => other,
        }
        .to_string()
    }

    /// The figure that decided a status, named: `growth ratio 0.719`,
    /// `增速比 0.719`; none for a status a rule decided.
    pub fn deciding_figure(self, by: DecidedBy, value: f64) -> Option<String> {
        let figure = match by {
            DecidedBy::GrowthRatio | DecidedBy::LinearPace | DecidedBy::Projection => {
                format::ratio(value)
            }
            DecidedBy::Pace => format::signed(value, "pp"),
            DecidedBy::Trend => {
                let g = format::percent(value);
                return Some(match self {
                    Lang::En => format!("own growth {g} a year"),
                    Lang::Zh => format!("自身年均增长{g}"),
                });
            }
            DecidedBy::TargetMet
            | DecidedBy::TargetEqualsBaseline
            | DecidedBy::Milestone
            | DecidedBy::Bound => {
                return None;
            }
        };
        Some(format!("{} {figure}", self.decided_by(by)))
    }

    /// What decided a status, named: `growth ratio`, `增速比`.
    pub fn decided_by(self, by: DecidedBy) -> &'static str {
        let (en, zh) = match by {
            DecidedBy::GrowthRatio => ("growth ratio", "增速比"),
            DecidedBy::LinearPace => ("linear pace ratio", "线性进度比"),
            DecidedBy::Projection => ("projection ratio", "预测完成比"),
            DecidedBy::Pace => ("pace", "进度差"),
            DecidedBy::Trend => ("own growth", "自身增速"),
            DecidedBy::TargetMet => ("target met", "已达到目标"),
            DecidedBy::TargetEqualsBaseline => ("target equals baseline", "目标值等于基期值"),
            DecidedBy::Milestone => ("milestone", "里程碑"),
            DecidedBy::Bound => ("kept year by year", "逐年对照"),
        };
        self.pick(en, zh)
    }

    /// A target as the plan states it, when it is not a plain level:
    /// `8 % a year`, `年均增长8%`, `-13.5 % in all`, `累计下降13.5%`, `+1.2 pp`,
    /// `提高1.2个百分点`.
    pub fn stated(self, s: Stated) -> Option<String> {
        let up = s.number() >= 0.0;
        let n = format::value(s.number().abs());
        let signed = |unit: &str| format!("{}{n}{unit}", if up { "+" } else { "-" });
        Some(match (self, s) {
            (_, Stated::Value(_)) => return None,
            (Lang::En, Stated::AverageGrowthPct(_)) => format!("{} a year", signed(" %")),
            (Lang::En, Stated::ChangePct(_)) => format!("{} in all", signed(" %")),
            (Lang::En, Stated::ChangePp(_)) => signed(" pp"),
            (Lang::Zh, Stated::AverageGrowthPct(_)) => {
                format!("年均{}{n}%", if up { "增长" } else { "下降" })
            }
            (Lang::Zh, Stated::ChangePct(_)) => {
                format!("累计{}{n}%", if up { "提高" } else { "下降" })
            }
            (Lang::Zh, Stated::ChangePp(_)) => {
                format!("{}{n}个百分点", if up { "提高" } else { "降低" })
            }
        })
    }

    /// A year's growth target and how it stands: `2023 growth target +10 %
    /// (about, ±0.5 pp): +9.8 % on a year earlier (published, 2023Q3), 0.980
    /// of it: on track`.
    /// `as_` says how the KPI's figures are dated (`2023年1-9月` for a flow).
    pub fn annual_growth(self, g: &AnnualGrowth, as_: PeriodAs) -> String {
        let n = |x: f64| {
            format!(
                "{}{}",
                if x >= 0.0 { "+" } else { "-" },
                format::value(x.abs())
            )
        };
        let zh_n = |x: f64| {
            format!(
                "{}{}%",
                if x >= 0.0 { "增长" } else { "下降" },
                format::value(x.abs())
            )
        };
        let bound = match g.comparator {
            crate::core::plan::Comparator::AtMost | crate::core::plan::Comparator::Below => {
                self.pick(" or less", "以内")
            }
            _ => "",
        };
        let about = match (self, g.about) {
            (Lang::En, true) => format!(" (about, ±{} pp)", format::value(g.tolerance_pp)),
            (Lang::Zh, true) => format!("左右（±{}个百分点）", format::value(g.tolerance_pp)),
            (_, false) => String::new(),
        };
        let target = match self {
            Lang::En => format!(
                "{} growth target {} %{bound}{about}",
                g.year,
                n(g.target_pct)
            ),
            Lang::Zh => format!("{}年增长目标为{}{bound}{about}", g.year, zh_n(g.target_pct)),
        };
        let status = self.status(g.status);
        let seen = match (g.yoy_pct, g.period, g.published) {
            (Some(y), Some(p), Some(published)) => {
                let p = self.period(p, as_);
                let how = match (self, published) {
                    (Lang::En, true) => "published",
                    (Lang::En, false) => "computed",
                    (Lang::Zh, true) => "公布数",
                    (Lang::Zh, false) => "推算",
                };
                let ratio = g.ratio.map(format::ratio);
                match (self, ratio) {
                    (Lang::En, Some(r)) => {
                        format!("{} % on a year earlier ({how}, {p}), {r} of it", n(y))
                    }
                    (Lang::En, None) => format!("{} % on a year earlier ({how}, {p})", n(y)),
                    // Growth against a growth target is said in points.
                    (Lang::Zh, Some(_)) => {
                        let d = y - g.target_pct;
                        let by = format!("{:.1}", d.abs());
                        let against = if by == "0.0" {
                            "与目标持平".to_string()
                        } else if d > 0.0 {
                            format!("高于目标{by}个百分点")
                        } else {
                            format!("低于目标{by}个百分点")
                        };
                        format!("{p}同比{}（{how}），{against}", zh_n(y))
                    }
                    (Lang::Zh, None) => format!("{p}同比{}（{how}）", zh_n(y)),
                }
            }
            _ => match (&g.why, self) {
                (Some(w), Lang::Zh) => self.why(w),
                _ => g.reason.clone().unwrap_or_default(),
            },
        };
        match self {
            Lang::En => format!("{target}: {seen}: {status}"),
            Lang::Zh => format!("{target}；{seen}，{status}"),
        }
    }

    /// How a yardstick decides, in words for a reader who has not read the
    /// method's documentation.
    pub fn method_words(self, m: crate::core::methods::Method) -> &'static str {
        use crate::core::methods::Method;
        match m {
            Method::GrowthRatio => self.pick(
                "growth ratio: the growth since the baseline against the growth the target requires",
                "增速比法：基期以来的实际增速与实现目标所需增速之比",
            ),
            Method::Projection => self.pick(
                "projection: the latest value carried to the target period at its own growth, against the planned change",
                "趋势预测法：按实际增速推算到目标期的值与计划增量之比",
            ),
            Method::Pace => self.pick(
                "pace: the share of the planned change done against the share of time gone",
                "进度对比法：完成进度与时间进度之差",
            ),
        }
    }

    /// How a Chinese reader counts money given in `unit`: billion yuan in
    /// 亿元 (×10, so 89.6 billion yuan is 896亿元, never 89.6十亿元), million
    /// yuan in 万元 (×100); the factor and the unit's name. Any other unit,
    /// and every unit in English: (1, the unit as this language names it).
    /// `shown`: the plan's `unit_zh` for the KPI, which Chinese uses instead.
    pub fn money(self, unit: &str, shown: Option<&str>) -> (f64, String) {
        if let (Lang::Zh, Some(shown)) = (self, shown)
            && let Some(f) = crate::core::units::factor(unit, shown)
        {
            return (f, shown.to_string());
        }
        match (self, unit.trim()) {
            (Lang::Zh, "billion yuan" | "十亿元" | "bn yuan") => (10.0, "亿元".to_string()),
            (Lang::Zh, "million yuan" | "百万元" | "mn yuan") => (100.0, "万元".to_string()),
            (_, u) => (1.0, self.unit(u)),
        }
    }

    /// A period as this language's readers write it: `2022Q3` in English;
    /// in Chinese as a bureau does, `2022年1-9月` for a year-to-date total,
    /// `2022年三季度末` for a level at a quarter's end, `2022年三季度` for a
    /// quarter or a due date, and a fourth quarter as the year (`2022年`,
    /// `2022年末`).
    pub fn period(self, p: crate::core::period::Period, as_: PeriodAs) -> String {
        if self == Lang::En {
            return p.to_string();
        }
        let (y, q) = (p.year(), p.quarter());
        let quarter = ["一", "二", "三", "四"][usize::from(q.clamp(1, 4)) - 1];
        match (as_, q) {
            (PeriodAs::YearToDate | PeriodAs::Due, 4) => format!("{y}年"),
            (PeriodAs::YearToDate, _) => format!("{y}年1-{}月", u32::from(q) * 3),
            (PeriodAs::Level, 4) => format!("{y}年末"),
            (PeriodAs::Level, _) => format!("{y}年{quarter}季度末"),
            (PeriodAs::Due, _) => format!("{y}年{quarter}季度"),
        }
    }

    /// A reason the assessment gives (`core::why`), in this language.
    pub fn why(self, w: &crate::core::why::Why) -> String {
        use crate::core::why::Why;
        if let (Lang::En, Why::Bound(c)) = (self, w) {
            return bound::said(self, c);
        }
        if self == Lang::En {
            return w.en();
        }
        let at = |p: crate::core::period::Period| self.period(p, PeriodAs::Due);
        match w {
            Why::NoObservation { as_of } => format!("截至{}尚无数据", at(*as_of)),
            Why::NoComparable => "无可比数据：所报数据之前缺少一个季度".to_string(),
            Why::NoTargetNoTrend => {
                "无数值目标，且按自身趋势评估需要基期值和同口径的后续数据".to_string()
            }
            Why::TargetPassed { due } => format!("目标期{}已过", at(*due)),
            Why::OtherScope { latest, seen, planned } => format!(
                "最新数据（{}）的统计口径为“{seen}”，目标口径为“{planned}”：两种口径不是同一序列，故不计算增速、完成进度和预测；差距按该数据与所公布的目标直接比较",
                at(*latest)
            ),
            Why::NoBaseline { at: p } => {
                format!("无基期数：规划未给出，数据中也没有{}的值", at(*p))
            }
            Why::OnlyBaseline { at: p } => {
                format!("仅有基期（{}）数据：需要之后的数据才能衡量进展", at(*p))
            }
            Why::Overdue { due, latest } => {
                let seen = latest.map_or(String::new(), |p| format!("（最新数据为{}）", at(p)));
                format!("目标期{}已过而目标未完成{seen}", at(*due))
            }
            Why::Achieved { at: p } => format!("已于{}报告完成", at(*p)),
            Why::NotAchievedBy { due } => format!("{}前未报告完成", at(*due)),
            Why::NoReport { due } => format!("尚未报告，期限为{}", at(*due)),
            Why::NotYet { due } => format!("已报告尚未完成，期限为{}", at(*due)),
            Why::TargetEqualsBaseline => "目标值等于基期值，无所需增速，也无比值".to_string(),
            Why::Linear => "基期值为0，无法计算复合增长率：按线性速度评估，即 d ×（（最新值 − 基期值）/ 已过年数）/ |（目标值 − 基期值）/ 规划年数|".to_string(),
            Why::NoCagr => "计算复合增长率需要基期值为正且各期数值不为负".to_string(),
            Why::NoCompletion => "无法计算完成进度与时间进度".to_string(),
            Why::Trend {
                growth_pct,
                decrease,
                thresholds_pct: [high, medium, low],
            } => format!(
                "无数值目标：按自身增速评估，年均{growth_pct:.2}%{}，对照{high:.2}% / {medium:.2}% / {low:.2}%",
                if *decrease { "（下降型指标，下降视同上升）" } else { "" }
            ),
            Why::NoTrend => format!(
                "无数值目标，且按自身趋势评估需要两个正值；{}",
                self.why(&Why::NoCagr)
            ),
            Why::NoFigureForYear { year } => format!("{year}年尚无数据"),
            Why::NoYoy { period, year_before } => format!(
                "{}的同比增速既未公布，也无法推算（同口径下没有{}的数据）",
                at(*period),
                at(*year_before)
            ),
            Why::GrowthMet {
                yoy_pct,
                comparator,
                target_pct,
            } => format!("{yoy_pct}% {} {target_pct}%", self.comparator(*comparator)),
            Why::GrowthWithin {
                yoy_pct,
                tolerance_pp,
                target_pct,
            } => format!("{yoy_pct}%与目标{target_pct}%左右相差不超过{tolerance_pp}个百分点"),
            Why::NoGrowthRatio { target_pct, yoy_pct } => {
                format!("增长目标{target_pct}%与实际增长{yoy_pct}%之间无法计算比值")
            }
            Why::WordsOnly => "目标为文字表述，无数值：跟踪监测数据，不作评价".to_string(),
            Why::Bound(c) => bound::said(self, c),
            Why::ChainBroken { year } => format!(
                "{year}年未公布按可比价格计算的同比增速：指数链在此中断，不推算任何数值"
            ),
        }
    }

    /// A scope as this language's reader knows it: in Chinese, the name
    /// the plan's `scopes_zh` gives it, else as written.
    pub fn scope<'a>(self, scope: &'a str, names: &'a BTreeMap<String, String>) -> &'a str {
        match (self, names.get(scope)) {
            (Lang::Zh, Some(name)) => name,
            _ => scope,
        }
    }

    /// A reason, with the scopes it names as this language's reader knows them.
    pub fn why_in(self, w: &crate::core::why::Why, names: &BTreeMap<String, String>) -> String {
        use crate::core::why::Why;
        match w {
            Why::OtherScope {
                latest,
                seen,
                planned,
            } if self == Lang::Zh => self.why(&Why::OtherScope {
                latest: *latest,
                seen: self.scope(seen, names).to_string(),
                planned: self.scope(planned, names).to_string(),
            }),
            w => self.why(w),
        }
    }

    /// A comparison as a formula writes it: `>=` in English, `≥` in Chinese.
    pub fn comparator(self, c: crate::core::plan::Comparator) -> &'static str {
        match self {
            Lang::En => c.symbol(),
            Lang::Zh => typographic(c),
        }
    }

    /// What a published figure is: `ytd`, `年内累计`.
    pub fn basis(self, b: crate::core::observation::Basis) -> &'static str {
        use crate::core::observation::Basis;
        match (self, b) {
            (Lang::En, b) => b.id(),
            (Lang::Zh, Basis::Ytd) => "年内累计",
            (Lang::Zh, Basis::Quarter) => "当季",
            (Lang::Zh, Basis::Level) => "期末值",
            (Lang::Zh, Basis::Increment) => "当季新增",
        }
    }

    /// A name in this language: the Chinese one where the plan gives it.
    pub fn name<'a>(self, en: &'a str, zh: Option<&'a str>) -> &'a str {
        match (self, zh) {
            (Lang::Zh, Some(zh)) => zh,
            _ => en,
        }
    }
}

/// A comparator as people read it: `≥`, `≤` (JSON and English formulas
/// keep `>=`).
/// A stored 同比 as it was published, every digit kept: `+13.7 %`, `+0.5
/// pp` (a KPI in percent changes in points); `增长13.7%`, `提高0.5个百分点`.
/// Empty where none was published.
pub fn published_yoy(lang: Lang, yoy: Option<f64>, points: bool) -> String {
    let Some(y) = yoy else {
        return String::new();
    };
    let sign = if y > 0.0 { "+" } else { "" };
    match (lang, points) {
        (Lang::En, false) => format!("{sign}{y} %"),
        (Lang::En, true) => format!("{sign}{y} pp"),
        (Lang::Zh, false) if y < 0.0 => format!("下降{}%", -y),
        (Lang::Zh, false) => format!("增长{y}%"),
        (Lang::Zh, true) if y < 0.0 => format!("下降{}个百分点", -y),
        (Lang::Zh, true) => format!("提高{y}个百分点"),
    }
}

pub fn typographic(c: crate::core::plan::Comparator) -> &'static str {
    use crate::core::plan::Comparator;
    match c {
        Comparator::AtLeast => "≥",
        Comparator::AtMost => "≤",
        other => other.symbol(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_periods_and_money_as_a_bureau_writes_them() {
        let p = |t: &str| t.parse::<crate::core::period::Period>().unwrap();
        assert_eq!(
            Lang::Zh.period(p("2023Q3"), PeriodAs::YearToDate),
            "2023年1-9月"
        );
        assert_eq!(Lang::Zh.period(p("2023Q4"), PeriodAs::YearToDate), "2023年");
        assert_eq!(
            Lang::Zh.period(p("2023Q3"), PeriodAs::Level),
            "2023年三季度末"
        );
        assert_eq!(Lang::Zh.period(p("2023Q4"), PeriodAs::Level), "2023年末");
        assert_eq!(Lang::Zh.period(p("2024Q2"), PeriodAs::Due), "2024年二季度");
        assert_eq!(Lang::En.period(p("2023Q3"), PeriodAs::YearToDate), "2023Q3");
        assert_eq!(
            Lang::Zh.money("billion yuan", None),
            (10.0, "亿元".to_string())
        );
        assert_eq!(
            Lang::Zh.money("million yuan", None),
            (100.0, "万元".to_string())
        );
        assert_eq!(Lang::Zh.money("km²", None), (1.0, "平方公里".to_string()));
        assert_eq!(
            Lang::En.money("billion yuan", None),
            (1.0, "billion yuan".to_string())
        );
    }

    #[test]
    fn every_reason_is_said_in_chinese() {
        use crate::core::why::Why;
        let p = |t: &str| t.parse::<crate::core::period::Period>().unwrap();
        let all = [
            Why::NoObservation { as_of: p("2022Q1") },
            Why::NoComparable,
            Why::NoTargetNoTrend,
            Why::TargetPassed { due: p("2022Q4") },
            Why::OtherScope {
                latest: p("2022Q1"),
                seen: "园区".into(),
                planned: "全区".into(),
            },
            Why::NoBaseline { at: p("2018Q2") },
            Why::OnlyBaseline { at: p("2018Q2") },
            Why::Overdue {
                due: p("2022Q4"),
                latest: Some(p("2023Q1")),
            },
            Why::Achieved { at: p("2022Q2") },
            Why::NotAchievedBy { due: p("2022Q4") },
            Why::NoReport { due: p("2022Q4") },
            Why::NotYet { due: p("2022Q4") },
            Why::TargetEqualsBaseline,
            Why::NoCagr,
            Why::NoCompletion,
            Why::Trend {
                growth_pct: 1.0,
                decrease: true,
                thresholds_pct: [1.5, 0.5, 0.0],
            },
            Why::NoTrend,
            Why::NoFigureForYear { year: 2023 },
            Why::NoYoy {
                period: p("2023Q2"),
                year_before: p("2022Q2"),
            },
            Why::GrowthMet {
                yoy_pct: 9.8,
                comparator: crate::core::plan::Comparator::AtLeast,
                target_pct: 9.5,
            },
            Why::GrowthWithin {
                yoy_pct: 9.8,
                tolerance_pp: 0.5,
                target_pct: 10.0,
            },
            Why::NoGrowthRatio {
                target_pct: 0.0,
                yoy_pct: -1.0,
            },
        ];
        for w in &all {
            let zh = Lang::Zh.why(w);
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
            assert_eq!(Lang::En.why(w), w.en());
        }
        // The linear rule keeps its formula's letter d.
        assert!(Lang::Zh.why(&Why::Linear).starts_with("基期值为0"));
        assert_eq!(
            Lang::Zh.why(&Why::Overdue {
                due: p("2022Q4"),
                latest: Some(p("2023Q1"))
            }),
            "目标期2022年已过而目标未完成（最新数据为2023年一季度）"
        );
    }
}
