//! The status table for a terminal: one row per KPI, fitted to the width
//! (a compact layout below 120 columns), a legend of the marks it used, and
//! notes wrapped to the width.

use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::{ESTIMATED, OTHER_SCOPE, notes};
use unicode_width::UnicodeWidthStr;

use crate::core::assess::{KpiAssessment, Method, PlanAssessment};
use crate::core::plan::Kind;
use crate::core::status::Status;
use crate::lang::Lang;
use crate::output::format::{self, GLUE, NONE};

/// How the table is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    /// The width to fit, in terminal columns (a CJK character takes two).
    pub width: usize,
    /// Every column, whatever the width.
    pub wide: bool,
    pub colour: bool,
    pub lang: Lang,
}

/// Below this width the compact layout is used: the projection is left
/// out, the deciding figure goes under the status, and figures break
/// before their brackets.
pub const COMPACT_BELOW: usize = 120;

/// The width when neither `COLUMNS` nor a terminal says.
pub const DEFAULT_WIDTH: usize = 100;

/// The table (with a plan column when there are several plans), the legend
/// of the marks it shows, and the notes, each line fitted to `fit.width`.
pub fn render(assessments: &[PlanAssessment], fit: Fit) -> String {
    let several = assessments.len() > 1;
    let compact = !fit.wide && fit.width < COMPACT_BELOW;
    let method = assessments.first().map(|a| a.method).unwrap_or_default();
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if fit.colour {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    let zh = fit.lang.is_zh();
    let mut header: Vec<&str> = Vec::new();
    if several {
        header.push(fit.lang.pick("Plan", "规划"));
    }
    header.extend(if zh {
        [
            "指标",
            "最新值\n（期间）",
            "同比",
            "目标",
            "差距",
            "完成进度\n对时间进度",
        ]
    } else {
        [
            "KPI",
            "Latest\n(period)",
            "YoY",
            "Target",
            "Gap",
            "Completion\nvs time",
        ]
    });
    if !compact {
        header.extend([
            decisive(method, fit.lang),
            fit.lang.pick("Projected", "预测值"),
        ]);
    }
    header.push(fit.lang.pick("Status", "状态"));
    table.set_header(header.clone());
    // The KPI names' column.
    let name = usize::from(several);
    let mut used = Used::default();
    let mut out = String::new();
    for a in assessments {
        let title = if zh {
            let name = fit.lang.name(&a.plan_name, a.plan_name_zh.as_deref());
            let as_of = fit
                .lang
                .period(a.as_of, crate::output::words::PeriodAs::Level);
            let method = fit.lang.method_words(a.method);
            let method = method.split_once('：').map_or(method, |m| m.0);
            format!("{name}（{}）：截至{as_of}，评估方法：{method}", a.plan)
        } else {
            format!(
                "{} ({}): as of {}, method {}",
                a.plan_name,
                a.plan,
                a.as_of,
                a.method.id()
            )
        };
        out.push_str(&wrap(&title, if fit.wide { usize::MAX } else { fit.width }));
        for k in &a.kpis {
            let mut row: Vec<Cell> = Vec::new();
            if several {
                row.push(Cell::new(&a.plan));
            }
            let cells = if zh {
                zh_row_cells(k, (a.method, a.as_of), compact, &mut used)
            } else {
                row_cells(k, a.as_of, a.method, compact, &mut used)
            };
            let last = cells.len() - 1;
            for (i, text) in cells.into_iter().enumerate() {
                let mut cell = Cell::new(text);
                if i == last && fit.colour {
                    cell = cell.fg(colour_of(k.status));
                }
                row.push(cell);
            }
            table.add_row(row);
        }
    }
    // No column is narrower than its longest unbreakable run (a figure with
    // its unit, a period), so nothing is split inside one; the KPI names
    // take the width left, and wrap at spaces.
    let widths = widths(&table, name, fit);
    for (column, w) in table.column_iter_mut().zip(widths) {
        column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
    }
    out.push_str(&table.to_string());
    out.push('\n');
    // --wide fits nothing: its lines are as long as they are.
    let width = if fit.wide { usize::MAX } else { fit.width };
    let legend = if zh {
        zh_legend(&used, method, compact)
    } else {
        legend(&used, method, compact)
    };
    for line in legend {
        out.push_str(&wrap(&line, width));
    }
    for a in assessments {
        for n in notes(a, fit.lang) {
            if n.starts_with(ESTIMATED) || n.starts_with(OTHER_SCOPE) {
                continue; // said in the legend
            }
            let n = if several {
                format!("{}: {n}", a.plan)
            } else {
                n
            };
            out.push_str(&wrap(&n, width));
        }
    }
    // The glue has done its work: a reader copies plain spaces.
    out.replace(GLUE, " ")
}

/// Each column's width, its padding included: every column as wide as its
/// longest line when the table fits so; else the figures' columns so, and
/// the names' column what is left; else the figures broken at their spaces
/// (never inside a run: a figure with its unit, a period) too.
fn widths(table: &Table, name: usize, fit: Fit) -> Vec<u16> {
    use unicode_width::UnicodeWidthStr;
    const PADDING: usize = 2;
    // A Chinese name breaks between any two characters; an English one only
    // at spaces, and needs more room.
    let least_name_width = if fit.lang.is_zh() { 10 } else { 16 };
    let mut longest_line: Vec<usize> = Vec::new();
    let mut longest_run: Vec<usize> = Vec::new();
    for row in table.header().into_iter().chain(table.row_iter()) {
        for (i, cell) in row.cell_iter().enumerate() {
            if longest_line.len() <= i {
                longest_line.resize(i + 1, 0);
                longest_run.resize(i + 1, 0);
            }
            let text = cell.content();
            let line = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
            let run = text
                .split([' ', '\n'])
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0);
            longest_line[i] = longest_line[i].max(line + PADDING);
            longest_run[i] = longest_run[i].max(run + PADDING);
        }
    }
    let columns = longest_line.len();
    // Borders: one before each column and one after the last.
    let room = fit.width.saturating_sub(columns + 1);
    let full: usize = longest_line.iter().sum();
    // A unit on its own line (`（吨标准煤/万元）`) is not broken either.
    let unit_line = table
        .row_iter()
        .filter_map(|row| row.cell_iter().nth(name))
        .flat_map(|cell| {
            cell.content()
                .lines()
                .filter(|l| l.starts_with('（'))
                .map(UnicodeWidthStr::width)
                .collect::<Vec<_>>()
        })
        .max()
        .map_or(0, |w| w + PADDING);
    let least_name = longest_run
        .get(name)
        .copied()
        .unwrap_or(0)
        .min(least_name_width + PADDING)
        .max(unit_line);
    if fit.wide || full <= room {
        return longest_line
            .into_iter()
            .map(|w| u16::try_from(w).unwrap_or(u16::MAX))
            .collect();
    }
    // From the narrowest each column may be, the room left goes first to the
    // names (up to a readable 30 columns), then to the other columns, the
    // cheapest to set on one line first, then to the names again.
    let mut out = longest_run.clone();
    out[name] = least_name;
    let mut left = room.saturating_sub(out.iter().sum());
    let grow = |out: &mut Vec<usize>, left: &mut usize, i: usize, to: usize| {
        let more = to.saturating_sub(out[i]).min(*left);
        out[i] += more;
        *left -= more;
    };
    grow(
        &mut out,
        &mut left,
        name,
        longest_line[name].min(30 + PADDING),
    );
    let mut order: Vec<usize> = (0..columns).filter(|&i| i != name).collect();
    order.sort_by_key(|&i| longest_line[i] - longest_run[i]);
    for i in order {
        if longest_line[i] - out[i] <= left {
            grow(&mut out, &mut left, i, longest_line[i]);
        }
    }
    grow(&mut out, &mut left, name, longest_line[name]);
    if let Some(w) = out.get_mut(name) {
        *w = (*w).min(longest_line[name]);
    }
    out.into_iter()
        .map(|w| u16::try_from(w).unwrap_or(u16::MAX))
        .collect()
}

/// The heading of the figure the method decides by.
fn decisive(method: Method, lang: Lang) -> &'static str {
    match method {
        Method::GrowthRatio => lang.pick("Growth\nratio", "增速比"),
        Method::Projection => lang.pick("Projection\nratio", "预测\n完成比"),
        Method::Pace => lang.pick("Pace\n(pp)", "进度差\n（百分点）"),
    }
}

/// The cells of one KPI's row in Chinese: those of the report's table
/// (`cells_in`), broken before their brackets in the compact layout.
fn zh_row_cells(
    k: &KpiAssessment,
    (method, as_of): (Method, crate::core::period::Period),
    compact: bool,
    used: &mut Used,
) -> Vec<String> {
    let mut c = super::cells_in(k, method, Lang::Zh);
    // A figure from before the as-of period says so, as in English.
    if let Some(l) = k.latest.as_ref().filter(|_| k.kind != Kind::Milestone)
        && l.period < as_of
        && c[1].ends_with('）')
    {
        used.older = true;
        c[1].truncate(c[1].len() - '）'.len_utf8());
        c[1].push_str("，较旧）");
    }
    // Compact: what a bracket holds goes on a line of its own, unbracketed.
    let br = |s: &str| {
        if compact {
            s.replace('（', "\n").replace('）', "").replace('，', "\n")
        } else {
            s.to_string()
        }
    };
    used.estimated |= k.latest.as_ref().is_some_and(|l| l.estimated);
    used.other_scope |= k.latest.as_ref().is_some_and(|l| l.scope != k.scope);
    let yoy = match &k.yoy {
        Some(y) if y.published => format::signed(y.pct, "%").replace(' ', ""),
        Some(y) => {
            used.yoy_computed = true;
            format!("{}（推算）", format::signed(y.pct, "%").replace(' ', ""))
        }
        None => NONE.to_string(),
    };
    used.completion |= c[4] != NONE;
    let pace = br(&c[4]);
    used.ratio |= c[5] != NONE;
    // Compact: the unit on a line of its own, so that a narrow column breaks
    // the name, never the unit's brackets.
    // A long compound unit breaks after its slash: （吨标准煤/ then 万元）.
    let name = match c[0].rfind('（') {
        Some(at) if compact && at > 0 => {
            let unit = &c[0][at..];
            let unit = match unit.split_once('/') {
                Some((a, b)) if UnicodeWidthStr::width(unit) > 12 => format!("{a}/\n{b}"),
                _ => unit.to_string(),
            };
            format!("{}\n{unit}", &c[0][..at])
        }
        _ => c[0].clone(),
    };
    let mut cells = vec![name, br(&c[1]), br(&yoy), br(&c[2]), br(&c[3]), pace];
    if compact {
        cells.push(if c[5] == NONE {
            c[7].clone()
        } else {
            format!("{}\n{}", c[7], c[5])
        });
    } else {
        cells.extend([c[5].clone(), c[6].clone(), c[7].clone()]);
    }
    cells
}

/// The legend in Chinese.
fn zh_legend(used: &Used, method: Method, compact: bool) -> Vec<String> {
    let mut out = Vec::new();
    if used.estimated {
        out.push(format!(
            "{ESTIMATED} 年内累计值折合的全年数，为估算（`plantrack explain 指标` 可查看算法）"
        ));
    }
    if used.other_scope {
        out.push(format!("{OTHER_SCOPE} 统计口径与目标口径不同（见说明）"));
    }
    if used.older {
        out.push("较旧：该指标的最新数据早于报告期".to_string());
    }
    if used.yoy_computed {
        out.push("同比：比上年同期增长；标“推算”者由两期数据算得，其余为公布数".to_string());
    }
    if used.completion {
        let difference = if compact { "末行" } else { "括号内" };
        out.push(format!("完成进度对时间进度：截至该数据所属期，从基期到目标已完成的比例，与已过时间的比例相比；{difference}为两者之差"));
    }
    if used.ratio {
        let words = Lang::Zh.method_words(method);
        let place = if compact {
            "（数值列于状态之下）"
        } else {
            ""
        };
        out.push(format!("{words}{place}"));
    }
    out
}

/// Which marks and words the table showed, for its legend.
#[derive(Debug, Default)]
struct Used {
    estimated: bool,
    other_scope: bool,
    ytd: bool,
    older: bool,
    completion: bool,
    ratio: bool,
    yoy_published: bool,
    yoy_computed: bool,
}

/// The cells of one KPI's row.
fn row_cells(
    k: &KpiAssessment,
    as_of: crate::core::period::Period,
    method: Method,
    compact: bool,
    used: &mut Used,
) -> Vec<String> {
    let glue = |s: String| s.replace(' ', &GLUE.to_string());
    // Where a cell may break: a new line in the compact layout, else a space.
    let br = if compact { "\n" } else { " " };
    let kpi = if k.unit.is_empty() {
        k.name.clone()
    } else {
        format!("{} ({})", k.name, k.unit)
    };
    if let Some(l) = k.latest.as_ref().filter(|_| k.kind != Kind::Milestone) {
        used.estimated |= l.estimated;
        used.other_scope |= l.scope != k.scope;
        used.older |= l.period < as_of;
        used.ytd |= l.reported != l.value && k.kind == Kind::Flow;
    }
    let older = k
        .latest
        .as_ref()
        .is_some_and(|l| k.kind != Kind::Milestone && l.period < as_of);
    let latest = super::latest_cell(k, br, GLUE, older);
    let yoy = match &k.yoy {
        Some(y) => {
            let mark = if y.published {
                used.yoy_published = true;
                ""
            } else {
                used.yoy_computed = true;
                "c"
            };
            let mark = if mark.is_empty() {
                String::new()
            } else {
                format!("{GLUE}{mark}")
            };
            glue(format::signed(y.pct, "%")) + &mark
        }
        None => NONE.to_string(),
    };
    let target = match (k.target.value, k.target.comparator) {
        (Some(_), Some(_)) => glue(super::target_cell(k, Lang::En)).replacen(
            &format!("{GLUE}("),
            &format!("{br}("),
            1,
        ),
        _ => glue(super::target_cell(k, Lang::En)),
    };
    let gap = match (k.gap, k.gap_pct) {
        (Some(g), Some(p)) => format!("{}{br}({})", format::value(g), glue(format::signed(p, "%"))),
        (Some(g), None) => format::value(g),
        _ => NONE.to_string(),
    };
    // No way travelled yet (only the baseline known): no completion.
    let pace = match (k.completion, k.time_elapsed, k.pace_gap_pp) {
        (Some(c), Some(e), Some(pp)) if e > 0.0 => {
            used.completion = true;
            format!(
                "{} vs {}{br}({})",
                glue(format::percent(c)),
                glue(format::percent(e)),
                glue(format::signed(pp, "pp"))
            )
        }
        _ => NONE.to_string(),
    };
    let ratio = match method {
        Method::GrowthRatio => k.growth_ratio.map(format::ratio),
        Method::Projection => k.projection_ratio.map(format::ratio),
        Method::Pace => k.pace_gap_pp.map(|pp| glue(format::signed(pp, "pp"))),
    };
    used.ratio |= ratio.is_some();
    let status = k.status.label().to_string();
    let mut cells = vec![kpi, latest, yoy, target, gap, pace];
    if compact {
        cells.push(match ratio {
            Some(r) => format!("{status}\n({r})"),
            None => status,
        });
    } else {
        cells.push(ratio.unwrap_or_else(|| NONE.to_string()));
        cells.push(super::projected(k));
        cells.push(status);
    }
    cells
}

/// One line for each mark and word the table used, and only those.
fn legend(used: &Used, method: Method, compact: bool) -> Vec<String> {
    let mut out = Vec::new();
    if used.estimated {
        out.push(format!("{ESTIMATED} an annual equivalent of a year-to-date total, an estimate (`plantrack explain KPI` shows how)"));
    }
    if used.other_scope {
        out.push(format!(
            "{OTHER_SCOPE} a different scope from the target's (see the notes)"
        ));
    }
    if used.ytd {
        out.push("ytd: the year-to-date total as published".to_string());
    }
    if used.older {
        out.push("older: the KPI's latest figure is from before the as-of period".to_string());
    }
    if used.yoy_published || used.yoy_computed {
        out.push(match (used.yoy_published, used.yoy_computed) {
            (true, false) => "YoY: growth on the same period a year earlier, as published".to_string(),
            (false, true) => "YoY: growth on the same period a year earlier; c: computed from the two figures".to_string(),
            _ => "YoY: growth on the same period a year earlier, as published; c: computed from the two figures".to_string(),
        });
    }
    if used.completion {
        out.push("Completion vs time: the share of the way from baseline to target covered at the figure's own period, against the share of the time gone by then; pp: their difference in percentage points".to_string());
    }
    if used.ratio {
        let (name, what) = match method {
            Method::GrowthRatio => (
                "growth ratio",
                "the growth achieved over the growth needed to reach the target on time; 1 is on pace",
            ),
            Method::Projection => (
                "projection ratio",
                "the value projected for the target period over the target; 1 meets it",
            ),
            Method::Pace => ("pace", "completion minus time gone, in percentage points"),
        };
        let place = if compact { " (under the status)" } else { "" };
        out.push(format!("{name}{place}: {what}"));
    }
    out
}

/// `text` wrapped to `width` columns (a CJK character counts two), each
/// line ended; a figure is never parted from its `%` or `pp`.
fn wrap(text: &str, width: usize) -> String {
    if width == usize::MAX {
        return format!("{text}\n");
    }
    // Chinese breaks between any two characters, but not inside a figure
    // and its unit or date (5000亿元, 36.5平方公里, 2022年1-9月): while the
    // text is wrapped, a word joiner holds a digit to the Chinese character
    // before it and to the (at most four, a unit's length) after it.
    const JOINER: char = '\u{2060}';
    let han = |c: char| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
    let mut glued = String::with_capacity(text.len());
    let (mut before, mut unit) = (None, usize::MAX);
    for c in format::glued(text).chars() {
        unit = match c {
            c if c.is_ascii_digit() => 0,
            c if han(c) => unit.saturating_add(1),
            _ => usize::MAX,
        };
        let join = match before {
            Some(b) if han(b) && c.is_ascii_digit() => true,
            Some(_) => han(c) && unit <= 4,
            None => false,
        };
        if join {
            glued.push(JOINER);
        }
        glued.push(c);
        before = Some(c);
    }
    let mut out = String::new();
    let options =
        textwrap::Options::new(width.max(20)).word_splitter(textwrap::WordSplitter::NoHyphenation);
    for line in textwrap::wrap(&glued, options) {
        out.push_str(&line.replace(JOINER, ""));
        out.push('\n');
    }
    out
}

fn colour_of(status: Status) -> Color {
    match status {
        Status::Achieved | Status::OnTrack => Color::Green,
        Status::NeedsAcceleration | Status::Pending => Color::Yellow,
        Status::LimitedProgress | Status::Deterioration | Status::Overdue => Color::Red,
        Status::InsufficientData | Status::NoData => Color::DarkGrey,
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn chinese_wraps_between_characters_but_never_inside_a_figure_and_its_unit() {
        // 20 columns: "工业总产值达到" is 14, so 5000亿元 (10) cannot follow it.
        let text = "工业总产值达到5000亿元，2022年1-9月完成";
        let lines: Vec<String> = wrap(text, 20).lines().map(str::to_string).collect();
        assert_eq!(lines.concat(), text, "nothing lost or added");
        for l in &lines {
            assert!(!l.contains('\u{2060}'), "no joiner left: {l:?}");
            assert!(
                unicode_width::UnicodeWidthStr::width(l.as_str()) <= 20,
                "{l}"
            );
        }
        // Each figure and its unit or date whole on one line.
        for whole in ["5000亿元", "2022年1-9月"] {
            assert!(
                lines.iter().any(|l| l.contains(whole)),
                "{whole}: {lines:?}"
            );
        }
        let text = "建成区面积达到36.5平方公里，研发投入强度提高1.2个百分点";
        let lines: Vec<String> = wrap(text, 24).lines().map(str::to_string).collect();
        assert_eq!(lines.concat(), text);
        for whole in ["36.5平方公里", "1.2个百分点"] {
            assert!(
                lines.iter().any(|l| l.contains(whole)),
                "{whole}: {lines:?}"
            );
        }
    }
}
