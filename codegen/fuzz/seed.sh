#!/usr/bin/env bash
# Seed the fuzz corpora with real doc pages, extracted from ../shared at run time (the
# docs are never copied into the repository; corpus/ is gitignored).
#
#   bash codegen/fuzz/seed.sh [SHARED_DIR]     # default: ../shared beside the checkout
#
# - distill_page, emit_page: every page of the modern calls-area archive, the seeds, and
#   every 25th page of the 2021 reference; each prefixed with the selector byte that
#   files it where it came from ('\0' api/, '\1' resources/).
# - distill_permissions_include: every permissions include of the modern archive.
# - declare_input: the body of every `action!` invocation in the macro's tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="${1:-$here/../../../shared}"
docs="$shared/graph-docs"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

tar xzf "$docs/graph-docs-modern-calls.tar.gz" -C "$tmp" --wildcards '*.md'
mkdir -p "$tmp/old"
tar xzf "$docs/graph-api-docs.tar.gz" -C "$tmp/old" --wildcards '*/api/*.md' '*/resources/*.md'

pages="$here/corpus/distill_page"
includes="$here/corpus/distill_permissions_include"
mkdir -p "$pages" "$includes" "$here/corpus/emit_page"

seed_page() { # FILE SELECTOR
    local name
    name="$(sha1sum "$1" | cut -c1-16)"
    { printf "$2"; cat "$1"; } >"$pages/$name"
}

seed_by_folder() { # FILE: its selector byte from the folder it sits in
    case "$1" in
    */resources/*) seed_page "$1" '\001' ;;
    *) seed_page "$1" '\000' ;;
    esac
}

while IFS= read -r -d '' f; do
    case "$f" in
    */includes/*) cp "$f" "$includes/$(sha1sum "$f" | cut -c1-16)" ;;
    *) seed_by_folder "$f" ;;
    esac
done < <(find "$tmp" -path "$tmp/old" -prune -o -name '*.md' -print0)
for f in "$shared"/seeds/*.md; do seed_page "$f" '\000'; done
i=0
while IFS= read -r -d '' f; do
    i=$((i + 1))
    if ((i % 25 == 0)); then
        seed_by_folder "$f"
    fi
done < <(find "$tmp/old" -name '*.md' -print0 | sort -z)
cp "$pages"/* "$here/corpus/emit_page/"

# declare_input: the body of every `action!` invocation in the macro's own tests.
mkdir -p "$here/corpus/declare_input"
python3 - "$here/corpus/declare_input" "$here"/../macros/tests/ui/*.rs \
    "$here"/../macros/tests/pass/*.rs "$here"/../../tests/macro_fifty.rs <<'PY'
import hashlib, re, sys
out, files = sys.argv[1], sys.argv[2:]
n = 0
for name in files:
    text = open(name, encoding="utf-8").read()
    for m in re.finditer(r"action!\s*([({])", text):
        close = {"(": ")", "{": "}"}[m.group(1)]
        depth, i = 0, m.end(1) - 1
        for j in range(i, len(text)):
            if text[j] == m.group(1):
                depth += 1
            elif text[j] == close:
                depth -= 1
                if depth == 0:
                    body = text[i + 1 : j].encode()
                    open(f"{out}/{hashlib.sha1(body).hexdigest()[:16]}", "wb").write(body)
                    n += 1
                    break
print(f"seeded: {n} action! inputs")
PY
echo "seeded: $(ls "$pages" | wc -l) pages, $(ls "$includes" | wc -l) permissions includes"
