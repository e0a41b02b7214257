//! Markdown -> spec. One module per concern of a page, each a function from a slice of
//! the page to a piece of the spec; [`page`] wires them.
//!
//! - [`outline`]: pulldown-cmark events -> blocks and sections (the only parse);
//! - `frontmatter`: the YAML header;
//! - `http`: request lines -> operations;
//! - `permissions`: inline table, grid or include;
//! - `tables`: header recognition shared by all tables;
//! - `types`: type strings -> `TypeExpr`;
//! - `examples`, `annotation`: example blocks and their annotation comments;
//! - `response`: the Response prose, checked against the examples;
//! - `resource`: resource pages;
//! - `api`: API pages.
//!
//! One bad page never stops a run: a page yields a spec with diagnostics, or a
//! [`DistillError`] naming the file (and line).

mod annotation;
mod api;
pub mod batch;
mod examples;
mod frontmatter;
mod http;
pub mod outline;
mod permissions;
mod requirement;
mod resource;
mod response;
mod status;
mod tables;
mod text;
mod types;

use std::borrow::Cow;
use std::collections::BTreeSet;

use sha2::{Digest, Sha256};

use crate::source::{DocSource, PageKind, PagePath};
use crate::spec::{
    ApiVersion, Diagnostic, DiagnosticKind, FrontMatter, Include, PageSpec, ResourcePage,
    SPEC_FORMAT_VERSION, VersionSource,
};

use outline::{BlockKind, Outline};

/// Settings of the distiller.
#[derive(Debug, Clone)]
pub struct DistillOptions {
    /// Pages larger than this many bytes are refused instead of parsed.
    pub max_page_bytes: usize,
}

impl Default for DistillOptions {
    fn default() -> Self {
        DistillOptions { max_page_bytes: 4 * 1024 * 1024 }
    }
}

/// Why a page yields no spec.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}{}: {kind}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct DistillError {
    /// The page, relative to the docs root.
    pub path: String,
    /// The line, when the error has one.
    pub line: Option<u32>,
    /// What went wrong.
    pub kind: DistillErrorKind,
}

/// Kinds of [`DistillError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DistillErrorKind {
    /// The page could not be read from its source.
    #[error("page could not be read")]
    Unreadable,
    /// The page is larger than [`DistillOptions::max_page_bytes`].
    #[error("page is {size} bytes, over the {limit}-byte limit; not parsed")]
    TooLarge {
        /// The page's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Neither the path, the front matter nor the sections say whether this is an API
    /// or a resource page.
    #[error(
        "not an API or resource page (no api/ or resources/ folder, doc_type, or known sections)"
    )]
    UnknownKind,
}

impl DistillErrorKind {
    /// A stable snake_case name (summaries count by it).
    pub fn as_str(&self) -> &'static str {
        match self {
            DistillErrorKind::Unreadable => "unreadable",
            DistillErrorKind::TooLarge { .. } => "page_too_large",
            DistillErrorKind::UnknownKind => "unknown_page_kind",
        }
    }
}

/// A distilled page: its spec, and the files it included (for the lock file).
#[derive(Debug, Clone)]
pub struct Distilled {
    /// The spec.
    pub spec: PageSpec,
    /// Included files that were read (paths relative to the docs root).
    pub includes: BTreeSet<String>,
}

/// Reads included files through the source, remembering what it read.
pub(crate) struct Includes<'a> {
    source: &'a DocSource,
    read: BTreeSet<String>,
}

impl<'a> Includes<'a> {
    pub(crate) fn new(source: &'a DocSource) -> Self {
        Includes { source, read: BTreeSet::new() }
    }

    /// Read an included file (path relative to the docs root) as text.
    pub(crate) fn read(&mut self, path: &str) -> Option<String> {
        let bytes = self.source.read(path)?;
        self.read.insert(path.to_string());
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Whether an included file exists (without reading it for its facts).
    pub(crate) fn exists(&mut self, path: &str) -> bool {
        let found = self.source.read(path).is_some();
        if found {
            self.read.insert(path.to_string());
        }
        found
    }
}

pub use annotation::strip_trailing_commas;

/// Read a type name as annotations and prose write it (`microsoft.graph.call`,
/// `Collection(microsoft.graph.participant)`).
pub fn type_name(text: &str) -> crate::spec::TypeExpr {
    types::parse_name(text)
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Distill the page at `path` (relative to the docs root) of `source`.
pub fn page(
    source: &DocSource,
    path: &str,
    options: &DistillOptions,
) -> Result<Distilled, DistillError> {
    let bytes = source.read(path).ok_or_else(|| DistillError {
        path: path.to_string(),
        line: None,
        kind: DistillErrorKind::Unreadable,
    })?;
    page_bytes(source, path, &bytes, options)
}

/// Distill a page given its bytes. `source` resolves the files it includes.
pub fn page_bytes(
    source: &DocSource,
    path: &str,
    bytes: &[u8],
    options: &DistillOptions,
) -> Result<Distilled, DistillError> {
    if bytes.len() > options.max_page_bytes {
        return Err(DistillError {
            path: path.to_string(),
            line: None,
            kind: DistillErrorKind::TooLarge { size: bytes.len(), limit: options.max_page_bytes },
        });
    }
    let mut diagnostics = Vec::new();
    let text = page_text(bytes, &mut diagnostics);
    outline::with_arena(|arena| {
        from_outline(source, path, &Outline::parse(&text, arena), diagnostics)
    })
}

/// The spec of a page from its outline.
fn from_outline(
    source: &DocSource,
    path: &str,
    outline: &Outline<'_>,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<Distilled, DistillError> {
    diagnostics.extend(outline.diagnostics.iter().cloned());
    let mut includes = Includes::new(source);
    let common = common(outline, path, &mut includes, &mut diagnostics);
    let from_path = PagePath::new(path).kind();
    let from_doc_type = kind_from_doc_type(&common.front_matter);
    // A resource page filed under api/ (its doc_type says so and it has no request).
    let misfiled = from_path == Some(PageKind::Api)
        && from_doc_type == Some(PageKind::Resource)
        && outline.section(&["http request"]).is_none();
    if misfiled {
        diagnostics.push(Diagnostic::note(
            DiagnosticKind::Other,
            None,
            "resource page filed under api/: distilled as a resource page",
        ));
    }
    let kind = (if misfiled { from_doc_type } else { from_path })
        .or(from_doc_type)
        .or_else(|| kind_from_sections(outline))
        .ok_or_else(|| DistillError {
            path: path.to_string(),
            line: None,
            kind: DistillErrorKind::UnknownKind,
        })?;
    let spec = match kind {
        PageKind::Api => PageSpec::Api(api::api_page(outline, common, &mut includes, diagnostics)),
        PageKind::Resource => PageSpec::Resource(resource_page(outline, common, diagnostics)),
    };
    Ok(Distilled { spec, includes: includes.read })
}

/// A page's bytes as the outline reads them: UTF-8 (invalid bytes replaced, with a
/// diagnostic), tabs in table lines made spaces.
fn page_text<'b>(bytes: &'b [u8], diagnostics: &mut Vec<Diagnostic>) -> Cow<'b, str> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => Cow::Borrowed(t),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            diagnostics.push(Diagnostic::warning(
                DiagnosticKind::InvalidUtf8,
                Some(line),
                "page is not valid UTF-8; invalid bytes replaced with U+FFFD",
            ));
            String::from_utf8_lossy(bytes)
        }
    };
    outline::table_tabs_to_spaces(text)
}

/// The first half of [`page_bytes`] alone: decode the page and build its outline (the
/// one pass over pulldown-cmark's events), extracting nothing. Returns the number of
/// blocks. For the distill benchmark, which times it to split the distiller's cost
/// between the walk and the extraction; not part of the API.
#[doc(hidden)]
pub fn outline_only(bytes: &[u8]) -> usize {
    let text = page_text(bytes, &mut Vec::new());
    outline::with_arena(|arena| Outline::parse(&text, arena).blocks.len())
}

/// Whether a page's outline is the same whether or not the parser is given the page
/// masked where that saves it work (it must always be: the masks change how fast a page
/// is outlined, never what it is outlined to). For the corpus test; not part of the API.
#[doc(hidden)]
pub fn masked_outline_agrees(bytes: &[u8]) -> bool {
    let (masked, plain) = outline::masked_and_plain_outlines(&page_text(bytes, &mut Vec::new()));
    masked == plain
}

/// What every page has, whatever its kind.
pub(crate) struct Common {
    pub stem: String,
    pub version: ApiVersion,
    pub version_source: VersionSource,
    pub source: String,
    pub front_matter: FrontMatter,
    pub title: String,
    pub namespace: Option<String>,
    pub description: String,
    pub includes: Vec<Include>,
}

impl Common {
    fn doc_url(&self, kind: PageKind) -> String {
        let folder = match kind {
            PageKind::Api => "api",
            PageKind::Resource => "api/resources",
        };
        // One string, built in place (every page has one).
        let (base, view) = ("https://learn.microsoft.com/en-us/graph/", self.version.docs_view());
        let mut url =
            String::with_capacity(base.len() + folder.len() + self.stem.len() + view.len() + 7);
        url.push_str(base);
        url.push_str(folder);
        url.push('/');
        let stem_at = url.len();
        url.push_str(&self.stem);
        url[stem_at..].make_ascii_lowercase();
        url.push_str("?view=");
        url.push_str(view);
        url
    }
}

fn common(
    outline: &Outline<'_>,
    path: &str,
    includes: &mut Includes<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Common {
    let page_path = PagePath::new(path);
    let front_matter = match outline.front_matter {
        Some((yaml, line)) => frontmatter::parse(yaml, line, diagnostics),
        None => FrontMatter::default(),
    };
    let title_block = outline.title();
    let title = title_block.and_then(|b| b.text()).unwrap_or("").trim().to_string();
    if title.is_empty() {
        diagnostics.push(Diagnostic::warning(
            DiagnosticKind::MissingTitle,
            None,
            "page has no `# title`",
        ));
    }
    // Every include directive, resolved when it carries facts.
    let mut all_includes = Vec::new();
    for block in outline.blocks {
        let BlockKind::Include { name, target } = &block.kind else { continue };
        // SDK code samples (one or two per language tab) carry no API facts and both
        // archives leave them out: they are not recorded.
        let snippet =
            target.contains("/snippets/") || *name == "sample-code" || *name == "sdk-documentation";
        if snippet {
            continue;
        }
        let resolved_path = crate::source::resolve_relative(path, target);
        // Permissions tables are read (and their `resolved` set) by `permissions`.
        let permission = permissions::is_permissions_include(name, target);
        let resolved = !permission && resolved_path.as_deref().is_some_and(|p| includes.exists(p));
        if !permission && !resolved {
            diagnostics.push(Diagnostic::note(
                DiagnosticKind::UnresolvedInclude,
                Some(block.line),
                format!("include `{name}` (`{target}`) not found"),
            ));
        }
        all_includes.push(Include {
            name: name.to_string(),
            target: target.to_string(),
            path: resolved_path,
            resolved,
            line: block.line,
        });
    }
    let (version, version_source) = match page_path.version() {
        Some(v) => (v, VersionSource::Path),
        None if all_includes.iter().any(|i| i.name.eq_ignore_ascii_case("beta-disclaimer")) => {
            (ApiVersion::Beta, VersionSource::BetaDisclaimer)
        }
        None => {
            diagnostics.push(Diagnostic::note(
                DiagnosticKind::AssumedVersion,
                None,
                "neither the path nor a beta disclaimer names the version; v1.0 assumed",
            ));
            (ApiVersion::V1, VersionSource::Assumed)
        }
    };
    let mut namespace = None;
    let mut description: Vec<&str> = Vec::new();
    for block in outline.intro() {
        if let BlockKind::Paragraph(inline) = &block.kind {
            if let Some(ns) = inline.text.strip_prefix("Namespace:") {
                namespace = Some(ns.trim().to_string());
                continue;
            }
            description.push(inline.markdown);
        }
    }
    Common {
        stem: page_path.stem().to_string(),
        version,
        version_source,
        source: path.to_string(),
        front_matter,
        title,
        namespace,
        description: description.join("\n\n"),
        includes: all_includes,
    }
}

fn kind_from_doc_type(fm: &FrontMatter) -> Option<PageKind> {
    let doc_type = fm.doc_type.as_deref()?;
    if doc_type.eq_ignore_ascii_case("apipagetype") {
        Some(PageKind::Api)
    } else if doc_type.eq_ignore_ascii_case("resourcepagetype")
        || doc_type.eq_ignore_ascii_case("enumpagetype")
    {
        Some(PageKind::Resource)
    } else {
        None
    }
}

fn kind_from_sections(outline: &Outline<'_>) -> Option<PageKind> {
    if outline.section(&["http request"]).is_some() {
        Some(PageKind::Api)
    } else if outline.section(&["properties", "json representation", "members"]).is_some() {
        Some(PageKind::Resource)
    } else {
        None
    }
}

fn resource_page(
    outline: &Outline<'_>,
    common: Common,
    mut diagnostics: Vec<Diagnostic>,
) -> ResourcePage {
    let doc_url = common.doc_url(PageKind::Resource);
    let facts = resource::resource(
        outline,
        &common.stem,
        &common.title,
        common.front_matter.doc_type.as_deref(),
        &mut diagnostics,
    );
    ResourcePage {
        format: SPEC_FORMAT_VERSION,
        stem: common.stem,
        version: common.version,
        version_source: common.version_source,
        source: common.source,
        doc_url,
        front_matter: common.front_matter,
        title: common.title,
        name: facts.name,
        namespace: common.namespace,
        odata_type: facts.odata_type,
        kind: facts.kind,
        base_type: facts.base_type,
        description: common.description,
        includes: common.includes,
        methods: facts.methods,
        properties: facts.properties,
        relationships: facts.relationships,
        members: facts.members,
        enums: facts.enums,
        json_representation: facts.json_representation,
        diagnostics,
    }
}
