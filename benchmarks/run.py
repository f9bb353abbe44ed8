"""Measure medgraph's pipeline at about 10k, 100k and 1M triples: reference and fast path.

Run ``make bench`` (or ``.venv/bin/python benchmarks/run.py``). For each size the generator
(``benchmarks/generate.py``) writes a graph shaped like the shipped one, then every step runs
in a fresh Python process, once with the straightforward stack (rdflib in memory, pySHACL
defaults) and once with medgraph's fast path (``medgraph.backends``), side by side:

- **load**: the file into memory (rdflib graph / Oxigraph store);
- **validate**: the file to the SHACL report, loading included; the two reports are
  compared finding by finding wherever the reference finishes, on the graph with injected
  violations;
- **query**: every named query (``queries/*.rq``) on the loaded graph, median of several
  runs each;
- **release**: the loaded graph to every export format plus the manifest, written to disk;
- **reason**: the OWL reasoner (HermiT, through owlready2) on the loaded graph, with the
  reasoner's default Java memory and with memory sized to the graph;
- **startup**: ``medgraph --help``, against importing the stack eagerly.

Each timing is the median of ``--repeats`` runs (one run when a step takes over a minute);
peak memory is the process's maximum resident set. A step that passes ``--timeout`` is
stopped and recorded as such. Results go to ``build/bench/results.json`` and, with
``--write-docs``, into the tables of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

RESULTS = generate.DEFAULT_OUT / "results.json"
DOCS = ROOT / "docs" / "benchmarks.md"
STEPS = ("load", "validate", "query", "release", "reason")
ENGINES = ("reference", "fast")
QUERY_RUNS = 5
MARK_START = "<!-- bench:results -->"
MARK_END = "<!-- /bench:results -->"


# ----------------------------------------------------------------------------------------------
# One step in a child process
# ----------------------------------------------------------------------------------------------


def _peak_mb() -> float:
    """The largest resident set of this process or of a process it ran (Java, for the
    reasoner), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _load(engine: str, path: Path) -> Any:
    if engine == "reference":
        from medgraph.loader import load_files

        return load_files([path])
    from medgraph.backends.fast import open_graph

    graph = open_graph([path])
    graph.prepare()  # the backend parses on first use; the load step measures the parse
    return graph


def _records(report: Any) -> list[list[str]]:
    return sorted(
        [r.severity, r.focus_node, r.path, r.rule, r.shape, r.value, r.message]
        for r in report.results
    )


def child(step: str, engine: str, path: Path, out: Path) -> None:
    """Run one step and write what it measured to ``out`` (JSON)."""
    result: dict[str, Any] = {}
    if step == "load":
        start = time.perf_counter()
        graph = _load(engine, path)
        result["seconds"] = time.perf_counter() - start
        result["triples"] = len(graph) if engine == "reference" else len(graph.store)
    elif step == "validate":
        start = time.perf_counter()
        graph = _load(engine, path)
        if engine == "reference":
            from medgraph.validation import validate_graph

            report = validate_graph(graph)
        else:
            report = graph.validate(with_report_graph=False)
        result["seconds"] = time.perf_counter() - start
        result["conforms"] = report.conforms
        result["counts"] = report.counts()
        result["records"] = _records(report)
    elif step == "query":
        from medgraph.queries import list_queries, run_query

        graph = _load(engine, path)
        if engine == "fast":
            graph.store  # noqa: B018 - parse before timing
        timings: dict[str, float] = {}
        rows: dict[str, int] = {}
        skip = set(filter(None, os.environ.get("BENCH_SKIP_QUERIES", "").split(",")))
        for named in list_queries():
            if named.name in skip:
                continue
            runs = []
            for _ in range(QUERY_RUNS):
                start = time.perf_counter()
                answer = run_query(graph, named) if engine == "reference" else graph.query(named)
                runs.append(time.perf_counter() - start)
                if runs[-1] > 10:  # a slow query is not worth five runs
                    break
            timings[named.name] = statistics.median(runs)
            rows[named.name] = len(answer.rows)
            out.write_text(json.dumps({"queries": timings, "rows": rows, "partial": True}))
        result["queries"] = timings
        result["rows"] = rows
        result["seconds"] = statistics.median(timings.values()) if timings else 0.0
    elif step == "release":
        graph = _load(engine, path)
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            if engine == "reference":
                from medgraph.release import build_release

                summary = build_release(Path(folder) / "dist", graph)
            else:
                summary = graph.release(Path(folder) / "dist")
            result["seconds"] = time.perf_counter() - start
            result["bytes"] = sum(f.stat().st_size for f in (Path(folder) / "dist").iterdir())
            result["files"] = len(summary.files)
    elif step == "reason":
        from medgraph.loader import load_files
        from medgraph.reason import default_java_memory_mb, reason_graph

        graph = load_files([path])
        memory = default_java_memory_mb() if engine == "reference" else _java_memory_for(len(graph))
        result["java_memory_mb"] = memory
        start = time.perf_counter()
        limit = max(1.0, float(os.environ["BENCH_LIMIT"]) - 60)  # stop before the parent does
        outcome = reason_graph(graph, java_memory=memory, timeout=limit)
        result["seconds"] = time.perf_counter() - start
        result["inferred"] = len(outcome.memberships) + len(outcome.assertions)
    result["peak_mb"] = _peak_mb()
    out.write_text(json.dumps(result))


def _java_memory_for(triples: int) -> int:
    """Java heap (MB) for the reasoner on a graph of ``triples``: the reasoner's default, or
    about 4 KB per triple when that is more, up to three quarters of this machine's memory."""
    from medgraph.reason import default_java_memory_mb

    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)
    except (ValueError, OSError, AttributeError):
        total = 4096
    wanted = 512 + triples * 4 // 1024
    return max(default_java_memory_mb(), min(wanted, total * 3 // 4))


# ----------------------------------------------------------------------------------------------
# The parent: runs, repeats, limits
# ----------------------------------------------------------------------------------------------


def _run_child(
    step: str, engine: str, path: Path, limit: float, skip: set[str] | None = None
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        step,
        engine,
        str(path),
        str(out),
    ]
    env = {
        **os.environ,
        "BENCH_LIMIT": str(limit),
        "BENCH_SKIP_QUERIES": ",".join(sorted(skip or ())),
    }
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, env=env
    )
    try:
        _, stderr = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        partial = json.loads(out.read_text()) if out.stat().st_size else {}
        out.unlink(missing_ok=True)
        return {"timeout": limit, **partial}
    text = out.read_text()
    out.unlink(missing_ok=True)
    if process.returncode != 0 or not text:
        message = stderr.decode("utf-8", "replace").strip().splitlines()
        return {"error": message[-1] if message else f"exit {process.returncode}"}
    return json.loads(text)


def _queries(engine: str, path: Path, limit: float, stuck: set[str]) -> dict[str, Any]:
    """Every named query, in as many processes as it takes: a query that passes the limit
    (or passed it at a smaller size: ``stuck``) is recorded as stopped and the rest go on."""
    from medgraph.queries import list_queries

    names = [q.name for q in list_queries()]
    timings: dict[str, float] = {}
    rows: dict[str, int] = {}
    stopped: list[str] = sorted(stuck & set(names))
    peak = 0.0
    while True:
        todo = [n for n in names if n not in timings and n not in stopped]
        if not todo:
            break
        run = _run_child("query", engine, path, limit, skip=set(names) - set(todo))
        timings.update(run.get("queries", {}))
        rows.update(run.get("rows", {}))
        peak = max(peak, run.get("peak_mb", 0.0))
        if "timeout" in run or "error" in run:
            left = [n for n in todo if n not in run.get("queries", {})]
            if not left:
                break
            stopped.append(left[0])  # the query that was running
    stuck.update(stopped)
    result: dict[str, Any] = {"queries": timings, "rows": rows, "stopped": stopped, "limit": limit}
    if timings:
        result["seconds"] = statistics.median(timings.values())
    if peak:
        result["peak_mb"] = peak
    return result


STUCK: dict[str, set[str]] = {}
"""Queries that passed the limit, per engine: not tried again at bigger sizes."""


def measure(step: str, engine: str, path: Path, repeats: int, limit: float) -> dict[str, Any]:
    """Median over ``repeats`` fresh processes (fewer when a run takes over a minute)."""
    if step == "query":
        return _queries(engine, path, limit, STUCK.setdefault(engine, set()))
    runs: list[dict[str, Any]] = []
    for _ in range(repeats):
        run = _run_child(step, engine, path, limit)
        runs.append(run)
        if "seconds" not in run or run["seconds"] > 60:
            break
    done = [r for r in runs if "seconds" in r and "timeout" not in r and "error" not in r]
    if not done:
        return runs[-1]
    best = dict(done[len(done) // 2])
    best["seconds"] = statistics.median(r["seconds"] for r in done)
    best["peak_mb"] = max(r["peak_mb"] for r in done)
    best["runs"] = len(done)
    return best


def startup(repeats: int) -> dict[str, Any]:
    """``medgraph --help`` in a fresh process, against importing the whole stack up front."""
    medgraph = Path(sys.executable).with_name("medgraph")

    def wall(command: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start

    runs = max(5, repeats * 3)
    eager = "import rdflib, pyshacl, owlready2, click, SPARQLWrapper, pyoxigraph"
    return {
        "help": statistics.median(wall([str(medgraph), "--help"]) for _ in range(runs)),
        "eager": statistics.median(wall([sys.executable, "-c", eager]) for _ in range(runs)),
        "python": statistics.median(wall([sys.executable, "-c", "pass"]) for _ in range(runs)),
    }


def agreement(reference: dict[str, Any], fast: dict[str, Any]) -> str:
    if "records" not in reference:
        return "reference did not finish"
    if "records" not in fast:
        return "fast path did not finish"
    if reference["records"] == fast["records"]:
        return f"same {len(fast['records'])} findings"
    only_ref = len({tuple(r) for r in reference["records"]} - {tuple(r) for r in fast["records"]})
    only_fast = len({tuple(r) for r in fast["records"]} - {tuple(r) for r in reference["records"]})
    return f"DIFFERENT: {only_ref} only in pySHACL, {only_fast} only in the fast path"


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:  # Linux: the CI and bench hosts
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    java = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    versions = {}
    for package in (
        "medgraph",
        "rdflib",
        "pyshacl",
        "pyoxigraph",
        "shacl-rust",
        "owlready2",
        "click",
    ):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {
        "date": date.today().isoformat(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_gb, 1),
        "python": platform.python_version(),
        "java": (java.stderr.splitlines() or ["none"])[0],
        "versions": versions,
        "load_average": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", nargs="+", default=list(generate.SIZES), choices=list(generate.SIZES)
    )
    parser.add_argument("--steps", nargs="+", default=list(STEPS), choices=list(STEPS))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per step and run")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument(
        "--docs-only", action="store_true", help="rewrite docs/benchmarks.md from the last results"
    )
    parser.add_argument(
        "--child", nargs=4, metavar=("STEP", "ENGINE", "PATH", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        step, engine, path, out = args.child
        child(step, engine, Path(path), Path(out))
        return 0
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if args.docs_only:
        import report

        report.write(results, DOCS, MARK_START, MARK_END)
        return 0
    results["machine"] = machine()
    results.setdefault("sizes", {})
    for size in args.sizes:
        plain = generate.ensure_graph(size)
        injected = generate.ensure_graph(size, inject=True)
        entry = results["sizes"].setdefault(size, {})
        entry["triples"] = _run_child("load", "fast", plain, args.timeout).get("triples")
        entry["conditions"] = generate.conditions_for(generate.SIZES[size])
        for step in args.steps:
            for engine in ENGINES:
                path = injected if step == "validate" else plain
                print(f"{size} {step} {engine} ...", file=sys.stderr, flush=True)
                entry.setdefault(step, {})[engine] = measure(
                    step, engine, path, args.repeats, args.timeout
                )
            if step == "validate":
                entry["validate"]["agreement"] = agreement(
                    entry["validate"]["reference"], entry["validate"]["fast"]
                )
                for engine in ENGINES:  # the findings themselves are not worth keeping
                    entry["validate"][engine].pop("records", None)
        RESULTS.write_text(json.dumps(results, indent=1))
    results["startup"] = startup(args.repeats)
    RESULTS.write_text(json.dumps(results, indent=1))
    if args.write_docs:
        import report

        report.write(results, DOCS, MARK_START, MARK_END)
    print(f"results in {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
