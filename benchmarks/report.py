"""Turn ``build/bench/results.json`` into the tables of ``docs/benchmarks.md``.

Only the part between the two markers is rewritten; the prose around it is kept.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

STEP_NAMES = {
    "load": "load (file → memory)",
    "validate": "validate (file → SHACL report)",
    "release": "release (4 formats + manifest, to disk)",
    "reason": "reason (HermiT via owlready2)",
}
TARGETS_1M = {
    "load": 4.0,
    "validate": 10.0,
    "query": 0.050,
    "release": 10.0,
}


def _time(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.001 else f"{seconds * 1000:.2f} ms"
    return f"{seconds:.1f} s"


def _cell(run: dict[str, Any] | None) -> str:
    if not run:
        return "—"
    if "timeout" in run:
        return f"> {run['timeout']:.0f} s (stopped)"
    if "error" in run:
        if "did not finish" in run["error"]:  # the reasoner's own time limit
            return f"> {run['error'].split('within ', 1)[-1].split(' ', 1)[0]} s (stopped)"
        return f"failed: {run['error'][:60]}"
    return _time(run["seconds"])


def _ratio(reference: dict[str, Any] | None, fast: dict[str, Any] | None) -> str:
    if not reference or not fast or "seconds" not in fast or "timeout" in fast:
        return "—"
    if "timeout" in reference:
        return f"> {reference['timeout'] / fast['seconds']:.0f}x"
    if "seconds" not in reference or "error" in reference:
        return "—"
    return f"{reference['seconds'] / fast['seconds']:.1f}x"


def _memory(run: dict[str, Any] | None) -> str:
    if not run or "peak_mb" not in run:
        return "—"
    return f"{run['peak_mb']:,.0f}"


def _query_summary(run: dict[str, Any] | None) -> str:
    if not run:
        return "—"
    queries = run.get("queries") or {}
    if not queries:
        return _cell(run)
    values = sorted(queries.values())
    text = f"{_time(values[len(values) // 2])} / {_time(values[-1])}"
    if run.get("stopped"):
        text += f"; {', '.join(run['stopped'])}: > {run['limit']:.0f} s (stopped)"
    return text


def size_table(size: str, entry: dict[str, Any]) -> list[str]:
    triples = entry.get("triples")
    head = (
        f"### {size}: {triples:,} triples, {entry.get('conditions')} conditions"
        if triples
        else f"### {size}"
    )
    lines = [
        head,
        "",
        "| step | straightforward (rdflib, pySHACL) | fast path | speed-up | peak MB (straightforward / fast) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for step in ("load", "validate", "query", "release", "reason"):
        if step not in entry:
            continue
        reference, fast = entry[step].get("reference"), entry[step].get("fast")
        if step == "query":
            name = "named queries (median / slowest of the medians)"
            ref_cell, fast_cell = _query_summary(reference), _query_summary(fast)
            ratio = "—"
            if reference and fast and reference.get("queries") and fast.get("queries"):
                common = [q for q in fast["queries"] if q in reference["queries"]]
                ratios = sorted(reference["queries"][q] / fast["queries"][q] for q in common)
                ratio = f"{ratios[len(ratios) // 2]:.0f}x (median)"
        else:
            name = STEP_NAMES[step]
            ref_cell, fast_cell, ratio = _cell(reference), _cell(fast), _ratio(reference, fast)
            if step == "reason":
                for cell_run, label in ((reference, "ref"), (fast, "fast")):
                    if cell_run and "java_memory_mb" in cell_run:
                        memory = f" ({cell_run['java_memory_mb'] / 1024:.1f} GB Java)"
                        if label == "ref":
                            ref_cell += memory
                        else:
                            fast_cell += memory
        lines.append(
            f"| {name} | {ref_cell} | {fast_cell} | {ratio} | {_memory(reference)} / {_memory(fast)} |"
        )
    if "validate" in entry and "agreement" in entry["validate"]:
        lines += [
            "",
            f"Validation findings, pySHACL against the fast path: **{entry['validate']['agreement']}**.",
        ]
    return [*lines, ""]


def query_table(results: dict[str, Any]) -> list[str]:
    sizes = [s for s in results.get("sizes", {}) if "query" in results["sizes"][s]]
    if not sizes:
        return []
    names: list[str] = []
    for size in sizes:
        for run in results["sizes"][size]["query"].values():
            for name in (run or {}).get("queries", {}):
                if name not in names:
                    names.append(name)
    header = "| query | " + " | ".join(f"{s} rdflib | {s} Oxigraph" for s in sizes) + " |"
    lines = ["### Named queries (median of 5 runs each)", "", header]
    lines.append("| --- |" + " ---: | ---: |" * len(sizes))
    for name in sorted(names):
        cells = []
        for size in sizes:
            for engine in ("reference", "fast"):
                run = results["sizes"][size]["query"].get(engine) or {}
                value = (run.get("queries") or {}).get(name)
                if value is not None:
                    cells.append(_time(value))
                elif name in run.get("stopped", []):
                    cells.append(f"> {run['limit']:.0f} s")
                else:
                    cells.append("—")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def targets(results: dict[str, Any]) -> list[str]:
    entry = results.get("sizes", {}).get("1m")
    if not entry:
        return []
    lines = [
        "### Targets at 1M triples (fast path)",
        "",
        "| target | measured | |",
        "| --- | ---: | --- |",
    ]

    def row(label: str, value: float | None, limit: float, unit_ms: bool = False) -> None:
        if value is None:
            lines.append(f"| {label} | — | not measured |")
            return
        verdict = "met" if value < limit else f"missed by {value / limit:.1f}x"
        lines.append(f"| {label} | {_time(value)} | {verdict} |")

    fast = {
        step: (entry.get(step) or {}).get("fast") or {}
        for step in ("load", "validate", "query", "release")
    }
    row("load < 4 s", fast["load"].get("seconds"), 4.0)
    row("validate < 10 s", fast["validate"].get("seconds"), 10.0)
    queries = fast["query"].get("queries") or {}
    row(
        "every named query < 50 ms (slowest median)",
        max(queries.values()) if queries else None,
        0.050,
    )
    row("full release < 10 s", fast["release"].get("seconds"), 10.0)
    peaks = [
        fast[s].get("peak_mb") for s in ("load", "validate", "release") if fast[s].get("peak_mb")
    ]
    if peaks:
        peak = max(peaks)
        verdict = "met" if peak < 2048 else f"missed by {peak / 2048:.1f}x"
        lines.append(
            f"| peak memory < 2 GB (load, validate, release) | {peak:,.0f} MB | {verdict} |"
        )
    start = results.get("startup", {})
    if start:
        row("`medgraph --help` < 0.15 s", start.get("help"), 0.15)
    return [*lines, ""]


def startup_table(results: dict[str, Any]) -> list[str]:
    start = results.get("startup")
    if not start:
        return []
    return [
        "### Start-up (median of fresh processes)",
        "",
        "| command | wall time |",
        "| --- | ---: |",
        f"| `python -c pass` (the interpreter alone) | {_time(start['python'])} |",
        f"| `medgraph --help` | {_time(start['help'])} |",
        "| importing rdflib, pyshacl, owlready2, click, SPARQLWrapper, pyoxigraph up front | "
        f"{_time(start['eager'])} |",
        "",
    ]


def machine_lines(results: dict[str, Any]) -> list[str]:
    m = results.get("machine", {})
    if not m:
        return []
    versions = ", ".join(f"{k} {v}" for k, v in m.get("versions", {}).items())
    load = ", ".join(f"{x:.1f}" for x in m.get("load_average", []))
    return [
        f"Measured {m.get('date')} on {m.get('cpu')}, {m.get('cores')} cores, "
        f"{m.get('memory_gb')} GB RAM, shared with other jobs (load average at the start: {load}), "
        f"so single numbers can be off by tens of percent; Python {m.get('python')}, "
        f"{m.get('java')}; {versions}.",
        "",
    ]


def render(results: dict[str, Any]) -> str:
    lines: list[str] = machine_lines(results)
    lines += targets(results)
    for size, entry in results.get("sizes", {}).items():
        lines += size_table(size, entry)
    lines += query_table(results)
    lines += startup_table(results)
    return "\n".join(lines).rstrip() + "\n"


def write(results: dict[str, Any], docs: Path, start: str, end: str) -> None:
    text = (
        docs.read_text(encoding="utf-8") if docs.exists() else f"# Benchmarks\n\n{start}\n{end}\n"
    )
    if start not in text or end not in text:
        text = text.rstrip() + f"\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    docs.write_text(before + start + "\n" + render(results) + end + after, encoding="utf-8")


if __name__ == "__main__":
    print(render(json.loads(Path(sys.argv[1]).read_text())))
