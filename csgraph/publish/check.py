"""Verify a release folder: links, dumps, descriptions, and the query page in a real browser.

* every link, script, style sheet and image of every page resolves to a file inside the folder (and a
  ``#fragment`` to an element of it); nothing is loaded from elsewhere;
* the N-Quads, TriG, JSON-LD and Turtle dumps parse to the same quads (Turtle: their union), as many as
  the VoID description says;
* ``ro-crate-metadata.json`` is RO-Crate 1.2 (read against the 1.2 context shipped with csgraph, and
  with the ``rocrate`` package when it is installed) and lists every file, each present;
* ``void.ttl`` meets the DCAT and VoID shapes (pyshacl) and its dumps are files of the release;
* headless Chromium opens ``query.html`` from the folder, offline, and its answer to every named query
  (parameters at their defaults) equals the embedded store's on the same dump.
"""

from __future__ import annotations

import html.parser
import json
import os
import posixpath
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox

from ..errors import CSGraphError
from .describe import RO_CRATE_CONTEXT, RO_CRATE_PROFILE
from .dumps import DUMPS

__all__ = ["CheckReport", "check_release"]


@dataclass
class CheckReport:
    """What ``--check`` verified (``checks``) and what it found wrong (``problems``)."""

    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_text(self) -> str:
        lines = [f"ok      {c}" for c in self.checks]
        unique = list(dict.fromkeys(self.problems))
        lines += [f"problem {p}" for p in unique[:50]]
        if len(unique) > 50:
            lines.append(f"... and {len(unique) - 50} more problems")
        lines.append("the release is sound" if self.ok else f"{len(self.problems)} problem(s)")
        return "\n".join(lines)


class _Refs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append((tag, a[key] or ""))


def _parse_page(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _links(root: Path, report: CheckReport) -> None:
    files_in = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    pages = sorted(f for f in files_in if f.endswith(".html"))
    parsed: dict[str, _Refs] = {}

    def read(rel: str) -> _Refs:
        if rel not in parsed:
            parsed[rel] = _parse_page(root / rel)
        return parsed[rel]

    count = 0
    for page in pages:
        for tag, ref in read(page).refs:
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https", "mailto"):
                if tag != "a":
                    report.problems.append(f"{page}: <{tag}> loads {ref} from outside the release")
                continue
            if parts.scheme or parts.netloc:
                report.problems.append(f"{page}: link {ref!r} is not a relative link")
                continue
            count += 1
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))) \
                if parts.path else page
            if target not in files_in:  # also catches ../ out of the folder
                report.problems.append(f"{page}: link {ref!r} leads to no file of the release")
            elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in read(target).ids:
                report.problems.append(f"{page}: link {ref!r}: no element #{parts.fragment} in {target}")
    report.checks.append(f"{count} links in {len(pages)} pages resolve inside the release")


def _canonical(quads, *, union: bool = False) -> list[str]:
    out = []
    for q in quads:
        terms = [q.subject, q.predicate, q.object] + ([] if union else [q.graph_name])
        out.append(" ".join("_:b" if isinstance(t, ox.BlankNode) else str(t) for t in terms))
    return sorted(set(out)) if union else sorted(out)


def _dumps(root: Path, report: CheckReport) -> list[str]:
    formats = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
               "ttl": ox.RdfFormat.TURTLE}
    parsed: dict[str, list] = {}
    for path, fmt, _, _ in DUMPS:
        try:
            parsed[fmt] = list(ox.parse(path=str(root / path), format=formats[fmt]))
        except (OSError, SyntaxError, ValueError) as exc:
            report.problems.append(f"{path}: does not parse ({exc})")
    if len(parsed) != len(DUMPS):
        return []
    reference = _canonical(parsed["nq"])
    for fmt in ("trig", "jsonld"):
        if _canonical(parsed[fmt]) != reference:
            report.problems.append(f"dumps/csgraph.{fmt} does not hold the same quads as dumps/csgraph.nq")
    if _canonical(parsed["ttl"], union=True) != _canonical(parsed["nq"], union=True):
        report.problems.append("dumps/csgraph.ttl does not hold the union of the quads of dumps/csgraph.nq")
    report.checks.append(f"the four dumps parse to the same {len(reference)} quads")
    return reference


def _context_terms() -> set[str]:
    data = json.loads((files("csgraph.publish") / "vendor" / "ro-crate" / "context-1.2.jsonld").read_text())
    return set(data["@context"])


def _ro_crate(root: Path, report: CheckReport) -> None:
    path = root / "ro-crate-metadata.json"
    try:
        crate = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        report.problems.append(f"ro-crate-metadata.json: cannot be read as JSON ({exc})")
        return
    if crate.get("@context") != RO_CRATE_CONTEXT:
        report.problems.append(f"ro-crate-metadata.json: @context is not {RO_CRATE_CONTEXT}")
    graph = crate.get("@graph") or []
    by_id = {e.get("@id"): e for e in graph if isinstance(e, dict)}
    terms = _context_terms()
    for e in graph:
        where = f"ro-crate-metadata.json: {e.get('@id')}"
        for key in e:
            if not key.startswith("@") and key not in terms and ":" not in key:
                report.problems.append(f"{where}: {key!r} is not an RO-Crate 1.2 term")
        for t in e.get("@type") if isinstance(e.get("@type"), list) else [e.get("@type")]:
            if t not in terms:
                report.problems.append(f"{where}: type {t!r} is not an RO-Crate 1.2 term")
    descriptor = by_id.get("ro-crate-metadata.json", {})
    if (descriptor.get("conformsTo", {}).get("@id") != RO_CRATE_PROFILE
            or descriptor.get("about", {}).get("@id") != "./"):
        report.problems.append("ro-crate-metadata.json: the metadata descriptor does not conform to RO-Crate 1.2 "
                               "or is not about ./")
    rootds = by_id.get("./", {})
    for key in ("name", "description", "datePublished", "license"):
        if not rootds.get(key):
            report.problems.append(f"ro-crate-metadata.json: the root data set has no {key}")
    listed = {p["@id"] for p in rootds.get("hasPart", [])}
    present = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} - {"ro-crate-metadata.json"}
    for missing in sorted(listed - present)[:5]:
        report.problems.append(f"ro-crate-metadata.json lists {missing}, which is not in the release")
    for unlisted in sorted(present - listed)[:5]:
        report.problems.append(f"{unlisted} is not described in ro-crate-metadata.json")
    for f in listed:
        if by_id.get(f, {}).get("@type") != "File":
            report.problems.append(f"ro-crate-metadata.json: {f} has no File entity")
    _rocrate_package(root, listed, report)
    report.checks.append(f"ro-crate-metadata.json is RO-Crate 1.2 and describes all {len(present)} files")


def _rocrate_package(root: Path, listed: set[str], report: CheckReport) -> None:
    try:
        from rocrate.rocrate import ROCrate
    except ImportError:
        return  # the offline context check above stands alone
    try:
        crate = ROCrate(str(root))
    except Exception as exc:  # the package raises many kinds; any is a failed read  # noqa: BLE001
        report.problems.append(f"the rocrate package cannot read the release ({type(exc).__name__}: {exc})")
        return
    found = {e.id for e in crate.data_entities}
    if not listed <= found:
        report.problems.append(f"the rocrate package sees {len(found)} data entities, not the {len(listed)} listed")
    else:
        report.checks.append("the rocrate package reads the crate and finds every file")


def _dcat(root: Path, quads: int, report: CheckReport) -> None:
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import DCAT, VOID

    g = Graph()
    try:
        g.parse(root / "void.ttl", format="turtle", publicID=(root / "void.ttl").resolve().as_uri())
    except Exception as exc:  # rdflib raises many kinds for bad Turtle  # noqa: BLE001
        report.problems.append(f"void.ttl does not parse ({exc})")
        return
    shapes = Graph().parse(str(files("csgraph.publish") / "release-shapes.ttl"), format="turtle")
    conforms, _, text = pyshacl.validate(g, shacl_graph=shapes, inference="none")
    if not conforms:
        report.problems.append("void.ttl does not meet the DCAT/VoID shapes: " + " ".join(text.split())[:400])
    landing = next(iter(g.objects(None, DCAT.landingPage)), None)
    base = str(landing).rsplit("/", 1)[0] + "/" if landing else (root / "void.ttl").resolve().as_uri()
    for url in g.objects(None, DCAT.downloadURL):
        rel = unquote(str(url)[len(base):]) if str(url).startswith(base) else None
        if rel is None or not (root / rel).is_file():
            report.problems.append(f"void.ttl: dcat:downloadURL {url} is not a file of the release")
    stated = [int(o) for o in g.objects(None, VOID.triples) if (None, VOID.dataDump, None) in g]
    if quads and quads not in stated:
        report.problems.append(f"void.ttl does not state the dump's {quads} quads as void:triples")
    report.checks.append("void.ttl meets the DCAT and VoID shapes")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise CSGraphError("checking the query page needs Chromium: install it (apt-get install chromium)")


class _ElementText(html.parser.HTMLParser):
    """The text of the element with one id, and the state the page's body reports."""

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id, self.text, self.inside, self.state = element_id, "", False, ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.inside = a.get("id") == self.element_id
        if tag == "body":
            self.state = a.get("data-state") or ""

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        self.inside = False


def _element_text(markup: str, element_id: str) -> _ElementText:
    parser = _ElementText(element_id)
    parser.feed(markup)
    return parser


def _browser_answers(root: Path) -> dict:
    """Open query.html#check in headless Chromium (offline) and read its answers to the named queries."""
    page = (root / "query.html").resolve().as_uri() + "#check"
    with tempfile.TemporaryDirectory(prefix="csgraph-check-") as profile:
        proc = subprocess.run(
            [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--proxy-server=127.0.0.1:9", f"--user-data-dir={profile}", "--virtual-time-budget=60000",
             "--dump-dom", page], capture_output=True, text=True, timeout=600, env={**os.environ, "HOME": profile})
    found = _element_text(proc.stdout, "csgraph-check")
    if found.state != "ready" or not found.text:
        raise ValueError(f"the query page did not become ready in Chromium (state {found.state or 'none'!r}); "
                         + (proc.stderr.strip().splitlines() or [""])[-1][:200])
    return json.loads(found.text)


def _query_page(root: Path, report: CheckReport) -> None:
    """The page's own named queries, answered in Chromium, against the same text on the embedded store
    (parameters bound there as the store's substitutions, in the page as a VALUES block)."""
    from ..catalogue import to_term
    from ..kg import KnowledgeGraph

    try:
        catalogue = json.loads(_element_text((root / "query.html").read_text(encoding="utf-8"),
                                             "csgraph-queries").text)
        answers = _browser_answers(root)
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        report.problems.append(f"query.html: {exc}")
        return
    store = ox.Store()
    store.load(path=str(root / "dumps/csgraph.nq"), format=ox.RdfFormat.N_QUADS)
    kg = KnowledgeGraph(store)
    compared = 0
    for q in catalogue:
        if any(p["required"] and p["default"] is None for p in q["params"]):
            continue
        bindings = {p["name"]: to_term(p["name"], p["type"], p["default"])
                    for p in q["params"] if p["default"] is not None}
        rows = kg.select(q["head"] + q["tail"], bindings, name=q["name"]).text_rows()
        want = sorted(tuple("" if v is None else v for v in row) for row in rows)
        got = sorted(tuple("" if v is None else v for v in row) for row in answers.get(q["name"], []))
        if q["name"] not in answers or want != got:
            report.problems.append(f"query.html answers {q['name']} with {len(got)} rows, the embedded store "
                                   f"with {len(want)}" + ("" if len(got) != len(want) else " (different values)"))
        compared += 1
    if not compared:
        report.problems.append("query.html holds no named query to check")
    report.checks.append(f"query.html in Chromium answers {compared} named queries as the embedded store does")


def check_release(folder: str | os.PathLike) -> CheckReport:
    """Verify the release in ``folder``; returns what was checked and what is wrong.

    Examples
    --------
    >>> import csgraph, tempfile, pathlib
    >>> from csgraph.publish import publish
    >>> out = publish(csgraph.load(bundled=True), pathlib.Path(tempfile.mkdtemp()) / "r")
    >>> check_release(out).ok
    True
    """
    root = Path(folder)
    if not (root / "ro-crate-metadata.json").is_file():
        raise CSGraphError(f"{root}: not a release folder (no ro-crate-metadata.json); make one with "
                           "csgraph publish -o DIR")
    report = CheckReport()
    _links(root, report)
    quads = _dumps(root, report)
    _ro_crate(root, report)
    _dcat(root, len(quads), report)
    _query_page(root, report)
    return report
