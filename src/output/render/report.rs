//! The quarterly report as Markdown or as one self-contained HTML file:
//! headline, status table, each KPI's chart and reading, sources, revisions.
//! Pure: the charts arrive as SVG text and file links, the log as lines.

use super::reading::paragraph;
use super::{headings, notes};
use crate::core::assess::{Method, PlanAssessment};
use crate::core::period::Period;
use crate::core::plan::Nature;
use crate::core::status::Status;
use crate::lang::Lang;

/// Everything one report shows.
pub struct Report<'a> {
    pub lang: Lang,
    pub plans: Vec<PlanReport<'a>>,
}

/// One plan's part of the report.
pub struct PlanReport<'a> {
    pub assessment: &'a PlanAssessment,
    /// Where the plan's goals were published.
    pub plan_source: &'a str,
    /// Each KPI's chart (by KPI id), then `progress`.
    pub charts: Vec<Chart>,
    /// Each data source of the figures up to the as-of quarter, with how many figures it gave.
    pub sources: Vec<(String, usize)>,
    pub revisions: Revisions,
    /// Each KPI's figures, for the workbook's sheet of it (by KPI, in the
    /// assessment's order).
    pub data: Vec<KpiData>,
}

/// One KPI's figures: each as published, the comparable series of the
/// KPI's own scope, and the planned path by quarter.
pub struct KpiData {
    pub id: String,
    pub published: Vec<Published>,
    /// (period, value as assessed: for a flow, the annual equivalent).
    pub actual: Vec<(Period, f64)>,
    /// (period, planned value), from the baseline to the target.
    pub plan: Vec<(Period, f64)>,
}

/// One observation as published.
pub struct Published {
    pub period: Period,
    pub value: f64,
    pub basis: crate::core::observation::Basis,
    pub scope: String,
    pub yoy_pct: Option<f64>,
    pub source: String,
}

/// A chart: its SVG text (for HTML), a link to its file (for Markdown) and,
/// for a Word document, its PNG at print resolution.
pub struct Chart {
    pub stem: String,
    pub svg: String,
    pub link: String,
    pub png: Option<Vec<u8>>,
}

/// The revision log's changes to figures already reported.
pub enum Revisions {
    /// No log: the figures were not fed by `plantrack ingest`.
    NoLog,
    /// Changes of kind `revised` logged after the end of `since`: the latest
    /// of them, and how many earlier ones are not listed.
    Since(Period, Vec<Revision>, usize),
}

/// One logged change of a figure, as logged.
pub struct Revision {
    pub time_utc: String,
    pub kpi: String,
    pub period: String,
    pub old_value: String,
    pub new_value: String,
    pub source_file: String,
}

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

/// The revisions table's columns, and one revision's cells.
pub const REVISION_HEADINGS: [&str; 6] = ["KPI", "period", "old", "new", "logged (UTC)", "file"];

/// The same in Chinese.
pub const REVISION_HEADINGS_ZH: [&str; 6] = [
    "指标",
    "期间",
    "原值",
    "新值",
    "记录时间（UTC）",
    "来源文件",
];

pub fn revision_cells(v: &Revision) -> [&str; 6] {
    [
        &v.kpi,
        &v.period,
        &v.old_value,
        &v.new_value,
        &v.time_utc,
        &v.source_file,
    ]
}

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
            format!(
                "评估方法：{name}，即{how}。由 plantrack {} 生成；每个数字都可用 `plantrack explain 指标` 逐步复算。",
                env!("CARGO_PKG_VERSION")
            )
        } else {
            let (name, how) = words.split_once(": ").unwrap_or((words, ""));
            format!(
                "Method: {name}, that is {how}. Made by plantrack {}; every figure can be redone by hand with `plantrack explain KPI`.",
                env!("CARGO_PKG_VERSION")
            )
        }
    }

    /// The status table's headings: the shared ones, with the growth on a
    /// year earlier (同比) after the latest figure.
    pub fn headings(&self, m: Method) -> Vec<String> {
        let mut out: Vec<String> = if self.lang.is_zh() {
            let decisive = match m {
                Method::GrowthRatio => "增速比",
                Method::Projection => "预测完成比",
                Method::Pace => "进度差（百分点）",
            };
            [
                "指标",
                "最新值（期间）",
                "目标",
                "差距",
                "完成进度对时间进度",
                decisive,
                "预测值",
                "状态",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect()
        } else {
            headings(m).iter().map(|s| s.to_string()).collect()
        };
        out.insert(2, self.w("YoY", "同比").to_string());
        out
    }

    /// A KPI's table cells, with the name and status in the report's
    /// language, and its growth on a year earlier after the latest figure
    /// (marked when computed rather than published).
    pub fn cells(&self, a: &PlanAssessment, i: usize) -> Vec<String> {
        let k = &a.kpis[i];
        let mut out = super::cells_in(k, a.method, self.lang).to_vec();
        let yoy = super::yoy_text(k, self.lang);
        out.insert(
            2,
            yoy.unwrap_or_else(|| crate::output::format::NONE.to_string()),
        );
        out
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

    pub fn revisions<'r>(&self, r: &'r Revisions) -> (String, &'r [Revision]) {
        match r {
            Revisions::NoLog => (
                self.w(
                    "No revision log: these figures were not fed by `plantrack ingest`.",
                    "无修订记录：这些数据不是通过 `plantrack ingest` 录入的。",
                )
                .to_string(),
                &[],
            ),
            Revisions::Since(p, list, _) if list.is_empty() => (
                if self.lang.is_zh() {
                    format!("{p}末以来没有修订已报告的数据。")
                } else {
                    format!("No reported figure has been revised since the end of {p}.")
                },
                &[],
            ),
            Revisions::Since(p, list, 0) => (
                if self.lang.is_zh() {
                    format!("{p}末以来修订的数据：")
                } else {
                    format!("Figures revised since the end of {p}:")
                },
                list,
            ),
            Revisions::Since(p, list, more) => (
                if self.lang.is_zh() {
                    format!(
                        "{p}末以来修订的数据共{}项，下列最近{}项（plantrack history 可查看全部）：",
                        list.len() + more,
                        list.len()
                    )
                } else {
                    format!(
                        "Figures revised since the end of {p}: {} in all, the latest {} listed (`plantrack history KPI` shows every one):",
                        list.len() + more,
                        list.len()
                    )
                },
                list,
            ),
        }
    }
}

/// The report as GitHub-flavoured Markdown.
pub fn markdown(r: &Report) -> String {
    let t = Text { lang: r.lang };
    let esc = super::markdown::escape;
    let mut out = String::new();
    for p in &r.plans {
        let a = p.assessment;
        out.push_str(&format!(
            "# {}\n\n{}\n\n",
            esc(&t.title(a)),
            t.method(a.method)
        ));
        out.push_str(&format!(
            "**{}** {}\n\n",
            t.w("Headline.", "概况。"),
            headline(a, r.lang)
        ));
        out.push_str(&format!("## {}\n\n", t.w("Status", "指标状态")));
        let h = t.headings(a.method);
        out.push_str(&format!(
            "| {} |\n|{}\n",
            h.join(" | "),
            "---|".repeat(h.len())
        ));
        for i in 0..a.kpis.len() {
            let row: Vec<String> = t.cells(a, i).iter().map(|c| esc(c)).collect();
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        out.push('\n');
        for n in notes(a, r.lang) {
            out.push_str(&format!("- {}\n", esc(&n)));
        }
        out.push_str(&format!("\n## {}\n\n", t.w("Each KPI", "分项指标")));
        for (i, k) in a.kpis.iter().enumerate() {
            out.push_str(&format!("### {}\n\n", esc(t.kpi_name(a, i))));
            if let Some(c) = p.charts.iter().find(|c| c.stem == k.id) {
                out.push_str(&format!("![{}]({})\n\n", esc(t.kpi_name(a, i)), c.link));
            }
            out.push_str(&format!("{}\n\n", esc(&paragraph(k, r.lang))));
            if let Some(cav) = super::caveat(k, r.lang) {
                out.push_str(&format!("> {} {}\n\n", t.w("Caveat:", "注意："), esc(cav)));
            }
        }
        if let Some(c) = p.charts.iter().find(|c| c.stem == "progress") {
            out.push_str(&format!(
                "## {}\n\n![{}]({})\n\n",
                t.w("Completion against time", "完成进度与时间进度"),
                t.w("completion against time", "完成进度与时间进度"),
                c.link
            ));
        }
        out.push_str(&format!("## {}\n\n", t.w("Data sources", "数据来源")));
        for item in t.sources(p) {
            out.push_str(&format!("- {}\n", esc(&item)));
        }
        let (line, list) = t.revisions(&p.revisions);
        out.push_str(&format!(
            "\n## {}\n\n{line}\n",
            t.w("Revisions", "数据修订")
        ));
        if !list.is_empty() {
            out.push_str(&format!(
                "\n| {} |\n|{}\n",
                t.revision_headings().join(" | "),
                "---|".repeat(REVISION_HEADINGS.len())
            ));
            for v in list {
                let cells = revision_cells(v).map(esc);
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
        out.push('\n');
    }
    out
}

/// HTML text escaping.
fn h(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Print and screen styles; no web fonts, nothing fetched.
const CSS: &str = r#"
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "DejaVu Sans", Arial, sans-serif;
       color: #222; margin: 0 auto; max-width: 186mm; padding: 8mm 0; line-height: 1.45; font-size: 10.5pt; }
h1 { font-size: 17pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #bbb; }
h3 { font-size: 11pt; margin: 12pt 0 4pt; }
p.meta { color: #555; font-size: 9pt; margin: 0 0 8pt; }
p.headline { background: #f3f3f3; padding: 6pt 8pt; border-left: 4px solid #555; }
table { border-collapse: collapse; width: 100%; font-size: 7.5pt; }
th, td { border: 1px solid #ccc; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { background: #eee; }
ul.notes { font-size: 8.5pt; color: #333; padding-left: 14pt; }
td.status { font-weight: bold; white-space: nowrap; }
.achieved { color: #007a55; } .on_track { color: #0064a0; }
.needs_acceleration, .limited_progress { color: #a65e00; }
.deterioration, .overdue { color: #b8401a; }
.insufficient_data, .no_data, .pending { color: #666; }
section.kpi { break-inside: avoid; page-break-inside: avoid; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
figure { margin: 4pt 0; }
figure svg { width: 100%; height: auto; display: block; }
blockquote { margin: 4pt 0; padding: 4pt 8pt; border-left: 4px solid #d55e00; background: #fff6ef; font-size: 9pt; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } }
"#;

/// The report as one self-contained HTML file: inline CSS and SVG, no script,
/// nothing fetched from a network.
pub fn html(r: &Report) -> String {
    let t = Text { lang: r.lang };
    let title = r
        .plans
        .first()
        .map_or_else(|| "plantrack report".to_string(), |p| t.title(p.assessment));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        r.lang.code(),
        h(&title)
    );
    for p in &r.plans {
        let a = p.assessment;
        out.push_str(&format!(
            "<article id=\"{}\">\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n<p class=\"headline\"><strong>{}</strong> {}</p>\n",
            h(&a.plan),
            h(&t.title(a)),
            h(&t.method(a.method)),
            t.w("Headline.", "概况。"),
            h(&headline(a, r.lang))
        ));
        out.push_str(&format!(
            "<h2>{}</h2>\n<table class=\"kpis\">\n<thead><tr>",
            t.w("Status", "指标状态")
        ));
        for head in t.headings(a.method) {
            out.push_str(&format!("<th>{}</th>", h(&head)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for (i, k) in a.kpis.iter().enumerate() {
            let c = t.cells(a, i);
            out.push_str(&format!("<tr id=\"row-{}\">", h(&k.id)));
            for (j, cell) in c.iter().enumerate() {
                let class = if j + 1 == c.len() {
                    format!(" class=\"status {}\"", k.status.id())
                } else {
                    String::new()
                };
                // A figure never parts from its % or pp at a line's end.
                let glued = crate::output::format::glued(cell);
                out.push_str(&format!("<td{class}>{}</td>", h(&glued)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n<ul class=\"notes\">\n");
        for n in notes(a, r.lang) {
            out.push_str(&format!("<li>{}</li>\n", h(&n)));
        }
        out.push_str(&format!(
            "</ul>\n<h2>{}</h2>\n",
            t.w("Each KPI", "分项指标")
        ));
        for (i, k) in a.kpis.iter().enumerate() {
            let chart = p.charts.iter().find(|c| c.stem == k.id);
            // The chart's own title names the KPI; the heading stays for
            // screen readers and the outline.
            out.push_str(&format!(
                "<section class=\"kpi\" id=\"kpi-{}\">\n<h3{}>{}</h3>\n",
                h(&k.id),
                if chart.is_some() {
                    " class=\"visually-hidden\""
                } else {
                    ""
                },
                h(t.kpi_name(a, i))
            ));
            if let Some(c) = chart {
                out.push_str(&format!(
                    "<figure class=\"chart\" data-kpi=\"{}\" role=\"img\" aria-label=\"{}\">\n{}\n</figure>\n",
                    h(&k.id),
                    h(t.kpi_name(a, i)),
                    c.svg.trim_end()
                ));
            }
            out.push_str(&format!("<p>{}</p>\n", h(&paragraph(k, r.lang))));
            if let Some(cav) = super::caveat(k, r.lang) {
                out.push_str(&format!(
                    "<blockquote>{} {}</blockquote>\n",
                    t.w("Caveat:", "注意："),
                    h(cav)
                ));
            }
            out.push_str("</section>\n");
        }
        if let Some(c) = p.charts.iter().find(|c| c.stem == "progress") {
            out.push_str(&format!(
                "<section class=\"kpi\">\n<h2>{}</h2>\n<figure class=\"chart\" data-kpi=\"progress\">\n{}\n</figure>\n</section>\n",
                t.w("Completion against time", "完成进度与时间进度"),
                c.svg.trim_end()
            ));
        }
        out.push_str(&format!(
            "<h2>{}</h2>\n<ul>\n",
            t.w("Data sources", "数据来源")
        ));
        for item in t.sources(p) {
            out.push_str(&format!("<li>{}</li>\n", h(&item)));
        }
        let (line, list) = t.revisions(&p.revisions);
        out.push_str(&format!(
            "</ul>\n<h2>{}</h2>\n<p>{}</p>\n",
            t.w("Revisions", "数据修订"),
            h(&line)
        ));
        if !list.is_empty() {
            let heads: String = t
                .revision_headings()
                .iter()
                .map(|c| format!("<th>{c}</th>"))
                .collect();
            out.push_str(&format!(
                "<table class=\"revisions\"><thead><tr>{heads}</tr></thead><tbody>\n"
            ));
            for v in list {
                let cells: String = revision_cells(v)
                    .iter()
                    .map(|c| format!("<td>{}</td>", h(c)))
                    .collect();
                out.push_str(&format!("<tr>{cells}</tr>\n"));
            }
            out.push_str("</tbody></table>\n");
        }
        out.push_str("</article>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
