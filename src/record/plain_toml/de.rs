//! The document read into serde types (a [`Value`] is the deserializer;
//! the document is its root table), as the `toml` crate hands values
//! over: integers as `i64`, strings (borrowed where they can be), tables
//! as maps, arrays and arrays of tables as sequences, a present value as
//! `Some`, a string as a unit enum variant.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::Value;

/// The text is not plain TOML, or not what the type asked for: read it
/// with the `toml` crate, which says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declined;

impl fmt::Display for Declined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not plain TOML for this type")
    }
}

impl std::error::Error for Declined {}

impl de::Error for Declined {
    fn custom<T: fmt::Display>(_: T) -> Declined {
        Declined
    }
}

/// The entries of a table, key then value.
struct Entries<'de> {
    entries: std::vec::IntoIter<(&'de str, Value<'de>)>,
    value: Option<Value<'de>>,
}

impl<'de> de::MapAccess<'de> for Entries<'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Declined> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Declined> {
        let value = self.value.take().ok_or(Declined)?;
        seed.deserialize(value)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The items of an array, or the tables of an array of tables.
struct Items<I>(I);

impl<'de, I, T> de::SeqAccess<'de> for Items<I>
where
    I: ExactSizeIterator<Item = T>,
    T: de::Deserializer<'de, Error = Declined>,
{
    type Error = Declined;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Declined> {
        self.0.next().map(|item| seed.deserialize(item)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

impl<'de> de::Deserializer<'de> for Value<'de> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        match self {
            Value::String(Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
            Value::String(Cow::Owned(text)) => visitor.visit_string(text),
            Value::Integer(number) => visitor.visit_i64(number),
            Value::Boolean(yes) => visitor.visit_bool(yes),
            Value::Array(items) => visitor.visit_seq(Items(items.into_iter())),
            Value::Table(table) => visitor.visit_map(Entries {
                entries: table.entries.into_iter(),
                value: None,
            }),
            Value::Tables(tables) => visitor.visit_seq(Items(tables.into_iter().map(Value::Table))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Declined> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant, named by a string.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Declined> {
        match self {
            Value::String(Cow::Borrowed(text)) => {
                visitor.visit_enum(BorrowedStrDeserializer::<Declined>::new(text))
            }
            Value::String(Cow::Owned(text)) => {
                let text: StringDeserializer<Declined> = text.into_deserializer();
                visitor.visit_enum(text)
            }
            _ => Err(Declined),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}
