//! RDF export, ontology and SPARQL store, on the fixture extraction.
//!
//! The saved queries of `queries/` are tests as data: each `.rq` file has its
//! expected answer on the fixture in `queries/tests/fixture.toml` and on the
//! demo corpus in `queries/tests/corpus.toml`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use assert_cmd::Command;
use diplograph::export::rdf;
use diplograph::graph::KnowledgeGraph;
use diplograph::model::*;
use diplograph::store;
use diplograph::vocab::{self, BaseIri};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf as rdfv;
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::sparql::QueryResults;

const SYNTAXES: [&str; 6] = ["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"];

fn fixture() -> KnowledgeGraph {
    KnowledgeGraph::build(&diplograph::fixtures::small_extraction())
}

/// The fixture plus what the competency questions need to find something:
/// an OEWG session Lavrov spoke at, a co-sponsor, a supporter, an opponent.
fn rich_fixture() -> KnowledgeGraph {
    let mut x = diplograph::fixtures::small_extraction();
    let entity = |key: &str, etype, label: &str, aliases: &[&str]| Entity {
        key: key.to_string(),
        etype,
        label: label.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        roles: Vec::new(),
        affiliation: None,
        wikidata: None,
    };
    x.entities.push(entity(
        "Organization/UN Open-ended Working Group",
        EntityType::Organization,
        "UN Open-ended Working Group",
        &["OEWG", "UN Open-ended Working Group"],
    ));
    x.entities.push(entity("Event/First session of the OEWG", EntityType::Event, "First session of the OEWG", &[]));
    x.entities.push(entity("Document/Resolution 73/27", EntityType::Document, "Resolution 73/27", &[]));
    let doc2 = DocId::new("fixture", 2);
    x.documents[1].speakers = vec![EntityId(0)];
    x.documents[1].event = Some(EntityId(6));
    let evidence =
        |start, end, text: &str| vec![Evidence { doc: doc2.clone(), span: Span { start, end }, text: text.into() }];
    let relation = |s, p, o, ev| Relation { subject: EntityId(s), predicate: p, object: EntityId(o), evidence: ev };
    x.relations.extend([
        relation(6, Predicate::PartOf, 5, evidence(136, 160, "The session of the OEWG.")),
        relation(1, Predicate::Cosponsored, 3, evidence(160, 180, "Russia co-sponsored it.")),
        relation(2, Predicate::Supported, 3, evidence(180, 190, "The OSCE backed it.")),
        relation(1, Predicate::Opposed, 7, evidence(190, 200, "Russia opposed 73/27.")),
    ]);
    x.documents[1].mentions.push(Mention {
        span: Span { start: 160, end: 166 },
        text: "Russia".into(),
        entity: EntityId(1),
    });
    KnowledgeGraph::build(&x)
}

fn export(graph: &KnowledgeGraph, syntax: &str) -> Vec<u8> {
    let format = rdf::format_by_name(syntax).expect("known syntax");
    let mut out = Vec::new();
    rdf::write_dataset(graph, format, &BaseIri::default(), &mut out).expect("export");
    out
}

fn parse(bytes: &[u8], format: RdfFormat) -> Vec<Quad> {
    RdfParser::from_format(format).for_slice(bytes).collect::<Result<_, _>>().expect("output parses")
}

#[test]
fn every_syntax_reads_back_as_the_same_dataset() {
    let graph = fixture();
    let quads = rdf::dataset(&graph, &BaseIri::default()).unwrap();
    let dataset: BTreeSet<String> = quads.iter().map(|q| q.to_string()).collect();
    let union: BTreeSet<String> = quads.iter().map(|q| Triple::from(q.clone()).to_string()).collect();
    assert!(quads.iter().any(|q| q.graph_name == GraphName::NamedNode(vocab::ONTOLOGY.into_owned())));
    for syntax in SYNTAXES {
        let format = rdf::format_by_name(syntax).unwrap();
        let back = parse(&export(&graph, syntax), format);
        if format.supports_datasets() {
            let back: BTreeSet<String> = back.iter().map(|q| q.to_string()).collect();
            assert_eq!(back, dataset, "{syntax}");
        } else {
            let back: BTreeSet<String> = back.iter().map(|q| Triple::from(q.clone()).to_string()).collect();
            assert_eq!(back, union, "{syntax}");
        }
    }
}

#[test]
fn streamed_nquads_and_trig_are_the_sorted_dataset_serialized_whole() {
    // The streamed writer sorts each graph by ranks of its terms; the whole
    // dataset is sorted by the terms' written forms. Same order, same bytes.
    for graph in [fixture(), rich_fixture()] {
        let dataset = rdf::dataset(&graph, &BaseIri::default()).unwrap();
        for format in [RdfFormat::NQuads, RdfFormat::TriG] {
            let mut whole = Vec::new();
            rdf::write_quads(&dataset, format, &mut whole).unwrap();
            let mut streamed = Vec::new();
            rdf::write_dataset(&graph, format, &BaseIri::default(), &mut streamed).unwrap();
            assert_eq!(String::from_utf8(streamed).unwrap(), String::from_utf8(whole).unwrap(), "{format}");
        }
    }
}

#[test]
fn exports_are_byte_identical() {
    for syntax in SYNTAXES {
        assert_eq!(export(&fixture(), syntax), export(&fixture(), syntax), "{syntax}");
    }
}

#[test]
fn one_named_graph_per_source_and_one_for_the_ontology() {
    let quads = rdf::dataset(&fixture(), &BaseIri::default()).unwrap();
    let graphs: BTreeSet<String> = quads.iter().map(|q| q.graph_name.to_string()).collect();
    assert_eq!(
        graphs,
        BTreeSet::from([
            "<https://w3id.org/diplograph/id/graph/fixture.txt>".to_string(),
            "<https://w3id.org/diplograph/ontology>".to_string(),
        ])
    );
}

#[test]
fn instance_iris_live_under_the_base() {
    let base = BaseIri::parse("http://example.org/kg/").unwrap();
    let quads = rdf::graph_quads(&fixture(), &base);
    for quad in &quads {
        let NamedOrBlankNode::NamedNode(subject) = &quad.subject else { panic!("blank subject {quad}") };
        assert!(subject.as_str().starts_with("http://example.org/kg/"), "{quad}");
    }
}

#[test]
fn control_characters_are_replaced_one_for_one_in_literals() {
    let nt = String::from_utf8(export(&fixture(), "ntriples")).unwrap();
    assert!(nt.contains("\"\\\"Peaceful\\\" <Cyber> plan & co\u{FFFD}\""), "label kept, control char replaced");
    let xml = String::from_utf8(export(&fixture(), "rdfxml")).unwrap();
    assert!(!xml.contains('\u{1}'));
}

/// Terms the ontology declares: subjects typed as a class or property.
fn declared_terms() -> BTreeSet<String> {
    let kinds = ["Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "Ontology"];
    rdf::ontology_quads()
        .unwrap()
        .into_iter()
        .filter(|q| q.predicate == rdfv::TYPE)
        .filter(|q| matches!(&q.object, Term::NamedNode(n) if kinds.iter().any(|k| n.as_str() == format!("http://www.w3.org/2002/07/owl#{k}"))))
        .map(|q| match q.subject {
            NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
            other => panic!("blank node {other} in the ontology"),
        })
        .collect()
}

/// Every predicate and every class (object of rdf:type) in the given quads
/// is declared by the ontology, or is an RDF/RDFS/OWL built-in.
fn check_declared(quads: &[Quad]) {
    let declared = declared_terms();
    let builtin = |iri: &str| {
        [
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "http://www.w3.org/2000/01/rdf-schema#",
            "http://www.w3.org/2002/07/owl#",
        ]
        .iter()
        .any(|ns| iri.starts_with(ns))
    };
    let mut missing = BTreeSet::new();
    for quad in quads.iter().filter(|q| q.graph_name != GraphName::NamedNode(vocab::ONTOLOGY.into_owned())) {
        let mut used = vec![quad.predicate.as_str().to_string()];
        if let (true, Term::NamedNode(class)) = (quad.predicate == rdfv::TYPE, &quad.object) {
            used.push(class.as_str().to_string());
        }
        for iri in used {
            if !builtin(&iri) && !declared.contains(&iri) {
                missing.insert(iri);
            }
        }
    }
    assert!(missing.is_empty(), "written but not declared in ontology/diplograph.ttl: {missing:?}");
}

#[test]
fn the_ontology_declares_every_iri_the_exporter_writes() {
    check_declared(&rdf::dataset(&rich_fixture(), &BaseIri::default()).unwrap());
}

#[test]
fn every_ontology_term_is_described() {
    let quads = rdf::ontology_quads().unwrap();
    let with = |predicate: &str| -> BTreeSet<String> {
        quads.iter().filter(|q| q.predicate.as_str() == predicate).map(|q| q.subject.to_string()).collect()
    };
    let labelled = with("http://www.w3.org/2000/01/rdf-schema#label");
    let commented = with("http://www.w3.org/2000/01/rdf-schema#comment");
    let declared = declared_terms();
    for term in vocab::dg::ALL {
        assert!(declared.contains(term.as_str()), "{term} not declared");
        assert!(labelled.contains(&term.to_string()), "{term} has no rdfs:label");
        assert!(commented.contains(&term.to_string()), "{term} has no rdfs:comment");
    }
    for module in [
        vocab::foaf::ALL,
        vocab::org::ALL,
        vocab::dcterms::ALL,
        vocab::prov::ALL,
        vocab::nif::ALL,
        vocab::itsrdf::ALL,
        vocab::skos::ALL,
    ] {
        for term in module {
            assert!(declared.contains(term.as_str()), "{term} not declared");
        }
    }
    for predicate in Predicate::ALL {
        assert_eq!(vocab::dg::relation(predicate).as_str(), format!("{}{}", vocab::DG_NS, predicate.as_str()));
    }
}

#[test]
fn a_build_directory_loads_into_the_same_store() {
    let graph = fixture();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("graph.nq"), export(&graph, "nquads")).unwrap();
    let mut ontology = Vec::new();
    rdf::write_ontology(&mut ontology).unwrap();
    std::fs::write(dir.path().join("ontology.ttl"), ontology).unwrap();
    let from_dir = store::from_dir(dir.path()).unwrap();
    let from_graph = store::from_graph(&graph, &BaseIri::default()).unwrap();
    assert_eq!(from_dir.len().unwrap(), from_graph.len().unwrap());
}

#[test]
fn a_malformed_query_reports_line_and_column() {
    let err = store::prepare("SELECT ?x\nWHERE { ?x ?y }", "bad.rq").err().expect("syntax error");
    let message = err.to_string();
    assert!(message.starts_with("bad.rq: SPARQL syntax error: error at 2:"), "{message}");
}

#[test]
fn the_query_command_fails_with_exit_code_2_on_a_malformed_query() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("graph.nq"), export(&fixture(), "nquads")).unwrap();
    Command::cargo_bin("diplograph")
        .unwrap()
        .args(["query", "-d"])
        .arg(dir.path())
        .arg("SELECT ?x WHERE { ?x ?y }")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("SPARQL syntax error: error at 1:"));
    Command::cargo_bin("diplograph")
        .unwrap()
        .args(["query", "-d"])
        .arg(dir.path())
        .arg("SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/diplograph/ontology#Mention> }")
        .args(["--results", "csv"])
        .assert()
        .success()
        .stdout("n\r\n7\r\n");
}

#[test]
fn the_query_command_prints_an_aligned_table() {
    let mut out = Vec::new();
    let query = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?e ?label WHERE { ?e skos:prefLabel ?label } ORDER BY ?label LIMIT 2";
    store::query_graph(&fixture(), query, "<query>", &store::QueryOptions::default(), &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        concat!(
            "?e                                                                | ?label\n",
            "------------------------------------------------------------------+------------------------------\n",
            "id:entity/Proposal/%22Peaceful%22%20%3CCyber%3E%20plan%20%26%20co | \"Peaceful\" <Cyber> plan & co\u{FFFD}\n",
            "id:role/Foreign%20Minister                                        | Foreign Minister\n",
            "(2 rows)\n"
        )
    );
}

/// A GROUP_CONCAT cell with its parts sorted: SPARQL leaves their order open.
fn concat_sorted(cell: &str) -> String {
    for separator in [" | ", "; "] {
        if cell.contains(separator) {
            let mut parts: Vec<&str> = cell.split(separator).collect();
            parts.sort();
            return parts.join(separator);
        }
    }
    cell.to_string()
}

/// The answer of a query as strings: table cells for SELECT, `true`/`false`
/// for ASK, the number of triples for CONSTRUCT/DESCRIBE.
fn answer(store: &oxigraph::store::Store, query: &str, origin: &str) -> toml::Value {
    let base = vocab::DEFAULT_BASE_IRI;
    match store::evaluate(store, query, origin).unwrap() {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows = solutions
                .map(|s| {
                    let s = s.unwrap();
                    toml::Value::Array(
                        variables
                            .iter()
                            .map(|v| {
                                toml::Value::String(
                                    s.get(v).map(|t| concat_sorted(&store::cell(t, base))).unwrap_or_default(),
                                )
                            })
                            .collect(),
                    )
                })
                .collect();
            toml::Value::Array(rows)
        }
        QueryResults::Boolean(b) => toml::Value::Boolean(b),
        QueryResults::Graph(triples) => toml::Value::Integer(triples.count() as i64),
    }
}

/// The saved queries of `queries/`, as (name, path, text), sorted by name.
fn saved_queries() -> Vec<(String, std::path::PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "rq"));
    files.sort();
    assert!(files.len() >= 12, "at least 12 competency questions");
    files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.starts_with("# "), "{name}: starts with a comment saying what it answers");
            (name, path, text)
        })
        .collect()
}

fn expectations(file: &str) -> BTreeMap<String, toml::Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/tests").join(file);
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Whether `got` meets `want`: equal, or, when `want` is a table, the row
/// count it gives (`rows`), the rows it must contain (`contains`), the ASK
/// `answer` or the CONSTRUCT `triples`.
fn meets(got: &toml::Value, want: &toml::Value) -> Result<(), String> {
    let Some(spec) = want.as_table() else {
        return if got == want { Ok(()) } else { Err(format!("want {want}\n  got  {got}")) };
    };
    let mut problems = Vec::new();
    for (key, value) in spec {
        match (key.as_str(), got) {
            ("answer" | "triples", _) if got != value => problems.push(format!("{key}: want {value}, got {got}")),
            ("answer" | "triples", _) => {}
            ("rows", toml::Value::Array(rows)) if Some(rows.len() as i64) != value.as_integer() => {
                problems.push(format!("rows: want {value}, got {}", rows.len()))
            }
            ("rows", toml::Value::Array(_)) => {}
            ("contains", toml::Value::Array(rows)) => {
                for row in value.as_array().expect("contains is a list of rows") {
                    if !rows.contains(row) {
                        problems.push(format!("missing row {row}"));
                    }
                }
            }
            _ => problems.push(format!("{key} does not apply to the answer {got}")),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n  got {got}", problems.join("\n  ")))
    }
}

fn check_queries(store: &oxigraph::store::Store, expected_file: &str) {
    let expected = expectations(expected_file);
    let mut failures = Vec::new();
    for (name, path, text) in saved_queries() {
        let got = answer(store, &text, &path.display().to_string());
        match expected.get(&name).map(|want| meets(&got, want)) {
            None => failures.push(format!("{name}: no expected answer in {expected_file}; got\n{name} = {got}")),
            Some(Err(problem)) => failures.push(format!("{name}:\n  {problem}")),
            Some(Ok(())) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The graph of the demo corpus, built once for the tests that read it.
fn demo_graph() -> &'static KnowledgeGraph {
    static GRAPH: std::sync::OnceLock<KnowledgeGraph> = std::sync::OnceLock::new();
    GRAPH.get_or_init(|| {
        let knowledge = diplograph::extract::Knowledge::builtin().expect("built-in knowledge");
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
        let (graph, report) = diplograph::pipeline::graph_of(&[corpus], &knowledge);
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        graph
    })
}

#[test]
fn every_saved_query_gives_its_answer_on_the_demo_corpus() {
    let store = store::from_graph(demo_graph(), &BaseIri::default()).unwrap();
    check_queries(&store, "corpus.toml");
}

#[test]
fn the_ontology_declares_every_iri_the_demo_export_writes() {
    check_declared(&rdf::dataset(demo_graph(), &BaseIri::default()).unwrap());
}

#[test]
fn the_default_graph_holds_each_triple_once() {
    // Entities named in several sources are described in each source graph;
    // the default graph SPARQL sees is their merge, so no row repeats.
    let store = store::from_graph(demo_graph(), &BaseIri::default()).unwrap();
    let count = |query: &str| match store::evaluate(&store, query, "<test>").unwrap() {
        QueryResults::Solutions(mut s) => match s.next().unwrap().unwrap().get("n") {
            Some(Term::Literal(n)) => n.value().parse::<usize>().unwrap(),
            other => panic!("{other:?}"),
        },
        _ => unreachable!(),
    };
    let in_default = count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    let distinct = count("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }");
    let quads = count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    assert_eq!(in_default, distinct);
    assert!(quads > distinct, "the demo corpus describes some entity in several graphs");
}

#[test]
fn every_saved_query_gives_its_answer_on_the_fixture() {
    let store = store::from_graph(&rich_fixture(), &BaseIri::default()).unwrap();
    check_queries(&store, "fixture.toml");
}
