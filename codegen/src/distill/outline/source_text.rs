//! Work on the page's raw text that the markdown parser does not do for us: line
//! numbers, front matter, tab-padded tables, include directives, dropped table cells.

use std::borrow::Cow;

/// Maps byte offsets to 1-based line numbers. The walk asks in nearly page order, so
/// the index keeps a cursor (the last offset asked and its line) and counts only the
/// newlines between it and the next offset asked, forwards or backwards
/// ([`count_newlines`]): the page is scanned about once, and no table of newline
/// offsets is built (on the whole corpus this takes about half the time that table
/// and its binary searches took).
#[derive(Debug)]
pub(crate) struct LineIndex<'s> {
    bytes: &'s [u8],
    /// The last offset asked (clamped to the page) and its line.
    cursor: std::cell::Cell<(usize, u32)>,
}

impl<'s> LineIndex<'s> {
    pub(crate) fn new(src: &'s str) -> Self {
        LineIndex { bytes: src.as_bytes(), cursor: std::cell::Cell::new((0, 1)) }
    }

    /// The 1-based line holding byte `offset` (one more than the newlines before it).
    pub(crate) fn line(&self, offset: usize) -> u32 {
        let offset = offset.min(self.bytes.len());
        let (at, line) = self.cursor.get();
        let count = |range: std::ops::Range<usize>| count_newlines(&self.bytes[range]);
        let line = if offset >= at { line + count(at..offset) } else { line - count(offset..at) };
        self.cursor.set((offset, line));
        line
    }
}

/// The number of `\n` bytes in `bytes` (bytecount: SIMD, AVX2 where the CPU has it).
fn count_newlines(bytes: &[u8]) -> u32 {
    bytecount::count(bytes, b'\n') as u32
}

/// GFM does not read a delimiter row with tabs in it (`|-----\t\t|`), and some pages
/// pad their tables with tabs. Tabs in lines that start with `|` become spaces: byte
/// offsets and line numbers stay the same.
pub(crate) fn table_tabs_to_spaces(text: Cow<'_, str>) -> Cow<'_, str> {
    // Most pages with tabs have them only in code blocks: visit the tabs, not the
    // lines, and copy the page only when one sits in a table line.
    let bytes = text.as_bytes();
    let in_table_line = |tab: usize| {
        let start = memchr::memrchr(b'\n', &bytes[..tab]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[tab..]).map_or(bytes.len(), |i| tab + i + 1);
        text[start..end].trim_start().starts_with('|')
    };
    let mut tabs = memchr::memchr_iter(b'\t', bytes).filter(|&t| in_table_line(t)).peekable();
    if tabs.peek().is_none() {
        return text;
    }
    // Tabs are ASCII: replacing them one for one keeps offsets and UTF-8.
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for tab in tabs {
        out.push_str(&text[copied..tab]);
        out.push(' ');
        copied = tab + 1;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Split `---` YAML front matter off the top of a page. Returns the YAML text with its
/// byte offset, and the offset where the markdown body starts.
pub(super) fn split_front_matter(src: &str) -> (Option<(&str, usize)>, usize) {
    let start = if src.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let rest = &src[start..];
    let first_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if rest[..first_end].trim_end() != "---" {
        return (None, start);
    }
    let yaml_start = start + first_end;
    let mut offset = yaml_start;
    for line in crate::distill::text::lines_inclusive(&src[yaml_start..]) {
        // Only a line starting `---` or `...` can close it: skip the trim for others.
        if (line.starts_with("---") || line.starts_with("..."))
            && matches!(line.trim_end(), "---" | "...")
        {
            return (Some((&src[yaml_start..offset], yaml_start)), offset + line.len());
        }
        offset += line.len();
    }
    // No closing line: not front matter; the markdown parser sees everything.
    (None, start)
}

/// Parse one `[!INCLUDE [name](target)]` line.
pub(crate) fn parse_include(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim().strip_prefix("[!INCLUDE")?.trim_start();
    let rest = rest.strip_prefix('[')?;
    let close = memchr::memchr(b']', rest.as_bytes())?;
    let (name, rest) = (&rest[..close], &rest[close + 1..]);
    let rest = rest.trim_start().strip_prefix('(')?;
    let target = &rest[..memchr::memchr(b')', rest.as_bytes())?];
    Some((name.trim(), target.trim()))
}

/// The number of cells in `text`, the part of a table row after the last cell the
/// parser kept (it drops those past the header's width), its first `|` removed and
/// trimmed: as GFM splits a row, at every `|` not escaped by a backslash (inside
/// backticks too), a trailing `|` closing the last cell.
pub(super) fn dropped_cells(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut cells = usize::from(!bytes.is_empty());
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'|' if i + 1 < bytes.len() => cells += 1,
            _ => {}
        }
    }
    cells
}

/// An unclosed fence swallowed the rest of the page: its code ends where the first
/// section heading (`## `, or deeper) it swallowed starts, so that no reader of the block
/// takes the page's later sections for code.
pub(super) fn cut_at_swallowed_section(text: &str) -> &str {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        if (2..=6).contains(&hashes) && line.as_bytes().get(hashes) == Some(&b' ') {
            return &text[..offset];
        }
        offset += line.len();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_in_any_order() {
        let src = "a\nb\n\nc\n";
        let lines = LineIndex::new(src);
        assert_eq!(lines.line(0), 1);
        assert_eq!(lines.line(5), 4);
        assert_eq!(lines.line(2), 2);
        assert_eq!(lines.line(4), 3);
        assert_eq!(lines.line(1), 1);
        assert_eq!(lines.line(99), 5);
    }

    #[test]
    fn newline_counts_match_a_plain_count() {
        let text: String =
            (0..700).map(|i| if i % 7 == 0 || i % 13 == 0 { '\n' } else { 'x' }).collect();
        let bytes = text.as_bytes();
        for (start, end) in [(0, 0), (0, 9), (3, 20), (5, 255), (0, 256), (1, 700), (690, 700)] {
            let plain = bytes[start..end].iter().filter(|&&b| b == b'\n').count() as u32;
            assert_eq!(count_newlines(&bytes[start..end]), plain, "{start}..{end}");
        }
        assert_eq!(count_newlines("\u{e9}\n\n\u{a}\u{10a}\u{ff}x\n".as_bytes()), 4);
    }

    #[test]
    fn dropped_cells_are_split_as_gfm_splits_them() {
        assert_eq!(dropped_cells(""), 0);
        assert_eq!(dropped_cells("c |"), 1);
        assert_eq!(dropped_cells("c | d"), 2);
        assert_eq!(dropped_cells("y` | c |"), 2, "a pipe in backticks splits");
        assert_eq!(dropped_cells("a \\| b | c |"), 2, "an escaped pipe does not");
        assert_eq!(dropped_cells("a \\\\| b"), 2, "an escaped backslash does not escape");
        assert_eq!(dropped_cells("|"), 1, "an empty cell");
    }

    #[test]
    fn swallowed_sections_are_cut_off_but_comments_stay() {
        let text = "POST /calls/{id}/mute\n# a comment\n\n## Response\n\nHTTP/1.1 200 OK\n";
        assert_eq!(cut_at_swallowed_section(text), "POST /calls/{id}/mute\n# a comment\n\n");
        let text = "GET /me\n###not a heading\n";
        assert_eq!(cut_at_swallowed_section(text), text);
    }
}
