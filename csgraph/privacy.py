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
import math
import os
import re

from rdflib.term import BNode, Literal, URIRef

from .errors import CSGraphError

__all__ = [
    "KEY_ENV",
    "SECONDARY",
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


#: what a cell suppressed to protect another (secondary suppression) shows
SECONDARY = "[c]"
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _number(term) -> float | None:
    """The value of a numeric literal or of a string of digits, whatever its datatype."""
    if term is None or isinstance(term, (URIRef, BNode)):
        return None
    text = str(term).strip()
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def suppress_small_counts(results, columns: list[str], *, low: int = 1, high: int = 4):
    """A copy of query results with small counts in ``columns`` replaced by '<5', and cells that
    would give a suppressed count away replaced by '[c]'.

    A count is suppressed by its value (from ``low`` to ``high``, or between 0 and ``high + 1``
    for a non-integer), whatever its datatype: integer, decimal, double or a string of digits.
    When a row or column holds a total (a value equal to the sum of the others), one suppressed
    cell among the others could be recovered by subtraction, so a second cell is suppressed
    (secondary suppression): the smallest other cell of that row or column, or the total.

    >>> from rdflib import Literal
    >>> from csgraph.results import Results
    >>> out = suppress_small_counts(Results(["n"], [[Literal(2)], [Literal(9)]]), ["n"])
    >>> [str(r["n"]) for r in out]
    ['<5', '9']
    >>> rows = [[Literal("A"), Literal(3)], [Literal("B"), Literal(40)], [Literal("all"), Literal(43)]]
    >>> [str(r["n"]) for r in suppress_small_counts(Results(["area", "n"], rows), ["n"])]
    ['<5', '[c]', '43']
    """
    from .results import Results

    cols = [results.variables.index(c) for c in columns]
    rows = [list(r) for r in results]
    values = [[_number(t) for t in r] for r in rows]
    primary = {(i, j) for i, row in enumerate(values) for j in cols
               if row[j] is not None and _small(row[j], low, high)}
    hidden = _secondary(values, cols, set(primary))
    for i, j in hidden:
        rows[i][j] = Literal(f"<{high + 1}" if (i, j) in primary else SECONDARY)
    return Results(results.variables, rows, query_name=results.query_name)


def _small(value: float, low: int, high: int) -> bool:
    if value.is_integer():
        return low <= value <= high
    return 0 < value < high + 1


def _secondary(values: list[list[float | None]], cols: list[int], hidden: set) -> set:
    """``hidden`` grown until no hidden cell is the only hidden part of a total (by row or column)."""
    lines = [[(i, j) for i in range(len(values))] for j in cols]          # the listed columns
    lines += [[(i, j) for j in range(len(row))] for i, row in enumerate(values)]  # every row
    changed = True
    while changed:
        changed = False
        for line in lines:
            cells = [c for c in line if values[c[0]][c[1]] is not None]
            if len(cells) < 2 or not any(c in hidden for c in cells):
                continue
            for total in cells:
                parts = [c for c in cells if c != total]
                if total in hidden or values[total[0]][total[1]] != sum(values[i][j] for i, j in parts):
                    continue
                if sum(c in hidden for c in parts) == 1:
                    shown = [c for c in parts if c not in hidden]
                    hidden.add(min(shown, key=lambda c: values[c[0]][c[1]]) if shown else total)
                    changed = True
    return hidden


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
            return kg.select_text(sparql.replace("UNION { ?s ?p ?o BIND(\"\" AS ?g) }", ""))
    return [(f.subject, f.message()) for f in find_personal_data(select, limit=200)]
