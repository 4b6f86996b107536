"""csgraph.summary: what a loaded graph holds, in the counts `csgraph load` prints."""

from __future__ import annotations

import csgraph
from csgraph.summary import summarise


def test_the_summary_counts_the_things_of_each_case_and_class(bundled_kg):
    s = summarise(bundled_kg)
    assert (s.files, s.quads, s.graphs) == (len(bundled_kg.sources), len(bundled_kg), len(bundled_kg.graphs()))
    things = csgraph.query(bundled_kg, "things-by-class")
    assert sum(s.by_case.values()) == sum(s.by_class.values()) == sum(int(r["things"]) for r in things)
    assert {str(r["caseTitle"]) for r in things} == set(s.by_case)


def test_a_graph_without_case_data_has_only_the_totals():
    text = summarise(csgraph.load()).to_text()
    assert text.startswith("loaded 0 file(s): ") and "things by" not in text
