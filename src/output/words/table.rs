//! Phrases of the status table: its title and headings, each cell of a row
//! (`status_table::Row`), and the legend of the marks it used; English and
//! Chinese side by side.

use crate::core::assess::{Method, PlanAssessment};
use crate::lang::Lang;
use crate::output::format::{self, NONE};
use crate::output::status_table::{Figure, Latest, Row, Used};
use crate::output::words::{PeriodAs, typographic};

/// Marks a value that is an annual equivalent of a part-year total.
pub const ESTIMATED: &str = "*";
/// Marks a value whose scope differs from the target's.
pub const OTHER_SCOPE: &str = "†";

/// How a cell is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Narrow: what a bracket holds goes on a line of its own.
    pub compact: bool,
    /// What holds a figure to its unit while a table wraps (`format::GLUE`),
    /// or a plain space where nothing wraps.
    pub glue: char,
    /// A legend goes under the table, so its short marks are used (`c`,
    /// `older`, 较旧).
    pub legend: bool,
}

impl Shape {
    /// One line a cell, plain spaces, no legend: Markdown, the report, `check`.
    pub const PLAIN: Shape = Shape {
        compact: false,
        glue: ' ',
        legend: false,
    };

    /// Where a cell may break before its bracket (English).
    fn br(self) -> &'static str {
        if self.compact { "\n" } else { " " }
    }

    /// Every space of `s` held by the glue.
    fn glued(self, s: &str) -> String {
        s.replace(' ', &self.glue.to_string())
    }

    /// A Chinese cell as laid out: in the compact layout, what a bracket
    /// holds goes on a line of its own, unbracketed.
    fn zh(self, s: String) -> String {
        if self.compact {
            s.replace('（', "\n").replace('）', "").replace('，', "\n")
        } else {
            s
        }
    }
}

/// The terminal table's title line for a plan.
pub fn title(lang: Lang, a: &PlanAssessment) -> String {
    match lang {
        Lang::En => format!(
            "{} ({}): as of {}, method {}",
            a.plan_name,
            a.plan,
            a.as_of,
            a.method.id()
        ),
        Lang::Zh => {
            let name = lang.name(&a.plan_name, a.plan_name_zh.as_deref());
            let as_of = lang.period(a.as_of, PeriodAs::Level);
            format!(
                "{name}（{}）：截至{as_of}，评估方法：{}",
                a.plan,
                method_name(lang, a.method)
            )
        }
    }
}

/// The Markdown table's title line for a plan (its texts escaped by `esc`).
pub fn markdown_title(lang: Lang, a: &PlanAssessment, esc: fn(&str) -> String) -> String {
    match lang {
        Lang::En => format!(
            "**{}** (`{}`): as of {}, method {}",
            esc(&a.plan_name),
            a.plan,
            a.as_of,
            a.method.id()
        ),
        Lang::Zh => format!(
            "**{}**（`{}`）：截至{}，评估方法：{}",
            esc(lang.name(&a.plan_name, a.plan_name_zh.as_deref())),
            a.plan,
            lang.period(a.as_of, PeriodAs::Level),
            method_name(lang, a.method)
        ),
    }
}

/// A method's short name: `growth-ratio`, 增速比法.
fn method_name(lang: Lang, m: Method) -> &'static str {
    match lang {
        Lang::En => m.id(),
        Lang::Zh => {
            let words = lang.method_words(m);
            words.split_once('：').map_or(words, |w| w.0)
        }
    }
}

/// The terminal table's headings: a plan column where there are several,
/// the deciding figure and the projection only in the wide layout.
pub fn terminal_headings(
    lang: Lang,
    method: Method,
    compact: bool,
    several: bool,
) -> Vec<&'static str> {
    let mut out = Vec::new();
    if several {
        out.push(lang.pick("Plan", "规划"));
    }
    out.extend(match lang {
        Lang::En => [
            "KPI",
            "Latest\n(period)",
            "YoY",
            "Target",
            "Gap",
            "Completion\nvs time",
        ],
        Lang::Zh => [
            "指标",
            "最新值\n（期间）",
            "同比",
            "目标",
            "差距",
            "完成进度\n对时间进度",
        ],
    });
    if !compact {
        out.push(match method {
            Method::GrowthRatio => lang.pick("Growth\nratio", "增速比"),
            Method::Projection => lang.pick("Projection\nratio", "预测\n完成比"),
            Method::Pace => lang.pick("Pace\n(pp)", "进度差\n（百分点）"),
        });
        out.push(lang.pick("Projected", "预测值"));
        out.push(lang.pick("Chance", "达标\n可能性"));
    }
    out.push(lang.pick("Status", "状态"));
    out
}

/// The headings of the table in Markdown and in the report (HTML, Word),
/// with the 同比 column after the latest figure where `yoy`.
pub fn headings(lang: Lang, method: Method, yoy: bool) -> Vec<String> {
    let decisive = match method {
        Method::GrowthRatio => lang.pick("Growth ratio", "增速比"),
        Method::Projection => lang.pick("Projection ratio", "预测完成比"),
        Method::Pace => lang.pick("Pace (pp)", "进度差（百分点）"),
    };
    let mut out: Vec<String> = [
        lang.pick("KPI", "指标"),
        lang.pick("Latest (period)", "最新值（期间）"),
        lang.pick("Target", "目标"),
        lang.pick("Gap", "差距"),
        lang.pick("Completion vs time", "完成进度对时间进度"),
        decisive,
        lang.pick("Projected", "预测值"),
        lang.pick("Status", "状态"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if yoy {
        out.insert(2, lang.pick("YoY", "同比").to_string());
    }
    out
}

/// A row's cells as Markdown and the report show them: name, latest, (同比,)
/// target, gap, completion against time, the deciding figure, projection,
/// status.
pub fn cells(lang: Lang, r: &Row, yoy: bool) -> Vec<String> {
    let shape = Shape::PLAIN;
    let mut out = vec![
        name(lang, r, shape),
        latest(lang, r, shape),
        target(lang, r, shape),
        gap(lang, r, shape),
        pace(lang, r, shape),
        decisive(lang, r, shape).unwrap_or_else(|| NONE.to_string()),
        projected(lang, r),
        lang.status(r.status).to_string(),
    ];
    if yoy {
        out.insert(2, self::yoy(lang, r, shape));
    }
    out
}

/// The KPI with its unit: `R&D ratio (%)`, `研发投入强度（%）`; in the
/// compact Chinese layout the unit on a line of its own (a long compound
/// unit broken after its slash), so a narrow column breaks the name, never
/// the unit's brackets.
pub fn name(lang: Lang, r: &Row, shape: Shape) -> String {
    if r.kpi.unit.is_empty() {
        return r.name.to_string();
    }
    match lang {
        Lang::En => format!("{} ({})", r.name, r.unit),
        Lang::Zh if shape.compact && !r.name.is_empty() => {
            let unit = format!("（{}）", r.unit);
            let unit = match unit.split_once('/') {
                Some((a, b)) if unicode_width::UnicodeWidthStr::width(unit.as_str()) > 12 => {
                    format!("{a}/\n{b}")
                }
                _ => unit,
            };
            format!("{}\n{unit}", r.name)
        }
        Lang::Zh => format!("{}（{}）", r.name, r.unit),
    }
}

/// A figure in the row's unit.
fn v(r: &Row, x: f64) -> String {
    format::value(x * r.scale)
}

/// The marks after a latest figure: `*` an estimate, `†` another scope.
pub fn marks(f: &Figure) -> String {
    let mut marks = String::new();
    if f.estimated {
        marks.push_str(ESTIMATED);
    }
    if f.other_scope {
        marks.push_str(OTHER_SCOPE);
    }
    marks
}

/// The latest figure with its period: `89.6*† (2022Q1, 22.4 ytd)`,
/// `896*†（2022年1-3月，累计224）`; `, older` / `，较旧` with a legend.
pub fn latest(lang: Lang, r: &Row, shape: Shape) -> String {
    match (lang, r.latest) {
        (_, Latest::None) => NONE.to_string(),
        (Lang::En, Latest::Milestone { done, period }) => {
            let word = if done { "achieved" } else { "not yet" };
            format!("{word}{}({period})", shape.br())
        }
        (Lang::Zh, Latest::Milestone { done, period }) => {
            let word = if done { "已完成" } else { "未完成" };
            shape.zh(format!("{word}（{}）", lang.period(period, PeriodAs::Due)))
        }
        (Lang::En, Latest::Figure(f)) => {
            let older = if shape.legend && f.older {
                ", older"
            } else {
                ""
            };
            let (value, marks, br) = (v(r, f.value), marks(&f), shape.br());
            match f.published_ytd {
                Some(p) => format!(
                    "{value}{marks}{br}({}, {}{}ytd{older})",
                    f.period,
                    v(r, p),
                    shape.glue
                ),
                None => format!("{value}{marks}{br}({}{older})", f.period),
            }
        }
        (Lang::Zh, Latest::Figure(f)) => {
            let at = lang.period(f.period, f.dated);
            let older = if shape.legend && f.older {
                "，较旧"
            } else {
                ""
            };
            let (value, marks) = (v(r, f.value), marks(&f));
            shape.zh(match f.published_ytd {
                Some(p) => format!("{value}{marks}（{at}，累计{}{older}）", v(r, p)),
                None => format!("{value}{marks}（{at}{older}）"),
            })
        }
    }
}

/// The growth on a year earlier, marked when computed rather than
/// published: `+9.8 %`, `+16.3 % (computed)` (`+16.3 % c` with a legend),
/// `+9.8%`, `+16.3%（推算）`.
pub fn yoy(lang: Lang, r: &Row, shape: Shape) -> String {
    let Some(y) = r.yoy else {
        return NONE.to_string();
    };
    let pct = if y.points {
        super::bound::points(lang, y.pct, y.like)
    } else {
        format::signed(y.pct, "%")
    };
    match (lang, y.published) {
        (Lang::En, true) => shape.glued(&pct),
        (Lang::En, false) if shape.legend => format!("{}{}c", shape.glued(&pct), shape.glue),
        (Lang::En, false) => format!("{pct} (computed)"),
        (Lang::Zh, true) => shape.zh(lang.tight(pct)),
        (Lang::Zh, false) => shape.zh(format!("{}（推算）", lang.tight(pct))),
    }
}

/// The growth on a year earlier for a sentence: as `yoy`, none where there is none.
pub fn yoy_text(lang: Lang, r: &Row) -> Option<String> {
    r.yoy.map(|_| yoy(lang, r, Shape::PLAIN))
}

/// The target: its level and period, and the plan's own words where it
/// states the target as a growth or a change: `≥ 1,469.33 (2025Q4, +8 % a
/// year)`, `≥ 14,693.3（2025年，年均增长8%）`, `by 2023Q4`, `期限2023年`.
pub fn target(lang: Lang, r: &Row, shape: Shape) -> String {
    let t = &r.target;
    if let Some(s) = super::bound::unlevelled(lang, r.kpi) {
        return match lang {
            Lang::En => shape.glued(&format!("{s} ({})", t.period)),
            Lang::Zh => shape.zh(format!("{s}（{}）", lang.period(t.period, PeriodAs::Due))),
        };
    }
    let stated = t.stated.and_then(|s| lang.stated(s));
    match (lang, t.level) {
        (Lang::En, Some((c, level))) => {
            let words = stated.map_or(String::new(), |s| format!(", {s}"));
            let text = format!("{} {} ({}{words})", typographic(c), v(r, level), t.period);
            shape
                .glued(&text)
                .replacen(&format!("{}(", shape.glue), &format!("{}(", shape.br()), 1)
        }
        (Lang::En, None) => shape.glued(&format!("by {}", t.period)),
        (Lang::Zh, Some((c, level))) => {
            let words = stated.map_or(String::new(), |s| format!("，{s}"));
            let due = lang.period(t.period, PeriodAs::Due);
            shape.zh(format!(
                "{} {}（{due}{words}）",
                lang.comparator(c),
                v(r, level)
            ))
        }
        (Lang::Zh, None) => shape.zh(format!("期限{}", lang.period(t.period, PeriodAs::Due))),
    }
}

/// The gap to the target, and as a share of it: `-410.4 (-82.1 %)`.
pub fn gap(lang: Lang, r: &Row, shape: Shape) -> String {
    let Some(g) = r.gap else {
        return NONE.to_string();
    };
    match (lang, g.pct) {
        (_, None) => v(r, g.value),
        (Lang::En, Some(p)) => format!(
            "{}{}({})",
            v(r, g.value),
            shape.br(),
            shape.glued(&format::signed(p, "%"))
        ),
        (Lang::Zh, Some(p)) => shape.zh(format!("{}（{}）", v(r, g.value), lang.signed_pct(p))),
    }
}

/// The share of the way covered against the share of time gone, and their
/// difference: `25.0 % vs 43.8 % (-18.8 pp)`, `完成25.0%，时间43.8%（-18.8个百分点）`.
pub fn pace(lang: Lang, r: &Row, shape: Shape) -> String {
    let Some(p) = r.pace else {
        return NONE.to_string();
    };
    match lang {
        Lang::En => format!(
            "{} vs {}{}({})",
            shape.glued(&format::percent(p.completion)),
            shape.glued(&format::percent(p.elapsed)),
            shape.br(),
            shape.glued(&format::signed(p.gap_pp, "pp"))
        ),
        Lang::Zh => shape.zh(format!(
            "完成{}，时间{}（{}个百分点）",
            lang.percent(p.completion),
            lang.percent(p.elapsed),
            format::signed(p.gap_pp, "").trim_end()
        )),
    }
}

/// The figure the method decides by: a ratio (`0.719`), or a pace in points.
pub fn decisive(lang: Lang, r: &Row, shape: Shape) -> Option<String> {
    let x = r.decisive?;
    Some(match r.method {
        Method::GrowthRatio | Method::Projection => format::ratio(x),
        // (A Chinese column is never glued: it breaks between characters.)
        Method::Pace if lang == Lang::En => shape.glued(&format::signed(x, "pp")),
        Method::Pace => format::signed(x, "pp"),
    })
}

/// The status, with the deciding figure under it (the compact layout's
/// last column): `needs acceleration\n(0.719)`, `需加快\n0.719`.
pub fn status_over_decisive(lang: Lang, r: &Row, shape: Shape) -> String {
    let status = lang.status(r.status);
    match (decisive(lang, r, shape), lang) {
        (None, _) => status.to_string(),
        (Some(d), Lang::En) => format!("{status}\n({d})"),
        (Some(d), Lang::Zh) => format!("{status}\n{d}"),
    }
}

/// The value projected for the target period; a count whole (`about 389`,
/// `约389`, never 388.57 firms).
pub fn projected(lang: Lang, r: &Row) -> String {
    match (r.projected, lang) {
        (None, _) => NONE.to_string(),
        (Some(p), Lang::En) if p.count => format::count(p.value, true),
        (Some(p), Lang::Zh) if p.count => {
            let whole = format::value((p.value * r.scale).round());
            if (p.value * r.scale).fract() == 0.0 {
                whole
            } else {
                format!("约{whole}")
            }
        }
        (Some(p), _) => v(r, p.value),
    }
}

/// The narrowest a column of KPI names may be: a Chinese name breaks
/// between any two characters; an English one only at spaces, and needs
/// more room.
pub fn least_name_width(lang: Lang) -> usize {
    match lang {
        Lang::En => 16,
        Lang::Zh => 10,
    }
}

/// The chance of meeting the target, in whole percent (`6 %`, `6%`; under
/// 1 and over 99 as bounds); `≈` before it when few years make it a rough
/// guide.
pub fn chance(lang: Lang, r: &Row) -> String {
    let Some(c) = r.chance else {
        return NONE.to_string();
    };
    let pct = c.p * 100.0;
    let figure = if pct < 1.0 {
        "<1 %".to_string()
    } else if pct > 99.0 {
        ">99 %".to_string()
    } else {
        format!("{pct:.0} %")
    };
    let rough = if c.rough { "≈" } else { "" };
    lang.tight(format!("{rough}{figure}"))
}

/// One line for each mark and word the table used, and only those.
pub fn legend(lang: Lang, used: &Used, method: Method, compact: bool) -> Vec<String> {
    match lang {
        Lang::En => legend_en(used, method, compact),
        Lang::Zh => legend_zh(used, method, compact),
    }
}

fn legend_en(used: &Used, method: Method, compact: bool) -> Vec<String> {
    let mut out = Vec::new();
    if used.estimated {
        out.push(format!("{ESTIMATED} an annual equivalent of a year-to-date total, an estimate (`plantrack explain KPI` shows how)"));
    }
    if used.other_scope {
        out.push(format!(
            "{OTHER_SCOPE} a different scope from the target's (see the notes)"
        ));
    }
    if used.ytd {
        out.push("ytd: the year-to-date total as published".to_string());
    }
    if used.older {
        out.push("older: the KPI's latest figure is from before the as-of period".to_string());
    }
    if used.yoy_published || used.yoy_computed {
        out.push(match (used.yoy_published, used.yoy_computed) {
            (true, false) => "YoY: growth on the same period a year earlier, as published".to_string(),
            (false, true) => "YoY: growth on the same period a year earlier; c: computed from the two figures".to_string(),
            _ => "YoY: growth on the same period a year earlier, as published; c: computed from the two figures".to_string(),
        });
    }
    if used.completion {
        out.push("Completion vs time: the share of the way from baseline to target covered at the figure's own period, against the share of the time gone by then; pp: their difference in percentage points".to_string());
    }
    if used.ratio {
        let (name, what) = match method {
            Method::GrowthRatio => (
                "growth ratio",
                "the growth achieved over the growth needed to reach the target on time; 1 is on pace",
            ),
            Method::Projection => (
                "projection ratio",
                "the value projected for the target period over the target; 1 meets it",
            ),
            Method::Pace => ("pace", "completion minus time gone, in percentage points"),
        };
        let place = if compact { " (under the status)" } else { "" };
        out.push(format!("{name}{place}: {what}"));
    }
    if used.chance && !compact {
        let rough = if used.rough {
            "; ≈: few years of data, a rough guide"
        } else {
            ""
        };
        out.push(format!("Chance: of meeting the target on time, from the spread of the annual growth seen (`plantrack explain KPI` shows how){rough}"));
    }
    out
}

fn legend_zh(used: &Used, method: Method, compact: bool) -> Vec<String> {
    let mut out = Vec::new();
    if used.estimated {
        out.push(format!(
            "{ESTIMATED} 年内累计值折合的全年数，为估算（`plantrack explain 指标` 可查看算法）"
        ));
    }
    if used.other_scope {
        out.push(format!("{OTHER_SCOPE} 统计口径与目标口径不同（见说明）"));
    }
    if used.older {
        out.push("较旧：该指标的最新数据早于报告期".to_string());
    }
    if used.yoy_computed {
        out.push("同比：比上年同期增长；标“推算”者由两期数据算得，其余为公布数".to_string());
    }
    if used.completion {
        let difference = if compact { "末行" } else { "括号内" };
        out.push(format!("完成进度对时间进度：截至该数据所属期，从基期到目标已完成的比例，与已过时间的比例相比；{difference}为两者之差"));
    }
    if used.ratio {
        let words = Lang::Zh.method_words(method);
        let place = if compact {
            "（数值列于状态之下）"
        } else {
            ""
        };
        out.push(format!("{words}{place}"));
    }
    if used.chance && !compact {
        let rough = if used.rough {
            "；≈：数据年份少，仅供参考"
        } else {
            ""
        };
        out.push(format!("达标可能性：按以往各年增长的波动推算的按期达到目标的可能性（`plantrack explain 指标` 可查看算法）{rough}"));
    }
    out
}
