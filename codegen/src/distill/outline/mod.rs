//! The page outline: one pass over pulldown-cmark's event stream turns a page into a
//! flat list of blocks (headings, paragraphs, tables, code blocks, include directives),
//! each with its line and the annotation comment that precedes it. Language tabs
//! (`# [HTTP](#tab/http)`) are not headings: they are dropped, so the blocks of every
//! tab stay in the section they belong to. Sections are views over the blocks.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Options, Parser};

use crate::spec::Diagnostic;

mod source_text;
mod walk;

pub(crate) use source_text::{LineIndex, table_tabs_to_spaces};

/// A link inside inline text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link<'s> {
    /// The link's text.
    pub text: String,
    /// The destination as written.
    pub dest: Cow<'s, str>,
}

/// Inline content (a paragraph, a heading, a table cell).
#[derive(Debug, Clone)]
pub(crate) struct Inline<'s> {
    /// The markdown source, trimmed.
    pub markdown: &'s str,
    /// Plain text: markup removed, code spans kept without backticks, whitespace
    /// collapsed. Empty for paragraphs of sections no consumer reads (examples): the
    /// walk does not build text nobody asks for.
    pub text: Cow<'s, str>,
    /// Links, in order (also only where text is built).
    pub links: Vec<Link<'s>>,
}

/// A table: its header cells and rows.
#[derive(Debug, Clone)]
pub(crate) struct Table<'s> {
    pub header: Vec<Inline<'s>>,
    pub rows: Vec<Row<'s>>,
}

/// A table row.
#[derive(Debug, Clone)]
pub(crate) struct Row<'s> {
    pub cells: Vec<Inline<'s>>,
    /// The number of cells the source line has (GFM pads or cuts rows to the header's
    /// width; this is what was written).
    pub written_cells: usize,
    pub line: u32,
}

/// What a block is.
#[derive(Debug, Clone)]
pub(crate) enum BlockKind<'s> {
    Heading {
        level: u8,
        text: Inline<'s>,
    },
    Paragraph(Inline<'s>),
    Table(Table<'s>),
    Code {
        info: Cow<'s, str>,
        text: Cow<'s, str>,
        /// Fenced (its text starts on the line after the fence) or indented (its text
        /// starts on the block's own line).
        fenced: bool,
    },
    /// An `[!INCLUDE [name](target)]` line (most are SDK snippets nobody reads: both
    /// are borrowed from the page).
    Include {
        name: &'s str,
        target: &'s str,
    },
}

/// An annotation comment (`<!-- { ... } -->`) as written: the text between the
/// comment markers.
#[derive(Debug, Clone)]
pub(crate) struct RawAnnotation<'s> {
    pub json: &'s str,
    pub line: u32,
}

/// One block of the page.
#[derive(Debug, Clone)]
pub(crate) struct Block<'s> {
    pub kind: BlockKind<'s>,
    pub line: u32,
    /// The annotation comment right before this block (no other block between).
    pub annotation: Option<RawAnnotation<'s>>,
}

impl Block<'_> {
    /// Plain text of a heading or paragraph.
    pub(crate) fn text(&self) -> Option<&str> {
        match &self.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) => Some(&text.text),
            _ => None,
        }
    }
}

/// A section: a heading and the blocks under it, up to the next heading of the same or
/// a higher level (subsections included).
#[derive(Debug, Clone)]
pub(crate) struct Section {
    /// Index of the heading block.
    pub heading: usize,
    pub level: u8,
    /// The heading's text, lower-cased, whitespace collapsed, trailing `:` removed.
    pub title: String,
    /// Blocks after the heading.
    pub body: Range<usize>,
}

/// A parsed page.
#[derive(Debug)]
pub(crate) struct Outline<'s> {
    /// The YAML front matter text and the line it starts on.
    pub front_matter: Option<(&'s str, u32)>,
    pub blocks: Vec<Block<'s>>,
    pub sections: Vec<Section>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The parser options every pass uses (the benchmark's bare pass uses the same).
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
}

impl<'s> Outline<'s> {
    /// Parse a page.
    pub(crate) fn parse(src: &'s str) -> Outline<'s> {
        let lines = LineIndex::new(src);
        let (front_matter, body_start) = source_text::split_front_matter(src);
        // Asked first, at the top: the line index counts from the last offset asked, and
        // asking after the walk would count the whole page again, backwards.
        let front_matter = front_matter.map(|(text, start)| (text, lines.line(start)));
        let mut walk = walk::Walk::new(src, body_start, &lines);
        let parser = Parser::new_ext(&src[body_start..], markdown_options());
        for (event, range) in parser.into_offset_iter() {
            walk.event(event, range.start + body_start..range.end + body_start);
        }
        let (blocks, titles, diagnostics) = walk.finish();
        let sections = sections(&blocks, titles);
        Outline { front_matter, blocks, sections, diagnostics }
    }

    /// The first section whose title is one of `titles` (compared lower-case).
    pub(crate) fn section(&self, titles: &[&str]) -> Option<&Section> {
        self.sections.iter().find(|s| titles.contains(&s.title.as_str()))
    }

    /// Every section whose title satisfies `pred`.
    pub(crate) fn sections_where<'a>(
        &'a self,
        pred: impl Fn(&str) -> bool + 'a,
    ) -> impl Iterator<Item = &'a Section> + 'a {
        self.sections.iter().filter(move |s| pred(&s.title))
    }

    /// The blocks of a section's body.
    pub(crate) fn body(&self, section: &Section) -> &[Block<'s>] {
        &self.blocks[section.body.clone()]
    }

    /// The blocks of a section's body up to its first subsection.
    pub(crate) fn own_body(&self, section: &Section) -> &[Block<'s>] {
        let body = self.body(section);
        let end = body
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading { .. }))
            .unwrap_or(body.len());
        &body[..end]
    }

    /// The H1 heading block, when the page has one.
    pub(crate) fn title(&self) -> Option<&Block<'s>> {
        self.blocks.iter().find(|b| matches!(b.kind, BlockKind::Heading { level: 1, .. }))
    }

    /// Blocks between the H1 and the first H2 (or any heading below H1).
    pub(crate) fn intro(&self) -> &[Block<'s>] {
        let start = self
            .blocks
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading { level: 1, .. }))
            .map(|i| i + 1)
            .unwrap_or(0);
        let end = self.blocks[start..]
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading { .. }))
            .map(|i| start + i)
            .unwrap_or(self.blocks.len());
        &self.blocks[start..end]
    }
}

/// Normalize a heading for matching: lower case, whitespace collapsed, trailing `:`
/// dropped.
pub(crate) fn normalize_title(text: &str) -> String {
    if text.is_ascii() {
        return normalize_ascii_title(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    while out.ends_with([':', ' ']) {
        out.pop();
    }
    out
}

/// [`normalize_title`] of ASCII text (every heading of every page goes through it):
/// lower-cased in one vectorized copy; whitespace is collapsed only when the heading
/// has any to collapse, which few do.
fn normalize_ascii_title(text: &str) -> String {
    use crate::distill::text::is_unicode_space_byte as space;
    let bytes = text.as_bytes();
    let tidy = bytes.first().is_some_and(|&b| !space(b))
        && bytes.windows(2).all(|w| !space(w[1]) || (w[1] == b' ' && !space(w[0])))
        && bytes.last().is_some_and(|&b| !space(b));
    let mut out = if tidy {
        text.to_ascii_lowercase()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase()
    };
    while out.ends_with([':', ' ']) {
        out.pop();
    }
    out
}

fn sections(blocks: &[Block<'_>], titles: Vec<String>) -> Vec<Section> {
    let mut out = Vec::with_capacity(titles.len());
    let mut titles = titles.into_iter();
    for (i, block) in blocks.iter().enumerate() {
        if let BlockKind::Heading { level, .. } = &block.kind {
            let end = blocks[i + 1..]
                .iter()
                .position(|b| matches!(b.kind, BlockKind::Heading { level: l, .. } if l <= *level))
                .map(|p| i + 1 + p)
                .unwrap_or(blocks.len());
            out.push(Section {
                heading: i,
                level: *level,
                title: titles.next().unwrap_or_default(),
                body: i + 1..end,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::source_text::parse_include;
    use super::*;
    use crate::spec::DiagnosticKind;

    const PAGE: &str = "---\ntitle: \"call: x\"\n---\n\n# call: x\n\nIntro [link](a.md).\n\n## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nPOST /a/{id}/b\n```\n\n## Example\n\n# [HTTP](#tab/http)\n<!-- {\n  \"blockType\": \"request\"\n}-->\n```http\nPOST https://x/a\n```\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/a.md)]\n[!INCLUDE [sdk-documentation](../includes/b.md)]\n\n---\n\n## Properties\n\n| Name | Type |\n|:--|:--|\n| a | `String` |\n| b | [x](x.md) collection | extra |\n";

    #[test]
    fn blocks_sections_annotations_and_tabs() {
        let o = Outline::parse(PAGE);
        assert_eq!(o.front_matter.map(|f| f.1), Some(2));
        let titles: Vec<_> = o.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["call: x", "http request", "example", "properties"]);
        let http = o.section(&["http request"]).unwrap();
        let body = o.body(http);
        assert_eq!(body.len(), 1);
        let BlockKind::Code { info, text, .. } = &body[0].kind else { panic!() };
        assert_eq!((&**info, &**text), ("http", "POST /a/{id}/b\n"));
        assert_eq!(body[0].line, 11);
        assert!(body[0].annotation.as_ref().unwrap().json.contains("ignored"));
        let example = o.body(o.section(&["example"]).unwrap());
        assert!(matches!(example[0].kind, BlockKind::Code { .. }));
        assert_eq!(example[0].annotation.as_ref().unwrap().line, 18);
        let includes: Vec<_> = example
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Include { name, .. } => Some((*name, b.line)),
                _ => None,
            })
            .collect();
        assert_eq!(includes, [("sample-code", 25), ("sdk-documentation", 26)]);
        let props = o.body(o.section(&["properties"]).unwrap());
        let BlockKind::Table(t) = &props[0].kind else { panic!() };
        assert_eq!(t.header.len(), 2);
        assert_eq!(t.rows[0].cells[1].text, "String");
        assert_eq!(t.rows[1].cells[1].links[0].dest, "x.md");
        assert_eq!(t.rows[1].cells[1].links[0].text, "x", "link text is kept");
        assert!(matches!(t.rows[0].cells[0].text, Cow::Borrowed("a")), "plain cells borrow");
        assert_eq!(t.rows[1].written_cells, 3);
        assert_eq!(t.rows[1].line, 35);
    }

    #[test]
    fn intro_and_lines() {
        let o = Outline::parse(PAGE);
        let intro = o.intro();
        assert_eq!(intro.len(), 1);
        assert_eq!(intro[0].text(), Some("Intro link."));
        assert_eq!(intro[0].line, 7);
    }

    #[test]
    fn unclosed_fence_is_reported() {
        let o = Outline::parse("# t\n\n## HTTP request\n```http\nGET /a\n\n## Response\n");
        assert_eq!(o.diagnostics.len(), 1);
        assert_eq!(o.diagnostics[0].kind, DiagnosticKind::UnclosedCodeFence);
        assert_eq!(o.diagnostics[0].line, Some(4));
        assert!(o.section(&["response"]).is_none());
    }

    #[test]
    fn include_line() {
        assert_eq!(
            parse_include("[!INCLUDE [permissions-table](../includes/p.md)]"),
            Some(("permissions-table", "../includes/p.md"))
        );
        assert_eq!(parse_include("[!INCLUDE broken"), None);
    }

    #[test]
    fn front_matter_without_close_is_markdown() {
        let o = Outline::parse("---\ntitle: x\n# Heading\n");
        assert!(o.front_matter.is_none());
        assert!(o.title().is_some());
    }
}
