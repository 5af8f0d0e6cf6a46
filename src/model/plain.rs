//! serde_json's messages in the words of our format: a problem in a dataset
//! names JSON's types (a string, a list, an object) and our fields' allowed
//! values, never the Rust types the loader reads into.

use super::{DateBasis, Kind};

/// The message of a serde_json error met at `path` (e.g. `events[0].kind`),
/// without serde_json's " at line L column C" (a problem gives its own).
pub fn serde_message(e: &serde_json::Error, path: &str) -> String {
    translate(&without_position(e), path)
}

/// serde_json's message without its " at line L column C".
pub(super) fn without_position(e: &serde_json::Error) -> String {
    let mut s = e.to_string();
    if let Some(i) = s.rfind(" at line ") {
        s.truncate(i);
    }
    s
}

/// A value serde found where it wanted another, as its message describes
/// it (`integer `3``, `string "x"`, `map`): for a translator to put in the
/// words of a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found<'a> {
    /// A number, as written (`3`, `1.5`).
    Number(&'a str),
    /// `true` or `false`.
    Boolean(&'a str),
    /// A string, quoted as serde quotes it (`"x"`).
    Str(&'a str),
    List,
    Object,
    Null,
    /// Anything else serde says, as it says it.
    Other(&'a str),
}

impl Found<'_> {
    pub(super) fn of(what: &str) -> Found<'_> {
        if let Some(n) = what
            .strip_prefix("integer ")
            .or_else(|| what.strip_prefix("floating point "))
        {
            return Found::Number(n.trim_matches('`'));
        }
        if let Some(b) = what.strip_prefix("boolean ") {
            return Found::Boolean(b.trim_matches('`'));
        }
        if let Some(s) = what.strip_prefix("string ") {
            return Found::Str(s);
        }
        match what {
            "sequence" => Found::List,
            "map" => Found::Object,
            "null" | "unit value" => Found::Null,
            what => Found::Other(what),
        }
    }
}

fn translate(s: &str, path: &str) -> String {
    let field = last_key(path);
    let choices = field.and_then(choices);
    if let Some(rest) = s.strip_prefix("unknown variant `")
        && let (Some(field), Some(choices)) = (field, &choices)
    {
        let found = rest.split_once('`').map_or(rest, |(v, _)| v);
        return format!("`{field}` must be one of {choices}, not `{found}`");
    }
    if s == "expected value"
        && let (Some(field), Some(choices)) = (field, &choices)
    {
        return format!("`{field}` must be one of {choices} (a string)");
    }
    if let Some((found, expected)) = s
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        if let (Some(field), Some(choices)) = (field, &choices) {
            return format!(
                "`{field}` must be one of {choices}, not {}",
                unexpected(found)
            );
        }
        return format!(
            "expected {}, found {}",
            self::expected(expected),
            unexpected(found)
        );
    }
    if let Some((_, expected)) = s
        .strip_prefix("invalid length ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return format!("expected {}, found a list", self::expected(expected));
    }
    if let Some(what) = s.strip_prefix("EOF while parsing ") {
        return match what {
            "a value" => "the file ends where a value should be".to_string(),
            what => format!("the file ends inside {what}"),
        };
    }
    match s {
        "trailing characters" => "more text after the end of the dataset".to_string(),
        "expected ident" => "expected `true`, `false` or `null`".to_string(),
        "key must be a string" => "a key must be a string, in double quotes".to_string(),
        "recursion limit exceeded" => "the JSON is nested too deeply".to_string(),
        s => s.to_string(),
    }
}

/// The key a path ends with: `kind` of `events[0].kind`; none for an index.
fn last_key(path: &str) -> Option<&str> {
    let key = path.rsplit('.').next()?;
    (!key.is_empty() && !key.contains(['[', '$', '?'])).then_some(key)
}

/// The allowed values of a field that takes one of a few words.
fn choices(field: &str) -> Option<String> {
    let words: Vec<&str> = match field {
        "kind" => Kind::ALL.iter().map(|k| k.as_str()).collect(),
        "date_basis" | "published_basis" => DateBasis::ALL.iter().map(|b| b.as_str()).collect(),
        _ => return None,
    };
    Some(words.join(", "))
}

/// What serde expected, in JSON's words.
fn expected(what: &str) -> String {
    if let Some(name) = what.strip_prefix("struct ") {
        let name = name.split_whitespace().next().unwrap_or_default();
        let item = match name {
            "Source" => " (a source)",
            "Person" => " (a person)",
            "Thread" => " (a thread)",
            "Event" => " (an event)",
            "Quote" => " (a quote)",
            "RawTop" => " (the dataset)",
            _ => "",
        };
        return format!("an object{item}");
    }
    match what {
        "a sequence" => "a list".to_string(),
        "a map" => "an object".to_string(),
        "a string" | "a borrowed string" => "a string".to_string(),
        what if what.starts_with("enum ") => "one of the allowed words".to_string(),
        what => what.to_string(),
    }
}

/// What serde found, in JSON's words.
fn unexpected(what: &str) -> String {
    match Found::of(what) {
        Found::Number(n) => format!("the number {n}"),
        Found::Boolean(b) => format!("`{b}`"),
        Found::Str(s) => format!("the string {s}"),
        Found::List => "a list".to_string(),
        Found::Object => "an object".to_string(),
        Found::Null => "`null`".to_string(),
        Found::Other(what) => what.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::model::raw::{Event, Source};

    /// The message for reading `json` as `T` at `path`.
    fn message<'a, T: Deserialize<'a>>(json: &'a str, path: &str) -> String {
        let e = serde_json::from_str::<T>(json).err().expect("an error");
        serde_message(&e, path)
    }

    /// Words of Rust, never of our format.
    fn speaks_rust(m: &str) -> bool {
        [
            "struct", "enum", "sequence", "map", "variant", "integer", "floating", "EOF",
        ]
        .iter()
        .any(|w| m.contains(w))
    }

    #[test]
    fn wrong_types_are_named_in_json_words() {
        let cases = [
            (
                message::<Source>("1", "sources[0]"),
                "expected an object (a source), found the number 1",
            ),
            (
                message::<Event>("true", "events[0]"),
                "expected an object (an event), found `true`",
            ),
            (
                message::<Vec<String>>("\"KR\"", "events[1].parties"),
                "expected a list, found the string \"KR\"",
            ),
            (
                message::<String>("null", "events[0].quotes[0].text"),
                "expected a string, found `null`",
            ),
            (
                message::<std::collections::BTreeMap<String, String>>("[1]", "countries"),
                "expected an object, found a list",
            ),
            (
                message::<Vec<String>>("{}", "people"),
                "expected a list, found an object",
            ),
            (
                message::<String>("1.5", "title"),
                "expected a string, found the number 1.5",
            ),
            (
                message::<Source>("[]", "sources[0]"),
                "expected an object (a source), found a list",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
            assert!(!speaks_rust(&got), "{got}");
        }
    }

    #[test]
    fn a_field_of_a_few_words_lists_them() {
        assert_eq!(
            message::<Kind>("\"summit\"", "events[0].kind"),
            "`kind` must be one of meeting, agreement, opening, statement, plan, background, not `summit`"
        );
        assert_eq!(
            message::<Kind>("1", "events[0].kind"),
            "`kind` must be one of meeting, agreement, opening, statement, plan, background (a string)"
        );
        assert_eq!(
            message::<DateBasis>("\"guess\"", "events[2].date_basis"),
            "`date_basis` must be one of stated, derived, external, not `guess`"
        );
        assert_eq!(
            message::<Option<DateBasis>>("[]", "sources[0].published_basis"),
            "`published_basis` must be one of stated, derived, external (a string)"
        );
    }

    #[test]
    fn syntax_errors_are_plain() {
        assert_eq!(
            message::<String>("", "$"),
            "the file ends where a value should be"
        );
        assert_eq!(
            message::<Vec<String>>("[\"a\"", "$"),
            "the file ends inside a list"
        );
        assert_eq!(
            message::<String>("\"a\" x", "$"),
            "more text after the end of the dataset"
        );
        assert_eq!(
            message::<bool>("trux", "$"),
            "expected `true`, `false` or `null`"
        );
    }
}
