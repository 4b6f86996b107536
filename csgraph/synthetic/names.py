"""Invented names: places, schools, services, priorities, partners and the other words the synthetic
data is written with, and the places each authority is named after.
"""

from __future__ import annotations

import random
from typing import Any

__all__ = [
    "ACCREDITORS",
    "APPROACH_TEXT",
    "CHALLENGES",
    "CHANGES",
    "CONTEXTS",
    "ENDS",
    "ENGLISH_KINDS",
    "ENGLISH_REGIONS",
    "HARMS",
    "MECHANISMS",
    "NATIONAL_PARTNERS",
    "PARTICIPANTS",
    "PARTNER_PATTERNS",
    "PILOT_APPROACHES",
    "PRIORITIES",
    "QUALIFIERS",
    "SAINTS",
    "SCHOOL_KINDS",
    "SCOTTISH_REGIONS",
    "SERVICES",
    "STEMS",
    "STRATEGIES",
    "TOOLS",
    "WELSH_REGIONS",
    "Places",
    "authority_label",
    "register_code",
]


STEMS = ("Ash", "Brad", "Bram", "Brook", "Burn", "Cal", "Castle", "Chal", "Clay", "Cold", "Crow",
          "Dal", "Dun", "Elm", "Fair", "Fern", "Fox", "Glen", "Gold", "Green", "Hal", "Hart", "Hazel",
          "High", "Holm", "Kings", "Kirk", "Lang", "Lark", "Lin", "Long", "Mar", "Mill", "Moor",
          "Nor", "Oak", "Pen", "Queens", "Red", "Rich", "Rose", "Rother", "Sal", "Sand", "Shel",
          "Stan", "Stock", "Stone", "Sud", "Thorn", "Wal", "Wake", "Wes", "Whit", "Wick", "Wil",
          "Win", "Wood", "Wyn", "Yar")
ENDS = ("bridge", "brook", "bury", "by", "caster", "chester", "combe", "dale", "den", "field",
         "ford", "gate", "ham", "hampton", "hill", "holme", "hurst", "ington", "ley", "mere",
         "minster", "mouth", "port", "stead", "stow", "thorpe", "ton", "wick", "worth", "wood")
QUALIFIERS = ("North", "South", "East", "West", "Upper", "Great", "Little", "Old", "New")
SAINTS = ("Mary", "John", "Peter", "Paul", "Andrew", "Michael", "Anne", "Joseph", "Margaret",
           "Thomas", "Luke", "Mark", "Matthew", "Bede", "Chad", "Hilda", "Aidan", "David", "Patrick",
           "Bartholomew", "Catherine", "George", "James", "Stephen")
ENGLISH_REGIONS = ("North East", "North West", "Yorkshire and the Humber", "East Midlands",
                    "West Midlands", "East of England", "South East", "South West")
WELSH_REGIONS = ("North Wales", "Mid Wales", "South West Wales", "South East Wales")
SCOTTISH_REGIONS = ("Highlands and Islands", "North East Scotland", "Central Scotland", "Glasgow",
                     "Lothian", "Mid Scotland and Fife", "South Scotland", "West Scotland")

# (GSS prefix, authority-type notation, weight within England)
ENGLISH_KINDS = (("E06", "unitary", 0.33), ("E07", "district", 0.10), ("E08", "metropolitan-district", 0.2),
                  ("E09", "london-borough", 0.19), ("E10", "county", 0.18))

SERVICES = (
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
TOOLS = ("context-weighting", "cs-exploitation-conference", "location-assessment", "mace",
          "peer-group-conference", "peer-mapping", "school-assessment", "system-review", "vat")
HARMS = ("child-criminal-exploitation", "child-exploitation", "child-sexual-exploitation",
          "county-lines", "extra-familial-harm", "harmful-sexual-behaviour", "online-harm",
          "peer-on-peer-abuse", "relational-harm", "serious-youth-violence")
CONTEXTS = ("family-home", "neighbourhood", "online", "peer-group", "school")
PRIORITIES = (
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
STRATEGIES = ("Early Help Strategy", "Children and Young People's Plan", "Adolescent Safeguarding Strategy",
               "Serious Violence Strategy", "Youth Justice Plan", "Child Exploitation Strategy")
CHANGES = (
    ("service-remodel", "Remodelling of the {s}"), ("new-cs-team", "A new Contextual Safeguarding team"),
    ("cs-lead-role", "A Contextual Safeguarding lead post"), ("steering-group", "A CS steering group"),
    ("cs-training", "Contextual Safeguarding training for staff"), ("restructure", "Restructure of the {s}"),
    ("cs-champions", "Contextual Safeguarding champions in each team"),
    ("adolescent-strategy", "A new adolescent safeguarding approach"),
    ("oversight-group", "An exploitation oversight group"), ("reorganised-team", "Reorganisation of the {s}"),
    ("bespoke-resources", "Bespoke resources for practitioners"), ("efh-forum", "An extra-familial harm forum"),
    ("practice-pilot", "A practice pilot in the {s}"),
)
CHALLENGES = (("funding-sustainability", "Sustaining the work and its funding"),
               ("covid-19", "Covid-19 limits on meeting partners"), ("buy-in", "Winning buy-in from schools"),
               ("information-sharing", "Sharing information between agencies"),
               ("thresholds", "Thresholds written for risk inside families"),
               ("workforce-capacity", "Staff turnover and capacity"),
               ("stakeholder-disagreement", "Partners disagreeing on priorities"),
               ("parental-capacity-legislation", "Legislation framed around parental capacity"))
MECHANISMS = (("fit-with-existing-practice", "CS fits practice the teams already use"),
               ("foundation-for-relationships", "A base for relationship-based work"),
               ("setting-focus-with-reach", "A setting-based approach that reaches the community"),
               ("shared-responsibility", "Shared responsibility for responding to harm"),
               ("staff-learning", "Staff engaging with learning"),
               ("stakeholder-buy-in", "Buy-in from schools, parents and the community"),
               ("wider-involvement", "Wider involvement in safety planning"))
APPROACH_TEXT = {"contextual-safeguarding": "Contextual Safeguarding",
                  "cs-restorative-practice": "CS-restorative practice",
                  "restorative-practice": "restorative practice", "restorative-justice": "restorative justice",
                  "trauma-informed": "trauma-informed", "whole-school": "whole-school",
                  "relationship-based": "relationship-based practice"}
PARTICIPANTS = ("community-groups", "community-policing-teams", "parents-carers", "playground-assistants",
                 "practitioners", "pupils", "safer-neighbourhood-officers", "safer-schools-officers",
                 "school-leads", "school-staff", "teaching-assistants", "young-people")
PILOT_APPROACHES = ("contextual-safeguarding", "cs-restorative-practice", "restorative-practice",
                     "trauma-informed", "whole-school", "relationship-based")
# (label, alt label, sector, expertise, quality mark)
ACCREDITORS = (
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
PARTNER_PATTERNS = (
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
NATIONAL_PARTNERS = ("National Youth Futures", "Children's Safety Alliance", "Safer Streets Foundation",
                      "Young People First", "The Mentoring Trust", "Together Against Exploitation",
                      "Open Doors Youth Charity", "Restorative Schools Network")
SCHOOL_KINDS = {
    "primary": ("Primary School", "Primary School", "Primary School", "Infant School", "Junior School",
                "Church of England Primary School", "Catholic Primary School", "Primary Academy"),
    "secondary": ("High School", "Academy", "School", "Community College", "Catholic High School",
                  "Grammar School"),
    "all-through": ("All-Through School", "Academy"),
}


class Places:
    """Invented place names, each used once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self) -> str:
        rng = self.rng
        while True:
            name = rng.choice(STEMS) + rng.choice(ENDS)
            if rng.random() < 0.12 or name in self.used:
                name = f"{rng.choice(QUALIFIERS)} {name}"
            if name not in self.used:
                self.used.add(name)
                return name

    def local(self) -> str:
        """A local name that may repeat (a street, a village)."""
        rng = self.rng
        return rng.choice(STEMS) + rng.choice(ENDS)


def register_code(place: str, used: set[str], rng: random.Random) -> str:
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


def authority_label(a: Any, rng: random.Random) -> str:
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
