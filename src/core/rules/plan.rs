//! Rules a plan must follow beyond its JSON shape, checked without I/O.
//!
//! Each broken rule names the KPI and field it concerns, so the loader can
//! point at the exact text in the plan file.

use std::collections::HashSet;

use crate::core::plan::{Direction, Kind, Plan, Shape};

/// One broken rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Index into `plan.kpis`, or `None` for a plan-level field.
    pub kpi: Option<usize>,
    /// The JSON key the problem sits at, e.g. `id`, `comparator`, `value`.
    pub field: &'static str,
    /// For keys that occur in nested objects: which object (`target`, `baseline`, ...).
    pub within: Option<&'static str>,
    pub message: String,
    pub expected: String,
    pub hint: Option<String>,
}

fn is_kpi_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn is_plan_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Every rule the plan breaks.
pub fn check(plan: &Plan) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut plan_rule = |field, message: String, expected: &str, hint: Option<&str>| {
        out.push(Violation {
            kpi: None,
            field,
            within: None,
            message,
            expected: expected.to_string(),
            hint: hint.map(str::to_string),
        })
    };
    if !is_plan_id(&plan.id) {
        plan_rule(
            "id",
            format!("plan id `{}` may only hold a-z, 0-9, `_` and `-`", plan.id),
            "an id such as `bishan-2022`",
            Some("the plan id names its data folder, data/<plan-id>/"),
        );
    }
    if plan.target_period <= plan.baseline_period {
        plan_rule(
            "target_period",
            format!(
                "target period {} is not after the baseline period {}",
                plan.target_period, plan.baseline_period
            ),
            "a quarter after baseline_period",
            None,
        );
    }
    if plan.kpis.is_empty() {
        plan_rule(
            "kpis",
            "the plan has no KPIs".to_string(),
            "at least one KPI",
            None,
        );
    }
    if let Some(t) = &plan.thresholds
        && let Some(m) = threshold_problem(t)
    {
        plan_rule("thresholds", m, "high >= medium >= low", None);
    }
    if let Some(t) = &plan.thresholds
        && let Some(m) = threshold_range(t)
    {
        plan_rule(
            "thresholds",
            m,
            "ratios from 0 to 10, pace cut-offs from -100 to 100 points",
            Some("a ratio threshold compares growth made with growth planned: 1.0, 0.8, 0.5"),
        );
    }
    if plan
        .tolerance_pp
        .is_some_and(|t| !(t.is_finite() && (0.0..=100.0).contains(&t)))
    {
        plan_rule(
            "tolerance_pp",
            format!(
                "tolerance_pp {} is not a number of points from 0 to 100",
                plan.tolerance_pp.unwrap_or_default()
            ),
            "e.g. \"tolerance_pp\": 0.5",
            None,
        );
    }
    if plan.data_from.is_some_and(|p| p > plan.baseline_period) {
        plan_rule(
            "data_from",
            format!(
                "data_from {} is after the baseline period {}",
                plan.data_from(),
                plan.baseline_period
            ),
            "a period no later than baseline_period",
            None,
        );
    }

    let mut seen = foldhash::HashSet::default();
    // Every name of every KPI (id, names, aliases) by its key (no case, no
    // spaces), with the KPIs that have it: ingest and --kpi find a KPI by
    // any of them, so `INDUSTRIAL OUTPUT` and `Industrial output` on two
    // KPIs would send one's rows to the other. (A clash with an alias is
    // said at the alias.) Built only where two KPIs may share a key
    // (`keys_may_clash`): nearly never, and building it keyed every name
    // twice, a third of checking a plan as it loads.
    let owners = keys_may_clash(plan).then(|| owners(plan));
    for (i, kpi) in plan.kpis.iter().enumerate() {
        let mut rule = |field, within, message: String, expected: &str, hint: Option<String>| {
            out.push(Violation {
                kpi: Some(i),
                field,
                within,
                message,
                expected: expected.to_string(),
                hint,
            })
        };
        let id = &kpi.id;
        if kpi.name.trim().is_empty() && kpi.name_zh.is_none() {
            rule(
                "name",
                None,
                format!("KPI `{id}` has no name"),
                "\"name\", \"name_zh\" or both",
                Some("the name is what every output shows for the KPI".to_string()),
            );
        }
        if !is_kpi_id(id) {
            rule(
                "id",
                None,
                format!("KPI id `{id}` may only hold a-z, 0-9 and `_`"),
                "an id such as `industrial_output`",
                Some("ids name chart files, so they are kept safe for any file system".to_string()),
            );
        }
        if !seen.insert(id.as_str()) {
            rule(
                "id",
                None,
                format!("KPI id `{id}` is used twice in the plan"),
                "a unique id",
                None,
            );
        }
        let numeric = kpi.kind != Kind::Milestone;
        let baseline_period = plan.baseline_period_of(kpi);
        let target_period = plan.target_period_of(kpi);
        if numeric {
            if kpi.direction.is_none() {
                rule(
                    "kind",
                    None,
                    format!("KPI `{id}` has no direction"),
                    "\"direction\": \"increase\" or \"decrease\" beside the kind",
                    None,
                );
            }
            if kpi.unit.trim().is_empty() {
                rule(
                    "kind",
                    None,
                    format!("KPI `{id}` has no unit"),
                    "\"unit\" such as \"billion yuan\", \"%\" or \"km²\"",
                    None,
                );
            }
            if let Some(shown) = &kpi.unit_zh
                && crate::core::units::factor(&kpi.unit, shown).is_none()
            {
                rule(
                    "unit_zh",
                    None,
                    format!(
                        "KPI `{id}`: unit_zh `{shown}` is not a unit `{}` converts into",
                        kpi.unit
                    ),
                    "a known unit of the same kind, such as 亿元 or 万元 for money",
                    Some("Chinese output shows the figures in it, converted exactly".to_string()),
                );
            }
            if let Some(v) = kpi.target.value {
                if kpi.trajectory == Shape::Compound && v <= 0.0 {
                    rule(
                        "value",
                        Some("target"),
                        format!(
                            "KPI `{id}` has a compound trajectory but its target {v} is not positive"
                        ),
                        "a positive target, or \"trajectory\": \"linear\"",
                        None,
                    );
                }
            } else if !kpi.milestones.is_empty()
                && crate::core::targets::Stated::of(&kpi.target).is_none()
            {
                rule(
                    "milestones",
                    None,
                    format!("KPI `{id}` has interim milestones but no target value"),
                    "\"target\": {\"value\": ...}",
                    Some("without a target value a KPI is assessed by its own trend".to_string()),
                );
            }
            if let Some(c) = kpi.trend_scale
                && !(c > 0.0 && c <= 1.0)
            {
                rule(
                    "trend_scale",
                    None,
                    format!("KPI `{id}`: trend_scale {c} is outside (0, 1]"),
                    "a factor above 0 and at most 1",
                    None,
                );
            }
            if let (Some(c), Some(d)) = (kpi.target.comparator, kpi.direction)
                && c.direction() != d
            {
                rule(
                        "comparator",
                        Some("target"),
                        format!(
                            "KPI `{id}`: comparator `{}` contradicts direction `{}`",
                            c.symbol(),
                            if d.sign() > 0.0 { "increase" } else { "decrease" }
                        ),
                        if d.sign() > 0.0 { "`>=` or `>`" } else { "`<=` or `<`" },
                        Some("direction says which way is better; the comparator says how the target is met".to_string()),
                    );
            }
        } else if kpi.target.value.is_some() {
            rule(
                "value",
                Some("target"),
                format!(
                    "KPI `{id}` is a milestone, which is achieved or not, but its target has a value"
                ),
                "a target with a period only",
                None,
            );
        }
        if target_period > plan.target_period {
            rule(
                "period",
                Some("target"),
                format!(
                    "KPI `{id}`: target period {target_period} is after the plan's target period {}",
                    plan.target_period
                ),
                "a period no later than the plan's target_period",
                Some("data is accepted up to the plan's target period only".to_string()),
            );
        }
        if target_period <= baseline_period {
            rule(
                "target",
                None,
                format!(
                    "KPI `{id}`: target period {target_period} is not after its baseline period {baseline_period}"
                ),
                "a target period after the baseline period",
                None,
            );
        }
        if let Some(b) = &kpi.baseline {
            if baseline_period < plan.baseline_period || baseline_period >= plan.target_period {
                rule(
                    "period",
                    Some("baseline"),
                    format!(
                        "KPI `{id}`: baseline period {baseline_period} is outside the plan ({} to {})",
                        plan.baseline_period, plan.target_period
                    ),
                    "a period within the plan",
                    None,
                );
            }
            if kpi.trajectory == Shape::Compound && b.value <= 0.0 {
                rule(
                    "value",
                    Some("baseline"),
                    format!(
                        "KPI `{id}` has a compound trajectory but its baseline {} is not positive",
                        b.value
                    ),
                    "a positive baseline, or \"trajectory\": \"linear\"",
                    Some(
                        "a compound path grows by a rate, and no rate grows from zero".to_string(),
                    ),
                );
            }
        } else if kpi.trajectory == Shape::Compound && kpi.kind == Kind::Count {
            rule(
                "trajectory",
                None,
                format!(
                    "KPI `{id}` is a count that starts from zero, which a compound trajectory cannot"
                ),
                "\"trajectory\": \"linear\"",
                None,
            );
        }
        let mut periods = HashSet::new();
        for m in &kpi.milestones {
            if m.period <= baseline_period || m.period >= target_period {
                rule(
                    "milestones",
                    None,
                    format!(
                        "KPI `{id}`: milestone {} is not between the baseline ({baseline_period}) and the target ({target_period})",
                        m.period
                    ),
                    "milestone periods strictly between baseline and target",
                    None,
                );
            }
            if !periods.insert(m.period) {
                rule(
                    "milestones",
                    None,
                    format!("KPI `{id}` has two milestones for {}", m.period),
                    "one milestone per period",
                    None,
                );
            }
            if kpi.trajectory == Shape::Compound && m.value <= 0.0 {
                rule(
                    "milestones",
                    None,
                    format!(
                        "KPI `{id}`: milestone {} value {} is not positive on a compound trajectory",
                        m.period, m.value
                    ),
                    "positive milestone values",
                    None,
                );
            }
        }
        if let Some(t) = &kpi.thresholds
            && let Some(m) = threshold_problem(t)
        {
            rule(
                "thresholds",
                None,
                format!("KPI `{id}`: {m}"),
                "high >= medium >= low",
                None,
            );
        }
        if let Some(t) = &kpi.thresholds
            && let Some(m) = threshold_range(t)
        {
            rule(
                "thresholds",
                None,
                format!("KPI `{id}`: {m}"),
                "ratios from 0 to 10, pace cut-offs from -100 to 100 points",
                None,
            );
        }
        super::target::check(plan, kpi, &mut rule);
        let figures = [
            (
                "value",
                Some("baseline"),
                kpi.baseline.as_ref().map(|b| b.value),
            ),
            ("value", Some("target"), kpi.target.value),
        ]
        .into_iter()
        .chain(
            kpi.milestones
                .iter()
                .map(|m| ("milestones", None, Some(m.value))),
        )
        .chain(kpi.annual.iter().map(|a| ("annual", None, a.value)));
        for (field, within, x) in figures {
            if let Some(x) = x
                // Printed only for the message: formatting every figure of
                // every plan was a tenth of reading a plan.
                && let Err(b) = super::observation::in_range(x, &format_args!("{x:e}"))
            {
                rule(
                    field,
                    within,
                    format!("KPI `{id}`: {}", b.message),
                    &b.expected,
                    b.hint,
                );
            }
        }
        let texts = [
            ("name", Some(&kpi.name)),
            ("name_zh", kpi.name_zh.as_ref()),
            ("unit", Some(&kpi.unit)),
            ("scope", kpi.scope.as_ref()),
            ("source", kpi.source.as_ref()),
            ("note", kpi.note.as_ref()),
            ("note_zh", kpi.note_zh.as_ref()),
            ("caveat", kpi.caveat.as_ref()),
            ("caveat_zh", kpi.caveat_zh.as_ref()),
        ];
        for (field, text) in texts {
            if let Some(m) = text.and_then(|t| control_character(field, t)) {
                rule(
                    field,
                    None,
                    format!("KPI `{id}`: {m}"),
                    "visible text without control characters; a name on one line, at most 200 characters",
                    None,
                );
            }
        }
        // A name (not the id, checked above) that an earlier KPI has too,
        // but for case and spaces.
        let names = [
            ("name", Some(kpi.name.as_str())),
            ("name_zh", kpi.name_zh.as_deref()),
        ];
        for (field, name) in names {
            let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
                continue;
            };
            let Some(owners) = &owners else {
                continue;
            };
            let key = crate::core::plan::name_key(name);
            if let Some(&(j, theirs, _)) = owners
                .get(&key)
                .and_then(|o| o.iter().find(|(j, _, alias)| *j < i && !alias))
            {
                rule(
                    field,
                    None,
                    format!(
                        "KPI `{id}`: its name `{name}` is KPI `{}`'s `{theirs}` but for case or spaces",
                        plan.kpis[j].id
                    ),
                    "a name no other KPI has, compared without case and spaces",
                    Some("ingest and --kpi find a KPI by its id, names and aliases; each must lead to one KPI".to_string()),
                );
            }
        }
        // An alias names one KPI: not empty, and no other KPI's name.
        for alias in &kpi.aliases {
            let other = owners.as_ref().and_then(|owners| {
                owners
                    .get(&crate::core::plan::name_key(alias))
                    .and_then(|o| o.iter().find(|(j, _, alias)| *j != i && (!alias || *j < i)))
            });
            // Its key is empty: it is all spaces, which the key leaves out.
            let message = if alias.chars().all(char::is_whitespace) {
                Some(format!("KPI `{id}`: an alias is empty"))
            } else if let Some(&(j, _, _)) = other {
                Some(format!(
                    "KPI `{id}`: alias `{alias}` also names KPI `{}`",
                    plan.kpis[j].id
                ))
            } else {
                control_character("aliases", alias).map(|m| format!("KPI `{id}`: {m}"))
            };
            if let Some(m) = message {
                rule(
                    "aliases",
                    None,
                    m,
                    "a name the bureau uses for this KPI alone",
                    Some("ingest and --kpi find a KPI by its id, names and aliases; each must lead to one KPI".to_string()),
                );
            }
        }
    }
    if plan.name.trim().is_empty() && plan.name_zh.is_none() {
        out.push(Violation {
            kpi: None,
            field: "name",
            within: None,
            message: "the plan has no name".to_string(),
            expected: "\"name\", \"name_zh\" or both".to_string(),
            hint: Some("the name heads every table, report and chart".to_string()),
        });
    }
    let texts = [
        ("name", Some(&plan.name)),
        ("name_zh", plan.name_zh.as_ref()),
        ("source", Some(&plan.source)),
        ("scope", plan.scope.as_ref()),
        ("note", plan.note.as_ref()),
        ("note_zh", plan.note_zh.as_ref()),
    ];
    let scopes = plan
        .scopes_zh
        .iter()
        .flat_map(|(k, v)| [("scopes_zh", Some(k)), ("scopes_zh", Some(v))]);
    for (field, text) in texts.into_iter().chain(scopes) {
        if let Some(m) = text.and_then(|t| control_character(field, t)) {
            out.push(Violation {
                kpi: None,
                field,
                within: None,
                message: m,
                expected: "visible text without control characters; a name on one line, at most 200 characters".to_string(),
                hint: None,
            });
        }
    }
    out
}

/// The KPIs that have each key (`name_key`) among their names (id, names,
/// aliases), with the name and whether it is an alias, in the plan's order.
/// (Hashed by foldhash: a plan whose keys may clash is checked as it loads.)
type Owners<'p> = foldhash::HashMap<String, Vec<(usize, &'p str, bool)>>;

fn owners(plan: &Plan) -> Owners<'_> {
    let mut owners = Owners::default();
    for (i, kpi) in plan.kpis.iter().enumerate() {
        let names = [kpi.id.as_str(), kpi.name.as_str()]
            .into_iter()
            .chain(kpi.name_zh.as_deref())
            .map(|n| (n, false))
            .chain(kpi.aliases.iter().map(|a| (a.as_str(), true)));
        for (n, alias) in names {
            owners
                .entry(crate::core::plan::name_key(n))
                .or_default()
                .push((i, n, alias));
        }
    }
    owners
}

/// Whether two KPIs may have a name of one key (`name_key`): false when
/// the hashes of every KPI's keys differ from every other KPI's. The keys'
/// characters are hashed as they are made, without a string for each:
/// equal keys hash alike, and where two differing keys hash alike, `owners`
/// is built and tells them apart.
fn keys_may_clash(plan: &Plan) -> bool {
    let mut hashes: Vec<(u64, usize)> = Vec::with_capacity(plan.kpis.len() * 3);
    for (i, kpi) in plan.kpis.iter().enumerate() {
        hashes.extend(kpi.names().map(|n| (key_hash(n), i)));
    }
    hashes.sort_unstable();
    hashes
        .windows(2)
        .any(|w| w[0].0 == w[1].0 && w[0].1 != w[1].1)
}

/// A hash of `name_key(text)`, made from its characters as `name_key` makes
/// them, so that texts of one key hash alike.
fn key_hash(text: &str) -> u64 {
    use crate::core::plan::{ascii_key, key_chars};
    if text.is_ascii() {
        hash_chars(ascii_key(text).map(char::from))
    } else {
        hash_chars(key_chars(text))
    }
}

/// FxHash's step, a character at a time.
fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    chars.fold(0, |h, c| {
        (h.rotate_left(5) ^ u64::from(u32::from(c))).wrapping_mul(0x517c_c1b7_2722_0a95)
    })
}

/// The plan's `field` holds a control character (ESC, BEL, ...), which a
/// terminal would act on when the text is printed.
/// The longest a name (an id, a name, a unit, a scope, an alias) may be, in
/// characters: it heads tables and charts, and a bureau's longest is a few
/// dozen. A 30,000-character name took `report` 20 s.
pub const NAME_CHARS: usize = 200;

fn control_character(field: &str, text: &str) -> Option<String> {
    // A name is one line; a note may have several (a line feed, a tab).
    let lines = matches!(
        field,
        "note" | "note_zh" | "caveat" | "caveat_zh" | "source" | "text" | "text_zh"
    );
    // (At most NAME_CHARS bytes are at most as many characters.)
    if !lines && text.len() > NAME_CHARS && text.chars().nth(NAME_CHARS).is_some() {
        return Some(format!(
            "`{field}` is {} characters long, more than the {NAME_CHARS} a name may have",
            text.chars().count()
        ));
    }
    let c = super::unsafe_char(text, lines)?;
    Some(if super::invisible(c) {
        format!(
            "`{field}` holds an invisible character ({}), which hides or reorders the text around it",
            c.escape_unicode()
        )
    } else {
        format!(
            "`{field}` holds a control character ({}), which a terminal would act on",
            c.escape_unicode()
        )
    })
}

/// What a plan may mean but more likely is a slip, for a warning: a KPI to
/// increase whose target is below its baseline, or one to decrease whose
/// target is above it (the direction or the target is wrong, or the goal
/// is to hold a level and says so badly). Checked on a resolved plan, so a
/// stated growth counts by the level it comes to.
pub fn doubts(plan: &Plan) -> Vec<Violation> {
    let mut out = Vec::new();
    for (i, kpi) in plan.kpis.iter().enumerate() {
        let (Some(b), Some(t), Some(d)) = (&kpi.baseline, kpi.target.value, kpi.direction) else {
            continue;
        };
        // A bound to keep may lie on either side of the base: the base
        // year may already keep it.
        if kpi.target.hold.is_some() {
            continue;
        }
        let wrong_way = match d {
            Direction::Increase => t < b.value,
            Direction::Decrease => t > b.value,
        };
        if wrong_way {
            let (way, side) = match d {
                Direction::Increase => ("increase", "below"),
                Direction::Decrease => ("decrease", "above"),
            };
            out.push(Violation {
                kpi: Some(i),
                field: "direction",
                within: None,
                message: format!(
                    "KPI `{}` is to {way}, but its target {t} is {side} its baseline {}",
                    kpi.id, b.value
                ),
                expected: format!("a target {} the baseline, or the other direction", if d == Direction::Increase { "above" } else { "below" }),
                hint: Some("the KPI is assessed as the plan says; check the direction and the target against the publication".to_string()),
            });
        }
    }
    // A skeleton from `init` still unedited: its EDIT marks left in the
    // name or the source (the KPIs' targets are left empty by design).
    let unedited = |t: &str| t.contains("EDIT:") || t.contains("编辑：");
    // (A name left out took the Chinese one: said once, as name_zh.)
    let own_name =
        (plan.name_zh.as_deref() != Some(plan.name.as_str())).then_some(plan.name.as_str());
    for (field, text) in [
        ("name", own_name),
        ("name_zh", plan.name_zh.as_deref()),
        ("source", Some(plan.source.as_str())),
    ] {
        if text.is_some_and(unedited) {
            out.push(Violation {
                kpi: None,
                field,
                within: None,
                message: format!("the plan's {field} is still the skeleton's: it says EDIT"),
                expected: "the plan's own words, as published".to_string(),
                hint: Some("replace every EDIT (编辑) that `plantrack init` wrote with the plan's published goals".to_string()),
            });
        }
    }
    out
}

/// A broken rule of one KPI: the field, the object it sits in, the message,
/// what was expected, a hint.
pub type Rule<'a> =
    dyn FnMut(&'static str, Option<&'static str>, String, &str, Option<String>) + 'a;

/// A threshold outside what it can mean: a ratio below 0 or above 10, a
/// pace cut-off beyond ±100 points, anything not finite.
fn threshold_range(set: &crate::core::status::ThresholdSet) -> Option<String> {
    let ratios = [
        ("growth_ratio", set.growth_ratio),
        ("projection", set.projection),
        ("trend", set.trend),
    ];
    for (name, t) in ratios {
        let Some(t) = t else { continue };
        for (which, x) in [("high", t.high), ("medium", t.medium), ("low", t.low)] {
            if !(x.is_finite() && (0.0..=10.0).contains(&x)) {
                return Some(format!(
                    "{name} threshold {which} {x} is not a ratio from 0 to 10"
                ));
            }
        }
    }
    if let Some(p) = set.pace {
        for (which, x) in [("high", p.high), ("medium", p.medium)] {
            if !(x.is_finite() && (-100.0..=100.0).contains(&x)) {
                return Some(format!(
                    "pace threshold {which} {x} is not from -100 to 100 points"
                ));
            }
        }
    }
    None
}

fn threshold_problem(set: &crate::core::status::ThresholdSet) -> Option<String> {
    let named = [
        ("growth_ratio", set.growth_ratio),
        ("projection", set.projection),
        ("trend", set.trend),
        (
            "pace",
            set.pace.map(|p| crate::core::status::Thresholds {
                high: p.high,
                medium: p.medium,
                low: f64::NEG_INFINITY,
            }),
        ),
    ];
    named.into_iter().find_map(|(name, t)| {
        let t = t?;
        (!t.is_ordered()).then(|| {
            format!(
                "{name} thresholds high {}, medium {}, low {} are not in order",
                t.high, t.medium, t.low
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::name_key;

    proptest::proptest! {
        /// A text's key hash is the hash of its key's characters, for any
        /// text: of ASCII and wider letters, cases, and spaces of both.
        #[test]
        fn a_key_hash_is_the_hash_of_the_key(text in "[aAkKzZ0-9_ \t\u{b}\u{c}\r\n\u{3000}\u{a0}\u{212a}ÉéΣσİ工业产值]{0,12}") {
            proptest::prop_assert_eq!(key_hash(&text), hash_chars(name_key(&text).chars()));
        }
    }

    /// Each of the spaces a key leaves out, ASCII and wider, and letters
    /// lower-cased to more than one character or to ASCII.
    #[test]
    fn a_key_hash_leaves_out_every_space() {
        for text in [
            "A b",
            "a\tb",
            "a\nb",
            "a\u{b}b",
            "a\u{c}b",
            "a\rb",
            "A\u{3000}B",
            "a\u{a0}b",
            "\u{212a}",
            "İ",
            "ΣΑ",
        ] {
            assert_eq!(
                key_hash(text),
                hash_chars(name_key(text).chars()),
                "{text:?}"
            );
            assert_eq!(key_hash(text), key_hash(&name_key(text)), "{text:?}");
        }
    }

    fn plan(kpis: &str) -> Plan {
        serde_json::from_str(&format!(
            r#"{{"id":"p","name":"P","source":"test","scope":"zone","baseline_period":"2020Q4","target_period":"2025Q4","kpis":[{kpis}]}}"#
        ))
        .unwrap()
    }

    fn kpi(id: &str, name: &str, aliases: &str) -> String {
        format!(
            r#"{{"id":"{id}","name":"{name}","aliases":[{aliases}],"unit":"亿元","kind":"flow","direction":"increase","baseline":{{"value":100}},"target":{{"value":200}}}}"#
        )
    }

    fn messages(plan: &Plan) -> Vec<String> {
        check(plan).into_iter().map(|v| v.message).collect()
    }

    /// Names of one key on two KPIs are said, whether the keys differ by
    /// case, by spaces ASCII or wide, or by a Kelvin sign; names of one key
    /// on one KPI, and names of different keys, are not.
    #[test]
    fn names_of_one_key_on_two_kpis_are_said() {
        let two = plan(
            &[
                kpi("a", "Industrial output", ""),
                kpi("b", "INDUSTRIAL\u{3000}OUTPUT", ""),
            ]
            .join(","),
        );
        assert!(keys_may_clash(&two));
        assert_eq!(
            messages(&two),
            [
                "KPI `b`: its name `INDUSTRIAL\u{3000}OUTPUT` is KPI `a`'s `Industrial output` but for case or spaces"
            ]
        );
        let kelvin = plan(&[kpi("a", "k", ""), kpi("b", "B", "\"\u{212a}\"")].join(","));
        assert_eq!(
            messages(&kelvin),
            ["KPI `b`: alias `\u{212a}` also names KPI `a`"]
        );
        let own = plan(&[kpi("a", "A", "\"a \""), kpi("b", "Output", "\"out put\"")].join(","));
        assert!(!keys_may_clash(&own));
        assert_eq!(messages(&own), Vec::<String>::new());
    }

    /// An alias of spaces alone is said to be empty, whether or not any
    /// keys clash.
    #[test]
    fn an_alias_of_spaces_is_empty() {
        let alone = plan(&kpi("a", "A", "\" \\t\u{3000}\""));
        assert!(!keys_may_clash(&alone));
        assert_eq!(messages(&alone), ["KPI `a`: an alias is empty"]);
        let with_clash = plan(&[kpi("a", "A", "\"  \""), kpi("b", "a", "")].join(","));
        assert_eq!(
            messages(&with_clash),
            [
                "KPI `a`: an alias is empty",
                "KPI `b`: its name `a` is KPI `a`'s `a` but for case or spaces"
            ]
        );
    }
}
