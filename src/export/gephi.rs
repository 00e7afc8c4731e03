//! What the GraphML and GEXF writers share: the Gephi view of a graph (typed,
//! labelled, coloured nodes and merged, weighted edges), the colour palette,
//! the column table and the one sanitizer for every value written to XML.
//!
//! The writers in [`super::graphml`] and [`super::gexf`] only serialize a
//! [`GephiView`]; everything Gephi-specific about *what* is written (ids,
//! types, colours, weights, dates, parallel-edge merging, the comention
//! projection) is decided here, once.
//!
//! Node ids are `n<i>`, `i` being the node's index in the [`KnowledgeGraph`],
//! which the graph stage assigns in canonical order; a projection keeps those
//! ids, so a node has the same id in every file of one build. Edge ids are
//! `e0, e1, ...` in the order edges are written.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use petgraph::graph::{NodeIndex, UnGraph};
use quick_xml::events::attributes::Attribute;
use quick_xml::events::BytesText;
use quick_xml::name::QName;

use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::model::{DocId, EntityType, PartialDate};
use crate::vocab::{self, BaseIri, Kind};

/// What a node is, as the `type` column shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeType {
    /// An input file.
    Source,
    /// A document of the corpus (a statement, interview, letter...; its genre
    /// is in the `kind` column). Not to be confused with [`EntityType::Document`],
    /// a document the corpus *refers to*.
    CorpusDocument,
    /// An entity of the gold schema.
    Entity(EntityType),
}

impl NodeType {
    /// Every node type, in palette order.
    pub const ALL: [NodeType; 8] = [
        NodeType::Entity(EntityType::Person),
        NodeType::Entity(EntityType::Organization),
        NodeType::Entity(EntityType::Country),
        NodeType::Entity(EntityType::Event),
        NodeType::Entity(EntityType::Document),
        NodeType::Entity(EntityType::Proposal),
        NodeType::CorpusDocument,
        NodeType::Source,
    ];

    pub fn of(node: &Node) -> NodeType {
        match node {
            Node::Source(_) => NodeType::Source,
            Node::Document(_) => NodeType::CorpusDocument,
            Node::Entity(e) => NodeType::Entity(e.etype),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NodeType::Source => "Source",
            NodeType::CorpusDocument => "CorpusDocument",
            NodeType::Entity(t) => t.as_str(),
        }
    }

    /// The fixed palette (Okabe–Ito, readable with colour-vision deficiencies):
    ///
    /// | type | colour | r, g, b |
    /// |---|---|---|
    /// | Person | orange | 230, 159, 0 |
    /// | Organization | sky blue | 86, 180, 233 |
    /// | Country | bluish green | 0, 158, 115 |
    /// | Event | yellow | 240, 228, 66 |
    /// | Document | blue | 0, 114, 178 |
    /// | Proposal | vermillion | 213, 94, 0 |
    /// | CorpusDocument | reddish purple | 204, 121, 167 |
    /// | Source | grey | 153, 153, 153 |
    pub fn colour(self) -> Rgb {
        let (r, g, b) = match self {
            NodeType::Entity(EntityType::Person) => (230, 159, 0),
            NodeType::Entity(EntityType::Organization) => (86, 180, 233),
            NodeType::Entity(EntityType::Country) => (0, 158, 115),
            NodeType::Entity(EntityType::Event) => (240, 228, 66),
            NodeType::Entity(EntityType::Document) => (0, 114, 178),
            NodeType::Entity(EntityType::Proposal) => (213, 94, 0),
            NodeType::CorpusDocument => (204, 121, 167),
            NodeType::Source => (153, 153, 153),
        };
        Rgb { r, g, b }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// Makes a string safe to write as an XML 1.0 attribute value or text, before
/// quick-xml escapes it (the only escaping path):
/// - drops the characters XML 1.0 forbids (C0 controls other than tab, LF and
///   CR; U+FFFE, U+FFFF) and those it discourages and Gephi's checks reject
///   (DEL, C1 controls U+0080–U+009F);
/// - turns tab, LF and CR into a space: a parser normalizes them to spaces in
///   attribute values anyway (GEXF holds every value in an attribute), so
///   doing it here gives one value whichever format and reader is used.
///
/// Every string the GraphML and GEXF writers emit goes through this function.
pub fn sanitize(value: &str) -> Cow<'_, str> {
    fn dropped(c: char) -> bool {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
    }
    fn blank(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r')
    }
    if !value.chars().any(|c| dropped(c) || blank(c)) {
        return Cow::Borrowed(value);
    }
    Cow::Owned(value.chars().filter(|&c| !dropped(c)).map(|c| if blank(c) { ' ' } else { c }).collect())
}

/// A partial date as a full ISO date for Gephi's timeline: a missing month or
/// day is the first one (`2019` → `2019-01-01`, `2019-06` → `2019-06-01`).
pub fn timeline_date(date: PartialDate) -> String {
    PartialDate { year: date.year, month: Some(date.month.unwrap_or(1)), day: Some(date.day.unwrap_or(1)) }.to_string()
}

/// Document nodes in canonical order, without repeats, exactly sized.
fn sorted_unique(mut docs: Vec<NodeIndex>) -> Box<[NodeIndex]> {
    docs.sort();
    docs.dedup();
    docs.into_boxed_slice()
}

/// The graph's edges merged into the full view's: edge numbers sorted by
/// (ends, label, number), and each merged edge's run of them, in order of
/// first appearance. Parallel edges of one relation are one run. It holds 12
/// bytes an edge where made edges held some 90 (3.1 M edges at 100,000
/// pages); edges are made from it as they are written.
fn merged_runs(graph: &KnowledgeGraph) -> (Vec<u32>, Vec<[u32; 2]>) {
    let key = |e: u32| {
        let id = petgraph::graph::EdgeIndex::new(e as usize);
        let (from, to) = graph.graph.edge_endpoints(id).expect("an edge of the graph");
        (from, to, graph.graph[id].label())
    };
    let count = u32::try_from(graph.graph.edge_count()).expect("fewer than 2^32 edges");
    let mut order: Vec<u32> = (0..count).collect();
    order.sort_unstable_by_key(|&e| (key(e), e));
    let mut runs: Vec<[u32; 2]> = Vec::new();
    let mut run_start = 0;
    for i in 1..=order.len() {
        if i == order.len() || key(order[i]) != key(order[run_start]) {
            runs.push([run_start as u32, i as u32]);
            run_start = i;
        }
    }
    // A run's first edge is its lowest numbered: its first appearance.
    runs.sort_unstable_by_key(|&[start, _]| order[start as usize]);
    (order, runs)
}

/// The earlier of two dates, an absent date being no date (not the earliest).
fn earliest(a: Option<PartialDate>, b: Option<PartialDate>) -> Option<PartialDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The value type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    String,
    Int,
    Double,
}

/// One attribute column of nodes or edges, declared by both writers (GraphML
/// `<key>`, GEXF `<attribute>`). Label, weight, colour and size are not
/// columns: each format has its own place for them.
#[derive(Debug, PartialEq, Eq)]
pub struct Column {
    /// The key / attribute id: descriptive, never `d0..dN` (Gephi's GraphML
    /// importer matches ids before names and takes `d3`/`d7` as labels).
    pub id: &'static str,
    pub ty: ValueType,
}

pub const TYPE: Column = Column { id: "type", ty: ValueType::String };
pub const KEY: Column = Column { id: "key", ty: ValueType::String };
pub const ROLE: Column = Column { id: "role", ty: ValueType::String };
pub const AFFILIATION: Column = Column { id: "affiliation", ty: ValueType::String };
pub const DATE: Column = Column { id: "date", ty: ValueType::String };
pub const KIND: Column = Column { id: "kind", ty: ValueType::String };
pub const PLACE: Column = Column { id: "place", ty: ValueType::String };
pub const WIKIDATA: Column = Column { id: "wikidata", ty: ValueType::String };
/// The node's IRI in the RDF exports (same `--base-iri`), to join the two.
pub const IRI: Column = Column { id: "iri", ty: ValueType::String };
pub const MENTIONS: Column = Column { id: "mentions", ty: ValueType::Int };
pub const DOCUMENTS: Column = Column { id: "documents", ty: ValueType::String };

/// Node columns, in declaration order.
pub const NODE_COLUMNS: [&Column; 10] =
    [&TYPE, &KEY, &ROLE, &AFFILIATION, &DATE, &KIND, &PLACE, &WIKIDATA, &IRI, &MENTIONS];
/// Edge columns, in declaration order.
pub const EDGE_COLUMNS: [&Column; 1] = [&DOCUMENTS];

/// One node as Gephi sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewNode {
    pub id: String,
    pub label: String,
    pub node_type: NodeType,
    /// Column values, absent ones left out, in [`NODE_COLUMNS`] order.
    pub values: Vec<(&'static Column, String)>,
    /// When the node appears on the timeline (None: always visible).
    pub start: Option<PartialDate>,
    /// Number of edges at the node, after merging.
    pub degree: usize,
}

impl ViewNode {
    pub fn value(&self, column: &Column) -> Option<&str> {
        self.values.iter().find(|(c, _)| *c == column).map(|(_, v)| v.as_str())
    }

    /// `viz:size`: 10 + 4·√degree, rounded to two decimals.
    pub fn size(&self) -> f64 {
        ((10.0 + 4.0 * (self.degree as f64).sqrt()) * 100.0).round() / 100.0
    }
}

/// One edge as Gephi sees it: every parallel edge of one relation between two
/// nodes merged into it.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewEdge {
    /// The edge's number in the file (its id is `e<number>`).
    pub number: usize,
    /// The knowledge-graph nodes it joins (their ids are `n<index>`). Ids
    /// are spelled out only when written: a view of a big corpus holds
    /// millions of edges.
    pub from: NodeIndex,
    pub to: NodeIndex,
    /// The relation: `contains`, `mentions`, `speaker`, `deliveredAt`,
    /// `affiliation`, a predicate, or `comention`.
    pub label: &'static str,
    /// Supporting mentions, evidence sentences or documents, summed over the
    /// merged edges.
    pub weight: f64,
    /// The supporting documents' nodes, in canonical order, without repeats;
    /// their ids are spelled out when written ([`GephiView::edge_values`]).
    pub documents: Box<[NodeIndex]>,
    /// The earliest date among the supporting documents.
    pub start: Option<PartialDate>,
}

impl ViewEdge {
    pub fn id(&self) -> String {
        format!("e{}", self.number)
    }

    pub fn source(&self) -> String {
        Context::node_id(self.from)
    }

    pub fn target(&self) -> String {
        Context::node_id(self.to)
    }
}

/// A node of the view and what its edges give it. Its columns are read from
/// the knowledge graph as it is written ([`GephiView::nodes`]): a view of a
/// big corpus holds hundreds of thousands of nodes.
#[derive(Debug, Clone, Copy)]
struct NodePlace {
    index: NodeIndex,
    start: Option<PartialDate>,
    degree: usize,
}

/// The graph a Gephi file holds: nodes and merged edges, ready to write.
pub struct GephiView<'g> {
    pub directed: bool,
    places: Vec<NodePlace>,
    edges: ViewEdges<'g>,
    cx: Context<'g>,
}

/// A view's edges, as made or as made when asked for.
enum ViewEdges<'g> {
    /// The full view's: runs of [`merged_runs`], with each document's node
    /// (relations name their evidence's documents by id).
    Merged { order: Vec<u32>, runs: Vec<[u32; 2]>, doc_nodes: DocNodes<'g> },
    /// The comention view's (entities only: far fewer).
    Made(Vec<ViewEdge>),
}

impl GephiView<'_> {
    pub fn node_count(&self) -> usize {
        self.places.len()
    }

    pub fn edge_count(&self) -> usize {
        match &self.edges {
            ViewEdges::Merged { runs, .. } => runs.len(),
            ViewEdges::Made(edges) => edges.len(),
        }
    }

    /// The edges, in order, each made as it is asked for.
    pub fn edges(&self) -> impl Iterator<Item = ViewEdge> + '_ {
        (0..self.edge_count()).map(|number| match &self.edges {
            ViewEdges::Merged { order, runs, doc_nodes } => {
                let [start, end] = runs[number];
                self.cx.merged_edge(number, &order[start as usize..end as usize], doc_nodes)
            }
            ViewEdges::Made(edges) => edges[number].clone(),
        })
    }

    /// The nodes with their columns, in order, each made as it is asked for.
    pub fn nodes(&self) -> impl Iterator<Item = ViewNode> + '_ {
        self.places.iter().map(|place| ViewNode {
            start: place.start,
            degree: place.degree,
            ..self.cx.node(place.index)
        })
    }

    /// The ids of an edge's supporting documents, in canonical order.
    pub fn edge_documents<'v>(&'v self, edge: &'v ViewEdge) -> impl Iterator<Item = &'v str> {
        edge.documents.iter().filter_map(|&d| match &self.cx.graph.graph[d] {
            Node::Document(doc) => Some(doc.id.as_str()),
            _ => None,
        })
    }

    /// An edge's column values, absent ones left out, in [`EDGE_COLUMNS`] order.
    pub fn edge_values(&self, edge: &ViewEdge) -> Vec<(&'static Column, String)> {
        let mut values = Vec::new();
        if !edge.documents.is_empty() {
            values.push((&DOCUMENTS, self.edge_documents(edge).collect::<Vec<_>>().join(" ")));
        }
        values
    }
}

/// Which view of the graph to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Projection {
    /// The whole knowledge graph, directed: sources, documents, entities.
    #[default]
    Full,
    /// Entities only, undirected, joined by the number of documents that
    /// mention both.
    Comention,
}

/// The weight of a comention edge: the documents that mention both entities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comention {
    /// Document nodes, in canonical order.
    pub documents: Vec<NodeIndex>,
}

impl Comention {
    pub fn weight(&self) -> usize {
        self.documents.len()
    }
}

/// The comention projection: an undirected graph of the entities of `types`
/// (every type when `None`), whose node weights are the entities' indices in
/// the knowledge graph, and where two entities are joined when at least one
/// document mentions both (a `Mentions` edge to each). Entities of the chosen
/// types that share no document are kept as isolated nodes, so that degree
/// distributions and densities count them.
pub fn comention_graph(graph: &KnowledgeGraph, types: Option<&[EntityType]>) -> UnGraph<NodeIndex, Comention> {
    let keep = |t: EntityType| types.is_none_or(|ts| ts.contains(&t));
    let mut projection = UnGraph::default();
    let mut index = HashMap::new();
    for (node, entity) in graph.entities() {
        if keep(entity.etype) {
            index.insert(node, projection.add_node(node));
        }
    }
    let mut pairs: BTreeMap<(NodeIndex, NodeIndex), Vec<NodeIndex>> = BTreeMap::new();
    for (doc, _) in graph.documents() {
        let mut mentioned: Vec<NodeIndex> = graph
            .out_edges(doc)
            .into_iter()
            .filter(|(target, edge)| matches!(edge, Edge::Mentions(_)) && index.contains_key(target))
            .map(|(target, _)| target)
            .collect();
        mentioned.sort();
        mentioned.dedup();
        for (i, &a) in mentioned.iter().enumerate() {
            for &b in &mentioned[i + 1..] {
                pairs.entry((a, b)).or_default().push(doc);
            }
        }
    }
    for ((a, b), documents) in pairs {
        projection.add_edge(index[&a], index[&b], Comention { documents });
    }
    projection
}

/// Parses `Person,Organization` (as `--types` takes it) into entity types.
pub fn parse_types(list: &str) -> crate::Result<Vec<EntityType>> {
    list.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| {
            EntityType::parse(name).ok_or_else(|| {
                let known: Vec<&str> = EntityType::ALL.iter().map(|t| t.as_str()).collect();
                crate::Error::Usage(format!("unknown entity type {name:?} (known: {})", known.join(", ")))
            })
        })
        .collect()
}

/// What a view reads its nodes' columns from.
struct Context<'g> {
    graph: &'g KnowledgeGraph,
    base: &'g BaseIri,
}

/// Each document's node, by id.
type DocNodes<'g> = HashMap<&'g DocId, NodeIndex>;

impl<'g> Context<'g> {
    fn new(graph: &'g KnowledgeGraph, base: &'g BaseIri) -> Self {
        Context { graph, base }
    }

    fn doc_nodes(&self) -> DocNodes<'g> {
        self.graph.documents().map(|(i, d)| (&d.id, i)).collect()
    }

    /// The IRI the RDF exports give the node.
    fn iri(&self, node: &Node) -> String {
        let iri = match node {
            Node::Source(source) => vocab::mint(self.base, Kind::Source, &[&source.name]),
            Node::Document(doc) => vocab::mint(self.base, Kind::Document, &[&doc.id.0]),
            Node::Entity(entity) => vocab::entity_iri(self.base, &entity.key),
        };
        iri.into_string()
    }

    fn node_id(node: NodeIndex) -> String {
        format!("n{}", node.index())
    }

    /// The documents that support one edge of the knowledge graph.
    fn supporting_documents(doc_nodes: &DocNodes<'_>, from: NodeIndex, to: NodeIndex, edge: &Edge) -> Vec<NodeIndex> {
        match edge {
            Edge::Contains => vec![to],
            Edge::Mentions(_) | Edge::Speaker | Edge::DeliveredAt => vec![from],
            Edge::Affiliation => Vec::new(),
            Edge::Relation { evidence, .. } => evidence.iter().filter_map(|e| doc_nodes.get(&e.doc).copied()).collect(),
        }
    }

    /// Edge `number` of the full view: the graph's edges `members` (one
    /// relation between two nodes) merged, weights added, documents united.
    fn merged_edge(&self, number: usize, members: &[u32], doc_nodes: &DocNodes<'_>) -> ViewEdge {
        let edge_at = |e: u32| petgraph::graph::EdgeIndex::new(e as usize);
        let first = edge_at(members[0]);
        let (from, to) = self.graph.graph.edge_endpoints(first).expect("an edge of the graph");
        let mut weight = 0.0;
        let mut documents = Vec::new();
        for &e in members {
            let edge = &self.graph.graph[edge_at(e)];
            // Weights are small counts: adding them as doubles is exact.
            weight += edge.weight() as f64;
            documents.extend(Self::supporting_documents(doc_nodes, from, to, edge));
        }
        let documents = sorted_unique(documents);
        let start = self.earliest_date(&documents);
        ViewEdge { number, from, to, label: self.graph.graph[first].label(), weight, documents, start }
    }

    /// The earliest date of some documents.
    fn earliest_date(&self, docs: &[NodeIndex]) -> Option<PartialDate> {
        docs.iter().filter_map(|&d| self.graph.document_date(d)).min()
    }

    /// The node with its columns; `start` and `degree` are filled in later.
    fn node(&self, index: NodeIndex) -> ViewNode {
        let node = &self.graph.graph[index];
        let mut values: Vec<(&'static Column, String)> = vec![(&TYPE, NodeType::of(node).as_str().to_string())];
        let key = node.key();
        values.push((&KEY, key));
        values.push((&IRI, self.iri(node)));
        match node {
            Node::Source(_) => {}
            Node::Document(doc) => {
                if let Some(date) = doc.date {
                    values.push((&DATE, date.to_string()));
                }
                values.push((&KIND, doc.kind.as_str().to_string()));
                if let Some(place) = &doc.place {
                    values.push((&PLACE, place.clone()));
                }
            }
            Node::Entity(entity) => {
                if !entity.roles.is_empty() {
                    values.push((&ROLE, entity.roles.join("; ")));
                }
                let affiliations: Vec<&str> = self
                    .graph
                    .out_edges(index)
                    .into_iter()
                    .filter(|(_, edge)| matches!(edge, Edge::Affiliation))
                    .map(|(target, _)| self.graph.graph[target].label())
                    .collect();
                if !affiliations.is_empty() {
                    values.push((&AFFILIATION, affiliations.join("; ")));
                }
                if let Some(wikidata) = &entity.wikidata {
                    values.push((&WIKIDATA, wikidata.clone()));
                }
                let mentions: usize = self
                    .graph
                    .in_edges(index)
                    .into_iter()
                    .map(|(_, edge)| match edge {
                        Edge::Mentions(anchors) => anchors.len(),
                        _ => 0,
                    })
                    .sum();
                values.push((&MENTIONS, mentions.to_string()));
            }
        }
        values.sort_by_key(|(column, _)| NODE_COLUMNS.iter().position(|c| c == column));
        ViewNode {
            id: Self::node_id(index),
            label: node.label().to_string(),
            node_type: NodeType::of(node),
            values,
            start: None,
            degree: 0,
        }
    }
}

impl<'g> GephiView<'g> {
    /// The view `options` asks for.
    pub fn new(
        graph: &'g KnowledgeGraph,
        projection: Projection,
        types: Option<&[EntityType]>,
        base: &'g BaseIri,
    ) -> GephiView<'g> {
        match projection {
            Projection::Full => GephiView::full(graph, base),
            Projection::Comention => GephiView::comention(graph, types, base),
        }
    }

    /// The whole knowledge graph, directed. Parallel edges of one relation
    /// between two nodes are merged: weights added, documents united.
    /// Documents start at their date; an entity starts at the earliest date
    /// of the edges that reach it (the documents that mention it, name it as
    /// speaker or event, or state one of its relations), so that no dated
    /// edge starts before its ends; sources are always visible.
    pub fn full(graph: &'g KnowledgeGraph, base: &'g BaseIri) -> GephiView<'g> {
        let cx = Context::new(graph, base);
        let (order, runs) = merged_runs(graph);
        let places = graph.nodes().map(|(index, _)| NodePlace { index, start: graph.document_date(index), degree: 0 });
        let mut view = GephiView {
            directed: true,
            places: places.collect(),
            edges: ViewEdges::Merged { order, runs, doc_nodes: cx.doc_nodes() },
            cx,
        };
        let mut places = std::mem::take(&mut view.places);
        for edge in view.edges() {
            for end in [edge.from, edge.to] {
                let node = &mut places[end.index()];
                node.degree += 1;
                if matches!(graph.graph[end], Node::Entity(_)) {
                    node.start = earliest(node.start, edge.start);
                }
            }
        }
        view.places = places;
        view
    }

    /// The comention projection of [`comention_graph`], undirected. Entities
    /// start at the earliest date of the documents that mention them.
    pub fn comention(graph: &'g KnowledgeGraph, types: Option<&[EntityType]>, base: &'g BaseIri) -> GephiView<'g> {
        let cx = Context::new(graph, base);
        let projection = comention_graph(graph, types);
        let mut places: Vec<NodePlace> = projection
            .node_weights()
            .map(|&entity| {
                let mentioning: Vec<NodeIndex> = graph
                    .in_edges(entity)
                    .into_iter()
                    .filter(|(_, edge)| matches!(edge, Edge::Mentions(_)))
                    .map(|(doc, _)| doc)
                    .collect();
                NodePlace { index: entity, start: cx.earliest_date(&mentioning), degree: 0 }
            })
            .collect();
        let edges = projection
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = projection.edge_endpoints(e)?;
                let weight = &projection[e];
                places[a.index()].degree += 1;
                places[b.index()].degree += 1;
                let documents = sorted_unique(weight.documents.clone());
                let start = cx.earliest_date(&documents);
                Some(ViewEdge {
                    number: e.index(),
                    from: projection[a],
                    to: projection[b],
                    label: "comention",
                    weight: weight.weight() as f64,
                    documents,
                    start,
                })
            })
            .collect();
        GephiView { directed: false, places, edges: ViewEdges::Made(edges), cx }
    }
}

/// An XML attribute whose value went through [`sanitize`] and quick-xml's
/// escaping: the only way the Gephi writers put a value in an attribute.
pub fn attr<'a>(name: &'a str, value: &str) -> Attribute<'a> {
    let escaped = quick_xml::escape::escape(sanitize(value)).into_owned();
    Attribute { key: QName(name.as_bytes()), value: Cow::Owned(escaped.into_bytes()) }
}

/// XML text that went through [`sanitize`] and quick-xml's escaping: the only
/// way the Gephi writers put a value in element content.
pub fn text(value: &str) -> BytesText<'static> {
    BytesText::new(&sanitize(value)).into_owned()
}

/// A double as both formats print it: shortest round-trip form, with a `.`.
pub fn double(value: f64) -> String {
    format!("{value:?}")
}
