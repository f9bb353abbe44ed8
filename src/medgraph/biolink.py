"""The Biolink Model as the ``biolink-model`` package ships it, read offline.

The KGX export names Biolink categories, predicates and slots; this module says whether they
exist, and in what form, in the model release the installed package carries (its LinkML
schema, ``biolink_model/schema/*.yaml``, and its prefix map). Nothing is fetched: the model's
own toolkit downloads the schema from the web by default, which a build must not do.

Names follow LinkML's conventions: a class ``disease or phenotypic feature`` is the CURIE
``biolink:DiseaseOrPhenotypicFeature``, a slot ``has phenotype`` is ``biolink:has_phenotype``
and, as a KGX column, ``has_phenotype``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = [
    "PREFIX",
    "BiolinkModel",
    "Element",
    "class_curie",
    "model",
    "slot_curie",
]

PREFIX = "biolink:"
RELATED_TO = "related to"


@dataclass(frozen=True)
class Element:
    """One class or slot of the model, with what the KGX check needs to know of it."""

    name: str
    """The model's own name, words separated by spaces (``has phenotype``)."""
    is_a: str | None
    mixin: bool
    abstract: bool
    deprecated: bool
    canonical: bool
    """For a predicate: the direction Biolink asks KGX files to use (``canonical_predicate``)."""
    inverse: str | None
    multivalued: bool
    range: str | None


def class_curie(name: str) -> str:
    """``disease or phenotypic feature`` -> ``biolink:DiseaseOrPhenotypicFeature``."""
    return PREFIX + "".join(word[:1].upper() + word[1:] for word in name.split())


def slot_curie(name: str) -> str:
    """``has phenotype`` -> ``biolink:has_phenotype``."""
    return PREFIX + name.replace(" ", "_")


def _element(name: str, spec: Mapping[str, Any] | None) -> Element:
    spec = spec or {}
    annotations = spec.get("annotations") or {}
    canonical = annotations.get("canonical_predicate", False)
    if isinstance(canonical, Mapping):  # the expanded form {tag: ..., value: ...}
        canonical = canonical.get("value", False)
    return Element(
        name=name,
        is_a=spec.get("is_a"),
        mixin=bool(spec.get("mixin", False)),
        abstract=bool(spec.get("abstract", False)),
        deprecated=bool(spec.get("deprecated", False)),
        canonical=str(canonical).lower() == "true",
        inverse=spec.get("inverse"),
        multivalued=bool(spec.get("multivalued", False)),
        range=spec.get("range"),
    )


@dataclass(frozen=True)
class BiolinkModel:
    """The classes, slots, enumerations and prefixes of one Biolink Model release."""

    version: str
    classes: Mapping[str, Element]
    slots: Mapping[str, Element]
    enums: Mapping[str, frozenset[str]]
    prefixes: Mapping[str, str]
    """Biolink's prefix map (prefix -> IRI namespace), as the package ships it."""
    _by_class_curie: Mapping[str, Element] = field(init=False, repr=False, compare=False)
    _by_slot_curie: Mapping[str, Element] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_class = {class_curie(name): element for name, element in self.classes.items()}
        by_slot = {slot_curie(name): element for name, element in self.slots.items()}
        object.__setattr__(self, "_by_class_curie", by_class)
        object.__setattr__(self, "_by_slot_curie", by_slot)

    def category(self, curie: str) -> Element | None:
        """The class a category CURIE (``biolink:Disease``) names, or ``None``."""
        return self._by_class_curie.get(curie)

    def slot(self, curie_or_column: str) -> Element | None:
        """The slot a CURIE (``biolink:knowledge_level``) or KGX column (``knowledge_level``)
        names, or ``None``."""
        curie = curie_or_column if ":" in curie_or_column else PREFIX + curie_or_column
        return self._by_slot_curie.get(curie)

    def ancestors(self, element: Element, table: Mapping[str, Element]) -> list[str]:
        """The names above ``element`` along ``is_a``, nearest first."""
        found: list[str] = []
        current = element.is_a
        while current is not None and current not in found:
            found.append(current)
            parent = table.get(current)
            current = parent.is_a if parent is not None else None
        return found

    def predicate(self, curie: str) -> Element | None:
        """The slot a predicate CURIE names when it is a predicate (``related to`` or below)."""
        slot = self.slot(curie)
        if slot is None or not curie.startswith(PREFIX):
            return None
        if slot.name != RELATED_TO and RELATED_TO not in self.ancestors(slot, self.slots):
            return None
        return slot

    def category_problem(self, curie: str) -> str | None:
        """Why ``curie`` cannot be a node's category, or ``None`` when it can."""
        element = self.category(curie)
        if element is None:
            return f"{curie} is not a class of Biolink {self.version}"
        if element.mixin or element.abstract or element.deprecated:
            kind = "a mixin" if element.mixin else "abstract" if element.abstract else "deprecated"
            return f"{curie} is {kind} in Biolink {self.version}"
        return None

    def predicate_problem(self, curie: str) -> str | None:
        """Why ``curie`` cannot be an edge's predicate, or ``None`` when it can.

        A predicate must exist, not be deprecated, and be the direction Biolink calls
        canonical. Mixins pass: Biolink marks ``treats`` as one and still names it the
        canonical predicate of its family."""
        element = self.predicate(curie)
        if element is None:
            return f"{curie} is not a predicate of Biolink {self.version}"
        if element.deprecated:
            return f"{curie} is deprecated in Biolink {self.version}"
        if not element.canonical and element.name != RELATED_TO:
            return f"{curie} is not the canonical direction in Biolink {self.version}"
        return None

    def enum_problem(self, enum: str, value: str) -> str | None:
        """Why ``value`` is not a value of the enumeration ``enum``, or ``None``."""
        values = self.enums.get(enum)
        if values is None:
            return f"{enum} is not an enumeration of Biolink {self.version}"
        if value not in values:
            return f"{value!r} is not a value of {enum} in Biolink {self.version}"
        return None

    def column_problems(self, columns: Iterable[str]) -> list[str]:
        """The KGX columns that name no Biolink slot (``id`` is KGX's own)."""
        return [
            f"column {column!r} is not a slot of Biolink {self.version}"
            for column in columns
            if column != "id" and self.slot(column) is None
        ]


def _schema(name: str) -> dict[str, Any]:
    text = (
        resources.files("biolink_model")
        .joinpath("schema")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)  # a safe loader, the C one when there is one
    return data if isinstance(data, dict) else {}


@cache
def model() -> BiolinkModel:
    """The Biolink Model of the installed ``biolink-model`` package (read once)."""
    main = _schema("biolink_model.yaml")
    extra = _schema("attributes.yaml")
    slots = {**(extra.get("slots") or {}), **(main.get("slots") or {})}
    enums = {
        name: frozenset((spec or {}).get("permissible_values") or {})
        for name, spec in (main.get("enums") or {}).items()
    }
    prefix_text = (
        resources.files("biolink_model")
        .joinpath("prefixmaps")
        .joinpath("biolink_model_prefix_map.json")
        .read_text(encoding="utf-8")
    )
    return BiolinkModel(
        version=str(main.get("version", "")),
        classes={name: _element(name, spec) for name, spec in (main.get("classes") or {}).items()},
        slots={name: _element(name, spec) for name, spec in slots.items()},
        enums=enums,
        prefixes=dict(json.loads(prefix_text)),
    )
