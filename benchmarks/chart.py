#!/usr/bin/env python3
"""Draws lookup cost against layer depth, one line per implementation, from BenchmarkDotNet's CSV exports.

Usage: python3 benchmarks/chart.py RESULTS_DIR OUTPUT.svg

RESULTS_DIR is BenchmarkDotNet's results folder, or a copy such as docs/benchmarks/2026-11-27 (it holds
Union.LookupBenchmarks-report.csv and Union.ColdLookupBenchmarks-report.csv, with or without the
"UnionFs.Benchmarks." prefix).
Standard library only, so it runs wherever Python 3 does. The y axis is logarithmic: the implementations span
four orders of magnitude.
"""
import csv
import math
import os
import sys

UNITS = {"ns": 1.0, "us": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9}
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#17becf", "#bcbd22"]


def nanoseconds(cell):
    value, unit = cell.replace(",", "").split()
    return float(value) * UNITS[unit]


def series(path, target):
    """{method: {L: ns}} for one Target, from one CSV."""
    result = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row.get("Target") != target:
                continue
            cell = row.get("Median") or row.get("Mean")
            if not cell or cell == "NA":
                continue
            result.setdefault(row["Method"], {})[int(row["L"])] = nanoseconds(cell)
    return result


def panel(out, data, x0, y0, width, height, title, depths, colors):
    values = [v for points in data.values() for v in points.values()]
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))
    def px(depth):
        return x0 + width * depths.index(depth) / (len(depths) - 1)
    def py(ns):
        return y0 + height - height * (math.log10(ns) - math.log10(low)) / (math.log10(high) - math.log10(low))
    out.append(f'<text x="{x0 + width / 2}" y="{y0 - 12}" text-anchor="middle" font-weight="bold">{title}</text>')
    out.append(f'<rect x="{x0}" y="{y0}" width="{width}" height="{height}" fill="none" stroke="#999"/>')
    decade = low
    while decade <= high:
        y = py(decade)
        label = f"{decade:g} ns" if decade < 1e3 else f"{decade / 1e3:g} µs" if decade < 1e6 else f"{decade / 1e6:g} ms"
        out.append(f'<line x1="{x0}" x2="{x0 + width}" y1="{y}" y2="{y}" stroke="#eee"/>')
        out.append(f'<text x="{x0 - 6}" y="{y + 4}" text-anchor="end" font-size="11">{label}</text>')
        decade *= 10
    for depth in depths:
        out.append(f'<text x="{px(depth)}" y="{y0 + height + 16}" text-anchor="middle" font-size="11">L={depth}</text>')
    for i, (method, points) in enumerate(sorted(data.items())):
        color = colors[method]
        coords = [(px(d), py(points[d])) for d in depths if d in points]
        out.append('<polyline fill="none" stroke-width="2" stroke="%s" points="%s"/>' % (color, " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)))
        for x, y in coords:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"/>')
        out.append(f'<rect x="{x0 + width + 14}" y="{y0 + 16 * i}" width="10" height="10" fill="{color}"/>')
        out.append(f'<text x="{x0 + width + 28}" y="{y0 + 16 * i + 9}" font-size="11">{method}</text>')


def find(results, suffix):
    """BenchmarkDotNet names exports after the full class name; docs/benchmarks keeps them without the assembly
    prefix. Either spelling is accepted."""
    for name in ("UnionFs.Benchmarks." + suffix, suffix):
        if os.path.exists(os.path.join(results, name)):
            return os.path.join(results, name)
    return os.path.join(results, suffix)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    results, output = sys.argv[1], sys.argv[2]
    warm = find(results, "Union.LookupBenchmarks-report.csv")
    cold = find(results, "Union.ColdLookupBenchmarks-report.csv")
    panels = [(series(warm, "base"), "Warm File.Exists, hit in the base layer only"),
              (series(warm, "miss"), "Warm File.Exists, miss")]
    if os.path.exists(cold):
        panels.append((series(cold, "base"), "Cold: first lookup (fresh image / fresh mount), base hit"))
    depths = sorted({d for data, _ in panels for points in data.values() for d in points})
    width, height, left, gap = 420, 300, 80, 250
    svg_width = left + len(panels) * (width + gap)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{svg_width}" height="{height + 90}" font-family="sans-serif">',
           f'<rect width="{svg_width}" height="{height + 90}" fill="white"/>']
    # One colour per implementation across all panels.
    methods = sorted({m for data, _ in panels for m in data})
    colors = {m: COLORS[i % len(COLORS)] for i, m in enumerate(methods)}
    for i, (data, title) in enumerate(panels):
        panel(out, data, left + i * (width + gap), 40, width, height, title, depths, colors)
    out.append("</svg>")
    with open(output, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
