//! Token providers against a token endpoint on 127.0.0.1: the forms they post, caching,
//! refresh before expiry, one fetch for concurrent callers, refusals.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use graphgen_runtime::identity::{
    ClientSecretCredential, DeviceCodeCredential, DeviceCodePrompt, EnvironmentCredential,
    RefreshTokenCredential, TokenOptions,
};
use graphgen_runtime::{Client, Cloud, Error, Json, Method, Path, Request, TokenProvider};

use crate::server::{Recorded, Reply, TestServer};

/// The form fields of a token request, decoded.
pub fn form(request: &Recorded) -> BTreeMap<String, String> {
    String::from_utf8_lossy(&request.body)
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| {
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (decode(name), decode(value))
        })
        .collect()
}

fn options(server: &TestServer) -> TokenOptions {
    TokenOptions::default()
        .authority_host(format!("http://{}", server.addr))
        .allow_insecure_http(true)
}

fn token_json(secret: &str, expires_in: u64) -> Reply {
    Reply::json(
        200,
        &format!(
            r#"{{"token_type":"Bearer","expires_in":{expires_in},"access_token":"{secret}"}}"#
        ),
    )
}

fn token_requests(server: &TestServer) -> Vec<Recorded> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.target.ends_with("/oauth2/v2.0/token"))
        .collect()
}

#[tokio::test]
async fn client_secret_tokens_are_fetched_once_for_concurrent_requests() {
    let server = TestServer::start(|_, request| {
        if request.target == "/tenant-1/oauth2/v2.0/token" {
            // Slow enough that every concurrent caller finds the cache empty.
            Reply::After(
                Duration::from_millis(200),
                Box::new(token_json("app-token-1", 3600)),
            )
        } else {
            Reply::json(200, r#"{"id":"u1"}"#)
        }
    })
    .await;
    let credential =
        ClientSecretCredential::new(&options(&server), "tenant-1", "client-9", "s3cr3t+/=")
            .expect("credential");
    let client = Client::builder()
        .base_url(server.base_url())
        .allow_insecure_http(true)
        .token_provider(credential)
        .build()
        .expect("client");
    let calls = (0..8).map(|_| {
        let client = client.clone();
        tokio::spawn(async move {
            let me: Request<Json<serde_json::Value>> =
                Request::new(Method::Get, Path::new().literal("me"));
            client.send(me).await
        })
    });
    for call in calls.collect::<Vec<_>>() {
        assert!(call.await.expect("joined").is_ok());
    }
    let tokens = token_requests(&server);
    assert_eq!(tokens.len(), 1, "one token request for eight callers");
    let sent = form(&tokens[0]);
    assert_eq!(sent["grant_type"], "client_credentials");
    assert_eq!(sent["client_id"], "client-9");
    assert_eq!(sent["client_secret"], "s3cr3t+/=");
    assert_eq!(sent["scope"], "https://graph.microsoft.com/.default");
    assert_eq!(
        tokens[0].header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let graph: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.target == "/v1.0/me")
        .collect();
    assert_eq!(graph.len(), 8);
    assert!(graph
        .iter()
        .all(|r| r.header("authorization") == Some("Bearer app-token-1")));
}

#[tokio::test]
async fn a_token_is_replaced_before_it_expires() {
    // The first token lives 20 s, inside the 30 s margin: the next call fetches again.
    let server = TestServer::start(|index, _| match index {
        0 => token_json("short", 20),
        n => token_json(&format!("long-{n}"), 3600),
    })
    .await;
    let credential = ClientSecretCredential::new(
        &options(&server).refresh_margin(Duration::from_secs(30)),
        "t",
        "c",
        "s",
    )
    .expect("credential");
    let mut seen = Vec::new();
    for _ in 0..3 {
        seen.push(
            credential
                .token()
                .await
                .expect("token")
                .secret()
                .to_string(),
        );
    }
    assert_eq!(seen, ["short", "long-1", "long-1"]);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn the_national_cloud_picks_the_graph_scope() {
    let server = TestServer::start(|_, _| token_json("cn", 3600)).await;
    let options = TokenOptions::new(Cloud::China)
        .authority_host(format!("http://{}", server.addr))
        .allow_insecure_http(true);
    let credential = ClientSecretCredential::new(&options, "t", "c", "s").expect("credential");
    credential.token().await.expect("token");
    assert_eq!(
        form(&server.requests()[0])["scope"],
        "https://microsoftgraph.chinacloudapi.cn/.default"
    );
}

#[tokio::test]
async fn a_refusal_is_a_token_error_without_the_secret() {
    let server = TestServer::start(|_, _| {
        Reply::json(
            401,
            r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: abc"}"#,
        )
    })
    .await;
    let credential = ClientSecretCredential::new(&options(&server), "t", "c", "wrong-secret-77")
        .expect("credential");
    let error = credential.token().await.expect_err("refused");
    let shown = error.to_string();
    assert!(matches!(error, Error::Token { .. }));
    assert!(shown.contains("invalid_client"), "{shown}");
    assert!(shown.contains("AADSTS7000215"), "{shown}");
    assert!(!shown.contains("wrong-secret-77"), "{shown}");
    assert!(!shown.contains("Trace ID"), "{shown}");
    assert_eq!(server.requests().len(), 1, "a refusal is not retried");
}

#[tokio::test]
async fn throttled_token_requests_wait_and_retry_but_failures_do_not() {
    let server = TestServer::start(|index, _| match index {
        0 => Reply::json(429, r#"{"error":"temporarily_unavailable"}"#)
            .with_header("Retry-After", "0"),
        _ => token_json("after-wait", 3600),
    })
    .await;
    let credential =
        ClientSecretCredential::new(&options(&server), "t", "c", "s").expect("credential");
    assert_eq!(
        credential.token().await.expect("token").secret(),
        "after-wait"
    );
    assert_eq!(server.requests().len(), 2);

    let failing = TestServer::start(|_, _| Reply::json(500, r#"{"error":"server_error"}"#)).await;
    let credential =
        ClientSecretCredential::new(&options(&failing), "t", "c", "s").expect("credential");
    assert!(credential.token().await.is_err());
    assert_eq!(
        failing.requests().len(),
        1,
        "a 500 without Retry-After is not retried"
    );
}

#[tokio::test]
async fn a_rotated_refresh_token_is_used_next_time() {
    let server = TestServer::start(|index, _| {
        Reply::json(
            200,
            &format!(
                r#"{{"access_token":"user-{index}","expires_in":1,"refresh_token":"rt-{}"}}"#,
                index + 1
            ),
        )
    })
    .await;
    let credential = RefreshTokenCredential::new(
        &options(&server).scopes(["User.Read"]),
        "common",
        "app",
        "rt-0",
    )
    .expect("credential");
    assert_eq!(credential.token().await.expect("first").secret(), "user-0");
    assert_eq!(credential.refresh_token(), "rt-1");
    // expires_in 1 is inside the margin: the second call redeems the rotated token.
    assert_eq!(credential.token().await.expect("second").secret(), "user-1");
    let sent: Vec<_> = server.requests().iter().map(form).collect();
    assert_eq!(sent[0]["grant_type"], "refresh_token");
    assert_eq!(sent[0]["refresh_token"], "rt-0");
    assert_eq!(sent[0]["scope"], "User.Read offline_access");
    assert_eq!(sent[1]["refresh_token"], "rt-1");
    assert!(!sent[0].contains_key("client_secret"));
}

#[tokio::test]
async fn the_device_code_flow_polls_until_the_user_signs_in() {
    let server = TestServer::start(|_, request| {
        let sent = form(request);
        match (request.target.as_str(), sent.get("grant_type").map(String::as_str)) {
            ("/organizations/oauth2/v2.0/devicecode", _) => Reply::json(
                200,
                r#"{"device_code":"dc-1","user_code":"ABCD-EFGH","verification_uri":"https://microsoft.com/devicelogin","expires_in":60,"interval":0,"message":"To sign in, enter ABCD-EFGH"}"#,
            ),
            (_, Some("urn:ietf:params:oauth:grant-type:device_code")) => {
                // Pending until the third poll.
                let polls = POLLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if polls < 2 {
                    Reply::json(400, r#"{"error":"authorization_pending","error_description":"pending"}"#)
                } else {
                    Reply::json(200, r#"{"access_token":"device-1","expires_in":1,"refresh_token":"rt-d"}"#)
                }
            }
            (_, Some("refresh_token")) if sent["refresh_token"] == "rt-d" => {
                Reply::json(200, r#"{"access_token":"device-2","expires_in":3600}"#)
            }
            _ => Reply::json(400, r#"{"error":"invalid_request"}"#),
        }
    })
    .await;
    static POLLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let prompts: Arc<Mutex<Vec<DeviceCodePrompt>>> = Arc::default();
    let shown = prompts.clone();
    let credential = DeviceCodeCredential::new(
        &options(&server),
        "organizations",
        "public-app",
        move |prompt| {
            if let Ok(mut all) = shown.lock() {
                all.push(prompt.clone());
            }
        },
    )
    .expect("credential");
    assert_eq!(
        credential.token().await.expect("signed in").secret(),
        "device-1"
    );
    let asked = prompts.lock().map(|p| p.clone()).unwrap_or_default();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].user_code, "ABCD-EFGH");
    assert_eq!(
        asked[0].verification_uri,
        "https://microsoft.com/devicelogin"
    );
    // The first token expires at once: the next one comes from the refresh token, silently.
    assert_eq!(
        credential.token().await.expect("refreshed").secret(),
        "device-2"
    );
    assert_eq!(prompts.lock().map(|p| p.len()).unwrap_or(0), 1);
    let sent: Vec<_> = server.requests().iter().map(form).collect();
    assert_eq!(sent.len(), 5, "device code, three polls, one refresh");
    assert_eq!(
        sent[0]["scope"],
        "https://graph.microsoft.com/.default offline_access"
    );
    assert_eq!(sent[3]["device_code"], "dc-1");
}

#[tokio::test]
async fn a_declined_device_sign_in_is_an_error() {
    let server = TestServer::start(|index, _| match index {
        0 => Reply::json(200, r#"{"device_code":"dc","user_code":"U","verification_uri":"https://v","expires_in":60,"interval":0}"#),
        _ => Reply::json(400, r#"{"error":"authorization_declined","error_description":"The user declined."}"#),
    })
    .await;
    let credential =
        DeviceCodeCredential::new(&options(&server), "t", "app", |_| {}).expect("credential");
    let error = credential.token().await.expect_err("declined").to_string();
    assert!(error.contains("authorization_declined"), "{error}");
}

#[tokio::test]
async fn the_environment_picks_the_credential_and_the_authority_host() {
    let server = TestServer::start(|_, _| token_json("from-env", 3600)).await;
    let host = format!("http://{}", server.addr);
    let vars = [
        ("AZURE_TENANT_ID", "env-tenant"),
        ("AZURE_CLIENT_ID", "env-client"),
        ("AZURE_CLIENT_SECRET", "env-secret"),
        ("AZURE_AUTHORITY_HOST", host.as_str()),
    ];
    let credential = EnvironmentCredential::from_lookup(
        &TokenOptions::default().allow_insecure_http(true),
        |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        },
    )
    .expect("credential");
    assert_eq!(
        credential.token().await.expect("token").secret(),
        "from-env"
    );
    let request = &server.requests()[0];
    assert_eq!(request.target, "/env-tenant/oauth2/v2.0/token");
    assert_eq!(form(request)["client_secret"], "env-secret");
}

#[cfg(feature = "certificate")]
mod certificate {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use graphgen_runtime::identity::ClientCertificateCredential;
    use graphgen_runtime::TokenProvider;
    use rsa::pkcs1v15::{Signature, VerifyingKey};
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::signature::Verifier;

    use super::{form, options, token_json};
    use crate::server::TestServer;

    const KEY: &str = include_str!("../fixtures/test-key.pem");
    const CERT: &str = include_str!("../fixtures/test-cert.pem");
    /// `openssl x509 -in test-cert.pem -outform DER | openssl dgst -sha1 -binary | base64url`.
    const THUMBPRINT: &str = "T_zj7hsx2tYW1RoFCHM4DGLi0a8";

    #[tokio::test]
    async fn the_client_assertion_is_signed_by_the_certificate_key() {
        let server = TestServer::start(|_, _| token_json("cert-token", 3600)).await;
        let credential =
            ClientCertificateCredential::new(&options(&server), "tenant-c", "client-c", KEY, CERT)
                .expect("credential");
        assert_eq!(credential.thumbprint(), THUMBPRINT);
        assert_eq!(
            credential.token().await.expect("token").secret(),
            "cert-token"
        );

        let request = &server.requests()[0];
        let sent = form(request);
        assert_eq!(sent["grant_type"], "client_credentials");
        assert_eq!(
            sent["client_assertion_type"],
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        );
        assert!(!sent.contains_key("client_secret"));
        let parts: Vec<&str> = sent["client_assertion"].split('.').collect();
        assert_eq!(parts.len(), 3);
        let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).expect("base64url");
        let header: serde_json::Value = serde_json::from_slice(&decode(parts[0])).expect("header");
        let claims: serde_json::Value = serde_json::from_slice(&decode(parts[1])).expect("claims");
        assert_eq!(header["alg"], "RS256");
        assert_eq!(header["x5t"], THUMBPRINT);
        let token_url = format!("http://{}/tenant-c/oauth2/v2.0/token", server.addr);
        assert_eq!(claims["aud"], token_url.as_str());
        assert_eq!(claims["iss"], "client-c");
        assert_eq!(claims["sub"], "client-c");
        let exp = claims["exp"].as_u64().unwrap_or(0);
        let nbf = claims["nbf"].as_u64().unwrap_or(u64::MAX);
        assert!(exp > nbf && exp - nbf <= 3600);

        let public = rsa::RsaPrivateKey::from_pkcs8_pem(KEY)
            .expect("key")
            .to_public_key();
        let verifier = VerifyingKey::<sha2::Sha256>::new(public);
        let signature = Signature::try_from(decode(parts[2]).as_slice()).expect("signature");
        let signed = format!("{}.{}", parts[0], parts[1]);
        assert!(verifier.verify(signed.as_bytes(), &signature).is_ok());
        assert!(verifier.verify(b"something else", &signature).is_err());
    }

    #[tokio::test]
    async fn one_pem_file_with_key_and_certificate_works_from_the_environment() {
        let server = TestServer::start(|_, _| token_json("env-cert", 3600)).await;
        let path = std::env::temp_dir().join(format!("graphgen-cert-{}.pem", std::process::id()));
        std::fs::write(&path, format!("{KEY}{CERT}")).expect("write PEM");
        let path_text = path.display().to_string();
        let host = format!("http://{}", server.addr);
        let vars = [
            ("AZURE_TENANT_ID", "t"),
            ("AZURE_CLIENT_ID", "c"),
            ("AZURE_CLIENT_CERTIFICATE_PATH", path_text.as_str()),
            ("AZURE_AUTHORITY_HOST", host.as_str()),
        ];
        let credential = graphgen_runtime::identity::EnvironmentCredential::from_lookup(
            &graphgen_runtime::identity::TokenOptions::default().allow_insecure_http(true),
            |name| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            },
        );
        let _ = std::fs::remove_file(&path);
        let token = credential
            .expect("credential")
            .token()
            .await
            .expect("token");
        assert_eq!(token.secret(), "env-cert");
        assert!(form(&server.requests()[0]).contains_key("client_assertion"));
    }

    #[test]
    fn a_pem_without_a_key_is_refused() {
        let error = ClientCertificateCredential::from_pem(
            &graphgen_runtime::identity::TokenOptions::default(),
            "t",
            "c",
            CERT,
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(error.contains("private key"), "{error}");
    }
}
