"""Writing the site: the templates rendered with the views, the pictures, the static files.

The site is built in a staging folder and swapped in whole (:mod:`medgraph.atomic`), so a failed
render leaves the previous site intact; a marker file at its root tells a later render that the
folder is a site it may replace. Templates and static files are package data of ``medgraph``
(``medgraph/templates``), found through the package loader, so a checkout and an installed wheel
render alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph

from medgraph.errors import OutputError, OutputExists
from medgraph.render.collect import collect_site
from medgraph.render.jsonld import condition_json_ld, json_for_html, reference_json_ld
from medgraph.render.picture import draw_neighbourhood, inline_svg

SITE_MARKER = ".medgraph-site"
"""A file at the root of every rendered site: render replaces only folders that carry it."""

Progress = Callable[[str, int, int], None]
"""Called as ``progress(message, done, total)`` while a long step runs."""


@dataclass
class RenderSummary:
    """What a render wrote, for the command's closing line."""

    path: Path
    pages: int
    conditions: int
    references: int
    pictures: int


def _environment() -> Any:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("medgraph", "templates"),
        autoescape=True,  # every template is HTML; data strings can hold <, & and quotes
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment


def _static_files() -> list[tuple[str, bytes]]:
    from importlib.resources import files

    folder = files("medgraph") / "templates" / "static"
    return sorted((item.name, item.read_bytes()) for item in folder.iterdir() if item.is_file())


def build_site(
    graph: Graph,
    folder: Path,
    *,
    progress: Progress | None = None,
) -> RenderSummary:
    """Write the site for ``graph`` into an existing, empty ``folder`` (not atomic by itself)."""
    from markupsafe import Markup

    report = progress or (lambda message, done, total: None)
    report("reading the graph", 0, 1)
    site = collect_site(graph)
    total = 2 + 2 * len(site.conditions) + len(site.references)
    done = 1
    report("reading the graph", done, total)

    environment = _environment()
    pictures = 0
    for condition in site.conditions:
        report(f"drawing {condition.label}", done, total)
        svg = draw_neighbourhood(condition)
        condition.svg = inline_svg(svg)
        _write(folder / condition.picture_path, svg.encode("utf-8"))
        pictures += 1
        done += 1
    report("writing pages", done, total)

    def page(template: str, target: str, **values: Any) -> None:
        html = environment.get_template(template).render(site=site, **values)
        _write(folder / target, html.encode("utf-8"))

    page("index.html.j2", "index.html", root="", title="medgraph")
    for condition in site.conditions:
        json_ld = Markup(json_for_html(condition_json_ld(condition, site.references)))
        page(
            "condition.html.j2",
            condition.path,
            root="../",
            title=condition.label,
            condition=condition,
            json_ld=json_ld,
            svg=Markup(condition.svg),
        )
        done += 1
        report(f"page of {condition.label}", done, total)
    for reference in site.references:
        document = {"@context": "https://schema.org", **reference_json_ld(reference)}
        page(
            "reference.html.j2",
            reference.path,
            root="../",
            title=reference.title,
            reference=reference,
            json_ld=Markup(json_for_html(document)),
        )
        done += 1
        report(f"page of {reference.short}", done, total)
    queries_json = Markup(json_for_html([q.__dict__ for q in site.queries]))
    page("query.html.j2", "query.html", root="", title="Query the graph", queries_json=queries_json)
    for name, data in _static_files():
        _write(folder / "static" / name, data)
    _write(folder / SITE_MARKER, b"A site rendered by 'medgraph render'; safe to replace.\n")
    done = total
    report("done", done, total)
    pages = 2 + len(site.conditions) + len(site.references)
    return RenderSummary(folder, pages, len(site.conditions), len(site.references), pictures)


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _check_target(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: is a file; give a folder for the site")
    if (
        target.is_dir()
        and not (target / SITE_MARKER).exists()
        and any(target.iterdir())
        and not force
    ):
        raise OutputExists(
            target,
            "is a folder that 'medgraph render' did not make and it is not empty; "
            "choose another folder, or replace it whole",
        )


def render_site(
    graph: Graph,
    target: Path | str,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> RenderSummary:
    """Render the site into ``target``: built beside it, then swapped in whole.

    A folder that holds something other than an earlier site is replaced only with ``force``.
    """
    from medgraph.atomic import replace_directory, staging_directory

    folder = Path(target)
    _check_target(folder, force)
    with staging_directory(folder) as staging:
        summary = build_site(graph, staging, progress=progress)
        staging.chmod(0o755)
        replace_directory(staging, folder)
    summary.path = folder
    return summary
