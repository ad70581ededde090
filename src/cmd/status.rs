//! `plantrack status`: where each KPI stands, as a table, JSON, CSV or Markdown.

use super::{
    Exit, Failure, Outcome, Selection, assess_each, emit, emit_parts, emit_windows, emit_with,
    stdout_colour,
};
use crate::lang::Lang;
use crate::output::render;
use crate::output::words::files::wrote;
use crate::problem::Problem;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub selection: Selection,
    /// Output format; default: the one `--out`'s extension names (.csv,
    /// .json, .md), else table.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to this file instead of standard output, in one rename; a CSV
    /// file starts with a UTF-8 byte-order mark, so that Excel (and WPS) on
    /// Chinese Windows reads its Chinese right.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// Every column of the table, however narrow the terminal (the table is
    /// otherwise fitted to `COLUMNS`, the terminal, or 100 columns).
    #[arg(long)]
    pub wide: bool,
    /// The assessment in detail (table and Markdown): the annual equivalent,
    /// the gap, the deciding figure, the projection and the chance, with
    /// each KPI's status; by default the completion table (主要指标完成情况表).
    #[arg(long)]
    pub detail: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people, coloured on a terminal.
    Table,
    /// Every figure, in the schema of docs/json-output.md.
    Json,
    /// One row per KPI, every figure unrounded.
    Csv,
    /// A GitHub-flavoured Markdown table with notes.
    Markdown,
}

pub fn run(args: &Args, lang: Option<crate::lang::Lang>) -> Outcome {
    let format = format_of(args)?;
    if let Some(out) = &args.out {
        return to_file(args, format, out, lang);
    }
    if let Some((pieces, _)) = in_pieces(args, format, lang)? {
        pieces.emit()?;
        return Ok(Exit::Done);
    }
    let (assessments, lang) = assess_each(&args.selection, lang, |a| a)?;
    let text = rendered(args, format, &assessments, lang, stdout_colour());
    emit(&text)?;
    Ok(Exit::Done)
}

/// JSON or CSV, rendered plan by plan on the core that assessed each, and
/// the language; None for the other formats.
fn in_pieces(
    args: &Args,
    format: Format,
    lang: Option<Lang>,
) -> Result<Option<(Pieces, Lang)>, Failure> {
    Ok(match format {
        Format::Json => {
            let (plans, lang) = assess_each(&args.selection, lang, |a| render::json::element(&a))?;
            Some((Pieces::Json(plans), lang))
        }
        Format::Csv => {
            let (plans, lang) = assess_each(&args.selection, lang, |a| render::csv::rows(&a))?;
            Some((Pieces::Csv(plans), lang))
        }
        Format::Table | Format::Markdown => None,
    })
}

/// Each plan's JSON element or CSV rows.
enum Pieces {
    Json(Vec<bytes::Bytes>),
    Csv(Vec<Vec<u8>>),
}

impl Pieces {
    /// To standard output: JSON a few plans at a time as it is laid out,
    /// CSV in one gathered write.
    fn emit(&self) -> Result<(), Vec<Problem>> {
        match self {
            // Laid out from their packed form a few plans at a time, on
            // every core, each window written as soon as those before it.
            Pieces::Json(plans) if plans.len() >= 2 => emit_windows(
                render::json::windows(plans.len()),
                |w, buf| render::json::window(plans, w, buf),
                render::packed::Unpacked::bytes,
            ),
            Pieces::Json(_) => emit_with(|out| self.write(out)),
            Pieces::Csv(plans) => {
                let header = render::csv::header();
                let parts: Vec<&[u8]> = std::iter::once(header.as_bytes())
                    .chain(plans.iter().map(Vec::as_slice))
                    .collect();
                emit_parts(&parts)
            }
        }
    }

    fn write(&self, out: &mut (impl std::io::Write + ?Sized)) -> std::io::Result<()> {
        match self {
            Pieces::Json(plans) => render::json::write(out, plans),
            Pieces::Csv(plans) => render::csv::write(out, plans),
        }
    }
}

/// The assessments in `format`.
fn rendered(
    args: &Args,
    format: Format,
    assessments: &[crate::core::assess::PlanAssessment],
    lang: Lang,
    colour: bool,
) -> String {
    match format {
        Format::Table => {
            let fit = render::table::Fit {
                width: super::text_width(),
                wide: args.wide,
                colour,
                lang,
            };
            if args.detail {
                render::table::render(assessments, fit)
            } else {
                render::completion::terminal(assessments, fit)
            }
        }
        Format::Json => render::json::render(assessments),
        Format::Csv => render::csv::render(assessments),
        Format::Markdown if args.detail => render::markdown::render(assessments, lang),
        Format::Markdown => render::completion::markdown(assessments, lang),
    }
}

/// The format asked for: `--format`, else `--out`'s extension, else table.
fn format_of(args: &Args) -> Result<Format, Failure> {
    if let Some(f) = args.format {
        return Ok(f);
    }
    let Some(out) = &args.out else {
        return Ok(Format::Table);
    };
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv") => Ok(Format::Csv),
        Some("json") => Ok(Format::Json),
        Some("md" | "markdown") => Ok(Format::Markdown),
        Some("txt") => Ok(Format::Table),
        _ => Err(Failure::from(vec![
            Problem::error(format!(
                "--out {}: cannot tell the format",
                crate::problem::readable(&out.display().to_string(), 200)
            ))
            .expected("a file name ending in .csv, .json, .md or .txt, or --format")
            .hint("e.g. --out status-2025Q2.csv, or --format csv --out FILE"),
        ])),
    }
}

/// Writes the status to `out` in one rename, and says so.
fn to_file(args: &Args, format: Format, out: &std::path::Path, given: Option<Lang>) -> Outcome {
    let (bytes, lang) = match in_pieces(args, format, given)? {
        Some((pieces, lang)) => {
            let mut bytes = Vec::new();
            if format == Format::Csv {
                // Excel opens a CSV file without a byte-order mark in the
                // system's code page (GBK on Chinese Windows): the mark says UTF-8.
                bytes.extend_from_slice("\u{feff}".as_bytes());
            }
            // Writing to memory cannot fail.
            let _ = pieces.write(&mut bytes);
            (bytes, lang)
        }
        None => {
            let (assessments, lang) = assess_each(&args.selection, given, |a| a)?;
            let text = rendered(args, format, &assessments, lang, false);
            (text.into_bytes(), lang)
        }
    };
    crate::files::write(out, &bytes).map_err(|p| Failure::from(p).in_lang(lang))?;
    emit(&format!("{}\n", wrote(lang, out, bytes.len())))?;
    Ok(Exit::Done)
}
