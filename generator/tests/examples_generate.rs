//! Example tests generated for a small model parse as Rust and call what they should; the
//! registry loader refuses malformed registries; the v1.0 corpus summary is printed.

use std::path::Path;

use graphgen::emit::plan;
use graphgen::examples::{example_summary, example_tests, report_json, Category, KnownBroken};
use graphgen::model::build::build_model;

const PAGE: &str = r#"---
title: "Send message in a chat"
description: "Send a new message in a chat."
ms.prod: "microsoft-teams"
doc_type: "apiPageType"
---

# Send message in a chat

Namespace: microsoft.graph

Send a new message.

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
POST /chats/{chat-id}/messages
GET /chats/{chat-id}/messages
GET /me/drive/root:/{item-path}:/content
```

## Request body

In the request body, supply a JSON representation of a [chatMessage](../resources/chatmessage.md) object.

## Response

If successful, this method returns a `201 Created` response code and a [chatMessage](../resources/chatmessage.md) object in the response body.

## Examples

### Request

<!-- { "blockType": "request", "name": "post_message" } -->
```http
POST https://graph.microsoft.com/v1.0/chats/19:abc@thread.v2/messages?$top=2
Content-type: application/json

{
  "body": { "content": "Hello \"world\" \#" },
}
```

### Response

<!-- { "blockType": "response", "truncated": true, "@odata.type": "microsoft.graph.chatMessage" } -->
```http
HTTP/1.1 201 Created
Content-type: application/json

{
  "id": "1616991463150",
  "body": { "content": "Hello" }
}
```

### Request

<!-- { "blockType": "request", "name": "get_messages" } -->
```http
GET https://graph.microsoft.com/v1.0/users/42/messages
```
"#;

const RESOURCE: &str = r#"---
title: "chatMessage resource type"
doc_type: resourcePageType
---

# chatMessage resource type

Namespace: microsoft.graph

A message.

## Properties

| Property | Type | Description |
|:---|:---|:---|
| id | String | The id. |
| body | [itemBody](itembody.md) | The body. |

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.chatMessage", "keyProperty": "id" } -->
```json
{ "id": "String", "body": {"@odata.type": "microsoft.graph.itemBody"} }
```
"#;

const ITEM_BODY: &str = r#"---
title: "itemBody resource type"
doc_type: resourcePageType
---

# itemBody resource type

Namespace: microsoft.graph

## Properties

| Property | Type | Description |
|:---|:---|:---|
| content | String | The content. |

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.itemBody" } -->
```json
{ "content": "String" }
```
"#;

fn small_model() -> graphgen::model::Model {
    build_model(vec![
        ("api/chat-post-messages.md".to_string(), PAGE.to_string()),
        ("resources/chatmessage.md".to_string(), RESOURCE.to_string()),
        ("resources/itembody.md".to_string(), ITEM_BODY.to_string()),
    ])
}

#[test]
fn generated_example_tests_parse_and_call_the_endpoints() {
    let model = small_model();
    let api = plan(&model);
    let registry = KnownBroken::parse(
        r#"{ "entries": [ { "example": "api/chat-post-messages.md#get_messages/request",
             "category": "url-matches-no-request-line", "reason": "`/users/42/messages` is not a documented path" } ] }"#,
    )
    .expect("registry");
    let tests = example_tests(&model, &api, &registry, "msgraph");
    let file = syn::parse_file(&tests.file)
        .unwrap_or_else(|e| panic!("does not parse: {e}\n{}", tests.file));
    let text = tests.file.as_str();
    assert!(
        text.contains("msgraph::endpoints::microsoft_teams::post_chats_by_id_messages"),
        "{text}"
    );
    assert!(text.contains(r#""19:abc@thread.v2""#), "{text}");
    assert!(text.contains(r#".query("$top", "2")"#), "{text}");
    // The body is embedded as canonical strict JSON (the trailing comma is gone) in a raw string.
    assert!(
        text.contains(r###"r#"{"body":{"content":"Hello \"world\" \\#"}}"#"###),
        "{text}"
    );
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        compact.contains("verify::response_round_trip::<types::ChatMessage,>"),
        "{text}"
    );
    assert!(
        text.contains(
            "url-matches-no-request-line: `GET https://graph.microsoft.com/v1.0/users/42/messages`"
        ),
        "{text}"
    );
    assert!(text.contains("static KNOWN_BROKEN"), "{text}");
    let functions = file
        .items
        .iter()
        .filter(|item| matches!(item, syn::Item::Fn(_)))
        .count();
    // Three cases and the one test.
    assert_eq!(functions, 4, "{text}");

    let summary = &tests.summary;
    assert_eq!(summary.requests.found, 2);
    assert_eq!(summary.requests.with_json_body, 1);
    assert_eq!(summary.requests.read_leniently, 1);
    assert_eq!(summary.requests.repairs.get("trailingComma"), Some(&1));
    assert_eq!(summary.requests.testable, 1);
    assert_eq!(
        summary
            .requests
            .defects_at_generation
            .get("url-matches-no-request-line"),
        Some(&1)
    );
    assert_eq!(summary.requests.registered, 1);
    assert_eq!(summary.responses.testable, 1);
    assert_eq!(summary.cases, 3);
    assert_eq!(summary.expected_verified, 2);
    assert!(summary.registry_entries_without_case.is_empty());
    let report: serde_json::Value =
        serde_json::from_str(&report_json(summary)).expect("report is JSON");
    assert_eq!(report["requests"]["testable"], 1);
}

#[test]
fn registry_loader_reads_and_refuses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("known-broken.json");
    std::fs::write(
        &path,
        r#"{ "entries": [ { "example": "api/a.md#x/response", "category": "placeholder-value", "reason": "`id` is `{id}`" } ] }"#,
    )
    .expect("write");
    let registry = KnownBroken::load(&path).expect("loads");
    assert_eq!(
        registry.get("api/a.md#x/response").map(|e| e.category),
        Some(Category::PlaceholderValue)
    );
    assert!(KnownBroken::parse(&registry.to_json()).is_ok_and(|again| again == registry));

    let refused = [
        (
            r#"{ "entries": [ { "example": "api/a.md#x/response", "category": "does-not-work", "reason": "r" } ] }"#,
            "does-not-work",
        ),
        (
            r#"{ "entries": [ { "example": "api/a.md#x/response", "category": "not-json", "reason": " " } ] }"#,
            "reason",
        ),
        (
            r#"{ "entries": [ { "example": "api/a.md", "category": "not-json", "reason": "r" } ] }"#,
            "not an example id",
        ),
        (
            r#"{ "entries": [ { "example": "api/a.md#x/request", "category": "not-json", "reason": "r" },
                              { "example": "api/a.md#x/request", "category": "not-json", "reason": "r" } ] }"#,
            "twice",
        ),
        (
            r#"{ "entries": [ { "example": "api/a.md#x/request", "category": "not-json", "reason": "r", "extra": 1 } ] }"#,
            "extra",
        ),
        (r#"[]"#, "not a registry"),
    ];
    for (text, expected) in refused {
        let error = KnownBroken::parse(text).expect_err(text);
        assert!(error.contains(expected), "{error}");
    }
    assert!(KnownBroken::load(&dir.path().join("missing.json")).is_err());
}

#[test]
fn the_checked_in_registry_loads() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/known-broken-examples.json"
    ));
    KnownBroken::load(path).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn v1_corpus_example_summary() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs-input/v1.0"));
    assert!(
        root.is_dir(),
        "the vendored docs are missing at {}",
        root.display()
    );
    let model = graphgen::model::build::read_docs(root);
    let api = plan(&model);
    let summary = example_summary(&model, &api, &KnownBroken::default());
    println!("{}", report_json(&summary));
    assert!(
        summary.requests.testable * 100 >= summary.requests.found * 80,
        "{summary:?}"
    );
    assert!(
        summary.responses.testable * 100 >= summary.responses.with_json_body * 90,
        "{summary:?}"
    );
}

/// With `GRAPHGEN_EXAMPLE_DEFECTS=FILE`, writes every defect found at generation on the v1.0
/// corpus to FILE, one per line, for triage.
#[test]
fn v1_corpus_defects_for_triage() {
    let Some(out) = std::env::var_os("GRAPHGEN_EXAMPLE_DEFECTS") else {
        return;
    };
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs-input/v1.0"));
    let model = graphgen::model::build::read_docs(root);
    let api = plan(&model);
    let mut lines = String::new();
    for case in graphgen::examples::cases::plan_cases(&model, &api) {
        if let graphgen::examples::cases::Planned::Defect { category, message } = case.outcome {
            lines.push_str(&format!("{}\t{}\t{message}\n", case.id, category.name()));
        }
    }
    std::fs::write(out, lines).expect("write");
}
