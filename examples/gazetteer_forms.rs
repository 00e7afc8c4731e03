//! Prints every surface form of the built-in gazetteer (names, labels and
//! acronyms of countries and organizations), one a line, sorted, without
//! repeats: the FORMS file of the reference scan in `bench/run.sh`
//! (`rg -c -F -f FORMS DIR`).
//!
//! ```sh
//! cargo run --release --example gazetteer_forms > forms.txt
//! ```

use std::collections::BTreeSet;
use std::io::Write;

fn main() -> diplograph::Result<()> {
    let gazetteer = diplograph::gazetteer::Gazetteer::builtin()?;
    let forms: BTreeSet<&str> = gazetteer
        .entries
        .iter()
        .flat_map(|e| e.names.iter().chain(std::iter::once(&e.label)).chain(&e.acronyms))
        .map(String::as_str)
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for form in forms {
        writeln!(out, "{form}").map_err(diplograph::Error::Output)?;
    }
    out.flush().map_err(diplograph::Error::Output)
}
