"""The relations between things, in one table: predicate, direction and wording.

Each :class:`Relation` names its predicate (a ``cs:`` or W3C ORG term), says which way it runs from
strategy towards practice, and words the link both ways ("responds to" / "is responded to by"). The
trace, the networks and the ontology documentation read this table, so they agree on what lies
"downstream" of a strategy and on how a link is put into words.

Direction, read as "from strategy towards practice":

- ``"forward"``: from the subject to the object (a strategy *has priority* a priority);
- ``"backward"``: from the object to the subject (a priority *is responded to by* a change);
- ``None``: a link between organisations, places and owners that is not on the way from strategy
  to practice (a service *is a unit of* an authority).

Relations whose object is a SKOS concept (``concept=True``) have a direction too; the trace shows
their values as attributes of a step rather than as steps of their own.

>>> r = relation(CS.respondsTo)
>>> r.direction, r.forward, r.backward
('backward', 'responds to', 'is responded to by')
>>> r.wording(from_subject=False)
'is responded to by'
>>> [r.name for r in towards_practice() if not r.concept][:3]
['hasPriority', 'hasAim', 'respondsTo']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from rdflib.namespace import ORG
from rdflib.term import URIRef

from .namespace import CS

__all__ = ["BY_PREDICATE", "RELATIONS", "Direction", "Relation", "relation", "towards_practice"]

Direction = Literal["forward", "backward"] | None


@dataclass(frozen=True)
class Relation:
    """One relation: its predicate, its direction from strategy towards practice, its wording.

    ``forward`` words the link from subject to object, ``backward`` from object to subject.
    """

    predicate: URIRef
    direction: Direction
    forward: str
    backward: str
    concept: bool = False

    @property
    def name(self) -> str:
        """The predicate's local name (``respondsTo``, ``hasMember``)."""
        text = str(self.predicate)
        return text[max(text.rfind("#"), text.rfind("/")) + 1:]

    def wording(self, *, from_subject: bool) -> str:
        """The words for the link read from the subject (``True``) or from the object (``False``)."""
        return self.forward if from_subject else self.backward

    def downstream_from_subject(self) -> bool | None:
        """``True`` if practice lies at the object's end, ``False`` at the subject's, ``None`` if neither."""
        return None if self.direction is None else self.direction == "forward"


def _r(predicate: URIRef, direction: Direction, forward: str, backward: str, concept: bool = False) -> Relation:
    return Relation(URIRef(predicate), direction, forward, backward, concept)


#: Every relation between things that the trace, the networks and the documentation use. The ones
#: with a direction come first, in the order a trace prints them.
RELATIONS: tuple[Relation, ...] = (
    _r(CS.hasPriority, "forward", "has priority", "is a priority of"),
    _r(CS.hasAim, "forward", "has aim", "is an aim of"),
    _r(CS.respondsTo, "backward", "responds to", "is responded to by"),
    _r(CS.changed, "forward", "changed", "was changed by"),
    _r(CS.ledBy, "forward", "led by", "leads"),
    _r(ORG.hasMember, "forward", "has member", "is a member of"),
    _r(ORG.postIn, "backward", "is a post in", "has post"),
    _r(CS.hasRollout, "forward", "has roll-out", "is a roll-out of"),
    _r(CS.inSetting, "forward", "in setting", "is the setting of"),
    _r(CS.partOf, "backward", "is part of", "includes"),
    _r(CS.accreditedBy, "forward", "accredited by", "accredits"),
    _r(CS.evaluates, "backward", "evaluates", "is evaluated by"),
    _r(CS.affects, "backward", "affects", "is affected by"),
    _r(CS.supports, "backward", "supports", "is supported by"),
    _r(CS.ledTo, "forward", "led to", "resulted from"),
    _r(CS.about, "forward", "is about", "is the subject of"),
    _r(CS.atPlace, "forward", "at the place", "is the place of"),
    _r(CS.throughMeeting, "forward", "through the meeting", "is the meeting of"),
    _r(CS.involvedService, "forward", "involved the service", "was involved in"),
    _r(CS.usedBy, "backward", "is used by", "uses"),
    _r(CS.targetsContext, "forward", "targets context", "is a context targeted by", concept=True),
    _r(CS.settingType, "forward", "has setting type", "is the setting type of", concept=True),
    _r(CS.ownedBy, None, "owned by", "owns"),
    _r(ORG.unitOf, None, "is a unit of", "has unit"),
    _r(ORG.subOrganizationOf, None, "is a sub-organisation of", "has sub-organisation"),
    _r(CS.heldWithin, None, "held within", "holds the post"),
    _r(CS.leads, None, "leads", "is led by"),
    _r(CS.oversees, None, "oversees", "is overseen by"),
    _r(CS.deliversFor, None, "delivers services for", "has services delivered by"),
    _r(CS.inArea, None, "in the area of", "has in its area"),
    _r(CS.informed, None, "informed", "was informed by"),
    _r(CS.triggered, None, "triggered", "was triggered by"),
    _r(CS.cites, None, "cites", "is cited by"),
    _r(CS.convenedBy, None, "convened by", "convenes"),
    _r(CS.coversArea, None, "covers the area of", "is covered by"),
    _r(CS.predecessor, None, "has predecessor", "is the predecessor of"),
    _r(CS.figureFrom, None, "is a figure from", "gave the figure"),
    _r(CS.knownThrough, None, "known through", "knows of"),
    _r(ORG.originalOrganization, None, "changed the organisation", "was changed by"),
    _r(ORG.resultingOrganization, None, "resulted in", "resulted from"),
)

#: The relations by predicate.
BY_PREDICATE: Mapping[URIRef, Relation] = MappingProxyType({r.predicate: r for r in RELATIONS})


def relation(predicate: str | URIRef) -> Relation:
    """The relation of ``predicate``; ``KeyError`` naming it if the table has none.

    >>> relation(ORG.hasMember).backward
    'is a member of'
    """
    try:
        return BY_PREDICATE[URIRef(str(predicate))]
    except KeyError:
        raise KeyError(f"no relation in csgraph.relations has the predicate <{predicate}>") from None


def towards_practice() -> tuple[Relation, ...]:
    """The relations that run from strategy towards practice, in table order."""
    return tuple(r for r in RELATIONS if r.direction is not None)
