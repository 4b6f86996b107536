"""Publish the evidence: a citable, self-contained static release of a knowledge graph.

:func:`publish` writes the site (pages per thing, dumps, the ontology, the network and traces, a query
page running Oxigraph in the browser, VoID/DCAT, RO-Crate, w3id redirects); :func:`check_release`
verifies one. The command is ``csgraph publish [PATH...] -o DIR`` and ``csgraph publish --check DIR``.
"""

from __future__ import annotations

from .check import CheckReport, check_release
from .describe import Release
from .safety import PublishRefused, release_problems
from .site import default_release, publish

__all__ = ["CheckReport", "PublishRefused", "Release", "check_release", "default_release", "publish",
           "release_problems"]
