//! Reading one value cell as people type it: full-width digits, thousands
//! separators, a trailing unit or percent sign, into an exact decimal.

use std::str::FromStr;

use rust_decimal::Decimal;

/// A cell's number and the unit written in the cell itself, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct CellValue {
    pub number: Decimal,
    /// Unit text after the number (`亿元`, `%`), empty when none.
    pub unit: String,
}

/// `text.trim()`, answered from its two end bytes when both are ASCII and
/// neither a space nor a control (nearly every cell of a machine-made
/// file): then no character need be decoded. A long CSV's row has its
/// cells trimmed some ten times; `str::trim` there was 2 % of an ingest.
#[inline]
pub fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Full-width digits, letters and punctuation (１２３．４，％, ｋｐｉ) to
/// their ASCII forms, as a Chinese input method types them; the ideographic
/// space to a space, dashes to `-`; the other characters unchanged.
pub fn halfwidth(text: &str) -> std::borrow::Cow<'_, str> {
    // ASCII text (nearly every cell of a machine-made file) has nothing to change.
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '！'..='～' => char::from_u32(c as u32 - '！' as u32 + '!' as u32).unwrap_or(c),
            '−' | '–' => '-',
            '　' => ' ',
            c => c,
        })
        .collect()
}

/// Whether a cell says "no figure" the way bureaus write it: `—`, `-`, `/`,
/// `…`, `x`, `空`, `n/a`. Such a cell is skipped (and counted), never a number.
pub fn is_placeholder(text: &str) -> bool {
    // None has an ASCII digit, which full-width forms never become: a
    // figure is told apart without a look at the rest.
    if text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let t = halfwidth(text);
    let t = t.trim();
    matches!(
        t,
        "—" | "——"
            | "–"
            | "-"
            | "--"
            | "/"
            | "／"
            | "…"
            | "……"
            | "..."
            | "x"
            | "X"
            | "×"
            | "空"
    ) || t.eq_ignore_ascii_case("n/a")
        || t.eq_ignore_ascii_case("na")
}

/// A milestone cell in words: 是/已完成/✓ is 1, 否/未完成/✗ is 0.
pub fn milestone_word(text: &str) -> Option<&'static str> {
    match text.trim() {
        "是" | "已完成" | "完成" | "✓" | "✔" | "√" | "yes" | "Yes" | "YES" => Some("1"),
        "否" | "未完成" | "✗" | "✘" | "no" | "No" | "NO" => Some("0"),
        _ => None,
    }
}

/// Why a cell is not a value, with a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub message: String,
    pub hint: String,
}

fn err(message: String, hint: &str) -> CellError {
    CellError {
        message,
        hint: hint.to_string(),
    }
}

/// Parses a value cell: `323.4`, `1,234.5`, `１２３．４`, `323.4亿元`, `4.4%`,
/// `-5`. Thousands separators must group by three, so a decimal comma
/// (`1,5`) is refused rather than misread.
pub fn parse(text: &str) -> Result<CellValue, CellError> {
    let t = halfwidth(text);
    let t = trim(&t);
    if t.is_empty() {
        return Err(err(
            "the value is empty".to_string(),
            "leave the cell out rather than write 0",
        ));
    }
    // A plain decimal (the common case) needs none of the checks below.
    if t.bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && let Ok(number) = Decimal::from_str(t)
    {
        exact(text, t, number)?;
        return Ok(CellValue {
            number: number.normalize(),
            unit: String::new(),
        });
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("nan") || lower.contains("inf") || t == "-" || t == "—" || t == "/" {
        return Err(err(
            format!("`{text}` is not a number"),
            "an unknown or unpublished figure is left out, never stored as a number",
        ));
    }
    // Scientific notation, as the store and Excel write a very large or
    // small number (`1e5`, `2.5E-3`): one number grammar for every reader.
    match scientific(t) {
        Some(Some(number)) => {
            exact(text, t.split(['e', 'E']).next().unwrap_or(t), number)?;
            return Ok(CellValue {
                number,
                unit: String::new(),
            });
        }
        Some(None) => {
            return Err(err(
                format!("`{text}` is outside the range a figure may take"),
                "check the unit and the decimal point: a figure this size is a slip",
            ));
        }
        None => {}
    }
    let end = t
        .char_indices()
        .find(|(_, c)| {
            !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | ' ' | '\u{2009}'))
        })
        .map_or(t.len(), |(i, _)| i);
    let (number, unit) = (t[..end].trim(), t[end..].trim());
    let digits: String = number
        .chars()
        .filter(|c| *c != ' ' && *c != '\u{2009}')
        .collect();
    check_grouping(number).map_err(|m| err(format!("`{text}`: {m}"), "write 1234.5 or 1,234.5"))?;
    // `2x5` is a typo, not 2 in the unit `x5`: a unit with digits must be a known one (km2).
    if unit.chars().any(|c| c.is_ascii_digit()) && super::units::dimension(unit).is_none() {
        return Err(err(
            format!("`{text}` is not a number"),
            "a value is digits with an optional decimal point, sign and unit (323.4亿元)",
        ));
    }
    let plain: String = digits.chars().filter(|c| *c != ',').collect();
    let number = Decimal::from_str(&plain).map_err(|_| {
        err(
            format!("`{text}` is not a number"),
            "a value is digits with an optional decimal point, sign and unit (323.4亿元)",
        )
    })?;
    exact(text, &plain, number)?;
    Ok(CellValue {
        number: number.normalize(),
        unit: unit.to_string(),
    })
}

/// `1e5`, `-2.5E-3`: digits, an optional point, `e` and a whole exponent,
/// as an exact decimal (`Some(None)` when no decimal holds it); `None` for
/// any other text.
fn scientific(t: &str) -> Option<Option<Decimal>> {
    let (mantissa, exponent) = t.split_once(['e', 'E'])?;
    let digits = mantissa.trim_start_matches(['-', '+']);
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let whole = exponent.trim_start_matches(['-', '+']);
    if !plain(digits) || whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(Decimal::from_scientific(t).ok().map(|d| d.normalize()))
}

/// The most significant digits a figure may have: a decimal holds 28 or 29
/// exactly, and a figure is never rounded to fit.
pub const DIGITS: usize = 28;

/// Refuses a figure its decimal would not hold exactly: more than 28
/// significant digits (they would be rounded), or a non-zero figure that
/// reads as 0 (`0.000…0001` past 28 places, or Excel's 1e-320 printed out).
/// `digits` is the figure's mantissa as written.
fn exact(text: &str, digits: &str, number: Decimal) -> Result<(), CellError> {
    let d = digits.as_bytes();
    let first = d.iter().position(|b| (b'1'..=b'9').contains(b));
    let last = d.iter().rposition(|b| (b'1'..=b'9').contains(b));
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(());
    };
    if number.is_zero() {
        return Err(err(
            format!(
                "`{}` is outside the range a figure may take",
                crate::problem::readable(text, 40)
            ),
            "a figure is 0, or at least 1e-9 in magnitude; this one is a slip or a float's leftover",
        ));
    }
    let significant = d[first..=last]
        .iter()
        .filter(|b| b.is_ascii_digit())
        .count();
    if significant > DIGITS {
        return Err(err(
            format!(
                "`{}` has {significant} significant digits, more than the {DIGITS} kept exactly",
                crate::problem::readable(text, 40)
            ),
            "write the figure as it is published (no bureau publishes 29 digits); it is never rounded to fit",
        ));
    }
    Ok(())
}

/// Separators, if any, must sit between groups of three digits before the
/// decimal point: commas (`1,234.5`) or spaces (`10 000`), one kind. `1 0`
/// is a slip, never 10.
fn check_grouping(number: &str) -> Result<(), String> {
    let spaced = number.contains([' ', '\u{2009}']);
    if !number.contains(',') && !spaced {
        return Ok(());
    }
    if spaced && number.contains(',') {
        return Err("both commas and spaces between its digits".to_string());
    }
    let digits: String = number
        .chars()
        .map(|c| if c == ' ' || c == '\u{2009}' { ',' } else { c })
        .collect();
    let digits = digits.as_str();
    let int = digits.split('.').next().unwrap_or("");
    let int = int.trim_start_matches(['-', '+']);
    let groups: Vec<&str> = int.split(',').collect();
    let ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups[1..].iter().all(|g| g.len() == 3)
        && !digits.split('.').nth(1).is_some_and(|f| f.contains(','));
    if spaced && !ok {
        return Err("spaces inside the number that do not group thousands".to_string());
    }
    if ok {
        Ok(())
    } else {
        Err("commas that do not group thousands (a decimal comma?)".to_string())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The quick trim is `str::trim`: cells of ASCII, spaces and
        /// controls at either end, the ideographic space, NEL and
        /// non-breaking spaces, and Chinese text.
        #[test]
        fn trim_is_str_trim(text in "[ \t\r\n\x0b\x0c\x1f\u{85}\u{a0}\u{3000}a-z0-9.,亿元—-]{0,8}") {
            prop_assert_eq!(trim(&text), text.trim());
        }
    }

    fn ok(text: &str) -> (String, String) {
        let v = parse(text).unwrap();
        (v.number.to_string(), v.unit)
    }

    #[test]
    fn the_forms_people_type() {
        assert_eq!(ok("323.4"), ("323.4".into(), "".into()));
        assert_eq!(ok("1,234.50"), ("1234.5".into(), "".into()));
        assert_eq!(ok("１２３．４"), ("123.4".into(), "".into()));
        assert_eq!(ok("１，２３４．５"), ("1234.5".into(), "".into()));
        assert_eq!(ok("323.4亿元"), ("323.4".into(), "亿元".into()));
        assert_eq!(ok("323.4 亿元"), ("323.4".into(), "亿元".into()));
        assert_eq!(ok("4.4%"), ("4.4".into(), "%".into()));
        assert_eq!(ok("4.4％"), ("4.4".into(), "%".into()));
        assert_eq!(ok("-5"), ("-5".into(), "".into()));
        assert_eq!(ok(" 21平方公里 "), ("21".into(), "平方公里".into()));
        assert_eq!(ok("10 000"), ("10000".into(), "".into()));
        assert_eq!(ok("1e5"), ("100000".into(), "".into()));
        assert_eq!(ok("-2.5E-3"), ("-0.0025".into(), "".into()));
    }

    #[test]
    fn what_is_refused() {
        for bad in [
            "", "abc", "1,5", "12,34", "1.2.3", "NaN", "inf", "-", "—", "1,234,5", "2x5", "3e5x",
            "1 0", "12 34", "1 234,5", "1, 234",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_figure_is_never_rounded_or_read_as_zero() {
        // Each of these was stored changed: as 0, or rounded to 28 digits.
        let tiny = "0.00000000000000000000000000001";
        assert!(
            parse(tiny)
                .unwrap_err()
                .message
                .contains("outside the range")
        );
        // Excel's 1e-320 as the grid prints a float: 319 zeros, then a 1.
        let excel = format!("0.{}1", "0".repeat(319));
        assert!(
            parse(&excel)
                .unwrap_err()
                .message
                .contains("outside the range")
        );
        let long = "1.2345678901234567890123456789";
        let e = parse(long).unwrap_err();
        assert!(e.message.contains("29 significant digits"), "{}", e.message);
        assert!(
            parse("1.2345678901234567890123456789e3")
                .unwrap_err()
                .message
                .contains("29")
        );
        assert_eq!(
            ok("1.234567890123456789012345678e3").0,
            "1234.567890123456789012345678"
        );
        // 28 digits are kept exactly, and trailing zeros are no digits lost.
        assert_eq!(
            ok("1.234567890123456789012345678").0,
            "1.234567890123456789012345678"
        );
        assert_eq!(ok("1.50000000000000000000000000000000").0, "1.5");
        assert_eq!(ok("0"), ("0".into(), "".into()));
        assert_eq!(ok("0.000"), ("0".into(), "".into()));
        assert_eq!(ok("1 234 567"), ("1234567".into(), "".into()));
    }
}
