"""Case tables: CSV files as a spreadsheet exports them, read into the same records as case files.

Two kinds of table, told apart by their header row:

* a *things* table has the columns ``case, id, type, label, from`` and any keys of the thing types
  (``status``, ``count``, ``unit-of`` ...); a cell of a key that takes several values may hold several
  separated by ``;``;
* a *links* table has the columns ``case, subject, key, object, from``: one link per row.

``case`` names a case file loaded at the same time (its sources are declared there). Rows become
:class:`~csgraph.casemodel.ThingRec` and :class:`~csgraph.casemodel.Link` records; the builder checks
their ids, keys and values exactly as it checks a case file's.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .casefile import Limits, read_text
from .casekeys import nearest, schema
from .casemodel import Fact, Link, Loc, Problems, ThingRec
from .errors import CaseFileError, LimitError, ParseError

__all__ = ["LINK_COLUMNS", "THING_COLUMNS", "read_table"]

THING_COLUMNS = ("case", "id", "type", "label", "from")
LINK_COLUMNS = ("case", "subject", "key", "object", "from")


def read_table(path: str | Path, limits: Limits = Limits(),
               problems: Problems | None = None) -> tuple[list[ThingRec], list[Link]]:
    """Read a case table into thing records and link records (each with its file, row and column).

    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "links.csv"
    >>> _ = f.write_text("case,subject,key,object,from\\nx,a,led-by,b,page\\n")
    >>> things, links = read_table(f)
    >>> links[0].subject, links[0].fact.key, links[0].fact.text, links[0].loc.line
    ('a', 'led-by', 'b', 2)
    """
    own = problems is None
    problems = Problems() if own else problems
    path = str(path)
    try:
        rows = _rows(path, read_text(path, limits.max_case_bytes, "table"), limits)
        out = _records(path, rows, problems)
    except (CaseFileError, ParseError) as exc:
        problems.extend(exc)
        out = ([], [])
    if own:
        problems.raise_if_any()
    return out


def _rows(path: str, text: str, limits: Limits) -> list[tuple[int, list[str]]]:
    if "\x00" in text:
        raise ParseError("the table contains a NUL byte; save it as plain UTF-8 CSV", path=path,
                         line=text[: text.index("\x00")].count("\n") + 1)
    old = csv.field_size_limit()
    csv.field_size_limit(limits.max_literal)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        start = 1
        for rec in reader:  # a row is named by the line it starts on (a quoted cell may span lines)
            rows.append((start, rec))
            start = reader.line_num + 1
            if len(rows) * max(len(rec), 1) > limits.max_items:
                raise LimitError(f"the table has more than {limits.max_items} cells; split it or raise "
                                 "Limits(max_items=...)", path=path, line=reader.line_num)
    except csv.Error as exc:
        msg = str(exc)
        if "field larger than field limit" in msg:
            raise LimitError(f"a cell is longer than the limit of {limits.max_literal} characters",
                             path=path, line=reader.line_num + 1) from None
        raise ParseError(f"CSV syntax ({msg}); check for an unterminated quote", path=path,
                         line=reader.line_num) from None
    finally:
        csv.field_size_limit(old)
    if not rows:
        raise CaseFileError("the table is empty; the first row names the columns", path=path, line=1)
    return rows


def _records(path: str, rows, problems: Problems) -> tuple[list[ThingRec], list[Link]]:
    header = [h.strip() for h in rows[0][1]]
    kind, required = ("links", LINK_COLUMNS) if "subject" in header else ("things", THING_COLUMNS)
    for col in required:
        if col not in header:
            raise CaseFileError(f"a {kind} table needs the column {col!r}; its columns are {', '.join(required)}"
                                + (" and the keys of the thing types" if kind == "things" else ""),
                                path=path, line=1, field=col)
    for col in header:
        if header.count(col) > 1:
            raise CaseFileError(f"the column {col!r} appears twice", path=path, line=1, field=col)
        if kind == "links" and col not in LINK_COLUMNS:
            raise CaseFileError(f"unknown column {col!r}{nearest(col, LINK_COLUMNS)}", path=path, line=1, field=col)
    things, links = [], []
    sch = schema()
    for line, rec in rows[1:]:
        if not any(c.strip() for c in rec):
            continue
        if len(rec) != len(header):
            problems.add(f"row has {len(rec)} cells but the header has {len(header)} columns", Loc(path, line, ""))
            continue
        row = dict(zip(header, rec))
        if kind == "links":
            source = Fact("from", row["from"], "cell", Loc(path, line, "from")) if row["from"] else None
            links.append(Link(row["case"], row["subject"], Loc(path, line, "subject"),
                              Fact(row["key"], row["object"], "cell", Loc(path, line, "object"), source=source)))
            continue
        spec = sch.types.get(row["type"])
        facts = []
        for col, cell in row.items():
            if col in ("case", "id") or cell == "":
                continue
            key = spec.keys.get(col) if spec else None
            parts = cell.split(";") if key is not None and key.many and ";" in cell else None
            for part in parts if parts is not None else [cell]:
                if part.strip() or parts is None:
                    facts.append(Fact(col, part.strip(), "cell", Loc(path, line, col), listed=parts is not None))
        things.append(ThingRec(row["case"], row["id"], Loc(path, line, ""), tuple(facts)))
    return things, links
