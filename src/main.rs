//! The `plantrack` binary: parses the command line, runs one subcommand, and
//! turns the outcome into an exit code (0 fine, 1 below the bar, 2 bad input).

use std::process::ExitCode;

use clap::Parser;
use plantrack::cmd::cli::Cli;
use plantrack::cmd::{self, Exit};
use plantrack::lang::Lang;
use plantrack::output::words::files::stopped;
use plantrack::problem::render;

// Loading a portfolio allocates and frees a plan's worth of rows on each core,
// plan after plan; mimalloc reuses that memory where the system allocator
// gives it back to the kernel and faults it in again (measured in
// docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.run() {
        Ok(exit) => leave(exit.code()),
        Err(failure) => {
            // In the plan's language where the command had read it, else
            // as --lang or the locale says; each problem is described in English.
            let lang = failure
                .lang
                .unwrap_or_else(|| Lang::of_run(cli.lang, std::iter::empty()));
            let problems = &failure.problems;
            let errors = problems.iter().filter(|p| p.is_error()).count();
            cmd::say(&render(problems, cmd::stderr_colour(), lang));
            cmd::say(&format!("{}\n", stopped(lang, errors, &failure.written)));
            ExitCode::from(Exit::BadInput.code())
        }
    }
}

/// Ends the process with `code`, standard output flushed, without the
/// exit handlers: mimalloc's would hand the run's memory back to the system
/// range by range on one core (a call per 64 kB or 4 MB), which the kernel
/// does at once as the process ends; 2.9 ms of the 81 ms a thousand plans'
/// JSON took (docs/performance.md, "Issue 26, sixteenth step"). Nothing
/// else waits for them: every file a command writes is written, checked and
/// closed before it returns.
fn leave(code: u8) -> ! {
    use std::io::Write;
    // Ignoring a failure, as Rust's own exit does: the commands flush their
    // output and report a failure to write it before they return.
    let _ = std::io::stdout().flush();
    // SAFETY: both end the process at once; nothing runs after them but
    // the exit handlers `END` keeps.
    unsafe { END(i32::from(code)) }
}

/// How `leave` ends the process: `_exit`, or for the build that counts
/// branches for profile-guided optimisation (benches/pgo.sh), `exit`, as
/// that build writes its counts in an exit handler. Chosen here, not by a
/// branch in `leave`, so that both builds' code has one shape and the
/// counts fit the build they are used for.
#[cfg(not(plantrack_counting))]
const END: unsafe extern "C" fn(libc::c_int) -> ! = libc::_exit;
#[cfg(plantrack_counting)]
const END: unsafe extern "C" fn(libc::c_int) -> ! = libc::exit;
