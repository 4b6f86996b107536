"""Read case files: YAML that a researcher writes by hand, read once into the records of the case model.

A case file describes one case study: its sources (each with the sections facts are taken from) and the
things it names (authorities, strategies, services, partners, pilots, challenges ...). Every thing says
which ``source#section`` it comes from. This module only reads: the YAML is parsed once, by libyaml when
it is available, into :mod:`csgraph.casemodel` records that remember each value's line; what the values
mean is checked when :mod:`csgraph.casebuild` turns the records into quads. ``csgraph new-case NAME``
writes a commented template.

Anchors, aliases and tags are refused; nesting depth, the number of items and the length of a value are
bounded (:class:`Limits`), so a hostile file costs little before it is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .casekeys import nearest
from .casemodel import CaseDoc, Fact, Loc, Problems, SourceRec, ThingRec
from .errors import CaseFileError, LimitError, ParseError

__all__ = ["FORMAT", "FORMATS", "SLUG", "Limits", "parse_nodes", "read_case_file", "read_text", "safe_yaml"]

#: An id: lower-case letters, digits and hyphens (matched whole, so no trailing newline slips by).
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}\Z")
FORMAT = "csgraph-case/2"
#: Formats read: /1 gives every thing the IRI ``csid:<id>``; /2 scopes it to its case, ``csid:<case>/<id>``.
FORMATS = ("csgraph-case/1", "csgraph-case/2")
_TOP_KEYS = ("format", "case", "sources", "things")
_LoaderBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Limits:
    """Bounds on input: file size in bytes, nesting depth, the length of one literal and the number of
    items (values, lists and mappings) in one case file or table."""

    max_bytes: int = 1 << 30
    max_case_bytes: int = 8 << 20
    max_depth: int = 64
    max_literal: int = 1 << 20
    max_items: int = 200_000


def read_text(path: str | Path, max_bytes: int, what: str = "file") -> str:
    """The file's text (UTF-8, a BOM allowed), refused when larger than ``max_bytes`` or not UTF-8."""
    p = Path(path)
    data = p.read_bytes()
    if len(data) > max_bytes:
        raise LimitError(f"the {what} is {len(data)} bytes, over the limit of {max_bytes} bytes; raise "
                         "Limits(max_case_bytes=...) if you trust it", path=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"the {what} is not valid UTF-8 (byte {exc.start}); save it as UTF-8",
                         path=str(path), line=data[: exc.start].count(b"\n") + 1) from None


# --- YAML to nodes: ("s", text, tag, line) | ("q", items, line) | ("m", [(key, value)], line) ------------
def parse_nodes(text: str, path: str, limits: Limits = Limits()):
    """Parse YAML once into plain nodes with their lines; refuse anchors, aliases, tags and excess.

    >>> parse_nodes("a: [1, x]", "x.yaml")
    ('m', [(('s', 'a', 'str', 1), ('q', [('s', '1', 'int', 1), ('s', 'x', 'str', 1)], 1))], 1)
    >>> parse_nodes("a: &x 1\\nb: *x", "x.yaml")
    Traceback (most recent call last):
    ...
    csgraph.errors.CaseFileError: x.yaml:1: anchors and aliases (& and *) are not allowed in case files; ...
    """
    loader = _LoaderBase(text)
    stack: list[list] = []
    root = None
    items = 0
    try:
        while loader.check_event():
            ev = loader.get_event()
            line = ev.start_mark.line + 1
            if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
                raise CaseFileError("anchors and aliases (& and *) are not allowed in case files; "
                                    "write the value out", path=path, line=line)
            if isinstance(ev, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                items += 1
                if items > limits.max_items:
                    raise LimitError(f"the file has more than {limits.max_items} values; split it or raise "
                                     "Limits(max_items=...)", path=path, line=line)
                if ev.tag not in (None, "!"):
                    raise CaseFileError(f"YAML tags such as {ev.tag} are not allowed; write the value plainly",
                                        path=path, line=line)
            if isinstance(ev, yaml.ScalarEvent):
                if len(ev.value) > limits.max_literal:
                    raise LimitError(f"a value is longer than the limit of {limits.max_literal} characters",
                                     path=path, line=line)
                tag = loader.resolve(yaml.ScalarNode, ev.value, ev.implicit) if ev.implicit[0] else "str"
                node = ("s", ev.value, tag.rsplit(":", 1)[-1], line)
            elif isinstance(ev, yaml.CollectionStartEvent):
                if len(stack) >= limits.max_depth:
                    raise LimitError(f"nesting is deeper than the limit of {limits.max_depth} levels",
                                     path=path, line=line)
                stack.append(["m" if isinstance(ev, yaml.MappingStartEvent) else "q", [], line])
                continue
            elif isinstance(ev, yaml.CollectionEndEvent):
                kind, body, start = stack.pop()
                if kind == "m":
                    body = list(zip(body[::2], body[1::2]))
                node = (kind, body, start)
            else:
                continue
            if stack:
                stack[-1][1].append(node)
            elif root is None:
                root = node
            else:
                raise CaseFileError("a case file holds one YAML document; remove the second '---'",
                                    path=path, line=line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "nesting depth" in str(exc.problem):  # libyaml's own bound, below ours when ours is raised
            raise LimitError(f"nesting is deeper than the limit of {limits.max_depth} levels", path=path,
                             line=mark.line + 1 if mark else None) from None
        raise ParseError(f"YAML syntax: {exc.problem or exc.context}", path=path,
                         line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ParseError(f"YAML: {exc}", path=path) from None
    finally:
        loader.dispose()
    return root


# --- nodes to records ---------------------------------------------------------------------------------
def read_case_file(path: str | Path, text: str | None = None, limits: Limits = Limits(),
                   problems: Problems | None = None) -> CaseDoc | None:
    """Read a YAML case file into a :class:`~csgraph.casemodel.CaseDoc` (its structure only; values are
    checked by :func:`csgraph.casebuild.build`). Problems go to ``problems`` when given, else raise.

    >>> from csgraph.resources import data_dir
    >>> case = read_case_file(data_dir() / "lewisham.yaml")
    >>> case.id, case.get("genre").text, any(t.id == "cs-rp-pilot" for t in case.things)
    ('lewisham', 'systems-and-structure', True)
    """
    own = problems is None
    problems = Problems() if own else problems
    path = str(path)
    try:
        if text is None:
            text = read_text(path, limits.max_case_bytes, "case file")
        doc = _doc(parse_nodes(text, path, limits), path, problems)
    except (CaseFileError, ParseError) as exc:
        problems.extend(exc)
        doc = None
    if own:
        problems.raise_if_any()
    return doc


def _doc(root, path: str, problems: Problems) -> CaseDoc | None:
    if root is None or root[0] != "m":
        problems.add("a case file is a mapping with the keys format, case, sources and things; run "
                     "`csgraph new-case NAME` for a template", Loc(path, 1, ""))
        return None
    top = _mapping(root, path, "", problems, _TOP_KEYS)
    fmt = top.get("format")
    fmt_text = fmt[1][1] if fmt and fmt[1][0] == "s" else FORMATS[0] if fmt is None else None
    if fmt_text not in FORMATS:
        problems.add(f"format must be one of {', '.join(FORMATS)}", Loc(path, fmt[0], "format"))
        fmt_text = FORMAT
    parts = {}
    for key in ("case", "sources", "things"):
        line, node = top.get(key, (root[2], None))
        if node is None or node[0] != "m":
            problems.add(f"{key} is required and must be a mapping (key: value lines indented below it)",
                         Loc(path, line, key))
            node = ("m", [], line)
        parts[key] = _mapping(node, path, key, problems)
    case_facts = _facts(parts["case"], path, "case", problems)
    ids = [f for f in case_facts if f.key == "id"]
    case_id = ids[0].text if len(ids) == 1 and ids[0].tag in ("str", "int") and not ids[0].listed else ""
    sources = tuple(SourceRec(sid, Loc(path, line, f"sources.{sid}"),
                              _facts(_mapping(node, path, f"sources.{sid}", problems, what="a source"),
                                     path, f"sources.{sid}", problems))
                    for sid, (line, node) in parts["sources"].items())
    things = tuple(ThingRec(case_id, tid, Loc(path, line, f"things.{tid}"),
                            _facts(_mapping(node, path, f"things.{tid}", problems, what="a thing"),
                                   path, f"things.{tid}", problems))
                   for tid, (line, node) in parts["things"].items())
    return CaseDoc(path, fmt_text, case_id, Loc(path, parts["case"].get("id", (root[2],))[0], "case"),
                   case_facts, sources, things)


def _mapping(node, path: str, where: str, problems: Problems, allowed=None, what: str = "") -> dict:
    """A mapping node as {key: (line, value node)}; refuses non-text keys, repeated and unknown keys."""
    if node is None or node[0] != "m":
        line = node[2] if node else None
        problems.add(f"{what or where} must be a mapping of keys and values", Loc(path, line, where))
        return {}
    out: dict = {}
    for key, value in node[1]:
        field = f"{where}.{key[1]}" if where else str(key[1])
        if key[0] != "s" or key[2] not in ("str", "int"):
            problems.add("keys must be plain words", Loc(path, key[2] if key[0] != "s" else key[3], where))
        elif key[1] in out:
            problems.add(f"the key {key[1]!r} appears twice in the same block; keep one",
                         Loc(path, key[3], field))
        elif allowed is not None and key[1] not in allowed:
            problems.add(f"unknown key {key[1]!r}{nearest(key[1], allowed)}; allowed here: {', '.join(allowed)}",
                         Loc(path, key[3], field))
        else:
            out[key[1]] = (key[3], value)
    return out


def _facts(mapping: dict, path: str, where: str, problems: Problems) -> tuple[Fact, ...]:
    out: list[Fact] = []
    for key, (line, node) in mapping.items():
        loc = Loc(path, line, f"{where}.{key}")
        if node[0] == "q":
            if not node[1]:
                out.append(Fact(key, "", "empty", loc))
            for item in node[1]:
                out.append(_fact(key, item, Loc(path, item[-1], loc.field), True, problems))
        else:
            out.append(_fact(key, node, loc, False, problems))
    return tuple(out)


def _fact(key: str, node, loc: Loc, listed: bool, problems: Problems) -> Fact:
    if node[0] == "s":
        return Fact(key, node[1], node[2], loc, listed)
    if node[0] == "q":
        return Fact(key, "", "list", loc, listed)
    if not {k[1] for k, _ in node[1]} <= {"value", "from"}:  # a mapping where one value belongs
        return Fact(key, "", "map", loc, listed)
    parts = _mapping(node, loc.path, loc.field, problems, ("value", "from"))
    if "value" not in parts:
        problems.add(f"{key}: a value written as a mapping needs value: (and may have from:)", loc)
        return Fact(key, "", "map", loc, listed)
    vline, value = parts["value"]
    source = None
    if "from" in parts:
        fline, fnode = parts["from"]
        source = _fact("from", fnode, Loc(loc.path, fline, f"{loc.field}.from"), False, problems)
    if value[0] != "s":
        return Fact(key, "", "list" if value[0] == "q" else "map", Loc(loc.path, vline, loc.field), listed, source)
    return Fact(key, value[1], value[2], Loc(loc.path, vline, loc.field), listed, source)


def safe_yaml(text: str, path: str, limits: Limits = Limits()):
    """Deprecated: parse YAML with the case-file bounds into Python values (use :func:`parse_nodes`).

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     safe_yaml("a: [1, 2]", "x.yaml")
    {'a': [1, 2]}
    """
    import warnings

    warnings.warn("csgraph.casefile.safe_yaml is deprecated; use parse_nodes", DeprecationWarning, stacklevel=2)
    parse_nodes(text, path, limits)  # the refusals and bounds, before a second, trusted parse
    return yaml.load(text, Loader=_LoaderBase)


_RENAMED = {"CaseFile": ("csgraph.casemodel.CaseDoc", CaseDoc)}  # old name: (new name, the object)


def __getattr__(name: str) -> object:
    if name not in _RENAMED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import warnings

    new, value = _RENAMED[name]
    warnings.warn(f"csgraph.casefile.{name} is deprecated and will be removed in the next release; use {new}",
                  DeprecationWarning, stacklevel=2)
    return value
