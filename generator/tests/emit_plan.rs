//! The plan: names and shapes other generators rely on.

mod emit_fixtures;

use emit_fixtures::*;
use graphgen::emit::plan::{
    plan, RustArgKind, RustBody, RustPrimitive, RustResponse, RustTypeExpr, RustTypeShape,
};

fn endpoint<'a>(
    api: &'a graphgen::emit::RustApi,
    name: &str,
) -> &'a graphgen::emit::plan::RustEndpoint {
    api.endpoints
        .iter()
        .find(|e| e.fn_name == name)
        .unwrap_or_else(|| {
            let names: Vec<_> = api.endpoints.iter().map(|e| e.fn_name.as_str()).collect();
            panic!("no endpoint `{name}` among {names:?}")
        })
}

#[test]
fn endpoint_names_follow_the_rule() {
    let model = endpoints_model();
    let api = plan(&model);
    let send = endpoint(&api, "post_chats_by_id_messages");
    assert_eq!(model.operations[send.operation].page, "chat-post-messages");
    assert_eq!(send.area_module, "microsoft_teams");
    assert!(
        matches!(&send.args[0].kind, RustArgKind::PathParam { template_name, .. } if template_name == "chat-id")
    );
    assert_eq!(send.args[0].name, "chat_id");
    assert!(matches!(
        &send.body,
        RustBody::Json {
            collection: false,
            ..
        }
    ));
    assert!(
        matches!(&send.response, RustResponse::Json(RustTypeExpr::Named { odata_name, .. }) if odata_name == "microsoft.graph.chatMessage")
    );
    assert_eq!(
        endpoint(&api, "get_users_count").response,
        RustResponse::Json(RustTypeExpr::Primitive(RustPrimitive::I64))
    );
    assert_eq!(
        endpoint(&api, "get_me_photo_value").response,
        RustResponse::RawBytes
    );
    assert_eq!(
        endpoint(&api, "delete_groups_by_id_members_by_id_ref").response,
        RustResponse::NoContent
    );
    assert!(matches!(
        endpoint(&api, "get_chats_by_id_messages").response,
        RustResponse::Page(_)
    ));
    assert!(matches!(
        endpoint(&api, "get_me_mailbox_settings_time_zone").response,
        RustResponse::Wrapped(_)
    ));
    // Overloads of one function are named after the parameters that differ.
    endpoint(
        &api,
        "get_reports_get_email_activity_user_detail_with_period",
    );
    endpoint(&api, "get_reports_get_email_activity_user_detail_with_date");
    endpoint(&api, "get_users_delta");
    endpoint(&api, "get_sites_with_search");
    let mail = endpoint(&api, "post_me_send_mail");
    assert!(
        matches!(&mail.body, RustBody::Parameters { struct_name, .. } if struct_name == "PostMeSendMailBody")
    );
    assert!(!mail.mime_variant);
    // The page also takes the message as MIME: a second function sends that instead of the body.
    let mime = endpoint(&api, "post_me_send_mail_mime");
    assert!(mime.mime_variant && mime.operation == mail.operation);
    assert!(matches!(&mime.body, RustBody::Bytes { content_type: Some(ct) } if ct == "text/plain"));
    assert_eq!(
        mime.args
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["mime_base64"]
    );
    assert!(matches!(mime.args[0].kind, RustArgKind::Content));
    assert_eq!(mime.response, mail.response);
    // Required headers the client does not set are arguments; the token and optional ones are not.
    let delete = endpoint(&api, "delete_chats_by_id_messages_by_id");
    let names: Vec<&str> = delete.args.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["chat_id", "message_id", "if_match"]);
    assert!(
        matches!(&delete.args[2].kind, RustArgKind::Header { wire_name, .. } if wire_name == "If-Match")
    );
}

#[test]
fn the_same_route_is_emitted_once_and_me_stays_apart() {
    let model = naming_model();
    let api = plan(&model);
    // The page about messages owns the line (no type tells, so its file name does).
    let by_id = endpoint(&api, "get_users_by_id_messages");
    let owner = &model.operations[by_id.operation];
    assert_eq!(owner.page, "message-list");
    assert_eq!(
        owner.also_documented_by.len(),
        1,
        "the `{{id}}` spelling of the route is the same request"
    );
    assert_eq!(
        api.endpoints
            .iter()
            .filter(|e| e.fn_name.starts_with("get_users_by_id_messages"))
            .count(),
        1
    );
    // A collection's key is named after the collection, whatever the page calls it.
    assert_eq!(by_id.args[0].name, "user_id");
    endpoint(&api, "get_me_messages");
    endpoint(&api, "get_users_by_user_id_messages_extra");
    endpoint(&api, "get_users_by_user_id_messages_extra_2");
    let typed = endpoint(&api, "get_types_by_id_self_by_id");
    let args: Vec<_> = typed.args.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(args, ["type_id", "self_id"]);
    let modules: Vec<_> = api.areas.iter().map(|a| a.module.as_str()).collect();
    assert!(
        modules.contains(&"default_2")
            && modules.contains(&"general")
            && modules.contains(&"r#async")
    );
    assert!(api
        .diagnostics
        .iter()
        .any(|d| d.code == "GG0802" && d.file == "api/head.md"));
}

#[test]
fn types_get_legal_distinct_names() {
    let api = plan(&naming_model());
    let name = |odata: &str| {
        api.type_by_odata_name(odata)
            .map(|t| t.path.name.clone())
            .unwrap_or_default()
    };
    assert_eq!(name("microsoft.graph.option"), "OptionType");
    assert_eq!(name("microsoft.graph.string"), "StringType");
    assert_eq!(name("microsoft.graph.field"), "FieldType");
    assert_eq!(name("microsoft.graph.self"), "SelfType");
    assert_eq!(name("microsoft.graph.365App"), "N365App");
    assert_eq!(name("microsoft.graph.HTMLBody"), "HtmlBody");
    assert_eq!(name("microsoft.graph.htmlBody"), "HtmlBody2");
    let alert = api
        .type_by_odata_name("microsoft.graph.security.alert")
        .unwrap();
    assert_eq!(alert.path.namespace, ["security"]);
    assert_eq!(alert.path.name, "Alert");
    let security = api.type_by_odata_name("microsoft.graph.security").unwrap();
    assert_eq!(
        security.file_module, "security_2",
        "the namespace module keeps `security`"
    );
    let RustTypeShape::Struct(option) = &api
        .type_by_odata_name("microsoft.graph.option")
        .unwrap()
        .shape
    else {
        panic!("a struct")
    };
    let fields: Vec<(&str, &str)> = option
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.name.as_str()))
        .collect();
    for expected in [
        ("type", "r#type"),
        ("self", "self_"),
        ("Self", "self_2"),
        ("displayName", "display_name"),
        ("display_name", "display_name_2"),
        ("1stPlace", "n1st_place"),
        ("@odata.type", "odata_type"),
        (
            "@microsoft.graph.downloadUrl",
            "microsoft_graph_download_url",
        ),
        ("additionalProperties", "additional_properties_2"),
    ] {
        assert!(fields.contains(&expected), "{expected:?} not in {fields:?}");
    }
    assert_eq!(option.additional_properties, "additional_properties");
}

#[test]
fn cycles_are_boxed_and_bases_are_polymorphic() {
    let api = plan(&types_model());
    let RustTypeShape::Struct(folder) = &api
        .type_by_odata_name("microsoft.graph.folder")
        .unwrap()
        .shape
    else {
        panic!("a struct")
    };
    let ty = |name: &str| {
        folder
            .fields
            .iter()
            .find(|f| f.wire_name == name)
            .map(|f| f.ty.clone())
            .unwrap()
    };
    assert!(matches!(ty("parent"), RustTypeExpr::Boxed(_)));
    assert!(matches!(ty("children"), RustTypeExpr::List(_)));
    assert!(
        matches!(ty("peer"), RustTypeExpr::Named { .. }),
        "peerA is not on a cycle with folder"
    );
    let RustTypeShape::Struct(peer) = &api
        .type_by_odata_name("microsoft.graph.peerA")
        .unwrap()
        .shape
    else {
        panic!("a struct")
    };
    assert!(matches!(peer.fields[0].ty, RustTypeExpr::Boxed(_)));
    let RustTypeShape::Struct(user) = &api
        .type_by_odata_name("microsoft.graph.user")
        .unwrap()
        .shape
    else {
        panic!("a struct")
    };
    let manager = user
        .fields
        .iter()
        .find(|f| f.wire_name == "manager")
        .unwrap();
    assert!(
        matches!(&manager.ty, RustTypeExpr::Polymorphic { path, .. } if path.name == "AnyDirectoryObject")
    );
    let names: Vec<_> = user.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(
        &names[..3],
        ["id", "deletedDateTime", "displayName"],
        "inherited properties come first"
    );
    let extra = api
        .diagnostics
        .iter()
        .find(|d| d.code == "GG0801")
        .expect("unknown type reported");
    assert!(extra.message.contains("microsoft.graph.notDocumented"));
}

#[test]
fn types_are_gated_by_the_features_that_reach_them() {
    let api = plan(&endpoints_model());
    let features_of = |name: &str| {
        api.type_by_odata_name(name)
            .unwrap_or_else(|| panic!("no type {name}"))
            .features
            .clone()
    };
    // Reached only by the Outlook mail body (`toRecipients`).
    assert_eq!(
        features_of("microsoft.graph.recipient"),
        Some(vec!["outlook".to_string()])
    );
    // Derived types travel with the polymorphic base an endpoint uses: Intune's takes
    // `mobileLobApp`, the common base of its bodies. `mobileApp`, which nothing refers to,
    // has no polymorphic enum and compiles on its own feature.
    let android = features_of("microsoft.graph.androidLobApp").expect("gated");
    assert_eq!(android, ["intune"]);
    assert_eq!(
        features_of("microsoft.graph.mobileLobApp").expect("gated"),
        android
    );
    assert_eq!(
        features_of("microsoft.graph.mobileApp"),
        Some(vec!["standalone_types".to_string()])
    );
    // What a reached type refers to is reached by the same features.
    let message = features_of("microsoft.graph.chatMessage").expect("gated");
    let body = features_of("microsoft.graph.itemBody").expect("gated");
    assert!(
        message.iter().all(|f| body.contains(f)),
        "{message:?} vs {body:?}"
    );
    // A type no endpoint reaches compiles with `standalone_types`.
    let report = features_of("microsoft.graph.reportRoot");
    assert_eq!(report, Some(vec!["standalone_types".to_string()]));
}

#[test]
fn a_204_with_a_body_shown_sometimes_reads_it_as_optional() {
    let mut model = endpoints_model();
    model.operations.push(returns(
        op(
            "site-unfollow",
            96,
            "sharepoint",
            "POST",
            "/me/followedSites/remove",
        ),
        204,
        Some(named("microsoft.graph.chatMessage")),
        true,
    ));
    model.operations.push(returns(
        op(
            "teamsapp-update",
            97,
            "teams",
            "POST",
            "/appCatalogs/teamsApps/{id}/appDefinitions",
        ),
        204,
        Some(named("microsoft.graph.chatMessage")),
        false,
    ));
    let api = plan(&model);
    let chat_message = |ty: &RustTypeExpr| matches!(ty, RustTypeExpr::Named { odata_name, .. } if odata_name == "microsoft.graph.chatMessage");
    assert!(
        matches!(&endpoint(&api, "post_me_followed_sites_remove").response, RustResponse::OptionalPage(ty) if chat_message(ty))
    );
    assert!(
        matches!(&endpoint(&api, "post_app_catalogs_teams_apps_by_id_app_definitions").response, RustResponse::OptionalJson(ty) if chat_message(ty))
    );
    let generated = generate(&model);
    let endpoints = generated
        .files
        .iter()
        .find(|(path, text)| {
            path.starts_with("src/endpoints/") && text.contains("fn post_me_followed_sites_remove")
        })
        .expect("the endpoint's file")
        .1
        .clone();
    let one_line: String = endpoints.split_whitespace().collect();
    assert!(
        one_line.contains("->Request<OptionalJson<Page<types::ChatMessage>>,>"),
        "{endpoints}"
    );
}
