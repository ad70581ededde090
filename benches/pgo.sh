#!/usr/bin/env bash
# The release binary built with profile-guided optimisation: target/pgo/release/plantrack.
#
# Three steps (docs/performance.md, "Issue 26, thirteenth step"):
#   1. a build that counts how often each branch and call is taken
#      (rustc -Cprofile-generate), in target/pgo-train;
#   2. that build run on the project's own work: every subcommand, in both
#      languages, on the shipped plans and examples, on a 1,000-plan
#      SYNTHETIC portfolio and a million-row ingest (so that no command is
#      left out and made slower as "never run");
#   3. the release build again, laid out and inlined by those counts
#      (rustc -Cprofile-use): target/pgo/release/plantrack, with the merged
#      counts beside it (target/pgo/plantrack.profdata).
# The output of every command is the same as the plain release build's: only
# the machine code's layout and inlining change. Needs llvm-profdata, which
# rustup installs with `rustup component add llvm-tools` (done here if
# missing). About five minutes on a 2-core machine.
# Usage: benches/pgo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

sysroot="$(rustc --print sysroot)"
host="$(rustc -vV | sed -n 's/^host: //p')"
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  command -v rustup >/dev/null || {
    echo "needs llvm-profdata for this rustc at $profdata: with rustup, \`rustup component add llvm-tools\`" >&2
    exit 2
  }
  rustup component add llvm-tools
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# (CARGO_ENCODED_RUSTFLAGS, not RUSTFLAGS: a path with a space in it stays
# one flag. `plantrack_counting` keeps the exit handlers, which write the
# counts: src/main.rs's `leave`.)
echo "== 1. the counting build"
CARGO_ENCODED_RUSTFLAGS="-Cprofile-generate=$work/counts"$'\x1f'"--cfg"$'\x1f'"plantrack_counting" \
  cargo build --locked --release --bin plantrack --target-dir "$root/target/pgo-train"
cargo build --locked --release --example portfolio
bin="$root/target/pgo-train/release/plantrack"
gen="$root/target/release/examples/portfolio"

echo "== 2. the work it is trained on"
# Problems are part of the work (a bad row, a missing sheet): a command that
# refuses its input is trained all the same, so its exit code is not checked.
run() { "$bin" "$@" >/dev/null 2>&1 || true; }
cp -r targets data examples "$work/"
cd "$work"
for lang in en zh; do
  run status --lang "$lang"
  run status --detail --lang "$lang"
  for format in json csv markdown; do run status --format "$format" --lang "$lang"; done
  run check --lang "$lang"
  run validate --lang "$lang"
  run explain industrial_output --lang "$lang"
  run history industrial_output --lang "$lang"
  run chart --out "charts-$lang" --lang "$lang"
  for out in md html xlsx docx; do run report --out "report-$lang.$out" --lang "$lang"; done
  for plan in china-14th-fyp district-14th synthetic-zone; do
    dir="examples/$plan"
    [ -d "$dir/targets" ] && args=(--plan "$dir/targets" --data "$dir/data") \
      || args=(--plan "$dir/$plan.json" --data "$dir/data")
    run status "${args[@]}" --lang "$lang"
    run status "${args[@]}" --format json --lang "$lang"
    run report "${args[@]}" --out "$plan-$lang.html" --lang "$lang"
  done
done
run ingest examples/bishan-figures.xlsx --dry-run
run ingest examples/bishan-figures.xlsx --source "Bishan zone page, H1 2018"
for f in examples/district-14th/*.csv; do run ingest "$f" --plan examples/district-14th/district-14th.json --data examples/district-14th/data --dry-run; done
for f in examples/example-zone/*.csv; do run ingest "$f" --plan examples/example-zone/example-zone.json --data zone-data; done
for f in "$root"/tests/fixtures/workbooks/date.*; do run ingest "$f" --dry-run; done

"$gen" "$work/pf" 1000 25 40 1 >/dev/null
portfolio=(--plan "$work/pf/targets" --data "$work/pf/data")
for _ in 1 2 3; do
  # The work the speed bars are set on: checked, so that a counting build
  # that cannot run stops here rather than training on nothing.
  "$bin" status "${portfolio[@]}" --format json >/dev/null
  run validate "${portfolio[@]}"
done
run status "${portfolio[@]}" --format csv
run status "${portfolio[@]}"
"$gen" "$work/ing" 1 25 40 1 1000 >/dev/null
mv "$work/ing/data/synthetic-0000/actuals.csv" "$work/long.csv"
run ingest "$work/long.csv" --plan "$work/ing/targets" --data "$work/ing/data"
run ingest "$work/long.csv" --plan "$work/ing/targets" --data "$work/ing/data"
cd "$root"

echo "== 3. the build laid out by what was counted"
mkdir -p "$root/target/pgo"
counts="$root/target/pgo/plantrack.profdata"
"$profdata" merge --sparse -o "$counts" "$work/counts"
CARGO_ENCODED_RUSTFLAGS="-Cprofile-use=$counts" \
  cargo build --locked --release --bin plantrack --target-dir "$root/target/pgo"
echo "built: target/pgo/release/plantrack"
