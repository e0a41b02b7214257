//! Navigation: the call site mirrors the URL.
//!
//! The rule (one per version):
//!
//! - The entry point is `Graph::new(client)`; every node of the URL tree is a small
//!   struct holding the client and the path values given so far.
//! - A literal segment is a method named after it: `/communications` →
//!   `.communications()`; a namespace prefix is dropped (`microsoft.graph.X` → `.x()`).
//! - A `{id}` after a collection segment is an item accessor named by the singular of
//!   the collection, placed beside the collection accessor: `/communications/calls/{id}`
//!   → `.communications().call(id)`, while `.communications().calls()` is the
//!   collection itself. When the segment before `{id}` does not look plural, or the
//!   placeholder does not follow a literal, the accessor is `.item(id)` on the node
//!   before it.
//! - Function and template segments in the middle of a path are accessors that take
//!   their parameters.
//! - The action is the last method: a final `POST` to a literal that is not a
//!   collection is an action named after the segment (`.stop_transcription(&body)`);
//!   a final function segment is a function named after it; otherwise the HTTP method
//!   names the call: `GET` → `get` (or `list` for collection responses), `POST` →
//!   `create`, `PATCH` → `update`, `PUT` → `replace`, `DELETE` → `delete`.
//! - Deprecated paths: when a page also has a path that is not deprecated (the `/app`
//!   alias of `/communications`), the deprecated one is not emitted; when every path
//!   of a page is deprecated, its functions carry `#[deprecated]`.
//! - Names on one node are unique (the naming rule's numeric suffixes); `client`,
//!   `path` and `new` are taken by the node itself.

mod tokens;

pub use tokens::{PathsPart, call_chain, param_at, paths_parts, paths_tokens};

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::areas::{Area, Gates};
use super::docs;
use super::names::{self, Case, Scope};
use crate::spec::{ApiPage, ArgValue, BodyKind, HttpMethod, Operation, PathSegment};

/// How a node is reached from its parent.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// A fixed segment.
    Literal(String),
    /// A `{placeholder}` segment.
    Param,
    /// A function segment in the middle of a path: name and argument shape.
    Function(String, Vec<(Option<String>, ArgShape)>),
    /// A template segment, as written.
    Template(String),
}

/// One argument of a function segment: fixed text or a caller value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ArgShape {
    /// Fixed text, as written.
    Literal(String),
    /// A caller value; `true` when quoted (an OData string).
    Param(bool),
}

/// A value a node (or a final function segment) needs from the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeParam {
    /// The field name in node structs (`call_id`).
    pub field: String,
    /// The argument name in the accessor or function (`id`).
    pub arg: String,
    /// The placeholder as written (`id`).
    pub placeholder: String,
}

/// One node of the URL tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// The parent (none for the root).
    pub parent: Option<usize>,
    /// How the node is reached from the parent.
    pub step: Option<Step>,
    /// The path template up to this node (`/communications/calls/{id}`).
    pub template: String,
    /// Children by step.
    pub children: BTreeMap<Step, usize>,
    /// The node's struct name (`CommunicationsCallsItem`; `Graph` for the root).
    pub type_name: String,
    /// Parameters of the node, root first (the parent's, then its own).
    pub params: Vec<NodeParam>,
    /// The node that holds the accessor leading here (the parent, or the grandparent
    /// for item accessors), and the accessor's name.
    pub accessor: Option<(usize, String)>,
    /// The segment the node adds.
    pub segment: Option<PathSegment>,
    /// Every operation under this node is deprecated: the note, if any.
    pub deprecated: Option<Option<String>>,
    /// Whether a struct is emitted for the node.
    pub emitted: bool,
}

/// What the final method of an operation does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// A CRUD call on the node (name from the HTTP method).
    Crud,
    /// An action: a final literal segment, kept as written.
    Action(String),
    /// A function: a final function segment.
    Function(PathSegment),
}

/// One emitted operation, placed on a node.
#[derive(Debug, Clone)]
pub struct NavOp<'a> {
    /// Path of the page's spec.
    pub spec_path: &'a str,
    /// The page.
    pub page: &'a ApiPage,
    /// The operation.
    pub op: &'a Operation,
    /// The node whose struct gets the method.
    pub node: usize,
    /// The method's name.
    pub method: String,
    /// What the final segment is.
    pub call: Call,
    /// Parameters of the final function segment (not held by the node).
    pub params: Vec<NodeParam>,
    /// `Some(note)` when the page's every path is deprecated.
    pub deprecated: Option<Option<String>>,
}

/// The URL tree of one version and the operations placed on it.
#[derive(Debug, Clone)]
pub struct NavTree<'a> {
    /// Nodes; 0 is the root.
    pub nodes: Vec<Node>,
    /// Operations, in (spec path, page order).
    pub ops: Vec<NavOp<'a>>,
    /// Indices into `ops` by spec path.
    ops_by_page: BTreeMap<&'a str, Vec<usize>>,
    /// Emitted children by accessor holder, sorted by path.
    held: Vec<Vec<usize>>,
}

impl<'a> NavTree<'a> {
    /// Build the tree for the given pages (one version), sorted by spec path.
    pub fn build(pages: &[(&'a str, &'a ApiPage)]) -> NavTree<'a> {
        let root = Node {
            parent: None,
            step: None,
            template: String::new(),
            children: BTreeMap::new(),
            type_name: "Graph".into(),
            params: Vec::new(),
            accessor: None,
            segment: None,
            deprecated: None,
            emitted: true,
        };
        let mut tree = NavTree {
            nodes: vec![root],
            ops: Vec::new(),
            ops_by_page: BTreeMap::new(),
            held: Vec::new(),
        };
        let mut placed: Vec<(usize, &'a str, &'a ApiPage, &'a Operation, Call, String)> =
            Vec::new();
        for (path, page) in pages {
            let live: Vec<&Operation> = page.operations.iter().filter(|o| !o.deprecated).collect();
            let all_deprecated = live.is_empty();
            let ops: Vec<&Operation> =
                if all_deprecated { page.operations.iter().collect() } else { live };
            for op in ops {
                let (count, call) = split_call(page, op);
                let node = tree.insert(&op.segments[..count]);
                let candidate = match &call {
                    Call::Action(text) => names::snake(names::strip_namespace(text)),
                    Call::Function(PathSegment::Function { name, .. }) => {
                        names::snake(names::strip_namespace(name))
                    }
                    Call::Function(_) => "call".into(),
                    Call::Crud => crud_name(page, op).into(),
                };
                placed.push((node, path, page, op, call, candidate));
            }
        }
        // Deprecation: a node is deprecated when every operation under it is.
        let mut live_under = vec![false; tree.nodes.len()];
        let mut note_under: Vec<Option<String>> = vec![None; tree.nodes.len()];
        let mut any_under = vec![false; tree.nodes.len()];
        for (node, _, page, op, _, _) in &placed {
            let deprecated = page.operations.iter().all(|o| o.deprecated);
            let mut n = Some(*node);
            while let Some(i) = n {
                any_under[i] = true;
                if !deprecated {
                    live_under[i] = true;
                } else if note_under[i].is_none() {
                    note_under[i] = op.deprecation_note.clone();
                }
                n = tree.nodes[i].parent;
            }
        }
        for i in 1..tree.nodes.len() {
            if any_under[i] && !live_under[i] {
                tree.nodes[i].deprecated = Some(note_under[i].clone());
            }
        }
        // Method names: accessors are named first; operations follow in page order.
        let mut scopes = tree.place_accessors(&placed);
        for (node, path, page, op, call, candidate) in placed {
            let method = scopes[node].unique(&candidate);
            let params = match &call {
                Call::Function(segment) => {
                    let mut scope = Scope::with_reserved(Case::Snake, &["body", "content_type"]);
                    segment_params(segment)
                        .into_iter()
                        .map(|p| {
                            let arg = scope.name(&p);
                            NodeParam { field: arg.clone(), arg, placeholder: p }
                        })
                        .collect()
                }
                _ => Vec::new(),
            };
            let deprecated = if page.operations.iter().all(|o| o.deprecated) {
                Some(op.deprecation_note.clone())
            } else {
                None
            };
            tree.ops_by_page.entry(path).or_default().push(tree.ops.len());
            tree.ops.push(NavOp {
                spec_path: path,
                page,
                op,
                node,
                method,
                call,
                params,
                deprecated,
            });
        }
        tree.held = vec![Vec::new(); tree.nodes.len()];
        for (n, node) in tree.nodes.iter().enumerate() {
            if let (true, Some((holder, _))) = (node.emitted, &node.accessor) {
                tree.held[*holder].push(n);
            }
        }
        let templates: Vec<String> = tree.nodes.iter().map(|n| n.template.clone()).collect();
        for list in &mut tree.held {
            list.sort_by(|a, b| templates[*a].cmp(&templates[*b]));
        }
        tree
    }

    /// Insert the node path for `segments`; returns the last node.
    fn insert(&mut self, segments: &[PathSegment]) -> usize {
        let mut current = 0;
        for segment in segments {
            let step = step_of(segment);
            if let Some(&child) = self.nodes[current].children.get(&step) {
                current = child;
                continue;
            }
            let parent = &self.nodes[current];
            let template = format!("{}/{}", parent.template, segment_text(segment));
            let child = Node {
                parent: Some(current),
                step: Some(step.clone()),
                template,
                children: BTreeMap::new(),
                type_name: String::new(),
                params: Vec::new(),
                accessor: None,
                segment: Some(segment.clone()),
                deprecated: None,
                emitted: false,
            };
            self.nodes.push(child);
            let id = self.nodes.len() - 1;
            self.nodes[current].children.insert(step, id);
            current = id;
        }
        current
    }

    /// Decide which nodes get a struct, where each accessor goes, and name the
    /// structs, accessors and parameters. Walks the tree in sorted order. Returns each
    /// node's method scope, accessor names taken.
    fn place_accessors(
        &mut self,
        placed: &[(usize, &str, &ApiPage, &Operation, Call, String)],
    ) -> Vec<Scope> {
        let mut has_ops = vec![false; self.nodes.len()];
        for (node, ..) in placed {
            has_ops[*node] = true;
        }
        // Pre-order walk, children sorted by step.
        let mut order = Vec::new();
        let mut stack = vec![0];
        while let Some(n) = stack.pop() {
            order.push(n);
            let children: Vec<usize> = self.nodes[n].children.values().copied().collect();
            stack.extend(children.into_iter().rev());
        }
        let mut type_scope = Scope::with_reserved(Case::Pascal, super::index::RESERVED_TYPE_NAMES);
        type_scope.reserve("Graph");
        let mut method_scopes: Vec<Scope> = self
            .nodes
            .iter()
            .map(|_| {
                Scope::with_reserved(
                    Case::Snake,
                    &["client", "path", "new", "options", "with_options"],
                )
            })
            .collect();
        for &n in order.iter().skip(1) {
            let parent = self.nodes[n].parent.expect("non-root");
            let step = self.nodes[n].step.clone().expect("non-root");
            // Item accessors move to the grandparent when the collection is plural.
            let (holder, accessor_candidate) = match &step {
                Step::Param => {
                    let collection = match &self.nodes[parent].step {
                        Some(Step::Literal(text)) => names::singular(names::strip_namespace(text)),
                        _ => None,
                    };
                    match collection {
                        Some(single) => {
                            (self.nodes[parent].parent.expect("collection has a parent"), single)
                        }
                        None => (parent, "item".to_string()),
                    }
                }
                Step::Literal(text) => (parent, names::strip_namespace(text).to_string()),
                Step::Function(name, _) => (parent, names::strip_namespace(name).to_string()),
                Step::Template(text) => (parent, text.clone()),
            };
            let accessor = method_scopes[holder].name(&accessor_candidate);
            // Parameters: the parent's, then this segment's.
            let mut params = self.nodes[parent].params.clone();
            let mut field_scope = Scope::with_reserved(Case::Snake, &["client", "options"]);
            for p in &params {
                field_scope.reserve(&p.field);
            }
            let segment = self.nodes[n].segment.clone().expect("non-root");
            let own = segment_params(&segment);
            // The accessor's arguments: one per placeholder, unique (a name may repeat).
            let mut arg_scope = Scope::new(Case::Snake);
            for placeholder in own {
                let field_candidate = match (&step, &self.nodes[parent].step) {
                    (Step::Param, Some(Step::Literal(text))) => {
                        let collection = names::strip_namespace(text);
                        match names::singular(collection) {
                            Some(single) => format!("{single}Id"),
                            None => format!("{collection}Id"),
                        }
                    }
                    _ => placeholder.clone(),
                };
                let field = field_scope.name(&field_candidate);
                let arg = arg_scope.name(&placeholder);
                params.push(NodeParam { field, arg, placeholder });
            }
            self.nodes[n].params = params;
            self.nodes[n].accessor = Some((holder, accessor));
            // A collection node whose only use is leading to its items is skipped.
            let only_items = !has_ops[n]
                && self.nodes[n].children.len() == 1
                && self.nodes[n].children.contains_key(&Step::Param)
                && matches!(&step, Step::Literal(t) if names::singular(names::strip_namespace(t)).is_some());
            self.nodes[n].emitted = !only_items;
            let name_part = match &step {
                Step::Literal(text) => names::pascal(names::strip_namespace(text)),
                Step::Param => "Item".into(),
                Step::Function(name, _) => names::pascal(names::strip_namespace(name)),
                Step::Template(text) => names::pascal(text),
            };
            let parent_name =
                if parent == 0 { String::new() } else { self.nodes[parent].type_name.clone() };
            // A part that starts with a digit (a GUID pasted into a path) needs no `_`
            // inside a longer name.
            let name_part = if parent_name.is_empty() {
                name_part
            } else {
                name_part.trim_start_matches('_').to_string()
            };
            self.nodes[n].type_name = type_scope.unique(&format!("{parent_name}{name_part}"));
        }
        // Accessors of skipped collections are not emitted; their names stay taken so
        // that adding an operation later does not rename siblings.
        method_scopes
    }

    /// The operations of one page, in page order.
    pub fn ops_of(&self, spec_path: &str) -> impl Iterator<Item = &NavOp<'a>> {
        self.ops_by_page.get(spec_path).into_iter().flatten().map(|&i| &self.ops[i])
    }

    /// The emitted nodes whose accessor `holder` has, sorted by path.
    fn held_by(&self, holder: usize) -> &[usize] {
        &self.held[holder]
    }
}

/// Split an operation's segments: how many lead to the node, and the final call.
fn split_call(page: &ApiPage, op: &Operation) -> (usize, Call) {
    let n = op.segments.len();
    match op.segments.last() {
        Some(segment @ PathSegment::Function { .. }) => (n - 1, Call::Function(segment.clone())),
        Some(PathSegment::Literal { text }) if text.contains('.') => {
            (n - 1, Call::Action(text.clone()))
        }
        Some(PathSegment::Literal { text })
            if op.method == HttpMethod::Post && !is_create(page) =>
        {
            (n - 1, Call::Action(text.clone()))
        }
        _ => (n, Call::Crud),
    }
}

/// `true` when a final `POST` to a literal creates an item of a collection rather
/// than invoking an action: the body is a resource, or the page is a "Create …" /
/// `*-post-*` page.
fn is_create(page: &ApiPage) -> bool {
    matches!(page.request_body.kind, BodyKind::Resource { .. })
        || page.stem.contains("-post-")
        || page.title.trim_start().to_ascii_lowercase().starts_with("create")
}

/// The CRUD method name for an operation whose last segment is a node.
fn crud_name(page: &ApiPage, op: &Operation) -> &'static str {
    match op.method {
        HttpMethod::Get => {
            let collection =
                page.response.body.as_ref().is_some_and(|b| b.type_expr.is_collection());
            if collection { "list" } else { "get" }
        }
        HttpMethod::Post => "create",
        HttpMethod::Patch => "update",
        HttpMethod::Put => "replace",
        HttpMethod::Delete => "delete",
    }
}

fn step_of(segment: &PathSegment) -> Step {
    match segment {
        PathSegment::Literal { text } => Step::Literal(text.clone()),
        PathSegment::Param { .. } => Step::Param,
        PathSegment::Function { name, args } => Step::Function(
            name.clone(),
            args.iter()
                .map(|a| {
                    let shape = match &a.value {
                        ArgValue::Literal { text } => ArgShape::Literal(text.clone()),
                        ArgValue::Param { quoted, .. } => ArgShape::Param(*quoted),
                    };
                    (a.name.clone(), shape)
                })
                .collect(),
        ),
        PathSegment::Template { text, .. } => Step::Template(text.clone()),
    }
}

/// The segment as written in a path template.
pub fn segment_text(segment: &PathSegment) -> String {
    match segment {
        PathSegment::Literal { text } => text.clone(),
        PathSegment::Param { name } => format!("{{{name}}}"),
        PathSegment::Function { name, args } => {
            let args: Vec<String> = args
                .iter()
                .map(|a| {
                    let value = match &a.value {
                        ArgValue::Literal { text } => text.clone(),
                        ArgValue::Param { name, quoted: true } => format!("'{{{name}}}'"),
                        ArgValue::Param { name, quoted: false } => format!("{{{name}}}"),
                    };
                    match &a.name {
                        Some(n) => format!("{n}={value}"),
                        None => value,
                    }
                })
                .collect();
            format!("{name}({})", args.join(","))
        }
        PathSegment::Template { text, .. } => text.clone(),
    }
}

/// The placeholders a segment holds, in order.
pub fn segment_params(segment: &PathSegment) -> Vec<String> {
    match segment {
        PathSegment::Literal { .. } => Vec::new(),
        PathSegment::Param { name } => vec![name.clone()],
        PathSegment::Function { args, .. } => args
            .iter()
            .filter_map(|a| match &a.value {
                ArgValue::Param { name, .. } => Some(name.clone()),
                ArgValue::Literal { .. } => None,
            })
            .collect(),
        PathSegment::Template { params, .. } => params.clone(),
    }
}
