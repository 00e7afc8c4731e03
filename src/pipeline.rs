//! The pipeline: read → segment → extract → relate (per source, in
//! parallel, text dropped afterwards) → resolve (whole corpus) → graph.
//!
//! Sources stream through the per-source stages on every core; only what
//! they yield (mentions, relations, spans: the size of the graph) is kept
//! for the resolve stage, never the text.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::extract::{self, DocText, Knowledge};
use crate::graph::KnowledgeGraph;
use crate::model::{CharIndex, Document, EntityType, Extraction, Source, Span};
use crate::read::{self, Diagnostic, InputFile};
use crate::relate::{self, Endpoint};
use crate::{resolve, segment};

/// A mention as resolve needs it of an [`extract::Found`]: kept for the
/// whole corpus (millions of them), so kept small. Its strings are numbers
/// in its source's [`SourceTexts`], its offsets `u32`s.
#[derive(Debug, Clone)]
pub struct LocatedMention {
    pub etype: EntityType,
    /// The name as it will label the entity ([`extract::Found::name`]).
    pub name: StringId,
    /// The words at its span, as printed.
    pub text: StringId,
    pub naming: LocatedNaming,
    span: [u32; 2],
    /// Its run of [`SourceTexts::roles`] (persons only).
    roles: [u32; 2],
    /// The gazetteer entry of the body or country a person speaks for, plus one.
    affiliation: Option<NonZeroU32>,
}

impl LocatedMention {
    /// Its character span in the source.
    pub fn span(&self) -> Span {
        Span { start: self.span[0] as usize, end: self.span[1] as usize }
    }

    /// The gazetteer entry of the body or country a person speaks for.
    pub fn affiliation(&self) -> Option<usize> {
        self.affiliation.map(|a| a.get() as usize - 1)
    }
}

/// [`extract::Naming`], with its strings and entry lists numbered in the
/// source's [`SourceTexts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocatedNaming {
    /// A gazetteer name: its entries are [`SourceTexts::entries`] of `entries`.
    Gazetteer {
        entries: u32,
        acronym: bool,
    },
    Person,
    /// An ordinal sitting of a body (the mention index of the body in the document).
    Sitting {
        ordinal: u32,
        body: u32,
    },
    /// Any other name, by its normalised key.
    Phrase(StringId),
}

/// A string's number in its source's [`SourceTexts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StringId(u32);

impl StringId {
    /// Its position among its source's strings.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A relation read from a document, with the number of the sentence (in
/// [`SourceTexts::sentence`]) it came from.
#[derive(Debug, Clone, Copy)]
pub struct LocatedRelation {
    subject: End,
    pub predicate: crate::model::Predicate,
    object: End,
    pub sentence: u32,
}

/// [`Endpoint`] in half the bytes.
#[derive(Debug, Clone, Copy)]
enum End {
    Mention(u32),
    Entry(u32),
}

impl End {
    fn new(end: Endpoint) -> End {
        let number = |n: usize| u32::try_from(n).expect("mention and entry numbers fit in u32");
        match end {
            Endpoint::Mention(m) => End::Mention(number(m)),
            Endpoint::Entry(e) => End::Entry(number(e)),
        }
    }

    fn endpoint(self) -> Endpoint {
        match self {
            End::Mention(m) => Endpoint::Mention(m as usize),
            End::Entry(e) => Endpoint::Entry(e as usize),
        }
    }
}

impl LocatedRelation {
    pub fn subject(&self) -> Endpoint {
        self.subject.endpoint()
    }

    pub fn object(&self) -> Endpoint {
        self.object.endpoint()
    }
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
    pub texts: SourceTexts,
}

/// The strings, roles, entry lists and sentences of a source's mentions and
/// relations. Strings (names, anchors, keys, roles, sentences) are stored
/// once each, end to end in one buffer: a few allocations per source, not
/// one per string, held for the whole corpus.
#[derive(Debug, Clone, Default)]
pub struct SourceTexts {
    buffer: String,
    /// Where each string ends in `buffer`; it starts where the one before ends.
    ends: Vec<u32>,
    /// The persons' roles, mention after mention.
    roles: Vec<StringId>,
    /// The gazetteer entry lists named, each once (shared with the gazetteer).
    entry_lists: Vec<Arc<[usize]>>,
    /// The relations' sentences: character span and text.
    sentences: Vec<([u32; 2], StringId)>,
}

impl SourceTexts {
    pub fn string(&self, id: StringId) -> &str {
        let i = id.index();
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.buffer[start..self.ends[i] as usize]
    }

    /// The bytes its buffers take (the gazetteer's shared entry lists apart).
    pub fn heap_bytes(&self) -> usize {
        fn bytes<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        self.buffer.capacity()
            + bytes(&self.ends)
            + bytes(&self.roles)
            + bytes(&self.entry_lists)
            + bytes(&self.sentences)
    }

    /// How many strings there are (ids run from 0 below it).
    pub fn string_count(&self) -> usize {
        self.ends.len()
    }

    /// The roles a person's mention prints.
    pub fn roles<'a>(&'a self, mention: &LocatedMention) -> impl Iterator<Item = &'a str> + 'a {
        let [start, end] = mention.roles;
        self.roles[start as usize..end as usize].iter().map(|&id| self.string(id))
    }

    /// The gazetteer entries of [`LocatedNaming::Gazetteer`]'s `entries`.
    pub fn entries(&self, list: u32) -> &[usize] {
        &self.entry_lists[list as usize]
    }

    /// A relation's sentence: its character span and the string of its text.
    pub fn sentence(&self, relation: &LocatedRelation) -> (Span, StringId) {
        let ([start, end], text) = self.sentences[relation.sentence as usize];
        (Span { start: start as usize, end: end as usize }, text)
    }
}

/// Segments, extracts and relates one source.
pub fn analyze_source(source: &Source, k: &Knowledge) -> SourceAnalysis {
    let text = source.text.as_str();
    let chars = CharIndex::new(text);
    let documents = segment::segment(source, &k.lexicon, &k.gazetteer);
    // Extraction reads capital lines in title case; the copy's ranges are
    // the source's, and anchors and evidence quote the source.
    let recased = extract::recase::recase_capital_lines(text, &k.acronym_forms, &k.lexicon);
    let reading = recased.as_deref().unwrap_or(text);
    let mut texts: Vec<DocText> = Vec::new();
    let mut findings = Vec::new();
    for document in &documents {
        let mut doc = DocText::new(reading, document, &k.lexicon);
        findings.push(extract::extract(reading, &mut doc, k));
        texts.push(doc);
    }
    let home = home_country(&findings, &texts, k);
    let mut kept = TextsBuilder::default();
    let docs = documents
        .into_iter()
        .zip(texts.iter().zip(findings))
        .map(|(document, (doc, found))| {
            // A sentence stating several relations is stored once, shared by
            // each of them.
            let mut sentences: HashMap<Range<usize>, u32> = HashMap::new();
            let relations = relate::relate(doc, &found, k, home).into_iter().map(|r| {
                let bytes = doc.tokens[r.sentence.start].start..doc.tokens[r.sentence.end - 1].end;
                let sentence = *sentences.entry(bytes.clone()).or_insert_with(|| kept.sentence(text, &chars, bytes));
                LocatedRelation {
                    subject: End::new(r.subject),
                    predicate: r.predicate,
                    object: End::new(r.object),
                    sentence,
                }
            });
            let relations = exactly_sized(relations);
            let mentions = found.mentions.into_iter().map(|f| kept.mention(text, &chars, f));
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
    SourceAnalysis { name: source.name.clone(), chars: chars.char_offset(text.len()), docs, texts: kept.finish() }
}

/// The items, in a vector of exactly their number. `collect` from a
/// vector's items reuses that vector's buffer, sized for the bigger records
/// the extractor made: slack held for the whole corpus.
fn exactly_sized<T>(items: impl ExactSizeIterator<Item = T>) -> Vec<T> {
    let mut sized = Vec::with_capacity(items.len());
    sized.extend(items);
    sized
}

/// Builds a source's [`SourceTexts`], storing each string once.
#[derive(Default)]
struct TextsBuilder {
    texts: SourceTexts,
    /// String hash → the first string with that hash (foldhash: every
    /// name, anchor and sentence of the corpus is hashed here).
    numbers: HashMap<u64, StringId, foldhash::fast::RandomState>,
    hasher: foldhash::fast::RandomState,
    entry_numbers: HashMap<Arc<[usize]>, u32>,
}

impl TextsBuilder {
    fn number(&mut self, s: &str) -> StringId {
        use std::hash::BuildHasher;
        let hash = self.hasher.hash_one(s);
        if let Some(&id) = self.numbers.get(&hash) {
            // Two strings sharing a hash (all but never) are both stored.
            if self.texts.string(id) == s {
                return id;
            }
        }
        let texts = &mut self.texts;
        let id = StringId(u32::try_from(texts.ends.len()).expect("a source holds under 2^32 strings"));
        texts.buffer.push_str(s);
        texts.ends.push(offset(texts.buffer.len()));
        self.numbers.entry(hash).or_insert(id);
        id
    }

    fn mention(&mut self, text: &str, chars: &CharIndex, found: extract::Found) -> LocatedMention {
        let span = chars.span(&found.range);
        let roles_start = offset(self.texts.roles.len());
        for role in &found.roles {
            let role = self.number(role);
            self.texts.roles.push(role);
        }
        let naming = match found.naming {
            extract::Naming::Gazetteer { entries, acronym } => {
                let next = offset(self.texts.entry_lists.len());
                let list = *self.entry_numbers.entry(entries.clone()).or_insert(next);
                if list == next {
                    self.texts.entry_lists.push(entries);
                }
                LocatedNaming::Gazetteer { entries: list, acronym }
            }
            extract::Naming::Person => LocatedNaming::Person,
            extract::Naming::Sitting { ordinal, body } => LocatedNaming::Sitting { ordinal, body: offset(body) },
            extract::Naming::Phrase(key) => LocatedNaming::Phrase(self.number(&key)),
        };
        LocatedMention {
            etype: found.etype,
            text: self.number(&text[found.range]),
            name: self.number(&found.name),
            naming,
            span: [offset(span.start), offset(span.end)],
            roles: [roles_start, offset(self.texts.roles.len())],
            affiliation: found
                .affiliation
                .map(|a| NonZeroU32::new(offset(a + 1)).expect("one more than an entry is not 0")),
        }
    }

    /// Stores the sentence at `bytes` of `text`; returns its number.
    fn sentence(&mut self, text: &str, chars: &CharIndex, bytes: Range<usize>) -> u32 {
        let span = chars.span(&bytes);
        let id = self.number(&text[bytes]);
        self.texts.sentences.push(([offset(span.start), offset(span.end)], id));
        offset(self.texts.sentences.len() - 1)
    }

    /// The texts, without the slack of growing vectors.
    fn finish(self) -> SourceTexts {
        let mut texts = self.texts;
        texts.buffer.shrink_to_fit();
        texts.ends.shrink_to_fit();
        texts.roles.shrink_to_fit();
        texts.entry_lists.shrink_to_fit();
        texts.sentences.shrink_to_fit();
        texts
    }
}

/// An offset or count within one source, which fits in u32 (sources are
/// read whole into memory, and far smaller than 4 GiB).
fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("offsets within a source fit in u32")
}

/// The country a source mostly speaks of: who "we" are when no speaker says.
/// It must be named more often than any other, and more than once: a page
/// that names Chile and Ukraine once each says nothing of whom it speaks
/// for, and a country named once is as often a host's or a partner's
/// ("Indonesia's ASEAN Chairmanship" in a Singaporean speech), unless in
/// a title. A country
/// named in the post of someone who is not a speaker ("… with Foreign
/// Minister of the Republic of Belarus Sergey Aleinik") is named for them:
/// one of its mentions is not counted.
fn home_country(findings: &[extract::Findings], texts: &[DocText], k: &Knowledge) -> Option<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for (finding, doc) in findings.iter().zip(texts) {
        for f in &finding.mentions {
            if let (EntityType::Country, extract::Naming::Gazetteer { entries, .. }) = (f.etype, &f.naming) {
                // A title naming a country ("Statement by the Delegation of
                // Indonesia") counts twice: titles name whose it is.
                if thanked(doc, f.token) {
                    continue;
                }
                *counts.entry(entries[0]).or_default() += if doc.title.contains(&f.token) { 2 } else { 1 };
            }
        }
    }
    for finding in findings {
        let others = finding.mentions.iter().enumerate().filter(|(m, _)| !finding.speakers.contains(m));
        for (_, person) in others.filter(|(_, p)| p.etype == EntityType::Person) {
            let Some(affiliation) = person.affiliation else { continue };
            // Only a country named by the post near the name: "Additional
            // Secretary, Ministry of External Affairs" speaks for India
            // without naming it.
            let named_near = finding.mentions.iter().any(|f| {
                f.etype == EntityType::Country
                    && f.token.abs_diff(person.token) <= POST_REACH
                    && matches!(&f.naming, extract::Naming::Gazetteer { entries, .. } if entries[0] == affiliation)
            });
            if let Some(count) = counts.get_mut(&affiliation).filter(|_| named_near) {
                *count = count.saturating_sub(1);
            }
        }
    }
    counts.retain(|_, count| *count > 1);
    let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
    ranked.sort_by_key(|(entry, count)| (std::cmp::Reverse(*count), k.gazetteer.entries[*entry].id.clone()));
    match ranked[..] {
        [(home, count), ..] if ranked.get(1).is_none_or(|&(_, next)| next < count) => Some(home),
        _ => None,
    }
}

/// Tokens from a person's name within which their post names their country
/// ("Minister of Foreign Affairs of the Republic of Belarus Sergey Aleinik").
const POST_REACH: usize = 16;

/// Tokens before a country's name within which a word of thanks makes it
/// whom the speaker thanks.
const THANKS_REACH: usize = 6;

/// Whether a word of thanks comes shortly before token `at` in its sentence
/// ("I thank Albania and the United States for organizing …", "we
/// congratulate Chile"): the host or sponsor thanked, not who speaks.
fn thanked(doc: &DocText, at: usize) -> bool {
    let starts_with =
        |word: &str, prefix: &str| word.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
    let line_start = doc.line_of(at).map_or(0, |l| l.start);
    (line_start.max(at.saturating_sub(THANKS_REACH))..at)
        .rev()
        .map(|t| doc.tokens[t].text)
        .take_while(|word| !matches!(*word, "." | ";" | "!" | "?"))
        .any(|word| starts_with(word, "thank") || starts_with(word, "congratulat") || word == "grateful")
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
            let result = outcome
                .map_err(|error| error.to_string())
                .and_then(|o| guarded(|| analyze_source(&o.source, k)).map(|analysis| (analysis, o.warnings)));
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
            Err(message) => report.skipped.push(Diagnostic { path: file.path.clone(), message, skipped: true }),
        }
    }
    report.timings.push(StageTiming::since("read+segment+extract+relate", started));
    let started = std::time::Instant::now();
    let extraction = resolve::resolve(analyses, k);
    report.timings.push(StageTiming::since("resolve", started));
    (extraction, report)
}

/// `analyze` run so that a bug that panics on one source costs that source
/// only: the rest of the corpus is still read, and the source is reported
/// as skipped with the panic's message.
fn guarded<T>(analyze: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(analyze)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        format!("internal error while extracting (a bug: please report it with this file): {message}")
    })
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
    fn a_panic_on_one_source_is_that_sources_error_not_the_runs() {
        assert_eq!(guarded(|| 7), Ok(7));
        let error = guarded(|| -> u32 { panic!("index out of bounds") }).unwrap_err();
        assert!(error.contains("index out of bounds") && error.contains("internal error"), "{error}");
        let owned = guarded(|| -> u32 { panic!("{} tokens", 3) }).unwrap_err();
        assert!(owned.ends_with("3 tokens"), "{owned}");
    }

    #[test]
    fn a_country_the_speaker_thanks_is_not_whom_they_speak_for() {
        let page = "Statement at the Arria-formula meeting on cyber threats\n\n\
                    Delivered by: Ambassador Jan Kowal, Permanent Representative\n\n\
                    I thank Albania and Chile for organizing this meeting. I also thank Albania for its \
                    leadership, and welcome the Minister of Foreign Affairs of Albania. Estonia believes that \
                    norms matter. Estonia will continue to act.\n";
        let k = Knowledge::builtin().unwrap();
        let x = run_sources(&[Source { name: "page.txt".into(), text: page.into() }], &k);
        let kowal = x.entities.iter().find(|e| e.label == "Jan Kowal").expect("the speaker");
        let affiliation = kowal.affiliation.map(|a| x.entities[a.0].label.as_str());
        assert_eq!(affiliation, Some("Estonia"));
    }

    #[test]
    fn a_country_only_a_bodys_post_implies_still_counts_as_home() {
        let page = "Minister's Speech at the Conference (November 24, 2017)\n\n\
                    My esteemed colleague Sh Ravi Shankar Prasad,\nMinister for Electronics & IT\n\n\
                    Shri Sanjay Kumar Verma,\nAdditional Secretary, Ministry of External Affairs\n\n\
                    This shows the growing importance of India in the world. India will lead.\n";
        let k = Knowledge::builtin().unwrap();
        let x = run_sources(&[Source { name: "page.txt".into(), text: page.into() }], &k);
        let affiliation = |name: &str| {
            let person = x.entities.iter().find(|e| e.label == name).expect(name);
            person.affiliation.map(|a| x.entities[a.0].label.as_str())
        };
        assert_eq!(affiliation("Sanjay Kumar Verma"), Some("India"));
        assert_eq!(affiliation("Ravi Shankar Prasad"), Some("India"));
    }

    #[test]
    fn repeated_words_and_sentences_are_stored_once_per_source() {
        let a = analysis(
            "Statement by the Ministry of Foreign Affairs, 12 March 2021\n\n\
             Russia and China submitted a draft convention on international information security to the OEWG. \
             Later Russia spoke again.\n",
        );
        let mentions: Vec<&LocatedMention> = a.docs.iter().flat_map(|d| &d.mentions).collect();
        let russia: Vec<&&LocatedMention> = mentions.iter().filter(|m| a.texts.string(m.text) == "Russia").collect();
        assert_eq!(russia.len(), 2, "{mentions:#?}");
        assert_eq!(russia[0].text, russia[1].text);
        assert_eq!(russia[0].name, russia[1].name);
        let strings: Vec<&str> = (0..a.texts.string_count()).map(|i| a.texts.string(StringId(i as u32))).collect();
        assert_eq!(strings.iter().filter(|s| **s == "Russia").count(), 1, "{strings:?}");
        assert_ne!(russia[0].span(), russia[1].span());
        let relations: Vec<&LocatedRelation> = a.docs.iter().flat_map(|d| &d.relations).collect();
        assert!(relations.len() >= 2, "{relations:#?}");
        let same_sentence: Vec<_> = relations.iter().filter(|r| r.sentence == relations[0].sentence).collect();
        assert!(same_sentence.len() >= 2, "{relations:#?}");
        let (span, sentence) = a.texts.sentence(relations[0]);
        assert!(a.texts.string(sentence).contains("draft convention"));
        assert!(span.end - span.start == a.texts.string(sentence).chars().count());
    }

    #[test]
    fn a_capital_heading_block_names_its_speaker_and_anchors_quote_the_capitals() {
        let a = analysis(
            "STATEMENT AT THE ROUNDTABLE\n\nSTATEMENT BY\n\nMR. REIN KASK\n\nDEPUTY PERMANENT REPRESENTATIVE OF \
             ESTONIA TO THE UNITED NATIONS\n\nMr. Chair,\n\nWe welcome the debate.\n",
        );
        let doc = &a.docs[0];
        assert_eq!(doc.document.title, "STATEMENT AT THE ROUNDTABLE");
        let speaker = &doc.mentions[doc.speakers[0]];
        assert_eq!((a.texts.string(speaker.name), a.texts.string(speaker.text)), ("Rein Kask", "REIN KASK"));
        let estonia = doc.mentions.iter().find(|m| a.texts.string(m.name) == "Estonia").expect("Estonia is named");
        assert_eq!(a.texts.string(estonia.text), "ESTONIA");
    }
}
