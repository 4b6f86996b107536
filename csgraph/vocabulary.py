"""The English labels of the ontology's classes, properties and concepts, read from ``ontology/``.

Code that names a class or a concept to a reader ("strategy or plan", "school") takes the words from
here, so that the ontology is the one place they are written. The files are read once, on first use.

>>> from csgraph.namespace import CS, concept
>>> label(CS.Strategy)
'strategy or plan'
>>> label(concept("context", "school"))
'school'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from rdflib.namespace import RDFS, SKOS

__all__ = ["label", "labels"]

_LABELS = (str(RDFS.label), str(SKOS.prefLabel))


@lru_cache(maxsize=1)
def labels() -> Mapping[str, str]:
    """IRI -> English label (``rdfs:label`` or ``skos:prefLabel``) of every term and concept."""
    import pyoxigraph as ox

    from .resources import ontology_files

    found: dict[str, str] = {}
    for f in ontology_files():
        for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE):
            o = q.object
            if (q.predicate.value in _LABELS and isinstance(o, ox.Literal) and o.language in ("en", None)
                    and isinstance(q.subject, ox.NamedNode)):
                found.setdefault(q.subject.value, o.value)
    return MappingProxyType(found)


def label(term: str) -> str:
    """The English label of a class, property or concept; ``KeyError`` naming it when it has none."""
    try:
        return labels()[str(term)]
    except KeyError:
        raise KeyError(f"the ontology gives no label for <{term}>") from None
