//! Problems found in a user's files, pointing at the exact text.
//!
//! Every bad input becomes a `Problem`: what is wrong, where (file, line,
//! column, with the source line shown), the text found, what was expected, and
//! a hint. They are collected, not thrown, so one run reports all of them.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

use crate::lang::Lang;

pub mod messages;
pub mod zh;

/// A problem is an error (exit 2, nothing assessed) or a warning (reported only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A source file kept for pointing into. Its text is shared, and taken as
/// the `String` it was read into: a large file is never copied to be kept.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: Arc<String>,
    named: Arc<NamedSource<Arc<String>>>,
    /// Where each line starts, found on first use: a file with a thousand
    /// problems is not counted through a thousand times.
    line_starts: Arc<std::sync::OnceLock<Vec<usize>>>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let name = name.into();
        let text = Arc::new(text.into());
        let named = Arc::new(NamedSource::new(&name, text.clone()));
        SourceFile {
            name,
            text,
            named,
            line_starts: Arc::default(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        });
        // The last line start at or before the offset.
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        (line, self.text[line_start..offset].chars().count() + 1)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where in a file a problem is.
#[derive(Debug, Clone)]
pub struct Location {
    pub file: SourceFile,
    /// Byte range of the offending text.
    pub start: usize,
    pub len: usize,
}

impl Location {
    pub fn line_col(&self) -> (usize, usize) {
        self.file.line_col(self.start)
    }
}

/// One thing wrong with the input.
#[derive(Debug, Clone)]
pub struct Problem {
    pub severity: Severity,
    /// The file concerned, also when no exact place in it is known.
    pub file: Option<String>,
    pub location: Option<Location>,
    /// A spreadsheet cell such as `Sheet1!B3`, where there is no text to show.
    pub cell: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What was expected there.
    pub expected: Option<String>,
    pub hint: Option<String>,
    /// The language its hint is shown in (set as it is rendered).
    shown_in: Lang,
}

impl Problem {
    /// A broken rule, at the place `locate` makes of its message.
    pub fn breach(
        b: crate::core::rules::Breach,
        locate: impl FnOnce(String) -> Problem,
    ) -> Problem {
        let p = locate(b.message).expected(b.expected);
        match b.hint {
            Some(h) => p.hint(h),
            None => p,
        }
    }
    pub fn error(message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            file: None,
            location: None,
            cell: None,
            message: message.into(),
            expected: None,
            hint: None,
            shown_in: Lang::default(),
        }
    }

    pub fn warning(message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(message)
        }
    }

    /// The same problem, as a warning: it is reported, and stops nothing.
    pub fn as_warning(mut self) -> Problem {
        self.severity = Severity::Warning;
        self
    }

    /// Names the file without pointing into it.
    pub fn in_file(mut self, file: impl Into<String>) -> Problem {
        self.file = Some(file.into());
        self
    }

    /// Points at `len` bytes from `start` in `file`.
    pub fn at(mut self, file: &SourceFile, start: usize, len: usize) -> Problem {
        self.file = Some(file.name.clone());
        self.location = Some(Location {
            file: file.clone(),
            start,
            len,
        });
        self
    }

    /// The same place, another message.
    pub fn with_message(mut self, message: impl Into<String>) -> Problem {
        self.message = message.into();
        self
    }

    /// Points at a spreadsheet cell (`Sheet1!B3`) of `file`.
    pub fn at_cell(mut self, file: impl Into<String>, cell: impl Into<String>) -> Problem {
        self.file = Some(file.into());
        self.cell = Some(cell.into());
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Problem {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column` (or just `file`) for the first line of the report.
    pub fn place(&self) -> Option<String> {
        match (&self.location, &self.file, &self.cell) {
            (Some(loc), _, _) => {
                let (line, col) = loc.line_col();
                Some(format!("{}:{line}:{col}", loc.file.name))
            }
            (None, Some(file), Some(cell)) => Some(format!("{file}:{cell}")),
            (None, Some(file), None) => Some(file.clone()),
            (None, None, _) => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place() {
            Some(place) => write!(f, "{place}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Problem {}

impl Diagnostic for Problem {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let text = match (&self.location, &self.expected, &self.hint) {
            // With a snippet, "expected" labels the span; without one it goes here.
            (None, Some(e), Some(h)) => {
                format!(
                    "{}{e}\n{}{h}",
                    zh::expected_label(self.shown_in),
                    zh::hint_label(self.shown_in)
                )
            }
            (None, Some(e), None) => format!("{}{e}", zh::expected_label(self.shown_in)),
            (_, _, Some(h)) => h.clone(),
            _ => return None,
        };
        Some(Box::new(text))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.location
            .as_ref()
            .map(|l| l.file.named.as_ref() as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let loc = self.location.as_ref()?;
        let label = self
            .expected
            .as_ref()
            .map(|e| format!("{}{e}", zh::expected_label(self.shown_in)));
        Some(Box::new(std::iter::once(LabeledSpan::new(
            label, loc.start, loc.len,
        ))))
    }
}

/// Renders problems for a person: a snippet with the text underlined when
/// `fancy`, otherwise the same without colour (for pipes, files and NO_COLOR);
/// each message, what was expected, the hint and the counts in `lang` (a
/// message the phrase book has no Chinese for is shown as written).
pub fn render(problems: &[Problem], colour: bool, lang: Lang) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme};
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Wide enough that a message is never wrapped mid-path in a log or a test.
    // The message already starts with file:line:column, counted in characters;
    // miette's header would repeat it counted in bytes, which differs on
    // Chinese text, so the header names the file only.
    let handler = GraphicalReportHandler::new_themed(theme)
        .without_primary_span_start()
        .with_width(200)
        .with_context_lines(1);
    let mut out = String::new();
    let shown = shown(problems);
    for (i, p) in problems.iter().zip(&shown).filter(|(_, s)| **s).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let p = bounded(p.0, lang);
        if handler.render_report(&mut out, &p).is_err() {
            out.push_str(&p.to_string());
            out.push('\n');
        }
    }
    let rest: Vec<&Problem> = problems
        .iter()
        .zip(&shown)
        .filter(|(_, s)| !**s)
        .map(|(p, _)| p)
        .collect();
    if !rest.is_empty() {
        let errors = rest.iter().filter(|p| p.is_error()).count();
        let (n, warnings) = (rest.len(), rest.len() - errors);
        out.push_str(&zh::more(lang, n, errors, warnings));
    }
    out
}

/// Which of `problems` are shown in full: all of them, when they are at
/// most `SHOWN`; else the first `SHOWN`, errors before warnings, so that a
/// run stopped by errors never shows only warnings. They are shown in the
/// order found.
fn shown(problems: &[Problem]) -> Vec<bool> {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let mut room = (SHOWN.min(errors), SHOWN.saturating_sub(errors));
    problems
        .iter()
        .map(|p| {
            let left = if p.is_error() {
                &mut room.0
            } else {
                &mut room.1
            };
            let show = *left > 0;
            *left = left.saturating_sub(1);
            show
        })
        .collect()
}

/// A character that shows as nothing: zero-width spaces and joiners,
/// direction marks and overrides, the byte-order mark.
pub fn invisible(c: char) -> bool {
    crate::core::rules::invisible(c)
}

/// How many problems are shown in full; the rest are counted. A file can
/// hold a million bad cells, and the first ones say what is wrong.
pub const SHOWN: usize = 50;

/// The longest text of a message, an expectation or a hint, in characters;
/// a longer one (a huge cell quoted) is cut.
const TEXT: usize = 300;

/// The longest line shown around a problem; a longer one (a huge cell) is
/// not shown, and the place says where the problem is.
const LINE: usize = 400;

/// `p` as it is shown: its texts cut to a readable length and any control
/// character made visible (a file's ESC or BEL never reaches a terminal);
/// its source line shown only when it is short and holds no control
/// character, else only its place.
fn bounded(p: &Problem, lang: Lang) -> Problem {
    let mut q = p.clone();
    q.shown_in = lang;
    q.message = readable(&zh::message_in(lang, &p.message), TEXT);
    q.expected = p
        .expected
        .as_deref()
        .map(|e| readable(&zh::expected_in(lang, e), TEXT));
    q.hint = p
        .hint
        .as_deref()
        .map(|h| readable(&zh::hint_in(lang, h), TEXT));
    if let Some(loc) = &p.location {
        // The lines shown: those of the span and one on either side, found
        // on bytes (a line feed is a character boundary).
        let text = loc.file.text.as_str();
        let b = text.as_bytes();
        let line_start = |at: usize| {
            b[..at]
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(0, |i| i + 1)
        };
        let line_end = |at: usize| {
            b[at..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |i| at + i)
        };
        let start = loc.start.min(b.len());
        let end = loc.start.saturating_add(loc.len).min(b.len());
        let from = line_start(line_start(start).saturating_sub(1));
        let to = line_end((line_end(end) + 1).min(b.len()));
        let shown = text.get(from..to).unwrap_or("");
        // A carriage return ending a line is its Windows line end; one inside
        // it would send the cursor back over what is shown.
        let unsafe_line = shown.split('\n').any(|line| {
            line.len() > LINE
                || line
                    .strip_suffix('\r')
                    .unwrap_or(line)
                    .chars()
                    .any(|c| (c.is_control() && c != '\t') || invisible(c))
        });
        if unsafe_line {
            let (l, c) = loc.line_col();
            q.file = Some(readable(&loc.file.name, TEXT));
            q.cell = Some(format!("{l}:{c}"));
            q.location = None;
        }
    }
    q
}

/// `text` with every control character but a line feed, and every
/// invisible one (a zero-width space, a direction mark, a byte-order mark),
/// shown as its code (`\u{1b}`, `\u{200b}`), cut after `max` characters: an
/// id with a zero-width space in it must not look like the id without.
pub fn readable(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        if (c.is_control() && c != '\n') || invisible(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// More problems than are shown: the errors are chosen first, every
    /// one shown in the order found, the rest counted by kind.
    #[test]
    fn errors_are_shown_before_warnings_when_not_all_can_be() {
        let mut problems: Vec<Problem> = (0..SHOWN + 10)
            .map(|i| Problem::warning(format!("warning {i}")))
            .collect();
        problems.extend((0..3).map(|i| Problem::error(format!("error {i}"))));
        problems.push(Problem::warning("warning last"));
        let out = render(&problems, false, Lang::En);
        for i in 0..3 {
            assert!(out.contains(&format!("error {i}")), "{out}");
        }
        assert_eq!(out.matches("warning ").count(), SHOWN - 3, "{out}");
        assert!(out.contains("warning 0") && !out.contains("warning last"));
        let (at_warning, at_error) = (out.find("warning 0"), out.find("error 0"));
        assert!(at_warning < at_error, "shown in the order found");
        assert!(out.contains("... and 14 more like these (0 error(s), 14 warning(s)), not shown"));
        // All fit: all shown as found, nothing counted.
        let few = &problems[SHOWN..];
        let out = render(few, false, Lang::En);
        assert!(!out.contains("more like these"), "{out}");
        assert_eq!(
            out.matches("warning ").count() + out.matches("error ").count(),
            few.len()
        );
    }
}
