//! The page outline: one pass over pulldown-cmark's event stream turns a page into a
//! flat list of blocks (headings, paragraphs, tables, code blocks, include directives),
//! each with its line and the annotation comment that precedes it. Language tabs
//! (`# [HTTP](#tab/http)`) are not headings: they are dropped, so the blocks of every
//! tab stay in the section they belong to. Sections are views over the blocks.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::spec::{Diagnostic, DiagnosticKind};

/// Maps byte offsets to 1-based line numbers.
#[derive(Debug)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(src.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }
}

/// A link inside inline text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    /// The link's text.
    pub text: String,
    /// The destination as written.
    pub dest: String,
}

/// Inline content (a paragraph, a heading, a table cell).
#[derive(Debug, Clone)]
pub(crate) struct Inline<'s> {
    /// The markdown source, trimmed.
    pub markdown: &'s str,
    /// Plain text: markup removed, code spans kept without backticks, breaks as spaces.
    pub text: String,
    /// Links, in order.
    pub links: Vec<Link>,
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
    Heading { level: u8, text: Inline<'s> },
    Paragraph(Inline<'s>),
    Table(Table<'s>),
    Code { info: String, text: String },
    Include { name: String, target: String },
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
    /// Plain text of a heading, paragraph.
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
        let (front_matter, body_start) = split_front_matter(src);
        let mut walk = Walk {
            src,
            base: body_start,
            lines: &lines,
            blocks: Vec::new(),
            diagnostics: Vec::new(),
            annotation: None,
            inline: Vec::new(),
            table: None,
            row: None,
            code: None,
            html: None,
        };
        let parser = Parser::new_ext(&src[body_start..], markdown_options());
        for (event, range) in parser.into_offset_iter() {
            walk.event(event, range.start + body_start..range.end + body_start);
        }
        let Walk { blocks, diagnostics, .. } = walk;
        let sections = sections(&blocks);
        let front_matter = front_matter.map(|(text, start)| (text, lines.line(start)));
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

/// GFM does not read a delimiter row with tabs in it (`|-----\t\t|`), and some pages
/// pad their tables with tabs. Tabs in lines that start with `|` become spaces: byte
/// offsets and line numbers stay the same.
pub(crate) fn table_tabs_to_spaces(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains('\t') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('|') && line.contains('\t') {
            out.extend(line.chars().map(|c| if c == '\t' { ' ' } else { c }));
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// Split `---` YAML front matter off the top of a page. Returns the YAML text with its
/// byte offset, and the offset where the markdown body starts.
fn split_front_matter(src: &str) -> (Option<(&str, usize)>, usize) {
    let start = if src.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let rest = &src[start..];
    let first_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if rest[..first_end].trim_end() != "---" {
        return (None, start);
    }
    let yaml_start = start + first_end;
    let mut offset = yaml_start;
    for line in src[yaml_start..].split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            return (Some((&src[yaml_start..offset], yaml_start)), offset + line.len());
        }
        offset += line.len();
    }
    // No closing line: not front matter; the markdown parser sees everything.
    (None, start)
}

/// Inline content being collected.
struct InlineBuf {
    start: usize,
    end: usize,
    text: String,
    links: Vec<Link>,
    /// Open links: (destination, start of their text in `text`).
    open_links: Vec<(String, usize)>,
}

struct TableBuf<'s> {
    start: usize,
    header: Vec<Inline<'s>>,
    rows: Vec<Row<'s>>,
}

struct RowBuf<'s> {
    start: usize,
    end: usize,
    cells: Vec<Inline<'s>>,
}

struct CodeBuf {
    start: usize,
    info: String,
    text: String,
}

struct Walk<'s, 'l> {
    src: &'s str,
    base: usize,
    lines: &'l LineIndex,
    blocks: Vec<Block<'s>>,
    diagnostics: Vec<Diagnostic>,
    annotation: Option<RawAnnotation<'s>>,
    /// Inline buffers: a stack because a table cell or paragraph can hold a heading
    /// only in broken markup; the top is the one being filled.
    inline: Vec<InlineBuf>,
    table: Option<TableBuf<'s>>,
    row: Option<RowBuf<'s>>,
    code: Option<CodeBuf>,
    html: Option<(usize, usize)>,
}

impl<'s> Walk<'s, '_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => {
                if let Some(code) = &mut self.code {
                    code.text.push_str(&text);
                } else if let Some(buf) = self.inline.last_mut() {
                    buf.text.push_str(&text);
                }
            }
            Event::Code(text) => {
                if let Some(buf) = self.inline.last_mut() {
                    buf.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(buf) = self.inline.last_mut() {
                    buf.text.push(' ');
                }
            }
            Event::InlineHtml(html) => {
                // `<br>` and friends separate words; comments and other tags vanish.
                if let Some(buf) = self.inline.last_mut() {
                    if html.trim_start().to_ascii_lowercase().starts_with("<br") {
                        buf.text.push(' ');
                    }
                }
            }
            Event::Html(_) => {
                if let Some(html) = &mut self.html {
                    html.1 = html.1.max(range.end);
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { .. } | Tag::Paragraph | Tag::TableCell | Tag::Item => {
                self.inline.push(InlineBuf {
                    start: range.start,
                    end: range.end,
                    text: String::new(),
                    links: Vec::new(),
                    open_links: Vec::new(),
                });
            }
            Tag::Link { dest_url, .. } => {
                if let Some(buf) = self.inline.last_mut() {
                    buf.open_links.push((dest_url.to_string(), buf.text.len()));
                }
            }
            Tag::Table(_) => {
                self.table =
                    Some(TableBuf { start: range.start, header: Vec::new(), rows: Vec::new() });
            }
            Tag::TableHead | Tag::TableRow => {
                self.row = Some(RowBuf { start: range.start, end: range.end, cells: Vec::new() });
            }
            Tag::CodeBlock(kind) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some(CodeBuf { start: range.start, info, text: String::new() });
                self.check_fence_closed(range);
            }
            Tag::HtmlBlock => self.html = Some((range.start, range.end)),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Link => {
                if let Some(buf) = self.inline.last_mut() {
                    if let Some((dest, at)) = buf.open_links.pop() {
                        let text = buf.text.get(at..).unwrap_or("").trim().to_string();
                        buf.links.push(Link { text, dest });
                    }
                }
            }
            TagEnd::Heading(level) => {
                if let Some(buf) = self.inline.pop() {
                    self.heading(buf, level as u8, range);
                }
            }
            TagEnd::Paragraph => {
                if let Some(buf) = self.inline.pop() {
                    self.paragraph(buf, range);
                }
            }
            TagEnd::Item => {
                // Items of tight lists hold their text directly; loose items hold
                // paragraphs, already pushed, and leave this buffer empty.
                if let Some(buf) = self.inline.pop() {
                    if !buf.text.trim().is_empty() {
                        let end = range.end;
                        self.paragraph(buf, range.start..end);
                    }
                }
            }
            TagEnd::TableCell => {
                if let Some(mut buf) = self.inline.pop() {
                    buf.end = range.end;
                    let cell = self.finish_inline(buf);
                    if let Some(row) = &mut self.row {
                        row.cells.push(cell);
                    }
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let (Some(mut row), Some(table)) = (self.row.take(), self.table.as_mut()) {
                    row.end = range.end;
                    let line = self.lines.line(row.start);
                    let written = written_cells(&self.src[row.start..row.end]);
                    if matches!(tag, TagEnd::TableHead) {
                        table.header = row.cells;
                    } else {
                        table.rows.push(Row { cells: row.cells, written_cells: written, line });
                    }
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    let line = self.lines.line(table.start);
                    self.push(
                        BlockKind::Table(Table { header: table.header, rows: table.rows }),
                        line,
                    );
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let line = self.lines.line(code.start);
                    self.push(BlockKind::Code { info: code.info, text: code.text }, line);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some((start, end)) = self.html.take() {
                    self.html_block(start, end.max(range.end));
                }
            }
            _ => {}
        }
    }

    fn finish_inline(&self, buf: InlineBuf) -> Inline<'s> {
        let markdown = self.src.get(buf.start..buf.end).unwrap_or("").trim();
        let text = collapse_spaces(&buf.text);
        Inline { markdown, text, links: buf.links }
    }

    fn heading(&mut self, buf: InlineBuf, level: u8, range: Range<usize>) {
        let source = &self.src[range.clone()];
        let inline = self.finish_inline(InlineBuf { end: range.end, ..buf });
        // Language tabs: `# [HTTP](#tab/http)`. Not headings.
        if inline.links.iter().any(|l| l.dest.starts_with("#tab/")) {
            return;
        }
        let line = self.lines.line(range.start);
        // A setext heading is a paragraph followed by `---`; in these docs that is a
        // paragraph (often an include line) before the `---` closing a tab group.
        if !source.trim_start().starts_with('#') {
            let para_end =
                source.trim_end().rfind('\n').map(|i| range.start + i).unwrap_or(range.end);
            let para = InlineBuf {
                start: range.start,
                end: para_end,
                text: inline.text,
                links: inline.links,
                open_links: Vec::new(),
            };
            self.paragraph(para, range.start..para_end);
            return;
        }
        self.push(BlockKind::Heading { level, text: inline }, line);
    }

    fn paragraph(&mut self, buf: InlineBuf, range: Range<usize>) {
        let source = &self.src[range.start..range.end.max(range.start)];
        if source.trim_start().starts_with("[!INCLUDE") {
            let mut offset = range.start;
            for line_text in source.split_inclusive('\n') {
                let line = self.lines.line(offset);
                offset += line_text.len();
                if let Some((name, target)) = parse_include(line_text) {
                    self.push(BlockKind::Include { name, target }, line);
                }
            }
            return;
        }
        let line = self.lines.line(range.start);
        let inline = self.finish_inline(InlineBuf { end: range.end, ..buf });
        self.push(BlockKind::Paragraph(inline), line);
    }

    fn html_block(&mut self, start: usize, end: usize) {
        let text = self.src.get(start..end).unwrap_or("");
        let trimmed = text.trim();
        let Some(inner) = trimmed.strip_prefix("<!--") else { return };
        let inner = inner.strip_suffix("-->").unwrap_or(inner).trim();
        if inner.starts_with('{') {
            self.annotation = Some(RawAnnotation { json: inner, line: self.lines.line(start) });
        }
    }

    fn push(&mut self, kind: BlockKind<'s>, line: u32) {
        let annotation = match kind {
            BlockKind::Heading { .. } => {
                self.annotation = None;
                None
            }
            _ => self.annotation.take(),
        };
        self.blocks.push(Block { kind, line, annotation });
    }

    /// A fenced block that runs to the end of the page was never closed: it swallows
    /// everything after it (often the Response heading).
    fn check_fence_closed(&mut self, range: Range<usize>) {
        let block = &self.src[range.clone()];
        let opening = block.trim_start();
        let fence_char = match opening.chars().next() {
            Some(c @ ('`' | '~')) => c,
            _ => return,
        };
        let fence_len = opening.chars().take_while(|&c| c == fence_char).count();
        let closed = block.lines().skip(1).any(|l| {
            let t = l.trim();
            t.len() >= fence_len && t.chars().all(|c| c == fence_char)
        });
        if !closed && range.end >= self.src.len().saturating_sub(1) && range.start >= self.base {
            self.diagnostics.push(Diagnostic::error(
                DiagnosticKind::UnclosedCodeFence,
                Some(self.lines.line(range.start)),
                "code fence is never closed: it swallows the rest of the page",
            ));
        }
    }
}

/// Parse one `[!INCLUDE [name](target)]` line.
pub(crate) fn parse_include(line: &str) -> Option<(String, String)> {
    let rest = line.trim().strip_prefix("[!INCLUDE")?.trim_start();
    let rest = rest.strip_prefix('[')?;
    let (name, rest) = rest.split_once(']')?;
    let rest = rest.trim_start().strip_prefix('(')?;
    let (target, _) = rest.split_once(')')?;
    Some((name.trim().to_string(), target.trim().to_string()))
}

/// The number of cells a table row's source line has: `|`-separated, leading and
/// trailing pipes optional, `\|` and pipes inside code spans not counted.
fn written_cells(row: &str) -> usize {
    let row = row.trim();
    let mut cells = 1;
    let mut in_code = false;
    let mut escaped = false;
    let bytes = row.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'`' => in_code = !in_code,
            b'|' if !in_code && i != 0 && i != bytes.len() - 1 => cells += 1,
            _ => {}
        }
    }
    cells
}

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Normalize a heading for matching: lower case, whitespace collapsed, trailing `:`
/// dropped.
pub(crate) fn normalize_title(text: &str) -> String {
    collapse_spaces(text).trim_end_matches(':').trim().to_lowercase()
}

fn sections(blocks: &[Block<'_>]) -> Vec<Section> {
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if let BlockKind::Heading { level, text } = &block.kind {
            let end = blocks[i + 1..]
                .iter()
                .position(|b| matches!(b.kind, BlockKind::Heading { level: l, .. } if l <= *level))
                .map(|p| i + 1 + p)
                .unwrap_or(blocks.len());
            out.push(Section {
                heading: i,
                level: *level,
                title: normalize_title(&text.text),
                body: i + 1..end,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\ntitle: \"call: x\"\n---\n\n# call: x\n\nIntro [link](a.md).\n\n## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nPOST /a/{id}/b\n```\n\n## Example\n\n# [HTTP](#tab/http)\n<!-- {\n  \"blockType\": \"request\"\n}-->\n```http\nPOST https://x/a\n```\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/a.md)]\n[!INCLUDE [sdk-documentation](../includes/b.md)]\n\n---\n\n| Name | Type |\n|:--|:--|\n| a | `String` |\n| b | [x](x.md) collection | extra |\n";

    #[test]
    fn blocks_sections_annotations_and_tabs() {
        let o = Outline::parse(PAGE);
        assert_eq!(o.front_matter.map(|f| f.1), Some(2));
        let titles: Vec<_> = o.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["call: x", "http request", "example"]);
        let http = o.section(&["http request"]).unwrap();
        let body = o.body(http);
        assert_eq!(body.len(), 1);
        let BlockKind::Code { info, text } = &body[0].kind else { panic!() };
        assert_eq!((info.as_str(), text.as_str()), ("http", "POST /a/{id}/b\n"));
        assert_eq!(body[0].line, 11);
        assert!(body[0].annotation.as_ref().unwrap().json.contains("ignored"));
        let example = o.body(o.section(&["example"]).unwrap());
        assert!(matches!(example[0].kind, BlockKind::Code { .. }));
        assert_eq!(example[0].annotation.as_ref().unwrap().line, 18);
        let includes: Vec<_> = example
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Include { name, .. } => Some((name.as_str(), b.line)),
                _ => None,
            })
            .collect();
        assert_eq!(includes, [("sample-code", 25), ("sdk-documentation", 26)]);
        let BlockKind::Table(t) = &example.last().unwrap().kind else { panic!() };
        assert_eq!(t.header.len(), 2);
        assert_eq!(t.rows[0].cells[1].text, "String");
        assert_eq!(t.rows[1].cells[1].links[0].dest, "x.md");
        assert_eq!(t.rows[1].written_cells, 3);
        assert_eq!(t.rows[1].line, 33);
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
            Some(("permissions-table".into(), "../includes/p.md".into()))
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
