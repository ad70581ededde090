//! Writes `examples/bishan-figures.xlsx`: the published Bishan figures
//! (docs/sources.md) as a statistics office would send them,
//! Chinese headers and 亿元, one sheet per release. Run:
//! `cargo run --example bishan_workbook`.

use rust_xlsxwriter::{Workbook, XlsxError};

fn main() -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    // Seed page: first half of 2018, the zone.
    let s = book.add_worksheet();
    s.set_name("2018上半年")?;
    let header = [
        "期间",
        "工业总产值(亿元)",
        "同比(%)",
        "研发投入占比(%)",
        "建成区面积(平方公里)",
    ];
    for (c, h) in header.iter().enumerate() {
        s.write_string(0, c as u16, *h)?;
    }
    s.write_string(1, 0, "2018年1-6月")?;
    s.write_number(1, 1, 323.4)?;
    s.write_number(1, 2, 13.7)?;
    s.write_number(1, 3, 4.4)?;
    s.write_number(1, 4, 21)?;
    // zgrwj.com, 2022-04-18: first quarter of 2022, above-size enterprises.
    let s = book.add_worksheet();
    s.set_name("2022一季度")?;
    for (c, h) in ["期间", "工业总产值(亿元)", "同比(%)"].iter().enumerate() {
        s.write_string(0, c as u16, *h)?;
    }
    s.write_string(1, 0, "2022年1-3月")?;
    s.write_number(1, 1, 224)?;
    s.write_number(1, 2, 27)?;
    book.save(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/bishan-figures.xlsx"
    ))
}
