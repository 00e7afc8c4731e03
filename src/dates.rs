//! English date expressions as diplomatic pages print them, compiled once.
//!
//! "3-4 June 2019" is a range of days and so only as precise as its month;
//! "January 15, 2020", "15 January 2020", "15.01.2020", "June 2019" and a bare
//! year in "(2011)" style are what titles and datelines use, and sites print
//! ISO dates ("2022-07-25").

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::PartialDate;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month number (1-12) of an English month name, case-insensitively.
pub fn month_number(name: &str) -> Option<u8> {
    // No char outside ASCII lower-cases to a letter of a month's name.
    MONTHS.iter().position(|m| m.eq_ignore_ascii_case(name)).map(|i| i as u8 + 1)
}

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Whether a word is an English weekday's name ("Wednesday").
pub fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(&word)
}

/// The weekday's name `text` opens with, if any ("Thursday 2 Mar 2023").
pub fn opening_weekday(text: &str) -> Option<&'static str> {
    WEEKDAYS.iter().copied().find(|day| text.starts_with(day))
}

/// The weekdays' abbreviations, longest first where one extends another.
const WEEKDAY_ABBREVIATIONS: [&str; 10] = ["Mon", "Tues", "Tue", "Wed", "Thurs", "Thur", "Thu", "Fri", "Sat", "Sun"];

/// The length of the weekday's name, or of its abbreviation with a full
/// stop and comma when a day's number follows ("Wed 23 Nov 2016", "Tues.,
/// 3 May"), that `text` opens with.
pub fn opening_day_name(text: &str) -> Option<usize> {
    if let Some(day) = opening_weekday(text) {
        return Some(day.len());
    }
    let abbreviation = WEEKDAY_ABBREVIATIONS.iter().find(|a| text.starts_with(*a))?;
    let rest = text[abbreviation.len()..].trim_start_matches(['.', ',']);
    rest.starts_with(' ').then(|| rest.trim_start()).filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))?;
    Some(text.len() - rest.len())
}

/// Month number of a month's name or of the abbreviation sites print in
/// datelines ("Jun", "Sept.", "Dec"). Only where a day or year stands by:
/// alone, "Jan" and "Mar" are more often names than months.
pub fn month_or_abbreviation(name: &str) -> Option<u8> {
    month_number(name).or_else(|| {
        let name = name.strip_suffix('.').unwrap_or(name);
        if name.eq_ignore_ascii_case("sept") {
            return Some(9);
        }
        let abbreviation = |m: &&str| name.len() == 3 && m[..3].eq_ignore_ascii_case(name);
        MONTHS.iter().position(abbreviation).map(|i| i as u8 + 1)
    })
}

/// The months as a regex alternation, full names first, then the
/// abbreviations `month_or_abbreviation` reads (a dot may follow them).
const MONTH_ALTERNATION: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

/// Dates, with ASCII word boundaries (`b`): a Unicode `\b` makes the regex
/// crate's DFA give up on any text with a curly quote or a dash, and fall
/// back to a backtracker over the whole text, which took 7.6% of the
/// instructions of an export. Dates are written in ASCII digits and English
/// month names; the two kinds of boundary differ only next to a non-ASCII
/// letter or digit ("2019г").
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = "January|February|March|April|May|June|July|August|September|October|November|December";
    let month_or_abbreviation = MONTH_ALTERNATION;
    let b = r"(?-u:\b)";
    Regex::new(&format!(
        r"(?x)
        {b}(?P<d1>\d{{1,2}})\s*[-–]\s*(?P<d2>\d{{1,2}})\s+(?P<rm>{month})\s+(?P<ry>\d{{4}}){b}   # 3-4 June 2019
      | {b}(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm_m>{month_or_abbreviation})\.?,?\s+(?P<dm_y>\d{{4}})     # 15 January 2020, 21 Jun 2024, 28th March 2022 (time may follow, glued)
      | {b}(?P<md_m>{month_or_abbreviation})\.?\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?,\s*(?P<md_y>\d{{4}}){b}     # January 15, 2020; Sept. 5, 2019; March 28th, 2022
      | {b}(?P<dot_d>\d{{1,2}})\.(?P<dot_m>\d{{1,2}})\.(?P<dot_y>\d{{4}}){b}                   # 15.01.2020
      | {b}(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}}){b}                            # 2022-07-25
      | {b}(?P<my_m>{month})\s+(?P<my_y>\d{{4}}){b}                                            # June 2019
        "
    ))
    .expect("date regex")
});

/// Every date expression in `text`, with its byte range, in text order.
pub fn find_dates(text: &str) -> Vec<(Range<usize>, PartialDate)> {
    DATE.captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
            let month = |name: &str| caps.name(name).and_then(|m| month_or_abbreviation(m.as_str()));
            let date = if let Some(year) = num("ry") {
                PartialDate { year: year as i32, month: month("rm"), day: None }
            } else if let Some(year) = num("dm_y") {
                day_date(year, month("dm_m")?, num("dm_d")?)?
            } else if let Some(year) = num("md_y") {
                day_date(year, month("md_m")?, num("md_d")?)?
            } else if let Some(year) = num("iso_y") {
                day_date(year, u8::try_from(num("iso_m")?).ok()?, num("iso_d")?)?
            } else if let Some(year) = num("dot_y") {
                day_date(year, u8::try_from(num("dot_m")?).ok()?, num("dot_d")?)?
            } else {
                PartialDate { year: num("my_y")? as i32, month: month("my_m"), day: None }
            };
            Some((whole.range(), date))
        })
        .collect()
}

/// A full date if the numbers make one.
pub fn day_date(year: u32, month: u8, day: u32) -> Option<PartialDate> {
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let valid =
        (1..=12).contains(&month) && day >= 1 && day <= DAYS[month as usize - 1] && (1000..=2999).contains(&year);
    valid.then(|| PartialDate::ymd(year as i32, month, day as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weekday_s_abbreviation_opens_a_date_only_before_a_day_s_number() {
        assert_eq!(opening_day_name("Wed 23 Nov 2016"), Some(3));
        assert_eq!(opening_day_name("Tues., 3 May 2022"), Some(6));
        assert_eq!(opening_day_name("Thursday 2 Mar 2023"), Some(8));
        assert_eq!(opening_day_name("Sund 3 May 2019"), None);
        assert_eq!(opening_day_name("Wed the 3rd"), None);
        assert_eq!(opening_day_name("Satellite 3"), None);
    }

    #[test]
    fn month_names_are_read_in_any_case_and_only_in_english() {
        assert_eq!(
            ["January", "MAY", "sEpTeMbEr", "december"].map(month_number),
            [Some(1), Some(5), Some(9), Some(12)]
        );
        assert_eq!(["Septembre", "Mai", "Jun", "", "İanuary"].map(month_number), [None; 5]);
    }

    #[test]
    fn abbreviated_months_are_read_where_a_date_needs_them() {
        assert_eq!(
            ["Jun", "Sept.", "sep", "DEC", "May", "March"].map(month_or_abbreviation),
            [Some(6), Some(9), Some(9), Some(12), Some(5), Some(3)]
        );
        assert_eq!(["Ju", "Juni", "Mai.", "Sept.."].map(month_or_abbreviation), [None; 4]);
        check("Must read 21 Jun 2024", &["2024-06-21"]);
        check("Sept. 5, 2019 remarks", &["2019-09-05"]);
        check("Jan Kowalski, 2019", &[]);
    }

    #[test]
    fn a_day_may_carry_its_ordinal_suffix() {
        check("on March 28th, 2022, in New York", &["2022-03-28"]);
        check("on the 1st May 2021", &["2021-05-01"]);
        check("the 28th session in March 2022", &["2022-03"]);
    }

    fn check(text: &str, expected: &[&str]) {
        let found: Vec<String> = find_dates(text).into_iter().map(|(_, d)| d.to_string()).collect();
        assert_eq!(found, expected, "in {text:?}");
    }

    #[test]
    fn finds_the_forms_titles_use() {
        check("at the First Session, New York, 3-4 June 2019", &["2019-06"]);
        check("Raisina Dialogue, New Delhi, January 15, 2020", &["2020-01-15"]);
        check("press conference Moscow, 19 December 2019", &["2019-12-19"]);
        check("16.01.2020 - remarks", &["2020-01-16"]);
        check("29 June 201716:53", &["2017-06-29"]);
        check("at its second session in September 2019", &["2019-09"]);
        check("no date at all, 75th session", &[]);
        check("on 31.02.2020 nothing", &[]);
        check("posted 2022-07-25 10:15", &["2022-07-25"]);
        check("the OEWG 2021-2025", &[]);
    }
}
