"""csgraph serve: a real Oxigraph server behind csgraph's front door, stopped cleanly however it is
stopped, refusing foreign Host headers, answering while slow clients hang, and CORS for one origin
(checked from a page in real Chromium)."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from remote_helpers import QUERIES, same
from servers import free_port

import csgraph
from csgraph.endpoint import Endpoint, connect
from csgraph.errors import CSGraphError, EndpointError
from csgraph.server import serve

ROOT = Path(__file__).resolve().parent.parent
ASK = "ASK { ?p a cs:Pilot }"


def _env(tmp_path: Path) -> dict:
    return {**os.environ, "TMPDIR": str(tmp_path),
            "PYTHONPATH": str(Path(csgraph.__file__).resolve().parent.parent)}


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (read from /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.server
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=["SIGTERM", "SIGHUP", "SIGINT"])
def test_every_way_of_stopping_stops_the_server_and_removes_its_data(tmp_path, signum):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "csgraph", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(tmp_path))
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in line, line + proc.stderr.read()
        assert connect(f"http://127.0.0.1:{port}/query").select(ASK).boolean
        children = _children(proc.pid)
        assert children, "the Oxigraph server runs as a child of csgraph serve"
        assert list(tmp_path.glob("csgraph-serve-*"))
        proc.send_signal(signum)
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert all(_gone(pid) for pid in children)
    assert not list(tmp_path.glob("csgraph-serve-*"))


@pytest.mark.server
def test_a_busy_port_is_reported_before_serving(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "csgraph", "serve", "--port", str(port)],
                              capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert done.returncode == 2
    assert "Serving" not in done.stdout
    assert f"port {port}" in done.stderr and "in use" in done.stderr and "--port" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("csgraph-serve-*"))
    with pytest.raises(CSGraphError, match=r"port=") as err:
        with socket.socket() as again:
            again.bind(("127.0.0.1", 0))
            again.listen()
            serve(csgraph.load(), port=again.getsockname()[1])
    assert "--port" not in str(err.value)


def _get(port: int, host: str, path: str = "/query?query=ASK%7B%7D") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host)
        conn.putheader("Accept", "application/sparql-results+json")
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def served(bundled_kg):
    with serve(bundled_kg, port=0) as server:
        yield server


@pytest.mark.server
@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1.nip.io:{port}", ""])
def test_foreign_host_headers_are_refused(served, host):
    port = int(served.base_url.rsplit(":", 1)[1])
    status, body = _get(port, host.format(port=port))
    assert status == 403 and b"Host" in body


@pytest.mark.server
@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}"])
def test_the_loopback_names_are_answered(served, host):
    port = int(served.base_url.rsplit(":", 1)[1])
    status, body = _get(port, host.format(port=port))
    assert status == 200 and b"true" in body


@pytest.mark.server
def test_it_answers_while_many_slow_clients_hang(served):
    """300 clients that send half a request and wait (bounded: 300 sockets, closed at the end)."""
    port = int(served.base_url.rsplit(":", 1)[1])
    slow = []
    try:
        for _ in range(300):
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
            slow.append(s)
        remote = connect(served.query_url, timeout=20, retries=0)
        assert remote.select(ASK).boolean
        assert csgraph.query(remote, "pilots").to_records()
    finally:
        for s in slow:
            s.close()
    assert connect(served.query_url).select(ASK).boolean


@pytest.mark.server
def test_queries_have_a_time_limit_on_the_server(bundled_kg):
    with serve(bundled_kg, port=0, query_timeout=1) as server:
        heavy = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        with pytest.raises(csgraph.EndpointError):
            connect(server.query_url, timeout=120, retries=0).select(heavy)
        assert connect(server.query_url).select(ASK).boolean  # still answering


# --- CORS, from a page on another origin in real Chromium ------------------------------------------

PAGE = """<!doctype html><meta charset="utf-8"><title>waiting</title><p id="out">waiting</p>
<script>
fetch("%s", {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded",
  "Accept": "application/sparql-results+json"}, body: "query=" + encodeURIComponent("ASK { GRAPH ?g { ?s ?p ?o } }")})
  .then(r => r.json()).then(d => { document.getElementById("out").textContent = "answer " + d.boolean; })
  .catch(e => { document.getElementById("out").textContent = "refused"; });
</script>"""


@pytest.fixture
def other_origin(tmp_path):
    """A static page server on another port of 127.0.0.1: another origin for the browser."""
    (tmp_path / "site").mkdir()

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(tmp_path / "site"), **kw)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield tmp_path / "site", f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _page_answer(browser, folder, origin, query_url, name):
    from selenium.webdriver.support.ui import WebDriverWait

    (folder / name).write_text(PAGE % query_url)
    browser.get(f"{origin}/{name}")
    WebDriverWait(browser, 30).until(lambda b: b.find_element("id", "out").text != "waiting")
    return browser.find_element("id", "out").text


@pytest.mark.server
@pytest.mark.browser
def test_a_page_on_another_origin_can_query_only_with_cors(bundled_kg, browser, other_origin):
    folder, origin = other_origin
    with serve(bundled_kg, port=0) as closed:
        assert _page_answer(browser, folder, origin, closed.query_url, "closed.html") == "refused"
    with serve(bundled_kg, port=0, cors=origin) as opened:
        assert _page_answer(browser, folder, origin, opened.query_url, "open.html") == "answer true"
    with serve(bundled_kg, port=0, cors="https://someone.else.example") as elsewhere:
        assert _page_answer(browser, folder, origin, elsewhere.query_url, "else.html") == "refused"


@pytest.mark.server
def test_connections_past_the_bound_are_turned_away_not_queued(bundled_kg):
    with serve(bundled_kg, port=0, max_connections=20) as server:
        port = int(server.base_url.rsplit(":", 1)[1])
        held = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(20)]
        try:
            status, _ = _get(port, f"127.0.0.1:{port}")
            assert status == 503
        finally:
            for s in held:
                s.close()
        assert connect(server.query_url).select(ASK).boolean


@pytest.mark.server
def test_serve_answers_like_the_embedded_store(pushed_kg):
    with serve(pushed_kg, port=0) as server:
        assert server.query_url.startswith("http://127.0.0.1:")
        remote = connect(server.query_url)
        for key in ("provenance", "aggregate", "ask"):
            same(pushed_kg.select(QUERIES[key]), remote.select(QUERIES[key]))
        with pytest.raises(EndpointError):  # read-only: the update service is not there
            Endpoint(server.query_url, update_url=f"{server.base_url}/update",
                     allow_update=True, retries=0).update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        folder = server.folder
    assert server.process.poll() is not None
    assert not folder.exists()


def test_serve_binds_only_loopback_unless_asked(pushed_kg):
    with pytest.raises(CSGraphError, match="allow_public"):
        serve(pushed_kg, bind="0.0.0.0", port=0)


@pytest.mark.server
def test_serve_command_runs_until_ctrl_c(tmp_path):
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path),
           "PYTHONPATH": str(Path(csgraph.__file__).resolve().parent.parent)}
    proc = subprocess.Popen([sys.executable, "-m", "csgraph", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in line, line + proc.stderr.read()
        assert connect(f"http://127.0.0.1:{port}/query").select(QUERIES["ask"]).boolean
        assert list(tmp_path.glob("csgraph-serve-*"))
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not list(tmp_path.glob("csgraph-serve-*"))


@pytest.mark.parametrize("origin", ["yasgui.example", "https://yasgui.example/page", "https://a b", ""])
def test_a_cors_origin_that_is_not_an_origin_is_refused(origin, capsys):
    from csgraph.cli import main

    with pytest.raises(CSGraphError, match="cors="):
        serve(csgraph.load(), port=0, cors=origin)
    assert main(["serve", "--port", "0", "--cors", origin]) == 2
    err = capsys.readouterr().err
    assert "--cors" in err and "cors=" not in err.replace("--cors", "")
