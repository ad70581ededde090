//! The report as an Excel workbook: the status table with real numbers and
//! number formats, a sheet per KPI with its figures and a native line chart
//! (live and editable in Excel, WPS and LibreOffice), and the sources and
//! revisions. Every text is written as text, never as a formula.

use rust_xlsxwriter::{
    Chart, ChartEmptyCells, ChartLine, ChartLineDashType, ChartMarker, ChartMarkerType, ChartType,
    Color, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::office::sheet_name;
use super::{KpiData, PlanReport, Report, revision_cells};
use crate::core::assess::{KpiAssessment, Method};
use crate::core::status::Status;
use crate::lang::Lang;
use crate::output::completion::CompletionTable;
use crate::output::palette::{status_rgb, status_tint};
use crate::output::status_table::{Row, StatusTable};
use crate::output::words::PeriodAs;
use crate::output::words::notes::notes;
use crate::output::words::report::{Say, Text, headline, say};
use crate::output::words::table::{self, Shape};

/// The workbook's bytes.
pub fn workbook(r: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut used = Vec::new();
    let several = r.plans.len() > 1;
    for p in &r.plans {
        let a = p.assessment;
        let suffix = if several {
            format!(" {}", a.plan)
        } else {
            String::new()
        };
        let t = Text::new(r.lang);
        let done = CompletionTable::of(a, r.lang);
        let done_name = sheet_name(
            &format!("{}{suffix}", r.lang.pick("Completion", "完成情况表")),
            &mut used,
        );
        completion_sheet(book.add_worksheet(), &done_name, r.lang, &done)?;
        let status_name = sheet_name(&format!("{}{suffix}", t.say(Say::StatusSection)), &mut used);
        status_sheet(book.add_worksheet(), &status_name, r.lang, p)?;
        let model = StatusTable::of(a, r.lang);
        for (i, row) in model.rows.iter().enumerate() {
            let Some(data) = p.data.iter().find(|d| d.id == row.kpi.id) else {
                continue;
            };
            let name = sheet_name(t.kpi_name(a, i), &mut used);
            kpi_sheet(book.add_worksheet(), &name, r.lang, row, data)?;
        }
        let name = sheet_name(
            &format!("{}{suffix}", t.say(Say::SourcesAndRevisions)),
            &mut used,
        );
        sources_sheet(book.add_worksheet(), &name, r.lang, p)?;
    }
    book.save_to_buffer()
}

/// Number formats: a value in its unit, a share as an Excel percent, a ratio.
const VALUE: &str = "#,##0.00";
const PERCENT: &str = "0.0%";
const RATIO: &str = "0.000";
const POINTS: &str = "+0.00;-0.00;0.00";

fn bold() -> Format {
    Format::new().set_bold()
}

fn header() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0x00EE_EEEE))
        .set_border(FormatBorder::Thin)
}

fn rgb((r, g, b): (u8, u8, u8)) -> Color {
    Color::RGB(u32::from(r) << 16 | u32::from(g) << 8 | u32::from(b))
}

/// A status cell: its name on its colour.
fn status_format(s: Status) -> Format {
    Format::new()
        .set_background_color(rgb(status_tint(s)))
        .set_font_color(Color::RGB(0x0022_2222))
        .set_border(FormatBorder::Thin)
        .set_border_color(rgb(status_rgb(s)))
}

/// One numeric column of the status table: its heading and the figure.
struct Column {
    heading: Say,
    format: &'static str,
    /// The figure as the cell holds it (a percent as a fraction).
    figure: Figure,
    /// Whether it is in the KPI's unit (so Chinese counts money in 亿元).
    in_unit: bool,
}

impl Column {
    /// A column of figures in the KPI's unit, in the published decimals.
    fn value(heading: Say, figure: Figure) -> Column {
        Column {
            heading,
            format: VALUE,
            figure,
            in_unit: true,
        }
    }

    /// A column of unitless figures (shares, ratios) in `format`.
    fn plain(heading: Say, format: &'static str, figure: Figure) -> Column {
        Column {
            heading,
            format,
            figure,
            in_unit: false,
        }
    }
}

/// How a column takes its figure from a KPI's assessment.
type Figure = fn(&KpiAssessment) -> Option<f64>;

fn columns(method: Method) -> Vec<Column> {
    let decisive = match method {
        Method::GrowthRatio => Column::plain(Say::GrowthRatio, RATIO, |k| k.growth_ratio),
        Method::Projection => Column::plain(Say::ProjectionRatio, RATIO, |k| k.projection_ratio),
        Method::Pace => Column::plain(Say::PaceGap, "0.0", |k| k.pace_gap_pp),
    };
    vec![
        Column::value(Say::LatestValue, |k| k.latest.as_ref().map(|l| l.value)),
        Column::value(Say::PublishedYtd, |k| k.latest.as_ref().map(|l| l.reported)),
        Column::value(Say::TargetValue, |k| k.target.value),
        Column::value(Say::Gap, |k| k.gap),
        Column::plain(Say::GapPct, PERCENT, |k| k.gap_pct.map(|p| p / 100.0)),
        Column::plain(Say::Completion, PERCENT, |k| k.completion),
        Column::plain(Say::TimeGone, PERCENT, |k| k.time_elapsed),
        decisive,
        Column::value(Say::Projected, |k| k.projected),
        Column::plain(Say::Yoy, PERCENT, |k| {
            k.yoy.as_ref().and_then(|y| y.pct).map(|p| p / 100.0)
        }),
        Column::plain(Say::YoyPp, POINTS, |k| k.yoy.as_ref().and_then(|y| y.pp)),
    ]
}

/// The first sheet: title, as-of, method and headline above the table, one
/// row per KPI, the notes and the colours' legend under it.
fn status_sheet(
    s: &mut Worksheet,
    name: &str,
    lang: Lang,
    p: &PlanReport,
) -> Result<(), XlsxError> {
    let a = p.assessment;
    let t = Text::new(lang);
    s.set_name(name)?;
    s.write_string_with_format(0, 0, t.title(a), &bold().set_font_size(14))?;
    s.write_string(
        1,
        0,
        format!("{}{}", t.say(Say::Method), lang.method_words(a.method)),
    )?;
    s.write_string(2, 0, headline(a, lang))?;
    let cols = columns(a.method);
    let top = 4;
    let headings = [Say::Kpi, Say::Unit, Say::Period]
        .into_iter()
        .chain(cols.iter().map(|col| col.heading))
        .chain([Say::TargetAsStated, Say::StatusWord]);
    for (c, h) in (0u16..).zip(headings) {
        s.write_string_with_format(top, c, say(lang, h), &header())?;
    }
    let mut row = top + 1;
    let model = StatusTable::of(a, lang);
    for (i, (k, cells)) in a.kpis.iter().zip(&model.rows).enumerate() {
        s.write_string(row, 0, t.kpi_name(a, i))?;
        let (scale, unit) = lang.money(&k.unit, k.unit_zh.as_deref());
        s.write_string(row, 1, unit)?;
        s.write_string(
            row,
            2,
            k.latest.as_ref().map_or(String::new(), |l| {
                lang.period(l.period, PeriodAs::of(k.kind))
            }),
        )?;
        let mut c = 3;
        for col in &cols {
            if let Some(x) = (col.figure)(k).filter(|x| x.is_finite()) {
                if col.in_unit {
                    let x = shown(x, scale);
                    s.write_number_with_format(row, c, x, &as_published(x))?;
                } else {
                    let format = Format::new().set_num_format(col.format);
                    s.write_number_with_format(row, c, x, &format)?;
                }
            }
            c += 1;
        }
        s.write_string(row, c, table::target(lang, cells, Shape::PLAIN))?;
        s.write_string_with_format(row, c + 1, lang.status(k.status), &status_format(k.status))?;
        row += 1;
    }
    s.set_freeze_panes(top + 1, 1)?;
    // Printed on A4 across, two pages wide at most with the KPI column
    // repeated: one page wide would scale the text to about 5 pt.
    s.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(2, 0);
    s.set_repeat_columns(0, 0)?;
    s.set_column_width(0, 34)?;
    s.set_column_width(1, 12)?;
    for col in 2..(3 + cols.len() as u16) {
        s.set_column_width(col, 13)?;
    }
    let last = 3 + cols.len() as u16;
    s.set_column_width(last, 30)?;
    s.set_column_width(last + 1, 14)?;
    // The notes, then what each colour means.
    row += 1;
    for n in notes(a, lang) {
        s.write_string(row, 0, n)?;
        row += 1;
    }
    row += 1;
    s.write_string_with_format(row, 0, t.say(Say::StatusColours), &bold())?;
    // Every status a KPI can have (no data and overdue share a colour with
    // insufficient data and limited progress).
    for st in Status::ALL
        .into_iter()
        .filter(|s| !matches!(s, Status::NoData | Status::Overdue))
    {
        row += 1;
        s.write_string_with_format(row, 0, lang.status(st), &status_format(st))?;
    }
    Ok(())
}

/// The 主要指标完成情况表 as a sheet, first in the book: a column per figure,
/// each figure with the decimals it is published with (its rows are KPIs of
/// different units), printed on A4 across at most two pages wide with the
/// numbers and names repeated on each.
fn completion_sheet(
    s: &mut Worksheet,
    name: &str,
    lang: Lang,
    t: &CompletionTable,
) -> Result<(), XlsxError> {
    use crate::output::completion::{Change, Published};
    use crate::output::words::completion::{self as words, SHEET_COLUMNS};
    s.set_name(name)?;
    s.write_string_with_format(0, 0, words::title(lang, t), &bold().set_font_size(14))?;
    let top = 2;
    for (c, h) in (0u16..).zip(words::sheet_headings(lang, t)) {
        s.write_string_with_format(top, c, h, &header().set_text_wrap())?;
    }
    // Each figure in the reader's unit, by row and column.
    let mut figures: Vec<Vec<Option<f64>>> = Vec::new();
    for r in &t.rows {
        let latest = match r.latest {
            Published::Figure { value, .. } => Some(value),
            _ => None,
        };
        // To 12 significant digits: 1,571.9 × 1.1 is 1,729.09 in the cell.
        let unit = |x: Option<f64>| x.map(|x| crate::output::format::significant(x * r.scale));
        let mut row = vec![None; SHEET_COLUMNS];
        row[4] = unit(r.base.map(|b| b.1));
        row[7] = unit(r.target);
        row[10] = unit(r.year.and_then(|y| y.level));
        row[11] = unit(latest);
        figures.push(row);
    }
    let percent = Format::new().set_num_format(PERCENT);
    for ((i, r), values) in (top + 1..).zip(&t.rows).zip(&figures) {
        let w = words::sheet_words(lang, r);
        s.write_number(i, 0, r.number as f64)?;
        s.write_string(i, 1, r.name)?;
        s.write_string(i, 2, &r.unit)?;
        s.write_string(i, 3, w.nature)?;
        s.write_string(i, 5, &w.base_period)?;
        s.write_string(i, 6, &w.target)?;
        s.write_string(i, 8, &w.target_period)?;
        s.write_string(i, 9, &w.year_target)?;
        for (c, x) in values.iter().enumerate() {
            if let Some(x) = x.filter(|x| x.is_finite()) {
                // Rows are KPIs of different units: each figure with the
                // decimals it is published with (a derived level, two).
                s.write_number_with_format(i, c as u16, x, &as_published(x))?;
            }
        }
        if let Published::Milestone { .. } = r.latest {
            s.write_string(i, 11, &words::cells(lang, r, t)[7])?;
        }
        s.write_string(i, 12, &w.period)?;
        match r.yoy {
            Some(Change::Pct {
                pct,
                published: true,
            }) => {
                s.write_number_with_format(i, 13, pct / 100.0, &percent)?;
            }
            _ => {
                s.write_string(i, 13, &w.yoy)?;
            }
        }
        for (c, d) in [(14u16, r.year_done), (16, r.plan_done)] {
            if let Some(d) = d {
                s.write_number_with_format(i, c, d.share, &percent)?;
                s.write_number_with_format(i, c + 1, d.time, &percent)?;
            }
        }
        s.write_string(i, 18, &w.average)?;
        s.write_string(i, 19, &w.planned)?;
        s.write_string(i, 20, w.rating)?;
    }
    let below = top + 1 + t.rows.len() as u32 + 1;
    for (row, n) in (below..).zip(words::legend(lang, t)) {
        s.write_string(row, 0, n)?;
    }
    s.set_freeze_panes(top + 1, 2)?;
    s.set_row_height(top, 45)?;
    let widths: [f64; SHEET_COLUMNS] = [
        5.0, 22.0, 9.0, 8.0, 10.0, 10.0, 14.0, 10.0, 9.0, 10.0, 10.0, 11.0, 12.0, 12.0, 10.0, 10.0,
        10.0, 10.0, 13.0, 13.0, 14.0,
    ];
    for (c, w) in (0u16..).zip(widths) {
        s.set_column_width(c, w)?;
    }
    // A4 across, two pages wide at most: at this width no scaling takes
    // the text under 8 pt (11 pt body at about 75 %).
    s.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(2, 0);
    s.set_repeat_columns(0, 1)?;
    s.set_repeat_rows(top, top)?;
    Ok(())
}

/// A KPI's sheet: its figures by quarter (actual, plan, target) with a line
/// chart of them, and each figure as published beside.
fn kpi_sheet(
    s: &mut Worksheet,
    name: &str,
    lang: Lang,
    r: &Row,
    data: &KpiData,
) -> Result<(), XlsxError> {
    let k = r.kpi;
    s.set_name(name)?;
    // The figures and the chart on the first page across, the figures as
    // published on the second: no text under 8 pt.
    s.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(2, 0);
    let title = lang.name(&k.name, k.name_zh.as_deref());
    let (scale, unit) = lang.money(&k.unit, k.unit_zh.as_deref());
    let at = |p| lang.period(p, PeriodAs::of(k.kind));
    let heading = table::name(lang, r, Shape::PLAIN);
    s.write_string_with_format(0, 0, &heading, &bold().set_font_size(13))?;
    s.write_string(
        1,
        0,
        format!(
            "{}{}  ·  {}",
            say(lang, Say::TargetLine),
            table::target(lang, r, Shape::PLAIN),
            lang.status(k.status)
        ),
    )?;
    // What the growth seen gives by the target period, or why nothing is said.
    if let Some(forecast) = crate::output::words::forecast::sentence(k, lang) {
        s.write_string(2, 0, forecast.trim())?;
    }
    // Quarter by quarter: every period either series has. A flow's total so
    // far comes first, as published; its annual equivalent beside it, an
    // estimate; its plan is a year's total, so it stands at the year's end.
    let flow = k.kind == crate::core::plan::Kind::Flow;
    let mut periods: Vec<_> = data
        .actual
        .iter()
        .map(|(p, ..)| *p)
        .chain(
            data.plan
                .iter()
                .map(|(p, _)| *p)
                .filter(|p| !flow || p.quarter() == 4),
        )
        .collect();
    periods.sort();
    periods.dedup();
    let top = 3;
    let mut heads = vec![say(lang, Say::Period)];
    if flow {
        heads.extend([
            say(lang, Say::PublishedYtd),
            say(lang, Say::AnnualEquivalent),
            say(lang, Say::PlanYear),
        ]);
    } else {
        heads.extend([say(lang, Say::Actual), say(lang, Say::Plan)]);
    }
    heads.push(say(lang, Say::Target));
    for (c, h) in heads.iter().enumerate() {
        s.write_string_with_format(top, c as u16, *h, &header().set_text_wrap())?;
    }
    // One number format a column: the most decimals a published figure of
    // the KPI has (1,571.9 and 1,357.3, never 1,357.344 beside 1,438).
    let decimals = data
        .actual
        .iter()
        .map(|(_, _, reported)| {
            let text = crate::output::format::value(shown(*reported, scale));
            text.split_once('.').map_or(0, |(_, f)| f.len())
        })
        .max()
        .unwrap_or(0)
        .min(4);
    let format = Format::new().set_num_format(if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(decimals))
    });
    for (i, p) in periods.iter().enumerate() {
        let row = top + 1 + i as u32;
        s.write_string(row, 0, at(*p))?;
        let seen = data.actual.iter().find(|(q, ..)| q == p);
        let plan = data
            .plan
            .iter()
            .find(|(q, _)| q == p && (!flow || q.quarter() == 4))
            .map(|(_, v)| *v);
        let target = k.target.value.filter(|_| *p == k.target.period);
        let cells = if flow {
            vec![seen.map(|s| s.2), seen.map(|s| s.1), plan, target]
        } else {
            vec![seen.map(|s| s.1), plan, target]
        };
        for (c, v) in (1u16..).zip(cells) {
            if let Some(v) = v {
                s.write_number_with_format(row, c, shown(v, scale), &format)?;
            }
        }
    }
    s.set_column_width(0, 12)?;
    for c in 1..heads.len() as u16 {
        s.set_column_width(c, 14)?;
    }
    s.set_row_height(top, 30)?;
    if !periods.is_empty() {
        let last = top + periods.len() as u32;
        // The chart compares like with like: the annual equivalent (a
        // flow's) or the figure with the plan.
        let first_col = if flow { 2 } else { 1 };
        s.insert_chart(
            top,
            6,
            &line_chart(name, title, &unit, lang, (top + 1, last), first_col, flow)?,
        )?;
    }
    // Beside the chart, which spans about eleven default columns from F.
    published_table(s, lang, (data, k), top, 18)
}

/// A figure in the unit a reader counts in: `scale` times the plan's (10
/// for billion yuan in 亿元), to 12 significant digits so that 32.34 × 10
/// is 323.4, not 323.40000000000003.
fn shown(x: f64, scale: f64) -> f64 {
    if scale == 1.0 {
        x
    } else {
        crate::output::format::significant(x * scale)
    }
}

/// A figure's number format, with the decimals it is written with (0.425
/// keeps three, 500 none), as the tables show it.
fn as_published(x: f64) -> Format {
    let text = crate::output::format::value(x);
    let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
    let format = if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(decimals))
    };
    Format::new().set_num_format(format)
}

/// The line chart of a KPI's sheet: actual, plan (dashed) and the target
/// (a marker), over the rows `first..=last` of columns A to D.
fn line_chart(
    sheet: &str,
    title: &str,
    unit: &str,
    lang: Lang,
    (first, last): (u32, u32),
    col: u16,
    flow: bool,
) -> Result<Chart, XlsxError> {
    let mut chart = Chart::new(ChartType::Line);
    chart.title().set_name(title);
    chart.y_axis().set_name(unit);
    // A flow's plan stands at year ends only: its points are joined.
    chart.show_empty_cells_as(if flow {
        ChartEmptyCells::Connected
    } else {
        ChartEmptyCells::Gaps
    });
    chart.set_width(720).set_height(400);
    let categories = (sheet, first, 0, last, 0);
    let colour = |hex: u32| Color::RGB(hex);
    chart
        .add_series()
        .set_name(say(
            lang,
            if flow {
                Say::AnnualEquivalent
            } else {
                Say::Actual
            },
        ))
        .set_categories(categories)
        .set_values((sheet, first, col, last, col))
        .set_format(
            ChartLine::new()
                .set_color(colour(0x0022_2222))
                .set_width(2.25),
        )
        .set_marker(
            ChartMarker::new()
                .set_type(ChartMarkerType::Circle)
                .set_size(6),
        );
    chart
        .add_series()
        .set_name(say(lang, if flow { Say::PlanYear } else { Say::Plan }))
        .set_categories(categories)
        .set_values((sheet, first, col + 1, last, col + 1))
        .set_format(
            ChartLine::new()
                .set_color(colour(0x0055_6677))
                .set_width(1.5)
                .set_dash_type(ChartLineDashType::Dash),
        )
        .set_marker(ChartMarker::new().set_none());
    chart
        .add_series()
        .set_name(say(lang, Say::Target))
        .set_categories(categories)
        .set_values((sheet, first, col + 2, last, col + 2))
        .set_format(ChartLine::new().set_hidden(true))
        .set_marker(
            ChartMarker::new()
                .set_type(ChartMarkerType::Diamond)
                .set_size(10),
        );
    Ok(chart)
}

/// Each figure as published: period, value, basis, scope, growth on a year
/// earlier, source; from row `top`, column `left`.
fn published_table(
    s: &mut Worksheet,
    lang: Lang,
    (data, k): (&KpiData, &KpiAssessment),
    top: u32,
    left: u16,
) -> Result<(), XlsxError> {
    let (scale, _) = lang.money(&k.unit, k.unit_zh.as_deref());
    let heads = [
        Say::Period,
        Say::ValueAsPublished,
        Say::Basis,
        Say::Scope,
        Say::YoyPct,
        Say::Source,
    ];
    s.write_string_with_format(top - 1, left, say(lang, Say::AsPublished), &bold())?;
    for (c, h) in heads.iter().enumerate() {
        s.write_string_with_format(top, left + c as u16, say(lang, *h), &header())?;
    }
    for (i, o) in data.published.iter().enumerate() {
        let row = top + 1 + i as u32;
        s.write_string(row, left, lang.period(o.period, PeriodAs::of(k.kind)))?;
        let value = shown(o.value, scale);
        s.write_number_with_format(row, left + 1, value, &as_published(value))?;
        s.write_string(row, left + 2, lang.basis(o.basis))?;
        s.write_string(row, left + 3, lang.scope(&o.scope, &k.scopes_zh))?;
        if let Some(y) = o.yoy_pct {
            s.write_number(row, left + 4, y)?;
        }
        s.write_string(row, left + 5, fit(&o.source))?;
    }
    for (c, w) in [10, 14, 10, 20, 12, 40].iter().enumerate() {
        s.set_column_width(left + c as u16, *w)?;
    }
    Ok(())
}

/// The sources of the figures and the revisions since the quarter before.
fn sources_sheet(
    s: &mut Worksheet,
    name: &str,
    lang: Lang,
    p: &PlanReport,
) -> Result<(), XlsxError> {
    let t = Text::new(lang);
    s.set_name(name)?;
    s.write_string_with_format(0, 0, t.say(Say::Sources), &bold())?;
    let mut row = 1;
    for item in t.sources(p) {
        s.write_string(row, 0, fit(&item))?;
        row += 1;
    }
    row += 1;
    let (line, list) = t.revisions(&p.revisions);
    s.write_string_with_format(row, 0, t.say(Say::Revisions), &bold())?;
    s.write_string(row + 1, 0, line)?;
    row += 2;
    if !list.is_empty() {
        for (c, h) in t.revision_headings().iter().enumerate() {
            s.write_string_with_format(row, c as u16, *h, &header())?;
        }
        for v in list {
            row += 1;
            for (c, cell) in revision_cells(v).iter().enumerate() {
                s.write_string(row, c as u16, fit(cell))?;
            }
        }
    }
    s.set_column_width(0, 60)?;
    Ok(())
}

/// A text from the store cut to what an Excel cell holds (32,767
/// characters), with an ellipsis: a 100 KB source made the whole workbook fail.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    const CELL: usize = 32_767;
    match text.char_indices().nth(CELL - 1) {
        Some((at, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..at])),
        None => std::borrow::Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_store_text_is_cut_to_what_a_cell_holds() {
        assert_eq!(super::fit("abc"), "abc");
        let long = "长".repeat(40_000);
        let cut = super::fit(&long);
        assert_eq!(cut.chars().count(), 32_767);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn a_colour_is_its_rgb() {
        assert_eq!(
            super::rgb((0x00, 0x9E, 0x73)),
            rust_xlsxwriter::Color::RGB(0x009E73)
        );
    }
}
