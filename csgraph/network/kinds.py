"""Node kinds: which classes become nodes, how a thing with several classes gets one kind, and the
kinds' readable names, read from the ontology.

A thing's kind is the short name of its class (``Service``). A concept's kind is named after its
concept scheme (``context`` gives ``Context``). The readable name of a kind is the class's
``rdfs:label`` (or the scheme's), read from the ontology graph that every loaded knowledge graph
holds, or from the bundled ontology when a remote endpoint lacks it.

>>> choose_kind({"School", "PracticeSetting"}, {"School": {"PracticeSetting"}})
('School', ())
>>> choose_kind({"Service", "Partnership"}, {})
('Partnership', ('Service',))
>>> KIND_LABELS["Service"]
'service or team'
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from functools import lru_cache

from ..kg import KnowledgeGraph
from ..namespace import CONCEPT, CS

__all__ = [
    "CONCEPT_KINDS",
    "ENTITY_KINDS",
    "HUB_KINDS",
    "KIND_LABELS",
    "choose_kind",
    "concept_kind",
    "kind_labels",
    "ontology_kinds",
]

#: The classes whose members become nodes, by short name. When a thing has several of them and none
#: is a subclass of another, the one listed first is its kind (organisations before the practice and
#: strategy they run, so a board that is also recorded as a pilot is drawn as a board); the others are
#: kept in the node's ``otherKinds``.
ENTITY_KINDS: tuple[str, ...] = (
    "LocalAuthority", "Partnership", "Service", "Board", "Post", "PartnerOrganisation", "Accreditor",
    "School", "PracticeSetting", "Strategy", "Priority", "Aim", "Change", "Pilot", "Rollout",
    "Training", "Review", "Challenge", "Mechanism", "Outcome",
)
#: Concept kinds the networks draw (from the concept schemes of the same names).
CONCEPT_KINDS: tuple[str, ...] = ("Approach", "Context", "Harm")
#: Kinds that a walk from one authority reaches but does not walk through: another authority, or a
#: partner or accreditor that may serve many authorities.
HUB_KINDS = frozenset({"LocalAuthority", "PartnerOrganisation", "Accreditor"})

_CLASS_BY_IRI = {str(CS[k]): k for k in ENTITY_KINDS}

_Q_CLASSES = """
SELECT DISTINCT ?class ?label ?super WHERE {
  VALUES ?class { %s }
  OPTIONAL { ?class rdfs:label ?label FILTER(LANG(?label) = "" || LANGMATCHES(LANG(?label), "en")) }
  OPTIONAL { ?class rdfs:subClassOf+ ?super }
}"""

_Q_SCHEMES = """
SELECT DISTINCT ?scheme ?label WHERE {
  ?scheme a skos:ConceptScheme ; rdfs:label ?label .
  FILTER(LANG(?label) = "" || LANGMATCHES(LANG(?label), "en"))
}"""


def concept_kind(scheme: str) -> str:
    """The kind of a concept in ``scheme``: the scheme's name in CamelCase.

    >>> concept_kind("https://w3id.org/csgraph/concept/service-type")
    'ServiceType'
    """
    name = scheme.removeprefix(str(CONCEPT))
    if name == scheme:
        name = re.split(r"[/#]", scheme.rstrip("/"))[-1]
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def choose_kind(kinds: Collection[str], supers: Mapping[str, Collection[str]]
                ) -> tuple[str, tuple[str, ...]]:
    """The kind of a thing that has the classes ``kinds``, and its other kinds.

    The most specific class wins: one that ``supers`` (class -> its superclasses) places above
    another of the thing's classes gives way. Between unrelated classes the one that comes first in
    :data:`ENTITY_KINDS` wins. The other kinds are the classes left that the winner does not imply.
    """
    kinds = set(kinds)
    if len(kinds) == 1:
        return next(iter(kinds)), ()
    above = {s for k in kinds for s in supers.get(k, ())}
    specific = [k for k in ENTITY_KINDS if k in kinds and k not in above]
    chosen = specific[0] if specific else next(k for k in ENTITY_KINDS if k in kinds)
    implied = set(supers.get(chosen, ()))
    return chosen, tuple(k for k in ENTITY_KINDS if k in kinds and k != chosen and k not in implied)


def ontology_kinds(kg: KnowledgeGraph) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The readable names of the node kinds, and each class's superclasses among them, as ``kg``'s
    ontology states them (kinds it does not label are named from the bundled ontology)."""
    labels, supers = _read(kg)
    if not all(k in labels for k in ENTITY_KINDS):
        bundled = _bundled()
        labels = {**bundled, **labels}
        if not supers:
            supers = _bundled_supers()
    return labels, supers


def kind_labels(kg: KnowledgeGraph | None = None) -> dict[str, str]:
    """Kind -> readable name (the class's or concept scheme's ``rdfs:label``), from ``kg``'s ontology
    or, without ``kg``, from the bundled one."""
    return ontology_kinds(kg)[0] if kg is not None else dict(_bundled())


def _read(kg: KnowledgeGraph) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    values = " ".join(CS[k].n3() for k in ENTITY_KINDS)
    labels: dict[str, str] = {}
    supers: dict[str, set[str]] = {}
    for cls, label, sup in kg.select_text(_Q_CLASSES % values, name="network-kinds"):
        kind = _CLASS_BY_IRI[cls]
        if label is not None:
            labels.setdefault(kind, label)
        if sup in _CLASS_BY_IRI:
            supers.setdefault(kind, set()).add(_CLASS_BY_IRI[sup])
    for scheme, label in kg.select_text(_Q_SCHEMES, name="network-schemes"):
        labels.setdefault(concept_kind(scheme), label)
    return labels, {k: frozenset(v) for k, v in supers.items()}


@lru_cache(maxsize=1)
def _bundled_kinds() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    from ..loader import load

    return _read(load())


def _bundled() -> dict[str, str]:
    return _bundled_kinds()[0]


def _bundled_supers() -> dict[str, frozenset[str]]:
    return _bundled_kinds()[1]


class _BundledLabels(Mapping[str, str]):
    """Kind -> readable name from the bundled ontology, read on first use (``import`` stays cheap)."""

    def __getitem__(self, kind: str) -> str:
        return _bundled()[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(_bundled())

    def __len__(self) -> int:
        return len(_bundled())

    def __repr__(self) -> str:
        return f"KIND_LABELS({dict(_bundled())!r})"


#: Readable names of the node kinds: the ``rdfs:label`` of each class of the bundled ontology, and of
#: each concept scheme for concept kinds (read on first use).
KIND_LABELS: Mapping[str, str] = _BundledLabels()
