//! Writing a generated file tree to disk, safely.
//!
//! - Nothing is written outside the output folder: every path is relative, without `..`.
//! - A file whose content is unchanged is not touched, so its mtime stays and cargo does
//!   not rebuild.
//! - Changed files are first written in full next to their target, then renamed over it,
//!   so a reader never sees half a file; a run that fails before the rename phase leaves
//!   the previous tree as it was.
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

/// What a write (or a check) found, each list sorted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    pub modified: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.modified.is_empty() && self.removed.is_empty()
    }

    /// A short, readable summary: one line per changed file, then counts.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for (mark, list) in [("added", &self.added), ("modified", &self.modified), ("removed", &self.removed)] {
            for path in list {
                out.push_str(&format!("  {mark:<8} {path}\n"));
            }
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
pub fn compare(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Changes> {
    validate_paths(files)?;
    let previous = read_manifest(out)?;
    let mut changes = Changes::default();
    for (relative, content) in files {
        match fs::read(out.join(relative)) {
            Ok(existing) if existing == content.as_bytes() => changes.unchanged += 1,
            Ok(_) => changes.modified.push(relative.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => changes.added.push(relative.clone()),
            Err(e) => return Err(e),
        }
    }
    for relative in previous {
        if !files.contains_key(&relative) && out.join(&relative).exists() {
            changes.removed.push(relative);
        }
    }
    if !files.is_empty() && !manifest_matches(out, files)? {
        // The manifest itself is output: a tree whose manifest is stale is stale.
        changes.modified.push(MANIFEST.to_string());
    }
    Ok(changes)
}

/// Writes `files` into `out` (created if missing) and returns what changed.
pub fn write_tree(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Changes> {
    validate_paths(files)?;
    fs::create_dir_all(out)?;
    remove_stale_staging(out)?;
    let changes = compare(out, files)?;

    // Phase 1: stage every changed file in full. Nothing visible has changed yet.
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let staging = (|| -> io::Result<()> {
        for relative in changes.added.iter().chain(&changes.modified) {
            if relative == MANIFEST {
                continue;
            }
            let target = out.join(relative);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            let temporary = staging_path(&target);
            fs::write(&temporary, files[relative].as_bytes())?;
            staged.push((temporary, target));
        }
        if changes.modified.iter().any(|m| m == MANIFEST) {
            let manifest = out.join(MANIFEST);
            let temporary = staging_path(&manifest);
            fs::write(&temporary, manifest_text(files))?;
            staged.push((temporary, manifest));
        }
        Ok(())
    })();
    if let Err(e) = staging {
        for (temporary, _) in &staged {
            let _ = fs::remove_file(temporary);
        }
        return Err(e);
    }

    // Phase 2: rename into place (each rename atomic), manifest last, then remove what the
    // generator made before and no longer makes.
    for (temporary, target) in &staged {
        fs::rename(temporary, target)?;
    }
    for relative in &changes.removed {
        fs::remove_file(out.join(relative))?;
        remove_empty_parents(out, &out.join(relative));
    }
    Ok(changes)
}

fn staging_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().map(|n| n.to_os_string()).unwrap_or_default();
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
            } else if kind.is_file() && entry.file_name().to_string_lossy().ends_with(STAGING_SUFFIX) {
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

fn manifest_matches(out: &Path, files: &BTreeMap<String, String>) -> io::Result<bool> {
    match fs::read_to_string(out.join(MANIFEST)) {
        Ok(text) => Ok(text == manifest_text(files)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

fn read_manifest(out: &Path) -> io::Result<BTreeSet<String>> {
    let text = match fs::read_to_string(out.join(MANIFEST)) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(e),
    };
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
        if !is_safe_relative(relative) || relative == MANIFEST {
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
        entries.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect()
    }

    #[test]
    fn unchanged_files_keep_their_mtime() {
        let dir = tempfile::tempdir().unwrap();
        let files = tree(&[("src/lib.rs", "pub mod a;\n"), ("src/a.rs", "pub struct A;\n")]);
        write_tree(dir.path(), &files).unwrap();
        let before = fs::metadata(dir.path().join("src/a.rs")).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let changes = write_tree(dir.path(), &files).unwrap();
        assert!(changes.is_empty(), "{changes:?}");
        let after = fs::metadata(dir.path().join("src/a.rs")).unwrap().modified().unwrap();
        assert_eq!(before, after);
    }

    #[test]
    fn removes_only_what_it_created() {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path(), &tree(&[("src/lib.rs", "x"), ("src/old.rs", "y")])).unwrap();
        fs::write(dir.path().join("src/mine.rs"), "user file").unwrap();
        let changes = write_tree(dir.path(), &tree(&[("src/lib.rs", "x2")])).unwrap();
        assert_eq!(changes.removed, vec!["src/old.rs".to_string()]);
        assert_eq!(changes.modified, vec!["src/lib.rs".to_string(), MANIFEST.to_string()]);
        assert!(!dir.path().join("src/old.rs").exists());
        assert_eq!(fs::read_to_string(dir.path().join("src/mine.rs")).unwrap(), "user file");
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../escape.rs", "/abs.rs", "a/../../b.rs", ""] {
            assert!(write_tree(dir.path(), &tree(&[(bad, "x")])).is_err(), "{bad}");
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn compare_reports_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path(), &tree(&[("a.rs", "1")])).unwrap();
        let changes = compare(dir.path(), &tree(&[("a.rs", "2"), ("b.rs", "3")])).unwrap();
        assert_eq!(changes.added, vec!["b.rs".to_string()]);
        assert_eq!(changes.modified, vec!["a.rs".to_string(), MANIFEST.to_string()]);
        assert_eq!(fs::read_to_string(dir.path().join("a.rs")).unwrap(), "1");
        assert!(!dir.path().join("b.rs").exists());
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
