"""Java for the OWL reasoners: which executable, how much heap, and what its failures mean.

HermiT and Pellet are Java programs that owlready2 starts as a subprocess. Everything that
depends on the Java side (finding it, sizing its heap, turning a crash into one line a person can
act on) is here, apart from owlready2 itself, so that it can be used (e.g. by the benchmarks and
:mod:`medgraph.backends`) and tested without running a reasoner.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from medgraph.errors import InputError, ReasonerUnavailable

__all__ = ["default_java_memory_mb", "find_java", "java_failure", "parse_java_memory"]


def find_java(java: str | Path | None = None) -> str:
    """The Java executable: ``java`` if given, else ``$JAVA_HOME/bin/java``, else ``java`` on
    the PATH. Raises :class:`ReasonerUnavailable` when there is none."""
    if java is not None:
        candidate = shutil.which(str(java))
        if candidate is None:
            raise ReasonerUnavailable(
                f"Java not found at {java}: give the path of a java executable (Java 11 or newer)"
            )
        return candidate
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = shutil.which(str(Path(java_home) / "bin" / "java"))
        if candidate is not None:
            return candidate
    candidate = shutil.which("java")
    if candidate is None:
        where = f" (JAVA_HOME={java_home} has no bin/java)" if java_home else ""
        raise ReasonerUnavailable(
            "Java is not installed: the OWL reasoners (HermiT, Pellet) run on Java 11 or newer"
            f"{where}; install a Java runtime (e.g. apt install default-jre-headless) or set "
            "JAVA_HOME"
        )
    return candidate


def default_java_memory_mb() -> int:
    """Half of this machine's memory, between 512 MB and 2 GB: enough for graphs many times the
    shipped one, without asking a small machine for more than it has."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)
    except (ValueError, OSError, AttributeError):
        return 2048
    return max(512, min(2048, total // 2))


_MEMORY = re.compile(r"^\s*(\d+)\s*([kmgt]?)b?\s*$", re.IGNORECASE)


def parse_java_memory(value: str | int | None) -> int:
    """Megabytes from ``2048``, ``2048m``, ``2g`` or ``512M``; the default when ``None``."""
    if value is None:
        return default_java_memory_mb()
    if isinstance(value, int):
        megabytes = value
    else:
        match = _MEMORY.match(value)
        if not match:
            raise InputError(
                f"Java memory {value!r} is not a size; give megabytes or a unit, e.g. 2048, "
                "1500m or 2g"
            )
        number, unit = int(match.group(1)), match.group(2).lower()
        megabytes = {"k": number // 1024, "": number, "m": number, "g": number * 1024}.get(
            unit, number * 1024 * 1024
        )
    if megabytes < 64:
        raise InputError(f"Java memory {value!r} is too small; give at least 64 MB (e.g. 512m)")
    return megabytes


def java_failure(output: str, name: str, java: str, memory_mb: int) -> ReasonerUnavailable:
    """One line that says what went wrong in the Java process running the reasoner ``name``
    (its output is ``output``) and what to do, instead of a Java stack trace."""
    if "OutOfMemoryError" in output:
        return ReasonerUnavailable(
            f"{name} ran out of memory (Java heap of {memory_mb} MB); give it more with "
            f"--java-memory, e.g. --java-memory {max(memory_mb * 2, 1024) // 1024 or 1}g"
        )
    versions = re.search(
        r"class file version (\d+)\.\d+\), this version of the Java Runtime only recognizes "
        r"class file versions up to (\d+)",
        output,
    )
    if "UnsupportedClassVersionError" in output and versions:
        needed, have = int(versions.group(1)) - 44, int(versions.group(2)) - 44
        return ReasonerUnavailable(
            f"{name} as bundled with owlready2 needs Java {needed} or newer, and {java} is Java "
            f"{have}; point JAVA_HOME or --java at a newer Java, or use --reasoner hermit"
        )
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    cause = next(
        (line for line in lines if re.search(r"(Exception|Error)\b", line) and "\tat " not in line),
        lines[0] if lines else "no message",
    )
    cause = re.sub(r"^Exception in thread \"main\" ", "", cause)
    if len(cause) > 300:
        cause = cause[:297] + "..."
    return ReasonerUnavailable(f"{name} failed: {cause}")
