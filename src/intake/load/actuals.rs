//! Reading a plan's store of actuals (`data/<plan-id>/actuals.csv`) into observations.
//!
//! The store is strict: plain decimal numbers in the KPI's own unit (or the
//! same unit under another name, 亿元 for 100 million yuan; or one of the same
//! kind, converted exactly), one row per (kpi, period, scope). Every cell that breaks a rule is reported with its line
//! and column; nothing is guessed.

use crate::core::observation::{Basis, Observation};
use crate::core::period::Period;
use crate::core::plan::Plan;
use crate::core::rules::Breach;
use crate::core::rules::observation as rules;
use crate::core::shared::{Shared, same_bytes};
use crate::intake::load::records::{self, Record};
use crate::intake::load::records::{field_spans, line_len};
use crate::problem::{Problem, SourceFile};

/// The columns of the store, in their canonical order.
pub const COLUMNS: [&str; 9] = [
    "kpi", "period", "value", "unit", "basis", "scope", "source", "note", "yoy",
];
const REQUIRED: [&str; 3] = ["kpi", "period", "value"];

/// Parses the store of `plan`; returns what could be read and every problem.
/// A caller must not assess when any problem is an error.
pub fn parse(file: &SourceFile, plan: &Plan) -> (Vec<Observation>, Vec<Problem>) {
    let parsed = parse_rows(file, plan, false);
    (parsed.observations, parsed.problems)
}

/// `parse` on this thread alone, however large the file: for a check run
/// while the other core is busy (an ingest's check of the store it writes,
/// beside its log), where a second thread would only take turns with it.
pub fn parse_alone(file: &SourceFile, plan: &Plan) -> (Vec<Observation>, Vec<Problem>) {
    let parsed = read_rows(file, plan, false, false);
    (parsed.observations, parsed.problems)
}

/// What `parse_rows` read.
#[derive(Debug, Default)]
pub struct Parsed {
    pub observations: Vec<Observation>,
    /// The byte offset where each observation's row starts.
    pub rows_at: Vec<usize>,
    /// Each observation's value and growth on a year earlier as written
    /// (trimmed, unquoted), when asked for: the store keeps figures as text.
    pub texts: Vec<(String, String)>,
    pub problems: Vec<Problem>,
}

/// `parse`, with where each observation's row starts and, with `texts`, its
/// figures as written.
pub fn parse_rows(file: &SourceFile, plan: &Plan, texts: bool) -> Parsed {
    read_rows(file, plan, texts, true)
}

/// `parse_rows`, a large store read on every core when `split`.
fn read_rows(file: &SourceFile, plan: &Plan, texts: bool, split: bool) -> Parsed {
    let text = file.text.as_ref();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    let mut problems = Vec::new();
    if body.trim().is_empty() {
        problems.push(
            Problem::error("the data file is empty")
                .in_file(&file.name)
                .expected(format!(
                    "a header line `{}` and one row per value",
                    COLUMNS.join(",")
                ))
                .hint("delete the file if the plan has no data yet"),
        );
        return Parsed {
            problems,
            ..Parsed::default()
        };
    }

    // A store as plantrack writes it (no quote, no carriage return: every
    // line a row) is read line by line after its header, a large one in
    // stretches of whole lines, one a core; any other, record by record.
    if !body.starts_with('\n') && memchr::memchr2(b'"', b'\r', body.as_bytes()).is_none() {
        // (The size first: asking for the cores reads the system's files.)
        let cores = if split && body.len() >= SPLIT {
            crate::intake::parallel::cores()
        } else {
            1
        };
        return parse_plain(file, plan, texts, bom, cores);
    }
    parse_by_records(file, plan, texts, bom)
}

/// `parse_rows` for any store: every record cut into fields by
/// `records::for_each`, whatever its quoting.
fn parse_by_records(file: &SourceFile, plan: &Plan, texts: bool, bom: usize) -> Parsed {
    let body = &file.text[bom..];
    let mut rows: Option<Rows> = None;
    let mut out = Stretch::sized(body, texts);
    let mut stop = false;
    let unclosed = records::for_each(body, |record| {
        if stop {
            return;
        }
        match &mut rows {
            Some(rows) => rows.take(record, bom + record.start, &mut out),
            None => match read_header(file, bom, record, plan, &mut out.problems) {
                Some(columns) => rows = Some(Rows::new(file, plan, texts, columns, record.len())),
                None => stop = true,
            },
        }
    });
    let mut problems = out.problems;
    if let Some(at) = unclosed {
        problems.push(records::unclosed_quote_problem(|m| {
            Problem::error(m).at(file, bom + at, 1)
        }));
    }
    let Some(Rows { columns, .. }) = rows else {
        return Parsed {
            problems,
            ..Parsed::default()
        };
    };
    let read = Stretch { problems, ..out };
    finish(file, plan, &columns, read)
}

/// Where a store is read in stretches, one a core: from 4 MB (about
/// 80,000 rows), where the second core saves more than it costs.
const SPLIT: usize = 4 << 20;

/// `parse_rows` for a store with no quote and no carriage return, its
/// header on its first line: the lines after it in `cores` stretches, each
/// read line by line (`Rows::take_lines`) on its own core by its own
/// `Rows`, joined in order. A stretch starts at a line's start, so it reads
/// as the whole would: problems in the order of their lines, each row as it
/// would be read after the one before (the short ways are only ever
/// shortcuts to the same row).
fn parse_plain(file: &SourceFile, plan: &Plan, texts: bool, bom: usize, cores: usize) -> Parsed {
    let body = &file.text[bom..];
    let header_end = memchr::memchr(b'\n', body.as_bytes()).unwrap_or(body.len());
    let mut problems = Vec::new();
    let mut header = None;
    records::for_each(&body[..header_end], |record| {
        header = read_header(file, bom, record, plan, &mut problems).map(|c| (record.len(), c));
    });
    let Some((width, columns)) = header else {
        return Parsed {
            problems,
            ..Parsed::default()
        };
    };
    let rest = (header_end + 1).min(body.len());
    let stretches = records::line_ranges(body, rest, cores);
    // Each stretch read into `out`; the first into vectors sized for the
    // whole store, so the others are appended without moving it.
    let read = |stretch: &std::ops::Range<usize>, mut out: Stretch| {
        let mut rows = Rows::new(file, plan, texts, columns, width);
        rows.take_lines(body, stretch.clone(), bom, &mut out);
        out
    };
    let none = rest..rest;
    let (first, rest) = stretches.split_first().unwrap_or((&none, &[]));
    let (mut all, others) = crate::intake::parallel::beside(
        || read(first, Stretch::sized(&body[first.start..], texts)),
        rest,
        |s| read(s, Stretch::sized(&body[s.clone()], texts)),
    );
    all.problems.splice(0..0, problems);
    for mut other in others {
        all.observations.append(&mut other.observations);
        all.rows_at.append(&mut other.rows_at);
        all.figures.append(&mut other.figures);
        all.problems.append(&mut other.problems);
    }
    finish(file, plan, &columns, all)
}

/// What the data rows of a store, or a stretch of them, gave.
#[derive(Default)]
struct Stretch {
    observations: Vec<Observation>,
    /// The byte offset where each observation's row starts.
    rows_at: Vec<usize>,
    /// Each observation's value and growth as written, when asked for.
    figures: Vec<(String, String)>,
    problems: Vec<Problem>,
}

impl Stretch {
    /// Sized once for one row a line of `text`: the vectors never move while they fill.
    fn sized(text: &str, texts: bool) -> Stretch {
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
        Stretch {
            observations: Vec::with_capacity(lines),
            rows_at: Vec::with_capacity(lines),
            figures: Vec::with_capacity(if texts { lines } else { 0 }),
            problems: Vec::new(),
        }
    }
}

/// Reads a store's data rows one after another, under its header.
struct Rows<'a> {
    file: &'a SourceFile,
    plan: &'a Plan,
    texts: bool,
    columns: Columns,
    width: usize,
    cache: Cache,
    repeat: Repeat,
}

impl<'a> Rows<'a> {
    fn new(
        file: &'a SourceFile,
        plan: &'a Plan,
        texts: bool,
        columns: Columns,
        width: usize,
    ) -> Rows<'a> {
        Rows {
            file,
            plan,
            texts,
            columns,
            width,
            cache: Cache::new(plan),
            repeat: Repeat::new(&columns, width),
        }
    }

    /// Reads the lines of `body` (a store's text after its byte-order mark,
    /// with no quote and no carriage return) in `range`, whole lines, into
    /// `out`. A line that repeats the row before in all but its period,
    /// figures and scope is read whole (`Repeat::read_line`); any other is
    /// cut into fields and read by `take`.
    fn take_lines(
        &mut self,
        body: &str,
        range: std::ops::Range<usize>,
        bom: usize,
        out: &mut Stretch,
    ) {
        let text = &body[..range.end];
        let mut ends = Vec::with_capacity(self.width + 1);
        let mut pos = range.start;
        while pos < text.len() {
            if let Some(next) = self.repeat.read_line(text, pos, self.plan, out, self.texts) {
                out.rows_at.push(bom + pos);
                pos = next;
                continue;
            }
            let (record, next) = records::plain_record(text, pos, &mut ends);
            if let Some(record) = record {
                self.take(&record, bom + pos, out);
            }
            pos = next;
        }
    }

    /// Reads `record`, a data row starting at byte `start` of the file,
    /// into `out`: its observation, or its problems.
    fn take(&mut self, record: &Record, start: usize, out: &mut Stretch) {
        let (file, plan, width) = (self.file, self.plan, self.width);
        // A row of empty cells is skipped; a row with a KPI is not empty.
        let first_blank = record.get(0).is_none_or(|f| trim(f).is_empty());
        if first_blank && record.iter().all(|f| trim(f).is_empty()) {
            return;
        }
        if record.len() != width {
            out.problems.push(
                Problem::error(format!(
                    "this row has {} fields but the header has {width}",
                    record.len(),
                ))
                .at(file, start, line_len(&file.text, start))
                .expected(format!("{width} comma-separated fields"))
                .hint("a value with a comma in it must be quoted: \"zone, above designated size\""),
            );
            return;
        }
        let row = Row {
            file,
            record,
            spans: std::cell::OnceCell::new(),
            columns: &self.columns,
            start,
        };
        if self
            .repeat
            .read(&row, plan, &mut out.observations)
            .is_some()
        {
            out.rows_at.push(start);
            if self.texts {
                out.figures
                    .push((row.get(VALUE).to_string(), row.get(YOY).to_string()));
            }
            return;
        }
        let cache = &mut self.cache;
        if let Some((obs, converted)) = read_row(&row, plan, &mut out.problems, cache) {
            let kpi = cache.last_kpi;
            self.repeat
                .remember(&row, &obs, (kpi, &cache.ids[kpi].1), converted.is_none());
            out.observations.push(obs);
            out.rows_at.push(start);
            if self.texts {
                let value = converted.unwrap_or_else(|| row.get(VALUE).to_string());
                out.figures.push((value, row.get(YOY).to_string()));
            }
        }
    }
}

/// The rows read, made whole: a key given twice dropped (and said), the
/// baselines checked against the figures.
fn finish(file: &SourceFile, plan: &Plan, columns: &Columns, read: Stretch) -> Parsed {
    let Stretch {
        mut observations,
        mut rows_at,
        mut figures,
        mut problems,
    } = read;
    if !has_no_duplicates(&observations, &plan.kpi_index()) {
        let keep = drop_duplicates(file, columns, &observations, &rows_at, &mut problems);
        retain_by(&mut observations, &keep);
        retain_by(&mut rows_at, &keep);
        retain_by(&mut figures, &keep);
    }
    check_baselines(file, plan, &observations, &rows_at, &mut problems);
    Parsed {
        observations,
        rows_at,
        texts: figures,
        problems,
    }
}

/// Keeps the items of `list` that `keep` marks (a list as long as it).
fn retain_by<T>(list: &mut Vec<T>, keep: &[bool]) {
    let mut kept = keep.iter();
    list.retain(|_| *kept.next().unwrap_or(&true));
}

/// `text` without surrounding white space; a store's cells rarely have any,
/// so the common case costs two byte tests.
fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    match (b.first(), b.last()) {
        (None, _) => text,
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// True when no (kpi, period, scope) repeats, found in one pass for a store
/// in the usual order: each KPI's rows together, and within them the period
/// never falling, the scope rising within a period (the order the store is
/// written in, and a store of one scope with its periods rising); false
/// also when the order is unusual, for the full check. (The period never
/// falls along a KPI's rows, and within one period the scope always rises,
/// so no key can come twice.)
fn has_no_duplicates(
    observations: &[Observation],
    kpis: &std::collections::HashMap<&str, usize>,
) -> bool {
    let mut seen = vec![false; kpis.len()];
    let mut prev: Option<&Observation> = None;
    for o in observations {
        let same_kpi = prev.is_some_and(|p| p.kpi == o.kpi);
        if same_kpi {
            let p = prev.unwrap_or(o);
            let rising = o.period > p.period || (o.period == p.period && o.scope > p.scope);
            if !rising {
                return false;
            }
        } else {
            let Some(&i) = kpis.get(&*o.kpi) else {
                return false;
            };
            if std::mem::replace(&mut seen[i], true) {
                return false;
            }
        }
        prev = Some(o);
    }
    true
}

/// Rows of one (kpi, period, scope) after the first: a warning when they
/// repeat its value, an error when they differ; either way only the first is
/// kept (the mask returned). Sorting finds them without hashing every row
/// (and a canonical store is sorted already).
fn drop_duplicates(
    file: &SourceFile,
    columns: &Columns,
    observations: &[Observation],
    rows_at: &[usize],
    problems: &mut Vec<Problem>,
) -> Vec<bool> {
    let key = |o: &Observation| (o.kpi, o.period, o.scope);
    let mut order: Vec<usize> = (0..observations.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&observations[a], &observations[b]);
        (&*x.kpi, x.period, &*x.scope)
            .cmp(&(&*y.kpi, y.period, &*y.scope))
            .then(a.cmp(&b))
    });
    let mut keep = vec![true; observations.len()];
    let mut first = None;
    for (n, &i) in order.iter().enumerate() {
        let starts_group = n == 0 || key(&observations[order[n - 1]]) != key(&observations[i]);
        if starts_group {
            first = Some(i);
            continue;
        }
        let Some(f) = first else { continue };
        keep[i] = false;
        let (earlier, obs) = (&observations[f], &observations[i]);
        let (first_line, start) = (file.line_col(rows_at[f]).0, rows_at[i]);
        let same = earlier.value == obs.value && earlier.basis == obs.basis;
        let spans = field_spans(&file.text, start, b',');
        let (col_start, col_len) = columns.index[VALUE]
            .and_then(|c| spans.get(c))
            .map_or((start, 1), |&(s, l)| (s, l.max(1)));
        let p = if same {
            Problem::warning(format!(
                "{} {} ({}) repeats line {first_line} with the same value",
                obs.kpi, obs.period, obs.scope
            ))
            .hint("delete one of the two rows")
        } else {
            Problem::error(format!(
                "{} {} ({}) is given twice: {} on line {first_line} and {} here",
                obs.kpi, obs.period, obs.scope, earlier.value, obs.value
            ))
            .expected("one value per KPI, period and scope")
            .hint("keep the right value and delete the other row; a revised figure replaces the old one")
        };
        problems.push(p.at(file, col_start, col_len));
    }
    keep
}

/// What rows repeat: the last KPI looked up, and shared texts.
struct Cache {
    /// Each KPI's id and default scope, shared by all its observations.
    ids: Vec<(Shared, Shared)>,
    last_kpi: usize,
    index: Option<std::collections::HashMap<String, usize>>,
    scope: Option<Shared>,
    source: Option<Shared>,
    note: Option<Shared>,
}

impl Cache {
    fn new(plan: &Plan) -> Cache {
        Cache {
            ids: plan
                .kpis
                .iter()
                .map(|k| (k.id.as_str().into(), plan.scope_of(k).into()))
                .collect(),
            last_kpi: 0,
            index: None,
            scope: None,
            source: None,
            note: None,
        }
    }

    /// The index of KPI `id`, trying the last one first (stores are sorted by
    /// KPI); the plan's index of ids is built at the first other one.
    fn kpi(&mut self, plan: &Plan, id: &str) -> Option<usize> {
        if plan.kpis.get(self.last_kpi).is_some_and(|k| k.id == id) {
            return Some(self.last_kpi);
        }
        let index = self.index.get_or_insert_with(|| {
            plan.kpis
                .iter()
                .enumerate()
                .map(|(i, k)| (k.id.clone(), i))
                .rev()
                .collect()
        });
        let i = *index.get(id)?;
        self.last_kpi = i;
        Some(i)
    }
}

/// The last row read in place without a problem and with its figure in the
/// KPI's own unit: its cells that repeat from row to row (KPI, unit, basis,
/// source, note) as written, and what they gave. A row that repeats them
/// all (nearly every row of a store, which lists a KPI's periods one after
/// another) only has its period, figures and scope read, by the same rules;
/// any other row, and any row with a problem, is read in full by `read_row`.
///
/// The scope is not among the repeated cells: a store in key order (KPI,
/// period, scope) with many scopes (a zone's parks) changes scope at every
/// row. Each scope is checked once and its text shared by all its rows.
struct Repeat {
    /// The repeated cells with the scope (a store of one scope repeats them
    /// all), and without it (one of many scopes, read on its own).
    with_scope: Cells,
    without_scope: Cells,
    /// The observation the cells gave, its period and figures aside; the
    /// index of its KPI and the KPI's scope (for an empty scope cell).
    seen: Option<(Observation, usize, Shared)>,
    /// The remembered row's scope cell as written.
    scope_text: String,
    scopes: Scopes,
    /// Whether the store's columns are `COLUMNS`, in order and no other, as
    /// plantrack writes a store: a line can then be read whole.
    whole_lines: bool,
}

/// Some columns' cells as one row wrote them: the fields holding those
/// columns, as runs of neighbouring fields (first, last), and each run's
/// text, delimiters included. In a store's usual order, the KPI, and the
/// unit to the note.
struct Cells {
    runs: Vec<(usize, usize)>,
    texts: Vec<String>,
}

impl Cells {
    fn new(columns: &Columns, which: &[usize]) -> Cells {
        let mut fields: Vec<usize> = which.iter().filter_map(|&c| columns.index[c]).collect();
        fields.sort_unstable();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for f in fields {
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == f => *last = f,
                _ => runs.push((f, f)),
            }
        }
        Cells {
            texts: vec![String::new(); runs.len()],
            runs,
        }
    }

    /// Keeps `record`'s cells; `None` when it was not read in place.
    fn keep(&mut self, record: &Record) -> Option<()> {
        for (text, &(first, last)) in self.texts.iter_mut().zip(&self.runs) {
            let raw = record.raw(first, last)?;
            text.clear();
            text.push_str(raw);
        }
        Some(())
    }

    /// Whether `record` repeats the cells kept; `None` when it was not read
    /// in place.
    fn repeated_in(&self, record: &Record) -> Option<bool> {
        for (text, &(first, last)) in self.texts.iter().zip(&self.runs) {
            if record.raw(first, last)? != text {
                return Some(false);
            }
        }
        Some(true)
    }
}

/// Each scope `Repeat` met, checked as `read_row` checks it, shared; the
/// last one is found without hashing.
#[derive(Default)]
struct Scopes {
    by_text: foldhash::HashMap<Box<str>, Shared>,
    last: Option<Shared>,
}

impl Scopes {
    /// Scope `s` shared, when it is as a store writes it (no surrounding
    /// spaces) and `read_row` would accept it.
    fn get(&mut self, s: &str) -> Option<Shared> {
        if let Some(last) = &self.last
            && last.is(s)
        {
            return Some(*last);
        }
        let shared = match self.by_text.get(s) {
            Some(shared) => *shared,
            None => {
                if trim(s).len() != s.len() || rules::plain_text("scope", s).is_err() {
                    return None;
                }
                let shared: Shared = s.into();
                self.by_text.insert(s.into(), shared);
                shared
            }
        };
        self.last = Some(shared);
        Some(shared)
    }
}

/// The columns `Repeat` compares, the scope aside.
const REPEATED: [usize; 5] = [KPI, UNIT, BASIS, SOURCE, NOTE];

impl Repeat {
    fn new(columns: &Columns, width: usize) -> Repeat {
        let mut with_scope = REPEATED.to_vec();
        with_scope.push(SCOPE);
        let in_order = (0..COLUMNS.len()).all(|c| columns.index[c] == Some(c));
        Repeat {
            with_scope: Cells::new(columns, &with_scope),
            without_scope: Cells::new(columns, &REPEATED),
            seen: None,
            scope_text: String::new(),
            scopes: Scopes::default(),
            whole_lines: in_order && width == COLUMNS.len(),
        }
    }

    /// Remembers `row` and what it gave, when `plain` (its figure needed no
    /// conversion) and it was read in place; forgets the row before otherwise.
    fn remember(&mut self, row: &Row, obs: &Observation, kpi: (usize, &Shared), plain: bool) {
        self.seen = None;
        if !plain
            || self.with_scope.keep(row.record).is_none()
            || self.without_scope.keep(row.record).is_none()
        {
            return;
        }
        let scope = row.get(SCOPE);
        if !scope.is_empty() && !self.scopes.by_text.contains_key(scope) {
            self.scopes.by_text.insert(scope.into(), obs.scope);
        }
        self.scope_text.clear();
        self.scope_text.push_str(row.untrimmed(SCOPE));
        self.seen = Some((obs.clone(), kpi.0, *kpi.1));
    }

    /// The line of `text` at `pos` (a store with no quote and no carriage
    /// return) read whole, without cutting it into fields, when the store's
    /// columns are `COLUMNS` in order and the line repeats the remembered
    /// row's cells but its period, figures and scope: `kpi,period,value,`
    /// `unit,basis,scope,source,note,yoy` with the KPI, the unit and basis,
    /// and the source and note as the row before wrote them. Such a line has
    /// the header's nine fields, and is read as `read` reads its record;
    /// `None` sends it to be cut and read as any other. Its observation (and,
    /// with `texts`, its value and growth as written) go straight into
    /// `out`; what comes back is where the next line begins.
    fn read_line(
        &mut self,
        text: &str,
        pos: usize,
        plan: &Plan,
        out: &mut Stretch,
        texts: bool,
    ) -> Option<usize> {
        if !self.whole_lines || self.seen.is_none() {
            return None;
        }
        let [kpi, unit_basis, source_note] = &self.without_scope.texts[..] else {
            return None;
        };
        let b = text.as_bytes();
        // The line's commas and line feed, found at once where it can be.
        let seps = records::line_separators(b, pos);
        let at = repeated(b, pos, kpi)?;
        let (period, at) = cell(text, at, seps)?;
        let (value, at) = cell(text, at, seps)?;
        let at = repeated(b, at, unit_basis)?;
        let (scope, at) = cell(text, at, seps)?;
        let at = repeated(b, at, source_note)?;
        // The last cell runs to the line's end: a comma in it would be a
        // tenth field.
        let end = records::end_of(seps, b, at);
        if b.get(end) == Some(&b',') {
            return None;
        }
        let yoy = text.get(at..end)?;
        let scope = (!same_bytes(scope.as_bytes(), self.scope_text.as_bytes())).then_some(scope);
        self.figures(plan, period, value, yoy, scope, &mut out.observations)?;
        if texts {
            out.figures.push((value.to_string(), yoy.to_string()));
        }
        Some((end + 1).min(b.len()))
    }

    /// The row's observation when it repeats the remembered cells and its
    /// period and figures read without a problem, pushed onto `into`;
    /// `None` sends it to `read_row`, which reads it again and reports what
    /// is wrong.
    fn read(&mut self, row: &Row, plan: &Plan, into: &mut Vec<Observation>) -> Option<()> {
        self.seen.as_ref()?;
        // The remembered row's scope, or another read on its own.
        let same_scope = self.with_scope.repeated_in(row.record)?;
        if !same_scope && !self.without_scope.repeated_in(row.record)? {
            return None;
        }
        let scope = (!same_scope).then(|| row.untrimmed(SCOPE));
        self.figures(
            plan,
            row.untrimmed(PERIOD),
            row.untrimmed(VALUE),
            row.untrimmed(YOY),
            scope,
            into,
        )
    }

    /// The observation of a row that repeats the remembered cells, from its
    /// period, value, growth and scope cells as written (`None` for the
    /// remembered row's scope), pushed onto `into`. Pushed here, not
    /// returned: handed back, the observation went through memory once more
    /// and was read back at once, a stall of some 15 % of `take_lines`
    /// (docs/performance.md, "Issue 26, thirteenth step").
    fn figures(
        &mut self,
        plan: &Plan,
        period: &str,
        text: &str,
        yoy: &str,
        scope: Option<&str>,
        into: &mut Vec<Observation>,
    ) -> Option<()> {
        let (seen, kpi, kpi_scope) = self.seen.as_ref()?;
        // Only the forms a store is written in (`2018Q2`, a plain decimal,
        // no spaces), read as `from_str` and `parse_value` read them; any
        // other form, trimmed or not, is read by `read_row`.
        let period = Period::plain(period.as_bytes())?;
        rules::in_window(plan, period).ok()?;
        let value = plain_decimal(text.as_bytes())? + 0.0;
        rules::in_range(value, &rules::Quoted(text)).ok()?;
        rules::milestone_value(&plan.kpis[*kpi], &value, value == 0.0 || value == 1.0).ok()?;
        let yoy_pct = match yoy {
            "" => None,
            yoy => Some(plain_decimal(yoy.as_bytes())? + 0.0),
        };
        let scope = match scope {
            None => seen.scope,
            Some("") => *kpi_scope,
            Some(s) => self.scopes.get(s)?,
        };
        // Field by field from the row before; the texts are interned, so
        // each is copied as a pointer.
        into.push(Observation {
            kpi: seen.kpi,
            period,
            value,
            basis: seen.basis,
            scope,
            source: seen.source,
            note: seen.note,
            yoy_pct,
        });
        Some(())
    }
}

/// Where the cells after `repeated` start, when the line at `at` of `b`
/// goes on with `repeated` and a comma.
#[inline]
fn repeated(b: &[u8], at: usize, repeated: &str) -> Option<usize> {
    let end = at + repeated.len();
    (same_bytes(b.get(at..end)?, repeated.as_bytes()) && b.get(end) == Some(&b','))
        .then_some(end + 1)
}

/// The cell of `text` at `at`, ended by a comma, and where the next starts;
/// `None` at a line's end.
#[inline]
fn cell(text: &str, at: usize, seps: Option<records::Separators>) -> Option<(&str, usize)> {
    let b = text.as_bytes();
    let end = records::end_of(seps, b, at);
    (b.get(end) == Some(&b',')).then_some(())?;
    // Cut at ASCII bytes, the slice is whole characters.
    Some((text.get(at..end)?, end + 1))
}

/// `text` interned, reusing `slot` when it holds the same text (without
/// asking the run-wide table).
fn share(slot: &mut Option<Shared>, text: &str) -> Shared {
    match slot {
        Some(s) if s.is(text) => *s,
        _ => {
            let s: Shared = text.into();
            *slot = Some(s);
            s
        }
    }
}

// Positions in `COLUMNS`.
const KPI: usize = 0;
const PERIOD: usize = 1;
const VALUE: usize = 2;
const UNIT: usize = 3;
const BASIS: usize = 4;
const SCOPE: usize = 5;
const SOURCE: usize = 6;
const NOTE: usize = 7;
const YOY: usize = 8;

/// Which field of a record holds each column, by the column's place in `COLUMNS`.
#[derive(Clone, Copy)]
struct Columns {
    index: [Option<usize>; 9],
}

fn read_header(
    file: &SourceFile,
    bom: usize,
    header: &Record<'_>,
    plan: &Plan,
    problems: &mut Vec<Problem>,
) -> Option<Columns> {
    let spans = field_spans(&file.text, bom, b',');
    let mut index = [None; 9];
    let mut unknown = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        match COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(name)) {
            Some(c) if index[c].is_some() => problems
                .push(Problem::breach(rules::duplicate_column(name), |m| {
                    Problem::error(m).at(file, spans[i].0, spans[i].1.max(1))
                })),
            Some(c) => index[c] = Some(i),
            None => unknown.push((i, name)),
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| {
            COLUMNS
                .iter()
                .position(|x| x == c)
                .is_some_and(|i| index[i].is_none())
        })
        .collect();
    if !missing.is_empty() {
        let first = header.get(0).unwrap_or("").trim();
        let looks_like_data = plan.kpi(first).is_some();
        let p = Problem::error(if looks_like_data {
            "the header line is missing: the first line holds data".to_string()
        } else {
            format!("the header lacks the column(s) {}", missing.join(", "))
        })
        .at(file, bom, line_len(&file.text, bom))
        .expected(format!(
            "a first line naming the columns, e.g. `{}`",
            COLUMNS.join(",")
        ))
        .hint(
            "kpi, period and value are required; unit, basis, scope, source, note and yoy are optional",
        );
        problems.push(p);
        return None;
    }
    for (i, name) in unknown {
        problems.push(Problem::breach(
            rules::unknown_column(name, &COLUMNS.join(", ")),
            |m| Problem::error(m).at(file, spans[i].0, spans[i].1.max(1)),
        ));
    }
    Some(Columns { index })
}

/// One data row; the byte spans of its fields in the file are found only
/// when a problem needs to point at one.
struct Row<'a> {
    file: &'a SourceFile,
    record: &'a Record<'a>,
    spans: std::cell::OnceCell<Vec<(usize, usize)>>,
    columns: &'a Columns,
    start: usize,
}

impl Row<'_> {
    /// The trimmed text of column `col` (a position in `COLUMNS`), empty when absent.
    fn get(&self, col: usize) -> &str {
        self.columns.index[col]
            .and_then(|i| self.record.get(i))
            .map_or("", trim)
    }

    /// The text of column `col` as it stands, empty when absent.
    #[inline]
    fn untrimmed(&self, col: usize) -> &str {
        self.columns.index[col]
            .and_then(|i| self.record.get(i))
            .unwrap_or_default()
    }

    /// (start, length) of a column's cell, at least one byte so it can be underlined.
    fn span(&self, col: usize) -> (usize, usize) {
        let i = self.columns.index[col].unwrap_or(0);
        let spans = self
            .spans
            .get_or_init(|| field_spans(&self.file.text, self.start, b','));
        spans
            .get(i)
            .map_or((self.start, 1), |&(s, l)| (s, l.max(1)))
    }

    fn problem(&self, col: usize, message: String) -> Problem {
        let (s, l) = self.span(col);
        Problem::error(message).at(self.file, s, l)
    }

    /// A broken rule, pointing at column `col`.
    fn breach(&self, col: usize, b: Breach) -> Problem {
        Problem::breach(b, |m| self.problem(col, m))
    }
}

/// One observation from a row, or the problems of its cells.
/// One row's observation, and its value's text in the KPI's unit when the
/// row gave it in another (converted exactly).
fn read_row(
    row: &Row,
    plan: &Plan,
    problems: &mut Vec<Problem>,
    cache: &mut Cache,
) -> Option<(Observation, Option<String>)> {
    let before = problems.len();
    let kpi_id = row.get(KPI);
    let kpi_index = cache.kpi(plan, kpi_id);
    let kpi = kpi_index.map(|i| &plan.kpis[i]);
    if kpi.is_none() {
        let ids: Vec<&str> = plan.kpis.iter().map(|k| k.id.as_str()).collect();
        problems.push(
            row.problem(
                KPI,
                format!("unknown KPI `{kpi_id}`: plan `{}` has no such KPI", plan.id),
            )
            .expected(format!("one of {}", ids.join(", ")))
            .hint("KPI ids are the `id` fields of the plan file"),
        );
    }

    let period_text = row.get(PERIOD);
    let period = match period_text.parse::<Period>() {
        Ok(p) => {
            if let Err(b) = rules::in_window(plan, p) {
                problems.push(row.breach(PERIOD, b));
            }
            Some(p)
        }
        Err(e) => {
            problems.push(row.breach(PERIOD, rules::not_a_period(period_text, &e)));
            None
        }
    };

    let mut value = match parse_value(row.get(VALUE)) {
        Ok(v) => match rules::in_range(v, &rules::Quoted(row.get(VALUE))) {
            Ok(()) => Some(v),
            Err(b) => {
                problems.push(row.breach(VALUE, b));
                None
            }
        },
        Err((message, hint)) => {
            problems.push(
                row.problem(VALUE, message)
                    .expected("a plain decimal number such as 32.34")
                    .hint(hint),
            );
            None
        }
    };

    let yoy_text = row.get(YOY);
    let yoy_pct = if yoy_text.is_empty() {
        None
    } else {
        match parse_value(yoy_text) {
            Ok(v) => Some(v),
            Err((message, hint)) => {
                problems.push(
                    row.problem(YOY, format!("growth on a year earlier: {message}"))
                        .expected(
                            "the published percentage as a plain number, e.g. 13.7 for +13.7 %",
                        )
                        .hint(hint),
                );
                None
            }
        }
    };

    let mut basis = None;
    let mut converted = None;
    if let Some(kpi) = kpi {
        let unit = row.get(UNIT);
        // The same unit under another name (亿元, 100 million yuan) is the
        // KPI's; one of another scale (万元 for 亿元) is converted exactly,
        // in decimal, from the text as written.
        if !unit.is_empty()
            && unit != kpi.unit
            && !crate::core::units::same(unit, &kpi.unit)
            && value.is_some()
            && let Some(d) = row
                .get(VALUE)
                .trim()
                .parse::<rust_decimal::Decimal>()
                .ok()
                .and_then(|d| crate::core::units::convert(d, unit, &kpi.unit).ok())
        {
            let d = d.normalize();
            value = rust_decimal::prelude::ToPrimitive::to_f64(&d);
            converted = Some(d.to_string());
        } else if !unit.is_empty() && unit != kpi.unit && !crate::core::units::same(unit, &kpi.unit)
        {
            problems.push(
                row.problem(
                    UNIT,
                    format!(
                        "unit `{unit}` is not the unit of `{}`, `{}`",
                        kpi.id, kpi.unit
                    ),
                )
                .expected(format!("`{}` or an empty cell", kpi.unit))
                .hint(format!(
                    "a unit of the same kind converts ({}); this one does not",
                    crate::core::units::dimension(&kpi.unit)
                        .map(|d| crate::core::units::known_names(d).join(", "))
                        .unwrap_or_else(|| format!("only `{}` itself", kpi.unit))
                )),
            );
        }
        basis = match rules::basis(kpi, row.get(BASIS)) {
            Ok(b) => Some(b),
            Err(b) => {
                problems.push(row.breach(BASIS, b));
                None
            }
        };
        if let Some(v) = value
            && let Err(b) = rules::milestone_value(kpi, &v, v == 0.0 || v == 1.0)
        {
            problems.push(row.breach(VALUE, b));
        }
    }

    // Texts repeat from row to row: one seen just before is not checked again.
    for (col, what, seen) in [
        (SCOPE, "scope", &cache.scope),
        (SOURCE, "source", &cache.source),
        (NOTE, "note", &cache.note),
    ] {
        let text = row.get(col);
        if seen.as_deref() != Some(text)
            && let Err(b) = rules::plain_text(what, text)
        {
            problems.push(row.breach(col, b));
        }
    }
    if problems.len() > before {
        return None;
    }
    // Shared texts are cloned one by one: each clone is an atomic count.
    let (id, default_scope) = &cache.ids[kpi_index?];
    let id = *id;
    let scope = match row.get(SCOPE) {
        "" => *default_scope,
        s => share(&mut cache.scope, s),
    };
    let observation = Observation {
        kpi: id,
        period: period?,
        value: value?,
        basis: basis?,
        scope,
        source: share(&mut cache.source, row.get(SOURCE)),
        note: match row.get(NOTE) {
            "" => None,
            n => Some(share(&mut cache.note, n)),
        },
        yoy_pct,
    };
    Some((observation, converted))
}

/// Powers of ten up to the most decimals `plain_decimal` reads (15), each
/// exact as a double.
const POWERS: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// A figure written `-?digits(.digits)?` with at most 15 digits in all, read
/// without the general parser: its digits as a whole number and the power
/// of ten of its decimals are both exact doubles, so one division is the
/// correctly rounded value, the very double `str::parse` gives (Clinger's
/// fast path, the first step of Rust's own parser). `None` for any other
/// text, which the general parser reads.
fn plain_decimal(text: &[u8]) -> Option<f64> {
    let (negative, body) = match text {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, text),
    };
    if body.is_empty() || body.len() > 16 {
        return None;
    }
    // One pass (a figure is a few bytes: a vector search's set-up would
    // cost more): the digits as a whole number, and where the point is.
    let mut n: u64 = 0;
    let mut point = None;
    for (i, &b) in body.iter().enumerate() {
        match b {
            b'0'..=b'9' => n = n * 10 + u64::from(b - b'0'),
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    let decimals = match point {
        None => 0,
        // A digit on each side of the point.
        Some(p) if p > 0 && p + 1 < body.len() => body.len() - p - 1,
        Some(_) => return None,
    };
    if body.len() - usize::from(point.is_some()) > 15 {
        return None;
    }
    // Fifteen digits are below 2^53: `n` converts exactly (and sixteen
    // cannot overflow `n` before being turned away).
    let v = n as f64 / POWERS[decimals];
    Some(if negative { -v } else { v })
}

/// A plain decimal number, or why the text is not one (with a hint).
pub fn parse_value(text: &str) -> Result<f64, (String, String)> {
    if let Some(v) = plain_decimal(text.as_bytes()) {
        // `-0` is 0, as below.
        return Ok(v + 0.0);
    }
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if let (true, Ok(v)) = (plain, text.parse::<f64>())
        && v.is_finite()
    {
        // `-0` is 0: a sign on nothing says nothing, and would print as -0.
        return Ok(v + 0.0);
    }
    if text.is_empty() {
        return Err((
            "the value is empty".to_string(),
            "a missing figure is a missing row: leave the period out rather than write 0"
                .to_string(),
        ));
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("nan") || lower.contains("inf") {
        return Err((
            format!("`{text}` is not a number"),
            "NaN and infinity are not figures; leave the row out if the value is unknown"
                .to_string(),
        ));
    }
    if text.contains(',') || text.contains('，') {
        return Err((
            format!("`{text}` has a thousands separator"),
            "write the number without separators, e.g. 12345.6".to_string(),
        ));
    }
    if text.ends_with('%') {
        return Err((
            format!("`{text}` has a percent sign"),
            format!(
                "write {} for {text}: the unit column says it is a percentage",
                text.trim_end_matches('%').trim()
            ),
        ));
    }
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    match text.parse::<f64>() {
        Ok(v) if plain && v.is_finite() => Ok(v),
        Ok(_) if plain => Err((
            format!("`{text}` is too large to be a figure"),
            "check the exponent".to_string(),
        )),
        _ => Err((
            format!("`{text}` is not a number"),
            "units belong in the unit column and notes in the note column".to_string(),
        )),
    }
}

/// The plan's stated baseline must agree with the data's value at that period,
/// or the assessment would silently prefer one figure over the other.
fn check_baselines(
    file: &SourceFile,
    plan: &Plan,
    observations: &[Observation],
    rows_at: &[usize],
    problems: &mut Vec<Problem>,
) {
    // Each KPI's baseline row, the first that matches, found in one pass:
    // a row is compared with the baselines only when its period is one of
    // theirs (a few in a store of thousands of rows).
    let wanted: Vec<(&crate::core::plan::Kpi, Period, &str)> = plan
        .kpis
        .iter()
        .filter(|k| k.baseline.is_some())
        .map(|k| (k, plan.baseline_period_of(k), plan.scope_of(k)))
        .collect();
    let mut found: Vec<Option<usize>> = vec![None; wanted.len()];
    for (i, o) in observations.iter().enumerate() {
        if !wanted.iter().any(|(_, p, _)| *p == o.period) {
            continue;
        }
        for ((kpi, period, scope), at) in wanted.iter().zip(found.iter_mut()) {
            if at.is_none() && o.period == *period && o.kpi.is(&kpi.id) && o.scope.is(scope) {
                *at = Some(i);
            }
        }
    }
    for ((kpi, _, _), at) in wanted.iter().zip(found) {
        let Some(b) = &kpi.baseline else { continue };
        let Some((o, offset)) = at.map(|i| (&observations[i], &rows_at[i])) else {
            continue;
        };
        if o.basis == Basis::default_for(kpi.kind) && o.value != b.value {
            let offset = *offset;
            problems.push(
                Problem::error(format!(
                    "{} {}: the data says {} but the plan's baseline is {}",
                    kpi.id, o.period, o.value, b.value
                ))
                .at(file, offset, line_len(&file.text, offset))
                .expected(format!("{} (the plan's baseline)", b.value))
                .hint("correct whichever is wrong, so that the baseline is one figure"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        // The short way reads exactly the double the general parser reads,
        // for every plain decimal, short or too long for it.
        #[test]
        fn a_plain_decimal_reads_as_the_general_parser_reads_it(
            text in "-?[0-9]{1,17}(\\.[0-9]{0,24})?",
        ) {
            let general = text.parse::<f64>().unwrap() + 0.0;
            let ours = parse_value(&text).unwrap();
            proptest::prop_assert_eq!(ours.to_bits(), general.to_bits(), "{}", text);
        }

        /// A store in the layout plantrack writes, its lines read whole
        /// where they repeat the row before (`Repeat::read_line`), in one
        /// stretch or several, reads exactly as it does record by record
        /// (`parse_by_records`): the same observations, offsets, texts and
        /// problems, in order. The rows mix what a line can differ in:
        /// KPI, period, figures, unit, basis, scope, source and note, with
        /// spaces, bad cells, a field too many or too few, blank lines and
        /// keys given twice. Each cell but the period and value is the row
        /// before's more often than not (a pick past the end of its list),
        /// so that most lines can be read whole.
        #[test]
        fn lines_read_whole_read_as_records(
            rows in proptest::collection::vec(
                (0..12usize, 0..7usize, 0..9usize, 0..10usize, 0..10usize, 0..12usize, 0..8usize, 0..6usize),
                0..60,
            ),
            upper in proptest::bool::ANY,
        ) {
            const KPIS: [&str; 5] = ["built_up_area", "industrial_output", "rd_ratio", "no_such_kpi", " built_up_area"];
            const PERIODS: [&str; 7] = ["2019Q4", "2020Q1", "2020Q2", "2021Q4", "2020", " 2020Q3", "x"];
            const VALUES: [&str; 9] = ["22", "1.5", "-3", "1e3", " 7", "", "abc", "0", "1"];
            const UNITS: [&str; 4] = ["", "km²", "亿元", "%"];
            const BASES: [&str; 4] = ["", "ytd", "quarter", "odd"];
            const SCOPES: [&str; 5] = ["", "park 1", "park 2", " park 1", "zone\u{7}"];
            const SOURCES: [&str; 3] = ["", "SYNTHETIC", "bureau,extra"];
            const YOYS: [&str; 6] = ["", "3.5", "x", "1,2", "-1.25", "\n"];
            let mut text = String::from(if upper {
                "KPI,period,value,unit,basis,scope,source,note,yoy\n"
            } else {
                "kpi,period,value,unit,basis,scope,source,note,yoy\n"
            });
            let mut before = [0; 5];
            for (k, p, v, u, b, s, src, y) in rows {
                // A pick past a list's end keeps the row before's cell.
                for (slot, (pick, len)) in before.iter_mut().zip([
                    (k, KPIS.len()), (u, UNITS.len()), (b, BASES.len()), (s, SCOPES.len()), (src, SOURCES.len()),
                ]) {
                    if pick < len {
                        *slot = pick;
                    }
                }
                let [k, u, b, s, src] = before;
                text.push_str(&format!(
                    "{},{},{},{},{},{},{},,{}\n",
                    KPIS[k], PERIODS[p], VALUES[v], UNITS[u], BASES[b], SCOPES[s], SOURCES[src], YOYS[y],
                ));
            }
            let plan: Plan = crate::intake::bishan_plan();
            let file = SourceFile::new("a.csv", text);
            for texts in [false, true] {
                let records = parse_by_records(&file, &plan, texts, 0);
                for cores in [1, 3] {
                    let lines = parse_plain(&file, &plan, texts, 0, cores);
                    proptest::prop_assert_eq!(&lines.observations, &records.observations);
                    proptest::prop_assert_eq!(&lines.rows_at, &records.rows_at);
                    proptest::prop_assert_eq!(&lines.texts, &records.texts);
                    proptest::prop_assert_eq!(
                        format!("{:?}", lines.problems),
                        format!("{:?}", records.problems)
                    );
                }
            }
        }

        // Any mix of digits, points and signs: the short way reads what the
        // general parser reads, or leaves the text to it.
        #[test]
        fn the_short_way_never_reads_a_figure_otherwise(text in "[-+0-9.]{0,18}") {
            if let Some(v) = plain_decimal(text.as_bytes()) {
                let general = text.parse::<f64>().map(f64::to_bits);
                proptest::prop_assert_eq!(Ok(v.to_bits()), general, "{}", text);
            }
        }
    }

    #[test]
    fn the_short_way_leaves_other_forms_to_the_general_parser() {
        for text in [
            "", "-", ".", "1.", ".5", "-.5", "+1", "1e5", "1.2.3", "12a", "1,5", "--1",
        ] {
            assert_eq!(plain_decimal(text.as_bytes()), None, "{text}");
        }
        assert_eq!(plain_decimal(b"-0"), Some(-0.0));
        assert_eq!(parse_value("-0").unwrap().to_bits(), 0.0f64.to_bits());
        assert_eq!(plain_decimal(b"123456789012345"), Some(123456789012345.0));
        assert_eq!(plain_decimal(b"1234567890123456"), None);
        assert_eq!(plain_decimal(b"0.1"), Some(0.1));
        assert_eq!(plain_decimal(b"32.34"), Some(32.34));
    }

    #[test]
    fn a_note_is_kept_for_each_row_and_an_empty_one_is_none() {
        let plan: Plan = crate::intake::bishan_plan();
        let text = "kpi,period,value,note\n\
                    built_up_area,2019Q4,22,preliminary\n\
                    built_up_area,2020Q4,23,preliminary\n\
                    built_up_area,2021Q4,24,\n";
        let (obs, problems) = parse(&SourceFile::new("a.csv", text.to_string()), &plan);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(obs[0].note.as_deref(), Some("preliminary"));
        assert_eq!(obs[1].note.as_deref(), Some("preliminary"));
        assert_eq!(obs[2].note, None);
    }

    /// A store read in stretches, one a core, reads as it does in one pass:
    /// the same observations, offsets, texts and problems, in order, for
    /// any number of stretches, with bad rows, a key given twice across
    /// stretches, blank lines and many scopes.
    #[test]
    fn a_store_read_in_stretches_reads_as_in_one_pass() {
        let plan: Plan = crate::intake::bishan_plan();
        let mut text = String::from("kpi,period,value,scope,yoy\n");
        for year in 2019..=2021 {
            for q in 1..=4 {
                for park in ["park 1", "park 2", ""] {
                    text.push_str(&format!("built_up_area,{year}Q{q},2{q},{park},\n"));
                    text.push_str(&format!("industrial_output,{year}Q{q},{q}0.5,{park},3.5\n"));
                }
            }
        }
        text.push_str("no_such_kpi,2020Q1,1,,\n\nbuilt_up_area,2020Q1,22,park 1,\n");
        text.push_str("built_up_area,2020Q1,1,2,3,4\nrd_ratio,2020Q2,x,,\nrd_ratio,2020Q3,3.1,,\n");
        let file = SourceFile::new("a.csv", text.clone());
        assert!(text.len() < SPLIT, "read in one pass below");
        let one = parse_rows(&file, &plan, true);
        assert!(one.problems.len() >= 4, "{:?}", one.problems);
        for texts in [false, true] {
            let one = parse_rows(&file, &plan, texts);
            for parts in [1, 2, 3, 7, 50] {
                let split = parse_plain(&file, &plan, texts, 0, parts);
                assert_eq!(split.observations, one.observations, "{parts}");
                assert_eq!(split.rows_at, one.rows_at, "{parts}");
                assert_eq!(split.texts, one.texts, "{parts}");
                assert_eq!(
                    format!("{:?}", split.problems),
                    format!("{:?}", one.problems),
                    "{parts}"
                );
            }
        }
    }

    /// A store in key order with many scopes changes scope at every row:
    /// each scope is read as `read_row` reads it, shared, and a bad one is
    /// still refused at its own cell, however late it comes.
    #[test]
    fn scopes_that_change_every_row_are_read_as_row_by_row() {
        let plan: Plan = crate::intake::bishan_plan();
        let mut text = String::from("kpi,period,value,scope\n");
        for year in 2019..=2021 {
            for park in ["park 1", "park 2", "park 3", ""] {
                text.push_str(&format!("built_up_area,{year}Q4,2{},{park}\n", year - 2019));
            }
        }
        let (obs, problems) = parse(&SourceFile::new("a.csv", text.clone()), &plan);
        assert!(problems.is_empty(), "{problems:?}");
        let scopes: Vec<&str> = obs.iter().map(|o| &*o.scope).collect();
        let default = plan.scope_of(plan.kpi("built_up_area").unwrap());
        assert_eq!(&scopes[..4], ["park 1", "park 2", "park 3", default]);
        assert_eq!(scopes[4..8], scopes[..4]);

        // The same scopes with spaces around them read the same.
        let spaced = text.replace(",park 2\n", ", park 2 \n");
        let (again, problems) = parse(&SourceFile::new("a.csv", spaced), &plan);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(again, obs);

        // A control character in a scope first met late is refused there.
        let bad = text.replacen("2021Q4,22,park 3", "2021Q4,22,park\u{7}3", 1);
        assert_ne!(bad, text);
        let (_, problems) = parse(&SourceFile::new("a.csv", bad), &plan);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("control character"),
            "{problems:?}"
        );
    }
}
