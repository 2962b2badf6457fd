//! The `graphgen` command: read Graph-style API docs, print the model, generate or check a client.
//!
//! Exit statuses: 0 success (warnings and docs defects are reported, not fatal unless
//! `--strict`), 1 the work could not be done or found a problem (stale output, I/O error,
//! docs errors with `--strict`), 2 usage error (flags, the settings file).
//!
//! Without flags, `generate` and `check` work on every crate `graphgen.toml` lists; see
//! `cli_settings` for how flags and the file combine.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use graphgen::diagnostics::{render, Diagnostic};
use graphgen::settings::{CrateSettings, SETTINGS_FILE};

mod cli_settings;
use cli_settings::{DocsOverrides, Failure, OutOverrides};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "graphgen",
    version,
    about = "Typed Rust clients from Microsoft Graph-style Markdown API reference pages"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the intermediate model as JSON (`types`, `operations`, `diagnostics`).
    Model(ModelArgs),
    /// Generate the client crate into `--out`, or every crate of `graphgen.toml`.
    Generate(GenerateArgs),
    /// Exit 1 with a summary of what changed when an output folder is not what `generate` would write.
    Check(OutArgs),
    /// Report defects in the docs themselves, with counts by code.
    Lint(DocsArgs),
    /// What changed in the API between two docs revisions, each change breaking or additive.
    Diff(DiffArgs),
    /// Serve each documented request with its documented response, for contract tests.
    Mock(MockArgs),
}

#[derive(Args)]
struct ModelArgs {
    #[command(flatten)]
    docs: DocsArgs,
    /// Print counts (types by kind, bases, enum members, typed bodies and responses,
    /// permissions, diagnostics by code) instead of the model.
    #[arg(long)]
    stats: bool,
}

#[derive(Args)]
struct OutArgs {
    #[command(flatten)]
    docs: DocsArgs,
    /// Folder of the generated crate (replaces the settings file; see --config).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Registry of documented examples known to be wrong; they are expected to fail.
    #[arg(long)]
    known_broken: Option<PathBuf>,
    /// Leave out `tests/examples.rs` (the documented examples as tests).
    #[arg(long)]
    no_example_tests: bool,
    /// The crate is a member of the workspace around it (no `[workspace]` table of its own).
    #[arg(long)]
    workspace_member: bool,
    /// Depend on graphgen-runtime at this path, relative to the generated crate.
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<String>,
    /// Depend on this version of graphgen-runtime from crates.io (with --runtime-path: both).
    #[arg(long, value_name = "REQ")]
    runtime_version: Option<String>,
}

impl OutArgs {
    /// The crates to write: from the settings file and the defaults, with the flags applied.
    fn crates(&self) -> Result<Vec<CrateSettings>, Failure> {
        let ad_hoc = !self.docs.docs.is_empty() || self.out.is_some();
        let mut crates = self.docs.base_crates(ad_hoc)?;
        if self.out.is_some() {
            crates = cli_settings::only_one(crates, "--out names one output folder")?;
        }
        let overrides = OutOverrides {
            out: self.out.as_deref(),
            known_broken: self.known_broken.as_deref(),
            no_example_tests: self.no_example_tests,
            workspace_member: self.workspace_member,
            runtime_path: self.runtime_path.as_deref(),
            runtime_version: self.runtime_version.as_deref(),
        };
        for krate in &mut crates {
            overrides.apply(krate);
            if krate.out.is_none() {
                return Err(Failure::Usage(format!(
                    "no output folder: pass --out DIR, or list the crate in {SETTINGS_FILE} (or a file named by --config)"
                )));
            }
        }
        Ok(crates)
    }
}

#[derive(Args)]
struct GenerateArgs {
    #[command(flatten)]
    target: OutArgs,
    /// Also write a JSON summary of the run to this file.
    #[arg(long)]
    report: Option<PathBuf>,
}

#[derive(Args)]
struct DiffArgs {
    /// The older docs folder (may be repeated), or the `api.json` of a generated crate.
    #[arg(long, required = true, value_name = "DOCS")]
    old: Vec<PathBuf>,
    /// The newer docs folder (may be repeated), or an `api.json`.
    #[arg(long, required = true, value_name = "DOCS")]
    new: Vec<PathBuf>,
    /// Keep only operations of these areas (`ms.prod`) or pages (file stems), on both sides.
    #[arg(long)]
    include: Vec<String>,
    /// Drop operations of these areas or pages, on both sides.
    #[arg(long)]
    exclude: Vec<String>,
    /// How the report is printed on stdout.
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    format: ReportFormat,
    /// Exit 1 when a change is breaking.
    #[arg(long)]
    fail_on_breaking: bool,
}

impl DiffArgs {
    /// One side's API: an `api.json` file as it is, or docs folders read into a model.
    fn read_side(&self, paths: &[PathBuf]) -> Result<graphgen::diff::ApiSurface, Failure> {
        if let [file] = paths {
            if file.is_file() {
                let text = std::fs::read_to_string(file)
                    .map_err(|e| Failure::Work(format!("{}: {e}", file.display())))?;
                return graphgen::diff::ApiSurface::from_json(&text).ok_or_else(|| {
                    Failure::Work(format!(
                        "{}: not an API description (api.json) of this graphgen",
                        file.display()
                    ))
                });
            }
        }
        let mut config = graphgen::Config::new();
        for folder in paths {
            config.docs(folder);
        }
        for area in &self.include {
            config.include_area(area);
        }
        for area in &self.exclude {
            config.exclude_area(area);
        }
        Ok(config.read_api()?)
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Markdown,
    Json,
}

#[derive(Args)]
struct MockArgs {
    #[command(flatten)]
    docs: DocsArgs,
    /// Address to listen on, e.g. 127.0.0.1:8080.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
}

#[derive(Args)]
struct DocsArgs {
    /// Docs folder (holding `api/` and/or `resources/`); may be repeated. Without it, the
    /// settings file's, or `docs-input`.
    #[arg(long)]
    docs: Vec<PathBuf>,
    /// Keep only operations of these areas (`ms.prod`) or pages (file stems).
    #[arg(long)]
    include: Vec<String>,
    /// Drop operations of these areas or pages.
    #[arg(long)]
    exclude: Vec<String>,
    /// Settings file to read instead of `./graphgen.toml` (which is read only when neither
    /// --docs nor --out is given).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Work on this `[[crate]]` of the settings file only.
    #[arg(long = "crate", value_name = "NAME")]
    krate: Option<String>,
    /// How diagnostics are printed on stderr.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when the docs have errors.
    #[arg(long)]
    strict: bool,
}

impl DocsArgs {
    fn base_crates(&self, ad_hoc: bool) -> Result<Vec<CrateSettings>, Failure> {
        let file = cli_settings::settings_file(self.config.as_deref(), ad_hoc);
        let mut crates = cli_settings::base_crates(file.as_deref(), self.krate.as_deref())?;
        let overrides = DocsOverrides {
            docs: &self.docs,
            include: &self.include,
            exclude: &self.exclude,
        };
        for krate in &mut crates {
            overrides.apply(krate);
        }
        Ok(crates)
    }

    /// The one docs set `model`, `lint` and `mock` read.
    fn crate_to_read(&self) -> Result<CrateSettings, Failure> {
        let crates = cli_settings::only_one(
            self.base_crates(!self.docs.is_empty())?,
            "this command reads one docs set",
        )?;
        Ok(crates.into_iter().next().unwrap_or_default())
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Work(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Runs the command; the exit status on success (1 when it found a problem).
fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Model(args) => {
            let krate = args.docs.crate_to_read()?;
            let model = krate.config().read_model()?;
            if args.stats {
                let stats = graphgen::model::stats::model_stats(&model);
                print_stdout(&graphgen::model::stats::stats_json(&stats));
            } else {
                print_stdout(&graphgen::model::build::model_json(&model));
            }
            Ok(finish(&args.docs, &krate.docs, &model.diagnostics))
        }
        Command::Generate(args) => {
            let crates = args.target.crates()?;
            if args.report.is_some() && crates.len() > 1 {
                return Err(Failure::Usage(
                    "--report describes one crate; pick one with --crate".into(),
                ));
            }
            let mut status = 0;
            for krate in &crates {
                let (generated, changes) = krate.config().generate()?;
                if let Some(path) = &args.report {
                    let report = graphgen::report::summary(&generated);
                    std::fs::write(path, report)
                        .map_err(|e| Failure::Work(format!("{}: {e}", path.display())))?;
                }
                if crates.len() > 1 {
                    eprintln!("{} ({}):", krate.name, out_folder(krate).display());
                }
                eprint!("{}", changes.summary());
                status = status.max(finish(
                    &args.target.docs,
                    &krate.docs,
                    &generated.diagnostics,
                ));
            }
            Ok(status)
        }
        Command::Check(args) => {
            let mut status = 0;
            for krate in &args.crates()? {
                let (generated, changes) = krate.config().check()?;
                status = status.max(finish(&args.docs, &krate.docs, &generated.diagnostics));
                let out = out_folder(krate).display();
                if changes.is_empty() {
                    eprintln!("{out} is up to date");
                } else {
                    eprint!(
                        "{out} is stale:\n{}{}",
                        api_change(&generated),
                        changes.summary()
                    );
                    status = 1;
                }
            }
            Ok(status)
        }
        Command::Diff(args) => {
            let (old, new) =
                rayon::join(|| args.read_side(&args.old), || args.read_side(&args.new));
            let diff = graphgen::diff::diff_surfaces(&old?, &new?);
            print_stdout(&match args.format {
                ReportFormat::Markdown => graphgen::diff::render_markdown::markdown(&diff),
                ReportFormat::Json => graphgen::diff::render_json::json(&diff),
            });
            let breaking = diff.impact() == Some(graphgen::diff::Impact::Breaking);
            Ok(u8::from(args.fail_on_breaking && breaking))
        }
        Command::Lint(args) => {
            let krate = args.crate_to_read()?;
            let model = krate.config().read_model()?;
            let mut findings = model.diagnostics.clone();
            findings.extend(graphgen::lint::lint(&model));
            let code = finish(&args, &krate.docs, &findings);
            Ok(if findings.is_empty() { code } else { 1 })
        }
        Command::Mock(args) => {
            let krate = args.docs.crate_to_read()?;
            let model = krate.config().read_model()?;
            finish(&args.docs, &krate.docs, &model.diagnostics);
            eprintln!(
                "serving {} documented operations on http://{}",
                model.operations.len(),
                args.addr
            );
            let runtime =
                tokio::runtime::Runtime::new().map_err(|e| Failure::Work(e.to_string()))?;
            runtime
                .block_on(graphgen::mock::serve(model, args.addr))
                .map_err(|e| Failure::Work(format!("{}: {e}", args.addr)))?;
            Ok(0)
        }
    }
}

/// What changed in the API since the output folder's crate was generated.
fn api_change(generated: &graphgen::config::Generated) -> String {
    match &generated.api_diff {
        None => format!(
            "  API: the folder has no {} of this graphgen, so what changed in the API is unknown\n",
            graphgen::config::API_DESCRIPTION
        ),
        Some(diff) if diff.is_empty() => {
            "  API: unchanged (the change is in the generated code or the docs text)\n".into()
        }
        Some(diff) => graphgen::diff::render_text::text(diff),
    }
}

/// Set for every crate `OutArgs::crates` returns.
fn out_folder(krate: &CrateSettings) -> &std::path::Path {
    krate.out.as_deref().unwrap_or(std::path::Path::new("."))
}

/// Writes to stdout; a closed pipe (`graphgen model | head`) ends the output quietly.
fn print_stdout(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.write_all(b"\n"));
}

/// Prints the diagnostics (paths relative to the docs folders) and decides the exit status.
fn finish(args: &DocsArgs, docs: &[PathBuf], diagnostics: &[Diagnostic]) -> u8 {
    match args.format {
        Format::Human => eprint!("{}", render::human(diagnostics, docs)),
        Format::Json => eprintln!("{}", render::json(diagnostics)),
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == graphgen::diagnostics::Severity::Error)
        .count();
    u8::from(args.strict && errors > 0)
}
