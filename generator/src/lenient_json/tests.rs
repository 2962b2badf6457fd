use super::*;
use serde_json::json;

fn repaired(text: &str) -> Lenient {
    match parse(text) {
        Ok(read) => read,
        Err(error) => panic!("expected {text:?} to be read, got {error}"),
    }
}

fn failed(text: &str) -> JsonError {
    match parse(text) {
        Ok(read) => panic!("expected {text:?} to fail, read {:?}", read.value),
        Err(error) => error,
    }
}

fn kinds(read: &Lenient) -> Vec<RepairKind> {
    read.repairs.iter().map(|repair| repair.kind).collect()
}

fn at(kind: RepairKind, line: u32, column: u32) -> Repair {
    Repair { kind, line, column }
}

#[test]
fn strict_json_takes_the_fast_path_with_no_repairs() {
    let read = repaired(r#"{"a": [1, 2.50, -3e2, true, null], "b": "x\ny"}"#);
    assert_eq!(
        read.value,
        json!({"a": [1, 2.5, -300.0, true, null], "b": "x\ny"})
    );
    assert!(read.repairs.is_empty());
}

#[test]
fn trailing_commas_are_ignored() {
    let read = repaired("{\"a\": [1, 2,],\n \"b\": 3,\n}");
    assert_eq!(read.value, json!({"a": [1, 2], "b": 3}));
    assert_eq!(
        read.repairs,
        vec![
            at(RepairKind::TrailingComma, 1, 12),
            at(RepairKind::TrailingComma, 2, 8)
        ]
    );
}

#[test]
fn line_and_block_comments_are_whitespace() {
    let read = repaired("{\n  // the id\n  \"id\": \"a//b\", /* why */ \"n\": 1\n}");
    assert_eq!(read.value, json!({"id": "a//b", "n": 1}));
    assert_eq!(
        read.repairs,
        vec![
            at(RepairKind::Comment, 2, 3),
            at(RepairKind::Comment, 3, 17)
        ]
    );
}

#[test]
fn elisions_are_dropped_as_elements_members_and_values() {
    let read = repaired(
        "{\n \"value\": [\n  {\"id\": 1},\n  ...\n ],\n \"more\": …,\n \"x\": {...},\n ...\n}",
    );
    assert_eq!(read.value, json!({"value": [{"id": 1}], "x": {}}));
    assert_eq!(kinds(&read), vec![RepairKind::Ellipsis; 4]);
    assert_eq!(read.repairs[0], at(RepairKind::Ellipsis, 4, 3));
    assert_eq!(read.repairs[1], at(RepairKind::Ellipsis, 6, 10));
}

#[test]
fn elision_followed_by_a_comma_and_more_items() {
    let read = repaired("[..., 2, ....]");
    assert_eq!(read.value, json!([2]));
    assert_eq!(
        kinds(&read),
        vec![RepairKind::Ellipsis, RepairKind::Ellipsis]
    );
}

#[test]
fn raw_control_characters_in_strings_are_kept() {
    let read = repaired("{\"text\": \"line one\nline\ttwo\"}");
    assert_eq!(read.value, json!({"text": "line one\nline\ttwo"}));
    assert_eq!(
        read.repairs,
        vec![
            at(RepairKind::RawControlInString, 1, 19),
            at(RepairKind::RawControlInString, 2, 5)
        ]
    );
}

#[test]
fn unquoted_keys_are_read_as_names() {
    let read = repaired("{ displayName: \"x\", @odata.type: 1 }");
    assert_eq!(read.value, json!({"displayName": "x", "@odata.type": 1}));
    assert_eq!(
        read.repairs,
        vec![
            at(RepairKind::UnquotedKey, 1, 3),
            at(RepairKind::UnquotedKey, 1, 21)
        ]
    );
}

#[test]
fn single_quoted_strings_are_read_as_strings() {
    let read = repaired("{'name': 'it\\'s \"quoted\"'}");
    assert_eq!(read.value, json!({"name": "it's \"quoted\""}));
    assert_eq!(
        read.repairs,
        vec![
            at(RepairKind::SingleQuotedString, 1, 2),
            at(RepairKind::SingleQuotedString, 1, 10)
        ]
    );
}

#[test]
fn missing_comma_between_lines_is_supplied_where_it_belongs() {
    let read = repaired("{\n  \"a\": 1\n  \"b\": [1\n 2]\n}");
    assert_eq!(read.value, json!({"a": 1, "b": [1, 2]}));
    assert_eq!(
        read.repairs,
        vec![
            at(RepairKind::MissingComma, 2, 9),
            at(RepairKind::MissingComma, 3, 10)
        ]
    );
}

#[test]
fn missing_comma_on_one_line_is_an_error() {
    let error = failed("{\"a\": 1 \"b\": 2}");
    assert_eq!((error.line, error.column), (1, 9));
    assert!(
        error.message.contains("expected `,` or `}`"),
        "{}",
        error.message
    );
}

#[test]
fn invalid_escapes_are_kept_literally() {
    let read =
        repaired(r#"{"pattern": "^\d+\.\x$", "lone": "\ud800!", "ok": "\u00e9\ud83d\ude00"}"#);
    assert_eq!(
        read.value,
        json!({"pattern": "^\\d+\\.\\x$", "lone": "\\ud800!", "ok": "é😀"})
    );
    assert_eq!(kinds(&read), vec![RepairKind::InvalidEscape; 4]);
    assert_eq!(read.repairs[0], at(RepairKind::InvalidEscape, 1, 15));
}

#[test]
fn unusual_whitespace_is_skipped() {
    let read = repaired("\u{feff}{\"a\":\u{a0}1}");
    assert_eq!(read.value, json!({"a": 1}));
    assert_eq!(
        read.repairs,
        vec![
            at(RepairKind::UnusualWhitespace, 1, 1),
            at(RepairKind::UnusualWhitespace, 1, 7)
        ]
    );
}

#[test]
fn duplicate_key_keeps_the_last_value_in_the_first_place() {
    let read = repaired("{\"a\": 1, \"b\": 2, \"a\": 3,}");
    assert_eq!(
        serde_json::to_string(&read.value).ok().as_deref(),
        Some(r#"{"a":3,"b":2}"#)
    );
}

#[test]
fn numbers_keep_the_strict_readers_form() {
    let text = "[0, -0, 12345678901234567890, -9223372036854775808, 1.25e-3, 1E2, 0.1,]";
    let tolerant = repaired(text).value;
    let strict: serde_json::Value =
        serde_json::from_str(text.replace(",]", "]").as_str()).unwrap_or_default();
    assert_eq!(tolerant, strict);
    assert_eq!(tolerant[2].as_u64(), Some(12345678901234567890));
    assert_eq!(tolerant[3].as_i64(), Some(i64::MIN));
}

#[test]
fn errors_say_where_and_what_was_expected() {
    let cases: [(&str, u32, u32, &str); 11] = [
        ("", 1, 1, "expected a JSON value, found end of input"),
        (
            "{\n  \"a\" 1\n}",
            2,
            7,
            "expected `:` after the member name \"a\", found `1`",
        ),
        ("{\n  \"a\": \n}", 3, 1, "expected a JSON value, found `}`"),
        ("[1,,2]", 1, 4, "expected a value or `]`, found `,`"),
        ("{\"a\": [1, 2}", 1, 12, "expected `,` or `]`, found `}`"),
        (
            "{\"a\": [1,\n 2",
            2,
            3,
            "expected `]` to close the `[` at line 1, column 7, found end of input",
        ),
        ("{\"a\": \"open\n}", 1, 7, "unterminated string"),
        (
            "[1] x",
            1,
            5,
            "expected end of input after the JSON value, found `x`",
        ),
        ("{\"a\": yes}", 1, 7, "bare word `yes`"),
        ("[01]", 1, 3, "expected `,` or `]`, found `1`"),
        ("[1, /* open", 1, 5, "unterminated block comment"),
    ];
    for (text, line, column, message) in cases {
        let error = failed(text);
        assert_eq!(
            (error.line, error.column),
            (line, column),
            "{text:?}: {}",
            error.message
        );
        assert!(
            error.message.contains(message),
            "{text:?}: {}",
            error.message
        );
    }
}

#[test]
fn out_of_range_number_is_an_error_not_infinity() {
    let error = failed("[1e400]");
    assert_eq!((error.line, error.column), (1, 2));
    assert!(error.message.contains("out of range"), "{}", error.message);
}

#[test]
fn nesting_up_to_the_limit_is_read_and_deeper_is_an_error() {
    let at_limit = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    let read = repaired(&at_limit);
    assert!(read.repairs.is_empty());

    let too_deep = format!(
        "{}1{}",
        "[".repeat(MAX_DEPTH + 1),
        "]".repeat(MAX_DEPTH + 1)
    );
    let error = failed(&too_deep);
    assert_eq!((error.line, error.column), (1, MAX_DEPTH as u32 + 1));
    assert!(
        error.message.contains("nesting deeper"),
        "{}",
        error.message
    );

    let very_deep = "{\"a\":".repeat(100_000);
    assert!(failed(&very_deep).message.contains("nesting deeper"));
}

#[test]
fn repair_kinds_serialize_in_camel_case() {
    let encoded =
        serde_json::to_string(&at(RepairKind::RawControlInString, 3, 4)).unwrap_or_default();
    assert_eq!(
        encoded,
        r#"{"kind":"rawControlInString","line":3,"column":4}"#
    );
}
