//! The benchmark corpus generator (benches/support/gen.rs): deterministic
//! from a seed, a mix of HTML and text, and realistic enough that the
//! pipeline finds the documents and speakers it plants.

#[path = "../benches/support/gen.rs"]
mod gen;

use std::collections::HashSet;

use diplograph::extract::Knowledge;
use diplograph::model::{EntityType, Source};
use diplograph::{pipeline, read};

#[test]
fn the_same_seed_gives_the_same_pages() {
    let a = gen::Generator::new(7);
    let b = gen::Generator::new(7);
    for i in [0, 1, 17, 999, 123_456] {
        assert_eq!(a.page(i), b.page(i));
    }
    let other = gen::Generator::new(8);
    assert_ne!(a.page(3).content, other.page(3).content);
    assert_ne!(a.page(3).content, a.page(4).content);
}

#[test]
fn a_corpus_is_a_mix_of_html_and_text_written_deterministically() {
    let pages: Vec<gen::Page> = (0..200).map(|i| gen::Generator::new(42).page(i)).collect();
    let html = pages.iter().filter(|p| p.html).count();
    assert!((40..=120).contains(&html), "{html} HTML pages of 200");
    for page in &pages {
        assert_eq!(page.html, page.name.ends_with(".html"));
        assert_eq!(page.html, page.content.starts_with("<!DOCTYPE html>"));
        assert!(page.documents >= 1);
    }
    let sizes: usize = pages.iter().map(|p| p.content.len()).sum();
    let mean = sizes / pages.len();
    assert!((2_000..=10_000).contains(&mean), "mean page size {mean} bytes");

    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let stats = gen::Generator::new(42).write_corpus(one.path(), 50).unwrap();
    gen::Generator::new(42).write_corpus(two.path(), 50).unwrap();
    assert_eq!(stats.pages, 50);
    for page in &pages[..50] {
        let a = std::fs::read(one.path().join(&page.name)).unwrap();
        let b = std::fs::read(two.path().join(&page.name)).unwrap();
        assert_eq!(a, page.content.as_bytes());
        assert_eq!(a, b);
    }
}

#[test]
fn the_pipeline_finds_the_documents_and_speakers_planted() {
    let k = Knowledge::builtin().unwrap();
    let g = gen::Generator::new(42);
    let pages: Vec<gen::Page> = (0..150).map(|i| g.page(i)).collect();
    let sources: Vec<Source> = pages
        .iter()
        .map(|p| {
            let text = if p.html { read::html_to_text(&p.content) } else { p.content.clone() };
            Source { name: p.name.clone(), text }
        })
        .collect();
    let extraction = pipeline::run_sources(&sources, &k);
    let planted: usize = pages.iter().map(|p| p.documents).sum();
    let found = extraction.documents.len();
    let diff = found.abs_diff(planted);
    assert!(diff * 20 <= planted, "{found} documents found, {planted} planted");

    let persons: HashSet<&str> = extraction
        .entities
        .iter()
        .filter(|e| e.etype == EntityType::Person)
        .flat_map(|e| e.aliases.iter().map(String::as_str))
        .collect();
    let speakers: Vec<&String> = pages.iter().flat_map(|p| &p.speakers).collect();
    let missed: Vec<&&String> = speakers.iter().filter(|s| !persons.contains(s.as_str())).collect();
    assert!(missed.len() * 10 <= speakers.len(), "{} of {} speakers missed: {missed:?}", missed.len(), speakers.len());
    // Every planted speaker is a speaker of some document.
    let speaking = extraction.documents.iter().filter(|d| !d.speakers.is_empty()).count();
    assert!(speaking * 10 >= speakers.len() * 9, "{speaking} documents with a speaker, {} planted", speakers.len());
}
