//! `plantrack chart`: PNG and SVG charts of every KPI, a dashboard and the
//! progress bars, written atomically under `--out/<plan-id>/`.

use std::path::{Path, PathBuf};

use super::{Exit, Failure, Outcome, Selection, as_of_for, emit, load_inputs};
use crate::core::assess::assess;
use crate::files;
use crate::intake::load::LoadedPlan;
use crate::lang::Lang;
use crate::output::chart::{self, Picture, fonts};
use crate::output::words::files::wrote;
use crate::problem::Problem;

#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub selection: Selection,
    /// The folder to write into; each plan's charts go in <OUT>/<plan-id>/.
    #[arg(long, value_name = "DIR", default_value = "charts")]
    pub out: PathBuf,
    /// png, svg or both.
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Format::Both)]
    pub format: Format,
    /// Size of each KPI's chart in pixels, WIDTHxHEIGHT.
    #[arg(long, value_name = "WxH", default_value = "1000x600", value_parser = parse_size)]
    pub size: (u32, u32),
    /// A font file to draw with (.ttf, .otf or .ttc with Chinese characters);
    /// default: the built-in fonts (Noto Sans, and Noto Sans CJK SC cut to
    /// GB 2312), then a CJK font of the system for a character outside them.
    #[arg(long, value_name = "FILE")]
    pub font: Option<PathBuf>,
}

/// Which picture files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Png,
    Svg,
    Both,
}

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("`{text}` is not a size; write WIDTHxHEIGHT, e.g. 1000x600"))?;
    let w: u32 = w
        .trim()
        .parse()
        .map_err(|_| format!("`{w}` is not a width in pixels"))?;
    let h: u32 = h
        .trim()
        .parse()
        .map_err(|_| format!("`{h}` is not a height in pixels"))?;
    if !(400..=6000).contains(&w) || !(300..=6000).contains(&h) {
        return Err(format!(
            "{w}x{h} is outside 400x300 to 6000x6000, where the charts stay legible"
        ));
    }
    Ok((w, h))
}

/// A name that stays inside the output folder: `[a-z0-9_-]+`.
pub fn safe(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

pub fn run(args: &Args, lang: Option<crate::lang::Lang>) -> Outcome {
    let (loaded, lang) = load_inputs(&args.selection.sources, &args.selection.filter, lang)?;
    use_fonts(lang, args.font.as_deref(), &loaded.plans)
        .map_err(|p| Failure::from(p).in_lang(lang))?;
    if let Some(lp) = loaded.plans.iter().find(|lp| !safe(&lp.plan.id)) {
        let problem = Problem::error(format!("plan id `{}` cannot name a folder", lp.plan.id));
        return Err(Failure::from(vec![problem]).in_lang(lang));
    }
    // Plan by plan, so a portfolio's pictures are never all in memory at
    // once: a problem with a later plan leaves the earlier plans' charts
    // written, and the failure says which.
    let mut written: Vec<(PathBuf, usize)> = Vec::new();
    for lp in &loaded.plans {
        if let Err(problems) = draw_plan(lp, args, lang, &mut written) {
            return Err(Failure {
                problems,
                written: written.into_iter().map(|(path, _)| path).collect(),
                lang: Some(lang),
            });
        }
    }
    let said: Vec<String> = written
        .iter()
        .map(|(path, n)| wrote(lang, path, *n))
        .collect();
    emit(&(said.join("\n") + "\n"))?;
    Ok(Exit::Done)
}

/// Draws one plan's charts and writes them under `--out/<plan-id>/`.
fn draw_plan(
    lp: &LoadedPlan,
    args: &Args,
    lang: Lang,
    written: &mut Vec<(PathBuf, usize)>,
) -> Result<(), Vec<Problem>> {
    let plan = &lp.plan;
    let as_of = as_of_for(&args.selection.cut, lp);
    let a = assess(plan, &lp.observations, as_of, args.selection.cut.method);
    let kpis = args.selection.filter.ids_in(&lp.plan);
    let pictures = chart::pictures(plan, &lp.observations, &a, &kpis, lang);
    if pictures.is_empty() {
        return Ok(());
    }
    check_texts(&pictures)?;
    let png_too = args.format != Format::Svg;
    let svg_too = args.format != Format::Png;
    let files = chart::render_all(&pictures, args.size, lang, png_too, svg_too)
        .map_err(|e| vec![Problem::error(format!("cannot draw a chart: {e}"))])?;
    let dir = args.out.join(&plan.id);
    files::create_dir(&dir)?;
    for (file, bytes) in files {
        let path = dir.join(&file);
        files::write(&path, &bytes)?;
        written.push((path, bytes.len()));
    }
    Ok(())
}

/// Registers the font to draw with (`fonts::choose`): for `zh`, or for any
/// text of the plans (names, units, scopes) that Noto Sans cannot draw, the
/// built-in Chinese font, or `font`.
pub fn use_fonts(
    lang: Lang,
    font: Option<&Path>,
    plans: &[LoadedPlan],
) -> Result<(), Vec<Problem>> {
    let mut units: Vec<String> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut scopes: foldhash::HashSet<&str> = foldhash::HashSet::default();
    for lp in plans {
        let plan = &lp.plan;
        // Each text as it is drawn in `lang`, and as the plan writes it.
        texts.extend([plan.name.as_str()]);
        texts.push(lang.name(&plan.name, plan.name_zh.as_deref()));
        texts.extend(plan.scope.as_deref());
        texts.extend(
            plan.scopes_zh
                .keys()
                .map(|s| lang.scope(s, &plan.scopes_zh)),
        );
        for k in &plan.kpis {
            texts.extend([k.name.as_str(), k.unit.as_str()]);
            texts.push(lang.name(&k.name, k.name_zh.as_deref()));
            units.push(lang.money(&k.unit, k.unit_zh.as_deref()).1);
            texts.extend(k.scope.as_deref());
        }
        // A legend names a figure's scope; a million figures share a few.
        for o in &lp.observations {
            scopes.insert(&o.scope);
        }
    }
    texts.extend(scopes);
    texts.extend(units.iter().map(String::as_str));
    let chosen = fonts::choose(lang, font, &texts).map_err(|p| vec![p])?;
    fonts::register(chosen).map_err(|p| vec![p])
}

/// Refuses a picture whose file name could leave its folder, or whose text
/// the font cannot draw (never an empty box in place of a character).
pub fn check_texts(pictures: &[Picture]) -> Result<(), Vec<Problem>> {
    for p in pictures {
        if !safe(p.stem()) {
            return Err(vec![Problem::error(format!(
                "`{}` cannot name a chart file",
                p.stem()
            ))]);
        }
        for text in p.texts() {
            if let Some(c) = fonts::missing_glyph(&text) {
                return Err(vec![
                    Problem::error(format!("the font has no glyph for `{c}` in \"{text}\""))
                        .hint("pass a font that covers it with --font"),
                ]);
            }
        }
    }
    Ok(())
}
