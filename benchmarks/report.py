#!/usr/bin/env python3
"""Turns BenchmarkDotNet's CSV exports into the compact tables of docs/benchmarks.md.

Usage: python3 benchmarks/report.py RESULTS_DIR > tables.md

One table per benchmark class: a row per method (and per value of any parameter other than L), a column per L
where the class has one; each cell is the mean time, the ratio to the class's baseline in the same run, and the
bytes allocated per operation. Standard library only.
"""
import csv
import glob
import os
import sys

SKIP = {"Method", "Job", "Mean", "Error", "StdDev", "Median", "Ratio", "RatioSD", "Allocated", "Alloc Ratio",
        "Gen0", "Gen1", "Gen2", "L"}


def short(cell):
    value, unit = cell.replace(",", "").split()
    value = float(value)
    if unit in ("μs", "us"):
        value, unit = value, "µs"
    if unit == "ns" and value >= 10_000:
        value, unit = value / 1000, "µs"
    if unit == "µs" and value >= 10_000:
        value, unit = value / 1000, "ms"
    return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def table(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        return ""
    name = os.path.basename(path).replace("UnionFs.Benchmarks.", "").replace("-report.csv", "")
    params = [c for c in rows[0] if c not in SKIP and rows[0].get(c) not in (None,) and c in
              ("Target", "Mode", "Operation")]
    depths = sorted({int(r["L"]) for r in rows if r.get("L")})
    cells, order = {}, []
    for r in rows:
        key = (r["Method"],) + tuple(r[p] for p in params)
        if key not in cells:
            cells[key] = {}
            order.append(key)
        ratio = r.get("Ratio", "")
        text = short(r["Mean"]) if r["Mean"] not in ("NA", "") else "NA"
        if ratio and ratio not in ("NA", "?"):
            text += f" ({ratio}×)"
        if r.get("Allocated") and r["Allocated"] not in ("0 B", "-"):
            text += f", {r['Allocated']}"
        cells[key][int(r["L"]) if r.get("L") else 0] = text
    columns = [f"L={d}" for d in depths] or ["Time (ratio), allocated"]
    out = [f"#### {name}", "", "| Method | " + " | ".join(params + columns) + " |",
           "|---|" + "---|" * len(params) + "---:|" * len(columns)]
    for key in order:
        values = [cells[key].get(d, "–") for d in (depths or [0])]
        out.append("| " + " | ".join(list(key) + values) + " |")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*-report.csv"))):
        print(table(path))


if __name__ == "__main__":
    main()
