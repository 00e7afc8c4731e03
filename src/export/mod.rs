//! Exporters: each takes a finished [`KnowledgeGraph`] and an `impl Write`;
//! none reads files. `write` dispatches on the format a user names.

use std::io::Write;

use oxigraph::io::RdfFormat;

use crate::graph::KnowledgeGraph;
use crate::model::EntityType;
use crate::vocab::BaseIri;

pub mod gephi;
pub mod gexf;
pub mod graphml;
pub mod rdf;
pub mod split;

pub use gephi::{GephiView, Projection};

/// The formats `diplograph export --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The gold annotation format (JSON) of `shared/gold/SCHEMA.md`.
    Annotations,
    /// GraphML for Gephi, networkx, igraph (see the README, "Gephi: GraphML and GEXF").
    Graphml,
    /// GEXF 1.3 for Gephi, with colours, sizes and a timeline (see the README, "Gephi: GraphML and GEXF").
    Gexf,
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
#[derive(Debug, Clone)]
pub struct Options {
    /// The corpus name written by the annotations format.
    pub corpus: String,
    /// GraphML and GEXF: the whole graph, or the comention projection.
    pub projection: Projection,
    /// GraphML and GEXF comention projection: the entity types to keep
    /// (`--types Person,Organization`; see [`gephi::parse_types`]); `None`
    /// keeps every type.
    pub types: Option<Vec<EntityType>>,
    /// Base of the instance IRIs of the RDF formats (`--base-iri`).
    pub base_iri: BaseIri,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            corpus: "corpus".to_string(),
            projection: Projection::default(),
            types: None,
            base_iri: BaseIri::default(),
        }
    }
}

impl Options {
    /// The Gephi view of `graph` these options ask for.
    pub fn view<'g>(&'g self, graph: &'g KnowledgeGraph) -> GephiView<'g> {
        GephiView::new(graph, self.projection, self.types.as_deref(), &self.base_iri)
    }
}

/// Writes the graph in `format` to `out`.
pub fn write(graph: &KnowledgeGraph, format: Format, options: &Options, out: &mut dyn Write) -> crate::Result<()> {
    let base = &options.base_iri;
    match format {
        Format::Annotations => {
            crate::annotations::write_graph(graph, &options.corpus, out).map_err(crate::Error::Output)
        }
        Format::Graphml => graphml::write_graphml(graph, options, out).map_err(crate::Error::Output),
        Format::Gexf => gexf::write_gexf(graph, options, out).map_err(crate::Error::Output),
        Format::Turtle => rdf::write_dataset(graph, RdfFormat::Turtle, base, out),
        Format::Ntriples => rdf::write_dataset(graph, RdfFormat::NTriples, base, out),
        Format::Nquads => rdf::write_dataset(graph, RdfFormat::NQuads, base, out),
        Format::Trig => rdf::write_dataset(graph, RdfFormat::TriG, base, out),
        Format::Rdfxml => rdf::write_dataset(graph, RdfFormat::RdfXml, base, out),
        Format::Jsonld => rdf::write_dataset(graph, rdf::JSON_LD, base, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn annotations_format_writes_the_graph_under_the_corpus_name() {
        let graph = KnowledgeGraph::build(&fixtures::small_extraction());
        let mut out = Vec::new();
        write(&graph, Format::Annotations, &Options::default(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("{\n  \"corpus\": \"corpus\",\n"), "{text}");
        let mut expected = Vec::new();
        crate::annotations::write(&crate::annotations::from_graph(&graph, "corpus"), &mut expected).unwrap();
        assert_eq!(text.as_bytes(), expected);
    }
}

#[cfg(test)]
mod gephi_tests;
