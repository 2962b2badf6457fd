//! The request lines most clients call, as the full v1.0 client emits them: module, function,
//! arguments with the body type, response type, the owner page's least privileged delegated
//! permission and the page itself. Reviewed line by line against the pages; a change in any
//! of them shows as a snapshot diff.

use std::path::Path;

use graphgen::emit::summary::endpoint_line;
use graphgen::model::Model;

/// Method and path as the docs write them (placeholder names do not matter).
const COMMON_LINES: &[&str] = &[
    "GET /me",
    "GET /users",
    "GET /users/{id}",
    "POST /users",
    "PATCH /users/{id}",
    "DELETE /users/{id}",
    "GET /users/delta",
    "GET /me/memberOf",
    "GET /me/manager",
    "GET /me/photo/$value",
    "GET /groups",
    "GET /groups/{id}",
    "POST /groups",
    "PATCH /groups/{id}",
    "DELETE /groups/{id}",
    "GET /groups/{id}/members",
    "POST /groups/{id}/members/$ref",
    "GET /me/messages",
    "GET /me/messages/{id}",
    "POST /me/messages",
    "PATCH /me/messages/{id}",
    "POST /me/sendMail",
    "POST /me/messages/{id}/send",
    "POST /me/messages/{id}/reply",
    "POST /me/messages/{id}/attachments",
    "GET /me/mailFolders",
    "GET /me/events",
    "POST /me/events",
    "PATCH /me/events/{id}",
    "GET /me/calendarView?startDateTime={start_datetime}&endDateTime={end_datetime}",
    "POST /me/calendar/getSchedule",
    "GET /me/contacts",
    "POST /me/contacts",
    "GET /me/drive",
    "GET /me/drive/root/children",
    "GET /me/drive/items/{item-id}",
    "GET /me/drive/items/{item-id}/content",
    "PUT /me/drive/items/{parent-id}:/{filename}:/content",
    "POST /me/drive/items/{itemId}/createUploadSession",
    "GET /me/joinedTeams",
    "GET /teams/{team-id}",
    "GET /teams/{team-id}/channels",
    "POST /teams/{team-id}/channels",
    "POST /teams/{team-id}/channels/{channel-id}/messages",
    "POST /chats",
    "GET /chats/{chat-id}/messages",
    "POST /chats/{chat-id}/messages",
    "GET /sites/{site-id}",
    "GET /sites/{site-id}/lists/{list-id}/items",
    "POST /subscriptions",
    "PATCH /subscriptions/{id}",
    "GET /applications",
    "POST /applications",
    "GET /servicePrincipals",
    "GET /organization",
];

/// A line's identity, as the model keys operations.
fn key_of(line: &str) -> String {
    let (method, path) = line.split_once(' ').unwrap_or((line, ""));
    let method = graphgen::model::Method::parse(method).expect("an HTTP method");
    graphgen::model::line_key(method, &graphgen::parse::http::template(path))
}

fn first_delegated(model: &Model, operation: usize) -> String {
    let permissions = &model.operations[operation].permissions;
    if let Some(first) = permissions.by_resource.first() {
        return format!(
            "by resource, {} rows (first: {})",
            permissions.by_resource.len(),
            first.resource
        );
    }
    match permissions
        .delegated_work
        .as_ref()
        .or(permissions.delegated_personal.as_ref())
    {
        Some(list) => list
            .first()
            .cloned()
            .unwrap_or_else(|| "not supported".to_string()),
        None => "not documented".to_string(),
    }
}

#[test]
fn the_most_used_lines_have_the_right_types_and_permissions() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input/v1.0");
    let model = graphgen::Config::new()
        .docs(docs)
        .read_model()
        .expect("the vendored v1.0 docs");
    let api = graphgen::emit::plan(&model);
    let mut rows = Vec::new();
    for line in COMMON_LINES {
        let wanted = key_of(line);
        let found: Vec<_> = api
            .endpoints
            .iter()
            .filter(|e| !e.mime_variant)
            .filter(|e| model.operations[e.operation].line_key() == wanted)
            .collect();
        assert_eq!(found.len(), 1, "`{line}` must be one endpoint");
        let endpoint = found[0];
        let owner = &model.operations[endpoint.operation];
        rows.push(format!(
            "{line}\n    {}\n    {} | {}\n",
            endpoint_line(&model, endpoint)
                .split("  ")
                .next()
                .unwrap_or_default(),
            first_delegated(&model, endpoint.operation),
            owner.source.file,
        ));
    }
    insta::assert_snapshot!(rows.join("\n"));
}

#[test]
fn no_line_changes_area_with_the_areas_included() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input/v1.0");
    let all = graphgen::Config::new()
        .docs(&docs)
        .read_model()
        .expect("the vendored v1.0 docs");
    let area_of = |model: &Model| -> std::collections::BTreeMap<String, String> {
        model
            .operations
            .iter()
            .map(|op| (op.line_key(), op.area.clone()))
            .collect()
    };
    let everywhere = area_of(&all);
    for included in ["intune", "users", "outlook"] {
        let some = graphgen::Config::new()
            .docs(&docs)
            .include_area(included)
            .read_model()
            .expect("model");
        assert!(!some.operations.is_empty());
        for (line, area) in area_of(&some) {
            assert_eq!(
                Some(&area),
                everywhere.get(&line),
                "`{line}` with --include {included}"
            );
        }
    }
}
