//! The relate stage: the relations of the gold schema, read sentence by
//! sentence from a document's mentions and words. It runs per document,
//! while the text is at hand; the resolve stage then maps its endpoints to
//! entities.
//!
//! "We" is whoever the document speaks for: the countries of a joint
//! statement's title, else its speaker's country, else the country the
//! source mostly speaks of.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use crate::extract::text::Token;
use crate::extract::{DocText, Findings, Found, Knowledge, Naming};
use crate::model::{EntityType, Predicate};

/// One end of a relation: a mention in the document, or a gazetteer entry
/// that the words imply ("we", "the German Chair").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Endpoint {
    Mention(usize),
    Entry(usize),
}

/// A relation read from a sentence (token range) of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRelation {
    pub subject: Endpoint,
    pub predicate: Predicate,
    pub object: Endpoint,
    pub sentence: Range<usize>,
}

struct Context<'a> {
    doc: &'a DocText<'a>,
    mentions: &'a [Found],
    k: &'a Knowledge,
    we: Vec<Endpoint>,
    /// The body the document is about: the one its event belongs to.
    main_body: Option<usize>,
    event: Option<usize>,
    out: Vec<RawRelation>,
}

impl Context<'_> {
    fn push(&mut self, subject: Endpoint, predicate: Predicate, object: Endpoint, sentence: Range<usize>) {
        if subject != object {
            self.out.push(RawRelation { subject, predicate, object, sentence });
        }
    }

    fn tokens(&self) -> &[Token<'_>] {
        &self.doc.tokens
    }

    /// Mentions whose first token lies in `range`, in text order.
    fn in_range(&self, range: Range<usize>, types: &[EntityType]) -> Vec<usize> {
        (0..self.mentions.len())
            .filter(|&m| range.contains(&self.mentions[m].token) && types.contains(&self.mentions[m].etype))
            .collect()
    }

    fn entry_of(&self, m: usize) -> Option<usize> {
        match &self.mentions[m].naming {
            Naming::Gazetteer { entries, .. } => entries.first().copied(),
            _ => None,
        }
    }

    fn mention_end_token(&self, m: usize) -> usize {
        self.doc.token_at(self.mentions[m].range.end)
    }
}

/// Reads every relation of a document.
pub fn relate(doc: &DocText, findings: &Findings, k: &Knowledge, home: Option<usize>) -> Vec<RawRelation> {
    relate_at(doc, findings, k, home, &cue_tokens(doc))
}

/// The tokens of a document that are cues, in order.
fn cue_tokens(doc: &DocText) -> Vec<usize> {
    (0..doc.tokens.len()).filter(|&t| is_cue(&doc.tokens[t])).collect()
}

/// [`relate`], its sentence readers looking at the tokens `cues` only.
fn relate_at(
    doc: &DocText,
    findings: &Findings,
    k: &Knowledge,
    home: Option<usize>,
    cues: &[usize],
) -> Vec<RawRelation> {
    let mentions = &findings.mentions;
    let main_body = findings.event.and_then(|e| mentions[e].parent);
    let mut ctx = Context { doc, mentions, k, we: Vec::new(), main_body, event: findings.event, out: Vec::new() };
    ctx.we = we(&ctx, findings, home);
    structural(&mut ctx, findings, home);
    for sentence in doc.sentences.clone() {
        let from = cues.partition_point(|&c| c < sentence.start);
        let to = from + cues[from..].partition_point(|&c| c < sentence.end);
        let cues = &cues[from..to];
        proposals(&mut ctx, sentence.clone(), cues);
        stances(&mut ctx, sentence.clone(), cues);
        chairs(&mut ctx, sentence.clone(), cues);
        memberships(&mut ctx, sentence, cues);
    }
    ctx.out
}

/// Every word that a sentence's relations hang on: the proposing verbs,
/// the stances, the chair words (without a possessive) and the membership
/// words. The readers below look at these tokens only: a word added to a
/// reader's `match` must be added here too, and to the page of the test
/// `every_cue_word_states_a_relation_and_no_other_word_does`, which checks
/// that reading every token finds nothing more.
static CUE_WORDS: LazyLock<HashSet<&'static str, foldhash::fast::FixedState>> = LazyLock::new(|| {
    let stances = [
        "support",
        "supports",
        "supported",
        "oppose",
        "opposes",
        "opposed",
        "reject",
        "rejects",
        "rejected",
        "endorse",
        "endorses",
        "endorsed",
        "welcome",
        "welcomes",
        "commitment",
    ];
    let chairs = ["chaired", "chairing", "chairs", "Chairmanship", "chairmanship", "Chair", "Chairman"];
    let memberships = ["partners", "Members", "members", "member-states"];
    PROPOSING.into_iter().chain(stances).chain(chairs).chain(memberships).collect()
});

/// Whether a token is one of the [`CUE_WORDS`], as written or without its
/// possessive.
fn is_cue(token: &Token) -> bool {
    let base = token.base();
    CUE_WORDS.contains(token.text) || (base.len() != token.text.len() && CUE_WORDS.contains(base))
}

fn we(ctx: &Context, findings: &Findings, home: Option<usize>) -> Vec<Endpoint> {
    let title = ctx.doc.title.clone();
    if findings.speakers.is_empty() {
        let countries = ctx.in_range(title, &[EntityType::Country]);
        if countries.len() >= 2 {
            return countries.into_iter().map(Endpoint::Mention).collect();
        }
    }
    let speaker_country = findings.speakers.iter().find_map(|&s| ctx.mentions[s].affiliation);
    speaker_country.or(home).map(Endpoint::Entry).into_iter().collect()
}

/// Relations that a mention carries by itself: a session belongs to its
/// body, a decision was issued by its body, a person speaks for the country
/// of their post, a body is part of the body the gazetteer says it is.
fn structural(ctx: &mut Context, findings: &Findings, home: Option<usize>) {
    for m in 0..ctx.mentions.len() {
        let sentence = ctx.doc.sentence_of(ctx.mentions[m].token);
        let found = &ctx.mentions[m];
        match found.etype {
            EntityType::Event => {
                if let Some(parent) = found.parent {
                    ctx.push(Endpoint::Mention(m), Predicate::PartOf, Endpoint::Mention(parent), sentence);
                }
            }
            EntityType::Document => {
                if let Some(parent) = found.parent {
                    ctx.push(Endpoint::Mention(m), Predicate::IssuedBy, Endpoint::Mention(parent), sentence);
                }
            }
            EntityType::Proposal => {
                if let Some(owner) = owner(ctx, m) {
                    ctx.push(owner, Predicate::Proposed, Endpoint::Mention(m), sentence.clone());
                }
                // "the UN Security Council draft Rules …": put before that body.
                if let Some(parent) = found.parent {
                    ctx.push(Endpoint::Mention(m), Predicate::SubmittedTo, Endpoint::Mention(parent), sentence);
                }
            }
            EntityType::Person => {
                let speaker = findings.speakers.contains(&m);
                // A speaker's country: their post's, else the post's given at
                // another mention of their name (a byline), else the page's
                // (not an author's under a title naming no one).
                let named_elsewhere = || {
                    let same = |other: &Found| other.etype == EntityType::Person && other.name == found.name;
                    ctx.mentions.iter().filter(|other| same(other)).find_map(|other| other.affiliation)
                };
                let page_country = home.filter(|_| !findings.bylined);
                let affiliation =
                    found.affiliation.or_else(|| if speaker { named_elsewhere().or(page_country) } else { None });
                if let Some(a) = affiliation {
                    ctx.push(Endpoint::Mention(m), Predicate::Represents, Endpoint::Entry(a), sentence.clone());
                }
                if found.roles.iter().any(|r| CHAIR_POSTS.contains(&r.as_str())) {
                    if let Some(body) = ctx.main_body {
                        ctx.push(Endpoint::Mention(m), Predicate::Chairs, Endpoint::Mention(body), sentence.clone());
                    }
                }
                if let Some(body) = chaired_in_post(ctx, m, sentence.clone()) {
                    ctx.push(Endpoint::Mention(m), Predicate::Chairs, Endpoint::Mention(body), sentence.clone());
                }
            }
            EntityType::Organization => {
                let Some(entry) = ctx.entry_of(m) else { continue };
                let Some(parent_id) = ctx.k.gazetteer.entries[entry].part_of.clone() else { continue };
                let parent = (0..ctx.mentions.len())
                    .find(|&p| ctx.entry_of(p).is_some_and(|e| ctx.k.gazetteer.entries[e].id == parent_id));
                if let Some(parent) = parent {
                    ctx.push(Endpoint::Mention(m), Predicate::PartOf, Endpoint::Mention(parent), sentence);
                }
            }
            EntityType::Country => {}
        }
    }
}

/// Whose a proposal is by the words right before it: a country's adjective
/// ("the Russian draft convention") or a possessive ("China's initiative").
fn owner(ctx: &Context, proposal: usize) -> Option<Endpoint> {
    // A tentative proposal ("the OSCE's framework") is only a proposal if a
    // marked one shares its key; its words say nothing of an owner.
    if matches!(&ctx.mentions[proposal].naming, Naming::Phrase(key) if key.starts_with(crate::extract::works::TENTATIVE))
    {
        return None;
    }
    let first = ctx.mentions[proposal].token;
    let owner_types = [EntityType::Country, EntityType::Organization];
    // The possessive may open the proposal's own name ("China's draft …").
    let inside = |g: usize| g != proposal && ctx.mentions[g].range.end < ctx.mentions[proposal].range.end;
    if let Some(g) = ctx.doc.gazetteer_at[first].filter(|&g| inside(g)) {
        let possessive = ctx.tokens()[first].is_possessive() && owner_types.contains(&ctx.mentions[g].etype);
        return possessive.then_some(Endpoint::Mention(g));
    }
    if ctx.doc.gazetteer_at[first].is_some() {
        return None;
    }
    let before = first.checked_sub(1)?;
    let token = &ctx.tokens()[before];
    match ctx.doc.gazetteer_at[before] {
        Some(g) if owner_types.contains(&ctx.mentions[g].etype) => {
            let adjective = ctx.k.gazetteer.demonym(token.base()).is_some();
            (token.is_possessive() || adjective).then_some(Endpoint::Mention(g))
        }
        Some(_) => None,
        None => ctx.k.gazetteer.demonym(token.base()).map(Endpoint::Entry),
    }
}

fn is_any(token: &Token, words: &[&str]) -> bool {
    words.contains(&token.text)
}

/// Who did it: "we" before the verb, else the first person, else the first
/// country not introduced by "with", else the nearest body.
fn agent_before(ctx: &Context, sentence: &Range<usize>, verb: usize) -> Vec<Endpoint> {
    let tokens = ctx.tokens();
    if (sentence.start..verb).any(|t| tokens[t].text.eq_ignore_ascii_case("we")) {
        return ctx.we.clone();
    }
    let persons = ctx.in_range(sentence.start..verb, &[EntityType::Person]);
    if let Some(&p) = persons.first() {
        return vec![Endpoint::Mention(p)];
    }
    let with_list = |m: usize| {
        let t = ctx.mentions[m].token;
        (sentence.start..t).rev().take(8).any(|i| tokens[i].text == "with")
    };
    let countries: Vec<usize> =
        ctx.in_range(sentence.start..verb, &[EntityType::Country]).into_iter().filter(|&m| !with_list(m)).collect();
    if let Some(&c) = countries.first() {
        return vec![Endpoint::Mention(c)];
    }
    ctx.in_range(sentence.start..verb, &[EntityType::Organization])
        .last()
        .map(|&o| vec![Endpoint::Mention(o)])
        .unwrap_or_default()
}

/// The agent of a passive: the first party after "by" ("by Russia", "by the
/// SCO", "by the German Chair").
fn agent_after_by(ctx: &Context, from: usize, to: usize) -> Option<Endpoint> {
    let tokens = ctx.tokens();
    let by = (from..to).find(|&t| tokens[t].text == "by")?;
    let party =
        ctx.in_range(by + 1..(by + 4).min(to), &[EntityType::Person, EntityType::Country, EntityType::Organization]);
    if let Some(&m) = party.first() {
        return Some(Endpoint::Mention(m));
    }
    (by + 1..(by + 3).min(to)).find_map(|t| ctx.k.gazetteer.demonym(tokens[t].text)).map(Endpoint::Entry)
}

/// The last mention of one of `types` before a token, in this sentence or
/// the one before.
fn antecedent(ctx: &Context, before: usize, types: &[EntityType]) -> Option<usize> {
    let sentence = ctx.doc.sentence_of(before);
    let previous_start =
        ctx.doc.sentences.iter().rev().find(|s| s.end <= sentence.start).map_or(sentence.start, |s| s.start);
    ctx.in_range(previous_start..before, types).last().copied()
}

const PROPOSING: [&str; 20] = [
    "propose",
    "proposes",
    "proposed",
    "suggest",
    "suggests",
    "suggested",
    "present",
    "presents",
    "presented",
    "submit",
    "submits",
    "submitted",
    "introduced",
    "drawn",
    "prepared",
    "establishing",
    "adopt",
    "initiative",
    "put",
    "tabled",
];

fn proposals(ctx: &mut Context, sentence: Range<usize>, cues: &[usize]) {
    let doc = ctx.doc;
    let tokens = &doc.tokens;
    for &v in cues {
        if !is_any(&tokens[v], &PROPOSING)
            || (tokens[v].text == "put" && tokens.get(v + 1).is_none_or(|t| t.text != "forward"))
        {
            continue;
        }
        let types = [EntityType::Proposal];
        let after = ctx.in_range(v + 1..sentence.end, &types);
        let pronoun = (v + 1..(v + 3).min(sentence.end)).any(|t| matches!(tokens[t].text, "it" | "this" | "them"));
        let initiative = tokens[v].text == "initiative" && tokens.get(v + 1).is_some_and(|t| t.text == "of");
        let proposal = if initiative || pronoun {
            antecedent(ctx, v, &types)
        } else {
            after.first().copied().or_else(|| ctx.in_range(sentence.start..v, &types).last().copied())
        };
        let Some(proposal) = proposal else { continue };
        let proposal_end = ctx.mention_end_token(proposal);
        // Who proposed it.
        let agents: Vec<Endpoint> = if initiative {
            ctx.in_range(v + 2..sentence.end, &[EntityType::Country, EntityType::Organization])
                .into_iter()
                .map(Endpoint::Mention)
                .collect()
        } else if let Some(agent) =
            agent_after_by(ctx, v + 1, sentence.end).filter(|_| ctx.mentions[proposal].token < v)
        {
            vec![agent]
        } else {
            agent_before(ctx, &sentence, v)
        };
        for agent in &agents {
            ctx.push(*agent, Predicate::Proposed, Endpoint::Mention(proposal), sentence.clone());
        }
        // Who joined in: "together with Belarus, DPRK and Syria, we submitted it".
        if let Some(with) = (sentence.start..v).find(|&t| {
            tokens[t].text == "with"
                && t > sentence.start
                && matches!(tokens[t - 1].text, "together" | "jointly" | "along")
        }) {
            for c in ctx.in_range(with + 1..v, &[EntityType::Country]) {
                ctx.push(Endpoint::Mention(c), Predicate::Cosponsored, Endpoint::Mention(proposal), sentence.clone());
            }
        }
        // Where it was put: events and bodies after the verb ("to the GGE",
        // "at the 8th International Meeting"), else in the whole sentence.
        let inside = |m: usize, ctx: &Context| {
            let r = &ctx.mentions[m].range;
            ctx.mentions.iter().any(|o| {
                o.etype == EntityType::Event && o.range.start <= r.start && r.end <= o.range.end && o.range != *r
            }) || (ctx.mentions[proposal].range.start <= r.start && r.end <= ctx.mentions[proposal].range.end)
        };
        let target = |ctx: &Context, range: Range<usize>| -> Vec<usize> {
            let mut found = Vec::new();
            for m in ctx.in_range(range, &[EntityType::Event, EntityType::Organization]) {
                if inside(m, ctx) {
                    continue;
                }
                let t = ctx.mentions[m].token;
                let end = ctx.mention_end_token(m);
                let ok = match ctx.mentions[m].etype {
                    EntityType::Event => true,
                    _ => {
                        let to = t >= 1
                            && (tokens[t - 1].text == "to"
                                || (t >= 2 && tokens[t - 1].text == "the" && tokens[t - 2].text == "to"));
                        let meeting_of = t >= 2
                            && tokens[t - 1].text == "the"
                            && tokens[t - 2].text == "of"
                            && t >= 3
                            && matches!(tokens[t - 3].text, "meeting" | "session");
                        let members =
                            tokens.get(end).is_some_and(|n| matches!(n.text, "Member" | "member" | "members"));
                        (to || meeting_of) && !members
                    }
                };
                if ok {
                    found.push(m);
                }
            }
            found
        };
        let mut targets = target(ctx, v + 1.max(proposal_end.min(v + 1))..sentence.end);
        if targets.is_empty() {
            targets = target(ctx, sentence.clone());
        }
        if targets.is_empty() && matches!(tokens[v].text, "propose" | "proposes" | "suggest" | "suggests") {
            targets.extend(ctx.event);
        }
        for t in targets {
            ctx.push(Endpoint::Mention(proposal), Predicate::SubmittedTo, Endpoint::Mention(t), sentence.clone());
        }
    }
}

/// "we did not support it" → opposed; "reaffirm our commitment to the
/// Treaty", "supports the draft" → supported.
fn stances(ctx: &mut Context, sentence: Range<usize>, cues: &[usize]) {
    // Its words are among the `CUE_WORDS`: it sees no other token.
    let doc = ctx.doc;
    let tokens = &doc.tokens;
    let types = [EntityType::Proposal, EntityType::Document];
    for &v in cues {
        let t = &tokens[v];
        let negated = v >= 1 && matches!(tokens[v - 1].text, "not" | "never");
        let predicate = match t.text {
            "support" | "supports" | "supported" if negated => Predicate::Opposed,
            "oppose" | "opposes" | "opposed" | "reject" | "rejects" | "rejected" => Predicate::Opposed,
            "support" | "supports" | "supported" | "endorse" | "endorses" | "endorsed" | "welcome" | "welcomes" => {
                Predicate::Supported
            }
            "commitment" if tokens.get(v + 1).is_some_and(|n| n.text == "to") => Predicate::Supported,
            _ => continue,
        };
        let pronoun = tokens.get(v + 1).is_some_and(|n| matches!(n.text, "it" | "this" | "them"));
        let object = if pronoun {
            antecedent(ctx, v, &types)
        } else {
            ctx.in_range(v + 1..(v + 6).min(sentence.end), &types).first().copied()
        };
        let Some(object) = object else { continue };
        // A passive ("supported by the majority") names no agent we know.
        if tokens.get(v + 1).is_some_and(|n| n.text == "by") {
            continue;
        }
        for agent in agent_before(ctx, &sentence, v) {
            ctx.push(agent, predicate, Endpoint::Mention(object), sentence.clone());
        }
    }
}

fn chairs(ctx: &mut Context, sentence: Range<usize>, cues: &[usize]) {
    // Its words are among the `CUE_WORDS`: it sees no other token.
    let doc = ctx.doc;
    let tokens = &doc.tokens;
    let bodies = [EntityType::Organization];
    let parties = [EntityType::Country, EntityType::Person];
    for &v in cues {
        let word = tokens[v].base();
        let (chair, body) = match word {
            // "the GGE chaired by the Federal Republic of Germany"
            "chaired" if tokens.get(v + 1).is_some_and(|n| n.text == "by") => {
                let chair =
                    ctx.in_range(v + 2..(v + 6).min(sentence.end), &parties).first().copied().map(Endpoint::Mention);
                // Not a body named inside a quoted title before the verb.
                let body = ctx.in_range(sentence.start..v, &bodies).into_iter().rev().find(|&b| {
                    let after = ctx.mention_end_token(b);
                    !closes_a_quotation(&tokens[after.min(v)..v])
                });
                (chair, body.map(Endpoint::Mention))
            }
            // "Russia is chairing the CSTO", "X chairs the Y"
            "chairing" | "chairs" => {
                let chair = ctx.in_range(sentence.start..v, &parties).last().copied().map(Endpoint::Mention);
                let body =
                    ctx.in_range(v + 1..(v + 4).min(sentence.end), &bodies).first().copied().map(Endpoint::Mention);
                (chair, body)
            }
            // "Slovakia’s Chairmanship", "the Russian chairmanship"
            "Chairmanship" | "chairmanship" => {
                let chair = v.checked_sub(1).and_then(|p| {
                    ctx.doc.gazetteer_at[p]
                        .filter(|&m| ctx.mentions[m].etype == EntityType::Country)
                        .map(Endpoint::Mention)
                        .or_else(|| ctx.k.gazetteer.demonym(tokens[p].base()).map(Endpoint::Entry))
                });
                let body = ctx
                    .in_range(sentence.clone(), &bodies)
                    .first()
                    .copied()
                    .map(Endpoint::Mention)
                    .or_else(|| top_body(ctx));
                (chair, body)
            }
            // "congratulate Switzerland on its election as the Group's Chair"
            "Chair" | "Chairman" if (sentence.start..v).any(|t| tokens[t].text == "election") => {
                let election = (sentence.start..v).find(|&t| tokens[t].text == "election").unwrap_or(v);
                let chair = ctx
                    .in_range(sentence.start..election, &[EntityType::Country])
                    .last()
                    .copied()
                    .map(Endpoint::Mention);
                (chair, ctx.main_body.map(Endpoint::Mention))
            }
            // "Burhan Gafoor, Permanent Representative of Singapore, was
            // elected its Chair"; "… was appointed Chairman of the OSCE".
            "Chair" | "Chairman" if (sentence.start..v).any(|t| matches!(tokens[t].text, "elected" | "appointed")) => {
                let verb =
                    (sentence.start..v).find(|&t| matches!(tokens[t].text, "elected" | "appointed")).unwrap_or(v);
                let chair = ctx.in_range(sentence.start..verb, &parties).first().copied();
                let named = tokens.get(v + 1).is_some_and(|n| n.text == "of");
                let body = if named {
                    ctx.in_range(v + 2..(v + 5).min(sentence.end), &bodies).first().copied()
                } else if v > 0 && matches!(tokens[v - 1].text, "its" | "their") {
                    // "its": the body named last before the chair, else
                    // (named as "the Group") the one the document is about.
                    chair
                        .and_then(|c| antecedent(ctx, ctx.mentions[c].token, &bodies))
                        .or(ctx.main_body)
                        .or_else(|| ctx.in_range(doc.title.clone(), &bodies).first().copied())
                } else {
                    ctx.main_body
                };
                (chair.map(Endpoint::Mention), body.map(Endpoint::Mention))
            }
            // "Thailand, as the 2019 Chair of ASEAN, …"
            "Chair" | "Chairman" if (v.saturating_sub(3)..v).any(|t| tokens[t].text == "as") => {
                let as_at = (v.saturating_sub(3)..v).rev().find(|&t| tokens[t].text == "as").unwrap_or(v);
                let chair = ctx.in_range(sentence.start..as_at, &parties).last().copied();
                let named = tokens.get(v + 1).is_some_and(|n| n.text == "of");
                let body = named.then(|| ctx.in_range(v + 2..(v + 5).min(sentence.end), &bodies).first().copied());
                (chair.map(Endpoint::Mention), body.flatten().map(Endpoint::Mention))
            }
            _ => continue,
        };
        if let (Some(chair), Some(body)) = (chair, body) {
            ctx.push(chair, Predicate::Chairs, body, sentence.clone());
        }
    }
}

/// Whether `tokens` close a quotation they did not open: what stands
/// before them was quoted.
fn closes_a_quotation(tokens: &[Token]) -> bool {
    let mut open = 0usize;
    for t in tokens {
        match t.text {
            "“" | "«" => open += 1,
            "”" | "»" | "\"" if open == 0 => return true,
            "”" | "»" | "\"" => open -= 1,
            _ => {}
        }
    }
    false
}

/// The top body of the document's main body, short of the UN itself (a
/// chairmanship is of an organization, not of one of its councils).
fn top_body(ctx: &Context) -> Option<Endpoint> {
    let body = ctx.main_body?;
    let Some(mut entry) = ctx.entry_of(body) else { return Some(Endpoint::Mention(body)) };
    let gazetteer = &ctx.k.gazetteer;
    while let Some(parent) = gazetteer.entries[entry].part_of.as_deref().filter(|p| *p != "united-nations") {
        match gazetteer.index_of(parent) {
            Some(index) => entry = index,
            None => break,
        }
    }
    Some(Endpoint::Entry(entry))
}

fn memberships(ctx: &mut Context, sentence: Range<usize>, cues: &[usize]) {
    // Its words are among the `CUE_WORDS`: it sees no other token.
    let doc = ctx.doc;
    let tokens = &doc.tokens;
    for &v in cues {
        match tokens[v].text {
            // "our BRICS and CIS partners", "with BRICS partners"
            "partners" => {
                let mut bodies = Vec::new();
                let mut t = v;
                while t > sentence.start {
                    let m = ctx.doc.gazetteer_at[t - 1].filter(|&m| ctx.mentions[m].etype == EntityType::Organization);
                    if let Some(m) = m {
                        bodies.push(m);
                        t = ctx.mentions[m].token;
                    } else if tokens[t - 1].text == "and" {
                        t -= 1;
                    } else {
                        break;
                    }
                }
                let ours = t > sentence.start && matches!(tokens[t - 1].text, "our" | "with");
                if ours {
                    for body in bodies {
                        for we in ctx.we.clone() {
                            ctx.push(we, Predicate::MemberOf, Endpoint::Mention(body), sentence.clone());
                        }
                    }
                }
            }
            // "Russia and Britain … two Permanent Members of the UN Security Council"
            "Members" | "members" | "member-states" if tokens.get(v + 1).is_some_and(|n| n.text == "of") => {
                let body = ctx.in_range(v + 2..(v + 5).min(sentence.end), &[EntityType::Organization]).first().copied();
                let other = v >= 1 && tokens[v - 1].text == "other";
                let body = body.map(Endpoint::Mention).or_else(|| {
                    let organisation =
                        tokens.get(v + 3).is_some_and(|n| matches!(n.text, "Organisation" | "Organization"));
                    organisation.then(|| top_body(ctx)).flatten()
                });
                let Some(body) = body else { continue };
                let members: Vec<Endpoint> = if other {
                    ctx.we.clone()
                } else {
                    ctx.in_range(sentence.start..v, &[EntityType::Country]).into_iter().map(Endpoint::Mention).collect()
                };
                for member in members {
                    ctx.push(member, Predicate::MemberOf, body, sentence.clone());
                }
            }
            _ => {}
        }
    }
}

/// Posts that make their holder the chair of the document's body.
const CHAIR_POSTS: [&str; 4] = ["Chair", "Chairman", "Chairperson", "Chairwoman"];

/// The body or meeting person mention `m` chairs by a post naming it
/// ("Chair of the Open-ended working group"): the first mention after the
/// name in its sentence that the post's words hold.
fn chaired_in_post(ctx: &Context, m: usize, sentence: Range<usize>) -> Option<usize> {
    let found = &ctx.mentions[m];
    let chaired: Vec<&str> = found
        .roles
        .iter()
        .filter_map(|role| CHAIR_POSTS.iter().find_map(|post| role.strip_prefix(post)?.strip_prefix(" of ")))
        .collect();
    if chaired.is_empty() {
        return None;
    }
    ctx.in_range(found.token..sentence.end, &[EntityType::Organization, EntityType::Event])
        .into_iter()
        .find(|&body| chaired.iter().any(|words| words.contains(ctx.mentions[body].name.as_str())))
}

#[cfg(test)]
mod tests {
    use super::{cue_tokens, is_cue, relate_at, RawRelation, CUE_WORDS};
    use crate::extract::text::tokenize;
    use crate::extract::{extract, DocText, Knowledge};
    use crate::model::{Predicate, Source};

    /// A page where each cue word states a relation.
    const EVERY_CUE: &str = "\
    Joint statement by Russia and China at the Fifth Session of the OEWG, 12 March 2021\n\n\
    Russia proposes a draft convention on international information security. China suggests a draft \
    treaty on cyber norms. Belarus presented a draft convention on trust. We propose a draft treaty on \
    peace. We present a draft plan on resilience. We submit a draft roadmap on stability. Brazil submits \
    a draft resolution on ICT security to the OEWG. India submitted the draft roadmap on capacity \
    building. Together with Belarus, DPRK and Syria, we submitted a draft declaration on digital \
    sovereignty. Kazakhstan introduced a draft framework on data security. The draft agreement on cyber \
    crime was drawn up by Iran. The draft regime on space security was prepared by Cuba. Egypt supports \
    establishing a permanent entity under the UN auspices. Viet Nam proposed to adopt the draft platform \
    on threat exchange. The initiative of Russia and China on a global registry was welcomed. Russia put \
    forward the draft mechanism on incident response. Venezuela tabled the draft concept of a convention \
    on cooperation. Russia presents the draft plan on cyber stability. We suggest the draft rules on \
    responsible behaviour. Russia suggested the draft register of national points of contact.\n\n\
    Russia supports the draft convention on international information security. China supported the \
    draft treaty on cyber norms. Belarus welcomes the draft convention on trust. Iran welcome the draft \
    roadmap on capacity building. Cuba endorses the draft resolution on ICT security. Egypt endorse the \
    draft declaration on digital sovereignty. Brazil endorsed the draft framework on data security. The \
    United States opposes the draft convention on international information security. France oppose the \
    draft treaty on cyber norms. Germany opposed the draft treaty on peace. Britain rejects the draft \
    roadmap on capacity building. Japan reject the draft resolution on ICT security. Canada rejected the \
    draft declaration on digital sovereignty. Australia does not support the draft framework on data \
    security. India reaffirms its commitment to the draft agreement on cyber crime. Russia support the \
    draft platform on threat exchange.\n\n\
    The GGE chaired by Germany met in New York. Russia is chairing the CSTO this year. Kazakhstan chairs \
    the SCO this year. Under Slovakia’s Chairmanship the OSCE met. The Russian chairmanship of the BRICS \
    began. We congratulate Switzerland on its election as the Chair of the OEWG. We congratulate Mexico \
    on its election as Chairman of the OEWG. We thank our BRICS and SCO partners. Russia and Britain are \
    Permanent Members of the UN Security Council. Russia and China are members of the SCO. Brazil and \
    India are member-states of the BRICS.
    ";

    /// The relations of each document of a page, its readers looking at the
    /// tokens `which` picks of the document's.
    fn read_page(source: &Source, k: &Knowledge, which: impl Fn(&DocText) -> Vec<usize>) -> Vec<Vec<RawRelation>> {
        let text = source.text.as_str();
        let documents = crate::segment::segment(source, &k.lexicon, &k.gazetteer);
        documents
            .iter()
            .map(|document| {
                let mut doc = DocText::new(text, document, &k.lexicon);
                let findings = extract(text, &mut doc, k);
                relate_at(&doc, &findings, k, None, &which(&doc))
            })
            .collect()
    }

    fn every_token(doc: &DocText) -> Vec<usize> {
        (0..doc.tokens.len()).collect()
    }

    #[test]
    fn every_cue_word_states_a_relation_and_no_other_word_does() {
        let k = Knowledge::builtin().unwrap();
        let page = Source { name: "cues.txt".into(), text: EVERY_CUE.into() };
        let with_cues = read_page(&page, &k, cue_tokens);
        // Reading every token finds nothing more: no reader matches a word
        // missing from the cues (for the words of this page).
        assert_eq!(read_page(&page, &k, every_token), with_cues);
        // And the page uses every cue word: without any one of them, fewer
        // relations are read.
        for word in CUE_WORDS.iter() {
            let not_word = |doc: &DocText| -> Vec<usize> {
                let is_word = |t: usize| doc.tokens[t].text == *word || doc.tokens[t].base() == *word;
                cue_tokens(doc).into_iter().filter(|&t| !is_word(t)).collect()
            };
            assert_ne!(read_page(&page, &k, not_word), with_cues, "{word} states no relation on the page");
        }
    }

    #[test]
    fn readers_find_nothing_more_among_all_tokens_than_among_the_cues() {
        let k = Knowledge::builtin().unwrap();
        let mut relations = 0;
        for source in crate::fixtures::demo_sources() {
            let from_cues = read_page(&source, &k, cue_tokens);
            assert_eq!(read_page(&source, &k, every_token), from_cues, "{}", source.name);
            relations += from_cues.iter().map(Vec::len).sum::<usize>();
        }
        assert!(relations >= 50, "the demo corpus states {relations} relations");
    }

    #[test]
    fn one_elected_or_appointed_chair_chairs_the_body_named_or_the_one_before() {
        let k = Knowledge::builtin().unwrap();
        let text = "Press release\n\nThe OSCE met on June 1. Ngozi Bello, Permanent Representative of Kenya to \
                    the UN, was elected its Chair. Later Peru was appointed Chairman of the CSTO. \
                    The elected members thanked the Chair.\n";
        let x = crate::pipeline::run_sources(&[Source { name: "chair.txt".into(), text: text.into() }], &k);
        let chairs = x.labelled(Predicate::Chairs);
        let osce = x.entities.iter().find(|e| e.aliases.iter().any(|a| a == "OSCE")).map(|e| e.label.as_str());
        let csto = x.entities.iter().find(|e| e.aliases.iter().any(|a| a == "CSTO")).map(|e| e.label.as_str());
        assert_eq!(chairs, [("Ngozi Bello", osce.unwrap()), ("Peru", csto.unwrap())]);
        // "its" with no body before it: the body of the title.
        let text = "Press release on the first session of the OSCE working group\n\nThe session met on June 1. \
                    The Group's agenda was approved. Ngozi Bello, Permanent Representative of Kenya, was elected its Chair.\n";
        let x = crate::pipeline::run_sources(&[Source { name: "chair.txt".into(), text: text.into() }], &k);
        assert_eq!(x.labelled(Predicate::Chairs), [("Ngozi Bello", osce.unwrap())]);
    }

    #[test]
    fn a_person_whose_post_is_chair_of_a_body_named_after_the_name_chairs_it() {
        let k = Knowledge::builtin().unwrap();
        let text = "Press release\n\nWe thank Tomas Ferreira, Chair of the OSCE Permanent Council, for his work. \
                    Lena Vogel, Chair of the Board, spoke of the CSTO.\n";
        let x = crate::pipeline::run_sources(&[Source { name: "chair.txt".into(), text: text.into() }], &k);
        let council = x.entities.iter().find(|e| e.aliases.iter().any(|a| a == "OSCE Permanent Council"));
        assert_eq!(x.labelled(Predicate::Chairs), [("Tomas Ferreira", council.unwrap().label.as_str())]);
    }

    #[test]
    fn a_country_as_the_chair_of_a_body_chairs_it() {
        let k = Knowledge::builtin().unwrap();
        let text = "Press release\n\nThailand, as the 2019 Chair of ASEAN, hosted the meeting. \
                    Peru spoke as a member of the CSTO. Chile, as Chair, spoke of the OSCE.\n";
        let x = crate::pipeline::run_sources(&[Source { name: "chair.txt".into(), text: text.into() }], &k);
        assert_eq!(x.labelled(Predicate::Chairs), [("Thailand", "ASEAN")]);
    }

    #[test]
    fn chaired_by_is_not_of_a_body_named_in_a_quoted_title_before_it() {
        let k = Knowledge::builtin().unwrap();
        let chairs = |text: &str| {
            let source = Source { name: "chair.txt".to_string(), text: text.to_string() };
            let x = crate::pipeline::run_sources(&[source], &k);
            x.labelled(Predicate::Chairs).into_iter().map(|(s, o)| (s.to_string(), o.to_string())).collect::<Vec<_>>()
        };
        let quoted = "News of the day\n\nThe session \"Tasks of the OSCE in cyberspace\" was chaired by Germany.\n";
        assert_eq!(chairs(quoted), []);
        // A quotation closed before the body is named does not hide it.
        let after_quote = "News of the day\n\nUnder the motto “Trust” the OSCE working group was chaired by Germany.\n";
        assert_eq!(chairs(after_quote), [("Germany".to_string(), "OSCE".to_string())]);
        let named = "News of the day\n\nThe OSCE working group was chaired by Germany.\n";
        assert_eq!(chairs(named), [("Germany".to_string(), "OSCE".to_string())]);
    }

    #[test]
    fn cues_are_the_relation_words_as_written_or_before_a_possessive() {
        let cues = |text: &str| tokenize(text, 0).iter().map(is_cue).collect::<Vec<_>>();
        assert_eq!(cues("proposed supports Chairmanship partners"), [true, true, true, true]);
        // The chair words are read without their possessive.
        assert_eq!(cues("Chairmanship’s Chair's"), [true, true]);
        // Other words, and cue words in another case, are not cues.
        assert_eq!(cues("Russia the Proposed CHAIRS"), [false, false, false, false]);
    }
}
