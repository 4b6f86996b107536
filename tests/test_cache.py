"""The per-user store cache: the same answers as a fresh load, a new entry for changed input, private
folders only, bounded size, and the CLI's --no-cache and `csgraph cache`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import csgraph
from csgraph.cache import KEEP, cached_load, clear, entries


def _quads(kg) -> set:
    return {str(q) for q in kg.store}


def test_a_cached_store_holds_what_a_fresh_load_holds(tmp_path, bundled_kg):
    first = cached_load(bundled=True, folder=tmp_path)
    again = cached_load(bundled=True, folder=tmp_path)
    assert _quads(first) == _quads(again) == _quads(bundled_kg)
    assert sorted(again.sources) == sorted(first.sources) and len(again.sources) == len(bundled_kg.sources)
    assert len(entries(tmp_path)) == 1


def test_a_changed_file_gets_a_new_entry_and_its_new_facts(tmp_path):
    data = tmp_path / "extra.nt"
    data.write_text('<https://w3id.org/csgraph/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "Old" .\n')
    folder = tmp_path / "cache"
    old = cached_load(data, folder=folder)
    data.write_text('<https://w3id.org/csgraph/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "New" .\n')
    new = cached_load(data, folder=folder)
    labels = lambda kg: {r[0] for r in kg.select_text(  # noqa: E731
        "SELECT ?l WHERE { <https://w3id.org/csgraph/id/x> rdfs:label ?l }")}
    assert labels(old) == {"Old"} and labels(new) == {"New"}
    assert len(entries(folder)) == 2


def test_a_failing_load_leaves_no_entry_and_raises_the_load_error(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    with pytest.raises(csgraph.errors.CSGraphError, match="bad.ttl"):
        cached_load(bad, folder=tmp_path / "cache")
    assert entries(tmp_path / "cache") == []
    assert not any((tmp_path / "cache").iterdir())


def test_a_folder_others_can_write_to_is_not_used(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    kg = cached_load(bundled=True, folder=folder)
    assert len(kg) > 0 and entries(folder) == []


def test_the_cache_keeps_a_bounded_number_of_stores(tmp_path):
    folder = tmp_path / "cache"
    for i in range(KEEP + 2):
        f = tmp_path / f"f{i}.nt"
        f.write_text(f'<https://w3id.org/csgraph/id/x{i}> <http://www.w3.org/2000/01/rdf-schema#label> "{i}" .\n')
        cached_load(f, folder=folder)
    assert len(entries(folder)) == KEEP
    assert clear(folder) == KEEP and entries(folder) == []


def _cli(*args, cache):
    env = {**os.environ, "CSGRAPH_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "csgraph", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_cli_reuses_the_cache_and_no_cache_leaves_it_alone(tmp_path):
    cache = tmp_path / "cache"
    plain = _cli("query", "pilots", "--no-cache", cache=cache)
    # no store is kept; what csgraph derived from its own files (schema, header) is, as on any run
    assert plain.returncode == 0 and entries(cache) == [] and not list(cache.glob("*store-*"))
    first = _cli("query", "pilots", cache=cache)
    second = _cli("query", "pilots", cache=cache)
    assert first.stdout == second.stdout == plain.stdout
    assert len(entries(cache)) == 1
    listed = _cli("cache", "list", cache=cache)
    assert "1 cached store(s)" in listed.stdout
    cleared = _cli("cache", "clear", cache=cache)
    assert cleared.returncode == 0 and "removed 1" in cleared.stdout and entries(cache) == []
    assert not any(cache.iterdir())  # the derived schema and query headers went too


def test_cli_validate_and_export_read_the_cached_store(tmp_path):
    cache = tmp_path / "cache"
    assert _cli("validate", cache=cache).returncode == 0
    out = tmp_path / "all.nq"
    assert _cli("export", "--format", "nq", "-o", str(out), cache=cache).returncode == 0
    assert len(entries(cache)) == 1
    assert out.stat().st_size > 0
    shutil.rmtree(cache)


def _derived(cache) -> list[str]:
    return sorted(p.name.rsplit("-", 1)[0] for p in cache.glob("derived-*.json"))


def test_cli_keeps_the_schema_and_query_header_it_derived_and_answers_the_same(tmp_path):
    cache = tmp_path / "cache"
    case = tmp_path / "case.yaml"
    case.write_text((csgraph.resources.data_dir() / "lewisham.yaml").read_text())
    plain = _cli("query", "pilots", str(case), "--no-cache", cache=cache)
    first = _cli("query", "pilots", str(case), cache=cache)
    assert _derived(cache) == ["derived-query-header", "derived-schema"]
    # a derived file that does not read back is derived again, and the answer is the same
    for f in cache.glob("derived-*.json"):
        f.write_text("{not json")
    for store in entries(cache):  # so that the case file is read again, and the schema needed
        shutil.rmtree(store)
    again = _cli("query", "pilots", str(case), cache=cache)
    assert first.returncode == 0 and first.stdout == again.stdout == plain.stdout
    assert all(f.read_text().startswith(("{", "[")) and f.read_text() != "{not json"
               for f in cache.glob("derived-*.json"))


@pytest.mark.parametrize("paths", [[], ["data"]], ids=["bundled", "a folder given"])
def test_a_query_answered_from_the_cache_imports_only_what_it_needs(tmp_path, paths):
    cache = tmp_path / "cache"
    data = [str(Path(__file__).resolve().parent.parent / p) for p in paths]
    code = (f"import sys; from csgraph.cli import main; main(['query', 'pilots', *{data!r}]); "
            "print(sorted(m for m in ('rdflib', 'yaml', 'pyshacl', 'networkx', 'SPARQLWrapper', 'pyvis', "
            "'pandas') if m in sys.modules), file=sys.stderr)")
    env = {**os.environ, "CSGRAPH_CACHE_DIR": str(cache)}
    run = lambda: subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,  # noqa: E731
                                 env=env, timeout=300)
    cold, warm = run(), run()
    assert cold.returncode == 0 and warm.returncode == 0 and cold.stdout == warm.stdout
    assert "rdflib" in cold.stderr  # the first run reads the case files
    assert warm.stderr.strip() == "[]"


def test_case_files_read_with_the_kept_schema_give_the_same_quads(tmp_path):
    cache = tmp_path / "cache"
    fresh, again = tmp_path / "fresh.nq", tmp_path / "again.nq"
    assert _cli("export", "--format", "nq", "-o", str(fresh), "--no-cache", cache=cache).returncode == 0
    assert _derived(cache) == ["derived-schema"]  # the first run derived the schema and kept it
    kept = next(cache.glob("derived-schema-*.json"))
    written = kept.stat().st_mtime_ns
    assert _cli("export", "--format", "nq", "-o", str(again), "--no-cache", cache=cache).returncode == 0
    assert kept.stat().st_mtime_ns == written  # read back, not derived and written again
    assert sorted(fresh.read_text().splitlines()) == sorted(again.read_text().splitlines())
