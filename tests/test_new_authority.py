"""A case file written from the template alone, about an authority csgraph has never seen, is answered
by the named queries and the trace with no change to the code."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _csgraph(*args, cwd):
    r = subprocess.run([sys.executable, "-m", "csgraph", *args], cwd=cwd, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("newcase")
    _csgraph("new-case", "wychwood", cwd=cwd)
    text = (cwd / "wychwood.yaml").read_text()
    # what a researcher does with the template: real names in place of the placeholders
    for placeholder, name in (("Name of the authority", "Wychwood Borough Council"),
                              ("Name of the strategy or plan", "Wychwood Safer Adolescents Plan"),
                              ("Name of the pilot", "Wychwood school detached-youth-work pilot"),
                              ("A challenge in your own words", "Keeping youth workers in post"),
                              ("https://example.org/replace-with-the-case-study-address",
                               "https://example.org/wychwood-case-study")):
        assert placeholder in text, placeholder
        text = text.replace(placeholder, name)
    (cwd / "wychwood.yaml").write_text(text)
    return cwd


def test_it_validates(folder):
    _csgraph("validate", "wychwood.yaml", "--no-cache", cwd=folder)


def test_the_named_queries_answer_it(folder):
    rows = json.loads(_csgraph("query", "authorities", "--format", "json", "wychwood.yaml", cwd=folder))
    assert "Wychwood Borough Council" in json.dumps(rows)
    pilots = _csgraph("query", "pilots", "wychwood.yaml", cwd=folder)
    assert "Wychwood school detached-youth-work pilot" in pilots
    mandate = _csgraph("query", "strategy-to-practice", "wychwood.yaml", cwd=folder)
    assert "Wychwood Safer Adolescents Plan" in mandate and "Wychwood school detached-youth-work pilot" in mandate
    challenges = _csgraph("query", "challenges", "wychwood.yaml", cwd=folder)
    assert "Keeping youth workers in post" in challenges


def test_the_trace_reaches_the_pilot_and_names_the_source(folder):
    out = _csgraph("trace", "Wychwood Safer Adolescents Plan", "wychwood.yaml", cwd=folder)
    assert "Wychwood school detached-youth-work pilot" in out
    assert "https://example.org/wychwood-case-study" in out
