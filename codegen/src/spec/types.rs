//! Type expressions: what a "Type" column of a doc table means.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A structured type, parsed from the text of a "Type" column such as `String`,
/// `Int32`, `[prompt](../resources/prompt.md) collection`, `collection(String)` or
/// `[appHostedMediaConfig](...) or [serviceHostedMediaConfig](...)`.
///
/// Serialized with a `"kind"` tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeExpr {
    /// An Edm primitive (`String`, `Boolean`, `Int32`, `DateTimeOffset`, ...).
    Primitive {
        /// Which primitive.
        name: Primitive,
    },
    /// A named Graph type (entity, complex or enum), e.g. `prompt` or
    /// `microsoft.graph.callRecords.session`.
    Named {
        /// The name as the page writes it, without a `microsoft.graph.` prefix.
        name: String,
        /// The stem of the resource page that defines it, when the page links one
        /// (`../resources/prompt.md` gives `prompt`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page: Option<String>,
    },
    /// A collection of some item type (`X collection`, `collection(X)`, `X[]`).
    Collection {
        /// The item type.
        item: Box<TypeExpr>,
    },
    /// One of several types ("A or B"): usually derived types of a common base.
    Union {
        /// The alternatives, in page order.
        variants: Vec<TypeExpr>,
    },
    /// Text that could not be read as a type; kept so nothing is lost (a diagnostic
    /// says where).
    Unknown {
        /// The cell's text.
        text: String,
    },
}

impl TypeExpr {
    /// A primitive type expression.
    pub fn primitive(name: Primitive) -> TypeExpr {
        TypeExpr::Primitive { name }
    }

    /// A named type expression.
    pub fn named(name: impl Into<String>, page: Option<String>) -> TypeExpr {
        TypeExpr::Named { name: name.into(), page }
    }

    /// A collection of `item`.
    pub fn collection(item: TypeExpr) -> TypeExpr {
        TypeExpr::Collection { item: Box::new(item) }
    }

    /// Whether this is a collection.
    pub fn is_collection(&self) -> bool {
        matches!(self, TypeExpr::Collection { .. })
    }
}

/// The Edm primitive types that Graph docs use, by their Edm names.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Primitive {
    /// `Edm.String`
    String,
    /// `Edm.Boolean`
    Boolean,
    /// `Edm.Byte`
    Byte,
    /// `Edm.SByte`
    SByte,
    /// `Edm.Int16`
    Int16,
    /// `Edm.Int32`
    Int32,
    /// `Edm.Int64`
    Int64,
    /// `Edm.Single`
    Single,
    /// `Edm.Double`
    Double,
    /// `Edm.Decimal`
    Decimal,
    /// `Edm.DateTimeOffset` (ISO 8601 date and time with offset)
    DateTimeOffset,
    /// `Edm.Date`
    Date,
    /// `Edm.TimeOfDay`
    TimeOfDay,
    /// `Edm.Duration` (ISO 8601 duration)
    Duration,
    /// `Edm.Guid`
    Guid,
    /// `Edm.Binary` (base64 in JSON)
    Binary,
    /// `Edm.Stream` (a binary body)
    Stream,
    /// An untyped JSON value (`Json`, `Object`, `Edm.Untyped`).
    Json,
}

impl Primitive {
    /// Every primitive, in declaration order.
    pub const ALL: [Primitive; 18] = [
        Primitive::String,
        Primitive::Boolean,
        Primitive::Byte,
        Primitive::SByte,
        Primitive::Int16,
        Primitive::Int32,
        Primitive::Int64,
        Primitive::Single,
        Primitive::Double,
        Primitive::Decimal,
        Primitive::DateTimeOffset,
        Primitive::Date,
        Primitive::TimeOfDay,
        Primitive::Duration,
        Primitive::Guid,
        Primitive::Binary,
        Primitive::Stream,
        Primitive::Json,
    ];

    /// The Edm name, without the `Edm.` prefix.
    pub fn as_str(self) -> &'static str {
        match self {
            Primitive::String => "String",
            Primitive::Boolean => "Boolean",
            Primitive::Byte => "Byte",
            Primitive::SByte => "SByte",
            Primitive::Int16 => "Int16",
            Primitive::Int32 => "Int32",
            Primitive::Int64 => "Int64",
            Primitive::Single => "Single",
            Primitive::Double => "Double",
            Primitive::Decimal => "Decimal",
            Primitive::DateTimeOffset => "DateTimeOffset",
            Primitive::Date => "Date",
            Primitive::TimeOfDay => "TimeOfDay",
            Primitive::Duration => "Duration",
            Primitive::Guid => "Guid",
            Primitive::Binary => "Binary",
            Primitive::Stream => "Stream",
            Primitive::Json => "Json",
        }
    }
}
