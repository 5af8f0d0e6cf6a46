//! Import, export and HTML tests.
use super::*;
use crate::model::Date;

#[test]
fn the_written_timeline_is_the_timeline_serialized() {
    let d = Dataset::embedded().unwrap();
    let all: Vec<usize> = (0..d.events().len()).collect();
    for events in [&all[..], &all[..1], &[]] {
        let mut out = Vec::new();
        write(&mut out, &d, events).unwrap();
        let whole = serde_json::to_string_pretty(&from_dataset(&d, events)).unwrap() + "\n";
        assert_eq!(String::from_utf8(out).unwrap(), whole);
    }
}

const TL: &str = r#"{
  "title": {"text": {"headline": "A <b>timeline</b>", "text": "<p>About it</p>"}},
  "events": [
{"unique_id": "first", "start_date": {"year": "2015", "month": "2", "day": "4"},
 "text": {"headline": "Ministers &amp; aides meet", "text": "<p>They met.</p><blockquote>We agreed, \"finally\".</blockquote><p><cite>— Paper</cite></p>"},
 "group": "Talks", "media": {"url": "x.jpg"}},
{"start_date": {"year": 2014, "month": 7}, "end_date": {"year": 2015},
 "text": {"headline": "Long talks", "text": "Talks <a href=\"x\">went on</a>."}, "group": "Talks"},
{"unique_id": "Bad Id", "start_date": {"year": 1950}, "text": {"headline": ""}}
  ],
  "eras": [{"start_date": {"year": 1950}, "end_date": {"year": 1953}}]
}"#;

#[test]
fn detection_looks_at_the_events() {
    assert!(detect(TL));
    assert!(!detect(
        r#"{"events": [{"date": "2015", "start_date": {}}]}"#
    ));
    assert!(!detect(r#"{"events": []}"#));
    assert!(!detect("not json"));
    // A later event with a `date` still makes the file not TimelineJS;
    // a first one settles it without reading on (the rest is not JSON).
    assert!(!detect(
        r#"{"events": [{"start_date": {"year": 1}}, {"date": "2015", "start_date": {}}]}"#
    ));
    assert!(!detect(r#"{"events": [{"date": "2015"}, this is not read"#));
}

#[test]
fn html_becomes_text_with_quotes_and_citations_apart() {
    let h = html_to_text(
        "<p>One &amp; <i>two</i></p>\n<blockquote><p>Said</p><p>so.</p></blockquote>\
         <cite>— X</cite><script>bad()</script>a &lt; b &#x2014; &#8212; &bogus; 3 < 4",
    );
    assert_eq!(h.paragraphs, ["One & two", "a < b — — &bogus; 3 < 4"]);
    assert_eq!(h.quotes, ["Said so."]);
    assert_eq!(h.cites, ["— X"]);
    assert!(h.markup);
    assert!(!html_to_text("plain").markup);
}

#[test]
fn import_makes_a_valid_dataset_and_says_what_is_lost() {
    let imported = import(TL, "my timeline.json").unwrap();
    assert_eq!(imported.source_file, "sources/my-timeline.txt");
    let read = |_: &str| Ok(imported.source_text.clone());
    let d = Dataset::parse(&imported.dataset_json(), Origin::Embedded, &read)
        .unwrap_or_else(|e| panic!("{e}\n{}", imported.dataset_json()));
    assert_eq!(d.title, "A timeline");
    let ids: Vec<&str> = d.events().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["bad-id", "long-talks", "first"]);
    let first = d.event("first").unwrap();
    assert_eq!(first.date().to_string(), "2015-02-04");
    assert_eq!(first.title, "Ministers & aides meet");
    assert_eq!(first.summary, "They met.");
    assert_eq!(first.quotes[0].text, "We agreed, \"finally\".");
    assert_eq!(first.thread.as_deref(), Some("talks"));
    assert_eq!(
        d.event("long-talks").unwrap().date().to_string(),
        "2014-07/2015"
    );
    assert_eq!(
        d.event("long-talks").unwrap().quotes[0].text,
        "Talks went on."
    );
    let bad = d.event("bad-id").unwrap();
    assert_eq!(bad.quotes[0].text, "Slide 3");
    let tl_id = bad.extra.fields().find(|(k, _)| *k == "timelinejs_id");
    assert_eq!(tl_id.map(|(_, v)| v), Some(&serde_json::json!("Bad Id")));
    let notes = imported.notes.join("\n");
    for lost in [
        "media",
        "HTML markup removed from 2 slides",
        "1 link target",
        "eras: 1 era not carried over (our format has none): era 1 (1950–1953)",
        "ids: 1 slide had no unique_id",
        "ids: the TimelineJS ids of 1 slide are not",
    ] {
        assert!(notes.contains(lost), "{lost} not in {notes}");
    }
}

#[test]
fn bad_slides_are_reported_at_their_place() {
    let text = "{\"events\": [\n  {\"start_date\": {\"year\": 2015}},\n  {\"start_date\": {\"year\": 2015, \"month\": 13}},\n  {\"start_date\": {\"year\": 2016}, \"end_date\": {\"year\": 2015}},\n  {\"text\": {}},\n  {\"start_date\": {\"year\": \"x\"}}\n]}";
    let problems = import(text, "t.json").unwrap_err();
    let got: Vec<String> = problems
        .iter()
        .map(|p| format!("{}:{}: {}", p.line, p.column, p.path))
        .collect();
    assert_eq!(
        got,
        [
            "3:4: events[1].start_date",
            "4:34: events[2].end_date",
            "6:29: events[4].start_date.year",
        ]
    );
    assert!(
        problems[0].message.contains("month"),
        "{}",
        problems[0].message
    );
}

#[test]
fn dates_go_to_timelinejs_to_their_precision() {
    let d = |s: &str| tl_dates(&Date::parse(s).unwrap());
    let (s, e) = d("2015-02-04");
    assert_eq!((s.year, s.month, s.day, e), (2015, Some(2), Some(4), None));
    let (s, e) = d("2014-07~");
    assert_eq!((s.year, s.month, s.day, e), (2014, Some(7), None, None));
    let (s, e) = d("1950/1953");
    assert_eq!((s.year, s.month, e.unwrap().year), (1950, None, 1953));
    let (s, e) = d("../2012-07-31");
    assert_eq!((s.year, s.month, s.day, e), (2012, Some(7), Some(31), None));
    let (s, e) = d("2013/..");
    assert_eq!((s.year, s.month, s.day, e), (2013, None, None, None));
    let (s, e) = d("2014-07/2015-02-04");
    let e = e.unwrap();
    assert_eq!((s.year, s.month, s.day), (2014, Some(7), None));
    assert_eq!((e.year, e.month, e.day), (2015, Some(2), Some(4)));
}

proptest::proptest! {
    #[test]
    fn html_to_text_takes_any_input(s in "[<>&;#x/a-z!\\- \"=0-9서]{0,60}") {
        let h = html_to_text(&s);
        for text in h.paragraphs.iter().chain(&h.quotes).chain(&h.cites) {
            proptest::prop_assert!(!text.is_empty());
            proptest::prop_assert_eq!(text.trim(), text.as_str());
        }
    }
}

#[test]
fn extreme_numbers_in_dates_are_problems_not_panics() {
    for year in [
        "-9223372036854775808",
        "9223372036854775807",
        "1e300",
        "-1e14",
    ] {
        let text = format!("{{\"events\": [{{\"start_date\": {{\"year\": {year}}}}}]}}");
        let problems = import(&text, "t.json").unwrap_err();
        assert_eq!(problems.len(), 1, "{year}: {problems:?}");
    }
    let text = r#"{"events": [{"start_date": {"year": 2015, "month": -9223372036854775808, "hour": 9223372036854775807}}]}"#;
    assert!(import(text, "t.json").is_err());
}

#[test]
fn display_dates_read_our_own_forms_exactly() {
    let cases = [
        ("2015", None, "c. 2015", Some("2015~")),
        ("2015", None, "2015?", Some("2015?")),
        ("2015", None, "c. 2015?", Some("2015%")),
        (
            "2012-07-31",
            None,
            "before 31 Jul 2012",
            Some("../2012-07-31"),
        ),
        ("2015", None, "by 2015", Some("/2015")),
        (
            "2021-11-11",
            None,
            "from 11 Nov 2021",
            Some("2021-11-11/.."),
        ),
        (
            "2015-02-04",
            Some("2015-02-05"),
            "4 Feb 2015–c. 5 Feb 2015",
            Some("2015-02-04/2015-02-05~"),
        ),
        ("2015-02-04", None, "4 Feb 2015", None),
        ("1677", None, "circa 1677", Some("1677~")),
        ("1677", None, "About 1677", Some("1677~")),
        ("1678", None, "between 1678 and 1680", Some("1678/1680")),
        ("1678", None, "after 1678", Some("1678/..")),
        ("1678", None, "Spring 1678", None),
        ("-0300", None, "c. 300 BCE", Some("-0300~")),
    ];
    for (start, end, display, want) in cases {
        let got = import::read_display(display, start, end).map(|d| d.to_string());
        assert_eq!(got.as_deref(), want, "{display}");
    }
}

#[test]
fn timelinejs_slugs_and_unique_ids() {
    assert_eq!(
        import::tl_slugify("  Ministers &amp; aides: Meet "),
        "ministers-amp-aides-meet"
    );
    assert_eq!(import::tl_slugify("1965 Café/Geneva"), "_1965-cafe-geneva");
    assert_eq!(import::tl_slugify("서울"), "");
    let mut tl = import::TlIds::default();
    let ids: Vec<String> = ["a", "a", "a-2", "a", "b-1", "b-1"]
        .iter()
        .filter_map(|c| tl.assign(Some(c.to_string())))
        .collect();
    assert_eq!(ids, ["a", "a-2", "a-2-1", "a-3", "b-1", "b-1-1"]);
}

#[test]
fn a_title_may_be_a_string_and_its_problems_are_reported_with_the_slides() {
    let text = r#"{"title": "Lines", "events": [{"start_date": {"year": 1963}, "text": {"headline": "Lines"}}]}"#;
    let imported = import(text, "t.json").unwrap();
    let json: serde_json::Value = serde_json::from_str(&imported.dataset_json()).unwrap();
    assert_eq!(json["title"], "Lines");
    // The title took TimelineJS's id `lines` first.
    assert_eq!(json["events"][0]["id"], "lines-2");

    let text = "{\"title\": {\"text\": []},\n \"events\": [{\"start_date\": {\"year\": 1963, \"month\": 0}}],\n \"eras\": [{\"text\": 5}]}";
    let problems = import(text, "t.json").unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["title.text", "events[0].start_date", "eras[0].text"]
    );
}

/// A timeline of deep time (13.8 billion years ago to year 170,002) opened
/// from TimelineJS: every view of the interface lays it out and draws it.
#[test]
fn a_deep_time_timeline_is_shown_in_every_view() {
    use crate::action::Action::*;
    use crate::app::{App, Msg};
    use ratatui::{Terminal, backend::TestBackend};

    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/timelinejs/bce_and_long_years.json");
    let data = Dataset::load(&path).unwrap();
    let mut app = App::new(data);
    let theme = crate::ui::theme::Theme::plain();
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    app.update(Msg::Resize(120, 30));
    let steps = [
        Down, Down, Open, Back, AxisOpen, ZoomIn, ZoomIn, ZoomOut, Left, Right, Down, Down, Lanes,
        ZoomOut, ZoomOut, ZoomOut, Back, Last, First, BoardOpen, Back,
    ];
    let mut screens = String::new();
    for action in steps {
        app.update(action);
        let frame = terminal
            .draw(|f| crate::ui::render(&app, &theme, f))
            .unwrap();
        for y in 0..frame.area.height {
            for x in 0..frame.area.width {
                screens.push_str(frame.buffer[(x, y)].symbol());
            }
        }
    }
    for shown in ["13,800,000,000 BCE", "15 Mar 44 BCE", "300 BCE", "170,002"] {
        assert!(screens.contains(shown), "{shown} never shown");
    }
}
