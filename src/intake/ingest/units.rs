//! Units a statistics office writes, and exact conversion between them.
//!
//! Every conversion here is by a power of ten (亿元 to billion yuan is 0.1),
//! so it is exact in decimal arithmetic: 323.4亿元 becomes 32.34 billion
//! yuan, never 32.339999999.

use rust_decimal::Decimal;

/// What a unit measures; only units of one dimension convert into each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Money,
    Area,
    Percent,
    Count,
}

/// A known unit: its dimension and its size as a power of ten of the
/// dimension's base (yuan, km², percent, one item).
struct Unit {
    names: &'static [&'static str],
    dimension: Dimension,
    power: i32,
}

const UNITS: &[Unit] = &[
    Unit {
        names: &["元", "yuan", "rmb"],
        dimension: Dimension::Money,
        power: 0,
    },
    Unit {
        names: &["千元", "thousand yuan"],
        dimension: Dimension::Money,
        power: 3,
    },
    Unit {
        names: &["万元", "10k yuan", "ten thousand yuan"],
        dimension: Dimension::Money,
        power: 4,
    },
    Unit {
        names: &["百万元", "million yuan", "mn yuan"],
        dimension: Dimension::Money,
        power: 6,
    },
    Unit {
        names: &["亿元", "100 million yuan", "hundred million yuan"],
        dimension: Dimension::Money,
        power: 8,
    },
    Unit {
        names: &["十亿元", "billion yuan", "bn yuan"],
        dimension: Dimension::Money,
        power: 9,
    },
    Unit {
        names: &["万亿元", "trillion yuan"],
        dimension: Dimension::Money,
        power: 12,
    },
    Unit {
        names: &["km²", "km2", "平方公里", "平方千米", "sq km"],
        dimension: Dimension::Area,
        power: 0,
    },
    Unit {
        names: &["公顷", "hectare", "hectares", "ha"],
        dimension: Dimension::Area,
        power: -2,
    },
    Unit {
        names: &["%", "％", "percent", "百分比"],
        dimension: Dimension::Percent,
        power: 0,
    },
    Unit {
        names: &[
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
        dimension: Dimension::Count,
        power: 0,
    },
];

fn find(unit: &str) -> Option<&'static Unit> {
    let u = unit.trim().to_lowercase();
    UNITS
        .iter()
        .find(|known| known.names.iter().any(|n| n.to_lowercase() == u))
}

/// Every unit name known, for messages.
pub fn known_names(dimension: Dimension) -> Vec<&'static str> {
    UNITS
        .iter()
        .filter(|u| u.dimension == dimension)
        .flat_map(|u| u.names.iter().copied())
        .collect()
}

/// The dimension of a unit, if plantrack knows it.
pub fn dimension(unit: &str) -> Option<Dimension> {
    find(unit).map(|u| u.dimension)
}

/// Why a value's unit does not convert into a KPI's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitError {
    /// Known units of different dimensions (亿元 for km²).
    Incompatible,
    /// A unit plantrack does not know, different from the KPI's own.
    Unknown,
}

/// Converts `value` given in `from` into `to`, exactly. An empty `from`
/// means the value is already in `to`.
pub fn convert(value: Decimal, from: &str, to: &str) -> Result<Decimal, UnitError> {
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() || from == to {
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

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_converts_exactly() {
        assert_eq!(
            convert(d("323.4"), "亿元", "billion yuan")
                .unwrap()
                .to_string(),
            "32.34"
        );
        assert_eq!(
            convert(d("224"), "亿元", "billion yuan")
                .unwrap()
                .to_string(),
            "22.4"
        );
        assert_eq!(
            convert(d("3234000"), "万元", "billion yuan")
                .unwrap()
                .to_string(),
            "32.34"
        );
        assert_eq!(
            convert(d("32340000000"), "元", "billion yuan")
                .unwrap()
                .to_string(),
            "32.34"
        );
        assert_eq!(
            convert(d("32340"), "million yuan", "billion yuan")
                .unwrap()
                .to_string(),
            "32.34"
        );
        assert_eq!(
            convert(d("32.34"), "billion yuan", "亿元")
                .unwrap()
                .to_string(),
            "323.4"
        );
        assert_eq!(
            convert(d("0.1"), "亿元", "万元").unwrap().to_string(),
            "1000"
        );
    }

    #[test]
    fn other_dimensions() {
        assert_eq!(
            convert(d("21"), "平方公里", "km²").unwrap().to_string(),
            "21"
        );
        assert_eq!(convert(d("21"), "km2", "km²").unwrap().to_string(), "21");
        assert_eq!(convert(d("150"), "公顷", "km²").unwrap().to_string(), "1.5");
        assert_eq!(
            convert(d("12"), "家", "enterprises").unwrap().to_string(),
            "12"
        );
        assert_eq!(convert(d("4.4"), "％", "%").unwrap().to_string(), "4.4");
        assert_eq!(convert(d("5"), "", "tce").unwrap().to_string(), "5");
    }

    #[test]
    fn refusals() {
        assert_eq!(convert(d("1"), "亿元", "km²"), Err(UnitError::Incompatible));
        assert_eq!(convert(d("1"), "吨", "km²"), Err(UnitError::Unknown));
        assert_eq!(convert(d("1"), "tce", "tonnes"), Err(UnitError::Unknown));
    }
}
