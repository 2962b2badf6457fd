use super::*;

fn parse(text: &str) -> Result<Settings, SettingsError> {
    Settings::parse(text, Path::new("conf/graphgen.toml"))
}

fn error(text: &str) -> String {
    parse(text).expect_err("settings rejected").to_string()
}

const MINIMAL: &str =
    "[[crate]]\nname = \"msgraph\"\ndocs = [\"docs-input/v1.0\"]\nout = \"generated\"\n";

#[test]
fn paths_are_relative_to_the_file_and_the_rest_defaults() {
    let settings = parse(MINIMAL).unwrap();
    let krate = &settings.crates[0];
    assert_eq!(krate.docs, [PathBuf::from("conf/docs-input/v1.0")]);
    assert_eq!(krate.out, Some(PathBuf::from("conf/generated")));
    assert_eq!(krate.version, "0.1.0");
    assert_eq!(krate.runtime, RuntimeDependency::path("../runtime"));
    assert!(krate.example_tests && !krate.workspace_member);
}

#[test]
fn every_key_is_read() {
    let text = r#"
[[crate]]
name = "msgraph-beta"
docs = ["a", "b"]
out = "beta"
include = ["microsoft-teams"]
exclude = ["chat-post-messages"]
known_broken = "broken.json"
version = "0.2.0-alpha.1"
example_tests = false
workspace_member = true
description = "Beta"
license = "MIT"
repository = "https://example.com/graphgen"
keywords = ["graph"]
categories = ["api-bindings"]
[crate.runtime]
path = "../runtime"
version = "0.1"
"#;
    let krate = parse(text).unwrap().crates.remove(0);
    assert_eq!(krate.name, "msgraph-beta");
    assert_eq!(krate.docs.len(), 2);
    assert_eq!(krate.include, ["microsoft-teams"]);
    assert_eq!(krate.known_broken, Some(PathBuf::from("conf/broken.json")));
    assert!(!krate.example_tests && krate.workspace_member);
    assert_eq!(krate.runtime.version.as_deref(), Some("0.1"));
    assert_eq!(krate.runtime.path.as_deref(), Some("../runtime"));
    assert_eq!(krate.package.license, "MIT");
    assert_eq!(
        krate.package.repository.as_deref(),
        Some("https://example.com/graphgen")
    );
}

#[test]
fn an_unknown_key_names_its_line_and_the_keys_expected() {
    let message = error(&format!("{MINIMAL}outt = \"x\"\n"));
    assert!(
        message.starts_with("conf/graphgen.toml:5:1: unknown field `outt`, expected one of `name`"),
        "{message}"
    );
    assert!(message.contains("5 | outt = \"x\""), "{message}");
}

#[test]
fn a_value_of_the_wrong_kind_names_its_line() {
    let message =
        error("[[crate]]\nname = \"msgraph\"\ndocs = \"docs-input\"\nout = \"generated\"\n");
    assert!(message.starts_with("conf/graphgen.toml:3:8:"), "{message}");
    assert!(
        message.contains("expected a sequence") || message.contains("invalid type"),
        "{message}"
    );
}

#[test]
fn a_missing_key_is_named() {
    let message = error("[[crate]]\nname = \"msgraph\"\nout = \"generated\"\n");
    assert!(message.contains("missing field `docs`"), "{message}");
    assert!(message.starts_with("conf/graphgen.toml:1:"), "{message}");
}

#[test]
fn broken_toml_names_its_line() {
    let message = error("[[crate]]\nname = \"msgraph\n");
    assert!(message.starts_with("conf/graphgen.toml:2:"), "{message}");
}

#[test]
fn no_crate_is_an_error() {
    assert_eq!(
        error("# nothing\n"),
        "conf/graphgen.toml: expected at least one [[crate]] table (name, docs, out)"
    );
}

#[test]
fn values_cargo_would_reject_are_caught_with_their_line() {
    let bad_name = error("[[crate]]\nname = \"ms graph\"\ndocs = [\"d\"]\nout = \"o\"\n");
    assert!(
        bad_name.starts_with("conf/graphgen.toml:2:8: `ms graph` is not a crate name"),
        "{bad_name}"
    );
    let bad_version = error(&format!("{MINIMAL}version = \"1.0\"\n"));
    assert!(
        bad_version.starts_with("conf/graphgen.toml:5:11: `1.0` is not a version"),
        "{bad_version}"
    );
    let no_runtime = error(&format!("{MINIMAL}[crate.runtime]\n"));
    assert!(
        no_runtime.contains("expected `path` or `version`"),
        "{no_runtime}"
    );
    let bad_requirement = error(&format!("{MINIMAL}[crate.runtime]\nversion = \"latest\"\n"));
    assert!(
        bad_requirement
            .starts_with("conf/graphgen.toml:6:11: `latest` is not a version requirement"),
        "{bad_requirement}"
    );
    let runtime_typo = error(&format!("{MINIMAL}[crate.runtime]\nversoin = \"0.1\"\n"));
    assert!(
        runtime_typo.contains("unknown field `versoin`, expected `path` or `version`"),
        "{runtime_typo}"
    );
    let no_docs = error("[[crate]]\nname = \"m\"\ndocs = []\nout = \"o\"\n");
    assert!(
        no_docs.contains("expected at least one docs folder"),
        "{no_docs}"
    );
}

#[test]
fn two_crates_may_not_share_a_name_or_a_folder() {
    let twice = format!("{MINIMAL}{}", MINIMAL.replace("generated", "other"));
    assert!(error(&twice).contains("a second crate named `msgraph`"));
    let same_out = format!("{MINIMAL}{}", MINIMAL.replace("\"msgraph\"", "\"beta\""));
    assert!(error(&same_out).contains("a second crate written to `generated`"));
}

#[test]
fn select_picks_by_name_or_the_only_crate() {
    let two = parse(&format!(
        "{MINIMAL}{}",
        MINIMAL.replace("msgraph", "beta").replace("generated", "b")
    ))
    .unwrap();
    assert_eq!(two.select(Some("beta")).unwrap().name, "beta");
    assert!(two
        .select(None)
        .unwrap_err()
        .to_string()
        .contains("2 crates are listed (`msgraph`, `beta`)"));
    assert!(two
        .select(Some("x"))
        .unwrap_err()
        .to_string()
        .contains("expected one of `msgraph`, `beta`"));
    assert_eq!(
        parse(MINIMAL).unwrap().select(None).unwrap().name,
        "msgraph"
    );
}
