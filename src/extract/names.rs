//! Normalised keys for names, shared by the recognizers and the resolve
//! stage: two surface forms with one key name one entity.

use std::borrow::Cow;

/// Lower-case letters and digits of `text`, accents dropped, words
/// separated by one space.
///
/// Each character is decomposed alone (NFD): canonical reordering, the rest
/// of NFD, only moves combining marks, which are dropped anyway. ASCII, most
/// of the text, is its own decomposition and skips the tables.
pub fn fold_words(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut gap = false;
    let mut fold = |c: char| {
        if c.is_alphanumeric() {
            if gap && !folded.is_empty() {
                folded.push(' ');
            }
            gap = false;
            folded.push(c);
        } else {
            gap = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            fold(c.to_ascii_lowercase());
        } else {
            unicode_normalization::char::decompose_canonical(c, |part| {
                if !unicode_normalization::char::is_combining_mark(part) {
                    part.to_lowercase().for_each(&mut fold);
                }
            });
        }
    }
    folded
}

/// British spellings folded to American ones, so that "behaviour" and
/// "behavior" give one key: `word` appended to `key` so.
fn push_americanised(key: &mut String, word: &str) {
    let word: Cow<str> = if word.contains("our") { Cow::Owned(word.replace("our", "or")) } else { Cow::Borrowed(word) };
    match &*word {
        "programme" => key.push_str("program"),
        w => match w.strip_suffix("isation") {
            Some(stem) => {
                key.push_str(stem);
                key.push_str("ization");
            }
            None => key.push_str(w),
        },
    }
}

/// A key's word, an acronym spelled out ("UN Convention against
/// Cybercrime" is the "United Nations Convention against Cybercrime").
fn spelled_out(word: &str) -> impl Iterator<Item = &str> {
    let words = match word {
        "un" => [Some("united"), Some("nations")],
        word => [Some(word), None],
    };
    words.into_iter().flatten()
}

/// Words a phrase key leaves out: articles, markers of draft status, and
/// prepositions.
const KEY_STOP_WORDS: [&str; 16] = [
    "the",
    "a",
    "an",
    "of",
    "on",
    "for",
    "in",
    "to",
    "and",
    "draft",
    "updated",
    "universal",
    "final",
    "such",
    "its",
    "this",
];

/// The key of a referenced document, proposal or event: its content words,
/// Americanised; at most `words` of them.
pub fn phrase_key(text: &str, words: usize) -> String {
    // "Rules/norms" is keyed by its first word, "Cyber/ICT-Security" and
    // "Cyber/ ICT Security" as "Cyber Security": the word after a slash is
    // an alternative, left out.
    let mut first_parts = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            while chars.next_if(|c| c.is_alphanumeric()).is_some() {}
        } else {
            first_parts.push(c);
        }
    }
    let folded = fold_words(&first_parts);
    let mut key = String::with_capacity(folded.len());
    // "UN Convention against Cybercrime" is the "United Nations
    // Convention against Cybercrime".
    let content_words = folded.split(' ').filter(|w| !w.is_empty() && !KEY_STOP_WORDS.contains(w));
    for word in content_words.flat_map(spelled_out).take(words) {
        if !key.is_empty() {
            key.push(' ');
        }
        push_americanised(&mut key, word);
    }
    key
}

/// The key of a person's name: folded, with transliteration variants of
/// Russian names made one ("Andrey"/"Andrei", "Nikolay"/"Nikolai",
/// "Yuriy"/"Yuri").
pub fn person_key(name: &str) -> String {
    fold_words(name)
        .split(' ')
        .map(|w| {
            let w = w.strip_suffix("iy").map(|s| format!("{s}i")).unwrap_or_else(|| w.to_string());
            match w.strip_suffix('y') {
                Some(stem) if stem.ends_with(['e', 'a', 'o']) => format!("{stem}i"),
                _ => w,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fold_words` as first written: NFD of the whole text.
    fn fold_words_by_whole_nfd(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let folded: String = text
            .nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn folding_a_character_at_a_time_equals_folding_the_whole_text() {
        for text in [
            "  António  Guterres’s remarks ",
            "İstanbul, Ångström — Škoda; Łódź",
            "e\u{301}\u{327}te\u{327}\u{301}",
            "한국 외교부 / ﬁnal ＡＢＣ",
            "Ms. O'Neil-Smith (UN) 2020",
            "",
        ] {
            assert_eq!(fold_words(text), fold_words_by_whole_nfd(text), "{text:?}");
        }
    }

    #[test]
    fn transliteration_variants_share_a_key() {
        assert_eq!(person_key("Andrey Krutskikh"), person_key("Andrei Krutskikh"));
        assert_eq!(person_key("Nikolay Glushkov"), person_key("Nikolai Glushkov"));
        assert_eq!(person_key("António Guterres"), "antonio guterres");
        assert_ne!(person_key("Andrey Kelin"), person_key("Andrey Krutskikh"));
    }

    #[test]
    fn phrase_keys_ignore_articles_markers_and_spelling() {
        assert_eq!(
            phrase_key("the rules of responsible behaviour", 3),
            phrase_key("universal rules of responsible behavior of states", 3)
        );
        assert_eq!(
            phrase_key("draft Convention on International Information Security", 9),
            phrase_key("Convention on International Information Security", 9)
        );
        assert_eq!(phrase_key("Minsk Agreements", 9), phrase_key("Minsk agreements", 9));
        assert_eq!(
            phrase_key("UN Convention against Cybercrime", 3),
            phrase_key("United Nations Convention against Cybercrime", 3)
        );
    }

    #[test]
    fn the_word_after_a_slash_is_an_alternative_however_it_is_spaced() {
        let key = phrase_key("Conference on Cyber/ICT Security", 9);
        assert_eq!(key, "conference cyber security");
        assert_eq!(phrase_key("Conference on Cyber/ICT-Security", 9), key);
        assert_eq!(phrase_key("Conference on Cyber/ ICT Security", 9), key);
        assert_eq!(phrase_key("rules/norms of behaviour", 9), "rules behavior");
    }
}
