//! Exporters: each takes a finished [`KnowledgeGraph`] and an `impl Write`;
//! none reads files. `write` dispatches on the format a user names.

use std::io::Write;

use oxigraph::io::RdfFormat;

use crate::graph::KnowledgeGraph;
use crate::vocab::BaseIri;

pub mod rdf;

/// The formats `diplograph export --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The gold annotation format (JSON) of `shared/gold/SCHEMA.md`.
    Annotations,
    /// RDF Turtle (the union of the named graphs).
    Turtle,
    /// RDF N-Triples (the union of the named graphs).
    Ntriples,
    /// RDF N-Quads: one named graph per source file, and the ontology.
    Nquads,
    /// RDF TriG: one named graph per source file, and the ontology.
    Trig,
    /// RDF/XML (the union of the named graphs).
    Rdfxml,
    /// JSON-LD with named graphs and an inline context.
    Jsonld,
}

/// Options that only some formats use.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Base of the instance IRIs of the RDF formats (`--base-iri`).
    pub base_iri: BaseIri,
}

/// Writes the graph in `format` to `out`.
pub fn write(graph: &KnowledgeGraph, format: Format, options: &Options, out: &mut dyn Write) -> crate::Result<()> {
    let base = &options.base_iri;
    match format {
        Format::Annotations => todo!("annotations writer"),
        Format::Turtle => rdf::write_dataset(graph, RdfFormat::Turtle, base, out),
        Format::Ntriples => rdf::write_dataset(graph, RdfFormat::NTriples, base, out),
        Format::Nquads => rdf::write_dataset(graph, RdfFormat::NQuads, base, out),
        Format::Trig => rdf::write_dataset(graph, RdfFormat::TriG, base, out),
        Format::Rdfxml => rdf::write_dataset(graph, RdfFormat::RdfXml, base, out),
        Format::Jsonld => rdf::write_dataset(graph, rdf::JSON_LD, base, out),
    }
}
