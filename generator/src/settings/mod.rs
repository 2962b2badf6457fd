//! `graphgen.toml`: the crates to generate and how, in one file that `graphgen generate`,
//! `graphgen check` and [`crate::Config::from_settings_file`] read, so that running the
//! command with no flags reproduces every committed crate.
//!
//! ```toml
//! [[crate]]
//! name = "msgraph"                 # the package name
//! docs = ["docs-input/v1.0"]       # folders, relative to this file; merged in order
//! out = "generated"                # relative to this file
//! include = []                     # areas (ms.prod) or pages (file stems); empty = all
//! exclude = []
//! known_broken = "tests/known-broken-examples.json"
//! version = "0.1.0"                # the generated crate's version
//! workspace_member = true          # no `[workspace]` table of its own
//! example_tests = true             # write tests/examples.rs
//! # description, license, repository, keywords, categories: the package metadata
//! [crate.runtime]
//! path = "../runtime"              # written as is: relative to `out`
//! version = "0.1"                  # a registry version; either or both
//! ```
//!
//! Unknown keys and values of the wrong kind are errors naming the file, line and what was
//! expected ([`SettingsError`]); so are values cargo would reject later (a crate name with a
//! space, a version that is not semver), since there the line is no longer known.

mod check;
mod error;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::config::Config;
use crate::emit::{EmitOptions, PackageMetadata, RuntimeDependency};
pub use error::SettingsError;

/// The file the command reads when no `--config` is given, in the current folder.
pub const SETTINGS_FILE: &str = "graphgen.toml";

/// A whole settings file, its paths resolved against the file's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub file: PathBuf,
    /// In file order.
    pub crates: Vec<CrateSettings>,
}

/// One `[[crate]]`: everything a run needs to write that crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateSettings {
    pub name: String,
    pub version: String,
    pub docs: Vec<PathBuf>,
    /// `None` only without a settings file and without `--out`.
    pub out: Option<PathBuf>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub known_broken: Option<PathBuf>,
    pub example_tests: bool,
    pub workspace_member: bool,
    pub runtime: RuntimeDependency,
    pub package: PackageMetadata,
}

impl Default for CrateSettings {
    /// What the command used before there was a settings file: docs from `docs-input`, the
    /// runtime beside the output folder, a crate that is its own workspace.
    fn default() -> Self {
        let emit = EmitOptions::default();
        CrateSettings {
            name: emit.crate_name,
            version: emit.crate_version,
            docs: vec![PathBuf::from("docs-input")],
            out: None,
            include: Vec::new(),
            exclude: Vec::new(),
            known_broken: None,
            example_tests: true,
            workspace_member: !emit.own_workspace,
            runtime: emit.runtime_dependency,
            package: emit.package,
        }
    }
}

impl CrateSettings {
    /// The library configuration these settings describe.
    pub fn config(&self) -> Config {
        let options = EmitOptions {
            crate_name: self.name.clone(),
            crate_version: self.version.clone(),
            runtime_dependency: self.runtime.clone(),
            package: self.package.clone(),
            own_workspace: !self.workspace_member,
        };
        let mut config = Config::new();
        config.emit_options(options);
        for folder in &self.docs {
            config.docs(folder);
        }
        if let Some(out) = &self.out {
            config.out_dir(out);
        }
        for area in &self.include {
            config.include_area(area);
        }
        for area in &self.exclude {
            config.exclude_area(area);
        }
        if let Some(registry) = &self.known_broken {
            config.known_broken_examples(registry);
        }
        if !self.example_tests {
            config.without_example_tests();
        }
        config
    }
}

impl Settings {
    /// Reads and checks a settings file.
    pub fn load(file: impl AsRef<Path>) -> Result<Settings, SettingsError> {
        let file = file.as_ref();
        let text = std::fs::read_to_string(file).map_err(|e| {
            SettingsError::whole_file(file, format!("cannot read the settings file: {e}"))
        })?;
        Settings::parse(&text, file)
    }

    /// Checks settings text; `file` names it in errors and anchors its relative paths.
    pub fn parse(text: &str, file: &Path) -> Result<Settings, SettingsError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| match e.span() {
            Some(span) => SettingsError::at(file, text, span, e.message().trim_end()),
            None => SettingsError::whole_file(file, e.message().trim_end()),
        })?;
        if raw.crates.is_empty() {
            return Err(SettingsError::whole_file(
                file,
                "expected at least one [[crate]] table (name, docs, out)",
            ));
        }
        let base = file.parent().unwrap_or(Path::new(""));
        let bad = |span: std::ops::Range<usize>, message: String| {
            SettingsError::at(file, text, span, message)
        };
        check::unique(&raw.crates, bad)?;
        let crates = raw
            .crates
            .iter()
            .map(|krate| resolve(krate.get_ref(), base, bad))
            .collect::<Result<_, _>>()?;
        Ok(Settings {
            file: file.to_path_buf(),
            crates,
        })
    }

    /// The crate named `name`, or the only one when `name` is `None`.
    pub fn select(&self, name: Option<&str>) -> Result<&CrateSettings, SettingsError> {
        let names = || {
            self.crates
                .iter()
                .map(|c| format!("`{}`", c.name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match name {
            Some(name) => self.crates.iter().find(|c| c.name == name).ok_or_else(|| {
                SettingsError::whole_file(
                    &self.file,
                    format!("no [[crate]] named `{name}`; expected one of {}", names()),
                )
            }),
            None if self.crates.len() == 1 => Ok(&self.crates[0]),
            None => Err(SettingsError::whole_file(
                &self.file,
                format!(
                    "{} crates are listed ({}); name one",
                    self.crates.len(),
                    names()
                ),
            )),
        }
    }
}

fn resolve<F>(raw: &RawCrate, base: &Path, bad: F) -> Result<CrateSettings, SettingsError>
where
    F: Fn(std::ops::Range<usize>, String) -> SettingsError,
{
    check::crate_name(&raw.name, &bad)?;
    if raw.docs.get_ref().is_empty() {
        return Err(bad(
            raw.docs.span(),
            "expected at least one docs folder".into(),
        ));
    }
    let defaults = CrateSettings::default();
    let version = match &raw.version {
        Some(version) => {
            check::semver(version, &bad)?;
            version.get_ref().clone()
        }
        None => defaults.version,
    };
    let runtime = match &raw.runtime {
        Some(runtime) => check::runtime(runtime, &bad)?,
        None => defaults.runtime,
    };
    let mut package = defaults.package;
    if let Some(description) = &raw.description {
        package.description = description.clone();
    }
    if let Some(license) = &raw.license {
        if license.get_ref().trim().is_empty() {
            return Err(bad(
                license.span(),
                "expected an SPDX licence expression".into(),
            ));
        }
        package.license = license.get_ref().clone();
    }
    if let Some(repository) = &raw.repository {
        package.repository = Some(repository.clone());
    }
    if let Some(keywords) = &raw.keywords {
        check::keywords(keywords, &bad)?;
        package.keywords = keywords.get_ref().clone();
    }
    if let Some(categories) = &raw.categories {
        package.categories = categories.clone();
    }
    Ok(CrateSettings {
        name: raw.name.get_ref().clone(),
        version,
        docs: raw
            .docs
            .get_ref()
            .iter()
            .map(|folder| base.join(folder.get_ref()))
            .collect(),
        out: Some(base.join(raw.out.get_ref())),
        include: raw.include.clone(),
        exclude: raw.exclude.clone(),
        known_broken: raw
            .known_broken
            .as_ref()
            .map(|path| base.join(path.get_ref())),
        example_tests: raw.example_tests.unwrap_or(defaults.example_tests),
        workspace_member: raw.workspace_member.unwrap_or(defaults.workspace_member),
        runtime,
        package,
    })
}

/// The file as written; `deny_unknown_fields` turns a misspelt key into an error that lists
/// the keys expected.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(rename = "crate", default)]
    crates: Vec<Spanned<RawCrate>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCrate {
    name: Spanned<String>,
    docs: Spanned<Vec<Spanned<String>>>,
    out: Spanned<String>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    known_broken: Option<Spanned<String>>,
    version: Option<Spanned<String>>,
    example_tests: Option<bool>,
    workspace_member: Option<bool>,
    description: Option<String>,
    license: Option<Spanned<String>>,
    repository: Option<String>,
    keywords: Option<Spanned<Vec<String>>>,
    categories: Option<Vec<String>>,
    runtime: Option<Spanned<RawRuntime>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRuntime {
    path: Option<Spanned<String>>,
    version: Option<Spanned<String>>,
}

#[cfg(test)]
mod tests;
