//! The rules one published figure keeps, whether it is read from the store
//! (`intake::load::actuals`) or fed from a bureau's sheet (`intake::ingest`):
//! the same test and the same words in both.

use super::Breach;
use crate::core::observation::Basis;
use crate::core::period::{ACCEPTED_FORMS, Period, PeriodError};
use crate::core::plan::{Kind, Kpi, Plan};

/// A period's text that is not a period.
pub fn not_a_period(text: &str, e: &PeriodError) -> Breach {
    Breach {
        message: format!("`{text}` is not a period{}", e.detail),
        expected: "a quarter".to_string(),
        hint: Some(format!("accepted forms: {ACCEPTED_FORMS}")),
    }
}

/// A figure's period lies in the plan's window: from the data's start (the
/// baseline year, or `data_from`) to the target period.
// The tests every row of a store passes are inlined into the reader, and
// their messages made apart (`#[cold]`): a million rows pass them.
#[inline]
pub fn in_window(plan: &Plan, p: Period) -> Result<(), Breach> {
    let (from, to) = (plan.data_from(), plan.target_period);
    if p >= from && p <= to {
        return Ok(());
    }
    Err(outside_window(p, from, to))
}

#[cold]
fn outside_window(p: Period, from: Period, to: Period) -> Breach {
    Breach {
        message: format!("period {p} is outside the plan, which runs from {from} to {to}"),
        expected: format!("a period from {from} to {to}"),
        hint: Some(
            "the window starts with the baseline year; set \"data_from\" in the plan to keep earlier history"
                .to_string(),
        ),
    }
}

/// The basis `text` names (the KPI's default when empty), if it is one the
/// KPI's kind may be fed in.
pub fn basis(kpi: &Kpi, text: &str) -> Result<Basis, Breach> {
    if text.is_empty() {
        return Ok(Basis::default_for(kpi.kind));
    }
    let allowed = Basis::allowed_for(kpi.kind);
    let message = match Basis::parse(text) {
        Some(b) if allowed.contains(&b) => return Ok(b),
        Some(_) => format!(
            "basis `{text}` does not fit `{}`, a {} KPI",
            kpi.id,
            kpi.kind.id()
        ),
        None => format!("`{text}` is not a basis"),
    };
    let names: Vec<&str> = allowed.iter().map(|b| b.id()).collect();
    Err(Breach {
        message,
        expected: format!("one of {}", names.join(", ")),
        hint: Some(
            "ytd = January to the period's end; quarter = that quarter alone; level = the value at the period's end; increment = added in that quarter"
                .to_string(),
        ),
    })
}

/// A milestone's value is 1 (achieved) or 0 (not yet); `shown` is the value
/// as read (written out only for a breach), `zero_or_one` whether it is
/// exactly one of them.
#[inline]
pub fn milestone_value(
    kpi: &Kpi,
    shown: &dyn std::fmt::Display,
    zero_or_one: bool,
) -> Result<(), Breach> {
    if kpi.kind != Kind::Milestone || zero_or_one {
        return Ok(());
    }
    Err(not_a_milestone_value(kpi, shown))
}

#[cold]
fn not_a_milestone_value(kpi: &Kpi, shown: &dyn std::fmt::Display) -> Breach {
    Breach {
        message: format!("`{}` is a milestone, but the value is {shown}", kpi.id),
        expected: "1 (achieved) or 0 (not yet)".to_string(),
        hint: None,
    }
}

/// A text kept with a figure (its scope, source or note) holds no control
/// character (a terminal would act on ESC or BEL when it is printed) and
/// does not start as a spreadsheet formula would (`=`, `+`, `@`, or `-`
/// before anything but a digit), which whoever opens the store in Excel
/// would run. Such a text is refused, never stored changed.
pub fn plain_text(what: &str, text: &str) -> Result<(), Breach> {
    if let Some(c) = super::unsafe_char(text, what == "note") {
        return Err(Breach {
            message: if super::invisible(c) {
                format!(
                    "the {what} holds an invisible character ({}), which hides or reorders the text around it",
                    c.escape_unicode()
                )
            } else {
                format!(
                    "the {what} holds a control character ({}), which a terminal would act on",
                    c.escape_unicode()
                )
            },
            expected: "text without control characters".to_string(),
            hint: Some(
                "remove it; it is often left by a copy from a web page or a terminal".to_string(),
            ),
        });
    }
    let mut chars = text.chars();
    let formula = match chars.next() {
        Some('=' | '+' | '@') => true,
        Some('-') => !chars.next().is_some_and(|c| c.is_ascii_digit() || c == ' '),
        _ => false,
    };
    if formula {
        return Err(Breach {
            message: format!("the {what} starts as a spreadsheet formula would"),
            expected: "text that does not begin with =, +, @ or -".to_string(),
            hint: Some(
                "whoever opens the store in Excel would run it; reword it, e.g. put a word first"
                    .to_string(),
            ),
        });
    }
    Ok(())
}

/// The largest magnitude a figure may have: a thousand trillion, past any
/// zone's, district's or province's figure in yuan; far enough from the
/// largest float that every sum, rate and axis of it stays finite.
pub const LARGEST: f64 = 1e15;

/// The smallest magnitude a figure other than 0 may have: below it a value
/// is a slip (or a float's leftover), and a smaller one would be stored as 0.
pub const SMALLEST: f64 = 1e-9;

/// `in_range` for a figure read as a decimal. One of at most 8 decimals and
/// fewer than 15 digits lies well inside the range, from 1e-8 to below 1e14,
/// and passes without being made a float, which was a tenth of reading a
/// long file's row; any other is made one and goes through `in_range`.
pub fn decimal_in_range(
    v: &rust_decimal::Decimal,
    shown: &dyn std::fmt::Display,
) -> Result<(), Breach> {
    if v.scale() <= 8 && v.mantissa().unsigned_abs() < 100_000_000_000_000 {
        return Ok(());
    }
    let x = rust_decimal::prelude::ToPrimitive::to_f64(v).unwrap_or(f64::INFINITY);
    in_range(x, shown)
}

/// A text shown in backticks, written only when shown: a rule that passes
/// (nearly always) costs no allocation.
pub struct Quoted<'a>(pub &'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}`", self.0)
    }
}

/// A figure lies in the range figures may take: 0, or a magnitude from
/// `SMALLEST` to `LARGEST`. `shown` is the figure as read.
#[inline]
pub fn in_range(x: f64, shown: &dyn std::fmt::Display) -> Result<(), Breach> {
    let m = x.abs();
    if x.is_finite() && (m == 0.0 || (SMALLEST..=LARGEST).contains(&m)) {
        return Ok(());
    }
    Err(out_of_range(shown))
}

#[cold]
fn out_of_range(shown: &dyn std::fmt::Display) -> Breach {
    Breach {
        message: format!("{shown} is outside the range a figure may take"),
        expected: format!("0, or a magnitude from {SMALLEST:e} to {LARGEST:e}"),
        hint: Some(
            "check the unit and the decimal point: a figure this size is a slip".to_string(),
        ),
    }
}

/// A column named twice in a header.
pub fn duplicate_column(name: &str) -> Breach {
    Breach {
        message: format!("column `{name}` appears twice in the header"),
        expected: "each column once".to_string(),
        hint: Some("delete or rename one of the two".to_string()),
    }
}

/// A column the reader does not know; `known` lists the names it takes.
pub fn unknown_column(name: &str, known: &str) -> Breach {
    Breach {
        message: format!("unknown column `{name}`"),
        expected: format!("one of {known}"),
        hint: Some("remove the column, or rename it to one of these".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    proptest::proptest! {
        /// A decimal passes exactly when its float does: below, inside and
        /// above the range, and about both of its ends.
        #[test]
        fn a_decimal_is_in_range_as_its_float(
            mantissa in proptest::prop_oneof![
                0i128..1000,
                -10i128.pow(16)..10i128.pow(16),
                (10i128.pow(14) - 3)..(10i128.pow(14) + 3),
                -(1i128 << 96) + 1..(1i128 << 96),
            ],
            scale in 0u32..=28,
        ) {
            let d = Decimal::from_i128_with_scale(mantissa, scale);
            let x = rust_decimal::prelude::ToPrimitive::to_f64(&d).unwrap_or(f64::INFINITY);
            proptest::prop_assert_eq!(
                super::decimal_in_range(&d, &"").is_ok(),
                super::in_range(x, &"").is_ok()
            );
        }
    }
}
