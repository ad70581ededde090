//! `plantrack status`: where each KPI stands, as a table, JSON, CSV or Markdown.

use super::{Exit, Outcome, Selection, assess_each, emit, emit_with, stdout_colour};
use crate::output::render;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub selection: Selection,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Every column of the table, however narrow the terminal (the table is
    /// otherwise fitted to `COLUMNS`, the terminal, or 100 columns).
    #[arg(long)]
    pub wide: bool,
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
    if args.format == Format::Json {
        // Each plan is rendered on the core that assessed it.
        let (plans, _) = assess_each(&args.selection, lang, |a| render::json::element(&a))?;
        emit_with(|out| render::json::write(out, &plans))?;
        return Ok(Exit::Done);
    }
    let (assessments, lang) = assess_each(&args.selection, lang, |a| a)?;
    let text = match args.format {
        Format::Table => render::table::render(
            &assessments,
            render::table::Fit {
                width: super::text_width(),
                wide: args.wide,
                colour: stdout_colour(),
                lang,
            },
        ),
        Format::Json => render::json::render(&assessments),
        Format::Csv => render::csv::render(&assessments),
        Format::Markdown => render::markdown::render(&assessments, lang),
    };
    emit(&text)?;
    Ok(Exit::Done)
}
