//! The TimelineJS3 file format, as serde types: what our export writes
//! (`Timeline`, `Slide`, `TlDate`, `TlText`), and what the import reads, as
//! leniently as TimelineJS does (`InSlide`, `InTitle`, `InDate`, `Part`).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// A TimelineJS3 file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Slide>,
    pub events: Vec<Slide>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub eras: Vec<Value>,
}

/// A slide: an event, or the title slide.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<TlDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<TlDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<TlText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TlText {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A slide's text is an object (serde would read a struct from a list too).
impl<'de> Deserialize<'de> for TlText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TlText, D::Error> {
        #[derive(Deserialize)]
        struct Fields {
            #[serde(default)]
            headline: Option<String>,
            #[serde(default)]
            text: Option<String>,
        }
        struct Object;
        impl<'de> serde::de::Visitor<'de> for Object {
            type Value = TlText;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("struct TlText")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<TlText, A::Error> {
                let f = Fields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(TlText {
                    headline: f.headline,
                    text: f.text,
                })
            }
        }
        d.deserialize_map(Object)
    }
}

/// A TimelineJS date, as our export writes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TlDate {
    pub year: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hour: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_date: Option<String>,
}

/// A slide as read on import, as leniently as TimelineJS reads it: dates
/// may be empty or partly empty, `unique_id` anything (only a string
/// counts), and fields we do not read are ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct InSlide {
    pub unique_id: Option<Value>,
    pub start_date: Option<InDate>,
    pub end_date: Option<InDate>,
    pub display_date: Option<String>,
    pub text: Option<TlText>,
    pub group: Option<String>,
    pub media: Option<Value>,
    pub background: Option<Value>,
}

/// The title slide as read on import: TimelineJS never reads its dates.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct InTitle {
    pub unique_id: Option<Value>,
    pub text: Option<TlText>,
    pub media: Option<Value>,
    pub background: Option<Value>,
}

/// A date as read on import: every part may be absent or empty, but it is
/// an object (serde would read a struct from a list too).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(remote = "Self")]
pub struct InDate {
    #[serde(default, deserialize_with = "optional_part")]
    pub year: Option<Part>,
    #[serde(default, deserialize_with = "optional_part")]
    pub month: Option<Part>,
    #[serde(default, deserialize_with = "optional_part")]
    pub day: Option<Part>,
    #[serde(default, deserialize_with = "optional_part")]
    pub hour: Option<Part>,
    #[serde(default, deserialize_with = "optional_part")]
    pub minute: Option<Part>,
    #[serde(default, deserialize_with = "optional_part")]
    pub second: Option<Part>,
    #[serde(default, deserialize_with = "optional_part")]
    pub millisecond: Option<Part>,
    #[serde(default)]
    pub display_date: Option<String>,
}

impl<'de> Deserialize<'de> for InDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<InDate, D::Error> {
        struct Object;
        impl<'de> serde::de::Visitor<'de> for Object {
            type Value = InDate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("struct InDate")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<InDate, A::Error> {
                InDate::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Object)
    }
}

impl InDate {
    /// True when no part is given (`{}`, or every part empty).
    pub fn is_empty(&self) -> bool {
        self.year.is_none()
            && self.month.is_none()
            && self.day.is_none()
            && !self.has_time()
            && self
                .display_date
                .as_deref()
                .is_none_or(|d| d.trim().is_empty())
    }

    /// True when a time of day is given.
    pub fn has_time(&self) -> bool {
        self.hour.is_some()
            || self.minute.is_some()
            || self.second.is_some()
            || self.millisecond.is_some()
    }
}

/// A number of a date as TimelineJS reads it: a number (a fraction cut off,
/// as `parseInt` does; `truncated` says so) or a string of digits with an
/// optional minus sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub value: i64,
    pub truncated: bool,
}

struct PartVisitor;

impl<'de> serde::de::Visitor<'de> for PartVisitor {
    type Value = Option<Part>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a number or a string of digits")
    }
    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Some(Part {
            value: n,
            truncated: false,
        }))
    }
    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Self::Value, E> {
        i64::try_from(n)
            .map(|value| {
                Some(Part {
                    value,
                    truncated: false,
                })
            })
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(n), &self))
    }
    fn visit_f64<E: serde::de::Error>(self, x: f64) -> Result<Self::Value, E> {
        if x.is_finite() && x.abs() < 1e15 {
            Ok(Some(Part {
                value: x.trunc() as i64,
                truncated: x.fract() != 0.0,
            }))
        } else {
            Err(E::invalid_value(serde::de::Unexpected::Float(x), &self))
        }
    }
    fn visit_str<E: serde::de::Error>(self, t: &str) -> Result<Self::Value, E> {
        let t = t.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let digits = t.strip_prefix('-').unwrap_or(t);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(E::invalid_value(serde::de::Unexpected::Str(t), &self));
        }
        t.parse()
            .map(|value| {
                Some(Part {
                    value,
                    truncated: false,
                })
            })
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(t), &self))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

fn optional_part<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Part>, D::Error> {
    d.deserialize_any(PartVisitor)
}
