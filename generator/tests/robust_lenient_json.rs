//! Robustness of the lenient JSON reader: it never panics, agrees with `serde_json` on strict
//! JSON, reads its own output back unchanged, and reads the real docs' example bodies.

use graphgen::lenient_json::{self, RepairKind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs-input/v1.0");

/// The JSON bodies of a page's fenced `http` and `json` blocks, each with its first line number.
fn fenced_bodies(page: &str) -> Vec<(usize, String)> {
    let mut bodies = Vec::new();
    let mut lines = page.lines().enumerate();
    while let Some((_, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let info = info.trim().to_ascii_lowercase();
        let mut block = Vec::new();
        for (number, inner) in lines.by_ref() {
            if inner.trim_start().starts_with("```") {
                break;
            }
            block.push((number + 1, inner));
        }
        if info != "http" && info != "json" {
            continue;
        }
        let start = block
            .iter()
            .position(|(_, inner)| inner.trim_start().starts_with(['{', '[']));
        if let Some((first_line, _)) = start.and_then(|start| block.get(start)) {
            let text: Vec<&str> = block
                .iter()
                .skip(start.unwrap_or(0))
                .map(|(_, inner)| *inner)
                .collect();
            bodies.push((*first_line, text.join("\n")));
        }
    }
    bodies
}

fn corpus_pages() -> Option<Vec<PathBuf>> {
    let mut pages = Vec::new();
    for folder in ["api", "resources"] {
        let entries = std::fs::read_dir(Path::new(DOCS).join(folder)).ok()?;
        pages.extend(
            entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "md")),
        );
    }
    pages.sort();
    Some(pages)
}

/// Reads every fenced example body of the v1.0 corpus and prints how many are strict JSON,
/// repaired (by kind) and unrecoverable. Run with `--nocapture` to see the counts.
#[test]
fn corpus_example_bodies_are_mostly_readable() {
    let pages = corpus_pages().unwrap_or_else(|| panic!("the vendored docs are missing at {DOCS}"));
    let (mut strict, mut repaired, mut unrecoverable) = (0usize, 0usize, 0usize);
    let mut repairs_by_kind: BTreeMap<RepairKind, (usize, usize)> = BTreeMap::new();
    let mut errors_by_message: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for page in &pages {
        let Ok(text) = std::fs::read_to_string(page) else {
            continue;
        };
        let name = page
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (first_line, body) in fenced_bodies(&text) {
            match lenient_json::parse(&body) {
                Ok(read) if read.repairs.is_empty() => strict += 1,
                Ok(read) => {
                    repaired += 1;
                    let mut kinds: Vec<RepairKind> =
                        read.repairs.iter().map(|repair| repair.kind).collect();
                    for kind in &kinds {
                        repairs_by_kind.entry(*kind).or_default().1 += 1;
                    }
                    kinds.dedup();
                    kinds.sort();
                    kinds.dedup();
                    for kind in kinds {
                        repairs_by_kind.entry(kind).or_default().0 += 1;
                    }
                }
                Err(error) => {
                    unrecoverable += 1;
                    let general: String = error
                        .message
                        .split(", found")
                        .next()
                        .unwrap_or_default()
                        .to_string();
                    let line = first_line as u32 + error.line - 1;
                    errors_by_message
                        .entry(general)
                        .or_default()
                        .push(format!("{name}:{line}:{} {}", error.column, error.message));
                }
            }
        }
    }
    let total = strict + repaired + unrecoverable;
    println!("example bodies: {total} total, {strict} strict, {repaired} repaired, {unrecoverable} unrecoverable");
    for (kind, (bodies, occurrences)) in &repairs_by_kind {
        println!("  {kind:?}: {bodies} bodies, {occurrences} repairs");
    }
    for (message, places) in &errors_by_message {
        println!("  error {message}: {}", places.len());
        for place in places.iter().take(6) {
            println!("      {place}");
        }
    }
    assert!(
        total > 1000,
        "expected the corpus to hold over a thousand example bodies, found {total}"
    );
    assert!(
        unrecoverable * 20 < total,
        "more than 5% of example bodies unrecoverable: {unrecoverable} of {total}"
    );
}

mod properties {
    use graphgen::lenient_json::{parse, parse_tolerant, Lenient};
    use proptest::prelude::*;
    use serde_json::{Map, Number, Value};

    /// Arbitrary JSON values, a few levels deep, with strings that need escaping.
    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|number| Value::Number(number.into())),
            any::<u64>().prop_map(|number| Value::Number(number.into())),
            any::<f64>().prop_filter_map("finite", |number| Number::from_f64(number)
                .map(Value::Number)),
            any::<String>().prop_map(Value::String),
            "[\\\\\"/\n\t\u{0}-\u{1f}a-z…😀]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..6).prop_map(|members| {
                    Value::Object(members.into_iter().collect::<Map<String, Value>>())
                }),
            ]
        })
    }

    /// Strict JSON text written token by token, with white space, escapes and number forms that
    /// serializing a value never produces.
    fn strict_json_text() -> impl Strategy<Value = String> {
        let space = "[ \t\r\n]{0,2}";
        let number = "-?(0|[1-9][0-9]{0,22})(\\.[0-9]{1,18})?([eE][+-]?[0-9]{1,3})?";
        let string = "\"([a-zA-Z0-9 é…😀'/]|\\\\[\"\\\\/bfnrt]|\\\\u[0-9a-fA-F]{4}){0,8}\"";
        let leaf = prop_oneof![
            Just("true".to_string()),
            Just("false".to_string()),
            Just("null".to_string()),
            number.prop_map(String::from),
            string.prop_map(String::from),
        ];
        leaf.prop_recursive(4, 40, 5, move |inner| {
            let spaced = (space, inner, space)
                .prop_map(|(before, item, after)| format!("{before}{item}{after}"));
            prop_oneof![
                prop::collection::vec(spaced.clone(), 0..5)
                    .prop_map(|items| format!("[{}]", items.join(","))),
                prop::collection::vec((string, space, spaced), 0..5).prop_map(|members| {
                    let members: Vec<String> = members
                        .into_iter()
                        .map(|(key, gap, value)| format!("{gap}{key}{gap}:{value}"))
                        .collect();
                    format!("{{{}}}", members.join(","))
                }),
            ]
        })
        .prop_flat_map(move |body| {
            (space, Just(body), space)
                .prop_map(|(before, body, after)| format!("{before}{body}{after}"))
        })
    }

    /// Characters that exercise the reader's decisions, for arbitrary text.
    fn json_ish_text() -> impl Strategy<Value = String> {
        "([\\[\\]{}\",:'/*.\\\\ \n\t\r…a-zA-Z0-9+\\-\u{a0}\u{feff}\u{0}]|true|null|\\.\\.\\.|//|/\\*|\\*/|\\\\u[0-9a-fD]{0,4}){0,48}"
    }

    #[derive(Debug, Clone)]
    enum Mutation {
        Insert(usize, char),
        Delete(usize),
        Replace(usize, char),
        Duplicate(usize, usize),
        Truncate(usize),
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        let special = prop_oneof![
            prop::sample::select(vec![
                '{', '}', '[', ']', ',', ':', '"', '\'', '\\', '/', '*', '.', '…', '\n', ' ', 'x',
                '0', '-'
            ]),
            any::<char>(),
        ];
        prop_oneof![
            (any::<usize>(), special.clone())
                .prop_map(|(at, inserted)| Mutation::Insert(at, inserted)),
            any::<usize>().prop_map(Mutation::Delete),
            (any::<usize>(), special)
                .prop_map(|(at, replacement)| Mutation::Replace(at, replacement)),
            (any::<usize>(), 0usize..12).prop_map(|(at, length)| Mutation::Duplicate(at, length)),
            any::<usize>().prop_map(Mutation::Truncate),
        ]
    }

    /// Applies mutations by character index, so a UTF-8 character is never split.
    fn mutate(text: &str, mutations: &[Mutation]) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        for mutation in mutations {
            let length = chars.len();
            let place = |at: usize| if length == 0 { 0 } else { at % (length + 1) };
            match *mutation {
                Mutation::Insert(at, inserted) => chars.insert(place(at), inserted),
                Mutation::Delete(at) if length > 0 => {
                    chars.remove(at % length);
                }
                Mutation::Replace(at, replacement) if length > 0 => {
                    chars[at % length] = replacement
                }
                Mutation::Duplicate(at, span) => {
                    let start = place(at);
                    let copied: Vec<char> = chars.iter().skip(start).take(span).copied().collect();
                    let end = start + copied.len();
                    chars.splice(end..end, copied);
                }
                Mutation::Truncate(at) => chars.truncate(place(at)),
                _ => {}
            }
        }
        chars.into_iter().collect()
    }

    /// Reads `text` with and without the strict fast path, which must agree, and checks the outcome.
    fn check_text(text: &str) -> Result<(), TestCaseError> {
        let outcome = parse(text);
        prop_assert_eq!(&outcome, &parse_tolerant(text));
        check_outcome(text, &outcome)
    }

    /// Writes a value as JSON with repairable departures chosen by `choices`, the way hand-written
    /// examples depart from JSON, without changing what the text means.
    struct LenientWriter {
        choices: Vec<u8>,
        next: usize,
        text: String,
        /// Whether any departure was written.
        repaired: bool,
    }

    impl LenientWriter {
        /// The next choice, 0..options.
        fn choose(&mut self, options: u8) -> u8 {
            let choice = self
                .choices
                .get(self.next % self.choices.len().max(1))
                .copied()
                .unwrap_or(0);
            self.next += 1;
            choice % options
        }

        fn depart(&mut self, text: &str) {
            self.text.push_str(text);
            self.repaired = true;
        }

        fn gap(&mut self) {
            match self.choose(8) {
                0 => self.depart(" // note\n"),
                1 => self.depart("/* note */"),
                2 => self.text.push('\n'),
                _ => {}
            }
        }

        fn string(&mut self, text: &str, is_key: bool) {
            let escaped = serde_json::to_string(text).unwrap_or_default();
            let inner = escaped
                .get(1..escaped.len().saturating_sub(1))
                .unwrap_or_default();
            let bare = !text.is_empty()
                && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !text.starts_with(|c: char| c.is_ascii_digit());
            match self.choose(6) {
                0 => self.depart(&format!("'{}'", inner.replace('\'', "\\'"))),
                1 if is_key && bare => self.depart(text),
                2 if text.contains('\n') && !text.contains('\\') => {
                    self.depart(&format!("\"{}\"", inner.replace("\\n", "\n")))
                }
                _ => self.text.push_str(&escaped),
            }
        }

        /// Writes items with commas, sometimes a missing comma at a line break, an elided item, or
        /// a trailing comma.
        fn items<T>(
            &mut self,
            items: &[T],
            mut write_item: impl FnMut(&mut Self, &T),
            elision: &str,
        ) {
            for (index, item) in items.iter().enumerate() {
                self.gap();
                write_item(self, item);
                if index + 1 < items.len() {
                    match self.choose(8) {
                        0 => self.depart("\n"),
                        1 => self.depart(&format!(", {elision},")),
                        _ => self.text.push(','),
                    }
                } else if self.choose(5) == 0 {
                    self.depart(",");
                }
            }
            self.gap();
        }

        fn write(&mut self, value: &Value) {
            match value {
                Value::Array(elements) => {
                    self.text.push('[');
                    self.items(elements, |writer, element| writer.write(element), "...");
                    self.text.push(']');
                }
                Value::Object(members) => {
                    self.text.push('{');
                    let members: Vec<(&String, &Value)> = members.iter().collect();
                    self.items(
                        &members,
                        |writer, (key, member)| {
                            writer.string(key, true);
                            writer.text.push_str(": ");
                            writer.write(member);
                        },
                        "\"elided\": …",
                    );
                    self.text.push('}');
                }
                Value::String(text) => self.string(text, false),
                other => self.text.push_str(&other.to_string()),
            }
        }
    }

    /// What every outcome must satisfy, whatever the input.
    fn check_outcome(
        text: &str,
        outcome: &Result<Lenient, graphgen::lenient_json::JsonError>,
    ) -> Result<(), TestCaseError> {
        let lines = text.split('\n').count() as u32;
        match outcome {
            Err(error) => {
                prop_assert!(
                    error.line >= 1 && error.line <= lines,
                    "error line {} outside 1..={lines}",
                    error.line
                );
                prop_assert!(error.column >= 1, "error column 0");
                prop_assert!(
                    error.message.contains("expected"),
                    "message says nothing expected: {}",
                    error.message
                );
            }
            Ok(read) => {
                for repair in &read.repairs {
                    prop_assert!(
                        repair.line >= 1 && repair.line <= lines && repair.column >= 1,
                        "{repair:?} outside the text"
                    );
                }
                if read.repairs.is_empty() {
                    // Nothing repaired means the text was JSON: the strict reader must agree,
                    // unless it only gave up on nesting that the tolerant reader allows.
                    match serde_json::from_str::<Value>(text) {
                        Ok(strict) => prop_assert_eq!(&strict, &read.value),
                        Err(error) => prop_assert!(
                            error.to_string().contains("recursion limit"),
                            "strict reader: {error}"
                        ),
                    }
                }
                check_idempotent(&read.value)?;
            }
        }
        Ok(())
    }

    /// Serializing a value and reading it back gives the same value and no repairs.
    fn check_idempotent(value: &Value) -> Result<(), TestCaseError> {
        for text in [
            serde_json::to_string(value),
            serde_json::to_string_pretty(value),
        ] {
            let text = text.map_err(|error| TestCaseError::fail(error.to_string()))?;
            match parse(&text) {
                Ok(again) => {
                    prop_assert_eq!(&again.value, value);
                    prop_assert!(
                        again.repairs.is_empty(),
                        "re-reading repaired {:?}",
                        again.repairs
                    );
                }
                Err(error) => prop_assert!(false, "re-reading {text:?} failed: {error}"),
            }
            let tolerant = parse_tolerant(&text).ok().map(|again| again.value);
            prop_assert_eq!(tolerant.as_ref(), Some(value));
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn never_panics_on_arbitrary_strings(text in any::<String>()) {
            check_text(&text)?;
        }

        #[test]
        fn never_panics_on_json_like_text(text in json_ish_text()) {
            check_text(&text)?;
        }

        #[test]
        fn never_panics_on_mutated_json(value in json_value(), pretty in any::<bool>(), mutations in prop::collection::vec(mutation(), 1..6)) {
            let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) };
            check_text(&mutate(&text.unwrap_or_default(), &mutations))?;
        }

        #[test]
        fn agrees_with_serde_json_on_serialized_values(value in json_value()) {
            check_idempotent(&value)?;
        }

        #[test]
        fn agrees_with_serde_json_on_strict_text(text in strict_json_text()) {
            let tolerant = parse_tolerant(&text);
            match serde_json::from_str::<Value>(&text) {
                Ok(strict) => {
                    let read = tolerant.map_err(|error| TestCaseError::fail(format!("{text:?}: {error}")))?;
                    prop_assert_eq!(&read.value, &strict);
                    prop_assert!(read.repairs.is_empty(), "strict JSON repaired: {:?}", read.repairs);
                }
                // Strict JSON grammar the strict reader still rejects: numbers out of range and
                // escapes of lone surrogates. The tolerant reader must not accept them silently.
                Err(_) => prop_assert!(tolerant.map_or(true, |read| !read.repairs.is_empty())),
            }
        }

        #[test]
        fn repaired_text_reads_as_the_value_and_back_unchanged(value in json_value(), choices in prop::collection::vec(any::<u8>(), 1..64)) {
            let mut writer = LenientWriter { choices, next: 0, text: String::new(), repaired: false };
            writer.write(&value);
            let read = parse(&writer.text).map_err(|error| TestCaseError::fail(format!("{:?}: {error}", writer.text)))?;
            prop_assert_eq!(&read.value, &value, "text {:?}", writer.text);
            prop_assert_eq!(read.repairs.is_empty(), !writer.repaired, "text {:?}, repairs {:?}", writer.text, read.repairs);
            check_idempotent(&read.value)?;
        }
    }
}
