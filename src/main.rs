//! The `diplograph` command: parses arguments, calls the library, prints
//! errors and sets the exit code (0 clean, 1 some input skipped, 2 fatal).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "diplograph", version, about = "Turns a corpus of diplomatic statements into a knowledge graph")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the graph.
    Query(QueryArgs),
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
    /// Corpus files or directories to run the pipeline on instead of -d.
    #[arg(last = true)]
    inputs: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Query(args) => query_command(args),
    }
}

/// `diplograph query`: load the store, run the query, print the answer.
fn query_command(args: QueryArgs) -> ExitCode {
    use diplograph::store;
    let run = || -> anyhow::Result<()> {
        use anyhow::Context;
        let (text, origin) = match (&args.file, &args.query) {
            (Some(path), _) => (
                std::fs::read_to_string(path).with_context(|| format!("{}: cannot read query", path.display()))?,
                path.display().to_string(),
            ),
            (None, Some(query)) => (query.clone(), "<query>".to_string()),
            (None, None) => anyhow::bail!("give a query or -f FILE"),
        };
        let Some(rdf_format) = diplograph::export::rdf::format_by_name(&format!("{:?}", args.format).to_lowercase())
        else {
            anyhow::bail!("--format {:?} is not an RDF syntax", args.format);
        };
        let options = store::QueryOptions {
            results: args.results,
            rdf_format,
            base_iri: diplograph::vocab::BaseIri::parse(&args.base_iri)?,
        };
        if !args.inputs.is_empty() {
            // The lead wires the pipeline here: build the KnowledgeGraph from
            // args.inputs, then store::query_graph(&graph, &text, &origin, &options, &mut out).
            anyhow::bail!("querying INPUT files needs the pipeline; build first and use -d DIR");
        }
        let store = store::from_dir(&args.dir)?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        store::run(&store, &text, &origin, &options, &mut out)?;
        out.flush().map_err(|e| diplograph::Error::io("<stdout>", e))?;
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            // Each cause once: a library error already prints its source.
            let mut message = e.to_string();
            for cause in e.chain().skip(1) {
                let cause = cause.to_string();
                if !message.contains(&cause) {
                    message = format!("{message}: {cause}");
                }
            }
            eprintln!("diplograph query: {message}");
            ExitCode::from(2)
        }
    }
}
