"""What a :class:`~csgraph.kg.KnowledgeGraph` asks of the place its data lives.

The embedded Oxigraph store and a remote SPARQL endpoint (:class:`csgraph.endpoint.Endpoint`) answer
the same three calls; the knowledge graph checks the query and its bindings first, so a backend is
given only read-only SELECT or ASK text and rdflib terms to bind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rdflib.term import Node

if TYPE_CHECKING:  # pragma: no cover
    from .results import Results

__all__ = ["Backend"]


@runtime_checkable
class Backend(Protocol):
    """A place queries run: ``select`` gives rows as terms, ``select_text`` as text, ``ask`` a bool.

    ``timeout`` is in seconds, per call; ``None`` means the backend's own default.
    """

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
               name: str | None = None, timeout: float | None = None) -> Results:
        """The rows of a SELECT (or the answer of an ASK) as :class:`~csgraph.results.Results`."""

    def select_text(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
                    name: str | None = None, timeout: float | None = None
                    ) -> list[tuple[str | None, ...]]:
        """The rows of a SELECT as text (IRIs, lexical forms, blank node ids; None if unbound)."""

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
            name: str | None = None, timeout: float | None = None) -> bool:
        """The answer of an ASK query."""
