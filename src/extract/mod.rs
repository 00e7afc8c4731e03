//! The extract stage: a document's text → the mentions it holds.
//!
//! Countries and organizations come from the gazetteer; persons, events,
//! referenced documents and proposals from the grammar of the genre (titles
//! and roles before names, ordinals before sessions, "draft" before
//! proposals...), driven by the word classes of the lexicon. Nothing here
//! lists a person, an event, a proposal or a document.

pub mod names;
pub mod persons;
pub mod recase;
pub mod text;
pub mod works;

use std::ops::Range;
use std::sync::Arc;

use crate::gazetteer::{Gazetteer, Hit};
use crate::lexicon::{Lexicon, WordMap, WordSet};
use crate::model::{Document, EntityType};
use text::Token;

/// Everything the extractor knows before reading: compiled once per run and
/// shared read-only by every thread.
#[derive(Debug)]
pub struct Knowledge {
    pub lexicon: Lexicon,
    pub gazetteer: Gazetteer,
    pub given_names: WordSet,
    /// Every word of every role head and modifier ("Minister", "Deputy").
    pub role_words: WordSet,
    /// The last words of the posts ("Minister", "Secretary-General").
    pub role_head_ends: WordSet,
    /// The posts of one word ("Minister", "Secretary-General").
    pub one_word_heads: WordSet,
    /// The posts of several words, word by word: their last word is a
    /// post's end only after the others ("Director General", not "General
    /// Observations").
    pub multi_word_heads: Vec<Vec<String>>,
    /// The one-word posts in lower case, as news agencies print them before
    /// a name ("spokeswoman", "minister").
    pub lower_case_posts: WordSet,
    /// The lexicon's proposal verbs, split into words ("put forward").
    pub proposal_verbs: Vec<Vec<String>>,
    /// The first words of the proposal verbs: most tokens start none.
    pub proposal_verb_starts: WordSet,
    /// The lexicon's event heads, for lookups by token.
    pub event_heads: WordSet,
    /// The lexicon's proposal and document heads, compounds included
    /// ("Cyberplan" has the head "Plan").
    pub proposal_head_words: works::Heads,
    pub document_head_words: works::Heads,
    /// The gazetteer's acronyms by their capitals, for recasing capital
    /// lines ("ICTS" → "ICTs").
    pub acronym_forms: WordMap<String>,
}

/// The given-names lexicon compiled into the binary.
pub const DEFAULT_GIVEN_NAMES: &str = include_str!("../../data/lexicon/given_names.txt");

impl Knowledge {
    pub fn new(lexicon: Lexicon, gazetteer: Gazetteer, given_names_text: &str) -> Knowledge {
        let given_names = given_names_text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        let role_words = lexicon
            .role_heads
            .iter()
            // In "Secretary of State" only "Secretary" is a post word: "of"
            // joins, and "State" alone is no post ("Responsible State Behavior").
            .flat_map(|h| h.split(" of ").next().unwrap_or(h).split(' '))
            .chain(lexicon.role_modifiers.iter().map(String::as_str))
            .map(str::to_string)
            .collect();
        let role_head_ends =
            lexicon.role_heads.iter().filter_map(|h| h.rsplit(' ').next()).map(str::to_string).collect();
        let one_word_heads: WordSet = lexicon.role_heads.iter().filter(|h| !h.contains(' ')).cloned().collect();
        let multi_word_heads = lexicon
            .role_heads
            .iter()
            .filter(|h| h.contains(' '))
            .map(|h| h.split(' ').map(str::to_string).collect())
            .collect();
        let lower_case_posts = one_word_heads.iter().map(|h| h.to_lowercase()).collect();
        let proposal_verbs: Vec<Vec<String>> =
            lexicon.proposal_verbs.iter().map(|v| v.split(' ').map(str::to_string).collect()).collect();
        let proposal_verb_starts = proposal_verbs.iter().filter_map(|words| words.first().cloned()).collect();
        let event_heads = lexicon.event_heads.iter().cloned().collect();
        let proposal_head_words = works::Heads::new(&lexicon.proposal_heads);
        let document_head_words = works::Heads::new(&lexicon.document_heads);
        // The gazetteer's acronyms and the posts' ("Deputy PM") keep their
        // capitals in a recased line.
        let acronym_forms = recase::acronym_forms(
            gazetteer
                .entries
                .iter()
                .flat_map(|e| e.names.iter().chain(&e.acronyms))
                .chain(&lexicon.role_heads)
                .map(String::as_str),
        );
        Knowledge {
            lexicon,
            gazetteer,
            given_names,
            role_words,
            role_head_ends,
            one_word_heads,
            multi_word_heads,
            lower_case_posts,
            proposal_verbs,
            proposal_verb_starts,
            event_heads,
            proposal_head_words,
            document_head_words,
            acronym_forms,
        }
    }

    /// The built-in lexicon, gazetteer and given names.
    pub fn builtin() -> crate::Result<Knowledge> {
        Ok(Knowledge::new(Lexicon::builtin()?, Gazetteer::builtin()?, DEFAULT_GIVEN_NAMES))
    }
}

/// How a mention names its entity, for the resolve stage.
#[derive(Debug, Clone, PartialEq)]
pub enum Naming {
    /// A gazetteer name; several entries when an acronym is shared.
    Gazetteer { entries: Arc<[usize]>, acronym: bool },
    /// A person's name as printed, without courtesy title.
    Person,
    /// "the Fifth Session of the OEWG": an ordinal sitting of a body (the
    /// mention index of the body in the document).
    Sitting { ordinal: u32, body: usize },
    /// Any other name, by its normalised key.
    Phrase(String),
}

/// A mention found in a document, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Byte range in the source text.
    pub range: Range<usize>,
    pub etype: EntityType,
    /// The name as it will label the entity (courtesy titles and leading
    /// articles dropped).
    pub name: String,
    pub naming: Naming,
    /// Person only: posts as printed.
    pub roles: Vec<String>,
    /// Person only: gazetteer entry of the country or body they speak for.
    pub affiliation: Option<usize>,
    /// Event or document: the mention of the body it belongs to or was
    /// issued by.
    pub parent: Option<usize>,
    /// Index of the first token.
    pub token: usize,
}

/// A document's tokens, sentences and gazetteer hits.
pub struct DocText<'a> {
    pub tokens: Vec<Token<'a>>,
    /// Sentences as token ranges, in order; the title is the first.
    pub sentences: Vec<Range<usize>>,
    /// Tokens of the title.
    pub title: Range<usize>,
    /// Tokens of the lead line under the title (empty when there is none).
    pub subtitle: Range<usize>,
    /// Lines as token ranges, in order.
    pub lines: Vec<Range<usize>>,
    /// For each token, the index of the found gazetteer mention covering it.
    pub gazetteer_at: Vec<Option<usize>>,
}

impl<'a> DocText<'a> {
    /// Tokenizes a document line by line, skipping furniture lines.
    pub fn new(text: &'a str, document: &Document, lexicon: &Lexicon) -> DocText<'a> {
        // About a token per five bytes of text: most documents' tokens fit.
        let mut tokens = Vec::with_capacity(document.range.len() / 5);
        let mut sentences = Vec::new();
        let (mut title, mut subtitle) = (0..0, 0..0);
        let mut lines = Vec::new();
        for line in crate::segment::lines(&text[document.range.clone()]) {
            let range = document.range.start + line.start..document.range.start + line.end;
            let line_text = &text[range.clone()];
            // A title's second or third line is read with its first.
            let continues_title = range.start > document.title_range.start && range.end <= document.title_range.end;
            if continues_title || line_text.trim().is_empty() || lexicon.is_furniture(line_text) {
                continue;
            }
            // The title line of a listed item starts after its date.
            let (range, line_text) = if range.contains(&document.title_range.start) {
                (document.title_range.clone(), &text[document.title_range.clone()])
            } else {
                (range, line_text)
            };
            let first = tokens.len();
            text::tokenize_into(&mut tokens, line_text, range.start);
            if range == document.title_range {
                title = first..tokens.len();
            } else if document.subtitle_range.as_ref().is_some_and(|lead| range.contains(&lead.start)) {
                subtitle = first..tokens.len();
            }
            lines.push(first..tokens.len());
            for sentence in text::sentences(&tokens[first..]) {
                sentences.push(first + sentence.start..first + sentence.end);
            }
        }
        let count = tokens.len();
        DocText { tokens, sentences, title, subtitle, lines, gazetteer_at: vec![None; count] }
    }

    /// Text of the source between the first and the last of `tokens`.
    pub fn span_text(&self, source: &'a str, tokens: Range<usize>) -> &'a str {
        &source[self.tokens[tokens.start].start..self.tokens[tokens.end - 1].end]
    }

    /// The sentence holding a token.
    pub fn sentence_of(&self, token: usize) -> Range<usize> {
        containing(&self.sentences, token).cloned().unwrap_or(token..token + 1)
    }

    /// The line holding a token.
    pub fn line_of(&self, token: usize) -> Option<&Range<usize>> {
        containing(&self.lines, token)
    }

    /// Index of the first token starting at or after a byte offset.
    pub fn token_at(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.start < byte)
    }
}

/// The first of `ranges` holding `index`. Ranges are in order and never
/// overlap (token ranges of lines or sentences), so a binary search finds it.
fn containing(ranges: &[Range<usize>], index: usize) -> Option<&Range<usize>> {
    let candidate = ranges.partition_point(|r| r.end <= index);
    ranges.get(candidate).filter(|r| r.contains(&index))
}

/// What the extract stage finds in one document.
pub struct Findings {
    pub mentions: Vec<Found>,
    /// Mention indices of the persons who wrote or delivered it.
    pub speakers: Vec<usize>,
    /// Mention index of the event it was delivered at.
    pub event: Option<usize>,
    /// The speakers are an author's byline or a transcript's turn-takers
    /// under a title that names no one: they speak for whom their posts
    /// say, not for the page's country.
    pub bylined: bool,
}

/// Finds every mention in a document.
pub fn extract(source: &str, doc: &mut DocText, knowledge: &Knowledge) -> Findings {
    let mut mentions = gazetteer_mentions(source, doc, &knowledge.gazetteer);
    persons::find(source, doc, knowledge, &mut mentions);
    works::find(source, doc, knowledge, &mut mentions);
    let event_range = works::title_event(source, doc, knowledge, &mut mentions).or_else(|| {
        titled_by_lead_line(doc, |doc| works::title_event(source, doc, knowledge, &mut mentions))
            .flatten()
            .or_else(|| works::heading_line_event(doc, &mentions))
            .or_else(|| works::opened_event(source, doc, knowledge, &mentions))
    });
    let mentions = into_text_order(mentions, doc);
    let mut speakers = persons::speakers(doc, &mentions, knowledge);
    if speakers.is_empty() {
        speakers = titled_by_lead_line(doc, |doc| persons::speakers(doc, &mentions, knowledge)).unwrap_or_default();
    }
    if let Some(deliverer) = persons::delivered_by(doc, &mentions) {
        if !speakers.contains(&deliverer) {
            speakers.push(deliverer);
        }
    }
    let mut bylined = false;
    if speakers.is_empty() {
        speakers = persons::turn_takers(doc, &mentions, knowledge);
        if speakers.is_empty() {
            speakers = persons::byline_names(doc, &mentions, knowledge);
        }
        bylined = !speakers.is_empty();
    }
    let event = event_range.and_then(|r| mentions.iter().position(|m| m.range == r && m.etype == EntityType::Event));
    Findings { mentions, speakers, event, bylined }
}

/// What `read` finds in the title's lead line, read as the title, if there
/// is one: whom the lead line says delivered the text, and where.
fn titled_by_lead_line<T>(doc: &mut DocText, read: impl FnOnce(&mut DocText) -> T) -> Option<T> {
    if doc.subtitle.is_empty() {
        return None;
    }
    let title = std::mem::replace(&mut doc.title, doc.subtitle.clone());
    let found = read(doc);
    doc.title = title;
    Some(found)
}

/// Sorts mentions by offset, remapping every index that points into them.
fn into_text_order(mentions: Vec<Found>, doc: &mut DocText) -> Vec<Found> {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (mentions[i].range.start, mentions[i].range.end, mentions[i].etype));
    let mut new_index = vec![0; mentions.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    for slot in doc.gazetteer_at.iter_mut().flatten() {
        *slot = new_index[*slot];
    }
    let mut sorted: Vec<Option<Found>> = mentions.into_iter().map(Some).collect();
    order
        .iter()
        .map(|&old| {
            let mut m = sorted[old].take().expect("each mention moves once");
            m.parent = m.parent.map(|p| new_index[p]);
            if let Naming::Sitting { ordinal, body } = m.naming {
                m.naming = Naming::Sitting { ordinal, body: new_index[body] };
            }
            m
        })
        .collect()
}

/// Country and organization names of the gazetteer, and "the Russian side".
fn gazetteer_mentions(source: &str, doc: &mut DocText, gazetteer: &Gazetteer) -> Vec<Found> {
    let mut found = Vec::new();
    // Government bodies named so far: "the Security Council" after "the
    // Russian Security Council" is that council again, not the UN's.
    let mut national: Vec<usize> = Vec::new();
    for line in doc.lines.clone() {
        if line.is_empty() {
            continue;
        }
        let start = doc.tokens[line.start].start;
        let end = doc.tokens[line.end - 1].end;
        for mut hit in gazetteer.find(&source[start..end]) {
            let range = start + hit.range.start..start + hit.range.end;
            let name = &source[range.clone()];
            if is_a_national_namesake(&source[..range.start], name, &hit, gazetteer) {
                continue;
            }
            if is_bare_un_name(name, &hit, gazetteer) {
                if let Some(&own) = national.iter().find(|&&e| gazetteer.entries[e].label.starts_with(name)) {
                    hit.entries = Arc::from([own]);
                }
            }
            let government = |&e: &usize| gazetteer.entries[e].kind.as_deref() == Some("government");
            national.extend(hit.entries.iter().copied().filter(government));
            push_hit(&mut found, doc, gazetteer, hit, range, source);
        }
        demonym_sides(source, doc, gazetteer, line, &mut found);
    }
    found
}

/// A UN body's bare name owned by a country or someone else ("Russia's
/// Security Council", "the country's Security Council") names that owner's
/// own council, not the UN's. A name that says it is the UN's ("this year's
/// UN General Assembly") is the UN's whoever owns it.
fn is_a_national_namesake(before: &str, name: &str, hit: &Hit, gazetteer: &Gazetteer) -> bool {
    let Some(owner) = before.strip_suffix("'s ").or_else(|| before.strip_suffix("’s ")) else { return false };
    let owner = owner.rsplit(char::is_whitespace).next().unwrap_or(owner);
    !matches!(owner, "UN" | "U.N." | "Nations") && is_bare_un_name(name, hit, gazetteer)
}

/// A UN body named without saying it is the UN's ("Security Council").
fn is_bare_un_name(name: &str, hit: &Hit, gazetteer: &Gazetteer) -> bool {
    let un_body = |&e: &usize| gazetteer.entries[e].kind.as_deref() == Some("un-body");
    let says_un = ["UN ", "U.N. ", "United Nations "].iter().any(|un| name.starts_with(un));
    !says_un && hit.entries.iter().all(un_body)
}

fn push_hit(
    found: &mut Vec<Found>,
    doc: &mut DocText,
    gazetteer: &Gazetteer,
    hit: Hit,
    range: Range<usize>,
    source: &str,
) {
    let first = doc.token_at(range.start);
    let etype = gazetteer.entries[hit.entries[0]].etype;
    let mention = found.len();
    for token in first..doc.tokens.len() {
        if doc.tokens[token].start >= range.end {
            break;
        }
        doc.gazetteer_at[token] = Some(mention);
    }
    found.push(Found {
        name: source[range.clone()].to_string(),
        range,
        etype,
        naming: Naming::Gazetteer { entries: hit.entries, acronym: hit.acronym },
        roles: Vec::new(),
        affiliation: None,
        parent: None,
        token: first,
    });
}

/// "the Russian side", "the American side": a country by its demonym.
fn demonym_sides(source: &str, doc: &mut DocText, gazetteer: &Gazetteer, tokens: Range<usize>, found: &mut Vec<Found>) {
    for i in tokens.start + 1..tokens.end.saturating_sub(1) {
        let side = &doc.tokens[i + 1];
        if !(side.is("side") || side.base() == "side") || !doc.tokens[i - 1].text.eq_ignore_ascii_case("the") {
            continue;
        }
        let Some(country) = gazetteer.demonym(doc.tokens[i].text) else { continue };
        let range = doc.tokens[i - 1].start..side.base_range().end;
        doc.gazetteer_at[i] = Some(found.len());
        found.push(Found {
            name: source[range.clone()].to_string(),
            range,
            etype: EntityType::Country,
            naming: Naming::Gazetteer { entries: Arc::from([country]), acronym: false },
            roles: Vec::new(),
            affiliation: None,
            parent: None,
            token: i - 1,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    #[test]
    fn a_countrys_own_security_council_is_not_the_uns() {
        let k = Knowledge::builtin().unwrap();
        let text = "Talks on cyber threats\n\nThe country's Security Council met. The UN's Security Council met. \
                    The Security Council met. Russia’s Security Council met. This year’s UN Security Council met.";
        let source = Source { name: "page.txt".into(), text: text.into() };
        let document = &crate::segment::segment(&source, &k.lexicon, &k.gazetteer)[0];
        let mut doc = DocText::new(text, document, &k.lexicon);
        let found = gazetteer_mentions(text, &mut doc, &k.gazetteer);
        let named = |id: &str| {
            let index = k.gazetteer.index_of(id).unwrap();
            found
                .iter()
                .filter(|f| matches!(&f.naming, Naming::Gazetteer { entries, .. } if entries[..] == [index]))
                .count()
        };
        assert_eq!(named("un-security-council"), 3);
        assert_eq!(named("russia-security-council"), 1);

        // After the country's council is named, its bare name is that council.
        let text = "Talks on cyber threats\n\nThe Security Council met. The Russian Security Council met. \
                    The Security Council said so. The UN Security Council met.";
        let source = Source { name: "page.txt".into(), text: text.into() };
        let document = &crate::segment::segment(&source, &k.lexicon, &k.gazetteer)[0];
        let mut doc = DocText::new(text, document, &k.lexicon);
        let found = gazetteer_mentions(text, &mut doc, &k.gazetteer);
        let entries: Vec<&str> = found
            .iter()
            .filter_map(|f| match &f.naming {
                Naming::Gazetteer { entries, .. } => Some(k.gazetteer.entries[entries[0]].id.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            entries,
            ["un-security-council", "russia-security-council", "russia-security-council", "un-security-council"]
        );
    }

    #[test]
    fn a_documents_lines_partition_its_tokens_in_order() {
        let k = Knowledge::builtin().unwrap();
        let text = "Statement by the Delegation, 12 March 2021\n\n\
                    Russia submitted a draft convention.\n\nThe OEWG met. We welcomed it.\n\n\
                    Share this page\n\nChina spoke too.\n";
        let source = Source { name: "page.txt".into(), text: text.into() };
        let documents = crate::segment::segment(&source, &k.lexicon, &k.gazetteer);
        assert!(!documents.is_empty());
        for document in &documents {
            let doc = DocText::new(text, document, &k.lexicon);
            assert!(doc.lines.len() >= 2, "{:?}", doc.lines);
            // The proposal pass walks tokens line by line: it must meet each once.
            let walked: Vec<usize> = doc.lines.iter().flat_map(|line| line.clone()).collect();
            assert_eq!(walked, (0..doc.tokens.len()).collect::<Vec<_>>());
            for token in 0..doc.tokens.len() {
                assert!(doc.line_of(token).is_some_and(|line| line.contains(&token)));
            }
        }
    }
}
