//! Resource pages: entity, complex and enum types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    ApiVersion, Diagnostic, FrontMatter, Include, JsonText, Requirement, TypeExpr, VersionSource,
    is_false,
};

/// A distilled resource page (`api-reference/<version>/resources/<stem>.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourcePage {
    /// Spec format version ([`super::SPEC_FORMAT_VERSION`]).
    pub format: u32,
    /// File name without `.md`, e.g. `call`.
    pub stem: String,
    /// The API version documented.
    pub version: ApiVersion,
    /// How [`ResourcePage::version`] was determined.
    pub version_source: VersionSource,
    /// The page's path relative to the docs root.
    pub source: String,
    /// The page on the public docs site.
    pub doc_url: String,
    /// The page's front matter.
    pub front_matter: FrontMatter,
    /// The H1 title, e.g. `call resource type`.
    pub title: String,
    /// The type's name (`call`, from the title or the JSON annotation's `@odata.type`).
    pub name: String,
    /// `Namespace: ...` line, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The qualified `@odata.type` of the JSON representation annotation, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    /// What kind of type the page defines.
    pub kind: ResourceKind,
    /// The base type ("Inherits from [entity](entity.md)", or the annotation's
    /// `baseType`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_type: Option<TypeExpr>,
    /// The prose between the title and the first section, as markdown.
    pub description: String,
    /// Every `[!INCLUDE]` directive on the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub includes: Vec<Include>,
    /// Rows of the "Methods" table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<MethodRef>,
    /// Rows of the "Properties" table(s).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
    /// Rows of the "Relationships" table (navigation properties).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relationships: Vec<Property>,
    /// The members, when the page defines one enum type (`kind: enum`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<EnumMember>,
    /// Other enum types the page defines (`### callDirection values` tables, or the
    /// many enums of an `enums.md` page).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<EnumDef>,
    /// The "JSON representation" block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_representation: Option<JsonRepresentation>,
    /// What the page lacks or contradicts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

/// What kind of type a resource page defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// An entity type: has a key (`id`), is addressable.
    Entity,
    /// A complex type: a structured value without identity.
    Complex,
    /// An enum type: [`ResourcePage::members`].
    Enum,
    /// A page that only lists enum types ([`ResourcePage::enums`]), like `enums.md`.
    EnumCollection,
    /// An overview page that defines no type.
    Overview,
}

/// A row of a "Properties" or "Relationships" table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Property {
    /// The name as written (wire name).
    pub name: String,
    /// The parsed type.
    #[serde(rename = "type")]
    pub type_expr: TypeExpr,
    /// The type cell as written.
    pub type_text: String,
    /// The description, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Whether the value may be `null`, when the page says ("Nullable." / "Not
    /// nullable.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
    /// Whether the page says it is required.
    #[serde(default, skip_serializing_if = "Requirement::is_unstated")]
    pub required: Requirement,
    /// The page says "Read-only."
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    /// The JSON representation annotation lists it in `optionalProperties`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// 1-based line of the row.
    pub line: u32,
}

/// An enum type's definition (on its own page, or one of several on a page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    /// The enum's name (`callDirection`).
    pub name: String,
    /// Its members, in page order.
    pub members: Vec<EnumMember>,
    /// 1-based line of the heading that names it.
    pub line: u32,
}

/// One member of an enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumMember {
    /// The member as it appears in JSON (`incoming`, `unknownFutureValue`).
    pub name: String,
    /// The numeric value, when the table gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    /// The description, when the table gives one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// 1-based line of the row.
    pub line: u32,
}

/// A row of a resource page's "Methods" table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodRef {
    /// The method's label (`Get`, `PlayPrompt`).
    pub name: String,
    /// The stem of the API page it links to (`call-get`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The return type cell as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub returns: String,
    /// The description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// 1-based line of the row.
    pub line: u32,
}

/// The "JSON representation" block of a resource page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonRepresentation {
    /// The block as written.
    pub text: String,
    /// The block parsed as JSON, when it is valid JSON (often it is not: comments,
    /// placeholders, trailing commas).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<JsonText>,
    /// The annotation's `optionalProperties`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional_properties: Vec<String>,
    /// The annotation's `keyProperty`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_property: Option<String>,
    /// The annotation's `baseType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_type: Option<String>,
    /// The annotation's `openType`: instances may carry properties not listed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_type: bool,
    /// The annotation's `abstract`: only derived types are ever instantiated.
    #[serde(default, rename = "abstract", skip_serializing_if = "is_false")]
    pub is_abstract: bool,
    /// 1-based line of the code fence.
    pub line: u32,
}
