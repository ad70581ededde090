//! Periods: every accepted form, the rejected ones, and quarter arithmetic.

use plantrack::core::period::Period;
use proptest::prelude::*;

fn q(year: i32, quarter: u8) -> Period {
    Period::new(year, quarter).expect("valid quarter")
}

#[test]
fn every_documented_form_parses_to_its_quarter() {
    let cases = [
        ("2018Q2", q(2018, 2)),
        ("2018q2", q(2018, 2)),
        ("2018-Q2", q(2018, 2)),
        ("2018 Q2", q(2018, 2)),
        ("  2018Q3 ", q(2018, 3)),
        ("2018H1", q(2018, 2)),
        ("2018H2", q(2018, 4)),
        ("2018", q(2018, 4)),
        ("2018-03-31", q(2018, 1)),
        ("2018-06-30", q(2018, 2)),
        ("2018-09-30", q(2018, 3)),
        ("2018-12-31", q(2018, 4)),
        ("2018年1-3月", q(2018, 1)),
        ("2018年1-6月", q(2018, 2)),
        ("2018年上半年", q(2018, 2)),
        ("2018年1-9月", q(2018, 3)),
        ("2018年1-12月", q(2018, 4)),
        ("2018年1－6月", q(2018, 2)),
        ("2018年", q(2018, 4)),
        ("2018年全年", q(2018, 4)),
    ];
    for (text, want) in cases {
        assert_eq!(text.parse::<Period>(), Ok(want), "{text}");
    }
}

#[test]
fn other_text_is_refused_with_the_text_and_the_accepted_forms() {
    for text in [
        "",
        "2018Q5",
        "2018Q0",
        "2018H3",
        "18Q2",
        "20188Q1",
        "2018-06-15",
        "2018-02-30",
        "2018年1-5月",
        "Q2 2018",
        "2018Q2x",
        "abc",
        "2018年下半年",
    ] {
        let err = text.parse::<Period>().expect_err(text).to_string();
        assert!(err.contains(&format!("`{text}`")), "{err}");
        assert!(
            err.contains("2018年1-6月") && err.contains("2018-Q2"),
            "{err}"
        );
    }
    let err = "2018-05-15".parse::<Period>().unwrap_err().to_string();
    assert!(err.contains("quarter's last day"), "{err}");
}

#[test]
fn arithmetic_and_fractional_years() {
    let a = q(2018, 2);
    assert_eq!(a.next(), q(2018, 3));
    assert_eq!(q(2018, 4).next(), q(2019, 1));
    assert_eq!(a.add_quarters(-2), q(2017, 4));
    assert_eq!(a.quarters_until(q(2022, 4)), 18);
    assert_eq!(a.years_until(q(2022, 4)), 4.5);
    assert_eq!(q(2022, 4).years_until(a), -4.5);
    assert!(q(2018, 4) < q(2019, 1));
    assert_eq!(a.to_string(), "2018Q2");
}

proptest! {
    #[test]
    fn display_round_trips(year in 1900i32..=2200, quarter in 1u8..=4) {
        let p = q(year, quarter);
        prop_assert_eq!(p.to_string().parse::<Period>(), Ok(p));
        prop_assert_eq!((p.year(), p.quarter()), (year, quarter));
    }

    #[test]
    fn quarters_add_up(a in 0i32..4000, b in 0i32..4000) {
        let base = q(1900, 1);
        let (pa, pb) = (base.add_quarters(a), base.add_quarters(b));
        prop_assert_eq!(pa.quarters_until(pb), b - a);
        prop_assert_eq!(pa.years_until(pb), f64::from(b - a) / 4.0);
        prop_assert_eq!(pa < pb, a < b);
    }

    // The six-byte form the store writes is read by `Period::plain` alone:
    // it reads exactly the quarters that print as the text, and no other.
    #[test]
    fn the_plain_form_reads_exactly_what_prints_as_it(text in "[0-9]{4}[Qq1H][0-9]") {
        let b = text.as_bytes();
        let year: i32 = text[..4].parse().unwrap();
        let readable = b[4] == b'Q' && (b'1'..=b'4').contains(&b[5]) && (1900..=2200).contains(&year);
        match Period::plain(b) {
            Some(p) => {
                prop_assert!(readable);
                prop_assert_eq!(p.to_string(), text.clone());
                prop_assert_eq!(text.parse::<Period>(), Ok(p));
            }
            None => prop_assert!(!readable, "{}", text),
        }
    }

    #[test]
    fn any_text_parses_or_errs_without_panic(text in "\\PC{0,16}") {
        let _ = text.parse::<Period>();
    }
}
