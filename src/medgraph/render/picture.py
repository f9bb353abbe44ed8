"""The picture: each condition's neighbourhood drawn by Graphviz ``dot`` as SVG, with a legend.

The SVG is written as a file of its own (so it carries its legend) and inlined in the condition
page. Labels come from the data, so each goes through ``graphviz.escape``; only the legend, made
of fixed strings, is an HTML-like label.
"""

from __future__ import annotations

import re
from typing import Any

from medgraph.errors import ExitCode, MedgraphError
from medgraph.render.views import (
    CONDITION_COLOUR,
    DRUG_COLOUR,
    THRESHOLD_COLOUR,
    ConditionView,
)


class ToolMissing(MedgraphError):
    """A program medgraph needs is not installed (Graphviz ``dot``, the Oxigraph server)."""

    exit_code = ExitCode.ENVIRONMENT


def _wrap(text: str, width: int = 22) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def neighbourhood_graph(condition: ConditionView) -> Any:
    """The condition and what it relates to, by kind, as a Graphviz graph (left to right).

    Risk factors stand left of the condition (what leads to it), everything else right of it;
    edges still point from the condition, as the relations do. Thresholds and drugs hang off the
    entity they belong to. A legend sits in the picture so that the SVG file stands alone.
    """
    import graphviz

    def label(text: str) -> graphviz.quoting.NoHtml:
        # escape(): backslashes stay literal; NoHtml: a label like "<b>" is never an HTML label.
        return graphviz.escape(_wrap(text))

    dot = graphviz.Digraph(
        name=condition.slug,
        graph_attr={
            "rankdir": "LR",
            "fontname": "Helvetica",
            "fontsize": "11",
            "bgcolor": "white",
            "nodesep": "0.08",
            "ranksep": "0.7",
            "tooltip": graphviz.escape(f"Neighbourhood of {condition.label}"),
        },
        node_attr={
            "fontname": "Helvetica",
            "fontsize": "10",
            "style": "filled",
            "penwidth": "0.8",
            "margin": "0.08,0.03",
        },
        edge_attr={"color": "#888888", "arrowsize": "0.5", "penwidth": "0.7"},
    )
    dot.node(
        "condition",
        label=label(condition.label),
        shape="doubleoctagon",
        fillcolor=CONDITION_COLOUR,
        fontcolor="white",
        fontsize="13",
        URL="#top",
        tooltip=graphviz.escape(condition.label),
        id="node-condition",
    )
    counter = 0
    for section in condition.relations:
        if not section.rows:
            continue
        left = section.kind.key == "risk-factors"
        with dot.subgraph(name=f"cluster_{section.kind.key}") as cluster:
            cluster.attr(
                label=graphviz.escape(f"{section.kind.title} ({len(section.rows)})"),
                style="rounded,filled",
                fillcolor="#fafafa",
                color="#cccccc",
                fontname="Helvetica",
                fontsize="11",
            )
            for row in section.rows:
                counter += 1
                node_id = f"e{counter}"
                cluster.node(
                    node_id,
                    label=label(row.label),
                    shape="box",
                    fillcolor=section.kind.colour,
                    URL=f"#{row.anchor}",
                    tooltip=graphviz.escape(
                        f"{section.kind.singular}: {row.label} ({len(row.references)} references, "
                        f"{len(row.excerpts)} excerpts)"
                    ),
                    id=f"node-{row.anchor}",
                )
                if left:
                    dot.edge(node_id, "condition", dir="back")
                else:
                    dot.edge("condition", node_id)
                for threshold in row.thresholds:
                    counter += 1
                    dot.node(
                        f"t{counter}",
                        label=label(threshold.expression),
                        shape="note",
                        fillcolor=THRESHOLD_COLOUR,
                        URL=f"#{threshold.anchor}",
                        tooltip=graphviz.escape(f"threshold: {threshold.label}"),
                        id=f"node-{threshold.anchor}",
                    )
                    dot.edge(node_id, f"t{counter}", style="dashed", arrowhead="none")
                for drug in row.drugs:
                    counter += 1
                    ends = (f"d{counter}", node_id) if left else (node_id, f"d{counter}")
                    dot.node(
                        f"d{counter}",
                        label=label(drug),
                        shape="ellipse",
                        fillcolor=DRUG_COLOUR,
                        tooltip=graphviz.escape(f"drug: {drug}"),
                    )
                    dot.edge(*ends, style="dotted", arrowhead="none")
    dot.node("legend", label=_legend_label(condition), shape="plain", style="", id="legend")
    return dot


def _legend_label(condition: ConditionView) -> str:
    """An HTML-like Graphviz label: a small table of colours. Only fixed strings go in it."""
    entries = [("the condition", CONDITION_COLOUR)]
    entries += [(s.kind.singular, s.kind.colour) for s in condition.relations if s.rows]
    if condition.thresholds:
        entries.append(("threshold (dashed)", THRESHOLD_COLOUR))
    if any(r.drugs for s in condition.relations for r in s.rows):
        entries.append(("drug involved (dotted)", DRUG_COLOUR))
    rows = "".join(
        f'<TR><TD BGCOLOR="{colour}" WIDTH="14"> </TD><TD ALIGN="LEFT">{text}</TD></TR>'
        for text, colour in entries
    )
    return (
        '<<TABLE BORDER="1" COLOR="#999999" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
        f'<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>{rows}</TABLE>>'
    )


def draw_neighbourhood(condition: ConditionView) -> str:
    """The condition's neighbourhood as SVG text, drawn by Graphviz ``dot``."""
    import graphviz

    try:
        svg = neighbourhood_graph(condition).pipe(format="svg", engine="dot")
    except graphviz.ExecutableNotFound:
        raise ToolMissing(
            "Graphviz 'dot' is not installed, and it draws the graph's picture; install it "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) and retry"
        ) from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()[:300]
        raise ToolMissing(f"Graphviz 'dot' failed to draw the picture: {detail}") from None
    return svg.decode("utf-8")


def inline_svg(svg: str) -> str:
    """SVG ready to sit inside HTML: no XML prolog, doctype or comments."""
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    return svg.strip()
