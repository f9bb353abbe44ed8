"""Write outputs so that a failure never leaves a half-written file or a half-replaced release.

A file is written to a temporary file beside its target, flushed to disk, then renamed over
the target in one step. A release folder is built beside the old one and swapped in whole.

Only regular files and folders are ever replaced. A device, pipe or socket at the target
(``-o /dev/null``, ``/dev/full``) is refused: renaming over it would replace the node itself
(as root, ``/dev/null`` would become a file). A symbolic link at the target is refused too,
with or without ``--force``, rather than replaced or followed: following it could write
outside the folder named, and replacing it would silently cut the link. Give the file it
points to, or remove the link. Folders on the way to the target are followed as usual.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from medgraph.errors import OutputError, OutputExists

__all__ = ["atomic_write", "current_umask", "replace_directory", "staging_directory"]


def current_umask() -> int:
    """The process's umask, read without changing it where Linux shows it in /proc.

    ``os.umask`` can only be read by setting it, which for a moment changes it for every
    thread; /proc/self/status (Linux 4.7 and later) reports it as it is.
    """
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/status", encoding="ascii") as status,
    ):
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _explain(exc: OSError, target: Path) -> OutputError:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EFBIG: "the file is larger than this system allows (disk or file-size limit)",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOENT: "the folder does not exist",
        errno.ENOTDIR: "a part of the path is not a folder",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(f"{target}: cannot write: {reason}; nothing was changed")


_KINDS = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
}


def _existing(target: Path, *, folder: bool) -> bool:
    """Whether ``target`` exists; an :class:`OutputError` when it is something medgraph never
    replaces (a link, a device, a pipe, a socket, or a file where a folder goes)."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # the write itself reports what is wrong
    if stat.S_ISLNK(info.st_mode):
        try:
            points_to = f" (to {os.readlink(target)})"
        except OSError:
            points_to = ""
        raise OutputError(
            f"{target}: is a symbolic link{points_to}; medgraph neither follows nor replaces "
            "links. Give the path it points to, or remove the link; nothing was changed"
        )
    if folder and not stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{target}: is not a folder; give a folder name; nothing was changed")
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise OutputError(
            f"{target}: is {kind}, not a regular file; medgraph writes only regular files. "
            "Give a file name; nothing was changed"
        )
    return True


def atomic_write(path: Path | str, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` in one step; refuse to replace a file unless ``force``, and
    never replace a link, device, pipe or socket (see the module docstring)."""
    target = Path(path)
    exists = _existing(target, folder=False)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name")
    if exists and not force:
        raise OutputExists(target)
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; give it the mode open() would (0666 less the umask).
        os.chmod(tmp_name, 0o666 & ~current_umask())
        _existing(target, folder=False)  # again: it may have changed while the data was written
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise _explain(exc, target) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return target


def pid_alive(pid: int) -> bool:
    """Whether a process runs (the owners of staging folders and server folders)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_stale(target: Path) -> None:
    """Remove staging folders of builds that were killed, and restore an orphaned release."""
    parent = target.parent if str(target.parent) else Path(".")
    for leftover in parent.glob(f".{target.name}.*.staging"):
        pid = leftover.name.split(".")[2]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)
    for old in parent.glob(f".{target.name}.old-*"):
        pid = old.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not pid_alive(int(pid)):
            if not target.exists():
                os.replace(old, target)
            else:
                shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def staging_directory(target: Path) -> Iterator[Path]:
    """A fresh folder beside ``target`` to build into; removed if the build fails.

    mkdtemp creates it 0700, and the folder keeps its mode when it is swapped in as the
    target; it is given the mode mkdir would (0777 less the umask), so that a release or a
    site is as readable as any other folder the user creates.
    """
    parent = target.parent if str(target.parent) else Path(".")
    _existing(target, folder=True)
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _clean_stale(target)
        staging = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".staging", dir=parent)
        )
        os.chmod(staging, 0o777 & ~current_umask())
    except OSError as exc:
        raise _explain(exc, target) from None
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    if result != 0:
        error = ctypes.get_errno()
        if error in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
            return False
        raise OSError(error, os.strerror(error), str(second))
    return True


def replace_directory(staging: Path, target: Path) -> None:
    """Swap a fully built ``staging`` folder in for ``target``.

    Where the system can exchange two paths atomically, there is no moment without a complete
    ``target``; elsewhere the old folder is moved aside first and put back on failure.
    """
    try:
        _existing(target, folder=True)
    except OutputError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        if target.is_dir() and _exchange(staging, target):
            shutil.rmtree(staging, ignore_errors=True)
            return
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise _explain(exc, target) from None
    old = None
    try:
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            if old.exists():
                shutil.rmtree(old)
            os.replace(target, old)
        os.replace(staging, target)
    except OSError as exc:
        if old is not None and old.exists() and not target.exists():
            os.replace(old, target)
        shutil.rmtree(staging, ignore_errors=True)
        raise _explain(exc, target) from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
