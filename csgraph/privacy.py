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

from .errors import CSGraphError

__all__ = [
    "KEY_ENV",
    "personal_data_problems",
    "store_select",
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


def store_select(store):
    """A ``select(sparql)`` over an Oxigraph store's own default graph and named graphs, reading
    rows as text (for :func:`csgraph.personal.find_personal_data`)."""
    def select(sparql: str):
        return [tuple(None if t is None else t.value for t in sol) for sol in store.query(sparql)]
    return select


def personal_data_problems(kg) -> list[tuple[str, str]]:
    """(focus, message) for each value that looks like personal data about a young person, by the
    rules of :data:`csgraph.personal.RULES`.

    >>> import csgraph
    >>> personal_data_problems(csgraph.load(bundled=True))
    []
    """
    from .personal import find_personal_data

    if kg.store is not None:
        select = store_select(kg.store)
    else:  # a remote endpoint's default graph is the union of its graphs: read the named ones
        def select(sparql: str):
            return kg.query_text(sparql.replace("UNION { ?s ?p ?o BIND(\"\" AS ?g) }", ""))
    return [(f.subject, f.message()) for f in find_personal_data(select, limit=200)]
