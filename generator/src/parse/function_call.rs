//! Request lines the docs write without what the call needs: a function without its
//! arguments (`.../range/cell`, the arguments listed in a table), and a `$ref` without the
//! reference body every `POST`/`PUT` to it takes.

use super::http::{
    arguments_as_placeholders, bare_function_name, placeholders, template, with_function_arguments,
};
use super::request_parts::{ParsedBody, ParsedParam, RequestLine};
use super::text::squash;
use super::type_cell::{TypeCell, TypeName};
use crate::model::Primitive;

/// Writes the arguments of functions documented by name alone into their request lines.
///
/// The arguments are the `Function parameters` rows no request line uses, the `Path parameters`
/// rows of a non-text type no request line uses (ids are text; `row`, `column` of
/// `range/cell` are numbers), and `url_parameters` (a GET's `Request body` rows that its prose
/// puts in the URL). They move to `path_params`, where the placeholders now naming them are
/// typed from, so that no request line also offers them as query parameters. When every
/// argument is optional the bare line stays, for the call without arguments.
pub fn call_bare_functions(
    requests: &mut Vec<RequestLine>,
    path_params: &mut Vec<ParsedParam>,
    function_params: &mut Vec<ParsedParam>,
    url_parameters: Vec<ParsedParam>,
) {
    // Only functions (GET) take arguments in the URL; an action's parameters are its body.
    // A function some line already calls with its arguments is documented as it is.
    let foldable = |r: &RequestLine| {
        r.method == "GET"
            && bare_function_name(&r.template)
                .is_some_and(|name| !requests.iter().any(|other| calls(other, name)))
    };
    if !requests.iter().any(foldable) {
        path_params.extend(url_parameters);
        return;
    }
    let used: Vec<String> = requests
        .iter()
        .flat_map(|r| placeholders(&r.template))
        .map(|name| squash(&name))
        .collect();
    let unused = |p: &ParsedParam| {
        !used.contains(&squash(&p.name)) && !p.name.starts_with('$') && !p.name.is_empty()
    };
    let mut arguments: Vec<ParsedParam> = Vec::new();
    let (taken, kept): (Vec<ParsedParam>, Vec<ParsedParam>) = std::mem::take(function_params)
        .into_iter()
        .partition(|p| unused(p));
    *function_params = kept;
    arguments.extend(taken);
    arguments.extend(
        path_params
            .iter()
            .filter(|p| unused(p) && is_value_type(p.type_cell.as_ref()))
            .cloned(),
    );
    arguments.extend(url_parameters.iter().filter(|p| unused(p)).cloned());
    let mut seen = Vec::new();
    arguments.retain(|p| {
        let key = squash(&p.name);
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
    let moved: Vec<ParsedParam> = arguments
        .iter()
        .filter(|a| !path_params.iter().any(|p| p.name == a.name))
        .cloned()
        .collect();
    path_params.extend(moved);
    path_params.extend(
        url_parameters
            .into_iter()
            .filter(|p| !seen.contains(&squash(&p.name))),
    );
    if arguments.is_empty() {
        return;
    }
    let all_optional = arguments.iter().all(is_optional);
    let call: Vec<(String, bool)> = arguments
        .iter()
        .map(|p| (p.name.clone(), is_text(p.type_cell.as_ref())))
        .collect();
    let mut rewritten = Vec::with_capacity(requests.len());
    let foldable: Vec<bool> = requests.iter().map(foldable).collect();
    for (request, foldable) in requests.drain(..).zip(foldable) {
        match with_function_arguments(&request.template, &call).filter(|_| foldable) {
            Some(template) => {
                let called = RequestLine {
                    method: request.method,
                    template,
                    line: request.line,
                };
                if all_optional {
                    rewritten.push(request);
                }
                rewritten.push(called);
            }
            None => rewritten.push(request),
        }
    }
    *requests = rewritten;
}

/// The body of `POST`/`PUT .../$ref`: the reference, `{"@odata.id": "<url of the object>"}`,
/// when every line that takes a body ends in `$ref` and the page names no body of its own.
pub fn reference_body(requests: &[RequestLine]) -> Option<ParsedBody> {
    let with_body: Vec<&RequestLine> = requests
        .iter()
        .filter(|r| matches!(r.method.as_str(), "POST" | "PUT"))
        .collect();
    let all_references = !with_body.is_empty()
        && with_body.iter().all(|r| {
            r.template.segments.last().is_some_and(|segment| {
                matches!(segment.parts.as_slice(), [crate::model::SegmentPart::Literal { text }] if text.eq_ignore_ascii_case("$ref"))
            })
        });
    all_references.then(|| {
        ParsedBody::Parameters(vec![ParsedParam {
            name: "@odata.id".to_string(),
            type_cell: Some(TypeCell { name: TypeName::Primitive(Primitive::String), collection: false, alternatives: 1 }),
            required: true,
            description: "The URL of the object to reference, e.g. `https://graph.microsoft.com/v1.0/directoryObjects/{id}`.".to_string(),
            line: with_body.first().map_or(0, |r| r.line),
        }])
    })
}

/// Whether a request line calls the function `name` with arguments in any segment.
fn calls(request: &RequestLine, name: &str) -> bool {
    request
        .template
        .segments
        .iter()
        .any(|segment| match segment.parts.first() {
            Some(crate::model::SegmentPart::Literal { text }) => {
                text.get(..name.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(name))
                    && text
                        .get(name.len()..)
                        .is_some_and(|rest| rest.starts_with('('))
            }
            _ => false,
        })
}

fn is_optional(param: &ParsedParam) -> bool {
    !param.required && param.description.to_ascii_lowercase().contains("optional")
}

/// Numbers, booleans, dates: values that are never an id in a path.
fn is_value_type(cell: Option<&TypeCell>) -> bool {
    matches!(
        cell.map(|c| &c.name),
        Some(TypeName::Primitive(
            Primitive::Boolean
                | Primitive::Byte
                | Primitive::SByte
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64
                | Primitive::Single
                | Primitive::Double
                | Primitive::Decimal
        ))
    )
}

/// Text and enum members are quoted in a function call; numbers, booleans, dates are not.
fn is_text(cell: Option<&TypeCell>) -> bool {
    match cell.map(|c| &c.name) {
        Some(TypeName::Primitive(primitive)) => {
            matches!(primitive, Primitive::String | Primitive::Guid)
        }
        Some(TypeName::Named { .. }) => true,
        None => true,
    }
}

/// Sample values of documented function parameters written into request lines become their
/// placeholders: `getTeamsUserActivityCounts(period='D7')` with a `period` parameter reads as
/// `getTeamsUserActivityCounts(period='{period}')`, so the caller passes the period rather
/// than the line fixing it (and no query parameter of that name is invented beside it).
pub fn sample_arguments_as_placeholders(
    requests: &mut [RequestLine],
    function_params: &[ParsedParam],
) {
    let documented: Vec<String> = function_params.iter().map(|p| squash(&p.name)).collect();
    if documented.is_empty() {
        return;
    }
    let is_documented = |name: &str| documented.contains(&squash(name));
    for request in requests.iter_mut() {
        let raw = &request.template.raw;
        let (path, query) = match raw.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (raw.as_str(), None),
        };
        let segments: Vec<String> = path
            .split('/')
            .map(|segment| {
                let rewritten = arguments_as_placeholders(segment, is_documented);
                // A segment gaining no placeholder stays exactly as written.
                if rewritten.matches('{').count() > segment.matches('{').count() {
                    rewritten
                } else {
                    segment.to_string()
                }
            })
            .collect();
        let mut rewritten = segments.join("/");
        if let Some(query) = query {
            rewritten.push('?');
            rewritten.push_str(query);
        }
        if rewritten != *raw {
            request.template = template(&rewritten);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Method;
    use crate::parse::http::template;

    fn line(method: &str, path: &str) -> RequestLine {
        RequestLine {
            method: Method::parse(method).expect("method"),
            template: template(path),
            line: 1,
        }
    }

    fn param(name: &str, ty: &str, description: &str) -> ParsedParam {
        ParsedParam {
            name: name.to_string(),
            type_cell: crate::parse::type_cell::parse(ty),
            required: false,
            description: description.to_string(),
            line: 1,
        }
    }

    fn raws(requests: &[RequestLine]) -> Vec<&str> {
        requests.iter().map(|r| r.template.raw.as_str()).collect()
    }

    #[test]
    fn unused_numeric_path_parameters_become_arguments() {
        let mut requests = vec![
            line("GET", "/names/{name}/range/cell"),
            line("GET", "/worksheets/{id}/range(address='<address>')/cell"),
        ];
        let mut path_params = vec![
            param("row", "Int32", "Row number."),
            param("column", "Int32", "Column number."),
            param("userId", "String", "An id."),
        ];
        let mut function_params = Vec::new();
        call_bare_functions(
            &mut requests,
            &mut path_params,
            &mut function_params,
            Vec::new(),
        );
        assert_eq!(
            raws(&requests),
            [
                "/names/{name}/range/cell(row={row},column={column})",
                "/worksheets/{id}/range(address='<address>')/cell(row={row},column={column})"
            ]
        );
        assert_eq!(
            path_params.len(),
            3,
            "an unused text parameter is not an argument"
        );
    }

    #[test]
    fn optional_arguments_keep_the_bare_call() {
        let mut requests = vec![line("GET", "/worksheets/{id|name}/usedRange")];
        let mut path_params = Vec::new();
        let mut function_params = vec![param(
            "valuesOnly",
            "Boolean",
            "Optional. Only cells with values.",
        )];
        call_bare_functions(
            &mut requests,
            &mut path_params,
            &mut function_params,
            Vec::new(),
        );
        assert_eq!(
            raws(&requests),
            [
                "/worksheets/{id|name}/usedRange",
                "/worksheets/{id|name}/usedRange(valuesOnly={valuesOnly})"
            ]
        );
        assert!(
            function_params.is_empty(),
            "the argument is no query parameter of the bare call"
        );
        assert_eq!(path_params.len(), 1);
    }

    #[test]
    fn url_parameters_are_quoted_when_text() {
        let mut requests = vec![line("GET", "/deviceManagement/getEffectivePermissions")];
        let mut path_params = Vec::new();
        call_bare_functions(
            &mut requests,
            &mut path_params,
            &mut Vec::new(),
            vec![param("scope", "String", "Not yet documented")],
        );
        assert_eq!(
            raws(&requests),
            ["/deviceManagement/getEffectivePermissions(scope='{scope}')"]
        );
        // Pages whose lines end in no bare name are left alone.
        let mut requests = vec![line("GET", "/users/{id}")];
        let mut function_params = vec![param("on", "String", "Required.")];
        call_bare_functions(
            &mut requests,
            &mut Vec::new(),
            &mut function_params,
            Vec::new(),
        );
        assert_eq!(raws(&requests), ["/users/{id}"]);
        assert_eq!(function_params.len(), 1);
        // Actions take their parameters in the body.
        let mut requests = vec![line("POST", "/me/drive/items/{itemId}/createUploadSession")];
        let mut function_params = vec![param("deferCommit", "Boolean", "If set to true, ...")];
        call_bare_functions(
            &mut requests,
            &mut Vec::new(),
            &mut function_params,
            Vec::new(),
        );
        assert_eq!(
            raws(&requests),
            ["/me/drive/items/{itemId}/createUploadSession"]
        );
        // A function already called with its arguments is left as documented.
        let mut requests = vec![line("GET", "/me/outlook/supportedTimeZones"), line("GET", "/me/outlook/supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'{format}')")];
        let mut function_params = vec![param("TimeZoneStandard", "timeZoneStandard", "Optional.")];
        call_bare_functions(
            &mut requests,
            &mut Vec::new(),
            &mut function_params,
            Vec::new(),
        );
        assert_eq!(requests.len(), 2);
    }

    #[test]
    fn reference_lines_take_a_reference_body() {
        let body = reference_body(&[line("POST", "/groups/{id}/members/$ref")]);
        assert!(
            matches!(body, Some(ParsedBody::Parameters(params)) if params.len() == 1 && params[0].name == "@odata.id" && params[0].required)
        );
        assert!(reference_body(&[
            line("POST", "/groups/{id}/members/$ref"),
            line("POST", "/groups/{id}/members")
        ])
        .is_none());
        assert!(reference_body(&[line("DELETE", "/groups/{id}/members/{m}/$ref")]).is_none());
        assert!(reference_body(&[
            line("PUT", "/education/assignments/{id}/rubric/$ref"),
            line("DELETE", "/x/$ref")
        ])
        .is_some());
    }

    #[test]
    fn sample_arguments_become_placeholders() {
        let rewritten = |raw: &str| {
            let mut requests = vec![line("GET", raw)];
            sample_arguments_as_placeholders(&mut requests, &[param("period", "String", "")]);
            requests[0].template.raw.clone()
        };
        assert_eq!(
            rewritten("/reports/getX(period='D7')"),
            "/reports/getX(period='{period}')"
        );
        assert_eq!(
            rewritten("/reports/getX(period='{p}',date=1)?$format=text/csv"),
            "/reports/getX(period='{p}',date=1)?$format=text/csv"
        );
        assert_eq!(
            rewritten("/a/f(other=3)/g(period=7)"),
            "/a/f(other=3)/g(period={period})"
        );
    }
}
