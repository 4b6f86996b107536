"""csgraph.viz: the self-contained page (checked as text, then in headless Chromium) and pictures."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest

import csgraph
from csgraph import network as N
from csgraph import viz as V
from csgraph.errors import NotFoundError

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/csgraph/id/"

HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "</script><script>alert(1)</script>"
HOSTILE_TITLE = '<a href="javascript:alert(1)">click</a> javascript:alert(2)'
HOSTILE_ID = '"><svg onload=alert(3)>'
HOSTILE_KIND = "<b onmouseover=alert(4)>kind</b>"
HOSTILE_HEADING = "</title><script>alert(5)</script>"
RAW = (HOSTILE_LABEL, HOSTILE_SCRIPT, HOSTILE_TITLE, HOSTILE_ID, HOSTILE_KIND, HOSTILE_HEADING,
       "<svg", "<img", "<a href", 'href="javascript', "<b on")


@pytest.fixture(scope="module")
def partnerships(bundled_kg):
    return N.partnership_network(bundled_kg)


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("la", label="Safe Borough", kind="LocalAuthority")
    G.add_node(HOSTILE_ID, label=HOSTILE_LABEL, kind=HOSTILE_KIND, title=HOSTILE_TITLE,
               image="http://evil.example/x.png", shape="image", color="red;background:url(x)",
               x="javascript:alert(1)", size="huge", onclick="alert(6)")
    G.add_node("s", label=HOSTILE_SCRIPT, kind="Service", title="line one\u2028line two")
    G.add_edge("s", "la", "unitOf", relation="unitOf", title=HOSTILE_SCRIPT)
    G.add_edge(HOSTILE_ID, "s", "x", relation=HOSTILE_LABEL)
    return G


def inline_blocks(page: str, tag: str) -> list[str]:
    """The contents of <tag> blocks without attributes (the executable scripts or style sheets)."""
    return re.findall(rf"<{tag}>(.*?)</{tag}>", page, flags=re.DOTALL)


def page_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="csgraph-data">(.*?)</script>', page,
                      flags=re.DOTALL)
    assert block is not None
    return json.loads(block.group(1))


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# --- the page as text ----------------------------------------------------------------------------

def test_page_is_self_contained_with_a_strict_csp(partnerships, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out" / "net.html"
    out.parent.mkdir()
    page = V.render_html(partnerships, out, title="Partnerships")
    assert out.read_text(encoding="utf-8") == page
    assert sorted(os.listdir(tmp_path)) == ["out"] and sorted(os.listdir(out.parent)) == ["net.html"]
    assert not (tmp_path / "lib").exists()
    remote = re.findall(r"<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*[\"']?(?:https?:)?//",
                        page, flags=re.IGNORECASE)
    assert remote == []
    assert not re.search(r"<(script|img|iframe|link)[^>]*\s(src|href)\s*=", page, flags=re.IGNORECASE)
    assert "vis.DataSet" in page and "vis-network" in page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert "unsafe" not in csp and "http" not in csp and "*" not in csp
    assert directives["img-src"] == "data:"
    scripts, styles = inline_blocks(page, "script"), inline_blocks(page, "style")
    assert len(scripts) == 2 and len(styles) == 2
    assert directives["script-src"].split() == [sha(s) for s in scripts]
    assert directives["style-src"].split() == [sha(s) for s in styles]
    assert page.index("Content-Security-Policy") < page.index("<script")


def test_page_data_matches_the_graph(partnerships):
    page = V.render_html(partnerships)
    data = page_data(page)
    assert len(data["nodes"]) == partnerships.number_of_nodes()
    assert len(data["edges"]) == partnerships.number_of_edges()
    kinds = {k["name"] for k in data["kinds"]}
    assert kinds == {k for _, k in partnerships.nodes(data="kind")}
    assert [k["name"] for k in data["kinds"]][:2] == ["LocalAuthority", "Partnership"]
    labels = {a["label"] for a in data["authorities"]}
    assert "London Borough of Lewisham" in labels
    lewisham = next(a for a in data["authorities"] if a["label"] == "London Borough of Lewisham")
    assert len(lewisham["members"]) == len(N.authority_nodes(partnerships, ID + "lewisham"))
    titles = [n["title"] for n in data["nodes"]]
    assert any("case-study#put-in-place" in t for t in titles)


def test_hostile_data_is_escaped_everywhere():
    G = hostile_graph()
    page = V.render_html(G, title=HOSTILE_HEADING, highlight=[HOSTILE_ID, "s"])
    for raw in RAW:
        assert raw not in page, raw
    assert "\u2028" not in page and "\\u2028" in page
    # outside the JSON data block, nothing of the graph's data appears even escaped (the heading,
    # with alert(5), is HTML-escaped in <title> and <h1>)
    outside = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.DOTALL)
    assert not any(f"alert({n})" in outside for n in (1, 2, 3, 4, 6))
    assert "javascript:alert" not in outside
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;</title>" in page
    data = page_data(page)
    by_label = {n["label"]: n for n in data["nodes"]}
    evil = by_label[HOSTILE_LABEL]
    assert evil["title"] == HOSTILE_TITLE
    assert set(evil) <= {"id", "label", "title", "k", "x", "y", "size", "color", "shape", "h"}
    assert "shape" not in evil and "color" not in evil and "size" not in evil
    assert isinstance(evil["x"], float)
    assert by_label[HOSTILE_SCRIPT]["title"] == "line one\u2028line two"
    assert HOSTILE_KIND in {k["name"] for k in data["kinds"]}
    assert "evil.example" not in page and "alert(6)" not in page


def test_only_safe_attributes_reach_the_page():
    G = nx.Graph()
    G.add_node(1, label="one", color="#ff0000", shape="star", size=30, x=1.5, y=-2)
    G.add_node(2, label="two", color="url(javascript:x)", shape="circularImage", size=10 ** 6,
               image="https://example.org/a.png", brokenImage="x", font="1000px serif")
    nodes = {n["label"]: n for n in page_data(V.render_html(G))["nodes"]}
    assert nodes["one"]["color"] == "#ff0000" and nodes["one"]["shape"] == "star"
    assert nodes["one"]["size"] == 30.0
    assert "color" not in nodes["two"] and "shape" not in nodes["two"] and "size" not in nodes["two"]
    assert not {"image", "brokenImage", "font"} & set(nodes["two"])


def test_highlight_nodes_and_edges(partnerships):
    path = [ID + "cs-rp-pilot", ID + "cs-rp-partnership", ID + "lewisham-yos"]
    data = page_data(V.render_html(partnerships, highlight=path))
    assert data["highlight"] is True
    assert sum(1 for n in data["nodes"] if n.get("h")) == 3
    assert sum(1 for e in data["edges"] if e.get("h")) == 2
    edges = [(ID + "cs-rp-pilot", ID + "cs-rp-partnership", "ledBy")]
    data = page_data(V.render_html(partnerships, highlight=edges))
    assert sum(1 for e in data["edges"] if e.get("h")) == 1
    assert sum(1 for n in data["nodes"] if n.get("h")) == 2
    with pytest.raises(NotFoundError, match="no node"):
        V.render_html(partnerships, highlight=["https://example.org/nothing"])


def test_positions_given_on_every_node_are_kept_fixed():
    G = nx.Graph([(1, 2)])
    G.add_node(1, x=10, y=20)
    G.add_node(2, x=-5.5, y=0)
    data = page_data(V.render_html(G))
    assert [(n["x"], n["y"]) for n in data["nodes"]] == [(10, 20), (-5.5, 0)]
    assert data["iterations"] == 0


def test_any_networkx_graph_renders():
    for G in (nx.karate_club_graph(), nx.path_graph(3), nx.DiGraph([("a", "b")]), nx.Graph()):
        data = page_data(V.render_html(G))
        assert len(data["nodes"]) == G.number_of_nodes()
        assert data["authorities"] == []
    data = page_data(V.render_html(nx.path_graph(["x", "y"])))
    assert [n["label"] for n in data["nodes"]] == ["x", "y"]


def test_bad_height_is_refused():
    with pytest.raises(ValueError, match="CSS length"):
        V.render_html(nx.path_graph(2), height="10px;}body{background:url(x)")


def test_notebook_view_is_an_escaped_srcdoc_iframe(partnerships):
    view = V.render_notebook(partnerships, title=HOSTILE_HEADING, height=500)
    frame = view._repr_html_()
    assert frame.startswith('<iframe sandbox="allow-scripts" srcdoc="')
    assert "allow-same-origin" not in frame
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame).group(1)
    assert "<" not in srcdoc and ">" not in srcdoc
    assert html.unescape(srcdoc) == view.page
    assert "height: 500px" in frame
    assert frame.count("<iframe") == 1 and frame.count("<script") == 0


def test_static_pictures(tmp_path, partnerships):
    png = V.render_static(partnerships, tmp_path / "net.png", title="Partnerships",
                          highlight=[ID + "cs-rp-pilot", ID + "cs-rp-partnership"])
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = V.render_static(partnerships, tmp_path / "net.svg")
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text
    assert "London Borough of Lewisham" in text or "London" in text
    again = V.render_static(partnerships, tmp_path / "again.svg")
    assert again.read_bytes() == svg.read_bytes()
    with pytest.raises(ValueError, match="png, svg or pdf"):
        V.render_static(partnerships, tmp_path / "net.gif")
    assert sorted(os.listdir(tmp_path)) == ["again.svg", "net.png", "net.svg"]


def test_layout_is_deterministic_and_spreads_components():
    G = nx.disjoint_union(nx.path_graph(5), nx.star_graph(6))
    G.add_node("alone")
    pos1, physics = V.layout_positions(G)
    pos2, _ = V.layout_positions(G)
    assert pos1 == pos2 and not physics
    assert set(pos1) == set(G)
    assert len({p for p in pos1.values()}) == G.number_of_nodes()


def test_importing_viz_does_not_import_pyvis_or_matplotlib():
    code = ("import sys, csgraph.viz, csgraph.network; "
            "print(sorted(m for m in ('pyvis', 'matplotlib', 'IPython') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    assert out.stdout.strip() == "[]"


# --- in a real browser ---------------------------------------------------------------------------

def wait_ready(browser, timeout: float = 20.0) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if browser.execute_script("return document.body.getAttribute('data-state')") == "ready":
            return time.monotonic() - start
        time.sleep(0.05)
    raise AssertionError("the page never became ready")


def console_errors(browser) -> list[dict]:
    return [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


@pytest.mark.browser
def test_page_renders_offline_without_console_errors(browser, partnerships, tmp_path):
    page = tmp_path / "net.html"
    V.render_html(partnerships, page, title="Partnerships")
    browser.get(page.as_uri())
    wait_ready(browser)
    assert console_errors(browser) == []
    counts = browser.execute_script("return [csgraph.nodes.length, csgraph.edges.length]")
    assert counts == [partnerships.number_of_nodes(), partnerships.number_of_edges()]
    assert browser.execute_script("return document.querySelectorAll('#csgraph-network canvas').length") == 1
    legend = browser.execute_script(
        "return Array.from(document.querySelectorAll('#csgraph-legend-items li'))"
        ".map(li => li.textContent)")
    kinds = {k for _, k in partnerships.nodes(data="kind")}
    assert len(legend) == len(kinds)
    assert any(item.startswith("local authority") for item in legend)
    assert browser.execute_script("return document.getElementById('csgraph-authority').options.length") \
        == 1 + sum(1 for _, k in partnerships.nodes(data="kind") if k == "LocalAuthority")
    # tooltips are elements holding plain text
    tip = browser.execute_script(
        "const t = csgraph.nodes.get(0).title; return [t instanceof Element, t.textContent,"
        " t.children.length]")
    first = next(iter(partnerships.nodes(data="title")))[1]
    assert tip == [True, first, 0]
    shot = tmp_path / "net.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


@pytest.mark.browser
def test_filters_hide_and_show_nodes(browser, partnerships, tmp_path):
    from selenium.webdriver.support.ui import Select

    page = tmp_path / "net.html"
    V.render_html(partnerships, page)
    browser.get(page.as_uri())
    wait_ready(browser)
    hidden = "return csgraph.nodes.get().filter(n => !n.hidden).length"
    Select(browser.find_element("id", "csgraph-kind")).select_by_visible_text("partnership")
    partners = sum(1 for _, k in partnerships.nodes(data="kind") if k == "Partnership")
    assert browser.execute_script(hidden) == partners
    Select(browser.find_element("id", "csgraph-kind")).select_by_visible_text("All kinds")
    Select(browser.find_element("id", "csgraph-authority")).select_by_visible_text(
        "London Borough of Lewisham")
    assert browser.execute_script(hidden) == len(N.authority_nodes(partnerships, ID + "lewisham"))
    assert "showing" in browser.find_element("id", "csgraph-status").text
    assert console_errors(browser) == []


@pytest.mark.browser
def test_highlighted_trace_is_drawn(browser, partnerships, tmp_path):
    page = tmp_path / "net.html"
    path = [ID + "cs-rp-pilot", ID + "cs-rp-partnership", ID + "restorative-now"]
    V.render_html(partnerships, page, highlight=path)
    browser.get(page.as_uri())
    wait_ready(browser)
    assert browser.execute_script(
        "return csgraph.nodes.get().filter(n => n.borderWidth === 4).length") == 3
    assert browser.execute_script("return csgraph.edges.get().filter(e => e.width === 4).length") == 2
    assert "highlighted trace" in browser.find_element("id", "csgraph-legend").text


@pytest.mark.browser
def test_hostile_graph_runs_no_script(browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException

    page = tmp_path / "evil.html"
    V.render_html(hostile_graph(), page, title=HOSTILE_HEADING, highlight=["s"])
    browser.get(page.as_uri())
    wait_ready(browser)
    time.sleep(0.5)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - raises when no dialog is open
    injected = browser.execute_script(
        "return document.querySelectorAll('img, svg, iframe, object, embed, a').length"
        " + document.scripts.length")
    assert injected == 3  # the data block, vis-network and the page's own script
    assert browser.title == HOSTILE_HEADING
    assert browser.find_element("tag name", "h1").text == HOSTILE_HEADING
    texts = browser.execute_script("return csgraph.nodes.get().map(n => n.title.textContent)")
    assert HOSTILE_TITLE in texts
    options = browser.execute_script(
        "return Array.from(document.getElementById('csgraph-kind').options).map(o => o.text)")
    assert V._kind_label(HOSTILE_KIND) in options
    assert console_errors(browser) == []


@pytest.mark.browser
def test_csp_blocks_a_tampered_script(browser, tmp_path):
    page = V.render_html(nx.path_graph(3))
    tampered = page.replace('"use strict";', '"use strict"; window.tampered = 1;', 1)
    (tmp_path / "tampered.html").write_text(tampered, encoding="utf-8")
    browser.get((tmp_path / "tampered.html").as_uri())
    time.sleep(1.0)
    assert browser.execute_script("return document.body.getAttribute('data-state')") == "loading"
    assert browser.execute_script("return typeof window.tampered") == "undefined"
    assert any("Content Security Policy" in e["message"] for e in console_errors(browser))


@pytest.mark.browser
def test_two_thousand_nodes_settle(browser, tmp_path):
    """A 2,000-node page finishes its layout and stops (how fast is measured in bench/run.py)."""
    kinds = ["LocalAuthority", "Partnership", "Service", "PartnerOrganisation", "School", "Pilot"]
    B = nx.barabasi_albert_graph(2000, 2, seed=3)
    G = nx.DiGraph()
    for n in B:
        G.add_node(f"n{n}", label=f"Node {n}", kind=kinds[n % len(kinds)])
    G.add_edges_from((f"n{u}", f"n{v}", {"relation": "hasMember"}) for u, v in B.edges())
    page = tmp_path / "big.html"
    V.render_html(G, page)
    browser.get(page.as_uri())
    wait_ready(browser, timeout=120)
    assert browser.execute_script("return [csgraph.nodes.length, csgraph.edges.length]") == [2000, 3996]
    assert console_errors(browser) == []


@pytest.mark.browser
def test_notebook_iframe_renders(browser, tmp_path):
    view = V.render_notebook(nx.karate_club_graph(), height=500)
    wrapper = tmp_path / "notebook.html"
    wrapper.write_text(f"<!DOCTYPE html><html><body>{view._repr_html_()}</body></html>",
                       encoding="utf-8")
    browser.get(wrapper.as_uri())
    browser.switch_to.frame(browser.find_element("tag name", "iframe"))
    wait_ready(browser)
    assert browser.execute_script("return csgraph.nodes.length") == 34
    assert browser.execute_script("return document.querySelectorAll('canvas').length") == 1


@pytest.mark.browser
def test_cli_page_draws_a_canvas_in_headless_chromium(chromium, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    r = subprocess.run([sys.executable, "-m", "csgraph", "viz", str(ROOT / "data"), "-o", "x.html"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
                       check=False)
    assert r.returncode == 0, r.stderr
    assert sorted(os.listdir(tmp_path)) == ["x.html"]
    dom = subprocess.run([chromium[0], "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          "--disable-background-networking", "--proxy-server=127.0.0.1:9",
                          f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=8000",
                          "--dump-dom", (tmp_path / "x.html").as_uri()],
                         capture_output=True, text=True, timeout=120, check=False).stdout
    assert "<canvas" in dom
    assert 'data-state="ready"' in dom


def test_csgraph_exports_render_html_lazily():
    assert csgraph.render_html is V.render_html
