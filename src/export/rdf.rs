//! RDF export: the graph as quads, written by oxigraph's serializers.
//!
//! Layout (see the README, "RDF, ontology and SPARQL", and `ontology/diplograph.ttl`):
//! - one named graph per source file (`{base}graph/<file name>`) with the
//!   source, its documents, their mentions, the relations read from it (stated
//!   directly and as a `dg:RelationAssertion` with its evidence sentences) and
//!   the description of every entity named there (entities named in several
//!   sources are described in each, so every graph stands on its own);
//! - the ontology in the named graph `<https://w3id.org/diplograph/ontology>`.
//!
//! Triple-only syntaxes (Turtle, N-Triples, RDF/XML) get the union of the
//! graphs. Quads and triples are sorted, so the same graph always gives the
//! same bytes.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::ops::Range;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, QuadRef,
    Term, TermRef, Triple,
};
use petgraph::graph::{EdgeIndex, NodeIndex};
use rayon::prelude::*;

use crate::graph::{Anchor, DocumentNode, Edge, EntityNode, KnowledgeGraph, Node};
use crate::model::{DocId, EntityType, PartialDate, Span};
use crate::vocab::{self, dcterms, dg, foaf, itsrdf, nif, org, owl, prov, skos, BaseIri, Kind};
use crate::{Error, Result};

/// The ontology, as shipped in `ontology/diplograph.ttl`.
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/diplograph.ttl");
/// The SHACL shapes the export conforms to, as shipped in `ontology/shapes.ttl`.
pub const SHAPES_TTL: &str = include_str!("../../ontology/shapes.ttl");

/// JSON-LD, plain (no profile): named graphs as `@graph`, an inline context.
pub const JSON_LD: RdfFormat = RdfFormat::JsonLd { profile: JsonLdProfileSet::empty() };

/// The syntaxes `export --format` offers, by name, with their file extensions.
pub fn format_by_name(name: &str) -> Option<RdfFormat> {
    Some(match name {
        "turtle" | "ttl" => RdfFormat::Turtle,
        "ntriples" | "nt" => RdfFormat::NTriples,
        "nquads" | "nq" => RdfFormat::NQuads,
        "trig" => RdfFormat::TriG,
        "rdfxml" | "rdf" | "xml" => RdfFormat::RdfXml,
        "jsonld" | "json-ld" => JSON_LD,
        _ => return None,
    })
}

/// Writes the whole dataset (source graphs and the ontology graph) in
/// `format`. `build` writes `graph.nq` and `graph.trig` with it.
///
/// N-Quads and TriG are streamed one named graph at a time (see
/// [`write_graphs`]); the other syntaxes sort the whole dataset in memory.
pub fn write_dataset(graph: &KnowledgeGraph, format: RdfFormat, base: &BaseIri, out: &mut dyn Write) -> Result<()> {
    if matches!(format, RdfFormat::NQuads | RdfFormat::TriG) {
        return write_graphs(graph, base, &mut [(format, out)]);
    }
    let quads = dataset(graph, base)?;
    write_quads(&quads, format, out)
}

/// Writes the dataset in several streamed syntaxes (N-Quads, TriG) at once,
/// each to its own output, making and sorting every graph's quads once:
/// `build` writes `graph.nq` and `graph.trig` with it. The bytes are those
/// [`write_dataset`] writes for each.
pub fn write_datasets(graph: &KnowledgeGraph, base: &BaseIri, outs: &mut [(RdfFormat, &mut dyn Write)]) -> Result<()> {
    if let Some((format, _)) = outs.iter().find(|(f, _)| !matches!(f, RdfFormat::NQuads | RdfFormat::TriG)) {
        return Err(Error::Usage(format!("{format} is not streamed one graph at a time")));
    }
    write_graphs(graph, base, outs)
}

/// How many named graphs are made at once by [`write_graphs`] (in parallel).
/// A batch holds its graphs' bytes (about 200 KB of N-Quads and TriG a
/// page): 64 graphs still give every core plenty to do, where 256 held some
/// 400 MB in flight at 100,000 pages.
const GRAPHS_PER_BATCH: usize = 64;

/// One named graph to write: the graph of some source files (one, unless two
/// names mint the same IRI), or the ontology's.
enum Part<'g> {
    Source(&'g str, SourceBucket<'g>),
    Ontology,
}

/// Writes N-Quads or TriG one named graph at a time, with the same bytes as
/// sorting the whole dataset ([`dataset`]) and serializing it: graphs come in
/// the order of their names (as the sort orders them) and each graph's quads
/// are sorted alone. Batches of graphs are made and serialized on every core
/// while the previous batch is written, so memory holds the knowledge graph
/// and a few batches, never the whole dataset.
///
/// A TriG serializer closes a graph block at the next graph's first quad or at
/// `finish`, the same bytes either way, so graphs serialized apart join as
/// one file once every prelude (the `@prefix` lines) but the first is cut.
fn write_graphs(graph: &KnowledgeGraph, base: &BaseIri, outs: &mut [(RdfFormat, &mut dyn Write)]) -> Result<()> {
    let (index, buckets) = plan(graph);
    let mut parts: Vec<(GraphName, Part<'_>)> = buckets
        .into_iter()
        .map(|(name, bucket)| {
            (GraphName::NamedNode(vocab::mint(base, Kind::Graph, &[name])), Part::Source(name, bucket))
        })
        .collect();
    parts.push((GraphName::NamedNode(vocab::ONTOLOGY.into_owned()), Part::Ontology));
    parts.sort_by_cached_key(|(name, _)| name.to_string());
    let mut groups: Vec<(GraphName, Vec<Part<'_>>)> = Vec::new();
    for (name, part) in parts {
        match groups.last_mut() {
            Some((last, group)) if *last == name => group.push(part),
            _ => groups.push((name, vec![part])),
        }
    }
    let ontology = ontology_quads()?;
    let formats: Vec<RdfFormat> = outs.iter().map(|(format, _)| *format).collect();
    // One group's bytes in each format.
    let make = |first: bool, (name, group): &(GraphName, Vec<Part<'_>>)| -> Result<Vec<Vec<u8>>> {
        let mut statements = GraphStatements::default();
        for part in group {
            match part {
                Part::Source(source, bucket) => source_statements(graph, base, &index, source, bucket, &mut statements),
                Part::Ontology => statements.extend_from_quads(&ontology),
            }
        }
        let order = statements.sorted_order();
        let mut all = Vec::with_capacity(formats.len());
        for &format in &formats {
            // About what a statement takes (at most) in each syntax.
            let per_statement = if format == RdfFormat::NQuads { 320 } else { 128 };
            let mut bytes = Vec::with_capacity(order.len() * per_statement);
            let mut writer = serializer(format)?.for_writer(&mut bytes);
            for &i in &order {
                writer.serialize_quad(statements.quad(i, name.as_ref())).map_err(|e| Error::io("<output>", e))?;
            }
            writer.finish().map_err(|e| Error::io("<output>", e))?;
            if !first {
                cut_prelude(&mut bytes);
            }
            all.push(bytes);
        }
        Ok(all)
    };
    let batches = groups.chunks(GRAPHS_PER_BATCH).enumerate().map(|(b, batch)| {
        batch.par_iter().enumerate().map(|(g, group)| make(b == 0 && g == 0, group)).collect::<Result<Vec<_>>>()
    });
    crate::output::pipelined(batches, |batch| {
        for group in batch? {
            for ((_, out), bytes) in outs.iter_mut().zip(group) {
                out.write_all(&bytes).map_err(|e| Error::io("<output>", e))?;
            }
        }
        Ok(())
    })
}

/// Drops a serializer's leading `@prefix` lines.
fn cut_prelude(bytes: &mut Vec<u8>) {
    let mut start = 0;
    while bytes[start..].starts_with(b"@prefix ") {
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(end) => start += end + 1,
            None => start = bytes.len(),
        }
    }
    bytes.drain(..start);
}

/// Writes the ontology (`build` writes it as `ontology.ttl`).
pub fn write_ontology(out: &mut dyn Write) -> Result<()> {
    out.write_all(ONTOLOGY_TTL.as_bytes()).map_err(|e| Error::io("<output>", e))
}

/// The ontology's triples, in the ontology's named graph.
pub fn ontology_quads() -> Result<Vec<Quad>> {
    let graph = GraphName::NamedNode(vocab::ONTOLOGY.into_owned());
    RdfParser::from_format(RdfFormat::Turtle)
        .with_default_graph(graph)
        .for_slice(ONTOLOGY_TTL)
        .map(|quad| quad.map_err(|e| Error::data("ontology/diplograph.ttl", 0, e.to_string())))
        .collect()
}

/// Every quad of the export, sorted and without duplicates: the source
/// graphs, then the ontology graph.
pub fn dataset(graph: &KnowledgeGraph, base: &BaseIri) -> Result<Vec<Quad>> {
    let mut quads = graph_quads(graph, base);
    quads.extend(ontology_quads()?);
    Ok(sort_quads(quads))
}

/// Serializes quads in `format`; triple-only syntaxes get the union of the
/// graphs, sorted, without duplicates.
pub fn write_quads(quads: &[Quad], format: RdfFormat, out: &mut dyn Write) -> Result<()> {
    let mut writer = serializer(format)?.for_writer(out);
    let io = |e| Error::io("<output>", e);
    if format.supports_datasets() {
        for quad in quads {
            writer.serialize_quad(quad).map_err(io)?;
        }
    } else {
        let triples = sort_triples(quads.iter().map(|q| Triple::from(q.clone())).collect());
        for triple in &triples {
            writer.serialize_triple(triple).map_err(io)?;
        }
    }
    writer.finish().map_err(io)?;
    Ok(())
}

/// Serializes triples (a CONSTRUCT result) in `format`, sorted, without duplicates.
pub fn write_triples(triples: Vec<Triple>, format: RdfFormat, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("<output>", e);
    let mut writer = serializer(format)?.for_writer(out);
    for triple in &sort_triples(triples) {
        writer.serialize_triple(triple).map_err(io)?;
    }
    writer.finish().map_err(io)?;
    Ok(())
}

/// An oxigraph serializer for `format` that declares the standard prefixes.
/// (Not `id:` for the instance base: Turtle would have to escape every `/`
/// and `%` of a minted IRI, which reads worse than the full IRI.)
fn serializer(format: RdfFormat) -> Result<RdfSerializer> {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::NTriples | RdfFormat::NQuads) {
        return Ok(serializer);
    }
    let bad = |e: oxigraph::model::IriParseError| Error::Usage(format!("bad prefix IRI: {e}"));
    for (prefix, ns) in vocab::PREFIXES {
        serializer = serializer.with_prefix(*prefix, *ns).map_err(bad)?;
    }
    Ok(serializer)
}

fn sort_quads(quads: Vec<Quad>) -> Vec<Quad> {
    // Sort keys: graph, subject, (rdf:type first) predicate, object.
    type Keyed = (String, String, (bool, String), String, Quad);
    let mut keyed: Vec<Keyed> = quads
        .into_iter()
        .map(|q| {
            (
                q.graph_name.to_string(),
                q.subject.to_string(),
                (q.predicate != rdf::TYPE, q.predicate.to_string()),
                q.object.to_string(),
                q,
            )
        })
        .collect();
    keyed.sort_by(|a, b| (&a.0, &a.1, &a.2, &a.3).cmp(&(&b.0, &b.1, &b.2, &b.3)));
    keyed.dedup_by(|a, b| (&a.0, &a.1, &a.2, &a.3) == (&b.0, &b.1, &b.2, &b.3));
    keyed.into_iter().map(|k| k.4).collect()
}

/// One named graph's statements as they are made. Each subject is stored
/// once for its run of statements, and predicates are borrowed (the
/// vocabulary's constants): an owned `Quad` took four allocations, subject,
/// predicate, object and graph name, for every statement.
#[derive(Default)]
struct GraphStatements<'p> {
    subjects: Vec<NamedOrBlankNode>,
    statements: Vec<Statement<'p>>,
}

struct Statement<'p> {
    /// Index into [`GraphStatements::subjects`].
    subject: usize,
    predicate: NamedNodeRef<'p>,
    object: Term,
}

impl<'p> GraphStatements<'p> {
    fn add(&mut self, subject: NamedOrBlankNodeRef<'_>, predicate: NamedNodeRef<'p>, object: Term) {
        if self.subjects.last().is_none_or(|last| last.as_ref() != subject) {
            self.subjects.push(subject.into_owned());
        }
        self.statements.push(Statement { subject: self.subjects.len() - 1, predicate, object });
    }

    /// Adds the triples of some quads (their graph names aside).
    fn extend_from_quads(&mut self, quads: &'p [Quad]) {
        for quad in quads {
            self.add(quad.subject.as_ref(), quad.predicate.as_ref(), quad.object.clone());
        }
    }

    /// Statement `i` as a quad of graph `graph`.
    fn quad<'a>(&'a self, i: usize, graph: GraphNameRef<'a>) -> QuadRef<'a> {
        let statement = &self.statements[i];
        QuadRef::new(self.subjects[statement.subject].as_ref(), statement.predicate, statement.object.as_ref(), graph)
    }

    /// The statements' indices in the order [`sort_quads`] gives their quads
    /// (their graph being the same, it is left out), each statement once.
    /// Subjects and predicates are ranked once by their written forms, so
    /// most comparisons compare two numbers; an object that is not an IRI has
    /// its written form made the first time it is compared.
    fn sorted_order(&self) -> Vec<usize> {
        let subject_rank = ranks(&self.subjects, |s| s.as_ref().into());
        let mut predicates: Vec<NamedNodeRef<'p>> = self.statements.iter().map(|s| s.predicate).collect();
        predicates.sort_unstable_by(|a, b| compare_iris(a.as_str(), b.as_str()));
        predicates.dedup();
        let predicate_rank = |s: &Statement<'_>| {
            predicates.binary_search_by(|p| compare_iris(p.as_str(), s.predicate.as_str())).expect("a listed predicate")
        };
        let keys: Vec<(usize, bool, usize)> = self
            .statements
            .iter()
            .map(|s| (subject_rank[s.subject], s.predicate != rdf::TYPE, predicate_rank(s)))
            .collect();
        // Objects compare only where subject and predicate are the same:
        // most are never written out.
        let objects: Vec<OnceCell<Option<String>>> = self.statements.iter().map(|_| OnceCell::new()).collect();
        let object = |i: usize| {
            let term = self.statements[i].object.as_ref();
            (term, objects[i].get_or_init(|| written(term)).as_deref())
        };
        let compare = |a: usize, b: usize| keys[a].cmp(&keys[b]).then_with(|| compare_written(object(a), object(b)));
        let mut order: Vec<usize> = (0..self.statements.len()).collect();
        order.sort_by(|&a, &b| compare(a, b));
        order.dedup_by(|a, b| compare(*a, *b) == std::cmp::Ordering::Equal);
        order
    }
}

/// The written (N-Triples) form of a term that is not an IRI; an IRI is
/// compared in place ([`compare_iris`]).
fn written(term: TermRef<'_>) -> Option<String> {
    match term {
        TermRef::NamedNode(_) => None,
        other => Some(other.to_string()),
    }
}

/// Each term's rank in the order of the terms' written forms, equal terms
/// ranking the same.
fn ranks<T>(terms: &[T], term: impl for<'t> Fn(&'t T) -> TermRef<'t>) -> Vec<usize> {
    let forms: Vec<Option<String>> = terms.iter().map(|t| written(term(t))).collect();
    let key = |i: usize| (term(&terms[i]), forms[i].as_deref());
    let mut order: Vec<usize> = (0..terms.len()).collect();
    order.sort_by(|&a, &b| compare_written(key(a), key(b)));
    let mut ranks = vec![0; terms.len()];
    for pair in order.windows(2) {
        let step = usize::from(compare_written(key(pair[0]), key(pair[1])) != std::cmp::Ordering::Equal);
        ranks[pair[1]] = ranks[pair[0]] + step;
    }
    ranks
}

/// Compares two terms as their written forms (`<iri>`, `"literal"`…) compare;
/// `written` is the written form of a term that is not an IRI.
fn compare_written(a: (TermRef<'_>, Option<&str>), b: (TermRef<'_>, Option<&str>)) -> std::cmp::Ordering {
    match (a, b) {
        ((TermRef::NamedNode(a), _), (TermRef::NamedNode(b), _)) => compare_iris(a.as_str(), b.as_str()),
        ((_, Some(a)), (_, Some(b))) => a.cmp(b),
        // An IRI against a literal or blank node: the first bytes differ
        // ('<' against '"' or '_'), which is all `<…>` needs to be.
        ((TermRef::NamedNode(_), _), (_, Some(b))) => "<".cmp(&b[..1.min(b.len())]).then(std::cmp::Ordering::Greater),
        ((_, Some(a)), (TermRef::NamedNode(_), _)) => a[..1.min(a.len())].cmp("<").then(std::cmp::Ordering::Less),
        _ => unreachable!("every term that is not an IRI has its written form"),
    }
}

/// `"<a>".cmp("<b>")` without writing them: IRIs hold no `>`, so the first
/// byte where `a>` and `b>` differ decides.
fn compare_iris(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let common = a.len().min(b.len());
    // The shared length compares with memcmp; only a prefix needs the `>`.
    a[..common].cmp(&b[..common]).then_with(|| match (a.get(common), b.get(common)) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(&next)) => b'>'.cmp(&next),
        (Some(&next), _) => next.cmp(&b'>'),
    })
}

fn sort_triples(triples: Vec<Triple>) -> Vec<Triple> {
    let mut keyed: Vec<(String, (bool, String), String, Triple)> = triples
        .into_iter()
        .map(|t| (t.subject.to_string(), (t.predicate != rdf::TYPE, t.predicate.to_string()), t.object.to_string(), t))
        .collect();
    keyed.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    keyed.dedup_by(|a, b| (&a.0, &a.1, &a.2) == (&b.0, &b.1, &b.2));
    keyed.into_iter().map(|k| k.3).collect()
}

/// A string literal. Characters XML 1.0 cannot carry (C0 controls but tab,
/// LF and CR; U+FFFE, U+FFFF) become U+FFFD, one for one, so that every
/// syntax, RDF/XML included, holds the same literal and offsets still count
/// the same characters.
fn text(value: &str) -> Literal {
    let forbidden = |c: char| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}';
    if value.contains(forbidden) {
        Literal::new_simple_literal(value.replace(forbidden, "\u{FFFD}"))
    } else {
        Literal::new_simple_literal(value)
    }
}

fn index(offset: usize) -> Literal {
    Literal::new_typed_literal(offset.to_string(), xsd::NON_NEGATIVE_INTEGER)
}

fn date(date: PartialDate) -> Literal {
    let datatype = match (date.month, date.day) {
        (Some(_), Some(_)) => xsd::DATE,
        (Some(_), None) => xsd::G_YEAR_MONTH,
        _ => xsd::G_YEAR,
    };
    Literal::new_typed_literal(date.to_string(), datatype)
}

fn offsets_key(span: Span) -> String {
    format!("{}-{}", span.start, span.end)
}

/// Collects the statements of one named graph.
struct GraphWriter<'a, 'p> {
    statements: &'a mut GraphStatements<'p>,
}

impl GraphWriter<'_, '_> {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'static>, object: impl Into<Term>) {
        self.statements.add(subject.as_ref().into(), predicate, object.into());
    }
}

/// What one source file contributes: its documents, and the run of
/// [`Lookup::evidence`] read from it.
#[derive(Default)]
struct SourceBucket<'g> {
    chars: Option<usize>,
    documents: Vec<(NodeIndex, &'g DocumentNode)>,
    relations: Range<usize>,
}

/// What every source graph's quads look up: documents by id, and each
/// relation's evidence by source.
struct Lookup<'g> {
    doc_by_id: BTreeMap<&'g DocId, (NodeIndex, &'g DocumentNode)>,
    /// Every relation edge's evidence, sorted by source, edge and evidence:
    /// one flat list, where a list per relation and source would be millions
    /// of small allocations.
    evidence: Vec<EvidenceAt>,
    /// Each entity's affiliation targets, in edge order (looked up once,
    /// rather than walking the entity's edges in every source graph).
    affiliations: HashMap<NodeIndex, Vec<NodeIndex>>,
}

/// A relation edge's evidence (an index into its list) read from a source
/// (its bucket's number in name order).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct EvidenceAt {
    source: u32,
    edge: EdgeIndex,
    evidence: u32,
}

/// The quads of the source graphs (the ontology graph aside), unsorted.
pub fn graph_quads(graph: &KnowledgeGraph, base: &BaseIri) -> Vec<Quad> {
    let (lookup, buckets) = plan(graph);
    let mut quads = Vec::new();
    for (source_name, bucket) in &buckets {
        let mut statements = GraphStatements::default();
        source_statements(graph, base, &lookup, source_name, bucket, &mut statements);
        let name = GraphName::NamedNode(vocab::mint(base, Kind::Graph, &[source_name]));
        quads.extend((0..statements.statements.len()).map(|i| statements.quad(i, name.as_ref()).into_owned()));
    }
    quads
}

/// Sorts the graph's documents and relation evidence into one bucket per
/// source file.
fn plan(graph: &KnowledgeGraph) -> (Lookup<'_>, BTreeMap<&str, SourceBucket<'_>>) {
    let mut buckets: BTreeMap<&str, SourceBucket<'_>> = BTreeMap::new();
    for (_, source) in graph.sources() {
        buckets.entry(source.name.as_str()).or_default().chars = Some(source.chars);
    }
    let mut doc_by_id = BTreeMap::new();
    for (node, doc) in graph.documents() {
        doc_by_id.insert(&doc.id, (node, doc));
        buckets.entry(doc.source.as_str()).or_default().documents.push((node, doc));
    }
    let source_number: HashMap<&str, u32> =
        buckets.keys().enumerate().map(|(n, name)| (*name, u32::try_from(n).expect("under 2^32 sources"))).collect();
    let mut evidence = Vec::new();
    for (edge, _, _, weight) in graph.edges() {
        let Edge::Relation { evidence: list, .. } = weight else { continue };
        for (i, ev) in list.iter().enumerate() {
            if let Some((_, doc)) = doc_by_id.get(&ev.doc) {
                let source = source_number[doc.source.as_str()];
                evidence.push(EvidenceAt { source, edge, evidence: u32::try_from(i).expect("under 2^32 sentences") });
            }
        }
    }
    evidence.sort_unstable();
    let mut start = 0;
    for (n, bucket) in buckets.values_mut().enumerate() {
        let end = start + evidence[start..].partition_point(|e| e.source as usize == n);
        bucket.relations = start..end;
        start = end;
    }
    let mut affiliations: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
    for (_, from, to, edge) in graph.edges() {
        if matches!(edge, Edge::Affiliation) {
            affiliations.entry(from).or_default().push(to);
        }
    }
    (Lookup { doc_by_id, evidence, affiliations }, buckets)
}

/// Appends the statements of one source's named graph.
fn source_statements(
    graph: &KnowledgeGraph,
    base: &BaseIri,
    lookup: &Lookup<'_>,
    source_name: &str,
    bucket: &SourceBucket<'_>,
    statements: &mut GraphStatements<'_>,
) {
    let Lookup { doc_by_id, evidence: all_evidence, affiliations: affiliated } = lookup;
    let mut entities: BTreeSet<NodeIndex> = BTreeSet::new();
    {
        let mut w = GraphWriter { statements };
        let source = vocab::mint(base, Kind::Source, &[source_name]);
        w.add(&source, rdf::TYPE, dg::SOURCE.into_owned());
        w.add(&source, rdfs::LABEL, text(source_name));
        w.add(&source, dcterms::IDENTIFIER, text(source_name));
        if let Some(chars) = bucket.chars {
            w.add(&source, nif::BEGIN_INDEX, index(0));
            w.add(&source, nif::END_INDEX, index(chars));
        }
        // Entity node -> mention IRIs in this source.
        let mut entity_mentions: BTreeMap<NodeIndex, Vec<NamedNode>> = BTreeMap::new();
        for &(doc_node, doc) in &bucket.documents {
            let doc_iri = vocab::mint(base, Kind::Document, &[&doc.id.0]);
            w.add(&doc_iri, rdf::TYPE, dg::DOCUMENT.into_owned());
            w.add(&doc_iri, rdf::TYPE, dg::doc_class(doc.kind).into_owned());
            w.add(&doc_iri, rdfs::LABEL, text(&doc.title));
            w.add(&doc_iri, dcterms::TITLE, text(&doc.title));
            w.add(&doc_iri, dcterms::IDENTIFIER, text(&doc.id.0));
            w.add(&doc_iri, dcterms::IS_PART_OF, source.clone());
            w.add(&doc_iri, prov::WAS_DERIVED_FROM, source.clone());
            w.add(&doc_iri, nif::BEGIN_INDEX, index(doc.span.start));
            w.add(&doc_iri, nif::END_INDEX, index(doc.span.end));
            w.add(&doc_iri, dg::TITLE_BEGIN_INDEX, index(doc.title_span.start));
            w.add(&doc_iri, dg::TITLE_END_INDEX, index(doc.title_span.end));
            if let Some(d) = doc.date {
                w.add(&doc_iri, dcterms::DATE, date(d));
            }
            if let Some(place) = &doc.place {
                w.add(&doc_iri, dg::PLACE, text(place));
            }
            for (target, edge) in graph.out_edges(doc_node) {
                let Node::Entity(entity) = &graph.graph[target] else { continue };
                let entity_iri = vocab::entity_iri(base, &entity.key);
                match edge {
                    Edge::Speaker => {
                        w.add(&doc_iri, dcterms::CREATOR, entity_iri);
                    }
                    Edge::DeliveredAt => {
                        w.add(&doc_iri, dg::DELIVERED_AT, entity_iri);
                    }
                    Edge::Mentions(list) => {
                        w.add(&doc_iri, dg::MENTIONS, entity_iri.clone());
                        for anchor in list {
                            let mention = mention_iri(base, doc, anchor.span);
                            w.add(&mention, rdf::TYPE, dg::MENTION.into_owned());
                            w.add(&mention, nif::REFERENCE_CONTEXT, source.clone());
                            w.add(&mention, dcterms::IS_PART_OF, doc_iri.clone());
                            w.add(&mention, nif::BEGIN_INDEX, index(anchor.span.start));
                            w.add(&mention, nif::END_INDEX, index(anchor.span.end));
                            w.add(&mention, nif::ANCHOR_OF, text(&anchor.text));
                            w.add(&mention, itsrdf::TA_IDENT_REF, entity_iri.clone());
                            entity_mentions.entry(target).or_default().push(mention);
                        }
                    }
                    _ => continue,
                }
                entities.insert(target);
            }
        }

        for run in all_evidence[bucket.relations.clone()].chunk_by(|a, b| a.edge == b.edge) {
            let Some((from, to)) = graph.graph.edge_endpoints(run[0].edge) else { continue };
            entities.extend([from, to]);
            let Edge::Relation { predicate, evidence } = &graph.graph[run[0].edge] else { continue };
            let (Node::Entity(subject), Node::Entity(object)) = (&graph.graph[from], &graph.graph[to]) else {
                continue;
            };
            let s = vocab::entity_iri(base, &subject.key);
            let o = vocab::entity_iri(base, &object.key);
            let p = dg::relation(*predicate);
            w.add(&s, p, o.clone());
            let assertion = vocab::mint(base, Kind::Assertion, &[&subject.key, predicate.as_str(), &object.key]);
            w.add(&assertion, rdf::TYPE, dg::RELATION_ASSERTION.into_owned());
            w.add(&assertion, rdf::SUBJECT, s.clone());
            w.add(&assertion, rdf::PREDICATE, p.into_owned());
            w.add(&assertion, rdf::OBJECT, o.clone());
            for at in run {
                let ev = &evidence[at.evidence as usize];
                let Some(&(doc_node, doc)) = doc_by_id.get(&ev.doc) else { continue };
                let doc_iri = vocab::mint(base, Kind::Document, &[&doc.id.0]);
                let sentence = vocab::mint(base, Kind::Sentence, &[&doc.id.0, &offsets_key(ev.span)]);
                w.add(&assertion, prov::WAS_DERIVED_FROM, sentence.clone());
                w.add(&sentence, rdf::TYPE, dg::SENTENCE.into_owned());
                w.add(&sentence, nif::REFERENCE_CONTEXT, source.clone());
                w.add(&sentence, dcterms::IS_PART_OF, doc_iri);
                w.add(&sentence, nif::BEGIN_INDEX, index(ev.span.start));
                w.add(&sentence, nif::END_INDEX, index(ev.span.end));
                w.add(&sentence, nif::ANCHOR_OF, text(&ev.text));
                for entity in [from, to] {
                    let Some(list) = mention_anchors(graph, doc_node, entity) else { continue };
                    for anchor in list {
                        if anchor.span.start >= ev.span.start && anchor.span.end <= ev.span.end {
                            w.add(&assertion, dg::SUPPORTING_MENTION, mention_iri(base, doc, anchor.span));
                        }
                    }
                }
            }
        }

        // Persons bring their affiliation along, so that it is described here too.
        let affiliations: Vec<NodeIndex> =
            entities.iter().flat_map(|e| affiliated.get(e).into_iter().flatten().copied()).collect();
        entities.extend(affiliations);
        for &node in &entities {
            let Node::Entity(entity) = &graph.graph[node] else { continue };
            let mentions = entity_mentions.get(&node).map(Vec::as_slice).unwrap_or(&[]);
            let affiliations = affiliated.get(&node).map(Vec::as_slice).unwrap_or(&[]);
            describe_entity(&mut w, graph, base, affiliations, entity, mentions);
        }
    }
}

/// The anchors of the mention edge from a document to an entity, if any.
fn mention_anchors(graph: &KnowledgeGraph, doc_node: NodeIndex, entity: NodeIndex) -> Option<&[Anchor]> {
    graph.graph.edges_connecting(doc_node, entity).find_map(|e| match e.weight() {
        Edge::Mentions(anchors) => Some(&anchors[..]),
        _ => None,
    })
}

fn mention_iri(base: &BaseIri, doc: &DocumentNode, span: Span) -> NamedNode {
    vocab::mint(base, Kind::Mention, &[&doc.id.0, &offsets_key(span)])
}

fn describe_entity(
    w: &mut GraphWriter<'_, '_>,
    graph: &KnowledgeGraph,
    base: &BaseIri,
    affiliations: &[NodeIndex],
    entity: &EntityNode,
    mentions: &[NamedNode],
) {
    let iri = vocab::entity_iri(base, &entity.key);
    w.add(&iri, rdf::TYPE, dg::entity_class(entity.etype).into_owned());
    w.add(&iri, dcterms::IDENTIFIER, text(&entity.key));
    w.add(&iri, rdfs::LABEL, text(&entity.label));
    w.add(&iri, skos::PREF_LABEL, text(&entity.label));
    for alias in &entity.aliases {
        if alias != &entity.label {
            w.add(&iri, skos::ALT_LABEL, text(alias));
        }
    }
    if let Some(item) = entity.wikidata.as_deref().and_then(vocab::wikidata_iri) {
        w.add(&iri, owl::SAME_AS, item);
    }
    for mention in mentions {
        w.add(&iri, prov::WAS_DERIVED_FROM, mention.clone());
    }
    if entity.etype != EntityType::Person {
        return;
    }
    w.add(&iri, foaf::NAME, text(&entity.label));
    let roles: Vec<NamedNode> = entity.roles.iter().map(|r| vocab::mint(base, Kind::Role, &[r])).collect();
    for (role, name) in roles.iter().zip(&entity.roles) {
        w.add(&iri, dg::HOLDS_ROLE, role.clone());
        w.add(role, rdf::TYPE, dg::ROLE.into_owned());
        w.add(role, rdfs::LABEL, text(name));
        w.add(role, skos::PREF_LABEL, text(name));
    }
    for &target in affiliations {
        let Node::Entity(affiliation) = &graph.graph[target] else { continue };
        let affiliation = vocab::entity_iri(base, &affiliation.key);
        w.add(&iri, dg::AFFILIATION, affiliation.clone());
        let membership = vocab::mint(base, Kind::Membership, &[&entity.key]);
        w.add(&membership, rdf::TYPE, org::MEMBERSHIP.into_owned());
        w.add(&membership, org::MEMBER, iri.clone());
        w.add(&membership, org::ORGANIZATION, affiliation);
        for role in &roles {
            w.add(&membership, org::ROLE, role.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::compare_iris;

    #[test]
    fn iris_compare_as_their_written_forms() {
        // Bytes either side of `>` (`=`, `?`) and prefixes of each other; an
        // IRI holds no `>` itself.
        let iris = ["a", "a/", "a/b", "a=", "a?", "ab", "b", "", "a%2F", "a0"];
        for a in iris {
            for b in iris {
                let written = format!("<{a}>").cmp(&format!("<{b}>"));
                assert_eq!(compare_iris(a, b), written, "{a:?} against {b:?}");
            }
        }
    }
}
