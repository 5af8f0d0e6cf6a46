//! iCalendar (RFC 5545) output: an all-day event for each event dated to the
//! day or to a range of days.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};

use crate::model::{Dataset, Event, Precision, Qualifier};
use crate::text::plural;

/// Writes the calendar, an event at a time; returns a note on the events
/// left out (if any).
pub fn write(
    out: &mut dyn Write,
    dataset: &Dataset,
    events: &[usize],
    stamp: DateTime<Utc>,
) -> io::Result<Option<String>> {
    let mut text = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!(
            "PRODID:-//hotlines//hotlines {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN".to_string(),
        format!("X-WR-CALNAME:{}", escape(dataset.title())),
    ] {
        fold(&line, &mut text);
    }
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut left_out: BTreeMap<Precision, usize> = BTreeMap::new();
    let mut out_of_range = 0usize;
    for &i in events {
        let e = &dataset.events()[i];
        let Some((start, end)) = days(e) else {
            *left_out.entry(e.date().precision()).or_default() += 1;
            continue;
        };
        // iCalendar writes a date's year in four digits, from 1 on.
        if start.year() < 1 || end.year() > 9998 {
            out_of_range += 1;
            continue;
        }
        out.write_all(text.as_bytes())?;
        text.clear();
        let after = end + TimeDelta::days(1);
        let mut lines = vec![
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}@hotlines", e.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", after.format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&summary(e))),
            format!("DESCRIPTION:{}", escape(&description(dataset, e))),
            format!("CATEGORIES:{}", e.kind.as_str()),
        ];
        if e.date().qualifier() != Qualifier::None {
            lines.push("STATUS:TENTATIVE".into());
        }
        if let Some(url) = source_url(dataset, e) {
            lines.push(format!("URL:{url}"));
        }
        if let Some(place) = &e.place {
            lines.push(format!("LOCATION:{}", escape(place)));
        }
        lines.push("END:VEVENT".into());
        for line in &lines {
            fold(line, &mut text);
        }
    }
    fold("END:VCALENDAR", &mut text);
    out.write_all(text.as_bytes())?;
    let total: usize = left_out.values().sum::<usize>() + out_of_range;
    let note = (total > 0).then(|| {
        let mut kinds = Vec::new();
        for (p, what) in [
            (Precision::Month, "dated to a month"),
            (Precision::Year, "dated to a year"),
            (Precision::Interval, "dated to a span of months or years"),
            (Precision::Open, "dated by an open interval"),
        ] {
            let n = left_out.get(&p).copied().unwrap_or(0);
            if n > 0 {
                kinds.push(format!("{n} {what}"));
            }
        }
        if out_of_range > 0 {
            kinds.push(format!(
                "{out_of_range} on days outside the years 1 to 9998"
            ));
        }
        format!(
            "ics: {} of {} left out, as a calendar needs days: {}",
            total,
            plural(events.len(), "event"),
            kinds.join(", ")
        )
    });
    Ok(note)
}

/// The first and last day of an event dated to a day or a range of days.
pub fn days(e: &Event) -> Option<(NaiveDate, NaiveDate)> {
    Some((e.date().start()?.as_day()?, e.date().end()?.as_day()?))
}

/// The title, with "(approximate)", "(uncertain)" or "(approximate,
/// uncertain)" when the date says so: a calendar shows a day as certain.
fn summary(e: &Event) -> String {
    match e.date().qualifier() {
        Qualifier::None => e.title.to_string(),
        Qualifier::Approximate => format!("{} (approximate)", e.title),
        Qualifier::Uncertain => format!("{} (uncertain)", e.title),
        Qualifier::Both => format!("{} (approximate, uncertain)", e.title),
    }
}

/// The web address of the event's first quote's source, for the `URL`
/// property, when it is one a calendar can hold as a URI ([`crate::model::Credit::link`]).
fn source_url<'a>(dataset: &'a Dataset, e: &Event) -> Option<&'a str> {
    dataset.source(&e.quotes.first()?.source)?.credit().link()
}

fn description(dataset: &Dataset, e: &Event) -> String {
    let mut s = format!(
        "{}\n\nDate: {} ({})",
        e.summary,
        e.date().display(),
        e.date_basis.as_str()
    );
    for q in &e.quotes {
        s.push_str(&format!("\n\n“{}”", q.text));
        if let Some(source) = dataset.source(&q.source) {
            s.push_str(&format!("\n— {}", source.attribution()));
            if let Some(url) = &source.url {
                s.push_str(&format!("\n{url}"));
            }
        }
    }
    s
}

/// Escapes TEXT: backslash, semicolon, comma and newline; other control
/// characters (never meaningful in a calendar) become U+FFFD.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push('\t'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets, never inside a character,
/// with CRLF line ends.
fn fold(line: &str, out: &mut String) {
    let mut limit = 75;
    let mut rest = line;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74; // the leading space counts
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "서".repeat(40));
        fold(&line, &mut out);
        let physical: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(physical.len() > 1);
        assert!(physical.iter().all(|l| l.len() <= 75), "{physical:?}");
        assert!(physical[1..].iter().all(|l| l.starts_with(' ')));
        let joined: String = physical
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(joined, line);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne\r\u{1b}"), "a\\,b\\;c\\\\d\\ne\u{FFFD}");
    }

    proptest::proptest! {
        #[test]
        fn any_line_folds_and_unfolds_back(line in "\\PC{0,200}") {
            let mut out = String::new();
            fold(&line, &mut out);
            let physical: Vec<&str> = out.strip_suffix("\r\n").unwrap().split("\r\n").collect();
            proptest::prop_assert!(physical.iter().all(|l| l.len() <= 75));
            let joined: String = physical
                .iter()
                .enumerate()
                .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
                .collect();
            proptest::prop_assert_eq!(joined, line);
        }
    }
}
