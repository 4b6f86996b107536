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


def test_young_peoples_engagement_is_answerable():
    """CQ22 on a case file that records a survey of young people (the bundled sources hold none)."""
    example = ontology_dir() / "examples" / "valid" / "practice-and-programme-keys.yaml"
    rows = csgraph.query(csgraph.load(example), "engagement").to_records()
    survey = rows[0]
    assert survey["activityLabel"] == "Example survey of children and young people"
    assert survey["youngPeople"] == "yes" and survey["count"] == "more than 2000"
    assert set(survey["reachedThrough"].split("; ")) == {"schools", "youth clubs", "community groups"}
    assert survey["informed"] == "Example youth safety strategy"


def test_small_groups_are_published_as_fewer_than_five():
    example = ontology_dir() / "examples" / "valid" / "practice-and-programme-keys.yaml"
    rows = csgraph.query(csgraph.load(example), "peer-groups").to_records()
    assert rows and {r["size"] for r in rows} == {"<5"}
