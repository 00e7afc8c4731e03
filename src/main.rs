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
use diplograph::pipeline::{self, RunReport};
use oxigraph::io::RdfFormat;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (name, result) = match cli.command {
        Command::Build(args) => ("build", build_command(args)),
        Command::Export(args) => ("export", export_command(args)),
        Command::Eval(args) => ("eval", eval_command(args)),
        Command::Query(args) => ("query", query_command(args)),
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
        for (stage, duration) in &report.timings {
            self.print(stage, *duration);
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
            // Resident and peak resident memory so far (Linux).
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let field = |name: &str| {
                status.lines().find_map(|l| l.strip_prefix(name)).map_or(String::new(), |v| {
                    let kb: f64 = v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0.0);
                    format!("{:.0} MB", kb / 1024.0)
                })
            };
            eprintln!(
                "timing: {stage:<30} {:>9.3} s   rss {:>8}   peak {:>8}",
                duration.as_secs_f64(),
                field("VmRSS:"),
                field("VmHWM:")
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
    // The RDF files (most of the bytes, made on every core) are written while
    // another thread writes the rest, so that one's disk waits overlap the
    // other's work.
    let (rdf, others) = std::thread::scope(|scope| {
        let others = scope.spawn(|| {
            write("annotations.json", Format::Annotations)?;
            write("graph.graphml", Format::Graphml)?;
            write("graph.gexf", Format::Gexf)
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
        extraction.mentions.len(),
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
    let mut timings = Timings::new();
    let (extraction, report) = run_pipeline(&args.inputs, &knowledge);
    timings.lap("pipeline");
    timings.report(&report);
    let graph = KnowledgeGraph::from_extraction(extraction);
    timings.lap("graph");
    match args.out.as_deref().filter(|p| p.as_os_str() != "-") {
        Some(path) => output::write_atomic(path, |out| export::write(&graph, args.format, &options, out))?,
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            export::write(&graph, args.format, &options, &mut out)?;
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
