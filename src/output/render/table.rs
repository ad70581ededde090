//! The status table for a terminal: one row per KPI, fitted to the width
//! (a compact layout below 120 columns), a legend of the marks it used, and
//! notes wrapped to the width.

use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};

use crate::core::assess::PlanAssessment;
use crate::core::status::Status;
use crate::lang::Lang;
use crate::output::format::{self, GLUE, NONE};
use crate::output::status_table::{StatusTable, Used};
use crate::output::words::notes::notes;
use crate::output::words::table::{self as words, ESTIMATED, OTHER_SCOPE, Shape};

/// How the table is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    /// The width to fit, in terminal columns (a CJK character takes two).
    pub width: usize,
    /// Every column, whatever the width.
    pub wide: bool,
    pub colour: bool,
    pub lang: Lang,
}

/// Below this width the compact layout is used: the projection is left
/// out, the deciding figure goes under the status, and figures break
/// before their brackets.
pub const COMPACT_BELOW: usize = 120;

/// The width when neither `COLUMNS` nor a terminal says.
pub const DEFAULT_WIDTH: usize = 100;

/// The table (with a plan column when there are several plans), the legend
/// of the marks it shows, and the notes, each line fitted to `fit.width`:
/// the wide layout from 120 columns where it fits, else the compact one
/// where it fits, else a block per KPI.
pub fn render(assessments: &[PlanAssessment], fit: Fit) -> String {
    let several = assessments.len() > 1;
    let method = assessments.first().map(|a| a.method).unwrap_or_default();
    let lang = fit.lang;
    let mut used = Used::default();
    let mut out = String::new();
    let layouts: &[bool] = if fit.wide {
        &[false]
    } else if fit.width >= COMPACT_BELOW {
        &[false, true]
    } else {
        &[true]
    };
    let mut done = false;
    // The layout shown (the blocks say what the compact one does).
    let mut compact = true;
    for &layout in layouts {
        compact = layout;
        let (titles, table, u) = table(assessments, fit, layout);
        let w = widths(&table, usize::from(several), fit);
        if fit.wide || w.iter().map(|&w| usize::from(w)).sum::<usize>() + w.len() < fit.width {
            let mut table = table;
            for (column, w) in table.column_iter_mut().zip(w) {
                column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
            }
            for t in titles {
                out.push_str(&wrap(&t, if fit.wide { usize::MAX } else { fit.width }));
            }
            out.push_str(&table.to_string());
            out.push('\n');
            used = u;
            done = true;
            break;
        }
    }
    if !done {
        compact = true;
        // No table fits: a block per KPI, each figure under its heading.
        for a in assessments {
            out.push_str(&wrap(&words::title(lang, a), fit.width));
            let model = StatusTable::of(a, lang);
            used = used.and(model.used());
            let headings = words::terminal_headings(lang, method, false, false);
            for r in &model.rows {
                let cells = cells(r, lang, false);
                out.push_str(&wrap(
                    &format!(
                        "{}{}{}",
                        cells[0].replace('\n', ""),
                        lang.pick(": ", "："),
                        lang.status(r.status)
                    ),
                    fit.width,
                ));
                for (h, c) in headings.iter().zip(&cells).skip(1).take(cells.len() - 2) {
                    if c == NONE {
                        continue;
                    }
                    let join = lang.pick(" ", "");
                    let line = format!(
                        "{}{}{}",
                        h.replace('\n', join),
                        lang.pick(": ", "："),
                        c.replace('\n', join)
                    );
                    for l in wrap(&line, fit.width.saturating_sub(4).max(20)).lines() {
                        out.push_str("    ");
                        out.push_str(l);
                        out.push('\n');
                    }
                }
            }
        }
    }
    // --wide fits nothing: its lines are as long as they are.
    let width = if fit.wide { usize::MAX } else { fit.width };
    for line in words::legend(lang, &used, method, compact) {
        out.push_str(&wrap(&line, width));
    }
    for a in assessments {
        let forecasts = crate::output::words::forecast::notes(a, lang);
        for n in notes(a, lang).into_iter().chain(forecasts) {
            if n.starts_with(ESTIMATED) || n.starts_with(OTHER_SCOPE) {
                continue; // said in the legend
            }
            let n = if several {
                format!("{}: {n}", a.plan)
            } else {
                n
            };
            out.push_str(&wrap(&n, width));
        }
    }
    // The glue has done its work: a reader copies plain spaces.
    out.replace(GLUE, " ")
}

/// A row's cells in a layout: the name, the figures, then (compact) the
/// status over its deciding figure or (wide) the deciding figure, the
/// projection, the chance and the status.
fn cells(r: &crate::output::status_table::Row, lang: Lang, compact: bool) -> Vec<String> {
    let shape = Shape {
        compact,
        glue: GLUE,
        legend: true,
    };
    let mut cells = vec![
        words::name(lang, r, shape),
        words::latest(lang, r, shape),
        words::yoy(lang, r, shape),
        words::target(lang, r, shape),
        words::gap(lang, r, shape),
        words::pace(lang, r, shape),
    ];
    if compact {
        cells.push(words::status_over_decisive(lang, r, shape));
    } else {
        cells.push(words::decisive(lang, r, shape).unwrap_or_else(|| NONE.to_string()));
        cells.push(words::projected(lang, r));
        cells.push(words::chance(lang, r));
        cells.push(lang.status(r.status).to_string());
    }
    cells
}

/// The plans' titles, their rows in one table in a layout, and the marks
/// the rows use.
fn table(assessments: &[PlanAssessment], fit: Fit, compact: bool) -> (Vec<String>, Table, Used) {
    let several = assessments.len() > 1;
    let method = assessments.first().map(|a| a.method).unwrap_or_default();
    let lang = fit.lang;
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if fit.colour {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_header(words::terminal_headings(lang, method, compact, several));
    let mut used = Used::default();
    let mut titles = Vec::new();
    for a in assessments {
        titles.push(words::title(lang, a));
        let model = StatusTable::of(a, lang);
        used = used.and(model.used());
        for r in &model.rows {
            let mut row: Vec<Cell> = Vec::new();
            if several {
                row.push(Cell::new(&a.plan));
            }
            let cells = cells(r, lang, compact);
            let last = cells.len() - 1;
            for (i, text) in cells.into_iter().enumerate() {
                let mut cell = Cell::new(text);
                if i == last && fit.colour {
                    cell = cell.fg(colour_of(r.status));
                }
                row.push(cell);
            }
            table.add_row(row);
        }
    }
    (titles, table, used)
}

/// Each column's width, its padding included: every column as wide as its
/// longest line when the table fits so; else the figures' columns so, and
/// the names' column what is left; else the figures broken at their spaces
/// (never inside a run: a figure with its unit, a period) too.
pub(crate) fn widths(table: &Table, name: usize, fit: Fit) -> Vec<u16> {
    use unicode_width::UnicodeWidthStr;
    const PADDING: usize = 2;
    let least_name_width = words::least_name_width(fit.lang);
    let mut longest_line: Vec<usize> = Vec::new();
    let mut longest_run: Vec<usize> = Vec::new();
    for row in table.header().into_iter().chain(table.row_iter()) {
        for (i, cell) in row.cell_iter().enumerate() {
            if longest_line.len() <= i {
                longest_line.resize(i + 1, 0);
                longest_run.resize(i + 1, 0);
            }
            let text = cell.content();
            let line = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
            let run = text
                .split([' ', '\n'])
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0);
            longest_line[i] = longest_line[i].max(line + PADDING);
            longest_run[i] = longest_run[i].max(run + PADDING);
        }
    }
    let columns = longest_line.len();
    // Borders: one before each column and one after the last.
    let room = fit.width.saturating_sub(columns + 1);
    let full: usize = longest_line.iter().sum();
    // A unit on its own line (`（吨标准煤/万元）`) is not broken either.
    let unit_line = table
        .row_iter()
        .filter_map(|row| row.cell_iter().nth(name))
        .flat_map(|cell| {
            cell.content()
                .lines()
                .filter(|l| l.starts_with('（'))
                .map(UnicodeWidthStr::width)
                .collect::<Vec<_>>()
        })
        .max()
        .map_or(0, |w| w + PADDING);
    let least_name = longest_run
        .get(name)
        .copied()
        .unwrap_or(0)
        .min(least_name_width + PADDING)
        .max(unit_line);
    if fit.wide || full <= room {
        return longest_line
            .into_iter()
            .map(|w| u16::try_from(w).unwrap_or(u16::MAX))
            .collect();
    }
    // From the narrowest each column may be, the room left goes first to the
    // names (up to a readable 30 columns), then to the other columns, the
    // cheapest to set on one line first, then to the names again.
    let mut out = longest_run.clone();
    out[name] = least_name;
    let mut left = room.saturating_sub(out.iter().sum());
    let grow = |out: &mut Vec<usize>, left: &mut usize, i: usize, to: usize| {
        let more = to.saturating_sub(out[i]).min(*left);
        out[i] += more;
        *left -= more;
    };
    grow(
        &mut out,
        &mut left,
        name,
        longest_line[name].min(30 + PADDING),
    );
    let mut order: Vec<usize> = (0..columns).filter(|&i| i != name).collect();
    order.sort_by_key(|&i| longest_line[i] - longest_run[i]);
    for i in order {
        if longest_line[i] - out[i] <= left {
            grow(&mut out, &mut left, i, longest_line[i]);
        }
    }
    grow(&mut out, &mut left, name, longest_line[name]);
    if let Some(w) = out.get_mut(name) {
        *w = (*w).min(longest_line[name]);
    }
    out.into_iter()
        .map(|w| u16::try_from(w).unwrap_or(u16::MAX))
        .collect()
}

/// `text` wrapped to `width` columns (a CJK character counts two), each
/// line ended; a figure is never parted from its `%` or `pp`.
pub(crate) fn wrap(text: &str, width: usize) -> String {
    if width == usize::MAX {
        return format!("{text}\n");
    }
    // Chinese breaks between any two characters, but not inside a figure
    // and its unit or date (5000亿元, 36.5平方公里, 2022年1-9月): while the
    // text is wrapped, a word joiner holds a digit to the Chinese character
    // before it and to the (at most four, a unit's length) after it.
    const JOINER: char = '\u{2060}';
    let han = |c: char| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
    let mut glued = String::with_capacity(text.len());
    let (mut before, mut unit) = (None, usize::MAX);
    for c in format::glued(text).chars() {
        unit = match c {
            c if c.is_ascii_digit() => 0,
            c if han(c) => unit.saturating_add(1),
            _ => usize::MAX,
        };
        let join = match before {
            Some(b) if han(b) && c.is_ascii_digit() => true,
            Some(_) => han(c) && unit <= 4,
            None => false,
        };
        if join {
            glued.push(JOINER);
        }
        glued.push(c);
        before = Some(c);
    }
    let mut out = String::new();
    let options =
        textwrap::Options::new(width.max(20)).word_splitter(textwrap::WordSplitter::NoHyphenation);
    // The best breaks cost far more than the first that fit; past a few
    // paragraphs (a 100 KB note) the first that fit are taken, in linear time.
    let options = if glued.len() > 4000 {
        options.wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
    } else {
        options
    };
    for line in textwrap::wrap(&glued, options) {
        out.push_str(&line.replace(JOINER, ""));
        out.push('\n');
    }
    out
}

fn colour_of(status: Status) -> Color {
    match status {
        Status::Achieved | Status::OnTrack => Color::Green,
        Status::NeedsAcceleration | Status::Pending => Color::Yellow,
        Status::LimitedProgress | Status::Deterioration | Status::Overdue => Color::Red,
        Status::InsufficientData | Status::NoData | Status::NoNumericTarget => Color::DarkGrey,
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn chinese_wraps_between_characters_but_never_inside_a_figure_and_its_unit() {
        // 20 columns: "工业总产值达到" is 14, so 5000亿元 (10) cannot follow it.
        let text = "工业总产值达到5000亿元，2022年1-9月完成";
        let lines: Vec<String> = wrap(text, 20).lines().map(str::to_string).collect();
        assert_eq!(lines.concat(), text, "nothing lost or added");
        for l in &lines {
            assert!(!l.contains('\u{2060}'), "no joiner left: {l:?}");
            assert!(
                unicode_width::UnicodeWidthStr::width(l.as_str()) <= 20,
                "{l}"
            );
        }
        // Each figure and its unit or date whole on one line.
        for whole in ["5000亿元", "2022年1-9月"] {
            assert!(
                lines.iter().any(|l| l.contains(whole)),
                "{whole}: {lines:?}"
            );
        }
        let text = "建成区面积达到36.5平方公里，研发投入强度提高1.2个百分点";
        let lines: Vec<String> = wrap(text, 24).lines().map(str::to_string).collect();
        assert_eq!(lines.concat(), text);
        for whole in ["36.5平方公里", "1.2个百分点"] {
            assert!(
                lines.iter().any(|l| l.contains(whole)),
                "{whole}: {lines:?}"
            );
        }
    }
}
