//! The SPARQL 1.1 Protocol's request side, as pure functions over what an
//! HTTP request carries (method, `Content-Type`, URL query string, body,
//! `Accept`), so that it is tested without a server.
//!
//! A query arrives three ways: `GET ?query=`, `POST` form-encoded with
//! `query=`, or `POST` with `Content-Type: application/sparql-query` and the
//! query as the body; `default-graph-uri` and `named-graph-uri` may come with
//! each. An update (`update=`, `application/sparql-update`) is refused: the
//! endpoint is read-only.

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

/// A query request, before the query is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryRequest {
    pub query: String,
    /// `default-graph-uri`: the default graph is the merge of these.
    pub default_graphs: Vec<String>,
    /// `named-graph-uri`: the only graphs `GRAPH` may reach.
    pub named_graphs: Vec<String>,
}

/// Why a request is refused, with the HTTP status that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
}

impl Refusal {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        Refusal { status, message: message.into() }
    }

    /// The answer to any attempt at SPARQL Update.
    pub fn read_only() -> Self {
        Refusal::new(403, "this endpoint is read-only: SPARQL Update is refused")
    }
}

/// The request methods the endpoint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// Reads a query request out of an HTTP request: `url_query` is the part of
/// the URL after `?`, `body` the request body (empty for GET).
pub fn parse(
    method: Method,
    content_type: Option<&str>,
    url_query: Option<&str>,
    body: &[u8],
) -> Result<QueryRequest, Refusal> {
    let url_params = params(url_query.unwrap_or("").as_bytes());
    match method {
        Method::Get => from_params(&url_params),
        Method::Post => {
            let media_type = content_type.map(essence).unwrap_or_default();
            match media_type.as_str() {
                "application/x-www-form-urlencoded" => {
                    // Graph parameters may come in the URL or the body.
                    let mut all = params(body);
                    all.extend(url_params.into_iter().filter(|(k, _)| k != "query" && k != "update"));
                    from_params(&all)
                }
                "application/sparql-query" => {
                    if has(&url_params, "query") {
                        return Err(Refusal::new(
                            400,
                            "the query is in the body; no query= parameter may come with it",
                        ));
                    }
                    let query = std::str::from_utf8(body)
                        .map_err(|_| Refusal::new(400, "the query is not valid UTF-8"))?
                        .to_string();
                    Ok(QueryRequest {
                        query,
                        default_graphs: values(&url_params, "default-graph-uri"),
                        named_graphs: values(&url_params, "named-graph-uri"),
                    })
                }
                "application/sparql-update" => Err(Refusal::read_only()),
                "" => Err(Refusal::new(
                    415,
                    "a POST needs Content-Type application/x-www-form-urlencoded or application/sparql-query",
                )),
                other => Err(Refusal::new(
                    415,
                    format!(
                        "Content-Type {other} is not accepted: use application/x-www-form-urlencoded or \
                         application/sparql-query"
                    ),
                )),
            }
        }
    }
}

fn from_params(params: &[(String, String)]) -> Result<QueryRequest, Refusal> {
    if has(params, "update") {
        return Err(Refusal::read_only());
    }
    let mut queries = values(params, "query");
    if queries.len() > 1 {
        return Err(Refusal::new(400, "more than one query parameter"));
    }
    let Some(query) = queries.pop() else {
        return Err(Refusal::new(
            400,
            "no query parameter: send ?query=... (GET), a form with query=... or an application/sparql-query \
             body (POST); the page at / helps write one",
        ));
    };
    Ok(QueryRequest {
        query,
        default_graphs: values(params, "default-graph-uri"),
        named_graphs: values(params, "named-graph-uri"),
    })
}

fn params(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

fn has(params: &[(String, String)], name: &str) -> bool {
    params.iter().any(|(k, _)| k == name)
}

fn values(params: &[(String, String)], name: &str) -> Vec<String> {
    params.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
}

/// `type/subtype`, lower-cased, without parameters.
fn essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// The results syntaxes for SELECT and ASK, by media type; the first is the default.
const RESULTS_TYPES: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("text/xml", QueryResultsFormat::Xml),
];

/// The RDF syntaxes for CONSTRUCT and DESCRIBE, by media type; the first is the default.
const RDF_TYPES: &[(&str, RdfFormat)] = &[
    ("text/turtle", RdfFormat::Turtle),
    ("application/turtle", RdfFormat::Turtle),
    ("application/x-turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("text/plain", RdfFormat::NTriples),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("application/xml", RdfFormat::RdfXml),
    ("text/xml", RdfFormat::RdfXml),
    ("application/ld+json", crate::export::rdf::JSON_LD),
    ("application/json", crate::export::rdf::JSON_LD),
    ("application/n-quads", RdfFormat::NQuads),
    ("application/trig", RdfFormat::TriG),
];

/// The media types a client may ask for, for the 406 message.
pub fn supported_types() -> String {
    let mut names: Vec<&str> = RESULTS_TYPES.iter().map(|(t, _)| *t).collect();
    names.extend(RDF_TYPES.iter().map(|(t, _)| *t).filter(|t| !RESULTS_TYPES.iter().any(|(r, _)| r == t)));
    names.join(", ")
}

/// The results syntax for SELECT and ASK the `Accept` header prefers, JSON
/// when it has no preference; `None` when it accepts none we write (406).
pub fn negotiate_results(accept: Option<&str>) -> Option<QueryResultsFormat> {
    negotiate(accept, RESULTS_TYPES)
}

/// The RDF syntax for CONSTRUCT and DESCRIBE the `Accept` header prefers,
/// Turtle when it has no preference; `None` when it accepts none we write.
pub fn negotiate_rdf(accept: Option<&str>) -> Option<RdfFormat> {
    negotiate(accept, RDF_TYPES)
}

/// HTTP content negotiation over `Accept` (RFC 9110 12.5.1): media ranges
/// by decreasing quality, ties in the order written; `*/*` and `type/*`
/// take our first format of that kind; `q=0` excludes.
fn negotiate<F: Copy>(accept: Option<&str>, table: &[(&str, F)]) -> Option<F> {
    let default = table[0].1;
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else { return Some(default) };
    let mut ranges: Vec<(String, f32)> = accept
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            if media.is_empty() {
                return None;
            }
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some((media, q))
        })
        .collect();
    // A stable sort keeps the client's order among equal qualities.
    ranges.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    let excluded = |media: &str| ranges.iter().any(|(m, q)| m == media && *q <= 0.0);
    for (media, q) in &ranges {
        if *q <= 0.0 {
            continue;
        }
        let found = if media == "*/*" {
            table.iter().find(|(t, _)| !excluded(t))
        } else if let Some(kind) = media.strip_suffix("/*") {
            table.iter().find(|(t, _)| t.split('/').next() == Some(kind) && !excluded(t))
        } else {
            table.iter().find(|(t, _)| t == media)
        };
        if let Some((_, format)) = found {
            return Some(*format);
        }
    }
    None
}

/// The `Content-Type` a results syntax is sent with.
pub fn results_content_type(format: QueryResultsFormat) -> &'static str {
    match format {
        QueryResultsFormat::Json => "application/sparql-results+json; charset=utf-8",
        QueryResultsFormat::Xml => "application/sparql-results+xml; charset=utf-8",
        QueryResultsFormat::Csv => "text/csv; charset=utf-8",
        QueryResultsFormat::Tsv => "text/tab-separated-values; charset=utf-8",
        #[allow(unreachable_patterns)]
        _ => "application/octet-stream",
    }
}

/// The `Content-Type` an RDF syntax is sent with.
pub fn rdf_content_type(format: RdfFormat) -> String {
    format!("{}; charset=utf-8", format.media_type())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(url_query: &str) -> Result<QueryRequest, Refusal> {
        parse(Method::Get, None, Some(url_query), b"")
    }

    fn post(content_type: &str, url_query: &str, body: &str) -> Result<QueryRequest, Refusal> {
        parse(Method::Post, Some(content_type), Some(url_query), body.as_bytes())
    }

    fn status(result: Result<QueryRequest, Refusal>) -> u16 {
        result.map(|_| 200).unwrap_or_else(|r| r.status)
    }

    #[test]
    fn the_three_ways_give_the_same_request() {
        let expected = QueryRequest {
            query: "SELECT * { ?s ?p ?o }".into(),
            default_graphs: vec!["urn:g:1".into()],
            named_graphs: vec!["urn:g:2".into(), "urn:g:3".into()],
        };
        let graphs = "default-graph-uri=urn%3Ag%3A1&named-graph-uri=urn:g:2&named-graph-uri=urn:g:3";
        let by_get = get(&format!("query=SELECT+*+%7B+%3Fs+%3Fp+%3Fo+%7D&{graphs}"));
        let by_form = post(
            "application/x-www-form-urlencoded; charset=UTF-8",
            "",
            &format!("query=SELECT%20*%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D&{graphs}"),
        );
        let by_body = post("application/sparql-query", graphs, "SELECT * { ?s ?p ?o }");
        assert_eq!(by_get.unwrap(), expected);
        assert_eq!(by_form.unwrap(), expected);
        assert_eq!(by_body.unwrap(), expected);
    }

    #[test]
    fn updates_are_refused_however_they_come() {
        assert_eq!(status(get("update=CLEAR+ALL")), 403);
        assert_eq!(status(post("application/x-www-form-urlencoded", "", "update=CLEAR%20ALL")), 403);
        assert_eq!(status(post("application/sparql-update", "", "CLEAR ALL")), 403);
    }

    #[test]
    fn missing_duplicate_or_misdeclared_queries_are_client_errors() {
        assert_eq!(status(get("")), 400);
        assert_eq!(status(get("query=ASK{}&query=ASK{}")), 400);
        assert_eq!(status(post("application/sparql-query", "query=ASK{}", "ASK {}")), 400);
        assert_eq!(status(post("text/plain", "", "ASK {}")), 415);
        assert_eq!(status(parse(Method::Post, None, None, b"ASK {}")), 415);
        assert_eq!(status(parse(Method::Post, Some("application/sparql-query"), None, &[0xff, 0xfe])), 400);
    }

    #[test]
    fn content_negotiation_follows_quality_and_order() {
        use QueryResultsFormat::*;
        let check = |accept: Option<&str>, expected: Option<QueryResultsFormat>| {
            assert_eq!(negotiate_results(accept), expected, "{accept:?}");
        };
        check(None, Some(Json));
        check(Some(""), Some(Json));
        check(Some("*/*"), Some(Json));
        check(Some("text/csv"), Some(Csv));
        check(Some("text/tab-separated-values"), Some(Tsv));
        check(Some("application/sparql-results+xml"), Some(Xml));
        check(Some("text/csv;q=0.5, application/sparql-results+xml"), Some(Xml));
        check(Some("text/html,application/xhtml+xml,*/*;q=0.8"), Some(Json));
        check(Some("text/*"), Some(Csv));
        check(Some("application/*;q=0.9, application/sparql-results+json;q=0, application/json;q=0"), Some(Xml));
        check(Some("image/png"), None);
        assert_eq!(negotiate_rdf(Some("application/turtle,text/turtle")), Some(RdfFormat::Turtle));
        assert_eq!(negotiate_rdf(Some("application/n-triples")), Some(RdfFormat::NTriples));
        assert_eq!(negotiate_rdf(Some("application/sparql-results+json")), None);
        assert_eq!(negotiate_rdf(Some("*/*")), Some(RdfFormat::Turtle));
    }
}
