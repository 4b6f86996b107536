"""Shared fixtures. Other engineers' fixtures (servers, browser) live below the core ones."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import servers
from offline import install as _install_offline_hook
from servers import SparqlServer

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
        from csgraph.endpoint import connect

        return connect(self.query_url, **kw)


def _oxigraph_exe() -> str:
    from csgraph.server import oxigraph_executable

    try:
        return oxigraph_executable()
    except csgraph.CSGraphError:
        _missing("the oxigraph server is not installed (pip install 'oxigraph>=0.5,<0.6')")


@contextlib.contextmanager
def start_oxigraph(location: Path | None = None):
    """`oxigraph serve` (default configuration, no union default graph) on a free 127.0.0.1 port."""
    try:
        with servers.start_oxigraph(_oxigraph_exe(), location) as server:
            yield server
    except servers.ServerDidNotStart as exc:
        pytest.fail(str(exc))


def _virtuoso_exe() -> str:
    found = shutil.which("virtuoso-t")
    if not found:
        _missing("Virtuoso is not installed (apt-get install virtuoso-opensource, as root)")
    return found


@contextlib.contextmanager
def start_virtuoso(folder: Path):
    """A Virtuoso server on free 127.0.0.1 ports (see servers.start_virtuoso); a failure to start
    fails the test with Virtuoso's log."""
    try:
        with servers.start_virtuoso(_virtuoso_exe(), folder) as server:
            yield server
    except servers.ServerDidNotStart as exc:
        pytest.fail(str(exc))


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
    from csgraph.upload import push

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


@pytest.fixture
def secrets_in_env(monkeypatch, caplog):
    """Credentials in the environment and every log record captured, to check neither leaks."""
    from remote_helpers import PASSWORD

    monkeypatch.setenv("CSGRAPH_ENDPOINT_USER", "ann")
    monkeypatch.setenv("CSGRAPH_ENDPOINT_PASSWORD", PASSWORD)
    caplog.set_level(logging.DEBUG)
    return caplog


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
