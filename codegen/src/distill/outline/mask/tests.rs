//! The masks' tests: what each scan masks, and proptests holding a masked page's
//! outline equal to the page's own.

use proptest::prelude::*;

use super::super::{BlockKind, Outline, masked_and_plain_outlines};
use super::*;

/// Pieces of pages, the usual and the tricky: masks that hold, and masks the walk
/// must find broken (an include line continuing prose or a list item, fences in an
/// HTML comment or a `~~~` block, indented and unclosed fences, `\r\n`).
const PIECES: &[&str] = &[
    "\n",
    "# Title\n",
    "## Example\n",
    "Some prose with a [link](a.md) and `code`.\n",
    "[!INCLUDE [sample-code](../includes/a.md)]\n",
    " [!INCLUDE [beta](../includes/b.md)]  \n",
    "Prose before\n[!INCLUDE [c](c.md)]\n",
    "- item\n  [!INCLUDE [d](d.md)]\n",
    "- item\n\n  [!INCLUDE [e](e.md)]\n",
    "> [!INCLUDE [f](f.md)]\n",
    "[foo]:\n[!INCLUDE [g](g.md)]\n",
    "[!INCLUDE [h](h.md)]\n---\n",
    "    [!INCLUDE [i](i.md)]\n",
    "```json\n{\n  \"a\": 1\n}\n```\n",
    "```http\nPOST /a\nContent-type: application/json\n\n{}\n```\n",
    "  ```\nx\n  ```\n",
    "````\n```\na\nb\n````\n",
    "~~~\n```\ny\nz\n```\n~~~\n",
    "```a`b\nq\nr\n```\n",
    "<!--\n```\nq\nr\n```\n-->\n",
    "<!-- { \"blockType\": \"request\" } -->\n",
    "<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"x\"\n}-->\n",
    "<!-->\nnot a comment\n-->\n",
    "  <!--\n indented\n-->\n",
    "<div>\n<!--\ninside\n-->\n</div>\n",
    "<!--\nnever closed\n",
    "1. step\n\n   ```\n   a\n   b\n   ```\n",
    "```\r\na\r\nb\r\n```\r\n",
    "\t```\nk\nl\n\t```\n",
    "```\nunclosed\nx\n",
    "    indented code\n",
    "| Name | Description |\n|---|---|\n| a | b |\n",
    "| Name | Type |\n|:--|:--|\n| a | `String` |\n[!INCLUDE [j](j.md)]\n",
    "```\n[!INCLUDE [k](k.md)]\nmore\n```\n",
    "| Property | Type | Description |\n|:---|:---|:---|\n| id | String | The [id](a.md), `read-only`. |\n| x | Int32 | A \\| pipe, \\\\| two, *em* |\n",
    "Name | Description\n-----|------\nfoo | The foo.\nbar | **Bar**\n",
    "| Description | Name |\n|---|---|\n| first | a |\nno pipe first | b |\n",
    "| Name | **Notes** |\n|--|--|\n| a | b | extra | cells |\n| c |\n## Heading | with pipe\n",
    "| Name | Description |\n|---|---|\n| a | `x|y` |\n| b | <a|b> |\n| c | ends with \\|\n",
    "<!--\n| Name | Description |\n|---|---|\n| a | b --> c |\n-->\n",
    "```\n| Name | Description |\n|---|---|\n| a | b |\n```\n",
    "- item\n\n  | Name | Description |\n  |---|---|\n  | a | b |\n",
    "> | Name | Description |\n> |---|---|\n> | a | b |\n",
    "| Name | Description |\n|---|---|\n| a | de\rsc |\n",
    "[!INCLUDE [a](b)]\r# Heading\r",
    "[!INCLUDE [a](b)]\r\rpara\r",
];

proptest! {
    /// The masks change how fast a page is outlined, never what it is outlined to.
    #[test]
    fn a_masked_page_is_outlined_as_the_page_itself(
        pieces in prop::collection::vec(0..PIECES.len(), 0..24)
    ) {
        let page: String = pieces.iter().map(|&i| PIECES[i]).collect();
        let (masked, plain) = masked_and_plain_outlines(&page);
        prop_assert_eq!(masked, plain);
    }
}

/// Tokens of markdown's block syntax, for pages no author would write.
const TOKENS: &[&str] = &[
    "[!INCLUDE [a](b.md)]",
    "```",
    "````",
    "~~~",
    "|",
    "| ",
    "---",
    ":",
    "\\",
    "\n",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    " ",
    "   ",
    "\t",
    "Description",
    "Name",
    "<!--",
    "-->",
    ">",
    "- ",
    "1. ",
    "# ",
    "x",
    "`",
    "[",
    "]",
    "(",
    ")",
    "{",
    "\"",
    "json",
    "| Name | Description |\n|---|---|\n",
    "| a | b |\n",
    "| a | b\rc |\n",
    "a | b\n",
    "| a | b \\| c |\n",
    "\n```\n",
    "```json\n",
    "{\n",
    "}\n",
    "\n[!INCLUDE [c](d.md)]\n",
    "\n<!--\n",
    "-->",
    "\n<!-- {\n\"a\": 1\n} -->\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The same, over token soup: masks that hold must hold for any bytes.
    #[test]
    fn a_masked_token_soup_is_outlined_as_itself(
        tokens in prop::collection::vec(0..TOKENS.len(), 0..80)
    ) {
        let page: String = tokens.iter().map(|&i| TOKENS[i]).collect();
        let (masked, plain) = masked_and_plain_outlines(&page);
        prop_assert_eq!(masked, plain, "{:?}", page);
    }
}

#[test]
fn the_masks_of_a_usual_page_hold() {
    // An example section as the 2021 pages write it: every mask lands where it may,
    // and the walk over the masked copy is kept.
    let page = "# t\n\n## Example\n\n# [HTTP](#tab/http)\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"x\"\n}-->\n```http\nGET /me\nHost: x\n```\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](a.md)]\n[!INCLUDE [sdk](b.md)]\n\n---\n";
    let arena = Arena::new();
    let lines = super::super::LineIndex::new(page);
    let m = mask(page, 0, &arena);
    assert_eq!((m.masks.includes.len(), m.masks.code.len(), m.masks.comments.len()), (2, 1, 1));
    assert!(Outline::walk(page, 0, &lines, &arena, m.text, m.masks).is_some());
}

#[test]
fn a_mask_that_does_not_hold_gives_way_to_the_page_itself() {
    // The include line is masked, but it continues a paragraph of prose: the walk
    // finds it outside an include paragraph, and the page is walked unmasked.
    let page = "Prose before\n[!INCLUDE [c](c.md)]\n";
    let arena = Arena::new();
    assert_eq!(mask(page, 0, &arena).masks.includes, [13]);
    let outline = Outline::parse(page, &arena);
    let BlockKind::Paragraph(p) = outline.blocks[0].kind else { panic!() };
    assert_eq!(p.text, "Prose before [!INCLUDE c]");
}

fn masked(body: &str) -> (String, Vec<usize>, Vec<MaskedCode>) {
    let arena = Arena::new();
    let m = mask(body, 0, &arena);
    (m.text.to_string(), m.masks.includes.to_vec(), m.masks.code.to_vec())
}

#[test]
fn include_lines_become_x_and_keep_their_offsets() {
    let body =
        "Intro.\n\n[!INCLUDE [a](b.md)]\n  [!INCLUDE [c](d.md)]  \n\ntext [!INCLUDE [e](f)]\n";
    let (text, includes, code) = masked(body);
    assert_eq!(text.len(), body.len());
    assert_eq!(
        text,
        "Intro.\n\nxxxxxxxxxxxxxxxxxxxx\n  xxxxxxxxxxxxxxxxxxxx  \n\ntext [!INCLUDE [e](f)]\n"
    );
    assert_eq!(includes, [8, 31]);
    assert!(code.is_empty());
    // A lone `\r` ends the line (the mask stops before it).
    let (text, includes, _) = masked("[!INCLUDE [a](b)]\r# Heading\r");
    assert_eq!(text, "xxxxxxxxxxxxxxxxx\r# Heading\r");
    assert_eq!(includes, [0]);
    // Lines with a pipe or angle brackets are left alone.
    let (text, includes, _) = masked("[!INCLUDE [a](b|c)]\n[!INCLUDE [a](<b>)]\n");
    assert_eq!(text, "[!INCLUDE [a](b|c)]\n[!INCLUDE [a](<b>)]\n");
    assert!(includes.is_empty());
}

#[test]
fn top_level_code_content_becomes_one_line_of_x() {
    let body = "```json\n{\n  \"a\": 1\n}\n```\nafter\n";
    let (text, _, code) = masked(body);
    assert_eq!(text, "```json\nxxxxxxxxxxxx\n```\nafter\n");
    assert_eq!(code, [(0, 8..21)]);
    // One line of content, `\r`, and indented fences are left alone; an indented
    // fence still pairs with its closing fence.
    for body in ["```\none line\n```\n", "```\r\na\r\nb\r\n```\r\n", "  ```\n  a\n  b\n  ```\n"] {
        let (text, _, code) = masked(body);
        assert_eq!(text, body);
        assert!(code.is_empty(), "{body:?}");
    }
    let (_, _, code) = masked("  ```\na\n```\n```\nb\nc\n```\n");
    assert_eq!(code, [(12, 16..20)]);
}

#[test]
fn comments_over_several_lines_become_one_line() {
    let body =
        "<!-- {\n  \"blockType\": \"request\"\n} -->\n```http\nGET /me\n```\n<!-- one line -->\n";
    let arena = Arena::new();
    let m = mask(body, 0, &arena);
    assert_eq!(
        m.text,
        "<!--xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-->\n```http\nGET /me\n```\n<!-- one line -->\n"
    );
    assert_eq!(m.masks.comments, [(0, 34)]);
    // `<!-->` closes on its own line; a comment not at column 0 is left alone.
    for body in ["<!-->\na\n-->\n", " <!--\na\n-->\n", "x\n<!--\na\n"] {
        assert!(mask(body, 0, &arena).masks.comments.is_empty(), "{body:?}");
    }
}

#[test]
fn a_longer_fence_is_closed_only_by_as_many_backticks_and_includes_in_code_stay() {
    let body = "````\n```\n[!INCLUDE [a](b)]\n````\n";
    let (text, includes, code) = masked(body);
    assert_eq!(code, [(0, 5..27)]);
    assert!(includes.is_empty());
    assert_eq!(text, "````\nxxxxxxxxxxxxxxxxxxxxx\n````\n");
    // An info string with a backtick opens nothing; a fence never closed masks
    // nothing.
    let body = "``` a`b\nx\ny\n```\n";
    assert!(masked(body).2.is_empty());
    let body = "```\nx\ny\n";
    assert!(masked(body).2.is_empty());
}

#[test]
fn verify_wants_every_region_in_order() {
    let includes = [5, 50];
    let code = [(100, 110..150)];
    let masks = Masks { includes: &includes, code: &code, comments: &[] };
    let mut v = Verify::default();
    v.include_paragraph(&masks, 0..20);
    v.include_paragraph(&masks, 40..60);
    v.code_block(&masks, 100, Some(&(110..150)));
    assert!(v.passed(&masks));
    // A masked include line skipped (it continued a paragraph of prose).
    let mut v = Verify::default();
    v.include_paragraph(&masks, 40..60);
    v.code_block(&masks, 100, Some(&(110..150)));
    assert!(!v.passed(&masks));
    // A masked code block whose text is not the masked content.
    let mut v = Verify::default();
    v.include_paragraph(&masks, 0..60);
    v.code_block(&masks, 100, Some(&(110..170)));
    assert!(!v.passed(&masks));
    // A masked code block never found.
    let mut v = Verify::default();
    v.include_paragraph(&masks, 0..60);
    v.code_block(&masks, 200, None);
    assert!(!v.passed(&masks));
}
