"""Reading a user's input file: one policy for every command and engine.

Only regular files are read. A FIFO would block the command forever, a device such as
``/dev/zero`` would never end, and a file larger than :data:`MAX_INPUT_BYTES` would exhaust
memory before any parser could complain; each is refused with a message that names the file,
before a byte is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from medgraph.errors import InputError

__all__ = ["MAX_INPUT_BYTES", "max_input_bytes", "read_input", "read_text"]

MAX_INPUT_BYTES = 4 << 30
"""Largest input file read (4 GiB); ``MEDGRAPH_MAX_INPUT_BYTES`` sets another limit."""


def max_input_bytes() -> int:
    """The size limit in force: ``MEDGRAPH_MAX_INPUT_BYTES`` when set to a number."""
    raw = os.environ.get("MEDGRAPH_MAX_INPUT_BYTES", "")
    return int(raw) if raw.isdigit() else MAX_INPUT_BYTES


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_input(path: Path, folder_hint: str = "give files, not folders") -> bytes:
    """The bytes of a user's input file, or an :class:`InputError` that says why not."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a folder; {folder_hint}")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: is {_kind(info.st_mode)}; give a regular file")
    limit = max_input_bytes()
    if info.st_size > limit:
        raise InputError(
            f"{path}: {info.st_size:,} bytes is more than the {limit:,} bytes medgraph reads "
            "from one file (set MEDGRAPH_MAX_INPUT_BYTES to raise the limit)"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if len(data) > limit:  # the file grew while being read
        raise InputError(f"{path}: the file grew past {limit:,} bytes while being read")
    return data


def read_text(path: Path, what: str = "file") -> str:
    """A user's text file (a query, a table) as UTF-8, with a located error otherwise."""
    from medgraph.errors import InputSyntaxError

    data = read_input(path)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputSyntaxError(
            path, line, column, f"the {what} is not UTF-8 (re-save it as UTF-8)"
        ) from None
