//! Load benchmark for `diplograph serve` (not a test): N client threads send
//! queries for a fixed time, each waiting for its answer before the next
//! (closed loop, keep-alive connections), then it reports throughput,
//! latency percentiles and errors.
//!
//! ```sh
//! diplograph serve -d out --bind 127.0.0.1:7878 &
//! cargo run --release --example serve_load -- http://127.0.0.1:7878/sparql --clients 16 --seconds 30
//! cargo run --release --example serve_load -- URL --query 'ASK { ?s ?p ?o }'   # one query instead of the mix
//! ```
//!
//! Without `--query`, each client cycles through the built-in competency
//! queries (`queries/*.rq`), starting at a different one, as form POSTs
//! asking for SPARQL JSON. An error is any transport failure or status other
//! than 200.

use std::time::{Duration, Instant};

struct Args {
    url: String,
    clients: usize,
    seconds: f64,
    queries: Vec<(String, String)>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut url = None;
    let mut clients = 16;
    let mut seconds = 30.0;
    let mut queries = Vec::new();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--clients" => clients = value("--clients")?.parse().map_err(|e| format!("--clients: {e}"))?,
            "--seconds" => seconds = value("--seconds")?.parse().map_err(|e| format!("--seconds: {e}"))?,
            "--query" => queries.push(("query".to_string(), value("--query")?)),
            "-h" | "--help" => return Err(String::new()),
            other if url.is_none() && !other.starts_with('-') => url = Some(other.to_string()),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    if queries.is_empty() {
        queries =
            diplograph::serve::page::BUILTIN_QUERIES.iter().map(|(n, q)| (n.to_string(), q.to_string())).collect();
    }
    let url = url.ok_or("give the endpoint URL, e.g. http://127.0.0.1:7878/sparql")?;
    Ok(Args { url, clients: clients.max(1), seconds, queries })
}

/// One client's record: latencies of successes, and errors by kind.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    errors: std::collections::BTreeMap<String, usize>,
}

fn client(url: &str, queries: &[(String, String)], start_at: usize, until: Instant) -> Tally {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let mut tally = Tally::default();
    let mut i = start_at;
    while Instant::now() < until {
        let (_, query) = &queries[i % queries.len()];
        i += 1;
        let sent = Instant::now();
        let outcome = agent
            .post(url)
            .header("Accept", "application/sparql-results+json, text/turtle;q=0.9")
            .send_form([("query", query.as_str())])
            .and_then(|mut r| r.body_mut().read_to_vec().map(|_| r.status().as_u16()));
        match outcome {
            Ok(200) => tally.latencies.push(sent.elapsed()),
            Ok(status) => *tally.errors.entry(format!("HTTP {status}")).or_default() += 1,
            Err(e) => *tally.errors.entry(e.to_string()).or_default() += 1,
        }
    }
    tally
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("serve_load: {message}");
            }
            eprintln!("usage: serve_load URL [--clients N] [--seconds S] [--query Q]...");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(args.seconds);
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..args.clients)
            .map(|c| {
                let (url, queries) = (&args.url, &args.queries);
                scope.spawn(move || client(url, queries, c, until))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let mut latencies: Vec<Duration> = tallies.iter().flat_map(|t| t.latencies.iter().copied()).collect();
    latencies.sort();
    let mut errors = std::collections::BTreeMap::<String, usize>::new();
    for tally in &tallies {
        for (kind, n) in &tally.errors {
            *errors.entry(kind.clone()).or_default() += n;
        }
    }
    let failed: usize = errors.values().sum();
    println!(
        "{} clients, {:.1} s, {} queries{}",
        args.clients,
        elapsed,
        args.queries.len(),
        if args.queries.len() > 1 { " (the saved competency queries, in turn)" } else { "" }
    );
    println!(
        "{} answers, {:.1} requests/s; latency p50 {}, p90 {}, p99 {}, max {}; {} errors",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 90.0)),
        ms(percentile(&latencies, 99.0)),
        ms(latencies.last().copied().unwrap_or_default()),
        failed
    );
    for (kind, n) in errors {
        println!("  {n} × {kind}");
    }
}
