//! `plantrack read-workbook` (hidden): the fenced reader's child side. It is
//! run by `ingest` itself, never by a person: the workbook's bytes come on
//! standard input and its sheets go back as JSON on standard output.

use crate::intake::ingest::fence;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The file's name as ingest shows it.
    #[arg(long)]
    pub name: String,
    /// The one sheet to read.
    #[arg(long)]
    pub sheet: Option<String>,
}

/// Reads the workbook on standard input; the exit code is the child's.
pub fn run(args: &Args) -> u8 {
    fence::serve(&args.name, args.sheet.as_deref())
}
