"""A JSON Schema (draft-07) of case files, generated from the same SHACL shapes the reader uses.

Editors with YAML support (the YAML language server behind VS Code, Neovim, JetBrains ...) read it
from the ``# yaml-language-server: $schema=...`` line at the top of a case file, and then complete keys
and vocabulary values and mark mistakes as they are typed. Every key of every thing type is there, with
its description; lists of concepts are enums of their ``skos:notation``; any key may be ``not-stated``.
The reader stays the authority: it also checks what a schema cannot (references, sections, digits).

>>> s = case_schema()
>>> s["$schema"]
'http://json-schema.org/draft-07/schema#'
>>> "piloted" in s["definitions"]["scheme-status"]["enum"]
True
"""

from __future__ import annotations

import json
import os

from rdflib import XSD

from .casebuild import CASE_KEYS, SOURCE_KEYS
from .casefile import FORMATS
from .casekeys import KeySpec, Schema, schema
from .casemodel import NOT_STATED

__all__ = ["SCHEMA_FILE", "case_schema", "write_case_schema"]

#: The file name ``csgraph new-case --schema`` writes and the template refers to.
SCHEMA_FILE = "csgraph-case.schema.json"
_ID = "[a-z0-9][a-z0-9-]{0,79}"
_DATATYPES = {
    "string": {"type": "string", "minLength": 1},
    "integer": {"type": "integer"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "gYearMonth": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
    "gYear": {"anyOf": [{"type": "integer", "minimum": 1800, "maximum": 2200},
                        {"type": "string", "pattern": "^[0-9]{4}$"}]},
    "anyURI": {"type": "string", "pattern": "^https?://[^\\s<>\"{}|\\\\^`]+$"},
}


def _value(spec: KeySpec) -> dict:
    if spec.kind == "concept":
        return {"$ref": f"#/definitions/scheme-{spec.target}"}
    if spec.kind in ("ref", "slug"):
        return {"$ref": "#/definitions/ref" if spec.kind == "ref" else "#/definitions/id"}
    alts = []
    for dtype in spec.datatypes or (spec.target,):
        short = str(dtype)[len(str(XSD)):]
        one = dict(_DATATYPES.get(short, {"type": "string"}))
        if short == "string" and spec.pattern:
            one["pattern"] = spec.pattern
        if short == "integer":
            if spec.minimum is not None:
                one["minimum"] = spec.minimum
            if spec.maximum is not None:
                one["maximum"] = spec.maximum
        alts.append(one)
    return alts[0] if len(alts) == 1 else {"anyOf": alts}


def _key(spec: KeySpec, thing: bool = True) -> dict:
    """A key's schema: its value, and for a thing's key the value with its own source, or not-stated;
    a list of those when the key takes many."""
    value = _value(spec)
    one = value
    if thing:
        one = {"anyOf": [value, {"type": "object", "additionalProperties": False, "required": ["value"],
                                 "properties": {"value": value, "from": {"$ref": "#/definitions/from"}}},
                         {"$ref": "#/definitions/not-stated"}]}
    out = {"anyOf": [one, {"type": "array", "items": one}]} if spec.many else one
    if spec.description:
        out["description"] = spec.description
    return out


def _object(specs: dict[str, KeySpec], extra: dict | None = None, thing: bool = True) -> dict:
    props = {**(extra or {}), **{name: _key(spec, thing) for name, spec in specs.items()}}
    return {"type": "object", "additionalProperties": False, "properties": props,
            "required": [n for n, s in specs.items() if s.min_count] + [n for n in (extra or {}) if n != "type"]}


def case_schema(sch: Schema | None = None) -> dict:
    """The JSON Schema of case files, as a dict (``json.dumps`` it to write it)."""
    sch = sch or schema()
    defs: dict = {
        "id": {"type": "string", "pattern": f"^{_ID}$", "description": "lower-case letters, digits, hyphens"},
        "ref": {"type": "string", "pattern": f"^({_ID}:)?{_ID}$",
                "description": "the id of a thing of this case, or case:id for a thing of another case"},
        "from": {"type": "string", "pattern": f"^{_ID}(#{_ID})?$", "description": "source or source#section"},
        "not-stated": {"const": NOT_STATED, "description": "the source does not give this"},
    }
    for scheme, options in sorted(sch.concepts.items()):
        defs[f"scheme-{scheme}"] = {"enum": sorted(options), "description": "; ".join(
            f"{n}: {sch.concept_labels.get(iri, n)}" for n, iri in sorted(options.items()))}
    things = []
    for name, spec in sch.types.items():
        extra = {"type": {"const": name}, "from": {"$ref": "#/definitions/from"}}
        defs[f"type-{name}"] = _object(spec.keys, extra)
        things.append({"if": {"properties": {"type": {"const": name}}, "required": ["type"]},
                       "then": {"$ref": f"#/definitions/type-{name}"}})
    defs["thing"] = {"type": "object", "required": ["type", "from"],
                     "properties": {"type": {"enum": list(sch.types)}}, "allOf": things}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://w3id.org/csgraph/schema/case.json",
        "title": "csgraph case file",
        "description": "One case study as facts, each traceable to its source (generated from the csgraph "
                       f"SHACL shapes, {sch.digest[:12]}).",
        "type": "object", "additionalProperties": False, "required": ["case", "sources", "things"],
        "properties": {
            "format": {"enum": list(FORMATS)},
            "case": _object(CASE_KEYS, thing=False),
            "sources": {"type": "object", "propertyNames": {"$ref": "#/definitions/id"},
                        "additionalProperties": {**_object(SOURCE_KEYS, thing=False),  # an address, or a copy's
                                                 "anyOf": [{"required": ["url"]}, {"required": ["mirror"]}]}},
            "things": {"type": "object", "propertyNames": {"$ref": "#/definitions/id"},
                       "additionalProperties": {"$ref": "#/definitions/thing"}},
        },
        "definitions": defs,
    }


def write_case_schema(path: str | os.PathLike) -> None:
    """Write the JSON Schema of case files to ``path`` (through a temporary file, renamed into place)."""
    text = json.dumps(case_schema(), indent=1, ensure_ascii=False) + "\n"
    tmp = f"{os.fspath(path)}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
