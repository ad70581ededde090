//! The report as one self-contained HTML file: inline CSS and SVG, no
//! script, nothing fetched.

use super::{Report, revision_cells};
use crate::output::status_table::StatusTable;
use crate::output::words::notes::{caveat, notes};
use crate::output::words::reading::paragraph;
use crate::output::words::report::{Say, Text, headline};

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
table { border-collapse: collapse; width: 100%; font-size: 8pt; }
section.completion { width: min(96vw, 273mm); position: relative; left: 50%; transform: translateX(-50%); page: wide; }
@page wide { size: A4 landscape; margin: 12mm; }
table.completion td { white-space: nowrap; }
table.completion td:nth-child(2), table.completion td:nth-child(9), table.completion td:nth-child(12) { white-space: normal; min-width: 5em; }
@media print { section.completion { left: 0; transform: none; width: auto; } }
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

/// The 主要指标完成情况表, its legend under it.
fn completion_table(a: &crate::core::assess::PlanAssessment, lang: crate::lang::Lang) -> String {
    use crate::output::completion::CompletionTable;
    use crate::output::words::completion as words;
    let done = CompletionTable::of(a, lang);
    let mut out = format!(
        "<section class=\"completion\">\n<h2>{}</h2>\n<table class=\"kpis completion\">\n<thead><tr>",
        h(&words::title(lang, &done))
    );
    for head in words::headings(lang, &done) {
        let head = h(&head).replace('（', "<br>（").replace(" (", "<br>(");
        out.push_str(&format!("<th>{head}</th>"));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &done.rows {
        out.push_str(&format!("<tr id=\"done-{}\">", h(&r.kpi.id)));
        for cell in words::cells(lang, r, &done) {
            // A bracket goes under its figure, never inside itself broken.
            let cell = h(&crate::output::format::glued(&cell))
                .replace('（', "<br>（")
                .replace(" (", "<br>(");
            let cell = cell.strip_prefix("<br>").unwrap_or(&cell).to_string();
            out.push_str(&format!("<td>{cell}</td>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n<ul class=\"notes\">\n");
    for n in words::legend(lang, &done) {
        out.push_str(&format!("<li>{}</li>\n", h(&n)));
    }
    out.push_str("</ul>\n</section>\n");
    out
}

/// The report as one self-contained HTML file: inline CSS and SVG, no script,
/// nothing fetched from a network.
pub fn html(r: &Report) -> String {
    let t = Text::new(r.lang);
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
            "<article id=\"{}\">\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n",
            h(&a.plan),
            h(&t.title(a)),
            h(&t.method(a.method)),
        ));
        // The 主要指标完成情况表 first, then the headline on the detail.
        out.push_str(&completion_table(a, r.lang));
        out.push_str(&format!(
            "<p class=\"headline\"><strong>{}</strong> {}</p>\n",
            t.say(Say::Headline),
            h(&headline(a, r.lang))
        ));
        out.push_str(&format!(
            "<h2>{}</h2>\n<table class=\"kpis\">\n<thead><tr>",
            t.say(Say::StatusSection)
        ));
        for head in t.headings(a.method) {
            out.push_str(&format!("<th>{}</th>", h(&head)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        let model = StatusTable::of(a, r.lang);
        for (k, row) in a.kpis.iter().zip(&model.rows) {
            let c = t.cells(row);
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
        out.push_str(&format!("</ul>\n<h2>{}</h2>\n", t.say(Say::EachKpi)));
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
            // A flow's 柱线图 under its chart.
            let ytd = format!("{}-ytd", k.id);
            if let Some(c) = p.charts.iter().find(|c| c.stem == ytd) {
                out.push_str(&format!(
                    "<figure class=\"chart\" data-kpi=\"{}\" role=\"img\" aria-label=\"{}\">\n{}\n</figure>\n",
                    h(&ytd),
                    h(t.kpi_name(a, i)),
                    c.svg.trim_end()
                ));
            }
            out.push_str(&format!("<p>{}</p>\n", h(&paragraph(k, r.lang))));
            if let Some(cav) = caveat(k, r.lang) {
                out.push_str(&format!(
                    "<blockquote>{} {}</blockquote>\n",
                    t.say(Say::Caveat),
                    h(cav)
                ));
            }
            out.push_str("</section>\n");
        }
        if let Some(c) = p.charts.iter().find(|c| c.stem == "progress") {
            out.push_str(&format!(
                "<section class=\"kpi\">\n<h2>{}</h2>\n<figure class=\"chart\" data-kpi=\"progress\">\n{}\n</figure>\n</section>\n",
                t.say(Say::Progress),
                c.svg.trim_end()
            ));
        }
        out.push_str(&format!("<h2>{}</h2>\n<ul>\n", t.say(Say::Sources)));
        for item in t.sources(p) {
            out.push_str(&format!("<li>{}</li>\n", h(&item)));
        }
        let (line, list) = t.revisions(&p.revisions);
        out.push_str(&format!(
            "</ul>\n<h2>{}</h2>\n<p>{}</p>\n",
            t.say(Say::Revisions),
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
