//! Request paths, built segment by segment with every caller value percent-encoded so
//! that it stays inside its own segment.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// Everything but RFC 3986 "unreserved" characters (`A-Z a-z 0-9 - . _ ~`) is encoded in a
/// caller value, as RFC 6570 simple expansion (and Microsoft's own SDKs) do: `/ ? # %`, space,
/// quotes, parentheses, `:` and non-ASCII all become `%XX`.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// An encoded request path (relative to `https://host/{version}`), built segment by segment.
///
/// Template text ([`literal`](Path::literal), function names) is written as given; caller
/// values ([`param`](Path::param), [`FnArg::Str`], [`TemplatePart::Value`]) are
/// percent-encoded so that whatever they contain, each stays inside the one segment it was
/// given for.
///
/// Two values cannot be sent faithfully and make the request fail with
/// [`Error::InvalidPath`](crate::Error::InvalidPath) before anything goes on the wire:
/// a segment that is empty, and a segment that is `.` or `..` (every URL parser, including
/// the one under reqwest, folds `%2E%2E` back into `..` and would address a different
/// resource). `as_str` still shows them (as `%2E` / `%2E%2E`), so the path keeps one segment
/// per template segment.
///
/// ```
/// use graphgen_runtime::Path;
/// let path = Path::new().literal("users").param("a/b c").literal("messages");
/// assert_eq!(path.as_str(), "/users/a%2Fb%20c/messages");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Path {
    encoded: String,
    invalid: Option<InvalidSegment>,
}

/// Why a [`Path`] cannot be sent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct InvalidSegment {
    /// The 0-based index of the offending segment.
    pub index: usize,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// One argument of an OData function segment written by [`Path::function`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FnArg<'a> {
    /// Template text, written as given (for example an enum literal `'D7'`).
    Literal(&'static str),
    /// A string value: quoted as `'...'`, `'` doubled inside, then percent-encoded.
    Str(&'a str),
    /// An unquoted value (a number, a date, a GUID), percent-encoded.
    Raw(&'a str),
}

/// One piece of a segment written by [`Path::template`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TemplatePart<'a> {
    /// Template text, written as given (for example `root:` or `:`).
    Lit(&'static str),
    /// A caller value, percent-encoded like [`Path::param`].
    Value(&'a str),
}

fn encode_value(value: &str, out: &mut String) {
    out.extend(utf8_percent_encode(value, VALUE));
}

impl Path {
    /// The root path (no segments).
    pub fn new() -> Path {
        Path::default()
    }

    /// Appends a fixed segment from the URL template, written as given.
    pub fn literal(mut self, segment: &'static str) -> Path {
        self.encoded.push('/');
        self.encoded.push_str(segment);
        self
    }

    /// Appends a caller value as one whole segment, percent-encoded: `/`, `?`, `#`, `%`,
    /// spaces and non-ASCII cannot leave it.
    pub fn param(mut self, value: impl AsRef<str>) -> Path {
        let value = value.as_ref();
        match value {
            "" => self.push_invalid("", "an empty path parameter"),
            "." => self.push_invalid("%2E", "a path parameter that is `.`"),
            ".." => self.push_invalid("%2E%2E", "a path parameter that is `..`"),
            _ => {
                self.encoded.push('/');
                encode_value(value, &mut self.encoded);
            }
        }
        self
    }

    /// Appends an OData function call `name(a=...,b=...)` as one segment.
    pub fn function(mut self, name: &'static str, args: &[(&'static str, FnArg<'_>)]) -> Path {
        self.encoded.push('/');
        self.encoded.push_str(name);
        self.encoded.push('(');
        for (i, (arg, value)) in args.iter().enumerate() {
            if i > 0 {
                self.encoded.push(',');
            }
            self.encoded.push_str(arg);
            self.encoded.push('=');
            match value {
                FnArg::Literal(text) => self.encoded.push_str(text),
                FnArg::Str(text) => {
                    self.encoded.push('\'');
                    encode_value(&text.replace('\'', "''"), &mut self.encoded);
                    self.encoded.push('\'');
                }
                FnArg::Raw(text) => encode_value(text, &mut self.encoded),
            }
        }
        self.encoded.push(')');
        self
    }

    /// Appends one segment mixing template text and caller values (`root:{path}:`).
    pub fn template(mut self, parts: &[TemplatePart<'_>]) -> Path {
        let mut segment = String::new();
        for part in parts {
            match part {
                TemplatePart::Lit(text) => segment.push_str(text),
                TemplatePart::Value(value) => encode_value(value, &mut segment),
            }
        }
        match segment.as_str() {
            "" => self.push_invalid("", "an empty path segment"),
            "." | "%2E" => self.push_invalid("%2E", "a path segment that is `.`"),
            ".." | "%2E%2E" => self.push_invalid("%2E%2E", "a path segment that is `..`"),
            _ => {
                self.encoded.push('/');
                self.encoded.push_str(&segment);
            }
        }
        self
    }

    /// The encoded path: `/`-prefixed segments, empty for the root.
    pub fn as_str(&self) -> &str {
        &self.encoded
    }

    /// The segments, still percent-encoded.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.encoded.split('/').skip(1)
    }

    /// The segments, percent-decoded (lossily, should a literal hold invalid UTF-8 escapes).
    pub fn decoded_segments(&self) -> impl Iterator<Item = String> {
        self.segments().map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
    }

    /// Whether the path can be sent; see the type's documentation.
    pub(crate) fn invalid(&self) -> Option<&InvalidSegment> {
        self.invalid.as_ref()
    }

    fn push_invalid(&mut self, shown: &str, reason: &'static str) {
        if self.invalid.is_none() {
            self.invalid = Some(InvalidSegment { index: self.segments().count(), reason });
        }
        self.encoded.push('/');
        self.encoded.push_str(shown);
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.encoded.is_empty() { "/" } else { &self.encoded })
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path({:?})", self.encoded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_params() {
        let path = Path::new()
            .literal("communications")
            .literal("calls")
            .param("02000980-58ea-4bf2-bb77-8ba548da56f7")
            .literal("microsoft.graph.StopTranscription");
        assert_eq!(
            path.as_str(),
            "/communications/calls/02000980-58ea-4bf2-bb77-8ba548da56f7/microsoft.graph.StopTranscription"
        );
        assert!(path.invalid().is_none());
        assert_eq!(path.segments().count(), 4);
    }

    #[test]
    fn params_cannot_escape_their_segment() {
        let path = Path::new().literal("users").param("a/b?c#d%e f/../é");
        assert_eq!(path.as_str(), "/users/a%2Fb%3Fc%23d%25e%20f%2F..%2F%C3%A9");
        assert_eq!(path.decoded_segments().nth(1).as_deref(), Some("a/b?c#d%e f/../é"));
    }

    #[test]
    fn dot_and_empty_segments_are_kept_but_unsendable() {
        for (value, shown) in [("", ""), (".", "%2E"), ("..", "%2E%2E")] {
            let path = Path::new().literal("users").param(value).literal("x");
            assert_eq!(path.as_str(), format!("/users/{shown}/x"));
            assert_eq!(path.segments().count(), 3);
            assert_eq!(path.decoded_segments().nth(1).as_deref(), Some(value));
            assert_eq!(path.invalid().map(|i| i.index), Some(1));
        }
        // Dots inside a longer value are ordinary characters.
        assert!(Path::new().param("...").invalid().is_none());
        assert!(Path::new().param("a..b").invalid().is_none());
    }

    #[test]
    fn function_segments() {
        let path = Path::new().literal("reports").function(
            "getTeamsUserActivityUserDetail",
            &[("period", FnArg::Literal("'D7'")), ("date", FnArg::Raw("2024-01-01"))],
        );
        assert_eq!(
            path.as_str(),
            "/reports/getTeamsUserActivityUserDetail(period='D7',date=2024-01-01)"
        );
        let path = Path::new().function("search", &[("q", FnArg::Str("O'Brien/a b"))]);
        assert_eq!(path.as_str(), "/search(q='O%27%27Brien%2Fa%20b')");
        let empty = Path::new().function("delta", &[]);
        assert_eq!(empty.as_str(), "/delta()");
    }

    #[test]
    fn template_segments() {
        let path = Path::new().literal("drive").template(&[
            TemplatePart::Lit("root:"),
            TemplatePart::Value("My Docs/a#b"),
            TemplatePart::Lit(":"),
        ]);
        assert_eq!(path.as_str(), "/drive/root:My%20Docs%2Fa%23b:");
        assert!(Path::new().template(&[TemplatePart::Value("..")]).invalid().is_some());
        assert!(Path::new().template(&[TemplatePart::Value("")]).invalid().is_some());
    }

    #[test]
    fn display_and_debug() {
        assert_eq!(Path::new().to_string(), "/");
        assert_eq!(format!("{:?}", Path::new().literal("me")), "Path(\"/me\")");
    }
}
