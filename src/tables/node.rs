//! A record as a small tree borrowing its strings from Arrow arrays, and a
//! serde deserializer over it: rows go straight into the crate's types
//! through their own `Deserialize` impls (every check they make, made the
//! same way), with no JSON value and no string copied on the way.

use serde::de::{self, Deserializer, IntoDeserializer, Visitor};

/// One value of a record: a cell, or a nested object or list.
#[derive(Debug, Clone)]
pub(crate) enum Node<'a> {
    Str(&'a str),
    I64(i64),
    U64(u64),
    F64(f64),
    Seq(Vec<Node<'a>>),
    Map(Vec<(&'a str, Node<'a>)>),
}

impl<'a> Node<'a> {
    pub(crate) fn map() -> Node<'a> {
        Node::Map(Vec::new())
    }

    /// The entry `key` of a map, if set.
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        match self {
            Node::Map(m) => m.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The entry `key` of a map, created by `make` if missing; `None` if
    /// this is not a map.
    pub(crate) fn entry(&mut self, key: &'a str, make: impl FnOnce() -> Node<'a>) -> Option<&mut Node<'a>> {
        let Node::Map(m) = self else { return None };
        let i = match m.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                m.push((key, make()));
                m.len() - 1
            }
        };
        m.get_mut(i).map(|(_, v)| v)
    }

    /// Puts `v` at `path`, creating maps on the way.
    pub(crate) fn put(&mut self, path: &[&'a str], v: Node<'a>) {
        match path {
            [] => {}
            [k] => {
                if let Node::Map(m) = self {
                    match m.iter_mut().find(|(key, _)| key == k) {
                        Some((_, slot)) => *slot = v,
                        None => m.push((k, v)),
                    }
                }
            }
            [k, rest @ ..] => {
                if let Some(next) = self.entry(k, Node::map) {
                    next.put(rest, v);
                }
            }
        }
    }

    /// Appends `v` to the list at `path`; returns its index there.
    pub(crate) fn push_at(&mut self, path: &[&'a str], v: Node<'a>) -> usize {
        let mut cur = self;
        let Some((last, init)) = path.split_last() else { return 0 };
        for k in init {
            match cur.entry(k, Node::map) {
                Some(next) => cur = next,
                None => return 0,
            }
        }
        match cur.entry(last, || Node::Seq(Vec::new())) {
            Some(Node::Seq(list)) => {
                list.push(v);
                list.len() - 1
            }
            _ => 0,
        }
    }

    /// Removes the entry `key` of a map.
    pub(crate) fn remove(&mut self, key: &str) -> Option<Node<'a>> {
        let Node::Map(m) = self else { return None };
        let i = m.iter().position(|(k, _)| *k == key)?;
        Some(m.remove(i).1)
    }
}

/// The error of [`Node`] deserialization: serde's plain message error.
pub(crate) type NodeError = de::value::Error;

struct SeqAccess<'de, 'a>(std::slice::Iter<'de, Node<'a>>);

impl<'de, 'a: 'de> de::SeqAccess<'de> for SeqAccess<'de, 'a> {
    type Error = NodeError;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, NodeError> {
        self.0.next().map(|n| seed.deserialize(n)).transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct MapAccess<'de, 'a> {
    entries: std::slice::Iter<'de, (&'a str, Node<'a>)>,
    value: Option<&'de Node<'a>>,
}

impl<'de, 'a: 'de> de::MapAccess<'de> for MapAccess<'de, 'a> {
    type Error = NodeError;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, NodeError> {
        match self.entries.next() {
            Some((k, v)) => {
                self.value = Some(v);
                let key: &'de str = k;
                seed.deserialize(de::value::BorrowedStrDeserializer::new(key)).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, NodeError> {
        match self.value.take() {
            Some(v) => seed.deserialize(v),
            None => Err(de::Error::custom("value without a key (a bug in regdev)")),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

impl<'de, 'a: 'de> Deserializer<'de> for &'de Node<'a> {
    type Error = NodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NodeError> {
        match self {
            Node::Str(s) => {
                let s: &'de str = s;
                visitor.visit_borrowed_str(s)
            }
            Node::I64(i) => visitor.visit_i64(*i),
            Node::U64(u) => visitor.visit_u64(*u),
            Node::F64(f) => visitor.visit_f64(*f),
            Node::Seq(items) => visitor.visit_seq(SeqAccess(items.iter())),
            Node::Map(entries) => visitor.visit_map(MapAccess { entries: entries.iter(), value: None }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NodeError> {
        // Nulls are never stored: an absent field is an absent entry.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, NodeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, NodeError> {
        match self {
            Node::Str(s) => {
                let s: &'de str = s;
                visitor.visit_enum(IntoDeserializer::<NodeError>::into_deserializer(s))
            }
            Node::Map(entries) => match entries.as_slice() {
                [(k, v)] => {
                    let key: &'de str = k;
                    visitor.visit_enum(EnumAccess { key, value: v })
                }
                _ => Err(de::Error::invalid_type(de::Unexpected::Map, &visitor)),
            },
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// An externally tagged enum variant with a value: `{variant: value}`.
struct EnumAccess<'de, 'a> {
    key: &'de str,
    value: &'de Node<'a>,
}

impl<'de, 'a: 'de> de::EnumAccess<'de> for EnumAccess<'de, 'a> {
    type Error = NodeError;
    type Variant = &'de Node<'a>;
    fn variant_seed<V: de::DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, &'de Node<'a>), NodeError> {
        let v = seed.deserialize(de::value::BorrowedStrDeserializer::new(self.key))?;
        Ok((v, self.value))
    }
}

impl<'de, 'a: 'de> de::VariantAccess<'de> for &'de Node<'a> {
    type Error = NodeError;
    fn unit_variant(self) -> Result<(), NodeError> {
        Err(de::Error::invalid_type(de::Unexpected::Map, &"a unit variant"))
    }
    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, NodeError> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, NodeError> {
        self.deserialize_any(visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, NodeError> {
        self.deserialize_any(visitor)
    }
}

/// What serde calls a value of this kind in its messages.
fn unexpected<'de>(n: &'de Node<'_>) -> de::Unexpected<'de> {
    match n {
        Node::Str(s) => de::Unexpected::Str(s),
        Node::I64(i) => de::Unexpected::Signed(*i),
        Node::U64(u) => de::Unexpected::Unsigned(*u),
        Node::F64(f) => de::Unexpected::Float(*f),
        Node::Seq(_) => de::Unexpected::Seq,
        Node::Map(_) => de::Unexpected::Map,
    }
}
