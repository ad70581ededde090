//! Progress charts, PNG and SVG: one per KPI, a dashboard of all of them, and
//! the completion-against-time bars. `data` turns an assessment into what is
//! drawn, `draw` draws it on any backend, and this file renders the files'
//! bytes (in parallel); writing them is the `chart` command's.

pub mod bars;
pub mod data;
pub mod draw;
pub mod fonts;
pub mod png_backend;

use plotters::prelude::*;

use crate::core::assess::PlanAssessment;
use crate::core::observation::Observation;
use crate::core::plan::Plan;
use crate::lang::Lang;
use data::KpiChart;

/// The pictures of one plan: each KPI's chart (those in `kpis`, or all),
/// then the dashboard and the progress bars; none when no KPI is kept.
pub fn pictures(
    plan: &Plan,
    observations: &[Observation],
    a: &PlanAssessment,
    kpis: &[String],
    lang: Lang,
) -> Vec<Picture> {
    let as_of = a.as_of;
    let mut charts = Vec::new();
    let mut ytd = Vec::new();
    for (kpi, ka) in plan.kpis.iter().zip(&a.kpis) {
        if !kpis.is_empty() && !kpis.contains(&kpi.id) {
            continue;
        }
        let obs: Vec<_> = observations
            .iter()
            .filter(|o| *o.kpi == *kpi.id && o.period <= as_of)
            .collect();
        let points = crate::core::assess::kpi_points(plan, kpi, &obs);
        charts.push(data::kpi_chart(plan, kpi, ka, &points, as_of, lang));
        ytd.extend(bars::ytd_chart(kpi, ka, &points, as_of, lang));
    }
    if charts.is_empty() {
        return Vec::new();
    }
    let name = lang.name(&plan.name, plan.name_zh.as_deref());
    let (dash, prog) = crate::output::words::chart::titles(lang, name, as_of);
    let mut pictures: Vec<Picture> = charts
        .iter()
        .cloned()
        .map(|c| Picture::Kpi(Box::new(c)))
        .collect();
    pictures.extend(ytd.into_iter().map(|c| Picture::Ytd(Box::new(c))));
    pictures.push(Picture::Dashboard {
        title: dash,
        charts: charts.clone(),
    });
    pictures.push(Picture::Progress {
        title: prog,
        charts,
    });
    pictures
}

/// One picture to make.
#[derive(Debug, Clone)]
pub enum Picture {
    Kpi(Box<KpiChart>),
    /// A flow's 柱线图.
    Ytd(Box<bars::YtdChart>),
    Dashboard {
        title: String,
        charts: Vec<KpiChart>,
    },
    Progress {
        title: String,
        charts: Vec<KpiChart>,
    },
}

impl Picture {
    /// The file name without extension: a KPI id (`[a-z0-9_]+`), a KPI id
    /// and `-ytd`, `dashboard` or `progress`; never anything that could
    /// leave the output folder.
    pub fn stem(&self) -> &str {
        match self {
            Picture::Kpi(c) => &c.id,
            Picture::Ytd(c) => &c.stem,
            Picture::Dashboard { .. } => "dashboard",
            Picture::Progress { .. } => "progress",
        }
    }

    /// The size in pixels, from the size asked for a KPI chart.
    pub fn size(&self, (w, h): (u32, u32)) -> (u32, u32) {
        match self {
            Picture::Kpi(_) | Picture::Ytd(_) => (w, h),
            Picture::Dashboard { charts, .. } => {
                (1320, 64 + 300 * charts.len().div_ceil(3).max(1) as u32)
            }
            Picture::Progress { charts, .. } => {
                let n = charts
                    .iter()
                    .filter(|c| c.kind != crate::core::plan::Kind::Milestone)
                    .count();
                // Narrower in a report (asked narrower than 1,000), so that
                // set 16 cm wide its text prints at 8 pt or more.
                (if w < 1000 { 780 } else { 1100 }, draw::progress_height(n))
            }
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, plotters::coord::Shift>,
        lang: Lang,
    ) -> draw::Result<()> {
        match self {
            Picture::Kpi(c) => draw::kpi(area, c, lang),
            Picture::Ytd(c) => bars::draw(area, c, lang),
            Picture::Dashboard { title, charts } => draw::dashboard(area, title, charts, lang),
            Picture::Progress { title, charts } => draw::progress(area, title, charts, lang),
        }
    }

    /// Every text the picture shows that comes from the plan, for the glyph check.
    pub fn texts(&self) -> Vec<String> {
        let one = |c: &KpiChart| {
            let mut v = vec![c.name.clone(), c.unit.clone()];
            v.extend(c.actual.iter().map(|l| l.label.clone()));
            v.extend(c.fan_label.clone());
            v
        };
        match self {
            Picture::Kpi(c) => one(c),
            Picture::Ytd(c) => vec![c.title.clone(), c.unit.clone()],
            Picture::Dashboard { title, charts } | Picture::Progress { title, charts } => {
                let mut v = vec![title.clone()];
                v.extend(charts.iter().flat_map(one));
                v
            }
        }
    }
}

/// The SVG text of a picture.
pub fn svg(p: &Picture, size: (u32, u32), lang: Lang) -> draw::Result<String> {
    let (w, h) = p.size(size);
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, (w, h)).into_drawing_area();
        p.draw(&root, lang)?;
        root.present().map_err(|e| format!("{e:?}"))?;
    }
    // Name fonts a viewer has, in place of the name registered for drawing.
    let family = fonts::svg_family(fonts::is_cjk());
    Ok(s.replace(
        &format!("font-family=\"{}\"", fonts::FAMILY),
        &format!("font-family=\"{family}\""),
    ))
}

/// The PNG bytes of a picture.
pub fn png(p: &Picture, size: (u32, u32), lang: Lang) -> draw::Result<Vec<u8>> {
    png_scaled(p, size, lang, 1.0)
}

/// The PNG bytes of a picture laid out at `size` and drawn `scale` times as
/// large: every line, mark and letter in proportion, for print.
pub fn png_scaled(p: &Picture, size: (u32, u32), lang: Lang, scale: f64) -> draw::Result<Vec<u8>> {
    let logical = p.size(size);
    let (w, h) = png_backend::scaled_size(logical, scale);
    let mut rgb = vec![0u8; (w * h * 3) as usize];
    {
        let root = png_backend::PngBackend::new(&mut rgb, logical, scale).into_drawing_area();
        p.draw(&root, lang)?;
        root.present().map_err(|e| format!("{e:?}"))?;
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let mut writer = enc.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(&rgb).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// A file's name and bytes, or why it could not be drawn.
type Rendered = draw::Result<(String, Vec<u8>)>;

/// Renders every picture in each format asked, in parallel; returns
/// (file name, bytes) in the pictures' order.
pub fn render_all(
    pictures: &[Picture],
    size: (u32, u32),
    lang: Lang,
    png_too: bool,
    svg_too: bool,
) -> draw::Result<Vec<(String, Vec<u8>)>> {
    let mut jobs: Vec<(&Picture, &str)> = Vec::new();
    for p in pictures {
        if png_too {
            jobs.push((p, "png"));
        }
        if svg_too {
            jobs.push((p, "svg"));
        }
    }
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(jobs.len().max(1));
    let chunks: Vec<Vec<(usize, &(&Picture, &str))>> = (0..threads)
        .map(|t| {
            jobs.iter()
                .enumerate()
                .filter(|(i, _)| i % threads == t)
                .collect()
        })
        .collect();
    let mut results: Vec<Option<Rendered>> = (0..jobs.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|(i, &(p, ext))| {
                            let bytes = if ext == "png" {
                                png(p, size, lang)
                            } else {
                                svg(p, size, lang).map(String::into_bytes)
                            };
                            (i, bytes.map(|b| (format!("{}.{ext}", p.stem()), b)))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            if let Ok(done) = h.join() {
                for (i, r) in done {
                    results[i] = Some(r);
                }
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("a rendering thread failed".to_string())))
        .collect()
}
