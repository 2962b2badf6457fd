//! The `graphgen` command: read Graph-style API docs, print the model, generate or check a client.
//!
//! Exit statuses: 0 success (warnings and docs defects are reported, not fatal unless
//! `--strict`), 1 the work could not be done or found a problem (stale output, I/O error,
//! docs errors with `--strict`), 2 usage error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use graphgen::diagnostics::{render, Diagnostic};

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
}

#[derive(Args)]
struct DocsArgs {
    /// Docs folder (holding `api/` and/or `resources/`); may be repeated.
    #[arg(long, required = true)]
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
            let mut model = graphgen::model::Model::default();
            for folder in &args.docs {
                let part = graphgen::model::build::read_docs(folder);
                model.types.extend(part.types);
                model.operations.extend(part.operations);
                model.diagnostics.extend(part.diagnostics);
            }
            print_stdout(&graphgen::model::build::model_json(&model));
            Ok(finish(&args, &model.diagnostics))
        }
    }
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
