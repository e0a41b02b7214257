//! The "HTTP request" section: request lines -> [`Operation`]s, path templates ->
//! segments and parameters.

use crate::spec::{
    ArgValue, Diagnostic, DiagnosticKind, FunctionArg, HttpMethod, Operation, PathParam,
    PathSegment,
};

use super::outline::{Block, BlockKind};
use super::text;

/// Read the operations of an "HTTP request" section's blocks.
pub(crate) fn operations(
    blocks: &[Block<'_>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    let mut ops = Vec::new();
    for block in blocks {
        let BlockKind::Code { text, fenced, .. } = &block.kind else { continue };
        // A fenced block's code starts on the line after the fence; an indented block's
        // on its own line.
        let first = block.line + u32::from(*fenced);
        for (i, raw) in text.lines().enumerate() {
            let line = first + i as u32;
            let l = text::trim(raw);
            if l.is_empty() || l.starts_with("//") || l.starts_with('#') || l.starts_with("<!--") {
                continue;
            }
            match request_line(l) {
                Some((method, target)) => match parse_target(target) {
                    Ok((path, segments, path_params, query)) => {
                        let t = text::trim_start(target);
                        if !(t.starts_with('/') || t.starts_with("http")) {
                            diagnostics.push(Diagnostic::note(
                                DiagnosticKind::MalformedPath,
                                Some(line),
                                format!("`{t}` is written without a leading `/`; read as `{path}`"),
                            ));
                        }
                        check_duplicates(&path, &path_params, line, diagnostics);
                        ops.push(Operation {
                            method,
                            path,
                            segments,
                            path_params,
                            query,
                            deprecated: false,
                            deprecation_note: None,
                            line,
                        });
                    }
                    Err(message) => diagnostics.push(Diagnostic::warning(
                        DiagnosticKind::MalformedPath,
                        Some(line),
                        format!("`{l}`: {message}"),
                    )),
                },
                None => diagnostics.push(Diagnostic::warning(
                    DiagnosticKind::UnparsedRequestLine,
                    Some(line),
                    format!("not a request line: `{l}`"),
                )),
            }
        }
    }
    mark_deprecated(blocks, &mut ops);
    ops
}

/// `POST /communications/calls/{id}/answer` -> method and target. A missing space
/// (`DELETE/identity/...`) is forgiven.
fn request_line(line: &str) -> Option<(HttpMethod, &str)> {
    let split = if line.is_ascii() {
        line.bytes().position(|b| text::is_unicode_space_byte(b) || b == b'/')?
    } else {
        line.find(|c: char| c.is_whitespace() || c == '/')?
    };
    let (method, rest) = line.split_at(split);
    let method = HttpMethod::parse(method)?;
    let mut target = text::trim(rest);
    // `GET /me HTTP/1.1`
    if let Some(space) = memchr::memrchr(b' ', target.as_bytes()) {
        if target[space + 1..].starts_with("HTTP/") {
            target = text::trim(&target[..space]);
        }
    }
    Some((method, target))
}

type Target = (String, Vec<PathSegment>, Vec<PathParam>, Option<String>);

/// Parse a request target (a path, or a full URL) into segments.
pub(crate) fn parse_target(target: &str) -> Result<Target, String> {
    let mut target = text::trim(target);
    // Full URLs: drop scheme, host and version segment.
    if let Some(rest) = target.strip_prefix("https://").or_else(|| target.strip_prefix("http://")) {
        let path_start = memchr::memchr(b'/', rest.as_bytes()).unwrap_or(rest.len());
        target = &rest[path_start..];
        for version in ["/v1.0/", "/beta/"] {
            if let Some(rest) = target.strip_prefix(version) {
                target = &target[target.len() - rest.len() - 1..];
                break;
            }
        }
    }
    let (path, query) = split_query(target);
    let path = text::trim(path);
    if text::has_whitespace(path) && !path.contains('{') {
        return Err("the path contains spaces".into());
    }
    // `~/onPremisesPublishingProfiles/...` and `policies/...` are written relative to
    // the service root: the same path with a leading `/`.
    let path = path.strip_prefix('~').unwrap_or(path);
    let owned;
    let path = if path.starts_with('/') {
        path
    } else if path.starts_with(|c: char| c.is_ascii_alphabetic() || c == '$' || c == '{') {
        owned = format!("/{path}");
        &owned
    } else {
        return Err("the path does not start with `/`".into());
    };
    let raw_segments = split_segments(&path[1..])?;
    let mut segments = Vec::with_capacity(raw_segments.len());
    let mut params = Vec::new();
    for (index, raw) in raw_segments.iter().enumerate() {
        let raw = text::trim(raw);
        if raw.is_empty() {
            if index + 1 == raw_segments.len() {
                continue; // trailing slash
            }
            return Err("the path has an empty segment".into());
        }
        segments.push(segment(raw, index, &mut params)?);
    }
    Ok((path.to_string(), segments, params, query.map(str::to_string)))
}

/// Split off the query string at the first `?` outside braces and parentheses.
fn split_query(target: &str) -> (&str, Option<&str>) {
    // Most request lines have no query at all.
    if memchr::memchr(b'?', target.as_bytes()).is_none() {
        return (target, None);
    }
    // By bytes: every delimiter is ASCII, and no byte of a multi-byte char is.
    let mut depth = 0i32;
    for (i, b) in target.bytes().enumerate() {
        match b {
            b'{' | b'(' => depth += 1,
            b'}' | b')' => depth -= 1,
            b'?' if depth == 0 => return (&target[..i], Some(&target[i + 1..])),
            _ => {}
        }
    }
    (target, None)
}

/// Split at `/` outside braces, parentheses and quotes.
fn split_segments(path: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::with_capacity(8);
    let mut depth = 0i32;
    let mut quoted = false;
    let mut start = 0;
    for (i, b) in path.bytes().enumerate() {
        match b {
            b'\'' => quoted = !quoted,
            b'{' | b'(' if !quoted => depth += 1,
            b'}' | b')' if !quoted => {
                depth -= 1;
                if depth < 0 {
                    return Err(format!("unbalanced `{}`", b as char));
                }
            }
            b'/' if depth == 0 && !quoted => {
                out.push(&path[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err("unbalanced braces or parentheses".into());
    }
    out.push(&path[start..]);
    Ok(out)
}

fn segment(raw: &str, index: usize, params: &mut Vec<PathParam>) -> Result<PathSegment, String> {
    // `{id}` / `{id | userPrincipalName}`
    if let Some(inner) = raw.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        if !inner.bytes().any(|b| b == b'{' || b == b'}') {
            let (name, alternatives) = placeholder(inner)?;
            params.push(PathParam { name: name.clone(), alternatives, segment: index });
            return Ok(PathSegment::Param { name });
        }
    }
    // `name(args)`
    if let Some(open) = memchr::memchr(b'(', raw.as_bytes()) {
        if raw.ends_with(')') && !raw[..open].bytes().any(|b| b == b'{' || b == b'}') {
            let name = raw[..open].trim().to_string();
            let args = function_args(&raw[open + 1..raw.len() - 1], index, params)?;
            return Ok(PathSegment::Function { name, args });
        }
    }
    if raw.contains('{') {
        let mut names = Vec::new();
        let mut rest = raw;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').ok_or("unclosed `{`")? + open;
            let (name, alternatives) = placeholder(&rest[open + 1..close])?;
            params.push(PathParam { name: name.clone(), alternatives, segment: index });
            names.push(name);
            rest = &rest[close + 1..];
        }
        return Ok(PathSegment::Template { text: raw.to_string(), params: names });
    }
    if raw.bytes().any(|b| matches!(b, b'}' | b')' | b'(')) {
        return Err(format!("segment `{raw}` is malformed"));
    }
    Ok(PathSegment::Literal { text: raw.to_string() })
}

/// `id | userPrincipalName` -> (`id`, [`id`, `userPrincipalName`]).
fn placeholder(inner: &str) -> Result<(String, Vec<String>), String> {
    let name = |n: &str| text::trim(text::trim_set(text::trim(n), b"'\"")).to_string();
    // The common case, one name: no list.
    if !inner.bytes().any(|b| b == b'|' || b == b',') {
        let first = name(inner);
        return if first.is_empty() {
            Err("empty `{}` placeholder".into())
        } else {
            Ok((first, Vec::new()))
        };
    }
    let names: Vec<String> = inner.split(['|', ',']).map(name).filter(|n| !n.is_empty()).collect();
    let first = names.first().ok_or("empty `{}` placeholder")?.clone();
    let alternatives = if names.len() > 1 { names } else { Vec::new() };
    Ok((first, alternatives))
}

fn function_args(
    text: &str,
    index: usize,
    params: &mut Vec<PathParam>,
) -> Result<Vec<FunctionArg>, String> {
    let mut args = Vec::new();
    for part in split_commas(text) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (name, value) = match part.split_once('=') {
            Some((n, v)) => (Some(n.trim().to_string()), v.trim()),
            None => (None, part),
        };
        let quoted = value.starts_with('\'') && value.ends_with('\'') && value.len() >= 2;
        let unquoted = if quoted { &value[1..value.len() - 1] } else { value };
        let value =
            if let Some(inner) = unquoted.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
                let (pname, alternatives) = placeholder(inner)?;
                params.push(PathParam { name: pname.clone(), alternatives, segment: index });
                ArgValue::Param { name: pname, quoted }
            } else if let Some(stem) = unquoted.strip_suffix("-value") {
                // `startDateTime=startDateTime-value`: a value the caller supplies.
                let pname = name.clone().unwrap_or_else(|| stem.to_string());
                params.push(PathParam {
                    name: pname.clone(),
                    alternatives: Vec::new(),
                    segment: index,
                });
                ArgValue::Param { name: pname, quoted }
            } else {
                ArgValue::Literal { text: value.to_string() }
            };
        args.push(FunctionArg { name, value });
    }
    Ok(args)
}

fn split_commas(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '{' | '(' if !quoted => depth += 1,
            '}' | ')' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

fn check_duplicates(
    path: &str,
    params: &[PathParam],
    line: u32,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (i, p) in params.iter().enumerate() {
        if params[..i].iter().any(|q| q.name == p.name) {
            diagnostics.push(Diagnostic::note(
                DiagnosticKind::DuplicatePathParam,
                Some(line),
                format!("`{path}` uses the placeholder `{{{}}}` more than once", p.name),
            ));
        }
    }
}

/// A note in the section that says a path is deprecated (`The /app path is
/// deprecated. Going forward, use the /communications path.`) marks every operation
/// whose path starts with the prefix it names.
fn mark_deprecated(blocks: &[Block<'_>], ops: &mut [Operation]) {
    for block in blocks {
        let BlockKind::Paragraph(inline) = &block.kind else { continue };
        if !text::contains_lower(inline.text, "deprecated") {
            continue;
        }
        let note = inline.text.trim_start_matches("Note:").trim().to_string();
        // Prefixes are the code spans before the word "deprecated".
        let before = &inline.markdown
            [..inline.markdown.to_ascii_lowercase().find("deprecated").unwrap_or(0)];
        let prefixes: Vec<&str> = before
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::trim)
            .filter(|p| p.starts_with('/'))
            .collect();
        for op in ops.iter_mut() {
            let hit = prefixes.iter().any(|p| {
                let p = p.trim_end_matches('/');
                op.path == p || op.path.starts_with(&format!("{p}/"))
            });
            if hit {
                op.deprecated = true;
                op.deprecation_note = Some(note.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(t: &str) -> Target {
        parse_target(t).unwrap()
    }

    #[test]
    fn plain_path_and_params() {
        let (path, segs, params, q) =
            target("/communications/calls/{id}/microsoft.graph.StopTranscription");
        assert_eq!(path, "/communications/calls/{id}/microsoft.graph.StopTranscription");
        assert_eq!(segs.len(), 4);
        assert_eq!(segs[2], PathSegment::Param { name: "id".into() });
        assert_eq!(params[0].segment, 2);
        assert_eq!(q, None);
    }

    #[test]
    fn alternatives_functions_templates_queries() {
        let (_, segs, params, _) = target("/users/{id | userPrincipalName}/photo/$value");
        assert_eq!(params[0].alternatives, ["id", "userPrincipalName"]);
        assert_eq!(segs[3], PathSegment::Literal { text: "$value".into() });

        let (_, segs, params, _) =
            target("/me/pendingAccessReviewInstances/filterByCurrentUser(on='reviewer')");
        assert_eq!(
            segs[2],
            PathSegment::Function {
                name: "filterByCurrentUser".into(),
                args: vec![FunctionArg {
                    name: Some("on".into()),
                    value: ArgValue::Literal { text: "'reviewer'".into() }
                }]
            }
        );
        assert!(params.is_empty());

        let (_, segs, params, _) = target("/applications(appId='{appId}')");
        assert!(matches!(&segs[0], PathSegment::Function { args, .. }
            if args[0].value == ArgValue::Param { name: "appId".into(), quoted: true }));
        assert_eq!(params[0].name, "appId");

        let (_, _, params, _) = target(
            "/me/calendar/calendarView/delta(startDateTime=startDateTime-value,endDateTime=endDateTime-value)",
        );
        assert_eq!(params.len(), 2);

        let (_, segs, params, _) = target("/me/drive/root:/{item-path}:/content");
        assert_eq!(segs[2], PathSegment::Literal { text: "root:".into() });
        assert_eq!(
            segs[3],
            PathSegment::Template { text: "{item-path}:".into(), params: vec!["item-path".into()] }
        );
        assert_eq!(params[0].segment, 3);

        let (path, _, _, q) = target("/me/events?$select=subject");
        assert_eq!(path, "/me/events");
        assert_eq!(q.as_deref(), Some("$select=subject"));

        let (path, ..) = target("https://graph.microsoft.com/beta/communications/calls/{id}");
        assert_eq!(path, "/communications/calls/{id}");
    }

    #[test]
    fn malformed_paths_are_errors() {
        assert!(parse_target("/users/{id").is_err());
        assert_eq!(parse_target("users/{id}").unwrap().0, "/users/{id}");
        assert_eq!(parse_target("~/a").unwrap().0, "/a");
        assert!(parse_target("** Entity URI for x not found").is_err());
        assert!(parse_target("/a//b").is_err());
        assert!(parse_target("/a/{}").is_err());
    }
}
