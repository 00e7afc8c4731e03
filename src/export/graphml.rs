//! GraphML for Gephi (and networkx, igraph, yEd...): the [`GephiView`] of a
//! graph as GraphML 1.1, valid against its XSD and shaped by the rules of
//! Gephi's importer:
//! - keys have descriptive ids (`label`, `type`, `weight`...), never
//!   `d0..dN`: Gephi matches a key by id before `attr.name`, and takes node
//!   key `d3` and edge key `d7` as labels whatever their name;
//! - every key is `for="node"` or `for="edge"` (Gephi drops the edge side of
//!   `for="all"`), typed `string`, `int` or `double`;
//! - node colours are `r`, `g`, `b` integer keys (see [`NodeType::colour`]);
//! - the edge label key is `edgelabel` named `label` (key ids are unique in a
//!   file, and the node label key already holds `label`);
//! - a `<data>` element is written only when the value is present.
//!
//! [`NodeType::colour`]: super::gephi::NodeType::colour

use std::io::{self, Write};

use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;

use super::gephi::{attr, double, text, GephiView, ValueType, EDGE_COLUMNS, NODE_COLUMNS};
use super::Options;
use crate::graph::KnowledgeGraph;

pub const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd";

/// Writes the view of `graph` that `options` names (the whole graph, or the
/// comention projection) as GraphML. What `build` writes to `graph.graphml`
/// with `Options::default()`.
pub fn write_graphml(graph: &KnowledgeGraph, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    write(&options.view(graph), out)
}

/// Writes one view as GraphML.
pub fn write(view: &GephiView, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("graphml")
        .with_attributes([
            attr("xmlns", GRAPHML_NS),
            attr("xmlns:xsi", XSI_NS),
            attr("xsi:schemaLocation", SCHEMA_LOCATION),
        ])
        .write_inner_content(|w| {
            key(w, "label", "node", "label", "string")?;
            for column in NODE_COLUMNS {
                key(w, column.id, "node", column.id, type_name(column.ty))?;
            }
            for channel in ["r", "g", "b"] {
                key(w, channel, "node", channel, "int")?;
            }
            key(w, "edgelabel", "edge", "label", "string")?;
            key(w, "weight", "edge", "weight", "double")?;
            for column in EDGE_COLUMNS {
                key(w, column.id, "edge", column.id, type_name(column.ty))?;
            }
            let edgedefault = if view.directed { "directed" } else { "undirected" };
            w.create_element("graph")
                .with_attributes([attr("id", "G"), attr("edgedefault", edgedefault)])
                .write_inner_content(|w| {
                    for node in view.nodes() {
                        w.create_element("node").with_attributes([attr("id", &node.id)]).write_inner_content(|w| {
                            data(w, "label", &node.label)?;
                            for (column, value) in &node.values {
                                data(w, column.id, value)?;
                            }
                            let colour = node.node_type.colour();
                            data(w, "r", &colour.r.to_string())?;
                            data(w, "g", &colour.g.to_string())?;
                            data(w, "b", &colour.b.to_string())
                        })?;
                    }
                    for edge in view.edges() {
                        w.create_element("edge")
                            .with_attributes([
                                attr("id", &edge.id()),
                                attr("source", &edge.source()),
                                attr("target", &edge.target()),
                            ])
                            .write_inner_content(|w| {
                                data(w, "edgelabel", edge.label)?;
                                data(w, "weight", &double(edge.weight))?;
                                for (column, value) in view.edge_values(&edge) {
                                    data(w, column.id, &value)?;
                                }
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}

fn type_name(ty: ValueType) -> &'static str {
    match ty {
        ValueType::String => "string",
        ValueType::Int => "int",
        ValueType::Double => "double",
    }
}

fn key<W: Write>(w: &mut Writer<W>, id: &str, domain: &str, name: &str, ty: &str) -> io::Result<()> {
    w.create_element("key")
        .with_attributes([attr("id", id), attr("for", domain), attr("attr.name", name), attr("attr.type", ty)])
        .write_empty()?;
    Ok(())
}

fn data<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> io::Result<()> {
    w.create_element("data").with_attributes([attr("key", key)]).write_text_content(text(value))?;
    Ok(())
}
