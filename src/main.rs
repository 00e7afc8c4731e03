//! The `diplograph` command: parses arguments, calls the library, prints
//! errors and sets the exit code (0 clean, 1 some input skipped, 2 fatal).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use std::io::IsTerminal;

use anyhow::Context;
use clap::{Parser, Subcommand};
use diplograph::export::{self, Format, Projection};
use diplograph::extract::Knowledge;
use diplograph::graph::KnowledgeGraph;
use diplograph::model::Extraction;
use diplograph::output;
use diplograph::pipeline::{self, Memory, RunReport};
use oxigraph::io::RdfFormat;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's own option functions, linked in with the allocator (the
// `mimalloc` crate declares them only under a feature that needs another crate).
extern "C" {
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
    #[cfg(test)]
    fn mi_option_get(option: std::os::raw::c_int) -> std::os::raw::c_long;
}

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (include/mimalloc.h).
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

/// Gives freed memory back to the system after 10 ms, mimalloc 2's default,
/// instead of mimalloc 3's 1 s (times 10 for whole arenas). Resolve frees the
/// per-source analyses while it builds the extraction; kept resident, they
/// raised the peak of `export` on 100,000 pages from 1,125 to 1,204 MiB
/// (BENCHMARKS.md). `MIMALLOC_PURGE_DELAY` in the environment still wins.
fn purge_freed_memory_soon() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: called first thing in `main`, before any other thread
        // exists; mimalloc reads its options with no other precondition.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 10) }
    }
}

#[derive(Parser)]
#[command(name = "diplograph", version, about = "Turns a corpus of diplomatic statements into a knowledge graph")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the pipeline and write every export to a directory.
    Build(BuildArgs),
    /// Run the pipeline and write one export (stdout unless -o FILE).
    Export(ExportArgs),
    /// Score the extraction against a gold annotation file.
    Eval(EvalArgs),
    /// Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the graph.
    Query(QueryArgs),
    /// Answer SPARQL 1.1 Protocol queries over HTTP at /sparql, with a query page at /.
    Serve(ServeArgs),
    /// Send a build's graphs to a store's SPARQL 1.1 Graph Store Protocol endpoint.
    Push(PushArgs),
}

/// Where the extractor's domain knowledge comes from.
#[derive(clap::Args)]
struct KnowledgeArgs {
    /// Gazetteer file or directory of .toml files that extends (or, with
    /// --no-default-gazetteer, replaces) the built-in one. Repeatable.
    #[arg(long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// Use only the gazetteers given with --gazetteer.
    #[arg(long)]
    no_default_gazetteer: bool,
}

impl KnowledgeArgs {
    fn load(&self) -> diplograph::Result<Knowledge> {
        let gazetteer = diplograph::gazetteer::Gazetteer::load(&self.gazetteers, self.no_default_gazetteer)?;
        let lexicon = diplograph::lexicon::Lexicon::builtin()?;
        Ok(Knowledge::new(lexicon, gazetteer, diplograph::extract::DEFAULT_GIVEN_NAMES))
    }
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Corpus files or directories (.txt, .html, .htm); `-` reads stdin.
    #[arg(default_value = "data/corpus")]
    inputs: Vec<PathBuf>,
    /// Output directory.
    #[arg(short = 'o', long = "out", default_value = "out")]
    out: PathBuf,
    /// Base of the instance IRIs in the RDF exports.
    #[arg(long, default_value = diplograph::vocab::DEFAULT_BASE_IRI)]
    base_iri: String,
    #[command(flatten)]
    knowledge: KnowledgeArgs,
}

#[derive(clap::Args)]
struct ExportArgs {
    /// Corpus files or directories (.txt, .html, .htm); `-` reads stdin.
    #[arg(default_value = "data/corpus")]
    inputs: Vec<PathBuf>,
    /// The output format.
    #[arg(long, value_enum)]
    format: Format,
    /// Output file; `-` or none writes to stdout.
    #[arg(short = 'o', long = "out")]
    out: Option<PathBuf>,
    /// Base of the instance IRIs in the RDF formats.
    #[arg(long, default_value = diplograph::vocab::DEFAULT_BASE_IRI)]
    base_iri: String,
    /// GraphML/GEXF: the whole graph, or entities joined by the documents that mention both.
    #[arg(long, value_enum, default_value = "full")]
    projection: Projection,
    /// With --projection comention: the entity types to keep (e.g. Person,Organization).
    #[arg(long)]
    types: Option<String>,
    /// N-Quads/N-Triples: cut the export into chunk files of at most this
    /// many bytes (e.g. 256M) in the directory -o DIR, for a store's bulk loader.
    #[arg(long, value_name = "BYTES", value_parser = parse_size, requires = "out")]
    split_bytes: Option<u64>,
    /// Gzip the output (each chunk with --split-bytes).
    #[arg(long)]
    gzip: bool,
    #[command(flatten)]
    knowledge: KnowledgeArgs,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// The gold annotation file (shared/gold/SCHEMA.md format).
    #[arg(long)]
    gold: PathBuf,
    /// Corpus files or directories to extract from.
    #[arg(default_value = "data/corpus")]
    inputs: Vec<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// List the misses and false hits.
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    knowledge: KnowledgeArgs,
}

#[derive(clap::Args)]
struct QueryArgs {
    /// A build's output directory (graph.nq, ontology.ttl) to query.
    #[arg(short = 'd', long = "dir", default_value = "out", conflicts_with = "inputs")]
    dir: PathBuf,
    /// Read the query from a file (e.g. queries/statements-by-speaker.rq).
    #[arg(short = 'f', long = "file", conflicts_with = "query")]
    file: Option<PathBuf>,
    /// How SELECT and ASK results are printed.
    #[arg(long, value_enum, default_value_t = diplograph::store::ResultsFormat::Table)]
    results: diplograph::store::ResultsFormat,
    /// How CONSTRUCT and DESCRIBE results are printed.
    #[arg(long, value_enum, default_value = "turtle")]
    format: diplograph::export::Format,
    /// Base of the instance IRIs, shortened to `id:` in tables.
    #[arg(long, default_value = diplograph::vocab::DEFAULT_BASE_IRI)]
    base_iri: String,
    /// The query text (unless -f is given).
    #[arg(required_unless_present = "file")]
    query: Option<String>,
    /// Corpus files or directories to run the pipeline on instead of -d (after `--`).
    #[arg(last = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    knowledge: KnowledgeArgs,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// A build's output directory (graph.nq, ontology.ttl) to serve.
    #[arg(short = 'd', long = "dir", default_value = "out")]
    dir: PathBuf,
    /// Address and port to listen on; port 0 picks a free one. Loopback
    /// unless told otherwise (the endpoint has no authentication).
    #[arg(long, default_value = diplograph::serve::DEFAULT_BIND)]
    bind: std::net::SocketAddr,
    /// Seconds a query may run (waiting for a worker included) before it is
    /// stopped and answered with HTTP 503.
    #[arg(long, default_value_t = 30.0, value_parser = parse_seconds)]
    timeout: f64,
    /// The largest request body (or URL query string) accepted, in bytes; larger gets HTTP 413 (414 for URLs).
    #[arg(long, default_value_t = 1 << 20)]
    max_request_bytes: usize,
    /// Queries evaluated at once (default: one per CPU core); more wait for a free worker.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    workers: Option<u32>,
    /// Offer the .rq files of this directory on the page instead of the built-in competency queries.
    #[arg(long, value_name = "DIR")]
    queries: Option<PathBuf>,
}

#[derive(clap::Args)]
struct PushArgs {
    /// A build's output directory; its graph.nq is pushed.
    #[arg(short = 'd', long = "dir", default_value = "out")]
    dir: PathBuf,
    /// The store's Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph) or
    /// http://localhost:3030/ds/data (Fuseki). Credentials: DIPLOGRAPH_STORE_USER,
    /// DIPLOGRAPH_STORE_PASSWORD, DIPLOGRAPH_STORE_HEADERS (never on the command line).
    #[arg(long, value_name = "URL")]
    store: String,
    /// Also delete the graphs under the build's graph namespace that this build no longer has
    /// (source files since removed); needs --query-endpoint to list them.
    #[arg(long, requires = "query_endpoint")]
    replace: bool,
    /// The store's SPARQL query endpoint, e.g. http://127.0.0.1:7878/query (for --replace).
    #[arg(long, value_name = "URL")]
    query_endpoint: Option<String>,
    /// Print what would be sent (graphs, triples) and send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Leave the store's default graph alone (by default it is replaced by the merge of the
    /// pushed graphs, the default graph the saved queries are written for).
    #[arg(long)]
    no_default_graph: bool,
    /// Retries after a transient failure (connection refused, timeout, 408, 429, 5xx), waiting
    /// 0.5 s, 1 s, 2 s... between them.
    #[arg(long, default_value_t = 4)]
    retries: u32,
    /// A graph larger than this (N-Triples bytes) goes in several requests: a PUT, then POSTs.
    #[arg(long, value_name = "BYTES", default_value = "16M", value_parser = parse_size)]
    batch_bytes: u64,
    /// Base of the instance IRIs the build used (--replace works under its graph/ namespace).
    #[arg(long, default_value = diplograph::vocab::DEFAULT_BASE_IRI)]
    base_iri: String,
}

/// A byte size: a number with an optional binary suffix K, M or G (`256M`).
fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let upper = trimmed.to_ascii_uppercase();
    let number = upper.trim_end_matches("IB").trim_end_matches('B');
    let (digits, factor) = match number.chars().last() {
        Some('K') => (&number[..number.len() - 1], 1u64 << 10),
        Some('M') => (&number[..number.len() - 1], 1 << 20),
        Some('G') => (&number[..number.len() - 1], 1 << 30),
        _ => (number, 1),
    };
    match digits.trim().parse::<u64>().ok().and_then(|n| n.checked_mul(factor)) {
        Some(n) if n > 0 => Ok(n),
        _ => Err(format!("{text:?} is not a size in bytes (e.g. 1048576, 512K, 256M, 2G)")),
    }
}

fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() && s < 1e9 => Ok(s),
        _ => Err(format!("{text:?} is not a positive number of seconds")),
    }
}

fn main() -> ExitCode {
    purge_freed_memory_soon();
    let cli = Cli::parse();
    let (name, result) = match cli.command {
        Command::Build(args) => ("build", build_command(args)),
        Command::Export(args) => ("export", export_command(args)),
        Command::Eval(args) => ("eval", eval_command(args)),
        Command::Query(args) => ("query", query_command(args)),
        Command::Serve(args) => ("serve", serve_command(args)),
        Command::Push(args) => ("push", push_command(args)),
    };
    match result {
        Ok(code) => code,
        Err(e) => report_error(name, e),
    }
}

/// Prints a fatal error (each cause once) and gives exit code 2; a broken
/// pipe (`diplograph export … | head`) is not an error.
fn report_error(command: &str, e: anyhow::Error) -> ExitCode {
    let broken_pipe = e.chain().any(|c| {
        let io = c.downcast_ref::<std::io::Error>().or_else(|| match c.downcast_ref::<diplograph::Error>() {
            Some(diplograph::Error::Output(io)) | Some(diplograph::Error::Io { source: io, .. }) => Some(io),
            _ => None,
        });
        io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    let mut message = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message = format!("{message}: {cause}");
        }
    }
    eprintln!("diplograph {command}: {message}");
    ExitCode::from(2)
}

/// Runs the pipeline, printing what was skipped or warned about.
fn run_pipeline(inputs: &[PathBuf], knowledge: &Knowledge) -> (Extraction, RunReport) {
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}").expect("valid template"),
    );
    // A bar only where a person watches a long run.
    let many = inputs.iter().any(|p| p.is_dir());
    let show = many && std::io::stderr().is_terminal();
    if !show {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let (extraction, report) = pipeline::run(inputs, knowledge, Some(&bar));
    bar.finish_and_clear();
    for diagnostic in report.warnings.iter().chain(&report.skipped) {
        eprintln!("{diagnostic}");
    }
    (extraction, report)
}

/// With `DIPLOGRAPH_TIMINGS` set, prints how long each stage took on stderr
/// (what BENCHMARKS.md's stage figures come from).
struct Timings {
    on: bool,
    last: std::time::Instant,
}

impl Timings {
    fn new() -> Timings {
        Timings { on: std::env::var_os("DIPLOGRAPH_TIMINGS").is_some(), last: std::time::Instant::now() }
    }

    fn report(&self, report: &RunReport) {
        for timing in &report.timings {
            self.print_with(timing.stage, timing.wall, timing.memory);
        }
    }

    /// The time since the last lap.
    fn lap(&mut self, stage: &str) {
        let now = std::time::Instant::now();
        self.print(stage, now - self.last);
        self.last = now;
    }

    fn print(&self, stage: &str, duration: std::time::Duration) {
        if self.on {
            self.print_with(stage, duration, Memory::now());
        }
    }

    /// A stage's wall time, with resident and peak resident memory when it ended.
    fn print_with(&self, stage: &str, duration: std::time::Duration, memory: Memory) {
        if self.on {
            eprintln!(
                "timing: {stage:<30} {:>9.3} s   rss {:>5} MB   peak {:>5} MB",
                duration.as_secs_f64(),
                memory.resident_kb / 1024,
                memory.peak_kb / 1024
            );
        }
    }
}

/// 1 when some input was skipped, else 0.
fn exit_code(report: &RunReport) -> ExitCode {
    if report.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `diplograph build`: every export into one directory.
fn build_command(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let knowledge = args.knowledge.load()?;
    let base = diplograph::vocab::BaseIri::parse(&args.base_iri)?;
    let mut timings = Timings::new();
    let (extraction, report) = run_pipeline(&args.inputs, &knowledge);
    timings.lap("pipeline");
    timings.report(&report);
    // The graph holds all the exports need: the extraction goes into it, but for its summary.
    let summary = summary(&extraction, &report, &args.out);
    let graph = KnowledgeGraph::from_extraction(extraction);
    timings.lap("graph");
    std::fs::create_dir_all(&args.out).with_context(|| format!("{}: cannot create directory", args.out.display()))?;
    let options = export::Options { base_iri: base.clone(), ..export::Options::default() };
    let write = |name: &str, format: Format| {
        let started = std::time::Instant::now();
        output::write_atomic(&args.out.join(name), |out| export::write(&graph, format, &options, out))?;
        timings.print(&format!("  write {name}"), started.elapsed());
        Ok::<_, diplograph::Error>(())
    };
    type ViewWriter = fn(&export::GephiView, &mut dyn Write) -> std::io::Result<()>;
    let write_view = |name: &str, view: &export::GephiView, write: ViewWriter| {
        let started = std::time::Instant::now();
        output::write_atomic(&args.out.join(name), |out| write(view, out).map_err(diplograph::Error::Output))?;
        timings.print(&format!("  write {name}"), started.elapsed());
        Ok::<_, diplograph::Error>(())
    };
    // The RDF files (most of the bytes, made on every core) are written while
    // another thread writes the rest, so that one's disk waits overlap the
    // other's work.
    let (rdf, others) = std::thread::scope(|scope| {
        let others = scope.spawn(|| {
            write("annotations.json", Format::Annotations)?;
            // One Gephi view for both files: it is made once, not twice.
            let started = std::time::Instant::now();
            let view = options.view(&graph);
            timings.print("  make the Gephi view", started.elapsed());
            write_view("graph.graphml", &view, export::graphml::write)?;
            write_view("graph.gexf", &view, export::gexf::write)
        });
        let started = std::time::Instant::now();
        // Both RDF files in one pass: every graph's quads are made and sorted once.
        let rdf = output::write_atomic(&args.out.join("graph.nq"), |nquads| {
            output::write_atomic(&args.out.join("graph.trig"), |trig| {
                let mut outs: [(RdfFormat, &mut dyn Write); 2] =
                    [(RdfFormat::NQuads, &mut *nquads), (RdfFormat::TriG, &mut *trig)];
                export::rdf::write_datasets(&graph, &base, &mut outs)
            })
        });
        timings.print("  write graph.nq + graph.trig", started.elapsed());
        (rdf, others.join().expect("the writing thread does not panic"))
    });
    rdf?;
    others?;
    output::write_atomic(&args.out.join("ontology.ttl"), |out| export::rdf::write_ontology(out))?;
    timings.lap("write (all files)");
    eprintln!("{summary}");
    Ok(exit_code(&report))
}

fn summary(extraction: &Extraction, report: &RunReport, out: &std::path::Path) -> String {
    let mut per_type = std::collections::BTreeMap::new();
    for entity in &extraction.entities {
        *per_type.entry(entity.etype.as_str()).or_insert(0) += 1;
    }
    let types: Vec<String> = per_type.iter().map(|(t, n)| format!("{n} {t}")).collect();
    format!(
        "{} files read, {} skipped; {} documents; {} entities ({}); {} mentions; {} relations; written to {}",
        report.files_read,
        report.skipped.len(),
        extraction.documents.len(),
        extraction.entities.len(),
        types.join(", "),
        extraction.mentions().count(),
        extraction.relations.len(),
        out.display()
    )
}

/// `diplograph export`: one format, to a file or stdout.
fn export_command(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let knowledge = args.knowledge.load()?;
    let options = export::Options {
        base_iri: diplograph::vocab::BaseIri::parse(&args.base_iri)?,
        projection: args.projection,
        types: args.types.as_deref().map(export::gephi::parse_types).transpose()?,
        ..export::Options::default()
    };
    let split_extension = match args.format {
        Format::Nquads => Some("nq"),
        Format::Ntriples => Some("nt"),
        _ => None,
    };
    if args.split_bytes.is_some() && split_extension.is_none() {
        anyhow::bail!("--split-bytes needs a line-based format: --format nquads or ntriples");
    }
    let mut timings = Timings::new();
    let (extraction, report) = run_pipeline(&args.inputs, &knowledge);
    timings.lap("pipeline");
    timings.report(&report);
    let graph = KnowledgeGraph::from_extraction(extraction);
    timings.lap("graph");
    let write = |out: &mut dyn Write| -> diplograph::Result<()> {
        if args.gzip {
            let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::default());
            export::write(&graph, args.format, &options, &mut gz)?;
            gz.finish().map_err(diplograph::Error::Output)?;
            Ok(())
        } else {
            export::write(&graph, args.format, &options, out)
        }
    };
    match (args.out.as_deref().filter(|p| p.as_os_str() != "-"), args.split_bytes, split_extension) {
        (Some(dir), Some(max_bytes), Some(extension)) => {
            // Each chunk is gzipped on its own, so the splitter does the compression.
            let split = export::split::SplitOptions { max_bytes, gzip: args.gzip, extension };
            let written =
                export::split::write_split(dir, split, |out| export::write(&graph, args.format, &options, out))?;
            eprintln!(
                "{} chunk{} ({} bytes of {}) written to {}",
                written.chunks.len(),
                if written.chunks.len() == 1 { "" } else { "s" },
                written.bytes,
                extension,
                dir.display()
            );
        }
        (None, Some(_), _) => anyhow::bail!("--split-bytes writes a directory of chunks: give -o DIR"),
        (Some(path), _, _) => output::write_atomic(path, write)?,
        (None, _, _) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            write(&mut out)?;
            out.flush().map_err(diplograph::Error::Output)?;
        }
    }
    timings.lap("write");
    Ok(exit_code(&report))
}

/// `diplograph eval`: the extraction scored against a gold file.
fn eval_command(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let knowledge = args.knowledge.load()?;
    let gold = diplograph::annotations::read(&args.gold)?;
    let (extraction, report) = run_pipeline(&args.inputs, &knowledge);
    let graph = KnowledgeGraph::build(&extraction);
    let predicted = diplograph::annotations::from_graph(&graph, &gold.corpus);
    let scores = diplograph::eval::evaluate(&gold, &predicted);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        scores.write_json(&mut out).map_err(diplograph::Error::Output)?;
    } else {
        scores.write_table(&mut out).map_err(diplograph::Error::Output)?;
    }
    if args.explain {
        scores.write_explain(&mut out).map_err(diplograph::Error::Output)?;
    }
    out.flush().map_err(diplograph::Error::Output)?;
    Ok(exit_code(&report))
}

/// `diplograph query`: load the store, run the query, print the answer.
fn query_command(args: QueryArgs) -> anyhow::Result<ExitCode> {
    use diplograph::store;
    let (text, origin) = match (&args.file, &args.query) {
        (Some(path), _) => (
            std::fs::read_to_string(path).with_context(|| format!("{}: cannot read query", path.display()))?,
            path.display().to_string(),
        ),
        (None, Some(query)) => (query.clone(), "<query>".to_string()),
        (None, None) => anyhow::bail!("give a query or -f FILE"),
    };
    let Some(rdf_format) = diplograph::export::rdf::format_by_name(&format!("{:?}", args.format).to_lowercase()) else {
        anyhow::bail!("--format {:?} is not an RDF syntax", args.format);
    };
    let base_iri = diplograph::vocab::BaseIri::parse(&args.base_iri)?;
    let options = store::QueryOptions { results: args.results, rdf_format, base_iri: base_iri.clone() };
    let mut code = ExitCode::SUCCESS;
    let store = if args.inputs.is_empty() {
        store::from_dir(&args.dir)?
    } else {
        let knowledge = args.knowledge.load()?;
        let (extraction, report) = run_pipeline(&args.inputs, &knowledge);
        code = exit_code(&report);
        store::from_graph(&KnowledgeGraph::build(&extraction), &base_iri)?
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    store::run(&store, &text, &origin, &options, &mut out)?;
    out.flush().map_err(diplograph::Error::Output)?;
    Ok(code)
}

/// `diplograph serve`: load the build into the store and answer until stopped.
fn serve_command(args: ServeArgs) -> anyhow::Result<ExitCode> {
    use diplograph::serve;
    let mut config = serve::Config {
        bind: args.bind,
        timeout: std::time::Duration::from_secs_f64(args.timeout),
        max_request_bytes: args.max_request_bytes,
        ..serve::Config::default()
    };
    if let Some(workers) = args.workers {
        config.workers = workers as usize;
    }
    if let Some(dir) = &args.queries {
        config.queries = serve::page::read_queries(dir)?;
    }
    let store = diplograph::store::from_dir(&args.dir)?;
    eprintln!(
        "diplograph serve: {} quads from {} ({} workers, timeout {} s, requests up to {} bytes)",
        store.len().map_err(|e| anyhow::anyhow!("{}: {e}", args.dir.display()))?,
        args.dir.display(),
        config.workers,
        args.timeout,
        config.max_request_bytes
    );
    if !args.bind.ip().is_loopback() {
        eprintln!(
            "diplograph serve: warning: listening on {}, reachable from other machines; the endpoint has no \
             authentication",
            args.bind.ip()
        );
    }
    serve::run_until_signal(store, config, |addr| {
        // On stdout, one line, so that scripts can read the port (--bind 127.0.0.1:0).
        println!("diplograph serve: listening on http://{addr}/sparql (query page: http://{addr}/)");
    })?;
    eprintln!("diplograph serve: stopped");
    Ok(ExitCode::SUCCESS)
}

/// `diplograph push`: send the build's graphs to a store, or say what would be sent.
fn push_command(args: PushArgs) -> anyhow::Result<ExitCode> {
    use diplograph::push;
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let basic_auth = match (env("DIPLOGRAPH_STORE_USER"), env("DIPLOGRAPH_STORE_PASSWORD")) {
        (Some(user), password) => Some((user, password.unwrap_or_default())),
        (None, Some(_)) => anyhow::bail!("DIPLOGRAPH_STORE_PASSWORD is set but DIPLOGRAPH_STORE_USER is not"),
        (None, None) => None,
    };
    let headers = push::parse_headers(&env("DIPLOGRAPH_STORE_HEADERS").unwrap_or_default())?;
    let target = push::Target { store: args.store.clone(), query_endpoint: args.query_endpoint, basic_auth, headers };
    let options = push::Options {
        replace: args.replace,
        dry_run: args.dry_run,
        retries: args.retries,
        batch_bytes: usize::try_from(args.batch_bytes).unwrap_or(usize::MAX),
        base_iri: diplograph::vocab::BaseIri::parse(&args.base_iri)?,
        default_graph: !args.no_default_graph,
        ..push::Options::default()
    };
    let report = push::push(&args.dir, &target, &options, &mut |line| eprintln!("diplograph push: {line}"))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io = diplograph::Error::Output;
    if args.dry_run {
        for (graph, triples) in &report.graphs {
            writeln!(out, "PUT {graph}  {triples} triples").map_err(io)?;
        }
    }
    for graph in &report.deleted {
        writeln!(out, "{} <{graph}>", if args.dry_run { "DELETE" } else { "deleted" }).map_err(io)?;
    }
    let requests = report.puts + report.posts;
    writeln!(
        out,
        "{}{} graphs, {} triples {} {} in {} request{} ({} PUT, {} POST){}",
        if args.dry_run { "dry run: " } else { "" },
        report.graphs.len(),
        report.triples(),
        if args.dry_run { "would be sent to" } else { "sent to" },
        args.store,
        requests,
        if requests == 1 { "" } else { "s" },
        report.puts,
        report.posts,
        if args.replace {
            format!(
                "; {} graph{} of earlier pushes {}",
                report.deleted.len(),
                if report.deleted.len() == 1 { "" } else { "s" },
                if args.dry_run { "would be deleted" } else { "deleted" }
            )
        } else {
            String::new()
        }
    )
    .map_err(io)?;
    out.flush().map_err(io)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_memory_is_purged_after_10_ms_not_mimallocs_default_second() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return; // the environment's choice wins; nothing of ours to check
        }
        // 1,000 ms is mimalloc 3's default purge delay: this is the option.
        assert_eq!(unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }, 1000);
        purge_freed_memory_soon();
        assert_eq!(unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }, 10);
    }
}
