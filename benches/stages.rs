//! Criterion benchmarks of each stage on a generated corpus held in memory
//! (300 pages by default; `DIPLOGRAPH_BENCH_PAGES=N` changes it). Every
//! stage reports throughput in bytes of corpus (the files as written), so
//! their MB/s compare directly:
//!
//! ```sh
//! cargo bench --bench stages                 # all stages
//! cargo bench --bench stages -- extract      # one
//! ```
//!
//! - `read`: `read::read_file` on every file (disk in the page cache, HTML to text);
//! - `segment`: `segment::segment` on every source;
//! - `extract`: tokenizing and `extract::extract` on every segmented document;
//! - `relate`: `relate::relate` on every document's findings;
//! - `analyze`: `pipeline::analyze_source` (segment + extract + relate), what
//!   each thread runs per file;
//! - `resolve`: `resolve::resolve` on the whole corpus's analyses;
//! - `graph`: `KnowledgeGraph::build`;
//! - `write/<format>`: each writer `build` runs, into memory.

#[path = "support/gen.rs"]
mod gen;

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use diplograph::export::{self, Format};
use diplograph::extract::{self, DocText, Knowledge};
use diplograph::graph::KnowledgeGraph;
use diplograph::model::Source;
use diplograph::pipeline::{self, SourceAnalysis};
use diplograph::read::{self, InputFile};
use diplograph::{relate, resolve, segment};

struct Corpus {
    _dir: tempfile::TempDir,
    files: Vec<InputFile>,
    bytes: u64,
    sources: Vec<Source>,
    knowledge: Knowledge,
}

fn corpus() -> Corpus {
    let pages = std::env::var("DIPLOGRAPH_BENCH_PAGES").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let dir = tempfile::tempdir().expect("temporary directory");
    let stats = gen::Generator::new(42).write_corpus(dir.path(), pages).expect("corpus written");
    let (files, _) = read::discover(&[PathBuf::from(dir.path())]);
    let sources = files.iter().map(|f| read::read_file(f).expect("readable").source).collect();
    Corpus { _dir: dir, files, bytes: stats.bytes, sources, knowledge: Knowledge::builtin().expect("knowledge") }
}

fn stages(c: &mut Criterion) {
    let corpus = corpus();
    let k = &corpus.knowledge;
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(corpus.bytes));
    group.sample_size(10);

    group.bench_function("read", |b| {
        b.iter(|| corpus.files.iter().map(|f| read::read_file(f).expect("readable").source.text.len()).sum::<usize>())
    });
    group.bench_function("segment", |b| {
        b.iter(|| corpus.sources.iter().map(|s| segment::segment(s, &k.lexicon, &k.gazetteer).len()).sum::<usize>())
    });
    let documents: Vec<_> = corpus.sources.iter().map(|s| segment::segment(s, &k.lexicon, &k.gazetteer)).collect();
    group.bench_function("extract", |b| {
        b.iter(|| {
            let mut mentions = 0;
            for (source, docs) in corpus.sources.iter().zip(&documents) {
                for document in docs {
                    let mut doc = DocText::new(&source.text, document, &k.lexicon);
                    mentions += extract::extract(&source.text, &mut doc, k).mentions.len();
                }
            }
            mentions
        })
    });
    let mut texts = Vec::new();
    for (source, docs) in corpus.sources.iter().zip(&documents) {
        for document in docs {
            let mut doc = DocText::new(&source.text, document, &k.lexicon);
            let findings = extract::extract(&source.text, &mut doc, k);
            texts.push((doc, findings));
        }
    }
    group.bench_function("relate", |b| {
        b.iter(|| texts.iter().map(|(doc, findings)| relate::relate(doc, findings, k, None).len()).sum::<usize>())
    });
    group.bench_function("analyze", |b| {
        b.iter(|| corpus.sources.iter().map(|s| pipeline::analyze_source(s, k).docs.len()).sum::<usize>())
    });
    let analyses: Vec<SourceAnalysis> = corpus.sources.iter().map(|s| pipeline::analyze_source(s, k)).collect();
    group.bench_function("resolve", |b| {
        b.iter_batched(|| analyses.clone(), |a| resolve::resolve(a, k).entities.len(), BatchSize::LargeInput)
    });
    let extraction = resolve::resolve(analyses.clone(), k);
    group.bench_function("graph", |b| b.iter(|| KnowledgeGraph::build(&extraction).node_count()));
    let graph = KnowledgeGraph::build(&extraction);
    let options = export::Options::default();
    let mut out = Vec::new();
    for (name, format) in [
        ("annotations", Format::Annotations),
        ("nquads", Format::Nquads),
        ("trig", Format::Trig),
        ("turtle", Format::Turtle),
        ("graphml", Format::Graphml),
        ("gexf", Format::Gexf),
    ] {
        group.bench_function(format!("write/{name}"), |b| {
            b.iter(|| {
                out.clear();
                export::write(&graph, format, &options, &mut out).expect("written");
                out.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
