"""Benchmark of ``medgraph differential`` against the similarity methods pyhpo and hpo3 ship.

Simulated patients, the usual protocol (Köhler et al. 2009; Robinson et al. 2020): for each
sampled disease, its positive phenotype annotations (terms under HP:0000118) are drawn by
their frequency (a term without one with probability ``--default-frequency``), at most
``--max-terms`` of them; *noisy* patients get ``--noise`` random phenotype terms from the
whole ontology; *imprecise* patients have each disease term moved to one of its parents with
probability ``--imprecision``. Every method ranks ALL annotated diseases for the SAME
patients; ties count half. pyhpo (pure Python) is slow, so it sees the first
``--pyhpo-patients`` patients of each scenario, and its columns say so.

    python benchmarks/differential.py --data-dir .hpo-data/pyhpo/pyhpo/data --write-docs

The index is built from an RDF import with ``--graph PATH`` (what ``medgraph differential
--data`` reads), else straight from the HPO files (the same facts; medgraph.differential.hpofiles).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medgraph.differential.explain import top_conditions  # noqa: E402
from medgraph.differential.index import HP_PREFIX, DifferentialIndex  # noqa: E402
from medgraph.differential.resolve import ResolvedFinding  # noqa: E402
from medgraph.differential.score import score  # noqa: E402

PHENOTYPIC_ABNORMALITY = HP_PREFIX + "0000118"
SCENARIOS = ("exact", "noisy", "noisy+imprecise")
DOC = ROOT / "docs" / "differential.md"
START, END = "<!-- bench-differential:start -->", "<!-- bench-differential:end -->"

PYHPO_SCRIPT = r"""
import json, sys, time
from pyhpo import Ontology, HPOSet
job = json.load(sys.stdin)
Ontology(job["data"])
def hposet(ids):
    terms = []
    for i in ids:
        try:
            terms.append(Ontology.get_hpo_object(int(i)))
        except Exception:
            pass
    return HPOSet(terms)
diseases = [hposet(d) for d in job["diseases"]]
out = []
for patient in job["patients"]:
    query = hposet(patient["terms"])
    started = time.perf_counter()
    scores = [query.similarity(d, kind="omim", method=job["method"], combine="funSimAvg") for d in diseases]
    out.append({"scores_target": scores[patient["target"]],
                "greater": sum(1 for s in scores if s > scores[patient["target"]]),
                "equal": sum(1 for s in scores if s == scores[patient["target"]]) - 1,
                "seconds": time.perf_counter() - started})
json.dump(out, sys.stdout)
"""


def default_data_dir() -> Path:
    for candidate in (
        os.environ.get("MEDGRAPH_HPO_DATA", ""),
        str(ROOT / ".hpo-data" / "pyhpo" / "pyhpo" / "data"),
    ):
        if candidate and (Path(candidate) / "hp.obo").exists():
            return Path(candidate)
    return ROOT / ".hpo-data" / "pyhpo" / "pyhpo" / "data"


def build(args: argparse.Namespace) -> tuple[DifferentialIndex, str]:
    if args.graph:
        from medgraph.backends import open_backend
        from medgraph.differential.index import build_index

        return build_index(open_backend("oxigraph", [args.graph])), f"RDF import {args.graph}"
    from medgraph.differential.hpofiles import index_from_files

    index = index_from_files(args.data_dir / "hp.obo", args.data_dir / "phenotype.hpoa")
    return index, f"HPO files in {args.data_dir}"


def hp_number(index: DifferentialIndex, tid: int) -> int:
    return int(index.terms[tid][len(HP_PREFIX) :])


def simulate(
    index: DifferentialIndex, args: argparse.Namespace
) -> dict[str, list[tuple[int, list[int]]]]:
    """Patients (target condition, term ids) per scenario; the same diseases in each."""
    rng = random.Random(args.seed)
    root = index.term_ids[PHENOTYPIC_ABNORMALITY]
    phenotypic = {int(t) for t in index.descendants[root]} - {root}
    pool = sorted(phenotypic - index.deprecated)
    candidates = []
    for cid, features in enumerate(index.features):
        usable = [f for f in features if not f.negated and f.term in phenotypic]
        if usable:
            candidates.append((cid, usable))
    chosen = rng.sample(candidates, min(args.patients, len(candidates)))
    patients: dict[str, list[tuple[int, list[int]]]] = {s: [] for s in SCENARIOS}
    for cid, usable in chosen:
        terms = [
            f.term
            for f in usable
            if rng.random() < (f.frequency if f.frequency is not None else args.default_frequency)
        ]
        if not terms:
            terms = [rng.choice(usable).term]
        rng.shuffle(terms)
        terms = sorted(set(terms[: args.max_terms]))
        noise = rng.sample(pool, args.noise)
        imprecise = []
        for t in terms:
            parents = [p for p in index.parents[t] if p in phenotypic]
            imprecise.append(
                rng.choice(parents) if parents and rng.random() < args.imprecision else t
            )
        patients["exact"].append((cid, terms))
        patients["noisy"].append((cid, sorted(set(terms + noise))))
        patients["noisy+imprecise"].append((cid, sorted(set(imprecise + noise))))
    return patients


def rank_of(values: np.ndarray, target: int) -> float:
    mine = values[target]
    return 1 + float(np.sum(values > mine)) + float(np.sum(values == mine) - 1) / 2


def summary(ranks: Sequence[float], seconds: Sequence[float]) -> dict[str, float]:
    n = len(ranks)
    return {
        "n": n,
        "top1": 100 * sum(r <= 1 for r in ranks) / n,
        "top3": 100 * sum(r <= 3 for r in ranks) / n,
        "top10": 100 * sum(r <= 10 for r in ranks) / n,
        "median_rank": statistics.median(ranks),
        "median_ms": 1000 * statistics.median(seconds),
    }


def run_medgraph(
    index: DifferentialIndex, patients: list[tuple[int, list[int]]]
) -> dict[str, float]:
    ranks, seconds = [], []
    for cid, terms in patients:
        found = [
            ResolvedFinding(
                index.curie(t), t, index.terms[t], index.curie(t), index.labels[t], "id"
            )
            for t in terms
        ]
        started = time.perf_counter()
        scores = score(index, terms)
        top_conditions(index, scores, found, [], 10)  # the explained top 10, as a user gets it
        seconds.append(time.perf_counter() - started)
        ranks.append(rank_of(scores.total, cid))
    return summary(ranks, seconds)


def run_hpo3(
    index: DifferentialIndex,
    data_dir: Path,
    patients: dict[str, list[tuple[int, list[int]]]],
    method: str,
) -> dict[str, dict[str, float]]:
    from pyhpo import HPOSet, Ontology

    Ontology(str(data_dir))

    def hposet(tids: Sequence[int]) -> HPOSet:
        terms = []
        for t in tids:
            try:
                terms.append(Ontology.get_hpo_object(hp_number(index, t)))
            except (KeyError, RuntimeError, ValueError):
                continue
        return HPOSet(terms)

    diseases = [
        hposet(sorted({int(x) for x in disease_terms(index, cid)})) for cid in range(len(index))
    ]
    results = {}
    for scenario, group in patients.items():
        ranks, seconds = [], []
        for cid, terms in group:
            query = hposet(terms)
            started = time.perf_counter()
            values = np.array(
                query.similarity_scores(diseases, kind="omim", method=method, combine="funSimAvg")
            )
            seconds.append(time.perf_counter() - started)
            ranks.append(rank_of(values, cid))
        results[scenario] = summary(ranks, seconds)
    return results


def disease_terms(index: DifferentialIndex, cid: int) -> list[int]:
    """A disease's positive phenotype terms (no onset or inheritance), as the baselines get it."""
    root = index.term_ids[PHENOTYPIC_ABNORMALITY]
    return sorted(
        {
            f.term
            for f in index.features[cid]
            if not f.negated and f.mapping is None and index.is_ancestor(root, f.term)
        }
    )


def run_pyhpo(
    index: DifferentialIndex,
    args: argparse.Namespace,
    patients: dict[str, list[tuple[int, list[int]]]],
) -> dict[str, dict[str, float]]:
    job = {
        "data": str(args.data_dir),
        "method": "graphic",
        "diseases": [
            [hp_number(index, t) for t in disease_terms(index, c)] for c in range(len(index))
        ],
        "patients": [],
    }
    order = []
    for scenario, group in patients.items():
        for cid, terms in group[: args.pyhpo_patients]:
            job["patients"].append({"target": cid, "terms": [hp_number(index, t) for t in terms]})
            order.append(scenario)
    env = {**os.environ, "PYTHONPATH": str(args.pyhpo_path)}
    done = subprocess.run(
        [sys.executable, "-c", PYHPO_SCRIPT],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        env=env,
        timeout=args.pyhpo_timeout,
        check=True,
    )
    rows = json.loads(done.stdout)
    results = {}
    for scenario in patients:
        mine = [r for r, s in zip(rows, order, strict=True) if s == scenario]
        ranks = [1 + r["greater"] + r["equal"] / 2 for r in mine]
        results[scenario] = summary(ranks, [r["seconds"] for r in mine])
    return results


def table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = [
        "| method | patients | n | top-1 % | top-3 % | top-10 % | median rank | median ms/patient |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for method, per in results.items():
        for scenario, s in per.items():
            lines.append(
                f"| {method} | {scenario} | {s['n']} | {s['top1']:.1f} | {s['top3']:.1f} | "
                f"{s['top10']:.1f} | {s['median_rank']:g} | {s['median_ms']:.1f} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--graph", type=Path, default=None, help="an HPO import (RDF) to index")
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--pyhpo-patients", type=int, default=30)
    parser.add_argument(
        "--pyhpo-path", type=Path, default=None, help="folder holding pure-Python pyhpo"
    )
    parser.add_argument("--pyhpo-timeout", type=float, default=3600)
    parser.add_argument("--skip-pyhpo", action="store_true")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--max-terms", type=int, default=5)
    parser.add_argument("--noise", type=int, default=2)
    parser.add_argument("--imprecision", type=float, default=0.5)
    parser.add_argument("--default-frequency", type=float, default=0.5)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args(argv)
    if args.pyhpo_path is None:
        args.pyhpo_path = args.data_dir.parents[1]
    started = time.perf_counter()
    index, origin = build(args)
    build_seconds = time.perf_counter() - started
    patients = simulate(index, args)
    n = len(patients["exact"])
    print(
        f"index: {len(index):,} conditions, {len(index.terms):,} terms from {origin} "
        f"in {build_seconds:.1f} s; {n} patients per scenario, seed {args.seed}",
        file=sys.stderr,
    )
    results: dict[str, dict[str, dict[str, float]]] = {}
    results["medgraph"] = {s: run_medgraph(index, patients[s]) for s in SCENARIOS}
    print(table(results), file=sys.stderr)
    for method in ("graphic", "resnik"):
        results[f"hpo3 {method} funSimAvg"] = run_hpo3(index, args.data_dir, patients, method)
        print(table(results), file=sys.stderr)
    if not args.skip_pyhpo:
        results[f"pyhpo graphic funSimAvg (first {args.pyhpo_patients})"] = run_pyhpo(
            index, args, patients
        )
    # medgraph on the same patients pyhpo saw, to compare like with like.
    results[f"medgraph (first {args.pyhpo_patients})"] = {
        s: run_medgraph(index, patients[s][: args.pyhpo_patients]) for s in SCENARIOS
    }
    text = table(results)
    command = "python benchmarks/differential.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    report = (
        f"Run on {dt.date.today().isoformat()} ({platform.machine()}, Python "
        f"{platform.python_version()}): `{command.strip()}`. Index from {origin.replace(str(ROOT) + '/', '')} "
        f"({len(index):,} conditions, {len(index.terms):,} terms, built in {build_seconds:.1f} s). "
        f"{n} patients per scenario (seed {args.seed}, at most {args.max_terms} disease terms, "
        f"{args.noise} noise terms, imprecision {args.imprecision}); pyhpo on the first "
        f"{args.pyhpo_patients} of each scenario. Ranks over all {len(index):,} conditions; ties "
        "count half.\n\n" + text
    )
    print(report)
    if args.write_docs:
        doc = DOC.read_text(encoding="utf-8")
        head, _, rest = doc.partition(START)
        _, _, tail = rest.partition(END)
        DOC.write_text(f"{head}{START}\n{report}\n{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
