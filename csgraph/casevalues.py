"""Values of case data typed by the key they fill: text, whole numbers, dates, years, web addresses.

A value is checked against what its key's shape says (``sh:datatype``, ``sh:or`` of datatypes,
``sh:pattern``, ``sh:minInclusive``) and against how it was written: ``label: 123`` is a number, not
text, and ``count: 0x1F`` is not written in digits. The answer is an Oxigraph literal or a message.
"""

from __future__ import annotations

import datetime as dt
import re

from pyoxigraph import Literal, NamedNode
from rdflib import XSD

from .casekeys import KeySpec
from .casemodel import Fact

__all__ = ["EXPECT", "URL", "describe", "literal"]

URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: What a value of each datatype looks like, for messages.
EXPECT = {"integer": "a whole number", "boolean": "true or false", "date": "a date such as 2020-11-09",
          "gYear": "a year such as 2020", "gYearMonth": "a year and month such as 2020-11",
          "string": "text", "anyURI": "a web address (http or https)"}
_TEXT_TAGS = ("str", "cell")


def describe(fact: Fact) -> str:
    """How a value was written, for a message: 'the number 123', 'a list', "'abc'" ..."""
    return {"int": f"the number {fact.text}", "float": f"the number {fact.text}",
            "bool": f"the true/false value {fact.text}", "null": "nothing",
            "timestamp": f"the date {fact.text}", "list": "a list", "map": "a mapping",
            }.get(fact.tag, repr(fact.text))


def literal(spec: KeySpec, fact: Fact, max_literal: int) -> Literal | str:
    """The literal for ``fact`` under ``spec``, or a message saying what is wrong with it."""
    types = spec.datatypes or ((spec.target,) if spec.target else ())
    wrong = None
    for dtype in types:
        short = str(dtype)[len(str(XSD)):] if str(dtype).startswith(str(XSD)) else str(dtype)
        out = _one(short, NamedNode(str(dtype)), spec, fact, max_literal)
        if isinstance(out, Literal):
            return out
        wrong = wrong or out
    if wrong:
        return wrong
    names = " or ".join(EXPECT.get(str(d).rsplit("#", 1)[-1], str(d)) for d in types)
    hint = "; put it in quotes if it is text" if "text" in names and fact.tag not in ("list", "map") else ""
    return f"{spec.name} must be {names}, not {describe(fact)}{hint}"


def _one(short: str, dtype: NamedNode, spec: KeySpec, fact: Fact, max_literal: int) -> Literal | str | None:
    """A literal, a specific message (the value is of this type but wrong), or None (not of this type)."""
    text, tag = fact.text, fact.tag
    if short == "string":
        if tag not in _TEXT_TAGS:
            return None
        if "\x00" in text:
            return f"{spec.name} contains a NUL character; remove it"
        if len(text) > max_literal:
            return f"{spec.name} is longer than the limit of {max_literal} characters"
        if not text.strip():
            return f"{spec.name} is empty; write the text, or not-stated if the source does not give it"
        if spec.pattern:
            if text != text.strip() or _CONTROL.search(text) or not re.search(spec.pattern, text):
                return f"{spec.name} {text!r} does not look right: it must match {spec.pattern}"
        return Literal(text.strip())
    if short == "integer":
        if tag not in ("int", "cell"):
            return None
        if not re.fullmatch(r"[-+]?[0-9]+", text):
            return f"{spec.name} must be a whole number written in digits, such as 12, not {text!r}" \
                if tag == "int" else None
        n = int(text)
        if spec.minimum is not None and n < spec.minimum:
            return f"{spec.name} must be {spec.minimum} or more, not {n}"
        if spec.maximum is not None and n > spec.maximum:
            return f"{spec.name} must be {spec.maximum} or less, not {n}"
        return Literal(str(n), datatype=dtype)
    if short == "boolean":
        if tag not in ("bool", "cell") or text.lower() not in ("true", "false"):
            return None
        return Literal(text.lower(), datatype=dtype)
    if short in ("date", "gYearMonth", "gYear"):
        return _date(short, dtype, fact)
    if short == "anyURI":
        if tag not in _TEXT_TAGS:
            return None
        if not URL.match(text):
            return f"{spec.name} must be an http(s) web address with no spaces, line breaks or < > \", not {text!r}"
        return Literal(text, datatype=dtype)
    if tag in ("list", "map", "null", "empty") or not text.strip():
        return None
    return Literal(text.strip(), datatype=dtype)


def _date(short: str, dtype: NamedNode, fact: Fact) -> Literal | None:
    if fact.tag not in ("timestamp", "int", "str", "cell"):
        return None
    text = fact.text
    try:
        if short == "date" and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            dt.date.fromisoformat(text)
        elif short == "gYearMonth" and re.fullmatch(r"[0-9]{4}-[0-9]{2}", text):
            dt.date.fromisoformat(text + "-01")
        elif not (short == "gYear" and re.fullmatch(r"[0-9]{4}", text) and 1800 <= int(text) <= 2200):
            return None
    except ValueError:
        return None
    return Literal(text, datatype=dtype)
