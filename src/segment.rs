//! The segment stage: a source's text → its documents.
//!
//! A page holds site furniture (clocks, phone numbers, counters, menus), often
//! a main statement under a heading ("Statement by …", "X's remarks at …",
//! "… - article by X"), and often a listing of dated items
//! ("16.01.2020 - Foreign Minister Sergey Lavrov's remarks …"). Each heading
//! and each listed item starts a document that runs until the next one;
//! furniture belongs to none. A page with neither gets one document headed by
//! its first line of text, and a page of furniture only gets none.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::dates::{self, day_date};
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::model::{DocId, DocKind, Document, PartialDate, Source};

/// A line of the source: its byte range without the line break.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub range: Range<usize>,
    pub class: LineClass,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LineClass {
    Blank,
    Furniture,
    /// A publication date standing alone, dating the heading after it.
    Dateline(PartialDate),
    /// A listed item: its date and the byte range of its title.
    Listing {
        date: Option<PartialDate>,
        title: Range<usize>,
    },
    Heading,
    Content,
}

/// Splits a text into lines (LF or CRLF) with byte ranges.
pub fn lines(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' { i - 1 } else { i };
            ranges.push(start..end);
            start = i + 1;
        }
    }
    if start < text.len() {
        ranges.push(start..text.len());
    }
    ranges
}

/// Classifies every line of a text.
pub fn classify(text: &str, lexicon: &Lexicon) -> Vec<Line> {
    let mut lines: Vec<Line> = lines(text)
        .into_iter()
        .map(|range| {
            let line = &text[range.clone()];
            let class = classify_line(line, range.start, lexicon);
            Line { range, class }
        })
        .collect();
    drop_crumbs_of_the_title(text, &mut lines);
    lines
}

/// A breadcrumb trail written as a list ends with the page's own title
/// ("- Home" / "- Press Releases" / "- Chairman's Statement of …"), which
/// the next line prints as the title: that crumb is furniture.
fn drop_crumbs_of_the_title(text: &str, lines: &mut [Line]) {
    for i in 0..lines.len() {
        let line = text[lines[i].range.clone()].trim();
        let Some(crumb) = ["- ", "• ", "» ", "> "].iter().find_map(|bullet| line.strip_prefix(bullet)) else {
            continue;
        };
        let next = lines[i + 1..].iter().find(|l| l.class != LineClass::Blank);
        if next.is_some_and(|l| text[l.range.clone()].trim() == crumb.trim()) {
            lines[i].class = LineClass::Furniture;
        }
    }
}

fn classify_line(line: &str, offset: usize, lexicon: &Lexicon) -> LineClass {
    if line.trim().is_empty() {
        return LineClass::Blank;
    }
    // Which patterns match, in one scan; only those are run for their groups.
    let matching = lexicon.line_patterns.matches(line);
    for (listing, _) in lexicon.listings.iter().zip(0..).filter(|(_, n)| matching.matched(*n)) {
        if let Some(caps) = listing.regex.captures(line) {
            let date = date_from_captures(&caps);
            if let Some(title) = caps.get(4) {
                // "26.11.2019 - Speech": the date and genre of the heading
                // above, which a ministry prints under it, not an item.
                let label = title.as_str().trim();
                let genre_only = lexicon.kind_named(label).is_some()
                    || lexicon.genre_labels.iter().any(|word| word.eq_ignore_ascii_case(label));
                // "May 10, 2022 – Ottawa, Ontario – Global Affairs Canada": a
                // ministry's dateline, not an item.
                if let (true, Some(date)) = (genre_only || opens_with_city_and_region(title.as_str()), date) {
                    return LineClass::Dateline(date);
                }
                let title = offset + title.start()..offset + title.start() + title.as_str().trim_end().len();
                return LineClass::Listing { date, title };
            }
        }
    }
    if let Some(date) = dateline_date(line, &matching, lexicon) {
        return LineClass::Dateline(date);
    }
    // "Tuesday, February 18, 2020", "• Date : 2021-06-23 20:42:19": the
    // date after its weekday, bullet or label. (Stripped here, not matched
    // by the patterns: a weekday's alternatives in the one scan of every
    // line made `export` three times slower, the lazy DFA giving up.)
    if let Some(date) =
        date_prefix_end(line).and_then(|rest| dateline_date(rest, &lexicon.line_patterns.matches(rest), lexicon))
    {
        return LineClass::Dateline(date);
    }
    if lexicon.furniture_matches(&matching)
        || is_banner(line, lexicon)
        || is_ticker(line)
        || is_language_menu(line, lexicon)
    {
        return LineClass::Furniture;
    }
    if is_heading(line, lexicon) {
        return LineClass::Heading;
    }
    LineClass::Content
}

/// The date of the first dateline pattern among those `matching` that
/// dates `line`.
fn dateline_date(line: &str, matching: &regex::SetMatches, lexicon: &Lexicon) -> Option<PartialDate> {
    let listings = lexicon.listings.len();
    lexicon
        .datelines
        .iter()
        .zip(listings..)
        .filter(|(_, n)| matching.matched(*n))
        .find_map(|(dateline, _)| dateline.regex.captures(line).and_then(|caps| date_from_captures(&caps)))
}

/// The rest of a line after a bullet, a weekday and its comma (after a
/// publication label too: "Posted Wed 23 Nov 2016"), or a "Date :" label
/// spaced from its colon, if it opens with any, and before a clock's "PM"
/// and time zone ("July 31, 2019 5:56 PM GMT+7"), if it ends with them.
fn date_prefix_end(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    let start = rest.len();
    loop {
        let before = rest.len();
        rest = rest.trim_start_matches(['•', '·']).trim_start();
        if let Some(after) = credit_before_weekday(rest) {
            rest = after;
        }
        if let Some(label) = author_before_label(rest) {
            rest = label;
        }
        if let Some(after) = PUBLICATION_LABELS.iter().find_map(|label| rest.strip_prefix(label)) {
            let after = after.trim_start_matches(':').trim_start();
            if dates::opening_day_name(after).is_some() {
                rest = after;
            }
        }
        if let Some(day) = dates::opening_day_name(rest) {
            rest = rest[day..].trim_start_matches(',').trim_start();
        }
        if let Some(after) = rest.strip_prefix("Date").map(str::trim_start).and_then(|r| r.strip_prefix(':')) {
            rest = after.trim_start();
        }
        if rest.len() == before {
            break;
        }
    }
    let rest = before_clock_suffix(rest);
    (rest.len() < start && !rest.is_empty()).then_some(rest)
}

/// Labels a site prints before a page's date.
const PUBLICATION_LABELS: [&str; 4] = ["Posted on", "Posted", "Published", "Updated"];

/// At most the first `bytes` bytes of `text`, cut at a character's start.
fn char_prefix(text: &str, bytes: usize) -> &str {
    let mut end = text.len().min(bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Most words of an author's name before a publication label.
const AUTHOR_WORDS: usize = 4;

/// "Umer Jamshaid Published June 20, 2023": the rest of a line from its
/// publication label, when only an author's name (capitalised words) is
/// before it.
fn author_before_label(line: &str) -> Option<&str> {
    // A name's few words: only the line's first bytes are looked at.
    let (at, _) = char_prefix(line, CREDIT_REACH)
        .match_indices(' ')
        .find(|&(at, _)| PUBLICATION_LABELS.iter().any(|l| line[at + 1..].starts_with(l)))?;
    let words = line[..at].split_whitespace();
    let capitalised =
        words.clone().all(|w| w.starts_with(|c: char| c.is_uppercase()) && w.chars().all(char::is_alphabetic));
    (capitalised && (1..=AUTHOR_WORDS).contains(&words.count())).then(|| &line[at + 1..])
}

/// `line` before the "PM" and time zone that end its clock time, if it
/// ends with a time and either ("… 5:56 PM GMT+7", "… 10:15 UTC").
fn before_clock_suffix(line: &str) -> &str {
    let mut rest = line.trim_end();
    if let Some(at) = rest.rfind(|c: char| c.is_ascii_whitespace()) {
        let zone = &rest[at + 1..];
        let offset = zone.strip_prefix("GMT").or_else(|| zone.strip_prefix("UTC"));
        if offset.is_some_and(|o| o.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ':'))) {
            rest = rest[..at].trim_end();
        }
    }
    for meridiem in [" PM", " AM", " p.m.", " a.m.", " pm", " am"] {
        if let Some(before) = rest.strip_suffix(meridiem) {
            if before.ends_with(|c: char| c.is_ascii_digit()) && before.contains(':') {
                // "June 20, 2023 | 01:50 AM": the clock in a field of its own.
                return match before.rsplit_once(" | ") {
                    Some((date, clock)) if clock.chars().all(|c| c.is_ascii_digit() || c == ':') => date,
                    _ => before,
                };
            }
        }
    }
    if rest.len() < line.trim_end().len() && rest.ends_with(|c: char| c.is_ascii_digit()) {
        rest
    } else {
        line
    }
}

/// Bullets between items that make a line a news ticker or a menu.
const TICKER_BULLETS: usize = 3;

/// A news site's ticker of headlines on one line ("Roundup: … • French
/// stock market index down … • …"): no title, no text of a document.
fn is_ticker(line: &str) -> bool {
    line.matches(" • ").nth(TICKER_BULLETS - 1).is_some()
}

/// How far into a line a news agency's credit may reach.
const CREDIT_REACH: usize = 32;

/// "MENA , Thursday 2 Mar 2023": the rest of a line after a news agency's
/// credit (one to three capitalised words and a comma), when a weekday
/// follows it.
fn credit_before_weekday(line: &str) -> Option<&str> {
    let comma = line.bytes().take(CREDIT_REACH).position(|b| b == b',')?;
    let (credit, after) = (&line[..comma], line[comma + 1..].trim_start());
    let words = credit.split_whitespace();
    let capitalised = words.clone().all(|w| w.starts_with(|c: char| c.is_uppercase()));
    (capitalised && (1..=3).contains(&words.count()) && dates::opening_weekday(after).is_some()).then_some(after)
}

/// How far into a line a banner word makes it a banner.
const BANNER_WORD_REACH: usize = 7;

/// A cookie banner: a banner word among the line's first words.
fn is_banner(line: &str, lexicon: &Lexicon) -> bool {
    line.split_whitespace().take(BANNER_WORD_REACH).any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        lexicon.banner_words.iter().any(|banner| banner.eq_ignore_ascii_case(word))
    })
}

/// Longest line a language switcher takes.
const LANGUAGE_MENU_BYTES: usize = 160;

/// A site's language switcher: two or more language names, alone or
/// between separators ("عربي Espa?ol Русский Fran?ais 简体中文").
fn is_language_menu(line: &str, lexicon: &Lexicon) -> bool {
    if line.len() > LANGUAGE_MENU_BYTES {
        return false;
    }
    let is_name = |word: &str| {
        if word.contains(['?', '\u{FFFD}']) {
            lexicon.language_names.iter().any(|name| same_but_lost_letters(word, name))
        } else {
            lexicon.language_names.contains(word)
        }
    };
    let mut names = 0;
    for word in line.split(|c: char| c.is_whitespace() || "|/·•".contains(c)).filter(|w| !w.is_empty()) {
        if !is_name(word) {
            return false;
        }
        names += 1;
    }
    names >= 2
}

/// Whether `word` is `name` with any letters lost to '?' or '\u{FFFD}' by a
/// wrong encoding.
fn same_but_lost_letters(word: &str, name: &str) -> bool {
    word.chars().count() == name.chars().count()
        && word.chars().zip(name.chars()).all(|(w, n)| w == n || w == '?' || w == '\u{FFFD}')
}

/// Day, month (number or name) and year from the groups named `d`, `m`,
/// `y`, else from capture groups 1-3 in that order.
fn date_from_captures(caps: &regex::Captures) -> Option<PartialDate> {
    let group = |name: &str, index: usize| caps.name(name).or_else(|| caps.get(index));
    let day: u32 = group("d", 1)?.as_str().parse().ok()?;
    let month_text = group("m", 2)?.as_str();
    let month = month_text.parse::<u8>().ok().or_else(|| dates::month_or_abbreviation(month_text))?;
    let year: u32 = group("y", 3)?.as_str().parse().ok()?;
    day_date(year, month, day)
}

/// A heading names its genre early: "Statement by …", "Interview of …",
/// "X's remarks at …", "… - article by X".
pub fn is_heading(line: &str, lexicon: &Lexicon) -> bool {
    let trimmed = line.trim();
    if is_genre_opener(trimmed, lexicon) {
        return true;
    }
    if trimmed.chars().count() < 20 || trimmed.len() > lexicon.heading_max_chars {
        return false;
    }
    let lower = trimmed.to_lowercase();
    let capitalized = trimmed.starts_with(|c: char| c.is_uppercase());
    let followed_by = |rest: &str| {
        ["by ", "of ", "from ", "to ", "on ", "at ", "with ", "and ", "delivered by ", "delivered at ", "delivered on "]
            .iter()
            .any(|p| rest.starts_with(p))
    };
    // Each test is of a kind word's occurrence and what is around it.
    let heading = lexicon.kind_words_in(&lower).any(|(kind, at)| {
        let word = &lexicon.kinds[kind].0;
        let (before, after) = (&lower[..at], &lower[at + word.len()..]);
        let starts_genre = at == 0 && capitalized && after.starts_with(' ') && followed_by(after.trim_start());
        // "India Statement by …", "EU Statement on …": whose statement, in a
        // name of one to three capitalised words, then the genre capitalised.
        // "EU Statement – UN Open-Ended Working Group on ICT": or a dash.
        let named_genre = at > 0
            && trimmed[at..].starts_with(|c: char| c.is_uppercase())
            && after.starts_with(' ')
            && (followed_by(after.trim_start()) || after.trim_start().starts_with(['–', '—', '-']))
            && is_short_name(&trimmed[..at]);
        // "Shoukry’s remarks came in …": a sentence about the genre.
        let possessive = ["’s ", "'s "].iter().any(|s| before.ends_with(s))
            && after.starts_with(' ')
            && (followed_by(after.trim_start()) || !starts_with_verb(after.trim_start()));
        let dash_by = [" - ", " – ", ": "].iter().any(|s| before.ends_with(s)) && after.starts_with(" by ");
        starts_genre || named_genre || possessive || dash_by
    });
    heading && !runs_on_past_a_sentence(trimmed)
}

/// Verbs that make a possessive genre word a sentence's subject ("X’s
/// remarks came …", "X’s speech was …"), besides any word in "-ed".
const VERBS_AFTER_SUBJECT: &[&str] =
    &["came", "comes", "was", "were", "is", "are", "has", "have", "had", "will", "would", "also", "took", "made"];

/// Whether `rest` opens with a verb of [`VERBS_AFTER_SUBJECT`] or a word in "-ed".
fn starts_with_verb(rest: &str) -> bool {
    let word = rest.split(' ').next().unwrap_or("");
    VERBS_AFTER_SUBJECT.contains(&word) || (word.len() > 4 && word.ends_with("ed"))
}

/// Whether a line ends a sentence and goes on with another ("… there were
/// just four of us. As President Macron’s speech intimated, …"): a
/// paragraph, not a heading. The sentence ends on a word in lower case, so
/// "Mrs. …" and "U.S. …" do not end one.
fn runs_on_past_a_sentence(line: &str) -> bool {
    let bytes = line.as_bytes();
    line.match_indices(['.', '!', '?']).any(|(at, _)| {
        let next_is_capital = bytes.get(at + 1) == Some(&b' ') && bytes.get(at + 2).is_some_and(u8::is_ascii_uppercase);
        let word = line[..at].rsplit(' ').next().unwrap_or("");
        next_is_capital && word.len() >= 2 && word.bytes().all(|b| b.is_ascii_lowercase())
    })
}

/// A genre word and the word that opens whose or where it is, alone on a
/// line that the next continues ("Statement by" / "Mr. Heidar Ali Balouji").
fn is_genre_opener(line: &str, lexicon: &Lexicon) -> bool {
    let Some((genre, joiner)) = line.split_once(' ') else { return false };
    genre.starts_with(char::is_uppercase) && matches!(joiner, "by" | "of") && lexicon.kind_named(genre).is_some()
}

/// Words a title's line cannot end on: a line that does, or ends on a
/// comma, is continued on the next ("Statement of Heads of State of" /
/// "Member States of …").
const DANGLING_WORDS: &[&str] = &["by", "of", "on", "at", "to", "for", "and", "the", "in", "with"];

/// At most this many lines make one title.
const MAX_TITLE_LINES: usize = 3;

/// The title heading at line `start`, with the lines that continue it
/// while one dangles, up to the next document's line `next`. A line that
/// continues a title is of a heading's length and no sentence.
fn continued_title(text: &str, lines: &[Line], start: usize, next: usize, lexicon: &Lexicon) -> Range<usize> {
    let mut range = trim_range(text, lines[start].range.clone());
    // After a comma, only a name with its courtesy title or a phrase in
    // lower case continues ("…, Mr. Dennis Francis," / "at the …"): a post
    // under a byline is the byline's.
    let continues_after = |title: &str, continuation: &str| {
        let first = continuation.split(' ').next().unwrap_or("");
        if title.ends_with(',') {
            first.starts_with(char::is_lowercase) || lexicon.honorifics.contains(first)
        } else {
            title.rsplit(' ').next().is_some_and(|w| DANGLING_WORDS.contains(&w))
        }
    };
    let later = (start + 1..next).filter(|&i| lines[i].class != LineClass::Blank);
    for line in later.take(MAX_TITLE_LINES - 1) {
        let continuation = trim_range(text, lines[line].range.clone());
        let continues = continues_after(&text[range.clone()], &text[continuation.clone()])
            && matches!(lines[line].class, LineClass::Content | LineClass::Heading)
            && continuation.len() <= lexicon.heading_max_chars
            && !is_sentence(&text[continuation.clone()]);
        if !continues {
            break;
        }
        range.end = continuation.end;
    }
    range
}

/// A title as printed, its line breaks read as spaces.
fn title_text(text: &str, title: &Range<usize>) -> String {
    let printed = &text[title.clone()];
    if printed.contains('\n') {
        printed.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        printed.to_string()
    }
}

/// One to three capitalised words and a space, none an article: a
/// country's or body's name before a genre word.
fn is_short_name(before: &str) -> bool {
    let words: Vec<&str> = before.split(' ').filter(|w| !w.is_empty()).collect();
    before.ends_with(' ')
        && (1..=3).contains(&words.len())
        && words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase()) && !matches!(*w, "The" | "A" | "An" | "This"))
}

/// The genre a label on the first line under a title states: a kind word
/// alone, after a bullet or a date and its dash ("• Speech", "22.05.2020 -
/// Speech").
fn genre_label_under(text: &str, below: &[Line], lexicon: &Lexicon) -> Option<DocKind> {
    let first = below.iter().find(|l| l.class != LineClass::Blank)?;
    let line = text[first.range.clone()].trim().trim_start_matches(['•', '·', '-']).trim_start();
    let label = split_at_dash(line).map_or(line, |(_, label)| label).trim();
    lexicon.kind_named(label)
}

/// Words after which a kind word is a verb ("to address", "will comment");
/// not "may", which lower-cased is also the month ("the May statement").
const VERB_MARKERS: [&str; 6] = ["to", "will", "would", "must", "shall", "can"];

/// The genre a title states: its first kind word; a news item when none.
pub fn kind_of(title: &str, lexicon: &Lexicon) -> DocKind {
    let lower = title.to_lowercase();
    // "… talks on draft declaration of …": a draft is the news's subject.
    let drafted = |at: usize| {
        let before = lower[..at].strip_suffix(' ').unwrap_or(&lower[..at]);
        before.rsplit(' ').next().is_some_and(|word| lexicon.subject_words.contains(word))
    };
    // "Cyber Threat Response Group": a kind word before a body's head is
    // part of the body's name.
    let names_body = |end: usize| {
        let next = lower[end..].strip_prefix(' ').and_then(|rest| rest.split([' ', ':', ',']).next());
        next.is_some_and(|word| {
            let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
            let mut chars = word.chars();
            let capitalised: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            lexicon.non_person_heads.contains(capitalised.as_str())
        })
    };
    // "… need to address cyber challenges", "… will comment": a verb.
    let verb = |at: usize| {
        let before = lower[..at].strip_suffix(' ').unwrap_or(&lower[..at]);
        before.rsplit(' ').next().is_some_and(|word| VERB_MARKERS.contains(&word))
    };
    let words: Vec<(usize, usize)> = lexicon
        .kind_words_in(&lower)
        .filter(|&(kind, at)| {
            let len = lexicon.kinds[kind].0.len();
            is_word_at(&lower, at, len) && !names_body(at + len) && !verb(at)
        })
        .collect();
    // The spans of the subject's kind words: "statement" inside a drafted
    // "joint statement" is no genre either.
    let subjects: Vec<Range<usize>> =
        words.iter().filter(|&&(_, at)| drafted(at)).map(|&(kind, at)| at..at + lexicon.kinds[kind].0.len()).collect();
    words
        .into_iter()
        .filter(|&(_, at)| !subjects.iter().any(|span| span.contains(&at)))
        // Words are numbered longest first, so at one place the longer wins.
        .min_by_key(|&(kind, at)| (at, kind))
        .map_or(DocKind::NewsItem, |(kind, _)| lexicon.kinds[kind].1)
}

fn is_word_at(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The documents of a source, in reading order.
pub fn segment(source: &Source, lexicon: &Lexicon, gazetteer: &Gazetteer) -> Vec<Document> {
    let text = &source.text;
    let lines = classify(text, lexicon);
    let mut starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| match l.class {
            LineClass::Listing { .. } => true,
            // A heading right under another title repeats it ("16.05.2020 -
            // X's interview …" then "X's interview …"): it is body text.
            LineClass::Heading => !repeats_a_title(&lines, *i),
            _ => false,
        })
        .map(|(i, _)| i)
        .collect();
    let dated = dated_titles(text, &lines, lexicon);
    if dated.len() >= MIN_DATED_TITLES {
        starts.extend(dated);
        starts.sort_unstable();
        starts.dedup();
    }
    let mut subtitles = lead_lines(text, &lines, &mut starts);
    let mut starts = if starts.is_empty() {
        // No heading and no listing: the headline heads the page, and a
        // byline under it is its lead line.
        match headline(text, &lines, lexicon) {
            Some(first) => {
                subtitles.extend(byline_under(text, &lines, first).map(|by| (first, by)));
                vec![first]
            }
            None => return Vec::new(),
        }
    } else {
        starts
    };
    complete_cut_titles(text, &lines, &mut starts);
    subtitles.extend(merge_header_block(text, &lines, &mut starts));
    subtitles.extend(headline_above_byline(text, &lines, &mut starts, lexicon));

    // A statement's place, when the dateline under its title gives none, may
    // be in the one under its lead line ("DATE 2024-11-08" / "Statement by
    // …" / "New York, 8 November 2024").
    let dateline_under_lead = |dateline: Option<(PartialDate, Option<String>)>, lead: Option<usize>| {
        let placed = dateline.as_ref().is_some_and(|(_, place)| place.is_some());
        let Some(lead) = lead.filter(|_| !placed) else { return dateline };
        let next = starts.iter().copied().find(|&s| s > lead).unwrap_or(lines.len());
        let under = dateline_after(text, &lines, lead, next)
            .and_then(|at| dated_place(text, &lines, at, lead, lexicon, gazetteer));
        match (dateline, under) {
            (Some((date, None)), Some((_, place))) => Some((date, place)),
            (dateline, under) => dateline.or(under),
        }
    };
    let mut documents = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let next = starts.get(n + 1).copied().unwrap_or(lines.len());
        let head = &lines[start];
        let (title_range, dateline) = match &head.class {
            LineClass::Listing { date, title } => (title.clone(), date.map(|date| (date, None))),
            _ => {
                let at = dateline_before(text, &lines, start).or_else(|| dateline_after(text, &lines, start, next));
                let dateline = at.and_then(|at| dated_place(text, &lines, at, start, lexicon, gazetteer));
                let lead = subtitles.iter().find(|(of, _)| *of == start).map(|&(_, lead)| lead);
                (continued_title(text, &lines, start, next, lexicon), dateline_under_lead(dateline, lead))
            }
        };
        let (listed_date, dateline_place) = dateline.map_or((None, None), |(date, place)| (Some(date), place));
        let body_end = lines[start..next]
            .iter()
            .rev()
            .find(|l| matches!(l.class, LineClass::Content | LineClass::Heading | LineClass::Listing { .. }))
            .map_or(head.range.end, |l| l.range.end);
        let title = title_text(text, &title_range);
        let last_date = dates::find_dates(&title).pop();
        let ordinal = documents.len() + 1;
        let title_place = last_date.as_ref().and_then(|(at, _)| {
            place_before_date(&title, at.start, lexicon, gazetteer)
                .or_else(|| place_after_date(&title, at.end, lexicon, gazetteer))
        });
        let placed = title_place.is_some() || dateline_place.is_some();
        let dated = last_date.is_some() || listed_date.is_some();
        let opening = if placed && dated {
            BodyOpening::default()
        } else {
            body_opening(&text[title_range.end..body_end.max(title_range.end)], lexicon, gazetteer)
        };
        let place = title_place.or(dateline_place).or(opening.place);
        let subtitle_range =
            subtitles.iter().find(|(of, _)| *of == start).map(|&(_, at)| trim_range(text, lines[at].range.clone()));
        // A title that names no genre takes its lead line's ("Statement
        // delivered by …"), else a genre label's under it ("• Speech").
        let kind = match (kind_of(&title, lexicon), &subtitle_range) {
            (DocKind::NewsItem, Some(lead)) => kind_of(&text[lead.clone()], lexicon),
            (kind, _) => kind,
        };
        let kind = match kind {
            DocKind::NewsItem => genre_label_under(text, &lines[start + 1..next], lexicon).unwrap_or(kind),
            kind => kind,
        };
        documents.push(Document {
            id: DocId::new(source.stem(), ordinal),
            source: source.name.clone(),
            ordinal,
            kind,
            place,
            title,
            range: title_range.start..body_end.max(title_range.end),
            title_range,
            subtitle_range,
            date: last_date.map(|(_, date)| date).or(listed_date).or(opening.date),
        });
    }
    documents
}

/// A statement's header block may hold two headings: the page's title, then
/// a byline or occasion heading ("Statement by H.E. …", "Statement by the
/// Republic of Estonia, delivered by …"), with only labels, dates and
/// places between. When the first heading has no prose under it and the
/// second has, they head one statement, titled by the first: the second is
/// taken out of `starts` and returned as the first's lead line (title's
/// line, lead line's line), which names the speakers as a title does.
fn merge_header_block(text: &str, lines: &[Line], starts: &mut Vec<usize>) -> Option<(usize, usize)> {
    let &[first, second, ref rest @ ..] = starts.as_slice() else { return None };
    let heading = |at: usize| lines[at].class == LineClass::Heading;
    let second_end = rest.first().copied().unwrap_or(lines.len());
    let prose = |range: Range<usize>| {
        lines[range].iter().any(|l| l.class == LineClass::Content && is_prose(&text[l.range.clone()]))
    };
    let merged = heading(first) && heading(second) && !prose(first + 1..second) && prose(second + 1..second_end);
    if !merged {
        return None;
    }
    starts.remove(1);
    Some((first, second))
}

/// A page's headline above its first heading, a byline, with only labels
/// between ("United Nations General Assembly: First Committee – Thematic
/// Cluster statement: …" / "Ministry Statements & Speeches:" / "Statement
/// delivered by …"): the headline titles the statement and the byline
/// becomes its lead line (title's line, lead line's line).
fn headline_above_byline(
    text: &str,
    lines: &[Line],
    starts: &mut [usize],
    lexicon: &Lexicon,
) -> Option<(usize, usize)> {
    let byline = *starts.first()?;
    let heading = &text[lines[byline].range.clone()];
    // A long heading names its occasion too ("Statement by Mr. …, Director
    // of …, at the Fifth Session of …"): a full title, not a byline.
    let short = heading.split_whitespace().count() <= BYLINE_WORDS;
    if lines[byline].class != LineClass::Heading
        || !short
        || !heading.split_whitespace().any(|w| w.eq_ignore_ascii_case("by"))
    {
        return None;
    }
    let words = |at: usize| text[lines[at].range.clone()].split_whitespace().count();
    let above = (0..byline).rev().filter(|&i| !matches!(lines[i].class, LineClass::Blank | LineClass::Furniture));
    for at in above.take(3) {
        let line = text[lines[at].range.clone()].trim();
        if lines[at].class != LineClass::Content {
            return None;
        }
        // It names its genre where no heading would ("… – Thematic Cluster
        // statement: …"); an occasion's name above a byline ("Third
        // Substantive Session") is not the statement's title.
        let names_genre = lexicon.kind_words_in(&line.to_lowercase()).next().is_some();
        if words(at) >= HEADLINE_WORDS && !is_sentence(line) && !is_publisher(line, lexicon) && names_genre {
            starts[0] = at;
            return Some((at, byline));
        }
        if words(at) > LABEL_WORDS {
            return None;
        }
    }
    None
}

/// Most words of a byline heading: genre, "by", a name and a short post.
const BYLINE_WORDS: usize = 12;

/// Fewest words of a sentence that is prose, not a label ("Thank you.").
const PROSE_WORDS: usize = 6;

/// A line of running text: a sentence of some words, or a long line.
fn is_prose(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (words >= PROSE_WORDS && is_sentence(line)) || words > 3 * PROSE_WORDS
}

/// A title cut short with an ellipsis and printed in full on the next line
/// ("From the speech of … maintenance of..." / "From the speech of …
/// maintenance of international peace and security\"") is the full one.
fn complete_cut_titles(text: &str, lines: &[Line], starts: &mut [usize]) {
    for start in starts.iter_mut() {
        let title = text[lines[*start].range.clone()].trim();
        let Some(cut) = title.strip_suffix("...").or_else(|| title.strip_suffix('…')) else { continue };
        let Some(next) = (*start + 1..lines.len()).find(|&i| lines[i].class != LineClass::Blank) else { continue };
        let full = text[lines[next].range.clone()].trim();
        if full.len() > cut.len() && full.starts_with(cut.trim_end()) {
            *start = next;
        }
    }
}

/// A heading right under another, with only datelines and labels between,
/// that opens with a date and a city ("EU Statement – …" / "13.12.2021" /
/// "13 December 2021, New York – Statement by the EU delivered by …") is
/// the first one's lead line, not a document of its own: it is taken out
/// of `starts` and returned as (title's line, lead line's line).
fn lead_lines(text: &str, lines: &[Line], starts: &mut Vec<usize>) -> Vec<(usize, usize)> {
    let is_label = |l: &Line| match l.class {
        LineClass::Content => {
            let line = text[l.range.clone()].trim();
            line.split_whitespace().count() <= LABEL_WORDS && !is_sentence(line)
        }
        LineClass::Heading | LineClass::Listing { .. } => false,
        _ => true,
    };
    let mut leads = Vec::new();
    for &title in starts.iter().filter(|&&s| lines[s].class == LineClass::Heading) {
        let Some(next) = (title + 1..lines.len()).find(|&i| !is_label(&lines[i])) else { continue };
        if lines[next].class != LineClass::Heading || leads.iter().any(|&(_, lead)| lead == title) {
            continue;
        }
        let dated = AGENCY_DATELINE
            .captures(&text[lines[next].range.clone()])
            .is_some_and(|caps| caps.name("date_first").is_some() || caps.name("date").is_some());
        if dated {
            leads.push((title, next));
        }
    }
    starts.retain(|start| !leads.iter().any(|&(_, lead)| lead == *start));
    leads
}

/// How many dated titles make a page a news listing.
const MIN_DATED_TITLES: usize = 2;

/// The title lines right under a dateline, as news listings print them
/// ("12 March 2021" / "Russia and China discuss cyber security" / a
/// teaser): a line of text of a title's length that is no sentence and no
/// salutation ("Mr. Chair,").
fn dated_titles(text: &str, lines: &[Line], lexicon: &Lexicon) -> Vec<usize> {
    let mut titles = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !matches!(line.class, LineClass::Dateline(_)) {
            continue;
        }
        let Some(next) = (i + 1..lines.len()).find(|&j| lines[j].class != LineClass::Blank) else { continue };
        let title = text[lines[next].range.clone()].trim();
        let title_like = lines[next].class == LineClass::Content
            && title.split_whitespace().count() >= 4
            && title.len() <= lexicon.heading_max_chars
            && !is_sentence(title)
            && !title.ends_with(',');
        if title_like {
            titles.push(next);
        }
    }
    titles
}

/// At most this many words make a line a section label or banner, not a
/// headline ("Cybersecurity", "In progress at UNHQ").
const LABEL_WORDS: usize = 4;
/// At least this many words make a line below a label a headline.
const HEADLINE_WORDS: usize = 6;
/// Lines below a label where its headline may be: a ministry's numbered
/// breadcrumb ("1. HOME" / "2. Press" / "3. Press Releases") and section
/// names may stand between.
const LINES_BELOW_LABEL: usize = 8;
/// The first lines of text of a page, where a title printed twice or a
/// label printed at each level are looked for.
const TOP_LINES: usize = 12;

/// The headline of a page with no heading: its first line of text, unless
/// that is a label above a longer line among the few lines before the body's
/// first sentence (a ministry's section name, a news site's banner or
/// meeting number, the publisher's name above the story's headline).
fn headline(text: &str, lines: &[Line], lexicon: &Lexicon) -> Option<usize> {
    let words =
        |line: &Line| text[line.range.clone()].split_whitespace().filter(|w| w.contains(char::is_alphabetic)).count();
    let line_text = |line: &Line| text[line.range.clone()].trim();
    let top: Vec<(usize, &Line)> =
        lines.iter().enumerate().filter(|(_, l)| l.class == LineClass::Content).take(TOP_LINES).collect();
    // A story's title printed twice in a row (the page's heading, then the
    // story's), under a site's slogan or banners, is the headline. Under a
    // headline, a line printed twice is a photograph's caption ("African
    // Union to Host …" / "H.E Moussa Faki Mahamat, Chairperson of …" twice).
    let could_head = |line: &Line| {
        let printed = line_text(line);
        words(line) > LABEL_WORDS && !is_sentence(printed) && !is_publisher(printed, lexicon)
    };
    let doubled = top.windows(2).position(|pair| {
        let [(_, a), (_, b)] = pair else { return false };
        words(a) > LABEL_WORDS && line_text(a) == line_text(b) && !is_photo_caption(line_text(a))
    });
    if let Some(n) = doubled.filter(|&n| !top[..n].iter().any(|(_, l)| could_head(l))) {
        return Some(top[n].0);
    }
    // "Historical archive" printed above the title and again below it: a
    // section's label, never the headline.
    let repeated_label = |line: &Line| {
        words(line) <= LABEL_WORDS && top.iter().filter(|(_, l)| line_text(l) == line_text(line)).count() > 1
    };
    let mut content = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.class == LineClass::Content)
        .filter(|(i, l)| *i > top.last().map_or(0, |(last, _)| *last) || !repeated_label(l));
    let (first, first_line) = content.next()?;
    let first_text = text[first_line.range.clone()].trim();
    if byline_under(text, lines, first).is_some() && lexicon.kind_words_in(&first_text.to_lowercase()).next().is_some()
    {
        return Some(first);
    }
    if (words(first_line) > LABEL_WORDS && !is_publisher(first_text, lexicon)) || is_sentence(first_text) {
        return Some(first);
    }
    // A shorter line that names its genre is a headline too ("Speech" /
    // "Securing Cyberspace: Minister Doughty speech").
    let headline_like = |line: &Line| {
        let n = words(line);
        n >= HEADLINE_WORDS
            || (n > LABEL_WORDS && lexicon.kind_words_in(&text[line.range.clone()].to_lowercase()).next().is_some())
    };
    let below: Vec<(usize, &Line)> =
        content.take(LINES_BELOW_LABEL).take_while(|(_, l)| !is_sentence(&text[l.range.clone()])).collect();
    if let Some(&(i, _)) = below.iter().find(|(_, l)| headline_like(l)) {
        return Some(i);
    }
    // A site's name, the story's dateline, then its headline ("What's In
    // Blue" / "Posted Wed 23 Nov 2016" / "Open Arria-formula Meeting on
    // Cybersecurity"): the dateline parts the label from the headline.
    let dated_since = |i: usize| lines[first..i].iter().any(|l| matches!(l.class, LineClass::Dateline(_)));
    if let Some(&(i, _)) = below.iter().find(|(i, l)| words(l) > LABEL_WORDS && dated_since(*i)) {
        return Some(i);
    }
    // "Australia-India Cyber Dialogue" (a link to another page) / "Australia-
    // Indonesia Cyber Dialogue" / "The first Australia-Indonesia Cyber
    // Dialogue was held …": the label the body's first paragraph repeats,
    // when it does not repeat the first.
    let body = lines[first..].iter().find(|l| l.class == LineClass::Content && is_sentence(&text[l.range.clone()]));
    let repeated = |line: &Line| body.is_some_and(|b| text[b.range.clone()].contains(text[line.range.clone()].trim()));
    if !repeated(first_line) {
        if let Some(&(i, _)) = below.iter().find(|(_, l)| words(l) >= 2 && repeated(l)) {
            return Some(i);
        }
    }
    Some(first)
}

/// The line right under line `at` when it goes on from it with "by" and
/// whom ("Keynote address" / "by NATO Secretary General … at …").
fn byline_under(text: &str, lines: &[Line], at: usize) -> Option<usize> {
    let next = (at + 1..lines.len()).find(|&i| lines[i].class != LineClass::Blank)?;
    let line = text[lines[next].range.clone()].trim_start();
    (lines[next].class == LineClass::Content && line.starts_with("by ") && !is_sentence(line)).then_some(next)
}

/// A photograph's caption, which news sites print twice (as the image's
/// text and under it): "Vladimir Makei. An archive photo", "Photo: TASS".
fn is_photo_caption(line: &str) -> bool {
    let lower = line.trim_end_matches('.').to_lowercase();
    lower.starts_with("photo:") || lower.contains("(photo") || lower.ends_with(" photo") || lower.ends_with(" photos")
}

/// A line opening with a publisher's name: "Permanent Mission of the
/// Russian Federation to the United Nations", a banner, not a headline.
fn is_publisher(line: &str, lexicon: &Lexicon) -> bool {
    lexicon.publishers.iter().any(|p| line.strip_prefix(p.as_str()).is_some_and(|r| r.starts_with(' ')))
}

/// A line of body text ends as a sentence does.
fn is_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', ':', ';'])
}

fn repeats_a_title(lines: &[Line], heading: usize) -> bool {
    lines[..heading]
        .iter()
        .rev()
        .find(|l| l.class != LineClass::Blank)
        .is_some_and(|l| matches!(l.class, LineClass::Heading | LineClass::Listing { .. }))
}

/// A dateline directly above a heading (blank lines and a breadcrumb's
/// furniture between allowed: "Tuesday, February 18, 2020" / "Home / Nation
/// / …" / the title) dates it: the dateline's line.
fn dateline_before(text: &str, lines: &[Line], heading: usize) -> Option<usize> {
    // Not a page's clock ("6 July 2020" / "Moscow: 02:18" / the title).
    let breadcrumb = |line: &Line| {
        let words = text[line.range.clone()].trim_start();
        words.get(..4).is_some_and(|home| home.eq_ignore_ascii_case("home"))
            && words.contains(['/', '>', '»', '›', '|'])
    };
    let passed = |line: &Line| line.class == LineClass::Blank || line.class == LineClass::Furniture && breadcrumb(line);
    let above = (0..heading).rev().take(LINES_TO_DATELINE).find(|&i| !passed(&lines[i]))?;
    matches!(lines[above].class, LineClass::Dateline(_)).then_some(above)
}

/// Non-blank lines under a heading that may come before its dateline.
const LINES_TO_DATELINE: usize = 4;
/// Up to this many when none of them is a sentence: a statement's heading
/// block of name, post, mission and sitting lines.
const HEADING_BLOCK_LINES: usize = 9;

/// A dateline among the few lines under a heading (after a byline such as
/// "Media Note") dates it, unless it is the dateline of the next heading.
fn dateline_after(text: &str, lines: &[Line], heading: usize, next: usize) -> Option<usize> {
    let below = lines[heading + 1..next].iter().enumerate().filter(|(_, l)| l.class != LineClass::Blank);
    let mut in_block = true;
    for (n, (offset, line)) in below.take(HEADING_BLOCK_LINES).enumerate() {
        if n >= LINES_TO_DATELINE && !in_block {
            return None;
        }
        match line.class {
            LineClass::Dateline(_) => {
                let at = heading + 1 + offset;
                let dates_next = next < lines.len() && lines[at + 1..next].iter().all(|l| l.class == LineClass::Blank);
                return (!dates_next).then_some(at);
            }
            // A heading right under the title repeats it ("… (State Dept.)").
            LineClass::Heading if n == 0 => {}
            LineClass::Heading | LineClass::Listing { .. } => return None,
            LineClass::Content => in_block &= !is_sentence(&text[line.range.clone()]),
            _ => {}
        }
    }
    None
}

/// The date of the dateline at line `at`, and the city it opens with
/// ("Vienna, 3 November 2021."), else the city of a place line right above
/// it that is not the heading at line `heading` ("New York City, New York" /
/// "September 23, 2019").
fn dated_place(
    text: &str,
    lines: &[Line],
    at: usize,
    heading: usize,
    lexicon: &Lexicon,
    gazetteer: &Gazetteer,
) -> Option<(PartialDate, Option<String>)> {
    let LineClass::Dateline(date) = lines[at].class else { return None };
    let line = text[lines[at].range.clone()].trim().trim_end_matches('.');
    // "Vienna, …", "New York, …", "… 2024, New York", not "Posted on Dec.
    // 1, 2021".
    let first = line.split_once(", ").map(|(place, _)| place);
    let last = line.rsplit_once(", ").map(|(_, place)| place);
    // "May 10, 2022 – Ottawa, Ontario – Global Affairs Canada".
    let after_dash = split_at_dash(line).and_then(|(_, rest)| rest.split_once(", "));
    let place = [first, last, after_dash.map(|(city, _)| city)]
        .into_iter()
        .flatten()
        .filter(|place| place.split(' ').all(is_capitalised_word))
        .find_map(|place| city(place, lexicon, gazetteer))
        // "NEW YORK, 9 MAY 2024".
        .map(|place| if place.chars().any(char::is_lowercase) { place } else { title_case(&place) });
    let above = (0..at).rev().find(|&i| lines[i].class != LineClass::Blank).filter(|&i| i != heading);
    let place = place.or_else(|| above.and_then(|i| place_line(&text[lines[i].range.clone()], lexicon, gazetteer)));
    Some((date, place))
}

/// A line that names a city and its state or country and nothing else,
/// perhaps after a venue ("New York City, New York", "Washington, D.C.",
/// "Palace Hotel, New York, NY"): the city.
fn place_line(line: &str, lexicon: &Lexicon, gazetteer: &Gazetteer) -> Option<String> {
    let parts: Vec<&str> = line.trim().split(", ").collect();
    let (venue, city_name, region) = match parts[..] {
        [city_name, region] => ("", city_name, region),
        [venue, city_name, region] => (venue, city_name, region),
        _ => return None,
    };
    let region_words: Vec<&str> = region.split(' ').collect();
    let region_ok = region_words.len() <= 3
        && region_words.iter().all(|w| is_capitalised_word(w) || w.chars().all(|c| c.is_ascii_uppercase() || c == '.'));
    let venue_ok = venue.split(' ').count() <= 4 && venue.split(' ').all(|w| w.is_empty() || is_capitalised_word(w));
    let city_words = city_name.split(' ').count();
    (region_ok && venue_ok && city_words <= 3 && city_name.split(' ').all(is_capitalised_word))
        .then(|| city(city_name, lexicon, gazetteer))
        .flatten()
}

/// A word of a name: capitalised, letters and hyphens only.
/// `text` split at the first of the dashes between a dateline's parts
/// (" – ", " — ", " - ", tried in that order).
fn split_at_dash(text: &str) -> Option<(&str, &str)> {
    [" – ", " — ", " - "].iter().find_map(|dash| text.split_once(dash))
}

/// Whether a dated line's rest opens with a city and its region and ends
/// there or at a dash: "Ottawa, Ontario – Global Affairs Canada".
fn opens_with_city_and_region(rest: &str) -> bool {
    let place = split_at_dash(rest).map_or(rest, |(place, _)| place).trim();
    let Some((city, region)) = place.split_once(", ") else { return false };
    let is_name = |part: &str| (1..=3).contains(&part.split(' ').count()) && part.split(' ').all(is_capitalised_word);
    is_name(city) && is_name(region)
}

fn is_capitalised_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && word.chars().all(|c| c.is_alphabetic() || c == '-')
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

/// The city a title names in "in City" right after its last date, which
/// ends at byte `date_end` ("… on March 28th, 2022, in New York.").
fn place_after_date(title: &str, date_end: usize, lexicon: &Lexicon, gazetteer: &Gazetteer) -> Option<String> {
    let after = title[date_end..].trim_start_matches(',').trim_start().strip_prefix("in ")?;
    let place = after.trim_end().trim_end_matches(['.', ')']);
    let words: Vec<&str> = place.split(' ').collect();
    (words.len() <= 3 && words.iter().all(|w| is_capitalised_word(w)))
        .then(|| city(place, lexicon, gazetteer))
        .flatten()
}

/// The city a title says it was delivered in: the capitalised words right
/// before its last date, which starts at byte `date_start` ("…, New Delhi,
/// January 15, 2020").
fn place_before_date(title: &str, date_start: usize, lexicon: &Lexicon, gazetteer: &Gazetteer) -> Option<String> {
    let before = title[..date_start].trim_end().strip_suffix(',')?.trim_end();
    let before = before.strip_suffix(')').unwrap_or(before);
    let words: Vec<&str> = before.split(' ').collect();
    let mut place: Vec<&str> = Vec::new();
    for word in words.iter().rev() {
        let bracketed = word.starts_with('(');
        let word = word.trim_start_matches('(');
        // A word with a quotation mark or a digit names no city: '…
        // meeting „Cybersecurity and Peace and Security”, 28 November 2016'.
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | ',' | '\'' | '/'));
        if !capitalised || place.len() == 3 {
            break;
        }
        place.insert(0, word);
        // "… GENERAL ASSEMBLY (New York, 13 October 2014)": the bracket opens the place.
        if bracketed {
            break;
        }
        if before.ends_with(&format!(", {}", place.join(" "))) {
            break;
        }
    }
    // "… the Arria meeting on Cybersecurity, May 22, 2020": a word after a
    // preposition other than "in" or "at" is a topic, not a place.
    let before_place = words.len().checked_sub(place.len() + 1).map(|i| words[i]);
    if before_place.is_some_and(|w| w.chars().all(char::is_lowercase) && !matches!(w, "in" | "at")) {
        return None;
    }
    // "… Review Conference Vienna, 26 June 2024": the place follows the last
    // word that names no place.
    if let Some(last) = place.iter().rposition(|w| lexicon.not_place_words.contains(*w)) {
        place.drain(..=last);
    }
    if place.is_empty() {
        return None;
    }
    let name = place.join(" ");
    let name = name.trim_end_matches(',').to_string();
    if gazetteer.find(&name).iter().any(|m| m.range == (0..name.len()) && !m.is_country(gazetteer)) {
        return None;
    }
    Some(name)
}

/// An agency's dateline opens one of the body's first lines, and this many
/// bytes of it hold it; a meeting's city is in the opening paragraph.
const DATELINE_LINES: usize = 3;
const DATELINE_BYTES: usize = 80;
const PLACE_IN_BODY_BYTES: usize = 800;

/// A news agency's or a ministry's dateline opening a paragraph, in the
/// forms of the alternatives below, in order: with the year after the city
/// ("NEW YORK 26 June 2024 –", "GENEVA (3 June 2024) –") or before it ("19
/// February 2021, New York –"), both of which also date the text; an
/// agency's in capitals ("MOSCOW, October 23. /TASS/.", "DURBAN /South
/// Africa/, June 28.", "CAPE TOWN - The …", "MOSCOW (UrduPoint News /
/// Sputnik - 20th June, 2023)", whose brackets may date the text); and one
/// naming the agency ("Moscow (VNA) –", "Beijing, Jun 16 (Prensa Latina)
/// The …").
static AGENCY_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let day_month_year = r"[0-9]{1,2} [A-Z][a-z]{2,8}\.? [0-9]{4}|[A-Z][a-z]{2,8}\.? [0-9]{1,2}, [0-9]{4}";
    let city = r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}";
    let alternatives = [
        format!(r"(?P<dated>[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+){{0,2}}),? \(?(?P<date>{day_month_year})\)? ?[-–—]"),
        format!(r"(?P<date_first>{day_month_year}), (?P<after_date>{city}) [-–—]"),
        r"(?P<caps>[A-Z]{3,}(?:[ -][A-Z]{2,}){0,2})(?: /[A-Z][A-Za-z ]+/)?(?:[,.] (?:[A-Z][a-z]{2,8}\.? [0-9]|[0-9])| [-–—] | \((?P<credit>[A-Z][^()]{1,60})\))".to_string(),
        format!(r"(?P<city>{city}),? (?:[A-Z][a-z]{{2,8}}\.? [0-9]{{1,2}} \([A-Z][A-Za-z ]{{1,20}}\)|\([A-Z][A-Za-z]{{1,10}}\) ?[-–—])"),
    ];
    Regex::new(&format!("^[ \t]*(?:{})", alternatives.join("|"))).expect("dateline regex")
});

/// A meeting's city and day in the opening paragraph: "… gathered in
/// Istanbul on 27 October 2018 …", "… was held in Geneva on June 3 …". Only
/// after a verb of meeting: "a speech in London on 12 November" says where
/// the speech was, not the text.
static IN_CITY_ON_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r" (?:met|meet|gathered|convened|assembled|held|took place) in (?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}) on (?:[0-9]{1,2} [A-Z][a-z]+|[A-Z][a-z]+ [0-9]{1,2})")
        .expect("city regex")
});

/// What a body's opening says of where and when it was written or held,
/// when its title does not say.
#[derive(Debug, Default)]
struct BodyOpening {
    place: Option<String>,
    date: Option<PartialDate>,
}

/// The city (and the date) a body's opening says it was written or held in:
/// an agency's or ministry's dateline, else "in CITY on DAY". A country or a
/// body of the gazetteer is no city.
fn body_opening(body: &str, lexicon: &Lexicon, gazetteer: &Gazetteer) -> BodyOpening {
    // Each line is tried from its start only: most fail on their first byte.
    // Labels and stray dates above the text ("Published:", "16 June 2022")
    // are not among its first lines.
    let paragraph = |line: &&str| line.split_whitespace().nth(LABEL_WORDS).is_some();
    let first_lines = body.lines().filter(paragraph).take(DATELINE_LINES);
    let caps = first_lines
        .map(|line| char_prefix(line, DATELINE_BYTES))
        .find_map(|line| AGENCY_DATELINE.captures(line))
        .or_else(|| IN_CITY_ON_DAY.captures(char_prefix(body, PLACE_IN_BODY_BYTES)));
    let Some(caps) = caps else {
        return BodyOpening { place: labelled_place(body, lexicon, gazetteer), date: None };
    };
    let group = |names: &[&str]| names.iter().find_map(|name| caps.name(name)).map_or("", |m| m.as_str());
    let date = dates::find_dates(group(&["date", "date_first", "credit"])).pop().map(|(_, date)| date);
    let name = group(&["dated", "after_date", "caps", "city"]);
    let all_caps = !name.contains(char::is_lowercase);
    // An acronym ("OSCE, 3 members …") is known as written, not title-cased.
    if all_caps && gazetteer.find(name).iter().any(|hit| hit.range.len() == name.len()) {
        return BodyOpening { place: None, date };
    }
    let name = if all_caps { title_case(name) } else { name.to_string() };
    BodyOpening { place: city(&name, lexicon, gazetteer), date }
}

/// Lines under a title where a "Location:" or "Venue:" label may stand,
/// and lines of the address it labels.
const LABEL_LINES: usize = 6;
const ADDRESS_LINES: usize = 4;

/// The city a "Location:" or "Venue:" label among the body's first lines
/// names: the address's last part, on the label's line or on the lines
/// under it up to a blank ("Location:" / "Conference Room 4, United Nations
/// Headquarters, New York"; "Venue: German House," / "10017 New York").
fn labelled_place(body: &str, lexicon: &Lexicon, gazetteer: &Gazetteer) -> Option<String> {
    // One pass over the lines it needs: the body is not split whole.
    let mut lines = body.lines().map(str::trim);
    let is_label = |label: &str| ["location", "venue", "place"].iter().any(|l| label.trim().eq_ignore_ascii_case(l));
    let mut read = 0;
    let on_label = loop {
        let line = lines.next()?;
        if line.is_empty() {
            continue;
        }
        if let Some((_, rest)) = line.split_once(':').filter(|(label, _)| is_label(label)) {
            break rest.trim();
        }
        read += 1;
        if read == LABEL_LINES {
            return None;
        }
    };
    // The address runs on to the next blank line, from the label's line or
    // the next.
    let under = lines.skip_while(|l| on_label.is_empty() && l.is_empty());
    let address: Vec<&str> =
        std::iter::once(on_label).chain(under.take_while(|l| !l.is_empty()).take(ADDRESS_LINES)).collect();
    let last = address.iter().rev().flat_map(|line| line.rsplit(',')).map(str::trim).find(|part| !part.is_empty())?;
    // "10017 New York": a postcode before the city.
    let name = last.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let words: Vec<&str> = name.split(' ').collect();
    (words.len() <= 3 && words.iter().all(|w| is_capitalised_word(w))).then(|| city(name, lexicon, gazetteer)).flatten()
}

/// `name` when it may be a city: no country or body of the gazetteer, no
/// word that names no place, no month.
fn city(name: &str, lexicon: &Lexicon, gazetteer: &Gazetteer) -> Option<String> {
    let named = gazetteer.find(name).iter().any(|hit| hit.range.len() == name.len());
    let not_place = name.split(' ').any(|w| lexicon.not_place_words.contains(w) || dates::month_number(w).is_some());
    (!named && !not_place).then(|| name.to_string())
}

/// "NEW YORK" → "New York".
fn title_case(upper: &str) -> String {
    upper
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| first.to_string() + &chars.as_str().to_lowercase())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn knowledge() -> (Lexicon, Gazetteer) {
        (Lexicon::builtin().unwrap(), Gazetteer::builtin().unwrap())
    }

    #[test]
    fn a_heading_opens_with_its_genre_or_names_it_after_a_possessive_or_a_dash() {
        let (lexicon, _) = knowledge();
        let headings = [
            "Statement by the Permanent Representative at the OEWG",
            "Interview  of the Foreign Minister to RIA Novosti",
            "Ambassador John Smith’s remarks at the OEWG session",
            "Deputy Minister Ivanova's interview with Kommersant",
            "Cyber diplomacy after the GGE - article by John Smith",
            "Norms of responsible behaviour: op-ed by the Minister",
            "India Statement by Dr. S. Janakiraman, Joint Secretary",
            "European Union Statement on the Programme of Action",
            "EU Statement – UN Open-Ended Working Group on ICT: Organisation of Work",
            "Mrs. Smith’s speech at the U.S. Mission on cyber norms",
            "Statement delivered by Ruritania’s Deputy Permanent Representative at the Roundtable",
        ];
        let not_headings = [
            "statement by the Permanent Representative at the OEWG",
            "Statements were made by many delegations today",
            "The statement by the Minister was welcomed by all",
            "Mr Smith’s remarkable career in the diplomatic service",
            "Statement by him",
            "Statements delivered today were many",
            "The Statement by the Minister was welcomed by all",
            "We heard many Statements by the delegations today",
            "The long Statement – as many noted – was welcomed",
            // A paragraph: a sentence ends and another follows.
            "There were just four of us. As President Macron’s speech intimated, reform works",
        ];
        for line in headings {
            assert!(is_heading(line, &lexicon), "{line}");
        }
        for line in not_headings {
            assert!(!is_heading(line, &lexicon), "{line}");
        }
    }

    /// The documents `text` holds.
    fn documents(text: &str) -> Vec<Document> {
        let (lexicon, gazetteer) = knowledge();
        segment(&Source { name: "page.txt".into(), text: text.into() }, &lexicon, &gazetteer)
    }

    /// The first document's lead line.
    fn lead_line(page: &str) -> Option<String> {
        documents(page)[0].subtitle_range.clone().map(|r| page[r].to_string())
    }

    fn check(text: &str, expected: &[(&str, &str, Option<&str>, Option<&str>)]) {
        let (lexicon, gazetteer) = knowledge();
        let source = Source { name: "page.txt".into(), text: text.into() };
        let docs = segment(&source, &lexicon, &gazetteer);
        let got: Vec<(String, String, Option<String>, Option<String>)> = docs
            .iter()
            .map(|d| (d.kind.as_str().to_string(), d.title.clone(), d.date.map(|x| x.to_string()), d.place.clone()))
            .collect();
        let want: Vec<(String, String, Option<String>, Option<String>)> = expected
            .iter()
            .map(|(k, t, d, p)| (k.to_string(), t.to_string(), d.map(str::to_string), p.map(str::to_string)))
            .collect();
        assert_eq!(got, want);
        for doc in &docs {
            assert_eq!(title_text(&source.text, &doc.title_range), doc.title);
            assert!(doc.range.start <= doc.title_range.start && doc.title_range.end <= doc.range.end);
        }
    }

    #[test]
    fn a_page_with_a_statement_and_a_listing() {
        check(
            "19 January 2020\nMoscow: 07:57\n\nConsular queries:\n+44 (0) 203 668 7474\n\n\
             Statement by Amb. John Smith, Special Envoy, at the Third Session of the Group, Geneva, 3-4 June 2019\n\n\
             Distinguished colleagues,\nThank you.\n\n\
             16.01.2020 - Foreign Minister Ivan Petrov’s remarks at a plenary session, New Delhi, January 15, 2020\n\nGood morning.\n\n\
             14.01.2020 - Ambassador Jane Doe's letter to the Times\n\nSir,\n\nall messages",
            &[
                ("statement", "Statement by Amb. John Smith, Special Envoy, at the Third Session of the Group, Geneva, 3-4 June 2019", Some("2019-06"), Some("Geneva")),
                ("remarks", "Foreign Minister Ivan Petrov’s remarks at a plenary session, New Delhi, January 15, 2020", Some("2020-01-15"), Some("New Delhi")),
                ("letter", "Ambassador Jane Doe's letter to the Times", Some("2020-01-14"), None),
            ],
        );
    }

    #[test]
    fn a_dateline_under_a_heading_and_its_byline_dates_it_unless_it_heads_the_next() {
        check(
            "Joint Statement on Responsible State Behavior in Cyberspace\nMedia Note\nOffice of the Spokesperson\n\
             September 23, 2019\n\nThe following statement was released.",
            &[(
                "joint-statement",
                "Joint Statement on Responsible State Behavior in Cyberspace",
                Some("2019-09-23"),
                None,
            )],
        );
        check(
            "Statement by the Ministry on the talks\n\n2022-07-25 10:15\n\nWe welcome the talks.",
            &[("statement", "Statement by the Ministry on the talks", Some("2022-07-25"), None)],
        );
        check(
            "Statement by the Ministry on the talks\n\n03.11.2017\n\nStatement by the Ministry on the summit\n\nText.",
            &[
                ("statement", "Statement by the Ministry on the talks", None, None),
                ("statement", "Statement by the Ministry on the summit", Some("2017-11-03"), None),
            ],
        );
    }

    #[test]
    fn listed_items_may_spell_the_month_or_print_an_iso_date_and_titles_lose_trailing_spaces() {
        check(
            "Press Releases\n\nMarch 12, 2021 — Statement by the Foreign Minister on the report\nText one.\n\n\
             3 February 2021 - Remarks by the Ambassador at the meeting \u{a0}\t\nText two.\n\n\
             2021-01-20 | Interview of the Minister to the press\nText three.",
            &[
                ("statement", "Statement by the Foreign Minister on the report", Some("2021-03-12"), None),
                ("remarks", "Remarks by the Ambassador at the meeting", Some("2021-02-03"), None),
                ("interview", "Interview of the Minister to the press", Some("2021-01-20"), None),
            ],
        );
    }

    #[test]
    fn a_title_names_its_city_after_the_event_it_runs_into() {
        let title = "OSCE Annual Security Review Conference Vienna, 26 June 2024";
        check(&format!("{title}\n\nDear colleagues,"), &[("news-item", title, Some("2024-06-26"), Some("Vienna"))]);
        let title =
            "STATEMENT BY THE CHAIR AT THE SECOND COMMITTEE OF THE GENERAL ASSEMBLY (New York, 13 October 2014)";
        check(&format!("{title}\n\nMr. Chairman,"), &[("statement", title, Some("2014-10-13"), Some("New York"))]);
    }

    #[test]
    fn a_location_or_venue_label_under_the_title_names_the_address_s_city() {
        let title = "Seventh session of the Working Group on ICT security";
        let page = format!(
            "{title}\n\nMonday, 04 March 2024\nPresenter:\nDirector Ana Cruz\nLocation:\n\
             Conference Room 4, United Nations Headquarters, New York\n\nThank you, Chair.\n"
        );
        check(&page, &[("news-item", title, Some("2024-03-04"), Some("New York"))]);
        let title = "Side Event: Good Cyber Stories";
        let page = format!(
            "{title}\n\nVenue: German Mission\nGerman House,\n871 United Nations Plaza,\n10017 New York\n\n\
             Let me begin by thanking Germany.\n"
        );
        check(&page, &[("news-item", title, None, Some("New York"))]);
    }

    #[test]
    fn a_date_above_a_breadcrumb_or_in_a_line_of_fields_dates_the_title() {
        let title = "Ruritania stresses need for binding global law on information security";
        let page = format!("Tuesday, February 18, 2020\nHome /  Nation  /  {title}\n\n{title}\n\nRuritania spoke.\n");
        check(&page, &[("news-item", title, Some("2020-02-18"), None)]);
        let title = "Members share results at first Annual Meeting";
        let page = format!("{title}\n\nNews item | 13-06-2016 | 08:00\n\nOver 100 policymakers attended.\n");
        check(&page, &[("news-item", title, Some("2016-06-13"), None)]);
        let title = "Ministry Holds Conference on Cyber Security Together with the Organization";
        let page =
            format!("{title}\n\n  \u{2022} Date : 2021-06-23 20:42:19\n\n1. The Ministry held the conference.\n");
        check(&page, &[("news-item", title, Some("2021-06-23"), None)]);
    }

    #[test]
    fn a_genre_label_under_a_title_that_names_none_gives_the_kind() {
        let title = "Launch of the Cyber Engagement Strategy";
        check(&format!("{title}\n\n  • Speech\n\nGood morning everyone.\n"), &[("speech", title, None, None)]);
        let title = "Cyber policy for the future";
        let page = format!("{title}\n\n25.09.2019 - Article\n\nCyber policy is a task for all.\n");
        check(&page, &[("article", title, Some("2019-09-25"), None)]);
        // A title's own genre stays.
        let title = "Statement on cyber policy";
        check(&format!("{title}\n\n• Speech\n\nWe spoke.\n"), &[("statement", title, None, None)]);
    }

    #[test]
    fn a_quoted_name_before_a_title_s_date_is_no_place() {
        let title = "Statement by H.E. Mr. Jan Kowal at Arria formula meeting „Cyber and Peace and Security”, \
                     28 November 2016";
        check(&format!("{title}\n\nThank you."), &[("statement", title, Some("2016-11-28"), None)]);
    }

    #[test]
    fn a_dateline_opening_with_a_city_gives_the_place_too() {
        check(
            "Joint Meeting: Structured Dialogue\n\nVienna, 3 November 2021.\n\nThe Union thanks the Chair.",
            &[("news-item", "Joint Meeting: Structured Dialogue", Some("2021-11-03"), Some("Vienna"))],
        );
        check(
            "Statement by the Minister at the Council\nNew York, June 20, 2024\n\nThank you.",
            &[("statement", "Statement by the Minister at the Council", Some("2024-06-20"), Some("New York"))],
        );
    }

    #[test]
    fn a_dateline_dates_the_heading_below_it_but_a_page_clock_does_not() {
        check(
            "29 June 201716:53\n\nResponse of the Special Envoy John Smith to TASS' Question\n\nAnswer: yes.",
            &[("reply", "Response of the Special Envoy John Smith to TASS' Question", Some("2017-06-29"), None)],
        );
        check(
            "6 July 2020\nMoscow: 02:18\n\nOn cyber threats - article by John Smith, Ambassador.\n\nText.",
            &[("article", "On cyber threats - article by John Smith, Ambassador.", None, None)],
        );
    }

    #[test]
    fn titles_under_datelines_list_news_items_when_there_are_two_or_more() {
        check(
            "Ministry News\n\n12 March 2021\nRussia and Kenya discuss cyber norms\nThe ministers met.\n\n\
             10 March 2021\nForeign Minister meets the UN envoy\nThey talked.\n",
            &[
                ("news-item", "Russia and Kenya discuss cyber norms", Some("2021-03-12"), None),
                ("news-item", "Foreign Minister meets the UN envoy", Some("2021-03-10"), None),
            ],
        );
        // One dated line under a heading is the heading's date, not an item.
        check(
            "Statement by the Minister on the talks\n\n12 March 2021\n\nDistinguished Chair,\nWe welcome the talks.",
            &[("statement", "Statement by the Minister on the talks", Some("2021-03-12"), None)],
        );
    }

    #[test]
    fn furniture_only_gives_no_document() {
        check("Moscow: 07:57\n+44 (0) 203 668 7474\nall messages\n", &[]);
        check("", &[]);
    }

    #[test]
    fn a_page_without_heading_is_one_news_item() {
        check("Talks in Geneva\n\nThe delegations met.", &[("news-item", "Talks in Geneva", None, None)]);
    }

    #[test]
    fn a_short_label_or_banner_above_a_headline_is_not_the_title() {
        let headline = "Security Council Meeting on Cyber Stability and Capacity Building";
        check(
            &format!("Cyber Policy\n{headline}\nMarch 2, 2021\nOn March 1, the meeting was held."),
            &[("news-item", headline, Some("2021-03-02"), None)],
        );
        let headline = "Speakers Tell Council Digital Threats Must Be Met Together";
        check(
            &format!("In progress at Headquarters\n\n8123rd Meeting (AM)\nSC/12345\n\n{headline}\n\nThe Council met."),
            &[("news-item", headline, None, None)],
        );
        let headline = "OSCE Permanent Council No. 1480 Vienna, 4 July 2024";
        check(
            &format!(
                "Delegation of the European Union to Ruritania\n\n{headline}\n\n1. The Union welcomes the report."
            ),
            &[("news-item", headline, Some("2024-07-04"), Some("Vienna"))],
        );
        // A site's name, a dateline, then a headline too short to be taken
        // for one without the dateline between.
        let headline = "Open Meeting on Cyber Norms";
        check(
            &format!("Blue Notes\n\nPosted Wed 23 Nov 2016\n\n{headline}\n\nOn Monday, Ruritania hosts a meeting."),
            &[("news-item", headline, Some("2016-11-23"), None)],
        );
        // A short title keeps its place above the body's first sentence.
        check(
            "Talks in Geneva\n\nThe delegations of the two countries met in Geneva on Monday to discuss norms.\nA Long Second Line With Many Capitalised Words",
            &[("news-item", "Talks in Geneva", None, None)],
        );
    }

    #[test]
    fn a_body_opening_with_an_agency_dateline_or_a_meeting_in_a_city_on_a_day_gives_the_place() {
        let place = |body: &str| {
            let (lexicon, gazetteer) = knowledge();
            body_opening(body, &lexicon, &gazetteer).place
        };
        assert_eq!(place("\n\nMOSCOW, October 23. /TASS/. Developing countries agree.").as_deref(), Some("Moscow"));
        assert_eq!(place("\nNEW YORK, Nov. 8 (Reuters) - The Council met.").as_deref(), Some("New York"));
        assert_eq!(place("\nHanoi (VNA) – The minister met his counterpart.").as_deref(), Some("Hanoi"));
        assert_eq!(place("\nDURBAN /South Africa/, June 28. /TASS/. Talks.").as_deref(), Some("Durban"));
        assert_eq!(place("\nCAPE TOWN - The envoys met.").as_deref(), Some("Cape Town"));
        assert_eq!(place("\nBeijing, Jun 16 (Prensa Latina) The envoys met.").as_deref(), Some("Beijing"));
        let labelled = "\nTalks on norms resume in the capital\nPublished:\n16 June 2022\nMain image:\n\
                        Beijing, Jun 16 (Prensa Latina) The envoys met.";
        assert_eq!(place(labelled).as_deref(), Some("Beijing"));
        assert_eq!(
            place("\nThe leaders gathered in Istanbul on 27 October 2018 for a summit.").as_deref(),
            Some("Istanbul")
        );
        // Not a city: a country, a body, a word that names no place, a heading.
        assert_eq!(place("\nThe leaders met in Turkey on 27 October 2018."), None);
        assert_eq!(place("\nThe envoys met in Council on 3 May 2019."), None);
        assert_eq!(place("\nOSCE, 3 members agreed."), None);
        assert_eq!(place("\nThe talks ended."), None);
        assert_eq!(place("\nWe noted the speech at the Banquet in London on 12 November."), None);
        let page = "Talks in Geneva\n\nMOSCOW, March 3. /TASS/. The talks ended.";
        check(page, &[("news-item", "Talks in Geneva", None, Some("Moscow"))]);
    }

    #[test]
    fn a_dateline_with_the_year_opening_the_body_gives_the_place_and_the_date() {
        let title = "Ruritania Calls for a Stronger Council Role";
        for (opening, city) in [
            ("NEW YORK 26 June 2024 – As threats rise, the envoy spoke.", "New York"),
            ("GENEVA (26 June 2024) – The envoy spoke.", "Geneva"),
            ("Nairobi, 26 June 2024 — The envoy spoke.", "Nairobi"),
            ("WASHINGTON, Jun. 26, 2024 - The envoy spoke.", "Washington"),
            ("26 June 2024, New York – European Union Statement at the Council", "New York"),
            ("GENEVA (Ruritania News / Agency - 26th June, 2024) The envoy spoke.", "Geneva"),
        ] {
            check(&format!("{title}\n\n{opening}"), &[("news-item", title, Some("2024-06-26"), Some(city))]);
        }
        // A title's date stays the document's; a country is no city.
        let dated_title = "Ruritania calls for a stronger role of the Council, 1 May 2024";
        check(
            &format!("{dated_title}\n\nFRANCE 26 June 2024 – The envoy spoke."),
            &[("news-item", dated_title, Some("2024-05-01"), None)],
        );
    }

    #[test]
    fn a_preposition_before_a_title_date_is_no_place() {
        let title = "On, March 3, 2019, Ambassador Jane Roe delivered remarks at an event on cyber week.";
        check(&format!("{title}\n\nShe spoke of the week.\n"), &[("remarks", title, Some("2019-03-03"), None)]);
        // A topic after "on" is no place either; a city after "in" is one.
        let title = "Remarks by Ambassador Jane Roe during the Arria meeting on Cybersecurity, May 22, 2020";
        check(&format!("{title}\n\nWe spoke.\n"), &[("remarks", title, Some("2020-05-22"), None)]);
        let title = "Remarks by Ambassador Jane Roe at a meeting in Geneva, May 22, 2020";
        check(&format!("{title}\n\nWe spoke.\n"), &[("remarks", title, Some("2020-05-22"), Some("Geneva"))]);
    }

    #[test]
    fn a_title_cut_short_and_printed_in_full_below_is_the_full_one() {
        let full = "From the speech of the Delegate of Chile at the meeting on the topic \"Spyware and peace\"";
        let page = format!(
            "From the speech of the Delegate of Chile at the meeting on the topic \"Spy...\n{full}\nWe spoke.\n"
        );
        check(&page, &[("speech", full, None, None)]);
        // A title that only ends in an ellipsis stays.
        let page = "Statement by the Delegate of Chile on what comes next...\nWe spoke about it at length.\n";
        check(page, &[("statement", "Statement by the Delegate of Chile on what comes next...", None, None)]);
    }

    #[test]
    fn a_dated_heading_under_a_title_with_nothing_between_is_its_lead_line() {
        let title = "EU Statement – Open-Ended Working Group on ICT: General exchange of views";
        let lead = "13 December 2021, New York – Statement by the EU delivered by Mei Tanaka at the OEWG";
        let page =
            format!("Statements on behalf of the EU\n\n{title}\n\n13.12.2021\nNew York\n\n{lead}\n\nMr. Chairman,\n");
        check(&page, &[("statement", title, Some("2021-12-13"), Some("New York"))]);
        assert_eq!(lead_line(&page).as_deref(), Some(lead));
        // Text between, or an undated second heading, makes two documents.
        let text_between = format!("{title}\n\nThe EU spoke first.\n\n{lead}\n\nMr. Chairman,\n");
        assert_eq!(documents(&text_between).len(), 2);
        let undated = "Statement by the EU delivered by Mei Tanaka at the OEWG";
        let two_headings = format!("{title}\n\n13.12.2021\n\n{undated}\n\nMr. Chairman,\n");
        assert_eq!(documents(&two_headings).len(), 2);
    }

    #[test]
    fn a_byline_heading_in_a_titles_header_block_is_its_lead_line() {
        let title = "Statement at the Security Council Briefing on Ransomware";
        let byline = "Statement by H.E Joonkook HWANG";
        let prose = "The Republic of Korea welcomes this timely meeting on ransomware.";
        let page = format!(
            "{title}\n\nDATE\n2024-11-08\n\n{byline}\n\nPermanent Representative of the Republic of Korea\n\n\
             New York, 8 November 2024\n\nThank you, Mr. President.\n\n{prose}\n"
        );
        check(&page, &[("statement", title, Some("2024-11-08"), Some("New York"))]);
        assert_eq!(lead_line(&page).as_deref(), Some(byline));
        // Headings with no prose under either are a listing's items.
        let listing = format!("{title}\n\nDATE\n2024-11-08\n\n{byline}\n\n8 November 2024\n");
        assert_eq!(documents(&listing).len(), 2);
        // Prose under the first heading makes it a document of its own.
        let two = format!("{title}\n\n{prose}\n\n{byline}\n\n{prose}\n");
        assert_eq!(documents(&two).len(), 2);
    }

    #[test]
    fn a_headline_naming_no_genre_above_a_byline_titles_the_statement() {
        let title = "General Assembly: First Committee – Thematic Cluster statement: Other Disarmament Measures";
        let byline = "Statement delivered by Jan Kowal, Adviser";
        let page = format!("{title}\n\nMinistry Statements & Speeches:\n\n{byline}\n\nThank you Chair.\n\nRuritania is committed to a free cyberspace.\n");
        check(&page, &[("statement", title, None, None)]);
        assert_eq!(lead_line(&page).as_deref(), Some(byline));
        // A publisher's banner above is no headline.
        let banner = format!("Permanent Mission of Ruritania to the United Nations\n\n{byline}\n\nThank you Chair.\n");
        check(&banner, &[("statement", byline, None, None)]);
        // Nor is an occasion's name, which names no genre.
        let occasion = format!("Third Substantive Session of the Working Group\n\n{byline}\n\nThank you Chair.\n");
        check(&occasion, &[("statement", byline, None, None)]);
        // A sentence above is no headline.
        let welcome = format!("Welcome to the site of the United Nations.\n\n{byline}\n\nThank you Chair.\n");
        check(&welcome, &[("statement", byline, None, None)]);
    }

    #[test]
    fn a_menu_bar_and_a_breadcrumb_above_the_title_are_furniture() {
        let page = "Home News & Events Press & Media Kenya & UN About Us\n\
                    Home > Spokesperson's Remarks\n\
                    Spokesperson Mei Tanaka's Regular Press Conference on May 3, 2021\n\n\
                    Q: Will the talks resume?\n";
        let title = "Spokesperson Mei Tanaka's Regular Press Conference on May 3, 2021";
        check(page, &[("news-item", title, Some("2021-05-03"), None)]);
    }

    #[test]
    fn a_place_line_above_the_dateline_under_a_heading_gives_the_place_but_a_name_does_not() {
        let page = "Remarks at the Ministerial Meeting on Cyber Stability\n\n\
                    John Q. Smith, Deputy Secretary of State\n\
                    New York City, New York\n\
                    September 23, 2019\n\n\
                    Good morning, everyone, and thank you for being here.\n";
        let title = "Remarks at the Ministerial Meeting on Cyber Stability";
        check(page, &[("remarks", title, Some("2019-09-23"), Some("New York City"))]);
        let named = "Remarks at the Ministerial Meeting on Cyber Stability\n\nJohn Q. Smith\nSeptember 23, 2019\n\n\
                     Good morning, everyone, and thank you for being here.\n";
        check(named, &[("remarks", title, Some("2019-09-23"), None)]);
    }

    #[test]
    fn a_title_line_ending_on_a_dangling_word_or_a_comma_runs_on_and_a_heading_blocks_dateline_dates_it() {
        let page = "Statement by\nMr. Omar Haddad\nFirst Counselor\nPermanent Mission of Chile to the United Nations\n\
                    At the Second Session of the Working Group\nOn Rules and Norms\nNew York, 30 March 2022\n\
                    Mr. Chair,\nThank you.\n";
        check(page, &[("statement", "Statement by Mr. Omar Haddad", Some("2022-03-30"), Some("New York"))]);
        let of =
            "Statement of Heads of State of\nMember States of the Cooperation Council\nOn Information Security\n\n\
                  The heads of state met and made the following statement.\n";
        let title = "Statement of Heads of State of Member States of the Cooperation Council";
        check(of, &[("statement", title, None, None)]);
        let comma = "Remarks on behalf of the President of the General Assembly,\n\nMr. Dennis Moreau,\n\n\
                     at the Global Roundtable on Cyber Capacity\n\nas delivered by\n\n10 May 2024\n\nExcellencies.\n";
        let title = "Remarks on behalf of the President of the General Assembly, Mr. Dennis Moreau, at the Global \
                     Roundtable on Cyber Capacity";
        check(comma, &[("remarks", title, Some("2024-05-10"), None)]);
        // A post under a byline ending in a comma is not the title's.
        let byline = "India Statement by Dr. Ravi Kumar,\n\nJoint Secretary\n\n12 March 2021\n\nMr Chair,\n";
        check(byline, &[("statement", "India Statement by Dr. Ravi Kumar,", Some("2021-03-12"), None)]);
    }

    #[test]
    fn a_repeated_title_does_not_hide_the_dateline_and_a_venue_may_lead_the_place_line() {
        let page = "Remarks at the Second Ministerial Meeting on Cyber Stability\n\n\
                    Remarks at the Second Ministerial Meeting on Cyber Stability (State Dept.)\n\n\
                    John Q. Smith, Deputy Secretary of State\nPalace Hotel, New York, NY\nSeptember 23, 2019\n\n\
                    Good morning, everyone.\n";
        let title = "Remarks at the Second Ministerial Meeting on Cyber Stability";
        check(page, &[("remarks", title, Some("2019-09-23"), Some("New York"))]);
    }

    #[test]
    fn a_title_may_name_its_city_after_its_date() {
        let title = "Statement by Mr. Rein Kask at the 76th Session on March 28th, 2022, in New York.";
        check(
            &format!("{title}\n\nWe welcome the debate.\n"),
            &[("statement", title, Some("2022-03-28"), Some("New York"))],
        );
        // Words in lower case after "in" name no city.
        let title = "Statement by Mr. Rein Kask on March 28th, 2022, in talks with Kenya";
        check(&format!("{title}\n\nWe welcome the debate.\n"), &[("statement", title, Some("2022-03-28"), None)]);
    }

    #[test]
    fn a_date_a_city_its_region_and_the_publisher_date_the_heading_above() {
        let page =
            "Statement on malicious cyber activity\n\nMay 10, 2022 – Ottawa, Ontario – Global Affairs Canada\n\n\
                    The Minister issued the following statement.\n";
        check(page, &[("statement", "Statement on malicious cyber activity", Some("2022-05-10"), Some("Ottawa"))]);
        // A listed item's title names no city and region before a dash.
        let page = "News\n\nMay 10, 2022 – Minister Ana Lima meets the OSCE Secretary General\n\n\
                    The talks were held in Vienna.\n";
        check(page, &[("news-item", "Minister Ana Lima meets the OSCE Secretary General", Some("2022-05-10"), None)]);
    }

    #[test]
    fn a_ministry_document_number_and_its_date_under_a_heading_date_it() {
        let page =
            "Deputy Minister’s interview with the agency\n\n1595-03-08-2022\n\nQuestion: How did the session go?\n";
        check(page, &[("interview", "Deputy Minister’s interview with the agency", Some("2022-08-03"), None)]);
    }

    #[test]
    fn a_dateline_may_end_with_its_city() {
        let page = "Statement at the open debate\n\nStatement delivered by Mr. Rein Kask\n\n20 June 2024, New York\n\n\
                    We welcome the debate.\n";
        check(page, &[("statement", "Statement at the open debate", Some("2024-06-20"), Some("New York"))]);
        let page = "Statement at the open debate\n\nJune 20, 2024, Geneva\n\nWe welcome the debate.\n";
        check(page, &[("statement", "Statement at the open debate", Some("2024-06-20"), Some("Geneva"))]);
        // In capitals, eight lines down a heading block of capitals.
        let page =
            "STATEMENT AT THE ROUNDTABLE\n\nSTATEMENT BY\n\nMR. REIN KASK\n\nDEPUTY PERMANENT REPRESENTATIVE OF \
                    ESTONIA TO\n\nTHE UNITED NATIONS\n\nAT THE GLOBAL ROUNDTABLE ON\n\nICT SECURITY\n\n(PANEL)\n\n\
                    NEW YORK, 9 MAY 2024\n\nMr. Chair,\n\nWe welcome the debate.\n";
        check(page, &[("statement", "STATEMENT AT THE ROUNDTABLE", Some("2024-05-09"), Some("New York"))]);
        // A mission's byline: the speaker's name and the date.
        let page =
            "Statement by Estonia at the open debate\n\nRein Kask 22.05.2020\nMr. President,\n\nWe welcome it.\n";
        check(page, &[("statement", "Statement by Estonia at the open debate", Some("2020-05-22"), None)]);
        // A Japanese ministry's date.
        let page = "Statement at the open debate\n\n2021/3/12\nWe welcome the debate.\n";
        check(page, &[("statement", "Statement at the open debate", Some("2021-03-12"), None)]);
        // A weekday is no city, nor is a video conference.
        let page = "Statement at the open debate\n\nMonday, 09 September 2019\n\nWe welcome the debate.\n";
        check(page, &[("statement", "Statement at the open debate", Some("2019-09-09"), None)]);
        let title = "Statement by Rein Kask at the 3rd Conference (VTC, 22 June 2021)";
        check(&format!("{title}\n\nWe welcome the debate.\n"), &[("statement", title, Some("2021-06-22"), None)]);
    }

    #[test]
    fn of_two_labels_the_one_the_first_paragraph_repeats_is_the_headline() {
        let page = "Ruritania-Zembla Cyber Dialogue\n\nRuritania-Borduria Cyber Dialogue\n\n\
                    The first Ruritania-Borduria Cyber Dialogue was held in Strelsau on 4 May 2017.\n";
        check(page, &[("news-item", "Ruritania-Borduria Cyber Dialogue", None, Some("Strelsau"))]);
        // A body that repeats neither, or the first, leaves the first.
        let neither = "Ruritania-Zembla Cyber Dialogue\n\nRuritania-Borduria Cyber Dialogue\n\nThe talks were held.\n";
        check(neither, &[("news-item", "Ruritania-Zembla Cyber Dialogue", None, None)]);
    }

    #[test]
    fn a_language_switcher_is_furniture_even_with_letters_its_encoding_lost() {
        let (lexicon, _) = knowledge();
        for menu in
            ["عربي Español Русский Français 简体中文", "English | Русский", "عربي Espa?ol Русский Fran?ais 简体中文"]
        {
            assert_eq!(classify_line(menu, 0, &lexicon), LineClass::Furniture, "{menu}");
        }
        for text in ["English and Russian texts are equally authentic", "Français", "Espa?a Русский"] {
            assert_ne!(classify_line(text, 0, &lexicon), LineClass::Furniture, "{text}");
        }
    }

    #[test]
    fn a_cookie_banner_in_any_language_is_furniture_but_a_sentence_on_cookies_is_not() {
        let (lexicon, _) = knowledge();
        for banner in [
            "This website uses cookies to improve your experience.",
            "Questo sito utilizza cookie tecnici, analytics e di terze parti.",
            "Proseguendo nella navigazione accetti l'utilizzo dei cookie.",
            "Preferenze cookies",
        ] {
            assert_eq!(classify_line(banner, 0, &lexicon), LineClass::Furniture, "{banner}");
        }
        let sentence =
            "The delegation discussed data protection, including the rules on tracking technologies and cookies.";
        assert_eq!(classify_line(sentence, 0, &lexicon), LineClass::Content);
    }

    #[test]
    fn a_listed_breadcrumb_repeating_the_title_below_is_furniture() {
        let title = "Chairman's Statement of the 5th Ruritania Ministerial Conference on Cybersecurity";
        let page = format!(
            "- Home\n- Press Releases\n- {title}\n{title}\n22 October 2025\n1. The Conference met in Strelsau.\n"
        );
        check(&page, &[("statement", title, Some("2025-10-22"), None)]);
    }

    #[test]
    fn a_title_printed_twice_is_the_headline_and_a_label_printed_twice_is_not() {
        let title = "Ruritanian Commission and Bordurian Council Join Forces on Cybersecurity";
        let page = format!(
            "A Peaceful and Prosperous Continent.\n\nTop Slides\n\n{title}\n\n{title}\n\nShare:\nApril 12, 2018\n\n\
             The Commission and the Council held a workshop today.\n"
        );
        check(&page, &[("news-item", title, Some("2018-04-12"), None)]);
        let title = "Government launches cyber strategy";
        let page = format!(
            "Historical archive\n\nHistorical archive\n\n{title}\n\nHistorical archive\n\n'The internet has changed,' \
             said the minister.\n"
        );
        check(&page, &[("news-item", title, None, None)]);
        // A photograph's caption printed twice is no headline, nor is a line
        // printed twice under one.
        let title = "Ruritanian Union to Host the Annual Meeting of the Cyber Forum";
        let caption = "H.E Jan Novak, Chairperson of the Ruritanian Union Commission";
        let page = format!("{title}\n\n{caption}\n{caption}\n\nThe Forum has announced the meeting.\n");
        check(&page, &[("news-item", title, None, None)]);
        let title = "Ruritania's stance on regional security explained before its partners";
        let page = format!(
            "Full version\n\n{title}\n\nPolitics\nJan Novak. An archive photo\nJan Novak. An archive photo\n\n\
             The minister explained the stance of Ruritania.\n"
        );
        check(&page, &[("news-item", title, None, None)]);
    }

    #[test]
    fn an_agency_credit_before_a_weekday_dates_the_page_and_a_sentence_on_remarks_is_no_heading() {
        let title = "Community must cooperate to confront terrorism: Minister in G20 meeting";
        let page = format!(
            "{title}\n\nMENA , Thursday 2 Mar 2023\n\nThe community must cooperate, announced the minister.\n\n\
             Kowal’s remarks came in the context of his review of the vision on combating terrorism.\n"
        );
        check(&page, &[("news-item", title, Some("2023-03-02"), None)]);
    }

    #[test]
    fn a_weekday_s_abbreviation_or_an_author_before_a_label_and_a_clock_s_meridiem_and_zone_still_date_the_page() {
        let title = "Open Arria-formula Meeting on Cyber Threats";
        check(
            &format!("Posted Wed 23 Nov 2016\n\n{title}\n\nOn Monday the members meet.\n"),
            &[("news-item", title, Some("2016-11-23"), None)],
        );
        let title = "Ministers meet to address cyber challenges";
        let page = format!("{title}\n\nJuly 31, 2019 5:56 PM GMT+7\n\nThe ministers met in the capital.\n");
        check(&page, &[("news-item", title, Some("2019-07-31"), None)]);
        // An author's name before the label, the clock in a field of its own.
        let page = format!("{title}\n\nJan Novak Published June 20, 2023 | 01:50 AM\n\nThe ministers met.\n");
        check(&page, &[("news-item", title, Some("2023-06-20"), None)]);
        // Not a sentence that reads "published".
        let page = format!("{title}\n\nThe Ministry Published June 20, 2023 its report\n\nThe ministers met.\n");
        check(&page, &[("news-item", title, None, None)]);
    }

    #[test]
    fn a_news_ticker_on_one_line_is_furniture() {
        let title = "Global Conference on Cyberspace closes, next host announced";
        let page = format!(
            "Off the wire\nRoundup: Cybercrime law impractical: experts  • Stock index down 1.55 pct  • \
             Stocks slump on inflation  • President makes military changes\n\n{title}\n\n\
             The minister made a closing speech on Friday.\n"
        );
        check(&page, &[("news-item", title, None, None)]);
    }

    #[test]
    fn a_headline_may_stand_below_a_label_and_a_numbered_breadcrumb() {
        let title = "Ministry Holds Third Conference on Cyber Security Together with the Organization";
        let page = format!(
            "Countries Information\n\n  1. HOME\n  2. Press\n  3. Press Releases\nPress Releases\n\n{title}\n\n\
             1. The Ministry held the conference on June 22.\n"
        );
        check(&page, &[("news-item", title, None, None)]);
    }

    #[test]
    fn a_genre_label_with_a_byline_under_it_is_the_headline_and_the_byline_its_lead_line() {
        let page = "Keynote address\n\nby Secretary General Jan Novak at the Cyber Defence Conference in Tartu\n\n\
                    Ladies and gentlemen.\n\nGood morning and welcome to this conference.\n";
        check(page, &[("speech", "Keynote address", None, None)]);
        let lead = "by Secretary General Jan Novak at the Cyber Defence Conference in Tartu";
        assert_eq!(lead_line(page).as_deref(), Some(lead));
    }

    #[test]
    fn a_short_line_naming_its_genre_under_a_label_is_the_headline() {
        let page = "Speech\n\nSecuring Cyberspace: Minister Doughty speech\n\n\
                    The minister outlined the commitment in a keynote speech.\n\nThank you all.\n";
        check(page, &[("speech", "Securing Cyberspace: Minister Doughty speech", None, None)]);
        // A short line that names no genre stays below the label.
        let page = "Speech\n\nSecuring Cyberspace in our time\n\nThe minister outlined the commitment.\n";
        check(page, &[("speech", "Speech", None, None)]);
    }

    #[test]
    fn a_date_and_genre_line_under_a_heading_dates_it_and_lists_no_item() {
        let title = "Inaugural address by State Secretary Rein Kask to the Cyber Summit";
        let page = format!("{title}\n\nState Secretary Rein Kask\n\n26.11.2019 - Speech\n\nI am pleased to be here.\n");
        check(&page, &[("speech", title, Some("2019-11-26"), None)]);
        let title = "Speech by Foreign Minister Rein Kask at the conference in Tartu";
        let page = format!("{title}\n\n27.09.2022 - Speech\n\nI am pleased to be here.\n");
        check(&page, &[("speech", title, Some("2022-09-27"), None)]);
        // A genre label that is no kind of the schema.
        let title = "Joint Statement on the Cyber Bilateral Meeting";
        let page = format!("{title}\n\n24.03.2016 - Press release\n\nThe two governments met.\n");
        check(&page, &[("joint-statement", title, Some("2016-03-24"), None)]);
    }

    #[test]
    fn the_first_kind_word_decides() {
        let (lexicon, _) = knowledge();
        let kind = |t: &str| kind_of(t, &lexicon).as_str();
        assert_eq!(kind("Deputy Minister’s reply to a media question concerning the recent statement"), "reply");
        assert_eq!(kind("Joint Statement by China and France"), "joint-statement");
        assert_eq!(kind("Embassy’s statement concerning the Prime Minister’s speech"), "statement");
        assert_eq!(kind("President replies to a BBC question"), "reply");
        assert_eq!(kind("Minister meets his counterpart"), "news-item");
        assert_eq!(kind("Security chief to hold talks on draft declaration of the summit"), "news-item");
        assert_eq!(kind("Comment on the draft statement of the summit"), "comment");
        assert_eq!(kind("CIS drafting statement on cyber security"), "news-item");
        assert_eq!(kind("Experts meet to discuss joint statement on cyber security"), "news-item");
        assert_eq!(kind("Heads of Foreign Ministries Adopt Statement on Joint Measures"), "news-item");
        assert_eq!(kind("Ministers signed joint statement on cyber norms"), "news-item");
        // A kind word naming a body is no genre.
        assert_eq!(kind("Cyber Threat Response Group: U.S., Japan Hold Meeting"), "news-item");
        assert_eq!(kind("Response Group's statement on the meeting"), "statement");
        // A kind word after "to" or a modal verb is a verb.
        assert_eq!(kind("Ministers underline need to address cyber challenges"), "news-item");
        assert_eq!(kind("Spokesperson will comment on the talks"), "news-item");
        assert_eq!(kind("Minister's address to the nation"), "speech");
        assert_eq!(kind("The Minister's May statement on cyber norms"), "statement");
        // A delegation's "intervention by" someone is a statement; alone,
        // the word is as often a military one.
        assert_eq!(kind("Intervention by Counselor Li Wei at the First Session"), "statement");
        assert_eq!(kind("Ministers warn against military intervention in the region"), "news-item");
    }
}
