"""The frame every page of a release shares: a strict Content-Security-Policy, one style sheet, a
navigation bar, and escaping of everything that comes from data.

>>> page = html_page("A <b> title", "<p>body</p>", depth=1)
>>> "A &lt;b&gt; title" in page and 'href="../index.html"' in page
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from typing import Any

__all__ = ["CSS", "csp_hash", "esc", "html_page", "json_block", "relative"]

CSS = """body{font-family:system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:0 1rem 3rem;color:#222}
nav.site{border-bottom:1px solid #ccc;padding:.6rem 0;margin-bottom:1rem}nav.site a{margin-right:1rem}
h1{font-size:1.6rem}h2{margin-top:2rem;font-size:1.25rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0;width:100%}th,td{border:1px solid #ddd;padding:.25rem .5rem;
text-align:left;vertical-align:top}th{background:#f4f4f4}code{background:#f4f4f4;padding:0 .2rem}
.iri{color:#555;font-size:.9rem;word-break:break-all}.muted{color:#666}ul.cols{columns:18rem}
textarea{width:100%;font-family:monospace}.error{color:#a00}pre{white-space:pre-wrap}
label{margin-right:1rem}.trace ul{list-style:none;border-left:2px solid #8ab;margin-left:.4rem;padding-left:1rem}"""

_NAV = (("index.html", "Home"), ("query.html", "Query"), ("network.html", "Network"),
        ("ontology.html", "Ontology"), ("downloads.html", "Downloads"))


def esc(text: Any) -> str:
    """Text from data, safe in HTML content and in quoted attribute values."""
    return html.escape(str(text), quote=True)


def csp_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def json_block(element_id: str, data: Any) -> str:
    """Data as a non-executable ``<script type="application/json">`` block (never run as code).

    >>> json_block("d", {"a": "</script><b>"})
    '<script type="application/json" id="d">{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}</script>'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return f'<script type="application/json" id="{esc(element_id)}">{text}</script>'


def relative(path: str, depth: int) -> str:
    """``path`` (relative to the release's root) as seen from a page ``depth`` folders down."""
    return "../" * depth + path


def html_page(title: str, body: str, *, depth: int = 0, head: str = "", scripts: tuple[str, ...] = (),
              extra_script_src: str = "") -> str:
    """A complete page: ``body`` (already escaped HTML) inside the shared frame.

    ``scripts`` are inline scripts (module scripts when they start with ``//module``), each allowed
    by its hash and nothing else; ``extra_script_src`` adds sources such as ``'wasm-unsafe-eval'``.
    """
    script_tags = []
    hashes = []
    for code in scripts:
        kind = ' type="module"' if code.startswith("//module") else ""
        script_tags.append(f"<script{kind}>{code}</script>")
        hashes.append(csp_hash(code))
    script_src = " ".join([*hashes, extra_script_src]).strip() or "'none'"
    csp = (f"default-src 'none'; script-src {script_src}; style-src {csp_hash(CSS)}; img-src data:; "
           "connect-src 'none'; base-uri 'none'; form-action 'none'")
    nav = "".join(f'<a href="{esc(relative(href, depth))}">{esc(text)}</a>' for href, text in _NAV)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n{head}</head>\n<body>\n"
            f"<nav class=\"site\">{nav}</nav>\n<main>\n<h1>{esc(title)}</h1>\n{body}\n</main>\n"
            f"{''.join(script_tags)}\n</body>\n</html>\n")
