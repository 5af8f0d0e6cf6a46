//! Turning byte offsets and JSON paths into lines and columns.
//!
//! Events keep only the byte range of their JSON object. When a problem must
//! be reported, the object is parsed again here to find the exact field.

use std::collections::HashMap;

use serde_json::value::RawValue;

/// One step of a JSON path below an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The byte offset in `text` of the value at `steps` inside the JSON value
/// that starts at `base`. Falls back to the deepest step that exists.
pub fn value_offset(text: &str, base: usize, steps: &[Step<'_>]) -> usize {
    let mut offset = base;
    let mut slice = value_at(text, base);
    for step in steps {
        let Some(s) = slice else { break };
        let next: Option<&RawValue> = match step {
            Step::Key(k) => serde_json::from_str::<HashMap<String, &RawValue>>(s)
                .ok()
                .and_then(|m| m.get(*k).copied()),
            Step::Index(i) => serde_json::from_str::<Vec<&RawValue>>(s)
                .ok()
                .and_then(|v| v.get(*i).copied()),
        };
        match next {
            Some(raw) => {
                offset = offset_in(text, raw.get());
                slice = Some(&text[offset..offset + raw.get().len()]);
            }
            None => break,
        }
    }
    offset
}

/// The JSON value starting at `base` (to the end of its text).
fn value_at(text: &str, base: usize) -> Option<&str> {
    let rest = text.get(base..)?;
    let mut de = serde_json::Deserializer::from_str(rest);
    let raw: &RawValue = serde::Deserialize::deserialize(&mut de).ok()?;
    let start = offset_in(text, raw.get());
    Some(&text[start..start + raw.get().len()])
}

/// Where `part` (a slice of `text`) starts in `text`.
pub fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// The byte offset of a 1-based (line, byte column) position in `text`, as
/// serde_json reports it.
pub fn offset_of_position(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(nl) => start += nl + 1,
            None => break,
        }
    }
    let mut off = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    off
}

/// 1-based (line, column in characters) for each byte offset, in one pass.
pub fn positions(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![(1, 1); offsets.len()];
    let mut scan = LineScan::default();
    for i in order {
        out[i] = scan.at(text, offsets[i]);
    }
    out
}

/// The 1-based line and column (in characters) of byte offsets taken in
/// increasing order, by one forward scan of the text; an offset before
/// the last starts the scan again from the top.
#[derive(Debug, Clone, Copy)]
pub struct LineScan {
    line: usize,
    line_start: usize,
    scanned: usize,
}

impl Default for LineScan {
    fn default() -> LineScan {
        LineScan {
            line: 1,
            line_start: 0,
            scanned: 0,
        }
    }
}

impl LineScan {
    pub fn at(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let target = offset.min(text.len());
        if target < self.scanned {
            *self = LineScan::default();
        }
        for (pos, b) in text.as_bytes()[self.scanned..target].iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.scanned + pos + 1;
            }
        }
        self.scanned = target;
        let mut end = target;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let col = text[self.line_start.min(end)..end].chars().count() + 1;
        (self.line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\n“c”d\nx";
        let d = text.find('d').unwrap();
        let x = text.find('x').unwrap();
        assert_eq!(positions(text, &[x, 0, d]), vec![(3, 1), (1, 1), (2, 4)]);
    }

    #[test]
    fn a_line_scan_goes_forward_and_starts_again_for_an_earlier_offset() {
        let text = "ab\n“c”d\nx";
        let d = text.find('d').unwrap();
        let x = text.find('x').unwrap();
        let mut scan = LineScan::default();
        assert_eq!(scan.at(text, d), (2, 4));
        assert_eq!(scan.at(text, x), (3, 1));
        assert_eq!(scan.at(text, 1), (1, 2));
        assert_eq!(scan.at(text, d), (2, 4));
        assert_eq!(scan.at(text, text.len() + 5), (3, 2));
    }

    #[test]
    fn value_offset_walks_keys_and_indices() {
        let text = "{\"events\": [ {\"id\": \"a\", \"quotes\": [{\"text\": \"q\"}]} ]}";
        let ev = text.find("{\"id\"").unwrap();
        let off = value_offset(
            text,
            ev,
            &[Step::Key("quotes"), Step::Index(0), Step::Key("text")],
        );
        assert_eq!(&text[off..off + 3], "\"q\"");
        // A missing key stops at the deepest step found.
        let off = value_offset(text, ev, &[Step::Key("quotes"), Step::Index(5)]);
        assert_eq!(&text[off..off + 2], "[{");
    }

    #[test]
    fn offset_of_position_inverts_serde_positions() {
        let text = "{\n  \"a\": tru\n}";
        let err = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let off = offset_of_position(text, err.line(), err.column());
        assert!(off > text.find("tru").unwrap());
    }
}
