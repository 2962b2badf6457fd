//! `graphgen diff` on a real docs change: the vendored v1.0 reference of 2021-01
//! (`docs-input/v1.0-2021-01`) against that of 2021-07 (`docs-input/v1.0`). The summary's
//! counts are pinned in a snapshot; single entries were checked by reading both pages.
//! Then the workflow around it on small pages: `generate` records `api.json`, `check`
//! reports what changed in the API, and the crate's version follows.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use graphgen::diff::{self, ApiDiff, ApiSurface, ChangeKind, Impact, Location};

fn docs(folder: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../docs-input")
        .join(folder);
    assert!(
        dir.is_dir(),
        "the vendored docs are missing at {}",
        dir.display()
    );
    dir
}

/// The two revisions' APIs, read once for every test of this file.
fn surfaces() -> &'static (ApiSurface, ApiSurface) {
    static SURFACES: OnceLock<(ApiSurface, ApiSurface)> = OnceLock::new();
    SURFACES.get_or_init(|| {
        let read = |folder| {
            graphgen::Config::new()
                .docs(docs(folder))
                .read_api()
                .expect("docs read")
        };
        (read("v1.0-2021-01"), read("v1.0"))
    })
}

fn two_revisions() -> &'static ApiDiff {
    static DIFF: OnceLock<ApiDiff> = OnceLock::new();
    DIFF.get_or_init(|| {
        let (old, new) = surfaces();
        diff::diff_surfaces(old, new)
    })
}

fn find<'a>(diff: &'a ApiDiff, kind: ChangeKind, item: &str) -> Option<&'a diff::Change> {
    diff.changes
        .iter()
        .find(|change| change.kind == kind && change.item == item)
}

fn at(file: &str, line: u32) -> Option<Location> {
    Some(Location {
        file: file.to_string(),
        line,
    })
}

#[test]
fn summary_of_six_months_of_v1_0() {
    insta::assert_snapshot!(diff::render_markdown::summary(two_revisions()));
}

#[test]
fn a_property_added_to_an_existing_type() {
    // resources/application.md: the 2021-07 table has `| notes | String | Notes relevant
    // for the management of the application. |` (line 82); the 2021-01 table has no `notes`.
    let diff = two_revisions();
    let change = find(
        diff,
        ChangeKind::PropertyAdded,
        "microsoft.graph.application.notes",
    )
    .expect("application.notes added");
    assert_eq!(change.impact, Impact::Additive);
    assert_eq!(change.after.as_deref(), Some("Edm.String"));
    assert_eq!(change.old, None);
    assert_eq!(change.new, at("resources/application.md", 82));
    assert!(find(diff, ChangeKind::TypeAdded, "microsoft.graph.application").is_none());
}

#[test]
fn a_new_page_adds_its_operation() {
    // api/chat-delete-installedapps.md is new in 2021-07; its HTTP request (line 35) is
    // `DELETE /chats/{chat-id}/installedApps/{app-installation-id}`.
    let diff = two_revisions();
    let line = "DELETE /chats/{chat-id}/installedApps/{app-installation-id}";
    let change = find(diff, ChangeKind::OperationAdded, line).expect("operation added");
    assert_eq!(change.impact, Impact::Additive);
    assert_eq!(change.new, at("api/chat-delete-installedapps.md", 35));
    assert!(diff
        .pages
        .added
        .contains(&"api/chat-delete-installedapps.md".to_string()));
}

#[test]
fn a_removed_page_removes_its_operation_and_type() {
    // api/group-list-endpoints.md (2021-01) documents `GET /groups/{id}/endpoints` at line
    // 28; 2021-07 has neither the page nor the line, nor resources/endpoint.md.
    let diff = two_revisions();
    let change = find(
        diff,
        ChangeKind::OperationRemoved,
        "GET /groups/{id}/endpoints",
    )
    .expect("operation removed");
    assert_eq!(change.impact, Impact::Breaking);
    assert_eq!(change.old, at("api/group-list-endpoints.md", 28));
    assert_eq!(change.new, None);
    let removed_type =
        find(diff, ChangeKind::TypeRemoved, "microsoft.graph.endpoint").expect("type removed");
    assert_eq!(removed_type.impact, Impact::Breaking);
    assert_eq!(
        removed_type.old.as_ref().map(|l| l.file.as_str()),
        Some("resources/endpoint.md")
    );
    for page in ["api/group-list-endpoints.md", "resources/endpoint.md"] {
        assert!(diff.pages.removed.contains(&page.to_string()), "{page}");
    }
}

#[test]
fn a_renamed_page_is_not_a_removal() {
    // `GET /education/classes` moved from api/educationroot-list-classes.md (line 28) to
    // api/educationclass-list.md (line 34), the same permissions and response on both.
    let diff = two_revisions();
    let rename = diff
        .pages
        .renamed
        .iter()
        .find(|r| r.old == "api/educationroot-list-classes.md")
        .expect("rename found");
    assert_eq!(rename.new, "api/educationclass-list.md");
    assert!(!diff
        .pages
        .removed
        .contains(&"api/educationroot-list-classes.md".to_string()));
    assert!(!diff
        .pages
        .added
        .contains(&"api/educationclass-list.md".to_string()));
    assert!(
        diff.changes
            .iter()
            .all(|change| change.item != "GET /education/classes"),
        "the operation did not change"
    );
    let (old, new) = surfaces();
    let old_line = &old.operations["get/education/classes"];
    let new_line = &new.operations["get/education/classes"];
    assert_eq!(
        old_line.source.to_string(),
        "api/educationroot-list-classes.md:28"
    );
    assert_eq!(new_line.source.to_string(), "api/educationclass-list.md:34");
}

#[test]
fn the_diff_backwards_mirrors_the_diff_forwards() {
    let (old, new) = surfaces();
    let forwards = two_revisions();
    let backwards = diff::diff_surfaces(new, old);
    let count = |diff: &ApiDiff, kind| diff.summary.by_kind.get(&kind).copied();
    for (kind, mirror) in [
        (ChangeKind::OperationAdded, ChangeKind::OperationRemoved),
        (ChangeKind::TypeAdded, ChangeKind::TypeRemoved),
        (ChangeKind::PropertyAdded, ChangeKind::PropertyRemoved),
        (ChangeKind::EnumMemberAdded, ChangeKind::EnumMemberRemoved),
    ] {
        assert_eq!(count(forwards, kind), count(&backwards, mirror), "{kind:?}");
    }
    assert!(diff::diff_surfaces(new, new).is_empty());
}

#[test]
fn api_json_of_the_corpus_reads_back_and_renders_the_same() {
    let (_, new) = surfaces();
    let text = new.to_json();
    assert_eq!(ApiSurface::from_json(&text).as_ref(), Some(new));
    let diff = two_revisions();
    let json: serde_json::Value = serde_json::from_str(&diff::render_json::json(diff)).unwrap();
    assert_eq!(json["summary"]["breaking"], diff.summary.breaking);
    assert_eq!(json["changes"][0]["impact"], "breaking");
}

// The workflow, on the small pages of `tests/fixtures/pages`.

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

fn crate_version(out: &Path) -> String {
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let line = manifest
        .lines()
        .find(|line| line.starts_with("version = "))
        .expect("a version line");
    line.trim_start_matches("version = ")
        .trim_matches('"')
        .to_string()
}

#[test]
fn generate_records_the_api_check_reports_its_change_and_the_version_follows() {
    let work = tempfile::tempdir().unwrap();
    let pages = work.path().join("docs");
    let out = work.path().join("crate");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages"),
        &pages,
    );
    let mut config = graphgen::Config::new();
    config.docs(&pages).out_dir(&out).without_example_tests();

    let (first, _) = config.generate().unwrap();
    assert!(first.api_diff.is_none(), "no api.json before the first run");
    assert_eq!(crate_version(&out), "0.1.0");
    let recorded = std::fs::read_to_string(out.join("api.json")).unwrap();
    let recorded = ApiSurface::from_json(&recorded).expect("api.json reads");
    assert_eq!(recorded.crate_version.as_deref(), Some("0.1.0"));
    assert!(recorded.types.contains_key("microsoft.graph.widget"));

    // A property gone is breaking: check says so, and generate bumps 0.1.0 to 0.2.0.
    edit(
        &pages.join("resources/widget.md"),
        "| tags | String collection | Tags. |\n",
        "",
    );
    let (checked, changes) = config.check().unwrap();
    assert!(!changes.is_empty());
    let api_diff = checked.api_diff.expect("compared with api.json");
    let removed = find(
        &api_diff,
        ChangeKind::PropertyRemoved,
        "microsoft.graph.widget.tags",
    )
    .expect("tags removed");
    assert_eq!(removed.old.as_ref().unwrap().file, "resources/widget.md");
    assert_eq!(api_diff.impact(), Some(Impact::Breaking));
    assert!(changes.modified.contains(&"Cargo.toml".to_string()));
    config.generate().unwrap();
    assert_eq!(crate_version(&out), "0.2.0");

    // The same docs and the same crate: nothing to write, the same version.
    let (again, changes) = config.generate().unwrap();
    assert!(again.api_diff.unwrap().is_empty());
    assert!(changes.is_empty(), "{}", changes.summary());
    assert_eq!(crate_version(&out), "0.2.0");

    // A property added is additive: the patch version while 0.x.
    edit(
        &pages.join("resources/widget.md"),
        "| short | Boolean |\n",
        "| short | Boolean |\n| depth | Double | The depth. |\n",
    );
    let (added, _) = config.generate().unwrap();
    assert_eq!(added.api_diff.unwrap().impact(), Some(Impact::Additive));
    assert_eq!(crate_version(&out), "0.2.1");
    assert!(config.check().unwrap().1.is_empty());
}

#[test]
fn the_command_prints_markdown_or_json_and_fails_on_breaking_when_asked() {
    let work = tempfile::tempdir().unwrap();
    let old = work.path().join("old");
    let new = work.path().join("new");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    copy_tree(&fixture, &old);
    copy_tree(&fixture, &new);
    std::fs::remove_file(new.join("api/widget-delete.md")).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_graphgen"))
            .arg("diff")
            .args([
                "--old",
                old.to_str().unwrap(),
                "--new",
                new.to_str().unwrap(),
            ])
            .args(args)
            .output()
            .unwrap()
    };
    let markdown = run(&[]);
    assert!(markdown.status.success());
    let text = String::from_utf8(markdown.stdout).unwrap();
    assert!(text.starts_with("## API changes\n\n**Breaking**"), "{text}");
    assert!(
        text.contains("| `DELETE /widgets/{widget-id}` | `api/widget-delete.md:19` |  |"),
        "{text}"
    );
    let json = run(&["--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["changes"][0]["kind"], "operationRemoved");
    assert_eq!(value["changes"][0]["old"]["file"], "api/widget-delete.md");
    assert_eq!(value["pages"]["removed"][0], "api/widget-delete.md");
    assert_eq!(run(&["--fail-on-breaking"]).status.code(), Some(1));
}

#[test]
fn check_tells_what_changed_in_the_api_before_the_files() {
    let work = tempfile::tempdir().unwrap();
    let pages = work.path().join("docs");
    let out = work.path().join("crate");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages"),
        &pages,
    );
    let run = |command: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_graphgen"))
            .args([command, "--no-example-tests", "--docs"])
            .arg(&pages)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    assert!(run("generate").status.success());
    edit(
        &pages.join("resources/widget.md"),
        "| tags | String collection | Tags. |\n",
        "",
    );
    let checked = run("check");
    assert_eq!(checked.status.code(), Some(1));
    let stderr = String::from_utf8(checked.stderr).unwrap();
    let report = &stderr[stderr.find("is stale:\n").expect("stale")..];
    let api = report
        .find("  API: 1 breaking, 0 additive changes")
        .expect(report);
    let removal = report
        .find("  breaking  property removed microsoft.graph.widget.tags: Collection(Edm.String) -> -  (resources/widget.md:")
        .expect(report);
    let files = report.find("  modified Cargo.toml").expect(report);
    assert!(api < removal && removal < files, "{report}");

    // Without api.json the change in the API is unknown, and said so.
    std::fs::remove_file(out.join("api.json")).unwrap();
    let stderr = String::from_utf8(run("check").stderr).unwrap();
    assert!(
        stderr.contains("API: the folder has no api.json"),
        "{stderr}"
    );
}
