//! Fields a user added to the dataset (the format allows them), kept so that
//! writing the dataset back loses nothing.
//!
//! serde's `#[serde(flatten)]` would keep them too, but it reads every
//! object into a buffer first, for every event of a large dataset. Instead,
//! [`with_extra!`] implements `Deserialize` as the derive does, in one pass,
//! and puts each key it does not know into [`Extra`]; an object without
//! added keys costs no allocation.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// The added fields of an object, in the order they were written. Serialized
/// with `#[serde(flatten)]`, after the known fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra(Option<Box<Map<String, Value>>>);

impl Extra {
    /// Adds a field.
    pub fn insert(&mut self, key: String, value: Value) {
        self.0.get_or_insert_default().insert(key, value);
    }

    /// The added fields, if any.
    pub fn fields(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().flat_map(|m| m.iter())
    }

    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|m| m.is_empty())
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.as_ref().map_or(0, |m| m.len())))?;
        for (k, v) in self.fields() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// An object key, borrowed from the input when it has no escapes.
pub(crate) struct Key<'de>(pub Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_identifier(V)
    }
}

/// Implements `Deserialize` for a struct of named fields and an `extra:
/// Extra` field, which gets every key not listed. Each field is
/// `name: "key"`, required, or `name: "key" or default`, taking `default`
/// when absent; fields not read from the input are given after `rest`.
/// Errors are the derive's: missing field, duplicate field, invalid type.
macro_rules! with_extra {
    (
        impl [$($generics:tt)*] for $ty:ty as $ident:ident $(where [$($bounds:tt)*])? {
            $($field:ident: $key:literal $(or $default:expr)?),* $(,)?
        }
        rest { $($rest:ident: $value:expr),* $(,)? }
    ) => {
        impl<'de, $($generics)*> serde::Deserialize<'de> for $ty $(where $($bounds)*)? {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V<'de, $($generics)*>(std::marker::PhantomData<(&'de (), $ty)>)
                    $(where $($bounds)*)?;
                impl<'de, $($generics)*> serde::de::Visitor<'de> for V<'de, $($generics)*>
                    $(where $($bounds)*)?
                {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($ident)))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$ty, A::Error> {
                        use serde::de::Error as _;
                        $(let mut $field = None;)*
                        let mut extra = $crate::model::extra::Extra::default();
                        while let Some(key) = map.next_key::<$crate::model::extra::Key<'de>>()? {
                            match key.0.as_ref() {
                                $($key => {
                                    if $field.is_some() {
                                        return Err(A::Error::duplicate_field($key));
                                    }
                                    $field = Some(map.next_value()?);
                                })*
                                _ => extra.insert(key.0.into_owned(), map.next_value()?),
                            }
                        }
                        Ok($ident {
                            $($field: match $field {
                                Some(v) => v,
                                None => with_extra!(@missing $key $(, $default)?),
                            },)*
                            extra,
                            $($rest: $value,)*
                        })
                    }
                }
                const FIELDS: &[&str] = &[$($key),*];
                d.deserialize_struct(stringify!($ident), FIELDS, V(std::marker::PhantomData))
            }
        }
    };
    (@missing $key:literal) => {
        return Err(A::Error::missing_field($key))
    };
    (@missing $key:literal, $default:expr) => {
        $default
    };
}

pub(crate) use with_extra;
