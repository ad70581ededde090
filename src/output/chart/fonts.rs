//! Fonts for charts, which must render on a machine with no fonts at all:
//! Noto Sans and a subset of Noto Sans CJK SC (GB 2312 and the symbols
//! plantrack prints) are built into the binary. A chart whose text needs a
//! character the first lacks, in either language, is drawn with the second;
//! a character outside both is looked for in a system CJK font, else refused
//! (naming it, and `--font`) rather than drawn as an empty box.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};
use plotters::style::FontStyle;

use crate::lang::Lang;
use crate::problem::Problem;

/// The family name charts draw with; registered once per process.
pub const FAMILY: &str = "plantrack-sans";

/// Noto Sans (SIL Open Font License 1.1, assets/fonts/OFL.txt).
static NOTO_REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/NotoSans-Regular.ttf"
));
static NOTO_BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/NotoSans-Bold.ttf"
));

/// Noto Sans CJK SC Regular, cut to GB 2312 and the symbols plantrack
/// prints by assets/fonts/make-cjk-subset.py (SIL Open Font License 1.1,
/// assets/fonts/OFL-NotoSansCJK.txt): about 3 MB. Drawn for bold text too.
static CJK_SUBSET: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/NotoSansSC-Regular-subset.otf"
));

/// The font bytes in use (regular, bold), kept for glyph checks and for
/// drawing text into bitmaps.
static IN_USE: OnceLock<(&'static [u8], &'static [u8])> = OnceLock::new();

/// The bytes of the regular or bold font in use.
pub fn bytes(bold: bool) -> &'static [u8] {
    let (regular, b) = IN_USE.get().copied().unwrap_or((NOTO_REGULAR, NOTO_BOLD));
    if bold { b } else { regular }
}

/// Whether the font in use is a CJK one (the built-in subset, or a file).
pub fn is_cjk() -> bool {
    !std::ptr::eq(bytes(false), NOTO_REGULAR)
}

/// What an SVG names as its font, so that a viewer picks a close one.
pub fn svg_family(cjk: bool) -> &'static str {
    if cjk {
        "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"
    } else {
        "Noto Sans, DejaVu Sans, Helvetica, Arial, sans-serif"
    }
}

/// Registers the built-in Noto Sans, or `cjk` (the built-in subset or a
/// font file's bytes) for regular and bold text alike.
pub fn register(cjk: Option<&'static [u8]>) -> Result<(), Problem> {
    let (regular, bold): (&'static [u8], &'static [u8]) = match cjk {
        Some(b) => (b, b),
        None => (NOTO_REGULAR, NOTO_BOLD),
    };
    let bad = |_| {
        Problem::error("the font file is not a TrueType or OpenType font")
            .hint("pass a .ttf, .otf or .ttc file with --font")
    };
    plotters::style::register_font(FAMILY, FontStyle::Normal, regular).map_err(bad)?;
    plotters::style::register_font(FAMILY, FontStyle::Bold, bold).map_err(bad)?;
    // A command registers its fonts once, before it draws; the cell can only
    // be full already if that were called twice, with the same fonts.
    let _ = IN_USE.set((regular, bold));
    Ok(())
}

/// The first character of `text` the font in use cannot draw.
pub fn missing_glyph(text: &str) -> Option<char> {
    missing_in(bytes(false), &[text]).map(|(c, _)| c)
}

/// The first character of `texts` the font `bytes` cannot draw, and its
/// text. The font is read once, and each character looked up once: 300,000
/// scopes, or a name of 300,000 characters, hold a few hundred different ones.
fn missing_in<'t>(bytes: &[u8], texts: &[&'t str]) -> Option<(char, &'t str)> {
    let font = FontRef::try_from_slice(bytes).ok()?;
    let mut seen = foldhash::HashSet::default();
    texts.iter().find_map(|&t| {
        t.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control() && seen.insert(*c))
            .find(|&c| font.glyph_id(c).0 == 0)
            .map(|c| (c, t))
    })
}

/// The font a run draws `texts` with (`None`: Noto Sans): `explicit` when
/// given; else Noto Sans when it draws them all and `cjk` is not asked for
/// (Chinese output); else the built-in CJK subset when it draws them all;
/// else a system CJK font that does. A character none of them draws is
/// refused, named.
pub fn choose(
    lang: Lang,
    explicit: Option<&Path>,
    texts: &[&str],
) -> Result<Option<&'static [u8]>, Problem> {
    let cjk = lang == Lang::Zh;
    let first_missing = |bytes: &[u8]| missing_in(bytes, texts);
    // Fonts live for the whole run of the command: leaking one read from a
    // file is the plain way to give plotters the 'static bytes it asks for.
    let leak = |b: Vec<u8>| -> &'static [u8] { Box::leak(b.into_boxed_slice()) };
    if let Some(path) = explicit {
        let font = leak(cjk_font(Some(path))?);
        return match first_missing(font) {
            None => Ok(Some(font)),
            Some((c, t)) => {
                Err(no_glyph(c, t, "the font given with --font")
                    .in_file(path.display().to_string()))
            }
        };
    }
    if !cjk && first_missing(NOTO_REGULAR).is_none() {
        return Ok(None);
    }
    let Some((c, t)) = first_missing(CJK_SUBSET) else {
        return Ok(Some(CJK_SUBSET));
    };
    match cjk_font(None) {
        Ok(system) if first_missing(&system).is_none() => Ok(Some(leak(system))),
        _ => Err(no_glyph(
            c,
            t,
            "the built-in Chinese font (GB 2312) or any CJK font found on this machine",
        )),
    }
}

fn no_glyph(c: char, text: &str, fonts: &str) -> Problem {
    Problem::error(format!(
        "no font to draw `{c}` (U+{:04X}) in \"{}\": not in {fonts}",
        c as u32,
        crate::problem::readable(text, 80)
    ))
    .hint("pass a font that has it with --font FILE (.ttf, .otf or .ttc)")
}

/// Font files that hold Chinese, by the names their packages give them.
const CJK_NAMES: [&str; 12] = [
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansSC-Regular.otf",
    "NotoSansSC-Regular.ttf",
    "SourceHanSansSC-Regular.otf",
    "SourceHanSans-Regular.ttc",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "PingFang.ttc",
    "msyh.ttc",
    "simhei.ttf",
    "NotoSansCJK.ttc",
];

/// The folders searched for a CJK font: `PLANTRACK_FONT_DIRS` (separated by
/// `:`) when set, else the usual system and user font folders.
fn font_dirs() -> Vec<PathBuf> {
    if let Ok(dirs) = std::env::var("PLANTRACK_FONT_DIRS") {
        return std::env::split_paths(&dirs).collect();
    }
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/System/Library/Fonts",
        "/Library/Fonts",
        "C:\\Windows\\Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".fonts"));
        dirs.push(Path::new(&home).join(".local/share/fonts"));
    }
    dirs
}

fn search(dir: &Path, depth: usize) -> Option<PathBuf> {
    let entries = std::fs::read_dir(dir).ok()?;
    let mut subdirs = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            subdirs.push(p);
        } else {
            files.push(p);
        }
    }
    for name in CJK_NAMES {
        if let Some(f) = files
            .iter()
            .find(|f| f.file_name().is_some_and(|n| n == name))
        {
            return Some(f.clone());
        }
    }
    subdirs.sort();
    (depth > 0)
        .then(|| subdirs.iter().find_map(|d| search(d, depth - 1)))
        .flatten()
}

/// The bytes of a CJK font: `explicit` if given, else the first found.
pub fn cjk_font(explicit: Option<&Path>) -> Result<Vec<u8>, Problem> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => font_dirs().iter().find_map(|d| search(d, 4)).ok_or_else(|| {
            Problem::error("--lang zh needs a font with Chinese characters, and none was found")
                .expected("a CJK font such as Noto Sans CJK, Source Han Sans or WenQuanYi Micro Hei")
                .hint("pass one with --font FILE (.ttf, .otf or .ttc), or install one: on Debian or Ubuntu `apt-get install fonts-noto-cjk`")
        })?,
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        Problem::error(format!("cannot read the font: {e}")).in_file(path.display().to_string())
    })?;
    let font = FontRef::try_from_slice(&bytes).map_err(|_| {
        Problem::error("not a TrueType or OpenType font")
            .in_file(path.display().to_string())
            .hint("pass a .ttf, .otf or .ttc file with --font")
    })?;
    if font.glyph_id('中').0 == 0 {
        return Err(Problem::error("this font has no Chinese characters")
            .in_file(path.display().to_string())
            .hint("pass a CJK font such as Noto Sans CJK with --font"));
    }
    Ok(bytes)
}
