"""A per-user cache of loaded stores, so that repeated commands on the same files skip loading.

An entry is an Oxigraph store on disk under the user's cache folder, named by a hash of csgraph's
version, the limits, and the name and content of every input file and ontology file. A changed
file, a new csgraph or other limits make a new key, so an entry is never stale; entries are written
whole under a temporary name and renamed, so a killed process leaves no half entry; the folder is
made private to the user (mode 0700) and is not used when another user owns it or others can write
to it. At most :data:`KEEP` entries are kept, the least recently used removed first.

The cache is used by the command line (``--no-cache`` turns it off; ``csgraph cache clear`` empties
it). In Python, :func:`csgraph.load` never caches; call :func:`cached_load` to.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> first = cached_load(bundled=True, folder=folder)
>>> again = cached_load(bundled=True, folder=folder)
>>> len(first) == len(again), len(entries(folder))
(True, 1)
>>> clear(folder)
1
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from .errors import CSGraphError
from .kg import KnowledgeGraph
from .resources import data_dir, ontology_files

__all__ = ["KEEP", "cache_folder", "cached_load", "clear", "entries"]

#: how many stores the cache keeps
KEEP = 8
_LOG = logging.getLogger(__name__)
_META = "csgraph-cache.json"


def cache_folder() -> Path:
    """``$CSGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/csgraph``, else ``~/.cache/csgraph``."""
    if os.environ.get("CSGRAPH_CACHE_DIR"):
        return Path(os.environ["CSGRAPH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "csgraph"


def _private(folder: Path) -> bool:
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


def _key(files: list[Path], limits) -> str:
    from . import __version__

    digest = hashlib.sha256(f"csgraph {__version__}\n{limits!r}\n".encode())
    for f in [*ontology_files(), *files]:
        digest.update(f"{f.resolve()}\n".encode())
        with open(f, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:32]


def entries(folder: str | os.PathLike | None = None) -> list[Path]:
    """The cached stores, most recently used first."""
    root = Path(folder) if folder is not None else cache_folder()
    found = [p for p in root.glob("store-*") if (p / _META).exists()] if root.is_dir() else []
    return sorted(found, key=lambda p: (p / _META).stat().st_mtime, reverse=True)


def clear(folder: str | os.PathLike | None = None) -> int:
    """Remove every cached store (and any left half-written); return how many stores were removed."""
    root = Path(folder) if folder is not None else cache_folder()
    removed = len(entries(root))
    if root.is_dir():
        for p in [*root.glob("store-*"), *root.glob("tmp-store-*")]:
            shutil.rmtree(p, ignore_errors=True)
    return removed


def cached_load(*paths: str | os.PathLike, bundled: bool = False, limits=None,
                folder: str | os.PathLike | None = None) -> KnowledgeGraph:
    """:func:`csgraph.load` of the same arguments, from the cache when it holds them.

    The store returned is read-only. When the cache cannot be used (no private folder, no room),
    the files are loaded into memory as :func:`csgraph.load` does.
    """
    from .loader import Limits, expand_paths, load

    limits = limits or Limits()
    root = Path(folder) if folder is not None else cache_folder()
    files = expand_paths([*([data_dir()] if bundled else []), *paths])
    if not _private(root):
        return load(*paths, bundled=bundled, limits=limits)
    entry = root / f"store-{_key(files, limits)}"
    if not (entry / _META).exists():
        try:
            _build(entry, paths, bundled, limits)
        except OSError as exc:
            _LOG.warning("csgraph cache not written (%s); loading into memory", exc)
            return load(*paths, bundled=bundled, limits=limits)
    try:
        kg = KnowledgeGraph(ox.Store.read_only(str(entry / "store")))
    except OSError as exc:
        raise CSGraphError(f"the cached store {entry} cannot be opened ({exc}); run "
                           "'csgraph cache clear' or pass --no-cache") from None
    kg.sources.extend(json.loads((entry / _META).read_text())["sources"])
    os.utime(entry / _META)
    _prune(root)
    return kg


def _build(entry: Path, paths, bundled: bool, limits) -> None:
    from .loader import load

    work = Path(tempfile.mkdtemp(prefix="tmp-store-", dir=entry.parent))
    try:
        kg = load(*paths, bundled=bundled, limits=limits, store=work / "store")
        kg.store.flush()
        (work / _META).write_text(json.dumps({"sources": kg.sources, "made": time.time()}))
        del kg  # close the store before it is moved
        try:
            os.rename(work, entry)
        except OSError:
            if not (entry / _META).exists():  # not another process that finished first
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _prune(root: Path) -> None:
    for old in entries(root)[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
