"""A synthetic national data set in the csgraph ontology, for scale tests and benchmarks.

:func:`synth` writes N-Quads with exactly the classes, properties, concept IRIs and provenance layout
that case files produce: one synthetic case study per authority, whose facts sit in one named graph
per source section (``graph/{case}/{source}/{section}``), each described in the case graph as a
``cs:EvidenceGraph`` with its section, source and case. Every named query and :func:`csgraph.trace`
work on it unchanged, and a small instance conforms to the shapes.

Each authority gets a GSS code with the prefix of its kind (E06 unitary, E07 district, E08
metropolitan, E09 London, E10 county, W06 Welsh, S12 Scottish) and that authority type, a DfE number
(the education authorities of England and Wales: not districts) and a register code; strategies with
periods and priorities (some on Contextual Safeguarding); a safeguarding partnership with police and
health members, sometimes joint with its neighbours; services and teams, posts, a practice
partnership with partners drawn from a shared national pool; schools with six-digit URNs; pilots
with settings, roll-outs, accredited training and reviews; changes; and challenges and mechanisms
with outcomes. About 785 quads per authority: 150 authorities give about 118,000 quads, 1,275 about
a million. The names are invented and the web addresses use the reserved ``.example`` domain.

The same arguments always give the same bytes.

>>> text = synth(2, seed=1)
>>> text == synth(2, seed=1), text == synth(2, seed=2)
(True, False)
>>> line = next(x for x in text.splitlines() if "gssCode" in x)
>>> line.split()[2][1:3], len(line.split()[2])
('E0', 11)
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Callable

__all__ = ["MAX_AUTHORITIES", "synth"]

#: The most authorities :func:`synth` makes (URNs have six digits, so schools run out beyond this).
MAX_AUTHORITIES = 5000

_CS = "https://w3id.org/csgraph/ontology#"
_ID = "https://w3id.org/csgraph/id/"
_GRAPH = "https://w3id.org/csgraph/graph/"
_CONCEPT = "https://w3id.org/csgraph/concept/"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
_ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
_DESC = "<http://purl.org/dc/terms/description>"
_DCT_TITLE = "<http://purl.org/dc/terms/title>"
_DCT_PUBLISHER = "<http://purl.org/dc/terms/publisher>"
_DCT_CREATED = "<http://purl.org/dc/terms/created>"
_DCT_PART_OF = "<http://purl.org/dc/terms/isPartOf>"
_PRIMARY = "<http://www.w3.org/ns/prov#hadPrimarySource>"
_DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
_ORG = "http://www.w3.org/ns/org#"
_HAS_MEMBER = f"<{_ORG}hasMember>"
_UNIT_OF = f"<{_ORG}unitOf>"
_POST_IN = f"<{_ORG}postIn>"
_SUB_ORG = f"<{_ORG}subOrganizationOf>"
_ORIGINAL = f"<{_ORG}originalOrganization>"
_RESULTING = f"<{_ORG}resultingOrganization>"
_AWARD = "<https://schema.org/award>"


def _p(name: str) -> str:
    return f"<{_CS}{name}>"


def _esc(text: str) -> str:
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r"))
    return f'"{text}"'


def _int(n: int) -> str:
    return f'"{n}"^^<{_XSD}integer>'


def _year(y: int) -> str:
    return f'"{y}"^^<{_XSD}gYear>'


def _date(d: dt.date) -> str:
    return f'"{d.isoformat()}"^^<{_XSD}date>'


def _url(u: str) -> str:
    return f'"{u}"^^<{_XSD}anyURI>'


_CONCEPTS: dict[tuple[str, str], str] = {}


def _c(scheme: str, notation: str) -> str:
    key = (scheme, notation)
    iri = _CONCEPTS.get(key)
    if iri is None:
        iri = _CONCEPTS[key] = f"<{_CONCEPT}{scheme}/{notation}>"
    return iri


def _id(tid: str) -> str:
    return f"<{_ID}{tid}>"


def _cls(name: str) -> str:
    return f"<{_CS}{name}>"


# --- vocabulary of the invented names --------------------------------------------------------------

_STEMS = ("Ash", "Brad", "Bram", "Brook", "Burn", "Cal", "Castle", "Chal", "Clay", "Cold", "Crow",
          "Dal", "Dun", "Elm", "Fair", "Fern", "Fox", "Glen", "Gold", "Green", "Hal", "Hart", "Hazel",
          "High", "Holm", "Kings", "Kirk", "Lang", "Lark", "Lin", "Long", "Mar", "Mill", "Moor",
          "Nor", "Oak", "Pen", "Queens", "Red", "Rich", "Rose", "Rother", "Sal", "Sand", "Shel",
          "Stan", "Stock", "Stone", "Sud", "Thorn", "Wal", "Wake", "Wes", "Whit", "Wick", "Wil",
          "Win", "Wood", "Wyn", "Yar")
_ENDS = ("bridge", "brook", "bury", "by", "caster", "chester", "combe", "dale", "den", "field",
         "ford", "gate", "ham", "hampton", "hill", "holme", "hurst", "ington", "ley", "mere",
         "minster", "mouth", "port", "stead", "stow", "thorpe", "ton", "wick", "worth", "wood")
_QUALIFIERS = ("North", "South", "East", "West", "Upper", "Great", "Little", "Old", "New")
_SAINTS = ("Mary", "John", "Peter", "Paul", "Andrew", "Michael", "Anne", "Joseph", "Margaret",
           "Thomas", "Luke", "Mark", "Matthew", "Bede", "Chad", "Hilda", "Aidan", "David", "Patrick",
           "Bartholomew", "Catherine", "George", "James", "Stephen")
_ENGLISH_REGIONS = ("North East", "North West", "Yorkshire and the Humber", "East Midlands",
                    "West Midlands", "East of England", "South East", "South West")
_WELSH_REGIONS = ("North Wales", "Mid Wales", "South West Wales", "South East Wales")
_SCOTTISH_REGIONS = ("Highlands and Islands", "North East Scotland", "Central Scotland", "Glasgow",
                     "Lothian", "Mid Scotland and Fife", "South Scotland", "West Scotland")

# (GSS prefix, authority-type notation, weight within England)
_ENGLISH_KINDS = (("E06", "unitary", 0.33), ("E07", "district", 0.10), ("E08", "metropolitan-district", 0.2),
                  ("E09", "london-borough", 0.19), ("E10", "county", 0.18))

_SERVICES = (
    ("childrens-social-care", "{p} children's social care", ("signs-of-safety", "relationship-based")),
    ("early-help", "{p} early help service", ("relationship-based", "trauma-informed")),
    ("youth-offending-service", "{p} youth justice service", ("restorative-justice", "trauma-informed")),
    ("mash", "{p} multi-agency safeguarding hub", ()),
    ("safeguarding-adolescents-team", "{p} adolescent safeguarding team",
     ("contextual-safeguarding", "relationship-based")),
    ("exploitation-team", "{p} exploitation and missing team", ("contextual-safeguarding",)),
    ("community-safety", "{p} community safety team", ("contextual-violence-reduction",)),
    ("childrens-services", "{p} children's services", ("whole-system",)),
)
_TOOLS = ("context-weighting", "cs-exploitation-conference", "location-assessment", "mace",
          "peer-group-conference", "peer-mapping", "school-assessment", "system-review", "vat")
_HARMS = ("child-criminal-exploitation", "child-exploitation", "child-sexual-exploitation",
          "county-lines", "extra-familial-harm", "harmful-sexual-behaviour", "online-harm",
          "peer-on-peer-abuse", "relational-harm", "serious-youth-violence")
_CONTEXTS = ("family-home", "neighbourhood", "online", "peer-group", "school")
_PRIORITIES = (
    ("Introducing Contextual Safeguarding", ("contextual-safeguarding",), ()),
    ("Contextual Safeguarding across the partnership", ("contextual-safeguarding",), ("extra-familial-harm",)),
    ("Safety in schools, parks and neighbourhoods", ("contextual-safeguarding", "prevention"),
     ("extra-familial-harm",)),
    ("Child exploitation", ("child-exploitation",), ("child-exploitation", "county-lines")),
    ("Serious youth violence", ("serious-youth-violence",), ("serious-youth-violence",)),
    ("Early help and prevention", ("prevention",), ()),
    ("Neglect", ("neglect",), ()),
    ("Think Family", ("think-family",), ()),
    ("Vulnerable adolescents", ("vulnerable-adolescents",), ("peer-on-peer-abuse",)),
    ("Online safety", ("prevention",), ("online-harm",)),
)
_STRATEGIES = ("Early Help Strategy", "Children and Young People's Plan", "Adolescent Safeguarding Strategy",
               "Serious Violence Strategy", "Youth Justice Plan", "Child Exploitation Strategy")
_CHANGES = (
    ("service-remodel", "Remodelling of the {s}"), ("new-cs-team", "A new Contextual Safeguarding team"),
    ("cs-lead-role", "A Contextual Safeguarding lead post"), ("steering-group", "A CS steering group"),
    ("cs-training", "Contextual Safeguarding training for staff"), ("restructure", "Restructure of the {s}"),
    ("cs-champions", "Contextual Safeguarding champions in each team"),
    ("adolescent-strategy", "A new adolescent safeguarding approach"),
    ("oversight-group", "An exploitation oversight group"), ("reorganised-team", "Reorganisation of the {s}"),
    ("bespoke-resources", "Bespoke resources for practitioners"), ("efh-forum", "An extra-familial harm forum"),
    ("practice-pilot", "A practice pilot in the {s}"),
)
_CHALLENGES = (("funding-sustainability", "Sustaining the work and its funding"),
               ("covid-19", "Covid-19 limits on meeting partners"), ("buy-in", "Winning buy-in from schools"),
               ("information-sharing", "Sharing information between agencies"),
               ("thresholds", "Thresholds written for risk inside families"),
               ("workforce-capacity", "Staff turnover and capacity"),
               ("stakeholder-disagreement", "Partners disagreeing on priorities"),
               ("parental-capacity-legislation", "Legislation framed around parental capacity"))
_MECHANISMS = (("fit-with-existing-practice", "CS fits practice the teams already use"),
               ("foundation-for-relationships", "A base for relationship-based work"),
               ("setting-focus-with-reach", "A setting-based approach that reaches the community"),
               ("shared-responsibility", "Shared responsibility for responding to harm"),
               ("staff-learning", "Staff engaging with learning"),
               ("stakeholder-buy-in", "Buy-in from schools, parents and the community"),
               ("wider-involvement", "Wider involvement in safety planning"))
_APPROACH_TEXT = {"contextual-safeguarding": "Contextual Safeguarding",
                  "cs-restorative-practice": "CS-restorative practice",
                  "restorative-practice": "restorative practice", "restorative-justice": "restorative justice",
                  "trauma-informed": "trauma-informed", "whole-school": "whole-school",
                  "relationship-based": "relationship-based practice"}
_PARTICIPANTS = ("community-groups", "community-policing-teams", "parents-carers", "playground-assistants",
                 "practitioners", "pupils", "safer-neighbourhood-officers", "safer-schools-officers",
                 "school-leads", "school-staff", "teaching-assistants", "young-people")
_PILOT_APPROACHES = ("contextual-safeguarding", "cs-restorative-practice", "restorative-practice",
                     "trauma-informed", "whole-school", "relationship-based")
# (label, alt label, sector, expertise, quality mark)
_ACCREDITORS = (
    ("Restorative Practice Standards Council", "RPSC", "voluntary-community", "restorative-practice",
     "Restorative Service Quality Mark"),
    ("Institute for Trauma-Informed Practice", "ITIP", "voluntary-community", "trauma-informed",
     "Trauma-Informed Organisation Award"),
    ("Youth Work Quality Council", "YWQC", "voluntary-community", "relationship-based",
     "Youth Work Quality Mark"),
    ("Safeguarding Training Accreditation Board", "STAB", "social-enterprise", "contextual-safeguarding",
     "Safeguarding Training Standard"),
    ("Whole School Wellbeing Alliance", "WSWA", "education", "whole-school", "Wellbeing Award for Schools"),
    ("Mediation Standards Authority", "MSA", "voluntary-community", "restorative-justice",
     "Mediation Quality Mark"),
)
_PARTNER_PATTERNS = (
    ("{p} Youth Project", "voluntary-community", ("relationship-based",)),
    ("{p} Mediation Service", "voluntary-community", ("restorative-practice", "restorative-justice")),
    ("Safer {p} Trust", "voluntary-community", ("contextual-safeguarding",)),
    ("{p} Mentoring CIC", "social-enterprise", ("relationship-based",)),
    ("{p} Sports Alliance", "voluntary-community", ("relationship-based",)),
    ("{p} Detached Youth Work", "voluntary-community", ("contextual-safeguarding", "relationship-based")),
    ("{p} Education Partnership", "education", ("whole-school",)),
    ("{p} Community Health Services", "health", ("trauma-informed",)),
    ("{p} Family Therapy Centre", "health", ("trauma-informed", "relationship-based")),
    ("{p} Housing Association", "social-enterprise", ()),
    ("{p} Transport Safety Team", "local-government", ("contextual-safeguarding",)),
    ("{p} Violence Reduction Network", "local-government", ("contextual-violence-reduction",)),
)
_NATIONAL_PARTNERS = ("National Youth Futures", "Children's Safety Alliance", "Safer Streets Foundation",
                      "Young People First", "The Mentoring Trust", "Together Against Exploitation",
                      "Open Doors Youth Charity", "Restorative Schools Network")
_SCHOOL_KINDS = {
    "primary": ("Primary School", "Primary School", "Primary School", "Infant School", "Junior School",
                "Church of England Primary School", "Catholic Primary School", "Primary Academy"),
    "secondary": ("High School", "Academy", "School", "Community College", "Catholic High School",
                  "Grammar School"),
    "all-through": ("All-Through School", "Academy"),
}


class _Place:
    """Invented place names, each used once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self) -> str:
        rng = self.rng
        while True:
            name = rng.choice(_STEMS) + rng.choice(_ENDS)
            if rng.random() < 0.12 or name in self.used:
                name = f"{rng.choice(_QUALIFIERS)} {name}"
            if name not in self.used:
                self.used.add(name)
                return name

    def local(self) -> str:
        """A local name that may repeat (a street, a village)."""
        rng = self.rng
        return rng.choice(_STEMS) + rng.choice(_ENDS)


class _Authority:
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


def _plan(n: int, rng: random.Random) -> list[_Authority]:
    """The authorities: nation, kind, codes and names, before any facts are written."""
    if n >= 3:
        wales = max(1, round(n * 0.09))
        scotland = max(1, round(n * 0.12))
    else:
        wales = scotland = 0
    england = n - wales - scotland
    places = _Place(rng)
    counters: dict[str, int] = {}
    english_dfe = [x for x in range(201, 1000) if not 660 <= x <= 699]
    welsh_dfe = list(range(660, 700))
    rng.shuffle(english_dfe)
    rng.shuffle(welsh_dfe)
    registers: set[str] = set()
    weights = [w for _, _, w in _ENGLISH_KINDS]
    out = []
    for i in range(n):
        a = _Authority()
        a.index = i
        if i < england:
            a.nation = "england"
            prefix, kind, _ = rng.choices(_ENGLISH_KINDS, weights)[0]
            a.region = "London" if prefix == "E09" else rng.choice(_ENGLISH_REGIONS)
            pool = [] if prefix == "E07" else english_dfe  # districts are not education authorities
        elif i < england + wales:
            a.nation, prefix, kind = "wales", "W06", "welsh-unitary"
            a.region = rng.choice(_WELSH_REGIONS)
            pool = welsh_dfe
        else:
            a.nation, prefix, kind = "scotland", "S12", "scottish-council"
            a.region = rng.choice(_SCOTTISH_REGIONS)
            pool = []
        counters[prefix] = counters.get(prefix, 0) + 1
        a.prefix, a.kind = prefix, kind
        a.gss = f"{prefix}{counters[prefix]:06d}"
        a.tid = a.gss.lower()
        a.place = places.new()
        a.dfe = f"{pool.pop():03d}" if pool else None
        a.register = _register_code(a.place, registers, rng)
        a.label = _authority_label(a, rng)
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


def _register_code(place: str, used: set[str], rng: random.Random) -> str:
    letters = [c for c in place.upper() if c.isalpha()]
    first = letters[0]
    rest = [c for c in letters[1:] if c not in "AEIOU"] or letters[1:]
    for candidate in ([first + "".join(rest[:2])] + [first + a + b for a in rest for b in rest if a != b]):
        if len(candidate) == 3 and candidate not in used:
            used.add(candidate)
            return candidate
    while True:
        candidate = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))
        if candidate not in used:
            used.add(candidate)
            return candidate


def _authority_label(a: _Authority, rng: random.Random) -> str:
    p = a.place
    if a.prefix == "E09":
        return f"Royal Borough of {p}" if rng.random() < 0.08 else f"London Borough of {p}"
    if a.prefix == "E08":
        return f"City of {p} Council" if rng.random() < 0.3 else f"{p} Metropolitan Borough Council"
    if a.prefix == "E10":
        return f"{p} County Council"
    if a.prefix == "E07":
        return f"{p} District Council"
    if a.prefix == "E06":
        return f"{p} City Council" if rng.random() < 0.15 else f"{p} Council"
    if a.prefix == "W06":
        return f"{p} County Borough Council" if rng.random() < 0.4 else f"{p} County Council"
    return f"{p} Council"


class _Pools:
    """Organisations shared across authorities: partners, police forces, health bodies, accreditors."""

    def __init__(self, authorities: list[_Authority], rng: random.Random) -> None:
        n = len(authorities)
        places = _Place(random.Random(rng.random()))
        self.size = min(100 + 2 * n, 600)
        self.partners = []
        for k in range(self.size):
            tid = f"partner-{k + 1:04d}"
            if k < len(_NATIONAL_PARTNERS):
                label, sector, expertise = _NATIONAL_PARTNERS[k], "voluntary-community", (
                    "contextual-safeguarding", "relationship-based")
            else:
                pattern, sector, expertise = rng.choice(_PARTNER_PATTERNS)
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


class _Writer:
    """Collects quad lines and flushes them to the output."""

    __slots__ = ("count", "lines", "sink")

    def __init__(self, sink: Callable[[str], object]) -> None:
        self.lines: list[str] = []
        self.count = 0
        self.sink = sink

    def flush(self) -> None:
        if self.lines:
            self.sink("".join(self.lines))
            self.count += len(self.lines)
            self.lines.clear()


_SOURCES = {
    "case-study": ("Case study: Contextual Safeguarding in {place}", "casestudies.csgraph.example/{slug}",
                   "Contextual Safeguarding programme (synthetic)"),
    "la-codes": ("Local authority names and codes (synthetic register)",
                 "register.csgraph.example/authorities/{gss}", None),
    "arrangements": ("{place} safeguarding children partnership arrangements",
                     "{slug}.council.example/safeguarding/partnership-arrangements", None),
    "schools": ("Schools in {place} (synthetic register)", "schools.csgraph.example/authority/{gss}", None),
    "evaluation": ("Evaluation of Contextual Safeguarding work in {place}",
                   "{slug}.council.example/reports/cs-evaluation", None),
}


class _Case:
    """One synthetic case study: its sources, evidence graphs and things."""

    def __init__(self, a: _Authority, w: _Writer, described: set[str]) -> None:
        self.a, self.w = a, w
        self.case = a.tid
        self.case_graph = f"<{_GRAPH}{self.case}>"
        self.case_node = f"<{_ID}case/{self.case}>"
        self.graphs: dict[tuple[str, str], str] = {}
        self.sources: list[str] = []
        # shared organisations are described once, by the first case that names them: a thing
        # described in k graphs is k rows of each of its facts in the union default graph, and
        # queries that join several of its facts would grow as a power of k
        self.described = described

    def g(self, source: str, section: str = "page") -> str:
        key = (source, section)
        graph = self.graphs.get(key)
        if graph is None:
            graph = self.graphs[key] = f"<{_GRAPH}{self.case}/{source}/{section}>"
            if source not in self.sources:
                self.sources.append(source)
            src = f"<{_ID}source/{self.case}/{source}>"
            cg = self.case_graph
            add = self.w.lines.append
            add(f"{graph} {_RDF_TYPE} {_cls('EvidenceGraph')} {cg} .\n")
            add(f"{graph} {_p('section')} {_c('section', section)} {cg} .\n")
            add(f"{graph} {_PRIMARY} {src} {cg} .\n")
            add(f"{graph} {_DERIVED} {src} {cg} .\n")
            add(f"{graph} {_DCT_PART_OF} {self.case_node} {cg} .\n")
        return graph

    def record(self, title: str, genre: str, encoded: dt.date) -> None:
        a, cg, node = self.a, self.case_graph, self.case_node
        add = self.w.lines.append
        add(f"{node} {_RDF_TYPE} {_cls('CaseStudy')} {cg} .\n")
        add(f"{node} {_DCT_TITLE} {_esc(title)} {cg} .\n")
        add(f"{node} {_p('genre')} {_c('genre', genre)} {cg} .\n")
        add(f"{node} {_p('describes')} {_id(a.tid)} {cg} .\n")
        add(f"{node} {_DCT_CREATED} {_date(encoded)} {cg} .\n")
        slug = a.place.lower().replace(" ", "-")
        for sid in self.sources:
            title_t, url_t, publisher = _SOURCES[sid]
            s = f"<{_ID}source/{self.case}/{sid}>"
            add(f"{s} {_RDF_TYPE} {_cls('Source')} {cg} .\n")
            add(f"{s} {_p('url')} {_url('https://' + url_t.format(slug=slug, gss=a.gss.lower()))} {cg} .\n")
            add(f"{s} {_DCT_TITLE} {_esc(title_t.format(place=a.place))} {cg} .\n")
            if publisher:
                add(f"{s} {_DCT_PUBLISHER} {_esc(publisher)} {cg} .\n")
            if sid == "case-study":
                add(f"{node} {_PRIMARY} {s} {cg} .\n")


def _generate(n: int, seed: int, years: tuple[int, int], w: _Writer) -> None:
    rng = random.Random(seed)
    authorities = _plan(n, rng)
    pools = _Pools(authorities, rng)
    y0, y1 = years
    urn = 100000
    total_schools = sum(a.schools for a in authorities)
    gap = max(1, (899999 - 100000) // max(1, total_schools))
    gap = min(gap, 6)
    described: set[str] = set()
    for a in authorities:
        urn = _authority(a, pools, rng, y0, y1, urn, gap, w, described)
        w.flush()


def _authority(a: _Authority, pools: _Pools, rng: random.Random, y0: int, y1: int, urn: int,
               gap: int, w: _Writer, described: set[str]) -> int:
    case = _Case(a, w, described)
    add = w.lines.append
    choice, random_, randint, sample = rng.choice, rng.random, rng.randint, rng.sample
    T, L = _RDF_TYPE, _LABEL
    me = _id(a.tid)
    tid = a.tid
    place = a.place

    def describe(node: str, cls: str, label: str, g: str) -> None:
        add(f"{node} {T} {_cls(cls)} {g} .\n")
        add(f"{node} {L} {_esc(label)} {g} .\n")

    def partner(p: tuple, g: str) -> str:
        ptid, label, sector, expertise, charity, company = p
        node = _id(ptid)
        if ptid not in case.described:
            case.described.add(ptid)
            describe(node, "PartnerOrganisation", label, g)
            add(f"{node} {_p('sector')} {_c('sector', sector)} {g} .\n")
            for e in expertise:
                add(f"{node} {_p('expertise')} {_c('approach', e)} {g} .\n")
            if charity:
                add(f"{node} {_p('charityNumber')} {_esc(charity)} {g} .\n")
            if company:
                add(f"{node} {_p('companyNumber')} {_esc(company)} {g} .\n")
        if random_() < 0.3:
            add(f"{node} {_p('deliversFor')} {me} {g} .\n")
        return node

    # the authority ---------------------------------------------------------------------------
    g_intro = case.g("case-study", "introduction")
    describe(me, "LocalAuthority", a.label, g_intro)
    add(f"{me} {_ALT} {_esc(place)} {g_intro} .\n")
    if a.kind:
        add(f"{me} {_p('authorityType')} {_c('authority-type', a.kind)} {g_intro} .\n")
    add(f"{me} {_p('nation')} {_c('nation', a.nation)} {g_intro} .\n")
    add(f"{me} {_p('region')} {_esc(a.region)} {g_intro} .\n")
    for ap in sample(("contextual-safeguarding", "signs-of-safety", "trauma-informed",
                      "relationship-based", "whole-system"), randint(0, 2)):
        add(f"{me} {_p('usesApproach')} {_c('approach', ap)} {g_intro} .\n")
    g_codes = case.g("la-codes")
    add(f"{me} {_p('gssCode')} {_esc(a.gss)} {g_codes} .\n")
    if a.dfe:
        add(f"{me} {_p('dfeCode')} {_esc(a.dfe)} {g_codes} .\n")
    add(f"{me} {_p('registerCode')} {_esc(a.register)} {g_codes} .\n")

    # the safeguarding partnership (described by its lead authority's case) ---------------------------
    g_arr = case.g("arrangements")
    lead = a.partnership_lead
    scp = _id(f"{lead.tid}-scp")
    if lead is a:
        places = " and ".join(x.place for x in a.partnership)
        describe(scp, "Partnership", f"{places} Safeguarding Children Partnership", g_arr)
        add(f"{scp} {_ALT} {_esc(''.join(x.place[0] for x in a.partnership) + 'SCP')} {g_arr} .\n")
        for member in a.partnership:
            add(f"{scp} {_HAS_MEMBER} {_id(member.tid)} {g_arr} .\n")
        for pool, sector in ((pools.police, "police"), (pools.health, "health")):
            done = set()
            for member in a.partnership:
                ptid, plabel = pool[member.police if sector == "police" else member.health]
                if ptid in done:
                    continue
                done.add(ptid)
                node = _id(ptid)
                add(f"{scp} {_HAS_MEMBER} {node} {g_arr} .\n")
                if ptid not in case.described:
                    case.described.add(ptid)
                    describe(node, "PartnerOrganisation", plabel, g_arr)
                    add(f"{node} {_p('sector')} {_c('sector', sector)} {g_arr} .\n")
        established = dt.date(2019, 6, 29) if random_() < 0.6 else dt.date(2019, 9, randint(1, 29))
        add(f"{scp} {_p('established')} {_date(established)} {g_arr} .\n")
        if random_() < 0.4:
            add(f"{scp} {_p('usesApproach')} {_c('approach', 'contextual-safeguarding')} {g_arr} .\n")
        if random_() < 0.3:
            lscb = _id(f"{lead.tid}-lscb")
            describe(lscb, "Partnership", f"{a.place} Local Safeguarding Children Board", g_arr)
            reform = _id(f"{lead.tid}-scp-reform")
            describe(reform, "Change", "The safeguarding children board becomes the partnership", g_arr)
            add(f"{reform} {_p('changeType')} {_c('change', 'partnership-reform')} {g_arr} .\n")
            add(f"{reform} {_ORIGINAL} {lscb} {g_arr} .\n")
            add(f"{reform} {_RESULTING} {scp} {g_arr} .\n")
            add(f"{reform} {_p('startDate')} {_date(established)} {g_arr} .\n")

    # strategies, priorities and aims -----------------------------------------------------------
    g_vis = case.g("case-study", "vision")
    cs_focus = random_() < 0.45
    priorities: list[str] = []
    owners = [me] + ([scp] if lead is a else [])
    n_strategies = randint(1, 2) + (1 if lead is a else 0)
    names = sample(_STRATEGIES, n_strategies)
    previous = None
    for k, name in enumerate(names):
        s = _id(f"{tid}-strategy-{k + 1}")
        owner = owners[1] if k == len(names) - 1 and len(owners) > 1 else me
        start = randint(y0, y1 - 1)
        end = randint(start + 1, min(start + 4, y1))
        describe(s, "Strategy", f"{place} {name} {start}-{end}", g_vis)
        add(f"{s} {_p('ownedBy')} {owner} {g_vis} .\n")
        add(f"{s} {_p('startYear')} {_year(start)} {g_vis} .\n")
        add(f"{s} {_p('endYear')} {_year(end)} {g_vis} .\n")
        chosen = sample(range(3, len(_PRIORITIES)), randint(2, 3))
        if cs_focus and k == 0:
            chosen[0] = randint(0, 2)
        add(f"{s} {_p('priorityCount')} {_int(len(chosen) + randint(0, 3))} {g_vis} .\n")
        if previous is not None and random_() < 0.2:
            add(f"{s} {_p('partOf')} {previous} {g_vis} .\n")
        previous = s
        for j, pi in enumerate(chosen):
            label, topics, harms = _PRIORITIES[pi]
            pr = _id(f"{tid}-strategy-{k + 1}-priority-{j + 1}")
            describe(pr, "Priority", label, g_vis)
            for t in topics:
                add(f"{pr} {_p('topic')} {_c('topic', t)} {g_vis} .\n")
            for h in harms:
                add(f"{pr} {_p('addressesHarm')} {_c('harm', h)} {g_vis} .\n")
            add(f"{s} {_p('hasPriority')} {pr} {g_vis} .\n")
            priorities.append(pr)
        if random_() < 0.5:
            aim = _id(f"{tid}-strategy-{k + 1}-aim")
            describe(aim, "Aim", "Protect young people in the places where they meet harm", g_vis)
            add(f"{aim} {_p('topic')} {_c('topic', 'prevention')} {g_vis} .\n")
            add(f"{aim} {_p('targetsContext')} {_c('context', choice(_CONTEXTS))} {g_vis} .\n")
            add(f"{s} {_p('hasAim')} {aim} {g_vis} .\n")
        for h in sample(_HARMS, randint(0, 2)):
            add(f"{s} {_p('addressesHarm')} {_c('harm', h)} {g_vis} .\n")
        if random_() < 0.3:
            add(f"{s} {_p('targetsContext')} {_c('context', choice(_CONTEXTS))} {g_vis} .\n")

    # services, teams, posts and the board ----------------------------------------------------------
    g_put = case.g("case-study", "put-in-place")
    services, service_labels = [], {}
    for stype, pattern, approaches in sample(_SERVICES, randint(4, 6)):
        sv = _id(f"{tid}-{stype}")
        service_labels[sv] = pattern.format(p=place)
        describe(sv, "Service", service_labels[sv], g_put)
        add(f"{sv} {_UNIT_OF} {me} {g_put} .\n")
        add(f"{sv} {_p('serviceType')} {_c('service-type', stype)} {g_put} .\n")
        for ap in approaches[:randint(0, len(approaches))]:
            add(f"{sv} {_p('usesApproach')} {_c('approach', ap)} {g_put} .\n")
        if random_() < 0.25:
            add(f"{sv} {_p('usesTool')} {_c('tool', choice(_TOOLS))} {g_put} .\n")
        if random_() < 0.03:
            add(f"{sv} {_AWARD} {_esc('Children and Young People Now Award (synthetic)')} {g_put} .\n")
        services.append(sv)

    # the practice partnership and its partners ---------------------------------------------------
    pp = _id(f"{tid}-practice-partnership")
    describe(pp, "Partnership", f"{place} Contextual Safeguarding practice partnership", g_put)
    add(f"{pp} {_DESC} {_esc('Services and partners working together on extra-familial harm.')} {g_put} .\n")
    for sv in sample(services, 2):
        add(f"{pp} {_HAS_MEMBER} {sv} {g_put} .\n")
    partners = []
    for _ in range(randint(1, 3)):
        chosen = pools.partner(rng, a.index)
        if _id(chosen[0]) not in partners:
            pnode = partner(chosen, g_put)
            partners.append(pnode)
            add(f"{pp} {_HAS_MEMBER} {pnode} {g_put} .\n")
    add(f"{pp} {_p('usesApproach')} {_c('approach', choice(_PILOT_APPROACHES))} {g_put} .\n")

    # schools ---------------------------------------------------------------------------------
    g_sch = case.g("schools")
    schools = []
    st, lab, urn_p, ph, area = _cls("School"), _LABEL, _p("urn"), _p("phase"), _p("inArea")
    phases = (("primary",) * 16) + (("secondary",) * 3) + ("all-through",)
    for _ in range(a.schools):
        urn += randint(1, gap)
        phase = choice(phases)
        if random_() < 0.3:
            name = f"St {choice(_SAINTS)}'s {choice(_SCHOOL_KINDS[phase])}"
        else:
            name = f"{choice(_STEMS)}{choice(_ENDS)} {choice(_SCHOOL_KINDS[phase])}"
        node = f"<{_ID}school-{urn}>"
        add(f"{node} {T} {st} {g_sch} .\n")
        add(f"{node} {lab} {_esc(name)} {g_sch} .\n")
        add(f"{node} {urn_p} \"{urn}\" {g_sch} .\n")
        if random_() < 0.92:
            add(f"{node} {ph} {_c('phase', phase)} {g_sch} .\n")
        add(f"{node} {area} {me} {g_sch} .\n")
        schools.append(node)

    # pilots, roll-outs, training and reviews ---------------------------------------------------
    pilots, rollouts = [], []
    g_ev = None
    for k in range(randint(1, 2)):
        pl = _id(f"{tid}-pilot-{k + 1}")
        approach = choice(_PILOT_APPROACHES)
        describe(pl, "Pilot", f"{place} {_APPROACH_TEXT[approach]} schools pilot", g_put)
        add(f"{pl} {_p('approach')} {_c('approach', approach)} {g_put} .\n")
        add(f"{pl} {_p('ledBy')} {pp if random_() < 0.7 else choice(services)} {g_put} .\n")
        add(f"{pl} {_p('settingType')} {_c('context', 'school')} {g_put} .\n")
        in_pilot = sample(schools, min(len(schools), randint(3, 12)))
        add(f"{pl} {_p('settingCount')} {_int(len(in_pilot))} {g_put} .\n")
        status = choice(("piloted", "piloted", "completed", "rolled-out", "in-development"))
        add(f"{pl} {_p('status')} {_c('status', status)} {g_put} .\n")
        start = dt.date(randint(y0, y1 - 1), randint(1, 12), randint(1, 28))
        add(f"{pl} {_p('startDate')} {_date(start)} {g_put} .\n")
        if status in ("completed", "rolled-out"):
            end = start + dt.timedelta(days=randint(180, 720))
            add(f"{pl} {_p('endDate')} {_date(end)} {g_put} .\n")
        if priorities and random_() < 0.85:
            for pr in sample(priorities, min(len(priorities), randint(1, 2))):
                add(f"{pl} {_p('respondsTo')} {pr} {g_put} .\n")
        add(f"{pl} {_p('targetsContext')} {_c('context', 'school')} {g_put} .\n")
        if random_() < 0.4:
            add(f"{pl} {_p('targetsContext')} {_c('context', choice(_CONTEXTS[:4]))} {g_put} .\n")
        add(f"{pl} {_p('addressesHarm')} {_c('harm', choice(_HARMS))} {g_put} .\n")
        for who in sample(("pupils", "school-staff", "parents-carers", "young-people"), randint(1, 2)):
            add(f"{pl} {_p('audience')} {_c('participant', who)} {g_put} .\n")
        if random_() < 0.4:
            add(f"{pl} {_p('usesTool')} {_c('tool', choice(_TOOLS))} {g_put} .\n")
        for sc in in_pilot:
            add(f"{pl} {_p('inSetting')} {sc} {g_put} .\n")
        if random_() < 0.6:
            ro = _id(f"{tid}-pilot-{k + 1}-rollout")
            ro_status = ("planned" if status in ("piloted", "in-development") else "rolled-out"
                         if status == "rolled-out" else choice(("rolled-out", "completed", "planned")))
            describe(ro, "Rollout", f"Roll-out of the {place} pilot to further schools", g_put)
            add(f"{ro} {_p('status')} {_c('status', ro_status)} {g_put} .\n")
            add(f"{ro} {_p('settingType')} {_c('context', 'school')} {g_put} .\n")
            more = randint(5, 30)
            add(f"{ro} {_p('settingCount')} {_int(more)} {g_put} .\n")
            if ro_status != "planned":
                for sc in sample(schools, min(len(schools), more // 3)):
                    add(f"{ro} {_p('inSetting')} {sc} {g_put} .\n")
            add(f"{pl} {_p('hasRollout')} {ro} {g_put} .\n")
            rollouts.append(ro)
        tr = _id(f"{tid}-pilot-{k + 1}-training")
        matching = [x for x in _ACCREDITORS if x[3] == approach]
        acc_label, acc_alt, acc_sector, acc_expertise, acc_mark = (
            matching[0] if matching and random_() < 0.8 else choice(_ACCREDITORS))
        acc_tid = "accreditor-" + acc_alt.lower()
        text = _APPROACH_TEXT[acc_expertise]
        describe(tr, "Training", f"{text[0].upper()}{text[1:]} training for school staff", g_put)
        add(f"{tr} {_p('approach')} {_c('approach', acc_expertise)} {g_put} .\n")
        add(f"{tr} {_p('accreditedBy')} {_id(acc_tid)} {g_put} .\n")
        add(f"{tr} {_p('audience')} {_c('participant', 'school-staff')} {g_put} .\n")
        add(f"{tr} {_p('partOf')} {pl} {g_put} .\n")
        if partners:
            add(f"{tr} {_p('ledBy')} {choice(partners)} {g_put} .\n")
        add(f"{tr} {_p('settingType')} {_c('context', 'school')} {g_put} .\n")
        if acc_tid not in case.described:
            case.described.add(acc_tid)
            acc = _id(acc_tid)
            describe(acc, "Accreditor", acc_label, g_put)
            add(f"{acc} {_ALT} {_esc(acc_alt)} {g_put} .\n")
            add(f"{acc} {_p('sector')} {_c('sector', acc_sector)} {g_put} .\n")
            add(f"{acc} {_p('expertise')} {_c('approach', acc_expertise)} {g_put} .\n")
            add(f"{acc} {_p('qualityMark')} {_esc(acc_mark)} {g_put} .\n")
        if random_() < 0.5:
            g_ev = g_ev or case.g("evaluation")
            rv = _id(f"{tid}-pilot-{k + 1}-review")
            describe(rv, "Review", f"Evaluation of the {place} schools pilot", g_ev)
            add(f"{rv} {_p('evaluates')} {pl} {g_ev} .\n")
            add(f"{rv} {_p('ledBy')} {choice(partners) if partners and random_() < 0.5 else me} {g_ev} .\n")
            add(f"{rv} {_p('status')} {_c('status', choice(('in-development', 'completed')))} {g_ev} .\n")
            add(f"{rv} {_p('settingType')} {_c('context', 'school')} {g_ev} .\n")
        pilots.append(pl)

    # posts and the board ---------------------------------------------------------------------
    for k in range(randint(1, 3)):
        po = _id(f"{tid}-post-{k + 1}")
        role = choice(("lead", "lead", "champion", "chair", "director"))
        title = {"lead": "Contextual Safeguarding lead", "champion": "Contextual Safeguarding champion",
                 "chair": "Chair of the exploitation panel", "director": "Director of children's services"}
        describe(po, "Post", f"{title[role]}, {place}", g_put)
        add(f"{po} {_POST_IN} {choice(services)} {g_put} .\n")
        add(f"{po} {_p('heldWithin')} {me} {g_put} .\n")
        add(f"{po} {_p('roleType')} {_c('role-type', role)} {g_put} .\n")
        add(f"{po} {_p('topic')} {_c('topic', 'contextual-safeguarding')} {g_put} .\n")
        add(f"{po} {_p('oversees')} {choice(pilots)} {g_put} .\n")
    if random_() < 0.5:
        bd = _id(f"{tid}-board")
        describe(bd, "Board", f"{place} exploitation steering group", g_put)
        add(f"{bd} {_SUB_ORG} {scp} {g_put} .\n")
        add(f"{bd} {_p('topic')} {_c('topic', 'child-exploitation')} {g_put} .\n")
        add(f"{bd} {_p('oversees')} {choice(pilots)} {g_put} .\n")

    # changes ---------------------------------------------------------------------------------
    changes = []
    for k, (ctype, pattern) in enumerate(sample(_CHANGES, randint(1, 3))):
        ch = _id(f"{tid}-change-{k + 1}")
        sv = choice(services)
        describe(ch, "Change", pattern.format(s=service_labels[sv]), g_put)
        add(f"{ch} {_p('changeType')} {_c('change', ctype)} {g_put} .\n")
        add(f"{ch} {_p('changed')} {sv} {g_put} .\n")
        add(f"{ch} {_p('ledBy')} {me} {g_put} .\n")
        if random_() < 0.5:
            add(f"{ch} {_p('year')} {_year(randint(y0, y1))} {g_put} .\n")
        else:
            add(f"{ch} {_p('startDate')} {_date(dt.date(randint(y0, y1), randint(1, 12), randint(1, 28)))} "
                f"{g_put} .\n")
        if priorities and random_() < 0.7:
            add(f"{ch} {_p('respondsTo')} {choice(priorities)} {g_put} .\n")
        add(f"{ch} {_p('approach')} {_c('approach', choice(_PILOT_APPROACHES))} {g_put} .\n")
        add(f"{ch} {_p('status')} {_c('status', choice(('completed', 'in-development', 'planned')))} "
            f"{g_put} .\n")
        changes.append(ch)

    # challenges ------------------------------------------------------------------------------
    g_ch = case.g("case-study", "challenges")
    for k, (ctype, label) in enumerate(sample(_CHALLENGES, randint(1, 3))):
        cl = _id(f"{tid}-challenge-{k + 1}")
        describe(cl, "Challenge", label, g_ch)
        add(f"{cl} {_p('challengeType')} {_c('challenge', ctype)} {g_ch} .\n")
        add(f"{cl} {_p('affects')} {choice(pilots + rollouts + changes)} {g_ch} .\n")

    # mechanisms and outcomes -------------------------------------------------------------------
    g_me = case.g("case-study", "mechanisms")
    for k, (mtype, label) in enumerate(sample(_MECHANISMS, randint(1, 3))):
        mc = _id(f"{tid}-mechanism-{k + 1}")
        describe(mc, "Mechanism", label, g_me)
        add(f"{mc} {_p('mechanismType')} {_c('mechanism', mtype)} {g_me} .\n")
        add(f"{mc} {_p('inContext')} {_c('context', choice(_CONTEXTS))} {g_me} .\n")
        for who in sample(_PARTICIPANTS, randint(1, 3)):
            add(f"{mc} {_p('involves')} {_c('participant', who)} {g_me} .\n")
        add(f"{mc} {_p('supports')} {choice(pilots)} {g_me} .\n")
        if random_() < 0.6:
            oc = _id(f"{tid}-mechanism-{k + 1}-outcome")
            describe(oc, "Outcome", "Staff and young people report safer relationships", g_me)
            add(f"{oc} {_p('outcomeFor')} {_c('participant', choice(('pupils', 'school-staff', 'young-people')))}"
                f" {g_me} .\n")
            add(f"{oc} {_p('inContext')} {_c('context', 'school')} {g_me} .\n")
            add(f"{mc} {_p('ledTo')} {oc} {g_me} .\n")

    genre = "systems-and-structure" if random_() < 0.6 else "practice"
    title = (f"Systems and structure in {place}" if genre == "systems-and-structure"
             else f"Contextual Safeguarding practice in {place}")
    case.record(title, genre, dt.date(y1, randint(1, 12), randint(1, 28)))
    return urn


def synth(authorities: int = 150, *, seed: int = 0, path: str | os.PathLike | None = None,
          years: tuple[int, int] = (2019, 2025)) -> int | str:
    """Generate a synthetic national data set as N-Quads.

    Parameters
    ----------
    authorities
        How many local authorities (1 to :data:`MAX_AUTHORITIES`); about 785 quads each, so 150
        give about 118,000 quads and 1,275 about a million.
    seed
        Seed of the random choices: the same arguments give byte-identical output.
    path
        Where to write the N-Quads (UTF-8, streamed). Without it the text is returned.
    years
        First and last year of the strategies, pilots and changes.

    Returns
    -------
    int or str
        The number of quads written to ``path``, or the N-Quads text when no path is given.

    Examples
    --------
    >>> from pathlib import Path
    >>> from tempfile import TemporaryDirectory
    >>> from csgraph.catalogue import query
    >>> from csgraph.loader import load
    >>> with TemporaryDirectory() as folder:
    ...     path = Path(folder) / "national.nq"
    ...     count = synth(3, path=path)
    ...     kg = load(path)
    >>> count > 2000, len(query(kg, "authorities"))
    (True, 3)
    """
    if isinstance(authorities, bool) or not isinstance(authorities, int) or not (
            1 <= authorities <= MAX_AUTHORITIES):
        raise ValueError(f"authorities must be a whole number from 1 to {MAX_AUTHORITIES}, "
                         f"not {authorities!r}")
    y0, y1 = (int(y) for y in years)
    if not 1900 <= y0 < y1 <= 2100:
        raise ValueError(f"years must be two years, first before last, such as (2019, 2025), not {years!r}")
    if path is None:
        chunks: list[str] = []
        w = _Writer(chunks.append)
        _generate(authorities, seed, (y0, y1), w)
        return "".join(chunks)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        w = _Writer(f.write)
        _generate(authorities, seed, (y0, y1), w)
    return w.count
