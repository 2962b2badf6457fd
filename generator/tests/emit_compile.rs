//! The fixture crate compiles without warnings (check, clippy, doc) and behaves: requests are
//! built as documented, values survive a round trip, tags pick variants.

mod emit_fixtures;

use emit_fixtures::*;

const BEHAVIOUR: &str = r#####"
use graphgen_runtime::{Body, Field, ResponseKind};
use fixture_client::endpoints::{files, microsoft_teams, outlook, reports, users};
use fixture_client::types::{self, AnyDirectoryObject, ChatMessage, Importance, ItemBody, User};

#[test]
fn sending_a_chat_message_is_one_call() {
    let message = ChatMessage {
        body: ItemBody { content: "Hello world".into(), ..Default::default() }.into(),
        ..Default::default()
    };
    let request = microsoft_teams::post_chats_by_id_messages("19:2da4c29f6d7041eca70b638b43d45437@thread.v2", &message);
    assert_eq!(request.method().as_str(), "POST");
    assert_eq!(request.path(), "/chats/19:2da4c29f6d7041eca70b638b43d45437@thread.v2/messages");
    assert_eq!(request.body(), &Body::Json(serde_json::json!({"body": {"content": "Hello world"}})));
}

#[test]
fn the_tree_builds_what_the_endpoint_functions_build() {
    use fixture_client::Graph;
    let message = ChatMessage::default();
    let tree = Graph.chats().id("c/1").messages().create(&message);
    let flat = microsoft_teams::post_chats_by_id_messages("c/1", &message);
    assert_eq!(tree.path(), flat.path());
    assert_eq!(tree.body(), flat.body());
    let report = Graph.reports().get_email_activity_user_detail_with_period("D7").get();
    assert_eq!(report.path_segments()[1], "getEmailActivityUserDetail(period='D7')");
    let content = Graph.me().drive().root_path("Docs/a?b.txt").content().put("text/plain", b"hi".to_vec());
    assert_eq!(content.path(), "/me/drive/root:/Docs/a%3Fb.txt:/content");
}

#[test]
fn ids_stay_one_segment() {
    for hostile in ["a/b", "a?b", "a#b", "a%2Fb", "a b", "o'neil"] {
        let request = microsoft_teams::delete_chats_by_id_messages_by_id(hostile, "m", "W/\"etag\"");
        assert_eq!(request.path_segments(), vec!["chats".to_string(), hostile.to_string(), "messages".into(), "m".into()]);
        assert!(request.headers().iter().any(|(name, value)| name == "If-Match" && value == "W/\"etag\""));
    }
    let request = reports::get_reports_get_email_activity_user_detail_with_period("it's/x");
    assert_eq!(request.path_segments()[1], "getEmailActivityUserDetail(period='it''s/x')");
    let request = files::put_me_drive_root_by_item_path_content("Docs/a?b.txt", "text/plain", b"hi".to_vec());
    assert_eq!(request.path(), "/me/drive/root:/Docs/a%3Fb.txt:/content");
}

#[test]
fn query_parameters_are_typed() {
    let query = microsoft_teams::GetChatsByIdMessagesQuery { max_count: Some(5), include_hidden: Some(true), ..Default::default() };
    let request = microsoft_teams::get_chats_by_id_messages("c", &query);
    assert_eq!(request.path_and_query(), "/chats/c/messages?includeHidden=true&maxCount=5");
    let request = outlook::get_me_calendar_view("2024-01-01", "2024-01-02", 3);
    assert_eq!(request.path_and_query(), "/me/calendarView?startDateTime=2024-01-01&endDateTime=2024-01-02&limit=3");
}

#[test]
fn quoted_values_in_template_queries_double_their_quotes() {
    let request = fixture_client::endpoints::general::get_odd_with_filter_with_top("o'neil");
    assert_eq!(request.query_pairs()[0], ("$filter".to_string(), "name eq 'o''neil'".to_string()));
    assert_eq!(request.query_pairs()[1], ("top".to_string(), "5".to_string()));
}

#[test]
fn patch_bodies_tell_absent_from_null() {
    let patch = ChatMessage { chat_id: Field::Null, ..Default::default() };
    assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"chatId":null}"#);
}

#[test]
fn unknown_members_and_tags_survive_a_round_trip() {
    let text = r##"{"id":"1","displayName":"Ada","future":{"x":[1,2]},"manager":{"@odata.type":"#microsoft.graph.user","id":"2","displayName":"Bob"},"memberOf":[{"@odata.type":"#microsoft.graph.group","mailEnabled":true},{"@odata.type":"#microsoft.graph.somethingNew","id":"3"},{"id":"4"}],"importance":"veryHigh"}"##;
    let user: User = serde_json::from_str(text).unwrap();
    match user.manager.value() {
        Some(AnyDirectoryObject::User(manager)) => assert_eq!(manager.display_name.value().map(String::as_str), Some("Bob")),
        other => panic!("manager read as {other:?}"),
    }
    let members = user.member_of.value().unwrap();
    assert!(matches!(members[0], AnyDirectoryObject::Group(_)));
    assert!(matches!(members[1], AnyDirectoryObject::DirectoryObject(_)));
    assert!(matches!(members[2], AnyDirectoryObject::DirectoryObject(_)));
    assert_eq!(user.importance, Field::Value(Importance::from("veryHigh")));
    match &user.importance {
        Field::Value(Importance::Undocumented(value)) => assert_eq!(value.as_str(), "veryHigh"),
        other => panic!("read as {other:?}"),
    }
    let back = serde_json::to_value(&user).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(text).unwrap());
}

#[test]
fn one_function_takes_every_documented_body_type() {
    let app = types::AndroidLobApp { package_id: "com.example".into(), ..Default::default() };
    let request = fixture_client::endpoints::intune::post_device_app_management_mobile_apps(&app.into());
    // A derived value sent through its base names its type, or the service reads a base.
    assert_eq!(request.body(), &Body::Json(serde_json::json!({"@odata.type": "#microsoft.graph.androidLobApp", "packageId": "com.example"})));
    let created = <graphgen_runtime::Json<types::AnyMobileLobApp> as ResponseKind>::decode(
        br##"{"@odata.type":"#microsoft.graph.iosLobApp","bundleId":"b"}"##,
    ).unwrap();
    assert!(matches!(created, types::AnyMobileLobApp::IosLobApp(_)));
}

#[test]
fn derived_values_name_their_type_once_and_bases_add_nothing() {
    let group = types::Group { mail_enabled: Field::Value(true), ..Default::default() };
    let written = serde_json::to_string(&AnyDirectoryObject::from(group)).unwrap();
    assert_eq!(written, r##"{"@odata.type":"#microsoft.graph.group","mailEnabled":true}"##);
    // A tag read with the value is written back where it was, not a second time.
    let read: AnyDirectoryObject = serde_json::from_str(r#"{"mailEnabled":true,"@odata.type":"microsoft.graph.group"}"#).unwrap();
    assert_eq!(serde_json::to_string(&read).unwrap(), r#"{"mailEnabled":true,"@odata.type":"microsoft.graph.group"}"#);
    let base = AnyDirectoryObject::from(types::DirectoryObject { id: Field::Value("4".into()), ..Default::default() });
    assert_eq!(serde_json::to_string(&base).unwrap(), r#"{"id":"4"}"#);
}

#[test]
fn enums_read_known_and_new_values() {
    let read: Importance = serde_json::from_str("\"unknownFutureValue\"").unwrap();
    assert_eq!(read, Importance::UnknownFutureValue);
    assert_eq!(serde_json::to_string(&Importance::from("brandNew")).unwrap(), "\"brandNew\"");
    assert_eq!(Importance::High.as_str(), "high");
}

#[test]
fn responses_decode_to_their_shapes() {
    let page = <graphgen_runtime::Json<graphgen_runtime::Page<String>> as ResponseKind>::decode(
        br#"{"value":["a"],"@odata.nextLink":"https://next"}"#,
    ).unwrap();
    assert_eq!(page.next_link.as_deref(), Some("https://next"));
    let _: fn(&str) -> graphgen_runtime::Request<graphgen_runtime::Json<graphgen_runtime::Page<String>>> = users::post_users_by_id_check_member_groups;
    let folder: types::Folder = serde_json::from_str(r#"{"parent":{"parent":{}},"children":[{}]}"#).unwrap();
    assert!(folder.parent.value().is_some());
}
"#####;

#[test]
fn fixture_crate_compiles_clean_and_behaves() {
    let dir = workspace_root()
        .join("target")
        .join("emit-fixtures")
        .join("fixture-client");
    let generated = write_crate(&combined_model(), &dir, "fixture-client");
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::write(dir.join("tests").join("behaviour.rs"), BEHAVIOUR).unwrap();
    let mut manifest = generated
        .files
        .get("Cargo.toml")
        .cloned()
        .unwrap_or_default();
    // The behaviour test decodes JSON itself.
    manifest = manifest.replace(
        "[dev-dependencies]\n",
        "[dev-dependencies]\nserde_json = \"1\"\n",
    );
    std::fs::write(dir.join("Cargo.toml"), &manifest).unwrap();

    for (args, env) in [
        (
            vec!["clippy", "--all-targets", "--", "-D", "warnings"],
            vec![],
        ),
        (
            vec!["doc", "--no-deps"],
            vec![("RUSTDOCFLAGS", "-D warnings")],
        ),
        (vec!["test"], vec![]),
    ] {
        let (ok, stderr, _) = cargo(&dir, &args, &env);
        assert!(ok, "cargo {args:?} failed:\n{stderr}");
    }
    // Each feature alone compiles: a gated type never refers to one its feature leaves out.
    let features: Vec<String> = manifest
        .lines()
        .skip_while(|line| line.trim() != "[features]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split_once(" = "))
        .map(|(name, _)| name.to_string())
        // `_types_…` stand for sets of the others; alone they are not a usable selection.
        .filter(|name| name != "default" && !name.starts_with('_'))
        .collect();
    assert!(
        features.contains(&"standalone_types".to_string()) && features.len() > 3,
        "{features:?}"
    );
    for feature in &features {
        let args = [
            "clippy",
            "--no-default-features",
            "--features",
            feature,
            "--",
            "-D",
            "warnings",
        ];
        let (ok, stderr, _) = cargo(&dir, &args, &[]);
        assert!(ok, "the `{feature}` feature alone:\n{stderr}");
    }
}
