"""csgraph.opener.open_kg: the one way to open data, from files, the bundled data or an endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest

from csgraph.errors import CSGraphError, NotFoundError
from csgraph.opener import open_kg

CASE = Path(__file__).resolve().parent.parent / "ontology" / "examples" / "valid" / "pilot-with-rollout.trig"


def test_an_endpoint_or_files():
    assert open_kg([], "http://127.0.0.1:9/query").is_remote
    assert not open_kg([], None).is_remote
    with pytest.raises(CSGraphError, match="not both"):
        open_kg(["data"], "http://127.0.0.1:9/query")


def test_no_paths_open_the_bundled_data(bundled_kg):
    assert len(open_kg()) == len(bundled_kg)


def test_the_cache_gives_the_same_data_as_a_fresh_load():
    fresh = open_kg([CASE])
    cached = open_kg([CASE], cache=True)
    again = open_kg([CASE], cache=True)
    assert sorted(map(str, cached.store)) == sorted(map(str, fresh.store)) == sorted(map(str, again.store))
    assert cached.sources == fresh.sources


def test_paths_that_hold_nothing_are_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("not data\n")
    with pytest.raises(NotFoundError, match="nothing found"):
        open_kg([tmp_path])


def test_files_and_an_endpoint_together_are_one_error_on_the_command_line(capsys, tmp_path):
    from csgraph.cli import main

    assert main(["query", "pilots", str(tmp_path), "--endpoint", "http://127.0.0.1:9/query"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--endpoint, not both" in err[0]
