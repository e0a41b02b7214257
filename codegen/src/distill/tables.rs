//! Tables recognized by their header: which column holds the name, the type, the
//! description, a required flag, a value. Shared by request bodies, headers, query and
//! path parameters, properties, relationships and enum members.

use crate::spec::{Diagnostic, DiagnosticKind, Param, Requirement, TypeExpr};

use super::outline::{Inline, Row, Table};
use super::requirement::{requirement_cell, requirement_in_text};
use super::{text, types};

/// Which column holds what.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Columns {
    pub name: Option<usize>,
    pub type_: Option<usize>,
    pub description: Option<usize>,
    pub required: Option<usize>,
    pub value: Option<usize>,
}

/// A header cell's text, normalized: lower case, markup and `?` removed.
pub(crate) fn header_key(cell: &Inline<'_>) -> String {
    header_text(cell).to_ascii_lowercase()
}

/// [`header_key`] before lower-casing.
fn header_text<'a>(cell: &'a Inline<'_>) -> &'a str {
    text::trim(text::trim_set(text::trim(cell.text), b"*_:?"))
}

/// Whether a header cell's [`header_key`] is `key`, without building it.
pub(crate) fn header_is(cell: &Inline<'_>, key: &str) -> bool {
    header_text(cell).eq_ignore_ascii_case(key)
}

/// Classify a table's columns by their header names.
pub(crate) fn columns(table: &Table<'_>) -> Columns {
    let mut cols = Columns::default();
    for (i, cell) in table.header.iter().enumerate() {
        let Some(slot) = text::with_lower(header_text(cell), |key| column_of(key, &mut cols))
        else {
            continue;
        };
        if slot.is_none() {
            *slot = Some(i);
        }
    }
    // `Name | Value` tables: the value is the description. `Name | Value |
    // Description` tables (drive items, sites): the value column holds the type.
    let enum_table = cols.name.is_some_and(|i| header_is(&table.header[i], "member"));
    if cols.type_.is_none() && cols.value.is_some() && !enum_table {
        if cols.description.is_none() {
            cols.description = cols.value;
        } else {
            cols.type_ = cols.value;
        }
    }
    cols
}

/// The slot of [`Columns`] a header key names.
fn column_of<'c>(key: &str, cols: &'c mut Columns) -> Option<&'c mut Option<usize>> {
    Some(match key {
        "name"
        | "parameter"
        | "property"
        | "parameter name"
        | "property name"
        | "header"
        | "query parameter"
        | "relationship"
        | "member"
        | "function parameter"
        | "request header"
        | "properties"
        | "parameters"
        | "header name"
        | "field"
        | "query parameter name"
        | "path parameter" => &mut cols.name,
        "type" | "data type" | "value type" => &mut cols.type_,
        "description" | "description and example" | "details" | "notes" | "description / notes" => {
            &mut cols.description
        }
        k if k.starts_with("required") || k == "optional" || k == "is required" => {
            &mut cols.required
        }
        "value" | "values" | "member value" => &mut cols.value,
        _ => return None,
    })
}

/// The cell at `index`, when the row has it.
pub(crate) fn cell<'a, 's>(row: &'a Row<'s>, index: Option<usize>) -> Option<&'a Inline<'s>> {
    index.and_then(|i| row.cells.get(i))
}

/// A name cell's text: the first word, without markup (`**clientContext**`,
/// `` `id` ``, `clientContext (optional)`).
pub(crate) fn name_text(cell: &Inline<'_>) -> String {
    name_in(cell.text).to_string()
}

/// [`name_text`], as the part of the cell's text it is.
fn name_in(text: &str) -> &str {
    let first = text::first_word(text::trim(text::trim_set(text::trim(text), b"*_")));
    text::trim_set(first, b"*_,:`")
}

/// The text of a name cell after `name`, its [`name_in`]: `(Required)` in
/// `language (Required)`. Taken from where the name ends, not from the name's length:
/// the characters trimmed before it may be any length (`:---\u{fffd}` names
/// `---\u{fffd}`).
fn after_name<'t>(cell_text: &'t str, name: &str) -> &'t str {
    // A non-empty `name` is a slice of `cell_text` (every step of `name_in` trims or
    // cuts): its end is an offset into it, on a character boundary. (An empty one may be
    // a static `""`: nothing follows it then.)
    let start = (name.as_ptr() as usize).checked_sub(cell_text.as_ptr() as usize);
    match start {
        Some(start) if !name.is_empty() => cell_text.get(start + name.len()..).unwrap_or(""),
        _ => "",
    }
}

/// Record a row whose written cell count differs from the header's.
pub(crate) fn check_row_width(
    table: &Table<'_>,
    row: &Row<'_>,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if row.written_cells != table.header.len() {
        diagnostics.push(Diagnostic::warning(
            DiagnosticKind::RaggedTableRow,
            Some(row.line),
            format!(
                "{what} table row has {} cells, its header has {}{}",
                row.written_cells,
                table.header.len(),
                if row.written_cells > table.header.len() { " (extra cells ignored)" } else { "" }
            ),
        ));
    }
}

/// Read a parameter table (name, type, description, maybe a required column) whose
/// [`columns`] the caller has into [`Param`]s, with diagnostics for untyped rows and
/// duplicates.
pub(crate) fn params_in(
    table: &Table<'_>,
    cols: Columns,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Param> {
    let mut out: Vec<Param> = Vec::with_capacity(table.rows.len());
    for row in table.rows {
        if row.written_cells == 1 && table.header.len() > 1 {
            // A one-cell row is a group label (`|**Device configuration**|`) or a
            // description that runs on past a line break: add it to the row above.
            let text = text::trim(row.cells.first().map(|c| c.markdown).unwrap_or(""));
            let bold = text.starts_with("**") || text.starts_with("__");
            if let (false, Some(last)) = (bold, out.last_mut()) {
                if !text.is_empty() {
                    last.description.push(' ');
                    last.description.push_str(text);
                }
            }
            continue;
        }
        check_row_width(table, row, what, diagnostics);
        let Some(name_cell) = cell(row, cols.name.or(Some(0))) else { continue };
        let name_str = name_in(name_cell.text);
        if name_str.is_empty() {
            continue;
        }
        let name = name_str.to_string();
        let description = cell(row, cols.description).map(|c| c.markdown.to_string());
        let description = description.unwrap_or_default();
        let (type_expr, type_text) = match cell(row, cols.type_) {
            Some(c) => (types::parse(c.text, c.links), c.markdown.to_string()),
            None => (TypeExpr::Unknown { text: String::new() }, String::new()),
        };
        if cols.type_.is_some() && !types::is_known(&type_expr) {
            diagnostics.push(Diagnostic::warning(
                DiagnosticKind::UnparsedType,
                Some(row.line),
                format!("{what} `{name}`: type `{type_text}` not understood"),
            ));
        }
        let required = match cell(row, cols.required) {
            Some(c) => requirement_cell(c.text),
            None => Requirement::Unstated,
        };
        let required = match required {
            Requirement::Unstated => {
                let in_name = requirement_in_text(after_name(name_cell.text, name_str));
                match in_name {
                    Requirement::Unstated => requirement_in_text(&description),
                    r => r,
                }
            }
            r => r,
        };
        if out.iter().any(|p| p.name == name) {
            diagnostics.push(Diagnostic::warning(
                DiagnosticKind::DuplicateName,
                Some(row.line),
                format!("{what} `{name}` appears twice in the table"),
            ));
        }
        out.push(Param { name, type_expr, type_text, description, required, line: row.line });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after_name_of(cell_text: &str) -> &str {
        after_name(cell_text, name_in(cell_text))
    }

    #[test]
    fn text_after_the_name() {
        assert_eq!(after_name_of("language (Required)"), " (Required)");
        assert_eq!(after_name_of(":---\u{fffd} x"), " x", "after a trimmed prefix");
        assert_eq!(after_name_of("*id*, Optional"), "*, Optional");
        assert_eq!(after_name_of("  "), "");
    }
}
