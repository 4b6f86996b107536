"""The release described for data catalogues: VoID and DCAT (``void.ttl``) and an RO-Crate 1.2
metadata file (``ro-crate-metadata.json``) that lists every file.

Links to the release's own files are relative (resolved against the description's own address), so
the descriptions stay right wherever the folder is hosted; with ``site_url`` they are absolute.
"""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, VOID, XSD

from ..namespace import ID, ONTOLOGY_IRI
from .index import Index

__all__ = ["DATASET_IRI", "RO_CRATE_CONTEXT", "RO_CRATE_PROFILE", "Release", "media_type", "ro_crate", "void_dcat"]

DATASET_IRI = "https://w3id.org/csgraph/dataset"
RO_CRATE_CONTEXT = "https://w3id.org/ro/crate/1.2/context"
RO_CRATE_PROFILE = "https://w3id.org/ro/crate/1.2"
DCAT3 = Namespace(str(DCAT))  # DCAT 3 terms (dcat:version) that rdflib's DCAT lacks
_IANA = "https://www.iana.org/assignments/media-types/"
_PLACEHOLDER = "https://release.invalid/"
_TYPES = {".nq": "application/n-quads", ".trig": "application/trig", ".ttl": "text/turtle",
          ".jsonld": "application/ld+json", ".html": "text/html", ".json": "application/json",
          ".htaccess": "text/plain", ".txt": "text/plain", "": "text/plain"}


@dataclass(frozen=True)
class Release:
    """What the descriptions say about a release: its title, summary, licence, publisher, version,
    issue date, and where it will be hosted (optional)."""

    title: str
    description: str
    license: str
    publisher: str
    version: str
    issued: dt.date
    modified: dt.date | None = None
    site_url: str | None = None

    def citation(self) -> str:
        """A citation in the usual order: publisher (year). title, version. address."""
        where = self.site_url or DATASET_IRI
        return f"{self.publisher} ({self.issued.year}). {self.title}, version {self.version}. {where}"


def media_type(path: str) -> str:
    """The media type of a release file, by its suffix.

    >>> media_type("dumps/csgraph.nq"), media_type("id/lewisham.jsonld")
    ('application/n-quads', 'application/ld+json')
    """
    suffix = Path(path).suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def void_dcat(idx: Index, release: Release, dumps: list[tuple[str, str, int]], *, quads: int) -> str:
    """VoID and DCAT in Turtle: counts, classes, named graphs, dumps (path, description, bytes),
    licence, publisher, version and dates."""
    base = release.site_url or _PLACEHOLDER
    g = Graph()
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    g.bind("dct", DCTERMS)
    ds = URIRef(DATASET_IRI)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    for p, o in ((DCTERMS.title, Literal(release.title, lang="en")),
                 (DCTERMS.description, Literal(release.description, lang="en")),
                 (DCTERMS.license, URIRef(release.license)), (DCAT3.version, Literal(release.version)),
                 (OWL.versionInfo, Literal(release.version)),
                 (DCTERMS.issued, Literal(release.issued.isoformat(), datatype=XSD.date)),
                 (DCAT.landingPage, URIRef(base + "index.html")),
                 (VOID.vocabulary, URIRef(str(ONTOLOGY_IRI))), (VOID.uriSpace, Literal(str(ID))),
                 (VOID.triples, Literal(quads)), (VOID.entities, Literal(len(idx.facts))),
                 (VOID.classes, Literal(len({k for ks in idx.kinds.values() for k in ks}))),
                 (DCTERMS.conformsTo, URIRef(str(ONTOLOGY_IRI)))):
        g.add((ds, p, o))
    if release.modified:
        g.add((ds, DCTERMS.modified, Literal(release.modified.isoformat(), datatype=XSD.date)))
    publisher = BNode()
    g.add((ds, DCTERMS.publisher, publisher))
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(release.publisher)))
    for path, text, size in dumps:
        dist = URIRef(base + path + "#distribution")
        g.add((ds, VOID.dataDump, URIRef(base + path)))
        g.add((ds, DCAT.distribution, dist))
        for p, o in ((RDF.type, DCAT.Distribution), (DCAT.downloadURL, URIRef(base + path)),
                     (DCAT.mediaType, URIRef(_IANA + media_type(path))), (DCTERMS.title, Literal(text, lang="en")),
                     (DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger)),
                     (DCTERMS.license, URIRef(release.license))):
            g.add((dist, p, o))
    counts: dict[str, int] = {}
    for ks in idx.kinds.values():
        for k in ks:
            counts[k] = counts.get(k, 0) + 1
    for cls, n in sorted(counts.items()):
        part = BNode()
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(n)))
    for graph, n in sorted(idx.graphs.items()):
        if graph:
            g.add((ds, VOID.subset, URIRef(graph)))
            g.add((URIRef(graph), RDF.type, VOID.Dataset))
            g.add((URIRef(graph), VOID.triples, Literal(n)))
    text = g.serialize(format="turtle")
    # relative references resolve against the file's own address wherever the folder is put
    return text.replace(f"<{_PLACEHOLDER}", "<") if release.site_url is None else text


def ro_crate(release: Release, files: dict[str, str], sizes: dict[str, int]) -> str:
    """The RO-Crate 1.2 metadata: the root data set and one File entity per file (path -> description)."""
    entities = [{"@id": "ro-crate-metadata.json", "@type": "CreativeWork",
                 "conformsTo": {"@id": RO_CRATE_PROFILE}, "about": {"@id": "./"}}]
    root = {"@id": "./", "@type": "Dataset", "name": release.title, "description": release.description,
            "datePublished": release.issued.isoformat(), "version": release.version,
            "license": {"@id": release.license}, "publisher": {"@id": "#publisher"},
            "identifier": release.site_url or DATASET_IRI, "mainEntity": {"@id": "index.html"},
            "hasPart": [{"@id": path} for path in sorted(files)]}
    entities.append(root)
    entities.append({"@id": "#publisher", "@type": "Organization", "name": release.publisher})
    entities.append({"@id": release.license, "@type": "CreativeWork", "name": "licence of the data"})
    for path in sorted(files):
        entities.append({"@id": path, "@type": "File", "name": Path(path).name, "description": files[path],
                         "encodingFormat": media_type(path), "contentSize": str(sizes[path])})
    return json.dumps({"@context": RO_CRATE_CONTEXT, "@graph": entities}, indent=1, ensure_ascii=False) + "\n"
