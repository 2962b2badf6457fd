//! Hand-built models for the emitter's tests, and helpers to build and show crates.

#![allow(dead_code)]

use std::collections::BTreeMap;

use graphgen::emit::{generate_crate, EmitOptions, GeneratedCrate};
use graphgen::model::*;

pub fn source(file: &str, line: u32) -> Source {
    Source {
        file: file.to_string(),
        line,
    }
}

pub fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.to_string())
}

pub fn prim(p: Primitive) -> TypeRef {
    TypeRef::Primitive(p)
}

pub fn prop(name: &str, type_ref: TypeRef) -> Property {
    described(
        Property::undescribed(name, type_ref, false, source("resources/fixture.md", 10)),
        &format!("The {name} property."),
    )
}

pub fn list(mut property: Property) -> Property {
    property.collection = true;
    property
}

pub fn described(mut property: Property, description: &str) -> Property {
    property.description = description.to_string();
    property
}

pub fn type_def(
    name: &str,
    kind: TypeKind,
    base: Option<&str>,
    properties: Vec<Property>,
) -> TypeDef {
    let short = name.rsplit('.').next().unwrap_or(name).to_lowercase();
    TypeDef {
        name: name.to_string(),
        kind,
        base: base.map(str::to_string),
        key: (kind == TypeKind::Entity).then(|| "id".to_string()),
        is_abstract: false,
        open: false,
        description: format!("Represents a {short}."),
        properties,
        inherited: Vec::new(),
        members: Vec::new(),
        inferred: false,
        source: source(&format!("resources/{short}.md"), 1),
    }
}

pub fn enum_def(name: &str, members: &[&str]) -> TypeDef {
    let mut def = type_def(name, TypeKind::Enum, None, Vec::new());
    def.members = members
        .iter()
        .map(|m| EnumMember {
            name: m.to_string(),
            value: None,
            description: String::new(),
        })
        .collect();
    def
}

/// Fills `inherited` from the base chain, as the model builder does.
pub fn model_of(types: Vec<TypeDef>, operations: Vec<Operation>) -> Model {
    let mut by_name: BTreeMap<String, TypeDef> =
        types.into_iter().map(|t| (t.name.clone(), t)).collect();
    let snapshot = by_name.clone();
    for def in by_name.values_mut() {
        let mut chain = Vec::new();
        let mut base = def.base.clone();
        while let Some(name) = base {
            let Some(parent) = snapshot.get(&name) else {
                break;
            };
            if chain.iter().any(|(n, _): &(String, &TypeDef)| *n == name) {
                break;
            }
            chain.push((name.clone(), parent));
            base = parent.base.clone();
        }
        def.inherited = chain
            .iter()
            .rev()
            .flat_map(|(name, parent)| {
                parent.properties.iter().map(move |p| InheritedProperty {
                    from: name.clone(),
                    property: p.clone(),
                })
            })
            .collect();
    }
    // As the model builder does: one operation per request line.
    let mut operations = operations;
    graphgen::model::shared_lines::merge_shared_lines(&mut operations, &by_name);
    Model {
        types: by_name,
        operations,
        diagnostics: Vec::new(),
    }
}

/// A path template read the simple way: `{name}` placeholders, `'{name}'` quoted ones, and
/// a `{name}:` segment after a `root:` segment is a drive path.
pub fn template(raw: &str) -> PathTemplate {
    let (path, query) = match raw.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (raw, None),
    };
    let mut segments = Vec::new();
    let mut previous_is_root = false;
    for text in path
        .trim_start_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
    {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| c + open) else {
                break;
            };
            if open > 0 {
                parts.push(SegmentPart::Literal {
                    text: rest[..open].to_string(),
                });
            }
            let quoted = rest[..open].ends_with('\'');
            parts.push(SegmentPart::Param {
                name: rest[open + 1..close].to_string(),
                quoted,
                path: previous_is_root && text.ends_with(':'),
            });
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(SegmentPart::Literal {
                text: rest.to_string(),
            });
        }
        previous_is_root = text.ends_with(':') && !text.contains('{');
        segments.push(Segment { parts });
    }
    let fixed_query = query
        .map(|q| {
            q.split('&')
                .filter_map(|pair| pair.split_once('='))
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect()
        })
        .unwrap_or_default();
    PathTemplate {
        raw: raw.to_string(),
        segments,
        fixed_query,
    }
}

pub fn param(
    name: &str,
    location: ParameterLocation,
    type_ref: TypeRef,
    required: bool,
) -> Parameter {
    Parameter {
        name: name.to_string(),
        location,
        type_ref,
        collection: false,
        required,
        description: format!("The {name} parameter."),
    }
}

pub fn op(page: &str, line: u32, area: &str, method: &str, path: &str) -> Operation {
    let path = template(path);
    let path_params = path
        .segments
        .iter()
        .flat_map(|s| s.parts.iter())
        .filter_map(|p| match p {
            SegmentPart::Param { name, .. } => Some(param(
                name,
                ParameterLocation::Path,
                prim(Primitive::String),
                true,
            )),
            SegmentPart::Literal { .. } => None,
        })
        .collect();
    Operation {
        title: format!("Operation on {page}"),
        description: format!("Does what `{page}` documents."),
        page: page.to_string(),
        area: area.to_string(),
        method: Method::parse(method).expect("an HTTP method"),
        path,
        path_params,
        query_params: Vec::new(),
        query_options: Default::default(),
        header_params: Vec::new(),
        permissions: Permissions {
            delegated_work: Some(vec!["User.Read".to_string(), "User.ReadWrite".to_string()]),
            delegated_personal: Some(Vec::new()),
            application: None,
            by_resource: Vec::new(),
        },
        request: RequestBody::None,
        mime_body: false,
        response: Response {
            status: 200,
            type_ref: None,
            collection: false,
        },
        examples: Vec::new(),
        source: source(&format!("api/{page}.md"), line),
        alias_of: None,
        from_example: None,
        also_documented_by: Vec::new(),
    }
}

pub fn returns(
    mut operation: Operation,
    status: u16,
    type_ref: Option<TypeRef>,
    collection: bool,
) -> Operation {
    operation.response = Response {
        status,
        type_ref,
        collection,
    };
    operation
}

pub fn with_body(mut operation: Operation, body: RequestBody) -> Operation {
    operation.request = body;
    operation
}

/// Every file of a crate, one after the other, for a snapshot.
pub fn show(generated: &GeneratedCrate) -> String {
    let mut out = String::new();
    for (path, content) in &generated.files {
        out.push_str(&format!("===== {path}\n{content}\n"));
    }
    for diagnostic in &generated.diagnostics {
        out.push_str(&format!(
            "diagnostic {} {}:{} {}\n",
            diagnostic.code, diagnostic.file, diagnostic.line, diagnostic.message
        ));
    }
    out
}

/// Snapshots each generated file on its own (`snapshots/<crate>/<path with __ for />.snap`),
/// so a review diff names the file, and the diagnostics as one more snapshot. Fails when a
/// snapshot is left for a file the crate no longer has.
pub fn assert_crate_snapshots(name: &str, generated: &GeneratedCrate) {
    let folder = workspace_root()
        .join("generator/tests/snapshots")
        .join(name);
    let mut expected = std::collections::BTreeSet::new();
    insta::with_settings!({
        snapshot_path => folder.clone(),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        for (path, content) in &generated.files {
            let snapshot = path.replace('/', "__");
            expected.insert(format!("{snapshot}.snap"));
            insta::assert_snapshot!(snapshot, content);
        }
        let diagnostics: String = generated
            .diagnostics
            .iter()
            .map(|d| format!("{} {}:{} {}\n", d.code, d.file, d.line, d.message))
            .collect();
        expected.insert("diagnostics.snap".to_string());
        insta::assert_snapshot!("diagnostics", diagnostics);
    });
    let left_over: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter(|file| file.ends_with(".snap") && !expected.contains(file))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        left_over.is_empty(),
        "snapshots of files {name} no longer generates (delete them): {left_over:?}"
    );
}

pub fn generate(model: &Model) -> GeneratedCrate {
    generate_crate(model, &EmitOptions::default())
}

const ENTITY: &str = "microsoft.graph.entity";

/// Types: inheritance, polymorphism, recursion, every primitive, enums, unknown types.
pub fn types_model() -> Model {
    use Primitive::*;
    let mut attachment = type_def(
        "microsoft.graph.attachment",
        TypeKind::Entity,
        Some(ENTITY),
        vec![prop("name", prim(String)), prop("size", prim(Int32))],
    );
    attachment.is_abstract = true;
    let types = vec![
        type_def(ENTITY, TypeKind::Entity, None, vec![prop("id", prim(String))]),
        type_def(
            "microsoft.graph.directoryObject",
            TypeKind::Entity,
            Some(ENTITY),
            vec![prop("deletedDateTime", prim(DateTimeOffset))],
        ),
        type_def("microsoft.graph.user", TypeKind::Entity, Some("microsoft.graph.directoryObject"), vec![
            prop("displayName", prim(String)),
            list(prop("businessPhones", prim(String))),
            described(prop("manager", named("microsoft.graph.directoryObject")), "The user's <b>manager</b>. See [manager](../resources/user.md) and https://learn.microsoft.com/graph/api."),
            list(prop("memberOf", named("microsoft.graph.directoryObject"))),
            prop("mailboxSettings", named("microsoft.graph.mailboxSettings")),
            prop("importance", named("microsoft.graph.importance")),
        ]),
        type_def("microsoft.graph.group", TypeKind::Entity, Some("microsoft.graph.directoryObject"), vec![
            prop("mailEnabled", prim(Boolean)),
        ]),
        attachment,
        type_def("microsoft.graph.fileAttachment", TypeKind::Entity, Some("microsoft.graph.attachment"), vec![
            prop("contentBytes", prim(Binary)),
        ]),
        type_def("microsoft.graph.message", TypeKind::Entity, Some(ENTITY), vec![
            list(prop("attachments", named("microsoft.graph.attachment"))),
            prop("importance", named("microsoft.graph.importance")),
            prop("extra", named("microsoft.graph.notDocumented")),
        ]),
        type_def("microsoft.graph.mailboxSettings", TypeKind::Complex, None, vec![
            prop("timeZone", prim(String)),
            prop("automaticRepliesDuration", prim(Duration)),
        ]),
        // Every primitive.
        type_def("microsoft.graph.allPrimitives", TypeKind::Complex, None, vec![
            prop("string", prim(String)),
            prop("boolean", prim(Boolean)),
            prop("byte", prim(Byte)),
            prop("sByte", prim(SByte)),
            prop("int16", prim(Int16)),
            prop("int32", prim(Int32)),
            prop("int64", prim(Int64)),
            prop("single", prim(Single)),
            prop("double", prim(Double)),
            prop("decimal", prim(Decimal)),
            prop("guid", prim(Guid)),
            prop("dateTimeOffset", prim(DateTimeOffset)),
            prop("date", prim(Date)),
            prop("timeOfDay", prim(TimeOfDay)),
            prop("duration", prim(Duration)),
            prop("binary", prim(Binary)),
            prop("stream", prim(Stream)),
            prop("untyped", prim(Untyped)),
        ]),
        // Recursion: a folder holds itself, a pair of complex types hold each other.
        type_def("microsoft.graph.folder", TypeKind::Complex, None, vec![
            prop("parent", named("microsoft.graph.folder")),
            list(prop("children", named("microsoft.graph.folder"))),
            prop("peer", named("microsoft.graph.peerA")),
        ]),
        type_def("microsoft.graph.peerA", TypeKind::Complex, None, vec![prop("other", named("microsoft.graph.peerB"))]),
        type_def("microsoft.graph.peerB", TypeKind::Complex, None, vec![prop("back", named("microsoft.graph.peerA"))]),
        enum_def("microsoft.graph.importance", &["low", "normal", "high", "unknownFutureValue"]),
        enum_def("microsoft.graph.emptyEnum", &[]),
    ];
    model_of(types, Vec::new())
}

/// Names that are keywords, prelude items, collide after case conversion, start with a
/// digit or carry `@` and `.`.
pub fn naming_model() -> Model {
    use Primitive::*;
    let mut types = vec![
        type_def(
            "microsoft.graph.option",
            TypeKind::Complex,
            None,
            vec![
                prop("type", prim(String)),
                prop("self", prim(String)),
                prop("Self", prim(String)),
                prop("crate", prim(String)),
                prop("super", prim(String)),
                prop("async", prim(String)),
                prop("displayName", prim(String)),
                prop("display_name", prim(String)),
                prop("DisplayName", prim(String)),
                prop("1stPlace", prim(Int32)),
                prop("@odata.type", prim(String)),
                prop("@odata.nextLink", prim(String)),
                prop("@microsoft.graph.downloadUrl", prim(String)),
                prop("additionalProperties", prim(String)),
                prop("Ünïcode", prim(String)),
                prop("@", prim(String)),
            ],
        ),
        type_def(
            "microsoft.graph.result",
            TypeKind::Complex,
            None,
            vec![prop("value", named("microsoft.graph.string"))],
        ),
        type_def(
            "microsoft.graph.string",
            TypeKind::Complex,
            None,
            Vec::new(),
        ),
        type_def("microsoft.graph.box", TypeKind::Complex, None, Vec::new()),
        type_def("microsoft.graph.Vec", TypeKind::Complex, None, Vec::new()),
        type_def("microsoft.graph.field", TypeKind::Complex, None, Vec::new()),
        type_def("microsoft.graph.self", TypeKind::Complex, None, Vec::new()),
        type_def("microsoft.graph.type", TypeKind::Complex, None, Vec::new()),
        type_def(
            "microsoft.graph.365App",
            TypeKind::Complex,
            None,
            Vec::new(),
        ),
        type_def(
            "microsoft.graph.htmlBody",
            TypeKind::Complex,
            None,
            Vec::new(),
        ),
        type_def(
            "microsoft.graph.HTMLBody",
            TypeKind::Complex,
            None,
            Vec::new(),
        ),
        type_def(
            "microsoft.graph.alert",
            TypeKind::Entity,
            None,
            vec![prop("id", prim(String))],
        ),
        type_def(
            "microsoft.graph.security",
            TypeKind::Entity,
            None,
            vec![list(prop(
                "alerts",
                named("microsoft.graph.security.alert"),
            ))],
        ),
        type_def(
            "microsoft.graph.security.alert",
            TypeKind::Entity,
            None,
            vec![
                prop("id", prim(String)),
                prop("legacy", named("microsoft.graph.alert")),
                prop("status", named("microsoft.graph.security.alertStatus")),
            ],
        ),
        enum_def(
            "microsoft.graph.security.alertStatus",
            &["new", "inProgress", "resolved", "unknownFutureValue"],
        ),
        enum_def(
            "microsoft.graph.odd",
            &[
                "self",
                "Self",
                "other",
                "1080p",
                "none",
                "None",
                "a-b",
                "a_b",
                "unknownFutureValue",
            ],
        ),
    ];
    types.sort_by(|a, b| a.name.cmp(&b.name));
    let mut typed = op("type-get", 20, "", "GET", "/types/{type}/self/{self}");
    typed
        .path_params
        .iter_mut()
        .for_each(|p| p.description = "Which one; use `<id>` [here].".to_string());
    let operations = vec![
        returns(
            op("user-list-messages", 10, "outlook", "GET", "/me/messages"),
            200,
            Some(named("microsoft.graph.option")),
            true,
        ),
        returns(
            op(
                "user-list-messages",
                11,
                "outlook",
                "GET",
                "/users/{id}/messages",
            ),
            200,
            Some(named("microsoft.graph.option")),
            true,
        ),
        // The same route with another placeholder name: emitted once.
        returns(
            op(
                "message-list",
                12,
                "outlook",
                "GET",
                "/users/{user-id}/messages",
            ),
            200,
            Some(named("microsoft.graph.option")),
            true,
        ),
        // Same name after conversion, different route: numbered.
        returns(
            op(
                "message-list-odd",
                13,
                "outlook",
                "GET",
                "/users/{user_id}/Messages/extra",
            ),
            200,
            None,
            false,
        ),
        returns(
            op(
                "message-list-odd",
                14,
                "outlook",
                "GET",
                "/users/{userId}/messages_extra",
            ),
            200,
            None,
            false,
        ),
        typed,
        returns(
            op("default-area", 21, "default", "GET", "/defaults"),
            204,
            None,
            false,
        ),
        returns(
            op("general-area", 22, "General", "GET", "/general"),
            204,
            None,
            false,
        ),
        returns(
            op("async-area", 23, "async", "DELETE", "/async/{async}"),
            204,
            None,
            false,
        ),
        returns(op("head", 24, "outlook", "HEAD", "/me"), 200, None, false),
    ];
    model_of(types, operations)
}

/// Endpoints: bodies, responses, query parameters, path encodings, permissions, functions.
pub fn endpoints_model() -> Model {
    use Primitive::*;
    let types = vec![
        type_def(
            ENTITY,
            TypeKind::Entity,
            None,
            vec![prop("id", prim(String))],
        ),
        type_def(
            "microsoft.graph.chatMessage",
            TypeKind::Entity,
            Some(ENTITY),
            vec![
                prop("body", named("microsoft.graph.itemBody")),
                prop("chatId", prim(String)),
            ],
        ),
        type_def(
            "microsoft.graph.itemBody",
            TypeKind::Complex,
            None,
            vec![
                prop("content", prim(String)),
                prop("contentType", named("microsoft.graph.bodyType")),
            ],
        ),
        enum_def("microsoft.graph.bodyType", &["text", "html"]),
        type_def(
            "microsoft.graph.recipient",
            TypeKind::Complex,
            None,
            vec![prop("address", prim(String))],
        ),
        type_def(
            "microsoft.graph.reportRoot",
            TypeKind::Entity,
            Some(ENTITY),
            Vec::new(),
        ),
        type_def(
            "microsoft.graph.mobileApp",
            TypeKind::Entity,
            Some(ENTITY),
            vec![prop("displayName", prim(String))],
        ),
        type_def(
            "microsoft.graph.mobileLobApp",
            TypeKind::Entity,
            Some("microsoft.graph.mobileApp"),
            Vec::new(),
        ),
        type_def(
            "microsoft.graph.androidLobApp",
            TypeKind::Entity,
            Some("microsoft.graph.mobileLobApp"),
            vec![prop("packageId", prim(String))],
        ),
        type_def(
            "microsoft.graph.iosLobApp",
            TypeKind::Entity,
            Some("microsoft.graph.mobileLobApp"),
            vec![prop("bundleId", prim(String))],
        ),
    ];
    // One request line, documented once per derived type: emitted once, on the common base.
    let create_app = |page: &str, line: u32, ty: &str| {
        returns(
            with_body(
                op(
                    page,
                    line,
                    "intune",
                    "POST",
                    "/deviceAppManagement/mobileApps",
                ),
                RequestBody::Type {
                    type_ref: named(ty),
                    collection: false,
                },
            ),
            201,
            Some(named(ty)),
            false,
        )
    };
    let mut send = op(
        "chat-post-messages",
        31,
        "microsoft-teams",
        "POST",
        "/chats/{chat-id}/messages",
    );
    send.title = "Send message in a chat".to_string();
    send.description =
        "Send a new [chatMessage](../resources/chatmessage.md) in the specified chat.".to_string();
    send.permissions = Permissions {
        delegated_work: Some(vec![
            "ChatMessage.Send".to_string(),
            "Chat.ReadWrite".to_string(),
        ]),
        delegated_personal: Some(Vec::new()),
        application: Some(Vec::new()),
        by_resource: Vec::new(),
    };
    let send = returns(
        with_body(
            send,
            RequestBody::Type {
                type_ref: named("microsoft.graph.chatMessage"),
                collection: false,
            },
        ),
        201,
        Some(named("microsoft.graph.chatMessage")),
        false,
    );
    let mut list_messages = returns(
        op(
            "chat-list-messages",
            30,
            "microsoft-teams",
            "GET",
            "/chats/{chat-id}/messages",
        ),
        200,
        Some(named("microsoft.graph.chatMessage")),
        true,
    );
    list_messages.query_params = vec![
        param("$top", ParameterLocation::Query, prim(Int32), false),
        param("model", ParameterLocation::Query, prim(String), false),
        param(
            "includeHidden",
            ParameterLocation::Query,
            prim(Boolean),
            false,
        ),
        param("maxCount", ParameterLocation::Query, prim(Int64), false),
    ];
    list_messages.query_options = DocumentedQueryOptions {
        statement: QueryStatement::Named,
        named: [SystemQueryOption::Select, SystemQueryOption::Top].into(),
        ruled_out: Default::default(),
        line: 28,
    };
    let mut calendar_view = returns(
        op(
            "user-list-calendarview",
            40,
            "outlook",
            "GET",
            "/me/calendarView",
        ),
        200,
        Some(named("microsoft.graph.chatMessage")),
        true,
    );
    calendar_view.query_params = vec![
        param(
            "startDateTime",
            ParameterLocation::Query,
            prim(String),
            true,
        ),
        param("endDateTime", ParameterLocation::Query, prim(String), true),
        param("limit", ParameterLocation::Query, prim(Int32), true),
    ];
    calendar_view.query_options = DocumentedQueryOptions {
        statement: QueryStatement::AllSupported,
        named: Default::default(),
        ruled_out: [SystemQueryOption::Search].into(),
        line: 38,
    };
    let mut send_mail_params = vec![
        param(
            "message",
            ParameterLocation::Body,
            named("microsoft.graph.chatMessage"),
            true,
        ),
        param(
            "saveToSentItems",
            ParameterLocation::Body,
            prim(Boolean),
            false,
        ),
        param("type", ParameterLocation::Body, prim(String), false),
    ];
    send_mail_params.push({
        let mut p = param(
            "toRecipients",
            ParameterLocation::Body,
            named("microsoft.graph.recipient"),
            false,
        );
        p.collection = true;
        p
    });
    let operations = vec![
        list_messages,
        send,
        returns(
            with_body(
                op(
                    "chatmessage-update",
                    50,
                    "microsoft-teams",
                    "PATCH",
                    "/chats/{chat-id}/messages/{message-id}",
                ),
                RequestBody::Type {
                    type_ref: named("microsoft.graph.chatMessage"),
                    collection: false,
                },
            ),
            204,
            None,
            false,
        ),
        Operation {
            // A required header the caller must give; the token is the client's.
            header_params: vec![
                param(
                    "Authorization",
                    ParameterLocation::Header,
                    prim(String),
                    true,
                ),
                param("If-Match", ParameterLocation::Header, prim(String), true),
                param("Prefer", ParameterLocation::Header, prim(String), false),
            ],
            ..returns(
                op(
                    "chatmessage-delete",
                    51,
                    "microsoft-teams",
                    "DELETE",
                    "/chats/{chat-id}/messages/{message-id}",
                ),
                204,
                None,
                false,
            )
        },
        Operation {
            mime_body: true,
            ..returns(
                with_body(
                    op("user-sendmail", 60, "outlook", "POST", "/me/sendMail"),
                    RequestBody::Parameters {
                        parameters: send_mail_params,
                    },
                ),
                202,
                None,
                false,
            )
        },
        calendar_view,
        returns(
            with_body(
                op(
                    "driveitem-put-content",
                    70,
                    "files",
                    "PUT",
                    "/me/drive/root:/{item-path}:/content",
                ),
                RequestBody::Stream { content_type: None },
            ),
            201,
            Some(named("microsoft.graph.chatMessage")),
            false,
        ),
        returns(
            with_body(
                op(
                    "profilephoto-update",
                    71,
                    "files",
                    "PUT",
                    "/me/photo/$value",
                ),
                RequestBody::Stream {
                    content_type: Some("image/jpeg".to_string()),
                },
            ),
            204,
            None,
            false,
        ),
        returns(
            op("profilephoto-get", 72, "files", "GET", "/me/photo/$value"),
            200,
            Some(prim(Stream)),
            false,
        ),
        returns(
            op(
                "reportroot-getemailactivityuserdetail",
                80,
                "reports",
                "GET",
                "/reports/getEmailActivityUserDetail(period='{period_value}')",
            ),
            302,
            None,
            false,
        ),
        returns(
            op(
                "reportroot-getemailactivityuserdetail",
                81,
                "reports",
                "GET",
                "/reports/getEmailActivityUserDetail(date={date_value})",
            ),
            302,
            None,
            false,
        ),
        returns(
            op("user-list-count", 90, "users", "GET", "/users/$count"),
            200,
            Some(prim(Int32)),
            false,
        ),
        returns(
            op(
                "mailboxsettings-timezone",
                91,
                "outlook",
                "GET",
                "/me/mailboxSettings/timeZone",
            ),
            200,
            Some(prim(String)),
            false,
        ),
        returns(
            op(
                "user-delta",
                92,
                "users",
                "GET",
                "/users/microsoft.graph.delta()",
            ),
            200,
            Some(named("microsoft.graph.chatMessage")),
            true,
        ),
        returns(
            op(
                "site-search",
                93,
                "sharepoint",
                "GET",
                "/sites?search={query}",
            ),
            200,
            Some(named("microsoft.graph.chatMessage")),
            true,
        ),
        returns(
            op(
                "group-remove-member",
                94,
                "groups",
                "DELETE",
                "/groups/{id}/members/{member-id}/$ref",
            ),
            204,
            None,
            false,
        ),
        returns(
            with_body(
                op(
                    "group-add-member",
                    95,
                    "groups",
                    "POST",
                    "/groups/{id}/members/$ref",
                ),
                RequestBody::Parameters {
                    parameters: Vec::new(),
                },
            ),
            204,
            None,
            false,
        ),
        returns(
            op(
                "user-check",
                96,
                "users",
                "POST",
                "/users/{id}/checkMemberGroups",
            ),
            200,
            Some(prim(String)),
            true,
        ),
        returns(
            op(
                "user-undefined",
                97,
                "users",
                "GET",
                "/users/{id}/undefined",
            ),
            200,
            Some(named("microsoft.graph.missing")),
            false,
        ),
        returns(
            with_body(
                op("user-tags", 98, "users", "POST", "/users/{id}/tags"),
                RequestBody::Type {
                    type_ref: prim(String),
                    collection: true,
                },
            ),
            200,
            Some(named("microsoft.graph.bodyType")),
            false,
        ),
        create_app(
            "intune-apps-androidlobapp-create",
            100,
            "microsoft.graph.androidLobApp",
        ),
        create_app(
            "intune-apps-ioslobapp-create",
            100,
            "microsoft.graph.iosLobApp",
        ),
    ];
    model_of(types, operations)
}

/// Input a careful reader would reject: base cycles, self-bases, enums as bases, empty
/// paths, odd method casing, unterminated placeholders, empty and clashing names.
pub fn odd_model() -> Model {
    use Primitive::*;
    let mut selfish = type_def(
        "microsoft.graph.selfish",
        TypeKind::Complex,
        Some("microsoft.graph.selfish"),
        vec![prop("me", named("microsoft.graph.selfish"))],
    );
    selfish.description =
        "<p>Has <b>itself</b> as base [sic]</p>\n```\nlet x = 1;\n```\n    indented".to_string();
    let types = vec![
        type_def(
            "microsoft.graph.loopA",
            TypeKind::Entity,
            Some("microsoft.graph.loopB"),
            vec![prop("a", prim(String))],
        ),
        type_def(
            "microsoft.graph.loopB",
            TypeKind::Entity,
            Some("microsoft.graph.loopA"),
            vec![prop("b", prim(String))],
        ),
        type_def(
            "microsoft.graph.holder",
            TypeKind::Complex,
            None,
            vec![
                prop("loop", named("microsoft.graph.loopA")),
                list(prop("colours", named("microsoft.graph.colour"))),
            ],
        ),
        selfish,
        enum_def("microsoft.graph.colour", &["red", "red", "", "Red"]),
        type_def(
            "microsoft.graph.fromEnum",
            TypeKind::Complex,
            Some("microsoft.graph.colour"),
            Vec::new(),
        ),
        type_def(
            "microsoft.graph.orphan",
            TypeKind::Complex,
            Some("microsoft.graph.nowhere"),
            vec![prop("", prim(String))],
        ),
        type_def(
            "microsoft.graph.deep.er.nested",
            TypeKind::Complex,
            None,
            vec![prop("x", named("microsoft.graph.holder"))],
        ),
    ];
    let mut empty_name = op("odd-empty", 1, "", "get", "/");
    empty_name.path_params.clear();
    let mut unterminated = op("odd-unterminated", 2, "", "GET", "/odd/{open");
    unterminated.query_params = vec![
        param("", ParameterLocation::Query, prim(String), false),
        param("$select", ParameterLocation::Query, prim(String), false),
        param("when", ParameterLocation::Query, prim(DateTimeOffset), true),
    ];
    let operations = vec![
        empty_name,
        unterminated,
        returns(
            op("odd-twice", 3, "", "GET", "/odd/{id}/x/{id}"),
            200,
            Some(named("microsoft.graph.holder")),
            false,
        ),
        returns(
            op(
                "odd-query",
                4,
                "",
                "GET",
                "/odd?$filter=name eq '{name}'&top=5",
            ),
            200,
            Some(named("microsoft.graph.loopA")),
            true,
        ),
        returns(
            op("odd-enum", 5, "", "GET", "/odd/colour"),
            200,
            Some(named("microsoft.graph.colour")),
            true,
        ),
    ];
    model_of(types, operations)
}

/// All fixture models in one, for a crate that is compiled and exercised.
pub fn combined_model() -> Model {
    let mut combined = types_model();
    for model in [naming_model(), endpoints_model(), odd_model()] {
        for (name, def) in model.types {
            combined.types.entry(name).or_insert(def);
        }
        combined.operations.extend(model.operations);
    }
    combined
}

/// The workspace root (the generator crate's parent).
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Writes a generated crate to `dir` (emptied first), with a runtime dependency on this
/// workspace's runtime and a copy of the workspace lock file so dependency versions match.
pub fn write_crate(model: &Model, dir: &std::path::Path, crate_name: &str) -> GeneratedCrate {
    let runtime = workspace_root().join("runtime");
    let runtime = runtime.canonicalize().unwrap_or(runtime);
    let options = EmitOptions {
        crate_name: crate_name.to_string(),
        runtime_dependency: graphgen::emit::RuntimeDependency::path(runtime.display().to_string()),
        ..EmitOptions::default()
    };
    let generated = generate_crate(model, &options);
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("remove old generated crate");
    }
    for (path, content) in &generated.files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).expect("create directory");
        }
        std::fs::write(&target, content).expect("write generated file");
    }
    let lock = workspace_root().join("Cargo.lock");
    if lock.exists() {
        std::fs::copy(&lock, dir.join("Cargo.lock")).expect("copy lock file");
    }
    generated
}

/// Runs cargo in `dir` with the shared target directory; returns (success, stderr), timing it.
pub fn cargo(
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (bool, String, std::time::Duration) {
    let target = workspace_root().join("target").join("emit-check");
    let started = std::time::Instant::now();
    let mut command = std::process::Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target);
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run cargo");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        started.elapsed(),
    )
}
