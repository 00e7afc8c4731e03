//! Writes the fixture extraction's RDF in every syntax, as a build would:
//! `cargo run --example fixture_rdf -- DIR` gives DIR/graph.{ttl,nt,nq,trig,rdf,jsonld}
//! and DIR/ontology.ttl, for the conformance checks of shared/conformance.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

use diplograph::export::rdf;
use diplograph::graph::KnowledgeGraph;
use diplograph::vocab::BaseIri;

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "out/fixture-rdf".to_string()));
    std::fs::create_dir_all(&dir)?;
    let graph = KnowledgeGraph::build(&diplograph::fixtures::small_extraction());
    let base = BaseIri::default();
    for ext in ["ttl", "nt", "nq", "trig", "rdf", "jsonld"] {
        let format = rdf::format_by_name(ext).ok_or_else(|| anyhow::anyhow!("no format {ext}"))?;
        let mut out = BufWriter::new(File::create(dir.join(format!("graph.{ext}")))?);
        rdf::write_dataset(&graph, format, &base, &mut out)?;
    }
    rdf::write_ontology(&mut BufWriter::new(File::create(dir.join("ontology.ttl"))?))?;
    Ok(())
}
