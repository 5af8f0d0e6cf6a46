//! The documentation says what the program does: these tests keep it true.

use hotlines::model::Date;

/// Every row of the date table in docs/format.md parses and displays as shown.
#[test]
fn the_date_table_in_the_format_doc_is_true() {
    let doc = std::fs::read_to_string("docs/format.md").unwrap();
    let mut rows = 0;
    for line in doc.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | `EDTF` | meaning | shown as |
        if cells.len() == 5 && cells[1].starts_with('`') && cells[1] != "`EDTF`" {
            let edtf = cells[1].trim_matches('`');
            let Ok(date) = Date::parse(edtf) else {
                continue; // the events table also has backticked first cells
            };
            assert_eq!(date.display(), cells[3], "docs/format.md row for {edtf}");
            rows += 1;
        }
    }
    assert!(rows >= 12, "only {rows} date rows checked");
}

/// Every example in docs/format.md (an event, a dispute, a line) is a real
/// one of the dataset.
#[test]
fn the_example_events_in_the_format_doc_are_in_the_dataset() {
    let doc = std::fs::read_to_string("docs/format.md").unwrap();
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("assets/events.json").unwrap()).unwrap();
    let events: Vec<&serde_json::Value> = ["events", "disputes", "lines"]
        .iter()
        .flat_map(|list| data[list].as_array().unwrap())
        .collect();
    let mut examples = 0;
    let mut rest = doc.as_str();
    while let Some(at) = rest.find("```json\n") {
        let start = at + 8;
        let end = start + rest[start..].find("```").unwrap();
        let example: serde_json::Value = serde_json::from_str(&rest[start..end]).unwrap();
        assert!(
            events.contains(&&example),
            "the example {} differs from assets/events.json",
            example["id"]
        );
        examples += 1;
        rest = &rest[end..];
    }
    // The complete event, the plan with `expected` and `outcome`, a dispute
    // and a line.
    assert!(examples >= 4, "only {examples} examples");
}
