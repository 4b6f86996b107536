"""Sensitive data: pseudonymous identifiers, checks for personal data about young people, and
suppression of small counts.

The ontology describes organisations, contexts and practice, not children. Practice case studies that
need to tell young people apart use pseudonyms made with a keyed HMAC: stable under one key, different
under another, and the key is never stored with the data.

>>> pseudonymise("Child A", key=b"a secret key of 16+ bytes")
'yp-...'
>>> suppress_count(3), suppress_count(12), suppress_count(0)
('<5', '12', '0')
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from dataclasses import dataclass

from .errors import CSGraphError

__all__ = [
    "KEY_ENV",
    "personal_data_problems",
    "pseudonymise",
    "suppress_count",
    "suppress_small_counts",
]

KEY_ENV = "CSGRAPH_PSEUDONYM_KEY"
_MIN_KEY = 16


def pseudonymise(value: str, key: bytes | str | None = None, *, prefix: str = "yp-") -> str:
    """A stable pseudonym for ``value`` under ``key`` (or the key in $CSGRAPH_PSEUDONYM_KEY)."""
    if key is None:
        key = os.environ.get(KEY_ENV)
        if not key:
            raise CSGraphError(f"no pseudonymisation key: pass key=... or set {KEY_ENV}; keep the key "
                               "apart from the data")
    if isinstance(key, str):
        key = key.encode("utf-8")
    if len(key) < _MIN_KEY:
        raise CSGraphError(f"the pseudonymisation key must be at least {_MIN_KEY} bytes")
    digest = hmac.new(key, value.strip().casefold().encode("utf-8"), hashlib.sha256).digest()
    return prefix + base64.b32encode(digest[:10]).decode("ascii").lower()


def suppress_count(n: int, *, low: int = 1, high: int = 4) -> str:
    """A count for publication: values from ``low`` to ``high`` become '<5'."""
    return f"<{high + 1}" if low <= int(n) <= high else str(int(n))


def suppress_small_counts(results, columns: list[str]):
    """A copy of query results with small counts (1 to 4) in ``columns`` replaced by '<5'.

    >>> from rdflib import Literal
    >>> from csgraph.results import Results
    >>> out = suppress_small_counts(Results(["n"], [[Literal(2)], [Literal(9)]]), ["n"])
    >>> [str(r["n"]) for r in out]
    ['<5', '9']
    """
    from rdflib import Literal

    from .results import Results

    idx = [results.variables.index(c) for c in columns]
    rows = []
    for row in results:
        row = list(row)
        for i in idx:
            if row[i] is not None and str(row[i]).lstrip("-").isdigit():
                row[i] = Literal(suppress_count(int(str(row[i]))))
        rows.append(row)
    return Results(results.variables, rows, query_name=results.query_name)


@dataclass(frozen=True)
class _Pattern:
    name: str
    regex: re.Pattern
    message: str


_PATTERNS = (
    _Pattern("postcode", re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b"),
             "looks like a postcode; do not record young people's addresses"),
    _Pattern("date-of-birth", re.compile(r"\b(d\.?o\.?b\.?|date of birth|born on|born in \d{4})\b", re.IGNORECASE),
             "mentions a date of birth; do not record young people's dates of birth"),
    _Pattern("age-and-name", re.compile(r"\b[A-Z][a-z]+,? (aged )?\d{1,2}(-year-old| years old)\b"),
             "names a young person with their age; use a pseudonym (csgraph.privacy.pseudonymise)"),
    _Pattern("address", re.compile(r"\b\d+[a-z]? [A-Z][a-z]+ (Road|Street|Avenue|Lane|Close|Drive|Way)\b"),
             "looks like a street address; do not record young people's addresses"),
)

_PERSONAL_PREDICATES = (
    "http://xmlns.com/foaf/0.1/name", "http://xmlns.com/foaf/0.1/birthday",
    "https://schema.org/birthDate", "https://schema.org/address", "https://schema.org/givenName",
    "https://schema.org/familyName", "http://www.w3.org/2006/vcard/ns#hasAddress",
)
_PERSON_CLASSES = ("http://xmlns.com/foaf/0.1/Person", "https://schema.org/Person")


def personal_data_problems(kg) -> list[tuple[str, str]]:
    """(focus, message) for each value that looks like personal data about a young person.

    >>> import csgraph
    >>> personal_data_problems(csgraph.load(bundled=True))
    []
    """
    found: list[tuple[str, str]] = []
    text_rows = kg.query("""
        SELECT DISTINCT ?s ?o WHERE {
          ?s ?p ?o . FILTER(ISLITERAL(?o) && DATATYPE(?o) = xsd:string && STRLEN(?o) > 5)
          FILTER(STRSTARTS(STR(?s), "https://w3id.org/csgraph/id/"))
        }""")
    for row in text_rows:
        text = str(row["o"])
        for pat in _PATTERNS:
            if pat.regex.search(text):
                found.append((str(row["s"]), f"{pat.name}: '{text[:60]}' {pat.message}"))
    for row in kg.query("SELECT DISTINCT ?s ?p WHERE { ?s ?p ?o . VALUES ?p { %s } }"
                        % " ".join(f"<{p}>" for p in _PERSONAL_PREDICATES)):
        found.append((str(row["s"]), f"uses {row['p']}, a property for personal details of people"))
    for row in kg.query("SELECT DISTINCT ?s ?c WHERE { ?s a ?c . VALUES ?c { %s } }"
                        % " ".join(f"<{c}>" for c in _PERSON_CLASSES)):
        found.append((str(row["s"]), f"is a {row['c']}: csgraph data describes organisations and "
                                     "practice, not individual people"))
    return found
