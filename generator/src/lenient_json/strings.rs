//! Quoted strings, escapes and unquoted keys.

use super::cursor::{Cursor, Position};
use super::{JsonError, RepairKind};

/// Reads a string quoted with `quote` (`"` or `'`); the cursor is on the opening quote.
pub(super) fn read_quoted(cursor: &mut Cursor, quote: char) -> Result<String, JsonError> {
    let start = cursor.position();
    cursor.bump();
    let mut text = String::new();
    loop {
        let at = cursor.position();
        match cursor.bump() {
            None => {
                return Err(cursor.error_at(
                    start,
                    format!(
                        "unterminated string: expected a closing `{quote}` before end of input"
                    ),
                ))
            }
            Some(close) if close == quote => return Ok(text),
            Some('\\') => read_escape(cursor, at, quote, &mut text),
            Some(control) if u32::from(control) < 0x20 => {
                cursor.repair(RepairKind::RawControlInString, at);
                text.push(control);
            }
            Some(other) => text.push(other),
        }
    }
}

/// Reads the escape after a backslash (already consumed, at `at`). An escape JSON does not
/// define is kept literally: only the backslash is pushed here, and the characters after it are
/// read as ordinary string content.
fn read_escape(cursor: &mut Cursor, at: Position, quote: char, text: &mut String) {
    let simple = match cursor.peek() {
        Some('"') => Some('"'),
        Some('\\') => Some('\\'),
        Some('/') => Some('/'),
        Some('b') => Some('\u{8}'),
        Some('f') => Some('\u{c}'),
        Some('n') => Some('\n'),
        Some('r') => Some('\r'),
        Some('t') => Some('\t'),
        Some('\'') if quote == '\'' => Some('\''),
        _ => None,
    };
    if let Some(unescaped) = simple {
        cursor.bump();
        text.push(unescaped);
        return;
    }
    if cursor.peek() == Some('u') {
        if let Some((decoded, length)) = unicode_escape(cursor) {
            cursor.advance(length);
            text.push(decoded);
            return;
        }
    }
    cursor.repair(RepairKind::InvalidEscape, at);
    text.push('\\');
}

/// Decodes `uXXXX`, or a surrogate pair `uXXXX\uXXXX`, at the cursor. Returns the character and
/// how many characters the escape spans after the backslash, or `None` when it is malformed or
/// a lone surrogate.
fn unicode_escape(cursor: &Cursor) -> Option<(char, usize)> {
    let first = hex4_at(cursor, 1)?;
    match first {
        0xD800..=0xDBFF => {
            if cursor.peek_at(5) != Some('\\') || cursor.peek_at(6) != Some('u') {
                return None;
            }
            let second = hex4_at(cursor, 7)?;
            if !(0xDC00..=0xDFFF).contains(&second) {
                return None;
            }
            let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            char::from_u32(combined).map(|decoded| (decoded, 11))
        }
        0xDC00..=0xDFFF => None,
        _ => char::from_u32(first).map(|decoded| (decoded, 5)),
    }
}

fn hex4_at(cursor: &Cursor, offset: usize) -> Option<u32> {
    (0..4).try_fold(0u32, |value, digit| {
        let next = cursor.peek_at(offset + digit)?.to_digit(16)?;
        Some(value * 16 + next)
    })
}

/// Characters an unquoted key may contain.
pub(super) fn is_key_char(candidate: char) -> bool {
    candidate.is_alphanumeric() || matches!(candidate, '_' | '$' | '@' | '.' | '-')
}

/// Reads an unquoted key; the cursor is on its first character, which [`is_key_char`] accepts.
pub(super) fn read_unquoted_key(cursor: &mut Cursor) -> String {
    cursor.repair(RepairKind::UnquotedKey, cursor.position());
    let mut key = String::new();
    while let Some(next) = cursor.peek().filter(|&next| is_key_char(next)) {
        key.push(next);
        cursor.bump();
    }
    key
}
