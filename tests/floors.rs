//! Regression guard: the extractor on the demo corpus, scored against the
//! human gold annotation, stays above the floors the project promises
//! (documents F1 >= 0.95; mentions F1 >= 0.90 overall and >= 0.80 per type;
//! relations F1 >= 0.60). A floor, not a ceiling.

use std::path::PathBuf;

use diplograph::extract::Knowledge;
use diplograph::graph::KnowledgeGraph;
use diplograph::model::EntityType;
use diplograph::{annotations, eval, pipeline};

#[test]
fn demo_corpus_scores_above_the_floors() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let knowledge = Knowledge::builtin().expect("built-in knowledge");
    let (extraction, report) = pipeline::run(&[root.join("data/corpus")], &knowledge, None);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let graph = KnowledgeGraph::build(&extraction);
    let gold = annotations::read(&root.join("data/gold/seeds.json")).expect("gold");
    let predicted = annotations::from_graph(&graph, &gold.corpus);
    let scores = eval::evaluate(&gold, &predicted);
    let mut table = Vec::new();
    scores.write_table(&mut table).unwrap();
    let table = String::from_utf8(table).unwrap();
    assert!(scores.documents.prf.f1 >= 0.95, "documents\n{table}");
    assert!(scores.mentions.overall.f1 >= 0.90, "mentions\n{table}");
    for etype in EntityType::ALL {
        let f1 = scores.mentions.by_type.get(etype.as_str()).map_or(0.0, |p| p.f1);
        assert!(f1 >= 0.80, "{etype} mentions\n{table}");
    }
    assert!(scores.relations.overall.f1 >= 0.60, "relations\n{table}");
}
