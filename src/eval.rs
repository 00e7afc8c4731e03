//! Scores predicted annotations against a gold file, by the rules of
//! `shared/gold/SCHEMA.md` ("Scoring").
//!
//! Every comparison of names goes through [`fold`]: Unicode NFD, combining
//! marks dropped, lowercased, only alphanumeric characters kept, so that
//! case, accents, punctuation and white space do not count.
//!
//! - **Entities** are mapped first. A predicted entity matches a gold entity
//!   of the same type when its label or one of its aliases folds equal to the
//!   gold label or one of the gold aliases. When several gold entities match,
//!   the one whose label folds equal to the predicted label wins, then the one
//!   sharing most folded names, then the first in the gold file. Several
//!   predicted entities may map to one gold entity; an unmatched predicted
//!   entity stays itself and can only be a false hit.
//! - **Documents** match one to one, in predicted order, when both come from
//!   the same source file and their titles fold equal. On matched pairs the
//!   fields are scored: `kind` and `date` exactly, `place` folded, `event`
//!   and `speakers` (as sets) through the entity mapping; `null == null`.
//! - **Mentions** are sets of (document, entity) pairs: the document is the
//!   matched gold document (a predicted document that matched none keeps its
//!   own identity and cannot score), the entity is the mapped one. A
//!   document's pairs are its `mentions`, `speakers` and `event` together
//!   (the schema says mentions include the other two). Scored per entity
//!   type (a false hit counts under its predicted type) and over all (micro).
//! - **Relations** are sets of (subject, predicate, object) with both ends
//!   mapped; `doc` is ignored. Scored over all, and per predicate.
//!
//! A label that names no entity of its file is compared by its folded form
//! and matches nothing of the other file unless the same happens there.
//!
//! Precision is tp / predicted and recall tp / gold; a ratio over an empty
//! set is 1.0 when the other set is empty too, else 0.0.
//!
//! [`Report::write_json`] prints one JSON object, keys in this order:
//!
//! ```json
//! {
//!   "documents": {
//!     "tp": 2, "predicted": 2, "gold": 3, "precision": 1.0, "recall": 0.667, "f1": 0.8,
//!     "fields": {
//!       "kind":     {"correct": 2, "total": 2, "accuracy": 1.0},
//!       "date": ..., "place": ..., "event": ..., "speakers": ...
//!     }
//!   },
//!   "mentions":  {"overall": PRF, "by_type": {"Country": PRF, ...}},
//!   "relations": {"overall": PRF, "by_predicate": {"partOf": PRF, ...}}
//! }
//! ```
//!
//! where PRF is `{"tp", "predicted", "gold", "precision", "recall", "f1"}`,
//! `by_type` and `by_predicate` are sorted by name and list every type or
//! predicate seen in either file, and `accuracy` is `null` when no documents
//! matched.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;
use std::io::{self, Write};

use serde::Serialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::annotations::{Annotations, Document};

/// Folds a name for comparison: NFD, no combining marks, lowercase, only
/// alphanumeric characters.
pub fn fold(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect()
}

/// Precision, recall and F1 over one set of items.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub predicted: usize,
    pub gold: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(tp: usize, predicted: usize, gold: usize) -> Prf {
        let precision = ratio(tp, predicted, gold);
        let recall = ratio(tp, gold, predicted);
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { tp, predicted, gold, precision, recall, f1 }
    }
}

/// `part / whole`; over an empty whole, 1.0 if `other` is empty too, else 0.0.
fn ratio(part: usize, whole: usize, other: usize) -> f64 {
    match (whole, other) {
        (0, 0) => 1.0,
        (0, _) => 0.0,
        _ => part as f64 / whole as f64,
    }
}

/// How often one document field is right on matched documents.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
    /// `None` when no documents matched.
    pub accuracy: Option<f64>,
}

impl Accuracy {
    fn new(correct: usize, total: usize) -> Accuracy {
        let accuracy = (total > 0).then(|| correct as f64 / total as f64);
        Accuracy { correct, total, accuracy }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldScores {
    pub kind: Accuracy,
    pub date: Accuracy,
    pub place: Accuracy,
    pub event: Accuracy,
    pub speakers: Accuracy,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentScores {
    #[serde(flatten)]
    pub prf: Prf,
    pub fields: FieldScores,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionScores {
    pub overall: Prf,
    pub by_type: BTreeMap<String, Prf>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationScores {
    pub overall: Prf,
    pub by_predicate: BTreeMap<String, Prf>,
}

/// The misses and false hits of one section, as printable lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explanation {
    /// Gold items not found, sorted.
    pub misses: Vec<String>,
    /// Predicted items not in the gold, sorted.
    pub false_hits: Vec<String>,
    /// Document fields that differ on matched pairs, sorted (documents only).
    pub wrong_fields: Vec<String>,
}

/// The scores of a predicted file against a gold file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub documents: DocumentScores,
    pub mentions: MentionScores,
    pub relations: RelationScores,
    #[serde(skip)]
    pub explain_documents: Explanation,
    #[serde(skip)]
    pub explain_mentions: Explanation,
    #[serde(skip)]
    pub explain_relations: Explanation,
}

/// An entity as compared: a gold entity, or a name that matched none.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum EntityRef {
    Gold(usize),
    /// Type (empty when unknown) and folded label.
    Unmatched(String, String),
}

/// A document as compared: a gold document, or a predicted one that matched none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum DocRef {
    Gold(usize),
    Predicted(usize),
}

/// Names of entities and documents of both files, for resolving labels and
/// printing explanations.
struct Names<'a> {
    gold: &'a Annotations,
    predicted: &'a Annotations,
    /// Printable label of each unmatched entity key (first seen).
    unmatched: HashMap<(String, String), String>,
}

impl Names<'_> {
    fn entity<'s>(&'s self, entity: &'s EntityRef) -> &'s str {
        match entity {
            EntityRef::Gold(i) => &self.gold.entities[*i].label,
            EntityRef::Unmatched(t, f) => {
                self.unmatched.get(&(t.clone(), f.clone())).map_or(f.as_str(), |l| l.as_str())
            }
        }
    }

    fn entity_type<'s>(&'s self, entity: &'s EntityRef) -> &'s str {
        match entity {
            EntityRef::Gold(i) => &self.gold.entities[*i].etype,
            EntityRef::Unmatched(t, _) => {
                if t.is_empty() {
                    "?"
                } else {
                    t
                }
            }
        }
    }

    fn doc(&self, doc: DocRef) -> &str {
        match doc {
            DocRef::Gold(i) => &self.gold.documents[i].id,
            DocRef::Predicted(i) => &self.predicted.documents[i].id,
        }
    }
}

/// Resolves the labels one file uses to entity refs.
struct Resolver {
    /// Exact label → ref, then folded label → ref (first entity wins).
    exact: HashMap<String, EntityRef>,
    folded: HashMap<String, EntityRef>,
}

impl Resolver {
    fn new(annotations: &Annotations, refs: &[EntityRef]) -> Resolver {
        let mut exact = HashMap::new();
        let mut folded = HashMap::new();
        for (entity, r) in annotations.entities.iter().zip(refs) {
            exact.entry(entity.label.clone()).or_insert_with(|| r.clone());
            folded.entry(fold(&entity.label)).or_insert_with(|| r.clone());
        }
        Resolver { exact, folded }
    }

    fn resolve(&self, label: &str, unmatched: &mut HashMap<(String, String), String>) -> EntityRef {
        if let Some(r) = self.exact.get(label) {
            return r.clone();
        }
        let key = fold(label);
        if let Some(r) = self.folded.get(&key) {
            return r.clone();
        }
        unmatched.entry((String::new(), key.clone())).or_insert_with(|| label.to_string());
        EntityRef::Unmatched(String::new(), key)
    }
}

/// Maps each predicted entity to the gold entity it matches, if any.
fn map_entities(gold: &Annotations, predicted: &Annotations) -> Vec<Option<usize>> {
    let gold_names: Vec<BTreeSet<String>> =
        gold.entities.iter().map(|e| std::iter::once(&e.label).chain(&e.aliases).map(|n| fold(n)).collect()).collect();
    let gold_labels: Vec<String> = gold.entities.iter().map(|e| fold(&e.label)).collect();
    predicted
        .entities
        .iter()
        .map(|p| {
            let label = fold(&p.label);
            let names: BTreeSet<String> = std::iter::once(&p.label).chain(&p.aliases).map(|n| fold(n)).collect();
            let mut best: Option<(usize, (bool, usize))> = None;
            for (i, g) in gold.entities.iter().enumerate() {
                if g.etype != p.etype {
                    continue;
                }
                let shared = names.intersection(&gold_names[i]).count();
                if shared == 0 {
                    continue;
                }
                let rank = (gold_labels[i] == label, shared);
                if best.as_ref().is_none_or(|(_, b)| rank > *b) {
                    best = Some((i, rank));
                }
            }
            best.map(|(i, _)| i)
        })
        .collect()
}

/// Matches predicted documents to gold ones, one to one.
fn match_documents(gold: &Annotations, predicted: &Annotations) -> Vec<Option<usize>> {
    let mut free: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, d) in gold.documents.iter().enumerate().rev() {
        free.entry((d.source.clone(), fold(&d.title))).or_default().push(i);
    }
    predicted
        .documents
        .iter()
        .map(|d| free.get_mut(&(d.source.clone(), fold(&d.title))).and_then(|list| list.pop()))
        .collect()
}

fn doc_entities(doc: &Document, resolve: &mut dyn FnMut(&str) -> EntityRef) -> BTreeSet<EntityRef> {
    doc.mentions.iter().chain(&doc.speakers).chain(&doc.event).map(|l| resolve(l)).collect()
}

/// Scores `predicted` against `gold`.
pub fn evaluate(gold: &Annotations, predicted: &Annotations) -> Report {
    let mut names = Names { gold, predicted, unmatched: HashMap::new() };

    // Entities.
    let gold_refs: Vec<EntityRef> = (0..gold.entities.len()).map(EntityRef::Gold).collect();
    let mapping = map_entities(gold, predicted);
    let predicted_refs: Vec<EntityRef> = predicted
        .entities
        .iter()
        .zip(&mapping)
        .map(|(e, m)| match m {
            Some(i) => EntityRef::Gold(*i),
            None => {
                let key = (e.etype.clone(), fold(&e.label));
                names.unmatched.entry(key.clone()).or_insert_with(|| e.label.clone());
                EntityRef::Unmatched(key.0, key.1)
            }
        })
        .collect();
    let gold_resolver = Resolver::new(gold, &gold_refs);
    let predicted_resolver = Resolver::new(predicted, &predicted_refs);
    let mut unmatched = std::mem::take(&mut names.unmatched);
    let mut resolve_gold = |label: &str| gold_resolver.resolve(label, &mut unmatched);
    let mut gold_entities_per_doc: Vec<BTreeSet<EntityRef>> =
        gold.documents.iter().map(|d| doc_entities(d, &mut resolve_gold)).collect();
    let gold_triples: BTreeSet<(EntityRef, String, EntityRef)> =
        gold.relations.iter().map(|r| (resolve_gold(&r.s), r.p.clone(), resolve_gold(&r.o))).collect();
    let mut resolve_predicted = |label: &str| predicted_resolver.resolve(label, &mut unmatched);
    let predicted_entities_per_doc: Vec<BTreeSet<EntityRef>> =
        predicted.documents.iter().map(|d| doc_entities(d, &mut resolve_predicted)).collect();
    let predicted_triples: BTreeSet<(EntityRef, String, EntityRef)> =
        predicted.relations.iter().map(|r| (resolve_predicted(&r.s), r.p.clone(), resolve_predicted(&r.o))).collect();
    names.unmatched = unmatched;

    // Documents.
    let doc_matches = match_documents(gold, predicted);
    let matched = doc_matches.iter().flatten().count();
    let mut explain_documents = Explanation::default();
    let matched_gold: BTreeSet<usize> = doc_matches.iter().flatten().copied().collect();
    for (i, d) in gold.documents.iter().enumerate() {
        if !matched_gold.contains(&i) {
            explain_documents.misses.push(format!("document miss  {}  {}", d.id, d.title));
        }
    }
    let mut correct = [0usize; 5];
    for (p, m) in doc_matches.iter().enumerate() {
        let pd = &predicted.documents[p];
        let Some(g) = *m else {
            explain_documents.false_hits.push(format!("document false hit  {}  {}", pd.id, pd.title));
            continue;
        };
        let gd = &gold.documents[g];
        let mut resolve_gold = |label: &str| gold_resolver.resolve(label, &mut names.unmatched);
        let gold_event = gd.event.as_deref().map(&mut resolve_gold);
        let gold_speakers: BTreeSet<EntityRef> = gd.speakers.iter().map(|l| resolve_gold(l)).collect();
        let mut resolve_predicted = |label: &str| predicted_resolver.resolve(label, &mut names.unmatched);
        let predicted_event = pd.event.as_deref().map(&mut resolve_predicted);
        let predicted_speakers: BTreeSet<EntityRef> = pd.speakers.iter().map(|l| resolve_predicted(l)).collect();
        let fold_place = |place: &Option<String>| place.as_deref().map(fold);
        let checks = [
            ("kind", gd.kind == pd.kind, show(Some(&gd.kind)), show(Some(&pd.kind))),
            ("date", gd.date == pd.date, show(gd.date.as_ref()), show(pd.date.as_ref())),
            ("place", fold_place(&gd.place) == fold_place(&pd.place), show(gd.place.as_ref()), show(pd.place.as_ref())),
            ("event", gold_event == predicted_event, show(gd.event.as_ref()), show(pd.event.as_ref())),
            ("speakers", gold_speakers == predicted_speakers, gd.speakers.join("; "), pd.speakers.join("; ")),
        ];
        for (slot, (field, ok, want, got)) in correct.iter_mut().zip(checks) {
            if ok {
                *slot += 1;
            } else {
                explain_documents
                    .wrong_fields
                    .push(format!("document {field}  {}  gold: {want}  predicted: {got}", gd.id));
            }
        }
    }
    let fields = FieldScores {
        kind: Accuracy::new(correct[0], matched),
        date: Accuracy::new(correct[1], matched),
        place: Accuracy::new(correct[2], matched),
        event: Accuracy::new(correct[3], matched),
        speakers: Accuracy::new(correct[4], matched),
    };
    let documents = DocumentScores { prf: Prf::new(matched, predicted.documents.len(), gold.documents.len()), fields };

    // Mentions.
    let gold_pairs: BTreeSet<(DocRef, EntityRef)> = gold_entities_per_doc
        .iter_mut()
        .enumerate()
        .flat_map(|(i, set)| std::mem::take(set).into_iter().map(move |e| (DocRef::Gold(i), e)))
        .collect();
    let predicted_pairs: BTreeSet<(DocRef, EntityRef)> = predicted_entities_per_doc
        .into_iter()
        .enumerate()
        .flat_map(|(i, set)| {
            let doc = doc_matches[i].map_or(DocRef::Predicted(i), DocRef::Gold);
            set.into_iter().map(move |e| (doc, e))
        })
        .collect();
    let (mentions, explain_mentions) = score_sets(
        &gold_pairs,
        &predicted_pairs,
        |(_, e)| names.entity_type(e).to_string(),
        |kind, (d, e)| format!("mention {kind}  {}  {}  {}", names.doc(*d), names.entity_type(e), names.entity(e)),
    );
    let mentions = MentionScores { overall: mentions.0, by_type: mentions.1 };

    // Relations.
    let (relations, explain_relations) = score_sets(
        &gold_triples,
        &predicted_triples,
        |(_, p, _)| p.clone(),
        |kind, (s, p, o)| format!("relation {kind}  {}  {p}  {}", names.entity(s), names.entity(o)),
    );
    let relations = RelationScores { overall: relations.0, by_predicate: relations.1 };

    explain_documents.misses.sort();
    explain_documents.false_hits.sort();
    explain_documents.wrong_fields.sort();
    Report { documents, mentions, relations, explain_documents, explain_mentions, explain_relations }
}

fn show(value: Option<&String>) -> String {
    value.map_or_else(|| "null".to_string(), |v| v.clone())
}

/// P/R/F1 of two sets, over all and per group, with the misses and false hits.
fn score_sets<T: Ord>(
    gold: &BTreeSet<T>,
    predicted: &BTreeSet<T>,
    group: impl Fn(&T) -> String,
    line: impl Fn(&str, &T) -> String,
) -> ((Prf, BTreeMap<String, Prf>), Explanation) {
    // (tp, predicted, gold) per group.
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut explanation = Explanation::default();
    for item in gold {
        let c = counts.entry(group(item)).or_default();
        c.2 += 1;
        if predicted.contains(item) {
            c.0 += 1;
        } else {
            explanation.misses.push(line("miss", item));
        }
    }
    for item in predicted {
        counts.entry(group(item)).or_default().1 += 1;
        if !gold.contains(item) {
            explanation.false_hits.push(line("false hit", item));
        }
    }
    explanation.misses.sort();
    explanation.false_hits.sort();
    let tp = gold.intersection(predicted).count();
    let overall = Prf::new(tp, predicted.len(), gold.len());
    let groups = counts.into_iter().map(|(k, (tp, p, g))| (k, Prf::new(tp, p, g))).collect();
    ((overall, groups), explanation)
}

impl Report {
    /// A readable table of every score.
    pub fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{:<11}{:<16}{:>6}{:>6}{:>6}{:>8}{:>8}{:>8}",
            "section", "item", "tp", "pred", "gold", "P", "R", "F1"
        )?;
        let row = |out: &mut dyn Write, section: &str, item: &str, s: &Prf| {
            writeln!(
                out,
                "{section:<11}{item:<16}{:>6}{:>6}{:>6}{:>8.3}{:>8.3}{:>8.3}",
                s.tp, s.predicted, s.gold, s.precision, s.recall, s.f1
            )
        };
        row(out, "documents", "all", &self.documents.prf)?;
        for (t, s) in &self.mentions.by_type {
            row(out, "mentions", t, s)?;
        }
        row(out, "mentions", "overall", &self.mentions.overall)?;
        row(out, "relations", "overall", &self.relations.overall)?;
        for (p, s) in &self.relations.by_predicate {
            row(out, "relations", p, s)?;
        }
        writeln!(out)?;
        writeln!(out, "{:<27}{:>8}{:>6}{:>10}", "document field", "correct", "of", "accuracy")?;
        let f = &self.documents.fields;
        for (name, a) in
            [("kind", &f.kind), ("date", &f.date), ("place", &f.place), ("event", &f.event), ("speakers", &f.speakers)]
        {
            let accuracy = a.accuracy.map_or_else(|| "-".to_string(), |x| format!("{x:.3}"));
            writeln!(out, "{name:<27}{:>8}{:>6}{accuracy:>10}", a.correct, a.total)?;
        }
        Ok(())
    }

    /// The scores as one JSON object (shape in the module documentation).
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        out.write_all(b"\n")
    }

    /// Per section, the misses, then the false hits (and for documents, the
    /// fields that differ), one per line, sorted.
    pub fn write_explain(&self, out: &mut dyn Write) -> io::Result<()> {
        for (section, e) in [
            ("documents", &self.explain_documents),
            ("mentions", &self.explain_mentions),
            ("relations", &self.explain_relations),
        ] {
            writeln!(out, "# {section}: {} misses, {} false hits", e.misses.len(), e.false_hits.len())?;
            for line in e.misses.iter().chain(&e.false_hits).chain(&e.wrong_fields) {
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::{self, Entity, Relation};

    fn entity(label: &str, etype: &str, aliases: &[&str]) -> Entity {
        Entity {
            label: label.into(),
            etype: etype.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            roles: Vec::new(),
            affiliation: None,
            wikidata: None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn document(
        id: &str,
        kind: &str,
        title: &str,
        date: Option<&str>,
        place: Option<&str>,
        speakers: &[&str],
        event: Option<&str>,
        mentions: &[&str],
    ) -> Document {
        let stem = id.split('#').next().unwrap_or(id);
        Document {
            id: id.into(),
            source: format!("{stem}.txt"),
            kind: kind.into(),
            title: title.into(),
            date: date.map(Into::into),
            place: place.map(Into::into),
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
            event: event.map(Into::into),
            mentions: mentions.iter().map(|s| s.to_string()).collect(),
            span: None,
            anchors: Vec::new(),
        }
    }

    fn relation(s: &str, p: &str, o: &str, doc: &str) -> Relation {
        Relation { s: s.into(), p: p.into(), o: o.into(), doc: doc.into(), evidence: None }
    }

    const OEWG_2019: &str = "UN Open-ended Working Group";
    const OEWG_2021: &str = "Open-ended Working Group 2021-2025";

    fn small_gold() -> Annotations {
        Annotations {
            corpus: "small".into(),
            documents: vec![
                document(
                    "a#1",
                    "statement",
                    "Statement by Sergey Lavrov at the First Session of the OEWG",
                    Some("2019-06"),
                    Some("New York"),
                    &["Sergey Lavrov"],
                    Some("First Session of the OEWG"),
                    &["Sergey Lavrov", "Russia", "First Session of the OEWG", OEWG_2019],
                ),
                document(
                    "a#2",
                    "news-item",
                    "Sergey Lavrov met António Guterres",
                    Some("2020-01-15"),
                    None,
                    &[],
                    None,
                    &["Sergey Lavrov", "António Guterres", "United Nations"],
                ),
                document(
                    "b#1",
                    "remarks",
                    "Remarks on the new OEWG",
                    None,
                    Some("Moscow"),
                    &["Sergey Lavrov"],
                    None,
                    &["Sergey Lavrov", OEWG_2021],
                ),
            ],
            entities: vec![
                entity("Sergey Lavrov", "Person", &["Sergey Lavrov", "Lavrov"]),
                entity("Russia", "Country", &["Russia", "Russian Federation"]),
                entity("António Guterres", "Person", &["António Guterres", "Guterres"]),
                entity("United Nations", "Organization", &["United Nations", "UN"]),
                entity("First Session of the OEWG", "Event", &["First Session of the OEWG"]),
                entity(OEWG_2019, "Organization", &[OEWG_2019, "OEWG"]),
                entity(OEWG_2021, "Organization", &[OEWG_2021, "OEWG"]),
            ],
            relations: vec![
                relation("Sergey Lavrov", "represents", "Russia", "a#1"),
                relation("António Guterres", "represents", "United Nations", "a#2"),
                relation("First Session of the OEWG", "partOf", OEWG_2019, "a#1"),
                relation("Russia", "memberOf", "United Nations", "a#2"),
            ],
        }
    }

    fn assert_prf(s: &Prf, tp: usize, predicted: usize, gold: usize) {
        assert_eq!((s.tp, s.predicted, s.gold), (tp, predicted, gold), "{s:?}");
        assert_eq!(*s, Prf::new(tp, predicted, gold));
    }

    fn assert_perfect(report: &Report) {
        let all = std::iter::once(&report.documents.prf)
            .chain(std::iter::once(&report.mentions.overall))
            .chain(report.mentions.by_type.values())
            .chain(std::iter::once(&report.relations.overall))
            .chain(report.relations.by_predicate.values());
        for s in all {
            assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0), "{s:?}");
        }
        let f = &report.documents.fields;
        for a in [&f.kind, &f.date, &f.place, &f.event, &f.speakers] {
            assert_eq!(a.accuracy, Some(1.0));
        }
        for e in [&report.explain_documents, &report.explain_mentions, &report.explain_relations] {
            assert_eq!(*e, Explanation::default());
        }
    }

    #[test]
    fn folding_ignores_case_accents_punctuation_and_spaces() {
        assert_eq!(fold("B.Gafoor"), fold("B. Gafoor"));
        assert_eq!(fold("GGE\u{2019}s"), fold("GGE's"));
        assert_eq!(fold("António  GUTERRES"), "antonioguterres");
        assert_eq!(fold("3-4 June 2019"), "34june2019");
        assert_eq!(fold("Встреча в Вене"), "встречаввене");
    }

    #[test]
    fn gold_against_itself_is_perfect() {
        assert_perfect(&evaluate(&small_gold(), &small_gold()));
        let seeds =
            annotations::read(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/gold/seeds.json")))
                .unwrap();
        let report = evaluate(&seeds, &seeds);
        assert_perfect(&report);
        assert_eq!(report.documents.prf.tp, 35);
        assert_eq!(report.mentions.overall.tp, 245);
        assert_eq!(report.relations.overall.tp, 105);
    }

    /// Gold with one document removed, one entity renamed by case, accents
    /// and punctuation only, one false mention and one wrong relation.
    fn damaged_prediction() -> Annotations {
        let mut p = small_gold();
        p.documents.remove(2);
        let renamed = "ANTONIO guterres.";
        p.entities[2] = entity(renamed, "Person", &[renamed, "Guterres!"]);
        p.documents[1].mentions[1] = renamed.into();
        p.relations[1].s = renamed.into();
        p.entities.push(entity("Switzerland", "Country", &["Switzerland"]));
        p.documents[0].mentions.push("Switzerland".into());
        p.relations[3].p = "supported".into();
        p
    }

    #[test]
    fn a_damaged_prediction_scores_as_counted_by_hand() {
        let report = evaluate(&small_gold(), &damaged_prediction());

        // Documents: b#1 missing; fields right on both matched pairs.
        assert_prf(&report.documents.prf, 2, 2, 3);
        assert_eq!(report.documents.prf.recall, 2.0 / 3.0);
        assert_eq!(report.documents.fields.speakers, Accuracy { correct: 2, total: 2, accuracy: Some(1.0) });

        // Mentions: gold 4 + 3 + 2 = 9 pairs; predicted 5 + 3 = 8 pairs, 7 right.
        assert_prf(&report.mentions.overall, 7, 8, 9);
        assert_eq!(report.mentions.overall.precision, 7.0 / 8.0);
        assert_eq!(report.mentions.overall.recall, 7.0 / 9.0);
        let by_type = &report.mentions.by_type;
        assert_eq!(by_type.keys().collect::<Vec<_>>(), ["Country", "Event", "Organization", "Person"]);
        assert_prf(&by_type["Person"], 3, 3, 4);
        assert_prf(&by_type["Country"], 1, 2, 1);
        assert_prf(&by_type["Organization"], 2, 2, 3);
        assert_prf(&by_type["Event"], 1, 1, 1);

        // Relations: memberOf became supported.
        assert_prf(&report.relations.overall, 3, 4, 4);
        assert_eq!(report.relations.overall.f1, 0.75);
        assert_prf(&report.relations.by_predicate["memberOf"], 0, 0, 1);
        assert_prf(&report.relations.by_predicate["supported"], 0, 1, 0);
        assert_prf(&report.relations.by_predicate["represents"], 2, 2, 2);

        let mut out = Vec::new();
        report.write_explain(&mut out).unwrap();
        let explain = String::from_utf8(out).unwrap();
        assert_eq!(
            explain,
            "# documents: 1 misses, 0 false hits\n\
             document miss  b#1  Remarks on the new OEWG\n\
             # mentions: 2 misses, 1 false hits\n\
             mention miss  b#1  Organization  Open-ended Working Group 2021-2025\n\
             mention miss  b#1  Person  Sergey Lavrov\n\
             mention false hit  a#1  Country  Switzerland\n\
             # relations: 1 misses, 1 false hits\n\
             relation miss  Russia  memberOf  United Nations\n\
             relation false hit  Russia  supported  United Nations\n"
        );
    }

    #[test]
    fn wrong_fields_are_counted_and_explained() {
        let mut p = small_gold();
        p.documents[0].date = Some("2019-06-03".into());
        p.documents[0].place = Some("new-york".into()); // folds equal
        p.documents[1].kind = "statement".into();
        p.documents[0].title = p.documents[0].title.to_uppercase(); // still matches
        let report = evaluate(&small_gold(), &p);
        let f = &report.documents.fields;
        assert_eq!((f.kind.correct, f.date.correct, f.place.correct, f.event.correct), (2, 2, 3, 3));
        assert_eq!(f.kind.total, 3);
        assert_eq!(
            report.explain_documents.wrong_fields,
            [
                "document date  a#1  gold: 2019-06  predicted: 2019-06-03",
                "document kind  a#2  gold: news-item  predicted: statement",
            ]
        );
    }

    #[test]
    fn an_ambiguous_alias_prefers_the_gold_label_then_most_shared_names_then_file_order() {
        let gold = small_gold();
        let predicted = |label: &str, aliases: &[&str]| Annotations {
            corpus: "p".into(),
            documents: Vec::new(),
            entities: vec![entity(label, "Organization", aliases)],
            relations: Vec::new(),
        };
        let target = |p: &Annotations| map_entities(&gold, p)[0].map(|i| gold.entities[i].label.clone());
        // The label matches the second OEWG, though the alias matches both.
        assert_eq!(target(&predicted("open-ended working group 2021–2025", &["OEWG"])).as_deref(), Some(OEWG_2021));
        // No label matches: the one sharing most names.
        assert_eq!(target(&predicted("OEWG", &["OEWG", OEWG_2021])).as_deref(), Some(OEWG_2021));
        // A tie: the first in the gold file.
        assert_eq!(target(&predicted("OEWG", &["OEWG"])).as_deref(), Some(OEWG_2019));
        // Types must be equal.
        let mut country = predicted("Russian Federation", &[]);
        assert_eq!(target(&country), None);
        country.entities[0].etype = "Country".into();
        assert_eq!(target(&country).as_deref(), Some("Russia"));
    }

    #[test]
    fn unmatched_entities_and_documents_only_count_as_false_hits() {
        let mut p = small_gold();
        // Same id as a gold document but another title: it matches nothing.
        p.documents[2].title = "Something else".into();
        p.entities[0].etype = "Country".into(); // Lavrov no longer matches
        let report = evaluate(&small_gold(), &p);
        assert_prf(&report.documents.prf, 2, 3, 3);
        // Gold: 9 pairs. Predicted: 9 pairs; Lavrov's three and all of b#1 wrong.
        assert_prf(&report.mentions.overall, 5, 9, 9);
        assert_prf(&report.mentions.by_type["Country"], 1, 4, 1);
        assert_prf(&report.relations.overall, 3, 4, 4);
        assert!(report
            .explain_mentions
            .false_hits
            .contains(&"mention false hit  b#1  Country  Sergey Lavrov".to_string()));
    }

    #[test]
    fn json_and_table_are_stable() {
        let report = evaluate(&small_gold(), &damaged_prediction());
        let mut json = Vec::new();
        report.write_json(&mut json).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(value["documents"]["tp"], 2);
        assert_eq!(value["documents"]["fields"]["kind"]["accuracy"], 1.0);
        assert_eq!(value["mentions"]["by_type"]["Country"]["precision"], 0.5);
        assert_eq!(value["relations"]["overall"]["f1"], 0.75);
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["documents", "mentions", "relations"]);

        let mut table = Vec::new();
        report.write_table(&mut table).unwrap();
        let table = String::from_utf8(table).unwrap();
        let expected = "\
section    item                tp  pred  gold       P       R      F1
documents  all                  2     2     3   1.000   0.667   0.800
mentions   Country              1     2     1   0.500   1.000   0.667
mentions   Event                1     1     1   1.000   1.000   1.000
mentions   Organization         2     2     3   1.000   0.667   0.800
mentions   Person               3     3     4   1.000   0.750   0.857
mentions   overall              7     8     9   0.875   0.778   0.824
relations  overall              3     4     4   0.750   0.750   0.750
relations  memberOf             0     0     1   0.000   0.000   0.000
relations  partOf               1     1     1   1.000   1.000   1.000
relations  represents           2     2     2   1.000   1.000   1.000
relations  supported            0     1     0   0.000   0.000   0.000

document field              correct    of  accuracy
kind                              2     2     1.000
date                              2     2     1.000
place                             2     2     1.000
event                             2     2     1.000
speakers                          2     2     1.000
";
        assert_eq!(table, expected);

        let mut again = Vec::new();
        evaluate(&small_gold(), &damaged_prediction()).write_json(&mut again).unwrap();
        assert_eq!(json, again);
    }
}
