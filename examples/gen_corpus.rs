//! Writes a synthetic corpus for the benchmarks (see BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --pages 10000 --seed 42 -o target/bench-corpus/seed42-n10000
//! ```
//!
//! Pages are `dNNN/NNNNNN_<hex>.txt|.html`, 1,000 a directory; the same seed
//! always gives the same bytes, and the first N pages of a bigger corpus are
//! the N-page corpus. Prints pages, HTML pages, bytes and planted documents.

#[path = "../benches/support/gen.rs"]
mod gen;

use std::path::PathBuf;

fn main() {
    let mut pages = 1000usize;
    let mut seed = 42u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&format!("{arg} needs a value")));
        match arg.as_str() {
            "--pages" => pages = value().parse().unwrap_or_else(|_| usage("--pages takes a number")),
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage("--seed takes a number")),
            "-o" | "--out" => out = Some(PathBuf::from(value())),
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let out = out.unwrap_or_else(|| usage("-o DIR is required"));
    let started = std::time::Instant::now();
    let stats = gen::Generator::new(seed).write_corpus(&out, pages).unwrap_or_else(|e| {
        eprintln!("gen_corpus: {}: {e}", out.display());
        std::process::exit(2)
    });
    println!(
        "{} pages ({} HTML), {} bytes ({:.1} MB), {} documents planted, seed {seed}, in {:.1} s: {}",
        stats.pages,
        stats.html_pages,
        stats.bytes,
        stats.bytes as f64 / 1e6,
        stats.documents,
        started.elapsed().as_secs_f64(),
        out.display()
    );
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("gen_corpus: {problem}");
    }
    eprintln!("usage: gen_corpus [--pages N] [--seed S] -o DIR");
    std::process::exit(if problem.is_empty() { 0 } else { 2 })
}
