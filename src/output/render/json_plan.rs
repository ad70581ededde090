//! One plan's assessment as JSON, written by hand: the very bytes serde_json pretty-prints, with a third fewer instructions.
//!
//! serde_json reaches its buffer through a formatter, one small call per
//! bracket, comma and key, and scans every key for characters to escape; for
//! the million-figure portfolio that was a third of `status --format json`.
//! Here each key, with its line break, indentation and quotes, is one copy
//! of known bytes, each figure is rounded and printed by serde_json's own
//! number writer, and a text needing no escape is copied between its quotes
//! (any other is escaped by serde_json). The parts few KPIs have (the
//! year's pace and target, the annual growth, bounds, indices, milestones)
//! and the enums are still written by serde_json, at the depth they sit.
//! tests/json_by_hand.rs holds the whole to serde_json's bytes.

use serde::Serialize;

use super::json::{BREAK, Twelve};
use crate::core::assess::{BaselineValue, KpiAssessment, Latest, PlanAssessment, TargetValue, Yoy};
use crate::core::forecast::Forecast;
use bytes::{BufMut, BytesMut};

use crate::core::period::Period;
use crate::core::series::Annualisation;
use crate::core::year::SinceBase;

/// `a` as the element of an array: its object at depth 1, no indentation
/// before its `{` and no line break after its `}`.
pub fn plan(out: &mut BytesMut, a: &PlanAssessment) {
    let mut w = Writer {
        out,
        depth: 1,
        first: true,
    };
    w.open(b'{');
    w.key("plan");
    w.text(&a.plan);
    w.key("plan_name");
    w.text(&a.plan_name);
    w.key("plan_name_zh");
    w.opt_text(a.plan_name_zh.as_deref());
    w.key("as_of");
    w.period(a.as_of);
    w.key("method");
    w.serde(&a.method);
    w.key("kpis");
    if a.kpis.is_empty() {
        w.out.extend_from_slice(b"[]");
    } else {
        w.open(b'[');
        for k in &a.kpis {
            w.item();
            kpi(&mut w, k);
        }
        w.close(b']');
    }
    w.close(b'}');
}

fn kpi(w: &mut Writer, k: &KpiAssessment) {
    w.open(b'{');
    w.key("id");
    w.text(&k.id);
    w.key("name");
    w.text(&k.name);
    w.key("name_zh");
    w.opt_text(k.name_zh.as_deref());
    w.key("unit");
    w.text(&k.unit);
    w.key("kind");
    w.serde(&k.kind);
    w.key("direction");
    w.serde(&k.direction);
    w.key("scope");
    w.text(&k.scope);
    w.key("status");
    w.serde(&k.status);
    w.key("rating");
    w.serde(&k.rating);
    w.key("decided_by");
    w.serde(&k.decided_by);
    w.key("latest");
    match &k.latest {
        Some(l) => latest(w, l),
        None => w.null(),
    }
    w.key("baseline");
    match &k.baseline {
        Some(b) => baseline(w, b),
        None => w.null(),
    }
    w.key("target");
    target(w, &k.target);
    w.opt_figures([
        ("expected", k.expected),
        ("gap", k.gap),
        ("gap_pct", k.gap_pct),
        ("attainment", k.attainment),
        ("gap_to_trajectory", k.gap_to_trajectory),
        ("completion", k.completion),
        ("time_elapsed", k.time_elapsed),
        ("pace_gap_pp", k.pace_gap_pp),
        ("time_distance_quarters", k.time_distance_quarters),
    ]);
    w.key("slack_quarters");
    w.serde(&k.slack_quarters);
    w.opt_figures([
        ("actual_cagr", k.actual_cagr),
        ("required_cagr", k.required_cagr),
        ("growth_ratio", k.growth_ratio),
        ("projection_ratio", k.projection_ratio),
        ("required_rate", k.required_rate),
        ("projected", k.projected),
    ]);
    w.key("yoy");
    match &k.yoy {
        Some(y) => yoy(w, y),
        None => w.null(),
    }
    w.key("year_pace");
    w.serde(&k.year_pace);
    w.key("year_target");
    w.serde(&k.year_target);
    w.key("since_base");
    match &k.since_base {
        Some(s) => since_base(w, s),
        None => w.null(),
    }
    w.key("annual_growth");
    w.serde(&k.annual_growth);
    if let Some(b) = &k.bound {
        w.key("bound");
        w.serde(b);
    }
    if let Some(i) = &k.index {
        w.key("index");
        w.serde(i);
    }
    w.key("next_milestone");
    w.serde(&k.next_milestone);
    w.key("reason");
    w.opt_text(k.reason.as_deref());
    w.key("caveat");
    w.opt_text(k.caveat.as_deref());
    w.key("nature");
    w.serde(&k.nature);
    w.key("forecast");
    match &k.forecast {
        Some(f) => forecast(w, f),
        None => w.null(),
    }
    w.key("forecast_reason");
    w.opt_text(k.forecast_reason.as_deref());
    w.close(b'}');
}

/// The change on a year earlier: the most KPIs' only object written by
/// serde_json before.
fn yoy(w: &mut Writer, y: &Yoy) {
    w.open(b'{');
    if let Some(x) = y.pct {
        w.key("pct");
        w.figure(x);
    }
    if let Some(x) = y.pp {
        w.key("pp");
        w.figure(x);
    }
    w.key("published");
    w.flag(y.published);
    w.key("change");
    w.opt_figure(y.change);
    w.close(b'}');
}

fn since_base(w: &mut Writer, s: &SinceBase) {
    w.open(b'{');
    w.key("from");
    w.period(s.from);
    w.key("to");
    w.period(s.to);
    w.opt_figures([
        ("figure", s.figure),
        ("completion", s.completion),
        ("time_elapsed", s.time_elapsed),
        ("actual", s.actual),
        ("planned", s.planned),
    ]);
    w.key("points");
    w.flag(s.points);
    w.close(b'}');
}

/// The fields the latest figure and the baseline share, in their order.
fn point(
    w: &mut Writer,
    period: Period,
    value: f64,
    reported: f64,
    estimated: bool,
    annualised_by: &Option<Annualisation>,
) {
    w.key("period");
    w.period(period);
    w.key("value");
    w.figure(value);
    w.key("reported");
    w.figure(reported);
    w.key("estimated");
    w.flag(estimated);
    w.key("annualised_by");
    w.serde(annualised_by);
}

fn latest(w: &mut Writer, l: &Latest) {
    w.open(b'{');
    point(
        w,
        l.period,
        l.value,
        l.reported,
        l.estimated,
        &l.annualised_by,
    );
    w.key("scope");
    w.text(&l.scope);
    w.close(b'}');
}

fn baseline(w: &mut Writer, b: &BaselineValue) {
    w.open(b'{');
    point(
        w,
        b.period,
        b.value,
        b.reported,
        b.estimated,
        &b.annualised_by,
    );
    w.key("from");
    w.serde(&b.from);
    if let Some(x) = b.plan_value {
        w.key("plan_value");
        w.figure(x);
    }
    w.close(b'}');
}

fn target(w: &mut Writer, t: &TargetValue) {
    w.open(b'{');
    w.key("period");
    w.period(t.period);
    w.key("value");
    w.opt_figure(t.value);
    w.key("stated");
    match t.stated {
        // `{"form": ..., "value": ...}`, as its derived `Serialize` writes it:
        // `key` is the variant's name in snake case (tests/json_by_hand.rs
        // holds the two to the same bytes). Nearly every KPI has one:
        // through serde_json it was 1 % of a portfolio's status.
        Some(s) => {
            w.open(b'{');
            w.key("form");
            w.text(s.key());
            w.key("value");
            w.figure(s.number());
            w.close(b'}');
        }
        None => w.null(),
    }
    w.key("comparator");
    w.serde(&t.comparator);
    if let Some(text) = &t.text {
        w.key("text");
        w.text(text);
    }
    w.close(b'}');
}

fn forecast(w: &mut Writer, f: &Forecast) {
    w.open(b'{');
    w.key("points");
    w.serde(&f.points);
    w.key("steps");
    w.serde(&f.steps);
    w.key("steps_in");
    w.serde(&f.steps_in);
    w.key("jump_off");
    w.open(b'{');
    w.key("period");
    w.period(f.jump_off.period);
    w.key("value");
    w.figure(f.jump_off.value);
    w.close(b'}');
    w.opt_figures([
        ("horizon_years", Some(f.horizon_years)),
        ("step_mean", Some(f.step_mean)),
        ("step_sd", Some(f.step_sd)),
        ("growth_mean_pct", f.growth_mean_pct),
        ("growth_sd_pct", f.growth_sd_pct),
        ("best_growth_pct", f.best_growth_pct),
        ("change_mean", f.change_mean),
        ("change_sd", f.change_sd),
        ("best_change", f.best_change),
        ("required", f.required),
        ("centre", Some(f.centre)),
        ("standard_error", Some(f.standard_error)),
        ("t_quantile", Some(f.t_quantile)),
    ]);
    w.key("interval");
    match &f.interval {
        Some(i) => {
            w.open(b'{');
            for (key, x) in [("level", i.level), ("low", i.low), ("high", i.high)] {
                w.key(key);
                w.figure(x);
            }
            w.close(b'}');
        }
        None => w.null(),
    }
    w.key("p_meet");
    w.opt_figure(f.p_meet);
    w.key("words");
    w.serde(&f.words);
    w.key("rough");
    w.flag(f.rough);
    w.close(b'}');
}

/// The start of a key at each depth up to 15: `,`, a line break, two
/// spaces a level and the opening quote, padded with spaces to one length.
const KEY_STARTS: [[u8; KEY_START + 1]; 16] = {
    let mut starts = [[b' '; KEY_START + 1]; 16];
    let mut depth = 0;
    while depth < 16 {
        starts[depth][0] = b',';
        starts[depth][1] = b'\n';
        starts[depth][key_start_len(depth) - 1] = b'"';
        depth += 1;
    }
    starts
};

/// The longest start of a key in `KEY_STARTS`, the deepest one's: what is
/// copied, from the comma or from the line break after it (each entry has
/// one byte more for that).
const KEY_START: usize = key_start_len(15);

/// How long the start of a key at `depth` is, its comma counted.
const fn key_start_len(depth: usize) -> usize {
    2 + 2 * depth + 1
}

/// Where the writing stands: the depth of the object or array open, and
/// whether nothing is in it yet.
struct Writer<'a> {
    out: &'a mut BytesMut,
    depth: usize,
    first: bool,
}

impl Writer<'_> {
    /// A line break and the indentation of the current depth. The whole of
    /// `BREAK` is copied and the rest cut: a copy of known length is a few
    /// moves, where one of a length known only here is a call.
    #[inline(always)]
    fn new_line(&mut self) {
        let end = self.out.len() + 1 + self.depth * 2;
        if self.depth * 2 < BREAK.len() {
            self.out.extend_from_slice(BREAK);
            self.out.truncate(end);
        } else {
            self.out.put_u8(b'\n');
            self.out.resize(end, b' ');
        }
    }

    fn open(&mut self, bracket: u8) {
        self.out.put_u8(bracket);
        self.depth += 1;
        self.first = true;
    }

    /// Closes what `open` opened (never empty here: every object has keys).
    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if !self.first {
            self.new_line();
        }
        self.out.put_u8(bracket);
        self.first = false;
    }

    /// The comma and line break before an element.
    #[inline(always)]
    fn item(&mut self) {
        if !self.first {
            self.out.put_u8(b',');
        }
        self.first = false;
        self.new_line();
    }

    /// `"key": ` on a line of its own. Keys are this file's own words, none
    /// needing an escape; inlined, each is a copy of known length. The
    /// comma, line break, indentation and opening quote are one copy from
    /// `KEY_STARTS`, cut to size: written one by one, each small write
    /// waited on the length the one before had stored (docs/performance.md,
    /// "Issue 26, thirteenth step").
    #[inline(always)]
    fn key(&mut self, key: &'static str) {
        match KEY_STARTS.get(self.depth) {
            Some(start) => {
                // Without the comma before the first key of an object.
                let skip = usize::from(self.first);
                self.first = false;
                let end = self.out.len() + key_start_len(self.depth) - skip;
                self.out.extend_from_slice(&start[skip..skip + KEY_START]);
                self.out.truncate(end);
            }
            None => {
                self.item();
                self.out.put_u8(b'"');
            }
        }
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    fn flag(&mut self, b: bool) {
        self.out
            .extend_from_slice(if b { b"true" } else { b"false" });
    }

    /// A figure to 12 significant digits, as `Twelve` writes it; null when
    /// not finite, as serde_json writes it.
    fn figure(&mut self, x: f64) {
        if !x.is_finite() {
            return self.null();
        }
        // Most figures: sixteen bytes stored at once, the length kept.
        if let Some((word, len)) = crate::output::format::json_figure_word(x) {
            let at = self.out.len();
            self.out.extend_from_slice(&word.to_le_bytes());
            self.out.truncate(at + len);
            return;
        }
        // The rest (0, exponents, texts past 16 bytes: some 3 % of a
        // portfolio's figures) are laid out in a buffer by `json_figure`,
        // which finds their digits again: too few to be worth a second way
        // in that takes them.
        let mut buf = [0; 40];
        self.out
            .extend_from_slice(crate::output::format::json_figure(x, &mut buf));
    }

    fn opt_figure(&mut self, x: Option<f64>) {
        match x {
            Some(x) => self.figure(x),
            None => self.null(),
        }
    }

    /// Each key with its figure, or null, in order.
    fn opt_figures<const N: usize>(&mut self, figures: [(&'static str, Option<f64>); N]) {
        for (key, x) in figures {
            self.key(key);
            self.opt_figure(x);
        }
    }

    fn period(&mut self, p: Period) {
        match p.six() {
            Some(six) => {
                self.out.put_u8(b'"');
                self.out.extend_from_slice(&six);
                self.out.put_u8(b'"');
            }
            None => self.serde(&p),
        }
    }

    /// A text needing no escape (nearly all) is copied between its quotes;
    /// any other is escaped by serde_json.
    fn text(&mut self, s: &str) {
        if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.out.put_u8(b'"');
            self.out.extend_from_slice(s.as_bytes());
            self.out.put_u8(b'"');
        } else {
            self.serde(s);
        }
    }

    fn opt_text(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.text(s),
            None => self.null(),
        }
    }

    /// `v` as serde_json pretty-prints it here: a word (an enum's variant,
    /// null) written at once, anything else by serde_json.
    fn serde<T: Serialize + ?Sized>(&mut self, v: &T) {
        match super::json_word::word(v) {
            Some(super::json_word::Word::Name(name)) => return self.text(name),
            Some(super::json_word::Word::Null) => return self.null(),
            None => {}
        }
        let formatter = Twelve::at(self.depth);
        let mut ser = serde_json::Serializer::with_formatter((&mut *self.out).writer(), formatter);
        // The assessment's parts are strings, numbers and structs of them,
        // which serialise without fail.
        let _ = v.serialize(&mut ser);
    }
}
