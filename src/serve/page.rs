//! The query page at `/` and the saved queries it offers.
//!
//! The page (HTML, script) is compiled into the binary, so that a user who
//! installed only the binary gets it. So are the competency queries of
//! `queries/`; `serve --queries DIR` offers another directory's instead.

use std::path::Path;

use crate::{Error, Result};

/// The page's HTML.
pub const INDEX_HTML: &str = include_str!("page.html");
/// The page's script: served apart so that the page's Content-Security-Policy
/// can forbid inline scripts.
pub const APP_JS: &str = include_str!("page.js");

/// The competency queries of `queries/`, as compiled in (name, text).
/// `every_saved_query_is_compiled_in` keeps the list in step with the directory.
pub const BUILTIN_QUERIES: &[(&str, &str)] = &[
    ("documents-by-kind", include_str!("../../queries/documents-by-kind.rq")),
    ("documents-per-month", include_str!("../../queries/documents-per-month.rq")),
    ("entities-by-type", include_str!("../../queries/entities-by-type.rq")),
    ("evidence-for-relation", include_str!("../../queries/evidence-for-relation.rq")),
    ("mentions-of-entity", include_str!("../../queries/mentions-of-entity.rq")),
    ("persons-affiliations-roles", include_str!("../../queries/persons-affiliations-roles.rq")),
    ("positions-on-proposals", include_str!("../../queries/positions-on-proposals.rq")),
    ("proposals-timeline", include_str!("../../queries/proposals-timeline.rq")),
    ("relation-graph", include_str!("../../queries/relation-graph.rq")),
    ("relations-without-evidence", include_str!("../../queries/relations-without-evidence.rq")),
    ("representatives", include_str!("../../queries/representatives.rq")),
    ("sessions-and-speakers", include_str!("../../queries/sessions-and-speakers.rq")),
    ("speaker-top-organizations", include_str!("../../queries/speaker-top-organizations.rq")),
    ("statements-by-speaker", include_str!("../../queries/statements-by-speaker.rq")),
    ("wikidata-links", include_str!("../../queries/wikidata-links.rq")),
];

/// A saved query as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SavedQuery {
    /// The file name without `.rq`.
    pub name: String,
    /// What the query answers: its leading comment, one line.
    pub title: String,
    pub query: String,
}

impl SavedQuery {
    pub fn new(name: &str, query: &str) -> Self {
        SavedQuery { name: name.to_string(), title: leading_comment(query), query: query.to_string() }
    }
}

/// The compiled-in competency queries.
pub fn builtin_queries() -> Vec<SavedQuery> {
    BUILTIN_QUERIES.iter().map(|(name, query)| SavedQuery::new(name, query)).collect()
}

/// The `.rq` files of `dir`, sorted by name.
pub fn read_queries(dir: &Path) -> Result<Vec<SavedQuery>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut queries = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_some_and(|e| e == "rq") && path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            queries.push(SavedQuery::new(&name, &text));
        }
    }
    if queries.is_empty() {
        return Err(Error::Usage(format!("{}: no .rq files (give a directory of saved queries)", dir.display())));
    }
    queries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(queries)
}

/// The `#` comment lines a query starts with, joined into one line.
fn leading_comment(query: &str) -> String {
    let lines: Vec<&str> = query
        .lines()
        .map(str::trim)
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim())
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(" ")
}

/// The saved queries as the JSON the page reads from `/queries`.
pub fn queries_json(queries: &[SavedQuery]) -> String {
    serde_json::to_string(queries).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_saved_query_is_compiled_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let on_disk = read_queries(&dir).unwrap();
        assert_eq!(on_disk, builtin_queries(), "src/serve/page.rs BUILTIN_QUERIES is out of step with queries/");
    }

    #[test]
    fn the_title_is_the_leading_comment() {
        let query =
            SavedQuery::new("q", "# Who proposed what,\n#   and when.\n#\nPREFIX x: <urn:x#>\n# not this\nASK {}");
        assert_eq!(query.title, "Who proposed what, and when.");
        assert_eq!(SavedQuery::new("q", "ASK {}").title, "");
    }

    #[test]
    fn every_builtin_query_says_what_it_answers() {
        for query in builtin_queries() {
            assert!(query.title.len() > 20, "{} has no leading comment", query.name);
        }
    }

    #[test]
    fn a_directory_without_queries_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let message = read_queries(dir.path()).unwrap_err().to_string();
        assert!(message.contains(&dir.path().display().to_string()) && message.contains("no .rq files"), "{message}");
    }

    #[test]
    fn the_page_puts_results_into_the_dom_as_text_only() {
        assert!(APP_JS.contains("textContent"));
        assert!(!APP_JS.contains("innerHTML") && !APP_JS.contains("insertAdjacentHTML"));
        assert!(!APP_JS.contains("document.write"));
        assert!(INDEX_HTML.contains("<script src=\"app.js\""));
    }
}
