//! The plan as data: its KPIs, their baselines, targets and interim milestones.
//!
//! This is the shape of `targets/*.json`, read with serde. Field-level rules a
//! type cannot express (id pattern, direction against comparator, ...) are
//! checked by `crate::core::rules`, so this file stays a plain description.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::core::period::Period;
use crate::core::status::ThresholdSet;
use crate::core::targets::Stated;

/// A published plan: the goals a zone, district or province set itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Editors use this to validate the file against plantrack's schema.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// A remark for whoever edits the file; plantrack ignores it.
    #[serde(rename = "$comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Short id, `[a-z0-9_-]+`; also the name of the plan's data folder.
    #[schemars(regex(pattern = r"^[a-z0-9_-]+$"))]
    pub id: String,
    /// The plan's name as published; may be left out when `name_zh` is given
    /// (English output then shows the Chinese name).
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// The language its outputs default to, `en` or `zh`, when `--lang`
    /// does not say (else the locale's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<crate::lang::Lang>,
    /// Where the plan's goals were published.
    pub source: String,
    /// Default scope of every KPI and observation, e.g. `zone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The quarter the plan measures progress from.
    pub baseline_period: Period,
    /// The quarter by which the goals are due.
    pub target_period: Period,
    /// The first quarter data may report; default Q1 of the baseline year.
    /// Earlier data (history) serves seasonal annualisation and growth on a
    /// year earlier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_from: Option<Period>,
    /// Threshold overrides for every KPI of the plan, per yardstick.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<ThresholdSet>,
    /// How far (in percentage points) a year's growth may fall short of an
    /// "about" (左右) growth target and still count as met; default 0.5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance_pp: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The note in Chinese, for Chinese output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_zh: Option<String>,
    /// The Chinese name of each scope the plan and its data use
    /// (`"zone": "高新区"`), for Chinese output; a scope without one is
    /// shown as written.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scopes_zh: BTreeMap<String, String>,
    pub kpis: Vec<Kpi>,
}

/// One numeric or qualitative goal of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// A remark for whoever edits the file; plantrack ignores it.
    #[serde(rename = "$comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `[a-z0-9_]+`, so it is safe in file names.
    #[schemars(regex(pattern = r"^[a-z0-9_]+$"))]
    pub id: String,
    /// The KPI's name; may be left out when `name_zh` is given.
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Other names a statistics bureau gives this KPI (规上工业总产值,
    /// R&D经费投入强度): ingest matches headers by them, and every command
    /// that takes a KPI accepts them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The unit every value of this KPI is stated in, e.g. `billion yuan`, `%`, `km²`.
    #[serde(default)]
    pub unit: String,
    /// Other ways a bureau writes this KPI's unit, read as the unit itself
    /// (`吨标煤/万元` for `吨标准煤/万元`), beyond the synonyms plantrack
    /// knows (docs/ingest.md lists them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unit_aliases: Vec<String>,
    /// The unit Chinese output shows the figures in, when not the one a
    /// Chinese reader counts in by default (亿元 for billion yuan, 万元 for
    /// million yuan, else `unit`): a unit of the same kind, e.g. `万元` for a
    /// KPI kept in `亿元`; converted exactly, by a power of ten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_zh: Option<String>,
    pub kind: Kind,
    /// Required for every kind but `milestone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// `comparable` (按可比价格计算): the KPI's growth is the published
    /// 同比 (the data's `yoy`), chained into a volume index; its levels stay
    /// as published, at current prices. Default `current`: growth from the
    /// levels.
    #[serde(default, skip_serializing_if = "Prices::is_current")]
    pub prices: Prices,
    /// Scope the target refers to; defaults to the plan's scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Where the plan states it; when absent, the data's value at the plan's
    /// baseline period is used, and a `count` starts from zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// Without a value (or without a target at all), a numeric KPI is assessed
    /// by its own trend.
    #[serde(default)]
    pub target: Target,
    /// Interim (e.g. annual) targets the trajectory runs through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    /// A year's own target, as a work report sets it: growth on the year
    /// before (增长10%左右), or a level for the year's end.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annual: Vec<AnnualTarget>,
    /// Binding (约束性) or indicative (预期性).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nature: Option<Nature>,
    /// Overrides the plan's `tolerance_pp` for this KPI's "about" growth targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance_pp: Option<f64>,
    #[serde(default)]
    pub trajectory: Shape,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<ThresholdSet>,
    /// Statistics Canada's factor C in (0, 1] for the trend yardstick: scales
    /// the positive thresholds down for a KPI near a natural limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend_scale: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The note in Chinese, for Chinese output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_zh: Option<String>,
    /// A doubt about the goal itself that every report must repeat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
    /// The caveat in Chinese: what Chinese output repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat_zh: Option<String>,
}

/// How a KPI's values add up over time; decides how observations become a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Additive within a year (output, investment); published year-to-date;
    /// its target is an annual total.
    Flow,
    /// A stock at the period's end (built-up area).
    Level,
    /// A running total since the plan started (firms incubated).
    Count,
    /// A percentage at the period's end (R&D intensity).
    Ratio,
    /// Qualitative: achieved (1) or not yet (0).
    Milestone,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::Flow => "flow",
            Kind::Level => "level",
            Kind::Count => "count",
            Kind::Ratio => "ratio",
            Kind::Milestone => "milestone",
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
}

impl Direction {
    /// +1 for increase, -1 for decrease: the factor `d` of methods.md.
    pub fn sign(self) -> f64 {
        match self {
            Direction::Increase => 1.0,
            Direction::Decrease => -1.0,
        }
    }
}

/// A KPI's starting point, in the KPI's scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Defaults to the plan's baseline period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// As published: for a `flow`, the year-to-date total at `period`.
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The figure as the statistics later revised it (a census moved the
    /// base): progress is measured from it, and the plan's own figure is
    /// shown beside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<Revised>,
}

/// A baseline revised after the plan was set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revised {
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// At what prices a KPI's growth is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Prices {
    /// Growth from the levels as published.
    #[default]
    Current,
    /// Growth at comparable prices: the published 同比, chained.
    Comparable,
}

impl Prices {
    pub fn is_current(&self) -> bool {
        *self == Prices::Current
    }
}

/// A bound to keep through the plan (保持在…以上, 控制在…以内).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Hold {
    /// Kept by each plan year's figure.
    EveryYear,
    /// Kept by the average of the plan's years so far.
    Average,
}

/// The goal: a value to reach by a period (no value for a `milestone`),
/// stated as a level or as the plan states it (at most one of `value`,
/// `average_growth_pct`, `change_pct` and `change_pp`). A stated form is
/// turned into its level when the plan is read (`core::targets::resolve`),
/// and `value` then holds that level.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Defaults to the plan's target period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// 年均增长 r %: average annual growth from the baseline (negative: an
    /// average fall); the level is baseline × (1 + r/100)^years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_growth_pct: Option<f64>,
    /// 累计提高/下降 c %: the change from the baseline in all, in percent
    /// (累计下降13.5% is -13.5); the level is baseline × (1 + c/100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_pct: Option<f64>,
    /// 提高 d 个百分点: the change from the baseline in percentage points,
    /// for a `%` KPI; the level is baseline + d.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_pp: Option<f64>,
    /// Defaults to `>=` for increase and `<=` for decrease.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<Comparator>,
    /// A bound to keep in every plan year, or on their average, rather
    /// than a level to reach at the end: with `value` (保持在6.5亿吨以上).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold: Option<Hold>,
    /// Another KPI's id: each plan year's figure is compared with that
    /// KPI's figure of the same year, by `comparator` or `about`, and their
    /// averages decide (高于GDP增长, 与GDP增长基本同步).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative_to: Option<String>,
    /// With `relative_to`: about equal, within `tolerance_pp` (基本同步).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub about: bool,
    /// A target the plan gives in words only (保持在合理区间): shown as
    /// written; the figures are tracked, with no status against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The same words in Chinese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_zh: Option<String>,
}

impl Target {
    /// Whether the target is a number to reach or keep, or another KPI to
    /// keep up with: not words alone, not absent.
    pub fn is_words(&self) -> bool {
        (self.text.is_some() || self.text_zh.is_some())
            && self.value.is_none()
            && self.relative_to.is_none()
            && Stated::of(self).is_none()
    }
}

/// How the latest value is compared with the target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Comparator {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = "<")]
    Below,
}

impl Comparator {
    /// Whether `value` meets a target of `target` under this comparator.
    pub fn is_met(self, value: f64, target: f64) -> bool {
        match self {
            Comparator::AtLeast => value >= target,
            Comparator::Above => value > target,
            Comparator::AtMost => value <= target,
            Comparator::Below => value < target,
        }
    }

    /// The direction this comparator asks for.
    pub fn direction(self) -> Direction {
        match self {
            Comparator::AtLeast | Comparator::Above => Direction::Increase,
            Comparator::AtMost | Comparator::Below => Direction::Decrease,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::Above => ">",
            Comparator::AtMost => "<=",
            Comparator::Below => "<",
        }
    }
}

/// Binding (约束性) or indicative (预期性): how a plan marks an indicator,
/// in either language's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    /// 约束性: must be met.
    #[serde(alias = "约束性")]
    Binding,
    /// 预期性: expected, guiding.
    #[serde(alias = "预期性")]
    Indicative,
}

// By hand, so that the schema (and an editor checking a plan with it)
// takes the Chinese words the plan accepts: schemars leaves aliases out.
impl JsonSchema for Nature {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Nature".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Binding (约束性, must be met) or indicative (预期性, expected, guiding); either language's word.",
            "type": "string",
            "enum": ["binding", "indicative", "约束性", "预期性"]
        })
    }
}

/// One year's target: growth on the year before (`growth_pct`, with
/// `about` for 左右) or a level at the year's end (`value`, the same as a
/// milestone at that year's Q4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnualTarget {
    pub year: i32,
    /// Growth on the year before, in percent (增长10% is 10, 下降3% is -3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_pct: Option<f64>,
    /// The level by the year's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// 左右: met within the tolerance (`tolerance_pp`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub about: bool,
    /// 以上 (`>=`) or 以内 (`<=`); defaults from the KPI's direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<Comparator>,
}

/// An interim target on the way: the trajectory passes through it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub period: Period,
    pub value: f64,
}

/// How the planned trajectory runs between two known points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Equal absolute steps per quarter.
    #[default]
    Linear,
    /// Equal growth rates per quarter; needs positive values at both ends.
    Compound,
}

impl Plan {
    /// The scope a KPI's target refers to: its own, else the plan's, else unspecified ("").
    pub fn scope_of<'a>(&'a self, kpi: &'a Kpi) -> &'a str {
        kpi.scope.as_deref().or(self.scope.as_deref()).unwrap_or("")
    }

    /// The period a KPI's target is due.
    pub fn target_period_of(&self, kpi: &Kpi) -> Period {
        kpi.target.period.unwrap_or(self.target_period)
    }

    /// The period a KPI's baseline refers to.
    pub fn baseline_period_of(&self, kpi: &Kpi) -> Period {
        kpi.baseline
            .as_ref()
            .and_then(|b| b.period)
            .unwrap_or(self.baseline_period)
    }

    /// The thresholds that apply to a KPI: its own, else the plan's, else the defaults.
    pub fn thresholds_of(&self, kpi: &Kpi) -> ThresholdSet {
        kpi.thresholds
            .unwrap_or_default()
            .or(self.thresholds.unwrap_or_default())
    }

    /// The first quarter the plan's data may report.
    pub fn data_from(&self) -> Period {
        self.data_from.unwrap_or_else(|| {
            self.baseline_period
                .add_quarters(1 - i32::from(self.baseline_period.quarter()))
        })
    }

    pub fn kpi(&self, id: &str) -> Option<&Kpi> {
        self.kpis.iter().find(|k| k.id == id)
    }

    /// Each KPI's place by id: for finding the KPIs of rows in any order in
    /// time linear in the rows, whatever the number of KPIs.
    pub fn kpi_index(&self) -> std::collections::HashMap<&str, usize> {
        let mut index = std::collections::HashMap::with_capacity(self.kpis.len());
        for (i, k) in self.kpis.iter().enumerate() {
            index.entry(k.id.as_str()).or_insert(i);
        }
        index
    }
}

impl Plan {
    /// The KPI `text` names: its id, English or Chinese name, or an alias,
    /// compared without case or spaces.
    pub fn kpi_named(&self, text: &str) -> Option<&Kpi> {
        let t = name_key(text);
        self.kpi(text.trim()).or_else(|| {
            self.kpis
                .iter()
                .find(|k| k.names().any(|n| name_key(n) == t))
        })
    }

    /// The plan's KPI name (id, name, Chinese name or alias) closest to
    /// `text` by edit distance on characters, when at most a third of its
    /// characters differ: the "did you mean" for a name not found.
    pub fn nearest_kpi_name(&self, text: &str) -> Option<&str> {
        // A text this long is no name (and the distance costs its length
        // times each name's).
        if text.len() > 400 {
            return None;
        }
        let t = name_key(text);
        let mut best: Option<(usize, &str)> = None;
        for n in self.kpis.iter().flat_map(Kpi::names) {
            if !same_kind(&t, &name_key(n)) {
                continue;
            }
            let d = strsim::levenshtein(&t, &name_key(n));
            let len = t.chars().count().max(n.chars().count());
            if d * 3 <= len && best.is_none_or(|b| d < b.0) {
                best = Some((d, n));
            }
        }
        best.map(|b| b.1)
    }
}

/// Words that make an indicator another one, however close the rest of
/// its name: value added is not gross output (规上工业增加值 is no misspelt
/// 规上工业总产值), investment not revenue.
const KINDS: &[&str] = &[
    "增加值",
    "总产值",
    "产值",
    "投资",
    "收入",
    "利润",
    "税",
    "出口",
    "进口",
    "销售",
    "消费",
    "营业",
    "用电",
    "能耗",
    "增速",
    "增长",
    "比重",
    "占比",
    "强度",
    "人数",
    "户数",
    "个数",
    "面积",
    "产量",
];

/// Words of a part's row (a park's, a town's, 其中…): never a misspelling
/// of the whole's indicator.
const PARTS: &[&str] = &["园区", "分园", "组团", "街道", "镇", "其中", "片区", "基地"];

/// Whether two names (as `name_key` makes them) may be the same indicator
/// misspelt: the same part words, and the same kind words where both hold
/// one (a misspelt kind word, 总产直, leaves a name with none).
pub fn same_kind(a: &str, b: &str) -> bool {
    let kinds = |s: &str| KINDS.iter().filter(|w| s.contains(*w)).count();
    PARTS.iter().all(|w| a.contains(w) == b.contains(w))
        && (kinds(a) == 0 || kinds(b) == 0 || KINDS.iter().all(|w| a.contains(w) == b.contains(w)))
}

/// A name as names are compared: lower case, no spaces.
pub fn name_key(text: &str) -> String {
    if text.is_ascii() {
        // Built as bytes in one allocation: a char at a time grows the
        // string step by step.
        let mut kept = Vec::with_capacity(text.len());
        kept.extend(ascii_key(text));
        // ASCII bytes are UTF-8.
        return String::from_utf8(kept).unwrap_or_default();
    }
    key_chars(text).collect()
}

/// `name_key(text)`'s bytes for an ASCII text, without decoding
/// characters: ASCII's white space for `char::is_whitespace` is these six
/// (vertical tab among them), left out; the rest lower-cased.
pub fn ascii_key(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.bytes()
        .filter(|b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        .map(|b| b.to_ascii_lowercase())
}

/// `name_key(text)`'s characters, for any text.
pub fn key_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
}

impl Kpi {
    /// Every name the KPI answers to: its id, names and aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), self.name.as_str()]
            .into_iter()
            .chain(self.name_zh.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// The comparator, defaulting from the direction.
    pub fn comparator(&self) -> Comparator {
        self.target.comparator.unwrap_or(match self.direction() {
            Direction::Increase => Comparator::AtLeast,
            Direction::Decrease => Comparator::AtMost,
        })
    }

    /// The direction; `increase` where none is given (milestones only, as
    /// `crate::core::rules` requires it for every numeric kind).
    pub fn direction(&self) -> Direction {
        self.direction.unwrap_or(Direction::Increase)
    }
}

impl Plan {
    /// A name left out where the Chinese one is given is the Chinese one:
    /// a plan written only in Chinese reads in English output too.
    pub fn fill_names(&mut self) {
        if self.name.trim().is_empty()
            && let Some(zh) = &self.name_zh
        {
            self.name = zh.clone();
        }
        for k in &mut self.kpis {
            if k.name.trim().is_empty()
                && let Some(zh) = &k.name_zh
            {
                k.name = zh.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        // The ASCII short way gives the key the general way gives.
        #[test]
        fn an_ascii_name_keys_as_any_name_does(text in "[ -~\t\n\x0b\x0c\r]{0,40}") {
            let general: String = text
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            proptest::prop_assert_eq!(super::name_key(&text), general);
        }
    }
}
