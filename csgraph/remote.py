"""Deprecated: the old home of the remote-endpoint functions, kept for one release.

Import from the modules that now hold them: :mod:`csgraph.endpoint` (``connect``, ``Endpoint``),
:mod:`csgraph.opener` (``open_kg``), :mod:`csgraph.upload` (``push``, ``PushSummary``),
:mod:`csgraph.server` (``serve``, ``Server``, ``oxigraph_executable``), :mod:`csgraph.bindings` (``values_block``) and
:mod:`csgraph.httppolicy` (``safe_url``, ``USER_ENV``, ``PASSWORD_ENV``). ``csgraph.connect`` and
``csgraph.push`` are unchanged.
"""

from __future__ import annotations

import warnings

from .bindings import values_block
from .endpoint import SERVER_GRAPH_PREFIXES, Endpoint, connect
from .httppolicy import PASSWORD_ENV, USER_ENV, safe_url
from .opener import open_kg
from .server import Server, oxigraph_executable, serve, wait_until_answering
from .server import _free_port as free_port
from .upload import PushSummary, push

__all__ = [
    "PASSWORD_ENV",
    "SERVER_GRAPH_PREFIXES",
    "USER_ENV",
    "Endpoint",
    "PushSummary",
    "Server",
    "connect",
    "free_port",
    "open_kg",
    "oxigraph_executable",
    "push",
    "safe_url",
    "serve",
    "values_block",
    "wait_until_answering",
]

warnings.warn("csgraph.remote is deprecated and will be removed in the next release; import from "
              "csgraph.endpoint, csgraph.upload and csgraph.server", DeprecationWarning, stacklevel=2)
