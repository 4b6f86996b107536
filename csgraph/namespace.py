"""Namespaces of csgraph: the ontology (:class:`CS`), concepts, data, graphs and shapes.

:class:`CS` is an rdflib ``DefinedNamespace`` with ``_fail = True``: a misspelt term raises
``AttributeError`` instead of minting a new IRI. A test keeps it in step with ``ontology/``.

>>> CS.Pilot
rdflib.term.URIRef('https://w3id.org/csgraph/ontology#Pilot')
>>> concept("context", "school")
rdflib.term.URIRef('https://w3id.org/csgraph/concept/context/school')
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["CONCEPT", "CS", "CSH", "GRAPH", "ID", "ONTOLOGY_GRAPH", "ONTOLOGY_IRI", "PREFIXES", "concept"]

ONTOLOGY_IRI = URIRef("https://w3id.org/csgraph/ontology")
CSH = Namespace("https://w3id.org/csgraph/shapes#")
ID = Namespace("https://w3id.org/csgraph/id/")
GRAPH = Namespace("https://w3id.org/csgraph/graph/")
CONCEPT = Namespace("https://w3id.org/csgraph/concept/")
ONTOLOGY_GRAPH = URIRef("https://w3id.org/csgraph/graph/ontology")


def concept(scheme: str, name: str) -> URIRef:
    """The IRI of concept ``name`` in the concept scheme ``scheme``."""
    return URIRef(f"{CONCEPT}{scheme}/{name}")


class CS(DefinedNamespace):
    """Terms of the csgraph ontology (generated from ``ontology/modules``; kept in sync by a test)."""

    _fail = True
    _NS = Namespace("https://w3id.org/csgraph/ontology#")

    # classes
    Accreditor: URIRef
    Aim: URIRef
    Board: URIRef
    CaseStudy: URIRef
    Challenge: URIRef
    Change: URIRef
    EvidenceGraph: URIRef
    LocalAuthority: URIRef
    Mechanism: URIRef
    Outcome: URIRef
    PartnerOrganisation: URIRef
    Partnership: URIRef
    Pilot: URIRef
    Post: URIRef
    PracticeSetting: URIRef
    Priority: URIRef
    Review: URIRef
    Rollout: URIRef
    School: URIRef
    Service: URIRef
    Source: URIRef
    Strategy: URIRef
    Training: URIRef

    # properties
    accreditedBy: URIRef
    addressesHarm: URIRef
    affects: URIRef
    anonymised: URIRef
    approach: URIRef
    audience: URIRef
    authorityType: URIRef
    challengeType: URIRef
    changeType: URIRef
    changed: URIRef
    charityNumber: URIRef
    companyNumber: URIRef
    deliversFor: URIRef
    describes: URIRef
    dfeCode: URIRef
    endDate: URIRef
    endYear: URIRef
    established: URIRef
    evaluates: URIRef
    evidencesDomain: URIRef
    evidencesLevel: URIRef
    expertise: URIRef
    genre: URIRef
    gssCode: URIRef
    hasAim: URIRef
    hasPriority: URIRef
    hasRollout: URIRef
    heldWithin: URIRef
    inArea: URIRef
    inContext: URIRef
    inSetting: URIRef
    involves: URIRef
    leads: URIRef
    ledBy: URIRef
    ledTo: URIRef
    mechanismType: URIRef
    nation: URIRef
    outcomeFor: URIRef
    oversees: URIRef
    ownedBy: URIRef
    partOf: URIRef
    phase: URIRef
    priorityCount: URIRef
    qualityMark: URIRef
    region: URIRef
    registerCode: URIRef
    respondsTo: URIRef
    roleType: URIRef
    section: URIRef
    sector: URIRef
    serviceType: URIRef
    settingCount: URIRef
    settingType: URIRef
    startDate: URIRef
    startYear: URIRef
    status: URIRef
    supports: URIRef
    targetsContext: URIRef
    topic: URIRef
    url: URIRef
    urn: URIRef
    usesApproach: URIRef
    usesTool: URIRef
    year: URIRef


PREFIXES = {
    "cs": str(CS._NS),
    "csid": str(ID),
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
