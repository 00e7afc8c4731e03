//! The embedded SPARQL store: the export's quads and the ontology in an
//! in-memory oxigraph [`Store`]. Its default graph is the RDF merge of the
//! named graphs (a set: a triple that several source graphs state is there
//! once), so queries need no `GRAPH` clause and joins on entities described
//! in several sources do not repeat rows, as a union of graphs would.
//!
//! Only this module and [`crate::export`] do RDF I/O; `query` in the CLI is
//! [`from_dir`] or [`from_graph`], then [`run`].

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Quad, Term, Triple, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, PreparedSparqlQuery, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::export::rdf;
use crate::graph::KnowledgeGraph;
use crate::vocab::{self, BaseIri};
use crate::{Error, Result};

/// How `query` prints SELECT and ASK results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ResultsFormat {
    /// An aligned plain-text table, IRIs shortened with the prefixes.
    #[default]
    Table,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
}

/// How `query` prints its answer.
#[derive(Debug, Clone)]
pub struct QueryOptions {
    /// SELECT and ASK results.
    pub results: ResultsFormat,
    /// CONSTRUCT and DESCRIBE results.
    pub rdf_format: RdfFormat,
    /// Instance base, shortened to `id:` in tables.
    pub base_iri: BaseIri,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions { results: ResultsFormat::Table, rdf_format: RdfFormat::Turtle, base_iri: BaseIri::default() }
    }
}

fn store_error(origin: &str, e: impl std::fmt::Display) -> Error {
    Error::Rdf { origin: origin.to_string(), message: e.to_string() }
}

/// A store holding the graph's quads and the ontology (in its own named graph).
pub fn from_graph(graph: &KnowledgeGraph, base: &BaseIri) -> Result<Store> {
    let store = Store::new().map_err(|e| store_error("<store>", e))?;
    let quads = rdf::dataset(graph, base)?.into_iter().map(Ok::<_, std::convert::Infallible>);
    load_with_merge(&store, "<store>", quads)?;
    Ok(store)
}

/// How many quads (their default-graph copies included) one transaction adds.
const LOAD_BATCH: usize = 1 << 16;

/// Adds quads to the store, each also into the default graph, so that the
/// default graph is the merge of the named graphs (the store keeps a set of
/// quads: each triple lands there once). Added in batches as they come, so
/// a big dataset is never held a second time beside the store.
fn load_with_merge<E: std::fmt::Display>(
    store: &Store,
    origin: &str,
    quads: impl IntoIterator<Item = std::result::Result<Quad, E>>,
) -> Result<()> {
    let mut batch = Vec::with_capacity(LOAD_BATCH);
    for quad in quads {
        let quad = quad.map_err(|e| store_error(origin, e))?;
        batch.push(Quad::new(
            quad.subject.clone(),
            quad.predicate.clone(),
            quad.object.clone(),
            GraphName::DefaultGraph,
        ));
        batch.push(quad);
        if batch.len() >= LOAD_BATCH {
            store.extend(batch.drain(..)).map_err(|e| store_error(origin, e))?;
        }
    }
    store.extend(batch).map_err(|e| store_error(origin, e))
}

/// A store holding a build's output directory: `DIR/graph.nq` and
/// `DIR/ontology.ttl` (the built-in ontology when that file is missing), the
/// ontology in its own named graph.
pub fn from_dir(dir: &Path) -> Result<Store> {
    let store = Store::new().map_err(|e| store_error("<store>", e))?;
    let data = dir.join("graph.nq");
    let file = File::open(&data).map_err(|e| Error::io(&data, e))?;
    let quads = RdfParser::from_format(RdfFormat::NQuads).for_reader(BufReader::new(file));
    load_with_merge(&store, &data.display().to_string(), quads)?;
    let ontology_graph = GraphName::NamedNode(vocab::ONTOLOGY.into_owned());
    let parser = RdfParser::from_format(RdfFormat::Turtle).with_default_graph(ontology_graph);
    let path = dir.join("ontology.ttl");
    let origin = path.display().to_string();
    match File::open(&path) {
        Ok(file) => load_with_merge(&store, &origin, parser.for_reader(BufReader::new(file))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            load_with_merge(&store, &origin, parser.for_slice(rdf::ONTOLOGY_TTL))
        }
        Err(e) => Err(Error::io(&path, e)),
    }?;
    Ok(store)
}

/// Parses a query; `origin` (a file name, or `<query>`) names it in errors.
pub fn prepare(query: &str, origin: &str) -> Result<PreparedSparqlQuery> {
    prepare_with(SparqlEvaluator::new(), query, origin)
}

/// [`prepare`], for an evaluation that stops with
/// `QueryEvaluationError::Cancelled` once `token` is cancelled (the
/// endpoint's query timeout).
pub fn prepare_cancellable(query: &str, origin: &str, token: CancellationToken) -> Result<PreparedSparqlQuery> {
    prepare_with(SparqlEvaluator::new().with_cancellation_token(token), query, origin)
}

fn prepare_with(evaluator: SparqlEvaluator, query: &str, origin: &str) -> Result<PreparedSparqlQuery> {
    evaluator.parse_query(query).map_err(|e| Error::QuerySyntax { origin: origin.to_string(), message: e.to_string() })
}

/// Evaluates a query over the store.
pub fn evaluate<'a>(store: &Store, query: &str, origin: &str) -> Result<QueryResults<'a>> {
    prepare(query, origin)?.on_store(store).execute().map_err(|e| store_error(origin, e))
}

/// One solution: a term or nothing per variable.
pub type Row = Vec<Option<Term>>;

/// The variables and rows of a SELECT query (for tests and other tools).
pub fn select(store: &Store, query: &str, origin: &str) -> Result<(Vec<Variable>, Vec<Row>)> {
    match evaluate(store, query, origin)? {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution.map_err(|e| store_error(origin, e))?;
                rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
            }
            Ok((variables, rows))
        }
        _ => Err(Error::Usage(format!("{origin}: not a SELECT query"))),
    }
}

/// Runs a query over the graph (loaded with the ontology) and prints the answer:
/// what `diplograph query INPUT...` does once the pipeline has built the graph.
pub fn query_graph(
    graph: &KnowledgeGraph,
    query: &str,
    origin: &str,
    options: &QueryOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let store = from_graph(graph, &options.base_iri)?;
    run(&store, query, origin, options, out)
}

/// Runs a query and prints the answer: SELECT and ASK in `options.results`,
/// CONSTRUCT and DESCRIBE in `options.rdf_format`.
pub fn run(store: &Store, query: &str, origin: &str, options: &QueryOptions, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("<output>", e);
    match evaluate(store, query, origin)? {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution.map_err(|e| store_error(origin, e))?;
                rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect::<Vec<_>>());
            }
            match results_format(options.results) {
                None => write_table(&variables, &rows, options.base_iri.as_str(), out).map_err(io),
                Some(format) => {
                    let mut writer = QueryResultsSerializer::from_format(format)
                        .serialize_solutions_to_writer(out, variables.clone())
                        .map_err(io)?;
                    for row in &rows {
                        let bound = variables.iter().zip(row).filter_map(|(v, t)| t.as_ref().map(|t| (v, t)));
                        writer.serialize(bound).map_err(io)?;
                    }
                    writer.finish().map_err(io)?;
                    Ok(())
                }
            }
        }
        QueryResults::Boolean(value) => match results_format(options.results) {
            None => writeln!(out, "{value}").map_err(io),
            Some(format) => {
                QueryResultsSerializer::from_format(format).serialize_boolean_to_writer(out, value).map_err(io)?;
                Ok(())
            }
        },
        QueryResults::Graph(triples) => {
            let triples = triples.collect::<Result<Vec<Triple>, _>>().map_err(|e| store_error(origin, e))?;
            rdf::write_triples(triples, options.rdf_format, out)
        }
    }
}

fn results_format(format: ResultsFormat) -> Option<QueryResultsFormat> {
    match format {
        ResultsFormat::Table => None,
        ResultsFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultsFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultsFormat::Json => Some(QueryResultsFormat::Json),
        ResultsFormat::Xml => Some(QueryResultsFormat::Xml),
    }
}

/// How a term reads in a table cell: IRIs shortened, literals as their
/// value (language-tagged ones with `@lang`), line breaks and controls made
/// visible so the table stays aligned.
pub fn cell(term: &Term, base: &str) -> String {
    let raw = match term {
        Term::NamedNode(n) => vocab::shorten(n.as_str(), Some(base)),
        Term::BlankNode(b) => b.to_string(),
        Term::Literal(l) => match l.language() {
            Some(lang) => format!("{}@{lang}", l.value()),
            None if l.datatype() == xsd::STRING || is_plain(l.datatype().as_str()) => l.value().to_string(),
            None => format!("{}^^{}", l.value(), vocab::shorten(l.datatype().as_str(), None)),
        },
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    };
    raw.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Numbers and dates read well without their datatype.
fn is_plain(datatype: &str) -> bool {
    datatype.strip_prefix("http://www.w3.org/2001/XMLSchema#").is_some_and(|local| {
        matches!(
            local,
            "integer"
                | "nonNegativeInteger"
                | "decimal"
                | "double"
                | "boolean"
                | "date"
                | "gYear"
                | "gYearMonth"
                | "dateTime"
        )
    })
}

fn write_table(
    variables: &[Variable],
    rows: &[Vec<Option<Term>>],
    base: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|t| t.as_ref().map(|t| cell(t, base)).unwrap_or_default()).collect())
        .collect();
    let mut widths: Vec<usize> = variables.iter().map(|v| v.as_str().chars().count() + 1).collect();
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, values: &mut dyn Iterator<Item = String>| -> std::io::Result<()> {
        let padded: Vec<String> = values
            .zip(&widths)
            .map(|(v, w)| format!("{v}{}", " ".repeat(w.saturating_sub(v.chars().count()))))
            .collect();
        writeln!(out, "{}", padded.join(" | ").trim_end())
    };
    line(out, &mut variables.iter().map(|v| format!("?{}", v.as_str())))?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("-+-"))?;
    for row in &cells {
        line(out, &mut row.iter().cloned())?;
    }
    writeln!(out, "({} row{})", cells.len(), if cells.len() == 1 { "" } else { "s" })
}
