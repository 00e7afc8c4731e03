//! The shared nouns of the pipeline: sources, documents, spans, mentions,
//! entities and relations. Every stage depends on this module, not on the
//! insides of another stage.
//!
//! Offsets: inside the pipeline, ranges are *byte* ranges into a source's
//! text (what `str` slicing needs). Everything that leaves the pipeline
//! (annotations, RDF, GraphML) carries [`Span`]s in *characters* (Unicode
//! scalar values), which is what NIF and Web Annotation mean by an offset and
//! what a Python or JavaScript reader can use directly. [`CharIndex`] converts.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A text as read from one input file (HTML already reduced to text).
#[derive(Debug, Clone)]
pub struct Source {
    /// The file name (`000_27a9.txt`); unique within a run. `-` for stdin.
    pub name: String,
    /// The text the offsets of every span refer to.
    pub text: String,
}

impl Source {
    /// The file stem, used to mint document ids (`<stem>#<n>`).
    pub fn stem(&self) -> &str {
        match self.name.rfind('.') {
            Some(dot) if dot > 0 => &self.name[..dot],
            _ => &self.name,
        }
    }
}

/// A half-open range of character offsets into a source's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Converts byte offsets of one text into character offsets.
///
/// Built once per source; pure-ASCII texts (the common case) need no table.
pub struct CharIndex {
    /// For every byte offset that starts a char (and the end), its char offset.
    /// Empty when the text is ASCII, where both offsets coincide.
    table: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex { table: Vec::new() };
        }
        // Every byte but a UTF-8 continuation byte (0b10xx_xxxx) starts a
        // char; a continuation byte belongs to the char started before it.
        // Counted without branches: a loop the compiler unrolls.
        let mut table = vec![0u32; text.len() + 1];
        let mut started = 0u32;
        for (slot, &byte) in table.iter_mut().zip(text.as_bytes()) {
            started += u32::from(byte & 0xC0 != 0x80);
            *slot = started - 1;
        }
        table[text.len()] = started;
        CharIndex { table }
    }

    pub fn char_offset(&self, byte: usize) -> usize {
        if self.table.is_empty() {
            byte
        } else {
            self.table[byte] as usize
        }
    }

    pub fn span(&self, bytes: &Range<usize>) -> Span {
        Span { start: self.char_offset(bytes.start), end: self.char_offset(bytes.end) }
    }
}

/// `<file stem>#<n>`, n counting documents in the file from 1.
///
/// Every mention and evidence sentence names its document, so the id is
/// shared, not copied: a clone is a reference count.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub Arc<str>);

impl DocId {
    pub fn new(stem: &str, ordinal: usize) -> Self {
        DocId(format!("{stem}#{ordinal}").into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The genre a document's title states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocKind {
    Statement,
    Article,
    Interview,
    Remarks,
    Speech,
    Comment,
    Letter,
    Reply,
    JointStatement,
    Appeal,
    NewsItem,
}

impl DocKind {
    pub const ALL: [DocKind; 11] = [
        DocKind::Statement,
        DocKind::Article,
        DocKind::Interview,
        DocKind::Remarks,
        DocKind::Speech,
        DocKind::Comment,
        DocKind::Letter,
        DocKind::Reply,
        DocKind::JointStatement,
        DocKind::Appeal,
        DocKind::NewsItem,
    ];

    /// The name used in annotations and data files (`joint-statement`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Statement => "statement",
            DocKind::Article => "article",
            DocKind::Interview => "interview",
            DocKind::Remarks => "remarks",
            DocKind::Speech => "speech",
            DocKind::Comment => "comment",
            DocKind::Letter => "letter",
            DocKind::Reply => "reply",
            DocKind::JointStatement => "joint-statement",
            DocKind::Appeal => "appeal",
            DocKind::NewsItem => "news-item",
        }
    }

    pub fn parse(name: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A date as precise as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        PartialDate { year, month: Some(month), day: Some(day) }
    }
}

/// ISO 8601 at the precision held: `2019`, `2019-06`, `2019-06-03`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// One document found in a source by the segment stage.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: DocId,
    /// The source file's name.
    pub source: String,
    /// 1-based position in the source.
    pub ordinal: usize,
    pub kind: DocKind,
    pub title: String,
    /// Byte range of the title line in the source text.
    pub title_range: Range<usize>,
    /// Byte range of a lead line right under the title that opens with the
    /// date and city ("13 December 2021, New York – Statement by … delivered
    /// by …"): it says what the title does not.
    pub subtitle_range: Option<Range<usize>>,
    /// Byte range of the whole document (title and body) in the source text.
    pub range: Range<usize>,
    pub date: Option<PartialDate>,
    pub place: Option<String>,
}

/// The six entity types of the gold schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    Person,
    Organization,
    Country,
    Event,
    Document,
    Proposal,
}

impl EntityType {
    pub const ALL: [EntityType; 6] = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Country,
        EntityType::Event,
        EntityType::Document,
        EntityType::Proposal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Organization => "Organization",
            EntityType::Country => "Country",
            EntityType::Event => "Event",
            EntityType::Document => "Document",
            EntityType::Proposal => "Proposal",
        }
    }

    pub fn parse(name: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The relation predicates of the gold schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Predicate {
    Proposed,
    Cosponsored,
    SubmittedTo,
    Opposed,
    Supported,
    Chairs,
    PartOf,
    MemberOf,
    IssuedBy,
    Represents,
}

impl Predicate {
    pub const ALL: [Predicate; 10] = [
        Predicate::Proposed,
        Predicate::Cosponsored,
        Predicate::SubmittedTo,
        Predicate::Opposed,
        Predicate::Supported,
        Predicate::Chairs,
        Predicate::PartOf,
        Predicate::MemberOf,
        Predicate::IssuedBy,
        Predicate::Represents,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::Proposed => "proposed",
            Predicate::Cosponsored => "cosponsored",
            Predicate::SubmittedTo => "submittedTo",
            Predicate::Opposed => "opposed",
            Predicate::Supported => "supported",
            Predicate::Chairs => "chairs",
            Predicate::PartOf => "partOf",
            Predicate::MemberOf => "memberOf",
            Predicate::IssuedBy => "issuedBy",
            Predicate::Represents => "represents",
        }
    }

    pub fn parse(name: &str) -> Option<Predicate> {
        Predicate::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

impl fmt::Display for Predicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Index of an entity in [`Extraction::entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub usize);

/// One place in a document's text that names an entity (the document is
/// the [`DocumentRecord`] that holds it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Character span in the source text.
    pub span: Span,
    /// The words at `span`, as printed (shared by the source's mentions
    /// that print the same words).
    pub text: Arc<str>,
    pub entity: EntityId,
}

/// A resolved entity: one node of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Canonical key, unique in the extraction and stable across runs
    /// (`Person/Sergey Lavrov`, or a gazetteer id such as `org/oewg-2019`).
    /// IRIs and GraphML node ids are minted from it.
    pub key: String,
    pub etype: EntityType,
    pub label: String,
    /// Every surface form seen, the label included; sorted.
    pub aliases: Vec<String>,
    /// Person only: posts as printed, in order of first appearance.
    pub roles: Vec<String>,
    /// Person only: the Country or Organization they speak for.
    pub affiliation: Option<EntityId>,
    pub wikidata: Option<String>,
}

/// Where a relation was read: a sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub doc: DocId,
    /// Character span of the sentence in the source text.
    pub span: Span,
    /// The sentence; shared by every relation read from it.
    pub text: Arc<str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub subject: EntityId,
    pub predicate: Predicate,
    pub object: EntityId,
    /// Every sentence that states it; never empty.
    pub evidence: Vec<Evidence>,
}

/// A document with what the pipeline found about it.
#[derive(Debug, Clone)]
pub struct DocumentRecord {
    pub id: DocId,
    pub source: String,
    pub kind: DocKind,
    pub title: String,
    /// Character span of the whole document in the source.
    pub span: Span,
    /// Character span of the title line in the source.
    pub title_span: Span,
    pub date: Option<PartialDate>,
    pub place: Option<String>,
    pub speakers: Vec<EntityId>,
    pub event: Option<EntityId>,
    /// Its mentions, in text order. Held by the document, not in one list
    /// for the corpus, so the graph stage frees them document by document.
    pub mentions: Vec<Mention>,
}

/// What a source file yielded, for provenance.
#[derive(Debug, Clone)]
pub struct SourceRecord {
    pub name: String,
    /// Length of its text in characters.
    pub chars: usize,
}

/// The resolved extraction of a whole corpus: the input of the graph stage.
///
/// Vectors are in a canonical order (sources by name, documents by source
/// and ordinal, entities by key, each document's mentions by offset, relations
/// by subject, predicate, object), so that the same corpus always gives the
/// same extraction, whatever the thread count.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub sources: Vec<SourceRecord>,
    pub documents: Vec<DocumentRecord>,
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
}

impl Extraction {
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0]
    }

    /// Every mention, document after document.
    pub fn mentions(&self) -> impl Iterator<Item = &Mention> {
        self.documents.iter().flat_map(|d| &d.mentions)
    }

    /// The (subject, object) labels of the relations of one predicate,
    /// sorted: what the extractor's tests assert.
    #[cfg(test)]
    pub fn labelled(&self, predicate: Predicate) -> Vec<(&str, &str)> {
        let mut pairs: Vec<(&str, &str)> = self
            .relations
            .iter()
            .filter(|r| r.predicate == predicate)
            .map(|r| (self.entity(r.subject).label.as_str(), self.entity(r.object).label.as_str()))
            .collect();
        pairs.sort_unstable();
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_multibyte_chars() {
        let text = "aé’b";
        let index = CharIndex::new(text);
        assert_eq!(index.char_offset(0), 0);
        assert_eq!(index.char_offset(1), 1);
        assert_eq!(index.char_offset(3), 2);
        assert_eq!(index.char_offset(6), 3);
        assert_eq!(index.char_offset(text.len()), 4);
    }

    #[test]
    fn every_byte_of_a_char_maps_to_that_char() {
        let text = "Çavuşoğlu – 한국 🌐 “OEWG” x";
        let index = CharIndex::new(text);
        for byte in 0..text.len() {
            let chars_started = text.char_indices().filter(|&(start, _)| start <= byte).count();
            assert_eq!(index.char_offset(byte), chars_started - 1, "byte {byte}");
        }
        assert_eq!(index.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn partial_dates_print_at_their_precision() {
        assert_eq!(PartialDate { year: 2019, month: None, day: None }.to_string(), "2019");
        assert_eq!(PartialDate { year: 2019, month: Some(6), day: None }.to_string(), "2019-06");
        assert_eq!(PartialDate::ymd(2019, 6, 3).to_string(), "2019-06-03");
    }

    #[test]
    fn names_round_trip() {
        for kind in DocKind::ALL {
            assert_eq!(DocKind::parse(kind.as_str()), Some(kind));
        }
        for t in EntityType::ALL {
            assert_eq!(EntityType::parse(t.as_str()), Some(t));
        }
        for p in Predicate::ALL {
            assert_eq!(Predicate::parse(p.as_str()), Some(p));
        }
    }
}
