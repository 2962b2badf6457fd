//! Method pages: request lines, permissions, parameter and body tables, response prose, examples.

use super::blocks::Heading;
use super::examples;
use super::http::{request_line, strip_host, template};
use super::literal_ids::ids_as_placeholders;
use super::page_text::PageText;
use super::permissions;
pub use super::request_parts::{ParsedBody, ParsedParam, RequestLine};
use super::table::{report_ragged_rows, tables, Table};
use super::text::{has_word, link_page_stem, links, plain_text, squash};
use super::type_cell::{self, TypeCell, TypeName};
use crate::diagnostics::{codes, Diagnostic};
use crate::model::{DocumentedQueryOptions, Example, Permissions, Primitive};

#[derive(Debug, Clone)]
pub enum ResponseBody {
    /// The docs say there is no body (204, redirects, "does not return anything").
    None,
    Type(TypeCell),
    /// A status was found but no type: the example annotations may tell.
    Unknown,
}

#[derive(Debug, Clone)]
pub struct ParsedResponse {
    pub status: u16,
    pub body: ResponseBody,
    pub collection: bool,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct MethodPage {
    /// An `HTTP request` section, or request lines in `http` blocks under topic headings.
    pub has_http_section: bool,
    /// No `HTTP request` heading: the request lines come from `http` blocks under topic
    /// headings (one operation per topic), so one topic's examples say nothing of another's.
    pub under_topics: bool,
    pub requests: Vec<RequestLine>,
    pub permissions: Option<Permissions>,
    pub path_params: Vec<ParsedParam>,
    pub query_params: Vec<ParsedParam>,
    /// What the query parameters section says of `$select`, `$filter` and the like.
    pub query_options: DocumentedQueryOptions,
    pub header_params: Vec<ParsedParam>,
    /// Parameters of a function call in the path (`f(period='{period_value}')`).
    pub function_params: Vec<ParsedParam>,
    pub body: ParsedBody,
    /// The `Request body` section also takes the message as base64-encoded MIME.
    pub mime_body: bool,
    pub response: Option<ParsedResponse>,
    pub examples: Vec<Example>,
}

fn sections<'a>(
    page: &'a PageText<'_>,
    matches: impl Fn(&str) -> bool + 'a,
) -> impl Iterator<Item = &'a Heading> + 'a {
    page.outline
        .find(move |h| !h.in_example && h.level > 1 && matches(&h.key))
}

/// The tables of a section's own text (unlabelled), then those under each of its subheadings,
/// labelled with the subheading (`Permissions for a group`).
fn labelled_tables(page: &PageText<'_>, heading: &Heading) -> Vec<(Option<String>, Vec<Table>)> {
    let mut found = vec![(None, section_tables(page, heading, false))];
    for sub in page
        .outline
        .headings
        .iter()
        .filter(|h| h.index > heading.index && h.index < heading.end && h.level > heading.level)
    {
        found.push((
            Some(plain_text(&sub.title)),
            section_tables(page, sub, false),
        ));
    }
    found
}

fn section_tables(page: &PageText<'_>, heading: &Heading, whole: bool) -> Vec<Table> {
    let end = if whole { heading.end } else { heading.text_end };
    tables(page.lines, &page.outline.in_fence, heading.index + 1, end)
}

pub fn read(page: &PageText<'_>, diagnostics: &mut Vec<Diagnostic>) -> MethodPage {
    let http_sections: Vec<&Heading> =
        sections(page, |key| key.starts_with("httprequest")).collect();
    let mut requests = read_requests(page, &http_sections, diagnostics);
    if http_sections.is_empty() {
        requests = topic_requests(page, diagnostics);
    }
    let permission_sections: Vec<(Option<String>, Vec<Table>)> = sections(page, |key| {
        key.starts_with("permission") || key.starts_with("prerequisite")
    })
    .flat_map(|h| labelled_tables(page, h))
    .collect();
    let permissions = permissions::read_sections(&permission_sections);
    if permissions.is_none() && !requests.is_empty() {
        let line = sections(page, |key| key.starts_with("permission"))
            .next()
            .and_then(|h| page.lines.get(h.index))
            .map_or(0, |l| l.line);
        diagnostics.push(
            Diagnostic::warning(
                codes::NO_PERMISSIONS_TABLE,
                page.file,
                line,
                "no permissions table found",
            )
            .with_hint("add a `Permission type | Permissions` table under `## Permissions`"),
        );
    }
    let mut params = |keys: &[&str]| -> Vec<ParsedParam> {
        let found: Vec<Table> = sections(page, |key| keys.contains(&key))
            .flat_map(|h| section_tables(page, h, false))
            .collect();
        found
            .iter()
            .for_each(|t| report_ragged_rows(page.file, t, diagnostics));
        found.iter().flat_map(param_rows).collect()
    };
    let mut path_params = params(&["pathparameters", "pathparameter"]);
    let query_keys = [
        "optionalqueryparameters",
        "queryparameters",
        "optionalqueryparameter",
        "queryparameter",
        "odataqueryparameters",
        "optionalodataqueryparameters",
    ];
    let query_params = params(&query_keys);
    let query_options = read_query_statement(page, &query_keys, &query_params);
    let header_params = params(&[
        "requestheaders",
        "optionalrequestheaders",
        "requestheader",
        "headers",
    ]);
    let mut function_params = params(&["functionparameters", "parameters", "functionparameter"]);
    // The `Request body` section, read once for the body, its place (URL or body) and MIME.
    let body_section = sections(page, |key| key == "requestbody")
        .next()
        .map(|heading| (heading, section_text(page, heading)));
    let body_text = body_section.as_ref().map(|(_, text)| text.as_str());
    let mut body = match &body_section {
        Some((heading, text)) => read_body(page, heading, text, diagnostics),
        None => body_told_elsewhere(page, &http_sections),
    };
    super::function_call::sample_arguments_as_placeholders(&mut requests, &function_params);
    let url_parameters = body_given_in_url(body_text, &requests, &mut body);
    super::function_call::call_bare_functions(
        &mut requests,
        &mut path_params,
        &mut function_params,
        url_parameters,
    );
    super::action_body::parameters_into_body(&requests, &mut function_params, &mut body);
    // A `$ref` line takes a reference, whatever type the prose names.
    if !matches!(body, ParsedBody::Parameters(_)) {
        if let Some(reference) = super::function_call::reference_body(&requests) {
            body = reference;
        }
    }
    let mime_body = body_text.is_some_and(says_mime_body);
    if matches!(body, ParsedBody::None) {
        if let Some(content_type) = raw_content_type(&header_params) {
            body = ParsedBody::Stream {
                content_type: Some(content_type),
            };
        }
    }
    let response = read_response(page, diagnostics);
    let examples = examples::read(page, diagnostics);
    MethodPage {
        has_http_section: !http_sections.is_empty() || !requests.is_empty(),
        under_topics: http_sections.is_empty() && !requests.is_empty(),
        requests,
        permissions,
        path_params,
        query_params,
        query_options,
        header_params,
        function_params,
        body,
        mime_body,
        response,
        examples,
    }
}

/// A page without a `Request body` section may say it in the HTTP request section: "In the
/// request body, supply a JSON representation of a [schema](...) object."
fn body_told_elsewhere(page: &PageText<'_>, http_sections: &[&Heading]) -> ParsedBody {
    for heading in http_sections {
        let text = section_text(page, heading);
        let told = text.split("\n\n").find(|paragraph| {
            paragraph
                .to_ascii_lowercase()
                .contains("in the request body")
        });
        if let Some(cell) = told.and_then(linked_type_in) {
            let line = page.lines.get(heading.index).map_or(0, |l| l.line);
            return ParsedBody::Type { cell, line };
        }
    }
    ParsedBody::None
}

/// The media type a `Content-Type` request header row requires when it is raw content
/// (`application/zip. Required.`, a Teams app package): not JSON, not text (MIME mail, HTML
/// pages), not a choice of several.
fn raw_content_type(header_params: &[ParsedParam]) -> Option<String> {
    let value = &header_params
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case("content-type"))?
        .description;
    let media: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || matches!(c, '`' | ',' | ';'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| {
            w.contains('/')
                && w.split('/').all(|part| {
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-'))
                })
        })
        .collect();
    match media.as_slice() {
        [only]
            if !only.contains("json")
                && !only.starts_with("text/")
                && !only.starts_with("multipart/") =>
        {
            Some(only.to_ascii_lowercase())
        }
        _ => None,
    }
}

/// "provide the MIME content ... encoded in base64 format in the request body": mail pages
/// that send a message either as JSON or as MIME.
fn says_mime_body(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("mime") && lower.contains("base64")
}

fn read_requests(
    page: &PageText<'_>,
    http_sections: &[&Heading],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RequestLine> {
    let mut requests = Vec::new();
    for heading in http_sections {
        let start = heading.index + 1;
        let mut found_fence = false;
        for fence in page.outline.fences_in(start, heading.end) {
            found_fence = true;
            for line in &fence.body {
                collect_request(&line.text, line.line, page.file, &mut requests, diagnostics);
            }
        }
        if !found_fence {
            // Some pages write the request line as plain or inline-code text.
            for line in page.lines.get(start..heading.text_end).unwrap_or(&[]) {
                collect_request(
                    line.text.trim().trim_matches('`'),
                    line.line,
                    page.file,
                    &mut requests,
                    diagnostics,
                );
            }
        }
    }
    if requests.is_empty() && !http_sections.is_empty() {
        let line = http_sections
            .first()
            .and_then(|h| page.lines.get(h.index))
            .map_or(0, |l| l.line);
        diagnostics.push(
            Diagnostic::error(
                codes::NO_REQUEST_LINE,
                page.file,
                line,
                "the `HTTP request` section has no request line",
            )
            .with_hint("write the request as `GET /path/{id}` in a code block"),
        );
    }
    requests
}

/// Pages without an `HTTP request` heading (`site-get`, `driveitem-createuploadsession`)
/// write their request lines in `http` blocks under topic headings, before the examples; an
/// example's own request block is not a line.
fn topic_requests(page: &PageText<'_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<RequestLine> {
    let mut requests = Vec::new();
    for fence in &page.outline.fences {
        let block_type = fence
            .annotation
            .as_ref()
            .map(|a| a.block_type())
            .unwrap_or_default();
        let in_example = page
            .outline
            .heading_of(fence.index)
            .is_some_and(|h| h.in_example);
        if fence.lang != "http"
            || in_example
            || matches!(block_type.as_str(), "request" | "response")
        {
            continue;
        }
        for line in &fence.body {
            collect_request(&line.text, line.line, page.file, &mut requests, diagnostics);
        }
    }
    requests
}

fn collect_request(
    text: &str,
    line: u32,
    file: &str,
    requests: &mut Vec<RequestLine>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some((method, url)) = request_line(text) else {
        let trimmed = text.trim();
        if trimmed.starts_with('/') || trimmed.to_ascii_lowercase().starts_with("https://") {
            diagnostics.push(
                Diagnostic::warning(
                    codes::REQUEST_LINE_WITHOUT_METHOD,
                    file,
                    line,
                    format!("request line without a method: `{trimmed}`"),
                )
                .with_hint("start the line with GET, POST, PATCH, PUT or DELETE"),
            );
        }
        return;
    };
    let path = strip_host(&url);
    // No Graph path holds `*`; pages still under construction write
    // `GET ** Collection URI for ... not found` where the line belongs.
    if path
        .split('?')
        .next()
        .is_some_and(|before_query| before_query.contains('*'))
    {
        diagnostics.push(
            Diagnostic::warning(
                codes::PLACEHOLDER_REQUEST_LINE,
                file,
                line,
                format!(
                    "request line holds placeholder text, not a path: `{}`",
                    text.trim()
                ),
            )
            .with_hint("write the request as `GET /path/{id}`"),
        );
        return;
    }
    let (url, literal_ids) = ids_as_placeholders(&path);
    if !literal_ids.is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                codes::LITERAL_IDS_IN_LINE,
                file,
                line,
                format!(
                    "request line holds literal ids ({}); read as `{url}`",
                    literal_ids.join(", ")
                ),
            )
            .with_hint("write a placeholder such as `{class-id}` where the caller's id goes"),
        );
    }
    let template = template(&url);
    let duplicate = requests
        .iter()
        .any(|r: &RequestLine| r.method == method && r.template.raw == template.raw);
    if !duplicate {
        requests.push(RequestLine {
            method,
            template,
            line,
        });
    }
}

fn param_rows(table: &Table) -> Vec<ParsedParam> {
    let name_column = table
        .column(|h| {
            matches!(
                h,
                "name"
                    | "parameter"
                    | "parametername"
                    | "header"
                    | "headername"
                    | "requestheader"
                    | "property"
                    | "propertyname"
                    | "queryparameter"
            )
        })
        .unwrap_or(0);
    let type_column = table.column(|h| h == "type" || h == "datatype" || h == "valuetype");
    let required_column = table.column(|h| h.starts_with("required"));
    let description_column = table
        .column(|h| h == "description" || h == "value" || h == "notes")
        .or_else(|| {
            table
                .header
                .len()
                .checked_sub(1)
                .filter(|c| *c != name_column)
        });
    table
        .rows
        .iter()
        .filter_map(|row| {
            let name = plain_text(row.cell(name_column));
            let name = name.trim().trim_end_matches(':').to_string();
            if name.is_empty() || name.contains(' ') && !name.starts_with('{') {
                return None;
            }
            let description = description_column
                .map(|c| plain_text(row.cell(c)))
                .unwrap_or_default();
            let required = match required_column {
                Some(c) => matches!(
                    squash(row.cell(c)).as_str(),
                    "yes" | "true" | "required" | "y"
                ),
                None => description.contains("Required") && !description.contains("Not required"),
            };
            let type_cell = type_column.and_then(|c| type_cell::parse(row.cell(c)));
            Some(ParsedParam {
                name,
                type_cell,
                required,
                description,
                line: row.line,
            })
        })
        .collect()
}

/// The parameters a page lists under `Request body` for a function called with GET, when its
/// prose says they go in the request URL (`provide the following query parameters`): they
/// are the function's arguments, not a body, which is then none.
fn body_given_in_url(
    body_text: Option<&str>,
    requests: &[RequestLine],
    body: &mut ParsedBody,
) -> Vec<ParsedParam> {
    let all_get = !requests.is_empty() && requests.iter().all(|r| r.method == "GET");
    let in_url =
        body_text.is_some_and(|text| text.to_ascii_lowercase().contains("in the request url"));
    match body {
        ParsedBody::Parameters(params) if all_get && in_url => {
            let params = std::mem::take(params);
            *body = ParsedBody::None;
            params
        }
        _ => Vec::new(),
    }
}

/// What the query parameter sections say of the system query options, in prose and tables.
fn read_query_statement(
    page: &PageText<'_>,
    keys: &[&str],
    table_params: &[ParsedParam],
) -> DocumentedQueryOptions {
    let table_names: Vec<&str> = table_params.iter().map(|p| p.name.as_str()).collect();
    let mut prose = String::new();
    let mut line = 0;
    for heading in sections(page, |key| keys.contains(&key)) {
        if line == 0 {
            line = page.lines.get(heading.index).map_or(0, |l| l.line);
        }
        prose.push_str(&section_text(page, heading));
        prose.push('\n');
    }
    super::query_statement::read(&prose, &table_names, line)
}

/// The section text (outside code blocks) as one string, blank lines kept as paragraph breaks.
fn section_text(page: &PageText<'_>, heading: &Heading) -> String {
    text_between(page, heading.index + 1, heading.text_end)
}

/// The prose of lines `start..end`: fences skipped, tables and comments as blank lines.
fn text_between(page: &PageText<'_>, start: usize, end: usize) -> String {
    let mut text = String::new();
    for index in start..end.min(page.lines.len()) {
        if page.outline.in_fence.get(index).copied().unwrap_or(false) {
            continue;
        }
        let line = page.lines[index].text.trim();
        if line.starts_with('|') || line.starts_with("<!--") {
            text.push('\n');
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// The body a `Request body` section (`heading`, its prose `text`) describes.
fn read_body(
    page: &PageText<'_>,
    heading: &Heading,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> ParsedBody {
    let lower = text.to_ascii_lowercase();
    let line = page.lines.get(heading.index).map_or(0, |l| l.line);
    if let Some(position) = lower.find("representation") {
        let after = text.get(position..).unwrap_or("");
        // The first sentence only: a later one may link to other types ("supported resources: [chat](..)").
        let sentence_end = [after.find(". "), after.find(".\n")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(after.len());
        let sentence = after.get(..sentence_end).unwrap_or(after);
        if let Some(cell) = type_from_sentence(sentence) {
            return ParsedBody::Type { cell, line };
        }
    }
    let typed: Vec<Table> = section_tables(page, heading, false)
        .into_iter()
        .filter(|t| t.column(|h| h == "type").is_some())
        .collect();
    typed
        .iter()
        .for_each(|t| report_ragged_rows(page.file, t, diagnostics));
    let mut params: Vec<ParsedParam> = typed.iter().flat_map(param_rows).collect();
    if params.is_empty() {
        // Some pages give the table under a subheading (`### JSON payload`).
        let nested: Vec<Table> = section_tables(page, heading, true)
            .into_iter()
            .filter(|t| t.column(|h| h == "type").is_some())
            .collect();
        params = nested.iter().flat_map(param_rows).collect();
    }
    if !params.is_empty() {
        return ParsedBody::Parameters(params);
    }
    let params = value_typed_params(&section_tables(page, heading, false));
    if !params.is_empty() {
        return ParsedBody::Parameters(params);
    }
    if let Some(cell) = linked_body_type(text) {
        return ParsedBody::Type { cell, line };
    }
    let binary = [
        "binary",
        "stream",
        "contents of the file",
        "file content",
        "byte",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let says_none = [
        "do not supply",
        "don't supply",
        "not supply",
        "no request body",
        "not required",
        "empty",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if binary && !says_none {
        return ParsedBody::Stream { content_type: None };
    }
    ParsedBody::None
}

/// Rows of `Name | Value | Description` tables whose `Value` column holds the type (`string`,
/// `[ItemReference](..)`), as some body sections write their parameters.
fn value_typed_params(tables: &[Table]) -> Vec<ParsedParam> {
    let mut params = Vec::new();
    for table in tables {
        let Some(value_column) = table.column(|h| h == "value") else {
            continue;
        };
        if table.column(|h| h == "type").is_some() || table.rows.is_empty() {
            continue;
        }
        // A row for an annotation (`@odata.type | microsoft.graph.openTypeExtension`) shows
        // the values to send, not the types of parameters.
        if param_rows(table)
            .iter()
            .any(|param| param.name.starts_with('@'))
        {
            continue;
        }
        // A type is one word or one link; example values (`Bearer {token}`) are prose.
        let types: Vec<Option<TypeCell>> = table
            .rows
            .iter()
            .map(|row| {
                let cell = row.cell(value_column).trim();
                let one_word = !cell.contains(char::is_whitespace)
                    || (cell.starts_with('[') && cell.ends_with(')'));
                one_word.then(|| type_cell::parse(cell)).flatten()
            })
            .collect();
        if types.iter().any(Option::is_none) {
            continue;
        }
        for (mut param, cell) in param_rows(table).into_iter().zip(types) {
            param.type_cell = cell;
            params.push(param);
        }
    }
    params
}

/// The type a body section's opening prose links, when it links exactly one type page:
/// "Provide the new [openShift](..) object in the request body", "A [teamsTab](..).",
/// "supply an array of [patchContentCommand](..) objects". Sections that say no body is
/// needed name none.
fn linked_body_type(text: &str) -> Option<TypeCell> {
    let opening = text.split("\n\n").map(str::trim).find(|p| !p.is_empty())?;
    linked_type_in(opening).or_else(|| linked_type_in(text))
}

/// The one type page `prose` links, unless it speaks of references or of no body.
fn linked_type_in(opening: &str) -> Option<TypeCell> {
    let lower = opening.to_ascii_lowercase();
    if [
        "not require",
        "do not supply",
        "don't supply",
        "no request body",
        "identifier",
        "@odata.id",
        " id of",
        "odata id",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return None;
    }
    let mut targets: Vec<(String, String)> = links(opening)
        .into_iter()
        .filter(|l| {
            is_type_link(&l.target)
                && !l.target.is_empty()
                && !l.text.trim().is_empty()
                && !l.text.trim().contains(' ')
                && !l.target.contains('#')
        })
        .map(|l| (l.target.to_ascii_lowercase(), l.text))
        .collect();
    targets.dedup_by(|a, b| a.0 == b.0);
    let [(target, text)] = targets.as_slice() else {
        return None;
    };
    let mut cell = type_cell::parse(&format!("[{text}]({target})"))?;
    cell.collection |= lower.contains("array of") || lower.contains("collection of");
    Some(cell)
}

/// The type named in "a JSON representation of a [chatMessage](..) object" or "... for the X object".
fn type_from_sentence(sentence: &str) -> Option<TypeCell> {
    let collection = has_word(sentence, "collection");
    if let Some(link) = links(sentence)
        .into_iter()
        .find(|l| is_type_link(&l.target) && !l.text.trim().contains(' '))
    {
        let mut cell = type_cell::parse(&format!("[{}]({})", link.text, link.target))?;
        cell.collection |= collection;
        return Some(cell);
    }
    let plain = plain_text(sentence);
    let words: Vec<&str> = plain.split_whitespace().collect();
    let object_at = words.iter().position(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        w == "object" || w == "objects" || w == "resource" || w == "entity"
    })?;
    let name = words
        .get(object_at.checked_sub(1)?)?
        .trim_matches(|c: char| !(c.is_alphanumeric() || c == '.'));
    let article = words.get(object_at.checked_sub(2)?)?.to_ascii_lowercase();
    if !matches!(article.as_str(), "a" | "an" | "the" | "of" | "for")
        || name.is_empty()
        || !name.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return None;
    }
    let name = match type_cell::primitive(name) {
        Some(p) => TypeName::Primitive(p),
        None => TypeName::Named {
            name: name.to_string(),
            link: None,
        },
    };
    Some(TypeCell {
        name,
        collection,
        alternatives: 1,
    })
}

/// Links to type pages: `../resources/x.md`, `x.md` from a resources page, or reference links.
fn is_type_link(target: &str) -> bool {
    if target.is_empty() {
        return true;
    }
    let lower = target.to_ascii_lowercase();
    link_page_stem(&lower).is_some()
        && (lower.contains("resources/") || !lower.contains('/'))
        && !lower.contains("/api/")
        && !lower.starts_with("../api")
}

fn read_response(page: &PageText<'_>, diagnostics: &mut Vec<Diagnostic>) -> Option<ParsedResponse> {
    let heading = sections(page, |key| {
        key == "response" || key == "responses" || key == "responsebody"
    })
    .next()?;
    let line = page.lines.get(heading.index).map_or(0, |l| l.line);
    let text = section_text(page, heading);
    if find_status(&text).is_none() && heading.end > heading.text_end {
        // A Response section in parts ("### Response for getting the photo", ...) says it
        // under its subheadings; read them when they name a type.
        let whole = text_between(page, heading.index + 1, heading.end);
        if let Some((status, position)) = find_status(&whole) {
            if let typed @ (ResponseBody::Type(_), _) =
                later_typed_sentence(&whole[position..], status)
            {
                let (body, collection) = typed;
                return Some(ParsedResponse {
                    status,
                    body,
                    collection,
                    line,
                });
            }
        }
    }
    let Some((status, position)) = find_status(&text) else {
        // "Each of these methods returns a [drive][]": a type without a status means 200.
        // A link in other prose ("these items include the [remoteItem] facet") is no return type.
        let lower = text.to_ascii_lowercase();
        let tells_return = lower.contains("return") || lower.contains("response body");
        let (body, collection) = if tells_return {
            response_type(&text)
        } else {
            (ResponseBody::Unknown, false)
        };
        let message = if matches!(body, ResponseBody::Type(_)) {
            "the Response section names no status code; assumed 200"
        } else {
            "the Response section names no status code"
        };
        diagnostics.push(
            Diagnostic::warning(codes::UNREADABLE_RESPONSE, page.file, line, message)
                .with_hint("write e.g. \"returns a `200 OK` response code\""),
        );
        return matches!(body, ResponseBody::Type(_)).then_some(ParsedResponse {
            status: 200,
            body,
            collection,
            line,
        });
    };
    let after = text.get(position..).unwrap_or("");
    let paragraph = after.split("\n\n").next().unwrap_or(after);
    let lower = paragraph.to_ascii_lowercase();
    let no_body = [
        "no response body",
        "not return anything",
        "n't return anything",
        "empty response body",
        "not return a response body",
        "nothing in the response body",
        "no content in the response",
        "without a response body",
        "no body",
        "empty body",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase));
    if status == 204 {
        // "... returns `204 No Content`. If the request specifies `Prefer` header with
        // `return=representation`, ... returns `200 OK` and the updated [x](...)": the type
        // beside `204` is the one sent back on request.
        let on_request = representation_on_request(after.get(3..).unwrap_or(""));
        let body = on_request.map_or(ResponseBody::None, ResponseBody::Type);
        return Some(ParsedResponse {
            status,
            body,
            collection: false,
            line,
        });
    }
    if (300..400).contains(&status) {
        return Some(ParsedResponse {
            status,
            body: ResponseBody::None,
            collection: false,
            line,
        });
    }
    // The sentence with the status names the type; a later sentence may speak of another
    // status without a body ("... a `202 Accepted` response code and an empty body").
    let sentence = paragraph.split(". ").next().unwrap_or(paragraph);
    if let (ResponseBody::Type(cell), collection) = response_type(sentence) {
        return Some(ParsedResponse {
            status,
            body: ResponseBody::Type(cell),
            collection,
            line,
        });
    }
    if no_body {
        return Some(ParsedResponse {
            status,
            body: ResponseBody::None,
            collection: false,
            line,
        });
    }
    let (body, collection) = match response_type(paragraph) {
        (ResponseBody::Unknown, _) => {
            later_typed_sentence(after.get(paragraph.len()..).unwrap_or(""), status)
        }
        typed => typed,
    };
    Some(ParsedResponse {
        status,
        body,
        collection,
        line,
    })
}

/// The type of a later sentence giving the same status: a Response section in parts ("for
/// getting the photo": binary data; "for getting the metadata": a [profilePhoto]) names the
/// type in the part for the lines that return one (`$value` lines read raw content anyway).
fn later_typed_sentence(mut rest: &str, status: u16) -> (ResponseBody, bool) {
    while let Some((found, position)) = find_status(rest) {
        let after = rest.get(position..).unwrap_or("");
        let sentence = after.split(". ").next().unwrap_or(after);
        let sentence = sentence.split("\n\n").next().unwrap_or(sentence);
        if found == status {
            if let typed @ (ResponseBody::Type(_), _) = response_type(sentence) {
                return typed;
            }
        }
        rest = after.get(3..).unwrap_or("");
    }
    (ResponseBody::Unknown, false)
}

/// The single object a `204` operation returns when the request asks for it: the next status
/// in the prose is `200`, and its sentence names the request header or preference and links
/// one type.
fn representation_on_request(rest: &str) -> Option<TypeCell> {
    let (status, position) = find_status(rest)?;
    if status != 200 {
        return None;
    }
    let before = rest.get(..position)?;
    let start = [before.rfind(". "), before.rfind("\n\n")]
        .into_iter()
        .flatten()
        .max()
        .map_or(0, |at| at + 1);
    let after = rest.get(position..)?;
    let end = position
        + [after.find(". "), after.find("\n\n")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(after.len());
    let sentence = rest.get(start..end)?;
    let lower = sentence.to_ascii_lowercase();
    if !["prefer", "representation", "request header"]
        .iter()
        .any(|word| lower.contains(word))
    {
        return None;
    }
    match response_type(sentence) {
        (ResponseBody::Type(cell), false)
            if !cell.collection && matches!(cell.name, TypeName::Named { .. }) =>
        {
            Some(cell)
        }
        _ => None,
    }
}

/// The first status code in the prose: a 3-digit number in backticks or followed by its reason.
fn find_status(text: &str) -> Option<(u16, usize)> {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index + 3 <= bytes.len() {
        let window = &bytes[index..index + 3];
        let boundary_before = index == 0 || !bytes[index - 1].is_ascii_alphanumeric();
        let boundary_after = bytes
            .get(index + 3)
            .map_or(true, |b| !b.is_ascii_alphanumeric());
        if window.iter().all(u8::is_ascii_digit)
            && boundary_before
            && boundary_after
            && (b'1'..=b'5').contains(&window[0])
        {
            let code = u16::from(window[0] - b'0') * 100
                + u16::from(window[1] - b'0') * 10
                + u16::from(window[2] - b'0');
            let in_code = index > 0 && bytes[index - 1] == b'`';
            let next_word = text.get(index + 3..).unwrap_or("").trim_start();
            let reason = next_word.starts_with(|c: char| c.is_ascii_uppercase())
                || next_word.starts_with("response");
            if in_code || reason {
                return Some((code, index));
            }
        }
        index += 1;
    }
    None
}

const PRIMITIVE_WORDS: [&str; 12] = [
    "String",
    "Boolean",
    "Int32",
    "Int64",
    "Int16",
    "Double",
    "Single",
    "Decimal",
    "Guid",
    "DateTimeOffset",
    "Stream",
    "Binary",
];

fn response_type(paragraph: &str) -> (ResponseBody, bool) {
    for link in links(paragraph) {
        if !is_type_link(&link.target)
            || link.text.trim().is_empty()
            || link.text.trim().contains(' ')
        {
            continue;
        }
        let Some(cell) = type_cell::parse(&format!("[{}]({})", link.text, link.target)) else {
            continue;
        };
        let window_end = paragraph
            .find(&link.text)
            .map(|p| p + link.text.len() + link.target.len() + 40)
            .unwrap_or(paragraph.len());
        let window = truncate_at_char(paragraph, window_end).to_ascii_lowercase();
        // "all [openShift](..) objects": more than one object is a collection.
        let link_end = paragraph
            .find(&format!("]({})", link.target))
            .map(|p| p + link.target.len() + 3);
        let plural = link_end
            .and_then(|end| paragraph.get(end..))
            .is_some_and(|after| after.trim_start_matches(['*', '`']).starts_with(" objects"));
        let collection = plural
            || has_word(&window, "collection")
            || window.contains(" list of")
            || has_word(&window, "array");
        return (ResponseBody::Type(cell), collection);
    }
    for word in paragraph.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '`' | '*')) {
        let bare = word.strip_prefix("Edm.").unwrap_or(word);
        if PRIMITIVE_WORDS.contains(&bare) || word.starts_with("Edm.") {
            if let Some(primitive) = type_cell::primitive(word) {
                let collection = has_word(paragraph, "collection");
                return (
                    ResponseBody::Type(TypeCell {
                        name: TypeName::Primitive(primitive),
                        collection,
                        alternatives: 1,
                    }),
                    collection,
                );
            }
        }
    }
    // "a `true` value is returned in the response body": a Boolean named by its values.
    let names_boolean = paragraph.split(". ").any(|sentence| {
        (sentence.contains("`true`") || sentence.contains("`false`"))
            && sentence
                .to_ascii_lowercase()
                .contains("in the response body")
    });
    if names_boolean {
        return (
            ResponseBody::Type(TypeCell {
                name: TypeName::Primitive(Primitive::Boolean),
                collection: false,
                alternatives: 1,
            }),
            false,
        );
    }
    (ResponseBody::Unknown, false)
}

fn truncate_at_char(text: &str, end: usize) -> &str {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod body_tests {
    use super::*;

    #[test]
    fn a_type_sent_back_on_request_goes_beside_204() {
        let planner = "If successful, this method returns `204 No Content` response and empty content. If the request specifies `Prefer` header with `return=representation` preference, then this method returns a `200 OK` response code and updated [plannerTask](../resources/plannertask.md) object in the response body.\n\nThis method can return any of the [HTTP status codes](/graph/errors). The most common errors are the 400, 403, 404, 409, and 412 responses.";
        let cell = representation_on_request(
            planner
                .get(planner.find("204").map_or(0, |p| p + 3)..)
                .unwrap_or(""),
        )
        .expect("a type");
        assert!(matches!(&cell.name, TypeName::Named { name, .. } if name == "plannerTask"));
        let alert = " No Content` response code.\n\nIf the optional request header is used, the method returns a `200 OK` response code and the updated [alert](../resources/alert.md) object in the response body.";
        assert!(representation_on_request(alert).is_some());
        // A `200` for other reasons, or without a linked type, is no representation.
        assert!(representation_on_request("—except a `200 OK` response code when updating the following properties: **unseenCount**.").is_none());
        assert!(representation_on_request(
            "Otherwise it returns `200 OK` and a [group](../resources/group.md) object."
        )
        .is_none());
        assert!(representation_on_request("If the `Prefer` header is sent, it returns `201 Created` and an [alert](../resources/alert.md).").is_none());
        assert!(representation_on_request("With `Prefer: return=representation` it returns `200 OK` and a collection of [alert](../resources/alert.md) objects.").is_none());
        assert!(representation_on_request("").is_none());
    }

    #[test]
    fn body_prose_linking_one_type_names_it() {
        let cell = linked_body_type("Provide the new [openShift](../resources/openshift.md) object in the request body for this method.\n").expect("a type");
        assert!(
            matches!(&cell.name, TypeName::Named { name, .. } if name == "openShift")
                && !cell.collection
        );
        let cell = linked_body_type("In the request body, supply an array of [patchContentCommand](../resources/patchcontentcommand.md) objects.\n").expect("a type");
        assert!(cell.collection);
        let (_, collection) = response_type("returns a `200 OK` response code and all [openShift](../resources/openshift.md) objects in the team.");
        assert!(collection);
        let (_, collection) = response_type("returns a `200 OK` response code and an [openShift](../resources/openshift.md) object.");
        assert!(!collection);
        // References, prose that asks for no body, and several types name none.
        assert!(linked_body_type("Supply the identifier of the [tokenIssuancePolicy](../resources/tokenissuancepolicy.md) object (using an `@odata.id` property).").is_none());
        assert!(linked_body_type(
            "This method does not require a request body. See [message](../resources/message.md)."
        )
        .is_none());
        assert!(linked_body_type(
            "Provide a [user](../resources/user.md) or [group](../resources/group.md)."
        )
        .is_none());
        assert!(linked_body_type(
            "For details, see [teamsApp properties](../resources/teamsapp.md#properties)."
        )
        .is_none());
    }

    #[test]
    fn a_boolean_named_by_its_values_is_the_response() {
        let lifecycle = "If the group is added to the policy, a `true` value is returned in the response body. Otherwise, a `false` value is returned in the response body.";
        assert!(matches!(
            response_type(lifecycle),
            (
                ResponseBody::Type(TypeCell {
                    name: TypeName::Primitive(Primitive::Boolean),
                    ..
                }),
                false
            )
        ));
        // `false` in prose about the request is not a response type.
        let decline =
            "This action returns HTTP 400 if the **sendResponse** parameter is set to `false`.";
        assert!(matches!(response_type(decline), (ResponseBody::Unknown, _)));
    }

    #[test]
    fn a_later_part_of_the_response_section_may_name_the_type() {
        let rest = "\n\n### Response for getting the metadata of the photo\nIf successful, this method returns a `200 OK` response code and [profilePhoto](../resources/profilephoto.md) object in the response body.";
        assert!(matches!(
            later_typed_sentence(rest, 200),
            (
                ResponseBody::Type(TypeCell {
                    name: TypeName::Named { .. },
                    ..
                }),
                false
            )
        ));
        // Another status's type is not this one's.
        assert!(matches!(
            later_typed_sentence(rest, 201),
            (ResponseBody::Unknown, _)
        ));
    }

    fn tables_of(text: &str) -> Vec<Table> {
        let lines: Vec<crate::parse::source::SourceLine> = text
            .lines()
            .enumerate()
            .map(|(i, text)| crate::parse::source::SourceLine {
                line: i as u32 + 1,
                text: text.to_string(),
            })
            .collect();
        tables(&lines, &vec![false; lines.len()], 0, lines.len())
    }

    #[test]
    fn value_columns_holding_types_are_body_parameters() {
        let params = value_typed_params(&tables_of(
            "| Name | Value | Description |\n|:--|:--|:--|\n| parentReference | [ItemReference](../resources/itemreference.md) | Optional. Where. |\n| name | string | Optional. The new name. |\n",
        ));
        assert_eq!(
            params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["parentReference", "name"]
        );
        assert!(params.iter().all(|p| p.type_cell.is_some()));
        // Annotation rows (`@odata.type | microsoft.graph.x`) show values to send: no parameters.
        let values = "| Name | Value |\n|:--|:--|\n| @odata.type | microsoft.graph.openTypeExtension |\n| extensionName | string |\n";
        assert!(value_typed_params(&tables_of(values)).is_empty());
        // A value column of example values is no type column.
        assert!(value_typed_params(&tables_of(
            "| Name | Value |\n|:--|:--|\n| Authorization | Bearer {token}. Required. |\n"
        ))
        .is_empty());
    }
}
