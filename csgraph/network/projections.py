"""The three projections of the facts: which kinds become nodes and which relations become edges.

>>> NETWORKS["partnership"].name, "hasMember" in NETWORKS["partnership"].relation_names
('partnership', True)
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.namespace import ORG

from ..namespace import CS
from ..relations import RELATIONS
from .facts import last_name

__all__ = ["BACKBONE", "CONTEXT", "NETWORKS", "PARTNERSHIP", "STRATEGY", "Projection"]


@dataclass(frozen=True)
class Projection:
    """One network: its node kinds, the relations between things that become edges, the relations
    from things to concepts and the concept kinds they reach, and whether things without any edge
    stay in it."""

    name: str
    kinds: tuple[str, ...]
    relations: tuple[str, ...]
    concept_relations: tuple[str, ...] = ()
    concept_kinds: tuple[str, ...] = ()
    keep_isolated: bool = True

    @property
    def all_kinds(self) -> tuple[str, ...]:
        return self.kinds + self.concept_kinds

    @property
    def relation_names(self) -> tuple[str, ...]:
        """The edges' keys: the short names of the relations."""
        return tuple(last_name(p) for p in (*self.relations, *self.concept_relations))


def _iris(*terms: object) -> tuple[str, ...]:
    return tuple(str(t) for t in terms)


#: Every link between two things (the relation table's relations to things, not to concepts), for
#: walking from an authority to what belongs to it.
BACKBONE = tuple(str(r.predicate) for r in RELATIONS if not r.concept)

PARTNERSHIP = Projection(
    "partnership",
    ("LocalAuthority", "Partnership", "Service", "Board", "Post", "PartnerOrganisation",
     "Accreditor", "School", "PracticeSetting", "Pilot", "Training"),
    _iris(ORG.hasMember, ORG.unitOf, ORG.subOrganizationOf, ORG.postIn, CS.heldWithin, CS.leads,
          CS.oversees, CS.deliversFor, CS.ledBy, CS.accreditedBy, CS.partOf, CS.inArea,
          CS.inSetting),
)
STRATEGY = Projection(
    "strategy",
    ("Strategy", "Priority", "Aim", "Change", "Service", "Partnership", "LocalAuthority",
     "PartnerOrganisation", "Pilot", "Rollout", "Training", "School", "PracticeSetting"),
    _iris(CS.ownedBy, CS.hasPriority, CS.hasAim, CS.partOf, CS.respondsTo, CS.changed, CS.ledBy,
          ORG.hasMember, CS.hasRollout, CS.inSetting),
    _iris(CS.targetsContext, CS.settingType),
    ("Context",),
)
CONTEXT = Projection(
    "context",
    ("Strategy", "Priority", "Aim", "Change", "Pilot", "Rollout", "Training", "Service",
     "Partnership", "PartnerOrganisation", "Accreditor", "Mechanism", "Outcome"),
    _iris(CS.hasRollout, CS.partOf),
    _iris(CS.approach, CS.usesApproach, CS.expertise, CS.targetsContext, CS.settingType,
          CS.inContext, CS.addressesHarm),
    ("Approach", "Context", "Harm"),
    keep_isolated=False,
)
#: The projections by name, as the command line's ``--kind`` names them.
NETWORKS: dict[str, Projection] = {"partnership": PARTNERSHIP, "strategy": STRATEGY,
                                   "context": CONTEXT}
