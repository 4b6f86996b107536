"""Writing files whole or not at all: a temporary file in the target's folder, renamed over it.

A process killed at any moment leaves either the old file, whole, or (if there was none) no file at
the target's name; never a truncated or half-written one. The rename is atomic on POSIX and Windows
file systems because the temporary file is in the same folder.

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_write(target, "w") as fh:
...     _ = fh.write("all or nothing")
>>> target.read_text()
'all or nothing'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_path", "atomic_write"]


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """A temporary path next to ``target`` to write to; on success it replaces ``target``.

    If the block raises (or the process dies), ``target`` is untouched and the temporary file is
    removed (when the process lives to do so). The new file gets the permissions a plain
    ``open(target, "w")`` would give it.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:  # named after the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _fsync(tmp)
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except OSError as exc:
        if exc.filename in (str(tmp), tmp):
            raise OSError(exc.errno, exc.strerror, str(target)) from None
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def atomic_write(target: str | os.PathLike, mode: str = "wb", **open_kw: Any) -> Iterator[IO]:
    """``open(target, mode)``, written to a temporary file that replaces ``target`` when the block
    ends without an error (see :func:`atomic_path`)."""
    if not mode.startswith("w"):
        raise ValueError(f"atomic_write writes a new file: mode must start with 'w', not {mode!r}")
    with atomic_path(target) as tmp, open(tmp, mode, **open_kw) as fh:
        yield fh


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
