"""Build a release: the whole static site, written to a new folder in one step.

The site is built in a temporary folder beside the target and renamed into place at the end, so a
failure leaves no half-written release; the privacy rules are checked before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path

from ..errors import CSGraphError
from ..namespace import CS
from .describe import Release, ro_crate, void_dcat
from .dumps import DUMPS, write_alternates, write_dumps, write_ontology
from .htmlkit import esc, html_page
from .index import Index, read_index
from .layout import own_page
from .pages import home_page, thing_page, trace_page
from .querypage import query_page, vendored_files
from .redirects import htaccess
from .safety import check_publishable

__all__ = ["default_release", "publish"]

_SUMMARY = ("Case studies of how local areas adopt Contextual Safeguarding, encoded as a knowledge graph in "
            "which every fact names the source and section it comes from.")


def default_release(kg, **overrides) -> Release:
    """The release's description: csgraph's defaults (the ontology's licence, version) and the data's
    latest encoding date, with ``overrides`` (any field of :class:`~csgraph.publish.describe.Release`)."""
    from .. import __version__

    dates = [d for d, in kg.select_text(
        "SELECT DISTINCT ?d WHERE { ?g a cs:EvidenceGraph ; dct:created ?d }")]
    modified = max((dt.date.fromisoformat(d[:10]) for d in dates if len(d) >= 10), default=None)
    values = {"title": "Contextual Safeguarding evidence (csgraph)", "description": _SUMMARY,
              "license": "https://creativecommons.org/licenses/by/4.0/", "publisher": "csgraph contributors",
              "version": __version__, "issued": dt.date.today(), "modified": modified, "site_url": None}
    values.update({k: v for k, v in overrides.items() if v is not None})
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", str(values["license"])):
        raise CSGraphError(f"--license {values['license']!r}: give the licence's address, such as "
                           "https://creativecommons.org/licenses/by/4.0/")
    for key in ("title", "description", "publisher", "version"):
        if not str(values[key]).strip() or any(c in str(values[key]) for c in "\r\n\x00"):
            option = "release-version" if key == "version" else key
            raise CSGraphError(f"--{option}: give one line of text")
    return Release(**values)


def _citation_cff(release: Release) -> str:
    spdx = {"https://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0",
            "https://creativecommons.org/publicdomain/zero/1.0/": "CC0-1.0"}.get(release.license)
    lines = ["cff-version: 1.2.0", 'message: "If you use this data, please cite it as below."',
             "type: dataset", f"title: {_yaml(release.title)}", f"version: {_yaml(release.version)}",
             f"date-released: {release.issued.isoformat()}", "authors:", f"  - name: {_yaml(release.publisher)}",
             f"url: {_yaml(release.site_url or 'https://w3id.org/csgraph/dataset')}"]
    lines.append(f"license: {spdx}" if spdx else f"license-url: {_yaml(release.license)}")
    return "\n".join(lines) + "\n"


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _downloads_page(release: Release, dumps: list[tuple[str, str, int]]) -> str:
    rows = "".join(f'<tr><td><a href="{esc(p)}">{esc(p)}</a></td><td>{esc(t)}</td><td>{n:,}</td></tr>'
                   for p, t, n in dumps)
    others = (("ontology.ttl", "the ontology, as Turtle"), ("ontology.jsonld", "the ontology, as JSON-LD"),
              ("ontology.html", "the ontology's documentation"),
              ("void.ttl", "VoID and DCAT description of the data set"),
              ("ro-crate-metadata.json", "RO-Crate 1.2 metadata: every file of this release"),
              ("CITATION.cff", "how to cite this release (Citation File Format)"),
              ("w3id/.htaccess", "redirects for https://w3id.org/csgraph/, to put in w3id.org's folder csgraph/"))
    items = "".join(f'<li><a href="{esc(p)}">{esc(p)}</a>: {esc(t)}</li>' for p, t in others)
    body = (f"<p>Version {esc(release.version)}, published {esc(release.issued.isoformat())}; licence "
            f'<a href="{esc(release.license)}" rel="noopener noreferrer">{esc(release.license)}</a>; '
            f"publisher {esc(release.publisher)}.</p>"
            "<h2>The data</h2><table><thead><tr><th>file</th><th>what</th><th>bytes</th></tr></thead>"
            f"<tbody>{rows}</tbody></table><h2>Descriptions and more</h2><ul>{items}</ul>"
            f"<h2>How to cite</h2><p>{esc(release.citation())}</p>")
    return html_page("Downloads", body)


def _write(out: Path, rel: str, text: str, files: dict[str, str], what: str) -> None:
    target = out / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    files[rel] = what


def _things(kg, idx: Index, out: Path, files: dict[str, str]) -> None:
    for iri in sorted(idx.facts):
        if own_page(iri) is None:
            continue
        path, page = thing_page(idx, iri)
        _write(out, path, page, files, f"page describing {idx.label(iri)}")
        ttl, jsonld = write_alternates(idx, iri, out)
        files[ttl] = f"{idx.label(iri)}, as Turtle"
        files[jsonld] = f"{idx.label(iri)}, as JSON-LD"


def _views(kg, idx: Index, out: Path, files: dict[str, str]) -> list[str]:
    from ..network import partnership_network
    from ..tracing import trace
    from ..viz import render_html

    render_html(partnership_network(kg), out / "network.html", title="Partnership network")
    files["network.html"] = "the partnership network (interactive page)"
    strategies = idx.of_kind(str(CS.Strategy))
    for s in strategies:
        path, page = trace_page(idx, s, trace(kg, s))
        _write(out, path, page, files, f"trace of {idx.label(s)} to practice")
    return strategies


def _build(kg, out: Path, release: Release) -> None:
    files: dict[str, str] = {}
    idx = read_index(kg)
    nquads = write_dumps(kg, out)["dumps/csgraph.nq"]
    dumps = [(p, text, (out / p).stat().st_size) for p, _, _, text in DUMPS]
    files.update({p: text for p, text, _ in dumps})
    write_ontology(kg, out)
    files.update({"ontology.ttl": "the ontology, as Turtle", "ontology.jsonld": "the ontology, as JSON-LD",
                  "ontology.html": "the ontology's documentation"})
    _things(kg, idx, out, files)
    strategies = _views(kg, idx, out, files)
    _write(out, "index.html", home_page(idx, title=release.title, summary=release.description,
                                        citation=release.citation(), strategies=strategies),
           files, "home page: case studies and authorities")
    _write(out, "downloads.html", _downloads_page(release, dumps), files, "downloads and descriptions")
    _write(out, "query.html", query_page(nquads), files, "query page: the data in Oxigraph (WebAssembly)")
    for name, data in vendored_files().items():
        rel = f"licences/oxigraph/{name}"
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
        files[rel] = f"Oxigraph (used by the query page): {name}"
    # in a folder of its own: at the release's root, a server that reads .htaccess files would apply the
    # w3id rules to the release itself and send its pages round in circles
    _write(out, "w3id/.htaccess", htaccess(release.site_url), files, "redirects for https://w3id.org/csgraph/")
    _write(out, "CITATION.cff", _citation_cff(release), files, "how to cite this release")
    quads = sum(1 for line in nquads.splitlines() if line.strip())
    _write(out, "void.ttl", void_dcat(idx, release, dumps, quads=quads), files, "VoID and DCAT description")
    sizes = {p: (out / p).stat().st_size for p in files}
    (out / "ro-crate-metadata.json").write_text(ro_crate(release, files, sizes), encoding="utf-8")


def publish(kg, out: str | os.PathLike, *, release: Release | None = None, force: bool = False) -> Path:
    """Write the release of ``kg`` (loaded files) to the folder ``out``; returns its path.

    Refuses (:class:`~csgraph.publish.safety.PublishRefused`) when the privacy rules fail, and
    (:class:`~csgraph.errors.CSGraphError`) when ``out`` exists and is not empty, unless ``force``
    is given and ``out`` holds an earlier release (which is then replaced).

    Examples
    --------
    >>> import csgraph, tempfile, pathlib
    >>> out = publish(csgraph.load(bundled=True), pathlib.Path(tempfile.mkdtemp()) / "release")
    >>> (out / "id" / "lewisham.html").exists(), (out / "query.html").exists()
    (True, True)
    """
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not force:
            raise CSGraphError(f"{out} exists and is not empty; choose a new folder, or pass --force to "
                               "replace an earlier release")
        if not (out / "ro-crate-metadata.json").is_file():
            raise CSGraphError(f"{out} does not hold a release (no ro-crate-metadata.json); refusing to "
                               "replace it")
    check_publishable(kg)
    release = release or default_release(kg)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    work.chmod(0o777 & ~umask)
    try:
        _build(kg, work, release)
        if out.exists():
            shutil.rmtree(out)
        work.rename(out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return out
