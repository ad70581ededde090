//! The status table as GitHub-flavoured Markdown, for reports and issues.

use super::{cells, headings, notes};
use crate::core::assess::PlanAssessment;
use crate::output::words::Lang;

/// One section per plan: a heading line, the table, and the notes as a list.
pub fn render(assessments: &[PlanAssessment]) -> String {
    let mut out = String::new();
    for (i, a) in assessments.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "**{}** (`{}`): as of {}, method {}\n\n",
            escape(&a.plan_name),
            a.plan,
            a.as_of,
            a.method.id()
        ));
        let headings = headings(a.method);
        out.push_str(&format!("| {} |\n", headings.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(headings.len())));
        for k in &a.kpis {
            let row: Vec<String> = cells(k, a.method).iter().map(|c| escape(c)).collect();
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        let notes = notes(a, Lang::En);
        if !notes.is_empty() {
            out.push('\n');
            for n in notes {
                out.push_str(&format!("- {}\n", escape(&n)));
            }
        }
    }
    out
}

/// Keeps a cell's text from breaking a table or turning into markup (an
/// HTML tag is shown, never run).
pub fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('<', "&lt;")
        .replace('\n', " ")
}
