//! The graph stage: one petgraph graph of typed nodes and edges, built from a
//! resolved [`Extraction`]. Every exporter reads this graph and nothing else.
//!
//! Nodes are added in the extraction's canonical order (sources, then
//! documents, then entities) and edges in a fixed order too, so node and edge
//! indices, and therefore every export, are the same for the same corpus.

use std::collections::HashMap;
use std::sync::Arc;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::model::{
    DocId, DocKind, DocumentRecord, EntityId, EntityType, Evidence, Extraction, Mention, PartialDate, Predicate, Span,
};

#[derive(Debug, Clone)]
pub struct SourceNode {
    pub name: String,
    pub chars: usize,
}

#[derive(Debug, Clone)]
pub struct DocumentNode {
    pub id: DocId,
    pub source: String,
    pub kind: DocKind,
    pub title: String,
    pub span: Span,
    pub title_span: Span,
    pub date: Option<PartialDate>,
    pub place: Option<String>,
}

#[derive(Debug, Clone)]
pub struct EntityNode {
    pub key: String,
    pub etype: EntityType,
    pub label: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub wikidata: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Source(SourceNode),
    Document(DocumentNode),
    Entity(EntityNode),
}

impl Node {
    /// A stable, unique key for the node: the source name, the document id
    /// or the entity key, prefixed by what it is.
    pub fn key(&self) -> String {
        match self {
            Node::Source(s) => format!("source:{}", s.name),
            Node::Document(d) => format!("doc:{}", d.id),
            Node::Entity(e) => format!("entity:{}", e.key),
        }
    }

    /// The human-readable name: file name, document title or entity label.
    pub fn label(&self) -> &str {
        match self {
            Node::Source(s) => &s.name,
            Node::Document(d) => &d.title,
            Node::Entity(e) => &e.label,
        }
    }
}

/// What a document's node is joined to, kept from its record while the
/// entity nodes are added.
struct DocLinks {
    node: NodeIndex,
    source: Option<NodeIndex>,
    speakers: Vec<EntityId>,
    event: Option<EntityId>,
    mentions: Vec<Mention>,
}

/// One anchor of a mention: where in the source a document names an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub span: Span,
    pub text: Arc<str>,
}

#[derive(Debug, Clone)]
pub enum Edge {
    /// Source → Document: the file holds the document.
    Contains,
    /// Document → Entity: the document names the entity at these anchors
    /// (in text order, never empty).
    Mentions(Box<[Anchor]>),
    /// Document → Person: the person wrote or delivered it.
    Speaker,
    /// Document → Event: it was delivered at the event.
    DeliveredAt,
    /// Person → Country or Organization: whom the person speaks for.
    Affiliation,
    /// Entity → Entity: a relation of the gold schema, with the sentences
    /// that state it (never empty).
    Relation { predicate: Predicate, evidence: Box<[Evidence]> },
}

impl Edge {
    /// The edge's name as exporters print it.
    pub fn label(&self) -> &'static str {
        match self {
            Edge::Contains => "contains",
            Edge::Mentions(_) => "mentions",
            Edge::Speaker => "speaker",
            Edge::DeliveredAt => "deliveredAt",
            Edge::Affiliation => "affiliation",
            Edge::Relation { predicate, .. } => predicate.as_str(),
        }
    }

    /// How many mentions or sentences support the edge (1 for structural edges).
    pub fn weight(&self) -> usize {
        match self {
            Edge::Mentions(anchors) => anchors.len(),
            Edge::Relation { evidence, .. } => evidence.len(),
            _ => 1,
        }
    }
}

/// The knowledge graph of a corpus.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
}

impl KnowledgeGraph {
    /// Builds the graph from a resolved extraction.
    pub fn build(extraction: &Extraction) -> KnowledgeGraph {
        KnowledgeGraph::from_extraction(extraction.clone())
    }

    /// Builds the graph from a resolved extraction it consumes: its strings
    /// move into the graph instead of being copied, so a big corpus's graph
    /// is never held twice.
    pub fn from_extraction(extraction: Extraction) -> KnowledgeGraph {
        let Extraction { sources, documents, entities, relations } = extraction;
        // Sized once, not doubled as it fills: a mention edge per document
        // and entity it names, and the structural edges of each document
        // and entity.
        let nodes = sources.len() + documents.len() + entities.len();
        let edges = documents.iter().map(|d| 1 + d.speakers.len() + usize::from(d.event.is_some())).sum::<usize>()
            + mention_edge_count(&documents, entities.len())
            + entities.iter().filter(|e| e.affiliation.is_some()).count()
            + relations.len();
        let mut graph = DiGraph::with_capacity(nodes, edges);
        let mut source_nodes: HashMap<String, NodeIndex> = HashMap::with_capacity(sources.len());
        for source in sources {
            let node = graph.add_node(Node::Source(SourceNode { name: source.name.clone(), chars: source.chars }));
            source_nodes.insert(source.name, node);
        }
        let mut doc_links: Vec<DocLinks> = Vec::with_capacity(documents.len());
        for doc in documents {
            let source_node = source_nodes.get(&doc.source).copied();
            let node = graph.add_node(Node::Document(DocumentNode {
                id: doc.id.clone(),
                source: doc.source,
                kind: doc.kind,
                title: doc.title,
                span: doc.span,
                title_span: doc.title_span,
                date: doc.date,
                place: doc.place,
            }));
            doc_links.push(DocLinks {
                node,
                source: source_node,
                speakers: doc.speakers,
                event: doc.event,
                mentions: doc.mentions,
            });
        }
        let affiliations: Vec<Option<EntityId>> = entities.iter().map(|e| e.affiliation).collect();
        let entity_nodes: Vec<NodeIndex> = entities
            .into_iter()
            .map(|e| {
                graph.add_node(Node::Entity(EntityNode {
                    key: e.key,
                    etype: e.etype,
                    label: e.label,
                    aliases: e.aliases,
                    roles: e.roles,
                    wikidata: e.wikidata,
                }))
            })
            .collect();

        drop(source_nodes);
        for links in &doc_links {
            if let Some(source_node) = links.source {
                graph.add_edge(source_node, links.node, Edge::Contains);
            }
            for speaker in &links.speakers {
                graph.add_edge(links.node, entity_nodes[speaker.0], Edge::Speaker);
            }
            if let Some(event) = links.event {
                graph.add_edge(links.node, entity_nodes[event.0], Edge::DeliveredAt);
            }
        }

        // Each document's mentions (in text order) are grouped per entity in
        // order of first appearance and turned into edges, and freed, before
        // the next document's: only one document's anchors are ever held twice.
        let mut anchors: Vec<Vec<Anchor>> = std::iter::repeat_with(Vec::new).take(entity_nodes.len()).collect();
        let mut first_seen: Vec<usize> = Vec::new();
        for links in doc_links {
            for mention in links.mentions {
                let list = &mut anchors[mention.entity.0];
                if list.is_empty() {
                    first_seen.push(mention.entity.0);
                }
                list.push(Anchor { span: mention.span, text: mention.text });
            }
            add_mention_edges(&mut graph, links.node, &mut first_seen, &mut anchors, &entity_nodes);
        }

        for (index, affiliation) in affiliations.into_iter().enumerate() {
            if let Some(affiliation) = affiliation {
                graph.add_edge(entity_nodes[index], entity_nodes[affiliation.0], Edge::Affiliation);
            }
        }
        for relation in relations {
            graph.add_edge(
                entity_nodes[relation.subject.0],
                entity_nodes[relation.object.0],
                Edge::Relation { predicate: relation.predicate, evidence: relation.evidence.into_boxed_slice() },
            );
        }
        KnowledgeGraph { graph }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every node in index order (the canonical order).
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> {
        self.graph.node_indices().map(move |i| (i, &self.graph[i]))
    }

    /// Every edge in index order: (id, from, to, edge).
    pub fn edges(&self) -> impl Iterator<Item = (EdgeIndex, NodeIndex, NodeIndex, &Edge)> {
        self.graph.edge_references().map(|e| (e.id(), e.source(), e.target(), e.weight()))
    }

    pub fn sources(&self) -> impl Iterator<Item = (NodeIndex, &SourceNode)> {
        self.nodes().filter_map(|(i, n)| match n {
            Node::Source(s) => Some((i, s)),
            _ => None,
        })
    }

    pub fn documents(&self) -> impl Iterator<Item = (NodeIndex, &DocumentNode)> {
        self.nodes().filter_map(|(i, n)| match n {
            Node::Document(d) => Some((i, d)),
            _ => None,
        })
    }

    pub fn entities(&self) -> impl Iterator<Item = (NodeIndex, &EntityNode)> {
        self.nodes().filter_map(|(i, n)| match n {
            Node::Entity(e) => Some((i, e)),
            _ => None,
        })
    }

    /// Outgoing edges of a node, in index order.
    pub fn out_edges(&self, node: NodeIndex) -> Vec<(NodeIndex, &Edge)> {
        let mut edges: Vec<_> =
            self.graph.edges_directed(node, Direction::Outgoing).map(|e| (e.id(), e.target(), e.weight())).collect();
        edges.sort_by_key(|(id, _, _)| *id);
        edges.into_iter().map(|(_, target, edge)| (target, edge)).collect()
    }

    /// Incoming edges of a node, in index order.
    pub fn in_edges(&self, node: NodeIndex) -> Vec<(NodeIndex, &Edge)> {
        let mut edges: Vec<_> =
            self.graph.edges_directed(node, Direction::Incoming).map(|e| (e.id(), e.source(), e.weight())).collect();
        edges.sort_by_key(|(id, _, _)| *id);
        edges.into_iter().map(|(_, source, edge)| (source, edge)).collect()
    }

    /// The document node of a document id, if any.
    pub fn document_node(&self, id: &DocId) -> Option<NodeIndex> {
        self.documents().find(|(_, d)| &d.id == id).map(|(i, _)| i)
    }

    /// The date of the document a node belongs to (documents only).
    pub fn document_date(&self, node: NodeIndex) -> Option<PartialDate> {
        match &self.graph[node] {
            Node::Document(d) => d.date,
            _ => None,
        }
    }
}

/// How many entities each document's mentions name, summed: the mention
/// edges [`KnowledgeGraph::from_extraction`] makes of them.
fn mention_edge_count(documents: &[DocumentRecord], entities: usize) -> usize {
    // The last document that named each entity: a mention counts when its
    // entity was last named elsewhere.
    let mut last_named = vec![usize::MAX; entities];
    let mut count = 0;
    for (d, document) in documents.iter().enumerate() {
        for mention in &document.mentions {
            if std::mem::replace(&mut last_named[mention.entity.0], d) != d {
                count += 1;
            }
        }
    }
    count
}

/// One document's mention edges, in order of first appearance; the lists are
/// emptied for the next document.
fn add_mention_edges(
    graph: &mut DiGraph<Node, Edge>,
    doc_node: NodeIndex,
    first_seen: &mut Vec<usize>,
    anchors: &mut [Vec<Anchor>],
    entity_nodes: &[NodeIndex],
) {
    for entity in first_seen.drain(..) {
        let list = std::mem::take(&mut anchors[entity]);
        graph.add_edge(doc_node, entity_nodes[entity], Edge::Mentions(list.into_boxed_slice()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::small_extraction;

    /// (document id, entity label, anchor texts) of every mention edge, in edge order.
    fn mention_edges(graph: &KnowledgeGraph) -> Vec<(String, String, Vec<String>)> {
        graph
            .graph
            .edge_indices()
            .filter_map(|e| {
                let (from, to) = graph.graph.edge_endpoints(e)?;
                let Edge::Mentions(anchors) = &graph.graph[e] else { return None };
                let Node::Document(doc) = &graph.graph[from] else { return None };
                let texts = anchors.iter().map(|a| a.text.to_string()).collect();
                Some((doc.id.to_string(), graph.graph[to].label().to_string(), texts))
            })
            .collect()
    }

    #[test]
    fn a_documents_mentions_of_one_entity_are_one_edge_in_order_of_first_appearance() {
        let edges = mention_edges(&KnowledgeGraph::build(&small_extraction()));
        let doc1: Vec<_> = edges.iter().filter(|(d, _, _)| d == "fixture#1").collect();
        let labels: Vec<&str> = doc1.iter().map(|(_, l, _)| l.as_str()).collect();
        assert_eq!(labels[..3], ["Sergey Lavrov", "Russia", "OSCE"]);
        // "Sergey Lavrov" at 17 and "Lavrov" at 111: one edge, anchors in text order.
        assert_eq!(doc1[0].2, ["Sergey Lavrov", "Lavrov"]);
        assert_eq!(labels.iter().filter(|l| **l == "Sergey Lavrov").count(), 1);
        // Every mention is on exactly one edge.
        let extraction = small_extraction();
        let anchors: usize = edges.iter().map(|(_, _, a)| a.len()).sum();
        assert_eq!(anchors, extraction.mentions().count());
        // The count the graph's edges are reserved by is the edges it makes.
        assert!(edges.len() < extraction.mentions().count());
        let counted = mention_edge_count(&extraction.documents, extraction.entities.len());
        assert_eq!(counted, edges.len());
    }
}
