//! The resolve stage: mentions from the whole corpus → entities, and the
//! relations of each document → relations between entities.
//!
//! - A gazetteer name is its entry; an acronym that several bodies share
//!   ("OEWG") is the one the same source names in full, else the one active
//!   in the document's year, else the first listed.
//! - A person is their name up to transliteration ("Andrey"/"Andrei"); a
//!   surname alone ("Mr Hunt") is the full name with that surname seen in
//!   the same document, else the same source, else the corpus.
//! - Events, documents and proposals are their normalised names; a session
//!   "of" a body is its ordinal and body, however worded. A tentative
//!   proposal ("rules of responsible behaviour") is kept only when a marked
//!   proposal has its key.
//!
//! Relations whose ends break the schema's types are dropped.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::extract::names::person_key;
use crate::extract::works::TENTATIVE;
use crate::extract::Knowledge;
use crate::model::*;
use crate::pipeline::{DocAnalysis, LocatedMention, LocatedNaming, SourceAnalysis, SourceTexts, StringId};
use crate::relate::Endpoint;

/// An entity under construction.
#[derive(Default)]
struct Builder {
    etype: Option<EntityType>,
    label: Option<String>,
    aliases: Vec<String>,
    roles: Vec<String>,
    affiliation: Option<String>,
    wikidata: Option<String>,
}

pub fn resolve(sources: Vec<SourceAnalysis>, k: &Knowledge) -> Extraction {
    resolve_in_chunks(sources, k, SOURCES_PER_CHUNK)
}

/// Sources finished on every core before their relations are merged.
const SOURCES_PER_CHUNK: usize = 1024;

/// [`resolve`], finishing `chunk` sources at a time.
fn resolve_in_chunks(sources: Vec<SourceAnalysis>, k: &Knowledge, chunk: usize) -> Extraction {
    // What keying needs of the whole corpus, the two side by side.
    let (strong_proposals, corpus_persons) =
        rayon::join(|| strong_proposals(&sources), || CorpusPersons::new(&sources));

    // First pass: a key for every mention (each source's alone, on every
    // core). Mentions hold the key's number: a corpus names the same
    // entities over and over, and its keys are stored once.
    let table = Mutex::new(KeyTable::default());
    let keys: Vec<Vec<Vec<Option<u32>>>> = sources
        .par_iter()
        .map(|source| {
            let persons = PersonIndex::new(source, &corpus_persons);
            let mut per_doc = Vec::new();
            for (d, doc) in source.docs.iter().enumerate() {
                // Sittings name their body's key, so they are keyed last.
                let mut doc_keys: Vec<Option<String>> = vec![None; doc.mentions.len()];
                let sitting = |m: usize| matches!(doc.mentions[m].naming, LocatedNaming::Sitting { .. });
                for m in (0..doc.mentions.len())
                    .filter(|&m| !sitting(m))
                    .chain((0..doc.mentions.len()).filter(|&m| sitting(m)))
                {
                    doc_keys[m] = key_of(source, d, m, &doc_keys, k, &persons, &strong_proposals);
                }
                lengthen_short_proposals(&mut doc_keys);
                per_doc.push(doc_keys);
            }
            let mut table = table.lock().expect("no thread panics holding the key table");
            per_doc
                .into_iter()
                .map(|doc_keys| doc_keys.into_iter().map(|key| key.map(|key| table.number(key))).collect())
                .collect()
        })
        .collect();
    let table = table.into_inner().expect("no thread panics holding the key table");
    // Second pass: build entities from the keyed mentions. A builder per key
    // number, so a mention finds its builder without a string lookup; every
    // number was given to a mention, so every builder absorbs one. The
    // entries that relations imply are gathered meanwhile.
    let (builders, implied) = rayon::join(|| build_entities(&sources, &table, &keys, k), || implied_entries(&sources));
    let mut entities: BTreeMap<String, Builder> = table.keys.iter().cloned().zip(builders).collect();
    for entry in implied {
        let key = entry_key(entry, k);
        if !entities.contains_key(&key) {
            let entry = &k.gazetteer.entries[entry];
            let builder = entities.entry(key).or_default();
            builder.etype = Some(entry.etype);
            builder.label = Some(entry.label.clone());
            builder.aliases.push(entry.label.clone());
            builder.wikidata = entry.wikidata.clone();
        }
    }

    // What keying needed is not needed any more: freed before the mentions
    // are copied out, the biggest step.
    drop((corpus_persons, strong_proposals));
    finish(sources, &table, keys, entities, k, chunk)
}

/// A proposal named in short where the same document names it in full
/// ("the Draft Joint Statement" and "the Draft Joint Statement of the Heads
/// of State …") is that one: a key that begins exactly one longer
/// proposal key of the document becomes it.
fn lengthen_short_proposals(doc_keys: &mut [Option<String>]) {
    const PROPOSAL: &str = "Proposal/";
    let proposals: BTreeSet<String> = doc_keys.iter().flatten().filter(|k| k.starts_with(PROPOSAL)).cloned().collect();
    if proposals.len() < 2 {
        return;
    }
    for key in doc_keys.iter_mut().flatten().filter(|k| k.starts_with(PROPOSAL)) {
        let begun = |longer: &&String| longer.strip_prefix(key.as_str()).is_some_and(|rest| rest.starts_with(' '));
        let mut longer = proposals.iter().filter(begun);
        if let (Some(full), None) = (longer.next(), longer.next()) {
            *key = full.clone();
        }
    }
}

/// The keys of the proposals that a marker made sure of ("draft …", "we
/// propose …"): a tentative proposal is kept only when it shares one.
fn strong_proposals(sources: &[SourceAnalysis]) -> HashSet<String> {
    sources
        .iter()
        .flat_map(|s| s.docs.iter().flat_map(|d| &d.mentions).map(move |m| (&s.texts, m)))
        .filter_map(|(texts, m)| match m.naming {
            LocatedNaming::Phrase(key) if m.etype == EntityType::Proposal => Some(texts.string(key)),
            _ => None,
        })
        .filter(|key| !key.starts_with(TENTATIVE))
        .map(str::to_string)
        .collect()
}

/// One builder per key number, each having absorbed the mentions of its key.
fn build_entities(
    sources: &[SourceAnalysis],
    table: &KeyTable,
    keys: &[Vec<Vec<Option<u32>>>],
    k: &Knowledge,
) -> Vec<Builder> {
    let mut builders: Vec<Builder> = std::iter::repeat_with(Builder::default).take(table.keys.len()).collect();
    for (s, source) in sources.iter().enumerate() {
        for (d, doc) in source.docs.iter().enumerate() {
            for (m, mention) in doc.mentions.iter().enumerate() {
                let Some(number) = keys[s][d][m] else { continue };
                let number = number as usize;
                absorb(&mut builders[number], mention, &source.texts, &table.keys[number], k);
            }
        }
    }
    builders
}

/// The gazetteer entries that relations name without a mention ("we":
/// Russia), each once, in the order first named.
fn implied_entries(sources: &[SourceAnalysis]) -> Vec<usize> {
    let relations = sources.iter().flat_map(|source| &source.docs).flat_map(|doc| &doc.relations);
    let ends = relations.flat_map(|r| [r.subject(), r.object()]);
    let mut seen = HashSet::new();
    ends.filter_map(|end| match end {
        Endpoint::Entry(entry) => seen.insert(entry).then_some(entry),
        Endpoint::Mention(_) => None,
    })
    .collect()
}

/// Every entity key of the corpus once, numbered in order of first keying.
#[derive(Default)]
struct KeyTable {
    numbers: HashMap<String, u32>,
    keys: Vec<String>,
}

impl KeyTable {
    fn number(&mut self, key: String) -> u32 {
        if let Some(&number) = self.numbers.get(&key) {
            return number;
        }
        let number = u32::try_from(self.keys.len()).expect("fewer than 4 billion entity keys");
        self.keys.push(key.clone());
        self.numbers.insert(key, number);
        number
    }
}

fn entry_key(entry: usize, k: &Knowledge) -> String {
    let e = &k.gazetteer.entries[entry];
    format!("{}/{}", e.etype.as_str(), e.id)
}

/// Full person names by surname across the corpus: the first full name seen
/// with each surname, sources and documents in order.
struct CorpusPersons {
    by_surname: HashMap<String, String>,
}

impl CorpusPersons {
    fn new(sources: &[SourceAnalysis]) -> CorpusPersons {
        let mut by_surname = HashMap::new();
        for (source, doc) in sources.iter().flat_map(|s| s.docs.iter().map(move |d| (s, d))) {
            for (surname, full) in full_names(source, doc) {
                by_surname.entry(surname).or_insert(full);
            }
        }
        CorpusPersons { by_surname }
    }
}

/// A name key of initials and a surname ("s v vershinin").
fn is_initials(key: &str) -> bool {
    key.split(' ').rev().skip(1).all(|w| w.chars().count() == 1)
}

/// A given name and a patronymic, as a Russian interviewer addresses the
/// person interviewed ("Oleg Vladimirovich, what threats …"): not a full
/// name, but the person of the document with that given name.
fn is_addressed(key: &str) -> bool {
    key.split_once(' ').is_some_and(|(_, patronymic)| {
        !patronymic.contains(' ') && ["vich", "vna", "ichna"].iter().any(|suffix| patronymic.ends_with(suffix))
    })
}

/// (surname, full-name key) of each person named in full in a document
/// (initials and a surname are not a full name, nor a given name and a
/// patronymic).
fn full_names<'a>(source: &'a SourceAnalysis, doc: &'a DocAnalysis) -> impl Iterator<Item = (String, String)> + 'a {
    let names = doc.mentions.iter().filter(|m| m.etype == EntityType::Person).map(|m| source.texts.string(m.name));
    names.filter_map(|name| {
        let key = person_key(name);
        let full = name.contains(' ') && !is_initials(&key) && !is_addressed(&key);
        // A hyphenated surname is one ("Tiirmaa-Klaar"), though its key has two words.
        full.then(|| (surname_key(name), key))
    })
}

/// The key of a name's last word: its surname.
fn surname_key(name: &str) -> String {
    person_key(name.rsplit(' ').next().unwrap_or_default())
}

/// Indexes full person names by surname for one source: per document, for
/// the source, then the corpus's. Built for one source at a time, so only
/// the corpus-wide index is held for the whole corpus.
struct PersonIndex<'a> {
    /// (doc, surname key) → full-name key
    by_doc: HashMap<(usize, String), String>,
    /// (doc, given-name key) → the full-name key of the one person of the
    /// document with that given name; None when two share it.
    by_given: HashMap<(usize, String), Option<String>>,
    by_source: HashMap<String, String>,
    corpus: &'a CorpusPersons,
}

impl<'a> PersonIndex<'a> {
    fn new(source: &SourceAnalysis, corpus: &'a CorpusPersons) -> PersonIndex<'a> {
        let mut index =
            PersonIndex { by_doc: HashMap::new(), by_given: HashMap::new(), by_source: HashMap::new(), corpus };
        for (d, doc) in source.docs.iter().enumerate() {
            for (surname, full) in full_names(source, doc) {
                let given = full.split(' ').next().unwrap_or_default().to_string();
                let same = index.by_given.entry((d, given)).or_insert_with(|| Some(full.clone()));
                if same.as_ref().is_some_and(|known| *known != full) {
                    *same = None;
                }
                index.by_doc.entry((d, surname.clone())).or_insert_with(|| full.clone());
                index.by_source.entry(surname).or_insert(full);
            }
        }
        index
    }

    /// The key of the person a name names: the name's own key when it is
    /// a full name; for a surname alone ("Rzegocki") or after initials
    /// ("B.Gafoor", "S. V. Vershinin"), the full name seen with that
    /// surname in the document, else the source, else the corpus, if its
    /// given name starts with the first initial.
    fn full_name(&self, d: usize, name: &str) -> String {
        let key = person_key(name);
        if is_addressed(&key) {
            let given = key.split(' ').next().unwrap_or_default().to_string();
            return self.by_given.get(&(d, given)).cloned().flatten().unwrap_or(key);
        }
        // A hyphenated surname alone ("Tiirmaa-Klaar") is a surname too.
        let hyphenated_surname = !name.contains(' ') && !is_initials(&key);
        if !is_initials(&key) && !hyphenated_surname {
            return key;
        }
        let words: Vec<&str> = key.split(' ').collect();
        let (surname, given) = if hyphenated_surname {
            (key.clone(), &[][..])
        } else {
            let Some((surname, given)) = words.split_last() else { return key };
            (surname.to_string(), given)
        };
        let known = self
            .by_doc
            .get(&(d, surname.clone()))
            .or_else(|| self.by_source.get(&surname))
            .or_else(|| self.corpus.by_surname.get(&surname));
        match (known, given.first()) {
            (Some(full), None) => full.clone(),
            (Some(full), Some(initial)) if full.starts_with(initial) => full.clone(),
            _ => key,
        }
    }
}

fn key_of(
    source: &SourceAnalysis,
    d: usize,
    m: usize,
    doc_keys: &[Option<String>],
    k: &Knowledge,
    persons: &PersonIndex,
    strong_proposals: &HashSet<String>,
) -> Option<String> {
    let doc = &source.docs[d];
    let found = &doc.mentions[m];
    let etype = found.etype.as_str();
    match found.naming {
        LocatedNaming::Gazetteer { entries, .. } => {
            Some(entry_key(choose_entry(source.texts.entries(entries), source, doc, k), k))
        }
        LocatedNaming::Person => Some(format!("Person/{}", persons.full_name(d, source.texts.string(found.name)))),
        LocatedNaming::Sitting { ordinal, body } => {
            let body_key = doc_keys.get(body as usize).cloned().flatten()?;
            Some(format!("Event/sitting {ordinal} of {body_key}"))
        }
        LocatedNaming::Phrase(key) => {
            let key = source.texts.string(key);
            match key.strip_prefix(TENTATIVE) {
                Some(key) => strong_proposals.contains(key).then(|| format!("{etype}/{key}")),
                None => Some(format!("{etype}/{key}")),
            }
        }
    }
}

/// One of the bodies a shared acronym may name.
fn choose_entry(entries: &[usize], source: &SourceAnalysis, doc: &DocAnalysis, k: &Knowledge) -> usize {
    if entries.len() == 1 {
        return entries[0];
    }
    let named_in_full = |e: usize| {
        source.docs.iter().flat_map(|d| &d.mentions).any(|m| match m.naming {
            LocatedNaming::Gazetteer { entries: other, acronym } => {
                let other = source.texts.entries(other);
                !acronym && other.len() == 1 && other[0] == e
            }
            _ => false,
        })
    };
    if let Some(&e) = entries.iter().find(|&&e| named_in_full(e)) {
        return e;
    }
    // A body whose years the title gives ("OEWG … 2021-2025"), else one
    // active in the document's year.
    let title = &doc.document.title;
    let years_in_title = |e: usize| {
        k.gazetteer.entries[e]
            .active
            .is_some_and(|(from, to)| ["-", "–", "—"].iter().any(|dash| title.contains(&format!("{from}{dash}{to}"))))
    };
    if let Some(&e) = entries.iter().find(|&&e| years_in_title(e)) {
        return e;
    }
    let year = doc.document.date.map(|d| d.year);
    if let Some(year) = year {
        if let Some(&e) = entries
            .iter()
            .find(|&&e| k.gazetteer.entries[e].active.is_some_and(|(from, to)| from <= year && year <= to))
        {
            return e;
        }
    }
    entries[0]
}

/// How fully a name is written: its words spelled out ("Sergey
/// Vershinin" before "S. V. Vershinin"), then all its words.
fn fullness(name: &str) -> (usize, usize) {
    let spelled = |word: &str| word.split('.').any(|part| part.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    let words: Vec<&str> = name.split(' ').collect();
    (words.iter().filter(|word| spelled(word)).count(), words.len())
}

fn absorb(builder: &mut Builder, found: &LocatedMention, texts: &SourceTexts, key: &str, k: &Knowledge) {
    builder.etype.get_or_insert(found.etype);
    let name = texts.string(found.name);
    let alias = name.trim_start_matches("the ").trim_start_matches("The ").to_string();
    if builder.label.is_none() {
        builder.label = Some(match &found.naming {
            LocatedNaming::Gazetteer { .. } => {
                let id = key.split_once('/').map_or("", |(_, id)| id);
                let entry = k.gazetteer.get(id);
                builder.wikidata = entry.and_then(|e| e.wikidata.clone());
                entry.map_or(alias.clone(), |e| e.label.clone())
            }
            _ => alias.clone(),
        });
    }
    // A person's label is the fullest form of the name seen.
    if found.etype == EntityType::Person && fullness(&alias) > fullness(builder.label.as_deref().unwrap_or("")) {
        builder.label = Some(alias.clone());
    }
    if !builder.aliases.contains(&alias) {
        builder.aliases.push(alias);
    }
    for role in texts.roles(found) {
        if !builder.roles.iter().any(|r| r == role) {
            builder.roles.push(role.to_string());
        }
    }
    if builder.affiliation.is_none() {
        builder.affiliation = found.affiliation().map(|a| entry_key(a, k));
    }
}

fn finish(
    sources: Vec<SourceAnalysis>,
    table: &KeyTable,
    keys: Vec<Vec<Vec<Option<u32>>>>,
    builders: BTreeMap<String, Builder>,
    k: &Knowledge,
    chunk: usize,
) -> Extraction {
    let ids: HashMap<&str, EntityId> =
        builders.keys().enumerate().map(|(i, key)| (key.as_str(), EntityId(i))).collect();
    let mut used_labels: HashSet<String> = HashSet::new();
    let mut entities = Vec::new();
    for (key, b) in &builders {
        let etype = b.etype.unwrap_or(EntityType::Organization);
        let mut label = b.label.clone().unwrap_or_else(|| key.clone());
        if !used_labels.insert(label.clone()) {
            label = format!("{label} ({})", etype.as_str());
            used_labels.insert(label.clone());
        }
        let mut aliases = b.aliases.clone();
        if !aliases.contains(&label) {
            aliases.push(label.clone());
        }
        aliases.sort();
        aliases.dedup();
        entities.push(Entity {
            key: key.clone(),
            etype,
            label,
            aliases,
            roles: b.roles.clone(),
            affiliation: b.affiliation.as_deref().and_then(|a| ids.get(a).copied()),
            wikidata: b.wikidata.clone(),
        });
    }

    let entity_of_key: Vec<Option<EntityId>> = table.keys.iter().map(|key| ids.get(key.as_str()).copied()).collect();
    let ends = Ends { keys: &keys, entity_of_key: &entity_of_key, ids: &ids, entities: &entities, k };
    let documents = sources.iter().map(|s| s.docs.len()).sum();
    let mut extraction = Extraction {
        entities: Vec::new(),
        sources: Vec::with_capacity(sources.len()),
        documents: Vec::with_capacity(documents),
        relations: Vec::new(),
    };
    let texts = Interner::default();
    let mut relations = RelationLists::default();
    // Sources are finished a chunk at a time on every core, and merged in
    // order while the next chunk is finished: what waits to be merged stays
    // a chunk's worth.
    let mut numbered = sources.into_iter().enumerate();
    let mut finished: Vec<FinishedSource> = Vec::new();
    loop {
        let sources: Vec<(usize, SourceAnalysis)> = numbered.by_ref().take(chunk).collect();
        if sources.is_empty() {
            merge(finished, &mut extraction, &mut relations);
            break;
        }
        let finish_chunk =
            || sources.into_par_iter().map(|(s, source)| finish_source(s, source, &ends, &texts)).collect();
        finished = rayon::join(|| merge(finished, &mut extraction, &mut relations), finish_chunk).1;
    }
    drop((texts, ends));
    extraction.entities = entities;
    extraction.relations = relations.into_relations();
    affiliate_by_relations(&mut extraction);
    extraction
}

/// A person whose posts name no country or body speaks for whom the text
/// says they represent (a speaker for the page's country): the `represents`
/// relation with the most evidence, so that the entity and its relations
/// agree.
fn affiliate_by_relations(extraction: &mut Extraction) {
    let mut best: HashMap<EntityId, (usize, EntityId)> = HashMap::new();
    for r in extraction.relations.iter().filter(|r| r.predicate == Predicate::Represents) {
        let support = r.evidence.len();
        // Relations are in a fixed order: the first of equals wins.
        best.entry(r.subject)
            .and_modify(|b| {
                if support > b.0 {
                    *b = (support, r.object)
                }
            })
            .or_insert((support, r.object));
    }
    for (person, (_, object)) in best {
        let entity = &mut extraction.entities[person.0];
        if entity.affiliation.is_none() {
            entity.affiliation = Some(object);
        }
    }
}

/// Appends finished sources to the extraction, in their order: records,
/// documents, and their evidence to the relations' lists.
fn merge(finished: Vec<FinishedSource>, extraction: &mut Extraction, relations: &mut RelationLists) {
    for source in finished {
        extraction.sources.push(source.record);
        relations.merge(source.evidence);
        extraction.documents.extend(source.documents);
    }
}

/// What maps a source's mentions and relation ends to entities.
struct Ends<'a> {
    /// Key number of each mention, by source, document and mention.
    keys: &'a [Vec<Vec<Option<u32>>>],
    entity_of_key: &'a [Option<EntityId>],
    ids: &'a HashMap<&'a str, EntityId>,
    entities: &'a [Entity],
    k: &'a Knowledge,
}

impl Ends<'_> {
    fn entity_of(&self, s: usize, d: usize, m: usize) -> Option<EntityId> {
        self.keys[s][d][m].and_then(|number| self.entity_of_key[number as usize])
    }

    fn endpoint(&self, s: usize, d: usize, end: Endpoint) -> Option<EntityId> {
        match end {
            Endpoint::Mention(m) => self.entity_of(s, d, m),
            Endpoint::Entry(entry) => self.ids.get(entry_key(entry, self.k).as_str()).copied(),
        }
    }
}

/// A source's documents, and the evidence of its relations in the order
/// read, each sentence once per relation and document.
struct FinishedSource {
    record: SourceRecord,
    documents: Vec<DocumentRecord>,
    evidence: Vec<(RelationKey, Evidence)>,
}

type RelationKey = (EntityId, Predicate, EntityId);

fn finish_source(s: usize, source: SourceAnalysis, ends: &Ends, corpus_texts: &Interner) -> FinishedSource {
    let SourceAnalysis { name, chars, docs, texts } = source;
    // Anchors and sentences become shared strings here, as the source's
    // texts are freed: each text once for the corpus, where names and
    // boilerplate sentences recur from page to page.
    let mut shared: Vec<Option<Arc<str>>> = vec![None; texts.string_count()];
    let mut shared_string = |id: StringId| -> Arc<str> {
        shared[id.index()].get_or_insert_with(|| corpus_texts.intern(texts.string(id))).clone()
    };
    let mut documents = Vec::with_capacity(docs.len());
    let mut evidence = Vec::new();
    // Evidence names its document, so a repeat can only come from the same
    // document: (relation, sentence span) pairs are checked per document.
    let mut in_doc: HashSet<(RelationKey, Span), foldhash::fast::FixedState> = HashSet::default();
    for (d, doc) in docs.into_iter().enumerate() {
        let id = doc.document.id.clone();
        let keyed = ends.keys[s][d].iter().filter(|key| key.is_some()).count();
        let mut mentions = Vec::with_capacity(keyed);
        for (m, mention) in doc.mentions.iter().enumerate() {
            if let Some(entity) = ends.entity_of(s, d, m) {
                mentions.push(Mention { span: mention.span(), text: shared_string(mention.text), entity });
            }
        }
        in_doc.clear();
        for r in &doc.relations {
            let (Some(subject), Some(object)) = (ends.endpoint(s, d, r.subject()), ends.endpoint(s, d, r.object()))
            else {
                continue;
            };
            let types = (ends.entities[subject.0].etype, ends.entities[object.0].etype);
            if subject == object || !fits_schema(r.predicate, types) {
                continue;
            }
            let (span, sentence) = texts.sentence(r);
            let key = (subject, r.predicate, object);
            if in_doc.insert((key, span)) {
                evidence.push((key, Evidence { doc: id.clone(), span, text: shared_string(sentence) }));
            }
        }
        let mut speakers: Vec<EntityId> = doc.speakers.iter().filter_map(|&m| ends.entity_of(s, d, m)).collect();
        speakers.dedup();
        documents.push(DocumentRecord {
            id,
            source: doc.document.source,
            kind: doc.document.kind,
            title: doc.document.title,
            span: doc.span,
            title_span: doc.title_span,
            date: doc.document.date,
            place: doc.document.place,
            speakers,
            event: doc.event.and_then(|m| ends.entity_of(s, d, m)),
            mentions,
        });
    }
    FinishedSource { record: SourceRecord { name, chars }, documents, evidence }
}

/// The evidence of every relation, sources merged in order.
#[derive(Default)]
struct RelationLists {
    /// Where each relation's list is in `lists`: hashed, as the merge looks
    /// one up for every sentence of the corpus.
    index: HashMap<RelationKey, usize, foldhash::fast::FixedState>,
    lists: Vec<(RelationKey, Vec<Evidence>)>,
    /// Documents merged so far. Names of sources differ, and so do the ids
    /// of their documents; were one repeated, its evidence is checked
    /// against the whole list it joins.
    documents: HashSet<DocId, foldhash::fast::FixedState>,
}

impl RelationLists {
    fn merge(&mut self, evidence: Vec<(RelationKey, Evidence)>) {
        let mut last_doc: Option<(DocId, bool)> = None;
        for (key, evidence) in evidence {
            let repeated = match &last_doc {
                Some((doc, repeated)) if *doc == evidence.doc => *repeated,
                _ => {
                    let repeated = !self.documents.insert(evidence.doc.clone());
                    last_doc = Some((evidence.doc.clone(), repeated));
                    repeated
                }
            };
            let next = self.lists.len();
            let at = *self.index.entry(key).or_insert(next);
            if at == next {
                self.lists.push((key, Vec::new()));
            }
            let list = &mut self.lists[at].1;
            if !repeated || !list.contains(&evidence) {
                list.push(evidence);
            }
        }
    }

    /// The relations in order of subject, predicate and object.
    fn into_relations(mut self) -> Vec<Relation> {
        self.lists.sort_unstable_by_key(|(key, _)| *key);
        self.lists
            .into_iter()
            .map(|((subject, predicate, object), mut evidence)| {
                // Each list grew by doubling: up to twice its length, for the whole run.
                evidence.shrink_to_fit();
                Relation { subject, predicate, object, evidence }
            })
            .collect()
    }
}

/// The corpus's one copy of each text, in shards that the cores lock one
/// at a time.
struct Interner {
    shards: Vec<Mutex<HashSet<Arc<str>, foldhash::fast::FixedState>>>,
    hasher: foldhash::fast::FixedState,
}

const INTERNER_SHARDS: usize = 64;

impl Default for Interner {
    fn default() -> Interner {
        Interner {
            shards: std::iter::repeat_with(Default::default).take(INTERNER_SHARDS).collect(),
            hasher: foldhash::fast::FixedState::default(),
        }
    }
}

impl Interner {
    fn intern(&self, text: &str) -> Arc<str> {
        use std::hash::BuildHasher;
        let shard = self.hasher.hash_one(text) as usize % INTERNER_SHARDS;
        let mut texts = self.shards[shard].lock().expect("no thread panics holding the interner");
        if let Some(shared) = texts.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        texts.insert(shared.clone());
        shared
    }
}

/// The subject and object types each predicate allows (gold SCHEMA.md).
pub fn fits_schema(predicate: Predicate, (subject, object): (EntityType, EntityType)) -> bool {
    use EntityType::*;
    let party = matches!(subject, Person | Country | Organization);
    match predicate {
        Predicate::Proposed => party && object == Proposal,
        Predicate::Cosponsored => subject == Country && object == Proposal,
        Predicate::SubmittedTo => subject == Proposal && matches!(object, Organization | Event),
        Predicate::Opposed | Predicate::Supported => party && matches!(object, Proposal | Document),
        Predicate::Chairs => matches!(subject, Person | Country) && matches!(object, Organization | Event),
        Predicate::PartOf => matches!(subject, Event | Organization) && object == Organization,
        Predicate::MemberOf => subject == Country && object == Organization,
        Predicate::IssuedBy => subject == Document && object == Organization,
        Predicate::Represents => subject == Person && matches!(object, Country | Organization),
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Knowledge;
    use crate::model::EntityType;

    /// Person labels by source file, read from files in a directory.
    fn persons_by_source(files: &[(&str, &[u8])]) -> Vec<(String, Vec<String>)> {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let k = Knowledge::builtin().unwrap();
        let (extraction, report) = crate::pipeline::run(&[dir.path().to_path_buf()], &k, None);
        assert_eq!(report.skipped.len(), files.iter().filter(|(_, b)| b.contains(&0)).count());
        let mut by_source: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for doc in &extraction.documents {
            for m in &doc.mentions {
                let entity = &extraction.entities[m.entity.0];
                if entity.etype == EntityType::Person {
                    by_source.entry(doc.source.clone()).or_default().push(entity.label.clone());
                }
            }
        }
        by_source.into_iter().collect()
    }

    #[test]
    fn a_text_printed_in_several_sources_is_stored_once() {
        let page = "Statement by the Ministry of Foreign Affairs, 12 March 2021\n\n\
                    Russia and China submitted a draft convention on information security to the OEWG.\n";
        let sources: Vec<crate::model::Source> =
            ["a.txt", "b.txt"].map(|name| crate::model::Source { name: name.into(), text: page.into() }).into();
        let extraction = crate::pipeline::run_sources(&sources, &Knowledge::builtin().unwrap());
        let [a, b] = [0, 1].map(|d| &extraction.documents[d]);
        assert_ne!(a.source, b.source);
        let russia = |doc: &crate::model::DocumentRecord| doc.mentions.iter().find(|m| &*m.text == "Russia").cloned();
        let (in_a, in_b) = (russia(a).unwrap(), russia(b).unwrap());
        assert!(std::sync::Arc::ptr_eq(&in_a.text, &in_b.text));
        let sentences: Vec<_> = extraction.relations.iter().flat_map(|r| &r.evidence).collect();
        assert!(sentences.len() >= 2 && sentences.iter().any(|e| e.doc == b.id), "{sentences:?}");
        assert!(sentences.iter().all(|e| std::sync::Arc::ptr_eq(&e.text, &sentences[0].text)), "{sentences:?}");
    }

    #[test]
    fn a_speaker_whose_post_names_no_country_is_affiliated_as_the_relations_say() {
        use crate::model::{EntityId, Predicate};
        let page = "Statement by Vice Minister Ivan Petrov at the Workshop, 12 March 2021\n\n\
                    Chile values the UN. Chile supports its work. We thank Kenya.\n";
        let sources = [crate::model::Source { name: "a.txt".into(), text: page.into() }];
        let extraction = crate::pipeline::run_sources(&sources, &Knowledge::builtin().unwrap());
        let label = |id: EntityId| extraction.entity(id).label.as_str();
        let petrov = extraction.entities.iter().position(|e| e.label == "Ivan Petrov").map(EntityId).unwrap();
        let represents: Vec<&str> = extraction
            .relations
            .iter()
            .filter(|r| r.subject == petrov && r.predicate == Predicate::Represents)
            .map(|r| label(r.object))
            .collect();
        assert_eq!(represents, ["Chile"]);
        assert_eq!(extraction.entity(petrov).affiliation.map(label), Some("Chile"));
    }

    #[test]
    fn a_shared_name_is_the_body_whose_years_the_title_gives_else_the_one_active_that_year() {
        let k = Knowledge::builtin().unwrap();
        let named_in = |title: &str, year: u32, name: &str| {
            let text = format!("{title}\n\n2 June {year}\n\nThe {name} met.\n");
            let source = crate::model::Source { name: "oewg.txt".into(), text };
            let x = crate::pipeline::run_sources(&[source], &k);
            let org = x.entities.iter().find(|e| e.etype == EntityType::Organization).unwrap();
            org.label.clone()
        };
        let body_of = |title: &str| named_in(title, 2021, "Open-ended Working Group");
        let (old, new) = (&k.gazetteer.get("oewg-2019").unwrap().label, &k.gazetteer.get("oewg-2021").unwrap().label);
        assert_eq!(&body_of("Press release on the session of the Working Group 2021-2025"), new);
        assert_eq!(&body_of("Press release on the session of the Working Group"), old);
        // Russia's name for both groups.
        let iis = "Open-ended Working Group on International Information Security";
        assert_eq!(&named_in("Press release", 2023, iis), new);
        assert_eq!(&named_in("Press release", 2020, iis), old);
    }

    #[test]
    fn finishing_sources_one_at_a_time_or_all_at_once_gives_the_same_extraction() {
        let k = Knowledge::builtin().unwrap();
        let sources = crate::fixtures::demo_sources();
        let resolved = |chunk: usize| {
            let analyses = sources.iter().map(|s| crate::pipeline::analyze_source(s, &k)).collect();
            format!("{:?}", super::resolve_in_chunks(analyses, &k, chunk))
        };
        let (one_at_a_time, all_at_once) = (resolved(1), resolved(super::SOURCES_PER_CHUNK));
        assert!(sources.len() > 1 && one_at_a_time.contains("Evidence"));
        assert_eq!(one_at_a_time, all_at_once);
    }

    #[test]
    fn evidence_of_a_repeated_document_id_is_checked_against_the_whole_list() {
        use crate::model::{DocId, EntityId, Evidence, Predicate, Span};
        let key = (EntityId(0), Predicate::Supported, EntityId(1));
        let evidence = |doc: &str, start: usize| Evidence {
            doc: DocId(doc.into()),
            span: Span { start, end: start + 5 },
            text: "We support it.".into(),
        };
        let mut lists = super::RelationLists::default();
        lists.merge(vec![(key, evidence("a.txt#1", 0)), (key, evidence("a.txt#1", 10))]);
        // A second source with the same name: its repeat is dropped, its new sentence kept.
        lists.merge(vec![(key, evidence("a.txt#1", 10)), (key, evidence("a.txt#1", 20))]);
        lists.merge(vec![(key, evidence("b.txt#1", 0))]);
        let relations = lists.into_relations();
        let spans: Vec<(&str, usize)> = relations[0].evidence.iter().map(|e| (e.doc.as_str(), e.span.start)).collect();
        assert_eq!(relations.len(), 1);
        assert_eq!(spans, [("a.txt#1", 0), ("a.txt#1", 10), ("a.txt#1", 20), ("b.txt#1", 0)]);
    }

    #[test]
    fn relations_come_out_in_order_of_subject_predicate_and_object() {
        use crate::model::{DocId, EntityId, Evidence, Predicate, Span};
        let evidence = Evidence { doc: DocId("a.txt#1".into()), span: Span { start: 0, end: 5 }, text: "".into() };
        let keys = [
            (EntityId(2), Predicate::Supported, EntityId(0)),
            (EntityId(0), Predicate::Opposed, EntityId(1)),
            (EntityId(0), Predicate::Supported, EntityId(1)),
        ];
        let mut lists = super::RelationLists::default();
        lists.merge(keys.iter().map(|&key| (key, evidence.clone())).collect());
        let order: Vec<_> = lists.into_relations().iter().map(|r| (r.subject, r.predicate, r.object)).collect();
        let mut sorted = keys.to_vec();
        sorted.sort();
        assert_eq!(order, sorted);
    }

    #[test]
    fn a_hyphenated_surname_alone_is_the_person_named_in_full_with_it() {
        let page = "Statement by the Ministry of Foreign Affairs, 12 March 2021\n\n\
                    The unit is headed by Ambassador Heli Tiirmaa-Klaar. Later Ambassador Tiirmaa-Klaar and \
                    Mr Klaar answered questions.\n";
        let persons = persons_by_source(&[("a.txt", page.as_bytes())]);
        assert_eq!(persons[0].1, ["Heli Tiirmaa-Klaar", "Heli Tiirmaa-Klaar", "Klaar"]);
    }

    #[test]
    fn a_surname_is_the_full_name_seen_in_its_own_source_even_after_a_skipped_file() {
        let page = |name: &str| {
            format!(
                "Statement by the Ministry of Foreign Affairs, 12 March 2021\n\n\
                 Minister {name} met the press in Geneva. Later Mr Smith answered questions.\n"
            )
        };
        let (john, jane) = (page("John Smith"), page("Jane Smith"));
        let files: [(&str, &[u8]); 3] =
            [("a.txt", b"\0binary"), ("b.txt", john.as_bytes()), ("c.txt", jane.as_bytes())];
        let persons = persons_by_source(&files);
        assert_eq!(
            persons,
            [
                ("b.txt".to_string(), vec!["John Smith".to_string(), "John Smith".to_string()]),
                ("c.txt".to_string(), vec!["Jane Smith".to_string(), "Jane Smith".to_string()]),
            ]
        );
    }

    #[test]
    fn a_given_name_and_patronymic_are_the_one_person_of_the_document_with_that_given_name() {
        let interview = "Interview of Deputy Minister Pavel Ostrikov to the Vesti agency, 3 May 2022\n\n\
                         Pavel Nikolaevich, what threats matter most?\n\n\
                         – Attacks on critical infrastructure.\n";
        let two = "Interview of Deputy Minister Pavel Ostrikov to the Vesti agency, 3 May 2022\n\n\
                   Minister Pavel Lunin joined. Pavel Nikolaevich, what threats matter most?\n";
        let files: [(&str, &[u8]); 2] = [("a.txt", interview.as_bytes()), ("b.txt", two.as_bytes())];
        let persons = persons_by_source(&files);
        let labels = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            persons,
            [
                ("a.txt".to_string(), labels(&["Pavel Ostrikov", "Pavel Ostrikov"])),
                // Two Pavels: the address names neither.
                ("b.txt".to_string(), labels(&["Pavel Ostrikov", "Pavel Lunin", "Pavel Nikolaevich"])),
            ]
        );
    }

    #[test]
    fn a_proposal_named_in_short_is_the_one_proposal_of_the_document_its_key_begins() {
        let key = |k: &str| Some(k.to_string());
        let mut keys = vec![
            key("Proposal/draft joint statement"),
            key("Proposal/draft joint statement heads state"),
            key("Proposal/draft convention"),
            key("Proposal/draft convention cybercrime"),
            key("Proposal/draft convention information security"),
            key("Proposal/draft"),
            None,
            key("Event/draft joint"),
        ];
        super::lengthen_short_proposals(&mut keys);
        assert_eq!(
            keys,
            [
                key("Proposal/draft joint statement heads state"),
                key("Proposal/draft joint statement heads state"),
                // Two longer ones: which is meant is not known.
                key("Proposal/draft convention"),
                key("Proposal/draft convention cybercrime"),
                key("Proposal/draft convention information security"),
                key("Proposal/draft"),
                None,
                key("Event/draft joint"),
            ]
        );
    }

    #[test]
    fn initials_and_a_surname_are_the_person_named_in_full_whose_given_name_they_start() {
        let full = "Statement by Deputy Minister Sergey Vershinin, 12 March 2021\n\nThe talks went well.\n";
        let initials = "Speech by Deputy Minister S.V. Vershinin in Kazan\n\n\
                        We thanked Mr.Chair B.Gafoor. Deputy Minister T. Vershinin spoke too.\n";
        let files: [(&str, &[u8]); 2] = [("a.txt", full.as_bytes()), ("b.txt", initials.as_bytes())];
        let persons = persons_by_source(&files);
        let labels = |s: &str| vec![s.to_string()];
        assert_eq!(
            persons,
            [
                ("a.txt".to_string(), labels("Sergey Vershinin")),
                // Another initial is another person; a surname seen with no
                // full name stays as written.
                ("b.txt".to_string(), ["Sergey Vershinin", "B.Gafoor", "T. Vershinin"].map(String::from).to_vec()),
            ]
        );
    }
}
