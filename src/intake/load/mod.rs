//! Reading plans and their data from disk: the input edge of the tool.
//!
//! Everything here collects problems instead of stopping at the first, so
//! `validate` (and any command) can report all of them in one run.

pub mod actuals;
mod json_locate;
pub mod plan_file;
pub mod records;

use std::path::{Path, PathBuf};

use crate::core::observation::Observation;
use crate::core::plan::Plan;
use crate::problem::{Problem, SourceFile};

/// A plan with the data read for it.
#[derive(Debug, Clone)]
pub struct LoadedPlan {
    pub plan: Plan,
    pub plan_file: PathBuf,
    /// The data file, when there is one.
    pub data_file: Option<PathBuf>,
    pub observations: Vec<Observation>,
}

/// Everything loaded, and every problem met on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    pub plans: Vec<LoadedPlan>,
    pub problems: Vec<Problem>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// Loads the plan file `plans` (or every `*.json` in the folder `plans`) and
/// each plan's actuals from `data_dir`.
pub fn load(plans: &Path, data_dir: &Path) -> Loaded {
    let (plans, problems) = load_each(plans, data_dir, |lp| lp);
    Loaded { plans, problems }
}

/// Loads the plans as `load` does, without their data (for `ingest`, which
/// reads a plan's store itself).
pub fn load_plans(plans: &Path) -> Loaded {
    let (plans, problems) = load_in(plans, None, |lp| lp);
    Loaded { plans, problems }
}

/// Loads every plan and its data as `load` does, and hands each plan read
/// (its data perhaps with problems) to `f` on the thread that read it, so a caller can assess
/// (and render) a portfolio plan by plan on every core, keeping only what
/// `f` returns rather than a million observations. The results come in file
/// order, with every problem met.
pub fn load_each<R: Send>(
    plans: &Path,
    data_dir: &Path,
    f: impl Fn(LoadedPlan) -> R + Sync,
) -> (Vec<R>, Vec<Problem>) {
    load_in(plans, Some(data_dir), f)
}

/// `load_each`, with the data from `data_dir` when there is one.
fn load_in<R: Send>(
    plans: &Path,
    data_dir: Option<&Path>,
    f: impl Fn(LoadedPlan) -> R + Sync,
) -> (Vec<R>, Vec<Problem>) {
    let mut problems = Vec::new();
    let files = match plan_files(plans) {
        Ok(files) => files,
        Err(p) => return (Vec::new(), vec![*p]),
    };
    // A data folder that is not there is a typo, not a store without data.
    if let Some(dir) = data_dir.filter(|d| !d.is_dir()) {
        let shown = dir.display().to_string();
        let p = Problem::error(format!("no data folder at `{shown}`"))
            .expected("a folder holding <plan-id>/actuals.csv for each plan")
            .hint(
                "pass --data DIR (default `data`); `plantrack init` and `plantrack ingest` make it",
            );
        return (Vec::new(), vec![p]);
    }
    let results = crate::intake::parallel::map(&files, |path| {
        let (lp, found) = load_one(path, data_dir);
        (lp.map(|lp| (lp.plan.id.clone(), f(lp))), found)
    });
    // The ids are checked against each other in file order.
    let mut seen: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (path, (result, found)) in files.iter().zip(results) {
        problems.extend(found);
        let Some((id, r)) = result else { continue };
        if let Some(other) = seen.get(&id) {
            problems.push(
                Problem::error(format!(
                    "plan id `{id}` is also the id of {}",
                    other.display()
                ))
                .in_file(path.display().to_string())
                .hint("each plan needs its own id: it names the plan's data folder"),
            );
            continue;
        }
        seen.insert(id, path.clone());
        out.push(r);
    }
    (out, problems)
}

/// One plan file and its data (with a `data_dir`), with the problems met
/// reading them.
fn load_one(path: &Path, data_dir: Option<&Path>) -> (Option<LoadedPlan>, Vec<Problem>) {
    let mut problems = Vec::new();
    let Some(file) = read_text(path, crate::files::PLAN, &mut problems) else {
        return (None, problems);
    };
    let plan = match plan_file::parse(&file) {
        Ok(plan) => plan,
        Err(found) => return (None, found),
    };
    problems.extend(plan_file::warnings(&file, &plan));
    let Some(data_dir) = data_dir else {
        let lp = LoadedPlan {
            plan,
            plan_file: path.to_path_buf(),
            data_file: None,
            observations: Vec::new(),
        };
        return (Some(lp), problems);
    };
    let data_path = crate::intake::workspace::StoreFiles::new(data_dir, &plan.id).actuals;
    let read = match crate::files::read_checked(&data_path, crate::files::STORE) {
        Ok(read) => read,
        Err(p) => {
            problems.push(p);
            return (None, problems);
        }
    };
    let (data_file, observations) = if let Some(read) = read {
        let name = data_path.display().to_string();
        match read.map(|bytes| text_of(name, bytes, &mut problems)) {
            Ok(Some(text)) => {
                let (obs, found) = actuals::parse(&text, &plan);
                problems.extend(found);
                (Some(data_path), obs)
            }
            Ok(None) => (Some(data_path), Vec::new()),
            Err(p) => {
                problems.push(p);
                (Some(data_path), Vec::new())
            }
        }
    } else {
        problems.push(
            Problem::warning(format!(
                "plan `{}` has no data file: every KPI shows no_data",
                plan.id
            ))
            .in_file(data_path.display().to_string())
            .hint("put its actuals in that file, header kpi,period,value,unit,basis,scope,source,note,yoy; or feed it with plantrack ingest"),
        );
        (None, Vec::new())
    };
    let lp = LoadedPlan {
        plan,
        plan_file: path.to_path_buf(),
        data_file,
        observations,
    };
    (Some(lp), problems)
}

/// The plan files named by `--plan`: the file itself, or a folder's `*.json`
/// in name order (not `*.schema.json`: the plan schema may sit beside the plans).
fn plan_files(plans: &Path) -> Result<Vec<PathBuf>, Box<Problem>> {
    let shown = plans.display().to_string();
    if plans.is_file() {
        return Ok(vec![plans.to_path_buf()]);
    }
    if !plans.is_dir() {
        return Err(Box::new(
            Problem::error(format!("no plan file or folder at `{shown}`"))
                .expected("a plan file (JSON) or a folder of them")
                .hint("run plantrack in the folder that holds targets/ and data/, or pass --plan FILE and --data DIR"),
        ));
    }
    let entries = std::fs::read_dir(plans).map_err(|e| {
        Box::new(Problem::error(format!(
            "cannot read the folder `{shown}`: {e}"
        )))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e.path();
            if path.extension().is_none_or(|x| x != "json") {
                return None;
            }
            // The folder listing tells a regular file from a folder without
            // a look at each (a thousand plans); a link is followed.
            let file = match e.file_type() {
                Ok(t) if t.is_file() => true,
                Ok(t) if t.is_dir() => false,
                _ => path.is_file(),
            };
            file.then_some(path)
        })
        .filter(|p| !p.to_string_lossy().ends_with(".schema.json"))
        .collect();
    // As text: all are in one folder, so the paths differ only in their
    // names and this is their order as paths, without taking each apart
    // into components at every comparison (for a thousand plans, 9 M
    // instructions on one core before the others start).
    files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    if files.is_empty() {
        return Err(Box::new(
            Problem::error(format!("the folder `{shown}` holds no plan (*.json)"))
                .hint("a plan is a JSON file such as targets/bishan-2022.json"),
        ));
    }
    Ok(files)
}

/// A file's text, or a problem if it may not be read (`guard`), cannot be,
/// or is not UTF-8.
fn read_text(
    path: &Path,
    guard: crate::files::Guard,
    problems: &mut Vec<Problem>,
) -> Option<SourceFile> {
    let name = path.display().to_string();
    match crate::files::read_guarded(path, guard) {
        Ok(None) => {
            problems.push(Problem::error("the file does not exist").in_file(name));
            None
        }
        Ok(Some(bytes)) => text_of(name, bytes, problems),
        Err(p) => {
            problems.push(p);
            None
        }
    }
}

/// The file `name`'s `bytes` as text, or a problem if they are not UTF-8.
fn text_of(name: String, bytes: Vec<u8>, problems: &mut Vec<Problem>) -> Option<SourceFile> {
    // simdutf8 checks a thousand stores' 50 MB in a third of the standard
    // library's instructions (1.3 % of a portfolio's status); where it
    // finds a bad byte, the standard library's check says where.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just found to be UTF-8.
        return Some(SourceFile::new(name, unsafe {
            String::from_utf8_unchecked(bytes)
        }));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(SourceFile::new(name, text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(name, text);
            let (line, col) = file.line_col(offset);
            problems.push(
                Problem::error(format!("the file is not UTF-8 text (first bad byte on line {line}, column {col})"))
                    .in_file(file.name.clone())
                    .expected("UTF-8 text")
                    .hint("save it as UTF-8 (in Excel: \"CSV UTF-8\"); GBK-encoded files are not read here"),
            );
            None
        }
    }
}
