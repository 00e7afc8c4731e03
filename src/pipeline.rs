//! The pipeline: read → segment → extract → relate (per source, in
//! parallel, text dropped afterwards) → resolve (whole corpus) → graph.
//!
//! Sources stream through the per-source stages on every core; only what
//! they yield (mentions, relations, spans: the size of the graph) is kept
//! for the resolve stage, never the text.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::extract::{self, DocText, Knowledge};
use crate::graph::KnowledgeGraph;
use crate::model::{CharIndex, Document, EntityType, Evidence, Extraction, Source, Span};
use crate::read::{self, Diagnostic, InputFile};
use crate::relate::{self, Endpoint};
use crate::{resolve, segment};

/// A mention with its character span and anchor text: what resolve needs
/// of an [`extract::Found`] mention, kept for the whole corpus (millions of
/// them), so kept small. Names and anchors repeat within a source: each is
/// stored once in [`SourceAnalysis::strings`], and numbered.
#[derive(Debug, Clone)]
pub struct LocatedMention {
    pub etype: EntityType,
    /// The name as it will label the entity ([`extract::Found::name`]).
    pub name: StringId,
    /// The words at `span`, as printed.
    pub text: StringId,
    pub naming: extract::Naming,
    pub roles: Box<[String]>,
    /// The gazetteer entry of the body or country a person speaks for.
    pub affiliation: Option<u32>,
    pub span: Span,
}

/// A string's number in its source's [`SourceAnalysis::strings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StringId(u32);

/// A relation read from a document, with the sentence it came from.
#[derive(Debug, Clone)]
pub struct LocatedRelation {
    pub subject: Endpoint,
    pub predicate: crate::model::Predicate,
    pub object: Endpoint,
    pub evidence: Evidence,
}

/// What the per-source stages found in one document.
#[derive(Debug, Clone)]
pub struct DocAnalysis {
    pub document: Document,
    pub span: Span,
    pub title_span: Span,
    pub mentions: Vec<LocatedMention>,
    pub speakers: Vec<usize>,
    pub event: Option<usize>,
    pub relations: Vec<LocatedRelation>,
}

/// What the per-source stages found in one source; its text is gone.
#[derive(Debug, Clone)]
pub struct SourceAnalysis {
    pub name: String,
    pub chars: usize,
    pub docs: Vec<DocAnalysis>,
    /// The names and anchors of its mentions, each once.
    pub strings: Vec<Arc<str>>,
}

impl SourceAnalysis {
    pub fn string(&self, id: StringId) -> &str {
        &self.strings[id.index()]
    }
}

impl StringId {
    /// The position in [`SourceAnalysis::strings`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Segments, extracts and relates one source.
pub fn analyze_source(source: &Source, k: &Knowledge) -> SourceAnalysis {
    let text = source.text.as_str();
    let chars = CharIndex::new(text);
    let documents = segment::segment(source, &k.lexicon, &k.gazetteer);
    let mut texts: Vec<DocText> = Vec::new();
    let mut findings = Vec::new();
    for document in &documents {
        let mut doc = DocText::new(text, document, &k.lexicon);
        findings.push(extract::extract(text, &mut doc, k));
        texts.push(doc);
    }
    let home = home_country(&findings, k);
    let mut strings = Strings::default();
    let docs = documents
        .into_iter()
        .zip(texts.iter().zip(findings))
        .map(|(document, (doc, found))| {
            // A sentence stating several relations is stored once, shared by
            // each of them.
            let mut sentences: HashMap<Range<usize>, (Span, Arc<str>)> = HashMap::new();
            let relations = relate::relate(doc, &found, k, home).into_iter().map(|r| {
                let bytes = doc.tokens[r.sentence.start].start..doc.tokens[r.sentence.end - 1].end;
                let (span, sentence) = sentences
                    .entry(bytes.clone())
                    .or_insert_with(|| (chars.span(&bytes), Arc::from(&text[bytes])))
                    .clone();
                LocatedRelation {
                    subject: r.subject,
                    predicate: r.predicate,
                    object: r.object,
                    evidence: Evidence { doc: document.id.clone(), span, text: sentence },
                }
            });
            let relations = exactly_sized(relations);
            let mentions = found.mentions.into_iter().map(|f| LocatedMention {
                span: chars.span(&f.range),
                text: strings.number(&text[f.range.clone()]),
                name: strings.number(&f.name),
                etype: f.etype,
                naming: f.naming,
                roles: f.roles.into_boxed_slice(),
                affiliation: f.affiliation.map(|a| u32::try_from(a).expect("gazetteer entries fit in u32")),
            });
            let mentions = exactly_sized(mentions);
            DocAnalysis {
                span: chars.span(&document.range),
                title_span: chars.span(&document.title_range),
                document,
                mentions,
                speakers: found.speakers,
                event: found.event,
                relations,
            }
        })
        .collect();
    SourceAnalysis {
        name: source.name.clone(),
        chars: chars.char_offset(text.len()),
        docs,
        strings: strings.into_list(),
    }
}

/// The items, in a vector of exactly their number. `collect` from a
/// vector's items reuses that vector's buffer, sized for the bigger records
/// the extractor made: slack held for the whole corpus.
fn exactly_sized<T>(items: impl ExactSizeIterator<Item = T>) -> Vec<T> {
    let mut sized = Vec::with_capacity(items.len());
    sized.extend(items);
    sized
}

/// A source's strings, each stored once and numbered in order of first use.
#[derive(Default)]
struct Strings {
    list: Vec<Arc<str>>,
    numbers: HashMap<Arc<str>, StringId>,
}

impl Strings {
    fn number(&mut self, s: &str) -> StringId {
        if let Some(&id) = self.numbers.get(s) {
            return id;
        }
        let id = StringId(u32::try_from(self.list.len()).expect("a source holds under 2^32 strings"));
        let shared: Arc<str> = Arc::from(s);
        self.list.push(shared.clone());
        self.numbers.insert(shared, id);
        id
    }

    /// The strings in number order, without the slack of a growing vector.
    fn into_list(self) -> Vec<Arc<str>> {
        let mut list = self.list;
        list.shrink_to_fit();
        list
    }
}

/// The country a source mostly speaks of: who "we" are when no speaker says.
fn home_country(findings: &[extract::Findings], k: &Knowledge) -> Option<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for f in findings.iter().flat_map(|f| &f.mentions) {
        if let (EntityType::Country, extract::Naming::Gazetteer { entries, .. }) = (f.etype, &f.naming) {
            *counts.entry(entries[0]).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(entry, count)| (*count, std::cmp::Reverse(k.gazetteer.entries[*entry].id.clone())))
        .map(|(e, _)| e)
}

/// What a run read, skipped and warned about.
#[derive(Debug, Default)]
pub struct RunReport {
    pub files_read: usize,
    pub skipped: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// Wall time and memory at the end of the per-source stages (read to
    /// relate, in parallel) and of resolve (`DIPLOGRAPH_TIMINGS=1` prints them).
    pub timings: Vec<StageTiming>,
}

/// How long a stage took, and the process's memory when it ended.
#[derive(Debug, Clone, Copy)]
pub struct StageTiming {
    pub stage: &'static str,
    pub wall: std::time::Duration,
    pub memory: Memory,
}

/// Resident and peak resident memory in kB (`VmRSS`, `VmHWM`); zero where
/// `/proc/self/status` does not exist (not Linux).
#[derive(Debug, Clone, Copy, Default)]
pub struct Memory {
    pub resident_kb: u64,
    pub peak_kb: u64,
}

impl Memory {
    pub fn now() -> Memory {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .map_or(0, |v| v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0))
        };
        Memory { resident_kb: field("VmRSS:"), peak_kb: field("VmHWM:") }
    }
}

impl StageTiming {
    fn since(stage: &'static str, started: std::time::Instant) -> StageTiming {
        StageTiming { stage, wall: started.elapsed(), memory: Memory::now() }
    }
}

/// Runs the whole pipeline on files and directories (`-` is stdin).
pub fn run(inputs: &[PathBuf], k: &Knowledge, progress: Option<&indicatif::ProgressBar>) -> (Extraction, RunReport) {
    let mut report = RunReport::default();
    let (files, diagnostics) = if inputs.iter().any(|p| p.as_os_str() == "-") {
        (vec![InputFile { path: PathBuf::from("-"), name: "-".to_string() }], Vec::new())
    } else {
        read::discover(inputs)
    };
    report.skipped.extend(diagnostics.into_iter().filter(|d| d.skipped));
    if let Some(bar) = progress {
        bar.set_length(files.len() as u64);
    }
    let started = std::time::Instant::now();
    let results: Vec<_> = files
        .par_iter()
        .map(|file| {
            let outcome = if file.name == "-" { read::read_stdin() } else { read::read_file(file) };
            let result = outcome.map(|o| (analyze_source(&o.source, k), o.warnings));
            if let Some(bar) = progress {
                bar.inc(1);
            }
            (file, result)
        })
        .collect();
    let mut analyses = Vec::new();
    for (file, result) in results {
        match result {
            Ok((analysis, warnings)) => {
                report.files_read += 1;
                report.warnings.extend(warnings);
                analyses.push(analysis);
            }
            Err(error) => {
                report.skipped.push(Diagnostic { path: file.path.clone(), message: error.to_string(), skipped: true })
            }
        }
    }
    report.timings.push(StageTiming::since("read+segment+extract+relate", started));
    let started = std::time::Instant::now();
    let extraction = resolve::resolve(analyses, k);
    report.timings.push(StageTiming::since("resolve", started));
    (extraction, report)
}

/// The pipeline on in-memory sources (tests, benchmarks, other tools).
pub fn run_sources(sources: &[Source], k: &Knowledge) -> Extraction {
    let analyses = sources.par_iter().map(|s| analyze_source(s, k)).collect();
    resolve::resolve(analyses, k)
}

/// The graph of files and directories, with the run's report.
pub fn graph_of(inputs: &[PathBuf], k: &Knowledge) -> (KnowledgeGraph, RunReport) {
    let (extraction, report) = run(inputs, k, None);
    (KnowledgeGraph::build(&extraction), report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis(text: &str) -> SourceAnalysis {
        let k = Knowledge::builtin().unwrap();
        analyze_source(&Source { name: "page.txt".into(), text: text.into() }, &k)
    }

    #[test]
    fn repeated_words_and_sentences_are_stored_once_per_source() {
        let a = analysis(
            "Statement by the Ministry of Foreign Affairs, 12 March 2021\n\n\
             Russia and China submitted a draft convention on international information security to the OEWG. \
             Later Russia spoke again.\n",
        );
        let mentions: Vec<&LocatedMention> = a.docs.iter().flat_map(|d| &d.mentions).collect();
        let russia: Vec<&&LocatedMention> = mentions.iter().filter(|m| a.string(m.text) == "Russia").collect();
        assert_eq!(russia.len(), 2, "{mentions:#?}");
        assert_eq!(russia[0].text, russia[1].text);
        assert_eq!(russia[0].name, russia[1].name);
        assert_eq!(a.strings.iter().filter(|s| &***s == "Russia").count(), 1, "{:?}", a.strings);
        assert_ne!(russia[0].span, russia[1].span);
        let relations: Vec<&LocatedRelation> = a.docs.iter().flat_map(|d| &d.relations).collect();
        assert!(relations.len() >= 2, "{relations:#?}");
        let first = &relations[0].evidence;
        let same_sentence: Vec<_> = relations.iter().filter(|r| r.evidence.span == first.span).collect();
        assert!(same_sentence.len() >= 2, "{relations:#?}");
        assert!(same_sentence.iter().all(|r| Arc::ptr_eq(&r.evidence.text, &first.text)));
        assert!(first.text.contains("draft convention"));
    }
}
