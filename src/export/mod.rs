//! Exporters: each takes a finished [`KnowledgeGraph`] and an `impl Write`;
//! none reads files. `write` dispatches on the format a user names.

use std::io::Write;

use crate::graph::KnowledgeGraph;

/// The formats `diplograph export --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The gold annotation format (JSON) of `shared/gold/SCHEMA.md`.
    Annotations,
}

/// Options that only some formats use.
#[derive(Debug, Clone, Default)]
pub struct Options {}

/// Writes the graph in `format` to `out`.
pub fn write(graph: &KnowledgeGraph, format: Format, options: &Options, out: &mut dyn Write) -> crate::Result<()> {
    let _ = (graph, options, out);
    match format {
        Format::Annotations => todo!("annotations writer"),
    }
}
