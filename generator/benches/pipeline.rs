//! Generation speed against the Markdown-parse floor, in one run.
//!
//! `cargo bench -p graphgen --bench pipeline [-- DOCS_DIR]` (default: the v1.0 corpus at
//! `docs-input/v1.0`). Prints, for each stage, the median of
//! several runs and its ratio to the floor (reading every page and a bare pulldown-cmark
//! pass over it), then the peak resident memory of the process.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RUNS: usize = 7;

fn main() {
    let docs = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input/v1.0"));
    if !docs.is_dir() {
        eprintln!("skipped: docs folder {} not found", docs.display());
        return;
    }
    let threads = rayon::current_num_threads();
    println!("docs: {}  (rayon threads: {threads})", docs.display());

    let floor = median(|| {
        let pages = markdown_files(&docs);
        let events: usize = pages
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                pulldown_cmark::Parser::new(&text).count()
            })
            .sum();
        std::hint::black_box(events);
    });
    let floor_parallel = median(|| {
        use rayon::prelude::*;
        let pages = markdown_files(&docs);
        let events: usize = pages
            .par_iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                pulldown_cmark::Parser::new(&text).count()
            })
            .sum();
        std::hint::black_box(events);
    });
    let model = median(|| {
        std::hint::black_box(graphgen::model::build::read_docs(&docs));
    });
    let mut model_for_emit = graphgen::model::build::read_docs(&docs);
    graphgen::model::infer::infer_missing_types(&mut model_for_emit);
    let plan = median(|| {
        std::hint::black_box(graphgen::emit::plan(&model_for_emit));
    });
    let emit = median(|| {
        std::hint::black_box(graphgen::emit::generate_crate(
            &model_for_emit,
            &Default::default(),
        ));
    });
    let api = graphgen::emit::plan(&model_for_emit);
    let examples = median(|| {
        std::hint::black_box(graphgen::examples::example_tests(
            &model_for_emit,
            &api,
            &Default::default(),
            "msgraph",
        ));
    });
    let digest = median(|| {
        std::hint::black_box(graphgen::digest::docs_digest(std::slice::from_ref(&docs)));
    });
    let out = tempfile::tempdir().expect("temporary folder");
    let rendered = graphgen::Config::new()
        .docs(&docs)
        .render()
        .expect("render");
    let render = median(|| {
        std::hint::black_box(
            graphgen::Config::new()
                .docs(&docs)
                .render()
                .expect("render"),
        );
    });
    let mut round = 0;
    let write = median(|| {
        round += 1;
        graphgen::output::write_tree(&out.path().join(format!("write-{round}")), &rendered.files)
            .expect("write");
    });
    let generate = median(|| {
        // A fresh folder each time, so every file is really written.
        round += 1;
        graphgen::Config::new()
            .docs(&docs)
            .out_dir(out.path().join(format!("client-{round}")))
            .generate()
            .expect("generate");
    });

    let report = |name: &str, time: Duration| {
        println!(
            "{name:<44} {:>9.1} ms  {:>5.2}x floor  {:>5.2}x parallel floor",
            time.as_secs_f64() * 1e3,
            time.as_secs_f64() / floor.as_secs_f64(),
            time.as_secs_f64() / floor_parallel.as_secs_f64()
        );
    };
    report("floor: read + pulldown-cmark, one thread", floor);
    report("floor: read + pulldown-cmark, all threads", floor_parallel);
    report("parse + model (read_docs)", model);
    report("  plan (names and shapes)", plan);
    report("  emit crate (plan, tokens, format)", emit);
    report("  example tests (plan cases, tokens, format)", examples);
    report("  docs digest", digest);
    report("  render (everything in memory)", render);
    report("  write a fresh tree", write);
    report("full generate (model, emit, format, write)", generate);
    if let Some(peak) = peak_memory_kib() {
        println!("peak resident memory: {:.1} MiB", peak as f64 / 1024.0);
    }
}

fn median(mut run: impl FnMut()) -> Duration {
    run(); // warm the page cache and the allocator
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Peak resident set size (`VmHWM`), on Linux.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
