"""Writing a file whole or not at all: a temporary file in the target folder, renamed into place.

A reader (or a later run) sees the old file or the new one, never a half-written one; a failure or
an interrupt leaves the old file as it was and removes the temporary file.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     with atomic_write(f"{d}/x.txt") as fh:
...         _ = fh.write("hello")
...     sorted(p.name for p in pathlib.Path(d).iterdir())
['x.txt']
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_write"]


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, *, binary: bool = False, encoding: str = "utf-8",
                 newline: str | None = None) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` for writing; on success it replaces ``path``."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".",
                               prefix=f".{target.name}.", suffix=".part")
    try:
        mode = "wb" if binary else "w"
        kwargs = {} if binary else {"encoding": encoding, "newline": newline}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
