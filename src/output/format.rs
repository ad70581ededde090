//! Numbers for people: the same figure always written the same way in every table.

/// A value in its unit, as published: a figure whose shortest decimal form
/// has at most six decimals (any figure a bureau publishes, a target, a
/// difference of two such) is written with exactly those decimals (0.425
/// stays 0.425, never 0.43); a longer one (a ratio of figures, a
/// projection) with two decimals, or as many as three significant digits
/// need (0.0347). No trailing zeros; thousands grouped: `32.34`, `500`,
/// `10,000`, `-410.4`, `166.54`.
pub fn value(x: f64) -> String {
    let shortest = format!("{x}");
    let decimals = shortest.split_once('.').map_or(0, |(_, f)| f.len());
    let rounded = if shortest.contains(['e', 'E']) || decimals > 6 {
        // Two decimals, or as many as three significant digits need.
        let magnitude = x.abs().log10().floor();
        let places = if magnitude.is_finite() {
            (2.0 - magnitude).clamp(2.0, 9.0) as usize
        } else {
            2
        };
        format!("{x:.places$}")
    } else {
        shortest
    };
    let (int, frac) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let frac = frac.trim_end_matches('0');
    // "-0" after rounding a tiny negative number says nothing a reader needs.
    let sign = if grouped.chars().all(|c| c == '0' || c == ',') && frac.is_empty() {
        ""
    } else {
        sign
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A no-break space: a figure and the unit or word after it, never split
/// across lines.
pub const GLUE: char = '\u{a0}';

/// `text` with each figure held to its `%` or `pp` by a no-break space.
pub fn glued(text: &str) -> String {
    text.replace(" %", "\u{a0}%").replace(" pp", "\u{a0}pp")
}

/// A count of things (firms, projects) as a whole number: 689, never
/// 689.24; `about` for an estimate (a projection): `about 689`.
pub fn count(x: f64, about: bool) -> String {
    let whole = value(x.round());
    if about && x.fract() != 0.0 {
        format!("about {whole}")
    } else {
        whole
    }
}

/// A value followed by its unit: `45 km²`, `5.5 %`.
pub fn with_unit(x: f64, unit: &str) -> String {
    match unit {
        "" => value(x),
        "%" => format!("{} %", value(x)),
        u => format!("{} {u}", value(x)),
    }
}

/// A fraction as a percentage with one decimal: 0.4801 -> `48.0 %`.
pub fn percent(fraction: f64) -> String {
    format!("{:.1} %", fraction * 100.0)
}

/// A signed number with one decimal and a unit word: `-2.0 pp`.
pub fn signed(x: f64, unit: &str) -> String {
    let s = format!("{:+.1}", x);
    let s = if s == "-0.0" || s == "+0.0" {
        "0.0".to_string()
    } else {
        s
    };
    format!("{s} {unit}")
}

/// A change in percentage points to two decimals, unsigned as given:
/// 0.1275 is `0.13`, 0.15 stays `0.15`.
pub fn points(x: f64) -> String {
    value(significant((x * 100.0).round() / 100.0))
}

/// A change in points with as many decimals as `like`, the figure it is a
/// change of, has (at most four), and no fewer than its own rounded to
/// four: 0.5000000000000071 beside 65.22 is `0.50`; `points` without one.
pub fn points_like(x: f64, like: Option<f64>) -> String {
    let Some(like) = like.filter(|l| l.is_finite()) else {
        return points(x);
    };
    let decimals = |v: f64| {
        let s = format!("{}", (v * 1e4).round() / 1e4);
        s.split_once('.').map_or(0, |(_, f)| f.len())
    };
    let places = decimals(like).max(decimals(x)).min(4);
    format!("{x:.places$}")
}

/// A ratio to three decimals: `0.986`.
pub fn ratio(x: f64) -> String {
    let s = format!("{:.3}", x);
    if s == "-0.000" {
        "0.000".to_string()
    } else {
        s
    }
}

/// `x` to 12 significant digits, for machines (CSV and JSON): the float
/// noise of arithmetic goes (-407.70000000000005 is -407.7, 0.7183999999999999
/// is 0.7184), and no published figure has more digits than that.
pub fn significant(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    fast_significant(x).unwrap_or_else(|| format!("{x:.11e}").parse().unwrap_or(x))
}

/// Powers of ten a double holds exactly.
const EXACT_TENS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `significant` without printing: x scaled to twelve digits before the
/// point, rounded, and scaled back by one exact power of ten, so a single
/// correctly rounded operation gives the double nearest the 12-digit
/// decimal, as parsing it would. None (the slow path decides) where the
/// scaled value is exactly a whole number and a half, so that the scaling's
/// rounding could have tipped it either way, or where the power of ten is
/// not exact.
fn fast_significant(x: f64) -> Option<f64> {
    let (r, k) = twelve(x)?;
    let ten = *EXACT_TENS.get(k.unsigned_abs() as usize)?;
    // Through i64: r is under 2^41, and a signed conversion is one
    // instruction where an unsigned one is a dozen.
    let r = r as i64 as f64;
    let y = if k >= 0 { r / ten } else { r * ten };
    Some(y.copysign(x))
}

/// |x|'s twelve significant digits as the whole number `r` (10^11 to
/// 10^12) that |x| × 10^`k` rounds to, where the quick rounding is sure of
/// them (`fast_significant`, which takes only a `k` of at most 22 in
/// size, and `digits`).
#[inline]
fn twelve(x: f64) -> Option<(u64, i32)> {
    // floor(log10 |x|) from the binary exponent (log10 2 ≈ 78913 / 2^18),
    // off by at most one, which the loop corrects.
    let binary = ((x.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let mut e = (binary * 78913) >> 18;
    for _ in 0..2 {
        let k = 11 - e;
        let (m, exact) = scaled(x.abs(), k)?;
        if m >= 1e12 {
            e += 1;
            continue;
        }
        if m < 1e11 {
            e -= 1;
            continue;
        }
        // The whole part by a conversion to a signed integer (exact: m is
        // under 2^40; one instruction each way, where `floor` and `round`
        // are calls into a software routine on the baseline x86-64 this is
        // built for, and an unsigned conversion is a dozen instructions).
        let whole = m as i64;
        // Exact: m and its whole part are within 1 of each other.
        let fraction = m - whole as f64;
        // Scaled in one operation, m is the scaled |x| correctly rounded:
        // within half a unit of its last place of the true value. That
        // unit is a power of two under 2^-12 (m is under 2^40), so m and
        // the half between two whole numbers are both whole multiples of
        // it: unless m is that half itself, they are a unit apart at the
        // least, and the true value lies on m's side of it. So the
        // rounding below is sure, but for a fraction of exactly ½, which
        // the slow path decides. Scaled in two, m may be off by 2^-52 of
        // 10^12 (2.2e-4), and a fraction within 1e-3 of ½ goes the slow
        // way. (All once went the slow way within 1e-3 of ½, and every
        // figure under 10^-11: 7,467 of a portfolio's million figures,
        // printed and parsed; docs/performance.md, "Issue 26, sixteenth
        // step".)
        let unsure = if exact {
            fraction == 0.5
        } else {
            (fraction - 0.5).abs() < 1e-3
        };
        if unsure {
            return None;
        }
        let r = whole.unsigned_abs() + u64::from(fraction > 0.5);
        return Some((r, k));
    }
    None
}

/// `a` × 10^`k`, and whether it is one correctly rounded operation (by an
/// exact power of ten, 10^-22 to 10^22) or two (a figure under 10^-11,
/// such as the chance of a target far out of reach: by 10^22, then by the
/// rest, up to 10^44); `None` for larger figures and smaller ones, which
/// are left to the slow path.
#[inline]
fn scaled(a: f64, k: i32) -> Option<(f64, bool)> {
    if let Some(&ten) = EXACT_TENS.get(k.unsigned_abs() as usize) {
        return Some((if k >= 0 { a * ten } else { a / ten }, true));
    }
    let rest = *EXACT_TENS.get(usize::try_from(k - 22).ok()?)?;
    Some((a * 1e22 * rest, false))
}

/// `x` (finite) to 12 significant digits as JSON writes it here: the text
/// serde_json writes for the rounded double (zmij's shortest digits, laid
/// out as `149.045957447`, `2.0`, `0.00001`, `4.55714854741e-9`,
/// `1.2e+16`), in `buf`. Made from the twelve digits the rounding found:
/// the double nearest a decimal of at most 15 digits has that decimal as its
/// shortest digits, so there is nothing to search the double for again.
/// Where the quick rounding is unsure, and for 0, zmij writes the rounded
/// double.
pub fn json_figure(x: f64, buf: &mut [u8; 40]) -> &[u8] {
    let Some((word, n, point)) = digits(x) else {
        let mut shortest = zmij::Buffer::new();
        let text = shortest.format_finite(significant(x)).as_bytes();
        let n = text.len().min(buf.len());
        buf[..n].copy_from_slice(&text[..n]);
        return &buf[..n];
    };
    if let Some((word, len)) = in_word(x < 0.0, word, n, point) {
        buf[..16].copy_from_slice(&word.to_le_bytes());
        return &buf[..len];
    }
    // The digits, then zeros: the zeros a whole number ends in come with
    // them, and every copy below is of a fixed length (a few moves, where
    // one of a length known only here is a call).
    let mut digits = [b'0'; 32];
    digits[..16].copy_from_slice(&word.to_le_bytes());
    buf[0] = b'-';
    let s = usize::from(x < 0.0);
    // zmij lays a figure out with a point where its first digit's power of
    // ten (point - 1) is from -5 to 15, else with an exponent.
    let end = match point - 1 {
        -5..=15 if point <= 0 => {
            // 0.000ddd
            let zeros = point.unsigned_abs() as usize;
            buf[s..s + 8].copy_from_slice(b"0.000000");
            buf[s + 2 + zeros..s + 18 + zeros].copy_from_slice(&digits[..16]);
            s + 2 + zeros + n
        }
        -5..=15 if point as usize >= n => {
            // ddd000.0
            let point = point as usize;
            buf[s..s + 16].copy_from_slice(&digits[..16]);
            buf[s + point..s + point + 2].copy_from_slice(b".0");
            s + point + 2
        }
        -5..=15 => {
            // ddd.ddd
            let point = point as usize;
            buf[s..s + 16].copy_from_slice(&digits[..16]);
            buf[s + point] = b'.';
            buf[s + point + 1..s + point + 17].copy_from_slice(&digits[point..point + 16]);
            s + n + 1
        }
        power => {
            // d.ddde±k, or de±k
            buf[s] = digits[0];
            buf[s + 1] = b'.';
            buf[s + 2..s + 18].copy_from_slice(&digits[1..17]);
            let mut at = if n > 1 { s + 1 + n } else { s + 1 };
            buf[at..at + 2].copy_from_slice(if power < 0 { b"e-" } else { b"e+" });
            at += 2;
            let power = power.unsigned_abs() as usize;
            if power >= 100 {
                buf[at] = b'0' + (power / 100) as u8;
                at += 1;
            }
            let pair = PAIRS[power % 100];
            if power >= 10 {
                buf[at] = pair[0];
                at += 1;
            }
            buf[at] = pair[1];
            at + 1
        }
    };
    &buf[..end]
}

/// `json_figure`'s text for most figures, `-ddd.ddd`, `-ddd000.0` or
/// `-0.000ddd` in at most 16 bytes, made in a 128-bit word (its first byte
/// the lowest; the bytes past the length are not the figure's) and given
/// with its length; `None` for the rest (0,
/// exponents, longer texts, and where the quick rounding is unsure), which
/// `json_figure` lays out in a buffer. Made in a register and stored once:
/// laid out in a buffer, a byte or two at a time, and then copied out, the
/// copy waited on the small writes before it, a third of `json_figure`
/// (docs/performance.md, "Issue 26, thirteenth step").
#[inline]
pub fn json_figure_word(x: f64) -> Option<(u128, usize)> {
    let (digits, n, point) = digits(x)?;
    in_word(x < 0.0, digits, n, point)
}

/// Figures laid out lately for JSON, by their bits: a plan repeats many
/// (a latest value as reported and as the forecast's jump-off, a target as
/// stated, the share of the time elapsed and the t quantile in every KPI).
/// Over the 1,000-plan portfolio, 29 % of the figures are found here, and
/// finding one is a hash and a comparison where laying it out takes some
/// 15 ns (docs/performance.md, "Issue 26, sixteenth step").
pub struct RecentFigures {
    slots: [Recent; RECENT],
}

/// How many figures `RecentFigures` keeps: 8 kB, in the first level of cache.
const RECENT: usize = 256;

/// One figure's bits and its `json_figure_word`.
#[derive(Clone, Copy)]
struct Recent {
    bits: u64,
    word: u128,
    len: usize,
}

impl RecentFigures {
    pub const fn new() -> RecentFigures {
        // No finite figure has these bits (a NaN's), so no figure is found
        // in a slot not yet filled.
        let empty = Recent {
            bits: f64::NAN.to_bits(),
            word: 0,
            len: 0,
        };
        RecentFigures {
            slots: [empty; RECENT],
        }
    }

    /// `json_figure_word(x)` for a finite `x`: kept in the slot its bits
    /// hash to, in place of the figure there before.
    #[inline]
    pub fn json_word(&mut self, x: f64) -> Option<(u128, usize)> {
        debug_assert!(x.is_finite());
        let bits = x.to_bits();
        // The top byte of the bits times 2^64 over the golden ratio: every
        // bit of the figure has a say (short decimals like 0.8 end in
        // dozens of zero bits).
        let slot = &mut self.slots[(bits.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize];
        if slot.bits != bits {
            let (word, len) = json_figure_word(x)?;
            *slot = Recent { bits, word, len };
        }
        Some((slot.word, slot.len))
    }
}

impl Default for RecentFigures {
    fn default() -> Self {
        Self::new()
    }
}

/// |x|'s twelve significant digits (x finite, not 0) as the bytes of a
/// word, the first in the lowest byte, then four zeros; how many there are
/// before the zeros they end in; and `point`, where |x| = 0.d₁d₂…d₁₂ ×
/// 10^point. `None` where the quick rounding is unsure.
#[inline]
fn digits(x: f64) -> Option<(u128, usize, i32)> {
    if x == 0.0 {
        return None;
    }
    let (r, k) = twelve(x)?;
    // |x| = 0.d₁d₂…d₁₂ × 10^point.
    let (r, point) = match r {
        1_000_000_000_000 => (100_000_000_000, 13 - k),
        r => (r, 12 - k),
    };
    // The twelve digits, the first in the lowest byte, then four zeros.
    let four = |v: u64| FOURS[v as usize];
    let (high, low) = (r / 100_000_000, r % 100_000_000);
    let digits = u128::from(four(high))
        | u128::from(four(low / 10_000)) << 32
        | u128::from(four(low % 10_000)) << 64
        | u128::from(u32::from_le_bytes(*b"0000")) << 96;
    // How many digits there are before the zeros they end in: the first
    // is not 0 (r is at least 10^11), so some byte of the twelve differs.
    let zeros = (digits ^ u128::from_le_bytes([b'0'; 16])) & ((1 << 96) - 1);
    let n = 12 - (zeros.leading_zeros() as usize - 32) / 8;
    Some((digits, n, point))
}

/// The figure of `digits`, `n` and `point` (as `digits` gives them), signed
/// when `negative`, laid out in a word as `json_figure_word` says, and its
/// length; `None` where it is laid out otherwise. The bytes past the length
/// are not the figure's, and are cut off by whoever takes it.
#[inline]
fn in_word(negative: bool, digits: u128, n: usize, point: i32) -> Option<(u128, usize)> {
    // Where zmij writes a point (the first digit's power of ten, point - 1,
    // from -5 to 15), up to the fourteenth digit: `ddd000.0` then fits.
    // Masks and points from tables: a shift of a 128-bit word by a number
    // known only here is a dozen instructions.
    let (word, len) = match point {
        1..=14 => {
            let point = point as usize;
            let before = FIRST[point];
            // The digits before the point, the point, and the rest a byte
            // up: `ddd.ddd`, or where no digit is left, `ddd000.0` (after
            // the point, the first of the zeros `digits` ends in).
            let word = (digits & before) | POINT[point] | (digits & !before) << 8;
            (word, (n + 1).max(point + 2))
        }
        // 0.ddd, the most common after ddd.ddd (shares and ratios).
        0 => (u128::from(u16::from_le_bytes(*b"0.")) | digits << 16, n + 2),
        -4..=-1 => {
            // 0.000ddd
            let lead = 2 + point.unsigned_abs() as usize;
            if lead + n > 16 {
                return None;
            }
            let zeros = u128::from_le_bytes(*b"0.00000000000000");
            (zeros & FIRST[lead] | digits << (8 * lead), lead + n)
        }
        _ => return None,
    };
    match negative {
        false => Some((word, len)),
        true if len < 16 => Some((word << 8 | u128::from(b'-'), len + 1)),
        true => None,
    }
}

/// The first `i` bytes of a word: `FIRST[i]` has them all set, and no other.
const FIRST: [u128; 16] = {
    let mut masks = [0; 16];
    let mut i = 0;
    while i < 16 {
        masks[i] = (1 << (8 * i)) - 1;
        i += 1;
    }
    masks
};

/// A point in byte `i` of a word.
const POINT: [u128; 16] = {
    let mut points = [0; 16];
    let mut i = 0;
    while i < 16 {
        points[i] = (b'.' as u128) << (8 * i);
        i += 1;
    }
    points
};

/// "0000" to "9999", the first digit in the lowest byte: a figure's twelve
/// digits are three lookups (40 kB, in the second level of cache), where
/// pairs of digits took six and the divisions between them. With the
/// point placed from `FIRST` and `POINT`, 21.0 → 14.9 ns a figure over the
/// portfolio's (docs/performance.md, "Issue 26, sixteenth step").
static FOURS: [u32; 10_000] = {
    let mut fours = [0; 10_000];
    let mut i = 0;
    while i < 10_000 {
        let digits = [i / 1000, i / 100 % 10, i / 10 % 10, i % 10];
        fours[i] = u32::from_le_bytes([
            b'0' + digits[0] as u8,
            b'0' + digits[1] as u8,
            b'0' + digits[2] as u8,
            b'0' + digits[3] as u8,
        ]);
        i += 1;
    }
    fours
};

/// "00" to "99".
const PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0u8; 2]; 100];
    let mut i = 0;
    while i < 100 {
        pairs[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    pairs
};

/// `x` to 12 significant digits (`significant`), written as `Display`
/// writes the rounded figure (`1`, `0.0000001`, `-407.7`, never an exponent)
/// but from zmij's shortest digits: the standard library's search for them
/// was a sixth of writing the million-figure portfolio as CSV.
pub fn twelve_digits(x: f64) -> String {
    shortest(significant(x))
}

/// `x` as `Display` writes it, for a figure of at most 15 significant
/// digits (which `twelve_digits` gives it). Only one decimal of so few
/// digits reads as a given double, so zmij and the standard library find
/// the same digits; beyond 15 they may choose differently (for
/// 660381955594189.25, zmij ends in .2, `Display` in .3). A figure that is
/// not finite is left to `Display`.
fn shortest(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let mut buffer = zmij::Buffer::new();
    let printed = buffer.format_finite(x);
    if !printed.contains('e') {
        // `-ddd.ddd`, as `Display` writes it but for the `.0` zmij puts
        // after a whole number (shortest digits end in no other zero).
        return printed.strip_suffix(".0").unwrap_or(printed).to_string();
    }
    let printed = printed.as_bytes();
    // `-d.ddde±k`: the digits, and the power of ten of the last.
    let (negative, rest) = match printed {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, printed),
    };
    let e = rest.iter().position(|&b| b == b'e').unwrap_or(rest.len());
    let (mantissa, exponent) = rest.split_at(e);
    let mut power: i32 = match exponent {
        [_, b'-', k @ ..] => -decimal(k),
        [_, b'+', k @ ..] | [_, k @ ..] => decimal(k),
        [] => 0,
    };
    let mut digits = Vec::with_capacity(mantissa.len());
    let mut after_point = false;
    for &b in mantissa {
        match b {
            b'.' => after_point = true,
            _ => {
                digits.push(b);
                power -= i32::from(after_point);
            }
        }
    }
    let first = digits
        .iter()
        .position(|&b| b != b'0')
        .unwrap_or(digits.len());
    let last = digits
        .iter()
        .rposition(|&b| b != b'0')
        .map_or(first, |i| i + 1);
    power += (digits.len() - last) as i32;
    let digits = &digits[first..last];
    // The value is `digits` x 10^power.
    let mut out = Vec::with_capacity(digits.len() + 8);
    if negative {
        out.push(b'-');
    }
    let point = digits.len() as i32 + power;
    if digits.is_empty() {
        out.push(b'0');
    } else if power >= 0 {
        out.extend_from_slice(digits);
        out.resize(out.len() + power as usize, b'0');
    } else if point > 0 {
        let (whole, fraction) = digits.split_at(point as usize);
        out.extend_from_slice(whole);
        out.push(b'.');
        out.extend_from_slice(fraction);
    } else {
        out.extend_from_slice(b"0.");
        out.resize(out.len() + (-point) as usize, b'0');
        out.extend_from_slice(digits);
    }
    // Digits, a sign and a point are ASCII.
    String::from_utf8(out).unwrap_or_else(|_| x.to_string())
}

/// The number ASCII `digits` write (an exponent: three digits at most).
fn decimal(digits: &[u8]) -> i32 {
    digits
        .iter()
        .fold(0, |n, &d| n * 10 + i32::from(d.wrapping_sub(b'0')))
}

/// What stands in a cell with no figure.
pub const NONE: &str = "—";

#[cfg(test)]
mod tests {
    use super::*;

    /// The slow, plainly right way: print to 12 digits, read back.
    fn printed(x: f64) -> f64 {
        format!("{x:.11e}").parse().unwrap()
    }

    fn json(x: f64) -> String {
        String::from_utf8(json_figure(x, &mut [0; 40]).to_vec()).unwrap()
    }

    /// The rounded double as serde_json writes it.
    fn by_serde_json(x: f64) -> String {
        let mut out = Vec::new();
        serde_json::ser::Formatter::write_f64(
            &mut serde_json::ser::CompactFormatter,
            &mut out,
            significant(x),
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The text of a figure made in one word: its first `len` bytes.
    fn word_text(word: Option<(u128, usize)>) -> Option<String> {
        word.map(|(word, len)| String::from_utf8(word.to_le_bytes()[..len].to_vec()).unwrap())
    }

    #[test]
    fn json_figures_at_the_edges() {
        for (x, text) in [
            (149.0459574468085, "149.045957447"),
            (2.0, "2.0"),
            (-407.70000000000005, "-407.7"),
            (0.00001, "0.00001"),
            (0.000001, "1e-6"),
            (1.5e-6, "1.5e-6"),
            (4.557148547411e-9, "4.55714854741e-9"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.2e16, "1.2e+16"),
            (999999999999.5, "1000000000000.0"),
            (9.999999999996e-6, "0.00001"),
            (123456789012345.0, "123456789012000.0"),
            (0.1234567890125, "0.123456789012"),
            (1.5e-100, "1.5e-100"),
            (f64::MAX, "1.79769313486e+308"),
            (5e-324, "5e-324"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            // Where the figure made in one 16-byte word gives way to the
            // buffer: a point after the 14th digit, 16 bytes with a sign.
            (12345678901234.0, "12345678901200.0"),
            (-12345678901234.0, "-12345678901200.0"),
            (99999999999999.5, "100000000000000.0"),
            (-1234567.891234567, "-1234567.89123"),
            (-9.99999999999951, "-10.0"),
            (0.5, "0.5"),
            (-0.7183999999999999, "-0.7184"),
            (0.0001234567890123, "0.000123456789012"),
            (-0.0001234567890123, "-0.000123456789012"),
            (0.00012345678, "0.00012345678"),
            (-0.00012345678, "-0.00012345678"),
            // Under 10^-11, scaled in two steps: a chance far out of reach.
            (4.107825191114e-15, "4.10782519111e-15"),
            (-1.148117936745e-16, "-1.14811793675e-16"),
            (9.9999999999996e-12, "1e-11"),
            // A 13th digit of 5, the double just above it, where scaling in
            // two steps lands just below the half: a case for the slow path.
            (5.246579012525e-16, "5.24657901253e-16"),
            (1.5e-33, "1.5e-33"),
            (1.5e-34, "1.5e-34"),
        ] {
            assert_eq!(json(x), text, "{x:e}");
            assert_eq!(json(x), by_serde_json(x), "{x:e}");
            if let Some(word) = word_text(json_figure_word(x)) {
                assert_eq!(word, text, "{x:e}");
            }
        }
    }

    /// A decimal of at most `digits` digits (as many figures of each
    /// length, from one digit to past twelve), signed as `n` is, times
    /// 10^`shift`.
    fn short_decimal(digits: u32, n: i64, shift: i32) -> f64 {
        (n % 10i64.pow(digits)) as f64 * 10f64.powi(shift)
    }

    proptest::proptest! {
        /// Any double, as its bits pick it (tiny, huge, subnormal, whole,
        /// negative), rounded to 12 digits, prints exactly as `Display`
        /// prints the rounded figure.
        #[test]
        fn twelve_digits_writes_what_display_writes(bits in proptest::prelude::any::<u64>()) {
            let x = f64::from_bits(bits);
            proptest::prop_assert_eq!(twelve_digits(x), significant(x).to_string());
        }

        /// Figures of a few digits at every magnitude, as a store's are.
        #[test]
        fn twelve_digits_writes_what_display_writes_for_short_decimals(
            (digits, n, shift) in (1u32..=14, proptest::prelude::any::<i64>(), -30i32..30),
        ) {
            let x = short_decimal(digits, n, shift);
            proptest::prop_assert_eq!(twelve_digits(x), significant(x).to_string());
        }

        /// A figure made from its twelve digits reads as serde_json writes
        /// the rounded double, for any finite double …
        #[test]
        fn json_figure_is_what_serde_json_writes(bits in proptest::prelude::any::<u64>()) {
            let x = f64::from_bits(bits);
            if x.is_finite() {
                proptest::prop_assert_eq!(json(x), by_serde_json(x));
            }
        }

        /// … and for figures of a few digits at every magnitude, either
        /// side of where the exponent form begins and ends.
        #[test]
        fn json_figure_is_what_serde_json_writes_for_short_decimals(
            (digits, n, shift) in (1u32..=14, proptest::prelude::any::<i64>(), -30i32..30),
        ) {
            let x = short_decimal(digits, n, shift);
            proptest::prop_assert_eq!(json(x), by_serde_json(x));
        }

        /// The figure made in one word, where it is, is the same text, cut
        /// at its length: the bytes after it are not looked at.
        #[test]
        fn json_figure_word_is_what_serde_json_writes_for_short_decimals(
            (digits, n, shift) in (1u32..=14, proptest::prelude::any::<i64>(), -30i32..30),
        ) {
            let x = short_decimal(digits, n, shift);
            if let Some(text) = word_text(json_figure_word(x)) {
                proptest::prop_assert_eq!(text, by_serde_json(x));
            }
        }

        /// A figure found among the recent ones is the figure laid out
        /// afresh, over runs with repeats and with more figures than slots
        /// (so that figures displace each other).
        #[test]
        fn recent_figures_are_laid_out_afresh(
            pool in proptest::collection::vec((1u32..=14, proptest::prelude::any::<i64>(), -6i32..6), 1..600),
            picks in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 1..2000),
        ) {
            let mut recent = RecentFigures::new();
            for pick in picks {
                let (digits, n, shift) = pool[pick.index(pool.len())];
                let x = short_decimal(digits, n, shift);
                proptest::prop_assert_eq!(
                    word_text(recent.json_word(x)),
                    word_text(json_figure_word(x)),
                    "{:e}", x
                );
            }
        }

        /// The fast rounding gives the very double printing and parsing
        /// gives, over every magnitude a figure has, and where it declines,
        /// the slow path answers.
        #[test]
        fn significant_is_printing_and_parsing(
            mantissa in 1.0f64..10.0,
            exponent in -30i32..30,
            negative in proptest::bool::ANY,
        ) {
            let x = mantissa * 10f64.powi(exponent) * if negative { -1.0 } else { 1.0 };
            proptest::prop_assert_eq!(significant(x).to_bits(), printed(x).to_bits());
        }

        /// Figures at and a few units of the last place either side of a
        /// 13th digit of 5, at every scale the quick rounding works at
        /// (times 10^-33 to 10^11 of the twelve digits, 0.5 × 10^-33 to
        /// 10^22; scaled in two operations below 10^-11): where the
        /// rounding tips, it tips as printing and parsing does, and JSON
        /// writes what serde_json writes.
        #[test]
        fn halfway_figures_round_as_printing_and_parsing(
            twelve in 100_000_000_000u64..1_000_000_000_000,
            scale in -33i32..11,
            nudge in -4i32..=4,
            negative in proptest::bool::ANY,
        ) {
            let half = (twelve as f64 + 0.5) * 10f64.powi(scale);
            let mut x = if negative { -half } else { half };
            for _ in 0..nudge.unsigned_abs() {
                x = if nudge > 0 { x.next_up() } else { x.next_down() };
            }
            proptest::prop_assert_eq!(significant(x).to_bits(), printed(x).to_bits(), "{:e}", x);
            proptest::prop_assert_eq!(json(x), by_serde_json(x), "{:e}", x);
            if let Some(text) = word_text(json_figure_word(x)) {
                proptest::prop_assert_eq!(text, by_serde_json(x), "{:e}", x);
            }
        }

        #[test]
        fn significant_on_arbitrary_doubles(bits in proptest::num::u64::ANY) {
            let x = f64::from_bits(bits);
            if x.is_finite() && x != 0.0 {
                proptest::prop_assert_eq!(significant(x).to_bits(), printed(x).to_bits());
            }
        }
    }

    #[test]
    fn shortest_at_the_edges() {
        for x in [
            0.0,
            -0.0,
            1.0,
            100.0,
            1e15,
            1e16,
            1e20,
            1e-7,
            0.001,
            5e-324,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            12345678901234567.0,
            -407.70000000000005,
            0.7184,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(shortest(x), x.to_string(), "{x:e}");
            assert_eq!(twelve_digits(x), significant(x).to_string(), "{x:e}");
        }
    }

    #[test]
    fn significant_at_its_edges() {
        for x in [
            -407.70000000000005,
            0.7183999999999999,
            999999999999.5,
            999999999999.4,
            0.1234567890125,
            1.0,
            1e22,
            1e-22,
            123456789012345.0,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
        ] {
            assert_eq!(significant(x).to_bits(), printed(x).to_bits(), "{x}");
        }
    }

    #[test]
    fn values_are_grouped_and_trimmed() {
        assert_eq!(value(32.34), "32.34");
        assert_eq!(value(500.0), "500");
        assert_eq!(value(10000.0), "10,000");
        assert_eq!(value(-410.4), "-410.4");
        assert_eq!(value(1234567.891), "1,234,567.891");
        assert_eq!(value(1469.3280768), "1,469.33");
        assert_eq!(value(0.034712345678), "0.0347");
        assert_eq!(value(-0.0001), "-0.0001");
        assert_eq!(value(-0.0000001), "-0.0000001");
        assert_eq!(value(-1e-12), "0");
        assert_eq!(value(89.6), "89.6");
        // As published, and a difference of published figures without noise.
        assert_eq!(value(0.425), "0.425");
        assert_eq!(value(0.425 - 0.46), "-0.035");
        assert_eq!(value(166.53862), "166.53862");
        assert_eq!(value(125.0 / 3.0), "41.67");
        assert_eq!(count(689.24, true), "about 689");
        assert_eq!(count(689.0, true), "689");
    }

    #[test]
    fn machine_figures_lose_only_float_noise() {
        assert_eq!(significant(-407.70000000000005).to_string(), "-407.7");
        assert_eq!(significant(0.7183999999999999).to_string(), "0.7184");
        assert_eq!(significant(-422.4000000000001).to_string(), "-422.4");
        assert_eq!(significant(32.34).to_string(), "32.34");
        assert_eq!(significant(123456789012.7).to_string(), "123456789013");
        assert_eq!(significant(1e-9).to_string(), "0.000000001");
        assert_eq!(significant(0.0), 0.0);
    }

    #[test]
    fn percentages_and_ratios() {
        assert_eq!(percent(0.48), "48.0 %");
        assert_eq!(signed(-2.0, "pp"), "-2.0 pp");
        assert_eq!(signed(-0.01, "pp"), "0.0 pp");
        assert_eq!(ratio(0.986074), "0.986");
        assert_eq!(with_unit(5.5, "%"), "5.5 %");
        assert_eq!(with_unit(45.0, "km²"), "45 km²");
    }
}
