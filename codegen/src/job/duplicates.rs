//! Two pages defining the same action: the same method on the same path template
//! (placeholder names aside) in one version. Each page gets a warning naming the other
//! pages; both specs are kept (the emitter gives the second action a suffixed name).

use std::collections::BTreeMap;

use crate::spec::{ApiVersion, Diagnostic, DiagnosticKind, HttpMethod, Operation};

/// The live operations of one API spec, for the check.
#[derive(Debug, Clone)]
pub(crate) struct Actions {
    /// The spec's version.
    pub version: ApiVersion,
    /// The page's file.
    pub source: String,
    /// (method, [`Operation::template_key`], path as written, line).
    pub operations: Vec<(HttpMethod, String, String, u32)>,
}

impl Actions {
    /// The actions of a spec's operations (deprecated aliases are left out).
    pub(crate) fn new(version: ApiVersion, source: &str, operations: &[Operation]) -> Actions {
        let operations = operations
            .iter()
            .filter(|op| !op.deprecated)
            .map(|op| (op.method, op.template_key(), op.path.clone(), op.line))
            .collect();
        Actions { version, source: source.to_string(), operations }
    }
}

/// How many of the other pages a warning names; the rest are counted (the Intune pages
/// define some actions a hundred times over, and naming every other page in every
/// page's warning made megabytes of messages).
const NAMED: usize = 3;

/// The warnings to add, by spec path: for every action two or more specs define, one
/// per spec, naming the other pages (the first [`NAMED`] in path order, then how many
/// more).
pub(crate) fn duplicate_actions(
    specs: &BTreeMap<String, Actions>,
) -> BTreeMap<String, Vec<Diagnostic>> {
    type Sharers<'a> = Vec<(&'a str, &'a Actions, usize)>;
    let mut by_action: BTreeMap<(ApiVersion, HttpMethod, &str), Sharers<'_>> = BTreeMap::new();
    for (spec_path, actions) in specs {
        for (i, (method, key, ..)) in actions.operations.iter().enumerate() {
            let entry = by_action.entry((actions.version, *method, key.as_str())).or_default();
            // A page listing one action twice is not two pages.
            if !entry.iter().any(|(p, ..)| *p == spec_path.as_str()) {
                entry.push((spec_path.as_str(), actions, i));
            }
        }
    }
    let mut out: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for sharers in by_action.values().filter(|s| s.len() > 1) {
        for (spec_path, actions, i) in sharers {
            let (method, _, path, line) = &actions.operations[*i];
            let others: Vec<String> = sharers
                .iter()
                .filter(|(p, ..)| p != spec_path)
                .take(NAMED)
                .map(|(_, a, _)| format!("`{}`", a.source))
                .collect();
            let more = match sharers.len() - 1 - others.len() {
                0 => String::new(),
                1 => " and 1 other page".to_string(),
                n => format!(" and {n} other pages"),
            };
            out.entry(spec_path.to_string()).or_default().push(Diagnostic::warning(
                DiagnosticKind::DuplicateAction,
                Some(*line),
                format!(
                    "`{} {path}` is also defined by {}{more}",
                    method.as_str(),
                    others.join(", ")
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{ArgValue, FunctionArg, PathSegment};

    fn actions(source: &str, path: &str, segments: Vec<PathSegment>) -> Actions {
        let op = Operation {
            method: HttpMethod::Post,
            path: path.into(),
            segments,
            path_params: Vec::new(),
            query: None,
            deprecated: false,
            deprecation_note: None,
            line: 7,
        };
        Actions::new(ApiVersion::V1, source, &[op])
    }

    fn lit(text: &str) -> PathSegment {
        PathSegment::Literal { text: text.into() }
    }

    fn param(name: &str) -> PathSegment {
        PathSegment::Param { name: name.into() }
    }

    #[test]
    fn same_template_under_other_placeholder_names_is_one_action() {
        let mut specs = BTreeMap::new();
        specs.insert(
            "v1.0/api/a.json".to_string(),
            actions("a.md", "/gadgets/{id}/start", vec![lit("gadgets"), param("id"), lit("start")]),
        );
        specs.insert(
            "v1.0/api/b.json".to_string(),
            actions(
                "b.md",
                "/Gadgets/{gadget-id}/start",
                vec![lit("Gadgets"), param("gadget-id"), lit("start")],
            ),
        );
        specs.insert(
            "v1.0/api/c.json".to_string(),
            actions("c.md", "/gadgets/{id}/stop", vec![lit("gadgets"), param("id"), lit("stop")]),
        );
        let found = duplicate_actions(&specs);
        assert_eq!(found.keys().collect::<Vec<_>>(), ["v1.0/api/a.json", "v1.0/api/b.json"]);
        let a = &found["v1.0/api/a.json"][0];
        assert_eq!((a.kind, a.line), (DiagnosticKind::DuplicateAction, Some(7)));
        assert!(a.message.contains("`b.md`"), "{}", a.message);
    }

    #[test]
    fn a_warning_names_three_other_pages_and_counts_the_rest() {
        let path = "/gadgets/{id}/start";
        let segments = || vec![lit("gadgets"), param("id"), lit("start")];
        let specs: BTreeMap<String, Actions> = (0..6)
            .map(|i| {
                (format!("v1.0/api/p{i}.json"), actions(&format!("p{i}.md"), path, segments()))
            })
            .collect();
        let found = duplicate_actions(&specs);
        assert_eq!(found.len(), 6);
        assert_eq!(
            found["v1.0/api/p0.json"][0].message,
            "`POST /gadgets/{id}/start` is also defined by `p1.md`, `p2.md`, `p3.md` and 2 other pages"
        );
        assert_eq!(
            found["v1.0/api/p2.json"][0].message,
            "`POST /gadgets/{id}/start` is also defined by `p0.md`, `p1.md`, `p3.md` and 2 other pages"
        );
        let mut fewer = specs;
        fewer.remove("v1.0/api/p5.json");
        let found = duplicate_actions(&fewer);
        assert!(found["v1.0/api/p0.json"][0].message.ends_with("`p3.md` and 1 other page"));
        fewer.remove("v1.0/api/p4.json");
        let found = duplicate_actions(&fewer);
        assert!(found["v1.0/api/p3.json"][0].message.ends_with("`p2.md`"));
    }

    fn function(name: &str, arg: &str, value: ArgValue) -> PathSegment {
        PathSegment::Function {
            name: name.into(),
            args: vec![FunctionArg { name: Some(arg.into()), value }],
        }
    }

    #[test]
    fn templates_match_without_placeholder_names_and_overloads_stay_apart() {
        let template = |name: &str| PathSegment::Template {
            text: format!("root:{{{name}}}:"),
            params: vec![name.into()],
        };
        let mut specs = BTreeMap::new();
        specs.insert(
            "v1.0/api/a.json".to_string(),
            actions("a.md", "/drive/root:{item-path}:", vec![lit("drive"), template("item-path")]),
        );
        specs.insert(
            "v1.0/api/b.json".to_string(),
            actions("b.md", "/drive/root:{path}:", vec![lit("drive"), template("path")]),
        );
        // Same function, same argument count, different argument names: two overloads.
        let param = |n: &str| ArgValue::Param { name: n.into(), quoted: false };
        specs.insert(
            "v1.0/api/c.json".to_string(),
            actions("c.md", "/f(period={p})", vec![function("f", "period", param("p"))]),
        );
        specs.insert(
            "v1.0/api/d.json".to_string(),
            actions("d.md", "/f(date={d})", vec![function("f", "date", param("d"))]),
        );
        let found = duplicate_actions(&specs);
        assert_eq!(found.keys().collect::<Vec<_>>(), ["v1.0/api/a.json", "v1.0/api/b.json"]);
    }
}
