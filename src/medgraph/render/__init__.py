"""Render stage: a static web site generated from the graph, readable offline.

One page per condition (every relation with the evidence it rests on, the clinical statements
by aspect, the page's own text with its citations as links, the excerpts by section with their
website and kind of source, the thresholds with their units, the codes in other ontologies), one
page per reference (what it supports), a picture of each condition's neighbourhood drawn by
Graphviz, and a query page for ``medgraph serve``. Pages carry schema.org JSON-LD for search
engines, load nothing from the network, and escape every string that comes from the data.

The site is built in a staging folder and swapped in whole (:mod:`medgraph.atomic`), so a failed
render leaves the previous site intact.

The modules, each depending only on those above it:

- :mod:`~medgraph.render.urls`: which URLs from the graph may become links;
- :mod:`~medgraph.render.views`: the dataclasses the pages show;
- :mod:`~medgraph.render.reader`: labels, sorted values, slugs and anchors from an rdflib graph;
- :mod:`~medgraph.render.codes`: codes in other ontologies;
- :mod:`~medgraph.render.references`: the reference pages;
- :mod:`~medgraph.render.collect`: the condition pages and the whole site's views;
- :mod:`~medgraph.render.picture`: the Graphviz picture and its legend;
- :mod:`~medgraph.render.jsonld`: schema.org JSON-LD;
- :mod:`~medgraph.render.write`: the templates, the files and the atomic swap.
"""

from __future__ import annotations

from medgraph.render.collect import collect_site
from medgraph.render.picture import ToolMissing, draw_neighbourhood
from medgraph.render.write import SITE_MARKER, Progress, RenderSummary, build_site, render_site

__all__ = [
    "SITE_MARKER",
    "Progress",
    "RenderSummary",
    "ToolMissing",
    "build_site",
    "collect_site",
    "draw_neighbourhood",
    "render_site",
]
