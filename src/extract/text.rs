//! Tokens and sentences of a document's text: what every recognizer walks.

use std::ops::Range;

/// A word or a punctuation mark, with its byte range in the source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

impl<'a> Token<'a> {
    /// The word without a possessive "'s"/"’s".
    pub fn base(&self) -> &'a str {
        self.text.strip_suffix("’s").or_else(|| self.text.strip_suffix("'s")).unwrap_or(self.text)
    }

    /// Byte range of [`Token::base`].
    pub fn base_range(&self) -> Range<usize> {
        self.start..self.start + self.base().len()
    }

    pub fn is_possessive(&self) -> bool {
        self.base().len() != self.text.len()
    }

    /// Starts with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is(&self, word: &str) -> bool {
        self.text == word
    }

    pub fn is_lower(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_lowercase)
    }
}

/// Splits `text` (which starts at byte `offset` of the source) into tokens.
/// Inside a word, `-`, `'`, `’`, `.` and `/` join letters ("Mr.Chair" is then
/// split after the courtesy title, "B.Gafoor" and "5/16" stay whole).
pub fn tokenize(text: &str, offset: usize) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    tokenize_into(&mut tokens, text, offset);
    tokens
}

/// [`tokenize`], appending to `tokens`.
pub fn tokenize_into<'a>(tokens: &mut Vec<Token<'a>>, text: &'a str, offset: usize) {
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let start = i;
        i += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(Token { text: &text[start..i], start: offset + start, end: offset + i, word: false });
            continue;
        }
        loop {
            while let Some(c) = char_at(text, i) {
                let joiner = matches!(c, '-' | '\'' | '’' | '.' | '/');
                if c.is_alphanumeric() || (joiner && char_at(text, i + c.len_utf8()).is_some_and(char::is_alphanumeric))
                {
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
            // "U.S.-Japan": an abbreviation's full stop and a hyphen join too
            // (looked for once a word ends, not at every letter).
            let bytes = text.as_bytes();
            if bytes.get(i) == Some(&b'.')
                && bytes.get(i + 1) == Some(&b'-')
                && char_at(text, i + 2).is_some_and(char::is_alphanumeric)
            {
                i += 2;
            } else {
                break;
            }
        }
        push_word(tokens, &text[start..i], offset + start);
    }
}

/// The char starting at byte `i` of `text`, if any; ASCII without decoding.
fn char_at(text: &str, i: usize) -> Option<char> {
    match *text.as_bytes().get(i)? {
        byte if byte.is_ascii() => Some(char::from(byte)),
        _ => text[i..].chars().next(),
    }
}

/// Splits a courtesy title glued to a name ("Mr.Artur", "H.E.Amb") into two
/// tokens.
fn push_word<'a>(tokens: &mut Vec<Token<'a>>, word: &'a str, start: usize) {
    for title in ["Mr.", "Ms.", "Mrs.", "Dr.", "H.E."] {
        if let Some(rest) = word.strip_prefix(title) {
            if rest.chars().next().is_some_and(char::is_uppercase) {
                tokens.push(Token { text: &word[..title.len()], start, end: start + title.len(), word: true });
                tokens.push(Token { text: rest, start: start + title.len(), end: start + word.len(), word: true });
                return;
            }
        }
    }
    tokens.push(Token { text: word, start, end: start + word.len(), word: true });
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 16] =
    ["Mr", "Ms", "Mrs", "Dr", "Amb", "No", "St", "Jr", "Sr", "vs", "etc", "e.g", "i.e", "Prof", "Gen", "H.E"];

/// Sentences as token index ranges. A sentence ends at `.`, `!`, `?` or `;`
/// followed by a capitalised word, a quote or a digit, unless the stop
/// follows an abbreviation or a single capital letter.
pub fn sentences(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut result = Vec::new();
    let mut start = 0;
    for (i, token) in tokens.iter().enumerate() {
        if token.word || !matches!(token.text, "." | "!" | "?") {
            continue;
        }
        let previous = i.checked_sub(1).map(|p| &tokens[p]);
        let abbreviation = previous.is_some_and(|p| {
            p.end == token.start
                && (ABBREVIATIONS.contains(&p.text) || (p.text.chars().count() == 1 && p.is_capitalised()))
        });
        let next_starts = tokens.get(i + 1).is_none_or(|n| {
            n.is_capitalised() || n.text.starts_with(|c: char| c.is_ascii_digit() || "\"“«'‘(".contains(c))
        });
        if !abbreviation && next_starts {
            result.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        result.push(start..tokens.len());
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, 0).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokens_keep_inner_joiners() {
        assert_eq!(words("Mr.Chair B.Gafoor, GGE's 5/16."), ["Mr.", "Chair", "B.Gafoor", ",", "GGE's", "5/16", "."]);
        assert_eq!(words("Lavrov’s “remarks”"), ["Lavrov’s", "“", "remarks", "”"]);
        assert_eq!(words("2021-2025 Rules/norms"), ["2021-2025", "Rules/norms"]);
        // An abbreviation's full stop and a hyphen join the next word.
        assert_eq!(words("U.S.-Kenya U.S. -Kenya U.S.-"), ["U.S.-Kenya", "U.S", ".", "-", "Kenya", "U.S", ".", "-"]);
    }

    #[test]
    fn words_of_any_script_keep_their_joiners_and_end_on_a_letter() {
        assert_eq!(
            words("Çavuşoğlu’s co-sponsors—Ban Ki-moon/한국 🌐x- ’"),
            ["Çavuşoğlu’s", "co-sponsors", "—", "Ban", "Ki-moon/한국", "🌐", "x", "-", "’"]
        );
    }

    proptest::proptest! {
        /// Tokens cover every non-space char once, in order, at their bytes;
        /// a word starts and ends on a letter or digit (or is a courtesy title).
        #[test]
        fn tokens_cover_the_text_but_its_spaces(text in "[a-zA-Z0-9 .,'’/\\-—éğ한🌐\t\n]{0,40}") {
            let tokens = tokenize(&text, 7);
            let joined: String = tokens.iter().map(|t| t.text).collect();
            let unspaced: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            proptest::prop_assert_eq!(joined, unspaced);
            let mut after = 7;
            for t in &tokens {
                proptest::prop_assert!(t.start >= after && &text[t.start - 7..t.end - 7] == t.text);
                after = t.end;
                let (first, last) = (t.text.chars().next().unwrap(), t.text.chars().next_back().unwrap());
                if t.word {
                    proptest::prop_assert!(first.is_alphanumeric());
                    proptest::prop_assert!(last.is_alphanumeric() || t.text.ends_with('.'));
                } else {
                    proptest::prop_assert!(t.text.chars().count() == 1 && !first.is_alphanumeric());
                }
            }
        }
    }

    #[test]
    fn offsets_are_source_bytes() {
        let tokens = tokenize("é Ab", 10);
        assert_eq!((tokens[1].start, tokens[1].end), (13, 15));
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let tokens = tokenize("Mr. Smith spoke. Ms. Jones replied! Then 3 left", 0);
        let texts: Vec<String> = sentences(&tokens)
            .into_iter()
            .map(|r| tokens[r].iter().map(|t| t.text).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(texts, ["Mr . Smith spoke .", "Ms . Jones replied !", "Then 3 left"]);
    }
}
