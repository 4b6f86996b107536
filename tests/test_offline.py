"""The suite's audit hook really blocks: no non-loopback connection, no stray file reads while
parsing, querying and rendering."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from offline import BLOCKED, files_only

import csgraph
from csgraph.resources import ontology_dir, queries_dir

ROOT_DATA = csgraph.resources.data_dir()


def test_connection_to_the_outside_is_refused():
    with pytest.raises(PermissionError, match="offline"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises((PermissionError, OSError)):
        urllib.request.urlopen("http://example.org/", timeout=1)
    assert any("192.0.2.1" in b for b in BLOCKED)


def test_loopback_is_allowed():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    with socket.create_connection(srv.getsockname(), timeout=1):
        pass
    srv.close()


def test_guard_blocks_stray_reads(tmp_path):
    with files_only(tmp_path), pytest.raises(PermissionError):
        open("/etc/hostname").close()


def test_parsing_querying_and_rendering_touch_only_their_files(tmp_path):
    src = tmp_path / "case.yaml"
    src.write_text((ROOT_DATA / "lewisham.yaml").read_text())
    before = len(BLOCKED)
    with files_only(tmp_path, ontology_dir(), queries_dir(), csgraph.__path__[0]):
        kg = csgraph.load(src)
        csgraph.validate(kg)
        csgraph.query(kg, "pilots")
        csgraph.trace(kg, "early help")
        G = csgraph.partnership_network(kg)
        csgraph.render_html(G, tmp_path / "page.html")
    assert len(BLOCKED) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml", "page.html"]


def test_the_command_line_reads_and_writes_only_its_files_and_its_cache(tmp_path):
    """The command line keeps the store, the case-file schema and the query header in the user's cache
    folder: those are the only files it touches beyond the input and csgraph's own (each run in a fresh
    process under the same audit hook, the first deriving and writing, the second reading)."""
    src = tmp_path / "data" / "case.yaml"
    src.parent.mkdir()
    src.write_text((ROOT_DATA / "lewisham.yaml").read_text())
    cache = tmp_path / "cache"
    roots = [str(p) for p in (src.parent, cache, ontology_dir(), queries_dir(), csgraph.__path__[0])]
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
            "from offline import BLOCKED, files_only, install\n"
            "from csgraph.cli import main\n"
            f"install()\nwith files_only(*{roots!r}):\n"
            f"    code = main(['query', 'pilots', {str(src)!r}])\n"
            "print(code, BLOCKED)\n")
    env = {**os.environ, "CSGRAPH_CACHE_DIR": str(cache)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
            for _ in range(2)]
    for run in runs:
        assert run.stdout.rstrip().endswith("0 []"), run.stdout[-500:] + run.stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout and "(1 row)" in runs[0].stdout
    kinds = sorted("-".join(p.name.split("-")[:2]) if p.name.startswith("derived-") else p.name.split("-")[0]
                   for p in cache.iterdir())
    assert kinds == ["derived-query", "derived-schema", "store"]
