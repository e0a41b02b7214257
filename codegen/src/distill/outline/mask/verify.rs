//! The walk's check that each masked region of the parser's copy ended up where it
//! may (see the parent module for why that is enough).

use std::ops::Range;

use super::Masks;

/// The walk's check of the masks: each masked region must be found, in order, where
/// it was meant to end up.
#[derive(Debug, Default)]
pub(in crate::distill::outline) struct Verify {
    includes: usize,
    code: usize,
    comments: usize,
    failed: bool,
}

impl Verify {
    /// An include paragraph spans `range`: the masked include lines in it must be the
    /// next ones not yet found.
    pub(in crate::distill::outline) fn include_paragraph(
        &mut self,
        masks: &Masks<'_>,
        range: Range<usize>,
    ) {
        let first = masks.includes.partition_point(|&at| at < range.start);
        let end = masks.includes.partition_point(|&at| at < range.end);
        if first != self.includes {
            self.failed = true;
        }
        self.includes = end;
    }

    /// A code block whose fence starts at `fence` ends; `text` is the range of its
    /// text when that is one borrowed run of the page. A masked block must be the next
    /// one not yet found, and its text exactly the masked content.
    pub(in crate::distill::outline) fn code_block(
        &mut self,
        masks: &Masks<'_>,
        fence: usize,
        text: Option<&Range<usize>>,
    ) {
        let Some((next, content)) = masks.code.get(self.code) else { return };
        if *next == fence {
            self.failed |= text != Some(content);
            self.code += 1;
        } else if *next < fence {
            self.failed = true;
        }
    }

    /// An HTML block spanning `range` ends. A masked comment must be the next one not
    /// yet found, in a block that starts where the comment does and holds all of it.
    pub(in crate::distill::outline) fn html_block(
        &mut self,
        masks: &Masks<'_>,
        range: Range<usize>,
    ) {
        let Some(&(open, close)) = masks.comments.get(self.comments) else { return };
        if open >= range.end {
            return;
        }
        self.failed |= open != range.start || close + 3 > range.end;
        self.comments += 1;
    }

    /// Whether every masked region was found where it was meant to be.
    pub(in crate::distill::outline) fn passed(&self, masks: &Masks<'_>) -> bool {
        !self.failed
            && self.includes == masks.includes.len()
            && self.code == masks.code.len()
            && self.comments == masks.comments.len()
    }
}
