//! The embedded dataset: it loads with no problems, and it is true to its
//! sources. These checks read assets/ directly, independently of the loader.

use std::collections::HashSet;
use std::path::Path;

use chrono::{Datelike, Month, NaiveDate, Weekday};
use hotlines::model::{Dataset, DateBasis, Kind};
use serde_json::Value;

fn raw() -> Value {
    serde_json::from_str(&std::fs::read_to_string("assets/events.json").unwrap()).unwrap()
}

fn source_text(raw: &Value, id: &str) -> String {
    let source = raw["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no source {id}"));
    let file = source["file"].as_str().unwrap();
    std::fs::read_to_string(Path::new("assets").join(file)).unwrap()
}

#[test]
fn the_embedded_dataset_loads_with_zero_problems() {
    let d = Dataset::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert!(d.events().len() >= 40, "{} events", d.events().len());
    assert_eq!(d.sources().len(), 5);
}

#[test]
fn the_embedded_dataset_is_the_one_in_assets() {
    let from_disk =
        Dataset::load(Path::new("assets/events.json")).unwrap_or_else(|e| panic!("{e}"));
    let embedded = Dataset::embedded().unwrap();
    assert_eq!(from_disk.events(), embedded.events());
}

#[test]
fn every_quote_is_an_exact_substring_of_its_source() {
    let raw = raw();
    let mut count = 0;
    for event in raw["events"].as_array().unwrap() {
        for quote in event["quotes"].as_array().unwrap() {
            let text = quote["text"].as_str().unwrap();
            let source = source_text(&raw, quote["source"].as_str().unwrap());
            assert!(
                source.contains(text),
                "event {}: quote not verbatim in {}: {text}",
                event["id"],
                quote["source"]
            );
            count += 1;
        }
    }
    assert!(count >= 40);
}

#[test]
fn quote_ranges_point_at_the_quoted_text() {
    let d = Dataset::embedded().unwrap();
    for e in d.events() {
        for q in &e.quotes {
            let src = d.source(&q.source).unwrap();
            assert_eq!(&src.text()[q.range()], q.text, "event {}", e.id);
        }
    }
}

#[test]
fn the_sources_are_the_seed_articles_unchanged() {
    // CI lays the shared folder beside the clone; a developer's checkout has it too.
    let seeds = Path::new("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(seeds) else {
        eprintln!("no ../shared/seeds here: comparing with the embedded copies only");
        return;
    };
    let mut n = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let ours = Path::new("assets/sources").join(path.file_name().unwrap());
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&ours).unwrap(),
            "{}",
            ours.display()
        );
        n += 1;
    }
    assert_eq!(n, 5);
}

#[test]
fn every_derived_or_external_date_explains_itself_and_stated_ones_need_no_note() {
    let d = Dataset::embedded().unwrap();
    for e in d.events() {
        let note = e.date_note.as_deref().unwrap_or("");
        match e.date_basis {
            DateBasis::Stated => assert!(note.is_empty(), "{}: stated date with a note", e.id),
            _ => assert!(
                note.len() > 20,
                "{}: {} date without reasoning",
                e.id,
                e.date_basis.as_str()
            ),
        }
    }
    let bases: HashSet<DateBasis> = d.events().iter().map(|e| e.date_basis).collect();
    assert_eq!(bases.len(), 3, "all three bases are used");
}

/// Every "D Month YYYY was a Weekday" in a note is true.
#[test]
fn weekday_claims_in_notes_are_true() {
    let d = Dataset::embedded().unwrap();
    let mut checked = 0;
    let notes = d
        .events()
        .iter()
        .filter_map(|e| e.date_note.as_deref())
        .chain(d.sources().iter().filter_map(|s| s.note.as_deref()));
    for note in notes {
        let words: Vec<&str> = note
            .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
            .filter(|w| !w.is_empty())
            .collect();
        for w in words.windows(6) {
            let (Ok(day), Some(month), Ok(year)) = (
                w[0].parse::<u32>(),
                w[1].parse::<Month>().ok(),
                w[2].parse::<i32>(),
            ) else {
                continue;
            };
            if w[3] != "was" || w[4] != "a" {
                continue;
            }
            let claimed: Weekday = w[5].trim_end_matches(['.', ';', ':']).parse().unwrap();
            let date = NaiveDate::from_ymd_opt(year, month.number_from_month(), day).unwrap();
            assert_eq!(
                date.weekday(),
                claimed,
                "note claims {} {} {} was a {}",
                w[0],
                w[1],
                w[2],
                w[5]
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} weekday claims found");
}

#[test]
fn the_seoul_beijing_thread_runs_from_first_talks_to_the_opening() {
    let d = Dataset::embedded().unwrap();
    let thread = d.thread_events("kr-cn-hotline");
    assert!(thread.len() >= 5);
    let dates: Vec<_> = thread
        .iter()
        .map(|&i| d.events()[i].date().sort_key())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "thread in date order"
    );
    let opening = thread
        .iter()
        .find(|&&i| d.events()[i].kind == Kind::Opening)
        .expect("the thread has its opening");
    assert_eq!(d.events()[*opening].date().to_string(), "2015-12-31");
    assert_eq!(d.events()[*opening].date_basis, DateBasis::External);
}

#[test]
fn spellings_the_articles_use_are_aliases() {
    let d = Dataset::embedded().unwrap();
    let han = d.person("han-min-goo").unwrap();
    assert!(han.aliases.iter().any(|a| a == "Han Min-koo"));
    let chang = d.person("chang-wanquan").unwrap();
    assert!(chang.aliases.iter().any(|a| a == "Chang Wanguan"));
}

#[test]
fn every_country_person_and_thread_is_used() {
    let d = Dataset::embedded().unwrap();
    for code in d.countries().keys() {
        assert!(
            d.events().iter().any(|e| e.parties.contains(code)),
            "unused country {code}"
        );
    }
    for p in d.people() {
        assert!(
            d.events().iter().any(|e| e.people.contains(&p.id)),
            "unused person {}",
            p.id
        );
    }
    for t in d.threads() {
        assert!(!d.thread_events(&t.id).is_empty(), "empty thread {}", t.id);
    }
}

#[test]
fn every_id_looks_up_its_own_item_and_unknown_ids_none() {
    let d = Dataset::embedded().unwrap();
    for (i, e) in d.events().iter().enumerate() {
        assert_eq!(d.event_index(&e.id), Some(i));
    }
    for s in d.sources() {
        assert_eq!(d.source(&s.id).map(|x| &x.id), Some(&s.id));
    }
    for p in d.people() {
        assert_eq!(d.person(&p.id).map(|x| &x.id), Some(&p.id));
    }
    for t in d.threads() {
        assert_eq!(d.thread(&t.id).map(|x| &x.id), Some(&t.id));
    }
    assert_eq!(d.event_index("no-such-event"), None);
    assert_eq!(d.event_index(""), None);
    assert!(d.person("zzz").is_none() && d.thread("a").is_none() && d.source("").is_none());
}
