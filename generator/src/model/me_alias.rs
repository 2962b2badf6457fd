//! `/me` lines for pages that document only `/users/{id}/...`.
//!
//! `/me` addresses the signed-in user: every `/users/{id}/rest` path also answers as
//! `/me/rest`. Many pages list both lines, some only the `/users` one while their examples
//! call `/me`. A client user expects the `/me` call either way, so for each `/users/{id}`
//! line without a `/me` twin on its page, an operation on the `/me` path is added, marked
//! with the line it stands for.

use super::{Operation, PathTemplate, Segment, SegmentPart};

/// The `/me` operations the page's operations imply and do not already hold.
pub fn me_aliases(operations: &[Operation]) -> Vec<Operation> {
    let mut aliases: Vec<Operation> = Vec::new();
    for operation in operations {
        let (Some(path), Some(user_param)) =
            (me_path(&operation.path), user_placeholder(&operation.path))
        else {
            continue;
        };
        let wanted = path.shape();
        let present = operations
            .iter()
            .chain(&aliases)
            .any(|other| other.method == operation.method && other.path.shape() == wanted);
        if present {
            continue;
        }
        let mut alias = operation.clone();
        alias.alias_of = Some(format!("{} {}", operation.method, operation.path.raw));
        alias.path_params.retain(|param| param.name != user_param);
        // An application token has no signed-in user for `/me` to name.
        alias.permissions.application = Some(Vec::new());
        alias.path = path;
        alias.examples.clear();
        aliases.push(alias);
    }
    aliases
}

/// `/users/{id}/rest` as `/me/rest`; `None` for any other path.
fn me_path(template: &PathTemplate) -> Option<PathTemplate> {
    user_placeholder(template)?;
    let rest = template.segments.get(2..)?;
    let mut segments = vec![Segment {
        parts: vec![SegmentPart::Literal {
            text: "me".to_string(),
        }],
    }];
    segments.extend(rest.iter().cloned());
    let raw_rest = raw_after_second_segment(&template.raw)?;
    Some(PathTemplate {
        raw: format!("/me{raw_rest}"),
        segments,
        fixed_query: template.fixed_query.clone(),
    })
}

/// The placeholder in `/users/{id}`, when the path starts that way.
fn user_placeholder(template: &PathTemplate) -> Option<String> {
    let mut segments = template.segments.iter();
    match segments.next()?.parts.as_slice() {
        [SegmentPart::Literal { text }] if text.eq_ignore_ascii_case("users") => {}
        _ => return None,
    }
    match segments.next()?.parts.as_slice() {
        [SegmentPart::Param {
            name,
            quoted: false,
            path: false,
        }] => Some(name.clone()),
        _ => None,
    }
}

/// What follows `/users/{...}` in the raw template, braces respected (`{id | userPrincipalName}`).
fn raw_after_second_segment(raw: &str) -> Option<&str> {
    let mut depth = 0usize;
    let mut slashes = 0;
    for (index, ch) in raw.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '/' | '?' if depth == 0 => {
                slashes += 1;
                if slashes == 3 || ch == '?' && slashes == 2 {
                    return raw.get(index..);
                }
            }
            _ => {}
        }
    }
    (slashes == 2).then_some("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Method, Parameter, ParameterLocation, Permissions, Primitive, RequestBody, Response,
        Source, TypeRef,
    };
    use crate::parse::http::{placeholders, template};

    fn operation(method: &str, path: &str) -> Operation {
        let path = template(path);
        let path_params = placeholders(&path)
            .into_iter()
            .map(|name| Parameter {
                name,
                location: ParameterLocation::Path,
                type_ref: TypeRef::Primitive(Primitive::String),
                collection: false,
                required: true,
                description: String::new(),
            })
            .collect();
        Operation {
            title: String::new(),
            description: String::new(),
            page: "page".into(),
            area: String::new(),
            method: Method::parse(method).expect("method"),
            path,
            path_params,
            query_params: Vec::new(),
            query_options: Default::default(),
            header_params: Vec::new(),
            permissions: Permissions::default(),
            request: RequestBody::None,
            mime_body: false,
            response: Response {
                status: 200,
                type_ref: None,
                collection: false,
            },
            examples: Vec::new(),
            source: Source {
                file: "api/page.md".into(),
                line: 3,
            },
            alias_of: None,
            from_example: None,
            also_documented_by: Vec::new(),
        }
    }

    #[test]
    fn a_users_line_without_a_me_twin_gets_one() {
        let aliases = me_aliases(&[operation(
            "POST",
            "/users/{id | userPrincipalName}/messages/{message-id}/reply?x=1",
        )]);
        let [alias] = aliases.as_slice() else {
            panic!("one alias expected: {aliases:?}")
        };
        assert_eq!(alias.path.raw, "/me/messages/{message-id}/reply?x=1");
        assert_eq!(
            alias
                .path_params
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>(),
            ["message-id"]
        );
        assert_eq!(
            alias.alias_of.as_deref(),
            Some("POST /users/{id | userPrincipalName}/messages/{message-id}/reply?x=1")
        );
        assert_eq!(
            alias.path.shape(),
            template("/me/messages/{x}/reply").shape()
        );
        assert_eq!(
            alias.permissions.application,
            Some(Vec::new()),
            "application permissions do not reach /me"
        );
    }

    #[test]
    fn the_user_itself_becomes_me() {
        let aliases = me_aliases(&[operation("PATCH", "/users/{id}")]);
        assert_eq!(
            aliases
                .iter()
                .map(|a| a.path.raw.as_str())
                .collect::<Vec<_>>(),
            ["/me"]
        );
        assert!(aliases[0].path_params.is_empty());
    }

    #[test]
    fn documented_me_lines_and_other_paths_get_none() {
        let documented = [
            operation("GET", "/me/Calendars"),
            operation("GET", "/users/{id}/calendars"),
        ];
        assert!(me_aliases(&documented).is_empty());
        let others = [
            operation("GET", "/groups/{id}/users/{x}"),
            operation("GET", "/users"),
            operation("GET", "/users/delta()"),
        ];
        assert!(me_aliases(&others).is_empty());
        let two_methods = me_aliases(&[
            operation("GET", "/users/{id}/x"),
            operation("DELETE", "/users/{id}/x"),
            operation("GET", "/users/{u}/x"),
        ]);
        assert_eq!(
            two_methods
                .iter()
                .map(|a| a.method.as_str())
                .collect::<Vec<_>>(),
            ["GET", "DELETE"]
        );
    }
}
