//! The regenerate-and-review workflow: `check` sees a one-character change, a second
//! `generate` rewrites nothing, a docs change rewrites only the files it shows in, output is the same whatever the thread count, and a run
//! killed part-way leaves a whole tree behind.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn corpus() -> Option<PathBuf> {
    let dir = root().join("docs-input/v1.0");
    assert!(
        dir.is_dir(),
        "the vendored docs are missing at {}",
        dir.display()
    );
    Some(dir)
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn snapshot(dir: &Path) -> Tree {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                pending.push(entry.path());
            } else {
                let meta = entry.metadata().unwrap();
                files.insert(
                    entry.path().strip_prefix(dir).unwrap().to_path_buf(),
                    (
                        std::fs::read(entry.path()).unwrap(),
                        meta.modified().unwrap(),
                    ),
                );
            }
        }
    }
    files
}

#[test]
fn check_sees_one_character_and_a_second_generate_rewrites_nothing() {
    let work = tempfile::tempdir().unwrap();
    let docs = work.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    copy_tree(&root().join("generator/tests/fixtures/seed"), &docs);
    let out = work.path().join("client");
    let mut config = graphgen::Config::new();
    config.docs(&docs).out_dir(&out);

    config.generate().expect("first generate");
    let before = snapshot(&out);
    std::thread::sleep(Duration::from_millis(20));
    let (_, changes) = config.generate().expect("second generate");
    assert!(changes.is_empty(), "{}", changes.summary());
    assert_unchanged(&before, &snapshot(&out));

    let page = docs.join("api/chat-post-messages.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replacen("Send a new [chatMessage]", "Send a New [chatMessage]", 1),
    )
    .unwrap();
    let (_, changes) = config.check().expect("check");
    assert!(
        !changes.is_empty(),
        "a one-character change makes the output stale"
    );
    assert_unchanged(&before, &snapshot(&out));

    // Regenerating rewrites the files the change shows in and the crate roots, which carry
    // the docs digest; the types the page does not touch stay as they were.
    let (_, changes) = config.generate().expect("generate after the change");
    let modified = &changes.modified;
    assert!(
        modified.iter().any(|f| f.starts_with("src/endpoints/")),
        "{}",
        changes.summary()
    );
    assert!(
        modified.contains(&"src/lib.rs".to_string())
            && modified.contains(&"Cargo.toml".to_string()),
        "{}",
        changes.summary()
    );
    assert!(
        !modified.iter().any(|f| f.starts_with("src/types/")),
        "{}",
        changes.summary()
    );
}

type Tree = BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)>;

/// Same files, same bytes, same modification times.
fn assert_unchanged(before: &Tree, after: &Tree) {
    let differing: Vec<&PathBuf> = before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .collect();
    assert!(differing.is_empty(), "rewritten or changed: {differing:?}");
}

fn graphgen() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_graphgen"));
    command.stderr(std::process::Stdio::null());
    command
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let Some(corpus) = corpus() else { return };
    let work = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for threads in ["1", "2", "3"] {
        let out = work.path().join(format!("client-{threads}"));
        let status = graphgen()
            .args(["generate", "--docs"])
            .arg(&corpus)
            .arg("--out")
            .arg(&out)
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .unwrap();
        assert!(status.success());
        trees.push(
            snapshot(&out)
                .into_iter()
                .map(|(path, (bytes, _))| (path, bytes))
                .collect::<BTreeMap<_, _>>(),
        );
    }
    assert!(trees[0].len() > 100);
    for pair in trees.windows(2) {
        let differing: Vec<&PathBuf> = pair[0]
            .keys()
            .chain(pair[1].keys())
            .filter(|p| pair[0].get(*p) != pair[1].get(*p))
            .collect();
        assert!(differing.is_empty(), "trees differ in {differing:?}");
    }
}

#[test]
fn a_run_killed_part_way_leaves_a_whole_tree() {
    let Some(corpus) = corpus() else { return };
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("client");
    let generate = |docs: &Path| {
        graphgen()
            .args(["generate", "--docs"])
            .arg(docs)
            .arg("--out")
            .arg(&out)
            .spawn()
            .unwrap()
    };
    assert!(generate(&root().join("generator/tests/fixtures/seed"))
        .wait()
        .unwrap()
        .success());
    let previous = snapshot(&out);
    for delay_ms in [5, 40, 150] {
        let mut child = generate(&corpus);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = graphgen::Config::new()
            .docs(root().join("generator/tests/fixtures/seed"))
            .out_dir(&out)
            .check()
            .unwrap()
            .1;
        let complete = graphgen::Config::new()
            .docs(&corpus)
            .out_dir(&out)
            .check()
            .unwrap()
            .1;
        // Killed while renaming, the tree reads as the new one through its journal, which the next write finishes.
        assert!(
            now.is_empty() || complete.same_files(),
            "killed after {delay_ms} ms: the tree is neither the previous output nor the new one:\n{}",
            now.summary()
        );
        if now.is_empty() {
            let kept: BTreeMap<_, _> = snapshot(&out)
                .into_iter()
                .filter(|(p, _)| !p.to_string_lossy().ends_with(".graphgen-tmp"))
                .collect();
            assert_eq!(kept.len(), previous.len());
        }
    }
}
