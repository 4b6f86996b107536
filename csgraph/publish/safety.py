"""What must never be published: personal data about young people (the checks of
:mod:`csgraph.privacy`) and small counts of children (from 1 to 4, whatever the datatype), which must
be given as "<5".

>>> import csgraph
>>> release_problems(csgraph.load(bundled=True))
[]
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ..errors import CSGraphError
from ..privacy import personal_data_problems

__all__ = ["PublishRefused", "check_publishable", "release_problems"]

# a property counts people when its name or label speaks of them
_PEOPLE = re.compile(r"child|young|pupil|people|person|participant|girl|boy|victim|learner|student|"
                     r"attendee|survivor|teenager|adolescent", re.IGNORECASE)
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


class PublishRefused(CSGraphError):
    """The data holds something the privacy rules forbid publishing; nothing was written."""


def _number(text: str) -> float | None:
    try:
        return float(text.strip())
    except ValueError:
        return None


def _counts_people(store: ox.Store, predicate: ox.NamedNode, seen: dict[str, bool]) -> bool:
    iri = predicate.value
    if iri not in seen:
        local = re.split(r"[#/]", iri)[-1]
        labels = [q.object.value for q in store.quads_for_pattern(predicate, _LABEL, None)]
        seen[iri] = bool(_PEOPLE.search(local) or any(_PEOPLE.search(t) for t in labels))
    return seen[iri]


def release_problems(kg) -> list[str]:
    """Every reason the data may not be published, one line each (empty when it may be)."""
    problems = [f"{focus}: {message}" for focus, message in personal_data_problems(kg)]
    seen: dict[str, bool] = {}
    for q in kg.store:
        o = q.object
        if not isinstance(o, ox.Literal):
            continue
        n = _number(o.value)
        if n is not None and 1 <= n <= 4 and _counts_people(kg.store, q.predicate, seen):
            problems.append(f"{q.subject.value} {q.predicate.value}: a count of {o.value} people; counts of "
                            "children from 1 to 4 are published only as \"<5\" (write \"<5\" in the case file)")
    return problems


def check_publishable(kg) -> None:
    """Raise :class:`PublishRefused` naming the first problems, when there are any."""
    problems = release_problems(kg)
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise PublishRefused("refusing to publish: " + "; ".join(problems[:3]) + more
                             + "; fix the data (csgraph validate lists every problem) and publish again")
