//! [`Config`]: the library entry point, for `build.rs` scripts and for the CLI.
//!
//! In `build.rs` (the crate is written to `OUT_DIR` unless [`Config::out_dir`] says otherwise):
//!
//! ```no_run
//! graphgen::Config::new()
//!     .docs("docs")
//!     .include_area("microsoft-teams")
//!     .module_layout()
//!     .generate()
//!     .expect("graph client generated");
//! ```
//!
//! The builder methods take `&mut self`, so a configuration can also be built up step by step:
//!
//! ```
//! let mut config = graphgen::Config::new();
//! config.docs("docs/v1.0");
//! for area in ["users", "mail"] {
//!     config.include_area(area);
//! }
//! assert_eq!(config.docs_folders().len(), 1);
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity};
use crate::diff::{self, ApiDiff, ApiSurface};
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
    /// What changed in the API since the crate in the output folder was generated, read
    /// from its `api.json` (by [`Config::generate`] and [`Config::check`]; absent when the
    /// folder holds none).
    pub api_diff: Option<ApiDiff>,
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
    /// An empty configuration: no docs folder yet, the crate named `msgraph`, written to
    /// `OUT_DIR`.
    ///
    /// ```
    /// let config = graphgen::Config::new();
    /// assert!(config.docs_folders().is_empty());
    /// ```
    pub fn new() -> Self {
        Config::default()
    }

    /// One configuration per `[[crate]]` of a settings file (`graphgen.toml`, see
    /// [`crate::settings`]), in file order.
    ///
    /// ```no_run
    /// for config in graphgen::Config::from_settings_file("graphgen.toml")? {
    ///     config.generate()?;
    /// }
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
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
    ///
    /// ```no_run
    /// let mut config = graphgen::Config::load("graphgen.toml", Some("msgraph"))?;
    /// config.out_dir("target/msgraph").generate()?;
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn load(file: impl AsRef<Path>, crate_name: Option<&str>) -> Result<Config, Error> {
        Ok(Settings::load(file)?.select(crate_name)?.config())
    }

    /// The docs folders, in reading order.
    ///
    /// ```
    /// let mut config = graphgen::Config::new();
    /// config.docs("v1.0").docs("overlay");
    /// assert_eq!(config.docs_folders()[1], std::path::Path::new("overlay"));
    /// ```
    pub fn docs_folders(&self) -> &[PathBuf] {
        &self.docs
    }

    /// Where [`Config::generate`] writes: the folder given to [`Config::out_dir`], else
    /// `OUT_DIR` (set for build scripts), else none.
    ///
    /// ```
    /// let mut config = graphgen::Config::new();
    /// config.out_dir("client");
    /// assert_eq!(config.output_folder().as_deref(), Some(std::path::Path::new("client")));
    /// ```
    pub fn output_folder(&self) -> Option<PathBuf> {
        self.out_dir
            .clone()
            .or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from))
    }

    /// The generated package's name.
    ///
    /// ```
    /// assert_eq!(graphgen::Config::new().crate_name(), "msgraph");
    /// ```
    pub fn crate_name(&self) -> &str {
        &self.emit.crate_name
    }

    /// Adds a docs folder (holding `api/` and/or `resources/`). Several folders are read one
    /// after the other and merged by full type name; a type an earlier folder defines wins.
    ///
    /// ```no_run
    /// graphgen::Config::new()
    ///     .docs("docs-input/v1.0")
    ///     .docs("my-corrections")
    ///     .out_dir("client")
    ///     .generate()?;
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn docs(&mut self, folder: impl Into<PathBuf>) -> &mut Self {
        self.docs.push(folder.into());
        self
    }

    /// Where [`Config::generate`] writes the crate (by default `OUT_DIR`).
    ///
    /// ```no_run
    /// graphgen::Config::new()
    ///     .docs("docs-input/v1.0")
    ///     .out_dir("generated")
    ///     .generate()?;
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn out_dir(&mut self, folder: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(folder.into());
        self
    }

    /// Keeps only operations of this area (or page, by file stem); may be repeated. A line
    /// several pages document is kept when any of them matches.
    ///
    /// ```no_run
    /// let model = graphgen::Config::new()
    ///     .docs("docs-input/v1.0")
    ///     .include_area("users")
    ///     .include_area("chat-post-messages")
    ///     .read_model()?;
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn include_area(&mut self, area_or_page: impl Into<String>) -> &mut Self {
        self.include.push(area_or_page.into());
        self
    }

    /// Drops operations of this area (or page, by file stem); may be repeated. A line is
    /// dropped when the page that owns it matches.
    ///
    /// ```no_run
    /// let model = graphgen::Config::new()
    ///     .docs("docs-input/v1.0")
    ///     .exclude_area("intune")
    ///     .read_model()?;
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn exclude_area(&mut self, area_or_page: impl Into<String>) -> &mut Self {
        self.exclude.push(area_or_page.into());
        self
    }

    /// Options of the emitter (crate name, runtime dependency, ...).
    ///
    /// ```
    /// let mut config = graphgen::Config::new();
    /// config.emit_options(graphgen::emit::EmitOptions {
    ///     crate_name: "graph-client".into(),
    ///     ..Default::default()
    /// });
    /// assert_eq!(config.crate_name(), "graph-client");
    /// ```
    pub fn emit_options(&mut self, options: EmitOptions) -> &mut Self {
        self.emit = options;
        self
    }

    /// Also writes `src/module.rs`: the crate root without crate-level attributes, for
    /// `include!` at the root of another crate (the `build.rs` use).
    ///
    /// ```no_run
    /// // build.rs
    /// graphgen::Config::new().docs("docs").module_layout().generate()?;
    /// // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/src/module.rs"));
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn module_layout(&mut self) -> &mut Self {
        self.module_layout = true;
        self
    }

    /// Leaves out `tests/examples.rs`, the documented examples as tests.
    ///
    /// ```no_run
    /// let generated = graphgen::Config::new()
    ///     .docs("docs-input/v1.0")
    ///     .without_example_tests()
    ///     .render()?;
    /// assert!(generated.examples.is_none());
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn without_example_tests(&mut self) -> &mut Self {
        self.without_example_tests = true;
        self
    }

    /// The registry of documented examples known to be wrong (see [`crate::examples::registry`]).
    ///
    /// ```no_run
    /// graphgen::Config::new()
    ///     .docs("docs-input/v1.0")
    ///     .known_broken_examples("tests/known-broken-examples.json")
    ///     .out_dir("generated")
    ///     .generate()?;
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn known_broken_examples(&mut self, registry: impl Into<PathBuf>) -> &mut Self {
        self.known_broken = Some(registry.into());
        self
    }

    /// Reads the docs into the model, with the include/exclude filters applied.
    ///
    /// ```no_run
    /// let model = graphgen::Config::new().docs("docs-input/v1.0").read_model()?;
    /// println!("{} operations", model.operations.len());
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
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
            merge(&mut model, build::read_pages(folder));
        }
        // The passes settle the folders together: they may document the same request lines,
        // and each line has one owner.
        crate::model::passes::sort_operations(&mut model);
        build::settle(&mut model);
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
    ///
    /// ```no_run
    /// let generated = graphgen::Config::new().docs("docs-input/v1.0").render()?;
    /// assert!(generated.files.contains_key("src/lib.rs"));
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn render(&self) -> Result<Generated, Error> {
        self.render_over(None)
    }

    /// The API these docs describe, as `graphgen diff` compares it.
    ///
    /// ```no_run
    /// let api = graphgen::Config::new().docs("docs-input/v1.0").read_api()?;
    /// println!("{} operations", api.operations.len());
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn read_api(&self) -> Result<ApiSurface, Error> {
        Ok(ApiSurface::from_model(&self.read_model()?))
    }

    /// What changed in the API from the docs `old` reads to the docs this configuration
    /// reads (each with its own filters); both are read at once.
    ///
    /// ```no_run
    /// let mut old = graphgen::Config::new();
    /// old.docs("docs-input/v1.0-2021-01");
    /// let diff = graphgen::Config::new().docs("docs-input/v1.0").diff_from(&old)?;
    /// println!("{}", graphgen::diff::render_markdown::markdown(&diff));
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn diff_from(&self, old: &Config) -> Result<ApiDiff, Error> {
        let (old, new) = rayon::join(|| old.read_api(), || self.read_api());
        Ok(diff::diff_surfaces(&old?, &new?))
    }

    /// Generates the crate in memory, as the successor of the crate whose `api.json` is
    /// `previous`: its version follows the change (see [`crate::diff::version`]).
    fn render_over(&self, previous: Option<ApiSurface>) -> Result<Generated, Error> {
        let model = self.read_model()?;
        let mut surface = ApiSurface::from_model(&model);
        let api_diff = previous
            .as_ref()
            .map(|previous| diff::diff_surfaces(previous, &surface));
        let mut emit_options = self.emit.clone();
        emit_options.crate_version = diff::version::next_version(
            &self.emit.crate_version,
            previous.as_ref().and_then(|p| p.crate_version.as_deref()),
            api_diff.as_ref().and_then(ApiDiff::impact),
        );
        surface.crate_version = Some(emit_options.crate_version.clone());
        let api = emit::plan(&model);
        let registry = match (&self.known_broken, self.without_example_tests) {
            (Some(path), false) => KnownBroken::load(path).map_err(Error::Usage)?,
            _ => KnownBroken::default(),
        };
        // The example tests are one large file: build them while the crate's many files
        // are formatted on the other threads.
        let (mut generated, examples) = rayon::join(
            || emit::generate_crate_from_plan(&model, &api, &emit_options),
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
        generated
            .files
            .insert(API_DESCRIPTION.to_string(), surface.to_json());
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
            api_diff,
        })
    }

    /// Generates the crate and writes it to the output folder; returns what changed.
    ///
    /// ```no_run
    /// let (_, changes) = graphgen::Config::new()
    ///     .docs("docs-input/v1.0")
    ///     .out_dir("generated")
    ///     .generate()?;
    /// println!("{}", changes.summary());
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn generate(&self) -> Result<(Generated, Changes), Error> {
        let out = self.require_out_dir()?;
        let generated = self.render_over(previous_api(&out))?;
        let changes = output::write_tree(&out, &generated.files).map_err(|source| Error::Io {
            path: out.to_path_buf(),
            source,
        })?;
        Ok((generated, changes))
    }

    /// Compares what would be generated with the output folder; writes nothing.
    ///
    /// ```no_run
    /// let (_, changes) = graphgen::Config::new()
    ///     .docs("docs-input/v1.0")
    ///     .out_dir("generated")
    ///     .check()?;
    /// assert!(changes.is_empty(), "stale: {}", changes.summary());
    /// # Ok::<(), graphgen::config::Error>(())
    /// ```
    pub fn check(&self) -> Result<(Generated, Changes), Error> {
        let out = self.require_out_dir()?;
        let generated = self.render_over(previous_api(&out))?;
        let changes = output::compare(&out, &generated.files).map_err(|source| Error::Io {
            path: out.to_path_buf(),
            source,
        })?;
        Ok((generated, changes))
    }

    fn require_out_dir(&self) -> Result<PathBuf, Error> {
        self.output_folder()
            .ok_or_else(|| Error::Usage("no output folder given, and OUT_DIR is not set".into()))
    }
}

/// The file beside the crate listing every public item.
pub const API_SUMMARY: &str = "api-summary.txt";

/// The file beside the crate describing its API for `graphgen diff` and `check`
/// ([`ApiSurface`]), with the crate's version.
pub const API_DESCRIPTION: &str = "api.json";

/// The API the crate in `out` was generated from; `None` when there is no `api.json` or it
/// is not one this generator reads (then the configured version is used as is).
fn previous_api(out: &Path) -> Option<ApiSurface> {
    let text = std::fs::read_to_string(out.join(API_DESCRIPTION)).ok()?;
    ApiSurface::from_json(&text)
}

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
