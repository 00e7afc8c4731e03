//! Every IRI diplograph writes is spelled here, and nowhere else.
//!
//! - [`dg`]: the diplograph ontology (`ontology/diplograph.ttl`), one
//!   documented constant per class and property;
//! - [`foaf`], [`org`], [`dcterms`], [`prov`], [`nif`], [`itsrdf`], [`skos`], [`owl`]:
//!   the standard terms the exporter uses directly (RDF, RDFS, OWL and XSD
//!   come from [`oxigraph::model::vocab`]);
//! - [`mint`]: the one function that makes an instance IRI, from a canonical
//!   key (entity key, document id, source name) under a [`BaseIri`]. Never
//!   from a petgraph index or a counter: the same corpus gives the same IRIs.

use oxigraph::model::{NamedNode, NamedNodeRef};

use crate::model::{DocKind, EntityType, Predicate};

/// Namespace of the diplograph ontology (prefix `dg:`).
pub const DG_NS: &str = "https://w3id.org/diplograph/ontology#";
/// The ontology itself, also the name of the named graph that holds it.
pub const ONTOLOGY: NamedNodeRef<'static> = NamedNodeRef::new_unchecked("https://w3id.org/diplograph/ontology");
/// The default base of instance IRIs (`--base-iri`).
pub const DEFAULT_BASE_IRI: &str = "https://w3id.org/diplograph/id/";
/// Wikidata items (`wd:Q159`), the objects of `owl:sameAs`.
pub const WIKIDATA_NS: &str = "http://www.wikidata.org/entity/";

/// The prefixes every Turtle, TriG, RDF/XML and JSON-LD output declares, and
/// the query table uses to shorten IRIs. The instance base gets `id:`.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dg", DG_NS),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"),
    ("itsrdf", "http://www.w3.org/2005/11/its/rdf#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("wd", WIKIDATA_NS),
];

macro_rules! terms {
    ($ns:literal; $( $(#[$doc:meta])* $name:ident = $local:literal; )*) => {
        $( $(#[$doc])* pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local)); )*
        /// Every term of this module, in declaration order.
        pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

/// The diplograph ontology, `https://w3id.org/diplograph/ontology#`.
pub mod dg {
    use super::*;
    terms! { "https://w3id.org/diplograph/ontology#";
        // Classes
        /// A source file of the corpus; the reference context of all offsets.
        SOURCE = "Source";
        /// A document delivered or published: statement, interview, news item...
        DOCUMENT = "Document";
        /// Document kind `statement`.
        STATEMENT = "Statement";
        /// Document kind `article`.
        ARTICLE = "Article";
        /// Document kind `interview`.
        INTERVIEW = "Interview";
        /// Document kind `remarks`.
        REMARKS = "Remarks";
        /// Document kind `speech`.
        SPEECH = "Speech";
        /// Document kind `comment`.
        COMMENT = "Comment";
        /// Document kind `letter`.
        LETTER = "Letter";
        /// Document kind `reply`.
        REPLY = "Reply";
        /// Document kind `joint-statement`.
        JOINT_STATEMENT = "JointStatement";
        /// Document kind `appeal`.
        APPEAL = "Appeal";
        /// Document kind `news-item`.
        NEWS_ITEM = "NewsItem";
        /// Superclass of the six entity types.
        NAMED_ENTITY = "NamedEntity";
        /// Entity type `Person`.
        PERSON = "Person";
        /// Entity type `Organization`.
        ORGANIZATION = "Organization";
        /// Entity type `Country`.
        COUNTRY = "Country";
        /// Entity type `Event`.
        EVENT = "Event";
        /// Entity type `Document`: a named existing text (report, resolution...).
        REFERENCED_DOCUMENT = "ReferencedDocument";
        /// Entity type `Proposal`.
        PROPOSAL = "Proposal";
        /// A post as printed ("Foreign Minister"), an `org:Role`.
        ROLE = "Role";
        /// A place in a document's text that names an entity.
        MENTION = "Mention";
        /// A sentence a relation was read from.
        SENTENCE = "Sentence";
        /// The reified form of one relation, with its evidence.
        RELATION_ASSERTION = "RelationAssertion";
        // Attributes and structural properties
        /// City where a document was delivered (literal).
        PLACE = "place";
        /// Start (characters) of a document's title line in its source.
        TITLE_BEGIN_INDEX = "titleBeginIndex";
        /// End (characters, exclusive) of a document's title line in its source.
        TITLE_END_INDEX = "titleEndIndex";
        /// Document → Event it was delivered at.
        DELIVERED_AT = "deliveredAt";
        /// Document → entity it names.
        MENTIONS = "mentions";
        /// Person → Country or Organization they speak for.
        AFFILIATION = "affiliation";
        /// Person → Role (post) the text gives them.
        HOLDS_ROLE = "holdsRole";
        /// RelationAssertion → Mention of its subject or object inside its evidence sentence.
        SUPPORTING_MENTION = "supportingMention";
        // The relations of shared/gold/SCHEMA.md
        /// Agent → Proposal.
        PROPOSED = "proposed";
        /// Country → Proposal.
        COSPONSORED = "cosponsored";
        /// Proposal → Organization or Event.
        SUBMITTED_TO = "submittedTo";
        /// Agent → Proposal or Document.
        OPPOSED = "opposed";
        /// Agent → Proposal or Document.
        SUPPORTED = "supported";
        /// Person or Country → Organization or Event.
        CHAIRS = "chairs";
        /// Event → Organization, or Organization → Organization.
        PART_OF = "partOf";
        /// Country → Organization.
        MEMBER_OF = "memberOf";
        /// Document → Organization.
        ISSUED_BY = "issuedBy";
        /// Person → Country or Organization.
        REPRESENTS = "represents";
    }

    /// The class of a delivered document of this kind.
    pub fn doc_class(kind: DocKind) -> NamedNodeRef<'static> {
        match kind {
            DocKind::Statement => STATEMENT,
            DocKind::Article => ARTICLE,
            DocKind::Interview => INTERVIEW,
            DocKind::Remarks => REMARKS,
            DocKind::Speech => SPEECH,
            DocKind::Comment => COMMENT,
            DocKind::Letter => LETTER,
            DocKind::Reply => REPLY,
            DocKind::JointStatement => JOINT_STATEMENT,
            DocKind::Appeal => APPEAL,
            DocKind::NewsItem => NEWS_ITEM,
        }
    }

    /// The class of an entity type.
    pub fn entity_class(etype: EntityType) -> NamedNodeRef<'static> {
        match etype {
            EntityType::Person => PERSON,
            EntityType::Organization => ORGANIZATION,
            EntityType::Country => COUNTRY,
            EntityType::Event => EVENT,
            EntityType::Document => REFERENCED_DOCUMENT,
            EntityType::Proposal => PROPOSAL,
        }
    }

    /// The property of a relation predicate.
    pub fn relation(predicate: Predicate) -> NamedNodeRef<'static> {
        match predicate {
            Predicate::Proposed => PROPOSED,
            Predicate::Cosponsored => COSPONSORED,
            Predicate::SubmittedTo => SUBMITTED_TO,
            Predicate::Opposed => OPPOSED,
            Predicate::Supported => SUPPORTED,
            Predicate::Chairs => CHAIRS,
            Predicate::PartOf => PART_OF,
            Predicate::MemberOf => MEMBER_OF,
            Predicate::IssuedBy => ISSUED_BY,
            Predicate::Represents => REPRESENTS,
        }
    }
}

/// FOAF, `http://xmlns.com/foaf/0.1/`.
pub mod foaf {
    use super::*;
    terms! { "http://xmlns.com/foaf/0.1/";
        /// A person's name.
        NAME = "name";
    }
}

/// W3C Organization ontology, `http://www.w3.org/ns/org#`.
pub mod org {
    use super::*;
    terms! { "http://www.w3.org/ns/org#";
        /// A person's membership of (affiliation to) a country or organization, with roles.
        MEMBERSHIP = "Membership";
        /// Membership → Person.
        MEMBER = "member";
        /// Membership → Country or Organization.
        ORGANIZATION = "organization";
        /// Membership → Role.
        ROLE = "role";
    }
}

/// DCMI Metadata Terms, `http://purl.org/dc/terms/`.
pub mod dcterms {
    use super::*;
    terms! { "http://purl.org/dc/terms/";
        /// A document's title, as printed.
        TITLE = "title";
        /// A document's date (xsd:date, xsd:gYearMonth or xsd:gYear).
        DATE = "date";
        /// Document → speaker (Person).
        CREATOR = "creator";
        /// Document → Source; Mention or Sentence → Document.
        IS_PART_OF = "isPartOf";
        /// Canonical key: document id, entity key, source file name.
        IDENTIFIER = "identifier";
    }
}

/// PROV-O, `http://www.w3.org/ns/prov#`.
pub mod prov {
    use super::*;
    terms! { "http://www.w3.org/ns/prov#";
        /// Document → Source, entity → Mention, RelationAssertion → Sentence.
        WAS_DERIVED_FROM = "wasDerivedFrom";
    }
}

/// NIF 2.0 Core, `http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#`.
pub mod nif {
    use super::*;
    terms! { "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
        /// Start offset, in characters, into the source text.
        BEGIN_INDEX = "beginIndex";
        /// End offset (exclusive), in characters.
        END_INDEX = "endIndex";
        /// The text at the offsets.
        ANCHOR_OF = "anchorOf";
        /// The Source the offsets refer to.
        REFERENCE_CONTEXT = "referenceContext";
    }
}

/// ITS 2.0 RDF (NIF's entity linking), `http://www.w3.org/2005/11/its/rdf#`.
pub mod itsrdf {
    use super::*;
    terms! { "http://www.w3.org/2005/11/its/rdf#";
        /// Mention → the entity it names.
        TA_IDENT_REF = "taIdentRef";
    }
}

/// SKOS, `http://www.w3.org/2004/02/skos/core#`.
pub mod skos {
    use super::*;
    terms! { "http://www.w3.org/2004/02/skos/core#";
        /// Canonical label.
        PREF_LABEL = "prefLabel";
        /// Another surface form seen in the corpus.
        ALT_LABEL = "altLabel";
    }
}

/// OWL, `http://www.w3.org/2002/07/owl#` (only what the exporter writes).
pub mod owl {
    use super::*;
    terms! { "http://www.w3.org/2002/07/owl#";
        /// Entity → its Wikidata item.
        SAME_AS = "sameAs";
    }
}

/// A base IRI for instances: absolute, ending in `/` or `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseIri(String);

impl BaseIri {
    pub fn parse(iri: &str) -> crate::Result<BaseIri> {
        if !(iri.ends_with('/') || iri.ends_with('#')) {
            return Err(crate::Error::Usage(format!("base IRI {iri:?} must end with '/' or '#'")));
        }
        NamedNode::new(iri)
            .map_err(|e| crate::Error::Usage(format!("base IRI {iri:?} is not an absolute IRI: {e}")))?;
        Ok(BaseIri(iri.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for BaseIri {
    fn default() -> Self {
        BaseIri(DEFAULT_BASE_IRI.to_string())
    }
}

/// What an instance IRI names; the first path segment under the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A source file, key: its name.
    Source,
    /// The named graph of a source file's extraction, key: its name.
    Graph,
    /// A document, key: its id (`000_27a9#1`).
    Document,
    /// An entity, key: its canonical key, one part per `/`-separated segment.
    Entity,
    /// A mention, key: document id, `start-end`.
    Mention,
    /// An evidence sentence, key: document id, `start-end`.
    Sentence,
    /// A reified relation, key: subject key, predicate, object key.
    Assertion,
    /// A post, key: its text.
    Role,
    /// A person's membership, key: the person's entity key.
    Membership,
}

impl Kind {
    fn segment(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Graph => "graph",
            Kind::Document => "doc",
            Kind::Entity => "entity",
            Kind::Mention => "mention",
            Kind::Sentence => "sentence",
            Kind::Assertion => "assertion",
            Kind::Role => "role",
            Kind::Membership => "membership",
        }
    }
}

/// Mints the IRI of an instance: `{base}{kind}/{part}/{part}...`.
///
/// Each part is percent-encoded (UTF-8) except for unreserved ASCII
/// (`A-Z a-z 0-9 - . _ ~`), so any key gives a valid IRI and distinct keys
/// give distinct IRIs; a part made only of dots is encoded whole so that it
/// cannot read as a `.`/`..` path segment.
pub fn mint(base: &BaseIri, kind: Kind, parts: &[&str]) -> NamedNode {
    let mut iri = String::with_capacity(base.0.len() + 16 + parts.iter().map(|p| p.len() * 3).sum::<usize>());
    iri.push_str(&base.0);
    iri.push_str(kind.segment());
    for part in parts {
        iri.push('/');
        let all_dots = !part.is_empty() && part.bytes().all(|b| b == b'.');
        for byte in part.bytes() {
            let unreserved = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~');
            if unreserved && !all_dots {
                iri.push(byte as char);
            } else {
                iri.push('%');
                iri.push(char::from(HEX[usize::from(byte >> 4)]));
                iri.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
        }
    }
    NamedNode::new_unchecked(iri)
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// The prefix every IRI [`mint`] gives for `kind` starts with
/// (`{base}graph/` for [`Kind::Graph`]): how `push --replace` tells the
/// graphs diplograph wrote from anyone else's.
pub fn namespace(base: &BaseIri, kind: Kind) -> String {
    format!("{}{}/", base.0, kind.segment())
}

/// The IRI of an entity from its canonical key (`Person/Sergey Lavrov` gives
/// `{base}entity/Person/Sergey%20Lavrov`).
pub fn entity_iri(base: &BaseIri, key: &str) -> NamedNode {
    let parts: Vec<&str> = key.split('/').collect();
    mint(base, Kind::Entity, &parts)
}

/// The IRI of a Wikidata item from its id (`Q159`), if the id is well formed.
pub fn wikidata_iri(id: &str) -> Option<NamedNode> {
    let digits = id.strip_prefix('Q')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(NamedNode::new_unchecked(format!("{WIKIDATA_NS}{id}")))
}

/// Shortens an IRI with [`PREFIXES`] (and `id:` for the instance base) for
/// display; IRIs under no prefix come back in angle brackets.
pub fn shorten(iri: &str, base: Option<&str>) -> String {
    if let Some(base) = base {
        if let Some(local) = iri.strip_prefix(base) {
            return format!("id:{local}");
        }
    }
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty() && !local.contains(['/', '#']) {
                return format!("{prefix}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn minted_iris_encode_every_awkward_character() {
        let base = BaseIri::default();
        assert_eq!(
            entity_iri(&base, "Person/Sergey Lavrov").as_str(),
            "https://w3id.org/diplograph/id/entity/Person/Sergey%20Lavrov"
        );
        assert_eq!(
            mint(&base, Kind::Mention, &["000_27a9#1", "17-30"]).as_str(),
            "https://w3id.org/diplograph/id/mention/000_27a9%231/17-30"
        );
        assert_eq!(mint(&base, Kind::Role, &[".."]).as_str(), "https://w3id.org/diplograph/id/role/%2E%2E");
        assert_eq!(
            entity_iri(&base, "Event/Встреча").as_str(),
            "https://w3id.org/diplograph/id/entity/Event/%D0%92%D1%81%D1%82%D1%80%D0%B5%D1%87%D0%B0"
        );
    }

    #[test]
    fn base_iris_are_checked() {
        assert!(BaseIri::parse("http://example.org/kg/").is_ok());
        assert!(BaseIri::parse("http://example.org/kg#").is_ok());
        assert!(BaseIri::parse("http://example.org/kg").is_err());
        assert!(BaseIri::parse("not an iri/").is_err());
    }

    #[test]
    fn wikidata_ids_are_checked() {
        assert_eq!(wikidata_iri("Q159").unwrap().as_str(), "http://www.wikidata.org/entity/Q159");
        assert!(wikidata_iri("Q").is_none());
        assert!(wikidata_iri("Q1 x").is_none());
    }

    proptest! {
        #[test]
        fn minted_iris_parse_whatever_the_key(key in any::<String>(), part in "\\PC*") {
            let base = BaseIri::default();
            let iri = entity_iri(&base, &key);
            prop_assert!(NamedNode::new(iri.as_str()).is_ok(), "{}", iri);
            let iri = mint(&base, Kind::Assertion, &[&key, "proposed", &part]);
            prop_assert!(NamedNode::new(iri.as_str()).is_ok(), "{}", iri);
        }

        #[test]
        fn distinct_keys_give_distinct_iris(a in any::<String>(), b in any::<String>()) {
            let base = BaseIri::default();
            prop_assert_eq!(a == b, entity_iri(&base, &a) == entity_iri(&base, &b));
        }
    }
}
