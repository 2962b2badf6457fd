//! A position-tracking cursor over the input's characters, with the white space and comment
//! skipping that every token boundary shares.

use super::{JsonError, Repair, RepairKind};

/// A 1-based line and column, the column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Position {
    pub line: u32,
    pub column: u32,
}

pub(super) struct Cursor {
    chars: Vec<char>,
    index: usize,
    line: u32,
    column: u32,
    repairs: Vec<Repair>,
}

impl Cursor {
    pub fn new(text: &str) -> Self {
        Cursor {
            chars: text.chars().collect(),
            index: 0,
            line: 1,
            column: 1,
            repairs: Vec::new(),
        }
    }

    pub fn peek(&self) -> Option<char> {
        self.chars.get(self.index).copied()
    }

    pub fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.index.saturating_add(offset)).copied()
    }

    pub fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    /// Consumes one character and returns it.
    pub fn bump(&mut self) -> Option<char> {
        let next = self.peek()?;
        self.index += 1;
        if next == '\n' {
            self.line = self.line.saturating_add(1);
            self.column = 1;
        } else {
            self.column = self.column.saturating_add(1);
        }
        Some(next)
    }

    pub fn advance(&mut self, count: usize) {
        for _ in 0..count {
            if self.bump().is_none() {
                break;
            }
        }
    }

    pub fn repair(&mut self, kind: RepairKind, at: Position) {
        self.repairs.push(Repair {
            kind,
            line: at.line,
            column: at.column,
        });
    }

    pub fn into_repairs(self) -> Vec<Repair> {
        self.repairs
    }

    pub fn error_at(&self, at: Position, message: impl Into<String>) -> JsonError {
        JsonError {
            line: at.line,
            column: at.column,
            message: message.into(),
        }
    }

    /// An error at the current position: "expected {expected}, found {what is here}".
    pub fn expected(&self, expected: &str) -> JsonError {
        self.error_at(
            self.position(),
            format!("expected {expected}, found {}", self.describe_next()),
        )
    }

    /// The next character for messages, or "end of input".
    pub fn describe_next(&self) -> String {
        match self.peek() {
            None => "end of input".to_string(),
            Some(next) => format!("`{}`", next.escape_debug()),
        }
    }

    /// The length in characters of an elision (`...` or longer, or `…`) starting here.
    pub fn ellipsis_len(&self) -> Option<usize> {
        match self.peek()? {
            '…' => Some(1),
            '.' => {
                let dots = self
                    .chars
                    .get(self.index..)?
                    .iter()
                    .take_while(|&&next| next == '.')
                    .count();
                (dots >= 3).then_some(dots)
            }
            _ => None,
        }
    }

    /// Skips white space and comments. Returns whether a line break was crossed, which decides
    /// whether a missing comma may be repaired.
    pub fn skip_trivia(&mut self) -> Result<bool, JsonError> {
        let mut crossed_line = false;
        while let Some(next) = self.peek() {
            match next {
                ' ' | '\t' | '\r' => {
                    self.bump();
                }
                '\n' => {
                    crossed_line = true;
                    self.bump();
                }
                '/' if self.peek_at(1) == Some('/') => {
                    self.repair(RepairKind::Comment, self.position());
                    while self.peek().is_some_and(|next| next != '\n') {
                        self.bump();
                    }
                }
                '/' if self.peek_at(1) == Some('*') => {
                    crossed_line |= self.skip_block_comment()?;
                }
                unusual if unusual.is_whitespace() || unusual == '\u{feff}' => {
                    self.repair(RepairKind::UnusualWhitespace, self.position());
                    crossed_line |= matches!(
                        unusual,
                        '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{b}' | '\u{c}'
                    );
                    self.bump();
                }
                _ => break,
            }
        }
        Ok(crossed_line)
    }

    fn skip_block_comment(&mut self) -> Result<bool, JsonError> {
        let start = self.position();
        self.repair(RepairKind::Comment, start);
        self.advance(2);
        let mut crossed_line = false;
        loop {
            match self.bump() {
                None => {
                    return Err(self.error_at(
                        start,
                        "unterminated block comment: expected `*/` before end of input",
                    ))
                }
                Some('*') if self.peek() == Some('/') => {
                    self.bump();
                    return Ok(crossed_line);
                }
                Some('\n') => crossed_line = true,
                Some(_) => {}
            }
        }
    }
}
