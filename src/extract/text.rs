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
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            let end = start + c.len_utf8();
            tokens.push(Token { text: &text[start..end], start: offset + start, end: offset + end, word: false });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let joiner = matches!(c, '-' | '\'' | '’' | '.' | '/');
            if c.is_alphanumeric() || (joiner && chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric())) {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        push_word(&mut tokens, &text[start..end], offset + start);
        i = j;
    }
    tokens
}

/// Splits a courtesy title glued to a name ("Mr.Artur") into two tokens.
fn push_word<'a>(tokens: &mut Vec<Token<'a>>, word: &'a str, start: usize) {
    for title in ["Mr.", "Ms.", "Mrs.", "Dr."] {
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
