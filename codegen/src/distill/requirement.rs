//! Whether a parameter is required, from a "Required" column's cell or from the
//! wording of its description (`Required.`, `(Optional)`, `This property is
//! required.`, `Not required.`).

use crate::spec::Requirement;

use super::text;

/// Whether `text` contains "required" or "optional" in any case.
fn mentions_requirement(text: &str) -> bool {
    text::contains_lower(text, "required") || text::contains_lower(text, "optional")
}

/// A "Required" column cell: `Yes`, `No`, `Required`, `Optional`, `True`, ...
pub(crate) fn requirement_cell(text: &str) -> Requirement {
    let t = text::trim(text::trim_set(text::trim(text), b"*._")).to_ascii_lowercase();
    match t.as_str() {
        "yes" | "y" | "true" | "required" | "✓" | "x" => Requirement::Required,
        "no" | "n" | "false" | "optional" => Requirement::Optional,
        "" => Requirement::Unstated,
        _ => requirement_in_text(text),
    }
}

/// Whether a description says "required" or "optional", in any of the docs' wordings:
/// `Required.`, `(Required)`, `Required for answering a call.`, `**Required.**`,
/// `This property is required.`, `Optional.`, `(optional)`, `Not required.`.
/// Conditional wordings (`Required if ...`, `required when ...`) state no requirement
/// of the parameter itself and give [`Requirement::Unstated`].
pub(crate) fn requirement_in_text(text: &str) -> Requirement {
    // Most descriptions say nothing about it: answer those without allocating.
    if !mentions_requirement(text) {
        return Requirement::Unstated;
    }
    let lower = lowered(text);
    let bytes = lower.as_bytes();
    let mut result = Requirement::Unstated;
    // Each whole word `required` or `optional`, in order, read with the words around it
    // (a word: a run of ASCII letters, digits and `-`).
    let mut from = 0;
    while let Some((at, required)) = next_keyword(&lower, from) {
        from = at + 1;
        let end = at + KEYWORD_LEN;
        if at.checked_sub(1).is_some_and(|p| is_word(bytes[p]))
            || bytes.get(end).is_some_and(|&b| is_word(b))
        {
            continue;
        }
        let prev = word_before(&lower, at);
        let subject = prev.and_then(|(start, _)| word_before(&lower, start)).map(|w| w.1);
        let prev = prev.map(|w| w.1);
        let stated = starts_sentence(lower[..at].trim_end()) || says_itself(prev, subject);
        if required {
            if negated(prev) {
                return Requirement::Optional;
            }
            if stated && !conditional(word_after(&lower, end)) {
                result = Requirement::Required;
            }
        } else if stated && result == Requirement::Unstated {
            result = Requirement::Optional;
        }
    }
    result
}

/// The text in lower case, markup (`*`, `_`, `` ` ``) removed; by bytes (only ASCII
/// bytes are dropped or changed, so the text stays UTF-8).
fn lowered(text: &str) -> String {
    let mut lower: Vec<u8> = Vec::with_capacity(text.len());
    lower.extend(
        text.bytes().filter(|b| !matches!(b, b'*' | b'_' | b'`')).map(|b| b.to_ascii_lowercase()),
    );
    String::from_utf8(lower).unwrap_or_default()
}

/// Whether a keyword preceded by `before` (trimmed) starts a sentence or a parenthesis.
fn starts_sentence(before: &str) -> bool {
    before.is_empty() || before.ends_with(['.', '(', ':', ';', '!'])
}

/// Whether the two words before a keyword make it a statement about the parameter
/// itself: "This property is required." does; "whether a sign-in is required" does not.
fn says_itself(prev: Option<&str>, subject: Option<&str>) -> bool {
    matches!(prev, Some("is" | "are"))
        && matches!(
            subject,
            Some("this" | "it" | "property" | "parameter" | "value" | "field" | "header" | "body")
        )
}

/// Whether the word before "required" negates it ("not required").
fn negated(prev: Option<&str>) -> bool {
    matches!(prev, Some("not" | "never"))
}

/// Whether the word after "required" makes it a condition ("required if ...").
fn conditional(next: Option<&str>) -> bool {
    matches!(next, Some("if" | "when" | "only" | "unless" | "in" | "except"))
}

/// The length of both keywords, `required` and `optional`.
const KEYWORD_LEN: usize = 8;

/// Whether `c` belongs to a word: an ASCII letter or digit, or `-`.
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-'
}

/// The first `required` or `optional` in `lower` at or after `from` (not necessarily a
/// whole word), and whether it is `required`.
fn next_keyword(lower: &str, from: usize) -> Option<(usize, bool)> {
    let rest = lower.get(from..)?;
    let required = text::find(rest, "required");
    let optional = text::find(rest, "optional");
    match (required, optional) {
        (Some(r), Some(o)) if o < r => Some((from + o, false)),
        (Some(r), _) => Some((from + r, true)),
        (None, Some(o)) => Some((from + o, false)),
        (None, None) => None,
    }
}

/// The word that ends last before `at`: its start and its text.
fn word_before(s: &str, at: usize) -> Option<(usize, &str)> {
    let bytes = s.as_bytes();
    let end = bytes[..at].iter().rposition(|&b| is_word(b))? + 1;
    let start = bytes[..end].iter().rposition(|&b| !is_word(b)).map_or(0, |i| i + 1);
    Some((start, &s[start..end]))
}

/// The first word starting at or after `at`.
fn word_after(s: &str, at: usize) -> Option<&str> {
    let bytes = s.as_bytes();
    let start = at + bytes[at..].iter().position(|&b| is_word(b))?;
    let end =
        start + bytes[start..].iter().position(|&b| !is_word(b)).unwrap_or(bytes.len() - start);
    Some(&s[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first reading, listing every word first: the one above, which reads only the
    /// words around each keyword, must give what it gives. (The word lists are shared.)
    fn reference(text: &str) -> Requirement {
        if !mentions_requirement(text) {
            return Requirement::Unstated;
        }
        let lower = lowered(text);
        // Words with the text that precedes each (to tell sentence starts).
        let mut words: Vec<(&str, &str)> = Vec::with_capacity(32);
        let bytes = lower.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !is_word(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && is_word(bytes[i]) {
                i += 1;
            }
            words.push((&lower[start..i], lower[..start].trim_end()));
        }
        let mut result = Requirement::Unstated;
        for (i, (word, before)) in words.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| words[p].0);
            let subject = i.checked_sub(2).map(|p| words[p].0);
            let stated = starts_sentence(before) || says_itself(prev, subject);
            let next = words.get(i + 1).map(|w| w.0);
            match *word {
                "required" => {
                    if negated(prev) {
                        return Requirement::Optional;
                    }
                    if stated && !conditional(next) {
                        result = Requirement::Required;
                    }
                }
                "optional" if stated && result == Requirement::Unstated => {
                    result = Requirement::Optional;
                }
                _ => {}
            }
        }
        result
    }

    use Requirement::*;

    #[test]
    fn requirement_wordings() {
        for (text, want) in [
            ("Bearer {token}. Required.", Required),
            ("The media configuration. (Required)", Required),
            ("Required for answering a call.", Required),
            ("**Required.** The id.", Required),
            ("This property is required.", Required),
            ("Optional. The subject.", Optional),
            ("The subject (optional).", Optional),
            ("The subject. Optional", Optional),
            ("Not required. The subject.", Optional),
            ("Required. Not required when x.", Optional),
            ("Optional. Required.", Required),
            ("Required. Optional.", Required),
            ("Required if the call is a group call.", Unstated),
            ("The client context.", Unstated),
            ("Indicates whether a sign-in is required for the meeting.", Unstated),
            ("Non-required. x", Unstated),
            ("xrequiredx. Optionally.", Unstated),
            ("*`required`*", Required),
            ("The `value` is _required_.", Required),
            ("Its parameter is required.", Required),
            ("A property-value is required.", Unstated),
            ("É. Required", Required),
        ] {
            assert_eq!(requirement_in_text(text), want, "{text}");
        }
    }

    #[test]
    fn requirement_cells() {
        assert_eq!(requirement_cell("Yes"), Required);
        assert_eq!(requirement_cell("**No**"), Optional);
        assert_eq!(requirement_cell(""), Unstated);
        assert_eq!(requirement_cell("Required if x"), Unstated);
    }

    #[test]
    fn requirement_words_are_found_in_any_case_anywhere() {
        for yes in ["Required.", "REQUIRED", "is optional", "(Optional)", "xrequiredx", "optional"]
        {
            assert!(mentions_requirement(yes), "{yes}");
        }
        for no in ["", "q", "p", "requires", "option", "equired", "optiona", "opt ional"] {
            assert!(!mentions_requirement(no), "{no}");
        }
    }

    /// Words the reading looks at, and what separates them.
    const WORDS: &[&str] = &[
        "required",
        "Required",
        "REQUIRED",
        "optional",
        "Optional",
        "not",
        "never",
        "is",
        "are",
        "this",
        "it",
        "property",
        "value",
        "the",
        "if",
        "when",
        "only",
        "in",
        "non-required",
        "xrequired",
        "optionally",
        "é",
        "",
    ];
    const SEPARATORS: &[&str] = &[
        " ", ". ", "(", ") ", ": ", ";", "!", "  ", "-", "**", "`", "_", "\u{a0}", "\u{2003}", ",",
        "\n", "",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]
        #[test]
        fn reads_as_the_word_list_reading(
            pieces in proptest::collection::vec(
                (proptest::sample::select(WORDS), proptest::sample::select(SEPARATORS)),
                0..12,
            )
        ) {
            let text: String = pieces.iter().flat_map(|(w, s)| [*w, *s]).collect();
            prop_assert_eq!(requirement_in_text(&text), reference(&text), "{:?}", text);
        }
    }
}
