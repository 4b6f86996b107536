"""csgraph publish: the static release, its descriptions, the privacy refusal, --check, and the pages
(including the query page running Oxigraph in WebAssembly) in a real, offline Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

import csgraph
from csgraph.catalogue import queries
from csgraph.publish import PublishRefused, check_release, publish

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
LEWISHAM = "https://w3id.org/csgraph/id/lewisham"
# a value for each parameter that has no default (the catalogue's `find` needs one)
NEEDED = {"find": {"text": "Early Help"}}


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return publish(csgraph.load(DATA), tmp_path_factory.mktemp("pub") / "release")


@pytest.fixture(scope="module")
def kg():
    return csgraph.load(DATA)


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "csgraph", *args], capture_output=True, text=True, cwd=cwd)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[dict] = []
        self.metas: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("a", "link"):
            self.links.append({"tag": tag, **a})
        if tag == "meta":
            self.metas.append(a)

    def handle_data(self, data):
        self.text.append(data)


def page(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


# --- what the release holds ----------------------------------------------------------------------

def test_dumps_hold_exactly_the_exported_quads(release, kg, tmp_path):
    exported = tmp_path / "all.nq"
    csgraph.export(kg, exported, format="nq")
    want = set(ox.parse(path=str(exported), format=ox.RdfFormat.N_QUADS))
    for name, fmt in (("csgraph.nq", ox.RdfFormat.N_QUADS), ("csgraph.trig", ox.RdfFormat.TRIG),
                      ("csgraph.jsonld", ox.RdfFormat.JSON_LD)):
        assert set(ox.parse(path=str(release / "dumps" / name), format=fmt)) == want, name
    union = {(q.subject, q.predicate, q.object) for q in want}
    got = {(q.subject, q.predicate, q.object)
           for q in ox.parse(path=str(release / "dumps" / "csgraph.ttl"), format=ox.RdfFormat.TURTLE)}
    assert got == union


def test_thing_page_lists_facts_with_source_and_section_and_links(release):
    p = page(release / "id" / "lewisham.html")
    text = " ".join(" ".join(p.text).split()).replace(" ,", ",")
    assert "London Borough of Lewisham" in text and "E09000023" in text
    # the gss code comes from the mySociety list, the region from the case study's vision section
    assert "GSS code E09000023 UK local authority names and codes (mySociety), section whole page" in text
    # a source is named by its own title and publisher
    assert ("region south-east London Case study: systems and structure in Lewisham, Contextual Safeguarding "
            "programme, section vision") in text
    hrefs = {link.get("href") for link in p.links}
    assert "../concept/nation/england.html" in hrefs              # a fact's value links to its page
    assert "../graph/lewisham/case-study/vision.html" in hrefs    # a fact's section links to its graph
    alternates = {(link["type"], link["href"]) for link in p.links if link.get("rel") == "alternate"}
    assert alternates == {("text/turtle", "lewisham.ttl"), ("application/ld+json", "lewisham.jsonld")}


def test_a_source_known_only_from_a_copy_links_the_copy_and_says_so(release):
    import html as _html
    import re

    anchors = [(href, _html.unescape(text)) for f in sorted(release.rglob("*.html"))
               for href, text in re.findall(r'<a href="(https://docslib\.org/[^"]+)"[^>]*>([^<]*)</a>',
                                            f.read_text(encoding="utf-8"))]
    assert anchors, "no page links the copies of the bundled sources known only from docslib.org"
    assert all(text.endswith("(a copy)") for _, text in anchors)
    assert any(text.startswith("Evaluative review of the Lewisham Restorative Approaches Partnership")
               for _, text in anchors)


def test_alternates_hold_the_things_triples(release, kg):
    want = {(s, p, o) for s, p, o in kg.select_text(
        "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", {"s": URIRef(LEWISHAM)})}
    for name, fmt in (("lewisham.ttl", ox.RdfFormat.TURTLE), ("lewisham.jsonld", ox.RdfFormat.JSON_LD)):
        got = {(t.subject.value, t.predicate.value, t.object.value)
               for t in ox.parse(path=str(release / "id" / name), format=fmt)}
        assert got == want, name


def test_home_page_lists_case_studies_authorities_and_traces(release):
    p = page(release / "index.html")
    text = " ".join(p.text)
    for name in ("Systems and structure in Lewisham", "London Borough of Lewisham", "How to cite"):
        assert name in text
    hrefs = {link.get("href") for link in p.links}
    assert {"query.html", "network.html", "ontology.html", "id/case/lewisham.html",
            "trace/early-help-plan.html"} <= hrefs
    trace = " ".join(page(release / "trace" / "early-help-plan.html").text)
    assert "Restorative Justice Council" in trace and "what was put in place" in trace


def test_every_page_has_a_strict_csp_and_loads_nothing_from_outside(release):
    pages = list(release.rglob("*.html"))
    assert len(pages) > 300
    for path in pages:
        text = path.read_text(encoding="utf-8")
        csp = [m.get("content", "") for m in page(path).metas if m.get("http-equiv") == "Content-Security-Policy"]
        assert csp and "default-src 'none'" in csp[0], path
        assert not re.search(r"<script[^>]+src=|<link[^>]+stylesheet", text), path


def test_void_and_dcat_describe_counts_dumps_and_licence(release):
    from rdflib import Graph, URIRef
    from rdflib.namespace import DCAT, DCTERMS, VOID

    g = Graph().parse(release / "void.ttl", publicID=(release / "void.ttl").as_uri())
    ds = URIRef("https://w3id.org/csgraph/dataset")
    quads = sum(1 for _ in ox.parse(path=str(release / "dumps/csgraph.nq"), format=ox.RdfFormat.N_QUADS))
    assert int(g.value(ds, VOID.triples)) == quads
    assert str(g.value(ds, DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
    downloads = {str(g.value(d, DCAT.downloadURL)) for d in g.objects(ds, DCAT.distribution)}
    assert downloads == {(release / "dumps" / n).as_uri()
                         for n in ("csgraph.nq", "csgraph.trig", "csgraph.jsonld", "csgraph.ttl")}
    graphs = {str(s) for s in g.objects(ds, VOID.subset)}
    assert "https://w3id.org/csgraph/graph/lewisham/case-study/vision" in graphs


def test_ro_crate_lists_every_file_and_the_rocrate_package_reads_it(release):
    from rocrate.rocrate import ROCrate

    crate = ROCrate(str(release))
    listed = {e.id for e in crate.data_entities}
    present = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    assert listed == present - {"ro-crate-metadata.json"}
    meta = json.loads((release / "ro-crate-metadata.json").read_text())
    assert meta["@context"] == "https://w3id.org/ro/crate/1.2/context"
    assert crate.root_dataset["license"] is not None and crate.root_dataset["datePublished"]


def test_oxigraph_is_shipped_with_its_licence(release):
    licences = release / "licences" / "oxigraph"
    assert "MIT" in (licences / "LICENSE-MIT").read_text()
    assert "Apache License" in (licences / "LICENSE-APACHE").read_text()
    assert json.loads((licences / "package.json").read_text())["license"] == "MIT OR Apache-2.0"


APACHE_CONF = """ServerRoot {root}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
LoadModule mpm_event_module {modules}/mod_mpm_event.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule rewrite_module {modules}/mod_rewrite.so
User nobody
Group nogroup
PidFile {root}/httpd.pid
ErrorLog {root}/error.log
DocumentRoot {root}/www
<Directory {root}/www>
  AllowOverride All
  Require all granted
</Directory>
"""


@pytest.fixture
def apache():
    """A real Apache (mod_rewrite) on 127.0.0.1 serving a folder that the test fills: (url, www)."""
    import http.client
    import tempfile
    import time

    from servers import free_port

    from conftest import _missing

    if not shutil.which("apache2"):
        _missing("Apache is not installed (apt-get install apache2, as root)")
    root = Path(tempfile.mkdtemp(prefix="csgraph-apache-"))  # readable by the server's user
    root.chmod(0o755)
    (root / "www").mkdir(mode=0o755)
    port = free_port()
    (root / "httpd.conf").write_text(APACHE_CONF.format(root=root, port=port, modules="/usr/lib/apache2/modules"))
    proc = subprocess.Popen(["apache2", "-f", str(root / "httpd.conf"), "-DFOREGROUND"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:  # wait until it answers
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("HEAD", "/")
                c.getresponse()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("Apache did not start: " + proc.stderr.read().decode()[-300:])
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/", root / "www"
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(root, ignore_errors=True)


def fetch(url: str, accept: str = "text/html") -> tuple[int, str, bytes]:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    c = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    c.request("GET", parts.path, headers={"Accept": accept})
    r = c.getresponse()
    return r.status, r.getheader("Location") or "", r.read()


def test_htaccess_on_apache_sends_iris_to_pages_and_negotiates_alternates(kg, apache):
    url, www = apache
    site = url + "release/"
    out = publish(kg, www / "release", release=csgraph.publish.default_release(kg, site_url=site))
    for p in [out, *out.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    (www / "csgraph").mkdir(mode=0o755)
    shutil.copy(out / "w3id" / ".htaccess", www / "csgraph" / ".htaccess")
    (www / "csgraph" / ".htaccess").chmod(0o644)
    cases = [("id/lewisham", "text/html", "id/lewisham.html"),
             ("id/lewisham", "text/turtle", "id/lewisham.ttl"),
             ("id/lewisham", "application/ld+json", "id/lewisham.jsonld"),
             ("concept/context/school", "text/turtle,*/*;q=0.1", "concept/context/school.ttl"),
             ("graph/lewisham/case-study/vision", "text/html", "graph/lewisham/case-study/vision.html"),
             ("ontology", "text/html", "ontology.html"), ("ontology/practice", "text/turtle", "ontology.ttl"),
             ("dataset", "text/turtle", "void.ttl"), ("dataset", "text/html", "index.html"),
             ("", "text/html", "index.html")]
    for iri_path, accept, target in cases:
        status, location, _ = fetch(url + "csgraph/" + iri_path, accept)
        assert (status, location) == (303, site + target), (iri_path, accept)
        status, _, body = fetch(location, accept)
        assert status == 200 and body == (out / target).read_bytes(), location
    _, location, _ = fetch(url + "csgraph/id/lewisham", "text/turtle")
    triples = list(ox.parse(fetch(location)[2], format=ox.RdfFormat.TURTLE))
    assert ox.NamedNode(LEWISHAM) in {t.subject for t in triples}


# --- refusals and checks -------------------------------------------------------------------------

PERSON = """@prefix schema: <https://schema.org/> .
<https://w3id.org/csgraph/id/yp1> a schema:Person ; schema:birthDate "2010-01-01" ."""
SMALL_COUNT = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/csgraph/id/young-people-reached> rdfs:label "number of young people reached" .
<https://w3id.org/csgraph/id/cs-rp-pilot> <https://w3id.org/csgraph/id/young-people-reached> 3 ."""


@pytest.mark.parametrize("extra", [PERSON, SMALL_COUNT], ids=["person", "small-count"])
def test_publish_refuses_personal_data_and_small_counts_and_writes_nothing(tmp_path, extra):
    bad = tmp_path / "extra.ttl"
    bad.write_text(extra)
    with pytest.raises(PublishRefused):  # loading refuses personal data first, unless allowed
        publish(csgraph.load(DATA, bad, allow_personal_data=True), tmp_path / "out")
    r = cli("publish", str(DATA), str(bad), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "refusing to publish" in r.stderr or "personal data is refused" in r.stderr
    assert not (tmp_path / "out").exists() and [p.name for p in tmp_path.iterdir()] == ["extra.ttl"]


def test_publish_will_not_overwrite_a_folder_that_is_not_a_release(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    r = cli("publish", "-o", str(tmp_path), "--force")
    assert r.returncode == 2 and "does not hold a release" in r.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.browser
def test_check_passes_on_a_release_and_finds_what_breaks(release, tmp_path, chromium):
    r = cli("publish", "--check", str(release))
    assert r.returncode == 0, r.stdout + r.stderr
    from csgraph.catalogue import queries

    # every named query with nothing required (find needs a text to search for)
    testable = [q for q in queries() if not any(p.required and p.default is None for p in q.params)]
    assert f"answers {len(testable)} named queries as the embedded store does" in r.stdout
    broken = tmp_path / "broken"
    shutil.copytree(release, broken)
    (broken / "id" / "lewisham.ttl").unlink()
    nq = broken / "dumps" / "csgraph.trig"
    nq.write_text(nq.read_text().replace("London Borough of Lewisham", "Somewhere else"))
    report = check_release(broken)
    assert not report.ok
    text = "\n".join(report.problems)
    assert "id/lewisham.html: link 'lewisham.ttl' leads to no file of the release" in text
    assert "ro-crate-metadata.json lists id/lewisham.ttl, which is not in the release" in text
    assert "dumps/csgraph.trig does not hold the same quads" in text
    assert cli("publish", "--check", str(broken)).returncode == 1


# --- in a real browser, offline, from the folder -------------------------------------------------

def wait_state(browser, *states: str, timeout: float = 60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout, poll_frequency=0.05).until(
        lambda d: d.execute_script("return document.body.dataset.state") in states and
        d.execute_script("return document.body.dataset.state"))


def severe(browser) -> list:
    return [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


@pytest.mark.browser
def test_home_thing_and_network_pages_work_offline(release, browser):
    browser.get((release / "index.html").as_uri())
    assert "Systems and structure in Lewisham" in browser.find_element("tag name", "body").text
    browser.find_element("link text", "London Borough of Lewisham").click()
    assert browser.current_url.endswith("/id/lewisham.html")
    assert "E09000023" in browser.find_element("tag name", "body").text
    browser.find_element("link text", "England").click()
    assert browser.current_url.endswith("/concept/nation/england.html")
    browser.get((release / "network.html").as_uri())
    wait_state(browser, "ready")
    assert browser.execute_script("return document.querySelectorAll('#csgraph-network canvas').length") == 1
    assert severe(browser) == []


def run_named(browser, name: str, params: dict[str, str]) -> list[tuple[str, ...]]:
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "csgraph-query")).select_by_value(name)
    for key, value in params.items():
        box = browser.find_element("css selector", f"input[data-param='{key}']")
        box.clear()
        box.send_keys(value)
    browser.execute_script("document.body.dataset.state = 'ready'")
    browser.find_element("id", "csgraph-run").click()
    assert wait_state(browser, "answered", "failed") == "answered", browser.find_element("id", "csgraph-error").text
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#csgraph-results tbody tr'))"
        ".map(tr => Array.from(tr.cells).map(td => td.textContent))")


@pytest.mark.browser
def test_query_page_answers_every_named_query_as_the_embedded_store(release, kg, browser):
    browser.get((release / "query.html").as_uri())
    assert wait_state(browser, "ready", "failed") == "ready", browser.find_element("id", "csgraph-status").text
    names = [q.name for q in queries()]
    assert len(names) >= 29
    for name in names:
        params = NEEDED.get(name, {})
        want = sorted(tuple("" if v is None else v for v in row)
                      for row in csgraph.query(kg, name, **params).text_rows())
        got = sorted(tuple(row) for row in run_named(browser, name, params))
        assert got == want, name
        assert want or name.startswith("gap-"), f"{name} answers nothing on the bundled data"
    assert severe(browser) == []


@pytest.mark.browser
def test_query_page_runs_ad_hoc_sparql_and_reports_errors(release, kg, browser):
    browser.get((release / "query.html").as_uri())
    wait_state(browser, "ready")
    text = "SELECT ?name WHERE { ?x a cs:Accreditor ; rdfs:label ?name }"
    box = browser.find_element("id", "csgraph-sparql")
    box.clear()
    box.send_keys(text)
    browser.find_element("id", "csgraph-run-sparql").click()
    assert wait_state(browser, "answered", "failed") == "answered"
    cells = browser.execute_script("return Array.from(document.querySelectorAll('#csgraph-results td'))"
                                   ".map(td => td.textContent)")
    assert cells == [str(r.name) for r in csgraph.sparql(kg, text)]
    box.clear()
    box.send_keys("SELECT WHERE {")
    browser.find_element("id", "csgraph-run-sparql").click()
    assert wait_state(browser, "failed", "answered") == "failed"
    assert browser.find_element("id", "csgraph-error").text


@pytest.mark.browser
def test_labels_from_data_are_shown_as_text_never_run(tmp_path, browser):
    hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'
    extra = tmp_path / "extra.ttl"
    extra.write_text('<https://w3id.org/csgraph/id/cs-rp-pilot> <http://www.w3.org/2004/02/skos/core#altLabel> '
                     + json.dumps(hostile) + " .\n")
    out = publish(csgraph.load(DATA, extra), tmp_path / "r")
    browser.get((out / "id" / "cs-rp-pilot.html").as_uri())
    assert hostile in browser.find_element("tag name", "body").text
    assert browser.title != "pwned"
    browser.get((out / "query.html").as_uri())
    wait_state(browser, "ready")
    box = browser.find_element("id", "csgraph-sparql")
    box.clear()
    box.send_keys("SELECT ?a WHERE { ?x skos:altLabel ?a FILTER(CONTAINS(?a, 'onerror')) }")
    browser.find_element("id", "csgraph-run-sparql").click()
    wait_state(browser, "answered")
    assert browser.find_element("css selector", "#csgraph-results td").text == hostile
    assert browser.title != "pwned"


def test_bad_options_are_one_line_errors_with_exit_2(tmp_path):
    for args, words in ((["-o", str(tmp_path / "a"), "--site-url", "example.org/x"], "--site-url"),
                        (["-o", str(tmp_path / "b"), "--date", "30/11/2026"], "--date"),
                        (["-o", str(tmp_path / "c"), "--license", "CC BY"], "--license"),
                        (["-o", str(tmp_path / "d"), "--publisher", " "], "--publisher"),
                        (["--check", str(tmp_path)], "not a release folder"),
                        ([], "-o DIR")):
        r = cli("publish", *args)
        assert r.returncode == 2 and words in r.stderr and len(r.stderr.strip().splitlines()) == 1, args
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
