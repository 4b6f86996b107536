"""csgraph: a knowledge graph and query library for Contextual Safeguarding research.

Public functions are imported lazily, so ``import csgraph`` stays fast.

>>> kg.select("SELECT ?n WHERE { ?p a cs:Pilot ; cs:settingCount ?n }")[0].n.toPython()
11
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "load": "csgraph.loader",
    "add": "csgraph.loader",
    "KnowledgeGraph": "csgraph.kg",
    "Results": "csgraph.results",
    "Limits": "csgraph.casefile",
    "CS": "csgraph.namespace",
    "validate": "csgraph.validation",
    "ValidationReport": "csgraph.validation",
    "export": "csgraph.exporter",
    "query": "csgraph.catalogue",
    "queries": "csgraph.catalogue",
    "sparql": "csgraph.catalogue",
    "trace": "csgraph.tracing",
    "trace_back": "csgraph.tracing",
    "gaps": "csgraph.tracing",
    "connect": "csgraph.endpoint",
    "push": "csgraph.upload",
    "serve": "csgraph.server",
    "partnership_network": "csgraph.network",
    "strategy_network": "csgraph.network",
    "context_network": "csgraph.network",
    "render_html": "csgraph.viz",
    "synth": "csgraph.synthetic",
    "CSGraphError": "csgraph.errors",
    "LoadError": "csgraph.errors",
    "QueryError": "csgraph.errors",
    "EndpointError": "csgraph.errors",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover
    from .casefile import Limits
    from .errors import CSGraphError, EndpointError, LoadError, QueryError
    from .kg import KnowledgeGraph
    from .loader import add, load
    from .namespace import CS
    from .results import Results


_SUBMODULES = frozenset({
    "catalogue", "casefile", "cli", "docs", "errors", "exporter", "guard", "inputcheck", "kg", "loader",
    "namespace", "network", "privacy", "remote", "resources", "results", "schema", "synthetic",
    "tables", "terms", "tracing", "validation", "viz", "relations", "vocabulary", "newcase",
    "answers", "backend", "bindings", "endpoint", "httppolicy", "server", "serveproxy", "upload", "wrapper",
    "personal", "files",
    "querycheck", "filecheck", "casekeys", "casetables",
})


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:  # csgraph.network, csgraph.resources ... without an explicit import
        return import_module(f"csgraph.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'csgraph' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
