//! Pure state tests: messages in, state and effects out. No backend: a
//! `Resize` message gives `update` the size a terminal would.

use std::path::Path;

use super::*;
use crate::model::{Dataset, LoadError, Origin};

fn small() -> Dataset {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json");
    Dataset::load(&p).expect("fixture loads")
}

/// A dataset with no events. The loader refuses one, so the fixture's
/// events and threads are dropped after loading (no lookups by event id
/// are made by the interface).
fn empty() -> Dataset {
    small().without_events()
}

fn app_with(data: Dataset, w: u16, h: u16) -> App {
    let mut app = App::new(data);
    assert_eq!(app.update(Msg::Resize(w, h)), []);
    app
}

fn app() -> App {
    app_with(small(), 120, 40)
}

/// Applies `actions` in turn; the effects they returned.
fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().flat_map(|&a| app.update(a)).collect()
}

fn id(app: &App) -> &str {
    app.selected_event().map_or("", |e| e.id.as_str())
}

fn chars(s: &str) -> Vec<Action> {
    s.chars().map(Action::SearchChar).collect()
}

use Action::*;

#[test]
fn starts_on_the_first_event() {
    let app = app();
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Focus::Timeline);
    assert_eq!(id(&app), "talks-2011");
    assert_eq!(app.view.len(), 8);
    // 2011, by 2012 (the agreement on or before 31 Jul 2012), 2012, 2014,
    // 2015, 2021 headings.
    assert_eq!(app.view.rows.len(), 14);
}

#[test]
fn moves_and_clamps() {
    let mut app = app();
    run(&mut app, &[Down, Down]);
    assert_eq!(id(&app), "announce-2012");
    run(&mut app, &[Up, Up, Up]);
    assert_eq!(app.selected, 0);
    run(&mut app, &[Last]);
    assert_eq!(id(&app), "ru-2021");
    run(&mut app, &[Down]);
    assert_eq!(id(&app), "ru-2021");
    run(&mut app, &[First]);
    assert_eq!(app.selected, 0);
}

#[test]
fn count_prefix_repeats_a_motion() {
    let mut app = app();
    run(&mut app, &[Count(5), Down]);
    assert_eq!(app.selected, 5);
    assert_eq!(app.count, None);
    run(&mut app, &[Count(2), Up]);
    assert_eq!(app.selected, 3);
    run(&mut app, &[Count(1), Count(0), Count(0), Down]);
    assert_eq!(app.selected, 7);
    // 3G goes to the third event; a lone 0 is not a count.
    run(&mut app, &[Count(3), Last]);
    assert_eq!(app.selected, 2);
    run(&mut app, &[Count(0)]);
    assert_eq!(app.count, None);
    // A count is dropped by a non-motion.
    run(&mut app, &[Count(4), ToggleFocus, ToggleFocus, Down]);
    assert_eq!(app.selected, 3);
}

#[test]
fn pages_by_the_visible_rows() {
    let mut app = app_with(small(), 80, 10);
    let h = app.areas.timeline_list.height as usize;
    assert!(h > 0 && h < 8, "{h}");
    run(&mut app, &[PageDown]);
    assert_eq!(app.selected, h);
    run(&mut app, &[PageUp]);
    assert_eq!(app.selected, 0);
    let offset_before = app.offset;
    run(&mut app, &[Last]);
    assert!(app.offset > offset_before);
    let row = app.view.event_row[app.selected] as usize;
    assert!(row >= app.offset && row < app.offset + h);
}

#[test]
fn the_first_event_of_a_year_shows_its_heading() {
    let mut app = app_with(small(), 80, 12);
    run(&mut app, &[Last, First]);
    assert_eq!(app.offset, 0);
    run(&mut app, &[Last]);
    // ru-2021 is alone in 2021: its heading is the row before it, in view.
    let row = app.view.event_row[app.selected] as usize;
    assert!(app.offset < row);
}

#[test]
fn tab_focuses_details_where_keys_scroll() {
    let mut app = app_with(small(), 80, 24);
    run(&mut app, &[Count(1), Down, ToggleFocus]);
    assert_eq!(app.focus, Focus::Details);
    assert!(app.details_lines.len() > app.areas.details_body.height as usize);
    run(&mut app, &[Down, Down]);
    assert_eq!(app.details_scroll, 2);
    assert_eq!(app.selected, 1, "the selection did not move");
    run(&mut app, &[Last]);
    let max = app.details_lines.len() - app.areas.details_body.height as usize;
    assert_eq!(app.details_scroll, max);
    run(&mut app, &[PageUp, First]);
    assert_eq!(app.details_scroll, 0);
    assert_eq!(
        run(&mut app, &[Quit]),
        [],
        "q leaves the details pane first"
    );
    assert_eq!(app.focus, Focus::Timeline);
    run(&mut app, &[ToggleFocus, Back]);
    assert_eq!(app.focus, Focus::Timeline);
    // A new selection starts the details at the top.
    run(&mut app, &[ToggleFocus, Down, ToggleFocus, Down]);
    assert_eq!(app.details_scroll, 0);
}

#[test]
fn q_quits_from_the_timeline_and_ctrl_c_from_anywhere() {
    let mut app = app();
    assert_eq!(app.update(Quit), [Effect::Quit]);
    for setup in [
        vec![],
        vec![SearchStart],
        vec![FilterOpen],
        vec![Open],
        vec![Help],
        vec![Open, Help],
    ] {
        let mut app = app_with(small(), 80, 24);
        assert_eq!(run(&mut app, &setup), [], "{setup:?}");
        assert_eq!(app.update(ForceQuit), [Effect::Quit], "{setup:?}");
    }
}

#[test]
fn ctrl_z_asks_the_loop_to_suspend_and_keeps_the_state() {
    for setup in [
        vec![],
        vec![SearchStart, SearchChar('h')],
        vec![FilterOpen, Down],
        vec![Open],
        vec![Help],
    ] {
        let mut app = app_with(small(), 80, 24);
        run(&mut app, &setup);
        let moved = run(&mut app, &[Down]);
        assert!(!moved.contains(&Effect::Suspend));
        let (mode, selected, query) = (app.mode, app.selected, app.search.query.clone());
        assert_eq!(run(&mut app, &[Suspend]), [Effect::Suspend], "{setup:?}");
        assert_eq!(app.mode, mode, "{setup:?}");
        assert_eq!(app.selected, selected, "{setup:?}");
        assert_eq!(app.search.query, query, "{setup:?}");
    }
}

#[test]
fn search_jumps_to_matches_incrementally() {
    let mut app = app();
    run(&mut app, &[SearchStart]);
    assert_eq!(app.mode, Mode::Search);
    run(&mut app, &chars("first"));
    // The title of call-2015 and a quote of open-2015.
    assert_eq!(app.search.matches.len(), 2);
    assert_eq!(id(&app), "call-2015");
    run(&mut app, &[SearchBackspace; 5]);
    run(&mut app, &chars("their first"));
    assert_eq!(id(&app), "open-2015", "quote text matches");
    assert_eq!(app.search.matches.len(), 1);
    run(&mut app, &[SearchAccept]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.search.query, "their first");
    run(&mut app, &[Back]);
    assert!(!app.search.is_active());
    assert_eq!(app.status.as_deref(), Some("Search cleared"));
}

/// The app with every search that reads texts asked of a worker (as at a
/// million events, once the search marks are made), in the search prompt.
fn app_searching_on_a_worker() -> App {
    let mut app = app();
    app.search.sync_below = 0;
    crate::query::search::marks(&app.data);
    run(&mut app, &[SearchStart]);
    app
}

/// The one search request among `effects`.
fn request(effects: &[Effect]) -> incremental_search::SearchRequest {
    match effects {
        [Effect::Search(r)] => r.clone(),
        other => panic!("expected one search request, got {other:?}"),
    }
}

/// What the worker answers to `r`.
fn answer(app: &App, r: &incremental_search::SearchRequest) -> Msg {
    let result = incremental_search::find(&app.data, r, &|| false).unwrap();
    Msg::Searched(result)
}

/// The matches of a search for `query` made at once, from nothing.
fn fresh_matches(app: &App, query: &str) -> Vec<u32> {
    let mut s = incremental_search::Search::default();
    s.query = query.into();
    s.recompute(&app.data, &app.view.events);
    assert!(!s.is_searching());
    s.matches
}

#[test]
fn a_keystroke_that_reads_texts_asks_a_worker_and_its_answer_applies() {
    let mut app = app_searching_on_a_worker();
    // One letter: the marks decide, at once, even so.
    assert_eq!(run(&mut app, &chars("f")), []);
    assert!(!app.search.is_searching());
    let after_f = app.search.matches.clone();
    assert_eq!(after_f, fresh_matches(&app, "f"));
    let at_f = app.selected;
    // The second reads the texts of the events "f" found: a request, the
    // query shown at once, the results of "f" kept until the answer.
    let r = request(&app.update(SearchChar('i')));
    assert_eq!(r.query, "fi");
    assert_eq!(r.within.as_ref().map(|w| w.query.as_str()), Some("f"));
    assert!(app.search.is_searching());
    assert_eq!(app.search.query, "fi");
    assert_eq!(app.search.matches, after_f);
    assert_eq!(app.selected, at_f);
    let header = crate::ui::status::header_text(&app);
    assert!(header.ends_with("/fi searching…"), "{header}");
    // The answer: the matches a search made at once finds, and the first
    // from where the search started selected.
    assert_eq!(app.update(answer(&app, &r)), []);
    assert!(!app.search.is_searching());
    assert_eq!(app.search.matches, fresh_matches(&app, "fi"));
    let first = app.search.next_from(app.search.origin, true, true);
    assert_eq!(Some(app.selected), first);
    let header = crate::ui::status::header_text(&app);
    assert!(header.contains("/fi 1/"), "{header}");
    // Backspace takes back what "f" found, with no request.
    assert_eq!(run(&mut app, &[SearchBackspace]), []);
    assert_eq!(app.search.matches, after_f);
    assert!(!app.search.is_searching());
}

#[test]
fn an_answer_to_a_superseded_request_is_dropped() {
    let mut app = app_searching_on_a_worker();
    run(&mut app, &chars("f"));
    let fi = request(&app.update(SearchChar('i')));
    let fir = request(&app.update(SearchChar('r')));
    assert!(fir.id > fi.id);
    // "fir" refines "f", whose results are those shown: it tests those.
    assert_eq!(fir.within.as_ref().map(|w| w.query.as_str()), Some("f"));
    let shown = app.search.matches.clone();
    app.update(answer(&app, &fi));
    assert!(
        app.search.is_searching(),
        "the answer for \"fi\" is dropped"
    );
    assert_eq!(app.search.matches, shown);
    app.update(answer(&app, &fir));
    assert!(!app.search.is_searching());
    assert_eq!(app.search.matches, fresh_matches(&app, "fir"));

    // Backspace to a query whose results are kept: the request under way
    // is superseded without a new one.
    let firs = request(&app.update(SearchChar('s')));
    assert_eq!(run(&mut app, &[SearchBackspace]), []);
    assert!(!app.search.is_searching());
    app.update(answer(&app, &firs));
    assert_eq!(app.search.query, "fir");
    assert_eq!(app.search.matches, fresh_matches(&app, "fir"));

    // Esc, or a new search, drops the answer too.
    let r = request(&app.update(SearchChar('s')));
    run(&mut app, &[Back]);
    app.update(answer(&app, &r));
    assert!(!app.search.is_active() && app.search.matches.is_empty());
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("f"));
    let r = request(&app.update(SearchChar('i')));
    run(&mut app, &[Back, SearchStart]);
    app.update(answer(&app, &r));
    assert!(!app.search.is_active() && app.search.matches.is_empty());

    // A reload while a search runs asks again over the new data.
    run(&mut app, &chars("f"));
    let old = request(&app.update(SearchChar('i')));
    let effects = app.update(Msg::Loaded(Ok((small(), None))));
    let new = request(&effects);
    assert_eq!((new.query.as_str(), new.within.is_none()), ("fi", true));
    app.update(answer(&app, &old));
    assert!(
        app.search.is_searching(),
        "the old data's answer is dropped"
    );
    app.update(answer(&app, &new));
    assert_eq!(app.search.matches, fresh_matches(&app, "fi"));
}

#[test]
fn n_waits_for_the_answer_then_counts_its_matches() {
    let mut app = app_searching_on_a_worker();
    run(&mut app, &chars("f"));
    let r = request(&app.update(SearchChar('i')));
    // Enter keeps the query; n before the answer says it is searching and
    // leaves the selection.
    run(&mut app, &[SearchAccept]);
    assert_eq!(app.mode, Mode::Normal);
    let at = app.selected;
    run(&mut app, &[SearchNext]);
    assert_eq!(app.selected, at);
    assert_eq!(app.status.as_deref(), Some("Searching for \"fi\"…"));
    // The answer selects the first match (the selection had not moved).
    app.update(answer(&app, &r));
    let matches = fresh_matches(&app, "fi");
    assert!(matches.len() >= 2, "{matches:?}");
    assert_eq!(app.selected, matches[0] as usize);
    run(&mut app, &[SearchNext]);
    assert_eq!(app.selected, matches[1] as usize);
    let n = matches.len();
    assert_eq!(
        app.status.as_deref(),
        Some(format!("Match 2 of {n} for \"fi\"").as_str())
    );
    run(&mut app, &[SearchPrev, SearchPrev]);
    assert_eq!(app.selected, matches[n - 1] as usize);
    assert_eq!(
        app.status.as_deref(),
        Some(format!("Match {n} of {n} for \"fi\"").as_str())
    );
}

#[test]
fn an_answer_leaves_a_selection_moved_while_it_was_searched() {
    let mut app = app_searching_on_a_worker();
    run(&mut app, &chars("f"));
    let r = request(&app.update(SearchChar('i')));
    run(&mut app, &[SearchAccept, Last]);
    let last = app.selected;
    app.update(answer(&app, &r));
    assert_eq!(app.selected, last);
    assert_eq!(app.search.matches, fresh_matches(&app, "fi"));
    // With no match, Enter before the answer: the answer says so.
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("z"));
    let r = request(&app.update(SearchChar('q')));
    run(&mut app, &[SearchAccept]);
    app.update(answer(&app, &r));
    assert!(app.search.matches.is_empty());
    assert_eq!(app.status.as_deref(), Some("No match for \"zq\""));
}

#[test]
fn export_waits_for_the_search_to_answer() {
    let mut app = app_searching_on_a_worker();
    run(&mut app, &chars("f"));
    let r = request(&app.update(SearchChar('i')));
    run(&mut app, &[SearchAccept, ExportStart]);
    assert_eq!(app.mode, Mode::Export);
    assert_eq!(run(&mut app, &[SearchAccept]), []);
    assert_eq!(app.mode, Mode::Export, "the prompt stays open");
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("Still searching")
    );
    app.update(answer(&app, &r));
    let effects = run(&mut app, &[SearchAccept]);
    let [Effect::Export(e)] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(e.events.len(), fresh_matches(&app, "fi").len());
}

#[test]
fn search_finds_people_by_alias_with_smart_case() {
    let mut app = app();
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("min-koo"));
    // Han Min-goo is spelled Han Min-koo in the article: both his events.
    let ids: Vec<&str> = app
        .search
        .matches
        .iter()
        .map(|&p| {
            app.data.events()[app.view.events[p as usize] as usize]
                .id
                .as_str()
        })
        .collect();
    assert_eq!(ids, ["call-2015", "open-2015"]);
    run(&mut app, &[SearchAccept, SearchNext]);
    assert_eq!(id(&app), "open-2015");
    run(&mut app, &[SearchNext]);
    assert_eq!(id(&app), "call-2015", "n wraps round");
    run(&mut app, &[SearchPrev]);
    assert_eq!(id(&app), "open-2015");
    // Capitals make it case-sensitive.
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("MIN-KOO"));
    assert!(app.search.matches.is_empty());
    run(&mut app, &[SearchAccept]);
    assert_eq!(app.status.as_deref(), Some("No match for \"MIN-KOO\""));
}

#[test]
fn a_counted_n_steps_that_many_matches_round_the_list() {
    let mut app = app();
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("min-koo"));
    run(&mut app, &[SearchAccept]);
    assert_eq!(id(&app), "call-2015");
    // Two matches: 3n is one step round, 4n two.
    run(&mut app, &[Count(3), SearchNext]);
    assert_eq!(id(&app), "open-2015");
    run(&mut app, &[Count(4), SearchNext]);
    assert_eq!(id(&app), "open-2015");
    run(
        &mut app,
        &[Count(9), Count(9), Count(9), Count(9), Count(9), SearchPrev],
    );
    assert_eq!(id(&app), "call-2015", "99999N is odd: one step back");
    assert_eq!(app.status.as_deref(), Some("Match 1 of 2 for \"min-koo\""));
}

#[test]
fn search_covers_places_and_wide_characters() {
    let mut app = app();
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("서울"));
    assert_eq!(id(&app), "summit-2014");
    run(&mut app, &[SearchBackspace, SearchBackspace]);
    assert!(!app.search.is_active());
    assert_eq!(
        app.selected, 0,
        "an empty query returns to where it started"
    );
    run(&mut app, &chars("zzz"));
    assert!(app.search.matches.is_empty());
    run(&mut app, &[SearchNext, Back]);
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.search.is_active());
    run(&mut app, &[SearchNext]);
    assert!(app.status.as_deref().unwrap().starts_with("No search"));
}

#[test]
fn narrowing_search_equals_a_fresh_one() {
    let mut app = app();
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("hotline"));
    let narrowed = app.search.matches.clone();
    let mut fresh = app.search.clone();
    fresh.recompute(&app.data, &app.view.events);
    assert_eq!(narrowed, fresh.matches);
    assert!(narrowed.len() >= 4);
}

#[test]
fn filters_narrow_the_view_and_keep_the_selection() {
    let mut app = app();
    run(&mut app, &[Count(5), Down]);
    assert_eq!(id(&app), "call-2015");
    run(&mut app, &[FilterOpen]);
    assert_eq!(app.mode, Mode::Filter);
    // The cursor starts on "meeting".
    run(&mut app, &[FilterToggle]);
    assert_eq!(app.view.len(), 3);
    assert_eq!(id(&app), "call-2015", "the selected event is kept");
    run(&mut app, &[Back]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.filter.describe(), "kind meeting");
    run(&mut app, &[FilterClear]);
    assert_eq!(app.view.len(), 8);
    assert_eq!(id(&app), "call-2015");
    assert_eq!(app.status.as_deref(), Some("Filters cleared"));
}

#[test]
fn a_disputed_event_shows_where_sources_disagree_with_each_reading() {
    // Wide enough for the milestone to stay on one line.
    let mut app = app_with(small(), 160, 40);
    run(&mut app, &[Down]);
    assert_eq!(id(&app), "agree-2012");
    let text = details_text(&app);
    let heading = text
        .iter()
        .position(|l| l == "Sources disagree: Agreed in 2012 or in 2015?")
        .expect("dispute heading");
    // Below the heading (the event quotes the same sentence above it).
    let at = |s: &str| {
        let after = text[heading..].iter().position(|l| l.contains(s));
        after.map(|k| heading + k)
    };
    let first = at("South Korea and China agreed on Tuesday").expect("first reading's quote");
    let herald = at("— The Korea Herald").expect("first reading's publisher");
    let ours = at("Reading: The hotline was agreed in 2012.").expect("first reading");
    let second = at("The hotline was agreed in 2015").expect("second reading's quote");
    let joongang = at("— Korea JoongAng Daily").expect("second reading's publisher");
    assert!(heading < first && first < herald && herald < ours && ours < second);
    assert!(second < joongang);
    assert!(
        text.iter()
            .any(|l| l == "Milestone: Seoul–Beijing defense hotline · agreed")
    );
    // An event in no dispute and no line says nothing of either.
    run(&mut app, &[Down]);
    assert_eq!(id(&app), "announce-2012");
    let text = details_text(&app);
    assert!(
        !text
            .iter()
            .any(|l| l.contains("Sources disagree") || l.contains("Milestone"))
    );
}

#[test]
fn the_disputed_item_of_the_filter_menu_keeps_the_disputed_events() {
    let mut app = app();
    run(&mut app, &[FilterOpen]);
    app.filter_cursor = app
        .filter_items
        .iter()
        .position(|i| *i == FilterItem::Disputed)
        .expect("the fixture has a dispute, so the menu offers the item");
    run(&mut app, &[FilterToggle]);
    let ids: Vec<&str> = app
        .view
        .events
        .iter()
        .map(|&i| app.data.events()[i as usize].id.as_str())
        .collect();
    assert_eq!(ids, ["agree-2012", "open-2015"]);
    assert_eq!(app.filter.describe(), "disputed");
}

#[test]
fn a_filter_taken_off_again_returns_to_the_event_it_hid() {
    let mut app = app();
    run(&mut app, &[Count(5), Down]);
    assert_eq!(id(&app), "call-2015");
    let at =
        |app: &App, item: &FilterItem| app.filter_items.iter().position(|i| i == item).unwrap();
    run(&mut app, &[FilterOpen]);
    // Agreements only: the meeting is hidden, the next agreement selected.
    app.filter_cursor = at(&app, &FilterItem::Kind(crate::model::Kind::Agreement));
    run(&mut app, &[FilterToggle]);
    let shown_instead = id(&app).to_string();
    assert_ne!(shown_instead, "call-2015");
    // Off again: back on the meeting, not on the agreement shown meanwhile.
    run(&mut app, &[FilterToggle]);
    assert_eq!(id(&app), "call-2015");
    // A move made while filtered is a new choice, and is kept.
    run(&mut app, &[FilterToggle, Back, First]);
    let chosen = id(&app).to_string();
    run(&mut app, &[FilterClear]);
    assert_eq!(id(&app), chosen);
}

#[test]
fn a_filter_hiding_every_later_event_selects_the_last_shown() {
    let mut app = app();
    run(&mut app, &[Last]);
    let at =
        |app: &App, item: &FilterItem| app.filter_items.iter().position(|i| i == item).unwrap();
    run(&mut app, &[FilterOpen]);
    app.filter_cursor = at(&app, &FilterItem::Kind(crate::model::Kind::Meeting));
    run(&mut app, &[FilterToggle]);
    assert!(!app.view.is_empty());
    assert_eq!(app.selected, app.view.len() - 1);
    assert!(app.selected_event().is_some());
}

#[test]
fn country_pair_and_basis_filters() {
    let mut app = app();
    let at =
        |app: &App, item: &FilterItem| app.filter_items.iter().position(|i| i == item).unwrap();
    run(&mut app, &[FilterOpen]);
    app.filter_cursor = at(&app, &FilterItem::Country("RU".into()));
    run(&mut app, &[FilterToggle]);
    assert_eq!(app.view.len(), 1);
    assert_eq!(id(&app), "ru-2021");
    app.filter_cursor = at(&app, &FilterItem::Country("KR".into()));
    run(&mut app, &[FilterToggle]);
    assert_eq!(app.view.len(), 1, "KR and RU together: the pair");
    app.filter_cursor = at(&app, &FilterItem::Basis(crate::model::DateBasis::Derived));
    run(&mut app, &[FilterToggle]);
    assert!(app.view.is_empty(), "no derived KR-RU event");
    assert_eq!(app.selected_event(), None);
    run(&mut app, &[FilterClear]);
    assert_eq!(app.view.len(), 8);
    run(&mut app, &[Last]);
    assert_eq!(app.filter_cursor, app.filter_items.len() - 1);
    run(&mut app, &[First, Down, PageDown, PageUp, Up]);
    assert_eq!(app.filter_cursor, 0);
}

#[test]
fn search_follows_the_filter() {
    let mut app = app();
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("hotline"));
    run(&mut app, &[SearchAccept]);
    let all = app.search.matches.len();
    run(&mut app, &[FilterOpen, FilterToggle, Back]);
    assert!(app.search.matches.len() < all);
    for &m in &app.search.matches {
        assert!((m as usize) < app.view.len());
    }
    // The filter change placed the same matches a fresh search finds.
    let fresh = |app: &App| {
        let mut s = app.search.clone();
        s.recompute(&app.data, &app.view.events);
        s.matches
    };
    assert_eq!(app.search.matches, fresh(&app));
    // A narrower query with the filter on, then the filter off again.
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("hot"));
    run(&mut app, &[SearchAccept, FilterOpen, Down, FilterToggle]);
    assert_eq!(app.search.matches, fresh(&app));
    run(&mut app, &[Up, FilterToggle, Back]);
    assert_eq!(app.search.matches, fresh(&app));
    assert!(!app.search.matches.is_empty());
}

#[test]
fn thread_steps() {
    let mut app = app();
    run(&mut app, &[ThreadNext]);
    // Thread order is date order: talks, agree (before 31 Jul), announce...
    assert_eq!(id(&app), "agree-2012");
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("Thread event 2 of")
    );
    run(&mut app, &[Count(2), ThreadNext]);
    assert_eq!(id(&app), "call-2015");
    run(&mut app, &[ThreadPrev]);
    assert_eq!(id(&app), "announce-2012");
    run(&mut app, &[First, ThreadPrev]);
    assert_eq!(
        app.status.as_deref(),
        Some("This is the first event of its thread")
    );
    run(&mut app, &[Count(4), Down]);
    assert_eq!(id(&app), "summit-2014");
    run(&mut app, &[ThreadNext]);
    assert_eq!(
        app.status.as_deref(),
        Some("This event belongs to no thread")
    );
}

#[test]
fn thread_steps_skip_events_the_filter_hides() {
    let mut app = app();
    // Meetings only: talks-2011, summit-2014, call-2015.
    run(&mut app, &[FilterOpen, FilterToggle, Back]);
    run(&mut app, &[ThreadNext]);
    assert_eq!(id(&app), "call-2015");
    run(&mut app, &[ThreadNext]);
    assert_eq!(
        app.status.as_deref(),
        Some("The filter hides the later events of this thread")
    );
    assert_eq!(id(&app), "call-2015");
}

#[test]
fn reader_opens_on_the_quote_and_returns() {
    let mut app = app_with(small(), 80, 24);
    run(&mut app, &[Down]);
    assert_eq!(id(&app), "agree-2012");
    run(&mut app, &[Open]);
    assert_eq!(app.mode, Mode::Reader);
    let r = app.reader.clone().unwrap();
    let h = app.areas.reader_body.height as usize;
    let q = r.quote_lines(&app.data);
    assert!(!q.is_empty());
    assert!(
        q.start >= r.scroll && q.start < r.scroll + h,
        "{q:?} {}",
        r.scroll
    );
    // The second quote is near the end of the article.
    run(&mut app, &[NextQuote]);
    let r2 = app.reader.clone().unwrap();
    assert_eq!(r2.quote, 1);
    let q2 = r2.quote_lines(&app.data);
    assert!(q2.start > q.start);
    assert!(q2.start >= r2.scroll && q2.end <= r2.scroll + h);
    assert_eq!(app.status.as_deref(), Some("Quote 2 of 2"));
    run(&mut app, &[NextQuote]);
    assert_eq!(app.reader.as_ref().unwrap().quote, 0, "cycles round");
    run(&mut app, &[PrevQuote]);
    assert_eq!(app.reader.as_ref().unwrap().quote, 1);
    run(&mut app, &[First]);
    assert_eq!(app.reader.as_ref().unwrap().scroll, 0);
    run(&mut app, &[Down, Count(3), Down, Up]);
    assert_eq!(app.reader.as_ref().unwrap().scroll, 3);
    run(&mut app, &[Last, PageUp, PageDown]);
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.scroll, r.lines.len() - h);
    run(&mut app, &[Back]);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.reader.is_none());
    assert_eq!(id(&app), "agree-2012", "back where we were");
    assert_eq!(run(&mut app, &[Open, Quit]), []);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn reader_cycles_across_sources_and_rewraps_on_resize() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[Last, Up, Open]);
    assert_eq!(id(&app), "open-2015");
    assert_eq!(
        app.reader.as_ref().unwrap().source(&app.data).unwrap().id,
        "joongang"
    );
    run(&mut app, &[NextQuote]);
    assert_eq!(
        app.reader.as_ref().unwrap().source(&app.data).unwrap().id,
        "herald"
    );
    let wide = app.reader.as_ref().unwrap().lines.len();
    app.update(Msg::Resize(40, 12));
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.width, app.areas.reader_body.width as usize);
    assert!(r.lines.len() > wide);
}

#[test]
fn y_copies_a_citation() {
    let mut app = app();
    assert_eq!(
        app.update(Copy),
        [Effect::Copy(
            "\"held talks in Beijing in 2011, where they agreed to discuss logistics support\" — The Korea Herald, \"Seoul and Beijing to set up defense hotline\", 31 Jul 2012".into()
        )]
    );
    assert_eq!(app.status.as_deref(), Some("Citation copied"));
    // In the reader, the quote shown is the one copied.
    let effects = run(&mut app, &[Last, Up, Open, NextQuote, Copy]);
    let [Effect::Copy(c)] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert!(
        c.starts_with("\"South Korea and China agreed on Tuesday"),
        "{c}"
    );
    // Back in the timeline, y still cites the quote last read.
    assert_eq!(run(&mut app, &[Back, Copy]), [Effect::Copy(c.clone())]);
}

#[test]
fn help_opens_over_the_mode_and_returns_to_it() {
    let mut app = app_with(small(), 80, 24);
    run(&mut app, &[Help]);
    assert_eq!(app.mode, Mode::Help);
    assert!(app.help_lines.len() > app.areas.popup_body.height as usize);
    run(&mut app, &[Down, Count(2), Down]);
    assert_eq!(app.help_scroll, 3);
    run(&mut app, &[Last]);
    assert_eq!(
        app.help_scroll,
        app.help_lines.len() - app.areas.popup_body.height as usize
    );
    run(&mut app, &[PageUp, First, Back]);
    assert_eq!(app.mode, Mode::Normal);
    run(&mut app, &[Open, Help]);
    assert_eq!(app.mode, Mode::Help);
    run(&mut app, &[Quit]);
    assert_eq!(app.mode, Mode::Reader);
    run(&mut app, &[Help, Help]);
    assert_eq!(app.mode, Mode::Reader);
}

#[test]
fn mouse_clicks_select_and_focus_and_the_wheel_scrolls() {
    let mut app = app();
    let list = app.areas.timeline_list;
    // Row 0 is the 2011 heading, row 1 talks-2011, row 2 the 2012 heading,
    // row 3 agree-2012 ("before 31 Jul" sorts before "31 Jul").
    run(
        &mut app,
        &[Click {
            col: list.x + 3,
            row: list.y + 3,
        }],
    );
    assert_eq!(id(&app), "agree-2012");
    run(
        &mut app,
        &[Click {
            col: list.x + 3,
            row: list.y + 2,
        }],
    );
    assert_eq!(id(&app), "agree-2012", "a heading selects nothing");
    let d = app.areas.details_body;
    run(&mut app, &[Click { col: d.x, row: d.y }]);
    assert_eq!(app.focus, Focus::Details);
    run(
        &mut app,
        &[Wheel {
            col: list.x,
            row: list.y,
            down: true,
        }],
    );
    assert_eq!(app.selected, 4);
    run(
        &mut app,
        &[Wheel {
            col: list.x,
            row: list.y,
            down: false,
        }],
    );
    assert_eq!(app.selected, 1);
    let mut app = app_with(small(), 80, 24);
    let d = app.areas.details_body;
    run(
        &mut app,
        &[Wheel {
            col: d.x,
            row: d.y,
            down: true,
        }],
    );
    assert_eq!(app.details_scroll, 3);
    assert_eq!(app.focus, Focus::Timeline, "the wheel does not move focus");
    run(&mut app, &[Click { col: 0, row: 0 }]);
    assert_eq!(app.focus, Focus::Timeline);
}

#[test]
fn narrow_short_terminals_show_the_focused_pane() {
    let mut app = app_with(small(), 60, 12);
    assert!(!app.areas.timeline.is_empty());
    assert!(app.areas.details.is_empty());
    run(&mut app, &[ToggleFocus]);
    assert!(app.areas.timeline.is_empty());
    assert!(!app.areas.details.is_empty());
}

/// Every action, from every mode, on a dataset, a filtered-out view and an
/// empty dataset: nothing panics and the mode ends up sensible.
#[test]
fn every_action_from_every_mode() {
    let actions = [
        Down,
        Up,
        PageDown,
        PageUp,
        First,
        Last,
        Count(3),
        ToggleFocus,
        Open,
        SearchStart,
        SearchChar('k'),
        SearchBackspace,
        SearchAccept,
        SearchNext,
        SearchPrev,
        FilterOpen,
        FilterToggle,
        FilterClear,
        ThreadPrev,
        ThreadNext,
        NextQuote,
        PrevQuote,
        Copy,
        Edit,
        Help,
        Back,
        Quit,
        ForceQuit,
        Suspend,
        GotoStart,
        ExportStart,
        ExportFormatNext,
        ExportClear,
        Click { col: 5, row: 5 },
        Wheel {
            col: 5,
            row: 5,
            down: true,
        },
        Wheel {
            col: 70,
            row: 20,
            down: false,
        },
        AxisOpen,
        Left,
        Right,
        ZoomIn,
        ZoomOut,
        Lanes,
    ];
    let setups: [&[Action]; 10] = [
        &[],
        &[SearchStart],
        &[FilterOpen],
        &[Open],
        &[Help],
        &[Open, Help],
        &[GotoStart],
        &[ExportStart],
        &[AxisOpen],
        &[AxisOpen, Help],
    ];
    for data in ["small", "filtered-out", "empty"] {
        for setup in setups {
            for a in actions {
                let d = if data == "empty" { empty() } else { small() };
                let mut app = app_with(d, 80, 24);
                if data == "filtered-out" {
                    app.filter.parties = vec!["RU".into(), "CN".into()];
                    run(&mut app, &[FilterOpen, Back]);
                    app.update(FilterClear);
                    app.filter.parties = vec!["RU".into(), "CN".into()];
                    app.update(FilterOpen);
                    app.update(FilterToggle);
                    app.update(FilterToggle);
                    app.update(Back);
                    assert!(app.view.is_empty(), "{data}");
                }
                run(&mut app, setup);
                let before = app.mode;
                let effects = app.update(a);
                let ctx = format!("{data} {setup:?} then {a:?}: {:?}", app.mode);
                if app.view.is_empty() {
                    assert!(app.reader.is_none() || app.mode != Mode::Reader, "{ctx}");
                    assert_eq!(app.selected, 0, "{ctx}");
                } else {
                    assert!(app.selected < app.view.len(), "{ctx}");
                }
                assert_eq!(
                    app.reader.is_some(),
                    app.mode == Mode::Reader
                        || app.help_return == Mode::Reader && app.mode == Mode::Help,
                    "{ctx}"
                );
                match a {
                    ForceQuit => assert_eq!(effects, [Effect::Quit], "{ctx}"),
                    Suspend => {
                        assert_eq!(effects, [Effect::Suspend], "{ctx}");
                        assert_eq!(app.mode, before, "{ctx}");
                    }
                    Back if before != Mode::Normal => assert_ne!(app.mode, before, "{ctx}"),
                    // In the typing modes q is a character, never Quit.
                    Quit if !matches!(
                        before,
                        Mode::Normal | Mode::Search | Mode::Goto | Mode::Export
                    ) =>
                    {
                        assert_ne!(app.mode, before, "{ctx}")
                    }
                    _ => {}
                }
            }
        }
    }
}

#[test]
fn empty_dataset_says_so() {
    let mut app = app_with(empty(), 80, 24);
    run(&mut app, &[Open]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.status.as_deref(), Some("No event to read"));
    assert_eq!(run(&mut app, &[Copy]), []);
    assert_eq!(app.status.as_deref(), Some("Nothing to copy"));
}

#[test]
fn the_date_column_fits_the_widest_date_anywhere_in_the_view() {
    // 12,000 events dated by a year, then one, sorted last, whose date
    // is the widest: no sample of the first events would see it.
    let event = |i: usize, date: &str| {
        format!(
            r#"{{"id": "e{i}", "title": "t", "summary": "s", "kind": "{kind}", "date": "{date}", "date_basis": "stated", "quotes": [{{"source": "s", "text": "text"}}]}}"#,
            kind = if date.starts_with("..") {
                "meeting"
            } else {
                "plan"
            }
        )
    };
    let mut events: Vec<String> = (0..12_000).map(|i| event(i, "2015")).collect();
    events.push(event(12_000, "../2016-12-31"));
    let json = format!(
        r#"{{"title": "t", "description": "d", "countries": {{}}, "sources": [{{"id": "s", "file": "s.txt", "publisher": "p", "headline": "h", "published": null, "published_basis": null, "byline": null, "url": null, "note": null}}], "people": [], "threads": [], "events": [{}]}}"#,
        events.join(",")
    );
    let read = |_: &str| Ok("text".to_string());
    let data = Dataset::parse(&json, crate::model::Origin::Embedded, &read).unwrap();
    assert_eq!(
        data.events().last().unwrap().date().display(),
        "before 31 Dec 2016"
    );
    let mut app = app_with(data, 120, 40);
    // "≤31 Dec 2016", the compact form.
    assert_eq!(app.view.date_width, 12);
    // A filter that hides it narrows the column to the years shown.
    app.filter.kinds = vec![crate::model::Kind::Plan];
    app.refilter();
    assert_eq!(app.view.len(), 12_000);
    assert_eq!(app.view.date_width, 4);
}

#[test]
fn a_resize_to_nothing_and_back_keeps_the_selection_in_view() {
    let mut app = app_with(small(), 20, 6);
    let h = app.areas.timeline_list.height as usize;
    assert!(h > 0 && h < 4, "{h}");
    run(&mut app, &[Last]);
    assert!(app.offset > 0);
    app.update(Msg::Resize(0, 0));
    assert!(app.areas.too_small);
    assert!(app.details_lines.is_empty() && app.help_lines.is_empty());
    assert_eq!(app.update(Msg::Resize(120, 40)), []);
    let list = app.areas.timeline_list.height as usize;
    assert!(list >= app.view.rows.len(), "{list}");
    // All thirteen rows fit: the list starts at the top, not where the
    // short terminal had scrolled to.
    assert_eq!(app.offset, 0);
    let row = app.view.event_row[app.selected] as usize;
    assert!(row >= app.offset && row < app.offset + list);
    assert_eq!(id(&app), "ru-2021");
    // The details pane was laid out for the new width.
    assert!(!app.details_lines.is_empty());
    let w = app.areas.details_body.width as usize;
    assert!(
        app.details_lines
            .iter()
            .all(|l| l.to_string().chars().count() <= w)
    );
    assert!(
        details_flat(&app).starts_with(app.selected_event().unwrap().title.as_str()),
        "{}",
        details_flat(&app)
    );
}

#[test]
fn a_shrinking_terminal_scrolls_the_selection_into_view() {
    let mut app = app_with(small(), 120, 40);
    run(&mut app, &[Last]);
    assert_eq!(app.offset, 0);
    app.update(Msg::Resize(60, 10));
    let h = app.areas.timeline_list.height as usize;
    let row = app.view.event_row[app.selected] as usize;
    assert!(
        row >= app.offset && row < app.offset + h,
        "{row} {}",
        app.offset
    );
}

#[test]
fn state_before_any_resize_is_too_small_and_lays_out_nothing() {
    let app = App::new(small());
    assert!(app.areas.too_small);
    assert!(app.details_lines.is_empty());
    assert_eq!(app.offset, 0);
}

#[test]
fn a_failed_load_keeps_the_old_data_and_records_the_problems() {
    let mut app = app();
    run(&mut app, &[Count(2), Down]);
    let before = id(&app).to_string();
    let problem = Problem {
        file: "events.json".into(),
        line: 3,
        column: 7,
        path: "$.events[2].date".into(),
        message: "not a date".into(),
    };
    let effects = app.update(Msg::Loaded(Err(LoadError::Invalid(vec![problem.clone()]))));
    assert_eq!(effects, []);
    assert_eq!(app.data.events().len(), 8);
    assert_eq!(id(&app), before);
    assert_eq!(app.problems, [problem]);
    assert!(
        app.problem_status()
            .unwrap()
            .contains("3:7: $.events[2].date: not a date")
    );
    // The help overlay lists the problem above the keys.
    app.update(Help);
    assert!(app.help_lines[0].to_string().contains("1 problem"));
    // A good load again clears them and takes the new data.
    app.update(Back);
    app.update(Msg::Loaded(Ok((small(), None))));
    assert!(app.problems.is_empty());
    assert_eq!(app.status.as_deref(), Some("Reloaded: 8 events"));
}

#[test]
fn an_editor_that_cannot_start_is_reported() {
    let mut app = app();
    let effects = app.update(Msg::EditorFailed {
        program: "vi".into(),
        error: "not found".into(),
    });
    assert_eq!(effects, []);
    assert_eq!(
        app.status.as_deref(),
        Some("Cannot run the editor vi: not found")
    );
}

#[test]
fn the_filter_menu_scrolls_its_cursor_into_view() {
    let mut app = app_with(small(), 60, 12);
    run(&mut app, &[FilterOpen]);
    assert_eq!(app.filter_offset, 0);
    let h = app.areas.popup_body.height as usize;
    run(&mut app, &[Last]);
    // The count line, five section headings (the fixture has a dispute,
    // so the last is "Sources"), and every item before it.
    let row = app.filter_items.len() + 5;
    assert_eq!(
        filter_menu::menu_row(&app.filter_items, app.filter_cursor),
        row
    );
    assert!(row >= h, "{row} {h}");
    assert_eq!(app.filter_offset, row + 1 - h);
    run(&mut app, &[First]);
    assert_eq!(app.filter_offset, 0);
}

/// The fixture with one change to its text, as if saved again.
fn small_edited(from: &str, to: &str) -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small");
    let text = std::fs::read_to_string(dir.join("events.json")).unwrap();
    assert!(text.contains(from), "{from}");
    let read = |f: &str| std::fs::read_to_string(dir.join(f));
    Dataset::parse(
        &text.replacen(from, to, 1),
        Origin::File(dir.join("events.json")),
        &read,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn file_of(app: &App) -> std::path::PathBuf {
    match &app.data.origin() {
        Origin::File(p) => p.clone(),
        Origin::Embedded => panic!("the fixture comes from a file"),
    }
}

#[test]
fn a_change_or_the_editor_closing_asks_for_a_load() {
    for msg in [Msg::FilesChanged, Msg::EditorClosed] {
        let mut app = app();
        assert_eq!(app.loading, Loading::Idle);
        assert_eq!(app.loading_status(), None);
        let effects = app.update(msg);
        assert_eq!(effects, [Effect::Load(file_of(&app))]);
        assert_eq!(app.loading, Loading::Running);
        assert_eq!(
            app.loading_status().as_deref(),
            Some("Reloading events.json…")
        );
        assert!(
            crate::ui::status::header_text(&app).ends_with(" │ Reloading events.json…"),
            "{}",
            crate::ui::status::header_text(&app)
        );
        app.update(Msg::Loaded(Ok((small(), None))));
        assert_eq!(app.loading, Loading::Idle);
        assert_eq!(app.loading_status(), None);
        assert!(!crate::ui::status::header_text(&app).contains("Reloading"));
    }
    // The dataset built into the program has no file to read again.
    let mut app = app_with(small_embedded(), 120, 40);
    assert_eq!(app.update(Msg::FilesChanged), []);
    assert_eq!(app.loading, Loading::Idle);
}

fn small_embedded() -> Dataset {
    small().with_origin(Origin::Embedded)
}

#[test]
fn keys_keep_working_while_a_load_runs() {
    let mut app = app();
    app.update(Msg::FilesChanged);
    run(&mut app, &[Down, Down, Help, Back]);
    assert_eq!(app.selected, 2);
    run(&mut app, &[ThreadNext]);
    assert!(app.status.is_some(), "the key set its own status");
    assert_eq!(
        app.loading_status().as_deref(),
        Some("Reloading events.json…"),
        "keys do not hide that a load runs"
    );
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("min-koo"));
    assert!(crate::ui::status::header_text(&app).contains("Reloading events.json…"));
    assert_eq!(app.loading, Loading::Running);
}

#[test]
fn a_load_keeps_the_selected_event_by_id() {
    let mut app = app();
    app.update(Msg::FilesChanged);
    let at = app.data.event_index("call-2015").unwrap();
    let pos = app.view.position(at).unwrap();
    app.select(pos);
    assert_eq!(id(&app), "call-2015");
    assert!(pos > 0);
    // The first event moves to the end: the selection moves up a place
    // and stays on the same event.
    let moved = small_edited("\"date\": \"2011\"", "\"date\": \"2016\"");
    assert_eq!(app.update(Msg::Loaded(Ok((moved, None)))), []);
    assert_eq!(id(&app), "call-2015");
    assert_eq!(app.selected, pos - 1);
    assert_eq!(app.view.len(), 8);
    assert_eq!(app.status.as_deref(), Some("Reloaded: 8 events"));
}

#[test]
fn a_failed_load_under_way_keeps_the_old_data() {
    let mut app = app();
    run(&mut app, &[Count(3), Down]);
    let before = id(&app).to_string();
    app.update(Msg::FilesChanged);
    let problem = Problem {
        file: "events.json".into(),
        line: 1,
        column: 2,
        path: "$".into(),
        message: "expected a value".into(),
    };
    let effects = app.update(Msg::Loaded(Err(LoadError::Invalid(vec![problem.clone()]))));
    assert_eq!(effects, []);
    assert_eq!(app.loading, Loading::Idle);
    assert_eq!(app.data.events().len(), 8);
    assert_eq!(id(&app), before);
    assert_eq!(app.problems, [problem]);
    assert!(
        app.problem_status()
            .unwrap()
            .contains("1:2: $: expected a value")
    );
}

#[test]
fn changes_during_a_load_give_exactly_one_more_load_after_it() {
    let mut app = app();
    let file = file_of(&app);
    assert_eq!(app.update(Msg::FilesChanged), [Effect::Load(file.clone())]);
    // Two more changes (a save, then the editor closing) while it runs:
    // nothing starts now.
    assert_eq!(app.update(Msg::FilesChanged), []);
    assert_eq!(app.update(Msg::EditorClosed), []);
    assert_eq!(app.loading, Loading::RunningThenAgain);
    // The first load read the files before the changes: its result is
    // dropped, and one more load starts.
    let stale = small_edited("Seoul's defense ministry", "Stale title");
    assert_eq!(
        app.update(Msg::Loaded(Ok((stale, None)))),
        [Effect::Load(file.clone())]
    );
    assert_eq!(app.loading, Loading::Running);
    assert!(
        app.data
            .events()
            .iter()
            .all(|e| !e.title.contains("Stale title"))
    );
    assert_eq!(app.status, None);
    // The second load's result is taken, and no further load is asked for.
    let fresh = small_edited("Seoul's defense ministry", "Fresh title");
    assert_eq!(app.update(Msg::Loaded(Ok((fresh, None)))), []);
    assert_eq!(app.loading, Loading::Idle);
    assert!(
        app.data
            .events()
            .iter()
            .any(|e| e.title.starts_with("Fresh title"))
    );
    assert_eq!(app.status.as_deref(), Some("Reloaded: 8 events"));
    assert_eq!(app.loading_status(), None);
}

/// The details pane's lines as plain text.
fn details_text(app: &App) -> Vec<String> {
    app.details_lines.iter().map(|l| l.to_string()).collect()
}

/// The details pane's text as one line, runs of spaces made one.
fn details_flat(app: &App) -> String {
    details_text(app)
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn select_id(app: &mut App, wanted: &str) {
    run(app, &[First]);
    while id(app) != wanted {
        let before = app.selected;
        run(app, &[Down]);
        assert_ne!(app.selected, before, "no event {wanted}");
    }
}

#[test]
fn a_plan_shows_expected_and_said_and_whether_it_was_met() {
    let mut app = app_with(Dataset::embedded().unwrap(), 120, 60);
    select_id(&mut app, "kr-cn-2015-h1-hotline-expected-to-open");
    let text = details_flat(&app);
    assert!(
        text.contains("Date expected H1 2015 · said 4 Feb 2015–c. 5 Feb 2015 · interval"),
        "{text}"
    );
    assert!(
        text.contains(
            "Outcome not met (later): Seoul-Beijing military hotline opens (31 Dec 2015)"
        ),
        "{text}"
    );
}

#[test]
fn r_opens_and_folds_the_date_reasoning() {
    let mut app = app();
    select_id(&mut app, "call-2015");
    let folded = details_text(&app);
    assert!(
        folded.contains(&"Reasoning … (r to read)".to_string()),
        "{folded:#?}"
    );
    assert!(!details_flat(&app).contains("outside knowledge puts"));

    run(&mut app, &[ToggleReasoning]);
    let open = details_text(&app);
    assert!(
        open.contains(&"Reasoning (r to fold)".to_string()),
        "{open:#?}"
    );
    assert!(details_flat(&app).contains("outside knowledge puts the opening"));
    assert!(
        open.len() > folded.len() + 1,
        "the text wraps below its heading"
    );

    run(&mut app, &[ToggleReasoning]);
    assert_eq!(details_text(&app), folded);
}

#[test]
fn the_reasoning_key_is_in_the_one_table() {
    let k = crate::keymap::key_for(ToggleReasoning, Mode::Normal);
    assert_eq!(k.as_deref(), Some("r"));
    let press = ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('r'),
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    assert_eq!(
        crate::keymap::map_key(&press, Mode::Normal),
        Some(ToggleReasoning)
    );
}

#[test]
fn a_resize_from_very_small_to_large_fills_the_timeline_without_blank_rows() {
    let mut app = app_with(Dataset::embedded().unwrap(), 120, 40);
    run(&mut app, &[Last]);
    for (w, h) in [(20, 6), (0, 0), (30, 8), (120, 40), (20, 6), (200, 60)] {
        app.update(Msg::Resize(w, h));
        let list = app.areas.timeline_list.height as usize;
        if list == 0 {
            continue;
        }
        let rows = app.view.rows.len();
        // The pane is full: as many laid-out rows as it has room for.
        assert_eq!(app.timeline_lines.len(), list.min(rows), "{w}x{h}");
        assert!(
            app.offset + list <= rows.max(list),
            "{w}x{h}: {}",
            app.offset
        );
        let row = app.view.event_row[app.selected] as usize;
        assert!(row >= app.offset && row < app.offset + list, "{w}x{h}");
    }
    assert_eq!(app.selected, app.view.len() - 1);
}

#[test]
fn a_filter_on_and_off_keeps_a_shown_event_selected_and_in_view() {
    let mut app = app_with(Dataset::embedded().unwrap(), 80, 24);
    select_id(&mut app, "kr-cn-2015-12-31-hotline-opens");
    let kind = app.selected_event().unwrap().kind;
    run(&mut app, &[FilterOpen]);
    app.filter_cursor = app
        .filter_items
        .iter()
        .position(|i| *i == FilterItem::Kind(kind))
        .unwrap();
    for _ in 0..2 {
        run(&mut app, &[FilterToggle]);
        assert_eq!(id(&app), "kr-cn-2015-12-31-hotline-opens");
        let row = app.view.event_row[app.selected] as usize;
        let list = app.areas.timeline_list.height as usize;
        assert!(row >= app.offset && row < app.offset + list);
    }
    assert!(app.filter.is_empty());
}

/// The timeline's laid-out rows as plain text.
fn timeline_text(app: &App) -> Vec<String> {
    app.timeline_lines.iter().map(|l| l.to_string()).collect()
}

#[test]
fn rows_mark_how_each_date_is_known_and_open_starts_head_by_their_year() {
    let app = app_with(small(), 120, 40);
    let rows = timeline_text(&app);
    let row = |needle: &str| {
        rows.iter()
            .find(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("{needle} in {rows:#?}"))
            .clone()
    };
    // Derived, open start: "≤" and "†"; under "by 2012", not "2012".
    assert!(row("agree on a defense").contains("≤31 Jul 2012† ✓ KR–CN"));
    // Sources disagree on it: marked beside the marker column.
    assert!(app.data.is_disputed(1));
    assert!(row("agree on a defense").starts_with(" ≠ ≤31 Jul 2012"));
    assert!(row("announces the hotline").starts_with("    31 Jul 2012"));
    let by = rows.iter().position(|r| r == "── by 2012").unwrap();
    assert!(rows[by + 1].contains("agree on a defense"), "{rows:#?}");
    // Stated: no mark; outside knowledge: "*".
    assert!(row("announces the hotline").contains("31 Jul 2012  » KR–CN"));
    assert!(row("Escape").contains("Aug 2012* ○ KR    "));
    // The selected row carries the marker, the others none.
    assert!(rows[1].starts_with(crate::app::timeline::MARKER));
    assert_eq!(rows.iter().filter(|r| r.contains('▶')).count(), 1);
    // Dates are right-aligned to the widest shown ("≤31 Jul 2012").
    assert_eq!(app.view.date_width, 12);
    assert!(row("talks in Beijing").contains("        2011  ↔"));
}

#[test]
fn glyphs_and_marks_take_one_column() {
    for k in crate::model::Kind::ALL {
        assert_eq!(crate::text::width(k.glyph()), 1, "{k:?}");
    }
    for b in crate::model::DateBasis::ALL {
        assert_eq!(crate::text::width(b.mark()), 1, "{b:?}");
    }
}

#[test]
fn wide_terminals_give_the_extra_columns_to_the_details() {
    let mut app = app();
    for (w, timeline, details) in [(100, 61, 39), (120, 81, 39), (144, 85, 59), (200, 85, 115)] {
        app.update(Msg::Resize(w, 40));
        assert_eq!(app.areas.timeline.width, timeline, "{w}");
        assert_eq!(app.areas.details.width, details, "{w}");
    }
}

#[test]
fn the_details_show_the_id_and_each_source_once_with_its_headline() {
    let mut app = app();
    select_id(&mut app, "agree-2012");
    let text = details_text(&app);
    assert!(text.iter().any(|l| l == "Id       agree-2012"), "{text:#?}");
    // Two quotes of one source: the brief credit under each, the
    // headline once.
    let brief = text
        .iter()
        .filter(|l| l.trim() == "— The Korea Herald, 31 Jul 2012");
    assert_eq!(brief.count(), 2, "{text:#?}");
    let flat = details_flat(&app);
    assert_eq!(
        flat.matches("Seoul and Beijing to set up defense hotline")
            .count(),
        1
    );
    // The first quote comes before the summary and the fields.
    let quote = flat.find("▸ South Korea and China").unwrap();
    assert!(quote < flat.find("The two sides agree").unwrap());
    assert!(quote < flat.find("Parties").unwrap());
}

#[test]
fn r_opens_a_long_basis_note_folded_to_one_line() {
    let mut app = app_with(small(), 60, 24);
    select_id(&mut app, "agree-2012");
    let basis = |app: &App| {
        details_text(app)
            .into_iter()
            .skip_while(|l| !l.starts_with("Basis"))
            .take_while(|l| !l.is_empty())
            .collect::<Vec<_>>()
    };
    let folded = basis(&app);
    assert_eq!(folded.len(), 1, "{folded:#?}");
    assert!(folded[0].ends_with("… (r)"), "{folded:#?}");
    run(&mut app, &[ToggleReasoning]);
    let open = basis(&app)
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(open.contains("so agreed on or before that day."), "{open}");
}

#[test]
fn a_count_moves_the_filter_menu_cursor_as_it_moves_elsewhere() {
    let mut app = app();
    run(&mut app, &[FilterOpen]);
    let press = |c| {
        crate::keymap::map_key(
            &ratatui::crossterm::event::KeyEvent::new(
                ratatui::crossterm::event::KeyCode::Char(c),
                ratatui::crossterm::event::KeyModifiers::NONE,
            ),
            Mode::Filter,
        )
        .unwrap()
    };
    run(&mut app, &[press('3'), press('j')]);
    assert_eq!(app.filter_cursor, 3);
}

/// Types `text` at the `:` prompt and presses Enter.
fn go_to(app: &mut App, text: &str) {
    app.update(GotoStart);
    assert_eq!(app.mode, Mode::Goto);
    run(app, &chars(text));
    app.update(SearchAccept);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn colon_goes_to_the_first_event_on_or_after_a_year_a_month_or_a_day() {
    let mut app = app();
    // The fixture's order: talks-2011 (2011), agree-2012 (../2012-07-31),
    // announce-2012 (2012-07-31), escape-2012 (2012-08), summit-2014
    // (2014-07), call-2015 and open-2015 (2015-12-31, the same day: by
    // id), ru-2021 (2021-11).
    go_to(&mut app, "2012");
    assert_eq!(id(&app), "agree-2012", "an open start counts from its end");
    assert_eq!(app.status, None);
    go_to(&mut app, "2012-08");
    assert_eq!(id(&app), "escape-2012");
    go_to(&mut app, "2012-08-02");
    assert_eq!(id(&app), "summit-2014", "Aug 2012 starts before the 2nd");
    go_to(&mut app, "2015-12-31");
    assert_eq!(id(&app), "call-2015");
    go_to(&mut app, "2013");
    assert_eq!(id(&app), "summit-2014", "no event in 2013: the next one");
    go_to(&mut app, "1990");
    assert_eq!(id(&app), "talks-2011", "before the first: the first");
}

#[test]
fn colon_after_the_last_event_selects_the_last_and_says_so() {
    let mut app = app();
    go_to(&mut app, "2030-01");
    assert_eq!(id(&app), "ru-2021");
    assert_eq!(
        app.status.as_deref(),
        Some("No event on or after 2030-01; the last is selected")
    );
}

#[test]
fn colon_refuses_what_is_not_a_date_and_esc_cancels() {
    let mut app = app();
    run(&mut app, &[Down, Down]);
    go_to(&mut app, "20x4");
    assert_eq!(id(&app), "announce-2012", "the selection stays");
    let status = app.status.clone().unwrap();
    assert!(status.starts_with("Not a date: \"20x4\""), "{status}");
    assert!(status.contains("2015-02-04"), "{status}");
    go_to(&mut app, "2014-13");
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("months run from 01 to 12")
    );
    go_to(&mut app, "");
    assert!(app.status.as_deref().unwrap().starts_with("Not a date"));
    // Backspace edits; Esc leaves without moving.
    run(&mut app, &[GotoStart]);
    run(&mut app, &chars("20211"));
    run(&mut app, &[SearchBackspace]);
    assert_eq!(app.goto, "2021");
    run(&mut app, &[Back]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(id(&app), "announce-2012");
    run(&mut app, &[GotoStart]);
    assert_eq!(app.goto, "", "a new prompt starts empty");
    run(&mut app, &chars("2021"));
    run(&mut app, &[SearchAccept]);
    assert_eq!(id(&app), "ru-2021");
}

#[test]
fn colon_goes_within_the_filtered_view() {
    let mut app = app();
    // Meetings only: talks-2011, summit-2014, call-2015.
    run(&mut app, &[FilterOpen, FilterToggle, Back]);
    go_to(&mut app, "2012");
    assert_eq!(id(&app), "summit-2014");
    let mut empty_view = app_with(small(), 80, 24);
    empty_view.filter.parties = vec!["RU".into(), "CN".into()];
    run(
        &mut empty_view,
        &[FilterOpen, FilterToggle, FilterToggle, Back],
    );
    assert!(empty_view.view.is_empty());
    go_to(&mut empty_view, "2012");
    assert_eq!(empty_view.status.as_deref(), Some("No event is shown"));
    assert_eq!(empty_view.selected, 0);
}

#[test]
fn a_counted_g_selects_that_event() {
    let mut app = app();
    run(&mut app, &[Count(4), Last]);
    assert_eq!(id(&app), "escape-2012");
    run(&mut app, &[Count(9), Count(9), Last]);
    assert_eq!(id(&app), "ru-2021", "past the end: the last");
}

#[test]
fn thread_keys_in_the_reader_show_the_next_event_in_its_article() {
    let mut app = app_with(small(), 80, 24);
    run(&mut app, &[Open]);
    assert_eq!(app.reader.as_ref().unwrap().event, 0);
    run(&mut app, &[ThreadNext]);
    assert_eq!(app.mode, Mode::Reader);
    assert_eq!(id(&app), "agree-2012");
    let r = app.reader.clone().unwrap();
    assert_eq!(app.data.events()[r.event].id, "agree-2012");
    assert_eq!(r.quote, 0);
    // Its quote is on screen, in its own article.
    let h = app.areas.reader_body.height as usize;
    let q = r.quote_lines(&app.data);
    assert!(!q.is_empty() && q.start >= r.scroll && q.start < r.scroll + h);
    let quote = &app.data.events()[r.event].quotes[0];
    assert_eq!(&r.text(&app.data)[quote.range()], quote.text);
    assert_eq!(app.status.as_deref(), Some("Thread event 2 of 5"));
    // A count, then back.
    run(&mut app, &[Count(2), ThreadNext]);
    assert_eq!(id(&app), "call-2015");
    assert_eq!(
        app.data.events()[app.reader.as_ref().unwrap().event].id,
        "call-2015"
    );
    run(&mut app, &[ThreadPrev]);
    assert_eq!(id(&app), "announce-2012");
    // At the end of the thread the reader stays where it is.
    run(&mut app, &[Count(9), ThreadNext]);
    assert_eq!(id(&app), "open-2015");
    let before = app.reader.clone();
    run(&mut app, &[ThreadNext]);
    assert_eq!(app.reader, before);
    assert_eq!(app.mode, Mode::Reader);
    assert_eq!(
        app.status.as_deref(),
        Some("This is the last event of its thread")
    );
    run(&mut app, &[Back]);
    assert_eq!(id(&app), "open-2015", "the timeline follows the reader");
}

#[test]
fn thread_keys_in_the_reader_of_an_event_without_a_thread_say_so() {
    let mut app = app();
    run(&mut app, &[Last, Open, ThreadNext]);
    assert_eq!(app.mode, Mode::Reader);
    assert_eq!(id(&app), "ru-2021");
    assert_eq!(
        app.status.as_deref(),
        Some("This event belongs to no thread")
    );
}

/// The ids of an [`Effect::Export`]'s events, with its other fields.
fn exported(
    app: &App,
    effects: Vec<Effect>,
) -> (std::path::PathBuf, ExportFormat, Vec<String>, bool) {
    let [
        Effect::Export(super::msg::ExportRequest {
            path,
            format,
            events,
            replace,
        }),
    ] = &effects[..]
    else {
        panic!("one export, not {effects:?}");
    };
    let ids = events
        .iter()
        .map(|&i| app.data.events()[i as usize].id.to_string())
        .collect();
    (path.clone(), *format, ids, *replace)
}

use crate::cli::ExportFormat;

#[test]
fn x_asks_for_a_file_and_writes_the_view() {
    let mut app = app();
    run(&mut app, &[ExportStart]);
    assert_eq!(app.mode, Mode::Export);
    assert_eq!(app.export.path, "hotlines-view.json");
    let effects = app.update(SearchAccept);
    assert_eq!(app.mode, Mode::Normal);
    let (path, format, ids, replace) = exported(&app, effects);
    assert_eq!(path, Path::new("hotlines-view.json"));
    assert_eq!(format, ExportFormat::Json);
    assert_eq!(ids.len(), 8);
    assert_eq!(ids[0], "talks-2011");
    assert!(!replace);
    app.update(Msg::Exported(Ok((path, 8))));
    assert_eq!(
        app.status.as_deref(),
        Some("Wrote 8 events to hotlines-view.json")
    );
    app.update(Msg::Exported(Err("cannot write x: no room".into())));
    assert_eq!(
        app.status.as_deref(),
        Some("Not written: cannot write x: no room")
    );
}

#[test]
fn x_writes_the_filtered_view_and_only_the_search_matches() {
    let mut app = app();
    // Meetings only: talks-2011, summit-2014, call-2015.
    run(&mut app, &[FilterOpen, FilterToggle, Back, ExportStart]);
    let effects = app.update(SearchAccept);
    let (_, _, ids, _) = exported(&app, effects);
    assert_eq!(ids, ["talks-2011", "summit-2014", "call-2015"]);
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("summit-2014"));
    run(&mut app, &[SearchAccept, ExportStart]);
    let effects = app.update(SearchAccept);
    let (_, _, ids, _) = exported(&app, effects);
    assert_eq!(ids, ["summit-2014"]);
    // A search that matches nothing writes nothing.
    run(&mut app, &[SearchStart]);
    run(&mut app, &chars("zzzz"));
    run(&mut app, &[SearchAccept, ExportStart]);
    assert_eq!(app.update(SearchAccept), []);
    assert_eq!(app.mode, Mode::Export);
    assert_eq!(
        app.status.as_deref(),
        Some("Nothing to write: the search matches no event")
    );
}

#[test]
fn the_export_prompt_edits_the_name_and_tab_changes_the_format() {
    let mut app = app();
    run(&mut app, &[ExportStart, ExportFormatNext]);
    assert_eq!(app.export.path, "hotlines-view.csv");
    run(&mut app, &[ExportFormatNext, ExportFormatNext]);
    assert_eq!(app.export.path, "hotlines-view.md");
    let (_, format, _, _) = {
        let e = app.update(SearchAccept);
        exported(&app, e)
    };
    assert_eq!(format, ExportFormat::Markdown);
    // The name is kept for the next x; Ctrl-u clears it.
    run(&mut app, &[ExportStart]);
    assert_eq!(app.export.path, "hotlines-view.md");
    run(&mut app, &[ExportClear]);
    run(&mut app, &chars("out/chrono.txt"));
    run(
        &mut app,
        &[SearchBackspace, SearchBackspace, SearchBackspace],
    );
    assert_eq!(app.export.path, "out/chrono.");
    run(&mut app, &chars("ical"));
    assert_eq!(app.update(SearchAccept), []);
    assert_eq!(app.mode, Mode::Export, "stays open to fix the name");
    assert!(app.status.as_deref().unwrap().starts_with("Unknown format"));
    run(&mut app, &[SearchBackspace, SearchBackspace]);
    run(&mut app, &chars("s"));
    let effects = app.update(SearchAccept);
    let (path, format, _, _) = exported(&app, effects);
    assert_eq!(
        (path.to_str().unwrap(), format),
        ("out/chrono.ics", ExportFormat::Ics)
    );
    run(&mut app, &[ExportStart, ExportClear]);
    assert_eq!(app.update(SearchAccept), []);
    assert_eq!(
        app.status.as_deref(),
        Some("Type the name of a file to write")
    );
    run(&mut app, &[Back]);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn an_existing_file_is_replaced_only_when_the_user_says_so() {
    let mut app = app();
    run(&mut app, &[ExportStart]);
    let (path, ..) = {
        let e = app.update(SearchAccept);
        exported(&app, e)
    };
    app.update(Msg::ExportWouldReplace(path.clone()));
    assert_eq!(app.mode, Mode::Export);
    assert!(app.export.confirm);
    // y replaces.
    let (_, _, _, replace) = {
        let e = app.update(SearchChar('y'));
        exported(&app, e)
    };
    assert!(replace);
    // Enter replaces too.
    app.update(Msg::ExportWouldReplace(path.clone()));
    let effects = app.update(SearchAccept);
    let (_, _, _, replace) = exported(&app, effects);
    assert!(replace);
    // Esc goes back to the name; typing goes on with it.
    app.update(Msg::ExportWouldReplace(path.clone()));
    assert_eq!(app.update(Back), []);
    assert_eq!(app.mode, Mode::Export);
    assert!(!app.export.confirm);
    run(&mut app, &[ExportFormatNext]);
    let (path2, _, _, replace) = {
        let e = app.update(SearchAccept);
        exported(&app, e)
    };
    assert_eq!(path2, Path::new("hotlines-view.csv"));
    assert!(!replace, "a new name is asked about again");
    app.update(Msg::ExportWouldReplace(path2));
    run(&mut app, &chars("n"));
    assert!(!app.export.confirm);
    assert_eq!(app.export.path, "hotlines-view.csvn");
    // An answer that finds the user elsewhere does not take them away.
    run(&mut app, &[Back, Open]);
    app.update(Msg::ExportWouldReplace("x.json".into()));
    assert_eq!(app.mode, Mode::Reader);
    assert_eq!(app.status.as_deref(), Some("Not written: x.json exists"));
}

#[test]
fn x_with_nothing_shown_says_so() {
    let mut app = app_with(empty(), 80, 24);
    assert_eq!(run(&mut app, &[ExportStart]), []);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.status.as_deref(),
        Some("Nothing to write: no event is shown")
    );
}

#[test]
fn the_filter_menu_lays_out_only_its_rows_in_view_with_the_cursor_marked() {
    let mut app = app_with(small(), 80, 24);
    assert!(app.filter_lines.is_empty(), "shut: nothing laid out");
    run(&mut app, &[FilterOpen]);
    let h = app.areas.popup_body.height as usize;
    let text: Vec<String> = app.filter_lines.iter().map(|l| l.to_string()).collect();
    assert_eq!(text[0], "8 of 8 events shown");
    assert_eq!(text[1], "Kind");
    assert!(text[2].starts_with("▶ [ ] "), "{text:#?}");
    assert_eq!(app.filter_cursor_row, 2);
    // Past the last row in view: the window moves and the cursor's row
    // stays in it, marked; no more rows than the menu shows.
    let last = app.filter_items.len() - 1;
    run(&mut app, &[Last]);
    assert_eq!(app.filter_cursor, last);
    assert!(app.filter_lines.len() <= h);
    let at = app.filter_cursor_row - app.filter_offset;
    let row = app.filter_lines[at].to_string();
    assert!(row.starts_with("▶ "), "{row}");
    assert_eq!(
        app.filter_lines
            .iter()
            .filter(|l| l.to_string().starts_with('▶'))
            .count(),
        1
    );
    run(&mut app, &[FilterToggle]);
    assert!(app.filter_lines[at].to_string().starts_with("▶ [x] "));
    run(&mut app, &[Back]);
    assert!(app.filter_lines.is_empty());
}

/// The small fixture loaded as the timeline loads a file at start: its
/// quotes not yet located, and the check that locates them.
fn small_unchecked() -> (Dataset, crate::model::QuoteCheck) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small/events.json");
    let (data, check) = Dataset::load_unchecked(&p).expect("fixture loads");
    (data, check.expect("a dataset file comes with a check"))
}

fn header(app: &App) -> String {
    crate::ui::status::header_text(app)
}

/// The screen of a dataset whose quote check failed on the misquote
/// fixture: its `events` still shown, the header and footer saying so.
fn assert_fails_its_checks(app: &App, events: usize) {
    assert!(app.check_failed);
    assert_eq!(app.view.len(), events, "the data is still shown");
    assert!(header(app).contains("fails its checks"), "{}", header(app));
    let footer = app.problem_status().unwrap();
    assert!(
        footer.starts_with("Fails its checks: 60:19: events[0]"),
        "{footer}"
    );
}

/// The check numbered `check` is awaited from its start (none of the
/// data's quotes found), and the header says so.
fn assert_check_starts(app: &App, check: u64) {
    let total = app.data.quote_total();
    assert_eq!(
        app.checking,
        Some(Checking {
            check,
            done: 0,
            total
        })
    );
    assert!(
        header(app).contains("Checking quotes 0%…"),
        "{}",
        header(app)
    );
}

#[test]
fn the_quote_check_shows_its_progress_then_locates_the_quotes() {
    let (data, check) = small_unchecked();
    assert!(!data.quotes_located());
    let located = check.run(&data, &mut |_, _| {});
    let total = data.quote_total();
    let mut app = app_with(data, 120, 40);
    assert_check_starts(&app, 0);
    // Keys work while it runs; the reader opens at the top and says why.
    run(&mut app, &[Down, Open]);
    assert_eq!(app.mode, Mode::Reader);
    assert_eq!(app.status.as_deref(), Some(check::LOCATING));
    let r = app.reader.clone().unwrap();
    assert_eq!(r.scroll, 0);
    assert!(
        r.quote_lines(&app.data).is_empty(),
        "nothing to highlight yet"
    );
    app.update(Msg::CheckProgress {
        check: 0,
        done: total * 2 / 5,
        total,
    });
    assert!(
        header(&app).contains(&format!(
            "Checking quotes {}%…",
            total * 2 / 5 * 100 / total
        )),
        "{}",
        header(&app)
    );
    // A worker (a search, an export) may hold the dataset when the result
    // comes: the quotes are placed in it, not in a copy of it.
    let held = app.data.clone();
    assert_eq!(app.update(Msg::Checked { check: 0, located }), []);
    assert!(std::sync::Arc::ptr_eq(&held, &app.data));
    assert!(held.quotes_located());
    drop(held);
    assert_eq!(app.checking, None);
    assert!(app.data.quotes_located());
    assert!(!header(&app).contains("Checking"), "{}", header(&app));
    assert!(app.problems.is_empty() && !app.check_failed);
    assert_eq!(app.status, None, "the note on locating is gone");
    // The reader now shows its quote, as a fully checked load would.
    let r = app.reader.clone().unwrap();
    let quote = &app.data.events()[r.event].quotes[r.quote];
    assert_eq!(&r.text(&app.data)[quote.range()], quote.text);
    assert!(!r.quote_lines(&app.data).is_empty());
    let strict = small();
    for (a, b) in app.data.events().iter().zip(strict.events()) {
        let ranges =
            |e: &crate::model::Event| -> Vec<_> { e.quotes.iter().map(|q| q.range()).collect() };
        assert_eq!(ranges(a), ranges(b), "{}", a.id);
    }
}

#[test]
fn a_dataset_that_fails_the_quote_check_says_so_and_stays_shown() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad/14-misquote.json");
    let (data, check) = Dataset::load_unchecked(&p).expect("only its quotes are wrong");
    let located = check.expect("a check to run").run(&data, &mut |_, _| {});
    let want = Dataset::load(&p).unwrap_err().problems().to_vec();
    assert_eq!(located.problems, want);
    let events = data.events().len();
    let mut app = app_with(data, 120, 40);
    app.update(Msg::Checked { check: 0, located });
    assert_eq!(app.problems, want);
    assert_fails_its_checks(&app, events);
    run(&mut app, &[Help]);
    let first = app.help_lines[0].0[0].text.to_string();
    assert!(
        first.starts_with("The dataset fails its checks: 1 problem"),
        "{first}"
    );
}

#[test]
fn a_reload_during_the_quote_check_supersedes_it() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad/14-misquote.json");
    let (data, check) = Dataset::load_unchecked(&p).unwrap();
    let located = check.unwrap().run(&data, &mut |_, _| {});
    assert!(!located.problems.is_empty());
    let mut app = app_with(data, 120, 40);
    // The file changes while the check runs: it is read again, in full.
    let effects = app.update(Msg::FilesChanged);
    assert!(
        matches!(effects.as_slice(), [Effect::Load(_)]),
        "{effects:?}"
    );
    assert!(
        app.checking.is_some(),
        "the check goes on while the file is read"
    );
    let fixed = small().with_origin(Origin::File(p.clone()));
    app.update(Msg::Loaded(Ok((fixed, None))));
    assert_eq!(app.checking, None);
    assert!(!header(&app).contains("Checking"), "{}", header(&app));
    // The check's result, about the data replaced, comes late: dropped.
    app.update(Msg::CheckProgress {
        check: 0,
        done: 1,
        total: 2,
    });
    assert_eq!(app.checking, None);
    assert_eq!(app.update(Msg::Checked { check: 0, located }), []);
    assert!(app.problems.is_empty() && !app.check_failed);
    assert_eq!(app.view.len(), 8, "the reloaded data stays");
}

/// The problem of a save that does not parse.
fn broken_save() -> crate::model::Problem {
    crate::model::Problem {
        file: "events.json".into(),
        line: 1,
        column: 2,
        path: "$".into(),
        message: "broken".into(),
    }
}

#[test]
fn a_broken_save_during_the_quote_check_leaves_the_check_running() {
    let (data, check) = small_unchecked();
    let located = check.run(&data, &mut |_, _| {});
    let mut app = app_with(data, 120, 40);
    app.update(Msg::FilesChanged);
    let problem = broken_save();
    app.update(Msg::Loaded(Err(LoadError::Invalid(vec![problem.clone()]))));
    assert!(
        app.checking.is_some(),
        "the data shown is still being checked"
    );
    assert!(app.problem_status().unwrap().starts_with("Not reloaded"));
    app.update(Msg::Checked { check: 0, located });
    assert!(app.data.quotes_located());
    assert_eq!(app.problems, [problem], "the reload's problems stay");
    assert!(!app.check_failed);
}

/// A fixture file read as a reload reads it ([`Dataset::load_unchecked`]),
/// as the load worker sends it.
fn reread(file: &str) -> Msg {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let (data, check) = Dataset::load_unchecked(&p).expect("only its quotes may be wrong");
    assert!(check.is_some() && !data.quotes_located());
    Msg::Loaded(Ok((data, check)))
}

const SMALL: &str = "tests/data/small/events.json";
const MISQUOTE: &str = "tests/data/bad/14-misquote.json";

/// The one effect of a reload taken in: the check of its quotes.
fn check_asked(effects: Vec<Effect>) -> CheckRequest {
    let mut effects = effects.into_iter();
    match (effects.next(), effects.next()) {
        (Some(Effect::Check(request)), None) => request,
        other => panic!("expected one Effect::Check: {other:?}"),
    }
}

/// Runs the check the app asked for on the data it holds, as the worker
/// does: its result, as the message the worker sends.
fn run_check(app: &App, request: CheckRequest) -> Msg {
    let located = request.check.run(&app.data, &mut |_, _| {});
    Msg::Checked {
        check: request.id,
        located,
    }
}

#[test]
fn a_reload_shows_the_data_then_checks_its_quotes_as_the_start_does() {
    let mut app = app_with(small(), 120, 12);
    select_id(&mut app, "call-2015");
    let pos = app.selected;
    // The reader, opened at the quote, then scrolled by the user to the top.
    run(&mut app, &[Open]);
    let at_quote = app.reader.as_ref().unwrap().scroll;
    assert!(at_quote > 0, "the quote is down the article");
    run(&mut app, &[First]);
    let scroll = app.reader.as_ref().unwrap().scroll;
    assert_ne!(scroll, at_quote);
    assert_eq!(app.update(Msg::FilesChanged), [Effect::Load(file_of(&app))]);
    // The reload shows at once, its quotes not yet located, and asks for
    // their check.
    let request = check_asked(app.update(reread(SMALL)));
    assert_eq!(app.loading, Loading::Idle);
    assert!(!app.data.quotes_located());
    assert_eq!(app.status.as_deref(), Some("Reloaded: 8 events"));
    assert_eq!(id(&app), "call-2015", "the selection stays on its event");
    assert_eq!(app.selected, pos);
    let total = app.data.quote_total();
    assert_check_starts(&app, request.id);
    app.update(Msg::CheckProgress {
        check: request.id,
        done: total / 2,
        total,
    });
    let percent = total / 2 * 100 / total;
    assert!(
        header(&app).contains(&format!("Checking quotes {percent}%…")),
        "{}",
        header(&app)
    );
    // The result places the quotes in the reloaded data.
    let held = app.data.clone();
    assert_eq!(app.update(run_check(&app, request)), []);
    assert!(std::sync::Arc::ptr_eq(&held, &app.data));
    assert!(app.data.quotes_located());
    assert_eq!(app.checking, None);
    assert!(!header(&app).contains("Checking"), "{}", header(&app));
    assert!(app.problems.is_empty() && !app.check_failed);
    let strict = small();
    for (a, b) in app.data.events().iter().zip(strict.events()) {
        let ranges =
            |e: &crate::model::Event| -> Vec<_> { e.quotes.iter().map(|q| q.range()).collect() };
        assert_eq!(ranges(a), ranges(b), "{}", a.id);
    }
    // The reader, kept across the reload, stays where it was.
    assert_eq!(app.mode, Mode::Reader);
    let r = app.reader.as_ref().unwrap();
    assert_eq!(app.data.events()[r.event].id, "call-2015");
    assert_eq!(r.scroll, scroll);
    assert_eq!(id(&app), "call-2015");
}

#[test]
fn a_check_of_the_old_data_is_dropped_after_a_reload() {
    // The data at start fails its quote check, which is still running
    // when a reload (a fixed file) lands.
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(MISQUOTE);
    let (data, check) = Dataset::load_unchecked(&p).unwrap();
    let mut app = app_with(data, 120, 40);
    let first = check_asked(app.first_check(check.unwrap()));
    assert_eq!(first.id, 0);
    let stale = run_check(&app, first);
    let Msg::Checked { located, .. } = &stale else {
        unreachable!()
    };
    assert!(!located.problems.is_empty());
    app.update(Msg::FilesChanged);
    let request = check_asked(app.update(reread(SMALL)));
    assert_ne!(request.id, 0);
    let total = app.data.quote_total();
    // The old check's progress and result come late: dropped.
    app.update(Msg::CheckProgress {
        check: 0,
        done: 7,
        total: 9,
    });
    assert_eq!(
        app.checking,
        Some(Checking {
            check: request.id,
            done: 0,
            total
        })
    );
    assert_eq!(app.update(stale), []);
    assert!(app.problems.is_empty() && !app.check_failed);
    assert!(
        !app.data.quotes_located(),
        "nothing placed by the old check"
    );
    assert!(header(&app).contains("Checking quotes 0%…"));
    assert_eq!(app.view.len(), 8, "the reloaded data stays");
    // The new data's own check applies.
    app.update(run_check(&app, request));
    assert!(app.data.quotes_located());
    assert_eq!(app.checking, None);
    assert!(app.problems.is_empty() && !app.check_failed);
}

#[test]
fn a_reload_that_fails_its_quote_check_says_so_and_stays_shown() {
    let mut app = app();
    app.update(Msg::FilesChanged);
    let request = check_asked(app.update(reread(MISQUOTE)));
    let events = app.data.events().len();
    assert_eq!(app.view.len(), events, "the reload shows before its check");
    assert!(app.problems.is_empty());
    assert!(app.status.as_deref().unwrap().starts_with("Reloaded: "));
    app.update(run_check(&app, request));
    assert_eq!(app.status, None, "the footer shows the failure");
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(MISQUOTE);
    let want = Dataset::load(&p).unwrap_err().problems().to_vec();
    assert_eq!(app.problems, want);
    assert_fails_its_checks(&app, events);
    // A good save again: the new data comes, the problems go.
    app.update(Msg::FilesChanged);
    let request = check_asked(app.update(reread(SMALL)));
    assert!(app.problems.is_empty() && !app.check_failed);
    app.update(run_check(&app, request));
    assert!(app.problems.is_empty() && !app.check_failed);
    assert!(app.data.quotes_located());
}

#[test]
fn a_reload_superseded_by_a_change_neither_shows_nor_checks() {
    let mut app = app();
    let file = file_of(&app);
    assert_eq!(app.update(Msg::FilesChanged), [Effect::Load(file.clone())]);
    assert_eq!(app.update(Msg::FilesChanged), []);
    // The first load comes with a check, but a change came after it: it is
    // dropped, with its check, and the file is read again.
    assert_eq!(app.update(reread(MISQUOTE)), [Effect::Load(file.clone())]);
    assert_eq!(app.checking, None);
    assert!(app.data.quotes_located(), "the data shown is the old one");
    assert!(!header(&app).contains("Checking"), "{}", header(&app));
    // The second load is taken and checked.
    let second = check_asked(app.update(reread(SMALL)));
    assert_eq!(app.loading, Loading::Idle);
    // A third reload lands while the second's check runs: the second's
    // check is superseded by the third's.
    app.update(Msg::EditorClosed);
    let third = check_asked(app.update(reread(MISQUOTE)));
    assert_ne!(second.id, third.id);
    let total = app.data.quote_total();
    let old = Msg::Checked {
        check: second.id,
        located: crate::model::QuotesLocated::not_run("events.json", "old".into()),
    };
    app.update(Msg::CheckProgress {
        check: second.id,
        done: 1,
        total: 1,
    });
    assert_eq!(app.checking.map(|c| (c.done, c.total)), Some((0, total)));
    app.update(old);
    assert!(app.problems.is_empty() && !app.check_failed);
    assert!(app.checking.is_some_and(|c| c.check == third.id));
    app.update(run_check(&app, third));
    assert!(app.check_failed);
    assert_eq!(app.checking, None);
}

#[test]
fn a_broken_save_during_a_reloads_check_leaves_that_check_running() {
    let mut app = app();
    app.update(Msg::FilesChanged);
    let request = check_asked(app.update(reread(SMALL)));
    app.update(Msg::FilesChanged);
    let problem = broken_save();
    let effects = app.update(Msg::Loaded(Err(LoadError::Invalid(vec![problem.clone()]))));
    assert_eq!(effects, []);
    assert!(app.checking.is_some_and(|c| c.check == request.id));
    app.update(run_check(&app, request));
    assert!(app.data.quotes_located());
    assert_eq!(app.problems, [problem], "the reload's problems stay");
    assert!(!app.check_failed);
}

#[test]
fn a_reload_with_no_check_supersedes_a_running_one() {
    // A TimelineJS file, or any dataset checked in full, comes with no
    // check: the one running for the old data is dropped.
    let mut app = app();
    app.update(Msg::FilesChanged);
    let request = check_asked(app.update(reread(SMALL)));
    let old = run_check(&app, request);
    app.update(Msg::FilesChanged);
    assert_eq!(app.update(Msg::Loaded(Ok((small(), None)))), []);
    assert_eq!(app.checking, None);
    assert_eq!(app.update(old), []);
    assert!(app.problems.is_empty() && !app.check_failed);
}
