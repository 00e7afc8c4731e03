//! The gazetteer: the domain's countries and organizations with their names,
//! acronyms and demonyms, from `data/gazetteer/*.toml`, matched in text with
//! one Aho-Corasick automaton (case-sensitive, whole words, longest first).
//!
//! The built-in gazetteer is compiled into the binary; `--gazetteer PATH`
//! adds entries from a file or a directory of `.toml` files, and an entry
//! whose id already exists replaces it.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::lexicon::toml_error;
use crate::model::EntityType;

const BUILTIN: [(&str, &str); 2] = [
    ("data/gazetteer/countries.toml", include_str!("../data/gazetteer/countries.toml")),
    ("data/gazetteer/organizations.toml", include_str!("../data/gazetteer/organizations.toml")),
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    #[serde(default)]
    country: Vec<EntryFile>,
    #[serde(default)]
    organization: Vec<EntryFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    id: String,
    label: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    acronyms: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    kind: Option<String>,
    part_of: Option<String>,
    country: Option<String>,
    active: Option<[i32; 2]>,
    wikidata: Option<String>,
    /// Marks former states; accepted in data files, not used by extraction.
    #[serde(default)]
    #[allow(dead_code)]
    historical: bool,
}

/// One country or organization.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub etype: EntityType,
    pub label: String,
    /// Full names and variants, the label included.
    pub names: Vec<String>,
    /// Short forms; several entries may share one.
    pub acronyms: Vec<String>,
    pub demonyms: Vec<String>,
    pub kind: Option<String>,
    pub part_of: Option<String>,
    pub country: Option<String>,
    /// First and last year of activity, to tell apart bodies sharing a name.
    pub active: Option<(i32, i32)>,
    pub wikidata: Option<String>,
}

/// A gazetteer hit: the byte range of a name and the entries it may denote.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub range: Range<usize>,
    /// Indices into [`Gazetteer::entries`]; more than one for a shared acronym.
    /// Shared with the gazetteer's pattern table: a hit (and every mention
    /// made from it, millions in a big corpus) allocates nothing for them.
    pub entries: Arc<[usize]>,
    /// Whether the surface form is an acronym (shared forms are acronyms).
    pub acronym: bool,
}

impl Hit {
    pub fn is_country(&self, gazetteer: &Gazetteer) -> bool {
        self.entries.iter().all(|&e| gazetteer.entries[e].etype == EntityType::Country)
    }
}

#[derive(Debug)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    matcher: AhoCorasick,
    /// For each automaton pattern: the entries it names and whether it is an acronym.
    patterns: Vec<(Arc<[usize]>, bool)>,
    demonyms: HashMap<String, usize>,
}

impl Gazetteer {
    /// The gazetteer compiled into the binary.
    pub fn builtin() -> Result<Gazetteer> {
        let mut entries = Vec::new();
        for (path, text) in BUILTIN {
            merge(&mut entries, parse(text, Path::new(path))?);
        }
        Gazetteer::from_entries(entries, Path::new("data/gazetteer"))
    }

    /// The built-in gazetteer (unless `replace`) extended by files at `paths`.
    pub fn load(paths: &[impl AsRef<Path>], replace: bool) -> Result<Gazetteer> {
        let mut entries = Vec::new();
        if !replace {
            for (path, text) in BUILTIN {
                merge(&mut entries, parse(text, Path::new(path))?);
            }
        }
        for path in paths {
            for file in toml_files(path.as_ref())? {
                let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
                merge(&mut entries, parse(&text, &file)?);
            }
        }
        let origin = paths.first().map_or(Path::new("data/gazetteer"), |p| p.as_ref());
        Gazetteer::from_entries(entries, origin)
    }

    fn from_entries(entries: Vec<Entry>, origin: &Path) -> Result<Gazetteer> {
        let by_id: HashMap<String, usize> = entries.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        for entry in &entries {
            for reference in entry.part_of.iter().chain(&entry.country) {
                if !by_id.contains_key(reference) {
                    return Err(Error::data(
                        origin,
                        0,
                        format!("entry {:?} refers to unknown id {reference:?}", entry.id),
                    ));
                }
            }
        }
        let mut forms: HashMap<String, (Vec<usize>, bool)> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            let names = entry.names.iter().chain(std::iter::once(&entry.label));
            for name in names {
                forms.entry(name.clone()).or_default().0.push(index);
            }
            for acronym in &entry.acronyms {
                let slot = forms.entry(acronym.clone()).or_default();
                slot.0.push(index);
                slot.1 = true;
            }
        }
        let mut forms: Vec<(String, (Vec<usize>, bool))> = forms.into_iter().collect();
        forms.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, (indices, _)) in &mut forms {
            indices.sort_unstable();
            indices.dedup();
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(forms.iter().map(|(form, _)| form))
            .map_err(|e| Error::data(origin, 0, format!("cannot build the name matcher: {e}")))?;
        let demonyms =
            entries.iter().enumerate().flat_map(|(i, e)| e.demonyms.iter().map(move |d| (d.clone(), i))).collect();
        let patterns = forms.into_iter().map(|(_, (indices, acronym))| (Arc::from(indices), acronym)).collect();
        Ok(Gazetteer { entries, by_id, matcher, patterns, demonyms })
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The country a demonym ("Polish") refers to.
    pub fn demonym(&self, word: &str) -> Option<usize> {
        self.demonyms.get(word).copied()
    }

    /// Every whole-word name in `text`: at each place the longest, never
    /// overlapping, in text order. "the" before a name is not part of it.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut candidates: Vec<(usize, usize, usize)> = self
            .matcher
            .find_overlapping_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // Leftmost first, longest first at one place.
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut hits = Vec::new();
        let mut covered_to = 0;
        for (start, end, pattern) in candidates {
            if start < covered_to {
                continue;
            }
            let (entries, acronym) = &self.patterns[pattern];
            hits.push(Hit { range: start..end, entries: entries.clone(), acronym: *acronym });
            covered_to = end;
        }
        hits
    }
}

/// A name must not start or end inside a word.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let inside = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !inside(before) && !inside(after)
}

fn toml_files(path: &Path) -> Result<Vec<std::path::PathBuf>> {
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        Ok(files)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

fn parse(text: &str, path: &Path) -> Result<Vec<Entry>> {
    let file: GazetteerFile = toml::from_str(text).map_err(|e| toml_error(path, text, e))?;
    let typed = file
        .country
        .into_iter()
        .map(|e| (EntityType::Country, e))
        .chain(file.organization.into_iter().map(|e| (EntityType::Organization, e)));
    let mut entries = Vec::new();
    for (etype, e) in typed {
        if e.id.is_empty() || !e.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err(Error::data(path, line_of_id(text, &e.id), format!("bad id {:?}: use [a-z0-9-]", e.id)));
        }
        if let Some(q) = &e.wikidata {
            if !(q.starts_with('Q') && q.len() > 1 && q[1..].chars().all(|c| c.is_ascii_digit())) {
                return Err(Error::data(path, line_of_id(text, &e.id), format!("bad wikidata id {q:?}")));
            }
        }
        let mut names = e.names;
        if !names.contains(&e.label) {
            names.insert(0, e.label.clone());
        }
        entries.push(Entry {
            id: e.id,
            etype,
            label: e.label,
            names,
            acronyms: e.acronyms,
            demonyms: e.demonyms,
            kind: e.kind,
            part_of: e.part_of,
            country: e.country,
            active: e.active.map(|[from, to]| (from, to)),
            wikidata: e.wikidata,
        });
    }
    Ok(entries)
}

fn line_of_id(text: &str, id: &str) -> usize {
    let needle = format!("id = \"{id}\"");
    text.lines().position(|l| l.trim() == needle).map_or(0, |i| i + 1)
}

/// Adds `new` entries; one with an existing id replaces the old one.
fn merge(entries: &mut Vec<Entry>, new: Vec<Entry>) {
    for entry in new {
        match entries.iter().position(|e| e.id == entry.id) {
            Some(i) => entries[i] = entry,
            None => entries.push(entry),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        g.find(text).into_iter().map(|h| (text[h.range].to_string(), g.entries[h.entries[0]].label.clone())).collect()
    }

    #[test]
    fn longest_whole_word_names_win() {
        let g = Gazetteer::builtin().unwrap();
        let found =
            labels(&g, "the Security Council of the Russian Federation and the UN Security Council; USSR's US.");
        let surfaces: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
        assert!(surfaces.contains(&"Security Council of the Russian Federation"), "{found:?}");
        assert!(surfaces.contains(&"UN Security Council"), "{found:?}");
        assert!(surfaces.contains(&"USSR"), "{found:?}");
        assert!(surfaces.contains(&"US"), "{found:?}");
        assert!(labels(&g, "Trust us, thus").is_empty());
        // The African Union's council is not the UN's.
        let found = labels(&g, "the Peace and Security Council will convene its 1170th session");
        assert_eq!(found[0].1, "AU Peace and Security Council", "{found:?}");
    }

    #[test]
    fn a_shared_acronym_names_every_body_that_has_it() {
        let g = Gazetteer::builtin().unwrap();
        let hits = g.find("the OEWG met");
        assert_eq!(hits.len(), 1);
        assert!(hits[0].entries.len() >= 2);
        assert!(hits[0].acronym);
    }

    #[test]
    fn user_files_extend_and_replace() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("extra.toml");
        std::fs::write(
            &file,
            "[[organization]]\nid = \"zz-forum\"\nlabel = \"Zanzibar Cyber Forum\"\nacronyms = [\"ZCF\"]\n",
        )
        .unwrap();
        let g = Gazetteer::load(&[&file], false).unwrap();
        assert_eq!(labels(&g, "the ZCF and Russia")[0].1, "Zanzibar Cyber Forum");
        assert!(labels(&g, "the ZCF and Russia").iter().any(|(_, l)| l == "Russia"));
        let only = Gazetteer::load(&[&file], true).unwrap();
        assert_eq!(only.entries.len(), 1);
    }

    #[test]
    fn a_bad_entry_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bad.toml");
        std::fs::write(&file, "[[country]]\nid = \"Bad Id\"\nlabel = \"X\"\n").unwrap();
        let error = Gazetteer::load(&[&file], true).unwrap_err().to_string();
        assert!(error.contains("bad.toml:2"), "{error}");
    }
}
