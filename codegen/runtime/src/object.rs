//! Reading a generated struct out of a JSON object and writing it back: what the
//! generated types' `Deserialize` and `Serialize` impls call.
//!
//! A derived `Deserialize` for a struct with a flattened map of unknown members costs
//! each struct some twenty functions (a field enum, its visitor with a method per
//! primitive, a map visitor) that rustc type-checks and borrow-checks in every build of
//! a generated crate, and a derived `Serialize` a branch and a qualified call per field.
//! A generated impl instead reads the object once into a [`JsonObject`] and takes each
//! member by its JSON name (the member name is in every error), and writes through a
//! [`JsonObjectWriter`] one call per field: one short function each way per struct.
//!
//! **Sending `null`** (to clear a property with `PATCH`): a `None` field is left out of
//! the JSON, which Graph reads as "unchanged". The structs an update (`PATCH`, `PUT`)
//! takes as its body, and their derived types, name their members as constants,
//! [`Member`]s of that struct only, and have a `set_null` method taking one:
//! `user.set_null(User::MOBILE_PHONE)` sends `"mobilePhone": null`. It puts the
//! `null` in the struct's `additional_properties` under the member's JSON name; a member
//! there takes the place of the field of the same name, so the `null` is sent whether
//! or not the field is set (remove it from `additional_properties` to send the field
//! again). A member the docs do not list can be nulled the same way by hand:
//! `user.additional_properties.insert("newMember".into(), Value::Null)`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Deserializer, Error, Unexpected};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A JSON object being read into a struct: [`take`](Self::take) each known member,
/// keep the [`rest`](Self::rest) (the members the docs do not list), then
/// [`finish`](Self::finish). The first member that does not decode is the error; a
/// plain call per field (no `?`) keeps each generated impl small. `E` is the
/// deserializer's error type.
#[derive(Debug)]
pub struct JsonObject<E> {
    members: Map<String, Value>,
    error: Option<E>,
}

impl<E: Error> JsonObject<E> {
    /// Read a JSON object (anything else is an error naming `type_name`, the struct's
    /// JSON type name).
    pub fn read<'de, D>(deserializer: D, type_name: &'static str) -> Result<Self, E>
    where
        D: Deserializer<'de, Error = E>,
    {
        match Value::deserialize(deserializer)? {
            Value::Object(members) => Ok(JsonObject { members, error: None }),
            other => Err(E::invalid_type(
                unexpected(&other),
                &format!("a `{type_name}` object").as_str(),
            )),
        }
    }

    /// The member named `key`, decoded; `None` when it is absent or `null`, or when it
    /// (or an earlier member) does not decode: [`finish`](Self::finish) then returns
    /// that error, naming the member.
    pub fn take<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        match self.members.shift_remove(key) {
            None | Some(Value::Null) => None,
            Some(_) if self.error.is_some() => None,
            Some(value) => match T::deserialize(value) {
                Ok(value) => Some(value),
                Err(error) => {
                    self.error = Some(E::custom(format_args!("`{key}`: {error}")));
                    None
                }
            },
        }
    }

    /// The members not taken, in the order they came.
    pub fn rest(&mut self) -> Map<String, Value> {
        std::mem::take(&mut self.members)
    }

    /// `value`, or the first error a member gave.
    pub fn finish<T>(self, value: T) -> Result<T, E> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

/// A struct being written as a JSON object: each [`field`](Self::field) that is `Some`,
/// then the struct's other members, `rest` (its `additional_properties`: those kept
/// from reading, and those the caller added, `null`s included), at
/// [`end`](Self::end). A member of `rest` takes the place of the field of the same name
/// (that is how a field is sent as `null`), so no member is written twice. The first
/// write that fails is the error `end` returns; a plain call per field keeps each
/// generated impl small.
pub struct JsonObjectWriter<'r, M: SerializeMap> {
    map: M,
    rest: &'r Map<String, Value>,
    error: Option<M::Error>,
}

impl<'r, M: SerializeMap> JsonObjectWriter<'r, M> {
    /// Start an object whose other members are `rest`.
    pub fn begin<S>(serializer: S, rest: &'r Map<String, Value>) -> Result<Self, S::Error>
    where
        S: Serializer<SerializeMap = M>,
    {
        Ok(JsonObjectWriter { map: serializer.serialize_map(None)?, rest, error: None })
    }

    /// Write the member `key` when `value` is `Some` (`None` is left out) and `rest` has
    /// no member `key` (then that one is written, at the end).
    pub fn field<T: Serialize>(&mut self, key: &str, value: &Option<T>) {
        if let (Some(value), None) = (value, &self.error) {
            // (An empty map answers without hashing `key`.)
            if self.rest.contains_key(key) {
                return;
            }
            if let Err(error) = self.map.serialize_entry(key, value) {
                self.error = Some(error);
            }
        }
    }

    /// Write the members of `rest` and close the object; or the first error.
    pub fn end(mut self) -> Result<M::Ok, M::Error> {
        if let Some(error) = self.error {
            return Err(error);
        }
        for (key, value) in self.rest {
            self.map.serialize_entry(key, value)?;
        }
        self.map.end()
    }
}

/// A member of the generated struct `T`, by its JSON name: the constants the structs of
/// updates have (`User::MOBILE_PHONE`), for their `set_null` method. A member of
/// one struct is not a member of another: `user.set_null(Group::MAIL)` does not compile.
pub struct Member<T> {
    name: &'static str,
    owner: PhantomData<fn() -> T>,
}

impl<T> Member<T> {
    /// The member of `T` whose JSON name is `name` (what generated code writes).
    pub const fn new(name: &'static str) -> Member<T> {
        Member { name, owner: PhantomData }
    }

    /// The member's JSON name (`mobilePhone`).
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

// By hand: derives would require `T: Clone` (and so on) of the struct it names.
impl<T> Clone for Member<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Member<T> {}

impl<T> PartialEq for Member<T> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl<T> Eq for Member<T> {}

impl<T> fmt::Debug for Member<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Member({:?})", self.name)
    }
}

/// A JSON value as serde names an unexpected one in its errors.
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (_, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Point {
        x: Option<i32>,
        label: Option<Box<str>>,
        rest: Map<String, Value>,
    }

    impl Serialize for Point {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut object = JsonObjectWriter::begin(serializer, &self.rest)?;
            object.field("x", &self.x);
            object.field("label", &self.label);
            object.end()
        }
    }

    impl<'de> Deserialize<'de> for Point {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut object = JsonObject::read(deserializer, "point")?;
            let point =
                Point { x: object.take("x"), label: object.take("label"), rest: object.rest() };
            object.finish(point)
        }
    }

    #[test]
    fn members_are_taken_by_name_and_the_rest_kept_in_order() {
        let point: Point =
            serde_json::from_str(r#"{"z": 1, "x": 3, "label": null, "a": [true]}"#).unwrap();
        assert_eq!(point.x, Some(3));
        assert_eq!(point.label, None);
        let rest: Vec<&str> = point.rest.keys().map(String::as_str).collect();
        assert_eq!(rest, ["z", "a"]);
    }

    #[test]
    fn fields_then_the_rest_are_written_and_none_left_out() {
        let point: Point =
            serde_json::from_str(r#"{"z": 1, "x": 3, "label": null, "a": [true]}"#).unwrap();
        assert_eq!(serde_json::to_string(&point).unwrap(), r#"{"x":3,"z":1,"a":[true]}"#);
        let labelled = Point { label: Some("p".into()), ..point };
        assert_eq!(
            serde_json::to_string(&labelled).unwrap(),
            r#"{"x":3,"label":"p","z":1,"a":[true]}"#
        );
    }

    #[test]
    fn a_member_of_the_rest_takes_the_place_of_its_field_so_null_can_be_sent() {
        let mut point = Point { x: Some(3), label: Some("p".into()), rest: Map::new() };
        point.rest.insert("label".into(), Value::Null);
        assert_eq!(serde_json::to_string(&point).unwrap(), r#"{"x":3,"label":null}"#);
        point.label = None;
        point.rest.insert("x".into(), Value::from(4));
        assert_eq!(serde_json::to_string(&point).unwrap(), r#"{"label":null,"x":4}"#);
    }

    #[test]
    fn errors_name_the_member_or_the_type() {
        let error = serde_json::from_str::<Point>(r#"{"x": "three", "label": 4}"#).unwrap_err();
        assert!(error.to_string().starts_with("`x`: invalid type: string \"three\""), "{error}");
        let error = serde_json::from_str::<Point>("[1]").unwrap_err();
        assert!(
            error.to_string().starts_with("invalid type: sequence, expected a `point` object"),
            "{error}"
        );
    }
}
