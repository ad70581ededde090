//! A flow's 柱线图, as a bureau draws it: its year-to-date totals as
//! published, period by period, as bars; its growth on a year earlier as a
//! line on a second axis; and across each year's bars the year's planned
//! total, dashed, so a bar's height against it reads as the year's
//! completion.

use plotters::element::{Circle, Rectangle, Text};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::draw::{Area, GRID, MUTED, PLAN, Result, axis_number, bold, err, font, rel};
use crate::core::assess::KpiAssessment;
use crate::core::period::Period;
use crate::core::plan::{Kind, Kpi};
use crate::core::series::Point;
use crate::core::trajectory::Trajectory;
use crate::lang::Lang;
use crate::output::format;
use crate::output::words::chart::{BarLabel, bar_label, bar_period, bars_title};

/// The bars a chart shows at most: the last three years by quarter.
const MOST: usize = 12;

const BAR: RGBColor = RGBColor(0x5B, 0x8D, 0xB8);
const GROWTH: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// One flow's 柱线图.
#[derive(Debug, Clone, PartialEq)]
pub struct YtdChart {
    /// The file's stem: the KPI's id and `-ytd` (no KPI id holds `-`).
    pub stem: String,
    pub title: String,
    pub unit: String,
    pub bars: Vec<Bar>,
}

/// One period's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub period: Period,
    /// The year-to-date total as published, in the reader's unit.
    pub ytd: f64,
    /// Its growth on a year earlier in percent, and whether published.
    pub yoy: Option<(f64, bool)>,
    /// The year's planned total, in the reader's unit.
    pub planned: Option<f64>,
}

/// The 柱线图 of a flow with at least two published totals in its own scope
/// up to `as_of`; none for any other KPI.
pub fn ytd_chart(
    kpi: &Kpi,
    a: &KpiAssessment,
    points: &[Point],
    as_of: Period,
    lang: Lang,
) -> Option<YtdChart> {
    if kpi.kind != Kind::Flow {
        return None;
    }
    let own: Vec<&Point> = points
        .iter()
        .filter(|p| *p.scope == *a.scope && p.period <= as_of)
        .collect();
    if own.len() < 2 {
        return None;
    }
    let (scale, unit) = lang.money(&kpi.unit, kpi.unit_zh.as_deref());
    let path = match (&a.baseline, a.target.value) {
        (Some(b), Some(t)) => Some(Trajectory::for_kpi(
            kpi,
            (b.period, b.value),
            (a.target.period, t),
        )),
        _ => None,
    };
    // The year's planned total: the as-of year's own target where it has
    // one (a growth target turned into a level), else the planned path at
    // the year's end.
    let planned = |year: i32| -> Option<f64> {
        if let Some(y) = a.year_target.as_ref().filter(|y| y.year == year) {
            return y.level;
        }
        path.as_ref()?.expected(Period::new(year, 4)?)
    };
    let start = own.len().saturating_sub(MOST);
    let bars = own[start..]
        .iter()
        .map(|p| {
            let year_ago = p.period.add_quarters(-4);
            // At comparable prices only the published 同比 is growth: one
            // computed from current-price levels is nominal, and not drawn.
            let computable = kpi.prices == crate::core::plan::Prices::Current;
            let yoy = p.published_yoy_pct.map(|g| (g, true)).or_else(|| {
                own.iter()
                    .filter(|_| computable)
                    .find(|q| q.period == year_ago && q.reported > 0.0)
                    .and_then(|q| {
                        crate::core::growth::finite((p.reported / q.reported - 1.0) * 100.0)
                    })
                    .map(|g| (g, false))
            });
            Bar {
                period: p.period,
                ytd: p.reported * scale,
                yoy,
                planned: planned(p.period.year()).map(|x| x * scale),
            }
        })
        .collect();
    let name = lang.name(&kpi.name, kpi.name_zh.as_deref());
    Some(YtdChart {
        stem: format!("{}-ytd", kpi.id),
        title: bars_title(lang, name),
        unit,
        bars,
    })
}

/// Draws the chart on `root`.
pub fn draw<DB: DrawingBackend>(root: &Area<DB>, c: &YtdChart, lang: Lang) -> Result<()> {
    root.fill(&WHITE).map_err(err)?;
    let (_, h) = root.dim_in_pixel();
    root.draw(&Text::new(c.title.clone(), (20, 14), bold(24.0)))
        .map_err(err)?;
    root.draw(&Text::new(
        c.unit.clone(),
        (20, 50),
        font(17.0).color(&MUTED),
    ))
    .map_err(err)?;
    let (body, legend) = root.split_vertically(h.saturating_sub(46));
    let body = body.margin(76, 10, 20, 20);
    let n = c.bars.len() as f64;
    let top = c
        .bars
        .iter()
        .flat_map(|b| [Some(b.ytd), b.planned])
        .flatten()
        .filter(|x| x.is_finite())
        .fold(0.0f64, f64::max)
        .max(1e-9)
        / 0.62;
    let growth: Vec<f64> = c.bars.iter().filter_map(|b| b.yoy.map(|y| y.0)).collect();
    let (g0, g1) = growth
        .iter()
        .fold((0.0f64, 0.0f64), |(lo, hi), g| (lo.min(*g), hi.max(*g)));
    // The bars take the lower three fifths, the growth line the band above
    // them, as a bureau's 柱线图 keeps the two apart.
    let span = (g1 - g0).max(2.0);
    let hi = g1 + 0.2 * span;
    let lo = g0 - (hi - g0) * 0.7 / 0.3;
    let mut chart = ChartBuilder::on(&body)
        .x_label_area_size(52)
        .y_label_area_size(72)
        .right_y_label_area_size(64)
        .build_cartesian_2d(0f64..n, 0f64..top)
        .map_err(err)?
        .set_secondary_coord(0f64..n, lo..hi);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|v| axis_number(*v))
        .y_label_style(font(15.0))
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .draw()
        .map_err(err)?;
    chart
        .configure_secondary_axes()
        .y_labels(6)
        // Numbers only in the growth line's band.
        .y_label_formatter(&|v| {
            if *v < g0 - 0.1 * span {
                String::new()
            } else {
                format!("{}%", format::value((v * 10.0).round() / 10.0))
            }
        })
        .label_style(font(15.0).color(&GROWTH))
        .axis_style(GROWTH)
        .draw()
        .map_err(err)?;
    for (i, b) in c.bars.iter().enumerate() {
        let x = i as f64;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x + 0.18, 0.0), (x + 0.82, b.ytd)],
                BAR.filled(),
            )))
            .map_err(err)?;
        // The figure halfway up its bar, clear of the planned total's
        // dashes near its top; above a bar too short to hold it.
        let at = rel(&body, chart.backend_coord(&(x + 0.5, b.ytd)));
        let foot_y = rel(&body, chart.backend_coord(&(x + 0.5, 0.0))).1;
        let (y, colour, anchor) = if foot_y - at.1 > 26 {
            ((at.1 + foot_y) / 2, WHITE, VPos::Center)
        } else {
            (at.1 - 4, BLACK, VPos::Bottom)
        };
        body.draw(&Text::new(
            format::value(b.ytd),
            (at.0, y),
            font(14.0)
                .color(&colour)
                .pos(Pos::new(HPos::Center, anchor)),
        ))
        .map_err(err)?;
        // Under the bar its months; under a year's first bar, the year.
        let foot = rel(&body, chart.backend_coord(&(x + 0.5, 0.0)));
        let style = font(14.0).pos(Pos::new(HPos::Center, VPos::Top));
        body.draw(&Text::new(
            bar_period(lang, b.period),
            (foot.0, foot.1 + 6),
            style.clone(),
        ))
        .map_err(err)?;
        if i == 0 || c.bars[i - 1].period.year() != b.period.year() {
            body.draw(&Text::new(
                bar_label(lang, BarLabel::Year(b.period.year())),
                (foot.0, foot.1 + 26),
                style.color(&MUTED),
            ))
            .map_err(err)?;
        }
    }
    // Each year's planned total across its bars.
    let mut i = 0;
    while i < c.bars.len() {
        let year = c.bars[i].period.year();
        let j = (i..c.bars.len())
            .take_while(|&k| c.bars[k].period.year() == year)
            .last()
            .unwrap_or(i);
        if let Some(p) = c.bars[i].planned.filter(|p| p.is_finite()) {
            chart
                .draw_series(DashedLineSeries::new(
                    [(i as f64 + 0.05, p), (j as f64 + 0.95, p)],
                    7,
                    5,
                    PLAN.stroke_width(2),
                ))
                .map_err(err)?;
        }
        i = j + 1;
    }
    // The growth on a year earlier, on the right-hand axis.
    let line: Vec<(f64, f64)> = c
        .bars
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.yoy.map(|y| (i as f64 + 0.5, y.0)))
        .collect();
    chart
        .draw_secondary_series(LineSeries::new(line.clone(), GROWTH.stroke_width(3)))
        .map_err(err)?;
    for (i, b) in c.bars.iter().enumerate() {
        let Some((g, published)) = b.yoy else {
            continue;
        };
        let style = if published {
            GROWTH.filled()
        } else {
            WHITE.filled()
        };
        let x = i as f64 + 0.5;
        chart
            .draw_secondary_series([
                Circle::new((x, g), 5, style),
                Circle::new((x, g), 5, GROWTH.stroke_width(2)),
            ])
            .map_err(err)?;
        // Its figure beside it: computed ones said so in the legend.
        let at = rel(&body, chart.borrow_secondary().backend_coord(&(x, g)));
        body.draw(&Text::new(
            lang.signed_pct(g),
            (at.0 + 8, at.1 - 8),
            bold(14.0)
                .color(&GROWTH)
                .pos(Pos::new(HPos::Left, VPos::Bottom)),
        ))
        .map_err(err)?;
    }
    legend_strip(&legend, lang, c)
}

/// What each mark is, in a row under the chart.
fn legend_strip<DB: DrawingBackend>(area: &Area<DB>, lang: Lang, c: &YtdChart) -> Result<()> {
    let y = 18;
    let style = font(14.0);
    let mut x = 24;
    let mut item = |label: &str, mark: &dyn Fn(&Area<DB>, i32) -> Result<()>| -> Result<()> {
        mark(area, x)?;
        area.draw(&Text::new(
            label.to_string(),
            (x + 34, y - 9),
            style.clone(),
        ))
        .map_err(err)?;
        let w = area
            .estimate_text_size(label, &style)
            .map_or(100, |(w, _)| w as i32);
        x += 34 + w * 115 / 100 + 16;
        Ok(())
    };
    item(bar_label(lang, BarLabel::Ytd).as_str(), &|a, x| {
        a.draw(&Rectangle::new(
            [(x + 4, y - 8), (x + 22, y + 8)],
            BAR.filled(),
        ))
        .map_err(err)
    })?;
    if c.bars.iter().any(|b| b.yoy.is_some()) {
        let computed = c.bars.iter().any(|b| b.yoy.is_some_and(|y| !y.1));
        let label = bar_label(
            lang,
            if computed {
                BarLabel::YoyComputed
            } else {
                BarLabel::Yoy
            },
        );
        item(label.as_str(), &|a, x| {
            a.draw(&PathElement::new(
                vec![(x, y), (x + 26, y)],
                GROWTH.stroke_width(3),
            ))
            .map_err(err)?;
            a.draw(&Circle::new((x + 13, y), 5, GROWTH.filled()))
                .map_err(err)
        })?;
    }
    if c.bars.iter().any(|b| b.planned.is_some()) {
        item(bar_label(lang, BarLabel::Planned).as_str(), &|a, x| {
            a.draw(&PathElement::new(
                vec![(x, y), (x + 8, y)],
                PLAN.stroke_width(2),
            ))
            .map_err(err)?;
            a.draw(&PathElement::new(
                vec![(x + 13, y), (x + 21, y)],
                PLAN.stroke_width(2),
            ))
            .map_err(err)
        })?;
    }
    Ok(())
}
