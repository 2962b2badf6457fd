//! The README's resource-tree examples over real HTTP on loopback: users listed with
//! `$select` across two pages (a small server that checks the query and pages), an upload
//! session created and a mail with an attachment sent (the docs-driven mock), and the tree
//! building exactly the requests the endpoint functions build, with the query options their
//! pages document and no others.

use std::path::Path;
use std::sync::Arc;

use graphgen_runtime::primitives::Base64Bytes;
use graphgen_runtime::{documented, Client, Field, Request};
use msgraph::types::{
    AnyAttachment, AnyMessage, DriveItemUploadableProperties, EmailAddress, FileAttachment,
    ItemBody, Message, Recipient, User,
};
use msgraph::Graph;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn client(address: std::net::SocketAddr) -> Client {
    Client::builder()
        .base_url(format!("http://{address}/v1.0"))
        .allow_insecure_http(true)
        .bearer_token("test-token")
        .build()
        .expect("client")
}

/// The docs-driven mock on a loopback port.
async fn mock() -> (std::net::SocketAddr, tokio::task::JoinHandle<()>) {
    let model = graphgen::Config::new()
        .docs(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input/v1.0"))
        .read_model()
        .expect("docs-input/v1.0 reads");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let index = Arc::new(graphgen::mock::MockIndex::new(&model));
    let server = tokio::spawn(async move {
        let _ = graphgen::mock::serve_listener(index, listener).await;
    });
    (address, server)
}

#[test]
fn tree_leaves_build_the_endpoint_requests() {
    let tree = Graph
        .users()
        .id("u1")
        .messages()
        .id("m1")
        .attachments()
        .list();
    let flat = msgraph::endpoints::outlook::get_users_by_id_messages_by_id_attachments("u1", "m1");
    assert_eq!(tree.path_and_query(), flat.path_and_query());
    assert_eq!(tree.path(), "/users/u1/messages/m1/attachments");

    let me = Graph
        .me()
        .drive()
        .root_path("Documents/a b.txt")
        .content()
        .get();
    assert_eq!(me.path(), "/me/drive/root:/Documents/a%20b.txt:/content");

    let role = Graph
        .directory_roles()
        .role_template_id("t-1")
        .members()
        .list();
    assert_eq!(role.path(), "/directoryRoles/roleTemplateId=t-1/members");
}

/// Serves `GET /v1.0/users` in two pages and records each request target.
async fn two_pages_of_users() -> (std::net::SocketAddr, tokio::task::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let server = tokio::spawn(async move {
        let mut targets = Vec::new();
        for page in 0..2 {
            let (mut socket, _) = listener.accept().await.expect("accept");
            let mut head = Vec::new();
            let mut buffer = [0u8; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                let read = socket.read(&mut buffer).await.expect("read");
                if read == 0 {
                    break;
                }
                head.extend_from_slice(&buffer[..read]);
            }
            let text = String::from_utf8_lossy(&head).to_string();
            let target = text.split(' ').nth(1).unwrap_or_default().to_string();
            targets.push(target);
            let body = if page == 0 {
                format!(
                    r#"{{"@odata.nextLink":"http://{address}/v1.0/users?$select=id,displayName&$skiptoken=X1","value":[{{"id":"1","displayName":"Adele"}},{{"id":"2","displayName":"Alex"}}]}}"#
                )
            } else {
                r#"{"value":[{"id":"3","displayName":"Megan"}]}"#.to_string()
            };
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            socket.write_all(response.as_bytes()).await.expect("write");
            let _ = socket.shutdown().await;
        }
        targets
    });
    (address, server)
}

#[tokio::test]
async fn users_are_listed_with_select_across_pages() {
    let (address, server) = two_pages_of_users().await;
    let graph = client(address);

    let list = Graph
        .users()
        .list()
        .select([User::ID, User::DISPLAY_NAME])
        .top(2);
    let users = graph.collect_all(list).await.expect("two pages");

    let names: Vec<&str> = users
        .items
        .iter()
        .filter_map(|user| user.display_name.value().map(String::as_str))
        .collect();
    assert_eq!(names, ["Adele", "Alex", "Megan"]);
    assert_eq!(users.pages, 2);
    let targets = server.await.expect("server");
    assert_eq!(
        targets,
        [
            "/v1.0/users?$select=id%2CdisplayName&$top=2",
            "/v1.0/users?$select=id,displayName&$skiptoken=X1"
        ]
    );
}

#[tokio::test]
async fn an_upload_session_is_created_for_a_path() {
    let (address, server) = mock().await;
    let graph = client(address);

    let body = msgraph::endpoints::sharepoint::PostMeDriveRootByItemPathCreateUploadSessionBody {
        item: Field::Value(DriveItemUploadableProperties {
            name: Field::Value("report.pdf".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let request = Graph
        .me()
        .drive()
        .root_path("Reports/report.pdf")
        .create_upload_session()
        .post(&body);
    assert_eq!(
        request.path(),
        "/me/drive/root:/Reports/report.pdf:/createUploadSession"
    );
    let session = graph.send(request).await.expect("the documented session");
    let url = session.upload_url.value().map(String::as_str);
    assert!(
        url.is_some_and(|u| u.starts_with("https://")),
        "an upload URL: {url:?}"
    );
    server.abort();
}

#[tokio::test]
async fn a_mail_with_an_attachment_is_sent() {
    let (address, server) = mock().await;
    let graph = client(address);

    let attachment = FileAttachment {
        name: Field::Value("menu.txt".into()),
        content_bytes: Field::Value(Base64Bytes(b"Pizza".to_vec())),
        ..Default::default()
    };
    let message = Message {
        subject: Field::Value("Lunch".into()),
        body: Field::Value(ItemBody {
            content: "See the menu.".into(),
            ..Default::default()
        }),
        to_recipients: Field::Value(vec![Recipient {
            email_address: Field::Value(EmailAddress {
                address: Field::Value("adele@contoso.com".into()),
                ..Default::default()
            }),
            ..Default::default()
        }
        .into()]),
        attachments: Field::Value(vec![AnyAttachment::FileAttachment(Box::new(attachment))]),
        ..Default::default()
    };
    let body = msgraph::endpoints::outlook::PostMeSendMailBody {
        message: Field::Value(AnyMessage::Message(Box::new(message))),
        save_to_sent_items: Field::Value(false),
        ..Default::default()
    };
    let request = Graph.me().send_mail().post(&body);
    let sent = request.body().clone();
    graph.send(request).await.expect("202 Accepted");

    let graphgen_runtime::Body::Json(json) = sent else {
        panic!("a JSON body");
    };
    let attachment = &json["message"]["attachments"][0];
    assert_eq!(attachment["@odata.type"], "#microsoft.graph.fileAttachment");
    assert_eq!(attachment["contentBytes"], "UGl6emE=");
    server.abort();
}

/// Which of `$filter` and `$top` a request's type lets it set, read at compile time: a method
/// of an inherent impl bounded by the option's trait wins over the trait's fallback only where
/// the request's marker implements it.
macro_rules! documents {
    ($request:expr) => {{
        struct Probe<Q>(std::marker::PhantomData<Q>);
        #[allow(dead_code)]
        trait Undocumented {
            fn filter(&self) -> bool {
                false
            }
            fn top(&self) -> bool {
                false
            }
        }
        impl<Q> Undocumented for Probe<Q> {}
        #[allow(dead_code)]
        impl<Q: documented::Filter> Probe<Q> {
            fn filter(&self) -> bool {
                true
            }
        }
        #[allow(dead_code)]
        impl<Q: documented::Top> Probe<Q> {
            fn top(&self) -> bool {
                true
            }
        }
        fn probe<R, Q>(_: &Request<R, Q>) -> Probe<Q> {
            Probe(std::marker::PhantomData)
        }
        let probe = probe(&$request);
        (probe.filter(), probe.top())
    }};
}

#[test]
fn requests_take_the_options_their_pages_document() {
    // user-list.md: "supports the OData query parameters ..., including $search, $count".
    assert_eq!(documents!(Graph.users().list()), (true, true));
    // chat-list-messages.md: `$top`; "the other OData query parameters are not supported".
    assert_eq!(
        documents!(Graph.chats().id("c").messages().list()),
        (false, true)
    );
    // directoryrole-list.md: "does not support the OData query parameters".
    assert_eq!(documents!(Graph.directory_roles().list()), (false, false));
    // The escape hatch still sets what a page leaves out.
    let request = Graph
        .chats()
        .id("c")
        .messages()
        .list()
        .top(5)
        .with_options(&graphgen_runtime::QueryOptions::new().filter("x"));
    assert_eq!(
        request.path_and_query(),
        "/chats/c/messages?$top=5&$filter=x"
    );
}
