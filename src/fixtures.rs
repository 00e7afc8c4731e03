//! A tiny hand-made extraction, for exporter tests and examples that must not
//! depend on the extractor's behaviour. Its names hold the characters that
//! break careless writers: quotes, ampersands, angle brackets, a control
//! character and non-Latin letters.

use crate::model::*;

/// Two documents from one source, five entities, mentions and relations.
pub fn small_extraction() -> Extraction {
    let doc1 = DocId::new("fixture", 1);
    let doc2 = DocId::new("fixture", 2);
    let entity = |key: &str, etype, label: &str, aliases: &[&str]| Entity {
        key: key.to_string(),
        etype,
        label: label.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        roles: Vec::new(),
        affiliation: None,
        wikidata: None,
    };
    let mut lavrov = entity("Person/Sergey Lavrov", EntityType::Person, "Sergey Lavrov", &["Lavrov", "Sergey Lavrov"]);
    lavrov.roles = vec!["Foreign Minister".to_string()];
    lavrov.affiliation = Some(EntityId(1));
    let mut russia = entity("Country/Russia", EntityType::Country, "Russia", &["Russia", "the Russian side"]);
    russia.wikidata = Some("Q159".to_string());
    let osce = entity("Organization/OSCE", EntityType::Organization, "OSCE", &["OSCE"]);
    let plan = entity(
        "Proposal/\"Peaceful\" <Cyber> plan & co",
        EntityType::Proposal,
        "\"Peaceful\" <Cyber> plan & co\u{1}",
        &["\"Peaceful\" <Cyber> plan & co\u{1}"],
    );
    let meeting = entity("Event/Встреча в Вене", EntityType::Event, "Встреча в Вене", &["Встреча в Вене"]);
    let evidence = |doc: &DocId, start, end, text: &str| Evidence {
        doc: doc.clone(),
        span: Span { start, end },
        text: text.into(),
    };
    let mention = |start, end, text: &str, entity| Mention {
        span: Span { start, end },
        text: text.into(),
        entity: EntityId(entity),
    };
    Extraction {
        sources: vec![SourceRecord { name: "fixture.txt".to_string(), chars: 200 }],
        documents: vec![
            DocumentRecord {
                id: doc1.clone(),
                source: "fixture.txt".to_string(),
                kind: DocKind::Remarks,
                title: "Foreign Minister Sergey Lavrov’s remarks at the \"OSCE\" & <co>".to_string(),
                span: Span { start: 0, end: 120 },
                title_span: Span { start: 0, end: 60 },
                date: Some(PartialDate::ymd(2019, 12, 5)),
                place: Some("Bratislava".to_string()),
                speakers: vec![EntityId(0)],
                event: Some(EntityId(4)),
                mentions: vec![
                    mention(17, 30, "Sergey Lavrov", 0),
                    mention(70, 76, "Russia", 1),
                    mention(80, 84, "OSCE", 2),
                    mention(90, 110, "\"Peaceful\" <Cyber> plan & co\u{1}", 3),
                    mention(111, 117, "Lavrov", 0),
                ],
            },
            DocumentRecord {
                id: doc2.clone(),
                source: "fixture.txt".to_string(),
                kind: DocKind::NewsItem,
                title: "Встреча в Вене".to_string(),
                span: Span { start: 121, end: 200 },
                title_span: Span { start: 121, end: 135 },
                date: Some(PartialDate { year: 2020, month: Some(1), day: None }),
                place: None,
                speakers: Vec::new(),
                event: None,
                mentions: vec![mention(121, 135, "Встреча в Вене", 4), mention(150, 154, "OSCE", 2)],
            },
        ],
        entities: vec![lavrov, russia, osce, plan, meeting],
        relations: vec![
            Relation {
                subject: EntityId(0),
                predicate: Predicate::Proposed,
                object: EntityId(3),
                evidence: vec![evidence(&doc1, 85, 118, "Lavrov proposed the plan & more.")],
            },
            Relation {
                subject: EntityId(0),
                predicate: Predicate::Represents,
                object: EntityId(1),
                evidence: vec![evidence(&doc1, 0, 60, "Foreign Minister Sergey Lavrov")],
            },
            Relation {
                subject: EntityId(4),
                predicate: Predicate::PartOf,
                object: EntityId(2),
                evidence: vec![
                    evidence(&doc1, 85, 118, "Lavrov proposed the plan & more."),
                    evidence(&doc2, 140, 160, "The OSCE met in Vienna."),
                ],
            },
        ],
    }
}

/// The pages of the demo corpus (`data/corpus`), as read.
pub fn demo_sources() -> Vec<Source> {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
    let (files, _) = crate::read::discover(&[corpus]);
    files.iter().map(|f| crate::read::read_file(f).expect("the demo corpus reads").source).collect()
}
