//! The exports read back by other programs' readers: Markdown rendered by a
//! CommonMark parser, CSV with a byte order mark, calendars parsed, and
//! TimelineJS files taken through hotlines and back.

use std::path::Path;

use assert_cmd::prelude::*;
use hotlines::model::Dataset;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::hotlines;

/// Fields that Markdown would read as markup, with a source that quotes
/// them verbatim.
const HOSTILE_MD: &str = "tests/data/cli/markdown/events.json";
const DATA: &str = "tests/data/cli/events.json";

fn run(args: &[&str]) -> String {
    let out = hotlines()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn load(path: &str) -> Dataset {
    Dataset::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// What a Markdown reader makes of a document: the text of each block, and
/// how many of each kind of element it found.
#[derive(Debug, Default)]
struct Rendered {
    headings: Vec<String>,
    paragraphs: Vec<String>,
    items: Vec<String>,
    links: Vec<String>,
    block_quotes: usize,
    lists: usize,
    code_blocks: usize,
    table_cells: usize,
    emphasis: usize,
    strong: usize,
    /// HTML, math, strikethrough, images, footnotes, definitions, super-
    /// and subscripts, task markers, rules: none of which the export writes.
    unwanted: Vec<String>,
}

fn render(md: &str, options: Options) -> Rendered {
    let mut r = Rendered::default();
    let mut open: Vec<String> = Vec::new();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::Item) => {
                open.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => r.headings.push(open.pop().unwrap()),
            Event::End(TagEnd::Paragraph) => r.paragraphs.push(open.pop().unwrap()),
            Event::End(TagEnd::Item) => r.items.push(open.pop().unwrap()),
            Event::Start(Tag::BlockQuote(_)) => r.block_quotes += 1,
            Event::Start(Tag::List(_)) => r.lists += 1,
            Event::Start(Tag::CodeBlock(_)) => r.code_blocks += 1,
            Event::Start(Tag::TableCell) => r.table_cells += 1,
            Event::Start(Tag::Emphasis) => r.emphasis += 1,
            Event::Start(Tag::Strong) => r.strong += 1,
            Event::Start(Tag::Link { dest_url, .. }) => r.links.push(dest_url.to_string()),
            Event::Text(t) | Event::Code(t) => match open.last_mut() {
                Some(block) => block.push_str(&t),
                None => r.unwanted.push(format!("text outside a block: {t:?}")),
            },
            Event::SoftBreak | Event::HardBreak => match open.last_mut() {
                Some(block) => block.push('\n'),
                None => r.unwanted.push("a line break outside a block".into()),
            },
            Event::Start(
                Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Image { .. }
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::HtmlBlock
                | Tag::MetadataBlock(_),
            )
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Rule => r.unwanted.push(format!("{event:?}")),
            Event::End(_) => {}
        }
    }
    r
}

/// GitHub's extensions and pulldown-cmark's own, less those that change
/// text (smart punctuation) or read a document's first lines as metadata.
fn extended() -> Options {
    Options::all()
        - Options::ENABLE_SMART_PUNCTUATION
        - Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        - Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        - Options::ENABLE_OLD_FOOTNOTES
}

#[test]
fn markdown_renders_every_hostile_field_as_its_text() {
    let md = run(&["-f", HOSTILE_MD, "export", "--format", "markdown"]);
    // loads: every quote is found verbatim in its source
    let d = load(HOSTILE_MD);
    let [first, second] = d.events() else {
        panic!("the fixture has two events")
    };
    let pipe = d.source("pipe").unwrap();
    let plain = d.source("plain").unwrap();
    let pipe_url = pipe.url.as_deref().unwrap();
    for options in [Options::empty(), extended()] {
        let r = render(&md, options);
        // what the export means to write, and nothing else
        assert_eq!(
            r.headings,
            [
                d.title().to_string(),
                "2014".into(),
                format!("{} — {}", first.date().display(), first.title),
                "2015".into(),
                format!("{} — {}", second.date().display(), second.title),
                "Sources".into(),
            ],
            "{options:?}\n{md}"
        );
        assert_eq!(r.unwanted, Vec::<String>::new(), "{options:?}\n{md}");
        assert_eq!(r.code_blocks, 0, "{md}");
        assert_eq!(r.table_cells, 0, "{md}");
        assert_eq!(r.lists, 1, "{md}");
        assert_eq!(r.block_quotes, 4, "{md}");
        assert_eq!(r.emphasis, 2, "the facts lines\n{md}");
        assert_eq!(r.strong, 2, "the sources' ids\n{md}");
        // an address only an http or https one becomes a link
        assert_eq!(r.links, [pipe_url], "{md}");
        assert_eq!(
            r.items,
            [
                format!(
                    "[pipe] {}, {pipe_url} — quoted by 2 events.",
                    pipe.attribution()
                ),
                format!(
                    "[plain] {}, javascript:alert(1) — quoted by 1 event.",
                    plain.attribution()
                ),
            ]
        );
        // every field is a paragraph, or part of one, holding its exact text
        let p = &r.paragraphs;
        let has = |want: &str| {
            assert!(
                p.iter().any(|t| t == want),
                "{options:?}: no paragraph {want:?} in {p:#?}"
            );
        };
        has(d.description());
        has(&first.summary);
        has(&second.summary);
        has(&format!(
            "Date (stated): {}",
            first.date_note.as_deref().unwrap()
        ));
        let names: Vec<&str> = first.parties.iter().map(|c| d.country_name(c)).collect();
        has(&format!(
            "statement · KR–JP ({}) · {} · thread: {} · hostile-markdown",
            names.join(", "),
            first.place.as_deref().unwrap(),
            d.thread("t").unwrap().title
        ));
        for e in [first, second] {
            for q in &e.quotes {
                has(&q.text);
                let s = d.source(&q.source).unwrap();
                has(&format!("— {} [{}]", s.attribution(), s.id));
            }
        }
    }
}

/// The VEVENTs of a calendar, parsed, as (property name, unescaped value)
/// lists.
fn calendar_events(text: &str) -> Vec<Vec<(String, String)>> {
    assert!(
        text.split("\r\n")
            .all(|l| l.len() <= 75 && !l.contains('\n')),
        "a line over 75 octets or a bare line feed"
    );
    let unfolded = icalendar::parser::unfold(text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .map(|p| {
                    let value = p.val.clone().unescape_text().as_str().to_string();
                    (p.name.as_str().to_string(), value)
                })
                .collect()
        })
        .collect()
}

fn prop<'a>(event: &'a [(String, String)], name: &str) -> Option<&'a str> {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn ics_marks_approximate_days_tentative_and_gives_the_source_url() {
    let text = run(&["-f", HOSTILE_MD, "export", "--format", "ics"]);
    let events = calendar_events(&text);
    // `2015?` is a year: a calendar holds only the day
    assert_eq!(events.len(), 1, "{text}");
    let d = load(HOSTILE_MD);
    let e = d.event("hostile-markdown").unwrap();
    assert_eq!(
        prop(&events[0], "SUMMARY"),
        Some(format!("{} (approximate)", e.title).as_str())
    );
    assert_eq!(prop(&events[0], "STATUS"), Some("TENTATIVE"));
    let url = d.source("pipe").unwrap().url.as_deref().unwrap();
    assert_eq!(prop(&events[0], "URL"), Some(url));
    // each quote's source's address in the description, the javascript: one as text
    let description = prop(&events[0], "DESCRIPTION").unwrap();
    assert!(description.starts_with(e.summary.as_str()), "{description}");
    assert!(description.contains(&format!("\n{url}")), "{description}");
    assert!(
        description.contains("\njavascript:alert(1)"),
        "{description}"
    );
}

#[test]
fn ics_leaves_certain_days_confirmed_and_no_url_it_cannot_hold() {
    let text = run(&["-f", DATA, "export", "--format", "ics"]);
    let events = calendar_events(&text);
    assert_eq!(events.len(), 3);
    let d = load(DATA);
    for ev in &events {
        let uid = prop(ev, "UID").unwrap();
        let e = d.event(uid.trim_end_matches("@hotlines")).unwrap();
        assert_eq!(prop(ev, "SUMMARY"), Some(e.title.as_str()));
        assert_eq!(prop(ev, "STATUS"), None, "{uid}");
        let source = d.source(&e.quotes[0].source).unwrap();
        assert_eq!(prop(ev, "URL"), source.url.as_deref(), "{uid}");
    }
    // an address with control characters in it is no URI: left out
    let text = run(&[
        "-f",
        "tests/data/cli/hostile.json",
        "export",
        "--format",
        "ics",
    ]);
    let events = calendar_events(&text);
    assert_eq!(events.len(), 1);
    assert_eq!(prop(&events[0], "URL"), None);
}

#[test]
fn csv_with_a_bom_reads_back_to_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    for (format, delimiter) in [("csv", b','), ("tsv", b'\t')] {
        let with = dir.path().join(format!("with.{format}"));
        let out = with.to_str().unwrap();
        run(&["-f", DATA, "export", "--format", format, "--bom", "-o", out]);
        let bytes = std::fs::read(&with).unwrap();
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "{format}");
        let without = run(&["-f", DATA, "export", "--format", format]);
        assert_eq!(&bytes[3..], without.as_bytes(), "{format}");
        // a reader that knows the mark (as spreadsheet programs do) reads
        // the same header and records as from the file without it
        let read = |data: &[u8]| -> Vec<csv::StringRecord> {
            let mut r = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .quoting(format == "csv")
                .from_reader(data);
            r.records().map(Result::unwrap).collect()
        };
        let records = read(&bytes);
        assert_eq!(
            &records[0][0], "id",
            "{format}: the mark is not part of the first field"
        );
        assert_eq!(records, read(without.as_bytes()), "{format}");
        assert_eq!(records.len(), load(DATA).events().len() + 1);
    }
    // the mark is for spreadsheets: other formats refuse it
    hotlines()
        .args(["-f", DATA, "export", "--format", "json", "--bom"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--bom is for csv and tsv"));
}

#[test]
fn csv_gives_each_quotes_source_url() {
    let out = run(&["-f", HOSTILE_MD, "export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = headers.iter().position(|h| h == "quote_urls").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let url = "https://example.org/a_b*c?d=1&e=[2]";
    // one line per quote, in the quotes' order
    assert_eq!(&rows[0][col], format!("{url}\n{url}\njavascript:alert(1)"));
    assert_eq!(&rows[1][col], url);
    let out = run(&[
        "-f",
        DATA,
        "export",
        "--format",
        "csv",
        "--kind",
        "agreement",
    ]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[col], "", "no quote's source has an address");
}

/// A TimelineJS file as another program writes it: a slide without a block
/// quote, one with, and groups with markup.
const FOREIGN: &str = r#"{
  "title": {"text": {"headline": "Foreign", "text": "<p>Made elsewhere.</p>"}},
  "events": [
    {
      "unique_id": "stopped",
      "start_date": {"year": 1953, "month": 7, "day": 27},
      "text": {"headline": "Fighting stops", "text": "<p>The fighting in Korea stopped.</p>"},
      "group": "<b>Korean</b> War &amp; after"
    },
    {
      "unique_id": "signed",
      "start_date": {"year": 1953, "month": 7, "day": 27},
      "text": {
        "headline": "Armistice",
        "text": "<p>An armistice ends the war.</p><blockquote>The armistice was signed at Panmunjom.</blockquote>"
      },
      "group": "<b>Korean</b> War &amp; after"
    }
  ]
}"#;

#[test]
fn timelinejs_through_hotlines_and_back_shows_each_text_once() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign.json");
    std::fs::write(&foreign, FOREIGN).unwrap();
    let ours = dir.path().join("ours/events.json");
    run(&[
        "import",
        "timelinejs",
        foreign.to_str().unwrap(),
        "-o",
        ours.to_str().unwrap(),
    ]);
    let back = run(&[
        "-f",
        ours.to_str().unwrap(),
        "export",
        "--format",
        "timelinejs",
    ]);
    let back: serde_json::Value = serde_json::from_str(&back).unwrap();
    let before: serde_json::Value = serde_json::from_str(FOREIGN).unwrap();
    let plain =
        |v: &serde_json::Value| hotlines::model::timelinejs::html_to_text(v.as_str().unwrap());
    let slides = back["events"].as_array().unwrap();
    assert_eq!(slides.len(), 2);
    for was in before["events"].as_array().unwrap() {
        let id = &was["unique_id"];
        let now = slides.iter().find(|s| &s["unique_id"] == id).unwrap();
        let was_text = plain(&was["text"]["text"]);
        let now_text = plain(&now["text"]["text"]);
        // the text, as TimelineJS shows it, once: each paragraph and quote
        // as it was, and no other paragraph or quote
        assert_eq!(now_text.paragraphs, was_text.paragraphs, "{id}");
        assert_eq!(now_text.quotes, was_text.quotes, "{id}");
        // the group as TimelineJS reads it, markup stripped
        assert_eq!(
            plain(&now["group"]).plain(),
            plain(&was["group"]).plain(),
            "{id}"
        );
        assert_eq!(now["group"], "Korean War &amp; after");
    }
}

#[test]
fn timelinejs_cites_link_only_clean_web_addresses() {
    let out = run(&["-f", HOSTILE_MD, "export", "--format", "timelinejs"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = v["events"][0]["text"]["text"].as_str().unwrap();
    let url = "https://example.org/a_b*c?d=1&amp;e=[2]";
    assert!(
        text.contains(&format!(", <a href=\"{url}\">{url}</a></cite>")),
        "{text}"
    );
    assert!(text.contains(", javascript:alert(1)</cite>"), "{text}");
    assert_eq!(text.matches("<a ").count(), 2, "{text}");
    // an https address with controls in it is written as text, not a link
    let out = run(&[
        "-f",
        "tests/data/cli/hostile.json",
        "export",
        "--format",
        "timelinejs",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = v["events"][0]["text"]["text"].as_str().unwrap();
    assert!(!text.contains("<a "), "{text}");
    assert!(
        text.contains(", https://example.org/\u{1b}]52;c;"),
        "{text}"
    );
}

#[test]
fn ics_says_uncertain_and_both_in_the_summary() {
    // the test dataset with two days made uncertain (`?`) and both (`%`)
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(DATA).unwrap()).unwrap();
    for e in v["events"].as_array_mut().unwrap() {
        match e["id"].as_str().unwrap() {
            "kr-jp-busan-meeting" => e["date"] = "2014-03-01?".into(),
            "kr-jp-spokesman" => e["date"] = "2014-03-04%".into(),
            _ => {}
        }
    }
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    for f in ["herald.txt", "ledger.txt"] {
        std::fs::copy(
            Path::new("tests/data/cli/sources").join(f),
            dir.path().join("sources").join(f),
        )
        .unwrap();
    }
    let data = dir.path().join("events.json");
    std::fs::write(&data, v.to_string()).unwrap();
    let text = run(&["-f", data.to_str().unwrap(), "export", "--format", "ics"]);
    let events = calendar_events(&text);
    let d = Dataset::load(&data).unwrap();
    let mut seen = Vec::new();
    for ev in &events {
        let id = prop(ev, "UID").unwrap().trim_end_matches("@hotlines");
        let title = &d.event(id).unwrap().title;
        let (summary, status) = match id {
            "kr-jp-busan-meeting" => (format!("{title} (uncertain)"), Some("TENTATIVE")),
            "kr-jp-spokesman" => (
                format!("{title} (approximate, uncertain)"),
                Some("TENTATIVE"),
            ),
            _ => (title.to_string(), None),
        };
        assert_eq!(prop(ev, "SUMMARY"), Some(summary.as_str()), "{id}");
        assert_eq!(prop(ev, "STATUS"), status, "{id}");
        seen.push(id.to_string());
    }
    assert_eq!(
        seen,
        [
            "kr-jp-busan-meeting",
            "kr-jp-hotline-opens",
            "kr-jp-spokesman"
        ]
    );
}

#[test]
fn timelinejs_display_dates_carry_every_qualifier() {
    // TimelineJS's dates have no qualifiers: `display_date` is where an
    // importer finds them, so every slide has our display form
    let out = run(&["export", "--format", "timelinejs"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = Dataset::embedded().unwrap();
    let slides = v["events"].as_array().unwrap();
    assert_eq!(slides.len(), d.events().len());
    let mut qualified = 0;
    for (slide, e) in slides.iter().zip(d.events()) {
        assert_eq!(slide["unique_id"], e.id.as_str());
        assert_eq!(
            slide["display_date"],
            e.date().display().as_str(),
            "{}",
            e.id
        );
        qualified += usize::from(e.date().to_string().contains(['?', '~', '%']));
    }
    assert!(qualified > 0, "the embedded dataset has qualified dates");
}

/// The event [`spreadsheet_hostile`] changes.
const HOSTILE_ID: &str = "kr-cn-2012-07-31-announcement";

/// The good fixture, copied to a temporary folder with its event given a
/// title a spreadsheet would run, a tag holding `;`, a person and a
/// thread: the folder and the dataset's path.
fn spreadsheet_hostile() -> (tempfile::TempDir, std::path::PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    std::fs::copy(
        root.join("sources/article.txt"),
        dir.path().join("sources/article.txt"),
    )
    .unwrap();
    let mut data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("events.json")).unwrap()).unwrap();
    let events = data["events"].as_array_mut().unwrap();
    let e = events.iter_mut().find(|e| e["id"] == HOSTILE_ID).unwrap();
    e["title"] = "=HYPERLINK(\"http://x.example\",\"click\")".into();
    e["summary"] = "-2+3".into();
    e["tags"] = serde_json::json!(["a;b", "c\\d", "hotline"]);
    e["people"] = serde_json::json!(["lee-yong-geol"]);
    let path = dir.path().join("events.json");
    std::fs::write(&path, serde_json::to_string_pretty(&data).unwrap()).unwrap();
    (dir, path)
}

#[test]
fn csv_names_people_and_threads_sorts_by_day_and_keeps_a_tag_with_a_semicolon_whole() {
    let (_dir, path) = spreadsheet_hostile();
    let path = path.to_str().unwrap();
    let out = run(&["-f", path, "export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == HOSTILE_ID)
        .unwrap();
    let field = |name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(field("earliest_day"), "2012-07-31");
    assert_eq!(field("people"), "lee-yong-geol");
    assert_eq!(field("people_names"), "Lee Yong-geol");
    assert_eq!(field("thread"), "kr-cn-hotline");
    assert_eq!(field("thread_title"), "The Seoul-Beijing hotline");
    // Split on the `;` no backslash escapes, then unescape: three tags.
    let tags = field("tags");
    let mut items = vec![String::new()];
    let mut chars = tags.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => items.last_mut().unwrap().push(chars.next().unwrap()),
            ';' => items.push(String::new()),
            c => items.last_mut().unwrap().push(c),
        }
    }
    assert_eq!(items, ["a;b", "c\\d", "hotline"]);
    // Without --bom the cells are the text as it is.
    assert!(field("title").starts_with("=HYPERLINK"));
}

#[test]
fn with_bom_no_cell_is_a_formula_to_a_spreadsheet() {
    let (_dir, path) = spreadsheet_hostile();
    let path = path.to_str().unwrap();
    for (format, delimiter) in [("csv", b','), ("tsv", b'\t')] {
        let out = run(&["-f", path, "export", "--format", format, "--bom"]);
        let body = out.strip_prefix('\u{feff}').expect("the mark first");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(format == "csv")
            .from_reader(body.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let row = reader
            .records()
            .map(Result::unwrap)
            .find(|r| &r[0] == HOSTILE_ID)
            .unwrap();
        let field = |name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_string();
        assert_eq!(
            field("title"),
            "'=HYPERLINK(\"http://x.example\",\"click\")"
        );
        assert_eq!(field("summary"), "'-2+3");
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "{format}: {cell:?} would run"
            );
        }
        // Cells that start otherwise are untouched.
        assert_eq!(field("earliest_day"), "2012-07-31");
    }
}
