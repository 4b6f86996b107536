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


def test_docs_word_each_relation_both_ways_with_its_direction(tmp_path):
    import html as h
    import re

    from csgraph.relations import RELATIONS

    out = tmp_path / "ontology.html"
    assert main(["docs", "-o", str(out)]) == 0
    page = out.read_text()
    from csgraph.namespace import CS

    documented = [r for r in RELATIONS if r.predicate in CS]   # the page documents the cs: terms
    assert len(documented) > 15
    for r in documented:
        block = page[page.index(f'id="{r.name}"'):]
        block = block[:block.index("</div>")]
        assert f"X {h.escape(r.forward)} Y; Y {h.escape(r.backward)} X" in block, r.name
        assert re.search(r"strategy to practice</dt><dd>[^<]+", block), r.name
