//! From the model's examples to planned test cases: which endpoint each example side calls,
//! with which argument values, or why it cannot be tested.

use std::collections::BTreeMap;

use super::placeholders::{elide_in_request, elide_in_response};
use super::registry::{example_id, Category, Side};
use super::url::{is_graph_url, key_as_segment, match_example_url, split_example_url, UrlMatch};
use crate::emit::plan::{HttpMethod, RustApi, RustArgKind, RustBody, RustQueryType, RustResponse};
use crate::model::{ExampleBody, Method, Model};

/// One example side turned into a test, or the reason it is not one.
#[derive(Debug, Clone)]
pub struct PlannedCase {
    /// The stable id (see [`super::registry`]).
    pub id: String,
    pub side: Side,
    pub outcome: Planned,
}

#[derive(Debug, Clone)]
pub enum Planned {
    Request(RequestCase),
    Response(ResponseCase),
    /// A docs defect found while generating: the case is generated and always fails with
    /// this message, so that it must be registered like any other failure.
    Defect {
        category: Category,
        message: String,
    },
    /// Nothing to test, and nothing wrong (no body, `204`, a non-JSON payload, ...).
    Skipped {
        reason: &'static str,
    },
}

/// A request example rebuilt through its endpoint.
#[derive(Debug, Clone)]
pub struct RequestCase {
    /// Index in [`RustApi::endpoints`].
    pub endpoint: usize,
    /// One value per endpoint argument, in order.
    pub args: Vec<ArgValue>,
    /// Segments the example adds to the collection the endpoint addresses, applied with the
    /// runtime's collection helpers before the query.
    pub suffix: Vec<CollectionSuffix>,
    /// Query pairs added with `.query(..)` after the call.
    pub extra_query: Vec<(String, String)>,
    pub method: String,
    pub url: String,
    /// The documented body as `request_matches` compares it: canonical JSON, or raw text.
    pub documented_body: Option<String>,
    /// Placeholder members dropped from the documented body (see [`super::placeholders`]).
    pub elided: Vec<String>,
}

/// An OData segment after a documented collection: `/microsoft.graph.group`, `/$count`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectionSuffix {
    /// A type cast, by qualified name (`Request::cast`).
    Cast(String),
    /// The collection's size (`Request::count`).
    Count,
}

/// The value passed for one endpoint argument.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    Str(String),
    Bool(bool),
    I32(i32),
    I64(i64),
    F64(f64),
    /// The body, read from this canonical JSON through `verify::request_body`.
    JsonBody(String),
    /// Raw content, the documented text's bytes.
    Content(String),
    /// The optional query parameters, all left out (the example's go through `.query`).
    DefaultQueryOptions,
}

/// A response example checked against how the client reads it.
#[derive(Debug, Clone)]
pub struct ResponseCase {
    pub endpoint: usize,
    /// The documented body: canonical JSON, or the text as written for `Count` and `Raw`.
    pub body: String,
    pub check: ResponseCheck,
    /// Placeholder members dropped from the documented body (see [`super::placeholders`]).
    pub elided: Vec<String>,
}

/// How a documented response is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseCheck {
    /// Read into the endpoint's response type, written back and compared.
    RoundTrip,
    /// The request asked for `$count`: the body is the plain-text number it answers with.
    Count,
    /// The endpoint answers with raw content, which must pass through unchanged.
    Raw,
    /// A documented failure (status 400 and up), read through the runtime's error reader.
    Error { status: u16 },
}

/// Why an example side is skipped; stable kebab-case names for the summary.
pub mod skip {
    pub const NO_BODY: &str = "no-body";
    pub const NO_CONTENT: &str = "no-content-status";
    pub const NON_JSON_BODY: &str = "non-json-body";
    pub const UNSUPPORTED_METHOD: &str = "unsupported-method";
    /// The request goes to another host (a bot's callback), not to Graph.
    pub const NOT_A_GRAPH_URL: &str = "not-a-graph-url";
}

/// Plans every example side of the model, in model order.
pub fn plan_cases(model: &Model, api: &RustApi) -> Vec<PlannedCase> {
    let endpoint_of = endpoint_index(api);
    let names = unique_names(model);
    let mut cases = Vec::new();
    for (operation_index, operation) in model.operations.iter().enumerate() {
        for (example_index, example) in operation.examples.iter().enumerate() {
            let Some((file, name)) = names.get(&(operation_index, example_index)) else {
                continue;
            };
            let request_operation = example.request.as_ref().map(|request| {
                let id = example_id(file, name, Side::Request);
                let (outcome, chosen) =
                    plan_request(model, api, &endpoint_of, operation_index, request);
                let counted = matches!(&outcome, Planned::Request(case) if case.suffix.contains(&CollectionSuffix::Count));
                cases.push(PlannedCase {
                    id,
                    side: Side::Request,
                    outcome,
                });
                (chosen, counted)
            });
            let (request_operation, counted) = match request_operation {
                Some((chosen, counted)) => (Some(chosen), counted),
                None => (None, false),
            };
            if let Some(response) = &example.response {
                let id = example_id(file, name, Side::Response);
                let untestable_request = example.request.as_ref().is_some_and(|r| {
                    HttpMethod::parse(r.method.as_str()).is_none() || !is_graph_url(&r.url)
                });
                let target = match request_operation {
                    Some(Some(chosen)) => Some(chosen),
                    Some(None) if untestable_request => None,
                    _ => Some(operation_index),
                };
                let outcome = match target {
                    None if example
                        .request
                        .as_ref()
                        .is_some_and(|r| !is_graph_url(&r.url)) =>
                    {
                        Planned::Skipped {
                            reason: skip::NOT_A_GRAPH_URL,
                        }
                    }
                    None => Planned::Skipped {
                        reason: skip::UNSUPPORTED_METHOD,
                    },
                    Some(_) if counted => plan_count_response(api, &endpoint_of, target, response),
                    Some(target) => plan_response(model, api, &endpoint_of, target, response),
                };
                cases.push(PlannedCase {
                    id,
                    side: Side::Response,
                    outcome,
                });
            }
        }
    }
    cases
}

/// Operation index → endpoint index.
fn endpoint_index(api: &RustApi) -> BTreeMap<usize, usize> {
    let mut map = BTreeMap::new();
    for (index, endpoint) in api
        .endpoints
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.mime_variant)
    {
        map.insert(endpoint.operation, index);
    }
    map
}

/// `(file, name)` of every example, by (operation, example) position; a name used twice on a
/// page gets `~2`, `~3` in page order.
fn unique_names(model: &Model) -> BTreeMap<(usize, usize), (String, String)> {
    let mut found: Vec<(String, String, u32, usize, usize)> = Vec::new();
    for (operation_index, operation) in model.operations.iter().enumerate() {
        for (example_index, example) in operation.examples.iter().enumerate() {
            let source = example
                .request
                .as_ref()
                .map(|r| &r.source)
                .or(example.response.as_ref().map(|r| &r.source))
                .unwrap_or(&operation.source);
            found.push((
                source.file.clone(),
                example.name.clone(),
                source.line,
                operation_index,
                example_index,
            ));
        }
    }
    found.sort();
    let mut names = BTreeMap::new();
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (file, name, _, operation_index, example_index) in found {
        let count = seen.entry((file.clone(), name.clone())).or_insert(0);
        *count += 1;
        let unique = if *count == 1 {
            name
        } else {
            format!("{name}~{count}")
        };
        names.insert((operation_index, example_index), (file, unique));
    }
    names
}

/// Where to look for the request line an example URL fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The operations documented on the same page as the attached one.
    Page,
    /// Every operation: an example may call a request that another page documents
    /// (`GET /me/messages?$filter=...` on an extended-property page).
    AnyPage,
}

/// Among the operations within `reach`, the one whose request line fits the URL best; the
/// attached one wins ties, then the first in model order.
pub fn choose_operation(
    model: &Model,
    attached: usize,
    method: Method,
    url: &str,
    reach: Reach,
) -> Option<(usize, UrlMatch)> {
    let page = &model.operations.get(attached)?.source.file;
    let split = split_example_url(url);
    let mut best: Option<(usize, UrlMatch)> = None;
    for (index, operation) in model.operations.iter().enumerate() {
        let in_reach = reach == Reach::AnyPage || operation.source.file == *page;
        if !in_reach || operation.method != method {
            continue;
        }
        let Some(found) = match_example_url(&operation.path, &split) else {
            continue;
        };
        let better = match &best {
            None => true,
            Some((current, current_match)) => {
                found.score > current_match.score
                    || (found.score == current_match.score
                        && index == attached
                        && *current != attached)
            }
        };
        if better {
            best = Some((index, found));
        }
    }
    best
}

/// The operation an example URL fits, its page first, then any page; a `$count` or cast
/// suffix is tried off when the whole URL fits none. Gives the operation, the suffix split
/// off and the URL left to match.
fn fit_operation(
    model: &Model,
    attached: usize,
    method: Method,
    url: &str,
) -> Option<(usize, Vec<CollectionSuffix>, String)> {
    [Reach::Page, Reach::AnyPage].into_iter().find_map(|reach| {
        if let Some((chosen, _)) = choose_operation(model, attached, method, url, reach) {
            return Some((chosen, Vec::new(), url.to_string()));
        }
        let (base, suffix) = split_collection_suffix(url)?;
        let (chosen, _) = choose_operation(model, attached, method, &base, reach)?;
        Some((chosen, suffix, base))
    })
}

fn plan_request(
    model: &Model,
    api: &RustApi,
    endpoint_of: &BTreeMap<usize, usize>,
    attached: usize,
    request: &crate::model::ExampleRequest,
) -> (Planned, Option<usize>) {
    if HttpMethod::parse(request.method.as_str()).is_none() {
        return (
            Planned::Skipped {
                reason: skip::UNSUPPORTED_METHOD,
            },
            None,
        );
    }
    if !is_graph_url(&request.url) {
        return (
            Planned::Skipped {
                reason: skip::NOT_A_GRAPH_URL,
            },
            None,
        );
    }
    // An example may add a type cast or `$count` to a documented collection; the endpoint
    // is then the collection's, and the suffix is added through the runtime's helpers.
    // `/me/events('AAMk...')` addresses what `/me/events/AAMk...` does (OData key syntax).
    let fitted = fit_operation(model, attached, request.method, &request.url)
        .map(|fit| (fit, request.url.clone()))
        .or_else(|| {
            let url = key_as_segment(&request.url)?;
            fit_operation(model, attached, request.method, &url).map(|fit| (fit, url))
        });
    let Some(((chosen, suffix, matched_url), url)) = fitted else {
        let lines: Vec<String> = model
            .operations
            .iter()
            .filter(|op| {
                model
                    .operations
                    .get(attached)
                    .is_some_and(|a| a.source.file == op.source.file)
            })
            .map(|op| format!("{} {}", op.method, op.path.raw))
            .collect();
        let message = format!(
            "`{} {}` fits none of the documented request lines: {}",
            request.method,
            request.url,
            lines.join("; ")
        );
        return (
            Planned::Defect {
                category: Category::UrlMatchesNoRequestLine,
                message,
            },
            None,
        );
    };
    let Some((endpoint_index, endpoint)) = endpoint_of
        .get(&chosen)
        .and_then(|&i| api.endpoints.get(i).map(|e| (i, e)))
    else {
        return (
            Planned::Skipped {
                reason: skip::UNSUPPORTED_METHOD,
            },
            None,
        );
    };
    // A body sent as MIME goes through the endpoint's `_mime` form, where it has one.
    let sends_mime = request
        .body
        .as_ref()
        .is_some_and(|body| !meant_as_json(body, &request.headers));
    let (endpoint_index, endpoint) = api
        .endpoints
        .iter()
        .enumerate()
        .find(|(_, e)| sends_mime && e.mime_variant && e.operation == endpoint.operation)
        .unwrap_or((endpoint_index, endpoint));
    let reads_collection =
        matches!(endpoint.response, RustResponse::Page(_)) && endpoint.method == HttpMethod::Get;
    if !suffix.is_empty() && !reads_collection {
        let message = format!(
            "`{}` adds a cast or `$count` to a request line that does not read a collection",
            url
        );
        return (
            Planned::Defect {
                category: Category::UrlMatchesNoRequestLine,
                message,
            },
            Some(chosen),
        );
    }
    // Arguments are named after the emitted operation's template, which may be a duplicate's.
    let Some(found) = model
        .operations
        .get(endpoint.operation)
        .and_then(|op| match_example_url(&op.path, &split_example_url(&matched_url)))
    else {
        let message = format!("`{}` fits the request line but not the emitted one", url);
        return (
            Planned::Defect {
                category: Category::UrlMatchesNoRequestLine,
                message,
            },
            Some(chosen),
        );
    };
    let mut query = found.query;
    let mut args = Vec::new();
    let mut elided = Vec::new();
    for arg in &endpoint.args {
        let value = match &arg.kind {
            RustArgKind::PathParam { template_name, .. } => {
                ArgValue::Str(found.args.get(template_name).cloned().unwrap_or_default())
            }
            RustArgKind::QueryParam { wire_name, ty, .. } => {
                let Some(position) = query
                    .iter()
                    .position(|(name, _)| name.eq_ignore_ascii_case(wire_name))
                else {
                    let message = format!(
                        "the required query parameter `{wire_name}` is missing from `{}`",
                        url
                    );
                    return (
                        Planned::Defect {
                            category: Category::RequiredQueryMissing,
                            message,
                        },
                        Some(chosen),
                    );
                };
                let (_, text) = query.remove(position);
                match query_value(*ty, &text) {
                    Some(value) => value,
                    None => {
                        let message =
                            format!("query parameter `{wire_name}={text}` is not a {ty:?} value");
                        return (
                            Planned::Defect {
                                category: Category::QueryValueNotOfType,
                                message,
                            },
                            Some(chosen),
                        );
                    }
                }
            }
            RustArgKind::Body => match json_of(request.body.as_ref()) {
                Ok(json) => {
                    let mut json = json.clone();
                    if let Some(operation) = model.operations.get(chosen) {
                        elided = elide_in_request(model, &operation.request, &mut json);
                    }
                    ArgValue::JsonBody(canonical(&json))
                }
                Err((category, message)) => {
                    return (Planned::Defect { category, message }, Some(chosen))
                }
            },
            RustArgKind::Header { wire_name, .. } => {
                let sent = request
                    .headers
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(wire_name));
                // Headers are not part of the comparison (method, path, query, body are): an
                // example that leaves out a header the page requires (`If-Match` on updates)
                // is still checked on everything it shows, with a stand-in value.
                match sent {
                    Some((_, value)) => ArgValue::Str(value.clone()),
                    None => ArgValue::Str(format!("<{wire_name}>")),
                }
            }
            RustArgKind::ContentType => ArgValue::Str(content_type(&request.headers)),
            RustArgKind::Content => ArgValue::Content(
                request
                    .body
                    .as_ref()
                    .map(|b| b.text.clone())
                    .unwrap_or_default(),
            ),
            RustArgKind::QueryOptions => ArgValue::DefaultQueryOptions,
        };
        args.push(value);
    }
    let documented_body = match &endpoint.body {
        RustBody::None => {
            // `{}` carries nothing: it is the same request as one without a body.
            let sends_something = request.body.as_ref().is_some_and(|b| {
                !b.text.trim().is_empty()
                    && !b
                        .json
                        .as_ref()
                        .is_some_and(|json| json.as_object().is_some_and(|o| o.is_empty()))
            });
            if sends_something {
                let message = "the example sends a body; the page documents none".to_string();
                return (
                    Planned::Defect {
                        category: Category::RequestBodyUndocumented,
                        message,
                    },
                    Some(chosen),
                );
            }
            None
        }
        RustBody::Json { .. } | RustBody::Parameters { .. } => args.iter().find_map(|a| match a {
            ArgValue::JsonBody(json) => Some(json.clone()),
            _ => None,
        }),
        RustBody::Bytes { .. } => match &request.body {
            Some(body) => Some(body.text.clone()),
            None => {
                let message = "the page documents raw content; the example sends none".to_string();
                return (
                    Planned::Defect {
                        category: Category::RequestBodyMissing,
                        message,
                    },
                    Some(chosen),
                );
            }
        },
    };
    let case = RequestCase {
        endpoint: endpoint_index,
        args,
        suffix,
        extra_query: query,
        method: request.method.to_string(),
        url: url.clone(),
        documented_body,
        elided,
    };
    (Planned::Request(case), Some(chosen))
}

/// Splits a trailing `/$count` and a type cast before it (`/microsoft.graph.group`) off the
/// path of a URL; the query stays. `None` when the URL ends in neither.
pub fn split_collection_suffix(url: &str) -> Option<(String, Vec<CollectionSuffix>)> {
    let query_at = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = (url.get(..query_at)?, url.get(query_at..)?);
    let mut path = path.trim_end_matches('/');
    let mut suffix = Vec::new();
    if let Some((head, last)) = path.rsplit_once('/') {
        if crate::parse::http::decode_percent(last).eq_ignore_ascii_case("$count") {
            suffix.push(CollectionSuffix::Count);
            path = head;
        }
    }
    if let Some((head, last)) = path.rsplit_once('/') {
        let last = crate::parse::http::decode_percent(last);
        if is_type_cast(&last) {
            suffix.insert(0, CollectionSuffix::Cast(last));
            path = head;
        }
    }
    (!suffix.is_empty() && !path.is_empty()).then(|| (format!("{path}{rest}"), suffix))
}

/// A qualified type name in Graph's namespace: `microsoft.graph.group`,
/// `microsoft.graph.callRecords.callRecord`.
fn is_type_cast(segment: &str) -> bool {
    let Some(name) = segment
        .get(.."microsoft.graph.".len())
        .filter(|head| head.eq_ignore_ascii_case("microsoft.graph."))
        .and_then(|_| segment.get("microsoft.graph.".len()..))
    else {
        return false;
    };
    !name.is_empty()
        && name.split('.').all(|part| {
            part.starts_with(|c: char| c.is_ascii_alphabetic())
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// The response to a `$count` request: the plain-text number, checked as the runtime reads it.
fn plan_count_response(
    api: &RustApi,
    endpoint_of: &BTreeMap<usize, usize>,
    operation: Option<usize>,
    response: &crate::model::ExampleResponse,
) -> Planned {
    let text = response.body.as_ref().map(|b| b.text.trim()).unwrap_or("");
    let endpoint = operation.and_then(|op| endpoint_of.get(&op)).copied();
    match endpoint.filter(|&e| e < api.endpoints.len()) {
        Some(endpoint) if !text.is_empty() => Planned::Response(ResponseCase {
            endpoint,
            body: text.to_string(),
            check: ResponseCheck::Count,
            elided: Vec::new(),
        }),
        _ => Planned::Skipped {
            reason: skip::NO_BODY,
        },
    }
}

/// The canonical JSON of a request body the endpoint needs, or why there is none.
fn json_of(body: Option<&ExampleBody>) -> Result<&serde_json::Value, (Category, String)> {
    let Some(body) = body else {
        return Err((
            Category::RequestBodyMissing,
            "the page documents a JSON body; the example sends none".to_string(),
        ));
    };
    match &body.json {
        Some(value) => Ok(value),
        None => Err((Category::NotJson, not_json_message(body))),
    }
}

fn not_json_message(body: &ExampleBody) -> String {
    match crate::lenient_json::parse(&body.text) {
        Err(error) => format!("the body is not JSON even read leniently: {error}"),
        Ok(_) => "the body is not JSON".to_string(),
    }
}

pub(super) fn canonical(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn query_value(ty: RustQueryType, text: &str) -> Option<ArgValue> {
    match ty {
        RustQueryType::Str => Some(ArgValue::Str(text.to_string())),
        RustQueryType::Bool => match text {
            "true" => Some(ArgValue::Bool(true)),
            "false" => Some(ArgValue::Bool(false)),
            _ => None,
        },
        RustQueryType::I32 => text
            .parse()
            .ok()
            .filter(|v: &i32| v.to_string() == text)
            .map(ArgValue::I32),
        RustQueryType::I64 => text
            .parse()
            .ok()
            .filter(|v: &i64| v.to_string() == text)
            .map(ArgValue::I64),
        RustQueryType::F64 => text
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && v.to_string() == text)
            .map(ArgValue::F64),
    }
}

fn content_type(headers: &[(String, String)]) -> String {
    headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.clone())
        .unwrap_or_else(|| "application/octet-stream".to_string())
}

/// Whether a body was meant as JSON: it looks like JSON and no other content type is declared.
pub(super) fn meant_as_json(body: &ExampleBody, headers: &[(String, String)]) -> bool {
    let declared_other = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .is_some_and(|(_, value)| !value.to_ascii_lowercase().contains("json"));
    body.text.trim_start().starts_with(['{', '[']) && !declared_other
}

fn plan_response(
    model: &Model,
    api: &RustApi,
    endpoint_of: &BTreeMap<usize, usize>,
    operation: usize,
    response: &crate::model::ExampleResponse,
) -> Planned {
    let body = response.body.as_ref().filter(|b| !b.text.trim().is_empty());
    let Some(body) = body else {
        let reason = if response.status == Some(204) {
            skip::NO_CONTENT
        } else {
            skip::NO_BODY
        };
        return Planned::Skipped { reason };
    };
    let found = endpoint_of
        .get(&operation)
        .and_then(|&i| api.endpoints.get(i).map(|e| (i, e)));
    let status = response.status.unwrap_or(0);
    // Raw content is whatever the service sends, JSON-looking or not; a failure is not.
    if let Some((endpoint_index, endpoint)) = found {
        if endpoint.response == RustResponse::RawBytes && status < 400 {
            return Planned::Response(ResponseCase {
                endpoint: endpoint_index,
                body: body.text.clone(),
                check: ResponseCheck::Raw,
                elided: Vec::new(),
            });
        }
    }
    let Some(json) = &body.json else {
        if meant_as_json(body, &response.headers) {
            return Planned::Defect {
                category: Category::NotJson,
                message: not_json_message(body),
            };
        }
        return Planned::Skipped {
            reason: skip::NON_JSON_BODY,
        };
    };
    let Some((endpoint_index, endpoint)) = found else {
        return Planned::Skipped {
            reason: skip::UNSUPPORTED_METHOD,
        };
    };
    let reads_json = !matches!(
        endpoint.response,
        RustResponse::NoContent | RustResponse::RawBytes
    );
    // A documented failure is read by the error reader whatever the success type is.
    let check = match status {
        400.. => ResponseCheck::Error { status },
        _ if reads_json => ResponseCheck::RoundTrip,
        // A `204` answer has no content: whatever the block shows after the status line
        // never reaches a client, and the page agrees there is none.
        204 => {
            return Planned::Skipped {
                reason: skip::NO_CONTENT,
            }
        }
        _ => {
            return Planned::Defect {
                category: Category::BodyWhereNoneDocumented,
                message: "the example shows a JSON body; the page documents a response without one"
                    .to_string(),
            }
        }
    };
    let mut json = json.clone();
    let elided = match (check, model.operations.get(operation)) {
        (ResponseCheck::RoundTrip, Some(documented)) => {
            elide_in_response(model, &documented.response, &mut json)
        }
        _ => Vec::new(),
    };
    Planned::Response(ResponseCase {
        endpoint: endpoint_index,
        body: canonical(&json),
        check,
        elided,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_suffixes_are_split_off_the_path() {
        assert_eq!(
            split_collection_suffix("https://graph.microsoft.com/v1.0/users/$count"),
            Some((
                "https://graph.microsoft.com/v1.0/users".to_string(),
                vec![CollectionSuffix::Count]
            ))
        );
        assert_eq!(
            split_collection_suffix(
                "/groups/{id}/members/microsoft.graph.user?$count=true&$search=\"a/b\""
            ),
            Some((
                "/groups/{id}/members?$count=true&$search=\"a/b\"".to_string(),
                vec![CollectionSuffix::Cast("microsoft.graph.user".to_string())]
            ))
        );
        assert_eq!(
            split_collection_suffix("/devices/{id}/memberOf/Microsoft.Graph.group/%24count"),
            Some((
                "/devices/{id}/memberOf".to_string(),
                vec![
                    CollectionSuffix::Cast("Microsoft.Graph.group".to_string()),
                    CollectionSuffix::Count
                ]
            ))
        );
        assert_eq!(split_collection_suffix("/users/{id}/memberOf"), None);
        assert_eq!(split_collection_suffix("/contoso.com/users"), None);
        assert_eq!(split_collection_suffix("/$count"), None);
        assert_eq!(split_collection_suffix("/users/microsoft.graph."), None);
    }
}

/// Response checks chosen from what the page documents and what the example shows.
#[cfg(test)]
mod response_tests {
    use super::*;
    use crate::emit::plan::plan;
    use crate::model::build::build_model;

    const UPDATE_TASK: &str = r#"---
title: "Update task"
ms.prod: "planner"
doc_type: apiPageType
---

# Update task

Namespace: microsoft.graph

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
PATCH /planner/tasks/{id}
```

## Request body

In the request body, supply the values for relevant fields that should be updated.

## Response

If successful, this method returns `204 No Content` response and empty content. If the request specifies `Prefer` header with `return=representation` preference, then this method returns a `200 OK` response code and updated [plannerTask](../resources/plannertask.md) object in the response body.

## Examples

### Request

<!-- { "blockType": "request", "name": "update_task" } -->
```http
PATCH https://graph.microsoft.com/v1.0/planner/tasks/t1
Prefer: return=representation

{ "title": "Updated" }
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.plannerTask" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{ "id": "t1", "title": "Updated" }
```

### Request

<!-- { "blockType": "request", "name": "update_task_plain" } -->
```http
PATCH https://graph.microsoft.com/v1.0/planner/tasks/t1

{ "title": "Updated" }
```

### Response

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 204 No Content
```

### Request

<!-- { "blockType": "request", "name": "update_task_refused" } -->
```http
PATCH https://graph.microsoft.com/v1.0/planner/tasks/t1

{ "title": "" }
```

### Response

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 400 Bad Request
Content-type: application/json

{ "error": { "code": "InvalidRequest", "message": "The title is empty." } }
```
"#;

    const TASK: &str = r#"---
title: "plannerTask resource type"
doc_type: resourcePageType
---

# plannerTask resource type

Namespace: microsoft.graph

## Properties

| Property | Type | Description |
|:---|:---|:---|
| id | String | The id. |
| title | String | The title. |

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.plannerTask", "keyProperty": "id" } -->
```json
{ "id": "String", "title": "String" }
```
"#;

    const REPORT: &str = r#"---
title: "getCachedReport action"
ms.prod: "intune"
doc_type: apiPageType
---

# getCachedReport action

Namespace: microsoft.graph

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
POST /deviceManagement/reports/getCachedReport
```

## Response

If successful, this action returns a `200 OK` response code and a Stream in the response body.

## Example

### Request

<!-- { "blockType": "request", "name": "cached_report" } -->
```http
POST https://graph.microsoft.com/v1.0/deviceManagement/reports/getCachedReport
```

### Response

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "value": "Z2V0Q2FjaGVkUmVwb3J0"
}
```
"#;

    const SEND_MAIL: &str = r#"---
title: "user: sendMail"
---

# user: sendMail

## HTTP request

```http
POST /me/sendMail
```

## Request body

When using JSON format, provide a JSON object with the following parameters.

| Parameter | Type | Description |
|:--|:--|:--|
|saveToSentItems|Boolean|Whether to keep a copy.|

When specifying the body in MIME format, provide the MIME content as **a base64-encoded string** in the request body.

## Response

If successful, this method returns `202 Accepted` response code. It does not return anything in the response body.

## Examples

<!-- { "blockType": "request", "name": "send_json" } -->
```http
POST https://graph.microsoft.com/v1.0/me/sendMail
Content-type: application/json

{"saveToSentItems": false}
```

<!-- { "blockType": "request", "name": "send_mime" } -->
```http
POST https://graph.microsoft.com/v1.0/me/sendMail
Content-type: text/plain

RnJvbTogQWxleCBXaWxiZXI=
```
"#;

    #[test]
    fn mime_examples_go_through_the_mime_form() {
        let model = build_model(vec![(
            "api/user-sendmail.md".to_string(),
            SEND_MAIL.to_string(),
        )]);
        let api = plan(&model);
        let cases = plan_cases(&model, &api);
        let endpoint_of = |id: &str| match response_case(&cases, id) {
            Planned::Request(case) => api.endpoints.get(case.endpoint).expect("endpoint"),
            other => panic!("{other:?}"),
        };
        assert!(!endpoint_of("api/user-sendmail.md#send_json/request").mime_variant);
        let mime = endpoint_of("api/user-sendmail.md#send_mime/request");
        assert!(mime.mime_variant, "{}", mime.fn_name);
        let Planned::Request(case) =
            response_case(&cases, "api/user-sendmail.md#send_mime/request")
        else {
            unreachable!()
        };
        assert_eq!(
            case.documented_body.as_deref().map(str::trim),
            Some("RnJvbTogQWxleCBXaWxiZXI=")
        );
    }

    fn page(title: &str, line: &str, example: &str) -> String {
        format!("---\ntitle: \"{title}\"\n---\n\n# {title}\n\n## HTTP request\n\n```http\n{line}\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n\n{example}")
    }

    #[test]
    fn an_example_of_another_pages_request_goes_through_that_pages_endpoint() {
        let example = "<!-- { \"blockType\": \"request\", \"name\": \"list_filtered\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/me/messages?$filter=isRead%20eq%20false\n```\n";
        let model = build_model(vec![
            (
                "api/extension-get.md".to_string(),
                page(
                    "Get extension",
                    "GET /me/messages/{id}/extensions/{name}",
                    example,
                ),
            ),
            (
                "api/message-list.md".to_string(),
                page("List messages", "GET /me/messages", ""),
            ),
            (
                "api/message-delete.md".to_string(),
                page("Delete messages", "DELETE /me/messages", ""),
            ),
        ]);
        let api = plan(&model);
        let cases = plan_cases(&model, &api);
        let Planned::Request(case) =
            response_case(&cases, "api/extension-get.md#list_filtered/request")
        else {
            panic!("{cases:#?}");
        };
        let endpoint = api.endpoints.get(case.endpoint).expect("endpoint");
        assert_eq!(
            model.operations[endpoint.operation].source.file,
            "api/message-list.md"
        );
        assert_eq!(
            case.extra_query,
            [("$filter".to_string(), "isRead eq false".to_string())]
        );
    }

    fn planned() -> (RustApi, Vec<PlannedCase>) {
        let model = build_model(vec![
            (
                "api/plannertask-update.md".to_string(),
                UPDATE_TASK.to_string(),
            ),
            ("resources/plannertask.md".to_string(), TASK.to_string()),
            (
                "api/report-getcachedreport.md".to_string(),
                REPORT.to_string(),
            ),
        ]);
        let api = plan(&model);
        let cases = plan_cases(&model, &api);
        (api, cases)
    }

    fn response_case<'a>(cases: &'a [PlannedCase], id: &str) -> &'a Planned {
        let found = cases.iter().find(|c| c.id == id);
        &found
            .unwrap_or_else(|| panic!("no case {id} in {cases:#?}"))
            .outcome
    }

    #[test]
    fn representation_on_request_round_trips_through_optional_json() {
        let (api, cases) = planned();
        let Planned::Response(case) =
            response_case(&cases, "api/plannertask-update.md#update_task/response")
        else {
            panic!("{cases:#?}");
        };
        assert_eq!(case.check, ResponseCheck::RoundTrip);
        assert_eq!(case.body, r#"{"id":"t1","title":"Updated"}"#);
        let endpoint = api.endpoints.get(case.endpoint).expect("endpoint");
        assert!(
            matches!(&endpoint.response, RustResponse::OptionalJson(crate::emit::plan::RustTypeExpr::Named { odata_name, .. }) if odata_name == "microsoft.graph.plannerTask"),
            "{:?}",
            endpoint.response
        );
        assert!(matches!(
            response_case(&cases, "api/plannertask-update.md#update_task_plain/response"),
            Planned::Skipped { reason } if *reason == skip::NO_CONTENT
        ));
    }

    #[test]
    fn documented_errors_go_through_the_error_reader() {
        let (_, cases) = planned();
        let Planned::Response(case) = response_case(
            &cases,
            "api/plannertask-update.md#update_task_refused/response",
        ) else {
            panic!("{cases:#?}");
        };
        assert_eq!(case.check, ResponseCheck::Error { status: 400 });
        assert_eq!(
            case.body,
            r#"{"error":{"code":"InvalidRequest","message":"The title is empty."}}"#
        );
    }

    #[test]
    fn raw_content_is_checked_as_written() {
        let (api, cases) = planned();
        let Planned::Response(case) = response_case(
            &cases,
            "api/report-getcachedreport.md#cached_report/response",
        ) else {
            panic!("{cases:#?}");
        };
        assert_eq!(case.check, ResponseCheck::Raw);
        assert!(
            case.body.contains("\"value\": \"Z2V0Q2FjaGVkUmVwb3J0\""),
            "{}",
            case.body
        );
        let endpoint = api.endpoints.get(case.endpoint).expect("endpoint");
        assert_eq!(endpoint.response, RustResponse::RawBytes);
    }

    #[test]
    fn generated_checks_call_the_runtime_verifiers() {
        let (api, cases) = planned();
        let tokens = super::super::tests_file::tests_file(
            "msgraph",
            &api,
            &cases,
            &super::super::KnownBroken::default(),
        );
        let file = syn::parse2::<syn::File>(tokens).expect("parses");
        let text: String = prettyplease::unparse(&file)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(
            text.contains(
                r##"verify::optional_response_round_trip::<types::PlannerTask,>(r#"{"id":"t1","title":"Updated"}"#)"##
            ),
            "{text}"
        );
        assert!(
            text.contains(
                r##"verify::error_response(400u16,r#"{"error":{"code":"InvalidRequest""##
            ),
            "{text}"
        );
        // The content as written, its line breaks and indentation included.
        assert!(
            text.contains(r##"verify::raw_response(r#"{"value":"Z2V0Q2FjaGVkUmVwb3J0"}"#)"##),
            "{text}"
        );
    }
}
