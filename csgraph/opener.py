"""The one way to open the data a caller works on: files, the bundled case data, or a SPARQL endpoint.

Nothing is imported until :func:`open_kg` runs, so a command that opens cached files never loads the
endpoint client, and one that queries an endpoint never loads the file readers.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .errors import CSGraphError, NotFoundError, hint

if TYPE_CHECKING:  # pragma: no cover
    from .casefile import Limits
    from .kg import KnowledgeGraph

__all__ = ["open_kg"]


def open_kg(paths: Sequence[str | os.PathLike] = (), endpoint: str | None = None, *,
            cache: bool = False, limits: Limits | None = None,
            allow_personal_data: bool = False) -> KnowledgeGraph:
    """The knowledge graph to work on: the endpoint's if one is given, else the files loaded (the
    bundled case data when there are none).

    Giving both is an error, and so are paths that hold no case files, tables or RDF files.
    ``cache=True`` reuses the read-only store cached for the same files (:mod:`csgraph.cache`),
    except with ``allow_personal_data``: personal data stays in memory. ``limits`` and
    ``allow_personal_data`` are those of :func:`csgraph.load`.

    >>> open_kg([], None).is_remote
    False
    """
    if endpoint:
        if paths:
            flag = hint(python="an endpoint", cli="--endpoint")
            raise CSGraphError(f"give files or {flag}, not both: the endpoint's queries see the data "
                               "already on the server")
        from .endpoint import connect

        return connect(endpoint)
    if paths:
        from .inputs import expand_paths

        if not expand_paths(paths):
            raise NotFoundError(f"{', '.join(map(str, paths))}: nothing found: no case files (.yaml), "
                                "tables (.csv) or RDF files; give the files or a folder that holds them")
    if cache and not allow_personal_data:
        from .cache import cached_load

        return cached_load(*paths, bundled=not paths, limits=limits)
    from .loader import load

    options = {} if limits is None else {"limits": limits}
    return load(*paths, bundled=not paths, allow_personal_data=allow_personal_data, **options)
