//! Persons: a run of capitalised name words that a courtesy title or a post
//! introduces ("Foreign Minister Sergey Lavrov", "Ms. Izumi Nakamitsu",
//! "Mr Hunt"), that starts with a known given name ("Boris Johnson"), or that
//! starts with an initial ("B.Gafoor"). The post before the name or after it
//! in apposition ("Alexander Yakovenko, Ambassador of the Russian Federation
//! to the UK") gives the person's roles, and the country or body the post
//! names gives whom they speak for.

use std::ops::Range;

use super::text::Token;
use super::{DocText, Found, Knowledge, Naming};
use crate::model::{DocKind, EntityType};

/// Words that join the parts of a post ("Minister of Foreign Affairs of the
/// Kingdom of Bahrain").
const CONNECTORS: [&str; 7] = ["of", "the", "for", "to", "on", "and", "in"];

/// Finds persons and appends them to `mentions`.
pub fn find(source: &str, doc: &DocText, k: &Knowledge, mentions: &mut Vec<Found>) {
    let mut found: Vec<(Range<usize>, Found)> = Vec::new();
    let mut posts: Vec<Vec<Range<usize>>> = Vec::new();
    for (line, tokens) in doc.lines.iter().enumerate() {
        let mut i = tokens.start;
        while i < tokens.end {
            let Some(run) = name_run(doc, k, i, tokens.end) else {
                i += 1;
                continue;
            };
            if let Some((run, person, person_posts)) = person_at(source, doc, k, line, run.clone(), mentions) {
                found.push((run, person));
                posts.push(person_posts);
            }
            i = run.end.max(i + 1);
        }
    }
    drop_posts_of_others(source, doc, k, mentions, &mut found, &posts);
    coordinated_given_names(source, doc, k, &mut found);
    mentions.extend(found.into_iter().map(|(_, p)| p));
}

/// In a list of attendees ("…, Minister of Foreign Affairs of India Ana
/// Rao, Minister of Foreign Affairs of Kenya Ben Oti, …") a post in
/// apposition after one name runs into the next person's post and name: a
/// post that holds another person's name is theirs, and is dropped from
/// this person's roles and affiliation.
fn drop_posts_of_others(
    source: &str,
    doc: &DocText,
    k: &Knowledge,
    mentions: &[Found],
    found: &mut [(Range<usize>, Found)],
    posts: &[Vec<Range<usize>>],
) {
    let starts: Vec<usize> = found.iter().map(|(run, _)| run.start).collect();
    for ((run, person), person_posts) in found.iter_mut().zip(posts) {
        let own = |post: &&Range<usize>| !starts.iter().any(|&s| s != run.start && post.contains(&s));
        if person_posts.iter().all(|post| own(&post)) {
            continue;
        }
        let kept: Vec<Range<usize>> = person_posts.iter().filter(own).cloned().collect();
        (person.roles, person.affiliation) = roles_and_affiliation(source, doc, k, mentions, &kept, run.end);
    }
}

/// A word that may be part of a personal name.
fn is_name_word(doc: &DocText, k: &Knowledge, i: usize) -> bool {
    let token = &doc.tokens[i];
    // Most words are not capitalised: that is tested first.
    if !token.is_capitalised() {
        return false;
    }
    let base = token.base();
    doc.gazetteer_at[i].is_none()
        && base.chars().count() >= 2
        && !base.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
        && !base.chars().any(|c| c.is_ascii_digit() || c == '/')
        && !k.lexicon.not_name_words.contains(base)
        && !k.role_words.contains(base)
        && !k.lexicon.honorifics.contains(token.text)
        && !k.lexicon.honorifics.contains(base)
        && crate::dates::month_number(base).is_none()
        && !crate::dates::is_weekday(base)
}

/// "B.Gafoor", "A.B.Kuznetsov": initials glued to a surname (not "H.E." or
/// "U.S", whose last part is an initial too).
fn is_initialled(k: &Knowledge, token: &Token) -> bool {
    let base = token.base();
    // Most tokens fail on their first two bytes: that is tested first.
    if !(base.as_bytes().first().is_some_and(u8::is_ascii_uppercase) && base.as_bytes().get(1) == Some(&b'.')) {
        return false;
    }
    let Some((initials, surname)) = base.rsplit_once('.') else { return false };
    let is_initial = |part: &str| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    };
    initials.split('.').all(is_initial)
        && surname.chars().next().is_some_and(char::is_uppercase)
        && surname.chars().skip(1).any(char::is_lowercase)
        && !k.lexicon.honorifics.contains(&format!("{initials}."))
}

/// How many initials a word is ("S" 1, "S.V" 2): capital letters, a full
/// stop between each two.
fn initials_in(token: &Token) -> Option<usize> {
    let bytes = token.text.as_bytes();
    let initials = token.word
        && bytes.len() % 2 == 1
        && bytes.iter().enumerate().all(|(i, &b)| if i % 2 == 0 { b.is_ascii_uppercase() } else { b == b'.' });
    initials.then_some(bytes.len().div_ceil(2))
}

/// Initials written apart from the surname ("S.V. Vershinin", "S. V.
/// Vershinin", "S. Vershinin"): the surname's token and how many initials
/// come before it. An initial is a capital letter and its full stop, glued
/// or not; the initials hold no place or body ("U.S. Department") and are
/// no courtesy title ("H.E.").
fn initials_before_surname(doc: &DocText, k: &Knowledge, i: usize, line_end: usize) -> Option<(usize, usize)> {
    let tokens = &doc.tokens;
    let is_stop = |t: usize| t < line_end && tokens[t].text == "." && tokens[t].start == tokens[t - 1].end;
    let mut t = i;
    let mut initials = 0;
    while t < line_end {
        let Some(n) = initials_in(&tokens[t]) else { break };
        if !is_stop(t + 1) || doc.gazetteer_at[t].is_some() || is_courtesy_title(k, tokens[t].text) {
            break;
        }
        initials += n;
        t += 2;
    }
    (initials > 0 && initials <= 3 && t < line_end && is_name_word(doc, k, t)).then_some((t, initials))
}

/// A word in capitals, at least three letters long, that names no body
/// and is no acronym the gazetteer knows: a surname in capitals.
fn is_capitals_word(doc: &DocText, k: &Knowledge, i: usize) -> bool {
    let word = doc.tokens[i].text;
    word.chars().all(char::is_uppercase)
        && word.chars().count() >= 3
        && doc.gazetteer_at[i].is_none()
        && !k.acronym_forms.contains_key(word)
}

/// "Mr. AKAHORI Takeshi": a surname in capitals before the given name, as
/// Japanese and Chinese ministries print names, right after a courtesy
/// title or a post ("Press Secretary YOSHIDA Tomoyuki").
fn is_capital_surname(doc: &DocText, k: &Knowledge, i: usize, line_end: usize) -> bool {
    is_capitals_word(doc, k, i)
        && i + 1 < line_end
        && is_name_word(doc, k, i + 1)
        && (titled_before(doc, k, i) || i >= 1 && is_role_head_end(k, &doc.tokens, i - 1))
}

/// Whether a courtesy title, with or without a full stop of its own
/// ("Mr" "."), stands right before token `i`.
fn titled_before(doc: &DocText, k: &Knowledge, i: usize) -> bool {
    let titled = |t: usize| is_courtesy_title(k, doc.tokens[t].text);
    i >= 1 && titled(i - 1) || i >= 2 && doc.tokens[i - 1].text == "." && titled(i - 2)
}

/// A courtesy title, with or without its full stop ("H.E", "Mr", "Mr.").
fn is_courtesy_title(k: &Knowledge, word: &str) -> bool {
    k.lexicon.honorifics.contains(word) || k.lexicon.honorifics.contains(&format!("{word}."))
}

/// How many words a name may have, and with particles ("bin", "van").
const MAX_NAME_WORDS: usize = 6;
const MAX_NAME_WORDS_WITH_PARTICLES: usize = 8;

/// The longest run of name words starting at `i` on one line (particles and
/// middle initials inside, a month name only after a given name: "Theresa
/// May").
fn name_run(doc: &DocText, k: &Knowledge, i: usize, line_end: usize) -> Option<Range<usize>> {
    let start = i;
    let i = match initials_before_surname(doc, k, i, line_end) {
        Some((surname, _)) => surname,
        None if is_name_word(doc, k, i)
            || is_initialled(k, &doc.tokens[i])
            || is_capital_surname(doc, k, i, line_end) =>
        {
            i
        }
        None => return None,
    };
    let mut j = i + 1;
    // "Mohammed bin Salman bin Abdulaziz Al Saud": particles make a name long.
    let longest = |j: usize| {
        if (i..j).any(|t| k.lexicon.name_particles.contains(doc.tokens[t].text)) {
            MAX_NAME_WORDS_WITH_PARTICLES
        } else {
            MAX_NAME_WORDS
        }
    };
    while j < line_end && j - i < longest(j) && !doc.tokens[j - 1].is_possessive() {
        let token = &doc.tokens[j];
        let particle = k.lexicon.name_particles.contains(token.text) && j + 1 < line_end && is_name_word(doc, k, j + 1);
        // "Robert in den Bosch": a Dutch particle of two words.
        let two_word_particle = token.text == "in"
            && doc.tokens.get(j + 1).is_some_and(|t| matches!(t.text, "den" | "der" | "het"))
            && j + 2 < line_end
            && is_name_word(doc, k, j + 2);
        let month_surname = crate::dates::month_number(token.base()).is_some()
            && token.is_capitalised()
            && j == i + 1
            && k.given_names.contains(doc.tokens[i].text);
        // "Michael R. Pompeo": a middle initial and its full stop.
        let initial = j > i
            && token.text.len() == 1
            && token.text.chars().all(|c| c.is_ascii_uppercase())
            && doc.tokens.get(j + 1).is_some_and(|t| t.text == ".")
            && j + 2 < line_end
            && is_name_word(doc, k, j + 2);
        // "Oleg Syromolotov Valery Sharifulin/TASS": after a given name and
        // a surname, a given name opens the next person's name (but not
        // after a particle: "Khalid bin Ahmed Al Khalifa").
        let previous = &doc.tokens[j - 1];
        let next_person = j >= i + 2
            && k.given_names.contains(token.base())
            && k.given_names.contains(doc.tokens[i].base())
            && !k.given_names.contains(previous.base())
            && !k.lexicon.name_particles.contains(previous.text);
        if next_person {
            break;
        }
        // "H.E Joonkook HWANG": after a titled given name, a surname in
        // capitals.
        let capital_surname = j == i + 1 && i == start && is_capitals_word(doc, k, j) && titled_before(doc, k, i);
        if initial || two_word_particle {
            j += 2;
        } else if is_name_word(doc, k, j) || particle || month_surname || capital_surname {
            j += 1;
        } else {
            break;
        }
    }
    Some(start..j)
}

/// Decides whether a run on line `line` (an index into `doc.lines`) names
/// a person and builds its mention.
fn person_at(
    source: &str,
    doc: &DocText,
    k: &Knowledge,
    line: usize,
    run: Range<usize>,
    mentions: &[Found],
) -> Option<(Range<usize>, Found, Vec<Range<usize>>)> {
    let tokens = &doc.tokens;
    let line_tokens = &doc.lines[line];
    let initials = initials_before_surname(doc, k, run.start, line_tokens.end);
    let initialled = is_initialled(k, &tokens[run.start]) || initials.is_some();
    let lead = introduction(doc, k, line_tokens, run.clone(), initialled);
    // "Burhan Gafoor (Singapore), Chair of …": the country in brackets,
    // then the post.
    let bracketed = bracketed_name(doc, run.end, line_tokens.end);
    let in_apposition = apposition(doc, k, bracketed.as_ref().map_or(run.end, |b| b.end), line_tokens.end);
    // A name words' run in apposition to a post ("Burhan Gafoor, Permanent
    // Representative of Singapore, …"), not the tail of a longer name
    // (after "of" or a capitalised word), unless its country in brackets
    // marks it a person's.
    let appositive = lead.is_none()
        && !initialled
        && (2..=4).contains(&run.len())
        && (bracketed.is_some() || stands_apart(doc, line_tokens.start, run.start))
        && (in_apposition.is_some() || speaks_between_commas(doc, k, run.clone()));
    // A run preceded by nothing that introduces a person may still hold a
    // given name further in ("Information Security Andrey Krutskikh").
    let start = if lead.is_none() && !initialled && !appositive && !k.given_names.contains(tokens[run.start].base()) {
        (run.start..run.end).find(|&t| k.given_names.contains(tokens[t].base()))?
    } else {
        run.start
    };
    let lead = if start == run.start { lead } else { introduction(doc, k, line_tokens, start..run.end, false) };
    let run = start..run.end;
    let given = k.given_names.contains(tokens[start].base()) && run.len() >= 2;
    // The name's words, the initials written apart from the surname aside.
    let words = initials.map_or(run.len(), |(surname, _)| run.end - surname);
    // One initial alone may be a list's letter ("B. Recommendations").
    let initialled = initialled && (lead.is_some() || initials.is_none_or(|(_, n)| n >= 2));
    if !(given || initialled || appositive || (lead.is_some() && words <= 4)) {
        return None;
    }
    // "First Assistant Secretary Critical Infrastructure Partnerships and
    // Programs Ms. Sally Pfieffer": a run only a post introduces, with no
    // given name, is the post's complement when a courtesy title further on
    // introduces a name.
    let post_only = lead.as_ref().is_some_and(|l| !l.courtesy && l.role.is_some());
    if post_only && !given && !initialled && courtesy_ahead(doc, k, run.end, line_tokens.end) {
        return None;
    }
    // "Henry Jackson Society", "Working Party", "Thematic Debate", "John
    // B. Hurford Memorial Lecture": a body's or a meeting's head after the
    // run, or ending it where no given name and surname alone make it (not
    // "Lena Park"), names no person.
    let names_thing = |t: &Token| k.lexicon.non_person_heads.contains(t.base()) || k.event_heads.contains(t.base());
    let given_and_surname = given && run.len() == 2;
    if tokens.get(run.end).is_some_and(names_thing) || (!given_and_surname && names_thing(&tokens[run.end - 1])) {
        return None;
    }
    let name_range = tokens[start].start..tokens[run.end - 1].base_range().end;
    let posts: Vec<Range<usize>> = lead
        .as_ref()
        .map(|l| l.earlier_role.iter().chain(&l.role).cloned().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(in_apposition.clone().or_else(|| byline_post(doc, k, line, run.end)))
        .collect();
    let (roles, affiliation) = roles_and_affiliation(source, doc, k, mentions, &posts, run.end);
    let mut affiliation =
        affiliation.or_else(|| bracketed.and_then(|b| country_named(doc, k, mentions, b))).or_else(|| {
            in_apposition.as_ref().and_then(|post| body_after_post(doc, k, mentions, post.end, line_tokens.end))
        });
    if affiliation.is_none() && in_apposition.is_none() && run.end == line_tokens.end {
        affiliation = mission_line_after(doc, k, mentions, line, &posts);
    }
    let person = Found {
        name: source[name_range.clone()].split_whitespace().collect::<Vec<_>>().join(" "),
        range: name_range,
        etype: EntityType::Person,
        naming: Naming::Person,
        roles,
        affiliation,
        parent: None,
        token: start,
    };
    Some((run, person, posts))
}

/// A person's roles as printed, from their posts' tokens, and whom they
/// speak for: the first post's country or body, else the country they act
/// "on behalf of" after the name (ending at token `name_end`).
fn roles_and_affiliation(
    source: &str,
    doc: &DocText,
    k: &Knowledge,
    mentions: &[Found],
    posts: &[Range<usize>],
    name_end: usize,
) -> (Vec<String>, Option<usize>) {
    let roles = posts.iter().flat_map(|post| split_roles(source, doc, k, post.clone())).collect();
    let affiliation = posts
        .iter()
        .find_map(|post| affiliation(doc, k, mentions, post.clone()))
        .or_else(|| acts_for_after_name(doc, k, mentions, name_end));
    (roles, affiliation)
}

/// Whether a courtesy title and a name follow token `from` - 1 within a
/// few words, before a comma or the line's end (`line_end`).
fn courtesy_ahead(doc: &DocText, k: &Knowledge, from: usize, line_end: usize) -> bool {
    let tokens = &doc.tokens;
    (from..line_end.min(from + 8)).take_while(|&t| tokens[t].word || tokens[t].text == "&").any(|t| {
        // "Ms. Sally Pfieffer": the full stop may be a token of its own.
        let name = if tokens.get(t + 1).is_some_and(|n| n.text == ".") { t + 2 } else { t + 1 };
        is_courtesy_title(k, tokens[t].text) && name < line_end && is_name_word(doc, k, name)
    })
}

/// A gazetteer name in brackets right after token `after` - 1, within the
/// line ending at `line_end`: the tokens of the name and its brackets.
fn bracketed_name(doc: &DocText, after: usize, line_end: usize) -> Option<Range<usize>> {
    let tokens = &doc.tokens[..line_end];
    if tokens.get(after)?.text != "(" {
        return None;
    }
    let name = doc.gazetteer_at.get(after + 1).copied().flatten()?;
    let close = (after + 1..line_end.min(after + 8)).find(|&t| doc.gazetteer_at[t] != Some(name))?;
    (tokens[close].text == ")").then_some(after..close + 1)
}

/// The country named within tokens `range`, if any.
fn country_named(doc: &DocText, k: &Knowledge, mentions: &[Found], range: Range<usize>) -> Option<usize> {
    range.filter_map(|t| doc.gazetteer_at[t]).find_map(|m| match &mentions[m].naming {
        Naming::Gazetteer { entries, .. } => {
            entries.iter().copied().find(|&e| k.gazetteer.entries[e].etype == EntityType::Country)
        }
        _ => None,
    })
}

/// Whom the name heading a statement speaks for by the mission line under
/// it or under its post ("Mr. Heidar Ali Balouji" / "First Counselor" /
/// "Permanent Mission of the Islamic Republic of Iran to the United
/// Nations"): a short line that opens with a publisher ("Embassy of",
/// "Permanent Mission of") and names a country or body.
fn mission_line_after(
    doc: &DocText,
    k: &Knowledge,
    mentions: &[Found],
    name_line: usize,
    posts: &[Range<usize>],
) -> Option<usize> {
    let last_line = posts
        .iter()
        .filter_map(|post| doc.lines.iter().position(|l| l.contains(&post.start)))
        .fold(name_line, usize::max);
    let next = doc.lines[last_line + 1..].iter().find(|l| !l.is_empty())?.clone();
    let tokens = &doc.tokens;
    let start = if tokens[next.start].text.eq_ignore_ascii_case("the") { next.start + 1 } else { next.start };
    // The publisher's words, and more after them (the body or country).
    let opens = |publisher: &str| {
        let words: Vec<&str> = publisher.split(' ').collect();
        words.len() < next.end - start && words.iter().zip(start..).all(|(word, t)| tokens[t].text == *word)
    };
    let sentence = tokens[next.end - 1].text.ends_with(['.', '!', '?', ':']);
    if next.len() > 16 || sentence || !k.lexicon.publishers.iter().any(|p| opens(p)) {
        return None;
    }
    affiliation(doc, k, mentions, next)
}

/// Nothing that could carry a name on stands right before token `i`: its
/// line starts there, or a word in lower case or a punctuation mark but a
/// connector ("of", "the") precedes it.
fn stands_apart(doc: &DocText, line_start: usize, i: usize) -> bool {
    i == line_start || {
        let before = &doc.tokens[i - 1];
        !before.is_capitalised() && !CONNECTORS.contains(&before.text)
    }
}

/// Verbs of saying in a report's past tense, besides the headline's
/// present ones of the lexicon.
const SAID_VERBS: [&str; 6] = ["said", "added", "noted", "stated", "stressed", "told"];

/// "Minister in the Presidency responsible for State Security, Khumbudzo
/// Ntshavheni, says …": a name set off by commas right before a verb of
/// saying, as a post's holder is named after it.
fn speaks_between_commas(doc: &DocText, k: &Knowledge, run: Range<usize>) -> bool {
    let tokens = &doc.tokens;
    let verb = |t: &Token| SAID_VERBS.contains(&t.text) || k.lexicon.headline_speech_verbs.contains(t.text);
    run.start >= 1
        && tokens[run.start - 1].text == ","
        && tokens.get(run.end).is_some_and(|t| t.text == ",")
        && tokens.get(run.end + 1).is_some_and(verb)
}

/// What introduces a name: a courtesy title and/or a post ending right
/// before it.
struct Introduction {
    /// Whether a courtesy title stands right before the name.
    courtesy: bool,
    /// Tokens of the post, if any.
    role: Option<Range<usize>>,
    /// Tokens of a post before it and a comma ("Chef de Cabinet, …").
    earlier_role: Option<Range<usize>>,
}

/// `line` is the name's line (its tokens); `initialled` says the run holds
/// initials and a surname ("N.P.Patrushev"), a full name in one word.
fn introduction(
    doc: &DocText,
    k: &Knowledge,
    line: &Range<usize>,
    run: Range<usize>,
    initialled: bool,
) -> Option<Introduction> {
    let tokens = &doc.tokens;
    let name = run.start;
    let mut p = name;
    let mut courtesy = false;
    // Courtesy titles, possibly abbreviated with a separate full stop.
    loop {
        if p == 0 {
            break;
        }
        let before = &tokens[p - 1];
        if k.lexicon.honorifics.contains(before.text) && !ends_multi_word_post(k, tokens, p - 1) {
            courtesy = true;
            p -= 1;
        } else if courtesy && matches!(before.text, "His" | "Her") && tokens[p].text == "Excellency" {
            p -= 1;
        } else if before.text == "." && p >= 2 && k.lexicon.honorifics.contains(&format!("{}.", tokens[p - 2].text)) {
            courtesy = true;
            p -= 2;
        } else {
            break;
        }
    }
    // "Author: A. Krutskikh": a byline's label opening the line.
    let labelled = is_byline_label(tokens, line.start, p);
    // The post ends before the courtesy title ("… of the Republic of Turkey
    // H.E. Recep Tayyip Erdoğan"), or a post word is the title itself
    // ("the Polish Ambassador Arkady Rzegocki").
    let after_courtesy = if courtesy && p > line.start { post_before(doc, k, p) } else { None };
    // The post ends right before the name, on a post word or on the country
    // or body it names ("Foreign Minister of the Republic of Belarus
    // Vladimir Makei"), then only before a full name (not "UN Member"):
    // post_before still needs a post word in the chain.
    let full_name = run.len() >= 2 || initialled;
    // A portfolio ends a post before a full name that opens with a given
    // name, or before three words holding none ("… of Foreign Affairs
    // Nguyen Minh Vu"): not before "Development Ana Diaz", whose name
    // starts further in, nor "Cyber Policy" ("Head of International Cyber
    // Policy").
    let given_at = |t: usize| k.given_names.contains(tokens[t].base());
    let portfolio_name = || run.len() >= 2 && (given_at(name) || (run.len() >= 3 && !run.clone().any(given_at)));
    // "… of the People's Republic of China (PRC) Wang Yi": the post ends
    // before the acronym.
    let post_end = before_bracketed_acronym(tokens, name).filter(|&at| at > line.start).unwrap_or(name);
    let has_head = |post: &Range<usize>| {
        post.clone().any(|t| is_role_head_end(k, tokens, t) || lower_case_role_head(k, &tokens[t]))
    };
    let right_before = (post_end > line.start
        && (is_role_head_end(k, tokens, post_end - 1)
            || (full_name && ends_on_post_body(doc, k, line, post_end))
            || (portfolio_name() && after_portfolio(k, tokens, line, post_end))))
    .then(|| post_before(doc, k, name))
    .flatten()
    // A body and a modifier are no post ("the First Committee Thematic
    // Debate"): a post has its head.
    .filter(has_head);
    // "… by Parliamentary Secretary of the Ministry of Foreign Affairs of
    // Latvia, Dace Melbārde": a post, a comma, and a name that ends the line
    // or another comma ("The Secretary-General of the Council, Jassim
    // Al-Budaiwi, took part"), or a sentence ("… met with Secretary-General
    // of the Union (ITU), Houlin Zhao."), or that the sentence goes on from
    // in lower case ("…, Muanpuii Saiawi from the Ministry", "… led"), not
    // a list ("…, Ivan Petrov and …") nor a post's body ("…, Member of …").
    let closed = run.end == line.end
        || matches!(tokens[run.end].text, "," | "." | ";")
        || (run.len() >= 2 && tokens[run.end].is_lower() && !matches!(tokens[run.end].text, "and" | "or" | "of"));
    // Between commas, not in a list of names and posts ("…, Minister of
    // Senegal, Tanja Fajon, …"): the post follows no comma.
    let in_list =
        |post: &Range<usize>| run.end != line.end && post.start > line.start && tokens[post.start - 1].text == ",";
    let before_comma = (!courtesy && name > line.start + 1 && tokens[name - 1].text == "," && closed)
        .then(|| post_before(doc, k, name - 1).or_else(|| post_then_body(doc, k, line.start, name - 1)))
        .flatten()
        .filter(|post| has_head(post) && !in_list(post));
    // "spokeswoman Hua Chunying", "said minister Ivan Petrov": a post head
    // in lower case right before the name is the post, with the body or
    // country before it ("Chinese Foreign Ministry spokesman Wang Wenbin").
    let lower_case_head = (name > line.start && lower_case_role_head(k, &tokens[name - 1])).then(|| {
        let mut first = name - 1;
        while first > line.start && names_country_or_body(doc, k, first - 1) {
            first -= 1;
        }
        first..name
    });
    let role = after_courtesy.or(right_before).or(before_comma).or(lower_case_head);
    // "President of the General Assembly, Mr. Dennis Francis,", "Chef de
    // Cabinet, Ambassador Collen Kelapile": a post, a comma, and a courtesy
    // title or post word before a name that a comma or the line ends.
    // The name ends the line, a clause ("…,") or its subject ("… said").
    let apart =
        run.end == line.end || tokens.get(run.end).is_some_and(|t| matches!(t.text, "," | "." | ";") || t.is_lower());
    let titled_start = if courtesy { p } else { role.as_ref().map_or(name, |r| r.start) };
    // Not the post of an earlier name in a list ("Ms. Izumi Nakamitsu, UN
    // Under Secretary General, Mr. David Koh, …"): nothing but the line's
    // start or a word leads the earlier post.
    let earlier_role =
        (titled_start < name && titled_start > line.start + 1 && tokens[titled_start - 1].text == "," && apart)
            .then(|| post_before(doc, k, titled_start - 1))
            .flatten()
            .filter(|post| post.start == line.start || tokens[post.start - 1].word);
    (courtesy || labelled || role.is_some()).then_some(Introduction { courtesy, role, earlier_role })
}

/// Whether the tokens before `end` are a country's or body's name that a
/// post word, "of", "to", "for" or "the" leads ("Foreign Minister of the
/// Republic of Belarus", "UK Prime Minister" aside): not "… Krutskikh on
/// UN GGE".
fn ends_on_post_body(doc: &DocText, k: &Knowledge, line: &Range<usize>, end: usize) -> bool {
    let Some(name) = doc.gazetteer_at[end - 1] else { return false };
    let mut start = end - 1;
    while start > line.start && doc.gazetteer_at[start - 1].is_some_and(|other| other == name) {
        start -= 1;
    }
    start == line.start || {
        let before = &doc.tokens[start - 1];
        matches!(before.text, "of" | "to" | "for" | "the")
            || is_role_word(k, before)
            || doc.gazetteer_at[start - 1].is_some()
    }
}

/// Whether the tokens before `end` close a post with its portfolio: a
/// head, "of" or "for" (and "the"), then up to four capitalised words
/// ("Minister of Foreign Affairs", "Minister for the Interior", "Director
/// of Information Security").
fn after_portfolio(k: &Knowledge, tokens: &[Token], line: &Range<usize>, end: usize) -> bool {
    let mut start = end;
    while start > line.start
        && end - start < 4
        && tokens[start - 1].word
        && (tokens[start - 1].is_capitalised() || (start < end && matches!(tokens[start - 1].text, "and" | "&")))
        && !k.given_names.contains(tokens[start - 1].base())
    {
        start -= 1;
    }
    if start == end || !tokens[start].is_capitalised() {
        return false;
    }
    let of = if start > line.start && tokens[start - 1].text == "the" { start - 1 } else { start };
    of > line.start + 1 && matches!(tokens[of - 1].text, "of" | "for") && is_role_head_end(k, tokens, of - 2)
}

/// Words that label a byline: "Author: …", "Authors : …".
const BYLINE_LABELS: [&str; 3] = ["Author", "Authors", "Autor"];

/// Whether tokens `from..to` are a byline's label and its colon.
fn is_byline_label(tokens: &[Token], from: usize, to: usize) -> bool {
    to == from + 2 && BYLINE_LABELS.contains(&tokens[from].text) && tokens[from + 1].text == ":"
}

/// Whether token `at` ends a post of several words with the words before
/// it ("Secretary General", "Secretary of State"): a courtesy title that
/// does ("General") is no courtesy title there.
fn ends_multi_word_post(k: &Knowledge, tokens: &[Token], at: usize) -> bool {
    let end = tokens[at].base();
    k.multi_word_heads.iter().any(|head| {
        let before = &head[..head.len() - 1];
        head.last().is_some_and(|last| last == end)
            && at >= before.len()
            && before.iter().zip(&tokens[at - before.len()..at]).all(|(word, t)| word == t.text)
    })
}

/// The last word of a post ("Minister", "Secretary-General",
/// "journalist"), with the words before it that a post of several words
/// needs ("General" ends "Director General", not "General Observations").
fn is_role_head_end(k: &Knowledge, tokens: &[Token], at: usize) -> bool {
    let token = &tokens[at];
    if !(token.word && k.role_head_ends.contains(token.base())) {
        return false;
    }
    // "6:00 PM": a time, not a prime minister.
    if token.text == "PM" && at > 0 && tokens[at - 1].text.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    k.one_word_heads.contains(token.base()) || ends_multi_word_post(k, tokens, at)
}

/// A one-word post written in lower case ("spokeswoman", "minister").
fn lower_case_role_head(k: &Knowledge, token: &Token) -> bool {
    token.is_lower() && k.lower_case_posts.contains(token.text)
}

fn is_role_word(k: &Knowledge, token: &Token) -> bool {
    token.word && k.role_words.contains(token.base())
}

/// The post ending at token `end` (exclusive): the chain of capitalised
/// words, post words and connectors before it on the same line, back to an
/// earlier person's given name at most, from its first post word (with a
/// country or body named right before that: "UK Prime Minister").
fn post_before(doc: &DocText, k: &Knowledge, end: usize) -> Option<Range<usize>> {
    let tokens = &doc.tokens;
    let line_start = doc.line_of(end - 1).map_or(0, |l| l.start);
    let mut start = end;
    while start > line_start {
        let bracketed = before_bracketed_acronym(tokens, start).or_else(|| before_bracketed_unit(tokens, start));
        if let Some(before) = bracketed.filter(|&at| at > line_start) {
            start = before;
            continue;
        }
        let t = &tokens[start - 1];
        // A gazetteer name's punctuation chains too ("U.S. Permanent Representative").
        let named = doc.gazetteer_at[start - 1].is_some();
        // "Permanent Representative at the United Nations": "at" a body.
        let at_body = t.text == "at"
            && tokens.get(start).is_some_and(|n| n.text == "the")
            && doc.gazetteer_at.get(start + 1).is_some_and(Option::is_some);
        let chainable = named
            || at_body
            || (t.word
                && (t.is_capitalised() || is_role_word(k, t) || CONNECTORS.contains(&t.text))
                && !t.is_possessive()
                && !k.given_names.contains(t.base()));
        if !chainable {
            break;
        }
        start -= 1;
    }
    // "the UK Prime Minister May and the Netherlands Prime Minister Rutte":
    // a post's head, a name and "and" end an earlier person's post.
    let earlier_holder = |i: usize| {
        let name = &tokens[i + 1];
        is_role_head_end(k, tokens, i)
            && name.is_capitalised()
            && !is_role_word(k, name)
            && doc.gazetteer_at[i + 1].is_none()
            && tokens[i + 2].text == "and"
    };
    if let Some(i) = (start..end.saturating_sub(2)).rev().find(|&i| earlier_holder(i)) {
        start = i + 3;
    }
    // "the representative of the Russian Federation Dmitry Glukhov": a post
    // head in lower case opens the chain of its complement.
    let complement_start = start;
    if start > line_start && start < end && lower_case_role_head(k, &tokens[start - 1]) {
        start -= 1;
    }
    let opens_lower = start < complement_start && CONNECTORS.contains(&tokens[complement_start].text);
    let mut first = if opens_lower { start } else { (complement_start..end).find(|&t| is_role_word(k, &tokens[t]))? };
    while first > start && names_country_or_body(doc, k, first - 1) {
        first -= 1;
    }
    Some(held_after_of(doc, k, first..end).unwrap_or(first..end))
}

/// A post, a comma and its body before token `end` ("Joint Secretary of
/// the Cyber Division, Ministry of External Affairs (MEA), …"): the body
/// is a gazetteer name (with its acronym) opening after the comma.
fn post_then_body(doc: &DocText, k: &Knowledge, line_start: usize, end: usize) -> Option<Range<usize>> {
    let tokens = &doc.tokens;
    let mut start = before_bracketed_acronym(tokens, end).unwrap_or(end);
    let body = doc.gazetteer_at[start.checked_sub(1)?]?;
    while start > line_start && doc.gazetteer_at[start - 1] == Some(body) {
        start -= 1;
    }
    let comma = start.checked_sub(1).filter(|&c| c > line_start && tokens[c].text == ",")?;
    let post = post_before(doc, k, comma)?;
    Some(post.start..end)
}

/// A token naming a country or body, or a country's demonym ("Russian").
fn names_country_or_body(doc: &DocText, k: &Knowledge, at: usize) -> bool {
    doc.gazetteer_at[at].is_some() || k.gazetteer.demonym(doc.tokens[at].base()).is_some()
}

/// In "Special Representative of President Hu Jintao" or "Spokesman for
/// UN Secretary-General António Guterres" the name holds the post after
/// "of", "to" or "for", not the whole: when one is followed, with no
/// article, by nothing but post words (and a country or body) ending in a
/// post's head, that tail is the name's post. ("Aide to the President Yuri
/// Ushakov" keeps the whole: with the article, the name is the aide's;
/// "Minister of Defence Ana Ruiz" too: "Defence" heads no post.)
fn held_after_of(doc: &DocText, k: &Knowledge, post: Range<usize>) -> Option<Range<usize>> {
    let tokens = &doc.tokens;
    // Not the "of" inside a name ("Council of Europe Secretary General").
    let of =
        post.clone().rev().find(|&t| matches!(tokens[t].text, "of" | "to" | "for") && doc.gazetteer_at[t].is_none())?;
    let tail = of + 1..post.end;
    let held = !tail.is_empty()
        && tokens[tail.start].is_capitalised()
        && is_role_head_end(k, tokens, tail.end - 1)
        && tail.clone().all(|t| is_role_word(k, &tokens[t]) || names_country_or_body(doc, k, t));
    held.then_some(tail)
}

/// Words that open a salutation rather than a post ("Distinguished Chair").
const SALUTATIONS: [&str; 6] = ["Distinguished", "Dear", "Esteemed", "Honourable", "Honorable", "Excellency"];

/// The token before a bracketed acronym that ends right before token `at`
/// ("(PRC)", "(SCO)"), if one does.
fn before_bracketed_acronym(tokens: &[Token], at: usize) -> Option<usize> {
    let [open, acronym, close] = tokens.get(at.checked_sub(3)?..at)? else { return None };
    let is_acronym = acronym.text.len() >= 2 && acronym.text.chars().all(|c| c.is_ascii_uppercase());
    (open.text == "(" && close.text == ")" && is_acronym).then(|| at - 3)
}

/// The token before a bracketed unit of capitalised words that ends right
/// before token `at` ("Joint Secretary (Cyber Diplomacy Division)"), if one
/// does.
fn before_bracketed_unit(tokens: &[Token], at: usize) -> Option<usize> {
    if tokens.get(at.checked_sub(1)?)?.text != ")" {
        return None;
    }
    let open = (at.saturating_sub(8)..at - 1).rev().find(|&t| tokens[t].text == "(")?;
    let inner = &tokens[open + 1..at - 1];
    let unit = !inner.is_empty()
        && inner[0].is_capitalised()
        && inner.iter().all(|t| t.word && (t.is_capitalised() || CONNECTORS.contains(&t.text)));
    unit.then_some(open)
}

/// A byline's post: the next line, when the name (ending at token
/// `name_end` on line `line`) ends its own line, a comma aside, and the next
/// line is a post and nothing else ("Ambassador Linda Thomas-Greenfield" /
/// "U.S. Representative to the United Nations"), a bracketed remark aside
/// ("Joint Secretary [Cyber Diplomacy]").
fn byline_post(doc: &DocText, k: &Knowledge, line: usize, name_end: usize) -> Option<Range<usize>> {
    let tokens = &doc.tokens;
    let line_end = doc.lines[line].end;
    if line_end != name_end && !(line_end == name_end + 1 && tokens[name_end].text == ",") {
        return None;
    }
    let next = doc.lines[line + 1..].iter().find(|l| !l.is_empty())?.clone();
    let post_end = next.clone().find(|&t| matches!(tokens[t].text, "[" | "(")).unwrap_or(next.end);
    let head = (next.start..post_end).find(|&t| is_role_word(k, &tokens[t]) && tokens[t].is_capitalised())?;
    // Before the head only the country or body the post is of ("U.S.",
    // "Kenyan") or capitalised words ("Joint Secretary"), but no salutation
    // ("Madam Chair", "Distinguished Chair"); from the head on, the post to
    // the line's end.
    let leads = (next.start..head).all(|t| {
        let salutation = is_courtesy_title(k, tokens[t].text) || SALUTATIONS.contains(&tokens[t].text);
        doc.gazetteer_at[t].is_some()
            || tokens[t].text == "."
            || (tokens[t].is_capitalised() && !salutation)
            || k.gazetteer.demonym(tokens[t].base()).is_some()
    });
    let post_starts = post_before(doc, k, post_end).is_some_and(|post| post.start <= head);
    // A long post ("Special Representative of the President … for
    // international cooperation in information security, Ambassador at
    // Large") opens the line with its head and does not end as a sentence.
    let first_part = next.start..(next.start..post_end).find(|&t| tokens[t].text == ",").unwrap_or(post_end);
    let long_post = head == next.start
        && first_part.clone().any(|t| is_role_head_end(k, tokens, t))
        && next.len() <= 24
        && !tokens[next.end - 1].text.ends_with(['.', '!', '?', ':']);
    (leads && ((next.len() <= 12 && post_starts) || long_post)).then_some(next.start..post_end)
}

/// A post in apposition after a name: ", Director of the Department …",
/// within the name's line (which ends at token `line_end`).
fn apposition(doc: &DocText, k: &Knowledge, after: usize, line_end: usize) -> Option<Range<usize>> {
    let tokens = &doc.tokens[..line_end];
    if tokens.get(after).is_none_or(|t| t.text != ",") {
        return None;
    }
    let mut start = after + 1;
    if tokens.get(start).is_some_and(|t| t.text == "the") {
        start += 1;
    }
    // The body or country the post is of may lead it ("UN Under-Secretary-
    // General", "Russian Deputy Foreign Minister").
    let mut head = start;
    while head < start + 4
        && tokens.get(head).is_some_and(|t| doc.gazetteer_at[head].is_some() || k.gazetteer.demonym(t.base()).is_some())
    {
        head += 1;
    }
    let capitalised_post = tokens.get(head).is_some_and(|t| t.is_capitalised() && is_role_word(k, t));
    let lower_case = head == start && lower_case_post(k, tokens, start);
    if !(capitalised_post || lower_case) {
        return None;
    }
    let mut end = start;
    while let Some(t) = tokens.get(end) {
        // A courtesy title ends the post: "…, President of the Russian
        // Federation H.E. Vladimir Putin" is the next person's post.
        let courtesy = is_courtesy_title(k, t.text) && !ends_multi_word_post(k, tokens, end);
        // "Foreign Secretary & High Representative …": "&" joins posts.
        let ampersand = t.text == "&" && tokens.get(end + 1).is_some_and(|n| n.is_capitalised());
        // A gazetteer name runs on ("Chair of the Open-ended working group").
        let named =
            end > start && doc.gazetteer_at[end].is_some() && doc.gazetteer_at[end] == doc.gazetteer_at[end - 1];
        let stop = (!t.word && !ampersand)
            || (courtesy && end > start)
            || k.lexicon.role_stop_words.iter().any(|w| w == t.text)
            || (end > start && ends_apposed_post(doc, end));
        let stop = stop && !named;
        // "… in the Kingdom of the Netherlands" is part of the post; "… in
        // the First Substantive Session of …" is the occasion.
        let occasion = || (end + 2..(end + 6).min(tokens.len())).any(|i| k.event_heads.contains(tokens[i].text));
        let in_name = t.text == "in"
            && tokens.get(end + 1).is_some_and(|n| n.text == "the")
            && tokens.get(end + 2).is_some_and(|n| n.is_capitalised())
            && !occasion();
        if stop && !in_name {
            break;
        }
        end += 1;
    }
    // A post followed by a courtesy title or a name is the next person's.
    let next = tokens.get(end);
    let leads_on = next.is_some_and(|t| {
        (is_courtesy_title(k, t.text) && !ends_multi_word_post(k, tokens, end))
            || (t.is_capitalised() && !k.role_words.contains(t.base()))
    });
    (end > start && !leads_on).then_some(start..end)
}

/// Where a post in apposition gives way to the sentence: at a verb's form
/// ("…, Minister of Foreign Affairs of Korea for organising today's
/// debate"). A post may run on through "and the" ("… and the Presidency of
/// the Republic of Korea"): that may be the post's body or the next thing
/// thanked, and its country is the person's either way.
fn ends_apposed_post(doc: &DocText, at: usize) -> bool {
    let t = &doc.tokens[at];
    t.is_lower() && (t.text.ends_with("ing") || t.text.ends_with("ed"))
}

/// A post in lower case, as news agencies print it: post words, then "of",
/// "to" or "for" ("director of the International Information Security
/// Department", "deputy head of the delegation").
fn lower_case_post(k: &Knowledge, tokens: &[Token], start: usize) -> bool {
    let is_post_word = |t: &Token| {
        let mut chars = t.text.chars();
        t.is_lower()
            && chars
                .next()
                .is_some_and(|c| k.role_words.contains(&(c.to_uppercase().collect::<String>() + chars.as_str())))
    };
    let words = tokens[start..].iter().take_while(|t| is_post_word(t)).count();
    words > 0 && tokens.get(start + words).is_some_and(|t| matches!(t.text, "of" | "to" | "for"))
}

/// A post as printed, split where "and", "&" or a comma joins two posts
/// ("Under-Secretary-General and High Representative for Disarmament
/// Affairs", "…, Ambassador at Large").
fn split_roles(source: &str, doc: &DocText, k: &Knowledge, role: Range<usize>) -> Vec<String> {
    let tokens = &doc.tokens;
    let mut parts = Vec::new();
    let mut start = role.start;
    // "Minister for Europe and Foreign Affairs" is one post: what follows
    // "and" is a second only when a post's head ends it.
    let heads_a_post =
        |from: usize| (from..role.end).take_while(|&t| tokens[t].text != ",").any(|t| is_role_head_end(k, tokens, t));
    for t in role.clone() {
        if matches!(tokens[t].text, "and" | "&" | ",")
            && tokens.get(t + 1).is_some_and(|n| is_role_word(k, n) && n.is_capitalised())
            && heads_a_post(t + 1)
        {
            parts.push(start..t);
            start = t + 1;
        }
    }
    parts.push(start..role.end);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut end = p.end;
            // A post on a salutation line ends with the line's comma.
            let dangling = |t: &Token| CONNECTORS.contains(&t.text) || matches!(t.text, "," | ";" | ":");
            while end > p.start + 1 && dangling(&tokens[end - 1]) {
                end -= 1;
            }
            source[tokens[p.start].start..tokens[end - 1].end].to_string()
        })
        .collect()
}

/// Post words of envoys, who speak for whoever sends them, not for where
/// they are posted.
const ENVOY_POSTS: [&str; 8] =
    ["Ambassador", "Representative", "Envoy", "Commissioner", "Delegate", "Consul", "Observer", "Chargé"];

/// Whom a post makes its holder speak for: a country named before the post
/// head ("Polish Ambassador", "UK Permanent Representative") or the country
/// of a body named there ("Russian Foreign Ministry Spokeswoman"), else the first
/// country the post names, else the country of the first body it names,
/// else that body, else a country by demonym ("Head of the Russian
/// delegation"). Journalists and experts speak for no one.
fn affiliation(doc: &DocText, k: &Knowledge, mentions: &[Found], role: Range<usize>) -> Option<usize> {
    let tokens = &doc.tokens;
    if role.clone().any(|t| k.lexicon.unaffiliated_roles.contains(tokens[t].base())) {
        return None;
    }
    let entry_at = |t: usize| {
        doc.gazetteer_at[t].and_then(|m| match &mentions[m].naming {
            Naming::Gazetteer { entries, .. } => entries.first().copied(),
            _ => None,
        })
    };
    // "Ambassador to the UN", "Permanent Representative of Singapore to the
    // United Nations": where an envoy is posted is not whom it speaks for.
    let to = role.clone().find(|&t| tokens[t].text == "to" && doc.gazetteer_at[t].is_none());
    let role = match to {
        Some(to) if (role.start..to).any(|t| ENVOY_POSTS.contains(&tokens[t].base())) => role.start..to,
        _ => role,
    };
    let gazetteer = &k.gazetteer;
    let is_country = |e: usize| gazetteer.entries[e].etype == EntityType::Country;
    // The post's head: its first word in lower case ("director of …"),
    // else its first post word outside a name ("Foreign" in "the Russian
    // Foreign Ministry" is not one).
    // A modifier before the nationality is not the head either: "Acting
    // Australian High Commissioner to Malaysia" speaks for Australia.
    let head = if tokens[role.start].is_lower() {
        role.start
    } else {
        let post_word = |t: usize| is_role_word(k, &tokens[t]) && doc.gazetteer_at[t].is_none();
        let modifier = |t: usize| k.lexicon.role_modifiers.contains(tokens[t].base());
        (role.start..role.end)
            .find(|&t| post_word(t) && !modifier(t))
            .or_else(|| (role.start..role.end).find(|&t| post_word(t)))
            .unwrap_or(role.start)
    };
    let leading = (role.start..head).find_map(|t| entry_at(t).or_else(|| gazetteer.demonym(tokens[t].base())));
    let entries: Vec<usize> = role.clone().filter_map(entry_at).collect();
    let country = entries.iter().copied().find(|&e| is_country(e));
    let body_country =
        entries.iter().find_map(|&e| gazetteer.entries[e].country.as_deref().and_then(|c| gazetteer.index_of(c)));
    let demonym = role.clone().find_map(|t| gazetteer.demonym(tokens[t].base()));
    let implied = role
        .clone()
        .find_map(|t| k.lexicon.role_affiliations.get(tokens[t].base()).and_then(|id| gazetteer.index_of(id)));
    // A body before the head yields to a country the post names ("Security
    // Council Secretary of the Republic of Tajikistan" speaks for Tajikistan;
    // "OSCE Secretary General" for the OSCE).
    // A body before the head that belongs to a country speaks for it over
    // a country the post is about ("U.S. State Department Special
    // Representative for North Korea").
    let leading_country = leading
        .filter(|&e| is_country(e))
        .or_else(|| leading.and_then(|e| gazetteer.entries[e].country.as_deref()).and_then(|c| gazetteer.index_of(c)));
    leading_country.or(country).or(leading).or(body_country).or(entries.first().copied()).or(demonym).or(implied)
}

/// Whom an apposed post ending at token `post_end` speaks for by the body
/// it is "at", or by the comma segment after it when that is a body's name
/// and no other post or person ("Dr Tobias Feakin, Ambassador for Cyber
/// Affairs, Department of Foreign Affairs and Trade of the Government of
/// Australia").
fn body_after_post(
    doc: &DocText,
    k: &Knowledge,
    mentions: &[Found],
    post_end: usize,
    line_end: usize,
) -> Option<usize> {
    let tokens = &doc.tokens;
    if tokens.get(post_end).is_some_and(|t| t.text == "at") {
        return body_post_is_at(doc, k, mentions, post_end, line_end);
    }
    if tokens.get(post_end).is_none_or(|t| t.text != ",") {
        return None;
    }
    let start = post_end + 1;
    let end = (start..line_end.min(start + 16)).find(|&t| matches!(tokens[t].text, "," | "." | ";" | ":"))?;
    let segment = start..end;
    let other_post_or_name = segment.clone().any(|t| {
        (is_role_head_end(k, tokens, t) && doc.gazetteer_at[t].is_none()) || k.given_names.contains(tokens[t].base())
    });
    // "…, Acting Chief Director, UN Political, Peace and Security": a name
    // that modifies a unit's name is not whom the unit belongs to.
    let modifier = segment.clone().any(|t| {
        let next = t + 1;
        doc.gazetteer_at[t].is_some() && next < end && doc.gazetteer_at[next].is_none() && tokens[next].is_capitalised()
    });
    if segment.is_empty() || !tokens[start].is_capitalised() || other_post_or_name || modifier {
        return None;
    }
    affiliation(doc, k, mentions, segment)
}

/// Whom the body an apposed post is "at" (token `at`) speaks for: "…,
/// Deputy Assistant Secretary for Cyber Policy at the Department of
/// State". Not a country or a body that opens a longer name ("at the
/// Singapore International Cyber Week").
fn body_post_is_at(doc: &DocText, k: &Knowledge, mentions: &[Found], at: usize, line_end: usize) -> Option<usize> {
    let tokens = &doc.tokens;
    let start = if tokens.get(at + 1).is_some_and(|t| t.text == "the") { at + 2 } else { at + 1 };
    let body = (*doc.gazetteer_at.get(start)?)?;
    let end = (start..line_end).find(|&t| doc.gazetteer_at[t] != Some(body)).unwrap_or(line_end);
    let whole_body = mentions[body].etype == EntityType::Organization
        && tokens.get(end).is_none_or(|t| !t.is_capitalised() || end == line_end);
    whole_body.then(|| affiliation(doc, k, mentions, start..end)).flatten()
}

/// Whom a person acts for by the sentence's "on behalf of" after the name
/// ("… participated on behalf of the Government of Japan"), or by "from"
/// right after it ("Muanpuii Saiawi from the Ministry of External
/// Affairs"): the country named right after it, or the country of the body
/// named there, or that body.
fn acts_for_after_name(doc: &DocText, k: &Knowledge, mentions: &[Found], name_end: usize) -> Option<usize> {
    let tokens = &doc.tokens;
    let sentence = doc.sentence_of(name_end.saturating_sub(1));
    let limit = sentence.end.min(name_end + 30);
    let from = tokens.get(name_end).is_some_and(|t| t.text == "from").then_some(name_end + 1);
    let behalf = || {
        (name_end..limit.saturating_sub(3))
            .find(|&t| tokens[t].text == "on" && tokens[t + 1].text == "behalf" && tokens[t + 2].text == "of")
            .map(|on| on + 3)
    };
    let after = from.or_else(behalf)?;
    let entries = (after..(after + 5).min(limit)).filter_map(|t| match &mentions[doc.gazetteer_at[t]?].naming {
        Naming::Gazetteer { entries, .. } => entries.first().copied(),
        _ => None,
    });
    let gazetteer = &k.gazetteer;
    let mut first_body = None;
    for e in entries {
        let entry = &gazetteer.entries[e];
        if entry.etype == EntityType::Country {
            return Some(e);
        }
        if let Some(country) = entry.country.as_deref().and_then(|c| gazetteer.index_of(c)) {
            return Some(country);
        }
        first_body.get_or_insert(e);
    }
    first_body
}

/// "Sergei and Yulia Skripal": a lone given name joined by "and" to a
/// person shares that person's surname.
fn coordinated_given_names(source: &str, doc: &DocText, k: &Knowledge, found: &mut Vec<(Range<usize>, Found)>) {
    let tokens = &doc.tokens;
    let mut extra = Vec::new();
    for (run, _) in found.iter() {
        if run.len() < 2 || run.start < 2 || tokens[run.start - 1].text != "and" {
            continue;
        }
        let lone = run.start - 2;
        if !k.given_names.contains(tokens[lone].text) || found.iter().any(|(r, _)| r.contains(&lone)) {
            continue;
        }
        let surname = tokens[run.end - 1].base();
        let range = tokens[lone].start..tokens[lone].end;
        extra.push((
            lone..lone + 1,
            Found {
                name: format!("{} {surname}", &source[range.clone()]),
                range,
                etype: EntityType::Person,
                naming: Naming::Person,
                roles: Vec::new(),
                affiliation: None,
                parent: None,
                token: lone,
            },
        ));
    }
    found.extend(extra);
}

/// The persons a title names as its authors: those before its genre word
/// ("Foreign Minister Sergey Lavrov’s remarks") and those after "by" or
/// "of" right after it ("Statement by Amb. Andrey Krutskikh",
/// "Article co-authored by A and B").
pub fn speakers(doc: &DocText, mentions: &[Found], k: &Knowledge) -> Vec<usize> {
    let title = doc.title.clone();
    let tokens = &doc.tokens;
    // A genre word, or the first of a genre phrase ending in "by"
    // ("Intervention by …"), which the "by" below then completes.
    let is_kind = |t: usize| {
        let by_follows = tokens.get(t + 1).is_some_and(|next| next.text == "by");
        k.lexicon.kinds.iter().any(|(w, _)| match w.split_once(' ') {
            None => tokens[t].text.eq_ignore_ascii_case(w),
            Some((head, "by")) => by_follows && tokens[t].text.eq_ignore_ascii_case(head),
            Some(_) => false,
        })
    };
    // The genre word, else the occasion's words (first and last token).
    let genre = title.clone().find(|&t| is_kind(t)).map(|t| (t, t)).or_else(|| occasion_in(doc, k));
    let persons_in = |range: Range<usize>| -> Vec<usize> {
        mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.etype == EntityType::Person && range.contains(&m.token))
            .map(|(i, _)| i)
            .collect()
    };
    // The authors after a "by" at token `by`. Words like "on" may stand
    // inside the authors' posts; after the first author they end the list.
    let authors_after = |by: usize| {
        let first = persons_in(by + 1..title.end).first().map_or(title.end, |&m| mentions[m].token);
        let stop = (first..title.end)
            .find(|&t| {
                matches!(
                    tokens[t].text,
                    "with" | "to" | "at" | "published" | "concerning" | "on" | "in" | "following" | "during"
                )
            })
            .unwrap_or(title.end);
        persons_in(by + 1..stop)
    };
    let Some((kind_at, kind_end)) = genre else {
        // A genre label's byline read as its title: "by Secretary General …".
        if !title.is_empty() && tokens[title.start].text == "by" {
            return authors_after(title.start);
        }
        return opening_person_at(doc, k, mentions);
    };
    let mut speakers = persons_in(title.start..kind_at);
    let mut after = kind_end + 1;
    while after < title.end && matches!(tokens[after].text, "co-authored" | "written" | "delivered" | "made" | "given")
    {
        after += 1;
    }
    // "Remarks on behalf of the President …, Mr. Dennis Francis, at …".
    let on_behalf = |t: usize| {
        t + 2 < title.end && tokens[t].text == "on" && tokens[t + 1].text == "behalf" && tokens[t + 2].text == "of"
    };
    if on_behalf(after) {
        after += 2;
    }
    // "Interview with Dr Tobias Feakin": the one interviewed speaks.
    let interview = || {
        let genre = tokens[kind_at].text;
        k.lexicon.kinds.iter().any(|(w, kind)| *kind == DocKind::Interview && genre.eq_ignore_ascii_case(w))
    };
    let by = after < title.end
        && (matches!(tokens[after].text, "by" | "of") || (tokens[after].text == "with" && interview()));
    if by {
        speakers.extend(authors_after(after));
    } else if speakers.is_empty() {
        // "Statement at the Open Debate on … by Parliamentary Secretary …,
        // Dace Melbārde": a "by" further on, when the name ends the title.
        let last_by = (kind_end + 1..title.end).rev().find(|&t| tokens[t].text == "by");
        let ends_title = |m: &usize| mentions[*m].range.end == tokens[title.end - 1].end;
        if let Some(by) = last_by {
            speakers.extend(persons_in(by + 1..title.end).into_iter().filter(ends_title));
        }
    }
    // "Statement at the … Briefing on Ransomware(Amb. Joonkook Hwang)": the
    // person the title's closing brackets name.
    if speakers.is_empty() && tokens[title.end - 1].text == ")" {
        if let Some(open) = (kind_end + 1..title.end).rev().find(|&t| tokens[t].text == "(") {
            speakers.extend(persons_in(open + 1..title.end));
        }
    }
    if speakers.is_empty() && persons_in(title.clone()).is_empty() {
        // The posts before the genre word or after its "by".
        let posts = (title.start..kind_at).chain(if by { after + 1..title.end } else { 0..0 });
        speakers = holders_of_posts(doc, mentions, k, posts);
        if speakers.is_empty() {
            speakers = answering(doc, mentions);
        }
    }
    speakers
}

/// A title that states no genre but opens with a person, after their post
/// at most, who is "at" an occasion ("President Kaljulaid at the opening of
/// CyCon"), who speaks ("Minister Simon Coveney addresses the Council") or
/// whose words follow a colon ("Wang Yi: China Proposes …"): that person is
/// the speaker.
fn opening_person_at(doc: &DocText, k: &Knowledge, mentions: &[Found]) -> Vec<usize> {
    let tokens = &doc.tokens;
    let title = doc.title.clone();
    let first = mentions.iter().position(|m| m.etype == EntityType::Person && title.contains(&m.token));
    let Some(m) = first else { return Vec::new() };
    let after = doc.token_at(mentions[m].range.end);
    let capitalised_before = (title.start..mentions[m].token).all(|t| tokens[t].is_capitalised());
    let speaks = |t: &Token| t.text == "at" || t.text == ":" || k.lexicon.headline_speech_verbs.contains(t.text);
    let at = tokens.get(after).is_some_and(speaks) && after < title.end;
    if capitalised_before && at {
        vec![m]
    } else {
        Vec::new()
    }
}

/// The person "delivered by" names in the title or among the first lines
/// under it: on the same line ("Statement delivered by H.E. Mr. Rein
/// Tammsaar, …", "As delivered by Bjørn Berge, …") or, when the words end
/// their line, on the next ("Remarks on behalf of the President …" / "as
/// delivered by" / "Chef de Cabinet, Ambassador Collen Kelapile").
pub fn delivered_by(doc: &DocText, mentions: &[Found]) -> Option<usize> {
    let tokens = &doc.tokens;
    let under = doc.lines.iter().filter(|l| l.start >= doc.title.end && !l.is_empty()).take(BYLINE_LINES + 1);
    let lines: Vec<Range<usize>> = std::iter::once(doc.title.clone()).chain(under.cloned()).collect();
    let person_in = |from: usize, to: usize| {
        mentions.iter().position(|m| m.etype == EntityType::Person && (from..to).contains(&m.token))
    };
    let delivered =
        |t: usize| tokens[t].text.eq_ignore_ascii_case("by") && tokens[t - 1].text.eq_ignore_ascii_case("delivered");
    // "Presenter:" / "Director Anna Santos": a label opening its line.
    let presenter = |line: &Range<usize>| {
        let labelled = line.start + 1 < line.end && tokens[line.start + 1].text == ":";
        (labelled && PRESENTER_LABELS.contains(&tokens[line.start].text)).then_some(line.start)
    };
    for (n, line) in lines.iter().enumerate() {
        let Some(mut by) = (line.start + 1..line.end).find(|&t| delivered(t)).or_else(|| presenter(line)) else {
            continue;
        };
        // "Delivered by: His Excellency Omran Sharaf, …".
        if tokens.get(by + 1).is_some_and(|t| t.text == ":") {
            by += 1;
        }
        // The name follows at once, but for courtesy titles.
        if by + 1 < line.end {
            return person_in(by + 1, (by + 6).min(line.end));
        }
        let next = lines.get(n + 1)?;
        return person_in(next.start, next.end);
    }
    None
}

/// Labels a mission's page prints before the name of whom delivered its
/// statement.
const PRESENTER_LABELS: [&str; 3] = ["Presenter", "Speaker", "Presented"];

/// How many of the body's first lines may hold its author's byline.
const BYLINE_LINES: usize = 3;

/// The person named alone on one of the first lines under the title, as an
/// article prints its author ("Andrei Fedorenko", "By Mei Tanaka", "H.E.
/// Mr. Ivan Petrov,"): courtesy titles may lead the name and a comma end it,
/// or a comma and the author's post ("John Smith, Deputy Secretary of State").
pub fn byline_names(doc: &DocText, mentions: &[Found], k: &Knowledge) -> Vec<usize> {
    let first_lines = doc.lines.iter().filter(|l| l.start >= doc.title.end && !l.is_empty()).take(BYLINE_LINES);
    for line in first_lines {
        let alone = |m: &Found| {
            m.etype == EntityType::Person && (alone_on_line(doc, k, m, line) || before_own_post(doc, k, m, line))
        };
        if let Some(m) = mentions.iter().position(alone) {
            return vec![m];
        }
    }
    Vec::new()
}

/// Whether mention `m` is alone on `line` (a range of tokens), but for a
/// byline's "By" or label, courtesy titles before it and a comma after.
fn alone_on_line(doc: &DocText, k: &Knowledge, m: &Found, line: &Range<usize>) -> bool {
    let tokens = &doc.tokens;
    if !line.contains(&m.token) {
        return false;
    }
    let end = doc.token_at(m.range.end);
    let labelled = is_byline_label(tokens, line.start, (line.start + 2).min(m.token));
    let leads = (line.start..m.token).all(|t| {
        let by = t == line.start && tokens[t].text.eq_ignore_ascii_case("by");
        let label = labelled && t < line.start + 2;
        by || label || is_courtesy_title(k, tokens[t].text) || tokens[t].text == "."
    });
    leads && (end == line.end || (end + 1 == line.end && tokens[end].text == ","))
}

/// Whether mention `m` opens `line`, a short one, but for courtesy titles,
/// and a comma and a post fill the rest ("John Smith, Deputy Secretary of
/// State", "H.E. Ms. Kira Azucena, Deputy Permanent Representative").
fn before_own_post(doc: &DocText, k: &Knowledge, m: &Found, line: &Range<usize>) -> bool {
    let tokens = &doc.tokens;
    let end = doc.token_at(m.range.end);
    let titled = (line.start..m.token).all(|t| is_courtesy_title(k, tokens[t].text) || tokens[t].text == ".");
    line.contains(&m.token)
        && titled
        && line.len() <= 16
        && tokens.get(end).is_some_and(|t| t.text == ",")
        && tokens.get(end + 1).is_some_and(|t| is_role_word(k, t) && t.is_capitalised())
        && end + 1 < line.end
}

/// How long a line must be, in tokens, to be a speaker's turn.
const TURN_TOKENS: usize = 12;

/// The persons who take turns in a transcript: each named alone on a line
/// above a paragraph ("Ambassador Gafoor" / "Excellencies, distinguished
/// delegates …"), when the text has two or more such turns (a country or
/// body may take one: "Spain" / "Thank you, Mr. Chair …").
pub fn turn_takers(doc: &DocText, mentions: &[Found], k: &Knowledge) -> Vec<usize> {
    let body: Vec<&Range<usize>> = doc.lines.iter().filter(|l| l.start >= doc.title.end && !l.is_empty()).collect();
    let mut turns = 0;
    let mut persons: Vec<usize> = Vec::new();
    for pair in body.windows(2) {
        let (line, next) = (pair[0], pair[1]);
        if next.len() < TURN_TOKENS {
            continue;
        }
        // Mentions are in text order: only the line's own are looked at.
        let first = mentions.partition_point(|m| m.token < line.start);
        let mut on_line = (first..mentions.len()).take_while(|&m| mentions[m].token < line.end);
        let Some(speaker) = on_line.find(|&m| alone_on_line(doc, k, &mentions[m], line)) else { continue };
        turns += 1;
        let m = &mentions[speaker];
        if m.etype == EntityType::Person && !persons.iter().any(|&p| mentions[p].name == m.name) {
            persons.push(speaker);
        }
    }
    if turns >= 2 {
        persons
    } else {
        Vec::new()
    }
}

/// The persons who open a line of the body with their name and a colon, as
/// an interview prints its answers ("Sergey Lavrov: The visit is …"), or
/// with a label in capitals that ends in their surname.
fn answering(doc: &DocText, mentions: &[Found]) -> Vec<usize> {
    let tokens = &doc.tokens;
    let opens_answer = |m: &Found| {
        let end = doc.token_at(m.range.end);
        doc.line_of(m.token).is_some_and(|line| line.start == m.token) && tokens.get(end).is_some_and(|t| t.text == ":")
    };
    let mut speakers: Vec<usize> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let body = m.token >= doc.title.end;
        if m.etype == EntityType::Person
            && body
            && opens_answer(m)
            && !speakers.iter().any(|&s| mentions[s].name == m.name)
        {
            speakers.push(i);
        }
    }
    for i in capitalised_labels(doc, mentions) {
        if !speakers.iter().any(|&s| mentions[s].name == mentions[i].name) {
            speakers.push(i);
        }
    }
    speakers
}

/// The persons a transcript's labels in capitals name by surname
/// ("DEPUTY SECRETARY SULLIVAN: Well, good morning …"): each label's last
/// word is the surname of a person the document names in full.
fn capitalised_labels(doc: &DocText, mentions: &[Found]) -> Vec<usize> {
    let tokens = &doc.tokens;
    let mut found = Vec::new();
    for line in doc.lines.iter().filter(|l| l.start >= doc.title.end) {
        let label = line.clone().take(5).take_while(|&t| tokens[t].text != ":");
        let words: Vec<&str> = label.map(|t| tokens[t].text).collect();
        let labelled =
            words.len() < 5 && line.start + words.len() < line.end && tokens[line.start + words.len()].text == ":";
        let capitals = |w: &&str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
        let Some(surname) = words.last().filter(|_| labelled && words.iter().all(capitals)) else { continue };
        let named = mentions.iter().position(|m| {
            m.etype == EntityType::Person
                && m.name.contains(' ')
                && m.name.rsplit(' ').next().is_some_and(|last| last.to_uppercase() == *surname)
        });
        if let Some(m) = named.filter(|m| !found.contains(m)) {
            found.push(m);
        }
    }
    found
}

/// How many sentences of the body may name the holders of a title's posts.
const POST_HOLDER_SENTENCES: usize = 3;

/// A title that gives its speakers' posts but not their names ("Deputy
/// Foreign Minister of the Russian Federation: … - TASS interview", "Joint
/// Statement by the Presidents of …"): the persons of the body's opening
/// sentences who hold one of those posts ("Russian Deputy Foreign Minister
/// Oleg Syromolotov, in a special interview with TASS, …"), a "Deputy
/// Foreign Minister" not being a "Foreign Minister".
fn holders_of_posts(
    doc: &DocText,
    mentions: &[Found],
    k: &Knowledge,
    title_posts: impl Iterator<Item = usize>,
) -> Vec<usize> {
    let tokens = &doc.tokens;
    let words: Vec<&str> = title_posts.map(|t| tokens[t].base()).collect();
    let posts: Vec<Vec<&str>> = (0..words.len()).filter_map(|i| post_ending_at(k, &words, i)).collect();
    if posts.is_empty() {
        return Vec::new();
    }
    let opening = doc.sentences.iter().filter(|s| s.start >= doc.title.end).take(POST_HOLDER_SENTENCES);
    let opening_end = opening.last().map_or(doc.title.end, |s| s.end);
    let holds = |role: &String| {
        let words: Vec<&str> = role.split(' ').collect();
        (0..words.len()).filter_map(|i| post_ending_at(k, &words, i)).any(|post| posts.contains(&post))
    };
    (0..mentions.len())
        .filter(|&m| {
            let found = &mentions[m];
            found.etype == EntityType::Person
                && (doc.title.end..opening_end).contains(&found.token)
                && found.roles.iter().any(holds)
        })
        .collect()
}

/// The post whose head is `words[i]` ("Minister", a plural as its singular)
/// with the post words right before it ("Deputy Foreign").
fn post_ending_at<'w>(k: &Knowledge, words: &[&'w str], i: usize) -> Option<Vec<&'w str>> {
    let word = words[i];
    let head = [word, word.strip_suffix('s').unwrap_or(word)].into_iter().find(|w| k.role_head_ends.contains(*w))?;
    let first = (0..i).rev().take_while(|&j| k.role_words.contains(words[j])).last().unwrap_or(i);
    let mut post = words[first..i].to_vec();
    post.push(head);
    Some(post)
}

/// The first speaking occasion a title names ("Regular Press Conference"),
/// as its first and last token.
fn occasion_in(doc: &DocText, k: &Knowledge) -> Option<(usize, usize)> {
    let tokens = &doc.tokens;
    doc.title.clone().find_map(|t| {
        k.lexicon.speaking_occasions.iter().find_map(|words| {
            let end = t + words.len();
            let matches = end <= doc.title.end
                && words.iter().zip(&tokens[t..end]).all(|(w, token)| token.text.eq_ignore_ascii_case(w));
            matches.then(|| (t, end - 1))
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::Knowledge;
    use crate::model::{EntityType, Extraction, Source};

    fn extract(text: &str) -> Extraction {
        let k = Knowledge::builtin().unwrap();
        let source = Source { name: "test.txt".to_string(), text: text.to_string() };
        crate::pipeline::run_sources(&[source], &k)
    }

    /// Each person's label, roles and the label of whom they speak for.
    fn persons(text: &str) -> Vec<(String, Vec<String>, Option<String>)> {
        let x = extract(text);
        x.entities
            .iter()
            .filter(|e| e.etype == EntityType::Person)
            .map(|e| (e.label.clone(), e.roles.clone(), e.affiliation.map(|a| x.entities[a.0].label.clone())))
            .collect()
    }

    /// The labels of the first document's speakers.
    fn first_speakers(text: &str) -> Vec<String> {
        let x = extract(text);
        x.documents[0].speakers.iter().map(|s| x.entities[s.0].label.clone()).collect()
    }

    fn person(text: &str, name: &str) -> (Vec<String>, Option<String>) {
        let all = persons(text);
        let found = all.iter().find(|(label, _, _)| label == name);
        let (_, roles, affiliation) = found.unwrap_or_else(|| panic!("{name} not found in {all:?}"));
        (roles.clone(), affiliation.clone())
    }

    #[test]
    fn a_modifier_may_open_a_post_and_a_nationality_after_it_names_whom_the_post_speaks_for() {
        let text = "His Excellency, Simon Fellows, Acting Australian High Commissioner to Malaysia, welcomed them.\n";
        assert_eq!(person(text, "Simon Fellows").1.as_deref(), Some("Australia"));
        let text = "The delegation was led by Muanpuii Saiawi, the Joint Secretary of the Cyber Division.\n";
        assert_eq!(person(text, "Muanpuii Saiawi").0, ["Joint Secretary of the Cyber Division"]);
    }

    #[test]
    fn a_national_body_opening_a_post_names_its_country_over_the_country_the_post_is_about() {
        let text = "They met U.S. State Department Special Representative for North Korea Jung Pak in Tokyo.\n";
        assert_eq!(person(text, "Jung Pak").1.as_deref(), Some("United States"));
        let text = "Russian Foreign Ministry Spokeswoman Maria Zakharova told reporters.\n";
        assert_eq!(person(text, "Maria Zakharova").1.as_deref(), Some("Russia"));
    }

    #[test]
    fn honorifics_of_many_countries_lead_a_name_and_a_headline_verb_is_no_name() {
        let labels = |text: &str| persons(text).into_iter().map(|(label, _, _)| label).collect::<Vec<_>>();
        assert_eq!(
            labels("The Governor of the Authority, Eng. Karim Haddad, opened it. Eng. Haddad spoke.\n"),
            ["Karim Haddad"]
        );
        assert_eq!(labels("Foreign Minister Datuk Seri Amir Hasan leads the delegation.\n"), ["Amir Hasan"]);
        // An address's post box is no initialled name.
        assert!(labels("Embassy\n\nP.O. Box 9101\n6109002 Tel Aviv, Israel\n").is_empty());
        assert_eq!(labels("Ms. Debjani Ghosh,\nPresident Designate, NASSCOM\n"), ["Debjani Ghosh"]);
        assert_eq!(
            labels("He thanked Crown Prince Khalid bin Faisal bin Saad Al Rashid for his support.\n"),
            ["Khalid bin Faisal bin Saad Al Rashid"]
        );
        assert_eq!(labels("Technology Threatens Security in Evolution to Armaments, Speaker Tells First Committee\n\nThe Committee met.\n"), Vec::<String>::new());
    }

    #[test]
    fn a_presenter_label_or_a_capitalised_delivered_by_names_the_speaker() {
        let page = "Seventh session of the Working Group on ICT security\n\nMonday, 04 March 2024\nPresenter:\n\
                    Director Ana Cruz\nLocation:\nNew York\n\nThank you, Chair.\n";
        assert_eq!(first_speakers(page), ["Ana Cruz"]);
        let page = "Arria-formula meeting on cyber threats\n\nDelivered By: Her Excellency Lana Kowal, Ambassador\n\n\
                    Thank you, Madam Chair.\n";
        assert_eq!(first_speakers(page), ["Lana Kowal"]);
    }

    #[test]
    fn a_post_a_comma_and_a_name_ending_the_sentence_introduce_the_person() {
        let text = "On 3 May the Secretary-General met with Secretary-General of the World Postal Bureau (WPB), \
                    Keiran Zolt.\n\nThey spoke of standards.\n";
        assert_eq!(person(text, "Keiran Zolt").0, ["Secretary-General of the World Postal Bureau (WPB)"]);
    }

    #[test]
    fn a_post_with_its_division_in_brackets_or_its_ministry_after_a_comma_introduces_the_name() {
        let text = "The talks were co-chaired by Joint Secretary (Cyber Policy Division), Lalremruati Khiangte \
                    from the Ministry of External Affairs.\n";
        assert_eq!(
            person(text, "Lalremruati Khiangte"),
            (vec!["Joint Secretary (Cyber Policy Division)".to_string()], Some("India".to_string()))
        );
        let text = "Joint Secretary of Cyber Policy Division, Ministry of External Affairs (MEA), Lalremruati \
                    Khiangte led the delegation.\n";
        let (roles, affiliation) = person(text, "Lalremruati Khiangte");
        assert_eq!(roles, ["Joint Secretary of Cyber Policy Division, Ministry of External Affairs (MEA)"]);
        assert_eq!(affiliation.as_deref(), Some("India"));
    }

    #[test]
    fn capitalised_particles_join_a_name_and_a_lower_case_post_may_be_for_a_portfolio() {
        let labels = |text: &str| persons(text).into_iter().map(|(label, _, _)| label).collect::<Vec<_>>();
        assert_eq!(
            labels("We value the initiatives of Prince Khalid Bin Faisal Bin Saad announced at the forum.\n"),
            ["Khalid Bin Faisal Bin Saad"]
        );
        let text =
            "Ivan Kowal, minister for the Communications Security Bureau (CSB), said on Monday that it was so.\n";
        assert_eq!(person(text, "Ivan Kowal").0, ["minister for the Communications Security Bureau"]);
    }

    #[test]
    fn an_earlier_holder_ends_a_post_and_an_envoy_speaks_for_its_sender_not_its_posting() {
        let text = "The Ruritanian Prime Minister Kowal and the Netherlands Prime Minister Zed Marek met.\n";
        assert_eq!(
            person(text, "Zed Marek"),
            (vec!["Netherlands Prime Minister".to_string()], Some("Netherlands".to_string()))
        );
        let text = "Joaquín Ruiz, Ambassador to the UN, spoke on Friday.\n";
        assert_eq!(person(text, "Joaquín Ruiz"), (vec!["Ambassador to the UN".to_string()], None));
        let text = "Ana Cruz, Permanent Representative of Chile to the United Nations, spoke.\n";
        assert_eq!(person(text, "Ana Cruz").1.as_deref(), Some("Chile"));
    }

    #[test]
    fn a_post_may_be_at_a_body() {
        let text = "Syria’s Permanent Representative at the United Nations Kamal Haddad has stressed it.\n";
        assert_eq!(
            person(text, "Kamal Haddad"),
            (vec!["Syria’s Permanent Representative at the United Nations".to_string()], Some("Syria".to_string()))
        );
        let text = "Robert Kowal, Deputy Assistant Secretary for Cyber Policy at the Department of State, led it.\n";
        assert_eq!(person(text, "Robert Kowal").1.as_deref(), Some("United States"));
        // A country opening an event's name is no body the post is at.
        let text = "News\n\nThe talks ended. Viktor Kowal, Press Secretary at the Singapore International Cyber \
                    Week, said so.\n";
        assert_eq!(person(text, "Viktor Kowal").1, None);
    }

    #[test]
    fn a_courtesy_title_opening_a_line_takes_no_post_from_the_line_before() {
        let text = "Address\n\nMs Ana Cruz, Under-Secretary-General of the United Nations\n\
                    Mrs Lena Park, Minister for Communications,\nDistinguished Guests,\n\nWelcome.\n";
        assert_eq!(person(text, "Lena Park"), (vec!["Minister for Communications".to_string()], None));
    }

    #[test]
    fn a_body_in_the_comma_segment_after_an_apposed_post_names_whom_it_speaks_for() {
        let text = "The talks were led by Dr Keiran Zolt, Ambassador for Cyber Affairs, Department of Foreign \
                    Affairs and Trade of the Government of Australia.\n";
        assert_eq!(
            person(text, "Keiran Zolt"),
            (vec!["Ambassador for Cyber Affairs".to_string()], Some("Australia".to_string()))
        );
        // A name modifying the unit's name is not whom the unit belongs to.
        let text = "The delegation was led by Mr Keiran Zolt, Acting Chief Director, UN Political, Peace and \
                    Security.\n";
        assert_eq!(person(text, "Keiran Zolt").1, None);
    }

    #[test]
    fn an_apposed_post_runs_through_in_the_country_but_not_into_the_occasion() {
        let text = "Statement by H.E. Mr. Jan Kowal, Ambassador and Permanent Representative of Ruritania to the \
                    United Nations in the First Substantive Session of the Working Group\n\nMr. Chair, we spoke.\n\n\
                    We met Mr. Karl Weiss, Ambassador of Ruritania in the Kingdom of Borduria, at the talks.\n";
        assert_eq!(
            person(text, "Jan Kowal").0,
            ["Ambassador", "Permanent Representative of Ruritania to the United Nations"]
        );
        assert_eq!(person(text, "Karl Weiss").0, ["Ambassador of Ruritania in the Kingdom of Borduria"]);
    }

    #[test]
    fn a_post_naming_a_country_right_before_the_name_gives_roles_and_affiliation() {
        let text =
            "Statement\n\nThe minister met Foreign Minister of the Republic of Chile Gabriela Morales in Geneva.\n";
        assert_eq!(
            person(text, "Gabriela Morales"),
            (vec!["Foreign Minister of the Republic of Chile".to_string()], Some("Chile".to_string()))
        );
    }

    #[test]
    fn two_posts_joined_by_and_after_another_person_belong_to_the_second() {
        let text = "Article\n\nAn article by Foreign Minister Maria Lopez and First Deputy Prime Minister and \
                    Foreign Minister of the Republic of Kenya Peter Otieno appeared today.\n";
        let (roles, affiliation) = person(text, "Peter Otieno");
        assert_eq!(roles, ["First Deputy Prime Minister", "Foreign Minister of the Republic of Kenya"]);
        assert_eq!(affiliation.as_deref(), Some("Kenya"));
    }

    #[test]
    fn a_post_does_not_reach_across_lines_or_into_the_next_persons_title() {
        let text = "Statement\n\nChancellor of the Federal Republic of Austria Karl Huber\n\
                    President of the Republic of Peru H.E. Ana Quispe, President of the Argentine Republic H.E. \
                    Luis Gomez met in Lima.\n";
        assert_eq!(
            person(text, "Ana Quispe"),
            (vec!["President of the Republic of Peru".to_string()], Some("Peru".to_string()))
        );
        let (roles, _) = person(text, "Luis Gomez");
        assert_eq!(roles, ["President of the Argentine Republic"]);
        assert!(persons(text).iter().all(|(label, _, _)| label != "H.E"), "{:?}", persons(text));
    }

    #[test]
    fn a_country_adjective_or_possessive_before_a_proposal_makes_it_the_proposer() {
        let x = extract(
            "Statement\n\nWe will continue to oppose the Russian draft convention on cybercrime.\n\
             We discussed China's draft agreement on data security.\n",
        );
        assert_eq!(
            x.labelled(crate::model::Predicate::Proposed),
            [("China", "China's draft agreement on data security"), ("Russia", "draft convention on cybercrime")]
        );
    }

    #[test]
    fn a_body_before_a_capitalised_word_is_not_a_post() {
        let text = "Statement\n\nThe UN Member States agreed. The OSCE Officials met.\n";
        assert!(persons(text).is_empty(), "{:?}", persons(text));
    }

    #[test]
    fn a_middle_initial_stays_inside_the_name_and_state_is_no_post() {
        let text =
            "Statement\n\nSecretary of State Michael R. Pompeo welcomed the Responsible State Behavior agenda.\n";
        assert_eq!(
            persons(text).into_iter().map(|(label, roles, _)| (label, roles)).collect::<Vec<_>>(),
            [("Michael R. Pompeo".to_string(), vec!["Secretary of State".to_string()])]
        );
    }

    #[test]
    fn initials_glued_to_or_apart_from_a_surname_name_a_person() {
        let text = "Speech by Deputy Minister of Foreign Affairs of the Republic of Chile P.A. Rojas in Lima\n\
                    We thanked T.Okafor and K. L. Mensah for their work.\n\
                    H.E. Anna Berg spoke after the U.S. Department of State.\n\
                    B. Recommendations\n";
        let (roles, affiliation) = person(text, "P.A. Rojas");
        assert_eq!(roles, ["Deputy Minister of Foreign Affairs of the Republic of Chile"]);
        assert_eq!(affiliation.as_deref(), Some("Chile"));
        let mut labels: Vec<String> = persons(text).into_iter().map(|(label, _, _)| label).collect();
        labels.sort();
        // A courtesy title is no initial; one initial alone, with nothing to
        // introduce it, is a list's letter.
        assert_eq!(labels, ["Anna Berg", "K. L. Mensah", "P.A. Rojas", "T.Okafor"]);
    }

    #[test]
    fn a_name_in_apposition_to_a_post_is_a_person_without_a_known_given_name() {
        let text = "Statement\n\nOkonkwo Nwosu, Permanent Representative of Kenya to the United Nations, \
                    was elected Chair. The Group on Cyber Resilience, Chair of the session, met.\n";
        let (roles, affiliation) = person(text, "Okonkwo Nwosu");
        assert_eq!(roles, ["Permanent Representative of Kenya to the United Nations"]);
        assert_eq!(affiliation.as_deref(), Some("Kenya"));
        // The tail of a longer name before a post is no person.
        assert_eq!(persons(text).len(), 1, "{:?}", persons(text));
    }

    #[test]
    fn an_intervention_by_a_person_has_that_person_for_speaker() {
        let page = "Intervention by Counselor Li Wei, Head of Chinese Delegation, on Supply-Chain Security\n\n\
                    Mr. Chair,\n\nI would like to elaborate on our position.\n";
        assert_eq!(first_speakers(page), ["Li Wei"]);
    }

    #[test]
    fn a_byline_under_a_genre_label_names_the_speaker() {
        let page = "Keynote address\n\nby Secretary General Jan Novak at the Cyber Defence Conference in Tartu\n\n\
                    Ladies and gentlemen.\n\nGood morning and welcome to this conference.\n";
        assert_eq!(first_speakers(page), ["Jan Novak"]);
    }

    #[test]
    fn a_press_conference_or_briefing_names_its_speakers_as_a_genre_does() {
        let titles = [
            ("Foreign Ministry Spokesperson Mei Tanaka's Regular Press Conference on May 3, 2021", "Mei Tanaka"),
            ("Briefing by Foreign Ministry Spokesperson Ivan Petrov, Moscow, May 5, 2020", "Ivan Petrov"),
        ];
        for (title, speaker) in titles {
            let x = extract(&format!("{title}\n\nQ: Will the talks resume?\n\nA: They will.\n"));
            let document = &x.documents[0];
            let speakers: Vec<&str> = document.speakers.iter().map(|s| x.entities[s.0].label.as_str()).collect();
            assert_eq!(speakers, [speaker], "{title}");
            assert_eq!(document.kind, crate::model::DocKind::NewsItem, "{title}");
        }
    }

    #[test]
    fn an_interview_with_a_person_has_that_person_for_speaker() {
        let interview =
            first_speakers("Interview with Dr Tobias Feakin on cyber strategies\n\nIn 2016, the post was created.\n");
        assert_eq!(interview, ["Tobias Feakin"]);
        // A statement "with" someone names no speaker so.
        let statement =
            first_speakers("Joint statement with Dr Tobias Feakin on cyber strategies\n\nThe post was created.\n");
        assert!(statement.is_empty());
    }

    #[test]
    fn a_title_giving_posts_without_names_has_the_holders_of_those_posts_in_the_opening_for_speakers() {
        let interview = "Deputy Foreign Minister of Ruritania: talks will go on - TASS interview\n\n\
                         Ivan Petrov — about the talks. Ruritanian Deputy Foreign Minister Ivan Petrov, \
                         in an interview with TASS, spoke about the talks.\n";
        assert_eq!(first_speakers(interview), ["Ivan Petrov"]);
        let joint = "Joint Statement by the Presidents of France and Kenya\n\n\
                     President of France Jean Dupont and President of Kenya Grace Mwangi met in Paris. \
                     Prime Minister Ali Hassan joined them.\n";
        assert_eq!(first_speakers(joint), ["Jean Dupont", "Grace Mwangi"]);
        // A deputy does not hold the post of the one they deputise for.
        let ministers = "Joint Statement by the Foreign Ministers of France and Kenya\n\n\
                         Deputy Foreign Minister Jean Dupont noted the statement.\n";
        assert_eq!(first_speakers(ministers), Vec::<String>::new());
    }

    #[test]
    fn an_interview_naming_no_one_in_its_title_has_for_speaker_who_opens_the_answers() {
        let interview = "Interview to the Daily News on current issues\n\nQuestion: Is the visit historic?\n\
                         Ivan Petrov: It is, as Maria Lopez said: historic.\nQuestion: And next?\nIvan Petrov: Talks.\n";
        assert_eq!(first_speakers(interview), ["Ivan Petrov"]);
    }

    #[test]
    fn a_name_alone_under_a_title_naming_no_one_is_its_author_who_speaks_for_no_country() {
        let speakers_and_represented = |text: &str| {
            let x = extract(text);
            let label = |id: crate::model::EntityId| x.entities[id.0].label.clone();
            let speakers: Vec<String> = x.documents[0].speakers.iter().map(|&s| label(s)).collect();
            let represented: Vec<String> = x
                .relations
                .iter()
                .filter(|r| r.predicate == crate::model::Predicate::Represents)
                .map(|r| label(r.object))
                .collect();
            (speakers, represented)
        };
        let body = "Chile backs the talks. Chile and Peru met. Chile will host them.\n";
        let (speakers, represented) =
            speakers_and_represented(&format!("The fight over cyber norms\n\nIvan Petrov\n\n{body}"));
        assert_eq!((speakers, represented), (vec!["Ivan Petrov".to_string()], vec![]));
        let (speakers, _) =
            speakers_and_represented(&format!("The fight over cyber norms\n\nBy Dr. Ivan Petrov,\n{body}"));
        assert_eq!(speakers, ["Ivan Petrov"]);
        // A name inside a sentence, or below the first lines, is no byline.
        let (speakers, _) =
            speakers_and_represented(&format!("The fight over cyber norms\n\nIvan Petrov spoke.\n{body}"));
        assert!(speakers.is_empty());
        let late = format!("The fight over cyber norms\n\nOne.\nTwo.\nThree.\nIvan Petrov\n{body}");
        assert!(speakers_and_represented(&late).0.is_empty());
    }

    #[test]
    fn a_title_naming_no_one_has_for_speaker_whom_its_lead_line_names() {
        let x = extract(
            "EU Statement – Open-Ended Working Group on ICT: General exchange of views\n\n\
             13 December 2021, New York – Statement by the European Union delivered by Mei Tanaka, Head of \
             Cyber Policy, at the Open-Ended Working Group\n\nMr. Chairman,\n",
        );
        let speakers: Vec<&str> = x.documents[0].speakers.iter().map(|s| x.entities[s.0].label.as_str()).collect();
        assert_eq!(speakers, ["Mei Tanaka"]);
    }

    #[test]
    fn the_byline_heading_of_a_header_block_or_the_titles_brackets_name_the_speaker() {
        let byline = "Statement at the Security Council Briefing on Ransomware\n\nDATE\n2024-11-08\n\n\
                      Remarks by H.E.Amb. LEE Taeho\n\nHit\n9793\n\nThe Republic of Korea welcomes this timely \
                      meeting on ransomware.\n";
        assert_eq!(first_speakers(byline), ["LEE Taeho"]);
        let bracketed = "Statement at the Security Council Briefing on Ransomware(Amb. Joonkook Hwang)\n\n\
                         The Republic of Korea welcomes this timely meeting on ransomware.\n";
        assert_eq!(first_speakers(bracketed), ["Joonkook Hwang"]);
    }

    #[test]
    fn a_titled_given_name_takes_a_surname_in_capitals() {
        let text = "Statement\n\nStatement by H.E Joonkook HWANG, Permanent Representative of the Republic of \
                    Korea.\n";
        assert_eq!(
            person(text, "Joonkook HWANG"),
            (vec!["Permanent Representative of the Republic of Korea".to_string()], Some("South Korea".to_string()))
        );
    }

    #[test]
    fn a_salutation_lines_post_ends_before_its_comma() {
        let text = "Address at the opening of the Conference\n\nYour Excellency Engineer Mohamed bin Omar,\n\n\
                    Secretary-General of the Arab Organisation for Communication Technologies,\n\n\
                    Ladies and Gentlemen,\n\nI am pleased to open the conference.\n";
        assert_eq!(
            person(text, "Mohamed bin Omar").0,
            ["Secretary-General of the Arab Organisation for Communication Technologies"]
        );
    }

    #[test]
    fn a_division_after_a_post_is_no_person() {
        let text = "Statement by Ms. Muanpuii Saiawi, Joint Secretary, Cyber Diplomacy\n\nMr. Chair, we thank you.\n";
        let names: Vec<String> = persons(text).into_iter().map(|(label, _, _)| label).collect();
        assert_eq!(names, ["Muanpuii Saiawi"]);
    }

    #[test]
    fn a_title_of_no_genre_opening_with_a_person_at_an_occasion_speaking_or_quoted_names_the_speaker() {
        assert_eq!(first_speakers("President Kaljulaid at the opening of CyCon\n\nShe spoke.\n"), ["Kaljulaid"]);
        assert_eq!(
            first_speakers("Minister Jan Kowal addresses the UN Security Council on Cyber Security\n\nHe spoke.\n"),
            ["Jan Kowal"]
        );
        assert_eq!(first_speakers("Jan Kowal: Ruritania Proposes Data Rules\n\nHe spoke.\n"), ["Jan Kowal"]);
        assert_eq!(first_speakers("Jan Kowal visits the Council of Europe\n\nHe met.\n"), [] as [&str; 0]);
        assert_eq!(
            first_speakers("Talks with President Kaljulaid at the opening of CyCon\n\nWe met.\n"),
            [] as [&str; 0]
        );
    }

    #[test]
    fn a_lower_case_post_takes_the_body_before_it() {
        let text = "News\n\nChinese Foreign Ministry spokesman Wang Wenbin presided over a news conference.\n";
        assert_eq!(
            person(text, "Wang Wenbin"),
            (vec!["Chinese Foreign Ministry spokesman".to_string()], Some("China".to_string()))
        );
    }

    #[test]
    fn a_portfolio_joined_by_and_is_one_post_and_a_dutch_particle_joins_a_name() {
        let text = "Opening remarks by Jean-Yves Le Drian, Minister for Europe and Foreign Affairs\n\nWe met.\n";
        assert_eq!(person(text, "Jean-Yves Le Drian").0, ["Minister for Europe and Foreign Affairs"]);
        let text = "Statement\n\nDelivered by H.E. Robert in den Bosch, Permanent Representative to the \
                    Conference on Disarmament\n";
        assert_eq!(
            person(text, "Robert in den Bosch").0,
            ["Permanent Representative to the Conference on Disarmament"]
        );
    }

    #[test]
    fn a_post_a_comma_and_a_titled_name_ending_the_sentence() {
        let text = "News\n\nIt also featured the Minister of Communications, Honorable Ursula Owusu-Ekuful. \
                    Other guests came.\n";
        assert_eq!(person(text, "Ursula Owusu-Ekuful").0, ["Minister of Communications"]);
    }

    #[test]
    fn in_a_list_of_attendees_each_post_is_of_the_name_after_it() {
        let text = "Ministers met\n\nThe meeting was attended by Minister of External Affairs of the Republic of \
                    India Ravi Kumar, Minister of Foreign Affairs of the Republic of Kenya Grace Mwangi, member of \
                    the Council and Foreign Minister of the People's Republic of China (PRC) Li Wei, Foreign Minister \
                    of the Kyrgyz Republic Asel Bekova.\n";
        let india = ["Minister of External Affairs of the Republic of India".to_string()];
        assert_eq!(person(text, "Ravi Kumar"), (india.to_vec(), Some("India".to_string())));
        let kenya = ["Minister of Foreign Affairs of the Republic of Kenya".to_string()];
        assert_eq!(person(text, "Grace Mwangi"), (kenya.to_vec(), Some("Kenya".to_string())));
        assert_eq!(person(text, "Li Wei").1.as_deref(), Some("China"));
        let kyrgyz = ["Foreign Minister of the Kyrgyz Republic".to_string()];
        assert_eq!(person(text, "Asel Bekova"), (kyrgyz.to_vec(), Some("Kyrgyzstan".to_string())));
    }

    #[test]
    fn a_bracketed_acronym_may_stand_between_a_post_and_the_name() {
        let text = "Ministers met\n\nThe meeting was attended by Foreign Minister of the People's Republic of \
                    China (PRC) Li Wei and others.\n";
        let post = "Foreign Minister of the People's Republic of China (PRC)".to_string();
        assert_eq!(person(text, "Li Wei"), (vec![post], Some("China".to_string())));
    }

    #[test]
    fn a_byline_name_may_end_in_a_comma_and_its_post_carry_a_bracketed_remark() {
        let text =
            "India Statement by Dr. Ravi Kumar,\n\nJoint Secretary [Cyber Diplomacy]\n\n12 March 2021\n\nMr Chair,\n";
        assert_eq!(person(text, "Ravi Kumar").0, ["Joint Secretary"]);
        // A salutation under the name is no post.
        for salutation in ["Madam Chair", "Mr. President", "Distinguished Chair"] {
            let text = format!("Statement by Ambassador Ravi Kumar\n\n{salutation}\n\nThank you.\n");
            assert_eq!(person(&text, "Ravi Kumar").0, ["Ambassador"], "{salutation}");
        }
    }

    #[test]
    fn a_given_name_after_a_full_name_opens_the_next_persons_name() {
        let caption = "Article\n\nDeputy Foreign Minister Ivan Petrov Sergey Volkov/TASS\n\nThe talks went on.\n";
        let labels: Vec<String> = persons(caption).into_iter().map(|(label, _, _)| label).collect();
        assert!(labels.contains(&"Ivan Petrov".to_string()), "{labels:?}");
        assert!(!labels.iter().any(|l| l.contains("Petrov Sergey")), "{labels:?}");
        // Two given names open one name, and a particle joins one.
        assert_eq!(persons("Article\n\nWe met Mary Anne Smith in Geneva.\n")[0].0, "Mary Anne Smith");
        assert_eq!(persons("Article\n\nWe met Khalid bin Ahmed Al Khalifa.\n")[0].0, "Khalid bin Ahmed Al Khalifa");
    }

    #[test]
    fn a_past_tense_verb_ends_a_post_and_ambassador_at_large_is_one() {
        let text = "Article\n\nOn Monday, Mr. Ivan Petrov, Coordinator for Cyber Affairs of the Ministry of Foreign \
                    Affairs took an exclusive interview with a correspondent.\n";
        assert_eq!(person(text, "Ivan Petrov").0, ["Coordinator for Cyber Affairs of the Ministry of Foreign Affairs"]);
        let text = "Article\n\nThat is the comment of Ambassador-at-large for Cyber Affairs of Kenya Rein Kask.\n";
        assert_eq!(
            person(text, "Rein Kask"),
            (vec!["Ambassador-at-large for Cyber Affairs of Kenya".to_string()], Some("Kenya".to_string()))
        );
    }

    #[test]
    fn words_of_headlines_posts_and_bodies_name_no_one() {
        let text = "First Committee Delegates Exchange Views on Tools\n\nSpeaking were Ambassador Extraordinary and \
                    Plenipotentiary A.V. Krutskikh, the General Prosecutor's Office and the Cabinet Secretariat.\n";
        let labels: Vec<String> = persons(text).into_iter().map(|(label, _, _)| label).collect();
        assert_eq!(labels, ["A.V. Krutskikh"]);
    }

    #[test]
    fn a_name_under_courtesy_titles_before_its_own_post_is_the_byline() {
        let text = "First Substantive Session of the Working Group\n\nMonday, 09 September 2019\n\
                    H.E. Ms. Kira Azucena, Deputy Permanent Representative\n\nI wish to congratulate the chair.\n";
        assert_eq!(first_speakers(text), ["Kira Azucena"]);
        let sentence = "First Substantive Session of the Working Group\n\nMonday, 09 September 2019\n\
                        We heard Ms. Kira Azucena, Deputy Permanent Representative\n\nI congratulate the chair.\n";
        assert_eq!(first_speakers(sentence), Vec::<String>::new());
    }

    #[test]
    fn a_byline_gives_the_post_and_a_post_never_reaches_onto_the_next_line() {
        let text = "Remarks by Ambassador Grace Mwangi at a Security Council Meeting\n\n\
                    Ambassador Grace Mwangi\nKenyan Representative to the United Nations\nNew York, New York\n\n\
                    Thank you, Madam President. The attacks on Ukraine and on Ukraine's grid go on.\n";
        let (roles, affiliation) = person(text, "Grace Mwangi");
        assert_eq!(roles, ["Ambassador", "Kenyan Representative to the United Nations"]);
        assert_eq!(affiliation.as_deref(), Some("Kenya"));
        assert_eq!(persons(text).len(), 1, "{:?}", persons(text));
        // The speaker speaks for their byline's country, not for the country
        // the page names most.
        let x = extract(text);
        assert_eq!(x.labelled(crate::model::Predicate::Represents), [("Grace Mwangi", "Kenya")]);
    }

    #[test]
    fn a_speaker_with_no_country_speaks_for_the_country_a_page_names_most_and_more_than_once_unless_two_tie() {
        let represents = |body: &str| {
            let x = extract(&format!("Remarks by Ambassador Grace Mwangi at the Open Debate\n\n{body}\n"));
            let pairs = x.labelled(crate::model::Predicate::Represents);
            pairs.into_iter().map(|(s, o)| (s.to_string(), o.to_string())).collect::<Vec<_>>()
        };
        assert_eq!(represents("The attacks on Ukraine worry Chile."), []);
        // Named once, a country is more likely a host's or a partner's.
        assert_eq!(represents("We thank Kenya's chairmanship for the debate."), []);
        // Unless the title names it: then "we" are that country.
        let titled = extract("Statement by the Delegation of Kenya at the Open Debate\n\nWe support the UN Charter.\n");
        assert_eq!(titled.labelled(crate::model::Predicate::Supported), [("Kenya", "UN Charter")]);
        let home = "Kenya welcomes the debate. Kenya hosted the talks with Chile.";
        assert_eq!(represents(home), [("Grace Mwangi".to_string(), "Kenya".to_string())]);
        // Chile named in another person's post is named for them.
        let guest = "We met Foreign Minister of Chile Ana Rojas. Chile and Kenya agreed.";
        assert_eq!(represents(guest), [("Ana Rojas".to_string(), "Chile".to_string())]);
    }

    #[test]
    fn the_mission_line_under_a_heading_name_or_its_post_says_whom_the_person_speaks_for() {
        let heading = |lines: &str| {
            persons(&format!("Statement by\n{lines}\nNew York, 30 March 2022\n\nMr. Chair, we thank you.\n"))
        };
        let post_then_mission = heading(
            "Mr. Tomas Varga\nFirst Counselor\nPermanent Mission of the Republic of Chile to the United Nations",
        );
        assert_eq!(
            post_then_mission,
            [("Tomas Varga".to_string(), vec!["First Counselor".to_string()], Some("Chile".to_string()))]
        );
        let mission_only = heading("H.E. Mr. Tomas Varga\nEmbassy of Kenya");
        assert_eq!(mission_only, [("Tomas Varga".to_string(), vec![], Some("Kenya".to_string()))]);
        // A sentence under the name is no mission line.
        let sentence = heading("Mr. Tomas Varga\nFirst Counselor\nMission of Chile staff attended the talks.");
        assert_eq!(sentence[0].2, None, "{sentence:?}");
    }

    #[test]
    fn delivered_by_in_the_title_or_a_heading_line_names_the_speaker_on_the_same_line() {
        let in_title = "As delivered by Tomas Varga, Deputy Secretary General of the Council of Europe\n\n\
                        Excellencies,\nThe protocol was opened for signature.\n";
        assert_eq!(first_speakers(in_title), ["Tomas Varga"]);
        let under = "Statement at the open debate on threats\n\n\
                     Statement delivered by H.E. Mr. Rein Kask, Permanent Representative of Estonia\n\n\
                     We thank Kenya and Rosa Quispe for the debate.\n";
        assert_eq!(first_speakers(under), ["Rein Kask"]);
        // A colon may follow, and "His Excellency" lead the name.
        let colon = "Delivered by: His Excellency Omrad Qasimi, Assistant Minister for Science\n\nMr. President,\n\n\
                     We thank the chair.\n";
        assert_eq!(first_speakers(colon), ["Omrad Qasimi"]);
        // A name further on the line is not the deliverer's.
        let far = "Statement at the open debate\n\nThe text was delivered by the mission of Estonia to \
                   Rein Kask.\n";
        assert_eq!(first_speakers(far), Vec::<String>::new());
    }

    #[test]
    fn a_post_may_end_in_general_or_precede_a_name_after_a_comma_and_delivered_by_names_the_speaker() {
        let text = "Statement delivered by Parliamentary Secretary of the Ministry of Foreign Affairs of Chile, \
                    Rosa Quispe\n\nWe thank the Secretary General Tomas Varga for his report.\n";
        let (roles, affiliation) = person(text, "Rosa Quispe");
        assert_eq!(roles, ["Parliamentary Secretary of the Ministry of Foreign Affairs of Chile"]);
        assert_eq!(affiliation.as_deref(), Some("Chile"));
        assert_eq!(person(text, "Tomas Varga").0, ["Secretary General"]);
        let x = extract(text);
        let speakers: Vec<&str> = x.documents[0].speakers.iter().map(|s| x.entities[s.0].label.as_str()).collect();
        assert_eq!(speakers, ["Rosa Quispe"]);
        // A "by" further on names the speaker when the name ends the title;
        // a "by" inside the subject does not.
        let x = extract(
            "Statement at the Open Debate on “Peace: Threats in Cyberspace” by Deputy Minister of Chile, \
             Rosa Quispe\n\nThank you.\n",
        );
        let speakers: Vec<&str> = x.documents[0].speakers.iter().map(|s| x.entities[s.0].label.as_str()).collect();
        assert_eq!(speakers, ["Rosa Quispe"]);
        let x = extract("Statement on the sanctions imposed by Minister Tomas Varga on Chile\n\nThank you.\n");
        assert!(x.documents[0].speakers.is_empty());
    }

    #[test]
    fn a_post_in_lower_case_after_a_name_gives_roles_and_the_country_of_its_body() {
        let text = "Talks on cyber norms\n\nThe talks went well, said Ivan Petrov, director of the \
                    International Information Security Department of the Russian Foreign Ministry.\n";
        let post = "director of the International Information Security Department of the Russian Foreign Ministry";
        assert_eq!(person(text, "Ivan Petrov"), (vec![post.to_string()], Some("Russia".to_string())));
        // Lower-case post words must lead to "of" or "to": not "…, minister said".
        let text = "Talks on cyber norms\n\nWe met Ivan Petrov, minister said today.\n";
        assert_eq!(person(text, "Ivan Petrov"), (vec![], None));
        // A one-word post in lower case right before the name.
        let text = "Talks on cyber norms\n\nIn this regard, spokeswoman Mei Tanaka responded. Then said Ivan Petrov.\n";
        assert_eq!(person(text, "Mei Tanaka").0, ["spokeswoman"]);
        assert_eq!(person(text, "Ivan Petrov").0, Vec::<String>::new());
    }

    #[test]
    fn a_post_in_apposition_ends_at_a_verb_and_runs_on_through_an_ampersand() {
        let text = "Talks on cyber norms\n\nI thank Mr. Ivan Petrov, Minister of Foreign Affairs of Chile for \
                    organising today's debate, and Ms. Mei Tanaka, Ambassador of Peru, appointed in May.\n";
        let chile = (vec!["Minister of Foreign Affairs of Chile".to_string()], Some("Chile".to_string()));
        assert_eq!(person(text, "Ivan Petrov"), chile);
        assert_eq!(person(text, "Mei Tanaka").0, ["Ambassador of Peru"]);
        let text = "Statement by Mr. Ivan Petrov, Foreign Secretary & High Representative for Cyber Affairs of \
                    Chile\n\nThank you.\n";
        let roles = ["Foreign Secretary", "High Representative for Cyber Affairs of Chile"].map(String::from);
        assert_eq!(person(text, "Ivan Petrov"), (roles.to_vec(), Some("Chile".to_string())));
    }

    #[test]
    fn a_post_in_apposition_may_open_with_its_body_and_end_in_general() {
        let text = "Talks on cyber norms\n\nBriefings were given by Ms. Mei Tanaka, UN Under Secretary General and \
                    High Representative for Disarmament Affairs, and Mr. Ivan Petrov, Russian Deputy Foreign Minister.\n";
        let roles = ["UN Under Secretary General", "High Representative for Disarmament Affairs"].map(String::from);
        assert_eq!(person(text, "Mei Tanaka"), (roles.to_vec(), Some("United Nations".to_string())));
        assert_eq!(
            person(text, "Ivan Petrov"),
            (vec!["Russian Deputy Foreign Minister".to_string()], Some("Russia".to_string()))
        );
    }

    #[test]
    fn military_ranks_introduce_a_name_and_initials_take_the_post_before_them() {
        let text = "Talks on cyber norms\n\nDeputy Minister of Public Security Sen. Lt. Gen. Tran Quoc Hung \
                    met the Secretary of the Security Council of the Russian Federation N.P.Ivanov.\n";
        assert_eq!(person(text, "Tran Quoc Hung").0, ["Deputy Minister of Public Security"]);
        let post = "Secretary of the Security Council of the Russian Federation";
        assert_eq!(person(text, "N.P.Ivanov"), (vec![post.to_string()], Some("Russia".to_string())));
    }

    #[test]
    fn on_behalf_of_a_country_after_the_name_says_whom_a_person_speaks_for() {
        let text = "Meeting on cyber stability\n\nKenji Sato, Deputy Director of the Policy Bureau, \
                    participated on behalf of the Government of Japan. Maria Lopez attended.\n";
        assert_eq!(person(text, "Kenji Sato").1.as_deref(), Some("Japan"));
        assert_eq!(person(text, "Maria Lopez").1, None);
    }

    #[test]
    fn after_of_to_or_for_with_no_article_the_name_holds_only_the_post_that_follows() {
        let text = "Minister Lin Bo will attend as the Special Representative of President Tao Ming.\n\
                    Aide to the President Yuri Kalin spoke. Minister of Foreign Affairs of Peru Ana Rojas came.\n";
        assert_eq!(person(text, "Tao Ming").0, ["President"]);
        assert_eq!(person(text, "Yuri Kalin").0, ["Aide to the President"]);
        assert_eq!(person(text, "Ana Rojas").0, ["Minister of Foreign Affairs of Peru"]);
        let text = "It was issued by the Spokesman for UN Secretary-General Anton Meyer.\n\
                    Minister of Defence Ana Ruiz came. Minister for Defence Carl Berg came too.\n";
        assert_eq!(person(text, "Anton Meyer").0, ["UN Secretary-General"]);
        assert_eq!(person(text, "Ana Ruiz").0, ["Minister of Defence"]);
        assert_eq!(person(text, "Carl Berg").0, ["Minister for Defence"]);
        let text = "“Rules are needed,” said Council of Europe Secretary General Tom Berg on Monday.\n";
        assert_eq!(person(text, "Tom Berg").0, ["Council of Europe Secretary General"]);
        let text = "Minister of Foreign Affairs and Trade Ivan Petrov spoke with the Minister for the Interior \
                    Ana Diaz and with Director of Information Security Lena Vogel.\n\
                    The Minister of Digital Development Eva Cruz and Deputy Minister of Foreign Affairs Nguyen Minh Vu came.\n\
                    It was read by Eva Cruz, Head of International Cyber Policy, EEAS.\n";
        assert_eq!(person(text, "Ivan Petrov").0, ["Minister of Foreign Affairs and Trade"]);
        assert_eq!(person(text, "Ana Diaz").0, ["Minister for the Interior"]);
        assert_eq!(person(text, "Lena Vogel").0, ["Director of Information Security"]);
        assert_eq!(person(text, "Nguyen Minh Vu").0, ["Deputy Minister of Foreign Affairs"]);
        assert_eq!(
            person(text, "Eva Cruz").0,
            ["Minister of Digital Development", "Head of International Cyber Policy"]
        );
        assert!(persons(text).iter().all(|(name, _, _)| name != "Cyber Policy"));
    }

    #[test]
    fn a_country_in_brackets_after_a_name_may_stand_before_its_post_and_says_whom_a_post_with_no_body_speaks_for() {
        let text =
            "Press release\n\nThe Minister thanked Tomas Ferreira (Peru), Chair of the Open-ended working group, \
                    for his leadership. Ambassador Dr. Lena Vogel (Chile) spoke next.\n";
        let (roles, affiliation) = person(text, "Tomas Ferreira");
        assert_eq!(roles, ["Chair of the Open-ended working group"]);
        assert!(affiliation.is_some_and(|body| body.contains("Open-ended Working Group")));
        assert_eq!(person(text, "Lena Vogel").1.as_deref(), Some("Chile"));
    }

    #[test]
    fn a_salutation_block_gives_each_name_the_post_before_its_courtesy_title() {
        let text = "REMARKS BY DEPUTY PM HON. JONE TUI AT THE RECEPTION\n15/04/2025\n6:00 PM GMT+9\n\
                    Honourable Deputy Prime Minister Ravi Lal Fellow Ministers and Assistant Ministers\n\
                    Norway’s Ambassador to Fiji His Excellency Peter Holm Director of Cyber Policy Mr. Tom Lee\n\
                    First Assistant Secretary Critical Infrastructure Partnerships and Programs Ms. Sally Park\n\
                    Ladies and Gentlemen\n\
                    The Minister for Communications, Hon. Mrs. Grace Owusu said the Shadow Minister Ana Lima agreed.\n";
        let found = persons(text);
        let names: Vec<&str> = found.iter().map(|(name, _, _)| name.as_str()).collect();
        assert_eq!(names, ["Ana Lima", "Grace Owusu", "Jone Tui", "Peter Holm", "Ravi Lal", "Sally Park", "Tom Lee"]);
        assert_eq!(first_speakers(text), ["Jone Tui"]);
        assert_eq!(person(text, "Jone Tui").0, ["Deputy PM"]);
        assert_eq!(person(text, "Ravi Lal").0, ["Deputy Prime Minister"]);
        assert_eq!(
            person(text, "Peter Holm"),
            (vec!["Norway’s Ambassador to Fiji".to_string()], Some("Norway".to_string()))
        );
        assert_eq!(
            person(text, "Sally Park").0,
            ["First Assistant Secretary Critical Infrastructure Partnerships and Programs"]
        );
        assert_eq!(person(text, "Grace Owusu").0, ["Minister for Communications"]);
        assert_eq!(person(text, "Ana Lima").0, ["Shadow Minister"]);
    }

    #[test]
    fn a_labelled_byline_names_the_author_and_a_long_post_below_it_gives_the_roles() {
        let text = "Cyber security and the world order\n\n\
                    Author : B. Tolkov\n\
                    Special Representative of the President of Russia for cooperation in information security, Ambassador at Large\n\
                    It would seem that the more users there are the better.\n";
        let x = extract(text);
        let (roles, affiliation) = person(text, "B. Tolkov");
        assert_eq!(
            roles,
            [
                "Special Representative of the President of Russia for cooperation in information security",
                "Ambassador at Large"
            ]
        );
        assert_eq!(affiliation.as_deref(), Some("Russia"));
        let speakers: Vec<&str> = x.documents[0].speakers.iter().map(|s| x.entities[s.0].label.as_str()).collect();
        assert_eq!(speakers, ["B. Tolkov"]);
    }

    #[test]
    fn a_post_and_a_comma_before_a_titled_name_is_its_post_unless_it_is_an_earlier_names() {
        let text = "Remarks\n\nWe heard the Chair of the Working Group, Ambassador Lena Park, today.\n\
                    Chef de Cabinet, Ambassador Omar Haddad\n\
                    Briefings came from Ms. Mei Tanaka, Under-Secretary-General for Disarmament Affairs, \
                    Mr. Ivan Petrov, Director of Cyber Policy, and others.\n";
        assert_eq!(person(text, "Lena Park").0, ["Chair of the Working Group", "Ambassador"]);
        assert_eq!(person(text, "Omar Haddad").0, ["Chef de Cabinet", "Ambassador"]);
        assert_eq!(person(text, "Ivan Petrov").0, ["Director of Cyber Policy"]);
    }

    #[test]
    fn a_lower_case_post_head_opens_the_post_of_the_name_after_its_complement() {
        let text = "Talks\n\nAt the meeting, the representative of the Russian Federation Dmitry Glukhov said so.\n";
        let post = vec!["representative of the Russian Federation".to_string()];
        assert_eq!(person(text, "Dmitry Glukhov"), (post, Some("Russia".to_string())));
    }

    #[test]
    fn a_gazetteer_names_punctuation_chains_into_a_post_and_a_headline_verb_is_no_name() {
        let made = "Chinese Foreign Ministry Spokesperson Made Remarks on Cyber Issues\n\nQ: Will talks resume?\n";
        assert_eq!(persons(made), []);
        let text = "U.S. Chair Welcomes Adoption of New Measures\n\n\
                    The text was welcomed, stated U.S. Permanent Representative to the OSCE Daniel Baer.\n";
        assert_eq!(
            persons(text),
            [(
                "Daniel Baer".to_string(),
                vec!["U.S. Permanent Representative to the OSCE".to_string()],
                Some("United States".to_string())
            )]
        );
    }

    #[test]
    fn remarks_on_behalf_of_a_holder_and_delivered_by_another_have_both_for_speakers() {
        let text = "Remarks on behalf of the President of the General Assembly,\n\nMr. Dennis Moreau,\n\n\
                    at the Global Roundtable on Cyber Capacity\n\nas delivered by\n\n\
                    Chef de Cabinet, Ambassador Omar Haddad\n\n10 May 2024\n\nExcellencies, good morning.\n";
        assert_eq!(first_speakers(text), ["Dennis Moreau", "Omar Haddad"]);
        let x = extract(text);
        let document = &x.documents[0];
        assert_eq!(document.event.map(|e| x.entities[e.0].label.as_str()), Some("Global Roundtable on Cyber Capacity"));
        assert_eq!(person(text, "Dennis Moreau").0, ["President of the General Assembly"]);
    }

    #[test]
    fn a_transcripts_turn_takers_named_alone_above_their_paragraphs_are_its_speakers() {
        let turn = "Thank you very much, Mr. Chair, and distinguished delegates, for this opportunity to speak today.";
        let transcript = format!(
            "Session 3 Transcript\n\nAmbassador Lena Moor\n\nThe third meeting is called to order, \
             distinguished delegates, and I give the floor to the first speaker.\n\nPeru\n{turn}\n\n\
             Tomas Ruiz\n{turn}\n"
        );
        assert_eq!(first_speakers(&transcript), ["Lena Moor", "Tomas Ruiz"]);
        // One name above the text is its author, not a turn.
        let article = format!("Why cyber norms matter\n\nTomas Ruiz\n{turn}\n");
        assert_eq!(first_speakers(&article), ["Tomas Ruiz"]);
    }

    #[test]
    fn a_name_and_its_post_on_a_line_under_the_title_are_its_author() {
        let text = "Remarks at the Cyber Ministerial\n\nJohn Q. Smith, Deputy Secretary of State\n\
                    New York\n\nGood morning, everyone, and thank you for being here.\n";
        let x = extract(text);
        let speakers: Vec<&str> = x.documents[0].speakers.iter().map(|s| x.entities[s.0].label.as_str()).collect();
        assert_eq!(speakers, ["John Q. Smith"]);
    }

    #[test]
    fn a_label_in_capitals_ending_in_a_surname_names_a_speaker_of_a_transcript() {
        let text = "Remarks at the Ministerial Meeting on Cyber Stability\n\n\
                    Deputy Secretary John Q. Smith welcomed Foreign Minister Ana Rojas.\n\n\
                    DEPUTY SECRETARY SMITH: Well, good morning, everyone.\n\n\
                    QUESTION: What comes next?\n\n\
                    FOREIGN MINISTER ROJAS: More talks.\n";
        let x = extract(text);
        let speakers: Vec<&str> = x.documents[0].speakers.iter().map(|s| x.entities[s.0].label.as_str()).collect();
        assert_eq!(speakers, ["John Q. Smith", "Ana Rojas"]);
    }

    #[test]
    fn a_meeting_or_a_body_after_a_post_word_or_ending_a_long_name_is_no_person() {
        let text = "Statement\n\nDelegates met at the First Committee Thematic Debate. The Chair of the European \
                    Union's Working Party spoke. The Cabinet Intelligence and Research Office attended. Ms. Orit \
                    Adato, Director General of the Israel Cyber Directorate, spoke. Minister Delegate Ana Haddad \
                    came too. In the First Committee Ana Lopez spoke. Ambassador Tom Fick gave the Tom B. Hurford \
                    Memorial Lecture.\nSpecial Representative Kask on UN GGE Cyber Arrangements\n";
        let labels: Vec<String> = persons(text).into_iter().map(|(label, _, _)| label).collect();
        assert_eq!(labels, ["Ana Haddad", "Ana Lopez", "Kask", "Orit Adato", "Tom Fick"]);
        // A body and a modifier before a name are no post.
        assert_eq!(person(text, "Ana Lopez").0, Vec::<String>::new());
        assert_eq!(person(text, "Orit Adato").0, ["Director General of the Israel Cyber Directorate"]);
        assert_eq!(person(text, "Ana Haddad").0, ["Minister Delegate"]);
    }

    #[test]
    fn a_post_between_the_article_and_a_comma_is_the_post_of_the_name_closed_by_a_comma() {
        let text = "News\n\nThe Secretary-General of the Gulf Cooperation Council, Omar Haddad, took part. \
                    We thank Ana Lopez, Minister for Foreign Affairs of Senegal, Tanja Rojas, Minister for Foreign \
                    Affairs of Chile, and others.\n";
        let gulf = Some("Gulf Cooperation Council".to_string());
        assert_eq!(
            person(text, "Omar Haddad"),
            (vec!["Secretary-General of the Gulf Cooperation Council".into()], gulf)
        );
        assert_eq!(person(text, "Tanja Rojas").1, Some("Chile".to_string()));
    }

    #[test]
    fn a_country_the_post_names_outweighs_a_body_before_its_head() {
        let text = "News\n\nSecurity Council Secretary of the Republic of Tajikistan Rustam Karimov spoke.\n";
        assert_eq!(person(text, "Rustam Karimov").1, Some("Tajikistan".to_string()));
        let text = "News\n\nOSCE Secretary General Rustam Karimov spoke.\n";
        assert_eq!(person(text, "Rustam Karimov").1, Some("OSCE".to_string()));
    }

    #[test]
    fn a_surname_in_capitals_before_the_given_name_after_a_courtesy_title_or_a_post_is_a_name() {
        let text = "Statement by Mr. SATO Kenji, Ambassador for Cyber Policy of Japan, at the OEWG\n\n\
                    We thank Ambassador Ana Lopez, Chair of the OEWG. The OSCE Secretariat and Mr. OSCE staff.\n";
        assert_eq!(first_speakers(text), ["SATO Kenji"]);
        assert_eq!(person(text, "SATO Kenji").1, Some("Japan".to_string()));
        // Or after a post.
        let text = "Cases of cyberattacks (Statement by Press Secretary KATO Hiroshi)\n\nWe condemn them.\n";
        assert_eq!(first_speakers(text), ["KATO Hiroshi"]);
        assert_eq!(person(text, "KATO Hiroshi").0, ["Press Secretary"]);
    }

    #[test]
    fn a_name_set_off_by_commas_before_a_verb_of_saying_is_a_person_and_a_weekday_is_none() {
        let text = "Talks\n\nMinister in the Presidency responsible for State Security, Kgosi Mthembuzo, says \
                    cooperation is critical. Foreign Secretary Sohail Rahmood, Friday, said that Ruritania is aware. Later, the Security \
                    Council, said the chair.\n";
        let names: Vec<String> = persons(text).into_iter().map(|(name, _, _)| name).collect();
        assert_eq!(names, ["Kgosi Mthembuzo", "Sohail Rahmood"]);
    }

    #[test]
    fn a_connector_is_never_a_post() {
        let text = "Statement\n\nWe noted the remarks of Prime Minister Theresa May on Monday.\n";
        assert_eq!(person(text, "Theresa May").0, ["Prime Minister"]);
    }
}
