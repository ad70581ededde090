//! The status table as GitHub-flavoured Markdown, for reports and issues.

use crate::core::assess::PlanAssessment;
use crate::lang::Lang;
use crate::output::status_table::StatusTable;
use crate::output::words::notes::notes;
use crate::output::words::table as words;

/// One section per plan: a heading line, the table, and the notes as a list.
pub fn render(assessments: &[PlanAssessment], lang: Lang) -> String {
    let mut out = String::new();
    for (i, a) in assessments.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&words::markdown_title(lang, a, escape));
        out.push_str("\n\n");
        let headings = words::headings(lang, a.method, false);
        out.push_str(&format!("| {} |\n", headings.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(headings.len())));
        for r in &StatusTable::of(a, lang).rows {
            let row: Vec<String> = words::cells(lang, r, false)
                .iter()
                .map(|c| escape(c))
                .collect();
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        let mut notes = notes(a, lang);
        notes.extend(crate::output::words::forecast::notes(a, lang));
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
