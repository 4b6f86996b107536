"""Query results: rows of RDF terms that print as a table and convert to CSV, JSON and pandas.

A store or endpoint answers in its own terms (Oxigraph terms, SPARQL JSON cells). :class:`Results`
keeps those as they came and makes rdflib terms only for the rows that are read, so a query that
returns thousands of rows costs what the store's own answer costs; text outputs (CSV, tables,
:meth:`Results.text_rows`) read the lexical forms directly and never build rdflib terms.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

__all__ = ["CellReader", "Results", "Row", "json_safe", "printable"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BATCH = 4096  # rows converted and written at a time


# C0 and C1 control characters (ESC starts terminal escape sequences) and the Unicode controls
# that reorder text on screen
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_JSON_CONTROL = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, keep: str = "\n") -> str:
    """``text`` safe to print on a terminal: control characters other than those in ``keep``
    become visible escapes, so data cannot move the cursor, recolour or retitle the terminal.

    >>> print(printable("Lewisham\\x1b]0;owned\\x07 team"))
    Lewisham\\x1b]0;owned\\x07 team
    """
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else f"\\x{ord(m.group()):02x}"
                        if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def json_safe(text: str) -> str:
    """JSON text with the controls that JSON leaves raw (C1, bidirectional) written as \\u escapes."""
    if not _JSON_CONTROL.search(text):
        return text
    return _JSON_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _json_term(term: Node) -> dict[str, str]:
    from rdflib.term import BNode, URIRef  # imported already: the row's terms are rdflib's

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

    def __reduce__(self) -> tuple[Callable[..., Row], tuple[tuple, tuple[str, ...]]]:
        return Row, (tuple(self), self._vars)


class CellReader(Protocol):
    """Reads one raw answer row (as a store or endpoint gave it) as terms or as text."""

    def terms(self, raw: Any) -> Iterable[Node | None]:
        """The row's values as rdflib terms (None where a variable is unbound)."""

    def text_rows(self, rows: Sequence[Any]) -> list[tuple[str | None, ...]]:
        """Every row's values as text: IRIs, literals' lexical forms, blank node ids (None where a
        variable is unbound)."""


class Results:
    """The rows of a SELECT query (or the answer of an ASK query).

    Iterates as :class:`Row` objects; ``to_json``, ``to_csv``, ``to_dataframe`` and ``to_text``
    convert it; in a notebook it shows as an escaped HTML table. A query's rows are made into
    rdflib terms as they are read (each row once, each distinct term once); ``len``, the text
    outputs and :meth:`text_rows` read the store's answer without making any.

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
        self._rows: list[Row] | None = [Row(r, self.variables) for r in rows]
        self._raw: Sequence[Any] = ()
        self._reader: CellReader | None = None
        self.boolean = boolean
        self.query_name = query_name

    @classmethod
    def from_raw(cls, variables: Sequence[str], raw: Sequence[Any], reader: CellReader, *,
                 query_name: str | None = None) -> Results:
        """Results over rows as a store or endpoint gave them; ``reader`` turns one into terms or
        text when it is read (the store's answer is kept, not copied)."""
        self = cls((), query_name=query_name)
        self.variables = tuple(variables)
        self._rows, self._raw, self._reader = None, raw, reader
        return self

    def _all(self) -> list[Row]:
        """Every row as terms, made once."""
        if self._rows is None:
            for _ in self._read_rows():  # keeps the rows once it has made them all
                pass
        return self._rows

    def __iter__(self) -> Iterator[Row]:
        if self._rows is not None:
            return iter(self._rows)
        return self._read_rows()

    def _read_rows(self) -> Iterator[Row]:
        # rows are made as they are read; a loop that stops early pays only for what it read
        terms, variables, made = self._reader.terms, self.variables, []
        for r in self._raw:
            row = Row(terms(r), variables)
            made.append(row)
            yield row
        if self._rows is None and len(made) == len(self._raw):
            self._rows, self._raw, self._reader = made, (), None

    def __len__(self) -> int:
        return len(self._rows) if self._rows is not None else len(self._raw)

    def __getitem__(self, index: int | slice) -> Any:
        if self._rows is not None:
            return self._rows[index]
        terms, variables = self._reader.terms, self.variables
        if isinstance(index, slice):
            return [Row(terms(r), variables) for r in self._raw[index]]
        return Row(terms(self._raw[index]), variables)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.boolean is not None else len(self) > 0

    def __repr__(self) -> str:
        name = f" {self.query_name}" if self.query_name else ""
        return f"<Results{name}: {len(self)} rows x {', '.join(self.variables)}>"

    def __getstate__(self) -> dict[str, Any]:
        self._all()
        return self.__dict__.copy()

    def column(self, name: str) -> list[Node | None]:
        """All values of one variable, in row order."""
        i = self.variables.index(name)
        return [r[i] for r in self._all()]

    def text_rows(self) -> list[tuple[str | None, ...]]:
        """Every row as text (IRIs, lexical forms; None where unbound), without making rdflib terms.

        Lexical forms are the store's or server's: rdflib writes a few typed values differently
        (a double 1000 as ``1000.0``; Virtuoso sends the boolean true as ``1``).

        >>> from rdflib import Literal, URIRef
        >>> Results(["a", "b"], [[URIRef("https://example.org/x"), None]]).text_rows()
        [('https://example.org/x', None)]
        """
        if self._rows is None:
            return self._reader.text_rows(self._raw)
        return [tuple(None if t is None else str(t) for t in r) for r in self._rows]

    def to_records(self) -> list[dict[str, str]]:
        """Rows as ``{variable: text}``; unbound variables are left out."""
        return [{v: t for v, t in zip(self.variables, r) if t is not None} for r in self.text_rows()]

    def _text_chunks(self) -> Iterator[list[tuple[str | None, ...]]]:
        """The rows as text, a batch at a time (so that writing them never holds them all twice)."""
        if self._rows is None:
            for i in range(0, len(self._raw), _BATCH):
                yield self._reader.text_rows(self._raw[i:i + _BATCH])
        else:
            for i in range(0, len(self._rows), _BATCH):
                yield [tuple(None if t is None else str(t) for t in r) for r in self._rows[i:i + _BATCH]]

    def _term_chunks(self) -> Iterator[list[Row]]:
        if self._rows is not None:
            for i in range(0, len(self._rows), _BATCH):
                yield self._rows[i:i + _BATCH]
        else:
            for i in range(0, len(self._raw), _BATCH):
                yield self[i:i + _BATCH]

    def to_json(self, *, indent: int | None = 2) -> str:
        """SPARQL 1.1 Query Results JSON."""
        buf = io.StringIO()
        self.write_json(buf, indent=indent)
        return buf.getvalue()

    def write_json(self, out: TextIO, *, indent: int | None = 2) -> None:
        """Write SPARQL 1.1 Query Results JSON to ``out`` a batch of rows at a time (the same text
        as :meth:`to_json`, without building it whole)."""
        if self.boolean is not None:
            out.write(json.dumps({"head": {}, "boolean": self.boolean}, indent=indent))
            return
        out = _JsonSafe(out)
        head = json.dumps({"head": {"vars": list(self.variables)}, "results": {"bindings": []}},
                          indent=indent, ensure_ascii=False)
        if not len(self):
            out.write(head)
            return
        before, after = head.rsplit("[]", 1)
        pad = "" if indent is None else "\n" + " " * (3 * indent)
        sep = ", " if indent is None else ","
        out.write(before + "[")
        first = True
        for chunk in self._term_chunks():
            parts = []
            for r in chunk:
                b = json.dumps({v: _json_term(t) for v, t in zip(self.variables, r) if t is not None},
                               indent=indent, ensure_ascii=False)
                parts.append(pad + b.replace("\n", pad) if indent is not None else b)
            out.write(("" if first else sep) + sep.join(parts))
            first = False
        out.write(("" if indent is None else "\n" + " " * (2 * indent)) + "]" + after)

    def to_csv(self, *, safe: bool = True) -> str:
        """CSV with a header row; with ``safe`` (the default) formula-like cells are neutralised."""
        buf = io.StringIO()
        self.write_csv(buf, safe=safe)
        return buf.getvalue()

    def write_csv(self, out: TextIO, *, safe: bool = True) -> None:
        """Write the CSV of :meth:`to_csv` to ``out`` a batch of rows at a time."""
        w = csv.writer(out, lineterminator="\n")
        w.writerow(self.variables)
        for chunk in self._text_chunks():
            for r in chunk:
                cells = ["" if t is None else printable(t) for t in r]
                w.writerow([_safe_cell(c) for c in cells] if safe else cells)

    def to_dataframe(self):  # -> pandas.DataFrame
        """A pandas DataFrame of the rows as text (needs the ``pandas`` extra)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_dataframe needs pandas: pip install 'csgraph[pandas]'") from exc
        from rdflib.term import Literal

        return pd.DataFrame([[None if t is None else t.toPython() if isinstance(t, Literal) else str(t)
                              for t in r] for r in self._all()], columns=list(self.variables))

    def to_text(self, *, max_width: int = 60) -> str:
        """A plain-text table for a terminal."""
        buf = io.StringIO()
        self.write_text(buf, max_width=max_width)
        return buf.getvalue()

    def write_text(self, out: TextIO, *, max_width: int = 60) -> None:
        """Write the table of :meth:`to_text` to ``out``: the column widths are measured in a first
        pass, then the rows are written a batch at a time."""
        if self.boolean is not None:
            out.write("yes" if self.boolean else "no")
            return
        head = list(self.variables)
        widths = [len(h) for h in head]
        for chunk in self._text_chunks():
            for r in chunk:
                for i, t in enumerate(r):
                    n = len(_short("" if t is None else t, max_width))
                    if n > widths[i]:
                        widths[i] = n
        out.write("  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for chunk in self._text_chunks():
            out.write("".join("  ".join(_short("" if t is None else t, max_width).ljust(w)
                                        for t, w in zip(r, widths)).rstrip() + "\n" for r in chunk))
        out.write(f"({len(self)} row{'s' if len(self) != 1 else ''})")

    def _repr_html_(self) -> str:
        if self.boolean is not None:
            return f"<p>{'yes' if self.boolean else 'no'}</p>"
        esc = html.escape
        head = "".join(f"<th>{esc(v)}</th>" for v in self.variables)
        body = "".join("<tr>" + "".join(f"<td>{esc('' if t is None else t)}</td>" for t in r) + "</tr>"
                       for r in self.text_rows())
        return (f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
                f"<p>{len(self)} rows</p>")


class _JsonSafe:
    """Writes JSON text on to ``out`` with :func:`json_safe` applied."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(json_safe(text))


def _short(text: str, width: int) -> str:
    text = printable(text.replace("\n", " "), keep="")
    return text if len(text) <= width else text[: width - 1] + "…"
