"""RDF terms between Oxigraph, rdflib and text.

Oxigraph answers queries in its own terms; csgraph's results and API speak rdflib. Converting is the
main cost of reading a large result, so the common terms (IRIs, string and language literals,
integers, dates, and datatypes rdflib keeps as text) are made directly, as rdflib itself makes
them, and every other literal goes through rdflib's own constructor. rdflib itself is imported the
first time a term is made or converted (about 75 ms), so reading rows as text never pays for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import BNode, Literal, Node, URIRef

#: None until rdflib is imported (:func:`_import_rdflib`), then whether literals are made directly
_DIRECT: bool | None = None

__all__ = ["OxigraphCells", "rdflib_accepts_language", "solution_texts", "string_literal", "to_oxigraph",
           "to_rdflib", "typed_literal"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_XSD_INTEGER = _XSD + "integer"
_XSD_DATE = _XSD + "date"
_new_str = str.__new__


def _import_rdflib() -> None:
    """Import rdflib's term classes, checks and tables (once, the first time a term is made), so that a
    literal made here is the one rdflib would make."""
    global BNode, Literal, URIRef, _DIRECT, _XSD_NORMALISED_STRING, _XSD_TOKEN, _is_valid_langtag
    global _toPythonMapping
    from rdflib.term import BNode, Literal, URIRef

    try:
        from rdflib.term import _XSD_NORMALISED_STRING, _XSD_TOKEN, _is_valid_langtag, _toPythonMapping

        # the direct path fills exactly these slots; another rdflib release gets the constructor
        _DIRECT = set(Literal.__slots__) == {"_language", "_datatype", "_value", "_ill_typed"}
    except ImportError:  # pragma: no cover - depends on the rdflib release
        _DIRECT = False


def _made(text: str, lang: str | None, datatype: URIRef | None, value: Any,
          ill_typed: bool | None) -> Literal:
    lit = _new_str(Literal, text)
    lit._language = lang
    lit._datatype = datatype
    lit._value = value
    lit._ill_typed = ill_typed
    return lit


def string_literal(text: str, lang: str | None = None) -> Literal:
    """A plain or language-tagged string literal, made as ``Literal(text, lang=lang)`` makes it
    (the text is also its value; rdflib keeps the tag as given) without its type dispatch and tag
    check on every call: the commonest terms in results are labels and descriptions.

    >>> from rdflib import Literal
    >>> string_literal("école", "fr") == Literal("école", lang="fr")
    True
    """
    if _DIRECT is None:
        _import_rdflib()
    if not _DIRECT or lang is not None and not rdflib_accepts_language(lang):
        return Literal(text, lang=lang)  # raises rdflib's own error for a tag it refuses
    return _made(text, lang, None, text, None)


@lru_cache(maxsize=512)
def rdflib_accepts_language(tag: str) -> bool:
    """Whether rdflib takes ``tag`` as a language tag (``Literal`` raises for one it does not).

    >>> rdflib_accepts_language("en-GB"), rdflib_accepts_language("en GB")
    (True, False)
    """
    if _DIRECT is None:
        _import_rdflib()
    if not _DIRECT:
        try:
            Literal("", lang=tag)
        except ValueError:
            return False
        return True
    return _is_valid_langtag(tag)


@lru_cache(maxsize=512)
def _datatype(iri: str) -> URIRef:
    return URIRef(iri)


def typed_literal(text: str, datatype: str) -> Literal:
    """A typed literal, equal in every part to ``Literal(text, datatype=datatype)``.

    Canonical integers and dates, and datatypes rdflib keeps as text (no Python value, no
    rewriting), are made directly; anything else, including any form rdflib would rewrite or
    flag as ill-typed, goes through rdflib.

    >>> typed_literal("2020-01-21", "http://www.w3.org/2001/XMLSchema#date").value
    datetime.date(2020, 1, 21)
    >>> typed_literal("007", "http://www.w3.org/2001/XMLSchema#integer")  # rdflib rewrites it
    rdflib.term.Literal('7', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    if _DIRECT is None:
        _import_rdflib()
    dtype = _datatype(datatype)
    if not _DIRECT:
        return Literal(text, datatype=dtype)
    if datatype == _XSD_INTEGER:
        if text.isascii() and (text.isdigit() or text[:1] == "-" and text[1:].isdigit()):
            value = int(text)
            if str(value) == text:
                return _made(text, None, dtype, value, False)
    elif datatype == _XSD_DATE:
        if len(text) == 10 and text.isascii():
            try:
                value = dt.date.fromisoformat(text)
            except ValueError:
                value = None
            if value is not None and value.isoformat() == text:
                return _made(text, None, dtype, value, False)
    elif dtype not in _toPythonMapping and dtype != _XSD_NORMALISED_STRING and dtype != _XSD_TOKEN:
        return _made(text, None, dtype, None, None)  # rdflib has no converter: text as given
    return Literal(text, datatype=dtype)


def to_rdflib(term: Any) -> Node | None:
    """An Oxigraph term as an rdflib term (xsd:string literals become plain literals).

    >>> to_rdflib(ox.Literal("11", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    rdflib.term.Literal('11', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    >>> to_rdflib(ox.Literal("Lewisham"))
    rdflib.term.Literal('Lewisham')
    >>> to_rdflib(ox.Literal("school", language="en"))
    rdflib.term.Literal('school', lang='en')
    """
    if _DIRECT is None:
        _import_rdflib()
    kind = type(term)
    if kind is ox.NamedNode:
        # Oxigraph has already checked the IRI; URIRef() would check it again (only to log a
        # warning), which costs more than the query on large results. Same object, made directly.
        return _new_str(URIRef, term.value)
    if kind is ox.Literal:
        lang = term.language
        if lang:
            return string_literal(term.value, lang)
        dtype = term.datatype.value
        if dtype == _XSD_STRING:  # the commonest term of all: made here, as string_literal makes it
            text = term.value
            if not _DIRECT:
                return Literal(text)
            lit = _new_str(Literal, text)
            lit._language = lit._datatype = lit._ill_typed = None
            lit._value = text
            return lit
        return typed_literal(term.value, dtype)
    if term is None:
        return None
    if kind is ox.BlankNode:
        return BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node) -> Any:
    """An rdflib term as an Oxigraph term.

    >>> from rdflib import Literal
    >>> to_oxigraph(Literal("school", lang="en"))
    <Literal value=school language=en>
    """
    if _DIRECT is None:
        _import_rdflib()
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def solution_texts(rows: Iterable[Any], width: int) -> list[tuple[str | None, ...]]:
    """Rows of Oxigraph terms (solutions or tuples of ``width`` values) as tuples of text.

    Rows of up to four values are unpacked, about twice as fast as a loop per value.
    """
    if width == 1:
        return [(None if a is None else a.value,) for a, in rows]
    if width == 2:
        return [(None if a is None else a.value, None if b is None else b.value) for a, b in rows]
    if width == 3:
        return [(None if a is None else a.value, None if b is None else b.value,
                 None if c is None else c.value) for a, b, c in rows]
    if width == 4:
        return [(None if a is None else a.value, None if b is None else b.value,
                 None if c is None else c.value, None if d is None else d.value)
                for a, b, c, d in rows]
    return [tuple(None if t is None else t.value for t in r) for r in rows]


class _TermCache(dict):
    """Oxigraph term -> rdflib term, converting on first use (results repeat their terms:
    labels, sources, concepts)."""

    def __missing__(self, term: Any) -> Node | None:
        value = self[term] = to_rdflib(term)
        return value


class OxigraphCells:
    """Reads rows of Oxigraph terms as rdflib terms (each distinct term converted once) or text."""

    __slots__ = ("_convert",)

    def __init__(self) -> None:
        self._convert = _TermCache().__getitem__

    def terms(self, raw: tuple) -> Iterator[Node | None]:
        return map(self._convert, raw)  # read straight into the row: no list in between

    def text_rows(self, rows: list[tuple]) -> list[tuple[str | None, ...]]:
        return solution_texts(rows, len(rows[0]) if rows else 0)
