"""Scale medgraph's graph to N conditions, for the benchmarks and the fast-path tests.

The shipped graph (ontology, data and any SSSOM mappings) is copied once per condition, with
the same classes, claims, references, excerpts and mappings in each copy:

- every data node of a copied kind gets the copy's suffix (``claim:risk-factor-x`` becomes
  ``claim:risk-factor-x-c17``); copy 0 is the shipped graph itself, unchanged;
- websites, journals, persons and external codes are shared by all copies, as they would be in a
  real graph of many conditions (a website has one host name, a person is one person);
- labels get the copy's number (``"cervical incompetence (c17)"@en``) so that no two clinical
  entities share a preferred label; each copy's page keeps its own citations [1]..[7] (numbers
  belong to pages, so copies need no renumbering);
- the copies leave out the condition's own synonyms (and their synonym records): the synonyms
  are quoted from the one stored page, so they cannot be numbered, and hundreds of conditions
  answering to the same three names would make a quadratic list of label clashes (93,961 pairs
  per name at 1M triples) that no real knowledge base has; the copies' other entities keep
  theirs;
- the ontology is written once.

So the generated graph conforms to the shapes whenever the shipped graph does. The variant with
``inject=True`` breaks a few copies (chosen with a fixed random seed) in known ways, one per
kind of constraint that a fast validator could get wrong: ``sh:in`` on plain literals and on
IRIs, ``sh:datatype``, ``sh:minCount``, ``sh:class`` and several SPARQL-based rules.

Run ``python benchmarks/generate.py --triples 100000`` to write ``build/bench/``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEED = 20260611
"""The fixed seed: the same arguments always write the same bytes."""

MG = "https://w3id.org/medgraph/id/"
MGO = "https://w3id.org/medgraph/ontology/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SKOS_PREFLABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"

CONDITION = f"<{MG}condition/cervical-incompetence>"
NAME_PREDICATES = frozenset(
    {
        "<http://www.w3.org/2004/02/skos/core#altLabel>",
        "<http://www.w3.org/2004/02/skos/core#hiddenLabel>",
        f"<{MGO}abbreviation>",
        "<http://www.geneontology.org/formats/oboInOwl#hasExactSynonym>",
        "<http://www.geneontology.org/formats/oboInOwl#hasRelatedSynonym>",
        "<http://www.geneontology.org/formats/oboInOwl#hasBroadSynonym>",
        "<http://www.geneontology.org/formats/oboInOwl#hasNarrowSynonym>",
    }
)
"""The properties that give an entity a name besides its label."""

SHARED_KINDS = frozenset({"website", "journal", "person", "code"})
"""Kinds of data node that all conditions share instead of copying."""

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "build" / "bench"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
"""Sizes the benchmark measures, by name, in triples (each rounded to whole conditions)."""

_DATA_IRI = re.compile(r"<https://w3id\.org/medgraph/id/([a-z-]+)/([^>]+)>")
_LABEL_LITERAL = re.compile(r'^(<[^>]+> <[^>]+> ")(.*)("@en \.)$')


@dataclass(frozen=True)
class Template:
    """The shipped graph as N-Triples lines, split into what is written once and per copy."""

    once: tuple[str, ...]
    per_copy: tuple[str, ...]
    condition_names: frozenset[str]
    """The lines of ``per_copy`` that name the condition besides its label, with their
    synonym records: left out of the copies."""


def _is_copied(match: re.Match[str]) -> bool:
    return match.group(1) not in SHARED_KINDS


@cache
def template() -> Template:
    """Read the shipped graph (with medgraph's own loader) and split it."""
    from medgraph.loader import load_default_graph, load_ontology

    ontology = load_ontology().serialize(format="nt", encoding="utf-8").decode("utf-8")
    try:
        data = load_default_graph(include_ontology=False)
    except ImportError:  # the mappings' module (medgraph.link) is not there yet
        print("generate.py: medgraph.link is missing; mappings left out", file=sys.stderr)
        data = load_default_graph(include_ontology=False, include_mappings=False)
    text = data.serialize(format="nt", encoding="utf-8").decode("utf-8")
    once = sorted({line for line in ontology.splitlines() if line.strip()})
    per_copy: list[str] = []
    for line in sorted({line for line in text.splitlines() if line.strip()}):
        if any(_is_copied(m) for m in _DATA_IRI.finditer(line)):
            per_copy.append(line)
        elif line not in once:
            once.append(line)
    records = {
        line.split(" ", 1)[0]
        for line in per_copy
        if line.endswith(f" <{MGO}synonymOf> {CONDITION} .")
    }
    names = frozenset(
        line
        for line in per_copy
        if (line.startswith(f"{CONDITION} ") and line.split(" ", 2)[1] in NAME_PREDICATES)
        or line.split(" ", 1)[0] in records
        or line.rsplit(" ", 2)[-2] in records
    )
    return Template(tuple(once), tuple(per_copy), names)


def _rename(copy: int) -> Callable[[re.Match[str]], str]:
    def rename(match: re.Match[str]) -> str:
        if not _is_copied(match):
            return match.group(0)
        return f"<{MG}{match.group(1)}/{match.group(2)}-c{copy}>"

    return rename


def copy_lines(copy: int) -> list[str]:
    """The N-Triples lines of one condition's copy (copy 0 is the shipped graph)."""
    tpl = template()
    if copy == 0:
        return list(tpl.per_copy)
    rename = _rename(copy)
    lines = []
    for line in tpl.per_copy:
        if line in tpl.condition_names:
            continue
        line = _DATA_IRI.sub(rename, line)
        if f" {RDFS_LABEL} " in line or f" {SKOS_PREFLABEL} " in line:
            match = _LABEL_LITERAL.match(line)
            if match:
                line = f"{match.group(1)}{match.group(2)} (c{copy}){match.group(3)}"
        lines.append(line)
    return lines


def conditions_for(triples: int) -> int:
    """How many conditions make a graph of about ``triples`` triples (at least one)."""
    tpl = template()
    per_copy = len(tpl.per_copy) - len(tpl.condition_names)
    return max(1, round((triples - len(tpl.once)) / per_copy))


# ----------------------------------------------------------------------------------------------
# Injected violations
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Injection:
    """One way of breaking a copy, and what a validator must then report."""

    name: str
    expects: str
    edit: Callable[[list[str], int], list[str]]


def _iri(kind: str, slug: str, copy: int) -> str:
    return f"<{MG}{kind}/{slug}>" if copy == 0 else f"<{MG}{kind}/{slug}-c{copy}>"


def _replace(lines: list[str], old: str, new: str) -> list[str]:
    """Replace one exact line; fail loudly if the shipped data no longer has it."""
    if old not in lines:
        raise LookupError(f"the shipped graph has no line {old!r}; update benchmarks/generate.py")
    return [new if line == old else line for line in lines]


def _drop(lines: list[str], predicate: Callable[[str], bool], at_least: int = 1) -> list[str]:
    kept = [line for line in lines if not predicate(line)]
    if len(lines) - len(kept) < at_least:
        raise LookupError("nothing to drop; update benchmarks/generate.py")
    return kept


def _scheme_not_in_list(lines: list[str], copy: int) -> list[str]:
    check = _iri("identifier-check", "lotgering-2007-doi", copy)
    return _replace(
        lines,
        f'{check} <{MGO}identifierScheme> "doi" .',
        f'{check} <{MGO}identifierScheme> "orcid" .',
    )


def _scheme_typed_string(lines: list[str], copy: int) -> list[str]:
    check = _iri("identifier-check", "anum-2010-pmid", copy)
    return _replace(
        lines,
        f'{check} <{MGO}identifierScheme> "pmid" .',
        f'{check} <{MGO}identifierScheme> "pmid"^^<{XSD}string> .',
    )


def _comparator_not_in_list(lines: list[str], copy: int) -> list[str]:
    threshold = _iri("threshold", "cervical-length-15-mm", copy)
    return _replace(
        lines,
        f"{threshold} <{MGO}comparator> <{MGO}LessThanOrEqual> .",
        f"{threshold} <{MGO}comparator> <{MGO}AtMost> .",
    )


def _value_as_string(lines: list[str], copy: int) -> list[str]:
    threshold = _iri("threshold", "cervical-length-15-mm", copy)
    return _replace(
        lines,
        f'{threshold} <http://qudt.org/schema/qudt/numericValue> "15"^^<{XSD}decimal> .',
        f'{threshold} <http://qudt.org/schema/qudt/numericValue> "15 mm" .',
    )


def _label_missing(lines: list[str], copy: int) -> list[str]:
    sign = _iri("sign", "vaginal-bleeding", copy)
    return _drop(lines, lambda line: line.startswith(f"{sign} {RDFS_LABEL} "), at_least=1)


def _evidence_missing(lines: list[str], copy: int) -> list[str]:
    claim = _iri("claim", "sign-abdominal-pain", copy)
    return _drop(lines, lambda line: line.startswith(f"{claim} <{MGO}supportedBy> "))


def _direct_edge_missing(lines: list[str], copy: int) -> list[str]:
    condition = _iri("condition", "cervical-incompetence", copy)
    factor = _iri("risk-factor", "cone-biopsy", copy)
    return _drop(lines, lambda line: line == f"{condition} <{MGO}hasRiskFactor> {factor} .")


def _narrative_as_evidence(lines: list[str], copy: int) -> list[str]:
    claim = _iri("claim", "outcome-miscarriage", copy)
    narrative = next(
        line.split(" ", 1)[0]
        for line in lines
        if line.endswith(f"<{MGO}sourceKind> <{MGO}PatientNarrative> .")
    )
    return [*lines, f"{claim} <{MGO}supportedBy> {narrative} ."]


def _excerpt_position_clash(lines: list[str], copy: int) -> list[str]:
    excerpt = _iri("excerpt", "prognosis-2", copy)
    return _replace(
        lines,
        f'{excerpt} <{MGO}position> "2"^^<{XSD}positiveInteger> .',
        f'{excerpt} <{MGO}position> "1"^^<{XSD}positiveInteger> .',
    )


def _object_out_of_range(lines: list[str], copy: int) -> list[str]:
    claim = _iri("claim", "treatment-vaginal-progesterone", copy)
    treatment = _iri("treatment", "vaginal-progesterone", copy)
    outcome = _iri("outcome", "preterm-birth", copy)
    condition = _iri("condition", "cervical-incompetence", copy)
    lines = _replace(
        lines,
        f"{claim} <{MGO}claimObject> {treatment} .",
        f"{claim} <{MGO}claimObject> {outcome} .",
    )
    return [*lines, f"{condition} <{MGO}hasTreatment> {outcome} ."]


INJECTIONS: tuple[Injection, ...] = (
    Injection("in-plain-literal", 'sh:in on a plain literal (scheme "orcid")', _scheme_not_in_list),
    Injection("in-iri", "sh:in on an IRI (comparator mgo:AtMost)", _comparator_not_in_list),
    Injection("datatype", "sh:datatype (numeric value as a string)", _value_as_string),
    Injection("min-count-label", "sh:minCount (a sign without rdfs:label)", _label_missing),
    Injection("min-count-evidence", "sh:minCount (a claim without evidence)", _evidence_missing),
    Injection("sparql-direct-edge", "SPARQL: claim without its direct edge", _direct_edge_missing),
    Injection(
        "sparql-narrative", "SPARQL: a patient narrative as evidence", _narrative_as_evidence
    ),
    Injection(
        "sparql-position", "SPARQL: two excerpts at one position, a gap", _excerpt_position_clash
    ),
    Injection(
        "sparql-range", "SPARQL and sh:class: claim object outside the range", _object_out_of_range
    ),
)


TYPED_STRING = Injection(
    "in-typed-string",
    'sh:in on "pmid"^^xsd:string: pySHACL (rdflib) tells it from the plain "pmid" of the list, '
    "RDF 1.1 and Oxigraph do not; the fast path hands such input to pySHACL",
    _scheme_typed_string,
)
"""Not among :data:`INJECTIONS`: input like this is validated by pySHACL on every path."""


def injection_plan(conditions: int, seed: int = SEED) -> dict[int, list[Injection]]:
    """Which copy gets which injections: every kind once, in copies chosen by the seed."""
    rng = random.Random(seed)
    plan: dict[int, list[Injection]] = {}
    for injection in INJECTIONS:
        plan.setdefault(rng.randrange(conditions), []).append(injection)
    return plan


# ----------------------------------------------------------------------------------------------
# The whole graph
# ----------------------------------------------------------------------------------------------


def generate_lines(conditions: int, *, inject: bool = False, seed: int = SEED) -> list[str]:
    """N-Triples lines of the graph scaled to ``conditions`` conditions (ontology included)."""
    if conditions < 1:
        raise ValueError("conditions must be at least 1")
    plan = injection_plan(conditions, seed) if inject else {}
    lines = list(template().once)
    for copy in range(conditions):
        block = copy_lines(copy)
        for injection in plan.get(copy, []):
            block = injection.edit(block, copy)
        lines.extend(block)
    return lines


def write_graph(
    path: Path | str, conditions: int, *, inject: bool = False, seed: int = SEED
) -> int:
    """Write the scaled graph to ``path`` (Turtle or N-Triples by suffix); return its triples."""
    import pyoxigraph as ox

    from medgraph.namespaces import PREFIXES

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(generate_lines(conditions, inject=inject, seed=seed)) + "\n"
    if path.suffix == ".nt":
        path.write_text(text, encoding="utf-8")
        return text.count("\n")
    triples = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    with path.open("wb") as out:
        ox.serialize(triples, out, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return len(triples)


def graph_path(size: str, out_dir: Path = DEFAULT_OUT, *, inject: bool = False) -> Path:
    suffix = "-injected" if inject else ""
    return out_dir / f"medgraph-{size}{suffix}.ttl"


def fingerprint(conditions: int, *, inject: bool = False, seed: int = SEED) -> str:
    """What a generated file depends on: the shipped graph, the arguments, this script."""
    import hashlib

    digest = hashlib.sha256()
    tpl = template()
    for line in (*tpl.once, *tpl.per_copy):
        digest.update(line.encode("utf-8") + b"\n")
    digest.update(f"{conditions} {inject} {seed}".encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def ensure_graph(size: str, out_dir: Path = DEFAULT_OUT, *, inject: bool = False) -> Path:
    """The generated graph of a named size, written again only when its inputs changed."""
    path = graph_path(size, out_dir, inject=inject)
    conditions = conditions_for(SIZES[size])
    stamp = path.with_name(path.name + ".fingerprint")
    expected = fingerprint(conditions, inject=inject)
    if not path.exists() or not stamp.exists() or stamp.read_text() != expected:
        write_graph(path, conditions, inject=inject)
        stamp.write_text(expected)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--conditions", type=int, help="number of conditions")
    group.add_argument("--triples", type=int, help="about this many triples")
    parser.add_argument("--inject", action="store_true", help="break copies in known ways")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("-o", "--output", type=Path, help="file to write (.ttl or .nt)")
    args = parser.parse_args(argv)
    if args.conditions is None and args.triples is None:
        for size in SIZES:
            for inject in (False, True):
                path = ensure_graph(size, inject=inject)
                print(f"{path}")
        return 0
    conditions = args.conditions or conditions_for(args.triples)
    output = (
        args.output
        or DEFAULT_OUT / f"medgraph-{conditions}c{'-injected' if args.inject else ''}.ttl"
    )
    triples = write_graph(output, conditions, inject=args.inject, seed=args.seed)
    print(f"{output}: {conditions} conditions, {triples:,} triples", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
