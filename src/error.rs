//! The library's one error type. Every variant names the file (and where it
//! can, the line) it is about, so that the CLI can print it as is.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },

    #[error("{}: binary file (NUL byte at byte {offset}), skipped", path.display())]
    Binary { path: PathBuf, offset: usize },

    /// A data file (gazetteer, lexicon, gold) that does not parse or holds a bad entry.
    #[error("{}:{line}: {message}", path.display())]
    Data { path: PathBuf, line: usize, message: String },

    #[error("{0}")]
    Usage(String),

    /// Writing an export to its output (a file or stdout) failed; the caller
    /// knows which output it is and adds it. A broken pipe arrives here too.
    #[error("cannot write output: {0}")]
    Output(#[source] std::io::Error),

    /// A SPARQL query that does not parse; the parser's message gives line and column.
    #[error("{origin}: SPARQL syntax error: {message}")]
    QuerySyntax { origin: String, message: String },

    /// A store or endpoint that refused a request or could not be reached;
    /// `url` is the request (`PUT http://...`), `status` the HTTP status if one came.
    #[error("{url}: {message}")]
    Remote { url: String, status: Option<u16>, message: String },

    /// RDF that does not parse, or a query that fails to evaluate.
    #[error("{origin}: {message}")]
    Rdf { origin: String, message: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    pub fn data(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Error::Data { path: path.into(), line, message: message.into() }
    }
}
