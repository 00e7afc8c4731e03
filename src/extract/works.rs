//! Events, referenced documents and proposals, found by the heads of their
//! names and what stands around them:
//! - events: "the Fifth Session of the OEWG …", "the 26th OSCE Ministerial
//!   Council meeting", "the Raisina Dialogue", "the NATO Summit in Warsaw";
//! - documents: "the UN Charter", "OSCE Permanent Council Decision 1039",
//!   "the Treaty on the Non-Proliferation of Nuclear Weapons",
//!   "UNGA resolutions (“Developments in …”)";
//! - proposals: "draft …", what a party proposes, establishes or adopts
//!   ("establishing a permanent entity under the UN auspices"), "universal
//!   rules of …", named plans ("the Peaceful Cyberplan for OSCE").
//!
//! Then acronyms defined in parentheses and bare heads ("the Treaty",
//! "the PoA") are linked to the names they stand for.

use std::ops::Range;

use super::names::phrase_key;
use super::text::Token;
use super::{DocText, Found, Knowledge, Naming};
use crate::lexicon::WordSet;
use crate::model::EntityType;

/// Capitalised words that begin a sentence or clause without being part of
/// a name.
const FUNCTION_WORDS: [&str; 22] = [
    "The", "A", "An", "At", "In", "On", "Of", "For", "By", "With", "This", "That", "Our", "Its", "Their", "We", "It",
    "As", "To", "From", "Since", "During",
];

/// How many content words a proposal's key keeps (head and two more).
const PROPOSAL_KEY_WORDS: usize = 3;

pub fn find(source: &str, doc: &DocText, k: &Knowledge, mentions: &mut Vec<Found>) {
    let mut found: Vec<Found> = Vec::new();
    quoted_works(source, doc, k, &mut found);
    proposals(source, doc, k, mentions, &mut found);
    events(source, doc, k, mentions, &mut found);
    documents(source, doc, k, mentions, &mut found);
    acronyms_and_bare_heads(source, doc, &mut found);
    mentions.extend(found);
}

// ------------------------------------------------------------------ helpers

fn is_ordinal(k: &Knowledge, token: &Token) -> bool {
    let t = token.text;
    let numeric = ["st", "nd", "rd", "th"]
        .iter()
        .any(|suffix| t.strip_suffix(suffix).is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())));
    let roman = !t.is_empty() && t.len() <= 5 && t.chars().all(|c| "IVXLC".contains(c));
    let year = t.len() == 4 && t.chars().all(|c| c.is_ascii_digit());
    numeric || roman || year || k.lexicon.ordinal_words.contains(&t.to_lowercase())
}

/// Whether `number` and `dot` write an ordinal with a full stop ("11."):
/// one to three digits, the stop right after them.
fn dotted_ordinal(number: &Token, dot: &Token) -> bool {
    dot.text == "." && number.end == dot.start && is_short_number(number)
}

/// "Community ( APSC )": a capitalised word, then an acronym in brackets.
fn bracketed_acronym(four: &[Token]) -> bool {
    let [word, open, acronym, close] = four else { return false };
    word.is_capitalised()
        && open.text == "("
        && close.text == ")"
        && (2..=8).contains(&acronym.text.len())
        && acronym.text.bytes().all(|b| b.is_ascii_uppercase())
}

/// One to three digits: a count or an ordinal's number, not a year.
fn is_short_number(token: &Token) -> bool {
    (1..=3).contains(&token.text.len()) && token.text.chars().all(|c| c.is_ascii_digit())
}

/// Words that count things rather than name one.
const COUNT_WORDS: [&str; 13] =
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many", "both", "some"];

/// A cardinal number of one to three digits or a counting word.
fn is_count(token: &Token) -> bool {
    is_short_number(token) || COUNT_WORDS.iter().any(|w| token.text.eq_ignore_ascii_case(w))
}

/// The number an ordinal stands for ("26th", "Fifth", "II", "first-ever").
fn ordinal_number(token: &Token) -> Option<u32> {
    let lower = token.text.to_lowercase();
    const WORDS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth",
    ];
    let word = lower.strip_suffix("-ever").unwrap_or(&lower);
    if let Some(i) = WORDS.iter().position(|w| word == *w) {
        return Some(i as u32 + 1);
    }
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(number) =
            lower.strip_suffix(suffix).filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            return number.parse().ok();
        }
    }
    let roman = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let values: Option<Vec<u32>> = token.text.chars().map(roman).collect();
    let values = values.filter(|v| !v.is_empty() && v.len() <= 5)?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    u32::try_from(total).ok()
}

fn org_mention(doc: &DocText, mentions: &[Found], token: usize) -> Option<usize> {
    doc.gazetteer_at.get(token).copied().flatten().filter(|&m| mentions[m].etype == EntityType::Organization)
}

/// End (exclusive) of the gazetteer mention covering `token`.
fn mention_end(doc: &DocText, token: usize) -> usize {
    let m = doc.gazetteer_at[token];
    let mut end = token;
    while end < doc.tokens.len() && doc.gazetteer_at[end] == m {
        end += 1;
    }
    end
}

fn overlaps(found: &[Found], mentions: &[Found], range: &Range<usize>, types: &[EntityType]) -> bool {
    found
        .iter()
        .chain(mentions)
        .any(|m| types.contains(&m.etype) && m.range.start < range.end && range.start < m.range.end)
}

/// A capitalised name after a preposition: "the Non-Proliferation of
/// Nuclear Weapons", "High-Ranking Officials Responsible for Security
/// Matters", "Responsible State Behavior in Cyberspace". Returns the end (exclusive), or `start` when there is none.
fn capitalised_phrase(doc: &DocText, k: &Knowledge, start: usize, limit: usize) -> usize {
    let tokens = &doc.tokens;
    let mut i = start;
    if tokens.get(i).is_some_and(|t| t.text == "the") {
        i += 1;
    }
    let mut end = start;
    while i < limit {
        let t = &tokens[i];
        // "… 76th Session on March 28th": a date ends the name.
        let date = crate::dates::month_number(t.text).is_some()
            && tokens.get(i + 1).is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit()));
        if date {
            break;
        }
        // "… for Southern Africa on Wednesday", "Meeting on Saturday": a day
        // ends the name.
        if crate::dates::is_weekday(t.text)
            || t.text == "on" && tokens.get(i + 1).is_some_and(|n| crate::dates::is_weekday(n.text))
        {
            break;
        }
        // "… Working Group At Israel Cyber Week": a headline's capitalised
        // preposition of place or time ends the name.
        if matches!(t.text, "At" | "During" | "By" | "Amid") && i > start {
            break;
        }
        if t.is_capitalised() || doc.gazetteer_at[i].is_some() {
            i += 1;
            end = i;
            if t.is_possessive() {
                break;
            }
        } else if matches!(t.text, "of" | "on" | "for" | "and" | "the")
            && i + 1 < limit
            && (tokens[i + 1].is_capitalised() || tokens[i + 1].text == "the")
        {
            i += 1;
        } else if matches!(t.text, "of" | "on" | "for")
            && i + 2 < limit
            && matches!(tokens[i + 1].text, "a" | "an")
            && tokens[i + 2].is_capitalised()
        {
            // "… on the Development of a National Framework for Cyber
            // Security": an article after a preposition, before a name.
            i += 2;
        } else if t.text == "/"
            && i > start
            && tokens[i - 1].end == t.start
            && i + 1 < limit
            && tokens[i + 1].is_capitalised()
        {
            // "… Conference on Cyber/ ICT Security": a slash glued to a word
            // offers an alternative to it.
            i += 1;
        } else if t.text == "in" && i + 1 < limit && is_no_place(k, &tokens[i + 1]) {
            // "… State Behavior in Cyberspace", but not "… in Geneva".
            i += 1;
        } else {
            break;
        }
    }
    end
}

/// A headline's "Opening"/"Closing" before the name of what opens or closes.
fn is_headline_gerund(token: &Token) -> bool {
    matches!(token.text, "Opening" | "Closing")
}

/// A track of diplomacy's number: "1", "1.5", "2".
fn is_track_number(text: &str) -> bool {
    text.len() <= 3
        && text.starts_with(|c: char| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// A capitalised word that names no place ("Cyberspace", "ICTs").
fn is_no_place(k: &Knowledge, token: &Token) -> bool {
    token.is_capitalised() && k.lexicon.not_place_words.contains(token.base())
}

/// A lower-case complement after a preposition: "on cooperation in
/// combating information crimes". Stops at clause words, participles,
/// punctuation and dates; returns the end (exclusive).
fn complement(doc: &DocText, k: &Knowledge, start: usize, limit: usize, max_words: usize) -> usize {
    let tokens = &doc.tokens;
    let mut end = start;
    let mut i = start;
    let mut words = 0;
    while i < limit && words < max_words {
        let t = &tokens[i];
        let participle = t.is_lower() && t.text.len() > 4 && t.text.ends_with("ed");
        let date_follows = tokens.get(i + 1).is_some_and(|n| {
            n.text.chars().all(|c| c.is_ascii_digit()) || crate::dates::month_number(n.text).is_some()
        });
        let number = t.text.bytes().all(|b| b.is_ascii_digit());
        // "information and communication technologies" is one term: its
        // "and" joins no second complement.
        if let Some(term_end) = ict_term_end(tokens, i) {
            i = term_end;
            end = i;
            words += 1;
            continue;
        }
        if !t.word
            || k.lexicon.phrase_stop_words.contains(t.text)
            || participle
            || number
            || (t.text == "in" && date_follows)
        {
            break;
        }
        i += 1;
        words += 1;
        if !matches!(t.text, "of" | "on" | "for" | "in" | "the" | "a" | "an" | "under") {
            end = i;
        }
    }
    end
}

/// If tokens from `i` spell "information and (tele)communication(s)
/// (technologies)", the end of that term: the field's name for ICT, whose
/// "and" is part of the term.
fn ict_term_end(tokens: &[Token], i: usize) -> Option<usize> {
    // Case-blind prefix test, with no lower-cased copy of each word.
    let opens = |at: usize, prefix: &str| {
        tokens.get(at).is_some_and(|t| t.text.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix)))
    };
    let is = |at: usize, word: &str| tokens.get(at).is_some_and(|t| t.text.eq_ignore_ascii_case(word));
    if !(is(i, "information")
        && is(i + 1, "and")
        && (opens(i + 2, "communication") || opens(i + 2, "telecommunication")))
    {
        return None;
    }
    Some(if opens(i + 3, "technolog") { i + 4 } else { i + 3 })
}

/// Quotation marks that open a quoted name, and those that close it.
const OPENING_QUOTES: [&str; 3] = ["\"", "“", "«"];
const CLOSING_QUOTES: [&str; 3] = ["\"", "”", "»"];

/// When token `open` opens a quotation closed before `limit` (and within a
/// name's length), the token after its closing mark.
fn quoted_end(doc: &DocText, open: usize, limit: usize) -> Option<usize> {
    let tokens = &doc.tokens;
    if !OPENING_QUOTES.contains(&tokens.get(open)?.text) {
        return None;
    }
    let limit = limit.min(open + 40);
    (open + 2..limit).find(|&t| CLOSING_QUOTES.contains(&tokens[t].text)).map(|close| close + 1)
}

/// The first token from `from` (before `limit`) outside quotes where `found`
/// holds, else where the walk stops (`limit`, or past a quotation that
/// runs to it).
fn outside_quotes(doc: &DocText, from: usize, limit: usize, found: impl Fn(usize) -> bool) -> usize {
    let mut t = from;
    while t < limit && !found(t) {
        t = quoted_end(doc, t, limit).unwrap_or(t + 1);
    }
    t
}

fn line_end(doc: &DocText, token: usize) -> usize {
    doc.line_of(token).map_or(doc.tokens.len(), |l| l.end)
}

fn line_start(doc: &DocText, token: usize) -> usize {
    doc.line_of(token).map_or(0, |l| l.start)
}

fn new_found(
    source: &str,
    doc: &DocText,
    tokens: Range<usize>,
    etype: EntityType,
    naming: Naming,
    parent: Option<usize>,
) -> Found {
    let range = doc.tokens[tokens.start].start..doc.tokens[tokens.end - 1].base_range().end;
    let name = source[range.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
    Found { name, range, etype, naming, roles: Vec::new(), affiliation: None, parent, token: tokens.start }
}

/// Head words of one class (proposals, documents), for lookups by token.
#[derive(Debug)]
pub struct Heads {
    /// The one-word heads, as written.
    words: WordSet,
    /// The capitalised one-word heads longer than three letters, lower-cased:
    /// a capitalised word ending with one is a compound of it ("Cyberplan").
    /// Those of ASCII and at most [`SHORT_ENDING`] bytes are kept by their
    /// length, so that a word's endings are looked up, not compared with
    /// each head in turn; the others are compared.
    short_endings: Vec<(usize, WordSet)>,
    other_endings: Vec<String>,
    /// The last four bytes of every ASCII ending, sorted: most words end
    /// with none, and are done with after one search.
    ascii_tails: Vec<[u8; 4]>,
}

/// The longest compound ending looked up by length (bytes).
const SHORT_ENDING: usize = 32;

impl Heads {
    pub fn new(list: &[String]) -> Heads {
        let words: WordSet = list.iter().filter(|h| !h.contains(' ')).cloned().collect();
        let mut short_endings: Vec<(usize, WordSet)> = Vec::new();
        let mut other_endings = Vec::new();
        let endings = words.iter().filter(|h| h.len() > 3 && h.chars().next().is_some_and(char::is_uppercase));
        for ending in endings.map(|h| h.to_lowercase()) {
            if !ending.is_ascii() || ending.len() > SHORT_ENDING {
                other_endings.push(ending);
            } else if let Some((_, set)) = short_endings.iter_mut().find(|(len, _)| *len == ending.len()) {
                set.insert(ending);
            } else {
                short_endings.push((ending.len(), WordSet::from_iter([ending])));
            }
        }
        let every_ending = short_endings.iter().flat_map(|(_, set)| set.iter()).chain(&other_endings);
        let mut ascii_tails: Vec<[u8; 4]> =
            every_ending.filter(|e| e.is_ascii()).filter_map(|e| e.as_bytes().last_chunk().copied()).collect();
        ascii_tails.sort_unstable();
        ascii_tails.dedup();
        Heads { words, short_endings, other_endings, ascii_tails }
    }

    /// Whether a word is one of the one-word heads, as written.
    pub fn is_word(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Whether the token (without its possessive) is a head, or a
    /// capitalised compound of one.
    pub fn matches(&self, token: &Token) -> bool {
        let base = token.base();
        self.is_word(base) || (token.is_capitalised() && self.is_compound(base))
    }

    /// Whether a word ends with a compound ending, ignoring case.
    fn is_compound(&self, word: &str) -> bool {
        if !word.is_ascii() {
            let mut every_ending = self.short_endings.iter().flat_map(|(_, set)| set.iter()).chain(&self.other_endings);
            return every_ending.any(|ending| ends_with_ignoring_case(word, ending));
        }
        // Every ending is longer than three letters.
        let Some(tail) = word.as_bytes().last_chunk::<4>() else { return false };
        if self.ascii_tails.binary_search(&tail.map(|b| b.to_ascii_lowercase())).is_err() {
            return false;
        }
        let mut lower = [0u8; SHORT_ENDING];
        let short = self.short_endings.iter().any(|&(len, ref set)| {
            let Some(tail) = word.len().checked_sub(len).map(|start| &word.as_bytes()[start..]) else { return false };
            lower[..len].copy_from_slice(tail);
            lower[..len].make_ascii_lowercase();
            std::str::from_utf8(&lower[..len]).is_ok_and(|tail| set.contains(tail))
        });
        // An ASCII word cannot end with a non-ASCII ending.
        short || self.other_endings.iter().any(|ending| ending.is_ascii() && ends_with_ignoring_case(word, ending))
    }
}

/// `word.to_lowercase().ends_with(lower)`, `lower` being lower case already,
/// without allocating when both are ASCII.
fn ends_with_ignoring_case(word: &str, lower: &str) -> bool {
    if word.is_ascii() && lower.is_ascii() {
        let (word, lower) = (word.as_bytes(), lower.as_bytes());
        word.len() >= lower.len() && word[word.len() - lower.len()..].eq_ignore_ascii_case(lower)
    } else {
        word.to_lowercase().ends_with(lower)
    }
}

// ------------------------------------------------------------------- events

fn events(source: &str, doc: &DocText, k: &Knowledge, mentions: &[Found], found: &mut Vec<Found>) {
    let tokens = &doc.tokens;
    let mut events: Vec<Found> = Vec::new();
    for h in 0..tokens.len() {
        let head = &tokens[h];
        let two_word = head.text == "video" && tokens.get(h + 1).is_some_and(|t| t.text == "conference");
        if !(k.event_heads.contains(head.text) || two_word) || doc.gazetteer_at[h].is_some() {
            continue;
        }
        let head_end = if two_word { h + 2 } else { h + 1 };
        // "Via Conference Call": a medium, not a meeting; "the Accra
        // International Conference Center": a venue.
        let medium_or_venue = |t: &Token| {
            matches!(t.text, "Call" | "call" | "Calls" | "calls" | "Center" | "Centre" | "Hall" | "Room" | "Building")
        };
        if tokens.get(head_end).is_some_and(medium_or_venue) {
            continue;
        }
        // "My ASEAN Ministerial colleagues": an adjective, not a meeting.
        let adjective = k.lexicon.adjective_event_heads.contains(head.text)
            && tokens.get(head_end).is_some_and(|t| t.word && t.is_lower());
        if adjective {
            continue;
        }
        let line_end = line_end(doc, h);
        let line_start = line_start(doc, h);
        if h > line_start {
            let before = tokens[h - 1].text.to_lowercase();
            if k.lexicon.non_event_head_prefixes.contains(&before) {
                continue;
            }
        }
        // Left: ordinals, capitalised words, bodies; a possessive only right before the head.
        let mut left = h;
        let mut has_ordinal = false;
        while left > line_start {
            let t = &tokens[left - 1];
            // "the 11. Session of …": a number and its full stop, as German
            // and Nordic texts write an ordinal.
            if left >= line_start + 2 && dotted_ordinal(&tokens[left - 2], t) {
                // "1. Police Cooperation Dialogue …" opening a line: a list's
                // numbering, not an ordinal.
                if left - 2 > line_start {
                    has_ordinal = true;
                    left -= 2;
                }
                break;
            }
            // "Commonwealth Heads of Government Meeting": "of" between two
            // capitalised words of the name.
            let name_word = |t: &Token| {
                t.is_capitalised() && !FUNCTION_WORDS.contains(&t.text) && !k.lexicon.headline_verbs.contains(t.text)
            };
            let of_name = |before: &Token| name_word(before) && !k.lexicon.moment_words.contains(before.text);
            if t.text == "of"
                && left >= line_start + 2
                && left < h
                && of_name(&tokens[left - 2])
                && name_word(&tokens[left])
            {
                left -= 2;
                continue;
            }
            // "ASEAN Political-Security Community (APSC) Council Meeting": an
            // acronym in brackets inside the name.
            if left >= line_start + 4 && bracketed_acronym(&tokens[left - 4..left]) {
                left -= 3;
                continue;
            }
            // "Republic of Korea (ROK)-United Kingdom (UK) Cyber Dialogue": a
            // hyphen glued to the brackets joins two names.
            let glued_hyphen = || t.start == tokens[left - 2].end && tokens[left].start == t.end;
            if t.text == "-"
                && left >= line_start + 5
                && bracketed_acronym(&tokens[left - 5..left - 1])
                && glued_hyphen()
            {
                left -= 4;
                continue;
            }
            // "High- Level Meeting": a hyphen that lost its second word's
            // joining.
            let broken_hyphen = || {
                t.text == "-"
                    && tokens[left - 2].end == t.start
                    && tokens[left - 2].is_capitalised()
                    && tokens[left].start > t.end
            };
            if left >= line_start + 2 && broken_hyphen() {
                left -= 2;
                continue;
            }
            // "ASEAN-India Track 1.5 Dialogue": a diplomatic track's number.
            if left >= line_start + 2 && tokens[left - 2].text == "Track" && is_track_number(t.text) {
                left -= 2;
                continue;
            }
            if k.lexicon.headline_verbs.contains(t.text) {
                break;
            }
            let ok = if t.is_possessive() {
                left == h && t.is_capitalised() && !k.lexicon.not_name_words.contains(t.base())
            } else {
                (t.is_capitalised() && !FUNCTION_WORDS.contains(&t.text))
                    || doc.gazetteer_at[left - 1].is_some()
                    || is_ordinal(k, t)
            };
            if !ok {
                break;
            }
            has_ordinal |= is_ordinal(k, t) && !t.is_capitalised()
                || t.text.chars().next().is_some_and(|c| c.is_ascii_digit())
                || ordinal_number(t).is_some();
            left -= 1;
        }
        // "Opening GFCE Annual Meeting 2018": a headline's gerund is no part
        // of the name (kept when nothing else stands before the head).
        if left + 1 < h && is_headline_gerund(&tokens[left]) {
            left += 1;
            // "Opening of Cyber Week Conference".
            if left + 1 < h && tokens[left].text == "of" {
                left += 1;
            }
        }
        // A name opens at its ordinal ("The United States Co-Hosts Second
        // Ministerial Meeting"); only a body may stand before it ("OSCE 25th
        // Ministerial Council").
        if let Some(ordinal_at) = (left..h).find(|&t| ordinal_number(&tokens[t]).is_some()) {
            if (left..ordinal_at).any(|t| doc.gazetteer_at[t].is_none()) {
                left = ordinal_at;
            }
        }
        // Right: "of/on/for" and a body or a capitalised name; "in City" after a bare capitalised head.
        let mut right = head_end;
        let mut body = (left..h).find_map(|t| org_mention(doc, mentions, t));
        let mut sitting_of = None;
        if let Some(prep) = tokens.get(head_end).filter(|t| matches!(t.text, "of" | "on" | "for")) {
            let mut first = head_end + 1;
            if tokens.get(first).is_some_and(|t| t.text == "the") {
                first += 1;
            }
            if let Some(end) = quoted_end(doc, head_end + 1, line_end) {
                // Debate on “Maintenance of International Peace and Security”.
                right = end;
            } else if let Some(org) = (first < line_end).then(|| org_mention(doc, mentions, first)).flatten() {
                right = mention_end(doc, first);
                body = Some(org);
                sitting_of = Some(org);
            } else {
                let end = capitalised_phrase(doc, k, head_end + 1, line_end);
                if end > head_end + 1 {
                    right = end;
                } else if prep.text == "on" && head.is_lower() {
                    right = complement(doc, k, head_end + 1, line_end, 3);
                } else if head.is_lower() && numbered_title(&tokens[left..h]) {
                    // "XII International meeting of high representatives in
                    // charge of security issues": a numbered name in lower case.
                    right = complement(doc, k, head_end + 1, line_end, 8);
                }
                // An empty complement leaves no preposition dangling ("this
                // Security Council session on such a timely topic").
                if right == head_end + 1 {
                    right = head_end;
                }
            }
        } else if let Some(end) = head.is_capitalised().then(|| quoted_end(doc, head_end, line_end)).flatten() {
            // A name in quotes after the head: Forum "Partnership of State,
            // Business and Civil Society".
            right = end;
        } else if matches!(head.text, "Summit" | "summit")
            && !has_ordinal
            && tokens.get(head_end).is_some_and(|t| t.text == "in")
            && tokens
                .get(head_end + 1)
                .is_some_and(|t| t.is_capitalised() && crate::dates::month_number(t.text).is_none())
            && !tokens.get(head_end + 2).is_some_and(|t| t.is_capitalised())
        {
            right = head_end + 2;
        }
        let ordinal = (left..h).rev().find_map(|t| ordinal_number(&tokens[t]));
        // "its 75th session": a sitting of the body named last in the sentence.
        if left > 0 && matches!(tokens[left - 1].text, "its" | "their") && right == head_end {
            let sentence = doc.sentence_of(h);
            let nearest = (sentence.start..left).rev().find_map(|t| org_mention(doc, mentions, t));
            if let (Some(ordinal), Some(body), true) = (ordinal, nearest, left + 1 == h) {
                let naming = Naming::Sitting { ordinal, body };
                events.push(new_found(source, doc, left..right, EntityType::Event, naming, Some(body)));
            }
            continue;
        }
        // A name needs a proper word or a body; generic words ("International
        // Dialogue") and bare ordinals ("third session") are not names.
        let proper = |t: &Token| {
            t.is_capitalised() && !k.lexicon.not_name_words.contains(t.base()) && ordinal_number(t).is_none()
        };
        let named_left = (left..h).any(|t| proper(&tokens[t]) || doc.gazetteer_at[t].is_some());
        // "the 75th session of the UN General Assembly": an ordinal sitting of a body.
        let sitting = ordinal.is_some() && sitting_of.is_some();
        let numbered = numbered_title(&tokens[left..h]) && right > head_end + 1;
        let valid =
            if head.is_capitalised() { named_left || right > head_end } else { named_left || sitting || numbered };
        if !valid {
            continue;
        }
        let naming = match (ordinal, sitting_of) {
            (Some(ordinal), Some(body)) => Naming::Sitting { ordinal, body },
            _ => Naming::Phrase(phrase_key(&source[tokens[left].start..tokens[right - 1].end], 12)),
        };
        events.push(new_found(source, doc, left..right, EntityType::Event, naming, body));
    }
    numbered_meetings(source, doc, mentions, &mut events);
    same_edition(source, doc, k, &mut events);
    // Keep the longest of overlapping events.
    events.sort_by_key(|e| (e.range.start, std::cmp::Reverse(e.range.end)));
    for event in events {
        if !found
            .iter()
            .any(|f| f.etype == EntityType::Event && f.range.start < event.range.end && event.range.start < f.range.end)
            && !mentions.iter().any(|m| m.range == event.range)
        {
            found.push(event);
        }
    }
}

/// "The first U.S.-Kenya Cyber Dialogue took place … the U.S.-Kenya Cyber
/// Dialogue": where a document names one edition of a recurring meeting,
/// the meeting named without its ordinal is that edition.
fn same_edition(source: &str, doc: &DocText, k: &Knowledge, events: &mut [Found]) {
    if events.len() < 2 {
        return;
    }
    let tokens = &doc.tokens;
    let mut editions: Vec<(String, Naming)> = Vec::new();
    for event in events.iter() {
        let mut t = event.token;
        while t < tokens.len()
            && tokens[t].start < event.range.end
            && (is_ordinal(k, &tokens[t]) || tokens[t].text == "annual")
        {
            t += 1;
        }
        if t > event.token && t < tokens.len() && tokens[t].start < event.range.end {
            let key = phrase_key(&source[tokens[t].start..event.range.end], 12);
            if !editions.iter().any(|(k, naming)| *k == key && *naming == event.naming) {
                editions.push((key, event.naming.clone()));
            }
        }
    }
    for event in events.iter_mut() {
        let Naming::Phrase(key) = &event.naming else { continue };
        let mut same = editions.iter().filter(|(edition, _)| edition == key);
        if let (Some((_, naming)), None) = (same.next(), same.next()) {
            event.naming = naming.clone();
        }
    }
}

/// Words before an event's head that number a recurring event by its
/// title: an ordinal and a capitalised word ("XII International", "13th
/// Annual"), not an ordinal alone ("third").
fn numbered_title(before_head: &[Token]) -> bool {
    before_head.iter().any(|t| ordinal_number(t).is_some())
        && before_head.iter().any(|t| t.is_capitalised() && ordinal_number(t).is_none())
}

/// A body's numbered meeting: "OSCE Permanent Council No. 1487", "FSC
/// № 1050". It is the body's sitting of that number.
fn numbered_meetings(source: &str, doc: &DocText, mentions: &[Found], events: &mut Vec<Found>) {
    let tokens = &doc.tokens;
    for (body, mention) in mentions.iter().enumerate() {
        if mention.etype != EntityType::Organization || !matches!(mention.naming, Naming::Gazetteer { .. }) {
            continue;
        }
        let after = mention_end(doc, mention.token);
        let number_at = match tokens.get(after..after + 2) {
            Some([no, dot]) if no.text == "No" && dot.text == "." => after + 2,
            Some([sign, _]) if sign.text == "№" => after + 1,
            _ => continue,
        };
        let Some(ordinal) = tokens.get(number_at).and_then(|n| n.text.parse::<u32>().ok()) else { continue };
        let naming = Naming::Sitting { ordinal, body };
        events.push(new_found(source, doc, mention.token..number_at + 1, EntityType::Event, naming, Some(body)));
    }
}

/// Tokens beyond which a title is a paragraph standing for one.
const LONGEST_TITLE_TOKENS: usize = 60;

/// The event a title says the document was delivered at: "… at the 26th
/// OSCE Ministerial Council meeting, Bratislava, …". A phrase that names no
/// event found elsewhere becomes one ("at the military parade marking …");
/// news and press conferences are not events.
pub fn title_event(source: &str, doc: &DocText, k: &Knowledge, mentions: &mut Vec<Found>) -> Option<Range<usize>> {
    let tokens = &doc.tokens;
    let title = doc.title.clone();
    // A title that opens with an event's name is that event's record
    // ("OSCE Permanent Council No. 1487 Vienna, 5 September 2024"), and so
    // is one that opens with its opening ("Opening GFCE Annual Meeting").
    let gerund = tokens.get(title.start).is_some_and(is_headline_gerund);
    let name_start = if gerund { title.start + 1 } else { title.start };
    let opening = mentions.iter().filter(|m| m.etype == EntityType::Event && m.token == name_start);
    if let Some(event) = opening.max_by_key(|m| m.range.len()) {
        return Some(event.range.clone());
    }
    let before_article = |t: usize, words: &[&str]| {
        words.contains(&tokens[t].text) && tokens.get(t + 1).is_some_and(|n| n.text == "the")
    };
    // "at the …"; else "in the …" or "during the …", which must then hold an
    // event found in the text ("in the First Committee of the 77th Session").
    // "on the occasion of the …" says "at" too.
    let at = |t: usize| tokens[t].text == "at" || (tokens[t].text == "of" && t > 0 && tokens[t - 1].text == "occasion");
    let at_phrase =
        title.clone().find(|&t| at(t) && tokens.get(t + 1).is_some_and(|n| matches!(n.text, "the" | "a" | "an")));
    let is_kind = |t: &Token| k.lexicon.kinds.iter().any(|(w, _)| !w.contains(' ') && t.text.eq_ignore_ascii_case(w));
    // "Chairman's Statement of the 10th … Conference": a genre's "of the".
    let of_genre = |t: usize| t > 0 && is_kind(&tokens[t - 1]) && before_article(t, &["of"]);
    let Some(at) = at_phrase.or_else(|| title.clone().find(|&t| before_article(t, &["in", "during"]) || of_genre(t)))
    else {
        return addressed_event(doc, mentions);
    };
    // "statement concerning X's speech at the Banquet": the speech was there, not the statement.
    if (title.start..at).filter(|&t| is_kind(&tokens[t])).count() > 1 {
        return None;
    }
    let mut start = at + 2;
    // "at the opening of CyCon": the event is CyCon ("the closing of the
    // talks" names none but itself).
    let opening_of = |w: &[Token]| matches!(w[0].text, "opening" | "closing") && w[1].text == "of";
    if tokens.get(start..start + 2).is_some_and(opening_of) {
        let name = if tokens.get(start + 2).is_some_and(|t| t.text == "the") { start + 3 } else { start + 2 };
        if tokens.get(name).is_some_and(|t| t.is_capitalised()) {
            start = name;
        }
    }
    // The first comma outside quotes ends the phrase, and so does a bracket
    // that it does not close ("… 2021-2025 (Future Mechanism, Concluding …").
    let mut end = outside_quotes(doc, start, title.end, |t| tokens[t].text == ",");
    if let Some(open) = (start..end).rev().find(|&t| tokens[t].text == "(") {
        if !(open..end).any(|t| tokens[t].text == ")") {
            end = open;
        }
    }
    if start >= end {
        return None;
    }
    let phrase = tokens[start].start..tokens[end - 1].end;
    let text = source[phrase.clone()].to_lowercase();
    // A spokesperson's briefing is no event; a body's briefing ("the
    // Security Council Briefing on Ransomware") is one of its meetings.
    let body_briefing = text.contains("council briefing") || text.contains("committee briefing");
    if text.contains("news conference")
        || text.contains("press conference")
        || (text.contains("briefing") && !body_briefing)
    {
        return None;
    }
    let inside = mentions
        .iter()
        .filter(|m| m.etype == EntityType::Event && phrase.start <= m.range.start && m.range.end <= phrase.end)
        .max_by_key(|m| m.range.len());
    if let Some(event) = inside {
        return Some(event.range.clone());
    }
    at_phrase?;
    // A page whose first paragraph stands for its title: "at the Ninth
    // Tower, Rama IX Road, Bangkok" there is a venue, not an event.
    if title.len() > LONGEST_TITLE_TOKENS {
        return None;
    }
    // Cut the phrase at a place or date that closes it ("… in London",
    // "… on March 28th", "… on Tuesday"), outside quotes.
    let end = outside_quotes(doc, start, end, |t| {
        let next = tokens.get(t + 1);
        let day = |n: &Token| crate::dates::month_number(n.text).is_some() || crate::dates::is_weekday(n.text);
        (tokens[t].text == "in" && next.is_some_and(|n| n.is_capitalised()))
            || (tokens[t].text == "on" && next.is_some_and(day))
    })
    .min(end);
    // "at the in Riyadh": nothing is left of the phrase.
    if end <= start || !crate::dates::find_dates(&source[tokens[start].start..tokens[end - 1].end]).is_empty() {
        return None;
    }
    // "Pakistan at the UN": a body or a country alone is where, not an event.
    let (from, to) = (tokens[start].start, tokens[end - 1].end);
    let names_place = |m: &Found| {
        matches!(m.etype, EntityType::Organization | EntityType::Country) && m.range.start <= from && to <= m.range.end
    };
    if mentions.iter().any(names_place) {
        return None;
    }
    let naming = Naming::Phrase(phrase_key(&source[tokens[start].start..tokens[end - 1].end], 12));
    let event = new_found(source, doc, start..end, EntityType::Event, naming, None);
    let range = event.range.clone();
    mentions.push(event);
    Some(range)
}

/// The event a title says it was addressed to: "Canada's submission to UNSC
/// Open Debate on cybersecurity", "Statement to the Review Conference": an
/// event found right after "to" (and "the").
fn addressed_event(doc: &DocText, mentions: &[Found]) -> Option<Range<usize>> {
    let tokens = &doc.tokens;
    let title = doc.title.clone();
    let to = title.clone().find(|&t| tokens[t].text == "to")?;
    let first = if tokens.get(to + 1).is_some_and(|t| t.text == "the") { to + 2 } else { to + 1 };
    let opens_there = |m: &&Found| m.etype == EntityType::Event && m.token == first && title.contains(&m.token);
    mentions.iter().filter(opens_there).max_by_key(|m| m.range.len()).map(|m| m.range.clone())
}

/// Sentences after the title in which a chair may open the sitting.
const OPENING_SENTENCES: usize = 8;

/// The event a transcript's chair opens in its first sentences: "The ninth
/// meeting of the first substantive session of the Open-Ended Working Group
/// … is called to order." The longest event named in that sentence.
pub fn opened_event(source: &str, doc: &DocText, k: &Knowledge, mentions: &[Found]) -> Option<Range<usize>> {
    let tokens = &doc.tokens;
    let sentences = doc.sentences.iter().filter(|s| s.start >= doc.title.end && !s.is_empty());
    let opening = sentences.take(OPENING_SENTENCES).find(|s| {
        let text = source[tokens[s.start].start..tokens[s.end - 1].end].to_lowercase();
        k.lexicon.opening_phrases.iter().any(|p| text.contains(p.as_str()))
    })?;
    let (start, end) = (tokens[opening.start].start, tokens[opening.end - 1].end);
    let events =
        mentions.iter().filter(|m| m.etype == EntityType::Event && start <= m.range.start && m.range.end <= end);
    events.max_by_key(|m| m.range.len()).map(|m| m.range.clone())
}

/// Lines under the title that may name the event on a line of its own.
const EVENT_LINES: usize = 3;

/// The event named alone on one of the first lines under the title, as a
/// statement's heading prints it ("Statement at UNSC high-level open debate
/// …" / "UN Security Council High-Level Open Debate on Addressing Evolving
/// Threats in Cyberspace" / "Statement delivered by …"). A sentence ends
/// the heading.
pub fn heading_line_event(doc: &DocText, mentions: &[Found]) -> Option<Range<usize>> {
    let tokens = &doc.tokens;
    let lines = doc.lines.iter().filter(|l| l.start >= doc.title.end && !l.is_empty()).take(EVENT_LINES);
    for line in lines.take_while(|l| !tokens[l.end - 1].text.ends_with(['.', '!', '?'])) {
        let whole_line = |m: &&Found| {
            m.etype == EntityType::Event && m.token == line.start && m.range.end >= tokens[line.end - 1].start
        };
        if let Some(event) = mentions.iter().filter(whole_line).max_by_key(|m| m.range.len()) {
            return Some(event.range.clone());
        }
    }
    None
}

// ---------------------------------------------------------------- documents

fn documents(source: &str, doc: &DocText, k: &Knowledge, mentions: &[Found], found: &mut Vec<Found>) {
    let tokens = &doc.tokens;
    for h in 0..tokens.len() {
        let head = &tokens[h];
        if !head.word || !k.document_head_words.is_word(head.base()) || doc.gazetteer_at[h].is_some() {
            continue;
        }
        let line_end = line_end(doc, h);
        let line_start = line_start(doc, h);
        if (h.saturating_sub(3)..h).any(|t| tokens[t].text.eq_ignore_ascii_case("draft")) {
            continue;
        }
        // A quoted title after "resolutions": UNGA resolutions (“…”).
        if head.is_lower()
            && tokens.get(h + 1).is_some_and(|t| t.text == "(")
            && tokens.get(h + 2).is_some_and(|t| matches!(t.text, "“" | "\""))
        {
            if let Some(close) = (h + 3..line_end).find(|&t| matches!(tokens[t].text, "”" | "\"")) {
                if close > h + 3 {
                    let parent = (line_start..h).rev().take(3).find_map(|t| org_mention(doc, mentions, t));
                    let name_tokens = h + 3..close;
                    let naming = Naming::Phrase(phrase_key(doc.span_text(source, name_tokens.clone()), 12));
                    found.push(new_found(source, doc, name_tokens, EntityType::Document, naming, parent));
                    continue;
                }
            }
        }
        let mut left = h;
        while left > line_start {
            let t = &tokens[left - 1];
            // "Russia, Ruritania Sign Information Security Agreement": a
            // headline's verb opens no name.
            let name_word = t.is_capitalised()
                && !FUNCTION_WORDS.contains(&t.text)
                && (!t.is_possessive() || left == h)
                && !k.lexicon.headline_verbs.contains(t.text);
            let ok = name_word || doc.gazetteer_at[left - 1].is_some();
            if !ok {
                break;
            }
            left -= 1;
            if t.is_possessive() {
                break;
            }
        }
        let mut right = h + 1;
        let number = tokens.get(h + 1).is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()));
        if number {
            right = h + 2;
        } else if tokens.get(h + 1).is_some_and(|t| matches!(t.text, "of" | "on" | "for" | "against")) {
            // "Convention against Cybercrime", "Convention against Torture".
            let end = capitalised_phrase(doc, k, h + 2, line_end);
            if end > h + 2 {
                right = end;
            }
        }
        // "decisions of the NATO Summit in Warsaw": a text of an event.
        let mut parent = (left..h).find_map(|t| org_mention(doc, mentions, t));
        if head.is_lower() && left == h && tokens.get(h + 1).is_some_and(|t| t.text == "of") {
            let event = found.iter().find(|f| {
                f.etype == EntityType::Event && doc.token_at(f.range.start) <= h + 3 && doc.token_at(f.range.start) > h
            });
            if let Some(event) = event {
                let end = doc.token_at(event.range.end);
                let parent = event.parent;
                let naming = Naming::Phrase(phrase_key(doc.span_text(source, h..end), 12));
                found.push(new_found(source, doc, h..end, EntityType::Document, naming, parent));
            }
            continue;
        }
        let named_left = left < h;
        let valid = if head.is_capitalised() {
            named_left || right > h + 1
        } else {
            // "Minsk agreements", "GGE's reports on IIS"; not "the UN General Assembly resolution".
            let proper = (left..h).any(|t| doc.gazetteer_at[t].is_none() && tokens[t].is_capitalised());
            // "Event report" alone on its line is a page's label.
            let label = left + 1 == h && left == line_start && right == line_end && doc.gazetteer_at[left].is_none();
            named_left && !tokens[left].is_lower() && (proper || right > h + 1) && !label
        };
        if !valid {
            continue;
        }
        if parent.is_none() {
            parent = (h + 1..right).find_map(|t| org_mention(doc, mentions, t));
        }
        let range = tokens[left].start..tokens[right - 1].end;
        if overlaps(found, mentions, &range, &[EntityType::Proposal, EntityType::Document, EntityType::Event]) {
            continue;
        }
        // Only texts a body issues carry an issuer.
        let issued = [
            "Decision",
            "Decisions",
            "decisions",
            "Resolution",
            "resolution",
            "resolutions",
            "Report",
            "Reports",
            "report",
            "reports",
            "Declaration",
            "Communiqué",
            "Communique",
        ];
        let parent = parent.filter(|_| issued.contains(&head.base()));
        let naming = if number {
            numbered_naming(k, mentions, head, &tokens[h + 1], parent)
        } else {
            Naming::Phrase(phrase_key(doc.span_text(source, left..right), 12))
        };
        found.push(new_found(source, doc, left..right, EntityType::Document, naming, parent));
    }
    quoted_titles(source, doc, found);
}

/// A numbered text is known by its head, number and issuer, however the
/// issuer is written: "General Assembly resolution 75/240" and "UN General
/// Assembly Resolution 75/240" are one resolution.
fn numbered_naming(k: &Knowledge, mentions: &[Found], head: &Token, number: &Token, issuer: Option<usize>) -> Naming {
    let issuer = issuer.and_then(|m| match &mentions[m].naming {
        Naming::Gazetteer { entries, .. } => entries.first().map(|&e| k.gazetteer.entries[e].id.as_str()),
        _ => None,
    });
    let key = format!("{} {}", head.base().to_lowercase(), number.text);
    Naming::Phrase(match issuer {
        Some(issuer) => format!("{key} {issuer}"),
        None => key,
    })
}

/// “An Invisible Chain” speech: a quoted title before a genre word.
fn quoted_titles(source: &str, doc: &DocText, found: &mut Vec<Found>) {
    let tokens = &doc.tokens;
    for open in 0..tokens.len() {
        if tokens[open].text != "“" {
            continue;
        }
        let Some(close) = (open + 1..line_end(doc, open)).find(|&t| tokens[t].text == "”") else { continue };
        let genre = tokens.get(close + 1).is_some_and(|t| {
            matches!(t.text, "speech" | "article" | "report" | "book" | "doctrine" | "strategy" | "lecture")
        });
        if genre && close > open + 1 && tokens[open + 1].is_capitalised() {
            let naming = Naming::Phrase(phrase_key(doc.span_text(source, open + 1..close), 12));
            found.push(new_found(source, doc, open + 1..close, EntityType::Document, naming, None));
        }
    }
}

// ---------------------------------------------------------------- proposals

/// A quotation that opens with a proposal's or a document's head is that
/// text's full name, lower-case words and all: the “Convention on ensuring
/// of International Information Security”, "The rules of conduct in the
/// field of …". The head must be followed by a preposition or end the
/// quotation, and the quotation must hold no sentence, so that quoted
/// speech ("Rules must be kept.") is not a name.
fn quoted_works(source: &str, doc: &DocText, k: &Knowledge, found: &mut Vec<Found>) {
    let tokens = &doc.tokens;
    for open in 0..tokens.len() {
        // Most tokens open no quotation: that is tested before the line is looked up.
        if !OPENING_QUOTES.contains(&tokens[open].text) {
            continue;
        }
        let Some(after_close) = quoted_end(doc, open, line_end(doc, open)) else { continue };
        let close = after_close - 1;
        // Marks hug the words they quote: a closing " and the next opening
        // one do not make a quotation.
        if tokens[open].end != tokens[open + 1].start || tokens[close - 1].end != tokens[close].start {
            continue;
        }
        let mut head = open + 1;
        if tokens[head].text.eq_ignore_ascii_case("the") {
            head += 1;
        }
        let preposition = |t: &Token| matches!(t.text, "of" | "on" | "for" | "in" | "to" | "against" | "between");
        if head + 1 >= close || !preposition(&tokens[head + 1]) || !tokens[head].word {
            continue;
        }
        if (head..close).any(|t| matches!(tokens[t].text, "." | "!" | "?" | ";")) {
            continue;
        }
        let etype = if k.proposal_head_words.matches(&tokens[head]) {
            EntityType::Proposal
        } else if tokens[head].is_capitalised() && k.document_head_words.is_word(tokens[head].base()) {
            EntityType::Document
        } else {
            continue;
        };
        let key_words = if etype == EntityType::Proposal { PROPOSAL_KEY_WORDS } else { 12 };
        let naming = Naming::Phrase(phrase_key(doc.span_text(source, head..close), key_words));
        found.push(new_found(source, doc, head..close, etype, naming, None));
    }
}

fn proposals(source: &str, doc: &DocText, k: &Knowledge, mentions: &[Found], found: &mut Vec<Found>) {
    let tokens = &doc.tokens;
    let heads = &k.proposal_head_words;
    let push = |found: &mut Vec<Found>, span: Range<usize>, parent: Option<usize>| {
        let range = tokens[span.start].start..tokens[span.end - 1].end;
        if found.iter().any(|f| f.range.start < range.end && range.start < f.range.end) {
            return;
        }
        // "the Global Mechanism on …", once set up, is a body the gazetteer
        // names: the body, not a proposal.
        if span.clone().all(|t| doc.gazetteer_at[t].is_some()) {
            return;
        }
        let naming = Naming::Phrase(phrase_key(doc.span_text(source, span.clone()), PROPOSAL_KEY_WORDS));
        found.push(new_found(source, doc, span, EntityType::Proposal, naming, parent));
    };
    // Lines partition the tokens: walking them line by line gives each
    // token's line without a search per token.
    let tokens_with_lines = doc.lines.iter().flat_map(|line| line.clone().map(move |i| (i, line.start, line.end)));
    for (i, line_start, line_end) in tokens_with_lines {
        let t = &tokens[i];
        // (a) "draft …"
        // "15 Draft Resolutions", "two draft resolutions": a count of
        // drafts, not the name of one.
        let counted = || i > line_start && is_count(&tokens[i - 1]);
        if t.text.eq_ignore_ascii_case("draft") && tokens.get(i + 1).is_none_or(|n| n.text != "of") && !counted() {
            // A drafted statement is put forward too ("Draft Joint Statement
            // of the Heads of State …").
            let is_head = |h: usize| {
                heads.matches(&tokens[h])
                    || k.document_head_words.matches(&tokens[h])
                    || tokens[h].base().eq_ignore_ascii_case("statement")
            };
            let Some(head) = (i + 1..(i + 5).min(line_end)).find(|&h| is_head(h)) else { continue };
            // Capitalised words stand between only in a capitalised name.
            let between = |m: usize| tokens[m].is_lower() || doc.gazetteer_at[m].is_some() || t.is_capitalised();
            if !(i + 1..head).all(between) {
                continue;
            }
            let end = noun_phrase_end(doc, k, head, line_end);
            let mut start = i;
            let mut marked = false;
            while start > line_start {
                let before = &tokens[start - 1];
                let marker = k.lexicon.proposal_markers.iter().any(|m| m == before.text) && before.is_lower();
                let org_modifier = doc.gazetteer_at[start - 1].is_some() && tokens[head].is_lower();
                if marker || org_modifier {
                    marked |= marker;
                    start -= 1;
                } else {
                    break;
                }
            }
            let parent = (line_start.max(i.saturating_sub(4))..i).find_map(|m| org_mention(doc, mentions, m));
            if end > head + 1 || tokens[head].is_capitalised() || marked || start < i {
                push(found, start..end, parent);
            }
            continue;
        }
        // (b) what a party proposes, establishes or adopts.
        if let Some(after) = verb_end(doc, k, i) {
            let mut np = after;
            while np < line_end && matches!(tokens[np].text, "a" | "an" | "the" | "following") {
                np += 1;
            }
            let Some(head) = (np..(np + 4).min(line_end)).find(|&h| heads.matches(&tokens[h])) else { continue };
            if (np..head).any(|m| {
                !(tokens[m].is_lower() || doc.gazetteer_at[m].is_some())
                    || k.lexicon.phrase_stop_words.contains(tokens[m].text)
            }) {
                continue;
            }
            let end = noun_phrase_end(doc, k, head, line_end);
            if end > head + 1 {
                push(found, np..end, None);
            }
            continue;
        }
        // (c) "universal rules of …", "intergovernmental directory of …"
        if matches!(t.text, "universal" | "intergovernmental" | "permanent") {
            let Some(head) = (i + 1..(i + 3).min(line_end)).find(|&h| heads.matches(&tokens[h])) else { continue };
            let end = noun_phrase_end(doc, k, head, line_end);
            if end > head + 2 {
                push(found, i..end, None);
            }
            continue;
        }
        // (d) "a concept of a convention on …"
        if matches!(t.text, "concept" | "idea" | "prototype") && tokens.get(i + 1).is_some_and(|n| n.text == "of") {
            let mut h = i + 2;
            if tokens.get(h).is_some_and(|n| matches!(n.text, "a" | "an" | "the")) {
                h += 1;
            }
            if tokens.get(h).is_some_and(|n| heads.matches(n) && n.text != "concept") {
                let end = noun_phrase_end(doc, k, h, line_end);
                push(found, i..end, None);
            }
            continue;
        }
        // (e) a named plan: "the Peaceful Cyberplan for OSCE", "Programme of Action".
        let multiword = t.is_capitalised()
            && tokens.get(i + 1).is_some_and(|n| n.text == "of")
            && tokens.get(i + 2).is_some_and(|n| {
                let name = format!("{} of {}", t.text, n.text);
                k.lexicon.proposal_heads.contains(&name)
            });
        if t.is_capitalised() && (heads.matches(t) || multiword) {
            let mut left = i;
            // "Delegates Propose New Programme of Action": a headline's verb
            // in title case opens no name.
            let verb = |t: &Token| k.proposal_verb_starts.contains(&t.text.to_lowercase());
            while left > line_start
                && tokens[left - 1].is_capitalised()
                && !FUNCTION_WORDS.contains(&tokens[left - 1].text)
                && !tokens[left - 1].is_possessive()
                && !verb(&tokens[left - 1])
            {
                left -= 1;
            }
            if left == i && !multiword {
                continue;
            }
            // "Budapest Convention", "Council of Europe Convention": a
            // convention named for a place or a body is a treaty in force, a
            // document (a proposed one is a draft, or its proposer's:
            // "the Russian Convention").
            let demonym = || (left..i).any(|m| k.gazetteer.demonym(tokens[m].base()).is_some());
            if !multiword && k.document_head_words.matches(t) && !demonym() {
                continue;
            }
            let mut end = if multiword { i + 3 } else { i + 1 };
            if tokens.get(end).is_some_and(|n| matches!(n.text, "for" | "on" | "against")) {
                let phrase_end = capitalised_phrase(doc, k, end + 1, line_end);
                if phrase_end > end + 1 {
                    end = phrase_end;
                }
            }
            push(found, left..end, None);
        }
    }
    rules_of_conduct_phrases(source, doc, k, found);
}

/// The end of a proposal's noun phrase from its head: a capitalised "of"
/// part ("Rules of Conduct") and a lower-case complement ("for
/// international information security").
fn noun_phrase_end(doc: &DocText, k: &Knowledge, head: usize, line_end: usize) -> usize {
    let tokens = &doc.tokens;
    // A name follows: capitalised, or after "the" capitalised and no body
    // ("of the Heads of State", but "under the UN auspices" runs on).
    let names_at = |at: usize| match tokens.get(at) {
        Some(t) if t.text == "the" => {
            tokens.get(at + 1).is_some_and(|n| n.is_capitalised()) && doc.gazetteer_at[at + 1].is_none()
        }
        t => t.is_some_and(|t| t.is_capitalised()),
    };
    let mut end = head + 1;
    if tokens.get(end).is_some_and(|t| t.text == "of") && names_at(end + 1) {
        end = capitalised_phrase(doc, k, end + 1, line_end).max(end);
    }
    if tokens.get(end).is_some_and(|t| matches!(t.text, "of" | "on" | "for" | "under" | "against")) {
        // A capitalised complement is a name and ends with its capitals
        // ("on Countering Cybercrime rivals …"); a lower-case one runs on.
        let c = if names_at(end + 1) {
            capitalised_phrase(doc, k, end + 1, line_end)
        } else {
            complement(doc, k, end + 1, line_end, 8)
        };
        if c > end + 1 {
            end = c;
        }
    }
    end
}

/// If token `i` starts a proposal verb, the token after it.
fn verb_end(doc: &DocText, k: &Knowledge, i: usize) -> Option<usize> {
    let tokens = &doc.tokens;
    if !k.proposal_verb_starts.contains(tokens[i].text) {
        return None;
    }
    k.proposal_verbs.iter().find_map(|words| {
        let matches = words.iter().enumerate().all(|(n, w)| tokens.get(i + n).is_some_and(|t| t.text == *w));
        matches.then_some(i + words.len())
    })
}

/// Tentative proposals: "rules of responsible behaviour" with no marker.
/// The resolve stage keeps them only when a marked proposal shares their key.
fn rules_of_conduct_phrases(source: &str, doc: &DocText, k: &Knowledge, found: &mut Vec<Found>) {
    let tokens = &doc.tokens;
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if tokens.get(i + 1).is_none_or(|n| n.text != "of") {
            continue;
        }
        let base = t.text.split('/').next().unwrap_or(t.text);
        // (No other letter lower-cases to one of these: ASCII folding is enough.)
        if !(base.eq_ignore_ascii_case("rules") || base.eq_ignore_ascii_case("norms")) {
            continue;
        }
        let end = complement(doc, k, i + 2, line_end(doc, i), 8);
        if end < i + 4 {
            continue;
        }
        let span = i..end;
        let range = tokens[span.start].start..tokens[span.end - 1].end;
        if found.iter().any(|f| f.range.start < range.end && range.start < f.range.end) {
            continue;
        }
        let key = phrase_key(doc.span_text(source, span.clone()), PROPOSAL_KEY_WORDS);
        found.push(new_found(
            source,
            doc,
            span,
            EntityType::Proposal,
            Naming::Phrase(format!("{TENTATIVE}{key}")),
            None,
        ));
    }
}

/// Key prefix of a tentative proposal.
pub const TENTATIVE: &str = "?";

// ----------------------------------------------------------- coreference

/// "the Programme of Action (PoA)" defines "PoA"; "the PoA" and "the PoCs
/// Directory" then name it too. "the Treaty", "The Plan" name the last text
/// or proposal with that head.
fn acronyms_and_bare_heads(source: &str, doc: &DocText, found: &mut Vec<Found>) {
    let tokens = &doc.tokens;
    let mut acronyms: Vec<(String, usize)> = Vec::new();
    for (index, f) in found.iter().enumerate() {
        if !matches!(f.etype, EntityType::Document | EntityType::Proposal) {
            continue;
        }
        let end = doc.token_at(f.range.end);
        if tokens.get(end).is_some_and(|t| t.text == "(") && tokens.get(end + 2).is_some_and(|t| t.text == ")") {
            let acronym = tokens[end + 1].text;
            if acronym.chars().filter(|c| c.is_uppercase()).count() >= 2 {
                acronyms.push((acronym.to_string(), index));
            }
        }
    }
    let mut extra = Vec::new();
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if let Some((_, index)) = acronyms.iter().find(|(a, _)| a == t.base()).filter(|_| doc.gazetteer_at[i].is_none())
        {
            if tokens.get(i.wrapping_sub(1)).is_some_and(|p| p.text == "(") {
                continue;
            }
            let original = &found[*index];
            let end = if tokens
                .get(i + 1)
                .is_some_and(|n| n.text.eq_ignore_ascii_case(original.name.split(' ').next_back().unwrap_or("")))
            {
                i + 2
            } else {
                i + 1
            };
            if found.iter().any(|f| f.range.start <= t.start && t.start < f.range.end) {
                continue;
            }
            extra.push(Found {
                token: i,
                ..new_found(source, doc, i..end, original.etype, original.naming.clone(), original.parent)
            });
            continue;
        }
        // "the Treaty": a capitalised bare head after "the" (not a body's
        // name: "the UN").
        let bare = t.is_capitalised()
            && doc.gazetteer_at[i].is_none()
            && i > 0
            && tokens[i - 1].text.eq_ignore_ascii_case("the")
            && !tokens.get(i + 1).is_some_and(|n| n.is_capitalised() || matches!(n.text, "of" | "on" | "for"));
        if !bare {
            continue;
        }
        let antecedent = found
            .iter()
            .filter(|f| {
                matches!(f.etype, EntityType::Document | EntityType::Proposal)
                    && f.range.end <= t.start
                    && f.name.split(' ').any(|w| w.eq_ignore_ascii_case(t.base()))
            })
            .max_by_key(|f| f.range.start);
        if let Some(antecedent) = antecedent {
            if !found.iter().any(|f| f.range.start <= t.start && t.start < f.range.end) {
                extra.push(new_found(
                    source,
                    doc,
                    i..i + 1,
                    antecedent.etype,
                    antecedent.naming.clone(),
                    antecedent.parent,
                ));
            }
        }
    }
    found.extend(extra);
}

#[cfg(test)]
mod tests {
    use super::Heads;
    use crate::extract::text::tokenize;
    use crate::model::{EntityType, Source};

    /// What the whole pipeline extracts from one page.
    fn extraction(name: &str, text: &str) -> crate::model::Extraction {
        let k = crate::extract::Knowledge::builtin().unwrap();
        crate::pipeline::run_sources(&[Source { name: name.to_string(), text: text.to_string() }], &k)
    }

    /// The label of the first document's event, if it has one.
    fn first_event(text: &str) -> Option<String> {
        let x = extraction("t.txt", text);
        x.documents[0].event.map(|e| x.entities[e.0].label.clone())
    }

    /// The labels of an extraction's entities of one type, in entity order.
    fn labels(x: &crate::model::Extraction, etype: EntityType) -> Vec<&str> {
        x.entities.iter().filter(|e| e.etype == etype).map(|e| e.label.as_str()).collect()
    }

    #[test]
    fn an_event_name_keeps_a_bracketed_acronym_not_a_weekday_list_number_headline_verb_or_lone_body() {
        let x = extraction(
            "t.txt",
            "News\n\nSpeaking at the 30th ASEAN Political-Security Community (APSC) Council Meeting on Saturday \
             in Kuala Lumpur, the minister spoke. The 3rd Republic of Korea (ROK)-United Kingdom (UK) Cyber Dialogue \
             was held in Seoul.\n\n  1. Police Cooperation Dialogue Forum for Mutual Assistance, \
             scheduled for October 27, 2025, in Bali.\n",
        );
        assert_eq!(
            labels(&x, EntityType::Event),
            [
                "30th ASEAN Political-Security Community (APSC) Council Meeting",
                "3rd Republic of Korea (ROK)-United Kingdom (UK) Cyber Dialogue",
                "Police Cooperation Dialogue Forum for Mutual Assistance"
            ]
        );
        // "of" inside a name, not after a meeting's moment.
        let x = extraction(
            "t.txt",
            "News\n\nLeaders met at the Commonwealth Heads of Government Meeting in London.\n\n\
             Views in First Committee at Conclusion of Thematic Debate were firm.\n",
        );
        assert_eq!(labels(&x, EntityType::Event), ["Commonwealth Heads of Government Meeting", "Thematic Debate"]);
        // An article after a preposition stays inside the name.
        let x = extraction("t.txt", "News\n\nThe Workshop on the Development of a National Framework was held.\n");
        assert_eq!(labels(&x, EntityType::Event), ["Workshop on the Development of a National Framework"]);
        // A body alone after a title's "at the" is where, not an event.
        assert_eq!(first_event("Risks Critical to Manage: Ruritania at the UN\n\nIt spoke.\n"), None);
        assert_eq!(
            first_event("Ruritania at the Cyber Resilience Conference\n\nIt spoke.\n").as_deref(),
            Some("Cyber Resilience Conference")
        );
        // A headline's verb opens no name.
        let x = extraction("t.txt", "OAS and IDB Conclude Regional Workshop on Cyber Security\n\nIt ended.\n");
        assert_eq!(labels(&x, EntityType::Event), ["Regional Workshop on Cyber Security"]);
        let x = extraction("t.txt", "Ruritanian Union to Host 2019 Annual Meeting of Cyber Forum\n\nIt will.\n");
        assert_eq!(labels(&x, EntityType::Event), ["2019 Annual Meeting of Cyber Forum"]);
        let x =
            extraction("t.txt", "Assembly Adopts Decision Postponing Organizational Session of Committee\n\nIt did.\n");
        assert_eq!(labels(&x, EntityType::Event), ["Organizational Session of Committee"]);
    }

    #[test]
    fn a_numbered_text_is_one_whatever_names_its_issuer_and_a_body_is_no_bare_head() {
        let k = crate::extract::Knowledge::builtin().unwrap();
        let text = "Statement\n\nThe group was set up by General Assembly resolution 76/19. \
                    We recall UN General Assembly Resolution 76/19 and Security Council resolution 2341. \
                    Our envoy to the UN spoke.\n";
        let source = Source { name: "resolutions.txt".to_string(), text: text.to_string() };
        let x = crate::pipeline::run_sources(&[source], &k);
        let mut documents: Vec<(&str, &[String])> = x
            .entities
            .iter()
            .filter(|e| e.etype == EntityType::Document)
            .map(|e| (e.label.as_str(), e.aliases.as_slice()))
            .collect();
        documents.sort();
        let both =
            ["General Assembly resolution 76/19".to_string(), "UN General Assembly Resolution 76/19".to_string()];
        let council = ["Security Council resolution 2341".to_string()];
        assert_eq!(
            documents,
            [("General Assembly resolution 76/19", &both[..]), ("Security Council resolution 2341", &council[..])]
        );
    }

    #[test]
    fn a_convention_named_for_a_place_a_body_or_what_it_is_against_is_a_document_and_a_draft_one_a_proposal() {
        let text = "Comment on cybercrime\n\nThe draft UN Convention on Countering Cybercrime rivals the Budapest \
                    Convention, the Council of Europe Convention on Cybercrime. We back the Russian Convention.\n\
                    A treaty - the Convention against Torture - binds us. Some want a draft convention against hacking.\n";
        let x = extraction("c.txt", text);
        let of_type = |etype: EntityType| labels(&x, etype);
        assert_eq!(
            of_type(EntityType::Document),
            ["Budapest Convention", "Convention against Torture", "Council of Europe Convention on Cybercrime"]
        );
        assert_eq!(
            of_type(EntityType::Proposal),
            ["draft convention against hacking", "Russian Convention", "draft UN Convention on Countering Cybercrime"]
        );
        // A headline's verb opens no name.
        let x = extraction("s.txt", "Ruritania, Borduria Sign Information Security Agreement\n\nThey did.\n");
        assert_eq!(labels(&x, EntityType::Document), ["Information Security Agreement"]);
    }

    #[test]
    fn a_title_delivered_in_or_during_a_sitting_names_its_event_but_makes_none() {
        let k = crate::extract::Knowledge::builtin().unwrap();
        let event_of = |title: &str| {
            let source = Source { name: "t.txt".to_string(), text: format!("{title}\n\nWe spoke.\n") };
            let x = crate::pipeline::run_sources(&[source], &k);
            x.documents[0].event.map(|e| x.entities[e.0].label.clone())
        };
        let title =
            "Statement by the Delegate of Chile in the First Committee of the 78th session of the UN General Assembly";
        assert_eq!(event_of(title).as_deref(), Some("78th session of the UN General Assembly"));
        assert_eq!(event_of("Statement by the Delegate of Chile in the name of the Group of Friends"), None);
        assert_eq!(
            event_of("Statement by the Delegate of Chile at the closing of the talks"),
            Some("closing of the talks".into())
        );
        // A bracket the phrase does not close ends it; one it closes does not.
        assert_eq!(
            event_of(
                "Remarks by the Delegate of Chile at the Sittings of the Panel 2021-2025 (Future Mechanism, Closing)"
            ),
            Some("Sittings of the Panel 2021-2025".into())
        );
        assert_eq!(
            event_of("Remarks by the Delegate of Chile at the Sittings of the Panel (SP) in Lima"),
            Some("Sittings of the Panel (SP)".into())
        );
    }

    #[test]
    fn a_quoted_name_after_an_event_head_belongs_to_the_event_and_its_commas_do_not_end_it() {
        let k = crate::extract::Knowledge::builtin().unwrap();
        let text = "Speech by the Minister at the V International Forum \"Trust, Security and Cooperation in \
                    the Digital Age\", Kazan, 3 March 2023\n\nDear participants of the Forum!\n";
        let source = Source { name: "forum.txt".to_string(), text: text.to_string() };
        let x = crate::pipeline::run_sources(&[source], &k);
        let name = "V International Forum \"Trust, Security and Cooperation in the Digital Age\"";
        let events: Vec<&str> =
            x.entities.iter().filter(|e| e.etype == EntityType::Event).map(|e| e.label.as_str()).collect();
        assert_eq!(events, [name]);
        let event = x.documents[0].event.map(|e| x.entities[e.0].label.as_str());
        assert_eq!(event, Some(name));
        // After "on" too, and an "in" inside the quotes ends nothing.
        let text = "Statement at the Security Council Open Debate on “Peace and Security: Threats in Cyberspace” \
                    by the Minister\n\nMr President,\n";
        let source = Source { name: "debate.txt".to_string(), text: text.to_string() };
        let x = crate::pipeline::run_sources(&[source], &k);
        let event = x.documents[0].event.map(|e| x.entities[e.0].label.as_str());
        assert_eq!(event, Some("Security Council Open Debate on “Peace and Security: Threats in Cyberspace”"));
    }

    #[test]
    fn a_quotation_opening_with_a_head_is_the_texts_full_name_but_quoted_speech_is_not() {
        let k = crate::extract::Knowledge::builtin().unwrap();
        let text = "Forum on information security\n\nThe Minister presented the “Convention on ensuring of \
                    International Information Security” and mentioned \"The rules of conduct in the field of \
                    information security\" and the \"Declaration on principles of cyber cooperation\". \
                    He said: \"Rules of the road matter. We keep them.\" \"Plans\" and \"plans\".\n";
        let source = Source { name: "quoted.txt".to_string(), text: text.to_string() };
        let x = crate::pipeline::run_sources(&[source], &k);
        let labels = |etype: EntityType| {
            let mut labels: Vec<&str> =
                x.entities.iter().filter(|e| e.etype == etype).map(|e| e.label.as_str()).collect();
            labels.sort_unstable();
            labels
        };
        assert_eq!(
            labels(EntityType::Proposal),
            [
                "Convention on ensuring of International Information Security",
                "rules of conduct in the field of information security"
            ]
        );
        assert_eq!(labels(EntityType::Document), ["Declaration on principles of cyber cooperation"]);
    }

    #[test]
    fn a_bodys_numbered_meeting_is_an_event_and_a_title_opening_with_an_event_is_its_record() {
        let k = crate::extract::Knowledge::builtin().unwrap();
        let text = "OSCE Permanent Council No. 1487 Vienna, 5 September 2024\n\n\
                    1. The Union welcomes the report to the Permanent Council.\n";
        let x = crate::pipeline::run_sources(&[Source { name: "pc.txt".to_string(), text: text.to_string() }], &k);
        let event = x.documents[0].event.map(|e| x.entities[e.0].label.as_str());
        assert_eq!(event, Some("OSCE Permanent Council No. 1487"));
        let part_of = x.labelled(crate::model::Predicate::PartOf);
        assert!(part_of.contains(&("OSCE Permanent Council No. 1487", "OSCE Permanent Council")), "{part_of:?}");
        // A body named at the head of a title is no event of its own.
        let text = "OSCE Permanent Council adopts its agenda\n\nThe Council met.\n";
        let x = crate::pipeline::run_sources(&[Source { name: "pc.txt".to_string(), text: text.to_string() }], &k);
        assert_eq!(x.documents[0].event, None);
    }

    #[test]
    fn a_time_of_day_a_pages_label_or_a_call_names_no_event_or_document() {
        let text = "Agenda item 5: Day 2 Morning session\n\nEvent report\n\nFull session report\n\n\
                    The Warsaw Summit backed the Minsk agreements.\nMinsk agreements bind the parties.\n\
                    Via Conference Call\nThe officials spoke on a conference call.\n";
        let x = extraction("r.txt", text);
        let of_type = |etype: EntityType| labels(&x, etype);
        assert_eq!(of_type(EntityType::Event), ["Warsaw Summit"]);
        assert_eq!(of_type(EntityType::Document), ["Minsk agreements"]);
    }

    #[test]
    fn an_event_name_opens_at_its_ordinal_and_runs_on_through_in_before_no_place() {
        let text = "Peru Co-Hosts Second Ministerial Meeting on Responsible State Behavior in Cyberspace\n\n\
                    The OSCE 25th Annual Security Review Conference met. A Conference on Cyber Stability in Geneva followed.\n";
        let x = extraction("e.txt", text);
        assert_eq!(
            labels(&x, EntityType::Event),
            [
                "Conference on Cyber Stability",
                "OSCE 25th Annual Security Review Conference",
                "Second Ministerial Meeting on Responsible State Behavior in Cyberspace"
            ]
        );
    }

    #[test]
    fn an_event_name_keeps_a_track_number_a_spaced_slash_and_a_broken_hyphen_but_not_a_headline_gerund() {
        let text = "Remarks at the Ruritania-Borduria Track 1.5 Dialogue on Cyber Issues\n\n\
                    Opening Ruritania Annual Meeting 2018\n\n\
                    We met at the Fourth Inter-Regional Conference on Cyber/ ICT Security, Seoul, and at a Ruritania High- Level Meeting.\n";
        let x = extraction("e.txt", text);
        assert_eq!(
            labels(&x, EntityType::Event),
            [
                "Fourth Inter-Regional Conference on Cyber/ ICT Security",
                "Ruritania Annual Meeting",
                "Ruritania-Borduria Track 1.5 Dialogue on Cyber Issues",
                "Ruritania High- Level Meeting"
            ]
        );
    }

    #[test]
    fn a_hyphen_opening_a_text_before_an_event_name_is_read_safely() {
        let x = extraction("e.txt", "- Level Meeting of the Council on Cyber Security\n\nThe Council met.\n");
        assert_eq!(labels(&x, EntityType::Event), ["Level Meeting of the Council on Cyber Security"]);
    }

    #[test]
    fn a_title_at_the_place_names_no_event_and_does_not_fail() {
        assert_eq!(first_event("Remarks at the in Strelsau\n\nThe Council met.\n"), None);
    }

    #[test]
    fn a_title_names_the_event_its_genre_is_of_or_whose_opening_it_reports() {
        let chair = "Chairman's Statement of the 5th Ruritania Ministerial Conference on Cybersecurity\n\n1. The Conference met.\n";
        assert_eq!(first_event(chair).as_deref(), Some("5th Ruritania Ministerial Conference on Cybersecurity"));
        let record = "Opening Ruritania Annual Meeting 2018 \"From Words to Deeds\"\n\nThe co-chair spoke.\n";
        assert_eq!(first_event(record).as_deref(), Some("Ruritania Annual Meeting"));
    }

    #[test]
    fn a_drafted_statement_is_a_proposal_whose_name_runs_through_the_heads_of_state_but_not_into_a_date() {
        let text = "Experts met\n\nThey discussed the Draft Joint Statement of the Heads of State of the Commonwealth on Cyber Cooperation. \
                    The draft statement and the Draft Joint Statement were sent round. Talks on the draft treaty on cyber peace on 21 August 2020 \
                    and a draft entity under the UN auspices followed.\n";
        let x = extraction("p.txt", text);
        assert_eq!(
            labels(&x, EntityType::Proposal),
            [
                "draft entity under the UN auspices",
                "Draft Joint Statement of the Heads of State of the Commonwealth on Cyber Cooperation",
                "draft treaty on cyber peace"
            ]
        );
    }

    #[test]
    fn a_numbered_title_names_an_event_in_lower_case_but_an_ordinal_alone_does_not() {
        let text = "On the participation of Minister Ana Rojas in the XII International meeting of high \
                    representatives in charge of security issues\n\n\
                    She spoke at the third meeting of the working group on the rules.\n";
        let x = extraction("n.txt", text);
        let meeting = "XII International meeting of high representatives in charge of security issues";
        assert_eq!(labels(&x, EntityType::Event), [meeting]);
        assert_eq!(x.documents[0].event.map(|e| x.entities[e.0].label.as_str()), Some(meeting));
    }

    #[test]
    fn the_sitting_a_chair_calls_to_order_is_the_transcripts_event_but_one_named_later_is_not() {
        let opening = "Meeting 3 Transcript\n\nChair Lim\n\nGood morning. The third meeting of the second \
                       substantive session of the Open-Ended Working Group on cyber norms is called to order.\n";
        assert_eq!(first_event(opening).as_deref(), Some("second substantive session of the Open-Ended Working Group"));
        let later = "Meeting 3 Transcript\n\nChair Lim\n\nGood morning. We resume. We thank all. We go on. \
                     We hear Peru. We hear Chile. We hear Fiji. We hear Laos. The second substantive session of the \
                     Open-Ended Working Group on cyber norms is called to order.\n";
        assert_eq!(first_event(later), None);
        let no_opening = "Meeting 3 Transcript\n\nChair Lim\n\nThe second substantive session of the \
                          Open-Ended Working Group on cyber norms heard twelve speakers.\n";
        assert_eq!(first_event(no_opening), None);
    }

    #[test]
    fn an_event_named_alone_on_a_heading_line_under_the_title_is_the_documents_event() {
        let heading = "Statement on threats in cyberspace\n\nThird Review Conference on Cyber Stability\n\n\
                       Statement delivered by Ms. Ana Rojas\n\nWe thank the chair.\n";
        assert_eq!(first_event(heading).as_deref(), Some("Third Review Conference on Cyber Stability"));
        // Named in a sentence, or after the heading's sentences, it is not.
        let sentence = "Statement on threats in cyberspace\n\nThe Third Review Conference on Cyber Stability \
                        opened.\n\nWe thank the chair.\n";
        assert_eq!(first_event(sentence), None);
        let later = "Statement on threats in cyberspace\n\nWe thank the chair.\n\n\
                     Third Review Conference on Cyber Stability\n";
        assert_eq!(first_event(later), None);
    }

    #[test]
    fn a_title_addressed_to_an_event_names_it() {
        let to = "Kenya's submission to the Third Review Conference on cybersecurity\n\nWe thank Chile.\n";
        assert_eq!(first_event(to).as_deref(), Some("Third Review Conference"));
        // An event named elsewhere in the title is not the one it was addressed to.
        let other = "Kenya's answer to questions on the Third Review Conference\n\nWe thank Chile.\n";
        assert_eq!(first_event(other), None);
    }

    #[test]
    fn a_paragraph_standing_for_the_title_makes_no_event_of_its_venue() {
        let paragraph = "On 29 June 2017, the Ministry of Foreign Affairs of the Kingdom of Thailand and the Ministry \
                         of Defence of the Kingdom of Thailand co-hosted a regional workshop on cybersecurity \
                         cooperation in the region, held during the national cybersecurity week at the Ninth Tower, \
                         Rama IX Road, Bangkok. The workshop was attended by representatives from many States.";
        let x = extraction("t.txt", &format!("{paragraph}\n\nThe talks went well.\n"));
        assert_eq!(labels(&x, EntityType::Event), Vec::<&str>::new());
        let title = "Remarks by Kenya at the Ninth Tower Dialogue, Bangkok\n\nThe talks went well.\n";
        let x = extraction("t.txt", title);
        assert_eq!(labels(&x, EntityType::Event), ["Ninth Tower Dialogue"]);
    }

    #[test]
    fn an_event_name_leaves_no_preposition_dangling_and_a_date_ends_it() {
        let events = |text: &str| {
            let x = extraction("t.txt", text);
            labels(&x, EntityType::Event).into_iter().map(str::to_string).collect::<Vec<_>>()
        };
        let empty = "Statement\n\nWe thank Kenya for this Security Council session on such a timely topic.\n";
        assert_eq!(events(empty), ["Security Council session"]);
        let dated = "Statement\n\nWe spoke at the Third Review Conference on March 28th, 2022.\n";
        assert_eq!(events(dated), ["Third Review Conference"]);
        let title = "Statement by Kenya at the General Assembly's 76th Session on March 28th, 2022\n\nWe spoke.\n";
        assert_eq!(first_event(title).as_deref(), Some("General Assembly's 76th Session"));
    }

    #[test]
    fn an_adjective_event_head_before_a_lower_case_noun_names_no_event() {
        let text = "Opening Address\n\nMy ASEAN Ministerial colleagues, welcome to the ASEAN Ministerial \
                    Conference on Cybersecurity. The Ministerial was useful.\n";
        let x = extraction("m.txt", text);
        assert_eq!(labels(&x, EntityType::Event), ["ASEAN Ministerial Conference on Cybersecurity"]);
    }

    #[test]
    fn a_number_with_a_full_stop_is_an_event_names_ordinal_but_a_year_is_not() {
        let text = "Statement\n\nWe spoke at the 11. Session of the Working Group. It met in 2019. Session of \
                    the Council followed.\n";
        let x = extraction("d.txt", text);
        assert_eq!(labels(&x, EntityType::Event), ["11. Session of the Working Group", "Session of the Council"]);
    }

    #[test]
    fn a_bodys_briefing_and_the_occasion_of_a_conference_are_events_a_press_briefing_none() {
        let body = "We are pleased to take part in this meeting today.\n";
        let event = |title: &str| first_event(&format!("{title}\n\n{body}"));
        assert_eq!(
            event("Statement at the Security Council Briefing on Ransomware").as_deref(),
            Some("Security Council Briefing on Ransomware")
        );
        assert_eq!(
            event("Remarks on the occasion of the Second Conference on ICT Security, Seoul, May 1, 2019").as_deref(),
            Some("Second Conference on ICT Security")
        );
        assert_eq!(event("Remarks at the Press Briefing on Cyber Security"), None);
    }

    #[test]
    fn a_venue_and_a_weekday_are_no_part_of_an_event_and_at_the_opening_of_names_it() {
        let text = "News\n\nThe event was held at the Accra International Conference Center. The Global Cyber \
                    Policy Dialogue for Southern Africa on Wednesday was a success.\n";
        assert_eq!(
            labels(&extraction("t.txt", text), EntityType::Event),
            ["Global Cyber Policy Dialogue for Southern Africa"]
        );
        assert_eq!(
            first_event("President Kaljulaid at the opening of CyCon\n\nShe spoke.\n").as_deref(),
            Some("CyCon")
        );
        assert_eq!(
            first_event("Address by the Minister at the 3rd Ruritania Cyber Week Opening Ceremony on Tuesday, 5 Oct 2021\n\nWelcome.\n")
                .as_deref(),
            Some("3rd Ruritania Cyber Week Opening Ceremony")
        );
    }

    #[test]
    fn a_counted_draft_is_no_proposal() {
        let text = "First Committee Approves 15 Draft Resolutions on Disarmament\n\nIt approved two draft \
                    resolutions on cyberspace and the draft resolution on responsible behaviour in cyberspace.\n";
        let x = extraction("c.txt", text);
        assert_eq!(labels(&x, EntityType::Proposal), ["draft resolution on responsible behaviour in cyberspace"]);
    }

    #[test]
    fn a_complement_runs_through_the_and_of_information_and_communication_technologies() {
        let text = "Statement\n\nWe back a universal UN convention on countering the use of information and \
                    communication technologies for criminal purposes. The Committee approved a draft resolution \
                    on developments in the field of information and telecommunications, sponsored by Russia. \
                    It weighed a draft treaty on cooperation and trust.\n";
        assert_eq!(
            labels(&extraction("t.txt", text), EntityType::Proposal),
            [
                "draft resolution on developments in the field of information and telecommunications",
                "draft treaty on cooperation",
                "universal UN convention on countering the use of information and communication technologies for \
                 criminal purposes",
            ]
        );
    }

    #[test]
    fn a_meeting_named_without_its_ordinal_is_the_edition_the_document_names() {
        let text = "Joint Statement on the U.S.-Kenya Cyber Dialogue\n\nThe first U.S.-Kenya Cyber Dialogue \
                    took place in Nairobi. The First Meeting of the U.S.-Israel Cyber Working Group At Israel \
                    Cyber Week was held too.\n";
        let x = extraction("t.txt", text);
        assert_eq!(
            labels(&x, EntityType::Event),
            ["First Meeting of the U.S.-Israel Cyber Working Group", "U.S.-Kenya Cyber Dialogue"]
        );
        // Two editions leave the bare name alone.
        let text = "Statement\n\nThe first Cyber Dialogue and the second Cyber Dialogue led to the Cyber Dialogue.\n";
        assert_eq!(extraction("t.txt", text).entities.iter().filter(|e| e.etype == EntityType::Event).count(), 3);
    }

    #[test]
    fn a_headline_verb_opens_no_proposal_and_a_body_the_gazetteer_names_is_none() {
        let text = "Delegates Propose New Programme of Action in First Committee\n\nThe Secretary-General \
                    welcomed the Global Mechanism on developments in the field of ICTs in the context of \
                    international security and advancing responsible State behaviour in the use of ICTs.\n";
        assert_eq!(labels(&extraction("t.txt", text), EntityType::Proposal), ["New Programme of Action"]);
    }

    #[test]
    fn heads_match_whole_words_and_capitalised_compounds() {
        let heads = Heads::new(&["Plan".into(), "plan".into(), "treaty".into(), "code of conduct".into()]);
        let matches = |text: &str| tokenize(text, 0).iter().map(|t| heads.matches(t)).collect::<Vec<_>>();
        assert_eq!(matches("plan Plan Plan's Cyberplan CYBERPLAN"), [true, true, true, true, true]);
        // Not heads: a lower-case compound, a head listed only in lower case
        // but written capitalised, one word of a multi-word head.
        assert_eq!(matches("cyberplan Treaty code Pla"), [false, false, false, false]);
        // A compound ends with the head; a non-ASCII one is lower-cased whole.
        assert_eq!(matches("Peaceplanning Überplan"), [false, true]);
        // Non-ASCII heads and heads too long to be looked up are compared.
        let long = "Superlongheadwordthatgoesonandonandon";
        let heads = Heads::new(&["Übereinkommen".into(), long.into()]);
        let matches = |text: &str| tokenize(text, 0).iter().map(|t| heads.matches(t)).collect::<Vec<_>>();
        assert_eq!(matches(&format!("Rahmenübereinkommen X{long} Kommen")), [true, true, false]);
    }
}
