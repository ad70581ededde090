//! The status table as GitHub-flavoured Markdown, for reports and issues.

use super::{cells, headings, notes};
use crate::core::assess::PlanAssessment;
use crate::lang::Lang;

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

/// Keeps a text taken from a plan or the data from breaking a table or
/// turning into markup: an HTML tag is shown, never run, and no bracket can
/// open a link or an image. (A backtick is left: the readings quote scopes
/// in code spans, and a code span can hold no link.)
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '|' | '*' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
