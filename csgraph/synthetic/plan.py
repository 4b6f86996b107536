"""The authorities of a synthetic data set, planned before any fact is written: nation, kind, codes,
names, safeguarding partnerships, police and health areas, and the organisations they share.
"""

from __future__ import annotations

import random

from .names import (
    ENGLISH_KINDS,
    ENGLISH_REGIONS,
    NATIONAL_PARTNERS,
    PARTNER_PATTERNS,
    SCOTTISH_REGIONS,
    WELSH_REGIONS,
    Places,
    authority_label,
    register_code,
)

__all__ = ["Authority", "Pools", "plan"]


class Authority:
    __slots__ = (
        "dfe",
        "gss",
        "health",
        "index",
        "kind",
        "label",
        "nation",
        "partnership",
        "partnership_lead",
        "place",
        "police",
        "prefix",
        "region",
        "register",
        "schools",
        "tid",
    )


def plan(n: int, rng: random.Random) -> list[Authority]:
    """The authorities: nation, kind, codes and names, before any facts are written."""
    if n >= 3:
        wales = max(1, round(n * 0.09))
        scotland = max(1, round(n * 0.12))
    else:
        wales = scotland = 0
    england = n - wales - scotland
    places = Places(rng)
    counters: dict[str, int] = {}
    english_dfe = [x for x in range(201, 1000) if not 660 <= x <= 699]
    welsh_dfe = list(range(660, 700))
    rng.shuffle(english_dfe)
    rng.shuffle(welsh_dfe)
    registers: set[str] = set()
    weights = [w for _, _, w in ENGLISH_KINDS]
    out = []
    for i in range(n):
        a = Authority()
        a.index = i
        if i < england:
            a.nation = "england"
            prefix, kind, _ = rng.choices(ENGLISH_KINDS, weights)[0]
            a.region = "London" if prefix == "E09" else rng.choice(ENGLISH_REGIONS)
            pool = [] if prefix == "E07" else english_dfe  # districts are not education authorities
        elif i < england + wales:
            a.nation, prefix, kind = "wales", "W06", "welsh-unitary"
            a.region = rng.choice(WELSH_REGIONS)
            pool = welsh_dfe
        else:
            a.nation, prefix, kind = "scotland", "S12", "scottish-council"
            a.region = rng.choice(SCOTTISH_REGIONS)
            pool = []
        counters[prefix] = counters.get(prefix, 0) + 1
        a.prefix, a.kind = prefix, kind
        a.gss = f"{prefix}{counters[prefix]:06d}"
        a.tid = a.gss.lower()
        a.place = places.new()
        a.dfe = f"{pool.pop():03d}" if pool else None
        a.register = register_code(a.place, registers, rng)
        a.label = authority_label(a, rng)
        # mean 95 schools; fewer in Wales and Scotland, more in counties, as in the real registers
        base = {"E10": 160, "E09": 88, "W06": 66, "S12": 77}.get(prefix, 103)
        a.schools = max(8, int(rng.gauss(base, base * 0.3)))
        out.append(a)
    # safeguarding partnerships: one authority, or two or three neighbours of one nation
    i = 0
    while i < n:
        # the first is always joint (when there are enough authorities), so a small set has one too
        size = 2 if i == 0 and n >= 4 else rng.choices((1, 2, 3), (0.75, 0.18, 0.07))[0]
        group = [a for a in out[i:i + size] if a.nation == out[i].nation]
        for a in group:
            a.partnership = group
            a.partnership_lead = group[0]
        i += len(group)
    # police forces and health bodies each cover a run of neighbouring authorities of one nation
    for attr, per in (("police", 3.5), ("health", 3.2)):
        start = 0
        while start < n:
            run = max(1, int(rng.expovariate(1 / per)) + 1)
            group = [a for a in out[start:start + run] if a.nation == out[start].nation]
            for a in group:
                setattr(a, attr, group[0].index)
            start += len(group)
    return out


class Pools:
    """Organisations shared across authorities: partners, police forces, health bodies, accreditors."""

    def __init__(self, authorities: list[Authority], rng: random.Random) -> None:
        n = len(authorities)
        places = Places(random.Random(rng.random()))
        self.size = min(100 + 2 * n, 600)
        self.partners = []
        for k in range(self.size):
            tid = f"partner-{k + 1:04d}"
            if k < len(NATIONAL_PARTNERS):
                label, sector, expertise = NATIONAL_PARTNERS[k], "voluntary-community", (
                    "contextual-safeguarding", "relationship-based")
            else:
                pattern, sector, expertise = rng.choice(PARTNER_PATTERNS)
                label = pattern.format(p=places.new())
            charity = f"{rng.randint(1000000, 1199999)}" if sector == "voluntary-community" else None
            company = f"{rng.randint(10000000, 14999999):08d}" if sector == "social-enterprise" else None
            self.partners.append((tid, label, sector, expertise, charity, company))
        self.national = max(1, self.size // 10)
        self.weights = [1.0 / (k + 1) ** 0.9 for k in range(self.national)]
        self.n = n
        by_index = {a.index: a for a in authorities}
        self.police = {}
        self.health = {}
        for a in authorities:
            lead = by_index[a.police]
            if lead.index not in self.police:
                if lead.nation == "scotland":
                    label = f"Police Scotland {lead.place} Division"
                elif rng.random() < 0.5:
                    label = f"{lead.place} Constabulary"
                else:
                    label = f"{lead.place} and {places.new()} Police"
                self.police[lead.index] = (f"police-{lead.tid}", label)
            lead = by_index[a.health]
            if lead.index not in self.health:
                if lead.nation == "england":
                    label = f"NHS {lead.place} Integrated Care Board"
                elif lead.nation == "wales":
                    label = f"{lead.place} University Health Board"
                else:
                    label = f"NHS {lead.place}"
                self.health[lead.index] = (f"health-{lead.tid}", label)

    def partner(self, rng: random.Random, index: int) -> tuple:
        """A partner for the authority at ``index``: a national one, or a local one of its neighbours."""
        if rng.random() < 0.35:
            return self.partners[rng.choices(range(self.national), self.weights)[0]]
        centre = self.national + (index * (self.size - self.national)) // max(1, self.n)
        k = min(self.size - 1, max(self.national, centre + rng.randint(-12, 12)))
        return self.partners[k]
