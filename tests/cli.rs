//! The binary on the demo corpus and on crafted inputs: exit codes, what it
//! writes, and that bad input is named and skipped while the rest goes on.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::str::contains;

fn diplograph() -> Command {
    let mut cmd = Command::cargo_bin("diplograph").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

const STATEMENT: &str = "Statement by Mr. John Smith, Director of the Department of Cyber Affairs of the \
Ministry of Foreign Affairs of Norway, at the Third Session of the Open-ended Working Group, Geneva, 5 May 2021\n\n\
Mr. Chair,\n\nNorway supports the draft Convention on Cyber Peace submitted by Norway.\n";

#[test]
fn build_writes_every_export_atomically_on_the_demo_corpus() {
    let out = tempfile::tempdir().unwrap();
    diplograph()
        .args(["build", "data/corpus", "-o"])
        .arg(out.path())
        .assert()
        .success()
        .stderr(contains("5 files read, 0 skipped"));
    let names = ["annotations.json", "graph.nq", "graph.trig", "ontology.ttl", "graph.graphml", "graph.gexf"];
    for name in names {
        let size = fs::metadata(out.path().join(name)).unwrap().len();
        assert!(size > 100, "{name} is {size} bytes");
    }
    let leftovers: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    let annotations: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("annotations.json")).unwrap()).unwrap();
    assert_eq!(annotations["documents"].as_array().unwrap().len(), 35);
}

#[test]
fn two_builds_give_identical_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    diplograph().args(["build", "data/corpus", "-o"]).arg(a.path()).assert().success();
    diplograph().env("RAYON_NUM_THREADS", "1").args(["build", "data/corpus", "-o"]).arg(b.path()).assert().success();
    for name in ["annotations.json", "graph.nq", "graph.trig", "graph.graphml", "graph.gexf"] {
        assert_eq!(fs::read(a.path().join(name)).unwrap(), fs::read(b.path().join(name)).unwrap(), "{name}");
    }
}

fn export_annotations(dir: &Path) -> (serde_json::Value, std::process::Output) {
    let output = diplograph().args(["export", "--format", "annotations"]).arg(dir).output().unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
    (json, output)
}

#[test]
fn crafted_inputs_are_reported_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a_statement.txt"), STATEMENT).unwrap();
    fs::write(d.join("b_empty.txt"), "").unwrap();
    fs::write(d.join("c_binary.txt"), b"\x00\x01\x02binary").unwrap();
    let mut latin1 = STATEMENT.replace("John Smith", "John Sm\u{0}ith").into_bytes();
    latin1.retain(|b| *b != 0);
    latin1.extend_from_slice(b"\nCaf\xe9 talks.\n");
    fs::write(d.join("d_latin1.txt"), latin1).unwrap();
    fs::write(d.join("e_furniture.txt"), "Moscow: 07:57\n+44 (0) 203 668 7474\nall messages\n").unwrap();
    fs::write(
        d.join("f_page.html"),
        format!("<html><head><title>x</title><script>var a = '<p>';</script></head><body><nav>Home</nav><h1>{}</h1><p>Norway &amp; Russia met.</p></body></html>", STATEMENT.lines().next().unwrap()),
    )
    .unwrap();
    std::os::unix::fs::symlink(d.join("missing-target.txt"), d.join("g_unreadable.txt")).unwrap();

    let (json, output) = export_annotations(d);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("c_binary.txt") && stderr.contains("binary"), "{stderr}");
    assert!(stderr.contains("g_unreadable.txt"), "{stderr}");
    assert!(stderr.contains("d_latin1.txt") && stderr.contains("UTF-8"), "{stderr}");
    let documents = json["documents"].as_array().unwrap();
    let sources: Vec<&str> = documents.iter().map(|d| d["source"].as_str().unwrap()).collect();
    assert!(
        sources.contains(&"a_statement.txt") && sources.contains(&"d_latin1.txt") && sources.contains(&"f_page.html"),
        "{sources:?}"
    );
    assert!(!sources.contains(&"b_empty.txt") && !sources.contains(&"e_furniture.txt"), "{sources:?}");
    let html = documents.iter().find(|d| d["source"] == "f_page.html").unwrap();
    assert_eq!(html["kind"], "statement");
    assert_eq!(html["date"], "2021-05-05");
    assert_eq!(html["place"], "Geneva");
    assert_eq!(html["speakers"][0], "John Smith");
}

#[test]
fn a_clean_run_exits_zero_and_bad_arguments_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("s.txt"), STATEMENT).unwrap();
    let (json, output) = export_annotations(dir.path());
    assert_eq!(output.status.code(), Some(0));
    let labels: Vec<&str> = json["entities"].as_array().unwrap().iter().map(|e| e["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"John Smith") && labels.contains(&"Norway"), "{labels:?}");
    diplograph()
        .args(["eval", "--gold", "no/such/gold.json", "data/corpus"])
        .assert()
        .code(2)
        .stderr(contains("no/such/gold.json"));
    diplograph()
        .args(["build", "--gazetteer", "no/such.toml", "data/corpus"])
        .assert()
        .code(2)
        .stderr(contains("no/such.toml"));
}

#[test]
fn eval_prints_scores_and_explains() {
    diplograph()
        .args(["eval", "--gold", "data/gold/seeds.json", "data/corpus", "--json"])
        .assert()
        .success()
        .stdout(contains("\"mentions\""));
    diplograph()
        .args(["eval", "--gold", "data/gold/seeds.json", "data/corpus", "--explain"])
        .assert()
        .success()
        .stdout(contains("mention miss"));
}

#[test]
fn export_split_bytes_writes_gzipped_chunks_that_together_hold_the_dataset() {
    use std::io::Read;
    let out = tempfile::tempdir().unwrap();
    let chunks = out.path().join("chunks");
    diplograph()
        .args(["export", "data/corpus", "--format", "nquads", "--split-bytes", "300K", "--gzip", "-o"])
        .arg(&chunks)
        .assert()
        .success()
        .stderr(contains("chunks ("));
    let whole = diplograph().args(["export", "data/corpus", "--format", "nquads"]).output().unwrap().stdout;
    let mut names: Vec<_> =
        fs::read_dir(&chunks).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert!(names.len() >= 6, "{names:?}");
    let mut joined = Vec::new();
    for (i, name) in names.iter().enumerate() {
        assert_eq!(name, &format!("part-{:05}.nq.gz", i + 1));
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(fs::File::open(chunks.join(name)).unwrap()).read_to_end(&mut text).unwrap();
        assert!(text.len() <= 300 * 1024 && text.ends_with(b"\n"), "{name}: {} bytes", text.len());
        joined.extend(text);
    }
    assert_eq!(joined, whole);
    // Only the chunk directory: nothing temporary left beside it.
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 1);
    // A format that is not line-based cannot be split.
    diplograph()
        .args(["export", "data/corpus", "--format", "turtle", "--split-bytes", "1M", "-o"])
        .arg(out.path().join("ttl"))
        .assert()
        .code(2)
        .stderr(contains("--split-bytes needs a line-based format"));
}
