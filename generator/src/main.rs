//! The `graphgen` command: read Graph-style API docs, print the model, generate or check a client.
//!
//! Exit statuses: 0 success (warnings and docs defects are reported, not fatal unless
//! `--strict`), 1 the work could not be done or found a problem (stale output, I/O error,
//! docs errors with `--strict`), 2 usage error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use graphgen::diagnostics::{render, Diagnostic};
use graphgen::Config;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "graphgen", version, about = "Typed Rust clients from Microsoft Graph-style Markdown API reference pages")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the intermediate model as JSON (`types`, `operations`, `diagnostics`).
    Model(DocsArgs),
    /// Generate the client crate into `--out`.
    Generate(GenerateArgs),
    /// Exit 1 with a summary of what changed when `--out` is not what `generate` would write.
    Check(OutArgs),
    /// Report defects in the docs themselves, with counts by code.
    Lint(DocsArgs),
    /// Serve each documented request with its documented response, for contract tests.
    Mock(MockArgs),
}

#[derive(Args)]
struct OutArgs {
    #[command(flatten)]
    docs: DocsArgs,
    /// Folder of the generated crate.
    #[arg(long)]
    out: PathBuf,
    /// Registry of documented examples known to be wrong; they are expected to fail.
    #[arg(long)]
    known_broken: Option<PathBuf>,
    /// Leave out `tests/examples.rs` (the documented examples as tests).
    #[arg(long)]
    no_example_tests: bool,
    /// The crate is a member of the workspace around it (no `[workspace]` table of its own).
    #[arg(long)]
    workspace_member: bool,
}

impl OutArgs {
    fn config(&self) -> Config {
        let options = graphgen::emit::EmitOptions { own_workspace: !self.workspace_member, ..Default::default() };
        let mut config = config(&self.docs).out_dir(&self.out).emit_options(options);
        if let Some(registry) = &self.known_broken {
            config = config.known_broken_examples(registry);
        }
        if self.no_example_tests {
            config = config.without_example_tests();
        }
        config
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
struct MockArgs {
    #[command(flatten)]
    docs: DocsArgs,
    /// Address to listen on, e.g. 127.0.0.1:8080.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
}

#[derive(Args)]
struct DocsArgs {
    /// Docs folder (holding `api/` and/or `resources/`); may be repeated.
    #[arg(long, default_value = "docs-input")]
    docs: Vec<PathBuf>,
    /// Keep only operations of these areas (`ms.prod`) or pages (file stems).
    #[arg(long)]
    include: Vec<String>,
    /// Drop operations of these areas or pages.
    #[arg(long)]
    exclude: Vec<String>,
    /// How diagnostics are printed on stderr.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when the docs have errors.
    #[arg(long)]
    strict: bool,
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
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Model(args) => {
            let model = read_model(&args)?;
            print_stdout(&graphgen::model::build::model_json(&model));
            Ok(finish(&args, &model.diagnostics))
        }
        Command::Generate(args) => {
            let docs = &args.target.docs;
            let (generated, changes) =
                args.target.config().generate().map_err(|e| e.to_string())?;
            if let Some(path) = &args.report {
                let report = graphgen::report::summary(&generated);
                std::fs::write(path, report).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            eprint!("{}", changes.summary());
            Ok(finish(docs, &generated.diagnostics))
        }
        Command::Check(args) => {
            let (generated, changes) =
                args.config().check().map_err(|e| e.to_string())?;
            let code = finish(&args.docs, &generated.diagnostics);
            if changes.is_empty() {
                eprintln!("{} is up to date", args.out.display());
                Ok(code)
            } else {
                eprint!("{} is stale:\n{}", args.out.display(), changes.summary());
                Ok(ExitCode::from(1))
            }
        }
        Command::Lint(args) => {
            let model = read_model(&args)?;
            let mut findings = model.diagnostics.clone();
            findings.extend(graphgen::lint::lint(&model));
            let code = finish(&args, &findings);
            Ok(if findings.is_empty() { code } else { ExitCode::from(1) })
        }
        Command::Mock(args) => {
            let model = read_model(&args.docs)?;
            finish(&args.docs, &model.diagnostics);
            eprintln!("serving {} documented operations on http://{}", model.operations.len(), args.addr);
            let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
            runtime.block_on(graphgen::mock::serve(model, args.addr)).map_err(|e| format!("{}: {e}", args.addr))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn read_model(args: &DocsArgs) -> Result<graphgen::model::Model, String> {
    config(args).read_model().map_err(|e| e.to_string())
}

fn config(args: &DocsArgs) -> Config {
    let mut config = Config::new();
    for folder in &args.docs {
        config = config.docs(folder);
    }
    for area in &args.include {
        config = config.include_area(area);
    }
    for area in &args.exclude {
        config = config.exclude_area(area);
    }
    config
}

/// Writes to stdout; a closed pipe (`graphgen model | head`) ends the output quietly.
fn print_stdout(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.write_all(b"\n"));
}

/// Prints the diagnostics and decides the exit status.
fn finish(args: &DocsArgs, diagnostics: &[Diagnostic]) -> ExitCode {
    match args.format {
        Format::Human => eprint!("{}", render::human(diagnostics, &args.docs)),
        Format::Json => eprintln!("{}", render::json(diagnostics)),
    }
    let errors = diagnostics.iter().filter(|d| d.severity == graphgen::diagnostics::Severity::Error).count();
    if args.strict && errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
