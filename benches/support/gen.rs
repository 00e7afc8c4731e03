//! A generator of synthetic pages in the genre of the demo corpus: embassy
//! news pages with a listing of dated items, UN mission statements, MFA
//! interviews and replies, op-ed articles; with site furniture (clocks,
//! phone numbers, day counters, menus, language pickers), as plain text or
//! as HTML (head, scripts, navigation, footer).
//!
//! It is test data for the benchmarks, not part of diplograph: its name
//! lists (given names, surname syllables, posts, topics) are its own and
//! nothing in the extractor reads them.
//!
//! Deterministic: page `i` of seed `s` depends on `(s, i)` only (a ChaCha8
//! stream per page), so a 1,000-page corpus is the first 1,000 pages of the
//! 10,000-page one, and pages can be made in any order or in parallel.
//! Persons come from a pool that widens as the page index grows (new people
//! appear as an archive grows), with a few speakers far more frequent than
//! the rest.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One generated page and what was planted in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Relative path: `dNNN/NNNNNN_<hex>.txt|.html` (1,000 pages a directory).
    pub name: String,
    pub html: bool,
    pub content: String,
    /// Documents planted: headings and listed items.
    pub documents: usize,
    /// Full names of the persons the page's titles name as speakers.
    pub speakers: Vec<String>,
}

/// What writing a corpus produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub html_pages: usize,
    pub bytes: u64,
    pub documents: usize,
}

/// A person of the pool: a stable name, post and country.
#[derive(Debug, Clone)]
pub struct Person {
    pub given: &'static str,
    pub surname: String,
    pub post: &'static str,
    pub country: usize,
}

impl Person {
    pub fn full(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }
}

const GIVEN: [&str; 48] = [
    "Sergey",
    "Andrey",
    "Alexander",
    "Oleg",
    "Vladimir",
    "Dmitry",
    "Maria",
    "Anna",
    "Elena",
    "Nikolay",
    "Mikhail",
    "Igor",
    "Olga",
    "Natalia",
    "Pavel",
    "Yuri",
    "Boris",
    "Viktor",
    "Ivan",
    "Konstantin",
    "Artur",
    "Grigory",
    "Tatiana",
    "Irina",
    "John",
    "David",
    "Michael",
    "Robert",
    "James",
    "Thomas",
    "Peter",
    "Paul",
    "Wang",
    "Li",
    "Zhang",
    "Rajesh",
    "Anil",
    "Carlos",
    "Jose",
    "Ahmed",
    "Mohammed",
    "Hans",
    "Pierre",
    "Marco",
    "Jan",
    "Karin",
    "Sophie",
    "Laura",
];

const SYLLABLE_1: [&str; 30] = [
    "Ivan", "Petr", "Sidor", "Kuzn", "Smirn", "Volk", "Sokol", "Lebed", "Kozl", "Novik", "Morozk", "Pavl", "Golub",
    "Vinogr", "Bogd", "Vorob", "Fedor", "Mikhail", "Belous", "Tarasenk", "Zhuk", "Krutsk", "Lyukm", "Yakov", "Syrom",
    "Khram", "Ryabk", "Grushk", "Zakharch", "Kartap",
];
const SYLLABLE_2: [&str; 20] = [
    "", "ol", "an", "ar", "in", "el", "ov", "ush", "et", "ak", "im", "ur", "as", "en", "il", "ab", "ot", "ik", "om",
    "ev",
];
const ENDINGS: [&str; 20] = [
    "ov", "ev", "in", "sky", "enko", "ova", "ina", "kov", "yan", "idze", "ich", "uk", "ets", "off", "man", "son",
    "ani", "escu", "berg", "ez",
];

/// Posts; "{C}" is the person's country in its long form.
const POSTS: [&str; 16] = [
    "Foreign Minister",
    "Deputy Foreign Minister",
    "Ambassador of {C}",
    "Permanent Representative of {C} to the United Nations",
    "Deputy Permanent Representative of {C} to the United Nations",
    "Special Representative of the President of {C} for International Cooperation in the Field of Information Security",
    "Director of the Department of International Information Security of the Ministry of Foreign Affairs of {C}",
    "Deputy Secretary of the Security Council of {C}",
    "Minister of Foreign Affairs of {C}",
    "Spokesperson of the Ministry of Foreign Affairs of {C}",
    "Head of the delegation of {C}",
    "Ambassador-at-Large",
    "Special Envoy of {C}",
    "Press Secretary",
    "Counsellor of the Permanent Mission of {C}",
    "Chairman of the Committee on International Affairs",
];

/// Countries: (short form, long form, demonym).
const COUNTRIES: [(&str, &str, &str); 24] = [
    ("Russia", "the Russian Federation", "Russian"),
    ("China", "the People's Republic of China", "Chinese"),
    ("Belarus", "the Republic of Belarus", "Belarusian"),
    ("India", "the Republic of India", "Indian"),
    ("Brazil", "the Federative Republic of Brazil", "Brazilian"),
    ("South Africa", "the Republic of South Africa", "South African"),
    ("Kazakhstan", "the Republic of Kazakhstan", "Kazakh"),
    ("Iran", "the Islamic Republic of Iran", "Iranian"),
    ("Cuba", "the Republic of Cuba", "Cuban"),
    ("Nicaragua", "the Republic of Nicaragua", "Nicaraguan"),
    ("Syria", "the Syrian Arab Republic", "Syrian"),
    ("Venezuela", "the Bolivarian Republic of Venezuela", "Venezuelan"),
    ("Germany", "the Federal Republic of Germany", "German"),
    ("France", "the French Republic", "French"),
    ("the United Kingdom", "the United Kingdom", "British"),
    ("the United States", "the United States of America", "American"),
    ("Switzerland", "the Swiss Confederation", "Swiss"),
    ("Singapore", "the Republic of Singapore", "Singaporean"),
    ("Indonesia", "the Republic of Indonesia", "Indonesian"),
    ("Egypt", "the Arab Republic of Egypt", "Egyptian"),
    ("Mexico", "the United Mexican States", "Mexican"),
    ("Japan", "Japan", "Japanese"),
    ("Uzbekistan", "the Republic of Uzbekistan", "Uzbek"),
    ("Armenia", "the Republic of Armenia", "Armenian"),
];

/// Bodies: (name in running text, acronym).
const BODIES: [(&str, &str); 14] = [
    ("UN General Assembly", "UNGA"),
    ("Open-ended Working Group", "OEWG"),
    ("UN Group of Governmental Experts", "GGE"),
    ("UN Security Council", "UNSC"),
    ("Shanghai Cooperation Organisation", "SCO"),
    ("Collective Security Treaty Organization", "CSTO"),
    ("Commonwealth of Independent States", "CIS"),
    ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("International Telecommunication Union", "ITU"),
    ("BRICS", "BRICS"),
    ("ASEAN Regional Forum", "ARF"),
    ("European Union", "EU"),
    ("North Atlantic Treaty Organization", "NATO"),
    ("Human Rights Council", "HRC"),
];

const ORDINALS: [&str; 10] =
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
const ORDINALS_CAP: [&str; 10] =
    ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"];

const CITIES: [&str; 16] = [
    "New York",
    "Geneva",
    "Vienna",
    "Moscow",
    "Beijing",
    "New Delhi",
    "Minsk",
    "Astana",
    "Tashkent",
    "Bratislava",
    "London",
    "Paris",
    "Berlin",
    "Singapore",
    "Johannesburg",
    "Brasilia",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MEDIA: [&str; 10] = [
    "TASS",
    "RIA Novosti",
    "Rossiyskaya Gazeta",
    "Kommersant",
    "Izvestia",
    "Xinhua",
    "The Hindu",
    "Interfax",
    "International Affairs",
    "Sputnik",
];

const TOPICS: [&str; 20] = [
    "international information security",
    "countering the use of information and communication technologies for criminal purposes",
    "responsible behaviour of States in the information space",
    "confidence-building measures in the use of ICTs",
    "the protection of critical information infrastructure",
    "cooperation in combating information crimes",
    "the prevention of conflicts in the digital environment",
    "capacity-building for developing countries",
    "the security of and in the use of ICTs",
    "the non-use of force in the information space",
    "the governance of the Internet",
    "the exchange of information on computer incidents",
    "the protection of personal data",
    "the sovereign equality of States in the digital sphere",
    "the demilitarization of the information space",
    "strategic stability",
    "the settlement of regional conflicts",
    "the fight against international terrorism",
    "the peaceful uses of outer space",
    "trade and economic cooperation",
];

/// Proposal heads written after "draft" or a proposing verb.
const PROPOSAL_HEADS: [&str; 8] = [
    "convention on",
    "code of conduct for",
    "mechanism for",
    "directory of points of contact on",
    "treaty on",
    "framework for",
    "plan for",
    "regime for",
];

/// Sentences without names: most of a statement's words.
const FILLER: [&str; 40] = [
    "Malicious use of ICTs poses a threat of violation of states' sovereignty and interference into their internal affairs.",
    "The greatest danger is that incidents online can lead to a full-scale war offline.",
    "In our view, such an approach is inadmissible.",
    "We need to avoid situations when a state independently and without any evidence determines a potential source of threats.",
    "Today the social and economic progress is totally dependent on information and communication technologies.",
    "However, all of these achievements are critically vulnerable in the face of new threats.",
    "At the end of the day, this limits the capacity of states to protect their citizens, businesses and sovereignty as a whole.",
    "It is important to ensure that this process is complementary, non-confrontational, constructive and based on cooperation.",
    "Discussions should be pragmatic, non-politicized and produce results that would be mutually reinforcing.",
    "We are deeply concerned about these trends.",
    "Nearly every week the world is faced with new computer attacks.",
    "This challenge calls for an urgent response from the international community.",
    "Unfortunately, so far the dialogue on the issue has progressed in a less effective way than is desired.",
    "The reason lies in fundamental political disagreements among the participants.",
    "Under no circumstances should the information space become yet another battlefield.",
    "A just and equitable world order should accommodate the interests of all states irrespective of their technological capacities.",
    "The system should guarantee equal security for all and protect the most vulnerable players.",
    "This policy lacks common sense and undermines trust between states.",
    "It is no coincidence that no practical proposals have been made on its content so far.",
    "The latter is especially important for developing countries that lack experts in this field.",
    "We are convinced that there can be no alternative to a universal and inclusive negotiation format.",
    "Building on their technological advantages, some seek to secure the right of the strongest in the digital sphere.",
    "Such steps lead to the establishment of a dictate and rule of force in the digital field.",
    "The number of participants has been growing annually.",
    "Together, we have managed to create a constructive atmosphere of partnership.",
    "I would like to thank all delegations for their constructive work.",
    "Allow me to express gratitude to the organizers for their hospitality.",
    "The situation in the use of information technologies is becoming more and more tense.",
    "Thirty years ago, few could imagine how deeply digital tools would change our lives.",
    "We regard the inadmissibility of the use of force both in the virtual and real world as an absolute truth.",
    "Accusations without evidence cannot be used as a tool to exert political pressure.",
    "We proceed from the fact that all of us are united by a common goal.",
    "The concept is aimed primarily at ensuring prevention and peaceful resolution of conflicts.",
    "Much remains to be done to bridge the digital divide.",
    "It is crucial to preserve the consensus-based nature of the negotiations.",
    "We will continue to work constructively with all interested partners.",
    "These questions deserve a careful and depoliticized consideration.",
    "Confidence between states cannot be built on unfounded accusations.",
    "Our position remains unchanged and is well known.",
    "Let me now turn to the practical aspects of our work.",
];

const SALUTATIONS: [&str; 6] = [
    "Mr.Chair,",
    "Dear Colleagues,",
    "Distinguished colleagues,",
    "Ladies and Gentlemen,",
    "Mr. President,",
    "Excellencies,",
];

const MENU: [&str; 10] = [
    "Home",
    "News",
    "Press releases",
    "Ministry",
    "Foreign policy",
    "Consular services",
    "Contacts",
    "Media",
    "Search",
    "RSS",
];

/// The generator for one seed.
#[derive(Debug, Clone, Copy)]
pub struct Generator {
    pub seed: u64,
}

fn rng_for(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// Streams 0..2^40 are pages, 2^40.. persons.
const PERSON_STREAM: u64 = 1 << 40;

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator { seed }
    }

    /// Person `i` of the pool (same for every page of the seed).
    pub fn person(&self, i: usize) -> Person {
        let mut rng = rng_for(self.seed, PERSON_STREAM + i as u64);
        // Surnames are unique up to 12,000 persons: index digits pick syllables.
        let surname = format!(
            "{}{}{}",
            SYLLABLE_1[i % SYLLABLE_1.len()],
            SYLLABLE_2[(i / SYLLABLE_1.len()) % SYLLABLE_2.len()],
            ENDINGS[(i / (SYLLABLE_1.len() * SYLLABLE_2.len())) % ENDINGS.len()]
        );
        let country = if rng.random_bool(0.55) { 0 } else { rng.random_range(0..COUNTRIES.len()) };
        Person {
            given: GIVEN.choose(&mut rng).copied().unwrap(),
            surname,
            post: POSTS.choose(&mut rng).unwrap(),
            country,
        }
    }

    /// The page at `index`.
    pub fn page(&self, index: usize) -> Page {
        let mut rng = rng_for(self.seed, index as u64);
        let html = rng.random_bool(0.4);
        let mut w = Writer {
            rng,
            html,
            out: String::with_capacity(8 * 1024),
            documents: 0,
            speakers: Vec::new(),
            index,
            g: *self,
        };
        let kind = w.rng.random_range(0..100);
        let title = match kind {
            0..=44 => w.news_page(),
            45..=69 => w.mission_page(),
            70..=84 => w.interview_page(),
            _ => w.article_page(),
        };
        let hex: u32 = w.rng.random();
        let body = std::mem::take(&mut w.out);
        let content = if html { w.wrap_html(&title, &body) } else { body };
        Page {
            name: format!("d{:03}/{index:06}_{hex:08x}.{}", index / 1000, if html { "html" } else { "txt" }),
            html,
            content,
            documents: w.documents,
            speakers: w.speakers,
        }
    }

    /// Writes pages `0..pages` under `dir` (created), in parallel.
    pub fn write_corpus(&self, dir: &Path, pages: usize) -> io::Result<Stats> {
        use rayon::prelude::*;
        std::fs::create_dir_all(dir)?;
        for d in 0..pages.div_ceil(1000) {
            std::fs::create_dir_all(dir.join(format!("d{d:03}")))?;
        }
        (0..pages)
            .into_par_iter()
            .map(|i| {
                let page = self.page(i);
                std::fs::write(dir.join(&page.name), &page.content)?;
                Ok(Stats {
                    pages: 1,
                    html_pages: page.html as usize,
                    bytes: page.content.len() as u64,
                    documents: page.documents,
                })
            })
            .try_reduce(Stats::default, |a, b| {
                Ok(Stats {
                    pages: a.pages + b.pages,
                    html_pages: a.html_pages + b.html_pages,
                    bytes: a.bytes + b.bytes,
                    documents: a.documents + b.documents,
                })
            })
    }
}

struct Writer {
    rng: ChaCha8Rng,
    html: bool,
    out: String,
    documents: usize,
    speakers: Vec<String>,
    index: usize,
    g: Generator,
}

struct Date {
    day: u32,
    month: usize,
    year: u32,
}

impl Date {
    fn long(&self) -> String {
        format!("{} {} {}", self.day, MONTHS[self.month], self.year)
    }
    fn us(&self) -> String {
        format!("{} {}, {}", MONTHS[self.month], self.day, self.year)
    }
    fn dotted(&self) -> String {
        format!("{:02}.{:02}.{}", self.day, self.month + 1, self.year)
    }
}

impl Writer {
    // ------------------------------------------------------------ choices

    fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        *list.choose(&mut self.rng).unwrap()
    }

    fn date(&mut self) -> Date {
        Date {
            day: self.rng.random_range(1..=28),
            month: self.rng.random_range(0..12),
            year: self.rng.random_range(2015..=2024),
        }
    }

    /// A person of the pool: the pool widens with the page index, and low
    /// indices (the minister, the envoys) come up far more often.
    fn person(&mut self) -> Person {
        let active = 200 + self.index / 10;
        let u: f64 = self.rng.random();
        let i = ((u * u * u) * active as f64) as usize;
        self.g.person(i.min(11_999))
    }

    fn country(&mut self) -> &'static str {
        if self.rng.random_bool(0.25) {
            "Russia"
        } else {
            self.pick(&COUNTRIES).0
        }
    }

    fn body(&mut self) -> &'static str {
        let (name, acronym) = self.pick(&BODIES);
        if self.rng.random_bool(0.4) {
            acronym
        } else {
            name
        }
    }

    fn topic(&mut self) -> &'static str {
        self.pick(&TOPICS)
    }

    fn proposal(&mut self) -> String {
        let head = self.pick(&PROPOSAL_HEADS);
        let topic = self.topic();
        format!("{head} {topic}")
    }

    fn event(&mut self) -> String {
        match self.rng.random_range(0..4) {
            0 => format!("the {} session of the {}", self.pick(&ORDINALS), self.pick(&BODIES).0),
            1 => format!("the {} Session of the {}", self.pick(&ORDINALS_CAP), self.pick(&BODIES).0),
            2 => {
                format!("the {}th {} Ministerial Council meeting", self.rng.random_range(11..40), self.pick(&BODIES).1)
            }
            _ => format!("the {} Security Conference", self.pick(&CITIES)),
        }
    }

    fn referenced_document(&mut self) -> String {
        match self.rng.random_range(0..4) {
            0 => format!("UNGA resolution {}/{}", self.rng.random_range(53..79), self.rng.random_range(10..300)),
            1 => format!("the {} Report", self.pick(&BODIES).1),
            2 => "the UN Charter".to_string(),
            _ => format!("OSCE Permanent Council Decision {}", self.rng.random_range(1000..1300)),
        }
    }

    /// "Deputy Foreign Minister Sergey Ivanov" (the post before the name).
    fn introduced(&mut self, p: &Person) -> String {
        let post = p.post.split(" of ").next().unwrap_or(p.post);
        format!("{post} {}", p.full())
    }

    /// "Sergey Ivanov, Ambassador of the Russian Federation" (apposition).
    fn with_post(&mut self, p: &Person) -> String {
        format!("{}, {}", p.full(), p.post.replace("{C}", COUNTRIES[p.country].1))
    }

    // ------------------------------------------------------------ writing

    fn line(&mut self, text: &str) {
        if self.html {
            let _ = writeln!(self.out, "<div class=\"line\">{}</div>", escape(text));
        } else {
            self.out.push_str(text);
            self.out.push('\n');
        }
    }

    fn blank(&mut self) {
        if !self.html {
            self.out.push('\n');
        }
    }

    fn heading(&mut self, text: &str) {
        self.documents += 1;
        if self.html {
            let _ = writeln!(self.out, "<h1 class=\"title\">{}</h1>", escape(text));
        } else {
            self.out.push_str(text);
            self.out.push_str("\n\n");
        }
    }

    fn listing(&mut self, date: &Date, title: &str) {
        self.documents += 1;
        if self.html {
            let _ = writeln!(
                self.out,
                "<div class=\"news-item\"><span class=\"date\">{}</span> - <a href=\"/en/news/{}\">{}</a></div>",
                date.dotted(),
                self.rng.random_range(100_000..999_999),
                escape(title)
            );
        } else {
            let _ = writeln!(self.out, "{} - {title}\n", date.dotted());
        }
    }

    fn paragraph(&mut self, text: &str) {
        if self.html {
            let _ = writeln!(self.out, "<p>{}</p>", escape(text));
        } else {
            self.out.push_str(text);
            self.out.push_str("\n\n");
        }
    }

    /// A sentence that names something, or a filler one.
    fn sentence(&mut self, we: &str) -> String {
        if self.rng.random_bool(0.6) {
            return self.pick(&FILLER).to_string();
        }
        let sentence = self.named_sentence(we);
        upper_first(&sentence)
    }

    fn named_sentence(&mut self, we: &str) -> String {
        match self.rng.random_range(0..16) {
            0 => format!("We propose to the {} a {}.", self.body(), self.proposal()),
            1 => {
                let (a, b, c) = (self.country(), self.country(), self.country());
                format!(
                    "In {}, together with {a}, {b} and {c}, we submitted the draft {} as an official document of the {} session of the UN General Assembly.",
                    self.pick(&MONTHS),
                    self.proposal(),
                    self.pick(&ORDINALS)
                )
            }
            2 => format!("We support the draft {}.", self.proposal()),
            3 => format!(
                "{} does not support the draft {} proposed by {}.",
                self.country(),
                self.proposal(),
                self.country()
            ),
            4 => format!("{} opposed the draft {} at {}.", self.country(), self.proposal(), self.event()),
            5 => format!(
                "The {} chaired by {} completed its work at a regular session.",
                self.pick(&BODIES).0,
                self.country()
            ),
            6 => format!("{we} is chairing the {} this year.", self.pick(&BODIES).1),
            7 => format!("Our {} and {} partners share this approach.", self.pick(&BODIES).1, self.pick(&BODIES).1),
            8 => {
                let p = self.person();
                let intro = self.introduced(&p);
                format!("{intro} noted that {}", lower_first(self.pick(&FILLER)))
            }
            9 => {
                let p = self.person();
                format!("We had a useful exchange of views with Mr {} on {}.", p.surname, self.topic())
            }
            10 => format!("We reaffirm our commitment to {}.", self.referenced_document()),
            11 => format!("The discussion at {} focused on {}.", self.event(), self.topic()),
            12 => format!("{} and {} are members of the {}.", self.country(), self.country(), self.pick(&BODIES).0),
            13 => format!("The {} adopted {} on {}.", self.body(), self.referenced_document(), self.topic()),
            14 => format!(
                "{we} has repeatedly introduced substantive proposals on {} to the {}.",
                self.topic(),
                self.body()
            ),
            _ => format!(
                "The delegations of {} and {} discussed {} in {}.",
                self.country(),
                self.country(),
                self.topic(),
                self.pick(&CITIES)
            ),
        }
    }

    fn paragraphs(&mut self, we: &str, count: usize) {
        for _ in 0..count {
            let n = self.rng.random_range(2..=5);
            let sentences: Vec<String> = (0..n).map(|_| self.sentence(we)).collect();
            self.paragraph(&sentences.join(" "));
        }
    }

    fn furniture_top(&mut self, date: &Date) {
        self.line(&date.long());
        let h = self.rng.random_range(0..24);
        let m = self.rng.random_range(0..60);
        self.line(&format!("Moscow: {h:02}:{m:02}"));
        self.line(&format!("London: {:02}:{m:02}", (h + 21) % 24));
        self.blank();
        self.line("Consular queries:  ");
        let phone = self.rng.random_range(0..10_000);
        self.line(&format!("+44 (0) 203 668 {phone:04}  "));
        if self.rng.random_bool(0.5) {
            self.line("info@rusemb.org.uk  ");
        }
        self.blank();
        let days = self.rng.random_range(200..2000);
        self.line(&format!(
            "{days} days have passed since the Salisbury incident - no credible information or response from the British authorities"
        ));
        self.blank();
    }

    /// A title naming a speaker, for a listed item or a heading.
    fn speaker_title(&mut self, p: &Person, date: &Date) -> String {
        let intro = self.introduced(p);
        let city = self.pick(&CITIES);
        match self.rng.random_range(0..7) {
            0 => format!("{intro}’s remarks at {}, {city}, {}", self.event(), date.us()),
            1 => format!("{intro}’s interview with {}, {}", self.pick(&MEDIA), date.long()),
            2 => format!("{intro}’s reply to a media question concerning {}", self.topic()),
            3 => format!("Statement by {} at {}, {city}, {}", self.with_post(p), self.event(), date.long()),
            4 => format!("{intro}’s article for {}", self.pick(&MEDIA)),
            5 => format!("{intro}’s speech at the opening of {}, {city}, {}", self.event(), date.long()),
            _ => format!("{intro}’s answers to media questions at a joint news conference, {city}, {}", date.us()),
        }
    }

    // -------------------------------------------------------------- pages

    /// An embassy news page: furniture, maybe a main statement, a listing.
    fn news_page(&mut self) -> String {
        let date = self.date();
        self.furniture_top(&date);
        if self.rng.random_bool(0.5) {
            self.line("PRESS RELEASES AND NEWS");
            self.blank();
        }
        let mut page_title = "News".to_string();
        if self.rng.random_bool(0.5) {
            let p = self.person();
            let d = self.date();
            self.line(&d.dotted());
            self.blank();
            let title = self.speaker_title(&p, &d);
            self.speakers.push(p.full());
            self.heading(&title);
            page_title = title;
            let we = COUNTRIES[p.country].0;
            let n = self.rng.random_range(3..=6);
            self.paragraphs(we, n);
        }
        let items = self.rng.random_range(2..=6);
        for _ in 0..items {
            let d = self.date();
            let title = match self.rng.random_range(0..5) {
                0 => format!(
                    "Joint Statement by the Foreign Ministers of {} and {} on {}",
                    self.country(),
                    self.country(),
                    self.topic()
                ),
                1 => format!("Embassy Press Officer’s reply to a media question concerning {}", self.topic()),
                _ => {
                    let p = self.person();
                    self.speakers.push(p.full());
                    self.speaker_title(&p, &d)
                }
            };
            self.listing(&d, &title);
            let n = self.rng.random_range(1..=3);
            self.paragraphs("Russia", n);
        }
        self.blank();
        self.line("all messages");
        page_title
    }

    /// A UN mission's statement at a session.
    fn mission_page(&mut self) -> String {
        let p = self.person();
        let country = COUNTRIES[p.country];
        let mission = format!("Permanent Mission of {} to the United Nations", country.1.trim_start_matches("the "));
        self.line(&mission);
        self.blank();
        self.line(&mission);
        self.blank();
        let honorific = self.pick(&["Mr.", "Amb.", "H.E. Mr.", "Ms."]);
        let d = self.date();
        let title = format!(
            "Statement by {honorific} {}, at the {} Session of the {}, {}, {}",
            self.with_post(&p),
            self.pick(&ORDINALS_CAP),
            self.pick(&BODIES).0,
            self.pick(&CITIES),
            d.long()
        );
        self.speakers.push(p.full());
        self.heading(&title);
        for _ in 0..self.rng.random_range(1..=2) {
            let s = self.pick(&SALUTATIONS);
            self.paragraph(s);
        }
        let n = self.rng.random_range(4..=9);
        self.paragraphs(country.0, n);
        self.paragraph("Thank you for attention.");
        title
    }

    /// An interview or a reply, as questions and answers.
    fn interview_page(&mut self) -> String {
        let d = self.date();
        let (h, m) = (self.rng.random_range(0..24), self.rng.random_range(0..60));
        self.line(&format!("{}{h:02}:{m:02}", d.long()));
        self.blank();
        let p = self.person();
        let intro = self.introduced(&p);
        let title = if self.rng.random_bool(0.5) {
            format!("Response of the {intro} to {}' Question Concerning {}", self.pick(&MEDIA), self.topic())
        } else {
            format!("Interview of {intro} to {}", self.pick(&MEDIA))
        };
        self.speakers.push(p.full());
        self.heading(&title);
        self.line("  • en-GB1 es-ES1 ru-RU1 fr-FR1");
        self.blank();
        let we = COUNTRIES[p.country].0;
        for _ in 0..self.rng.random_range(2..=5) {
            let q = format!("Question: How would you comment on {}?", self.topic());
            self.paragraph(&q);
            let n = self.rng.random_range(2..=5);
            let sentences: Vec<String> = (0..n).map(|_| self.sentence(we)).collect();
            self.paragraph(&format!("Answer: {}", sentences.join(" ")));
        }
        title
    }

    /// An op-ed: "Title - article by X, Post."
    fn article_page(&mut self) -> String {
        let d = self.date();
        self.furniture_top(&d);
        let p = self.person();
        let topic = self.topic();
        let title = format!("On {topic} - article by {}.", self.with_post(&p));
        self.speakers.push(p.full());
        self.heading(&title);
        let we = COUNTRIES[p.country].0;
        let n = self.rng.random_range(3..=6);
        self.paragraphs(we, n);
        title
    }

    fn wrap_html(&mut self, title: &str, body: &str) -> String {
        let mut page = String::with_capacity(body.len() + 2048);
        page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        let _ = writeln!(page, "<title>{} | Embassy</title>", escape(title));
        page.push_str("<link rel=\"stylesheet\" href=\"/static/site.css\">\n");
        page.push_str(
            "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>\n",
        );
        page.push_str("</head>\n<body>\n<nav class=\"menu\"><ul>\n");
        for item in MENU {
            let _ = writeln!(page, "<li><a href=\"/en/{}\">{item}</a></li>", item.to_lowercase().replace(' ', "-"));
        }
        page.push_str("</ul></nav>\n<main>\n<article>\n");
        page.push_str(body);
        page.push_str(
            "</article>\n</main>\n<footer>\n<div>Share</div>\n<div>Version for the visually impaired</div>\n",
        );
        let _ = writeln!(
            page,
            "<div>&copy; {} Embassy &middot; All rights reserved</div>",
            2015 + self.rng.random_range(0..10)
        );
        page.push_str("</footer>\n<script src=\"/static/site.js\"></script>\n</body>\n</html>\n");
        page
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('’', "&rsquo;")
}
