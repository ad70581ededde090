//! The completion table (主要指标完成情况表) for a terminal, fitted to the
//! width (a row per KPI; where even the narrowest columns would not fit, a
//! block per KPI), and as Markdown; each with its legend and notes.

use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Table, Width, presets};

use crate::core::assess::PlanAssessment;
use crate::output::completion::CompletionTable;
use crate::output::format::{GLUE, NONE};
use crate::output::render::markdown::escape;
use crate::output::render::table::{Fit, widths, wrap};
use crate::output::words::completion as words;
use crate::output::words::notes::notes;
use crate::output::words::table::{ESTIMATED, OTHER_SCOPE};

/// Each plan's table, legend and notes, every line within `fit.width`.
pub fn terminal(assessments: &[PlanAssessment], fit: Fit) -> String {
    let lang = fit.lang;
    let width = if fit.wide { usize::MAX } else { fit.width };
    let mut out = String::new();
    for (i, a) in assessments.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let t = CompletionTable::of(a, lang);
        out.push_str(&wrap(&words::title(lang, &t), width));
        let headings = words::headings(lang, &t);
        let rows: Vec<Vec<String>> = t.rows.iter().map(|r| words::cells(lang, r, &t)).collect();
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.force_no_tty();
        table.set_header(headings.iter().map(|h| glue_brackets(h)));
        for row in &rows {
            table.add_row(row.iter().map(|c| Cell::new(glue_brackets(c))));
        }
        let w = widths(&table, 1, fit);
        let fits = fit.wide || w.iter().map(|&w| usize::from(w)).sum::<usize>() + w.len() < width;
        if fits {
            for (column, w) in table.column_iter_mut().zip(w) {
                column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
            }
            out.push_str(&table.to_string().replace(GLUE, " "));
            out.push('\n');
        } else {
            out.push_str(&blocks(lang, &headings, &rows, width));
        }
        for line in words::legend(lang, &t) {
            out.push_str(&wrap(&line, width));
        }
        let forecasts = crate::output::words::forecast::notes(a, lang);
        for n in notes(a, lang).into_iter().chain(forecasts) {
            if n.starts_with(ESTIMATED) || n.starts_with(OTHER_SCOPE) {
                continue;
            }
            out.push_str(&wrap(&n, width));
        }
    }
    // The glue has done its work: a reader copies plain spaces.
    out.replace(GLUE, " ")
}

/// A bracket kept whole on a line with what it qualifies where it can be:
/// `823.7（2025年1-6月）` breaks before its bracket, never inside it.
fn glue_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            '（' | '(' => {
                inside = true;
                if out.ends_with(' ') {
                    out.pop();
                }
                out.push('\n');
                out.push(c);
            }
            '）' | ')' => {
                inside = false;
                out.push(c);
            }
            ' ' if inside => out.push(GLUE),
            c => out.push(c),
        }
    }
    // A bracket that opens the cell needs no break before it.
    out.strip_prefix('\n').map(str::to_string).unwrap_or(out)
}

/// A block per KPI for a width no table fits: its number, name, unit,
/// nature and rating on a line, then its figures, each under its heading's
/// words, as many to a line as fit.
fn blocks(
    lang: crate::lang::Lang,
    headings: &[String],
    rows: &[Vec<String>],
    width: usize,
) -> String {
    use unicode_width::UnicodeWidthStr;
    let colon = lang.pick(": ", "：");
    let between = lang.pick(" · ", "；");
    let room = width.saturating_sub(4).max(20);
    let mut out = String::new();
    for row in rows {
        let last = row.len() - 1;
        let about: Vec<&str> = [row[2].as_str(), row[3].as_str()]
            .into_iter()
            .filter(|c| *c != NONE)
            .collect();
        let about = match (about.is_empty(), lang) {
            (true, _) => String::new(),
            (false, crate::lang::Lang::En) => format!(" ({})", about.join(", ")),
            (false, crate::lang::Lang::Zh) => format!("（{}）", about.join("，")),
        };
        out.push_str(&wrap(
            &format!("{}. {}{about}{colon}{}", row[0], row[1], row[last]),
            width,
        ));
        let mut line = String::new();
        let flush = |line: &mut String, out: &mut String| {
            for l in wrap(line, room).lines() {
                out.push_str("    ");
                out.push_str(l);
                out.push('\n');
            }
            line.clear();
        };
        for (h, c) in headings.iter().zip(row).take(last).skip(4) {
            if c == NONE {
                continue;
            }
            let item = format!("{h}{colon}{c}");
            if !line.is_empty() && line.width() + between.width() + item.width() > room {
                flush(&mut line, &mut out);
            }
            if !line.is_empty() {
                line.push_str(between);
            }
            line.push_str(&item);
        }
        if !line.is_empty() {
            flush(&mut line, &mut out);
        }
    }
    out
}

/// The table as Markdown: a heading line, the table, the legend and notes
/// as lists.
pub fn markdown(assessments: &[PlanAssessment], lang: crate::lang::Lang) -> String {
    let mut out = String::new();
    for (i, a) in assessments.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let t = CompletionTable::of(a, lang);
        out.push_str(&format!("**{}**\n\n", escape(&words::title(lang, &t))));
        out.push_str(&table_markdown(lang, &t));
        out.push('\n');
        let mut lines = words::legend(lang, &t);
        lines.extend(notes(a, lang));
        lines.extend(crate::output::words::forecast::notes(a, lang));
        for n in lines {
            out.push_str(&format!("- {}\n", escape(&n)));
        }
    }
    out
}

/// The bare Markdown table of `t`, for the report too.
pub fn table_markdown(lang: crate::lang::Lang, t: &CompletionTable) -> String {
    let headings = words::headings(lang, t);
    let mut out = format!(
        "| {} |\n|{}\n",
        headings
            .iter()
            .map(|h| escape(h))
            .collect::<Vec<_>>()
            .join(" | "),
        "---|".repeat(headings.len())
    );
    for r in &t.rows {
        let cells: Vec<String> = words::cells(lang, r, t).iter().map(|c| escape(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}
