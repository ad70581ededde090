//! What every test shares: the `plantrack` binary run hermetically (the
//! environment cleared, so NO_COLOR, COLUMNS, HOME or PLANTRACK_* of whoever
//! runs the tests cannot change an output), a fresh work folder per test, and
//! one-KPI plans and observations built from JSON for the library tests.

use std::fmt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use plantrack::core::observation::{Basis, Observation};
use plantrack::core::period::Period;
use plantrack::core::plan::Plan;

/// The repository's root: the shipped plan, data and examples.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `plantrack` binary with an empty environment: a test that needs a
/// variable sets it.
pub fn plantrack() -> Command {
    let mut cmd = Command::cargo_bin("plantrack").expect("the plantrack binary is built");
    cmd.env_clear();
    cmd
}

/// The same, as a process to spawn and wait for (for runs in parallel or
/// killed on purpose).
pub fn process() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_plantrack"));
    cmd.env_clear();
    cmd
}

/// What a run printed and returned, with what was run and where, so a failed
/// assertion shows everything.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub what: String,
}

impl Run {
    /// Runs `cmd` (described as `args` in `dir`).
    pub fn of(cmd: &mut Command, dir: &Path, args: &[&str]) -> Run {
        let out = cmd.output().expect("the binary runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            what: format!("plantrack {} (in {})", args.join(" "), dir.display()),
        }
    }

    /// Panics, showing the whole run, unless it exited with `code`.
    pub fn expect(&self, code: i32) -> &Run {
        assert_eq!(self.code, code, "exit code of\n{self:?}");
        self
    }
}

impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}\nexit code: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.what, self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `plantrack ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run::of(plantrack().current_dir(dir).args(args), dir, args)
}

/// A fresh folder with `targets/` and `data/`, removed after the test.
pub struct Work {
    pub dir: tempfile::TempDir,
}

impl Work {
    /// Empty `targets/` and `data/`.
    pub fn new() -> Work {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("targets")).expect("targets/");
        std::fs::create_dir_all(dir.path().join("data")).expect("data/");
        Work { dir }
    }

    /// The shipped Bishan plan and no data yet.
    pub fn bishan() -> Work {
        let w = Work::new();
        std::fs::copy(
            root().join("targets/bishan-2022.json"),
            w.path("targets/bishan-2022.json"),
        )
        .expect("copy the Bishan plan");
        w
    }

    pub fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    /// Writes a file, making its folder.
    pub fn write(&self, path: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(path);
        std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("folder");
        std::fs::write(path, bytes).expect("write");
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args)
    }

    /// Runs `plantrack ARGS` with 4 GiB of address space at the most (an
    /// allocation past it fails, as a runaway one should, instead of taking
    /// the machine), killed (and the test failed) if it has not finished
    /// within `seconds`: a hang or an abort fails the suite, not CI's clock.
    pub fn run_within(&self, seconds: u64, args: &[&str]) -> Run {
        use std::io::Read;
        let mut limited = std::process::Command::new("sh");
        limited
            .env_clear()
            .arg("-c")
            .arg("ulimit -v 4194304 && exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_plantrack"));
        let mut child = limited
            .current_dir(self.dir.path())
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary starts");
        // Read as the child writes, so a large output cannot fill the pipe
        // and stall it.
        let drain = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut text = String::new();
                if let Some(mut p) = pipe {
                    let _ = p.read_to_string(&mut text);
                }
                text
            })
        };
        let out = drain(
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let err = drain(
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let start = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("the child") {
                break status;
            }
            if start.elapsed() > std::time::Duration::from_secs(seconds) {
                let _ = child.kill();
                panic!(
                    "plantrack {} did not finish within {seconds} s",
                    args.join(" ")
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let stdout = out.join().unwrap_or_default();
        let stderr = err.join().unwrap_or_default();
        Run {
            code: status.code().unwrap_or(-1),
            stdout,
            stderr,
            what: format!(
                "plantrack {} (in {})",
                args.join(" "),
                self.dir.path().display()
            ),
        }
    }

    pub fn run_stdin(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut cmd = plantrack();
        cmd.current_dir(self.dir.path()).args(args);
        if let Some(s) = stdin {
            cmd.write_stdin(s.to_string());
        }
        Run::of(&mut cmd, self.dir.path(), args)
    }
}

pub fn period(text: &str) -> Period {
    text.parse().expect("test period")
}

/// A plan from its JSON text (the same path a plan file takes, minus the disk).
pub fn plan(json: &str) -> Plan {
    serde_json::from_str(json).expect("test plan")
}

/// A plan of one KPI: `kpi` is the KPI object's JSON.
pub fn one_kpi_plan(baseline_period: &str, target_period: &str, kpi: &str) -> Plan {
    plan(&format!(
        r#"{{"id": "t", "name": "Test plan", "source": "test fixture", "scope": "zone",
            "baseline_period": "{baseline_period}", "target_period": "{target_period}",
            "kpis": [{kpi}]}}"#
    ))
}

pub fn obs(kpi: &str, period_text: &str, value: f64, basis: Basis) -> Observation {
    Observation {
        kpi: kpi.into(),
        period: period(period_text),
        value,
        basis,
        scope: "zone".into(),
        source: "test fixture".into(),
        note: None,
        yoy_pct: None,
    }
}

/// The assessment of `plan`'s first KPI on `data` as of `as_of`, by `method`.
pub fn first_kpi(
    plan: &Plan,
    data: &[Observation],
    as_of: &str,
    method: plantrack::core::assess::Method,
) -> plantrack::core::assess::KpiAssessment {
    plantrack::core::assess::assess(plan, data, period(as_of), method)
        .kpis
        .remove(0)
}

/// Asserts that a figure is there and within `tol` of `want`.
pub fn close(got: Option<f64>, want: f64, tol: f64) {
    let got = got.expect("figure present");
    assert!((got - want).abs() <= tol, "got {got}, want {want} ± {tol}");
}
