//! Turning assessments into text: table, JSON, CSV and Markdown.
//!
//! Renderers never compute a figure; they only write what `assess` returned.
//! The table and Markdown share the cells built here, so both say the same.

pub mod csv;
pub mod explain;
pub mod json;
pub mod markdown;
pub mod reading;
pub mod report;
pub mod table;

use crate::core::assess::{KpiAssessment, Method, PlanAssessment};
use crate::core::series::Annualisation;
use crate::lang::Lang;
use crate::output::format::{self, NONE};

/// Column headings of the human-readable table; the sixth names the figure
/// the method decides by.
pub fn headings(method: Method) -> [&'static str; 8] {
    let decisive = match method {
        Method::GrowthRatio => "Growth ratio",
        Method::Projection => "Projection ratio",
        Method::Pace => "Pace (pp)",
    };
    [
        "KPI",
        "Latest (period)",
        "Target",
        "Gap",
        "Completion vs time",
        decisive,
        "Projected",
        "Status",
    ]
}

/// Marks a value that is an annual equivalent of a part-year total.
pub const ESTIMATED: &str = "*";
/// Marks a value whose scope differs from the target's.
pub const OTHER_SCOPE: &str = "†";

/// The latest figure's cell in English: `89.6*† (2022Q1, 22.4 ytd)`. The
/// bracket starts after `br` (a space, or a line break where a table is
/// narrow); `glue` keeps a figure with its `ytd`; `older` adds `, older`.
pub fn latest_cell(k: &KpiAssessment, br: &str, glue: char, older: bool) -> String {
    let older = if older { ", older" } else { "" };
    match &k.latest {
        None => NONE.to_string(),
        Some(l) if k.kind == crate::core::plan::Kind::Milestone => {
            let word = if l.value == 1.0 {
                "achieved"
            } else {
                "not yet"
            };
            format!("{word}{br}({})", l.period)
        }
        Some(l) => {
            let (value, marks) = (format::value(l.value), marks(k, l));
            if l.reported != l.value && k.kind == crate::core::plan::Kind::Flow {
                let published = format::value(l.reported);
                format!(
                    "{value}{marks}{br}({}, {published}{glue}ytd{older})",
                    l.period
                )
            } else {
                format!("{value}{marks}{br}({}{older})", l.period)
            }
        }
    }
}

/// The marks after a latest figure: `*` for an annual equivalent (an
/// estimate), `†` for a scope other than the target's.
pub fn marks(k: &KpiAssessment, l: &crate::core::assess::Latest) -> String {
    let mut marks = String::new();
    if l.estimated {
        marks.push_str(ESTIMATED);
    }
    if l.scope != k.scope {
        marks.push_str(OTHER_SCOPE);
    }
    marks
}

/// The eight human-readable cells of one KPI.
pub fn cells(k: &KpiAssessment, method: Method) -> [String; 8] {
    let opt = |x: Option<f64>, f: fn(f64) -> String| x.map_or(NONE.to_string(), f);
    let kpi = if k.unit.is_empty() {
        k.name.clone()
    } else {
        format!("{} ({})", k.name, k.unit)
    };
    let latest = latest_cell(k, " ", ' ', false);
    let target = target_cell(k, Lang::En);
    let gap = match (k.gap, k.gap_pct) {
        (Some(g), Some(p)) => format!("{} ({})", format::value(g), format::signed(p, "%")),
        (Some(g), None) => format::value(g),
        _ => NONE.to_string(),
    };
    // No way travelled yet (only the baseline known): no completion.
    let pace = match (k.completion, k.time_elapsed, k.pace_gap_pp) {
        (Some(c), Some(e), Some(pp)) if e > 0.0 => format!(
            "{} vs {} ({})",
            format::percent(c),
            format::percent(e),
            format::signed(pp, "pp")
        ),
        _ => NONE.to_string(),
    };
    [
        kpi,
        latest,
        target,
        gap,
        pace,
        match method {
            Method::GrowthRatio => opt(k.growth_ratio, format::ratio),
            Method::Projection => opt(k.projection_ratio, format::ratio),
            Method::Pace => k
                .pace_gap_pp
                .map_or(NONE.to_string(), |pp| format::signed(pp, "pp")),
        },
        projected(k),
        k.status.label().to_string(),
    ]
}

/// The plan's caveat for a KPI in `lang`: its Chinese twin (`caveat_zh`)
/// in Chinese when the plan gives one.
pub fn caveat(k: &KpiAssessment, lang: Lang) -> Option<&str> {
    match lang {
        Lang::Zh => k.caveat_zh.as_deref().or(k.caveat.as_deref()),
        Lang::En => k.caveat.as_deref(),
    }
}

/// The eight cells of one KPI in `lang`.
/// The growth on a year earlier, marked when computed rather than
/// published: `+9.8 %`, `+16.3 % (computed)`, `+9.8%`, `+16.3%（推算）`.
pub fn yoy_text(k: &KpiAssessment, lang: Lang) -> Option<String> {
    let y = k.yoy.as_ref()?;
    let pct = format::signed(y.pct, "%");
    Some(match (lang, y.published) {
        (Lang::En, true) => pct,
        (Lang::En, false) => format!("{pct} (computed)"),
        (Lang::Zh, true) => pct.replace(' ', ""),
        (Lang::Zh, false) => format!("{}（推算）", pct.replace(' ', "")),
    })
}

pub fn cells_in(k: &KpiAssessment, method: Method, lang: Lang) -> [String; 8] {
    let mut c = cells(k, method);
    if lang.is_zh() {
        zh_cells(k, &mut c);
    }
    c
}

/// The cells in Chinese: periods as a bureau writes them, money in 亿元
/// and 万元, words for the marks (累计, 个百分点, 约).
fn zh_cells(k: &KpiAssessment, c: &mut [String; 8]) {
    use crate::core::plan::Kind;
    use crate::output::format::{self, NONE};
    use crate::output::words::PeriodAs;
    let lang = Lang::Zh;
    let (scale, unit) = lang.money(&k.unit, k.unit_zh.as_deref());
    let v = |x: f64| format::value(x * scale);
    let dated = PeriodAs::of(k.kind);
    let name = k.name_zh.as_deref().unwrap_or(&k.name);
    c[0] = if k.unit.is_empty() {
        name.to_string()
    } else {
        format!("{name}（{unit}）")
    };
    c[1] = match &k.latest {
        None => NONE.to_string(),
        Some(l) if k.kind == Kind::Milestone => {
            let word = if l.value == 1.0 {
                "已完成"
            } else {
                "未完成"
            };
            format!("{word}（{}）", lang.period(l.period, PeriodAs::Due))
        }
        Some(l) => {
            let marks = marks(k, l);
            let at = lang.period(l.period, dated);
            if l.reported != l.value && k.kind == Kind::Flow {
                format!("{}{marks}（{at}，累计{}）", v(l.value), v(l.reported))
            } else {
                format!("{}{marks}（{at}）", v(l.value))
            }
        }
    };
    c[2] = match (k.target.value, k.target.comparator) {
        (Some(t), Some(cmp)) => {
            let stated = k.target.stated.and_then(|s| lang.stated(s));
            let words = stated.map_or(String::new(), |s| format!("，{s}"));
            let due = lang.period(k.target.period, PeriodAs::Due);
            format!("{} {}（{due}{words}）", lang.comparator(cmp), v(t))
        }
        _ => format!("期限{}", lang.period(k.target.period, PeriodAs::Due)),
    };
    c[3] = match (k.gap, k.gap_pct) {
        (Some(g), Some(p)) => {
            format!("{}（{}）", v(g), format::signed(p, "%").replace(" %", "%"))
        }
        (Some(g), None) => v(g),
        _ => NONE.to_string(),
    };
    c[4] = match (k.completion, k.time_elapsed, k.pace_gap_pp) {
        (Some(done), Some(gone), Some(pp)) if gone > 0.0 => format!(
            "完成{}，时间{}（{}个百分点）",
            format::percent(done).replace(" %", "%"),
            format::percent(gone).replace(" %", "%"),
            format::signed(pp, "").trim_end()
        ),
        _ => NONE.to_string(),
    };
    c[6] = match k.projected {
        Some(p) if k.kind == Kind::Count => {
            let whole = format::value(p.round());
            if p.fract() == 0.0 {
                whole
            } else {
                format!("约{whole}")
            }
        }
        Some(p) => v(p),
        None => NONE.to_string(),
    };
    c[7] = lang.status(k.status).to_string();
}

/// The value projected for the target period; a count of things as a
/// whole number, `about 389` (never 388.57 firms).
pub fn projected(k: &KpiAssessment) -> String {
    match k.projected {
        Some(p) if k.kind == crate::core::plan::Kind::Count => format::count(p, true),
        Some(p) => format::value(p),
        None => NONE.to_string(),
    }
}

/// The target: its level and period, and the plan's own words where it
/// states the target as a growth or a change (`≥ 1,469.33 (2025Q4, +8 % a year)`).
pub fn target_cell(k: &KpiAssessment, lang: Lang) -> String {
    match (k.target.value, k.target.comparator) {
        (Some(v), Some(c)) => {
            let stated = k.target.stated.and_then(|s| lang.stated(s));
            let words = stated.map_or(String::new(), |s| format!(", {s}"));
            format!(
                "{} {} ({}{words})",
                crate::output::words::typographic(c),
                format::value(v),
                k.target.period
            )
        }
        _ => format!("{} {}", lang.pick("by", "期限"), k.target.period),
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
            format!("{ESTIMATED} 年内累计值折合的全年数，为估算（`plantrack explain 指标` 可查看算法）")
        } else {
            format!(
                "{ESTIMATED} annual equivalent of a year-to-date total, an estimate ({}; `plantrack explain KPI` shows it)",
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
    use crate::output::words::PeriodAs;
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
        if let Some(r) = &k.reason {
            // In Chinese, each reason said from its data; in English, as JSON says it.
            let r = if zh {
                k.why
                    .iter()
                    .map(|w| lang.why_in(w, &k.scopes_zh))
                    .collect::<Vec<_>>()
                    .join("；")
            } else {
                r.clone()
            };
            out.push(format!("{name}{}{r}", lang.pick(": ", "：")));
        }
        if let Some(y) = &k.year_pace {
            out.push(if zh {
                format!(
                    "{name}：{}年累计完成全年目标{}的{}，全年时间已过{}（{}个百分点）",
                    y.year,
                    money(y.annual_target),
                    format::percent(y.completion).replace(' ', ""),
                    format::percent(y.time_elapsed).replace(' ', ""),
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
