"""Outputs (medgraph.atomic): only regular files and folders are ever replaced; a link, device,
pipe or socket at the target is refused, with or without --force, and left as it was."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from medgraph.atomic import atomic_write, replace_directory, staging_directory
from medgraph.errors import ExitCode, OutputError


def test_a_device_is_never_replaced_and_force_is_not_recommended() -> None:
    before = os.stat("/dev/full")
    with pytest.raises(OutputError) as caught:
        atomic_write("/dev/full", b"data", force=False)
    assert "is a character device, not a regular file" in str(caught.value)
    assert "--force" not in str(caught.value)
    assert caught.value.exit_code == ExitCode.OUTPUT
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


@pytest.mark.parametrize("kind", ["fifo", "socket"])
def test_pipes_and_sockets_are_refused_even_with_force(kind: str, tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(target))
    with pytest.raises(OutputError, match="not a regular file"):
        atomic_write(target, b"data", force=True)
    assert not stat.S_ISREG(os.lstat(target).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"], "no temporary file left"


@pytest.mark.parametrize("dangling", [False, True])
def test_a_symlink_is_neither_followed_nor_replaced(dangling: bool, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "precious.ttl"
    outside.parent.mkdir()
    if not dangling:
        outside.write_text("precious\n")
    folder = tmp_path / "out"
    folder.mkdir()
    link = folder / "link.ttl"
    link.symlink_to(outside)
    with pytest.raises(OutputError, match="is a symbolic link"):
        atomic_write(link, b"new", force=True)
    assert link.is_symlink() and os.readlink(link) == str(outside)
    assert outside.exists() != dangling
    if not dangling:
        assert outside.read_text() == "precious\n"


def test_a_regular_file_is_still_replaced_with_force(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old\n")
    with pytest.raises(OutputError, match="already exists"):
        atomic_write(target, b"new\n")
    atomic_write(target, b"new\n", force=True)
    assert target.read_text() == "new\n"


def test_a_release_folder_that_is_a_link_or_a_file_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "keep.txt").write_text("keep\n")
    link = tmp_path / "dist"
    link.symlink_to(real)
    with pytest.raises(OutputError, match="is a symbolic link"), staging_directory(link):
        pass
    a_file = tmp_path / "file"
    a_file.write_text("x\n")
    with pytest.raises(OutputError, match="is not a folder"), staging_directory(a_file):
        pass
    with staging_directory(tmp_path / "new") as staging:
        (staging / "a.txt").write_text("a\n")
        with pytest.raises(OutputError, match="is a symbolic link"):
            replace_directory(staging, link)
    assert not staging.exists(), "the staging folder is removed"
    assert (real / "keep.txt").read_text() == "keep\n" and link.is_symlink()
