//! Writes the fixture graph's Gephi files to a directory, for trying
//! `.ci/check-graphml.sh` and Gephi itself before a corpus build exists:
//!
//! ```sh
//! cargo run --example gephi_fixture -- /tmp/fixture
//! ```
//!
//! Writes `graph.graphml`, `graph.gexf`, `comention.graphml`, `comention.gexf`.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;

use diplograph::export::{gexf, graphml, Options, Projection};
use diplograph::graph::KnowledgeGraph;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: gephi_fixture DIR");
        return ExitCode::from(2);
    };
    let graph = KnowledgeGraph::build(&diplograph::fixtures::small_extraction());
    let comention = Options { projection: Projection::Comention, types: None, ..Options::default() };
    let files: [(&str, &Options, bool); 4] = [
        ("graph.graphml", &Options::default(), true),
        ("graph.gexf", &Options::default(), false),
        ("comention.graphml", &comention, true),
        ("comention.gexf", &comention, false),
    ];
    let result = std::fs::create_dir_all(&dir).and_then(|()| {
        for (name, options, is_graphml) in files {
            let mut out = BufWriter::new(File::create(dir.join(name))?);
            if is_graphml {
                graphml::write_graphml(&graph, options, &mut out)?;
            } else {
                gexf::write_gexf(&graph, options, &mut out)?;
            }
            std::io::Write::flush(&mut out)?;
        }
        Ok(())
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            ExitCode::from(2)
        }
    }
}
