//! The embedded dataset: it loads with no problems, and it is true to its
//! sources. These checks read assets/ directly, independently of the loader.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{Datelike, Month, NaiveDate, Weekday};
use hotlines::model::{Dataset, Date, DateBasis, Kind};
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

/// Every "D Month YYYY was a Weekday" in a note (date_note, date_reasoning, a
/// source's note) is true.
#[test]
fn weekday_claims_in_notes_are_true() {
    let raw = raw();
    let mut checked = 0;
    let events = raw["events"].as_array().unwrap().iter();
    let notes = events
        .flat_map(|e| [&e["date_note"], &e["date_reasoning"]])
        .chain(
            raw["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| &s["note"]),
        )
        .filter_map(Value::as_str);
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
    // In date order where the dates tell: `after` may put an event after
    // one whose date sorts later (a c. Nov 2015 meeting after something
    // "before Nov 2015"), but never after one that certainly began later.
    for (k, &i) in thread.iter().enumerate() {
        for &j in &thread[k + 1..] {
            let (earlier, later) = (&d.events()[i], &d.events()[j]);
            assert!(
                !later.date().certainly_before(earlier.date()),
                "{} ({}) comes before {} ({}), which certainly ended before it",
                earlier.id,
                earlier.date(),
                later.id,
                later.date()
            );
        }
    }
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
            d.events()
                .iter()
                .any(|e| e.parties.iter().any(|c| c == code)),
            "unused country {code}"
        );
    }
    for p in d.people() {
        assert!(
            d.events()
                .iter()
                .any(|e| e.people.iter().any(|q| *q == p.id)),
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

fn events(raw: &Value) -> &Vec<Value> {
    raw["events"].as_array().unwrap()
}

fn by_id(raw: &Value) -> HashMap<&str, &Value> {
    events(raw)
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e))
        .collect()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_str().unwrap()).collect())
        .unwrap_or_default()
}

/// The first and last day an EDTF end (`2012`, `2012-07`, `2012-07-31`, with
/// or without `~?%`) can mean; None for an open (`..`) or unknown (empty) end.
fn end_bounds(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let s = s.trim_end_matches(['~', '?', '%']);
    if s.is_empty() || s == ".." {
        return None;
    }
    let parts: Vec<u32> = s.split('-').map(|p| p.parse().unwrap()).collect();
    let year = parts[0] as i32;
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d).unwrap();
    Some(match parts[..] {
        [_] => (day(1, 1), day(12, 31)),
        [_, m] => {
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap()
            } else {
                day(m + 1, 1)
            };
            (day(m, 1), next.pred_opt().unwrap())
        }
        [_, m, d] => (day(m, d), day(m, d)),
        _ => panic!("not an EDTF date: {s}"),
    })
}

/// The earliest and latest possible day of an EDTF date or interval,
/// qualifiers ignored; None where an end is open or unknown.
fn day_bounds(edtf: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match edtf.split_once('/') {
        None => {
            let b = end_bounds(edtf).unwrap();
            (Some(b.0), Some(b.1))
        }
        Some((start, end)) => (end_bounds(start).map(|b| b.0), end_bounds(end).map(|b| b.1)),
    }
}

#[test]
fn day_bounds_read_the_edtf_forms_the_dataset_uses() {
    let d = |s: &str| Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
    assert_eq!(
        day_bounds("2012-07-31~"),
        (d("2012-07-31"), d("2012-07-31"))
    );
    assert_eq!(day_bounds("2012-02"), (d("2012-02-01"), d("2012-02-29")));
    assert_eq!(day_bounds("2015-12"), (d("2015-12-01"), d("2015-12-31")));
    assert_eq!(day_bounds("1950/1953"), (d("1950-01-01"), d("1953-12-31")));
    assert_eq!(day_bounds("../2012-07-31"), (None, d("2012-07-31")));
    assert_eq!(day_bounds("2013/.."), (d("2013-01-01"), None));
    assert_eq!(
        day_bounds("2015-02-04/2015-02-05~"),
        (d("2015-02-04"), d("2015-02-05"))
    );
}

#[test]
fn every_dispute_reading_quotes_its_source_verbatim() {
    let raw = raw();
    let ids = by_id(&raw);
    let disputes = raw["disputes"].as_array().expect("a disputes list");
    assert!(disputes.len() >= 2, "{} disputes", disputes.len());
    let mut seen = HashSet::new();
    for dispute in disputes {
        let id = dispute["id"].as_str().unwrap();
        assert!(seen.insert(id), "dispute {id} twice");
        for field in ["title", "summary"] {
            assert!(
                !dispute[field].as_str().unwrap().is_empty(),
                "{id}: {field}"
            );
        }
        let readings = dispute["readings"].as_array().unwrap();
        assert!(readings.len() >= 2, "{id}: a dispute has two sides");
        for r in readings {
            let quote = r["quote"].as_str().unwrap();
            let source = source_text(&raw, r["source"].as_str().unwrap());
            assert!(
                source.contains(quote),
                "dispute {id}: quote not verbatim in {}: {quote}",
                r["source"]
            );
            assert!(!r["reading"].as_str().unwrap().is_empty(), "{id}: reading");
        }
        let evs = strings(&dispute["events"]);
        assert!(!evs.is_empty(), "{id}: no events");
        for e in evs {
            assert!(ids.contains_key(e), "dispute {id}: no event {e}");
        }
    }
    // The two the articles force: a Seoul-Beijing line in 2012, and the forecast opening.
    for id in ["kr-cn-line-in-2012", "kr-cn-opening-forecast"] {
        assert!(seen.contains(id), "no dispute {id}");
    }
}

#[test]
fn every_after_exists_is_acyclic_and_agrees_with_the_dates() {
    let raw = raw();
    let ids = by_id(&raw);
    let mut count = 0;
    for e in events(&raw) {
        let id = e["id"].as_str().unwrap();
        let (_, latest) = day_bounds(e["date"].as_str().unwrap());
        for before in strings(&e["after"]) {
            assert_ne!(before, id, "{id} is after itself");
            let other = ids
                .get(before)
                .unwrap_or_else(|| panic!("{id}: after unknown event {before}"));
            let (earliest, _) = day_bounds(other["date"].as_str().unwrap());
            if let (Some(earliest), Some(latest)) = (earliest, latest) {
                assert!(
                    earliest <= latest,
                    "{id} (ends {latest}) cannot come after {before} (starts {earliest})"
                );
            }
            count += 1;
        }
    }
    assert!(count >= 20, "only {count} afters");

    // No cycle: depth-first, colouring each event grey while on the path.
    fn visit<'a>(
        id: &'a str,
        ids: &HashMap<&'a str, &'a Value>,
        done: &mut HashSet<&'a str>,
        path: &mut Vec<&'a str>,
    ) {
        if done.contains(id) {
            return;
        }
        assert!(!path.contains(&id), "cycle through after: {path:?} -> {id}");
        path.push(id);
        for before in strings(&ids[id]["after"]) {
            visit(before, ids, done, path);
        }
        path.pop();
        done.insert(id);
    }
    let mut done = HashSet::new();
    for id in ids.keys() {
        visit(id, &ids, &mut done, &mut Vec::new());
    }
}

#[test]
fn every_event_with_after_says_why() {
    let raw = raw();
    for e in events(&raw) {
        let has_after = !strings(&e["after"]).is_empty();
        let note = e["order_note"].as_str().unwrap_or("").trim();
        if has_after {
            assert!(note.len() > 10, "{}: after without an order_note", e["id"]);
        } else {
            assert!(note.is_empty(), "{}: order_note without after", e["id"]);
        }
    }
}

#[test]
fn expected_dates_parse_and_belong_to_plans_only() {
    let raw = raw();
    let mut plans = 0;
    for e in events(&raw) {
        let id = e["id"].as_str().unwrap();
        let is_plan = e["kind"] == "plan";
        plans += usize::from(is_plan);
        match e.get("expected") {
            Some(expected) => {
                assert!(is_plan, "{id}: expected on a {} event", e["kind"]);
                let s = expected.as_str().unwrap();
                Date::parse(s).unwrap_or_else(|err| panic!("{id}: expected {s:?}: {err}"));
            }
            None => assert!(!is_plan, "{id}: a plan without expected"),
        }
    }
    assert!(plans >= 4, "{plans} plans");
}

#[test]
fn every_line_milestone_is_a_known_event_of_the_lines_parties() {
    const STATUSES: [&str; 7] = [
        "proposed",
        "agreed",
        "planned",
        "opened",
        "used",
        "suspended",
        "closed",
    ];
    let raw = raw();
    let ids = by_id(&raw);
    let countries = raw["countries"].as_object().unwrap();
    let lines = raw["lines"].as_array().expect("a lines list");
    let mut seen = HashSet::new();
    for line in lines {
        let id = line["id"].as_str().unwrap();
        assert!(seen.insert(id), "line {id} twice");
        for field in ["name", "endpoints", "summary"] {
            assert!(!line[field].as_str().unwrap().is_empty(), "{id}: {field}");
        }
        let parties = strings(&line["parties"]);
        assert!(parties.len() >= 2, "{id}: a line has two ends");
        for p in &parties {
            assert!(countries.contains_key(*p), "{id}: unknown country {p}");
        }
        let milestones = line["milestones"].as_array().unwrap();
        assert!(!milestones.is_empty(), "{id}: no milestones");
        for m in milestones {
            let status = m["status"].as_str().unwrap();
            assert!(STATUSES.contains(&status), "{id}: status {status}");
            let event = m["event"].as_str().unwrap();
            let e = ids
                .get(event)
                .unwrap_or_else(|| panic!("{id}: no event {event}"));
            let event_parties = strings(&e["parties"]);
            for p in &parties {
                assert!(
                    event_parties.contains(p),
                    "{id}: milestone {event} does not involve {p}"
                );
            }
        }
    }
    // Every line the articles mention.
    for id in [
        "kr-cn-defense-ministries",
        "kr-cn-air-force-navy-channel",
        "kr-ru-navies",
        "kr-ru-air-forces",
        "cn-jp-sea-air-liaison",
        "cn-ru-defense",
        "cn-us-defense",
        "kr-jp-military",
        "kr-us-military",
    ] {
        assert!(seen.contains(id), "no line {id}");
    }
}

#[test]
fn every_date_note_is_short_enough_to_read() {
    let raw = raw();
    for e in events(&raw) {
        let note = e["date_note"].as_str().unwrap_or("");
        assert!(
            note.chars().count() <= 300,
            "{}: date_note of {} characters; move the reasoning to date_reasoning",
            e["id"],
            note.chars().count()
        );
        if let Some(reasoning) = e.get("date_reasoning") {
            assert!(
                !note.is_empty(),
                "{}: date_reasoning without a note",
                e["id"]
            );
            assert!(!reasoning.as_str().unwrap().is_empty(), "{}", e["id"]);
        }
    }
}

/// Each thread's events in the order the articles tell the story: each
/// list names exactly the thread's events, and the loaded dataset (sorted
/// by date, `after` deciding among overlapping dates) reads in this order.
const THREAD_STORY: &[(&str, &[&str])] = &[
    (
        "kr-cn-hotline",
        &[
            "kr-cn-by-2012-07-31-second-strategic-defense-talks",
            "kr-cn-by-2012-07-31-hotline-agreed",
            "kr-cn-2012-07-31-hotline-announced",
            "kr-cn-by-2012-07-31-official-on-hotline",
            "kr-cn-2014-07-park-xi-summit",
            "kr-cn-2015-02-04-ministers-meeting",
            "kr-cn-2015-02-04-ministers-agree-hotline",
            "kr-cn-2015-02-analyst-comment",
            "kr-cn-2015-02-05-spokesman-statement",
            "kr-cn-2015-h1-hotline-expected-to-open",
            "kr-cn-by-2015-11-air-navy-channel-affirmed",
            "kr-cn-2015-11-asean-sidelines-meeting",
            "kr-cn-2015-12-31-hotline-opens",
            "kr-cn-2015-12-31-first-hotline-call",
            "kr-cn-2015-12-31-ministry-statement",
        ],
    ),
    (
        "kr-cn-defense-cooperation",
        &[
            "kr-cn-2011-defense-ministers-talks",
            "kr-cn-2011-logistics-support-agreement",
            "kr-cn-by-2012-07-31-first-strategic-defense-talks",
            "kr-cn-by-2012-07-31-intelligence-sharing-first-raised",
            // The article gives no order among what came of the talks
            // ("Along with the MOU and the hotline"), nor says the request
            // was made at them: `after` orders what it can, then the id.
            "kr-cn-by-2012-07-31-constructive-role-request",
            "kr-cn-by-2012-07-31-intelligence-sharing-proposal",
            "kr-cn-by-2012-07-31-language-courses-agreed",
            "kr-cn-2012-07-31-academy-exchange-plan",
            "kr-cn-by-2012-07-31-mou-signed",
            "kr-cn-by-2012-07-31-push-ahead-2011-projects",
            "kr-cn-2015-02-04-denuclearization-commitment",
        ],
    ),
    (
        "third-country-hotlines",
        &[
            "cn-ru-by-2012-07-31-defense-hotline",
            "cn-us-by-2012-07-31-defense-hotline",
            "kr-jp-by-2015-02-04-military-hotline",
            "kr-us-by-2015-02-04-military-hotline",
        ],
    ),
    (
        "kim-young-hwan-case",
        &[
            "kr-cn-by-2012-04-kim-young-hwan-detained",
            "kr-cn-2012-07-kim-young-hwan-released",
            "kr-cn-by-2012-07-31-relations-downturn",
            "kr-cn-by-2012-07-31-ministry-on-talks-timing",
        ],
    ),
    (
        "korean-war",
        &[
            "kr-kp-cn-us-1950-1953-korean-war",
            "cn-kp-1950-1953-chinese-intervention",
            "kr-kp-cn-us-1953-korean-war-truce",
        ],
    ),
    (
        "kr-ru-hotlines",
        &[
            "ru-kr-by-2021-11-11-kadiz-entries",
            "kr-ru-2021-11-11-hotline-mou-signed",
            // All three follow the signing; nothing orders them among
            // themselves, so the id does.
            "kr-ru-2021-11-11-air-force-hotline-plan",
            "kr-ru-2021-11-11-ministry-press-release",
            "kr-ru-2021-11-11-navy-hotline-plan",
        ],
    ),
    (
        "cn-jp-hotline",
        &[
            "cn-2021-02-01-coast-guard-law",
            // What stood before the talks, in no order the article gives.
            "cn-jp-by-2021-12-27-east-china-sea-tensions",
            "cn-jp-by-2021-12-27-leaders-consensus",
            "cn-jp-by-2021-12-27-sea-air-liaison-mechanism",
            "cn-jp-2021-12-27-defense-ministers-video-talks",
            // Decided and said in the talks, in no order the article gives;
            // Kishi spoke to reporters "after the virtual meeting".
            "cn-jp-2021-12-27-hotline-agreed",
            "cn-jp-2021-12-27-japan-senkaku-concern",
            "cn-jp-2021-12-27-telephone-line-plan",
            "cn-jp-2021-12-27-wei-remarks",
            "cn-jp-2021-12-27-kishi-to-reporters",
            // Dated 27-31 December: after the day's events.
            "cn-jp-2021-12-chinese-defense-ministry-statement",
            "cn-jp-2021-12-kishi-coast-guard-law-query",
            "cn-jp-2021-12-kishi-twitter-statement",
        ],
    ),
];

#[test]
fn each_thread_story_lists_exactly_the_threads_events() {
    let raw = raw();
    let threads: Vec<&str> = raw["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    let listed: Vec<&str> = THREAD_STORY.iter().map(|(t, _)| *t).collect();
    assert_eq!(
        listed.iter().copied().collect::<HashSet<_>>(),
        threads.iter().copied().collect::<HashSet<_>>(),
        "one story per thread"
    );
    for (thread, story) in THREAD_STORY {
        let mut in_data: Vec<&str> = events(&raw)
            .iter()
            .filter(|e| e["thread"] == *thread)
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        let mut told = story.to_vec();
        assert_eq!(
            told.len(),
            told.iter().collect::<HashSet<_>>().len(),
            "{thread}: an id twice"
        );
        in_data.sort_unstable();
        told.sort_unstable();
        assert_eq!(
            told, in_data,
            "{thread}: the story lists exactly the thread's events"
        );
    }
}

#[test]
fn each_thread_reads_in_the_order_of_its_story() {
    let d = Dataset::embedded().unwrap_or_else(|e| panic!("{e}"));
    for (thread, story) in THREAD_STORY {
        let loaded: Vec<&str> = d
            .thread_events(thread)
            .iter()
            .map(|&i| d.events()[i].id.as_str())
            .collect();
        assert_eq!(&loaded, story, "{thread}: the loaded order");
    }
}
