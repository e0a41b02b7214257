//! Arbitrary bytes as the permissions include of an otherwise ordinary API page: the
//! distiller never panics, and what it says about the include names the include.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const PAGE_PATH: &str = "api-reference/v1.0/api/call-fuzz.md";
const INCLUDE_PATH: &str = "api-reference/v1.0/includes/permissions/call-fuzz-permissions.md";

const PAGE: &str = "---
title: \"call: fuzz\"
doc_type: apiPageType
---

# call: fuzz

Namespace: microsoft.graph

Fuzz a call.

## Permissions

[!INCLUDE [permissions-table](../includes/permissions/call-fuzz-permissions.md)]

## HTTP request

```http
POST /communications/calls/{id}/fuzz
```

## Request body

| Parameter | Type | Description |
|:----------|:-----|:------------|
| level | Int32 | How hard. |

## Response

If successful, this method returns a `204 No Content` response code.
";

fuzz_target!(|data: &[u8]| {
    let mut files = HashMap::new();
    files.insert(INCLUDE_PATH.to_string(), data.to_vec());
    let Some(distilled) = common::distill_and_check(PAGE_PATH, PAGE.as_bytes(), files) else {
        panic!("the page itself is fine: it always yields a spec");
    };
    assert!(distilled.includes.contains(INCLUDE_PATH), "the include was read");
    let lines = data.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    for d in distilled.spec.diagnostics() {
        if d.file.as_deref() == Some(INCLUDE_PATH) {
            if let Some(line) = d.line {
                assert!(line >= 1 && line <= lines, "include line {line} of {lines}: {d:?}");
            }
        }
    }
});
