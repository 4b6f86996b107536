"""The ontology's example files: each valid one conforms; each invalid one fails on the shape or
check its first line names. Every bundled case file validates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import csgraph

EXAMPLES = Path(__file__).resolve().parent.parent / "ontology" / "examples"
VALID = sorted((EXAMPLES / "valid").glob("*"))
INVALID = sorted((EXAMPLES / "invalid").glob("*"))


def test_there_are_examples():
    assert len(VALID) >= 2 and len(INVALID) >= 10


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_conforms(path):
    report = csgraph.validate(csgraph.load(path))
    assert report.conforms, report.to_text()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_fails_on_its_shape(path):
    expected = re.search(r"# fails: (\S+)", path.read_text()).group(1)
    try:
        kg = csgraph.load(path)
    except csgraph.errors.CaseFileError as exc:
        # the case-file reader applies the shapes' value bounds as it reads, so a case file that
        # breaks them is refused at load, naming the file and the key
        assert path.suffix == ".yaml" and path.name in str(exc), exc
        return
    report = csgraph.validate(kg)
    assert not report.conforms
    checks = {p.check.removeprefix("shacl:") for p in report.problems}
    assert expected in checks, report.to_text()


def test_bundled_data_validates(bundled_kg):
    report = csgraph.validate(bundled_kg)
    assert report.conforms, report.to_text()
    assert "shacl" in report.checks and len(report.checks) >= 6


def test_report_forms():
    report = csgraph.validate(csgraph.load(EXAMPLES / "invalid" / "pilot-without-status.trig"))
    assert "does not conform" in report.to_text()
    assert report.to_table()[0]["focus"] == "bad-pilot"
    assert "<table>" in report._repr_html_()

