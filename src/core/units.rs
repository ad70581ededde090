//! Units a statistics office writes, and exact conversion between them.
//!
//! Every conversion here is by a power of ten (亿元 to billion yuan is 0.1),
//! so it is exact in decimal arithmetic: 323.4亿元 becomes 32.34 billion
//! yuan, never 32.339999999.

use Dimension::{Area, Count, Mass, Money, Percent};
use rust_decimal::Decimal;

/// What a unit measures; only units of one dimension convert into each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Money,
    Area,
    Percent,
    Count,
    Mass,
}

/// A known unit: its dimension and its size as a power of ten of the
/// dimension's base (yuan, km², percent, one item).
struct Unit {
    names: &'static [&'static str],
    dimension: Dimension,
    power: i32,
}

const UNITS: &[Unit] = &[
    unit(&["元", "yuan", "rmb"], Money, 0),
    unit(&["千元", "thousand yuan"], Money, 3),
    unit(&["万元", "10k yuan", "ten thousand yuan"], Money, 4),
    unit(&["百万元", "million yuan", "mn yuan"], Money, 6),
    unit(
        &["亿元", "100 million yuan", "hundred million yuan"],
        Money,
        8,
    ),
    unit(&["十亿元", "billion yuan", "bn yuan"], Money, 9),
    unit(&["万亿元", "trillion yuan"], Money, 12),
    unit(&["km²", "km2", "平方公里", "平方千米", "sq km"], Area, 0),
    unit(&["公顷", "hectare", "hectares", "ha"], Area, -2),
    unit(&["%", "％", "percent", "百分比"], Percent, 0),
    unit(&["吨", "tonne", "tonnes", "t"], Mass, 0),
    unit(&["万吨", "10k tonnes"], Mass, 4),
    unit(&["亿吨", "100 million tonnes"], Mass, 8),
    unit(
        &[
            "个",
            "家",
            "项",
            "户",
            "件",
            "projects",
            "project",
            "enterprises",
            "enterprise",
            "firms",
            "firm",
            "items",
        ],
        Count,
        0,
    ),
];

const fn unit(names: &'static [&'static str], dimension: Dimension, power: i32) -> Unit {
    Unit {
        names,
        dimension,
        power,
    }
}

fn find(unit: &str) -> Option<&'static Unit> {
    let u = unit.trim();
    // Every name is ASCII or has no case (亿元, km², ％): an ASCII unit is
    // compared without allocating, as it is looked up for every KPI.
    if u.is_ascii() {
        return UNITS
            .iter()
            .find(|known| known.names.iter().any(|n| n.eq_ignore_ascii_case(u)));
    }
    find_lowercased(u)
}

/// `find` for a unit with letters beyond ASCII (km², 亿元): compared
/// lower-cased. Every name is written lower-case (a test holds it), so only
/// the unit asked for is lower-cased, once, not every name at every call.
fn find_lowercased(u: &str) -> Option<&'static Unit> {
    let u = u.to_lowercase();
    UNITS.iter().find(|known| known.names.contains(&u.as_str()))
}

/// Every unit name known, for messages.
pub fn known_names(dimension: Dimension) -> Vec<&'static str> {
    UNITS
        .iter()
        .filter(|u| u.dimension == dimension)
        .flat_map(|u| u.names.iter().copied())
        .collect()
}

/// The unit `by` powers of ten larger than `unit` (`亿元`, -4: `万元`), by
/// its first name, if there is one.
pub fn shifted(unit: &str, by: i32) -> Option<&'static str> {
    let u = find(unit)?;
    UNITS
        .iter()
        .find(|k| k.dimension == u.dimension && k.power == u.power + by)
        .map(|k| k.names[0])
}

/// The unit a figure most likely was in when, read as `unit`, it came out
/// 10^`log_ratio` times its neighbours: the unit of the same dimension
/// whose power of ten is nearest (within one), by its first name.
pub fn slipped_from(unit: &str, log_ratio: f64) -> Option<&'static str> {
    let u = find(unit)?;
    UNITS
        .iter()
        .filter(|k| k.dimension == u.dimension && k.power != u.power)
        .map(|k| (k, (log_ratio - f64::from(u.power - k.power)).abs()))
        .filter(|(_, off)| *off <= 1.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k.names[0])
}

/// Whether two names name one unit (亿元 and 100 million yuan, km² and
/// 平方公里, 家 and firms).
pub fn same(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
        || matches!((find(a), find(b)), (Some(x), Some(y)) if x.dimension == y.dimension && x.power == y.power)
}

/// A known unit's first name (`100 million yuan` is `亿元`); "" for any other.
pub fn name(unit: &str) -> &'static str {
    find(unit).map_or("", |u| u.names[0])
}

/// The dimension of a unit, if plantrack knows it.
pub fn dimension(unit: &str) -> Option<Dimension> {
    find(unit).map(|u| u.dimension)
}

/// Whether `unit` is percent: a KPI in it changes in points.
pub fn is_percent(unit: &str) -> bool {
    dimension(unit) == Some(Percent)
}

/// The factor a figure in `from` is multiplied by to be in `to` (10 from
/// billion yuan to 亿元); none unless both are known units of one kind.
pub fn factor(from: &str, to: &str) -> Option<f64> {
    match (find(from), find(to)) {
        (Some(f), Some(t)) if f.dimension == t.dimension => Some(10f64.powi(f.power - t.power)),
        _ => None,
    }
}

/// Why a value's unit does not convert into a KPI's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitError {
    /// Known units of different dimensions (亿元 for km²).
    Incompatible,
    /// A unit plantrack does not know, different from the KPI's own.
    Unknown,
}

/// Words a bureau abbreviates inside a unit, each with its full form:
/// `吨标煤/万元` is `吨标准煤/万元`. Only whole words are replaced, longest
/// first, so no unit of another kind is ever matched by a part of it.
pub const SYNONYMS: &[(&str, &str)] = &[
    ("吨标煤", "吨标准煤"),
    ("tce", "吨标准煤"),
    ("标煤", "标准煤"),
    ("平方米", "m²"),
    ("平米", "m²"),
    ("㎡", "m²"),
    ("m2", "m²"),
    ("千瓦时", "kWh"),
    ("人民币元", "元"),
    ("／", "/"),
    ("每", "/"),
];

/// A unit in its full form: its synonyms replaced, spaces dropped
/// (`吨标煤 / 万元` is `吨标准煤/万元`).
pub fn spelled_out(unit: &str) -> String {
    let mut u: String = unit.chars().filter(|c| !c.is_whitespace()).collect();
    for (short, full) in SYNONYMS {
        // A full form holding the short one (标准煤 holds no 标煤, but
        // 吨标准煤 must not become 吨标准准煤) is left as it is.
        if u.contains(short) && !u.contains(full) {
            u = u.replace(short, full);
        }
    }
    u
}

/// Converts `value` given in `from` into `to`, exactly. An empty `from`
/// means the value is already in `to`; so does a unit that spells `to`
/// out differently (`吨标煤/万元` for `吨标准煤/万元`).
pub fn convert(value: Decimal, from: &str, to: &str) -> Result<Decimal, UnitError> {
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() || from == to {
        return Ok(value);
    }
    if find(from).is_none() && find(to).is_none() && spelled_out(from) == spelled_out(to) {
        return Ok(value);
    }
    match (find(from), find(to)) {
        (Some(f), Some(t)) if f.dimension == t.dimension => Ok(shift(value, f.power - t.power)),
        (Some(_), Some(_)) => Err(UnitError::Incompatible),
        _ => Err(UnitError::Unknown),
    }
}

/// `value * 10^power`, exactly, as a normalised decimal.
fn shift(value: Decimal, power: i32) -> Decimal {
    let ten = Decimal::TEN;
    let mut v = value;
    for _ in 0..power.max(0) {
        v *= ten;
    }
    for _ in 0..(-power).max(0) {
        v /= ten;
    }
    v.normalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn every_name_is_written_lower_case() {
        // `find_lowercased` compares a lower-cased unit with the names as written.
        for name in UNITS.iter().flat_map(|u| u.names) {
            assert_eq!(name.to_lowercase(), *name);
        }
        for (asked, found) in [
            ("KM²", "km²"),
            ("Km2", "km²"),
            ("亿元", "亿元"),
            ("％", "%"),
        ] {
            assert_eq!(find(asked).map(|u| u.names[0]), Some(found), "{asked}");
        }
        assert!(find("km³").is_none());
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// (value, from, to, the value converted, exactly as written).
    fn converts(cases: &[(&str, &str, &str, &str)]) {
        for &(value, from, to, want) in cases {
            let got = convert(d(value), from, to).map(|v| v.to_string());
            assert_eq!(got, Ok(want.to_string()), "{value} {from} -> {to}");
        }
    }

    #[test]
    fn every_unit_converts_exactly() {
        converts(&[
            ("323.4", "亿元", "billion yuan", "32.34"),
            ("224", "亿元", "billion yuan", "22.4"),
            ("3234000", "万元", "billion yuan", "32.34"),
            ("32340000000", "元", "billion yuan", "32.34"),
            ("32340", "million yuan", "billion yuan", "32.34"),
            ("32.34", "billion yuan", "亿元", "323.4"),
            ("0.1", "亿元", "万元", "1000"),
            // Other dimensions.
            ("21", "平方公里", "km²", "21"),
            ("21", "km2", "km²", "21"),
            ("150", "公顷", "km²", "1.5"),
            ("12", "家", "enterprises", "12"),
            ("4.4", "％", "%", "4.4"),
            ("5", "", "tce", "5"),
            // Grain output as NBS publishes it, in the plan's 亿吨.
            ("68285", "万吨", "亿吨", "6.8285"),
        ]);
    }

    #[test]
    fn refusals() {
        assert_eq!(convert(d("1"), "亿元", "km²"), Err(UnitError::Incompatible));
        assert_eq!(convert(d("1"), "吨", "km²"), Err(UnitError::Incompatible));
        assert_eq!(convert(d("1"), "斤", "吨"), Err(UnitError::Unknown));
        assert_eq!(convert(d("1"), "tce", "tonnes"), Err(UnitError::Unknown));
        // A bureau's abbreviation of a unit plantrack does not convert is
        // read as the unit itself; a different unit is still refused.
        assert_eq!(
            convert(d("0.5"), "吨标煤/万元", "吨标准煤/万元"),
            Ok(d("0.5"))
        );
        assert_eq!(
            convert(d("0.5"), "tce / 万元", "吨标准煤/万元"),
            Ok(d("0.5"))
        );
        assert_eq!(
            convert(d("0.5"), "吨标准煤每万元", "吨标准煤/万元"),
            Ok(d("0.5"))
        );
        assert_eq!(convert(d("3"), "万吨标煤", "万吨标准煤"), Ok(d("3")));
        assert_eq!(convert(d("9"), "平方米", "m²"), Ok(d("9")));
        assert_eq!(
            convert(d("0.5"), "吨标准煤/元", "吨标准煤/万元"),
            Err(UnitError::Unknown)
        );
        assert_eq!(
            convert(d("0.5"), "千克标准煤/万元", "吨标准煤/万元"),
            Err(UnitError::Unknown)
        );
    }
}
