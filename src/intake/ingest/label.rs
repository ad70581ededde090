//! A bureau's period label read as a quarter: `2023年1-6月份`, `2023年二季度`,
//! `2023.06`, `2023/6/30`, or `1-6月` with the year from the sheet's title,
//! the file's name or `--year`.

use crate::core::observation::Basis;
use crate::core::period::Period;

use super::cell::halfwidth;

/// Where a label's year came from, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum YearFrom {
    Cell,
    Title,
    FileName,
    Flag,
}

impl YearFrom {
    /// The same in Chinese.
    pub fn said_zh(self) -> &'static str {
        match self {
            YearFrom::Cell => "期间单元格",
            YearFrom::Title => "表格标题",
            YearFrom::FileName => "文件名",
            YearFrom::Flag => "--year",
        }
    }

    pub fn said(self) -> &'static str {
        match self {
            YearFrom::Cell => "the period cells",
            YearFrom::Title => "the sheet's title",
            YearFrom::FileName => "the file's name",
            YearFrom::Flag => "--year",
        }
    }
}

/// A label read: its quarter, the basis its words imply for a flow (`1-6月`
/// is year-to-date, `二季度` the quarter alone), and where its year came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub period: Period,
    pub basis: Option<Basis>,
    pub year_from: YearFrom,
}

/// Why a label is not a quarter; `suggestion` a label that would be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelError {
    pub detail: String,
    pub suggestion: Option<String>,
}

/// The forms `read` takes, for hints.
pub const FORMS: &str = "2023Q2, 2023-06-30, 2023年1-6月(份), 2023年上半年, 2023年二季度 (第二季度, 2季度), 2023年6月, 2023.06, 2023-06, 2023/6/30, or 1-6月 with the year in the title";

/// Reads `text` as a quarter; `year` is the year the sheet or the command
/// line gives, for a label without one.
pub fn read(text: &str, year: Option<(i32, YearFrom)>) -> Result<Label, LabelError> {
    // The store's own form (2023Q2), a million times in a long file: its
    // six bytes read, else the same forms by the general parser, no copy.
    if let Some(period) = Period::plain(text.as_bytes()) {
        return Ok(Label {
            period,
            basis: None,
            year_from: YearFrom::Cell,
        });
    }
    if let Ok(period) = halfwidth(text).trim().parse::<Period>() {
        let basis = text.contains('月').then_some(Basis::Ytd);
        return Ok(Label {
            period,
            basis,
            year_from: YearFrom::Cell,
        });
    }
    let t: String = halfwidth(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // The store's own forms first: 2023Q2, 2023H1, 2023-06-30, 2023年1-6月;
    // when the bureau's do not read either, the store's words say why.
    let core = match t.parse::<Period>() {
        Ok(period) => {
            let basis = t.contains('月').then_some(Basis::Ytd);
            return Ok(Label {
                period,
                basis,
                year_from: YearFrom::Cell,
            });
        }
        Err(e) => e.detail,
    };
    let fail = |detail: &str| LabelError {
        detail: if detail.is_empty() {
            core.clone()
        } else {
            detail.to_string()
        },
        suggestion: None,
    };
    let (y, rest, year_from) = match leading_year(&t) {
        Some((y, rest)) => (y, rest, YearFrom::Cell),
        None => match year {
            Some((y, from)) => (y, t.as_str(), from),
            None if words(&t).is_some() => {
                return Err(fail(
                    " (no year: none in the cell, the sheet's title or the file's name; --year gives one)",
                ));
            }
            None => return Err(fail("")),
        },
    };
    // Words alone (累计, 末) name no period; a year alone names its Q4.
    let bare = rest
        .trim_end_matches(['份', '末', '止', '底'])
        .trim_end_matches("累计")
        .is_empty();
    if bare && year_from != YearFrom::Cell {
        return Err(fail(""));
    }
    let (quarter, basis) = words(rest).ok_or_else(|| {
        let mut e = fail("");
        if let Some(m) = month_of(rest) {
            e.detail = format!(" ({m}月 does not end a quarter; plantrack tracks quarters)");
            let q = m.div_ceil(3) * 3;
            let ytd = rest.contains('-') || rest.contains('至');
            e.suggestion = Some(if ytd {
                format!("{y}年1-{q}月")
            } else {
                format!("{y}年{q}月")
            });
        }
        e
    })?;
    let period = Period::new(y, quarter).ok_or_else(|| fail(" (the year must be 1900 to 2200)"))?;
    Ok(Label {
        period,
        basis,
        year_from,
    })
}

/// `2023` at the start, with what follows it (a `年`, `.`, `-` or `/` dropped).
fn leading_year(t: &str) -> Option<(i32, &str)> {
    let digits = t.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = &t[4..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest
        .strip_prefix('年')
        .or_else(|| rest.strip_prefix(['.', '-', '/']))
        .unwrap_or(rest);
    Some((digits.parse().ok()?, rest))
}

/// The quarter the words after a year name, and the basis they imply.
fn words(rest: &str) -> Option<(u8, Option<Basis>)> {
    let r = rest
        .trim_end_matches('份')
        .trim_end_matches('末')
        .trim_end_matches(['止', '底']);
    let r = r.strip_suffix("累计").unwrap_or(r);
    match r {
        "" | "全年" | "年" | "年度" => return Some((4, None)),
        "上半年" => return Some((2, Some(Basis::Ytd))),
        "前三季度" | "1-3季度" | "一至三季度" => return Some((3, Some(Basis::Ytd))),
        _ => {}
    }
    // 二季度, 第二季度, 2季度, 第2季度
    if let Some(q) = r.strip_suffix("季度") {
        let q = q.strip_prefix('第').unwrap_or(q);
        let n = match q {
            "一" | "1" => 1,
            "二" | "2" => 2,
            "三" | "3" => 3,
            "四" | "4" => 4,
            _ => return None,
        };
        return Some((n, Some(Basis::Quarter)));
    }
    // 1-6月, 1至6月
    if let Some(m) = r.strip_suffix('月')
        && let Some((a, b)) = m.split_once(['-', '至', '~', '～', '—'])
    {
        let (1, Some(q)) = (a.parse::<u8>().ok()?, quarter_end(b.parse().ok()?)) else {
            return None;
        };
        return Some((q, Some(Basis::Ytd)));
    }
    // 6月, 06, 6/30, 06-30, 6.30, 06-01 (a month's first day: Excel's date
    // for a cell shown as 2023年6月)
    let (m, d) = match r.strip_suffix('月') {
        Some(m) => (m, None),
        None => match r.split_once(['-', '/', '.']) {
            Some((m, d)) => (m, Some(d)),
            None => (r, None),
        },
    };
    let month: u32 = m.parse().ok()?;
    let q = quarter_end(month)?;
    match d.map(str::parse::<u32>) {
        None => Some((q, None)),
        Some(Ok(1)) => Some((q, None)),
        Some(Ok(day)) if Some(day) == month_last_day(month) => Some((q, None)),
        Some(_) => None,
    }
}

/// The month a label that names one ends in, for "did you mean".
fn month_of(rest: &str) -> Option<u32> {
    let r = rest.trim_end_matches('份').trim_end_matches('末');
    let m = r.strip_suffix('月').unwrap_or(r);
    let m = m.rsplit(['-', '至', '~']).next()?;
    let m = m.split(['/', '.', '-']).next()?;
    m.parse().ok().filter(|m| (1..=12).contains(m))
}

fn quarter_end(month: u32) -> Option<u8> {
    match month {
        3 => Some(1),
        6 => Some(2),
        9 => Some(3),
        12 => Some(4),
        _ => None,
    }
}

fn month_last_day(month: u32) -> Option<u32> {
    match month {
        3 | 12 => Some(31),
        6 | 9 => Some(30),
        _ => None,
    }
}

/// The year and the label a title states: `2023年1-6月主要经济指标` gives
/// 2023 and, when a label follows the year, its quarter.
pub fn in_title(text: &str) -> Option<(i32, Option<Label>)> {
    let t: String = halfwidth(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        if !(c == '1' || c == '2') || (n > 0 && chars[n - 1].1.is_ascii_digit()) {
            continue;
        }
        let Some(digits) = t.get(i..i + 4) else {
            continue;
        };
        let Ok(y) = digits.parse::<i32>() else {
            continue;
        };
        if !(1900..=2200).contains(&y) || t[i + 4..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        // The longest label from the year on, at most ten characters.
        let tail: Vec<(usize, char)> = t[i..].char_indices().take(11).collect();
        // (A bare `2023年` names the year, not a period.)
        let label = (6..=tail.len()).rev().find_map(|k| {
            let end = tail.get(k).map_or(t.len() - i, |&(j, _)| j);
            let text = &t[i..i + end];
            read(text, None)
                .ok()
                .filter(|_| t[i + 4..].starts_with('年'))
        });
        return Some((y, label));
    }
    None
}

/// The year a file's name holds (`2023年二季度.xlsx`, `stats_2023Q2.csv`).
pub fn in_file_name(name: &str) -> Option<i32> {
    let stem = std::path::Path::new(name).file_stem()?.to_string_lossy();
    in_title(&stem).map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Result<(String, Option<Basis>), LabelError> {
        read(text, Some((2023, YearFrom::Title))).map(|l| (l.period.to_string(), l.basis))
    }

    #[test]
    fn every_bureau_form_is_its_quarter() {
        let ytd = Some(Basis::Ytd);
        let quarter = Some(Basis::Quarter);
        for (text, period, basis) in [
            ("2023年1-6月份", "2023Q2", ytd),
            ("2023年1-6月", "2023Q2", ytd),
            ("2023年 1—6月", "2023Q2", ytd),
            ("2023年二季度", "2023Q2", quarter),
            ("2023年第二季度", "2023Q2", quarter),
            ("2023年2季度", "2023Q2", quarter),
            ("2023年一季度末", "2023Q1", quarter),
            ("2023.06", "2023Q2", None),
            ("2023-06", "2023Q2", None),
            ("2023年6月", "2023Q2", None),
            ("2023年6月末", "2023Q2", None),
            ("2023/6/30", "2023Q2", None),
            ("2023-06-01", "2023Q2", None),
            ("1-6月", "2023Q2", ytd),
            ("1-9月份", "2023Q3", ytd),
            ("上半年", "2023Q2", ytd),
            ("前三季度", "2023Q3", ytd),
            ("2022年", "2022Q4", None),
            ("2023Q2", "2023Q2", None),
            ("２０２３年１－６月", "2023Q2", ytd),
        ] {
            assert_eq!(q(text), Ok((period.to_string(), basis)), "{text}");
        }
    }

    #[test]
    fn a_month_inside_a_quarter_is_refused_with_the_quarter_it_ends_in() {
        let e = q("2023年1-5月").unwrap_err();
        assert!(e.detail.contains("5月 does not end a quarter"), "{e:?}");
        assert_eq!(e.suggestion.as_deref(), Some("2023年1-6月"));
        assert_eq!(
            q("2023年5月").unwrap_err().suggestion.as_deref(),
            Some("2023年6月")
        );
        assert!(q("2023/6/15").is_err());
        assert!(q("合计").is_err());
        assert!(q("2023年第五季度").is_err());
        // Words with a year from elsewhere are not a period.
        assert!(q("累计").is_err());
        assert!(q("末").is_err());
        assert!(q("").is_err());
        assert_eq!(q("2023年累计"), Ok(("2023Q4".to_string(), None)));
    }

    #[test]
    fn a_label_without_a_year_needs_one_from_the_sheet() {
        let e = read("1-6月", None).unwrap_err();
        assert!(e.detail.contains("no year"), "{e:?}");
        let l = read("1-6月", Some((2021, YearFrom::FileName))).unwrap();
        assert_eq!(
            (l.period.to_string(), l.year_from),
            ("2021Q2".into(), YearFrom::FileName)
        );
    }

    #[test]
    fn a_title_gives_its_year_and_label() {
        let (y, l) = in_title("2023年1-6月主要经济指标").unwrap();
        assert_eq!(y, 2023);
        assert_eq!(l.unwrap().period.to_string(), "2023Q2");
        assert_eq!(
            in_title("璧山高新区2022年主要指标").map(|t| t.0),
            Some(2022)
        );
        assert_eq!(in_title("单位：亿元"), None);
        assert_eq!(in_file_name("data/2023年二季度统计.xlsx"), Some(2023));
        assert_eq!(in_file_name("stats_12345.csv"), None);
    }
}
