//! Drawing charts with plotters: one KPI, the dashboard, the progress bars.
//! Everything is drawn on any plotters backend, so SVG and PNG come from the
//! same code and say the same thing.

use plotters::coord::Shift;
use plotters::element::{Circle, Cross, Polygon, Rectangle, Text, TriangleMarker};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::KpiChart;
use super::fonts::FAMILY;
use crate::core::plan::Kind;
use crate::core::status::Status;
use crate::lang::Lang;
use crate::output::format;
use crate::output::words::chart::{
    self as words, Label, actual, done_and_time, progress_note, ticks,
};

pub(super) type Area<'a, DB> = DrawingArea<DB, Shift>;
pub type Result<T> = std::result::Result<T, String>;

pub(super) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

/// Okabe and Ito's colour-blind-safe palette, one colour per status; the
/// marker shape says the same for greyscale prints.
pub fn status_colour(s: Status) -> RGBColor {
    let (r, g, b) = crate::output::palette::status_rgb(s);
    RGBColor(r, g, b)
}

/// The target's marker colour, kept apart from every status colour.
pub const TARGET: RGBColor = RGBColor(0x6A, 0x1B, 0x9A);
pub(super) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub(super) const PLAN: RGBColor = RGBColor(0x55, 0x66, 0x77);
pub(super) const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);
pub(super) const MUTED: RGBColor = RGBColor(0x77, 0x77, 0x77);

pub(super) fn font(size: f64) -> TextStyle<'static> {
    TextStyle::from((FAMILY, size).into_font()).color(&INK)
}

pub(super) fn bold(size: f64) -> TextStyle<'static> {
    TextStyle::from((FAMILY, size, FontStyle::Bold).into_font()).color(&INK)
}

/// `p`, a pixel of the whole picture (as a chart's `backend_coord` gives
/// it), in the coordinates of `area`, which is where `area.draw` puts it.
pub(super) fn rel<DB: DrawingBackend>(area: &Area<DB>, p: (i32, i32)) -> (i32, i32) {
    let (x, y) = area.get_base_pixel();
    (p.0 - x, p.1 - y)
}

/// The target's marker: a diamond of half-width `d` around `p`.
fn diamond<DB: DrawingBackend>(area: &Area<DB>, p: (i32, i32), d: i32) -> Result<()> {
    let corners = vec![
        (p.0, p.1 - d),
        (p.0 + d, p.1),
        (p.0, p.1 + d),
        (p.0 - d, p.1),
    ];
    area.draw(&Polygon::new(corners, TARGET.filled()))
        .map_err(err)
}

/// The marker of a status at (x, y) in pixels: a shape per status.
fn status_marker<DB: DrawingBackend>(
    area: &Area<DB>,
    s: Status,
    (x, y): (i32, i32),
    size: u32,
) -> Result<()> {
    let (size, r) = (size as i32, size);
    let c = status_colour(s);
    match s {
        // Achieved: a ring around a dot, so it differs from on track in grey too.
        Status::Achieved => {
            area.draw(&Circle::new((x, y), r, c.stroke_width(2)))
                .map_err(err)?;
            area.draw(&Circle::new((x, y), (r / 2).max(2), c.filled()))
                .map_err(err)
        }
        Status::OnTrack => area.draw(&Circle::new((x, y), r, c.filled())).map_err(err),
        Status::NeedsAcceleration => area
            .draw(&TriangleMarker::new((x, y), size + 1, c.filled()))
            .map_err(err),
        Status::LimitedProgress | Status::Overdue => area
            .draw(&Rectangle::new(
                [(x - size, y - size), (x + size, y + size)],
                c.filled(),
            ))
            .map_err(err),
        Status::Deterioration => area
            .draw(&Cross::new((x, y), r, c.stroke_width(3)))
            .map_err(err),
        Status::Pending => area
            .draw(&Rectangle::new(
                [(x - size, y - size), (x + size, y + size)],
                c.stroke_width(2),
            ))
            .map_err(err),
        Status::InsufficientData | Status::NoData | Status::NoNumericTarget => area
            .draw(&Circle::new((x, y), r, c.stroke_width(2)))
            .map_err(err),
    }
}

/// `text` shortened with an ellipsis to fit `width` pixels.
fn fit<DB: DrawingBackend>(area: &Area<DB>, text: &str, style: &TextStyle, width: u32) -> String {
    let fits = |t: &str| {
        area.estimate_text_size(t, style)
            .map_or(true, |(w, _)| w <= width)
    };
    // No more characters than pixels can show: a 30,000-character name is
    // never measured whole (measuring is linear in the text).
    let chars: Vec<char> = text.chars().take(width as usize + 1).collect();
    if chars.len() <= width as usize && fits(text) {
        return text.to_string();
    }
    // The longest prefix that fits with its ellipsis, found by halving
    // (a prefix's width grows with its length): a few measurements, not
    // one per character dropped.
    let cut = |n: usize| chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(&cut(mid)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 { "…".to_string() } else { cut(lo) }
}

/// Axis numbers for people: 1.2k, 3.4M, 32.34.
pub fn axis_number(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{}M", format::value(v / 1e6))
    } else if a >= 1e4 {
        format!("{}k", format::value(v / 1e3))
    } else {
        format::value(v)
    }
}

/// One KPI's chart.
pub fn kpi<DB: DrawingBackend>(root: &Area<DB>, c: &KpiChart, lang: Lang) -> Result<()> {
    root.fill(&WHITE).map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let title_style = bold(24.0);
    let title = fit(root, &c.name, &title_style, w - 40);
    root.draw(&Text::new(title, (20, 14), title_style))
        .map_err(err)?;
    status_marker(root, c.status, (28, 60), 7)?;
    let unit = unit_suffix(c);
    // The forecast's range and chance, where it has them, end the line.
    let fan = c
        .fan_label
        .as_ref()
        .map_or(String::new(), |f| format!("  ·  {f}"));
    let sub = format!(
        "{}  ·  {} {}{unit}{fan}",
        lang.status(c.status),
        words::label(lang, Label::AsOf),
        c.as_of_label
    );
    root.draw(&Text::new(sub, (42, 50), font(17.0).color(&MUTED)))
        .map_err(err)?;
    if c.caveat {
        let note = words::label(lang, Label::Caveat);
        root.draw(&Text::new(note, (20, 76), font(14.0).color(&TARGET)))
            .map_err(err)?;
    }
    let (body, legend) = root.split_vertically(h.saturating_sub(46));
    let body = body.margin(if c.caveat { 104 } else { 80 }, 10, 20, 30);
    if c.kind == Kind::Milestone {
        return milestone_row(&body, c, lang);
    }
    let (x0, x1, y0, y1) = c.bounds();
    let axes = Axes {
        x_area: 34,
        y_area: 72,
        y_labels: 6,
        label_size: 15.0,
        unit: Some(&c.unit),
    };
    let mut chart = axes.build(&body, c.bounds())?;
    year_ticks(&chart, &body, x0, x1, y0)?;
    if c.off_zero() {
        axis_break(&chart, &body, (x0, y0), lang)?;
    }
    if let Some((slow, fast)) = &c.fan {
        let mut poly: Vec<(f64, f64)> = slow.clone();
        poly.extend(fast.iter().rev().copied());
        chart
            .draw_series(std::iter::once(Polygon::new(
                poly,
                status_colour(c.status).mix(0.15).filled(),
            )))
            .map_err(err)?;
    }
    plan_line(&mut chart, c, (9, 6))?;
    if c.projection.len() > 1 {
        chart
            .draw_series(DashedLineSeries::new(
                c.projection.iter().copied(),
                2,
                5,
                status_colour(c.status).stroke_width(3),
            ))
            .map_err(err)?;
    }
    for line in &c.actual {
        let colour = if line.main { INK } else { MUTED };
        let pts: Vec<(f64, f64)> = line.points.iter().map(|&(a, b, _)| (a, b)).collect();
        chart
            .draw_series(LineSeries::new(pts, colour.stroke_width(3)))
            .map_err(err)?;
        for &(a, b, estimated) in &line.points {
            let style = if estimated {
                WHITE.filled()
            } else {
                colour.filled()
            };
            if line.main {
                chart
                    .draw_series(std::iter::once(Circle::new((a, b), 6, style)))
                    .map_err(err)?;
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (a, b),
                        6,
                        colour.stroke_width(2),
                    )))
                    .map_err(err)?;
            } else {
                chart
                    .draw_series(std::iter::once(TriangleMarker::new(
                        (a, b),
                        7,
                        colour.stroke_width(2),
                    )))
                    .map_err(err)?;
            }
        }
    }
    // The as-of marker, then the target on top of everything.
    let top = rel(&body, chart.backend_coord(&(c.as_of, y1)));
    let bottom = rel(&body, chart.backend_coord(&(c.as_of, y0)));
    body.draw(&PathElement::new(vec![top, bottom], MUTED.stroke_width(1)))
        .map_err(err)?;
    // At the line's foot, left of it: the target's label takes the top
    // right, where the target usually is.
    let label = format!("{} {}", words::label(lang, Label::AsOf), c.as_of_label);
    body.draw(&Text::new(
        label,
        (bottom.0 - 5, bottom.1 - 6),
        font(14.0)
            .color(&MUTED)
            .pos(Pos::new(HPos::Right, VPos::Bottom)),
    ))
    .map_err(err)?;
    if let Some((tx, ty)) = c.target {
        let p = rel(&body, chart.backend_coord(&(tx, ty)));
        let d = 9;
        diamond(&body, p, d)?;
        let text = format!("{} {}", words::label(lang, Label::Target), c.target_label);
        let style = bold(15.0)
            .color(&TARGET)
            .pos(Pos::new(HPos::Right, VPos::Bottom));
        body.draw(&Text::new(text, (p.0 - 4, p.1 - 12), style))
            .map_err(err)?;
    }
    legend_strip(&legend, c, lang)
}

/// Where the value axis does not start at 0: a break mark (two short
/// slants) across its foot, and the words beside it.
fn axis_break<DB: DrawingBackend>(
    chart: &Plot<'_, DB>,
    body: &Area<DB>,
    (x0, y0): (f64, f64),
    lang: Lang,
) -> Result<()> {
    let (x, y) = rel(body, chart.backend_coord(&(x0, y0)));
    for dy in [-14, -8] {
        body.draw(&PathElement::new(
            vec![(x - 7, y + dy + 4), (x + 7, y + dy - 4)],
            INK.stroke_width(2),
        ))
        .map_err(err)?;
    }
    body.draw(&Text::new(
        words::label(lang, Label::OffZero),
        (x + 10, y - 26),
        font(14.0).color(&MUTED),
    ))
    .map_err(err)
}

/// The plot area of a chart over `(x0, x1, y0, y1)`, quarters across and
/// values up.
type Plot<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// How a chart's axes are laid out: a KPI's chart, or a dashboard's small one.
struct Axes<'u> {
    x_area: u32,
    y_area: u32,
    y_labels: usize,
    label_size: f64,
    /// The unit, named on the value axis.
    unit: Option<&'u str>,
}

impl Axes<'_> {
    /// The chart on `body` with its grid drawn: no x labels (years are
    /// drawn apart), light horizontal lines.
    fn build<'a, DB: DrawingBackend>(
        &self,
        body: &'a Area<DB>,
        (x0, x1, y0, y1): (f64, f64, f64, f64),
    ) -> Result<Plot<'a, DB>> {
        let mut chart = ChartBuilder::on(body)
            .x_label_area_size(self.x_area)
            .y_label_area_size(self.y_area)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(err)?;
        let mut mesh = chart.configure_mesh();
        mesh.disable_x_mesh()
            .x_labels(0)
            .y_labels(self.y_labels)
            .y_label_formatter(&|v| axis_number(*v))
            .label_style(font(self.label_size))
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID);
        if let Some(unit) = self.unit {
            mesh.y_desc(unit).axis_desc_style(font(self.label_size));
        }
        mesh.draw().map_err(err)?;
        Ok(chart)
    }
}

/// The planned path, dashed (`dash` pixels on, then off).
fn plan_line<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    c: &KpiChart,
    (on, off): (u32, u32),
) -> Result<()> {
    if c.trajectory.is_empty() {
        return Ok(());
    }
    chart
        .draw_series(DashedLineSeries::new(
            c.trajectory.iter().copied(),
            on,
            off,
            PLAN.stroke_width(2),
        ))
        .map_err(err)?;
    Ok(())
}

/// ` · unit`, or nothing for a KPI without one.
fn unit_suffix(c: &KpiChart) -> String {
    if c.unit.is_empty() {
        String::new()
    } else {
        format!(" · {}", c.unit)
    }
}

/// Year labels under the x axis, centred on each year's four quarters, with
/// light lines between years; every second year when they would crowd.
fn year_ticks<DB: DrawingBackend>(
    chart: &ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    body: &Area<DB>,
    x0: f64,
    x1: f64,
    y0: f64,
) -> Result<()> {
    let first = x0.ceil() as i32;
    let last = x1.floor() as i32;
    let px_per_year = {
        let a = chart.backend_coord(&(x0, y0)).0;
        let b = chart.backend_coord(&(x0 + 1.0, y0)).0;
        (b - a).max(1)
    };
    let step = if px_per_year >= 48 {
        1
    } else {
        (48 / px_per_year) + 1
    };
    let style = font(15.0).pos(Pos::new(HPos::Center, VPos::Top));
    for year in (x0.floor() as i32)..=(x1.floor() as i32) {
        if (year as f64) < x0 || (year as f64 + 1.0) > x1 {
            continue;
        }
        let p = rel(body, chart.backend_coord(&(year as f64 + 0.5, y0)));
        if (year - first).rem_euclid(step) == 0 {
            body.draw(&Text::new(year.to_string(), (p.0, p.1 + 8), style.clone()))
                .map_err(err)?;
        }
    }
    for year in first..=last {
        let a = rel(body, chart.backend_coord(&(year as f64, y0)));
        body.draw(&PathElement::new(
            vec![(a.0, a.1), (a.0, a.1 + 6)],
            INK.stroke_width(1),
        ))
        .map_err(err)?;
    }
    Ok(())
}

/// The legend, below the chart so it never covers data.
/// The longest a legend item is drawn, in characters.
const LEGEND_CHARS: usize = 60;

fn legend_strip<DB: DrawingBackend>(area: &Area<DB>, c: &KpiChart, lang: Lang) -> Result<()> {
    let mut x = 24;
    let y = 18;
    let style = font(14.0);
    let mut item = |draw: &dyn Fn(&Area<DB>, i32) -> Result<()>, label: String| -> Result<()> {
        // A legend item is a few words: a scope named in 300,000
        // characters is cut (drawing it whole took seconds, off the picture).
        let label = match label.char_indices().nth(LEGEND_CHARS) {
            Some((at, _)) => format!("{}…", &label[..at]),
            None => label,
        };
        draw(area, x)?;
        area.draw(&Text::new(label.clone(), (x + 34, y - 9), style.clone()))
            .map_err(err)?;
        let w = area
            .estimate_text_size(&label, &style)
            .map_or(100, |(w, _)| w as i32);
        // 15 % spare: an SVG viewer without Noto Sans draws the label in a
        // wider fallback font, which must not run into the next item.
        x += 34 + w * 115 / 100 + 16;
        Ok(())
    };
    let main_scope = c.actual.iter().find(|l| l.main).map(|l| l.label.clone());
    if c.actual.iter().any(|l| l.main) || c.actual.is_empty() {
        let label = actual(lang, main_scope.as_deref());
        item(
            &|a, x| {
                a.draw(&PathElement::new(
                    vec![(x, y), (x + 26, y)],
                    INK.stroke_width(3),
                ))
                .map_err(err)?;
                a.draw(&Circle::new((x + 13, y), 5, INK.filled()))
                    .map_err(err)
            },
            label,
        )?;
    }
    if c.actual.iter().flat_map(|l| &l.points).any(|p| p.2) {
        item(
            &|a, x| {
                a.draw(&Circle::new((x + 13, y), 5, INK.stroke_width(2)))
                    .map_err(err)
            },
            words::label(lang, Label::AnnualEquivalent).to_string(),
        )?;
    }
    for other in c.actual.iter().filter(|l| !l.main) {
        item(
            &|a, x| {
                a.draw(&TriangleMarker::new((x + 13, y), 7, MUTED.stroke_width(2)))
                    .map_err(err)
            },
            format!("{}{}", words::label(lang, Label::OtherScope), other.label),
        )?;
    }
    if !c.trajectory.is_empty() {
        item(
            &|a, x| {
                a.draw(&PathElement::new(
                    vec![(x, y), (x + 10, y)],
                    PLAN.stroke_width(2),
                ))
                .map_err(err)?;
                a.draw(&PathElement::new(
                    vec![(x + 16, y), (x + 26, y)],
                    PLAN.stroke_width(2),
                ))
                .map_err(err)
            },
            words::label(lang, if c.bound { Label::Bound } else { Label::Plan }).to_string(),
        )?;
    }
    if c.projection.len() > 1 {
        let col = status_colour(c.status);
        item(
            &|a, x| {
                for k in 0..4 {
                    a.draw(&PathElement::new(
                        vec![(x + k * 7, y), (x + k * 7 + 2, y)],
                        col.stroke_width(3),
                    ))
                    .map_err(err)?;
                }
                Ok(())
            },
            words::label(lang, Label::Projection).to_string(),
        )?;
    }
    if c.fan.is_some() {
        let col = status_colour(c.status);
        item(
            &|a, x| {
                a.draw(&Rectangle::new(
                    [(x, y - 7), (x + 26, y + 7)],
                    col.mix(0.15).filled(),
                ))
                .map_err(err)
            },
            words::label(lang, Label::Fan).to_string(),
        )?;
    }
    if c.target.is_some() {
        item(
            &|a, x| {
                let d = 7;
                let p = (x + 13, y);
                diamond(a, p, d)
            },
            words::label(lang, Label::Target).to_string(),
        )?;
    }
    Ok(())
}

/// A qualitative goal: a time line with the due date and, if achieved, when.
fn milestone_row<DB: DrawingBackend>(area: &Area<DB>, c: &KpiChart, lang: Lang) -> Result<()> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let start = c.as_of.min(c.due).min(c.achieved.unwrap_or(c.due)).floor() - 1.0;
    let end = c.as_of.max(c.due).ceil() + 1.0;
    let px = |x: f64| 40 + ((x - start) / (end - start) * f64::from(w - 80)) as i32;
    let y = h / 2;
    area.draw(&PathElement::new(
        vec![(40, y), (w - 40, y)],
        INK.stroke_width(2),
    ))
    .map_err(err)?;
    for year in (start as i32)..=(end as i32) {
        let x = px(f64::from(year) + 0.5);
        if x > 40 && x < w - 40 {
            let style = font(15.0).pos(Pos::new(HPos::Center, VPos::Top));
            area.draw(&Text::new(year.to_string(), (x, y + 14), style))
                .map_err(err)?;
        }
    }
    let due = px(c.due);
    area.draw(&Circle::new((due, y), 10, TARGET.stroke_width(3)))
        .map_err(err)?;
    let style = bold(15.0)
        .color(&TARGET)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    area.draw(&Text::new(
        format!("{} {}", words::label(lang, Label::Due), c.due_label(lang)),
        (due, y - 18),
        style,
    ))
    .map_err(err)?;
    if let Some(done) = c.achieved {
        let x = px(done);
        status_marker(area, Status::Achieved, (x, y), 10)?;
        let green = status_colour(Status::Achieved);
        let style = bold(15.0)
            .color(&green)
            .pos(Pos::new(HPos::Center, VPos::Top));
        area.draw(&Text::new(
            lang.status(Status::Achieved).to_string(),
            (x, y + 36),
            style,
        ))
        .map_err(err)?;
    }
    let x = px(c.as_of);
    area.draw(&PathElement::new(
        vec![(x, y - 50), (x, y + 50)],
        MUTED.stroke_width(1),
    ))
    .map_err(err)?;
    let label = format!("{} {}", words::label(lang, Label::AsOf), c.as_of_label);
    area.draw(&Text::new(label, (x + 5, y - 50), font(14.0).color(&MUTED)))
        .map_err(err)?;
    Ok(())
}

impl KpiChart {
    /// When the milestone is due: `2023Q4`, `2023年`.
    fn due_label(&self, lang: Lang) -> String {
        super::data::period_at(self.due).map_or(String::new(), |p| {
            lang.period(p, crate::output::words::PeriodAs::Due)
        })
    }

    /// The share of the plan's time gone at the as-of period (from the
    /// baseline, where the planned path starts, to the target period).
    fn time_gone_at_as_of(&self) -> Option<f64> {
        let t0 = self.trajectory.first()?.0;
        (self.due > t0).then(|| ((self.as_of - t0) / (self.due - t0)).clamp(0.0, 1.0))
    }

    /// The period of the latest figure in the KPI's own scope, when it is
    /// older than the as-of period.
    fn older_figure(&self) -> Option<crate::core::period::Period> {
        let last = match self.progress_at {
            Some(at) => at,
            None => self.actual.iter().find(|l| l.main)?.points.last()?.0,
        };
        (last < self.as_of - 0.01)
            .then(|| super::data::period_at(last))
            .flatten()
    }
}

/// A white page with `title` at its top left, cut to fit its width.
fn heading<DB: DrawingBackend>(root: &Area<DB>, title: &str, size: f64) -> Result<()> {
    root.fill(&WHITE).map_err(err)?;
    let (w, _) = root.dim_in_pixel();
    let t = fit(root, title, &bold(size), w - 40);
    root.draw(&Text::new(t, (20, 16), bold(size))).map_err(err)
}

/// All KPIs as small multiples, three to a row.
pub fn dashboard<DB: DrawingBackend>(
    root: &Area<DB>,
    title: &str,
    charts: &[KpiChart],
    lang: Lang,
) -> Result<()> {
    heading(root, title, 26.0)?;
    let (_, grid) = root.split_vertically(64);
    let cols = 3;
    let rows = charts.len().div_ceil(cols).max(1);
    for (panel, c) in grid.split_evenly((rows, cols)).iter().zip(charts) {
        small(panel, c, lang)?;
    }
    Ok(())
}

fn small<DB: DrawingBackend>(panel: &Area<DB>, c: &KpiChart, lang: Lang) -> Result<()> {
    let (w, h) = panel.dim_in_pixel();
    let colour = status_colour(c.status);
    panel
        .draw(&Rectangle::new(
            [(6, 6), (w as i32 - 6, h as i32 - 6)],
            colour.stroke_width(2),
        ))
        .map_err(err)?;
    let name_style = bold(16.0);
    panel
        .draw(&Text::new(
            fit(panel, &c.name, &name_style, w - 36),
            (18, 14),
            name_style,
        ))
        .map_err(err)?;
    status_marker(panel, c.status, (24, 48), 6)?;
    let unit = unit_suffix(c);
    panel
        .draw(&Text::new(
            format!("{}{unit}", lang.status(c.status)),
            (36, 39),
            font(14.0).color(&MUTED),
        ))
        .map_err(err)?;
    let body = panel.margin(62, 14, 14, 18);
    if c.kind == Kind::Milestone {
        return milestone_row(&body, c, lang);
    }
    if c.actual.is_empty() && c.trajectory.is_empty() {
        let style = font(15.0)
            .color(&MUTED)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let (bw, bh) = body.dim_in_pixel();
        body.draw(&Text::new(
            lang.status(Status::NoData).to_string(),
            (bw as i32 / 2, bh as i32 / 2),
            style,
        ))
        .map_err(err)?;
        return Ok(());
    }
    let (x0, x1, y0, _) = c.bounds();
    let axes = Axes {
        x_area: 22,
        y_area: 48,
        y_labels: 4,
        label_size: 12.0,
        unit: None,
    };
    let mut chart = axes.build(&body, c.bounds())?;
    let first = rel(&body, chart.backend_coord(&(x0 + 0.5, y0)));
    let last = rel(&body, chart.backend_coord(&(x1 - 0.5, y0)));
    let style = font(12.0).pos(Pos::new(HPos::Center, VPos::Top));
    body.draw(&Text::new(
        (x0 as i32).to_string(),
        (first.0, first.1 + 4),
        style.clone(),
    ))
    .map_err(err)?;
    body.draw(&Text::new(
        ((x1 - 1.0) as i32).to_string(),
        (last.0, last.1 + 4),
        style,
    ))
    .map_err(err)?;
    if c.off_zero() {
        axis_break(&chart, &body, (x0, y0), lang)?;
    }
    plan_line(&mut chart, c, (7, 5))?;
    for line in &c.actual {
        let pts: Vec<(f64, f64)> = line.points.iter().map(|&(a, b, _)| (a, b)).collect();
        if line.main {
            chart
                .draw_series(LineSeries::new(pts.clone(), INK.stroke_width(2)))
                .map_err(err)?;
            chart
                .draw_series(pts.iter().map(|&p| Circle::new(p, 4, INK.filled())))
                .map_err(err)?;
        } else {
            chart
                .draw_series(
                    pts.iter()
                        .map(|&p| TriangleMarker::new(p, 5, MUTED.stroke_width(2))),
                )
                .map_err(err)?;
        }
    }
    if let Some((tx, ty)) = c.target {
        let p = rel(&body, chart.backend_coord(&(tx, ty)));
        let d = 7;
        diamond(&body, p, d)?;
    }
    Ok(())
}

/// One bar per numeric KPI: the share of the change done, with a marker at
/// the share of time gone ("time half gone, task half done").
pub fn progress<DB: DrawingBackend>(
    root: &Area<DB>,
    title: &str,
    charts: &[KpiChart],
    lang: Lang,
) -> Result<()> {
    heading(root, title, 24.0)?;
    let w = root.dim_in_pixel().0 as i32;
    let (label_w, right_w) = (300, 190);
    let (x0, x1) = (20 + label_w, w - right_w);
    let px = |f: f64| x0 + ((f.clamp(0.0, 1.0)) * f64::from(x1 - x0)) as i32;
    let head = font(14.0)
        .color(&MUTED)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let ticks = ticks(lang);
    for (f, t) in [0.0, 0.5, 1.0].into_iter().zip(ticks) {
        root.draw(&Text::new(t, (px(f), 58), head.clone()))
            .map_err(err)?;
    }
    let mut y = 84;
    for c in charts.iter().filter(|c| c.kind != Kind::Milestone) {
        let name = fit(root, &c.name, &font(16.0), label_w as u32 - 16);
        root.draw(&Text::new(name, (20, y + 4), font(16.0)))
            .map_err(err)?;
        root.draw(&Rectangle::new(
            [(x0, y), (x1, y + 24)],
            RGBColor(0xF0, 0xF0, 0xF0).filled(),
        ))
        .map_err(err)?;
        root.draw(&PathElement::new(
            vec![(px(0.5), y - 3), (px(0.5), y + 27)],
            GRID.stroke_width(1),
        ))
        .map_err(err)?;
        // Only the baseline known (no time gone at the figure): no completion.
        match c
            .completion
            .filter(|_| c.time_elapsed.is_some_and(|e| e > 0.0))
        {
            Some(done) => {
                let colour = status_colour(c.status);
                root.draw(&Rectangle::new(
                    [(x0, y + 3), (px(done).max(x0 + 1), y + 21)],
                    colour.filled(),
                ))
                .map_err(err)?;
                // One time line for every row, at the as-of period; where the
                // KPI's figure is older, its own time mark beside it, labelled.
                let now = c.time_gone_at_as_of().or(c.time_elapsed);
                if let Some(e) = now {
                    let tx = px(e);
                    root.draw(&PathElement::new(
                        vec![(tx, y - 4), (tx, y + 28)],
                        INK.stroke_width(3),
                    ))
                    .map_err(err)?;
                    root.draw(&TriangleMarker::new((tx, y - 6), 5, INK.filled()))
                        .map_err(err)?;
                }
                if let (Some(p), Some(e)) = (c.older_figure(), c.time_elapsed) {
                    let tx = px(e);
                    root.draw(&PathElement::new(
                        vec![(tx, y - 2), (tx, y + 26)],
                        MUTED.stroke_width(2),
                    ))
                    .map_err(err)?;
                    let label = format!(
                        "{} {}",
                        words::label(lang, Label::Figure),
                        lang.period(p, crate::output::words::PeriodAs::Due)
                    );
                    let style = font(14.0)
                        .color(&MUTED)
                        .pos(Pos::new(HPos::Center, VPos::Top));
                    root.draw(&Text::new(label, (tx, y + 28), style))
                        .map_err(err)?;
                }
                let text = done_and_time(lang, done, c.time_elapsed);
                root.draw(&Text::new(text, (x1 + 12, y + 4), font(15.0)))
                    .map_err(err)?;
            }
            None => {
                let text = c.unbarred.unwrap_or(lang.status(c.status)).to_string();
                root.draw(&Text::new(text, (x1 + 12, y + 4), font(15.0).color(&MUTED)))
                    .map_err(err)?;
            }
        }
        status_marker(root, c.status, (x1 + 180 - 10, y + 12), 6)?;
        y += ROW;
    }
    let style = font(14.0).color(&MUTED);
    // The grey mark is explained only where one is drawn.
    let older = charts.iter().any(|c| c.older_figure().is_some());
    let note = progress_note(lang, older);
    root.draw(&Text::new(note, (20, y + 6), style))
        .map_err(err)?;
    Ok(())
}

/// A bar's row in the progress chart: the bar, and under it the label of
/// an older figure's mark (14 units, the least any chart text is).
const ROW: i32 = 46;

/// The height a progress chart needs for `n` bars.
pub fn progress_height(n: usize) -> u32 {
    (84 + ROW as u32 * n as u32 + 44).max(200)
}
