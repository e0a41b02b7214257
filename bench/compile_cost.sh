#!/usr/bin/env bash
# Compile cost of the generated crate against graph-rs-sdk 3.x, measured in one run.
#
#   bash bench/compile_cost.sh [--examples | --quick | --areas]
#
# 1. Distills the 2021 corpus and generates the whole-API crate into
#    target/whole-api/crate (graphgen generate --manifest; one cargo feature per area).
# 2. Builds, each in a fresh target dir with `cargo build --timings` (dev profile):
#    a) that crate with only the calls area (`--features calls`, both versions),
#    b) that crate with `--features full`,
#    c) graph-rs-sdk 3.x from crates.io (a scratch crate in target/compile-cost/, rustls).
# 3. Prints each crate's own build time (its unit in the --timings report, dependencies
#    excluded), its lines of code and the ratios.
# With --examples it then runs the whole-API example round trip (an ignored test that
# builds a runner against the `full` crate) and prints the pass rates per area. With
# --quick it skips the `full` build (a few minutes) and compares calls with graph-rs-sdk.
# With --areas it only checks the crate with each area feature alone (`cargo check`),
# which proves the per-type gates: every type an area compiles is gated on for it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/target/compile-cost
whole=$root/target/whole-api
mkdir -p "$out" "$whole"

echo "== generating the whole-API crate"
cargo build --release -q -p graphgen
./target/release/graphgen distill --docs ../shared/graph-docs/graph-api-docs.tar.gz \
    --out "$whole/specs" --clean > "$whole/distill.log" 2>&1
./target/release/graphgen generate --specs "$whole/specs" --out "$whole/crate/src" \
    --manifest "$whole/crate/Cargo.toml" --crate-name msgraph-typed-whole \
    --runtime-path "$root/codegen/runtime" --own-workspace --area-features 2> "$whole/generate.log"
tail -n 1 "$whole/generate.log"

if [[ "${1:-}" == "--areas" ]]; then
    areas=$(sed -n 's/^\([a-z_]*\) = \[\]$/\1/p' "$whole/crate/Cargo.toml" | grep -vx 'v1\|beta\|reserialize')
    failed=0
    for area in $areas; do
        start=$(date +%s)
        if CARGO_TARGET_DIR=$out/target-areas cargo check -q --manifest-path "$whole/crate/Cargo.toml" \
            --features "$area" > "$out/check-$area.log" 2>&1 && ! grep -q '^warning' "$out/check-$area.log"; then
            echo "$area: ok ($(( $(date +%s) - start )) s)"
        else
            echo "$area: FAILED (see $out/check-$area.log)"
            failed=1
        fi
    done
    exit $failed
fi

mkdir -p "$out/graph-rs-sdk/src"
cat > "$out/graph-rs-sdk/Cargo.toml" <<'TOML'
[package]
name = "graph-rs-sdk-build"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
graph-rs-sdk = { version = "3", default-features = false, features = ["rustls-tls"] }
TOML
echo "pub use graph_rs_sdk;" > "$out/graph-rs-sdk/src/lib.rs"

# build NAME MANIFEST UNIT [cargo args...]: a clean build with --timings; prints the
# unit's own seconds.
build() {
    local name=$1 manifest=$2 unit=$3
    shift 3
    local target=$out/target-$name
    rm -rf "$target"
    echo "== building $name" >&2
    local start=$(date +%s)
    if ! CARGO_TARGET_DIR=$target cargo build -q --timings --manifest-path "$manifest" "$@" >&2; then
        # A crate that does not build has no build time: stop instead of printing 0.0.
        echo "   FAILED: $name does not build (errors above)" >&2
        return 1
    fi
    echo "   wall $(( $(date +%s) - start )) s (dependencies included)" >&2
    python3 - "$target/cargo-timings/cargo-timing.html" "$unit" <<'PY'
import json, re, sys
html = open(sys.argv[1]).read()
data = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
own = [u for u in data if u["name"] == sys.argv[2] and u.get("target", "").strip() in ("", "lib")]
print(f'{sum(u["duration"] for u in own):.1f}')
PY
}

loc() { find "$@" -name '*.rs' -print0 | xargs -0 cat | wc -l; }

# The two small builds first, then the whole API (the longest; it needs > 15 GB).
calls=$(build calls "$whole/crate/Cargo.toml" msgraph-typed-whole --features calls)
sdk=$(build graph-rs-sdk "$out/graph-rs-sdk/Cargo.toml" graph-rs-sdk)
echo "   calls: $calls s, graph-rs-sdk: $sdk s" >&2
if [[ "${1:-}" == "--quick" ]]; then
    full=nan
else
    full=$(build full "$whole/crate/Cargo.toml" msgraph-typed-whole --features full)
fi
sdk_dir=$(ls -d ~/.cargo/registry/src/*/graph-rs-sdk-3.* | sort -V | tail -n 1)

whole_loc=$(loc "$whole/crate/src")
calls_loc=$(loc "$root/generated/src")
sdk_loc=$(loc "$sdk_dir/src")

echo
echo "crate                                   own build (s)   lines of Rust"
printf "%-40s %12s   %13s\n" "msgraph-typed-whole --features calls" "$calls" "$whole_loc (calls area alone: generated/ has $calls_loc)"
printf "%-40s %12s   %13s\n" "msgraph-typed-whole --features full" "$full" "$whole_loc"
printf "%-40s %12s   %13s\n" "graph-rs-sdk $(basename "$sdk_dir" | sed 's/graph-rs-sdk-//')" "$sdk" "$sdk_loc"
python3 - "$calls" "$full" "$sdk" <<'PY'
import sys
calls, full, sdk = map(float, sys.argv[1:])
print(f"ratio calls / graph-rs-sdk: {calls / sdk:.3f}  (goal <= 0.3)")
print(f"ratio full  / graph-rs-sdk: {full / sdk:.2f}")
PY

if [[ "${1:-}" == "--examples" ]]; then
    echo "== example round trip (whole API)"
    cargo test -q -p graphgen-tests --test whole_api -- --ignored --nocapture whole_api_examples_round_trip
fi
