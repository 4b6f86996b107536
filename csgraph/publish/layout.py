"""Where each thing of a release lives: a path that follows its IRI.

``https://w3id.org/csgraph/id/lewisham`` is described by ``id/lewisham.html`` with its Turtle and
JSON-LD beside it (``id/lewisham.ttl``, ``id/lewisham.jsonld``). A file per IRI, not a folder with an
``index.html``, because links between files work from a folder opened in a browser (``file://``), where
a link to a folder shows a listing, and because the persistent-identifier redirect only has to add a
suffix. Concepts (``concept/...``) and evidence graphs (``graph/...``) get pages the same way; terms of
the ontology link to their entry on the ontology page.

>>> page_path("https://w3id.org/csgraph/id/case/lewisham")
'id/case/lewisham.html'
>>> page_path("https://w3id.org/csgraph/id/../../etc/passwd") is None
True
>>> page_path(str(CS.Pilot))
'ontology.html#Pilot'
"""

from __future__ import annotations

import re

from ..namespace import CONCEPT, CS, GRAPH, ID, ONTOLOGY_IRI

__all__ = ["BASE", "PAGE_ROOTS", "SEGMENT", "alternate_path", "depth_of", "link_from", "own_page", "page_path"]

BASE = "https://w3id.org/csgraph/"
#: Folders of the release that hold one page per IRI, in the order the home page lists them.
PAGE_ROOTS = (str(ID), str(CONCEPT), str(GRAPH))
#: A path segment that becomes a file name as it is (anything else gets no page of its own).
SEGMENT = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,120}$")
_CS = str(CS._NS)


def _segments(iri: str) -> list[str] | None:
    if not any(iri.startswith(root) for root in PAGE_ROOTS):
        return None
    parts = iri[len(BASE):].split("/")
    if len(parts) < 2 or not all(SEGMENT.match(p) and not p.endswith(".") for p in parts):
        return None
    return parts


def page_path(iri: str) -> str | None:
    """The release-relative path of the page describing ``iri``, or None if it has none."""
    if iri == str(ONTOLOGY_IRI):
        return "ontology.html"
    if iri.startswith(_CS):
        local = iri[len(_CS):]
        return f"ontology.html#{local}" if SEGMENT.match(local) else None
    parts = _segments(iri)
    return "/".join(parts) + ".html" if parts else None


def own_page(iri: str) -> str | None:
    """The page of a thing that has a file of its own (under ``id/``, ``concept/`` or ``graph/``).

    >>> own_page("https://w3id.org/csgraph/ontology") is None
    True
    """
    parts = _segments(iri)
    return "/".join(parts) + ".html" if parts else None


def alternate_path(iri: str, suffix: str) -> str | None:
    """The path of the machine-readable description of ``iri`` (``suffix`` 'ttl' or 'jsonld')."""
    if iri == str(ONTOLOGY_IRI):
        return f"ontology.{suffix}"
    parts = _segments(iri)
    return "/".join(parts) + f".{suffix}" if parts else None


def depth_of(path: str) -> int:
    """How many folders down a release-relative path is."""
    return path.count("/")


def link_from(path: str, target: str) -> str:
    """A relative link from the page at ``path`` to ``target`` (both release-relative).

    >>> link_from("id/case/lewisham.html", "id/lewisham.html")
    '../../id/lewisham.html'
    """
    return "../" * depth_of(path) + target
