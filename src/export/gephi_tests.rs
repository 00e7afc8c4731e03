//! Tests of the Gephi exports (GraphML and GEXF): written files are read back
//! with quick-xml's reader into a small element tree and compared with the
//! knowledge graph they came from.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::gephi::{parse_types, sanitize, GephiView, NodeType, Projection};
use super::{gexf, graphml, write, Format, Options};
use crate::fixtures::small_extraction;
use crate::graph::{KnowledgeGraph, Node};
use crate::model::*;

/// An element read back from a written file.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }

    fn child(&self, name: &str) -> &Element {
        self.children.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no <{name}> in <{}>", self.name))
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// Parses XML with quick-xml's reader: attribute values unescaped, text with
/// its entity and character references resolved.
fn parse(bytes: &[u8]) -> Element {
    let mut reader = Reader::from_reader(bytes);
    let mut stack = vec![Element::default()];
    let open = |e: &quick_xml::events::BytesStart| Element {
        name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (String::from_utf8(a.key.as_ref().to_vec()).unwrap(), a.unescape_value().unwrap().into_owned())
            })
            .collect(),
        ..Element::default()
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let element = open(&e);
                stack.last_mut().unwrap().children.push(element);
            }
            Event::End(_) => {
                let element = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(element);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r.decode().unwrap()).unwrap().to_string(),
                };
                stack.last_mut().unwrap().text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    stack.pop().unwrap().children.pop().expect("a root element")
}

/// What a value should read back as: control characters other than tab, LF
/// and CR dropped, those three turned into spaces. Written independently of
/// `sanitize` on purpose.
fn expected(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .filter(|c| !matches!(c, '\u{fffe}' | '\u{ffff}'))
        .map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c })
        .collect()
}

fn fixture() -> KnowledgeGraph {
    KnowledgeGraph::build(&small_extraction())
}

fn options(projection: Projection, types: Option<Vec<EntityType>>) -> Options {
    Options { projection, types, ..Options::default() }
}

fn graphml_of(graph: &KnowledgeGraph, options: &Options) -> Vec<u8> {
    let mut out = Vec::new();
    graphml::write_graphml(graph, options, &mut out).unwrap();
    out
}

fn gexf_of(graph: &KnowledgeGraph, options: &Options) -> Vec<u8> {
    let mut out = Vec::new();
    gexf::write_gexf(graph, options, &mut out).unwrap();
    out
}

/// GraphML read back: node id → (key → value), and edges as
/// (id, source, target, key → value).
type GraphmlNodes = BTreeMap<String, BTreeMap<String, String>>;
type GraphmlEdges = Vec<(String, String, String, BTreeMap<String, String>)>;

fn read_graphml(bytes: &[u8]) -> (Element, GraphmlNodes, GraphmlEdges) {
    let root = parse(bytes);
    assert_eq!(root.name, "graphml");
    assert_eq!(root.attr("xmlns"), Some(graphml::GRAPHML_NS));
    let data = |e: &Element| -> BTreeMap<String, String> {
        e.all("data").map(|d| (d.attr("key").unwrap().to_string(), d.text.clone())).collect()
    };
    let graph = root.child("graph");
    let nodes = graph.all("node").map(|n| (n.attr("id").unwrap().to_string(), data(n))).collect();
    let edges = graph
        .all("edge")
        .map(|e| {
            let attr = |name| e.attr(name).unwrap().to_string();
            (attr("id"), attr("source"), attr("target"), data(e))
        })
        .collect();
    (root, nodes, edges)
}

/// GEXF read back: nodes and edges with their XML attributes, attvalues and
/// (nodes) viz colour and size.
#[derive(Debug)]
struct GexfItem {
    attrs: BTreeMap<String, String>,
    values: BTreeMap<String, String>,
    colour: Option<(u8, u8, u8)>,
    size: Option<f64>,
}

fn read_gexf(bytes: &[u8]) -> (Element, Vec<GexfItem>, Vec<GexfItem>) {
    let root = parse(bytes);
    assert_eq!(root.name, "gexf");
    assert_eq!(root.attr("xmlns"), Some(gexf::GEXF_NS));
    assert_eq!(root.attr("xmlns:viz"), Some(gexf::VIZ_NS));
    assert_eq!(root.attr("version"), Some("1.3"));
    let graph = root.child("graph");
    assert_eq!(graph.attr("mode"), Some("dynamic"));
    assert_eq!(graph.attr("timeformat"), Some("date"));
    let declared: BTreeMap<&str, BTreeSet<&str>> = graph
        .all("attributes")
        .map(|a| (a.attr("class").unwrap(), a.all("attribute").map(|c| c.attr("id").unwrap()).collect()))
        .collect();
    let item = |e: &Element, class: &str| {
        let values: BTreeMap<String, String> = e
            .all("attvalues")
            .flat_map(|vs| vs.all("attvalue"))
            .map(|v| (v.attr("for").unwrap().to_string(), v.attr("value").unwrap().to_string()))
            .collect();
        for key in values.keys() {
            assert!(declared[class].contains(key.as_str()), "attvalue for undeclared {class} attribute {key}");
        }
        let colour = e.all("viz:color").next().map(|c| {
            let channel = |n| c.attr(n).unwrap().parse::<u8>().unwrap();
            (channel("r"), channel("g"), channel("b"))
        });
        let size = e.all("viz:size").next().map(|s| s.attr("value").unwrap().parse::<f64>().unwrap());
        GexfItem { attrs: e.attrs.clone(), values, colour, size }
    };
    let nodes = graph.child("nodes").all("node").map(|n| item(n, "node")).collect();
    let edges = graph.child("edges").all("edge").map(|e| item(e, "edge")).collect();
    (root, nodes, edges)
}

/// The distinct (from, to, relation) triples of the graph: its edge count
/// once parallel edges are merged.
fn merged_edge_count(graph: &KnowledgeGraph) -> usize {
    graph.edges().map(|(_, a, b, e)| (a, b, e.label())).collect::<BTreeSet<_>>().len()
}

#[test]
fn graphml_values_round_trip_with_forbidden_characters_removed() {
    let graph = fixture();
    let (_, nodes, _) = read_graphml(&graphml_of(&graph, &Options::default()));
    for (index, node) in graph.nodes() {
        let data = &nodes[&format!("n{}", index.index())];
        assert_eq!(data["label"], expected(node.label()));
        assert_eq!(data["key"], expected(&node.key()));
        assert_eq!(data["type"], NodeType::of(node).as_str());
    }
    let labels: BTreeSet<&str> = nodes.values().map(|d| d["label"].as_str()).collect();
    assert!(labels.contains("\"Peaceful\" <Cyber> plan & co"), "{labels:?}");
    assert!(labels.contains("Встреча в Вене"));
    assert!(labels.contains("Foreign Minister Sergey Lavrov’s remarks at the \"OSCE\" & <co>"));
}

#[test]
fn gexf_values_round_trip_with_forbidden_characters_removed() {
    let graph = fixture();
    let (_, nodes, _) = read_gexf(&gexf_of(&graph, &Options::default()));
    for ((_, node), read) in graph.nodes().zip(&nodes) {
        assert_eq!(read.attrs["label"], expected(node.label()));
        assert_eq!(read.values["key"], expected(&node.key()));
    }
    assert!(nodes.iter().any(|n| n.attrs["label"] == "\"Peaceful\" <Cyber> plan & co"));
}

proptest! {
    #[test]
    fn any_string_round_trips_in_both_formats(label in "\\PC*|[\\x00-\\x20\"'&<>\u{80}-\u{a0}\u{fffe}\u{ffff}a-zя]{0,24}", role in any::<String>()) {
        let mut extraction = small_extraction();
        extraction.entities[0].label = label.clone();
        extraction.entities[0].roles = vec![role.clone()];
        let graph = KnowledgeGraph::build(&extraction);
        let person = graph.entities().next().unwrap().0;
        let id = format!("n{}", person.index());
        let (_, nodes, _) = read_graphml(&graphml_of(&graph, &Options::default()));
        prop_assert_eq!(&nodes[&id]["label"], &expected(&label));
        prop_assert_eq!(&nodes[&id]["role"], &expected(&role));
        let (_, nodes, _) = read_gexf(&gexf_of(&graph, &Options::default()));
        let node = nodes.iter().find(|n| n.attrs["id"] == id).unwrap();
        prop_assert_eq!(&node.attrs["label"], &expected(&label));
        prop_assert_eq!(&node.values["role"], &expected(&role));
    }
}

#[test]
fn sanitize_drops_what_xml_forbids_and_blanks_line_breaks() {
    assert_eq!(sanitize("a\u{1}b\u{7f}c\u{85}d\u{fffe}e\u{ffff}"), "abcde");
    assert_eq!(sanitize("a\tb\nc\rd"), "a b c d");
    assert!(matches!(sanitize("plain <&> Вена"), std::borrow::Cow::Borrowed(_)));
}

#[test]
fn counts_match_the_graph() {
    let graph = fixture();
    let (_, nodes, edges) = read_graphml(&graphml_of(&graph, &Options::default()));
    assert_eq!(nodes.len(), graph.node_count());
    assert_eq!(edges.len(), merged_edge_count(&graph));
    let (_, nodes, edges) = read_gexf(&gexf_of(&graph, &Options::default()));
    assert_eq!(nodes.len(), graph.node_count());
    assert_eq!(edges.len(), merged_edge_count(&graph));
    // The fixture has no parallel edges of one relation: nothing merged away.
    assert_eq!(edges.len(), graph.edge_count());
}

#[test]
fn ids_are_tokens_and_unique() {
    let (_, nodes, edges) = read_graphml(&graphml_of(&fixture(), &Options::default()));
    assert!(nodes.keys().all(|id| id.starts_with('n') && id[1..].parse::<usize>().is_ok()));
    let ids: BTreeSet<&str> = edges.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(ids.len(), edges.len());
    let expected_ids: BTreeSet<String> = (0..edges.len()).map(|i| format!("e{i}")).collect();
    assert_eq!(ids, expected_ids.iter().map(String::as_str).collect());
}

#[test]
fn parallel_edges_of_one_relation_are_merged() {
    let mut extraction = small_extraction();
    let doc2 = extraction.documents[1].id.clone();
    // A second `proposed` relation Lavrov → plan, read in the second document,
    // with two sentences; and Lavrov named twice as speaker of document 1.
    extraction.relations.push(Relation {
        subject: EntityId(0),
        predicate: Predicate::Proposed,
        object: EntityId(3),
        evidence: vec![
            Evidence { doc: doc2.clone(), span: Span { start: 140, end: 150 }, text: "a".into() },
            Evidence { doc: doc2.clone(), span: Span { start: 151, end: 160 }, text: "b".into() },
        ],
    });
    extraction.documents[0].speakers.push(EntityId(0));
    let graph = KnowledgeGraph::build(&extraction);
    assert_eq!(graph.edge_count(), fixture().edge_count() + 2);
    let (_, _, edges) = read_graphml(&graphml_of(&graph, &Options::default()));
    assert_eq!(edges.len(), fixture().edge_count());
    assert_eq!(edges.len(), merged_edge_count(&graph));
    let proposed: Vec<_> = edges.iter().filter(|e| e.3["edgelabel"] == "proposed").collect();
    assert_eq!(proposed.len(), 1);
    assert_eq!(proposed[0].3["weight"], "3.0");
    assert_eq!(proposed[0].3["documents"], "fixture#1 fixture#2");
    let speaker: Vec<_> = edges.iter().filter(|e| e.3["edgelabel"] == "speaker").collect();
    assert_eq!(speaker.len(), 1);
    assert_eq!(speaker[0].3["weight"], "2.0");
    assert_eq!(speaker[0].3["documents"], "fixture#1");
    // Different relations between the same two nodes stay apart.
    let lavrov_russia: BTreeSet<&str> =
        edges.iter().filter(|e| e.1 == "n3" && e.2 == "n4").map(|e| e.3["edgelabel"].as_str()).collect();
    assert_eq!(lavrov_russia, BTreeSet::from(["affiliation", "represents"]));
}

#[test]
fn edges_carry_weights_and_documents() {
    let (_, _, edges) = read_graphml(&graphml_of(&fixture(), &Options::default()));
    let find = |s: &str, t: &str, label: &str| {
        edges
            .iter()
            .find(|e| e.1 == s && e.2 == t && e.3["edgelabel"] == label)
            .unwrap_or_else(|| panic!("{s} {label} {t}"))
    };
    // Document 1 names Lavrov twice.
    assert_eq!(find("n1", "n3", "mentions").3["weight"], "2.0");
    // partOf is stated in both documents.
    let part_of = find("n7", "n5", "partOf");
    assert_eq!(part_of.3["weight"], "2.0");
    assert_eq!(part_of.3["documents"], "fixture#1 fixture#2");
    // Affiliation has no supporting document: no <data>.
    assert!(!find("n3", "n4", "affiliation").3.contains_key("documents"));
}

#[test]
fn node_columns_hold_the_graph_values() {
    let (_, nodes, _) = read_graphml(&graphml_of(&fixture(), &Options::default()));
    let lavrov = &nodes["n3"];
    assert_eq!(lavrov["type"], "Person");
    assert_eq!(lavrov["role"], "Foreign Minister");
    assert_eq!(lavrov["affiliation"], "Russia");
    assert_eq!(lavrov["mentions"], "2");
    assert_eq!((lavrov["r"].as_str(), lavrov["g"].as_str(), lavrov["b"].as_str()), ("230", "159", "0"));
    assert!(!lavrov.contains_key("wikidata"));
    assert_eq!(nodes["n4"]["wikidata"], "Q159");
    let doc2 = &nodes["n2"];
    assert_eq!(doc2["type"], "CorpusDocument");
    assert_eq!(doc2["date"], "2020-01");
    assert_eq!(doc2["kind"], "news-item");
    assert!(!doc2.contains_key("place"));
    assert_eq!(nodes["n0"]["type"], "Source");
}

/// The fixture's co-mentions by hand: document 1 mentions Lavrov, Russia,
/// OSCE and the plan (6 pairs), document 2 the meeting and OSCE (1 pair).
/// A third document naming Lavrov and OSCE makes that pair weigh 2.
#[test]
fn comention_projection_weights() {
    let check = |graph: &KnowledgeGraph, types: Option<Vec<EntityType>>, want: &[(&str, &str, &str, &str)]| {
        let (root, nodes, edges) = read_graphml(&graphml_of(graph, &options(Projection::Comention, types)));
        assert_eq!(root.child("graph").attr("edgedefault"), Some("undirected"));
        let label = |id: &str| nodes[id]["label"].clone();
        let mut got: Vec<(String, String, String, String)> = edges
            .iter()
            .map(|(_, s, t, d)| (label(s), label(t), d["weight"].clone(), d["documents"].clone()))
            .collect();
        got.sort();
        let mut want: Vec<_> =
            want.iter().map(|(a, b, w, d)| (a.to_string(), b.to_string(), w.to_string(), d.to_string())).collect();
        want.sort();
        assert_eq!(got, want);
        assert!(edges.iter().all(|e| e.3["edgelabel"] == "comention"));
        nodes
    };
    let plan = "\"Peaceful\" <Cyber> plan & co";
    let d1 = "fixture#1";
    let nodes = check(
        &fixture(),
        None,
        &[
            ("Sergey Lavrov", "Russia", "1.0", d1),
            ("Sergey Lavrov", "OSCE", "1.0", d1),
            ("Sergey Lavrov", plan, "1.0", d1),
            ("Russia", "OSCE", "1.0", d1),
            ("Russia", plan, "1.0", d1),
            ("OSCE", plan, "1.0", d1),
            ("OSCE", "Встреча в Вене", "1.0", "fixture#2"),
        ],
    );
    assert_eq!(nodes.len(), 5, "entities only");
    assert!(nodes.values().all(|d| EntityType::parse(&d["type"]).is_some()));

    let mut extraction = small_extraction();
    let doc3 = DocId::new("fixture", 3);
    let mut record = extraction.documents[1].clone();
    record.id = doc3.clone();
    record.mentions.clear();
    for (entity, start) in [(2, 210), (0, 220), (2, 230)] {
        record.mentions.push(Mention {
            span: Span { start, end: start + 4 },
            text: "x".into(),
            entity: EntityId(entity),
        });
    }
    extraction.documents.push(record);
    let graph = KnowledgeGraph::build(&extraction);
    check(
        &graph,
        Some(vec![EntityType::Person, EntityType::Organization]),
        &[("Sergey Lavrov", "OSCE", "2.0", "fixture#1 fixture#3")],
    );
    let nodes = check(&graph, Some(vec![EntityType::Country]), &[]);
    assert_eq!(nodes.len(), 1, "isolated entities of the chosen types are kept");
}

#[test]
fn comention_graph_is_a_petgraph_for_analysis() {
    let graph = fixture();
    let projection = super::gephi::comention_graph(&graph, Some(&[EntityType::Organization, EntityType::Event]));
    assert_eq!(projection.node_count(), 2);
    assert_eq!(projection.edge_count(), 1);
    assert_eq!(projection.edge_weights().map(|c| c.weight()).sum::<usize>(), 1);
}

#[test]
fn types_parse_and_unknown_types_are_usage_errors() {
    assert_eq!(parse_types("Person, Organization").unwrap(), vec![EntityType::Person, EntityType::Organization]);
    assert!(matches!(parse_types("Person,Planet"), Err(crate::Error::Usage(m)) if m.contains("Planet")));
}

#[test]
fn same_input_same_bytes() {
    for projection in [Projection::Full, Projection::Comention] {
        let options = options(projection, None);
        assert_eq!(graphml_of(&fixture(), &options), graphml_of(&fixture(), &options));
        assert_eq!(gexf_of(&fixture(), &options), gexf_of(&fixture(), &options));
    }
}

#[test]
fn dispatch_writes_the_same_as_the_writers() {
    let graph = fixture();
    let mut out = Vec::new();
    write(&graph, Format::Graphml, &Options::default(), &mut out).unwrap();
    assert_eq!(out, graphml_of(&graph, &Options::default()));
    out.clear();
    write(&graph, Format::Gexf, &Options::default(), &mut out).unwrap();
    assert_eq!(out, gexf_of(&graph, &Options::default()));
}

/// Every node, edge and attribute of the GEXF, read back and compared.
#[test]
fn gexf_reads_back_whole() {
    let graph = fixture();
    let base = crate::vocab::BaseIri::default();
    let view = GephiView::full(&graph, &base);
    let (root, nodes, edges) = read_gexf(&gexf_of(&graph, &Options::default()));
    assert_eq!(root.child("graph").attr("defaultedgetype"), Some("directed"));
    assert_eq!(nodes.len(), view.node_count());
    for ((index, node), read) in graph.nodes().zip(&nodes) {
        let id = format!("n{}", index.index());
        assert_eq!(read.attrs["id"], id);
        let wanted = view.nodes().find(|n| n.id == id).unwrap();
        let values: BTreeMap<String, String> =
            wanted.values.iter().map(|(c, v)| (c.id.to_string(), expected(v))).collect();
        assert_eq!(read.values, values);
        let colour = NodeType::of(node).colour();
        assert_eq!(read.colour, Some((colour.r, colour.g, colour.b)));
        assert!(read.size.unwrap() >= 10.0);
    }
    let start = |id: &str| nodes.iter().find(|n| n.attrs["id"] == id).unwrap().attrs.get("start").cloned();
    assert_eq!(start("n0"), None, "sources are always visible");
    assert_eq!(start("n1").as_deref(), Some("2019-12-05"));
    assert_eq!(start("n2").as_deref(), Some("2020-01-01"), "2020-01 starts on the first of the month");
    for entity in ["n3", "n4", "n5", "n6", "n7"] {
        assert_eq!(start(entity).as_deref(), Some("2019-12-05"), "{entity} first appears in document 1");
    }

    assert_eq!(edges.len(), view.edge_count());
    for (edge, read) in view.edges().zip(&edges) {
        assert_eq!(read.attrs["id"], edge.id());
        assert_eq!(read.attrs["source"], edge.source());
        assert_eq!(read.attrs["target"], edge.target());
        assert_eq!(read.attrs["label"], edge.label);
        assert_eq!(read.attrs["kind"], edge.label);
        assert_eq!(read.attrs["weight"].parse::<f64>().unwrap(), edge.weight);
        let documents: Vec<&str> = view.edge_documents(&edge).collect();
        assert_eq!(
            read.values.get("documents").map(String::as_str),
            Some(documents.join(" ")).filter(|d| !d.is_empty()).as_deref()
        );
        // No dated edge starts before either of its ends.
        if let Some(s) = read.attrs.get("start") {
            for end in [&edge.source(), &edge.target()] {
                if let Some(e) = start(end) {
                    assert!(e <= *s, "edge {} starts {s} before node {end} ({e})", edge.id());
                }
            }
        }
    }
    let part_of = edges.iter().find(|e| e.attrs["label"] == "partOf").unwrap();
    assert_eq!(part_of.attrs["start"], "2019-12-05");
    assert_eq!(part_of.values["documents"], "fixture#1 fixture#2");
    let mention_in_2 = edges.iter().find(|e| e.attrs["source"] == "n2" && e.attrs["label"] == "mentions").unwrap();
    assert_eq!(mention_in_2.attrs["start"], "2020-01-01");
    assert!(!edges.iter().find(|e| e.attrs["label"] == "affiliation").unwrap().attrs.contains_key("start"));
}

#[test]
fn undated_documents_and_year_only_dates() {
    let mut extraction = small_extraction();
    extraction.documents[0].date = None;
    extraction.documents[1].date = Some(PartialDate { year: 2021, month: None, day: None });
    let graph = KnowledgeGraph::build(&extraction);
    let (_, nodes, _) = read_gexf(&gexf_of(&graph, &Options::default()));
    let start = |id: &str| nodes.iter().find(|n| n.attrs["id"] == id).unwrap().attrs.get("start").cloned();
    assert_eq!(start("n1"), None);
    assert_eq!(start("n2").as_deref(), Some("2021-01-01"));
    assert_eq!(start("n3"), None, "Lavrov appears only in the undated document");
    assert_eq!(start("n5").as_deref(), Some("2021-01-01"), "OSCE's first dated mention");
}

#[test]
fn comention_gexf_is_undirected_with_entities_only() {
    let graph = fixture();
    let (root, nodes, edges) = read_gexf(&gexf_of(&graph, &options(Projection::Comention, None)));
    assert_eq!(root.child("graph").attr("defaultedgetype"), Some("undirected"));
    assert_eq!(nodes.len(), graph.entities().count());
    assert_eq!(edges.len(), 7);
    for node in &nodes {
        let index = node.attrs["id"][1..].parse::<usize>().unwrap();
        assert!(matches!(graph.graph[petgraph::graph::NodeIndex::new(index)], Node::Entity(_)));
    }
}

/// The `iri` column joins the Gephi files to the RDF: every node's IRI is a
/// subject of the RDF export under the same base, and the base is the one
/// given.
#[test]
fn every_node_iri_is_a_subject_of_the_rdf_export() {
    let graph = fixture();
    let base = crate::vocab::BaseIri::parse("https://example.org/kg/").unwrap();
    let subjects: BTreeSet<String> = crate::export::rdf::dataset(&graph, &base)
        .unwrap()
        .into_iter()
        .filter_map(|q| match q.subject {
            oxigraph::model::NamedOrBlankNode::NamedNode(n) => Some(n.into_string()),
            _ => None,
        })
        .collect();
    for projection in [Projection::Full, Projection::Comention] {
        let view = GephiView::new(&graph, projection, None, &base);
        for node in view.nodes() {
            let iri = node.value(&super::gephi::IRI).expect("every node has an iri");
            assert!(iri.starts_with("https://example.org/kg/"), "{iri}");
            assert!(subjects.contains(iri), "{} ({iri}) is not described in the RDF", node.label);
        }
    }
}
