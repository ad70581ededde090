//! The `plantrack` binary: parses the command line, runs one subcommand, and
//! turns the outcome into an exit code (0 fine, 1 below the bar, 2 bad input).

use std::process::ExitCode;

use clap::Parser;
use plantrack::cmd;
use plantrack::cmd::cli::Cli;
use plantrack::problem::render;

// Loading a portfolio allocates and frees a plan's worth of rows on each core,
// plan after plan; mimalloc reuses that memory where the system allocator
// gives it back to the kernel and faults it in again (measured in
// docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Hints and the last line follow --lang (or the locale); each problem
    // is described in English.
    let lang = cli.lang();
    plantrack::problem::speak(lang);
    let zh = lang.is_zh();
    match cli.run() {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            let problems = &failure.problems;
            let errors = problems.iter().filter(|p| p.is_error()).count();
            eprint!("{}", render(problems, cmd::stderr_colour()));
            match failure.written.as_slice() {
                [] if zh => eprintln!("plantrack：{errors}个错误；未做评估，也未写入任何文件"),
                [] => eprintln!("plantrack: {errors} error(s); nothing was assessed or written"),
                written => {
                    let shown: Vec<String> =
                        written.iter().map(|p| p.display().to_string()).collect();
                    if zh {
                        eprintln!(
                            "plantrack：{errors}个错误；停止前已写入{}个完整文件：{}",
                            written.len(),
                            shown.join("、")
                        );
                    } else {
                        eprintln!(
                            "plantrack: {errors} error(s); before stopping it wrote {} file(s), each complete: {}",
                            written.len(),
                            shown.join(", ")
                        );
                    }
                }
            }
            ExitCode::from(2)
        }
    }
}
