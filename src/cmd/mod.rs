//! The subcommands, one module each, and what they share: which plans and data
//! to read, the cut-off period, and writing to a terminal or a pipe.

pub mod chart;
pub mod check;
pub mod cli;
pub mod completions;
pub mod explain;
pub mod history;
pub mod ingest;
pub mod init;
pub mod read_workbook;
pub mod report;
pub mod schema;
pub mod status;
pub mod validate;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::core::assess::{self, Method, PlanAssessment};

use crate::core::period::Period;
use crate::intake::load::{self, Loaded};
use crate::lang::Lang;
use crate::problem::Problem;

/// What a subcommand returns: how it ended, or the problems that make it exit 2.
pub type Outcome = Result<Exit, Failure>;

/// How a run ends, as a script reads it from the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done.
    Done,
    /// 1: done, and some KPI is below the bar `check` was given.
    BelowTheBar,
    /// 2: bad input; nothing assessed or written.
    BadInput,
}

impl Exit {
    /// The exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Done => 0,
            Exit::BelowTheBar => 1,
            Exit::BadInput => 2,
        }
    }
}

/// Why a subcommand stopped: its problems, and the files it had already
/// written (complete, each replaced atomically) when it stopped; nearly
/// always none, as commands check everything before they write.
#[derive(Debug, Default)]
pub struct Failure {
    pub problems: Vec<Problem>,
    pub written: Vec<PathBuf>,
    /// The language to say them in, where the command knew it (the plan's
    /// `"lang"` is known only once the plan is read).
    pub lang: Option<Lang>,
}

impl Failure {
    /// The same failure, said in `lang` unless it already says in which.
    pub fn or_lang(self, lang: Lang) -> Failure {
        match self.lang {
            Some(_) => self,
            None => self.in_lang(lang),
        }
    }

    /// The same failure, said in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Failure {
        self.lang = Some(lang);
        self
    }
}

impl From<Vec<Problem>> for Failure {
    fn from(problems: Vec<Problem>) -> Failure {
        Failure {
            problems,
            written: Vec::new(),
            lang: None,
        }
    }
}

/// Which plans and data to read.
#[derive(Debug, Clone, clap::Args)]
pub struct Sources {
    /// A plan file, or a folder of them (every *.json in it).
    #[arg(long, value_name = "FILE|DIR", default_value = "targets")]
    pub plan: PathBuf,
    /// The folder holding each plan's data as <DIR>/<plan-id>/actuals.csv.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
}

/// Which part of the data to assess, and by which yardstick.
#[derive(Debug, Clone, clap::Args)]
pub struct Cut {
    /// Assess on the data up to this quarter (e.g. 2022Q1, 2022H1, 2022年1-6月);
    /// default: the latest period the plan's data reports.
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    pub as_of: Option<Period>,
    /// The yardstick that decides a status: growth-ratio (actual over required
    /// growth), projection (the latest value carried to the target period) or
    /// pace (completion minus time elapsed). See docs/methods.md.
    #[arg(long, value_name = "METHOD", default_value = "growth-ratio", value_parser = parse_method)]
    pub method: Method,
}

fn parse_method(text: &str) -> Result<Method, String> {
    text.parse()
}

/// Which plans, which part of their data and which KPIs a command assesses.
#[derive(Debug, Clone, clap::Args)]
pub struct Selection {
    #[command(flatten)]
    pub sources: Sources,
    #[command(flatten)]
    pub cut: Cut,
    #[command(flatten)]
    pub filter: Filter,
}

/// Which KPIs to report.
#[derive(Debug, Clone, clap::Args)]
pub struct Filter {
    /// Only this KPI (by id, name, Chinese name or alias); repeat for several.
    #[arg(long = "kpi", value_name = "KPI")]
    pub kpis: Vec<String>,
}

impl Filter {
    /// The ids of `plan`'s KPIs the filter names (by any of their names).
    pub fn ids_in(&self, plan: &crate::core::plan::Plan) -> Vec<String> {
        self.kpis
            .iter()
            .filter_map(|n| plan.kpi_named(n).map(|k| k.id.clone()))
            .collect()
    }
}

fn parse_period(text: &str) -> Result<Period, String> {
    text.parse()
        .map_err(|e: crate::core::period::PeriodError| e.to_string())
}

/// Loads and assesses plan by plan on every core, keeping only what `keep`
/// makes of each plan's assessment (its observations are dropped as soon as
/// it is assessed); errors stop the run, warnings go to standard error.
/// Also returns the run's language (`given`, else the plans').
pub fn assess_each<R: Send>(
    selection: &Selection,
    given: Option<Lang>,
    keep: impl Fn(PlanAssessment) -> R + Sync,
) -> Result<(Vec<R>, Lang), Failure> {
    let Selection {
        sources,
        cut,
        filter,
    } = selection;
    let (results, problems) = load::load_each(&sources.plan, &sources.data, |lp| {
        let found = Found::of(&lp.plan, filter);
        let lang = lp.plan.lang;
        let as_of = as_of_for(cut, &lp);
        let mut a = assess::assess(&lp.plan, &lp.observations, as_of, cut.method);
        drop(lp);
        if !filter.kpis.is_empty() {
            a.kpis.retain(|k| found.ids.contains(&k.id));
        }
        (found, lang, (!a.kpis.is_empty()).then(|| keep(a)))
    });
    let lang = language_of(given, results.iter().map(|(_, l, _)| *l), &problems);
    if problems.iter().any(Problem::is_error) {
        return Err(Failure::from(problems).in_lang(lang));
    }
    report_warnings(&problems, lang);
    let found: Vec<&Found> = results.iter().map(|(f, _, _)| f).collect();
    check_filter(filter, &found).map_err(|p| Failure::from(p).in_lang(lang))?;
    Ok((
        results.into_iter().filter_map(|(_, _, r)| r).collect(),
        lang,
    ))
}

/// What one plan makes of the `--kpi` names: the ids they name, which names
/// it knows, and its closest name to each it does not.
#[derive(Debug, Default)]
struct Found {
    ids: Vec<String>,
    known: Vec<bool>,
    near: Vec<Option<String>>,
    all: Vec<String>,
}

impl Found {
    fn of(plan: &crate::core::plan::Plan, filter: &Filter) -> Found {
        let mut f = Found::default();
        if filter.kpis.is_empty() {
            return f;
        }
        for name in &filter.kpis {
            let k = plan.kpi_named(name);
            f.ids.extend(k.map(|k| k.id.clone()));
            f.known.push(k.is_some());
            f.near.push(plan.nearest_kpi_name(name).map(str::to_string));
        }
        f.all = plan.kpis.iter().map(|k| k.id.clone()).collect();
        f
    }
}

/// Every `--kpi` must name a KPI of some plan.
fn check_filter(filter: &Filter, found: &[&Found]) -> Result<(), Vec<Problem>> {
    for (i, name) in filter.kpis.iter().enumerate() {
        if found.iter().any(|f| f.known[i]) {
            continue;
        }
        let near = found.iter().find_map(|f| f.near[i].as_deref());
        let all: Vec<&str> = found
            .iter()
            .flat_map(|f| f.all.iter().map(String::as_str))
            .collect();
        return Err(vec![not_a_kpi(&format!("--kpi {name}"), near, &all)]);
    }
    Ok(())
}

/// A KPI name no plan knows, with "did you mean" when one is close.
pub fn not_a_kpi(what: &str, near: Option<&str>, all: &[&str]) -> Problem {
    let p = Problem::error(format!(
        "{}: no plan has a KPI by that id, name or alias",
        crate::problem::readable(what, 120)
    ))
    .expected(format!("one of {}", all.join(", ")));
    match near {
        Some(n) => p.hint(format!("did you mean `{n}`?")),
        None => {
            p.hint("a KPI is named by its id, English or Chinese name, or one of its \"aliases\"")
        }
    }
}

/// `not_a_kpi` for one plan.
pub fn unknown_kpi(plan: &crate::core::plan::Plan, name: &str) -> Problem {
    let all: Vec<&str> = plan.kpis.iter().map(|k| k.id.as_str()).collect();
    not_a_kpi(name, plan.nearest_kpi_name(name), &all)
}

/// Loads the inputs, and says which language the run speaks (`given`,
/// else the plans'); errors stop the run, warnings go to standard error.
pub fn load_inputs(
    sources: &Sources,
    filter: &Filter,
    given: Option<Lang>,
) -> Result<(Loaded, Lang), Failure> {
    let loaded = load::load(&sources.plan, &sources.data);
    let lang = language(given, &loaded);
    if loaded.has_errors() {
        return Err(Failure::from(loaded.problems).in_lang(lang));
    }
    report_warnings(&loaded.problems, lang);
    let found: Vec<Found> = loaded
        .plans
        .iter()
        .map(|p| Found::of(&p.plan, filter))
        .collect();
    check_filter(filter, &found.iter().collect::<Vec<_>>())
        .map_err(|p| Failure::from(p).in_lang(lang))?;
    Ok((loaded, lang))
}

/// The cut-off for one plan: `--as-of`, else the plan's latest data.
pub fn as_of_for(cut: &Cut, lp: &load::LoadedPlan) -> Period {
    cut.as_of
        .unwrap_or_else(|| assess::default_as_of(&lp.plan, &lp.observations))
}

/// Prints warnings to standard error, their hints in `lang`.
pub fn report_warnings(problems: &[Problem], lang: Lang) {
    let warnings: Vec<Problem> = problems.iter().filter(|p| !p.is_error()).cloned().collect();
    if !warnings.is_empty() {
        say(&crate::problem::render(&warnings, stderr_colour(), lang));
    }
}

/// Writes `text` to standard error; a closed standard error (`2>&-`, a
/// reader gone) is no reason to stop or panic, so a failure is ignored.
pub fn say(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// The language of a run: `--lang`, else the plans' own `"lang"` (the
/// first that gives one, a refused plan's too), else the locale's
/// (`Lang::of_run`).
pub fn language(given: Option<Lang>, loaded: &Loaded) -> Lang {
    language_of(
        given,
        loaded.plans.iter().map(|lp| lp.plan.lang),
        &loaded.problems,
    )
}

/// `language`, from the plans' own languages and the problems met.
pub fn language_of(
    given: Option<Lang>,
    plans: impl Iterator<Item = Option<Lang>>,
    problems: &[Problem],
) -> Lang {
    Lang::of_run(given, plans.chain(std::iter::once(declared(problems))))
}

/// The language a plan file the run refused declares (`"lang": "zh"`),
/// read from its text: a plan that does not parse still says in which
/// language its problems are to be told.
fn declared(problems: &[Problem]) -> Option<Lang> {
    // Each file searched once: 10,000 problems in one plan searched its
    // whole text 10,000 times.
    let mut searched = std::collections::HashSet::new();
    problems
        .iter()
        .filter_map(|p| p.location.as_ref())
        .filter(|l| searched.insert(l.file.name.clone()))
        .find_map(|l| {
            let text = l.file.text.as_str();
            let at = text.find("\"lang\"")?;
            let value = text[at + 6..].trim_start().strip_prefix(':')?.trim_start();
            match value.get(..4)? {
                "\"zh\"" => Some(Lang::Zh),
                "\"en\"" => Some(Lang::En),
                _ => None,
            }
        })
}

/// The width text is fitted to: `COLUMNS` when set (also when piped),
/// else the terminal's, else 100 columns.
pub fn text_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        .or_else(|| comfy_table::Table::new().width().map(usize::from))
        .unwrap_or(crate::output::render::table::DEFAULT_WIDTH)
        .clamp(40, 1000)
}

/// Whether to colour standard output: only on a terminal, and never with NO_COLOR set.
pub fn stdout_colour() -> bool {
    std::io::stdout().is_terminal() && no_color_unset()
}

/// Whether to colour standard error, by the same rule.
pub fn stderr_colour() -> bool {
    std::io::stderr().is_terminal() && no_color_unset()
}

fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes to standard output. A closed pipe (`plantrack status | head`) is not
/// an error: the reader has what it wanted.
pub fn emit(text: &str) -> Result<(), Vec<Problem>> {
    emit_with(|out| out.write_all(text.as_bytes()))
}

/// Writes to standard output what `write` writes, in pieces (a large
/// document need not be built in memory first); a closed pipe (`| head`) is
/// not an error.
pub fn emit_with(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Vec<Problem>> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    said(write(&mut out).and_then(|_| out.flush()))
}

/// Writes `parts` to standard output one after the other, gathered into
/// as few system calls as the system takes (`writev`, 1,024 parts a call):
/// a thousand plans' JSON is 2,000 parts, and a write each, through the
/// standard output's line buffer, was three calls a plan, all on one core
/// after the work was done. A closed pipe is not an error.
pub fn emit_parts(parts: &[&[u8]]) -> Result<(), Vec<Problem>> {
    let mut stdout = std::io::stdout().lock();
    // The descriptor itself: the standard output's line buffer would cut
    // the gathered write at its last line feed.
    #[cfg(unix)]
    let written = descriptor(&mut stdout).and_then(|mut raw| write_gathered(&mut raw, parts));
    #[cfg(not(unix))]
    let written = write_gathered(&mut stdout, parts).and_then(|_| stdout.flush());
    said(written)
}

/// Writes to standard output the `n` windows `make` lays out, made on
/// every core and each written as soon as those before it are
/// (`parallel::in_turn`): for output too large to lay out whole first. A
/// closed pipe is not an error.
pub fn emit_windows<B: Default>(
    n: usize,
    make: impl Fn(usize, &mut B) + Sync,
    bytes: impl Fn(&B) -> &[u8] + Sync,
) -> Result<(), Vec<Problem>> {
    let mut stdout = std::io::stdout().lock();
    // The descriptor itself, shared by the threads in turn: the standard
    // output's line buffer would copy every window again.
    #[cfg(unix)]
    let written = descriptor(&mut stdout)
        .and_then(|raw| crate::intake::parallel::in_turn(n, make, |b| (&raw).write_all(bytes(b))));
    #[cfg(not(unix))]
    let written = {
        drop(stdout);
        crate::intake::parallel::in_turn(n, make, |b| std::io::stdout().write_all(bytes(b)))
    };
    said(written)
}

/// Standard output's descriptor, for writes past its line buffer, once
/// what the buffer holds is written (held locked, so nothing else writes
/// to it meanwhile).
#[cfg(unix)]
fn descriptor(stdout: &mut std::io::StdoutLock) -> std::io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    stdout.flush()?;
    Ok(std::fs::File::from(stdout.as_fd().try_clone_to_owned()?))
}

/// `parts` written to `out` in order, many to a call where `out` can take
/// them so (`write_vectored`), one at a time where it cannot.
fn write_gathered(out: &mut impl Write, parts: &[&[u8]]) -> std::io::Result<()> {
    // An empty part would end a call that wrote nothing else as WriteZero.
    let mut slices: Vec<std::io::IoSlice> = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| std::io::IoSlice::new(p))
        .collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        let batch = rest.len().min(1024);
        match out.write_vectored(&rest[..batch]) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => std::io::IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A write to standard output as its outcome: a closed pipe (`| head`) is
/// not an error, the reader has what it wanted; any other failure is.
fn said(written: std::io::Result<()>) -> Result<(), Vec<Problem>> {
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(vec![Problem::error(format!(
            "cannot write the output: {e}"
        ))]),
    }
}

#[cfg(test)]
mod tests {
    /// A writer that takes at most `step` bytes a call, over at most two
    /// parts, and sometimes says it was interrupted: as a pipe may.
    struct Trickle {
        out: Vec<u8>,
        step: usize,
        calls: usize,
    }

    impl std::io::Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.write_vectored(&[std::io::IoSlice::new(buf)])
        }

        fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(3) {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let mut room = self.step;
            for b in bufs.iter().take(2) {
                let n = b.len().min(room);
                self.out.extend_from_slice(&b[..n]);
                room -= n;
                if n < b.len() {
                    break;
                }
            }
            Ok(self.step - room)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn gathered_parts_arrive_whole_and_in_order_however_little_a_call_takes() {
        let parts: Vec<Vec<u8>> = (0..2500).map(|i| format!("<{i}>").into_bytes()).collect();
        let mut with_empty: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        with_empty.insert(7, b"");
        with_empty.push(b"");
        for step in [1, 3, 64, 1 << 20] {
            let mut out = Trickle {
                out: Vec::new(),
                step,
                calls: 0,
            };
            super::write_gathered(&mut out, &with_empty).unwrap();
            assert_eq!(out.out, parts.concat(), "{step} bytes a call");
        }
    }
}
