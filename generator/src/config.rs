//! [`Config`]: the library entry point, for `build.rs` scripts and for the CLI.
//!
//! In `build.rs`:
//!
//! ```no_run
//! let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
//! graphgen::Config::new()
//!     .docs("docs")
//!     .out_dir(out_dir.join("graph"))
//!     .include_area("microsoft-teams")
//!     .module_layout()
//!     .generate()
//!     .expect("graph client generated");
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity};
use crate::emit::{self, EmitOptions};
use crate::examples::{example_tests, ExampleSummary, KnownBroken};
use crate::model::{build, Model};
use crate::output::{self, Changes};
use crate::settings::{Settings, SettingsError};

/// What to read, what to keep, and where to write.
#[derive(Debug, Clone, Default)]
pub struct Config {
    docs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    include: Vec<String>,
    exclude: Vec<String>,
    emit: EmitOptions,
    without_example_tests: bool,
    known_broken: Option<PathBuf>,
    module_layout: bool,
}

/// A generated crate in memory, with what the run found wrong with the docs.
#[derive(Debug)]
pub struct Generated {
    pub model: Model,
    pub files: BTreeMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
    /// What the generated example tests cover (absent when they are turned off).
    pub examples: Option<ExampleSummary>,
}

impl Generated {
    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

#[derive(Debug)]
pub enum Error {
    /// The configuration cannot be used (no docs folder, no output folder).
    Usage(String),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The settings file is unreadable or says something that cannot be used.
    Settings(SettingsError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) => f.write_str(message),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Settings(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<SettingsError> for Error {
    fn from(error: SettingsError) -> Self {
        Error::Settings(error)
    }
}

impl Config {
    pub fn new() -> Self {
        Config::default()
    }

    /// One configuration per `[[crate]]` of a settings file (`graphgen.toml`, see
    /// [`crate::settings`]), in file order.
    pub fn from_settings_file(file: impl AsRef<Path>) -> Result<Vec<Config>, Error> {
        Ok(Settings::load(file)?
            .crates
            .iter()
            .map(|krate| krate.config())
            .collect())
    }

    /// The configuration of one crate of a settings file: the one named `crate_name`, or the
    /// only one when `None`. The builder methods then adjust it (a `build.rs` sets its own
    /// `out_dir`).
    pub fn load(file: impl AsRef<Path>, crate_name: Option<&str>) -> Result<Config, Error> {
        Ok(Settings::load(file)?.select(crate_name)?.config())
    }

    /// The docs folders, in reading order.
    pub fn docs_folders(&self) -> &[PathBuf] {
        &self.docs
    }

    /// Where [`Config::generate`] writes, when set.
    pub fn output_folder(&self) -> Option<&Path> {
        self.out_dir.as_deref()
    }

    /// The generated package's name.
    pub fn crate_name(&self) -> &str {
        &self.emit.crate_name
    }

    /// Adds a docs folder (holding `api/` and/or `resources/`). Several folders are read one
    /// after the other and merged by full type name; a type an earlier folder defines wins.
    pub fn docs(mut self, folder: impl Into<PathBuf>) -> Self {
        self.docs.push(folder.into());
        self
    }

    /// Where [`Config::generate`] writes the crate.
    pub fn out_dir(mut self, folder: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(folder.into());
        self
    }

    /// Keeps only operations of this area (or page, by file stem); may be repeated.
    pub fn include_area(mut self, area_or_page: impl Into<String>) -> Self {
        self.include.push(area_or_page.into());
        self
    }

    /// Drops operations of this area (or page, by file stem); may be repeated.
    pub fn exclude_area(mut self, area_or_page: impl Into<String>) -> Self {
        self.exclude.push(area_or_page.into());
        self
    }

    /// Options of the emitter (crate name, runtime dependency, ...).
    pub fn emit_options(mut self, options: EmitOptions) -> Self {
        self.emit = options;
        self
    }

    /// Also writes `src/module.rs`: the crate root without crate-level attributes, for
    /// `include!` at the root of another crate (the `build.rs` use).
    pub fn module_layout(mut self) -> Self {
        self.module_layout = true;
        self
    }

    /// Leaves out `tests/examples.rs`, the documented examples as tests.
    pub fn without_example_tests(mut self) -> Self {
        self.without_example_tests = true;
        self
    }

    /// The registry of documented examples known to be wrong (see [`crate::examples::registry`]).
    pub fn known_broken_examples(mut self, registry: impl Into<PathBuf>) -> Self {
        self.known_broken = Some(registry.into());
        self
    }

    /// Reads the docs into the model, with the include/exclude filters applied.
    pub fn read_model(&self) -> Result<Model, Error> {
        if self.docs.is_empty() {
            return Err(Error::Usage("no docs folder given".into()));
        }
        let mut model = Model::default();
        for folder in &self.docs {
            if !folder.is_dir() {
                return Err(Error::Io {
                    path: folder.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "docs folder not found",
                    ),
                });
            }
            merge(&mut model, build::read_docs(folder));
        }
        if self.docs.len() > 1 {
            // Folders may document the same request lines; each line has one owner.
            crate::model::shared_lines::merge_shared_lines(&mut model.operations, &model.types);
        }
        crate::model::infer::infer_missing_types(&mut model);
        self.apply_filters(&mut model);
        Ok(model)
    }

    fn apply_filters(&self, model: &mut Model) {
        // Included: any page that documents the line is in the list (an Intune client keeps
        // `GET /users`, which the users page owns). Excluded: the owner's area or page is.
        // Either way the operation stays in its owner's area.
        let matches_owner = |list: &[String], area: &str, page: &str| {
            list.iter()
                .any(|f| f.eq_ignore_ascii_case(area) || f.eq_ignore_ascii_case(page))
        };
        if !self.include.is_empty() {
            model.operations.retain(|op| {
                matches_owner(&self.include, &op.area, &op.page)
                    || op
                        .also_documented_by
                        .iter()
                        .any(|other| matches_owner(&self.include, &other.area, &other.page))
            });
        }
        model
            .operations
            .retain(|op| !matches_owner(&self.exclude, &op.area, &op.page));
    }

    /// Generates the crate in memory.
    pub fn render(&self) -> Result<Generated, Error> {
        let model = self.read_model()?;
        let api = emit::plan(&model);
        let registry = match (&self.known_broken, self.without_example_tests) {
            (Some(path), false) => KnownBroken::load(path).map_err(Error::Usage)?,
            _ => KnownBroken::default(),
        };
        // The example tests are one large file: build them while the crate's many files
        // are formatted on the other threads.
        let (mut generated, examples) = rayon::join(
            || emit::generate_crate_from_plan(&model, &api, &self.emit),
            || {
                (!self.without_example_tests)
                    .then(|| example_tests(&model, &api, &registry, &self.emit.crate_name))
            },
        );
        let mut diagnostics = model.diagnostics.clone();
        diagnostics.append(&mut generated.diagnostics);
        generated.files.insert(
            API_SUMMARY.to_string(),
            emit::summary::api_summary(&model, &api),
        );
        if self.module_layout {
            if let Some(root) = generated.files.get("src/lib.rs") {
                generated
                    .files
                    .insert("src/module.rs".to_string(), without_crate_attributes(root));
            }
        }
        let examples = examples.map(|tests| {
            generated
                .files
                .insert("tests/examples.rs".to_string(), tests.file);
            tests.summary
        });
        let digest = crate::digest::docs_digest(&self.docs);
        let files = generated
            .files
            .into_iter()
            .map(|(path, content)| {
                let stamped = crate::digest::stamp(&path, &content, &digest);
                (path, stamped)
            })
            .collect();
        Ok(Generated {
            model,
            files,
            diagnostics,
            examples,
        })
    }

    /// Generates the crate and writes it to the output folder; returns what changed.
    pub fn generate(&self) -> Result<(Generated, Changes), Error> {
        let out = self.require_out_dir()?;
        let generated = self.render()?;
        let changes = output::write_tree(out, &generated.files).map_err(|source| Error::Io {
            path: out.to_path_buf(),
            source,
        })?;
        Ok((generated, changes))
    }

    /// Compares what would be generated with the output folder; writes nothing.
    pub fn check(&self) -> Result<(Generated, Changes), Error> {
        let out = self.require_out_dir()?;
        let generated = self.render()?;
        let changes = output::compare(out, &generated.files).map_err(|source| Error::Io {
            path: out.to_path_buf(),
            source,
        })?;
        Ok((generated, changes))
    }

    fn require_out_dir(&self) -> Result<&Path, Error> {
        self.out_dir
            .as_deref()
            .ok_or_else(|| Error::Usage("no output folder given".into()))
    }
}

/// The file beside the crate listing every public item.
pub const API_SUMMARY: &str = "api-summary.txt";

/// The crate root with its inner attributes (`//!` docs, `#![...]`) removed, which
/// `include!` does not accept.
fn without_crate_attributes(root: &str) -> String {
    match syn::parse_file(root) {
        Ok(mut file) => {
            file.attrs.clear();
            file.shebang = None;
            prettyplease::unparse(&file)
        }
        Err(_) => String::new(),
    }
}

/// Adds a second docs tree's model to the first (types already known are kept).
fn merge(into: &mut Model, other: Model) {
    for (name, ty) in other.types {
        into.types.entry(name).or_insert(ty);
    }
    into.operations.extend(other.operations);
    into.diagnostics.extend(other.diagnostics);
}
