//! Resource pages: properties, relationships, methods, enum members, base type, and the
//! JSON representation block.

use crate::spec::{
    Diagnostic, DiagnosticKind, EnumDef, EnumMember, JsonRepresentation, JsonText, MethodRef,
    Property, ResourceKind, TypeExpr,
};

use serde::Deserialize;
use serde_json::value::RawValue;

use super::annotation;
use super::outline::{Block, BlockKind, Outline, Table};
use super::tables::{self, cell, columns, name_text};
use super::{text, types};

/// What a resource page defines, before it is assembled into a `ResourcePage`.
pub(crate) struct ResourceFacts {
    pub name: String,
    pub odata_type: Option<String>,
    pub kind: ResourceKind,
    pub base_type: Option<TypeExpr>,
    pub methods: Vec<MethodRef>,
    pub properties: Vec<Property>,
    pub relationships: Vec<Property>,
    pub members: Vec<EnumMember>,
    pub enums: Vec<EnumDef>,
    pub json_representation: Option<JsonRepresentation>,
}

/// Read a resource page's facts.
pub(crate) fn resource(
    outline: &Outline<'_>,
    stem: &str,
    title: &str,
    doc_type: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> ResourceFacts {
    let (json_representation, odata_type) = match json_representation(outline, diagnostics) {
        Some((json, odata_type)) => (Some(json), odata_type),
        None => (None, None),
    };
    let name = odata_type
        .as_deref()
        .map(|t| t.strip_prefix("microsoft.graph.").unwrap_or(t).to_string())
        .unwrap_or_else(|| name_from_title(title, stem));

    let mut properties = Vec::new();
    for section in outline.sections_where(|t| t == "properties" || t.starts_with("properties ")) {
        for (line, table) in tables_with_lines(outline.body(section)) {
            properties.extend(property_rows(table, line, "property", diagnostics));
        }
    }
    let mut relationships = Vec::new();
    for section in outline.sections_where(|t| t == "relationships" || t == "relationship") {
        for (line, table) in tables_with_lines(outline.body(section)) {
            relationships.extend(property_rows(table, line, "relationship", diagnostics));
        }
    }
    if let Some(json) = &json_representation {
        for p in properties.iter_mut().chain(relationships.iter_mut()) {
            p.optional = json.optional_properties.iter().any(|o| o == &p.name);
        }
    }
    let methods: Vec<MethodRef> = outline
        .section(&["methods"])
        .map(|s| tables_of(outline.body(s)).flat_map(method_rows).collect())
        .unwrap_or_default();

    let mut members = Vec::new();
    if let Some(section) = outline.section(&["members", "enum members", "values"]) {
        for table in tables_of(outline.body(section)) {
            members.extend(member_rows(table, diagnostics));
        }
    }
    let mut enums = Vec::new();
    for section in outline.sections_where(|t| t.ends_with(" values") && t.split(' ').count() == 2) {
        let name = outline.blocks[section.heading]
            .text()
            .and_then(|t| t.split_whitespace().next())
            .unwrap_or("")
            .to_string();
        let members: Vec<EnumMember> =
            tables_of(outline.body(section)).flat_map(|t| member_rows(t, diagnostics)).collect();
        if !name.is_empty() && !members.is_empty() {
            enums.push(EnumDef { name, members, line: outline.blocks[section.heading].line });
        }
    }

    let base_type = base_type(outline, json_representation.as_ref());
    let is_enum_page = doc_type.is_some_and(|d| d.eq_ignore_ascii_case("enumPageType"))
        || title.to_ascii_lowercase().ends_with(" enum type");
    let kind = if stem.starts_with("enums")
        || (!enums.is_empty() && properties.is_empty() && members.is_empty())
    {
        ResourceKind::EnumCollection
    } else if is_enum_page || (!members.is_empty() && properties.is_empty()) {
        ResourceKind::Enum
    } else if json_representation.as_ref().is_some_and(|j| j.key_property.is_some())
        || base_type
            .as_ref()
            .is_some_and(|b| matches!(b, TypeExpr::Named { name, .. } if name == "entity"))
        || !relationships.is_empty()
        || !methods.is_empty()
    {
        ResourceKind::Entity
    } else if !properties.is_empty() || base_type.is_some() || json_representation.is_some() {
        ResourceKind::Complex
    } else {
        ResourceKind::Overview
    };
    if kind == ResourceKind::Enum && members.is_empty() {
        diagnostics.push(Diagnostic::warning(
            DiagnosticKind::MissingSection,
            None,
            "enum page has no members table",
        ));
    }
    if matches!(kind, ResourceKind::Entity | ResourceKind::Complex)
        && properties.is_empty()
        && outline.section(&["properties"]).is_none()
    {
        diagnostics.push(Diagnostic::note(
            DiagnosticKind::MissingSection,
            None,
            "resource page has no Properties section",
        ));
    }
    ResourceFacts {
        name,
        odata_type,
        kind,
        base_type,
        methods,
        properties,
        relationships,
        members,
        enums,
        json_representation,
    }
}

fn tables_of<'a, 's>(blocks: &'a [Block<'s>]) -> impl Iterator<Item = &'a Table<'s>> + 'a {
    blocks.iter().filter_map(|b| match &b.kind {
        BlockKind::Table(t) => Some(t),
        _ => None,
    })
}

/// The tables among `blocks`, with their header rows' lines.
fn tables_with_lines<'a, 's>(
    blocks: &'a [Block<'s>],
) -> impl Iterator<Item = (u32, &'a Table<'s>)> + 'a {
    blocks.iter().filter_map(|b| match &b.kind {
        BlockKind::Table(t) => Some((b.line, t)),
        _ => None,
    })
}

/// `call resource type` -> `call`; `enrollmentState enum type` -> `enrollmentState`.
fn name_from_title(title: &str, stem: &str) -> String {
    let lower = title.to_ascii_lowercase();
    for suffix in [
        " resource type (deprecated)",
        " resource type",
        " complex type",
        " enum type",
        " entity type",
        " resource",
        " object",
        " facet",
    ] {
        if lower.ends_with(suffix) {
            let name = title[..title.len() - suffix.len()].trim();
            if !name.is_empty() && !name.contains(' ') {
                return name.to_string();
            }
        }
    }
    if !title.trim().is_empty() && !title.trim().contains(' ') {
        return title.trim().to_string();
    }
    stem.to_string()
}

/// The properties of one table; `line` is its header row's.
fn property_rows(
    table: &Table<'_>,
    line: u32,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Property> {
    // Enum tables (`Member | Value | Description`, `Value | Description`) of `### x
    // values` subsections inside the properties section are read by `member_rows`.
    let cols = columns(table);
    let first = table.header.first();
    if first.is_some_and(|h| tables::header_is(h, "member"))
        || (cols.name.is_none() && first.is_some_and(|h| tables::header_is(h, "value")))
    {
        return Vec::new();
    }
    if cols.type_.is_none() && cols.description.is_none() {
        diagnostics.push(Diagnostic::warning(
            DiagnosticKind::UnrecognizedTable,
            Some(line),
            format!("{what} table has no Type or Description column"),
        ));
        return Vec::new();
    }
    tables::params_in(table, cols, what, diagnostics)
        .into_iter()
        .map(|p| {
            let has = |needle| text::contains_lower(&p.description, needle);
            // Every nullable wording has "null" in it, every read-only one "only": one
            // search rules each group out for most descriptions.
            let nullable = if !has("null") {
                None
            } else if has("not nullable") || has("non-nullable") || has("not null") {
                Some(false)
            } else if has("nullable") {
                Some(true)
            } else {
                None
            };
            let read_only =
                has("only") && (has("read-only") || has("read only") || has("readonly"));
            Property {
                name: p.name,
                type_expr: p.type_expr,
                type_text: p.type_text,
                description: p.description,
                nullable,
                required: p.required,
                read_only,
                optional: false,
                line: p.line,
            }
        })
        .collect()
}

fn method_rows<'a>(table: &'a Table<'_>) -> impl Iterator<Item = MethodRef> + 'a {
    let cols = columns(table);
    let ret = table.header.iter().position(|h| tables::header_key(h).contains("return"));
    table.rows.iter().filter_map(move |row| {
        let first = row.cells.first()?;
        let link = first.links.first()?;
        Some(MethodRef {
            name: first.text.trim().to_string(),
            page: types::link_stem(link.dest),
            returns: cell(row, ret).map(|c| c.markdown.to_string()).unwrap_or_default(),
            description: cell(row, cols.description)
                .map(|c| c.markdown.to_string())
                .unwrap_or_default(),
            line: row.line,
        })
    })
}

fn member_rows(table: &Table<'_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<EnumMember> {
    let cols = columns(table);
    let name_col = cols.name.unwrap_or(0);
    let mut out: Vec<EnumMember> = Vec::new();
    for row in table.rows {
        let Some(name_cell) = row.cells.get(name_col) else { continue };
        let name = name_text(name_cell);
        if name.is_empty() {
            continue;
        }
        let value = cell(row, cols.value).and_then(|c| c.text.trim().parse::<i64>().ok());
        let description = cell(row, cols.description)
            .filter(|_| cols.description != cols.value)
            .map(|c| c.markdown.to_string())
            .unwrap_or_default();
        if out.iter().any(|m| m.name == name) {
            diagnostics.push(Diagnostic::warning(
                DiagnosticKind::DuplicateName,
                Some(row.line),
                format!("enum member `{name}` appears twice"),
            ));
        }
        out.push(EnumMember { name, value, description, line: row.line });
    }
    out
}

/// "Inherits from [entity](entity.md)." in the intro, or the annotation's `baseType`.
fn base_type(outline: &Outline<'_>, json: Option<&JsonRepresentation>) -> Option<TypeExpr> {
    for block in outline.intro().iter().chain(outline.blocks.iter().take(40)) {
        let BlockKind::Paragraph(inline) = &block.kind else { continue };
        let Some(at) = text::find_lower(inline.text, "inherits from") else { continue };
        let rest = inline.text[at + "inherits from".len()..].trim();
        let first = rest.split_whitespace().next().unwrap_or("").trim_end_matches(['.', ',']);
        if first.is_empty() {
            continue;
        }
        let name = first.trim_matches(['[', ']', '*']);
        let page =
            inline.links.iter().find(|l| l.text == name).and_then(|l| types::link_stem(l.dest));
        let name = name.strip_prefix("microsoft.graph.").unwrap_or(name);
        return Some(TypeExpr::named(name, page));
    }
    json.and_then(|j| j.base_type.as_deref()).map(types::parse_name)
}

/// What the resource annotation says beyond its block type: a field of the wrong kind
/// reads as absent (`"openType": "yes"` is not a flag).
#[derive(Debug, Default, PartialEq)]
struct ResourceFields {
    optional_properties: Vec<String>,
    key_property: Option<String>,
    base_type: Option<String>,
    open_type: bool,
    is_abstract: bool,
}

/// [`ResourceFields`] as written: each field's JSON text, every other field skipped.
#[derive(Deserialize)]
struct RawResourceFields<'a> {
    #[serde(rename = "optionalProperties", borrow, default)]
    optional_properties: Option<&'a RawValue>,
    #[serde(rename = "keyProperty", borrow, default)]
    key_property: Option<&'a RawValue>,
    #[serde(rename = "baseType", borrow, default)]
    base_type: Option<&'a RawValue>,
    #[serde(rename = "openType", borrow, default)]
    open_type: Option<&'a RawValue>,
    #[serde(rename = "abstract", borrow, default)]
    is_abstract: Option<&'a RawValue>,
}

impl ResourceFields {
    /// Read them from the annotation's JSON text (already checked to be JSON). A field
    /// written twice is read as a JSON object reads it, the last one winning.
    fn read(json: &str) -> ResourceFields {
        // (A struct also reads from an array, by position: only an object is read so.)
        let raw = Some(json)
            .filter(|j| j.trim_start().starts_with('{'))
            .and_then(|j| serde_json::from_str::<RawResourceFields<'_>>(j).ok());
        let Some(raw) = raw else {
            // Duplicate keys, or not an object: a full parse, which keeps the last of
            // each key.
            return ResourceFields::from_value(&serde_json::from_str(json).unwrap_or_default());
        };
        let string = annotation::raw_string;
        let flag = |v: Option<&RawValue>| v.is_some_and(|v| v.get() == "true");
        let strings = raw
            .optional_properties
            .and_then(|v| serde_json::from_str::<Vec<&RawValue>>(v.get()).ok())
            .map(|items| items.iter().filter_map(|v| string(Some(v))).collect())
            .unwrap_or_default();
        ResourceFields {
            optional_properties: strings,
            key_property: string(raw.key_property),
            base_type: string(raw.base_type),
            open_type: flag(raw.open_type),
            is_abstract: flag(raw.is_abstract),
        }
    }

    fn from_value(value: &serde_json::Value) -> ResourceFields {
        let field = |key: &str| value.get(key);
        let string = |key: &str| field(key).and_then(|v| v.as_str()).map(str::to_string);
        let flag = |key: &str| field(key).and_then(|v| v.as_bool()).unwrap_or(false);
        ResourceFields {
            optional_properties: field("optionalProperties")
                .and_then(|v| v.as_array())
                .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
                .unwrap_or_default(),
            key_property: string("keyProperty"),
            base_type: string("baseType"),
            open_type: flag("openType"),
            is_abstract: flag("abstract"),
        }
    }
}

/// The block annotated `"blockType": "resource"`, and the annotation's `@odata.type`.
fn json_representation(
    outline: &Outline<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(JsonRepresentation, Option<String>)> {
    let block = outline.blocks.iter().find(|b| {
        matches!(b.kind, BlockKind::Code { .. })
            && b.annotation.as_ref().is_some_and(|a| text::contains(a.json, "\"resource\""))
    })?;
    let BlockKind::Code { text, .. } = &block.kind else { return None };
    let raw = block.annotation.as_ref()?;
    let ann = annotation::parse(raw, diagnostics);
    if ann.block_type.as_deref() != Some("resource") {
        return None;
    }
    let fields = ann.raw.as_ref().map(|r| ResourceFields::read(r.as_str())).unwrap_or_default();
    let json = JsonRepresentation {
        text: text.trim_end().to_string(),
        value: JsonText::parse(text).ok(),
        optional_properties: fields.optional_properties,
        key_property: fields.key_property,
        base_type: fields.base_type,
        open_type: fields.open_type,
        is_abstract: fields.is_abstract,
        line: block.line,
    };
    Some((json, ann.odata_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_fields_read_as_a_json_object_reads_them() {
        for json in [
            r#"{"blockType": "resource", "optionalProperties": ["a", 1, "b"], "keyProperty": "id", "baseType": "microsoft.graph.entity", "openType": true, "abstract": false}"#,
            r#"{"openType": "true", "abstract": 1, "keyProperty": 7, "optionalProperties": "a"}"#,
            r#"{"keyProperty": "a", "keyProperty": "b", "openType": true, "openType": false}"#,
            r#"{"blockType": "resource"}"#,
            r#"[1, 2]"#,
            r#"["a", "b", "c", true, true]"#,
        ] {
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(ResourceFields::read(json), ResourceFields::from_value(&value), "{json}");
        }
        let read =
            ResourceFields::read(r#"{"optionalProperties": ["a", 1, "b"], "abstract": true}"#);
        assert_eq!(read.optional_properties, ["a", "b"]);
        assert!(read.is_abstract);
        let twice = ResourceFields::read(r#"{"keyProperty": "a", "keyProperty": "b"}"#);
        assert_eq!(twice.key_property.as_deref(), Some("b"));
    }
}
