"""A per-user cache of loaded stores, so that repeated commands on the same files skip loading.

An entry is an Oxigraph store on disk under the user's cache folder, named by a hash of csgraph's
version and code, the limits, and the name and content of every input file and ontology file. A changed
file, a new csgraph or other limits make a new key, so an entry is never stale; entries are written
whole under a temporary name and renamed, so a killed process leaves no half entry; the folder is
made private to the user (mode 0700) and is not used when another user owns it or others can write
to it. At most :data:`KEEP` entries are kept, the least recently used removed first.

The same folder keeps what csgraph derives from its own files (:mod:`csgraph.derived`).

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
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from .derived import cache_folder, remove_derived
from .derived import private_folder as _private
from .errors import CSGraphError
from .kg import KnowledgeGraph
from .resources import data_dir, ontology_files

__all__ = ["KEEP", "cache_folder", "cached_load", "clear", "entries"]

#: how many stores the cache keeps
KEEP = 8
_LOG = logging.getLogger(__name__)
_META = "csgraph-cache.json"


def _key(files: list[Path], limits) -> str:
    from . import __version__

    digest = hashlib.sha256(f"csgraph {__version__}\n{limits!r}\n".encode())
    # csgraph's own code builds the store: a changed reader or builder must not reuse an entry
    code = sorted(Path(__file__).parent.rglob("*.py"))
    for f in [*code, *ontology_files(), *files]:
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
        remove_derived(root)
    return removed


def cached_load(*paths: str | os.PathLike, bundled: bool = False, limits=None,
                folder: str | os.PathLike | None = None) -> KnowledgeGraph:
    """:func:`csgraph.load` of the same arguments, from the cache when it holds them.

    The store returned is read-only. When the cache cannot be used (no private folder, no room),
    the files are loaded into memory as :func:`csgraph.load` does.
    """
    from .inputs import expand_paths

    if limits is not None:
        from .casefile import Limits

        limits = None if limits == Limits() else limits  # the defaults: the same entry as no limits
    root = Path(folder) if folder is not None else cache_folder()
    files = expand_paths([*([data_dir()] if bundled else []), *paths])
    if not _private(root):
        return _load(paths, bundled, limits)
    entry = root / f"store-{_key(files, limits)}"
    if not (entry / _META).exists():
        try:
            _build(entry, paths, bundled, limits)
        except OSError as exc:
            _LOG.warning("csgraph cache not written (%s); loading into memory", exc)
            return _load(paths, bundled, limits)
    try:
        kg = KnowledgeGraph(ox.Store.read_only(str(entry / "store")))
    except OSError as exc:
        raise CSGraphError(f"the cached store {entry} cannot be opened ({exc}); run "
                           "'csgraph cache clear' or pass --no-cache") from None
    kg.sources.extend(json.loads((entry / _META).read_text())["sources"])
    os.utime(entry / _META)
    _prune(root)
    return kg


def _load(paths, bundled: bool, limits, **options) -> KnowledgeGraph:
    # the readers (rdflib, PyYAML) are imported only when files are loaded, not on a cache hit
    from .loader import Limits, load

    return load(*paths, bundled=bundled, limits=limits or Limits(), **options)


def _build(entry: Path, paths, bundled: bool, limits) -> None:
    work = Path(tempfile.mkdtemp(prefix="tmp-store-", dir=entry.parent))
    try:
        kg = _load(paths, bundled, limits, store=work / "store")
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

