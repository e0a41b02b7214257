//! The parser's copy of a page's body, with the text the walk reads from the page
//! itself masked, so that pulldown-cmark spends no work on it:
//!
//! - **Include lines** (`[!INCLUDE [name](target)]` on a line of their own, after
//!   nothing but indentation): the walk reads an include paragraph's lines from the
//!   page, never its events. The parser gets each such line as a run of `x` (a line of
//!   paragraph text with no link to scan).
//! - **The content of top-level fenced code blocks** (a backtick fence at column 0): the
//!   walk takes a code block's text from the page by its range. The parser gets the
//!   content as one line of `x` (its last newline kept), which it passes over at the
//!   speed of a newline search instead of line by line.
//! - **The inside of top-level HTML comments** (`<!--` at column 0, over several lines:
//!   the annotation comments before examples): the walk takes a comment's text from the
//!   page by its range. The parser gets `<!--xxxx-->`, one line.
//!
//! SDK include lines, JSON example bodies and annotation comments are much of every
//! API page: on the 2021 corpus the parse and the walk run 209M fewer instructions (11%
//! of the 1.91G a bare parse takes), and the masking itself costs 53M.
//!
//! Masking keeps every byte offset, so the events' ranges are the page's. It is a
//! proposal, checked by the walk: each masked include line must turn up in an include
//! paragraph, each masked code content as the whole text of the code block its fence
//! opens, and each masked comment inside an HTML block that starts where the comment
//! does, in page order ([`Verify`]). If any does not (an include line that continues a
//! paragraph of prose, a fence inside an HTML comment or a `~~~` block),
//! [`super::Outline::parse`] parses the page itself again (21 of the 11,289 pages): the
//! masks change how fast a page is outlined, never what it is outlined to.
//!
//! Why a verified mask gives the same outline: no mask covers a line ending (a `\n`, or
//! a `\r`, which CommonMark also reads as one), so the lines stay the same lines; the
//! parser's block structure depends on a line's first characters and, in a few places,
//! on characters the masks never touch (`|` splits table cells, `>` ends HTML blocks:
//! include lines holding either are not masked). A masked include line still starts a
//! line of paragraph text; a masked code content holds no closing fence (every line of
//! it that could close the block ends the scan of it first: [`fence_regions`] accepts
//! more closing fences than CommonMark does, never fewer). A comment is the one mask
//! that joins lines, and may: an HTML block that starts with `<!--` at column 0 is at
//! the top level (no container holds an unindented line) and runs to the first line
//! holding `-->` whatever the lines between hold, which is where its mask ends. What is
//! left, a paragraph's inline text, a code block's or a comment's text, the walk takes
//! from the page.
//!
//! Description cells (the walk builds no text for them either) were masked too, and
//! taken out again: finding the tables and splitting their rows cost more time than the
//! parser saved (18M fewer instructions in all, 1.4 ms slower).

use std::iter::Peekable;
use std::ops::Range;
use std::sync::LazyLock;

use bumpalo::collections::{String as ArenaString, Vec as ArenaVec};
use memchr::memmem;

use super::Arena;

mod verify;

pub(super) use verify::Verify;

/// A masked code block: where its fence line starts, and its content (the lines
/// between the fences, the last newline included).
pub(super) type MaskedCode = (usize, Range<usize>);

/// What was masked, in page offsets, each list in page order.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Masks<'s> {
    /// Where each masked include line starts (its `[`).
    pub includes: &'s [usize],
    /// Each masked code block.
    pub code: &'s [MaskedCode],
    /// Each masked comment: where its `<!--` starts, and where its `-->` does.
    pub comments: &'s [(usize, usize)],
}

/// The parser's text for a page body: the body itself when nothing is worth masking.
pub(super) struct Masked<'s> {
    pub text: &'s str,
    pub masks: Masks<'s>,
}

impl<'s> Masked<'s> {
    /// The body itself, nothing masked.
    pub(super) fn unmasked(body: &'s str) -> Self {
        Masked { text: body, masks: Masks::default() }
    }
}

/// Mask `body` (the page from offset `base` on). See the module's documentation.
pub(super) fn mask<'s>(body: &'s str, base: usize, arena: &'s Arena) -> Masked<'s> {
    let unmasked = Masked::unmasked(body);
    let code = fence_regions(body, arena);
    let comments = comment_regions(body, &code, arena);
    let includes = include_lines(body, &code, &comments, arena);
    if code.is_empty() && includes.is_empty() && comments.is_empty() {
        return unmasked;
    }
    // The regions to fill with `x`, in order. The scans skip what the code regions
    // hold, and includes skip comments; a page where two still overlap (a fence inside
    // a comment) is not masked.
    let mut regions: ArenaVec<'s, Range<usize>> =
        ArenaVec::with_capacity_in(code.len() + includes.len() + comments.len(), arena);
    regions.extend(code.iter().map(code_x));
    regions.extend(includes.iter().cloned());
    regions.extend(comments.iter().map(|&(open, close)| open + 4..close));
    regions.sort_unstable_by_key(|r| r.start);
    if regions.windows(2).any(|w| w[0].end > w[1].start) {
        return unmasked;
    }
    let Some(text) = fill(body, &regions, arena) else { return unmasked };
    let shift = |r: &Range<usize>| r.start + base..r.end + base;
    let code = arena
        .alloc_slice_fill_iter(code.iter().map(|(fence, content)| (fence + base, shift(content))));
    let includes = arena.alloc_slice_fill_iter(includes.iter().map(|line| line.start + base));
    let comments = arena.alloc_slice_fill_iter(comments.iter().map(|(o, c)| (o + base, c + base)));
    Masked { text, masks: Masks { includes, code, comments } }
}

/// The part of a code block's content that becomes `x`: all of it but its last newline.
fn code_x((_, content): &MaskedCode) -> Range<usize> {
    content.start..content.end - 1
}

/// `body` with each of `regions` (ascending, disjoint, on character boundaries) made
/// `x`; `None` if a region is not on character boundaries (never, by construction).
fn fill<'s>(body: &str, regions: &[Range<usize>], arena: &'s Arena) -> Option<&'s str> {
    const XS_BYTES: [u8; 4096] = [b'x'; 4096];
    // Evaluated by the compiler: the `Err` arm cannot be reached at run time.
    const XS: &str = match std::str::from_utf8(&XS_BYTES) {
        Ok(xs) => xs,
        Err(_) => panic!("ASCII is UTF-8"),
    };
    let mut out = ArenaString::with_capacity_in(body.len(), arena);
    let mut at = 0;
    for region in regions {
        out.push_str(body.get(at..region.start)?);
        body.get(region.clone())?;
        let mut left = region.len();
        while left > 0 {
            let n = left.min(XS.len());
            out.push_str(&XS[..n]);
            left -= n;
        }
        at = region.end;
    }
    out.push_str(body.get(at..)?);
    Some(out.into_bump_str())
}

/// The content of each top-level backtick-fenced code block worth masking (two lines
/// or more, no `\r`), with its fence's offset (offsets in `body`).
///
/// Every line holding three backticks is visited (a memmem search), so every line that
/// could close an open block is seen. A line closes the block here when it has at most
/// three bytes of spaces or tabs before a run of at least the opening's backticks and
/// nothing but whitespace after: every closing fence CommonMark accepts, and a few it
/// does not (tab-indented ones), which only ends a region early (the walk's check then
/// finds the block longer, and the page is parsed again unmasked). Fences indented by
/// one to three spaces open blocks too (so that their closing fences are not taken
/// for openings), but their content is not masked: the parser strips indentation from
/// it.
fn fence_regions<'s>(body: &str, arena: &'s Arena) -> ArenaVec<'s, MaskedCode> {
    let bytes = body.as_bytes();
    let mut out = ArenaVec::new_in(arena);
    // The open block: its fence's start, backtick count, indentation, content start.
    let mut open: Option<(usize, usize, usize, usize)> = None;
    let mut skip_to = 0;
    static FENCE: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("```"));
    for at in FENCE.find_iter(bytes) {
        if at < skip_to {
            continue;
        }
        let run = bytes[at..].iter().take_while(|&&b| b == b'`').count();
        skip_to = at + run;
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let indent = &bytes[line_start..at];
        if indent.len() > 3 || !indent.iter().all(|&b| b == b' ' || b == b'\t') {
            continue;
        }
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let rest = &bytes[skip_to..line_end];
        match open {
            Some((fence, n, opened_indent, content)) => {
                if run >= n && rest.trim_ascii().is_empty() {
                    open = None;
                    let region = content..line_start;
                    let lines = region.len() > 1
                        && memchr::memchr(b'\n', &bytes[region.start..region.end - 1]).is_some();
                    if opened_indent == 0
                        && lines
                        && memchr::memchr(b'\r', &bytes[region.clone()]).is_none()
                    {
                        out.push((fence, region));
                    }
                }
            }
            None => {
                // A backtick fence's info string holds no backtick; the opening needs a
                // line after it.
                if run >= 3 && !rest.contains(&b'`') && line_end < bytes.len() {
                    let spaces = indent.iter().all(|&b| b == b' ');
                    if spaces {
                        open = Some((line_start, run, indent.len(), line_end + 1));
                    }
                }
            }
        }
    }
    out
}

/// Each HTML comment worth masking (offsets in `body`): where a `<!--` at column 0
/// starts, and where the first `-->` after it starts, when that is on a later line
/// (the inside holds a line ending) and the comment is outside the code regions. The
/// `-->` is looked for from the `<!--`'s third byte: `<!-->` ends where it starts, as
/// CommonMark's end condition reads the whole line.
fn comment_regions<'s>(
    body: &str,
    code: &[MaskedCode],
    arena: &'s Arena,
) -> ArenaVec<'s, (usize, usize)> {
    static OPEN: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("<!--"));
    static CLOSE: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("-->"));
    let bytes = body.as_bytes();
    let mut out = ArenaVec::new_in(arena);
    let mut code = code.iter().peekable();
    let mut from = 0;
    while let Some(at) = OPEN.find(&bytes[from..]).map(|i| from + i) {
        from = at + 4;
        if at > 0 && bytes[at - 1] != b'\n' {
            continue;
        }
        if inside(&mut code, at, |(_, c)| (c.start, c.end)) {
            continue;
        }
        let Some(close) = CLOSE.find(&bytes[at + 2..]).map(|i| at + 2 + i) else { break };
        from = from.max(close + 3);
        let inside = at + 4..close;
        if inside.is_empty() || memchr::memchr2(b'\n', b'\r', &bytes[inside]).is_none() {
            continue;
        }
        // A code region starting inside the comment would overlap it: the page is not
        // masked then (see `mask`), which the scan leaves to that check.
        out.push((at, close));
    }
    out
}

/// Each include line worth masking (offsets in `body`): `[!INCLUDE` after nothing but
/// spaces and tabs on its line, outside the code regions and the comments, up to the line's end (a
/// `\n` or a lone `\r`) less trailing whitespace, with no `|`, `<` or `>` in it.
fn include_lines<'s>(
    body: &str,
    code: &[MaskedCode],
    comments: &[(usize, usize)],
    arena: &'s Arena,
) -> ArenaVec<'s, Range<usize>> {
    let bytes = body.as_bytes();
    let mut out = ArenaVec::new_in(arena);
    let mut code = code.iter().peekable();
    let mut comments = comments.iter().peekable();
    static INCLUDE: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("[!INCLUDE"));
    for at in INCLUDE.find_iter(bytes) {
        if inside(&mut code, at, |(_, c)| (c.start, c.end))
            || inside(&mut comments, at, |&(open, close)| (open, close))
        {
            continue;
        }
        // A lone `\r` ends a line too: a mask never covers one (it would join lines).
        let line_start = memchr::memrchr2(b'\n', b'\r', &bytes[..at]).map_or(0, |i| i + 1);
        if !bytes[line_start..at].iter().all(|&b| b == b' ' || b == b'\t') {
            continue;
        }
        let line_end = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let line = bytes[at..line_end].trim_ascii_end();
        if memchr::memchr3(b'|', b'<', b'>', line).is_some() {
            continue;
        }
        out.push(at..at + line.len());
    }
    out
}

/// Whether `at` lies in one of `regions` (in page order, disjoint; `span` gives each
/// one's start and end), moving the cursor past those that end before it: the scans
/// visit their hits in page order.
fn inside<T>(
    regions: &mut Peekable<std::slice::Iter<'_, T>>,
    at: usize,
    span: impl Fn(&T) -> (usize, usize),
) -> bool {
    while regions.next_if(|r| span(r).1 <= at).is_some() {}
    regions.peek().is_some_and(|r| span(r).0 <= at)
}

#[cfg(test)]
mod tests;
