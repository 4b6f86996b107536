"""The suite's audit hook really blocks: no non-loopback connection, no stray file reads while
parsing, querying and rendering."""

from __future__ import annotations

import socket
import urllib.request

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
