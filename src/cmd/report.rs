//! `plantrack report`: the quarterly report for leadership, as Markdown, one
//! self-contained HTML file, an Excel workbook with native charts, or a Word
//! document; charts, sources and revisions included. The report is computed
//! once and rendered in the format the file name asks for.

use std::path::{Path, PathBuf};

use super::chart::{check_texts, use_fonts};
use super::{Exit, Outcome, Selection, as_of_for, emit, load_inputs};
use crate::core::assess::{PlanAssessment, assess};
use crate::core::period::Period;
use crate::intake::load::{Loaded, LoadedPlan};
use crate::intake::store::revisions;
use crate::intake::workspace::StoreFiles;
use crate::lang::Lang;
use crate::output::chart::{self, Picture};
use crate::output::report::{self, Chart, PlanReport, Report, Revision, Revisions};
use crate::output::words::files::wrote;
use crate::problem::Problem;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub selection: Selection,
    /// The file to write: FILE.html (one self-contained page: inline charts,
    /// prints on A4), FILE.md (charts as SVG files in FILE-charts/ beside it),
    /// FILE.xlsx (a workbook: the status table, a sheet per KPI with a native
    /// chart, sources and revisions) or FILE.docx (an A4 Word document);
    /// default: Markdown on standard output, linking to charts/.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// A font file for the charts; default: the built-in fonts (see `chart --font`).
    #[arg(long, value_name = "FILE")]
    pub font: Option<PathBuf>,
}

/// Where the report goes.
enum Target {
    Stdout,
    Markdown(PathBuf),
    Html(PathBuf),
    Workbook(PathBuf),
    Document(PathBuf),
}

/// A chart's width in pixels in a Word document: 16 cm of A4 at 300 dots
/// an inch.
const PRINT_WIDTH: f64 = 1890.0;

pub fn run(args: &Args, lang: Option<crate::lang::Lang>) -> Outcome {
    let target = match &args.out {
        None => Target::Stdout,
        Some(p) => match p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
        {
            Some(e) if e == "html" || e == "htm" => Target::Html(p.clone()),
            Some(e) if e == "md" || e == "markdown" => Target::Markdown(p.clone()),
            Some(e) if e == "xlsx" => Target::Workbook(p.clone()),
            Some(e) if e == "docx" => Target::Document(p.clone()),
            _ => {
                return Err(vec![
                    Problem::error(format!("--out {}: cannot tell the format", p.display()))
                        .expected("a file name ending in .html, .md, .xlsx or .docx")
                        .hint("e.g. --out report-2022Q1.html"),
                ]
                .into());
            }
        },
    };
    // The report goes into a folder the user has; none is made for it.
    if let Some(dir) = args
        .out
        .as_deref()
        .and_then(Path::parent)
        .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
    {
        return Err(vec![
            Problem::error(format!(
                "no folder `{}` to write the report in",
                dir.display()
            ))
            .hint("create the folder first, or give another --out"),
        ]
        .into());
    }
    let (loaded, lang) = load_inputs(&args.selection.sources, &args.selection.filter, lang)?;
    // Whatever stops it now is said in the plan's language.
    compose(args, target, &loaded, lang).map_err(|f| f.or_lang(lang))
}

/// `run`, once the plans are read and the language known: draws, reads
/// the revision log, and writes the report (charts first).
fn compose(args: &Args, target: Target, loaded: &Loaded, lang: Lang) -> Outcome {
    use_fonts(lang, args.font.as_deref(), &loaded.plans)?;

    let assessments: Vec<PlanAssessment> = loaded
        .plans
        .iter()
        .map(|lp| {
            let mut a = assess(
                &lp.plan,
                &lp.observations,
                as_of_for(&args.selection.cut, lp),
                args.selection.cut.method,
            );
            if !args.selection.filter.kpis.is_empty() {
                let ids = args.selection.filter.ids_in(&lp.plan);
                a.kpis.retain(|k| ids.contains(&k.id));
            }
            a
        })
        .collect();

    // Everything is drawn and read before anything is written.
    let chart_dir: Option<PathBuf> = match &target {
        Target::Markdown(p) => Some(p.with_file_name(format!(
            "{}-charts",
            p.file_stem().map_or("report".into(), |s| s.to_string_lossy())
        ))),
        _ => None,
    };
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut plans = Vec::new();
    for (lp, a) in loaded.plans.iter().zip(&assessments) {
        if a.kpis.is_empty() {
            continue;
        }
        if !super::chart::safe(&lp.plan.id) {
            return Err(vec![Problem::error(format!(
                "plan id `{}` cannot name a folder",
                lp.plan.id
            ))]
            .into());
        }
        let print = matches!(target, Target::Document(_));
        let charts = draw(lp, a, lang, chart_dir.as_deref(), print, &mut files)?;
        plans.push(PlanReport {
            assessment: a,
            plan_source: &lp.plan.source,
            charts,
            sources: report::sources(&lp.observations, a),
            revisions: revisions_since(
                lp,
                &StoreFiles::new(&args.selection.sources.data, &lp.plan.id),
                a.as_of,
                lang,
            )?,
            data: report::kpi_data(&lp.plan, &lp.observations, a),
        });
    }
    let report = Report { lang, plans };
    match target {
        Target::Stdout => emit(&report::markdown(&report))?,
        Target::Markdown(path) => {
            files.push((path, report::markdown(&report).into_bytes()));
            write_all(&files, lang)?;
        }
        Target::Html(path) => {
            files.push((path, report::html(&report).into_bytes()));
            write_all(&files, lang)?;
        }
        Target::Workbook(path) => {
            let bytes = report::workbook(&report)
                .map_err(|e| vec![Problem::error(format!("cannot make the workbook: {e}"))])?;
            files.push((path, bytes));
            write_all(&files, lang)?;
        }
        Target::Document(path) => {
            let bytes = report::document(&report)
                .map_err(|e| vec![Problem::error(format!("cannot make the document: {e}"))])?;
            files.push((path, bytes));
            write_all(&files, lang)?;
        }
    }
    Ok(Exit::Done)
}

/// Each KPI's chart and the progress bars as SVG; for a Markdown file, also
/// the chart files to write beside it; with `print`, each as a PNG at print
/// resolution too.
fn draw(
    lp: &LoadedPlan,
    a: &PlanAssessment,
    lang: Lang,
    chart_dir: Option<&Path>,
    print: bool,
    files: &mut Vec<(PathBuf, Vec<u8>)>,
) -> Result<Vec<Chart>, Vec<Problem>> {
    let kept: Vec<String> = a.kpis.iter().map(|k| k.id.clone()).collect();
    let pics: Vec<Picture> = chart::pictures(&lp.plan, &lp.observations, a, &kept, lang)
        .into_iter()
        .filter(|p| !matches!(p, Picture::Dashboard { .. }))
        .collect();
    check_texts(&pics)?;
    let drawn = chart::render_all(&pics, REPORT_CHART, lang, false, true)
        .map_err(|e| vec![Problem::error(format!("cannot draw a chart: {e}"))])?;
    let mut charts = Vec::new();
    for (p, (file, bytes)) in pics.iter().zip(drawn) {
        let link = match chart_dir {
            Some(dir) => {
                let rel = format!(
                    "{}/{}/{file}",
                    dir.file_name()
                        .map_or("charts".into(), |s| s.to_string_lossy()),
                    lp.plan.id
                );
                files.push((dir.join(&lp.plan.id).join(&file), bytes.clone()));
                rel
            }
            None => format!("charts/{}/{}.png", lp.plan.id, p.stem()),
        };
        let png = if print {
            let scale = PRINT_WIDTH / f64::from(p.size(REPORT_CHART).0);
            let png = chart::png_scaled(p, REPORT_CHART, lang, scale)
                .map_err(|e| vec![Problem::error(format!("cannot draw a chart: {e}"))])?;
            Some(png)
        } else {
            None
        };
        charts.push(Chart {
            stem: p.stem().to_string(),
            svg: String::from_utf8_lossy(&bytes).into_owned(),
            link,
            png,
        });
    }
    Ok(charts)
}

/// Revisions of reported figures logged after the end of the quarter before
/// `as_of`: what changed since the previous quarter's report, each as a
/// reader knows it (the KPI by name, the period as a bureau dates it, money
/// in the reader's unit, the day it was logged, the file's name).
fn revisions_since(
    lp: &LoadedPlan,
    store: &StoreFiles,
    as_of: Period,
    lang: Lang,
) -> Result<Revisions, Vec<Problem>> {
    let Some(entries) = revisions::read(&store.revisions).map_err(|p| vec![p])? else {
        return Ok(Revisions::NoLog);
    };
    let previous = as_of.add_quarters(-1);
    let end = revisions::time_of(previous.last_day());
    let mut kept: Vec<revisions::Entry> = entries
        .into_iter()
        .filter(|e| e.change.is_revised_value() && e.time_utc.as_str() > end.as_str())
        .collect();
    // A report lists the latest revisions; a log of millions is counted.
    let more = kept.len().saturating_sub(REVISIONS_LISTED);
    kept.drain(..more);
    let list = kept.into_iter().map(|e| revision(lp, e, lang)).collect();
    Ok(Revisions::Since(previous, list, more))
}

/// One logged revision as the report shows it.
fn revision(lp: &LoadedPlan, e: revisions::Entry, lang: Lang) -> Revision {
    use crate::output::words::PeriodAs;
    let kpi = lp.plan.kpi(&e.kpi);
    let scale = kpi.map_or(1.0, |k| lang.money(&k.unit, k.unit_zh.as_deref()).0);
    let shown = |v: String| match v.parse::<f64>() {
        Ok(x) if scale != 1.0 => crate::output::format::value(x * scale),
        _ => v,
    };
    let dated = kpi.map_or(PeriodAs::Due, |k| PeriodAs::of(k.kind));
    // The log's time is UTC; the reader's day is the local one.
    let logged =
        chrono::DateTime::parse_from_rfc3339(&e.time_utc).map_or(e.time_utc.clone(), |t| {
            let day = t.with_timezone(&chrono::Local).date_naive();
            crate::output::words::report::date(lang, day)
        });
    Revision {
        kpi: kpi.map_or(e.kpi.clone(), |k| {
            lang.name(&k.name, k.name_zh.as_deref()).to_string()
        }),
        period: e
            .period
            .parse::<Period>()
            .map_or(e.period.clone(), |p| lang.period(p, dated)),
        old_value: shown(e.old_value),
        new_value: shown(e.new_value),
        logged,
        // The file's name, not where it lay on someone's disk.
        source_file: std::path::Path::new(&e.source_file)
            .file_name()
            .map_or(e.source_file.clone(), |n| n.to_string_lossy().into_owned()),
    }
}

/// How many revisions a report lists at the most: the latest.
const REVISIONS_LISTED: usize = 200;

/// A KPI's chart in a report, in drawing units: narrower than `chart`'s
/// 1,000 so that, set 16 cm wide on paper (or across an A4 page in HTML),
/// its smallest text (14 units) prints at 8 pt or more (14 × 453 pt / 760
/// = 8.3 pt).
const REPORT_CHART: (u32, u32) = (760, 480);

/// Writes every file, charts first and the report last, so the report never
/// points at a chart that is not there; each file is written atomically.
fn write_all(files: &[(PathBuf, Vec<u8>)], lang: Lang) -> Result<(), Vec<Problem>> {
    let mut said = Vec::new();
    for (path, bytes) in files {
        crate::files::write(path, bytes)?;
        said.push(wrote(lang, path, bytes.len()));
    }
    emit(&(said.join("\n") + "\n"))
}
