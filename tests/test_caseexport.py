"""`csgraph export --format case`: case files written back from a graph read back to the same quads."""

from __future__ import annotations

import re

import pytest
from test_casefile import case2

import csgraph
from csgraph.cli import main
from csgraph.resources import data_dir


def quads(kg):
    return {str(q) for q in kg.store}


@pytest.mark.parametrize("path", sorted(data_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_each_bundled_case_file_round_trips(tmp_path, path, capsys):
    assert main(["export", str(path), "--format", "case"]) == 0
    (tmp_path / path.name).write_text(capsys.readouterr().out)
    assert quads(csgraph.load(tmp_path / path.name)) == quads(csgraph.load(path))


def test_all_bundled_case_files_round_trip_together(tmp_path):
    assert main(["export", "--format", "case", "-o", str(tmp_path / "out")]) == 0
    written = sorted(p.stem for p in (tmp_path / "out").iterdir())  # one file per case study, named by its id
    assert written == sorted(re.search(r"^case:.*?\bid: ([\w-]+)", p.read_text(), re.M | re.S).group(1)
                             for p in data_dir().glob("*.yaml"))
    assert quads(csgraph.load(tmp_path / "out")) == quads(csgraph.load(bundled=True))


def test_scoped_ids_cross_case_links_not_stated_and_value_sources_round_trip(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "north.yaml").write_text(case2("north"))
    (tmp_path / "in" / "south.yaml").write_text(case2("south", ", north:police").replace(
        "  rp:", "  plan: {type: Strategy, label: Plan, from: page#vision, owner: not-stated, start: "
        "{value: 2021, from: other}}\n  rp:").replace("sources:\n", "sources:\n  other: {url: \"https://example.org/o\"}\n"))
    before = csgraph.load(tmp_path / "in")
    assert main(["export", str(tmp_path / "in"), "--format", "case", "-o", str(tmp_path / "out")]) == 0
    text = (tmp_path / "out" / "south.yaml").read_text()
    assert "format: csgraph-case/2" in text and "north:police" in text and "owner: not-stated" in text
    assert quads(csgraph.load(tmp_path / "out")) == quads(before)


def test_several_cases_need_a_folder(capsys):
    assert main(["export", "--format", "case"]) == 2
    assert "give -o FOLDER" in capsys.readouterr().err
