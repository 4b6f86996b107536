"""Reading a SPARQL server's answer: the formats asked for, and the answer parsed into
:class:`~csgraph.results.Results` exactly as the embedded store's rows are made.

Every format is parsed by Oxigraph's results parser (no recursion, so a deeply nested answer is an
error like any other malformed one) into Oxigraph terms, which become rdflib terms by the same code
as the embedded store's rows. The format asked for is the fastest that keeps every term exactly on
that server: tab-separated values from Oxigraph, XML from Virtuoso (whose TSV writer drops language
tags and datatypes, and whose JSON writer is slow), JSON elsewhere.

>>> res = parse_answer(b'?s\\n<https://example.org/a>\\n', "text/tab-separated-values", "query", "")
>>> res.text_rows()
[('https://example.org/a',)]
"""

from __future__ import annotations

import pyoxigraph as ox

from .errors import EndpointError
from .httppolicy import safe_url
from .results import Results
from .terms import OxigraphCells, rdflib_accepts_language

__all__ = ["ACCEPT", "FORMATS", "accept_for", "parse_answer"]

JSON, XML, TSV = ("application/sparql-results+json", "application/sparql-results+xml",
                  "text/tab-separated-values")
FORMATS = {JSON: ox.QueryResultsFormat.JSON, XML: ox.QueryResultsFormat.XML,
           TSV: ox.QueryResultsFormat.TSV, "application/json": ox.QueryResultsFormat.JSON,
           "application/xml": ox.QueryResultsFormat.XML, "text/xml": ox.QueryResultsFormat.XML}
#: What is asked for when the server is not known: any of the three, JSON first.
ACCEPT = f"{JSON}, {XML};q=0.9, {TSV};q=0.8"


def accept_for(server: str) -> str:
    """The Accept header for a server, from its ``Server`` header.

    >>> accept_for("Virtuoso/07.20.3240 (Linux) x86_64-pc-linux-gnu")
    'application/sparql-results+xml, application/sparql-results+json;q=0.5'
    """
    if server.startswith("Oxigraph/"):
        return f"{TSV}, {JSON};q=0.5"
    if server.startswith("Virtuoso/"):
        return f"{XML}, {JSON};q=0.5"
    return ACCEPT


def parse_answer(body: bytes, content_type: str, label: str, url: str,
                 name: str | None = None) -> Results:
    """The rows (or boolean) of an answer; an EndpointError if it is not SPARQL results in the
    format its Content-Type names. Every row is read here, so a malformed answer fails as it
    arrives, not when a row is used."""
    media = content_type.split(";")[0].strip().lower()
    fmt = FORMATS.get(media)
    if fmt is None:
        raise EndpointError(f"{label}: the answer is not SPARQL results (it is {media or 'untyped'}); "
                            "is this a SPARQL endpoint?", endpoint=safe_url(url))
    try:
        parsed = ox.parse_query_results(body, fmt)
        if isinstance(parsed, ox.QueryBoolean):
            return Results([], boolean=bool(parsed), query_name=name)
        variables = [v.value for v in parsed.variables]
        rows = [tuple(s) for s in parsed]
        _check_languages(rows)
    except (SyntaxError, ValueError, OSError):
        raise EndpointError(f"{label}: the answer is not SPARQL results in the format it names "
                            f"({media})", endpoint=safe_url(url)) from None
    return Results.from_raw(variables, rows, OxigraphCells(), query_name=name)


def _check_languages(rows: list[tuple]) -> None:
    """Raise ValueError on a language tag rdflib refuses (checked once per distinct tag)."""
    seen: set[str] = set()
    for row in rows:
        for term in row:
            lang = getattr(term, "language", None)
            if lang and lang not in seen:
                if not rdflib_accepts_language(lang):
                    raise ValueError(lang)
                seen.add(lang)
