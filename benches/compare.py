"""The growth-ratio assessment of a synthetic portfolio in DuckDB (one SQL
query) and in pandas, for scale beside plantrack (docs/performance.md).

Each is a simplified form of what `plantrack status --format json` does, so
its time is a lower bound: for every plan's KPIs, x0 the first value, xt the
latest, CAGR_a = (xt/x0)^(1/(t-t0)) - 1, CAGR_r = (X/x0)^(1/(T-t0)) - 1,
R = CAGR_a / CAGR_r; achieved when the latest value meets the target, else on
track (R >= 0.95), acceleration needed (>= 0.60), limited progress (>= 0) or
deterioration. No annualisation of year-to-date flows, no checks of the data,
no figures beyond R and the status.

Needs `pip install duckdb pandas`. Usage:
    python3 benches/compare.py PORTFOLIO_DIR [RUNS] [PLANTRACK_BINARY]
where PORTFOLIO_DIR holds targets/ and data/ as examples/portfolio.rs writes them.
Times are in-process (the query or the script's work, not Python's start-up),
the mean and the range over RUNS runs after one warm-up.

With PLANTRACK_BINARY, `PLANTRACK_BINARY status --format json` is timed in
the same run, whole process (start-up, reading, every check, and 75 MB of
JSON written to /dev/null), one run of it after each run of the DuckDB
query, so that a machine whose speed drifts slows both alike; the medians
and their ratio are printed.
"""

import glob
import json
import os
import statistics
import subprocess
import sys
import time

import duckdb
import pandas as pd

THRESHOLDS = "CASE WHEN r >= 0.95 THEN 'on_track' WHEN r >= 0.60 THEN 'needs_acceleration' WHEN r >= 0 THEN 'limited_progress' ELSE 'deterioration' END"


def duckdb_query(folder):
    years = lambda p: f"(CAST(substr({p}, 1, 4) AS INT) + CAST(substr({p}, 6, 1) AS INT) / 4.0)"
    query = f"""
    WITH obs AS (
      SELECT regexp_extract(filename, '([^/]+)/actuals\\.csv$', 1) AS plan, kpi,
             {years('period')} AS t, value
      FROM read_csv('{folder}/data/*/actuals.csv', filename = true, header = true)
    ),
    kpis AS (
      SELECT id AS plan, {years('baseline_period')} AS t0, {years('target_period')} AS tt,
             k.id AS kpi, k.direction AS direction, k.target.value AS target
      FROM (SELECT id, baseline_period, target_period, unnest(kpis) AS k
            FROM read_json('{folder}/targets/*.json'))
    ),
    ends AS (
      SELECT plan, kpi, arg_min(value, t) AS x0, arg_max(value, t) AS xt, max(t) AS t
      FROM obs GROUP BY plan, kpi
    ),
    ratios AS (
      SELECT k.plan, k.kpi, k.direction, k.target, e.xt,
             (pow(e.xt / e.x0, 1 / (e.t - k.t0)) - 1) / (pow(k.target / e.x0, 1 / (k.tt - k.t0)) - 1) AS r
      FROM kpis k JOIN ends e ON k.plan = e.plan AND k.kpi = e.kpi
    )
    SELECT plan, kpi, r,
           CASE WHEN (direction = 'increase' AND xt >= target) OR (direction = 'decrease' AND xt <= target)
                THEN 'achieved' ELSE {THRESHOLDS} END AS status
    FROM ratios
    """
    return duckdb.connect().execute(query).fetchall()


def pandas_assessment(folder):
    def years(p):
        return int(p[:4]) + int(p[5]) / 4

    frames = []
    for path in glob.glob(f"{folder}/data/*/actuals.csv"):
        frame = pd.read_csv(path)
        frame["plan"] = os.path.basename(os.path.dirname(path))
        frames.append(frame)
    obs = pd.concat(frames, ignore_index=True)
    obs["t"] = obs["period"].map(years)
    obs = obs.sort_values(["plan", "kpi", "t"])
    grouped = obs.groupby(["plan", "kpi"])
    ends = pd.DataFrame({"x0": grouped["value"].first(), "xt": grouped["value"].last(), "t": grouped["t"].last()})
    rows = []
    for path in glob.glob(f"{folder}/targets/*.json"):
        with open(path, encoding="utf-8") as f:
            plan = json.load(f)
        for k in plan["kpis"]:
            rows.append((plan["id"], k["id"], k["direction"], k["target"]["value"],
                         years(plan["baseline_period"]), years(plan["target_period"])))
    kpis = pd.DataFrame(rows, columns=["plan", "kpi", "direction", "target", "t0", "tt"])
    m = kpis.merge(ends.reset_index(), on=["plan", "kpi"])
    m["r"] = ((m.xt / m.x0) ** (1 / (m.t - m.t0)) - 1) / ((m.target / m.x0) ** (1 / (m.tt - m.t0)) - 1)
    met = ((m.direction == "increase") & (m.xt >= m.target)) | ((m.direction == "decrease") & (m.xt <= m.target))
    m["status"] = "deterioration"
    m.loc[m.r >= 0, "status"] = "limited_progress"
    m.loc[m.r >= 0.60, "status"] = "needs_acceleration"
    m.loc[m.r >= 0.95, "status"] = "on_track"
    m.loc[met, "status"] = "achieved"
    return m[["plan", "kpi", "r", "status"]]


def side_by_side(folder, runs, binary):
    """DuckDB's query and plantrack's whole process in turn, RUNS times each."""
    command = [binary, "status", "--format", "json"]
    duck, plantrack = [], []
    duckdb_query(folder)  # warm-up
    subprocess.run(command, cwd=folder, stdout=subprocess.DEVNULL, check=True)
    for _ in range(runs):
        start = time.perf_counter()
        duckdb_query(folder)
        duck.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(command, cwd=folder, stdout=subprocess.DEVNULL, check=True)
        plantrack.append(time.perf_counter() - start)
    d, p = statistics.median(duck), statistics.median(plantrack)
    print(f"side by side, {runs} runs each: DuckDB median {d:.4f} s, "
          f"plantrack status --format json median {p:.4f} s (whole process): "
          f"plantrack {d / p:.2f}x faster")


def timed(name, f, folder, runs):
    f(folder)  # warm-up: files in the page cache, libraries loaded
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = f(folder)
        times.append(time.perf_counter() - start)
    print(f"{name}: {len(result)} KPIs assessed; mean {statistics.mean(times):.3f} s, "
          f"range {min(times):.3f} to {max(times):.3f} s over {runs} runs")


if __name__ == "__main__":
    folder, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if len(sys.argv) > 3:
        side_by_side(folder, runs, os.path.abspath(sys.argv[3]))
    timed("DuckDB, one SQL query", duckdb_query, folder, runs)
    timed("pandas", pandas_assessment, folder, max(1, runs // 2))
