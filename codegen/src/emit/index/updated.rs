//! Which types an update (`PATCH`, `PUT`) takes as its body: those get their members as
//! constants and a `set_null` method (see `emit::types`), since `null` clears a
//! property only in an update.

use super::*;
use crate::spec::HttpMethod;

/// Whether `page` updates something: one of its operations is a `PATCH` or a `PUT`.
pub fn is_update(page: &ApiPage) -> bool {
    page.operations.iter().any(|op| matches!(op.method, HttpMethod::Patch | HttpMethod::Put))
}

impl TypeIndex<'_> {
    /// Find the structs the update pages among `api_pages` take as their body, and the
    /// types derived from them (a value of the base type may be one of those).
    pub(super) fn find_updated(&mut self, api_pages: &[(&str, &ApiPage)]) {
        for (_, page) in api_pages.iter().filter(|(_, page)| is_update(page)) {
            let BodyKind::Resource { type_expr } = &page.request_body.kind else { continue };
            let Some(id) = self.lookup(type_expr) else { continue };
            if matches!(self.defs[id.0].kind, DefKind::Struct) {
                self.updated.insert(id);
                self.updated.extend(self.defs[id.0].derived.iter().copied());
            }
        }
    }

    /// Whether an update takes struct `id` (or a type it derives from) as its body.
    pub fn is_updated(&self, id: TypeId) -> bool {
        self.updated.contains(&id)
    }
}
