//! Request lines that only an example shows.
//!
//! Some pages document a form of their request only in an example: the drive pages list
//! `GET /groups/{groupId}/drives` as the request line and show `GET /me/drives` and
//! `GET /sites/{siteId}/drives` in their examples; the workbook pages list
//! `/me/drive/items/{id}/workbook/...` and call `/me/drive/root/workbook/...`. A client user
//! expects a function for a form the docs call. So an example URL that fits no documented line
//! of any page becomes a line of the operation its example belongs to (same method, body,
//! response and permissions; the response the example is annotated with, when it names a
//! type), marked with the example it was read from.
//!
//! Only URLs written as templates qualify: every literal part of the path must occur in some
//! documented request line, or call a function one does (so `/organization/d69179bf-.../branding`,
//! with a sample id, or `/connections/contosohr/...`, with a sample name, do not); the values of
//! function arguments become placeholders (`rowsAbove(count=2)` → `rowsAbove(count={count})`),
//! since the example's values are arguments of the call, not part of the line, and a GUID
//! becomes a placeholder as it does in request lines. The host must be Graph's with
//! its version (`/v1/` is a typo, not a form), and a URL that is a documented line of its page
//! without its `/$ref` or `/$value` is a slip, not a form. The example's query is not part of
//! the line.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::attach::{example_path, LineMatcher};
use super::{
    Example, ExampleResponse, Operation, Parameter, PathTemplate, SegmentPart, TypeDef, TypeRef,
};
use crate::diagnostics::{codes, Diagnostic};
use crate::parse::http::{arguments_as_placeholders, placeholders, template};
use crate::parse::literal_ids::ids_as_placeholders;

/// Adds the lines shown only by examples; each example moves to the line it shows.
pub fn add_lines_shown_by_examples(
    operations: &mut Vec<Operation>,
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let known = known_literals(operations);
    let lines: Vec<Line> = operations
        .par_iter()
        .map(|op| Line::new(&op.path))
        .collect();
    // Which example shows which new line is read from the lines as documented, so every
    // example can be tried at once.
    let shown_lines: Vec<Vec<Option<PathTemplate>>> = (0..operations.len())
        .into_par_iter()
        .map(|index| {
            operations[index]
                .examples
                .iter()
                .map(|example| line_shown(example, index, operations, &lines, &known))
                .collect()
        })
        .collect();
    let mut added: Vec<Operation> = Vec::new();
    for (index, shown_lines) in shown_lines.into_iter().enumerate() {
        let mut kept = Vec::new();
        let examples = std::mem::take(&mut operations[index].examples);
        for (example, shown) in examples.into_iter().zip(shown_lines) {
            let Some(line) = shown else {
                kept.push(example);
                continue;
            };
            let shape = line.shape();
            if let Some(existing) = added
                .iter_mut()
                .find(|op| op.method == operations[index].method && op.path.shape() == shape)
            {
                existing.examples.push(example);
                continue;
            }
            let origin = &operations[index];
            diagnostics.push(
                Diagnostic::warning(
                    codes::LINE_FROM_EXAMPLE,
                    &origin.source.file,
                    example.request.as_ref().map_or(origin.source.line, |r| r.source.line),
                    format!("example `{}` calls `{} {}`, which no request line documents; added as a line of `{} {}`", example.name, origin.method, line.raw, origin.method, origin.path.raw),
                )
                .with_hint("list the form in the HTTP request section"),
            );
            let mut operation = origin.clone();
            if let Some(shown) = example
                .response
                .as_ref()
                .and_then(|r| annotated_type(r, types))
            {
                // The example documents what its form returns (`thumbnails/{id}/{size}`: one thumbnail).
                (operation.response.type_ref, operation.response.collection) =
                    (Some(shown.0), shown.1);
            }
            operation.path_params = path_params(&line, &origin.path_params);
            operation.path = line;
            operation.from_example = Some(example.name.clone());
            operation.examples = vec![example];
            added.push(operation);
        }
        operations[index].examples = kept;
    }
    operations.extend(added);
}

/// The line `example` of `operations[index]` calls when no documented line fits its URL and
/// the URL is written as a template of known parts.
fn line_shown(
    example: &Example,
    index: usize,
    operations: &[Operation],
    lines: &[Line<'_>],
    known: &KnownLiterals,
) -> Option<PathTemplate> {
    let request = example
        .request
        .as_ref()
        .filter(|r| r.method == operations[index].method)?;
    if !written_as_graph_template(&request.url) {
        return None;
    }
    let path = ExamplePath::new(example_path(&request.url));
    // Most examples fit the line they are attached to; only the others are tried against
    // every line.
    let fits_line =
        |(op, line): (&Operation, &Line<'_>)| op.method == request.method && line.fits(&path);
    if fits_line((&operations[index], &lines[index])) || operations.iter().zip(lines).any(fits_line)
    {
        return None;
    }
    let line = line_of(&request.url);
    let all_known = line
        .segments
        .iter()
        .flat_map(|s| &s.parts)
        .all(|part| match part {
            SegmentPart::Literal { text } => known.knows(text),
            SegmentPart::Param { .. } => true,
        });
    (all_known && !is_page_line_cut_short(&operations[index], operations, &line)).then_some(line)
}

/// The type a successful response example is annotated with (`"@odata.type":
/// "microsoft.graph.thumbnail"`, `"Collection(microsoft.graph.driveItem)"`), when the model has it.
fn annotated_type(
    response: &ExampleResponse,
    types: &BTreeMap<String, TypeDef>,
) -> Option<(TypeRef, bool)> {
    if !response.status.is_some_and(|s| (200..300).contains(&s)) {
        return None;
    }
    let (name, collection) = response.annotated_type()?;
    types
        .contains_key(&name)
        .then_some((TypeRef::Named(name), collection))
}

/// An example's path, lower-cased, read once for matching against every line.
struct ExamplePath {
    /// The segments, which the literal segments a line starts with must repeat.
    segments: Vec<String>,
    /// The path, then the path without a trailing `$count` or type cast, then without both.
    forms: Vec<Vec<char>>,
    /// The number of segments of each form.
    segment_counts: Vec<usize>,
}

impl ExamplePath {
    fn new(path: Vec<char>) -> ExamplePath {
        let text: String = path.iter().collect();
        let segments = text
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let mut forms = vec![path];
        while forms.len() < 3 {
            let text: String = forms[forms.len() - 1].iter().collect();
            match text.rsplit_once('/') {
                Some((head, last)) if last == "$count" || last.starts_with("microsoft.graph.") => {
                    forms.push(head.chars().collect())
                }
                _ => break,
            }
        }
        let segment_counts = forms
            .iter()
            .map(|form| form.split(|c| *c == '/').filter(|s| !s.is_empty()).count())
            .collect();
        ExamplePath {
            segments,
            forms,
            segment_counts,
        }
    }
}

/// A documented line, read once for matching against example paths.
struct Line<'a> {
    template: &'a PathTemplate,
    matcher: LineMatcher,
    /// A placeholder may hold `/` (`root:/{item-path}:`), so segments need not line up.
    spans_segments: bool,
}

impl<'a> Line<'a> {
    fn new(template: &'a PathTemplate) -> Line<'a> {
        let spans_segments =
            template
                .segments
                .iter()
                .flat_map(|s| &s.parts)
                .any(|part| match part {
                    SegmentPart::Param { path, .. } => *path,
                    SegmentPart::Literal { text } => text.contains(':'),
                });
        Line {
            template,
            matcher: LineMatcher::new(template),
            spans_segments,
        }
    }

    /// Whether the example path fits the line, also with a trailing `$count` or type cast off.
    fn fits(&self, path: &ExamplePath) -> bool {
        self.could_fit(path)
            && path
                .forms
                .iter()
                .any(|form| self.matcher.score(form).is_some())
    }

    /// A quick test that rules out most lines without the full match: a line whose
    /// placeholders cannot hold `/` has as many segments as the path it fits, and its literal
    /// segments repeat the path's at the same places; otherwise, its leading literal segments do.
    fn could_fit(&self, path: &ExamplePath) -> bool {
        let aligned = !self.spans_segments;
        if aligned && !path.segment_counts.contains(&self.template.segments.len()) {
            return false;
        }
        for (segment, example) in self.template.segments.iter().zip(&path.segments) {
            match segment.parts.as_slice() {
                [SegmentPart::Literal { text }] if !text.contains(':') => {
                    if !text.eq_ignore_ascii_case(example) {
                        return false;
                    }
                }
                _ if aligned => {}
                _ => break,
            }
        }
        true
    }
}

/// A relative path (`/me/drives`), or a Graph URL with its version (`https://graph.microsoft.com/v1.0/...`).
fn written_as_graph_template(url: &str) -> bool {
    let url = url.trim();
    if url.starts_with('/') {
        return true;
    }
    let lower = url.to_ascii_lowercase();
    [
        "https://graph.microsoft.com/v1.0/",
        "https://graph.microsoft.com/beta/",
    ]
    .iter()
    .any(|root| lower.starts_with(root))
}

/// The example URL as a request line: its path, without the query, with the values of
/// function arguments as placeholders (`rowsAbove(count=2)` → `rowsAbove(count={count})`).
fn line_of(url: &str) -> PathTemplate {
    let path = url.split('?').next().unwrap_or(url).trim_end_matches('/');
    // A sample GUID stands for an id, as in request lines (`/organization/d69179bf-.../branding`).
    let (path, _) = ids_as_placeholders(path);
    let path: Vec<String> = path
        .split('/')
        .map(|segment| arguments_as_placeholders(segment, |_| true))
        .collect();
    let mut line = template(&path.join("/"));
    line.fixed_query.clear();
    line
}

/// Whether a line of the operation's page is this one plus `/$ref` or `/$value`.
fn is_page_line_cut_short(
    origin: &Operation,
    operations: &[Operation],
    line: &PathTemplate,
) -> bool {
    let shape = line.shape();
    operations
        .iter()
        .filter(|op| op.source.file == origin.source.file)
        .any(|op| match op.path.shape().split_last() {
            Some((last, head)) => {
                matches!(last.as_str(), "$ref" | "$value") && head == shape.as_slice()
            }
            None => false,
        })
}

/// The literal parts of documented lines, and the names of the functions they call.
struct KnownLiterals {
    parts: BTreeSet<String>,
    /// `rowsabove` for `rowsAbove(count=`: the name before an argument list.
    functions: BTreeSet<String>,
}

impl KnownLiterals {
    /// A literal part some documented line has, a call of a documented function (or segment)
    /// by name, or the punctuation between arguments (`',endDateTime='`).
    fn knows(&self, text: &str) -> bool {
        let lower = text.to_ascii_lowercase();
        if self.parts.contains(&lower) || self.functions.contains(&lower) {
            return true;
        }
        if let Some((name, rest)) = lower.split_once('(') {
            let called = self.functions.contains(name) || self.parts.contains(name);
            return called && (matches!(rest, "" | ")") || is_argument_name(rest));
        }
        is_argument_name(lower.trim_start_matches(['\'', ')', ',']))
    }
}

/// Empty, or `name=` / `name='`: the text before an argument's value.
fn is_argument_name(text: &str) -> bool {
    text.is_empty()
        || text
            .strip_suffix('\'')
            .unwrap_or(text)
            .strip_suffix('=')
            .is_some_and(|name| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
}

fn known_literals(operations: &[Operation]) -> KnownLiterals {
    let parts: BTreeSet<String> = operations
        .iter()
        .flat_map(|op| op.path.segments.iter().flat_map(|s| &s.parts))
        .filter_map(|part| match part {
            SegmentPart::Literal { text } => Some(text.to_ascii_lowercase()),
            SegmentPart::Param { .. } => None,
        })
        .collect();
    let functions = parts
        .iter()
        .filter_map(|part| part.split_once('(').map(|(name, _)| name.to_string()))
        .filter(|name| !name.is_empty())
        .collect();
    KnownLiterals { parts, functions }
}

/// The line's placeholders as path parameters: the operation's own where the name matches.
fn path_params(line: &PathTemplate, documented: &[Parameter]) -> Vec<Parameter> {
    placeholders(line)
        .iter()
        .map(|name| {
            documented
                .iter()
                .find(|p| p.name == *name)
                .cloned()
                .unwrap_or_else(|| Parameter::undocumented_path(name))
        })
        .collect()
}
