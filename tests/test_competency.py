"""The competency-question table (ontology/competency-questions.yaml), asserted on the bundled data."""

from __future__ import annotations

import pytest
import yaml

import csgraph
from csgraph.resources import ontology_dir

TABLE = yaml.safe_load((ontology_dir() / "competency-questions.yaml").read_text())


def test_table_names_real_queries():
    names = {q.name for q in csgraph.queries()}
    assert TABLE and all(row["query"] in names for row in TABLE)


@pytest.mark.parametrize("row", TABLE, ids=[r["id"] for r in TABLE])
def test_competency_question(bundled_kg, row):
    results = csgraph.query(bundled_kg, row["query"], **row.get("params", {}))
    records = results.to_records()
    assert records, f"{row['id']}: no rows"
    for expected in row.get("include", []):
        assert any(all(r.get(k) == str(v) for k, v in expected.items()) for r in records), (
            f"{row['id']}: no row with {expected}")
    if "column" in row:
        spec = row["column"]
        where = spec.get("where", {})
        got = {r.get(spec["name"]) for r in records if all(r.get(k) == v for k, v in where.items())}
        assert got == set(spec["equals"]), f"{row['id']}: {sorted(got, key=str)}"
