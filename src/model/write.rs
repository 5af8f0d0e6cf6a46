//! Writing a dataset back in our format, normalized: the fields in their
//! documented order, events in date order, two-space indentation.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::{Serialize, Serializer};
use serde_json::{Map, Value, json};

use super::{Dataset, Dispute, Event, Extra, Line, Person, Source, Thread};

/// Some of a dataset's events (indices into `events`), serializing as a
/// list of them without collecting them first.
pub struct Selected<'a> {
    dataset: &'a Dataset,
    events: &'a [usize],
}

impl Serialize for Selected<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mask = self.dataset.mask(self.events);
        s.collect_seq(
            self.events
                .iter()
                .map(|&i| self.dataset.event_within(i, &mask)),
        )
    }
}

/// The dataset in our format, fields in their documented order, with only
/// the selected events.
#[derive(Serialize)]
struct Written<'a> {
    title: &'a str,
    description: &'a str,
    countries: &'a BTreeMap<String, String>,
    sources: &'a [Source],
    people: &'a [Person],
    threads: &'a [Thread],
    events: Selected<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    disputes: Vec<Dispute>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    lines: Vec<Line>,
    #[serde(flatten)]
    extra: &'a Extra,
}

impl Dataset {
    /// The whole dataset as JSON in our format.
    pub fn to_json_value(&self) -> Value {
        let all: Vec<usize> = (0..self.events().len()).collect();
        self.to_json_value_with(&all)
    }

    /// The dataset with only the given events (indices into `events`), as JSON
    /// in our format. Sources, people and threads are kept whole.
    pub fn to_json_value_with(&self, events: &[usize]) -> Value {
        let mut top = Map::new();
        top.insert("title".into(), json!(self.title));
        top.insert("description".into(), json!(self.description));
        top.insert("countries".into(), json!(self.countries));
        top.insert("sources".into(), json!(self.sources));
        top.insert("people".into(), json!(self.people));
        top.insert("threads".into(), json!(self.threads));
        let mask = self.mask(events);
        let list: Vec<_> = events
            .iter()
            .map(|&i| self.event_within(i, &mask))
            .collect();
        top.insert("events".into(), json!(list));
        let (disputes, lines) = self.links_within(events);
        if !disputes.is_empty() {
            top.insert("disputes".into(), json!(disputes));
        }
        if !lines.is_empty() {
            top.insert("lines".into(), json!(lines));
        }
        for (k, v) in self.extra.fields() {
            top.insert(k.clone(), v.clone());
        }
        Value::Object(top)
    }

    /// The disputes and lines as they stand among the given events only
    /// (indices into `events`): references to the other events are left
    /// out, so a filtered dataset still loads. Disputes and lines
    /// themselves are all kept, as sources are.
    fn links_within(&self, events: &[usize]) -> (Vec<Dispute>, Vec<Line>) {
        let selected = self.mask(events);
        let kept = |id: &str| self.event_index(id).is_some_and(|i| selected[i]);
        let disputes = self
            .disputes
            .iter()
            .map(|d| Dispute {
                events: d.events.iter().filter(|e| kept(e)).cloned().collect(),
                ..d.clone()
            })
            .collect();
        let lines = self
            .lines
            .iter()
            .map(|l| Line {
                milestones: l
                    .milestones
                    .iter()
                    .filter(|m| kept(&m.event))
                    .cloned()
                    .collect(),
                ..l.clone()
            })
            .collect();
        (disputes, lines)
    }

    /// Which events are selected, by index into `events`.
    fn mask(&self, events: &[usize]) -> Vec<bool> {
        let mut selected = vec![false; self.events().len()];
        for &i in events {
            selected[i] = true;
        }
        selected
    }

    /// Event `i` as it stands among the selected events: its `after` and
    /// `outcome` name only events that are written too, so a filtered
    /// dataset still loads. (An order that ran through a left-out event is
    /// lost with it.) Borrowed when nothing is left out, as in a whole
    /// export.
    fn event_within(&self, i: usize, selected: &[bool]) -> Cow<'_, Event<'_>> {
        let e = &*self.events()[i];
        let kept = |id: &str| self.event_index(id).is_some_and(|j| selected[j]);
        if e.outcome().is_none_or(kept) && e.after().iter().all(|a| kept(a)) {
            return Cow::Borrowed(e);
        }
        let mut e = e.clone();
        e.keeping_links(kept);
        Cow::Owned(e)
    }

    /// The given events (indices into `events`), to serialize as a list.
    pub fn selected<'a>(&'a self, events: &'a [usize]) -> Selected<'a> {
        Selected {
            dataset: self,
            events,
        }
    }

    /// Writes [`Dataset::to_json_value_with`] as pretty text with a final
    /// newline, an event at a time.
    pub fn write_json_with(&self, out: &mut dyn Write, events: &[usize]) -> io::Result<()> {
        let (disputes, lines) = self.links_within(events);
        let written = Written {
            title: &self.title,
            description: &self.description,
            countries: &self.countries,
            sources: &self.sources,
            people: &self.people,
            threads: &self.threads,
            events: self.selected(events),
            disputes,
            lines,
            extra: &self.extra,
        };
        serde_json::to_writer_pretty(&mut *out, &written)?;
        out.write_all(b"\n")
    }

    /// [`Dataset::write_json_with`] into a string.
    pub fn to_json_string_with(&self, events: &[usize]) -> String {
        let mut out = Vec::new();
        self.write_json_with(&mut out, events)
            .expect("writing to memory cannot fail");
        String::from_utf8(out).expect("JSON is UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::super::Origin;
    use super::*;

    #[test]
    fn written_json_parses_back_to_the_same_dataset() {
        let text = r#"{"title": "t", "description": "d", "countries": {"KR": "South Korea"},
          "sources": [{"id": "s", "file": "s.txt", "publisher": "P", "headline": "H",
            "published": "2015-02", "published_basis": "stated", "byline": null,
            "url": null, "note": null}],
          "people": [{"id": "p", "name": "N"}], "threads": [],
          "events": [
            {"id": "b", "title": "B", "summary": "s", "kind": "plan", "date": "2016/..",
             "date_basis": "stated", "parties": ["KR"], "people": ["p"],
             "quotes": [{"source": "s", "text": "two"}]},
            {"id": "a", "title": "A", "summary": "s", "kind": "meeting", "date": "2015-02-04",
             "date_basis": "stated", "quotes": [{"source": "s", "text": "one"}]}]}"#;
        let read = |_: &str| Ok("one two".to_string());
        let d = Dataset::parse(text, Origin::Embedded, &read).unwrap();
        let written = d.to_json_string_with(&[0, 1]);
        let keys: Vec<&str> = ["\"title\"", "\"sources\"", "\"events\""]
            .into_iter()
            .collect();
        let pos: Vec<usize> = keys.iter().map(|k| written.find(k).unwrap()).collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{written}");
        let again = Dataset::parse(&written, Origin::Embedded, &read).unwrap();
        assert_eq!(again.to_json_value(), d.to_json_value());
        assert_eq!(again.events()[0].id, "a");
        assert_eq!(
            written,
            serde_json::to_string_pretty(&d.to_json_value_with(&[0, 1])).unwrap() + "\n",
            "written as the JSON value prints"
        );
        let only_b = d.to_json_value_with(&[1]);
        assert_eq!(only_b["events"].as_array().unwrap().len(), 1);
        assert_eq!(only_b["events"][0]["id"], "b");
    }
}
