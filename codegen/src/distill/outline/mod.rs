//! The page outline: one pass over pulldown-cmark's event stream turns a page into a
//! flat list of blocks (headings, paragraphs, tables, code blocks, include directives),
//! each with its line and the annotation comment that precedes it. Language tabs
//! (`# [HTTP](#tab/http)`) are not headings: they are dropped, so the blocks of every
//! tab stay in the section they belong to. Sections are views over the blocks.
//!
//! Everything the outline holds is borrowed: from the page where the parser hands out
//! the page's own text, otherwise from an [`Arena`] (texts built from several pieces,
//! lowered titles, the lists of blocks, rows and cells). The arena lives as long as
//! the page's distillation and is then emptied in one step for the next page, instead
//! of half a million small allocations and frees over the corpus.

use std::ops::Range;

pub(crate) use bumpalo::Bump as Arena;
use pulldown_cmark::{Options, Parser};

use crate::spec::Diagnostic;

mod arena;
mod inline;
mod mask;
mod source_text;
mod walk;

pub(crate) use arena::with_arena;
use mask::Masks;

pub(crate) use source_text::{LineIndex, table_tabs_to_spaces};

/// A link inside inline text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Link<'s> {
    /// The link's text.
    pub text: &'s str,
    /// The destination as written (escapes resolved).
    pub dest: &'s str,
}

/// Inline content (a paragraph, a heading, a table cell).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Inline<'s> {
    /// The markdown source, trimmed.
    pub markdown: &'s str,
    /// Plain text: markup removed, code spans kept without backticks, whitespace
    /// collapsed. Empty for paragraphs of sections no consumer reads (examples): the
    /// walk does not build text nobody asks for.
    pub text: &'s str,
    /// Links, in order (also only where text is built).
    pub links: &'s [Link<'s>],
}

/// A table: its header cells and rows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Table<'s> {
    pub header: &'s [Inline<'s>],
    pub rows: &'s [Row<'s>],
}

/// A table row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'s> {
    pub cells: &'s [Inline<'s>],
    /// The number of cells the source line has (GFM pads or cuts rows to the header's
    /// width; this is what was written).
    pub written_cells: usize,
    pub line: u32,
}

/// What a block is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum BlockKind<'s> {
    Heading {
        level: u8,
        text: Inline<'s>,
    },
    Paragraph(Inline<'s>),
    Table(Table<'s>),
    Code {
        info: &'s str,
        text: &'s str,
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
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawAnnotation<'s> {
    pub json: &'s str,
    pub line: u32,
}

/// One block of the page.
#[derive(Debug, Clone, Copy)]
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
            BlockKind::Heading { text, .. } | BlockKind::Paragraph(text) => Some(text.text),
            _ => None,
        }
    }
}

/// A section: a heading and the blocks under it, up to the next heading of the same or
/// a higher level (subsections included).
#[derive(Debug, Clone)]
pub(crate) struct Section<'s> {
    /// Index of the heading block.
    pub heading: usize,
    pub level: u8,
    /// The heading's text, lower-cased, whitespace collapsed, trailing `:` removed.
    pub title: &'s str,
    /// Blocks after the heading.
    pub body: Range<usize>,
}

/// A parsed page.
#[derive(Debug)]
pub(crate) struct Outline<'s> {
    /// The YAML front matter text and the line it starts on.
    pub front_matter: Option<(&'s str, u32)>,
    pub blocks: &'s [Block<'s>],
    pub sections: &'s [Section<'s>],
    pub diagnostics: Vec<Diagnostic>,
}

/// The parser options every pass uses (the benchmark's bare pass uses the same).
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
}

impl<'s> Outline<'s> {
    /// Parse a page; what the outline builds lives in `arena`.
    pub(crate) fn parse(src: &'s str, arena: &'s Arena) -> Outline<'s> {
        Self::parse_with(src, arena, true)
    }

    /// [`Outline::parse`], with the parser given a copy of the page masked where that
    /// saves it work ([`mask`]), or the page itself. Both give the same outline.
    pub(crate) fn parse_with(src: &'s str, arena: &'s Arena, masking: bool) -> Outline<'s> {
        let lines = LineIndex::new(src);
        let (front_matter, body_start) = source_text::split_front_matter(src);
        // Asked first, at the top: the line index counts from the last offset asked, and
        // asking after the walk would count the whole page again, backwards.
        let front_matter = front_matter.map(|(text, start)| (text, lines.line(start)));
        let body = &src[body_start..];
        let masked = if masking {
            mask::mask(body, body_start, arena)
        } else {
            mask::Masked::unmasked(body)
        };
        // A mask that did not hold: the page itself, walked again (with no masks, the
        // walk has nothing to check and always gives its outline).
        let (blocks, titles, diagnostics) =
            Self::walk(src, body_start, &lines, arena, masked.text, masked.masks)
                .or_else(|| Self::walk(src, body_start, &lines, arena, body, Masks::default()))
                .unwrap_or_default();
        let sections = sections(blocks, titles, arena);
        Outline { front_matter, blocks, sections, diagnostics }
    }

    /// One walk over the events of the parser's `text` for the page `src` (the same
    /// bytes, or a copy masked by [`mask`]); `None` when a mask did not hold.
    fn walk(
        src: &'s str,
        body_start: usize,
        lines: &LineIndex<'s>,
        arena: &'s Arena,
        text: &'s str,
        masks: Masks<'s>,
    ) -> Option<(&'s [Block<'s>], &'s [&'s str], Vec<Diagnostic>)> {
        let mut walk = walk::Walk::new(src, body_start, lines, arena, masks);
        // Each event is read by reference where `next` put it. Moving it into a local (as
        // a `for` loop's pattern does) copied it with wide loads over the parser's
        // narrower stores: a stall on every event, about 10 ms over the corpus (see
        // codegen/benches/README.md, stop 23). Keep the loop this way.
        let mut events = Parser::new_ext(text, markdown_options()).into_offset_iter();
        loop {
            let next = events.next();
            let Some((event, range)) = &next else { break };
            walk.event(event, range.start + body_start..range.end + body_start);
        }
        walk.finish()
    }

    /// The first section whose title is one of `titles` (compared lower-case).
    pub(crate) fn section(&self, titles: &[&str]) -> Option<&'s Section<'s>> {
        self.sections.iter().find(|s| titles.contains(&s.title))
    }

    /// Every section whose title satisfies `pred`.
    pub(crate) fn sections_where<'a>(
        &'a self,
        pred: impl Fn(&str) -> bool + 'a,
    ) -> impl Iterator<Item = &'s Section<'s>> + 'a {
        self.sections.iter().filter(move |s| pred(s.title))
    }

    /// The blocks of a section's body.
    pub(crate) fn body(&self, section: &Section<'_>) -> &'s [Block<'s>] {
        &self.blocks[section.body.clone()]
    }

    /// The blocks of a section's body up to its first subsection.
    pub(crate) fn own_body(&self, section: &Section<'_>) -> &'s [Block<'s>] {
        let body = self.body(section);
        let end = body
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading { .. }))
            .unwrap_or(body.len());
        &body[..end]
    }

    /// The H1 heading block, when the page has one.
    pub(crate) fn title(&self) -> Option<&'s Block<'s>> {
        self.blocks.iter().find(|b| matches!(b.kind, BlockKind::Heading { level: 1, .. }))
    }

    /// Blocks between the H1 and the first H2 (or any heading below H1).
    pub(crate) fn intro(&self) -> &'s [Block<'s>] {
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

/// A page's outline (as its `Debug` text) from the masked copy and from the page itself,
/// each in an arena of its own: the two must be equal (the masks' tests, and the
/// corpus test through [`crate::distill::masked_outline_agrees`]).
pub(crate) fn masked_and_plain_outlines(src: &str) -> (String, String) {
    let outline =
        |masking| with_arena(|arena| format!("{:?}", Outline::parse_with(src, arena, masking)));
    (outline(true), outline(false))
}

/// Normalize a heading for matching: lower case, whitespace collapsed, trailing `:`
/// dropped.
pub(crate) fn normalize_title(text: &str) -> String {
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

/// [`normalize_title`], kept in `arena`: a tidy ASCII heading (nearly all of them) is
/// copied and lowered in place, with no `String` in between.
pub(crate) fn normalize_title_in<'a>(text: &str, arena: &'a Arena) -> &'a str {
    if !text.is_ascii() || !is_tidy(text.as_bytes()) {
        return arena.alloc_str(&normalize_title(text));
    }
    let out = arena.alloc_str(text);
    out.make_ascii_lowercase();
    out.trim_end_matches([':', ' '])
}

/// Whether ASCII text has no whitespace to collapse: none leading or trailing, and
/// words separated by single spaces.
fn is_tidy(bytes: &[u8]) -> bool {
    use crate::distill::text::is_unicode_space_byte as space;
    bytes.first().is_some_and(|&b| !space(b))
        && bytes.windows(2).all(|w| !space(w[1]) || (w[1] == b' ' && !space(w[0])))
        && bytes.last().is_some_and(|&b| !space(b))
}

fn sections<'s>(blocks: &[Block<'_>], titles: &[&'s str], arena: &'s Arena) -> &'s [Section<'s>] {
    let mut out = bumpalo::collections::Vec::with_capacity_in(titles.len(), arena);
    let mut titles = titles.iter();
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
                title: titles.next().copied().unwrap_or_default(),
                body: i + 1..end,
            });
        }
    }
    out.into_bump_slice()
}

#[cfg(test)]
mod tests {
    use super::source_text::parse_include;
    use super::*;
    use crate::spec::DiagnosticKind;

    const PAGE: &str = "---\ntitle: \"call: x\"\n---\n\n# call: x\n\nIntro [link](a.md).\n\n## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nPOST /a/{id}/b\n```\n\n## Example\n\n# [HTTP](#tab/http)\n<!-- {\n  \"blockType\": \"request\"\n}-->\n```http\nPOST https://x/a\n```\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/a.md)]\n[!INCLUDE [sdk-documentation](../includes/b.md)]\n\n---\n\n## Properties\n\n| Name | Type |\n|:--|:--|\n| a | `String` |\n| b | [x](x.md) collection | extra |\n";

    #[test]
    fn blocks_sections_annotations_and_tabs() {
        let arena = crate::distill::outline::Arena::new();
        let o = Outline::parse(PAGE, &arena);
        assert_eq!(o.front_matter.map(|f| f.1), Some(2));
        let titles: Vec<_> = o.sections.iter().map(|s| s.title).collect();
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
        // A page with nothing to mask is parsed as it is: plain cells borrow from it.
        let page = "| Name | Type |\n|:--|:--|\n| a | `String` |\n";
        let plain = Outline::parse(page, &arena);
        let BlockKind::Table(plain) = &plain.blocks[0].kind else { panic!() };
        assert!(
            std::ptr::eq(
                plain.rows[0].cells[0].text,
                &page[page.find("| a |").unwrap() + 2..][..1]
            ),
            "plain cells borrow"
        );
        assert_eq!(t.rows[1].written_cells, 3);
        assert_eq!(t.rows[1].line, 35);
    }

    #[test]
    fn intro_and_lines() {
        let arena = crate::distill::outline::Arena::new();
        let o = Outline::parse(PAGE, &arena);
        let intro = o.intro();
        assert_eq!(intro.len(), 1);
        assert_eq!(intro[0].text(), Some("Intro link."));
        assert_eq!(intro[0].line, 7);
    }

    #[test]
    fn written_cells_are_the_cells_of_the_line_as_gfm_splits_it() {
        let page = "| A | B | C |\n|-|-|-|\n| a | b | c |\n| short |\n|| b ||\n\
                    | a | `x|y` | c | d |\n| a | b | c | d \\| e |\nlast | row";
        let arena = Arena::new();
        let o = Outline::parse(page, &arena);
        let BlockKind::Table(t) = &o.blocks[0].kind else { panic!() };
        let written: Vec<_> = t.rows.iter().map(|r| (r.cells.len(), r.written_cells)).collect();
        // Padded rows keep their width; rows cut to it keep the count they had; a
        // pipe in backticks splits, an escaped one does not; the last row has no
        // newline and no pipes at its ends.
        assert_eq!(written, [(3, 3), (3, 1), (3, 3), (3, 5), (3, 4), (3, 2)]);
    }

    #[test]
    fn unclosed_fence_is_reported() {
        let arena = crate::distill::outline::Arena::new();
        let o = Outline::parse("# t\n\n## HTTP request\n```http\nGET /a\n\n## Response\n", &arena);
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
        let arena = crate::distill::outline::Arena::new();
        let o = Outline::parse("---\ntitle: x\n# Heading\n", &arena);
        assert!(o.front_matter.is_none());
        assert!(o.title().is_some());
    }
}
