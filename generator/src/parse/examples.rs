//! Examples: request and response blocks, annotated (`<!-- { "blockType": "request" } -->`) or
//! not, paired by annotation `name` and then by order.

use std::collections::{BTreeMap, BTreeSet};

use super::blocks::Fence;
use super::http::request_line;
use super::page_text::PageText;
use super::source::SourceLine;
use crate::diagnostics::{codes, Diagnostic};
use crate::model::{Example, ExampleBody, ExampleRequest, ExampleResponse, Source};

enum Block {
    Request {
        name: Option<String>,
        request: ExampleRequest,
    },
    Response {
        names: Vec<String>,
        response: ExampleResponse,
    },
}

/// Every example of a page, paired.
pub fn read(page: &PageText<'_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Example> {
    let mut blocks = Vec::new();
    // Requests written without their body, waiting for a body block after them.
    let mut awaiting_body: Vec<usize> = Vec::new();
    for fence in &page.outline.fences {
        if let Some((text, line)) = body_alone(page, fence) {
            // "You can use either example request and the following request body": a JSON
            // block after bodiless writes is their body.
            for &index in &awaiting_body {
                if let Some(Block::Request { request, .. }) = blocks.get_mut(index) {
                    request.body = Some(example_body(
                        page.file,
                        (text.clone(), line),
                        &request.headers,
                        diagnostics,
                    ));
                }
            }
            awaiting_body.clear();
            continue;
        }
        let Some(block) = read_block(page, fence, diagnostics) else {
            continue;
        };
        match &block {
            Block::Request { request, .. }
                if request.body.is_none()
                    && matches!(request.method.as_str(), "POST" | "PATCH" | "PUT") =>
            {
                awaiting_body.push(blocks.len())
            }
            _ => awaiting_body.clear(),
        }
        blocks.push(block);
    }
    pair(page, blocks, diagnostics)
}

/// A block in an example section holding only a JSON object, not annotated as a request or
/// a response: its text and first line.
fn body_alone(page: &PageText<'_>, fence: &Fence) -> Option<(String, u32)> {
    let annotated = fence
        .annotation
        .as_ref()
        .is_some_and(|a| matches!(a.block_type().as_str(), "request" | "response"));
    let in_example = page
        .outline
        .heading_of(fence.index)
        .is_some_and(|h| h.in_example);
    let first = fence.body.iter().find(|l| !l.text.trim().is_empty())?;
    if annotated || !in_example || !first.text.trim_start().starts_with('{') {
        return None;
    }
    let text = fence
        .body
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string();
    Some((text, first.line))
}

fn read_block(
    page: &PageText<'_>,
    fence: &Fence,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Block> {
    let line = page.lines.get(fence.index).map_or(0, |l| l.line);
    let first = fence
        .body
        .iter()
        .map(|l| l.text.trim())
        .find(|t| !t.is_empty())
        .unwrap_or("");
    let heading = page.outline.heading_of(fence.index);
    let by_content = if request_line(first).is_some() {
        Some("request")
    } else if first.to_ascii_uppercase().starts_with("HTTP/") {
        Some("response")
    } else {
        None
    };
    let in_example = heading.is_some_and(|h| h.in_example);
    let (kind, names) = match &fence.annotation {
        Some(annotation) => {
            let names: Vec<String> = annotation
                .strings("name")
                .into_iter()
                .filter(|n| !n.is_empty())
                .collect();
            match (annotation.block_type().as_str(), by_content) {
                (written @ ("request" | "response"), Some(content)) if written != content => {
                    diagnostics.push(
                        Diagnostic::warning(codes::MISLABELLED_BLOCK, page.file, line, format!("block is annotated as a {written} but holds a {content}; read as a {content}"))
                            .with_hint(format!("set \"blockType\": \"{content}\"")),
                    );
                    (content.to_string(), names)
                }
                (written @ ("request" | "response"), _) => (written.to_string(), names),
                // Blocks the docs tooling skips are still documented examples when they sit in an example section.
                (_, Some(content)) if in_example => (content.to_string(), names),
                _ => return None,
            }
        }
        None => match by_content {
            // Un-annotated blocks count only inside example sections, recognised by their first line.
            Some(content) if in_example => (content.to_string(), Vec::new()),
            _ => return None,
        },
    };
    let source = Source {
        file: page.file.to_string(),
        line,
    };
    if kind == "request" {
        let request = read_request(page, fence, source, diagnostics)?;
        return Some(Block::Request {
            name: names.into_iter().next(),
            request,
        });
    }
    let annotation = fence.annotation.as_ref();
    // A few pages spell the key `@type` (`"@type": "Collection(microsoft.graph.site)"`).
    let odata_type = annotation
        .map(|a| {
            Some(a.string("@odata.type"))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| a.string("@type"))
        })
        .filter(|t| !t.is_empty());
    let collection = annotation.is_some_and(|a| a.flag("isCollection"));
    let truncated = annotation.is_some_and(|a| a.flag("truncated"));
    let (status, headers, body) = read_message(&fence.body, true);
    let body = body.map(|text| example_body(page.file, text, &headers, diagnostics));
    Some(Block::Response {
        names,
        response: ExampleResponse {
            status,
            headers,
            body,
            odata_type,
            collection,
            truncated,
            source,
        },
    })
}

fn read_request(
    page: &PageText<'_>,
    fence: &Fence,
    source: Source,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ExampleRequest> {
    let start = fence.body.iter().position(|l| !l.text.trim().is_empty())?;
    let Some((method, url)) = fence.body.get(start).and_then(|l| request_line(&l.text)) else {
        diagnostics.push(
            Diagnostic::warning(
                codes::EXAMPLE_WITHOUT_REQUEST_LINE,
                page.file,
                source.line,
                "request example does not start with a request line",
            )
            .with_hint("begin the block with e.g. `GET https://graph.microsoft.com/v1.0/me`"),
        );
        return None;
    };
    let (_, headers, body) = read_message(fence.body.get(start + 1..).unwrap_or(&[]), false);
    let body = body.map(|text| example_body(page.file, text, &headers, diagnostics));
    Some(ExampleRequest {
        method,
        url,
        headers,
        body,
        source,
    })
}

/// A status (responses only), headers, and the body text with its first line number.
type Message = (Option<u16>, Vec<(String, String)>, Option<(String, u32)>);

/// Reads `[HTTP/1.1 200 OK]`, header lines up to a blank line, and the body after them.
fn read_message(lines: &[SourceLine], status_line: bool) -> Message {
    let mut index = lines
        .iter()
        .position(|l| !l.text.trim().is_empty())
        .unwrap_or(lines.len());
    let mut status = None;
    if status_line {
        if let Some(first) = lines.get(index) {
            let trimmed = first.text.trim();
            if trimmed.to_ascii_uppercase().starts_with("HTTP/") {
                status = trimmed
                    .split_whitespace()
                    .nth(1)
                    .and_then(|code| code.parse::<u16>().ok());
                index += 1;
            }
        }
    }
    let mut headers = Vec::new();
    while let Some(line) = lines.get(index) {
        let trimmed = line.text.trim();
        if trimmed.is_empty() {
            index += 1;
            break;
        }
        match trimmed.split_once(':') {
            Some((name, value)) if is_header_name(name) => {
                headers.push((name.trim().to_string(), value.trim().to_string()));
                index += 1;
            }
            _ => break,
        }
    }
    let rest = lines.get(index..).unwrap_or(&[]);
    let body_start = rest.iter().position(|l| !l.text.trim().is_empty());
    let body = body_start.map(|start| {
        let body_lines = rest.get(start..).unwrap_or(&[]);
        let text = body_lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
            .trim_end()
            .to_string();
        (text, body_lines.first().map_or(0, |l| l.line))
    });
    (status, headers, body)
}

fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn example_body(
    file: &str,
    (text, line): (String, u32),
    headers: &[(String, String)],
    diagnostics: &mut Vec<Diagnostic>,
) -> ExampleBody {
    let content_type = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.to_ascii_lowercase());
    let looks_json = text.trim_start().starts_with(['{', '[']);
    let declared_other = content_type
        .as_deref()
        .is_some_and(|ct| !ct.contains("json"));
    if !looks_json || declared_other {
        return ExampleBody {
            text,
            json: None,
            lenient: false,
        };
    }
    match crate::lenient_json::parse(&text) {
        Ok(parsed) => {
            let lenient = !parsed.repairs.is_empty();
            if let Some(first) = parsed.repairs.first() {
                diagnostics.push(
                    Diagnostic::warning(
                        codes::LENIENT_JSON,
                        file,
                        line + first.line.saturating_sub(1),
                        format!(
                            "example body is not strict JSON ({} repair(s), first: {})",
                            parsed.repairs.len(),
                            first.kind.describe()
                        ),
                    )
                    .with_column(first.column)
                    .with_hint("remove trailing commas, comments and `...` elisions"),
                );
            }
            ExampleBody {
                text,
                json: Some(parsed.value),
                lenient,
            }
        }
        Err(error) => {
            diagnostics.push(
                Diagnostic::warning(
                    codes::NOT_JSON,
                    file,
                    line + error.line.saturating_sub(1),
                    format!("example body is not JSON: {}", error.message),
                )
                .with_column(error.column)
                .with_hint("fix the JSON, or mark the block with a non-JSON Content-Type"),
            );
            ExampleBody {
                text,
                json: None,
                lenient: false,
            }
        }
    }
}

/// Pairs requests and responses: first by annotation names (a response may name several
/// requests), then each remaining response with the closest unpaired request before it.
fn pair(
    page: &PageText<'_>,
    blocks: Vec<Block>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Example> {
    let mut requests: Vec<(usize, Option<String>, ExampleRequest)> = Vec::new();
    let mut responses: Vec<(usize, Vec<String>, ExampleResponse)> = Vec::new();
    for (position, block) in blocks.into_iter().enumerate() {
        match block {
            Block::Request { name, request } => requests.push((position, name, request)),
            Block::Response { names, response } => responses.push((position, names, response)),
        }
    }
    let mut response_for: Vec<Option<usize>> = vec![None; requests.len()];
    let mut response_used = vec![false; responses.len()];
    // Names indexed once, so that a page with thousands of examples pairs in linear time.
    let mut requests_named: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, (_, name, _)) in requests.iter().enumerate() {
        if let Some(name) = name {
            requests_named.entry(name.as_str()).or_default().push(index);
        }
    }
    let mut responses_named: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, names, _) in &responses {
        for name in names.iter().map(String::as_str).collect::<BTreeSet<&str>>() {
            *responses_named.entry(name).or_default() += 1;
        }
    }
    for (response_index, (_, names, response)) in responses.iter().enumerate() {
        for name in names {
            let matching: &[usize] = requests_named.get(name.as_str()).map_or(&[], Vec::as_slice);
            let same_named_responses = responses_named.get(name.as_str()).copied().unwrap_or(0);
            match matching {
                [only] if same_named_responses == 1 && response_for[*only].is_none() => {
                    response_for[*only] = Some(response_index);
                    response_used[response_index] = true;
                }
                [] => {}
                _ => diagnostics.push(
                    Diagnostic::warning(codes::SHARED_EXAMPLE_NAME, page.file, response.source.line, format!("example name `{name}` is shared by several requests or responses; paired by order instead"))
                        .with_hint("give each request/response pair its own `name`"),
                ),
            }
        }
    }
    for (response_index, (position, _, response)) in responses.iter().enumerate() {
        if response_used[response_index] {
            continue;
        }
        let candidate = requests
            .iter()
            .enumerate()
            .rev()
            .find(|(i, (p, _, _))| *p < *position && response_for[*i].is_none())
            .map(|(i, _)| i);
        match candidate {
            Some(request_index) => {
                response_for[request_index] = Some(response_index);
                response_used[response_index] = true;
            }
            // A second response after a paired one (the file a redirect leads to) follows that example.
            None if requests.iter().any(|(p, _, _)| *p < *position) => {}
            None => diagnostics.push(
                Diagnostic::warning(
                    codes::UNPAIRED_RESPONSE,
                    page.file,
                    response.source.line,
                    "response example has no request before it to pair with",
                )
                .with_hint("put the request example before its response"),
            ),
        }
    }
    // Examples in page order (by the position of their first block), so that a response without a
    // request follows the example before it.
    let mut ordered: Vec<(usize, Example)> = Vec::new();
    let response_blocks: Vec<(usize, ExampleResponse)> =
        responses.into_iter().map(|(p, _, r)| (p, r)).collect();
    for (index, (position, name, request)) in requests.into_iter().enumerate() {
        let response = response_for[index]
            .and_then(|r| response_blocks.get(r))
            .map(|(_, r)| r.clone());
        let name = name.unwrap_or_else(|| format!("{}-example-{}", page.stem, index + 1));
        ordered.push((
            position,
            Example {
                name,
                request: Some(request),
                response,
            },
        ));
    }
    for (index, (position, response)) in response_blocks.into_iter().enumerate() {
        if !response_used.get(index).copied().unwrap_or(true) {
            ordered.push((
                position,
                Example {
                    name: format!("{}-response-{}", page.stem, index + 1),
                    request: None,
                    response: Some(response),
                },
            ));
        }
    }
    ordered.sort_by_key(|(position, _)| *position);
    ordered.into_iter().map(|(_, example)| example).collect()
}
