//! Inline content (a heading, a paragraph, a table cell) collected from the parser's
//! events as they arrive: whitespace collapsed, text borrowed from the page while it
//! can be, links with their text.

use bumpalo::collections::{String as ArenaString, Vec as ArenaVec};
use pulldown_cmark::CowStr;

use crate::distill::text;

use super::{Arena, Inline, Link};

/// The parser's text, borrowed from the page where it is the page's, else copied into
/// the arena (text with escapes or entities resolved).
pub(super) fn keep<'s>(s: &CowStr<'s>, arena: &'s Arena) -> &'s str {
    match s {
        CowStr::Borrowed(b) => b,
        other => arena.alloc_str(other),
    }
}

/// Inline content being collected, whitespace collapsed as it arrives.
pub(super) struct InlineBuf<'s> {
    /// Where the content starts in the page.
    pub(super) start: usize,
    /// Whether to build text at all.
    collect: bool,
    /// The one borrowed piece of text seen so far, not yet copied.
    borrowed: Option<&'s str>,
    text: ArenaString<'s>,
    /// A space is owed before the next word.
    space: bool,
    links: ArenaVec<'s, Link<'s>>,
    /// The open link, if any (CommonMark links do not nest): its destination and the
    /// start of its text in `text`.
    open_link: Option<(&'s str, usize)>,
    /// The buffer of a list item (its text ends where a nested list starts).
    pub(super) item: bool,
}

impl<'s> InlineBuf<'s> {
    pub(super) fn new(start: usize, collect: bool, arena: &'s Arena) -> Self {
        InlineBuf {
            start,
            collect,
            borrowed: None,
            text: ArenaString::new_in(arena),
            space: false,
            links: ArenaVec::new_in(arena),
            open_link: None,
            item: false,
        }
    }

    /// Copy a borrowed piece into `text` (a second piece arrived, or a link opened).
    fn materialize(&mut self) {
        if let Some(b) = self.borrowed.take() {
            self.text.push_str(b);
        }
    }

    #[inline]
    pub(super) fn push(&mut self, piece: &CowStr<'s>) {
        if self.collect {
            self.push_collected(piece);
        }
    }

    fn push_collected(&mut self, piece: &CowStr<'s>) {
        // A first piece that needs no normalizing is kept borrowed.
        if self.text.is_empty()
            && self.borrowed.is_none()
            && !self.space
            && self.open_link.is_none()
        {
            if let CowStr::Borrowed(b) = piece {
                let bytes = b.as_bytes();
                if bytes.first().is_some_and(|c| !c.is_ascii_whitespace())
                    && run_end(bytes, 0) == bytes.len()
                {
                    self.borrowed = Some(b);
                    return;
                }
            }
        }
        self.materialize();
        self.push_words(piece);
    }

    /// Append `s` with runs of ASCII whitespace collapsed to one space.
    fn push_words(&mut self, s: &str) {
        if self.text.capacity() == 0 {
            // Room for a few more pieces: a text that grows leaves its old copies in
            // the arena.
            self.text.reserve(s.len().max(32) * 2);
        }
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_whitespace() {
                self.space = true;
                i += 1;
                continue;
            }
            let start = i;
            i = run_end(bytes, i);
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
            }
            // Runs end at ASCII bytes: both ends are char boundaries.
            self.text.push_str(&s[start..i]);
            self.space = false;
        }
    }

    pub(super) fn space(&mut self) {
        if self.collect {
            self.materialize();
            self.space = true;
        }
    }

    pub(super) fn open_link(&mut self, dest: &CowStr<'s>) {
        if self.collect {
            self.materialize();
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
                self.space = false;
            }
            self.open_link = Some((keep(dest, self.text.bump()), self.text.len()));
        }
    }

    pub(super) fn close_link(&mut self) {
        if let Some((dest, at)) = self.open_link.take() {
            let arena = self.text.bump();
            let text = arena.alloc_str(text::trim(self.text.get(at..).unwrap_or("")));
            self.links.push(Link { text, dest });
        }
    }

    /// Whether any text was collected.
    pub(super) fn has_text(&self) -> bool {
        self.borrowed.is_some() || !self.text.is_empty()
    }

    pub(super) fn finish(self, src: &'s str, end: usize) -> Inline<'s> {
        let markdown = text::trim(src.get(self.start..end).unwrap_or(""));
        let text = match self.borrowed {
            Some(b) => b,
            None => self.text.into_bump_str(),
        };
        Inline { markdown, text, links: self.links.into_bump_slice() }
    }
}

/// The end of the run of text starting at `i` (not whitespace) that needs no
/// normalizing: words separated by single spaces. Copying whole runs instead of word
/// by word matters: this is the distiller's innermost loop over inline text.
#[inline]
fn run_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        i = skip_above_space(bytes, i);
        let Some(&b) = bytes.get(i) else { return i };
        if !b.is_ascii_whitespace() {
            i += 1; // a control character: part of the word
        } else if b == b' ' && bytes.get(i + 1).is_some_and(|n| !n.is_ascii_whitespace()) {
            i += 2; // a single space between words
        } else {
            return i;
        }
    }
}

/// The first index from `i` on whose byte is `<= b' '` (every whitespace byte is),
/// or the length. Eight bytes at a time: a word has such a byte exactly when
/// `(w - 0x21..21) & !w & 0x80..80` is non-zero, and its lowest set bit marks the
/// first one (borrows only run upwards).
#[inline]
fn skip_above_space(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([0x21; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let found = w.wrapping_sub(ONES) & !w & HIGH;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] > b' ' {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_word_scans_match_the_plain_loops() {
        let samples: [&[u8]; 6] = [
            b"plainwordsthatrunpastonechunk of eight bytes",
            b"a  b\tc\nd",
            "\u{e9}t\u{e9} \u{a0}x y".as_bytes(),
            b"\x0bcontrol\x01bytes \x7f\xff",
            b" lead",
            b"",
        ];
        for s in samples {
            for start in 0..=s.len() {
                let naive = (start..s.len()).find(|&i| s[i] <= b' ').unwrap_or(s.len());
                assert_eq!(skip_above_space(s, start), naive, "{s:?} from {start}");
            }
        }
        assert_eq!(run_end(b"a b  c", 0), 3);
        assert_eq!(run_end(b"ab c\n", 0), 4);
        assert_eq!(run_end(b"a\x0bb c", 0), 5);
    }
}
