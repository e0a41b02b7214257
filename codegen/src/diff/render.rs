//! The change report as Markdown (for people, pull requests, release notes) and JSON
//! (for tools).

use std::fmt::Write as _;

use super::{Change, ChangeKind, Report};

/// The report as JSON (pretty, trailing newline).
pub fn to_json(report: &Report) -> String {
    #[derive(serde::Serialize)]
    struct Json<'a> {
        old: &'a str,
        new: &'a str,
        breaking: usize,
        non_breaking: usize,
        changes: &'a [Change],
    }
    let json = Json {
        old: &report.old,
        new: &report.new,
        breaking: report.breaking(),
        non_breaking: report.changes.len() - report.breaking(),
        changes: &report.changes,
    };
    let mut text =
        serde_json::to_string_pretty(&json).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

fn describe(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::ActionAdded => "action added",
        ChangeKind::ActionRemoved => "action removed",
        ChangeKind::OperationAdded => "path added",
        ChangeKind::OperationRemoved => "path removed",
        ChangeKind::OperationDeprecated => "path deprecated",
        ChangeKind::ParamAdded => "parameter added",
        ChangeKind::ParamRemoved => "parameter removed",
        ChangeKind::ParamRetyped => "parameter retyped",
        ChangeKind::ParamNowRequired => "parameter now required",
        ChangeKind::ParamNoLongerRequired => "parameter no longer required",
        ChangeKind::QueryArgAdded => "query argument added",
        ChangeKind::QueryArgRemoved => "query argument removed",
        ChangeKind::QueryArgChanged => "query argument changed",
        ChangeKind::StatusChanged => "status codes changed",
        ChangeKind::ResponseTypeChanged => "response type changed",
        ChangeKind::LocationChanged => "operation semantics changed",
        ChangeKind::PermissionsChanged => "permissions changed",
        ChangeKind::TypeAdded => "type added",
        ChangeKind::TypeRemoved => "type removed",
        ChangeKind::BaseTypeChanged => "base type changed",
        ChangeKind::PropertyAdded => "property added",
        ChangeKind::PropertyRemoved => "property removed",
        ChangeKind::PropertyRetyped => "property retyped",
        ChangeKind::MemberAdded => "enum member added",
        ChangeKind::MemberRemoved => "enum member removed",
    }
}

fn is_type_change(kind: ChangeKind) -> bool {
    matches!(
        kind,
        ChangeKind::TypeAdded
            | ChangeKind::TypeRemoved
            | ChangeKind::BaseTypeChanged
            | ChangeKind::PropertyAdded
            | ChangeKind::PropertyRemoved
            | ChangeKind::PropertyRetyped
            | ChangeKind::MemberAdded
            | ChangeKind::MemberRemoved
    )
}

/// The report as Markdown: a summary, then per version the actions and the types,
/// each item's changes listed with breaking ones marked.
pub fn to_markdown(report: &Report) -> String {
    let mut md = String::new();
    let breaking = report.breaking();
    let _ = writeln!(md, "# API change report\n");
    let _ = writeln!(md, "`{}` → `{}`\n", report.old, report.new);
    let _ = writeln!(
        md,
        "**{breaking} breaking**, {} non-breaking change{}.",
        report.changes.len() - breaking,
        if report.changes.len() - breaking == 1 { "" } else { "s" }
    );
    let mut versions: Vec<_> = report.changes.iter().map(|c| c.version).collect();
    versions.dedup();
    for version in versions {
        let _ = writeln!(md, "\n## {version}");
        for (title, types) in [("Actions", false), ("Types", true)] {
            let changes: Vec<&Change> = report
                .changes
                .iter()
                .filter(|c| c.version == version && is_type_change(c.kind) == types)
                .collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(md, "\n### {title}\n");
            let mut item = "";
            for c in changes {
                if c.item != item {
                    item = &c.item;
                    let _ = writeln!(md, "- {}", c.item);
                }
                let mark = if c.breaking { "**breaking** " } else { "" };
                let detail =
                    if c.detail.is_empty() { String::new() } else { format!(": {}", c.detail) };
                let _ = writeln!(md, "  - {mark}{}{detail}", describe(c.kind));
            }
        }
    }
    md
}
