//! The quarterly report as data (headline, status table, each KPI's chart
//! and reading, sources, revisions), computed once and rendered as
//! Markdown, one self-contained HTML file, an Excel workbook or a Word
//! document. Pure: the charts arrive as SVG text and file links, the log as
//! lines.

mod build;
mod document;
mod html;
mod markdown;
mod office;
mod workbook;

pub use build::{kpi_data, sources};
pub use document::document;
pub use html::html;
pub use markdown::markdown;
pub use office::sheet_name;
pub use workbook::workbook;

use crate::core::assess::PlanAssessment;
use crate::core::period::Period;
use crate::lang::Lang;

/// Everything one report shows.
pub struct Report<'a> {
    pub lang: Lang,
    pub plans: Vec<PlanReport<'a>>,
}

/// One plan's part of the report.
pub struct PlanReport<'a> {
    pub assessment: &'a PlanAssessment,
    /// Where the plan's goals were published.
    pub plan_source: &'a str,
    /// Each KPI's chart (by KPI id), then `progress`.
    pub charts: Vec<Chart>,
    /// Each data source of the figures up to the as-of quarter, with how many figures it gave.
    pub sources: Vec<(String, usize)>,
    pub revisions: Revisions,
    /// Each KPI's figures, for the workbook's sheet of it (by KPI, in the
    /// assessment's order).
    pub data: Vec<KpiData>,
}

/// One KPI's figures: each as published, the comparable series of the
/// KPI's own scope, and the planned path by quarter.
pub struct KpiData {
    pub id: String,
    pub published: Vec<Published>,
    /// (period, value as assessed: for a flow, the annual equivalent; the
    /// value as published: for a flow, its year-to-date total).
    pub actual: Vec<(Period, f64, f64)>,
    /// (period, planned value), from the baseline to the target.
    pub plan: Vec<(Period, f64)>,
}

/// One observation as published.
pub struct Published {
    pub period: Period,
    pub value: f64,
    pub basis: crate::core::observation::Basis,
    pub scope: String,
    pub yoy_pct: Option<f64>,
    pub source: String,
}

/// A chart: its SVG text (for HTML), a link to its file (for Markdown) and,
/// for a Word document, its PNG at print resolution.
pub struct Chart {
    pub stem: String,
    pub svg: String,
    pub link: String,
    pub png: Option<Vec<u8>>,
}

/// The revision log's changes to figures already reported.
pub enum Revisions {
    /// No log: the figures were not fed by `plantrack ingest`.
    NoLog,
    /// Changes of kind `revised` logged after the end of `since`: the latest
    /// of them, and how many earlier ones are not listed.
    Since(Period, Vec<Revision>, usize),
}

/// One logged change of a figure, as logged.
pub struct Revision {
    /// The day it was logged, as the reader writes a date.
    pub logged: String,
    /// The KPI's name in the report's language.
    pub kpi: String,
    pub period: String,
    pub old_value: String,
    pub new_value: String,
    pub source_file: String,
}

/// One revision's cells, under `words::report::Text::revision_headings`.
pub fn revision_cells(v: &Revision) -> [&str; 6] {
    [
        &v.kpi,
        &v.period,
        &v.old_value,
        &v.new_value,
        &v.logged,
        &v.source_file,
    ]
}
