"""Commands on the graph itself: build the release, validate, export, describe."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

import medgraph
from medgraph.cli import main
from medgraph.cli._common import (
    EXPORT_FORMAT_NAMES,
    REPORT_FORMAT_NAMES,
    allow_remote_option,
    emit,
    engine_option,
    export_output_option,
    force_option,
    handle_errors,
    step,
)
from medgraph.errors import ExitCode

if TYPE_CHECKING:
    from medgraph.backends import Descriptor
    from medgraph.pipeline import BuildFailed


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder of the release (replaced whole, atomically).",
)
@click.option(
    "--reason",
    "with_reasoning",
    is_flag=True,
    help="Also run the OWL reasoner (HermiT) and release what it infers in its own file, "
    "medgraph-inferred.ttl.",
)
@click.option(
    "--with",
    "extra",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Also include this RDF file or folder (an import's output, e.g. "
    "`medgraph import hpo --out hpo-import` then `--with hpo-import/hpo.nt`); repeatable.",
)
@engine_option
@handle_errors
def build(
    paths: tuple[Path, ...],
    out_dir: Path,
    with_reasoning: bool,
    extra: tuple[Path, ...],
    backend: Descriptor,
) -> None:
    """Load, validate, report and release the graph (or PATH ... files, folders searched):
    Turtle, JSON-LD, N-Triples, RDF/XML, the ontology alone (RDF/XML, OWL functional syntax),
    SSSOM, KGX, the quality report, manifest."""
    from medgraph.pipeline import BuildFailed
    from medgraph.pipeline import build as build_release

    try:
        result = build_release(
            out_dir,
            list(paths) or None,
            backend=str(backend),
            reason=with_reasoning,
            progress=step,
            extra=list(extra),
        )
    except BuildFailed as failure:
        _explain_failure(failure)
        raise
    summary, counts = result.summary, result.report.counts()
    click.echo(
        f"medgraph {medgraph.__version__}: {summary.triples:,} triples, "
        f"{counts['Violation']} violations, {counts['Warning']} warnings, {counts['Info']} notes"
    )
    if result.inferred is not None:
        click.echo(
            f"reasoned with {result.reasoner}: consistent, "
            f"{len(result.inferred):,} inferred triples"
        )
    width = max(len(name) for name in summary.class_counts) if summary.class_counts else 0
    for name, count in summary.class_counts.items():
        click.echo(f"  {name.ljust(width)}  {count:>5}")
    click.echo(f"released to {summary.out_dir}/:")
    for name, digest in sorted(summary.files.items()):
        size = (summary.out_dir / name).stat().st_size
        click.echo(f"  {name:<28} {size:>9,} bytes  sha256 {digest[:16]}…")


def _explain_failure(failure: BuildFailed) -> None:
    """What a failed gate found, on stderr, before the one-line error."""
    from medgraph import link
    from medgraph.queries import format_result
    from medgraph.validation import render_report

    if failure.report is not None:
        click.echo(render_report(failure.report, "text"), err=True, nl=False)
    for name, result in failure.failed_checks.items():
        click.echo(f"quality check {name} found {len(result.rows)} defect(s):", err=True)
        click.echo(format_result(result, "table"), err=True, nl=False)
    if failure.quality_report is not None:
        from medgraph import report as quality

        errors = quality.Report(
            failure.quality_report.at_or_above("ERROR"), failure.quality_report.rules
        )
        click.echo(quality.render_report(errors, "tsv"), err=True, nl=False)
    if failure.mapping_check is not None:
        click.echo(
            link.render_check_report(failure.mapping_check, only_failed=True), err=True, nl=False
        )


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMAT_NAMES), default="text", show_default=True
)
@click.option(
    "--shapes",
    "shapes_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Validate against these shapes instead of medgraph's (repeatable).",
)
@click.option(
    "--show",
    type=click.Choice(("violation", "warning", "info")),
    default="warning",
    show_default=True,
    help="List findings of this severity and above (counts always cover all).",
)
@click.option(
    "--with",
    "extra",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Also include this RDF file or folder (an import's output); repeatable.",
)
@allow_remote_option
@engine_option
@handle_errors
def validate(
    paths: tuple[Path, ...],
    fmt: str,
    shapes_paths: tuple[Path, ...],
    show: str,
    extra: tuple[Path, ...],
    allow_remote: bool,
    backend: Descriptor,
) -> None:
    """Validate the shipped graph, or your own RDF files (PATH ...), against the shapes and the
    quality checks (queries/qc-*.rq, reported with the shapes' findings at their level).

    Exit 0 when valid (warnings allowed), 1 when there are violations or quality checks at
    level error with rows, 2 when an input is unusable. With --shapes, only those shapes run.
    """
    from medgraph import quality
    from medgraph.backends import open_backend
    from medgraph.loader import load_files
    from medgraph.validation import render_report

    shapes = load_files(list(shapes_paths)) if shapes_paths else None
    if extra:
        from medgraph.inputs import assemble

        graph_input = assemble(paths, allow_remote=allow_remote, extra=extra)
        # paths too, so that a store or endpoint backend refuses the files
        graph = open_backend(backend, [*paths, *extra], graph_input=graph_input)
    else:
        graph = open_backend(backend, paths, allow_remote=allow_remote)
    report = graph.validate(shapes, with_report_graph=fmt == "turtle")
    if shapes is None:
        report = quality.with_checks(report, quality.run_checks(graph))
    click.echo(render_report(report, fmt, show), nl=False)
    sys.exit(ExitCode.OK if report.conforms else ExitCode.FINDINGS)


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMAT_NAMES), default="ttl", show_default=True
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@export_output_option
@force_option
@allow_remote_option
@engine_option
@handle_errors
def export(
    fmt: str,
    paths: tuple[Path, ...],
    output: Path | None,
    force: bool,
    allow_remote: bool,
    backend: Descriptor,
) -> None:
    """Export the shipped graph (or PATH ... files) as Turtle, JSON-LD, N-Triples, RDF/XML,
    SSSOM, or KGX (Biolink nodes and edges, TSV and JSON Lines: -o FOLDER or -o FILE.tar.gz)."""
    if fmt == "kgx":
        _export_kgx(paths, output, force, allow_remote, backend)
        return
    if output is not None:
        # Only kgx writes a folder: anything else refuses one as it always has.
        ctx = click.get_current_context()
        param = next(p for p in ctx.command.params if p.name == "output")
        click.Path(dir_okay=False, path_type=Path).convert(output, param, ctx)
    if fmt == "sssom":
        from medgraph import link

        emit(link.export_sssom(link.load_mappings()), output, force)
        return
    from medgraph.backends import open_backend

    graph = open_backend(backend, paths, allow_remote=allow_remote, with_ontology=False)
    emit(graph.export(fmt), output, force)


def _export_kgx(
    paths: tuple[Path, ...],
    output: Path | None,
    force: bool,
    allow_remote: bool,
    backend: Descriptor,
) -> None:
    """KGX files to a folder or a .tar.gz (stdout gets the .tar.gz when it is not a terminal)."""
    from medgraph import kgx
    from medgraph.backends import open_backend

    if output is None and sys.stdout.isatty():
        raise click.UsageError("kgx writes four files: give -o FOLDER or -o FILE.tar.gz")
    graph = open_backend(backend, paths, allow_remote=allow_remote, with_ontology=False)
    with step("building the KGX nodes and edges", always=False):
        exported = kgx.checked(graph.query)
    files = kgx.render(exported)
    if output is None:
        emit(kgx.archive(files), None, force)
    else:
        kgx.write(files, output, force=force)
        click.echo(
            f"wrote {output}: {len(exported.nodes):,} nodes, {len(exported.edges):,} edges",
            err=True,
        )
    for relation, count in exported.left_out.items():
        click.echo(
            f"left out {count} claim(s) of {relation}: their subject or object is not a "
            "clinical entity",
            err=True,
        )


@main.command()
@handle_errors
def info() -> None:
    """What the shipped graph holds: version, triple count, nodes by class, files."""
    from medgraph import resources
    from medgraph.loader import load_default_graph
    from medgraph.release import class_counts

    graph = load_default_graph()
    click.echo(f"medgraph {medgraph.__version__}")
    click.echo(f"resources: {resources.resource_root()}")
    click.echo(f"triples: {len(graph):,}")
    counts = class_counts(graph)
    width = max((len(n) for n in counts), default=0)
    click.echo("nodes by class:")
    for cls, count in counts.items():
        click.echo(f"  {cls.ljust(width)}  {count:>5}")
