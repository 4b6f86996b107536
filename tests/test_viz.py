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
    assert "vis.DataSet" in page and "vis-network" in page and 'data-renderer="vis"' in page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert "unsafe" not in csp and "http" not in csp and "*" not in csp
    assert directives["img-src"] == "data:"
    scripts, styles = inline_blocks(page, "script"), inline_blocks(page, "style")
    assert len(scripts) == 3 and len(styles) == 1  # vis-network, the view, the page's own
    assert directives["script-src"].split() == [sha(s) for s in scripts]
    assert directives["style-src"].split() == [sha(s) for s in styles]
    assert page.index("Content-Security-Policy") < page.index("<script")


def test_page_data_matches_the_graph(partnerships, bundled_kg):
    page = V.render_html(partnerships, sources=V.source_documents(bundled_kg))
    data = page_data(page)
    assert len(data["label"]) == len(data["x"]) == partnerships.number_of_nodes()
    assert len(data["edges"]) == 2 * partnerships.number_of_edges()
    groups = [g["label"] for g in data["groups"]]
    assert set(groups) == {N.KIND_LABELS[k] for _, k in partnerships.nodes(data="kind")}
    assert groups[:2] == ["local authority", "partnership"]
    authority = data["filters"][0]
    assert authority["key"] == "authority" and "London Borough of Lewisham" in authority["options"]
    lewisham = authority["members"][authority["options"].index("London Borough of Lewisham")]
    assert len(lewisham) == len(N.authority_nodes(partnerships, ID + "lewisham"))
    # sources named by the document's own title and publisher, each listed once on the page
    titles = {s["t"] for s in data["sources"]}
    assert "Birmingham Safeguarding Children Partnership (home page)" in titles
    assert any(s["p"] == "Birmingham Safeguarding Children Partnership" for s in data["sources"])
    assert len(data["sources"]) == len({s["u"] for s in data["sources"]})
    # no label is cut short
    assert not [t for t in data["label"] if t.endswith("…")]


def test_same_graph_same_page_bytes(partnerships):
    assert V.render_html(partnerships) == V.render_html(partnerships)
    assert V.render_html(partnerships, seed=1) != V.render_html(partnerships, seed=2)


def test_hostile_data_is_escaped_everywhere():
    G = hostile_graph()
    page = V.render_html(G, title=HOSTILE_HEADING, highlight=[HOSTILE_ID, "s"])
    for raw in RAW:
        assert raw not in page, raw
    assert "\u2028" not in page and "\\u2028" in page
    outside = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.DOTALL)
    assert not any(f"alert({n})" in outside for n in (1, 2, 3, 4, 6))
    assert "javascript:alert" not in outside
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;</title>" in page
    data = page_data(page)
    evil = data["label"].index(HOSTILE_LABEL)
    assert HOSTILE_TITLE in [data["strings"][i] for i in data["facts"][evil]]
    assert str(evil) not in data["shape"] and str(evil) not in data["color"] and data["size"] is None
    assert isinstance(data["x"][evil], (int, float))
    assert HOSTILE_KIND in {g["label"] for g in data["groups"]}
    assert "evil.example" not in page and "alert(6)" not in page


def test_only_safe_attributes_reach_the_page():
    G = nx.Graph()
    G.add_node(1, label="one", color="#ff0000", shape="star", size=30, x=1.5, y=-2)
    G.add_node(2, label="two", color="url(javascript:x)", shape="circularImage", size=10 ** 6,
               image="https://example.org/a.png", brokenImage="x", font="1000px serif")
    page = V.render_html(G)
    data = page_data(page)
    assert data["color"] == {"0": "#ff0000"} and data["shape"] == {"0": "star"}
    assert data["size"] == [30.0, 0]
    assert "example.org" not in page and "1000px serif" not in page


def test_highlight_nodes_and_edges(partnerships):
    path = [ID + "cs-rp-pilot", ID + "cs-rp-partnership", ID + "lewisham-yos"]
    data = page_data(V.render_html(partnerships, highlight=path))
    assert len(data["highlight"]["nodes"]) == 3 and len(data["highlight"]["edges"]) == 2
    edges = [(ID + "cs-rp-pilot", ID + "cs-rp-partnership", "ledBy")]
    data = page_data(V.render_html(partnerships, highlight=edges))
    assert len(data["highlight"]["edges"]) == 1 and len(data["highlight"]["nodes"]) == 2
    with pytest.raises(NotFoundError, match="no node"):
        V.render_html(partnerships, highlight=["https://example.org/nothing"])


def test_positions_given_on_every_node_are_kept_fixed():
    G = nx.Graph([(1, 2)])
    G.add_node(1, x=10, y=20)
    G.add_node(2, x=-5.5, y=0)
    data = page_data(V.render_html(G))
    assert list(zip(data["x"], data["y"])) == [(10, 20), (-5.5, 0)]
    assert data["iterations"] == 0


def test_any_networkx_graph_renders():
    for G in (nx.karate_club_graph(), nx.path_graph(3), nx.DiGraph([("a", "b")]), nx.Graph()):
        data = page_data(V.render_html(G))
        assert len(data["label"]) == G.number_of_nodes()
        assert data["filters"][0]["options"] == []
    assert page_data(V.render_html(nx.path_graph(["x", "y"])))["label"] == ["x", "y"]


def test_renderer_is_chosen_by_size_and_can_be_overridden():
    small, large = nx.path_graph(5), nx.path_graph(V.WEBGL_ABOVE + 1)
    assert 'data-renderer="vis"' in V.render_html(small)
    page = V.render_html(large)
    assert 'data-renderer="webgl"' in page and "new Sigma(" in page and "vis.DataSet" not in page
    assert 'data-renderer="webgl"' in V.render_html(small, renderer="webgl")
    assert 'data-renderer="vis"' in V.render_html(large, renderer="vis")
    with pytest.raises(ValueError, match="renderer"):
        V.render_html(small, renderer="canvas")


def test_page_scripts_pass_node_check(tmp_path):
    """The page's own JavaScript files parse (node --check), as shipped in the package."""
    import shutil
    from importlib.resources import files

    node = shutil.which("node")
    assert node, "Node.js is needed to check the page's scripts: apt-get install nodejs"
    static = files("csgraph.viz").joinpath("static")
    names = sorted(p.name for p in static.iterdir() if p.name.endswith(".js"))
    assert names == ["app.js", "view-vis.js", "view-webgl.js"]
    for name in names:
        r = subprocess.run([node, "--check", str(static.joinpath(name))], capture_output=True, text=True,
                           check=False)
        assert r.returncode == 0, (name, r.stderr)
    vendor = static.joinpath("vendor")
    for lib, licence in (("vis-network", "LICENSE-MIT"), ("sigma", "LICENSE.txt"), ("graphology", "LICENSE.txt")):
        assert "MIT" in vendor.joinpath(lib, licence).read_text(encoding="utf-8")


def test_large_page_stays_small():
    G = nx.barabasi_albert_graph(15_000, 1, seed=3)
    nx.set_node_attributes(G, {n: f"Organisation number {n}" for n in G}, "label")
    nx.set_node_attributes(G, {n: ("School" if n % 9 else "Service") for n in G}, "kind")
    page = V.render_html(G)
    assert 'data-renderer="webgl"' in page
    assert len(page.encode("utf-8")) < 5 * 2 ** 20


def test_bad_height_is_refused():
    with pytest.raises(ValueError, match="CSS length"):
        V.render_html(nx.path_graph(2), height="10px;}body{background:url(x)")


def test_notebook_view_is_light_and_has_a_picture(partnerships):
    view = V.render_notebook(partnerships, title=HOSTILE_HEADING, height=500)
    frame = view._repr_html_()
    assert frame.count("<iframe") == 1 and frame.count("<script") == 0 and frame.count("<img") == 1
    assert 'sandbox="allow-scripts allow-downloads"' in frame and "allow-same-origin" not in frame
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame).group(1)
    assert "<" not in srcdoc and ">" not in srcdoc
    packed = re.search(r'id="z">([^<]*)<', html.unescape(srcdoc)).group(1)
    import gzip
    assert gzip.decompress(base64.b64decode(packed)).decode("utf-8") == view.page
    # stored packed, picture included: about half the 800 KB an inline page took, and less than the page alone
    assert len(frame) < 420_000 and len(frame) < len(view.page) * 0.8
    png = re.search(r'src="data:image/png;base64,([^"]+)"', frame).group(1)
    assert base64.b64decode(png)[:8] == b"\x89PNG\r\n\x1a\n"
    bundle = view._repr_mimebundle_()
    assert bundle["text/html"] == frame and png not in bundle["text/plain"]


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
    pdf = V.render_static(partnerships, tmp_path / "net.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    with pytest.raises(ValueError, match="png, svg or pdf"):
        V.render_static(partnerships, tmp_path / "net.gif")
    assert sorted(os.listdir(tmp_path)) == ["again.svg", "net.pdf", "net.png", "net.svg"]


def test_static_figure_labels_every_node_without_overlaps(partnerships):
    fig = V.static_figure(partnerships)
    labels = [t for t in fig.axes[0].texts if t.get_gid() == "node-label"]
    assert len(labels) == partnerships.number_of_nodes()
    assert V.label_overlaps(fig) == 0


def test_cli_writes_a_pdf_and_refuses_an_unknown_suffix(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    run = [sys.executable, "-m", "csgraph", "viz", str(ROOT / "data"), "-o"]
    r = subprocess.run([*run, "x.pdf"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "x.pdf").read_bytes()[:5] == b"%PDF-"
    r = subprocess.run([*run, "x.gif"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "x.gif" in r.stderr
    assert not (tmp_path / "x.gif").exists()


def test_layout_is_deterministic_and_spreads_components():
    G = nx.disjoint_union(nx.path_graph(5), nx.star_graph(6))
    G.add_node("alone")
    pos1, physics = V.layout_positions(G)
    pos2, _ = V.layout_positions(G)
    assert pos1 == pos2 and not physics
    assert set(pos1) == set(G)
    assert len({p for p in pos1.values()}) == G.number_of_nodes()


def test_large_component_layout_is_the_same_in_every_process_and_keeps_nodes_apart():
    """A component too large for a spring layout is laid out by communities; string hashing differs from one
    process to the next and must not change a position."""
    code = ("import json, networkx as nx, csgraph.viz as V; "
            "G = nx.relabel_nodes(nx.barabasi_albert_graph(3000, 1, seed=3), lambda v: f'n{v}'); "
            "pos = V.layout_positions(G)[0]; print(json.dumps(sorted((str(k), v) for k, v in pos.items())))")
    outs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert outs[0] == outs[1]
    pos = dict((k, tuple(v)) for k, v in json.loads(outs[0]))
    assert len(pos) == 3000 and len(set(pos.values())) == 3000
    # the drawing is about as wide as high (a page fits it), not a long strip
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 0.5 < width / height < 2


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


def open_page(browser, path, timeout: float = 60.0) -> float:
    browser.get(path.as_uri())
    return wait_ready(browser, timeout)


@pytest.mark.browser
def test_page_renders_offline_without_console_errors(browser, partnerships, tmp_path):
    page = tmp_path / "net.html"
    V.render_html(partnerships, page, title="Partnerships")
    open_page(browser, page)
    assert console_errors(browser) == []
    counts = browser.execute_script("return [csgraph.view.nodes.length, csgraph.view.edges.length]")
    assert counts == [partnerships.number_of_nodes(), partnerships.number_of_edges()]
    assert browser.execute_script("return document.querySelectorAll('#csgraph-network canvas').length") == 1
    legend = browser.execute_script(
        "return Array.from(document.querySelectorAll('#csgraph-legend-items li')).map(li => li.textContent)")
    assert len(legend) == len({k for _, k in partnerships.nodes(data="kind")})
    assert any(item.startswith("local authority") for item in legend)
    assert browser.execute_script("return document.getElementById('csgraph-authority').options.length") \
        == 1 + sum(1 for _, k in partnerships.nodes(data="kind") if k == "LocalAuthority")
    tip = browser.execute_script("const t = csgraph.view.nodes.get(0).title; return [t instanceof Element,"
                                 " t.children.length]")
    assert tip == [True, 0]


# The label boxes vis-network has drawn, in pixels of the drawing: vis keeps each drawn label's box
# (labelModule.size, canvas units); a label whose node is out of view is not drawn, and its box is left over.
DRAWN_LABELS = """
const v = csgraph.view, net = v.network, s = net.getScale(), box = net.body.container.getBoundingClientRect();
const a = net.DOMtoCanvas({x: 0, y: 0}), b = net.DOMtoCanvas({x: box.width, y: box.height});
const view = {left: a.x, top: a.y, right: b.x, bottom: b.y};
return v.nodes.getIds().map(id => net.body.nodes[id])
  .filter(n => n.labelModule.visible() && n.isBoundingBoxOverlappingWith(view)).map(n => {
    const l = n.labelModule.size, p = net.canvasToDOM({x: l.left, y: l.top});
    return {text: n.options.label, x: p.x, y: p.y, w: l.width * s, h: l.height * s,
            px: n.labelModule.fontOptions.size * s};
  });
"""
# moves the view, then calls back once vis-network has drawn it
MOVE = """
const net = csgraph.view.network, done = arguments[arguments.length - 1];
net.once("afterDrawing", () => done(true));
net.moveTo({scale: arguments[0], position: arguments[1], animation: false});
net.redraw();
"""


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"]
            and b["y"] < a["y"] + a["h"]]


@pytest.mark.browser
def test_bundled_network_labels_never_overlap_at_1400x900(browser, partnerships, tmp_path):
    """Every label drawn is 10 px or larger and overlaps no other: the authorities' and partnerships' labels when
    the whole network is in view, the others as one zooms in (the layout keeps room for every label)."""
    page = tmp_path / "net.html"
    V.render_html(partnerships, page)
    open_page(browser, page)
    assert browser.execute_script("return [window.innerWidth, window.innerHeight]")[0] == 1400
    shown = browser.execute_script(DRAWN_LABELS)
    assert len(shown) >= 3 and min(b["px"] for b in shown) >= 10
    assert overlapping(shown) == []
    # the authorities and partnerships can be read with the whole network in view
    leading = {n for n, k in partnerships.nodes(data="kind") if k in ("LocalAuthority", "Partnership")}
    assert {" ".join(b["text"].split()) for b in shown} == {partnerships.nodes[n]["label"] for n in leading}
    box = browser.execute_script("return document.getElementById('csgraph-network').getBoundingClientRect()")
    assert all(0 <= b["x"] and b["x"] + b["w"] <= box["width"] and 0 <= b["y"] and b["y"] + b["h"] <= box["height"]
               for b in shown)
    # closer in, more labels are drawn, and still none overlaps another
    data = page_data(page.read_text(encoding="utf-8"))
    x0, y0, x1, y1 = min(data["x"]), min(data["y"]), max(data["x"]), max(data["y"])
    scale = browser.execute_script("return csgraph.view.network.getScale()")
    for zoom in (2, 4):
        browser.execute_async_script(MOVE, scale * zoom, {"x": (x0 + x1) / 2, "y": (y0 + y1) / 2})
        shown = browser.execute_script(DRAWN_LABELS)
        assert shown and overlapping(shown) == [], zoom
    # every label drawn (the smallest at 10 px), the view moved over the whole network: none overlaps
    smallest = browser.execute_script("return Math.min(...csgraph.view.nodes.get().map(n => n.font.size))")
    step_x, step_y = box["width"] / (10.5 / smallest) * 0.9, box["height"] / (10.5 / smallest) * 0.9
    seen = set()
    for i in range(int((x1 - x0) / step_x) + 2):
        for j in range(int((y1 - y0) / step_y) + 2):
            browser.execute_async_script(MOVE, 10.5 / smallest, {"x": x0 + i * step_x, "y": y0 + j * step_y})
            shown = browser.execute_script(DRAWN_LABELS)
            assert overlapping(shown) == [], (i, j)
            seen.update(b["text"] for b in shown)
    assert len(seen) == browser.execute_script("return new Set(csgraph.view.nodes.get().map(n => n.label)).size")


def click_node(browser, index: int) -> None:
    """A real mouse click on node ``index`` where the page draws it."""
    from selenium.webdriver.common.action_chains import ActionChains

    x, y = browser.execute_script(
        "const v = csgraph.view, i = arguments[0];"
        "if (v.renderer) { const d = v.renderer.getNodeDisplayData(String(i));"
        "  const p = v.renderer.framedGraphToViewport(d); return [p.x, p.y]; }"
        "const p = v.network.canvasToDOM(v.network.getPosition(i)); return [p.x, p.y];", index)
    canvas = browser.find_element("id", "csgraph-network")
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(canvas, int(x - size["width"] / 2),
                                                      int(y - size["height"] / 2)).click().perform()


def explore(browser, G, la_label: str) -> None:
    """Search, click, filter and snapshot as a reader would; checks what the page shows."""
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    labels = [str(d.get("label", n)) for n, d in G.nodes(data=True)]
    search = browser.find_element("id", "csgraph-search")
    search.send_keys(la_label, Keys.ENTER)
    assert browser.find_element("id", "csgraph-facts-title").text == la_label
    assert browser.find_element("id", "csgraph-facts").is_displayed()
    browser.find_element("id", "csgraph-facts-close").click()
    assert not browser.find_element("id", "csgraph-facts").is_displayed()
    target = max(range(len(labels)), key=lambda i: (G.degree(list(G)[i]), -i))
    browser.execute_script("csgraph.go(arguments[0])", target)
    browser.find_element("id", "csgraph-facts-close").click()
    click_node(browser, target)
    clicked = labels.index(browser.find_element("id", "csgraph-facts-title").text)  # the node under the mouse
    assert G.degree(list(G)[clicked]) > 0
    links = browser.find_elements("css selector", "#csgraph-facts-links li")
    assert len(links) == min(G.degree(list(G)[clicked]), 61)
    kinds = sorted({d.get("kind") for _, d in G.nodes(data=True)})
    kind_label = N.KIND_LABELS.get(kinds[0], kinds[0])
    Select(browser.find_element("id", "csgraph-group")).select_by_visible_text(kind_label)
    wanted = sum(1 for _, k in G.nodes(data="kind") if k == kinds[0])
    assert browser.find_element("id", "csgraph-status").text == f"showing {wanted} of {len(G)} nodes"
    Select(browser.find_element("id", "csgraph-group")).select_by_index(0)
    Select(browser.find_element("id", "csgraph-authority")).select_by_visible_text(la_label)
    status = browser.find_element("id", "csgraph-status").text
    assert status.startswith("showing ") and status.endswith(f" of {len(G)} nodes")
    browser.find_element("id", "csgraph-snapshot").click()
    shot = browser.execute_script("return csgraph.lastSnapshot")
    assert shot.startswith("data:image/png;base64,") and len(shot) > 5000


@pytest.mark.browser
def test_small_page_search_click_filter_snapshot(browser, partnerships, tmp_path):
    page = tmp_path / "net.html"
    V.render_html(partnerships, page)
    open_page(browser, page)
    whole = browser.execute_script("return csgraph.view.network.getScale()")
    explore(browser, partnerships, "London Borough of Lewisham")
    hidden = "return csgraph.view.nodes.get().filter(n => !n.hidden).length"
    assert browser.execute_script(hidden) == len(N.authority_nodes(partnerships, ID + "lewisham"))
    # the view re-fitted to the authority: closer than the whole, and every shown node inside the drawing
    assert browser.execute_script("return csgraph.view.network.getScale()") > whole
    outside = browser.execute_script(
        "const v = csgraph.view, box = document.getElementById('csgraph-network').getBoundingClientRect();"
        "return v.nodes.get().filter(n => !n.hidden).map(n => v.network.canvasToDOM(v.network.getPosition(n.id)))"
        ".filter(p => p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height).length")
    assert outside == 0
    assert console_errors(browser) == []


def national_network(n: int) -> nx.MultiDiGraph:
    """A network of ``n`` nodes shaped like a national one: authorities with services, partners and schools."""
    B = nx.barabasi_albert_graph(n, 1, seed=3)
    kinds = ["Service", "PartnerOrganisation", "School", "School", "School", "Partnership"]
    G = nx.MultiDiGraph()
    for v in B:
        kind = "LocalAuthority" if v % 100 == 0 else kinds[v % len(kinds)]
        G.add_node(f"n{v}", label=f"{N.KIND_LABELS[kind].capitalize()} {v}", kind=kind,
                   title=f"Number {v}", source="https://example.org/doc")
    G.add_edges_from((f"n{u}", f"n{v}", "partOf", {"relation": "partOf"}) for u, v in B.edges())
    return G


@pytest.mark.browser
@pytest.mark.slow
def test_ten_thousand_node_page_is_ready_and_explorable(browser, tmp_path):
    G = national_network(10_000)
    page = tmp_path / "big.html"
    V.render_html(G, page)
    open_page(browser, page, timeout=120)
    assert browser.execute_script("return document.body.getAttribute('data-renderer')") == "webgl"
    assert browser.execute_script("return [csgraph.view.graph.order, csgraph.view.graph.size]") == [10_000, 9_999]
    explore(browser, G, "Local authority 0")
    assert console_errors(browser) == []


@pytest.mark.browser
def test_highlighted_trace_is_drawn(browser, partnerships, tmp_path):
    page = tmp_path / "net.html"
    path = [ID + "cs-rp-pilot", ID + "cs-rp-partnership", ID + "restorative-now"]
    V.render_html(partnerships, page, highlight=path)
    open_page(browser, page)
    assert browser.execute_script(
        "return csgraph.view.nodes.get().filter(n => n.borderWidth === 4).length") == 3
    assert browser.execute_script("return csgraph.view.edges.get().filter(e => e.width === 4).length") == 2
    assert "highlighted trace" in browser.find_element("id", "csgraph-legend").text
    # drawn with WebGL, the trace's links are thick lines in the highlight colour, the others thin
    V.render_html(partnerships, page, highlight=path, renderer="webgl")
    open_page(browser, page)
    drawn = browser.execute_script(
        "const r = csgraph.view.renderer; return csgraph.view.graph.edges().map(e => r.getEdgeDisplayData(e))"
        ".map(d => [d.type, d.color])")
    assert sorted(d for d in drawn if d[0] == "thick") == [["thick", "#e6007e"]] * 2
    assert console_errors(browser) == []


@pytest.mark.browser
def test_hostile_graph_runs_no_script(browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException

    for renderer in ("vis", "webgl"):
        page = tmp_path / f"evil-{renderer}.html"
        V.render_html(hostile_graph(), page, title=HOSTILE_HEADING, highlight=["s"], renderer=renderer)
        open_page(browser, page)
        browser.execute_script("csgraph.select(arguments[0])", 1)
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018 - raises when no dialog is open
        injected = browser.execute_script(
            "return document.querySelectorAll('img, svg, iframe, object, embed, a').length")
        assert injected == 0
        assert browser.title == HOSTILE_HEADING
        assert browser.find_element("tag name", "h1").text == HOSTILE_HEADING
        assert browser.find_element("id", "csgraph-facts-title").text == HOSTILE_LABEL
        assert HOSTILE_TITLE in browser.find_element("id", "csgraph-facts-lines").text
        assert console_errors(browser) == []


@pytest.mark.browser
def test_csp_blocks_a_tampered_script(browser, tmp_path):
    page = V.render_html(nx.path_graph(3))
    tampered = page.replace('"use strict";', '"use strict"; window.tampered = 1;', 1)
    (tmp_path / "tampered.html").write_text(tampered, encoding="utf-8")
    browser.get((tmp_path / "tampered.html").as_uri())
    start = time.monotonic()
    while not console_errors(browser) and time.monotonic() - start < 10:
        time.sleep(0.05)
    assert browser.execute_script("return document.body.getAttribute('data-state')") != "ready"
    assert browser.execute_script("return typeof window.tampered") == "undefined"


@pytest.mark.browser
def test_notebook_iframe_renders(browser, tmp_path):
    view = V.render_notebook(nx.karate_club_graph(), height=500)
    wrapper = tmp_path / "notebook.html"
    wrapper.write_text(f"<!DOCTYPE html><html><body>{view._repr_html_()}</body></html>", encoding="utf-8")
    browser.get(wrapper.as_uri())
    browser.switch_to.frame(browser.find_element("tag name", "iframe"))
    wait_ready(browser)
    assert browser.execute_script("return csgraph.n") == 34
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


def test_the_same_data_gives_the_same_page_bytes_in_separate_processes(tmp_path):
    """String hashing differs from one process to the next; the page (layout included) must not."""
    import os
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"page-{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "csgraph", "viz", "-o", str(out), "--no-cache"], check=True,
                       env=env, capture_output=True, timeout=300)
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
