//! The lexicon: word classes and line patterns of the genre, loaded from
//! `data/lexicon.toml` and compiled once. Stages read it; none loads it.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet, SetMatches};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::DocKind;

/// A set of words looked up for every token: hashed with foldhash, several
/// times faster than std's SipHash on short keys (which needs to resist
/// hash flooding by untrusted keys: these are the lexicon's own words).
pub type WordSet = HashSet<String, foldhash::fast::RandomState>;
/// A map from words, hashed as [`WordSet`].
pub type WordMap<V> = HashMap<String, V, foldhash::fast::RandomState>;

/// The lexicon shipped with diplograph, compiled into the binary.
pub const DEFAULT_LEXICON: &str = include_str!("../data/lexicon.toml");

/// A named line pattern with the examples it must and must not match.
#[derive(Debug, Deserialize)]
struct PatternEntry {
    name: String,
    regex: String,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    counter_examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    furniture: Vec<PatternEntry>,
    dateline: Vec<PatternEntry>,
    listing: Vec<PatternEntry>,
    segment: SegmentSection,
    kinds: HashMap<String, String>,
    persons: PersonsSection,
    events: EventsSection,
    works: WorksSection,
    places: PlacesSection,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentSection {
    heading_max_chars: usize,
    speaking_occasions: Vec<String>,
    publishers: Vec<String>,
    genre_labels: Vec<String>,
    banner_words: Vec<String>,
    language_names: Vec<String>,
    subject_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonsSection {
    honorifics: Vec<String>,
    role_heads: Vec<String>,
    role_modifiers: Vec<String>,
    name_particles: Vec<String>,
    not_name_words: Vec<String>,
    non_person_heads: Vec<String>,
    unaffiliated_roles: Vec<String>,
    headline_speech_verbs: Vec<String>,
    role_stop_words: Vec<String>,
    role_affiliations: HashMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsSection {
    event_heads: Vec<String>,
    non_event_head_prefixes: Vec<String>,
    ordinal_words: Vec<String>,
    opening_phrases: Vec<String>,
    adjective_event_heads: Vec<String>,
    headline_verbs: Vec<String>,
    moment_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorksSection {
    document_heads: Vec<String>,
    proposal_heads: Vec<String>,
    proposal_markers: Vec<String>,
    proposal_verbs: Vec<String>,
    phrase_stop_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesSection {
    not_place_words: Vec<String>,
}

/// A compiled named pattern.
#[derive(Debug)]
pub struct NamedRegex {
    pub name: String,
    pub regex: Regex,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    pub furniture: Vec<NamedRegex>,
    pub datelines: Vec<NamedRegex>,
    pub listings: Vec<NamedRegex>,
    /// The listings, datelines and furniture patterns, in that order, as
    /// one set: a line is scanned once to learn which of them match, where
    /// trying each in turn took some 9,000 instructions a line.
    pub line_patterns: RegexSet,
    /// Kind words, lower-case, longest first.
    pub kinds: Vec<(String, DocKind)>,
    /// The kind words, numbered as in `kinds`, found in one pass over a text.
    kind_words: AhoCorasick,
    pub heading_max_chars: usize,
    /// Occasions a title may name instead of a genre ("press conference"),
    /// each as its lower-case words: they name their speakers as a genre does.
    pub speaking_occasions: Vec<Vec<String>>,
    /// How a publisher's name opens ("Embassy of"): a page's first line
    /// that names its publisher is not its headline.
    pub publishers: Vec<String>,
    /// Genre labels that are no kind of the schema ("Press release"): after a
    /// date on a line of their own, they date the heading above.
    pub genre_labels: Vec<String>,
    /// Words that make a line a site's banner when among its first few.
    pub banner_words: Vec<String>,
    /// Languages, each named in its own script: a line of them is a site's
    /// language switcher.
    pub language_names: WordSet,
    /// Lower-case words that, right before a kind word, make the text the
    /// title's subject rather than its genre ("draft", "discuss").
    pub subject_words: WordSet,
    pub honorifics: WordSet,
    /// Role heads, longest first (multi-word heads before their parts).
    pub role_heads: Vec<String>,
    pub role_modifiers: WordSet,
    pub name_particles: WordSet,
    pub unaffiliated_roles: WordSet,
    /// Verbs after a person opening a headline that make them its speaker.
    pub headline_speech_verbs: WordSet,
    /// Post words that name their body: word → gazetteer id.
    pub role_affiliations: WordMap<String>,
    pub not_name_words: WordSet,
    pub non_person_heads: WordSet,
    pub role_stop_words: Vec<String>,
    pub event_heads: Vec<String>,
    pub non_event_head_prefixes: Vec<String>,
    pub ordinal_words: WordSet,
    /// Lower-case phrases of a chair opening a sitting ("is called to
    /// order"): the sitting named beside one is the transcript's event.
    pub opening_phrases: Vec<String>,
    /// Event heads that are adjectives before a noun in lower case.
    pub adjective_event_heads: WordSet,
    /// Verbs of headlines in title case before a meeting's name ("OAS and
    /// IDB Conclude Regional Workshop"): no part of the name.
    pub headline_verbs: WordSet,
    /// Words before "of" that name a moment or part of a meeting, or who
    /// is at it, not the meeting ("Conclusion of Thematic Debate").
    pub moment_words: WordSet,
    pub document_heads: Vec<String>,
    pub proposal_heads: Vec<String>,
    pub proposal_markers: Vec<String>,
    pub proposal_verbs: Vec<String>,
    pub phrase_stop_words: WordSet,
    pub not_place_words: WordSet,
}

impl Lexicon {
    /// The lexicon compiled into the binary.
    pub fn builtin() -> Result<Lexicon> {
        Lexicon::parse(DEFAULT_LEXICON, Path::new("data/lexicon.toml"))
    }

    pub fn load(path: &Path) -> Result<Lexicon> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Lexicon::parse(&text, path)
    }

    /// Parses and compiles a lexicon; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Lexicon> {
        let file: LexiconFile = toml::from_str(text).map_err(|e| toml_error(path, text, e))?;
        let mut kinds = Vec::new();
        for (word, kind) in file.kinds {
            let parsed = DocKind::parse(&kind)
                .ok_or_else(|| Error::data(path, 0, format!("kind word {word:?}: unknown kind {kind:?}")))?;
            kinds.push((word.to_lowercase(), parsed));
        }
        kinds.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let (persons, events, works) = (file.persons, file.events, file.works);
        let furniture = compile(&file.furniture, path, text)?;
        let datelines = compile(&file.dateline, path, text)?;
        let listings = compile(&file.listing, path, text)?;
        let kind_words = AhoCorasick::new(kinds.iter().map(|(word, _)| word))
            .map_err(|e| Error::data(path, 0, format!("kind words: {e}")))?;
        Ok(Lexicon {
            kind_words,
            line_patterns: regex_set(path, [&listings, &datelines, &furniture])?,
            furniture,
            datelines,
            listings,
            kinds,
            heading_max_chars: file.segment.heading_max_chars,
            speaking_occasions: file
                .segment
                .speaking_occasions
                .iter()
                .map(|o| o.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            publishers: file.segment.publishers,
            genre_labels: file.segment.genre_labels,
            banner_words: file.segment.banner_words,
            language_names: file.segment.language_names.into_iter().collect(),
            subject_words: file.segment.subject_words.iter().map(|w| w.to_lowercase()).collect(),
            honorifics: persons.honorifics.into_iter().collect(),
            role_heads: longest_first(persons.role_heads),
            role_modifiers: persons.role_modifiers.into_iter().collect(),
            name_particles: persons.name_particles.into_iter().collect(),
            unaffiliated_roles: persons.unaffiliated_roles.into_iter().collect(),
            headline_speech_verbs: persons.headline_speech_verbs.into_iter().collect(),
            role_affiliations: persons.role_affiliations.into_iter().collect(),
            not_name_words: persons.not_name_words.into_iter().collect(),
            non_person_heads: persons.non_person_heads.into_iter().collect(),
            role_stop_words: persons.role_stop_words,
            event_heads: longest_first(events.event_heads),
            non_event_head_prefixes: events.non_event_head_prefixes,
            ordinal_words: events.ordinal_words.into_iter().map(|w| w.to_lowercase()).collect(),
            opening_phrases: events.opening_phrases.into_iter().map(|w| w.to_lowercase()).collect(),
            adjective_event_heads: events.adjective_event_heads.into_iter().collect(),
            headline_verbs: events.headline_verbs.into_iter().collect(),
            moment_words: events.moment_words.into_iter().collect(),
            document_heads: longest_first(works.document_heads),
            proposal_heads: longest_first(works.proposal_heads),
            proposal_markers: longest_first(works.proposal_markers),
            proposal_verbs: longest_first(works.proposal_verbs),
            phrase_stop_words: works.phrase_stop_words.into_iter().collect(),
            not_place_words: file.places.not_place_words.into_iter().collect(),
        })
    }

    /// Whether a line is site furniture.
    pub fn is_furniture(&self, line: &str) -> bool {
        self.furniture_matches(&self.line_patterns.matches(line))
    }

    /// Every occurrence of a kind word in `lower` (a lower-cased text), as
    /// the word's index in `kinds` and its byte offset; overlapping ones too.
    pub fn kind_words_in<'a>(&'a self, lower: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.kind_words.find_overlapping_iter(lower).map(|m| (m.pattern().as_usize(), m.start()))
    }

    /// The kind a label names when it is a kind word and nothing else
    /// ("Speech", "joint statement"), in any case.
    pub fn kind_named(&self, label: &str) -> Option<DocKind> {
        self.kinds.iter().find(|(word, _)| word.eq_ignore_ascii_case(label)).map(|&(_, kind)| kind)
    }

    /// Whether a furniture pattern is among the `line_patterns` that match.
    pub fn furniture_matches(&self, matching: &SetMatches) -> bool {
        matching.iter().any(|n| n >= self.listings.len() + self.datelines.len())
    }
}

/// The patterns of several lists as one set, numbered in order.
fn regex_set(path: &Path, lists: [&[NamedRegex]; 3]) -> Result<RegexSet> {
    let patterns = lists.iter().flat_map(|list| list.iter().map(|p| p.regex.as_str()));
    // Each pattern compiled alone already; only the set's size can fail here.
    RegexSet::new(patterns).map_err(|e| Error::data(path, 0, format!("line patterns together: {e}")))
}

fn longest_first(mut words: Vec<String>) -> Vec<String> {
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    words
}

/// Compiles each pattern and checks it against its own examples, so a bad
/// edit of the data file fails at load time with the pattern's line.
fn compile(entries: &[PatternEntry], path: &Path, text: &str) -> Result<Vec<NamedRegex>> {
    entries
        .iter()
        .map(|entry| {
            let line = line_of(text, &entry.name);
            let regex = Regex::new(&entry.regex)
                .map_err(|e| Error::data(path, line, format!("pattern {:?}: {e}", entry.name)))?;
            for example in &entry.examples {
                if !regex.is_match(example) {
                    return Err(Error::data(
                        path,
                        line,
                        format!("pattern {:?} misses its example {example:?}", entry.name),
                    ));
                }
            }
            for counter in &entry.counter_examples {
                if regex.is_match(counter) {
                    return Err(Error::data(
                        path,
                        line,
                        format!("pattern {:?} matches its counter-example {counter:?}", entry.name),
                    ));
                }
            }
            Ok(NamedRegex { name: entry.name.clone(), regex })
        })
        .collect()
}

/// The 1-based line where `name = "<name>"` stands, for error messages.
fn line_of(text: &str, name: &str) -> usize {
    let needle = format!("name = \"{name}\"");
    text.lines().position(|l| l.trim() == needle).map_or(0, |i| i + 1)
}

/// A TOML error with its line number.
pub(crate) fn toml_error(path: &Path, text: &str, error: toml::de::Error) -> Error {
    let line = error.span().map_or(0, |span| text[..span.start].lines().count().max(1));
    Error::data(path, line, error.message().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads_and_its_patterns_pass_their_examples() {
        let lexicon = Lexicon::builtin().expect("builtin lexicon");
        assert!(lexicon.furniture.len() >= 5);
        assert!(lexicon.is_furniture("Moscow: 07:57"));
        assert!(!lexicon.is_furniture("Statement by Mr. Artur Lyukmanov"));
    }

    #[test]
    fn a_pattern_that_misses_its_example_names_file_and_line() {
        let text =
            DEFAULT_LEXICON.replacen(r#"examples = ["Moscow: 07:57""#, r#"examples = ["nothing like a clock""#, 1);
        let error = Lexicon::parse(&text, Path::new("lex.toml")).unwrap_err().to_string();
        assert!(error.starts_with("lex.toml:"), "{error}");
        assert!(error.contains("clock"), "{error}");
    }

    #[test]
    fn bad_toml_reports_the_line() {
        let error = Lexicon::parse("kinds = [\n", Path::new("lex.toml")).unwrap_err().to_string();
        assert!(error.starts_with("lex.toml:"), "{error}");
    }
}
