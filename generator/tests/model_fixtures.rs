//! The docs reader on small pages written for the purpose, one per format variant.

use std::path::Path;

use graphgen::model::build::{build_model, model_json, read_docs};
use graphgen::model::{
    Model, Operation, Primitive, RequestBody, SegmentPart, TypeDef, TypeKind, TypeRef,
};

fn fixtures() -> Model {
    read_docs(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages"))
}

fn operation<'a>(model: &'a Model, file: &str, method: &str, raw: &str) -> &'a Operation {
    model
        .operations
        .iter()
        .find(|o| o.source.file == file && o.method == method && o.path.raw == raw)
        .unwrap_or_else(|| {
            panic!(
                "no {method} {raw} in {file}; have {:?}",
                model
                    .operations
                    .iter()
                    .map(|o| (&o.source.file, &o.method, &o.path.raw))
                    .collect::<Vec<_>>()
            )
        })
}

fn type_def<'a>(model: &'a Model, name: &str) -> &'a TypeDef {
    model.types.get(name).unwrap_or_else(|| {
        panic!(
            "no type {name}; have {:?}",
            model.types.keys().collect::<Vec<_>>()
        )
    })
}

fn named(name: &str) -> Option<TypeRef> {
    Some(TypeRef::Named(name.to_string()))
}

fn strings(items: &[&str]) -> Option<Vec<String>> {
    Some(items.iter().map(|s| s.to_string()).collect())
}

fn has_diagnostic(model: &Model, code: &str, file: &str) -> bool {
    model
        .diagnostics
        .iter()
        .any(|d| d.code == code && d.file == file)
}

#[test]
fn standard_method_page() {
    let model = fixtures();
    let op = operation(
        &model,
        "api/widget-post-parts.md",
        "POST",
        "/widgets/{widget-id}/parts",
    );
    assert_eq!(op.title, "Create part");
    assert_eq!(op.area, "widgets");
    assert_eq!(op.page, "widget-post-parts");
    assert_eq!(
        op.permissions.delegated_work,
        strings(&["Widget.Write", "Widget.ReadWrite.All"])
    );
    assert_eq!(op.permissions.delegated_personal, Some(vec![]));
    assert_eq!(op.permissions.application, Some(vec![]));
    assert!(
        matches!(&op.request, RequestBody::Type { type_ref: TypeRef::Named(n), collection: false } if n == "microsoft.graph.part")
    );
    assert_eq!(
        (
            op.response.status,
            op.response.type_ref.clone(),
            op.response.collection
        ),
        (201, named("microsoft.graph.part"), false)
    );
    assert_eq!(
        op.header_params
            .first()
            .map(|p| (p.name.as_str(), p.required)),
        Some(("Authorization", true))
    );
    assert_eq!(op.path_params.len(), 1);
    assert_eq!(op.examples.len(), 1);
    let example = &op.examples[0];
    assert_eq!(example.name, "create_part");
    let request = example.request.as_ref().expect("request");
    assert_eq!(
        request.headers,
        [("Content-type".to_string(), "application/json".to_string())]
    );
    assert_eq!(
        request.body.as_ref().and_then(|b| b.json.clone()),
        Some(serde_json::json!({"label": "Bolt"}))
    );
    let response = example.response.as_ref().expect("response");
    assert_eq!(response.status, Some(201));
    assert!(response.truncated);
    assert_eq!(response.odata_type.as_deref(), Some("microsoft.graph.part"));
    // SDK snippet includes are missing in the tree and are not worth a diagnostic.
    assert!(!has_diagnostic(
        &model,
        "GG0102",
        "api/widget-post-parts.md"
    ));
}

#[test]
fn prerequisites_most_to_least_and_unannotated_examples() {
    let model = fixtures();
    let op = operation(
        &model,
        "api/intune-device-get.md",
        "GET",
        "/deviceManagement/devices/{deviceId}",
    );
    assert_eq!(
        op.permissions.delegated_work,
        strings(&["Device.Read.All", "Device.ReadWrite.All"])
    );
    assert_eq!(op.permissions.application, strings(&["Device.Read.All"]));
    assert_eq!(
        op.query_params.first().map(|p| p.name.as_str()),
        Some("$select")
    );
    assert_eq!(op.response.type_ref, named("microsoft.graph.part"));
    assert_eq!(op.examples.len(), 1);
    assert_eq!(
        op.examples[0].response.as_ref().and_then(|r| r.status),
        Some(200)
    );
}

#[test]
fn functions_or_lines_and_redirects() {
    let model = fixtures();
    let period = operation(
        &model,
        "api/report-get-detail.md",
        "GET",
        "/reports/getDetail(period='{period_value}')",
    );
    assert_eq!(
        period.path.segments[1].parts[1],
        SegmentPart::Param {
            name: "period_value".to_string(),
            quoted: true,
            path: false
        }
    );
    assert_eq!(period.path_params[0].name, "period_value");
    assert_eq!(period.path_params[0].description, "The period. Required.");
    assert_eq!(
        (period.response.status, period.response.type_ref.clone()),
        (302, None)
    );
    // The example, and the file the redirect leads to, both belong to this operation.
    assert_eq!(period.examples.len(), 2);
    assert_eq!(period.examples[0].name, "report_detail");
    assert_eq!(
        period.examples[1].response.as_ref().and_then(|r| r.status),
        Some(200)
    );
    let date = operation(
        &model,
        "api/report-get-detail.md",
        "GET",
        "/reports/getDetail(date={date_value})",
    );
    assert_eq!(
        date.path_params[0].type_ref,
        TypeRef::Primitive(Primitive::Date)
    );
    assert_eq!(
        model
            .operations
            .iter()
            .filter(|o| o.source.file == "api/report-get-detail.md")
            .count(),
        2
    );
}

#[test]
fn drive_paths_several_sections_and_named_responses() {
    let model = fixtures();
    let by_path = operation(
        &model,
        "api/item-get-content.md",
        "GET",
        "/me/drive/root:/{item-path}:/content",
    );
    assert_eq!(
        by_path.path.segments[3].parts[0],
        SegmentPart::Param {
            name: "item-path".to_string(),
            quoted: false,
            path: true
        }
    );
    assert_eq!(
        by_path
            .examples
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        ["get-by-path"]
    );
    assert_eq!(
        by_path.permissions.delegated_personal,
        strings(&["Files.Read"])
    );
    // The prose names the type through a reference link; a `/content` line reads raw bytes
    // all the same, and says what the prose gave.
    assert_eq!(
        by_path.response.type_ref,
        Some(TypeRef::Primitive(Primitive::Stream))
    );
    assert!(model.diagnostics.iter().any(|d| d.code == "GG0218"
        && d.file == "api/item-get-content.md"
        && d.message.contains("`microsoft.graph.part`")));
    assert!(
        has_diagnostic(&model, "GG0205", "api/item-get-content.md"),
        "a response without status is reported"
    );
    let by_id = operation(
        &model,
        "api/item-get-content.md",
        "GET",
        "/me/drive/items/{item-id}/content",
    );
    assert_eq!(
        by_id
            .examples
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        ["get-by-id"]
    );
}

#[test]
fn included_permissions_and_missing_includes() {
    let model = fixtures();
    let op = operation(
        &model,
        "api/widget-delete.md",
        "DELETE",
        "/widgets/{widget-id}",
    );
    assert_eq!(
        op.permissions.delegated_work,
        strings(&["Widget.Write", "Widget.ReadWrite.All"])
    );
    assert_eq!(op.permissions.delegated_personal, Some(vec![]));
    assert_eq!(
        op.permissions.application,
        strings(&["Widget.ReadWrite.All"])
    );
    assert_eq!(
        (op.response.status, op.response.type_ref.clone()),
        (204, None)
    );
    let missing: Vec<_> = model
        .diagnostics
        .iter()
        .filter(|d| d.code == "GG0102")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(
        (missing[0].file.as_str(), missing[0].line),
        ("api/widget-delete.md", 14)
    );
}

#[test]
fn action_parameters_and_lenient_bodies() {
    let model = fixtures();
    let op = operation(
        &model,
        "api/widget-spin.md",
        "POST",
        "/widgets/{id | name}/spin",
    );
    assert_eq!(op.path_params[0].name, "id | name");
    assert_eq!(op.permissions.delegated_personal, Some(vec![]));
    let RequestBody::Parameters { parameters } = &op.request else {
        panic!("parameters expected, got {:?}", op.request)
    };
    assert_eq!(
        parameters
            .iter()
            .map(|p| (p.name.as_str(), p.required))
            .collect::<Vec<_>>(),
        [("speed", true), ("colors", false)]
    );
    assert_eq!(parameters[0].type_ref, TypeRef::Primitive(Primitive::Int32));
    assert_eq!(
        (parameters[1].type_ref.clone(), parameters[1].collection),
        (
            TypeRef::Named("microsoft.graph.widgetColor".to_string()),
            true
        ),
        "the link text names an enum defined on the linked page"
    );
    assert_eq!(
        op.response.type_ref,
        Some(TypeRef::Primitive(Primitive::String))
    );
    let example = op.examples.first().expect("example");
    assert_eq!(example.name, "spin_widget");
    let body = example
        .request
        .as_ref()
        .and_then(|r| r.body.as_ref())
        .expect("body");
    assert!(body.lenient);
    assert_eq!(
        body.json,
        Some(serde_json::json!({"speed": 3, "colors": ["red"]}))
    );
    assert!(has_diagnostic(&model, "GG0302", "api/widget-spin.md"));
}

#[test]
fn resource_pages_type_cells_and_merging() {
    let model = fixtures();
    let widget = type_def(&model, "microsoft.graph.widget");
    assert_eq!(widget.kind, TypeKind::Entity);
    assert_eq!(widget.base.as_deref(), Some("microsoft.graph.entity"));
    assert!(widget.open);
    assert_eq!(widget.source.file, "resources/widget.md");
    let property = |name: &str| {
        widget
            .properties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no property {name}"))
    };
    assert_eq!(
        property("name").type_ref,
        TypeRef::Primitive(Primitive::String)
    );
    assert!(!property("name").nullable);
    assert_eq!(
        property("name").description,
        "The name. Not nullable.",
        "the own page wins over the continuation"
    );
    assert_eq!(
        property("size").type_ref,
        TypeRef::Primitive(Primitive::Int32)
    );
    assert!(property("size").read_only);
    assert_eq!(property("size").description, "Size in<mm>. Read-only.");
    assert!(property("tags").collection);
    assert_eq!(
        (
            property("history").type_ref.clone(),
            property("history").collection
        ),
        (TypeRef::Named("microsoft.graph.part".into()), true)
    );
    assert_eq!(
        property("owner").type_ref,
        TypeRef::Named("microsoft.graph.identity".into())
    );
    assert_eq!(
        property("color").type_ref,
        TypeRef::Named("microsoft.graph.widgetColor".into())
    );
    assert_eq!(
        property("target").type_ref,
        TypeRef::Named("microsoft.graph.part".into())
    );
    assert_eq!(
        property("extra").type_ref,
        TypeRef::Primitive(Primitive::Double)
    );
    assert_eq!(
        property("short").type_ref,
        TypeRef::Primitive(Primitive::Boolean)
    );
    assert_eq!(
        property("weight").type_ref,
        TypeRef::Primitive(Primitive::Double),
        "merged from the second page"
    );
    assert!(property("parts").navigation && property("parts").collection);
    assert_eq!(
        widget
            .inherited
            .iter()
            .map(|p| (p.from.as_str(), p.property.name.as_str()))
            .collect::<Vec<_>>(),
        [("microsoft.graph.entity", "id")]
    );
    let color = type_def(&model, "microsoft.graph.widgetColor");
    assert_eq!(color.kind, TypeKind::Enum);
    assert_eq!(
        color
            .members
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>(),
        ["red", "green", "unknownFutureValue"]
    );
    let identity = type_def(&model, "microsoft.graph.identity");
    assert_eq!(identity.kind, TypeKind::Complex);
    assert_eq!(identity.properties.len(), 1, "tables without outer pipes");
}

#[test]
fn inherits_from_prose_enums_and_unknown_names() {
    let model = fixtures();
    let part = type_def(&model, "microsoft.graph.part");
    assert_eq!(
        part.base.as_deref(),
        Some("microsoft.graph.entity"),
        "\"Inherits from\" with a link in another case"
    );
    assert_eq!(part.kind, TypeKind::Entity);
    assert!(
        !part.properties.iter().any(|p| p.name == "id"),
        "\"Inherited from\" rows are inherited, not own"
    );
    assert!(part.inherited.iter().any(|p| p.property.name == "id"));
    let kind = part
        .properties
        .iter()
        .find(|p| p.name == "kind")
        .expect("kind");
    assert_eq!(
        kind.type_ref,
        TypeRef::Named("microsoft.graph.sub.partKind".into())
    );
    let part_kind = type_def(&model, "microsoft.graph.sub.partKind");
    assert_eq!(
        part_kind
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.value))
            .collect::<Vec<_>>(),
        [("bolt", Some(0)), ("nut", Some(1))]
    );
    let finish = type_def(&model, "microsoft.graph.sub.finish");
    assert_eq!(finish.members.len(), 2);
    assert!(model
        .diagnostics
        .iter()
        .any(|d| d.code == "GG0501" && d.message.contains("gizmo")));
}

#[test]
fn base_cycles_are_reported_not_followed() {
    let model = fixtures();
    assert_eq!(
        type_def(&model, "microsoft.graph.loopa").base.as_deref(),
        Some("microsoft.graph.loopb")
    );
    assert!(has_diagnostic(&model, "GG0503", "resources/loop-a.md"));
    assert!(type_def(&model, "microsoft.graph.loopa")
        .inherited
        .iter()
        .any(|p| p.property.name == "valueb"));
}

#[test]
fn output_is_stable_and_in_memory_matches_folder() {
    let first = model_json(&fixtures());
    assert_eq!(first, model_json(&fixtures()));
    let value: serde_json::Value = serde_json::from_str(&first).expect("json");
    assert!(
        value["types"].is_array()
            && value["operations"].is_array()
            && value["diagnostics"].is_array()
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut pages = Vec::new();
    for folder in ["api", "resources", "includes/permissions"] {
        for entry in std::fs::read_dir(root.join(folder))
            .expect("folder")
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            pages.push((
                format!("{folder}/{name}"),
                std::fs::read_to_string(entry.path()).expect("page"),
            ));
        }
    }
    pages.reverse();
    assert_eq!(model_json(&build_model(pages)), first);
}

#[test]
fn hostile_input_never_panics() {
    let pages = vec![
        ("api/empty.md".to_string(), String::new()),
        ("api/junk.md".to_string(), "---\ntitle: [\n## HTTP request\n```\nGET /a/{b/{c}}/'{d\n```\n<!-- { \"blockType\": \"request\" -->\n```http\nPOST https://\n```\n|x|\n|-|\n|é|".to_string()),
        ("resources/bad.md".to_string(), "# é resource type\n## Properties\n|Property|Type|\n|-|-|\n|a b|[x](\n|c|Collection(|\n<!-- { \"blockType\": \"resource\", \"@odata.type\": 5 } -->\n```json\n```".to_string()),
        ("api/self.md".to_string(), "[!INCLUDE [me](self.md)]\n".to_string()),
    ];
    let model = build_model(pages);
    assert!(
        model.diagnostics.iter().any(|d| d.file == "api/empty.md"),
        "an empty page is reported"
    );
    assert!(model
        .diagnostics
        .iter()
        .any(|d| d.file == "resources/bad.md" && d.code == "GG0206"));
}

#[test]
fn missing_root_is_a_diagnostic() {
    let model = read_docs(Path::new("/nonexistent/graphgen-docs"));
    assert!(model.diagnostics.iter().any(|d| d.code == "GG0001"));
}

#[test]
fn seed_page_reads() {
    // The newer revision of the page the project was specified from, read on its own.
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs-input/v1.0/api/chat-post-messages.md"
    ));
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let model = build_model(vec![("api/chat-post-messages.md".to_string(), text)]);
    assert_eq!(model.operations.len(), 1);
    let op = &model.operations[0];
    assert_eq!(
        (op.method.as_str(), op.path.raw.as_str()),
        ("POST", "/chats/{chat-id}/messages")
    );
    assert_eq!(
        op.permissions.delegated_work,
        strings(&["ChatMessage.Send", "Chat.ReadWrite"])
    );
    assert_eq!(op.response.status, 201);
    assert_eq!(op.response.type_ref, named("microsoft.graph.chatMessage"));
    assert_eq!(op.examples.len(), 1);
    assert!(op.examples[0]
        .request
        .as_ref()
        .is_some_and(|r| r.body.as_ref().is_some_and(|b| b.json.is_some())));
    assert_eq!(
        op.examples[0].response.as_ref().and_then(|r| r.status),
        Some(201)
    );
}

/// A method page with the given HTTP request lines, body section, response sentence and examples.
fn method_page(lines: &str, body_section: &str, response: &str, examples: &str) -> String {
    format!(
        "---\ntitle: \"Update part\"\ndescription: \"x\"\nms.prod: \"Widgets\"\ndoc_type: apiPageType\n---\n\n# Update part\n\n\
         ## HTTP request\n\n```http\n{lines}\n```\n\n{body_section}\n\n## Response\n\n{response}\n\n## Examples\n\n{examples}\n"
    )
}

fn request_example(name: &str, request: &str) -> String {
    format!("<!-- {{ \"blockType\": \"request\", \"name\": \"{name}\" }} -->\n```http\n{request}\n```\n")
}

fn with_part_type(api_page: String) -> Model {
    let part = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/resources/part.md"),
    )
    .expect("part fixture");
    build_model(vec![
        ("api/part-update.md".to_string(), api_page),
        ("resources/part.md".to_string(), part),
    ])
}

#[test]
fn users_lines_imply_me_lines_and_literal_ids_become_placeholders() {
    let page = method_page(
        "PATCH /users/{id | userPrincipalName}/parts/{part-id}\nGET /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/parts",
        "## Request body\n\nIn the request body, supply a JSON representation of a [part](../resources/part.md) object.",
        "If successful, this method returns a `204 No Content` response code.",
        &request_example("update_mine", "PATCH https://graph.microsoft.com/v1.0/me/parts/p1\nContent-type: application/json\n\n{\"label\": \"x\"}"),
    );
    let model = with_part_type(page);
    let alias = operation(&model, "api/part-update.md", "PATCH", "/me/parts/{part-id}");
    assert_eq!(
        alias.alias_of.as_deref(),
        Some("PATCH /users/{id | userPrincipalName}/parts/{part-id}")
    );
    assert_eq!(
        alias
            .path_params
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["part-id"]
    );
    assert_eq!(
        alias
            .examples
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        ["update_mine"],
        "the /me example goes to the /me line"
    );
    assert!(operation(
        &model,
        "api/part-update.md",
        "PATCH",
        "/users/{id | userPrincipalName}/parts/{part-id}"
    )
    .alias_of
    .is_none());
    let classes = operation(
        &model,
        "api/part-update.md",
        "GET",
        "/education/classes/{class-id}/parts",
    );
    assert_eq!(
        classes
            .path_params
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["class-id"]
    );
    assert!(has_diagnostic(&model, "GG0210", "api/part-update.md"));
}

#[test]
fn bodies_shown_only_in_examples_take_the_returned_type_when_they_fit_it() {
    let page = |body: &str| {
        method_page(
            "PATCH /parts/{part-id}",
            "## Request body\n\nIn the request body, supply the values for properties that should be updated.",
            "If successful, this method returns a `200 OK` response code and an updated [part](../resources/part.md) object in the response body.",
            &request_example("update", &format!("PATCH https://graph.microsoft.com/v1.0/parts/p1\nContent-type: application/json\n\n{body}")),
        )
    };
    let model = with_part_type(page(
        "{\"label\": \"Bolt\", \"@odata.type\": \"#microsoft.graph.part\"}",
    ));
    let op = operation(&model, "api/part-update.md", "PATCH", "/parts/{part-id}");
    assert!(
        matches!(&op.request, RequestBody::Type { type_ref, collection: false } if *type_ref == TypeRef::Named("microsoft.graph.part".into())),
        "{:?}",
        op.request
    );
    assert!(has_diagnostic(&model, "GG0211", "api/part-update.md"));
    // A member the type does not have: the body stays undocumented rather than guessed.
    let model = with_part_type(page("{\"label\": \"Bolt\", \"colour\": \"red\"}"));
    assert!(matches!(
        operation(&model, "api/part-update.md", "PATCH", "/parts/{part-id}").request,
        RequestBody::None
    ));
    assert!(!has_diagnostic(&model, "GG0211", "api/part-update.md"));
}

#[test]
fn a_parameter_table_wins_over_types_linked_in_later_sentences() {
    let body = "## Request body\n\nIn the request body, supply JSON representation of the parameters.\n\n\
                |Parameter|Type|Description|\n|:---|:---|:---|\n|label|String|The label.|\n\n\
                These resources are supported:\n\n- [part](../resources/part.md)\n\n> **Note:** One. Two.";
    let page = method_page(
        "POST /parts/{part-id}/relabel",
        body,
        "If successful, this method returns a `204 No Content` response code.",
        "",
    );
    let model = with_part_type(page);
    let op = operation(
        &model,
        "api/part-update.md",
        "POST",
        "/parts/{part-id}/relabel",
    );
    assert!(
        matches!(&op.request, RequestBody::Parameters { parameters } if parameters.len() == 1 && parameters[0].name == "label"),
        "{:?}",
        op.request
    );
}

#[test]
fn update_tables_take_the_types_of_the_resource_they_update() {
    let body = "## Request body\n\n|Property|Type|Description|\n|:---|:---|:---|\n|label|String collection|The label.|\n|note|Int32|Not a property of part.|";
    let response = "If successful, this method returns a `200 OK` response code and an updated [part](../resources/part.md) object in the response body.";
    let model = with_part_type(method_page(
        "PATCH /parts/{part-id}\nPATCH /widgets/{id}/parts/{part-id}",
        body,
        response,
        "",
    ));
    let op = operation(&model, "api/part-update.md", "PATCH", "/parts/{part-id}");
    let RequestBody::Parameters { parameters } = &op.request else {
        panic!("parameters expected: {:?}", op.request)
    };
    let label = parameters
        .iter()
        .find(|p| p.name == "label")
        .expect("label");
    assert_eq!(
        (&label.type_ref, label.collection),
        (&TypeRef::Primitive(Primitive::String), false),
        "the resource page's type wins"
    );
    let note = parameters.iter().find(|p| p.name == "note").expect("note");
    assert_eq!(
        (&note.type_ref, note.collection),
        (&TypeRef::Primitive(Primitive::Int32), false),
        "other parameters keep the table's type"
    );
    let reported = model
        .diagnostics
        .iter()
        .filter(|d| d.code == "GG0212")
        .count();
    assert_eq!(reported, 1, "reported once per page and property");
}

#[test]
fn response_examples_settle_a_collection_the_prose_got_wrong() {
    let response = "If successful, this method returns a `200 OK` response code and a collection of [part](../resources/part.md) objects in the response body.";
    let page = |body: &str| {
        let example = format!(
            "{}<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.part\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n",
            request_example("get_part", "GET https://graph.microsoft.com/v1.0/parts/p1")
        );
        method_page("GET /parts/{part-id}", "", response, &example)
    };
    let model = with_part_type(page("{\"id\": \"p1\", \"label\": \"Bolt\"}"));
    assert!(
        !operation(&model, "api/part-update.md", "GET", "/parts/{part-id}")
            .response
            .collection
    );
    assert!(has_diagnostic(&model, "GG0213", "api/part-update.md"));
    let model = with_part_type(page("{\"value\": [{\"id\": \"p1\"}]}"));
    assert!(
        operation(&model, "api/part-update.md", "GET", "/parts/{part-id}")
            .response
            .collection,
        "an example that shows a collection keeps it"
    );
    assert!(!has_diagnostic(&model, "GG0213", "api/part-update.md"));
}

#[test]
fn a_read_that_ends_at_a_collection_of_the_type_is_a_collection() {
    let response = "If successful, this method returns a `200 OK` response code and a [part](../resources/part.md) object in the response body.";
    let widget = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n# widget resource type\n\nNamespace: microsoft.graph\n\n\
                  ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The identifier.|\n\n\
                  ## Relationships\n\n|Relationship|Type|Description|\n|:---|:---|:---|\n|parts|[part](part.md) collection|The parts.|\n|mainPart|[part](part.md)|The main part.|\n";
    let model_of = |lines: &str, examples: &str| {
        let part = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/resources/part.md"),
        )
        .expect("part fixture");
        build_model(vec![
            (
                "api/part-update.md".to_string(),
                method_page(lines, "", response, examples),
            ),
            ("resources/part.md".to_string(), part),
            ("resources/widget.md".to_string(), widget.to_string()),
        ])
    };
    let model = model_of(
        "GET /widgets/{id}/parts\nGET /widgets/{id}/mainPart\nGET /widgets/{id}/parts/{part-id}",
        "",
    );
    assert!(
        operation(&model, "api/part-update.md", "GET", "/widgets/{id}/parts")
            .response
            .collection
    );
    assert!(
        !operation(
            &model,
            "api/part-update.md",
            "GET",
            "/widgets/{id}/mainPart"
        )
        .response
        .collection
    );
    assert!(
        !operation(
            &model,
            "api/part-update.md",
            "GET",
            "/widgets/{id}/parts/{part-id}"
        )
        .response
        .collection
    );
    assert!(has_diagnostic(&model, "GG0214", "api/part-update.md"));
    // A response example showing one object keeps the documented shape.
    let one = format!(
        "{}<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"id\": \"p1\"}}\n```\n",
        request_example("get_parts", "GET https://graph.microsoft.com/v1.0/widgets/w1/parts")
    );
    let model = model_of("GET /widgets/{id}/parts", &one);
    assert!(
        !operation(&model, "api/part-update.md", "GET", "/widgets/{id}/parts")
            .response
            .collection
    );
    assert!(!has_diagnostic(&model, "GG0214", "api/part-update.md"));
    // Only collections take `$filter`, whatever the examples show.
    let filtered = "/widgets/{id}/mainPart?$filter=label%20eq%20'{label}'";
    let model = model_of(&format!("GET {filtered}"), &one);
    let read = operation(&model, "api/part-update.md", "GET", filtered);
    assert!(read.response.collection);
    assert_eq!(
        read.path.fixed_query,
        [("$filter".to_string(), "label eq '{label}'".to_string())]
    );
    // An unkeyed read no type page names is a collection when every answer lists `value`.
    let listed = format!(
        "{}<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"value\": [{{\"id\": \"p1\"}}]}}\n```\n",
        request_example("get_spares", "GET https://graph.microsoft.com/v1.0/widgets/w1/spares")
    );
    let model = model_of("GET /widgets/{id}/spares", &listed);
    assert!(
        operation(&model, "api/part-update.md", "GET", "/widgets/{id}/spares")
            .response
            .collection
    );
    let model = model_of("GET /widgets/{id}/spares", "");
    assert!(
        !operation(&model, "api/part-update.md", "GET", "/widgets/{id}/spares")
            .response
            .collection
    );
}

#[test]
fn all_objects_of_a_type_are_a_collection() {
    let model = with_part_type(method_page("GET /parts", "", "If successful, this method returns a `200 OK` response code and all [part](../resources/part.md) objects in the response body.", ""));
    assert!(
        operation(&model, "api/part-update.md", "GET", "/parts")
            .response
            .collection
    );
}

#[test]
fn a_collection_row_the_representation_shows_as_one_value_is_one_value() {
    let page = |shown: &str| {
        format!(
            "---\ntitle: \"presence resource type\"\ndoc_type: resourcePageType\n---\n\n# presence resource type\n\nNamespace: microsoft.graph\n\n\
             ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|availability|String collection|The availability.|\n|tags|String collection|Tags.|\n\n\
             ## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.presence\" }} -->\n```json\n{{\n  \"availability\": {shown},\n  \"tags\": [\"String\"]\n}}\n```\n"
        )
    };
    let model = build_model(vec![(
        "resources/presence.md".to_string(),
        page("\"string\""),
    )]);
    let presence = type_def(&model, "microsoft.graph.presence");
    let collection = |name: &str| {
        presence
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.collection)
    };
    assert_eq!(
        (collection("availability"), collection("tags")),
        (Some(false), Some(true))
    );
    assert!(has_diagnostic(&model, "GG0509", "resources/presence.md"));
    let model = build_model(vec![(
        "resources/presence.md".to_string(),
        page("\"String collection\""),
    )]);
    assert!(type_def(&model, "microsoft.graph.presence")
        .properties
        .iter()
        .all(|p| p.collection));
    assert!(!has_diagnostic(&model, "GG0509", "resources/presence.md"));
}

#[test]
fn forms_only_an_example_calls_become_request_lines() {
    let examples = [
        request_example("list_all", "GET /parts"),
        request_example(
            "list_of_w1",
            "GET https://graph.microsoft.com/v1.0/widgets/w1/parts",
        ),
        request_example(
            "typo_in_version",
            "GET https://graph.microsoft.com/v1/parts",
        ),
        request_example(
            "sample_name",
            "GET https://graph.microsoft.com/v1.0/gadgets/parts",
        ),
    ]
    .concat();
    let response = "If successful, this method returns a `200 OK` response code and a collection of [part](../resources/part.md) objects in the response body.";
    let model = with_part_type(method_page(
        "GET /widgets/{id}/parts",
        "",
        response,
        &examples,
    ));
    let derived = operation(&model, "api/part-update.md", "GET", "/parts");
    assert_eq!(derived.from_example.as_deref(), Some("list_all"));
    assert!(derived.path_params.is_empty() && derived.response.collection);
    assert_eq!(
        derived
            .examples
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        ["list_all"],
        "the example moves to its line"
    );
    let documented = operation(&model, "api/part-update.md", "GET", "/widgets/{id}/parts");
    let names: Vec<_> = documented
        .examples
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["list_of_w1", "typo_in_version", "sample_name"],
        "sample ids, typos and unknown names stay with the documented line"
    );
    assert_eq!(model.operations.len(), 2);
    assert_eq!(
        model
            .diagnostics
            .iter()
            .filter(|d| d.code == "GG0215")
            .count(),
        1
    );
    // A URL that is a documented `$ref` line without its `/$ref` is a slip, not a form.
    let model = with_part_type(method_page(
        "DELETE /widgets/{id}/parts/{part-id}/$ref",
        "",
        "If successful, this method returns a `204 No Content` response code.",
        &request_example(
            "remove",
            "DELETE https://graph.microsoft.com/v1.0/widgets/{id}/parts/{part-id}",
        ),
    ));
    assert_eq!(model.operations.len(), 1);
    assert!(!has_diagnostic(&model, "GG0215", "api/part-update.md"));
}

#[test]
fn a_required_raw_content_type_header_makes_the_body_raw_content() {
    let page = |value: &str| {
        let headers = format!("## Request headers\n\n| Header | Value |\n|:---|:---|\n| Authorization | Bearer {{token}}. Required. |\n| Content-Type | {value} |\n\n## Request body\n\nIn the request body, include a zip manifest payload.");
        with_part_type(method_page(
            "POST /parts",
            &headers,
            "If successful, this method returns a `204 No Content` response code.",
            "",
        ))
    };
    let model = page("application/zip. Required.");
    let op = operation(&model, "api/part-update.md", "POST", "/parts");
    assert!(
        matches!(&op.request, RequestBody::Stream { content_type: Some(t) } if t == "application/zip"),
        "{:?}",
        op.request
    );
    for json_or_text in [
        "application/json. Required.",
        "`application/json` for a JSON object and `text/plain` for MIME content",
        "text/plain",
    ] {
        let model = page(json_or_text);
        assert!(
            matches!(
                operation(&model, "api/part-update.md", "POST", "/parts").request,
                RequestBody::None
            ),
            "{json_or_text}"
        );
    }
}

#[test]
fn an_update_that_returns_nothing_takes_the_type_its_title_names() {
    let page = |body: &str| {
        let page = method_page(
            "PATCH /parts/{part-id}",
            "## Request body\n\nIn the request body, supply the values for relevant fields to be updated.",
            "If successful, this method returns a `204 No Content` response code.",
            &request_example("update", &format!("PATCH https://graph.microsoft.com/v1.0/parts/p1\nContent-type: application/json\n\n{body}")),
        );
        // The page's title is "Update part".
        with_part_type(page)
    };
    let model = page("{\"label\": \"Bolt\"}");
    let op = operation(&model, "api/part-update.md", "PATCH", "/parts/{part-id}");
    assert!(
        matches!(&op.request, RequestBody::Type { type_ref, .. } if *type_ref == TypeRef::Named("microsoft.graph.part".into())),
        "{:?}",
        op.request
    );
    assert!(has_diagnostic(&model, "GG0211", "api/part-update.md"));
    let model = page("{\"colour\": \"red\"}");
    assert!(matches!(
        operation(&model, "api/part-update.md", "PATCH", "/parts/{part-id}").request,
        RequestBody::None
    ));
}

#[test]
fn a_body_told_in_the_http_request_section_is_read() {
    let page = method_page(
        "POST /parts",
        "In the request body, supply a JSON representation of a [part](../resources/part.md) object.",
        "If successful, this method returns a `201 Created` response code and a [part](../resources/part.md) object in the response body.",
        "",
    );
    // With no `Request body` heading, the sentence sits in the HTTP request section.
    let model = with_part_type(page);
    let op = operation(&model, "api/part-update.md", "POST", "/parts");
    assert!(
        matches!(&op.request, RequestBody::Type { type_ref, .. } if *type_ref == TypeRef::Named("microsoft.graph.part".into())),
        "{:?}",
        op.request
    );
}

#[test]
fn a_json_block_after_bodiless_writes_is_their_body() {
    let examples = format!(
        "{}\nOr address it by name:\n\n{}\nUse either request with this body:\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{{\n  \"label\": \"Bolt\"\n}}\n```\n",
        request_example("by_id", "PATCH https://graph.microsoft.com/v1.0/parts/p1"),
        request_example("by_name", "PATCH https://graph.microsoft.com/v1.0/parts/bolt"),
    );
    let model = with_part_type(method_page(
        "PATCH /parts/{part-id}",
        "## Request body\n\nIn the request body, supply a JSON representation of a [part](../resources/part.md) object.",
        "If successful, this method returns a `204 No Content` response code.",
        &examples,
    ));
    let op = operation(&model, "api/part-update.md", "PATCH", "/parts/{part-id}");
    let bodies: Vec<_> = op
        .examples
        .iter()
        .map(|e| {
            e.request
                .as_ref()
                .and_then(|r| r.body.as_ref())
                .and_then(|b| b.json.clone())
        })
        .collect();
    assert_eq!(bodies, vec![Some(serde_json::json!({"label": "Bolt"})); 2]);
}

#[test]
fn a_line_whose_examples_show_another_type_returns_that_type() {
    let widget = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n# widget resource type\n\nNamespace: microsoft.graph\n\n\
                  ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The identifier.|\n";
    let response = "If successful, this method returns a `200 OK` response code and a collection of [part](../resources/part.md) objects in the response body.";
    let example = format!(
        "{}<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.widget\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"id\": \"w1\"}}\n```\n",
        request_example("get_widget", "GET https://graph.microsoft.com/v1.0/parts/p1/widget")
    );
    let part = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/resources/part.md"),
    )
    .expect("part fixture");
    let model = build_model(vec![
        (
            "api/part-update.md".to_string(),
            method_page(
                "GET /parts\nGET /parts/{part-id}/widget",
                "",
                response,
                &example,
            ),
        ),
        ("resources/part.md".to_string(), part),
        ("resources/widget.md".to_string(), widget.to_string()),
    ]);
    let widget_read = operation(
        &model,
        "api/part-update.md",
        "GET",
        "/parts/{part-id}/widget",
    );
    assert_eq!(
        (
            widget_read.response.type_ref.clone(),
            widget_read.response.collection
        ),
        (named("microsoft.graph.widget"), false)
    );
    let list = operation(&model, "api/part-update.md", "GET", "/parts");
    assert_eq!(
        (list.response.type_ref.clone(), list.response.collection),
        (named("microsoft.graph.part"), true)
    );
}

#[test]
fn an_untyped_response_takes_the_one_type_its_examples_fit() {
    let page = |body: &str| {
        let example = format!(
            "{}```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n",
            request_example("relabel", "PATCH https://graph.microsoft.com/v1.0/parts/p1\nContent-type: application/json\n\n{\"label\": \"x\"}")
        );
        with_part_type(method_page(
            "PATCH /parts/{part-id}",
            "",
            "If successful, this method returns a `200 OK` response code.",
            &example,
        ))
    };
    let model = page("{\"id\": \"p1\", \"label\": \"x\"}");
    assert_eq!(
        operation(&model, "api/part-update.md", "PATCH", "/parts/{part-id}")
            .response
            .type_ref,
        named("microsoft.graph.part")
    );
    assert!(has_diagnostic(&model, "GG0216", "api/part-update.md"));
    // One member says too little; a member no type has says nothing.
    for body in [
        "{\"label\": \"x\"}",
        "{\"label\": \"x\", \"colour\": \"red\"}",
    ] {
        let model = page(body);
        assert_eq!(
            operation(&model, "api/part-update.md", "PATCH", "/parts/{part-id}")
                .response
                .type_ref,
            None,
            "{body}"
        );
    }
}

#[test]
fn derived_types_a_base_page_names_take_it_as_their_base() {
    let page = |name: &str, prose: &str| {
        format!(
            "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n{prose}\n\n\
             ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|{name}Note|String|A note.|\n"
        )
    };
    let model = build_model(vec![
        ("resources/outcome.md".to_string(), page("outcome", "This is a base class; the derived types are [pointsOutcome](pointsoutcome.md) and [feedbackOutcome](feedbackoutcome.md).")),
        ("resources/pointsoutcome.md".to_string(), page("pointsOutcome", "Points given.")),
        ("resources/feedbackoutcome.md".to_string(), page("feedbackOutcome", "Inherits from [entity](entity.md).")),
        ("resources/entity.md".to_string(), page("entity", "The base of entities.")),
    ]);
    assert_eq!(
        type_def(&model, "microsoft.graph.pointsOutcome")
            .base
            .as_deref(),
        Some("microsoft.graph.outcome")
    );
    assert_eq!(
        type_def(&model, "microsoft.graph.feedbackOutcome")
            .base
            .as_deref(),
        Some("microsoft.graph.entity"),
        "a base the page names itself stays"
    );
    assert!(has_diagnostic(&model, "GG0511", "resources/outcome.md"));
}

#[test]
fn an_update_without_a_return_type_answers_what_a_get_of_its_line_reads() {
    let example = format!(
        "{}```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"id\": \"p1\", \"label\": \"x\", \"colour\": \"red\"}}\n```\n",
        request_example("relabel", "PATCH https://graph.microsoft.com/v1.0/parts/p1\nContent-type: application/json\n\n{\"label\": \"x\"}")
    );
    let update = method_page(
        "PATCH /parts/{part-id}",
        "",
        "If successful, this method returns a `200 OK` response code.",
        &example,
    );
    let read = method_page("GET /parts/{id}", "", "If successful, this method returns a `200 OK` response code and a [part](../resources/part.md) object in the response body.", "");
    let part = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/resources/part.md"),
    )
    .expect("part fixture");
    let pages = |with_read: bool| {
        let mut pages = vec![
            ("api/part-update.md".to_string(), update.clone()),
            ("resources/part.md".to_string(), part.clone()),
        ];
        if with_read {
            pages.push(("api/part-get.md".to_string(), read.clone()));
        }
        build_model(pages)
    };
    // `colour` is no member of any type, so only the GET line can name the type.
    let model = pages(true);
    assert_eq!(
        operation(&model, "api/part-update.md", "PATCH", "/parts/{part-id}")
            .response
            .type_ref,
        named("microsoft.graph.part")
    );
    assert!(has_diagnostic(&model, "GG0216", "api/part-update.md"));
    let model = pages(false);
    assert_eq!(
        operation(&model, "api/part-update.md", "PATCH", "/parts/{part-id}")
            .response
            .type_ref,
        None
    );
}

#[test]
fn a_body_an_example_shows_beside_a_documented_204_is_an_optional_body() {
    let widget = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n# widget resource type\n\nNamespace: microsoft.graph\n\n\
                  ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The identifier.|\n";
    let part = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/resources/part.md"),
    )
    .expect("part fixture");
    let read_line = method_page("GET /parts/remove", "", "If successful, this method returns a `200 OK` response code and a [part](../resources/part.md) object.", "");
    let response_with = |annotation: &str, status: &str, body: &str, with_read: bool| {
        let example = format!(
            "{}<!-- {{ \"blockType\": \"response\"{annotation} }} -->\n```http\nHTTP/1.1 {status}\nContent-type: application/json\n\n{body}\n```\n",
            request_example("remove", "POST https://graph.microsoft.com/v1.0/parts/remove\nContent-type: application/json\n\n{\"id\": \"p1\"}")
        );
        let api = method_page(
            "POST /parts/remove",
            "",
            "If successful, this method returns a `204 No Content` response code.",
            &example,
        );
        let mut pages = vec![
            ("api/part-update.md".to_string(), api),
            ("resources/part.md".to_string(), part.clone()),
            ("resources/widget.md".to_string(), widget.to_string()),
        ];
        if with_read {
            pages.push(("api/part-get.md".to_string(), read_line.clone()));
        }
        let model = build_model(pages);
        let response = &operation(&model, "api/part-update.md", "POST", "/parts/remove").response;
        let read = (
            response.status,
            response.type_ref.clone(),
            response.collection,
        );
        (read, has_diagnostic(&model, "GG0217", "api/part-update.md"))
    };
    let response =
        |annotation: &str, status: &str, body: &str| response_with(annotation, status, body, false);
    let part_annotation = ", \"@odata.type\": \"microsoft.graph.part\"";
    // A `207` listing what failed, annotated as a collection of the type.
    let failed = "{\"value\": [{\"id\": \"p1\", \"error\": {\"code\": \"x\"}}]}";
    assert_eq!(
        response(
            ", \"@odata.type\": \"microsoft.graph.part\", \"isCollection\": true",
            "207 Multi-Status",
            failed
        ),
        ((204, named("microsoft.graph.part"), true), true)
    );
    assert_eq!(
        response(
            part_annotation,
            "201 Created",
            "{\"id\": \"p1\", \"label\": \"x\"}"
        ),
        ((204, named("microsoft.graph.part"), false), true)
    );
    // An annotated type lacking members the body shows yields to the one type having them all.
    assert_eq!(
        response(
            ", \"@odata.type\": \"microsoft.graph.widget\"",
            "201 Created",
            "{\"id\": \"p1\", \"label\": \"x\"}"
        ),
        ((204, named("microsoft.graph.part"), false), true)
    );
    // A `204` example, or an unannotated body on a line no GET reads, says nothing.
    assert_eq!(
        response(part_annotation, "204 No Content", "{\"id\": \"p1\"}"),
        ((204, None, false), false)
    );
    assert_eq!(
        response("", "200 OK", "{\"id\": \"p1\"}"),
        ((204, None, false), false)
    );
    // Unannotated, one object is what a GET of the line reads; a list is not.
    assert_eq!(
        response_with("", "200 OK", "{\"id\": \"p1\"}", true),
        ((204, named("microsoft.graph.part"), false), true)
    );
    assert_eq!(
        response_with("", "200 OK", failed, true),
        ((204, None, false), false)
    );
}

#[test]
fn a_link_in_response_prose_that_tells_no_return_is_no_return_type() {
    let example = format!(
        "{}<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"Collection(microsoft.graph.part)\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{{\"value\": [{{\"id\": \"p1\"}}]}}\n```\n",
        request_example("find_parts", "GET https://graph.microsoft.com/v1.0/parts/find")
    );
    let page = |response: &str, examples: &str| {
        with_part_type(method_page("GET /parts/find", "", response, examples))
    };
    // The examples' annotation types the line.
    let model = page(
        "These items include the [part](../resources/part.md) facet when they come from elsewhere.",
        &example,
    );
    let read = &operation(&model, "api/part-update.md", "GET", "/parts/find").response;
    assert_eq!(
        (read.type_ref.clone(), read.collection),
        (named("microsoft.graph.part"), true)
    );
    // Prose that tells what returns still types it, without a status.
    let model = page(
        "Each of these methods returns a [part](../resources/part.md) object.",
        "",
    );
    let read = &operation(&model, "api/part-update.md", "GET", "/parts/find").response;
    assert_eq!(
        (read.type_ref.clone(), read.collection),
        (named("microsoft.graph.part"), false)
    );
}

#[test]
fn a_read_keeps_the_body_its_page_documents_when_its_examples_send_it() {
    let body = "## Request body\n\nIn the request body, provide a JSON object with the following parameters.\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n|anotherRange|string|The other range.|\n";
    let response = "If successful, this method returns a `200 OK` response code and a [part](../resources/part.md) object.";
    let sent = request_example("bounds", "GET https://graph.microsoft.com/v1.0/parts/p1/bounds\nContent-type: application/json\n\n{\"anotherRange\": \"A1:B2\"}");
    let kind = |examples: &str| {
        let model = with_part_type(method_page(
            "GET /parts/{part-id}/bounds",
            body,
            response,
            examples,
        ));
        match &operation(
            &model,
            "api/part-update.md",
            "GET",
            "/parts/{part-id}/bounds",
        )
        .request
        {
            RequestBody::Parameters { parameters } => parameters
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>(),
            RequestBody::None => Vec::new(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(kind(&sent), ["anotherRange"]);
    // A read whose examples send nothing stays bodiless, whatever the page says.
    assert!(kind(&request_example(
        "bounds",
        "GET https://graph.microsoft.com/v1.0/parts/p1/bounds"
    ))
    .is_empty());
}

#[test]
fn action_parameters_are_its_body_not_its_query() {
    // `createUploadSession`: the body section only describes the body in prose; the members
    // are listed under `## Parameters`. They go in the JSON body, as OData sends an action's.
    let body = "## Request body\n\nNo request body is required. However, you can specify properties in the request body.\n\n\
                ## Parameters\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| item | [part](../resources/part.md) | Data about the part. |\n| deferCommit | Boolean | Wait for a commit. |\n";
    let model = with_part_type(method_page(
        "POST /widgets/{id}/createUploadSession",
        body,
        "If successful, this method returns a `200 OK` response code and a [part](../resources/part.md) object in the response body.",
        "",
    ));
    let op = operation(
        &model,
        "api/part-update.md",
        "POST",
        "/widgets/{id}/createUploadSession",
    );
    assert!(
        op.query_params.is_empty(),
        "no query parameters: {:?}",
        op.query_params.iter().map(|p| &p.name).collect::<Vec<_>>()
    );
    let RequestBody::Parameters { parameters } = &op.request else {
        panic!("a parameters body, got {:?}", op.request)
    };
    assert_eq!(
        parameters
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["item", "deferCommit"]
    );
    assert_eq!(
        parameters[0].type_ref,
        TypeRef::Named("microsoft.graph.part".to_string())
    );
    // A function's parameters its line does not call with stay its query.
    let model = with_part_type(method_page(
        "GET /widgets/{id}/report(date={date})",
        "## Parameters\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| date | Date | The day. |\n| period | String | The period. |\n",
        "If successful, this method returns a `200 OK` response code and a [part](../resources/part.md) object in the response body.",
        "",
    ));
    let op = operation(
        &model,
        "api/part-update.md",
        "GET",
        "/widgets/{id}/report(date={date})",
    );
    assert_eq!(
        op.query_params
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["period"]
    );
    assert!(matches!(op.request, RequestBody::None));
}

#[test]
fn an_enum_gains_the_values_a_property_of_its_type_lists() {
    // `enums.md` documents `changeType` with another enum's rows; the notification's property
    // lists what the service sends.
    let enums = "---\ntitle: \"Enum values\"\ndoc_type: enumPageType\n---\n\n# Enum values\n\nNamespace: microsoft.graph\n\n\
                 ### changeType values\n\n|Member|\n|:---|\n|clientIpAddress|\n|authenticatorAppGps|\n\n\
                 ### recipientScopeType values\n\n|Member|\n|:---|\n|none|\n|externalNonPartner|\n";
    let notification = "---\ntitle: \"changeNotification resource type\"\ndoc_type: resourcePageType\n---\n\n# changeNotification resource type\n\nNamespace: microsoft.graph\n\n\
                        ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
                        |changeType|changeType|Indicates the type of change. The supported values are: `created`, `updated`, `deleted`. Required.|\n\
                        |scope|recipientScopeType|Possible values are: `None`, `externalNonParther`.|\n\
                        |state|changeType|Possible values are described in the following table.|\n\n\
                        ## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.changeNotification\" } -->\n```json\n{\n  \"changeType\": \"String\"\n}\n```\n";
    let model = build_model(vec![
        ("resources/enums.md".to_string(), enums.to_string()),
        (
            "resources/changenotification.md".to_string(),
            notification.to_string(),
        ),
    ]);
    let members = |name: &str| {
        type_def(&model, name)
            .members
            .iter()
            .map(|m| m.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        members("microsoft.graph.changeType"),
        [
            "clientIpAddress",
            "authenticatorAppGps",
            "created",
            "updated",
            "deleted"
        ]
    );
    // Other case and one-letter typos are the documented members.
    assert_eq!(
        members("microsoft.graph.recipientScopeType"),
        ["none", "externalNonPartner"]
    );
    assert_eq!(
        model
            .diagnostics
            .iter()
            .filter(|d| d.code == "GG0512")
            .count(),
        1
    );
    assert!(has_diagnostic(
        &model,
        "GG0512",
        "resources/changenotification.md"
    ));
}

#[test]
fn content_lines_read_raw_bytes_whatever_the_page_prose_types() {
    let response = "If successful, this method returns a `200 OK` response code and a collection of [part](../resources/part.md) objects in the response body.";
    let model = with_part_type(method_page("GET /widgets/{id}/parts\nGET /widgets/{id}/parts/{part-id}/content\nGET /widgets/{id}/parts/{part-id}/$value", "", response, ""));
    for raw in [
        "/widgets/{id}/parts/{part-id}/content",
        "/widgets/{id}/parts/{part-id}/$value",
    ] {
        let op = operation(&model, "api/part-update.md", "GET", raw);
        assert_eq!(
            (op.response.type_ref.clone(), op.response.collection),
            (Some(TypeRef::Primitive(Primitive::Stream)), false),
            "{raw}"
        );
    }
    assert!(
        operation(&model, "api/part-update.md", "GET", "/widgets/{id}/parts")
            .response
            .collection
    );
    assert_eq!(
        model
            .diagnostics
            .iter()
            .filter(|d| d.code == "GG0218")
            .count(),
        1,
        "only the `/content` line contradicts the prose"
    );
}

#[test]
fn a_query_in_a_line_keeps_the_collection_its_line_reads() {
    let part = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/resources/part.md"),
    )
    .expect("part fixture");
    let list = method_page("GET /parts", "", "If successful, this method returns a `200 OK` response code and a collection of [part](../resources/part.md) objects in the response body.", "");
    // A page about another object adds a line reading every part with that object expanded.
    let manager = method_page(
        "GET /parts/{id}/owner\nGET /parts?$expand=owner",
        "",
        "If successful, this method returns a `200 OK` response code and an [entity](../resources/entity.md) object in the response body.",
        "",
    );
    let model = build_model(vec![
        ("api/part-list.md".to_string(), list),
        ("api/part-owner.md".to_string(), manager),
        ("resources/part.md".to_string(), part),
    ]);
    let expanded = operation(&model, "api/part-owner.md", "GET", "/parts?$expand=owner");
    assert_eq!(
        (
            expanded.response.type_ref.clone(),
            expanded.response.collection
        ),
        (named("microsoft.graph.part"), true)
    );
    let owner = operation(&model, "api/part-owner.md", "GET", "/parts/{id}/owner");
    assert!(
        !owner.response.collection,
        "a line without a query is read as documented"
    );
    assert!(has_diagnostic(&model, "GG0219", "api/part-owner.md"));
}

#[test]
fn a_placeholder_request_line_is_skipped_with_its_reason() {
    let page = method_page(
        "GET https://graph.microsoft.com/beta** Collection URI for microsoft.graph.widget not found",
        "",
        "If successful, this method returns a `200 OK` response code.",
        "",
    );
    let model = build_model(vec![("api/widget-list.md".to_string(), page)]);
    assert!(model.operations.is_empty(), "{:?}", model.operations);
    assert!(has_diagnostic(&model, "GG0220", "api/widget-list.md"));
    assert!(has_diagnostic(&model, "GG0203", "api/widget-list.md"));
}
