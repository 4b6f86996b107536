"""Case tables: CSV files as a spreadsheet exports them, adding things and links to a case file.

Two kinds of table, told apart by their header row:

* a *things* table has the columns ``case, id, type, label, from`` and any keys of the thing types
  (``status``, ``count``, ``unit-of`` ...); a cell may hold several values separated by ``;``;
* a *links* table has the columns ``case, subject, key, object, from``: one link per row.

``case`` names a case file loaded at the same time (its sources are declared there).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from .casefile import SLUG, Limits, _LineDict
from .errors import CaseFileError, LimitError, ParseError
from .schema import nearest, schema

__all__ = ["LINK_COLUMNS", "THING_COLUMNS", "merge_tables", "read_table"]

THING_COLUMNS = ("case", "id", "type", "label", "from")
LINK_COLUMNS = ("case", "subject", "key", "object", "from")


def _cell_dict(path: str, row: int) -> _LineDict:
    d = _LineDict()
    d.lines = {}
    d.path = path  # type: ignore[attr-defined]
    d.row = row  # type: ignore[attr-defined]
    return d


def read_table(path: str | Path, limits: Limits = Limits()) -> tuple[str, list[dict[str, Any]]]:
    """Read a case table; returns its kind ('things' or 'links') and its rows (with row numbers).

    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "links.csv"
    >>> _ = f.write_text("case,subject,key,object,from\\nx,a,led-by,b,page\\n")
    >>> read_table(f)
    ('links', [{'_line': 2, 'case': 'x', 'subject': 'a', 'key': 'led-by', 'object': 'b', 'from': 'page'}])
    """
    path = str(path)
    data = Path(path).read_bytes()
    if len(data) > limits.max_case_bytes:
        raise LimitError(f"the table is {len(data)} bytes, over the limit of {limits.max_case_bytes}",
                         path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"not valid UTF-8 at byte {exc.start}; save the table as UTF-8 CSV",
                         path=path, line=data[: exc.start].count(b"\n") + 1) from None
    if "\x00" in text:
        raise ParseError("the table contains a NUL byte; save it as plain UTF-8 CSV", path=path,
                         line=text[: text.index("\x00")].count("\n") + 1)
    old = csv.field_size_limit()
    csv.field_size_limit(limits.max_literal)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        rows = []
        try:
            for rec in reader:
                rows.append((reader.line_num, rec))
        except csv.Error as exc:
            msg = str(exc)
            if "field larger than field limit" in msg:
                raise LimitError(f"a cell is longer than the limit of {limits.max_literal} "
                                 "characters", path=path, line=reader.line_num + 1) from None
            raise ParseError(f"CSV syntax ({msg}); check for an unterminated quote", path=path,
                             line=reader.line_num) from None
    finally:
        csv.field_size_limit(old)
    if not rows:
        raise CaseFileError("the table is empty; the first row names the columns", path=path, line=1)
    header = [h.strip() for h in rows[0][1]]
    if "subject" in header:
        kind, required = "links", LINK_COLUMNS
    else:
        kind, required = "things", THING_COLUMNS
    for col in required:
        if col not in header:
            raise CaseFileError(f"a {kind} table needs the column {col!r}; its columns are "
                                f"{', '.join(required)}" + (" and the keys of the thing types"
                                                            if kind == "things" else ""),
                                path=path, line=1, field=col)
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise CaseFileError(f"the column {dup!r} appears twice", path=path, line=1, field=dup)
    if kind == "links":
        for col in header:
            if col not in LINK_COLUMNS:
                raise CaseFileError(f"unknown column {col!r}{nearest(col, LINK_COLUMNS)}",
                                    path=path, line=1, field=col)
    out = []
    for line, rec in rows[1:]:
        if not any(c.strip() for c in rec):
            continue
        if len(rec) != len(header):
            raise CaseFileError(f"row has {len(rec)} cells but the header has {len(header)} "
                                "columns", path=path, line=line)
        out.append({"_line": line, **{h: c.strip() for h, c in zip(header, rec)}})
    return kind, out


def merge_tables(cases: dict[str, Any], tables: list[tuple[str, str, list[dict[str, Any]]]]) -> None:
    """Add the rows of case tables to the things of their case files (in place)."""
    sch = schema()
    for path, kind, rows in sorted(tables, key=lambda t: t[1] != "things"):
        for row in rows:
            line = row["_line"]
            case_id = row["case"]
            case = cases.get(case_id)
            if case is None:
                raise CaseFileError(f"case {case_id!r} is not loaded{nearest(case_id, cases)}; load "
                                    "its case file (YAML) together with the table", path=path,
                                    line=line, field="case")
            if kind == "things":
                _add_thing(case, row, path, line, sch)
            else:
                _add_link(case, row, path, line)


def _add_thing(case, row: dict[str, Any], path: str, line: int, sch) -> None:
    tid = row["id"]
    if not tid:
        raise CaseFileError("id is empty", path=path, line=line, field="id")
    if not isinstance(tid, str) or not SLUG.fullmatch(tid):  # the rule case files' ids follow
        raise CaseFileError(f"id {tid!r}: ids are lower-case letters, digits and hyphens, such as "
                            "'lewisham-yos'", path=path, line=line, field="id")
    if tid in case.things:
        raise CaseFileError(f"the id {tid!r} is already used in case {case.id!r}; ids must be unique",
                            path=path, line=line, field="id")
    spec = sch.types.get(row["type"])
    thing = _cell_dict(path, line)
    for col, cell in row.items():
        if col in ("_line", "case", "id") or cell == "":
            continue
        if spec is not None and col not in spec.keys and col not in ("type", "from"):
            allowed = ["type", "from", *spec.keys]
            raise CaseFileError(f"unknown column {col!r} for a {spec.name}{nearest(col, allowed)}",
                                path=path, line=line, field=col)
        key_spec = spec.keys.get(col) if spec else None
        thing[col] = _cell_value(cell, key_spec)
        thing.lines[col] = line
    case.things[tid] = thing


def _add_link(case, row: dict[str, Any], path: str, line: int) -> None:
    subject = case.things.get(row["subject"])
    if subject is None:
        raise CaseFileError(f"subject {row['subject']!r} is not a thing of case {case.id!r}"
                            f"{nearest(row['subject'], case.things)}", path=path, line=line,
                            field="subject")
    key, value = row["key"], {"value": row["object"]}
    if row["from"]:
        value["from"] = row["from"]
    current = subject.get(key)
    if current is None:
        subject[key] = [value]
    elif isinstance(current, list):
        current.append(value)
    else:
        subject[key] = [current, value]
    if hasattr(subject, "lines"):
        subject.lines.setdefault(key, line)


def _cell_value(cell: str, key_spec) -> Any:
    """Text from a cell, typed by the key it fills: lists split on ';', numbers, dates, booleans."""
    import datetime as dt

    def one(text: str) -> Any:
        text = text.strip()
        if key_spec is None or key_spec.kind != "lit":
            return text
        short = str(key_spec.target).rsplit("#", 1)[-1]
        if short == "integer" and text.lstrip("-").isdigit():
            return int(text)
        if short == "boolean" and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if short == "date":
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return text
        return text

    if key_spec is not None and key_spec.many and ";" in cell:
        return [one(part) for part in cell.split(";") if part.strip()]
    return one(cell)
