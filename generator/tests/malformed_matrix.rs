//! Malformed input: every case gives its diagnostic at the right file and line, never a panic,
//! and the valid pages beside the broken one are still read.
//!
//! Each case copies `fixtures/malformed/valid/` and `fixtures/malformed/<case>/` into a fresh
//! docs folder; inputs that are large or odd at the byte or file-system level are written here.

use std::path::{Path, PathBuf};

use graphgen::diagnostics::{render, Diagnostic};
use graphgen::model::build::read_docs;
use graphgen::model::{Model, TypeRef};
use tempfile::TempDir;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/malformed");

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(from)
        .expect("read fixture folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let target = to.join(path.file_name().expect("file name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy fixture");
        }
    }
}

/// A docs folder holding the valid pages and the pages of `case` (when given).
fn docs_with(case: Option<&str>) -> TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&Path::new(FIXTURES).join("valid"), dir.path());
    if let Some(case) = case {
        copy_tree(&Path::new(FIXTURES).join(case), dir.path());
    }
    dir
}

fn fixture_text(relative: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(relative)).expect("fixture")
}

fn write(root: &Path, relative: &str, bytes: &[u8]) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    std::fs::write(path, bytes).expect("write page");
}

fn listing(model: &Model) -> String {
    model
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "  {} {}:{}:{} {}",
                d.code, d.file, d.line, d.column, d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The diagnostic with `code` at `file:line`; fails with every diagnostic listed when absent.
fn expect_diagnostic<'a>(model: &'a Model, code: &str, file: &str, line: u32) -> &'a Diagnostic {
    model
        .diagnostics
        .iter()
        .find(|d| d.code == code && d.file == file && d.line == line)
        .unwrap_or_else(|| panic!("expected {code} at {file}:{line}; got:\n{}", listing(model)))
}

/// The run went on: the valid pages beside the broken ones still give their type and operation.
fn expect_valid_pages_read(model: &Model) {
    let gadget = model
        .types
        .get("microsoft.graph.gadget")
        .unwrap_or_else(|| panic!("gadget type missing; diagnostics:\n{}", listing(model)));
    let names: Vec<&str> = gadget.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id", "label", "weight"]);
    let operation = model
        .operations
        .iter()
        .find(|o| {
            o.source.file == "api/gadget-get.md"
                && o.method == "GET"
                && o.path.raw == "/gadgets/{gadget-id}"
        })
        .unwrap_or_else(|| panic!("gadget operation missing; diagnostics:\n{}", listing(model)));
    assert_eq!(
        operation.response.type_ref,
        Some(TypeRef::Named("microsoft.graph.gadget".to_string()))
    );
    assert_eq!(operation.examples.len(), 1, "the example is attached");
    let valid_files_diagnosed: Vec<&Diagnostic> = model
        .diagnostics
        .iter()
        .filter(|d| d.file.starts_with("api/gadget") || d.file == "resources/gadget.md")
        .collect();
    assert!(
        valid_files_diagnosed.is_empty(),
        "valid pages gave diagnostics: {valid_files_diagnosed:?}"
    );
}

fn property_names(model: &Model, type_name: &str) -> Vec<String> {
    let def = model
        .types
        .get(type_name)
        .unwrap_or_else(|| panic!("type {type_name} missing; diagnostics:\n{}", listing(model)));
    def.properties.iter().map(|p| p.name.clone()).collect()
}

fn has_operation(model: &Model, file: &str, method: &str, path: &str) -> bool {
    model
        .operations
        .iter()
        .any(|o| o.source.file == file && o.method == method && o.path.raw == path)
}

#[test]
fn valid_pages_alone_give_no_diagnostics() {
    let docs = docs_with(None);
    let model = read_docs(docs.path());
    assert!(model.diagnostics.is_empty(), "{}", listing(&model));
    expect_valid_pages_read(&model);
}

#[test]
fn truncated_mid_table() {
    let docs = docs_with(Some("truncated_table"));
    let model = read_docs(docs.path());
    let short_row = expect_diagnostic(&model, "GG0106", "resources/sprocket.md", 13);
    assert!(
        short_row.message.contains("2 cells"),
        "{}",
        short_row.message
    );
    assert_eq!(
        property_names(&model, "microsoft.graph.sprocket")[..2],
        ["id", "teeth"]
    );
    expect_valid_pages_read(&model);
}

#[test]
fn truncated_mid_fence() {
    let docs = docs_with(Some("truncated_fence"));
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0105", "api/sprocket-get.md", 35);
    assert!(
        has_operation(
            &model,
            "api/sprocket-get.md",
            "GET",
            "/sprockets/{sprocket-id}"
        ),
        "{}",
        listing(&model)
    );
    expect_valid_pages_read(&model);
}

#[test]
fn truncated_mid_annotation() {
    let docs = docs_with(Some("truncated_annotation"));
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0103", "resources/sprocket.md", 17);
    assert_eq!(property_names(&model, "microsoft.graph.sprocket"), ["id"]);
    expect_valid_pages_read(&model);
}

#[test]
fn unclosed_fence() {
    let docs = docs_with(Some("unclosed_fence"));
    let model = read_docs(docs.path());
    let diagnostic = expect_diagnostic(&model, "GG0105", "api/sprocket-list.md", 15);
    assert!(diagnostic.hint.is_some());
    assert!(
        has_operation(&model, "api/sprocket-list.md", "GET", "/sprockets"),
        "{}",
        listing(&model)
    );
    expect_valid_pages_read(&model);
}

#[test]
fn annotation_with_broken_json() {
    let docs = docs_with(Some("broken_annotation"));
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0103", "resources/sprocket.md", 19);
    // The type is still read from the page title and its table.
    assert_eq!(
        property_names(&model, "microsoft.graph.sprocket"),
        ["id", "teeth"]
    );
    expect_valid_pages_read(&model);
}

#[test]
fn body_with_broken_json() {
    let docs = docs_with(Some("broken_body"));
    let model = read_docs(docs.path());
    let diagnostic = expect_diagnostic(&model, "GG0303", "api/sprocket-create.md", 38);
    assert_eq!(
        diagnostic.column, 19,
        "column of the token after the missing comma"
    );
    let operation = model
        .operations
        .iter()
        .find(|o| o.source.file == "api/sprocket-create.md")
        .unwrap_or_else(|| panic!("{}", listing(&model)));
    let body = operation
        .examples
        .first()
        .and_then(|e| e.request.as_ref())
        .and_then(|r| r.body.as_ref())
        .expect("body kept as text");
    assert!(body.json.is_none());
    assert!(body.text.contains("[1, 2 3]"));
    expect_valid_pages_read(&model);
}

#[test]
fn table_rows_with_missing_or_extra_cells() {
    let docs = docs_with(Some("ragged_rows"));
    let model = read_docs(docs.path());
    let missing = expect_diagnostic(&model, "GG0106", "resources/sprocket.md", 12);
    assert!(
        missing.message.contains("2 cells") && missing.message.contains("3"),
        "{}",
        missing.message
    );
    let extra = expect_diagnostic(&model, "GG0106", "resources/sprocket.md", 13);
    assert!(extra.message.contains("4 cells"), "{}", extra.message);
    assert_eq!(
        model
            .diagnostics
            .iter()
            .filter(|d| d.code == "GG0106")
            .count(),
        2,
        "{}",
        listing(&model)
    );
    assert_eq!(
        property_names(&model, "microsoft.graph.sprocket"),
        ["id", "teeth", "pitch", "bore"]
    );
    expect_valid_pages_read(&model);
}

#[test]
fn one_type_defined_twice_with_conflicting_member_types() {
    let docs = docs_with(Some("conflicting_definitions"));
    let model = read_docs(docs.path());
    let conflict = expect_diagnostic(&model, "GG0505", "resources/sprocket-legacy.md", 12);
    assert!(conflict.message.contains("teeth"), "{}", conflict.message);
    let sprocket = model
        .types
        .get("microsoft.graph.sprocket")
        .expect("sprocket");
    let teeth = sprocket
        .properties
        .iter()
        .find(|p| p.name == "teeth")
        .expect("teeth");
    assert_eq!(
        teeth.source.file, "resources/sprocket.md",
        "the type's own page wins"
    );
    assert_eq!(
        property_names(&model, "microsoft.graph.sprocket"),
        ["id", "teeth", "finish"]
    );
    // Agreeing rows (`id`) are not reported.
    assert_eq!(
        model
            .diagnostics
            .iter()
            .filter(|d| d.code == "GG0505")
            .count(),
        1,
        "{}",
        listing(&model)
    );
    expect_valid_pages_read(&model);
}

#[test]
fn unknown_type_reference() {
    let docs = docs_with(Some("unknown_type"));
    let model = read_docs(docs.path());
    let unknown = expect_diagnostic(&model, "GG0501", "resources/sprocket.md", 12);
    assert!(unknown.message.contains("rollerChain"));
    expect_valid_pages_read(&model);
}

#[test]
fn cyclic_base_types() {
    let docs = docs_with(Some("cyclic_bases"));
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0503", "resources/alpha.md", 15);
    expect_diagnostic(&model, "GG0503", "resources/beta.md", 15);
    let alpha = model.types.get("microsoft.graph.alpha").expect("alpha");
    assert_eq!(
        alpha
            .inherited
            .iter()
            .map(|p| p.property.name.as_str())
            .collect::<Vec<_>>(),
        ["second"]
    );
    expect_valid_pages_read(&model);
}

#[test]
fn names_that_collide_after_case_conversion() {
    let docs = docs_with(Some("case_collisions"));
    let model = read_docs(docs.path());
    let property = expect_diagnostic(&model, "GG0507", "resources/chatmessage.md", 13);
    assert!(
        property.message.contains("fooBar") && property.message.contains("FooBar"),
        "{}",
        property.message
    );
    let types = expect_diagnostic(&model, "GG0506", "resources/chat-message-pascal.md", 15);
    assert!(
        types.message.contains("chatMessage") && types.message.contains("ChatMessage"),
        "{}",
        types.message
    );
    // Both wire names stay: they are distinct members on the wire.
    assert_eq!(
        property_names(&model, "microsoft.graph.chatMessage"),
        ["id", "fooBar", "FooBar", "subject"]
    );
    expect_valid_pages_read(&model);
}

#[test]
fn odd_file_names() {
    let docs = docs_with(Some("odd_names"));
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0501", "resources/spaced part.md", 12);
    expect_diagnostic(&model, "GG0501", "resources/pièce détachée.md", 12);
    expect_diagnostic(&model, "GG0501", "resources/SHOUTED.MD", 12);
    for name in ["spacedPart", "unicodePart", "shoutedPart"] {
        assert!(
            model.types.contains_key(&format!("microsoft.graph.{name}")),
            "{name} missing:\n{}",
            listing(&model)
        );
    }
    // A file without the Markdown extension is not a page.
    assert!(!model.types.contains_key("microsoft.graph.hiddenPart"));
    assert!(
        model
            .diagnostics
            .iter()
            .all(|d| !d.file.contains("no-extension")),
        "{}",
        listing(&model)
    );
    assert!(
        has_operation(&model, "api/spaced part-get.md", "GET", "/parts/{part-id}"),
        "{}",
        listing(&model)
    );
    assert!(
        has_operation(&model, "api/pièce-get.md", "GET", "/unicodeParts/{part-id}"),
        "{}",
        listing(&model)
    );
    expect_valid_pages_read(&model);
}

#[test]
fn crlf_line_endings_keep_line_numbers() {
    let docs = docs_with(None);
    let text = fixture_text("crlf/resources/sprocket.md").replace('\n', "\r\n");
    write(docs.path(), "resources/sprocket.md", text.as_bytes());
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0501", "resources/sprocket.md", 17);
    expect_diagnostic(&model, "GG0103", "resources/sprocket.md", 25);
    assert_eq!(
        property_names(&model, "microsoft.graph.sprocket"),
        ["id", "chain", "teeth"]
    );
    let json = graphgen::model::build::model_json(&model);
    assert!(
        !json.contains("\\r"),
        "a carriage return leaked into the model"
    );
    expect_valid_pages_read(&model);
}

#[test]
fn byte_order_mark_is_dropped_and_reported() {
    let docs = docs_with(None);
    let text = format!("\u{feff}{}", fixture_text("bom/types/sprocket.md"));
    write(docs.path(), "types/sprocket.md", text.as_bytes());
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0104", "types/sprocket.md", 1);
    // The front matter behind the mark is read: its doc_type makes this a type page.
    assert_eq!(
        property_names(&model, "microsoft.graph.sprocket"),
        ["id", "teeth"]
    );
    expect_valid_pages_read(&model);
}

#[test]
fn invalid_utf8() {
    let docs = docs_with(None);
    let text = fixture_text("invalid_utf8/resources/sprocket.md");
    let mut bytes = Vec::new();
    let (before, after) = text.split_once("INVALID").expect("marker");
    bytes.extend_from_slice(before.as_bytes());
    bytes.extend_from_slice(&[0xff, 0xc3, 0x28]);
    bytes.extend_from_slice(after.as_bytes());
    write(docs.path(), "resources/sprocket.md", &bytes);
    let model = read_docs(docs.path());
    let diagnostic = expect_diagnostic(&model, "GG0003", "resources/sprocket.md", 12);
    let expected_column = "| teeth | Int32 | How many teeth it has (".chars().count() as u32 + 1;
    assert_eq!(diagnostic.column, expected_column);
    assert_eq!(
        property_names(&model, "microsoft.graph.sprocket"),
        ["id", "teeth", "pitch"]
    );
    expect_valid_pages_read(&model);
}

#[test]
fn binary_file() {
    let docs = docs_with(None);
    let bytes: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .chain([0, 0, 0])
        .collect();
    write(docs.path(), "resources/blob.md", &bytes);
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0004", "resources/blob.md", 0);
    assert_eq!(
        model
            .diagnostics
            .iter()
            .filter(|d| d.file == "resources/blob.md")
            .count(),
        1,
        "{}",
        listing(&model)
    );
    expect_valid_pages_read(&model);
}

#[test]
fn empty_files() {
    let docs = docs_with(None);
    write(docs.path(), "resources/empty.md", b"");
    write(docs.path(), "api/blank.md", b"\n  \n\t\n");
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0107", "resources/empty.md", 0);
    expect_diagnostic(&model, "GG0107", "api/blank.md", 0);
    assert_eq!(
        model.diagnostics.len(),
        2,
        "one diagnostic per empty page:\n{}",
        listing(&model)
    );
    expect_valid_pages_read(&model);
}

/// A method page of about 10 MB: a long parameter table, then thousands of example sections.
fn huge_method_page() -> String {
    let mut page = String::from(
        "# List many\n\nNamespace: microsoft.graph\n\nA page far larger than any real one.\n\n",
    );
    page.push_str("## Permissions\n\n| Permission type | Permissions |\n|:--|:--|\n| Application | Many.Read.All |\n\n");
    page.push_str("## HTTP request\n\n```http\nGET /many\n```\n\n## Optional query parameters\n\n| Name | Type | Description |\n|:--|:--|:--|\n");
    let mut row = 0;
    while page.len() < 5_000_000 {
        page.push_str(&format!("| filter{row} | String | Narrows the list by criterion number {row}; padded to look like prose in a real table. |\n"));
        row += 1;
    }
    page.push_str("\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [gadget](../resources/gadget.md) collection.\n\n## Examples\n\n");
    let mut example = 0;
    while page.len() < 10_500_000 {
        page.push_str(&format!(
            "### Example {example}\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"many_{example}\" }} -->\n```http\nGET https://graph.microsoft.com/v1.0/many?$top={example}\n```\n\n<!-- {{ \"blockType\": \"response\", \"name\": \"many_{example}\" }} -->\n```http\nHTTP/1.1 200 OK\n\n{{ \"value\": [ {{ \"id\": \"{example}\", \"label\": \"item\", \"weight\": {example} }} ] }}\n```\n\n"
        ));
        example += 1;
    }
    page
}

#[test]
fn ten_megabyte_page() {
    let docs = docs_with(None);
    let page = huge_method_page();
    assert!(page.len() > 10_000_000);
    // One defect at the very end, so the reader is seen to get there.
    let page = format!("{page}## See also\n\n| a | b |\n|:--|:--|\n| only one |\n");
    let last_line = page.lines().count() as u32;
    write(docs.path(), "api/many-list.md", page.as_bytes());
    let model = read_docs(docs.path());
    let operation = model
        .operations
        .iter()
        .find(|o| o.source.file == "api/many-list.md")
        .unwrap_or_else(|| panic!("{}", listing(&model)));
    assert!(
        operation.query_params.len() > 40_000,
        "{} query parameters",
        operation.query_params.len()
    );
    assert!(
        operation.examples.len() > 15_000,
        "{} examples",
        operation.examples.len()
    );
    assert!(model.diagnostics.iter().all(|d| d.line <= last_line));
    expect_valid_pages_read(&model);
}

#[test]
fn deeply_nested_json_in_an_example_body() {
    let docs = docs_with(None);
    let depth = 100_000;
    let body = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    let deep_object = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    let page = format!(
        "# Create deep\n\nNamespace: microsoft.graph\n\nPosts a deeply nested body.\n\n## Permissions\n\n| Permission type | Permissions |\n|:--|:--|\n| Application | Deep.ReadWrite.All |\n\n## HTTP request\n\n```http\nPOST /deep\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [gadget](../resources/gadget.md) object.\n\n## Examples\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"deep\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/deep\nContent-type: application/json\n\n{body}\n```\n\n### Response\n\n<!-- {{ \"blockType\": \"response\", \"name\": \"deep\", \"x\": {deep_object} }} -->\n```http\nHTTP/1.1 200 OK\n\n{deep_object}\n```\n"
    );
    let request_body_line = page
        .lines()
        .position(|l| l.starts_with("[[["))
        .expect("body line") as u32
        + 1;
    let annotation_line = page
        .lines()
        .position(|l| l.contains("\"name\": \"deep\", \"x\""))
        .expect("annotation") as u32
        + 1;
    let response_body_line = page
        .lines()
        .position(|l| l.starts_with("{\"a\":"))
        .expect("response line") as u32
        + 1;
    write(docs.path(), "api/deep-create.md", page.as_bytes());
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0303", "api/deep-create.md", request_body_line);
    expect_diagnostic(&model, "GG0303", "api/deep-create.md", response_body_line);
    expect_diagnostic(&model, "GG0103", "api/deep-create.md", annotation_line);
    assert!(
        has_operation(&model, "api/deep-create.md", "POST", "/deep"),
        "{}",
        listing(&model)
    );
    expect_valid_pages_read(&model);
}

#[test]
fn names_longer_than_an_identifier_may_be() {
    let docs = docs_with(None);
    let long_type = "veryLongName".repeat(30);
    let long_property = "ratherLongMember".repeat(20);
    let page = format!(
        "# sprocket resource type\n\nNamespace: microsoft.graph\n\nA toothed wheel.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Identifies it. |\n| {long_property} | String | Too long a name. |\n\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.sprocket\" }} -->\n```json\n{{}}\n```\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{long_type}\" }} -->\n```json\n{{}}\n```\n"
    );
    write(docs.path(), "resources/sprocket.md", page.as_bytes());
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0508", "resources/sprocket.md", 12);
    expect_diagnostic(&model, "GG0508", "resources/sprocket.md", 21);
    assert_eq!(property_names(&model, "microsoft.graph.sprocket"), ["id"]);
    assert!(
        model.types.keys().all(|name| name.len() < 200),
        "{:?}",
        model.types.keys().collect::<Vec<_>>()
    );
    expect_valid_pages_read(&model);
}

#[cfg(unix)]
#[test]
fn symlink_loop_under_the_docs_folder() {
    let docs = docs_with(None);
    std::os::unix::fs::symlink("..", docs.path().join("resources/up")).expect("symlink");
    std::os::unix::fs::symlink(".", docs.path().join("self")).expect("symlink");
    std::os::unix::fs::symlink("api", docs.path().join("api-alias")).expect("symlink");
    let model = read_docs(docs.path());
    expect_diagnostic(&model, "GG0005", "resources/up", 0);
    expect_diagnostic(&model, "GG0005", "self", 0);
    expect_diagnostic(&model, "GG0005", "api-alias", 0);
    assert_eq!(
        model.operations.len(),
        1,
        "each page is read once:\n{:?}",
        model
            .operations
            .iter()
            .map(|o| &o.source.file)
            .collect::<Vec<_>>()
    );
    assert_eq!(model.diagnostics.len(), 3, "{}", listing(&model));
    expect_valid_pages_read(&model);
}

#[cfg(unix)]
#[test]
fn special_and_oversized_files() {
    let docs = docs_with(None);
    if Path::new("/dev/zero").exists() {
        std::os::unix::fs::symlink("/dev/zero", docs.path().join("resources/zero.md"))
            .expect("symlink");
    }
    let made_pipe = std::process::Command::new("mkfifo")
        .arg(docs.path().join("api/pipe.md"))
        .status()
        .is_ok_and(|s| s.success());
    std::os::unix::fs::symlink("nowhere.md", docs.path().join("resources/dangling.md"))
        .expect("symlink");
    // Sparse: 65 MiB long, nothing written.
    let large = std::fs::File::create(docs.path().join("resources/large.md")).expect("create");
    large.set_len(65 * 1024 * 1024).expect("set length");
    let model = read_docs(docs.path());
    if Path::new("/dev/zero").exists() {
        expect_diagnostic(&model, "GG0006", "resources/zero.md", 0);
    }
    if made_pipe {
        expect_diagnostic(&model, "GG0006", "api/pipe.md", 0);
    }
    expect_diagnostic(&model, "GG0002", "resources/dangling.md", 0);
    expect_diagnostic(&model, "GG0007", "resources/large.md", 0);
    expect_valid_pages_read(&model);
}

#[test]
fn directory_named_like_a_page() {
    let docs = docs_with(None);
    std::fs::create_dir_all(docs.path().join("resources/x.md")).expect("folder");
    let inner = fixture_text("unknown_type/resources/sprocket.md");
    write(docs.path(), "resources/x.md/sprocket.md", inner.as_bytes());
    let model = read_docs(docs.path());
    // The folder is walked like any other; the page inside it is read.
    expect_diagnostic(&model, "GG0501", "resources/x.md/sprocket.md", 12);
    assert!(
        model.diagnostics.iter().all(|d| d.file != "resources/x.md"),
        "{}",
        listing(&model)
    );
    expect_valid_pages_read(&model);
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let docs = docs_with(Some("unknown_type"));
    let locked = docs.path().join("resources/sprocket.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let still_readable = std::fs::read(&locked).is_ok();
    let model = read_docs(docs.path());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod back");
    if still_readable {
        println!("SKIPPED the unreadable-file assertion: running with permission to read a mode-000 file (root)");
    } else {
        let diagnostic = expect_diagnostic(&model, "GG0002", "resources/sprocket.md", 0);
        assert!(diagnostic.hint.is_some());
    }
    expect_valid_pages_read(&model);
}

#[test]
fn human_rendering_shows_code_location_and_source_line() {
    let docs = docs_with(Some("broken_body"));
    let model = read_docs(docs.path());
    let diagnostic = expect_diagnostic(&model, "GG0303", "api/sprocket-create.md", 38).clone();
    let shown = render::human(
        std::slice::from_ref(&diagnostic),
        &[docs.path().to_path_buf()],
    );
    assert!(shown.contains("GG0303"), "{shown}");
    assert!(
        shown.contains(&format!("api/sprocket-create.md:38:{}", diagnostic.column)),
        "{shown}"
    );
    assert!(
        shown.contains("\"weight\": [1, 2 3]"),
        "the source line is shown:\n{shown}"
    );
    assert!(
        shown.contains(diagnostic.hint.as_deref().expect("hint")),
        "{shown}"
    );
    // A whole-file diagnostic renders without a source line, and without panicking.
    let whole_file = Diagnostic::error("GG0002", "resources/gone.md", 0, "cannot read file");
    let shown = render::human(&[whole_file], &[docs.path().to_path_buf()]);
    assert!(
        shown.contains("GG0002") && shown.contains("resources/gone.md"),
        "{shown}"
    );
}

#[test]
fn human_rendering_survives_odd_positions() {
    let docs = docs_with(None);
    write(docs.path(), "api/odd.md", "é\u{1F600}ü\n\tx\n".as_bytes());
    let roots = [docs.path().to_path_buf()];
    for (line, column) in [
        (1, 2),
        (1, 3),
        (1, 99),
        (2, 1),
        (40, 1),
        (u32::MAX, u32::MAX),
    ] {
        let diagnostic =
            Diagnostic::warning("GG0106", "api/odd.md", line, "odd position").with_column(column);
        let shown = render::human(&[diagnostic], &roots);
        assert!(shown.contains("GG0106"), "{shown}");
    }
}

#[test]
fn json_rendering_is_valid_json_with_every_field() {
    let docs = docs_with(Some("broken_body"));
    let model = read_docs(docs.path());
    let text = render::json(&model.diagnostics);
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let items = value.as_array().expect("an array");
    assert_eq!(items.len(), model.diagnostics.len());
    let item = items
        .iter()
        .find(|i| i["code"] == "GG0303")
        .expect("GG0303 present");
    assert_eq!(item["file"], "api/sprocket-create.md");
    assert_eq!(item["line"], 38);
    assert_eq!(item["column"], 19);
    assert_eq!(item["severity"], "warning");
    assert!(item["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(item["hint"].as_str().is_some_and(|h| !h.is_empty()));
}

/// Every fixture page, in memory, with its path relative to its case folder.
fn all_fixture_pages() -> Vec<(String, String)> {
    fn walk(folder: &Path, relative: &str, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
            .expect("fixture folder")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            let inner = if relative.is_empty() {
                name
            } else {
                format!("{relative}/{name}")
            };
            if path.is_dir() {
                walk(&path, &inner, out);
            } else {
                out.push((inner, std::fs::read_to_string(&path).expect("fixture text")));
            }
        }
    }
    let mut pages = Vec::new();
    walk(Path::new(FIXTURES), "", &mut pages);
    pages
}

/// A file cut anywhere (mid-table, mid-fence, mid-annotation, mid-character of the source
/// text) reads without a panic, and every diagnostic points inside the cut text.
#[test]
fn every_fixture_cut_anywhere_still_reads() {
    let pages = all_fixture_pages();
    assert!(pages.len() >= 20, "{} fixture pages", pages.len());
    let mut cuts = 0;
    for (path, text) in &pages {
        for end in text.char_indices().map(|(i, _)| i) {
            let cut = &text[..end];
            let lines = cut.lines().count() as u32;
            let model = graphgen::model::build::build_model(vec![(path.clone(), cut.to_string())]);
            for diagnostic in &model.diagnostics {
                assert!(
                    diagnostic.line <= lines.max(1),
                    "{path} cut at {end}: {diagnostic:?} points past the end"
                );
            }
            cuts += 1;
        }
    }
    assert!(cuts > 1000, "{cuts} cuts");
}

/// Each case folder beside `valid/`, read with the valid pages, renders its diagnostics as
/// `fixtures/malformed/<case>.stderr` says, the way a user sees them in a terminal: a
/// changed message, line or snippet shows as a diff of that one file.
#[test]
fn each_case_renders_the_diagnostics_its_expected_output_shows() {
    let mut cases: Vec<String> = std::fs::read_dir(FIXTURES)
        .expect("fixture folder")
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "valid")
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "cases: {cases:?}");
    let bless = std::env::var_os("GRAPHGEN_BLESS").is_some();
    let mut differing = Vec::new();
    for case in &cases {
        let docs = docs_with(Some(case));
        let model = read_docs(docs.path());
        let rendered = render::human(&model.diagnostics, &[docs.path().to_path_buf()]);
        // The temporary folder's name changes every run.
        let rendered = rendered.replace(&docs.path().display().to_string(), "$DOCS");
        let expected_file = Path::new(FIXTURES).join(format!("{case}.stderr"));
        if bless {
            std::fs::write(&expected_file, &rendered).expect("write expected output");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
        if expected != rendered {
            differing.push(format!(
                "--- {case}.stderr (expected)\n{expected}\n+++ {case} (rendered)\n{rendered}"
            ));
        }
    }
    assert!(
        differing.is_empty(),
        "rendered diagnostics differ (GRAPHGEN_BLESS=1 rewrites the .stderr files after review):\n{}",
        differing.join("\n")
    );
}
