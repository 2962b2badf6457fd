//! The parameters of an action are its JSON body.
//!
//! Some action pages list what the action takes under `## Parameters` (the table the reader
//! keeps as function parameters) and only describe the body in prose (`createUploadSession`:
//! "you can specify properties in the request body", then a `Parameters` table of `item` and
//! `deferCommit`). OData sends an action's parameters as members of one JSON object; left as
//! function parameters they would become query strings the service ignores.

use super::http::placeholders;
use super::request_parts::{ParsedBody, ParsedParam, RequestLine};
use super::text::squash;
use crate::model::Method;

/// Moves the function parameters no request line writes into its URL into the body, when
/// every request line is an action call (`POST`, `PUT`, `PATCH`: a `GET` function takes its
/// arguments in the URL or the query). A body documented as one type or as raw content has
/// no room for loose members, so the parameters stay where they were.
pub fn parameters_into_body(
    requests: &[RequestLine],
    function_params: &mut Vec<ParsedParam>,
    body: &mut ParsedBody,
) {
    let actions = !requests.is_empty()
        && requests
            .iter()
            .all(|r| matches!(r.method, Method::Post | Method::Put | Method::Patch));
    if !actions
        || function_params.is_empty()
        || !matches!(body, ParsedBody::None | ParsedBody::Parameters(_))
    {
        return;
    }
    let in_url: Vec<String> = requests
        .iter()
        .flat_map(|r| placeholders(&r.template))
        .map(|name| squash(&name))
        .collect();
    let (moved, kept): (Vec<ParsedParam>, Vec<ParsedParam>) = std::mem::take(function_params)
        .into_iter()
        .partition(|p| !in_url.contains(&squash(&p.name)) && !p.name.starts_with('$'));
    *function_params = kept;
    if moved.is_empty() {
        return;
    }
    match body {
        ParsedBody::Parameters(params) => {
            // A member both tables list is the body table's.
            let fresh: Vec<ParsedParam> = moved
                .into_iter()
                .filter(|m| !params.iter().any(|p| squash(&p.name) == squash(&m.name)))
                .collect();
            params.extend(fresh);
        }
        _ => *body = ParsedBody::Parameters(moved),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::http::template;

    fn line(method: &str, path: &str) -> RequestLine {
        RequestLine {
            method: Method::parse(method).expect("method"),
            template: template(path),
            line: 1,
        }
    }

    fn param(name: &str, ty: &str) -> ParsedParam {
        ParsedParam {
            name: name.to_string(),
            type_cell: crate::parse::type_cell::parse(ty),
            required: false,
            description: String::new(),
            line: 1,
        }
    }

    fn names(body: &ParsedBody) -> Vec<&str> {
        match body {
            ParsedBody::Parameters(params) => params.iter().map(|p| p.name.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn an_action_without_a_body_table_takes_its_parameters_as_the_body() {
        let requests = [
            line("POST", "/me/drive/items/{itemId}/createUploadSession"),
            line(
                "POST",
                "/drives/{driveId}/items/{itemId}/createUploadSession",
            ),
        ];
        let mut function_params = vec![
            param(
                "item",
                "[driveItemUploadableProperties](../resources/driveitemuploadableproperties.md)",
            ),
            param("deferCommit", "Boolean"),
            param("itemId", "String"),
        ];
        let mut body = ParsedBody::None;
        parameters_into_body(&requests, &mut function_params, &mut body);
        assert_eq!(names(&body), ["item", "deferCommit"]);
        assert_eq!(
            function_params.len(),
            1,
            "a parameter the URL names stays a path argument"
        );
    }

    #[test]
    fn a_body_table_keeps_its_rows_and_gains_the_others() {
        let requests = [line("POST", "/x/act")];
        let mut function_params = vec![param("Comment", "String"), param("notify", "Boolean")];
        let mut body = ParsedBody::Parameters(vec![param("comment", "String")]);
        parameters_into_body(&requests, &mut function_params, &mut body);
        assert_eq!(names(&body), ["comment", "notify"]);
    }

    #[test]
    fn functions_and_typed_bodies_are_left_alone() {
        let mut function_params = vec![param("period", "String")];
        let mut body = ParsedBody::None;
        parameters_into_body(
            &[line("GET", "/reports/getX(date={date})")],
            &mut function_params,
            &mut body,
        );
        assert!(matches!(body, ParsedBody::None) && function_params.len() == 1);
        let mut body = ParsedBody::Stream { content_type: None };
        parameters_into_body(
            &[line("POST", "/x/upload")],
            &mut function_params,
            &mut body,
        );
        assert!(matches!(body, ParsedBody::Stream { .. }) && function_params.len() == 1);
    }
}
