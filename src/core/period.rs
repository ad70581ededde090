//! Calendar quarters: the time axis of every plan, observation and assessment.
//!
//! Statistics offices publish by quarter (or by cumulative months that end on a
//! quarter), so a quarter is the smallest period plantrack knows. Half-years,
//! years and the Chinese `1-6月` style all name the quarter they end on.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar quarter, e.g. 2018Q2 (April to June 2018).
///
/// Ordered by time. Internally one number, `year * 4 + (quarter - 1)`, so
/// comparisons and differences are plain integer arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period(i32);

/// The forms `Period::from_str` accepts, quoted in every parse error.
pub const ACCEPTED_FORMS: &str = "2018Q2, 2018-Q2, 2018 Q2, 2018H1 (= Q2), 2018H2 (= Q4), \
2018 (= Q4), a quarter-end date such as 2018-06-30, 2018年1-3月, 2018年1-6月, 2018年上半年, \
2018年1-9月, 2018年1-12月, 2018年, 2018年全年";

/// Years plantrack accepts: wide enough for any plan, narrow enough that a
/// typo such as `20188Q1` is caught rather than silently accepted.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Why a text is not a period; `Display` quotes the text and lists the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a period{detail}; accepted forms: {ACCEPTED_FORMS}")]
pub struct PeriodError {
    /// The text as given.
    pub text: String,
    /// An extra word on what exactly is wrong, empty when nothing more is known.
    pub detail: String,
}

impl Period {
    /// The quarter `quarter` (1 to 4) of `year`; `None` outside those ranges.
    pub fn new(year: i32, quarter: u8) -> Option<Period> {
        if !(1..=4).contains(&quarter) || !YEARS.contains(&year) {
            return None;
        }
        Some(Period(year * 4 + i32::from(quarter) - 1))
    }

    /// The period written as the store writes it, `2018Q2` and nothing
    /// else, read from its six bytes; `None` for any other text (which
    /// `from_str` reads, or refuses with its reason).
    pub fn plain(text: &[u8]) -> Option<Period> {
        let &[a, b, c, d, b'Q', q] = text else {
            return None;
        };
        let digit = |x: u8| x.is_ascii_digit().then(|| i32::from(x - b'0'));
        let year = ((digit(a)? * 10 + digit(b)?) * 10 + digit(c)?) * 10 + digit(d)?;
        Period::new(year, q.checked_sub(b'0')?)
    }

    /// `2018Q2` as six bytes, for a four-digit year (every year a plan
    /// allows); `None` for any other. Written without the formatting
    /// machinery: a portfolio's JSON holds a quarter of a million periods.
    pub fn six(self) -> Option<[u8; 6]> {
        let year = u16::try_from(self.year())
            .ok()
            .filter(|y| (1000..=9999).contains(y))?;
        let digit = |n: u16| b'0' + (n % 10) as u8;
        Some([
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'Q',
            b'0' + self.quarter(),
        ])
    }

    /// Appends the period as `Display` writes it: a four-digit year's six
    /// bytes without the formatting machinery (a store's million rows).
    pub fn push_to(self, out: &mut String) {
        match self.six() {
            Some(six) => out.extend(six.map(char::from)),
            None => {
                use std::fmt::Write as _;
                // Writing to a String cannot fail.
                let _ = write!(out, "{self}");
            }
        }
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(4)
    }

    /// The quarter within the year, 1 to 4.
    pub fn quarter(self) -> u8 {
        // rem_euclid(4) is 0..=3, so the cast cannot truncate.
        (self.0.rem_euclid(4) + 1) as u8
    }

    /// The quarter `n` quarters later (earlier when `n` is negative).
    pub fn add_quarters(self, n: i32) -> Period {
        Period(self.0 + n)
    }

    /// The next quarter.
    /// The quarter's last day: (year, month, day).
    pub fn last_day(self) -> (i32, u32, u32) {
        let (month, day) = match self.quarter() {
            1 => (3, 31),
            2 => (6, 30),
            3 => (9, 30),
            _ => (12, 31),
        };
        (self.year(), month, day)
    }

    pub fn next(self) -> Period {
        self.add_quarters(1)
    }

    /// Whole quarters from `self` to `later` (negative when `later` is earlier).
    pub fn quarters_until(self, later: Period) -> i32 {
        later.0 - self.0
    }

    /// Years from `self` to `later`, a quarter counting as 0.25 year.
    pub fn years_until(self, later: Period) -> f64 {
        f64::from(self.quarters_until(later)) / 4.0
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.six() {
            // Six ASCII bytes are UTF-8.
            Some(six) => f.write_str(std::str::from_utf8(&six).unwrap_or_default()),
            None => write!(f, "{}Q{}", self.year(), self.quarter()),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<Period, PeriodError> {
        if let Some(p) = Period::plain(text.as_bytes()) {
            return Ok(p);
        }
        let fail = |detail: &str| PeriodError {
            text: text.to_string(),
            detail: detail.to_string(),
        };
        let s = text.trim();
        let (year, rest) = split_year(s).ok_or_else(|| fail(""))?;
        let rest = rest.trim_start_matches([' ', '-']);
        let quarter = if rest.is_empty() || rest == "年" || rest == "年全年" {
            4
        } else if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            match q {
                "1" => 1,
                "2" => 2,
                "3" => 3,
                "4" => 4,
                _ => return Err(fail(" (the quarter must be 1 to 4)")),
            }
        } else if let Some(h) = rest.strip_prefix(['H', 'h']) {
            match h {
                "1" => 2,
                "2" => 4,
                _ => return Err(fail(" (the half-year must be 1 or 2)")),
            }
        } else if let Some(zh) = rest.strip_prefix('年') {
            chinese_months(zh).ok_or_else(|| fail(""))?
        } else {
            quarter_end_date(year, rest).map_err(fail)?
        };
        Period::new(year, quarter).ok_or_else(|| fail(" (the year must be 1900 to 2200)"))
    }
}

/// Splits a leading four-digit year from the rest of the text.
fn split_year(s: &str) -> Option<(i32, &str)> {
    let digits = s.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = &s[4..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, rest))
}

/// `1-3月`, `1-6月`, `上半年`, `1-9月`, `1-12月`: cumulative months ending on a quarter.
fn chinese_months(s: &str) -> Option<u8> {
    if s == "上半年" {
        return Some(2);
    }
    let months = s.strip_prefix('1')?.strip_suffix('月')?;
    let months = months.strip_prefix(['-', '－', '—', '–', '~', '～', '至'])?;
    match months {
        "3" => Some(1),
        "6" => Some(2),
        "9" => Some(3),
        "12" => Some(4),
        _ => None,
    }
}

/// `06-30` after the year: a quarter's last day. Other dates are refused
/// because a figure "as of 15 May" is not a quarterly figure.
fn quarter_end_date(year: i32, rest: &str) -> Result<u8, &'static str> {
    let (m, d) = rest.split_once('-').ok_or("")?;
    if m.len() != 2 || d.len() != 2 {
        return Err("");
    }
    let month: u32 = m.parse().map_err(|_| "")?;
    let day: u32 = d.parse().map_err(|_| "")?;
    chrono::NaiveDate::from_ymd_opt(year, month, day).ok_or(" (no such date)")?;
    let quarter_end = match month {
        3 => 31,
        6 => 30,
        9 => 30,
        12 => 31,
        _ => 0,
    };
    if day != quarter_end {
        return Err(" (a date must be a quarter's last day: 03-31, 06-30, 09-30 or 12-31)");
    }
    Ok((month / 3) as u8)
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.six() {
            Some(six) => s.serialize_str(std::str::from_utf8(&six).unwrap_or_default()),
            None => s.collect_str(self),
        }
    }
}

/// In a plan file a period is a string in any form `FromStr` accepts.
impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A quarter (2022Q1, 2022-Q1, 2022 Q1), a half (2022H1), a year (2022, meaning its Q4), or a Chinese cumulative month range (2022年1-6月, 2022年1-3季度).",
            "examples": ["2022Q4", "2018H1", "2022"],
            "minLength": 4
        })
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::Period;

    #[test]
    fn a_period_prints_and_serialises_as_year_q_quarter_for_any_year() {
        // Negative, short, four-digit and five-digit years: the six-byte
        // way and the general one must agree wherever each is taken.
        for n in -100..50_000 {
            let p = Period(n);
            let general = format!("{}Q{}", p.year(), p.quarter());
            assert_eq!(p.to_string(), general);
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{general}\""));
            let mut pushed = String::from("x");
            p.push_to(&mut pushed);
            assert_eq!(pushed, format!("x{general}"));
        }
    }
}
