//! Writing a dataset back in our format, normalized: the fields in their
//! documented order, events in date order, two-space indentation.

use serde_json::{Map, Value, json};

use super::{Dataset, Source};

impl Source {
    /// How a quote from this source is credited: "Publisher, “Headline”,
    /// 3 Mar 2014, by Byline" (the date and byline when known).
    pub fn attribution(&self) -> String {
        let mut s = format!("{}, “{}”", self.publisher, self.headline);
        if let Some(date) = &self.published {
            s.push_str(", ");
            s.push_str(&date.display());
        }
        if let Some(by) = &self.byline {
            s.push_str(", by ");
            s.push_str(by);
        }
        s
    }
}

impl Dataset {
    /// The whole dataset as JSON in our format.
    pub fn to_json_value(&self) -> Value {
        let all: Vec<usize> = (0..self.events.len()).collect();
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
        let list: Vec<_> = events.iter().map(|&i| &self.events[i]).collect();
        top.insert("events".into(), json!(list));
        Value::Object(top)
    }

    /// [`Dataset::to_json_value_with`] as pretty text with a final newline.
    pub fn to_json_string_with(&self, events: &[usize]) -> String {
        let mut s = serde_json::to_string_pretty(&self.to_json_value_with(events))
            .expect("a dataset serializes");
        s.push('\n');
        s
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
        assert_eq!(again.events[0].id, "a");
        let only_b = d.to_json_value_with(&[1]);
        assert_eq!(only_b["events"].as_array().unwrap().len(), 1);
        assert_eq!(only_b["events"][0]["id"], "b");
    }
}
