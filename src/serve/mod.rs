//! `diplograph serve`: the embedded store behind a read-only SPARQL 1.1
//! Protocol endpoint at `/sparql`, and a query page at `/`.
//!
//! HTTP is axum on a tokio runtime; queries run on tokio's blocking pool,
//! at most [`Config::workers`] at once (a semaphore), because oxigraph's
//! evaluation is synchronous CPU work that must not stall the threads that
//! accept connections. Each query carries a cancellation token: when the
//! timeout fires the client gets a 503 and the token stops the evaluation at
//! its next read of the store, which frees the worker. The request side of
//! the protocol (parameters, content negotiation) is in [`protocol`], the
//! page in [`page`].

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method as HttpMethod, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use tokio::sync::Semaphore;

use crate::{store, Error, Result};

pub mod page;
pub mod protocol;

use page::SavedQuery;
use protocol::Refusal;

/// How the endpoint listens and what it allows.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free port ([`Server::addr`] tells which).
    pub bind: SocketAddr,
    /// How long a query may take, waiting for a worker included.
    pub timeout: Duration,
    /// The largest request body (and URL query string) accepted, in bytes.
    pub max_request_bytes: usize,
    /// How many queries are evaluated at once; more wait for a free worker.
    pub workers: usize,
    /// The saved queries the page offers.
    pub queries: Vec<SavedQuery>,
}

/// The address `serve` listens on unless told otherwise: loopback only.
pub const DEFAULT_BIND: &str = "127.0.0.1:7878";

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: DEFAULT_BIND.parse().expect("DEFAULT_BIND is a socket address"),
            timeout: Duration::from_secs(30),
            max_request_bytes: 1 << 20,
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            queries: page::builtin_queries(),
        }
    }
}

/// What the handlers share.
struct App {
    store: Store,
    timeout: Duration,
    max_request_bytes: usize,
    workers: Arc<Semaphore>,
    worker_count: usize,
    queries_json: String,
}

/// A running endpoint, answering on a thread of its own (for tests and for
/// programs that embed it); `diplograph serve` uses [`run_until_signal`].
pub struct Server {
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Server {
    /// Binds `config.bind` and starts answering.
    pub fn start(store: Store, config: Config) -> Result<Server> {
        let (listener, addr) = bind(config.bind)?;
        let (sender, receiver) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("diplograph-serve".into())
            .spawn(move || {
                let shutdown = async {
                    let _ = receiver.await;
                };
                run_on(runtime()?, serve(listener, addr, store, config, shutdown))
            })
            .map_err(|e| Error::Usage(format!("cannot start the server thread: {e}")))?;
        Ok(Server { addr, shutdown: Some(sender), thread: Some(thread) })
    }

    /// The address it listens on (with the real port when asked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The SPARQL endpoint's URL.
    pub fn sparql_url(&self) -> String {
        format!("http://{}/sparql", self.addr)
    }

    /// Stops listening, lets requests in flight finish, and returns.
    pub fn stop(mut self) -> Result<()> {
        self.shutdown_and_join()
    }

    fn shutdown_and_join(&mut self) -> Result<()> {
        if let Some(sender) = self.shutdown.take() {
            let _ = sender.send(());
        }
        match self.thread.take().map(|t| t.join()) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(Error::Usage("the server thread panicked".into())),
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.shutdown_and_join();
    }
}

/// Binds `config.bind`, calls `on_listening` with the real address, and
/// answers until SIGINT or SIGTERM; requests in flight are finished first.
pub fn run_until_signal(store: Store, config: Config, on_listening: impl FnOnce(SocketAddr)) -> Result<()> {
    let (listener, addr) = bind(config.bind)?;
    let runtime = runtime()?;
    on_listening(addr);
    run_on(runtime, serve(listener, addr, store, config, shutdown_signal()))
}

/// Runs the server to its end, then gives evaluations still running (all
/// cancelled by then) a moment to reach their next check before leaving them.
fn run_on(runtime: tokio::runtime::Runtime, server: impl std::future::Future<Output = Result<()>>) -> Result<()> {
    let result = runtime.block_on(server);
    runtime.shutdown_timeout(Duration::from_secs(1));
    result
}

/// A listener on `addr`, and the address it really got (`addr` may ask for port 0).
fn bind(addr: SocketAddr) -> Result<(std::net::TcpListener, SocketAddr)> {
    let listener = std::net::TcpListener::bind(addr).map_err(|e| bind_error(addr, e))?;
    listener.set_nonblocking(true).map_err(|e| bind_error(addr, e))?;
    let bound = listener.local_addr().map_err(|e| bind_error(addr, e))?;
    Ok((listener, bound))
}

fn bind_error(addr: SocketAddr, e: std::io::Error) -> Error {
    Error::Usage(format!("cannot listen on {addr}: {e}"))
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("diplograph-http")
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the HTTP runtime: {e}")))
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}

async fn serve(
    listener: std::net::TcpListener,
    addr: SocketAddr,
    store: Store,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| bind_error(addr, e))?;
    let workers = config.workers.max(1);
    let app = Arc::new(App {
        store,
        timeout: config.timeout,
        max_request_bytes: config.max_request_bytes,
        workers: Arc::new(Semaphore::new(workers)),
        worker_count: workers,
        queries_json: page::queries_json(&config.queries),
    });
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| Error::Usage(format!("the server stopped: {e}")))
}

fn router(app: Arc<App>) -> Router {
    // Any origin may query: the data is public and the endpoint read-only,
    // and no credentials are involved. Preflight admits the protocol's
    // content types.
    let cors = tower_http::cors::CorsLayer::new()
        .allow_origin(tower_http::cors::Any)
        .allow_methods([HttpMethod::GET, HttpMethod::POST])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT])
        .max_age(Duration::from_secs(3600));
    Router::new()
        .route("/", get(index))
        .route("/app.js", get(app_js))
        .route("/queries", get(queries))
        .route("/sparql", get(sparql).post(sparql))
        .layer(cors)
        .with_state(app)
}

async fn index() -> Response {
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page::INDEX_HTML).into_response();
    // The page loads only its own script and talks only to this server.
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; style-src 'self' 'unsafe-inline'"),
    );
    response
}

async fn app_js() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], page::APP_JS).into_response()
}

async fn queries(State(app): State<Arc<App>>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], app.queries_json.clone()).into_response()
}

/// A plain-text answer: errors carry the reason as the body.
fn text(status: u16, message: impl Into<String>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut body = message.into();
    body.push('\n');
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        text(self.status, self.message)
    }
}

/// The SPARQL 1.1 Protocol query operation.
async fn sparql(State(app): State<Arc<App>>, request: Request) -> Response {
    match answer_request(app, request).await {
        Ok(response) => response,
        Err(refusal) => refusal.into_response(),
    }
}

async fn answer_request(app: Arc<App>, request: Request) -> Result<Response, Refusal> {
    let (parts, body) = request.into_parts();
    let headers = &parts.headers;
    let method = if parts.method == HttpMethod::POST { protocol::Method::Post } else { protocol::Method::Get };
    let url_query = parts.uri.query();
    if url_query.map_or(0, str::len) > app.max_request_bytes {
        return Err(Refusal::new(
            414,
            format!("the URL is longer than {} bytes: POST the query", app.max_request_bytes),
        ));
    }
    let body = read_body(headers, body, app.max_request_bytes).await?;
    let request = protocol::parse(method, header_str(headers, header::CONTENT_TYPE), url_query, &body)?;
    let accept = header_str(headers, header::ACCEPT).map(str::to_string);

    let token = CancellationToken::new();
    let prepared = prepare(&request, token.clone())?;
    // Whatever ends this request (answer, timeout, client gone) stops the
    // evaluation too.
    let _cancel = CancelOnDrop(token);
    let deadline = tokio::time::Instant::now() + app.timeout;
    let permit = tokio::time::timeout_at(deadline, app.workers.clone().acquire_owned())
        .await
        .map_err(|_| {
            Refusal::new(
                503,
                format!(
                    "server busy: all {} query workers stayed busy for {} (the query timeout); try again",
                    app.worker_count,
                    seconds(app.timeout)
                ),
            )
        })?
        .map_err(|_| Refusal::new(503, "the server is shutting down"))?;
    let store = app.store.clone();
    let worker = tokio::task::spawn_blocking(move || {
        // The permit is released only when the evaluation has really
        // stopped, so that cancelled queries still count against the pool.
        let _permit = permit;
        evaluate(&store, prepared, accept.as_deref())
    });
    match tokio::time::timeout_at(deadline, worker).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(_)) => Err(Refusal::new(500, "the query worker failed")),
        Err(_) => {
            let message = format!(
                "query timed out after {} (diplograph serve --timeout); its evaluation was cancelled",
                seconds(app.timeout)
            );
            eprintln!("diplograph serve: {message}");
            Err(Refusal::new(503, message))
        }
    }
}

fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Reads the body, refusing (413) one larger than `limit`: first by its
/// declared length, before reading it, then while reading.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, Refusal> {
    let too_large = || Refusal::new(413, format!("the request body is larger than {limit} bytes"));
    let declared = header_str(headers, header::CONTENT_LENGTH).and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, limit).await.map_err(|_| too_large())
}

/// Parses the query (400 with the parser's message, 403 for an update sent
/// as a query) and applies the protocol's dataset, if any.
fn prepare(request: &protocol::QueryRequest, token: CancellationToken) -> Result<PreparedSparqlQuery, Refusal> {
    let mut prepared = match store::prepare_cancellable(&request.query, "query", token) {
        Ok(prepared) => prepared,
        Err(e) => {
            if SparqlEvaluator::new().parse_update(&request.query).is_ok() {
                return Err(Refusal::read_only());
            }
            return Err(Refusal::new(400, e.to_string()));
        }
    };
    let iri = |name: &str, value: &str| {
        NamedNode::new(value).map_err(|e| Refusal::new(400, format!("{name} {value:?} is not an IRI: {e}")))
    };
    if !request.default_graphs.is_empty() {
        let graphs = request
            .default_graphs
            .iter()
            .map(|g| iri("default-graph-uri", g).map(GraphName::NamedNode))
            .collect::<Result<Vec<_>, _>>()?;
        prepared.dataset_mut().set_default_graph(graphs);
    }
    if !request.named_graphs.is_empty() {
        let graphs = request
            .named_graphs
            .iter()
            .map(|g| iri("named-graph-uri", g).map(NamedOrBlankNode::NamedNode))
            .collect::<Result<Vec<_>, _>>()?;
        prepared.dataset_mut().set_available_named_graphs(graphs);
    }
    Ok(prepared)
}

/// Cancels its token when dropped.
struct CancelOnDrop(CancellationToken);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Runs the query to the end and serializes the answer in the syntax the
/// client accepts. The whole answer is built before it is sent, so that a
/// failure or timeout midway is an HTTP error, not a truncated 200.
fn evaluate(store: &Store, prepared: PreparedSparqlQuery, accept: Option<&str>) -> Result<Response, Refusal> {
    let io = |e: std::io::Error| Refusal::new(500, format!("cannot serialize the results: {e}"));
    let mut body = Vec::new();
    let content_type = match prepared.on_store(store).execute().map_err(failure)? {
        QueryResults::Solutions(solutions) => {
            let format = protocol::negotiate_results(accept).ok_or_else(not_acceptable)?;
            let variables = solutions.variables().to_vec();
            let mut writer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut body, variables)
                .map_err(io)?;
            for solution in solutions {
                writer.serialize(&solution.map_err(failure)?).map_err(io)?;
            }
            writer.finish().map_err(io)?;
            protocol::results_content_type(format).to_string()
        }
        QueryResults::Boolean(value) => {
            let format = protocol::negotiate_results(accept).ok_or_else(not_acceptable)?;
            QueryResultsSerializer::from_format(format).serialize_boolean_to_writer(&mut body, value).map_err(io)?;
            protocol::results_content_type(format).to_string()
        }
        QueryResults::Graph(triples) => {
            let format = protocol::negotiate_rdf(accept).ok_or_else(not_acceptable)?;
            let triples = triples.collect::<Result<Vec<Triple>, _>>().map_err(failure)?;
            crate::export::rdf::write_triples(triples, format, &mut body)
                .map_err(|e| Refusal::new(500, format!("cannot serialize the results: {e}")))?;
            protocol::rdf_content_type(format)
        }
    };
    Ok(([(header::CONTENT_TYPE, content_type), (header::VARY, "Accept".to_string())], body).into_response())
}

fn failure(e: QueryEvaluationError) -> Refusal {
    match e {
        // The timeout fired; the handler has already answered.
        QueryEvaluationError::Cancelled => Refusal::new(503, "query cancelled"),
        other => Refusal::new(500, format!("query evaluation failed: {other}")),
    }
}

fn not_acceptable() -> Refusal {
    Refusal::new(
        406,
        format!("none of the Accept header's media types fits this query; offered: {}", protocol::supported_types()),
    )
}
