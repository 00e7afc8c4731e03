//! Counts the heap the per-source analyses hold (bytes and allocations),
//! then what resolve and the graph hold: a census, single-threaded, with a
//! counting wrapper around the system allocator.
//!
//! ```sh
//! cargo run --release --example heap_census target/bench-corpus/seed42-n10000
//! ```
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};

use diplograph::extract::Knowledge;
use diplograph::graph::KnowledgeGraph;

struct Counting;
static BYTES: AtomicIsize = AtomicIsize::new(0);
static BLOCKS: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = BYTES.fetch_add(layout.size() as isize, Relaxed) + layout.size() as isize;
        PEAK.fetch_max(now, Relaxed);
        BLOCKS.fetch_add(1, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        BYTES.fetch_sub(layout.size() as isize, Relaxed);
        BLOCKS.fetch_sub(1, Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let now = BYTES.fetch_add(new_size as isize - layout.size() as isize, Relaxed) + new_size as isize
            - layout.size() as isize;
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn report(stage: &str) {
    eprintln!(
        "{stage:<12} live {:>8.1} MB in {:>10} blocks; peak {:>8.1} MB",
        BYTES.load(Relaxed) as f64 / 1e6,
        BLOCKS.load(Relaxed),
        PEAK.load(Relaxed) as f64 / 1e6
    );
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: heap_census CORPUS_DIR");
    let knowledge = Knowledge::builtin().expect("the built-in lexicon and gazetteer load");
    report("knowledge");
    let (files, _) = diplograph::read::discover(&[dir.into()]);
    let analyses: Vec<_> = files
        .iter()
        .filter_map(|f| diplograph::read::read_file(f).ok())
        .map(|o| diplograph::pipeline::analyze_source(&o.source, &knowledge))
        .collect();
    report("analyses");
    census(&analyses);
    let extraction = diplograph::resolve::resolve(analyses, &knowledge);
    report("extraction");
    let graph = KnowledgeGraph::from_extraction(extraction);
    report("graph");
    graph_census(&graph);
    eprintln!("{} nodes, {} edges", graph.node_count(), graph.edge_count());
}

/// Bytes the analyses' records and strings hold (allocator overhead apart).
fn census(analyses: &[diplograph::pipeline::SourceAnalysis]) {
    use diplograph::pipeline::{DocAnalysis, LocatedMention, LocatedRelation};
    use std::mem::size_of;
    let (mut docs, mut doc_strings, mut mentions, mut relations, mut strings) = (0, 0, 0, 0, 0);
    let (mut n_docs, mut n_mentions, mut n_relations, mut n_strings) = (0, 0, 0, 0);
    for a in analyses {
        docs += a.docs.capacity() * size_of::<DocAnalysis>() + a.name.capacity();
        n_strings += a.texts.string_count();
        strings += a.texts.heap_bytes();
        for d in &a.docs {
            n_docs += 1;
            doc_strings += d.document.title.capacity()
                + d.document.source.capacity()
                + d.document.place.as_ref().map_or(0, |p| p.capacity())
                + d.document.id.0.len()
                + 16;
            docs += d.speakers.capacity() * 8;
            mentions += d.mentions.capacity() * size_of::<LocatedMention>();
            n_mentions += d.mentions.len();
            relations += d.relations.capacity() * size_of::<LocatedRelation>();
            n_relations += d.relations.len();
        }
    }
    let mb = |b: usize| b as f64 / 1e6;
    eprintln!("  {n_docs} documents: records {:.1} MB, their strings {:.1} MB", mb(docs), mb(doc_strings));
    eprintln!("  {n_mentions} mentions of {} B: {:.1} MB", size_of::<LocatedMention>(), mb(mentions));
    eprintln!("  {n_relations} relations of {} B: {:.1} MB", size_of::<LocatedRelation>(), mb(relations));
    eprintln!("  {n_strings} strings, roles, entry lists and sentences: {:.1} MB", mb(strings));
}

/// Bytes the graph's edges and texts hold (allocator overhead apart).
fn graph_census(graph: &KnowledgeGraph) {
    use diplograph::graph::{Edge, Node};
    use std::collections::HashSet;
    use std::mem::size_of;
    let mb = |b: usize| b as f64 / 1e6;
    let (mut anchors, mut n_anchors, mut evidence, mut n_evidence) = (0, 0, 0, 0);
    let (mut anchor_texts, mut sentence_texts) = (0, 0);
    let mut seen: HashSet<usize> = HashSet::new();
    for (_, _, _, edge) in graph.edges() {
        match edge {
            Edge::Mentions(list) => {
                anchors += list.len() * size_of::<diplograph::graph::Anchor>();
                n_anchors += list.len();
                for a in list {
                    if seen.insert(a.text.as_ptr() as usize) {
                        anchor_texts += a.text.len() + 16;
                    }
                }
            }
            Edge::Relation { evidence: list, .. } => {
                evidence += list.len() * size_of::<diplograph::model::Evidence>();
                n_evidence += list.len();
                for e in list {
                    if seen.insert(e.text.as_ptr() as usize) {
                        sentence_texts += e.text.len() + 16;
                    }
                }
            }
            _ => {}
        }
    }
    let mut node_strings = 0;
    for (_, node) in graph.nodes() {
        node_strings += match node {
            Node::Source(s) => s.name.capacity(),
            Node::Document(d) => {
                d.title.capacity()
                    + d.source.capacity()
                    + d.place.as_ref().map_or(0, |p| p.capacity())
                    + d.id.0.len()
                    + 16
            }
            Node::Entity(e) => {
                e.key.capacity() + e.label.capacity() + e.aliases.iter().map(|a| a.capacity() + 24).sum::<usize>()
            }
        };
    }
    eprintln!(
        "  {} nodes of {} B, their strings {:.1} MB; {} edges of {} B",
        graph.node_count(),
        size_of::<Node>(),
        mb(node_strings),
        graph.edge_count(),
        size_of::<Edge>()
    );
    eprintln!("  {n_anchors} anchors: {:.1} MB, their texts {:.1} MB", mb(anchors), mb(anchor_texts));
    eprintln!("  {n_evidence} evidence: {:.1} MB, their sentences {:.1} MB", mb(evidence), mb(sentence_texts));
}
