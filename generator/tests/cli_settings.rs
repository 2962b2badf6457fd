//! The command with `graphgen.toml`: no flags reproduce the file's crates, flags replace
//! settings, and a bad file or a missing output folder is a usage error (exit 2).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seed")
        .canonicalize()
        .unwrap()
}

fn graphgen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_graphgen"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write_settings(dir: &Path, extra: &str) {
    let text = format!(
        "[[crate]]\nname = \"teams\"\ndocs = [{:?}]\nout = \"client\"\nexample_tests = false\n{extra}",
        docs_input().display().to_string()
    );
    std::fs::write(dir.join("graphgen.toml"), text).unwrap();
}

#[test]
fn no_flags_generate_and_check_the_crates_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write_settings(dir.path(), "[crate.runtime]\nversion = \"0.1\"\n");
    let generated = graphgen(dir.path(), &["generate"]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    let manifest = std::fs::read_to_string(dir.path().join("client/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"teams\"")
            && manifest.contains("graphgen-runtime = { version = \"0.1\" }"),
        "{manifest}"
    );
    assert!(!dir.path().join("client/tests/examples.rs").exists());

    let checked = graphgen(dir.path(), &["check"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(
        stderr(&checked).contains("client is up to date"),
        "{}",
        stderr(&checked)
    );

    // A flag replaces its setting, so the committed crate now differs.
    let stale = graphgen(
        dir.path(),
        &[
            "check",
            "--config",
            "graphgen.toml",
            "--runtime-path",
            "../runtime",
        ],
    );
    assert_eq!(stale.status.code(), Some(1), "{}", stderr(&stale));
    assert!(
        stderr(&stale).contains("modified Cargo.toml"),
        "{}",
        stderr(&stale)
    );
}

#[test]
fn docs_and_out_flags_run_without_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // The file would fail; `--docs`/`--out` do not read it.
    std::fs::write(dir.path().join("graphgen.toml"), "nonsense = 1\n").unwrap();
    let docs = docs_input();
    let output = graphgen(
        dir.path(),
        &[
            "generate",
            "--docs",
            docs.to_str().unwrap(),
            "--out",
            "adhoc",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(dir.path().join("adhoc/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"msgraph\"") && manifest.contains("[workspace]"),
        "{manifest}"
    );
}

#[test]
fn a_bad_settings_file_is_a_usage_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write_settings(dir.path(), "outdir = \"x\"\n");
    let output = graphgen(dir.path(), &["generate"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("graphgen.toml:6:1: unknown field `outdir`, expected one of"),
        "{message}"
    );
    assert!(!dir.path().join("client").exists());
}

#[test]
fn without_a_file_or_out_there_is_nowhere_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let output = graphgen(dir.path(), &["generate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no output folder"),
        "{}",
        stderr(&output)
    );
    let named = graphgen(dir.path(), &["check", "--crate", "msgraph"]);
    assert_eq!(named.status.code(), Some(2));
    assert!(
        stderr(&named).contains("--crate msgraph picks a crate of a settings file"),
        "{}",
        stderr(&named)
    );
}

#[test]
fn out_with_several_crates_needs_a_crate_name() {
    let dir = tempfile::tempdir().unwrap();
    let docs = format!("{:?}", docs_input().display().to_string());
    let text = format!(
        "[[crate]]\nname = \"a\"\ndocs = [{docs}]\nout = \"a\"\n[[crate]]\nname = \"b\"\ndocs = [{docs}]\nout = \"b\"\n"
    );
    std::fs::write(dir.path().join("settings.toml"), text).unwrap();
    let output = graphgen(
        dir.path(),
        &["generate", "--config", "settings.toml", "--out", "x"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("pick one with --crate"),
        "{}",
        stderr(&output)
    );
    let picked = graphgen(
        dir.path(),
        &[
            "generate",
            "--config",
            "settings.toml",
            "--crate",
            "b",
            "--out",
            "x",
            "--no-example-tests",
        ],
    );
    assert!(picked.status.success(), "{}", stderr(&picked));
    assert!(std::fs::read_to_string(dir.path().join("x/Cargo.toml"))
        .unwrap()
        .contains("name = \"b\""));
    let lint = graphgen(dir.path(), &["model", "--config", "settings.toml"]);
    assert_eq!(lint.status.code(), Some(2), "{}", stderr(&lint));
}
