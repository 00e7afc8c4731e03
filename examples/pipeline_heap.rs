//! Runs the pipeline and the graph stage on a corpus, then stops: what a heap
//! profiler should see of the data `export` and `build` hold. Examples use
//! the system allocator (the `diplograph` binary's mimalloc is set in its
//! `main.rs`), which `heaptrack` can follow:
//!
//! ```sh
//! cargo build --release --example pipeline_heap
//! heaptrack target/release/examples/pipeline_heap target/bench-corpus/seed42-n10000
//! ```
use diplograph::extract::Knowledge;
use diplograph::graph::KnowledgeGraph;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: pipeline_heap CORPUS_DIR");
    let knowledge = Knowledge::builtin().expect("the built-in lexicon and gazetteer load");
    let (extraction, _) = diplograph::pipeline::run(&[dir.into()], &knowledge, None);
    let graph = KnowledgeGraph::from_extraction(extraction);
    eprintln!("{} nodes, {} edges", graph.node_count(), graph.edge_count());
}
