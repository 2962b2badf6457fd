//! A lenient JSON reader for the docs' example bodies and annotations.
//!
//! Example bodies in reference pages are written by hand and often are not quite JSON.
//! [`parse`] first tries the strict reader (`serde_json`); only when that fails does it run a
//! tolerant reader that repairs the common slips, records each repair with its position, and
//! otherwise reads exactly what JSON reads.
//!
//! # What the tolerant reader accepts
//!
//! Everything strict JSON (RFC 8259) accepts, with the same result, plus these repairs
//! (each reported as a [`Repair`] with the 1-based line and column where it applies):
//!
//! | [`RepairKind`] | Input | Read as |
//! |---|---|---|
//! | `TrailingComma` | `[1, 2,]`, `{"a": 1,}` | the comma is ignored |
//! | `Comment` | `// to end of line`, `/* block */` outside strings | whitespace |
//! | `Ellipsis` | `...` (three or more dots) or `…` as an array element, as an object member, or as a member's value | dropped; a member whose value is elided is dropped whole; one comma after an elision is absorbed |
//! | `RawControlInString` | a raw newline, tab or other control character (below U+0020) inside a string | kept as that character |
//! | `UnquotedKey` | `{name: 1}`; a key of letters, digits, `_`, `$`, `@`, `.`, `-` | the key `"name"` |
//! | `SingleQuotedString` | `'text'` as a key or a value; `\'` inside it is a quote | the string `"text"` |
//! | `MissingComma` | two members or elements with only a line break between them | as if the comma were there (reported where it belongs) |
//! | `InvalidEscape` | `\d`, `\x`, a malformed `\u` escape, a lone surrogate `\uD800` | kept literally, backslash included |
//! | `UnusualWhitespace` | a byte order mark, a no-break space or other Unicode white space between tokens | whitespace |
//!
//! Everything else is an error, a [`JsonError`] saying at which line and column what was
//! expected: unbalanced brackets, a value missing after `:`, two commas in a row, a missing
//! comma between items on the *same* line, bare words other than `true`, `false` and `null`,
//! numbers outside JSON's grammar (`01`, `.5`, `+1`, `0x10`) or outside `f64` range,
//! unterminated strings and block comments, an elision standing alone as the whole document,
//! text after the value, and nesting deeper than [`MAX_DEPTH`] arrays and objects.
//!
//! Numbers are read from their literal text by `serde_json::Number`, as the strict reader reads
//! them, never through an `f64` round trip of our own. A key that occurs twice keeps the last
//! value, at the position of the first, as `serde_json` does; that is valid JSON syntax, so it
//! is not reported as a repair. Strict JSON always yields an empty repair list.
//!
//! The reader never panics and never recurses deeper than [`MAX_DEPTH`].

mod cursor;
mod reader;
mod strings;
#[cfg(test)]
mod tests;

use serde::Serialize;
use std::fmt;

/// The deepest nesting of arrays and objects the tolerant reader follows before giving up.
pub const MAX_DEPTH: usize = 256;

/// A JSON value read leniently, with what had to be repaired to read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient {
    pub value: serde_json::Value,
    /// In input order; empty when the text was strict JSON.
    pub repairs: Vec<Repair>,
}

/// One departure from strict JSON that the reader repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Repair {
    pub kind: RepairKind,
    /// 1-based line of the repaired text.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

/// The kinds of repair; see the module documentation for what each accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RepairKind {
    TrailingComma,
    Comment,
    Ellipsis,
    RawControlInString,
    UnquotedKey,
    SingleQuotedString,
    MissingComma,
    InvalidEscape,
    UnusualWhitespace,
}

impl RepairKind {
    /// A short phrase for messages, e.g. "trailing comma".
    pub fn describe(self) -> &'static str {
        match self {
            RepairKind::TrailingComma => "trailing comma",
            RepairKind::Comment => "comment",
            RepairKind::Ellipsis => "elision (`...`)",
            RepairKind::RawControlInString => "raw control character in a string",
            RepairKind::UnquotedKey => "unquoted key",
            RepairKind::SingleQuotedString => "single-quoted string",
            RepairKind::MissingComma => "missing comma",
            RepairKind::InvalidEscape => "invalid escape kept literally",
            RepairKind::UnusualWhitespace => "non-JSON white space",
        }
    }
}

impl fmt::Display for RepairKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// Why the text could not be read even leniently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// What was expected and what was found instead.
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for JsonError {}

/// Reads `text` as JSON: strictly when it is JSON, otherwise with the repairs listed in the
/// module documentation.
pub fn parse(text: &str) -> Result<Lenient, JsonError> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => Ok(Lenient {
            value,
            repairs: Vec::new(),
        }),
        Err(_) => parse_tolerant(text),
    }
}

/// The tolerant reader alone, without the strict fast path. It gives the same result as
/// [`parse`] on every input; it exists so its agreement with the strict reader can be tested.
pub fn parse_tolerant(text: &str) -> Result<Lenient, JsonError> {
    reader::read_document(text)
}
