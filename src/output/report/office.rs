//! Names in office files: a sheet's name as Excel takes it.

/// A sheet or file name from `text`: without the characters Excel refuses in
/// a sheet name (`[]:*?/\`) or control characters, no apostrophe at either
/// end, at most 31 characters, and unlike every name in `used` (compared
/// case-insensitively, as Excel does).
pub fn sheet_name(text: &str, used: &mut Vec<String>) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('\'').trim();
    // Cut to 31 characters, then no apostrophe at the end again (Excel
    // refuses one there, and a 31st character may be one).
    let cut: String = clean.chars().take(31).collect();
    let cut = cut.trim_end_matches('\'').trim_end();
    let base: String = if cut.is_empty() {
        "Sheet".to_string()
    } else {
        cut.to_string()
    };
    let taken =
        |name: &str, used: &[String]| used.iter().any(|u| u.to_lowercase() == name.to_lowercase());
    let mut name = base.clone();
    let mut n = 2;
    while taken(&name, used) {
        let suffix = format!(" ({n})");
        let keep = 31 - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    used.push(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = Vec::new();
        assert_eq!(
            sheet_name("R&D [ratio]: a/b?", &mut used),
            "R&D  ratio   a b"
        );
        assert_eq!(sheet_name("'quoted'", &mut used), "quoted");
        let long = "规上工业总产值".repeat(6);
        let first = sheet_name(&long, &mut used);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(&long, &mut used);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with(" (2)"), "{second}");
        assert_eq!(sheet_name("QUOTED", &mut used), "QUOTED (2)");
        assert_eq!(sheet_name("::", &mut used), "Sheet");
    }
}
