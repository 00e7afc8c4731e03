//! Capital lines read in title case.
//!
//! Missions print a statement's heading block in capitals ("STATEMENT BY" /
//! "MR. SOFIAN AKMAL ABD KARIM" / "DEPUTY PERMANENT REPRESENTATIVE OF
//! MALAYSIA TO"). The recognizers know names and posts by their capitals,
//! and the gazetteer matches case-sensitively, so such a block names no one.
//! The extract stage therefore reads a copy of the source whose capital
//! lines are recased ("Mr. Sofian Akmal Abd Karim", "Deputy Permanent
//! Representative of Malaysia to"). The copy is byte for byte as long as
//! the source, so every range found in it is the same range of the source,
//! and anchors and evidence still quote the source as printed.

use crate::lexicon::{Lexicon, WordMap};

/// Words a recased line prints in lower case, unless first.
const FUNCTION_WORDS: [&str; 14] =
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "upon", "with"];

/// The acronyms of the gazetteer's names, by their capitals: "ICTS" is
/// printed "ICTs", "UN" stays "UN" where a line is recased.
pub fn acronym_forms<'a>(names: impl IntoIterator<Item = &'a str>) -> WordMap<String> {
    let mut forms = WordMap::default();
    for name in names {
        for piece in name.split(|c: char| !c.is_alphabetic()) {
            if piece.chars().filter(|c| c.is_uppercase()).count() >= 2 {
                forms.entry(piece.to_uppercase()).or_insert_with(|| piece.to_string());
            }
        }
    }
    forms
}

/// A copy of `text` with its capital lines recased, or `None` when it has
/// none (most sources: nothing is copied).
pub fn recase_capital_lines(text: &str, acronyms: &WordMap<String>, lexicon: &Lexicon) -> Option<String> {
    let mut copy: Option<String> = None;
    let mut start = 0;
    for line in text.split('\n') {
        let range = start..start + line.len();
        start = range.end + 1;
        if !is_capital_line(line, acronyms) || lexicon.is_furniture(line) {
            continue;
        }
        let recased = recase_line(line, acronyms);
        debug_assert_eq!(recased.len(), line.len());
        copy.get_or_insert_with(|| text.to_string()).replace_range(range, &recased);
    }
    copy
}

/// A line with no lower-case letter and a word that is no acronym:
/// "DEPUTY PERMANENT REPRESENTATIVE", not "OEWG" or "Q:".
fn is_capital_line(line: &str, acronyms: &WordMap<String>) -> bool {
    if line.chars().any(char::is_lowercase) {
        return false;
    }
    letter_runs(line).any(|(_, run)| run.chars().count() >= 3 && !acronyms.contains_key(run) && !is_roman(run))
}

/// The runs of letters of a line, with their byte offsets.
fn letter_runs(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = line.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.find(|(_, c)| c.is_alphabetic())?;
        let mut end = line.len();
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphabetic() {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, &line[start..end]))
    })
}

/// "II", "XIV": a session's number, kept in capitals.
fn is_roman(run: &str) -> bool {
    run.len() <= 5 && run.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// The line with each run of letters recased as a title prints it.
fn recase_line(line: &str, acronyms: &WordMap<String>) -> String {
    let mut recased = String::with_capacity(line.len());
    let mut copied = 0;
    for (index, (start, run)) in letter_runs(line).enumerate() {
        recased.push_str(&line[copied..start]);
        let before = line[..start].chars().next_back();
        let after = line[start + run.len()..].chars().next();
        recased.push_str(&recase_run(run, index == 0, before, after, acronyms));
        copied = start + run.len();
    }
    recased.push_str(&line[copied..]);
    recased
}

/// One run of capitals, recased: an acronym as the gazetteer prints it,
/// initials and numerals as they are, a function word or an ending ("’S",
/// "21ST") in lower case, any other word capitalised.
fn recase_run(run: &str, first: bool, before: Option<char>, after: Option<char>, acronyms: &WordMap<String>) -> String {
    if let Some(form) = acronyms.get(run).filter(|form| form.len() == run.len()) {
        return form.clone();
    }
    let single = run.chars().nth(1).is_none();
    let initial = single && (after == Some('.') || before == Some('.'));
    if initial || is_roman(run) {
        return run.to_string();
    }
    let ending = before.is_some_and(|c| c.is_ascii_digit() || matches!(c, '\'' | '’'));
    let lower = lower_case(run);
    if ending || (!first && FUNCTION_WORDS.contains(&lower.as_str())) {
        return lower;
    }
    let mut chars = run.chars();
    let head = chars.next().map(|c| c.len_utf8()).unwrap_or(0);
    run[..head].to_string() + &lower[head..]
}

/// `run` in lower case, each letter kept where its lower case would change
/// the byte length (so that the recased copy stays aligned).
fn lower_case(run: &str) -> String {
    run.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(source: &str, expected: &str) {
        let lexicon = Lexicon::builtin().unwrap();
        let acronyms = acronym_forms(["UN Open-ended Working Group on security of and in the use of ICTs", "OSCE"]);
        let recased = recase_capital_lines(source, &acronyms, &lexicon);
        assert_eq!(recased.as_deref().unwrap_or(source), expected);
        assert_eq!(recased.map_or(source.len(), |r| r.len()), source.len());
    }

    #[test]
    fn a_capital_heading_block_is_read_in_title_case() {
        check(
            "STATEMENT BY\nH.E. MR. SOFIAN AKMAL ABD KARIM\nDEPUTY PERMANENT REPRESENTATIVE OF MALAYSIA TO\nTHE UN\n",
            "Statement by\nH.E. Mr. Sofian Akmal Abd Karim\nDeputy Permanent Representative of Malaysia to\nThe UN\n",
        );
    }

    #[test]
    fn acronyms_numerals_and_endings_keep_their_case() {
        check(
            "AT THE XIV SESSION OF THE OSCE ON ICTS, CHINA’S 21ST\n",
            "At the XIV Session of the OSCE on ICTs, China’s 21st\n",
        );
        check("SECRETARY-GENERAL OF THE ÜBER-ÖFFENTLICH İSTANBUL", "Secretary-General of the Über-Öffentlich İstanbul");
    }

    #[test]
    fn lines_with_lower_case_or_only_acronyms_are_left_alone() {
        for source in ["Statement by the UN\nOSCE\nQ:\nNEW YORK\n", "Plain text only.\n"] {
            let lexicon = Lexicon::builtin().unwrap();
            let recased = recase_capital_lines(source, &acronym_forms(["OSCE"]), &lexicon);
            let expected = source.contains("NEW YORK").then(|| source.replace("NEW YORK", "New York"));
            assert_eq!(recased, expected);
        }
    }
}
