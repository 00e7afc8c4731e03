//! The gold annotation format of `shared/gold/SCHEMA.md`: reading a gold
//! file, and writing a graph in the same format so that it can be scored
//! against one.
//!
//! The types mirror the JSON field for field. Our own export adds optional
//! fields for traceability, left out when absent so that a gold file reads
//! as is and our output stays a valid gold file:
//! - on a document, `span` (`{start, end}`, character offsets of the document
//!   in its source) and `anchors` (`[{entity, start, end, text}]`, every
//!   mention with its character offsets, in text order);
//! - on a relation, `evidence` (`{start, end, text}`, the sentence it was
//!   read from).
//!
//! Unknown fields are refused, so that a misspelt field in a hand-written
//! gold file is an error rather than a silently empty value.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use petgraph::graph::NodeIndex;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::error::Error;
use crate::graph::{DocumentNode, Edge, EntityNode, KnowledgeGraph, Node};
use crate::model::{self, DocId, Predicate};

/// A whole annotation file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotations {
    pub corpus: String,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub relations: Vec<Relation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// `<file stem>#<n>`.
    pub id: String,
    /// The source file's name.
    pub source: String,
    /// `statement`, `remarks`, ..., `news-item`.
    pub kind: String,
    pub title: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    pub place: Option<String>,
    /// Entity labels.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// An entity label.
    pub event: Option<String>,
    /// Entity labels.
    #[serde(default)]
    pub mentions: Vec<String>,
    /// Ours: character span of the document in its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<CharSpan>,
    /// Ours: every mention, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<Anchor>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub label: String,
    /// `Person`, `Organization`, `Country`, `Event`, `Document`, `Proposal`.
    #[serde(rename = "type")]
    pub etype: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    /// An entity label.
    pub affiliation: Option<String>,
    pub wikidata: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Subject label.
    pub s: String,
    /// Predicate name (`proposed`, `submittedTo`, ...).
    pub p: String,
    /// Object label.
    pub o: String,
    /// The id of the document that states it.
    pub doc: String,
    /// Ours: the sentence it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// A half-open range of character offsets into a source's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

/// Where a document names an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// The entity's label.
    pub entity: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The sentence a relation was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Reads an annotation file. A syntax or shape error names the file and
/// gives serde_json's line and column.
pub fn read(path: &Path) -> Result<Annotations, Error> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    parse(&bytes).map_err(|e| json_error(path, &e))
}

fn parse(bytes: &[u8]) -> serde_json::Result<Annotations> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes)
}

fn json_error(path: &Path, err: &serde_json::Error) -> Error {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    Error::data(path, err.line(), format!("column {}: {message}", err.column()))
}

/// Writes annotations as pretty-printed JSON with a trailing newline. The
/// output depends only on `annotations`.
pub fn write(annotations: &Annotations, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, annotations)?;
    out.write_all(b"\n")
}

/// The annotations of a graph, in graph order.
///
/// Per document: `speakers` are the targets of its Speaker edges, `event`
/// the target of its DeliveredAt edge, `mentions` every entity it has a
/// Mentions edge to (in order of first anchor) followed by its speakers and
/// event where not already there; `anchors` every anchor in text order.
/// Relations: one entry per relation edge and distinct evidence document,
/// with that document's first evidence sentence.
pub fn from_graph(graph: &KnowledgeGraph, corpus: &str) -> Annotations {
    // Each document's entry is its own: made on every core, kept in graph order.
    let nodes: Vec<_> = graph.documents().collect();
    let documents = nodes.par_iter().map(|&(node, doc)| document_entry(graph, node, doc)).collect();
    let entities = graph.entities().map(|(node, entity)| entity_entry(graph, node, entity)).collect();
    let relations = statements(graph).map(|statement| relation_entry(graph, &statement)).collect();
    Annotations { corpus: corpus.to_string(), documents, entities, relations }
}

/// Writes the annotations of a graph as [`write`] writes [`from_graph`]'s,
/// byte for byte, without holding them whole: entries are made and
/// serialized in parallel batches and written in graph order. What `export
/// --format annotations` and `build` write.
pub fn write_graph(graph: &KnowledgeGraph, corpus: &str, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\n  \"corpus\": ")?;
    serde_json::to_writer(&mut *out, corpus)?;
    out.write_all(b",\n  \"documents\": ")?;
    let documents: Vec<_> = graph.documents().collect();
    write_list(out, &documents, |&(node, doc)| document_entry(graph, node, doc))?;
    out.write_all(b",\n  \"entities\": ")?;
    let entities: Vec<_> = graph.entities().collect();
    write_list(out, &entities, |&(node, entity)| entity_entry(graph, node, entity))?;
    out.write_all(b",\n  \"relations\": ")?;
    // One item per entry, not per relation: a relation stated in thousands
    // of documents would make a batch of thousands of entries.
    let statements: Vec<_> = statements(graph).collect();
    write_list(out, &statements, |statement| relation_entry(graph, statement))?;
    out.write_all(b"\n}\n")
}

/// How many entries [`write_list`] makes at once.
const ENTRIES_PER_BATCH: usize = 2048;

/// Writes a JSON array of the entry `make` gives for each item, as
/// serde_json's pretty printer writes it two levels deep.
///
/// Batches of entries are made on every core while this thread writes the
/// batch before: at 100,000 pages the 1.2 GB written take as long as their
/// making, and one no longer waits for the other.
fn write_list<T: Sync, E: Serialize>(
    out: &mut dyn Write,
    items: &[T],
    make: impl Fn(&T) -> E + Sync,
) -> io::Result<()> {
    let make = &make;
    // A run of entries, each after the separator that precedes it in the list.
    let serialize = |opens_list: bool, items: &[T]| -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        for (i, item) in items.iter().enumerate() {
            bytes.extend_from_slice(if opens_list && i == 0 { b"[\n    " } else { b",\n    " });
            make(item).serialize(&mut nested_pretty(&mut bytes))?;
        }
        Ok(bytes)
    };
    let batches = items.chunks(ENTRIES_PER_BATCH).enumerate().map(|(batch, items)| {
        let runs = items.par_chunks(ENTRIES_PER_RUN).enumerate();
        runs.map(|(run, items)| serialize(batch == 0 && run == 0, items)).collect::<Vec<_>>()
    });
    crate::output::pipelined(batches, |runs| runs.into_iter().try_for_each(|run| out.write_all(&run?)))?;
    out.write_all(if items.is_empty() { b"[]" } else { b"\n  ]" })
}

/// How many entries of a batch one core serializes into one buffer.
const ENTRIES_PER_RUN: usize = 64;

/// A serializer that prints a value as serde_json's pretty printer prints
/// it two levels deep (in a list of the top object): the printer is opened
/// twice into nothing first, so every line after the first is indented by
/// four more spaces than printed alone.
fn nested_pretty(out: &mut Vec<u8>) -> serde_json::Serializer<&mut Vec<u8>, PrettyFormatter<'static>> {
    let mut formatter = PrettyFormatter::new();
    for _ in 0..2 {
        formatter.begin_array(&mut io::sink()).expect("writing to a sink does not fail");
    }
    serde_json::Serializer::with_formatter(out, formatter)
}

/// A document's entry: speakers, event, mentions and anchors from its edges.
fn document_entry(graph: &KnowledgeGraph, node: NodeIndex, doc: &DocumentNode) -> Document {
    let label = |node: NodeIndex| graph.graph[node].label().to_string();
    let mut speakers = Vec::new();
    let mut event = None;
    // (first anchor, label) per mentioned entity.
    let mut mentioned: Vec<(usize, String)> = Vec::new();
    let mut anchors = Vec::new();
    for (target, edge) in graph.out_edges(node) {
        match edge {
            Edge::Speaker => speakers.push(label(target)),
            Edge::DeliveredAt => event = event.or_else(|| Some(label(target))),
            Edge::Mentions(list) => {
                let entity = label(target);
                let first = list.iter().map(|a| a.span.start).min().unwrap_or(usize::MAX);
                mentioned.push((first, entity.clone()));
                anchors.extend(list.iter().map(|a| Anchor {
                    entity: entity.clone(),
                    start: a.span.start,
                    end: a.span.end,
                    text: a.text.to_string(),
                }));
            }
            _ => {}
        }
    }
    mentioned.sort_by_key(|(first, _)| *first);
    let mut mentions: Vec<String> = mentioned.into_iter().map(|(_, l)| l).collect();
    for extra in speakers.iter().chain(&event) {
        if !mentions.contains(extra) {
            mentions.push(extra.clone());
        }
    }
    anchors.sort_by(|a, b| (a.start, a.end, &a.entity).cmp(&(b.start, b.end, &b.entity)));
    Document {
        id: doc.id.to_string(),
        source: doc.source.clone(),
        kind: doc.kind.as_str().to_string(),
        title: doc.title.clone(),
        date: doc.date.map(|d| d.to_string()),
        place: doc.place.clone(),
        speakers,
        event,
        mentions,
        span: Some(CharSpan { start: doc.span.start, end: doc.span.end }),
        anchors,
    }
}

/// An entity's entry; its affiliation by label.
fn entity_entry(graph: &KnowledgeGraph, node: NodeIndex, entity: &EntityNode) -> Entity {
    let affiliation = graph
        .out_edges(node)
        .into_iter()
        .find(|(_, edge)| matches!(edge, Edge::Affiliation))
        .map(|(target, _)| graph.graph[target].label().to_string());
    Entity {
        label: entity.label.clone(),
        etype: entity.etype.as_str().to_string(),
        aliases: entity.aliases.clone(),
        roles: entity.roles.clone(),
        affiliation,
        wikidata: entity.wikidata.clone(),
    }
}

/// A relation edge with one of its sentences: one entry of `relations`.
struct Statement<'a> {
    from: NodeIndex,
    to: NodeIndex,
    predicate: Predicate,
    sentence: &'a model::Evidence,
}

/// Per relation edge between entities (in graph order), and per document
/// stating it, the first sentence of that document that does.
fn statements(graph: &KnowledgeGraph) -> impl Iterator<Item = Statement<'_>> {
    let relations =
        graph.edges().filter_map(|(_, from, to, edge)| match (edge, &graph.graph[from], &graph.graph[to]) {
            (Edge::Relation { predicate, evidence }, Node::Entity(_), Node::Entity(_)) => {
                Some((from, to, *predicate, evidence))
            }
            _ => None,
        });
    relations.flat_map(|(from, to, predicate, evidence)| {
        let mut docs_seen: HashSet<&DocId> = HashSet::new();
        evidence.iter().filter(move |sentence| docs_seen.insert(&sentence.doc)).map(move |sentence| Statement {
            from,
            to,
            predicate,
            sentence,
        })
    })
}

fn relation_entry(graph: &KnowledgeGraph, statement: &Statement) -> Relation {
    let label = |node: NodeIndex| graph.graph[node].label().to_string();
    let sentence = statement.sentence;
    Relation {
        s: label(statement.from),
        p: statement.predicate.as_str().to_string(),
        o: label(statement.to),
        doc: sentence.doc.to_string(),
        evidence: Some(Evidence {
            start: sentence.span.start,
            end: sentence.span.end,
            text: sentence.text.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/gold/seeds.json");

    #[test]
    fn a_list_of_several_batches_is_written_in_order_as_serde_json_prints_it() {
        let items: Vec<usize> = (0..ENTRIES_PER_BATCH * 3 + 5).collect();
        let entry = |&n: &usize| serde_json::json!({ "n": n, "pair": [n, n + 1] });
        let mut written = b"{\n  \"items\": ".to_vec();
        write_list(&mut written, &items, entry).unwrap();
        written.extend_from_slice(b"\n}");
        let whole = serde_json::json!({ "items": items.iter().map(entry).collect::<Vec<_>>() });
        assert_eq!(String::from_utf8(written).unwrap(), serde_json::to_string_pretty(&whole).unwrap());
        let mut empty = Vec::new();
        write_list(&mut empty, &[] as &[usize], entry).unwrap();
        assert_eq!(empty, b"[]");
    }

    #[test]
    fn a_write_error_stops_the_list_and_is_returned() {
        /// Takes `room` bytes, then fails.
        struct Full {
            room: usize,
        }
        impl Write for Full {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                if self.room < buf.len() {
                    return Err(io::Error::other("disk full"));
                }
                self.room -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let items: Vec<usize> = (0..ENTRIES_PER_BATCH * 8).collect();
        let error = write_list(&mut Full { room: 100_000 }, &items, |n| *n).unwrap_err();
        assert_eq!(error.to_string(), "disk full");
    }

    fn fixture() -> Annotations {
        from_graph(&KnowledgeGraph::build(&fixtures::small_extraction()), "fixture")
    }

    fn to_string(annotations: &Annotations) -> String {
        let mut out = Vec::new();
        write(annotations, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_seed_gold_file_reads() {
        let gold = read(Path::new(SEEDS)).unwrap();
        assert_eq!(gold.corpus, "seeds");
        assert_eq!((gold.documents.len(), gold.entities.len(), gold.relations.len()), (35, 154, 105));
        assert_eq!(gold.documents[0].id, "000_27a91804926afa00#1");
        assert_eq!(gold.documents[0].span, None);
        assert!(gold.documents[0].anchors.is_empty());
        assert_eq!(gold.entities[0].affiliation.as_deref(), Some("Russia"));
        assert_eq!(gold.relations[0].evidence, None);
        // Our writer prints a gold file exactly as it was written.
        assert_eq!(to_string(&gold), fs::read_to_string(SEEDS).unwrap());
    }

    #[test]
    fn a_gold_document_reads_and_writes_back_unchanged() {
        let json = r#"{
  "corpus": "c",
  "documents": [
    {
      "id": "a#1",
      "source": "a.txt",
      "kind": "statement",
      "title": "Statement",
      "date": null,
      "place": "Geneva",
      "speakers": [],
      "event": null,
      "mentions": [
        "Russia"
      ]
    }
  ],
  "entities": [
    {
      "label": "Russia",
      "type": "Country",
      "aliases": [
        "Russia"
      ],
      "roles": [],
      "affiliation": null,
      "wikidata": "Q159"
    }
  ],
  "relations": [
    {
      "s": "Russia",
      "p": "memberOf",
      "o": "OSCE",
      "doc": "a#1"
    }
  ]
}
"#;
        let parsed = parse(json.as_bytes()).unwrap();
        assert_eq!(parsed.entities[0].etype, "Country");
        assert_eq!(to_string(&parsed), json);
    }

    #[test]
    fn read_errors_name_the_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.json");
        fs::write(&path, "{\n  \"corpus\": \"c\",\n  \"documents\": [{\"id\": 1}]\n}").unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("bad.json:3: column"), "{err}");
        assert!(err.contains("invalid type"), "{err}");

        fs::write(&path, "{\"corpus\": \"c\", \"document\": []}").unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("unknown field `document`"), "{err}");

        let err = read(&dir.path().join("missing.json")).unwrap_err().to_string();
        assert!(err.contains("missing.json"), "{err}");
    }

    #[test]
    fn from_graph_maps_the_fixture() {
        let a = fixture();
        assert_eq!(a.corpus, "fixture");
        assert_eq!((a.documents.len(), a.entities.len(), a.relations.len()), (2, 5, 4));

        let doc = &a.documents[0];
        assert_eq!(doc.id, "fixture#1");
        assert_eq!(doc.source, "fixture.txt");
        assert_eq!(doc.kind, "remarks");
        assert_eq!(doc.date.as_deref(), Some("2019-12-05"));
        assert_eq!(doc.place.as_deref(), Some("Bratislava"));
        assert_eq!(doc.speakers, ["Sergey Lavrov"]);
        assert_eq!(doc.event.as_deref(), Some("Встреча в Вене"));
        // Mentioned entities in order of first anchor, then the event (not mentioned in the body).
        assert_eq!(
            doc.mentions,
            ["Sergey Lavrov", "Russia", "OSCE", "\"Peaceful\" <Cyber> plan & co\u{1}", "Встреча в Вене"]
        );
        assert_eq!(doc.span, Some(CharSpan { start: 0, end: 120 }));
        let anchors: Vec<(&str, usize)> = doc.anchors.iter().map(|x| (x.entity.as_str(), x.start)).collect();
        assert_eq!(
            anchors,
            [
                ("Sergey Lavrov", 17),
                ("Russia", 70),
                ("OSCE", 80),
                ("\"Peaceful\" <Cyber> plan & co\u{1}", 90),
                ("Sergey Lavrov", 111)
            ]
        );
        assert_eq!(doc.anchors[4].text, "Lavrov");

        let doc2 = &a.documents[1];
        assert_eq!(
            (doc2.kind.as_str(), doc2.date.as_deref(), doc2.place.as_deref()),
            ("news-item", Some("2020-01"), None)
        );
        assert_eq!(doc2.event, None);
        assert_eq!(doc2.mentions, ["Встреча в Вене", "OSCE"]);

        let lavrov = &a.entities[0];
        assert_eq!((lavrov.label.as_str(), lavrov.etype.as_str()), ("Sergey Lavrov", "Person"));
        assert_eq!(lavrov.affiliation.as_deref(), Some("Russia"));
        assert_eq!(lavrov.roles, ["Foreign Minister"]);
        assert_eq!(a.entities[1].wikidata.as_deref(), Some("Q159"));
        assert_eq!(a.entities[1].affiliation, None);

        let triples: Vec<(&str, &str, &str, &str)> =
            a.relations.iter().map(|r| (r.s.as_str(), r.p.as_str(), r.o.as_str(), r.doc.as_str())).collect();
        assert_eq!(
            triples,
            [
                ("Sergey Lavrov", "proposed", "\"Peaceful\" <Cyber> plan & co\u{1}", "fixture#1"),
                ("Sergey Lavrov", "represents", "Russia", "fixture#1"),
                ("Встреча в Вене", "partOf", "OSCE", "fixture#1"),
                ("Встреча в Вене", "partOf", "OSCE", "fixture#2"),
            ]
        );
        assert_eq!(a.relations[3].evidence.as_ref().map(|e| e.text.as_str()), Some("The OSCE met in Vienna."));
    }

    #[test]
    fn written_annotations_read_back_equal_and_are_deterministic() {
        let first = to_string(&fixture());
        let second = to_string(&fixture());
        assert_eq!(first, second);
        assert!(first.ends_with("}\n"));
        assert!(first.contains("\\u0001"), "control characters are escaped");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, &first).unwrap();
        assert_eq!(read(&path).unwrap(), fixture());
    }
}
