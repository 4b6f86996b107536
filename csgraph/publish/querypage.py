"""The query page: the release's data in Oxigraph compiled to WebAssembly, queried in the browser.

Browsers refuse to ``fetch`` files next to a page opened from a folder (``file://``), so the page
carries everything it needs: the N-Quads, the compressed WebAssembly module (base64) and the named
queries travel in non-executable ``application/json`` blocks, and Oxigraph's own ``web.js`` runs as an
inline module script together with the page's code; the Content-Security-Policy allows those two
scripts by hash and WebAssembly compilation, and nothing else. Named queries run with the union of the
named graphs as their default graph and the PREFIX header of :data:`csgraph.kg.PREFIX_HEADER`, as the
embedded store runs them; parameters are bound in a ``VALUES`` block made of checked terms, placed
first in the WHERE group (as :func:`csgraph.remote.connect` binds them), never pasted into the text.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
from functools import lru_cache
from importlib.resources import files

from ..catalogue import queries
from ..errors import CSGraphError
from ..kg import PREFIX_HEADER
from .htmlkit import esc, html_page, json_block
from .layout import PAGE_ROOTS

__all__ = ["OXIGRAPH_VERSION", "query_catalogue", "query_page", "vendored_files"]

OXIGRAPH_VERSION = "0.5.11"
_WASM_SHA256 = "b95b15accb6b789667b8d8b0b8f139d5de588e572499672ff37ce9ba01c4a428"
_JS_SHA256 = "2fcfdcadc79c9146cee98028a273aebc93df3282eb0299c248595bc529deca41"
_MARK = "#csgraph-values-here"


def vendored_files() -> dict[str, bytes]:
    """Oxigraph's licence texts and manifest as shipped with csgraph (name -> bytes)."""
    root = files("csgraph.publish") / "vendor" / "oxigraph"
    return {name: (root / name).read_bytes()
            for name in ("LICENSE-MIT", "LICENSE-APACHE", "package.json", "README.txt")}


@lru_cache(maxsize=1)
def _oxigraph() -> tuple[str, str]:
    """(web.js, base64 of the gzipped wasm), both checked against the digests of the npm package."""
    root = files("csgraph.publish") / "vendor" / "oxigraph"
    try:
        js = (root / "web.js").read_bytes()
        packed = (root / "web_bg.wasm.gz").read_bytes()
        wasm = gzip.decompress(packed)
    except (OSError, EOFError) as exc:
        raise CSGraphError(f"cannot read the Oxigraph web build shipped with csgraph ({exc}); "
                           "reinstall csgraph") from None
    if (hashlib.sha256(js).hexdigest() != _JS_SHA256
            or hashlib.sha256(wasm).hexdigest() != _WASM_SHA256):
        raise CSGraphError("the Oxigraph web build shipped with csgraph does not match the npm "
                           f"package oxigraph {OXIGRAPH_VERSION}; reinstall csgraph")
    text = js.decode("utf-8")
    if "</script" in text.lower() or "<!--" in text:
        raise CSGraphError("Oxigraph's web.js cannot be inlined in a page (it holds '</script')")
    return text, base64.b64encode(packed).decode("ascii")


def query_catalogue() -> list[dict]:
    """The named queries as the page needs them: header, parameters, and the text split where a
    ``VALUES`` block of bound parameters goes.

    >>> [q["name"] for q in query_catalogue()][:2]
    ['accreditations', 'approaches']
    """
    from ..remote import _with_values

    out = []
    for q in queries():
        marked = _with_values(q.text, _MARK) if q.params else q.text + "\n" + _MARK
        head, tail = marked.split(_MARK, 1)
        out.append({"name": q.name, "summary": q.summary, "description": q.description,
                    "cq": list(q.cq), "head": head, "tail": tail,
                    "params": [{"name": p.name, "type": p.type, "description": p.description,
                                "default": None if p.default is None else str(p.default),
                                "required": p.required} for p in q.params]})
    return out


_APP_JS = r"""
const $ = (id) => document.getElementById(id);
const readJson = (id) => JSON.parse($(id).textContent);
const CONFIG = readJson("csgraph-config");
const CATALOGUE = readJson("csgraph-queries");
let STORE = null;
const IRI_OK = /^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>"{}|^`\\]*$/;
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,120}$/;
const TYPES = {integer: "http://www.w3.org/2001/XMLSchema#integer", boolean: "http://www.w3.org/2001/XMLSchema#boolean",
               date: "http://www.w3.org/2001/XMLSchema#date", year: "http://www.w3.org/2001/XMLSchema#gYear"};

function setStatus(text, state) { $("csgraph-status").textContent = text; document.body.dataset.state = state; }

const HAS_PAGE = new Map();
function pageOf(iri) {
  if (!CONFIG.roots.some((r) => iri.startsWith(r))) return null;
  // a thing has a page when the data says something about it
  if (!HAS_PAGE.has(iri)) HAS_PAGE.set(iri, STORE.match(namedNode(iri), null, null, null).length > 0);
  if (!HAS_PAGE.get(iri)) return null;
  const parts = iri.slice(CONFIG.base.length).split("/");
  if (parts.length < 2 || !parts.every((p) => SEGMENT.test(p) && !p.endsWith("."))) return null;
  return parts.join("/") + ".html";
}

function quoteString(text) {
  return '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r") + '"';
}

function termOf(param, value) {
  const v = value.trim();
  if (param.type === "iri") {
    if (!IRI_OK.test(v)) throw new Error(param.name + ": not an absolute IRI (no spaces, <, >, quotes or braces)");
    return "<" + v + ">";
  }
  if (param.type === "string") {
    if (value.includes("\u0000")) throw new Error(param.name + ": contains a NUL character");
    return quoteString(value);
  }
  const checks = {integer: /^[+-]?\d+$/, boolean: /^(true|false)$/, date: /^\d{4}-\d{2}-\d{2}$/, year: /^\d{4}$/};
  if (!checks[param.type] || !checks[param.type].test(v)) throw new Error(param.name + ": not a valid " + param.type);
  return quoteString(v) + "^^<" + TYPES[param.type] + ">";
}

function valuesBlock(query, values) {
  const names = [], cells = [];
  for (const p of query.params) {
    const value = values[p.name];
    if (value === undefined || value === "") {
      if (p.required) throw new Error("the parameter " + p.name + " is required: " + p.description);
      continue;
    }
    names.push("?" + p.name);
    cells.push(termOf(p, value));
  }
  if (!names.length) return "";
  const block = "VALUES (" + names.join(" ") + ") { (" + cells.join(" ") + ") }";
  // read the block back: it must give one row with exactly the values given
  const check = STORE.query("SELECT * WHERE {} " + block);
  const ok = check.length === 1 && query.params.every((p) => {
    const value = values[p.name];
    if (value === undefined || value === "") return true;
    const term = check[0].get(p.name);
    return term && term.value === (p.type === "string" ? value : value.trim());
  });
  if (!ok) throw new Error("a parameter value does not survive SPARQL quoting");
  return block;
}

function run(text) {
  const answer = STORE.query(CONFIG.prefixes + text, {use_default_graph_as_union: true, results_format: "json"});
  if (typeof answer !== "string") throw new Error("only SELECT and ASK queries show results here");
  return JSON.parse(answer);
}

function runNamed(name, values) {
  const q = CATALOGUE.find((c) => c.name === name);
  if (!q) throw new Error("no named query " + name);
  return run(q.head + valuesBlock(q, values) + q.tail);
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  td.dataset.type = term.type;
  if (term.type === "uri") {
    const page = pageOf(term.value);
    const el = document.createElement(page ? "a" : "span");
    if (page) el.href = page;
    el.textContent = term.value;
    td.appendChild(el);
  } else {
    td.textContent = term.value;
  }
  return td;
}

function show(answer) {
  const out = $("csgraph-results");
  out.replaceChildren();
  if (typeof answer.boolean === "boolean") {
    out.textContent = "Answer: " + answer.boolean;
    $("csgraph-count").textContent = "1 answer";
    return;
  }
  const vars = answer.head.vars, table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const v of vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  const body = table.createTBody();
  for (const b of answer.results.bindings) {
    const tr = body.insertRow();
    for (const v of vars) tr.appendChild(cell(b[v]));
  }
  out.appendChild(table);
  const n = answer.results.bindings.length;
  $("csgraph-count").textContent = n + (n === 1 ? " row" : " rows");
}

function guarded(work) {
  $("csgraph-error").textContent = "";
  document.body.dataset.state = "running";
  try { show(work()); document.body.dataset.state = "answered"; }
  catch (e) { $("csgraph-error").textContent = String(e.message || e); document.body.dataset.state = "failed"; }
}

function showParams() {
  const q = CATALOGUE.find((c) => c.name === $("csgraph-query").value);
  $("csgraph-summary").textContent = q.summary + (q.cq.length ? " (" + q.cq.join(", ") + ")" : "");
  $("csgraph-sparql").value = q.head + q.tail;
  const box = $("csgraph-params");
  box.replaceChildren();
  for (const p of q.params) {
    const label = document.createElement("label");
    label.append(p.name + (p.required ? " (required) " : " "));
    const input = document.createElement("input");
    input.name = p.name; input.value = p.default || ""; input.title = p.description; input.size = 40;
    input.dataset.param = p.name;
    label.appendChild(input);
    box.appendChild(label);
  }
}

function paramValues() {
  const values = {};
  for (const input of $("csgraph-params").querySelectorAll("input")) values[input.dataset.param] = input.value;
  return values;
}

function selfCheck() {
  // #check: every named query with its defaults, as JSON text, for `csgraph publish --check`
  const out = {};
  for (const q of CATALOGUE) {
    if (q.params.some((p) => p.required && p.default === null)) continue;
    const answer = runNamed(q.name, {});
    out[q.name] = answer.results.bindings.map((b) => answer.head.vars.map((v) => (b[v] ? b[v].value : null)));
  }
  $("csgraph-check").textContent = JSON.stringify(out);
}

async function start() {
  setStatus("Loading Oxigraph and the data…", "loading");
  const packed = Uint8Array.from(atob(readJson("csgraph-wasm")), (c) => c.charCodeAt(0));
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  const wasm = await new Response(stream).arrayBuffer();
  await __wbg_init({module_or_path: wasm});
  STORE = new Store();
  STORE.load(readJson("csgraph-data").nquads, {format: "application/n-quads"});
  const select = $("csgraph-query");
  for (const q of CATALOGUE) select.add(new Option(q.name + ": " + q.summary, q.name));
  select.addEventListener("change", showParams);
  showParams();
  $("csgraph-run").addEventListener("click", () => guarded(() => runNamed(select.value, paramValues())));
  $("csgraph-run-sparql").addEventListener("click", () => guarded(() => run($("csgraph-sparql").value)));
  if (location.hash === "#check") selfCheck();
  setStatus("Ready: " + STORE.size + " quads loaded in Oxigraph " + CONFIG.oxigraph
            + " (WebAssembly), in this browser.", "ready");
}

start().catch((e) => { setStatus("Could not start: " + (e.message || e), "failed"); console.error(e); });
"""

_BODY = """<p>Ask the release's data questions here, in your browser: nothing is sent anywhere. Pick a
named query (its parameters are filled with their defaults) or write SPARQL below. Every query sees the
union of the named graphs as its default graph, and these prefixes are declared: {prefixes}.</p>
<p id="csgraph-status" role="status">This page needs JavaScript and WebAssembly.</p>
<h2>Named queries</h2>
<p><label>Query <select id="csgraph-query"></select></label></p>
<p id="csgraph-summary" class="muted"></p>
<div id="csgraph-params"></div>
<p><button id="csgraph-run" type="button">Run the named query</button></p>
<h2>SPARQL</h2>
<p><textarea id="csgraph-sparql" rows="12" aria-label="SPARQL query"
>SELECT ?thing ?label WHERE {{ ?thing a cs:LocalAuthority ; rdfs:label ?label }} ORDER BY ?label</textarea></p>
<p><button id="csgraph-run-sparql" type="button">Run this SPARQL</button></p>
<h2>Results <small id="csgraph-count" class="muted"></small></h2>
<p id="csgraph-error" class="error" role="alert"></p>
<div id="csgraph-results"></div>
<pre id="csgraph-check" hidden></pre>
<p class="muted">Oxigraph {version} (npm package <code>oxigraph</code>, MIT or Apache-2.0: see
<a href="licences/oxigraph/LICENSE-MIT">LICENSE-MIT</a> and
<a href="licences/oxigraph/LICENSE-APACHE">LICENSE-APACHE</a>).</p>
"""


def query_page(nquads: str, *, title: str = "Query the data") -> str:
    """The query page for a release whose data is ``nquads`` (the N-Quads dump)."""
    js, wasm = _oxigraph()
    prefixes = ", ".join(f"<code>{esc(line.split()[1])}</code>" for line in PREFIX_HEADER.splitlines())
    config = {"prefixes": PREFIX_HEADER, "base": "https://w3id.org/csgraph/", "roots": list(PAGE_ROOTS),
              "oxigraph": OXIGRAPH_VERSION}
    body = (_BODY.format(prefixes=prefixes, version=esc(OXIGRAPH_VERSION))
            + json_block("csgraph-config", config) + json_block("csgraph-queries", query_catalogue())
            + json_block("csgraph-data", {"nquads": nquads}) + json_block("csgraph-wasm", wasm))
    module = "//module: Oxigraph's web.js (unchanged), then the page's code\n" + js + "\n" + _APP_JS
    return html_page(title, body, scripts=(module,), extra_script_src="'wasm-unsafe-eval'")
