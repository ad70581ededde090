//! The report as GitHub-flavoured Markdown.

use super::{Report, revision_cells};
use crate::output::completion::CompletionTable;
use crate::output::render::completion::table_markdown;
use crate::output::render::markdown::escape;
use crate::output::status_table::StatusTable;
use crate::output::words::completion;
use crate::output::words::notes::{caveat, notes};
use crate::output::words::reading::paragraph;
use crate::output::words::report::{REVISION_HEADINGS, Say, Text, headline};

/// The report as GitHub-flavoured Markdown.
pub fn markdown(r: &Report) -> String {
    let t = Text::new(r.lang);
    let esc = escape;
    let mut out = String::new();
    for p in &r.plans {
        let a = p.assessment;
        out.push_str(&format!(
            "# {}\n\n{}\n\n",
            esc(&t.title(a)),
            t.method(a.method)
        ));
        // The 主要指标完成情况表 first: published figures, 序时进度, 评价.
        let done = CompletionTable::of(a, r.lang);
        out.push_str(&format!(
            "## {}\n\n",
            esc(&completion::title(r.lang, &done))
        ));
        out.push_str(&table_markdown(r.lang, &done));
        out.push('\n');
        for n in completion::legend(r.lang, &done) {
            out.push_str(&format!("- {}\n", esc(&n)));
        }
        out.push('\n');
        out.push_str(&format!(
            "**{}** {}\n\n",
            t.say(Say::Headline),
            headline(a, r.lang)
        ));
        out.push_str(&format!("## {}\n\n", t.say(Say::StatusSection)));
        let h = t.headings(a.method);
        out.push_str(&format!(
            "| {} |\n|{}\n",
            h.join(" | "),
            "---|".repeat(h.len())
        ));
        for r in &StatusTable::of(a, r.lang).rows {
            let row: Vec<String> = t.cells(r).iter().map(|c| esc(c)).collect();
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        out.push('\n');
        for n in notes(a, r.lang) {
            out.push_str(&format!("- {}\n", esc(&n)));
        }
        out.push_str(&format!("\n## {}\n\n", t.say(Say::EachKpi)));
        for (i, k) in a.kpis.iter().enumerate() {
            out.push_str(&format!("### {}\n\n", esc(t.kpi_name(a, i))));
            // Its chart, and a flow's 柱线图 under it.
            let ytd = format!("{}-ytd", k.id);
            for c in p.charts.iter().filter(|c| c.stem == k.id || c.stem == ytd) {
                out.push_str(&format!("![{}]({})\n\n", esc(t.kpi_name(a, i)), c.link));
            }
            out.push_str(&format!("{}\n\n", esc(&paragraph(k, r.lang))));
            if let Some(cav) = caveat(k, r.lang) {
                out.push_str(&format!("> {} {}\n\n", t.say(Say::Caveat), esc(cav)));
            }
        }
        if let Some(c) = p.charts.iter().find(|c| c.stem == "progress") {
            out.push_str(&format!(
                "## {}\n\n![{}]({})\n\n",
                t.say(Say::Progress),
                t.say(Say::ProgressAlt),
                c.link
            ));
        }
        out.push_str(&format!("## {}\n\n", t.say(Say::Sources)));
        for item in t.sources(p) {
            out.push_str(&format!("- {}\n", esc(&item)));
        }
        let (line, list) = t.revisions(&p.revisions);
        out.push_str(&format!("\n## {}\n\n{line}\n", t.say(Say::Revisions)));
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
