//! The status table for a terminal: one row per KPI, status coloured when wanted.

use crate::output::words::Lang;
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::{cells, headings, notes};
use crate::core::assess::PlanAssessment;
use crate::core::status::Status;

/// The table (with a plan column when there are several plans) and its notes.
pub fn render(assessments: &[PlanAssessment], colour: bool) -> String {
    let several = assessments.len() > 1;
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    // On a terminal the table wraps long cells to fit its width; in a pipe or
    // a file it keeps every row on one line.
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if colour {
        table.enforce_styling();
    } else if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        table.force_no_tty();
    }
    // Two-line headings keep narrow columns narrow on a terminal.
    let method = assessments.first().map(|a| a.method).unwrap_or_default();
    let mut header: Vec<String> = headings(method)
        .iter()
        .map(|h| h.replacen(' ', "\n", 1))
        .collect();
    if several {
        header.insert(0, "Plan".to_string());
    }
    table.set_header(header);
    // Short figures and the status never wrap; the KPI name and the longer
    // cells take what width is left.
    let first = usize::from(several);
    for (i, column) in table.column_iter_mut().enumerate() {
        if i < first || [2, 5, 6, 7].contains(&(i - first)) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        } else if i == first {
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(24)));
        } else {
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(12)));
        }
    }
    let mut out = String::new();
    for a in assessments {
        out.push_str(&format!(
            "{} ({}): as of {}, method {}\n",
            a.plan_name,
            a.plan,
            a.as_of,
            a.method.id()
        ));
        for k in &a.kpis {
            let mut row: Vec<Cell> = Vec::new();
            if several {
                row.push(Cell::new(&a.plan));
            }
            let [kpi, latest, target, gap, pace, ratio, projected, status] = cells(k, a.method);
            row.extend([kpi, latest, target, gap, pace, ratio, projected].map(Cell::new));
            let mut status_cell = Cell::new(status);
            if colour {
                status_cell = status_cell.fg(colour_of(k.status));
            }
            row.push(status_cell);
            table.add_row(row);
        }
    }
    out.push_str(&table.to_string());
    out.push('\n');
    for a in assessments {
        for n in notes(a, Lang::En) {
            if several {
                out.push_str(&format!("{}: ", a.plan));
            }
            out.push_str(&n);
            out.push('\n');
        }
    }
    out
}

fn colour_of(status: Status) -> Color {
    match status {
        Status::Achieved | Status::OnTrack => Color::Green,
        Status::NeedsAcceleration | Status::Pending => Color::Yellow,
        Status::LimitedProgress | Status::Deterioration | Status::Overdue => Color::Red,
        Status::InsufficientData | Status::NoData => Color::DarkGrey,
    }
}
