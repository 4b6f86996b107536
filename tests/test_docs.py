"""The generated ontology documentation."""

from __future__ import annotations

from csgraph.cli import main


def test_docs_page(tmp_path):
    out = tmp_path / "ontology.html"
    assert main(["docs", "-o", str(out)]) == 0
    html = out.read_text()
    for needle in ('id="Pilot"', "pilot or programme", "Content-Security-Policy", "extra-familial contexts",
                   "evidence for domain"):
        assert needle in html
    assert "<script" not in html and "http://" not in html.split("<body>")[0]
