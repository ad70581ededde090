//! What a revision did to a published figure: added, revised or removed it,
//! its value or its 同比, a jump confirmed or not; as the revision log writes it.

/// What a logged row did to a figure: added, revised or removed it; its value
/// or its published 同比; and whether the user confirmed a jump the
/// magnitude guard had stopped. The log writes it as `added`, `revised`,
/// `revised yoy`, `revised (jump confirmed)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeKind {
    pub what: Changed,
    /// The published 同比 changed, not the value.
    pub yoy: bool,
    pub jump_confirmed: bool,
}

/// Added, revised or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    Added,
    Revised,
    Removed,
}

impl Changed {
    /// The log's word for it.
    pub fn word(self) -> &'static str {
        match self {
            Changed::Added => "added",
            Changed::Revised => "revised",
            Changed::Removed => "removed",
        }
    }
}

impl ChangeKind {
    /// A change of a figure's value.
    pub fn of_value(what: Changed, jump_confirmed: bool) -> ChangeKind {
        ChangeKind {
            what,
            yoy: false,
            jump_confirmed,
        }
    }

    /// A change of a figure's published 同比.
    pub fn of_yoy(what: Changed) -> ChangeKind {
        ChangeKind {
            what,
            yoy: true,
            jump_confirmed: false,
        }
    }

    /// A change of the value itself that a report lists as a revision: a
    /// revised value, confirmed jump or not (a revised 同比 is not one).
    pub fn is_revised_value(self) -> bool {
        self.what == Changed::Revised && !self.yoy
    }

    /// Reads the log's words back; `None` for any other text.
    pub fn parse(text: &str) -> Option<ChangeKind> {
        let (rest, jump_confirmed) = match text.strip_suffix(" (jump confirmed)") {
            Some(r) => (r, true),
            None => (text, false),
        };
        let (word, yoy) = match rest.strip_suffix(" yoy") {
            Some(w) => (w, true),
            None => (rest, false),
        };
        let what = [Changed::Added, Changed::Revised, Changed::Removed]
            .into_iter()
            .find(|c| c.word() == word)?;
        (!(yoy && jump_confirmed)).then_some(ChangeKind {
            what,
            yoy,
            jump_confirmed,
        })
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.what.word())?;
        if self.yoy {
            f.write_str(" yoy")?;
        }
        if self.jump_confirmed {
            f.write_str(" (jump confirmed)")?;
        }
        Ok(())
    }
}

impl serde::Serialize for ChangeKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_as_the_log_writes_it() {
        let mut seen = 0;
        for what in [Changed::Added, Changed::Revised, Changed::Removed] {
            for kind in [
                ChangeKind::of_value(what, false),
                ChangeKind::of_value(what, true),
                ChangeKind::of_yoy(what),
            ] {
                assert_eq!(ChangeKind::parse(&kind.to_string()), Some(kind));
                seen += 1;
            }
        }
        assert_eq!(seen, 9);
        assert_eq!(
            ChangeKind::of_value(Changed::Revised, true).to_string(),
            "revised (jump confirmed)"
        );
        assert_eq!(
            ChangeKind::of_yoy(Changed::Revised).to_string(),
            "revised yoy"
        );
        for other in ["", "Revised", "revised yoy (jump confirmed)", "edited"] {
            assert_eq!(ChangeKind::parse(other), None, "{other}");
        }
        assert!(ChangeKind::of_value(Changed::Revised, true).is_revised_value());
        assert!(!ChangeKind::of_yoy(Changed::Revised).is_revised_value());
    }
}
