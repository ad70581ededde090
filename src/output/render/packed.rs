//! A plan's JSON held packed until it is written: each line break, with its comma, indentation and key, as three bytes.
//!
//! A status is written only once every plan is known good, so a thousand
//! plans' JSON is held first; and fresh memory is what that costs most (a
//! page made ready and given back is some 1.6 µs here). Nearly three
//! quarters of the JSON's bytes are the starts of its lines: `,`, a line
//! break, two spaces a level, and a key such as `"gap_to_trajectory": `.
//! There are few of them (a hundred kinds in a thousand plans), so each is
//! held as three bytes (`BREAK` or `COMMA`, the depth, the key's number in
//! `KEYS`) and laid out again as the JSON is written (`unpack`): 75 MB held
//! as 26 (docs/performance.md, "Issue 26, fifteenth step").
//!
//! The marks are bytes 1 and 2, which JSON never holds raw: a string's
//! control characters are escaped (`json_plan::Writer::text` hands any
//! such text to serde_json), and the rest is ASCII or whole UTF-8
//! characters.

/// A line break (`\n`), then the depth's indentation and the key.
pub const BREAK: u8 = 1;
/// A comma and a line break (`,\n`), then the same.
pub const COMMA: u8 = 2;

/// The deepest a mark is written for: its indentation is at most
/// `SPACES` long. Deeper lines are written out as they are.
pub const DEEPEST: usize = 31;

/// Every key `json_plan` writes, by its number in a mark; 0 is no key.
pub const KEYS: [&str; 92] = [
    "",
    "actual",
    "actual_cagr",
    "annual_growth",
    "annualised_by",
    "as_of",
    "attainment",
    "baseline",
    "best_change",
    "best_growth_pct",
    "bound",
    "caveat",
    "centre",
    "change",
    "change_mean",
    "change_sd",
    "comparator",
    "completion",
    "decided_by",
    "direction",
    "estimated",
    "expected",
    "figure",
    "forecast",
    "forecast_reason",
    "form",
    "from",
    "gap",
    "gap_pct",
    "gap_to_trajectory",
    "growth_mean_pct",
    "growth_ratio",
    "growth_sd_pct",
    "high",
    "horizon_years",
    "id",
    "index",
    "interval",
    "jump_off",
    "kind",
    "kpis",
    "latest",
    "level",
    "low",
    "method",
    "name",
    "name_zh",
    "nature",
    "next_milestone",
    "p_meet",
    "pace_gap_pp",
    "pct",
    "period",
    "plan",
    "plan_name",
    "plan_name_zh",
    "plan_value",
    "planned",
    "points",
    "pp",
    "projected",
    "projection_ratio",
    "published",
    "rating",
    "reason",
    "reported",
    "required",
    "required_cagr",
    "required_rate",
    "rough",
    "scope",
    "since_base",
    "slack_quarters",
    "standard_error",
    "stated",
    "status",
    "step_mean",
    "step_sd",
    "steps",
    "steps_in",
    "t_quantile",
    "target",
    "text",
    "time_distance_quarters",
    "time_elapsed",
    "to",
    "unit",
    "value",
    "words",
    "year_pace",
    "year_target",
    "yoy",
];

/// A key of `KEYS`, by its number: made by `key!` when the program is
/// compiled, so a key missing from `KEYS` does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(u8);

impl Key {
    /// The key named `name`; a compile-time error (used in `const`) when
    /// `KEYS` lacks it.
    pub const fn named(name: &str) -> Key {
        let mut i = 1;
        while i < KEYS.len() {
            if same(KEYS[i].as_bytes(), name.as_bytes()) {
                return Key(i as u8);
            }
            i += 1;
        }
        panic!("a key json_plan writes is missing from packed::KEYS")
    }

    /// The key's number in a mark.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The key's name.
    pub fn name(self) -> &'static str {
        KEYS[usize::from(self.0)]
    }
}

/// Byte-for-byte equality, in `const`.
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The key of this name, checked when the program is compiled.
macro_rules! key {
    ($name:literal) => {
        const { $crate::output::render::packed::Key::named($name) }
    };
}
pub(crate) use key;

/// What a key's number stands for, `"key": `, padded to one length (so
/// that each is one copy of known length), and how long it is.
const KEY_TEXTS: [([u8; KEY_TEXT], usize); 256] = {
    let mut texts = [([0u8; KEY_TEXT], 0); 256];
    let mut i = 1;
    while i < KEYS.len() {
        let name = KEYS[i].as_bytes();
        assert!(name.len() + 4 <= KEY_TEXT, "a key too long for KEY_TEXTS");
        texts[i].0[0] = b'"';
        let mut j = 0;
        while j < name.len() {
            texts[i].0[1 + j] = name[j];
            j += 1;
        }
        texts[i].0[1 + j] = b'"';
        texts[i].0[2 + j] = b':';
        texts[i].0[3 + j] = b' ';
        texts[i].1 = name.len() + 4;
        i += 1;
    }
    texts
};

/// The room a key's text takes in `KEY_TEXTS`.
const KEY_TEXT: usize = 48;

/// The indentation of the deepest mark, and more.
const SPACES: [u8; 64] = [b' '; 64];

/// The most one step of `Unpacked::unpack` writes: eight bytes of text,
/// or up to seven and a mark laid out (a comma, a line break, indentation,
/// a key), each copy of known length.
const STEP: usize = 8 + 2 + SPACES.len() + KEY_TEXT;

/// JSON laid out from packed pieces, in a buffer used again from piece to
/// piece and window to window. Its vector is kept at its longest, zeroed
/// once; `len` is how much of it is this window's JSON.
#[derive(Default)]
pub struct Unpacked {
    buf: Vec<u8>,
    len: usize,
}

impl Unpacked {
    /// The JSON laid out since the last `clear`.
    pub fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// Empties it, keeping its room.
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Adds `text` as it is.
    pub fn push(&mut self, text: &[u8]) {
        self.room(text.len());
        self.buf[self.len..self.len + text.len()].copy_from_slice(text);
        self.len += text.len();
    }

    /// Adds the JSON `packed` holds. Text is copied eight bytes a step,
    /// each step looking for a mark among the eight (a byte below 3 has
    /// its top bit set by subtracting 3, and the first such byte is
    /// exact: no byte before it borrows); a mark is laid out in three
    /// copies of known length, each longer than needed and cut.
    pub fn unpack(&mut self, packed: &[u8]) {
        let (mut p, mut o) = (0, self.len);
        loop {
            if self.buf.len() < o + STEP {
                self.len = o;
                self.room(STEP);
            }
            let buf = &mut self.buf[..];
            let Some(eight) = packed.get(p..p + 8) else {
                // The last few bytes, one at a time.
                match packed[p..].iter().position(|&b| b < 3) {
                    None => {
                        let rest = &packed[p..];
                        buf[o..o + rest.len()].copy_from_slice(rest);
                        self.len = o + rest.len();
                        return;
                    }
                    Some(k) => {
                        buf[o..o + k].copy_from_slice(&packed[p..p + k]);
                        (p, o) = (p + k, o + k);
                    }
                }
                (p, o) = self.mark(packed, p, o);
                continue;
            };
            buf[o..o + 8].copy_from_slice(eight);
            let word = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            let marks = word.wrapping_sub(0x0303_0303_0303_0303) & !word & 0x8080_8080_8080_8080;
            if marks == 0 {
                (p, o) = (p + 8, o + 8);
                continue;
            }
            let k = (marks.trailing_zeros() / 8) as usize;
            (p, o) = self.mark(packed, p + k, o + k);
        }
    }

    /// Lays out the mark at `p` of `packed` at `o` (room for `STEP` bytes
    /// is there); where the mark and the text go on from.
    #[inline(always)]
    fn mark(&mut self, packed: &[u8], p: usize, o: usize) -> (usize, usize) {
        let buf = &mut self.buf[..];
        let Some(&[mark, depth, key]) = packed.get(p..p + 3) else {
            // Never so (`json_plan` writes every mark whole): kept as is.
            let rest = &packed[p..];
            buf[o..o + rest.len()].copy_from_slice(rest);
            return (packed.len(), o + rest.len());
        };
        let depth = usize::from(depth).min(DEEPEST);
        let mut o = o;
        buf[o] = b',';
        o += usize::from(mark == COMMA);
        buf[o] = b'\n';
        o += 1;
        buf[o..o + SPACES.len()].copy_from_slice(&SPACES);
        o += 2 * depth;
        let (text, len) = &KEY_TEXTS[usize::from(key)];
        buf[o..o + KEY_TEXT].copy_from_slice(text);
        (p + 3, o + len)
    }

    /// Makes room for `more` bytes after `len` (the vector grows, zeroed,
    /// by at least half).
    fn room(&mut self, more: usize) {
        let wanted = self.len + more;
        if self.buf.len() < wanted {
            let grown = wanted.max(self.buf.len() + self.buf.len() / 2);
            self.buf.resize(grown, 0);
        }
    }
}

/// The JSON `packed` holds.
pub fn unpacked(packed: &[u8]) -> Vec<u8> {
    let mut out = Unpacked::default();
    out.unpack(packed);
    out.bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_found_by_its_name() {
        for (i, name) in KEYS.iter().enumerate().skip(1) {
            assert_eq!(Key::named(name), Key(i as u8));
            assert_eq!(Key::named(name).name(), *name);
            let (text, len) = KEY_TEXTS[i];
            assert_eq!(&text[..len], format!("\"{name}\": ").as_bytes());
        }
        // No key twice, so each name has one number.
        let mut sorted = KEYS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), KEYS.len());
    }

    #[test]
    fn marks_are_laid_out_at_every_length_of_text_between() {
        // Text of every length from 0 to 20 before, between and after
        // marks, so that a mark falls at each place of an eight-byte step
        // and in the last few bytes; with UTF-8 text (bytes with the top
        // bit set) among it.
        for n in 0..=20 {
            let text: Vec<u8> = "a中b".bytes().cycle().take(n).collect::<Vec<u8>>();
            let mut packed = text.clone();
            packed.extend_from_slice(&[COMMA, 3, key!("gap").number()]);
            packed.extend_from_slice(&text);
            packed.extend_from_slice(&[BREAK, 0, 0]);
            packed.extend_from_slice(&text);
            packed.extend_from_slice(&[BREAK, 1, key!("yoy").number()]);
            let mut want = text.clone();
            want.extend_from_slice(b",\n      \"gap\": ");
            want.extend_from_slice(&text);
            want.extend_from_slice(b"\n");
            want.extend_from_slice(&text);
            want.extend_from_slice(b"\n  \"yoy\": ");
            assert_eq!(unpacked(&packed), want, "{n} bytes between");
        }
    }

    /// A piece's parts: text (any character but a control character, as
    /// JSON holds it raw) or a mark.
    #[derive(Debug, Clone)]
    enum Part {
        Text(String),
        Mark(bool, u8, u8),
    }

    fn part() -> impl proptest::strategy::Strategy<Value = Part> {
        use proptest::prelude::*;
        prop_oneof![
            "[^\\x00-\\x1f]{0,40}".prop_map(Part::Text),
            (any::<bool>(), 0..=DEEPEST as u8, 0..KEYS.len() as u8)
                .prop_map(|(c, d, k)| Part::Mark(c, d, k)),
        ]
    }

    proptest::proptest! {
        /// Unpacked, a piece is its text with each mark written out, the
        /// mark wherever it falls in a step of eight bytes.
        #[test]
        fn unpacking_writes_each_mark_out(parts in proptest::collection::vec(part(), 0..60)) {
            let (mut packed, mut want) = (Vec::new(), Vec::new());
            for p in &parts {
                match p {
                    Part::Text(t) => {
                        packed.extend_from_slice(t.as_bytes());
                        want.extend_from_slice(t.as_bytes());
                    }
                    Part::Mark(comma, depth, key) => {
                        packed.extend_from_slice(&[if *comma { COMMA } else { BREAK }, *depth, *key]);
                        if *comma {
                            want.push(b',');
                        }
                        want.push(b'\n');
                        want.extend(std::iter::repeat_n(b' ', 2 * usize::from(*depth)));
                        if *key > 0 {
                            want.extend_from_slice(format!("\"{}\": ", KEYS[usize::from(*key)]).as_bytes());
                        }
                    }
                }
            }
            proptest::prop_assert_eq!(unpacked(&packed), want);
        }
    }

    #[test]
    fn the_buffer_grows_and_is_used_again() {
        let mut out = Unpacked::default();
        let long = vec![b'x'; 100_000];
        out.unpack(&long);
        out.unpack(&[
            BREAK,
            DEEPEST as u8,
            key!("time_distance_quarters").number(),
        ]);
        assert_eq!(out.bytes().len(), 100_000 + 1 + 2 * DEEPEST + 26);
        out.clear();
        out.push(b"[\n");
        out.unpack(b"{}");
        assert_eq!(out.bytes(), b"[\n{}");
    }
}
