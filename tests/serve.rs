//! The SPARQL endpoint over HTTP, on the fixture graph: the protocol's three
//! ways in, content negotiation, CORS, the refusals (malformed query,
//! oversized request, update, timeout) and the page. Each test starts its
//! own server on a free loopback port.

use std::io::{BufRead, BufReader};
use std::process::{Command as Process, Stdio};
use std::time::Duration;

use diplograph::graph::KnowledgeGraph;
use diplograph::serve::{Config, Server};
use diplograph::store;
use diplograph::vocab::BaseIri;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults};
use oxigraph::store::Store;

const COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
/// A cross product of three scans: about 8e7 rows on the fixture, seconds of
/// work, far more than the timeouts below allow.
const SLOW: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

fn fixture_store() -> Store {
    let graph = KnowledgeGraph::build(&diplograph::fixtures::small_extraction());
    store::from_graph(&graph, &BaseIri::default()).unwrap()
}

fn start(config: Config) -> Server {
    let config = Config { bind: "127.0.0.1:0".parse().unwrap(), ..config };
    Server::start(fixture_store(), config).unwrap()
}

fn server() -> Server {
    start(Config::default())
}

/// A client that reports every status instead of failing on 4xx/5xx.
fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

struct Answer {
    status: u16,
    content_type: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn answer(mut response: ureq::http::Response<ureq::Body>) -> Answer {
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let content_type = response.headers().get("content-type").map_or("", |v| v.to_str().unwrap_or("")).to_string();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    Answer { status, content_type, headers, body }
}

fn get(server: &Server, query: &str, accept: &str) -> Answer {
    answer(client().get(server.sparql_url()).query("query", query).header("Accept", accept).call().unwrap())
}

fn post_form(server: &Server, query: &str, accept: &str) -> Answer {
    answer(client().post(server.sparql_url()).header("Accept", accept).send_form([("query", query)]).unwrap())
}

fn post_direct(server: &Server, query: &str, accept: &str) -> Answer {
    let request =
        client().post(server.sparql_url()).header("Accept", accept).header("Content-Type", "application/sparql-query");
    answer(request.send(query).unwrap())
}

/// The one value of a one-row, one-column SPARQL JSON result.
fn single_value(body: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
    json["results"]["bindings"][0]["n"]["value"].as_str().unwrap().to_string()
}

/// The triples of the store's default graph (the merge of the named graphs),
/// what `SELECT (COUNT(*) …) { ?s ?p ?o }` counts.
fn quad_count(store: &Store) -> usize {
    let default = oxigraph::model::GraphNameRef::DefaultGraph;
    store.quads_for_pattern(None, None, None, Some(default)).count()
}

#[test]
fn select_answers_in_each_results_syntax_by_content_negotiation() {
    let server = server();
    let expected = quad_count(&fixture_store()).to_string();
    let json = get(&server, COUNT, "application/sparql-results+json");
    assert_eq!((json.status, json.content_type.as_str()), (200, "application/sparql-results+json; charset=utf-8"));
    assert_eq!(single_value(&json.body), expected);
    assert_eq!(json.header("vary"), Some("Accept"));

    let xml = get(&server, COUNT, "application/sparql-results+xml");
    assert!(xml.content_type.starts_with("application/sparql-results+xml"), "{}", xml.content_type);
    assert!(xml.body.contains(&format!(">{expected}</literal>")), "{}", xml.body);

    let csv = get(&server, COUNT, "text/csv");
    assert!(csv.content_type.starts_with("text/csv"));
    assert_eq!(csv.body.replace('\r', ""), format!("n\n{expected}\n"));

    let tsv = get(&server, COUNT, "text/tab-separated-values");
    assert!(tsv.content_type.starts_with("text/tab-separated-values"));
    assert!(tsv.body.starts_with("?n\n") || tsv.body.starts_with("?n\r\n"), "{}", tsv.body);

    // A browser's Accept gets JSON; one we cannot satisfy gets 406.
    let browser = get(&server, COUNT, "text/html,application/xhtml+xml,*/*;q=0.8");
    assert!(browser.content_type.starts_with("application/sparql-results+json"));
    let refused = get(&server, COUNT, "image/png");
    assert_eq!(refused.status, 406);
    assert!(refused.body.contains("text/csv"), "{}", refused.body);
}

#[test]
fn get_form_post_and_direct_post_give_the_same_rows() {
    let server = server();
    let query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 25";
    let by_get = get(&server, query, "text/csv");
    let by_form = post_form(&server, query, "text/csv");
    let by_direct = post_direct(&server, query, "text/csv");
    assert_eq!(by_get.status, 200);
    assert_eq!(by_get.body.lines().count(), 26);
    assert_eq!(by_get.body, by_form.body);
    assert_eq!(by_get.body, by_direct.body);
}

#[test]
fn ask_and_construct_answer_in_their_own_syntaxes() {
    let server = server();
    let ask = get(&server, "ASK { ?s ?p ?o }", "application/sparql-results+json");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&ask.body).unwrap()["boolean"], true);

    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 10";
    let turtle = get(&server, construct, "text/turtle");
    assert!(turtle.content_type.starts_with("text/turtle"), "{}", turtle.content_type);
    let parsed = RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.body.as_bytes()).count();
    assert_eq!(parsed, 10);
    let ntriples = get(&server, construct, "application/n-triples");
    assert!(ntriples.content_type.starts_with("application/n-triples"));
    assert_eq!(ntriples.body.lines().count(), 10);
    // A results syntax does not fit a graph.
    assert_eq!(get(&server, construct, "text/csv").status, 406);
}

#[test]
fn a_malformed_query_gets_400_with_the_parsers_message() {
    let server = server();
    let bad = "SELECT ?s WHERE { ?s ?p ";
    for answer in [get(&server, bad, "*/*"), post_form(&server, bad, "*/*"), post_direct(&server, bad, "*/*")] {
        assert_eq!(answer.status, 400, "{}", answer.body);
        assert!(answer.content_type.starts_with("text/plain"));
        // The parser's own message, with line and column.
        assert!(answer.body.contains("SPARQL syntax error: error at 1:25"), "{}", answer.body);
    }
}

#[test]
fn an_oversized_request_gets_413_and_an_overlong_url_414() {
    let server = start(Config { max_request_bytes: 1000, ..Config::default() });
    let padding = "#".repeat(4000);
    let big = format!("{COUNT}\n{padding}");
    let direct = post_direct(&server, &big, "*/*");
    assert_eq!(direct.status, 413, "{}", direct.body);
    assert!(direct.body.contains("larger than 1000 bytes"), "{}", direct.body);
    assert_eq!(post_form(&server, &big, "*/*").status, 413);
    assert_eq!(get(&server, &big, "*/*").status, 414);
    // Under the limit, the same server answers.
    assert_eq!(post_direct(&server, COUNT, "*/*").status, 200);
}

#[test]
fn a_slow_query_hits_the_timeout_with_503() {
    let server = start(Config { timeout: Duration::from_millis(200), ..Config::default() });
    let slow = post_form(&server, SLOW, "application/sparql-results+json");
    assert_eq!(slow.status, 503, "{}", slow.body);
    assert!(slow.content_type.starts_with("text/plain"));
    assert!(slow.body.contains("query timed out after 0.2 s"), "{}", slow.body);
}

#[test]
fn a_cancelled_evaluation_stops_with_cancelled() {
    // What the timeout relies on: once the token is cancelled the running
    // evaluation ends with an error at its next read of the store instead of
    // producing every solution.
    let store = fixture_store();
    let n = quad_count(&store);
    let token = CancellationToken::new();
    let query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let prepared = store::prepare_cancellable(query, "slow", token.clone()).unwrap();
    let QueryResults::Solutions(mut solutions) = prepared.on_store(&store).execute().unwrap() else { panic!() };
    assert!(solutions.next().unwrap().is_ok());
    token.cancel();
    let mut produced = 1usize;
    let outcome = loop {
        match solutions.next() {
            Some(Ok(_)) => produced += 1,
            Some(Err(e)) => break Some(e),
            None => break None,
        }
    };
    assert!(matches!(outcome, Some(QueryEvaluationError::Cancelled)), "{outcome:?} after {produced} solutions");
    assert!(produced < n * n * n, "{produced} of {} solutions before it stopped", n * n * n);
}

#[test]
fn updates_are_refused_with_403_and_change_nothing() {
    let server = server();
    let before = single_value(&get(&server, COUNT, "application/sparql-results+json").body);
    let update = "DELETE WHERE { ?s ?p ?o }";
    let as_form = answer(client().post(server.sparql_url()).send_form([("update", update)]).unwrap());
    let as_body = answer(
        client().post(server.sparql_url()).header("Content-Type", "application/sparql-update").send(update).unwrap(),
    );
    let as_query = post_form(&server, update, "*/*");
    for refused in [as_form, as_body, as_query] {
        assert_eq!(refused.status, 403, "{}", refused.body);
        assert!(refused.body.contains("read-only"), "{}", refused.body);
    }
    let put = answer(client().put(server.sparql_url()).send("x").unwrap());
    assert_eq!(put.status, 405);
    assert_eq!(single_value(&get(&server, COUNT, "application/sparql-results+json").body), before);
}

#[test]
fn browser_clients_get_cors_headers() {
    let server = server();
    let preflight = answer(
        client()
            .options(&server.sparql_url())
            .header("Origin", "https://yasgui.example")
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .call()
            .unwrap(),
    );
    assert_eq!(preflight.status, 200);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert!(preflight.header("access-control-allow-methods").unwrap_or("").contains("POST"));
    assert!(preflight.header("access-control-allow-headers").unwrap_or("").contains("content-type"));
    let simple = answer(
        client()
            .get(server.sparql_url())
            .query("query", "ASK {}")
            .header("Origin", "https://yasgui.example")
            .call()
            .unwrap(),
    );
    assert_eq!(simple.header("access-control-allow-origin"), Some("*"));
}

#[test]
fn the_protocol_dataset_narrows_the_default_graph() {
    let server = server();
    let graphs = get(&server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", "text/csv");
    let first = graphs.body.lines().nth(1).unwrap().trim().to_string();
    let one = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{first}> {{ ?s ?p ?o }} }}");
    let expected = single_value(&get(&server, &one, "application/sparql-results+json").body);
    let narrowed = answer(
        client()
            .get(server.sparql_url())
            .query("query", COUNT)
            .query("default-graph-uri", &first)
            .header("Accept", "application/sparql-results+json")
            .call()
            .unwrap(),
    );
    assert_eq!(single_value(&narrowed.body), expected);
    assert_ne!(expected, quad_count(&fixture_store()).to_string());
    let bad = answer(
        client()
            .get(server.sparql_url())
            .query("query", COUNT)
            .query("default-graph-uri", "not an iri")
            .call()
            .unwrap(),
    );
    assert_eq!(bad.status, 400);
}

#[test]
fn the_page_and_its_saved_queries_are_served() {
    let server = server();
    let base = format!("http://{}", server.addr());
    let page = answer(client().get(&base).call().unwrap());
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.body.contains("<script src=\"app.js\"></script>"));
    assert!(page.header("content-security-policy").unwrap_or("").contains("default-src 'self'"));
    let script = answer(client().get(&format!("{base}/app.js")).call().unwrap());
    assert!(script.content_type.starts_with("text/javascript") && script.body.contains("fetch(\"sparql\""));
    let saved = answer(client().get(&format!("{base}/queries")).call().unwrap());
    let list: Vec<serde_json::Value> = serde_json::from_str(&saved.body).unwrap();
    assert_eq!(list.len(), diplograph::serve::page::BUILTIN_QUERIES.len());
    let first = &list[0];
    assert_eq!(first["name"], "documents-by-kind");
    assert!(first["title"].as_str().unwrap().starts_with("How many documents of each kind"));
    // Every saved query runs on the endpoint.
    for q in &list {
        let run =
            post_form(&server, q["query"].as_str().unwrap(), "application/sparql-results+json, text/turtle;q=0.9");
        assert_eq!(run.status, 200, "{}: {}", q["name"], run.body);
    }
}

#[test]
fn the_serve_command_prints_the_real_port_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let graph = KnowledgeGraph::build(&diplograph::fixtures::small_extraction());
    let options = diplograph::export::Options::default();
    diplograph::output::write_atomic(&dir.path().join("graph.nq"), |out| {
        diplograph::export::write(&graph, diplograph::export::Format::Nquads, &options, out)
    })
    .unwrap();
    let mut child = Process::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(["serve", "--bind", "127.0.0.1:0", "-d"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line
        .trim()
        .strip_prefix("diplograph serve: listening on ")
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_string);
    let status = url.as_ref().map(|url| {
        let response = client().get(url).query("query", COUNT).header("Accept", "text/csv").call().unwrap();
        answer(response)
    });
    child.kill().unwrap();
    child.wait().unwrap();
    let url = url.unwrap_or_else(|| panic!("no address in {line:?}"));
    assert!(url.starts_with("http://127.0.0.1:") && !url.starts_with("http://127.0.0.1:0/"), "{url}");
    let answer = status.unwrap();
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.body.lines().nth(1),
        Some(quad_count(&store::from_dir(dir.path()).unwrap()).to_string().as_str())
    );
}

#[test]
fn the_serve_command_refuses_a_missing_build_and_a_busy_port() {
    let missing = tempfile::tempdir().unwrap();
    let output = Process::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(["serve", "--bind", "127.0.0.1:0", "-d"])
        .arg(missing.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("graph.nq"), "{stderr}");

    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("graph.nq"), "<urn:a> <urn:b> <urn:c> <urn:g> .\n").unwrap();
    let output = Process::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "-d"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")), "{stderr}");
}
