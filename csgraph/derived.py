"""What csgraph derives from its own files and would otherwise derive again in every process: the
case-file schema (from the shapes and vocabularies) and the named queries' headers (YAML).

With the cache on (:func:`use_derived_cache`; the command line turns it on, also with ``--no-cache``,
which is about the stores of the user's data), each is kept as a JSON file in the user's cache folder,
named by a hash of csgraph's version, the code that derives it and the bytes it is derived from, so a
changed file or a new csgraph never reads an old value. Files are written whole (a temporary file
renamed), read only from a folder private to the user, and a file that does not read back is derived
again. Off (the default in Python), nothing is read or written.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["cache_folder", "derived", "private_folder", "remove_derived", "use_derived_cache"]

_LOG = logging.getLogger("csgraph.cache")


def cache_folder() -> Path:
    """``$CSGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/csgraph``, else ``~/.cache/csgraph``."""
    if os.environ.get("CSGRAPH_CACHE_DIR"):
        return Path(os.environ["CSGRAPH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "csgraph"


def private_folder(folder: Path) -> bool:
    """Make ``folder`` (mode 0700) if needed; True when it belongs to this user alone."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.stat()
    except OSError as exc:
        _LOG.warning("csgraph cache not used: %s", exc)
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        _LOG.warning("csgraph cache not used: %s belongs to another user", folder)
        return False
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        _LOG.warning("csgraph cache not used: others can write to %s", folder)
        return False
    return True


_DERIVED = "derived-"
_USE_DERIVED: list[Path] = []  # the folder, while the derived cache is on


def use_derived_cache(on: bool = True, folder: str | os.PathLike | None = None) -> None:
    """Turn the on-disk cache of derived values (:func:`derived`) on or off for this process (the
    command line turns it on)."""
    _USE_DERIVED[:] = [Path(folder) if folder is not None else cache_folder()] if on else []


def derived(kind: str, source: bytes, make: Callable[[], Any], *, dump: Callable[[Any], Any] | None = None,
            load: Callable[[Any], Any] | None = None) -> Any:
    """``make()``, or its value as cached on disk for ``source`` (the bytes it is derived from).

    ``dump`` turns the value into JSON data and ``load`` back (both the identity by default). Without
    :func:`use_derived_cache`, or when the folder is not private to the user, this is ``make()``.

    >>> import tempfile
    >>> use_derived_cache(folder=tempfile.mkdtemp())
    >>> derived("example", b"abc", lambda: {"n": 1}), derived("example", b"abc", lambda: {"n": 2})
    ({'n': 1}, {'n': 1})
    >>> use_derived_cache(False)
    """
    if not _USE_DERIVED or not private_folder(_USE_DERIVED[0]):  # never read what another user could write
        return make()
    root = _USE_DERIVED[0]
    digest = hashlib.sha256(f"csgraph {sys.modules['csgraph'].__version__} {kind}\n".encode())
    digest.update(_code(make))
    digest.update(source)
    path = root / f"{_DERIVED}{kind}-{digest.hexdigest()[:32]}.json"
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return load(data) if load else data
    except (OSError, ValueError, KeyError, TypeError):  # not there yet, or not readable: derive it
        pass
    value = make()
    data = dump(value) if dump else value
    try:
        text = json.dumps(data)
        if json.loads(text) != data:  # JSON would not give the same value back: not kept
            return value
        from .files import atomic_write

        with atomic_write(path, "w") as f:
            f.write(text)
    except (OSError, TypeError, ValueError) as exc:
        _LOG.debug("csgraph cache: %s not written (%s)", path, exc)
    return value


def _code(make: Callable[[], Any]) -> bytes:
    """The source of the module that derives the value: a changed deriving code never reads a value
    the earlier code made (csgraph's version alone does not change while it is being worked on)."""
    name = getattr(getattr(make, "__code__", None), "co_filename", "")
    try:
        return Path(name).read_bytes()
    except OSError:
        return name.encode()


def remove_derived(folder: Path) -> None:
    """Remove the derived files kept in ``folder``."""
    for p in folder.glob(f"{_DERIVED}*"):
        p.unlink(missing_ok=True)
