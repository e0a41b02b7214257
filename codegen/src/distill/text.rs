//! String helpers the distiller calls hundreds of thousands of times per corpus run,
//! written so the common case (ASCII text) costs a byte loop and no allocation.
//!
//! Each one gives exactly the result of the std expression named in its comment: the
//! distiller's output must not change by a byte when a call site switches to it.

/// Whether `b` is a byte `char::is_whitespace` accepts: `\t`, `\n`, vertical tab,
/// form feed, `\r` and space. (`u8::is_ascii_whitespace` leaves out vertical tab.)
#[inline]
pub(crate) fn is_unicode_space_byte(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `s.trim()`: std's `trim_ascii` first; only text that then starts or ends with a
/// byte it leaves (vertical tab, or non-ASCII) goes through the `char`-decoding trim.
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    let t = s.trim_ascii();
    let odd = |b: u8| b == 0x0b || b >= 0x80;
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(&a), Some(&b)) if odd(a) || odd(b) => t.trim(),
        _ => t,
    }
}

/// `s.trim_start()`, ASCII fast path as in [`trim`].
#[inline]
pub(crate) fn trim_start(s: &str) -> &str {
    let start = s.bytes().position(|b| !is_unicode_space_byte(b)).unwrap_or(s.len());
    let t = &s[start..];
    if t.as_bytes().first().is_some_and(|&b| b >= 0x80) { t.trim_start() } else { t }
}

/// `text.to_ascii_lowercase().contains(needle)` for a lower-case `needle`, without
/// the copy. Inlined, as is [`find_lower`]: with `needle` a literal, the compiler picks
/// its anchor byte (the loop over the needle is a third of a search's instructions).
#[inline(always)]
pub(crate) fn contains_lower(text: &str, needle: &str) -> bool {
    find_lower(text, needle).is_some()
}

/// `text.to_ascii_lowercase().find(needle)` for a lower-case ASCII `needle`, without
/// the copy. (ASCII lower-casing keeps every byte offset.) The search jumps between
/// occurrences of the needle's rarest letter (`memchr2` of its two cases), so a
/// common first letter does not stop it every few bytes.
#[inline(always)]
pub(crate) fn find_lower(text: &str, needle: &str) -> Option<usize> {
    let (t, n) = (text.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    if t.len() < n.len() {
        return None;
    }
    let mut anchor = 0;
    for (i, &b) in n.iter().enumerate().skip(1) {
        if RARITY[b as usize] >= RARITY[n[anchor] as usize] {
            anchor = i;
        }
    }
    let (lower, upper) = (n[anchor], n[anchor].to_ascii_uppercase());
    let mut from = anchor;
    let last = t.len() - n.len() + anchor;
    while from <= last {
        let at = from + memchr::memchr2(lower, upper, &t[from..=last])?;
        let start = at - anchor;
        if t[start..start + n.len()].eq_ignore_ascii_case(n) {
            return Some(start);
        }
        from = at + 1;
    }
    None
}

/// How rare a byte is in English prose (higher is rarer): letters by frequency,
/// space and `e` the most common; other punctuation rare.
const RARITY: [u8; 256] = {
    let mut table = [30u8; 256];
    let common = b" etaoinshrdlcumwfgypbvkjxqz";
    let mut i = 0;
    while i < common.len() {
        table[common[i] as usize] = i as u8;
        table[common[i].to_ascii_uppercase() as usize] = i as u8;
        i += 1;
    }
    table
};

/// `text.to_ascii_lowercase().starts_with(prefix)` for a lower-case `prefix`.
#[inline]
pub(crate) fn starts_with_lower(text: &str, prefix: &str) -> bool {
    text.as_bytes().get(..prefix.len()).is_some_and(|t| t.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `text.to_ascii_lowercase().ends_with(suffix)` for a lower-case `suffix`.
#[inline]
pub(crate) fn ends_with_lower(text: &str, suffix: &str) -> bool {
    let t = text.as_bytes();
    t.len() >= suffix.len() && t[t.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// `s.trim_matches(set)` for a set of ASCII characters, by bytes (an ASCII byte of
/// UTF-8 text is always a whole character, so the ends stay char boundaries).
#[inline]
pub(crate) fn trim_set<'a>(s: &'a str, set: &[u8]) -> &'a str {
    trim_end_set(trim_start_set(s, set), set)
}

/// `s.trim_start_matches(set)` for a set of ASCII characters.
#[inline]
pub(crate) fn trim_start_set<'a>(s: &'a str, set: &[u8]) -> &'a str {
    let start = s.bytes().position(|b| !set.contains(&b)).unwrap_or(s.len());
    &s[start..]
}

/// `s.trim_end_matches(set)` for a set of ASCII characters.
#[inline]
pub(crate) fn trim_end_set<'a>(s: &'a str, set: &[u8]) -> &'a str {
    let end = s.bytes().rposition(|b| !set.contains(&b)).map_or(0, |i| i + 1);
    &s[..end]
}

/// `s.split_whitespace().next().unwrap_or("")`, by bytes when `s` is ASCII.
pub(crate) fn first_word(s: &str) -> &str {
    if !s.is_ascii() {
        return s.split_whitespace().next().unwrap_or("");
    }
    let s = trim_start(s);
    let end = s.bytes().position(is_unicode_space_byte).unwrap_or(s.len());
    &s[..end]
}

/// `s.contains(char::is_whitespace)`, by bytes when `s` is ASCII.
pub(crate) fn has_whitespace(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes().any(is_unicode_space_byte)
    } else {
        s.contains(char::is_whitespace)
    }
}

/// `s.split_inclusive('\n')`, with the `memchr` crate's search (std's char search
/// costs more per line on the short lines of front matter and HTTP messages).
pub(crate) fn lines_inclusive(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// `s.trim_matches(|c: char| !keep(c))` for a `keep` that accepts only ASCII
/// characters, by bytes: every byte of a multi-byte char is trimmed, as its char is.
#[inline]
pub(crate) fn trim_to(s: &str, keep: impl Fn(u8) -> bool) -> &str {
    let bytes = s.as_bytes();
    let Some(start) = bytes.iter().position(|&b| keep(b)) else { return "" };
    let end = bytes.iter().rposition(|&b| keep(b)).map_or(start, |i| i + 1);
    &s[start..end]
}

/// `haystack.contains(needle)` without building a `StrSearcher` (whose setup costs
/// more than searching the short texts the distiller asks about).
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `haystack.find(needle)`, as [`contains`].
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else { return Some(0) };
    if h.len() < n.len() {
        return None;
    }
    let last_start = h.len() - n.len();
    let mut from = 0;
    while from <= last_start {
        let i = from + memchr::memchr(first, &h[from..=last_start])?;
        if h[i + 1..i + n.len()] == n[1..] {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// `haystack.rfind(needle)`, as [`find`].
pub(crate) fn rfind(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else { return Some(h.len()) };
    if h.len() < n.len() {
        return None;
    }
    let mut end = h.len() - n.len() + 1;
    while let Some(i) = memchr::memrchr(first, &h[..end]) {
        if h[i + 1..i + n.len()] == n[1..] {
            return Some(i);
        }
        end = i;
    }
    None
}

/// Call `f` with `s.to_ascii_lowercase()`, built on the stack when `s` is short (the
/// header cells, labels and type names that are matched against fixed spellings).
pub(crate) fn with_lower<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    match buf.get_mut(..s.len()) {
        Some(lower) => {
            lower.copy_from_slice(s.as_bytes());
            lower.make_ascii_lowercase();
            // ASCII lower-casing keeps UTF-8 valid.
            f(std::str::from_utf8(lower).unwrap_or_default())
        }
        None => f(&s.to_ascii_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_like_std() {
        for s in [
            "",
            " ",
            "a",
            " a b \n",
            "\u{a0}a\u{a0}",
            "\u{2003} x \u{3000}",
            "\x0b\x0ca\x1f",
            "é ",
            " \u{85}",
            "a\u{b}",
            "\u{b} a\u{b} ",
            "\u{b}\u{a0}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
            assert_eq!(trim_start(s), s.trim_start(), "{s:?}");
        }
    }

    #[test]
    fn lines_like_split_inclusive() {
        for s in ["", "a", "x\ny\n", "\n\n", "a\r\nb", "é\n"] {
            assert_eq!(
                lines_inclusive(s).collect::<Vec<_>>(),
                s.split_inclusive('\n').collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn byte_helpers_like_std() {
        for s in
            ["", "**a**", "*_", "`x`.", "é*", "*é", " a b ", "\u{a0}a b", "ab", "a. b. c", ". "]
        {
            assert_eq!(trim_set(s, b"*_`"), s.trim_matches(['*', '_', '`']), "{s:?}");
            assert_eq!(trim_start_set(s, b"*_"), s.trim_start_matches(['*', '_']));
            assert_eq!(trim_end_set(s, b"*."), s.trim_end_matches(['*', '.']));
            assert_eq!(first_word(s), s.split_whitespace().next().unwrap_or(""), "{s:?}");
            with_lower(s, |l| assert_eq!(l, s.to_ascii_lowercase()));
            assert_eq!(
                trim_to(s, |b| b.is_ascii_alphanumeric()),
                s.trim_matches(|c: char| !c.is_ascii_alphanumeric())
            );
            assert_eq!(
                lines_inclusive(s).collect::<Vec<_>>(),
                s.split_inclusive('\n').collect::<Vec<_>>()
            );
            for n in ["", "a", "b ", "**", "ab", "é", ". "] {
                assert_eq!(find(s, n), s.find(n), "{s:?} {n:?}");
                assert_eq!(rfind(s, n), s.rfind(n), "{s:?} {n:?}");
            }
        }
        let long = "X".repeat(100);
        with_lower(&long, |l| assert_eq!(l, long.to_ascii_lowercase()));
    }

    #[test]
    fn case_insensitive_search_like_lowercasing() {
        for (t, n) in [
            ("Returns a Location Header", "location header"),
            ("LOCATION", "location"),
            ("abc", "abcd"),
            ("", "a"),
            ("aaab", "aab"),
            ("Ünïcode JSON here", "json"),
            ("x", ""),
            ("Not Nullable. Read-only.", "read-only"),
            ("Is it REQUIRED? required", "required"),
            ("qq", "q"),
        ] {
            assert_eq!(find_lower(t, n), t.to_ascii_lowercase().find(n), "{t:?} {n:?}");
            assert_eq!(starts_with_lower(t, n), t.to_ascii_lowercase().starts_with(n));
            assert_eq!(ends_with_lower(t, n), t.to_ascii_lowercase().ends_with(n));
        }
    }
}
