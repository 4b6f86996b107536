"""Shared fixtures. Other engineers' fixtures (servers, browser) live below the core ones."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from offline import install as _install_offline_hook

import csgraph

_install_offline_hook()  # the whole suite runs offline: no connection beyond 127.0.0.1 (see offline.py)
# commands run by the tests cache their stores in a folder of the run's own, not the user's
os.environ["CSGRAPH_CACHE_DIR"] = tempfile.mkdtemp(prefix="csgraph-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
EXAMPLES = ROOT / "ontology" / "examples"


def _missing(what: str) -> None:
    """A system package the tests drive is missing: the test fails and says what to install (the
    tests use the real thing or nothing). .ci/run installs these packages; fixtures never do."""
    pytest.fail(what + "; .ci/run installs it (as root), or install it yourself", pytrace=False)


@pytest.fixture(scope="session")
def bundled_kg():
    """The bundled case data, loaded once (treat as read-only)."""
    return csgraph.load(DATA)


@pytest.fixture
def fresh_kg():
    """The bundled case data in a store of the test's own."""
    return csgraph.load(DATA)


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 that nothing listens on (it was free a moment ago)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- SPARQL servers (remote endpoints): real Oxigraph and Virtuoso processes on 127.0.0.1 ---------
# `oxigraph_server` / `virtuoso_server` are empty servers for the session; `oxigraph_pushed` /
# `virtuoso_pushed` are the same servers once `pushed_kg` (data/) has been pushed to them (with .kg,
# the embedded copy to compare against, and .graphs). Tests that write other data use `fresh_oxigraph`,
# or restore the bundled data on Virtuoso, so discovery keeps seeing exactly the bundled graphs.



@dataclass
class SparqlServer:
    """A SPARQL server the tests started: its URLs, process and write credentials (if any)."""

    name: str
    base_url: str
    query_url: str
    update_url: str
    store_url: str
    process: subprocess.Popen = field(repr=False)
    credentials: tuple[str, str] | None = field(default=None, repr=False)

    @contextlib.contextmanager
    def writing(self):
        """Put the write credentials in CSGRAPH_ENDPOINT_USER/PASSWORD while the block runs."""
        with pytest.MonkeyPatch.context() as mp:
            if self.credentials:
                mp.setenv("CSGRAPH_ENDPOINT_USER", self.credentials[0])
                mp.setenv("CSGRAPH_ENDPOINT_PASSWORD", self.credentials[1])
            yield


@dataclass
class PushedServer:
    """A server holding the pushed bundled data; ``kg`` is the embedded copy that was pushed."""

    server: SparqlServer
    kg: object = field(repr=False)
    summary: object = field(repr=False)

    name = property(lambda self: self.server.name)
    base_url = property(lambda self: self.server.base_url)
    query_url = property(lambda self: self.server.query_url)
    update_url = property(lambda self: self.server.update_url)
    store_url = property(lambda self: self.server.store_url)
    graphs = property(lambda self: self.summary.graphs)

    def connect(self, **kw):
        """A remote KnowledgeGraph on this server (graphs discovered, unless ``graphs=`` is given)."""
        from csgraph.remote import connect

        return connect(self.query_url, **kw)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _oxigraph_exe() -> str:
    from csgraph.remote import oxigraph_executable

    try:
        return oxigraph_executable()
    except csgraph.CSGraphError:
        _missing("the oxigraph server is not installed (pip install 'oxigraph>=0.5,<0.6')")


@contextlib.contextmanager
def start_oxigraph(location: Path | None = None):
    """`oxigraph serve` (default configuration, no union default graph) on a free 127.0.0.1 port."""
    from csgraph.remote import free_port, wait_until_answering

    port = free_port()
    args = [_oxigraph_exe(), "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        args += ["--location", str(location)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{base}/query", process=process, timeout=60)
        yield SparqlServer("oxigraph", base, f"{base}/query", f"{base}/update", f"{base}/store",
                           process)
    finally:
        _stop(process)


def _virtuoso_exe() -> str:
    found = shutil.which("virtuoso-t")
    if not found:
        _missing("Virtuoso is not installed (apt-get install virtuoso-opensource, as root)")
    return found


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
AllowOSCalls = 0
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
MaxClientConnections = 10
ServerThreads = 10
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


@contextlib.contextmanager
def start_virtuoso(folder: Path):
    """`virtuoso-t +foreground` with a generated virtuoso.ini: SQL and HTTP on free 127.0.0.1 ports.

    Anonymous /sparql is read-only; writes go to /sparql-graph-crud-auth (graph store) or
    /sparql-auth (SPARQL Update) with Digest auth as dba, whose password is set to a random one
    through isql-vt as soon as the server is up.
    """
    from csgraph.remote import free_port, wait_until_answering

    exe = _virtuoso_exe()
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(d=folder, sql_port=sql_port, http_port=http_port))
    log = open(folder / "console.log", "wb")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen([exe, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        try:
            wait_until_answering(f"{base}/sparql", process=process, timeout=120)
        except (TimeoutError, RuntimeError) as exc:
            tail = (folder / "console.log").read_text(errors="replace")[-2000:]
            pytest.fail(f"Virtuoso did not start: {exc}\n{tail}")
        password = secrets.token_urlsafe(12)
        isql = shutil.which("isql-vt") or shutil.which("isql")
        if isql:
            done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba",
                                   f"exec=user_set_password('dba', '{password}');"],
                                  capture_output=True, text=True, timeout=60, check=False)
            if done.returncode != 0:
                password = "dba"
        else:
            password = "dba"
        yield SparqlServer("virtuoso", base, f"{base}/sparql", f"{base}/sparql-auth",
                           f"{base}/sparql-graph-crud-auth", process, ("dba", password))
    finally:
        _stop(process)
        log.close()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """An Oxigraph server (on-disk store) for the session; holds the bundled data once
    `oxigraph_pushed` has run."""
    with start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db") as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """A Virtuoso server for the session; holds the bundled data once `virtuoso_pushed` has run."""
    with start_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture
def fresh_oxigraph():
    """An empty in-memory Oxigraph server of the test's own."""
    with start_oxigraph() as server:
        yield server


def _pushed(server: SparqlServer, kg) -> PushedServer:
    from csgraph.remote import push

    with server.writing():
        summary = push(kg, server.base_url)
    return PushedServer(server, kg, summary)


@pytest.fixture(scope="session")
def pushed_kg():
    """The bundled case data (``data/``) as pushed to the servers; treat as read-only."""
    from csgraph.loader import load  # not csgraph.load: importing the submodule shadows that name

    return load(DATA)


@pytest.fixture(scope="session")
def oxigraph_pushed(oxigraph_server, pushed_kg):
    """The Oxigraph server with `pushed_kg` pushed to it."""
    return _pushed(oxigraph_server, pushed_kg)


@pytest.fixture(scope="session")
def virtuoso_pushed(virtuoso_server, pushed_kg):
    """The Virtuoso server with `pushed_kg` pushed to it."""
    return _pushed(virtuoso_server, pushed_kg)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def pushed_server(request):
    """Each server in turn, with the bundled data pushed to it."""
    return request.getfixturevalue(f"{request.param}_pushed")


# --- headless Chromium (browser tests of csgraph.viz) --------------------------------------------
# Debian's chromium and chromedriver, installed with apt-get when missing and running as root. Every
# browser starts with networking cut off (a proxy on the discard port) and a fresh profile.

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--proxy-server=127.0.0.1:9")


def _chromium_paths() -> tuple[str, str] | None:
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chrome, driver) if chrome and driver else None


@pytest.fixture(scope="session")
def chromium():
    """(chromium, chromedriver) executables; the test fails naming the packages if they are missing."""
    found = _chromium_paths()
    if found is None:
        _missing("Chromium is not installed (apt-get install chromium chromium-driver, as root)")
    return found


@pytest.fixture
def browser(chromium, tmp_path):
    """A headless Chromium driven by Selenium, offline, with a fresh profile under tmp_path.

    Its console is readable with ``browser.get_log("browser")``.
    """
    from selenium import webdriver  # in the [test] extra
    from selenium.webdriver.chrome.service import Service

    chrome, driver_exe = chromium
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}",
                 "--window-size=1400,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_exe), options=options)
    try:
        yield driver
    finally:
        driver.quit()
