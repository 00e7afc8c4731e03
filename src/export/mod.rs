//! Exporters: each takes a finished [`KnowledgeGraph`] and an `impl Write`;
//! none reads files. `write` dispatches on the format a user names.

use std::io::Write;

use crate::graph::KnowledgeGraph;
use crate::model::EntityType;

pub mod gephi;
pub mod gexf;
pub mod graphml;

pub use gephi::{GephiView, Projection};

/// The formats `diplograph export --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The gold annotation format (JSON) of `shared/gold/SCHEMA.md`.
    Annotations,
    /// GraphML for Gephi, networkx, igraph (see docs/gephi.md).
    Graphml,
    /// GEXF 1.3 for Gephi, with colours, sizes and a timeline (see docs/gephi.md).
    Gexf,
}

/// Options that only some formats use.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// GraphML and GEXF: the whole graph, or the comention projection.
    pub projection: Projection,
    /// GraphML and GEXF comention projection: the entity types to keep
    /// (`--types Person,Organization`; see [`gephi::parse_types`]); `None`
    /// keeps every type.
    pub types: Option<Vec<EntityType>>,
}

impl Options {
    /// The Gephi view of `graph` these options ask for.
    pub fn view(&self, graph: &KnowledgeGraph) -> GephiView {
        GephiView::new(graph, self.projection, self.types.as_deref())
    }
}

/// Writes the graph in `format` to `out`.
pub fn write(graph: &KnowledgeGraph, format: Format, options: &Options, out: &mut dyn Write) -> crate::Result<()> {
    let io = |e| crate::Error::io("<output>", e);
    match format {
        Format::Annotations => {
            let _ = (graph, options, out);
            todo!("annotations writer")
        }
        Format::Graphml => graphml::write_graphml(graph, options, out).map_err(io),
        Format::Gexf => gexf::write_gexf(graph, options, out).map_err(io),
    }
}

#[cfg(test)]
mod gephi_tests;
