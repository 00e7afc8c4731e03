//! `diplograph push`: a build's dataset (`DIR/graph.nq`) sent to a store
//! through the SPARQL 1.1 Graph Store HTTP Protocol, one named graph per
//! source file plus the ontology graph.
//!
//! Each graph's first request is a `PUT STORE?graph=IRI`, which replaces
//! the graph, so pushing twice leaves the store as one push does. A graph
//! larger than [`Options::batch_bytes`] goes on in `POST`s (which add) after
//! its `PUT`. With `--replace`, graphs under the build's graph namespace that
//! the store holds but this build does not (a source file since removed) are
//! then deleted; the store's SPARQL query endpoint lists them.
//!
//! Last, the store's default graph is replaced (`PUT STORE?default`) by the
//! merge of the pushed graphs, each triple once: the default graph the saved
//! queries read in `diplograph query` and `serve`, which a store's own union
//! of graphs may not give (Oxigraph's repeats a triple per graph holding it).
//! `--no-default-graph` leaves the store's default graph alone.
//!
//! Bodies are N-Triples lines sent as `text/turtle` (N-Triples is a subset
//! of Turtle, the syntax Graph Store Protocol servers are sure to accept).
//! Connection failures, timeouts, 408, 429 and 5xx are retried with
//! exponential backoff; any other 4xx stops the push at once.

use std::collections::HashSet;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::time::Duration;

use base64::Engine;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, Quad, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput};

use crate::vocab::{self, BaseIri, Kind};
use crate::{Error, Result};

/// The store and how to reach it.
#[derive(Debug, Clone, Default)]
pub struct Target {
    /// The Graph Store Protocol endpoint (Oxigraph `/store`, Fuseki `/ds/data`,
    /// GraphDB `/repositories/R/rdf-graphs/service`, Virtuoso `/sparql-graph-crud`).
    pub store: String,
    /// The store's SPARQL query endpoint, needed by `replace` to list graphs.
    pub query_endpoint: Option<String>,
    /// HTTP basic authentication (user, password).
    pub basic_auth: Option<(String, String)>,
    /// Extra request headers (an API key, a bearer token).
    pub headers: Vec<(String, String)>,
}

/// How to push.
#[derive(Debug, Clone)]
pub struct Options {
    /// Also delete the graphs under the build's graph namespace that this build does not have.
    pub replace: bool,
    /// Say what would be sent, send nothing (`replace` still lists the store's graphs).
    pub dry_run: bool,
    /// Retries of a request after a transient failure.
    pub retries: u32,
    /// The wait before the first retry; it doubles for each next one, up to 30 s.
    pub backoff: Duration,
    /// Above this many bytes a graph's body is split: a PUT then POSTs.
    pub batch_bytes: usize,
    /// The instance base of the build, whose `graph/` namespace `replace` works in.
    pub base_iri: BaseIri,
    /// Also replace the store's default graph with the merge of the pushed
    /// graphs (each triple once), the default graph `diplograph query` and
    /// `serve` answer from, so that the saved queries give the same answers.
    pub default_graph: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            replace: false,
            dry_run: false,
            retries: 4,
            backoff: Duration::from_millis(500),
            batch_bytes: 16 << 20,
            base_iri: BaseIri::default(),
            default_graph: true,
        }
    }
}

/// What was sent (or, in a dry run, would be).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Each graph with its triple count, in the order sent.
    pub graphs: Vec<(GraphName, usize)>,
    pub puts: usize,
    pub posts: usize,
    /// Graphs deleted (or, in a dry run, that would be) by `replace`.
    pub deleted: Vec<String>,
}

impl Report {
    pub fn triples(&self) -> usize {
        self.graphs.iter().map(|(_, n)| n).sum()
    }
}

/// Parses `DIPLOGRAPH_STORE_HEADERS`: one `Name: value` per line. (Lines,
/// not `;`, because header values such as cookies hold semicolons.) Errors
/// name the line, never its value, which may be a secret.
pub fn parse_headers(text: &str) -> Result<Vec<(String, String)>> {
    let mut headers = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad = |what: &str| Error::Usage(format!("DIPLOGRAPH_STORE_HEADERS line {}: {what}", i + 1));
        let (name, value) = line.split_once(':').ok_or_else(|| bad("expected `Name: value`"))?;
        let (name, value) = (name.trim(), value.trim());
        ureq::http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad("not a valid header name"))?;
        ureq::http::HeaderValue::from_str(value).map_err(|_| bad("the value holds characters a header cannot"))?;
        headers.push((name.to_string(), value.to_string()));
    }
    Ok(headers)
}

/// Checks a store URL: http(s), and no credentials in it (they belong in
/// the environment, not in shell history and process lists).
pub fn check_url(url: &str, what: &str) -> Result<()> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| Error::Usage(format!("{what} {url:?}: expected an http:// or https:// URL")))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(Error::Usage(format!(
            "{what}: credentials in the URL are refused; set DIPLOGRAPH_STORE_USER and DIPLOGRAPH_STORE_PASSWORD"
        )));
    }
    if authority.is_empty() {
        return Err(Error::Usage(format!("{what} {url:?}: no host")));
    }
    Ok(())
}

/// Sends every graph of `DIR/graph.nq`, adding to `report` as it goes.
fn send_all(
    client: &Client,
    dir: &Path,
    options: &Options,
    report: &mut Report,
    log: &mut dyn FnMut(&str),
) -> Result<()> {
    let path = dir.join("graph.nq");
    let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
    let origin = path.display().to_string();
    let mut started: HashSet<GraphName> = HashSet::new();
    let mut batch: Option<Batch> = None;
    // The N-Triples lines of the default graph's merge: a set, each once.
    let mut merged: HashSet<Vec<u8>> = HashSet::new();
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_reader(BufReader::new(file)) {
        let Quad { subject, predicate, object, graph_name } =
            quad.map_err(|e| Error::Rdf { origin: origin.clone(), message: e.to_string() })?;
        if let GraphName::BlankNode(_) = graph_name {
            return Err(Error::Rdf {
                origin,
                message: "a graph named by a blank node cannot be addressed in the Graph Store Protocol".into(),
            });
        }
        if batch.as_ref().is_some_and(|b| b.graph != graph_name || b.body.len() >= options.batch_bytes) {
            send_batch(client, batch.take(), &mut started, report, options, log)?;
        }
        let current = batch.get_or_insert_with(|| Batch::new(graph_name));
        let line = ntriples_line(&Triple::new(subject, predicate, object))?;
        current.add(&line);
        if options.default_graph {
            merged.insert(line);
        }
    }
    send_batch(client, batch.take(), &mut started, report, options, log)?;
    if options.default_graph {
        send_merge(client, merged, &mut started, report, options, log)?;
    }
    Ok(())
}

/// Replaces the store's default graph with the merge of the named graphs,
/// in a stable order (the same build sends the same bytes).
fn send_merge(
    client: &Client,
    merged: HashSet<Vec<u8>>,
    started: &mut HashSet<GraphName>,
    report: &mut Report,
    options: &Options,
    log: &mut dyn FnMut(&str),
) -> Result<()> {
    // Lines sort as the triples' written forms do: the " ." that ends
    // each sorts before any byte that could continue a term.
    let mut lines: Vec<Vec<u8>> = merged.into_iter().collect();
    lines.sort_unstable();
    let mut batch = Batch::new(GraphName::DefaultGraph);
    for line in &lines {
        if batch.body.len() >= options.batch_bytes {
            let full = std::mem::replace(&mut batch, Batch::new(GraphName::DefaultGraph));
            send_batch(client, Some(full), started, report, options, log)?;
        }
        batch.add(line);
    }
    send_batch(client, Some(batch), started, report, options, log)
}

/// Pushes `DIR/graph.nq` to the store. `log` gets one line per retry. A
/// failure midway says how far it got: pushing again is always safe.
pub fn push(dir: &Path, target: &Target, options: &Options, log: &mut dyn FnMut(&str)) -> Result<Report> {
    check_url(&target.store, "--store")?;
    if let Some(url) = &target.query_endpoint {
        check_url(url, "--query-endpoint")?;
    }
    if options.replace && target.query_endpoint.is_none() {
        return Err(Error::Usage(
            "--replace needs --query-endpoint URL, the store's SPARQL query endpoint, to list its graphs".into(),
        ));
    }
    let client = Client::new(target, options);
    let mut report = Report::default();
    send_all(&client, dir, options, &mut report, log).map_err(|e| match e {
        Error::Remote { url, status, message } => Error::Remote {
            url,
            status,
            message: format!(
                "{message}; {} of the push's requests had succeeded before it, and pushing again is safe (each \
                 graph's PUT replaces it)",
                report.puts + report.posts
            ),
        },
        other => other,
    })?;
    if options.replace {
        let namespace = vocab::namespace(&options.base_iri, Kind::Graph);
        let pushed: HashSet<&str> = report
            .graphs
            .iter()
            .filter_map(|(g, _)| match g {
                GraphName::NamedNode(n) => Some(n.as_str()),
                _ => None,
            })
            .collect();
        for graph in client.list_graphs(&namespace, log)? {
            if !pushed.contains(graph.as_str()) && graph.starts_with(&namespace) {
                if !options.dry_run {
                    client.delete_graph(&graph, log)?;
                }
                report.deleted.push(graph);
            }
        }
    }
    Ok(report)
}

/// One request's worth of one graph: N-Triples lines.
struct Batch {
    graph: GraphName,
    body: Vec<u8>,
    triples: usize,
}

impl Batch {
    fn new(graph: GraphName) -> Self {
        Batch { graph, body: Vec::new(), triples: 0 }
    }

    /// Adds one triple's N-Triples line.
    fn add(&mut self, line: &[u8]) {
        self.body.extend_from_slice(line);
        self.triples += 1;
    }
}

/// A triple's N-Triples line, newline included.
fn ntriples_line(triple: &Triple) -> Result<Vec<u8>> {
    let mut line = Vec::new();
    let mut writer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut line);
    writer.serialize_triple(triple).map_err(|e| Error::io("<request body>", e))?;
    writer.finish().map_err(|e| Error::io("<request body>", e))?;
    Ok(line)
}

fn send_batch(
    client: &Client,
    batch: Option<Batch>,
    started: &mut HashSet<GraphName>,
    report: &mut Report,
    options: &Options,
    log: &mut dyn FnMut(&str),
) -> Result<()> {
    let Some(batch) = batch else { return Ok(()) };
    // The graph's first batch replaces it; later ones add to it.
    let replace = started.insert(batch.graph.clone());
    if !options.dry_run {
        client.send_graph(&batch.graph, replace, batch.body, log)?;
    }
    if replace {
        report.puts += 1;
        report.graphs.push((batch.graph, batch.triples));
    } else {
        report.posts += 1;
        if let Some(last) = report.graphs.last_mut() {
            last.1 += batch.triples;
        }
    }
    Ok(())
}

/// The HTTP side: requests with credentials, headers and retries.
struct Client<'a> {
    agent: ureq::Agent,
    target: &'a Target,
    retries: u32,
    backoff: Duration,
}

/// How a request ended, when it did not succeed.
enum Failure {
    /// Worth another try: the store may be starting, restarting or overloaded.
    Transient(String),
    /// Trying again will not help.
    Fatal(String),
}

impl<'a> Client<'a> {
    fn new(target: &'a Target, options: &Options) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            // A store may take a while to index a large graph before it answers.
            .timeout_recv_response(Some(Duration::from_secs(600)))
            .user_agent(format!("diplograph/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client { agent, target, retries: options.retries, backoff: options.backoff }
    }

    fn graph_url(&self, graph: &GraphName) -> String {
        let separator = if self.target.store.contains('?') { '&' } else { '?' };
        match graph {
            GraphName::NamedNode(node) => {
                let encoded: String = form_urlencoded::byte_serialize(node.as_str().as_bytes()).collect();
                format!("{}{separator}graph={encoded}", self.target.store)
            }
            _ => format!("{}{separator}default", self.target.store),
        }
    }

    fn send_graph(&self, graph: &GraphName, replace: bool, body: Vec<u8>, log: &mut dyn FnMut(&str)) -> Result<()> {
        let url = self.graph_url(graph);
        let method = if replace { "PUT" } else { "POST" };
        self.with_retries(method, &url, log, || {
            let request = if replace { self.agent.put(&url) } else { self.agent.post(&url) };
            self.authorize(request.header("Content-Type", "text/turtle; charset=utf-8")).send(&body[..])
        })
        .map(|_| ())
    }

    fn delete_graph(&self, graph: &str, log: &mut dyn FnMut(&str)) -> Result<()> {
        let url = self.graph_url(&GraphName::NamedNode(oxigraph::model::NamedNode::new_unchecked(graph)));
        match self.with_retries("DELETE", &url, log, || self.authorize(self.agent.delete(&url)).call()) {
            Ok(_) => Ok(()),
            // Gone already (another push, or a concurrent delete): what we wanted.
            Err(Error::Remote { status: Some(404), .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// The store's graphs under `namespace`, by a SPARQL query.
    fn list_graphs(&self, namespace: &str, log: &mut dyn FnMut(&str)) -> Result<Vec<String>> {
        let Some(endpoint) = &self.target.query_endpoint else { return Ok(Vec::new()) };
        let literal = namespace.replace('\\', "\\\\").replace('"', "\\\"");
        let query =
            format!("SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{literal}\")) }}");
        let body = self.with_retries("POST", endpoint, log, || {
            self.authorize(self.agent.post(endpoint).header("Accept", "application/sparql-results+json"))
                .send_form([("query", query.as_str())])
        })?;
        let remote = |message: String| Error::Remote { url: endpoint.clone(), status: None, message };
        let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_slice(&body)
            .map_err(|e| remote(format!("the graph list is not SPARQL JSON results: {e}")))?;
        let SliceQueryResultsParserOutput::Solutions(solutions) = parsed else {
            return Err(remote("the graph list is not a SELECT result".into()));
        };
        let mut graphs = Vec::new();
        for solution in solutions {
            let solution = solution.map_err(|e| remote(format!("the graph list is not SPARQL JSON results: {e}")))?;
            if let Some(oxigraph::model::Term::NamedNode(g)) = solution.get("g") {
                graphs.push(g.as_str().to_string());
            }
        }
        graphs.sort();
        Ok(graphs)
    }

    fn authorize<B>(&self, mut request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        if let Some((user, password)) = &self.target.basic_auth {
            let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            request = request.header("Authorization", format!("Basic {token}"));
        }
        for (name, value) in &self.target.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        request
    }

    /// Runs `call` until it succeeds, fails for good, or the retries are
    /// spent; returns the response body.
    fn with_retries(
        &self,
        method: &str,
        url: &str,
        log: &mut dyn FnMut(&str),
        call: impl Fn() -> std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Vec<u8>> {
        let attempts = self.retries + 1;
        let mut delay = self.backoff;
        let mut attempt = 1;
        loop {
            let failure = match call() {
                Ok(mut response) => {
                    let status = response.status();
                    let body = response.body_mut().read_to_vec().unwrap_or_default();
                    if status.is_success() {
                        return Ok(body);
                    }
                    let failure = describe_status(status, &body);
                    let transient = status.is_server_error() || status.as_u16() == 408 || status.as_u16() == 429;
                    if !transient {
                        return Err(Error::Remote {
                            url: format!("{method} {url}"),
                            status: Some(status.as_u16()),
                            message: failure,
                        });
                    }
                    Failure::Transient(failure)
                }
                Err(e) => classify(e),
            };
            match failure {
                Failure::Transient(reason) if attempt < attempts => {
                    log(&format!(
                        "{method} {url}: {reason}; retrying in {:.1} s (attempt {} of {attempts})",
                        delay.as_secs_f64(),
                        attempt + 1
                    ));
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_secs(30));
                    attempt += 1;
                }
                Failure::Transient(reason) => {
                    let tries = if attempts == 1 { "1 attempt".to_string() } else { format!("{attempts} attempts") };
                    return Err(Error::Remote {
                        url: format!("{method} {url}"),
                        status: None,
                        message: format!("{reason}; gave up after {tries}"),
                    });
                }
                Failure::Fatal(reason) => {
                    return Err(Error::Remote { url: format!("{method} {url}"), status: None, message: reason })
                }
            }
        }
    }
}

/// A failed status with what the store said and what to check.
fn describe_status(status: ureq::http::StatusCode, body: &[u8]) -> String {
    let said: String = String::from_utf8_lossy(body).split_whitespace().collect::<Vec<_>>().join(" ");
    let said =
        if said.chars().count() > 300 { format!("{}…", said.chars().take(300).collect::<String>()) } else { said };
    let hint = match status.as_u16() {
        401 => {
            " (the store wants credentials: set DIPLOGRAPH_STORE_USER and DIPLOGRAPH_STORE_PASSWORD, or a \
                header in DIPLOGRAPH_STORE_HEADERS)"
        }
        403 => " (the credentials given may not write to this store)",
        404 => " (is the URL the store's Graph Store Protocol endpoint, e.g. http://HOST:7878/store for Oxigraph?)",
        405 => " (the endpoint does not take this method: is it the Graph Store Protocol endpoint, and writable?)",
        _ => "",
    };
    let reason = status.canonical_reason().unwrap_or("");
    if said.is_empty() {
        format!("HTTP {} {reason}{hint}", status.as_u16())
    } else {
        format!("HTTP {} {reason}: {said}{hint}", status.as_u16())
    }
}

fn classify(error: ureq::Error) -> Failure {
    use std::io::ErrorKind;
    match error {
        ureq::Error::Io(e) => match e.kind() {
            ErrorKind::ConnectionRefused => Failure::Transient("connection refused (is the store running?)".into()),
            ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::BrokenPipe
            | ErrorKind::UnexpectedEof
            | ErrorKind::TimedOut
            | ErrorKind::Interrupted => Failure::Transient(format!("connection failed: {e}")),
            _ => Failure::Fatal(format!("connection failed: {e}")),
        },
        ureq::Error::Timeout(t) => Failure::Transient(format!("timed out ({t})")),
        ureq::Error::ConnectionFailed => Failure::Transient("connection failed".into()),
        ureq::Error::Protocol(e) => Failure::Transient(format!("the store broke the HTTP exchange: {e}")),
        ureq::Error::HostNotFound => Failure::Fatal("host not found".into()),
        other => Failure::Fatal(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_come_one_per_line_and_errors_hide_values() {
        let headers = parse_headers("X-Api-Key: s3cret\n\nCookie: a=1; b=2\r\n").unwrap();
        assert_eq!(headers, [("X-Api-Key".into(), "s3cret".into()), ("Cookie".into(), "a=1; b=2".into())]);
        let message = parse_headers("X-Ok: 1\nno colon s3cret").unwrap_err().to_string();
        assert!(message.contains("line 2") && !message.contains("s3cret"), "{message}");
        assert!(parse_headers("Bad Name: x").is_err());
    }

    #[test]
    fn urls_must_be_http_and_carry_no_credentials() {
        assert!(check_url("http://127.0.0.1:7878/store", "--store").is_ok());
        assert!(check_url("https://db.example/repositories/r/rdf-graphs/service?x=1", "--store").is_ok());
        let message = check_url("http://admin:pw@db.example/store", "--store").unwrap_err().to_string();
        assert!(message.contains("DIPLOGRAPH_STORE_USER") && !message.contains("pw"), "{message}");
        assert!(check_url("ftp://db.example/store", "--store").is_err());
        assert!(check_url("http:///store", "--store").is_err());
    }

    #[test]
    fn graph_urls_encode_the_iri_and_keep_the_store_query() {
        let target = Target { store: "http://h/store".into(), ..Target::default() };
        let client = Client::new(&target, &Options::default());
        let graph = GraphName::NamedNode(oxigraph::model::NamedNode::new_unchecked("https://x/graph/a%20b.txt?q#f"));
        assert_eq!(client.graph_url(&graph), "http://h/store?graph=https%3A%2F%2Fx%2Fgraph%2Fa%2520b.txt%3Fq%23f");
        assert_eq!(client.graph_url(&GraphName::DefaultGraph), "http://h/store?default");
        let target = Target { store: "http://h/ds?db=main".into(), ..Target::default() };
        assert_eq!(
            Client::new(&target, &Options::default()).graph_url(&GraphName::DefaultGraph),
            "http://h/ds?db=main&default"
        );
    }
}
