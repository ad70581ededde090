//! Phrases of `history`: a logged change in the reader's language.

use crate::core::revision::{ChangeKind, Changed};
use crate::lang::Lang;

/// A logged change: as the log writes it in English (`revised yoy`); in
/// Chinese 新增, 修订, 删除, with 同比 for a revised 同比 and （确认跳变）
/// for a confirmed jump.
pub fn change(lang: Lang, kind: ChangeKind) -> String {
    if lang == Lang::En {
        return kind.to_string();
    }
    let mut out = match kind.what {
        Changed::Added => "新增",
        Changed::Revised => "修订",
        Changed::Removed => "删除",
    }
    .to_string();
    if kind.yoy {
        out.push_str("同比");
    }
    if kind.jump_confirmed {
        out.push_str("（确认跳变）");
    }
    out
}

/// A logged UTC time (`2026-12-02T06:44:22Z`) in the reader's local time,
/// to the minute (`2026-12-02 14:44`); as logged where it does not parse.
pub fn logged_at(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc).map_or_else(
        |_| utc.to_string(),
        |t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

/// The headings of the table of figures.
pub fn figure_headings(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::En => [
            "Plan", "Period", "Value", "YoY", "Basis", "Scope", "Source", "Note",
        ],
        Lang::Zh => [
            "规划",
            "期间",
            "数值",
            "同比",
            "口径类型",
            "统计口径",
            "来源",
            "备注",
        ],
    }
}

/// The headings of the table of logged changes.
pub fn change_headings(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::En => [
            "Plan",
            "Logged (local time)",
            "Period",
            "Scope",
            "Change",
            "Old",
            "New",
            "From file",
        ],
        Lang::Zh => [
            "规划",
            "记录时间",
            "期间",
            "统计口径",
            "变动",
            "原值",
            "新值",
            "来源文件",
        ],
    }
}

/// A stored figure with its unit, as stored in English (`22.4 billion
/// yuan`); money as a Chinese reader counts it (22.4 billion yuan is 224亿元).
pub fn figure(lang: Lang, value: f64, unit: &str, unit_zh: Option<&str>) -> String {
    match (unit, lang) {
        ("", _) => value.to_string(),
        (u, Lang::Zh) => {
            let (scale, unit) = lang.money(u, unit_zh);
            format!("{}{unit}", crate::output::format::value(value * scale))
        }
        (u, Lang::En) => format!("{value} {u}"),
    }
}

/// A scope as the reader knows it: in Chinese its Chinese name, where the
/// plan gives one.
pub fn scope<'a>(lang: Lang, scope: &'a str, zh: Option<&'a str>) -> &'a str {
    match (zh, lang) {
        (Some(name), Lang::Zh) => name,
        _ => scope,
    }
}

/// The line over the table of figures (and the table).
pub fn figures_line(lang: Lang, kpi: &str, n: usize, table: &str) -> String {
    match (n, lang) {
        (0, Lang::En) => format!("{kpi}: no observation in the store\n"),
        (0, Lang::Zh) => format!("{kpi}：库中尚无数据\n"),
        (_, Lang::En) => format!("{kpi}: {n} observation(s)\n{table}\n"),
        (_, Lang::Zh) => format!("{kpi}：{n}条数据\n{table}\n"),
    }
}

/// The line over the table of changes (and the table), or that there is none.
pub fn changes_line(lang: Lang, kpi: &str, n: usize, table: &str) -> String {
    match (n, lang) {
        (0, _) => lang
            .pick(
                "no logged change (figures not fed by `plantrack ingest` have no log)\n",
                "没有修订记录（未经 `plantrack ingest` 录入的数据没有记录）\n",
            )
            .to_string(),
        (_, Lang::En) => format!("{kpi}: {n} logged change(s)\n{table}\n"),
        (_, Lang::Zh) => format!("{kpi}：{n}条修订记录\n{table}\n"),
    }
}
