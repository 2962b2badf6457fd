//! The docs reader on pages written the way the reference is written today: permissions in
//! included tables, `ms.subservice`, namespaced types, looser fences and annotations, function
//! parameters in URLs, topic pages; and the model's bases and enum members, read from wherever
//! the pages state them.

use std::path::Path;

use graphgen::model::build::{model_json, read_docs};
use graphgen::model::stats::model_stats;
use graphgen::model::{Model, Operation, RequestBody, TypeRef};

fn model() -> Model {
    read_docs(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newer-docs"))
}

fn operation<'a>(model: &'a Model, method: &str, raw: &str) -> &'a Operation {
    model
        .operations
        .iter()
        .find(|o| o.method == method && o.path.raw == raw)
        .unwrap_or_else(|| {
            panic!(
                "no {method} {raw}; have {:?}",
                model
                    .operations
                    .iter()
                    .map(|o| (o.method.to_string(), &o.path.raw))
                    .collect::<Vec<_>>()
            )
        })
}

fn strings(items: &[&str]) -> Option<Vec<String>> {
    Some(items.iter().map(|s| s.to_string()).collect())
}

fn diagnostics_at<'a>(model: &'a Model, code: &str, file: &str) -> Vec<&'a str> {
    model
        .diagnostics
        .iter()
        .filter(|d| d.code == code && d.file == file)
        .map(|d| d.message.as_str())
        .collect()
}

fn base_of<'a>(model: &'a Model, name: &str) -> Option<&'a str> {
    model
        .types
        .get(name)
        .unwrap_or_else(|| panic!("no type {name}"))
        .base
        .as_deref()
}

fn member_names(model: &Model, name: &str) -> Vec<String> {
    model.types[name]
        .members
        .iter()
        .map(|m| m.name.clone())
        .collect()
}

#[test]
fn the_area_comes_from_the_subservice() {
    let model = model();
    assert_eq!(
        operation(&model, "GET", "/gadgets/{gadget-id}").area,
        "entra-agent-id"
    );
    assert_eq!(
        operation(&model, "GET", "/security/alerts_v2/{alertId}").area,
        "security"
    );
    // Quoted `doc_type`, unpadded `ms.date` and `ms.localizationpriority` read as YAML.
    assert!(model.diagnostics.iter().all(|d| d.code != "GG0101"));
}

#[test]
fn permissions_come_from_included_tables() {
    let model = model();
    // Front matter in the include, three columns, "Not available." for no higher permission.
    let get = &operation(&model, "GET", "/gadgets/{gadget-id}").permissions;
    assert_eq!(
        get.delegated_work,
        strings(&["Gadget.Read.All", "Gadget.ReadWrite.All"])
    );
    assert_eq!(get.delegated_personal, Some(vec![]));
    assert_eq!(get.application, strings(&["Gadget.Read.All"]));
    // No front matter and no newline at the end of the include.
    let update = &operation(&model, "PATCH", "/gadgets/{gadget-id}").permissions;
    assert_eq!(update.delegated_work, strings(&["Gadget.ReadWrite.All"]));
    assert_eq!(update.application, strings(&["Gadget.ReadWrite.All"]));
    assert!(update.by_resource.is_empty());
}

#[test]
fn a_missing_include_is_reported_where_it_is_written() {
    let model = model();
    let missing = model
        .diagnostics
        .iter()
        .find(|d| d.code == "GG0102" && d.file == "api/gadget-list.md")
        .expect("a diagnostic for the missing include");
    assert_eq!(missing.line, 19);
    assert!(missing.message.contains("gadget-list-permissions.md"));
    assert_eq!(
        diagnostics_at(&model, "GG0202", "api/gadget-list.md").len(),
        1
    );
    // The page is still read.
    let list = operation(&model, "GET", "/gadgets");
    assert_eq!(list.permissions.delegated_work, None);
    assert_eq!(list.examples.len(), 1);
}

#[test]
fn one_permission_table_per_kind_of_resource() {
    let model = model();
    let parts = &operation(&model, "GET", "/users/{id}/gadget/parts").permissions;
    let rows: Vec<(&str, Option<Vec<String>>)> = parts
        .by_resource
        .iter()
        .map(|r| (r.resource.as_str(), r.permissions.application.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "For a user's gadget",
                strings(&["Gadget.Read.All", "Directory.Read.All"])
            ),
            (
                "group gadget",
                strings(&["Group.Read.All", "Group.ReadWrite.All"])
            ),
        ]
    );
    assert_eq!(
        parts.delegated_work,
        strings(&["Gadget.Read.All", "Group.Read.All"])
    );
}

#[test]
fn namespaced_types_keep_their_namespace() {
    let model = model();
    let alert = operation(&model, "GET", "/security/alerts_v2/{alertId}");
    assert_eq!(
        alert.response.type_ref,
        Some(TypeRef::Named("microsoft.graph.security.alert".into()))
    );
    let severity = &model.types["microsoft.graph.security.alert"]
        .property("severity")
        .expect("severity")
        .type_ref;
    assert_eq!(
        severity,
        &TypeRef::Named("microsoft.graph.security.alertSeverity".into())
    );
    assert!(model
        .types
        .contains_key("microsoft.graph.security.alertSeverity"));
}

#[test]
fn fences_and_annotations_as_written_today() {
    let model = model();
    // "``` http" with a space, two request lines.
    let get = operation(&model, "GET", "/gadgets/{gadget-id}");
    // A `msgraph-interactive` request under SDK tabs and a multi-line annotation; "```HTTP" response.
    assert_eq!(get.examples.len(), 1);
    let response = get.examples[0].response.as_ref().expect("response");
    assert_eq!(response.status, Some(200));
    assert!(response.truncated);
    // "```HTTP" request line; `Collection(...)` in the annotation; blocks without annotation.
    let list = operation(&model, "GET", "/gadgets");
    assert!(list.response.collection);
    assert_eq!(
        list.response.type_ref,
        Some(TypeRef::Named("microsoft.graph.gadget".into()))
    );
    // A bare fence in the HTTP request section.
    operation(&model, "GET", "/groups/{id}/gadget/parts");
    let parts = operation(&model, "GET", "/users/{id}/gadget/parts");
    assert!(parts.response.collection);
    assert_eq!(parts.examples.len(), 1);
}

#[test]
fn function_parameters_alternate_keys_and_type_casts() {
    let model = model();
    let counts = operation(
        &model,
        "GET",
        "/reports/getGadgetUsageCounts(period='{period_value}')",
    );
    let names: Vec<&str> = counts.path_params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["period_value"]);
    // The other function's parameters are not this one's query parameters.
    assert!(counts.query_params.is_empty(), "{:?}", counts.query_params);
    let recordings = operation(
        &model,
        "GET",
        "/users/{usersId}/gadgets/getAllRecordings(gadgetOwnerId='{userId}',startDateTime={startDateTime})",
    );
    let typed: Vec<(&str, String)> = recordings
        .path_params
        .iter()
        .map(|p| (p.name.as_str(), format!("{:?}", p.type_ref)))
        .collect();
    assert_eq!(
        typed,
        [
            ("usersId", "Primitive(String)".to_string()),
            ("userId", "Primitive(String)".to_string()),
            ("startDateTime", "Primitive(DateTimeOffset)".to_string()),
        ]
    );
    assert!(recordings.query_params.is_empty());
    // The example's inline arguments (a GUID, a bare timestamp) still find the line.
    assert_eq!(recordings.examples.len(), 1);
    let by_app_id = operation(&model, "GET", "/applications(appId='{appId}')/gadget");
    assert_eq!(by_app_id.path_params[0].name, "appId");
    let cast = operation(
        &model,
        "GET",
        "/groups/{id}/gadgetOwners/microsoft.graph.user",
    );
    assert_eq!(cast.examples.len(), 1);
}

#[test]
fn topic_pages_have_one_operation_per_topic() {
    let model = model();
    let create = operation(&model, "POST", "/gadgets/{gadget-id}/createSession");
    assert_eq!(
        create.response.type_ref,
        Some(TypeRef::Named("microsoft.graph.refillSession".into()))
    );
    assert_eq!(create.examples.len(), 1);
    let cancel = operation(&model, "DELETE", "/gadgets/{gadget-id}/refillSession");
    // The other topic's response example says nothing about this one; its own, in bare
    // fences, says `204`.
    assert_eq!(cancel.response.type_ref, None);
    assert_eq!(cancel.response.status, 204);
    assert_eq!(cancel.examples.len(), 1);
    assert!(matches!(cancel.request, RequestBody::None));
    assert_eq!(
        cancel.permissions.delegated_work,
        strings(&["Gadget.ReadWrite.All"])
    );
}

#[test]
fn bases_come_from_wherever_the_docs_state_them() {
    let model = model();
    // Its own rows say `id` is inherited from entity.
    assert_eq!(
        base_of(&model, "microsoft.graph.gadget"),
        Some("microsoft.graph.entity")
    );
    assert!(!diagnostics_at(&model, "GG0513", "resources/gadget.md").is_empty());
    // The base's page: "Base type of [deviceGadget]" (its own rows name only entity).
    assert_eq!(
        base_of(&model, "microsoft.graph.deviceGadget"),
        Some("microsoft.graph.gadget")
    );
    // The base's page: "the derived types are [bulbPart]".
    assert_eq!(
        base_of(&model, "microsoft.graph.bulbPart"),
        Some("microsoft.graph.gadgetPart")
    );
    // Keyed by `id` and nothing else said: an entity.
    assert_eq!(
        base_of(&model, "microsoft.graph.security.alert"),
        Some("microsoft.graph.entity")
    );
    assert!(!diagnostics_at(&model, "GG0514", "resources/security-alert.md").is_empty());
    assert_eq!(base_of(&model, "microsoft.graph.gadgetPart"), None);
    assert_eq!(base_of(&model, "microsoft.graph.entity"), None);
    // A row repeating a base's property is kept once, as inherited.
    let device = &model.types["microsoft.graph.deviceGadget"];
    let own: Vec<&str> = device.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(own, ["serial"]);
    let inherited: Vec<(&str, &str)> = device
        .inherited
        .iter()
        .map(|i| (i.property.name.as_str(), i.from.as_str()))
        .collect();
    assert_eq!(inherited[0], ("id", "microsoft.graph.entity"));
    assert!(inherited.contains(&("displayName", "microsoft.graph.gadget")));
}

#[test]
fn enum_members_from_tables_and_descriptions() {
    let model = model();
    // The enum page's table, and a value only the property lists.
    assert_eq!(
        member_names(&model, "microsoft.graph.gadgetKind"),
        ["lamp", "fan", "unknownFutureValue", "heater"]
    );
    // A `### x values` table, the sentinel only the property lists, and a value only an
    // update page's body parameter lists.
    assert_eq!(
        member_names(&model, "microsoft.graph.gadgetState"),
        ["active", "retired", "unknownFutureValue", "archived"]
    );
    assert!(!diagnostics_at(&model, "GG0512", "api/gadget-update.md").is_empty());
    assert_eq!(
        member_names(&model, "microsoft.graph.security.alertSeverity"),
        [
            "unknown",
            "informational",
            "low",
            "medium",
            "high",
            "unknownFutureValue"
        ]
    );
}

#[test]
fn stats_count_what_the_model_holds() {
    let stats = model_stats(&model());
    assert_eq!(stats.enum_types, 3);
    assert_eq!(stats.enum_members, 14);
    assert_eq!(stats.inferred_types, 3);
    // gadget, deviceGadget, bulbPart, security.alert.
    assert_eq!(stats.structured_types_with_base, 4);
    assert_eq!(stats.entity_types_without_base, 0);
    assert_eq!(stats.operations_by_method["GET"], 12);
    assert_eq!(stats.operations_with_permissions, 9);
}

#[test]
fn model_of_newer_pages() {
    insta::assert_snapshot!(model_json(&model()));
}

#[test]
fn the_command_prints_the_stats_as_json() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newer-docs");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_graphgen"))
        .arg("model")
        .arg("--docs")
        .arg(&docs)
        .arg("--stats")
        .output()
        .expect("run graphgen");
    assert!(output.status.success(), "{output:?}");
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(stats["structuredTypesWithBase"], 4);
    assert_eq!(stats["operationsByMethod"]["PATCH"], 1);
    assert_eq!(stats["diagnosticsByCode"]["GG0514"], 1);
}
