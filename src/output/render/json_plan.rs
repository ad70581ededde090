//! One plan's assessment as JSON, written by hand and held packed: the very bytes serde_json pretty-prints, once unpacked.
//!
//! serde_json reaches its buffer through a formatter, one small call per
//! bracket, comma and key, and scans every key for characters to escape; for
//! the million-figure portfolio that was a third of `status --format json`.
//! Here each line break, with its comma, indentation and key, is a mark of
//! three bytes (`packed`, which lays the JSON out again as it is written),
//! each figure is rounded and printed by serde_json's own
//! number writer, and a text needing no escape is copied between its quotes
//! (any other is escaped by serde_json). The parts few KPIs have (the
//! year's pace and target, the annual growth, bounds, indices, milestones)
//! and the enums are still written by serde_json, at the depth they sit,
//! their lines written out. tests/json_by_hand.rs holds the whole, unpacked,
//! to serde_json's bytes.

use serde::Serialize;
use std::cell::RefCell;

use super::json::Twelve;
use super::packed::{self, Key, key};
use crate::core::assess::{BaselineValue, KpiAssessment, Latest, PlanAssessment, TargetValue, Yoy};
use crate::core::forecast::Forecast;
use crate::output::format::RecentFigures;
use bytes::{BufMut, BytesMut};

use crate::core::period::Period;
use crate::core::series::Annualisation;
use crate::core::year::SinceBase;

/// `a` as the element of an array: its object at depth 1, no indentation
/// before its `{` and no line break after its `}`.
pub fn plan(out: &mut BytesMut, a: &PlanAssessment) {
    RECENT.with_borrow_mut(|recent| plan_with(out, a, recent));
}

thread_local! {
    /// Each thread's figures laid out lately, kept from plan to plan (the
    /// share of time elapsed repeats in every plan assessed as of the same
    /// quarter).
    static RECENT: RefCell<RecentFigures> = const { RefCell::new(RecentFigures::new()) };
}

fn plan_with(out: &mut BytesMut, a: &PlanAssessment, recent: &mut RecentFigures) {
    let mut w = Writer {
        out,
        depth: 1,
        first: true,
        recent,
    };
    w.open(b'{');
    w.key(key!("plan"));
    w.text(&a.plan);
    w.key(key!("plan_name"));
    w.text(&a.plan_name);
    w.key(key!("plan_name_zh"));
    w.opt_text(a.plan_name_zh.as_deref());
    w.key(key!("as_of"));
    w.period(a.as_of);
    w.key(key!("method"));
    w.serde(&a.method);
    w.key(key!("kpis"));
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
    w.key(key!("id"));
    w.text(&k.id);
    w.key(key!("name"));
    w.text(&k.name);
    w.key(key!("name_zh"));
    w.opt_text(k.name_zh.as_deref());
    w.key(key!("unit"));
    w.text(&k.unit);
    w.key(key!("kind"));
    w.serde(&k.kind);
    w.key(key!("direction"));
    w.serde(&k.direction);
    w.key(key!("scope"));
    w.text(&k.scope);
    w.key(key!("status"));
    w.serde(&k.status);
    w.key(key!("rating"));
    w.serde(&k.rating);
    w.key(key!("decided_by"));
    w.serde(&k.decided_by);
    w.key(key!("latest"));
    match &k.latest {
        Some(l) => latest(w, l),
        None => w.null(),
    }
    w.key(key!("baseline"));
    match &k.baseline {
        Some(b) => baseline(w, b),
        None => w.null(),
    }
    w.key(key!("target"));
    target(w, &k.target);
    w.opt_figures([
        (key!("expected"), k.expected),
        (key!("gap"), k.gap),
        (key!("gap_pct"), k.gap_pct),
        (key!("attainment"), k.attainment),
        (key!("gap_to_trajectory"), k.gap_to_trajectory),
        (key!("completion"), k.completion),
        (key!("time_elapsed"), k.time_elapsed),
        (key!("pace_gap_pp"), k.pace_gap_pp),
        (key!("time_distance_quarters"), k.time_distance_quarters),
    ]);
    w.key(key!("slack_quarters"));
    w.serde(&k.slack_quarters);
    w.opt_figures([
        (key!("actual_cagr"), k.actual_cagr),
        (key!("required_cagr"), k.required_cagr),
        (key!("growth_ratio"), k.growth_ratio),
        (key!("projection_ratio"), k.projection_ratio),
        (key!("required_rate"), k.required_rate),
        (key!("projected"), k.projected),
    ]);
    w.key(key!("yoy"));
    match &k.yoy {
        Some(y) => yoy(w, y),
        None => w.null(),
    }
    w.key(key!("year_pace"));
    w.serde(&k.year_pace);
    w.key(key!("year_target"));
    w.serde(&k.year_target);
    w.key(key!("since_base"));
    match &k.since_base {
        Some(s) => since_base(w, s),
        None => w.null(),
    }
    w.key(key!("annual_growth"));
    w.serde(&k.annual_growth);
    if let Some(b) = &k.bound {
        w.key(key!("bound"));
        w.serde(b);
    }
    if let Some(i) = &k.index {
        w.key(key!("index"));
        w.serde(i);
    }
    w.key(key!("next_milestone"));
    w.serde(&k.next_milestone);
    w.key(key!("reason"));
    w.opt_text(k.reason.as_deref());
    w.key(key!("caveat"));
    w.opt_text(k.caveat.as_deref());
    w.key(key!("nature"));
    w.serde(&k.nature);
    w.key(key!("forecast"));
    match &k.forecast {
        Some(f) => forecast(w, f),
        None => w.null(),
    }
    w.key(key!("forecast_reason"));
    w.opt_text(k.forecast_reason.as_deref());
    w.close(b'}');
}

/// The change on a year earlier: the most KPIs' only object written by
/// serde_json before.
fn yoy(w: &mut Writer, y: &Yoy) {
    w.open(b'{');
    if let Some(x) = y.pct {
        w.key(key!("pct"));
        w.figure(x);
    }
    if let Some(x) = y.pp {
        w.key(key!("pp"));
        w.figure(x);
    }
    w.key(key!("published"));
    w.flag(y.published);
    w.key(key!("change"));
    w.opt_figure(y.change);
    w.close(b'}');
}

fn since_base(w: &mut Writer, s: &SinceBase) {
    w.open(b'{');
    w.key(key!("from"));
    w.period(s.from);
    w.key(key!("to"));
    w.period(s.to);
    w.opt_figures([
        (key!("figure"), s.figure),
        (key!("completion"), s.completion),
        (key!("time_elapsed"), s.time_elapsed),
        (key!("actual"), s.actual),
        (key!("planned"), s.planned),
    ]);
    w.key(key!("points"));
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
    w.key(key!("period"));
    w.period(period);
    w.key(key!("value"));
    w.figure(value);
    w.key(key!("reported"));
    w.figure(reported);
    w.key(key!("estimated"));
    w.flag(estimated);
    w.key(key!("annualised_by"));
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
    w.key(key!("scope"));
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
    w.key(key!("from"));
    w.serde(&b.from);
    if let Some(x) = b.plan_value {
        w.key(key!("plan_value"));
        w.figure(x);
    }
    w.close(b'}');
}

fn target(w: &mut Writer, t: &TargetValue) {
    w.open(b'{');
    w.key(key!("period"));
    w.period(t.period);
    w.key(key!("value"));
    w.opt_figure(t.value);
    w.key(key!("stated"));
    match t.stated {
        // `{"form": ..., "value": ...}`, as its derived `Serialize` writes it:
        // `key` is the variant's name in snake case (tests/json_by_hand.rs
        // holds the two to the same bytes). Nearly every KPI has one:
        // through serde_json it was 1 % of a portfolio's status.
        Some(s) => {
            w.open(b'{');
            w.key(key!("form"));
            w.text(s.key());
            w.key(key!("value"));
            w.figure(s.number());
            w.close(b'}');
        }
        None => w.null(),
    }
    w.key(key!("comparator"));
    w.serde(&t.comparator);
    if let Some(text) = &t.text {
        w.key(key!("text"));
        w.text(text);
    }
    w.close(b'}');
}

fn forecast(w: &mut Writer, f: &Forecast) {
    w.open(b'{');
    w.key(key!("points"));
    w.serde(&f.points);
    w.key(key!("steps"));
    w.serde(&f.steps);
    w.key(key!("steps_in"));
    w.serde(&f.steps_in);
    w.key(key!("jump_off"));
    w.open(b'{');
    w.key(key!("period"));
    w.period(f.jump_off.period);
    w.key(key!("value"));
    w.figure(f.jump_off.value);
    w.close(b'}');
    w.opt_figures([
        (key!("horizon_years"), Some(f.horizon_years)),
        (key!("step_mean"), Some(f.step_mean)),
        (key!("step_sd"), Some(f.step_sd)),
        (key!("growth_mean_pct"), f.growth_mean_pct),
        (key!("growth_sd_pct"), f.growth_sd_pct),
        (key!("best_growth_pct"), f.best_growth_pct),
        (key!("change_mean"), f.change_mean),
        (key!("change_sd"), f.change_sd),
        (key!("best_change"), f.best_change),
        (key!("required"), f.required),
        (key!("centre"), Some(f.centre)),
        (key!("standard_error"), Some(f.standard_error)),
        (key!("t_quantile"), Some(f.t_quantile)),
    ]);
    w.key(key!("interval"));
    match &f.interval {
        Some(i) => {
            w.open(b'{');
            for (key, x) in [
                (key!("level"), i.level),
                (key!("low"), i.low),
                (key!("high"), i.high),
            ] {
                w.key(key);
                w.figure(x);
            }
            w.close(b'}');
        }
        None => w.null(),
    }
    w.key(key!("p_meet"));
    w.opt_figure(f.p_meet);
    w.key(key!("words"));
    w.serde(&f.words);
    w.key(key!("rough"));
    w.flag(f.rough);
    w.close(b'}');
}

/// Where the writing stands: the depth of the object or array open, and
/// whether nothing is in it yet.
struct Writer<'a> {
    out: &'a mut BytesMut,
    depth: usize,
    first: bool,
    recent: &'a mut RecentFigures,
}

impl Writer<'_> {
    /// A line break and the indentation of the current depth, with a comma
    /// before when `comma`, and `key` after: packed as a mark of three
    /// bytes (`packed`), or written out where a mark does not reach.
    #[inline(always)]
    fn line(&mut self, comma: bool, key: Option<Key>) {
        if self.depth <= packed::DEEPEST {
            let mark = if comma { packed::COMMA } else { packed::BREAK };
            let number = key.map_or(0, Key::number);
            self.out
                .extend_from_slice(&[mark, self.depth as u8, number]);
            return;
        }
        if comma {
            self.out.put_u8(b',');
        }
        self.out.put_u8(b'\n');
        let end = self.out.len() + self.depth * 2;
        self.out.resize(end, b' ');
        if let Some(key) = key {
            self.out.put_u8(b'"');
            self.out.extend_from_slice(key.name().as_bytes());
            self.out.extend_from_slice(b"\": ");
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
            self.line(false, None);
        }
        self.out.put_u8(bracket);
        self.first = false;
    }

    /// The comma and line break before an element.
    #[inline(always)]
    fn item(&mut self) {
        let comma = !self.first;
        self.first = false;
        self.line(comma, None);
    }

    /// `"key": ` on a line of its own, after a comma unless it is the
    /// object's first.
    #[inline(always)]
    fn key(&mut self, key: Key) {
        let comma = !self.first;
        self.first = false;
        self.line(comma, Some(key));
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
        if let Some((word, len)) = self.recent.json_word(x) {
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
    fn opt_figures<const N: usize>(&mut self, figures: [(Key, Option<f64>); N]) {
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
    /// any other is escaped by serde_json. Either way no control character
    /// is written raw, so a mark's bytes (1 and 2) are only ever marks.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines marked and lines written out (past `packed::DEEPEST`) unpack
    /// to the same text: serde_json's, at any depth.
    #[test]
    fn lines_at_every_depth_unpack_as_written() {
        for depth in [0, 1, 5, packed::DEEPEST, packed::DEEPEST + 1, 40] {
            let mut out = BytesMut::new();
            let mut recent = RecentFigures::new();
            let mut w = Writer {
                out: &mut out,
                depth,
                first: true,
                recent: &mut recent,
            };
            w.open(b'{');
            w.key(key!("gap"));
            w.figure(1.5);
            w.key(key!("points"));
            w.open(b'[');
            w.item();
            w.flag(true);
            w.item();
            w.null();
            w.close(b']');
            w.close(b'}');
            let pad = |d: usize| " ".repeat(2 * d);
            let (a, b) = (pad(depth + 1), pad(depth + 2));
            let want = format!(
                "{{\n{a}\"gap\": 1.5,\n{a}\"points\": [\n{b}true,\n{b}null\n{a}]\n{}}}",
                pad(depth)
            );
            let got = String::from_utf8(packed::unpacked(&out)).unwrap();
            assert_eq!(got, want, "depth {depth}");
            // Marked only where a mark reaches.
            assert_eq!(
                out.contains(&b'\n'),
                depth + 2 > packed::DEEPEST,
                "depth {depth}"
            );
        }
    }
}
