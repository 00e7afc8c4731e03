//! `diplograph push` against test doubles of a store: a small Graph Store
//! Protocol server on a loopback port that keeps graphs in memory (PUT
//! replaces, POST adds, DELETE removes) and can be told to fail; a closed
//! port for a store that is down.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use assert_cmd::Command;
use diplograph::graph::KnowledgeGraph;
use diplograph::push::{self, Options, Target};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::GraphName;

/// One request as the fake store saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn param(&self, name: &str) -> Option<String> {
        let query = self.target.split_once('?')?.1;
        form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
    }
}

/// What the fake store holds: graph IRI -> N-Triples lines.
type Graphs = BTreeMap<String, Vec<String>>;

/// A canned answer instead of the store's own, for the first N requests.
type Script = Vec<(u16, &'static str)>;

struct FakeStore {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    graphs: Arc<Mutex<Graphs>>,
}

impl FakeStore {
    fn start(script: Script) -> FakeStore {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let graphs = Arc::new(Mutex::new(Graphs::new()));
        let (seen2, graphs2) = (seen.clone(), graphs.clone());
        std::thread::spawn(move || {
            let mut script = script.into_iter();
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let Some(request) = read_request(&stream) else { continue };
                seen2.lock().unwrap().push(request.clone());
                let (status, body) = match script.next() {
                    Some((status, body)) => (status, body.to_string()),
                    None => answer(&request, &mut graphs2.lock().unwrap()),
                };
                respond(stream, status, &body);
            }
        });
        FakeStore { port, seen, graphs }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/store", self.port)
    }

    fn query_url(&self) -> String {
        format!("http://127.0.0.1:{}/query", self.port)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn counts(&self) -> BTreeMap<String, usize> {
        self.graphs.lock().unwrap().iter().map(|(g, lines)| (g.clone(), lines.len())).collect()
    }

    fn put(&self, graph: &str, lines: &[&str]) {
        self.graphs.lock().unwrap().insert(graph.to_string(), lines.iter().map(|l| l.to_string()).collect());
    }
}

fn read_request(stream: &TcpStream) -> Option<Seen> {
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen { method, target, headers, body })
}

fn respond(mut stream: TcpStream, status: u16, body: &str) {
    let reason = match status {
        200 => "OK",
        204 => "No Content",
        401 => "Unauthorized",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "Whatever",
    };
    let extra = if status == 401 { "WWW-Authenticate: Basic realm=\"store\"\r\n" } else { "" };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
        body.len()
    );
}

/// The Graph Store Protocol on `graphs`, and the one SPARQL query `push
/// --replace` asks (every graph, as SPARQL JSON).
fn answer(request: &Seen, graphs: &mut Graphs) -> (u16, String) {
    if request.target.starts_with("/query") {
        let bindings: Vec<String> = graphs
            .keys()
            .map(|g| format!(r#"{{"g":{{"type":"uri","value":{}}}}}"#, serde_json::Value::from(g.as_str())))
            .collect();
        return (200, format!(r#"{{"head":{{"vars":["g"]}},"results":{{"bindings":[{}]}}}}"#, bindings.join(",")));
    }
    let graph = request.param("graph").unwrap_or_else(|| "default".to_string());
    let lines = || String::from_utf8_lossy(&request.body).lines().map(str::to_string).collect::<Vec<_>>();
    match request.method.as_str() {
        "PUT" => {
            graphs.insert(graph, lines());
        }
        "POST" => graphs.entry(graph).or_default().extend(lines()),
        "DELETE" => {
            if graphs.remove(&graph).is_none() {
                return (404, String::new());
            }
        }
        _ => return (405, String::new()),
    }
    (204, String::new())
}

/// A build directory holding the fixture's graph.nq, and its triples per graph.
fn build_dir() -> (tempfile::TempDir, BTreeMap<String, usize>) {
    let dir = tempfile::tempdir().unwrap();
    let graph = KnowledgeGraph::build(&diplograph::fixtures::small_extraction());
    let path = dir.path().join("graph.nq");
    diplograph::output::write_atomic(&path, |out| {
        diplograph::export::write(&graph, diplograph::export::Format::Nquads, &Default::default(), out)
    })
    .unwrap();
    let mut counts = BTreeMap::new();
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(&std::fs::read(&path).unwrap()) {
        if let GraphName::NamedNode(g) = quad.unwrap().graph_name {
            *counts.entry(g.as_str().to_string()).or_insert(0) += 1;
        }
    }
    (dir, counts)
}

fn target(store: &FakeStore) -> Target {
    Target { store: store.url(), query_endpoint: Some(store.query_url()), ..Target::default() }
}

/// Fast retries; named graphs only (the default graph's merge has a test of its own).
fn quick() -> Options {
    Options { backoff: Duration::from_millis(10), default_graph: false, ..Options::default() }
}

fn push(dir: &Path, target: &Target, options: &Options) -> (diplograph::Result<push::Report>, Vec<String>) {
    let mut log = Vec::new();
    let result = push::push(dir, target, options, &mut |line| log.push(line.to_string()));
    (result, log)
}

fn diplograph() -> Command {
    let mut cmd = Command::cargo_bin("diplograph").unwrap();
    for var in ["DIPLOGRAPH_STORE_USER", "DIPLOGRAPH_STORE_PASSWORD", "DIPLOGRAPH_STORE_HEADERS"] {
        cmd.env_remove(var);
    }
    cmd
}

#[test]
fn one_put_per_graph_and_pushing_twice_leaves_the_store_as_one_push() {
    let (dir, expected) = build_dir();
    let store = FakeStore::start(Vec::new());
    let (report, _) = push(dir.path(), &target(&store), &quick());
    let report = report.unwrap();
    assert_eq!(store.counts(), expected);
    assert!(expected.contains_key("https://w3id.org/diplograph/ontology"), "{expected:?}");
    assert_eq!((report.puts, report.posts, report.graphs.len()), (expected.len(), 0, expected.len()));
    assert_eq!(report.triples(), expected.values().sum::<usize>());
    let first = store.seen();
    assert!(first.iter().all(|r| r.method == "PUT" && r.header("content-type") == Some("text/turtle; charset=utf-8")));
    let graphs: Vec<String> = first.iter().filter_map(|r| r.param("graph")).collect();
    assert_eq!(graphs, expected.keys().cloned().collect::<Vec<_>>());
    // Each body parses as Turtle and holds its graph's triples.
    for request in &first {
        let triples = RdfParser::from_format(RdfFormat::Turtle).for_slice(&request.body).count();
        assert_eq!(triples, expected[&request.param("graph").unwrap()]);
    }

    push(dir.path(), &target(&store), &quick()).0.unwrap();
    assert_eq!(store.counts(), expected, "a second push changed the store");
    let second: Vec<(String, String, Vec<u8>)> =
        store.seen()[first.len()..].iter().map(|r| (r.method.clone(), r.target.clone(), r.body.clone())).collect();
    let first: Vec<(String, String, Vec<u8>)> =
        first.iter().map(|r| (r.method.clone(), r.target.clone(), r.body.clone())).collect();
    assert_eq!(second, first);
}

#[test]
fn the_default_graph_is_replaced_by_the_merge_of_the_named_graphs() {
    let (dir, expected) = build_dir();
    let store = FakeStore::start(Vec::new());
    let options = Options { default_graph: true, ..quick() };
    push(dir.path(), &target(&store), &options).0.unwrap();
    push(dir.path(), &target(&store), &options).0.unwrap();
    let counts = store.counts();
    let merged = counts.get("default").copied().expect("the default graph was pushed");
    // Every named graph's triples, each once: fewer than their sum when an
    // entity is described in two graphs, never fewer than the largest graph.
    assert!(merged <= expected.values().sum::<usize>());
    assert!(merged >= expected.values().copied().max().unwrap());
    let mut named = counts.clone();
    named.remove("default");
    assert_eq!(named, expected, "the named graphs are as without the merge");
    let defaults: Vec<_> = store.seen().into_iter().filter(|r| r.target.ends_with("?default")).collect();
    assert_eq!(defaults.len(), 2, "one PUT per push");
    assert!(defaults.iter().all(|r| r.method == "PUT"));
    assert_eq!(defaults[0].body, defaults[1].body, "the same build sends the same merge");
    let store_view = oxigraph::store::Store::new().unwrap();
    let loader = RdfParser::from_format(RdfFormat::Turtle);
    store_view.load_from_reader(loader, defaults[0].body.as_slice()).unwrap();
    assert_eq!(store_view.len().unwrap(), merged, "no triple is sent twice");
}

#[test]
fn a_graph_larger_than_a_batch_goes_as_put_then_posts() {
    let (dir, expected) = build_dir();
    let store = FakeStore::start(Vec::new());
    let options = Options { batch_bytes: 2000, ..quick() };
    let report = push(dir.path(), &target(&store), &options).0.unwrap();
    assert!(report.posts > 0, "{report:?}");
    assert_eq!(report.puts, expected.len());
    assert_eq!(store.counts(), expected);
    // Twice still gives the same store: the PUT clears what the POSTs added.
    push(dir.path(), &target(&store), &options).0.unwrap();
    assert_eq!(store.counts(), expected);
}

#[test]
fn replace_deletes_the_graphs_earlier_pushes_left_and_nothing_else() {
    let (dir, expected) = build_dir();
    let store = FakeStore::start(Vec::new());
    let stale = "https://w3id.org/diplograph/id/graph/removed.txt";
    store.put(stale, &["<urn:a> <urn:b> <urn:c> ."]);
    store.put("urn:someone-else", &["<urn:a> <urn:b> <urn:c> ."]);
    let options = Options { replace: true, ..quick() };

    let dry = push(dir.path(), &target(&store), &Options { dry_run: true, ..options.clone() }).0.unwrap();
    assert_eq!(dry.deleted, [stale]);
    assert!(store.seen().iter().all(|r| r.target.starts_with("/query")), "a dry run wrote to the store");
    assert!(store.counts().contains_key(stale));

    let report = push(dir.path(), &target(&store), &options).0.unwrap();
    assert_eq!(report.deleted, [stale]);
    let mut expected_after = expected.clone();
    expected_after.insert("urn:someone-else".into(), 1);
    assert_eq!(store.counts(), expected_after);
}

#[test]
fn a_dry_run_sends_nothing_and_reports_graphs_and_triples() {
    let (dir, expected) = build_dir();
    let store = FakeStore::start(Vec::new());
    let dry_run = |extra: &[&str]| {
        let output = diplograph()
            .args(["push", "--dry-run", "--store", &store.url()])
            .args(extra)
            .arg("-d")
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    let stdout = dry_run(&["--no-default-graph"]);
    assert!(store.seen().is_empty());
    for (graph, triples) in &expected {
        assert!(stdout.contains(&format!("PUT <{graph}>  {triples} triples")), "{stdout}");
    }
    let total: usize = expected.values().sum();
    assert!(stdout.contains(&format!("dry run: {} graphs, {total} triples would be sent", expected.len())), "{stdout}");
    assert!(!stdout.contains("PUT DEFAULT"), "{stdout}");
    let stdout = dry_run(&[]);
    assert!(stdout.contains("PUT DEFAULT  "), "the merge goes to the default graph: {stdout}");
    assert!(store.seen().is_empty());
}

#[test]
fn a_store_that_is_down_is_retried_then_named_with_exit_code_2() {
    let (dir, _) = build_dir();
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{closed}/store");
    let (result, log) =
        push(dir.path(), &Target { store: url.clone(), ..Target::default() }, &Options { retries: 2, ..quick() });
    let message = result.unwrap_err().to_string();
    assert!(message.starts_with(&format!("PUT {url}?graph=")), "{message}");
    assert!(message.contains("connection refused") && message.contains("gave up after 3 attempts"), "{message}");
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log[0].contains("retrying in 0.0 s (attempt 2 of 3)"), "{log:?}");

    let output = diplograph().args(["push", "--retries", "0", "--store", &url, "-d"]).arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("diplograph push: PUT http://127.0.0.1:") && stderr.contains("connection refused"),
        "{stderr}"
    );
}

#[test]
fn a_store_answering_401_stops_at_once_without_showing_the_password() {
    let (dir, _) = build_dir();
    let store = FakeStore::start(vec![(401, "authentication required")]);
    let output = diplograph()
        .env("DIPLOGRAPH_STORE_USER", "loader")
        .env("DIPLOGRAPH_STORE_PASSWORD", "hunter2-secret")
        .args(["push", "--store", &store.url(), "-d"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("HTTP 401 Unauthorized: authentication required"), "{stderr}");
    assert!(stderr.contains("DIPLOGRAPH_STORE_USER"), "{stderr}");
    assert!(!stderr.contains("hunter2") && !String::from_utf8_lossy(&output.stdout).contains("hunter2"));
    assert_eq!(store.seen().len(), 1, "a 401 was retried");
}

#[test]
fn a_store_answering_404_is_named_as_the_wrong_endpoint() {
    let (dir, _) = build_dir();
    let store = FakeStore::start(vec![(404, "")]);
    let message = push(dir.path(), &target(&store), &quick()).0.unwrap_err().to_string();
    assert!(message.contains("HTTP 404 Not Found") && message.contains("Graph Store Protocol endpoint"), "{message}");
    assert_eq!(store.seen().len(), 1);
}

#[test]
fn a_5xx_is_retried_and_the_push_completes() {
    let (dir, expected) = build_dir();
    let store = FakeStore::start(vec![(503, "starting up"), (500, "")]);
    let (report, log) = push(dir.path(), &target(&store), &quick());
    report.unwrap();
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log[0].contains("HTTP 503 Service Unavailable: starting up"), "{log:?}");
    assert_eq!(store.counts(), expected);
    assert_eq!(store.seen().len(), expected.len() + 2);
}

#[test]
fn credentials_and_headers_come_from_the_environment() {
    let (dir, _) = build_dir();
    let store = FakeStore::start(Vec::new());
    diplograph()
        .env("DIPLOGRAPH_STORE_USER", "loader")
        .env("DIPLOGRAPH_STORE_PASSWORD", "pw:with colon")
        .env("DIPLOGRAPH_STORE_HEADERS", "X-Api-Key: k1\nX-Tenant: diplo; main")
        .args(["push", "--store", &store.url(), "-d"])
        .arg(dir.path())
        .assert()
        .success();
    let seen = store.seen();
    assert!(!seen.is_empty());
    for request in &seen {
        // base64("loader:pw:with colon")
        assert_eq!(request.header("authorization"), Some("Basic bG9hZGVyOnB3OndpdGggY29sb24="));
        assert_eq!(request.header("x-api-key"), Some("k1"));
        assert_eq!(request.header("x-tenant"), Some("diplo; main"));
    }
}

#[test]
fn bad_arguments_are_refused_before_anything_is_sent() {
    let (dir, _) = build_dir();
    let refused = |args: &[&str], envs: &[(&str, &str)], expected: &str| {
        let mut cmd = diplograph();
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let output = cmd.arg("push").args(args).arg("-d").arg(dir.path()).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    };
    refused(&["--store", "http://admin:pw@127.0.0.1:1/store"], &[], "credentials in the URL are refused");
    refused(&["--store", "127.0.0.1:1/store"], &[], "expected an http:// or https:// URL");
    refused(&["--store", "http://127.0.0.1:1/store", "--replace"], &[], "--query-endpoint");
    refused(
        &["--store", "http://127.0.0.1:1/store"],
        &[("DIPLOGRAPH_STORE_PASSWORD", "x")],
        "DIPLOGRAPH_STORE_USER is not",
    );
    refused(&["--store", "http://127.0.0.1:1/store"], &[("DIPLOGRAPH_STORE_HEADERS", "nonsense")], "line 1");
    let empty = tempfile::tempdir().unwrap();
    let output =
        diplograph().args(["push", "--store", "http://127.0.0.1:1/store", "-d"]).arg(empty.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("graph.nq"));
}
