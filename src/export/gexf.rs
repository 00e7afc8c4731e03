//! GEXF 1.3 for Gephi: the [`GephiView`] of a graph with its attributes
//! declared per class, the viz module (colour by type, size by degree) and
//! time, so that Gephi's Timeline replays the corpus.
//!
//! Time (`mode="dynamic"`, `timeformat="date"`):
//! - a corpus document starts at its date; a partial date becomes the first
//!   day it covers (`2019-06` → `2019-06-01`, `2019` → `2019-01-01`);
//! - an edge starts at the earliest date of the documents that support it
//!   (the document of a mention, speaker or event edge; the sentences of a
//!   relation; the co-mentioning documents of a projection edge);
//! - an entity starts at the earliest of its edges' dates, its first dated
//!   mention in practice;
//! - undated documents, sources, and entities with no dated document have no
//!   `start`: they are always visible.
//!
//! Labels and weights are the `label` and `weight` XML attributes GEXF
//! defines; every other value is an `<attvalue>` of a declared attribute. An
//! edge's relation is also its `kind`, which GEXF 1.3 and Gephi use to keep
//! parallel edges of different relations (`affiliation` and `represents`
//! between one person and one country) apart.

use std::io::{self, Write};

use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;

use super::gephi::{attr, double, text, timeline_date, Column, GephiView, ValueType, EDGE_COLUMNS, NODE_COLUMNS};
use super::Options;
use crate::graph::KnowledgeGraph;
use crate::model::PartialDate;

pub const GEXF_NS: &str = "http://gexf.net/1.3";
pub const VIZ_NS: &str = "http://gexf.net/1.3/viz";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

/// Writes the view of `graph` that `options` names (the whole graph, or the
/// comention projection) as GEXF. What `build` writes to `graph.gexf` with
/// `Options::default()`.
pub fn write_gexf(graph: &KnowledgeGraph, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    write(&options.view(graph), out)
}

/// Writes one view as GEXF.
pub fn write(view: &GephiView, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("gexf")
        .with_attributes([
            attr("xmlns", GEXF_NS),
            attr("xmlns:viz", VIZ_NS),
            attr("xmlns:xsi", XSI_NS),
            attr("xsi:schemaLocation", SCHEMA_LOCATION),
            attr("version", "1.3"),
        ])
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                let creator = concat!("diplograph ", env!("CARGO_PKG_VERSION"));
                w.create_element("creator").write_text_content(text(creator))?;
                let description = if view.directed {
                    "Knowledge graph of a corpus of diplomatic statements"
                } else {
                    "Comention projection: entities joined by the number of documents that mention both"
                };
                w.create_element("description").write_text_content(text(description))?;
                Ok(())
            })?;
            let edgetype = if view.directed { "directed" } else { "undirected" };
            w.create_element("graph")
                .with_attributes([
                    attr("defaultedgetype", edgetype),
                    attr("mode", "dynamic"),
                    attr("timeformat", "date"),
                ])
                .write_inner_content(|w| {
                    attributes(w, "node", &NODE_COLUMNS)?;
                    attributes(w, "edge", &EDGE_COLUMNS)?;
                    w.create_element("nodes").write_inner_content(|w| {
                        for node in view.nodes() {
                            let mut attrs = vec![attr("id", &node.id), attr("label", &node.label)];
                            attrs.extend(start(node.start));
                            w.create_element("node").with_attributes(attrs).write_inner_content(|w| {
                                attvalues(w, &node.values)?;
                                let colour = node.node_type.colour();
                                w.create_element("viz:color")
                                    .with_attributes([
                                        attr("r", &colour.r.to_string()),
                                        attr("g", &colour.g.to_string()),
                                        attr("b", &colour.b.to_string()),
                                    ])
                                    .write_empty()?;
                                w.create_element("viz:size")
                                    .with_attributes([attr("value", &double(node.size()))])
                                    .write_empty()?;
                                Ok(())
                            })?;
                        }
                        Ok(())
                    })?;
                    w.create_element("edges").write_inner_content(|w| {
                        for edge in view.edges() {
                            let mut attrs = vec![
                                attr("id", &edge.id()),
                                attr("source", &edge.source()),
                                attr("target", &edge.target()),
                                attr("label", edge.label),
                                attr("kind", edge.label),
                                attr("weight", &double(edge.weight)),
                            ];
                            attrs.extend(start(edge.start));
                            let values = view.edge_values(&edge);
                            let element = w.create_element("edge").with_attributes(attrs);
                            if values.is_empty() {
                                element.write_empty()?;
                            } else {
                                element.write_inner_content(|w| attvalues(w, &values))?;
                            }
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}

fn start(date: Option<PartialDate>) -> Option<quick_xml::events::attributes::Attribute<'static>> {
    date.map(|d| attr("start", &timeline_date(d)))
}

fn attributes<W: Write>(w: &mut Writer<W>, class: &str, columns: &[&Column]) -> io::Result<()> {
    w.create_element("attributes").with_attributes([attr("class", class)]).write_inner_content(|w| {
        for column in columns {
            let ty = match column.ty {
                ValueType::String => "string",
                ValueType::Int => "integer",
                ValueType::Double => "double",
            };
            w.create_element("attribute")
                .with_attributes([attr("id", column.id), attr("title", column.id), attr("type", ty)])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn attvalues<W: Write>(w: &mut Writer<W>, values: &[(&'static Column, String)]) -> io::Result<()> {
    w.create_element("attvalues").write_inner_content(|w| {
        for (column, value) in values {
            w.create_element("attvalue")
                .with_attributes([attr("for", column.id), attr("value", value)])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}
