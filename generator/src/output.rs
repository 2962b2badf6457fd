//! Writing a generated file tree to disk, safely.
//!
//! - Nothing is written outside the output folder: every path is relative, without `..`.
//! - A file whose content is unchanged is not touched, so its mtime stays and cargo does
//!   not rebuild.
//! - Changed files are first written in full next to their target, then renamed over it,
//!   so a reader never sees half a file; a run that fails before the rename phase leaves
//!   the previous tree as it was.
//! - Before the rename phase, a journal (`.graphgen-journal`) lists every rename and
//!   removal; it is written whole and renamed into place, which commits the new tree. A
//!   run killed during the rename phase leaves the journal behind: `compare` reads the tree
//!   through it (as the complete new tree), and the next write finishes it first.
//! - A manifest (`.graphgen-manifest`) lists the files the generator wrote. A file that is
//!   no longer produced is removed only when the manifest says the generator created it;
//!   any other file in the folder is left alone.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Name of the manifest file at the root of the output folder.
pub const MANIFEST: &str = ".graphgen-manifest";

/// Suffix of the temporary files written before the rename phase.
const STAGING_SUFFIX: &str = ".graphgen-tmp";

/// Name of the journal of a rename phase in progress, at the root of the output folder.
const JOURNAL: &str = ".graphgen-journal";

/// One step of a rename phase, by path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// Rename the staged file over the target.
    Put(String),
    Remove(String),
}

/// What a write (or a check) found, each list sorted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    pub modified: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
    /// A write was killed during its rename phase: the lists compare with the tree as that
    /// write committed it, and the next write finishes it.
    pub interrupted: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.same_files() && !self.interrupted
    }

    /// Nothing to add, modify or remove, an interrupted write aside.
    pub fn same_files(&self) -> bool {
        self.added.is_empty() && self.modified.is_empty() && self.removed.is_empty()
    }

    /// A short, readable summary: one line per changed file, then counts.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for (mark, list) in [
            ("added", &self.added),
            ("modified", &self.modified),
            ("removed", &self.removed),
        ] {
            for path in list {
                out.push_str(&format!("  {mark:<8} {path}\n"));
            }
        }
        if self.interrupted {
            out.push_str(
                "  a previous write was interrupted while renaming; the next write finishes it\n",
            );
        }
        out.push_str(&format!(
            "{} added, {} modified, {} removed, {} unchanged\n",
            self.added.len(),
            self.modified.len(),
            self.removed.len(),
            self.unchanged
        ));
        out
    }
}

/// Compares `files` with what `out` holds, without writing anything.
/// A tree whose last write was killed during its rename phase is read as that write left
/// it committed: through its journal.
pub fn compare(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Changes> {
    validate_paths(files)?;
    let journal = read_journal(out)?;
    let interrupted = journal.is_some();
    let view = TreeView {
        out,
        pending: journal.unwrap_or_default(),
    };
    let previous = read_manifest(&view)?;
    let mut changes = Changes {
        interrupted,
        ..Changes::default()
    };
    for (relative, content) in files {
        match view.read(relative)? {
            Some(existing) if existing == content.as_bytes() => changes.unchanged += 1,
            Some(_) => changes.modified.push(relative.clone()),
            None => changes.added.push(relative.clone()),
        }
    }
    for relative in previous {
        if !files.contains_key(&relative) && view.read(&relative)?.is_some() {
            changes.removed.push(relative);
        }
    }
    if !files.is_empty() && !manifest_matches(&view, files)? {
        // The manifest itself is output: a tree whose manifest is stale is stale.
        changes.modified.push(MANIFEST.to_string());
    }
    Ok(changes)
}

/// Writes `files` into `out` (created if missing) and returns what changed.
pub fn write_tree(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Changes> {
    let (changes, steps) = stage(out, files)?;
    apply(out, &steps)?;
    finish(out)?;
    Ok(changes)
}

/// Phase 1: finishes an interrupted write, stages every changed file in full and commits
/// the journal of the rename phase. Nothing visible has changed yet, unless an earlier
/// write had to be finished.
fn stage(out: &Path, files: &BTreeMap<String, String>) -> io::Result<(Changes, Vec<Step>)> {
    validate_paths(files)?;
    fs::create_dir_all(out)?;
    if let Some(interrupted) = read_journal(out)? {
        apply(out, &interrupted)?;
        finish(out)?;
    }
    remove_stale_staging(out)?;
    let changes = compare(out, files)?;

    let mut staged: Vec<PathBuf> = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    let staging = (|| -> io::Result<()> {
        for relative in changes.added.iter().chain(&changes.modified) {
            let content = if relative == MANIFEST {
                manifest_text(files)
            } else {
                files[relative].clone()
            };
            let target = out.join(relative);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            let temporary = staging_path(&target);
            fs::write(&temporary, content.as_bytes())?;
            staged.push(temporary);
            steps.push(Step::Put(relative.clone()));
        }
        // The manifest goes last: until it is in place, the previous one still lists what to remove.
        steps.sort_by_key(|step| matches!(step, Step::Put(relative) if relative == MANIFEST));
        steps.extend(changes.removed.iter().cloned().map(Step::Remove));
        if steps.is_empty() {
            return Ok(());
        }
        let journal = out.join(JOURNAL);
        let temporary = staging_path(&journal);
        fs::write(&temporary, journal_text(&steps))?;
        staged.push(temporary.clone());
        // The journal's rename is the commit point of the new tree.
        fs::rename(&temporary, &journal)
    })();
    if let Err(e) = staging {
        for temporary in &staged {
            let _ = fs::remove_file(temporary);
        }
        return Err(e);
    }
    Ok((changes, steps))
}

/// Phase 2: the renames (each atomic) and removals of a committed journal. Every step can
/// be done again, so a write killed here is finished by the next one.
fn apply(out: &Path, steps: &[Step]) -> io::Result<()> {
    for step in steps {
        match step {
            Step::Put(relative) => {
                let target = out.join(relative);
                let temporary = staging_path(&target);
                if temporary.exists() {
                    fs::rename(&temporary, &target)?;
                }
            }
            Step::Remove(relative) => {
                let target = out.join(relative);
                match fs::remove_file(&target) {
                    Ok(()) => remove_empty_parents(out, &target),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(())
}

/// Removes the journal of a rename phase that is complete.
fn finish(out: &Path) -> io::Result<()> {
    match fs::remove_file(out.join(JOURNAL)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn journal_text(steps: &[Step]) -> String {
    let mut text = String::from("# A graphgen write in progress; the next write finishes it.\n");
    for step in steps {
        match step {
            Step::Put(relative) => text.push_str(&format!("put {relative}\n")),
            Step::Remove(relative) => text.push_str(&format!("remove {relative}\n")),
        }
    }
    text
}

/// The steps of an interrupted write; `None` when there is no journal. Lines that do not
/// read as a step inside the folder are ignored, so a damaged journal cannot reach outside.
fn read_journal(out: &Path) -> io::Result<Option<Vec<Step>>> {
    let text = match fs::read_to_string(out.join(JOURNAL)) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some(
        text.lines()
            .filter_map(|line| match line.split_once(' ') {
                Some(("put", relative)) if is_safe_relative(relative) => {
                    Some(Step::Put(relative.to_string()))
                }
                Some(("remove", relative)) if is_safe_relative(relative) => {
                    Some(Step::Remove(relative.to_string()))
                }
                _ => None,
            })
            .collect(),
    ))
}

/// The output folder as a committed journal will leave it.
struct TreeView<'a> {
    out: &'a Path,
    pending: Vec<Step>,
}

impl TreeView<'_> {
    /// A file's bytes, `None` when it does not (or will not) exist.
    fn read(&self, relative: &str) -> io::Result<Option<Vec<u8>>> {
        let target = self.out.join(relative);
        let pending = self
            .pending
            .iter()
            .rev()
            .find(|step| matches!(step, Step::Put(p) | Step::Remove(p) if p == relative));
        let path = match pending {
            Some(Step::Remove(_)) => return Ok(None),
            Some(Step::Put(_)) if staging_path(&target).exists() => staging_path(&target),
            _ => target,
        };
        match fs::read(path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

fn staging_path(target: &Path) -> PathBuf {
    let mut name = target
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(STAGING_SUFFIX);
    target.with_file_name(name)
}

/// Removes temporary files left by a run that was killed during its write phase.
fn remove_stale_staging(out: &Path) -> io::Result<()> {
    let mut pending = vec![out.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file()
                && entry
                    .file_name()
                    .to_string_lossy()
                    .ends_with(STAGING_SUFFIX)
            {
                fs::remove_file(entry.path())?;
            }
        }
    }
    Ok(())
}

fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == root || fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

fn manifest_text(files: &BTreeMap<String, String>) -> String {
    let mut text = String::from("# Files written by graphgen; a file listed here is removed when it is no longer generated.\n");
    for relative in files.keys() {
        text.push_str(relative);
        text.push('\n');
    }
    text
}

fn manifest_matches(view: &TreeView<'_>, files: &BTreeMap<String, String>) -> io::Result<bool> {
    Ok(view
        .read(MANIFEST)?
        .is_some_and(|bytes| bytes == manifest_text(files).as_bytes()))
}

fn read_manifest(view: &TreeView<'_>) -> io::Result<BTreeSet<String>> {
    let Some(bytes) = view.read(MANIFEST)? else {
        return Ok(BTreeSet::new());
    };
    let text = String::from_utf8_lossy(&bytes);
    Ok(text
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        // A hand-edited manifest must not make us delete outside the folder.
        .filter(|line| is_safe_relative(line))
        .map(str::to_string)
        .collect())
}

fn validate_paths(files: &BTreeMap<String, String>) -> io::Result<()> {
    for relative in files.keys() {
        if !is_safe_relative(relative) || relative == MANIFEST || relative == JOURNAL {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write `{relative}`: output paths must be relative and stay inside the output folder"),
            ));
        }
    }
    Ok(())
}

fn is_safe_relative(relative: &str) -> bool {
    let path = Path::new(relative);
    !relative.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect()
    }

    #[test]
    fn unchanged_files_keep_their_mtime() {
        let dir = tempfile::tempdir().unwrap();
        let files = tree(&[
            ("src/lib.rs", "pub mod a;\n"),
            ("src/a.rs", "pub struct A;\n"),
        ]);
        write_tree(dir.path(), &files).unwrap();
        let before = fs::metadata(dir.path().join("src/a.rs"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let changes = write_tree(dir.path(), &files).unwrap();
        assert!(changes.is_empty(), "{changes:?}");
        let after = fs::metadata(dir.path().join("src/a.rs"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
    }

    #[test]
    fn removes_only_what_it_created() {
        let dir = tempfile::tempdir().unwrap();
        write_tree(
            dir.path(),
            &tree(&[("src/lib.rs", "x"), ("src/old.rs", "y")]),
        )
        .unwrap();
        fs::write(dir.path().join("src/mine.rs"), "user file").unwrap();
        let changes = write_tree(dir.path(), &tree(&[("src/lib.rs", "x2")])).unwrap();
        assert_eq!(changes.removed, vec!["src/old.rs".to_string()]);
        assert_eq!(
            changes.modified,
            vec!["src/lib.rs".to_string(), MANIFEST.to_string()]
        );
        assert!(!dir.path().join("src/old.rs").exists());
        assert_eq!(
            fs::read_to_string(dir.path().join("src/mine.rs")).unwrap(),
            "user file"
        );
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../escape.rs", "/abs.rs", "a/../../b.rs", ""] {
            assert!(
                write_tree(dir.path(), &tree(&[(bad, "x")])).is_err(),
                "{bad}"
            );
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn compare_reports_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path(), &tree(&[("a.rs", "1")])).unwrap();
        let changes = compare(dir.path(), &tree(&[("a.rs", "2"), ("b.rs", "3")])).unwrap();
        assert_eq!(changes.added, vec!["b.rs".to_string()]);
        assert_eq!(
            changes.modified,
            vec!["a.rs".to_string(), MANIFEST.to_string()]
        );
        assert_eq!(fs::read_to_string(dir.path().join("a.rs")).unwrap(), "1");
        assert!(!dir.path().join("b.rs").exists());
    }

    #[test]
    fn a_write_killed_while_renaming_reads_as_the_new_tree_and_is_finished_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let old = tree(&[("src/a.rs", "old a"), ("src/b.rs", "old b")]);
        let new = tree(&[("src/a.rs", "new a"), ("src/c.rs", "new c")]);
        write_tree(dir.path(), &old).unwrap();
        // Stage and commit the new tree, then stop after the first rename, as a kill would.
        let (_, steps) = stage(dir.path(), &new).unwrap();
        assert_eq!(steps.last(), Some(&Step::Remove("src/b.rs".to_string())));
        apply(dir.path(), &steps[..1]).unwrap();
        assert!(dir.path().join(JOURNAL).exists());
        let pending = compare(dir.path(), &new).unwrap();
        assert!(
            pending.same_files() && pending.interrupted,
            "read through the journal, the tree is the new one: {pending:?}"
        );
        assert!(!compare(dir.path(), &old).unwrap().is_empty());
        // The next write finishes the interrupted one before its own work.
        let changes = write_tree(dir.path(), &new).unwrap();
        assert!(changes.is_empty(), "{changes:?}");
        assert!(!dir.path().join(JOURNAL).exists());
        assert_eq!(
            fs::read_to_string(dir.path().join("src/c.rs")).unwrap(),
            "new c"
        );
        assert!(!dir.path().join("src/b.rs").exists());
        let names: Vec<String> = fs::read_dir(dir.path().join("src"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.ends_with(STAGING_SUFFIX)),
            "{names:?}"
        );
    }

    #[test]
    fn a_damaged_journal_cannot_reach_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let inside = dir.path().join("out");
        fs::create_dir_all(&inside).unwrap();
        fs::write(dir.path().join("outside.rs"), "keep").unwrap();
        write_tree(&inside, &tree(&[("a.rs", "x")])).unwrap();
        fs::write(
            inside.join(JOURNAL),
            "remove ../outside.rs\nput /etc/passwd\nbogus\n",
        )
        .unwrap();
        // The same files again: no journal of its own, yet the damaged one is cleared.
        let changes = write_tree(&inside, &tree(&[("a.rs", "x")])).unwrap();
        assert!(changes.same_files(), "{changes:?}");
        assert_eq!(
            fs::read_to_string(dir.path().join("outside.rs")).unwrap(),
            "keep"
        );
        assert!(!inside.join(JOURNAL).exists());
        assert!(compare(&inside, &tree(&[("a.rs", "x")]))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn leftovers_of_a_killed_run_are_cleaned_and_old_files_survive() {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path(), &tree(&[("a.rs", "old")])).unwrap();
        // A run killed between staging and renaming leaves a staged file behind.
        fs::write(dir.path().join(format!("a.rs{STAGING_SUFFIX}")), "half").unwrap();
        assert_eq!(fs::read_to_string(dir.path().join("a.rs")).unwrap(), "old");
        let changes = write_tree(dir.path(), &tree(&[("a.rs", "old")])).unwrap();
        assert!(changes.is_empty());
        assert!(!dir.path().join(format!("a.rs{STAGING_SUFFIX}")).exists());
    }
}
