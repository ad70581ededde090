#!/usr/bin/env bash
# Whole-process timings of the release binary for docs/performance.md:
# hyperfine (Debian package `hyperfine`) for wall time, GNU time for peak
# memory. Synthetic portfolios go to a temporary folder and are removed.
# Usage: benches/whole-process.sh [RUNS]   (default 30 runs a command)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
cargo build --locked --release --bin plantrack --example portfolio
bin="$PWD/target/release/plantrack"
gen="$PWD/target/release/examples/portfolio"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== status on the shipped plan"
hyperfine -N -w 5 -r "$((runs * 3))" "$bin status" | grep -E "Time|Range"

for plans in 10 100 1000; do
  "$gen" "$work/pf$plans" "$plans" 25 40 1 >/dev/null
  bytes=$(cat "$work/pf$plans"/data/*/actuals.csv | wc -c)
  echo "== $((plans * 1000)) observations, $bytes bytes of CSV in $plans data folders"
  args="--plan $work/pf$plans/targets --data $work/pf$plans/data"
  hyperfine -N -w 3 -r "$runs" "$bin status --format json $args" "$bin validate $args" | grep -E "Time|Range|validate|status"
  /usr/bin/time -f "status --format json: peak memory %M KB" "$bin" status --format json $args >/dev/null
done

echo "== chart for the shipped plan (every chart, PNG and SVG, written)"
hyperfine -N -w 3 -r "$runs" "$bin chart --out $work/charts" | grep -E "Time|Range"

echo "== ingest of a one-million-row long CSV (1 plan x 25 KPIs x 40 quarters x 1,000 scopes) into an empty store"
"$gen" "$work/ing" 1 25 40 1 1000 >/dev/null
mv "$work/ing/data/synthetic-0000/actuals.csv" "$work/ing/long.csv"
ingest="$bin ingest $work/ing/long.csv --plan $work/ing/targets --data $work/ing/data"
hyperfine -w 1 -r "$(( (runs + 2) / 3 ))" -p "rm -rf $work/ing/data && mkdir $work/ing/data" "$ingest" | grep -E "Time|Range"
rm -rf "$work/ing/data" && mkdir "$work/ing/data"
/usr/bin/time -f "ingest: %e s wall, %U s user, %S s system, peak memory %M KB" $ingest >/dev/null
/usr/bin/time -f "the same file again (all unchanged): %e s wall, %U s user, %S s system, peak memory %M KB" $ingest >/dev/null

echo "== a quarter (25,000 rows: 25 KPIs x 1,000 scopes) into that million-row store"
head -1 "$work/ing/long.csv" >"$work/ing/quarter.csv"
grep ",2024Q1," "$work/ing/long.csv" | sed 's/,2024Q1,/,2025Q1,/' >>"$work/ing/quarter.csv"
cp -r "$work/ing/data" "$work/ing/million"
quarter="$bin ingest $work/ing/quarter.csv --plan $work/ing/targets --data $work/ing/data"
hyperfine -w 1 -r "$(( (runs + 2) / 3 ))" -p "rm -rf $work/ing/data && cp -r $work/ing/million $work/ing/data" "$quarter" | grep -E "Time|Range"
rm -rf "$work/ing/data" && cp -r "$work/ing/million" "$work/ing/data"
/usr/bin/time -f "quarter: %e s wall, %U s user, %S s system, peak memory %M KB" $quarter >/dev/null
