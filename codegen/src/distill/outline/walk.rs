//! The one pass over pulldown-cmark's events that builds the blocks.
//!
//! Speed matters here (the distiller must stay within 1.5x of a bare parse): strings
//! are borrowed from the page wherever the parser hands out borrowed text (plain cells,
//! code blocks, link targets), what is built is built in the page's arena, and plain
//! text is built only where a consumer reads it:
//! headings; paragraphs of the intro and of the HTTP request, request body and
//! response sections; table cells outside example sections, except description
//! columns (consumers read those as markdown). Everything else keeps its markdown.

use std::ops::Range;

use bumpalo::collections::{String as ArenaString, Vec as ArenaVec};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use crate::distill::text;
use crate::spec::{Diagnostic, DiagnosticKind};

use super::inline::{InlineBuf, keep};
use super::mask::{Masks, Verify};
use super::source_text::{LineIndex, cut_at_swallowed_section, dropped_cells, parse_include};
use super::{Arena, Block, BlockKind, Inline, RawAnnotation, Row, Table, normalize_title_in};

/// Whether a table cell is one the parser added to pad its row to the header's width:
/// those are empty and sit at the start of the next line (or the end of the page),
/// where no written cell can start empty.
fn is_padding(src: &str, cell: &Range<usize>) -> bool {
    cell.is_empty()
        && (cell.start >= src.len()
            || cell.start.checked_sub(1).is_some_and(|i| src.as_bytes()[i] == b'\n'))
}

/// Description columns are read as markdown: their cells need no plain text.
fn is_description_header(text: &str) -> bool {
    let t = text.trim().trim_matches(['*', '_']);
    ["description", "notes", "details", "description and example", "description / notes"]
        .iter()
        .any(|d| t.eq_ignore_ascii_case(d))
}

struct TableBuf<'s> {
    line: u32,
    header: &'s [Inline<'s>],
    rows: ArenaVec<'s, Row<'s>>,
}

struct RowBuf<'s> {
    start: usize,
    cells: ArenaVec<'s, Inline<'s>>,
    /// The cells the row's line has, as far as the parser has shown them: its cells
    /// less those it added to pad the row to the header's width.
    written: usize,
    /// Where the last of those ends (the parser drops cells past the header's width:
    /// text after this is such cells).
    written_end: usize,
}

impl RowBuf<'_> {
    /// The number of cells the row's line has, as GFM splits it: those the parser
    /// showed, less padding, and those it dropped past the header's width (text after
    /// the last cell shown, counted by [`dropped_cells`]; rare).
    fn written_cells(&self, src: &str, end: usize) -> usize {
        let rest = src.get(self.written_end..end).unwrap_or("");
        self.written + dropped_cells(rest.strip_prefix('|').unwrap_or(rest).trim_ascii())
    }
}

struct CodeBuf<'s> {
    start: usize,
    info: &'s str,
    text: Option<ArenaString<'s>>,
    /// The source range the text covers while every piece so far was a contiguous
    /// borrowed slice of the page (the usual case: then the text is borrowed whole).
    span: Option<Range<usize>>,
    /// The fence is never closed: the block swallowed the rest of the page.
    unclosed: bool,
    /// Fenced, not indented.
    fenced: bool,
}

pub(super) struct Walk<'s, 'l> {
    src: &'s str,
    base: usize,
    lines: &'l LineIndex<'s>,
    arena: &'s Arena,
    blocks: ArenaVec<'s, Block<'s>>,
    /// Each heading block's normalized title, in order (sections are named by them).
    titles: ArenaVec<'s, &'s str>,
    diagnostics: Vec<Diagnostic>,
    annotation: Option<RawAnnotation<'s>>,
    /// Build plain text for paragraphs of the current section.
    para_text: bool,
    /// Build plain text for table cells of the current section.
    cell_text: bool,
    /// Per column of the current table: build its cells' text.
    columns_text: ArenaVec<'s, bool>,
    /// Inline buffers: a stack, the top is the one being filled (list items hold
    /// paragraphs).
    inline: ArenaVec<'s, InlineBuf<'s>>,
    table: Option<TableBuf<'s>>,
    row: Option<RowBuf<'s>>,
    code: Option<CodeBuf<'s>>,
    html: Option<(usize, usize)>,
    /// What the parser's copy of the page has masked, and the check that each masked
    /// region ended up where it may.
    masks: Masks<'s>,
    verify: Verify,
}

impl<'s, 'l> Walk<'s, 'l> {
    pub(super) fn new(
        src: &'s str,
        base: usize,
        lines: &'l LineIndex<'s>,
        arena: &'s Arena,
        masks: Masks<'s>,
    ) -> Self {
        Walk {
            src,
            base,
            lines,
            arena,
            blocks: ArenaVec::with_capacity_in(64, arena),
            titles: ArenaVec::with_capacity_in(16, arena),
            diagnostics: Vec::new(),
            annotation: None,
            para_text: true,
            cell_text: true,
            columns_text: ArenaVec::new_in(arena),
            inline: ArenaVec::with_capacity_in(4, arena),
            table: None,
            row: None,
            code: None,
            html: None,
            masks,
            verify: Verify::default(),
        }
    }

    /// The blocks, the heading titles and the diagnostics; `None` when a masked region
    /// of the parser's text did not end up where it may (the page must be walked again
    /// over its own text).
    pub(super) fn finish(self) -> Option<(&'s [Block<'s>], &'s [&'s str], Vec<Diagnostic>)> {
        if !self.verify.passed(&self.masks) {
            return None;
        }
        Some((self.blocks.into_bump_slice(), self.titles.into_bump_slice(), self.diagnostics))
    }

    #[inline]
    pub(super) fn event(&mut self, event: &Event<'s>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(*tag, range),
            Event::Text(text) => {
                if let Some(code) = &mut self.code {
                    let borrowed = matches!(text, CowStr::Borrowed(b) if b.len() == range.len());
                    match (&mut code.span, &mut code.text) {
                        (None, None) if borrowed => code.span = Some(range),
                        (Some(span), None) if borrowed && span.end == range.start => {
                            span.end = range.end
                        }
                        (span, text_buf) => {
                            // Not contiguous: copy what was borrowed so far, then append.
                            let buf = text_buf.get_or_insert_with(|| {
                                let so_far = span.take().map(|s| &self.src[s]).unwrap_or("");
                                ArenaString::from_str_in(so_far, self.arena)
                            });
                            buf.push_str(text);
                        }
                    }
                } else if let Some(buf) = self.inline.last_mut() {
                    buf.push(text);
                }
            }
            Event::Code(text) => {
                if let Some(buf) = self.inline.last_mut() {
                    buf.push(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(buf) = self.inline.last_mut() {
                    buf.space();
                }
            }
            Event::InlineHtml(html) => {
                // `<br>` and friends separate words; comments and other tags vanish.
                if let Some(buf) = self.inline.last_mut() {
                    if html.trim_start().get(..3).is_some_and(|t| t.eq_ignore_ascii_case("<br")) {
                        buf.space();
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

    #[inline]
    fn start(&mut self, tag: &Tag<'s>, range: Range<usize>) {
        match tag {
            Tag::Heading { .. } => self.inline.push(InlineBuf::new(range.start, true, self.arena)),
            Tag::Paragraph => {
                self.inline.push(InlineBuf::new(range.start, self.para_text, self.arena));
            }
            Tag::Item => {
                let mut buf = InlineBuf::new(range.start, self.para_text, self.arena);
                buf.item = true;
                self.inline.push(buf);
            }
            // A nested list ends its item's own text: the item's paragraph is what comes
            // before the list, not the list (which would make every level of a deep
            // list repeat all the levels below it).
            Tag::List(_) if self.inline.last().is_some_and(|b| b.item) => {
                if let Some(buf) = self.inline.pop() {
                    if buf.has_text() {
                        self.paragraph(buf, range.start);
                    }
                }
                let mut rest = InlineBuf::new(range.start, false, self.arena);
                rest.item = true;
                self.inline.push(rest);
            }
            Tag::TableCell => {
                let collect = match (&self.row, self.table.as_ref()) {
                    (Some(row), Some(table)) if !table.header.is_empty() => {
                        self.cell_text
                            && self.columns_text.get(row.cells.len()).copied().unwrap_or(true)
                    }
                    _ => true, // header cells
                };
                self.inline.push(InlineBuf::new(range.start, collect, self.arena));
            }
            Tag::Link { dest_url, .. } => {
                if let Some(buf) = self.inline.last_mut() {
                    buf.open_link(dest_url);
                }
            }
            Tag::Table(_) => {
                // The line is taken now, in page order: asking for it at the table's
                // end would count the table's newlines backwards, then forwards again.
                let line = self.lines.line(range.start);
                let rows = ArenaVec::with_capacity_in(16, self.arena);
                self.table = Some(TableBuf { line, header: &[], rows });
            }
            Tag::TableHead | Tag::TableRow => {
                let width = self.table.as_ref().map_or(0, |t| t.header.len());
                let cells = ArenaVec::with_capacity_in(width.max(2), self.arena);
                let start = range.start;
                self.row = Some(RowBuf { start, cells, written: 0, written_end: start });
            }
            Tag::CodeBlock(kind) => {
                let fenced = matches!(kind, CodeBlockKind::Fenced(_));
                let info = match kind {
                    CodeBlockKind::Fenced(info) => keep(info, self.arena).trim(),
                    CodeBlockKind::Indented => "",
                };
                let unclosed = self.check_fence_closed(range.clone());
                self.code = Some(CodeBuf {
                    start: range.start,
                    info,
                    text: None,
                    span: None,
                    unclosed,
                    fenced,
                });
            }
            Tag::HtmlBlock => self.html = Some((range.start, range.end)),
            _ => {}
        }
    }

    #[inline]
    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Link => {
                if let Some(buf) = self.inline.last_mut() {
                    buf.close_link();
                }
            }
            TagEnd::Heading(level) => {
                if let Some(buf) = self.inline.pop() {
                    self.heading(buf, level as u8, range);
                }
            }
            TagEnd::Paragraph => {
                if let Some(buf) = self.inline.pop() {
                    self.paragraph(buf, range.end);
                }
            }
            TagEnd::Item => {
                // Items of tight lists hold their text directly; loose items hold
                // paragraphs, already pushed, and leave this buffer empty.
                if let Some(buf) = self.inline.pop() {
                    if buf.has_text() {
                        self.paragraph(buf, range.end);
                    }
                }
            }
            TagEnd::TableCell => {
                if let Some(buf) = self.inline.pop() {
                    let cell = buf.finish(self.src, range.end);
                    if let Some(row) = &mut self.row {
                        row.cells.push(cell);
                        if !is_padding(self.src, &range) {
                            row.written += 1;
                            row.written_end = range.end;
                        }
                    }
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let (Some(row), Some(table)) = (self.row.take(), self.table.as_mut()) {
                    let line = self.lines.line(row.start);
                    let written = row.written_cells(self.src, range.end);
                    let cells = row.cells.into_bump_slice();
                    if matches!(tag, TagEnd::TableHead) {
                        self.columns_text.clear();
                        self.columns_text
                            .extend(cells.iter().map(|c| !is_description_header(c.text)));
                        table.header = cells;
                    } else {
                        table.rows.push(Row { cells, written_cells: written, line });
                    }
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    let line = table.line;
                    let rows = table.rows.into_bump_slice();
                    self.push(BlockKind::Table(Table { header: table.header, rows }), line);
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let run = if code.text.is_none() { code.span.as_ref() } else { None };
                    self.verify.code_block(&self.masks, code.start, run);
                    let line = self.lines.line(code.start);
                    let mut text = match (code.text, code.span) {
                        (Some(t), _) => t.into_bump_str(),
                        (None, Some(span)) => &self.src[span],
                        (None, None) => "",
                    };
                    if code.unclosed {
                        text = cut_at_swallowed_section(text);
                    }
                    let fenced = code.fenced;
                    self.push(BlockKind::Code { info: code.info, text, fenced }, line);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some((start, end)) = self.html.take() {
                    let end = end.max(range.end);
                    self.verify.html_block(&self.masks, start..end);
                    self.html_block(start, end);
                }
            }
            _ => {}
        }
    }

    fn heading(&mut self, buf: InlineBuf<'s>, level: u8, range: Range<usize>) {
        let source = &self.src[range.clone()];
        let start = buf.start;
        let inline = buf.finish(self.src, range.end);
        // Language tabs: `# [HTTP](#tab/http)`. Not headings.
        if inline.links.iter().any(|l| l.dest.starts_with("#tab/")) {
            return;
        }
        // A setext heading is a paragraph followed by `---`; in these docs that is a
        // paragraph (often an include line) before the `---` closing a tab group.
        if !source.trim_start().starts_with('#') {
            let para_end =
                source.trim_end().rfind('\n').map(|i| range.start + i).unwrap_or(range.end);
            self.paragraph_inline(start, para_end, inline);
            return;
        }
        let title = normalize_title_in(inline.text, self.arena);
        if level == 1 {
            // The intro under the title: description, namespace, "Inherits from".
            self.para_text = true;
            self.cell_text = true;
        } else if level == 2 {
            self.cell_text = !(title.starts_with("example") || title == "see also");
            self.para_text = matches!(
                title,
                "http request"
                    | "http requests"
                    | "http request syntax"
                    | "request body"
                    | "response"
                    | "responses"
            );
        }
        self.titles.push(title);
        let line = self.lines.line(range.start);
        self.push(BlockKind::Heading { level, text: inline }, line);
    }

    fn paragraph(&mut self, buf: InlineBuf<'s>, end: usize) {
        let start = buf.start;
        let inline = buf.finish(self.src, end);
        self.paragraph_inline(start, end, inline);
    }

    fn paragraph_inline(&mut self, start: usize, end: usize, inline: Inline<'s>) {
        let source = &self.src[start..end.max(start)];
        if source.trim_start().starts_with("[!INCLUDE") {
            // Its lines are read from the page: the parser's copy may have masked them.
            self.verify.include_paragraph(&self.masks, start..end.max(start));
            let mut offset = start;
            for line_text in text::lines_inclusive(source) {
                let line = self.lines.line(offset);
                offset += line_text.len();
                if let Some((name, target)) = parse_include(line_text) {
                    self.push(BlockKind::Include { name, target }, line);
                }
            }
            return;
        }
        let line = self.lines.line(start);
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
    /// Whether the fenced block starting at `range` is never closed (reported as
    /// `unclosed_code_fence`).
    fn check_fence_closed(&mut self, range: Range<usize>) -> bool {
        if range.end < self.src.len().saturating_sub(1) || range.start < self.base {
            return false;
        }
        let block = &self.src[range.clone()];
        let opening = block.trim_start();
        let fence_char = match opening.chars().next() {
            Some(c @ ('`' | '~')) => c,
            _ => return false,
        };
        let fence_len = opening.chars().take_while(|&c| c == fence_char).count();
        let closed = block.lines().skip(1).any(|l| {
            let t = l.trim();
            t.len() >= fence_len && t.chars().all(|c| c == fence_char)
        });
        if !closed {
            self.diagnostics.push(Diagnostic::error(
                DiagnosticKind::UnclosedCodeFence,
                Some(self.lines.line(range.start)),
                "code fence is never closed: it swallows the rest of the page",
            ));
        }
        !closed
    }
}
