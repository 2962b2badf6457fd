//! Request lines that several pages document: one operation, owned by the page about the
//! resource the line addresses, with every other page's permissions kept beside it.

use std::path::{Path, PathBuf};

use graphgen::model::build::{model_json, read_docs};
use graphgen::model::{Model, Operation, RequestBody, TypeRef};

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shared-lines")
}

fn line<'a>(model: &'a Model, method: &str, raw: &str) -> &'a Operation {
    let found: Vec<&Operation> = model
        .operations
        .iter()
        .filter(|o| o.method == method && o.path.raw == raw)
        .collect();
    assert_eq!(found.len(), 1, "{method} {raw} must be one operation");
    found[0]
}

fn body_type(operation: &Operation) -> Option<&str> {
    match &operation.request {
        RequestBody::Type {
            type_ref: TypeRef::Named(name),
            ..
        } => Some(name),
        _ => None,
    }
}

#[test]
fn the_page_about_the_resource_owns_the_line() {
    let model = read_docs(&pages());
    let users = line(&model, "GET", "/users");
    assert_eq!(
        (users.page.as_str(), users.area.as_str()),
        ("user-list", "users")
    );
    assert_eq!(
        users.permissions.delegated_work,
        Some(vec!["User.Read.All".to_string()])
    );
    let others: Vec<(&str, Option<&Vec<String>>)> = users
        .also_documented_by
        .iter()
        .map(|o| (o.page.as_str(), o.permissions.delegated_work.as_ref()))
        .collect();
    assert_eq!(
        others,
        [(
            "intune-devices-user-list",
            Some(&vec!["DeviceManagementManagedDevices.Read.All".to_string()])
        )]
    );

    // The extended-property page lists `POST /me/events` with a message body; the event page owns it.
    let events = line(&model, "POST", "/me/events");
    assert_eq!(
        (events.page.as_str(), events.title.as_str()),
        ("user-post-events", "Create event")
    );
    assert_eq!(body_type(events), Some("microsoft.graph.event"));
    assert_eq!(
        events.response.type_ref,
        Some(TypeRef::Named("microsoft.graph.event".to_string()))
    );
    let messages = line(&model, "POST", "/me/messages");
    assert_eq!(messages.page, "user-post-messages");
    assert_eq!(body_type(messages), Some("microsoft.graph.message"));
}

#[test]
fn a_body_other_pages_show_beside_the_owners_204_is_an_optional_answer() {
    let model = read_docs(&pages());
    let update = line(&model, "PATCH", "/users/{id}");
    assert_eq!(update.page, "user-update");
    assert_eq!(update.response.status, 204);
    assert_eq!(
        update.response.type_ref,
        Some(TypeRef::Named("microsoft.graph.user".to_string()))
    );
}

#[test]
fn pages_of_derived_types_widen_to_their_nearest_common_base() {
    let model = read_docs(&pages());
    let apps = line(&model, "POST", "/deviceAppManagement/mobileApps");
    assert_eq!(body_type(apps), Some("microsoft.graph.mobileLobApp"));
    assert_eq!(
        apps.response.type_ref,
        Some(TypeRef::Named("microsoft.graph.mobileLobApp".to_string()))
    );
    assert_eq!(apps.also_documented_by.len(), 1);
}

#[test]
fn the_area_of_a_line_does_not_depend_on_the_areas_included() {
    let all = graphgen::Config::new()
        .docs(pages())
        .read_model()
        .expect("model");
    let intune = graphgen::Config::new()
        .docs(pages())
        .include_area("intune")
        .read_model()
        .expect("model");
    let users = graphgen::Config::new()
        .docs(pages())
        .include_area("users")
        .read_model()
        .expect("model");
    for model in [&all, &intune, &users] {
        let list = line(model, "GET", "/users");
        assert_eq!(
            (list.page.as_str(), list.area.as_str()),
            ("user-list", "users")
        );
    }
    // Excluding an area leaves out the lines it owns, not the lines it also documents.
    let without_intune = graphgen::Config::new()
        .docs(pages())
        .exclude_area("intune")
        .read_model()
        .expect("model");
    line(&without_intune, "GET", "/users");
    assert!(!without_intune.operations.iter().any(|o| o.area == "intune"));
}

#[test]
fn model_of_shared_lines() {
    insta::assert_snapshot!(model_json(&read_docs(&pages())));
}

#[test]
fn lint_names_each_page_that_documents_a_line_differently() {
    let model = read_docs(&pages());
    let findings: Vec<String> = graphgen::lint::lint(&model)
        .into_iter()
        .filter(|d| d.code == "GG0704")
        .map(|d| format!("{}:{} {}", d.file, d.line, d.message))
        .collect();
    assert_eq!(
        findings,
        [
            "api/intune-devices-user-list.md:23 `GET /users` is documented in `api/user-list.md` (line 23) too, where the permissions differ; the client follows that page",
            "api/intune-devices-user-update.md:23 `PATCH /users/{id}` is documented in `api/user-update.md` (line 23) too, where the response, permissions differ; the client follows that page",
            "api/multivaluelegacyextendedproperty-post-multivalueextendedproperties.md:22 `POST /me/messages` is documented in `api/user-post-messages.md` (line 23) too, where the response differs; the client follows that page",
            "api/multivaluelegacyextendedproperty-post-multivalueextendedproperties.md:23 `POST /me/events` is documented in `api/user-post-events.md` (line 23) too, where the request body, response, permissions differ; the client follows that page",
        ]
    );
}
