//! How the command's flags and `graphgen.toml` combine into the crates a run works on.
//!
//! - `--config FILE` reads that file; flags then replace the settings they name.
//! - Without `--config`, `./graphgen.toml` is read unless `--docs` or `--out` is given: those
//!   describe a run of their own (as before the file existed), so the file's crate name,
//!   registry or runtime do not leak into it.
//! - Without a file, the defaults are the ones the command always had (`docs-input`, the
//!   runtime at `../runtime`), and `generate`/`check` need `--out`.
//!
//! A module of the binary only: it is the command's policy, not the library's.

use std::path::{Path, PathBuf};

use graphgen::emit::RuntimeDependency;
use graphgen::settings::{CrateSettings, Settings, SETTINGS_FILE};

/// The file named by `--config`, or the implicit one when the run is not ad hoc.
pub fn settings_file(config: Option<&Path>, ad_hoc: bool) -> Option<PathBuf> {
    match config {
        Some(file) => Some(file.to_path_buf()),
        None if !ad_hoc && Path::new(SETTINGS_FILE).is_file() => Some(PathBuf::from(SETTINGS_FILE)),
        None => None,
    }
}

/// The crates of the file (the one `--crate` names, or all), or the defaults without one.
pub fn base_crates(
    file: Option<&Path>,
    krate: Option<&str>,
) -> Result<Vec<CrateSettings>, Failure> {
    let Some(file) = file else {
        if let Some(name) = krate {
            return Err(Failure::Usage(format!(
                "--crate {name} picks a crate of a settings file, and there is none (no --config, no {SETTINGS_FILE} here)"
            )));
        }
        return Ok(vec![CrateSettings::default()]);
    };
    let settings = Settings::load(file).map_err(|e| Failure::Usage(e.to_string()))?;
    match krate {
        Some(name) => Ok(vec![settings
            .select(Some(name))
            .map_err(|e| Failure::Usage(e.to_string()))?
            .clone()]),
        None => Ok(settings.crates),
    }
}

/// Exactly one crate, for commands that read one docs set (`model`, `lint`, `mock`) or
/// write one folder (`--out`).
pub fn only_one(crates: Vec<CrateSettings>, why: &str) -> Result<Vec<CrateSettings>, Failure> {
    if crates.len() <= 1 {
        return Ok(crates);
    }
    let names: Vec<String> = crates.iter().map(|c| c.name.clone()).collect();
    Err(Failure::Usage(format!(
        "{why}, and the settings list {} crates ({}); pick one with --crate",
        names.len(),
        names.join(", ")
    )))
}

/// The docs-reading flags; a flag given replaces the setting.
pub struct DocsOverrides<'a> {
    pub docs: &'a [PathBuf],
    pub include: &'a [String],
    pub exclude: &'a [String],
}

/// The output flags; a flag given replaces the setting.
pub struct OutOverrides<'a> {
    pub out: Option<&'a Path>,
    pub known_broken: Option<&'a Path>,
    pub no_example_tests: bool,
    pub workspace_member: bool,
    pub runtime_path: Option<&'a str>,
    pub runtime_version: Option<&'a str>,
}

impl DocsOverrides<'_> {
    pub fn apply(&self, krate: &mut CrateSettings) {
        if !self.docs.is_empty() {
            krate.docs = self.docs.to_vec();
        }
        if !self.include.is_empty() {
            krate.include = self.include.to_vec();
        }
        if !self.exclude.is_empty() {
            krate.exclude = self.exclude.to_vec();
        }
    }
}

impl OutOverrides<'_> {
    pub fn apply(&self, krate: &mut CrateSettings) {
        if let Some(out) = self.out {
            krate.out = Some(out.to_path_buf());
        }
        if let Some(registry) = self.known_broken {
            krate.known_broken = Some(registry.to_path_buf());
        }
        if self.no_example_tests {
            krate.example_tests = false;
        }
        if self.workspace_member {
            krate.workspace_member = true;
        }
        // The two flags together are the new dependency: `--runtime-version` alone makes a
        // crate that no path ties to this checkout, which is what packaging needs.
        if self.runtime_path.is_some() || self.runtime_version.is_some() {
            krate.runtime = RuntimeDependency {
                path: self.runtime_path.map(str::to_string),
                version: self.runtime_version.map(str::to_string),
            };
        }
    }
}

/// Why a run stopped: a usage error (exit 2) or work that failed (exit 1).
#[derive(Debug)]
pub enum Failure {
    Usage(String),
    Work(String),
}

impl From<graphgen::config::Error> for Failure {
    fn from(error: graphgen::config::Error) -> Self {
        match error {
            graphgen::config::Error::Usage(_) | graphgen::config::Error::Settings(_) => {
                Failure::Usage(error.to_string())
            }
            graphgen::config::Error::Io { .. } => Failure::Work(error.to_string()),
        }
    }
}
