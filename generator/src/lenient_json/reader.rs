//! The tolerant recursive-descent reader: values, arrays, objects, numbers and keywords.

use super::cursor::{Cursor, Position};
use super::strings::{is_key_char, read_quoted, read_unquoted_key};
use super::{JsonError, Lenient, RepairKind, MAX_DEPTH};
use serde_json::{Map, Number, Value};

pub(super) fn read_document(text: &str) -> Result<Lenient, JsonError> {
    let mut cursor = Cursor::new(text);
    cursor.skip_trivia()?;
    let value = read_value(&mut cursor, 0)?;
    cursor.skip_trivia()?;
    if cursor.peek().is_some() {
        return Err(cursor.expected("end of input after the JSON value"));
    }
    Ok(Lenient {
        value,
        repairs: cursor.into_repairs(),
    })
}

/// Reads one value; `depth` counts the arrays and objects around it.
fn read_value(cursor: &mut Cursor, depth: usize) -> Result<Value, JsonError> {
    match cursor.peek() {
        Some('{') => read_object(cursor, depth + 1),
        Some('[') => read_array(cursor, depth + 1),
        Some('"') => read_quoted(cursor, '"').map(Value::String),
        Some('\'') => {
            cursor.repair(RepairKind::SingleQuotedString, cursor.position());
            read_quoted(cursor, '\'').map(Value::String)
        }
        Some(first) if first == '-' || first.is_ascii_digit() => {
            read_number(cursor).map(Value::Number)
        }
        Some(first) if first.is_alphabetic() => read_keyword(cursor),
        _ => Err(cursor.expected("a JSON value")),
    }
}

fn check_depth(cursor: &Cursor, depth: usize) -> Result<(), JsonError> {
    if depth > MAX_DEPTH {
        return Err(cursor.error_at(
            cursor.position(),
            format!(
                "nesting deeper than {MAX_DEPTH} arrays and objects; expected a shallower document"
            ),
        ));
    }
    Ok(())
}

fn read_array(cursor: &mut Cursor, depth: usize) -> Result<Value, JsonError> {
    check_depth(cursor, depth)?;
    let mut elements = Vec::new();
    read_sequence(cursor, ']', "a value", |cursor| {
        elements.push(read_value(cursor, depth)?);
        Ok(())
    })?;
    Ok(Value::Array(elements))
}

fn read_object(cursor: &mut Cursor, depth: usize) -> Result<Value, JsonError> {
    check_depth(cursor, depth)?;
    let mut members = Map::new();
    read_sequence(cursor, '}', "a member name", |cursor| {
        read_member(cursor, &mut members, depth)
    })?;
    Ok(Value::Object(members))
}

/// Reads `key: value` into `members`. A member whose value is elided is dropped.
fn read_member(
    cursor: &mut Cursor,
    members: &mut Map<String, Value>,
    depth: usize,
) -> Result<(), JsonError> {
    let key = match cursor.peek() {
        Some('"') => read_quoted(cursor, '"')?,
        Some('\'') => {
            cursor.repair(RepairKind::SingleQuotedString, cursor.position());
            read_quoted(cursor, '\'')?
        }
        Some(first) if is_key_char(first) => read_unquoted_key(cursor),
        _ => return Err(cursor.expected("a member name (a quoted key) or `}`")),
    };
    cursor.skip_trivia()?;
    if cursor.peek() != Some(':') {
        return Err(cursor.expected(&format!("`:` after the member name {key:?}")));
    }
    cursor.bump();
    cursor.skip_trivia()?;
    if let Some(length) = cursor.ellipsis_len() {
        cursor.repair(RepairKind::Ellipsis, cursor.position());
        cursor.advance(length);
        return Ok(());
    }
    let value = read_value(cursor, depth)?;
    members.insert(key, value);
    Ok(())
}

/// Where a sequence stands between items.
enum Between {
    /// After the opening bracket or an elision: an item or the close may follow.
    Start,
    /// After a comma (at that position): an item may follow; the close makes it trailing.
    Comma(Position),
    /// After an item that ended at that position: a comma or the close should follow.
    Item(Position),
}

/// Reads the items of an array or object, the cursor on the opening bracket, handling commas,
/// elisions and the closing bracket; `read_item` reads one item where one starts.
fn read_sequence(
    cursor: &mut Cursor,
    close: char,
    item_name: &str,
    mut read_item: impl FnMut(&mut Cursor) -> Result<(), JsonError>,
) -> Result<(), JsonError> {
    let opened = cursor.position();
    let open = if close == ']' { '[' } else { '{' };
    cursor.bump();
    let mut between = Between::Start;
    loop {
        let crossed_line = cursor.skip_trivia()?;
        if let Some(length) = cursor.ellipsis_len() {
            cursor.repair(RepairKind::Ellipsis, cursor.position());
            cursor.advance(length);
            cursor.skip_trivia()?;
            if cursor.peek() == Some(',') {
                cursor.bump();
            }
            between = Between::Start;
            continue;
        }
        match (cursor.peek(), &between) {
            (None, _) => {
                return Err(cursor.expected(&format!(
                    "`{close}` to close the `{open}` at line {}, column {}",
                    opened.line, opened.column
                )))
            }
            (Some(next), _) if next == close => {
                if let Between::Comma(comma) = between {
                    cursor.repair(RepairKind::TrailingComma, comma);
                }
                cursor.bump();
                return Ok(());
            }
            (Some(','), Between::Item(_)) => {
                between = Between::Comma(cursor.position());
                cursor.bump();
            }
            (Some(','), _) => return Err(cursor.expected(&format!("{item_name} or `{close}`"))),
            (Some(_), Between::Item(_)) if !crossed_line => {
                return Err(cursor.expected(&format!("`,` or `{close}`")))
            }
            (Some(_), _) => {
                if let Between::Item(end) = between {
                    cursor.repair(RepairKind::MissingComma, end);
                }
                read_item(cursor)?;
                between = Between::Item(cursor.position());
            }
        }
    }
}

/// Reads a number in JSON's grammar and converts its literal text with `serde_json`.
fn read_number(cursor: &mut Cursor) -> Result<Number, JsonError> {
    let start = cursor.position();
    let mut literal = String::new();
    if cursor.peek() == Some('-') {
        literal.push('-');
        cursor.bump();
    }
    match cursor.peek() {
        // JSON allows no leading zeros: a `0` ends the integer part.
        Some('0') => take_digits(cursor, &mut literal, 1),
        Some(digit) if digit.is_ascii_digit() => take_digits(cursor, &mut literal, usize::MAX),
        _ => return Err(cursor.expected("a digit in the number")),
    }
    if cursor.peek() == Some('.') && cursor.peek_at(1).is_some_and(|next| next.is_ascii_digit()) {
        literal.push('.');
        cursor.bump();
        take_digits(cursor, &mut literal, usize::MAX);
    }
    if let Some(marker @ ('e' | 'E')) = cursor.peek() {
        literal.push(marker);
        cursor.bump();
        if let Some(sign @ ('+' | '-')) = cursor.peek() {
            literal.push(sign);
            cursor.bump();
        }
        if !cursor.peek().is_some_and(|next| next.is_ascii_digit()) {
            return Err(cursor.expected("a digit in the number's exponent"));
        }
        take_digits(cursor, &mut literal, usize::MAX);
    }
    literal.parse::<Number>().map_err(|_| {
        cursor.error_at(
            start,
            format!("number `{literal}` is out of range; expected a finite number"),
        )
    })
}

/// Appends up to `limit` ASCII digits.
fn take_digits(cursor: &mut Cursor, literal: &mut String, limit: usize) {
    let mut taken = 0;
    while let Some(digit) = cursor
        .peek()
        .filter(|next| next.is_ascii_digit() && taken < limit)
    {
        literal.push(digit);
        cursor.bump();
        taken += 1;
    }
}

fn read_keyword(cursor: &mut Cursor) -> Result<Value, JsonError> {
    let start = cursor.position();
    let mut word = String::new();
    while let Some(next) = cursor
        .peek()
        .filter(|next| next.is_alphanumeric() || *next == '_')
    {
        word.push(next);
        cursor.bump();
    }
    match word.as_str() {
        "true" => Ok(Value::Bool(true)),
        "false" => Ok(Value::Bool(false)),
        "null" => Ok(Value::Null),
        _ => Err(cursor.error_at(
            start,
            format!("expected a JSON value, found the bare word `{word}`"),
        )),
    }
}
