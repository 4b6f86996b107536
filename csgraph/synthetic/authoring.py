"""What the sections writing one synthetic authority's facts share (:class:`Authoring`)."""

from __future__ import annotations

import random

from .plan import Authority, Pools
from .writing import _LABEL, _RDF_TYPE, Case, Writer, _c, _cls, _esc, _id, _p

__all__ = ["Authoring"]


class Authoring:
    """What the sections writing one authority's facts share: the authority, its case study, the
    random source, and what earlier sections made that later ones link to."""

    def __init__(self, a: Authority, pools: Pools, rng: random.Random, years: tuple[int, int],
                 urn: int, gap: int, w: Writer, described: set[str]) -> None:
        self.a, self.pools, self.rng = a, pools, rng
        self.y0, self.y1 = years
        self.urn, self.gap = urn, gap
        self.case = Case(a, w, described)
        self.add = w.lines.append
        self.choice, self.random_, self.randint, self.sample = (rng.choice, rng.random, rng.randint,
                                                                rng.sample)
        self.me, self.tid, self.place = _id(a.tid), a.tid, a.place

    def describe(self, node: str, cls: str, label: str, g: str) -> None:
        self.add(f"{node} {_RDF_TYPE} {_cls(cls)} {g} .\n")
        self.add(f"{node} {_LABEL} {_esc(label)} {g} .\n")

    def partner(self, p: tuple, g: str) -> str:
        """A partner organisation (described by the first case that names it) of this authority."""
        add, case = self.add, self.case
        ptid, label, sector, expertise, charity, company = p
        node = _id(ptid)
        if ptid not in case.described:
            case.described.add(ptid)
            self.describe(node, "PartnerOrganisation", label, g)
            add(f"{node} {_p('sector')} {_c('sector', sector)} {g} .\n")
            for e in expertise:
                add(f"{node} {_p('expertise')} {_c('approach', e)} {g} .\n")
            if charity:
                add(f"{node} {_p('charityNumber')} {_esc(charity)} {g} .\n")
            if company:
                add(f"{node} {_p('companyNumber')} {_esc(company)} {g} .\n")
        if self.random_() < 0.3:
            add(f"{node} {_p('deliversFor')} {self.me} {g} .\n")
        return node
