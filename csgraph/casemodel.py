"""The one model of case data: frozen records that YAML case files and CSV case tables are read into.

Every record carries where it was written (file, line and field), so the builder that turns records into
quads (:mod:`csgraph.casebuild`) can name the place of every mistake, whichever format it came from.
Problems are collected, not raised one at a time: :class:`Problems` gathers them and raises one
:class:`CaseFileProblems` listing them all, one line each.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .errors import CaseFileError, LoadError

__all__ = ["NOT_STATED", "CaseDoc", "CaseFileProblems", "Fact", "Link", "Loc", "Problems", "SourceRec", "problems_json",
           "ThingRec"]

#: The value a key takes when the source does not give it.
NOT_STATED = "not-stated"


@dataclass(frozen=True, slots=True)
class Loc:
    """Where something was written: the file, the line (a row in a table) and the field."""

    path: str
    line: int | None
    field: str


@dataclass(frozen=True, slots=True)
class Fact:
    """One value of one key, as written.

    ``text`` is the value's text. ``tag`` is what YAML reads it as (``str``, ``int``, ``float``,
    ``bool``, ``null``, ``timestamp``), ``cell`` for a table cell (text that takes the type of its key),
    or ``list`` / ``map`` when a list or mapping stands where one value belongs. ``listed`` is True when
    the value was one item of a list; ``source`` is the value's own ``from:`` when it has one.
    """

    key: str
    text: str
    tag: str
    loc: Loc
    listed: bool = False
    source: Fact | None = None


@dataclass(frozen=True, slots=True)
class SourceRec:
    """A source of a case: its id and its keys (url, title, sections ...)."""

    id: str
    loc: Loc
    facts: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class ThingRec:
    """A thing of a case: its id and its keys (type, from, label and the keys of its type)."""

    case: str
    id: str
    loc: Loc
    facts: tuple[Fact, ...]

    def get(self, key: str) -> Fact | None:
        """The first value of ``key``, or None."""
        return next((f for f in self.facts if f.key == key), None)


@dataclass(frozen=True, slots=True)
class Link:
    """One row of a links table: ``subject`` gets ``fact`` (its key and object) in case ``case``."""

    case: str
    subject: str
    loc: Loc
    fact: Fact


@dataclass(frozen=True, slots=True)
class CaseDoc:
    """A case file: its format, its case keys (id, title, genre ...), its sources and its things."""

    path: str
    format: str
    id: str
    loc: Loc
    facts: tuple[Fact, ...]
    sources: tuple[SourceRec, ...]
    things: tuple[ThingRec, ...]

    def get(self, key: str) -> Fact | None:
        """The first value of the case key ``key``, or None."""
        return next((f for f in self.facts if f.key == key), None)


class CaseFileProblems(CaseFileError):
    """Several problems in case files or tables, found in one run; ``problems`` lists each one.

    The message has one line per problem (``file:line [field]: message``). ``path``, ``line`` and
    ``field`` are those of the first problem.
    """

    def __init__(self, problems: list[LoadError]) -> None:
        first = problems[0]
        super().__init__(first.message, path=first.path, line=first.line, column=first.column,
                         field=first.field)
        self.problems = list(problems)
        self.args = ("\n".join(str(p) for p in problems),)

    def __str__(self) -> str:
        return self.args[0]


class Problems:
    """Problems collected while reading and building; :meth:`raise_if_any` raises them together."""

    def __init__(self, limit: int = 1000) -> None:
        self.items: list[LoadError] = []
        self.limit = limit

    def add(self, message: str, loc: Loc | None, kind: type[LoadError] = CaseFileError) -> None:
        """Record a problem at ``loc`` (a file, line and field)."""
        if len(self.items) < self.limit:
            field = loc.field if loc else ""
            if field and not field.isprintable():  # an id with a line break or escape in it
                field = field.encode("unicode_escape").decode("ascii")
            self.items.append(kind(message, path=loc.path if loc else None, line=loc.line if loc else None,
                                   field=field or None))

    def extend(self, error: LoadError) -> None:
        """Record a problem raised as an error (one, or several)."""
        self.items.extend(getattr(error, "problems", None) or [error])

    def __iter__(self) -> Iterator[LoadError]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self) -> None:
        """Raise the one problem found, or :class:`CaseFileProblems` listing them all, by file and line."""
        if len(self.items) == 1:
            raise self.items[0]
        if self.items:
            files = list(dict.fromkeys(p.path for p in self.items))
            raise CaseFileProblems(sorted(self.items, key=lambda p: (files.index(p.path), p.line or 0)))


def problems_json(error: LoadError) -> str:
    """A load error as JSON: ``{"conforms": false, "errors": [{path, line, field, message}, ...]}``,
    one record for each problem found (the form ``csgraph validate --format json`` prints)."""
    import json

    items = getattr(error, "problems", None) or [error]
    return json.dumps({"conforms": False, "errors": [
        {"path": e.path, "line": e.line, "field": e.field, "message": e.message, "text": str(e)}
        for e in items]}, indent=2)
