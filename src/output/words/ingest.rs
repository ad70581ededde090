//! Phrases of `ingest`: the summary of what a feed changed, and what it
//! read of each file and skipped; English and Chinese side by side. (The
//! texts from files arrive already made safe to print.)

use crate::lang::Lang;

/// What a feed changes: `3 added, 1 revised, 0 unchanged`.
pub fn counts(lang: Lang, added: usize, revised: usize, unchanged: usize) -> String {
    match lang {
        Lang::En => format!("{added} added, {revised} revised, {unchanged} unchanged"),
        Lang::Zh => format!("新增{added}条，修订{revised}条，未变{unchanged}条"),
    }
}

/// One change `--dry-run` lists: `  + industrial_output 2025Q1 (zone):
/// 21.56` (a new figure) or `  ~ … : 21.5 -> 21.56` (a revised one); in
/// Chinese by the KPI's name, the period as a bureau writes it, the scope's
/// Chinese name, and the figure in the reader's unit (215.6亿元).
pub fn change_line(
    lang: Lang,
    plan: &crate::core::plan::Plan,
    row: Change,
    old: Option<&str>,
) -> String {
    let mark = if old.is_some() { '~' } else { '+' };
    let kpi = plan.kpi(row.kpi);
    let points = kpi.is_some_and(|k| crate::core::units::is_percent(&k.unit));
    let yoy = super::published_yoy(lang, row.yoy.parse().ok(), points);
    let yoy = match (yoy.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::En) => format!(" (yoy {yoy})"),
        (false, Lang::Zh) => format!("，同比{yoy}"),
    };
    if lang == Lang::En || kpi.is_none() {
        return match old {
            None => format!(
                "  + {} {} ({}): {}{yoy}\n",
                row.kpi, row.period, row.scope, row.value
            ),
            Some(o) => format!(
                "  ~ {} {} ({}): {o} -> {}{yoy}\n",
                row.kpi, row.period, row.scope, row.value
            ),
        };
    }
    let kpi = kpi.expect("checked above");
    let (scale, unit) = lang.money(row.unit, kpi.unit_zh.as_deref());
    let shown = |v: &str| match v.parse::<f64>() {
        Ok(x) => format!(
            "{}{unit}",
            crate::output::format::value(crate::output::format::significant(x * scale))
        ),
        Err(_) => v.to_string(),
    };
    let name = lang.name(&kpi.name, kpi.name_zh.as_deref());
    let period = lang.period(row.period, super::PeriodAs::of(kpi.kind));
    let scope = lang.scope(row.scope, &plan.scopes_zh);
    match old {
        None => format!(
            "  {mark} {name} {period}（{scope}）：{}{yoy}\n",
            shown(row.value)
        ),
        Some(o) => format!(
            "  {mark} {name} {period}（{scope}）：{} → {}{yoy}\n",
            shown(o),
            shown(row.value)
        ),
    }
}

/// A figure a feed adds or revises, as the store keeps it.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    pub kpi: &'a str,
    pub period: crate::core::period::Period,
    pub scope: &'a str,
    pub unit: &'a str,
    pub value: &'a str,
    /// The published 同比 as stored; empty for none.
    pub yoy: &'a str,
}

/// What became of the store.
pub enum Stored<'a> {
    /// `--dry-run`: the changes listed, nothing written.
    DryRun(&'a str),
    /// Nothing new to write.
    Nothing,
    /// Written, from these files.
    Written(&'a [&'a str]),
}

/// The summary: the store, what became of it, the counts, then `read`
/// (what each file gave).
pub fn summary(lang: Lang, store: &str, stored: Stored, counts: &str, read: &str) -> String {
    match (stored, lang) {
        (Stored::DryRun(changes), _) => format!(
            "{store} {}\n{changes}{counts}\n{read}",
            lang.pick("(dry run: nothing written)", "（试运行：未写入）")
        ),
        (Stored::Nothing, Lang::En) => format!("{store}: {counts}; nothing to write\n{read}"),
        (Stored::Nothing, Lang::Zh) => format!("{store}：{counts}；无需写入\n{read}"),
        (Stored::Written(files), Lang::En) => {
            format!("{store}: {counts} (from {})\n{read}", files.join(", "))
        }
        (Stored::Written(files), Lang::Zh) => {
            format!("{store}：{counts}（来自 {}）\n{read}", files.join("、"))
        }
    }
}

/// A file's first line: its name, the sheet read, and the sheets with no table.
pub fn file_line(lang: Lang, file: &str, sheet: Option<&str>, empty: Option<&str>) -> String {
    let mut out = match (sheet, lang) {
        (Some(sheet), Lang::En) => format!("  {file}: sheet {sheet}"),
        (Some(sheet), Lang::Zh) => format!("  {file}：工作表 {sheet}"),
        (None, _) => format!("  {file}"),
    };
    if let Some(sheets) = empty {
        out.push_str(&match lang {
            Lang::En => format!(" (no table in sheet {sheets})"),
            Lang::Zh => format!("（工作表 {sheets} 中没有表格）"),
        });
    }
    out.push('\n');
    out
}

/// Other sheets that hold a table, not read.
pub fn other_tables(lang: Lang, sheets: &str, first: &str) -> String {
    match lang {
        Lang::En => {
            format!("    not read: sheet {sheets} also holds a table (--sheet {first} reads it)\n")
        }
        Lang::Zh => format!("    未读取：工作表 {sheets} 也有表格（用 --sheet {first} 读取）\n"),
    }
}

/// Where the year of labels without one came from (`from` in English and Chinese).
pub fn year(lang: Lang, year: i32, from: (&str, &str)) -> String {
    match lang {
        Lang::En => format!("    year {year}, from {}\n", from.0),
        Lang::Zh => format!("    年份{year}，取自{}\n", from.1),
    }
}

/// The rows skipped, each reason (in English and Chinese) with its count.
pub fn rows_skipped(lang: Lang, reasons: &[((&str, &str), usize)]) -> String {
    let parts: Vec<String> = reasons
        .iter()
        .map(|((en, zh), n)| match lang {
            Lang::En => format!("{n} {en}"),
            Lang::Zh => format!("{zh}{n}行"),
        })
        .collect();
    match lang {
        Lang::En => format!("    rows skipped: {}\n", parts.join(", ")),
        Lang::Zh => format!("    跳过的行：{}\n", parts.join("，")),
    }
}

/// Indicators the plan does not track, skipped: the first few by name
/// (with the KPI each may mean), and how many more.
pub fn untracked(lang: Lang, names: &[(String, Option<String>)], n: usize, more: usize) -> String {
    let names: Vec<String> = names
        .iter()
        .map(|(name, near)| match (near, lang) {
            (Some(k), Lang::En) => {
                format!("{name} (did you mean {k}? add it to the KPI's aliases)")
            }
            (Some(k), Lang::Zh) => format!("{name}（是否指{k}？可将其加入该指标的 aliases）"),
            (None, _) => name.clone(),
        })
        .collect();
    match lang {
        Lang::En => {
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!(
                "    {n} indicator(s) not in the plan, skipped: {}{more}\n",
                names.join(", ")
            )
        }
        Lang::Zh => {
            let more = if more > 0 {
                format!("等，另有{more}项")
            } else {
                String::new()
            };
            format!(
                "    规划未跟踪的指标{n}项，已跳过：{}{more}\n",
                names.join("、")
            )
        }
    }
}

/// Columns not read.
pub fn columns_not_read(lang: Lang, names: &[String]) -> String {
    match lang {
        Lang::En => format!("    column(s) not read: {}\n", names.join(", ")),
        Lang::Zh => format!("    未读取的列：{}\n", names.join("、")),
    }
}

/// Cells that say "no figure", skipped.
pub fn placeholders(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("    {n} cell(s) saying \"no figure\" (—, /, …) skipped\n"),
        Lang::Zh => format!("    表示“无数据”的单元格（—、/、…）{n}个，已跳过\n"),
    }
}
