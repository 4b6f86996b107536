"""Query results: rows of RDF terms that print as a table and convert to CSV, JSON and pandas."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

from rdflib.term import BNode, Literal, Node, URIRef

__all__ = ["Results", "Row", "term_text"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def term_text(term: Node | None) -> str:
    """A term as plain text: an IRI as itself, a literal as its lexical form, nothing as ''."""
    if term is None:
        return ""
    return str(term)


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def _safe_cell(text: str) -> str:
    """Neutralise a spreadsheet formula (a cell starting with = + - @) by prefixing a quote."""
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


class Row(tuple):
    """One result row: a tuple of terms (or None) that also answers ``row["var"]`` and ``row.var``."""

    _vars: tuple[str, ...] = ()

    def __new__(cls, values: Sequence[Node | None], variables: tuple[str, ...]) -> Row:
        row = super().__new__(cls, values)
        row._vars = variables
        return row

    def __getitem__(self, key: int | slice | str) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._vars.index(key))
            except ValueError:
                raise KeyError(f"no variable {key!r}; the row has {', '.join(self._vars)}") from None
        return tuple.__getitem__(self, key)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(str(exc)) from None

    def get(self, key: str, default: Any = None) -> Any:
        """The term bound to ``key``, or ``default``."""
        value = self[key] if key in self._vars else None
        return default if value is None else value

    def asdict(self) -> dict[str, Node | None]:
        """The row as ``{variable: term}``."""
        return dict(zip(self._vars, self))


class Results:
    """The rows of a SELECT query (or the answer of an ASK query).

    Iterates as :class:`Row` objects; ``to_json``, ``to_csv``, ``to_dataframe`` and ``to_text``
    convert it; in a notebook it shows as an escaped HTML table.

    >>> from rdflib import Literal
    >>> r = Results(["name"], [[Literal("Lewisham")]])
    >>> [row.name for row in r]
    [rdflib.term.Literal('Lewisham')]
    >>> print(r.to_csv().strip())
    name
    Lewisham
    """

    def __init__(self, variables: Sequence[str], rows: Sequence[Sequence[Node | None]] = (),
                 *, boolean: bool | None = None, query_name: str | None = None) -> None:
        self.variables: tuple[str, ...] = tuple(variables)
        self._rows = [Row(r, self.variables) for r in rows]
        self.boolean = boolean
        self.query_name = query_name

    def __iter__(self) -> Iterator[Row]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: int) -> Row:
        return self._rows[index]

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.boolean is not None else bool(self._rows)

    def __repr__(self) -> str:
        name = f" {self.query_name}" if self.query_name else ""
        return f"<Results{name}: {len(self)} rows x {', '.join(self.variables)}>"

    def column(self, name: str) -> list[Node | None]:
        """All values of one variable, in row order."""
        i = self.variables.index(name)
        return [r[i] for r in self._rows]

    def to_records(self) -> list[dict[str, str]]:
        """Rows as ``{variable: text}``; unbound variables are left out."""
        return [{v: term_text(t) for v, t in zip(self.variables, r) if t is not None} for r in self._rows]

    def to_json(self, *, indent: int | None = 2) -> str:
        """SPARQL 1.1 Query Results JSON."""
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean}, indent=indent)
        bindings = [{v: _json_term(t) for v, t in zip(self.variables, r) if t is not None}
                    for r in self._rows]
        return json.dumps({"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}},
                          indent=indent, ensure_ascii=False)

    def to_csv(self, *, safe: bool = True) -> str:
        """CSV with a header row; with ``safe`` (the default) formula-like cells are neutralised."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.variables)
        for r in self._rows:
            cells = [term_text(t) for t in r]
            w.writerow([_safe_cell(c) for c in cells] if safe else cells)
        return buf.getvalue()

    def to_dataframe(self):  # -> pandas.DataFrame
        """A pandas DataFrame of the rows as text (needs the ``pandas`` extra)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_dataframe needs pandas: pip install 'csgraph[pandas]'") from exc
        return pd.DataFrame([[None if t is None else t.toPython() if isinstance(t, Literal) else str(t)
                              for t in r] for r in self._rows], columns=list(self.variables))

    def to_text(self, *, max_width: int = 60) -> str:
        """A plain-text table for a terminal."""
        if self.boolean is not None:
            return "yes" if self.boolean else "no"
        head = list(self.variables)
        body = [[_short(term_text(t), max_width) for t in r] for r in self._rows]
        widths = [max([len(h)] + [len(b[i]) for b in body]) for i, h in enumerate(head)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip(),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(c.ljust(w) for c, w in zip(b, widths)).rstrip() for b in body]
        lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        if self.boolean is not None:
            return f"<p>{'yes' if self.boolean else 'no'}</p>"
        esc = html.escape
        head = "".join(f"<th>{esc(v)}</th>" for v in self.variables)
        body = "".join("<tr>" + "".join(f"<td>{esc(term_text(t))}</td>" for t in r) + "</tr>"
                       for r in self._rows)
        return (f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
                f"<p>{len(self)} rows</p>")


def _short(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"
