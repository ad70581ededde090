//! Phrases about files: what a run wrote, and what it had written when it stopped.

use std::path::PathBuf;

use crate::lang::Lang;

/// The last line when a run stops on errors: how many, and the files it had
/// already written (each complete), if any.
pub fn stopped(lang: Lang, errors: usize, written: &[PathBuf]) -> String {
    if written.is_empty() {
        return match lang {
            Lang::En => format!("plantrack: {errors} error(s); nothing was assessed or written"),
            Lang::Zh => format!("plantrack：{errors}个错误；未做评估，也未写入任何文件"),
        };
    }
    let shown: Vec<String> = written.iter().map(|p| shown(p)).collect();
    let n = written.len();
    match lang {
        Lang::En => format!(
            "plantrack: {errors} error(s); before stopping it wrote {n} file(s), each complete: {}",
            shown.join(", ")
        ),
        Lang::Zh => format!(
            "plantrack：{errors}个错误；停止前已写入{n}个完整文件：{}",
            shown.join("、")
        ),
    }
}

/// One file written: `wrote charts/x.png (1234 bytes)`, `已写入 charts/x.png（1234字节）`.
pub fn wrote(lang: Lang, path: &std::path::Path, bytes: usize) -> String {
    match lang {
        Lang::En => format!("wrote {} ({bytes} bytes)", shown(path)),
        Lang::Zh => format!("已写入 {}（{bytes}字节）", shown(path)),
    }
}

/// What `validate` read, and what it found.
#[derive(Debug, Clone, Copy)]
pub struct Read {
    pub plans: usize,
    pub kpis: usize,
    pub observations: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// `validate`'s last line.
pub fn read(lang: Lang, r: Read) -> String {
    let Read {
        plans,
        kpis,
        observations,
        errors,
        warnings,
    } = r;
    match lang {
        Lang::En => format!(
            "{plans} plan(s), {kpis} KPIs, {observations} observations read: {errors} error(s), {warnings} warning(s)\n"
        ),
        Lang::Zh => format!(
            "已读取{plans}个规划、{kpis}项指标、{observations}条数据：{errors}个错误，{warnings}个警告\n"
        ),
    }
}

/// What to do after `init`: edit the skeleton, validate, feed a quarter.
pub fn next(lang: Lang, plan: &std::path::Path) -> String {
    let plan = shown(plan);
    match lang {
        Lang::En => format!(
            "next: replace every EDIT in {plan} with the plan's published goals, then run `plantrack validate`;\nfeed a quarter with `plantrack ingest FILE --plan {plan}`."
        ),
        Lang::Zh => format!(
            "下一步：把 {plan} 中每处“编辑”换成规划公布的目标，再运行 `plantrack validate`；\n用 `plantrack ingest 文件 --plan {plan}` 录入一个季度的数据。"
        ),
    }
}

/// A path as it is printed: a control or invisible character in it (an
/// escape typed into `--out`) shown as its code, never sent to the terminal.
fn shown(path: &std::path::Path) -> String {
    crate::problem::readable(&path.display().to_string(), 1000)
}
