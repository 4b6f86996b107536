"""Namespaces of csgraph: the ontology (:class:`CS`), concepts, data, graphs and shapes; the one
prefix table and :func:`short`; the one check that text is an absolute IRI.

:class:`CS` is an rdflib ``DefinedNamespace`` with ``_fail = True``: a misspelt term raises
``AttributeError`` instead of minting a new IRI. It is generated from ``ontology/modules``:
``python -m csgraph.namespace --write`` rewrites it, ``--check`` fails when it is out of step (a test
runs the check). This is the one module where namespace IRIs are written out.

The prefix table, :func:`short` and :func:`is_absolute_iri` are plain text; :class:`CS` and the other
rdflib namespaces are made the first time one of them is used, so that a command answering from the
store's own terms never imports rdflib (about 75 ms).

>>> from csgraph.namespace import CS, concept
>>> CS.Pilot
rdflib.term.URIRef('https://w3id.org/csgraph/ontology#Pilot')
>>> concept("context", "school")
rdflib.term.URIRef('https://w3id.org/csgraph/concept/context/school')
>>> short(CS.Pilot), short("http://www.w3.org/ns/org#hasMember"), short("https://example.org/x")
('cs:Pilot', 'org:hasMember', 'https://example.org/x')
>>> is_absolute_iri("https://w3id.org/csgraph/id/lewisham"), is_absolute_iri("lewisham")
(True, False)
"""

from __future__ import annotations

import re
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.namespace import DefinedNamespace, Namespace
    from rdflib.term import URIRef

    CS: type[DefinedNamespace]
    CSH: Namespace
    ID: Namespace
    GRAPH: Namespace
    CONCEPT: Namespace
    ONTOLOGY_IRI: URIRef
    ONTOLOGY_GRAPH: URIRef

__all__ = ["CONCEPT", "CS", "CSH", "GRAPH", "ID", "ONTOLOGY_GRAPH", "ONTOLOGY_IRI", "PREFIXES", "concept",
           "generate", "is_absolute_iri", "main", "short"]

#: The one prefix table: SPARQL headers, Turtle and TriG output, and :func:`short` use it.
PREFIXES = {
    "cs": "https://w3id.org/csgraph/ontology#",
    "csid": "https://w3id.org/csgraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
}
_BASE = "https://w3id.org/csgraph/"
#: Further prefixes shown by :func:`short` (not declared in query headers).
_SHORT_ONLY = {"sh": "http://www.w3.org/ns/shacl#", "csh": f"{_BASE}shapes#", "cv": "http://data.europa.eu/m8g/"}
_BY_LENGTH = sorted({**PREFIXES, **_SHORT_ONLY}.items(), key=lambda kv: -len(kv[1]))
# scheme ":" then no space, angle bracket, quote, brace, pipe, caret, backquote or backslash (RFC 3987)
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$")


def short(iri: str) -> str:
    """``prefix:name`` for an IRI in a known namespace, else the IRI as it is."""
    text = str(iri)
    for prefix, ns in _BY_LENGTH:
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def is_absolute_iri(text: str) -> bool:
    """True when ``text`` is an absolute IRI that can be written between ``<`` and ``>``."""
    return isinstance(text, str) and bool(_ABSOLUTE_IRI.match(text))


def concept(scheme: str, name: str) -> URIRef:
    """The IRI of concept ``name`` in the concept scheme ``scheme``."""
    from rdflib.term import URIRef

    return URIRef(f"{_BASE}concept/{scheme}/{name}")


_RDFLIB_NAMES = frozenset({"CONCEPT", "CS", "CSH", "GRAPH", "ID", "ONTOLOGY_GRAPH", "ONTOLOGY_IRI"})
_MAKING = threading.Lock()


def __getattr__(name: str) -> Any:
    if name not in _RDFLIB_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    with _MAKING:
        if name not in globals():
            globals().update(_rdflib_namespaces())
    return globals()[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *_RDFLIB_NAMES})


#: The ontology's terms, the attributes of :class:`CS` (``python -m csgraph.namespace --write`` rewrites them).
_TERMS = (
    # classes
    "Accreditor",
    "Aim",
    "AreaCode",
    "Board",
    "CaseStudy",
    "Challenge",
    "Change",
    "ContextResponse",
    "Driver",
    "EvidenceActivity",
    "EvidenceGraph",
    "Figure",
    "Guidance",
    "LocalAuthority",
    "Mechanism",
    "Meeting",
    "Membership",
    "Outcome",
    "PartnerOrganisation",
    "Partnership",
    "PeerGroup",
    "Pilot",
    "Place",
    "Post",
    "PracticeSetting",
    "Priority",
    "Programme",
    "Review",
    "Rollout",
    "School",
    "Service",
    "Source",
    "Strategy",
    "ToolInUse",
    "Training",

    # properties
    "about",
    "accreditedBy",
    "addressesHarm",
    "affects",
    "ageFrom",
    "ageTo",
    "anonymised",
    "approach",
    "asAt",
    "atPlace",
    "audience",
    "authorityCount",
    "authorityType",
    "careStatus",
    "challengeType",
    "changeType",
    "changed",
    "charityNumber",
    "cites",
    "code",
    "codeOf",
    "codeScheme",
    "commissionedBy",
    "companyNumber",
    "concern",
    "contextType",
    "convenedBy",
    "countQualifier",
    "coversArea",
    "current",
    "deliversFor",
    "describes",
    "dfeCode",
    "driverType",
    "endDate",
    "endYear",
    "established",
    "evaluates",
    "evidenceType",
    "evidencesDomain",
    "evidencesLevel",
    "expertise",
    "figureAbout",
    "figureFrom",
    "footprint",
    "frequency",
    "fundedBy",
    "genre",
    "groupSize",
    "gssCode",
    "guidanceType",
    "hasAim",
    "hasPriority",
    "hasRollout",
    "heldWithin",
    "hostedBy",
    "inArea",
    "inContext",
    "inSetting",
    "informed",
    "involvedService",
    "involves",
    "knownThrough",
    "launched",
    "leads",
    "ledBy",
    "ledTo",
    "measure",
    "mechanismType",
    "meetingType",
    "membershipRole",
    "mirror",
    "nation",
    "notStated",
    "number",
    "outcomeFor",
    "outsideArea",
    "oversees",
    "ownedBy",
    "partOf",
    "participantCount",
    "participants",
    "percentage",
    "phase",
    "placeType",
    "predecessor",
    "priorityCount",
    "published",
    "qualityMark",
    "reachedThrough",
    "region",
    "registerCode",
    "respondsTo",
    "responseType",
    "roleType",
    "section",
    "sector",
    "serviceType",
    "settingCount",
    "settingType",
    "sizeUnderFive",
    "startDate",
    "startYear",
    "status",
    "subsetOf",
    "supports",
    "targetsContext",
    "throughMeeting",
    "toolType",
    "topic",
    "triggered",
    "url",
    "urn",
    "usedBy",
    "usesApproach",
    "usesTool",
    "year",
)  # end of the generated terms


def _rdflib_namespaces() -> dict[str, Any]:
    """:class:`CS` and the other namespaces as rdflib objects (made once, on first use)."""
    from rdflib.namespace import DefinedNamespace, Namespace
    from rdflib.term import URIRef

    body = {"__doc__": "Terms of the csgraph ontology, generated from ``ontology/modules`` "
                       "(``python -m csgraph.namespace``).",
            "__module__": __name__, "__qualname__": "CS", "_fail": True, "_NS": Namespace(PREFIXES["cs"]),
            "__annotations__": dict.fromkeys(_TERMS, URIRef)}
    CS = type(DefinedNamespace)("CS", (DefinedNamespace,), body)
    return {"CS": CS, "CSH": Namespace(_SHORT_ONLY["csh"]), "ID": Namespace(PREFIXES["csid"]),
            "GRAPH": Namespace(f"{_BASE}graph/"), "CONCEPT": Namespace(f"{_BASE}concept/"),
            "ONTOLOGY_IRI": URIRef(f"{_BASE}ontology"), "ONTOLOGY_GRAPH": URIRef(f"{_BASE}graph/ontology")}


# --- generating CS from the ontology -------------------------------------------------------------

_BEGIN, _END = "    # classes\n", "\n)  # end of the generated terms"


def generate(modules: Path | None = None) -> str:
    """The body of :class:`CS` (classes, then properties) from the ontology modules."""
    import pyoxigraph as ox

    if modules is None:
        from .resources import ontology_dir

        modules = ontology_dir() / "modules"
    ns, declared = PREFIXES["cs"], set()
    for f in sorted(modules.glob("*.ttl")):
        for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE):
            if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ns):
                declared.add(q.subject.value[len(ns):])
    classes = sorted(t for t in declared if t[:1].isupper())
    props = sorted(t for t in declared if not t[:1].isupper())
    return ("    # classes\n" + "".join(f'    "{t}",\n' for t in classes)
            + "\n    # properties\n" + "".join(f'    "{t}",\n' for t in props))


def main(argv: list[str] | None = None) -> int:
    """``python -m csgraph.namespace --check`` (exit 1 when out of step) or ``--write``."""
    args = sys.argv[1:] if argv is None else argv
    if args not in (["--check"], ["--write"]):
        print("usage: python -m csgraph.namespace --check | --write", file=sys.stderr)
        return 2
    path = Path(__file__)
    text = path.read_text(encoding="utf-8")
    start, end = text.index(_BEGIN), text.index(_END)
    body = generate()
    if text[start:end] == body.rstrip("\n"):
        return 0
    if args == ["--check"]:
        print(f"{path}: CS is out of step with ontology/modules; run python -m csgraph.namespace --write",
              file=sys.stderr)
        return 1
    path.write_text(text[:start] + body.rstrip("\n") + text[end:], encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
